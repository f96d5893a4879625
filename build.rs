//! Embeds every `rules/**/*.toml` file in the binary, so built-in rules are plain data files
//! that ship inside the executable, and lists the rules for the fixture tests (one test each).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let rules = root.join("rules");
    println!("cargo::rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    files.sort();
    let mut code = String::from("/// Built-in rule files: (path relative to the crate, contents).\n");
    code.push_str("pub static BUILTIN_RULES: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let rel = file.strip_prefix(&root).expect("under the crate").to_string_lossy().replace('\\', "/");
        writeln!(code, "    ({rel:?}, include_str!({:?})),", file.display().to_string())
            .expect("write to string");
    }
    code.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    std::fs::write(out_dir.join("builtin_rules.rs"), code).expect("OUT_DIR is writable");

    // `tests/fixtures.rs` includes this: one `#[test]` per rule, named after its id
    // (`ringcentral/php-login` is `fixtures::ringcentral_php_login`), so one rule's fixtures run
    // alone and a failing rule does not hide the others. Derived from the rule files' paths (a
    // meta-test holds ids and paths equal), not from the fixture directories, so that editing
    // a fixture does not rebuild the crate.
    let mut tests = String::from("fixture_tests! {\n");
    for file in &files {
        let Ok(rel) = file.strip_prefix(&rules) else { continue };
        let id = rel.with_extension("").to_string_lossy().replace('\\', "/");
        let name: String = id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        writeln!(tests, "    {name} => {id:?},").expect("write to string");
    }
    tests.push_str("}\n");
    std::fs::write(out_dir.join("fixture_tests.rs"), tests).expect("OUT_DIR is writable");
}

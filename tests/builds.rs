//! Rewritten files still build: every positive fixture of the code languages is fixed
//! (`--fix --unsafe-fixes --flow jwt`) and given to its language's own checker when that is on
//! the PATH (`php -l`, `node --check`, `python3 -m py_compile`, `ruby -c`; CI installs them,
//! see `.ci/run`). A missing checker is skipped with a printed note. A fixture that does not
//! build before the fix (snippets, ES modules in `.js`) is not held to it after.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Std;

use assert_cmd::Command;
use tempfile::TempDir;

/// A language's syntax checker: the program and the arguments before the file.
struct Checker {
    extensions: &'static [&'static str],
    program: &'static str,
    args: &'static [&'static str],
}

const CHECKERS: &[Checker] = &[
    Checker { extensions: &["php"], program: "php", args: &["-l"] },
    Checker { extensions: &["js", "cjs", "mjs"], program: "node", args: &["--check"] },
    Checker { extensions: &["py"], program: "python3", args: &["-m", "py_compile"] },
    Checker { extensions: &["rb"], program: "ruby", args: &["-c"] },
];

fn available(program: &str) -> bool {
    Std::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

fn builds(checker: &Checker, file: &Path) -> Result<(), String> {
    let out = Std::new(checker.program).args(checker.args).arg(file).output().expect("checker runs");
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }
}

fn fix(dir: &Path) {
    let out = Command::cargo_bin("pwflow")
        .expect("binary builds")
        .current_dir(dir)
        .args(["check", ".", "--isolated", "--fix", "--unsafe-fixes", "--flow", "jwt", "--quiet"])
        .output()
        .expect("runs");
    let code = out.status.code();
    assert!(code == Some(0) || code == Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Positive fixtures of `checker`'s languages, copied into one directory per rule.
fn copy_fixtures(checker: &Checker, into: &Path) -> Vec<(PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut copied = Vec::new();
    for group in fs::read_dir(&root).expect("fixtures").flatten().filter(|e| e.path().is_dir()) {
        for rule in fs::read_dir(group.path()).expect("group").flatten().filter(|e| e.path().is_dir()) {
            for file in fs::read_dir(rule.path()).expect("rule").flatten() {
                let path = file.path();
                let name = file.file_name().to_string_lossy().into_owned();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
                if !name.starts_with("positive") || !checker.extensions.contains(&ext) {
                    continue;
                }
                let dir = into.join(group.file_name()).join(rule.file_name());
                fs::create_dir_all(&dir).expect("mkdir");
                fs::copy(&path, dir.join(&name)).expect("copy");
                copied.push((path, dir.join(&name)));
            }
        }
    }
    copied
}

#[test]
#[allow(clippy::print_stderr)] // reason: a skipped check must say so, and what was checked
fn rewritten_fixtures_pass_their_language_check() {
    for checker in CHECKERS {
        if !available(checker.program) {
            eprintln!(
                "note: `{}` is not on the PATH: rewritten {:?} files not checked",
                checker.program, checker.extensions
            );
            continue;
        }
        let dir = TempDir::new().expect("tempdir");
        let files = copy_fixtures(checker, dir.path());
        // Only fixtures that build as they are: some are snippets, some ES modules in `.js`.
        let building: Vec<&(PathBuf, PathBuf)> =
            files.iter().filter(|(_, copy)| builds(checker, copy).is_ok()).collect();
        fix(dir.path());
        let mut rewritten = 0;
        let mut failures = Vec::new();
        for (original, copy) in building {
            if fs::read(original).expect("read") == fs::read(copy).expect("read") {
                continue;
            }
            rewritten += 1;
            if let Err(e) = builds(checker, copy) {
                failures.push(format!(
                    "{}: {e}\n{}",
                    original.display(),
                    fs::read_to_string(copy).unwrap_or_default()
                ));
            }
        }
        eprintln!("{}: {rewritten} rewritten fixture(s) checked, of {} copied", checker.program, files.len());
        assert!(failures.is_empty(), "rewritten files that do not build:\n{}", failures.join("\n"));
        assert!(rewritten > 0, "{}: no fixture was rewritten: the test checked nothing", checker.program);
    }
}

/// A call inside an f-string: its rewrite must not reuse the f-string's quote (a SyntaxError
/// before Python 3.12), and `os.environ` needs `import os`, added once for two rewrites.
#[test]
fn python_rewrites_inside_f_strings_and_their_import_build() {
    let dir = TempDir::new().expect("tempdir");
    let src = "from ringcentral import SDK\nimport sys\nrcsdk = SDK('id', 'secret', 'https://platform.ringcentral.com')\nplatform = rcsdk.platform()\nprint(f'{platform.login(\"u\", \"101\", \"p\")}')\nplatform.login('u', '101', 'p')\n";
    fs::write(dir.path().join("a.py"), src).expect("write");
    fix(dir.path());
    let fixed = fs::read_to_string(dir.path().join("a.py")).expect("read");
    assert_eq!(
        fixed,
        "import os\nfrom ringcentral import SDK\nimport sys\nrcsdk = SDK('id', 'secret', 'https://platform.ringcentral.com')\nplatform = rcsdk.platform()\nprint(f'{platform.login(jwt=os.environ[\"RC_JWT\"])}')\nplatform.login(jwt=os.environ['RC_JWT'])\n"
    );
    if available("python3") {
        let checker = &CHECKERS[2];
        builds(checker, &dir.path().join("a.py")).expect("the fixed file compiles");
    }
    // Both quotes taken by the f-strings around the call: not applied, and the finding says why.
    let nested = "from ringcentral import SDK\nimport os\nplatform = SDK('id', 's', 'u').platform()\nprint(f'''{f\"{platform.login(u, e, p)}\"}''')\n";
    fs::write(dir.path().join("b.py"), nested).expect("write");
    let out = Command::cargo_bin("pwflow")
        .expect("binary builds")
        .current_dir(dir.path())
        .args(["check", "b.py", "--isolated", "--format", "json"])
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let fix = &doc["findings"][0]["fixes"][0];
    assert_eq!(fix["applicability"], "display-only", "{doc}");
    assert!(fix["title"].as_str().expect("title").contains("not applied: inside an f-string"), "{fix}");
}

/// Go's `os.Getenv` and C#'s `Environment` get their import or `using`, once per file.
#[test]
fn go_and_csharp_rewrites_add_their_import_once() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ringcentral");
    let dir = TempDir::new().expect("tempdir");
    for (rule, ext) in [("go-password-client", "go"), ("csharp-password-authorize", "cs")] {
        for file in fs::read_dir(fixtures.join(rule)).expect("fixtures").flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            if name.starts_with("positive") && name.ends_with(ext) {
                fs::copy(file.path(), dir.path().join(format!("{rule}-{name}"))).expect("copy");
            }
        }
    }
    fix(dir.path());
    let mut checked = 0;
    for file in fs::read_dir(dir.path()).expect("dir").flatten() {
        let text = fs::read_to_string(file.path()).expect("read");
        let name = file.file_name().to_string_lossy().into_owned();
        if name.ends_with(".go") && text.contains("os.Getenv") {
            let imports = text.matches("\"os\"").count();
            assert_eq!(imports, 1, "{name}:\n{text}");
            checked += 1;
        }
        if name.ends_with(".cs") && text.contains(" Environment.") {
            assert!(text.contains("using System;"), "{name}:\n{text}");
            assert_eq!(text.matches("using System;").count(), 1, "{name}:\n{text}");
            checked += 1;
        }
    }
    assert!(checked > 0, "no rewrite needed an import: the test checked nothing");
}

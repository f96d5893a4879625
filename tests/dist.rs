//! The packaging files agree with each other and with the crate (`dist/test.sh`, run by
//! `.ci/run`, builds and installs the packages themselves): the compiler-free pre-commit hook
//! runs what the `pwflow` hook runs, on the same files; the npm launcher knows every platform
//! package the `pwflow` npm package depends on; the README's Install section names the
//! packages that `dist/package.sh` makes.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn read(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The `key: value` lines of the hook `id` in a `.pre-commit-hooks.yaml`.
fn hook(yaml: &str, id: &str) -> Vec<(String, String)> {
    let start = yaml.find(&format!("- id: {id}\n")).unwrap_or_else(|| panic!("no hook {id}"));
    let mut fields = vec![("id".to_owned(), id.to_owned())];
    for line in yaml[start..].lines().skip(1) {
        let Some(field) = line.strip_prefix("  ") else { break };
        if let Some((key, value)) = field.split_once(':') {
            fields.push((key.trim().to_owned(), value.trim().to_owned()));
        }
    }
    fields
}

fn field<'a>(fields: &'a [(String, String)], key: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == key).map_or_else(|| panic!("no `{key}` in {fields:?}"), |(_, v)| v)
}

#[test]
fn python_hook_runs_what_the_rust_hook_runs() {
    let ours = read(".pre-commit-hooks.yaml");
    let template = read("dist/pre-commit/.pre-commit-hooks.yaml");
    let rust = hook(&ours, "pwflow");
    let python = hook(&template, "pwflow");
    assert_eq!(field(&rust, "language"), "rust");
    assert_eq!(field(&python, "language"), "python");
    for key in ["entry", "types", "require_serial", "minimum_pre_commit_version"] {
        assert_eq!(
            field(&python, key),
            field(&rust, key),
            "dist/pre-commit/.pre-commit-hooks.yaml must keep the `{key}` of the `pwflow` hook in \
             .pre-commit-hooks.yaml: update the template"
        );
    }
    assert!(
        field(&python, "additional_dependencies").starts_with("[\"pwflow=="),
        "the hook must pin the wheel"
    );
}

#[test]
fn npm_launcher_knows_every_platform_package() {
    let package = read("dist/npm/pwflow/package.json");
    let launcher = read("dist/npm/pwflow/bin/pwflow.js");
    let scoped = |text: &str| -> BTreeSet<String> {
        text.split('"')
            .filter(|s| s.starts_with("@pwflow/cli-") && !s.contains(' ') && !s.contains('$'))
            .map(str::to_owned)
            .collect()
    };
    let deps = scoped(&package);
    assert_eq!(deps.len(), 5, "{deps:?}");
    assert_eq!(scoped(&launcher), deps, "bin/pwflow.js and package.json list different platforms");
    // The release builds one package per platform: each npm platform has its target.
    let workflow = read(".github/workflows/release.yml");
    for (npm, target) in [
        ("linux-x64", "x86_64-unknown-linux-musl"),
        ("linux-arm64", "aarch64-unknown-linux-musl"),
        ("darwin-x64", "x86_64-apple-darwin"),
        ("darwin-arm64", "aarch64-apple-darwin"),
        ("win32-x64", "x86_64-pc-windows-msvc"),
    ] {
        assert!(deps.contains(&format!("@pwflow/cli-{npm}")), "{npm}");
        assert!(workflow.contains(&format!("target: {target}")), "release.yml does not build {target}");
    }
}

#[test]
fn readme_install_section_names_the_packages() {
    let readme = read("README.md");
    let section = |title: &str| -> &str {
        let start = readme.find(&format!("\n## {title}\n")).unwrap_or_else(|| panic!("no `## {title}`"));
        let rest = &readme[start..];
        &rest[..rest[1..].find("\n## ").map_or(rest.len(), |i| i + 1)]
    };
    let install = section("Install");
    for words in [
        "pipx install pwflow",
        "pip install pwflow",
        "npx pwflow",
        "npm i -g pwflow",
        "cargo install --locked pwflow",
        ".sha256",
        "sha256sum -c",
        "entrypoint: [\"\"]",
    ] {
        assert!(install.contains(words), "the Install section does not mention `{words}`");
    }
    let pre_commit = section("Use in pre-commit");
    for words in ["pwflow/pwflow-pre-commit", "language: python", "id: pwflow "] {
        assert!(pre_commit.contains(words), "the pre-commit section does not mention `{words}`");
    }
    let start = readme.find("\n## Install\n").expect("install");
    // It comes after the two set-up commands, which stay the README's first code block.
    let first_block = readme.split("```").nth(1).expect("a code block");
    assert!(first_block.contains("cargo run --release -- check"), "{first_block}");
    assert!(readme.find("cargo run --release -- check").expect("setup") < start);
}

//! The README's copy-paste snippets are checked against the code: the pre-commit config names
//! real hook ids, the `pwflow.toml` example is a valid config, the baseline commands run, and the
//! CI snippets use flags and formats that exist.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn readme() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README")
}

/// The fenced block after `<!-- snippet: NAME -->`.
fn snippet(name: &str) -> String {
    let text = readme();
    let marker = format!("<!-- snippet: {name} -->");
    let start = text.find(&marker).unwrap_or_else(|| panic!("README has no snippet `{name}`"));
    let rest = &text[start + marker.len()..];
    let open = rest.find("```").expect("fence");
    let body = &rest[open..];
    let body = &body[body.find('\n').expect("fence line") + 1..];
    body[..body.find("```").expect("closing fence")].to_owned()
}

#[test]
fn readme_starts_with_the_two_setup_commands() {
    let text = readme();
    let first_block = text.split("```").nth(1).expect("a code block");
    assert!(first_block.contains("cargo run --release -- check"), "{first_block}");
    assert!(first_block.contains("cargo test --locked"), "{first_block}");
    let ci = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run")).expect(".ci/run");
    assert!(ci.contains("cargo test --locked"), ".ci/run must run the README's test command");
}

#[test]
fn pre_commit_snippet_names_real_hooks() {
    let hooks = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
        .expect("hooks");
    let config = snippet("pre-commit-config");
    for id in ["pwflow", "pwflow-system"] {
        assert!(hooks.contains(&format!("- id: {id}\n")), "hook {id} missing");
        assert!(config.contains(&format!("id: {id}")), "snippet does not show {id}");
    }
}

#[test]
fn config_snippet_is_a_valid_config() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("pwflow.toml"), snippet("pwflow.toml")).expect("write");
    fs::create_dir_all(dir.path().join("tools/pwflow-rules")).expect("mkdir");
    fs::write(dir.path().join("a.php"), "<?php echo 1;\n").expect("write");
    // The baseline it names does not exist yet: write it, then use it.
    Command::cargo_bin("pwflow")
        .expect("bin")
        .current_dir(dir.path())
        .args(["check", ".", "--write-baseline", "pwflow-baseline.json"])
        .assert()
        .code(0);
    Command::cargo_bin("pwflow").expect("bin").current_dir(dir.path()).args(["check", "."]).assert().code(0);
}

#[test]
fn baseline_snippet_runs() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(
        dir.path().join("a.php"),
        "<?php\nuse RingCentral\\SDK\\SDK;\n$p = (new SDK('i', 's', SDK::SERVER_PRODUCTION))->platform();\n$p->login($u, $e, $pw);\n",
    )
    .expect("write");
    for line in snippet("baseline").lines() {
        let command = line.split('#').next().expect("command").trim();
        let Some(args) = command.strip_prefix("pwflow ") else { continue };
        let args: Vec<&str> = args.split_whitespace().collect();
        Command::cargo_bin("pwflow").expect("bin").current_dir(dir.path()).args(&args).assert().code(0);
    }
}

#[test]
fn ci_snippets_use_existing_flags() {
    let help = Command::cargo_bin("pwflow").expect("bin").args(["check", "--help"]).output().expect("help");
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    for line in snippet("gitlab-ci").lines().filter(|l| l.contains("pwflow check")) {
        for word in line.split_whitespace().filter(|w| w.starts_with("--")) {
            assert!(help.contains(word), "the GitLab snippet uses {word}, which `pwflow check` lacks");
        }
    }
    let gitlab = snippet("gitlab-ci");
    for format in gitlab.split("--format ").skip(1).map(|r| r.split_whitespace().next().expect("format")) {
        assert!(help.contains(format), "format {format} is not offered");
    }
    let action =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).expect("action");
    assert!(snippet("github-actions").contains("args:") && action.contains("  args:"));
}

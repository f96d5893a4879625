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

/// Runs the GitLab snippet's script lines (all but the `cargo install`) with `sh`, as the GitLab
/// runner does, with the test binary on PATH: on a merge-request pipeline it fails only on the
/// findings the branch adds; on other pipelines (no merge-request variables) it fails on any.
#[test]
fn gitlab_snippet_gates_merge_requests_and_other_pipelines() {
    const HEADER: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n";
    let script: Vec<String> = snippet("gitlab-ci")
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- "))
        .filter(|l| !l.starts_with("cargo install"))
        .map(str::to_owned)
        .collect();
    assert!(script.iter().any(|l| l.contains("--diff-base")), "{script:?}");
    let bin = std::path::PathBuf::from(env!("CARGO_BIN_EXE_pwflow"));
    let path_env =
        format!("{}:{}", bin.parent().expect("bin dir").display(), std::env::var("PATH").unwrap_or_default());
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(d)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .expect("git");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    // Runs the script; true when every line succeeds (GitLab stops at the first failure).
    let pipeline = |mr_base: Option<&str>| -> bool {
        script.iter().all(|line| {
            let mut cmd = std::process::Command::new("sh");
            cmd.current_dir(d).args(["-c", line]).env("PATH", &path_env);
            cmd.env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA");
            if let Some(sha) = mr_base {
                cmd.env("CI_MERGE_REQUEST_DIFF_BASE_SHA", sha);
            }
            cmd.output().expect("sh").status.success()
        })
    };
    git(&["init", "-q", "-b", "main"]);
    fs::write(d.join("legacy.php"), format!("{HEADER}$platform->login($u, $e, $p);\n")).expect("write");
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "legacy"]);
    let base = git(&["rev-parse", "HEAD"]);
    git(&["checkout", "-q", "-b", "feature"]);
    fs::write(d.join("jwt.php"), format!("{HEADER}$platform->login(['jwt' => getenv('RC_JWT')]);\n"))
        .expect("write");
    git(&["add", "jwt.php"]);
    git(&["commit", "-q", "-m", "jwt"]);
    assert!(pipeline(Some(&base)), "a merge request that adds no finding must pass");
    assert!(d.join("gl-code-quality-report.json").is_file(), "the Code Quality report is written");
    assert!(!pipeline(None), "a branch pipeline fails on the legacy finding");
    fs::write(d.join("new.php"), format!("{HEADER}$platform->login($a, $b, $c);\n")).expect("write");
    git(&["add", "new.php"]);
    git(&["commit", "-q", "-m", "new login"]);
    assert!(!pipeline(Some(&base)), "a merge request that adds a finding must fail");
}

//! Drives the real `pre-commit` tool (PyPI) with this repository's `.pre-commit-hooks.yaml`:
//! a password-flow commit is refused, a JWT commit passes, and a partially staged fix is judged
//! by what is staged. CI installs pre-commit; elsewhere the test is skipped with a note unless
//! `CI` is set.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pwflow::lang::Lang;
use tempfile::TempDir;

fn run(dir: &Path, program: &str, args: &[&str], path_env: &str) -> Output {
    Command::new(program)
        .current_dir(dir)
        .args(args)
        .env("PATH", path_env)
        .env("PRE_COMMIT_HOME", dir.join(".pre-commit-home"))
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pre_commit_available() -> bool {
    Command::new("pre-commit").arg("--version").output().is_ok_and(|o| o.status.success())
}

const HEADER: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n";

/// A project in a temporary directory whose `.pre-commit-config.yaml` uses this repository's
/// `pwflow-system` hook (with the test binary first on PATH), installed as its git hook.
struct Project {
    _work: TempDir,
    repo: PathBuf,
    path_env: String,
}

/// `None` (after a note) when pre-commit is not installed outside CI.
fn project() -> Option<Project> {
    if !pre_commit_available() {
        assert!(std::env::var_os("CI").is_none(), "CI must install pre-commit (pip install pre-commit)");
        #[expect(clippy::print_stderr, reason = "a skipped test must say so")]
        {
            eprintln!("note: pre-commit is not installed; skipping the pre-commit hook test");
        }
        return None;
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_pwflow"));
    let bin_dir = bin.parent().expect("binary dir");
    let path_env = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let work = TempDir::new().expect("tempdir");

    // A hook repository holding this repository's hook definitions.
    let hooks = work.path().join("hooks");
    fs::create_dir_all(&hooks).expect("mkdir");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .expect("copy hooks");
    ok(&run(&hooks, "git", &["init", "-q"], &path_env), "git init");
    ok(&run(&hooks, "git", &["add", "."], &path_env), "git add");
    ok(&run(&hooks, "git", &["commit", "-q", "-m", "hooks"], &path_env), "git commit");
    let rev = String::from_utf8(run(&hooks, "git", &["rev-parse", "HEAD"], &path_env).stdout).expect("utf8");

    // The project using the hook.
    let repo = work.path().join("repo");
    fs::create_dir_all(&repo).expect("mkdir");
    ok(&run(&repo, "git", &["init", "-q"], &path_env), "git init");
    fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: pwflow-system\n",
            hooks.display(),
            rev.trim()
        ),
    )
    .expect("config");
    ok(&run(&repo, "git", &["add", ".pre-commit-config.yaml"], &path_env), "git add");
    ok(&run(&repo, "git", &["commit", "-q", "-m", "config"], &path_env), "git commit");
    ok(&run(&repo, "pre-commit", &["install"], &path_env), "pre-commit install");
    Some(Project { _work: work, repo, path_env })
}

#[test]
fn pre_commit_hook_blocks_password_flow_and_judges_staged_content() {
    let Some(Project { _work, repo, path_env }) = project() else { return };

    // 1. A password-flow call is refused.
    fs::write(repo.join("login.php"), format!("{HEADER}$platform->login($u, $e, $p);\n")).expect("write");
    ok(&run(&repo, "git", &["add", "login.php"], &path_env), "git add");
    let refused = run(&repo, "git", &["commit", "-q", "-m", "password"], &path_env);
    assert!(!refused.status.success(), "the password-flow commit must be refused");
    let text =
        format!("{}{}", String::from_utf8_lossy(&refused.stdout), String::from_utf8_lossy(&refused.stderr));
    assert!(text.contains("ringcentral/php-password-login"), "{text}");

    // 2. The JWT call is accepted.
    fs::write(repo.join("login.php"), format!("{HEADER}$platform->login(['jwt' => getenv('RC_JWT')]);\n"))
        .expect("write");
    ok(&run(&repo, "git", &["add", "login.php"], &path_env), "git add");
    ok(&run(&repo, "git", &["commit", "-q", "-m", "jwt"], &path_env), "JWT commit");

    // 3. Partially staged: the fix is staged, the working tree still has a password call
    //    further down. The commit is judged by the staged content, so it passes.
    fs::write(repo.join("b.php"), format!("{HEADER}$platform->login($u, $e, $p);\n")).expect("write");
    ok(&run(&repo, "git", &["add", "b.php"], &path_env), "git add");
    fs::write(repo.join("b.php"), format!("{HEADER}$platform->login(['jwt' => getenv('RC_JWT')]);\n"))
        .expect("write");
    ok(&run(&repo, "git", &["add", "b.php"], &path_env), "stage the fix");
    fs::write(
        repo.join("b.php"),
        format!("{HEADER}$platform->login(['jwt' => getenv('RC_JWT')]);\n$platform->login($u, $e, $p);\n"),
    )
    .expect("write");
    ok(&run(&repo, "git", &["commit", "-q", "-m", "partial"], &path_env), "partially staged fix");
    // ...and the reverse: the password call staged, the fix only in the working tree: refused.
    ok(&run(&repo, "git", &["add", "b.php"], &path_env), "stage the password call");
    fs::write(repo.join("b.php"), format!("{HEADER}$platform->login(['jwt' => getenv('RC_JWT')]);\n"))
        .expect("write");
    let refused = run(&repo, "git", &["commit", "-q", "-m", "partial-bad"], &path_env);
    assert!(
        !refused.status.success(),
        "a staged password call must be refused even if the working tree is fixed"
    );
}

/// One file per language family that the PHP/JS-only hook used to let through.
const OTHER_LANGUAGES: &[(&str, &str, &str)] = &[
    (
        "service/login.py",
        "from ringcentral import SDK\nsdk = SDK('id', 'secret', 'https://platform.ringcentral.com')\nplatform = sdk.platform()\nplatform.login('+16505550100', '101', 'hunter2')\n",
        "ringcentral/python-password-login",
    ),
    (
        "src/FaxJob.java",
        "import com.ringcentral.RestClient;\nclass FaxJob {\n  void run() throws Exception {\n    RestClient rc = new RestClient(System.getenv(\"RC_CLIENT_ID\"), System.getenv(\"RC_CLIENT_SECRET\"), RestClient.PRODUCTION_SERVER);\n    rc.authorize(System.getenv(\"RC_USERNAME\"), System.getenv(\"RC_EXTENSION\"), System.getenv(\"RC_PASSWORD\"));\n  }\n}\n",
        "ringcentral/java-password-authorize",
    ),
    (
        ".env",
        "RC_SERVER_URL=https://platform.ringcentral.com\nRC_USERNAME=+16505550100\nRC_PASSWORD=hunter2\n",
        "ringcentral-config/password-credentials",
    ),
    (
        "config/dotenv",
        "RC_SERVER_URL=https://platform.ringcentral.com\nRC_USERNAME=+16505550100\nRC_PASSWORD=hunter2\n",
        "ringcentral-config/password-credentials",
    ),
    (
        "bin/token.sh",
        "#!/bin/sh\ncurl -X POST https://platform.ringcentral.com/restapi/oauth/token -u \"$ID:$SECRET\" -d \"grant_type=password&username=$RC_USERNAME&password=$RC_PASSWORD\"\n",
        "ringcentral/password-grant-request",
    ),
    (
        "ci/token.yaml",
        "token_request:\n  url: https://platform.ringcentral.com/restapi/oauth/token\n  form:\n    grant_type: password\n    username: \"16505550100\"\n    password: hunter2\n",
        "ringcentral/password-grant-request",
    ),
];

#[test]
fn pre_commit_hook_refuses_password_flow_in_every_language() {
    let Some(Project { _work, repo, path_env }) = project() else { return };
    // Files pwflow does not read pass through the hook without complaint.
    fs::write(repo.join("NOTES.txt"), "grant_type=password is gone; see the JWT guide\n").expect("write");
    fs::write(repo.join("LICENSE"), "MIT\n").expect("write");
    ok(&run(&repo, "git", &["add", "NOTES.txt", "LICENSE"], &path_env), "git add");
    ok(&run(&repo, "git", &["commit", "-q", "-m", "notes"], &path_env), "a commit of unread files");
    for (path, content, rule) in OTHER_LANGUAGES {
        let file = repo.join(path);
        fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        fs::write(&file, content).expect("write");
        ok(&run(&repo, "git", &["add", path], &path_env), "git add");
        let refused = run(&repo, "git", &["commit", "-q", "-m", path], &path_env);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&refused.stdout),
            String::from_utf8_lossy(&refused.stderr)
        );
        assert!(!refused.status.success(), "the commit of {path} must be refused:\n{text}");
        assert!(text.contains(rule), "{path}: expected {rule}:\n{text}");
        ok(&run(&repo, "git", &["rm", "-q", "--cached", path], &path_env), "git rm --cached");
        fs::remove_file(&file).expect("rm");
    }
}

/// The hooks pass every text file; identify (pre-commit's file classifier) must tag each
/// extension and `.env`-style name of pwflow's language table as text, or the hook would skip
/// files pwflow reads. A language added to the table is covered here without a change.
#[test]
fn hooks_pass_every_file_name_pwflow_reads() {
    let hooks = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
        .expect("hooks");
    let hook_lines: Vec<&str> = hooks.lines().filter(|l| !l.trim_start().starts_with('#')).collect();
    assert_eq!(hook_lines.iter().filter(|l| l.trim() == "types: [text]").count(), 2, "{hooks}");
    for key in ["types_or:", "files:", "exclude:", "exclude_types:"] {
        assert!(!hook_lines.iter().any(|l| l.trim_start().starts_with(key)), "hooks restrict files by {key}");
    }
    let mut names: Vec<String> =
        Lang::ALL.iter().flat_map(|l| l.spec().extensions.iter().map(|e| format!("file.{e}"))).collect();
    names.extend(
        [
            ".env",
            ".env.local",
            ".envrc",
            "dotenv",
            "env.template",
            "credentials_sample.env.txt",
            "config.json.sample",
        ]
        .map(str::to_owned),
    );
    for name in &names {
        assert!(Lang::from_path(Path::new(name)).is_some(), "{name} is no file pwflow reads");
    }
    let identify = Command::new("identify-cli").arg("--help").output();
    if !identify.is_ok_and(|o| o.status.success()) {
        assert!(std::env::var_os("CI").is_none(), "CI must install pre-commit (which brings identify-cli)");
        #[expect(clippy::print_stderr, reason = "a skipped check must say so")]
        {
            eprintln!("note: identify-cli is not installed; skipping the file-type check");
        }
        return;
    }
    let dir = TempDir::new().expect("tempdir");
    for name in &names {
        let path = dir.path().join(name);
        fs::write(&path, "key=value\n").expect("write");
        let out = Command::new("identify-cli").arg(&path).output().expect("identify-cli");
        let tags = String::from_utf8_lossy(&out.stdout);
        assert!(tags.contains("\"text\""), "identify does not tag {name} as text: {tags}");
    }
}

//! The CI gate: baselines, suppressions, configuration, staged content, diff filtering.

use std::fs;
use std::path::Path;
use std::process::Command as Std;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn pwflow(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn write(dir: &Path, rel: &str, contents: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, contents).expect("write");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Std::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

const HEADER: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n";

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("json output")
}

#[test]
fn baseline_survives_moves_and_reformatting_and_reports_new_and_stale() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "app/a.php",
        &format!(
            "{HEADER}$platform->login($u, $e, $p);\n$platform->login(['username' => $u, 'password' => $p]);\n"
        ),
    );
    pwflow(d).args(["check", ".", "--write-baseline", "baseline.json"]).assert().code(0);
    let text = fs::read_to_string(d.join("baseline.json")).expect("baseline written");
    assert!(text.contains("\"version\": 1") && text.contains("ringcentral/php-password-login"), "{text}");
    // Re-run: clean.
    pwflow(d).args(["check", ".", "--baseline", "baseline.json"]).assert().code(0);
    // Insert lines above and reformat the call: still clean.
    write(
        d,
        "app/a.php",
        &format!(
            "{HEADER}\n\n// a comment\n$x = 1;\n$platform->login(\n    $u,\n    $e,\n    $p\n);\n$platform->login([\n  'username' => $u,\n  'password' => $p,\n]);\n"
        ),
    );
    pwflow(d).args(["check", ".", "--baseline", "baseline.json"]).assert().code(0);
    // A new call: exit 1, and only the new one is reported.
    write(
        d,
        "app/a.php",
        &format!(
            "{HEADER}$platform->login($u, $e, $p);\n$platform->login(['username' => $u, 'password' => $p]);\n$platform->login('new', '1', $p);\n"
        ),
    );
    let out = pwflow(d)
        .args(["check", ".", "--baseline", "baseline.json", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc = json(&out.stdout);
    let active: Vec<_> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f.get("baselined").is_none())
        .collect();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0]["start"]["line"], 6);
    // Delete a call: its entry is stale, and --prune-baseline drops it.
    write(d, "app/a.php", &format!("{HEADER}$platform->login($u, $e, $p);\n"));
    pwflow(d)
        .args(["check", ".", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 stale entry"));
    pwflow(d).args(["check", ".", "--baseline", "baseline.json", "--prune-baseline"]).assert().code(0);
    let pruned = fs::read_to_string(d.join("baseline.json")).expect("baseline");
    assert_eq!(pruned.matches("\"fingerprint\"").count(), 1, "{pruned}");
    pwflow(d)
        .args(["check", ".", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("stale").not());
}

#[test]
fn a_file_skipped_as_too_large_keeps_its_baseline_entries() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let calls = format!("{HEADER}$platform->login($u, $e, $p);\n");
    write(d, "app/a.php", &calls);
    pwflow(d).args(["check", ".", "--write-baseline", "baseline.json"]).assert().code(0);
    // The file grows past --max-filesize: it is skipped, not scanned, so its entry is not stale.
    write(d, "app/a.php", &format!("{calls}// {}\n", "x".repeat(4096)));
    let out = pwflow(d)
        .args([
            "check",
            ".",
            "--baseline",
            "baseline.json",
            "--max-filesize",
            "2K",
            "--format",
            "json",
            "--stats",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let doc = json(&out.stdout);
    let text = doc.to_string();
    assert!(text.contains("\"stale\":[]"), "{text}");
    assert_eq!(doc["stats"]["skipped"]["too-large"], 1);
}

#[test]
fn corrupt_baseline_is_a_config_error_with_position() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "a.php", HEADER);
    write(dir.path(), "b.json", "{\n  \"version\": 1,\n  \"findings\": [ oops ]\n}\n");
    pwflow(dir.path())
        .args(["check", ".", "--baseline", "b.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("b.json:3:").and(predicate::str::contains("--write-baseline")));
}

#[test]
fn suppressed_findings_do_not_fail_the_gate_but_stay_in_json() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "a.php",
        &format!(
            "{HEADER}// pwflow-ignore: ringcentral/php-password-login -- retired with TICKET-1\n$platform->login($u, $e, $p);\n"
        ),
    );
    let out =
        pwflow(dir.path()).args(["check", ".", "--format", "json"]).assert().code(0).get_output().clone();
    let doc = json(&out.stdout);
    assert_eq!(doc["findings"][0]["suppressed"], "retired with TICKET-1");
    pwflow(dir.path()).args(["check", "."]).assert().code(0).stdout(predicate::str::contains("1 suppressed"));
    // Without a reason the comment is invalid: the finding stands and the comment is reported.
    write(
        dir.path(),
        "a.php",
        &format!("{HEADER}// pwflow-ignore: ringcentral/php-password-login\n$platform->login($u, $e, $p);\n"),
    );
    pwflow(dir.path()).args(["check", "."]).assert().code(1).stdout(
        predicate::str::contains("pwflow/invalid-suppression")
            .and(predicate::str::contains("ringcentral/php-password-login")),
    );
}

#[test]
fn config_file_is_discovered_upward_and_applied() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "src/a.php", &format!("{HEADER}$platform->login($u, $e, $p);\n"));
    write(d, "legacy/b.php", &format!("{HEADER}$platform->login($u, $e, $p);\n"));
    write(d, "tools/kc.js", "axios.post(u, { grant_type: 'password', username, password });\n");
    write(
        d,
        "pwflow.toml",
        "extend-select = [\"oauth-ropc\"]\nexclude = [\"legacy/\"]\nfail-on = \"error\"\n[severity]\n\"ringcentral/php-password-login\" = \"warning\"\n",
    );
    // From a subdirectory: the config above applies (the PHP finding is now a warning, below fail-on).
    let out =
        pwflow(&d.join("src")).args(["check", ".", "--format", "json"]).assert().code(0).get_output().clone();
    let doc = json(&out.stdout);
    assert_eq!(doc["findings"][0]["severity"], "warning");
    // exclude also applies to paths given on the command line (pre-commit passes them).
    let out = pwflow(d)
        .args(["check", "legacy/b.php", "tools/kc.js", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let doc = json(&out.stdout);
    let rules: Vec<&str> =
        doc["findings"].as_array().expect("f").iter().map(|f| f["rule"].as_str().expect("rule")).collect();
    assert_eq!(rules, ["oauth-ropc/password-grant-request"]);
    // --isolated ignores it.
    pwflow(d).args(["check", ".", "--isolated"]).assert().code(1);
    // Unknown keys are errors with the line.
    write(d, "pwflow.toml", "select = [\"ringcentral\"]\nfail_on = \"error\"\n");
    pwflow(d).args(["check", "."]).assert().code(2).stderr(predicate::str::contains("pwflow.toml:2:1"));
    // A missing --config is an error.
    pwflow(d)
        .args(["check", ".", "--config", "nope.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not found"));
}

#[test]
fn pyproject_tool_section_is_read() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "a.php", &format!("{HEADER}$platform->login($u, $e, $p);\n"));
    write(
        dir.path(),
        "pyproject.toml",
        "[project]\nname = \"x\"\n[tool.pwflow]\nignore = [\"ringcentral/php-password-login\"]\n",
    );
    pwflow(dir.path()).args(["check", "."]).assert().code(0);
}

#[test]
fn staged_scans_the_index_not_the_working_tree() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    write(d, "a.php", &format!("{HEADER}$platform->login(['jwt' => getenv('RC_JWT')]);\n"));
    git(d, &["add", "a.php"]);
    // The working tree now has a password login, but the index has the JWT call.
    write(d, "a.php", &format!("{HEADER}$platform->login($u, $e, $p);\n"));
    pwflow(d).args(["check", "--staged", "--quiet"]).assert().code(0).stdout(predicate::str::is_empty());
    pwflow(d).args(["check", "."]).assert().code(1);
    // Stage the password login: now it fails, reported at the staged line.
    git(d, &["add", "a.php"]);
    pwflow(d).args(["check", "--staged"]).assert().code(1).stdout(predicate::str::contains("a.php:4:12"));
}

#[test]
fn diff_base_keeps_only_findings_on_added_lines() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    write(d, "a.php", &format!("{HEADER}$platform->login($u, $e, $p);\n"));
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    write(d, "a.php", &format!("{HEADER}$platform->login($u, $e, $p);\n$platform->login('x', '1', $p);\n"));
    write(d, "new.php", &format!("{HEADER}$platform->login($a, $b, $c);\n"));
    let out = pwflow(d)
        .args(["check", ".", "--diff-base", "HEAD", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc = json(&out.stdout);
    let found: Vec<(String, u64)> = doc["findings"]
        .as_array()
        .expect("f")
        .iter()
        .map(|f| (f["path"].as_str().expect("p").to_owned(), f["start"]["line"].as_u64().expect("l")))
        .collect();
    assert_eq!(found, [("a.php".to_owned(), 5), ("new.php".to_owned(), 4)]);
    pwflow(d).args(["check", ".", "--diff-base", "no-such-rev"]).assert().code(2);
}

/// Suppression comments are read in every language the engine's suppression rules list: for
/// each, an unused suppression and an invalid one (no reason) are reported.
#[test]
fn suppressions_are_read_in_every_language() {
    // (file, comment opener, comment closer)
    let cases: &[(&str, &str, &str)] = &[
        ("a.php", "<?php\n// ", ""),
        ("a.js", "// ", ""),
        ("a.ts", "// ", ""),
        ("a.tsx", "// ", ""),
        ("a.py", "# ", ""),
        ("a.rb", "# ", ""),
        ("A.java", "// ", ""),
        ("a.cs", "/* ", " */"),
        ("a.go", "package a\n// ", ""),
        ("a.sh", "# ", ""),
        (".env.example", "# ", ""),
        ("a.yaml", "# ", ""),
        ("a.ini", "; ", ""),
        ("a.properties", "# ", ""),
        // A text language: its comments come from its lexer, not a tree.
        ("a.coffee", "# ", ""),
        ("a.kt", "// ", ""),
        ("a.swift", "// ", ""),
        ("a.ps1", "# ", ""),
    ];
    let rules = pwflow::rules::RuleSet::builtin().expect("builtin rules");
    let unused = rules.get("pwflow/unused-suppression").expect("rule");
    let listed: Vec<&str> = unused.languages.iter().map(|l| l.name()).collect();
    for (name, _, _) in cases {
        let lang = pwflow::lang::Lang::from_path(Path::new(name)).expect("known language");
        assert!(listed.contains(&lang.name()), "{name}: {} is not a language of the rule", lang.name());
    }
    assert_eq!(listed.len(), cases.len(), "a language of the rule has no case here: {listed:?}");
    for (name, open, close) in cases {
        let dir = TempDir::new().expect("tempdir");
        let text = format!(
            "{open}pwflow-ignore: ringcentral/password-grant-request -- retired{close}\n\
             {}pwflow-ignore: ringcentral/password-grant-request{close}\n",
            open.rsplit('\n').next().unwrap_or(open)
        );
        write(dir.path(), name, &text);
        let out = pwflow(dir.path())
            .args(["check", "--isolated", name, "--format", "json"])
            .assert()
            .code(1)
            .get_output()
            .clone();
        let doc = json(&out.stdout);
        let rules: Vec<&str> =
            doc["findings"].as_array().expect("findings").iter().filter_map(|f| f["rule"].as_str()).collect();
        assert_eq!(rules, ["pwflow/unused-suppression", "pwflow/invalid-suppression"], "{name}: {doc}");
    }
}

/// `--diff-base main` compares with the merge base (git's `main...HEAD`): after `main` migrates
/// a file, a branch that forked before is not blamed for the old login it never touched.
#[test]
fn diff_base_compares_with_the_merge_base() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(d, "old.php", &format!("{HEADER}$platform->login($u, $e, $p);\n"));
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    git(d, &["checkout", "-q", "-b", "feature"]);
    write(d, "new.php", &format!("{HEADER}$platform->login($a, $b, $c);\n"));
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "feature adds a login"]);
    git(d, &["checkout", "-q", "main"]);
    write(d, "old.php", &format!("{HEADER}$platform->login(['jwt' => getenv('RC_JWT')]);\n"));
    git(d, &["commit", "-q", "-am", "main migrates old.php"]);
    git(d, &["checkout", "-q", "feature"]);
    let paths = |rev: &str| -> Vec<String> {
        let out =
            pwflow(d).args(["check", ".", "--format", "json", "--diff-base", rev]).output().expect("runs");
        assert!(out.status.code().is_some_and(|c| c < 2), "{rev}: {}", String::from_utf8_lossy(&out.stderr));
        json(&out.stdout)["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["path"].as_str().expect("path").to_owned())
            .collect()
    };
    for rev in ["main", "main...HEAD", "main...", "main...feature"] {
        assert_eq!(paths(rev), ["new.php"], "--diff-base {rev}");
    }
    // Two dots compare with `main` itself, as `git diff main..HEAD` does.
    assert_eq!(paths("main..HEAD"), ["new.php", "old.php"]);
    pwflow(d)
        .args(["check", ".", "--diff-base", "feature...main"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not the checked-out commit"));
}

/// A shallow clone (the `actions/checkout` default) lacks the base or the merge base: exit 2
/// with how to fetch the history, for GitHub and GitLab.
#[test]
fn diff_base_in_a_shallow_clone_says_how_to_fetch_history() {
    let dir = TempDir::new().expect("tempdir");
    let origin = dir.path().join("origin");
    fs::create_dir_all(&origin).expect("mkdir");
    git(&origin, &["init", "-q", "-b", "main"]);
    write(&origin, "a.php", &format!("{HEADER}$platform->login(['jwt' => getenv('RC_JWT')]);\n"));
    git(&origin, &["add", "."]);
    git(&origin, &["commit", "-q", "-m", "one"]);
    git(&origin, &["checkout", "-q", "-b", "feature"]);
    for n in 0..3 {
        write(&origin, &format!("f{n}.php"), &format!("{HEADER}$platform->login($u, $e, $p);\n"));
        git(&origin, &["add", "."]);
        git(&origin, &["commit", "-q", "-m", "feature"]);
    }
    git(&origin, &["checkout", "-q", "main"]);
    write(&origin, "b.txt", "main moves on\n");
    git(&origin, &["add", "."]);
    git(&origin, &["commit", "-q", "-m", "two"]);
    let url = format!("file://{}", origin.display());
    for (name, extra) in [("single", &[][..]), ("all", &["--no-single-branch"][..])] {
        let clone = dir.path().join(name);
        let mut args = vec!["clone", "-q", "--depth", "1", "-b", "feature"];
        args.extend_from_slice(extra);
        args.extend([url.as_str(), clone.to_str().expect("utf-8 temp path")]);
        git(dir.path(), &args);
        pwflow(&clone)
            .args(["check", ".", "--diff-base", "origin/main"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("shallow"))
            .stderr(predicate::str::contains("fetch-depth: 0"))
            .stderr(predicate::str::contains("GIT_DEPTH: 0"));
    }
}

/// pwflow's own files written into the scanned tree are skipped with a reason, never reported:
/// the documented baseline workflow passes right after the baseline is written, and reports in
/// every format (check and audit) add no finding.
#[test]
fn own_baselines_and_reports_are_skipped() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "app/a.php", &format!("{HEADER}$platform->login($u, $e, 'hunter2');\n"));
    write(
        d,
        "bin/token.sh",
        "curl https://platform.ringcentral.com/restapi/oauth/token -d 'grant_type=password&username=u&password=p'\n",
    );
    pwflow(d).args(["check", ".", "--write-baseline", "pwflow-baseline.json"]).assert().code(0);
    pwflow(d).args(["check", ".", "--baseline", "pwflow-baseline.json"]).assert().code(0);
    let outputs = [
        ("json", "report.json"),
        ("sarif", "report.sarif.json"),
        ("gitlab", "gl-code-quality-report.json"),
        ("junit", "junit.xml.md"),
        ("github", "annotations.sh"),
    ];
    for (format, file) in outputs {
        pwflow(d).args(["check", ".", "--format", format, "--output", file]).assert().code(1);
    }
    pwflow(d)
        .args([
            "audit",
            ".",
            "--quiet",
            "--html",
            "audit.html",
            "--markdown",
            "audit.md",
            "--json",
            "audit.json",
        ])
        .assert()
        .code(0);
    let out = pwflow(d).args(["check", ".", "--format", "json"]).output().expect("runs");
    let doc = json(&out.stdout);
    let paths: Vec<&str> =
        doc["findings"].as_array().expect("findings").iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["app/a.php", "bin/token.sh"], "{doc}");
    let skipped: Vec<(&str, &str)> = doc["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| (s["path"].as_str().expect("path"), s["reason"].as_str().expect("reason")))
        .collect();
    for file in [
        "pwflow-baseline.json",
        "report.json",
        "report.sarif.json",
        "gl-code-quality-report.json",
        "audit.md",
        "audit.json",
    ] {
        assert!(skipped.contains(&(file, "pwflow-output")), "{file} not skipped: {skipped:?}");
    }
    // The human summary lists them with the reason.
    pwflow(d).args(["check", ".", "--baseline", "pwflow-baseline.json"]).assert().code(0).stdout(
        predicate::str::contains("pwflow-baseline.json (pwflow-output: written by pwflow (baseline))"),
    );
}

/// Baselines: writing one prints one line; entries of deleted files are stale and pruned; with
/// everything baselined or suppressed, the summary counts what it did not report.
#[test]
fn baseline_write_prune_and_summary_say_what_happened() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let login = format!("{HEADER}$platform->login($u, $e, $p);\n");
    write(d, "app/a.php", &login);
    write(d, "app/b.php", &login);
    write(
        d,
        "app/c.php",
        &format!(
            "{HEADER}// pwflow-ignore: ringcentral/php-password-login -- TICKET-1\n$platform->login($u, $e, $p);\n"
        ),
    );
    pwflow(d)
        .args(["check", ".", "--write-baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout("wrote 2 entries to baseline.json\n");
    pwflow(d)
        .args(["check", ".", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no new password-flow usage: 3 finding(s) not reported (2 in the baseline, 1 suppressed by comments"))
        .stdout(predicate::str::contains("no password-flow usage found").not());
    // A scan of one file does not make the other files' entries stale.
    pwflow(d)
        .args(["check", "app/a.php", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("stale").not());
    // A deleted file: its entry is stale, and pruning drops it.
    fs::remove_file(d.join("app/b.php")).expect("rm");
    pwflow(d)
        .args(["check", ".", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("baseline: 1 stale entry"))
        .stdout(predicate::str::contains("app/b.php"));
    pwflow(d)
        .args(["check", ".", "--baseline", "baseline.json", "--prune-baseline"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("baseline: dropped 1 stale entry"));
    let pruned = fs::read_to_string(d.join("baseline.json")).expect("baseline");
    assert!(pruned.contains("app/a.php") && !pruned.contains("app/b.php"), "{pruned}");
    pwflow(d)
        .args(["check", ".", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("stale").not());
}

/// Configuration and baseline errors name the file and, for a config, the line; an error is
/// printed once, with what to do.
#[test]
fn config_and_baseline_errors_carry_file_line_and_print_once() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "a.php", "<?php echo 1;\n");
    let out =
        pwflow(d).args(["check", ".", "--baseline", "missing.json"]).assert().code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("missing.json: baseline not found") && err.contains("--write-baseline"), "{err}");
    for (text, key, line) in [
        ("# rules\nselect = [\n  \"ringcentral\",\n  \"ringcentral/nope\",\n]\n", "select", 4),
        ("extend-select = ['oauth-ropc']\nignore = ['nope']\n", "ignore", 2),
        ("[severity]\n\"ringcentral/nope\" = \"error\"\n", "[severity]", 2),
    ] {
        write(d, "pwflow.toml", text);
        pwflow(d)
            .args(["check", "."])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("pwflow.toml:{line}: {key} names `")));
    }
}

/// Run from a subdirectory of a repository, the formats CI attaches to files and `--diff` use
/// paths relative to the repository root: annotations land on the file, and the diff applies
/// with `git apply` from the root.
#[test]
fn ci_formats_and_diff_use_repository_root_paths_from_a_subdirectory() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    let login = format!(
        "{HEADER}$platform->login(getenv('RC_USERNAME'), getenv('RC_EXTENSION'), getenv('RC_PASSWORD'));\n"
    );
    write(d, "services/billing/login.php", &login);
    write(d, "services/billing/vendor/acme/login.php", &login);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "login"]);
    let sub = d.join("services");
    let github = pwflow(&sub).args(["check", ".", "--format", "github"]).output().expect("runs");
    let text = String::from_utf8_lossy(&github.stdout);
    assert!(text.contains("file=services/billing/login.php,line=4"), "{text}");
    for format in ["gitlab", "junit", "sarif"] {
        let out = pwflow(&sub).args(["check", "billing", "--format", format]).output().expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("services/billing/login.php"), "{format}: {text}");
    }
    let sarif = pwflow(&sub).args(["check", ".", "--format", "sarif"]).output().expect("runs");
    let doc = json(&sarif.stdout);
    let location = &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "services/billing/login.php", "{location}");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let skipped = &doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"];
    assert_eq!(skipped["uri"], "services/billing/vendor", "{skipped}");
    let root_uri = doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().expect("base uri");
    assert!(!root_uri.trim_end_matches('/').ends_with("services"), "{root_uri}");
    // The human formats stay relative to the working directory.
    pwflow(&sub)
        .args(["check", ".", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("billing/login.php:4:"));
    // --diff from the subdirectory applies from the repository root (--show-secrets: the SDK's
    // client secret on line 3 would be masked otherwise, and a masked diff does not apply).
    let diff = pwflow(&sub.join("billing"))
        .args(["check", ".", "--diff", "--unsafe-fixes", "--show-secrets"])
        .output()
        .expect("runs");
    assert_eq!(diff.status.code(), Some(1));
    let patch = d.join("fix.patch");
    fs::write(&patch, &diff.stdout).expect("write patch");
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(text.contains("--- a/services/billing/login.php"), "{text}");
    git(d, &["apply", "fix.patch"]);
    let fixed = fs::read_to_string(d.join("services/billing/login.php")).expect("read");
    assert!(fixed.contains("$platform->login(['jwt' => getenv('RC_JWT')]);"), "{fixed}");
}

/// `--staged` shows paths from the working directory, as a scan of the working tree does, and
/// the CI formats the repository-root paths.
#[test]
fn staged_paths_are_relative_not_absolute() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    git(d, &["init", "-q"]);
    write(d, "app/login.php", &format!("{HEADER}$platform->login($u, $e, $p);\n"));
    git(d, &["add", "."]);
    pwflow(&d.join("app"))
        .args(["check", "--staged", "--format", "concise", "--quiet"])
        .assert()
        .code(1)
        .stdout("login.php:4:12: ringcentral/php-password-login password-flow login (ringcentral/ringcentral-php): `login($username, $extension, $password)` with positional credentials\n");
    pwflow(d)
        .args(["check", "--staged", "--format", "concise", "--quiet"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("app/login.php:4:12: "));
    pwflow(&d.join("app"))
        .args(["check", "--staged", "--format", "github"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("file=app/login.php,"));
}

/// A file git tracks is part of the repository even when `.gitignore` matches it (a
/// `.env.example` committed before `.env*` was ignored); an ignored file git does not track
/// stays out, and so do tracked files in vendored directories. Also for a repository met
/// below the scanned directory.
#[test]
fn tracked_files_that_gitignore_matches_are_scanned() {
    let outer = TempDir::new().expect("tempdir");
    let dir = outer.path().join("app");
    let env = "RC_SERVER_URL=https://platform.ringcentral.com\nRC_USERNAME=+16505550100\nRC_PASSWORD=\n";
    write(&dir, ".env.example", env);
    write(&dir, "vendor/pkg/.env.example", env);
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "init"]);
    write(&dir, ".gitignore", ".env*\nvendor/\n");
    write(&dir, ".env", env);
    git(&dir, &["add", ".gitignore"]);
    git(&dir, &["commit", "-qm", "ignore env files"]);
    for (cwd, root) in [(dir.as_path(), "."), (outer.path(), ".")] {
        let out = pwflow(cwd).args(["check", "--isolated", "--format", "json", root]).output().expect("runs");
        let found = json(&out.stdout);
        let paths: Vec<&str> = found["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["path"].as_str())
            .collect();
        assert_eq!(paths.len(), 1, "{paths:?}");
        assert!(paths[0].ends_with(".env.example") && !paths[0].contains("vendor"), "{paths:?}");
    }
}

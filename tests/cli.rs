//! CLI tests (assert_cmd): exit codes, stats, skipped files, redaction, output formats.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn pwflow() -> Command {
    let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
    cmd.env_remove("NO_COLOR");
    cmd
}

fn write(dir: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
    fs::write(path, contents).expect("write");
}

const PHP_PASSWORD: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$rcsdk = new SDK('id', 'secret', SDK::SERVER_PRODUCTION);\n$platform = $rcsdk->platform();\n$platform->login('18881112233', '101', 'hunter2');\n";
const PHP_JWT: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 'secret', SDK::SERVER_PRODUCTION))->platform();\n$platform->login(['jwt' => getenv('RC_JWT')]);\n";
const JS_PASSWORD: &str = "const { SDK } = require('@ringcentral/sdk');\nconst platform = new SDK({ server: SDK.server.production }).platform();\nplatform.login({ username: process.env.RC_USERNAME, password: 'S3cr3t!' });\n";

/// A small project: one PHP and one JS finding, a JWT call, vendored and ignored copies.
fn project() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "app/login.php", PHP_PASSWORD);
    write(d, "app/jwt.php", PHP_JWT);
    write(d, "web/login.js", JS_PASSWORD);
    write(d, "web/readme.txt", "platform.login({ username, password }) in prose");
    write(d, "vendor/acme/login.php", PHP_PASSWORD);
    write(d, "node_modules/x/index.js", JS_PASSWORD);
    write(d, "dist/app.min.js", JS_PASSWORD);
    write(d, "ignored/login.php", PHP_PASSWORD);
    write(d, ".gitignore", "ignored/\n");
    dir
}

#[test]
fn exit_code_is_1_with_findings_and_0_without() {
    let dir = project();
    pwflow().arg("check").arg(dir.path()).assert().code(1);
    pwflow()
        .arg("check")
        .arg(dir.path().join("app/jwt.php"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no password-flow usage found"));
}

#[test]
fn lang_limits_the_scan_to_files_of_those_languages() {
    let dir = project();
    let paths = |args: &[&str]| -> Vec<String> {
        let out = pwflow()
            .arg("check")
            .arg(dir.path())
            .args(["--format", "json"])
            .args(args)
            .output()
            .expect("runs");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let mut paths: Vec<String> = doc["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["path"].as_str().expect("path").replace('\\', "/"))
            .collect();
        paths.sort();
        paths
    };
    assert_eq!(paths(&[]), ["app/login.php", "web/login.js"]);
    assert_eq!(paths(&["--lang", "php"]), ["app/login.php"]);
    assert_eq!(paths(&["--lang", "js,ts"]), ["web/login.js"]);
    // An explicit file of another language is not scanned either.
    pwflow().arg("check").arg(dir.path().join("web/login.js")).args(["--lang", "python"]).assert().code(0);
    pwflow()
        .arg("check")
        .arg(dir.path())
        .args(["--lang", "cobol"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language `cobol`").and(predicate::str::contains("php")));
}

#[test]
fn usage_and_config_errors_exit_2() {
    let dir = project();
    pwflow()
        .args(["check", "does/not/exist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    pwflow()
        .arg("check")
        .arg(dir.path())
        .args(["--select", "nope/nothing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("matches no rule"));
    pwflow().args(["check", "--fail-on", "fatal"]).assert().code(2);
    pwflow().args(["explain", "ringcentral/nope"]).assert().code(2);
}

#[test]
fn broken_rule_file_fails_at_start_with_its_position() {
    let dir = project();
    let rules = TempDir::new().expect("tempdir");
    write(
        rules.path(),
        "bad.toml",
        "id = \"custom/bad\"\ngroup = \"custom\"\nlanguages = [\"php\"]\nseverity = \"error\"\nmessage = \"m\"\nlabel = \"l\"\nprefilter = [\"x\"]\n[query]\nphp = '''\n(function_call_expression\n  (no_such_node))\n'''\n[doc]\nwhat = \"w\"\nwhy = \"w\"\nexample = \"e\"\nuse-instead = \"u\"\n",
    );
    pwflow()
        .arg("check")
        .arg(dir.path())
        .arg("--rules")
        .arg(rules.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:11:4"));
}

#[test]
fn fail_on_threshold_applies() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "keycloak.js",
        "axios.post(url, { grant_type: 'password', username: u, password: p });\n",
    );
    // The generic group is off by default.
    pwflow().arg("check").arg(dir.path()).assert().code(0);
    pwflow().arg("check").arg(dir.path()).args(["--extend-select", "oauth-ropc"]).assert().code(1);
    pwflow()
        .arg("check")
        .arg(dir.path())
        .args(["--extend-select", "oauth-ropc", "--fail-on", "error"])
        .assert()
        .code(0);
}

#[test]
fn vendored_minified_and_ignored_files_are_skipped_and_counted() {
    let dir = project();
    let out = pwflow()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json", "--stats"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let paths: Vec<&str> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths, ["app/login.php", "web/login.js"]);
    let skipped: Vec<(String, String)> = doc["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            (s["path"].as_str().expect("path").to_owned(), s["reason"].as_str().expect("reason").to_owned())
        })
        .collect();
    assert!(skipped.contains(&("vendor".into(), "vendored".into())), "{skipped:?}");
    assert!(skipped.contains(&("node_modules".into(), "vendored".into())), "{skipped:?}");
    assert!(skipped.contains(&("dist/app.min.js".into(), "minified".into())), "{skipped:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("prefiltered out:"), "{stderr}");
    assert!(stderr.contains("vendored"), "{stderr}");
    assert_eq!(doc["stats"]["skipped"]["vendored"], 2);
    // jwt.php has `login` so it is parsed; nothing is prefiltered in this tiny project but
    // the three code files with findings or logins are parsed.
    assert_eq!(doc["stats"]["parsed"], 3);

    let out = pwflow()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json", "--no-ignore"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        doc["findings"].as_array().expect("findings").len(),
        6,
        "vendor, node_modules, min.js and ignored/ are scanned"
    );
}

/// `pwflow check <dir> --format json <extra>`, expecting exit `code`: the JSON document.
fn check_json(dir: &Path, extra: &[&str], code: i32) -> serde_json::Value {
    let out = pwflow()
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .assert()
        .code(code)
        .get_output()
        .clone();
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn files_without_candidate_literals_are_never_parsed() {
    let dir = TempDir::new().expect("tempdir");
    for i in 0..20 {
        write(dir.path(), &format!("src/m{i}.js"), "export const add = (a, b) => a + b;\n");
    }
    write(dir.path(), "src/login.js", JS_PASSWORD);
    let doc = check_json(dir.path(), &[], 1);
    assert_eq!(doc["stats"]["prefiltered"], 20);
    assert_eq!(doc["stats"]["parsed"], 1);
}

#[test]
fn prefilter_regex_keeps_look_alikes_unparsed() {
    // Both files hold the literals of `oauth-ropc/js-oauth-password` (`getToken`, `password`);
    // only one holds a `getToken` call its check can report, so only that one is parsed.
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "editor.js", "const mode = { password: true };\nstream.getToken(mode);\n");
    write(
        dir.path(),
        "idp.js",
        "const pw = process.env.IDP_PASSWORD;\nauth.owner\n  .getToken('alice', pw);\n",
    );
    let doc = check_json(dir.path(), &["--extend-select", "oauth-ropc"], 1);
    assert_eq!(doc["stats"]["prefiltered"], 1);
    assert_eq!(doc["stats"]["parsed"], 1);
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule"], "oauth-ropc/js-oauth-password");
}

#[test]
fn login_checks_parse_only_files_that_name_a_ringcentral_receiver() {
    // The login checks report a call only on a platform, SDK or RingCentral client: a file
    // that names none is not parsed for them, whatever credentials it passes. A client named
    // `rc` is enough, also where no credential word appears (literal arguments) or where it is
    // only spelled as a property (`->rc`).
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "xmlrpc.php",
        "<?php\n$this->login($username, $password, $blog);\n$ssh->login($user, $pass);\n",
    );
    write(dir.path(), "form.js", "form.login(user.name, user.password, remember);\n");
    write(
        dir.path(),
        "connect.js",
        "const account = '/restapi/v1.0/account/~';\nawait rc.login('+16505550100', '101', 'S3cr3t!');\n",
    );
    write(
        dir.path(),
        "Connector.php",
        "<?php\nclass Connector {\n  function connect() {\n    $this->rc->authorize(getenv('RC_USERNAME'), getenv('RC_EXTENSION'), getenv('RC_PASSWORD'));\n  }\n}\n",
    );
    let doc = check_json(dir.path(), &[], 1);
    assert_eq!(doc["stats"]["prefiltered"], 2);
    assert_eq!(doc["stats"]["parsed"], 2);
    let mut found: Vec<(String, String)> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_owned(),
                f["rule"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("Connector.php".to_owned(), "ringcentral/php-legacy-authorize".to_owned()),
            ("connect.js".to_owned(), "ringcentral/js-password-login".to_owned()),
        ]
    );
}

#[test]
fn bad_files_are_skipped_with_a_reason_and_the_scan_goes_on() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "bin.php", b"<?php login(\x00\x01\x02 ?>".as_slice());
    write(dir.path(), "latin1.php", b"<?php // caf\xe9\n$platform->login('u', '1', 'p');\n".as_slice());
    write(dir.path(), "big.js", format!("// login\n{}", "x".repeat(2048)));
    write(dir.path(), "ok.php", PHP_PASSWORD);
    let out = pwflow()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json", "--max-filesize", "1K"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let reasons: Vec<(String, String)> = doc["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            (s["path"].as_str().expect("path").to_owned(), s["reason"].as_str().expect("reason").to_owned())
        })
        .collect();
    assert_eq!(reasons, [("big.js".into(), "too-large".into()), ("bin.php".into(), "binary".into())]);
    // The Latin-1 file is decoded and scanned, with a note.
    let paths: Vec<&str> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["path"].as_str().expect("p"))
        .collect();
    assert_eq!(paths, ["latin1.php", "ok.php"]);
    assert!(doc["findings"][0]["notes"].to_string().contains("read as Latin-1"));
}

#[test]
fn literal_passwords_are_redacted_unless_asked() {
    let dir = project();
    for format in ["human", "json"] {
        let out = pwflow()
            .arg("check")
            .arg(dir.path())
            .args(["--format", format])
            .assert()
            .code(1)
            .get_output()
            .clone();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            !stdout.contains("hunter2") && !stdout.contains("S3cr3t!"),
            "{format} leaks a secret:\n{stdout}"
        );
        assert!(stdout.contains("***"), "{format} shows no mask");
    }
    let out =
        pwflow().arg("check").arg(dir.path()).arg("--show-secrets").assert().code(1).get_output().clone();
    assert!(String::from_utf8_lossy(&out.stdout).contains("hunter2"));
}

#[test]
fn json_has_positions_flow_and_suggestions() {
    let dir = project();
    let out = pwflow()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["schema_version"], 1);
    let php = &doc["findings"][0];
    assert_eq!(php["rule"], "ringcentral/php-password-login");
    assert_eq!(php["severity"], "error");
    assert_eq!(php["start"], serde_json::json!({"line": 5, "column": 12}));
    assert_eq!(php["end"], serde_json::json!({"line": 5, "column": 50}));
    assert_eq!(php["recommendation"]["flow"], "jwt");
    assert_eq!(php["fixes"][0]["flow"], "jwt");
    assert_eq!(php["fixes"][0]["code"], "$platform->login(['jwt' => getenv('RC_JWT')]);");
    assert_eq!(php["fixes"][1]["applicability"], "display-only");
    assert!(php["fixes"][1]["code"].as_str().expect("code").contains("parseAuthRedirectUrl"));
    let js = &doc["findings"][1];
    assert_eq!(js["fixes"][0]["code"], "platform.login({ jwt: process.env.RC_JWT });");
}

#[test]
fn project_manifest_gives_ringcentral_context() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "src/token.js", "export const body = 'grant_type=password&username=' + u;\n");
    pwflow().arg("check").arg(dir.path()).assert().code(0);
    write(dir.path(), "package.json", r#"{"dependencies": {"@ringcentral/sdk": "^5.0.0"}}"#);
    pwflow()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ringcentral/password-grant-request"))
        .stdout(predicate::str::contains("package.json depends on @ringcentral/sdk"));
}

#[test]
fn human_output_is_rustc_style_and_uncoloured_when_piped() {
    let dir = project();
    let out = pwflow().arg("check").arg(dir.path().join("app")).assert().code(1).get_output().clone();
    let stdout = String::from_utf8_lossy(&out.stdout).replace(&dir.path().display().to_string(), "[TMP]");
    assert!(!stdout.contains('\u{1b}'), "no colour when piped");
    insta::assert_snapshot!("human_app_dir", stdout);
    let out = pwflow()
        .arg("check")
        .arg(dir.path().join("app"))
        .args(["--color", "always"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn rules_and_explain() {
    pwflow()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("ringcentral/php-password-login"))
        // Columns are as wide as the longest rule id, so only the order of the fields is fixed.
        .stdout(
            predicate::str::is_match(r"(?m)^oauth-ropc/password-grant-request +warning +off ")
                .expect("regex"),
        );
    pwflow()
        .args(["explain", "ringcentral/js-password-login"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Use instead"))
        .stdout(predicate::str::contains("platform.login({ jwt: process.env.RC_JWT })"));
}

#[test]
fn jwt_var_must_be_an_identifier() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "a.php", PHP_PASSWORD);
    for bad in ["X') . system('id') . ('", "", "1JWT", "RC-JWT", "RC JWT", "JWT\n"] {
        pwflow()
            .arg("check")
            .arg("--isolated")
            .arg(dir.path())
            .args(["--jwt-var", bad])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("--jwt-var").and(predicate::str::contains("is not a variable name")),
            )
            .stdout(predicate::str::contains("system").not());
    }
    write(dir.path(), "pwflow.toml", "jwt-var = \"$(id)\"\n");
    pwflow().arg("check").arg(dir.path()).assert().code(2).stderr(
        predicate::str::contains("pwflow.toml: jwt-var")
            .and(predicate::str::contains("is not a variable name")),
    );
    // A valid name from the flag wins over the file's, and reaches the rewrite.
    write(dir.path(), "pwflow.toml", "jwt-var = \"FROM_FILE\"\n");
    pwflow()
        .arg("check")
        .arg(dir.path())
        .args(["--jwt-var", "_My_JWT2"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("getenv('_My_JWT2')"));
}

/// `--format concise`: one `path:line:column: rule message` line per finding, then a summary.
#[test]
fn concise_format_is_one_line_per_finding() {
    let dir = project();
    let out =
        pwflow().current_dir(dir.path()).args(["check", ".", "--format", "concise"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("app/login.php:5:12: ringcentral/php-password-login password-flow login"),
        "{text}"
    );
    assert!(lines[1].starts_with("web/login.js:3:"), "{text}");
    assert!(lines[1].contains(" ringcentral/js-password-login "), "{text}");
    assert!(!text.contains("S3cr3t") && !text.contains("hunter2"), "{text}");
    assert_eq!(lines[2], "found 2 password-flow finding(s): 2 error(s), 0 warning(s), 0 info");
    pwflow()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "concise", "--quiet"])
        .assert()
        .code(1)
        .stdout(predicate::function(|s: &str| s.lines().count() == 2));
}

/// `--statistics`: findings per rule, most frequent first, and a total; exit code as usual.
#[test]
fn statistics_count_findings_per_rule() {
    let dir = project();
    write(dir.path(), "app/second.php", PHP_PASSWORD);
    pwflow().current_dir(dir.path()).args(["check", ".", "--statistics"]).assert().code(1).stdout(
        "2  ringcentral/php-password-login  error\n1  ringcentral/js-password-login   error\n3  total\n",
    );
    pwflow()
        .current_dir(dir.path())
        .args(["check", ".", "--statistics", "--format", "json"])
        .assert()
        .code(2);
}

/// `explain` takes a rule's name when only one group has it, names the groups when several do,
/// and suggests the nearest ids on a typo.
#[test]
fn explain_resolves_names_and_suggests_ids() {
    pwflow()
        .args(["explain", "php-password-login"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# ringcentral/php-password-login"));
    pwflow().args(["explain", "password-grant-request"]).assert().code(2).stderr(predicate::str::contains(
        "`oauth-ropc/password-grant-request`, `ringcentral/password-grant-request`",
    ));
    pwflow()
        .args(["explain", "php-pasword-login"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nearest: `ringcentral/php-password-login`"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

/// Files that `--help` points at exist in the repository.
#[test]
fn help_points_only_at_existing_docs() {
    let help = pwflow().args(["check", "--help"]).output().expect("help");
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut named = 0;
    for word in help.split(|c: char| c.is_whitespace() || c == '`' || c == '(' || c == ')') {
        if word.starts_with("docs/") {
            named += 1;
            assert!(root.join(word).is_file(), "--help names {word}, which does not exist");
        }
    }
    assert!(named > 0, "the JSON format's documentation is named in --help");
    let doc = fs::read_to_string(root.join("docs/json-format.md")).expect("doc");
    for field in ["schema_version", "fingerprint", "applicability", "pwflow-output", "files_seen"] {
        assert!(doc.contains(&format!("`{field}`")), "docs/json-format.md does not describe {field}");
    }
}

/// `pwflow rules` is a table with a header, the fix class and a description of each rule.
#[test]
fn rules_is_a_table_with_header_fix_kind_and_description() {
    let out = pwflow().arg("rules").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split_whitespace().collect();
    assert_eq!(header, ["RULE", "SEVERITY", "DEFAULT", "FIX", "LANGUAGES", "DESCRIPTION"]);
    let rules = pwflow::rules::RuleSet::builtin().expect("rules");
    for rule in &rules.rules {
        let row = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id.as_str()))
            .unwrap_or_else(|| panic!("{} is not listed:\n{text}", rule.id));
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cells[3], pwflow::report::rules::fix_kind(rule), "{row}");
        assert!(cells.len() > 5, "{} has no description: {row}", rule.id);
    }
    let row = text.lines().find(|l| l.starts_with("ringcentral/php-password-login ")).expect("row");
    assert!(row.contains(" unsafe ") && row.contains(" php "), "{row}");
    assert!(text.trim_end().ends_with("`pwflow explain RULE` for the documentation"), "{text}");
}

/// The skipped list and the findings show paths from the same base, the working directory.
#[test]
fn skipped_entries_and_findings_share_a_base() {
    let dir = project();
    write(dir.path(), "web/vendor/sdk/login.js", JS_PASSWORD);
    pwflow()
        .current_dir(dir.path())
        .args(["check", "web", "--color", "never"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("┌─ web/login.js:3:"))
        .stdout(predicate::str::contains("\n  web/vendor (vendored: "));
}

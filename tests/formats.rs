//! CI output formats: SARIF (against the OASIS schema), GitHub workflow commands, JUnit XML and
//! GitLab Code Quality, each snapshotted on a small project.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const VERSION: &str = env!("CARGO_PKG_VERSION");

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
const JS_SUPPRESSED: &str = "const { SDK } = require('@ringcentral/sdk');\nconst platform = new SDK({ server: SDK.server.production }).platform();\n// pwflow-ignore: ringcentral/js-password-login -- moves to JWT with TICKET-42\nplatform.login({ username: process.env.RC_USERNAME, password: process.env.RC_PASSWORD });\n";

/// A small project: PHP and JS findings (one in a file whose name has a space), a JWT call, a
/// suppressed call, and a vendored copy (skipped).
fn project() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "app/login.php", PHP_PASSWORD);
    write(d, "app/jwt.php", PHP_JWT);
    write(d, "web/login.js", JS_PASSWORD);
    write(d, "web/my page.js", JS_PASSWORD);
    write(d, "web/legacy.js", JS_SUPPRESSED);
    write(d, "vendor/acme/login.php", PHP_PASSWORD);
    dir
}

/// Runs `pwflow check . --format FORMAT` inside `dir` (so paths are relative, as in CI) and
/// returns stdout with the temp dir and the version filtered out.
fn run(dir: &Path, format: &str, code: i32) -> String {
    let out = pwflow()
        .current_dir(dir)
        .args(["check", ".", "--format", format])
        .assert()
        .code(code)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    filter(dir, &stdout)
}

fn filter(dir: &Path, text: &str) -> String {
    let real = fs::canonicalize(dir).expect("canonical temp dir");
    text.replace(&real.display().to_string(), "[TMP]")
        .replace(&dir.display().to_string(), "[TMP]")
        .replace(&format!("\"version\": \"{VERSION}\""), "\"version\": \"[VERSION]\"")
        .replace(&format!("\"semanticVersion\": \"{VERSION}\""), "\"semanticVersion\": \"[VERSION]\"")
}

fn schema_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json")
}

/// Errors of `doc` against the OASIS SARIF 2.1.0 schema (formats checked too).
fn sarif_schema_errors(doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(&fs::read_to_string(schema_path()).expect("schema file"))
        .expect("schema is json");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    validator.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn sarif_is_valid_and_has_what_github_needs() {
    let dir = project();
    let text = run(dir.path(), "sarif", 1);
    let doc: Value = serde_json::from_str(&text).expect("sarif is json");
    let errors = sarif_schema_errors(&doc);
    assert!(errors.is_empty(), "SARIF does not match the schema:\n{}", errors.join("\n"));

    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    let runs = doc["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "pwflow");
    assert_eq!(driver["version"], "[VERSION]");
    assert!(driver["informationUri"].as_str().expect("informationUri").starts_with("https://"));
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file://[TMP]/");
    assert_eq!(run["columnKind"], "unicodeCodePoints");

    let rules = driver["rules"].as_array().expect("rules");
    assert!(!rules.is_empty());
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().expect("id")).collect();
    assert!(ids.contains(&"ringcentral/php-password-login"), "{ids:?}");
    assert!(!ids.contains(&"oauth-ropc/password-grant-request"), "off-by-default rules did not run");
    for r in rules {
        assert!(r["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
        assert!(r["fullDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
        let help = r["help"]["markdown"].as_str().expect("help markdown");
        assert!(
            help.contains("JWT") && help.contains("authorization"),
            "{}: help lacks the migration",
            r["id"]
        );
        assert!(
            r["helpUri"]
                .as_str()
                .expect("helpUri")
                .ends_with(&format!("{}.toml", r["id"].as_str().expect("id")))
        );
        assert!(r["defaultConfiguration"]["level"].is_string());
    }
    let php_rule = rules.iter().find(|r| r["id"] == "ringcentral/php-password-login").expect("php rule");
    assert_eq!(php_rule["defaultConfiguration"]["level"], "error");
    let unused = rules.iter().find(|r| r["id"] == "pwflow/unused-suppression").expect("suppression rule ran");
    assert_eq!(unused["defaultConfiguration"]["level"], "warning");

    let results = run["results"].as_array().expect("results");
    let uris: Vec<&str> = results
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri"))
        .collect();
    assert_eq!(uris, ["app/login.php", "web/legacy.js", "web/login.js", "web/my%20page.js"]);
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex");
        assert_eq!(rules[usize::try_from(index).expect("index")]["id"], r["ruleId"]);
        assert_eq!(r["level"], "error");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(loc["region"]["startLine"].as_u64().expect("startLine") >= 1);
        assert!(loc["region"]["startColumn"].as_u64().expect("startColumn") >= 1);
        assert!(r["partialFingerprints"]["pwflow/v1"].as_str().is_some_and(|f| f.len() >= 16), "{r}");
        let fix = &r["fixes"][0];
        assert_eq!(fix["description"]["text"], "Use the JWT flow");
        let change = &fix["artifactChanges"][0];
        assert_eq!(change["artifactLocation"], loc["artifactLocation"]);
        assert!(change["replacements"][0]["deletedRegion"]["byteLength"].as_u64().expect("byteLength") > 0);
        assert!(change["replacements"][0]["insertedContent"]["text"].as_str().expect("text").contains("jwt"));
    }
    let php = &results[0];
    assert_eq!(
        php["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({
            "startLine": 5, "startColumn": 12, "endLine": 5, "endColumn": 50,
            "snippet": { "text": "login('18881112233', '101', '***')" }
        })
    );
    assert_eq!(
        php["locations"][0]["physicalLocation"]["contextRegion"]["snippet"]["text"],
        "$platform->login('18881112233', '101', '***');"
    );
    // The suppressed call is kept, marked, with its reason; the others have no suppressions.
    let legacy = &results[1];
    assert_eq!(
        legacy["suppressions"],
        serde_json::json!([{ "kind": "inSource", "justification": "moves to JWT with TICKET-42" }])
    );
    assert!(results.iter().filter(|r| r["suppressions"].is_null()).count() == 3);
    // Skipped files are notes.
    let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().expect("notifications");
    assert!(notes.iter().any(|n| n["level"] == "note"
        && n["message"]["text"].as_str().is_some_and(|t| t.contains("vendor") && t.contains("vendored"))));
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    assert!(!text.contains("hunter2") && !text.contains("S3cr3t!"), "SARIF leaks a secret");
    insta::assert_snapshot!("sarif", text);
}

#[test]
fn the_schema_check_rejects_what_github_rejects() {
    let dir = project();
    let text = run(dir.path(), "sarif", 1);
    let mut doc: Value = serde_json::from_str(&text).expect("sarif is json");
    doc["version"] = Value::from("0.45.1");
    doc["runs"][0]["results"][0]["level"] = Value::from("fatal");
    let errors = sarif_schema_errors(&doc);
    assert!(errors.len() >= 2, "the validator is not checking: {errors:?}");
}

#[test]
fn sarif_levels_follow_severity_and_baselines_mark_results() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "keycloak.js",
        "axios.post(url, { grant_type: 'password', username: u, password: p });\n",
    );
    let out = pwflow()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "sarif", "--extend-select", "oauth-ropc"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let run = &doc["runs"][0];
    assert_eq!(run["results"][0]["ruleId"], "oauth-ropc/password-grant-request");
    assert_eq!(run["results"][0]["level"], "warning");
    assert!(run["results"][0]["baselineState"].is_null());

    // A baselined finding is suppressed externally and `unchanged`; the exit code is 0.
    let project = project();
    let baseline = project.path().join("pwflow-baseline.json");
    pwflow()
        .current_dir(project.path())
        .args(["check", ".", "--write-baseline"])
        .arg(&baseline)
        .assert()
        .code(0);
    let out = pwflow()
        .current_dir(project.path())
        .args(["check", ".", "--format", "sarif", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(sarif_schema_errors(&doc).is_empty());
    let results = doc["runs"][0]["results"].as_array().expect("results");
    let php = results.iter().find(|r| r["ruleId"] == "ringcentral/php-password-login").expect("php result");
    assert_eq!(php["baselineState"], "unchanged");
    assert_eq!(php["suppressions"][0]["kind"], "external");
}

#[test]
fn sarif_uris_of_a_subdirectory_scan_stay_relative_to_the_working_directory() {
    let dir = project();
    let out = pwflow()
        .current_dir(dir.path())
        .args(["check", "web", "--format", "sarif"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let uri = &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(uri["uri"], "web/legacy.js");
    assert_eq!(uri["uriBaseId"], "%SRCROOT%");
}

#[test]
fn github_commands_have_the_exact_shape() {
    let dir = project();
    let text = run(dir.path(), "github", 1);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "one line per reported finding (the suppressed one is not):\n{text}");
    assert!(
        lines[0].starts_with(
            "::error file=app/login.php,line=5,col=12,endLine=5,endColumn=50,title=ringcentral/php-password-login::password-flow login (ringcentral/ringcentral-php): "
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("%0Arecommended: JWT flow: "), "{}", lines[0]);
    assert!(
        lines[0].contains("%0AUse the JWT flow:%0A    $platform->login(['jwt' => getenv('RC_JWT')]);"),
        "{}",
        lines[0]
    );
    assert!(lines[2].starts_with("::error file=web/my page.js,line=3,"), "{}", lines[2]);
    assert!(!text.contains("hunter2"));
    insta::assert_snapshot!("github", text);
}

#[test]
fn github_properties_and_messages_are_escaped() {
    // A rule whose id and message hold a comma, a colon, a percent sign and a newline.
    let rules = TempDir::new().expect("tempdir");
    write(
        rules.path(),
        "custom/odd.toml",
        r#"id = "custom/odd"
group = "custom"
languages = ["javascript"]
severity = "info"
message = "50% odd, really: {{name}}"
label = "here"
prefilter = ["odd"]
[query]
javascript = '''
(call_expression function: (identifier) @name (#eq? @name "odd")) @match
'''
[doc]
what = "w"
why = "w"
example = "e"
use-instead = "u"
"#,
    );
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "a, b: c.js", "odd();\n");
    let out = pwflow()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "github", "--fail-on", "error", "--rules"])
        .arg(rules.path())
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        text.lines().next().expect("one line"),
        "::notice file=a%2C b%3A c.js,line=1,col=1,endLine=1,endColumn=6,title=custom/odd::50%25 odd, really: odd%0Arecommended: JWT flow: where the credentials come from is unknown (`odd()` is not read from a place pwflow recognises), so the file decides: no user interface found in the file (no routes, request handling or browser code): a script, job or service",
        "{text}"
    );
}

#[test]
fn junit_is_well_formed_with_counts() {
    let dir = project();
    let text = run(dir.path(), "junit", 1);
    let xml = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suite = root.children().find(|n| n.has_tag_name("testsuite")).expect("testsuite");
    assert_eq!(suite.attribute("name"), Some("pwflow"));
    let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
    let failed: Vec<_> = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("failure"))).collect();
    assert_eq!(failed.len(), 3, "three reported findings");
    assert_eq!(suite.attribute("failures"), Some("3"));
    assert_eq!(suite.attribute("tests"), Some(cases.len().to_string().as_str()));
    assert!(cases.len() > failed.len(), "rules without findings pass");
    let first = failed[0];
    assert_eq!(first.attribute("classname"), Some("ringcentral/php-password-login"));
    assert_eq!(first.attribute("name"), Some("app/login.php:5:12"));
    let failure = first.children().find(|n| n.has_tag_name("failure")).expect("failure");
    assert_eq!(failure.attribute("type"), Some("error"));
    let body = failure.text().expect("body");
    assert!(body.starts_with("app/login.php:5:12: password-flow login"), "{body}");
    assert!(body.contains("$platform->login(['jwt' => getenv('RC_JWT')]);"), "{body}");
    assert!(!text.contains("hunter2"));
    insta::assert_snapshot!("junit", text);
}

#[test]
fn gitlab_code_quality_has_fingerprints_and_lines() {
    let dir = project();
    let text = run(dir.path(), "gitlab", 1);
    let doc: Value = serde_json::from_str(&text).expect("json");
    let issues = doc.as_array().expect("array");
    assert_eq!(issues.len(), 3);
    let first = &issues[0];
    assert_eq!(first["check_name"], "ringcentral/php-password-login");
    assert_eq!(first["severity"], "major");
    assert_eq!(first["location"]["path"], "app/login.php");
    assert_eq!(first["location"]["lines"]["begin"], 5);
    let mut fingerprints: Vec<&str> =
        issues.iter().map(|i| i["fingerprint"].as_str().expect("fingerprint")).collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 3, "fingerprints are unique");
    insta::assert_snapshot!("gitlab", text);

    let clean = TempDir::new().expect("tempdir");
    write(clean.path(), "jwt.php", PHP_JWT);
    assert_eq!(run(clean.path(), "gitlab", 0), "[]\n");
}

#[test]
fn rules_subcommand_rejects_ci_formats() {
    pwflow().args(["rules", "--format", "sarif"]).assert().code(2);
}

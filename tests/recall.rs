//! Shapes whose evidence lies outside the line that logs in: a credentials object read from a
//! JSON file of the same project.

use std::fs;

use assert_cmd::Command;
use tempfile::TempDir;

fn rules_found(dir: &std::path::Path, file: &str) -> Vec<(String, u64)> {
    let out = Command::cargo_bin("pwflow")
        .expect("binary builds")
        .current_dir(dir)
        .args(["check", "--isolated", "--format", "json", file])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                f["start"]["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

const APP: &str = "const { SDK } = require('@ringcentral/sdk');\n\
                   const settings = require('./settings.json');\n\
                   const platform = new SDK(settings.app).platform();\n\
                   platform.login(settings.ringcentral.login);\n";

#[test]
fn login_options_read_from_a_required_json_file_are_followed() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("app.js"), APP).expect("write");
    fs::write(
        dir.path().join("settings.json"),
        r#"{"app": {"clientId": "id"}, "ringcentral": {"login": {"username": "+16505550100", "password": "${SECRET}"}}}"#,
    )
    .expect("write");
    assert_eq!(rules_found(dir.path(), "app.js"), [("ringcentral/js-password-login".to_owned(), 4)]);
}

#[test]
fn a_required_json_file_holding_a_jwt_is_no_password_login() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("app.js"), APP).expect("write");
    fs::write(
        dir.path().join("settings.json"),
        r#"{"app": {"clientId": "id"}, "ringcentral": {"login": {"jwt": "${RC_JWT}"}}}"#,
    )
    .expect("write");
    assert_eq!(rules_found(dir.path(), "app.js"), []);
    // Without the file, the call's shape says nothing about a password.
    fs::remove_file(dir.path().join("settings.json")).expect("rm");
    assert_eq!(rules_found(dir.path(), "app.js"), []);
}

/// A copy of the SDK's own source kept outside `vendor/` is vendored: skipped with the reason,
/// while the app code that calls it is reported.
#[test]
fn a_copy_of_the_sdk_source_is_skipped_as_vendored() {
    let dir = TempDir::new().expect("tempdir");
    let sdk = dir.path().join("lib/RcApi/src/Platform");
    fs::create_dir_all(&sdk).expect("mkdir");
    fs::write(
        sdk.join("Platform.php"),
        "<?php\nnamespace RingCentral\\SDK\\Platform;\n\nclass Platform\n{\n    public function login($o)\n    {\n        \
         return $this->requestToken('/restapi/oauth/token', ['grant_type' => 'password', 'username' => $o['username'], 'password' => $o['password']]);\n    }\n}\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("app.php"),
        "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n\
         $platform->login(getenv('RC_USERNAME'), '', getenv('RC_PASSWORD'));\n",
    )
    .expect("write");
    let out = Command::cargo_bin("pwflow")
        .expect("binary builds")
        .current_dir(dir.path())
        .args(["check", "--isolated", "--format", "json", "."])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let paths: Vec<&str> =
        json["findings"].as_array().expect("findings").iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["app.php"]);
    let skipped = &json["skipped"][0];
    assert_eq!(skipped["reason"], "vendored");
    assert!(
        skipped["detail"].as_str().is_some_and(|d| d.contains("RingCentral SDK's own source")),
        "{skipped}"
    );
}

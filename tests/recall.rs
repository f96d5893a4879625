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

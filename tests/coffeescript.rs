//! CoffeeScript, a text language, as a user meets it: a Hubot-style project scanned from the
//! command line, in the human, JSON and SARIF outputs, with a suppression and a literal
//! password that no output may show.

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

fn write(dir: &Path, rel: &str, contents: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
    fs::write(path, contents).expect("write");
}

/// A chat bot that logs in to RingCentral with a password, in the shapes such scripts take.
const BOT: &str = "\
# Description:
#   Answers the phone for the team. Set HUBOT_PHONE_USERNAME and friends.
RingCentral = require 'ringcentral'

module.exports = (robot) ->
  rcsdk = new RingCentral(server: RingCentral.server.production, appKey: process.env.KEY, appSecret: process.env.SECRET)
  platform = rcsdk.platform()

  robot.respond /call me/i, (res) ->
    platform.login
      username: process.env.HUBOT_PHONE_USERNAME
      extension: '101'
      password: 'Tr0ub4dor&3'
    .then -> res.send 'signed in'

  # pwflow-ignore: ringcentral/coffee-password-login -- the sandbox account, retired with the bot in June
  platform.login username: 'sandbox', password: process.env.SANDBOX_PASSWORD

  # platform.login username: u, password: p -- how it used to be done, in a comment
  robot.hear /token/, ->
    body = 'grant_type=password&username=ops&password=hunter2'
    robot.http('https://platform.ringcentral.com/restapi/oauth/token').post(body)
";

/// A chat bot's JWT login: nothing to report.
const JWT_BOT: &str = "\
RingCentral = require 'ringcentral'
platform = new RingCentral(server: RingCentral.server.production).platform()
platform.login jwt: process.env.RC_JWT
";

fn project() -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "scripts/phone.coffee", BOT);
    write(d, "scripts/jwt.coffee", JWT_BOT);
    write(
        d,
        "docs/setup.md",
        "# Setup\n\n```coffee\nplatform = require('ringcentral').platform()\nplatform.login username: u, password: p\n```\n",
    );
    write(
        d,
        "web/Login.vue",
        "<template><p>hi</p></template>\n<script lang=\"coffee\">\nsdk = require 'ringcentral'\nsdk.platform().login(username: u, password: p)\n</script>\n",
    );
    dir
}

fn json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let out = pwflow().arg("check").arg(dir).args(["--format", "json"]).args(extra).output().expect("runs");
    serde_json::from_slice(&out.stdout).expect("json")
}

const SECRETS: [&str; 2] = ["Tr0ub4dor", "hunter2"];

#[test]
fn a_coffeescript_project_is_reported_with_suppressions_and_no_secret() {
    let dir = project();
    let doc = json(dir.path(), &[]);
    let mut found: Vec<(String, u64, String, bool)> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path").replace('\\', "/"),
                f["start"]["line"].as_u64().expect("line"),
                f["rule"].as_str().expect("rule").to_owned(),
                f["suppressed"].is_string(),
            )
        })
        .collect();
    found.sort();
    let expected = [
        ("docs/setup.md", 5, "ringcentral/coffee-password-login", false),
        ("scripts/phone.coffee", 10, "ringcentral/coffee-password-login", false),
        ("scripts/phone.coffee", 17, "ringcentral/coffee-password-login", true),
        ("scripts/phone.coffee", 21, "ringcentral/coffee-password-grant", false),
        ("web/Login.vue", 4, "ringcentral/coffee-password-login", false),
    ];
    let expected: Vec<(String, u64, String, bool)> =
        expected.iter().map(|(p, l, r, s)| ((*p).to_owned(), *l, (*r).to_owned(), *s)).collect();
    assert_eq!(found, expected, "{doc:#}");
    let text = doc.to_string();
    for secret in SECRETS {
        assert!(!text.contains(secret), "the JSON report shows {secret}:\n{doc:#}");
    }
    // The suppression was used: no unused-suppression finding, and its reason is kept.
    assert!(!text.contains("pwflow/unused-suppression"), "{doc:#}");
}

#[test]
fn the_suppression_reason_is_kept_and_an_invalid_one_is_reported() {
    let dir = project();
    let doc = json(dir.path(), &[]);
    let suppressed: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["suppressed"].is_string())
        .collect();
    assert_eq!(suppressed.len(), 1, "{doc:#}");
    assert!(suppressed[0]["suppressed"].as_str().expect("reason").contains("retired with the bot"));

    // A directive without a reason suppresses nothing and is reported.
    let bad = BOT.replace(" -- the sandbox account, retired with the bot in June", "");
    write(dir.path(), "scripts/phone.coffee", &bad);
    let doc = json(dir.path(), &[]);
    let rules: Vec<&str> =
        doc["findings"].as_array().expect("findings").iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(rules.contains(&"pwflow/invalid-suppression"), "{doc:#}");
    assert_eq!(rules.iter().filter(|r| **r == "ringcentral/coffee-password-login").count(), 4, "{doc:#}");
}

#[test]
fn human_and_sarif_outputs_show_the_guidance_and_no_secret() {
    let dir = project();
    let out = pwflow().arg("check").arg(dir.path()).args(["--color", "never"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains("ringcentral/coffee-password-login"), "{human}");
    assert!(human.contains("platform.login jwt: process.env.RC_JWT"), "{human}");
    assert!(human.contains("password: '***'"), "{human}");
    let out = pwflow().arg("check").arg(dir.path()).args(["--format", "sarif"]).output().expect("runs");
    let sarif = String::from_utf8_lossy(&out.stdout);
    assert!(sarif.contains("ringcentral/coffee-password-grant"), "{sarif}");
    for text in [&human, &sarif] {
        for secret in SECRETS {
            assert!(!text.contains(secret), "an output shows {secret}:\n{text}");
        }
    }
    // `pwflow explain` documents the rules.
    pwflow()
        .args(["explain", "ringcentral/coffee-password-login"])
        .assert()
        .success()
        .stdout(predicate::str::contains("platform.login jwt: process.env.RC_JWT"));
}

#[test]
fn comments_and_prose_are_not_findings() {
    let dir = TempDir::new().expect("tempdir");
    write(
        dir.path(),
        "notes.coffee",
        "RingCentral = require 'ringcentral'\n# platform.login username: u, password: p\n###\nplatform.login username: u, password: p\n###\nx = \"platform.login username: u, password: p\"\n",
    );
    pwflow().arg("check").arg(dir.path()).assert().code(0);
    write(dir.path(), "Cakefile", "task 'login', ->\n  rcsdk.platform().login username: u, password: p\n");
    let doc = json(dir.path(), &[]);
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(1), "{doc:#}");
}

/// A user's own text rule: loaded with `--rules`, its fixtures tested with `test-rules`, and a
/// broken regex stops pwflow with the rule file's line and column.
#[test]
fn user_text_rules_load_run_and_report_their_errors() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let rule = r#"id = "acme/coffee-connect"
group = "acme"
languages = ["coffeescript"]
severity = "error"
message = "`{{receiver}}.connect` logs in with a password"
label = "password login"
prefilter = ["connect"]
primary = "call"
checks = ["ringcentral-context"]
[regex]
coffeescript = '''(?P<call>(?P<receiver>RcClient)\.connect)\b'''
[doc]
what = "Calls of our wrapper `RcClient.connect`, which uses the password flow."
why = "RingCentral rejects the password grant since 2024-03-31."
example = "`RcClient.connect user, ext, password`"
use-instead = "`RcClient.connectJwt process.env.RC_JWT`, or the authorization-code flow (`RcClient.authUrl()`)."
[[fix]]
title = "Use the JWT flow"
flow = "jwt"
applicability = "display-only"
target = "call"
template = "RcClient.connectJwt process.env.RC_JWT"
"#;
    write(d, "rules/acme/coffee-connect.toml", rule);
    write(
        d,
        "fixtures/acme/coffee-connect/positive.coffee",
        "RC = require 'ringcentral'\n# RcClient.connect is what we used to call\nRcClient.connect u, e, p # expect: acme/coffee-connect\n",
    );
    write(
        d,
        "fixtures/acme/coffee-connect/negative.coffee",
        "RC = require 'ringcentral'\nRcClient.connectJwt t\n",
    );
    pwflow()
        .arg("test-rules")
        .arg(d.join("rules"))
        .arg("--fixtures")
        .arg(d.join("fixtures"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 passed, 0 failed"));
    let out = pwflow()
        .args(["check", "--format", "json", "--rules"])
        .arg(d.join("rules"))
        .arg(d.join("fixtures/acme/coffee-connect/positive.coffee"))
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules: Vec<&str> =
        doc["findings"].as_array().expect("f").iter().filter_map(|f| f["rule"].as_str()).collect();
    assert_eq!(rules, ["acme/coffee-connect"], "{doc:#}");

    write(
        d,
        "rules/acme/coffee-connect.toml",
        &rule.replace(r"(?P<receiver>RcClient)", r"(?P<receiver>RcClient"),
    );
    pwflow().args(["check", "--rules"]).arg(d.join("rules")).arg(d.join("fixtures")).assert().code(2).stderr(
        predicate::str::contains("coffee-connect.toml:11:").and(predicate::str::contains("invalid regex")),
    );
}

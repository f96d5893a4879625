//! Recommendations from where the credentials come from, the rewrites they allow, and SDK
//! versions locked below the JWT login: what a user sees on small projects.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn pwflow(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
    cmd.current_dir(dir).arg("check").arg("--isolated");
    cmd
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).expect("read")
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = pwflow(dir).args(args).args(["--format", "json"]).output().expect("runs");
    serde_json::from_slice(&out.stdout).expect("json")
}

/// A bot that logs in as itself from the environment and serves a webhook route.
const BOT: &str = "\
const express = require('express');
const { SDK } = require('@ringcentral/sdk');
const platform = new SDK({ server: SDK.server.production, clientId: process.env.RC_CLIENT_ID }).platform();
const app = express();
app.post('/webhook', (req, res) => res.sendStatus(200));
async function start() {
  await platform.login({ username: process.env.RC_USERNAME, extension: process.env.RC_EXTENSION, password: process.env.RC_PASSWORD });
  app.listen(3000);
}
start();
";

/// A sign-in route that logs in with each visitor's password.
const SIGN_IN: &str = "\
const express = require('express');
const { SDK } = require('@ringcentral/sdk');
const platform = new SDK({ server: SDK.server.production }).platform();
const app = express();
app.post('/signin', async (req, res) => {
  const { username, password } = req.body;
  await platform.login({ username, password });
  res.redirect('/');
});
";

#[test]
fn a_bot_with_env_credentials_and_a_webhook_gets_the_jwt_rewrite() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("bot.js"), BOT).expect("write");
    let report = json(dir.path(), &["bot.js"]);
    let rec = &report["findings"][0]["recommendation"];
    assert_eq!(rec["flow"], "jwt", "{report}");
    let reason = rec["reason"].as_str().expect("reason");
    assert!(
        reason.contains("credentials come from `process.env`") && reason.contains("one service identity"),
        "{reason}"
    );
    pwflow(dir.path()).args(["bot.js", "--fix", "--unsafe-fixes"]).assert().code(0);
    let fixed = read(dir.path(), "bot.js");
    assert!(fixed.contains("await platform.login({ jwt: process.env.RC_JWT });"), "{fixed}");
    assert!(fixed.contains("app.post('/webhook'"), "{fixed}");
}

#[test]
fn a_sign_in_handler_is_never_rewritten_to_a_jwt() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("signin.js"), SIGN_IN).expect("write");
    let report = json(dir.path(), &["signin.js"]);
    let finding = &report["findings"][0];
    assert_eq!(finding["recommendation"]["flow"], "oauth", "{report}");
    assert!(
        finding["recommendation"]["reason"].as_str().expect("reason").contains("`req.body` (request input)")
    );
    // The origin, machine-readable beside the reason.
    assert_eq!(
        finding["recommendation"]["origin"],
        serde_json::json!({ "kind": "user", "evidence": "`req.body` (request input)" }),
        "{report}"
    );
    let fixes = finding["fixes"].as_array().expect("fixes");
    assert!(fixes.iter().all(|f| f["flow"] != "jwt"), "no JWT rewrite is offered: {report}");
    // Not with --fix, and not when the JWT flow is asked for: the output says why.
    for extra in [&[][..], &["--flow", "jwt"][..]] {
        let out = pwflow(dir.path())
            .args(["signin.js", "--fix", "--unsafe-fixes"])
            .args(extra)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "the finding stays");
        assert_eq!(read(dir.path(), "signin.js"), SIGN_IN, "{extra:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("no JWT rewrite: the credentials come from `req.body` (request input)"),
            "{extra:?}: {text}"
        );
    }
}

#[test]
fn browser_code_gets_no_jwt_even_from_build_time_environment() {
    let dir = TempDir::new().expect("tempdir");
    let component = "\
import { SDK } from '@ringcentral/sdk';
const platform = new SDK({ clientId: process.env.REACT_APP_ID }).platform();
export function Demo() {
  return <button onClick={() => platform.login({ username: process.env.REACT_APP_USER, password: process.env.REACT_APP_PW })}>go</button>;
}
";
    fs::write(dir.path().join("Demo.jsx"), component).expect("write");
    let out = pwflow(dir.path())
        .args(["Demo.jsx", "--fix", "--unsafe-fixes", "--flow", "jwt"])
        .output()
        .expect("runs");
    assert_eq!(read(dir.path(), "Demo.jsx"), component);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("no JWT rewrite: the file is a JSX/TSX component"), "{text}");
}

const PHP: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n$platform->login(getenv('RC_USERNAME'), getenv('RC_EXTENSION'), getenv('RC_PASSWORD'));\n";
const LOCK_224: &str =
    r#"{"packages": [{"name": "ringcentral/ringcentral-php", "version": "2.2.4"}], "packages-dev": []}"#;

#[test]
fn a_lock_file_older_than_the_jwt_login_makes_the_rewrite_display_only() {
    let dir = TempDir::new().expect("tempdir");
    fs::create_dir_all(dir.path().join("app/src")).expect("mkdir");
    fs::write(dir.path().join("app/composer.lock"), LOCK_224).expect("write");
    fs::write(dir.path().join("app/src/cron.php"), PHP).expect("write");

    // Scanned as a tree and as one file named on the command line (the lock file is found
    // in the directories above it).
    for target in [".", "app/src/cron.php"] {
        let report = json(dir.path(), &[target]);
        let finding = &report["findings"][0];
        let message = finding["message"].as_str().expect("message");
        assert!(
            message.contains(
                "composer.lock locks ringcentral/ringcentral-php 2.2.4; the JWT login needs >= 2.3.0"
            ),
            "{target}: {message}"
        );
        let jwt =
            finding["fixes"].as_array().expect("fixes").iter().find(|f| f["flow"] == "jwt").expect("jwt fix");
        assert_eq!(jwt["applicability"], "display-only", "{target}: {jwt}");
        let title = jwt["title"].as_str().expect("title");
        assert!(title.contains(">= 2.3.0") && title.contains("--accept-sdk-upgrade"), "{title}");
    }
    let sarif = pwflow(dir.path()).args([".", "--format", "sarif"]).output().expect("runs");
    let sarif = String::from_utf8_lossy(&sarif.stdout);
    assert!(
        sarif.contains("locks ringcentral/ringcentral-php 2.2.4; the JWT login needs >= 2.3.0"),
        "{sarif}"
    );
    let human = pwflow(dir.path()).arg(".").output().expect("runs");
    assert!(String::from_utf8_lossy(&human.stdout).contains("2.2.4; the JWT login needs >= 2.3.0"));

    pwflow(dir.path()).args([".", "--fix", "--unsafe-fixes"]).assert().code(1);
    assert_eq!(read(dir.path(), "app/src/cron.php"), PHP, "not applied without the switch");
    pwflow(dir.path()).args([".", "--fix", "--unsafe-fixes", "--accept-sdk-upgrade"]).assert().code(0);
    assert!(read(dir.path(), "app/src/cron.php").contains("$platform->login(['jwt' => getenv('RC_JWT')]);"));
}

#[test]
fn the_configuration_can_accept_the_sdk_upgrade_once_for_every_run() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("composer.lock"), LOCK_224).expect("write");
    fs::write(dir.path().join("cron.php"), PHP).expect("write");
    fs::write(dir.path().join("pwflow.toml"), "accept-sdk-upgrade = true\n").expect("write");
    // Reads the configuration (the other tests here run `--isolated`).
    let configured = || {
        let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
        cmd.current_dir(dir.path()).arg("check");
        cmd
    };

    let out = configured().args([".", "--format", "json"]).output().expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let fixes = report["findings"][0]["fixes"].as_array().expect("fixes");
    let jwt = fixes.iter().find(|f| f["flow"] == "jwt").expect("jwt fix");
    assert_eq!(jwt["applicability"], "unsafe", "{jwt}");
    // `--isolated` ignores the file, and with it the acceptance.
    pwflow(dir.path()).args([".", "--fix", "--unsafe-fixes"]).assert().code(1);
    assert_eq!(read(dir.path(), "cron.php"), PHP, "not applied when the configuration is ignored");
    configured().args([".", "--fix", "--unsafe-fixes"]).assert().code(0);
    assert!(read(dir.path(), "cron.php").contains("$platform->login(['jwt' => getenv('RC_JWT')]);"));
}

#[test]
fn a_lock_file_at_the_jwt_minimum_changes_nothing() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("composer.lock"), LOCK_224.replace("2.2.4", "2.3.0")).expect("write");
    fs::write(dir.path().join("cron.php"), PHP).expect("write");
    let report = json(dir.path(), &["."]);
    let finding = &report["findings"][0];
    assert!(!finding["message"].as_str().expect("message").contains("locks"), "{report}");
    pwflow(dir.path()).args([".", "--fix", "--unsafe-fixes"]).assert().code(0);
}

#[test]
fn human_output_names_the_evidence_and_the_locked_version() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("composer.lock"), LOCK_224).expect("write");
    fs::write(dir.path().join("cron.php"), PHP).expect("write");
    fs::write(dir.path().join("signin.js"), SIGN_IN).expect("write");
    let out = pwflow(dir.path()).args([".", "--color", "never"]).output().expect("runs");
    insta::assert_snapshot!("provenance_human", String::from_utf8_lossy(&out.stdout));
}

/// Python's and pnpm's lock files name the locked SDK the same way.
#[test]
fn poetry_pipfile_and_pnpm_locks_are_read() {
    let dir = TempDir::new().expect("tempdir");
    let py = "import os\nfrom ringcentral import SDK\nplatform = SDK('a', 'b', 'https://platform.ringcentral.com').platform()\n\
              platform.login(os.environ['RC_USERNAME'], '', os.environ['RC_PASSWORD'])\n";
    for (lock, text) in [
        ("poetry.lock", "[[package]]\nname = \"ringcentral\"\nversion = \"0.7.5\"\n"),
        ("Pipfile.lock", r#"{"default": {"ringcentral": {"version": "==0.7.5"}}, "develop": {}}"#),
    ] {
        let app = dir.path().join(lock.replace('.', "-"));
        fs::create_dir_all(&app).expect("mkdir");
        fs::write(app.join("job.py"), py).expect("write");
        fs::write(app.join(lock), text).expect("write");
    }
    let js = "const { SDK } = require('@ringcentral/sdk');\nconst platform = new SDK({}).platform();\n\
              platform.login({ username: process.env.RC_USERNAME, password: process.env.RC_PASSWORD });\n";
    let app = dir.path().join("pnpm");
    fs::create_dir_all(&app).expect("mkdir");
    fs::write(app.join("bot.js"), js).expect("write");
    fs::write(app.join("pnpm-lock.yaml"), "lockfileVersion: '9.0'\n\npackages:\n\n  '@ringcentral/sdk@4.6.1':\n    resolution: {integrity: x}\n")
        .expect("write");
    let doc = json(dir.path(), &["."]);
    let messages: Vec<&str> =
        doc["findings"].as_array().expect("findings").iter().filter_map(|f| f["message"].as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    for lock in [
        "poetry.lock locks ringcentral 0.7.5",
        "Pipfile.lock locks ringcentral 0.7.5",
        "pnpm-lock.yaml locks @ringcentral/sdk 4.6.1",
    ] {
        assert!(messages.iter().any(|m| m.contains(lock)), "{lock}: {messages:?}");
    }
}

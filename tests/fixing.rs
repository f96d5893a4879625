//! `--fix`, `--unsafe-fixes`, `--diff`: what is written, and that files are never damaged.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn pwflow(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
    cmd.current_dir(dir).arg("check").arg("--isolated");
    cmd
}

const PHP: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n$platform->login(getenv('RC_USERNAME'), getenv('RC_EXTENSION'), getenv('RC_PASSWORD'));\n";
const PHP_FIXED: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n$platform->login(['jwt' => getenv('RC_JWT')]);\n";
const JS: &str = "const { SDK } = require('@ringcentral/sdk');\nconst rcsdk = new SDK({ server: SDK.server.production });\nasync function main() {\n  await rcsdk.platform().login({ username: process.env.RC_USERNAME, password: 'hunter2' });\n}\n";

#[test]
fn jwt_rewrites_are_unsafe_and_need_the_flag() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("a.php"), PHP).expect("write");
    pwflow(dir.path()).args(["a.php", "--fix"]).assert().code(1);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.php")).expect("read"),
        PHP,
        "--fix alone applies no unsafe fix"
    );
    pwflow(dir.path())
        .args(["a.php", "--fix", "--unsafe-fixes"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("fixed 1 finding(s) with 1 edit(s) in 1 file(s)"));
    assert_eq!(fs::read_to_string(dir.path().join("a.php")).expect("read"), PHP_FIXED);
    // Idempotent: a second run changes nothing.
    pwflow(dir.path()).args(["a.php", "--fix", "--unsafe-fixes"]).assert().code(0);
    assert_eq!(fs::read_to_string(dir.path().join("a.php")).expect("read"), PHP_FIXED);
}

#[test]
fn diff_writes_nothing_exits_1_and_masks_secrets() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("a.js"), JS).expect("write");
    let out =
        pwflow(dir.path()).args(["a.js", "--diff", "--unsafe-fixes"]).assert().code(1).get_output().clone();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("--- a/a.js")
            && diff.contains("+  await rcsdk.platform().login({ jwt: process.env.RC_JWT });"),
        "{diff}"
    );
    assert!(!diff.contains("hunter2"), "{diff}");
    assert_eq!(fs::read_to_string(dir.path().join("a.js")).expect("read"), JS);
    // Nothing to change: exit 0.
    fs::write(dir.path().join("a.js"), "export const x = 1;\n").expect("write");
    pwflow(dir.path())
        .args(["a.js", "--diff", "--unsafe-fixes"])
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
}

#[test]
fn crlf_and_bom_survive() {
    let dir = TempDir::new().expect("tempdir");
    let crlf = format!("\u{feff}{}", PHP.replace('\n', "\r\n"));
    fs::write(dir.path().join("a.php"), &crlf).expect("write");
    pwflow(dir.path()).args(["a.php", "--fix", "--unsafe-fixes"]).assert().code(0);
    let after = fs::read_to_string(dir.path().join("a.php")).expect("read");
    assert_eq!(after, format!("\u{feff}{}", PHP_FIXED.replace('\n', "\r\n")));
}

#[test]
fn read_only_files_are_left_alone() {
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("a.php");
    fs::write(&path, PHP).expect("write");
    let mut perms = fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).expect("chmod");
    pwflow(dir.path())
        .args(["a.php", "--fix", "--unsafe-fixes"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not fixed: a.php: read-only file"));
    assert_eq!(fs::read_to_string(&path).expect("read"), PHP);
}

#[cfg(unix)]
#[test]
fn symlinked_files_are_fixed_through_the_link() {
    let dir = TempDir::new().expect("tempdir");
    fs::create_dir_all(dir.path().join("real")).expect("mkdir");
    fs::write(dir.path().join("real/a.php"), PHP).expect("write");
    std::os::unix::fs::symlink("real/a.php", dir.path().join("link.php")).expect("symlink");
    pwflow(dir.path()).args(["link.php", "--fix", "--unsafe-fixes"]).assert().code(0);
    assert!(
        fs::symlink_metadata(dir.path().join("link.php")).expect("meta").file_type().is_symlink(),
        "the link stays a link"
    );
    assert_eq!(fs::read_to_string(dir.path().join("real/a.php")).expect("read"), PHP_FIXED);
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("a.php");
    fs::write(&path, PHP).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    pwflow(dir.path()).args(["a.php", "--fix", "--unsafe-fixes"]).assert().code(0);
    assert_eq!(fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o640);
    assert_eq!(fs::read_to_string(&path).expect("read"), PHP_FIXED);
}

#[test]
fn leftover_credentials_are_named_in_the_fix_title() {
    let dir = TempDir::new().expect("tempdir");
    let src = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n$password = getenv('RC_PASSWORD');\n$platform->login($user, $ext, $password);\n";
    fs::write(dir.path().join("a.php"), src).expect("write");
    let out = pwflow(dir.path()).args(["a.php", "--format", "json"]).assert().code(1).get_output().clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let fix = &doc["findings"][0]["fixes"][0];
    assert!(fix["title"].as_str().expect("title").contains("may leave `$password` unused"), "{fix}");
    assert_eq!(fix["leftovers"], serde_json::json!(["$password"]));
}

#[test]
fn flow_oauth_shows_guidance_first_and_applies_nothing() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("a.php"), PHP).expect("write");
    let out = pwflow(dir.path())
        .args(["a.php", "--flow", "oauth", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["findings"][0]["fixes"][0]["flow"], "oauth");
    pwflow(dir.path()).args(["a.php", "--flow", "oauth", "--fix", "--unsafe-fixes"]).assert().code(1);
    assert_eq!(fs::read_to_string(dir.path().join("a.php")).expect("read"), PHP);
}

/// Files of an interrupt test: `count` copies of the PHP login.
fn many_logins(count: usize) -> TempDir {
    let dir = TempDir::new().expect("tempdir");
    for i in 0..count {
        fs::write(dir.path().join(format!("f{i:03}.php")), PHP).expect("write");
    }
    dir
}

/// Names of the `.pwflow-fix-*` temporary files in `dir`, sorted.
fn temp_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".pwflow-fix-"))
        .collect();
    names.sort();
    names
}

/// Asserts every file holds the old or the fixed text; returns how many are fixed.
fn old_or_new(dir: &Path, count: usize) -> usize {
    let mut new = 0;
    for i in 0..count {
        let bytes = fs::read(dir.join(format!("f{i:03}.php"))).expect("read");
        if bytes == PHP_FIXED.as_bytes() {
            new += 1;
        } else {
            assert_eq!(String::from_utf8_lossy(&bytes), PHP, "f{i:03}.php is neither old nor new");
        }
    }
    new
}

/// Starts `--fix` on `dir` with each write paused (the `PWFLOW_TEST_FIX_PAUSE_MS` hook, between
/// the temporary file and its rename) and returns once a temporary file exists: a signal sent
/// then meets live temporary files, deterministically.
#[cfg(unix)]
fn fix_paused(dir: &Path, pause_ms: u64) -> std::process::Child {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pwflow"))
        .current_dir(dir)
        .args(["check", ".", "--isolated", "--fix", "--unsafe-fixes", "--quiet", "--jobs", "2"])
        .env("PWFLOW_TEST_FIX_PAUSE_MS", pause_ms.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while temp_files(dir).is_empty() {
        assert!(child.try_wait().expect("wait").is_none(), "the run ended before writing");
        assert!(std::time::Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child
}

#[cfg(unix)]
#[test]
fn sigint_and_sigterm_during_fix_leave_no_temporary_file_and_no_broken_file() {
    for signal in ["INT", "TERM"] {
        let count = 30;
        let dir = many_logins(count);
        let child = fix_paused(dir.path(), 400);
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(130), "SIG{signal}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted: removed"), "SIG{signal}");
        assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "SIG{signal} left temporary files");
        assert!(old_or_new(dir.path(), count) < count, "SIG{signal} came after the last write");
        // The second run finishes the job.
        pwflow(dir.path()).args([".", "--fix", "--unsafe-fixes"]).assert().code(0);
        assert_eq!(old_or_new(dir.path(), count), count);
        assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    }
}

#[cfg(unix)]
#[test]
fn a_killed_fix_leaves_temporary_files_that_the_next_run_ignores_then_removes() {
    let count = 30;
    let dir = many_logins(count);
    let mut child = fix_paused(dir.path(), 3000);
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    // SIGKILL cannot be caught: the temporary file of the paused write stays.
    let left = temp_files(dir.path());
    assert!(!left.is_empty(), "the kill came after the write it interrupted");
    let fixed = old_or_new(dir.path(), count);
    // A scan neither reads nor reports the copy: it is listed as skipped.
    let out = pwflow(dir.path()).args([".", "--format", "json"]).output().expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["findings"].as_array().expect("findings").len(), count - fixed);
    let skipped: Vec<&str> = doc["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .filter(|s| s["reason"] == "pwflow-temp")
        .map(|s| s["path"].as_str().expect("path"))
        .collect();
    assert_eq!(skipped.len(), left.len(), "{doc}");
    assert_eq!(temp_files(dir.path()), left, "a scan without --fix removes nothing");
    // The next --fix removes them and fixes the rest.
    pwflow(dir.path()).args([".", "--fix", "--unsafe-fixes"]).assert().code(0);
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
    assert_eq!(old_or_new(dir.path(), count), count);
}

#[test]
fn staged_fix_is_refused() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("a.php"), PHP).expect("write");
    pwflow(dir.path())
        .args(["--staged", "--fix", "--unsafe-fixes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fix").and(predicate::str::contains("--staged")));
    assert_eq!(fs::read_to_string(dir.path().join("a.php")).expect("read"), PHP);
}

#[cfg(unix)]
#[test]
fn hard_linked_files_are_replaced_under_their_name_and_the_fix_says_so() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("a.php"), PHP).expect("write");
    fs::hard_link(dir.path().join("a.php"), dir.path().join("b.txt")).expect("link");
    pwflow(dir.path())
        .args(["a.php", "--fix", "--unsafe-fixes"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("note: it had 1 other hard link(s): they keep the old text"));
    assert_eq!(fs::read_to_string(dir.path().join("a.php")).expect("read"), PHP_FIXED);
    assert_eq!(fs::read_to_string(dir.path().join("b.txt")).expect("read"), PHP);
}

#[cfg(unix)]
#[test]
fn owner_and_group_are_kept_when_the_process_may_set_them() {
    use std::os::unix::fs::MetadataExt as _;
    let dir = TempDir::new().expect("tempdir");
    let path = dir.path().join("a.php");
    fs::write(&path, PHP).expect("write");
    // Only root may give a file away: elsewhere this checks only that nothing changes.
    let given = std::os::unix::fs::chown(&path, Some(4321), Some(4321)).is_ok();
    let before = fs::metadata(&path).expect("meta");
    pwflow(dir.path()).args(["a.php", "--fix", "--unsafe-fixes"]).assert().code(0);
    let after = fs::metadata(&path).expect("meta");
    assert_eq!(fs::read_to_string(&path).expect("read"), PHP_FIXED);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()), "given away: {given}");
}

#[test]
fn python_and_ruby_logins_are_rewritten_in_their_sdk_idiom() {
    let dir = TempDir::new().expect("tempdir");
    let py = "import os\nfrom ringcentral import SDK\nplatform = SDK('id', 's', 'https://platform.ringcentral.com').platform()\nplatform.login(os.environ.get('RC_USERNAME'), os.environ.get('RC_EXTENSION'), 'hunter2')\nplatform.login('', '', '', code, redirect_uri)\n";
    let rb = "require 'ringcentral'\nrc = RingCentral.new(ENV['RC_CLIENT_ID'], ENV['RC_CLIENT_SECRET'], ENV['RC_SERVER_URL'])\nrc.authorize username: ENV['RC_USERNAME'], extension: ENV['RC_EXTENSION'], password: ENV['RC_PASSWORD']\n";
    fs::write(dir.path().join("a.py"), py).expect("write");
    fs::write(dir.path().join("a.rb"), rb).expect("write");
    let out = pwflow(dir.path())
        .args(["a.py", "a.rb", "--diff", "--unsafe-fixes"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("hunter2"), "the diff shows a literal password");
    pwflow(dir.path()).args(["a.py", "a.rb", "--fix", "--unsafe-fixes"]).assert().code(0);
    let fixed_py = fs::read_to_string(dir.path().join("a.py")).expect("read");
    // The JWT is read the way the password was (`os.environ.get`); the auth-code call is kept.
    assert!(fixed_py.contains("\nplatform.login(jwt=os.environ.get('RC_JWT'))\n"), "{fixed_py}");
    assert!(fixed_py.ends_with("platform.login('', '', '', code, redirect_uri)\n"), "{fixed_py}");
    let fixed_rb = fs::read_to_string(dir.path().join("a.rb")).expect("read");
    // No parentheses before: none after, so the call still parses.
    assert!(fixed_rb.ends_with("\nrc.authorize jwt: ENV['RC_JWT']\n"), "{fixed_rb}");
    pwflow(dir.path()).args(["a.py", "a.rb", "--fix", "--unsafe-fixes"]).assert().code(0);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.py")).expect("read"),
        fixed_py,
        "a second --fix changes nothing"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.rb")).expect("read"),
        fixed_rb,
        "a second --fix changes nothing"
    );
}

/// Hand-built request bodies: (file, before, after) with `--flow jwt --unsafe-fixes`. Each
/// file names the RingCentral host so the requests are RingCentral's.
const BODIES: &[(&str, &str, &str)] = &[
    (
        "interp.rb",
        "# https://platform.ringcentral.com\nreq.body = \"grant_type=password&username=#{ENV['RC_USERNAME']}&password=#{ENV['RC_PASSWORD']}\"\n",
        "# https://platform.ringcentral.com\nreq.body = \"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=#{ENV['RC_JWT']}\"\n",
    ),
    (
        "env.php",
        "<?php // https://platform.ringcentral.com\n$body = \"grant_type=password&username={$_ENV['RC_USERNAME']}&password={$_ENV['RC_PASSWORD']}&scope=x\";\n",
        "<?php // https://platform.ringcentral.com\n$body = \"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion={$_ENV['RC_JWT']}&scope=x\";\n",
    ),
    (
        "fstring.py",
        "# https://platform.ringcentral.com\nbody = f'grant_type=password&username={u}&password={os.environ[\"RC_PASSWORD\"]}'\n",
        "# https://platform.ringcentral.com\nbody = f'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion={os.environ[\"RC_JWT\"]}'\n",
    ),
    (
        "body.sh",
        "# https://platform.ringcentral.com\nBODY=\"grant_type=password&username=$U&password=$P&scope=openid\"\n",
        "# https://platform.ringcentral.com\nBODY=\"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=$RC_JWT&scope=openid\"\n",
    ),
    (
        // The form starts after the URL's `?`; a field between the credentials is kept, and
        // the string left empty at the end goes with its operator.
        "query.js",
        "fetch(SERVER + '/restapi/oauth/token?grant_type=password&username=' + u + '&client_id=' + id + '&password=' + p, { method: 'POST' });\n",
        "fetch(SERVER + '/restapi/oauth/token?grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=' + process.env.RC_JWT + '&client_id=' + id, { method: 'POST' });\n",
    ),
    (
        // Credentials first: the assertion takes their place.
        "first.js",
        "// https://platform.ringcentral.com\nconst body = 'username=' + u + '&password=' + p + '&grant_type=password';\n",
        "// https://platform.ringcentral.com\nconst body = 'assertion=' + process.env.RC_JWT + '&grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer';\n",
    ),
    (
        "statements.py",
        "# https://platform.ringcentral.com\ndata = {}\ndata['grant_type'] = 'password'\ndata['username'] = u\ndata['password'] = os.getenv('RC_PASSWORD')\n",
        "# https://platform.ringcentral.com\ndata = {}\ndata['grant_type'] = 'urn:ietf:params:oauth:grant-type:jwt-bearer'\ndata['assertion'] = os.getenv('RC_JWT')\n",
    ),
    (
        "statements.go",
        "package a // https://platform.ringcentral.com\nfunc f() {\n\tform.Add(\"grant_type\", \"password\")\n\tform.Add(\"username\", u)\n\tform.Add(\"password\", p)\n\tform.Add(\"scope\", s)\n}\n",
        // `os.Getenv` needs the "os" import: added after the package clause.
        "package a // https://platform.ringcentral.com\n\nimport \"os\"\nfunc f() {\n\tform.Add(\"grant_type\", \"urn:ietf:params:oauth:grant-type:jwt-bearer\")\n\tform.Add(\"assertion\", os.Getenv(\"RC_JWT\"))\n\tform.Add(\"scope\", s)\n}\n",
    ),
    (
        // The string was the receiver of a method: the concatenation is parenthesised.
        "encode.py",
        "# https://platform.ringcentral.com\nbody = 'grant_type=password&username=u&password=p'.encode()\n",
        "# https://platform.ringcentral.com\nimport os\nbody = ('grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=' + os.environ['RC_JWT']).encode()\n",
    ),
    (
        // Positional placeholders would no longer match the arguments: guidance only.
        "format.py",
        "# https://platform.ringcentral.com\nbody = 'grant_type=password&username=%s&password=%s' % (u, p)\n",
        "# https://platform.ringcentral.com\nbody = 'grant_type=password&username=%s&password=%s' % (u, p)\n",
    ),
    (
        // Adjacent literals and `+` in one expression.
        "implicit.py",
        "# https://platform.ringcentral.com\nbody = ('grant_type=password'\n        '&username=' + username +\n        '&password=' + password)\n",
        "# https://platform.ringcentral.com\nimport os\nbody = ('grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer'\n        '&assertion=' + os.environ['RC_JWT'])\n",
    ),
    (
        "hash.rb",
        "# https://platform.ringcentral.com\nconn.post('/restapi/oauth/token', grant_type: 'password', username: u, password: p)\n",
        "# https://platform.ringcentral.com\nconn.post('/restapi/oauth/token', grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: ENV['RC_JWT'])\n",
    ),
];

#[test]
fn request_bodies_are_rewritten_to_the_jwt_grant() {
    let dir = TempDir::new().expect("tempdir");
    for (name, before, _) in BODIES {
        fs::write(dir.path().join(name), before).expect("write");
    }
    let names: Vec<&str> = BODIES.iter().map(|(n, ..)| *n).collect();
    // Exit 1: `format.py` keeps its finding (its rewrite is guidance only).
    pwflow(dir.path()).args(&names).args(["--fix", "--unsafe-fixes", "--flow", "jwt"]).assert().code(1);
    for (name, _, after) in BODIES {
        assert_eq!(&fs::read_to_string(dir.path().join(name)).expect("read"), after, "{name}");
    }
    // Nothing left to fix.
    pwflow(dir.path()).args(&names).args(["--fix", "--unsafe-fixes", "--flow", "jwt"]).assert().code(1);
    for (name, _, after) in BODIES {
        assert_eq!(&fs::read_to_string(dir.path().join(name)).expect("read"), after, "{name}: second run");
    }
}

#[test]
fn request_bodies_without_an_expression_language_stay_guidance() {
    let dir = TempDir::new().expect("tempdir");
    // A Postman body, an INI setting and a `\u0026`-separated body: guidance only.
    let json = "{\"url\": \"https://platform.ringcentral.com/restapi/oauth/token\", \"body\": {\"urlencoded\": [{\"key\": \"grant_type\", \"value\": \"password\"}]}}\n";
    let js = "// https://platform.ringcentral.com\nconst body = 'grant_type=password\\u0026username=u\\u0026password=p';\n";
    fs::write(dir.path().join("c.postman_collection.json"), json).expect("write");
    fs::write(dir.path().join("escaped.js"), js).expect("write");
    let out = pwflow(dir.path())
        .args(["c.postman_collection.json", "escaped.js", "--format", "json", "--flow", "jwt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 2, "{report}");
    for f in findings {
        let jwt: Vec<&serde_json::Value> =
            f["fixes"].as_array().expect("fixes").iter().filter(|x| x["flow"] == "jwt").collect();
        assert!(!jwt.is_empty(), "{f}");
        assert!(jwt.iter().all(|x| x["applicability"] == "display-only"), "{f}");
    }
    pwflow(dir.path())
        .args(["c.postman_collection.json", "escaped.js", "--fix", "--unsafe-fixes", "--flow", "jwt"])
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(dir.path().join("c.postman_collection.json")).expect("read"), json);
    assert_eq!(fs::read_to_string(dir.path().join("escaped.js")).expect("read"), js);
}

/// Fixes hidden by a missing `--unsafe-fixes` are named, as ruff names them: in the summary of a
/// check, after `--fix`, and on stderr after `--diff` (whose stdout is the diff); `--diff` exits
/// 1 exactly when it has something to apply.
#[test]
fn hidden_fixes_are_named_and_counts_say_findings_and_edits() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("a.php"), PHP).expect("write");
    // One finding whose rewrite takes several edits (the form fields go, the grant changes).
    let form = "const body = new URLSearchParams();\nbody.append('grant_type', 'password');\nbody.append('username', process.env.RC_USERNAME);\nbody.append('password', process.env.RC_PASSWORD);\nfetch('https://platform.ringcentral.com/restapi/oauth/token', { method: 'POST', body });\n";
    fs::write(dir.path().join("b.js"), form).expect("write");
    pwflow(dir.path())
        .args(["a.php", "b.js"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 fixes available with --fix --unsafe-fixes"));
    pwflow(dir.path())
        .args(["a.php", "b.js", "--quiet"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("available").not());
    pwflow(dir.path())
        .args(["a.php", "b.js", "--fix"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2 fixes available with --unsafe-fixes"));
    pwflow(dir.path())
        .args(["a.php", "b.js", "--diff"])
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("2 fixes available with --unsafe-fixes"));
    pwflow(dir.path())
        .args(["a.php", "b.js", "--diff", "--unsafe-fixes"])
        .assert()
        .code(1)
        .stderr(predicate::str::is_empty());
    assert_eq!(fs::read_to_string(dir.path().join("a.php")).expect("read"), PHP, "--diff writes nothing");
    let out = pwflow(dir.path())
        .args(["a.php", "b.js", "--fix", "--unsafe-fixes"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    let edits: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("fixed 2 finding(s) with "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no fix summary: {text}"));
    assert!(edits > 2, "the form body takes several edits: {text}");
    assert!(text.contains("a.php (1 finding(s), 1 edit(s))"), "{text}");
    assert!(!text.contains("available"), "{text}");
}

/// A file over 64 KiB is checked around its edits only (not re-parsed whole per pass): the fix
/// and the diff are the ones a small file gets, and the diff still masks the password.
#[test]
fn large_files_are_fixed_and_diffed_around_their_edits() {
    let dir = TempDir::new().expect("tempdir");
    let login = "$platform->login('18881112233', '101', 'Tr0ub4dor&3');\n";
    let mut src = String::from(
        "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n",
    );
    src.push_str(login);
    for i in 0..3000 {
        src.push_str(&format!("function f{i}($a) {{\n    return array('k{i}' => $a + {i});\n}}\n"));
        if i == 1500 {
            src.push_str(login);
        }
    }
    assert!(src.len() > 100 << 10);
    fs::write(dir.path().join("big.php"), &src).expect("write");
    let out = pwflow(dir.path())
        .args(["big.php", "--diff", "--unsafe-fixes"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert_eq!(diff.matches("+$platform->login(['jwt' => getenv('RC_JWT')]);").count(), 2, "{diff}");
    assert!(!diff.contains("Tr0ub") && !diff.contains("4dor"), "{diff}");
    pwflow(dir.path()).args(["big.php", "--fix", "--unsafe-fixes"]).assert().code(0);
    let expected = src.replace(login, "$platform->login(['jwt' => getenv('RC_JWT')]);\n");
    assert_eq!(fs::read_to_string(dir.path().join("big.php")).expect("read"), expected);
}

/// One file reached through two roots is fixed once, and its findings under the other path go
/// with the fix (they were reported again after the file was fixed).
#[cfg(unix)]
#[test]
fn a_file_reached_through_two_roots_is_fixed_once() {
    let dir = TempDir::new().expect("tempdir");
    fs::create_dir(dir.path().join("real")).expect("mkdir");
    fs::write(dir.path().join("real/a.php"), PHP).expect("write");
    std::os::unix::fs::symlink("real", dir.path().join("alias")).expect("symlink");
    pwflow(dir.path())
        .args(["real", "alias", "--follow", "--fix", "--unsafe-fixes"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("fixed 1 finding(s) with 1 edit(s) in 1 file(s)"));
    assert_eq!(fs::read_to_string(dir.path().join("real/a.php")).expect("read"), PHP_FIXED);
}

/// An instance of the app's own class named like RingCentral's client is a wrapper: its
/// `login` takes credentials, so the SDK's `login({ jwt })` rewrite is never applied to it.
#[test]
fn own_client_class_gets_guidance_not_the_sdk_rewrite() {
    let dir = TempDir::new().expect("tempdir");
    let src = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/ringcentral/js-password-login/positive-wrapper-own-class.ts"),
    )
    .expect("fixture");
    fs::write(dir.path().join("client.ts"), &src).expect("write");
    pwflow(dir.path())
        .args(["client.ts", "--fix", "--unsafe-fixes"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("the app's own client around the RingCentral JS SDK"));
    assert_eq!(
        fs::read_to_string(dir.path().join("client.ts")).expect("read"),
        src,
        "the wrapper call is left as it is"
    );
}

//! Code on the user's device, told by its project: a Kotlin or Swift file that imports nothing
//! of Android or UIKit, inside an Android module or an Xcode project, gets the
//! authorization-code flow and no JWT rewrite; server modules beside it keep the JWT flow
//! (`fixtures/projects/mobile`).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

fn project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/projects/mobile")
}

fn pwflow(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
    cmd.current_dir(dir).arg("check").arg("--isolated");
    cmd
}

/// (path, flow, fix titles) of each finding of `pwflow check <args>` run in `dir`.
fn findings(dir: &Path, args: &[&str]) -> Vec<(String, String, Vec<String>)> {
    let out = pwflow(dir).args(args).args(["--format", "json"]).output().expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let titles = f["fixes"]
                .as_array()
                .expect("fixes")
                .iter()
                .map(|x| {
                    format!(
                        "{} [{}]",
                        x["title"].as_str().unwrap_or(""),
                        x["applicability"].as_str().unwrap_or("")
                    )
                })
                .collect();
            (
                f["path"].as_str().expect("path").replace('\\', "/"),
                f["recommendation"]["flow"].as_str().expect("flow").to_owned(),
                titles,
            )
        })
        .collect()
}

fn flow_of<'a>(
    found: &'a [(String, String, Vec<String>)],
    suffix: &str,
) -> &'a (String, String, Vec<String>) {
    found
        .iter()
        .find(|(p, _, _)| p.ends_with(suffix))
        .unwrap_or_else(|| panic!("no finding in {suffix}: {found:?}"))
}

#[test]
fn app_projects_decide_for_files_that_import_no_ui() {
    let found = findings(&project(), &["."]);
    assert_eq!(found.len(), 5, "{found:#?}");
    for app in [
        "android/app/src/main/java/com/example/phone/SessionRepository.kt",
        "ios/Softphone/AccountService.swift",
        "kit/Sources/PhoneKit/Login.swift",
    ] {
        let (_, flow, fixes) = flow_of(&found, app);
        assert_eq!(flow, "oauth", "{app}");
        assert!(fixes.iter().all(|t| !t.contains("JWT")), "{app}: no JWT guidance on a device: {fixes:?}");
    }
    for server in
        ["android/server/src/main/kotlin/com/example/relay/RelayJob.kt", "vapor/Sources/App/Sync.swift"]
    {
        let (_, flow, _) = flow_of(&found, server);
        assert_eq!(flow, "jwt", "{server}");
    }
}

#[test]
fn no_jwt_is_written_into_app_code() {
    let out = pwflow(&project()).args([".", "--diff", "--unsafe-fixes"]).output().expect("runs");
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("+    rc.authorize(System.getenv(\"RC_JWT\"))"),
        "the server job is rewritten: {diff}"
    );
    for app in ["SessionRepository.kt", "AccountService.swift", "Login.swift"] {
        assert!(!diff.contains(app), "{app} must not be rewritten: {diff}");
    }
}

#[test]
fn a_file_scanned_alone_finds_its_project_above_it() {
    // The project files are above the scanned path (found by the ancestor probe): the
    // manifest directory for Android, the Xcode project beside the sources for iOS.
    for (file, expected) in [
        ("android/app/src/main/java/com/example/phone/SessionRepository.kt", "AndroidManifest.xml"),
        ("ios/Softphone/AccountService.swift", "Softphone.xcodeproj"),
    ] {
        let out = pwflow(&project()).arg(file).args(["--format", "json"]).output().expect("runs");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let rec = &doc["findings"][0]["recommendation"];
        assert_eq!(rec["flow"], "oauth", "{file}: {rec}");
        assert!(rec["reason"].as_str().is_some_and(|r| r.contains(expected)), "{file}: {rec}");
    }
}

#[test]
fn root_build_files_and_server_imports_do_not_make_an_app() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    // An Android repository whose root pins the plugin (`apply false`) and whose `backend/`
    // module has no build file of its own; and a Ktor file inside the app module.
    fs::create_dir_all(d.join("backend/src")).expect("mkdir");
    fs::create_dir_all(d.join("app/src/main/java/x")).expect("mkdir");
    fs::write(
        d.join("build.gradle"),
        "plugins {\n  id 'com.android.application' version '8.4.0' apply false\n}\n",
    )
    .expect("write");
    fs::write(d.join("app/build.gradle"), "plugins {\n  id 'com.android.application'\n}\n").expect("write");
    let login = "import com.ringcentral.RestClient\n\nfun go(rc: RestClient) {\n    rc.authorize(System.getenv(\"RC_USERNAME\"), \"\", System.getenv(\"RC_PASSWORD\"))\n}\n";
    fs::write(d.join("backend/src/Job.kt"), login).expect("write");
    fs::write(d.join("app/src/main/java/x/Route.kt"), format!("import io.ktor.server.routing.*\n{login}"))
        .expect("write");
    fs::write(d.join("app/src/main/java/x/Screen.kt"), login).expect("write");
    let found = findings(d, &["."]);
    assert_eq!(flow_of(&found, "backend/src/Job.kt").1, "jwt");
    assert_eq!(flow_of(&found, "app/src/main/java/x/Route.kt").1, "jwt");
    assert_eq!(flow_of(&found, "app/src/main/java/x/Screen.kt").1, "oauth");
}

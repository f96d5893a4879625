//! action.yml on a simulated runner: each composite `run` step executes as GitHub executes it
//! (`bash --noprofile --norc -eo pipefail`), with its `env`, `GITHUB_OUTPUT` and `GITHUB_PATH`
//! files and the expressions it uses filled in; `uses:` steps (cache, SARIF upload) are left out.
//! The gate must record pwflow's exit code without dying under `-e`, and the final step must
//! fail the job exactly when pwflow found something.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// A `run` step of the action.
#[derive(Debug, Default)]
struct Step {
    id: Option<String>,
    condition: Option<String>,
    env: BTreeMap<String, String>,
    run: Option<String>,
}

/// Reads the steps of action.yml (the subset of YAML it uses: block scalars, flat maps).
fn steps(action: &str) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    let lines: Vec<&str> = action.lines().collect();
    let start = lines.iter().position(|l| l.trim() == "steps:").expect("steps");
    let mut i = start + 1;
    let mut section = "";
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        i += 1;
        if trimmed.starts_with('#') || trimmed.is_empty() {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("- ") {
            out.push(Step::default());
            section = "";
            if rest.starts_with("name:") {
                continue;
            }
        }
        let step = out.last_mut().expect("a step");
        let (key, value) = trimmed.trim_start_matches("- ").split_once(':').unwrap_or((trimmed, ""));
        let value = value.trim();
        if indent >= 8 && section == "env" {
            step.env.insert(key.to_owned(), value.to_owned());
            continue;
        }
        if indent >= 8 {
            continue; // `with:` of a `uses:` step
        }
        section = key;
        match key {
            "id" => step.id = Some(value.to_owned()),
            "if" => step.condition = Some(value.to_owned()),
            "run" if value == "|" => {
                let mut body = String::new();
                while i < lines.len() && (lines[i].trim().is_empty() || lines[i].starts_with("        ")) {
                    body.push_str(lines[i].get(8..).unwrap_or(""));
                    body.push('\n');
                    i += 1;
                }
                step.run = Some(body);
            }
            "run" => step.run = Some(format!("{value}\n")),
            _ => {}
        }
    }
    out
}

/// The job's outcome: each step's exit code (None when skipped) and the runner's state.
struct Job {
    codes: Vec<(Option<String>, Option<i32>)>,
    failed: bool,
}

fn run_job(workspace: &Path, inputs: &BTreeMap<&str, &str>, path_env: &str) -> Job {
    let action =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).expect("action");
    let temp = TempDir::new().expect("runner temp");
    let output_file = temp.path().join("output");
    let path_file = temp.path().join("path");
    let mut outputs: BTreeMap<String, String> = BTreeMap::new();
    let mut failed = false;
    let mut codes = Vec::new();
    for step in steps(&action) {
        let Some(script) = &step.run else { continue };
        // `if:` conditions the action uses: `always() && inputs.upload-sarif == 'true'`.
        if let Some(cond) = &step.condition {
            assert!(cond.contains("always()"), "unexpected condition {cond}");
            if cond.contains("inputs.upload-sarif == 'true'") && inputs["upload-sarif"] != "true" {
                codes.push((step.id.clone(), None));
                continue;
            }
        } else if failed {
            codes.push((step.id.clone(), None));
            continue;
        }
        let expand = |text: &str| -> String {
            let mut out = text.to_owned();
            while let Some(open) = out.find("${{") {
                let close = open + out[open..].find("}}").expect("closing }}");
                let expr = out[open + 3..close].trim();
                let value = if let Some(name) = expr.strip_prefix("inputs.") {
                    inputs[name].to_owned()
                } else if let Some(name) = expr.strip_prefix("steps.gate.outputs.") {
                    outputs.get(name).cloned().unwrap_or_default()
                } else if expr == "runner.temp" {
                    temp.path().display().to_string()
                } else if expr == "github.action_path" {
                    env!("CARGO_MANIFEST_DIR").to_owned()
                } else {
                    panic!("unexpected expression {expr}")
                };
                out.replace_range(open..close + 2, &value);
            }
            out
        };
        assert!(!script.contains("${{"), "expressions belong in `env`, not in the script:\n{script}");
        let script_file = temp.path().join("step.sh");
        fs::write(&script_file, script).expect("script");
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script_file)
            .current_dir(workspace)
            .env("PATH", path_env)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("RUNNER_TEMP", temp.path());
        for (k, v) in &step.env {
            cmd.env(k, expand(v));
        }
        let status = cmd.output().expect("bash");
        let code = status.status.code();
        codes.push((step.id.clone(), code));
        if code != Some(0) {
            failed = true;
        }
        for line in fs::read_to_string(&output_file).unwrap_or_default().lines() {
            if let Some((k, v)) = line.split_once('=') {
                outputs.insert(k.to_owned(), v.to_owned());
            }
        }
    }
    Job { codes, failed }
}

fn project(login: &str) -> TempDir {
    let dir = TempDir::new().expect("workspace");
    fs::write(
        dir.path().join("a.php"),
        format!(
            "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n{login}\n"
        ),
    )
    .expect("write");
    dir
}

fn default_inputs() -> BTreeMap<&'static str, &'static str> {
    let action =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).expect("action");
    let mut inputs = BTreeMap::new();
    for name in ["paths", "fail-on", "args", "sarif-file", "upload-sarif", "version"] {
        assert!(action.contains(&format!("\n  {name}:\n")), "input {name} missing");
    }
    inputs.extend([
        ("paths", "."),
        ("fail-on", "warning"),
        ("args", ""),
        ("sarif-file", "pwflow.sarif"),
        ("upload-sarif", "true"),
        ("version", ""),
    ]);
    inputs
}

fn path_env() -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_pwflow"));
    format!("{}:{}", bin.parent().expect("bin dir").display(), std::env::var("PATH").unwrap_or_default())
}

#[test]
fn action_gates_on_findings_under_bash_e() {
    let dir = project("$platform->login($u, $e, $p);");
    let job = run_job(dir.path(), &default_inputs(), &path_env());
    assert!(job.failed, "a finding must fail the job: {:?}", job.codes);
    // The gate step itself succeeds (it records the code), the final step fails with it.
    assert!(job.codes.contains(&(Some("gate".to_owned()), Some(0))), "{:?}", job.codes);
    assert_eq!(job.codes.last(), Some(&(None, Some(1))), "{:?}", job.codes);
    let sarif = fs::read_to_string(dir.path().join("pwflow.sarif")).expect("SARIF written");
    assert!(sarif.contains("ringcentral/php-password-login"), "{sarif}");
}

#[test]
fn action_passes_clean_code_and_honours_its_inputs() {
    let dir = project("$platform->login(['jwt' => getenv('RC_JWT')]);");
    let job = run_job(dir.path(), &default_inputs(), &path_env());
    assert!(!job.failed, "{:?}", job.codes);
    // The baseline from `args`: a legacy finding recorded in it passes the gate.
    let legacy = project("$platform->login($u, $e, $p);");
    let status = Command::new(env!("CARGO_BIN_EXE_pwflow"))
        .current_dir(legacy.path())
        .args(["check", ".", "--quiet", "--write-baseline", "pwflow-baseline.json"])
        .status()
        .expect("pwflow");
    assert!(status.success());
    let mut inputs = default_inputs();
    inputs.insert("args", "--baseline pwflow-baseline.json");
    inputs.insert("upload-sarif", "false");
    let job = run_job(legacy.path(), &inputs, &path_env());
    assert!(!job.failed, "{:?}", job.codes);
    assert!(!legacy.path().join("pwflow.sarif").exists(), "upload-sarif: false writes no SARIF");
    // fail-on error: a warning-only finding passes.
    inputs.insert("fail-on", "error");
    inputs.insert("args", "");
    let env = TempDir::new().expect("workspace");
    fs::write(
        env.path().join(".env"),
        "RC_SERVER_URL=https://platform.ringcentral.com\nRC_USERNAME=u\nRC_PASSWORD=hunter2\n",
    )
    .expect("write");
    assert!(!run_job(env.path(), &inputs, &path_env()).failed, "a warning passes with fail-on: error");
    inputs.insert("fail-on", "warning");
    assert!(run_job(env.path(), &inputs, &path_env()).failed, "a warning fails with fail-on: warning");
}

/// Runs the Install step for `version` with fake `curl` (serving files from `releases`, or
/// failing when it is `None`) and `cargo` (recording its arguments) first on PATH. Returns the
/// runner temp directory (holding `pwflow/bin`), what cargo was asked, and GITHUB_PATH.
fn install(version: &str, releases: Option<&Path>) -> (TempDir, String, String) {
    let action =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).expect("action");
    let step =
        steps(&action).into_iter().find(|s| s.env.contains_key("PWFLOW_VERSION")).expect("install step");
    assert_eq!(step.env["PWFLOW_VERSION"], "${{ inputs.version }}");
    let temp = TempDir::new().expect("runner temp");
    let fakes = temp.path().join("fakes");
    fs::create_dir_all(&fakes).expect("mkdir");
    let curl = match releases {
        // curl -fsSL --retry 3 -o OUT URL ($5, $6): copy the URL's file name from the release directory.
        Some(dir) => {
            format!("#!/bin/sh\nout=\"$5\"; url=\"$6\"; cp \"{}/${{url##*/}}\" \"$out\"\n", dir.display())
        }
        None => "#!/bin/sh\nexit 22\n".to_owned(),
    };
    let cargo_log = temp.path().join("cargo.log");
    let cargo = format!("#!/bin/sh\necho \"$@\" >> \"{}\"\n", cargo_log.display());
    for (name, body) in [("curl", curl), ("cargo", cargo)] {
        let file = fakes.join(name);
        fs::write(&file, body).expect("fake");
        let status = Command::new("chmod").arg("+x").arg(&file).status().expect("chmod");
        assert!(status.success());
    }
    let script_file = temp.path().join("install.sh");
    fs::write(&script_file, step.run.expect("script")).expect("script");
    let github_path = temp.path().join("github_path");
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script_file)
        .env("PATH", format!("{}:/usr/bin:/bin", fakes.display()))
        .env("PWFLOW_VERSION", version)
        .env("PWFLOW_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
        .env("PWFLOW_ROOT", temp.path().join("pwflow"))
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("GITHUB_PATH", &github_path)
        .output()
        .expect("bash");
    assert!(out.status.success(), "install failed: {}", String::from_utf8_lossy(&out.stderr));
    let asked = fs::read_to_string(&cargo_log).unwrap_or_default();
    let path = fs::read_to_string(&github_path).unwrap_or_default();
    (temp, asked, path)
}

#[test]
fn action_installs_the_requested_version() {
    // A release: the archive for the runner, checked against its .sha256, no compiler needed.
    let releases = TempDir::new().expect("releases");
    let name = "pwflow-0.1.0-x86_64-unknown-linux-musl";
    let staging = releases.path().join("staging");
    fs::create_dir_all(staging.join(name)).expect("mkdir");
    // A stand-in binary: what matters is that the archive's file lands on PATH, runnable.
    let binary = staging.join(name).join("pwflow");
    fs::write(&binary, "#!/bin/sh\necho 'pwflow 0.1.0'\n").expect("write binary");
    assert!(Command::new("chmod").arg("+x").arg(&binary).status().expect("chmod").success());
    let tar = Command::new("tar")
        .arg("-C")
        .arg(&staging)
        .arg("-czf")
        .arg(releases.path().join(format!("{name}.tar.gz")))
        .arg(name)
        .status()
        .expect("tar");
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .current_dir(releases.path())
        .arg(format!("{name}.tar.gz"))
        .output()
        .expect("sha256sum");
    fs::write(releases.path().join(format!("{name}.tar.gz.sha256")), &sum.stdout).expect("write sum");
    let (temp, asked, path) = install("v0.1.0", Some(releases.path()));
    assert!(asked.is_empty(), "no build for a released version: {asked}");
    let bin = temp.path().join("pwflow/bin/pwflow");
    let version = Command::new(&bin).arg("--version").output().expect("installed binary runs");
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("pwflow "));
    assert_eq!(path.trim(), temp.path().join("pwflow/bin").display().to_string());
    // A corrupt archive is not installed: the checksum fails and cargo builds the tag instead.
    fs::write(releases.path().join(format!("{name}.tar.gz")), b"not the archive").expect("corrupt");
    let (_temp, asked, _) = install("0.1.0", Some(releases.path()));
    assert!(asked.contains("--git https://github.com/pwflow/pwflow --tag v0.1.0"), "{asked}");
    // No release reachable, a commit, a branch: cargo builds that ref.
    let (_temp, asked, _) = install("0.1.0", None);
    assert!(asked.contains("--tag v0.1.0"), "{asked}");
    let (_temp, asked, _) = install("0123abcd", None);
    assert!(asked.contains("--rev 0123abcd"), "{asked}");
    let (_temp, asked, _) = install("feature/x", None);
    assert!(asked.contains("--branch feature/x"), "{asked}");
}

/// ShellCheck (Debian's package; `.ci/run` installs it) finds nothing in the action's scripts,
/// read as the runner runs them (bash). actionlint cannot be installed from the registries this
/// project uses (its PyPI package downloads the binary at build time), so this is the lint.
#[test]
fn action_scripts_pass_shellcheck() {
    if !Command::new("shellcheck").arg("--version").output().is_ok_and(|o| o.status.success()) {
        assert!(std::env::var_os("CI").is_none(), "CI must install shellcheck (apt-get install shellcheck)");
        #[expect(clippy::print_stderr, reason = "a skipped test must say so")]
        {
            eprintln!("note: shellcheck is not installed; skipping the action's lint");
        }
        return;
    }
    let action =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).expect("action");
    let dir = TempDir::new().expect("tempdir");
    let scripts: Vec<String> = steps(&action).into_iter().filter_map(|s| s.run).collect();
    assert!(scripts.len() >= 4, "{scripts:?}");
    for (n, script) in scripts.iter().enumerate() {
        let file = dir.path().join(format!("step{n}.sh"));
        fs::write(&file, format!("#!/usr/bin/env bash\nset -eo pipefail\n{script}")).expect("write");
        let out = Command::new("shellcheck")
            .args(["--shell=bash", "--severity=style"])
            .arg(&file)
            .output()
            .expect("shellcheck");
        assert!(
            out.status.success(),
            "shellcheck on step {n}:\n{script}\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

//! `pwflow audit`: the Markdown report and the HTML report's structure as snapshots, secrets in
//! no output, `--repos-under`, the JSON document, and the HTML rendered by headless Chromium
//! (no console error, no network request, a screenshot).

use std::fs;
use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use regex::Regex;
use tempfile::TempDir;

/// A fixed report date, so snapshots do not change with the calendar.
const EPOCH: &str = "1735689600";

fn pwflow() -> Command {
    let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
    cmd.env("SOURCE_DATE_EPOCH", EPOCH);
    cmd
}

fn projects() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/projects")
}

fn write(dir: &Path, rel: &str, contents: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
    fs::write(path, contents).expect("write");
}

/// Runs `pwflow audit audit` in `fixtures/projects` and returns (html, markdown, json).
fn audit_fixture(out: &Path) -> (String, String, String) {
    let (html, md, json) = (out.join("audit.html"), out.join("audit.md"), out.join("audit.json"));
    pwflow()
        .current_dir(projects())
        .args(["audit", "audit", "--quiet", "--html"])
        .arg(&html)
        .arg("--markdown")
        .arg(&md)
        .arg("--json")
        .arg(&json)
        .assert()
        .code(0);
    let read = |p: &Path| fs::read_to_string(p).expect("report written");
    (read(&html), read(&md), read(&json))
}

fn strip_tags(s: &str) -> String {
    let tags = Regex::new(r"<[^>]+>").expect("regex");
    let text = tags.replace_all(s, "");
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// The outline of an HTML report: section ids, headings, rows per table, findings, charts.
fn html_structure(html: &str) -> String {
    let mut out = String::new();
    let section = Regex::new(r#"<section id="([^"]+)""#).expect("regex");
    let heading = Regex::new(r"(?s)<(h[1-3])[^>]*>(.*?)</h[1-3]>").expect("regex");
    let table = Regex::new(r"(?s)<table>(.*?)</table>").expect("regex");
    let article =
        Regex::new(r#"<article class="finding (\w+)" id="(f-[0-9a-f]{32}(?:-\d+)?)""#).expect("regex");
    out.push_str("sections:\n");
    for c in section.captures_iter(html) {
        out.push_str(&format!("  {}\n", &c[1]));
    }
    out.push_str("headings:\n");
    for c in heading.captures_iter(html) {
        out.push_str(&format!("  {}: {}\n", &c[1], strip_tags(&c[2]).trim()));
    }
    let head = Regex::new(r"(?s)<th[^>]*>(.*?)</th>").expect("regex");
    out.push_str("tables (body rows):\n");
    for c in table.captures_iter(html) {
        let first: Vec<String> = head.captures_iter(&c[1]).map(|h| strip_tags(&h[1])).take(2).collect();
        out.push_str(&format!("  [{}] {}\n", first.join(" | "), c[1].matches("<tr>").count() - 1));
    }
    out.push_str(&format!("findings: {}\n", article.captures_iter(html).count()));
    for c in article.captures_iter(html) {
        out.push_str(&format!("  {} {}\n", &c[1], &c[2]));
    }
    out.push_str(&format!("svg charts: {}\n", html.matches("<svg ").count()));
    out.push_str(&format!("checklist steps: {}\n", html.matches("<li>").count()));
    out
}

#[test]
fn markdown_report_snapshot() {
    let out = TempDir::new().expect("tempdir");
    let (_, md, _) = audit_fixture(out.path());
    insta::assert_snapshot!("audit_markdown", md);
}

#[test]
fn html_report_structure_snapshot() {
    let out = TempDir::new().expect("tempdir");
    let (html, _, _) = audit_fixture(out.path());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#
    ));
    for banned in ["<script", "<link", "<img", "<iframe", "@import", "url(", " src="] {
        assert!(!html.contains(banned), "the report must be self-contained: found `{banned}`");
    }
    let external = Regex::new(r"https?://").expect("regex");
    let svg_ns = "http://www.w3.org/2000/svg";
    assert_eq!(
        external.find_iter(&html).count(),
        html.matches(svg_ns).count(),
        "only the SVG namespace is a URL"
    );
    let hrefs = Regex::new(r#"href="([^"]*)""#).expect("regex");
    for h in hrefs.captures_iter(&html) {
        assert!(h[1].starts_with('#'), "only in-page links: {}", &h[1]);
    }
    assert!(html.contains("@media print"));
    insta::assert_snapshot!("audit_html_structure", html_structure(&html));
}

#[test]
fn json_is_the_check_document() {
    let out = TempDir::new().expect("tempdir");
    let (_, _, json) = audit_fixture(out.path());
    let check = pwflow()
        .current_dir(projects())
        .args(["check", "audit", "--format", "json", "--isolated"])
        .output()
        .expect("check runs");
    let mut a: serde_json::Value = serde_json::from_str(&json).expect("audit json");
    let mut b: serde_json::Value = serde_json::from_slice(&check.stdout).expect("check json");
    for doc in [&mut a, &mut b] {
        doc["stats"]["time_ms"] = serde_json::Value::Null;
    }
    assert_eq!(a, b);
}

#[test]
fn no_output_chosen_or_a_missing_root_is_a_usage_error() {
    pwflow().args(["audit", "."]).assert().code(2);
    let out = TempDir::new().expect("tempdir");
    pwflow().args(["audit", "does/not/exist", "--markdown"]).arg(out.path().join("a.md")).assert().code(2);
}

#[test]
fn findings_do_not_change_the_exit_code() {
    let out = TempDir::new().expect("tempdir");
    pwflow()
        .current_dir(projects())
        .args(["audit", "audit", "--markdown"])
        .arg(out.path().join("a.md"))
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn planted_secrets_appear_in_no_output() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let secrets = [
        "PlantedPhpPassw0rd",
        "PlantedJsPassw0rd",
        "PlantedGrantPassw0rd",
        "PlantedLegacyPassw0rd",
        "PlantedClientSecret9",
        "ghp_PlantedGitToken123",
        "PlantedIndexPassw0rd",
        "PlantedGemToken77",
    ];
    write(
        d,
        "jobs/sync.php",
        "<?php\nuse RingCentral\\SDK\\SDK;\n$rcsdk = new SDK('id', 'PlantedClientSecret9', SDK::SERVER_PRODUCTION);\n$platform = $rcsdk->platform();\n$platform->login('18885550100', '101', 'PlantedPhpPassw0rd');\n$platform->login(['username' => 'u', 'password' => 'PlantedPhpPassw0rd']);\n",
    );
    write(
        d,
        "web/login.js",
        "const { SDK } = require('@ringcentral/sdk');\nconst platform = new SDK({ server: SDK.server.production, clientSecret: 'PlantedClientSecret9' }).platform();\nconst password = 'PlantedJsPassw0rd';\nplatform.login({ username: '+18885550100', password: 'PlantedJsPassw0rd' });\nplatform.login({ username: '+18885550100', password });\nfetch('https://platform.ringcentral.com/restapi/oauth/token', { method: 'POST', body: 'grant_type=password&username=1&password=PlantedGrantPassw0rd' });\n",
    );
    write(
        d,
        "bot/bot.js",
        "var SDK = require('ringcentral');\nvar platform = new SDK({ appKey: 'k', appSecret: 'PlantedClientSecret9' }).platform();\nplatform.login({ username: 'u', extension: '1', password: 'PlantedLegacyPassw0rd' });\n",
    );
    write(
        d,
        "web/package.json",
        r#"{"dependencies": {"@ringcentral/sdk": "git+https://ghp_PlantedGitToken123@github.example/ringcentral-js.git"}}"#,
    );
    write(
        d,
        "py/requirements.txt",
        "--extra-index-url https://deploy:PlantedIndexPassw0rd@pypi.example/simple\nringcentral @ https://deploy:PlantedIndexPassw0rd@pypi.example/rc.tar.gz\nringcentral==0.7.1\n",
    );
    write(
        d,
        "rb/Gemfile.lock",
        "GIT\n  remote: https://PlantedGemToken77@github.example/rc.git\n  specs:\n    ringcentral-sdk (0.9.0)\n",
    );
    let (html, md, json) = (d.join("out.html"), d.join("out.md"), d.join("out.json"));
    pwflow()
        .args(["audit", "--quiet", "--isolated"])
        .arg(d.join("jobs"))
        .arg(d.join("web"))
        .arg(d.join("bot"))
        .arg(d.join("py"))
        .arg(d.join("rb"))
        .arg("--html")
        .arg(&html)
        .arg("--markdown")
        .arg(&md)
        .arg("--json")
        .arg(&json)
        .assert()
        .code(0);
    let outputs = [("html", &html), ("markdown", &md), ("json", &json)];
    for (name, path) in outputs {
        let text = fs::read_to_string(path).expect("report written");
        assert!(text.contains("***"), "{name}: the masked passwords are shown as ***");
        assert!(text.contains("ringcentral/php-password-login"), "{name}: the findings are there");
        for s in secrets {
            assert!(!text.contains(s), "{name} report leaks `{s}`");
        }
    }
    let md = fs::read_to_string(&md).expect("markdown");
    assert!(md.contains("ringcentral-sdk"), "the Gemfile.lock SDK is listed");
    assert!(md.contains("_unpinned or non-registry_"), "URL sources show no URL");
}

fn git_init(dir: &Path) {
    fs::create_dir_all(dir).expect("mkdir");
    let status = Process::new("git").args(["init", "-q"]).current_dir(dir).status();
    if !status.is_ok_and(|s| s.success()) {
        // No git here: the marker the discovery looks for is the `.git` directory.
        fs::create_dir_all(dir.join(".git")).expect("mkdir .git");
    }
}

#[test]
fn repos_under_reports_one_row_per_repository() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    git_init(&d.join("alpha"));
    git_init(&d.join("team/beta"));
    write(
        d,
        "alpha/cron.php",
        "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('i', 's', SDK::SERVER_PRODUCTION))->platform();\n$platform->login(getenv('RC_USERNAME'), '', getenv('RC_PASSWORD'));\n",
    );
    write(
        d,
        "alpha/composer.lock",
        r#"{"packages": [{"name": "ringcentral/ringcentral-php", "version": "2.1.0"}]}"#,
    );
    // A repository inside a repository is part of it, not a row of its own.
    git_init(&d.join("alpha/nested"));
    write(
        d,
        "team/beta/app.js",
        "const { SDK } = require('@ringcentral/sdk');\nconst express = require('express');\nconst app = express();\nconst platform = new SDK({}).platform();\napp.post('/login', async (req, res) => { await platform.login({ username: req.body.u, password: req.body.p }); });\n",
    );
    write(d, "team/beta/package.json", r#"{"dependencies": {"@ringcentral/sdk": "^4.7.0"}}"#);
    write(d, "loose/x.php", "<?php\n$platform->login('a', 'b', 'c');\n");
    let (md, json) = (d.join("out.md"), d.join("out.json"));
    pwflow()
        .args(["audit", "--quiet", "--isolated", "--repos-under"])
        .arg(d)
        .arg("--markdown")
        .arg(&md)
        .arg("--json")
        .arg(&json)
        .assert()
        .code(0);
    let md = fs::read_to_string(&md).expect("markdown");
    assert!(md.contains("## Recommended flow per repository"), "{md}");
    assert!(md.contains("| **alpha** | 1 | 1 | **JWT** |"), "{md}");
    assert!(md.contains("| **team/beta** | 1 | 1 | **OAuth (authorization code + PKCE)** |"), "{md}");
    assert!(!md.contains("loose"), "a directory outside any repository is not audited");
    assert!(!md.contains("| **alpha/nested**"), "nested repositories are not separate rows");
    assert!(md.contains("`alpha/cron.php:4:12`"), "paths carry the repository: {md}");
    assert!(md.contains("| alpha | `alpha/composer.lock` |"), "{md}");
    assert!(md.contains("**upgrade first**"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&json).expect("json")).expect("valid");
    assert_eq!(json["roots"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(2));
    pwflow()
        .args(["audit", "--repos-under"])
        .arg(d.join("loose"))
        .arg("--markdown")
        .arg(d.join("none.md"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no git repository found"));
}

// --- headless Chromium ---------------------------------------------------------------------

fn chromium() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

/// A recording HTTP proxy: Chromium sends every http(s) request here (nothing leaves the
/// machine), and the request lines are kept.
fn recording_proxy() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
    let port = listener.local_addr().expect("addr").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut buf = [0u8; 512];
            let n = stream.read(&mut buf).unwrap_or(0);
            let line = String::from_utf8_lossy(&buf[..n]).lines().next().unwrap_or("").to_owned();
            let _ =
                stream.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            if let Ok(mut v) = log.lock() {
                v.push(line);
            }
        }
    });
    (port, seen)
}

/// Hosts Chromium itself calls (clock, updates, sign-in) even with background networking off;
/// they reach only the local proxy.
fn browser_own(request: &str) -> bool {
    let host = Regex::new(r"^(?:CONNECT |[A-Z]+ https?://)([^/:\s]+)").expect("regex");
    host.captures(request).is_some_and(|c| {
        let h = &c[1];
        ["google.com", "googleapis.com", "gvt1.com", "gstatic.com"]
            .iter()
            .any(|d| h == *d || h.ends_with(&format!(".{d}")))
    })
}

struct Rendered {
    console: Vec<String>,
    page_requests: Vec<String>,
    screenshot: PathBuf,
}

fn render(browser: &Path, page: &Path, out: &Path) -> Rendered {
    let (port, seen) = recording_proxy();
    let profile = TempDir::new().expect("tempdir");
    let screenshot = out.join(format!("{}.png", page.file_stem().expect("stem").to_string_lossy()));
    let _ = fs::remove_file(&screenshot);
    let mut child = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,2000",
            "--proxy-bypass-list=<-loopback>",
        ])
        .arg(format!("--proxy-server=http://127.0.0.1:{port}"))
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let log = reader.join().expect("stderr reader");
    let console = log.lines().filter(|l| l.contains(":CONSOLE")).map(str::to_owned).collect();
    let page_requests = seen.lock().expect("proxy log").iter().filter(|r| !browser_own(r)).cloned().collect();
    Rendered { console, page_requests, screenshot }
}

#[test]
fn chromium_renders_the_report_offline_without_errors() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but Chromium is not installed (apt-get install -y chromium)"
        );
        #[expect(clippy::print_stderr, reason = "a skipped test says why")]
        {
            eprintln!(
                "note: chromium not found; skipping the headless rendering test (set CI to make this fail)"
            );
        }
        return;
    };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit-e2e");
    fs::create_dir_all(&out).expect("output dir");
    audit_fixture(&out);

    // The harness must see what it claims to check: a page with an external image and a script
    // error shows up as a page request and console errors.
    let control = out.join("control.html");
    fs::write(
        &control,
        "<!DOCTYPE html><html><body><img src=\"http://pwflow-control.invalid/x.png\"><script>nope();</script></body></html>",
    )
    .expect("control page");
    let seen = render(&browser, &control, &out);
    assert!(!seen.console.is_empty(), "the harness saw no console error on the control page");
    assert!(
        seen.page_requests.iter().any(|r| r.contains("pwflow-control.invalid")),
        "the harness saw no network request on the control page: {:?}",
        seen.page_requests
    );

    let report = render(&browser, &out.join("audit.html"), &out);
    assert!(report.console.is_empty(), "console messages: {:#?}", report.console);
    assert!(report.page_requests.is_empty(), "network requests: {:#?}", report.page_requests);
    let size = fs::metadata(&report.screenshot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 20_000, "screenshot {} missing or blank ({size} bytes)", report.screenshot.display());
    #[expect(clippy::print_stderr, reason = "tell where the screenshot is")]
    {
        eprintln!("audit report screenshot: {}", report.screenshot.display());
    }
}

//! Hostile input: every bad file is scanned or skipped with a reason, the scan goes on, and the
//! process never panics (exit 101), aborts or hangs.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const PHP_LOGIN: &str = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('i', 's', SDK::SERVER_PRODUCTION))->platform();\n$platform->login($u, $e, $p);\n";

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, bytes).expect("write");
}

/// Runs a JSON scan and returns (exit code, document).
fn scan(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let args = [&["check", ".", "--isolated", "--format", "json"][..], extra].concat();
    let (code, stdout, stderr) = run(dir, &args);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    (code, serde_json::from_slice(&stdout).expect("json"))
}

fn skipped(doc: &serde_json::Value) -> Vec<(String, String)> {
    doc["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| (s["path"].as_str().expect("p").to_owned(), s["reason"].as_str().expect("r").to_owned()))
        .collect()
}

fn finding_lines(doc: &serde_json::Value, path: &str) -> Vec<u64> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["start"]["line"].as_u64().expect("line"))
        .collect()
}

#[test]
fn binary_encodings_and_empty_files() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "nul.php", b"<?php\x00\x01 login(\x02)");
    write(d, "image.png", [0x89, b'P', b'N', b'G', 0, 0, 0]);
    write(d, "Main.class", [0xCA, 0xFE, 0xBA, 0xBE, 0, 0]);
    write(d, "empty.php", b"");
    write(d, "empty.js", b"");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in PHP_LOGIN.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    write(d, "utf16.php", &utf16);
    let mut latin1 = b"<?php // caf\xe9 cr\xe8me\n".to_vec();
    latin1.extend(&PHP_LOGIN.as_bytes()[6..]);
    write(d, "latin1.php", &latin1);
    write(d, "ok.php", PHP_LOGIN);
    let (code, doc) = scan(d, &[]);
    assert_eq!(code, 1);
    assert_eq!(skipped(&doc), [("nul.php".to_owned(), "binary".to_owned())]);
    assert_eq!(finding_lines(&doc, "utf16.php"), [4], "UTF-16 with a BOM is decoded and scanned");
    assert_eq!(finding_lines(&doc, "latin1.php"), [4], "Latin-1 is decoded and scanned");
    assert_eq!(finding_lines(&doc, "ok.php"), [4]);
}

#[test]
fn huge_minified_and_long_files() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    // 200 MB without writing it: a sparse file.
    let big = fs::File::create(d.join("huge.php")).expect("create");
    big.set_len(200 << 20).expect("sparse file");
    // A 5 MB single-line bundle that mentions login.
    let mut bundle = String::from("var a={f:function(p){return p.login(p.password)}};");
    while bundle.len() < 5 << 20 {
        bundle.push_str("function f(a,b){return a+b};var x=[1,2,3].map(function(y){return y*2});");
    }
    write(d, "app.bundle.js", &bundle);
    write(d, "dist/app.js", &bundle);
    // A million lines with a finding at the end.
    let mut long = String::from("<?php\nuse RingCentral\\SDK\\SDK;\n");
    for _ in 0..1_000_000 {
        long.push_str("$x = 1;\n");
    }
    long.push_str("$platform = $rcsdk->platform();\n$platform->login($u, $e, $p);\n");
    write(d, "long.php", &long);
    // A generous parse limit: this machine may be busy, and the point here is size, not time.
    let (code, doc) = scan(d, &["--max-filesize", "16M", "--parse-timeout-ms", "120000"]);
    assert_eq!(code, 1);
    let skipped = skipped(&doc);
    assert!(skipped.contains(&("huge.php".to_owned(), "too-large".to_owned())), "{skipped:?}");
    assert!(skipped.contains(&("app.bundle.js".to_owned(), "minified".to_owned())), "{skipped:?}");
    assert!(skipped.contains(&("dist/app.js".to_owned(), "minified".to_owned())), "{skipped:?}");
    assert_eq!(finding_lines(&doc, "long.php"), [1_000_004]);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let depth = 50_000;
    for (name, open, close) in [("paren.js", "(", ")"), ("bracket.js", "[", "]"), ("brace.ts", "{", "}")] {
        write(
            d,
            name,
            format!(
                "platform.login({{ username, password }});\nx = {}1{};\n",
                open.repeat(depth),
                close.repeat(depth)
            ),
        );
    }
    write(
        d,
        "deep.php",
        format!("<?php\n$platform->login($u, $e, $p);\n$x = {}1{};\n", "(".repeat(depth), ")".repeat(depth)),
    );
    write(
        d,
        "deep_array.php",
        format!("<?php\n$platform->login($u, $e, $p);\n$x = {}1{};\n", "[".repeat(depth), "]".repeat(depth)),
    );
    write(
        d,
        "deep.tsx",
        format!(
            "platform.login({{ username, password }});\nconst x = {}1{};\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let (code, doc) = scan(d, &["--max-filesize", "16M"]);
    assert_eq!(code, 1, "deep files are scanned (or skipped), never a crash");
    assert!(doc["stats"]["files_read"].as_u64().expect("n") >= 6);
}

#[test]
fn broken_syntax_keeps_findings_before_and_after_the_error() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "broken.php",
        "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = $rcsdk->platform();\n$platform->login($a, $b, $c);\nfunction ( {{{ broken\n$platform->login($d, $e, $f);\n",
    );
    write(
        d,
        "conflict.js",
        "const platform = rcsdk.platform();\n<<<<<<< HEAD\nplatform.login({ username, password });\n=======\nplatform.login({ jwt });\n>>>>>>> branch\nplatform.login({ username: u, password: p });\n",
    );
    let (code, doc) = scan(d, &[]);
    assert_eq!(code, 1);
    assert_eq!(finding_lines(&doc, "broken.php"), [4, 6]);
    assert_eq!(finding_lines(&doc, "conflict.js"), [3, 7]);
    assert!(
        doc["stats"]["syntax_errors"].as_u64().expect("n") >= 1,
        "broken.php has errors; conflict markers are masked"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_fifos_and_odd_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().expect("tempdir");
    let outside = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(outside.path(), "secret.php", PHP_LOGIN);
    std::os::unix::fs::symlink(outside.path(), d.join("out")).expect("symlink out of the root");
    fs::create_dir_all(d.join("loop")).expect("mkdir");
    std::os::unix::fs::symlink(d.join("loop"), d.join("loop/again")).expect("symlink loop");
    let fifo = d.join("pipe.php");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    let odd = std::ffi::OsStr::from_bytes(b"odd-\xff\xfe.php");
    fs::write(d.join(odd), PHP_LOGIN).expect("non-UTF-8 file name");
    write(d, "ok.php", PHP_LOGIN);
    let (code, doc) = scan(d, &[]);
    assert_eq!(code, 1);
    let found: Vec<&str> =
        doc["findings"].as_array().expect("f").iter().map(|f| f["path"].as_str().expect("p")).collect();
    assert_eq!(found.len(), 2, "ok.php and the oddly named file, not the link target: {found:?}");
    assert!(found.contains(&"ok.php"));
    assert!(skipped(&doc).contains(&("pipe.php".to_owned(), "unreadable".to_owned())), "{:?}", skipped(&doc));
    // With --follow the outside tree is scanned and the loop is reported, not followed forever.
    let (_, doc) = scan(d, &["--follow"]);
    let found: Vec<&str> =
        doc["findings"].as_array().expect("f").iter().map(|f| f["path"].as_str().expect("p")).collect();
    assert!(found.contains(&"out/secret.php"), "{found:?}");
    assert!(doc["skipped"].to_string().contains("loop"), "{}", doc["skipped"]);
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_directories() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "locked/a.php", PHP_LOGIN);
    write(d, "closed.php", PHP_LOGIN);
    write(d, "ok.php", PHP_LOGIN);
    fs::set_permissions(d.join("closed.php"), fs::Permissions::from_mode(0o000)).expect("chmod");
    fs::set_permissions(d.join("locked"), fs::Permissions::from_mode(0o000)).expect("chmod");
    // root reads everything; the permission case only shows for other users.
    let enforced = fs::read(d.join("closed.php")).is_err();
    let (code, doc) = scan(d, &[]);
    fs::set_permissions(d.join("locked"), fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(code, 1);
    assert!(finding_lines(&doc, "ok.php") == [4]);
    if enforced {
        let skipped = skipped(&doc);
        assert!(skipped.iter().any(|(p, r)| p.ends_with("closed.php") && r == "unreadable"), "{skipped:?}");
        assert!(skipped.iter().any(|(p, r)| p.contains("locked") && r == "unreadable"), "{skipped:?}");
    }
}

#[test]
fn a_pathological_parse_is_a_timeout_entry_not_a_hang() {
    let dir = TempDir::new().expect("tempdir");
    let mut src = String::from("platform.login({ username, password });\n");
    for i in 0..200_000 {
        src.push_str(&format!("const v{i} = {{ a: [{i}, ({i} + 1) * 2], b: `t${{{i}}}` }};\n"));
    }
    write(dir.path(), "slow.js", &src);
    let (_, doc) = scan(dir.path(), &["--parse-timeout-ms", "1", "--max-filesize", "64M"]);
    assert_eq!(skipped(&doc), [("slow.js".to_owned(), "timeout".to_owned())]);
}

#[test]
fn bad_configuration_fails_with_position_and_advice() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "a.php", PHP_LOGIN);
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("pwflow")
            .expect("bin")
            .current_dir(d)
            .arg("check")
            .arg(".")
            .args(args)
            .output()
            .expect("runs");
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    write(d, "pwflow.toml", "select = [\"ringcentral\"\n");
    let (code, err) = run(&[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("pwflow.toml:") && !err.contains("panicked") && !err.contains("backtrace"), "{err}");
    fs::remove_file(d.join("pwflow.toml")).expect("rm");
    write(
        d,
        "rules/bad.toml",
        "id = \"x/y\"\ngroup = \"x\"\nlanguages = [\"php\"]\nseverity = \"error\"\nmessage = \"m\"\nlabel = \"l\"\nprefilter = [\"a\"]\n[query]\nphp = \"(call @c\"\n[doc]\nwhat = \"w\"\nwhy = \"w\"\nexample = \"e\"\nuse-instead = \"u\"\n",
    );
    let (code, err) = run(&["--rules", "rules"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.toml:9:"), "{err}");
    write(
        d,
        "rules/bad.toml",
        "id = \"x/y\"\ngroup = \"x\"\nlanguages = [\"php\"]\nseverity = \"error\"\nmessage = \"m\"\nlabel = \"l\"\nprefilter = [\"a\"]\nprimary = \"n\"\n[query]\nphp = \"(name) @n\"\n[doc]\nwhat = \"w\"\nwhy = \"w\"\nexample = \"e\"\nuse-instead = \"u\"\n[[fix]]\ntitle = \"t\"\nflow = \"jwt\"\napplicability = \"unsafe\"\ntarget = \"n\"\ntemplate = \"{{missing}}\"\n",
    );
    let (code, err) = run(&["--rules", "rules"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.toml:21:13") && err.contains("missing"), "{err}");
    let (code, err) = run(&["--config", "nope.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.toml") && err.contains("not found"), "{err}");
}

#[test]
fn fuzz_scan_regressions_scan_without_panicking() {
    // Every input a scan fuzz target kept (fuzz/regressions/scan_<lang>/), scanned inside and
    // outside a RingCentral project, as the fuzz harness does: no panic, and every finding's
    // range lies inside the file on character boundaries.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "rc/composer.json", r#"{"require": {"ringcentral/ringcentral-php": "^3.0"}}"#);
    let mut inputs = Vec::new();
    for (target, ext) in [("scan_php", "php"), ("scan_js", "js"), ("scan_ts", "ts")] {
        let Ok(entries) = fs::read_dir(root.join(target)) else { continue };
        for entry in entries.flatten() {
            let bytes = fs::read(entry.path()).expect("read");
            let name = entry.file_name().to_string_lossy().into_owned();
            for place in ["rc", "plain"] {
                let rel = format!("{place}/{name}.{ext}");
                write(d, &rel, &bytes);
                inputs.push((rel, bytes.clone()));
            }
        }
    }
    assert!(inputs.len() >= 8, "expected the kept scan regressions, found {}", inputs.len() / 2);
    let (_, doc) = scan(d, &["--no-ignore"]);
    for f in doc["findings"].as_array().expect("findings") {
        let path = f["path"].as_str().expect("path");
        let (_, bytes) = inputs.iter().find(|(rel, _)| rel == path).expect("a finding in a known input");
        let (start, end) = (
            usize::try_from(f["range"]["start"].as_u64().expect("start")).expect("fits"),
            usize::try_from(f["range"]["end"].as_u64().expect("end")).expect("fits"),
        );
        assert!(start <= end && end <= bytes.len(), "{path}: {start}..{end} of {}", bytes.len());
        if let Ok(text) = std::str::from_utf8(bytes) {
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{path}: {start}..{end}");
        }
    }
}

/// Issue 18, item 8: a `grant_type` key deep inside a JSON or YAML file over 64 KiB (parsed in
/// windows around the literal hits) is found as in a small one; YAML windows start at the
/// top-level entry above them, or the keys read at the wrong depth.
#[test]
fn large_structured_files_are_read_as_deeply_as_small_ones() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let mut yaml = String::from("openapi: 3.0.0\npaths:\n");
    for i in 0..3000 {
        yaml.push_str(&format!("  /items/{i}:\n    get:\n      summary: item {i} of the catalogue\n"));
    }
    yaml.push_str(
        "components:\n  securitySchemes:\n    rc:\n      x-token-request:\n        url: https://platform.ringcentral.com/restapi/oauth/token\n        body:\n          grant_type: password\n          username: u\n",
    );
    for i in 0..500 {
        yaml.push_str(&format!("x-extra-{i}: value {i}\n"));
    }
    let mut items: Vec<String> = (0..1500)
        .map(|i| format!("{{\"name\": \"req{i}\", \"request\": {{\"url\": \"https://example.org/{i}\"}}}}"))
        .collect();
    items.insert(
        1200,
        "{\"name\": \"token\", \"request\": {\"url\": \"https://platform.ringcentral.com/restapi/oauth/token\", \"body\": {\"mode\": \"urlencoded\", \"urlencoded\": [{\"key\": \"grant_type\", \"value\": \"password\"}]}}}".to_owned(),
    );
    let json = format!("{{\"item\": [\n{}\n]}}\n", items.join(",\n"));
    assert!(yaml.len() > 64 * 1024 && json.len() > 64 * 1024);
    write(d, "api.yaml", &yaml);
    write(d, "collection.json", &json);
    let (code, doc) = scan(d, &[]);
    assert_eq!(code, 1);
    let found: Vec<&str> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    assert!(found.contains(&"api.yaml"), "{found:?}");
    assert!(found.contains(&"collection.json"), "{found:?}");
}

/// Runs pwflow with `args` in `dir`; returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::cargo_bin("pwflow")
        .expect("binary builds")
        .current_dir(dir)
        .args(args)
        // Generous: a debug build on a busy 2-core machine needs minutes for the largest inputs;
        // the point is that the process ends, not how fast.
        .timeout(std::time::Duration::from_secs(900))
        .output()
        .expect("runs");
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// Bound: the tree of 100 000 nested brackets (200 KB) prints lines of at most
/// 2 × 40 + 200 bytes, so under 300 bytes per node (it printed 100 000 × 2 spaces a line, 20 GB).
#[test]
fn parse_prints_deep_trees_with_bounded_lines() {
    let dir = TempDir::new().expect("tempdir");
    let depth = 100_000;
    write(dir.path(), "deep.js", format!("x = {}1{};\n", "[".repeat(depth), "]".repeat(depth)));
    let (code, out, err) = run(dir.path(), &["parse", "deep.js"]);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8_lossy(&out);
    let widest = text.lines().map(str::len).max().unwrap_or(0);
    assert!(widest <= 2 * 40 + 200, "widest line {widest} bytes");
    assert!(out.len() <= 300 * (depth + 10), "{} bytes for {depth} levels", out.len());
    assert!(text.contains(&format!("[depth {depth}]")), "deep levels are numbered");
}

/// Bound: the baseline, the configuration, a rule directory's files and the files named on the
/// command line are read only when regular (a FIFO or /dev/zero is refused with exit 2 and a
/// message, not read forever or waited on).
#[cfg(unix)]
#[test]
fn fifos_and_devices_named_as_inputs_are_refused() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "ok.php", PHP_LOGIN);
    mkfifo(&d.join("fifo.json"));
    mkfifo(&d.join("pwflow.toml"));
    mkfifo(&d.join("named.php"));
    for args in [
        &["check", "ok.php", "--isolated", "--baseline", "/dev/zero"][..],
        &["check", "ok.php", "--isolated", "--baseline", "fifo.json"],
        &["check", "ok.php", "--config", "pwflow.toml"],
        &["check", "named.php", "--isolated"],
        &["check", "/dev/zero", "--isolated"],
        &["parse", "named.php"],
    ] {
        let (code, _, err) = run(d, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
}

/// Bound: an ignore file the walk would read whole is looked at first: a FIFO `.gitignore` in a
/// subdirectory skips that directory; one at the scan root is refused (it would block the walk).
#[cfg(unix)]
#[test]
fn hostile_ignore_files_do_not_block_the_walk() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    write(d, "ok.php", PHP_LOGIN);
    write(d, "sub/a.php", PHP_LOGIN);
    mkfifo(&d.join("sub/.gitignore"));
    let (code, doc) = scan(d, &[]);
    assert_eq!(code, 1);
    assert_eq!(finding_lines(&doc, "ok.php"), [4]);
    assert!(skipped(&doc).contains(&("sub".to_owned(), "unreadable".to_owned())), "{:?}", skipped(&doc));
    mkfifo(&d.join(".ignore"));
    let (code, _, err) = run(d, &["check", ".", "--isolated"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".ignore is not a regular file"), "{err}");
    // --no-ignore reads no ignore file.
    let (code, _, err) = run(d, &["check", ".", "--isolated", "--no-ignore"]);
    assert_eq!(code, 1, "{err}");
}

/// Bound: `--jobs` is capped at 4 threads per core (`-j 5000` started 5000 threads per pool).
#[test]
fn jobs_are_capped() {
    let dir = TempDir::new().expect("tempdir");
    for name in ["a.php", "b.php", "c.php"] {
        write(dir.path(), name, PHP_LOGIN);
    }
    let (code, doc) = scan(dir.path(), &["-j", "5000"]);
    assert_eq!(code, 1);
    assert_eq!(doc["findings"].as_array().expect("findings").len(), 3);
    let (_, out, _) = run(dir.path(), &["check", "--help"]);
    assert!(String::from_utf8_lossy(&out).contains("at most 4 per core"));
}

/// Bound: a 50 MB one-line file with a login at its end prints a report under 16 KB in human
/// form (it printed the whole line twice: 100 MB), and its `--diff` is under 16 KB too.
#[test]
fn a_huge_one_line_file_prints_a_bounded_report() {
    let dir = TempDir::new().expect("tempdir");
    let pad = "x".repeat(50 << 20);
    let src = format!(
        "const {{ SDK }} = require('@ringcentral/sdk'); const platform = new SDK({{}}).platform(); var y = '{pad}'; platform.login({{ username: u, extension: '101', password: p }});\n"
    );
    write(dir.path(), "one.js", src);
    let args = ["check", "one.js", "--isolated", "--no-ignore", "--max-filesize", "64M", "--color", "never"];
    let (code, out, err) = run(dir.path(), &args);
    assert_eq!(code, 1, "{err}");
    assert!(out.len() < 16 << 10, "{} bytes of output", out.len());
    assert!(String::from_utf8_lossy(&out).contains("platform.login({ jwt: process.env.RC_JWT })"));
    let (code, out, err) = run(dir.path(), &[&args[..], &["--diff", "--unsafe-fixes"]].concat());
    assert_eq!(code, 1, "{err}");
    // The changed line is the file's only line: a diff must print it, once on each side.
    assert!(out.len() < 2 * (50 << 20) + 4096, "{} bytes of diff", out.len());
}

/// Staged names are sent to `git cat-file` NUL-terminated: a name holding a newline is read as
/// itself (it shifted the blobs onto the wrong files), and a name that is not UTF-8 is scanned.
#[cfg(unix)]
#[test]
fn staged_names_with_newlines_and_bad_bytes_map_to_their_blobs() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git").arg("-C").arg(d).args(args).output().expect("git");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    let clean = "<?php\necho 1;\n";
    fs::write(d.join("a\nb.php"), clean).expect("write");
    fs::write(d.join("a"), "not php\n").expect("write");
    fs::write(d.join(std::ffi::OsStr::from_bytes(b"odd-\xff.php")), PHP_LOGIN).expect("write");
    write(d, "z.php", PHP_LOGIN);
    // Over --max-filesize: read past, not held, and the blobs after it still map right.
    write(d, "big.php", format!("{PHP_LOGIN}{}", "// pad\n".repeat(30_000)));
    git(&["add", "-A"]);
    let (code, out, err) =
        run(d, &["check", "--staged", "--isolated", "--format", "json", "--max-filesize", "100K"]);
    assert_eq!(code, 1, "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let mut paths: Vec<String> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["path"].as_str().expect("path").to_owned())
        .collect();
    paths.sort();
    assert_eq!(paths, ["odd-\u{fffd}.php", "z.php"], "{doc}");
    assert_eq!(skipped(&doc), [("big.php".to_owned(), "too-large".to_owned())]);
}

/// Project markers are read for evidence only when regular (and bounded): a FIFO named
/// `package.json` or `.env` beside the code does not block the scan.
#[cfg(unix)]
#[test]
fn fifo_markers_do_not_block_the_scan() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "ok.php", PHP_LOGIN);
    mkfifo(&dir.path().join("package.json"));
    mkfifo(&dir.path().join("composer.json"));
    mkfifo(&dir.path().join(".env"));
    let (code, doc) = scan(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(finding_lines(&doc, "ok.php"), [4]);
}

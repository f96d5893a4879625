//! The planted-secret suite: files holding distinctive secrets in every shape pwflow reads
//! (literals, concatenations, templates, escaped bodies, JSON in strings, pair lists, Postman
//! records, `.env` and shell values with shell metacharacters, continued lines, YAML, Markdown
//! fences, URL user-info, Basic credentials and Basic authentication pairs, SDK client secrets,
//! comments, in PHP, JS, Python, Ruby, Go, Java and C#) are scanned with every output format,
//! `--diff`, `--fix`, `--write-baseline` and `audit`; no fragment of a secret may appear in
//! anything written, while `--show-secrets` shows them (so the check is not vacuous).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn pwflow() -> Command {
    let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// A password with a shell metacharacter (`&` ends a shell word).
const P1: &str = "Tr0ub4dor&3";
/// A password with `$` (a shell expansion).
const P2: &str = "S3cr3t$Val";
/// A client secret.
const CS: &str = "CL13NTS3CR3T";
/// URL user-info.
const USERINFO: &str = "u5er:pA55url";
/// A Basic credential (base64 of `CL13NTS3CR3T:x`).
const BASIC: &str = "Q0wxM05UUzNDUjNUOng=";
/// The middle of a `.env` value full of shell metacharacters.
const META: &str = "{y} [z] <a> | ;";

/// Every planted secret.
const SECRETS: [&str; 6] = [P1, P2, CS, USERINFO, BASIC, META];

/// Tails of secrets a partial mask or a fix used to leave (`***&3`, `RC_JWT=&3`, `'&3'`).
const TAILS: [&str; 5] = ["4dor&3", "=&3", "'&3'", "$Val", "NTS3CR3T"];

/// The planted files: (path, content). Every file has a finding (redaction, like a report,
/// concerns files with findings).
fn planted() -> Vec<(&'static str, String)> {
    vec![
        (
            "app/login.php",
            format!(
                "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', '{CS}', SDK::SERVER_PRODUCTION))->platform();\n\
                 $platform->login('+16505550100', '101', 'Tr0ub' . '4dor&3');\n"
            ),
        ),
        (
            "app/token.php",
            format!(
                "<?php\nuse RingCentral\\SDK\\SDK;\n$ch = curl_init('https://platform.ringcentral.com/restapi/oauth/token');\n\
                 curl_setopt($ch, CURLOPT_POSTFIELDS, 'grant_type=password&username=u&password=' . '{P2}');\n\
                 curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Basic ' . base64_encode('id:{CS}')]);\n"
            ),
        ),
        (
            "web/login.js",
            format!(
                "const SDK = require('@ringcentral/sdk').SDK;\n\
                 const rcsdk = new SDK({{ server: SDK.server.production, clientId: 'id', clientSecret: '{CS}' }});\n\
                 const platform = rcsdk.platform();\n\
                 platform.login({{ username: '+16505550100', extension: '101', password: `${{'{P1}'}}` }});\n"
            ),
        ),
        (
            "web/form.js",
            format!(
                "const {{ SDK }} = require('@ringcentral/sdk');\n\
                 fetch('https://platform.ringcentral.com/restapi/oauth/token', {{ method: 'POST', body: 'grant_type=password&username=u&password=' + '{P1}' }});\n"
            ),
        ),
        (
            "web/multi.js",
            format!(
                "const {{ SDK }} = require('@ringcentral/sdk');\n// password: {P1} (the old one)\n\
                 fetch('https://platform.ringcentral.com/restapi/oauth/token', {{ method: 'POST', body: 'grant_type=password&username=u&password=' + 'Tr0ub' + '4dor&3' }}); // pw = {P2}\n"
            ),
        ),
        (
            "web/json.js",
            format!(
                "const {{ SDK }} = require('@ringcentral/sdk');\n\
                 fetch('https://platform.ringcentral.com/restapi/oauth/token', {{ method: 'POST', body: 'grant_type=password&username=u&password=' + pw }});\n\
                 const saved = '{{\"username\": \"u\", \"password\": \"{P1}\"}}';\n\
                 const escaped = \"{{\\\"client_secret\\\":\\\"{CS}\\\"}}\";\n"
            ),
        ),
        (
            "web/token.js",
            format!(
                "const {{ SDK }} = require('@ringcentral/sdk');\n\
                 fetch('https://platform.ringcentral.com/restapi/oauth/token', {{\n  method: 'POST',\n  \
                 headers: {{ Authorization: 'Basic {BASIC}' }},\n  \
                 body: 'grant_type=password\\u0026username=u\\u0026password={P2}',\n}});\n\
                 const body = new URLSearchParams([['grant_type', 'password'], ['username', 'u'], ['password', '{P1}']]);\n\
                 fetch('https://{USERINFO}@platform.ringcentral.com/restapi/oauth/token', {{ method: 'POST', body }});\n"
            ),
        ),
        (
            "py/login.py",
            format!(
                "from ringcentral import SDK\nsdk = SDK('id', '{CS}', 'https://platform.ringcentral.com')\n\
                 platform = sdk.platform()\nplatform.login('+16505550100', '101', 'Tr0ub' '4dor&3')\n"
            ),
        ),
        (
            ".env",
            format!(
                "RC_SERVER_URL=https://platform.ringcentral.com\nRC_CLIENT_ID=id\nRC_CLIENT_SECRET={CS}\n\
                 RC_USERNAME=+16505550100\nRC_EXTENSION=101\nRC_PASSWORD={P1}\n\
                 RINGCENTRAL_PASSWORD=\"{P2} (x) {META} \\\" done\" # old\n"
            ),
        ),
        (
            "deploy.sh",
            format!(
                "#!/bin/sh\nexport RC_USERNAME=+16505550100\nexport RC_PASSWORD='{P1} x'\n\
                 export RC_PASSWORD2={P2}\\\n{P2}\n\
                 curl -u 'id:{CS}' -d grant_type=password -d username=u -d 'password={P1}' https://platform.ringcentral.com/restapi/oauth/token\n"
            ),
        ),
        (
            "postman.json",
            format!(
                "{{\"item\": [{{\"name\": \"RingCentral token\", \"request\": {{\"method\": \"POST\", \
                 \"url\": \"https://platform.ringcentral.com/restapi/oauth/token\", \"body\": {{\"mode\": \"urlencoded\", \
                 \"urlencoded\": [{{\"key\": \"grant_type\", \"value\": \"password\"}}, {{\"key\": \"username\", \"value\": \"u\"}}, \
                 {{\"key\": \"password\", \"value\": \"{P1}\"}}, {{\"key\": \"client_secret\", \"value\": \"{CS}\"}}]}}}}}}]}}\n"
            ),
        ),
        (
            "go/token.go",
            format!(
                "package main\n\nimport (\n\t\"net/http\"\n\t\"net/url\"\n)\n\nfunc main() {{\n\t\
                 data := url.Values{{\"grant_type\": {{\"password\"}}, \"username\": {{\"u\"}}, \"password\": {{\"{P1}\"}}}}\n\t\
                 req, _ := http.NewRequest(\"POST\", \"https://platform.ringcentral.com/restapi/oauth/token\", nil)\n\t\
                 req.SetBasicAuth(\"id\", \"{CS}\")\n\t_ = data\n}}\n"
            ),
        ),
        (
            "py/token.py",
            format!(
                "import requests\nrequests.post('https://platform.ringcentral.com/restapi/oauth/token', auth=('id', '{CS}'), \
                 data={{'grant_type': 'password', 'username': 'u', 'password': 'Tr0ub' + '4dor&3'}})\n"
            ),
        ),
        (
            "py/env.py",
            format!(
                "from ringcentral import SDK\nos.environ['RC_PASSWORD'] = '{P1}'; settings.password = '{P2}'; \
                 platform = SDK('id', 'x', 'y').platform(); platform.login('u', '101', os.environ['RC_PASSWORD'])\n"
            ),
        ),
        (
            "rb/env.rb",
            format!(
                "require 'ringcentral'\nENV['RC_PASSWORD'] = '{P1}'; @password = '{P2}'; rc = RingCentral.new('id', 'x', 'y'); \
                 rc.authorize(username: 'u', extension: '101', password: ENV['RC_PASSWORD'])\n"
            ),
        ),
        (
            "cs/Token.cs",
            format!(
                "using System.Net.Http;\nclass A {{\n  void M() {{\n    var content = new FormUrlEncodedContent(new Dictionary<string, string> \
                 {{ {{ \"grant_type\", \"password\" }}, {{ \"username\", \"u\" }}, {{ \"password\", \"{P1}\" }} }});\n    \
                 var r = client.PostAsync(\"https://platform.ringcentral.com/restapi/oauth/token\", content);\n  }}\n}}\n"
            ),
        ),
        (
            "java/Token.java",
            format!(
                "class A {{\n  void m() {{\n    var form = Map.of(\"grant_type\", \"password\", \"username\", \"u\", \"password\", \"{P2}\");\n    \
                 post(\"https://platform.ringcentral.com/restapi/oauth/token\", form);\n  }}\n}}\n"
            ),
        ),
        (
            "rb/login.rb",
            format!(
                "require 'ringcentral'\nrc = RingCentral.new('id', '{CS}', 'https://platform.ringcentral.com')\n\
                 rc.authorize(username: 'u', extension: '101', password: \"Tr0ub#{{'4dor&3'}}\")\n"
            ),
        ),
        (
            "java/application.yml",
            format!(
                "spring:\n  security:\n    oauth2:\n      client:\n        registration:\n          ringcentral:\n            \
                 client-id: id\n            client-secret: {CS}\n            authorization-grant-type: password\n        \
                 provider:\n          ringcentral:\n            token-uri: https://platform.ringcentral.com/restapi/oauth/token\n"
            ),
        ),
        ("ci.yaml", format!("env:\n  RC_USERNAME: \"+16505550100\"\n  RC_PASSWORD: {P1} {P2}\n")),
        (
            "README.md",
            format!(
                "# Setup\n\n```php\n<?php\n$platform = (new \\RingCentral\\SDK\\SDK('id', '{CS}', 'https://platform.ringcentral.com'))->platform();\n\
                 $platform->login('+16505550100', '101', '{P1}');\n```\n\n```sh\nexport RC_PASSWORD={P2}\n\
                 curl -d grant_type=password -d username=u -d \"password={P1}\" https://platform.ringcentral.com/restapi/oauth/token\n```\n"
            ),
        ),
    ]
}

fn plant(dir: &Path) {
    for (rel, content) in planted() {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        fs::write(path, content).expect("write");
    }
}

/// Every fragment that must not be printed: each secret's substrings of five characters or
/// more, and the known tails.
fn fragments() -> Vec<String> {
    let mut out: Vec<String> = TAILS.iter().map(|t| (*t).to_owned()).collect();
    for secret in SECRETS {
        let chars: Vec<char> = secret.chars().collect();
        for len in 5..=chars.len() {
            for start in 0..=chars.len() - len {
                out.push(chars[start..start + len].iter().collect());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The text as a reader of each format sees it: HTML/XML entities, JSON escapes and GitHub
/// workflow-command escapes decoded.
fn decoded(text: &str) -> String {
    let mut t = text.to_owned();
    for (from, to) in [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&apos;", "'"),
        ("\\u0026", "&"),
        ("\\\"", "\""),
        ("\\\\", "\\"),
        ("%3A", ":"),
        ("%2C", ","),
        ("%0A", "\n"),
        ("%0D", "\r"),
        ("%25", "%"),
        ("&amp;", "&"),
    ] {
        t = t.replace(from, to);
    }
    t
}

/// Panics if any fragment of a secret appears in `text` (as written or decoded).
fn assert_clean(what: &str, text: &str) {
    let decoded = decoded(text);
    for fragment in fragments() {
        for (form, t) in [("raw", text), ("decoded", decoded.as_str())] {
            if let Some(at) = t.find(&fragment) {
                let start = t[..at].char_indices().rev().nth(80).map_or(0, |(i, _)| i);
                let end = t[at..].char_indices().nth(80).map_or(t.len(), |(i, _)| at + i);
                panic!("{what} ({form}) shows `{fragment}`: ...{}...", &t[start..end]);
            }
        }
    }
}

fn stdout_of(dir: &Path, args: &[&str]) -> String {
    let out = pwflow().current_dir(dir).arg("check").arg("--isolated").args(args).output().expect("runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8") + &String::from_utf8(out.stderr).expect("UTF-8")
}

#[test]
fn no_output_format_prints_a_fragment_of_a_secret() {
    let dir = TempDir::new().expect("tempdir");
    plant(dir.path());
    for format in ["human", "json", "sarif", "github", "junit", "gitlab"] {
        let text = stdout_of(dir.path(), &[".", "--format", format, "--stats", "--color", "never"]);
        assert!(text.contains("RC_PASSWORD"), "{format} reports the planted files:\n{text}");
        assert_clean(&format!("--format {format}"), &text);
    }
    // Written to a file rather than printed.
    let out = dir.path().join("report.json");
    stdout_of(dir.path(), &[".", "--format", "sarif", "--output", out.to_str().expect("path")]);
    assert_clean("--output", &fs::read_to_string(&out).expect("report written"));
    fs::remove_file(&out).expect("remove");
}

#[test]
fn diffs_mask_every_secret_and_say_so() {
    let dir = TempDir::new().expect("tempdir");
    plant(dir.path());
    for flow in [&[][..], &["--flow", "jwt"][..]] {
        let mut args = vec![".", "--diff", "--unsafe-fixes"];
        args.extend_from_slice(flow);
        let diff = stdout_of(dir.path(), &args);
        assert!(diff.contains("+RC_JWT="), "{diff}");
        assert!(diff.contains("# pwflow: "), "a masked diff says so:\n{diff}");
        assert_clean("--diff", &diff);
    }
    // Nothing was written.
    for (rel, content) in planted() {
        assert_eq!(fs::read_to_string(dir.path().join(rel)).expect("read"), content, "{rel}");
    }
}

#[test]
fn fixes_copy_no_fragment_of_a_secret_into_files() {
    let dir = TempDir::new().expect("tempdir");
    plant(dir.path());
    let report = stdout_of(dir.path(), &[".", "--fix", "--unsafe-fixes", "--flow", "jwt"]);
    assert_clean("--fix report", &report);
    let read = |rel: &str| fs::read_to_string(dir.path().join(rel)).expect("read");
    let multi = read("web/multi.js");
    assert!(
        multi.contains("assertion=") && !multi.contains("'Tr0ub'") && !multi.contains("'4dor&3'"),
        "{multi}"
    );
    // The files whose secrets are all in what the fixes rewrite keep none of them.
    for rel in [".env", "deploy.sh", "web/form.js", "web/login.js", "app/login.php", "py/login.py"] {
        let text = read(rel);
        for password in [P1, P2, "4dor&3", "Tr0ub", "=&3", "'&3'", "$Val"] {
            assert!(!text.contains(password), "{rel} keeps `{password}`:\n{text}");
        }
    }
    let env = read(".env");
    assert_eq!(env.lines().filter(|l| l.starts_with("RC_JWT=")).count(), 1, "{env}");
    assert!(!env.contains("{y}"), "{env}");
    let sh = read("deploy.sh");
    assert_eq!(sh.lines().filter(|l| l.contains("RC_JWT=")).count(), 1, "{sh}");
    assert!(!sh.contains("PASSWORD"), "the continued value's second line goes too:\n{sh}");
    // No fix adds a fragment of a secret anywhere: each file holds no more of any fragment
    // than it held before.
    for (rel, before) in planted() {
        let after = read(rel);
        for fragment in fragments() {
            assert!(
                after.matches(&fragment).count() <= before.matches(&fragment).count(),
                "{rel}: the fix copied `{fragment}`:\n{after}"
            );
        }
    }
}

#[test]
fn baselines_and_audit_reports_hold_no_fragment_of_a_secret() {
    let dir = TempDir::new().expect("tempdir");
    plant(dir.path());
    let out = TempDir::new().expect("tempdir");
    let baseline = out.path().join("baseline.json");
    stdout_of(dir.path(), &[".", "--write-baseline", baseline.to_str().expect("path")]);
    let written = fs::read_to_string(&baseline).expect("baseline written");
    assert!(written.contains("RC_PASSWORD") || written.contains("fingerprint"), "{written}");
    assert_clean("--write-baseline", &written);
    let (html, md, json) = (out.path().join("a.html"), out.path().join("a.md"), out.path().join("a.json"));
    pwflow()
        .current_dir(dir.path())
        .args(["audit", ".", "--quiet", "--html"])
        .arg(&html)
        .arg("--markdown")
        .arg(&md)
        .arg("--json")
        .arg(&json)
        .assert()
        .code(0);
    for path in [&html, &md, &json] {
        let text = fs::read_to_string(path).expect("report written");
        assert!(text.contains("password"), "{} reports the findings", path.display());
        assert_clean(&path.display().to_string(), &text);
    }
}

#[test]
fn show_secrets_shows_what_the_other_runs_mask() {
    let dir = TempDir::new().expect("tempdir");
    plant(dir.path());
    let text = stdout_of(dir.path(), &[".", "--show-secrets", "--color", "never"])
        + &stdout_of(dir.path(), &[".", "--show-secrets", "--diff", "--unsafe-fixes"]);
    for secret in SECRETS {
        assert!(text.contains(secret), "--show-secrets shows `{secret}`");
    }
    assert!(!text.contains("# pwflow: "), "nothing is masked, so the diff applies");
    // The check the other tests rely on catches what these runs print.
    assert!(std::panic::catch_unwind(|| assert_clean("--show-secrets", &text)).is_err());
}

#[test]
fn a_secret_equal_to_a_word_of_the_new_code_is_masked_in_the_preview_not_in_the_file() {
    let dir = TempDir::new().expect("tempdir");
    let php = "<?php\nuse RingCentral\\SDK\\SDK;\n$platform = (new SDK('id', 's', SDK::SERVER_PRODUCTION))->platform();\n\
               $platform->login(getenv('RC_USERNAME'), '101', getenv('RC_PASSWORD'));\n$legacy = ['password' => 'getenv'];\n";
    fs::write(dir.path().join("a.php"), php).expect("write");
    // The preview masks the value wherever it stands in the rewrite.
    let shown = stdout_of(dir.path(), &["a.php", "--color", "never"]);
    assert!(shown.contains("'jwt' => ***('RC_JWT')"), "{shown}");
    // The file gets the code itself (a masked edit broke the file, so the fix was dropped).
    stdout_of(dir.path(), &["a.php", "--fix", "--unsafe-fixes"]);
    let fixed = fs::read_to_string(dir.path().join("a.php")).expect("read");
    assert!(fixed.contains("$platform->login(['jwt' => getenv('RC_JWT')]);"), "{fixed}");
}

#[test]
fn shell_rewrites_take_the_whole_word_and_keep_the_commands_after_it() {
    let dir = TempDir::new().expect("tempdir");
    let sh = format!(
        "#!/bin/sh\nexport RC_USERNAME=u\nexport RC_PASSWORD={P1}; echo ready\nRC_PASSWORD2=\"{P2} x\" run_app --flag\n"
    );
    fs::write(dir.path().join("run.sh"), &sh).expect("write");
    let diff = stdout_of(dir.path(), &["run.sh", "--diff", "--unsafe-fixes"]);
    assert_clean("--diff", &diff);
    stdout_of(dir.path(), &["run.sh", "--fix", "--unsafe-fixes"]);
    let fixed = fs::read_to_string(dir.path().join("run.sh")).expect("read");
    assert_eq!(fixed, "#!/bin/sh\nexport RC_JWT=; echo ready\nRC_JWT2= run_app --flag\n");
}

#[test]
fn env_rewrites_leave_exactly_one_jwt_setting() {
    let dir = TempDir::new().expect("tempdir");
    let cases = [
        // A JWT setting already there: the password settings only go.
        (
            format!(
                "RC_SERVER_URL=https://platform.ringcentral.com\nRC_JWT=\nRC_USERNAME=u\nRC_PASSWORD={P1}\n"
            ),
            "RC_SERVER_URL=https://platform.ringcentral.com\nRC_JWT=\n",
        ),
        // Three password settings, one continued over two lines, one after a comment; the two
        // that name one JWT setting leave one.
        (
            format!(
                "RC_USERNAME=u\nRC_PASSWORD={P2}\\\n  more\n# old\nRINGCENTRAL_PASSWORD='{P1}'\nexport RC_PASSWORD2=\"{P1}\" # x\nRC_SERVER_URL=s\n"
            ),
            // A numbered setting is another user's: it gets a JWT setting of its own.
            "RC_JWT=\n# old\nexport RC_JWT2= # x\nRC_SERVER_URL=s\n",
        ),
    ];
    for (before, after) in cases {
        fs::write(dir.path().join(".env"), &before).expect("write");
        stdout_of(dir.path(), &[".env", "--fix", "--unsafe-fixes"]);
        assert_eq!(fs::read_to_string(dir.path().join(".env")).expect("read"), after, "{before}");
    }
}

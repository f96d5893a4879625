//! Evidence about a file: is this RingCentral code, which SDK, and does the code serve users
//! (so the authorization-code flow fits) or run unattended (so the JWT flow fits)? What the
//! file's project says (manifests, locked SDK versions) is read by `project/` and handed in.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Flow, Recommendation};
use crate::lang::Lang;
use crate::project::LockedSdk;

/// A RingCentral SDK family, told apart because their JWT rewrites differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdkFamily {
    /// `@ringcentral/sdk` (v4+): `platform.login({ jwt })` since 4.7.0.
    JsSdk,
    /// npm `ringcentral` (v2/v3) or `rcsdk` (v1): must move to `@ringcentral/sdk` first.
    JsLegacy,
    /// `@rc-ex/core` (ringcentral-extensible): `rc.authorize({ jwt })`.
    RcEx,
    /// `ringcentral-js-concise`: no JWT call.
    Concise,
    /// `ringcentral-ts`: no JWT call.
    RcTs,
    /// `ringcentral-engage-voice-client` (the official Engage Voice client, Office mode):
    /// `ev.authorize({ jwt })` since 1.40.0, then its own Engage Voice token exchange.
    JsEngageVoice,
    /// `ringcentral/ringcentral-php` 1.0+ (`RingCentral\SDK\SDK`).
    PhpSdk,
    /// PHP SDK 0.x (`RC\RCSDK`, `getPlatform()->authorize`).
    PhpLegacy,
    /// `grokify/ringcentral-sdk-php-lite` (`RingCentralLite`).
    PhpLite,
    /// PyPI `ringcentral` 0.6+ (`from ringcentral import SDK`): `platform.login(jwt=...)` since 0.7.12.
    PySdk,
    /// PyPI `rcsdk` / `ringcentral` 0.1-0.5 (`RCSDK`, `get_platform().authorize(...)`).
    PyLegacy,
    /// PyPI `ringcentral_client` (tylerlong): `rc.authorize(jwt_token)` since 2024-11.
    PyClient,
    /// PyPI `ringcentral_engage_voice` (the official Engage Voice client, Office mode):
    /// keyword-only `ev.authorize(jwt=...)`, passed to `ringcentral` >= 0.7.12.
    PyEngageVoice,
    /// Maven `com.ringcentral:ringcentral`: `rc.authorize(jwt)` since about 2.5.0.
    JavaSdk,
    /// The legacy Android SDK (`SDK.getPlatform().authorize(..., callback)`): no JWT call.
    JavaLegacy,
    /// NuGet `RingCentral.Net` (and the older `RingCentral.Client`): `rc.Authorize(jwt)` since about 5.10.
    DotNet,
    /// NuGet `RingCentralSDK` (`new SDK(...)`, `Platform.Login`, `GetPlatform().Authorize`): no JWT call.
    DotNetLegacy,
    /// Gem `ringcentral-sdk` (`RingCentral.new`): `rc.authorize(jwt: ...)` since about 0.9.4.
    RubySdk,
    /// Gem `ringcentral_sdk` (grokify, `RingCentralSdk::REST::Client`): `authorize_jwt` since 3.1.0.
    RubyGrokify,
    /// Go `grokify/goauth` and `grokify/go-ringcentral-client`: `CredentialsJWTBearer`.
    GoGoauth,
    /// Go `ringcentral/ringcentral-go`: `GetTokenRequest{GrantType: jwt-bearer, Assertion: ...}`.
    GoRcGo,
    /// Go `grokify/ringcentral-sdk-go` (`rcsdk`): no JWT call.
    GoRcsdk,
}

impl SdkFamily {
    /// Stable key used in rule `when` conditions.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            SdkFamily::JsSdk => "js-sdk",
            SdkFamily::JsLegacy => "js-legacy",
            SdkFamily::RcEx => "rc-ex",
            SdkFamily::Concise => "js-concise",
            SdkFamily::RcTs => "ringcentral-ts",
            SdkFamily::JsEngageVoice => "js-engage-voice",
            SdkFamily::PhpSdk => "php-sdk",
            SdkFamily::PhpLegacy => "php-legacy",
            SdkFamily::PhpLite => "php-lite",
            SdkFamily::PySdk => "python-sdk",
            SdkFamily::PyLegacy => "python-legacy",
            SdkFamily::PyClient => "python-client",
            SdkFamily::PyEngageVoice => "python-engage-voice",
            SdkFamily::JavaSdk => "java-sdk",
            SdkFamily::JavaLegacy => "java-legacy",
            SdkFamily::DotNet => "dotnet",
            SdkFamily::DotNetLegacy => "dotnet-legacy",
            SdkFamily::RubySdk => "ruby-sdk",
            SdkFamily::RubyGrokify => "ruby-grokify",
            SdkFamily::GoGoauth => "go-goauth",
            SdkFamily::GoRcGo => "go-ringcentral-go",
            SdkFamily::GoRcsdk => "go-rcsdk",
        }
    }

    /// Package name as people know it.
    #[must_use]
    pub fn package(self) -> &'static str {
        match self {
            SdkFamily::JsSdk => "@ringcentral/sdk",
            SdkFamily::JsLegacy => "ringcentral / rcsdk (legacy JS SDK)",
            SdkFamily::RcEx => "@rc-ex/core",
            SdkFamily::Concise => "ringcentral-js-concise",
            SdkFamily::RcTs => "ringcentral-ts",
            SdkFamily::JsEngageVoice => "ringcentral-engage-voice-client",
            SdkFamily::PhpSdk => "ringcentral/ringcentral-php",
            SdkFamily::PhpLegacy => "ringcentral/php-sdk 0.x",
            SdkFamily::PhpLite => "ringcentral-sdk-php-lite",
            SdkFamily::PySdk => "ringcentral (PyPI)",
            SdkFamily::PyLegacy => "rcsdk / ringcentral 0.1-0.5 (PyPI)",
            SdkFamily::PyClient => "ringcentral_client (PyPI)",
            SdkFamily::PyEngageVoice => "ringcentral_engage_voice (PyPI)",
            SdkFamily::JavaSdk => "com.ringcentral:ringcentral",
            SdkFamily::JavaLegacy => "ringcentral-android (legacy)",
            SdkFamily::DotNet => "RingCentral.Net",
            SdkFamily::DotNetLegacy => "RingCentralSDK (legacy .NET)",
            SdkFamily::RubySdk => "ringcentral-sdk (gem)",
            SdkFamily::RubyGrokify => "ringcentral_sdk (grokify gem)",
            SdkFamily::GoGoauth => "grokify/goauth + go-ringcentral-client",
            SdkFamily::GoRcGo => "ringcentral/ringcentral-go",
            SdkFamily::GoRcsdk => "grokify/ringcentral-sdk-go",
        }
    }
}

struct SdkPattern {
    family: SdkFamily,
    /// Languages whose files the pattern applies to.
    langs: &'static [Lang],
    regex: LazyRegex,
}

/// A regex compiled when first used: a run over a few files of one language should not build
/// the patterns of every other language (some 35 regexes were 5 ms of a 20-file pre-commit run).
struct LazyRegex {
    pattern: &'static str,
    compiled: std::sync::OnceLock<Regex>,
}

impl LazyRegex {
    const fn new(pattern: &'static str) -> LazyRegex {
        LazyRegex { pattern, compiled: std::sync::OnceLock::new() }
    }

    fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| re(self.pattern))
    }
}

const PHP: &[Lang] = &[Lang::Php, Lang::PhpOnly];
/// The JavaScript family, and CoffeeScript, which compiles to it and uses the same SDKs.
const JS: &[Lang] = &[Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::CoffeeScript];

/// The evidence patterns are ASCII (identifiers, imports, hosts): without Unicode classes
/// (`\b`, `\w`, `\s`, `(?i)` over ASCII) each compiles in about half the time, which a
/// pre-commit run of a few files pays.
fn re(pattern: &str) -> Regex {
    crate::regexes::ascii(pattern)
}

/// Import/construct patterns per SDK, most specific first.
static SDK_PATTERNS: LazyLock<Vec<SdkPattern>> = LazyLock::new(|| {
    let p =
        |family, langs, pattern: &'static str| SdkPattern { family, langs, regex: LazyRegex::new(pattern) };
    vec![
        p(SdkFamily::RcEx, JS, r#"['"]@(rc-ex|ringcentral-extensible)/core['"]"#),
        p(SdkFamily::Concise, JS, r#"['"]ringcentral-js-concise['"]"#),
        p(SdkFamily::RcTs, JS, r#"['"]ringcentral-ts['"]"#),
        p(SdkFamily::JsSdk, JS, r#"['"]@ringcentral/sdk['"]|\bRingCentral\.SDK\b"#),
        p(
            SdkFamily::JsLegacy,
            JS,
            // CoffeeScript calls without parentheses: `require 'ringcentral'`.
            r#"\brequire(?:\(\s*|[ \t]+)['"](ringcentral|rcsdk)['"]|from\s+['"](ringcentral|rcsdk)['"]|\bnew\s+RCSDK\b"#,
        ),
        // After the SDKs: a file that imports one of them as well logs in through it.
        p(SdkFamily::JsEngageVoice, JS, r#"['"]ringcentral-engage-voice-client['"]"#),
        p(SdkFamily::PhpLite, PHP, r"\bRingCentralLite\b"),
        p(SdkFamily::PhpLegacy, PHP, r"\bRC\\RCSDK\b|->getPlatform\(\)"),
        p(SdkFamily::PhpSdk, PHP, r"\bRingCentral\\SDK\b"),
        p(SdkFamily::PyClient, &[Lang::Python], r"\bringcentral_client\b"),
        p(SdkFamily::PyLegacy, &[Lang::Python], r"\bfrom\s+rcsdk\s+import\b|\bRCSDK\(|\.get_platform\(\)"),
        p(
            SdkFamily::PySdk,
            &[Lang::Python],
            r"(?m)^\s*(?:from\s+ringcentral(?:\.[\w.]+)?\s+import\b|import\s+ringcentral\b)",
        ),
        p(SdkFamily::PyEngageVoice, &[Lang::Python], r"\bringcentral_engage_voice\b"),
        p(
            SdkFamily::JavaLegacy,
            &[Lang::Java],
            r"\bcom\.ringcentral\.rcandroid\b|\bgetPlatform\(\)\.authorize\(",
        ),
        p(SdkFamily::JavaSdk, &[Lang::Java], r"\bcom\.ringcentral\b"),
        p(
            SdkFamily::DotNetLegacy,
            &[Lang::CSharp],
            r"\busing\s+RingCentral\.SDK\b|\bGetPlatform\(\)\.Authorize\(|\.Platform\.Login\(",
        ),
        p(SdkFamily::DotNet, &[Lang::CSharp], r"\busing\s+RingCentral\b|\bRingCentral\.RestClient\b"),
        p(
            SdkFamily::RubyGrokify,
            &[Lang::Ruby],
            r#"\bRingCentralSdk\b|require\s*\(?\s*['"]ringcentral_sdk['"]"#,
        ),
        p(SdkFamily::RubySdk, &[Lang::Ruby], r#"\bRingCentral\.new\b|require\s*\(?\s*['"]ringcentral['"]"#),
        p(SdkFamily::GoRcsdk, &[Lang::Go], r#""github\.com/grokify/ringcentral-sdk-go"#),
        p(SdkFamily::GoRcGo, &[Lang::Go], r#""github\.com/ringcentral/ringcentral-go"#),
        p(
            SdkFamily::GoGoauth,
            &[Lang::Go],
            r#""github\.com/grokify/(goauth|go-ringcentral-client|oauth2more)"#,
        ),
    ]
});

/// Other signs that a file talks to RingCentral: hosts, the token path, RC_/RINGCENTRAL_ names
/// (word-bounded, so `IRC_USERNAME` does not count).
static RC_SIGNALS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)ringcentral\.com|@ringcentral/|/restapi/oauth/token|/restapi/v1\.0|(?-i:\b(?:RC|RINGCENTRAL)_[A-Z][A-Z0-9_]*)",
    )
});

/// Signs that code serves users (web routes, request handling, browser code), with the code
/// languages each one is a sign in and the reason it gives. A file of another code language
/// does not compile or run it (a PHP file need not build the Flask or Go patterns, which was a
/// few milliseconds of a pre-commit run), and `@Component` in a Java file is a Spring bean, not
/// an Angular view. Shell, `.env` and data files are checked against every sign, as they may
/// hold a snippet of any of them.
static UI_SIGNALS: LazyLock<Vec<UiSignal>> = LazyLock::new(|| {
    const JS_OR_PHP: &[Lang] = &[Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Php, Lang::PhpOnly];
    const JAVA: &[Lang] = &[Lang::Java];
    const CSHARP: &[Lang] = &[Lang::CSharp];
    const KOTLIN: &[Lang] = &[Lang::Kotlin];
    const SWIFT: &[Lang] = &[Lang::Swift];
    const PYTHON: &[Lang] = &[Lang::Python];
    // `client`: the languages in which the sign means the code itself runs on the user's
    // device (a browser bundle, a mobile or desktop app), where a JWT would ship to every user.
    // A PHP page that prints `window.location` still logs in on the server.
    let sign =
        |langs, client, pattern, reason| UiSignal { langs, client, regex: LazyRegex::new(pattern), reason };
    vec![
        sign(
            PHP,
            &[],
            r"\$_(GET|POST|REQUEST|SERVER|SESSION|COOKIE)\b",
            "file reads PHP request globals ($_GET, $_SERVER, ...), so it serves web requests",
        ),
        sign(
            PHP,
            &[],
            r"\bRoute::(get|post|any|match)\b|\bRequest \$request\b|\bextends Controller\b",
            "file is a web controller or defines routes (Laravel)",
        ),
        sign(
            JS,
            &[],
            r"\bexpress\(\)|\b(app|router)\.(get|post|use|all)\(|\bfastify\b|\bkoa\b|\breq\.(query|body|params)\b|\bres\.(redirect|send|render)\(",
            "file defines HTTP routes or handles requests (express-style)",
        ),
        // PHP templates hold inline scripts.
        sign(
            JS_OR_PHP,
            JS,
            r"\bwindow\.|\bdocument\.|\blocalStorage\b|\bReact\b|\buseState\b|\bfrom ['\x22]vue['\x22]|@Component\b",
            "file runs in the browser or renders UI",
        ),
        sign(&Lang::ALL, JS, r"(?i)<html|<form\b|<body\b", "file renders HTML"),
        sign(
            PYTHON,
            &[],
            r"@(app|bp|blueprint|router)\.(route|get|post)\(|\bfrom\s+(flask|django|fastapi|starlette)\b|\brequest\.(args|form|GET|POST)\b",
            "file defines web routes or reads requests (Flask, Django, FastAPI)",
        ),
        sign(
            JAVA,
            &[],
            r"@(Rest)?Controller\b|@(Get|Post|Request)Mapping\b|\bHttpServletRequest\b",
            "file is a web controller",
        ),
        sign(
            JAVA,
            JAVA,
            r"\bextends\s+(AppCompat)?Activity\b|\bimport\s+androidx?\.",
            "file is an Android activity",
        ),
        sign(
            KOTLIN,
            KOTLIN,
            r"\bimport\s+androidx?\.|:\s*(AppCompat|Component|Fragment)?Activity\(\)|@Composable\b",
            "file is Android app code (activity, Compose UI)",
        ),
        sign(
            SWIFT,
            SWIFT,
            r"\bimport\s+(UIKit|SwiftUI|AppKit|WatchKit)\b",
            "file is iOS or macOS app code (UIKit, SwiftUI, AppKit)",
        ),
        sign(
            PYTHON,
            PYTHON,
            r"(?m)^\s*(import|from)\s+(tkinter|Tkinter|PyQt[456]|PySide[26]?|wx|kivy|toga)\b",
            "file is a desktop UI (tkinter, Qt, wxPython, Kivy, Toga) that runs on each user's machine",
        ),
        sign(
            CSHARP,
            &[],
            r":\s*(Controller|ControllerBase|PageModel)\b|\[Http(Get|Post)\b|\bIActionResult\b|\bMicrosoft\.AspNetCore\b",
            "file is an ASP.NET controller",
        ),
        sign(
            CSHARP,
            CSHARP,
            r"\bSystem\.Windows\b|\bXamarin\b|\bAndroid\.App\b|\bUIKit\b",
            "file is a desktop or mobile UI",
        ),
        sign(
            &[Lang::Ruby],
            &[],
            r"<\s*(ApplicationController|ActionController::Base)\b|\bSinatra\b|\bredirect_to\b|\bparams\[:",
            "file is a Rails controller or a Sinatra app",
        ),
        sign(
            &[Lang::Go],
            &[],
            r"\bhttp\.(HandleFunc|ResponseWriter)\b|\bgin\.Context\b|\becho\.Context\b|\bmux\.NewRouter\b",
            "file serves HTTP requests (net/http, gin, echo)",
        ),
    ]
});

/// One sign of a user interface (see [`UI_SIGNALS`]).
struct UiSignal {
    /// Code languages in which the sign counts.
    langs: &'static [Lang],
    /// Code languages in which the sign says the code runs on the user's device.
    client: &'static [Lang],
    regex: LazyRegex,
    reason: &'static str,
}

/// What is known about one file.
#[derive(Debug, Clone)]
pub struct FileContext {
    /// Why the file is RingCentral code, if it is (imports, hosts, names).
    pub rc_file: Option<String>,
    /// Why the file's project is a RingCentral project, if it is (manifest, `.env`).
    pub rc_project: Option<String>,
    /// Why the code next to a configuration file is RingCentral code, when nothing else says
    /// so ([`crate::project::sibling_code_reason`]); read by the configuration check only.
    pub rc_neighbours: Option<String>,
    /// The SDK the file imports, if recognised.
    pub sdk: Option<SdkFamily>,
    /// The replacement flow the file's nature suggests (routes, request handling, UI). A finding
    /// decides from where its credentials come first (`checks::provenance`); this is what it
    /// falls back to when that is unknown.
    pub recommendation: Recommendation,
    /// Why the code runs on the user's device (a browser bundle, a mobile or desktop app), if it
    /// does: no JWT may be written there, whatever the credentials are.
    pub client_ui: Option<String>,
    /// The RingCentral SDK versions that the nearest project's lock files (or exact pins) fix.
    pub sdk_locks: Vec<LockedSdk>,
}

impl FileContext {
    /// Reads the evidence from a file's text and path.
    #[must_use]
    pub fn new(src: &str, path: &Path, lang: Lang, rc_project: Option<String>) -> FileContext {
        let sdk = SDK_PATTERNS
            .iter()
            .find(|p| p.langs.contains(&lang) && p.regex.get().is_match(src))
            .map(|p| p.family);
        let rc_file = match sdk {
            Some(f) => Some(format!("the file uses {}", f.package())),
            None => RC_SIGNALS.find(src).map(|m| format!("the file mentions `{}`", m.as_str())),
        };
        FileContext {
            rc_file,
            rc_project,
            rc_neighbours: None,
            sdk,
            recommendation: recommend(src, path, lang),
            client_ui: client_ui(src, path, lang),
            sdk_locks: Vec::new(),
        }
    }

    /// The locked SDK of this file's registry that is older than its first JWT login, with
    /// that version: `family` (an [`SdkFamily::key`]) narrows it to the finding's SDK.
    #[must_use]
    pub fn locked_before_jwt(&self, lang: Lang, family: Option<&str>) -> Option<(&LockedSdk, &'static str)> {
        use crate::project::manifest::{Ecosystem, Version, lookup};
        let ecosystem = match lang {
            Lang::Php | Lang::PhpOnly => Ecosystem::Composer,
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => Ecosystem::Npm,
            Lang::Python => Ecosystem::PyPi,
            Lang::Java => Ecosystem::Maven,
            Lang::CSharp => Ecosystem::NuGet,
            Lang::Ruby => Ecosystem::RubyGems,
            Lang::Go => Ecosystem::Go,
            _ => return None,
        };
        let package = family.and_then(|f| match f {
            "js-sdk" => Some("@ringcentral/sdk"),
            "rc-ex" => Some("@rc-ex/core"),
            "js-engage-voice" => Some("ringcentral-engage-voice-client"),
            // The Python client passes `jwt` to the `ringcentral` package it depends on.
            "python-engage-voice" => Some("ringcentral"),
            "php-sdk" => Some("ringcentral/ringcentral-php"),
            "python-sdk" => Some("ringcentral"),
            "java-sdk" => Some("com.ringcentral:ringcentral"),
            "dotnet" => Some("RingCentral.Net"),
            "ruby-sdk" => Some("ringcentral-sdk"),
            _ => None,
        });
        self.sdk_locks.iter().filter(|l| l.ecosystem == ecosystem).find_map(|l| {
            let spec = lookup(ecosystem, &l.package)?;
            if package.is_some_and(|p| p != spec.name) {
                return None;
            }
            let min = spec.min_jwt?;
            // An exact pin keeps its operator (`requirements.txt`: `ringcentral==0.7.11`).
            let locked = l.version.trim_start_matches(['=', ' ']);
            (Version::parse(locked)? < Version::parse(min)?).then_some((l, min))
        })
    }

    /// The file's project is a mobile (or desktop) app of its language's platform (`reason`):
    /// unless the file says so itself already, or imports a server framework (a Ktor route,
    /// a Vapor target), its code runs on each user's device, so the authorization-code flow
    /// and no JWT.
    pub fn run_on_device_by_project(&mut self, reason: &str, src: &str, lang: Lang) {
        if self.client_ui.is_some()
            || crate::project::device::Platform::of(lang).is_none()
            || crate::project::device::imports_server_framework(src)
        {
            return;
        }
        let why = format!(
            "the file is part of a mobile or desktop app ({reason}), so it runs on each user's device"
        );
        self.recommendation = Recommendation { flow: Flow::Oauth, reason: why.clone(), origin: None };
        self.client_ui = Some(why);
    }

    /// Why this is RingCentral code (file evidence first), if it is.
    #[must_use]
    pub fn rc_reason(&self) -> Option<&str> {
        self.rc_file.as_deref().or(self.rc_project.as_deref())
    }
}

/// Why a file's code runs on the user's device, if it does (see [`UiSignal::client`]).
fn client_ui(src: &str, path: &Path, lang: Lang) -> Option<String> {
    if is_component(path, lang) {
        return Some("the file is a JSX/TSX component, so it runs in the browser".to_owned());
    }
    UI_SIGNALS
        .iter()
        .find(|s| s.client.contains(&lang) && s.regex.get().is_match(src))
        .map(|s| s.reason.to_owned())
}

fn is_component(path: &Path, lang: Lang) -> bool {
    lang == Lang::Tsx || path.extension().is_some_and(|e| e == "jsx")
}

fn recommend(src: &str, path: &Path, lang: Lang) -> Recommendation {
    if is_component(path, lang) {
        return Recommendation {
            flow: Flow::Oauth,
            reason: "the file is a JSX/TSX component, so it serves users in a browser".to_owned(),
            origin: None,
        };
    }
    let code = lang.is_code();
    for signal in UI_SIGNALS.iter() {
        if (!code || signal.langs.contains(&lang)) && signal.regex.get().is_match(src) {
            return Recommendation { flow: Flow::Oauth, reason: signal.reason.to_owned(), origin: None };
        }
    }
    Recommendation {
        flow: Flow::Jwt,
        reason: "no user interface found in the file (no routes, request handling or browser \
                 code): a script, job or service"
            .to_owned(),
        origin: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lazily_compiled_pattern_is_valid() {
        for p in SDK_PATTERNS.iter() {
            assert!(!p.regex.get().as_str().is_empty());
        }
        for signal in UI_SIGNALS.iter() {
            assert!(!signal.regex.get().as_str().is_empty());
        }
    }

    #[test]
    fn ui_signals_count_in_their_languages() {
        let flow = |src: &str, file: &str, lang| recommend(src, Path::new(file), lang).flow;
        let angular = "@Component({ selector: 'app-login' })\nexport class Login {}";
        assert_eq!(flow(angular, "login.ts", Lang::TypeScript), Flow::Oauth);
        let spring = "@Component\npublic class TokenJob { void run() {} }";
        assert_eq!(flow(spring, "TokenJob.java", Lang::Java), Flow::Jwt);
        let inline = "<?php $x = 1; ?><script>window.location = '/';</script>";
        assert_eq!(flow(inline, "page.php", Lang::Php), Flow::Oauth);
        assert_eq!(flow("<form method=post>", "Login.cs", Lang::CSharp), Flow::Oauth);
        assert_eq!(flow("from flask import Flask", "app.py", Lang::Python), Flow::Oauth);
        assert_eq!(flow("from flask import Flask", "app.rb", Lang::Ruby), Flow::Jwt);
        // Shell and data files may quote any language: every sign counts there.
        assert_eq!(flow("script: \"res.redirect('/')\"", "ci.yml", Lang::Yaml), Flow::Oauth);
    }

    #[test]
    fn rc_signals_are_word_bounded() {
        let ctx = |s: &str| FileContext::new(s, Path::new("a.js"), Lang::JavaScript, None).rc_file;
        assert!(ctx("const u = process.env.RC_USERNAME;").is_some());
        assert!(ctx("const u = process.env.IRC_USERNAME;").is_none());
        assert!(ctx("const u = process.env.DRONE_NETRC_USERNAME;").is_none());
        assert!(ctx("fetch('https://platform.ringcentral.com/restapi/oauth/token')").is_some());
        assert!(ctx("import { SDK } from '@ringcentral/sdk';").is_some());
    }

    #[test]
    fn sdk_families() {
        let sdk = |s: &str, lang| FileContext::new(s, Path::new("a"), lang, None).sdk;
        let js = |s: &str| sdk(s, Lang::JavaScript);
        assert_eq!(js("import RingCentral from '@rc-ex/core'"), Some(SdkFamily::RcEx));
        assert_eq!(js("var SDK = require('ringcentral');"), Some(SdkFamily::JsLegacy));
        assert_eq!(js("const {SDK} = require('@ringcentral/sdk')"), Some(SdkFamily::JsSdk));
        assert_eq!(sdk("use RingCentral\\SDK\\SDK;", Lang::Php), Some(SdkFamily::PhpSdk));
        // A pattern only speaks for its own languages.
        assert_eq!(sdk("use RingCentral\\SDK\\SDK;", Lang::JavaScript), None);
        assert_eq!(sdk("from ringcentral import SDK", Lang::Python), Some(SdkFamily::PySdk));
        assert_eq!(sdk("from rcsdk import RCSDK", Lang::Python), Some(SdkFamily::PyLegacy));
        assert_eq!(sdk("import com.ringcentral.RestClient;", Lang::Java), Some(SdkFamily::JavaSdk));
        assert_eq!(sdk("using RingCentral;", Lang::CSharp), Some(SdkFamily::DotNet));
        assert_eq!(sdk("using RingCentral.SDK;", Lang::CSharp), Some(SdkFamily::DotNetLegacy));
        assert_eq!(sdk("require 'ringcentral'", Lang::Ruby), Some(SdkFamily::RubySdk));
        assert_eq!(sdk("require 'ringcentral_sdk'", Lang::Ruby), Some(SdkFamily::RubyGrokify));
        assert_eq!(
            sdk("import ro \"github.com/grokify/goauth/ringcentral\"", Lang::Go),
            Some(SdkFamily::GoGoauth)
        );
    }

    #[test]
    fn flow_follows_ui_evidence() {
        let flow = |s: &str, p: &str, l| recommend(s, Path::new(p), l).flow;
        assert_eq!(flow("$x = $_GET['code'];", "a.php", Lang::Php), Flow::Oauth);
        assert_eq!(flow("app.get('/cb', (req, res) => {})", "a.js", Lang::JavaScript), Flow::Oauth);
        assert_eq!(flow("cron();", "job.js", Lang::JavaScript), Flow::Jwt);
        assert_eq!(flow("x", "a.tsx", Lang::Tsx), Flow::Oauth);
    }
}

//! Evidence about a file and its project: is this RingCentral code, which SDK, and does the code
//! serve users (so the authorization-code flow fits) or run unattended (so the JWT flow fits)?

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Flow, Recommendation};
use crate::lang::Lang;

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
            SdkFamily::PhpSdk => "php-sdk",
            SdkFamily::PhpLegacy => "php-legacy",
            SdkFamily::PhpLite => "php-lite",
            SdkFamily::PySdk => "python-sdk",
            SdkFamily::PyLegacy => "python-legacy",
            SdkFamily::PyClient => "python-client",
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
            SdkFamily::PhpSdk => "ringcentral/ringcentral-php",
            SdkFamily::PhpLegacy => "ringcentral/php-sdk 0.x",
            SdkFamily::PhpLite => "ringcentral-sdk-php-lite",
            SdkFamily::PySdk => "ringcentral (PyPI)",
            SdkFamily::PyLegacy => "rcsdk / ringcentral 0.1-0.5 (PyPI)",
            SdkFamily::PyClient => "ringcentral_client (PyPI)",
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
            &[Lang::Python],
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
            r"\bextends\s+(AppCompat)?Activity\b|\bimport\s+android\.",
            "file is an Android activity",
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
    /// so ([`sibling_code_reason`]); read by the configuration check only.
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

/// A RingCentral SDK version that a lock file (or an exact pin) of the file's project fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedSdk {
    /// The lock file's name (`composer.lock`).
    pub file: String,
    /// Registry and package name as the catalogue spells it.
    pub ecosystem: crate::audit::manifest::Ecosystem,
    /// Package name.
    pub package: String,
    /// The locked version.
    pub version: String,
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
        use crate::audit::manifest::{Ecosystem, Version, lookup};
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
            (Version::parse(&l.version)? < Version::parse(min)?).then_some((l, min))
        })
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
        };
    }
    let code = lang.is_code();
    for signal in UI_SIGNALS.iter() {
        if (!code || signal.langs.contains(&lang)) && signal.regex.get().is_match(src) {
            return Recommendation { flow: Flow::Oauth, reason: signal.reason.to_owned() };
        }
    }
    Recommendation {
        flow: Flow::Jwt,
        reason: "no user interface found in the file (no routes, request handling or browser \
                 code): a script, job or service"
            .to_owned(),
    }
}

/// Manifest, lock and `.env` file names whose content marks a RingCentral project (every
/// ecosystem `audit::manifest` reads: Composer, npm, PyPI, Maven, NuGet, RubyGems, Go).
#[must_use]
pub fn is_project_marker(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    crate::audit::manifest::is_manifest(name) || is_env_file_name(name)
}

/// Why the code next to a configuration file makes it RingCentral configuration: a code file in
/// the same directory that names RingCentral (an env template sits next to the script that
/// reads it, often with no manifest around them). Reads at most 64 code files of at most
/// 512 KiB each, and only for configuration files that hold a candidate setting.
#[must_use]
pub fn sibling_code_reason(path: &Path) -> Option<String> {
    const MAX_FILES: usize = 64;
    const MAX_SIZE: u64 = 512 * 1024;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let finder = memchr::memmem::Finder::new(b"ringcentral");
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| Lang::from_path(p).is_some_and(Lang::is_code))
        .collect();
    entries.sort();
    entries.truncate(MAX_FILES);
    entries.into_iter().find_map(|p| {
        let file = std::fs::File::open(&p).ok()?;
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_SIZE), &mut text).ok()?;
        text.make_ascii_lowercase();
        finder.find(&text)?;
        Some(format!("`{}` next to it uses RingCentral", p.file_name()?.to_string_lossy()))
    })
}

/// `.env`, `.env.example`, `.env.local`, `.envrc`, `dotenv-*`, `env_example`, `*.env`; not code
/// files that happen to start that way (`dotenv.js`, `.env.d.ts`).
#[must_use]
pub fn is_env_file_name(name: &str) -> bool {
    let code = Path::new(name).extension().and_then(|e| e.to_str()).is_some_and(|e| {
        let e = e.to_ascii_lowercase();
        e != "env" && Lang::ALL.iter().any(|l| l.spec().extensions.contains(&e.as_str()))
    });
    !code
        && (name == ".env"
            || name == ".envrc"
            || name.starts_with(".env.")
            || name.starts_with(".env-")
            || name.starts_with(".env_")
            || name.starts_with("dotenv")
            || name == "env_example"
            || name == "env.example"
            || name == "env.sample"
            || (name.ends_with(".env") && name.len() > 4))
}

static ENV_RC: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^\s*(?:export\s+)?((?:RC|RINGCENTRAL)_[A-Z0-9_]+)\s*="));

/// What a project marker file says, if it marks RingCentral.
fn marker_reason(path: &Path, text: &str) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    if crate::audit::manifest::is_manifest(name) {
        return manifest_reason(path, &crate::audit::manifest::parse(name, text));
    }
    let m = ENV_RC.captures(text)?;
    Some(format!("{} sets {}", path.display(), &m[1]))
}

/// What a manifest's RingCentral dependencies say. Only dependencies count: a package's own
/// manifest (`"name": "@ringcentral/sdk"`) is the SDK itself, not an app using it.
fn manifest_reason(path: &Path, deps: &[crate::audit::manifest::Dependency]) -> Option<String> {
    let dep = deps.first()?;
    Some(format!("{} depends on {}", path.display(), dep.package))
}

/// Directories that are RingCentral projects, with the reason. A file belongs to the nearest
/// directory above it that has a manifest (`package.json`, `composer.json`): a package inside
/// a RingCentral monorepo or under `node_modules/` is judged by its own manifest, not the
/// root's. A `.env` naming RingCentral marks its directory too.
#[derive(Debug, Default, Clone)]
pub struct ProjectContext {
    /// Directory → why it is RingCentral code (`None`: a package that is not).
    marked: BTreeMap<PathBuf, Option<String>>,
    /// Directory → the RingCentral SDK versions its lock files (or exact pins) fix, read from
    /// the same files as `marked` (no file is read twice).
    locks: BTreeMap<PathBuf, Vec<LockedSdk>>,
}

impl ProjectContext {
    /// Reads the given marker files (unreadable ones are ignored: they only add evidence).
    #[must_use]
    pub fn from_markers<'a>(markers: impl IntoIterator<Item = &'a Path>) -> ProjectContext {
        let mut marked: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
        let mut locks: BTreeMap<PathBuf, Vec<LockedSdk>> = BTreeMap::new();
        for path in markers {
            let Some(dir) = path.parent() else { continue };
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let is_manifest = crate::audit::manifest::is_manifest(name);
            // Regular and bounded: a FIFO named `package.json` must not block the scan.
            let Ok(text) = crate::bounded::read_text(path, crate::bounded::MAX_MARKER) else {
                if is_manifest {
                    marked.entry(dir.to_path_buf()).or_insert(None);
                }
                continue;
            };
            let reason = if is_manifest {
                let deps = crate::audit::manifest::parse(name, &text);
                let locked = deps.iter().filter(|d| d.locked).filter_map(|d| {
                    Some(LockedSdk {
                        file: name.to_owned(),
                        ecosystem: d.ecosystem,
                        package: d.package.clone(),
                        version: d.version.clone()?,
                    })
                });
                let entry = locks.entry(dir.to_path_buf()).or_default();
                for lock in locked {
                    if !entry.iter().any(|l| l.ecosystem == lock.ecosystem && l.package == lock.package) {
                        entry.push(lock);
                    }
                }
                manifest_reason(path, &deps)
            } else {
                marker_reason(path, &text)
            };
            match reason {
                Some(reason) => {
                    let slot = marked.entry(dir.to_path_buf()).or_insert(None);
                    if slot.is_none() {
                        *slot = Some(reason);
                    }
                }
                None if is_manifest => {
                    marked.entry(dir.to_path_buf()).or_insert(None);
                }
                None => {}
            }
        }
        locks.retain(|_, l| !l.is_empty());
        ProjectContext { marked, locks }
    }

    /// The RingCentral SDK versions locked for `file`: for each registry, those of the nearest
    /// directory above it whose lock files name one (a package under `node_modules/` is its own
    /// project). Only directories the walk already read are looked up: no file is read here.
    #[must_use]
    pub fn locks_for(&self, file: &Path) -> Vec<LockedSdk> {
        if self.locks.is_empty() {
            return Vec::new();
        }
        let find = |path: &Path| {
            let mut out: Vec<LockedSdk> = Vec::new();
            let mut dir = path.parent();
            while let Some(d) = dir {
                for lock in self.locks.get(d).into_iter().flatten() {
                    if !out.iter().any(|o| o.ecosystem == lock.ecosystem) {
                        out.push(lock.clone());
                    }
                }
                if d.file_name().is_some_and(|n| crate::walk::VENDORED_DIRS.iter().any(|v| n == *v)) {
                    break;
                }
                dir = d.parent();
            }
            out
        };
        let found = find(file);
        if found.is_empty() { file.canonicalize().map(|abs| find(&abs)).unwrap_or_default() } else { found }
    }

    /// Marker files in the directories above the given paths (a scan of `src/` still sees
    /// `../package.json`), up to each repository root or the file-system root. Each directory is
    /// listed once, and files named on the command line mostly share their directories, which
    /// are resolved once each: a pre-commit run outside a repository probed some 25 directories
    /// up to `/` with a stat per marker name (530 system calls, 2.5 ms).
    #[must_use]
    pub fn ancestor_markers<P: AsRef<Path>>(paths: &[P]) -> Vec<PathBuf> {
        let mut resolved: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
        let mut visited = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for path in paths {
            let path = path.as_ref();
            let Ok(meta) = std::fs::symlink_metadata(path) else { continue };
            let start = if meta.is_file() {
                let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                resolved.entry(parent.to_path_buf()).or_insert_with(|| parent.canonicalize().ok()).clone()
            } else {
                // A directory, or a symbolic link (whose target's directory is the one that counts).
                path.canonicalize().ok().and_then(|abs| {
                    if abs.is_dir() { Some(abs) } else { abs.parent().map(Path::to_path_buf) }
                })
            };
            let mut dir = start.as_deref();
            while let Some(d) = dir {
                if !visited.insert(d.to_path_buf()) {
                    break;
                }
                let (markers, repository_root) = probe_markers(d);
                out.extend(markers);
                if repository_root {
                    break;
                }
                dir = d.parent();
            }
        }
        out
    }

    /// Why the project holding `file` is a RingCentral project, if it is.
    #[must_use]
    pub fn reason_for(&self, file: &Path) -> Option<String> {
        // The path as given first; the resolved one (a system call per component) only when
        // that finds no marked directory.
        let found = |path: &Path| {
            let mut dir = path.parent();
            while let Some(d) = dir {
                if let Some(entry) = self.marked.get(d) {
                    return Some(entry);
                }
                // Third-party trees are their own projects, whatever the app around them uses.
                if d.file_name().is_some_and(|n| crate::walk::VENDORED_DIRS.iter().any(|v| n == *v)) {
                    break;
                }
                dir = d.parent();
            }
            None
        };
        if self.marked.is_empty() {
            return None;
        }
        let entry = found(file).or_else(|| file.canonicalize().ok().and_then(|abs| found(&abs)))?;
        entry.as_ref().map(|r| format!("the project is RingCentral code: {r}"))
    }

    /// Whether any directory is marked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.marked.is_empty()
    }
}

/// Files whose presence in a directory above the scanned paths can mark the project.
const ANCESTOR_MARKERS: &[&str] = &[
    "composer.json",
    "package.json",
    ".env",
    ".env.example",
    ".env.sample",
    ".env.local",
    ".env.template",
    ".env.tmpl",
    ".env.dist",
    "requirements.txt",
    "pom.xml",
    "go.mod",
    "Gemfile.lock",
    // Lock files: what `check` tells about an SDK older than its JWT login.
    "composer.lock",
    "package-lock.json",
    "yarn.lock",
];

/// The marker files in `dir` (in [`ANCESTOR_MARKERS`] order), and whether it holds `.git`.
fn probe_markers(dir: &Path) -> (Vec<PathBuf>, bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // Searchable but not listable: ask for each name.
        let markers = ANCESTOR_MARKERS.iter().map(|n| dir.join(n)).filter(|p| p.is_file()).collect();
        return (markers, dir.join(".git").exists());
    };
    let mut found: Vec<(usize, PathBuf)> = Vec::new();
    let mut repository_root = false;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name == ".git" {
            repository_root = true;
        } else if let Some(rank) = ANCESTOR_MARKERS.iter().position(|n| name == *n) {
            let path = entry.path();
            // Regular files as listed; a symbolic link counts if it leads to one.
            if entry.file_type().is_ok_and(|t| t.is_file()) || path.is_file() {
                found.push((rank, path));
            }
        }
    }
    found.sort();
    (found.into_iter().map(|(_, path)| path).collect(), repository_root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn ancestor_markers_stop_at_the_repository_root() {
        let tmp = tempfile::TempDir::new().expect("tempdir");
        let outer = tmp.path().canonicalize().expect("canonical");
        let repo = outer.join("repo");
        for dir in [".git", "src/a", "src/b/go.mod"] {
            std::fs::create_dir_all(repo.join(dir)).expect("mkdir");
        }
        for file in ["src/a/x.php", "src/b/y.php", "src/package.json", ".env", "composer.json"] {
            std::fs::write(repo.join(file), "{}").expect("write");
        }
        std::fs::write(outer.join("package.json"), "{}").expect("write");
        std::os::unix::fs::symlink("../../.env", repo.join("src/a/.env.local")).expect("symlink");
        let paths = [repo.join("src/a/x.php"), repo.join("src/b/y.php"), repo.join("src")];
        assert_eq!(
            ProjectContext::ancestor_markers(&paths),
            [
                repo.join("src/a/.env.local"),
                repo.join("src/package.json"),
                repo.join("composer.json"),
                repo.join(".env"),
            ],
            "above .git is outside the project; a directory named go.mod is no marker"
        );
    }

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

    #[test]
    fn the_nearest_manifest_decides() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::write(d.join("package.json"), r#"{"devDependencies": {"@ringcentral/sdk": "5"}}"#)
            .expect("write");
        std::fs::create_dir_all(d.join("packages/idp/src")).expect("mkdir");
        std::fs::write(d.join("packages/idp/package.json"), r#"{"dependencies": {"axios": "1"}}"#)
            .expect("write");
        std::fs::create_dir_all(d.join("src")).expect("mkdir");
        std::fs::create_dir_all(d.join("node_modules/kc/lib")).expect("mkdir");
        let markers = [d.join("package.json"), d.join("packages/idp/package.json")];
        let ctx = ProjectContext::from_markers(markers.iter().map(PathBuf::as_path));
        assert!(ctx.reason_for(&d.join("src/a.js")).is_some());
        assert!(ctx.reason_for(&d.join("packages/idp/src/token.js")).is_none());
        assert!(ctx.reason_for(&d.join("node_modules/kc/lib/x.js")).is_none());
    }

    #[test]
    fn manifests_mark_projects_but_not_the_sdk_itself() {
        let r = marker_reason(Path::new("p/package.json"), r#"{"dependencies": {"@ringcentral/sdk": "^5"}}"#);
        assert!(r.is_some());
        let r = marker_reason(Path::new("p/package.json"), r#"{"name": "@ringcentral/sdk", "version": "5"}"#);
        assert!(r.is_none());
        assert!(marker_reason(Path::new(".env"), "RC_PASSWORD=x\n").is_some());
        assert!(marker_reason(Path::new(".env"), "IRC_PASSWORD=x\n").is_none());
    }
}

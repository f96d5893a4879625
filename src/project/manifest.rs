//! RingCentral SDK versions from lock files and manifests, compared with the first version of
//! each SDK whose login accepts a JWT.
//!
//! JSON files (`composer.json`, `composer.lock`, `package.json`, `package-lock.json`) are read
//! with serde_json; the others line by line. Only RingCentral packages are kept, and only their
//! name and a version string made of version characters: a dependency fetched from a URL (which
//! may carry a token) is shown as "non-registry source", never as the URL.

use std::cmp::Ordering;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

/// A package registry (ecosystem) of a dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ecosystem {
    /// PHP (Composer / Packagist).
    Composer,
    /// JavaScript and TypeScript (npm, yarn).
    Npm,
    /// Python (pip).
    PyPi,
    /// Ruby (Bundler).
    RubyGems,
    /// Java (Maven).
    Maven,
    /// .NET (NuGet).
    NuGet,
    /// Go modules.
    Go,
}

impl Ecosystem {
    /// Display name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Composer => "Composer",
            Ecosystem::Npm => "npm",
            Ecosystem::PyPi => "PyPI",
            Ecosystem::RubyGems => "RubyGems",
            Ecosystem::Maven => "Maven",
            Ecosystem::NuGet => "NuGet",
            Ecosystem::Go => "Go",
        }
    }

    /// Whether pwflow scans the code of this ecosystem. Every ecosystem whose manifests are read
    /// is also scanned since the Python, Java, C#, Ruby and Go rules landed; an ecosystem added
    /// later for its manifests only answers `false`, and its applications are then marked for a
    /// review by hand.
    #[must_use]
    pub fn code_scanned(self) -> bool {
        match self {
            Ecosystem::Composer
            | Ecosystem::Npm
            | Ecosystem::PyPi
            | Ecosystem::RubyGems
            | Ecosystem::Maven
            | Ecosystem::NuGet
            | Ecosystem::Go => true,
        }
    }
}

/// What is known about one RingCentral SDK package.
#[derive(Debug, Clone, Copy)]
pub struct SdkSpec {
    /// Registry.
    pub ecosystem: Ecosystem,
    /// Package name as the registry spells it.
    pub name: &'static str,
    /// First version whose login accepts a JWT; `None` for legacy packages with no JWT login
    /// (and for packages whose support is not catalogued).
    pub min_jwt: Option<&'static str>,
    /// The minimum is an approximation.
    pub approx: bool,
    /// What to move to, for legacy packages.
    pub successor: Option<&'static str>,
}

const fn current(ecosystem: Ecosystem, name: &'static str, min: &'static str) -> SdkSpec {
    SdkSpec { ecosystem, name, min_jwt: Some(min), approx: false, successor: None }
}

const fn legacy(ecosystem: Ecosystem, name: &'static str, successor: &'static str) -> SdkSpec {
    SdkSpec { ecosystem, name, min_jwt: None, approx: false, successor: Some(successor) }
}

/// The catalogue of RingCentral SDK packages.
pub const SDKS: &[SdkSpec] = &[
    current(Ecosystem::Composer, "ringcentral/ringcentral-php", "2.3.0"),
    legacy(Ecosystem::Composer, "ringcentral/php-sdk", "ringcentral/ringcentral-php >= 2.3.0"),
    legacy(Ecosystem::Composer, "grokify/ringcentral-sdk-php-lite", "ringcentral/ringcentral-php >= 2.3.0"),
    current(Ecosystem::Npm, "@ringcentral/sdk", "4.7.0"),
    current(Ecosystem::Npm, "@rc-ex/core", "0.14.0"),
    legacy(Ecosystem::Npm, "@ringcentral-extensible/core", "@rc-ex/core >= 0.14.0 (renamed package)"),
    legacy(Ecosystem::Npm, "rcsdk", "@ringcentral/sdk >= 4.7.0"),
    legacy(Ecosystem::Npm, "ringcentral", "@ringcentral/sdk >= 4.7.0"),
    legacy(Ecosystem::Npm, "ringcentral-js-concise", "@ringcentral/sdk >= 4.7.0 or @rc-ex/core >= 0.14.0"),
    legacy(Ecosystem::Npm, "ringcentral-ts", "@ringcentral/sdk >= 4.7.0"),
    // The official Engage Voice client: `authorize({ jwt })` since 1.40.0 (addendum §1.1).
    current(Ecosystem::Npm, "ringcentral-engage-voice-client", "1.40.0"),
    // The Video client SDK logs in with its own `authorize({ grantType })`; which release added
    // `GrantType.JWT` is not catalogued (addendum §2.4), so it marks RingCentral code only.
    SdkSpec {
        ecosystem: Ecosystem::Npm,
        name: "@ringcentral/video-sdk",
        min_jwt: None,
        approx: false,
        successor: None,
    },
    current(Ecosystem::PyPi, "ringcentral", "0.7.12"),
    // Every release passes `authorize(jwt=...)` to `ringcentral`, which needs 0.7.12 (§1.2).
    current(Ecosystem::PyPi, "ringcentral_engage_voice", "0.1.0"),
    current(Ecosystem::RubyGems, "ringcentral-sdk", "0.9.4"),
    SdkSpec {
        ecosystem: Ecosystem::Maven,
        name: "com.ringcentral:ringcentral",
        min_jwt: Some("2.5.0"),
        approx: true,
        successor: None,
    },
    current(Ecosystem::NuGet, "RingCentral.Net", "5.10"),
    legacy(Ecosystem::NuGet, "RingCentral.Client", "RingCentral.Net >= 5.10"),
    legacy(Ecosystem::NuGet, "RingCentralSDK", "RingCentral.Net >= 5.10"),
];

/// The catalogue entry of a package (names compared as each registry does).
#[must_use]
pub fn lookup(ecosystem: Ecosystem, name: &str) -> Option<&'static SdkSpec> {
    let norm = |s: &str| match ecosystem {
        Ecosystem::PyPi => s.to_ascii_lowercase().replace('_', "-"),
        Ecosystem::NuGet | Ecosystem::Composer => s.to_ascii_lowercase(),
        _ => s.to_owned(),
    };
    let name = norm(name);
    SDKS.iter().find(|s| s.ecosystem == ecosystem && norm(s.name) == name)
}

/// A dotted numeric version (`v2.3.1-beta` is `[2, 3, 1]`); missing parts compare as zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version(pub Vec<u64>);

impl Version {
    /// Parses the leading numeric parts (`v` prefix allowed); `None` without a leading number.
    #[must_use]
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim().trim_start_matches(['v', 'V']);
        let mut parts = Vec::new();
        for part in s.split('.') {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                break;
            }
            parts.push(digits.parse().ok()?);
            if digits.len() != part.len() {
                break;
            }
        }
        (!parts.is_empty()).then_some(Version(parts))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.0.len().max(other.0.len());
        (0..n)
            .map(|i| self.0.get(i).unwrap_or(&0).cmp(other.0.get(i).unwrap_or(&0)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares two version strings; `None` when either is not a version.
#[must_use]
pub fn compare(a: &str, b: &str) -> Option<Ordering> {
    Some(Version::parse(a)?.cmp(&Version::parse(b)?))
}

/// The lowest version a requirement allows (`^4.5.0`, `~=0.7`, `>=2.0 <3`, `[5.10,)`,
/// `1.x || ^2.1`), or `None` when it sets no lower bound (`*`, `latest`, `<5`, `dev-master`).
#[must_use]
pub fn lower_bound(spec: &str) -> Option<Version> {
    spec.split("||")
        .map(|alt| {
            let alt = alt.trim().trim_start_matches(['[', '(']).trim();
            let alt = alt.split([',', ' ']).next().unwrap_or("");
            if alt.starts_with(['<', '!']) {
                return None;
            }
            let bare = alt.trim_start_matches(['=', '>', '^', '~', ' ']);
            Version::parse(bare)
        })
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .min()
}

/// One RingCentral dependency as a file declares it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Dependency {
    /// Registry.
    pub ecosystem: Ecosystem,
    /// Package name.
    pub package: String,
    /// Exact version (lock files) or requirement (manifests), when it is made of version
    /// characters; `None` for URL, path or git sources and unresolved properties.
    pub version: Option<String>,
    /// Read from a lock file: `version` is what is installed.
    pub locked: bool,
}

/// Whether a file name is a manifest or lock file this module reads.
#[must_use]
pub fn is_manifest(name: &str) -> bool {
    matches!(
        name,
        "composer.lock"
            | "composer.json"
            | "package-lock.json"
            | "npm-shrinkwrap.json"
            | "yarn.lock"
            | "package.json"
            | "Gemfile.lock"
            | "pom.xml"
            | "go.mod"
            | "go.sum"
            | "poetry.lock"
            | "Pipfile.lock"
            | "pnpm-lock.yaml"
            | "build.gradle"
            | "build.gradle.kts"
    ) || name.ends_with(".csproj")
        || (name.starts_with("requirements") && name.ends_with(".txt"))
}

/// Whether a file of this name makes its directory an application: a manifest of any
/// ecosystem, whether or not this module reads its dependencies.
#[must_use]
pub fn is_app_manifest(name: &str) -> bool {
    is_manifest(name) && !is_lock(name)
        || matches!(
            name,
            "pyproject.toml" | "setup.py" | "Pipfile" | "Gemfile" | "build.gradle" | "build.gradle.kts"
        )
}

/// Whether a manifest of this name is a lock file (exact versions).
#[must_use]
pub fn is_lock(name: &str) -> bool {
    matches!(
        name,
        "composer.lock"
            | "package-lock.json"
            | "npm-shrinkwrap.json"
            | "yarn.lock"
            | "Gemfile.lock"
            | "go.sum"
            | "poetry.lock"
            | "Pipfile.lock"
            | "pnpm-lock.yaml"
    )
}

static VERSION_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9.^~<>=!*,|+_ \[\]()-]{1,60}$").expect("valid regex"));

/// A version string safe to show: version characters only, no URL, path or credential.
fn clean_version(s: &str) -> Option<String> {
    let s = s.trim();
    (VERSION_TEXT.is_match(s)
        && !s.contains("://")
        && Version::parse(s.trim_start_matches(|c: char| !c.is_ascii_digit())).is_some()
        || matches!(s, "*" | "latest" | "x"))
    .then(|| s.to_owned())
}

fn dep(ecosystem: Ecosystem, package: &str, version: Option<&str>, locked: bool) -> Option<Dependency> {
    let is_rc = lookup(ecosystem, package).is_some()
        || (ecosystem == Ecosystem::Go && package.to_ascii_lowercase().contains("ringcentral"));
    is_rc.then(|| Dependency {
        ecosystem,
        package: lookup(ecosystem, package).map_or(package, |s| s.name).to_owned(),
        version: version.and_then(clean_version),
        locked,
    })
}

/// The RingCentral dependencies a manifest or lock file declares. Unparseable files give none.
#[must_use]
pub fn parse(file_name: &str, text: &str) -> Vec<Dependency> {
    let mut out = match file_name {
        "composer.lock" => composer_lock(text),
        "composer.json" => json_maps(text, Ecosystem::Composer, &["require", "require-dev"]),
        "package.json" => json_maps(
            text,
            Ecosystem::Npm,
            &["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"],
        ),
        "package-lock.json" | "npm-shrinkwrap.json" => package_lock(text),
        "yarn.lock" => yarn_lock(text),
        "Gemfile.lock" => gemfile_lock(text),
        "pom.xml" => pom(text),
        "go.mod" => go_mod(text),
        "go.sum" => go_sum(text),
        "poetry.lock" => poetry_lock(text),
        "Pipfile.lock" => pipfile_lock(text),
        "pnpm-lock.yaml" => pnpm_lock(text),
        "build.gradle" | "build.gradle.kts" => gradle(text),
        n if n.ends_with(".csproj") => csproj(text),
        n if n.starts_with("requirements") && n.ends_with(".txt") => requirements(text),
        _ => Vec::new(),
    };
    let mut seen = Vec::new();
    out.retain(|d| {
        let key = (d.package.clone(), d.version.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    out
}

fn composer_lock(text: &str) -> Vec<Dependency> {
    let Ok(doc) = serde_json::from_str::<Value>(text) else { return Vec::new() };
    ["packages", "packages-dev"]
        .iter()
        .filter_map(|k| doc.get(k)?.as_array())
        .flatten()
        .filter_map(|p| {
            dep(Ecosystem::Composer, p.get("name")?.as_str()?, p.get("version").and_then(Value::as_str), true)
        })
        .collect()
}

fn json_maps(text: &str, ecosystem: Ecosystem, keys: &[&str]) -> Vec<Dependency> {
    let Ok(doc) = serde_json::from_str::<Value>(text) else { return Vec::new() };
    keys.iter()
        .filter_map(|k| doc.get(k)?.as_object())
        .flatten()
        .filter_map(|(name, v)| dep(ecosystem, name, v.as_str(), false))
        .collect()
}

fn package_lock(text: &str) -> Vec<Dependency> {
    let Ok(doc) = serde_json::from_str::<Value>(text) else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(packages) = doc.get("packages").and_then(Value::as_object) {
        // lockfileVersion 2 and 3: "node_modules/a/node_modules/@scope/b": { "version": ... }
        for (key, v) in packages {
            let Some((_, name)) = key.rsplit_once("node_modules/") else { continue };
            out.extend(dep(Ecosystem::Npm, name, v.get("version").and_then(Value::as_str), true));
        }
        return out;
    }
    // lockfileVersion 1: nested "dependencies" maps.
    let mut stack: Vec<&Value> = doc.get("dependencies").into_iter().collect();
    while let Some(map) = stack.pop() {
        let Some(map) = map.as_object() else { continue };
        for (name, v) in map {
            out.extend(dep(Ecosystem::Npm, name, v.get("version").and_then(Value::as_str), true));
            stack.extend(v.get("dependencies"));
        }
    }
    out
}

/// yarn v1 (`"@scope/a@^1", a@^1.2:` then `  version "1.2.3"`) and berry
/// (`"a@npm:^1.2":` then `  version: 1.2.3`).
fn yarn_lock(text: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.starts_with('#') && line.trim_end().ends_with(':') {
            let first = line.trim_end().trim_end_matches(':').split(',').next().unwrap_or("");
            let first = first.trim().trim_matches('"');
            // The name ends at the `@` that starts the range (a scope's `@` is at index 0).
            current = first.get(1..).and_then(|rest| rest.find('@')).map(|i| first[..=i].to_owned());
        } else if let Some(name) = &current {
            let t = line.trim();
            if let Some(v) = t.strip_prefix("version") {
                let v = v.trim_start_matches(':').trim().trim_matches('"');
                out.extend(dep(Ecosystem::Npm, name, Some(v), true));
                current = None;
            }
        }
    }
    out
}

/// `    name (1.2.3)` entries (four spaces) under a `specs:` section.
fn gemfile_lock(text: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("    ") else { continue };
        if rest.starts_with(' ') {
            continue;
        }
        let Some((name, version)) = rest.split_once(" (") else { continue };
        out.extend(dep(Ecosystem::RubyGems, name.trim(), Some(version.trim_end_matches(')')), true));
    }
    out
}

static XML_ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<([A-Za-z][A-Za-z0-9_.-]*)>\s*([^<]*?)\s*</([A-Za-z][A-Za-z0-9_.-]*)>").expect("valid regex")
});

/// `<dependency>` blocks (groupId, artifactId, version), with `${property}` versions resolved
/// from the file's `<properties>`.
fn pom(text: &str) -> Vec<Dependency> {
    let elements: Vec<(String, String)> = XML_ELEMENT
        .captures_iter(text)
        .filter(|c| c[1] == c[3])
        .map(|c| (c[1].to_owned(), c[2].to_owned()))
        .collect();
    let property = |name: &str| elements.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let mut out = Vec::new();
    for block in text.split("<dependency>").skip(1) {
        let block = block.split("</dependency>").next().unwrap_or("");
        let field = |name: &str| {
            XML_ELEMENT.captures_iter(block).find(|c| &c[1] == name && &c[3] == name).map(|c| c[2].to_owned())
        };
        let (Some(group), Some(artifact)) = (field("groupId"), field("artifactId")) else { continue };
        let version =
            field("version").and_then(|v| match v.strip_prefix("${").and_then(|p| p.strip_suffix('}')) {
                Some(prop) => property(prop),
                None => Some(v),
            });
        out.extend(dep(Ecosystem::Maven, &format!("{group}:{artifact}"), version.as_deref(), false));
    }
    out
}

static XML_ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\b(Include|Version)\s*=\s*"([^"]*)""#).expect("valid regex"));

/// `<PackageReference Include="RingCentral.Net" Version="5.10.0" />`, or with a `<Version>`
/// child element.
fn csproj(text: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    for block in text.split("<PackageReference").skip(1) {
        let head = block.split('>').next().unwrap_or("");
        let attr = |name: &str| {
            XML_ATTR.captures_iter(head).find(|c| c[1].eq_ignore_ascii_case(name)).map(|c| c[2].to_owned())
        };
        let Some(name) = attr("Include") else { continue };
        let version = attr("Version").or_else(|| {
            let body = block.split("</PackageReference>").next().unwrap_or("");
            XML_ELEMENT.captures_iter(body).find(|c| &c[1] == "Version").map(|c| c[2].to_owned())
        });
        out.extend(dep(Ecosystem::NuGet, &name, version.as_deref(), false));
    }
    out
}

/// `require module v1.2.3` and the lines of a `require ( ... )` block.
fn go_mod(text: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        let spec = if in_block {
            if line == ")" {
                in_block = false;
                continue;
            }
            line
        } else if line == "require (" {
            in_block = true;
            continue;
        } else if let Some(rest) = line.strip_prefix("require ") {
            rest.trim()
        } else {
            continue;
        };
        let mut parts = spec.split_whitespace();
        if let (Some(module), version) = (parts.next(), parts.next()) {
            out.extend(dep(Ecosystem::Go, module, version, true));
        }
    }
    out
}

/// `go.sum`: `module version h1:...` lines (the `/go.mod` hash lines repeat the module).
fn go_sum(text: &str) -> Vec<Dependency> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let (module, version) = (parts.next()?, parts.next()?);
            (!version.ends_with("/go.mod")).then(|| dep(Ecosystem::Go, module, Some(version), true)).flatten()
        })
        .collect()
}

/// `poetry.lock`: `[[package]]` tables with `name = "..."` and `version = "..."`.
fn poetry_lock(text: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    let mut name: Option<String> = None;
    let value = |line: &str, key: &str| {
        let rest = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
        Some(rest.trim().trim_matches('"').to_owned())
    };
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            name = None;
        } else if let Some(n) = value(line, "name") {
            name = Some(n);
        } else if let (Some(n), Some(v)) = (name.as_deref(), value(line, "version")) {
            out.extend(dep(Ecosystem::PyPi, n, Some(&v), true));
        }
    }
    out
}

/// `Pipfile.lock`: `{"default": {"name": {"version": "==x"}}, "develop": {...}}`.
fn pipfile_lock(text: &str) -> Vec<Dependency> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else { return Vec::new() };
    ["default", "develop"]
        .iter()
        .filter_map(|section| doc.get(*section)?.as_object())
        .flat_map(|packages| packages.iter())
        .filter_map(|(name, spec)| {
            let version = spec.get("version")?.as_str()?.trim_start_matches('=');
            dep(Ecosystem::PyPi, name, Some(version), true)
        })
        .collect()
}

/// `pnpm-lock.yaml`: package keys under `packages:` (`/@scope/name@1.2.3:` from lock format 6,
/// `'@scope/name@1.2.3':` from 9, `/@scope/name/1.2.3:` in 5).
fn pnpm_lock(text: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    let mut in_packages = false;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if !line.starts_with(' ') {
            in_packages = line.trim_end() == "packages:";
            continue;
        }
        let Some(key) = line.strip_prefix("  ").filter(|k| !k.starts_with(' ') && in_packages) else {
            continue;
        };
        let key = key.trim_end().trim_end_matches(':').trim_matches(['\'', '"']).trim_start_matches('/');
        // The version ends the key, after the last `@` (not the scope's) or, in format 5, `/`.
        let key = key.split('(').next().unwrap_or(key);
        let split = key[1..].rfind('@').map(|i| i + 1).or_else(|| key.rfind('/'));
        if let Some(at) = split {
            out.extend(dep(Ecosystem::Npm, &key[..at], Some(&key[at + 1..]), true));
        }
    }
    out
}

static GRADLE_COORDINATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["']([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([A-Za-z0-9_.+-]+)["']"#).expect("valid regex")
});

/// `build.gradle(.kts)`: `group:artifact:version` coordinates (requirements, not locks).
fn gradle(text: &str) -> Vec<Dependency> {
    GRADLE_COORDINATE
        .captures_iter(text)
        .filter_map(|c| dep(Ecosystem::Maven, &format!("{}:{}", &c[1], &c[2]), Some(&c[3]), false))
        .collect()
}

/// pip requirement lines: `ringcentral==0.7.12`, `ringcentral[extra]>=0.7 ; python_version>"3"`.
fn requirements(text: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.split(" #").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with(['#', '-']) || line.contains("://") {
            continue;
        }
        let line = line.split(';').next().unwrap_or("").trim();
        let end = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
            .unwrap_or(line.len());
        let (name, rest) = line.split_at(end);
        let rest = rest.trim();
        let rest =
            if rest.starts_with('[') { rest.split_once(']').map_or("", |(_, r)| r.trim()) } else { rest };
        let pinned = rest.starts_with("==") || rest.starts_with("===");
        out.extend(dep(Ecosystem::PyPi, name, (!rest.is_empty()).then_some(rest), pinned));
    }
    out
}

/// A version as dotted numbers (`2.3.0`).
#[must_use]
pub fn v_str(v: &Version) -> String {
    v.0.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, text: &str) -> Vec<(String, Option<String>, bool)> {
        parse(name, text).into_iter().map(|d| (d.package, d.version, d.locked)).collect()
    }

    fn v(p: &str, ver: &str, locked: bool) -> (String, Option<String>, bool) {
        (p.to_owned(), Some(ver.to_owned()), locked)
    }

    #[test]
    fn versions_compare_numerically() {
        assert_eq!(compare("2.10.0", "2.3.0"), Some(Ordering::Greater));
        assert_eq!(compare("v2.3", "2.3.0"), Some(Ordering::Equal));
        assert_eq!(compare("4.7.0-beta.1", "4.7.0"), Some(Ordering::Equal));
        assert_eq!(compare("0.7.9", "0.7.12"), Some(Ordering::Less));
        assert_eq!(compare("5.10", "5.9.3"), Some(Ordering::Greater));
        assert_eq!(compare("latest", "1.0"), None);
    }

    #[test]
    fn lower_bounds_of_requirements() {
        let lb = |s| lower_bound(s).map(|v| v_str(&v));
        assert_eq!(lb("^4.5.0").as_deref(), Some("4.5.0"));
        assert_eq!(lb("~=0.7.12").as_deref(), Some("0.7.12"));
        assert_eq!(lb(">=2.0 <3.0").as_deref(), Some("2.0"));
        assert_eq!(lb("[5.10,)").as_deref(), Some("5.10"));
        assert_eq!(lb("1.x || ^2.1").as_deref(), Some("1"));
        assert_eq!(lb("2.3.*").as_deref(), Some("2.3"));
        assert_eq!(lb("*"), None);
        assert_eq!(lb("<5"), None);
        assert_eq!(lb("dev-master"), None);
    }

    #[test]
    fn composer_lock_and_json() {
        let lock = r#"{"packages": [{"name": "ringcentral/ringcentral-php", "version": "2.2.4"},
            {"name": "guzzlehttp/guzzle", "version": "7.0.0"}], "packages-dev": []}"#;
        assert_eq!(one("composer.lock", lock), vec![v("ringcentral/ringcentral-php", "2.2.4", true)]);
        let json = r#"{"require": {"php": ">=8.1", "RingCentral/RingCentral-PHP": "^2.1"}}"#;
        assert_eq!(one("composer.json", json), vec![v("ringcentral/ringcentral-php", "^2.1", false)]);
        assert!(one("composer.json", "{not json").is_empty());
    }

    #[test]
    fn package_json_and_locks() {
        let pkg = r#"{"dependencies": {"@ringcentral/sdk": "^4.7.2", "ringcentral": "3.2.1",
            "private": "git+https://token123@example.com/x.git"},
            "devDependencies": {"@rc-ex/core": "git+https://ghp_secret@example.com/rc.git"}}"#;
        assert_eq!(
            one("package.json", pkg),
            vec![
                v("@ringcentral/sdk", "^4.7.2", false),
                v("ringcentral", "3.2.1", false),
                ("@rc-ex/core".to_owned(), None, false),
            ]
        );
        let v3 = r#"{"lockfileVersion": 3, "packages": {"": {"name": "app"},
            "node_modules/@ringcentral/sdk": {"version": "4.6.0"},
            "node_modules/x/node_modules/@rc-ex/core": {"version": "1.2.0"}}}"#;
        assert_eq!(
            one("package-lock.json", v3),
            vec![v("@ringcentral/sdk", "4.6.0", true), v("@rc-ex/core", "1.2.0", true)]
        );
        let v1 = r#"{"lockfileVersion": 1, "dependencies": {"rcsdk": {"version": "1.3.2",
            "dependencies": {"ringcentral": {"version": "3.0.0"}}}}}"#;
        let mut got = one("package-lock.json", v1);
        got.sort();
        assert_eq!(got, vec![v("rcsdk", "1.3.2", true), v("ringcentral", "3.0.0", true)]);
    }

    #[test]
    fn yarn_lock_v1_and_berry() {
        let classic = "# yarn lockfile v1\n\n\"@ringcentral/sdk@^4.5.0\", \"@ringcentral/sdk@^4.6\":\n  version \"4.6.1\"\n  resolved \"https://registry.example/x\"\n\nringcentral-ts@^1.0:\n  version \"1.1.0\"\n";
        assert_eq!(
            one("yarn.lock", classic),
            vec![v("@ringcentral/sdk", "4.6.1", true), v("ringcentral-ts", "1.1.0", true)]
        );
        let berry = "__metadata:\n  version: 6\n\n\"@rc-ex/core@npm:^1.0.0\":\n  version: 1.3.0\n  resolution: \"@rc-ex/core@npm:1.3.0\"\n";
        assert_eq!(one("yarn.lock", berry), vec![v("@rc-ex/core", "1.3.0", true)]);
    }

    #[test]
    fn requirements_txt() {
        let text = "# deps\n--extra-index-url https://user:pass@example.com/simple\nRingCentral==0.7.5 ; python_version > \"3\"\nrequests>=2\nringcentral[async] >= 0.8  # comment\n";
        assert_eq!(
            one("requirements.txt", text),
            vec![v("ringcentral", "==0.7.5", true), v("ringcentral", ">= 0.8", false)]
        );
        assert_eq!(
            one("requirements-dev.txt", "ringcentral\n"),
            vec![("ringcentral".to_owned(), None, false)]
        );
    }

    #[test]
    fn gemfile_lock() {
        let text = "GEM\n  remote: https://rubygems.org/\n  specs:\n    faraday (2.7.4)\n    ringcentral-sdk (0.9.3)\n      faraday (>= 1.0)\n\nDEPENDENCIES\n  ringcentral-sdk\n";
        assert_eq!(one("Gemfile.lock", text), vec![v("ringcentral-sdk", "0.9.3", true)]);
    }

    #[test]
    fn python_go_pnpm_and_gradle_locks() {
        let poetry = "[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\n\n[[package]]\nname = \"ringcentral\"\nversion = \"0.7.5\"\ndescription = \"x\"\n";
        assert_eq!(one("poetry.lock", poetry), vec![v("ringcentral", "0.7.5", true)]);
        let pipfile = r#"{"_meta": {}, "default": {"ringcentral": {"hashes": [], "version": "==0.8.0"}}, "develop": {}}"#;
        assert_eq!(one("Pipfile.lock", pipfile), vec![v("ringcentral", "0.8.0", true)]);
        let pnpm = "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n      '@ringcentral/sdk':\n        specifier: ^4.6.0\n\npackages:\n\n  '@ringcentral/sdk@4.6.1':\n    resolution: {integrity: sha512-x}\n\n  lodash@4.17.21:\n    resolution: {integrity: sha512-y}\n";
        assert_eq!(one("pnpm-lock.yaml", pnpm), vec![v("@ringcentral/sdk", "4.6.1", true)]);
        let pnpm5 =
            "lockfileVersion: 5.4\npackages:\n  /@ringcentral/sdk/4.5.0:\n    resolution: {integrity: x}\n";
        assert_eq!(one("pnpm-lock.yaml", pnpm5), vec![v("@ringcentral/sdk", "4.5.0", true)]);
        let gradle = "dependencies {\n    implementation 'com.ringcentral:ringcentral:3.1.0'\n    implementation(\"junit:junit:4.13\")\n}\n";
        let deps = parse("build.gradle", gradle);
        assert_eq!(deps.len(), 1, "{deps:?}");
        assert_eq!((deps[0].version.as_deref(), deps[0].locked), (Some("3.1.0"), false));
        let gosum = "github.com/grokify/goauth v0.23.1 h1:abc=\ngithub.com/grokify/goauth v0.23.1/go.mod h1:def=\ngithub.com/ringcentral/ringcentral-go v1.0.0 h1:x=\n";
        let deps = parse("go.sum", gosum);
        assert_eq!(deps.len(), 1, "{deps:?}");
        assert_eq!((deps[0].version.as_deref(), deps[0].locked), (Some("v1.0.0"), true));
    }

    #[test]
    fn pom_xml_with_property() {
        let text = "<project>\n<properties>\n  <rc.version>2.4.0</rc.version>\n</properties>\n<dependencies>\n<dependency>\n  <groupId>com.ringcentral</groupId>\n  <artifactId>ringcentral</artifactId>\n  <version>${rc.version}</version>\n</dependency>\n<dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4</version></dependency>\n</dependencies>\n</project>\n";
        assert_eq!(one("pom.xml", text), vec![v("com.ringcentral:ringcentral", "2.4.0", false)]);
    }

    #[test]
    fn csproj_attribute_and_element() {
        let text = "<Project>\n<ItemGroup>\n<PackageReference Include=\"RingCentral.Net\" Version=\"5.9.0\" />\n<PackageReference Include=\"RingCentralSDK\">\n  <Version>1.3.0</Version>\n</PackageReference>\n<PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.1\" />\n</ItemGroup>\n</Project>\n";
        assert_eq!(
            one("App.csproj", text),
            vec![v("RingCentral.Net", "5.9.0", false), v("RingCentralSDK", "1.3.0", false)]
        );
    }

    #[test]
    fn go_mod_require_forms() {
        let text = "module example.com/app\n\ngo 1.21\n\nrequire github.com/grokify/go-ringcentral-client v0.3.1\n\nrequire (\n\tgithub.com/ringcentral/ringcentral-go v1.0.0 // indirect\n\tgolang.org/x/oauth2 v0.10.0\n)\n";
        assert_eq!(
            one("go.mod", text),
            vec![
                v("github.com/grokify/go-ringcentral-client", "v0.3.1", true),
                v("github.com/ringcentral/ringcentral-go", "v1.0.0", true)
            ]
        );
    }

    #[test]
    fn versions_with_urls_are_never_shown() {
        assert_eq!(clean_version("git+https://user:hunter2@example.com/a.git"), None);
        assert_eq!(clean_version("file:../sdk"), None);
        assert_eq!(clean_version("npm:@ringcentral/sdk@4.7.0"), None);
        assert_eq!(clean_version("^4.7.0").as_deref(), Some("^4.7.0"));
    }
}

//! The audit's content, built once and rendered as HTML and Markdown: applications with their
//! findings, recommended flow, SDK versions and checklist; totals and breakdowns.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use crate::finding::{Finding, Flow, Severity};
use crate::lang::Lang;
use crate::scan::ScanResult;

use super::manifest::{SdkStatus, SdkUse};

/// One audited root: a path given on the command line or a repository found by `--repos-under`.
pub struct Root {
    /// Name shown in the report.
    pub label: String,
    /// What was scanned.
    pub result: ScanResult,
    /// SDK dependencies found in its manifests (paths relative to the root).
    pub sdks: Vec<SdkUse>,
}

/// What an application is in this report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Each root is a repository (or a path given on the command line).
    Repository,
    /// One root: its top-level directories.
    Application,
}

impl Unit {
    /// Singular noun.
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            Unit::Repository => "repository",
            Unit::Application => "application",
        }
    }

    /// Plural noun.
    #[must_use]
    pub fn plural(self) -> &'static str {
        match self {
            Unit::Repository => "repositories",
            Unit::Application => "applications",
        }
    }
}

/// The flow recommended for a whole application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppFlow {
    /// Nothing to migrate.
    Nothing,
    /// Every call site runs without users: JWT.
    Jwt,
    /// Every call site serves users: authorization code with PKCE.
    Oauth,
    /// Some of each.
    Both,
    /// No finding, but an SDK of a language pwflow does not read: review by hand.
    Review,
}

impl AppFlow {
    /// Short label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            AppFlow::Nothing => "nothing to migrate",
            AppFlow::Jwt => "JWT",
            AppFlow::Oauth => "OAuth (authorization code + PKCE)",
            AppFlow::Both => "OAuth for users, JWT for jobs",
            AppFlow::Review => "review by hand",
        }
    }

    /// CSS-friendly key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            AppFlow::Nothing => "none",
            AppFlow::Jwt => "jwt",
            AppFlow::Oauth => "oauth",
            AppFlow::Both => "both",
            AppFlow::Review => "review",
        }
    }
}

/// A finding placed in the report.
pub struct Item {
    /// The application it belongs to.
    pub app: String,
    /// Path shown (relative to the root; prefixed with the repository with several roots).
    pub display: String,
    /// Anchor id (`f-<fingerprint>`), unique in the report.
    pub anchor: String,
    /// Language name.
    pub language: &'static str,
    /// The finding (already redacted).
    pub finding: Finding,
}

/// One application (or repository).
pub struct App {
    /// Name.
    pub name: String,
    /// Active findings.
    pub findings: Vec<Item>,
    /// Files with findings.
    pub files: usize,
    /// Findings per severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Info.
    pub infos: usize,
    /// Recommended flow.
    pub flow: AppFlow,
    /// Why.
    pub reason: String,
    /// Password logins that move to JWT / to the authorization-code flow.
    pub jwt_sites: usize,
    /// See `jwt_sites`.
    pub oauth_sites: usize,
    /// SDK dependencies that apply to it (its own manifests, or the root's when it has none).
    pub sdks: Vec<SdkUse>,
    /// Migration steps, in order.
    pub checklist: Vec<String>,
    /// Files and directories not scanned.
    pub skipped: usize,
}

impl App {
    /// The SDK dependencies that must change before the code can.
    pub fn blockers(&self) -> impl Iterator<Item = &SdkUse> {
        self.sdks.iter().filter(|s| s.status.blocks())
    }

    /// The SDK verdict in a few words.
    #[must_use]
    pub fn sdk_summary(&self) -> String {
        let blockers: Vec<&SdkUse> = self.blockers().collect();
        if let Some(b) = blockers.first() {
            return format!("{}: {}", b.status.label(), b.dep.package);
        }
        let relevant: Vec<&SdkUse> =
            self.sdks.iter().filter(|s| s.status != SdkStatus::ResolvedByLock).collect();
        if relevant.is_empty() {
            "no manifest found".to_owned()
        } else if relevant.iter().all(|s| s.status == SdkStatus::Supported) {
            "supports JWT".to_owned()
        } else {
            "check version".to_owned()
        }
    }
}

/// A label and a count.
pub struct Count {
    /// Label.
    pub label: String,
    /// Count.
    pub count: usize,
}

/// Findings per SDK and era.
pub struct SdkCount {
    /// SDK (or raw HTTP).
    pub sdk: String,
    /// Era: current or legacy, with what that means for JWT.
    pub era: String,
    /// Findings.
    pub count: usize,
}

/// A file or directory not scanned.
pub struct SkipRow {
    /// Application.
    pub app: String,
    /// Path shown.
    pub path: String,
    /// Reason class.
    pub reason: &'static str,
    /// Details.
    pub detail: String,
}

/// Totals for the key figures.
#[derive(Default)]
pub struct Totals {
    /// Roots audited.
    pub roots: usize,
    /// Files the walk saw.
    pub files_seen: usize,
    /// Files read (every language pwflow parses).
    pub files_read: usize,
    /// Files parsed (those with a candidate literal).
    pub parsed: usize,
    /// Active findings.
    pub findings: usize,
    /// Files with active findings.
    pub files_with_findings: usize,
    /// Findings by severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Info.
    pub infos: usize,
    /// Suppressed by `pwflow-ignore` comments.
    pub suppressed: usize,
    /// Skipped files and directories.
    pub skipped: usize,
    /// Applications with findings.
    pub apps_affected: usize,
    /// Applications whose SDK must change first.
    pub apps_blocked: usize,
    /// Applications by flow.
    pub apps_jwt: usize,
    /// See `apps_jwt`.
    pub apps_oauth: usize,
    /// See `apps_jwt`.
    pub apps_both: usize,
}

/// Everything the renderers show.
pub struct Report {
    /// pwflow version.
    pub version: &'static str,
    /// Date of the report (UTC, `YYYY-MM-DD`).
    pub generated: String,
    /// Roots as given.
    pub roots: Vec<String>,
    /// Repositories or applications.
    pub unit: Unit,
    /// Environment variable for the JWT.
    pub jwt_var: String,
    /// Applications, most findings first.
    pub apps: Vec<App>,
    /// Key figures.
    pub totals: Totals,
    /// Findings by severity (error, warning, info).
    pub by_severity: Vec<Count>,
    /// Findings by rule.
    pub by_rule: Vec<Count>,
    /// Findings by language.
    pub by_language: Vec<Count>,
    /// Findings by SDK and era.
    pub by_sdk: Vec<SdkCount>,
    /// Findings by directory (one root) or repository (several).
    pub by_location: Vec<Count>,
    /// "directory" or "repository".
    pub location_kind: &'static str,
    /// Every SDK dependency found, with its application.
    pub sdks: Vec<(String, SdkUse)>,
    /// Files not scanned.
    pub skipped: Vec<SkipRow>,
    /// Findings suppressed by comments (listed with their reason).
    pub suppressed: Vec<Item>,
}

/// Name of the application of files directly in the root.
pub const TOP_LEVEL: &str = "(top level)";

/// The application a path (relative to its root) belongs to, with one root.
fn app_of(path: &Path) -> String {
    let mut normal = path.components().filter(|c| matches!(c, Component::Normal(_)));
    match (normal.next(), normal.next()) {
        (Some(first), Some(_)) => first.as_os_str().to_string_lossy().into_owned(),
        _ => TOP_LEVEL.to_owned(),
    }
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// SDK era as the finding tells it (`finding.sdk` and the message).
#[must_use]
pub fn era(sdk: Option<&str>, message: &str) -> String {
    let Some(sdk) = sdk else { return "-".to_owned() };
    let era = match sdk {
        "@ringcentral/sdk" => "current SDK: JWT login since 4.7.0",
        "@rc-ex/core" if message.contains("removed in") => {
            "current SDK: authorize() removed in 1.7.0, JWT since 0.14.0"
        }
        "@rc-ex/core" => "current SDK: JWT login since 0.14.0",
        "ringcentral/ringcentral-php" => "current SDK: JWT login since 2.3.0",
        s if s.contains("legacy JS SDK") && message.contains("rcsdk v1") => "legacy rcsdk v1: no JWT login",
        s if s.contains("legacy JS SDK") => "legacy npm ringcentral v2/v3: no JWT login",
        s if s.contains("0.x") => "legacy PHP SDK 0.x: no JWT login",
        "ringcentral-js-concise" | "ringcentral-ts" | "ringcentral-sdk-php-lite" => "legacy: no JWT login",
        s if s.starts_with("raw HTTP") => "no SDK: hand-built token request",
        _ => "unknown",
    };
    era.to_owned()
}

fn counts<I: IntoIterator<Item = String>>(labels: I) -> Vec<Count> {
    let mut map: BTreeMap<String, usize> = BTreeMap::new();
    for l in labels {
        *map.entry(l).or_default() += 1;
    }
    let mut v: Vec<Count> = map.into_iter().map(|(label, count)| Count { label, count }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    v
}

fn is_call_site(f: &Finding) -> bool {
    !f.rule.starts_with("pwflow/")
}

/// The most common of some reasons.
fn most_common<'a>(reasons: impl Iterator<Item = &'a str>) -> String {
    counts(reasons.map(str::to_owned)).into_iter().next().map(|c| c.label).unwrap_or_default()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn flow_of(findings: &[Item]) -> (AppFlow, String, usize, usize) {
    let sites: Vec<&Finding> = findings.iter().map(|i| &i.finding).filter(|f| is_call_site(f)).collect();
    let oauth: Vec<&Finding> =
        sites.iter().copied().filter(|f| f.recommendation.flow == Flow::Oauth).collect();
    let jwt: Vec<&Finding> = sites.iter().copied().filter(|f| f.recommendation.flow == Flow::Jwt).collect();
    let reason = |fs: &[&Finding]| most_common(fs.iter().map(|f| f.recommendation.reason.as_str()));
    let (flow, text) = match (jwt.len(), oauth.len()) {
        (0, 0) => (AppFlow::Nothing, "No password-flow login found.".to_owned()),
        (j, 0) => (
            AppFlow::Jwt,
            format!(
                "{} without users: {}.",
                if j == 1 { "The only call site runs".to_owned() } else { format!("All {j} call sites run") },
                reason(&jwt)
            ),
        ),
        (0, o) => (
            AppFlow::Oauth,
            format!(
                "{} users: {}.",
                if o == 1 {
                    "The only call site serves".to_owned()
                } else {
                    format!("All {o} call sites serve")
                },
                reason(&oauth)
            ),
        ),
        (j, o) => {
            let files: BTreeSet<String> = findings
                .iter()
                .filter(|i| is_call_site(&i.finding) && i.finding.recommendation.flow == Flow::Oauth)
                .map(|i| i.display.clone())
                .collect();
            let shown: Vec<String> = files.iter().take(3).map(|f| format!("`{f}`")).collect();
            (
                AppFlow::Both,
                format!(
                    "{} users ({}{}: {}); {} without a user interface.",
                    plural(o, "call site serves", "call sites serve"),
                    shown.join(", "),
                    if files.len() > 3 { ", ..." } else { "" },
                    reason(&oauth),
                    plural(j, "call site runs", "call sites run"),
                ),
            )
        }
    };
    (flow, text, jwt.len(), oauth.len())
}

fn checklist(app: &App, jwt_var: &str) -> Vec<String> {
    let mut steps = Vec::new();
    let mut packages: Vec<&str> = Vec::new();
    for b in app.blockers() {
        if !packages.contains(&b.dep.package.as_str()) {
            packages.push(&b.dep.package);
        }
    }
    for package in packages {
        let uses: Vec<&SdkUse> = app.blockers().filter(|b| b.dep.package == package).collect();
        let files = uses.iter().map(|b| format!("`{}`", slash(&b.file))).collect::<Vec<_>>().join(", ");
        let b = uses[0];
        steps.push(match b.status {
            SdkStatus::Replace => format!("Replace `{package}` (in {files}): {}.", b.advice),
            _ => format!(
                "Upgrade `{package}` (in {files}) to {} or later before changing the login code.",
                b.min_jwt.as_deref().unwrap_or("a version with the JWT login")
            ),
        });
    }
    if app.flow == AppFlow::Review {
        steps.push(
            "Review the login code by hand: pwflow does not read this code. Look for \
             username/password logins and `grant_type=password` token requests, and move them to the JWT \
             flow (jobs) or the authorization-code flow (apps with users) as for the other applications."
                .into(),
        );
        steps.push("Remove any stored RingCentral password once no login uses it.".into());
        return steps;
    }
    if app.flow == AppFlow::Nothing {
        if steps.is_empty() {
            steps.push(
                "Nothing to migrate: keep `pwflow check` in CI so password logins do not come back.".into(),
            );
        }
        return steps;
    }
    if matches!(app.flow, AppFlow::Jwt | AppFlow::Both) {
        steps.push(
            "Create a JWT credential for the service user in the RingCentral Developer Console \
             (Credentials > Create JWT), limited to this app's client id."
                .into(),
        );
        steps.push(
            "Enable the JWT auth flow for the app in the Developer Console (app settings > Auth).".into(),
        );
        steps.push(format!(
            "Store the JWT in the secret store and give it to the app as `{jwt_var}` (never commit it)."
        ));
        steps.push(format!(
            "Change {} to the JWT login (each finding below shows the rewrite).",
            plural(app.jwt_sites, "login call", "login calls")
        ));
    }
    if matches!(app.flow, AppFlow::Oauth | AppFlow::Both) {
        steps.push(
            "Switch the app to the authorization-code flow (3-legged OAuth) in the Developer Console \
             and register its redirect URI."
                .into(),
        );
        steps.push(
            "Implement the redirect handler: create a `state` and a PKCE `code_verifier` / \
             `code_challenge` (S256), send the user to RingCentral's login page, check `state` and \
             exchange the returned code for tokens."
                .into(),
        );
        steps.push(
            "Keep tokens per user session, refresh them before they expire, and revoke them on logout."
                .into(),
        );
        steps.push(format!(
            "Change {} in user-facing code (each finding below shows the authorization-code alternative).",
            plural(app.oauth_sites, "login call", "login calls")
        ));
    }
    steps.push(
        "Remove the stored username, extension and password from code, config, `.env` files, CI \
         variables and secret stores, then change that user's password."
            .into(),
    );
    steps.push(
        "Test against the sandbox, then production; run `pwflow check` until it reports nothing.".into(),
    );
    steps
}

/// Builds the report.
#[must_use]
pub fn build(roots: &[Root], unit: Unit, jwt_var: &str, generated: String) -> Report {
    let multi = unit == Unit::Repository;
    let mut totals = Totals { roots: roots.len(), ..Totals::default() };
    let mut apps: BTreeMap<String, App> = BTreeMap::new();
    let mut suppressed = Vec::new();
    let mut skipped = Vec::new();
    let mut all_sdks = Vec::new();
    let mut anchors: BTreeSet<String> = BTreeSet::new();
    let mut root_labels = Vec::new();
    let new_app = |name: &str| App {
        name: name.to_owned(),
        findings: Vec::new(),
        files: 0,
        errors: 0,
        warnings: 0,
        infos: 0,
        flow: AppFlow::Nothing,
        reason: String::new(),
        jwt_sites: 0,
        oauth_sites: 0,
        sdks: Vec::new(),
        checklist: Vec::new(),
        skipped: 0,
    };
    for root in roots {
        root_labels.push(root.label.clone());
        let stats = &root.result.stats;
        totals.files_seen += stats.files_seen;
        totals.files_read += stats.files_read;
        totals.parsed += stats.parsed;
        let app_name = |path: &Path| if multi { root.label.clone() } else { app_of(path) };
        let shown = |path: &Path| if multi { format!("{}/{}", root.label, slash(path)) } else { slash(path) };
        if multi {
            apps.entry(root.label.clone()).or_insert_with(|| new_app(&root.label));
        }
        for f in root.result.findings.iter().cloned() {
            let name = app_name(&f.path);
            let base = format!("f-{}", f.fingerprint);
            let mut anchor = base.clone();
            let mut n = 2;
            while !anchors.insert(anchor.clone()) {
                anchor = format!("{base}-{n}");
                n += 1;
            }
            let item = Item {
                app: name.clone(),
                display: shown(&f.path),
                anchor,
                language: Lang::from_path(&f.path).map_or("other", Lang::name),
                finding: f,
            };
            if item.finding.suppressed.is_some() {
                suppressed.push(item);
            } else {
                apps.entry(name.clone()).or_insert_with(|| new_app(&name)).findings.push(item);
            }
        }
        for s in &root.result.skipped {
            let name = app_name(&s.path);
            if let Some(app) = apps.get_mut(&name) {
                app.skipped += 1;
            }
            skipped.push(SkipRow {
                app: name,
                path: shown(&s.path),
                reason: s.reason.as_str(),
                detail: s.detail.clone(),
            });
        }
        // SDKs: an application's own manifests, else the root's top-level ones.
        let top: Vec<SdkUse> =
            root.sdks.iter().filter(|s| multi || app_of(&s.file) == TOP_LEVEL).cloned().collect();
        for s in &root.sdks {
            let name = app_name(&s.file);
            if !multi && name != TOP_LEVEL {
                apps.entry(name.clone()).or_insert_with(|| new_app(&name)).sdks.push(s.clone());
            }
            let mut shown_use = s.clone();
            shown_use.file = PathBuf::from(shown(&s.file));
            all_sdks.push((name, shown_use));
        }
        for app in apps.values_mut() {
            let in_root = !multi || app.name == root.label;
            if in_root && app.sdks.is_empty() && !top.is_empty() {
                app.sdks.clone_from(&top);
            }
        }
    }
    let mut apps: Vec<App> = apps.into_values().collect();
    for app in &mut apps {
        let (mut flow, mut reason, jwt, oauth) = flow_of(&app.findings);
        let unread: BTreeSet<&str> = app
            .sdks
            .iter()
            .filter(|s| !s.dep.ecosystem.code_scanned())
            .map(|s| s.dep.ecosystem.as_str())
            .collect();
        if flow == AppFlow::Nothing && !unread.is_empty() {
            flow = AppFlow::Review;
            reason = format!(
                "Uses a RingCentral SDK from {} whose code pwflow does not read: check its logins by hand.",
                unread.into_iter().collect::<Vec<_>>().join(", ")
            );
        }
        app.flow = flow;
        app.reason = reason;
        app.jwt_sites = jwt;
        app.oauth_sites = oauth;
        app.files = app.findings.iter().map(|i| &i.display).collect::<BTreeSet<_>>().len();
        app.errors = app.findings.iter().filter(|i| i.finding.severity == Severity::Error).count();
        app.warnings = app.findings.iter().filter(|i| i.finding.severity == Severity::Warning).count();
        app.infos = app.findings.iter().filter(|i| i.finding.severity == Severity::Info).count();
        app.checklist = checklist(app, jwt_var);
    }
    apps.sort_by(|a, b| b.findings.len().cmp(&a.findings.len()).then_with(|| a.name.cmp(&b.name)));
    let items: Vec<&Item> = apps.iter().flat_map(|a| &a.findings).collect();
    totals.findings = items.len();
    totals.files_with_findings = items.iter().map(|i| &i.display).collect::<BTreeSet<_>>().len();
    totals.errors = apps.iter().map(|a| a.errors).sum();
    totals.warnings = apps.iter().map(|a| a.warnings).sum();
    totals.infos = apps.iter().map(|a| a.infos).sum();
    totals.suppressed = suppressed.len();
    totals.skipped = skipped.len();
    totals.apps_affected = apps.iter().filter(|a| !a.findings.is_empty()).count();
    totals.apps_blocked =
        apps.iter().filter(|a| !a.findings.is_empty() && a.blockers().next().is_some()).count();
    totals.apps_jwt = apps.iter().filter(|a| a.flow == AppFlow::Jwt).count();
    totals.apps_oauth = apps.iter().filter(|a| a.flow == AppFlow::Oauth).count();
    totals.apps_both = apps.iter().filter(|a| a.flow == AppFlow::Both).count();
    let by_severity = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| Count {
            label: s.as_str().to_owned(),
            count: items.iter().filter(|i| i.finding.severity == s).count(),
        })
        .collect();
    let by_rule = counts(items.iter().map(|i| i.finding.rule.clone()));
    let by_language = counts(items.iter().map(|i| i.language.to_owned()));
    let mut sdk_map: BTreeMap<(String, String), usize> = BTreeMap::new();
    for i in &items {
        let sdk = i.finding.sdk.clone().unwrap_or_else(|| "(none: pwflow comment checks)".to_owned());
        *sdk_map.entry((sdk, era(i.finding.sdk.as_deref(), &i.finding.message))).or_default() += 1;
    }
    let mut by_sdk: Vec<SdkCount> =
        sdk_map.into_iter().map(|((sdk, era), count)| SdkCount { sdk, era, count }).collect();
    by_sdk.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.sdk.cmp(&b.sdk)));
    let (by_location, location_kind) = if multi {
        (
            apps.iter()
                .filter(|a| !a.findings.is_empty())
                .map(|a| Count { label: a.name.clone(), count: a.findings.len() })
                .collect(),
            "repository",
        )
    } else {
        let dir = |i: &&Item| {
            Path::new(&i.display)
                .parent()
                .map(slash)
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| ".".to_owned())
        };
        (counts(items.iter().map(dir)), "directory")
    };
    all_sdks.sort_by(|a, b| (&a.0, &a.1.file, &a.1.dep.package).cmp(&(&b.0, &b.1.file, &b.1.dep.package)));
    Report {
        version: env!("CARGO_PKG_VERSION"),
        generated,
        roots: root_labels,
        unit,
        jwt_var: jwt_var.to_owned(),
        apps,
        totals,
        by_severity,
        by_rule,
        by_language,
        by_sdk,
        by_location,
        location_kind,
        sdks: all_sdks,
        skipped,
        suppressed,
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, or the date of `SOURCE_DATE_EPOCH` when set
/// (reproducible reports).
#[must_use]
pub fn report_date() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    civil_date(secs.div_euclid(86_400))
}

/// Days since 1970-01-01 to `YYYY-MM-DD` (Howard Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_723), "2024-01-01");
        assert_eq!(civil_date(19_813), "2024-03-31");
    }

    #[test]
    fn apps_are_top_level_directories() {
        assert_eq!(app_of(Path::new("billing/src/a.php")), "billing");
        assert_eq!(app_of(Path::new("a.php")), TOP_LEVEL);
        assert_eq!(app_of(Path::new("./a.php")), TOP_LEVEL);
    }

    #[test]
    fn eras() {
        assert!(
            era(Some("ringcentral / rcsdk (legacy JS SDK)"), "rcsdk v1 `platform.authorize").contains("v1")
        );
        assert!(era(Some("ringcentral/php-sdk 0.x"), "").contains("0.x"));
        assert!(era(Some("raw HTTP to /restapi/oauth/token"), "").starts_with("no SDK"));
        assert_eq!(era(None, ""), "-");
    }
}

//! The audit's content: totals, breakdowns, applications with their recommended flow, SDK
//! versions, effort and checklist, and a bounded sample of findings to show.
//!
//! Findings stream through a [`Collector`]: each is counted where it belongs and written to a
//! spill file (JSON Lines), and only the spill offsets of the first findings of each
//! application and rule are kept. Memory grows with the number of applications, files and
//! rules, not with the number of findings; the renderers read back only what they show, and the
//! JSON and CSV outputs are streamed from the spill.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufRead as _, BufReader, BufWriter, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::finding::{Applicability, Finding, Flow, Severity, Skipped};
use crate::lang::Lang;

use super::record::{AuditSection, Counters, NotAudited, RootKind, RootRecord};
use super::sdk::{self, SdkStatus, SdkUse};
use crate::project::manifest::Ecosystem;

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

/// Kinds of sites, in the order the effort table shows them.
pub const KINDS: [&str; 5] =
    ["SDK login", "token request", "stored password", "other OAuth library", "pwflow comment"];

/// The kind of site a rule reports (an index into [`KINDS`]).
#[must_use]
pub fn kind_of(rule: &str) -> usize {
    if rule.starts_with("pwflow/") {
        4
    } else if rule.starts_with("oauth-ropc/") {
        3
    } else if rule.contains("config") {
        2
    } else if rule.contains("grant") || rule.contains("token-request") {
        1
    } else {
        0
    }
}

/// Whether `--fix --unsafe-fixes` can rewrite the finding (a fix with edits, not guidance).
#[must_use]
pub fn fixable(f: &Finding) -> bool {
    f.fixes.iter().any(|x| x.applicability != Applicability::DisplayOnly && !x.edits.is_empty())
}

/// How much work an application (or the whole audit) is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effort {
    /// Sites per kind (see [`KINDS`]).
    pub kinds: [usize; 5],
    /// Sites `--fix --unsafe-fixes` can rewrite.
    pub fixable: usize,
    /// SDK changes needed before the code can change, in a few words each.
    pub upgrades: Vec<String>,
}

impl Effort {
    /// Sites of every kind.
    #[must_use]
    pub fn sites(&self) -> usize {
        self.kinds.iter().sum()
    }
}

/// One application (or repository).
pub struct App {
    /// Name.
    pub name: String,
    /// Active findings.
    pub findings: usize,
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
    /// SDK dependencies that apply to it (its own manifests, or those of the nearest directory
    /// above it that has some).
    pub sdks: Vec<SdkUse>,
    /// Migration steps, in order.
    pub checklist: Vec<String>,
    /// Files and directories not scanned.
    pub skipped: usize,
    /// Sites by kind, what `--fix` can rewrite, SDK changes first.
    pub effort: Effort,
    /// The findings shown (the first of each rule, within the report's budget).
    pub shown: Vec<Item>,
}

/// The SDK dependencies that block an application, grouped by registry and package (a PyPI
/// `ringcentral` and the npm `ringcentral` are different packages with different advice).
fn blocker_groups(app: &App) -> Vec<(&'static str, &str, Vec<&SdkUse>)> {
    let mut groups: Vec<(Ecosystem, &str, Vec<&SdkUse>)> = Vec::new();
    for b in app.blockers() {
        match groups.iter_mut().find(|(e, p, _)| *e == b.dep.ecosystem && *p == b.dep.package) {
            Some(g) => g.2.push(b),
            None => groups.push((b.dep.ecosystem, &b.dep.package, vec![b])),
        }
    }
    groups.into_iter().map(|(e, p, u)| (e.as_str(), p, u)).collect()
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
            return format!("{}: {} ({})", b.status.label(), b.dep.package, b.dep.ecosystem.as_str());
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

/// A finding silenced by a `pwflow-ignore` comment.
#[derive(Clone)]
pub struct SuppressedRow {
    /// Path shown.
    pub display: String,
    /// Line.
    pub line: usize,
    /// Rule id.
    pub rule: String,
    /// The comment's reason.
    pub reason: String,
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
    /// Findings shown in the HTML and Markdown reports.
    pub shown: usize,
}

/// How much of a big audit the HTML and Markdown reports show.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Findings shown per application and rule.
    pub per_group: usize,
    /// Findings shown in all.
    pub findings: usize,
    /// Rows of each long table (applications, checklists, SDKs, skipped files).
    pub rows: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { per_group: 5, findings: 1000, rows: 300 }
    }
}

/// Where the complete lists are, as links relative to the HTML/Markdown file.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// The JSON document.
    pub json: Option<String>,
    /// The CSV of findings.
    pub csv: Option<String>,
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
    /// Sites by kind, fixable, upgrades: the sum over the applications.
    pub effort: Effort,
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
    /// Files not scanned (the first `limits.rows`; `totals.skipped` counts them all).
    pub skipped: Vec<SkipRow>,
    /// Findings suppressed by comments (the first `limits.rows`).
    pub suppressed: Vec<SuppressedRow>,
    /// Roots that are no git repository, audited as folders.
    pub folders: Vec<String>,
    /// What was not audited under `--repos-under` / in `--repos-from`.
    pub not_audited: Vec<NotAudited>,
    /// How much is shown.
    pub limits: Limits,
    /// The complete lists.
    pub links: Links,
}

impl Report {
    /// Which findings the report shows, as the start of a sentence.
    #[must_use]
    pub fn shown_sentence(&self) -> String {
        let t = &self.totals;
        if t.shown == t.findings {
            return "Every finding".to_owned();
        }
        format!(
            "The first {} of each {} and rule ({} of {} findings)",
            super::count(self.limits.per_group, "finding", "findings"),
            self.unit.noun(),
            t.shown,
            t.findings
        )
    }

    /// The roots in a few words: all of them up to three, else a count.
    #[must_use]
    pub fn scope(&self) -> String {
        if self.roots.len() <= 3 {
            self.roots.join(", ")
        } else {
            format!(
                "{} {}",
                self.roots.len(),
                if self.unit == Unit::Repository { "repositories" } else { "roots" }
            )
        }
    }
}

/// Name of the application of files directly in the root.
pub const TOP_LEVEL: &str = "(top level)";

/// The top-level directory of a path (relative to its root), the application of a file outside
/// every directory with a manifest.
fn app_of(path: &Path) -> String {
    let mut normal = path.components().filter(|c| matches!(c, Component::Normal(_)));
    match (normal.next(), normal.next()) {
        (Some(first), Some(_)) => first.as_os_str().to_string_lossy().into_owned(),
        _ => TOP_LEVEL.to_owned(),
    }
}

/// The innermost application directory holding `rel` (a `/`-separated path under the root).
fn app_dir<'a>(dirs: &'a [String], rel: &str) -> Option<&'a str> {
    dirs.iter()
        .filter(|d| d.is_empty() || rel.strip_prefix(d.as_str()).is_some_and(|r| r.starts_with('/')))
        .max_by_key(|d| d.len())
        .map(String::as_str)
}

/// Where a file belongs: the application's name and directory (`None` for the top-level
/// directory fallback).
fn place(unit: Unit, label: &str, dirs: &[String], rel: &str) -> (String, Option<String>) {
    match (unit, app_dir(dirs, rel)) {
        (Unit::Repository, Some("")) | (Unit::Repository, None) => (label.to_owned(), Some(String::new())),
        (Unit::Repository, Some(d)) => (format!("{label}/{d}"), Some(d.to_owned())),
        (Unit::Application, Some("")) => (TOP_LEVEL.to_owned(), Some(String::new())),
        (Unit::Application, Some(d)) => (d.to_owned(), Some(d.to_owned())),
        (Unit::Application, None) => (app_of(Path::new(rel)), None),
    }
}

/// The application and the path shown of a file (`rel`, relative to `root`), as the reports
/// and the CSV name them.
#[must_use]
pub fn placed(unit: Unit, root: &RootRecord, rel: &str) -> (String, String) {
    let (name, _) = place(unit, &root.label, &root.applications, rel);
    let display = if unit == Unit::Repository { format!("{}/{rel}", root.label) } else { rel.to_owned() };
    (name, display)
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

fn counts_of(map: BTreeMap<String, usize>) -> Vec<Count> {
    let mut v: Vec<Count> = map.into_iter().map(|(label, count)| Count { label, count }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    v
}

fn is_call_site(f: &Finding) -> bool {
    !f.rule.starts_with("pwflow/")
}

/// The most common reason (ties: the first in order).
fn most_common(reasons: &BTreeMap<String, usize>) -> String {
    let mut best: Option<(&String, usize)> = None;
    for (r, &n) in reasons {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((r, n));
        }
    }
    best.map(|(r, _)| r.clone()).unwrap_or_default()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What is counted per application while findings stream by.
#[derive(Default)]
struct AppAcc {
    root: usize,
    dir: Option<String>,
    findings: usize,
    files: BTreeSet<String>,
    severities: [usize; 3],
    jwt: BTreeMap<String, usize>,
    oauth: BTreeMap<String, usize>,
    oauth_files: BTreeSet<String>,
    effort: Effort,
    /// Spill offsets of the first findings of each rule.
    shown: BTreeMap<String, Vec<u64>>,
}

impl AppAcc {
    fn flow(&self) -> (AppFlow, String, usize, usize) {
        let (j, o): (usize, usize) = (self.jwt.values().sum(), self.oauth.values().sum());
        let (flow, text) = match (j, o) {
            (0, 0) => (AppFlow::Nothing, "No password-flow login found.".to_owned()),
            (j, 0) => (
                AppFlow::Jwt,
                format!(
                    "{} without users: {}.",
                    if j == 1 {
                        "The only call site runs".to_owned()
                    } else {
                        format!("All {j} call sites run")
                    },
                    most_common(&self.jwt)
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
                    most_common(&self.oauth)
                ),
            ),
            (j, o) => {
                let shown: Vec<String> = self.oauth_files.iter().take(3).map(|f| format!("`{f}`")).collect();
                (
                    AppFlow::Both,
                    format!(
                        "{} users ({}{}: {}); {} without a user interface.",
                        plural(o, "call site serves", "call sites serve"),
                        shown.join(", "),
                        if self.oauth_files.len() > 3 { ", ..." } else { "" },
                        most_common(&self.oauth),
                        plural(j, "call site runs", "call sites run"),
                    ),
                )
            }
        };
        (flow, text, j, o)
    }
}

/// One root while it is collected.
struct RootAcc {
    record: RootRecord,
    /// Its findings in the spill (byte range).
    range: (u64, u64),
    skipped: Vec<Skipped>,
    suppressed: Vec<SuppressedRow>,
}

/// Counts findings as they come and spills them to a temporary JSON Lines file.
pub struct Collector {
    unit: Unit,
    limits: Limits,
    spill: BufWriter<File>,
    pos: u64,
    roots: Vec<RootAcc>,
    apps: BTreeMap<String, AppAcc>,
    files: BTreeSet<String>,
    by_rule: BTreeMap<String, usize>,
    by_language: BTreeMap<String, usize>,
    by_sdk: BTreeMap<(String, String), usize>,
    by_location: BTreeMap<String, usize>,
    suppressed: usize,
    not_audited: Vec<NotAudited>,
    shard: Option<String>,
}

impl Collector {
    /// An empty collection with its spill file (removed when dropped).
    ///
    /// # Errors
    /// The temporary file cannot be created.
    pub fn new(unit: Unit, limits: Limits) -> Result<Collector> {
        let file = tempfile::tempfile().context("cannot create the audit's spill file")?;
        Ok(Collector {
            unit,
            limits,
            spill: BufWriter::with_capacity(1 << 16, file),
            pos: 0,
            roots: Vec::new(),
            apps: BTreeMap::new(),
            files: BTreeSet::new(),
            by_rule: BTreeMap::new(),
            by_language: BTreeMap::new(),
            by_sdk: BTreeMap::new(),
            by_location: BTreeMap::new(),
            suppressed: 0,
            not_audited: Vec::new(),
            shard: None,
        })
    }

    /// What an application is here.
    #[must_use]
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// Sets what an application is, before any root is collected (a merge learns it from the
    /// first part).
    ///
    /// # Errors
    /// Roots were collected already.
    pub fn set_unit(&mut self, unit: Unit) -> Result<()> {
        if !self.roots.is_empty() {
            bail!("internal: the unit of an audit changes after its first root");
        }
        self.unit = unit;
        Ok(())
    }

    /// Records what was not audited.
    pub fn not_audited(&mut self, items: impl IntoIterator<Item = NotAudited>) {
        self.not_audited.extend(items);
    }

    /// Marks the collection as one shard's part (`I/N`, written in the JSON).
    pub fn set_shard(&mut self, shard: String) {
        self.shard = Some(shard);
    }

    /// Starts a root; its findings follow with [`Collector::finding`].
    ///
    /// # Errors
    /// A root of the same label was collected already.
    pub fn begin_root(&mut self, mut record: RootRecord) -> Result<usize> {
        if self.roots.iter().any(|r| r.record.label == record.label) {
            bail!("`{}` is audited twice (in two parts, or listed twice)", record.label);
        }
        record.applications.sort();
        record.applications.dedup();
        let idx = self.roots.len();
        if self.unit == Unit::Repository {
            // Every repository has a row, with findings or not.
            let acc = self.apps.entry(record.label.clone()).or_default();
            acc.root = idx;
            acc.dir = Some(String::new());
        }
        self.roots.push(RootAcc {
            record,
            range: (self.pos, self.pos),
            skipped: Vec::new(),
            suppressed: Vec::new(),
        });
        Ok(idx)
    }

    /// Counts one finding of root `idx` and spills it.
    ///
    /// # Errors
    /// Writing the spill file.
    pub fn finding(&mut self, idx: usize, mut f: Finding) -> Result<()> {
        f.excerpt = None;
        let line = serde_json::to_vec(&f)?;
        let offset = self.pos;
        self.spill.write_all(&line)?;
        self.spill.write_all(b"\n")?;
        self.pos += line.len() as u64 + 1;
        let root = &mut self.roots[idx];
        // A merge begins all of a part's roots before their findings come: a root's range
        // starts at its first finding.
        if root.range.0 == root.range.1 {
            root.range.0 = offset;
        }
        root.range.1 = self.pos;
        let multi = self.unit == Unit::Repository;
        let rel = slash(&f.path);
        let label = &root.record.label;
        let display = if multi { format!("{label}/{rel}") } else { rel.clone() };
        if let Some(reason) = &f.suppressed {
            self.suppressed += 1;
            if root.suppressed.len() < self.limits.rows {
                root.suppressed.push(SuppressedRow {
                    display,
                    line: f.start.line,
                    rule: f.rule.clone(),
                    reason: reason.clone(),
                });
            }
            return Ok(());
        }
        let (name, dir) = place(self.unit, label, &root.record.applications, &rel);
        let location = if multi {
            label.clone()
        } else {
            Path::new(&display)
                .parent()
                .map(slash)
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| ".".to_owned())
        };
        *self.by_location.entry(location).or_default() += 1;
        *self.by_rule.entry(f.rule.clone()).or_default() += 1;
        let language = Lang::from_path(&f.path).map_or("other", Lang::name);
        *self.by_language.entry(language.to_owned()).or_default() += 1;
        let sdk = f.sdk.clone().unwrap_or_else(|| "(none: pwflow comment checks)".to_owned());
        let era = era(f.sdk.as_deref(), &f.message);
        *self.by_sdk.entry((sdk, era)).or_default() += 1;
        self.files.insert(display.clone());
        let app = self.apps.entry(name).or_default();
        app.root = idx;
        app.dir = dir;
        app.findings += 1;
        app.severities[match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
        if is_call_site(&f) {
            let reasons = if f.recommendation.flow == Flow::Oauth {
                app.oauth_files.insert(display.clone());
                &mut app.oauth
            } else {
                &mut app.jwt
            };
            *reasons.entry(f.recommendation.reason.clone()).or_default() += 1;
        }
        app.effort.kinds[kind_of(&f.rule)] += 1;
        app.effort.fixable += usize::from(fixable(&f));
        app.files.insert(display);
        let shown = app.shown.entry(f.rule).or_default();
        if shown.len() < self.limits.per_group {
            shown.push(offset);
        }
        Ok(())
    }

    /// Attaches the skipped entries of root `idx`.
    pub fn set_skipped(&mut self, idx: usize, skipped: Vec<Skipped>) {
        self.roots[idx].skipped = skipped;
    }

    /// The roots ordered by label, with what a report needs.
    fn ordered(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.roots.len()).collect();
        order.sort_by(|&a, &b| self.roots[a].record.label.cmp(&self.roots[b].record.label));
        order
    }

    /// The `audit` object of the JSON document.
    #[must_use]
    pub fn section(&self) -> AuditSection {
        let mut not_audited = self.not_audited.clone();
        not_audited.sort();
        AuditSection {
            unit: self.unit.noun().to_owned(),
            shard: self.shard.clone(),
            roots: self.ordered().into_iter().map(|i| self.roots[i].record.clone()).collect(),
            not_audited,
        }
    }

    /// Streams every finding, roots in label order, each root's in scan order.
    ///
    /// # Errors
    /// Reading the spill file; the errors of `each`.
    pub fn for_each_finding(
        &mut self,
        each: &mut dyn FnMut(&RootRecord, Finding) -> Result<()>,
    ) -> Result<()> {
        self.spill.flush()?;
        let mut file = self.spill.get_ref().try_clone()?;
        for i in self.ordered() {
            let root = &self.roots[i];
            let (start, end) = root.range;
            file.seek(SeekFrom::Start(start))?;
            let mut reader = BufReader::with_capacity(1 << 16, (&file).take(end - start));
            let mut line = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 {
                    break;
                }
                let f: Finding = serde_json::from_str(&line).context("internal: spill file")?;
                each(&root.record, f)?;
            }
        }
        Ok(())
    }

    /// Every skipped entry, roots in label order.
    pub fn skipped(&self) -> impl Iterator<Item = &Skipped> {
        self.ordered().into_iter().flat_map(move |i| self.roots[i].skipped.iter())
    }

    /// The counters summed over the roots.
    #[must_use]
    pub fn counters(&self) -> Counters {
        let mut all = Counters::default();
        for r in &self.roots {
            all.add(&r.record.stats);
        }
        all
    }

    fn read_at(&mut self, offset: u64) -> Result<Finding> {
        self.spill.flush()?;
        let file = self.spill.get_mut();
        file.seek(SeekFrom::Start(offset))?;
        let mut line = String::new();
        BufReader::new(&*file).read_line(&mut line)?;
        file.seek(SeekFrom::End(0))?;
        serde_json::from_str(&line).context("internal: spill file")
    }

    /// Builds the report: counts, flows, checklists, and the findings to show.
    ///
    /// # Errors
    /// Reading the spill file.
    #[allow(clippy::too_many_lines)] // reason: one pass over the collected counts, in report order
    pub fn report(&mut self, jwt_var: &str, generated: String, links: Links) -> Result<Report> {
        let multi = self.unit == Unit::Repository;
        let order = self.ordered();
        let mut totals = Totals { roots: self.roots.len(), ..Totals::default() };
        for r in &self.roots {
            totals.files_seen += r.record.stats.files_seen;
            totals.files_read += r.record.stats.files_read;
            totals.parsed += r.record.stats.parsed;
        }
        // SDKs per root, judged again from the recorded dependencies (the same in a merge).
        let mut root_sdks: Vec<Vec<SdkUse>> = Vec::new();
        for r in &self.roots {
            let mut uses: Vec<SdkUse> =
                r.record.sdks.iter().map(|s| sdk::assess(Path::new(&s.file), s.dep.clone())).collect();
            sdk::resolve_by_locks(&mut uses);
            root_sdks.push(uses);
        }
        let sdks_of = |root: usize, dir: Option<&str>| -> Vec<SdkUse> {
            // The application's own manifests, else those of the nearest directory above it
            // that has some (the root's for the top-level fallback).
            let uses = &root_sdks[root];
            let mut dir = dir.unwrap_or("").to_owned();
            loop {
                let own: Vec<SdkUse> = uses
                    .iter()
                    .filter(|s| s.file.parent().map(slash).unwrap_or_default() == dir)
                    .cloned()
                    .collect();
                if !own.is_empty() || dir.is_empty() {
                    return own;
                }
                dir = Path::new(&dir).parent().map(slash).unwrap_or_default();
            }
        };
        let mut all_sdks = Vec::new();
        for &i in &order {
            let r = &self.roots[i];
            for s in &root_sdks[i] {
                let rel = slash(&s.file);
                let (name, _) = place(self.unit, &r.record.label, &r.record.applications, &rel);
                let mut shown = s.clone();
                if multi {
                    shown.file = PathBuf::from(format!("{}/{rel}", r.record.label));
                }
                all_sdks.push((name, shown));
            }
        }
        // Applications with a manifest but no finding are rows too (nothing to migrate, or an
        // SDK to review).
        for (i, r) in self.roots.iter().enumerate() {
            for d in &r.record.applications {
                let (name, dir) =
                    place(self.unit, &r.record.label, &r.record.applications, &format!("{d}/x"));
                let acc = self.apps.entry(name).or_default();
                acc.root = i;
                acc.dir = dir;
            }
        }
        let mut skipped_rows = Vec::new();
        let mut skipped_per_app: BTreeMap<String, usize> = BTreeMap::new();
        for &i in &order {
            let r = &self.roots[i];
            for s in &r.skipped {
                let rel = slash(&s.path);
                let (name, _) = place(self.unit, &r.record.label, &r.record.applications, &rel);
                *skipped_per_app.entry(name.clone()).or_default() += 1;
                totals.skipped += 1;
                if skipped_rows.len() < self.limits.rows {
                    skipped_rows.push(SkipRow {
                        app: name,
                        path: if multi { format!("{}/{rel}", r.record.label) } else { rel },
                        reason: s.reason.as_str(),
                        detail: s.detail.clone(),
                    });
                }
            }
        }
        let suppressed: Vec<SuppressedRow> = order
            .iter()
            .flat_map(|&i| self.roots[i].suppressed.iter().cloned())
            .take(self.limits.rows)
            .collect();
        totals.suppressed = self.suppressed;
        let accs = std::mem::take(&mut self.apps);
        let mut apps = Vec::new();
        let mut effort = Effort::default();
        let mut picks: Vec<(String, (usize, Vec<u64>))> = Vec::new();
        for (name, acc) in accs {
            let (mut flow, mut reason, jwt, oauth) = acc.flow();
            let sdks = sdks_of(acc.root, acc.dir.as_deref());
            let unread: BTreeSet<&str> = sdks
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
            let mut app = App {
                name: name.clone(),
                findings: acc.findings,
                files: acc.files.len(),
                errors: acc.severities[0],
                warnings: acc.severities[1],
                infos: acc.severities[2],
                flow,
                reason,
                jwt_sites: jwt,
                oauth_sites: oauth,
                sdks,
                checklist: Vec::new(),
                skipped: skipped_per_app.get(&name).copied().unwrap_or(0),
                effort: acc.effort,
                shown: Vec::new(),
            };
            if app.findings > 0 {
                let mut upgrades = Vec::new();
                for (eco, package, uses) in blocker_groups(&app) {
                    let b = uses[0];
                    let what = match b.status {
                        SdkStatus::Replace => format!("replace `{package}` ({eco}): {}", b.advice),
                        _ => format!(
                            "upgrade `{package}` ({eco}) to {}",
                            b.min_jwt.as_deref().unwrap_or("a version with the JWT login")
                        ),
                    };
                    upgrades.push(what);
                }
                app.effort.upgrades = upgrades;
            }
            app.checklist = checklist(&app, jwt_var);
            for (k, n) in app.effort.kinds.iter().enumerate() {
                effort.kinds[k] += n;
            }
            effort.fixable += app.effort.fixable;
            effort.upgrades.extend(app.effort.upgrades.iter().cloned());
            let mut offsets: Vec<u64> = acc.shown.into_values().flatten().collect();
            offsets.sort_unstable();
            picks.push((name, (acc.root, offsets)));
            apps.push(app);
        }
        apps.sort_by(|a, b| b.findings.cmp(&a.findings).then_with(|| a.name.cmp(&b.name)));
        // The findings shown: applications in report order, each its first findings per rule
        // (in file order), until the budget is spent.
        let mut picks: BTreeMap<String, (usize, Vec<u64>)> = picks.into_iter().collect();
        let mut anchors: BTreeSet<String> = BTreeSet::new();
        let mut budget = self.limits.findings;
        for app in &mut apps {
            let Some((root, offsets)) = picks.remove(&app.name) else { continue };
            let root = self.roots[root].record.label.clone();
            for offset in offsets {
                if budget == 0 {
                    break;
                }
                budget -= 1;
                let f = self.read_at(offset)?;
                let base = format!("f-{}", f.fingerprint);
                let mut anchor = base.clone();
                let mut n = 2;
                while !anchors.insert(anchor.clone()) {
                    anchor = format!("{base}-{n}");
                    n += 1;
                }
                let rel = slash(&f.path);
                app.shown.push(Item {
                    app: app.name.clone(),
                    display: if multi { format!("{root}/{rel}") } else { rel },
                    anchor,
                    language: Lang::from_path(&f.path).map_or("other", Lang::name),
                    finding: f,
                });
            }
        }
        totals.shown = self.limits.findings - budget;
        totals.findings = apps.iter().map(|a| a.findings).sum();
        totals.files_with_findings = self.files.len();
        totals.errors = apps.iter().map(|a| a.errors).sum();
        totals.warnings = apps.iter().map(|a| a.warnings).sum();
        totals.infos = apps.iter().map(|a| a.infos).sum();
        totals.apps_affected = apps.iter().filter(|a| a.findings > 0).count();
        totals.apps_blocked = apps.iter().filter(|a| a.findings > 0 && a.blockers().next().is_some()).count();
        totals.apps_jwt = apps.iter().filter(|a| a.flow == AppFlow::Jwt).count();
        totals.apps_oauth = apps.iter().filter(|a| a.flow == AppFlow::Oauth).count();
        totals.apps_both = apps.iter().filter(|a| a.flow == AppFlow::Both).count();
        let by_severity = vec![
            Count { label: "error".into(), count: totals.errors },
            Count { label: "warning".into(), count: totals.warnings },
            Count { label: "info".into(), count: totals.infos },
        ];
        let mut by_sdk: Vec<SdkCount> = std::mem::take(&mut self.by_sdk)
            .into_iter()
            .map(|((sdk, era), count)| SdkCount { sdk, era, count })
            .collect();
        by_sdk.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.sdk.cmp(&b.sdk)));
        all_sdks
            .sort_by(|a, b| (&a.0, &a.1.file, &a.1.dep.package).cmp(&(&b.0, &b.1.file, &b.1.dep.package)));
        let mut not_audited = self.not_audited.clone();
        not_audited.sort();
        Ok(Report {
            version: env!("CARGO_PKG_VERSION"),
            generated,
            roots: order.iter().map(|&i| self.roots[i].record.path.clone()).collect(),
            unit: self.unit,
            jwt_var: jwt_var.to_owned(),
            apps,
            totals,
            effort,
            by_severity,
            by_rule: counts_of(std::mem::take(&mut self.by_rule)),
            by_language: counts_of(std::mem::take(&mut self.by_language)),
            by_sdk,
            by_location: counts_of(std::mem::take(&mut self.by_location)),
            location_kind: if multi { "repository" } else { "directory" },
            sdks: all_sdks,
            skipped: skipped_rows,
            suppressed,
            folders: order
                .iter()
                .filter(|&&i| self.roots[i].record.kind == RootKind::Folder)
                .map(|&i| self.roots[i].record.label.clone())
                .collect(),
            not_audited,
            limits: self.limits,
            links,
        })
    }
}

fn checklist(app: &App, jwt_var: &str) -> Vec<String> {
    let mut steps = Vec::new();
    for (eco, package, uses) in blocker_groups(app) {
        let files = uses.iter().map(|b| format!("`{}`", slash(&b.file))).collect::<Vec<_>>().join(", ");
        let b = uses[0];
        steps.push(match b.status {
            SdkStatus::Replace => format!("Replace `{package}` ({eco}, in {files}): {}.", b.advice),
            _ => format!(
                "Upgrade `{package}` ({eco}, in {files}) to {} or later before changing the login code.",
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

//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning and other SARIF consumers read it.
//!
//! One run. `tool.driver.rules[]` describes every rule that ran (and any rule with results),
//! with the documentation and the JWT / authorization-code migration as `help`. Each result has
//! a URI relative to `%SRCROOT%` (the working directory, given in `originalUriBaseIds`), its
//! region in Unicode code points (`columnKind`), the redacted code as snippets, the content
//! fingerprint as `partialFingerprints["pwflow/v1"]`, and the JWT rewrite as `fixes[]`.
//! Findings silenced by a `pwflow-ignore` comment carry `suppressions` of kind `inSource` (with
//! the comment's reason), findings held by the baseline kind `external`; with a baseline,
//! every result has a `baselineState` (`new` or `unchanged`).
//! Skipped files are `toolExecutionNotifications` of level `note`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::finding::{Finding, Flow, Severity, Skipped};
use crate::model::ActiveRule;
use crate::model::ScanResult;
use crate::report::ci;
use crate::rules::Rule;

/// Where people learn about pwflow (`tool.driver.informationUri`; placeholder until the
/// project has a public home). Rule help links are built from it.
pub const INFORMATION_URI: &str = "https://github.com/pwflow/pwflow";

/// The SARIF 2.1.0 schema as GitHub and most tools reference it.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of the content fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "pwflow/v1";

/// The base id every relative artifact URI is resolved against.
pub const SRCROOT: &str = "%SRCROOT%";

/// Renders the scan as a SARIF 2.1.0 log. `rules` are the rules that ran (with their
/// configured severity); URIs are made relative to the current working directory.
///
/// # Errors
/// Serialization failures (not expected for this data).
pub fn render(result: &ScanResult, rules: &[ActiveRule<'_>]) -> anyhow::Result<String> {
    let cwd = std::env::current_dir().ok();
    render_with_base(result, rules, cwd.as_deref())
}

/// [`render`] with an explicit `%SRCROOT%` (an absolute directory; `None` when unknown, in
/// which case the base id only has a description).
///
/// # Errors
/// Serialization failures (not expected for this data).
pub fn render_with_base(
    result: &ScanResult,
    rules: &[ActiveRule<'_>],
    base: Option<&Path>,
) -> anyhow::Result<String> {
    let table = RuleTable::new(rules, &result.findings);
    let baseline_applied = result.baseline.is_some();
    let results: Vec<Value> = result
        .findings
        .iter()
        .map(|f| {
            let index = table.index.get(f.rule.as_str()).copied().unwrap_or(0);
            let mut r = sarif_result(f, index, base);
            if let Some(reason) = &f.suppressed {
                r["suppressions"] = in_source_suppression(Some(reason));
            } else if f.baselined {
                r["suppressions"] = baseline_suppression();
            }
            if baseline_applied {
                r["baselineState"] = json!(if f.baselined { "unchanged" } else { "new" });
            }
            r
        })
        .collect();

    let mut root_base = Map::new();
    match base {
        Some(dir) => {
            root_base.insert("uri".into(), json!(ci::file_uri(dir, true)));
        }
        None => {
            root_base.insert(
                "description".into(),
                json!({ "text": "The directory pwflow ran in; artifact URIs are relative to it." }),
            );
        }
    }

    let notifications: Vec<Value> = result.skipped.iter().map(|s| notification(s, result, base)).collect();

    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pwflow",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": table.descriptors(),
                }
            },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": { SRCROOT: Value::Object(root_base) },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log)?;
    out.push('\n');
    Ok(out)
}

/// SARIF `level` of a severity.
#[must_use]
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A result's `suppressions` array for a finding silenced in the source (a `pwflow-ignore`
/// comment), with the comment's reason as the justification. GitHub shows such results as
/// dismissed alerts.
///
/// Findings that are not suppressed have no `suppressions` at all.
#[must_use]
pub fn in_source_suppression(justification: Option<&str>) -> Value {
    let mut s = Map::new();
    s.insert("kind".into(), json!("inSource"));
    if let Some(j) = justification.map(str::trim).filter(|j| !j.is_empty()) {
        s.insert("justification".into(), json!(j));
    }
    json!([Value::Object(s)])
}

/// A result's `suppressions` array for a finding the baseline file holds (suppressed outside
/// the source, as ESLint's SARIF formatter marks its bulk suppressions).
#[must_use]
pub fn baseline_suppression() -> Value {
    json!([{ "kind": "external", "justification": "recorded in the pwflow baseline file" }])
}

/// The rules listed in `tool.driver.rules`, with each id's index.
struct RuleTable<'a> {
    entries: Vec<RuleEntry<'a>>,
    index: BTreeMap<&'a str, usize>,
}

struct RuleEntry<'a> {
    id: &'a str,
    rule: Option<&'a Rule>,
    severity: Severity,
    /// For ids that are not in the rule set: a message of one of its findings.
    example_message: Option<&'a str>,
}

impl<'a> RuleTable<'a> {
    fn new(rules: &[ActiveRule<'a>], findings: &'a [Finding]) -> RuleTable<'a> {
        let mut entries: Vec<RuleEntry<'a>> = Vec::new();
        let mut index = BTreeMap::new();
        for a in rules {
            if index.contains_key(a.rule.id.as_str()) {
                continue;
            }
            index.insert(a.rule.id.as_str(), entries.len());
            entries.push(RuleEntry {
                id: &a.rule.id,
                rule: Some(a.rule),
                severity: a.severity,
                example_message: None,
            });
        }
        for f in findings {
            if !index.contains_key(f.rule.as_str()) {
                index.insert(f.rule.as_str(), entries.len());
                entries.push(RuleEntry {
                    id: &f.rule,
                    rule: None,
                    severity: f.severity,
                    example_message: Some(&f.message),
                });
            }
        }
        RuleTable { entries, index }
    }

    fn descriptors(&self) -> Vec<Value> {
        self.entries.iter().map(descriptor).collect()
    }
}

/// `ringcentral/php-password-login` → `RingcentralPhpPasswordLogin` (SARIF's friendly name).
fn pascal_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|c| c.to_ascii_uppercase().to_string() + cs.as_str()).unwrap_or_default()
        })
        .collect()
}

/// Collapses runs of whitespace (rule docs are wrapped TOML strings).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first clause of a rule's `what`: up to the first `: ` or `. ` outside a code span,
/// ending with a period.
fn first_clause(what: &str) -> String {
    let text = one_line(what);
    let mut in_code = false;
    let mut end = text.len();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'`' => in_code = !in_code,
            b':' | b'.' if !in_code && bytes.get(i + 1).is_none_or(|&n| n == b' ') => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let mut out = text[..end].trim_end().to_owned();
    out.push('.');
    out
}

fn with_period(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with('.') { t.to_owned() } else { format!("{t}.") }
}

fn descriptor(e: &RuleEntry<'_>) -> Value {
    let mut d = Map::new();
    d.insert("id".into(), json!(e.id));
    d.insert("name".into(), json!(pascal_name(e.id)));
    let mut tags = vec![json!("security"), json!("oauth"), json!("password-flow")];
    match e.rule {
        Some(rule) => {
            let doc = &rule.doc;
            d.insert("shortDescription".into(), json!({ "text": first_clause(&doc.what) }));
            d.insert(
                "fullDescription".into(),
                json!({ "text": one_line(&doc.what), "markdown": doc.what.trim() }),
            );
            d.insert(
                "help".into(),
                json!({
                    "text": format!(
                        "Why is this bad? {}\n\nUse instead: {}\n\n`pwflow explain {}` prints the whole documentation.",
                        doc.why.trim(),
                        doc.use_instead.trim(),
                        e.id
                    ),
                    "markdown": format!(
                        "**Why is this bad?**\n\n{}\n\n**Use instead**\n\n{}\n\n`pwflow explain {}` prints the whole documentation.",
                        doc.why.trim(),
                        doc.use_instead.trim(),
                        e.id
                    ),
                }),
            );
            if rule.source == format!("rules/{}.toml", rule.id) {
                d.insert("helpUri".into(), json!(format!("{INFORMATION_URI}/blob/main/{}", rule.source)));
            }
            tags.push(json!(rule.group));
            tags.extend(rule.languages.iter().map(|l| json!(l.name())));
        }
        None => {
            let text = e.example_message.map_or_else(|| format!("pwflow rule {}.", e.id), with_period);
            d.insert("shortDescription".into(), json!({ "text": text }));
        }
    }
    d.insert("defaultConfiguration".into(), json!({ "level": level(e.severity) }));
    d.insert("properties".into(), json!({ "tags": tags }));
    Value::Object(d)
}

/// `artifactLocation` for a path as walked from the working directory: relative to
/// `%SRCROOT%` when it is under `base`, an absolute `file://` URI otherwise.
fn artifact_location(path: &Path, base: Option<&Path>) -> Value {
    let relative_to_base =
        |p: &Path| json!({ "uri": ci::encode_uri_path(&ci::slash_path(p)), "uriBaseId": SRCROOT });
    let normalized = ci::normalize(path);
    if normalized.is_relative() && !normalized.starts_with("..") {
        return relative_to_base(&normalized);
    }
    let absolute = match base {
        Some(b) if normalized.is_relative() => ci::normalize(&b.join(&normalized)),
        _ => normalized,
    };
    if let Some(rest) = base.and_then(|b| absolute.strip_prefix(b).ok()) {
        return relative_to_base(rest);
    }
    if absolute.is_absolute() {
        json!({ "uri": ci::file_uri(&absolute, false) })
    } else {
        // Relative and outside the base with no base known: the best we have.
        json!({ "uri": ci::encode_uri_path(&ci::slash_path(&absolute)) })
    }
}

/// The finding's primary span in its redacted excerpt, when the excerpt is there.
fn region_text(f: &Finding) -> Option<&str> {
    let ex = f.excerpt.as_ref()?;
    ex.text.get(ex.primary.clone())
}

fn sarif_result(f: &Finding, rule_index: usize, base: Option<&Path>) -> Value {
    let location = artifact_location(ci::ci_path(f), base);

    let mut region = json!({
        "startLine": f.start.line,
        "startColumn": f.start.column,
        "endLine": f.end.line,
        "endColumn": f.end.column,
    });
    if let Some(text) = region_text(f) {
        region["snippet"] = json!({ "text": text });
    }
    let mut physical = json!({ "artifactLocation": location.clone(), "region": region });
    if !f.snippet.is_empty() {
        // The whole lines of the span, redacted.
        let lines = f.snippet.lines().count().max(1);
        let end_line = (f.start.line + lines - 1).max(f.end.line);
        physical["contextRegion"] = json!({
            "startLine": f.start.line,
            "endLine": end_line,
            "snippet": { "text": f.snippet },
        });
    }

    let mut text = with_period(&f.message);
    text.push_str(&format!(
        " Recommended: {}: {}.",
        f.recommendation.flow.title_for(&f.rule),
        f.recommendation.reason
    ));
    if let Some(jwt) = f.fixes.iter().find(|x| x.flow == Flow::Jwt)
        && !jwt.code.contains('\n')
    {
        text.push_str(&format!(" {}: `{}`", jwt.title, jwt.code));
    }

    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule));
    r.insert("ruleIndex".into(), json!(rule_index));
    r.insert("level".into(), json!(level(f.severity)));
    r.insert("message".into(), json!({ "text": text }));
    r.insert("locations".into(), json!([{ "physicalLocation": physical }]));
    r.insert("partialFingerprints".into(), json!({ FINGERPRINT_KEY: f.fingerprint }));

    let fixes: Vec<Value> = f
        .fixes
        .iter()
        .filter(|x| x.flow == Flow::Jwt && !x.edits.is_empty())
        .map(|x| {
            let replacements: Vec<Value> = x
                .edits
                .iter()
                .map(|e| {
                    json!({
                        "deletedRegion": {
                            "byteOffset": e.range.start,
                            "byteLength": e.range.end.saturating_sub(e.range.start),
                        },
                        "insertedContent": { "text": e.replacement },
                    })
                })
                .collect();
            let mut fix = json!({
                "description": { "text": x.title },
                "artifactChanges": [{ "artifactLocation": location.clone(), "replacements": replacements }],
                "properties": { "applicability": x.applicability },
            });
            if let Some(note) = &x.note {
                fix["properties"]["note"] = json!(note);
            }
            fix
        })
        .collect();
    if !fixes.is_empty() {
        r.insert("fixes".into(), Value::Array(fixes));
    }

    let mut props = Map::new();
    props.insert("recommendedFlow".into(), json!(f.recommendation.flow.as_str()));
    props.insert("recommendationReason".into(), json!(f.recommendation.reason));
    if let Some(origin) = &f.recommendation.origin {
        props.insert(
            "credentialOrigin".into(),
            json!({ "kind": origin.kind.as_str(), "evidence": origin.evidence }),
        );
    }
    if let Some(sdk) = &f.sdk {
        props.insert("sdk".into(), json!(sdk));
    }
    r.insert("properties".into(), Value::Object(props));
    Value::Object(r)
}

/// A skipped file as a `note` notification. Skipped paths are relative to their scan root;
/// with one root they are placed under it, with several the path stays in the message only.
fn notification(s: &Skipped, result: &ScanResult, base: Option<&Path>) -> Value {
    let shown = ci::slash_path(&s.path);
    let mut n = json!({
        "level": "note",
        "message": { "text": format!("skipped {shown}: {} ({})", s.reason.as_str(), s.detail) },
        "descriptor": { "id": format!("skipped/{}", s.reason.as_str()) },
    });
    let walked: Option<PathBuf> = match result.roots.as_slice() {
        [root] if s.path.is_absolute() || s.path == *root || !root.is_dir() => Some(s.path.clone()),
        [root] => Some(root.join(&s.path)),
        _ => None,
    };
    if let Some(p) = walked {
        // The walked path is relative to the working directory, and `%SRCROOT%` may be above it
        // (the repository root): resolve it so that it is placed under the base correctly.
        let p = std::fs::canonicalize(&p).unwrap_or(p);
        n["locations"] = json!([{ "physicalLocation": { "artifactLocation": artifact_location(&p, base) } }]);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friendly_names_are_pascal_case() {
        assert_eq!(pascal_name("ringcentral/php-password-login"), "RingcentralPhpPasswordLogin");
        assert_eq!(pascal_name("oauth-ropc/password-grant-request"), "OauthRopcPasswordGrantRequest");
    }

    #[test]
    fn short_descriptions_stop_at_the_first_clause_outside_code() {
        assert_eq!(
            first_clause("Calls of `Platform::login()` that take\nthe password branch: positional"),
            "Calls of `Platform::login()` that take the password branch."
        );
        assert_eq!(first_clause("A `x: y` comment. More."), "A `x: y` comment.");
        assert_eq!(first_clause("No stop"), "No stop.");
    }

    #[test]
    fn locations_are_relative_to_the_base_when_under_it() {
        let base = Path::new("/work/repo");
        assert_eq!(
            artifact_location(Path::new("app/my login.php"), Some(base)),
            json!({ "uri": "app/my%20login.php", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location(Path::new("/work/repo/web/x.js"), Some(base)),
            json!({ "uri": "web/x.js", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location(Path::new("../other/x.js"), Some(base)),
            json!({ "uri": "file:///work/other/x.js" })
        );
        assert_eq!(
            artifact_location(Path::new("/elsewhere/x.js"), Some(base)),
            json!({ "uri": "file:///elsewhere/x.js" })
        );
    }

    #[test]
    fn suppressions_carry_the_justification() {
        assert_eq!(
            in_source_suppression(Some(" moves to JWT in JIRA-7 ")),
            json!([{ "kind": "inSource", "justification": "moves to JWT in JIRA-7" }])
        );
        assert_eq!(in_source_suppression(None), json!([{ "kind": "inSource" }]));
    }
}

//! `--format gitlab`: GitLab Code Quality JSON (a subset of the Code Climate issue format), for
//! `artifacts: reports: codequality:` in `.gitlab-ci.yml`.

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::model::ScanResult;
use crate::report::ci;

#[derive(Serialize)]
struct Issue<'a> {
    /// Code Climate's engine name; first, as pwflow's marker (it skips its own reports).
    engine_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'a str,
    fingerprint: &'a str,
    severity: &'static str,
    categories: [&'static str; 1],
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// Code Quality severity of a finding's severity.
#[must_use]
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

fn issue(f: &Finding) -> Issue<'_> {
    Issue {
        engine_name: "pwflow",
        kind: "issue",
        description: format!("{} (recommended: {})", f.message, f.recommendation.flow.title_for(&f.rule)),
        check_name: &f.rule,
        fingerprint: &f.fingerprint,
        severity: severity(f.severity),
        categories: ["Security"],
        location: Location {
            path: ci::slash_path(ci::ci_path(f)),
            lines: Lines { begin: f.start.line, end: f.end.line },
        },
    }
}

/// Renders the findings that count (not suppressed, not in the baseline) as a Code Quality
/// report (a JSON array; `[]` when clean).
///
/// # Errors
/// Serialization failures (not expected for this data).
pub fn render(result: &ScanResult) -> anyhow::Result<String> {
    let issues: Vec<Issue<'_>> = result.findings.iter().filter(|f| f.is_active()).map(issue).collect();
    let mut out = serde_json::to_string_pretty(&issues)?;
    out.push('\n');
    Ok(out)
}

//! `--format json`: one versioned document with findings, skipped files and stats.

use serde::Serialize;

use crate::finding::{Finding, Skipped};
use crate::model::{ScanResult, Stats};

/// Version of the JSON document's schema; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    roots: Vec<String>,
    findings: &'a [Finding],
    skipped: &'a [Skipped],
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a crate::model::BaselineOutcome>,
    stats: &'a Stats,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// Renders the scan as pretty JSON.
///
/// # Errors
/// Serialization failures (not expected for this data).
pub fn render(result: &ScanResult) -> serde_json::Result<String> {
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool { name: "pwflow", version: env!("CARGO_PKG_VERSION") },
        roots: result.roots.iter().map(|r| r.display().to_string()).collect(),
        findings: &result.findings,
        skipped: &result.skipped,
        baseline: result.baseline.as_ref(),
        stats: &result.stats,
    };
    let mut out = serde_json::to_string_pretty(&doc)?;
    out.push('\n');
    Ok(out)
}

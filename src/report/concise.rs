//! `--format concise` (one line per finding, as ruff's concise output and compilers print them,
//! so editors and `grep` read them) and `--statistics` (findings per rule).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::finding::{Finding, Severity};
use crate::model::ScanResult;
use crate::report::ci;

/// One finding as `path:line:column: rule message`.
#[must_use]
pub fn render_finding(f: &Finding) -> String {
    format!("{}:{}:{}: {} {}\n", ci::ci_path(f).display(), f.start.line, f.start.column, f.rule, f.message)
}

/// Every finding that counts (not suppressed, not in the baseline), one line each, then a
/// summary line unless `quiet`.
#[must_use]
pub fn render(result: &ScanResult, quiet: bool) -> String {
    let active: Vec<&Finding> = result.findings.iter().filter(|f| f.is_active()).collect();
    let mut out: String = active.iter().map(|f| render_finding(f)).collect();
    if !quiet {
        let count = |s| active.iter().filter(|f| f.severity == s).count();
        let _ = writeln!(
            out,
            "found {} password-flow finding(s): {} error(s), {} warning(s), {} info",
            active.len(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        );
    }
    out
}

/// `--statistics`: the number of findings that count per rule, most frequent first (then by
/// rule id), as `count  rule  severity`.
#[must_use]
pub fn statistics(result: &ScanResult) -> String {
    let mut per_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for f in result.findings.iter().filter(|f| f.is_active()) {
        let entry = per_rule.entry(f.rule.as_str()).or_insert((0, f.severity));
        entry.0 += 1;
        entry.1 = entry.1.max(f.severity);
    }
    let mut rows: Vec<(&str, usize, Severity)> = per_rule.into_iter().map(|(r, (n, s))| (r, n, s)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.1.to_string().len()).max().unwrap_or(1);
    let id_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (rule, n, severity) in &rows {
        let _ = writeln!(out, "{n:>width$}  {rule:<id_width$}  {}", severity.as_str());
    }
    let total: usize = rows.iter().map(|r| r.1).sum();
    let _ = writeln!(out, "{total:>width$}  total");
    out
}

//! `pwflow rules` and `pwflow explain`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::rules::{Rule, RuleSet};

/// The fix class a rule offers, as `pwflow rules` shows it: the most automatic of its rewrites
/// (`unsafe` JWT rewrites applied by `--fix --unsafe-fixes`, `guidance` shown only).
#[must_use]
pub fn fix_kind(rule: &Rule) -> &'static str {
    use crate::finding::Applicability;
    match rule.fixes.iter().map(|f| f.applicability).max() {
        Some(Applicability::Safe) => "safe",
        Some(Applicability::Unsafe) => "unsafe",
        Some(Applicability::DisplayOnly) => "guidance",
        None => "none",
    }
}

/// The first sentence of a rule's `what`, at most `max` characters (cut with `...`).
fn summary(what: &str, max: usize) -> String {
    let flat = what.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = flat.split_once(". ").map_or(flat.as_str(), |(first, _)| first).trim_end_matches('.');
    if sentence.chars().count() <= max {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(max.saturating_sub(3)).collect();
    format!("{}...", cut.trim_end())
}

/// A rule's languages, comma-separated, the tail counted (`php,javascript,+13`) past `max`
/// characters; `--format json` and `explain` list them all.
fn languages(rule: &Rule, max: usize) -> String {
    let names: Vec<&str> = rule.languages.iter().map(|l| l.name()).collect();
    let all = names.join(",");
    if all.len() <= max {
        return all;
    }
    let mut shown = String::new();
    let mut count = 0;
    for name in &names {
        if shown.len() + name.len() + 1 > max.saturating_sub(4) {
            break;
        }
        shown.push_str(name);
        shown.push(',');
        count += 1;
    }
    format!("{shown}+{}", names.len() - count)
}

/// A table with a header: id, severity, default state, fix class, languages and a one-line
/// description.
#[must_use]
pub fn list(set: &RuleSet) -> String {
    let rows: Vec<[String; 6]> = set
        .rules
        .iter()
        .map(|r| {
            [
                r.id.clone(),
                r.severity.as_str().to_owned(),
                if r.enabled { "on" } else { "off" }.to_owned(),
                fix_kind(r).to_owned(),
                languages(r, 24),
                summary(&r.doc.what, 60),
            ]
        })
        .collect();
    let header = ["RULE", "SEVERITY", "DEFAULT", "FIX", "LANGUAGES", "DESCRIPTION"].map(str::to_owned);
    let mut widths = [0usize; 6];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let _ = write!(line, "{cell:<w$}  ");
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "\n{} rules; `pwflow explain RULE` for the documentation", rows.len());
    out
}

#[derive(Serialize)]
struct RuleInfo<'a> {
    id: &'a str,
    group: &'a str,
    severity: &'a str,
    enabled: bool,
    languages: Vec<&'a str>,
    what: &'a str,
    why: &'a str,
    example: &'a str,
    use_instead: &'a str,
}

/// The rule list as JSON.
///
/// # Errors
/// Serialization failures (not expected).
pub fn list_json(set: &RuleSet) -> serde_json::Result<String> {
    let infos: Vec<_> = set
        .rules
        .iter()
        .map(|r| RuleInfo {
            id: &r.id,
            group: &r.group,
            severity: r.severity.as_str(),
            enabled: r.enabled,
            languages: r.languages.iter().map(|l| l.name()).collect(),
            what: &r.doc.what,
            why: &r.doc.why,
            example: &r.doc.example,
            use_instead: &r.doc.use_instead,
        })
        .collect();
    Ok(serde_json::to_string_pretty(&infos)? + "\n")
}

/// A rule's documentation as Markdown.
#[must_use]
pub fn explain(rule: &Rule) -> String {
    let langs: Vec<_> = rule.languages.iter().map(|l| l.name()).collect();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", rule.id);
    let _ = writeln!(
        out,
        "severity: {} · {} by default · languages: {}\n",
        rule.severity.as_str(),
        if rule.enabled { "on" } else { format!("off (enable with --extend-select {})", rule.group).leak() },
        langs.join(", ")
    );
    for (title, body) in [
        ("What it finds", &rule.doc.what),
        ("Why is this bad?", &rule.doc.why),
        ("Example", &rule.doc.example),
        ("Use instead", &rule.doc.use_instead),
    ] {
        let _ = writeln!(out, "## {title}\n\n{}\n", body.trim());
    }
    out
}

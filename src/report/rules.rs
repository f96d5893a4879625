//! `pwflow rules` and `pwflow explain`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::rules::{Rule, RuleSet};

/// One line per rule: id, severity, default state, languages.
#[must_use]
pub fn list(set: &RuleSet) -> String {
    let mut out = String::new();
    let width = set.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in &set.rules {
        let langs: Vec<_> = r.languages.iter().map(|l| l.name()).collect();
        let state = if r.enabled { "on" } else { "off" };
        let _ =
            writeln!(out, "{:<width$}  {:<7}  {:<3}  {}", r.id, r.severity.as_str(), state, langs.join(","));
    }
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

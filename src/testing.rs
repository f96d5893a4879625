//! The rule-fixture harness, shared by the built-in tests and users' rules.
//!
//! Layout: `<fixtures>/<rule id>/positive*.<ext>` and `negative*.<ext>`. In positive files every
//! line that must report carries `expect: <rule id>[, <rule id>...]` (or the line before it
//! carries `expect-next-line: ...`, for formats where a comment cannot share a line); every other
//! line must be silent. Negative files must be silent. Each file is scanned with the default rule set plus
//! the rule under test (so an off-by-default rule is tested, and its near-misses still show if
//! another rule fires on them).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::engine::{Engine, EngineOptions, Outcome, Worker};
use crate::finding::{Finding, Flow};
use crate::lang::Lang;
use crate::model::ActiveRule;
use crate::project::ProjectContext;
use crate::rules::{Rule, RuleSet};

/// `expect: rule/a, rule/b`, optionally followed by the recommendation the findings must carry:
/// `-> jwt` or `-> oauth`, and in parentheses a text its reason must hold
/// (`-> jwt (process.env)`).
static EXPECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"expect(-next-line)?:\s*([A-Za-z0-9_/.\-]+(?:\s*,\s*[A-Za-z0-9_/.\-]+)*)(?:\s*->\s*(jwt|oauth)(?:\s*\(([^)]*)\))?)?",
    )
    .expect("valid regex")
});

/// The outcome of one expected or reported (line, rule).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseResult {
    /// Expected and reported.
    Passed,
    /// Expected, not reported.
    Missing,
    /// Reported, not expected.
    Noisy,
    /// Reported with another recommendation than the marker's `-> flow (reason)`: what it
    /// recommended instead, and why.
    WrongFlow(String),
}

/// One (file, line, rule) case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Case {
    /// Fixture file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// Rule id.
    pub rule: String,
    /// Result.
    pub result: CaseResult,
}

/// The fixtures of one rule.
#[derive(Debug, Default)]
pub struct RuleFixtures {
    /// Positive files.
    pub positive: Vec<PathBuf>,
    /// Negative files.
    pub negative: Vec<PathBuf>,
}

/// Fixture files of `rule_id` under `root`, sorted.
#[must_use]
pub fn fixtures_of(root: &Path, rule_id: &str) -> RuleFixtures {
    let dir = root.join(rule_id);
    let mut out = RuleFixtures::default();
    let Ok(entries) = std::fs::read_dir(&dir) else { return out };
    let mut paths: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| Lang::from_path(p).is_some()).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if name.starts_with("positive") {
            out.positive.push(p);
        } else if name.starts_with("negative") {
            out.negative.push(p);
        }
    }
    out
}

/// The (line, rule) pairs a positive file expects.
#[must_use]
pub fn expectations(text: &str) -> BTreeSet<(usize, String)> {
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(c) = EXPECT.captures(line) {
            // `expect-next-line:` is for formats where a comment cannot share the line (INI,
            // `.properties`, `.env` values).
            let line_no = if c.get(1).is_some() { i + 2 } else { i + 1 };
            for id in c[2].split(',') {
                out.insert((line_no, id.trim().to_owned()));
            }
        }
    }
    out
}

/// The recommendations a positive file expects: (line, rule, flow, text of the reason).
#[must_use]
pub fn flow_expectations(text: &str) -> Vec<(usize, String, Flow, Option<String>)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(c) = EXPECT.captures(line) else { continue };
        let Some(flow) = c.get(3) else { continue };
        let flow = if flow.as_str() == "jwt" { Flow::Jwt } else { Flow::Oauth };
        let line_no = if c.get(1).is_some() { i + 2 } else { i + 1 };
        for id in c[2].split(',') {
            out.push((line_no, id.trim().to_owned(), flow, c.get(4).map(|r| r.as_str().trim().to_owned())));
        }
    }
    out
}

/// `line` without its `expect:` marker (the comment opener before it stays), so that a check
/// on the source text does not see the rule ids named in markers.
#[must_use]
pub fn without_marker(line: &str) -> &str {
    EXPECT.find(line).map_or(line, |m| &line[..m.start()])
}

/// An engine with the default rules plus `rule_id`.
fn fixture_engine<'r>(set: &'r RuleSet, rule_id: &str) -> Result<Engine<'r>, String> {
    engine_with(set, |r| r.enabled || r.id == rule_id)
}

fn engine_with<'r>(set: &'r RuleSet, include: impl Fn(&Rule) -> bool) -> Result<Engine<'r>, String> {
    let rules: Vec<ActiveRule<'_>> = set
        .rules
        .iter()
        .filter(|r| include(r))
        .map(|rule| ActiveRule { rule, severity: rule.severity })
        .collect();
    let options = EngineOptions {
        show_secrets: false,
        jwt_var: "RC_JWT".to_owned(),
        max_filesize: 64 << 20,
        parse_timeout: std::time::Duration::from_secs(30),
        no_ignore: true,
        known_rules: set.known_names(),
        languages: None,
        accept_sdk_upgrade: false,
    };
    Engine::new(rules, options, ProjectContext::default()).map_err(|e| e.to_string())
}

/// The result of applying every JWT fix (safe and unsafe) to a fixture.
pub struct FixedFixture {
    /// Original text.
    pub before: String,
    /// Fixed text.
    pub after: String,
    /// Edits applied.
    pub applied: usize,
    /// ERROR/MISSING nodes before and after.
    pub syntax_errors: (usize, usize),
    /// Findings with an applicable fix left after fixing (should be none).
    pub fixable_left: usize,
    /// Edits a second `--fix` would apply (should be none).
    pub second_pass: usize,
    /// Where the secrets are before and after the fix, to mask when the diff is shown.
    pub secrets: crate::model::ChangeSecrets,
}

/// Applies all JWT fixes to a fixture in memory, the way `--fix --unsafe-fixes` does.
///
/// # Errors
/// Unreadable fixture or unknown language.
pub fn fix_fixture(set: &RuleSet, rule_id: &str, file: &Path) -> Result<FixedFixture, String> {
    let lang = Lang::from_path(file).ok_or_else(|| format!("{}: unknown language", file.display()))?;
    let before = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let engine = fixture_engine(set, rule_id)?;
    let mut worker = Worker::default();
    let mode =
        crate::fix::FixMode { unsafe_fixes: true, flow: crate::finding::Flow::Jwt, flow_explicit: true };
    let (after, applied, secrets) =
        crate::fix::fix_text_masked(&engine, file, file, lang, &before, mode, &mut worker);
    let syntax_errors =
        (engine.syntax_errors(lang, &before, &mut worker), engine.syntax_errors(lang, &after, &mut worker));
    let left = match engine.check_bytes(file, file, lang, after.as_bytes(), &mut worker).outcome {
        Outcome::Scanned { findings, .. } => findings,
        _ => Vec::new(),
    };
    let fixable_left =
        left.iter().filter(|f| f.fixes.iter().any(|x| crate::fix::applicable(x, mode))).count();
    let (_, second_pass) = crate::fix::fix_text(&engine, file, file, lang, &after, mode, &mut worker);
    Ok(FixedFixture { before, after, applied, syntax_errors, fixable_left, second_pass, secrets })
}

/// Scans one fixture file with the default rules plus `rule_id`.
///
/// # Errors
/// Unreadable files, unknown language, or a skipped file (a fixture must be scanned).
pub fn scan_fixture(set: &RuleSet, rule_id: &str, file: &Path) -> Result<Vec<Finding>, String> {
    scan_with(&fixture_engine(set, rule_id)?, file)
}

/// An engine running every rule (enabled or not), with every language's query compiled in
/// `form` (scans use the native form; tests compare it with tree-sitter's).
///
/// # Errors
/// When the rules' literals do not build a prefilter.
pub fn engine_in_form(set: &RuleSet, form: crate::query::QueryForm) -> Result<Engine<'_>, String> {
    let engine = engine_with(set, |_| true)?;
    for lang in Lang::ALL {
        engine.compile_queries(lang, form);
    }
    Ok(engine)
}

/// Scans one file with `engine`.
///
/// # Errors
/// As [`scan_fixture`].
pub fn scan_with(engine: &Engine<'_>, file: &Path) -> Result<Vec<Finding>, String> {
    let lang = Lang::from_path(file).ok_or_else(|| format!("{}: unknown language", file.display()))?;
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let report = engine.check_bytes(file, file, lang, &bytes, &mut Worker::default());
    match report.outcome {
        Outcome::Scanned { findings, .. } => Ok(findings),
        Outcome::Prefiltered => Ok(Vec::new()),
        Outcome::Skipped(s) => {
            Err(format!("{}: skipped ({}: {})", file.display(), s.reason.as_str(), s.detail))
        }
    }
}

/// Runs every fixture of `rule_id`, returning one case per expected or reported finding.
///
/// # Errors
/// A fixture that cannot be scanned.
pub fn run_rule(set: &RuleSet, root: &Path, rule_id: &str) -> Result<Vec<Case>, String> {
    let fixtures = fixtures_of(root, rule_id);
    let mut cases = Vec::new();
    for (file, positive) in
        fixtures.positive.iter().map(|f| (f, true)).chain(fixtures.negative.iter().map(|f| (f, false)))
    {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let expected = if positive { expectations(&text) } else { BTreeSet::new() };
        let findings: Vec<Finding> =
            scan_fixture(set, rule_id, file)?.into_iter().filter(Finding::is_active).collect();
        let found: BTreeSet<(usize, String)> =
            findings.iter().map(|f| (f.start.line, f.rule.clone())).collect();
        for (line, rule, flow, reason) in flow_expectations(&text) {
            let Some(f) = findings.iter().find(|f| f.start.line == line && f.rule == rule) else { continue };
            let r = &f.recommendation;
            if r.flow != flow || reason.as_ref().is_some_and(|want| !r.reason.contains(want.as_str())) {
                let got = format!("{}: {}", r.flow.as_str(), r.reason);
                cases.push(Case { file: file.clone(), line, rule, result: CaseResult::WrongFlow(got) });
            }
        }
        for (line, rule) in expected.union(&found) {
            let result =
                match (expected.contains(&(*line, rule.clone())), found.contains(&(*line, rule.clone()))) {
                    (true, true) => CaseResult::Passed,
                    (true, false) => CaseResult::Missing,
                    _ => CaseResult::Noisy,
                };
            cases.push(Case { file: file.clone(), line: *line, rule: rule.clone(), result });
        }
    }
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_parsed() {
        let e = expectations("a // expect: x/y\nb\nc # expect: x/y, z/w\n");
        let v: Vec<_> = e.into_iter().collect();
        assert_eq!(v, [(1, "x/y".into()), (3, "x/y".into()), (3, "z/w".into())]);
        let flows = flow_expectations(
            "a // expect: x/y -> jwt (process.env)\nb # expect: z/w -> oauth\nc // expect: q/r\n",
        );
        assert_eq!(
            flows,
            [(1, "x/y".into(), Flow::Jwt, Some("process.env".into())), (2, "z/w".into(), Flow::Oauth, None)]
        );
        assert_eq!(without_marker("a // expect: x/y -> jwt (process.env)"), "a // ");
    }
}

//! Every rule against its fixtures: the exact set of findings in positive files, silence in
//! negative files, and a snapshot of the rendered diagnostics with their rewrites.

use std::path::{Path, PathBuf};

use pwflow::lang::Lang;
use pwflow::query::QueryForm;
use pwflow::report::human::render_finding;
use pwflow::rules::RuleSet;
use pwflow::testing::{
    CaseResult, engine_in_form, expectations, fix_fixture, fixtures_of, run_rule, scan_fixture, scan_with,
    without_marker,
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[test]
fn every_rule_matches_its_fixtures_exactly() {
    let set = RuleSet::builtin().expect("built-in rules load");
    let mut failures = Vec::new();
    let mut passed = 0;
    for rule in &set.rules {
        let cases = run_rule(&set, &root(), &rule.id).expect("fixtures scan");
        for case in cases {
            match case.result {
                CaseResult::Passed => passed += 1,
                _ => failures.push(format!(
                    "{:?}: {}:{} {}",
                    case.result,
                    case.file.strip_prefix(root()).unwrap_or(&case.file).display(),
                    case.line,
                    case.rule
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{} fixture case(s) failed:\n{}", failures.len(), failures.join("\n"));
    assert!(passed >= 60, "only {passed} expected findings across all fixtures");
}

/// The engine matches rule patterns natively and falls back to tree-sitter's query engine for
/// syntax the native reader does not cover: both must find exactly the same things.
#[test]
fn native_and_tree_sitter_matching_find_the_same() {
    let set = RuleSet::builtin().expect("built-in rules load");
    let natives = engine_in_form(&set, QueryForm::Native).expect("engine");
    let tree_sitters = engine_in_form(&set, QueryForm::TreeSitter).expect("engine");
    let mut compared = 0;
    for rule in &set.rules {
        let fixtures = fixtures_of(&root(), &rule.id);
        for file in fixtures.positive.iter().chain(&fixtures.negative) {
            let native = scan_with(&natives, file).expect("scans");
            let tree_sitter = scan_with(&tree_sitters, file).expect("scans");
            assert_eq!(native, tree_sitter, "{}", file.display());
            compared += native.len();
        }
    }
    assert!(compared >= 60, "only {compared} findings compared");
}

/// The text gates of a rule (its `prefilter-regex` and its checks' gates, such as the login
/// checks' receiver words) are checked on the whole file, so one shape they admit would let a
/// positive fixture through even if they rejected every other. Each expected finding is
/// therefore checked alone: the lines after the previous marker, up to and including its own,
/// without the markers themselves (they name rule ids, which spell words such as `ringcentral`).
#[test]
fn gates_admit_every_expected_finding_alone() {
    let set = RuleSet::builtin().expect("built-in rules load");
    let (mut by_literal, mut by_regex, mut by_check) = (0, 0, 0);
    for rule in &set.rules {
        let regex =
            rule.prefilter_regex.as_deref().map(|s| regex::Regex::new(s).expect("prefilter-regex compiles"));
        let gates: Vec<_> = rule.checks.iter().filter_map(|c| c.text_gate).collect();
        for file in fixtures_of(&root(), &rule.id).positive {
            // The engine queries only around the rule's literals: every match holds one (of the
            // file's language's list). Documents hold code of several languages.
            let literals = Lang::from_path(&file)
                .filter(|l| !l.is_container())
                .map(|l| rule.prefilter_for(l.rule_lang()));
            let text = std::fs::read_to_string(&file).expect("fixture reads");
            let lines: Vec<&str> = text.lines().collect();
            let findings = scan_fixture(&set, &rule.id, &file).expect("fixture scans");
            // Markers are sorted by line; several rules may share one.
            let (mut start, mut last) = (0, 0);
            for (line, id) in expectations(&text) {
                if line != last {
                    (start, last) = (last, line);
                }
                if id != rule.id {
                    continue;
                }
                let chunk: Vec<&str> = lines[start..line].iter().map(|l| without_marker(l)).collect();
                let chunk = chunk.join("\n");
                if let Some(literals) = literals {
                    // To the end of the finding (the marker sits on its first line).
                    let end = findings.iter().filter(|f| f.start.line == line).map(|f| f.end.line).max();
                    let lowered = lines[start..end.unwrap_or(line).max(line).min(lines.len())]
                        .join("\n")
                        .to_ascii_lowercase();
                    assert!(
                        literals.iter().any(|l| lowered.contains(l.as_str())),
                        "{}:{line}: none of the prefilter literals {literals:?} occurs in\n{chunk}",
                        file.display()
                    );
                    by_literal += 1;
                }
                if let Some(regex) = &regex {
                    assert!(
                        regex.is_match(&chunk),
                        "{}:{line}: prefilter-regex rejects\n{chunk}",
                        file.display()
                    );
                    by_regex += 1;
                }
                if !gates.is_empty() {
                    assert!(
                        gates.iter().all(|gate| gate(&chunk)),
                        "{}:{line}: a check's text gate rejects\n{chunk}",
                        file.display()
                    );
                    by_check += 1;
                }
            }
        }
    }
    assert!(by_literal >= 300, "only {by_literal} expected findings checked against their literals");
    assert!(by_regex >= 10, "only {by_regex} expected findings checked against a prefilter-regex");
    assert!(by_check >= 40, "only {by_check} expected findings checked against a check's gate");
}

#[test]
fn positive_fixtures_render_as_snapshots() {
    let set = RuleSet::builtin().expect("built-in rules load");
    for rule in &set.rules {
        for file in fixtures_of(&root(), &rule.id).positive {
            let findings = scan_fixture(&set, &rule.id, &file).expect("fixture scans");
            let rel = file.strip_prefix(root()).expect("under fixtures").to_string_lossy().replace('\\', "/");
            let mut out = String::new();
            for mut f in findings {
                f.path = PathBuf::from(&rel);
                f.location = PathBuf::from(&rel);
                out.push_str(&render_finding(&f, false));
            }
            let fixed = fix_fixture(&set, &rule.id, &file).expect("fixture fixes");
            if fixed.applied > 0 {
                out.push_str("\n--- fixes (--fix --unsafe-fixes) ---\n");
                out.push_str(&pwflow::fix::unified_diff(
                    Path::new(&rel),
                    &fixed.before,
                    &fixed.after,
                    &fixed.secrets,
                ));
            }
            let name = rel.replace(['/', '.'], "__");
            insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false, description => rel.as_str() }, {
                insta::assert_snapshot!(name, out);
            });
        }
    }
}

#[test]
fn secrets_never_appear_in_rendered_fixtures() {
    let set = RuleSet::builtin().expect("built-in rules load");
    for rule in &set.rules {
        for file in fixtures_of(&root(), &rule.id).positive {
            let fixed = fix_fixture(&set, &rule.id, &file).expect("fixture fixes");
            let diff = pwflow::fix::unified_diff(&file, &fixed.before, &fixed.after, &fixed.secrets);
            for f in scan_fixture(&set, &rule.id, &file).expect("fixture scans") {
                let text = render_finding(&f, false) + &serde_json::to_string(&f).expect("json") + &diff;
                for secret in ["hunter2", "S3cr3t!"] {
                    assert!(!text.contains(secret), "{} leaks {secret}:\n{text}", file.display());
                }
            }
        }
    }
}

#[test]
fn fixes_never_break_fixtures_and_converge() {
    let set = RuleSet::builtin().expect("built-in rules load");
    let mut applied = 0;
    for rule in &set.rules {
        for file in fixtures_of(&root(), &rule.id).positive {
            let fixed = fix_fixture(&set, &rule.id, &file).expect("fixture fixes");
            let name = file.display();
            assert!(
                fixed.syntax_errors.1 <= fixed.syntax_errors.0,
                "{name}: a fix added syntax errors {:?}",
                fixed.syntax_errors
            );
            assert_eq!(fixed.fixable_left, 0, "{name}: fixable findings remain after --fix");
            assert_eq!(fixed.second_pass, 0, "{name}: a second --fix still changes the file");
            applied += fixed.applied;
        }
    }
    assert!(applied >= 30, "only {applied} fixes applied across the fixtures");
}

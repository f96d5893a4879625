//! Meta-tests (clippy's): every rule is documented and has positive and negative fixtures,
//! every fixture directory belongs to a rule, ids are well-formed.

use std::path::Path;

use pwflow::rules::RuleSet;
use pwflow::testing::fixtures_of;

#[test]
fn every_rule_has_docs_and_fixtures() {
    let set = RuleSet::builtin().expect("built-in rules load");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for rule in &set.rules {
        for (section, text) in [
            ("what", &rule.doc.what),
            ("why", &rule.doc.why),
            ("example", &rule.doc.example),
            ("use-instead", &rule.doc.use_instead),
        ] {
            assert!(text.trim().len() >= 40, "{}: doc section `{section}` is too short", rule.id);
        }
        assert!(
            rule.doc.use_instead.to_lowercase().contains("jwt"),
            "{}: use-instead must give the JWT rewrite",
            rule.id
        );
        assert!(
            rule.doc.use_instead.contains("code"),
            "{}: use-instead must give the authorization-code flow",
            rule.id
        );
        let fixtures = fixtures_of(&root, &rule.id);
        assert!(!fixtures.positive.is_empty(), "{}: no positive fixture in fixtures/{}/", rule.id, rule.id);
        assert!(!fixtures.negative.is_empty(), "{}: no negative fixture in fixtures/{}/", rule.id, rule.id);
        for lang in &rule.languages {
            let covered = fixtures.positive.iter().any(|p| pwflow::lang::Lang::from_path(p) == Some(*lang))
                || (lang.is_js_family()
                    && fixtures
                        .positive
                        .iter()
                        .any(|p| pwflow::lang::Lang::from_path(p).is_some_and(|l| l.is_js_family())));
            assert!(covered, "{}: no positive fixture for {lang}", rule.id);
        }
        if rule.engine.is_some() {
            continue;
        }
        assert!(
            rule.fixes.iter().any(|f| f.flow == pwflow::finding::Flow::Jwt),
            "{}: no JWT rewrite",
            rule.id
        );
        assert!(
            rule.fixes.iter().any(|f| f.flow == pwflow::finding::Flow::Oauth),
            "{}: no authorization-code rewrite",
            rule.id
        );
    }
}

#[test]
fn every_fixture_directory_belongs_to_a_rule() {
    let set = RuleSet::builtin().expect("built-in rules load");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for group in std::fs::read_dir(&root).expect("fixtures dir").flatten() {
        if !group.path().is_dir() || group.file_name() == "projects" {
            continue;
        }
        for dir in std::fs::read_dir(group.path()).expect("group dir").flatten() {
            let id = format!("{}/{}", group.file_name().to_string_lossy(), dir.file_name().to_string_lossy());
            assert!(set.get(&id).is_some(), "fixtures/{id} has no rule");
        }
    }
}

#[test]
fn rule_ids_match_their_file_paths() {
    let set = RuleSet::builtin().expect("built-in rules load");
    for rule in &set.rules {
        assert_eq!(rule.source, format!("rules/{}.toml", rule.id), "rule id and file path differ");
        assert!(
            rule.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/'),
            "{}: ids are kebab-case",
            rule.id
        );
    }
}

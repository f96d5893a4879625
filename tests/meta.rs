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
        // The engine's rules (suppressions) are language-independent: one test per language
        // in `gate.rs` covers their comment syntax instead of a fixture each.
        for lang in rule.languages.iter().filter(|_| rule.engine.is_none()) {
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

#[test]
fn committed_rule_schema_is_current() {
    // The schema is generated from the serde types of a rule file; the committed copy is what
    // editors validate against, so it must not drift.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/rule.schema.json");
    let generated = pwflow::rules::schema::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "rules/rule.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test --test integration meta::committed_rule_schema_is_current`"
    );
}

#[test]
fn every_rule_file_validates_against_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value =
        serde_json::from_str(&pwflow::rules::schema::json_schema()).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid JSON Schema");
    let mut files = Vec::new();
    for dir in [root.join("rules"), root.join("examples/custom-rules")] {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("readable").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "toml") {
                    files.push(p);
                }
            }
        }
    }
    assert!(files.len() >= 8, "found {} rule files", files.len());
    for file in files {
        let value: toml::Value =
            toml::from_str(&std::fs::read_to_string(&file).expect("read")).expect("TOML");
        let json = serde_json::to_value(value).expect("TOML as JSON");
        let errors: Vec<String> = validator.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {}", file.display(), errors.join("; "));
    }
    // And the schema rejects what the loader rejects: an unknown key.
    let bad = serde_json::json!({"id": "a/b", "group": "a", "languages": [], "severity": "error",
        "message": "m", "label": "l", "prefilter": [], "doc": {"what": "", "why": "", "example": "", "use-instead": ""},
        "colour": "red"});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn every_language_is_wired_end_to_end() {
    // Adding a language is a grammar crate, a `Lang` variant with its `LangSpec`, and rule files
    // with fixtures. This pins each piece for every language, so a half-added one fails here.
    use pwflow::lang::Lang;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let set = RuleSet::builtin().expect("built-in rules load");
    for lang in Lang::ALL {
        let spec = lang.spec();
        assert_eq!(spec.lang, lang);
        if lang.is_container() {
            // Documents: no rules of their own, a positive fixture holding code blocks.
            assert!(
                set.rules.iter().all(|r| !r.languages.contains(&lang)),
                "{lang}: rules name the code blocks' languages, not the document's"
            );
        } else if lang.rule_lang() == lang {
            assert!(lang.grammar().is_some(), "{lang}: no grammar");
            assert!(
                set.rules.iter().any(|r| r.languages.contains(&lang)),
                "{lang}: no built-in rule covers it"
            );
            assert!(!spec.string_kinds.is_empty(), "{lang}: string node kinds are needed for redaction");
            assert!(!spec.comment_kinds.is_empty(), "{lang}: comment node kinds are needed for suppressions");
        }
        if spec.extensions.is_empty() {
            continue;
        }
        // A file of the language is recognised by its name, and a fixture of it exists.
        let ext = spec.extensions[0];
        let name = if lang == Lang::Env { ".env".to_owned() } else { format!("x.{ext}") };
        assert_eq!(Lang::from_path(Path::new(&name)), Some(lang), "{name}");
        let mut has_fixture = false;
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("positive"))
                    && Lang::from_path(&path) == Some(lang)
                {
                    has_fixture = true;
                }
            }
        }
        assert!(has_fixture, "{lang}: no positive fixture");
    }
}

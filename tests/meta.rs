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
        } else if let Some(text) = spec.text {
            // A text language (no grammar crate exists): read by its rules' regexes, so it
            // fills its own slots instead of the node-kind tables, which stay empty.
            assert!(
                lang.grammar().is_none(),
                "{lang}: a language with a grammar is parsed, not read as text"
            );
            assert!(
                spec.code.is_none() && spec.string_kinds.is_empty(),
                "{lang}: node kinds without a grammar"
            );
            assert!(!text.binds.is_empty(), "{lang}: binding operators are needed for redaction");
            // Its lexers find comments, which suppressions and dropped matches need.
            let sample = format!("x = 1 {} pwflow-ignore: a/b -- c\n", spec.line_comment);
            // The literate form's code is indented (its prose would be one more comment).
            for (lex, code) in [(text.lex, sample.clone()), (text.lex_literate, format!("    {sample}"))] {
                assert_eq!(lex(&code).comments.len(), 1, "{lang}: its lexer finds no comment in {code:?}");
            }
            assert!(
                set.rules.iter().any(|r| r.languages.contains(&lang) && r.regex(lang).is_some()),
                "{lang}: no built-in rule covers it with a regex"
            );
        } else if lang.rule_lang() == lang {
            assert!(lang.grammar().is_some(), "{lang}: no grammar");
            assert!(spec.text.is_none(), "{lang}: a language with a grammar has no text slots");
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

/// Every node kind a language's room names is a named node of its grammar: a typo, or a table
/// copied from another language, would silently find less.
#[test]
fn every_room_names_only_node_kinds_of_its_grammar() {
    use pwflow::lang::Lang;
    for lang in Lang::ALL {
        let spec = lang.spec();
        let Some(grammar) = lang.grammar() else {
            assert!(spec.string_kinds.is_empty() && spec.pairs.is_empty(), "{lang}: kinds without a grammar");
            continue;
        };
        let mut kinds: Vec<&str> = Vec::new();
        kinds.extend(spec.string_kinds);
        kinds.extend(spec.string_parts);
        kinds.extend(spec.comment_kinds);
        kinds.extend(spec.pairs.iter().map(|p| p.kind));
        kinds.extend(spec.keys.iter().map(|(k, _)| *k));
        kinds.extend(spec.names.iter().map(|(k, _)| *k));
        kinds.extend(spec.wrappers.iter().map(|w| w.kind));
        kinds.extend(spec.concat.iter().map(|c| c.kind));
        kinds.extend(spec.options.iter().map(|(k, _)| *k));
        kinds.extend(spec.variables);
        if let Some(code) = spec.code {
            kinds.extend(code.functions);
            kinds.extend(code.assignments.iter().map(|a| a.kind));
            kinds.extend(code.containers);
            kinds.extend(code.call_fields);
            kinds.extend(code.statement_lists);
            kinds.extend(code.calls.iter().map(|(k, _)| *k));
            kinds.extend(code.dropped_calls);
            kinds.extend(code.members.iter().map(|(k, _)| *k));
        }
        for kind in kinds {
            assert_ne!(
                grammar.id_for_node_kind(kind, true),
                0,
                "{lang}: `{kind}` is no named node of its grammar"
            );
        }
    }
}

/// A programming language's room fills every slot the checks and the fix builder read, and
/// the shared helpers read a small program of it the way the checks expect: a language added
/// with a slot left empty fails here instead of finding less.
#[test]
fn every_code_room_is_complete_and_read_as_expected() {
    use pwflow::lang::Lang;
    use pwflow::syntax::{called_name, descendants, enclosing_function, is_concat, last_name, text};
    // One program per programming language: a function holding an assignment, a call of
    // `login` on `platform` and a concatenation of two strings.
    let program = |lang: Lang| -> Option<&'static str> {
        Some(match lang {
            Lang::Php | Lang::PhpOnly => "<?php function f() { $a = 1; $platform->login('u' . 'v'); }",
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
                "function f() { a = 1; platform.login('u' + 'v'); }"
            }
            Lang::Python => "def f():\n    a = 1\n    platform.login('u' + 'v')\n",
            Lang::Java => "class C { void f() { a = 1; platform.login(\"u\" + \"v\"); } }",
            Lang::CSharp => "class C { void f() { a = 1; platform.login(\"u\" + \"v\"); } }",
            Lang::Ruby => "def f\n  a = 1\n  platform.login('u' + 'v')\nend\n",
            Lang::Go => "package m\nfunc f() { a := 1; platform.login(\"u\" + \"v\") }\n",
            Lang::Kotlin => "fun f() {\n    a = 1\n    platform.login(\"u\" + \"v\")\n}\n",
            Lang::Swift => "func f() {\n    a = 1\n    platform.login(\"u\" + \"v\")\n}\n",
            _ => return None,
        })
    };
    for lang in Lang::ALL.into_iter().filter(|l| l.is_code()) {
        let spec = lang.spec();
        let code = spec.code.unwrap_or_else(|| panic!("{lang}: a programming language needs code shapes"));
        let room = pwflow::checks::room(lang).unwrap_or_else(|| panic!("{lang}: no check room in `checks/`"));
        assert!(!room.checks.is_empty(), "{lang}: its check room has no checks");
        for (slot, empty) in [
            ("functions", code.functions.is_empty()),
            ("assignments", code.assignments.is_empty()),
            ("containers", code.containers.is_empty()),
            ("statement_lists", code.statement_lists.is_empty()),
            ("calls", code.calls.is_empty()),
            ("members", code.members.is_empty()),
            ("keys", spec.keys.is_empty()),
            ("names", spec.names.is_empty()),
            ("wrappers", spec.wrappers.is_empty()),
            ("concat", spec.concat.is_empty()),
            ("string_parts", spec.string_parts.is_empty()),
            ("variables", spec.variables.is_empty()),
            // Calls of these languages take positional arguments or builders: a rewrite drops
            // no named option a fix title could name. Any other language names its options.
            (
                "options",
                spec.options.is_empty()
                    && !matches!(lang, Lang::Java | Lang::Go | Lang::Kotlin | Lang::Swift),
            ),
        ] {
            assert!(!empty, "{lang}: the `{slot}` slot of its room is empty");
        }
        let src = program(lang).unwrap_or_else(|| panic!("{lang}: add a sample program to this test"));
        let src = if lang == Lang::PhpOnly { src.trim_start_matches("<?php ") } else { src };
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&lang.grammar().expect("grammar")).expect("grammar loads");
        let tree = parser.parse(src, None).expect("parses");
        let nodes: Vec<_> = descendants(tree.root_node()).collect();
        let call = nodes
            .iter()
            // Go names the whole selector (`platform.login`), as a fix title shows it.
            .find(|n| called_name(**n, src, lang).is_some_and(|c| c == "login" || c == "platform.login"))
            .unwrap_or_else(|| panic!("{lang}: `called_name` finds no call of `login`"));
        assert!(enclosing_function(*call, lang).is_some(), "{lang}: the call's function is not found");
        let receiver = nodes.iter().find(|n| {
            text(**n, src).starts_with("platform") && last_name(**n, src, lang).as_deref() == Some("platform")
        });
        assert!(receiver.is_some(), "{lang}: `last_name` does not read the receiver `platform`");
        assert!(
            nodes.iter().any(|n| is_concat(*n, src, lang) && text(*n, src).contains('+')
                || text(*n, src).contains(" . ") && is_concat(*n, src, lang)),
            "{lang}: the concatenation is not recognised"
        );
        let assigned = nodes.iter().any(|n| {
            code.assignments.iter().any(|a| {
                a.kind == n.kind()
                    && n.child_by_field_name(a.target)
                        .is_some_and(|t| text(t, src).trim_start_matches('$') == "a")
            })
        });
        assert!(assigned, "{lang}: the assignment `a = 1` matches none of its assignment shapes");
    }
}

/// The layers of `src/`, lowest first, as ARCHITECTURE.md draws them ("arrows point down"): a
/// module may use modules of its own layer and of the layers below, never one above. An entry
/// names a top-level module or, where one module's parts sit in different layers, a submodule
/// (`fix::title`: the fix title analysis the engine asks, below the engine that `fix` itself
/// uses). The longest entry that prefixes a path decides.
const LAYERS: &[&[&str]] = &[
    &["finding"],
    &["regexes", "bounded", "util", "artefact", "git"],
    &["lang", "syntax", "embedded", "lexer"],
    &["redact", "suppress", "rewrite", "prefilter"],
    &["project"],
    &["context"],
    &["checks"],
    &["rules", "query", "pattern"],
    &["model"],
    &["baseline", "fix::title"],
    &["engine"],
    &["fix", "walk"],
    &["scan", "testing"],
    &["cli", "config", "settings"],
    &["report"],
    &["audit"],
    &["app"],
];

/// The layer of a module path (`fix::title::annotate`), by its longest entry in [`LAYERS`].
fn layer_of(path: &str) -> Option<(usize, &'static str)> {
    let mut best: Option<(usize, &'static str)> = None;
    for (layer, modules) in LAYERS.iter().enumerate() {
        for &module in *modules {
            let prefixes = path == module || path.starts_with(&format!("{module}::"));
            if prefixes && best.is_none_or(|(_, b)| module.len() > b.len()) {
                best = Some((layer, module));
            }
        }
    }
    best
}

/// The module paths a source text refers to through `crate::` (single paths and `{...}`
/// groups, nested) and `super::` (resolved against `module`). Comments are dropped first, and
/// the unit tests at the end of a file (`#[cfg(test)] mod tests`), which may reach up.
fn referenced_modules(module: &str, text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let code: String =
        code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // Reads `seg::seg::{a::b, c}` at `at`, pushing every full path under `prefix`.
    fn read(code: &[u8], mut at: usize, prefix: &str, out: &mut Vec<String>) -> usize {
        let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut path = prefix.to_owned();
        loop {
            if code.get(at) == Some(&b'{') {
                at += 1;
                loop {
                    while code.get(at).is_some_and(|b| b.is_ascii_whitespace() || *b == b',') {
                        at += 1;
                    }
                    match code.get(at) {
                        Some(b'}') | None => return at + 1,
                        _ => at = read(code, at, &path, out),
                    }
                }
            }
            let start = at;
            while code.get(at).is_some_and(|b| is_ident(*b)) {
                at += 1;
            }
            let segment = std::str::from_utf8(&code[start..at]).unwrap_or("");
            if segment.is_empty()
                || segment == "self"
                || segment.starts_with(|c: char| c.is_ascii_uppercase())
            {
                out.push(path);
                return at;
            }
            path = if path.is_empty() { segment.to_owned() } else { format!("{path}::{segment}") };
            if code.get(at..at + 2) == Some(b"::") {
                at += 2;
            } else {
                out.push(path);
                return at;
            }
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let before_ok =
            at == 0 || !(is_ident(bytes[at - 1]) || bytes[at - 1] == b'$' || bytes[at - 1] == b':');
        if before_ok && bytes[at..].starts_with(b"crate::") {
            at = read(bytes, at + "crate::".len(), "", &mut out);
        } else if before_ok && bytes[at..].starts_with(b"super::") {
            let mut base: Vec<&str> = module.split("::").collect();
            while bytes[at..].starts_with(b"super::") {
                base.pop();
                at += "super::".len();
            }
            at = read(bytes, at, &base.join("::"), &mut out);
        } else {
            at += 1;
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Arrows point down: no module of `src/` uses one of a higher layer (see [`LAYERS`] and
/// ARCHITECTURE.md), and every module has its layer.
#[test]
fn arrows_point_down() {
    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    paths.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for path in &paths {
        let rel = path.strip_prefix(&src).expect("under src/").with_extension("");
        let rel = rel.to_string_lossy().replace('\\', "/");
        // The crate roots declare modules, they do not use them.
        if rel == "lib" || rel == "main" {
            continue;
        }
        let module = rel.trim_end_matches("/mod").replace('/', "::");
        let Some((layer, _)) = layer_of(&module) else {
            wrong.push(format!("{module}: in no layer (add it to LAYERS and ARCHITECTURE.md)"));
            continue;
        };
        let text = std::fs::read_to_string(path).expect("readable");
        for target in referenced_modules(&module, &text) {
            checked += 1;
            match layer_of(&target) {
                Some((up, name)) if up > layer => {
                    wrong.push(format!("{module} (layer {layer}) uses {target} ({name}, layer {up})"));
                }
                Some(_) => {}
                None => wrong.push(format!("{module} uses {target}, which is in no layer")),
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(checked > 500, "only {checked} references read: the reader is broken");
    assert!(wrong.is_empty(), "arrows that point up:\n{}", wrong.join("\n"));
}

/// The reader of [`arrows_point_down`] sees paths, groups and `super::`.
#[test]
fn module_references_are_read_whole() {
    let text = "use crate::{a::b, c::{d, e::F}};\nuse super::g;\nlet x = crate::h::i(); // crate::j\n";
    let mut found = referenced_modules("k::l", text);
    found.sort();
    assert_eq!(found, ["a::b", "c::d", "c::e", "h::i", "k::g"]);
}

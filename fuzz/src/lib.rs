//! Shared set-up of the pwflow fuzz targets: one engine with every built-in rule (also the
//! off-by-default ones), built once per process, and one reused [`Worker`] (parsers).

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Duration;

use pwflow::project::ProjectContext;
use pwflow::engine::{Engine, EngineOptions, Worker};
use pwflow::model::ActiveRule;
use pwflow::finding::Flow;
use pwflow::fix::FixMode;
use pwflow::lang::Lang;
use pwflow::rules::RuleSet;

/// Every built-in rule.
pub static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::builtin().expect("the built-in rules load"));

/// A directory whose (since removed) `composer.json` named the RingCentral SDK: paths under it
/// carry project-level RingCentral evidence, paths elsewhere do not.
pub static RC_PROJECT: LazyLock<PathBuf> =
    LazyLock::new(|| std::env::temp_dir().join(format!("pwflow-fuzz-project-{}", std::process::id())));

/// The options of `pwflow check` (default parse timeout), but scanning minified-looking files
/// too so every input reaches the parser.
pub fn options(known_rules: Vec<String>) -> EngineOptions {
    EngineOptions {
        show_secrets: false,
        jwt_var: "RC_JWT".to_owned(),
        max_filesize: 64 << 20,
        parse_timeout: Duration::from_secs(5),
        no_ignore: true,
        known_rules,
        languages: None,
        accept_sdk_upgrade: false,
    }
}

/// The engine: every built-in rule enabled, with the RingCentral project of [`RC_PROJECT`].
pub static ENGINE: LazyLock<Engine<'static>> = LazyLock::new(|| {
    let rules: Vec<ActiveRule<'static>> =
        RULES.rules.iter().map(|rule| ActiveRule { rule, severity: rule.severity }).collect();
    let dir = &*RC_PROJECT;
    std::fs::create_dir_all(dir).expect("temp dir");
    let manifest = dir.join("composer.json");
    std::fs::write(&manifest, r#"{"require": {"ringcentral/ringcentral-php": "^3.0"}}"#)
        .expect("write composer.json");
    let project = ProjectContext::from_markers([manifest.as_path()]);
    let _ = std::fs::remove_file(&manifest);
    let _ = std::fs::remove_dir(dir);
    assert!(
        project.reason_for(&dir.join("x.php")).is_some(),
        "the fuzz project context must mark its directory"
    );
    Engine::new(rules, options(RULES.known_names()), project).expect("engine")
});

thread_local! {
    /// Parsers reused across runs, like a scan's rayon worker.
    pub static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
}

/// The file name a language is scanned under (the name only matters for context evidence).
pub fn file_name(lang: Lang) -> String {
    match lang {
        Lang::Env => ".env".to_owned(),
        // PHP snippets without `<?php` only occur inside documents.
        Lang::PhpOnly => "fuzz.php".to_owned(),
        _ => format!("fuzz.{}", lang.spec().extensions.first().copied().unwrap_or("txt")),
    }
}

/// The path an input is scanned under: inside the RingCentral project when its length is odd
/// (so both the file-level and the project-level evidence paths are exercised).
pub fn path_for(lang: Lang, len: usize) -> PathBuf {
    if len % 2 == 1 { RC_PROJECT.join(file_name(lang)) } else { PathBuf::from(file_name(lang)) }
}

/// Scans `data` as `lang` with [`ENGINE`]; panics are the bugs the targets look for.
pub fn scan(lang: Lang, data: &[u8]) {
    let path = path_for(lang, data.len());
    WORKER.with_borrow_mut(|worker| {
        let report = ENGINE.check_bytes(&path, &path, lang, data, worker);
        let pwflow::engine::Outcome::Scanned { findings, .. } = report.outcome else { return };
        // Offsets count bytes of the file; for UTF-8 input (the only input `--fix` edits) every
        // range must lie inside it, on character boundaries.
        let Ok(text) = std::str::from_utf8(data) else { return };
        let check = |what: &str, r: &std::ops::Range<usize>| {
            assert!(
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end),
                "{what} range {r:?} is not a valid range of the {}-byte input",
                text.len()
            );
        };
        for f in &findings {
            check(&format!("finding {}", f.rule), &f.range);
            for l in &f.labels {
                check(&format!("label of {}", f.rule), &l.range);
            }
            for e in f.fixes.iter().flat_map(|x| &x.edits) {
                check(&format!("fix edit of {}", f.rule), &e.range);
            }
        }
    });
}

/// `--fix --unsafe-fixes --flow jwt`, the mode of the fixture fix tests.
pub const FIX_MODE: FixMode = FixMode { unsafe_fixes: true, flow: Flow::Jwt, flow_explicit: true };

/// The language picked by an input's first byte (the rest of the input is the text).
pub fn split_lang(data: &[u8]) -> Option<(Lang, &[u8])> {
    let (&first, rest) = data.split_first()?;
    Some((Lang::ALL[usize::from(first) % Lang::ALL.len()], rest))
}

/// One language's built-in patterns, read natively and compiled by tree-sitter.
struct BothMatchers {
    native: pwflow::pattern::PatternSet,
    query: tree_sitter::Query,
}

/// Per language (index as in [`Lang::ALL`]), both matchers; `None` where no rule has patterns.
static MATCHERS: LazyLock<Vec<Option<BothMatchers>>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|&lang| {
            let texts: Vec<&str> =
                RULES.rules.iter().filter_map(|r| r.query(lang)).map(|q| q.text.as_str()).collect();
            let grammar = lang.grammar()?;
            if texts.is_empty() {
                return None;
            }
            let native = pwflow::pattern::PatternSet::parse(&grammar, &texts).expect("built-in patterns read");
            let query = tree_sitter::Query::new(&grammar, &texts.join("\n")).expect("built-in patterns compile");
            Some(BothMatchers { native, query })
        })
        .collect()
});

/// A match as (pattern index, sorted (capture name, byte range) pairs).
type Seen = (usize, Vec<(String, usize, usize)>);

/// Parses `data` as `lang` and runs the built-in patterns with both matchers over the whole tree
/// and over a byte range taken from the input's length: they must report the same matches.
pub fn match_both(lang: Lang, data: &[u8]) {
    use tree_sitter::StreamingIterator as _;
    let Some(Some(both)) = MATCHERS.get(lang as usize) else { return };
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&lang.grammar().expect("grammar")).expect("grammar loads");
    let Some(tree) = parser.parse(data, None) else { return };
    let root = tree.root_node();
    let middle = data.len() / 3;
    for range in [0..data.len(), middle..middle + data.len() / 4 + 1] {
        let mut native: Vec<Seen> = Vec::new();
        both.native.for_each_match(root, data, range.clone(), &mut |pattern, captures| {
            let names = both.native.capture_names();
            let mut seen: Vec<_> =
                captures.iter().map(|(i, n)| (names[*i as usize].clone(), n.start_byte(), n.end_byte())).collect();
            seen.sort();
            native.push((pattern, seen));
        });
        let mut cursor = tree_sitter::QueryCursor::new();
        cursor.set_byte_range(range.clone());
        let mut theirs: Vec<Seen> = Vec::new();
        let mut matches = cursor.matches(&both.query, root, data);
        while let Some(m) = matches.next() {
            let names = both.query.capture_names();
            let mut seen: Vec<_> = m
                .captures
                .iter()
                .map(|c| (names[c.index as usize].to_owned(), c.node.start_byte(), c.node.end_byte()))
                .collect();
            seen.sort();
            theirs.push((m.pattern_index, seen));
        }
        // As sets: the order differs, and tree-sitter merges matches capturing the same nodes.
        native.sort();
        native.dedup();
        theirs.sort();
        theirs.dedup();
        assert!(native == theirs, "{lang} {range:?}: native {native:?}\ntree-sitter {theirs:?}");
    }
}

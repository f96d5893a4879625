//! Shared set-up of the pwflow fuzz targets: one engine with every built-in rule (also the
//! off-by-default ones), built once per process, and one reused [`Worker`] (parsers).

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Duration;

use pwflow::context::ProjectContext;
use pwflow::engine::{ActiveRule, Engine, EngineOptions, Worker};
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

//! Applies every JWT fix (`--fix --unsafe-fixes --flow jwt`) to arbitrary text. The first byte
//! picks the language (its value modulo the number of languages indexes `Lang::ALL`: `0` PHP,
//! `1` JavaScript, ..., `9` shell, like `scan_any`), the rest is the text (UTF-8 only: `--fix`
//! refuses anything else). The seeds in `corpus/fix/` are every fixture with that byte first.
//!
//! Asserts: a text that parsed without syntax errors still does after fixing, and fixing the
//! result again applies nothing (fixing converges within one run).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pwflow::fix::fix_text;
use pwflow_fuzz::{ENGINE, FIX_MODE, WORKER, path_for, split_lang};

fuzz_target!(|data: &[u8]| {
    let Some((lang, rest)) = split_lang(data) else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    // `fix_file` strips a UTF-8 BOM before `fix_text`.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let path = path_for(lang, text.len());
    WORKER.with_borrow_mut(|worker| {
        let engine = &*ENGINE;
        let before = engine.syntax_errors(lang, text, worker);
        let (after, applied) = fix_text(engine, &path, &path, lang, text, FIX_MODE, worker);
        if applied == 0 {
            assert_eq!(after, text, "no edit applied but the text changed");
            return;
        }
        if before == 0 {
            let errors = engine.syntax_errors(lang, &after, worker);
            assert_eq!(
                errors, 0,
                "{lang:?}: the input parsed cleanly, the fixed text has {errors} syntax errors\n--- input\n{text}\n--- fixed\n{after}"
            );
        }
        let (again, second) = fix_text(engine, &path, &path, lang, &after, FIX_MODE, worker);
        assert_eq!(
            second, 0,
            "{lang:?}: a second fix applied {second} more edits\n--- input\n{text}\n--- fixed once\n{after}\n--- fixed twice\n{again}"
        );
    });
});

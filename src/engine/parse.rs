//! Parse: a file becomes its units (the whole file in its language, a document's code blocks
//! grouped by language) and each unit a tree, parsed with a deadline and restricted to the
//! unit's ranges (offsets stay file offsets). The fix pass parses through here too, to count
//! syntax errors and find the secrets a diff masks.

use std::ops::Range;
use std::time::Instant;

use tree_sitter::{ParseOptions, Parser, Tree};

use super::windows::{parses_partially, partial_ranges};
use super::{Engine, Worker};
use crate::embedded::Region;
use crate::lang::Lang;
use crate::redact;

impl Engine<'_> {
    /// What to parse in a file: the whole file in its language, or, for a document (Markdown,
    /// HTML), its code blocks grouped by language. `None` when the document's own parse timed out.
    pub(super) fn units(&self, lang: Lang, text: &str, worker: &mut Worker) -> Option<Vec<Region>> {
        match lang {
            Lang::Markdown => Some(crate::embedded::markdown_regions(text)),
            Lang::Html | Lang::Vue | Lang::Svelte => {
                let tree = self.parse_ranges(lang, text, &[], worker)?;
                Some(crate::embedded::html_regions(tree.root_node(), text))
            }
            // A notebook's cells are read from its decoded text (`check_bytes`); its own text
            // has no code to parse, mask or fix.
            Lang::Notebook => Some(Vec::new()),
            _ => Some(vec![Region { lang, ranges: Vec::new() }]),
        }
    }

    /// Number of ERROR and MISSING nodes when `text` is parsed (every code block of a document),
    /// `usize::MAX` when it cannot be parsed in time, to reject fixes that break a file.
    pub fn syntax_errors(&self, lang: Lang, text: &str, worker: &mut Worker) -> usize {
        self.syntax_errors_near(lang, text, &[], worker)
    }

    /// The units of a text restricted to the windows around sorted `near` ranges when the text
    /// is large ([`parses_partially`]), else (or with no `near`) all of it.
    fn units_near(
        &self,
        lang: Lang,
        text: &str,
        near: &[Range<usize>],
        worker: &mut Worker,
    ) -> Option<Vec<Region>> {
        if parses_partially(lang, text.len()) && !near.is_empty() {
            return Some(vec![Region { lang, ranges: partial_ranges(lang, text, near) }]);
        }
        self.units(lang, text, worker)
    }

    /// [`Engine::syntax_errors`] counted only in the windows around sorted `near` ranges when
    /// the text is large: a fix compares the windows around its edits before and after (the
    /// text outside the edits is the same, so are the windows' edges), instead of parsing a
    /// 4 MB file twice per pass.
    pub fn syntax_errors_near(
        &self,
        lang: Lang,
        text: &str,
        near: &[Range<usize>],
        worker: &mut Worker,
    ) -> usize {
        let Some(units) = self.units_near(lang, text, near, worker) else { return usize::MAX };
        self.count_errors(text, units, worker)
    }

    /// [`Engine::secret_ranges`] found only in the windows around sorted `near` ranges when the
    /// text is large (a diff shows only the lines around its edits).
    pub fn secret_ranges_near(
        &self,
        lang: Lang,
        text: &str,
        near: &[Range<usize>],
        worker: &mut Worker,
    ) -> Vec<Range<usize>> {
        if self.options.show_secrets {
            return Vec::new();
        }
        let Some(units) = self.units_near(lang, text, near, worker) else { return Vec::new() };
        self.secrets_in(text, units, worker)
    }

    fn count_errors(&self, text: &str, units: Vec<Region>, worker: &mut Worker) -> usize {
        let mut errors = 0usize;
        // A text language has no grammar to count errors with (its fixes are never applied).
        for unit in units.into_iter().filter(|u| !u.lang.is_text()) {
            match self.parse_ranges(unit.lang, text, &unit.ranges, worker) {
                Some(tree) if tree.root_node().has_error() => {
                    errors += crate::syntax::descendants(tree.root_node())
                        .filter(|n| n.is_error() || n.is_missing())
                        .count();
                }
                Some(_) => {}
                None => return usize::MAX,
            }
        }
        errors
    }

    /// The secret ranges of a text (sorted, merged; empty with `--show-secrets`), to mask
    /// them in diffs.
    pub fn secret_ranges(&self, lang: Lang, text: &str, worker: &mut Worker) -> Vec<Range<usize>> {
        self.secret_ranges_near(lang, text, &[], worker)
    }

    fn secrets_in(&self, text: &str, units: Vec<Region>, worker: &mut Worker) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        for unit in units {
            if unit.lang.is_text() {
                let lexed = super::text::lex(unit.lang, text, &unit.ranges, false);
                ranges.extend(super::text::secrets(unit.lang, text, &lexed));
                continue;
            }
            if let Some(tree) = self.parse_ranges(unit.lang, text, &unit.ranges, worker) {
                ranges.extend(redact::file_secrets(tree.root_node(), text, unit.lang));
            }
        }
        redact::normalize(ranges)
    }

    /// Parses `text` as `lang` within a time limit; with `ranges`, only those byte ranges (the
    /// code blocks of a document) are parsed and the tree's offsets are still file offsets.
    pub(super) fn parse_ranges(
        &self,
        lang: Lang,
        text: &str,
        ranges: &[Range<usize>],
        worker: &mut Worker,
    ) -> Option<Tree> {
        let grammar = lang.grammar()?;
        let parser = worker.parsers.entry(lang).or_insert_with(|| {
            let mut p = Parser::new();
            // The grammars are compiled in; a version mismatch is caught by the unit tests.
            let _ = p.set_language(&grammar);
            p
        });
        // No ranges: the whole document. A parser keeps its ranges, so they are set on every call.
        let included = crate::embedded::ts_ranges(text, ranges);
        if parser.set_included_ranges(&included).is_err() {
            return None;
        }
        let deadline = Instant::now() + self.options.parse_timeout;
        let mut progress = |_: &tree_sitter::ParseState| Instant::now() > deadline;
        let bytes = text.as_bytes();
        let mut read = |offset: usize, _| bytes.get(offset..).unwrap_or_default();
        let tree = parser.parse_with_options(
            &mut read,
            None,
            Some(ParseOptions::new().progress_callback(&mut progress)),
        );
        if tree.is_none() {
            parser.reset();
        }
        tree
    }
}

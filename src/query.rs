//! One query per language: the patterns of every active rule for a grammar, prepared together,
//! once, when the first file of that language needs them, and matched in one walk of the tree
//! (each match is handed to the rules that own its pattern).
//!
//! Two matchers can run them:
//!
//! - **native** ([`crate::pattern`]): the pattern text read in Rust and matched by walking the
//!   tree. Preparing it costs microseconds. Compiling a `tree_sitter::Query` instead analyses
//!   the grammar's whole parse table first: a fixed 2-10 ms per grammar (TypeScript, TSX and
//!   C# are the largest) plus 3-10 ms per named parent node, which on a pre-commit run of a few
//!   files in four languages was half of all instructions.
//! - **tree-sitter**: `tree_sitter::Query`, for patterns using syntax the native reader does
//!   not cover (quantifiers, negated fields, supertypes, ...). A language falls back as a whole.
//!
//! Both report the same matches; the fixture suite runs in both forms and compares them.

use std::ops::Range;
use std::sync::OnceLock;

use tree_sitter::{Node, Query, QueryCursor, StreamingIterator as _};

use crate::lang::Lang;
use crate::pattern::{Captured, PatternSet};
use crate::rules::Rule;

/// Which matcher runs a language's patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// The native matcher, or tree-sitter's when a pattern needs syntax it does not read.
    Native,
    /// A compiled `tree_sitter::Query` (tests compare both).
    TreeSitter,
}

/// The rules' queries for every language, each prepared on first use.
pub struct QueryPlan {
    langs: Vec<LangPlan>,
}

/// The patterns one language needs, before and after preparation.
struct LangPlan {
    lang: Lang,
    /// Distinct query texts, each with the rules (engine indices) that own it.
    sources: Vec<(String, Vec<usize>)>,
    /// For each owning rule: its primary capture and the capture where its span starts.
    primaries: Vec<(usize, String, Option<String>)>,
    compiled: OnceLock<Option<LangQuery>>,
}

/// A language's prepared query.
pub struct LangQuery {
    matcher: Matcher,
    /// For each pattern, the index in the plan's sources.
    pattern_source: Vec<usize>,
    /// The rules owning each source.
    owners: Vec<Vec<usize>>,
    /// Per rule (engine index), the primary capture and the capture its span starts at.
    primaries: Vec<(usize, u32, Option<u32>)>,
}

enum Matcher {
    Native(PatternSet),
    TreeSitter(Query),
}

impl QueryPlan {
    /// The plan for `rules` (indexed as the engine indexes them): nothing is prepared yet.
    #[must_use]
    pub fn new<'a>(rules: impl IntoIterator<Item = &'a Rule>) -> QueryPlan {
        let mut langs: Vec<LangPlan> = Lang::ALL
            .iter()
            .map(|&lang| LangPlan {
                lang,
                sources: Vec::new(),
                primaries: Vec::new(),
                compiled: OnceLock::new(),
            })
            .collect();
        for (index, rule) in rules.into_iter().enumerate() {
            for q in &rule.queries {
                let plan = &mut langs[q.lang as usize];
                match plan.sources.iter_mut().find(|(text, _)| *text == q.text) {
                    Some((_, owners)) => owners.push(index),
                    None => plan.sources.push((q.text.clone(), vec![index])),
                }
                plan.primaries.push((index, q.primary.clone(), q.primary_start.clone()));
            }
        }
        QueryPlan { langs }
    }

    /// Whether some rule has a pattern for `lang`.
    #[must_use]
    pub fn has_patterns(&self, lang: Lang) -> bool {
        !self.langs[lang as usize].sources.is_empty()
    }

    /// The query for `lang`, or `None` when no rule has a pattern for it. Prepared now in
    /// `form` if this is the first use; a query already prepared keeps its form.
    pub fn get_or_compile(&self, lang: Lang, form: QueryForm) -> Option<&LangQuery> {
        let plan = &self.langs[lang as usize];
        if plan.sources.is_empty() {
            return None;
        }
        plan.compiled.get_or_init(|| plan.compile(form)).as_ref()
    }

    /// The query for `lang`, prepared now in the native form if this is the first use.
    pub fn get(&self, lang: Lang) -> Option<&LangQuery> {
        self.get_or_compile(lang, QueryForm::Native)
    }
}

impl LangPlan {
    fn compile(&self, form: QueryForm) -> Option<LangQuery> {
        let grammar = self.lang.grammar()?;
        let texts: Vec<&str> = self.sources.iter().map(|(text, _)| text.as_str()).collect();
        let native = match form {
            QueryForm::Native => PatternSet::parse(&grammar, &texts),
            QueryForm::TreeSitter => None,
        };
        let (matcher, pattern_source) = match native {
            Some(set) => {
                let pattern_source = set.pattern_sources().to_vec();
                (Matcher::Native(set), pattern_source)
            }
            None => {
                let mut text = String::new();
                let mut starts = Vec::new();
                for source in &texts {
                    starts.push(text.len());
                    text.push_str(source);
                    text.push('\n');
                }
                let query = Query::new(&grammar, &text).ok()?;
                let pattern_source = (0..query.pattern_count())
                    .map(|p| {
                        starts.partition_point(|&s| s <= query.start_byte_for_pattern(p)).saturating_sub(1)
                    })
                    .collect();
                (Matcher::TreeSitter(query), pattern_source)
            }
        };
        let capture_index = |name: &str| match &matcher {
            Matcher::Native(set) => set.capture_index(name),
            Matcher::TreeSitter(query) => query.capture_index_for_name(name),
        };
        let primaries = self
            .primaries
            .iter()
            .filter_map(|(rule, primary, start)| {
                let primary = capture_index(primary)?;
                let start = match start {
                    Some(name) => Some(capture_index(name)?),
                    None => None,
                };
                Some((*rule, primary, start))
            })
            .collect();
        Some(LangQuery {
            matcher,
            pattern_source,
            owners: self.sources.iter().map(|(_, owners)| owners.clone()).collect(),
            primaries,
        })
    }
}

impl LangQuery {
    /// The rules (engine indices) a match of `pattern` belongs to.
    #[must_use]
    pub fn owners(&self, pattern: usize) -> &[usize] {
        self.pattern_source.get(pattern).map_or(&[], |&s| &self.owners[s])
    }

    /// A rule's primary capture and the capture its span starts at.
    #[must_use]
    pub fn primary(&self, rule: usize) -> Option<(u32, Option<u32>)> {
        self.primaries.iter().find(|(r, _, _)| *r == rule).map(|&(_, p, s)| (p, s))
    }

    /// The name of a capture.
    #[must_use]
    pub fn capture_name(&self, index: u32) -> &str {
        match &self.matcher {
            Matcher::Native(set) => set.capture_names().get(index as usize).map_or("", String::as_str),
            Matcher::TreeSitter(query) => query.capture_names().get(index as usize).copied().unwrap_or(""),
        }
    }

    /// Whether the native matcher runs this language.
    #[must_use]
    pub fn is_native(&self) -> bool {
        matches!(self.matcher, Matcher::Native(_))
    }

    /// Calls `found` with the pattern index and captures of every match whose root lies in
    /// `range` of the tree under `root`.
    pub fn for_each_match<'t>(
        &self,
        root: Node<'t>,
        src: &[u8],
        range: Range<usize>,
        found: &mut dyn FnMut(usize, &Captured<'t>),
    ) {
        self.for_each_match_of(root, src, range, &|_| true, found);
    }

    /// [`QueryPlan::for_each_match`] for the patterns `wanted` accepts (by pattern index); the
    /// native matcher does not try the others at all, a compiled query skips their matches.
    pub fn for_each_match_of<'t>(
        &self,
        root: Node<'t>,
        src: &[u8],
        range: Range<usize>,
        wanted: &dyn Fn(usize) -> bool,
        found: &mut dyn FnMut(usize, &Captured<'t>),
    ) {
        match &self.matcher {
            Matcher::Native(set) => set.for_each_match_of(root, src, range, wanted, found),
            Matcher::TreeSitter(query) => {
                let mut cursor = QueryCursor::new();
                cursor.set_byte_range(range);
                let mut captures = Vec::new();
                let mut matches = cursor.matches(query, root, src);
                while let Some(m) = matches.next() {
                    if !wanted(m.pattern_index) {
                        continue;
                    }
                    captures.clear();
                    captures.extend(m.captures.iter().map(|c| (c.index, c.node)));
                    found(m.pattern_index, &captures);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn every_language_prepares_in_both_forms() {
        let set = RuleSet::builtin().expect("loads");
        for form in [QueryForm::Native, QueryForm::TreeSitter] {
            let plan = QueryPlan::new(&set.rules);
            for lang in Lang::ALL {
                if !plan.has_patterns(lang) {
                    continue;
                }
                let query = plan.get_or_compile(lang, form).unwrap_or_else(|| panic!("{lang} prepares"));
                // The built-in rules need no fallback: the native form is native everywhere.
                assert_eq!(query.is_native(), form == QueryForm::Native, "{lang} {form:?}");
                for (index, rule) in set.rules.iter().enumerate() {
                    if rule.queries.iter().any(|q| q.lang == lang) {
                        assert!(query.primary(index).is_some(), "{}: no primary capture for {lang}", rule.id);
                    }
                }
                let patterns = query.pattern_source.len();
                assert!(patterns >= query.owners.len(), "{lang}: {patterns} patterns");
            }
        }
    }
}

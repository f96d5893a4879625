//! One tree-sitter query per language: the patterns of every active rule for a grammar,
//! compiled together, once, when the first file of that language needs them.
//!
//! Why: compiling a tree-sitter query runs an analysis of the grammar's parse table. Part of it
//! is a fixed cost per query (a scan of the whole table: 1.5 ms for JavaScript, 5 ms for
//! TypeScript) and the rest grows with every *named parent node* in the patterns (3-10 ms each
//! for `call_expression`, `member_expression`, ...). On a pre-commit run of a few files that
//! was over half of the wall time. Two things remove most of it:
//!
//! - **one query per language**: the fixed cost is paid once, and one walk of the tree serves
//!   every rule (matches are handed to the rules that own the pattern);
//! - **wildcard parents**: tree-sitter does not analyse wildcard nodes, so each named node
//!   pattern `(call_expression ...)` is compiled as `(_ ...) @pwflow.kind.N` and its kind is
//!   checked when a match comes back ([`LangQuery::kinds_match`]). Every rewritten node gets
//!   its own capture: tree-sitter drops an in-progress match whose captures are a subset of
//!   another's, and distinct captures keep a wrong-kind candidate from displacing the right
//!   one. Quantified nodes (and everything inside them) keep their kind, since a wildcard
//!   repetition would swallow nodes the original stops at.
//!
//! Measured with the built-in rules (release build, all of a language's patterns): PHP 42 ms
//! to 7 ms, TypeScript 97 ms to 9 ms, C# 176 ms to 19 ms.
//!
//! The wildcard form has a price when it runs: tree-sitter starts a state for every wildcard
//! pattern at every node it visits, and the states of ancestors make it enter every sibling
//! on the way to a window. On the benchmark corpus (186 large candidates) matching took 4 to 5
//! times longer. So the form is chosen per language from the bytes the scan will match
//! ([`QueryForm::for_bytes`]): wildcards for a pre-commit's few files, exact kinds for an audit
//! of a large tree, where compiling is a small part of the run. Both forms find the same
//! matches; the fixture suite runs in both.

use std::ops::Range;
use std::sync::OnceLock;

use tree_sitter::{Query, QueryMatch};

use crate::lang::Lang;
use crate::rules::Rule;

/// Prefix of the captures the wildcard rewrite adds; rule captures cannot start with it
/// (tree-sitter capture names are free-form, but a dot-separated `pwflow.` namespace is ours).
const KIND_CAPTURE: &str = "pwflow.kind.";

/// How a language's patterns are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// Named nodes as wildcards with a kind check: cheap to compile, slower to run.
    Wildcard,
    /// The patterns as written: slow to compile, fast to run.
    Exact,
}

impl QueryForm {
    /// Below this many bytes of a language to match, compiling dominates: wildcards. Compiling
    /// exact patterns costs 30-150 ms more per language; matching wildcards costs about 70 ms
    /// more per MiB of candidates (full benchmark corpus).
    pub const WILDCARD_BELOW: u64 = 1 << 20;

    /// The form for a scan that will match `bytes` bytes of one language.
    #[must_use]
    pub fn for_bytes(bytes: u64) -> QueryForm {
        if bytes < QueryForm::WILDCARD_BELOW { QueryForm::Wildcard } else { QueryForm::Exact }
    }
}

/// The rules' queries for every language, each compiled on first use.
pub struct QueryPlan {
    langs: Vec<LangPlan>,
}

/// The patterns one language needs, before and after compilation.
struct LangPlan {
    lang: Lang,
    /// Distinct query texts, each with the rules (engine indices) that own it.
    sources: Vec<(String, Vec<usize>)>,
    /// For each owning rule: its primary capture and the capture where its span starts.
    primaries: Vec<(usize, String, Option<String>)>,
    compiled: OnceLock<Option<LangQuery>>,
}

/// A language's compiled query.
pub struct LangQuery {
    /// The combined query.
    pub query: Query,
    /// For each pattern, the index in the plan's sources.
    pattern_source: Vec<usize>,
    /// The rules owning each source.
    owners: Vec<Vec<usize>>,
    /// For each capture index, the node kind a wildcard-rewritten capture must have.
    kinds: Vec<Option<Box<str>>>,
    /// Per rule (engine index), the primary capture and the capture its span starts at.
    primaries: Vec<(usize, u32, Option<u32>)>,
}

impl QueryPlan {
    /// The plan for `rules` (indexed as the engine indexes them): nothing is compiled yet.
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

    /// The compiled query for `lang`, or `None` when no rule has a pattern for it. Compiled now
    /// in `form` if this is the first use; a query already compiled keeps its form.
    pub fn get_or_compile(&self, lang: Lang, form: QueryForm) -> Option<&LangQuery> {
        let plan = &self.langs[lang as usize];
        if plan.sources.is_empty() {
            return None;
        }
        plan.compiled.get_or_init(|| plan.compile(form)).as_ref()
    }

    /// The compiled query for `lang` (compiled now, as wildcards, if this is the first use: a
    /// language first met in a document's code blocks has little code to match).
    pub fn get(&self, lang: Lang) -> Option<&LangQuery> {
        self.get_or_compile(lang, QueryForm::Wildcard)
    }

    /// A rough, relative cost of compiling `lang`'s query (0 once compiled): the analysis
    /// walks the grammar's parse table, so it grows with the table and with the patterns.
    #[must_use]
    pub fn cost_hint(&self, lang: Lang) -> usize {
        let plan = &self.langs[lang as usize];
        if plan.compiled.get().is_some() {
            return 0;
        }
        let text: usize = plan.sources.iter().map(|(t, _)| t.len()).sum();
        lang.grammar().map_or(0, |g| g.parse_state_count()).saturating_mul(text)
    }
}

impl LangPlan {
    /// The sources joined into one query text in `form`: the text, where each source starts,
    /// and the kind each added `pwflow.kind.N` capture stands for.
    fn joined(&self, form: QueryForm) -> (String, Vec<usize>, Vec<String>) {
        let mut text = String::new();
        let mut starts = Vec::new();
        let mut kinds = Vec::new();
        for (source, _) in &self.sources {
            starts.push(text.len());
            match wildcard_kinds(source, kinds.len()).filter(|_| form == QueryForm::Wildcard) {
                Some((rewritten, k)) => {
                    text.push_str(&rewritten);
                    kinds.extend(k);
                }
                None => text.push_str(source),
            }
            text.push('\n');
        }
        (text, starts, kinds)
    }

    fn compile(&self, form: QueryForm) -> Option<LangQuery> {
        let grammar = self.lang.grammar()?;
        let (mut text, mut starts, mut kinds) = self.joined(form);
        let query = match Query::new(&grammar, &text) {
            Ok(query) => query,
            Err(_) => {
                // The rewrite is mechanical; should it ever produce something tree-sitter
                // rejects, the rules' own texts (validated when loaded) still work, slower.
                (text, starts, kinds) = self.joined(QueryForm::Exact);
                Query::new(&grammar, &text).ok()?
            }
        };
        let pattern_source = (0..query.pattern_count())
            .map(|p| starts.partition_point(|&s| s <= query.start_byte_for_pattern(p)).saturating_sub(1))
            .collect();
        let mut capture_kinds = vec![None; query.capture_names().len()];
        for (n, kind) in kinds.into_iter().enumerate() {
            if let Some(index) = query.capture_index_for_name(&format!("{KIND_CAPTURE}{n}")) {
                capture_kinds[index as usize] = Some(kind.into_boxed_str());
            }
        }
        let primaries = self
            .primaries
            .iter()
            .filter_map(|(rule, primary, start)| {
                let primary = query.capture_index_for_name(primary)?;
                let start = match start {
                    Some(name) => Some(query.capture_index_for_name(name)?),
                    None => None,
                };
                Some((*rule, primary, start))
            })
            .collect();
        Some(LangQuery {
            query,
            pattern_source,
            owners: self.sources.iter().map(|(_, owners)| owners.clone()).collect(),
            kinds: capture_kinds,
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

    /// Whether every wildcard-rewritten node of the match has the kind the rule wrote.
    #[must_use]
    pub fn kinds_match(&self, m: &QueryMatch<'_, '_>) -> bool {
        m.captures.iter().all(|c| match &self.kinds[c.index as usize] {
            Some(kind) => c.node.kind() == &**kind,
            None => true,
        })
    }

    /// Whether a capture was added by the rewrite (rules never see it).
    #[must_use]
    pub fn is_internal(&self, capture: u32) -> bool {
        self.kinds[capture as usize].is_some()
    }

    /// A rule's primary capture and the capture its span starts at.
    #[must_use]
    pub fn primary(&self, rule: usize) -> Option<(u32, Option<u32>)> {
        self.primaries.iter().find(|(r, _, _)| *r == rule).map(|&(_, p, s)| (p, s))
    }
}

/// One bracketed part of a query: a node pattern, a group, an alternation or a predicate.
struct Frame {
    parent: Option<usize>,
    /// The node kind right after `(`, for node patterns.
    name: Option<Range<usize>>,
    /// Offset of the closing bracket.
    close: usize,
    quantified: bool,
}

/// `text` with every named node pattern that is not quantified (nor inside something
/// quantified) written as a wildcard with a capture `pwflow.kind.N` (N from `first` up), and
/// the kind each N stands for. `None` when the text does not scan (unbalanced brackets or an
/// unterminated string): the caller keeps the original.
fn wildcard_kinds(text: &str, first: usize) -> Option<(String, Vec<String>)> {
    let b = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b';' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if i >= b.len() {
                    return None;
                }
            }
            open @ (b'(' | b'[') => {
                let mut name = None;
                if open == b'(' {
                    let mut j = i + 1;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    let start = j;
                    while j < b.len()
                        && (b[j].is_ascii_alphanumeric()
                            || matches!(b[j], b'_' | b'#' | b'/' | b'?' | b'!' | b'-' | b'.'))
                    {
                        j += 1;
                    }
                    if j > start {
                        name = Some(start..j);
                    }
                }
                frames.push(Frame { parent: stack.last().copied(), name, close: 0, quantified: false });
                stack.push(frames.len() - 1);
            }
            b')' | b']' => {
                let index = stack.pop()?;
                frames[index].close = i;
                let mut j = i + 1;
                loop {
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if j < b.len() && b[j] == b';' {
                        while j < b.len() && b[j] != b'\n' {
                            j += 1;
                        }
                    } else {
                        break;
                    }
                }
                frames[index].quantified = j < b.len() && matches!(b[j], b'*' | b'+' | b'?');
            }
            _ => {}
        }
        i += 1;
    }
    if !stack.is_empty() {
        return None;
    }
    let in_quantified = |mut index: usize| loop {
        if frames[index].quantified {
            break true;
        }
        match frames[index].parent {
            Some(parent) => index = parent,
            None => break false,
        }
    };
    let in_predicate = |mut index: usize| loop {
        if frames[index].name.as_ref().is_some_and(|n| b[n.start] == b'#') {
            break true;
        }
        match frames[index].parent {
            Some(parent) => index = parent,
            None => break false,
        }
    };
    // Edits: (offset, bytes removed, text inserted), applied in order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut kinds = Vec::new();
    for (index, frame) in frames.iter().enumerate() {
        let Some(name) = &frame.name else { continue };
        let kind = &text[name.clone()];
        let rewritable = kind != "_"
            && kind != "ERROR"
            && kind != "MISSING"
            && kind.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && !in_quantified(index)
            && !in_predicate(index);
        if !rewritable {
            continue;
        }
        edits.push((name.start, name.len(), "_".to_owned()));
        edits.push((frame.close + 1, 0, format!(" @{KIND_CAPTURE}{}", first + kinds.len())));
        kinds.push(kind.to_owned());
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len() + edits.len() * 16);
    let mut at = 0;
    for (offset, removed, inserted) in edits {
        out.push_str(&text[at..offset]);
        out.push_str(&inserted);
        at = offset + removed;
    }
    out.push_str(&text[at..]);
    Some((out, kinds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn named_nodes_become_wildcards_with_a_kind_capture() {
        let (text, kinds) = wildcard_kinds(
            "(call_expression function: (member_expression property: (property_identifier) @m) \
             arguments: (arguments) @args (#eq? @m \"lo(gin\")) @call",
            3,
        )
        .expect("scans");
        assert_eq!(
            text,
            "(_ function: (_ property: (_) @pwflow.kind.5 @m) @pwflow.kind.4 \
             arguments: (_) @pwflow.kind.6 @args (#eq? @m \"lo(gin\")) @pwflow.kind.3 @call"
        );
        assert_eq!(kinds, ["call_expression", "member_expression", "property_identifier", "arguments"]);
    }

    #[test]
    fn quantified_patterns_predicates_wildcards_and_supertypes_keep_their_kind() {
        let query = "; a comment (with brackets]\n\
                     (pair key: (_) @k value: [(string) (template_string)] @v)\n\
                     ((comment)* @c . (function_declaration (identifier)))\n\
                     (program (expression_statement (call_expression))+)\n\
                     (expression/identifier) (ERROR) (_ \"foo\")";
        let (text, kinds) = wildcard_kinds(query, 0).expect("scans");
        assert_eq!(
            kinds,
            ["pair", "string", "template_string", "function_declaration", "identifier", "program"]
        );
        assert!(text.contains("(comment)*"), "{text}");
        assert!(text.contains("(expression_statement (call_expression))+"), "{text}");
        assert!(text.contains("(expression/identifier) (ERROR)"), "{text}");
        assert!(text.contains("; a comment (with brackets]\n"), "{text}");
    }

    #[test]
    fn text_that_does_not_scan_is_left_to_the_caller() {
        assert!(wildcard_kinds("(call_expression", 0).is_none());
        assert!(wildcard_kinds("(a \"unterminated)", 0).is_none());
        assert!(wildcard_kinds("(a))", 0).is_none());
    }

    #[test]
    fn every_language_compiles_in_both_forms() {
        let set = RuleSet::builtin().expect("loads");
        for form in [QueryForm::Wildcard, QueryForm::Exact] {
            let plan = QueryPlan::new(&set.rules);
            for lang in Lang::ALL {
                if !plan.has_patterns(lang) {
                    continue;
                }
                let query = plan.get_or_compile(lang, form).unwrap_or_else(|| panic!("{lang} compiles"));
                // In the wildcard form, the rewrite (not the fallback) is what compiled.
                let rewritten = query.kinds.iter().any(Option::is_some);
                assert_eq!(rewritten, form == QueryForm::Wildcard, "{lang} {form:?}");
                for (index, rule) in set.rules.iter().enumerate() {
                    if rule.queries.iter().any(|q| q.lang == lang) {
                        assert!(query.primary(index).is_some(), "{}: no primary capture for {lang}", rule.id);
                    }
                }
            }
        }
    }

    #[test]
    fn small_inputs_get_wildcards() {
        assert_eq!(QueryForm::for_bytes(20 * 1024), QueryForm::Wildcard);
        assert_eq!(QueryForm::for_bytes(8 << 20), QueryForm::Exact);
    }
}

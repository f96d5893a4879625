//! Match: the candidate rules' patterns run once over the union of their literal windows; each
//! match goes to the rules owning its pattern (if it lies in that rule's own windows), and every
//! named check of the rule must accept it. Accepted matches become findings (`build.rs`).
//!
//! A language read without a grammar pattern (a text reading) would add its raw findings here,
//! next to [`Engine::accepted_matches`], before suppressions and building.

use std::ops::Range;
use std::path::Path;

use tree_sitter::{Node, Tree};

use super::windows::merge_windows;
use super::{ActiveRule, Engine};
use crate::baseline::fingerprint::assign_fingerprints;
use crate::checks::{Bindings, Captures, CheckCx, FileCx};
use crate::context::FileContext;
use crate::finding::Finding;
use crate::fix::title::NameIndex;
use crate::lang::Lang;
use crate::query::LangQuery;
use crate::redact;
use crate::suppress;
use crate::util::LineIndex;

impl Engine<'_> {
    /// Matches one tree (a file, or a document's blocks of one language) with the candidate
    /// `rules` (index, places of its literals) and builds their findings, sorted by position.
    #[allow(clippy::too_many_arguments)] // reason: one file's facts, passed down once
    pub(super) fn match_tree(
        &self,
        path: &Path,
        display: &Path,
        context: &FileContext,
        lang: Lang,
        src: &str,
        tree: &Tree,
        rules: &[(usize, Option<&[Range<usize>]>)],
    ) -> Vec<Finding> {
        let file = FileCx::new(src, lang, tree.root_node(), context, &self.options.jwt_var).with_path(path);
        let Some(query) = self.queries.get(lang) else { return Vec::new() };
        let raw = self.accepted_matches(&file, query, rules);
        self.findings(display, src, context, lang, tree, raw)
    }

    /// The matches of the candidate rules' patterns that every check of their rule accepts,
    /// with what the checks bound and, in code, where the credentials come from.
    fn accepted_matches<'t>(
        &self,
        file: &FileCx<'t>,
        query: &'t LangQuery,
        rules: &[(usize, Option<&[Range<usize>]>)],
    ) -> Vec<RawFinding<'t>> {
        let (src, lang) = (file.src, file.lang);
        let mut raw: Vec<RawFinding<'t>> = Vec::new();
        // Every match contains one of its rule's literals: query only around them (nearby hits
        // merged), instead of walking a megabyte bundle. One walk serves every candidate rule.
        let mut windows: Vec<Range<usize>> = Vec::new();
        let mut rule_windows: Vec<(usize, Option<Vec<Range<usize>>>)> = Vec::with_capacity(rules.len());
        for &(index, places) in rules {
            let own = places.map(|hits| merge_windows(hits, 4096));
            match &own {
                Some(own) => windows.extend(own.iter().cloned()),
                None => windows.push(0..src.len()),
            }
            rule_windows.push((index, own));
        }
        windows.sort_by_key(|w| w.start);
        let windows = merge_windows(&windows, 0);
        // Only the candidate rules' patterns: another rule's matches would be dropped below.
        let wanted =
            |pattern: usize| query.owners(pattern).iter().any(|o| rule_windows.iter().any(|(i, _)| i == o));
        for window in windows {
            query.for_each_match_of(file.root, src.as_bytes(), window, &wanted, &mut |pattern, found| {
                let (span_start, span_end) = found.iter().fold((usize::MAX, 0), |(start, end), (_, node)| {
                    (start.min(node.start_byte()), end.max(node.end_byte()))
                });
                for &index in query.owners(pattern) {
                    let Some((_, own)) = rule_windows.iter().find(|(i, _)| *i == index) else { continue };
                    let Some((primary_index, start_index)) = query.primary(index) else { continue };
                    let Some(primary) = found.iter().find(|(i, _)| *i == primary_index).map(|(_, n)| *n)
                    else {
                        continue;
                    };
                    let start = start_index
                        .and_then(|s| found.iter().find(|(i, _)| *i == s))
                        .map_or(primary.start_byte(), |(_, n)| n.start_byte());
                    let range = start.min(primary.start_byte().max(start))..primary.end_byte();
                    // A rule sees the matches around its own literals, as if queried alone.
                    if own
                        .as_ref()
                        .is_some_and(|own| !own.iter().any(|w| w.start <= span_end && span_start <= w.end))
                        || raw.iter().any(|r| r.rule == index && r.range == range)
                    {
                        continue;
                    }
                    let captures = Captures {
                        nodes: found.iter().map(|&(i, node)| (query.capture_name(i), node)).collect(),
                    };
                    let active = &self.rules[index];
                    let cx = CheckCx { file, captures: &captures, libraries: &active.rule.libraries };
                    if let Some(bindings) = run_checks(active, &cx) {
                        let targets =
                            captures.nodes.iter().map(|(n, node)| ((*n).to_owned(), *node)).collect();
                        let verdict = lang.is_code().then(|| {
                            let origin = crate::checks::provenance::origin(
                                file,
                                &captures,
                                primary,
                                bindings.jwt_dropped.as_deref(),
                            );
                            crate::checks::provenance::verdict(file.context, &origin)
                        });
                        raw.push(RawFinding {
                            rule: index,
                            range,
                            bindings,
                            captures: targets,
                            suppressed: None,
                            verdict,
                        });
                    }
                }
            });
        }
        raw
    }

    /// The findings of the accepted matches: suppression comments applied (and checked), the
    /// file's secrets found once, each match built, sorted and fingerprinted.
    fn findings(
        &self,
        display: &Path,
        src: &str,
        context: &FileContext,
        lang: Lang,
        tree: &Tree,
        mut raw: Vec<RawFinding<'_>>,
    ) -> Vec<Finding> {
        let has_directives = memchr::memmem::find(src.as_bytes(), suppress::MARKER.as_bytes()).is_some();
        if raw.is_empty() && !has_directives {
            return Vec::new();
        }
        let lines = LineIndex::new(src);
        if has_directives {
            self.apply_suppressions(tree.root_node(), src, lang, &lines, &mut raw);
        }
        if raw.is_empty() {
            return Vec::new();
        }
        let mut secrets: Vec<Range<usize>> = if self.options.show_secrets {
            Vec::new()
        } else {
            let mut s = redact::file_secrets(tree.root_node(), src, lang);
            s.extend(raw.iter().flat_map(|r| r.bindings.secrets.iter().cloned()));
            s
        };
        secrets = redact::normalize(secrets);
        let facts = FileFacts { lines, secrets, names: NameIndex::default(), root: tree.root_node(), lang };
        let mut findings: Vec<Finding> =
            raw.into_iter().map(|r| self.build(display, src, context, &facts, r)).collect();
        findings.sort_by(|a, b| {
            (a.range.start, &a.rule, a.range.end).cmp(&(b.range.start, &b.rule, b.range.end))
        });
        assign_fingerprints(&mut findings, src, &facts.secrets);
        findings
    }
}

/// Runs every check of `active`'s rule on a match: the merged bindings when all accept.
fn run_checks(active: &ActiveRule<'_>, cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let mut bindings = Bindings::default();
    for check in &active.rule.checks {
        let b = (check.run)(cx)?;
        #[cfg(debug_assertions)]
        if let Some(name) = b
            .vars
            .iter()
            .map(|(n, _)| n)
            .chain(b.ranges.iter().map(|(n, _)| n))
            .find(|n| !check.provides.contains(n))
        {
            panic!("check `{}` binds `{name}`, which its `provides` lacks", check.name);
        }
        bindings.merge(b);
    }
    Some(bindings)
}

/// What the findings of one file share.
pub(super) struct FileFacts<'s> {
    /// The root of the file's tree.
    pub(super) root: Node<'s>,
    /// The grammar the tree was parsed with.
    pub(super) lang: Lang,
    pub(super) lines: LineIndex<'s>,
    /// Literal secrets to mask (sorted, merged).
    pub(super) secrets: Vec<Range<usize>>,
    pub(super) names: NameIndex,
}

/// A match accepted by its checks, before it becomes a [`Finding`].
pub(super) struct RawFinding<'t> {
    pub(super) rule: usize,
    pub(super) range: Range<usize>,
    pub(super) bindings: Bindings,
    pub(super) captures: Vec<(String, Node<'t>)>,
    /// The reason of the suppression comment that covers it.
    pub(super) suppressed: Option<String>,
    /// The recommendation from where the credentials come from (code files only; others take
    /// the file's).
    pub(super) verdict: Option<crate::checks::provenance::Verdict>,
}

//! Suppressions: `pwflow-ignore` comments (parsed by `suppress.rs`) mark the findings they
//! cover; an invalid comment, or one that suppresses nothing of an active rule, becomes a
//! finding itself. Trees and text languages find their comments differently and share the rest.

use std::ops::Range;

use tree_sitter::Node;

use super::Engine;
use super::matching::RawFinding;
use crate::checks::Bindings;
use crate::lang::Lang;
use crate::model::ActiveRule;
use crate::suppress::{self, Suppression};
use crate::util::LineIndex;

impl Engine<'_> {
    /// Marks suppressed findings and adds findings for invalid and unused suppressions.
    pub(super) fn apply_suppressions(
        &self,
        root: Node<'_>,
        src: &str,
        lang: Lang,
        lines: &LineIndex<'_>,
        raw: &mut Vec<RawFinding<'_>>,
    ) {
        let known = |id: &str| self.options.known_rules.iter().any(|k| k == id);
        let suppressions = suppress::find(root, src, lang, &known);
        let marked = raw.iter_mut().map(|r| (r.rule, r.range.start, &mut r.suppressed));
        for (rule, range, bindings) in resolve(&self.rules, suppressions, lines, marked) {
            raw.push(RawFinding {
                rule,
                range,
                bindings,
                captures: Vec::new(),
                suppressed: None,
                verdict: None,
            });
        }
    }
}

/// Marks each raw finding (its rule index, start offset and suppression slot) that a
/// suppression covers, and returns the findings the suppressions themselves make: the rule
/// index of `pwflow/invalid-suppression` or `pwflow/unused-suppression`, the directive's range
/// and its bindings.
pub(super) fn resolve<'a>(
    rules: &[ActiveRule<'_>],
    mut suppressions: Vec<Suppression>,
    lines: &LineIndex<'_>,
    raw: impl Iterator<Item = (usize, usize, &'a mut Option<String>)>,
) -> Vec<(usize, Range<usize>, Bindings)> {
    for (rule, start, suppressed) in raw {
        let row = lines.position(start).line - 1;
        let id = &rules[rule].rule.id;
        if let Some(s) = suppressions.iter_mut().find(|s| s.covers(id, row)) {
            s.used = true;
            *suppressed = Some(s.reason.clone());
        }
    }
    let meta = |id: &str| rules.iter().position(|a| a.rule.id == id);
    let active = |name: &str| {
        rules
            .iter()
            .any(|a| a.rule.id == name || a.rule.group == name || a.rule.id.starts_with(&format!("{name}/")))
    };
    let mut out = Vec::new();
    for s in suppressions {
        let mut bindings = Bindings::default();
        bindings.var("rules", s.rules.join(", "));
        let rule = match &s.problem {
            Some(problem) => {
                bindings.var("problem", problem.clone());
                meta("pwflow/invalid-suppression")
            }
            None if !s.used && s.rules.iter().any(|r| active(r)) => meta("pwflow/unused-suppression"),
            None => None,
        };
        if let Some(rule) = rule {
            out.push((rule, s.range, bindings));
        }
    }
    out
}

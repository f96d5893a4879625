//! Suppressions: `pwflow-ignore` comments (parsed by `suppress.rs`) mark the findings they
//! cover; an invalid comment, or one that suppresses nothing of an active rule, becomes a
//! finding itself.

use tree_sitter::Node;

use super::Engine;
use super::matching::RawFinding;
use crate::checks::Bindings;
use crate::lang::Lang;
use crate::suppress;
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
        let mut suppressions = suppress::find(root, src, lang, &known);
        for r in raw.iter_mut() {
            let row = lines.position(r.range.start).line - 1;
            let id = &self.rules[r.rule].rule.id;
            if let Some(s) = suppressions.iter_mut().find(|s| s.covers(id, row)) {
                s.used = true;
                r.suppressed = Some(s.reason.clone());
            }
        }
        let meta = |id: &str| self.rules.iter().position(|a| a.rule.id == id);
        let active = |name: &str| {
            self.rules.iter().any(|a| {
                a.rule.id == name || a.rule.group == name || a.rule.id.starts_with(&format!("{name}/"))
            })
        };
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
                raw.push(RawFinding {
                    rule,
                    range: s.range,
                    bindings,
                    captures: Vec::new(),
                    suppressed: None,
                    verdict: None,
                });
            }
        }
    }
}

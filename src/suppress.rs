//! Suppression comments: `pwflow-ignore: RULE-ID[, RULE-ID] -- reason` on the finding's line or
//! the line above, and `pwflow-ignore-file: RULE-ID -- reason` anywhere in the file.
//!
//! A rule id may also be a group (`ringcentral`). A suppression without a rule id or a reason is
//! invalid and suppresses nothing; a valid one that suppresses nothing is unused. Both are
//! reported by the `pwflow/*-suppression` rules.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::lang::Lang;
use crate::syntax::{descendants, text};

/// The marker every suppression comment contains (also a prefilter literal).
pub const MARKER: &str = "pwflow-ignore";

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    // A directive starts its comment line (after the comment opener), as in ESLint: prose that
    // mentions pwflow-ignore is not a directive. `;` opens INI comments.
    crate::regexes::ascii(
        r"(?m)^[ \t]*(?:(?://+|#|;+|/\*+|\*+|<!--)[ \t]*)?pwflow-ignore(-file)?(?:[ \t:]((?u:[^\n])*))?$",
    )
});

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Byte range of the directive in the file.
    pub range: Range<usize>,
    /// 0-based line of the directive.
    pub row: usize,
    /// `pwflow-ignore-file`.
    pub file_level: bool,
    /// Rule ids or groups named.
    pub rules: Vec<String>,
    /// The reason after `--`.
    pub reason: String,
    /// Why the directive is invalid, if it is.
    pub problem: Option<String>,
    /// Whether it suppressed a finding.
    pub used: bool,
}

impl Suppression {
    /// Whether this suppression names `rule` (by id or group).
    #[must_use]
    pub fn names(&self, rule_id: &str) -> bool {
        self.rules
            .iter()
            .any(|r| r == rule_id || rule_id.starts_with(&format!("{}/", r.trim_end_matches('/'))))
    }

    /// Whether it covers a finding of `rule_id` starting on 0-based `row`.
    #[must_use]
    pub fn covers(&self, rule_id: &str, row: usize) -> bool {
        self.problem.is_none()
            && self.names(rule_id)
            && (self.file_level || row == self.row || row == self.row + 1)
    }
}

/// Parses one directive's text (after `pwflow-ignore`), checking rule ids with `known`.
fn parse_directive(rest: &str, known: &dyn Fn(&str) -> bool) -> (Vec<String>, String, Option<String>) {
    // A block comment ends the directive, wherever it closes.
    let rest = rest.split("*/").next().unwrap_or_default();
    let rest = rest.trim_end().trim_end_matches("-->").trim_end_matches("?>").trim();
    let (ids, reason) = match rest.split_once("--") {
        Some((ids, reason)) => (ids, reason.trim().to_owned()),
        None => (rest, String::new()),
    };
    let ids = ids.trim().trim_start_matches(':').trim();
    let rules: Vec<String> =
        ids.split([',', ' ', '\t']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let problem = if rules.is_empty() {
        Some("no rule id: write `pwflow-ignore: RULE-ID -- reason`".to_owned())
    } else if let Some(unknown) = rules.iter().find(|r| !known(r)) {
        Some(format!("unknown rule `{unknown}` (see `pwflow rules`)"))
    } else if reason.is_empty() {
        Some("no reason: add `-- why this may stay` after the rule id".to_owned())
    } else {
        None
    };
    (rules, reason, problem)
}

/// Every suppression directive in the file's comments.
#[must_use]
pub fn find(root: Node<'_>, src: &str, lang: Lang, known: &dyn Fn(&str) -> bool) -> Vec<Suppression> {
    let comment_kinds = lang.spec().comment_kinds;
    let mut out = Vec::new();
    for node in descendants(root) {
        if comment_kinds.contains(&node.kind()) {
            directives(text(node, src), node.start_byte(), node.start_position().row, known, &mut out);
        }
    }
    out
}

/// Every suppression directive in the given comment ranges (sorted), for a text language
/// whose comments a lexer found (see [`crate::lexer`]).
#[must_use]
pub fn find_in_ranges(
    comments: &[Range<usize>],
    src: &str,
    known: &dyn Fn(&str) -> bool,
) -> Vec<Suppression> {
    let mut out = Vec::new();
    let (mut row, mut counted) = (0, 0);
    for range in comments {
        let Some(comment) = src.get(range.clone()) else { continue };
        if !comment.contains(MARKER) {
            continue;
        }
        row += memchr::memchr_iter(b'\n', &src.as_bytes()[counted..range.start]).count();
        counted = range.start;
        directives(comment, range.start, row, known, &mut out);
    }
    out
}

/// The directives of one comment that starts at byte `start`, on 0-based line `row`.
fn directives(
    comment: &str,
    start: usize,
    row: usize,
    known: &dyn Fn(&str) -> bool,
    out: &mut Vec<Suppression>,
) {
    for caps in DIRECTIVE.captures_iter(comment) {
        let (Some(all), rest) = (caps.get(0), caps.get(2).map_or("", |m| m.as_str())) else { continue };
        let lead = all.as_str().find(MARKER).unwrap_or(0);
        let row = row + comment[..all.start()].matches('\n').count();
        let (rules, reason, problem) = parse_directive(rest, known);
        out.push(Suppression {
            range: start + all.start() + lead..start + all.end(),
            row,
            file_level: caps.get(1).is_some(),
            rules,
            reason,
            problem,
            used: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: &str) -> bool {
        matches!(id, "ringcentral" | "ringcentral/js-password-login")
    }

    #[test]
    fn directives_parse() {
        let (rules, reason, problem) =
            parse_directive(": ringcentral/js-password-login -- moves to JWT in #7 */", &known);
        assert_eq!(rules, ["ringcentral/js-password-login"]);
        assert_eq!(reason, "moves to JWT in #7");
        assert_eq!(problem, None);
        assert!(parse_directive("", &known).2.is_some_and(|p| p.contains("no rule id")));
        assert!(parse_directive(": ringcentral", &known).2.is_some_and(|p| p.contains("no reason")));
        assert!(parse_directive(": nope/x -- r", &known).2.is_some_and(|p| p.contains("unknown rule")));
    }

    #[test]
    fn directives_start_their_comment() {
        let find_in = |src: &str| {
            let mut p = tree_sitter::Parser::new();
            p.set_language(&Lang::JavaScript.grammar().expect("grammar")).expect("grammar");
            let tree = p.parse(src, None).expect("tree");
            find(tree.root_node(), src, Lang::JavaScript, &known).len()
        };
        assert_eq!(find_in("// pwflow-ignore: ringcentral -- r\nx();"), 1);
        assert_eq!(find_in("/* pwflow-ignore-file: ringcentral -- r */"), 1);
        assert_eq!(find_in("/**\n * pwflow-ignore: ringcentral -- r\n */"), 1);
        assert_eq!(find_in("// we use pwflow-ignore comments sparingly"), 0);
        assert_eq!(find_in("// pwflow-ignore-files are not a thing"), 0);
    }

    #[test]
    fn directives_in_lexed_comments() {
        let src = "a = 1\n# pwflow-ignore: ringcentral -- r\nb = 2 # pwflow-ignore: nope/x -- r\n";
        let lexed = crate::lexer::coffee::lex(src);
        let found = find_in_ranges(&lexed.comments, src, &known);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].row, found[0].problem.is_none()), (1, true));
        assert_eq!(&src[found[0].range.clone()], "pwflow-ignore: ringcentral -- r");
        assert_eq!(found[1].row, 2);
        assert!(found[1].problem.is_some());
    }

    #[test]
    fn covers_same_line_and_line_below() {
        let s = Suppression {
            range: 0..1,
            row: 4,
            file_level: false,
            rules: vec!["ringcentral".into()],
            reason: "r".into(),
            problem: None,
            used: false,
        };
        assert!(s.covers("ringcentral/js-password-login", 4));
        assert!(s.covers("ringcentral/js-password-login", 5));
        assert!(!s.covers("ringcentral/js-password-login", 6));
        assert!(!s.covers("oauth-ropc/password-grant-request", 5));
    }
}

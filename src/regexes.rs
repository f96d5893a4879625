//! Constant regexes compiled without Unicode.

use regex::Regex;

/// Compiles a constant pattern with ASCII-only classes and case folding: `\b`, `\w`, `\s`,
/// `\d` and `(?i)` over ASCII. The patterns name identifiers, keys and form parameters, which
/// are ASCII; Unicode classes and case folding make the automata larger (`\d` alone is every
/// script's digits), and a pre-commit run compiles each pattern it needs on first use (for
/// the checks' and redaction's ten in a 20-file run: 12.1 M instructions with Unicode, 10.4 M
/// without; most of the rest is the regex crate's literal extraction).
/// A negated class must be written `(?u:[^...])`, so that it cannot match part of a UTF-8
/// character.
///
/// # Panics
/// On an invalid pattern: callers pass constants, which the test suite compiles.
#[must_use]
pub fn ascii(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern).unicode(false).build().expect("valid constant regex")
}

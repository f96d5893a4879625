//! Checks on the matches of text languages (read without a grammar, see
//! [`crate::engine::text`]): a match is a set of byte ranges (the regex's named groups), not
//! nodes, so only checks that read text, or the file's context alone, can judge it. A rule of
//! a text language may name only the checks listed here; loading rejects any other.

use std::ops::Range;

use super::Bindings;
use crate::context::FileContext;
use crate::lang::Lang;
use crate::lexer::Lexed;

/// The input of a text check: one regex match in a file of a text language.
pub struct TextCx<'a> {
    /// The file's text.
    pub src: &'a str,
    /// Its language.
    pub lang: Lang,
    /// What its lexer found: comments, strings, code.
    pub lexed: &'a Lexed,
    /// Evidence about the file.
    pub context: &'a FileContext,
    /// Name of the environment variable that should hold the JWT.
    pub jwt_var: &'a str,
    /// Where the file is on disk, when it is a file.
    pub path: Option<&'a std::path::Path>,
    /// The match's named groups that took part, and `match` (the whole match unless a group
    /// has that name).
    pub captures: &'a [(String, Range<usize>)],
}

impl TextCx<'_> {
    /// The range of the group `name`, if it took part in the match.
    #[must_use]
    pub fn cap(&self, name: &str) -> Option<Range<usize>> {
        self.captures.iter().find(|(n, _)| n == name).map(|(_, r)| r.clone())
    }
}

/// A check's reading of a text match: `None` rejects it.
pub type TextRun = fn(&TextCx<'_>) -> Option<Bindings>;

/// The checks that judge text matches, by name: the context checks (which read the file's
/// context alone) and the text languages' own checks.
static RUNS: &[(&str, TextRun)] = &[
    ("ringcentral-context", ringcentral_context),
    ("no-ringcentral-context", no_ringcentral_context),
    ("coffee-password-login", super::coffeescript::password_login),
    ("coffee-password-grant", super::coffeescript::password_grant),
];

/// How the check `name` judges a text match, if it can.
#[must_use]
pub fn run(name: &str) -> Option<TextRun> {
    RUNS.iter().find(|(n, _)| *n == name).map(|(_, run)| *run)
}

/// The names of the checks that judge text matches.
pub fn names() -> impl Iterator<Item = &'static str> {
    RUNS.iter().map(|(n, _)| *n)
}

/// The file or its project is RingCentral code (as `ringcentral-context` for trees; the
/// request's own endpoint is judged by the text language's checks).
fn ringcentral_context(cx: &TextCx<'_>) -> Option<Bindings> {
    let reason = cx.context.rc_reason()?;
    let mut out = Bindings::default();
    out.notes.push(format!("RingCentral request: {reason}"));
    Some(out)
}

/// The file and its project show no RingCentral context.
fn no_ringcentral_context(cx: &TextCx<'_>) -> Option<Bindings> {
    cx.context.rc_reason().is_none().then(Bindings::default)
}

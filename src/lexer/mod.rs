//! Lexers of the text languages: languages read without a tree-sitter grammar (no maintained
//! grammar crate exists for them), by rules whose patterns are regular expressions
//! (see [`crate::engine::text`]).
//!
//! A lexer does not build a tree: it only says which bytes are comments, string literals and
//! regular expressions, and so which are code. That is what a text reading needs to honour
//! `pwflow-ignore` comments, to drop a pattern that matched in a comment or in prose, and to
//! find literal secrets to mask.

pub mod coffee;

use std::ops::Range;

/// A string literal found by a lexer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringLit {
    /// The whole literal, delimiters included.
    pub range: Range<usize>,
    /// Its content, between the delimiters (interpolations included).
    pub content: Range<usize>,
    /// The literal parts of the content, in order: the content without its interpolations
    /// (`#{...}`, which are code).
    pub parts: Vec<Range<usize>>,
}

impl StringLit {
    /// Whether the string interpolates code.
    #[must_use]
    pub fn interpolates(&self) -> bool {
        self.parts.iter().map(|p| p.len()).sum::<usize>() != self.content.len()
    }
}

/// What a lexer found in a text. Every list is sorted by start; comments and the literal ranges
/// are disjoint.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Lexed {
    /// Comments (line and block comments; the prose of a literate file), delimiters included.
    pub comments: Vec<Range<usize>>,
    /// String literals, nested ones (inside an interpolation) included.
    pub strings: Vec<StringLit>,
    /// The bytes that are literal text rather than code: string delimiters and literal parts,
    /// regular expressions (interpolations left out).
    pub literal: Vec<Range<usize>>,
    /// Embedded code of another language (CoffeeScript's backtick JavaScript).
    pub embedded: Vec<Range<usize>>,
}

/// Whether `pos` lies in one of the sorted, disjoint `ranges`.
fn within(ranges: &[Range<usize>], pos: usize) -> bool {
    let after = ranges.partition_point(|r| r.start <= pos);
    after > 0 && pos < ranges[after - 1].end
}

impl Lexed {
    /// Whether `pos` is inside a comment (or prose).
    #[must_use]
    pub fn in_comment(&self, pos: usize) -> bool {
        within(&self.comments, pos)
    }

    /// Whether `pos` is code: neither comment nor literal text.
    #[must_use]
    pub fn is_code(&self, pos: usize) -> bool {
        !self.in_comment(pos) && !within(&self.literal, pos)
    }

    /// The innermost string literal whose content holds `pos`.
    #[must_use]
    pub fn string_at(&self, pos: usize) -> Option<&StringLit> {
        self.strings
            .iter()
            .filter(|s| s.content.start <= pos && pos < s.content.end)
            .min_by_key(|s| s.range.len())
    }

    /// The string literal that starts at `pos` (its opening delimiter).
    #[must_use]
    pub fn string_starting_at(&self, pos: usize) -> Option<&StringLit> {
        let i = self.strings.partition_point(|s| s.range.start < pos);
        self.strings.get(i).filter(|s| s.range.start == pos)
    }

    /// Sorts every list (lexers push nested literals before the ones around them).
    fn finish(mut self) -> Lexed {
        self.comments.sort_by_key(|r| r.start);
        self.strings.sort_by_key(|s| s.range.start);
        self.literal.retain(|r| !r.is_empty());
        self.literal.sort_by_key(|r| r.start);
        self.embedded.sort_by_key(|r| r.start);
        self
    }
}

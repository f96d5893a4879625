//! A CoffeeScript lexer: comments (`# ...`, `### ... ###`), strings (`'...'`, `"..."`,
//! `'''...'''`, `"""..."""`, with `#{...}` interpolations in the double-quoted ones, nested to
//! any depth), heregexes (`///...///`, which interpolate too), regular expression literals
//! (`/.../flags`, told from division by what comes before them, as CoffeeScript's own lexer
//! does) and backtick-embedded JavaScript. Literate CoffeeScript (`.litcoffee`) is Markdown
//! whose indented lines are the code: the rest is prose, read as comments.
//!
//! No crate lexes CoffeeScript, and no tree-sitter grammar is published as a crate; this is
//! what pwflow needs of it, not a parser: which bytes are code.

use super::{Lexed, StringLit};

/// What came last, for telling a regular expression from a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of the text or of a line, an operator, an opening bracket, a comma: an
    /// expression may start here, so `/` opens a regular expression.
    Operand,
    /// An identifier, which may be a function called without parentheses (`f /x/`).
    Name,
    /// A value (number, string, closing bracket, `@`): `/` divides it.
    Value,
}

/// Keywords after which an expression starts (`return /x/`, `if /x/.test s`).
const KEYWORDS: &[&str] = &[
    "return",
    "if",
    "unless",
    "and",
    "or",
    "not",
    "is",
    "isnt",
    "when",
    "while",
    "until",
    "in",
    "of",
    "then",
    "else",
    "typeof",
    "new",
    "throw",
    "yield",
    "await",
    "instanceof",
    "case",
];

struct Lexer<'s> {
    b: &'s [u8],
    out: Lexed,
}

/// Lexes CoffeeScript source.
#[must_use]
pub fn lex(src: &str) -> Lexed {
    let mut lx = Lexer { b: src.as_bytes(), out: Lexed::default() };
    lx.code(0, false);
    lx.out.finish()
}

/// Lexes Literate CoffeeScript: lines indented by four spaces or a tab are code, every other
/// non-blank line is prose (a comment). Offsets are the file's.
#[must_use]
pub fn lex_literate(src: &str) -> Lexed {
    let mut code = String::with_capacity(src.len());
    let mut prose = Vec::new();
    let mut start = 0;
    for line in src.split_inclusive('\n') {
        let is_code = line.starts_with("    ") || line.starts_with('\t');
        if is_code || line.trim().is_empty() {
            code.push_str(line);
        } else {
            // Same length, so offsets hold: every byte of prose becomes a space.
            code.extend(line.bytes().map(|b| if b == b'\n' || b == b'\r' { b as char } else { ' ' }));
            let text = line.trim_end_matches(['\n', '\r']);
            prose.push(start..start + text.len());
        }
        start += line.len();
    }
    let mut lexed = lex(&code);
    lexed.comments.extend(prose);
    lexed.finish()
}

impl Lexer<'_> {
    fn at(&self, i: usize, s: &[u8]) -> bool {
        self.b.get(i..i + s.len()) == Some(s)
    }

    /// Lexes code from `i`. In an interpolation (`interp`), stops at the `}` that closes it and
    /// returns its offset; else runs to the end of the text.
    fn code(&mut self, mut i: usize, interp: bool) -> usize {
        let n = self.b.len();
        let mut depth = 0usize;
        let mut prev = Prev::Operand;
        let mut spaced = false;
        while i < n {
            let c = self.b[i];
            let was_spaced = spaced;
            spaced = false;
            match c {
                b'#' => {
                    if self.at(i, b"###") && self.b.get(i + 3) != Some(&b'#') {
                        let end = find(self.b, i + 3, b"###").map_or(n, |e| e + 3);
                        self.out.comments.push(i..end);
                        i = end;
                    } else {
                        let end = memchr::memchr(b'\n', &self.b[i..]).map_or(n, |e| i + e);
                        self.out.comments.push(i..end);
                        i = end;
                    }
                    spaced = true;
                }
                b'\'' | b'"' => {
                    let triple = self.at(i, &[c, c, c]);
                    let delim: &[u8] = if triple { &self.b[i..i + 3] } else { &self.b[i..=i] };
                    let delim = delim.to_vec();
                    i = self.literal(i, &delim, c == b'"', true);
                    prev = Prev::Value;
                }
                b'`' => {
                    let (open, close): (usize, &[u8]) =
                        if self.at(i, b"```") { (3, b"```") } else { (1, b"`") };
                    let mut j = i + open;
                    while j < n && !self.at(j, close) {
                        j += if self.b[j] == b'\\' { 2 } else { 1 };
                    }
                    let end = (j + close.len()).min(n);
                    self.out.embedded.push(i..end);
                    i = end;
                    prev = Prev::Value;
                }
                b'/' if self.at(i, b"///") => {
                    i = self.literal(i, b"///", true, false);
                    prev = Prev::Value;
                }
                b'/' => {
                    let opens = match prev {
                        Prev::Operand => true,
                        // `f /x/`: a call without parentheses; `a / b` and `a /b` after a
                        // value divide.
                        Prev::Name => was_spaced && self.b.get(i + 1).is_some_and(|b| !b" \t=".contains(b)),
                        Prev::Value => false,
                    };
                    match self.regex_end(i).filter(|_| opens) {
                        Some(end) => {
                            self.out.literal.push(i..end);
                            i = end;
                            prev = Prev::Value;
                        }
                        None => {
                            i += 1;
                            prev = Prev::Operand;
                        }
                    }
                }
                b'{' | b'(' | b'[' => {
                    if c == b'{' {
                        depth += 1;
                    }
                    i += 1;
                    prev = Prev::Operand;
                }
                b'}' if interp && depth == 0 => return i,
                b'}' | b')' | b']' => {
                    if c == b'}' {
                        depth = depth.saturating_sub(1);
                    }
                    i += 1;
                    prev = Prev::Value;
                }
                b'\n' => {
                    i += 1;
                    prev = Prev::Operand;
                }
                b' ' | b'\t' | b'\r' => {
                    i += 1;
                    spaced = true;
                }
                b'@' => {
                    i += 1;
                    prev = Prev::Value;
                }
                c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80 => {
                    let start = i;
                    while i < n
                        && (self.b[i].is_ascii_alphanumeric()
                            || matches!(self.b[i], b'_' | b'$')
                            || self.b[i] >= 0x80)
                    {
                        i += 1;
                    }
                    let word = &self.b[start..i];
                    // `x.if` is a property, not a keyword.
                    let property = start > 0 && self.b[start - 1] == b'.';
                    prev = if !property && KEYWORDS.iter().any(|k| k.as_bytes() == word) {
                        Prev::Operand
                    } else {
                        Prev::Name
                    };
                }
                c if c.is_ascii_digit() => {
                    while i < n
                        && (self.b[i].is_ascii_alphanumeric() || self.b[i] == b'.' || self.b[i] == b'_')
                    {
                        i += 1;
                    }
                    prev = Prev::Value;
                }
                _ => {
                    i += 1;
                    prev = Prev::Operand;
                }
            }
        }
        n
    }

    /// A string (or heregex, `string: false`) that opens with `delim` at `i`: records its
    /// literal parts and lexes its interpolations; returns the offset after it. An
    /// unterminated one runs to the end of the text.
    fn literal(&mut self, i: usize, delim: &[u8], interpolates: bool, string: bool) -> usize {
        let n = self.b.len();
        let content_start = i + delim.len();
        let mut parts = Vec::new();
        let mut part_start = content_start;
        let mut j = content_start;
        let end = loop {
            if j >= n {
                break None;
            }
            match self.b[j] {
                b'\\' => j += 2,
                b'#' if interpolates && self.b.get(j + 1) == Some(&b'{') => {
                    parts.push(part_start..j);
                    let close = self.code(j + 2, true);
                    j = (close + 1).min(n);
                    part_start = j;
                }
                _ if self.at(j, delim) => break Some(j),
                _ => j += 1,
            }
        };
        let content_end = end.unwrap_or(n).min(n);
        parts.push(part_start.min(content_end)..content_end);
        let stop = end.map_or(n, |e| e + delim.len());
        self.out.literal.push(i..content_start.min(n));
        self.out.literal.extend(parts.iter().cloned());
        if end.is_some() {
            self.out.literal.push(content_end..stop);
        }
        if string {
            self.out.strings.push(StringLit {
                range: i..stop,
                content: content_start.min(n)..content_end,
                parts,
            });
        }
        stop
    }

    /// The end of a regular expression literal opening at `i`, if one closes on its line.
    fn regex_end(&self, i: usize) -> Option<usize> {
        let mut j = i + 1;
        let mut class = false;
        loop {
            match *self.b.get(j)? {
                b'\n' => return None,
                b'\\' => j += 2,
                b'[' => {
                    class = true;
                    j += 1;
                }
                b']' => {
                    class = false;
                    j += 1;
                }
                b'/' if !class => {
                    // `//` is no regex (an empty one is not allowed).
                    if j == i + 1 {
                        return None;
                    }
                    j += 1;
                    while self.b.get(j).is_some_and(u8::is_ascii_alphabetic) {
                        j += 1;
                    }
                    return Some(j);
                }
                _ => j += 1,
            }
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'s>(src: &'s str, ranges: &[std::ops::Range<usize>]) -> Vec<&'s str> {
        ranges.iter().map(|r| &src[r.clone()]).collect()
    }

    #[test]
    fn line_and_block_comments() {
        let src = "a = 1 # one\n###\nblock # not a line comment\n###\n#### four is a line\nb = '#no'\n";
        let l = lex(src);
        assert_eq!(
            texts(src, &l.comments),
            ["# one", "###\nblock # not a line comment\n###", "#### four is a line"]
        );
        assert_eq!(l.strings.len(), 1);
        assert!(l.is_code(0));
        assert!(!l.is_code(src.find("#no").expect("in source")));
    }

    #[test]
    fn strings_and_nested_interpolation() {
        let src = r#"s = "a #{f "b #{c + 'd'}"} e" + 'x\'y' + """blk "q" #{z}"""
t = '''
  multi # not comment
'''
"#;
        let l = lex(src);
        let whole: Vec<&str> = l.strings.iter().map(|s| &src[s.range.clone()]).collect();
        assert_eq!(
            whole,
            [
                r#""a #{f "b #{c + 'd'}"} e""#,
                r#""b #{c + 'd'}""#,
                "'d'",
                r"'x\'y'",
                r#""""blk "q" #{z}""""#,
                "'''\n  multi # not comment\n'''"
            ]
        );
        assert!(l.comments.is_empty(), "{:?}", texts(src, &l.comments));
        let outer = &l.strings[0];
        assert_eq!(texts(src, &outer.parts), ["a ", " e"]);
        assert!(outer.interpolates());
        assert!(!l.strings[3].interpolates());
        // The interpolation is code, its nested string is not.
        assert!(l.is_code(src.find("f \"b").expect("here")));
        assert!(!l.is_code(src.find("'d'").expect("here") + 1));
        assert!(l.is_code(src.find("c +").expect("here")));
    }

    #[test]
    fn single_quotes_do_not_interpolate() {
        let src = "a = '#{not code}' # c\n";
        let l = lex(src);
        assert_eq!(texts(src, &l.comments), ["# c"]);
        assert_eq!(texts(src, &l.strings[0].parts), ["#{not code}"]);
    }

    #[test]
    fn regexes_and_division() {
        let src = "r = /# not a comment/g\nh = a / b # half\nt = s.match /x#/\nw = ///\n  a #{b} # c\n///\nn = (x) / 2 / 3 # c2\n";
        let l = lex(src);
        assert_eq!(texts(src, &l.comments), ["# half", "# c2"]);
        assert!(!l.is_code(src.find("not a comment").expect("here")));
        assert!(!l.is_code(src.find("x#").expect("here")));
        assert!(l.is_code(src.find("b}").expect("here")), "heregex interpolation is code");
    }

    #[test]
    fn embedded_javascript() {
        let src = "x = `a # b`\n```\nvar y = '#';\n```\nz = 1 # c\n";
        let l = lex(src);
        assert_eq!(texts(src, &l.embedded), ["`a # b`", "```\nvar y = '#';\n```"]);
        assert_eq!(texts(src, &l.comments), ["# c"]);
    }

    #[test]
    fn unterminated_literals_end_the_text() {
        for src in ["a = 'open", "a = \"x #{y", "###\nopen", "a = `js", "a = ///x"] {
            let l = lex(src);
            assert!(
                l.comments.iter().chain(&l.literal).chain(&l.embedded).all(|r| r.end <= src.len()),
                "{src}"
            );
        }
    }

    #[test]
    fn literate_prose_is_comment() {
        let src = "Logs in with a password: platform.login\n\n    platform.login username: u # c\n";
        let l = lex_literate(src);
        assert_eq!(texts(src, &l.comments), ["Logs in with a password: platform.login", "# c"]);
        assert!(l.is_code(src.find("    platform").expect("here") + 4));
    }

    #[test]
    fn non_ascii_is_kept() {
        let src = "s = 'héllo' # ça\nx = é / 2\n";
        let l = lex(src);
        assert_eq!(texts(src, &l.comments), ["# ça"]);
        assert_eq!(&src[l.strings[0].range.clone()], "'héllo'");
    }
}

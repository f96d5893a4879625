//! CoffeeScript: a text language. No tree-sitter grammar is published as a crate (and the
//! JavaScript grammar misreads its implicit calls and objects), so its files are read by the
//! rules' regular expressions over the text, with a lexer (`lexer/coffee.rs`) telling code
//! from comments and strings: see [`crate::engine::text`].

use super::{Lang, LangSpec, TextSpec};

static TEXT: TextSpec = TextSpec {
    lex: crate::lexer::coffee::lex,
    literate_extensions: &["litcoffee"],
    lex_literate: crate::lexer::coffee::lex_literate,
    binds: &[":", "="],
};

/// CoffeeScript (`.coffee`, `.litcoffee`, `Cakefile`).
pub(super) static COFFEESCRIPT: LangSpec = LangSpec {
    lang: Lang::CoffeeScript,
    name: "coffeescript",
    extensions: &["coffee", "litcoffee"],
    fence_names: &["coffee", "coffeescript", "coffee-script", "litcoffee"],
    line_comment: "#",
    grammar: None,
    string_kinds: &[],
    string_parts: &[],
    comment_kinds: &[],
    pairs: &[],
    keys: &[],
    names: &[],
    wrappers: &[],
    concat: &[],
    // No trees: fixes are never applied to a text language, so no option or variable kinds.
    options: &[],
    variables: &[],
    code: None,
    text: Some(&TEXT),
};

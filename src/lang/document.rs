//! Documents whose code is in embedded blocks: Markdown fences and HTML `<script>` elements
//! are parsed with their own language's grammar (see [`crate::embedded`]).

use super::{Lang, LangSpec};

/// Markdown: no grammar of its own.
pub(super) static MARKDOWN: LangSpec = LangSpec {
    lang: Lang::Markdown,
    name: "markdown",
    extensions: &["md", "markdown", "mdown", "mkd"],
    fence_names: &["markdown", "md"],
    line_comment: "<!--",
    grammar: None,
    string_kinds: &[],
    string_parts: &[],
    comment_kinds: &[],
    pairs: &[],
    keys: &[],
    names: &[],
    wrappers: &[],
    concat: &[],
    code: None,
};

/// HTML: its `<script>` elements and `<code class="language-...">` blocks.
pub(super) static HTML: LangSpec = LangSpec {
    lang: Lang::Html,
    name: "html",
    extensions: &["html", "htm", "xhtml"],
    fence_names: &["html", "htm"],
    grammar: Some(|| tree_sitter_html::LANGUAGE.into()),
    comment_kinds: &["comment"],
    ..MARKDOWN
};

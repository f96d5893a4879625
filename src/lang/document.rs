//! Documents whose code is in embedded blocks: Markdown fences and HTML `<script>` elements
//! are parsed with their own language's grammar (see [`crate::embedded`]); Vue and Svelte
//! components are read like HTML, their `<script>` blocks as JavaScript or TypeScript; Jupyter
//! notebooks through their cells.

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
    options: &[],
    variables: &[],
    code: None,
    text: None,
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

/// Vue single-file components: the HTML grammar reads their `<template>`, `<script>` and
/// `<style>` blocks; `<script lang="ts">` is TypeScript.
pub(super) static VUE: LangSpec =
    LangSpec { lang: Lang::Vue, name: "vue", extensions: &["vue"], fence_names: &["vue"], ..HTML };

/// Svelte components: markup with `{#if}` blocks the HTML grammar reads as text, and
/// `<script>` blocks (`lang="ts"`, `context="module"`).
pub(super) static SVELTE: LangSpec = LangSpec {
    lang: Lang::Svelte,
    name: "svelte",
    extensions: &["svelte"],
    fence_names: &["svelte"],
    ..HTML
};

/// Jupyter notebooks: JSON read with the JSON grammar to find the cells, whose decoded sources
/// are then read in their own languages (see [`crate::embedded::notebook`]).
pub(super) static NOTEBOOK: LangSpec = LangSpec {
    lang: Lang::Notebook,
    name: "notebook",
    extensions: &["ipynb"],
    fence_names: &["ipynb"],
    grammar: Some(|| tree_sitter_json::LANGUAGE.into()),
    comment_kinds: &[],
    ..HTML
};

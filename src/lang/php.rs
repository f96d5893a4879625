//! PHP, with inline HTML (`.php` files) and without an opening tag (snippets in documents).

use super::{
    AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, OptionKey, PairShape, StringSite, Wrapper,
};

const STRINGS: &[&str] = &["string", "encapsed_string", "heredoc", "nowdoc"];
const PAIRS: &[PairShape] = &[
    PairShape { kind: "array_element_initializer", key_field: None, value_field: None },
    PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
];
const KEYS: &[(&str, NameFrom)] = &[
    ("name", NameFrom::Text),
    ("variable_name", NameFrom::TrimStart(&['$'])),
    ("member_access_expression", NameFrom::Field("name")),
];
const NAMES: &[(&str, NameFrom)] = &[
    ("variable_name", NameFrom::TrimStart(&['$'])),
    ("name", NameFrom::Text),
    ("member_access_expression", NameFrom::Field("name")),
    ("nullsafe_member_access_expression", NameFrom::Field("name")),
];
const WRAPPERS: &[Wrapper] = &[
    Wrapper { kind: "parenthesized_expression", only_child: false },
    Wrapper { kind: "argument", only_child: false },
];
const CONCAT: &[ConcatShape] = &[ConcatShape { kind: "binary_expression", operator: Some(".") }];

/// Only variables interpolate in PHP (`"{$_ENV['RC_JWT']}"`), not calls.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    let simple = s.expr.starts_with('$') && !s.expr.contains('(');
    (s.kind == "encapsed_string" && s.open == "\"" && simple).then(|| format!("{{{}}}", s.expr))
}

static CODE: CodeShapes = CodeShapes {
    functions: &["arrow_function", "function_definition", "method_declaration", "anonymous_function"],
    assignments: &[
        AssignShape { kind: "assignment_expression", target: "left", value: Some("right") },
        AssignShape { kind: "property_declaration", target: "name", value: Some("value") },
    ],
    containers: &["array_creation_expression"],
    call_fields: &[],
    statement_lists: &["program", "compound_statement"],
    calls: &[
        ("function_call_expression", NameFrom::Field("function")),
        ("member_call_expression", NameFrom::Field("name")),
        ("nullsafe_member_call_expression", NameFrom::Field("name")),
        ("scoped_call_expression", NameFrom::Field("name")),
    ],
    dropped_calls: &["function_call_expression", "member_call_expression"],
    members: &[("member_access_expression", "object")],
    concat_op: " . ",
    interpolate,
    outside: super::expr_as_is,
    import: super::no_import,
    fit_interpolation: super::fits_as_is,
};

/// PHP files, parsed with the grammar that accepts inline HTML.
pub(super) static PHP: LangSpec = LangSpec {
    lang: Lang::Php,
    name: "php",
    extensions: &["php", "phtml", "php3", "php4", "php5", "php7", "php8", "phps", "inc"],
    fence_names: &["php", "php5", "php7", "php8"],
    line_comment: "//",
    grammar: Some(|| tree_sitter_php::LANGUAGE_PHP.into()),
    string_kinds: STRINGS,
    string_parts: &["string_content", "escape_sequence"],
    comment_kinds: &["comment"],
    pairs: PAIRS,
    keys: KEYS,
    names: NAMES,
    wrappers: WRAPPERS,
    concat: CONCAT,
    options: &[("pair", OptionKey::Field("key")), ("array_element_initializer", OptionKey::FirstOfTwo)],
    variables: &["variable_name"],
    code: Some(&CODE),
    text: None,
};

/// PHP code without an opening `<?php` tag: snippets in Markdown and HTML documents.
pub(super) static PHP_ONLY: LangSpec = LangSpec {
    lang: Lang::PhpOnly,
    name: "php-only",
    extensions: &[],
    fence_names: &[],
    grammar: Some(|| tree_sitter_php::LANGUAGE_PHP_ONLY.into()),
    ..PHP
};

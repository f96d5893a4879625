//! Kotlin (tree-sitter-kotlin-ng). The grammar names few fields: a call's callee is its first
//! named child, a navigation expression's member its last.

use super::{AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, PairShape, StringSite, Wrapper};

/// String templates interpolate any expression: `"${System.getenv("RC_JWT")}"`.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    (s.kind == "string_literal" || s.kind == "multiline_string_literal").then(|| format!("${{{}}}", s.expr))
}

static CODE: CodeShapes = CodeShapes {
    functions: &["function_declaration", "anonymous_function", "lambda_literal", "secondary_constructor"],
    assignments: &[
        AssignShape { kind: "assignment", target: "left", value: Some("right") },
        // `val form = call.receiveParameters()`: no fields, the value comes last.
        AssignShape { kind: "property_declaration", target: "", value: None },
    ],
    // `mapOf("grant_type" to "password", ...)`, `listOf(...)`, `[...]` in annotations.
    containers: &["value_arguments", "collection_literal"],
    call_fields: &[],
    statement_lists: &["source_file", "block", "class_body", "lambda_literal"],
    calls: &[("call_expression", NameFrom::FirstChild)],
    dropped_calls: &[],
    // A navigation expression has no field for its object: member names may be counted as
    // names the rewrite leaves behind.
    members: &[("navigation_expression", "object")],
    concat_op: " + ",
    interpolate,
    outside: super::expr_as_is,
    import: super::no_import,
    fit_interpolation: super::fits_as_is,
};

/// Kotlin.
pub(super) static KOTLIN: LangSpec = LangSpec {
    lang: Lang::Kotlin,
    name: "kotlin",
    extensions: &["kt", "kts"],
    fence_names: &["kotlin", "kt", "kts"],
    line_comment: "//",
    grammar: Some(|| tree_sitter_kotlin_ng::LANGUAGE.into()),
    string_kinds: &["string_literal", "multiline_string_literal"],
    string_parts: &["string_content", "escape_sequence"],
    comment_kinds: &["line_comment", "block_comment"],
    pairs: &[
        PairShape { kind: "assignment", key_field: Some("left"), value_field: Some("right") },
        // `"grant_type" to "password"` in `mapOf(...)`.
        PairShape { kind: "infix_expression", key_field: None, value_field: None },
    ],
    keys: &[("identifier", NameFrom::Text), ("navigation_expression", NameFrom::LastChild)],
    names: &[
        ("identifier", NameFrom::Text),
        ("this_expression", NameFrom::Text),
        ("navigation_expression", NameFrom::LastChild),
    ],
    wrappers: &[Wrapper { kind: "parenthesized_expression", only_child: false }],
    concat: &[ConcatShape { kind: "binary_expression", operator: Some("+") }],
    options: &[],
    variables: &["identifier"],
    code: Some(&CODE),
    text: None,
};

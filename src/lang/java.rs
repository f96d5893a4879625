//! Java.

use super::{AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, PairShape, Wrapper};

static CODE: CodeShapes = CodeShapes {
    functions: &["method_declaration"],
    assignments: &[
        AssignShape { kind: "assignment_expression", target: "left", value: Some("right") },
        AssignShape { kind: "variable_declarator", target: "name", value: Some("value") },
    ],
    containers: &["array_creation_expression"],
    call_fields: &[],
    statement_lists: &["program", "block"],
    calls: &[("method_invocation", NameFrom::Field("name"))],
    dropped_calls: &[],
    members: &[("method_invocation", "object"), ("field_access", "object")],
    concat_op: " + ",
    // Java strings do not interpolate.
    interpolate: |_| None,
    outside: super::expr_as_is,
    import: super::no_import,
    fit_interpolation: super::fits_as_is,
};

/// Java.
pub(super) static JAVA: LangSpec = LangSpec {
    lang: Lang::Java,
    name: "java",
    extensions: &["java"],
    fence_names: &["java"],
    line_comment: "//",
    grammar: Some(|| tree_sitter_java::LANGUAGE.into()),
    string_kinds: &["string_literal"],
    string_parts: &["string_fragment", "escape_sequence"],
    comment_kinds: &["line_comment", "block_comment"],
    pairs: &[
        PairShape { kind: "variable_declarator", key_field: Some("name"), value_field: Some("value") },
        PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
    ],
    keys: &[("identifier", NameFrom::Text), ("field_access", NameFrom::Field("field"))],
    names: &[
        ("identifier", NameFrom::Text),
        ("this", NameFrom::Text),
        ("field_access", NameFrom::Field("field")),
    ],
    wrappers: &[Wrapper { kind: "parenthesized_expression", only_child: false }],
    concat: &[ConcatShape { kind: "binary_expression", operator: Some("+") }],
    options: &[],
    variables: &["identifier"],
    code: Some(&CODE),
    text: None,
};

//! Swift (tree-sitter-swift). A call is its callee followed by a `call_suffix`; a navigation
//! expression's member is the `suffix` of its `navigation_suffix`.

use super::{AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, PairShape, StringSite, Wrapper};

/// String literals interpolate any expression: `"\(token)"`.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    (s.kind == "line_string_literal" || s.kind == "multi_line_string_literal")
        .then(|| format!("\\({})", s.expr))
}

static CODE: CodeShapes = CodeShapes {
    functions: &["function_declaration", "init_declaration", "lambda_literal"],
    assignments: &[
        AssignShape { kind: "assignment", target: "target", value: Some("result") },
        AssignShape { kind: "property_declaration", target: "name", value: Some("value") },
    ],
    // `["grant_type": "password", ...]`, `[URLQueryItem(...), ...]`.
    containers: &["dictionary_literal", "array_literal"],
    call_fields: &[],
    statement_lists: &["source_file", "statements"],
    calls: &[("call_expression", NameFrom::FirstChild)],
    dropped_calls: &[],
    members: &[("navigation_expression", "target")],
    concat_op: " + ",
    interpolate,
    // The JWT expression ends in `?? ""`, which binds looser than `+`.
    outside: |s| format!("({})", s.expr),
    import: super::no_import,
    fit_interpolation: super::fits_as_is,
};

/// Swift.
pub(super) static SWIFT: LangSpec = LangSpec {
    lang: Lang::Swift,
    name: "swift",
    extensions: &["swift"],
    fence_names: &["swift"],
    line_comment: "//",
    grammar: Some(|| tree_sitter_swift::LANGUAGE.into()),
    string_kinds: &["line_string_literal", "multi_line_string_literal", "raw_string_literal"],
    string_parts: &[
        "line_str_text",
        "multi_line_str_text",
        "str_escaped_char",
        "raw_str_part",
        "raw_str_end_part",
    ],
    comment_kinds: &["comment", "multiline_comment"],
    pairs: &[
        PairShape { kind: "assignment", key_field: Some("target"), value_field: Some("result") },
        PairShape { kind: "property_declaration", key_field: Some("name"), value_field: Some("value") },
        // `username: u` in a call's arguments.
        PairShape { kind: "value_argument", key_field: Some("name"), value_field: Some("value") },
    ],
    keys: &[
        ("simple_identifier", NameFrom::Text),
        ("value_argument_label", NameFrom::Text),
        ("pattern", NameFrom::Field("bound_identifier")),
        ("directly_assignable_expression", NameFrom::LastChild),
        ("navigation_expression", NameFrom::LastChild),
        ("navigation_suffix", NameFrom::Field("suffix")),
    ],
    names: &[
        ("simple_identifier", NameFrom::Text),
        ("self_expression", NameFrom::Text),
        ("navigation_expression", NameFrom::LastChild),
        ("directly_assignable_expression", NameFrom::LastChild),
    ],
    wrappers: &[
        Wrapper { kind: "tuple_expression", only_child: true },
        Wrapper { kind: "try_expression", only_child: true },
        Wrapper { kind: "await_expression", only_child: true },
    ],
    concat: &[ConcatShape { kind: "additive_expression", operator: Some("+") }],
    options: &[],
    variables: &["identifier"],
    code: Some(&CODE),
    text: None,
};

//! Python.

use super::{AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, PairShape, StringSite, Wrapper};

/// f-strings take an expression without a backslash or the string's own quote.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    let quote = s.open.chars().last()?;
    (s.open.contains(['f', 'F']) && !s.expr.contains(quote) && !s.expr.contains('\\'))
        .then(|| format!("{{{}}}", s.expr))
}

static CODE: CodeShapes = CodeShapes {
    functions: &["function_definition", "lambda"],
    assignments: &[AssignShape { kind: "assignment", target: "left", value: Some("right") }],
    containers: &["dictionary", "list"],
    call_fields: &["keyword_argument"],
    statement_lists: &["module", "block"],
    calls: &[("call", NameFrom::Callee { field: "function", member: "attribute", name: "attribute" })],
    dropped_calls: &[],
    members: &[("attribute", "object")],
    concat_op: " + ",
    interpolate,
    outside: super::expr_as_is,
};

/// Python.
pub(super) static PYTHON: LangSpec = LangSpec {
    lang: Lang::Python,
    name: "python",
    extensions: &["py", "pyw"],
    fence_names: &["python", "py", "python3", "py3"],
    line_comment: "#",
    grammar: Some(|| tree_sitter_python::LANGUAGE.into()),
    string_kinds: &["string"],
    string_parts: &["string_content", "escape_sequence", "string_start", "string_end"],
    comment_kinds: &["comment"],
    pairs: &[
        PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") },
        PairShape { kind: "keyword_argument", key_field: Some("name"), value_field: Some("value") },
        PairShape { kind: "assignment", key_field: Some("left"), value_field: Some("right") },
    ],
    keys: &[("identifier", NameFrom::Text), ("attribute", NameFrom::Field("attribute"))],
    names: &[("identifier", NameFrom::Text), ("attribute", NameFrom::Field("attribute"))],
    wrappers: &[
        Wrapper { kind: "parenthesized_expression", only_child: false },
        Wrapper { kind: "await", only_child: false },
    ],
    concat: &[
        ConcatShape { kind: "binary_operator", operator: Some("+") },
        // Adjacent literals: `('grant_type=password' '&username=' ...)`.
        ConcatShape { kind: "concatenated_string", operator: None },
    ],
    code: Some(&CODE),
    text: None,
};

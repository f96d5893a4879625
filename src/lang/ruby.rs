//! Ruby.

use super::{
    AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, OptionKey, PairShape, StringSite, Wrapper,
};

/// Double-quoted strings interpolate any expression.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    (s.open == "\"").then(|| format!("#{{{}}}", s.expr))
}

static CODE: CodeShapes = CodeShapes {
    functions: &["lambda", "method", "singleton_method"],
    assignments: &[
        AssignShape { kind: "assignment", target: "left", value: Some("right") },
        // `@rc ||= ...`
        AssignShape { kind: "operator_assignment", target: "left", value: Some("right") },
    ],
    containers: &["array", "hash"],
    call_fields: &["pair"],
    statement_lists: &["program", "module", "block", "body_statement", "do_block", "begin_block"],
    calls: &[("call", NameFrom::Field("method"))],
    dropped_calls: &[],
    members: &[("call", "receiver")],
    concat_op: " + ",
    interpolate,
    outside: super::expr_as_is,
    import: super::no_import,
    fit_interpolation: super::fits_as_is,
};

/// Ruby.
pub(super) static RUBY: LangSpec = LangSpec {
    lang: Lang::Ruby,
    name: "ruby",
    extensions: &["rb", "rake", "gemspec", "ru"],
    fence_names: &["ruby", "rb"],
    line_comment: "#",
    grammar: Some(|| tree_sitter_ruby::LANGUAGE.into()),
    string_kinds: &["string"],
    string_parts: &["string_content", "escape_sequence"],
    comment_kinds: &["comment"],
    pairs: &[
        PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") },
        PairShape { kind: "assignment", key_field: Some("left"), value_field: Some("right") },
    ],
    keys: &[
        ("identifier", NameFrom::Text),
        ("hash_key_symbol", NameFrom::Text),
        ("simple_symbol", NameFrom::TrimStart(&[':'])),
        // `config.password = ...`
        ("call", NameFrom::FieldOfBareCall("method")),
    ],
    names: &[
        ("identifier", NameFrom::Text),
        ("instance_variable", NameFrom::TrimStart(&['@', '$'])),
        ("global_variable", NameFrom::TrimStart(&['@', '$'])),
        ("class_variable", NameFrom::TrimStart(&['@', '$'])),
        // `self.client`: a call without arguments reads like an attribute.
        ("call", NameFrom::FieldOfBareCall("method")),
    ],
    wrappers: &[Wrapper { kind: "parenthesized_statements", only_child: false }],
    concat: &[ConcatShape { kind: "binary", operator: Some("+") }],
    options: &[
        ("pair", OptionKey::Field("key")),
        ("hash_splat_argument", OptionKey::Whole),
        ("keyword_parameter", OptionKey::Whole),
    ],
    variables: &["identifier"],
    code: Some(&CODE),
    text: None,
};

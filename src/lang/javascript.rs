//! JavaScript, TypeScript and TSX: one room, three grammars.

use super::{
    AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, OptionKey, PairShape, StringSite, Wrapper,
};

const STRINGS: &[&str] = &["string", "template_string"];
const PAIRS: &[PairShape] = &[
    PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") },
    PairShape { kind: "variable_declarator", key_field: Some("name"), value_field: Some("value") },
    PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
];
const KEYS: &[(&str, NameFrom)] = &[
    ("property_identifier", NameFrom::Text),
    ("shorthand_property_identifier", NameFrom::Text),
    ("identifier", NameFrom::Text),
    ("computed_property_name", NameFrom::FirstChildString),
    ("member_expression", NameFrom::Field("property")),
];
const NAMES: &[(&str, NameFrom)] = &[
    ("identifier", NameFrom::Text),
    ("property_identifier", NameFrom::Text),
    ("this", NameFrom::Text),
    ("member_expression", NameFrom::Field("property")),
];
const JS_WRAPPERS: &[Wrapper] = &[
    Wrapper { kind: "parenthesized_expression", only_child: false },
    Wrapper { kind: "await_expression", only_child: false },
];
const TS_WRAPPERS: &[Wrapper] = &[
    Wrapper { kind: "parenthesized_expression", only_child: false },
    Wrapper { kind: "await_expression", only_child: false },
    Wrapper { kind: "non_null_expression", only_child: false },
    Wrapper { kind: "as_expression", only_child: false },
    Wrapper { kind: "satisfies_expression", only_child: false },
];
const CONCAT: &[ConcatShape] = &[ConcatShape { kind: "binary_expression", operator: Some("+") }];
const FUNCTIONS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
];
const CALLS: &[(&str, NameFrom)] = &[(
    "call_expression",
    NameFrom::Callee { field: "function", member: "member_expression", name: "property" },
)];

/// Template literals interpolate any expression.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    (s.kind == "template_string").then(|| format!("${{{}}}", s.expr))
}

static JS_CODE: CodeShapes = CodeShapes {
    functions: FUNCTIONS,
    assignments: &[
        AssignShape { kind: "assignment_expression", target: "left", value: Some("right") },
        AssignShape { kind: "variable_declarator", target: "name", value: Some("value") },
    ],
    containers: &["object", "array"],
    call_fields: &[],
    statement_lists: &["program", "statement_block"],
    calls: CALLS,
    dropped_calls: &["call_expression"],
    members: &[("member_expression", "object")],
    concat_op: " + ",
    interpolate,
    outside: super::expr_as_is,
    import: super::no_import,
    fit_interpolation: super::fits_as_is,
};

static TS_CODE: CodeShapes = CodeShapes {
    assignments: &[
        AssignShape { kind: "assignment_expression", target: "left", value: Some("right") },
        AssignShape { kind: "variable_declarator", target: "name", value: Some("value") },
        AssignShape { kind: "public_field_definition", target: "name", value: Some("value") },
    ],
    statement_lists: &["program", "module", "statement_block"],
    ..JS_CODE
};

/// Options of a JS object literal: keyed pairs, shorthands (`{ remember }`), spreads.
const JS_OPTIONS: &[(&str, OptionKey)] = &[
    ("pair", OptionKey::Field("key")),
    ("shorthand_property_identifier", OptionKey::Whole),
    ("spread_element", OptionKey::Whole),
];

/// JavaScript and JSX.
pub(super) static JAVASCRIPT: LangSpec = LangSpec {
    lang: Lang::JavaScript,
    name: "javascript",
    extensions: &["js", "mjs", "cjs", "jsx"],
    fence_names: &["js", "javascript", "jsx", "node", "nodejs", "mjs", "cjs"],
    line_comment: "//",
    grammar: Some(|| tree_sitter_javascript::LANGUAGE.into()),
    string_kinds: STRINGS,
    string_parts: &["string_fragment", "escape_sequence"],
    comment_kinds: &["comment"],
    pairs: PAIRS,
    keys: KEYS,
    names: NAMES,
    wrappers: JS_WRAPPERS,
    concat: CONCAT,
    options: JS_OPTIONS,
    variables: &["identifier", "shorthand_property_identifier"],
    code: Some(&JS_CODE),
    text: None,
};

/// TypeScript (no JSX).
pub(super) static TYPESCRIPT: LangSpec = LangSpec {
    lang: Lang::TypeScript,
    name: "typescript",
    extensions: &["ts", "mts", "cts"],
    fence_names: &["ts", "typescript"],
    grammar: Some(|| tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
    wrappers: TS_WRAPPERS,
    options: JS_OPTIONS,
    variables: &["identifier", "shorthand_property_identifier"],
    code: Some(&TS_CODE),
    text: None,
    ..JAVASCRIPT
};

/// TypeScript with JSX.
pub(super) static TSX: LangSpec = LangSpec {
    lang: Lang::Tsx,
    name: "tsx",
    extensions: &["tsx"],
    fence_names: &["tsx"],
    grammar: Some(|| tree_sitter_typescript::LANGUAGE_TSX.into()),
    ..TYPESCRIPT
};

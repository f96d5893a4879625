//! C#.

use super::{
    AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, OptionKey, PairShape, StringSite, Wrapper,
};
use std::sync::LazyLock;

use regex::Regex;

use super::Import;

/// `$"..."` strings interpolate any expression.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    (s.open == "$\"").then(|| format!("{{{}}}", s.expr))
}

static CS_USES_SYSTEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:global[ \t]+)?using[ \t]+System[ \t]*;").expect("valid regex")
});
static CS_FIRST_USING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?[\w.]+[ \t]*(?:=[ \t]*[\w.<>]+[ \t]*)?;",
    )
    .expect("valid regex")
});
static CS_ENVIRONMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w.])Environment\.").expect("valid regex"));

/// `using System;` for a rewrite that reads `Environment.`, unless the file already does or
/// uses `System`: before the first `using`, else at the top.
fn using_system(src: &str, replacements: &[&str]) -> Result<Option<Import>, String> {
    if !replacements.iter().any(|r| CS_ENVIRONMENT.is_match(r))
        || CS_ENVIRONMENT.is_match(src)
        || CS_USES_SYSTEM.is_match(src)
    {
        return Ok(None);
    }
    let at = CS_FIRST_USING.find(src).map_or(0, |m| m.start());
    Ok(Some(Import::insert(at, "using System;\n", "using System;")))
}

static CODE: CodeShapes = CodeShapes {
    functions: &["method_declaration"],
    assignments: &[
        AssignShape { kind: "assignment_expression", target: "left", value: Some("right") },
        // A declarator's value is its last named child after the name.
        AssignShape { kind: "variable_declarator", target: "name", value: None },
        AssignShape { kind: "property_declaration", target: "name", value: Some("value") },
    ],
    containers: &["array_creation_expression", "initializer_expression"],
    call_fields: &[],
    statement_lists: &["compilation_unit", "block"],
    calls: &[(
        "invocation_expression",
        NameFrom::Callee { field: "function", member: "member_access_expression", name: "name" },
    )],
    dropped_calls: &[],
    members: &[("member_access_expression", "expression")],
    concat_op: " + ",
    interpolate,
    outside: super::expr_as_is,
    import: using_system,
    fit_interpolation: super::fits_as_is,
};

/// C#.
pub(super) static CSHARP: LangSpec = LangSpec {
    lang: Lang::CSharp,
    name: "csharp",
    extensions: &["cs", "csx"],
    fence_names: &["csharp", "cs", "c#", "dotnet"],
    line_comment: "//",
    grammar: Some(|| tree_sitter_c_sharp::LANGUAGE.into()),
    string_kinds: &[
        "string_literal",
        "verbatim_string_literal",
        "raw_string_literal",
        "interpolated_string_expression",
    ],
    string_parts: &[
        "string_content",
        "escape_sequence",
        "string_literal_content",
        "raw_string_start",
        "raw_string_content",
        "raw_string_end",
    ],
    comment_kinds: &["comment"],
    pairs: &[
        PairShape { kind: "variable_declarator", key_field: Some("name"), value_field: None },
        PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
    ],
    keys: &[("identifier", NameFrom::Text), ("member_access_expression", NameFrom::Field("name"))],
    names: &[("identifier", NameFrom::Text), ("member_access_expression", NameFrom::Field("name"))],
    wrappers: &[
        Wrapper { kind: "parenthesized_expression", only_child: false },
        Wrapper { kind: "await_expression", only_child: false },
        Wrapper { kind: "as_expression", only_child: false },
        Wrapper { kind: "argument", only_child: false },
    ],
    concat: &[ConcatShape { kind: "binary_expression", operator: Some("+") }],
    options: &[("spread_element", OptionKey::Whole)],
    variables: &["identifier"],
    code: Some(&CODE),
    text: None,
};

//! Go.

use super::{AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, PairShape, Wrapper};
use std::sync::LazyLock;

use regex::Regex;

use super::Import;

static GO_IMPORTS_OS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?m)^[ \t]*(?:import[ \t]+)?"os"[ \t]*(?://.*)?$"#).expect("valid regex"));
static GO_USES_OS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w.])os\.[A-Z]").expect("valid regex"));
static GO_IMPORT_BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^import[ \t]*\([ \t]*(?://.*)?\n").expect("valid regex"));
static GO_IMPORT_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^import[ \t]").expect("valid regex"));
static GO_PACKAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^package[ \t]+\w+.*$").expect("valid regex"));

/// Go's `"os"` import for a rewrite that calls `os.Getenv`, unless the file uses or imports
/// `os` already: into the import block, before the first import line, or after the package
/// clause.
fn import_os(src: &str, replacements: &[&str]) -> Result<Option<Import>, String> {
    if !replacements.iter().any(|r| r.contains("os.Getenv"))
        || GO_USES_OS.is_match(src)
        || GO_IMPORTS_OS.is_match(src)
    {
        return Ok(None);
    }
    let import = if let Some(block) = GO_IMPORT_BLOCK.find(src) {
        Import::insert(block.end(), "\t\"os\"\n", "\"os\"")
    } else if let Some(line) = GO_IMPORT_LINE.find(src) {
        Import::insert(line.start(), "import \"os\"\n", "\"os\"")
    } else if let Some(package) = GO_PACKAGE.find(src) {
        Import::insert(package.end(), "\n\nimport \"os\"", "\"os\"")
    } else {
        return Err("needs the \"os\" import, and the file has no package clause".to_owned());
    };
    Ok(Some(import))
}

static CODE: CodeShapes = CodeShapes {
    functions: &["function_declaration", "method_declaration"],
    assignments: &[
        AssignShape { kind: "short_var_declaration", target: "left", value: Some("right") },
        AssignShape { kind: "assignment_statement", target: "left", value: Some("right") },
        AssignShape { kind: "const_spec", target: "name", value: Some("value") },
        AssignShape { kind: "var_spec", target: "name", value: Some("value") },
    ],
    containers: &["literal_value"],
    call_fields: &[],
    statement_lists: &["source_file", "block", "statement_list"],
    // The whole callee: `os.Getenv`, `ringcentral.NewClientPassword`.
    calls: &[("call_expression", NameFrom::Field("function"))],
    dropped_calls: &["call_expression"],
    members: &[("selector_expression", "operand")],
    concat_op: " + ",
    // Go strings do not interpolate.
    interpolate: |_| None,
    outside: super::expr_as_is,
    import: import_os,
    fit_interpolation: super::fits_as_is,
};

/// Go.
pub(super) static GO: LangSpec = LangSpec {
    lang: Lang::Go,
    name: "go",
    extensions: &["go"],
    fence_names: &["go", "golang"],
    line_comment: "//",
    grammar: Some(|| tree_sitter_go::LANGUAGE.into()),
    string_kinds: &["interpreted_string_literal", "raw_string_literal"],
    string_parts: &["escape_sequence", "interpreted_string_literal_content", "raw_string_literal_content"],
    comment_kinds: &["comment"],
    pairs: &[
        PairShape { kind: "keyed_element", key_field: Some("key"), value_field: Some("value") },
        PairShape { kind: "short_var_declaration", key_field: Some("left"), value_field: Some("right") },
        PairShape { kind: "assignment_statement", key_field: Some("left"), value_field: Some("right") },
    ],
    // Composite literals wrap keys: `Password: "x"` is `(literal_element (identifier))`.
    keys: &[("identifier", NameFrom::Text), ("literal_element", NameFrom::FirstChild)],
    names: &[("identifier", NameFrom::Text)],
    wrappers: &[
        Wrapper { kind: "parenthesized_expression", only_child: false },
        Wrapper { kind: "literal_element", only_child: false },
    ],
    concat: &[ConcatShape { kind: "binary_expression", operator: Some("+") }],
    options: &[],
    variables: &["identifier"],
    code: Some(&CODE),
    text: None,
};

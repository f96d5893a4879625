//! Python.

use super::{
    AssignShape, CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, OptionKey, PairShape, StringSite, Wrapper,
};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::Import;

/// f-strings take an expression without a backslash or the string's own quote.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    let quote = s.open.chars().last()?;
    (s.open.contains(['f', 'F']) && !s.expr.contains(quote) && !s.expr.contains('\\'))
        .then(|| format!("{{{}}}", s.expr))
}

static PY_IMPORTS_OS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*os[ \t]*(?:,|;|#|$)")
        .expect("valid regex")
});
static PY_FIRST_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^(?:import[ \t]|from[ \t]+(?:[^_\s]|_[^_])\S*[ \t]+import)").expect("valid regex")
});

/// `import os` for a rewrite that reads `os.environ` or `os.getenv`, unless the file already
/// reads one of them or imports `os`.
fn import_os(src: &str, replacements: &[&str]) -> Result<Option<Import>, String> {
    let uses = |needle: &str| replacements.iter().any(|r| r.contains(needle));
    // Code that already reads `os.environ` has what it needs in scope, however it got there.
    if !(uses("os.environ") || uses("os.getenv"))
        || src.contains("os.environ")
        || src.contains("os.getenv")
        || PY_IMPORTS_OS.is_match(src)
    {
        return Ok(None);
    }
    // Before the first import (after the docstring and `from __future__` imports, which must
    // come first), else before the first line of code.
    let at = match PY_FIRST_IMPORT.find(src) {
        Some(first) => first.start(),
        None => first_statement(src).ok_or_else(|| {
            "needs `import os`, and the file starts with a docstring or `from __future__`: add it by hand"
                .to_owned()
        })?,
    };
    Ok(Some(Import::insert(at, "import os\n", "import os")))
}

/// The offset of a Python file's first line of code, after blank and comment lines (the
/// shebang, the encoding), when that line is neither a docstring nor a `from __future__`
/// import, before which nothing may come.
fn first_statement(src: &str) -> Option<usize> {
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            at += line.len();
            continue;
        }
        let docstring = t.trim_start_matches(['r', 'R', 'u', 'U', 'b', 'B']).starts_with(['"', '\'']);
        return (!docstring && !t.starts_with("from __future__")).then_some(at);
    }
    Some(at)
}

/// The replacement for `range`, fitted to the f-strings around it: `Ok(None)` when it fits as
/// it is, `Ok(Some(text))` with its quotes swapped, `Err(reason)` when neither fits. Before Python 3.12 an f-string's expression may not hold the quote
/// that delimits the f-string, nor a backslash (`f'{login(os.environ['X'])}'` is a
/// SyntaxError, which tree-sitter's grammar, written for 3.12, accepts). JavaScript template
/// literals, PHP `{$...}`, Ruby `#{...}` and C# holes take any quote.
///
/// # Errors
/// The reason the rewrite cannot be placed there.
fn fit_interpolation(
    root: Node<'_>,
    src: &str,
    range: &Range<usize>,
    replacement: &str,
) -> Result<Option<String>, String> {
    let Some(mut node) = root.descendant_for_byte_range(range.start, range.end) else { return Ok(None) };
    // The quotes of every f-string the range sits in.
    let mut quotes: Vec<char> = Vec::new();
    while let Some(parent) = node.parent() {
        if node.kind() == "interpolation" && parent.kind() == "string" {
            let start = parent.child(0).map_or("", |s| s.utf8_text(src.as_bytes()).unwrap_or(""));
            if let Some(q) = start.chars().find(|c| matches!(c, '\'' | '"')) {
                quotes.push(q);
            }
        }
        node = parent;
    }
    if quotes.is_empty() {
        return Ok(None);
    }
    if replacement.contains('\\') {
        return Err("inside an f-string, where a backslash is a SyntaxError before Python 3.12".to_owned());
    }
    let fits = |text: &str| !text.chars().any(|c| quotes.contains(&c));
    if fits(replacement) {
        return Ok(None);
    }
    let swapped: String = replacement
        .chars()
        .map(|c| match c {
            '\'' => '"',
            '"' => '\'',
            other => other,
        })
        .collect();
    if fits(&swapped) {
        return Ok(Some(swapped));
    }
    Err("inside an f-string quoted with both ' and \", where the rewrite's quotes are a SyntaxError before Python 3.12".to_owned())
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
    import: import_os,
    fit_interpolation,
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
    options: &[
        ("pair", OptionKey::Field("key")),
        ("keyword_argument", OptionKey::Field("name")),
        ("dictionary_splat", OptionKey::Whole),
    ],
    variables: &["identifier"],
    code: Some(&CODE),
    text: None,
};

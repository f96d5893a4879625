//! What a JWT rewrite needs to build in its language, beyond its own text: quotes that do not
//! end the string it sits in (a call inside a Python f-string), and the import its new code
//! needs (`import os`, Go's `"os"`, C#'s `using System;`). A rewrite that cannot be made to
//! build is declined with the reason, never applied.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::finding::Edit;
use crate::lang::Lang;

/// The replacement for `range`, fitted to the string interpolations around it: `Ok(None)` when
/// it fits as it is, `Ok(Some(text))` with its quotes swapped, `Err(reason)` when neither fits.
///
/// Only Python needs it: before Python 3.12 an f-string's expression may not hold the quote
/// that delimits the f-string, nor a backslash (`f'{login(os.environ['X'])}'` is a
/// SyntaxError, which tree-sitter's grammar, written for 3.12, accepts). JavaScript template
/// literals, PHP `{$...}`, Ruby `#{...}` and C# holes take any quote.
///
/// # Errors
/// The reason the rewrite cannot be placed there.
pub fn fit_interpolation(
    lang: Lang,
    root: Node<'_>,
    src: &str,
    range: &Range<usize>,
    replacement: &str,
) -> Result<Option<String>, String> {
    if lang != Lang::Python {
        return Ok(None);
    }
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

/// An import a rewrite needs: the edit that adds it and how the fix title names it.
pub struct Import {
    /// The insertion.
    pub edit: Edit,
    /// `import os`, `"os"`, `using System;`.
    pub name: &'static str,
}

static PY_IMPORTS_OS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*os[ \t]*(?:,|;|#|$)")
        .expect("valid regex")
});
static PY_FIRST_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^(?:import[ \t]|from[ \t]+(?:[^_\s]|_[^_])\S*[ \t]+import)").expect("valid regex")
});
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

/// The import the new code of a rewrite needs and `src` lacks, if any: `Ok(None)` when none is
/// needed. Found by text, as the tree of a large file covers only windows around its calls.
///
/// # Errors
/// An import is needed but there is no place it can be put with confidence.
pub fn needed_import(lang: Lang, src: &str, replacements: &[&str]) -> Result<Option<Import>, String> {
    let uses = |needle: &str| replacements.iter().any(|r| r.contains(needle));
    // Code that already reads `os.environ` (Go's `os.X`, C#'s `Environment.`) has what it needs
    // in scope, however it got there: nothing to add.
    let has = |needle: &str| src.contains(needle);
    let insert = |at: usize, text: &str| Edit { range: at..at, replacement: text.to_owned() };
    match lang {
        Lang::Python
            if (uses("os.environ") || uses("os.getenv"))
                && !has("os.environ")
                && !has("os.getenv")
                && !PY_IMPORTS_OS.is_match(src) =>
        {
            // Before the first import (after the docstring and `from __future__` imports,
            // which must come first), else before the first line of code.
            let at = match PY_FIRST_IMPORT.find(src) {
                Some(first) => first.start(),
                None => python_first_statement(src).ok_or_else(|| {
                    "needs `import os`, and the file starts with a docstring or `from __future__`: add it by hand"
                        .to_owned()
                })?,
            };
            Ok(Some(Import { edit: insert(at, "import os\n"), name: "import os" }))
        }
        Lang::Go if uses("os.Getenv") && !GO_USES_OS.is_match(src) && !GO_IMPORTS_OS.is_match(src) => {
            let edit = if let Some(block) = GO_IMPORT_BLOCK.find(src) {
                insert(block.end(), "\t\"os\"\n")
            } else if let Some(line) = GO_IMPORT_LINE.find(src) {
                insert(line.start(), "import \"os\"\n")
            } else if let Some(package) = GO_PACKAGE.find(src) {
                insert(package.end(), "\n\nimport \"os\"")
            } else {
                return Err("needs the \"os\" import, and the file has no package clause".to_owned());
            };
            Ok(Some(Import { edit, name: "\"os\"" }))
        }
        Lang::CSharp
            if replacements.iter().any(|r| CS_ENVIRONMENT.is_match(r))
                && !CS_ENVIRONMENT.is_match(src)
                && !CS_USES_SYSTEM.is_match(src) =>
        {
            let at = CS_FIRST_USING.find(src).map_or(0, |m| m.start());
            Ok(Some(Import { edit: insert(at, "using System;\n"), name: "using System;" }))
        }
        _ => Ok(None),
    }
}

/// The offset of a Python file's first line of code, after blank and comment lines (the
/// shebang, the encoding), when that line is neither a docstring nor a `from __future__`
/// import, before which nothing may come.
fn python_first_statement(src: &str) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn import(lang: Lang, src: &str, replacement: &str) -> Option<String> {
        let import = needed_import(lang, src, &[replacement]).expect("placed")?;
        let mut out = src.to_owned();
        out.insert_str(import.edit.range.start, &import.edit.replacement);
        Some(out)
    }

    #[test]
    fn python_imports_os_once_after_future_imports() {
        let src = "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport sys\nx = 1\n";
        assert_eq!(
            import(Lang::Python, src, "os.environ['RC_JWT']").as_deref(),
            Some("\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport os\nimport sys\nx = 1\n")
        );
        assert_eq!(import(Lang::Python, "import sys, os\n", "os.environ['X']"), None);
        assert_eq!(import(Lang::Python, "import os\n", "os.getenv('X')"), None);
        assert!(import(Lang::Python, "import os as o\nimport sys\n", "os.getenv('X')").is_some());
        assert_eq!(
            import(Lang::Python, "#!/usr/bin/env python3\n# c\nx = 1\n", "os.environ['X']").as_deref(),
            Some("#!/usr/bin/env python3\n# c\nimport os\nx = 1\n")
        );
        assert!(needed_import(Lang::Python, "\"\"\"Doc.\"\"\"\nx = 1\n", &["os.environ['X']"]).is_err());
        // Already read from `os`, however it came into scope.
        assert_eq!(import(Lang::Python, "x = os.environ['A']\n", "os.environ['X']"), None);
    }

    #[test]
    fn go_adds_os_to_the_import_block_or_after_the_package() {
        let block = "package main\n\nimport (\n\t\"fmt\"\n)\n";
        assert_eq!(
            import(Lang::Go, block, "os.Getenv(\"RC_JWT\")").as_deref(),
            Some("package main\n\nimport (\n\t\"os\"\n\t\"fmt\"\n)\n")
        );
        assert_eq!(
            import(Lang::Go, "package main\n\nfunc f() {}\n", "os.Getenv(\"X\")").as_deref(),
            Some("package main\n\nimport \"os\"\n\nfunc f() {}\n")
        );
        assert_eq!(import(Lang::Go, "package main\nimport \"os\"\n", "os.Getenv(\"X\")"), None);
    }

    #[test]
    fn csharp_adds_using_system_before_the_first_using() {
        assert_eq!(
            import(
                Lang::CSharp,
                "// c\nusing RingCentral;\nclass A {}\n",
                "Environment.GetEnvironmentVariable(\"X\")"
            )
            .as_deref(),
            Some("// c\nusing System;\nusing RingCentral;\nclass A {}\n")
        );
        assert_eq!(
            import(Lang::CSharp, "using System;\n", "Environment.GetEnvironmentVariable(\"X\")"),
            None
        );
        assert_eq!(
            import(Lang::CSharp, "class A {}\n", "System.Environment.GetEnvironmentVariable(\"X\")"),
            None
        );
    }
}

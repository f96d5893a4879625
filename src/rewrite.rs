//! What a JWT rewrite needs to build in its language, beyond its own text: quotes that do not
//! end the string it sits in (a call inside a Python f-string), and the import its new code
//! needs (`import os`, Go's `"os"`, C#'s `using System;`). A rewrite that cannot be made to
//! build is declined with the reason, never applied.

use std::ops::Range;

use tree_sitter::Node;

pub use crate::lang::Import;
use crate::lang::Lang;

/// The replacement for `range`, fitted to the string interpolations around it: `Ok(None)` when
/// it fits as it is, `Ok(Some(text))` changed to fit, `Err(reason)` when nothing fits. Only
/// Python's room changes anything (its f-strings, before 3.12, take no backslash and not their
/// own quote); JavaScript template literals, PHP `{$...}`, Ruby `#{...}` and C# holes take any
/// text.
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
    lang.code().map_or(Ok(None), |code| (code.fit_interpolation)(root, src, range, replacement))
}

/// The import the new code of a rewrite needs and `src` lacks, if any (`import os`, Go's
/// `"os"`, C#'s `using System;`, each found and placed by its language's room): `Ok(None)` when
/// none is needed.
///
/// # Errors
/// An import is needed but there is no place it can be put with confidence.
pub fn needed_import(lang: Lang, src: &str, replacements: &[&str]) -> Result<Option<Import>, String> {
    lang.code().map_or(Ok(None), |code| (code.import)(src, replacements))
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

//! Languages pwflow parses, how files map to them, and the per-language facts the engine
//! needs (grammar, string and comment node kinds, key/value node shapes).
//!
//! Everything language-specific that is not a rule lives in one [`LangSpec`] per language, so
//! adding a language means one grammar crate, one `LangSpec` and its rule files.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// A language with a tree-sitter grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// PHP (`.php`, `.phtml`, ...), parsed with the grammar that accepts inline HTML.
    Php,
    /// JavaScript and JSX.
    JavaScript,
    /// TypeScript (no JSX).
    TypeScript,
    /// TypeScript with JSX.
    Tsx,
    /// Python.
    Python,
    /// Java.
    Java,
    /// C#.
    CSharp,
    /// Ruby.
    Ruby,
    /// Go.
    Go,
}

/// How a key/value pair is shaped in a grammar: the node kind and how to find key and value.
#[derive(Debug, Clone, Copy)]
pub struct PairShape {
    /// Node kind of the pair (`pair`, `array_element_initializer`, ...).
    pub kind: &'static str,
    /// Field holding the key, or `None` when the key is the first named child.
    pub key_field: Option<&'static str>,
    /// Field holding the value, or `None` when the value is the last named child.
    pub value_field: Option<&'static str>,
}

/// Static facts about one language.
pub struct LangSpec {
    /// The language this describes.
    pub lang: Lang,
    /// Name used in rule files and on the command line.
    pub name: &'static str,
    /// File extensions (lower case, without the dot).
    pub extensions: &'static [&'static str],
    /// Node kinds that are string literals.
    pub string_kinds: &'static [&'static str],
    /// Node kinds that are comments.
    pub comment_kinds: &'static [&'static str],
    /// Key/value shapes: object pairs, array elements, assignments.
    pub pairs: &'static [PairShape],
    /// Line-comment prefix used when showing code in this language.
    pub line_comment: &'static str,
    /// Info strings of Markdown code fences in this language; the first is the one to write.
    pub fence_names: &'static [&'static str],
}

const JS_STRINGS: &[&str] = &["string", "template_string"];
const JS_PAIRS: &[PairShape] = &[
    PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") },
    PairShape { kind: "variable_declarator", key_field: Some("name"), value_field: Some("value") },
    PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
];

static SPECS: [LangSpec; 9] = [
    LangSpec {
        lang: Lang::Php,
        name: "php",
        extensions: &["php", "phtml", "php3", "php4", "php5", "php7", "php8", "phps", "inc"],
        string_kinds: &["string", "encapsed_string", "heredoc", "nowdoc"],
        comment_kinds: &["comment"],
        pairs: &[
            PairShape { kind: "array_element_initializer", key_field: None, value_field: None },
            PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
        ],
        line_comment: "//",
        fence_names: &["php", "php5", "php7", "php8"],
    },
    LangSpec {
        lang: Lang::JavaScript,
        name: "javascript",
        extensions: &["js", "mjs", "cjs", "jsx"],
        string_kinds: JS_STRINGS,
        comment_kinds: &["comment"],
        pairs: JS_PAIRS,
        line_comment: "//",
        fence_names: &["js", "javascript", "jsx", "node", "nodejs", "mjs", "cjs"],
    },
    LangSpec {
        lang: Lang::TypeScript,
        name: "typescript",
        extensions: &["ts", "mts", "cts"],
        string_kinds: JS_STRINGS,
        comment_kinds: &["comment"],
        pairs: JS_PAIRS,
        line_comment: "//",
        fence_names: &["ts", "typescript"],
    },
    LangSpec {
        lang: Lang::Tsx,
        name: "tsx",
        extensions: &["tsx"],
        string_kinds: JS_STRINGS,
        comment_kinds: &["comment"],
        pairs: JS_PAIRS,
        line_comment: "//",
        fence_names: &["tsx"],
    },
    LangSpec {
        lang: Lang::Python,
        name: "python",
        extensions: &["py", "pyw"],
        string_kinds: &["string"],
        comment_kinds: &["comment"],
        pairs: &[
            PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") },
            PairShape { kind: "keyword_argument", key_field: Some("name"), value_field: Some("value") },
            PairShape { kind: "assignment", key_field: Some("left"), value_field: Some("right") },
        ],
        line_comment: "#",
        fence_names: &["python", "py", "python3", "py3"],
    },
    LangSpec {
        lang: Lang::Java,
        name: "java",
        extensions: &["java"],
        string_kinds: &["string_literal"],
        comment_kinds: &["line_comment", "block_comment"],
        pairs: &[
            PairShape { kind: "variable_declarator", key_field: Some("name"), value_field: Some("value") },
            PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
        ],
        line_comment: "//",
        fence_names: &["java"],
    },
    LangSpec {
        lang: Lang::CSharp,
        name: "csharp",
        extensions: &["cs", "csx"],
        string_kinds: &[
            "string_literal",
            "verbatim_string_literal",
            "raw_string_literal",
            "interpolated_string_expression",
        ],
        comment_kinds: &["comment"],
        pairs: &[
            PairShape { kind: "variable_declarator", key_field: Some("name"), value_field: None },
            PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
        ],
        line_comment: "//",
        fence_names: &["csharp", "cs", "c#", "dotnet"],
    },
    LangSpec {
        lang: Lang::Ruby,
        name: "ruby",
        extensions: &["rb", "rake", "gemspec", "ru"],
        string_kinds: &["string"],
        comment_kinds: &["comment"],
        pairs: &[
            PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") },
            PairShape { kind: "assignment", key_field: Some("left"), value_field: Some("right") },
        ],
        line_comment: "#",
        fence_names: &["ruby", "rb"],
    },
    LangSpec {
        lang: Lang::Go,
        name: "go",
        extensions: &["go"],
        string_kinds: &["interpreted_string_literal", "raw_string_literal"],
        comment_kinds: &["comment"],
        pairs: &[
            PairShape { kind: "keyed_element", key_field: Some("key"), value_field: Some("value") },
            PairShape { kind: "short_var_declaration", key_field: Some("left"), value_field: Some("right") },
            PairShape { kind: "assignment_statement", key_field: Some("left"), value_field: Some("right") },
        ],
        line_comment: "//",
        fence_names: &["go", "golang"],
    },
];

impl Lang {
    /// Every language, in a stable order.
    pub const ALL: [Lang; 9] = [
        Lang::Php,
        Lang::JavaScript,
        Lang::TypeScript,
        Lang::Tsx,
        Lang::Python,
        Lang::Java,
        Lang::CSharp,
        Lang::Ruby,
        Lang::Go,
    ];

    /// The static facts about this language.
    #[must_use]
    pub fn spec(self) -> &'static LangSpec {
        &SPECS[self as usize]
    }

    /// Name used in rule files (`php`, `javascript`, `typescript`, `tsx`, `python`, `java`,
    /// `csharp`, `ruby`, `go`).
    #[must_use]
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The tree-sitter grammar.
    #[must_use]
    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Lang::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::Java => tree_sitter_java::LANGUAGE.into(),
            Lang::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Lang::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
        }
    }

    /// Looks a language up by its rule-file name (or a common alias such as `js`, `ts`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Lang> {
        match name.to_ascii_lowercase().as_str() {
            "php" => Some(Lang::Php),
            "javascript" | "js" | "jsx" => Some(Lang::JavaScript),
            "typescript" | "ts" => Some(Lang::TypeScript),
            "tsx" => Some(Lang::Tsx),
            "python" | "py" => Some(Lang::Python),
            "java" => Some(Lang::Java),
            "csharp" | "c#" | "cs" => Some(Lang::CSharp),
            "ruby" | "rb" => Some(Lang::Ruby),
            "go" | "golang" => Some(Lang::Go),
            _ => None,
        }
    }

    /// The language of a file, from its extension.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Lang> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.spec().extensions.contains(&ext.as_str()))
    }

    /// Whether this is one of the JavaScript family (JS, TS, TSX).
    #[must_use]
    pub fn is_js_family(self) -> bool {
        matches!(self, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
    }

    /// Languages whose queries may be written once in JavaScript syntax: a `javascript` query in
    /// a rule file also serves TypeScript and TSX unless the rule gives them their own.
    #[must_use]
    pub fn query_fallback(self) -> Option<Lang> {
        match self {
            Lang::TypeScript | Lang::Tsx => Some(Lang::JavaScript),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_are_indexed_by_discriminant() {
        for lang in Lang::ALL {
            assert_eq!(lang.spec().lang, lang);
        }
    }

    #[test]
    fn extensions_map_to_languages() {
        assert_eq!(Lang::from_path(Path::new("a/b.PHP")), Some(Lang::Php));
        assert_eq!(Lang::from_path(Path::new("x.mjs")), Some(Lang::JavaScript));
        assert_eq!(Lang::from_path(Path::new("x.tsx")), Some(Lang::Tsx));
        assert_eq!(Lang::from_path(Path::new("x.cts")), Some(Lang::TypeScript));
        assert_eq!(Lang::from_path(Path::new("README")), None);
    }

    #[test]
    fn every_grammar_loads() {
        for lang in Lang::ALL {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&lang.grammar()).expect("grammar version matches the runtime");
        }
    }
}

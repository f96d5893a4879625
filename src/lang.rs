//! Languages pwflow parses, how files map to them, and the per-language facts the engine
//! needs (grammar, string and comment node kinds, key/value node shapes).
//!
//! Everything language-specific that is not a rule lives in one [`LangSpec`] per language, so
//! adding a language means one grammar crate, one `LangSpec` and its rule files.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Suffixes that make a file a template or copy of another: `config.json.sample`,
/// `settings.env.txt`, `app.yml.dist`.
const TEMPLATE_SUFFIXES: &[&str] = &[
    "txt", "sample", "example", "tmpl", "tpl", "template", "dist", "default", "defaults", "orig", "bak",
    "local", "in",
];

/// Whether a file name holds the word `env` between separators (`rc_config_sample.env`,
/// `env-sandbox`, `app-env`), as env templates are named.
fn has_env_word(name: &str) -> bool {
    name.split(['.', '-', '_']).any(|w| w.eq_ignore_ascii_case("env") || w.eq_ignore_ascii_case("dotenv"))
}

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
    /// Shell scripts (`curl ... grant_type=password`), parsed with tree-sitter-bash.
    Bash,
    /// `.env` files and their real-world names (`.env.example`, `dotenv-*`, `*.env`), parsed with
    /// the shell grammar: dotenv syntax is shell assignments.
    Env,
    /// JSON (configuration, Postman collections).
    Json,
    /// YAML (configuration, CI files, OpenAPI/Postman exports).
    Yaml,
    /// INI files (`credentials.ini`, `setup.cfg`).
    Ini,
    /// Java `.properties` files.
    Properties,
    /// Markdown: no grammar of its own; its fenced code blocks are parsed with the grammar of
    /// each fence's language.
    Markdown,
    /// HTML: its `<script>` elements and `<code class="language-...">` blocks are parsed with
    /// their language's grammar.
    Html,
    /// PHP code without an opening `<?php` tag: snippets in Markdown and HTML documents. Parsed
    /// with the PHP-only grammar and checked with the `php` rules (their queries are compiled a
    /// second time for this grammar); never chosen for a file by its name.
    PhpOnly,
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

const PHP_STRINGS: &[&str] = &["string", "encapsed_string", "heredoc", "nowdoc"];
const PHP_PAIRS: &[PairShape] = &[
    PairShape { kind: "array_element_initializer", key_field: None, value_field: None },
    PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
];
const JS_STRINGS: &[&str] = &["string", "template_string"];
// In shell, an unquoted word is a string too: `curl -d grant_type=password`.
const SHELL_STRINGS: &[&str] = &["string", "raw_string", "word", "ansi_c_string"];
const SHELL_PAIRS: &[PairShape] =
    &[PairShape { kind: "variable_assignment", key_field: Some("name"), value_field: Some("value") }];
const JS_PAIRS: &[PairShape] = &[
    PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") },
    PairShape { kind: "variable_declarator", key_field: Some("name"), value_field: Some("value") },
    PairShape { kind: "assignment_expression", key_field: Some("left"), value_field: Some("right") },
];

static SPECS: [LangSpec; 18] = [
    LangSpec {
        lang: Lang::Php,
        name: "php",
        extensions: &["php", "phtml", "php3", "php4", "php5", "php7", "php8", "phps", "inc"],
        string_kinds: PHP_STRINGS,
        comment_kinds: &["comment"],
        pairs: PHP_PAIRS,
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
    LangSpec {
        lang: Lang::Bash,
        name: "bash",
        extensions: &["sh", "bash", "zsh", "ksh", "command"],
        string_kinds: SHELL_STRINGS,
        comment_kinds: &["comment"],
        pairs: SHELL_PAIRS,
        line_comment: "#",
        fence_names: &["bash", "sh", "shell", "console", "zsh", "shell-session", "curl"],
    },
    LangSpec {
        lang: Lang::Env,
        name: "env",
        extensions: &["env"],
        string_kinds: SHELL_STRINGS,
        comment_kinds: &["comment"],
        pairs: SHELL_PAIRS,
        line_comment: "#",
        fence_names: &["dotenv", "env"],
    },
    LangSpec {
        lang: Lang::Json,
        name: "json",
        extensions: &["json", "jsonc", "json5", "har"],
        string_kinds: &["string"],
        comment_kinds: &["comment"],
        pairs: &[PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") }],
        line_comment: "//",
        fence_names: &["json", "jsonc", "json5"],
    },
    LangSpec {
        lang: Lang::Yaml,
        name: "yaml",
        extensions: &["yaml", "yml"],
        string_kinds: &["string_scalar", "double_quote_scalar", "single_quote_scalar", "block_scalar"],
        comment_kinds: &["comment"],
        pairs: &[
            PairShape { kind: "block_mapping_pair", key_field: Some("key"), value_field: Some("value") },
            PairShape { kind: "flow_pair", key_field: Some("key"), value_field: Some("value") },
        ],
        line_comment: "#",
        fence_names: &["yaml", "yml"],
    },
    LangSpec {
        lang: Lang::Ini,
        name: "ini",
        extensions: &["ini", "cfg"],
        string_kinds: &["setting_value"],
        comment_kinds: &["comment"],
        pairs: &[PairShape { kind: "setting", key_field: None, value_field: None }],
        line_comment: "#",
        fence_names: &["ini", "cfg", "toml"],
    },
    LangSpec {
        lang: Lang::Properties,
        name: "properties",
        extensions: &["properties"],
        string_kinds: &["value"],
        comment_kinds: &["comment"],
        pairs: &[PairShape { kind: "property", key_field: None, value_field: None }],
        line_comment: "#",
        fence_names: &["properties", "jproperties"],
    },
    LangSpec {
        lang: Lang::Markdown,
        name: "markdown",
        extensions: &["md", "markdown", "mdown", "mkd"],
        string_kinds: &[],
        comment_kinds: &[],
        pairs: &[],
        line_comment: "<!--",
        fence_names: &["markdown", "md"],
    },
    LangSpec {
        lang: Lang::Html,
        name: "html",
        extensions: &["html", "htm", "xhtml"],
        string_kinds: &[],
        comment_kinds: &["comment"],
        pairs: &[],
        line_comment: "<!--",
        fence_names: &["html", "htm"],
    },
    LangSpec {
        lang: Lang::PhpOnly,
        name: "php-only",
        extensions: &[],
        string_kinds: PHP_STRINGS,
        comment_kinds: &["comment"],
        pairs: PHP_PAIRS,
        line_comment: "//",
        fence_names: &[],
    },
];

impl Lang {
    /// Every language, in a stable order.
    pub const ALL: [Lang; 18] = [
        Lang::Php,
        Lang::JavaScript,
        Lang::TypeScript,
        Lang::Tsx,
        Lang::Python,
        Lang::Java,
        Lang::CSharp,
        Lang::Ruby,
        Lang::Go,
        Lang::Bash,
        Lang::Env,
        Lang::Json,
        Lang::Yaml,
        Lang::Ini,
        Lang::Properties,
        Lang::Markdown,
        Lang::Html,
        Lang::PhpOnly,
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

    /// The tree-sitter grammar; `None` for Markdown, whose code blocks are parsed with their
    /// own languages' grammars (see [`crate::embedded`]).
    #[must_use]
    pub fn grammar(self) -> Option<tree_sitter::Language> {
        Some(match self {
            Lang::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Lang::PhpOnly => tree_sitter_php::LANGUAGE_PHP_ONLY.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::Java => tree_sitter_java::LANGUAGE.into(),
            Lang::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Lang::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
            Lang::Bash | Lang::Env => tree_sitter_bash::LANGUAGE.into(),
            Lang::Json => tree_sitter_json::LANGUAGE.into(),
            Lang::Yaml => tree_sitter_yaml::LANGUAGE.into(),
            Lang::Ini => tree_sitter_ini::LANGUAGE.into(),
            Lang::Properties => tree_sitter_properties::LANGUAGE.into(),
            Lang::Html => tree_sitter_html::LANGUAGE.into(),
            Lang::Markdown => return None,
        })
    }

    /// Documents whose code is in embedded blocks (Markdown fences, HTML `<script>`): rules do
    /// not name these languages; the blocks are checked with the rules of their own language.
    #[must_use]
    pub fn is_container(self) -> bool {
        matches!(self, Lang::Markdown | Lang::Html)
    }

    /// Whether this is a programming language (not shell, configuration, data or a document).
    #[must_use]
    pub fn is_code(self) -> bool {
        matches!(
            self,
            Lang::Php
                | Lang::PhpOnly
                | Lang::JavaScript
                | Lang::TypeScript
                | Lang::Tsx
                | Lang::Python
                | Lang::Java
                | Lang::CSharp
                | Lang::Ruby
                | Lang::Go
        )
    }

    /// The language of a Markdown fence's info string (`php`, `js title="x"`, `{.python}`).
    #[must_use]
    pub fn from_fence(info: &str) -> Option<Lang> {
        let word = info
            .trim()
            .trim_start_matches('{')
            .trim_start_matches('.')
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | '{'))
            .next()?
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| !l.is_container() && l.spec().fence_names.contains(&word.as_str()))
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
            "bash" | "sh" | "shell" => Some(Lang::Bash),
            "env" | "dotenv" => Some(Lang::Env),
            "json" => Some(Lang::Json),
            "yaml" | "yml" => Some(Lang::Yaml),
            "ini" => Some(Lang::Ini),
            "properties" => Some(Lang::Properties),
            "markdown" | "md" => Some(Lang::Markdown),
            "html" => Some(Lang::Html),
            _ => None,
        }
    }

    /// The language of a file, from its name (`.env` files and their variants) or extension.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Lang> {
        // A name that is not UTF-8 still has a language (`odd-\xff.php`): lossy is enough here.
        let name = path.file_name()?.to_string_lossy();
        let name = name.as_ref();
        if crate::context::is_env_file_name(name) {
            return Some(Lang::Env);
        }
        let by_ext = |name: &str| {
            let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
            Lang::ALL.into_iter().find(|l| l.spec().extensions.contains(&ext.as_str()))
        };
        if let Some(lang) = by_ext(name) {
            return Some(lang);
        }
        // Templates of configuration files carry a suffix of their own: `config.json.sample`,
        // `credentials_sample.env.txt`, `env.template`, `settings.yml.dist`. Without it they are
        // the file they are a template of.
        let mut stem = name;
        while let Some((head, suffix)) = stem.rsplit_once('.')
            && !head.is_empty()
            && TEMPLATE_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(suffix))
        {
            stem = head;
            if crate::context::is_env_file_name(stem) || has_env_word(stem) {
                return Some(Lang::Env);
            }
            if let Some(lang) = by_ext(stem).filter(|l| l.is_config()) {
                return Some(lang);
            }
        }
        None
    }

    /// The language a file's content says it is written in, when its name chose a format that
    /// the content contradicts: an "env" template holding a JSON object is JSON, and one whose
    /// assignments put spaces around `=` (`KEY = value`, which dotenv readers accept and shell
    /// does not) is read with the `.properties` grammar, which takes a value to the end of its
    /// line. Every other file keeps the language of its name.
    #[must_use]
    pub fn refine(self, bytes: &[u8]) -> Lang {
        if self != Lang::Env {
            return self;
        }
        let first =
            bytes.iter().find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF);
        if first.is_some_and(|b| *b == b'{') {
            return Lang::Json;
        }
        let spaced = bytes.split(|b| *b == b'\n').any(|line| {
            let line = line.trim_ascii_start();
            let line = line.strip_prefix(b"export ").unwrap_or(line).trim_ascii_start();
            let key_len = line
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
                .count();
            key_len > 0 && {
                let rest = &line[key_len..];
                let after_space = rest.trim_ascii_start();
                after_space.len() < rest.len() && after_space.first() == Some(&b'=')
            }
        });
        if spaced { Lang::Properties } else { Lang::Env }
    }

    /// Configuration formats: what a template suffix (`.sample`, `.dist`) may hide.
    #[must_use]
    pub fn is_config(self) -> bool {
        matches!(self, Lang::Env | Lang::Json | Lang::Yaml | Lang::Ini | Lang::Properties)
    }

    /// Whether this is one of the JavaScript family (JS, TS, TSX).
    #[must_use]
    pub fn is_js_family(self) -> bool {
        matches!(self, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
    }

    /// The language whose rules apply: `php` rules serve PHP snippets without `<?php`.
    #[must_use]
    pub fn rule_lang(self) -> Lang {
        match self {
            Lang::PhpOnly => Lang::Php,
            other => other,
        }
    }

    /// Languages whose queries may be written once for a related grammar: a `javascript` query in
    /// a rule file also serves TypeScript and TSX, a `bash` query serves `.env` files, unless the
    /// rule gives them their own.
    #[must_use]
    pub fn query_fallback(self) -> Option<Lang> {
        match self {
            Lang::TypeScript | Lang::Tsx => Some(Lang::JavaScript),
            Lang::PhpOnly => Some(Lang::Php),
            Lang::Env => Some(Lang::Bash),
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
            if let Some(grammar) = lang.grammar() {
                parser.set_language(&grammar).expect("grammar version matches the runtime");
            } else {
                assert!(lang.is_container(), "{lang} has no grammar");
            }
        }
    }

    /// Code that looks for strings and key/value pairs skips anonymous nodes (punctuation):
    /// every kind it looks for must be a named node of its grammar.
    #[test]
    fn string_and_pair_kinds_are_named_nodes() {
        for lang in Lang::ALL {
            let Some(grammar) = lang.grammar() else { continue };
            let spec = lang.spec();
            let kinds = spec.string_kinds.iter().copied().chain(spec.pairs.iter().map(|p| p.kind));
            for kind in kinds {
                assert_ne!(grammar.id_for_node_kind(kind, true), 0, "{lang}: `{kind}` is no named node");
            }
        }
    }

    #[test]
    fn env_files_and_fences() {
        for name in [".env", ".env.example", ".env.sample", "dotenv-prod", "env_example", "prod.env"] {
            assert_eq!(Lang::from_path(Path::new(name)), Some(Lang::Env), "{name}");
        }
        assert_eq!(Lang::from_path(Path::new("environment.ts")), Some(Lang::TypeScript));
        assert_eq!(Lang::from_fence("php"), Some(Lang::Php));
        assert_eq!(Lang::from_fence("JavaScript title=\"a.js\""), Some(Lang::JavaScript));
        assert_eq!(Lang::from_fence("{.python}"), Some(Lang::Python));
        assert_eq!(Lang::from_fence("console"), Some(Lang::Bash));
        assert_eq!(Lang::from_fence("mermaid"), None);
    }
}

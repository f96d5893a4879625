//! Languages pwflow parses, how files map to them, and every per-language fact the engine,
//! the checks and the fix builder read about a grammar.
//!
//! Each language has one room: a file in this directory holding its [`LangSpec`] (grammar,
//! node kinds of strings, comments, keys, names, calls, functions, assignments, containers,
//! concatenation, and how to write a value into one of its strings). Code elsewhere asks the
//! spec instead of naming node kinds, so adding a language is a grammar crate, one room, its
//! check room (`checks/`) and its rules; `tests/meta.rs` fails when a room leaves a slot empty
//! or names a node kind its grammar lacks.

mod coffeescript;
mod csharp;
mod data;
mod document;
mod go;
mod java;
mod javascript;
mod kotlin;
mod php;
mod python;
mod ruby;
mod shell;
mod swift;

use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Edit;

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
    /// Kotlin (`.kt`, `.kts`).
    Kotlin,
    /// Swift.
    Swift,
    /// Shell scripts (`curl ... grant_type=password`), parsed with tree-sitter-bash.
    Bash,
    /// PowerShell scripts (`Invoke-RestMethod -Body @{ grant_type = 'password'; ... }`).
    PowerShell,
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
    /// Vue single-file components (`.vue`): read like HTML; their `<script>` blocks
    /// (`lang="ts"`, `setup`) are parsed as JavaScript or TypeScript.
    Vue,
    /// Svelte components (`.svelte`): read like HTML; their `<script>` blocks (`lang="ts"`,
    /// `context="module"`) are parsed as JavaScript or TypeScript.
    Svelte,
    /// Jupyter notebooks (`.ipynb`): JSON whose code cells are read in the kernel's language
    /// (Python unless the metadata says otherwise) and whose Markdown cells are Markdown (see
    /// [`crate::embedded::notebook`]).
    Notebook,
    /// PHP code without an opening `<?php` tag: snippets in Markdown and HTML documents. Parsed
    /// with the PHP-only grammar and checked with the `php` rules (their queries are compiled a
    /// second time for this grammar); never chosen for a file by its name.
    PhpOnly,
    /// CoffeeScript (`.coffee`, Literate CoffeeScript `.litcoffee`, `Cakefile`): a text
    /// language, read without a grammar (see [`TextSpec`] and [`crate::engine::text`]).
    CoffeeScript,
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

/// How a name is read from a node of a given kind: the key of a pair, the last name of an
/// access path, the function a call calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFrom {
    /// The node's text.
    Text,
    /// The node's text without surrounding white space (INI and `.properties` keys).
    Trimmed,
    /// The node's text without these leading sigils (`$x`, `@rc`, `:sym`).
    TrimStart(&'static [char]),
    /// The text of a field.
    Field(&'static str),
    /// The text of a field, when the node has neither `arguments` nor a `block` (Ruby's
    /// `self.client` is a call that reads like an attribute).
    FieldOfBareCall(&'static str),
    /// The key of the first named child (`literal_element` around a Go key, a YAML scalar
    /// inside `flow_node`).
    FirstChild,
    /// The key of the last named child (the member of a Kotlin or Swift navigation
    /// expression, which have no fields: `rc.authorize` gives `authorize`).
    LastChild,
    /// The string value of the first named child (`['password']` computed keys).
    FirstChildString,
    /// The key of what the node wraps, once its [`Wrapper`]s are stripped (YAML scalars).
    Unwrapped,
    /// A callee held in `field`: when it is a `member` access, the member's `name` field; else
    /// the callee's whole text (`f`, `os.Getenv`).
    Callee {
        /// Field holding the callee.
        field: &'static str,
        /// Node kind of a member access.
        member: &'static str,
        /// Field of the member access holding the member's name.
        name: &'static str,
    },
}

/// A node kind that does not change what an expression is (parentheses, `await`, casts).
#[derive(Debug, Clone, Copy)]
pub struct Wrapper {
    /// Node kind.
    pub kind: &'static str,
    /// Unwrapped only when it has exactly one named child (YAML's scalar wrappers).
    pub only_child: bool,
}

/// A node that concatenates strings.
#[derive(Debug, Clone, Copy)]
pub struct ConcatShape {
    /// Node kind (`binary_expression`, `concatenation`, `concatenated_string`).
    pub kind: &'static str,
    /// The operator a binary node must have (`.` in PHP, `+` elsewhere); `None` when the kind
    /// alone says it (adjacent shell words, Python's adjacent literals).
    pub operator: Option<&'static str>,
}

/// An assignment or declaration with a value.
#[derive(Debug, Clone, Copy)]
pub struct AssignShape {
    /// Node kind.
    pub kind: &'static str,
    /// Field holding what is assigned to; empty when it is the first named child (Kotlin's
    /// `property_declaration` has no fields).
    pub target: &'static str,
    /// Field holding the value, or `None` when it is the last named child (C# declarators).
    pub value: Option<&'static str>,
}

/// A string of the user's into which the fix builder may write an expression.
#[derive(Debug, Clone, Copy)]
pub struct StringSite<'a> {
    /// Node kind of the string.
    pub kind: &'a str,
    /// Its opening delimiter with any prefix (`"`, `f'`, `$"`, `` ` ``).
    pub open: &'a str,
    /// The expression to write (`getenv('RC_JWT')`).
    pub expr: &'a str,
    /// Name of the variable holding the JWT (`RC_JWT`).
    pub jwt_var: &'a str,
    /// The character after the insertion point, if any.
    pub next: Option<char>,
}

/// The shapes of a language with expressions, statements and functions: what the checks and
/// the fix builder read. Data and document formats have none.
pub struct CodeShapes {
    /// Node kinds that open a function scope.
    pub functions: &'static [&'static str],
    /// Assignments and declarations with a value.
    pub assignments: &'static [AssignShape],
    /// Node kinds whose named children are the fields of a request body (object, dict, array).
    pub containers: &'static [&'static str],
    /// Element kinds that are fields of a request body when they are arguments of a call
    /// (Python `dict(username=...)`, a Ruby call's trailing hash).
    pub call_fields: &'static [&'static str],
    /// Node kinds that hold a list of statements.
    pub statement_lists: &'static [&'static str],
    /// Call kinds, and how to read the name of the function each calls.
    pub calls: &'static [(&'static str, NameFrom)],
    /// Call kinds a fix title names when the rewrite drops them ("drops calls to `log()`").
    /// Empty where a rewrite replaces the login call as a whole, or attribute reads are calls
    /// (Ruby): the title would name the login or the configuration it reads.
    pub dropped_calls: &'static [&'static str],
    /// Member accesses: node kind and the field holding the object (`os` in `os.environ`).
    pub members: &'static [(&'static str, &'static str)],
    /// The concatenation operator to write, with its spaces (`" . "`, `" + "`, `""`).
    pub concat_op: &'static str,
    /// The text that writes an expression inside a string of the user's, when the string
    /// interpolates and the expression may go there as is.
    pub interpolate: fn(&StringSite<'_>) -> Option<String>,
    /// The text that writes the expression outside any string.
    pub outside: fn(&StringSite<'_>) -> String,
    /// The import a rewrite's new code needs (`replacements`: the texts it writes) that `src`
    /// lacks: `Ok(None)` when none is needed, `Err(reason)` when it has no sure place. Found by
    /// text, as the tree of a large file covers only windows around its calls.
    pub import: fn(src: &str, replacements: &[&str]) -> Result<Option<Import>, String>,
    /// A rewrite's text fitted to the string interpolations around `range` in the tree of
    /// `root`: `Ok(None)` when it fits as it is, `Ok(Some(text))` changed to fit, `Err(reason)`
    /// when it cannot (Python's f-strings before 3.12; other languages' holes take any text).
    pub fit_interpolation: FitInterpolation,
}

/// See [`CodeShapes::fit_interpolation`]: (root, source, range, replacement) to the fitted
/// replacement, or why none fits.
pub type FitInterpolation =
    fn(tree_sitter::Node<'_>, &str, &Range<usize>, &str) -> Result<Option<String>, String>;

/// No import is ever needed (the rewrite's code reads what the language has in scope).
fn no_import(_: &str, _: &[&str]) -> Result<Option<Import>, String> {
    Ok(None)
}

/// A rewrite fits any interpolation as it is.
fn fits_as_is(
    _: tree_sitter::Node<'_>,
    _: &str,
    _: &Range<usize>,
    _: &str,
) -> Result<Option<String>, String> {
    Ok(None)
}

/// An import a rewrite needs: the edit that adds it and how the fix title names it.
pub struct Import {
    /// The insertion.
    pub edit: Edit,
    /// `import os`, `"os"`, `using System;`.
    pub name: &'static str,
}

impl Import {
    /// The import `text` inserted at `at`, named `name` in the fix title.
    fn insert(at: usize, text: &str, name: &'static str) -> Import {
        Import { edit: Edit { range: at..at, replacement: text.to_owned() }, name }
    }
}

/// How a fix title reads the key of an option a rewrite drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKey {
    /// The option node's field (`key` of a pair, `name` of a keyword argument); an option
    /// without it is not named.
    Field(&'static str),
    /// The first of exactly two named children (PHP's `'key' => value`); a bare value is not
    /// named.
    FirstOfTwo,
    /// The option's own text (a shorthand property, a spread, a splat).
    Whole,
}

/// Writes an expression outside a string as it is (every language but shell).
fn expr_as_is(s: &StringSite<'_>) -> String {
    s.expr.to_owned()
}

/// Static facts about one language: its room.
pub struct LangSpec {
    /// The language this describes.
    pub lang: Lang,
    /// Name used in rule files and on the command line.
    pub name: &'static str,
    /// File extensions (lower case, without the dot).
    pub extensions: &'static [&'static str],
    /// Info strings of Markdown code fences in this language; the first is the one to write.
    pub fence_names: &'static [&'static str],
    /// Line-comment prefix used when showing code in this language.
    pub line_comment: &'static str,
    /// The tree-sitter grammar; `None` for Markdown, whose code blocks are parsed with their
    /// own languages' grammars.
    pub grammar: Option<fn() -> tree_sitter::Language>,
    /// Node kinds that are string literals.
    pub string_kinds: &'static [&'static str],
    /// Kinds of a string's children that are its literal text or delimiters; any other child
    /// is an interpolation.
    pub string_parts: &'static [&'static str],
    /// Node kinds that are comments.
    pub comment_kinds: &'static [&'static str],
    /// Key/value shapes: object pairs, array elements, assignments.
    pub pairs: &'static [PairShape],
    /// How the key of a pair is read, by the key's node kind (a string key is read as a string
    /// in every language).
    pub keys: &'static [(&'static str, NameFrom)],
    /// How the last name of an access path is read (`platform` in `$this->platform`).
    pub names: &'static [(&'static str, NameFrom)],
    /// Wrappers that do not change what an expression is.
    pub wrappers: &'static [Wrapper],
    /// String concatenation.
    pub concat: &'static [ConcatShape],
    /// Options of a call a fix title names when a rewrite drops them (`remember` in
    /// `login({ username, password, remember: true })`), by node kind, and how each one's key
    /// is read. An option inside another option's value is not named.
    pub options: &'static [(&'static str, OptionKey)],
    /// Node kinds of the names a fix title may report as left unused by a rewrite (the
    /// variable that held the password).
    pub variables: &'static [&'static str],
    /// Expressions, statements and functions; `None` for data and document formats.
    pub code: Option<&'static CodeShapes>,
    /// For a text language (no grammar: its rules are regular expressions), what reading it
    /// needs; `None` for languages with a grammar and for documents.
    pub text: Option<&'static TextSpec>,
}

/// The slots of a text language: a language without a tree-sitter grammar crate, read by the
/// rules' regular expressions over its text (see [`crate::engine::text`]). `tests/meta.rs` checks
/// that a language without a grammar that is no document fills them.
pub struct TextSpec {
    /// Splits a file's text into comments, string literals and code.
    pub lex: fn(&str) -> crate::lexer::Lexed,
    /// Extensions of the literate form (prose with indented code: `.litcoffee`).
    pub literate_extensions: &'static [&'static str],
    /// The lexer of the literate form: prose is read as comments.
    pub lex_literate: fn(&str) -> crate::lexer::Lexed,
    /// The operators that bind a name or key to a value (`password: '...'`,
    /// `password = '...'`): where redaction looks for a literal after a password-like name.
    pub binds: &'static [&'static str],
}

static SPECS: [&LangSpec; 25] = [
    &php::PHP,
    &javascript::JAVASCRIPT,
    &javascript::TYPESCRIPT,
    &javascript::TSX,
    &python::PYTHON,
    &java::JAVA,
    &csharp::CSHARP,
    &ruby::RUBY,
    &go::GO,
    &kotlin::KOTLIN,
    &swift::SWIFT,
    &shell::BASH,
    &shell::POWERSHELL,
    &shell::ENV,
    &data::JSON,
    &data::YAML,
    &data::INI,
    &data::PROPERTIES,
    &document::MARKDOWN,
    &document::HTML,
    &document::VUE,
    &document::SVELTE,
    &document::NOTEBOOK,
    &php::PHP_ONLY,
    &coffeescript::COFFEESCRIPT,
];

impl Lang {
    /// Every language, in a stable order.
    pub const ALL: [Lang; 25] = [
        Lang::Php,
        Lang::JavaScript,
        Lang::TypeScript,
        Lang::Tsx,
        Lang::Python,
        Lang::Java,
        Lang::CSharp,
        Lang::Ruby,
        Lang::Go,
        Lang::Kotlin,
        Lang::Swift,
        Lang::Bash,
        Lang::PowerShell,
        Lang::Env,
        Lang::Json,
        Lang::Yaml,
        Lang::Ini,
        Lang::Properties,
        Lang::Markdown,
        Lang::Html,
        Lang::Vue,
        Lang::Svelte,
        Lang::Notebook,
        Lang::PhpOnly,
        Lang::CoffeeScript,
    ];

    /// The static facts about this language.
    #[must_use]
    pub fn spec(self) -> &'static LangSpec {
        SPECS[self as usize]
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
        self.spec().grammar.map(|load| load())
    }

    /// What reading a text language needs (see [`TextSpec`]); `None` for a language with a
    /// grammar.
    #[must_use]
    pub fn text(self) -> Option<&'static TextSpec> {
        self.spec().text
    }

    /// Whether this is a text language: read without a grammar, by regular expressions.
    #[must_use]
    pub fn is_text(self) -> bool {
        self.spec().text.is_some()
    }

    /// The expression, statement and function shapes of a programming language (and shell).
    #[must_use]
    pub fn code(self) -> Option<&'static CodeShapes> {
        self.spec().code
    }

    /// Documents whose code is in embedded blocks (Markdown fences, HTML `<script>`, the
    /// `<script>` blocks of Vue and Svelte components, the cells of Jupyter notebooks): rules do
    /// not name these languages; the blocks are checked with the rules of their own language.
    #[must_use]
    pub fn is_container(self) -> bool {
        matches!(self, Lang::Markdown | Lang::Html | Lang::Vue | Lang::Svelte | Lang::Notebook)
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
                | Lang::Kotlin
                | Lang::Swift
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
            "kotlin" | "kt" | "kts" => Some(Lang::Kotlin),
            "swift" => Some(Lang::Swift),
            "bash" | "sh" | "shell" => Some(Lang::Bash),
            "powershell" | "pwsh" | "ps1" => Some(Lang::PowerShell),
            "env" | "dotenv" => Some(Lang::Env),
            "json" => Some(Lang::Json),
            "yaml" | "yml" => Some(Lang::Yaml),
            "ini" => Some(Lang::Ini),
            "properties" => Some(Lang::Properties),
            "markdown" | "md" => Some(Lang::Markdown),
            "html" => Some(Lang::Html),
            "vue" => Some(Lang::Vue),
            "svelte" => Some(Lang::Svelte),
            "ipynb" | "jupyter" | "notebook" => Some(Lang::Notebook),
            "coffeescript" | "coffee" => Some(Lang::CoffeeScript),
            _ => None,
        }
    }

    /// `.env`, `.env.example`, `.env.local`, `.envrc`, `dotenv-*`, `env_example`, `*.env`; not code
    /// files that happen to start that way (`dotenv.js`, `.env.d.ts`).
    #[must_use]
    pub fn is_env_file_name(name: &str) -> bool {
        let code = Path::new(name).extension().and_then(|e| e.to_str()).is_some_and(|e| {
            let e = e.to_ascii_lowercase();
            e != "env" && Lang::ALL.iter().any(|l| l.spec().extensions.contains(&e.as_str()))
        });
        !code
            && (name == ".env"
                || name == ".envrc"
                || name.starts_with(".env.")
                || name.starts_with(".env-")
                || name.starts_with(".env_")
                || name.starts_with("dotenv")
                || name == "env_example"
                || name == "env.example"
                || name == "env.sample"
                || (name.ends_with(".env") && name.len() > 4))
    }

    /// The language of a file, from its name (`.env` files and their variants) or extension.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Lang> {
        // A name that is not UTF-8 still has a language (`odd-\xff.php`): lossy is enough here.
        let name = path.file_name()?.to_string_lossy();
        let name = name.as_ref();
        if Lang::is_env_file_name(name) {
            return Some(Lang::Env);
        }
        // CoffeeScript's build file (cake's `task` definitions) has no extension.
        if name == "Cakefile" {
            return Some(Lang::CoffeeScript);
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
            if Lang::is_env_file_name(stem) || has_env_word(stem) {
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
                assert!(lang.is_container() || lang.is_text(), "{lang} has no grammar");
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

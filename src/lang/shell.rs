//! Shell scripts and `.env` files (dotenv syntax is shell assignments: one grammar), and
//! PowerShell scripts.

use super::{CodeShapes, ConcatShape, Lang, LangSpec, NameFrom, PairShape, StringSite, Wrapper};

// An unquoted word is a string too: `curl -d grant_type=password`.
const STRINGS: &[&str] = &["string", "raw_string", "word", "ansi_c_string", "heredoc_body"];
const PAIRS: &[PairShape] =
    &[PairShape { kind: "variable_assignment", key_field: Some("name"), value_field: Some("value") }];
const NAMES: &[(&str, NameFrom)] = &[("variable_name", NameFrom::TrimStart(&['$']))];
const CONCAT: &[ConcatShape] = &[
    // Words concatenate by adjacency: `'a'"$b"`.
    ConcatShape { kind: "concatenation", operator: None },
    ConcatShape { kind: "binary_expression", operator: Some("+") },
];

/// Double-quoted strings expand variables; braces keep a following name character out.
fn interpolate(s: &StringSite<'_>) -> Option<String> {
    (s.kind == "string").then(|| {
        if s.next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            format!("${{{}}}", s.jwt_var)
        } else {
            format!("${}", s.jwt_var)
        }
    })
}

static CODE: CodeShapes = CodeShapes {
    functions: &["function_definition"],
    assignments: &[],
    containers: &["array", "list"],
    call_fields: &[],
    statement_lists: &["program", "compound_statement"],
    calls: &[],
    dropped_calls: &[],
    members: &[],
    concat_op: "",
    interpolate,
    outside: |s| format!("\"${}\"", s.jwt_var),
    import: super::no_import,
    fit_interpolation: super::fits_as_is,
};

/// Shell scripts (`curl ... grant_type=password`).
pub(super) static BASH: LangSpec = LangSpec {
    lang: Lang::Bash,
    name: "bash",
    extensions: &["sh", "bash", "zsh", "ksh", "command"],
    fence_names: &["bash", "sh", "shell", "console", "zsh", "shell-session", "curl"],
    line_comment: "#",
    grammar: Some(|| tree_sitter_bash::LANGUAGE.into()),
    string_kinds: STRINGS,
    string_parts: &["string_content"],
    comment_kinds: &["comment"],
    pairs: PAIRS,
    keys: NAMES,
    names: NAMES,
    wrappers: &[Wrapper { kind: "parenthesized_expression", only_child: false }],
    concat: CONCAT,
    options: &[],
    variables: &["variable_name"],
    code: Some(&CODE),
    text: None,
};

/// `.env` files and their real-world names (`.env.example`, `dotenv-*`, `*.env`): data, so no
/// code shapes (a JWT rewrite of one is a new `KEY=` line, not an expression).
pub(super) static ENV: LangSpec = LangSpec {
    lang: Lang::Env,
    name: "env",
    extensions: &["env"],
    fence_names: &["dotenv", "env"],
    options: &[],
    variables: &["variable_name"],
    code: None,
    text: None,
    ..BASH
};

/// PowerShell scripts: `Invoke-RestMethod -Body @{ grant_type = 'password'; ... }` and
/// `"grant_type=password&username=$user"` bodies. Read for hand-built token requests only (no
/// SDK logs in from PowerShell), so it has no code shapes of its own.
pub(super) static POWERSHELL: LangSpec = LangSpec {
    lang: Lang::PowerShell,
    name: "powershell",
    extensions: &["ps1", "psm1"],
    fence_names: &["powershell", "pwsh", "ps1", "ps"],
    line_comment: "#",
    grammar: Some(|| tree_sitter_powershell::LANGUAGE.into()),
    // A string node holds its quotes and text as one child (`'password'`, `"a=$b"`); the
    // variables of an expandable string are read as its text.
    string_kinds: &["string_literal"],
    string_parts: &[
        "verbatim_string_characters",
        "expandable_string_literal",
        "verbatim_here_string_characters",
        "expandable_here_string_literal",
    ],
    comment_kinds: &["comment"],
    pairs: &[PairShape { kind: "hash_entry", key_field: None, value_field: None }],
    // `@{ grant_type = 'password' }`: a bare key.
    keys: &[("key_expression", NameFrom::FirstChild), ("simple_name", NameFrom::Text)],
    names: &[("variable", NameFrom::TrimStart(&['$']))],
    wrappers: &[],
    concat: &[],
    options: &[],
    variables: &[],
    code: None,
    text: None,
};

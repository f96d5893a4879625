//! The serde form of a rule file (TOML). Field docs here are the reference for rule authors;
//! `rules/README.md` explains them with a worked example.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::checks::LibraryText;
use crate::finding::{Applicability, Flow, Severity};

/// One rule file, exactly as written. Unknown keys are an error.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    /// Stable id, `<group>/<name>`. Never reused once published.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Group the rule belongs to (`ringcentral`, `oauth-ropc`); `--select GROUP` selects all.
    pub group: String,
    /// Languages the rule applies to: `php`, `javascript`, `typescript`, `tsx`, `python`, `java`,
    /// `csharp`, `ruby`, `go`, `kotlin`, `swift`, `bash`, `powershell`, `env`, `json`, `yaml`,
    /// `ini`, `properties`, and the text language `coffeescript` (Markdown and HTML code blocks
    /// are checked with the rules of their own language).
    #[schemars(with = "Vec<String>")]
    pub languages: Spanned<Vec<String>>,
    /// Default severity.
    pub severity: Severity,
    /// Whether the rule runs without being selected (default: true).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// One-line message; may use `{{var}}` placeholders. Lower case, no trailing period.
    #[schemars(with = "String")]
    pub message: Spanned<String>,
    /// Text of the label under the primary span; may use placeholders.
    #[schemars(with = "String")]
    pub label: Spanned<String>,
    /// The SDK or surface the rule is about (shown in reports); may use placeholders.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub sdk: Option<Spanned<String>>,
    /// Literals (ASCII, matched case-insensitively); the file is parsed for this rule only if
    /// at least one occurs in it.
    #[schemars(with = "Vec<String>")]
    pub prefilter: Spanned<Vec<String>>,
    /// Literals for some languages instead of `prefilter` (a `javascript` list also serves
    /// `typescript` and `tsx` unless they have their own), for a rule whose languages spell its
    /// call differently: a JavaScript file is then not parsed because it mentions `fetch_token`,
    /// a Python name.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub prefilter_by_language: BTreeMap<String, Spanned<Vec<String>>>,
    /// Further literal groups: the file must also hold at least one literal of each group
    /// (e.g. `[["password", "username"]]`), so files that merely mention `login` stay unparsed.
    #[serde(default)]
    pub prefilter_all: Vec<Vec<String>>,
    /// A regular expression (Rust `regex` syntax, case-sensitive unless it says `(?i)`) that
    /// must also match somewhere in a file that passed the literals, before the file is parsed
    /// for this rule. For literals that are common in unrelated code (`getToken`) while the
    /// rule reports only a narrow shape of them (`owner.getToken`): it must match every text
    /// the rule can report, since a file it rejects is never parsed for the rule.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub prefilter_regex: Option<Spanned<String>>,
    /// Tree-sitter query per language name. A `javascript` query also serves `typescript` and
    /// `tsx` unless they have their own. Empty for rules implemented by the engine itself.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub query: BTreeMap<String, Spanned<String>>,
    /// Regular expression per text language (a language read without a grammar:
    /// `coffeescript`), instead of a query: Rust `regex` syntax, matched over the whole file;
    /// named groups (`(?P<call>...)`) are captures, for `primary`, templates and the checks'
    /// needs, and `match` is the whole match unless a group has that name. A match that starts
    /// in a comment (or in the prose of a literate file) is dropped.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub regex: BTreeMap<String, Spanned<String>>,
    /// For rules the engine implements itself (`suppressions`): no query, no checks.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub engine: Option<Spanned<String>>,
    /// Capture whose node is the finding's primary span (default `match`).
    #[serde(default = "default_primary")]
    #[schemars(with = "String")]
    pub primary: Spanned<String>,
    /// Optional capture where the primary span starts instead (e.g. the method name of a
    /// chained call, so the finding points at `login(...)` rather than the whole chain).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub primary_start: Option<Spanned<String>>,
    /// Named semantic checks (implemented in Rust) that must all accept a match.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub checks: Vec<Spanned<String>>,
    /// The text of the generic OAuth library calls that the `ropc-library-call` check
    /// recognises, keyed by call (`<language>:<name>`, the keys listed in `checks/ropc.rs`): the
    /// `library`, `shape`, `unattended` and `interactive` variables of their findings. The
    /// tables of all loaded rules form one, so a rule may report calls another rule describes.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, LibraryText>")]
    pub libraries: BTreeMap<Spanned<String>, LibraryText>,
    /// The rule's documentation.
    pub doc: Doc,
    /// Suggested rewrites.
    #[serde(default, rename = "fix")]
    pub fixes: Vec<FixTemplate>,
}

/// Rule documentation, in clippy's fixed sections.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Doc {
    /// What the rule finds.
    pub what: String,
    /// Why it is bad.
    pub why: String,
    /// Code that the rule reports.
    pub example: String,
    /// The replacement: JWT flow and authorization-code flow.
    pub use_instead: String,
}

/// A rewrite template.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FixTemplate {
    /// Imperative title.
    pub title: String,
    /// Flow the rewrite moves to.
    pub flow: Flow,
    /// How safe the rewrite is.
    pub applicability: Applicability,
    /// Capture whose node is replaced.
    #[schemars(with = "String")]
    pub target: Spanned<String>,
    /// Replacement text with `{{capture}}` / `{{var}}` placeholders.
    #[schemars(with = "String")]
    pub template: Spanned<String>,
    /// Only offer this fix when each named variable has one of the listed values.
    #[serde(default)]
    pub when: BTreeMap<String, Vec<String>>,
    /// Extra guidance shown with the fix; may use placeholders.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub note: Option<Spanned<String>>,
}

fn default_true() -> bool {
    true
}

fn default_primary() -> Spanned<String> {
    Spanned::new(0..0, "match".to_owned())
}

/// The JSON Schema of a rule file (draft 2020-12), generated from these types; committed as
/// `rules/rule.schema.json` so editors (Taplo, Even Better TOML) can validate rule files.
#[must_use]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RuleFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

//! Rules as data: loading TOML rule files, validating them, compiling their queries.
//!
//! A rule that cannot be compiled stops the program before any file is read, with the rule
//! file's `path:line:column` (exit code 2).

pub mod schema;
pub mod template;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tree_sitter::Query;

use crate::checks::{self, CheckDef, LibraryTable, LibraryText};
use crate::finding::{Applicability, Flow, Severity};
use crate::lang::Lang;
use schema::{Doc, RuleFile};
use template::Template;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// A rule file that could not be loaded, with the position of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct RuleError {
    /// Path of the rule file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, and what to do about it.
    pub message: String,
}

/// A rule's query for one language, as written. The engine compiles the queries of all active
/// rules for a language together, when the first file of that language needs them (see
/// [`crate::query`]); user rules are also compiled on their own when loaded, so that a broken
/// query stops pwflow, with its position, before it scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleQuery {
    /// The language.
    pub lang: Lang,
    /// The query text.
    pub text: String,
    /// Name of the primary capture.
    pub primary: String,
    /// Name of the capture where the primary span starts, if not the primary's start.
    pub primary_start: Option<String>,
}

/// A rule's regular expression for one text language (see [`crate::engine::text`]): the text,
/// its named groups, and a compiled form built when a file first needs it.
#[derive(Debug)]
pub struct RuleRegex {
    /// The language.
    pub lang: Lang,
    /// The pattern as written.
    pub text: String,
    /// Its named groups (the captures), `match` included: the whole match unless a group has
    /// that name.
    pub groups: Vec<String>,
    /// Name of the primary capture.
    pub primary: String,
    /// Name of the capture where the primary span starts, if not the primary's start.
    pub primary_start: Option<String>,
    /// Compiled on first use: the pattern was parsed when the rule loaded, so only a size
    /// limit can make it fail (then the rule matches nothing in that language).
    compiled: std::sync::OnceLock<Option<regex::Regex>>,
}

impl RuleRegex {
    /// The compiled pattern.
    pub fn regex(&self) -> Option<&regex::Regex> {
        self.compiled.get_or_init(|| regex::Regex::new(&self.text).ok()).as_ref()
    }
}

/// The names of a pattern's named groups.
fn group_names(hir: &regex_syntax::hir::Hir, out: &mut Vec<String>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => {
            if let Some(name) = &c.name {
                out.push(name.to_string());
            }
            group_names(&c.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().for_each(|h| group_names(h, out)),
        HirKind::Repetition(r) => group_names(&r.sub, out),
        _ => {}
    }
}

/// A compiled fix template.
pub struct FixSpec {
    /// Imperative title.
    pub title: String,
    /// Flow the rewrite moves to.
    pub flow: Flow,
    /// How safe it is.
    pub applicability: Applicability,
    /// Capture replaced.
    pub target: String,
    /// Replacement text.
    pub template: Template,
    /// Variable conditions.
    pub when: BTreeMap<String, Vec<String>>,
    /// Extra guidance.
    pub note: Option<Template>,
}

/// One entry of a rule's `[libraries]` table, with where its key is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryEntry {
    /// The call (`python:fetch_token`), one of [`checks::LIBRARY_CALLS`].
    pub call: String,
    /// What the findings of the call say.
    pub text: LibraryText,
    /// 1-based line of the key.
    pub line: usize,
    /// 1-based column of the key.
    pub column: usize,
}

/// Rules implemented by the engine rather than by a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineRule {
    /// `pwflow/unused-suppression` and `pwflow/invalid-suppression`.
    Suppressions,
}

/// A loaded, validated rule.
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// Group (`ringcentral`, `oauth-ropc`).
    pub group: String,
    /// Languages.
    pub languages: Vec<Lang>,
    /// Default severity.
    pub severity: Severity,
    /// Runs without being selected.
    pub enabled: bool,
    /// Message template.
    pub message: Template,
    /// Primary label template.
    pub label: Template,
    /// SDK template.
    pub sdk: Option<Template>,
    /// Prefilter literals (lower-cased): one of them must occur.
    pub prefilter: Vec<String>,
    /// Languages whose literals differ from `prefilter` (lower-cased), with their own.
    pub prefilter_by_language: Vec<(Lang, Vec<String>)>,
    /// Further literal groups: one literal of each must occur too.
    pub prefilter_all: Vec<Vec<String>>,
    /// A regular expression that must match too (checked at load, compiled by the engine when
    /// a file first passes the rule's literals).
    pub prefilter_regex: Option<String>,
    /// Queries, one per language with a grammar.
    pub queries: Vec<RuleQuery>,
    /// Regular expressions, one per text language.
    pub regexes: Vec<RuleRegex>,
    /// Semantic checks.
    pub checks: Vec<&'static CheckDef>,
    /// This rule's own `[libraries]` entries.
    pub library_entries: Vec<LibraryEntry>,
    /// The `[libraries]` tables of every rule of the set, merged by [`RuleSet::from_rules`]
    /// (a rule alone has its own entries): what `ropc-library-call` binds for a call.
    pub libraries: Arc<LibraryTable>,
    /// Documentation.
    pub doc: Doc,
    /// Fix templates.
    pub fixes: Vec<FixSpec>,
    /// Where the rule came from (for messages).
    pub source: String,
    /// Set for rules the engine implements itself.
    pub engine: Option<EngineRule>,
}

impl Rule {
    /// The literals one of which a `lang` file must hold for the rule to parse it: the
    /// language's own (`prefilter-by-language`) or `prefilter`.
    #[must_use]
    pub fn prefilter_for(&self, lang: Lang) -> &[String] {
        self.prefilter_by_language.iter().find(|(l, _)| *l == lang).map_or(&self.prefilter, |(_, lits)| lits)
    }

    /// The regular expression for the text language `lang`, if the rule applies to it.
    #[must_use]
    pub fn regex(&self, lang: Lang) -> Option<&RuleRegex> {
        self.regexes.iter().find(|r| r.lang == lang)
    }

    /// The query for `lang`, if the rule applies to it.
    #[must_use]
    pub fn query(&self, lang: Lang) -> Option<&RuleQuery> {
        self.queries.iter().find(|q| q.lang == lang)
    }
}

/// All loaded rules.
pub struct RuleSet {
    /// Rules, sorted by id.
    pub rules: Vec<Rule>,
}

/// Converts a byte offset in `text` to a 1-based (line, column).
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    // Offsets inside escaped TOML strings are approximate and may fall inside a character.
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

struct Loader<'a> {
    path: &'a str,
    text: &'a str,
    /// Compile queries now and check every capture name (user rules); built-in rules defer
    /// compilation to first use.
    eager: bool,
}

impl Loader<'_> {
    fn err(&self, offset: usize, message: impl Into<String>) -> RuleError {
        let (line, column) = line_col(self.text, offset);
        RuleError { path: self.path.to_owned(), line, column, message: message.into() }
    }

    /// Offset where the content of a TOML string starts, given the span of its token.
    fn content_start(&self, span_start: usize) -> usize {
        let rest = &self.text[span_start.min(self.text.len())..];
        let (quote_len, multi) = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
            (3, true)
        } else if rest.starts_with('\'') || rest.starts_with('"') {
            (1, false)
        } else {
            (0, false)
        };
        let mut start = span_start + quote_len;
        if multi {
            let after = &self.text[start.min(self.text.len())..];
            if after.starts_with("\r\n") {
                start += 2;
            } else if after.starts_with('\n') {
                start += 1;
            }
        }
        start
    }

    fn template(&self, value: &toml::Spanned<String>) -> Result<Template, RuleError> {
        Template::parse(value.get_ref())
            .map_err(|e| self.err(self.content_start(value.span().start) + e.offset, e.message.clone()))
    }

    fn load(&self) -> Result<Rule, RuleError> {
        let file: RuleFile = toml::from_str(self.text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            self.err(offset, format!("invalid rule file: {}", e.message()))
        })?;
        let id = file.id.get_ref().clone();
        if !id.starts_with(&format!("{}/", file.group)) {
            return Err(self.err(
                file.id.span().start,
                format!("rule id `{id}` must start with its group `{}/`", file.group),
            ));
        }
        let mut languages = Vec::new();
        for name in file.languages.get_ref() {
            let Some(lang) = Lang::from_name(name).filter(|l| !l.is_container()) else {
                let known: Vec<&str> = Lang::ALL
                    .iter()
                    .filter(|l| !l.is_container() && l.rule_lang() == **l)
                    .map(|l| l.name())
                    .collect();
                return Err(self.err(
                    file.languages.span().start,
                    format!(
                        "unknown language `{name}` (known: {}; Markdown and HTML code blocks are checked with the rules of their own language)",
                        known.join(", ")
                    ),
                ));
            };
            languages.push(lang);
        }
        for name in file.query.keys() {
            match Lang::from_name(name) {
                None => {
                    return Err(self
                        .err(file.query[name].span().start, format!("query for unknown language `{name}`")));
                }
                Some(lang) if lang.is_text() => {
                    return Err(self.err(
                        file.query[name].span().start,
                        format!(
                            "{lang} has no grammar, so no tree-sitter query: write `regex.{lang}` (a regular expression over its text)"
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        for (name, pattern) in &file.regex {
            match Lang::from_name(name) {
                Some(lang) if lang.is_text() && languages.contains(&lang) => {}
                Some(lang) if lang.is_text() => {
                    return Err(self.err(
                        pattern.span().start,
                        format!("`regex.{name}` is for a language the rule does not list in `languages`"),
                    ));
                }
                Some(lang) => {
                    return Err(self.err(
                        pattern.span().start,
                        format!(
                            "`regex` is for text languages (read without a grammar); {lang} has a grammar: write `query.{name}`"
                        ),
                    ));
                }
                None => {
                    return Err(
                        self.err(pattern.span().start, format!("regex for unknown language `{name}`"))
                    );
                }
            }
        }
        let check_defs = file
            .checks
            .iter()
            .map(|name| {
                let def = checks::find(name.get_ref()).ok_or_else(|| {
                    self.err(
                        name.span().start,
                        format!(
                            "unknown check `{}` (known: {})",
                            name.get_ref(),
                            checks::names().collect::<Vec<_>>().join(", ")
                        ),
                    )
                })?;
                if let Some(lang) = languages.iter().find(|l| !def.languages.contains(l)) {
                    return Err(self.err(
                        name.span().start,
                        format!("check `{}` does not support language `{lang}`", def.name),
                    ));
                }
                // A text language's matches are byte ranges, not nodes: only checks that read
                // text (or the file's context alone) can judge them.
                if let Some(lang) = languages.iter().find(|l| l.is_text())
                    && checks::text::run(def.name).is_none()
                {
                    return Err(self.err(
                        name.span().start,
                        format!(
                            "check `{}` reads syntax trees and cannot judge the text matches of {lang} (checks that read text: {})",
                            def.name,
                            checks::text::names().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
                Ok(def)
            })
            .collect::<Result<Vec<_>, _>>()?;

        let mut queries = Vec::new();
        let mut capture_names: BTreeSet<String> = BTreeSet::new();
        let engine_rule = match &file.engine {
            Some(name) if name.get_ref() == "suppressions" => Some(EngineRule::Suppressions),
            Some(name) => {
                return Err(self.err(
                    name.span().start,
                    format!("unknown engine rule `{}` (known: suppressions)", name.get_ref()),
                ));
            }
            None => None,
        };
        // PHP rules also serve PHP snippets without `<?php` (another grammar, same query text).
        let mut query_langs: Vec<Lang> = languages.iter().copied().filter(|l| !l.is_text()).collect();
        if languages.contains(&Lang::Php) {
            query_langs.push(Lang::PhpOnly);
        }
        let mut regexes = Vec::new();
        for &lang in languages.iter().filter(|l| l.is_text() && engine_rule.is_none()) {
            let pattern = file.regex.get(lang.name()).ok_or_else(|| {
                self.err(0, format!("no regex for the text language `{lang}` (add `regex.{lang}`)"))
            })?;
            let groups = self.regex_groups(pattern)?;
            for name in std::iter::once(&file.primary).chain(file.primary_start.as_ref()) {
                if !groups.contains(name.get_ref()) {
                    return Err(self.err(
                        name.span().start,
                        format!(
                            "`{}` is not a named group of the {lang} regex (groups: {})",
                            name.get_ref(),
                            groups.join(", ")
                        ),
                    ));
                }
            }
            for def in &check_defs {
                if let Some(missing) =
                    def.needs.iter().filter(|n| !n.ends_with('?')).find(|n| !groups.iter().any(|g| g == *n))
                {
                    return Err(self.err(
                        pattern.span().start,
                        format!(
                            "check `{}` needs the capture `{missing}`, a named group the {lang} regex lacks",
                            def.name
                        ),
                    ));
                }
            }
            capture_names.extend(groups.iter().cloned());
            regexes.push(RuleRegex {
                lang,
                text: pattern.get_ref().clone(),
                groups,
                primary: file.primary.get_ref().clone(),
                primary_start: file.primary_start.as_ref().map(|p| p.get_ref().clone()),
                compiled: std::sync::OnceLock::new(),
            });
        }
        for &lang in query_langs.iter().filter(|_| engine_rule.is_none()) {
            let text = file
                .query
                .get(lang.name())
                .or_else(|| lang.query_fallback().and_then(|f| file.query.get(f.name())))
                .ok_or_else(|| self.err(0, format!("no query for language `{lang}` (add `query.{lang}`)")))?;
            if self.eager {
                let captured = self.compile_query(lang, text, &file)?;
                // A check reads the captures it needs by name: a query without one would make
                // the check reject every match, silently.
                for def in &check_defs {
                    let missing = def
                        .needs
                        .iter()
                        .filter(|n| !n.ends_with('?'))
                        .find(|n| !captured.iter().any(|c| c == *n));
                    if let Some(missing) = missing {
                        return Err(self.err(
                            text.span().start,
                            format!(
                                "check `{}` needs the capture `@{missing}`, which the {lang} query lacks",
                                def.name
                            ),
                        ));
                    }
                }
                capture_names.extend(captured);
            }
            queries.push(RuleQuery {
                lang,
                text: text.get_ref().clone(),
                primary: file.primary.get_ref().clone(),
                primary_start: file.primary_start.as_ref().map(|p| p.get_ref().clone()),
            });
        }
        // Templates are checked against the captures when they are known: always for a rule
        // of text languages only (their groups are read without compiling), for queries only
        // when they are compiled (user rules).
        let lazy = !self.eager && engine_rule.is_none() && !query_langs.is_empty();

        let mut known: BTreeSet<&str> = capture_names.iter().map(String::as_str).collect();
        known.extend(check_defs.iter().flat_map(|c| c.provides.iter().copied()));
        known.extend(checks::BUILTIN_VARS);
        if engine_rule.is_some() {
            known.extend(["rules", "problem"]);
        }
        let check_vars = |t: &Template, span_start: usize| -> Result<(), RuleError> {
            if let Some(v) = t.vars().find(|v| !lazy && !known.contains(v)) {
                return Err(self.err(
                    self.content_start(span_start),
                    format!(
                        "unknown placeholder `{{{{{v}}}}}`: not a capture of the query nor a \
                         variable of the rule's checks"
                    ),
                ));
            }
            Ok(())
        };
        let message = self.template(&file.message)?;
        check_vars(&message, file.message.span().start)?;
        let label = self.template(&file.label)?;
        check_vars(&label, file.label.span().start)?;
        let sdk = match &file.sdk {
            Some(s) => {
                let t = self.template(s)?;
                check_vars(&t, s.span().start)?;
                Some(t)
            }
            None => None,
        };
        let msg = message.render(|_| Some(""));
        if msg.starts_with(|c: char| c.is_ascii_uppercase()) || msg.ends_with('.') {
            return Err(
                self.err(file.message.span().start, "messages start in lower case and end without a period")
            );
        }
        let library_entries = self.library_entries(&file, &languages, &check_defs)?;
        let libraries = Arc::new(library_entries.iter().map(|e| (e.call.clone(), e.text.clone())).collect());
        let mut fixes = Vec::new();
        for fix in file.fixes {
            if !lazy
                && !capture_names.contains(fix.target.get_ref())
                && !check_defs.iter().any(|c| c.provides.contains(&fix.target.get_ref().as_str()))
            {
                return Err(self.err(
                    fix.target.span().start,
                    format!(
                        "fix target `{}` is not a capture of the query nor a range of the rule's checks",
                        fix.target.get_ref()
                    ),
                ));
            }
            let template = self.template(&fix.template)?;
            check_vars(&template, fix.template.span().start)?;
            let note = match &fix.note {
                Some(n) => {
                    let t = self.template(n)?;
                    check_vars(&t, n.span().start)?;
                    Some(t)
                }
                None => None,
            };
            fixes.push(FixSpec {
                title: fix.title,
                flow: fix.flow,
                applicability: fix.applicability,
                target: fix.target.into_inner(),
                template,
                when: fix.when,
                note,
            });
        }
        let prefilter: Vec<String> =
            file.prefilter.get_ref().iter().map(|s| s.to_ascii_lowercase()).collect();
        if prefilter.is_empty() || prefilter.iter().any(String::is_empty) {
            return Err(self.err(
                file.prefilter.span().start,
                "`prefilter` needs at least one non-empty literal: files without any are never parsed",
            ));
        }
        let mut prefilter_by_language: Vec<(Lang, Vec<String>)> = Vec::new();
        for (name, lits) in &file.prefilter_by_language {
            let Some(lang) = Lang::from_name(name).filter(|l| languages.contains(l)) else {
                return Err(self.err(
                    lits.span().start,
                    format!("`prefilter-by-language` names `{name}`, not one of the rule's languages"),
                ));
            };
            let lits: Vec<String> = lits.get_ref().iter().map(|s| s.to_ascii_lowercase()).collect();
            if lits.is_empty() || lits.iter().any(String::is_empty) {
                return Err(self.err(
                    file.prefilter_by_language[name].span().start,
                    format!("`prefilter-by-language.{name}` needs at least one non-empty literal"),
                ));
            }
            prefilter_by_language.push((lang, lits));
        }
        // Like queries, a JavaScript list serves TypeScript and TSX unless they have their own.
        for &lang in &languages {
            if prefilter_by_language.iter().all(|(l, _)| *l != lang)
                && let Some(fallback) = lang.query_fallback()
                && let Some((_, lits)) = prefilter_by_language.iter().find(|(l, _)| *l == fallback)
            {
                let lits = lits.clone();
                prefilter_by_language.push((lang, lits));
            }
        }
        // Only parsed here (cheap): compiling waits until a file passes the rule's literals, so
        // a pre-commit run that never gets that far does not pay for it.
        if let Some(regex) = &file.prefilter_regex
            && let Err(e) = regex_syntax::Parser::new().parse(regex.get_ref())
        {
            return Err(
                self.err(self.content_start(regex.span().start), format!("invalid `prefilter-regex`: {e}"))
            );
        }
        Ok(Rule {
            id,
            group: file.group,
            languages,
            severity: file.severity,
            enabled: file.enabled,
            message,
            label,
            sdk,
            prefilter,
            prefilter_by_language,
            prefilter_all: file
                .prefilter_all
                .iter()
                .map(|g| g.iter().map(|s| s.to_ascii_lowercase()).collect())
                .filter(|g: &Vec<String>| !g.is_empty())
                .collect(),
            prefilter_regex: file.prefilter_regex.map(toml::Spanned::into_inner),
            queries,
            regexes,
            checks: check_defs,
            library_entries,
            libraries,
            doc: file.doc,
            fixes,
            source: self.path.to_owned(),
            engine: engine_rule,
        })
    }

    /// The `[libraries]` entries, each key a call `ropc-library-call` recognises in one of the
    /// rule's languages, each text non-empty.
    fn library_entries(
        &self,
        file: &RuleFile,
        languages: &[Lang],
        check_defs: &[&CheckDef],
    ) -> Result<Vec<LibraryEntry>, RuleError> {
        let mut entries = Vec::new();
        for (call, text) in &file.libraries {
            let at = call.span().start;
            let call = call.get_ref();
            if !check_defs.iter().any(|c| c.name == "ropc-library-call") {
                return Err(self.err(
                    at,
                    "`libraries` is read by the `ropc-library-call` check, which this rule does not run",
                ));
            }
            if !checks::LIBRARY_CALLS.contains(&call.as_str()) {
                return Err(self.err(
                    at,
                    format!("unknown library call `{call}` (known: {})", checks::LIBRARY_CALLS.join(", ")),
                ));
            }
            let lang = call.split(':').next().and_then(Lang::from_name);
            if !lang.is_some_and(|l| languages.contains(&l)) {
                return Err(self.err(at, format!("`{call}` is a call of none of the rule's languages")));
            }
            for (field, value) in [
                ("library", &text.library),
                ("shape", &text.shape),
                ("unattended", &text.unattended),
                ("interactive", &text.interactive),
            ] {
                if value.trim().is_empty() {
                    return Err(self.err(at, format!("`libraries.\"{call}\".{field}` is empty")));
                }
            }
            let (line, column) = line_col(self.text, at);
            entries.push(LibraryEntry { call: call.clone(), text: text.clone(), line, column });
        }
        Ok(entries)
    }

    /// Parses a text language's regex (cheap: compiling waits for the first file that needs
    /// it) and returns its named groups, `match` included; a syntax error points into the rule
    /// file.
    fn regex_groups(&self, pattern: &toml::Spanned<String>) -> Result<Vec<String>, RuleError> {
        let start = self.content_start(pattern.span().start);
        let hir = regex_syntax::Parser::new().parse(pattern.get_ref()).map_err(|e| {
            let offset = match &e {
                regex_syntax::Error::Parse(p) => p.span().start.offset,
                regex_syntax::Error::Translate(t) => t.span().start.offset,
                _ => 0,
            };
            let message = e.to_string();
            let last = message.lines().last().unwrap_or_default().trim().to_owned();
            self.err(start + offset, format!("invalid regex: {last}"))
        })?;
        // User rules are compiled now too: a pattern over the regex crate's size limit would
        // otherwise match nothing, silently.
        if self.eager
            && let Err(e) = regex::Regex::new(pattern.get_ref())
        {
            return Err(self.err(start, format!("regex does not compile: {e}")));
        }
        let mut groups = Vec::new();
        group_names(&hir, &mut groups);
        if !groups.iter().any(|g| g == "match") {
            groups.push("match".to_owned());
        }
        Ok(groups)
    }

    fn compile_query(
        &self,
        lang: Lang,
        text: &toml::Spanned<String>,
        file: &RuleFile,
    ) -> Result<Vec<String>, RuleError> {
        let start = self.content_start(text.span().start);
        let Some(grammar) = lang.grammar() else {
            return Err(self.err(
                text.span().start,
                format!("{lang} has no grammar: write the query for the code blocks' language"),
            ));
        };
        let query = Query::new(&grammar, text.get_ref()).map_err(|e| {
            let (line0, col0) = line_col(self.text, start);
            let (line, column) =
                if e.row == 0 { (line0, col0 + e.column) } else { (line0 + e.row, e.column + 1) };
            RuleError {
                path: self.path.to_owned(),
                line,
                column,
                message: format!("bad {lang} query ({:?}): {}", e.kind, e.message.trim()),
            }
        })?;
        let index = |name: &toml::Spanned<String>| {
            query.capture_index_for_name(name.get_ref()).ok_or_else(|| {
                self.err(
                    name.span().start,
                    format!(
                        "`{}` is not a capture of the {lang} query (captures: {})",
                        name.get_ref(),
                        query.capture_names().join(", ")
                    ),
                )
            })
        };
        index(&file.primary)?;
        file.primary_start.as_ref().map(index).transpose()?;
        Ok(query.capture_names().iter().map(|s| (*s).to_owned()).collect())
    }
}

/// Loads one rule file's text.
///
/// # Errors
/// A [`RuleError`] pointing at the problem.
pub fn load_rule(path: &str, text: &str) -> Result<Rule, RuleError> {
    Loader { path, text, eager: true }.load()
}

impl RuleSet {
    /// The built-in rules embedded at build time.
    ///
    /// # Errors
    /// When a built-in rule is broken (a test keeps that from shipping).
    pub fn builtin() -> Result<RuleSet, RuleError> {
        // Parsing some thirty TOML files is a few milliseconds of a pre-commit run: both cores.
        let rules = builtin::BUILTIN_RULES
            .par_iter()
            .map(|(path, text)| Loader { path, text, eager: false }.load())
            .collect::<Result<Vec<_>, _>>()?;
        RuleSet::from_rules(rules)
    }

    /// The built-in rules, every query compiled and every capture name checked (what
    /// [`RuleSet::builtin`] leaves to first use; the test suite runs this).
    ///
    /// # Errors
    /// When a built-in rule is broken.
    pub fn builtin_checked() -> Result<RuleSet, RuleError> {
        let rules = builtin::BUILTIN_RULES
            .iter()
            .map(|(path, text)| load_rule(path, text))
            .collect::<Result<Vec<_>, _>>()?;
        RuleSet::from_rules(rules)
    }

    /// Loads every `*.toml` under `dir` (recursively), sorted by path.
    ///
    /// # Errors
    /// A [`RuleError`] for the first broken file or an unreadable directory.
    pub fn load_dir(dir: &Path) -> Result<Vec<Rule>, RuleError> {
        let mut paths = Vec::new();
        for entry in ignore::WalkBuilder::new(dir).standard_filters(false).build() {
            let entry = entry.map_err(|e| RuleError {
                path: dir.display().to_string(),
                line: 1,
                column: 1,
                message: format!("cannot read rule directory: {e}"),
            })?;
            if entry.file_type().is_some_and(|t| t.is_file())
                && entry.path().extension().is_some_and(|e| e == "toml")
            {
                paths.push(entry.into_path());
            }
        }
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let display = p.display().to_string();
                let text =
                    crate::bounded::read_text(p, crate::bounded::MAX_RULE_FILE).map_err(|e| RuleError {
                        path: display.clone(),
                        line: 1,
                        column: 1,
                        message: format!("cannot read rule file: {e}"),
                    })?;
                load_rule(&display, &text)
            })
            .collect()
    }

    /// Builds a set, rejecting duplicate ids.
    ///
    /// # Errors
    /// When two rules share an id.
    pub fn from_rules(mut rules: Vec<Rule>) -> Result<RuleSet, RuleError> {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        for pair in rules.windows(2) {
            if pair[0].id == pair[1].id {
                return Err(RuleError {
                    path: pair[1].source.clone(),
                    line: 1,
                    column: 1,
                    message: format!("duplicate rule id `{}` (also in {})", pair[1].id, pair[0].source),
                });
            }
        }
        // One `[libraries]` table for the set: `ringcentral/generic-oauth-password-grant` reports
        // the calls the `oauth-ropc` rules describe.
        let mut libraries = LibraryTable::new();
        let mut described: BTreeMap<&str, &str> = BTreeMap::new();
        for rule in &rules {
            for entry in &rule.library_entries {
                if let Some(other) = described.insert(&entry.call, &rule.source) {
                    return Err(RuleError {
                        path: rule.source.clone(),
                        line: entry.line,
                        column: entry.column,
                        message: format!("library call `{}` is already described in {other}", entry.call),
                    });
                }
                libraries.insert(entry.call.clone(), entry.text.clone());
            }
        }
        let libraries = Arc::new(libraries);
        for rule in &mut rules {
            rule.libraries = Arc::clone(&libraries);
        }
        Ok(RuleSet { rules })
    }

    /// Adds rules (user rule directories), rejecting duplicate ids.
    ///
    /// # Errors
    /// When an id is already taken.
    pub fn extend(self, more: Vec<Rule>) -> Result<RuleSet, RuleError> {
        let mut rules = self.rules;
        rules.extend(more);
        RuleSet::from_rules(rules)
    }

    /// Every rule id and group, for validating rule names in suppression comments.
    #[must_use]
    pub fn known_names(&self) -> Vec<String> {
        let mut names: Vec<String> =
            self.rules.iter().flat_map(|r| [r.id.clone(), r.group.clone()]).collect();
        names.sort();
        names.dedup();
        names
    }

    /// Looks a rule up by id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "test/login"
group = "test"
languages = ["javascript"]
severity = "error"
message = "password login on {{receiver}}"
label = "here"
prefilter = ["login"]
primary = "call"
[query]
javascript = '''
(call_expression
  function: (member_expression object: (_) @receiver property: (property_identifier) @m)
  arguments: (arguments) @args
  (#eq? @m "login")) @call
'''
[doc]
what = "w"
why = "y"
example = "e"
use-instead = "u"
[[fix]]
title = "Use the JWT flow"
flow = "jwt"
applicability = "unsafe"
target = "args"
template = "({ jwt: process.env.RC_JWT })"
"#;

    const TEXT_RULE: &str = r#"
id = "test/coffee"
group = "test"
languages = ["coffeescript"]
severity = "error"
message = "login on {{receiver}}"
label = "here"
prefilter = [".login"]
primary = "call"
checks = ["ringcentral-context"]
[regex]
coffeescript = '''(?P<call>(?P<receiver>\w+)\.login)\b'''
[doc]
what = "w"
why = "y"
example = "e"
use-instead = "u"
[[fix]]
title = "Use the JWT flow"
flow = "jwt"
applicability = "display-only"
target = "call"
template = "{{receiver}}.login jwt: process.env.RC_JWT"
"#;

    #[test]
    fn text_rules_load_with_their_groups_as_captures() {
        let rule = load_rule("text.toml", TEXT_RULE).expect("valid rule");
        let regex = rule.regex(Lang::CoffeeScript).expect("a regex");
        assert_eq!(regex.groups, ["call", "receiver", "match"]);
        assert!(rule.queries.is_empty());
        // Built-in rules are not compiled eagerly, but their templates are still checked.
        let unknown = TEXT_RULE.replace("login on {{receiver}}", "login on {{nope}}");
        let err = Loader { path: "t.toml", text: &unknown, eager: false }
            .load()
            .err()
            .expect("unknown placeholder");
        assert!(err.message.contains("`{{nope}}`"), "{err}");
    }

    #[test]
    fn text_rule_errors_point_into_the_file() {
        let err = |text: &str| load_rule("t.toml", text).err().expect("must fail");
        let checks = r#"checks = ["ringcentral-context"]"#;
        // A syntax error in the regex: line 12, at the unclosed group.
        let e = err(&TEXT_RULE.replace(r"(?P<receiver>\w+)", r"(?P<receiver>\w+"));
        assert_eq!((e.line, e.message.contains("invalid regex")), (12, true), "{e}");
        assert!(e.column > 16, "{e}");
        let e = err(&TEXT_RULE.replace(r#"primary = "call""#, r#"primary = "args""#));
        assert!(e.message.contains("`args` is not a named group"), "{e}");
        assert_eq!(e.line, 9, "{e}");
        let e = err(&TEXT_RULE.replace(checks, r#"checks = ["password-grant"]"#));
        assert!(
            e.message.contains("reads syntax trees and cannot judge the text matches of coffeescript"),
            "{e}"
        );
        assert_eq!(e.line, 10, "{e}");
        let e = err(&TEXT_RULE.replace(checks, r#"checks = ["js-password-login"]"#));
        assert!(e.message.contains("does not support language `coffeescript`"), "{e}");
        let e = err(&TEXT_RULE.replace(checks, r#"checks = ["coffee-password-login"]"#));
        assert!(e.message.contains("needs the capture `method`"), "{e}");
        let e = err(&TEXT_RULE.replace("[regex]\ncoffeescript", "[query]\ncoffeescript"));
        assert!(e.message.contains("no grammar"), "{e}");
        let e = err(&TEXT_RULE.replace("[regex]\ncoffeescript", "[regex]\njavascript"));
        assert!(e.message.contains("has a grammar"), "{e}");
        let e = err(&TEXT_RULE.replace("[regex]\ncoffeescript = ", "[regex]\nnone = "));
        assert!(e.message.contains("unknown language") || e.message.contains("no regex"), "{e}");
    }

    #[test]
    fn good_rule_loads() {
        let rule = load_rule("good.toml", GOOD).expect("valid rule");
        assert_eq!(rule.id, "test/login");
        assert_eq!(rule.queries.len(), 1);
        assert_eq!(rule.fixes.len(), 1);
    }

    #[test]
    fn prefilter_by_language_replaces_the_literals_of_its_languages() {
        let multi = GOOD
            .replace(r#"languages = ["javascript"]"#, r#"languages = ["javascript", "typescript", "php"]"#)
            .replace(
                r#"prefilter = ["login"]"#,
                "prefilter = [\"login\"]\nprefilter-by-language.javascript = [\".Login\"]",
            )
            .replace("[query]\njavascript", "[query]\nphp = '(member_call_expression) @call'\njavascript");
        let rule = load_rule("multi.toml", &multi).expect("valid rule");
        assert_eq!(rule.prefilter_for(Lang::JavaScript), [".login"]);
        assert_eq!(rule.prefilter_for(Lang::TypeScript), [".login"], "a javascript list serves typescript");
        assert_eq!(rule.prefilter_for(Lang::Php), ["login"]);

        let stray = multi.replace("prefilter-by-language.javascript", "prefilter-by-language.python");
        let err = load_rule("stray.toml", &stray).err().expect("python is not one of the rule's languages");
        assert!(err.message.contains("`python`"), "{err}");
        let empty = multi.replace(r#"[".Login"]"#, "[]");
        let err = load_rule("empty.toml", &empty).err().expect("an empty list gates out every file");
        assert!(err.message.contains("non-empty"), "{err}");
    }

    #[test]
    fn bad_query_points_into_the_file() {
        let bad = GOOD.replace("(#eq? @m \"login\")) @call", "(#eq? @m \"login\")) @call (nope");
        let err = load_rule("bad.toml", &bad).err().expect("must fail");
        assert_eq!(err.path, "bad.toml");
        // The query starts on line 12 of the file; the error is on its 4th line.
        assert_eq!(err.line, 15, "{err}");
    }

    #[test]
    fn unknown_node_kind_is_reported() {
        let bad = GOOD.replace("(arguments)", "(no_such_node)");
        let err = load_rule("bad.toml", &bad).err().expect("must fail");
        assert!(err.message.contains("NodeType"), "{err}");
        assert_eq!(err.line, 14, "{err}");
    }

    #[test]
    fn bad_prefilter_regex_is_reported_with_its_line() {
        let with = |regex: &str| {
            GOOD.replace(
                "prefilter = [\"login\"]",
                &format!("prefilter = [\"login\"]\nprefilter-regex = '{regex}'"),
            )
        };
        let rule = load_rule("good.toml", &with(r"\.login\s*\(")).expect("valid regex");
        assert_eq!(rule.prefilter_regex.as_deref(), Some(r"\.login\s*\("));
        let err = load_rule("bad.toml", &with(r"login(")).err().expect("must fail");
        assert_eq!(err.line, 9, "{err}");
        assert!(err.message.contains("prefilter-regex"), "{err}");
    }

    #[test]
    fn unknown_key_is_reported_with_its_line() {
        let bad = GOOD.replace("severity = \"error\"", "severity = \"error\"\nsevrity = 1");
        let err = load_rule("bad.toml", &bad).err().expect("must fail");
        assert_eq!(err.line, 6, "{err}");
        assert!(err.message.contains("sevrity"), "{err}");
    }

    #[test]
    fn unknown_placeholder_and_target_are_reported() {
        let bad = GOOD.replace("process.env.RC_JWT", "{{nothing}}");
        let err = load_rule("bad.toml", &bad).err().expect("must fail");
        assert!(err.message.contains("nothing"), "{err}");
        let bad = GOOD.replace("target = \"args\"", "target = \"argz\"");
        let err = load_rule("bad.toml", &bad).err().expect("must fail");
        assert!(err.message.contains("argz"), "{err}");
    }

    #[test]
    fn template_error_inside_a_multibyte_character_does_not_panic() {
        // Found by the `load_rule` fuzz target (fuzz/regressions/load_rule/).
        let text = "id=\"a/\"\ngroup=\"a\"\nlanguages=[]\nseverity=\"error\"\nmessage=\"\\n\u{e9}{{\"\nlabel=\"\"\nprefilter=[]\n[doc]\nwhat=\"\"\nwhy=\"\"\nexample=\"\"\nuse-instead=\"\"\n";
        let err = load_rule("fuzz.toml", text).err().expect("an unclosed placeholder is an error");
        assert_eq!(err.line, 5, "{err}");
    }

    #[test]
    fn fuzz_regressions_load_without_panicking() {
        // Every input the `load_rule` fuzz target ever kept: each must give a rule or an error
        // with a position inside the file, never a panic.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/load_rule");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).expect("regressions directory") {
            let path = entry.expect("entry").path();
            let text = String::from_utf8_lossy(&std::fs::read(&path).expect("readable")).into_owned();
            if let Err(err) = load_rule(&path.to_string_lossy(), &text) {
                assert!(err.line >= 1 && err.line <= text.lines().count().max(1), "{err}");
            }
            seen += 1;
        }
        assert!(seen >= 2, "expected the kept regressions, found {seen}");
    }

    /// A rule of `ropc-library-call` with one `[libraries]` entry (`key`, all four texts).
    fn library_rule(id: &str, key: &str, library: &str) -> String {
        // The check needs `@match` and `@name`.
        GOOD.replace("id = \"test/login\"", &format!("id = \"{id}\""))
            .replace("@m)", "@name)")
            .replace("@m \"", "@name \"")
            .replace("@call", "@match")
            .replace("primary = \"call\"", "primary = \"match\"")
            .replace("prefilter = [\"login\"]", "prefilter = [\"login\"]\nchecks = [\"ropc-library-call\"]")
            .replace(
                "[doc]",
                &format!(
                    "[libraries.\"{key}\"]\nlibrary = \"{library}\"\nshape = \"s\"\nunattended = \"u\"\ninteractive = \"i\"\n[doc]"
                ),
            )
    }

    #[test]
    fn library_tables_are_checked_with_their_position() {
        let rule = load_rule("ok.toml", &library_rule("test/a", "javascript:owner.getToken", "lib"))
            .expect("valid table");
        assert_eq!(rule.libraries["javascript:owner.getToken"].library, "lib");
        assert_eq!((rule.library_entries[0].line, rule.library_entries[0].column), (18, 12));

        let err = load_rule("bad.toml", &library_rule("test/a", "javascript:owner.getTokn", "lib"))
            .err()
            .expect("unknown call");
        assert_eq!((err.path.as_str(), err.line, err.column), ("bad.toml", 18, 12), "{err}");
        assert!(err.message.contains("unknown library call `javascript:owner.getTokn`"), "{err}");
        let err = load_rule("bad.toml", &library_rule("test/a", "python:fetch_token", "lib"))
            .err()
            .expect("python is not the rule's language");
        assert!(err.message.contains("none of the rule's languages"), "{err}");
        let err = load_rule("bad.toml", &library_rule("test/a", "javascript:password", " "))
            .err()
            .expect("empty text");
        assert!(err.message.contains(".library` is empty"), "{err}");
        let without_check = library_rule("test/a", "javascript:password", "lib")
            .replace("checks = [\"ropc-library-call\"]", "");
        let err = load_rule("bad.toml", &without_check).err().expect("no check reads the table");
        assert_eq!(err.line, 18, "{err}");
        let missing = library_rule("test/a", "javascript:password", "lib").replace("shape = \"s\"\n", "");
        let err = load_rule("bad.toml", &missing).err().expect("every text is required");
        assert!(err.message.contains("shape"), "{err}");
    }

    #[test]
    fn library_tables_merge_across_the_set_and_a_call_is_described_once() {
        let a = load_rule("a.toml", &library_rule("test/a", "javascript:password", "A")).expect("valid");
        let b =
            load_rule("b.toml", &library_rule("test/b", "javascript:owner.getToken", "B")).expect("valid");
        let set = RuleSet::from_rules(vec![a, b]).expect("distinct calls");
        for rule in &set.rules {
            assert_eq!(rule.libraries.len(), 2, "{}", rule.id);
        }
        let a = load_rule("a.toml", &library_rule("test/a", "javascript:password", "A")).expect("valid");
        let c = load_rule("c.toml", &library_rule("test/c", "javascript:password", "C")).expect("valid");
        let err = RuleSet::from_rules(vec![a, c]).err().expect("the same call twice");
        assert_eq!((err.path.as_str(), err.line), ("c.toml", 18), "{err}");
        assert!(err.message.contains("already described in a.toml"), "{err}");
    }

    #[test]
    fn every_library_call_is_described_by_the_builtin_rules() {
        let set = RuleSet::builtin().expect("built-in rules load");
        let described: Vec<&str> = set.rules[0].libraries.keys().map(String::as_str).collect();
        let mut calls = checks::LIBRARY_CALLS.to_vec();
        calls.sort_unstable();
        assert_eq!(described, calls);
    }

    #[test]
    fn builtin_rules_load() {
        let set = RuleSet::builtin_checked().expect("built-in rules are valid");
        assert!(!set.rules.is_empty());
        // The lazy set holds the same queries, for the engine to compile on demand.
        let lazy = RuleSet::builtin().expect("loads");
        for (rule, checked) in lazy.rules.iter().zip(&set.rules) {
            assert_eq!(rule.queries, checked.queries, "{}", rule.id);
            for lang in &rule.languages {
                if rule.engine.is_none() {
                    // A text language is read by a regex, any other by a query.
                    let read = if lang.is_text() {
                        rule.regex(*lang).is_some()
                    } else {
                        rule.query(*lang).is_some()
                    };
                    assert!(read, "{} {lang}", rule.id);
                }
            }
        }
    }
}

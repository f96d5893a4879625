//! Text languages: files (and code blocks) of a language without a tree-sitter grammar crate
//! (CoffeeScript), read by the rules' regular expressions (`regex.<lang>`) instead of queries.
//!
//! The engine hands such a unit here after its gates (literals, `prefilter-regex`, the checks'
//! text and context gates), where a grammar language would be parsed. The language's lexer
//! ([`crate::lexer`]) says which bytes are comments, strings and code, so that:
//! - a match that starts in a comment (or in a literate file's prose) is dropped;
//! - `pwflow-ignore` comments suppress findings, and invalid or unused ones are reported;
//! - literal secrets are masked in every output ([`crate::redact::text_secrets`]);
//! - the rule's checks judge matches by their text ([`crate::checks::text`]).
//!
//! What a tree gives and text does not is left out: fixes are shown, never applied (nothing
//! could check that the rewritten file still parses), and the recommendation is the file's
//! (no provenance of the credentials).

use std::ops::Range;
use std::path::Path;

use super::EngineOptions;
use crate::checks::Bindings;
use crate::checks::text::TextCx;
use crate::context::FileContext;
use crate::finding::{Applicability, Finding, Fix, Flow, Label};
use crate::lang::Lang;
use crate::lexer::Lexed;
use crate::model::ActiveRule;
use crate::redact;
use crate::suppress;
use crate::util::{LineIndex, dedent};

/// One text unit to scan: the engine's facts about the file.
pub struct TextJob<'a, 'r> {
    /// The engine's rules.
    pub rules: &'a [ActiveRule<'r>],
    /// Indexes (into `rules`) of the rules the gates let through for this unit's language.
    pub candidates: Vec<usize>,
    /// The scan's options.
    pub options: &'a EngineOptions,
    /// What is known about the file.
    pub context: &'a FileContext,
    /// The file on disk (its project, test directories).
    pub path: &'a Path,
    /// The path shown in findings.
    pub display: &'a Path,
}

/// A match the rule's checks accepted.
struct Raw {
    rule: usize,
    range: Range<usize>,
    bindings: Bindings,
    captures: Vec<(String, Range<usize>)>,
    suppressed: Option<String>,
}

/// What the lexer of `lang` reads in `src`: the whole text, or only `ranges` (the code blocks
/// of a document; everything else is blanked, offsets kept). `literate` selects the literate
/// form's lexer (`.litcoffee`).
#[must_use]
pub fn lex(lang: Lang, src: &str, ranges: &[Range<usize>], literate: bool) -> Lexed {
    let Some(spec) = lang.text() else { return Lexed::default() };
    let lexer = if literate { spec.lex_literate } else { spec.lex };
    if ranges.is_empty() {
        return lexer(src);
    }
    // The blocks alone, at their offsets: what lies between them is not this language.
    let mut blocks: Vec<u8> = src.bytes().map(|b| if b == b'\n' { b'\n' } else { b' ' }).collect();
    for r in ranges {
        if let Some(text) = src.get(r.clone()) {
            blocks[r.clone()].copy_from_slice(text.as_bytes());
        }
    }
    // Blanked bytes are spaces and the blocks are whole characters: still UTF-8.
    let blocks = String::from_utf8(blocks).unwrap_or_default();
    lexer(&blocks)
}

/// Whether a file is written in the literate form of its text language (`.litcoffee`).
#[must_use]
pub fn is_literate(lang: Lang, path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    lang.text().is_some_and(|t| ext.is_some_and(|e| t.literate_extensions.contains(&e.as_str())))
}

/// The literal secrets of a text unit, to mask (sorted, merged).
#[must_use]
pub fn secrets(lang: Lang, src: &str, lexed: &Lexed) -> Vec<Range<usize>> {
    lang.text().map_or_else(Vec::new, |spec| redact::text_secrets(src, lexed, spec.binds))
}

/// Scans one unit of a text language: the whole file (`ranges` empty) or a document's blocks.
#[must_use]
pub fn scan(job: &TextJob<'_, '_>, lang: Lang, src: &str, ranges: &[Range<usize>]) -> Vec<Finding> {
    let lexed = lex(lang, src, ranges, ranges.is_empty() && is_literate(lang, job.path));
    let inside = |pos: usize| ranges.is_empty() || ranges.iter().any(|r| r.start <= pos && pos < r.end);
    let mut raw: Vec<Raw> = Vec::new();
    for &index in &job.candidates {
        let active = &job.rules[index];
        let Some(rule_regex) = active.rule.regex(lang) else { continue };
        let Some(regex) = rule_regex.regex() else { continue };
        let runs: Vec<_> =
            active.rule.checks.iter().filter_map(|c| crate::checks::text::run(c.name)).collect();
        if runs.len() != active.rule.checks.len() {
            // Loading rejects such rules; a rule built another way must not report unchecked.
            continue;
        }
        for caps in regex.captures_iter(src) {
            let Some(whole) = caps.get(0) else { continue };
            let captures: Vec<(String, Range<usize>)> = regex
                .capture_names()
                .flatten()
                .filter_map(|n| caps.name(n).map(|m| (n.to_owned(), m.range())))
                .chain((caps.name("match").is_none()).then(|| ("match".to_owned(), whole.range())))
                .collect();
            let group = |name: &str| captures.iter().find(|(n, _)| n == name).map(|(_, r)| r.clone());
            let Some(primary) = group(&rule_regex.primary) else { continue };
            let start =
                rule_regex.primary_start.as_deref().and_then(group).map_or(primary.start, |s| s.start);
            let range = start.min(primary.start)..primary.end;
            // Prose and comments say things; code does them.
            if lexed.in_comment(whole.start()) || !inside(whole.start()) {
                continue;
            }
            if raw.iter().any(|r| r.rule == index && r.range == range) {
                continue;
            }
            let cx = TextCx {
                src,
                lang,
                lexed: &lexed,
                context: job.context,
                jwt_var: &job.options.jwt_var,
                path: Some(job.path),
                captures: &captures,
            };
            let mut bindings = Bindings::default();
            if runs.iter().all(|run| run(&cx).map(|b| bindings.merge(b)).is_some()) {
                raw.push(Raw { rule: index, range, bindings, captures, suppressed: None });
            }
        }
    }
    let has_directives = memchr::memmem::find(src.as_bytes(), suppress::MARKER.as_bytes()).is_some();
    if raw.is_empty() && !has_directives {
        return Vec::new();
    }
    let lines = LineIndex::new(src);
    if has_directives {
        apply_suppressions(job, src, &lexed, ranges, &lines, &mut raw);
    }
    if raw.is_empty() {
        return Vec::new();
    }
    let secrets = if job.options.show_secrets {
        Vec::new()
    } else {
        let mut s = secrets(lang, src, &lexed);
        s.extend(raw.iter().flat_map(|r| r.bindings.secrets.iter().cloned()));
        redact::normalize(s)
    };
    let mut findings: Vec<Finding> = raw.into_iter().map(|r| build(job, src, &lines, &secrets, r)).collect();
    findings
        .sort_by(|a, b| (a.range.start, &a.rule, a.range.end).cmp(&(b.range.start, &b.rule, b.range.end)));
    crate::baseline::fingerprint::assign_fingerprints(&mut findings, src, &secrets);
    findings
}

/// Marks suppressed findings and adds findings for invalid and unused suppressions, as the
/// engine does for trees, from the lexer's comments (of the unit's blocks only: a document's
/// other blocks are scanned on their own).
fn apply_suppressions(
    job: &TextJob<'_, '_>,
    src: &str,
    lexed: &Lexed,
    ranges: &[Range<usize>],
    lines: &LineIndex<'_>,
    raw: &mut Vec<Raw>,
) {
    let known = |id: &str| job.options.known_rules.iter().any(|k| k == id);
    let comments: Vec<Range<usize>> = lexed
        .comments
        .iter()
        .filter(|c| ranges.is_empty() || ranges.iter().any(|r| r.start <= c.start && c.start < r.end))
        .cloned()
        .collect();
    let suppressions = suppress::find_in_ranges(&comments, src, &known);
    let marked = raw.iter_mut().map(|r| (r.rule, r.range.start, &mut r.suppressed));
    for (rule, range, bindings) in super::suppressions::resolve(job.rules, suppressions, lines, marked) {
        raw.push(Raw { rule, range, bindings, captures: Vec::new(), suppressed: None });
    }
}

/// A finding from an accepted match: templates rendered (source text masked), fixes shown
/// only, the lines redacted.
fn build(
    job: &TextJob<'_, '_>,
    src: &str,
    lines: &LineIndex<'_>,
    secrets: &[Range<usize>],
    raw: Raw,
) -> Finding {
    let active = &job.rules[raw.rule];
    let rule = active.rule;
    let context = job.context;
    let secret_values = redact::values(src, secrets);
    let indent = crate::syntax::indentation_at(src, raw.range.start).to_owned();
    let recommendation = context.recommendation.clone();
    let lookup = |name: &str| -> Option<String> {
        if let Some(v) = raw.bindings.get(name) {
            return Some(v.to_owned());
        }
        match name {
            "indent" => return Some(indent.clone()),
            "rc_reason" => return Some(context.rc_reason().unwrap_or("no RingCentral context").to_owned()),
            "flow_reason" => return Some(recommendation.reason.clone()),
            "jwt_var" => return Some(job.options.jwt_var.clone()),
            _ => {}
        }
        raw.captures.iter().find(|(n, _)| n == name).map(|(_, r)| src[r.clone()].to_owned())
    };
    // Captures are source text and may hold a literal password; the checks' words are not.
    let render = |t: &crate::rules::template::Template| {
        let values: Vec<(String, String)> = t
            .vars()
            .filter_map(|v| {
                lookup(v).map(|x| {
                    let masked = if raw.bindings.get(v).is_none() {
                        redact::mask_values(&x, &secret_values)
                    } else {
                        x
                    };
                    (v.to_owned(), masked)
                })
            })
            .collect();
        t.render(|v| values.iter().find(|(k, _)| k == v).map(|(_, x)| x.as_str()))
    };
    let mut notes: Vec<String> =
        raw.bindings.notes.iter().map(|n| redact::mask_code_spans(n, &secret_values)).collect();
    let mut specs: Vec<&crate::rules::FixSpec> = rule
        .fixes
        .iter()
        .filter(|f| {
            f.when
                .iter()
                .all(|(var, values)| raw.bindings.get(var).is_some_and(|v| values.iter().any(|x| x == v)))
        })
        .collect();
    specs.sort_by_key(|f| f.flow != recommendation.flow);
    // Code on the user's device gets no JWT: it would ship to every user.
    if let Some(why) = &context.client_ui
        && specs.iter().any(|f| f.flow == Flow::Jwt)
    {
        specs.retain(|f| f.flow != Flow::Jwt);
        notes.push(format!("no JWT rewrite: {why}, and a JWT there would reach every user"));
    }
    let fixes: Vec<Fix> = specs
        .into_iter()
        .map(|f| Fix {
            title: f.title.clone(),
            flow: f.flow,
            // Nothing can check that a rewritten text-language file still parses.
            applicability: Applicability::DisplayOnly,
            edits: Vec::new(),
            code: render(&f.template),
            note: f.note.as_ref().map(render),
            leftovers: Vec::new(),
        })
        .collect();
    let labels: Vec<Label> = raw
        .bindings
        .labels
        .iter()
        .map(|l| Label {
            range: l.range.clone(),
            message: redact::mask_code_spans(&l.message, &secret_values),
        })
        .collect();
    let excerpt = super::build::excerpt(src, lines, secrets, &raw.range, &labels);
    Finding {
        rule: rule.id.clone(),
        severity: active.severity,
        path: job.display.to_path_buf(),
        location: job.display.to_path_buf(),
        range: raw.range.clone(),
        start: lines.position(raw.range.start),
        end: lines.position(raw.range.end),
        message: render(&rule.message),
        sdk: rule.sdk.as_ref().map(render),
        recommendation: recommendation.clone(),
        primary_label: render(&rule.label),
        labels,
        notes,
        fixes,
        snippet: dedent(&redact::redact_slice(
            src,
            super::build::window(src, lines.line_span(&raw.range), &raw.range),
            secrets,
        )),
        excerpt: Some(excerpt),
        fingerprint: String::new(),
        suppressed: raw.suppressed,
        baselined: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Engine, Outcome, Worker};
    use crate::rules::RuleSet;

    /// Texts built from the tokens the lexer and the checks care about, in every order a small
    /// generator makes: scanning never panics (no slice off a character boundary, no range out
    /// of bounds), every finding lies in the text, and a literal password stays masked.
    #[test]
    fn arbitrary_coffeescript_scans_without_panicking() {
        const TOKENS: &[&str] = &[
            "platform.login",
            "rcsdk.platform().login",
            " username: ",
            "password: ",
            "jwt: ",
            "'hunter2'",
            "\"a #{",
            "}\"",
            "'''",
            "\"\"\"",
            "###",
            "# ",
            "\n",
            "\n  ",
            "\n    ",
            "(",
            ")",
            "{",
            "}",
            "/",
            "///",
            "\\",
            "é",
            "`",
            "@",
            "grant_type=password",
            "grant_type: ",
            "'password'",
            ",",
            "x",
            " = ",
            "->",
            ".then ",
            "pwflow-ignore: ringcentral -- r",
            "https://a.example/oauth2/token",
        ];
        let set = RuleSet::builtin().expect("built-in rules");
        let engine = crate::testing::engine_in_form(&set, crate::query::QueryForm::Native).expect("engine");
        let path = Path::new("x.coffee");
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut worker = Worker::default();
        for _ in 0..3000 {
            let mut text = String::from("RC = require 'ringcentral'\n");
            for _ in 0..(next() % 24) {
                text.push_str(TOKENS[(next() % TOKENS.len() as u64) as usize]);
            }
            let report =
                Engine::check_bytes(&engine, path, path, Lang::CoffeeScript, text.as_bytes(), &mut worker);
            if let Outcome::Scanned { findings, .. } = report.outcome {
                for f in findings {
                    assert!(f.range.end <= text.len() && text.is_char_boundary(f.range.start), "{text:?}");
                    // A literal bound to a password key is masked wherever the finding shows it.
                    assert!(!f.snippet.contains("password: 'hunter2'"), "{text:?}: {}", f.snippet);
                }
            }
        }
    }
}

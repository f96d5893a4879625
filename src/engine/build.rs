//! Build: an accepted match becomes a [`Finding`]: its templates rendered (message, label,
//! fixes) with the source's secrets masked in what is shown, its fixes fitted to where they go
//! (interpolation quotes, the import their code needs) or declined with the reason, an excerpt
//! for rendering; then the file-level adjustments (byte-order mark, notebook lines).

use std::ops::Range;
use std::path::Path;

use tree_sitter::Node;

use super::Engine;
use super::matching::{FileFacts, RawFinding};
use crate::checks::Bindings;
use crate::context::FileContext;
use crate::finding::{Applicability, Edit, Excerpt, Finding, Fix, Flow, Label, Recommendation};
use crate::lang::Lang;
use crate::project::LockedSdk;
use crate::redact;
use crate::rules::template::Template;
use crate::rules::{FixSpec, Rule};
use crate::syntax::{indentation_at, text};
use crate::util::{LineIndex, dedent};

/// Renders a finding's templates: variables come from the checks' bindings, a few names the
/// engine knows (`indent`, `rc_reason`, `flow_reason`, `jwt_var`), then the match's captures.
struct Renderer<'a, 't> {
    raw: &'a RawFinding<'t>,
    src: &'a str,
    context: &'a FileContext,
    recommendation: &'a Recommendation,
    jwt_var: &'a str,
    /// The indentation of the line the match starts on.
    indent: String,
    /// The secret values of the file, masked in what is shown.
    secret_values: Vec<&'a str>,
}

impl Renderer<'_, '_> {
    /// The value of a template variable.
    fn lookup(&self, name: &str) -> Option<String> {
        if let Some(v) = self.raw.bindings.get(name) {
            return Some(v.to_owned());
        }
        match name {
            "indent" => return Some(self.indent.clone()),
            "rc_reason" => {
                return Some(self.context.rc_reason().unwrap_or("no RingCentral context").to_owned());
            }
            "flow_reason" => return Some(self.recommendation.reason.clone()),
            "jwt_var" => return Some(self.jwt_var.to_owned()),
            _ => {}
        }
        self.raw.captures.iter().find(|(n, _)| n == name).map(|(_, node)| text(*node, self.src).to_owned())
    }

    /// Only text taken from the source is masked: a literal password that happens to be
    /// `password` must not turn the rule's own words into `***`. Captures and the JWT
    /// expressions derived from them are source text; other variables are the checks' own words.
    fn is_source_text(&self, name: &str) -> bool {
        name.starts_with("jwt_") || self.raw.bindings.get(name).is_none()
    }

    /// `masked`: for what is shown; an edit written into the file is rendered as it is, or a
    /// literal password that equals a name in the new code (`platform`) would write `***` into
    /// the file.
    fn render_with(&self, t: &Template, masked: bool) -> String {
        let values: Vec<(String, String)> = t
            .vars()
            .filter_map(|v| {
                self.lookup(v).map(|x| {
                    let x = if masked && self.is_source_text(v) {
                        redact::mask_values(&x, &self.secret_values)
                    } else {
                        x
                    };
                    (v.to_owned(), x)
                })
            })
            .collect();
        t.render(|v| values.iter().find(|(k, _)| k == v).map(|(_, x)| x.as_str()))
    }

    /// A template as shown (secrets masked).
    fn render(&self, t: &Template) -> String {
        self.render_with(t, true)
    }

    /// A check's or the engine's words about the code, with the secrets in their code spans
    /// masked.
    fn mask_note(&self, note: &str) -> String {
        redact::mask_code_spans(note, &self.secret_values)
    }
}

impl Engine<'_> {
    /// Builds the finding of one accepted match.
    pub(super) fn build(
        &self,
        display: &Path,
        src: &str,
        context: &FileContext,
        facts: &FileFacts<'_>,
        raw: RawFinding<'_>,
    ) -> Finding {
        let active = &self.rules[raw.rule];
        let rule = active.rule;
        let (lines, secrets) = (&facts.lines, facts.secrets.as_slice());
        let recommendation =
            raw.verdict.as_ref().map_or_else(|| context.recommendation.clone(), |v| v.recommendation.clone());
        let renderer = Renderer {
            raw: &raw,
            src,
            context,
            recommendation: &recommendation,
            jwt_var: &self.options.jwt_var,
            indent: indentation_at(src, raw.range.start).to_owned(),
            secret_values: redact::values(src, secrets),
        };
        let mut notes: Vec<String> = raw.bindings.notes.iter().map(|n| renderer.mask_note(n)).collect();
        let specs = fix_specs(rule, &raw, &recommendation, &renderer, &mut notes);
        let mut message = renderer.render(&rule.message);
        let blocked = context.locked_before_jwt(facts.lang, raw.bindings.get("sdk_family"));
        let mut fixes: Vec<Fix> =
            specs.into_iter().filter_map(|f| build_fix(f, &raw, src, facts, &renderer)).collect();
        if let Some((lock, min)) = blocked {
            self.hold_back_for_sdk(lock, min, &mut message, &mut fixes);
        }
        let labels: Vec<Label> = raw
            .bindings
            .labels
            .iter()
            .map(|l| Label { range: l.range.clone(), message: renderer.mask_note(&l.message) })
            .collect();
        let excerpt = excerpt(src, lines, secrets, &raw.range, &labels);
        Finding {
            rule: rule.id.clone(),
            severity: active.severity,
            path: display.to_path_buf(),
            location: display.to_path_buf(),
            range: raw.range.clone(),
            start: lines.position(raw.range.start),
            end: lines.position(raw.range.end),
            message,
            sdk: rule.sdk.as_ref().map(|t| renderer.render(t)),
            recommendation: recommendation.clone(),
            primary_label: renderer.render(&rule.label),
            labels,
            notes,
            fixes,
            snippet: dedent(&redact::redact_slice(
                src,
                window(src, lines.line_span(&raw.range), &raw.range),
                secrets,
            )),
            excerpt: Some(excerpt),
            fingerprint: String::new(),
            suppressed: raw.suppressed.clone(),
            baselined: false,
        }
    }

    /// An SDK locked below its first JWT login would make the rewrite fail at run time: the
    /// finding names both versions, and the rewrite is only shown unless the user accepts
    /// upgrading the SDK along with it.
    fn hold_back_for_sdk(&self, lock: &LockedSdk, min: &str, message: &mut String, fixes: &mut [Fix]) {
        let rewrites = |f: &Fix| f.flow == Flow::Jwt && f.applicability != Applicability::DisplayOnly;
        if !fixes.iter().any(rewrites) {
            return;
        }
        let (file, package, version) = (&lock.file, &lock.package, &lock.version);
        message.push_str(&format!(" ({file} locks {package} {version}; the JWT login needs >= {min})"));
        for fix in fixes.iter_mut().filter(|f| rewrites(f)) {
            if self.options.accept_sdk_upgrade {
                fix.title =
                    format!("{}, with {package} upgraded to >= {min} ({file} locks {version})", fix.title);
            } else {
                let mut title = fix.title.chars();
                let lowered: String =
                    title.next().map(|c| c.to_lowercase().chain(title).collect()).unwrap_or_default();
                fix.title = format!(
                    "Upgrade {package} to >= {min} first ({file} locks {version}), then {lowered}; --accept-sdk-upgrade applies it"
                );
                fix.applicability = Applicability::DisplayOnly;
            }
        }
    }
}

/// The rule's fixes whose `when` the bindings satisfy, the recommended flow's first. Request
/// input and code on the user's device get no JWT: not applied, not shown (a rewrite to
/// `login({ jwt: req.body.jwt })` would take the credential from the client), and `notes` says
/// why. A rule about a JWT login that is already there keeps its rewrite.
fn fix_specs<'r>(
    rule: &'r Rule,
    raw: &RawFinding<'_>,
    recommendation: &Recommendation,
    renderer: &Renderer<'_, '_>,
    notes: &mut Vec<String>,
) -> Vec<&'r FixSpec> {
    let mut specs: Vec<&FixSpec> = rule.fixes.iter().filter(|f| fix_applies(f, &raw.bindings)).collect();
    specs.sort_by_key(|f| f.flow != recommendation.flow);
    if let Some(why) = raw.verdict.as_ref().and_then(|v| v.decline_jwt.as_ref())
        && !rule.checks.iter().any(|c| crate::checks::keeps_jwt(c.name))
        && specs.iter().any(|f| f.flow == Flow::Jwt)
    {
        specs.retain(|f| f.flow != Flow::Jwt);
        notes.push(renderer.mask_note(why));
    }
    specs
}

/// One fix of a finding: its edits (the target's replacement, a JWT rewrite's other edits, the
/// import its code needs), its preview and its title; a rewrite that cannot build where it is
/// becomes display-only with the reason. `None` when the fix's target is not there.
fn build_fix(
    f: &FixSpec,
    raw: &RawFinding<'_>,
    src: &str,
    facts: &FileFacts<'_>,
    renderer: &Renderer<'_, '_>,
) -> Option<Fix> {
    let (root, lang) = (facts.root, facts.lang);
    let target = raw
        .bindings
        .range(&f.target)
        .or_else(|| raw.captures.iter().find(|(n, _)| *n == f.target).map(|(_, node)| node.byte_range()))?;
    let display_only = f.applicability == Applicability::DisplayOnly;
    let mut shown = renderer.render(&f.template);
    let replacement = if display_only { shown.clone() } else { renderer.render_with(&f.template, false) };
    let edit = Edit { range: target.clone(), replacement };
    let mut edits = vec![edit.clone()];
    let applies = f.flow == Flow::Jwt && !display_only;
    // Why the rewrite cannot build where it is (it is then shown, not applied).
    let mut declined: Option<String> = None;
    if applies {
        edits.extend(raw.bindings.jwt_edits.iter().cloned());
        declined = fit_interpolations(lang, root, src, &mut edits);
        if let Ok(Some(fitted)) = crate::rewrite::fit_interpolation(lang, root, src, &target, &shown) {
            shown = fitted;
        }
    }
    let code =
        if display_only { shown } else { preview(src, &facts.lines, &facts.secrets, &edits, &edit, &shown) };
    let (mut title, leftovers) = fix_title(f, raw, &target, src, facts);
    let mut applicability = f.applicability;
    // The import the new code needs, added once (identical edits of several fixes are applied
    // once), outside the preview: it sits far from the call.
    if applies && declined.is_none() {
        let replacements: Vec<&str> = edits.iter().map(|e| e.replacement.as_str()).collect();
        match crate::rewrite::needed_import(lang, src, &replacements) {
            Ok(Some(import)) => {
                title = format!("{title} (adds `{}`)", import.name);
                edits.push(import.edit);
            }
            Ok(None) => {}
            Err(why) => declined = Some(why),
        }
    }
    if let Some(why) = declined {
        applicability = Applicability::DisplayOnly;
        title = format!("{title} (not applied: {why})");
    }
    Some(Fix {
        title,
        leftovers,
        flow: f.flow,
        applicability,
        edits,
        code,
        note: f.note.as_ref().map(|t| renderer.render(t)),
    })
}

/// Fits each edit's replacement to the string it is written into (Python f-string quotes);
/// the last reason one cannot be, if any.
fn fit_interpolations(lang: Lang, root: Node<'_>, src: &str, edits: &mut [Edit]) -> Option<String> {
    let mut declined = None;
    for e in edits {
        match crate::rewrite::fit_interpolation(lang, root, src, &e.range, &e.replacement) {
            Ok(None) => {}
            Ok(Some(fitted)) => e.replacement = fitted,
            Err(why) => declined = Some(why),
        }
    }
    declined
}

/// The lines the edits touch, as they read after the fix (`shown` in place of the target's
/// `edit`), redacted: at most a window around the edits on a very long line (a 50 MB one-line
/// file must not be quoted whole), marked `…` where it cuts.
fn preview(
    src: &str,
    lines: &LineIndex<'_>,
    secrets: &[Range<usize>],
    edits: &[Edit],
    edit: &Edit,
    shown: &str,
) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let first = sorted.first().map_or(edit.range.start, |e| e.range.start);
    let last = sorted.iter().map(|e| e.range.end).max().unwrap_or(edit.range.end);
    let full = lines.line_span(&(first..last));
    let span = window(src, full.clone(), &(first..last));
    let mut code = String::new();
    if span.start > full.start {
        code.push('…');
    }
    let mut pos = span.start;
    for e in sorted {
        if e.range.start < pos || e.range.end > span.end.max(last) {
            continue;
        }
        code.push_str(&redact::redact_slice(src, pos..e.range.start, secrets));
        code.push_str(if e.range == edit.range { shown } else { &e.replacement });
        pos = e.range.end;
    }
    if pos < span.end {
        code.push_str(&redact::redact_slice(src, pos..span.end, secrets));
    }
    if span.end < full.end && !src[span.end..full.end].trim().is_empty() {
        code.push('…');
    }
    let code = dedent(code.trim_end_matches(['\n', '\r']));
    // A rewrite that only deletes lines shows that it does.
    if code.trim().is_empty() { "(the line is deleted)".to_owned() } else { code }
}

/// A fix's title with what the rewrite drops (a JWT rewrite: the ranges its check says it
/// drops; any other: its target), and the variables it may leave unused.
fn fix_title(
    f: &FixSpec,
    raw: &RawFinding<'_>,
    target: &Range<usize>,
    src: &str,
    facts: &FileFacts<'_>,
) -> (String, Vec<String>) {
    use crate::fix::title::annotate;
    let (root, lang, names) = (facts.root, facts.lang, &facts.names);
    match (&raw.bindings.jwt_dropped, raw.captures.first()) {
        _ if f.applicability == Applicability::DisplayOnly => (f.title.clone(), Vec::new()),
        (Some(dropped), Some(_)) if f.flow == Flow::Jwt => {
            annotate(&f.title, root, dropped, src, lang, names)
        }
        (_, Some(_)) => annotate(&f.title, root, std::slice::from_ref(target), src, lang, names),
        (_, None) => (f.title.clone(), Vec::new()),
    }
}

/// Longest span of source shown around a finding: minified code has megabyte lines.
const MAX_VIEW: usize = 2000;

/// `view` cut down to a window around `focus` when it is too long (on character boundaries).
pub(super) fn window(src: &str, view: Range<usize>, focus: &Range<usize>) -> Range<usize> {
    if view.len() <= MAX_VIEW {
        return view;
    }
    let mut start = focus.start.saturating_sub(200).max(view.start);
    let mut end = (focus.end + 200).min(view.end).max(start);
    if end - start > MAX_VIEW {
        end = start + MAX_VIEW;
    }
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    while end < src.len() && !src.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Findings in a notebook's decoded cells, pointed at the notebook file: lines become the file's
/// lines that hold the source strings, and rewrites are shown but not applied (their offsets are
/// offsets of the decoded cells, and the code sits in JSON strings).
pub(super) fn notebook_findings(findings: &mut [Finding], lines: &[usize]) {
    let map = |line: usize| lines.get(line.wrapping_sub(1)).map_or(line, |row| row + 1);
    for f in findings {
        f.start.line = map(f.start.line);
        f.end.line = map(f.end.line);
        if let Some(excerpt) = f.excerpt.as_mut() {
            excerpt.first_line = map(excerpt.first_line);
        }
        let mut shown = false;
        for fix in &mut f.fixes {
            shown |= fix.applicability != Applicability::DisplayOnly;
            fix.applicability = Applicability::DisplayOnly;
            fix.edits.clear();
        }
        if shown {
            f.notes.push(
                "Jupyter notebook: the cell's code is a JSON string, so the rewrite is shown, not applied; edit the cell in Jupyter"
                    .to_owned(),
            );
        }
    }
}

/// Moves every byte offset of the findings by `by` (the byte-order mark before the text).
pub(super) fn shift_offsets(findings: &mut [Finding], by: usize) {
    for f in findings {
        f.range = f.range.start + by..f.range.end + by;
        for l in &mut f.labels {
            l.range = l.range.start + by..l.range.end + by;
        }
        for fix in &mut f.fixes {
            for e in &mut fix.edits {
                e.range = e.range.start + by..e.range.end + by;
            }
        }
    }
}

/// The redacted lines covering a finding and its labels.
pub(super) fn excerpt(
    src: &str,
    lines: &LineIndex<'_>,
    secrets: &[Range<usize>],
    primary: &Range<usize>,
    labels: &[Label],
) -> Excerpt {
    let lo = labels.iter().map(|l| l.range.start).chain([primary.start]).min().unwrap_or(primary.start);
    let hi = labels.iter().map(|l| l.range.end).chain([primary.end]).max().unwrap_or(primary.end);
    let view = window(src, lines.line_span(&(lo..hi)), &(lo..hi));
    let local = redact::clip(secrets, &view);
    let redacted = redact::Redacted::new(&src[view.clone()], &local);
    let local_range = |r: &Range<usize>| {
        let r =
            r.start.clamp(view.start, view.end) - view.start..r.end.clamp(view.start, view.end) - view.start;
        redacted.map_range(&r)
    };
    Excerpt {
        first_line: lines.position(view.start).line,
        primary: local_range(primary),
        labels: labels.iter().map(|l| (local_range(&l.range), l.message.clone())).collect(),
        text: redacted.text,
    }
}

fn fix_applies(fix: &FixSpec, bindings: &Bindings) -> bool {
    fix.when.iter().all(|(var, values)| bindings.get(var).is_some_and(|v| values.iter().any(|x| x == v)))
}

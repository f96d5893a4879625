//! rustc-style diagnostics (codespan-reporting) with the suggested rewrites as code.

use std::fmt::Write as _;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use crate::finding::{Applicability, Finding, Severity};
use crate::model::{ScanResult, Stats};

/// One finding's excerpt as a codespan file whose line numbers are the real ones.
struct ExcerptFile<'a> {
    name: String,
    text: &'a str,
    first_line: usize,
    line_starts: Vec<usize>,
}

impl<'a> Files<'a> for ExcerptFile<'a> {
    type FileId = ();
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<String, FilesError> {
        Ok(self.name.clone())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_starts.partition_point(|&s| s <= byte_index).saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(self.first_line + line_index)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let start = *self
            .line_starts
            .get(line_index)
            .ok_or(FilesError::LineTooLarge { given: line_index, max: self.line_starts.len() - 1 })?;
        let end = self.line_starts.get(line_index + 1).copied().unwrap_or(self.text.len());
        Ok(start..end)
    }
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe fix",
        Applicability::Unsafe => "unsafe fix",
        Applicability::DisplayOnly => "guidance, not applied automatically",
    }
}

/// Longest line of a note or rewrite printed whole; longer ones are cut (a note quoting a line
/// of a minified or generated file must not print megabytes).
pub const MAX_NOTE_LINE: usize = 1000;

/// `text` with each line longer than [`MAX_NOTE_LINE`] bytes cut, saying how much was cut.
fn cut_long_lines(text: &str) -> String {
    if text.lines().all(|l| l.len() <= MAX_NOTE_LINE) {
        return text.to_owned();
    }
    text.split('\n')
        .map(|l| {
            if l.len() <= MAX_NOTE_LINE {
                return l.to_owned();
            }
            let mut end = MAX_NOTE_LINE;
            while !l.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}… ({} bytes cut)", &l[..end], l.len() - end)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn indent(code: &str, by: &str) -> String {
    code.lines()
        .map(|l| if l.is_empty() { String::new() } else { format!("{by}{l}") })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The codespan diagnostic of a finding (notes carry the recommendation and the rewrites).
fn diagnostic(f: &Finding) -> Diagnostic<()> {
    let mut notes = Vec::new();
    notes.push(format!(
        "recommended: {}: {}",
        f.recommendation.flow.title_for(&f.rule),
        f.recommendation.reason
    ));
    notes.extend(f.notes.iter().map(|n| format!("note: {n}")));
    for fix in &f.fixes {
        let mut text = format!(
            "help: {} ({}):\n{}",
            fix.title,
            applicability(fix.applicability),
            indent(&fix.code, "    ")
        );
        if let Some(note) = &fix.note {
            let _ = write!(text, "\n{note}");
        }
        notes.push(text);
    }
    let mut labels = Vec::new();
    if let Some(ex) = &f.excerpt {
        labels.push(Label::primary((), ex.primary.clone()).with_message(&f.primary_label));
        labels.extend(ex.labels.iter().map(|(r, m)| Label::secondary((), r.clone()).with_message(m)));
    }
    Diagnostic::new(severity(f.severity))
        .with_code(&f.rule)
        .with_message(cut_long_lines(&f.message))
        .with_labels(labels)
        .with_notes(notes.iter().map(|n| cut_long_lines(n)).collect())
}

/// Renders one finding.
#[must_use]
pub fn render_finding(f: &Finding, color: bool) -> String {
    let Some(ex) = &f.excerpt else {
        return format!(
            "{}:{}:{}: {} [{}]\n",
            f.location.display(),
            f.start.line,
            f.start.column,
            f.message,
            f.rule
        );
    };
    let mut line_starts = vec![0];
    line_starts.extend(ex.text.match_indices('\n').map(|(i, _)| i + 1));
    let file = ExcerptFile {
        name: f.location.display().to_string(),
        text: &ex.text,
        first_line: ex.first_line,
        line_starts,
    };
    let config = Config::default();
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    match term::emit_to_write_style(&mut buffer, &config, &file, &diagnostic(f)) {
        Ok(()) => String::from_utf8_lossy(buffer.as_slice()).into_owned(),
        Err(e) => format!(
            "{}:{}:{}: {} [{}] ({e})\n",
            f.location.display(),
            f.start.line,
            f.start.column,
            f.message,
            f.rule
        ),
    }
}

/// A skipped entry's path (relative to its scan root) as seen from the working directory, the
/// base of the findings' paths: `vendor` of a scan of `app` is `app/vendor`. With several roots
/// the root is not known, and the path stays as it is.
fn from_working_directory(path: &std::path::Path, roots: &[std::path::PathBuf]) -> std::path::PathBuf {
    match roots {
        [root] if root.is_dir() && !path.is_absolute() && path != root.as_path() => {
            let joined = root.join(path);
            joined.strip_prefix(".").map(std::path::Path::to_path_buf).unwrap_or(joined)
        }
        _ => path.to_path_buf(),
    }
}

/// Renders a whole scan: every finding, then a summary (unless `quiet`).
#[must_use]
pub fn render(result: &ScanResult, color: bool, quiet: bool) -> String {
    let mut out = String::new();
    for f in result.findings.iter().filter(|f| f.is_active()) {
        out.push_str(&render_finding(f, color));
    }
    if quiet {
        return out;
    }
    if !result.skipped.is_empty() {
        let _ = writeln!(out, "skipped {} file(s) or directories:", result.skipped.len());
        for s in result.skipped.iter().take(20) {
            let path = from_working_directory(&s.path, &result.roots);
            let _ = writeln!(out, "  {} ({}: {})", path.display(), s.reason.as_str(), s.detail);
        }
        if result.skipped.len() > 20 {
            let _ = writeln!(out, "  ... and {} more (see --format json)", result.skipped.len() - 20);
        }
    }
    let active: Vec<&Finding> = result.findings.iter().filter(|f| f.is_active()).collect();
    let count = |s| active.iter().filter(|f| f.severity == s).count();
    let files = active.iter().map(|f| &f.path).collect::<std::collections::BTreeSet<_>>().len();
    let suppressed = result.findings.iter().filter(|f| f.suppressed.is_some()).count();
    let baselined = result.findings.iter().filter(|f| f.suppressed.is_none() && f.baselined).count();
    if let Some(b) = &result.baseline
        && !b.stale.is_empty()
    {
        let entries = if b.stale.len() == 1 { "entry" } else { "entries" };
        if b.pruned {
            let _ = writeln!(
                out,
                "baseline: dropped {} stale {entries} (the finding or its file is gone):",
                b.stale.len()
            );
        } else {
            let _ = writeln!(
                out,
                "baseline: {} stale {entries} (the finding or its file is gone; --prune-baseline drops them):",
                b.stale.len()
            );
        }
        for e in b.stale.iter().take(20) {
            let _ = writeln!(out, "  {}:{} {} ({})", e.path.display(), e.line, e.rule, e.fingerprint);
        }
    }
    if active.is_empty() && suppressed + baselined > 0 {
        // Everything found is excused: say so, rather than that nothing was found.
        let _ = writeln!(
            out,
            "no new password-flow usage: {} finding(s) not reported ({baselined} in the baseline, {suppressed} suppressed by comments; {} files parsed)",
            suppressed + baselined,
            result.stats.counters.parsed
        );
    } else if active.is_empty() {
        let _ = writeln!(out, "no password-flow usage found ({} files parsed)", result.stats.counters.parsed);
    } else {
        if suppressed + baselined > 0 {
            let _ = writeln!(
                out,
                "not reported: {suppressed} suppressed by comments, {baselined} in the baseline"
            );
        }
        let _ = writeln!(
            out,
            "found {} password-flow finding(s) in {files} file(s): {} error(s), {} warning(s), {} info",
            active.len(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        );
    }
    out
}

/// The ruff-style hint about fixes the user did not ask for: `safe` findings have a fix that
/// `--fix` applies, `unsafe_only` findings one that needs `--unsafe-fixes` too. `fixing` says
/// whether `--fix` or `--diff` was given, `unsafe_fixes` whether `--unsafe-fixes` was.
#[must_use]
pub fn render_fix_hint(safe: usize, unsafe_only: usize, fixing: bool, unsafe_fixes: bool) -> String {
    let mut out = String::new();
    let s = |n: usize| if n == 1 { "" } else { "es" };
    if fixing {
        if !unsafe_fixes && unsafe_only > 0 {
            let _ = writeln!(out, "{unsafe_only} fix{} available with --unsafe-fixes", s(unsafe_only));
        }
        return out;
    }
    let (with_fix, hidden) = if unsafe_fixes { (safe + unsafe_only, 0) } else { (safe, unsafe_only) };
    if with_fix > 0 {
        let flags = if unsafe_fixes { "--fix --unsafe-fixes" } else { "--fix" };
        let _ = writeln!(out, "{with_fix} fix{} available with {flags} (--diff shows them)", s(with_fix));
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "{hidden} fix{} available with --fix --unsafe-fixes (--diff --unsafe-fixes shows them)",
            s(hidden)
        );
    }
    out
}

/// Renders `--stats`.
#[must_use]
pub fn render_stats(stats: &Stats) -> String {
    let mut out = String::from("pwflow stats\n");
    let _ = writeln!(out, "  files seen:        {}", stats.counters.files_seen);
    let _ = writeln!(out, "  files read:        {}", stats.counters.files_read);
    let skipped: usize = stats.counters.skipped.values().sum();
    let _ = writeln!(out, "  skipped:           {skipped}");
    for (reason, n) in &stats.counters.skipped {
        let _ = writeln!(out, "    {reason:<16} {n}");
    }
    let _ = writeln!(out, "  prefiltered out:   {}", stats.counters.prefiltered);
    let _ = writeln!(out, "  parsed:            {}", stats.counters.parsed);
    let _ = writeln!(out, "    {:<16} {}", "syntax errors", stats.counters.syntax_errors);
    let _ = writeln!(out, "  findings:          {}", stats.counters.findings);
    let _ = writeln!(out, "  time (ms; read/gate/parse/match summed over workers):");
    for key in ["walk", "read", "gate", "parse", "match", "total"] {
        if let Some(v) = stats.time_ms.get(key) {
            let _ = writeln!(out, "    {key:<6} {v:>10.2}");
        }
    }
    out
}

/// Renders what `--fix` did: files fixed, files left alone and why.
#[must_use]
pub fn render_fixes(reports: &[crate::model::FixReport]) -> String {
    use crate::model::FileFix;
    let mut out = String::new();
    let fixed: Vec<_> = reports
        .iter()
        .filter_map(|r| match &r.fix {
            FileFix::Fixed { applied, .. } => Some((r, *applied)),
            _ => None,
        })
        .collect();
    if !fixed.is_empty() {
        // A fix may take several edits (a login call and the body it builds): count both.
        let findings: usize = fixed.iter().map(|(r, _)| r.findings_fixed).sum();
        let edits: usize = fixed.iter().map(|(_, n)| n).sum();
        let _ = writeln!(out, "fixed {findings} finding(s) with {edits} edit(s) in {} file(s):", fixed.len());
        for (r, n) in &fixed {
            let _ = writeln!(out, "  {} ({} finding(s), {n} edit(s))", r.display.display(), r.findings_fixed);
            if let FileFix::Fixed { notes, .. } = &r.fix {
                for note in notes {
                    let _ = writeln!(out, "    note: {note}");
                }
            }
        }
    }
    for r in reports {
        if let FileFix::Refused(reason) = &r.fix {
            let _ = writeln!(out, "not fixed: {}: {reason}", r.display.display());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_list_each_figure_under_its_heading() {
        let stats = Stats {
            counters: crate::model::Counters {
                files_seen: 120,
                files_read: 100,
                skipped: [("binary".to_owned(), 3)].into_iter().collect(),
                prefiltered: 90,
                parsed: 7,
                syntax_errors: 12,
                findings: 4,
            },
            time_ms: [("walk".to_owned(), 1.5), ("parse".to_owned(), 12.25)].into_iter().collect(),
        };
        insta::assert_snapshot!(render_stats(&stats));
    }
}

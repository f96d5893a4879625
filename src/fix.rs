//! Applying fixes: the JWT rewrites, per file, from one snapshot of its bytes, never breaking
//! the file.
//!
//! For each file: read its bytes once; scan them; take the applicable edits (safe, plus unsafe
//! with `--unsafe-fixes`; never display-only), dropping any that overlap an earlier one; apply;
//! re-parse and roll back if the result has more syntax errors than the original; repeat until
//! nothing applies (at most [`MAX_PASSES`]). Then, unless `--diff`, check the file on disk still
//! holds the snapshot and replace it atomically (temporary file in the same directory, then a
//! rename) keeping its permissions. A UTF-8 BOM and CRLF line endings survive: edits only touch
//! the call they rewrite. Symbolic links are followed and the target is written.

use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::engine::{Engine, Outcome, Worker};
use crate::finding::{Applicability, Edit, Finding, Flow};
use crate::lang::Lang;

/// Passes before giving up on converging.
pub const MAX_PASSES: usize = 5;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy)]
pub struct FixMode {
    /// Also apply unsafe fixes.
    pub unsafe_fixes: bool,
    /// The flow whose rewrites apply (only JWT rewrites are ever applicable).
    pub flow: Flow,
    /// `--flow` was given: apply the JWT rewrite even where the file serves users. Without it,
    /// code that should move to the authorization-code flow is never rewritten to a JWT (a
    /// JWT credential must not end up in a browser bundle or a login form).
    pub flow_explicit: bool,
}

/// What fixing one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFix {
    /// Nothing applicable.
    Unchanged,
    /// Changed (written unless `--diff`).
    Fixed {
        /// The original text.
        before: String,
        /// The fixed text.
        after: String,
        /// Edits applied.
        applied: usize,
        /// Where the secrets are in `before` and `after`, masked when the change is shown.
        secrets: ChangeSecrets,
    },
    /// Left alone, with the reason.
    Refused(String),
}

/// Where the secrets of a change lie, as byte ranges of the text before and after it (empty
/// with `--show-secrets`): a diff masks them by position, so an unrelated text that happens to
/// equal a secret is left alone and a secret is masked whole, wherever its lines are cut.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSecrets {
    /// Secret ranges of the text before the change.
    pub before: Vec<Range<usize>>,
    /// Secret ranges of the text after it: the secrets of `before` that the edits left in place
    /// (moved by them), and those found in the new text.
    pub after: Vec<Range<usize>>,
}

/// Whether a fix may be applied in this mode.
#[must_use]
pub fn applicable(fix: &crate::finding::Fix, mode: FixMode) -> bool {
    fix.flow == mode.flow
        && match fix.applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => mode.unsafe_fixes,
            Applicability::DisplayOnly => false,
        }
}

/// The non-overlapping edits to apply, in order (the first finding wins an overlap).
#[must_use]
pub fn select_edits(findings: &[Finding], mode: FixMode) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        if !mode.flow_explicit && f.recommendation.flow != mode.flow {
            continue;
        }
        let Some(fix) = f.fixes.iter().find(|x| applicable(x, mode)) else { continue };
        let overlaps =
            |e: &Edit| edits.iter().any(|o| e.range.start < o.range.end && o.range.start < e.range.end);
        if fix.edits.iter().any(overlaps) {
            continue;
        }
        edits.extend(fix.edits.iter().cloned());
    }
    edits.sort_by_key(|e| e.range.start);
    edits
}

/// Applies sorted, non-overlapping edits.
#[must_use]
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        if e.range.start < pos || e.range.end > text.len() {
            continue;
        }
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.replacement);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

fn findings_of(
    engine: &Engine<'_>,
    path: &Path,
    display: &Path,
    lang: Lang,
    text: &str,
    worker: &mut Worker,
) -> Vec<Finding> {
    match engine.check_bytes(path, display, lang, text.as_bytes(), worker).outcome {
        Outcome::Scanned { findings, .. } => findings,
        _ => Vec::new(),
    }
}

/// Fixes a text in memory (the file's content after any BOM). Returns the new text and the
/// number of edits applied.
pub fn fix_text(
    engine: &Engine<'_>,
    path: &Path,
    display: &Path,
    lang: Lang,
    text: &str,
    mode: FixMode,
    worker: &mut Worker,
) -> (String, usize) {
    let (fixed, applied, _) = fix_text_tracking(engine, path, display, lang, text, mode, false, worker);
    (fixed, applied)
}

/// [`fix_text`], also telling where the secrets of the text are before and after the change
/// (nothing with `--show-secrets`).
pub fn fix_text_masked(
    engine: &Engine<'_>,
    path: &Path,
    display: &Path,
    lang: Lang,
    text: &str,
    mode: FixMode,
    worker: &mut Worker,
) -> (String, usize, ChangeSecrets) {
    fix_text_tracking(engine, path, display, lang, text, mode, true, worker)
}

/// [`fix_text`], following the secrets through the change when `track` (a diff will show it;
/// finding them costs a parse of the text before and after).
#[allow(clippy::too_many_arguments)] // reason: fix_text's arguments and one switch
fn fix_text_tracking(
    engine: &Engine<'_>,
    path: &Path,
    display: &Path,
    lang: Lang,
    text: &str,
    mode: FixMode,
    track: bool,
    worker: &mut Worker,
) -> (String, usize, ChangeSecrets) {
    let baseline_errors = engine.syntax_errors(lang, text, worker);
    let before = if track { engine.secret_ranges(lang, text, worker) } else { Vec::new() };
    // The original secrets, followed through every pass: a fix that kept a piece of one (it
    // must not, but a rule's template could) is still masked in the diff.
    let mut carried = before.clone();
    let mut current = text.to_owned();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let edits = select_edits(&findings_of(engine, path, display, lang, &current, worker), mode);
        if edits.is_empty() {
            break;
        }
        let next = apply_edits(&current, &edits);
        // A fix that adds a syntax error is rolled back: keep the text from before this pass.
        if engine.syntax_errors(lang, &next, worker) > baseline_errors {
            break;
        }
        applied += edits.len();
        if next == current {
            break;
        }
        carried = map_through_edits(&carried, &current, &edits);
        current = next;
    }
    if applied == 0 {
        return (current, 0, ChangeSecrets { after: before.clone(), before });
    }
    if track {
        carried.extend(engine.secret_ranges(lang, &current, worker));
    }
    let after = crate::redact::normalize(carried);
    (current, applied, ChangeSecrets { before, after })
}

/// The parts of `ranges` (of `text`) that `edits` (sorted; applied as [`apply_edits`] applies
/// them) leave in place, at their offsets in the edited text.
#[must_use]
pub fn map_through_edits(ranges: &[Range<usize>], text: &str, edits: &[Edit]) -> Vec<Range<usize>> {
    // The edits `apply_edits` really applies.
    let mut used: Vec<&Edit> = Vec::new();
    let mut pos = 0;
    for e in edits {
        if e.range.start < pos || e.range.end > text.len() {
            continue;
        }
        used.push(e);
        pos = e.range.end;
    }
    let delta = |e: &Edit| e.replacement.len() as isize - e.range.len() as isize;
    let shift_start =
        |o: usize| -> isize { used.iter().filter(|e| e.range.end <= o).map(|e| delta(e)).sum() };
    let shift_end = |o: usize| -> isize { used.iter().filter(|e| e.range.end < o).map(|e| delta(e)).sum() };
    let mut out = Vec::new();
    for r in ranges {
        // Cut the range where edits cover it (or, inserting, split it).
        let mut start = r.start;
        for e in used.iter().filter(|e| {
            let (es, ee) = (e.range.start, e.range.end);
            if es == ee { r.start < es && es < r.end } else { es < r.end && r.start < ee }
        }) {
            if e.range.start > start {
                out.push(start..e.range.start.min(r.end));
            }
            start = start.max(e.range.end);
        }
        if start < r.end {
            out.push(start..r.end);
        }
    }
    out.into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.start.saturating_add_signed(shift_start(p.start))..p.end.saturating_add_signed(shift_end(p.end))
        })
        .collect()
}

/// Fixes one file on disk (or only computes the change when `write` is false).
pub fn fix_file(
    engine: &Engine<'_>,
    path: &Path,
    display: &Path,
    lang: Lang,
    mode: FixMode,
    write: bool,
    worker: &mut Worker,
) -> FileFix {
    let target = match std::fs::canonicalize(path) {
        Ok(t) => t,
        Err(e) => return FileFix::Refused(format!("cannot resolve: {e}")),
    };
    let snapshot = match std::fs::read(&target) {
        Ok(b) => b,
        Err(e) => return FileFix::Refused(format!("cannot read: {e}")),
    };
    let Ok(text) = std::str::from_utf8(&snapshot) else {
        return FileFix::Refused("not valid UTF-8".to_owned());
    };
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    // Written files are not shown: their secrets need not be found.
    let (fixed, applied, secrets) =
        fix_text_tracking(engine, path, display, lang, body, mode, !write, worker);
    if applied == 0 || fixed == body {
        return FileFix::Unchanged;
    }
    let after = format!("{bom}{fixed}");
    if write && let Err(reason) = write_atomic(&target, &snapshot, after.as_bytes()) {
        return FileFix::Refused(reason);
    }
    // Offsets count from the start of the file, byte-order mark included.
    let shift =
        |v: Vec<Range<usize>>| v.into_iter().map(|r| r.start + bom.len()..r.end + bom.len()).collect();
    let secrets = ChangeSecrets { before: shift(secrets.before), after: shift(secrets.after) };
    FileFix::Fixed { before: text.to_owned(), after, applied, secrets }
}

/// Replaces `path`'s content with `new` if it still holds `expected`: a temporary file in the
/// same directory, with the original permissions, renamed over it. Read-only files are left
/// alone.
///
/// # Errors
/// The reason the file was left alone.
pub fn write_atomic(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), String> {
    write_atomic_with(path, expected, |file| file.write_all(new))
}

/// [`write_atomic`] with the content written by `write` (tests inject a failing writer: a full
/// disk must leave the original untouched and no temporary file behind).
///
/// # Errors
/// The reason the file was left alone.
pub fn write_atomic_with(
    path: &Path,
    expected: &[u8],
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot stat: {e}"))?;
    if meta.permissions().readonly() {
        return Err("read-only file, left alone".to_owned());
    }
    let current = std::fs::read(path).map_err(|e| format!("cannot re-read: {e}"))?;
    if current != expected {
        return Err("changed on disk since it was read, left alone".to_owned());
    }
    let dir = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    // Dropped without `persist` on any error below: the temporary file is removed.
    let mut tmp = tempfile::Builder::new()
        .prefix(".pwflow-fix-")
        .tempfile_in(&dir)
        .map_err(|e| format!("cannot create a temporary file next to it: {e}"))?;
    write(tmp.as_file_mut())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write: {e}"))?;
    std::fs::set_permissions(tmp.path(), meta.permissions())
        .map_err(|e| format!("cannot keep permissions: {e}"))?;
    tmp.persist(path).map_err(|e| format!("cannot replace the file: {}", e.error))?;
    Ok(())
}

/// A unified diff of one file's change with its secrets masked by position: each line is
/// masked where a secret range of its side (before for `-` and context lines, after for `+`)
/// crosses it. A diff that masked a line says so in a first line (`patch` and `git apply`
/// skip text before `---`): it does not apply as it is; `--show-secrets` gives one that does.
#[must_use]
pub fn unified_diff(display: &Path, before: &str, after: &str, secrets: &ChangeSecrets) -> String {
    use std::fmt::Write as _;
    let name = display.display().to_string();
    let diff = similar::TextDiff::from_lines(before, after);
    let starts = |text: &str| -> Vec<usize> {
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect()
    };
    let (old_starts, new_starts) = (starts(before), starts(after));
    let mut body = String::new();
    let mut masked_lines = 0usize;
    let mut udiff = diff.unified_diff();
    udiff.context_radius(3);
    for hunk in udiff.iter_hunks() {
        let _ = writeln!(body, "{}", hunk.header());
        for change in hunk.iter_changes() {
            let (sign, text, line_starts, ranges, index) = match change.tag() {
                similar::ChangeTag::Delete => ('-', before, &old_starts, &secrets.before, change.old_index()),
                similar::ChangeTag::Equal => (' ', before, &old_starts, &secrets.before, change.old_index()),
                similar::ChangeTag::Insert => ('+', after, &new_starts, &secrets.after, change.new_index()),
            };
            let value = change.value();
            let line = match index.and_then(|i| line_starts.get(i)) {
                Some(&start) if text.get(start..start + value.len()) == Some(value) => {
                    // The line break stays, even where a secret runs on to the next line.
                    let content = value.trim_end_matches(['\n', '\r']).len();
                    let local = crate::redact::clip(ranges, &(start..start + content));
                    if !local.is_empty() {
                        masked_lines += 1;
                    }
                    crate::redact::Redacted::new(value, &local).text
                }
                _ => value.to_owned(),
            };
            body.push(sign);
            body.push_str(&line);
            // As `similar` prints it: a line without its newline gets one, and the hint when
            // the texts otherwise end lines with newlines.
            if !line.ends_with('\n') {
                body.push('\n');
                if diff.newline_terminated() {
                    body.push_str("\\ No newline at end of file\n");
                }
            }
        }
    }
    if body.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    if masked_lines > 0 {
        let _ = writeln!(
            out,
            "# pwflow: {masked_lines} line(s) of this diff have secrets masked as ***: it does not apply as it is (--show-secrets gives one that does)"
        );
    }
    let _ = writeln!(out, "--- a/{name}\n+++ b/{name}");
    out.push_str(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_overlaps_are_skipped() {
        let edits = vec![
            Edit { range: 0..1, replacement: "A".into() },
            Edit { range: 2..3, replacement: "CC".into() },
        ];
        assert_eq!(apply_edits("abc", &edits), "AbCC");
    }

    #[test]
    fn a_failing_writer_leaves_the_file_and_no_temporary_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.php");
        std::fs::write(&path, "old").expect("write");
        let err = write_atomic_with(&path, b"old", |f| {
            f.write_all(b"partial")?;
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full"))
        })
        .expect_err("the write fails");
        assert!(err.contains("disk full"), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, [std::ffi::OsString::from("a.php")], "no temporary file is left");
    }

    #[test]
    fn atomic_write_refuses_changed_and_readonly_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.php");
        std::fs::write(&path, "old").expect("write");
        assert!(write_atomic(&path, b"other", b"new").is_err_and(|e| e.contains("changed on disk")));
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        write_atomic(&path, b"old", b"new").expect("writes");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        let mut perms = std::fs::metadata(&path).expect("meta").permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).expect("chmod");
        // root ignores read-only bits when writing, so pwflow checks them itself.
        assert!(write_atomic(&path, b"new", b"newer").is_err_and(|e| e.contains("read-only")));
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // reason: lists of ranges, one range long
    fn secrets_follow_the_edits_that_leave_them() {
        let text = "a=SECRET;b=KEEP";
        // The edit before the secret shifts it; an edit through it keeps only what it left.
        let edits = vec![Edit { range: 0..1, replacement: "xyz".into() }];
        assert_eq!(map_through_edits(&[2..8], text, &edits), vec![4..10]);
        let edits = vec![Edit { range: 2..5, replacement: "R".into() }];
        assert_eq!(map_through_edits(&[2..8], text, &edits), vec![3..6]);
        let edits = vec![Edit { range: 4..4, replacement: "++".into() }];
        assert_eq!(map_through_edits(&[2..8], text, &edits), vec![2..4, 6..10]);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // reason: lists of ranges, one range long
    fn diffs_mask_by_position_and_say_so() {
        let before = "x = 'Tr0ub4dor&3'\ny = '4dor&3'\nlogin(x)\n";
        let after = "x = 'Tr0ub4dor&3'\ny = '4dor&3'\nlogin(jwt)\n";
        let secrets = ChangeSecrets { before: vec![5..16], after: vec![5..16] };
        let diff = unified_diff(Path::new("a.py"), before, after, &secrets);
        assert!(diff.starts_with("# pwflow: 1 line(s) of this diff have secrets masked"), "{diff}");
        assert!(diff.contains(" x = '***'\n"), "{diff}");
        // An unrelated text equal to a piece of the secret is not a secret.
        assert!(diff.contains(" y = '4dor&3'\n"), "{diff}");
        assert!(!diff.contains("Tr0ub"), "{diff}");
        let plain = unified_diff(Path::new("a.py"), before, after, &ChangeSecrets::default());
        assert!(plain.starts_with("--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n"), "{plain}");
        assert_eq!(
            plain,
            similar::TextDiff::from_lines(before, after)
                .unified_diff()
                .context_radius(3)
                .header("a/a.py", "b/a.py")
                .to_string()
        );
    }
}

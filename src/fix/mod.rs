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
use crate::model::{ChangeSecrets, FileFix};

pub mod title;

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
        // An edit another fix already makes (the import both rewrites need) is made once.
        let new: Vec<&Edit> = fix.edits.iter().filter(|e| !edits.contains(e)).collect();
        let overlaps = |e: &&Edit| {
            edits.iter().any(|o| {
                (e.range.start < o.range.end && o.range.start < e.range.end)
                    || (e.range.is_empty() && e.range == o.range)
            })
        };
        if new.iter().any(overlaps) {
            continue;
        }
        edits.extend(new.into_iter().cloned());
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
///
/// A large file ([`crate::engine::parses_partially`]) is checked only around its edits: each
/// pass compares the syntax errors of the windows around the edits before and after (the text
/// outside the edits is the same), and the secrets are looked for around the lines a diff
/// shows (the edits and three lines each side), where a whole-file parse per check made
/// `--diff` on a 3.8 MB PHP file take 9 s and 680 MB.
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
    let partial = crate::engine::parses_partially(lang, text.len());
    let baseline_errors = if partial { 0 } else { engine.syntax_errors(lang, text, worker) };
    // The edits each pass applied, in the coordinates of the text it edited.
    let mut passes: Vec<Vec<Edit>> = Vec::new();
    let mut current = text.to_owned();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let edits = used_edits(
            &current,
            &select_edits(&findings_of(engine, path, display, lang, &current, worker), mode),
        );
        if edits.is_empty() {
            break;
        }
        let next = apply_edits(&current, &edits);
        // A fix that adds a syntax error is rolled back: keep the text from before this pass.
        let breaks = if partial {
            let before: Vec<Range<usize>> = edits.iter().map(|e| e.range.clone()).collect();
            let errors_before = engine.syntax_errors_near(lang, &current, &before, worker);
            engine.syntax_errors_near(lang, &next, &after_ranges(&edits), worker) > errors_before
        } else {
            engine.syntax_errors(lang, &next, worker) > baseline_errors
        };
        if breaks {
            break;
        }
        applied += edits.len();
        if next == current {
            break;
        }
        passes.push(edits);
        current = next;
    }
    if !track {
        return (current, applied, ChangeSecrets::default());
    }
    // Where a diff of the change looks: everywhere, or, in a large file, the lines around the
    // edits (in the text before and in the text after).
    let (near_before, near_after) = if partial {
        let mut before = Vec::new();
        let mut after = Vec::new();
        for (i, edits) in passes.iter().enumerate() {
            for (e, a) in edits.iter().zip(after_ranges(edits)) {
                let back = passes[..i].iter().rev().fold(e.range.clone(), |r, p| unmap_range(&r, p));
                before.push(diff_lines(text, &back));
                let ahead = passes[i + 1..].iter().fold(a, |r, p| map_range(&r, p));
                after.push(diff_lines(&current, &ahead));
            }
        }
        before.sort_by_key(|r| r.start);
        after.sort_by_key(|r| r.start);
        (before, after)
    } else {
        (Vec::new(), Vec::new())
    };
    let before = engine.secret_ranges_near(lang, text, &near_before, worker);
    if applied == 0 {
        return (current, 0, ChangeSecrets { after: before.clone(), before });
    }
    // The original secrets, followed through every pass: a fix that kept a piece of one (it
    // must not, but a rule's template could) is still masked in the diff.
    let mut carried = before.clone();
    let mut edited = text.to_owned();
    for edits in &passes {
        carried = map_through_edits(&carried, &edited, edits);
        edited = apply_edits(&edited, edits);
    }
    carried.extend(engine.secret_ranges_near(lang, &current, &near_after, worker));
    let after = crate::redact::normalize(carried);
    (current, applied, ChangeSecrets { before, after })
}

/// The edits of a sorted list that [`apply_edits`] applies (overlapping or out-of-bounds ones
/// are left out).
fn used_edits(text: &str, edits: &[Edit]) -> Vec<Edit> {
    let mut used = Vec::with_capacity(edits.len());
    let mut pos = 0;
    for e in edits {
        if e.range.start < pos || e.range.end > text.len() {
            continue;
        }
        pos = e.range.end;
        used.push(e.clone());
    }
    used
}

/// Where applied edits' replacements lie in the edited text.
fn after_ranges(edits: &[Edit]) -> Vec<Range<usize>> {
    let mut delta = 0isize;
    edits
        .iter()
        .map(|e| {
            let start = e.range.start.saturating_add_signed(delta);
            delta += e.replacement.len() as isize - e.range.len() as isize;
            start..start + e.replacement.len()
        })
        .collect()
}

/// A range of the text before `edits` in the text after them (an end inside an edit moves to
/// the end of its replacement, a start inside one to its start).
fn map_range(r: &Range<usize>, edits: &[Edit]) -> Range<usize> {
    let map = |pos: usize, is_end: bool| {
        let mut delta = 0isize;
        for (e, a) in edits.iter().zip(after_ranges(edits)) {
            if pos < e.range.start || (pos == e.range.start && !is_end) {
                break;
            }
            if pos < e.range.end || (is_end && pos == e.range.end) {
                return if is_end { a.end } else { a.start };
            }
            delta += e.replacement.len() as isize - e.range.len() as isize;
        }
        pos.saturating_add_signed(delta)
    };
    map(r.start, false)..map(r.end, true)
}

/// A range of the text after `edits` in the text before them (the inverse of [`map_range`]).
fn unmap_range(r: &Range<usize>, edits: &[Edit]) -> Range<usize> {
    let unmap = |pos: usize, is_end: bool| {
        let mut delta = 0isize;
        for (e, a) in edits.iter().zip(after_ranges(edits)) {
            if pos < a.start || (pos == a.start && !is_end) {
                break;
            }
            if pos < a.end || (is_end && pos == a.end) {
                return if is_end { e.range.end } else { e.range.start };
            }
            delta += e.replacement.len() as isize - e.range.len() as isize;
        }
        pos.saturating_add_signed(-delta)
    };
    unmap(r.start, false)..unmap(r.end, true)
}

/// `r` widened to whole lines and three more on each side (a unified diff's context).
fn diff_lines(text: &str, r: &Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut start = r.start.min(bytes.len());
    for _ in 0..4 {
        match memchr::memrchr(b'\n', &bytes[..start]) {
            Some(i) => start = i,
            None => {
                start = 0;
                break;
            }
        }
    }
    if start > 0 {
        start += 1;
    }
    let mut end = r.end.min(bytes.len());
    for _ in 0..4 {
        match memchr::memchr(b'\n', &bytes[end..]) {
            Some(i) => end += i + 1,
            None => {
                end = bytes.len();
                break;
            }
        }
    }
    start..end
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
    let snapshot = match crate::bounded::read_file(&target, engine.max_filesize()) {
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
    let notes = if write {
        match write_atomic(&target, &snapshot, after.as_bytes()) {
            Ok(notes) => notes,
            Err(reason) => return FileFix::Refused(reason),
        }
    } else {
        Vec::new()
    };
    // Offsets count from the start of the file, byte-order mark included.
    let shift =
        |v: Vec<Range<usize>>| v.into_iter().map(|r| r.start + bom.len()..r.end + bom.len()).collect();
    let secrets = ChangeSecrets { before: shift(secrets.before), after: shift(secrets.after) };
    FileFix::Fixed { before: text.to_owned(), after, applied, secrets, notes }
}

/// Name prefix of the temporary files `--fix` writes next to the files it fixes. A run killed
/// with SIGKILL (or a power cut) can leave one behind: the walk never scans them, and
/// `--fix` removes those it finds (see [`crate::walk`]).
pub const TEMP_PREFIX: &str = ".pwflow-fix-";

/// Temporary files being written now: SIGINT, SIGTERM and SIGHUP remove them before the
/// process exits. Created and renamed under this lock, so the handler (which takes it and
/// never gives it back) sees each one either before its rename (removed: the file keeps its old
/// text) or after (gone: the file has its new text), never half-way.
static LIVE_TEMPS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn live_temps() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE_TEMPS.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Installs the handler that removes live temporary files on SIGINT, SIGTERM or SIGHUP and then
/// exits with 130. Called once, before `--fix` writes anything; a second call does nothing.
///
/// # Errors
/// The handler cannot be installed (another one is set).
pub fn install_interrupt_cleanup() -> Result<(), String> {
    static INSTALLED: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            ctrlc::set_handler(|| {
                // Taken for good: no worker creates or renames a temporary file after this.
                let temps = live_temps();
                for t in temps.iter() {
                    let _ = std::fs::remove_file(t);
                }
                let mut err = std::io::stderr().lock();
                let _ = writeln!(
                    err,
                    "pwflow: interrupted: removed {} temporary file(s); each file holds its old or its fixed text",
                    temps.len()
                );
                std::process::exit(130);
            })
            .map_err(|e| format!("cannot install the interrupt handler: {e}"))
        })
        .clone()
}

/// A live temporary file's entry in [`LIVE_TEMPS`], dropped (unregistered) with it.
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        live_temps().retain(|p| p != &self.0);
    }
}

/// Test hook: `PWFLOW_TEST_FIX_PAUSE_MS=N` makes each write wait N ms between writing its
/// temporary file and renaming it, so the interrupt tests (tests/fixing.rs) can deliver a
/// signal while temporary files exist. Only the tests set it; it changes no output.
fn test_pause() {
    static PAUSE: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    let pause =
        *PAUSE.get_or_init(|| std::env::var("PWFLOW_TEST_FIX_PAUSE_MS").ok().and_then(|v| v.parse().ok()));
    if let Some(ms) = pause {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Replaces `path`'s content with `new` if it still holds `expected`: a temporary file in the
/// same directory, with the original permissions (and owner, when the process may set it),
/// renamed over it. Read-only files are left alone. Returns notes for the user: a hard-linked
/// file is replaced under this name only (the rename keeps the write atomic; writing in place
/// would keep the link but a kill mid-write would leave a broken file), and an owner that could
/// not be kept.
///
/// # Errors
/// The reason the file was left alone.
pub fn write_atomic(path: &Path, expected: &[u8], new: &[u8]) -> Result<Vec<String>, String> {
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
) -> Result<Vec<String>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot stat: {e}"))?;
    if meta.permissions().readonly() {
        return Err("read-only file, left alone".to_owned());
    }
    if !meta.is_file() {
        return Err("not a regular file, left alone".to_owned());
    }
    // Read no more than the snapshot's length plus one: a file that grew has changed.
    let current = match crate::bounded::read_file(path, expected.len() as u64) {
        Ok(bytes) => bytes,
        Err(crate::bounded::ReadError::TooLarge { .. }) => Vec::new(),
        Err(e) => return Err(format!("cannot re-read: {e}")),
    };
    if current != expected {
        return Err("changed on disk since it was read, left alone".to_owned());
    }
    let dir = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    // Dropped without `persist` on any error below: the temporary file is removed, then its
    // entry (locals drop in reverse order), so the handler never misses a file that exists.
    let (registered, mut tmp) = {
        let mut live = live_temps();
        let tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(&dir)
            .map_err(|e| format!("cannot create a temporary file next to it: {e}"))?;
        live.push(tmp.path().to_path_buf());
        (Registered(tmp.path().to_path_buf()), tmp)
    };
    write(tmp.as_file_mut())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write: {e}"))?;
    let mut notes = keep_owner(tmp.as_file(), &meta);
    // After the owner: changing it clears set-user-ID and set-group-ID bits.
    std::fs::set_permissions(tmp.path(), meta.permissions())
        .map_err(|e| format!("cannot keep permissions: {e}"))?;
    test_pause();
    {
        let _live = live_temps();
        tmp.persist(path).map_err(|e| format!("cannot replace the file: {}", e.error))?;
    }
    drop(registered);
    notes.extend(link_note(&meta));
    Ok(notes)
}

/// Gives the new file the old one's owner and group; a note when the process may not.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, meta: &std::fs::Metadata) -> Vec<String> {
    use std::os::unix::fs::MetadataExt as _;
    let Ok(now) = file.metadata() else { return Vec::new() };
    if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
        return Vec::new();
    }
    if std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_ok() {
        return Vec::new();
    }
    // Not root: the group alone may still be kept (when the process belongs to it).
    let group_kept = std::os::unix::fs::fchown(file, None, Some(meta.gid())).is_ok();
    let what = if group_kept || now.gid() == meta.gid() { "owner" } else { "owner and group" };
    vec![format!(
        "its {what} could not be kept (uid {} gid {} before; the fixed file belongs to this user)",
        meta.uid(),
        meta.gid()
    )]
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _meta: &std::fs::Metadata) -> Vec<String> {
    Vec::new()
}

/// The note for a file with other hard links: the rename gave this name a new file.
#[cfg(unix)]
fn link_note(meta: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::MetadataExt as _;
    let others = meta.nlink().saturating_sub(1);
    (others > 0).then(|| {
        format!(
            "it had {others} other hard link(s): they keep the old text (the fix replaced this name only)"
        )
    })
}

#[cfg(not(unix))]
fn link_note(_meta: &std::fs::Metadata) -> Option<String> {
    None
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
        assert_eq!(write_atomic(&path, b"old", b"new"), Ok(Vec::new()));
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

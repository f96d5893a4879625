//! The scan itself: files from the walk (or the git index), scanned in parallel on rayon workers,
//! reduced into sorted findings, skipped files and stats.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use ignore::gitignore::Gitignore;
use rayon::prelude::*;

use crate::engine::{Engine, EngineOptions, Outcome, StageTimes, Worker};
use crate::finding::{Finding, SkipReason, Skipped};
use crate::lang::Lang;
use crate::model::{ActiveRule, FileFix, FixReport, ScanResult, Scanned, Stats};
use crate::prefilter::Candidates;
use crate::project::ProjectContext;
use crate::util::{display_path, display_path_under};
use crate::walk::{self, WalkOptions, hostile_ignore_file};

/// How to scan.
#[derive(Clone)]
pub struct ScanOptions {
    /// Roots (files or directories).
    pub paths: Vec<PathBuf>,
    /// Worker threads.
    pub threads: usize,
    /// Also scan ignored, vendored and minified files.
    pub no_ignore: bool,
    /// Follow symbolic links.
    pub follow: bool,
    /// Size cap per file.
    pub max_filesize: u64,
    /// Remove stale `.pwflow-fix-*` temporary files met by the walk (`--fix`).
    pub remove_stale_temps: bool,
    /// Paths never scanned (config `exclude`), also when given on the command line.
    pub exclude: Option<Gitignore>,
    /// What one file produces.
    pub engine: EngineOptions,
}

impl ScanOptions {
    fn excluded(&self, path: &Path, is_dir: bool) -> bool {
        let Some(gi) = &self.exclude else { return false };
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let abs = normalize(&abs);
        abs.starts_with(gi.path()) && gi.matched_path_or_any_parents(&abs, is_dir).is_ignore()
    }
}

/// Removes `.` and resolves `..` components lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The canonical path when it exists (git reports real paths), else the lexical absolute one.
fn real_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())))
}

/// One file to scan: on disk, or a staged blob.
struct Input<'a> {
    /// Where the file is (for project context and for opening it).
    path: PathBuf,
    /// Path relative to the scan root.
    display: PathBuf,
    lang: Lang,
    /// Staged content; `None` reads the file from disk.
    content: Option<&'a [u8]>,
}

struct Acc {
    findings: Vec<Finding>,
    skipped: Vec<Skipped>,
    stats: Stats,
    times: StageTimes,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            findings: Vec::new(),
            skipped: Vec::new(),
            stats: Stats::default(),
            times: StageTimes::default(),
        }
    }

    fn merge(mut self, other: Acc) -> Acc {
        self.findings.extend(other.findings);
        self.skipped.extend(other.skipped);
        self.stats.counters.files_read += other.stats.counters.files_read;
        self.stats.counters.prefiltered += other.stats.counters.prefiltered;
        self.stats.counters.parsed += other.stats.counters.parsed;
        self.stats.counters.syntax_errors += other.stats.counters.syntax_errors;
        self.times += other.times;
        self
    }
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

/// Runs the engine over `inputs` in two passes: the literal gate over every file, then, once the
/// queries the candidate files need are compiled (on every worker at once), the full scan of the
/// candidates. Compiling queries costs more than scanning a handful of files, so a pre-commit run
/// would otherwise wait for one worker to compile them one by one; on a large tree the second
/// pass re-reads only the few files that passed the gate.
fn run_engine(engine: &Engine<'_>, threads: usize, inputs: &[Input<'_>]) -> Result<Acc> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    Ok(pool.install(|| {
        let (gated, candidates) = inputs
            .par_iter()
            .enumerate()
            .map_init(Worker::default, |worker, (index, input)| {
                let (gate, times) =
                    engine.gate_file(&input.path, &input.display, input.lang, input.content, worker);
                let mut acc = Acc::new();
                acc.times = times;
                acc.stats.counters.files_read = 1;
                let mut candidates = Vec::new();
                match gate {
                    Ok(rules) => candidates.push((index, rules)),
                    Err(outcome) => record(&mut acc, input, outcome),
                }
                (acc, candidates)
            })
            .reduce(
                || (Acc::new(), Vec::new()),
                |(a, mut ca), (b, cb)| {
                    ca.extend(cb);
                    (a.merge(b), ca)
                },
            );
        engine.prepare_queries(candidates.iter().map(|&(index, rules)| (inputs[index].lang, rules)));
        let scanned = candidates
            .par_iter()
            .map_init(Worker::default, |worker, &(index, _)| {
                let input = &inputs[index];
                let report = match input.content {
                    Some(bytes) => engine.check_bytes(&input.path, &input.display, input.lang, bytes, worker),
                    None => engine.check_path(&input.path, &input.display, input.lang, worker),
                };
                let mut acc = Acc::new();
                acc.times = report.times;
                record(&mut acc, input, report.outcome);
                acc
            })
            .reduce(Acc::new, Acc::merge);
        gated.merge(scanned)
    }))
}

/// Counts one file's outcome into `acc`.
fn record(acc: &mut Acc, input: &Input<'_>, outcome: Outcome) {
    match outcome {
        Outcome::Prefiltered => acc.stats.counters.prefiltered += 1,
        Outcome::Scanned { mut findings, syntax_errors } => {
            acc.stats.counters.parsed += 1;
            acc.stats.counters.syntax_errors += usize::from(syntax_errors);
            let location = input.path.strip_prefix(".").unwrap_or(&input.path);
            for f in &mut findings {
                f.location = location.to_path_buf();
            }
            acc.findings.extend(findings);
        }
        Outcome::Skipped(s) => acc.skipped.push(s),
    }
}

fn finish(
    roots: Vec<PathBuf>,
    acc: Acc,
    scanned: Scanned,
    walk_skipped: Vec<Skipped>,
    seen: usize,
    walk_time: Duration,
    started: Instant,
) -> ScanResult {
    let mut findings = acc.findings;
    findings.sort_by(|a, b| (&a.path, a.range.start, &a.rule).cmp(&(&b.path, b.range.start, &b.rule)));
    let mut skipped: Vec<Skipped> = walk_skipped
        .into_iter()
        .map(|mut s| {
            if let Some(root) = roots.iter().find(|r| s.path.starts_with(r)) {
                s.path = display_path(&s.path, root);
            }
            s
        })
        .chain(acc.skipped)
        .collect();
    skipped.sort();
    let mut stats = acc.stats;
    stats.counters.files_seen = seen;
    stats.counters.findings = findings.len();
    for s in &skipped {
        *stats.counters.skipped.entry(s.reason.as_str().to_owned()).or_default() += 1;
    }
    for (key, value) in [
        ("walk", walk_time),
        ("read", acc.times.read),
        ("gate", acc.times.gate),
        ("parse", acc.times.parse),
        ("match", acc.times.matching),
        ("total", started.elapsed()),
    ] {
        stats.time_ms.insert(key.to_owned(), ms(value));
    }
    ScanResult { roots, findings, skipped, stats, scanned, baseline: None }
}

/// Scans the given roots on disk.
///
/// # Errors
/// A root that does not exist; worker threads that cannot start.
pub fn scan(opts: ScanOptions, rules: Vec<ActiveRule<'_>>) -> Result<ScanResult> {
    let started = Instant::now();
    for root in &opts.paths {
        if std::fs::symlink_metadata(root).is_err() {
            bail!("{}: no such file or directory", root.display());
        }
        // Named on purpose: a FIFO or a device is refused aloud (reading one would block or
        // never end), where one met in a walk is listed as skipped.
        if std::fs::metadata(root).is_ok_and(|m| !m.is_dir() && !m.is_file()) {
            bail!("{}: not a regular file or directory (FIFO, socket or device): refused", root.display());
        }
        // The walk reads the ignore files of a root and of the directories above it before any
        // filter runs; below the root, a directory with a hostile one is skipped instead.
        if !opts.no_ignore {
            let abs = std::path::absolute(root).unwrap_or_else(|_| root.clone());
            let dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
            for d in dir.into_iter().flat_map(Path::ancestors) {
                if let Some(why) = hostile_ignore_file(d) {
                    bail!("{}: {why}; refused (remove it, or pass --no-ignore)", d.display());
                }
            }
        }
    }
    let walk_opts = WalkOptions {
        no_ignore: opts.no_ignore,
        follow: opts.follow,
        threads: opts.threads,
        max_filesize: opts.max_filesize,
        remove_stale_temps: opts.remove_stale_temps,
    };
    // The walk hands each file to the literal gate as it finds it; only the candidates (a few
    // hundred on a large tree) are kept, so memory does not grow with the number of files. The
    // project's manifests are known once the walk is over, before anything is parsed.
    // Manifests above the roots are probed meanwhile on a thread of their own: a directory at a
    // time, a dozen names each, up to the repository or file-system root; for twenty files named
    // on the command line outside a repository that was 1.6 ms of a 20 ms run, with the other
    // core idle while the engine is built.
    let gathered = Mutex::new(Gathered::default());
    let roots_are_dirs: Vec<bool> = opts.paths.iter().map(|p| p.is_dir()).collect();
    let roots_are_dirs = &roots_are_dirs;
    let (mut engine, walked, ancestors) = std::thread::scope(|scope| -> Result<_> {
        let ancestors = scope.spawn(|| ProjectContext::ancestor_markers(&opts.paths));
        let engine = Engine::new(rules, opts.engine.clone(), ProjectContext::default())?;
        let walked = {
            let engine = &engine;
            let opts = &opts;
            let gathered = &gathered;
            walk::walk_with(&opts.paths, &walk_opts, &move |file| {
                if !engine.wants(file.lang) || (opts.exclude.is_some() && opts.excluded(&file.path, false)) {
                    return;
                }
                let display =
                    display_path_under(&file.path, &opts.paths[file.root], roots_are_dirs[file.root]);
                let (gate, times) = GATE_WORKER.with_borrow_mut(|worker| {
                    engine.gate_file(&file.path, &display, file.lang, None, worker)
                });
                let mut g = gathered.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                g.acc.times += times;
                // Too large to read: skipped as if the walk had (not read, not scanned, so
                // baseline entries for it are not taken as fixed).
                if !matches!(&gate, Err(Outcome::Skipped(s)) if s.reason == SkipReason::TooLarge) {
                    g.acc.stats.counters.files_read += 1;
                    g.scanned.insert(&display);
                }
                let input = Input { path: file.path, display, lang: file.lang, content: None };
                match gate {
                    Ok(rules) => g.candidates.push((input, rules)),
                    Err(outcome) => record(&mut g.acc, &input, outcome),
                }
            })
        };
        let ancestors = ancestors.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok((engine, walked, ancestors))
    })?;
    let Gathered { acc: gated, candidates, scanned } =
        gathered.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut walk_skipped = walked.skipped;
    if opts.exclude.is_some() {
        walk_skipped.retain(|s| !opts.excluded(&s.path, s.reason == SkipReason::Vendored));
    }
    let mut markers = walked.markers.clone();
    markers.extend(ancestors);
    engine.set_project(ProjectContext::from_markers(markers.iter().map(PathBuf::as_path)));
    let walk_time = started.elapsed();
    // Largest first, then by path (deterministic; findings are sorted at the end anyway), and
    // handed out one file at a time (`with_max_len(1)` below): the longest tasks start first,
    // which balances the workers, and two copies of one large file are not parsed side by side
    // by the two halves of a path-sorted list (in path order, a tree holding the same project
    // twice had both workers build the same big syntax trees at once: peak RSS 1.25x on a
    // corpus twice as large; now 1.04x).
    let mut sized: Vec<(u64, (Input<'_>, Candidates))> =
        candidates.into_iter().map(|c| (std::fs::metadata(&c.0.path).map_or(0, |m| m.len()), c)).collect();
    sized.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0).then_with(|| a.1.0.path.as_os_str().cmp(b.1.0.path.as_os_str()))
    });
    let acc = scan_candidates(&engine, opts.threads, &sized)?;
    Ok(finish(opts.paths, gated.merge(acc), scanned, walk_skipped, walked.seen, walk_time, started))
}

/// What the walk keeps: counts and outcomes of the files gated out, and the candidates.
#[derive(Default)]
struct Gathered<'a> {
    acc: Acc,
    candidates: Vec<(Input<'a>, Candidates)>,
    scanned: Scanned,
}

impl Default for Acc {
    fn default() -> Acc {
        Acc::new()
    }
}

thread_local! {
    /// The gate's worker (read buffer) on each walker thread.
    static GATE_WORKER: std::cell::RefCell<Worker> = std::cell::RefCell::new(Worker::default());
}

/// Compiles the queries the candidates need (on every worker at once), then scans them.
fn scan_candidates(
    engine: &Engine<'_>,
    threads: usize,
    candidates: &[(u64, (Input<'_>, Candidates))],
) -> Result<Acc> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    Ok(pool.install(|| {
        engine.prepare_queries(candidates.iter().map(|(_, (input, rules))| (input.lang, *rules)));
        candidates
            .par_iter()
            .with_max_len(1)
            .map_init(Worker::default, |worker, (_, (input, _))| {
                let report = engine.check_path(&input.path, &input.display, input.lang, worker);
                let mut acc = Acc::new();
                acc.times = report.times;
                record(&mut acc, input, report.outcome);
                acc
            })
            .reduce(Acc::new, Acc::merge)
    }))
}

/// Scans what is staged in the git index (not the working tree), limited to the given paths.
/// Paths in findings are relative to the repository top.
///
/// # Errors
/// Not a git repository; git failures.
pub fn scan_staged(opts: ScanOptions, rules: Vec<ActiveRule<'_>>) -> Result<ScanResult> {
    let started = Instant::now();
    let here = opts.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let here_dir = if here.is_dir() {
        here.clone()
    } else {
        here.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let top = crate::git::toplevel(&here_dir)?;
    let staged = crate::git::staged_files(&top, opts.max_filesize)?;
    let scopes: Vec<PathBuf> = opts.paths.iter().map(|p| real_path(p)).collect();
    let top_abs = normalize(&top);
    let mut skipped = Vec::new();
    let mut inputs = Vec::new();
    let mut seen = 0;
    for file in &staged {
        let abs = top_abs.join(&file.path);
        if !scopes.iter().any(|s| abs.starts_with(s)) || opts.excluded(&abs, false) {
            continue;
        }
        seen += 1;
        let Some(lang) = Lang::from_path(&file.path) else { continue };
        if !opts.no_ignore
            && file.path.components().any(|c| crate::project::vendored::is_vendored_dir(c.as_os_str()))
        {
            continue;
        }
        if file.size > opts.max_filesize {
            skipped.push(Skipped {
                path: file.path.clone(),
                reason: SkipReason::TooLarge,
                detail: format!("{} bytes, over --max-filesize {}", file.size, opts.max_filesize),
            });
            continue;
        }
        inputs.push(Input { path: abs, display: file.path.clone(), lang, content: Some(&file.content) });
    }
    let dirs: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| i.path.parent().map(Path::to_path_buf))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let markers = ProjectContext::ancestor_markers(&dirs);
    let project = ProjectContext::from_markers(markers.iter().map(PathBuf::as_path));
    let walk_time = started.elapsed();
    let engine = Engine::new(rules, opts.engine.clone(), project)?;
    inputs.retain(|i| engine.wants(i.lang));
    let acc = run_engine(&engine, opts.threads, &inputs)?;
    let scanned = inputs.iter().map(|i| i.display.as_path()).collect();
    let mut result = finish(vec![top], acc, scanned, skipped, seen, walk_time, started);
    // Staged blobs are read by their absolute path; people (and editors) get the file as seen
    // from the working directory, as in a scan of the working tree.
    if let Ok(cwd) = std::env::current_dir() {
        let cwd = real_path(&cwd);
        for f in &mut result.findings {
            f.location = relative_from(&f.location, &cwd);
        }
    }
    Ok(result)
}

/// `path` (absolute) relative to the directory `base`, with `..` steps when it lies beside it;
/// unchanged when the two share only the filesystem root.
fn relative_from(path: &Path, base: &Path) -> PathBuf {
    let mut ancestor = base;
    let mut ups = 0;
    loop {
        if let Ok(rest) = path.strip_prefix(ancestor) {
            if ancestor.parent().is_none() {
                return path.to_path_buf();
            }
            let mut out: PathBuf = std::iter::repeat_n(Path::new(".."), ups).collect();
            out.push(rest);
            return out;
        }
        match ancestor.parent() {
            Some(parent) => {
                ancestor = parent;
                ups += 1;
            }
            None => return path.to_path_buf(),
        }
    }
}

/// Keeps only findings that touch lines added since `rev` (one scan, then a diff filter).
///
/// # Errors
/// Not a git repository; unknown revision.
pub fn filter_to_diff(result: &mut ScanResult, rev: &str) -> Result<()> {
    let first = result.roots.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let dir = if first.is_dir() {
        first
    } else {
        first.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let top = crate::git::toplevel(&dir)?;
    let top = real_path(&top);
    let added = crate::git::added_lines(&top, rev)?;
    result.findings.retain(|f| {
        let abs = real_path(&f.location);
        let Ok(rel) = abs.strip_prefix(&top) else { return false };
        added
            .get(rel)
            .is_some_and(|ranges| ranges.iter().any(|r| r.start() <= &f.end.line && &f.start.line <= r.end()))
    });
    result.stats.counters.findings = result.findings.len();
    Ok(())
}

/// Applies (or, with `write` false, only computes) fixes for every file with fixable findings,
/// replacing those files' findings with what remains after the fix.
///
/// # Errors
/// Worker threads that cannot start.
pub fn fix(
    result: &mut ScanResult,
    opts: &ScanOptions,
    rules: Vec<ActiveRule<'_>>,
    mode: crate::fix::FixMode,
    write: bool,
) -> Result<Vec<FixReport>> {
    let mut files: Vec<(PathBuf, PathBuf)> = result
        .findings
        .iter()
        .filter(|f| {
            f.suppressed.is_none()
                && (mode.flow_explicit || f.recommendation.flow == mode.flow)
                && f.fixes.iter().any(|x| crate::fix::applicable(x, mode))
        })
        .map(|f| (f.location.clone(), f.path.clone()))
        .collect();
    files.sort();
    files.dedup();
    // One file reached through two roots (`--follow`, overlapping roots) is fixed once; the
    // findings of its other paths go with it (they were reported again after the fix).
    let mut canonical: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut aliases: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
    files.retain(|(location, _)| {
        let real = std::fs::canonicalize(location).unwrap_or_else(|_| location.clone());
        match canonical.get(&real) {
            Some(first) => {
                aliases.entry(first.clone()).or_default().push(location.clone());
                false
            }
            None => {
                canonical.insert(real, location.clone());
                true
            }
        }
    });
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let dirs: Vec<PathBuf> = files.iter().filter_map(|(l, _)| l.parent().map(Path::to_path_buf)).collect();
    let project =
        ProjectContext::from_markers(ProjectContext::ancestor_markers(&dirs).iter().map(PathBuf::as_path));
    let engine = Engine::new(rules, opts.engine.clone(), project)?;
    if write {
        // Before the first temporary file exists: an interrupt then leaves none behind.
        crate::fix::install_interrupt_cleanup().map_err(anyhow::Error::msg)?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .context("cannot start worker threads")?;
    let reports: Vec<(FixReport, Option<Vec<Finding>>)> = pool.install(|| {
        files
            .par_iter()
            .map_init(Worker::default, |worker, (location, display)| {
                let Some(lang) = Lang::from_path(location) else {
                    let fix = FileFix::Unchanged;
                    return (
                        FixReport {
                            display: display.clone(),
                            location: location.clone(),
                            fix,
                            findings_fixed: 0,
                        },
                        None,
                    );
                };
                let outcome = crate::fix::fix_file(&engine, location, display, lang, mode, write, worker);
                // The fixed text is scanned again in both modes: what remains replaces the file's
                // findings after a write, and the difference is the count of findings fixed.
                let remaining = match &outcome {
                    FileFix::Fixed { after, .. } => {
                        let body = after.strip_prefix('\u{feff}').unwrap_or(after);
                        match engine.check_bytes(location, display, lang, body.as_bytes(), worker).outcome {
                            Outcome::Scanned { mut findings, .. } => {
                                let loc = location.strip_prefix(".").unwrap_or(location);
                                for f in &mut findings {
                                    f.location = loc.to_path_buf();
                                }
                                Some(findings)
                            }
                            _ => Some(Vec::new()),
                        }
                    }
                    _ => None,
                };
                (
                    FixReport {
                        display: display.clone(),
                        location: location.clone(),
                        fix: outcome,
                        findings_fixed: 0,
                    },
                    remaining,
                )
            })
            .collect()
    });
    let mut out = Vec::new();
    for (mut report, remaining) in reports {
        if let Some(remaining) = remaining {
            let counted = |f: &Finding| f.suppressed.is_none();
            // By location (from the working directory): two roots may hold the same relative path.
            let same = aliases.get(&report.location).map_or(&[][..], Vec::as_slice);
            let this = |f: &Finding| f.location == report.location;
            let before = result.findings.iter().filter(|f| this(f) && counted(f)).count();
            report.findings_fixed = before.saturating_sub(remaining.iter().filter(|f| counted(f)).count());
            if write {
                result.findings.retain(|f| !this(f) && !same.contains(&f.location));
                result.findings.extend(remaining);
            }
        }
        out.push(report);
    }
    result.findings.sort_by(|a, b| (&a.path, a.range.start, &a.rule).cmp(&(&b.path, b.range.start, &b.rule)));
    result.stats.counters.findings = result.findings.len();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn paths_normalize_lexically() {
        assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new("/x/../../y")), PathBuf::from("/y"));
        assert_eq!(normalize(Path::new("./a/")), PathBuf::from("a"));
    }

    #[test]
    #[cfg(unix)]
    fn paths_relative_to_a_base_step_up_where_they_must() {
        assert_eq!(relative_from(Path::new("/a/b/c"), Path::new("/a")), PathBuf::from("b/c"));
        assert_eq!(relative_from(Path::new("/a/b/c"), Path::new("/a/d")), PathBuf::from("../b/c"));
        assert_eq!(relative_from(Path::new("/a/b"), Path::new("/a/b")), PathBuf::from(""));
        // Sharing only the filesystem root: the path as it is.
        assert_eq!(relative_from(Path::new("/x/y"), Path::new("/a/b")), PathBuf::from("/x/y"));
    }

    fn options(root: &Path, set: &RuleSet) -> ScanOptions {
        ScanOptions {
            paths: vec![root.to_path_buf()],
            threads: 2,
            no_ignore: false,
            follow: false,
            max_filesize: 1 << 20,
            remove_stale_temps: false,
            exclude: None,
            engine: EngineOptions {
                show_secrets: false,
                jwt_var: "RC_JWT".to_owned(),
                max_filesize: 1 << 20,
                parse_timeout: Duration::from_secs(30),
                no_ignore: false,
                known_rules: set.known_names(),
                languages: None,
                accept_sdk_upgrade: false,
            },
        }
    }

    /// A tree with a login in two files, one file without any rule's literal, a vendored copy
    /// and a file of no supported language: what is found, skipped, counted and recorded as
    /// read.
    #[test]
    fn a_scan_reports_counts_and_orders_what_it_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let login = "const SDK = require('@ringcentral/sdk').SDK;\n\
                     const platform = new SDK({ server: SDK.server.production }).platform();\n\
                     platform.login({ username: process.env.RC_USERNAME, password: process.env.RC_PASSWORD });\n";
        for (path, text) in [
            ("b/login.js", login),
            ("a/login.js", login),
            ("a/plain.js", "console.log('nothing to see');\n"),
            ("node_modules/x/login.js", login),
            ("notes.bin", "\u{0}\u{1}"),
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let set = RuleSet::builtin().expect("built-in rules");
        let rules: Vec<ActiveRule<'_>> = set
            .rules
            .iter()
            .filter(|r| r.enabled)
            .map(|rule| ActiveRule { rule, severity: rule.severity })
            .collect();
        let result = scan(options(root, &set), rules).expect("scans");
        let found: Vec<(String, &str, usize)> = result
            .findings
            .iter()
            .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.rule.as_str(), f.start.line))
            .collect();
        // Sorted by path, then position; displayed relative to the root.
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|(p, _, line)| (p == "a/login.js" || p == "b/login.js") && *line == 3),
            "{found:?}"
        );
        assert!(found.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(found.iter().filter(|f| f.0 == "a/login.js").count(), found.len() / 2);
        // The vendored directory is skipped whole, with its reason.
        assert!(
            result
                .skipped
                .iter()
                .any(|s| s.reason == SkipReason::Vendored && s.path.ends_with("node_modules")),
            "{:?}",
            result.skipped
        );
        let c = &result.stats.counters;
        assert_eq!((c.files_read, c.parsed, c.prefiltered), (3, 2, 1), "{c:?}");
        assert_eq!(c.findings, result.findings.len());
        assert_eq!(c.skipped.get("vendored"), Some(&1), "{c:?}");
        assert!(
            ["walk", "read", "gate", "parse", "match", "total"]
                .iter()
                .all(|k| result.stats.time_ms.contains_key(*k))
        );
        // Every file read is recorded (a baseline entry of any other file is not stale).
        for read in ["a/login.js", "b/login.js", "a/plain.js"] {
            assert!(result.scanned.contains(Path::new(read)), "{read}");
        }
        assert!(!result.scanned.contains(Path::new("node_modules/x/login.js")));
        assert_eq!(result.roots, [root.to_path_buf()]);
    }

    #[test]
    fn a_missing_root_is_an_error() {
        let set = RuleSet::builtin().expect("built-in rules");
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("missing");
        assert!(scan(options(&missing, &set), Vec::new()).is_err());
    }
}

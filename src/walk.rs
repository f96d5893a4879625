//! Finding the files to scan: `ignore`'s parallel walker (respects `.gitignore`, skips VCS
//! directories), with vendored trees and minified bundles skipped and recorded.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{DirEntry, WalkBuilder, WalkState};

use crate::finding::{SkipReason, Skipped};
use crate::lang::Lang;
use crate::project::is_project_marker;
use crate::project::vendored::{VENDORED_DIRS, is_vendored_dir};

/// Version-control directories, never scanned.
const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn"];

/// How to walk.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// Also scan ignored, vendored and minified files.
    pub no_ignore: bool,
    /// Follow symbolic links.
    pub follow: bool,
    /// Walker threads.
    pub threads: usize,
    /// Symbolic links to files larger than this are skipped. Regular files are not measured
    /// here: whoever reads them checks the size of the open file.
    pub max_filesize: u64,
    /// Remove the temporary files (`.pwflow-fix-*`) a killed `--fix` left (set by `--fix`);
    /// they are never scanned either way.
    pub remove_stale_temps: bool,
}

/// A file to scan.
#[derive(Debug, Clone)]
pub struct FileEntry {
    /// Path to open.
    pub path: PathBuf,
    /// Index of the root it was found under.
    pub root: usize,
    /// Its language.
    pub lang: Lang,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files to scan, sorted by path.
    pub files: Vec<FileEntry>,
    /// Manifests and `.env` files (evidence of RingCentral projects).
    pub markers: Vec<PathBuf>,
    /// Files and directories not scanned, with the reason.
    pub skipped: Vec<Skipped>,
    /// Regular files seen (of any type).
    pub seen: usize,
}

/// Whether a file name marks a minified bundle.
#[must_use]
pub fn is_minified_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".min.js", ".min.mjs", ".min.cjs", "-min.js", ".bundle.js", ".chunk.js"]
        .iter()
        .any(|s| lower.ends_with(s))
}

#[derive(Default)]
struct Shared {
    markers: Vec<PathBuf>,
    /// Work trees met during the walk (directories holding `.git`), below the roots.
    repos: Vec<PathBuf>,
    skipped: Vec<Skipped>,
    seen: usize,
}

fn lock(m: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    // A panic in another walker thread cannot leave the lists half-written in a way that matters.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Walks every root, collecting the files to scan (sorted by path).
#[must_use]
pub fn walk(roots: &[PathBuf], opts: &WalkOptions) -> Walked {
    let files = Mutex::new(Vec::new());
    let mut walked = walk_with(roots, opts, &|file| {
        files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file);
    });
    walked.files = files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    // Byte order, not component order: deterministic and much cheaper on large trees (findings
    // are sorted again at the end).
    walked.files.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    walked
}

/// Walks every root, handing each file to scan to `sink` as it is found (from the walker's
/// threads, in no particular order) instead of collecting them: a scan gates files while the
/// walk goes on and keeps only the few candidates, so memory does not grow with the tree.
/// The returned [`Walked`] has no `files`.
pub fn walk_with(roots: &[PathBuf], opts: &WalkOptions, sink: &(dyn Fn(FileEntry) + Sync)) -> Walked {
    let shared = Arc::new(Mutex::new(Shared::default()));
    // Explicit file arguments (pre-commit passes them, sometimes thousands) need no walker, but
    // the sink may do real work per file (the scan's gate reads it): they are shared out to the
    // walker's threads too.
    let (files, dirs): (Vec<_>, Vec<_>) = roots
        .iter()
        .enumerate()
        .map(|(index, root)| (index, root, std::fs::metadata(root).ok().filter(|m| !m.is_dir())))
        .partition(|(_, _, meta)| meta.is_some());
    let per_thread = files.len().div_ceil(opts.threads.max(1)).max(1);
    std::thread::scope(|scope| {
        for chunk in files.chunks(per_thread) {
            let shared = &*shared;
            scope.spawn(move || {
                for (index, root, meta) in chunk {
                    if let Some(meta) = meta {
                        visit_path(root, meta.file_type(), || Ok(meta.clone()), *index, opts, shared, sink);
                    }
                }
            });
        }
    });
    for (root_index, root, _) in dirs {
        let mut builder = WalkBuilder::new(root);
        builder
            .hidden(false)
            .follow_links(opts.follow)
            .threads(opts.threads)
            .git_ignore(!opts.no_ignore)
            .git_exclude(!opts.no_ignore)
            .git_global(!opts.no_ignore)
            .ignore(!opts.no_ignore)
            .parents(!opts.no_ignore)
            .require_git(false);
        let no_ignore = opts.no_ignore;
        let filter_shared = Arc::clone(&shared);
        builder.filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if !is_dir || entry.depth() == 0 {
                return true;
            }
            let name = entry.file_name().to_string_lossy();
            if VCS_DIRS.contains(&name.as_ref()) {
                if name == ".git"
                    && !no_ignore
                    && let Some(repo) = entry.path().parent()
                {
                    lock(&filter_shared).repos.push(repo.to_path_buf());
                }
                return false;
            }
            if !no_ignore && let Some(detail) = hostile_ignore_file(entry.path()) {
                lock(&filter_shared).skipped.push(Skipped {
                    path: entry.path().to_path_buf(),
                    reason: SkipReason::Unreadable,
                    detail,
                });
                return false;
            }
            if !no_ignore && VENDORED_DIRS.contains(&name.as_ref()) {
                lock(&filter_shared).skipped.push(Skipped {
                    path: entry.path().to_path_buf(),
                    reason: SkipReason::Vendored,
                    detail: "vendored dependencies (use --no-ignore to scan them)".to_owned(),
                });
                return false;
            }
            true
        });
        let shared_ref = &*shared;
        builder.build_parallel().run(|| {
            Box::new(move |result| {
                match result {
                    Ok(entry) => visit(&entry, root_index, opts, shared_ref, sink),
                    Err(err) => lock(shared_ref).skipped.push(walk_error(root, &err)),
                }
                WalkState::Continue
            })
        });
    }
    // What git tracks is part of the repository even when `.gitignore` matches it (the walker
    // left those out): each root in a work tree, and each work tree met below the roots.
    // Vendored directories still stay out.
    if !opts.no_ignore {
        let nested = std::mem::take(&mut lock(&shared).repos);
        let dir_roots = roots.iter().enumerate().filter(|(_, r)| r.is_dir());
        let mut repos: Vec<(usize, PathBuf)> = dir_roots.map(|(i, r)| (i, r.clone())).collect();
        for repo in nested {
            if let Some((i, _)) = repos.iter().find(|(_, r)| repo.starts_with(r)) {
                repos.push((*i, repo));
            }
        }
        let mut done = std::collections::HashSet::new();
        for (root_index, dir) in repos {
            for path in crate::git::tracked_but_ignored(&dir) {
                let vendored = path
                    .strip_prefix(&dir)
                    .is_ok_and(|rel| rel.components().any(|c| is_vendored_dir(c.as_os_str())));
                if vendored || !done.insert(path.clone()) {
                    continue;
                }
                if let Ok(meta) = std::fs::symlink_metadata(&path) {
                    visit_path(&path, meta.file_type(), || Ok(meta.clone()), root_index, opts, &shared, sink);
                }
            }
        }
    }
    let shared = Arc::try_unwrap(shared).map_or_else(
        |arc| std::mem::take(&mut *lock(&arc)),
        |m| m.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    let mut shared = shared;
    shared.markers.sort();
    shared.skipped.sort();
    Walked { files: Vec::new(), markers: shared.markers, skipped: shared.skipped, seen: shared.seen }
}

fn visit(
    entry: &DirEntry,
    root: usize,
    opts: &WalkOptions,
    shared: &Mutex<Shared>,
    sink: &(dyn Fn(FileEntry) + Sync),
) {
    let Some(file_type) = entry.file_type() else { return };
    let metadata = || entry.metadata().map_err(|e| e.to_string());
    visit_path(entry.path(), file_type, metadata, root, opts, shared, sink);
}

fn visit_path(
    path: &Path,
    file_type: std::fs::FileType,
    metadata: impl FnOnce() -> Result<std::fs::Metadata, String>,
    root: usize,
    opts: &WalkOptions,
    shared: &Mutex<Shared>,
    sink: &(dyn Fn(FileEntry) + Sync),
) {
    if file_type.is_dir() {
        return;
    }
    if path.file_name().is_some_and(|n| n.as_encoded_bytes().starts_with(crate::fix::TEMP_PREFIX.as_bytes()))
    {
        lock(shared).skipped.push(stale_temp(path, opts.remove_stale_temps));
        return;
    }
    // Only regular files (or links to them) are evidence: the marker is read later.
    if is_project_marker(path) && (file_type.is_file() || file_type.is_symlink()) {
        lock(shared).markers.push(path.to_path_buf());
    }
    let Some(lang) = Lang::from_path(path) else {
        if file_type.is_file() {
            lock(shared).seen += 1;
        }
        return;
    };
    let skip = |reason, detail: String| Skipped { path: path.to_path_buf(), reason, detail };
    let skipped = if !file_type.is_file() && !file_type.is_symlink() {
        Some(skip(SkipReason::Unreadable, "not a regular file (FIFO, socket or device)".to_owned()))
    } else if !opts.no_ignore && path.file_name().and_then(|n| n.to_str()).is_some_and(is_minified_name) {
        Some(skip(SkipReason::Minified, "minified bundle (by name)".to_owned()))
    } else if file_type.is_file() {
        // The size of a regular file is checked when it is opened (`fstat` on the open file):
        // a `stat` by path here as well was a second path lookup for each of tens of thousands
        // of files, where ripgrep makes none.
        None
    } else {
        // A symbolic link: only its target says whether it is a file, and how large.
        match metadata() {
            Ok(meta) if meta.is_file() && meta.len() > opts.max_filesize => Some(skip(
                SkipReason::TooLarge,
                format!("{} bytes, over --max-filesize {}", meta.len(), opts.max_filesize),
            )),
            Ok(meta) if !meta.is_file() => {
                Some(skip(SkipReason::Unreadable, "not a regular file (FIFO, socket or device)".to_owned()))
            }
            Ok(_) => None,
            Err(e) => Some(skip(SkipReason::Unreadable, e)),
        }
    };
    {
        let mut shared = lock(shared);
        shared.seen += 1;
        if let Some(s) = skipped {
            shared.skipped.push(s);
            return;
        }
    }
    sink(FileEntry { path: path.to_path_buf(), root, lang });
}

/// Ignore files the walker reads in each directory (`ignore` reads them whole, with no limit).
const IGNORE_FILES: &[&str] = &[".gitignore", ".ignore"];

/// Why the ignore files of `dir` must not be read, if they must not: one that is a FIFO would
/// block the walk, one that is `/dev/zero` (through a link) or huge would fill the memory.
#[must_use]
pub fn hostile_ignore_file(dir: &Path) -> Option<String> {
    IGNORE_FILES.iter().find_map(|name| {
        let path = dir.join(name);
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() {
            Some(format!("{name} is not a regular file (FIFO, socket or device): directory not scanned"))
        } else if meta.len() > crate::bounded::MAX_IGNORE_FILE {
            Some(format!(
                "{name} is {} bytes, over {}: directory not scanned",
                meta.len(),
                crate::bounded::MAX_IGNORE_FILE
            ))
        } else {
            None
        }
    })
}

/// A temporary file of a `--fix` run that was killed before it could remove it (SIGKILL): it
/// holds a whole copy of a file being fixed, secrets included, so it is never scanned (its
/// findings would be duplicates) and `--fix` removes it. A `--fix` running at the same time in
/// the same tree could own it: its rename then fails and that file is left unfixed, not broken.
fn stale_temp(path: &Path, remove: bool) -> Skipped {
    let detail = if !remove {
        "temporary file of an interrupted `pwflow check --fix` (a copy of a file being fixed): not scanned; delete it, or the next --fix removes it".to_owned()
    } else {
        match std::fs::remove_file(path) {
            Ok(()) => "removed: temporary file of an interrupted `pwflow check --fix`".to_owned(),
            Err(e) => format!(
                "temporary file of an interrupted `pwflow check --fix`: not scanned; cannot remove it: {e}"
            ),
        }
    };
    Skipped { path: path.to_path_buf(), reason: SkipReason::PwflowTemp, detail }
}

fn walk_error(root: &Path, err: &ignore::Error) -> Skipped {
    let path = error_path(err).unwrap_or(root).to_path_buf();
    Skipped { path, reason: SkipReason::Unreadable, detail: err.to_string() }
}

fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

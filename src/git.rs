//! The git facts pwflow needs, from the `git` command: the staged content of the index
//! (`--staged`) and the lines added since a revision (`--diff-base`).

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run git (is it installed?)")?;
    if !out.status.success() {
        bail!("git {} failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(out.stdout)
}

/// The top directory of the repository holding `dir`.
///
/// # Errors
/// Not in a git repository.
pub fn toplevel(dir: &Path) -> Result<PathBuf> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = String::from_utf8(out).context("repository path is not UTF-8")?;
    Ok(PathBuf::from(top.trim_end_matches(['\n', '\r'])))
}

/// Files that git tracks although `.gitignore` (or `info/exclude`) matches them, under `dir`:
/// a `.env.example` committed before `.env*` was ignored is part of the repository all the
/// same. Empty when `dir` is in no work tree or git is missing.
#[must_use]
pub fn tracked_but_ignored(dir: &Path) -> Vec<PathBuf> {
    // No git process for a tree that is in no repository.
    if !dir.ancestors().any(|a| a.join(".git").exists()) {
        return Vec::new();
    }
    let Ok(out) = git(dir, &["ls-files", "-z", "--cached", "--ignored", "--exclude-standard", "--", "."])
    else {
        return Vec::new();
    };
    out.split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| {
            #[cfg(unix)]
            let rel = PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(p));
            #[cfg(not(unix))]
            let rel = PathBuf::from(String::from_utf8_lossy(p).into_owned());
            dir.join(rel)
        })
        .collect()
}

/// A file staged in the index, with the content that will be committed.
pub struct StagedFile {
    /// Path relative to the repository top.
    pub path: PathBuf,
    /// The staged bytes (empty when the blob is over the size limit).
    pub content: Vec<u8>,
    /// The blob's size in bytes.
    pub size: u64,
}

/// A path git printed (bytes): on unix any bytes are a path, so a name that is not UTF-8 is
/// still scanned; elsewhere it is read lossily.
fn path_of(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// The bytes of a path for git's input.
fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().replace('\\', "/").into_bytes()
    }
}

/// Whether this git has `cat-file --batch -Z` (NUL-terminated input and output, git 2.43).
fn has_batch_nul(top: &Path) -> bool {
    let Ok(out) = git(top, &["version"]) else { return false };
    let text = String::from_utf8_lossy(&out);
    let mut nums =
        text.split_whitespace().nth(2).unwrap_or_default().split('.').map(|n| n.parse::<u32>().unwrap_or(0));
    let (major, minor) = (nums.next().unwrap_or(0), nums.next().unwrap_or(0));
    (major, minor) >= (2, 43)
}

/// Files added, copied, modified or renamed in the index, with their staged content (none for
/// a blob over `max` bytes: it is read past, not held). With a git
/// older than 2.43 (no `cat-file -Z`), names holding a line break are left out (the
/// newline-separated protocol cannot carry them).
///
/// # Errors
/// git failures.
pub fn staged_files(top: &Path, max: u64) -> Result<Vec<StagedFile>> {
    let names = git(top, &["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--no-renames"])?;
    let nul = has_batch_nul(top);
    let paths: Vec<PathBuf> = names
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty() && (nul || !p.contains(&b'\n')))
        .map(path_of)
        .collect();
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    // One `git cat-file --batch` process reads every blob: `:path` names the staged version.
    // `-Z` makes names and headers NUL-terminated: a staged name holding a newline maps to its
    // own blob, not to the next file's.
    let term = if nul { 0u8 } else { b'\n' };
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(if nul { &["cat-file", "--batch", "-Z"][..] } else { &["cat-file", "--batch"][..] })
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run git cat-file")?;
    let mut stdin = child.stdin.take().context("git stdin")?;
    let mut request = Vec::new();
    for p in &paths {
        request.push(b':');
        request.extend(path_bytes(p));
        request.push(term);
    }
    let writer = std::thread::spawn(move || stdin.write_all(&request));
    let mut reader = BufReader::new(child.stdout.take().context("git stdout")?);
    let mut files = Vec::new();
    for path in paths {
        let mut header = Vec::new();
        reader.read_until(term, &mut header).context("reading git cat-file output")?;
        let header = String::from_utf8_lossy(&header);
        // `<sha> <type> <size>`, or `<name> missing` (the name may hold spaces: look at the end).
        let fields = header.trim_end_matches(['\0', '\n']);
        if fields.ends_with(" missing") || fields.ends_with(" ambiguous") {
            continue; // submodules
        }
        let mut parts = fields.rsplitn(3, ' ');
        let size: usize = parts.next().and_then(|s| s.parse().ok()).context("bad git cat-file header")?;
        let kind = parts.next();
        let mut content = Vec::new();
        if size as u64 <= max {
            content.resize(size, 0);
            reader.read_exact(&mut content).context("reading a staged blob")?;
        } else {
            let skipped = std::io::copy(&mut (&mut reader).take(size as u64), &mut std::io::sink())
                .context("reading a staged blob")?;
            if skipped != size as u64 {
                bail!("git cat-file output ended inside a blob");
            }
        }
        let mut end = [0u8; 1];
        reader.read_exact(&mut end).context("reading git cat-file output")?;
        if kind == Some("blob") {
            files.push(StagedFile { path, content, size: size as u64 });
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(files)
}

/// How to get the history `--diff-base` needs, for the message of a shallow clone.
const FETCH_HINT: &str = "fetch more history: `git fetch --unshallow` (or `git fetch origin <branch>`); \
on GitHub Actions use `actions/checkout` with `fetch-depth: 0`, on GitLab CI set the variable `GIT_DEPTH: 0`";

/// The commit a `--diff-base` argument compares with, as git's `REV...HEAD` does: the merge base
/// of `REV` and `HEAD`, so a branch is not blamed for what its base changed after it forked.
/// `A...B` names both sides (B defaults to `HEAD`); `A..B` compares with A itself (git diff's
/// two-dot form). B must be the checked-out commit, since pwflow scans the working tree.
///
/// # Errors
/// Unknown revisions, unrelated histories, and shallow clones without the merge base (with how
/// to fetch more history).
pub fn diff_base(top: &Path, spec: &str) -> Result<String> {
    let (base, head, merge_base) = if let Some((a, b)) = spec.split_once("...") {
        (a, b, true)
    } else if let Some((a, b)) = spec.split_once("..") {
        (a, b, false)
    } else {
        (spec, "", true)
    };
    let (base, head) =
        (if base.is_empty() { "HEAD" } else { base }, if head.is_empty() { "HEAD" } else { head });
    let shallow = git(top, &["rev-parse", "--is-shallow-repository"])
        .is_ok_and(|o| String::from_utf8_lossy(&o).trim() == "true");
    let resolve = |rev: &str| -> Result<String> {
        match git(
            top,
            &["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{rev}^{{commit}}")],
        ) {
            Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_owned()),
            Err(_) if shallow => {
                bail!("`{rev}` is not a commit in this clone, which is shallow; {FETCH_HINT}")
            }
            Err(_) => {
                bail!("`{rev}` is not a commit in this repository (a branch of a remote needs `git fetch`)")
            }
        }
    };
    let base_sha = resolve(base)?;
    let head_sha = resolve(head)?;
    let current = resolve("HEAD")?;
    if head_sha != current {
        bail!(
            "--diff-base {spec}: `{head}` is not the checked-out commit; pwflow scans the working tree, \
             so the right side must be HEAD (or be left out)"
        );
    }
    if !merge_base {
        return Ok(base_sha);
    }
    match git(top, &["merge-base", &base_sha, &head_sha]) {
        Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_owned()),
        Err(_) if shallow => bail!(
            "--diff-base {spec}: the merge base of `{base}` and `{head}` is not in this clone, which is shallow; {FETCH_HINT}"
        ),
        Err(_) => bail!(
            "--diff-base {spec}: `{base}` and `{head}` have no common history (pass the commit to compare with, e.g. `{base}..`)"
        ),
    }
}

/// Lines (1-based, inclusive ranges) added since the `--diff-base` argument `spec` (see
/// [`diff_base`]) in the working tree, per path relative to the repository top. Untracked files
/// count as wholly added.
///
/// # Errors
/// Unknown revision or git failures.
pub fn added_lines(top: &Path, spec: &str) -> Result<BTreeMap<PathBuf, Vec<RangeInclusive<usize>>>> {
    let base = diff_base(top, spec)?;
    let diff = git(top, &["diff", "--no-color", "--no-ext-diff", "-U0", "--no-renames", &base, "--"])?;
    let mut out = parse_unified_zero(&String::from_utf8_lossy(&diff));
    let untracked = git(top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for p in untracked.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        out.insert(PathBuf::from(String::from_utf8_lossy(p).into_owned()), vec![1..=usize::MAX]);
    }
    Ok(out)
}

/// Parses `git diff -U0` output into added line ranges per new path.
#[must_use]
pub fn parse_unified_zero(diff: &str) -> BTreeMap<PathBuf, Vec<RangeInclusive<usize>>> {
    let mut out: BTreeMap<PathBuf, Vec<RangeInclusive<usize>>> = BTreeMap::new();
    let mut current: Option<PathBuf> = None;
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            current = path.strip_prefix("b/").map(|p| PathBuf::from(p.trim_end()));
            continue;
        }
        let (Some(path), Some(hunk)) = (&current, line.strip_prefix("@@ ")) else { continue };
        // @@ -a[,b] +c[,d] @@
        let Some(plus) = hunk.split_whitespace().find(|p| p.starts_with('+')) else { continue };
        let mut nums = plus[1..].split(',');
        let start: usize = nums.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let count: usize = nums.next().map_or(Some(1), |n| n.parse().ok()).unwrap_or(1);
        if count > 0 {
            out.entry(path.clone()).or_default().push(start..=start + count - 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_zero_hunks() {
        let diff = "diff --git a/a.php b/a.php\n--- a/a.php\n+++ b/a.php\n@@ -3 +3,2 @@\n-x\n+y\n+z\n@@ -10,2 +11,0 @@\n-q\n-r\n@@ -20,0 +21 @@\n+w\n--- /dev/null\n+++ b/new.js\n@@ -0,0 +1,3 @@\n+1\n+2\n+3\n";
        let m = parse_unified_zero(diff);
        assert_eq!(m[Path::new("a.php")], vec![3..=4, 21..=21]);
        assert_eq!(m[Path::new("new.js")], vec![1..=3]);
    }
}

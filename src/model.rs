//! The results layer: plain data that the scan, fix and baseline steps produce and that the
//! renderers, the audit and the command read. Nothing here runs a stage; a renderer imports
//! this module instead of the code that filled it in. (`finding.rs`, lower down, holds what
//! one finding is; this module sits just above the rules, as an [`ActiveRule`] names one.)

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Severity, Skipped};
use crate::rules::Rule;

/// A rule as it runs: the rule and its effective severity.
#[derive(Clone, Copy)]
pub struct ActiveRule<'r> {
    /// The rule.
    pub rule: &'r Rule,
    /// Severity after configuration.
    pub severity: Severity,
}

/// How the program ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No finding at or above `--fail-on`.
    Clean,
    /// Findings at or above `--fail-on`.
    Findings,
}

/// The counters of a scan (a [`Stats`] without the stage times, which differ between runs):
/// an audit records them per root, in its JSON document and shard parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// Regular files the walk saw.
    pub files_seen: usize,
    /// Files of a supported language that were opened.
    pub files_read: usize,
    /// Files and directories skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Files with no candidate literal.
    pub prefiltered: usize,
    /// Files parsed.
    pub parsed: usize,
    /// Parsed files with syntax errors.
    pub syntax_errors: usize,
    /// Findings (including suppressed ones).
    pub findings: usize,
}

impl Counters {
    /// Adds another root's counters.
    pub fn add(&mut self, o: &Counters) {
        self.files_seen += o.files_seen;
        self.files_read += o.files_read;
        self.prefiltered += o.prefiltered;
        self.parsed += o.parsed;
        self.syntax_errors += o.syntax_errors;
        self.findings += o.findings;
        for (k, v) in &o.skipped {
            *self.skipped.entry(k.clone()).or_default() += v;
        }
    }
}

/// Counters and stage times of a scan.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    /// What was seen, read, skipped, parsed and found (written before the times).
    #[serde(flatten)]
    pub counters: Counters,
    /// Milliseconds per stage (read, gate, parse and match are summed over workers).
    pub time_ms: BTreeMap<String, f64>,
}

/// Everything a scan produced.
pub struct ScanResult {
    /// Scan roots as given.
    pub roots: Vec<PathBuf>,
    /// Findings, sorted by path and position.
    pub findings: Vec<Finding>,
    /// Files not scanned.
    pub skipped: Vec<Skipped>,
    /// Counters.
    pub stats: Stats,
    /// Paths (relative to their root) of the files that were read: a baseline entry of a file
    /// outside this set is not stale, just not scanned.
    pub scanned: Scanned,
    /// What the baseline did, when one was applied.
    pub baseline: Option<BaselineOutcome>,
}

/// The display paths of the files a scan read, kept as 64-bit hashes: a tree of a million
/// files does not hold a million paths for the one question a baseline asks (was this file
/// scanned?).
#[derive(Debug, Default, Clone)]
pub struct Scanned(HashSet<u64>);

impl Scanned {
    fn key(path: &Path) -> u64 {
        use std::hash::{Hash, Hasher};
        // SipHash with fixed keys: the same path hashes the same way in every run.
        let mut hasher = std::hash::DefaultHasher::new();
        path.hash(&mut hasher);
        hasher.finish()
    }

    /// Records a file as read.
    pub fn insert(&mut self, path: &Path) {
        self.0.insert(Self::key(path));
    }

    /// Adds the files of another scan.
    pub fn extend(&mut self, other: Scanned) {
        self.0.extend(other.0);
    }

    /// Whether the file was read.
    #[must_use]
    pub fn contains(&self, path: &Path) -> bool {
        self.0.contains(&Self::key(path))
    }
}

impl<'p> FromIterator<&'p Path> for Scanned {
    fn from_iter<I: IntoIterator<Item = &'p Path>>(paths: I) -> Scanned {
        let mut out = Scanned::default();
        for p in paths {
            out.insert(p);
        }
        out
    }
}

/// What `--fix` / `--diff` did to one file.
pub struct FixReport {
    /// Path relative to the scan root.
    pub display: PathBuf,
    /// Path from the working directory (where the file is).
    pub location: PathBuf,
    /// The outcome.
    pub fix: FileFix,
    /// Findings of the file that the fixed text no longer has (one fix may take several edits).
    pub findings_fixed: usize,
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
        /// What the write could not keep (other hard links, the owner), for the user.
        notes: Vec<String>,
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

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// Content fingerprint (the key).
    pub fingerprint: String,
    /// Rule id.
    pub rule: String,
    /// Path relative to the scan root.
    #[serde(with = "crate::finding::lossy_path")]
    pub path: PathBuf,
    /// Line when recorded (informational).
    #[serde(default)]
    pub line: usize,
    /// Message when recorded (informational).
    #[serde(default)]
    pub message: String,
}

/// What applying a baseline did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BaselineOutcome {
    /// Findings that the baseline already holds.
    pub matched: usize,
    /// Entries whose finding is gone from a file that was scanned, or whose file is gone.
    pub stale: Vec<BaselineEntry>,
    /// Whether the stale entries were dropped from the file (`--prune-baseline`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pruned: bool,
}

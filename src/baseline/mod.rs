//! Baseline files: record today's findings so that only new ones fail the gate.
//!
//! Entries are keyed by the finding's content fingerprint (rule, path, code without whitespace
//! or secrets, occurrence index), never by line: moving code, adding lines above it or
//! reformatting it keeps it baselined. An entry whose finding is gone from a scanned file, or
//! whose file no longer exists, is *stale*; `--prune-baseline` drops stale entries.
//!
//! Format (JSON, `version` 1):
//! ```json
//! { "version": 1, "tool": "pwflow 0.1.0",
//!   "findings": [ { "fingerprint": "…", "rule": "ringcentral/php-password-login",
//!                   "path": "app/login.php", "line": 12, "message": "…" } ] }
//! ```
//! `line` and `message` are for people reading the file; matching uses `fingerprint` only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

pub mod fingerprint;

/// The baseline file format version.
pub const VERSION: u32 = 1;

// The entries and the outcome are results the renderers read too: they live in the model layer,
// under the names this module always gave them.
pub use crate::model::{BaselineEntry as Entry, BaselineOutcome as Outcome};

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// Tool and version that wrote it.
    #[serde(default)]
    pub tool: String,
    /// Recorded findings, sorted by path, rule and line.
    pub findings: Vec<Entry>,
}

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// Unreadable or unwritable. (The error is part of the message, not a `source`: anyhow
    /// would print it a second time.)
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The baseline named by `--baseline` or `pwflow.toml` does not exist.
    #[error("{path}: baseline not found; record one with `pwflow check --write-baseline {path}`")]
    Missing {
        /// The file.
        path: String,
    },
    /// Not a baseline file.
    #[error("{path}:{line}:{column}: not a pwflow baseline ({message}); recreate it with --write-baseline")]
    Corrupt {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Written by an incompatible version.
    #[error(
        "{path}: baseline version {found} is not supported (expected {VERSION}); recreate it with --write-baseline"
    )]
    Version {
        /// The file.
        path: String,
        /// Version found.
        found: u32,
    },
}

/// Whether the file of a baseline entry no longer exists: not under any scan root (paths are
/// relative to a directory root) nor from the working directory (paths of file roots).
fn gone(path: &Path, roots: &[PathBuf]) -> bool {
    !path.exists() && roots.iter().all(|r| !r.join(path).exists())
}

impl Baseline {
    /// A baseline of the given findings (suppressed findings are left out: their comment
    /// already excuses them).
    #[must_use]
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                rule: f.rule.clone(),
                path: f.path.clone(),
                line: f.start.line,
                message: f.message.clone(),
            })
            .collect();
        entries.sort_by(|a, b| (&a.path, &a.rule, a.line).cmp(&(&b.path, &b.rule, b.line)));
        Baseline {
            version: VERSION,
            tool: format!("pwflow {}", env!("CARGO_PKG_VERSION")),
            findings: entries,
        }
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    /// Unreadable, not JSON of this shape, or another version.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let display = path.display().to_string();
        // Bounded and regular only: `--baseline /dev/zero` or a FIFO must fail, not hang.
        let text = crate::bounded::read_text(path, crate::bounded::MAX_BASELINE).map_err(|e| match e {
            crate::bounded::ReadError::NotFound => BaselineError::Missing { path: display.clone() },
            crate::bounded::ReadError::Io(error) => BaselineError::Io { path: display.clone(), error },
            other => {
                BaselineError::Io { path: display.clone(), error: std::io::Error::other(other.to_string()) }
            }
        })?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| BaselineError::Corrupt {
            path: display.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if baseline.version != VERSION {
            return Err(BaselineError::Version { path: display, found: baseline.version });
        }
        Ok(baseline)
    }

    /// Writes the baseline (pretty JSON, one entry per line group, stable order).
    ///
    /// # Errors
    /// I/O failures.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let io = |error| BaselineError::Io { path: path.display().to_string(), error };
        let mut text = serde_json::to_string_pretty(self).map_err(|e| io(std::io::Error::other(e)))?;
        text.push('\n');
        std::fs::write(path, text).map_err(io)
    }

    /// Marks findings the baseline holds and finds stale entries: those of `scanned` paths whose
    /// finding is gone, and those of files that no longer exist (under any of `roots`, or from
    /// the working directory; a file that exists but was not scanned keeps its entries).
    pub fn apply(
        &self,
        findings: &mut [Finding],
        scanned: &crate::model::Scanned,
        roots: &[PathBuf],
    ) -> Outcome {
        let mut remaining: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.findings {
            *remaining.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        let mut matched_keys: BTreeSet<String> = BTreeSet::new();
        let mut outcome = Outcome::default();
        for f in findings.iter_mut() {
            if let Some(n) = remaining.get_mut(f.fingerprint.as_str())
                && *n > 0
            {
                *n -= 1;
                f.baselined = true;
                outcome.matched += 1;
                matched_keys.insert(f.fingerprint.clone());
            }
        }
        outcome.stale = self
            .findings
            .iter()
            .filter(|e| {
                !matched_keys.contains(&e.fingerprint) && (scanned.contains(&e.path) || gone(&e.path, roots))
            })
            .cloned()
            .collect();
        outcome
    }

    /// The number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    /// Whether the baseline holds no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The baseline without the given stale entries.
    #[must_use]
    pub fn pruned(&self, stale: &[Entry]) -> Baseline {
        let mut out = self.clone();
        out.findings.retain(|e| !stale.contains(e));
        out
    }
}

//! Small text and path helpers shared by every stage: byte offsets to line/column positions,
//! the path a finding shows, and the indentation removed from quoted code.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::finding::Position;

/// Line starts of a text, for byte offset to line/column conversion.
pub struct LineIndex<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    /// Indexes `src`.
    #[must_use]
    pub fn new(src: &'s str) -> LineIndex<'s> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        LineIndex { src, starts }
    }

    /// 1-based line and character column of a byte offset.
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts[line];
        let column = self.src.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        Position { line: line + 1, column }
    }

    /// Byte range of the whole lines covering `range` (without the final newline).
    #[must_use]
    pub fn line_span(&self, range: &Range<usize>) -> Range<usize> {
        let first = self.starts.partition_point(|&s| s <= range.start).saturating_sub(1);
        let last_offset = range.end.saturating_sub(1).max(range.start);
        let last = self.starts.partition_point(|&s| s <= last_offset).saturating_sub(1);
        let start = self.starts[first];
        let end = self.starts.get(last + 1).map_or(self.src.len(), |s| s - 1);
        let end = if end > start && self.src.as_bytes().get(end - 1) == Some(&b'\r') { end - 1 } else { end };
        start..end.max(start)
    }
}

/// Removes the indentation common to all non-blank lines.
#[must_use]
pub fn dedent(code: &str) -> String {
    let indent = code
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    code.lines().map(|l| l.get(indent..).unwrap_or(l.trim_start())).collect::<Vec<_>>().join("\n")
}

/// A path for findings: relative to `root` when under it, without a leading `./`.
#[must_use]
pub fn display_path(path: &Path, root: &Path) -> PathBuf {
    display_path_under(path, root, root.is_dir())
}

/// [`display_path`] for a root already known to be a directory or not (a walk asks for every
/// file, and `is_dir` is a system call).
#[must_use]
pub fn display_path_under(path: &Path, root: &Path, root_is_dir: bool) -> PathBuf {
    let rel = if root_is_dir { path.strip_prefix(root).unwrap_or(path) } else { path };
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    if rel.as_os_str().is_empty() { path.to_path_buf() } else { rel.to_path_buf() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_characters() {
        let idx = LineIndex::new("ab\ncé d\n");
        assert_eq!(idx.position(0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(3), Position { line: 2, column: 1 });
        assert_eq!(idx.position(7), Position { line: 2, column: 4 });
        assert_eq!(idx.line_span(&(4..5)), 3..8);
    }

    #[test]
    fn dedent_keeps_relative_indentation() {
        assert_eq!(dedent("    a(\n      b)\n"), "a(\n  b)");
    }
}

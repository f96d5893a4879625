//! Reading the files pwflow is told about (configuration, rules, baselines, files named on the
//! command line) with a size limit, and only when they are regular files: `/dev/zero` must not
//! fill the memory and a FIFO must not block the run forever.

use std::io::Read as _;
use std::path::Path;

/// Largest `pwflow.toml` / `pyproject.toml` read (real ones are a few KiB).
pub const MAX_CONFIG: u64 = 1 << 20;
/// Largest rule file read (the built-in ones are under 20 KiB).
pub const MAX_RULE_FILE: u64 = 1 << 20;
/// Largest baseline read: about 300 bytes an entry, so several hundred thousand findings.
pub const MAX_BASELINE: u64 = 256 << 20;
/// Largest file `pwflow parse` prints the tree of (its output is about 100 bytes a node).
pub const MAX_PARSE_INPUT: u64 = 16 << 20;
/// Largest manifest, lock file or `.env` read for project evidence (a big `package-lock.json` is
/// a few MiB).
pub const MAX_MARKER: u64 = 32 << 20;
/// Largest ignore file (`.gitignore`, `.ignore`) the walk lets its ignore matcher read.
pub const MAX_IGNORE_FILE: u64 = 4 << 20;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// No such file.
    #[error("not found")]
    NotFound,
    /// A FIFO, socket, device or directory.
    #[error("not a regular file (FIFO, socket, device or directory): refused")]
    NotRegular,
    /// Larger than the limit.
    #[error("larger than {limit} bytes: refused")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// Another I/O error.
    #[error("{0}")]
    Io(std::io::Error),
}

/// Whether `path` (followed through symbolic links) is a regular file, checked before opening
/// it: opening a FIFO for reading blocks until a writer comes.
///
/// # Errors
/// Missing, not regular, or cannot be stat'ed.
pub fn check_regular(path: &Path) -> Result<std::fs::Metadata, ReadError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(meta),
        Ok(_) => Err(ReadError::NotRegular),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ReadError::NotFound),
        Err(e) => Err(ReadError::Io(e)),
    }
}

/// Reads a regular file of at most `limit` bytes (callers add the path to the message).
///
/// # Errors
/// See [`ReadError`].
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    check_regular(path)?;
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(e),
    })?;
    // Swapped for a FIFO between the check and the open: refuse it before reading.
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// [`read_file`] as UTF-8 text.
///
/// # Errors
/// See [`ReadError`]; invalid UTF-8 is an `Io` error of kind `InvalidData`.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_file(path, limit)?;
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_kinds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a");
        std::fs::write(&path, "12345").expect("write");
        assert_eq!(read_file(&path, 5).expect("fits"), b"12345");
        assert!(matches!(read_file(&path, 4), Err(ReadError::TooLarge { limit: 4 })));
        assert!(matches!(read_file(dir.path(), 4), Err(ReadError::NotRegular)));
        assert!(matches!(read_file(&dir.path().join("b"), 4), Err(ReadError::NotFound)));
        #[cfg(unix)]
        assert!(matches!(read_file(Path::new("/dev/zero"), 4), Err(ReadError::NotRegular)));
    }
}

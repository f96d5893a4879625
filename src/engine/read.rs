//! Read and decode: a file's bytes (at most `--max-filesize + 1`, no `stat` first) become the
//! text the rules read, or the reason it is skipped (binary, minified, a vendored copy of the
//! SDK, pwflow's own output).

use std::borrow::Cow;
use std::io::Read as _;
use std::path::Path;
use std::time::Instant;

use super::{Engine, Outcome, StageTimes, Worker};
use crate::finding::{SkipReason, Skipped};
use crate::lang::Lang;

/// How a file's bytes became text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    /// UTF-8 (with or without a byte-order mark): offsets are the file's.
    Utf8,
    /// UTF-16 with a byte-order mark, decoded: offsets are the decoded text's.
    Utf16,
    /// Not UTF-8: every byte read as a Latin-1 character, so columns after non-ASCII bytes
    /// shift and `--fix` leaves the file alone.
    Latin1,
}

impl Encoding {
    /// The name a finding's note gives a file that is not UTF-8 (`None` for UTF-8).
    pub(super) fn foreign_name(self) -> Option<&'static str> {
        match self {
            Encoding::Utf8 => None,
            Encoding::Utf16 => Some("UTF-16"),
            Encoding::Latin1 => Some("Latin-1"),
        }
    }
}

/// A file's text as the rules read it.
pub(super) struct Decoded<'b> {
    /// The whole text (merge-conflict markers blanked), byte-order mark included.
    whole: Cow<'b, str>,
    /// How it was decoded.
    pub(super) encoding: Encoding,
    /// Length of the UTF-8 byte-order mark the text starts with (0 or 3): not code, parsed
    /// after, and added back to every offset of the findings.
    pub(super) bom: usize,
}

impl Decoded<'_> {
    /// The text after the byte-order mark.
    pub(super) fn text(&self) -> &str {
        &self.whole[self.bom..]
    }
}

pub(super) fn skip(path: &Path, reason: SkipReason, detail: impl Into<String>) -> Outcome {
    Outcome::Skipped(Skipped { path: path.to_path_buf(), reason, detail: detail.into() })
}

/// A copy of `text` with git merge-conflict marker lines blanked, if it has any.
fn mask_conflict_markers(text: &str) -> Option<String> {
    let is_marker = |line: &str| {
        ["<<<<<<< ", ">>>>>>> ", "||||||| "].iter().any(|m| line.starts_with(m))
            || line.trim_end() == "======="
            || line.trim_end() == "<<<<<<<"
            || line.trim_end() == ">>>>>>>"
    };
    if !text.contains("\n=======") && !text.starts_with("<<<<<<<") && !text.contains("\n<<<<<<<") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut any = false;
    for line in text.split_inclusive('\n') {
        if is_marker(line) {
            any = true;
            let body = line.trim_end_matches(['\n', '\r']);
            out.extend(std::iter::repeat_n(' ', body.len()));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    any.then_some(out)
}

/// Decodes UTF-16 text that starts with a byte-order mark (`None` for anything else).
pub(super) fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let (little, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest
        .chunks_exact(2)
        .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    Some(char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
}

/// Whether JS text looks minified: long lines on average and at least one very long line.
fn looks_minified(bytes: &[u8]) -> bool {
    if bytes.len() < 20_000 {
        return false;
    }
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    bytes.len() / lines > 500
}

impl Engine<'_> {
    /// Reads a file into the worker's reused buffer and runs `then` on its bytes; the time spent
    /// reading is added to `times`. An unreadable or oversized file gives its outcome instead.
    pub(super) fn with_file<T>(
        &self,
        path: &Path,
        display: &Path,
        worker: &mut Worker,
        times: &mut StageTimes,
        then: impl FnOnce(&[u8], &mut Worker, &mut StageTimes) -> T,
    ) -> Result<T, Outcome> {
        let started = Instant::now();
        let mut buffer = std::mem::take(&mut worker.buffer);
        buffer.clear();
        let read = read_capped(path, self.options.max_filesize, &mut buffer);
        times.read += started.elapsed();
        let result = match read {
            Err(outcome) => Err(outcome.with_path(display)),
            Ok(()) => Ok(then(&buffer, worker, times)),
        };
        worker.buffer = buffer;
        result
    }

    /// From the bytes that passed the literal gate (`utf16`: their UTF-16 decoding, if they
    /// were UTF-16) to the text the rules read, or why the file is skipped. Only candidates get
    /// here, so these sniffs cost nothing for the other files.
    pub(super) fn decode<'b>(
        &self,
        display: &Path,
        lang: Lang,
        bytes: &'b [u8],
        utf16: Option<String>,
        times: &mut StageTimes,
    ) -> Result<Decoded<'b>, Outcome> {
        let t = Instant::now();
        let result = self.decode_untimed(display, lang, bytes, utf16);
        times.read += t.elapsed();
        result
    }

    fn decode_untimed<'b>(
        &self,
        display: &Path,
        lang: Lang,
        bytes: &'b [u8],
        utf16: Option<String>,
    ) -> Result<Decoded<'b>, Outcome> {
        // Not UTF-8: legacy code is often Latin-1. Every byte is a Latin-1 character, so the
        // text can always be scanned; lines stay right, columns may shift after non-ASCII bytes,
        // and `--fix` refuses such files.
        let (text, encoding): (Cow<'b, str>, Encoding) = match utf16 {
            Some(decoded) => (Cow::Owned(decoded), Encoding::Utf16),
            None => match std::str::from_utf8(bytes) {
                Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
                Err(_) => (Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()), Encoding::Latin1),
            },
        };
        // What the minified sniff measures: the bytes read, or the UTF-16 file's decoding.
        let sniffed = if encoding == Encoding::Utf16 { text.as_bytes() } else { bytes };
        if lang.is_js_family() && !self.options.no_ignore && looks_minified(sniffed) {
            let detail = "minified (very long lines; use --no-ignore to scan)";
            return Err(skip(display, SkipReason::Minified, detail));
        }
        // A copy of the RingCentral SDK's own source (`includes/RingAPI/src/Platform/...`,
        // vendored outside `vendor/`) sends the password grant for its callers: the SDK is
        // upgraded, not edited, and its callers are what the report is about.
        if !self.options.no_ignore
            && let Some(sign) = crate::project::vendored::sdk_own_source(lang, &text)
        {
            let detail =
                format!("a copy of the RingCentral SDK's own source ({sign}; use --no-ignore to scan)");
            return Err(skip(display, SkipReason::Vendored, detail));
        }
        // pwflow's own baselines and reports quote what they found: scanning them would report
        // every finding again.
        if let Some(format) = crate::artefact::recognise(&text) {
            let detail = format!("written by pwflow ({format})");
            return Err(skip(display, SkipReason::PwflowOutput, detail));
        }
        // Merge-conflict markers break the parse around them; blanked (same length, so offsets
        // hold), both sides of the conflict parse as code and both are checked.
        let whole = match mask_conflict_markers(&text) {
            Some(unconflicted) => Cow::Owned(unconflicted),
            None => text,
        };
        // A UTF-8 byte-order mark is not code: parse after it, then shift offsets back so they
        // count from the start of the file (SARIF and fix offsets are file offsets).
        let bom = if encoding != Encoding::Utf16 && whole.starts_with('\u{feff}') { 3 } else { 0 };
        Ok(Decoded { whole, encoding, bom })
    }
}

pub(super) trait WithPath {
    fn with_path(self, path: &Path) -> Outcome;
}

impl WithPath for Outcome {
    fn with_path(self, path: &Path) -> Outcome {
        match self {
            Outcome::Skipped(mut s) => {
                s.path = path.to_path_buf();
                Outcome::Skipped(s)
            }
            other => other,
        }
    }
}

/// Reads at most `max + 1` bytes of a regular file into `buf`.
pub(super) fn read_capped(path: &Path, max: u64, buf: &mut Vec<u8>) -> Result<(), Outcome> {
    // No `fstat` before reading: the walk's directory entry said the path is a regular file
    // (a symbolic link it measured through), and reading at most `max + 1` bytes into the
    // worker's reused buffer says whether the file is too large. A `stat` per file was most of
    // the system calls ripgrep does not make on the same tree.
    let mut file =
        std::fs::File::open(path).map_err(|e| skip(path, SkipReason::Unreadable, e.to_string()))?;
    (&mut file)
        .take(max + 1)
        .read_to_end(buf)
        .map_err(|e| skip(path, SkipReason::Unreadable, e.to_string()))?;
    if buf.len() as u64 > max {
        // Rare: now the size is worth a system call, for the message.
        let detail = match file.metadata() {
            Ok(meta) if meta.len() > max => format!("{} bytes, over --max-filesize {max}", meta.len()),
            _ => format!("grew over --max-filesize {max} while being read"),
        };
        return Err(skip(path, SkipReason::TooLarge, detail));
    }
    Ok(())
}

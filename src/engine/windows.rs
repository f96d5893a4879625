//! Windows: a large file (a bundle, generated code) is parsed only around the rules' literal
//! hits, and matched only around them; what a language needs for a window to read right (PHP's
//! opening tag, YAML's top-level key) is added here.

use std::ops::Range;

use super::gate::Places;
use crate::lang::Lang;
use crate::prefilter::Candidates;

/// Files larger than this are parsed only around the literal hits of their candidate rules.
pub(super) const PARTIAL_PARSE_MIN: usize = 64 * 1024;

/// Widens YAML parse windows to start at the top-level entry above them (the last line before
/// the window that starts in column 0 and is not a comment or a document marker), then merges
/// windows that come to overlap.
fn yaml_windows(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for mut range in ranges {
        let mut at = range.start;
        while at > 0 {
            let line_start = text[..at.saturating_sub(1)].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start..];
            let top = line.bytes().next().is_some_and(|b| !b.is_ascii_whitespace() && b != b'#')
                && !line.starts_with("---")
                && !line.starts_with("...");
            at = line_start;
            if top {
                break;
            }
        }
        range.start = range.start.min(at);
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// Whether a text of this language and length is parsed only in windows around the places
/// that matter (the literal hits of a scan, the edits of a fix).
#[must_use]
pub fn parses_partially(lang: Lang, len: usize) -> bool {
    !lang.is_container() && len > PARTIAL_PARSE_MIN
}

/// The ranges of a large file to parse around sorted `hits`: [`parse_windows`], plus what the
/// language needs for a window to read right.
pub(super) fn partial_ranges(lang: Lang, text: &str, hits: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut ranges = parse_windows(text, hits, PARTIAL_PARSE_CONTEXT);
    // PHP code starts after its opening tag: without it, a window reads as HTML.
    if lang == Lang::Php
        && let Some(tag) = memchr::memmem::find(text.as_bytes(), b"<?")
        && ranges.first().is_some_and(|r| r.start > tag)
    {
        let end = tag + if text[tag..].starts_with("<?php") { 5 } else { 2 };
        match ranges.first_mut() {
            Some(first) if first.start <= end => first.start = 0,
            _ => ranges.insert(0, 0..end),
        }
    }
    // YAML nests by indentation: a window that starts inside a mapping reads its keys at the
    // wrong depth. Each window starts at the top-level key above it.
    if lang == Lang::Yaml {
        ranges = yaml_windows(text, ranges);
    }
    ranges
}

/// Bytes of context parsed before and after each hit in a large file.
const PARTIAL_PARSE_CONTEXT: usize = 8 * 1024;

/// Ranges to parse around sorted hits: `context` bytes on each side, widened to whole lines,
/// merged where they touch.
fn parse_windows(text: &str, hits: &[Range<usize>], context: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    for h in hits {
        // Widened to whole lines, unless the lines are minified-long: then cut mid-line (on a
        // character boundary) rather than parse the whole file.
        let cut = h.start.saturating_sub(context);
        let start = match memchr::memrchr(b'\n', &bytes[..cut]).map_or(0, |i| i + 1) {
            s if cut - s <= context => s,
            _ => (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0),
        };
        let cut = (h.end + context).min(bytes.len());
        let end = match memchr::memchr(b'\n', &bytes[cut..]).map_or(bytes.len(), |i| cut + i + 1) {
            e if e - cut <= context => e,
            _ => (cut..=bytes.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(bytes.len()),
        };
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
}

/// Sorted hit ranges merged when closer than `gap` bytes.
pub(super) fn merge_windows(hits: &[Range<usize>], gap: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for h in hits {
        match out.last_mut() {
            Some(last) if h.start <= last.end + gap => last.end = last.end.max(h.end),
            _ => out.push(h.clone()),
        }
    }
    out
}

/// The places of the candidate rules' literals in the text the rules read: the gate saw the
/// bytes, so after a byte-order mark (`bom` bytes, cut before parsing) they shift back; a text
/// decoded as Latin-1 moved them, so it has none (its rules match the whole file).
pub(super) fn shift_places(places: Places, bom: usize, latin1: bool) -> Places {
    if latin1 {
        return Vec::new();
    }
    places
        .into_iter()
        .map(|p| {
            p.map(|v| v.into_iter().filter(|r| r.start >= bom).map(|r| r.start - bom..r.end - bom).collect())
        })
        .collect()
}

/// The sorted hits of all `candidates`, when every one of them has placed literals (a rule
/// without places matches anywhere, so the file is parsed whole).
pub(super) fn all_hits(candidates: Candidates, places: &Places) -> Option<Vec<Range<usize>>> {
    let mut hits: Vec<Range<usize>> = Vec::new();
    for i in candidates.iter() {
        hits.extend(places.get(i).and_then(Option::as_ref)?.iter().cloned());
    }
    if hits.is_empty() {
        return None;
    }
    hits.sort_by_key(|r| r.start);
    Some(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // reason: lists of ranges, one range long
    fn yaml_windows_start_at_the_top_level_entry_above() {
        let text = "a: 1\nb:\n  c:\n    d: 2\n# note\n    e: 3\nf: 4\n";
        let e = text.find("e: 3").expect("e");
        let windows = yaml_windows(text, vec![e..e + 4]);
        assert_eq!(windows, vec![text.find("b:").expect("b")..e + 4]);
        // Two windows under one top-level entry merge.
        let d = text.find("d: 2").expect("d");
        assert_eq!(yaml_windows(text, vec![d..d + 4, e..e + 4]).len(), 1);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // reason: lists of ranges, one range long
    fn parse_windows_widen_to_lines_and_merge() {
        let text = "aaaa\nbbbb\ncccc\ndddd\neeee\n";
        // 3 bytes of context around `b` (6) reach back to the start of line 1; forward, the
        // next line end is too far, so the window stops at the context.
        assert_eq!(parse_windows(text, &[6..7], 3), vec![0..10]);
        assert_eq!(parse_windows(text, &[6..7, 21..22], 3), vec![0..10, 15..25]);
        // Overlapping windows merge.
        assert_eq!(parse_windows(text, &[6..7, 11..12], 3), vec![0..15]);
        // One long line: cut at the context, not widened to the whole line.
        let long = "x".repeat(100);
        assert_eq!(parse_windows(&long, &[50..51], 10), vec![40..61]);
    }
}

//! What a fix's title says beyond the rule's words: the comments, calls and options a rewrite
//! drops, and the variables that only the dropped code read (leftovers, reported, never
//! deleted). The engine asks this while it builds a finding's fixes; it reads the file's tree
//! through the language rooms' tables.

use std::collections::HashMap;
use std::ops::Range;

use tree_sitter::Node;

use crate::lang::{Lang, OptionKey};
use crate::syntax::text;

/// The nodes that lie entirely inside `ranges`, found from any node of the tree.
fn nodes_within<'t>(root: Node<'t>, ranges: &[Range<usize>]) -> Vec<(Node<'t>, Option<Node<'t>>)> {
    let mut nodes = Vec::new();
    for r in ranges.iter().filter(|r| !r.is_empty()) {
        let Some(mut cover) = root.descendant_for_byte_range(r.start, r.end) else { continue };
        // The outermost of the nodes spanning exactly the range (a statement around its call).
        let mut parent = cover.parent();
        while let Some(p) = parent.filter(|p| p.byte_range() == cover.byte_range()) {
            cover = p;
            parent = p.parent();
        }
        // A range across several statements is covered by the whole file: only the part of the
        // tree inside the range is walked, or a file dense with findings would be quadratic.
        nodes.extend(crate::syntax::nodes_in_range(cover, r).into_iter().map(|(n, up)| (n, up.or(parent))));
    }
    nodes
}

/// Credential keys a JWT rewrite replaces on purpose, and `jwt`, which it writes again: not
/// worth naming as dropped options.
const CREDENTIAL_KEYS: &[&str] =
    &["username", "user", "login", "extension", "ext", "password", "pass", "pwd", "jwt"];

/// The options (keys, keyword arguments, spreads) of the outermost option lists in `nodes`,
/// other than the credentials, in source order: `login({ username, password, remember: true,
/// ...rest })` rewritten to `{ jwt }` drops `remember` and `...rest`, which the title must say.
fn dropped_options(nodes: &[(Node<'_>, Option<Node<'_>>)], src: &str, lang: Lang) -> Vec<String> {
    let kinds = lang.spec().options;
    let key_of = |n: &Node<'_>| kinds.iter().find(|(kind, _)| *kind == n.kind()).map(|(_, key)| *key);
    let options: Vec<(Node<'_>, OptionKey)> =
        nodes.iter().filter_map(|(n, _)| key_of(n).map(|key| (*n, key))).collect();
    let mut out = Vec::new();
    for (n, how) in &options {
        // Only options of the outermost list: not those inside another option's value.
        let nested = options.iter().any(|(o, _)| {
            o.id() != n.id() && o.start_byte() <= n.start_byte() && n.end_byte() <= o.end_byte()
        });
        if nested {
            continue;
        }
        let key = match how {
            OptionKey::Field(field) => n.child_by_field_name(field).map(|k| text(k, src)),
            OptionKey::FirstOfTwo if n.named_child_count() == 2 => n.named_child(0).map(|k| text(k, src)),
            OptionKey::FirstOfTwo => None,
            OptionKey::Whole => Some(text(*n, src)),
        };
        let Some(key) = key else { continue };
        // `'key'`, `"key"`, Ruby `:key`, computed `['key']`.
        let key = key.trim_matches(['\'', '"', ':', '[', ']', '`']).to_owned();
        if key.is_empty() || key.len() > 60 || CREDENTIAL_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
            continue;
        }
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// What a rewrite drops (the source `dropped`: its target, or the ranges a check says it
/// removes), said in the fix title, and the variables that only the dropped code read
/// (reported as leftovers, never deleted). `root` is the root of the file's tree.
pub fn annotate(
    title: &str,
    root: Node<'_>,
    dropped: &[Range<usize>],
    src: &str,
    lang: Lang,
    index: &NameIndex,
) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let nodes = nodes_within(root, dropped);
    // Every grammar's comment kinds say `comment` (`line_comment`, `block_comment`, ...).
    if nodes.iter().any(|(n, _)| n.kind().contains("comment")) {
        notes.push("drops a comment".to_owned());
    }
    let dropped_calls = lang.code().map_or(&[][..], |c| c.dropped_calls);
    let mut calls: Vec<String> = nodes
        .iter()
        .filter(|(n, _)| dropped_calls.contains(&n.kind()))
        .filter_map(|(n, _)| crate::syntax::called_name(*n, src, lang))
        // Reading the environment or the app's configuration has no side effect to lose.
        .filter(|name| {
            let last = name.rsplit(['.', ':', '>', '\\']).next().unwrap_or(name).to_ascii_lowercase();
            !matches!(last.as_str(), "getenv" | "env" | "config" | "getenvironmentvariable" | "getproperty")
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    calls.retain(|c| seen.insert(c.clone()));
    if !calls.is_empty() {
        notes.push(format!(
            "drops calls to {}",
            calls.iter().map(|c| format!("`{c}()`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let options = dropped_options(&nodes, src, lang);
    if !options.is_empty() {
        notes.push(format!(
            "drops option{} {}",
            if options.len() == 1 { "" } else { "s" },
            options.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let mut names: Vec<String> = nodes
        .iter()
        .filter(|(n, _)| lang.spec().variables.contains(&n.kind()))
        .filter(|(n, parent)| {
            parent.is_none_or(|p| {
                // The name of a keyword argument (Python `password=...`, C# `password: ...`)
                // is the parameter's, not a variable.
                if p.kind().ends_with("argument")
                    && p.child_by_field_name("name").is_some_and(|k| k.id() == n.id())
                {
                    return false;
                }
                // Method and member names are not variables: only the object of an access
                // counts (`os` in Python `os.environ.get`, Ruby `ENV.fetch`, Go `os.Getenv`).
                let members = lang.code().map_or(&[][..], |c| c.members);
                let object = members
                    .iter()
                    .find(|(kind, _)| *kind == p.kind())
                    .and_then(|(_, field)| p.child_by_field_name(field));
                object.is_none_or(|o| o.id() == n.id())
            })
        })
        .map(|(n, _)| text(*n, src).to_owned())
        .filter(|n| !matches!(n.as_str(), "process" | "$_ENV" | "$_SERVER" | "$this" | "this"))
        .collect();
    names.sort();
    names.dedup();
    // The text outside the dropped ranges: taken in order of start, a range that starts inside
    // the one before is passed over.
    let mut removed: Vec<Range<usize>> = Vec::new();
    let mut sorted = dropped.to_vec();
    sorted.sort_by_key(|r| r.start);
    for r in sorted {
        if removed.last().is_none_or(|last| r.start >= last.end) {
            removed.push(r);
        }
    }
    let leftovers: Vec<String> = names
        .into_iter()
        // Exactly one other occurrence: the assignment that held the credential.
        .filter(|name| word_occurrences_outside(src, name, &index.positions(src, name), &removed) == 1)
        .collect();
    if !leftovers.is_empty() {
        notes.push(format!(
            "may leave {} unused",
            leftovers.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let title = if notes.is_empty() { title.to_owned() } else { format!("{title} ({})", notes.join("; ")) };
    (title, leftovers)
}

/// Where names occur in one file's text, searched once per name: every fix of a file asks
/// about the same few variables, and searching the whole text for each fix made a file dense
/// with findings quadratic (12% of the worst-case benchmark's instructions).
#[derive(Default)]
pub struct NameIndex(std::cell::RefCell<HashMap<String, std::rc::Rc<[usize]>>>);

impl NameIndex {
    /// Byte offsets of every occurrence of `name` in `src`, whole identifier or not.
    pub fn positions(&self, src: &str, name: &str) -> std::rc::Rc<[usize]> {
        self.0
            .borrow_mut()
            .entry(name.to_owned())
            .or_insert_with(|| src.match_indices(name).map(|(i, _)| i).collect())
            .clone()
    }
}

/// Occurrences of `name` (at `positions` in `src`) as a whole identifier in the text that is
/// left when the `removed` ranges (sorted, disjoint) are cut out and the pieces joined by line
/// breaks: an occurrence must lie within one piece, and a piece's edge is not an identifier
/// character.
fn word_occurrences_outside(src: &str, name: &str, positions: &[usize], removed: &[Range<usize>]) -> usize {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    positions
        .iter()
        .filter(|&&start| {
            let end = start + name.len();
            // Cut through (an empty range still puts a line break at its place).
            let cut = |r: &Range<usize>| {
                if r.is_empty() { start < r.start && r.start < end } else { start < r.end && r.start < end }
            };
            if removed.iter().any(cut) {
                return false;
            }
            let at_piece_start = removed.iter().any(|r| r.end == start);
            let at_piece_end = removed.iter().any(|r| r.start == end);
            let before = if at_piece_start { None } else { src[..start].chars().next_back() };
            let after = if at_piece_end { None } else { src[end..].chars().next() };
            !before.is_some_and(is_ident) && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text-copying count that `word_occurrences_outside` replaced, as its oracle.
    fn occurrences_in_copy(src: &str, name: &str, removed: &[Range<usize>]) -> usize {
        let mut outside = String::new();
        let mut pos = 0;
        for r in removed {
            outside.push_str(&src[pos..r.start]);
            outside.push('\n');
            pos = r.end;
        }
        outside.push_str(&src[pos..]);
        let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
        outside
            .match_indices(name)
            .filter(|(i, _)| {
                let before = outside[..*i].chars().next_back();
                let after = outside[i + name.len()..].chars().next();
                !before.is_some_and(is_ident) && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
            .count()
    }

    #[test]
    fn occurrences_outside_removed_ranges_match_a_copy_of_the_text() {
        // A small deterministic generator: texts over an alphabet dense in the name's pieces.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap_or(0)
        };
        let pieces = ["pw", "$pw", "p", "w", " ", "_", "=", "\n", "x"];
        let mut compared = 0;
        for _ in 0..4000 {
            let src: String = (0..next(12) + 1).map(|_| pieces[next(pieces.len())]).collect();
            let mut cuts: Vec<usize> = (0..next(4) * 2).map(|_| next(src.len() + 1)).collect();
            cuts.sort_unstable();
            let removed: Vec<Range<usize>> = cuts.chunks(2).map(|c| c[0]..c[1]).collect();
            for name in ["pw", "$pw"] {
                let positions: Vec<usize> = src.match_indices(name).map(|(i, _)| i).collect();
                assert_eq!(
                    word_occurrences_outside(&src, name, &positions, &removed),
                    occurrences_in_copy(&src, name, &removed),
                    "{src:?} without {removed:?}, {name}"
                );
                compared += 1;
            }
        }
        assert_eq!(compared, 8000);
    }
}

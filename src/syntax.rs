//! Small helpers over tree-sitter nodes shared by the engine and the semantic checks.
//! All traversals are iterative: a file nested 50 000 levels deep must not overflow our stack.

use std::ops::Range;

use tree_sitter::{Node, TreeCursor};

use crate::lang::{Lang, NameFrom};

/// The source text of a node.
#[must_use]
pub fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or_default()
}

/// Named children, skipping comments.
#[must_use]
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        // `line_comment`/`block_comment` are Java's comments.
        .filter(|c| !matches!(c.kind(), "comment" | "line_comment" | "block_comment"))
        .collect()
}

/// Pre-order iterator over a node and all its descendants, without recursion.
pub struct Descendants<'t> {
    cursor: TreeCursor<'t>,
    done: bool,
}

impl<'t> Iterator for Descendants<'t> {
    type Item = Node<'t>;
    fn next(&mut self) -> Option<Node<'t>> {
        if self.done {
            return None;
        }
        let node = self.cursor.node();
        if self.cursor.goto_first_child() {
            return Some(node);
        }
        loop {
            if self.cursor.goto_next_sibling() {
                return Some(node);
            }
            if !self.cursor.goto_parent() {
                self.done = true;
                return Some(node);
            }
        }
    }
}

/// Every node under `node` (inclusive), in document order.
#[must_use]
pub fn descendants(node: Node<'_>) -> Descendants<'_> {
    Descendants { cursor: node.walk(), done: false }
}

/// Every node under `node` (inclusive) that lies within `range`, in document order, with its
/// parent (`None` for `node` itself). Only subtrees that reach into the range are entered, so
/// a small range of a large file costs about its own size, not the file's.
#[must_use]
pub fn nodes_in_range<'t>(node: Node<'t>, range: &Range<usize>) -> Vec<(Node<'t>, Option<Node<'t>>)> {
    // Closed intervals: a zero-width node at either end of the range lies within it.
    let reaches = |n: Node<'_>| n.start_byte() <= range.end && n.end_byte() >= range.start;
    let within = |n: Node<'_>| n.start_byte() >= range.start && n.end_byte() <= range.end;
    let mut out = Vec::new();
    let mut ancestors: Vec<Node<'t>> = Vec::new();
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        if reaches(current) {
            if within(current) {
                out.push((current, ancestors.last().copied()));
            }
            // Children that end before the range are skipped without being visited.
            let entered = if range.start == 0 {
                cursor.goto_first_child()
            } else {
                cursor.goto_first_child_for_byte(range.start - 1).is_some()
            };
            if entered {
                ancestors.push(current);
                continue;
            }
        }
        // The next sibling, unless the rest start after the range; else up.
        loop {
            if cursor.node().start_byte() <= range.end && cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            ancestors.pop();
        }
    }
}

/// Whether `node` is a string literal in `lang`.
#[must_use]
pub fn is_string(node: Node<'_>, lang: Lang) -> bool {
    lang.spec().string_kinds.contains(&node.kind())
}

/// Byte range of a string literal's content, without its quotes, in every supported language:
/// prefixes (`r"`, `f"`, `b'`, `@"`, `$"`) and tripled quotes (`"""` in Python and C# raw
/// strings) are stripped along with the quotes; Go raw strings use backticks.
#[must_use]
pub fn string_inner_range(node: Node<'_>, src: &str) -> Range<usize> {
    let r = node.byte_range();
    let t = text(node, src).as_bytes();
    let prefix = t
        .iter()
        .take(3)
        .take_while(|b| matches!(b, b'r' | b'R' | b'b' | b'B' | b'f' | b'F' | b'u' | b'U' | b'@' | b'$'))
        .count();
    let Some(&quote) = t.get(prefix).filter(|q| matches!(q, b'\'' | b'"' | b'`')) else { return r };
    let run = t[prefix..].iter().take(3).take_while(|&&b| b == quote).count();
    // `""` is an empty string, not the start of a triple quote.
    let run = if run == 3 && t.len() >= prefix + 6 { 3 } else { 1 };
    let close = t.iter().rev().take(run).take_while(|&&b| b == quote).count();
    if t.len() < prefix + run + close || close != run {
        return r;
    }
    r.start + prefix + run..r.end - close
}

/// The value of a string literal that has no interpolation, without quotes (escapes kept as
/// written except `\'` and `\"`). `None` for interpolated strings and non-strings.
#[must_use]
pub fn string_value(node: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    if !is_string(node, lang) || matches!(node.kind(), "heredoc" | "nowdoc") {
        return None;
    }
    let parts = lang.spec().string_parts;
    let interpolated = named_children(node).iter().any(|c| !parts.contains(&c.kind()));
    if interpolated {
        return None;
    }
    let inner = &src[string_inner_range(node, src)];
    Some(inner.replace("\\'", "'").replace("\\\"", "\""))
}

/// Whether `node` is an empty literal: `''`, `""`, ``` `` ```, `null`, `undefined`.
#[must_use]
pub fn is_empty_literal(node: Node<'_>, src: &str, lang: Lang) -> bool {
    if let Some(v) = string_value(node, src, lang) {
        return v.is_empty();
    }
    matches!(text(node, src).to_ascii_lowercase().as_str(), "null" | "undefined" | "nil" | "none")
}

/// The key of a key/value node as plain text (`'password' =>` gives `password`), if literal.
#[must_use]
pub fn key_text(key: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    match lang.spec().keys.iter().find(|(kind, _)| *kind == key.kind()) {
        Some((_, from)) => read_name(key, *from, src, lang),
        None => string_value(key, src, lang),
    }
}

/// Reads a name from `node` the way its language's room says.
fn read_name(node: Node<'_>, from: NameFrom, src: &str, lang: Lang) -> Option<String> {
    let field_text = |field: &str| node.child_by_field_name(field).map(|f| text(f, src).to_owned());
    match from {
        NameFrom::Text => Some(text(node, src).to_owned()),
        NameFrom::Trimmed => Some(text(node, src).trim().to_owned()),
        NameFrom::TrimStart(sigils) => Some(text(node, src).trim_start_matches(sigils).to_owned()),
        NameFrom::Field(field) => field_text(field),
        NameFrom::FieldOfBareCall(field) => (node.child_by_field_name("arguments").is_none()
            && node.child_by_field_name("block").is_none())
        .then(|| field_text(field))
        .flatten(),
        NameFrom::FirstChild => named_children(node).first().and_then(|k| key_text(*k, src, lang)),
        NameFrom::LastChild => named_children(node).last().and_then(|k| key_text(*k, src, lang)),
        NameFrom::FirstChildString => named_children(node).first().and_then(|k| string_value(*k, src, lang)),
        NameFrom::Unwrapped => {
            let inner = unwrap_expr(node);
            (inner.id() != node.id()).then(|| key_text(inner, src, lang)).flatten()
        }
        NameFrom::Callee { field, member, name } => {
            let callee = node.child_by_field_name(field)?;
            if callee.kind() == member {
                callee.child_by_field_name(name).map(|n| text(n, src).to_owned())
            } else {
                Some(text(callee, src).to_owned())
            }
        }
    }
}

/// Every language's wrappers (parentheses, `await`, TS `as` and non-null assertions, C#
/// arguments, Go composite-literal elements, YAML scalar nodes): node kinds are named so that
/// one kind means one thing across grammars, and callers need not say which grammar a node
/// came from.
static WRAPPERS: std::sync::LazyLock<Vec<crate::lang::Wrapper>> = std::sync::LazyLock::new(|| {
    let mut all: Vec<crate::lang::Wrapper> = Vec::new();
    for lang in Lang::ALL {
        for w in lang.spec().wrappers {
            if !all.iter().any(|a| a.kind == w.kind) {
                all.push(*w);
            }
        }
    }
    all
});

/// Strips wrappers that do not change what an expression is: parentheses, `await`, TS `as`
/// and non-null assertions, C# arguments, Go composite-literal elements.
#[must_use]
pub fn unwrap_expr(mut node: Node<'_>) -> Node<'_> {
    loop {
        let next = match WRAPPERS.iter().find(|w| w.kind == node.kind()) {
            Some(w) if w.only_child => (node.named_child_count() == 1).then(|| node.named_child(0)).flatten(),
            Some(_) => named_children(node).into_iter().next(),
            None => None,
        };
        match next {
            Some(n) => node = n,
            None => return node,
        }
    }
}

/// The last name in an access path: `$this->platform` and `this.platform` give `platform`,
/// `$rcsdk` gives `rcsdk`.
#[must_use]
pub fn last_name(node: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    let node = unwrap_expr(node);
    let (_, from) = lang.spec().names.iter().find(|(kind, _)| *kind == node.kind())?;
    read_name(node, *from, src, lang)
}

/// The name of the method or function a call expression calls (`login` in `$p->login()`).
#[must_use]
pub fn called_name(node: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    let node = unwrap_expr(node);
    let (_, from) = lang.code()?.calls.iter().find(|(kind, _)| *kind == node.kind())?;
    read_name(node, *from, src, lang)
}

/// Whether `node` concatenates strings in `lang` (`.` in PHP, `+` elsewhere, adjacent shell
/// words and Python literals).
#[must_use]
pub fn is_concat(node: Node<'_>, src: &str, lang: Lang) -> bool {
    lang.spec().concat.iter().any(|c| {
        c.kind == node.kind()
            && c.operator.is_none_or(|op| {
                // Swift names the field `op`.
                node.child_by_field_name("operator")
                    .or_else(|| node.child_by_field_name("op"))
                    .is_some_and(|o| text(o, src) == op)
            })
    })
}

/// The nearest enclosing function of a node (`None` at the top level).
#[must_use]
pub fn enclosing_function(node: Node<'_>, lang: Lang) -> Option<Node<'_>> {
    let functions = lang.code().map_or(&[][..], |c| c.functions);
    let mut n = node.parent();
    while let Some(p) = n {
        if functions.contains(&p.kind()) {
            return Some(p);
        }
        n = p.parent();
    }
    None
}

/// Indentation (leading spaces and tabs) of the line holding `offset`.
#[must_use]
pub fn indentation_at(src: &str, offset: usize) -> &str {
    let start = src[..offset.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = &src[start..];
    let width = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..width]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(lang: Lang, src: &str) -> tree_sitter::Tree {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&lang.grammar().expect("grammar")).expect("grammar");
        p.parse(src, None).expect("tree")
    }

    #[test]
    fn nodes_in_range_are_the_descendants_within_it() {
        let cases = [
            (
                Lang::JavaScript,
                "a();\nplatform.login({ username: u, password: p }); // c\nb(x, y);\nconst q = 1;",
            ),
            (Lang::Php, "<?php\n$x = 1;\n$p->login($u, '101', $pw);\n/* c */ f($x);\n"),
            (Lang::Python, "import os\nplatform.login(u, ext, pw)\nprint(os.environ['X'])\n"),
            // Broken code: the parser inserts zero-width (missing) nodes, which lie within a
            // range that ends or starts where they are.
            (Lang::JavaScript, "const a = f(1, 2;\nplatform.login(u, e, p);\nif (a { b(); }"),
            (Lang::Php, "<?php\n$x = f(1;\n$y = [2;\n"),
            (Lang::Python, "x = f(1\nplatform.login(u, e, p)\n"),
        ];
        let mut zero_width = 0;
        for (lang, src) in cases {
            let tree = parse(lang, src);
            let root = tree.root_node();
            // Every range between two node boundaries (and the empty ones).
            let mut cuts: Vec<usize> =
                descendants(root).flat_map(|n| [n.start_byte(), n.end_byte()]).collect();
            cuts.sort_unstable();
            cuts.dedup();
            zero_width += descendants(root).filter(|n| n.start_byte() == n.end_byte()).count();
            for &start in &cuts {
                for &end in cuts.iter().filter(|&&e| e >= start) {
                    let range = start..end;
                    let got = nodes_in_range(root, &range);
                    let expected: Vec<Node<'_>> = descendants(root)
                        .filter(|n| n.start_byte() >= range.start && n.end_byte() <= range.end)
                        .collect();
                    let ids: Vec<usize> = got.iter().map(|(n, _)| n.id()).collect();
                    assert_eq!(
                        ids,
                        expected.iter().map(Node::id).collect::<Vec<_>>(),
                        "{range:?} in {src:?}"
                    );
                    for (n, parent) in got {
                        assert_eq!(
                            parent.map(|p| p.id()),
                            n.parent().map(|p| p.id()),
                            "parent of {}",
                            n.kind()
                        );
                    }
                }
            }
        }
        assert!(zero_width >= 2, "the broken snippets have missing nodes");
    }

    #[test]
    fn descendants_visit_every_node_once() {
        let src = "f(a, [b, {c: 'd'}]);";
        let tree = parse(Lang::JavaScript, src);
        let mut cursor = tree.walk();
        let mut expected = 0;
        // Count with the cursor directly to compare.
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            expected += 1;
            stack.extend(n.children(&mut cursor));
        }
        assert_eq!(descendants(tree.root_node()).count(), expected);
    }

    #[test]
    fn string_values() {
        let src = "<?php $a = ['k' => \"v\", 'x' => \"$y\"];";
        let tree = parse(Lang::Php, src);
        let strings: Vec<_> = descendants(tree.root_node())
            .filter(|n| is_string(*n, Lang::Php))
            .map(|n| string_value(n, src, Lang::Php))
            .collect();
        assert_eq!(strings, [Some("k".into()), Some("v".into()), Some("x".into()), None]);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let src = format!("x = {}1{};", "[".repeat(20_000), "]".repeat(20_000));
        let tree = parse(Lang::JavaScript, &src);
        assert!(descendants(tree.root_node()).count() > 20_000);
    }
}

//! `pwflow parse`: the syntax tree of a file, one node per line with field names and
//! positions, for writing rule queries.

use std::io::Write;

use tree_sitter::Tree;

/// Deepest level drawn with indentation; deeper nodes are drawn at this indentation with their
/// depth written out (`[depth 5000]`), so a file of 100 000 nested brackets prints lines of a
/// bounded width instead of 100 000 × 2 spaces each (that was 20 GB for a 200 KB file).
pub const MAX_INDENT: usize = 40;

/// Characters of a leaf's text shown.
const LEAF_CHARS: usize = 40;

/// Renders the named nodes of a tree, indented by depth, into `out` as it goes (iteratively: no
/// recursion; nothing held but the current line). Each line is at most
/// `2 * MAX_INDENT + ~200` bytes, so the output grows with the number of nodes only.
///
/// # Errors
/// Those of `out`.
pub fn write(tree: &Tree, src: &str, out: &mut impl Write) -> std::io::Result<()> {
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    let mut line = String::new();
    loop {
        let node = cursor.node();
        if node.is_named() {
            use std::fmt::Write as _;
            line.clear();
            line.push_str(&"  ".repeat(depth.min(MAX_INDENT)));
            if depth > MAX_INDENT {
                let _ = write!(line, "[depth {depth}] ");
            }
            if let Some(field) = cursor.field_name() {
                let _ = write!(line, "{field}: ");
            }
            let start = node.start_position();
            let _ = write!(line, "({}) {}:{}", node.kind(), start.row + 1, start.column + 1);
            if node.named_child_count() == 0 {
                let t = src.get(node.byte_range()).unwrap_or_default();
                let t: String = t.chars().take(LEAF_CHARS).collect();
                let _ = write!(line, " {t:?}");
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return Ok(());
            }
            depth -= 1;
        }
    }
}

/// [`write`] into a string.
#[must_use]
pub fn render(tree: &Tree, src: &str) -> String {
    let mut out = Vec::new();
    let _ = write(tree, src, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_trees_print_bounded_lines() {
        let src = format!("x = {}1{};", "(".repeat(2000), ")".repeat(2000));
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_javascript::LANGUAGE.into()).expect("grammar");
        let tree = parser.parse(&src, None).expect("parses");
        let out = render(&tree, &src);
        let widest = out.lines().map(str::len).max().unwrap_or(0);
        assert!(widest < 2 * MAX_INDENT + 200, "widest line {widest}");
        assert!(out.contains("[depth 2000]"), "deep levels are numbered");
        assert!(out.lines().count() > 2000);
    }
}

//! `pwflow parse`: the syntax tree of a file, one node per line with field names and
//! positions, for writing rule queries.

use std::fmt::Write as _;

use tree_sitter::Tree;

/// Renders the named nodes of a tree, indented by depth (iteratively: no recursion).
#[must_use]
pub fn render(tree: &Tree, src: &str) -> String {
    let mut out = String::new();
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        if node.is_named() {
            let field = cursor.field_name().map(|f| format!("{f}: ")).unwrap_or_default();
            let start = node.start_position();
            let leaf = if node.named_child_count() == 0 {
                let t = src.get(node.byte_range()).unwrap_or_default();
                let t: String = t.chars().take(40).collect();
                format!(" {t:?}")
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{}{field}({}) {}:{}{leaf}",
                "  ".repeat(depth),
                node.kind(),
                start.row + 1,
                start.column + 1
            );
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
                return out;
            }
            depth -= 1;
        }
    }
}

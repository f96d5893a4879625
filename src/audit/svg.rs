//! Horizontal bar charts as inline SVG (no script, no external resource).

use std::fmt::Write as _;

use super::html::escape_html;
use super::model::Count;

const WIDTH: usize = 520;
const LABEL_W: usize = 240;
const ROW_H: usize = 28;
const BAR_H: usize = 18;
const TOP: usize = 8;

/// Shortens a label to `max` characters, keeping its end (paths and rule ids differ there).
fn shorten(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_owned();
    }
    let tail: String = s.chars().skip(n - (max - 1)).collect();
    format!("…{tail}")
}

/// A bar chart of `items` (at most `limit` bars; the rest summed as "others").
#[must_use]
pub fn bar_chart(title: &str, items: &[Count], limit: usize, color: &str) -> String {
    let mut rows: Vec<(String, usize)> =
        items.iter().take(limit).map(|c| (c.label.clone(), c.count)).collect();
    if items.len() > limit {
        let rest: usize = items[limit..].iter().map(|c| c.count).sum();
        rows.push((format!("{} more", items.len() - limit), rest));
    }
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let height = TOP * 2 + rows.len().max(1) * ROW_H;
    let bar_space = WIDTH - LABEL_W - 44;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        escape_html(title),
        escape_html(title)
    );
    if rows.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="0" y="{}" class="chart-empty" fill="#667085">no findings</text>"##,
            TOP + ROW_H / 2 + 4
        );
    }
    for (i, (label, count)) in rows.iter().enumerate() {
        let y = TOP + i * ROW_H;
        let w = (bar_space * count).div_ceil(max).max(2);
        let ty = y + BAR_H / 2 + 5;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{ty}" text-anchor="end" class="chart-label" fill="#344054"><title>{}</title>{}</text>"##,
            LABEL_W - 10,
            escape_html(label),
            escape_html(&shorten(label, 36))
        );
        let _ = write!(
            svg,
            r##"<rect x="{LABEL_W}" y="{y}" width="{bar_space}" height="{BAR_H}" rx="3" fill="#f2f4f7"/><rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR_H}" rx="3" fill="{color}"/>"##
        );
        let _ = write!(
            svg,
            r##"<text x="{}" y="{ty}" class="chart-value" fill="#101828">{count}</text>"##,
            LABEL_W + w + 8
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_and_escape() {
        let items = vec![
            Count { label: "a<b>".into(), count: 4 },
            Count { label: "c".into(), count: 2 },
            Count { label: "d".into(), count: 1 },
        ];
        let svg = bar_chart("t & u", &items, 2, "#000");
        assert!(svg.contains("a&lt;b&gt;"));
        assert!(svg.contains("t &amp; u"));
        assert!(svg.contains("1 more"));
        assert_eq!(svg.matches("<rect").count(), 6);
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn long_labels_keep_their_end() {
        assert_eq!(shorten("abcdef", 4), "…def");
        assert_eq!(shorten("abc", 4), "abc");
    }
}

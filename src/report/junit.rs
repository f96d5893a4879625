//! `--format junit`: JUnit XML for CI test-report views (Jenkins, GitLab, Azure Pipelines).
//!
//! One `<testsuite name="pwflow">`. Every rule that ran is a test: a rule with no finding is one
//! passing `<testcase>`; each finding is a failing `<testcase>` of its rule (classname = rule
//! id, name = `path:line:column`) with one `<failure>` whose body holds the location, the
//! message, the recommended flow and the rewrite. One failure per test case is what every
//! JUnit consumer reads the same way.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::finding::Finding;
use crate::model::ActiveRule;
use crate::model::ScanResult;
use crate::report::ci;

/// Escapes text for XML 1.0 content and attribute values: the five markup characters, tab and
/// line breaks as character references (so attributes keep them), and characters XML 1.0
/// cannot hold at all (other control characters, U+FFFE, U+FFFF) as U+FFFD.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c < ' ') || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for element content, keeping newlines and tabs as they are (readable bodies).
fn escape_body(s: &str) -> String {
    escape(s).replace("&#10;", "\n").replace("&#9;", "\t")
}

fn failure_body(f: &Finding, path: &str) -> String {
    let mut body =
        format!("{path}:{}:{}: {}\n{}\n", f.start.line, f.start.column, f.message, ci::guidance(f));
    if !f.snippet.is_empty() {
        body.push_str("code:\n");
        for line in f.snippet.lines() {
            let _ = writeln!(body, "    {line}");
        }
    }
    body
}

/// Renders the scan as one JUnit test suite. `rules` are the rules that ran; rules with
/// findings that are not among them are counted too. Suppressed and baselined findings do not
/// fail.
///
/// # Errors
/// None today; the signature matches the other renderers.
pub fn render(result: &ScanResult, rules: &[ActiveRule<'_>]) -> anyhow::Result<String> {
    let findings: Vec<&Finding> = result.findings.iter().filter(|f| f.is_active()).collect();
    let with_findings: BTreeSet<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    let passing: Vec<&str> = rules
        .iter()
        .map(|a| a.rule.id.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|id| !with_findings.contains(id))
        .collect();
    let failures = findings.len();
    let tests = passing.len() + failures;

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ =
        writeln!(out, "<testsuites name=\"pwflow\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">");
    let _ = writeln!(
        out,
        "  <testsuite name=\"pwflow\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">"
    );
    for f in findings {
        let path = ci::slash_path(ci::ci_path(f));
        let name = format!("{path}:{}:{}", f.start.line, f.start.column);
        let _ = writeln!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\">",
            escape(&f.rule),
            escape(&name),
            escape(&path),
            f.start.line
        );
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{}\">{}</failure>",
            escape(&f.message),
            f.severity.as_str(),
            escape_body(&failure_body(f, &path))
        );
        let _ = writeln!(out, "    </testcase>");
    }
    for id in passing {
        let _ = writeln!(out, "    <testcase classname=\"{0}\" name=\"{0}\"/>", escape(id));
    }
    let _ = writeln!(out, "  </testsuite>");
    let _ = writeln!(out, "</testsuites>");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_characters_xml_cannot_hold() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\ny\u{1}z"), "x&#10;y\u{fffd}z");
        assert_eq!(escape_body("x\ny"), "x\ny");
    }
}

//! `--format github`: GitHub Actions workflow commands, one line per finding, which the runner
//! turns into annotations on the pull request:
//!
//! ```text
//! ::error file=app/login.php,line=5,col=12,endLine=5,endColumn=50,title=ringcentral/php-password-login::password-flow login ...%0Arecommended: JWT flow: ...
//! ```
//!
//! Severity maps to the command (`error`, `warning`, `notice`). The message carries the
//! recommended flow and the rewrite after the main message, as escaped newlines.

use crate::finding::{Finding, Severity};
use crate::model::ScanResult;
use crate::report::ci;

/// The workflow command of a severity.
#[must_use]
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message (GitHub's `escapeData`): `%`, `\r`, `\n`.
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (GitHub's `escapeProperty`): the data escapes plus `:` and `,`.
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One finding as a workflow command line (with the final newline).
#[must_use]
pub fn render_finding(f: &Finding) -> String {
    let path = ci::slash_path(ci::ci_path(f));
    let message = format!("{}\n{}", f.message, ci::guidance(f));
    format!(
        "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
        command(f.severity),
        escape_property(&path),
        f.start.line,
        f.start.column,
        f.end.line,
        f.end.column,
        escape_property(&f.rule),
        escape_data(&message)
    )
}

/// Renders every finding that counts (not suppressed, not in the baseline); no summary (the
/// job's exit code is the gate).
///
/// # Errors
/// None today; the signature matches the other renderers.
pub fn render(result: &ScanResult) -> anyhow::Result<String> {
    let mut out = String::new();
    for f in result.findings.iter().filter(|f| f.is_active()) {
        out.push_str(&render_finding(f));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext: a, b"), "50%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}

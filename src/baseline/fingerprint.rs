//! Fingerprints: what identifies a finding across runs, for the baseline. A fingerprint hashes
//! the rule, the path and the matched code as formatters leave it alone (secrets masked), and
//! counts repeats of the same code in a file, so a line moving does not change it.

use std::ops::Range;

use crate::finding::Finding;
use crate::redact;

/// The matched code as the fingerprint sees it: secrets masked, and what formatters change
/// removed: whitespace, trailing commas before a closing bracket, the choice of quote.
fn normalized_code(src: &str, range: &Range<usize>, secrets: &[Range<usize>]) -> String {
    let masked = redact::redact_slice(src, range.clone(), secrets);
    let compact: String =
        masked.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '"' { '\'' } else { c }).collect();
    compact.replace(",)", ")").replace(",]", "]").replace(",}", "}")
}

/// Sets each finding's fingerprint; findings must be sorted by position, so the occurrence
/// index counts earlier findings of the same rule with the same code in the file.
pub fn assign_fingerprints(findings: &mut [Finding], src: &str, secrets: &[Range<usize>]) {
    use sha2::{Digest, Sha256};
    let mut seen: Vec<(String, String)> = Vec::new();
    for f in findings.iter_mut() {
        let code = normalized_code(src, &f.range, secrets);
        let occurrence = seen.iter().filter(|(r, c)| *r == f.rule && *c == code).count();
        let mut hasher = Sha256::new();
        for part in
            [f.rule.as_str(), &f.path.to_string_lossy().replace('\\', "/"), &code, &occurrence.to_string()]
        {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        let digest = hasher.finalize();
        f.fingerprint = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        seen.push((f.rule.clone(), code));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_whitespace_and_count_occurrences() {
        assert_eq!(normalized_code("a( 1,\n  2 )", &(0..11), &[]), "a(1,2)");
        assert_eq!(normalized_code("x('pw')", &(0..7), std::slice::from_ref(&(3..5))), "x('***')");
        assert_eq!(normalized_code("f([\"a\",\n])", &(0..10), &[]), "f(['a'])");
    }
}

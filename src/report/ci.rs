//! Helpers shared by the CI formats (`sarif`, `github`, `junit`, `gitlab`): which path to
//! show, path-to-URI encoding, and the recommended rewrite as plain text.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::finding::{Finding, Fix, Flow};

/// The path a CI system resolves against its checkout: the path as walked from the working
/// directory (`location`), or the root-relative `path` when no location was recorded.
///
/// CI runs pwflow from the repository root, so for `pwflow check src/` this gives
/// `src/login.php` (what GitHub and GitLab can place) rather than `login.php`.
#[must_use]
pub fn ci_path(f: &Finding) -> &Path {
    if f.location.as_os_str().is_empty() { &f.path } else { &f.location }
}

/// A path as text with forward slashes, for `file=` properties and report paths.
#[must_use]
pub fn slash_path(path: &Path) -> String {
    let mut out = String::new();
    for (i, c) in path.components().enumerate() {
        match c {
            Component::RootDir => out.push('/'),
            Component::Prefix(p) => out.push_str(&p.as_os_str().to_string_lossy()),
            Component::CurDir if i == 0 && path.components().count() > 1 => {}
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// Removes `.` components and resolves `..` against earlier components, without touching the
/// file system.
#[must_use]
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let popped = matches!(out.components().next_back(), Some(Component::Normal(_))) && out.pop();
                if !popped && !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Percent-encodes a path for the path part of a URI (RFC 3986): unreserved characters and
/// `/` stay, everything else (spaces, `%`, `#`, `?`, `\\`, non-ASCII as UTF-8 bytes) is
/// encoded. Pass a path through [`slash_path`] first, so Windows separators are `/`.
#[must_use]
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// A `file://` URI for an absolute path (a directory gets a trailing slash when `dir`).
#[must_use]
pub fn file_uri(path: &Path, dir: bool) -> String {
    let mut text = slash_path(path);
    if !text.starts_with('/') {
        // A Windows drive path: file:///C:/...
        text.insert(0, '/');
    }
    if dir && !text.ends_with('/') {
        text.push('/');
    }
    format!("file://{}", encode_uri_path(&text))
}

/// The fixes to show with a finding, as the human format orders them: the one for the
/// recommended flow first, then the JWT rewrite if it is not already shown.
#[must_use]
pub fn shown_fixes(f: &Finding) -> Vec<&Fix> {
    let mut out: Vec<&Fix> = f.fixes.iter().filter(|x| x.flow == f.recommendation.flow).take(1).collect();
    if f.recommendation.flow != Flow::Jwt
        && let Some(jwt) = f.fixes.iter().find(|x| x.flow == Flow::Jwt)
    {
        out.push(jwt);
    }
    if out.is_empty()
        && let Some(first) = f.fixes.first()
    {
        out.push(first);
    }
    out
}

/// The recommendation and the rewrites as plain text lines (no trailing newline):
///
/// ```text
/// recommended: JWT flow: <reason>
/// Use the JWT flow:
///     $platform->login(['jwt' => getenv('RC_JWT')]);
/// needs ringcentral/ringcentral-php >= 2.3.0 ...
/// ```
#[must_use]
pub fn guidance(f: &Finding) -> String {
    let mut out =
        format!("recommended: {}: {}", f.recommendation.flow.title_for(&f.rule), f.recommendation.reason);
    for fix in shown_fixes(f) {
        let _ = write!(out, "\n{}:", fix.title);
        for line in fix.code.lines() {
            let _ = write!(out, "\n    {line}");
        }
        if let Some(note) = &fix.note {
            let _ = write!(out, "\n{note}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(encode_uri_path("app/my login.php"), "app/my%20login.php");
        assert_eq!(encode_uri_path("a%b#c?d.js"), "a%25b%23c%3Fd.js");
        assert_eq!(encode_uri_path("caf\u{e9}/x.js"), "caf%C3%A9/x.js");
        assert_eq!(encode_uri_path("odd\\name.js"), "odd%5Cname.js");
    }

    #[test]
    fn file_uris_have_three_slashes_and_a_trailing_one_for_directories() {
        assert_eq!(file_uri(Path::new("/tmp/my repo"), true), "file:///tmp/my%20repo/");
        assert_eq!(file_uri(Path::new("/tmp/x.php"), false), "file:///tmp/x.php");
    }

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(normalize(Path::new("./app/../web/x.js")), PathBuf::from("web/x.js"));
        assert_eq!(normalize(Path::new("../x.js")), PathBuf::from("../x.js"));
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(slash_path(Path::new("./app/x.php")), "app/x.php");
    }
}

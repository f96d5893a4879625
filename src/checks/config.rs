//! Password-flow credentials in configuration: `.env` templates, shell exports and YAML
//! environment blocks holding `RC_PASSWORD` / `RINGCENTRAL_PASSWORD` next to the username and
//! extension of the password grant.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::{Bindings, CheckCx, CheckDef};
use crate::finding::{Edit, Label};
use crate::lang::Lang;
use crate::syntax::{descendants, key_text};

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[CheckDef {
    name: "password-credential-config",
    languages: &[Lang::Env, Lang::Bash, Lang::Yaml],
    needs: &["key", "match"],
    provides: &["prefix", "jwt_name", "jwt_setting", "form"],
    about: "`RC_PASSWORD` / `RINGCENTRAL_PASSWORD` (any case, word-bounded) set in configuration; \
            names the username/extension settings that go with it and, in `.env` files and \
            shell scripts, deletes them as part of the JWT rewrite; the rewrite replaces the whole \
            value (to the end of its logical line) and leaves one JWT setting per file",
    run: password_credential_config,
}];

#[allow(clippy::expect_used)] // reason: constant pattern
static PASSWORD_NAME: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?i)^(RC_|RINGCENTRAL_)PASSWORD\d*$"));

/// A RingCentral password setting; binds `prefix` (`RC_`, `RINGCENTRAL_`, as written), `jwt_name`
/// (the JWT setting's name, in the file's letter case) and `form` (`assignment`, `mapping`).
fn password_credential_config(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let key = cx.cap("key")?;
    let src = cx.file.src;
    let name = key_text(key, src, cx.file.lang)?;
    let caps = PASSWORD_NAME.captures(&name)?;
    let prefix = caps.get(1).map_or("RC_", |m| m.as_str()).to_owned();
    let mut out = Bindings::default();
    let upper = name.chars().all(|c| !c.is_ascii_lowercase());
    let jwt_name = if upper { cx.file.jwt_var.to_owned() } else { cx.file.jwt_var.to_ascii_lowercase() };
    let matched = cx.cap("match")?;
    let pair_kind = matched.kind();
    let assignment = matches!(cx.file.lang, Lang::Env | Lang::Bash);
    // The other halves of the password grant, in the same file and with the same prefix; and
    // whether this is the first password setting of a file that has no JWT setting yet (it
    // becomes the JWT setting; the others are deleted, so the file ends with exactly one).
    let mut first_password = true;
    let mut has_jwt = false;
    for node in descendants(cx.file.root).filter(|n| n.kind() == pair_kind) {
        let Some(other_key) = node.child_by_field_name("name").or_else(|| node.child_by_field_name("key"))
        else {
            continue;
        };
        let Some(other) = key_text(other_key, src, cx.file.lang) else { continue };
        if other.eq_ignore_ascii_case(cx.file.jwt_var) {
            has_jwt = true;
        }
        if node.start_byte() < matched.start_byte() && PASSWORD_NAME.is_match(&other) {
            first_password = false;
        }
        let Some(rest) = other
            .get(..prefix.len())
            .filter(|p| p.eq_ignore_ascii_case(&prefix))
            .map(|_| &other[prefix.len()..])
        else {
            continue;
        };
        if !matches!(rest.to_ascii_uppercase().as_str(), "USERNAME" | "EXTENSION" | "USER" | "EXT") {
            continue;
        }
        out.labels.push(Label {
            range: node.byte_range(),
            message: format!("`{other}` only serves the password grant"),
        });
        if assignment && let Some(line) = whole_line(node, assignment_end(node, src, cx.file.lang), src) {
            out.jwt_edits.push(Edit { range: line, replacement: String::new() });
        }
    }
    if assignment {
        // The rewrite replaces the whole value, not only what the shell grammar reads as the
        // assignment: `RC_PASSWORD=Tr0ub4dor&3` must not leave `&3` behind, nor a `\`-continued
        // value its continuation line.
        let end = assignment_end(matched, src, cx.file.lang);
        if first_password && !has_jwt {
            out.ranges.push(("match", matched.start_byte()..end));
            out.var("jwt_setting", format!("{jwt_name}="));
        } else {
            let target = whole_line(matched, end, src).unwrap_or(matched.start_byte()..end);
            out.ranges.push(("match", target));
            out.var("jwt_setting", "");
        }
    }
    out.notes.push(
        "the JWT flow needs one setting: the JWT credential created in the Developer Console \
         (the values of the old settings are not copied anywhere)"
            .to_owned(),
    );
    out.var("form", if matches!(cx.file.lang, Lang::Env | Lang::Bash) { "assignment" } else { "mapping" });
    out.var("prefix", prefix);
    out.var("jwt_name", jwt_name);
    Some(out)
}

/// Where an assignment ends, at least the end of the node: in a `.env` file the end of its
/// value's logical line ([`crate::redact::env_value_end`]); in a shell script the end of the
/// shell word ([`crate::redact::shell_value_end`]), so the commands after it on the line stay.
fn assignment_end(node: Node<'_>, src: &str, lang: Lang) -> usize {
    let Some(name) = node.child_by_field_name("name") else { return node.end_byte() };
    let rest = &src[name.end_byte()..];
    let eq = if rest.starts_with("+=") {
        2
    } else if rest.starts_with('=') {
        1
    } else {
        0
    };
    if eq == 0 {
        return node.end_byte();
    }
    let start = name.end_byte() + eq;
    let end = if lang == Lang::Bash {
        crate::redact::shell_value_end(src, start)
    } else {
        crate::redact::env_value_end(src, start)
    };
    end.max(node.end_byte())
}

/// The byte range of the lines holding `node` up to `end`, newline included, when they hold
/// nothing else than the assignment (an `export`, a trailing comment); `None` otherwise, so a
/// line with more code on it is never deleted.
fn whole_line(node: Node<'_>, end: usize, src: &str) -> Option<std::ops::Range<usize>> {
    let start = src[..node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i + 1);
    let before = src[start..node.start_byte()].trim();
    let after = src[end..line_end].trim();
    let before_ok = before.is_empty() || before == "export";
    let after_ok = after.is_empty() || after.starts_with('#');
    (before_ok && after_ok).then_some(start..line_end)
}

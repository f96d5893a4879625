//! Password-flow credentials in configuration: `.env` templates, shell exports and YAML
//! environment blocks holding `RC_PASSWORD` / `RINGCENTRAL_PASSWORD` next to the username and
//! extension of the password grant.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::{Bindings, CheckCx, CheckDef};
use crate::finding::{Edit, Label};
use crate::lang::Lang;
use crate::syntax::{descendants, key_text, text};

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[CheckDef {
    name: "password-credential-config",
    languages: &[Lang::Env, Lang::Bash, Lang::Yaml],
    needs: &["key", "match"],
    provides: &["prefix", "jwt_name", "form"],
    about: "`RC_PASSWORD` / `RINGCENTRAL_PASSWORD` (any case, word-bounded) set in configuration; \
            names the username/extension settings that go with it and, in `.env` files and \
            shell scripts, deletes them as part of the JWT rewrite",
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
    let pair_kind = cx.cap("match")?.kind();
    // The other halves of the password grant, in the same file and with the same prefix.
    for node in descendants(cx.file.root).filter(|n| n.kind() == pair_kind) {
        let Some(other_key) = node.child_by_field_name("name").or_else(|| node.child_by_field_name("key"))
        else {
            continue;
        };
        let Some(other) = key_text(other_key, src, cx.file.lang) else { continue };
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
        if matches!(cx.file.lang, Lang::Env | Lang::Bash)
            && let Some(line) = whole_line(node, src)
        {
            out.jwt_edits.push(Edit { range: line, replacement: String::new() });
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

/// The byte range of the line holding `node`, newline included, when the line holds nothing
/// else than the assignment (an `export`, a trailing comment); `None` otherwise, so a line
/// with more code on it is never deleted.
fn whole_line(node: Node<'_>, src: &str) -> Option<std::ops::Range<usize>> {
    let start = src[..node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    let end = src[node.end_byte()..].find('\n').map_or(src.len(), |i| node.end_byte() + i + 1);
    let before = src[start..node.start_byte()].trim();
    let after = src[node.end_byte()..end].trim();
    let before_ok = before.is_empty() || before == "export";
    let after_ok = after.is_empty() || after.starts_with('#');
    (before_ok && after_ok && !text(node, src).contains('\n')).then_some(start..end)
}

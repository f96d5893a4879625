//! What the SDK login checks of every language share: credentials read from an options
//! array or object, values followed to their literal, and how a JWT key is named after the
//! password's.

use tree_sitter::Node;

use super::receiver::Evidence;
use super::{Bindings, CheckCx};
use crate::finding::Label;
use crate::lang::Lang;
use crate::syntax::{
    descendants, enclosing_function, is_empty_literal, is_string, named_children, string_inner_range, text,
    unwrap_expr,
};

pub(super) const CREDENTIAL_KEYS: &[&str] = &["username", "password"];

/// Property names that say an options object is a user's credentials (`login(config.user)`,
/// `rc.auth(settings.credentials)`), when the object itself is defined elsewhere (a config
/// module, a JSON file read at run time): such an object has no `jwt` or `code`, so the SDK
/// takes the password branch.
pub(super) const CREDENTIAL_OBJECT_NAMES: &[&str] = &[
    "user",
    "credentials",
    "creds",
    "credential",
    "account",
    "rcuser",
    "usercredentials",
    "passwordcredentials",
];

/// Key/value entries of an array or object literal.
pub(super) struct Creds<'t> {
    pub(super) entries: Vec<(String, Node<'t>)>,
    /// A spread or computed key we could not read.
    pub(super) unknown: bool,
    /// Where the literal was defined, when it was reached through a variable.
    pub(super) origin: Option<Node<'t>>,
    /// Known only by its name: `login(config.user)` where `config` is read from a file or
    /// module this file does not hold.
    pub(super) by_name: bool,
}

impl<'t> Creds<'t> {
    pub(super) fn value(&self, key: &str) -> Option<Node<'t>> {
        self.entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    pub(super) fn has_any(&self, keys: &[&str]) -> bool {
        self.entries.iter().any(|(k, _)| keys.contains(&k.as_str()))
    }

    pub(super) fn has_non_empty(&self, keys: &[&str], src: &str, lang: Lang) -> bool {
        keys.iter().any(|k| self.value(k).is_some_and(|v| !is_empty_literal(v, src, lang)))
    }
}

/// Arguments of a call, skipping comments.
pub(super) fn arguments(args: Node<'_>) -> Vec<Node<'_>> {
    named_children(args)
}

/// Whether `name` is a parameter of a function enclosing `node`: such a value comes from the
/// caller, and no literal in the file says what it holds.
pub(super) fn is_parameter(node: Node<'_>, name: &str, src: &str, lang: Lang) -> bool {
    let mut f = enclosing_function(node, lang);
    while let Some(func) = f {
        if let Some(params) =
            func.child_by_field_name("parameters").or_else(|| func.child_by_field_name("parameter"))
            && descendants(params).any(|p| {
                matches!(p.kind(), "identifier" | "variable_name" | "shorthand_property_identifier_pattern")
                    && text(p, src) == name
            })
        {
            return true;
        }
        f = enclosing_function(func, lang);
    }
    false
}

/// The literal of kind `kind` last assigned to the identifier `ident` before it is used
/// (`const creds = {...}` / `$creds = [...]`) in its function or an enclosing scope.
pub(super) fn resolve_literal<'t>(cx: &CheckCx<'_, 't>, ident: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let src = cx.file.src;
    let name = text(ident, src);
    if is_parameter(ident, name, src, cx.file.lang) {
        return None;
    }
    // Scopes whose assignments are visible here: the ident's function and those around it.
    let mut scopes = vec![None];
    let mut f = enclosing_function(ident, cx.file.lang);
    while let Some(func) = f {
        scopes.push(Some(func.id()));
        f = enclosing_function(func, cx.file.lang);
    }
    let mut best: Option<Node<'t>> = None;
    for a in cx.file.assignments() {
        let (node, lhs, rhs) = (a.node, a.lhs, a.rhs);
        if !matches!(node.kind(), "variable_declarator" | "assignment_expression" | "assignment") {
            continue;
        }
        let rhs = unwrap_expr(rhs);
        if text(lhs, src) != name
            || !kinds.contains(&rhs.kind())
            || !scopes.contains(&enclosing_function(node, cx.file.lang).map(|f| f.id()))
        {
            continue;
        }
        let before = node.start_byte() < ident.start_byte();
        match best {
            // Prefer the last assignment before the use; else the first one after it.
            Some(b) if b.start_byte() < ident.start_byte() && !before => {}
            Some(b) if before && b.start_byte() > node.start_byte() => {}
            _ => best = Some(rhs),
        }
        if !before && best.is_some() {
            break;
        }
    }
    best
}

/// Quote character a string node uses (`'` when unknown).
pub(super) fn quote_of(node: Option<Node<'_>>, src: &str) -> char {
    node.and_then(|n| text(n, src).chars().find(|c| matches!(c, '\'' | '"'))).unwrap_or('\'')
}

/// The key a JWT should be read under, given the key that held the password: env-style names
/// (`RC_PASSWORD`, `password` in an env lookup) become the JWT variable, others `jwt`.
pub(super) fn jwt_key(old: &str, env_like: bool, jwt_var: &str) -> String {
    let upper = old.chars().any(|c| c.is_ascii_uppercase()) && !old.chars().any(|c| c.is_ascii_lowercase());
    if env_like || upper { jwt_var.to_owned() } else { "jwt".to_owned() }
}

/// Redacts a literal password argument.
pub(super) fn secret_if_literal(cx: &CheckCx<'_, '_>, node: Option<Node<'_>>, out: &mut Bindings) {
    if let Some(n) = node.map(unwrap_expr)
        && is_string(n, cx.file.lang)
        && !is_empty_literal(n, cx.file.src, cx.file.lang)
    {
        out.secrets.push(string_inner_range(n, cx.file.src));
    }
}

pub(super) fn origin_label(creds: &Creds<'_>, out: &mut Bindings, what: &str) {
    if let Some(origin) = creds.origin.filter(|_| !creds.by_name) {
        out.labels.push(Label { range: origin.byte_range(), message: format!("{what} defined here") });
    }
}

/// How an options literal selects the password branch, if it does.
pub(super) fn judge_options(
    creds: &Creds<'_>,
    cx: &CheckCx<'_, '_>,
    non_password: &[&str],
) -> Option<(Evidence, &'static str)> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    if creds.has_non_empty(non_password, src, lang) {
        return None;
    }
    if creds.has_any(CREDENTIAL_KEYS) {
        return Some((Evidence::Strong, "credentials"));
    }
    if creds.unknown {
        return None;
    }
    if creds.has_any(&["jwt"]) {
        return Some((Evidence::Weak, "empty-jwt"));
    }
    Some((Evidence::Weak, "no-jwt-or-code"))
}

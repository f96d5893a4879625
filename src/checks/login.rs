//! Checks for SDK login calls: which calls take the password branch, and the JWT expression
//! that follows the file's own way of reading credentials.

use tree_sitter::Node;

use super::receiver::{self, Evidence};
use super::{Bindings, CheckCx};
use crate::context::SdkFamily;
use crate::finding::Label;
use crate::lang::Lang;
use crate::syntax::{
    descendants, is_empty_literal, is_string, key_text, named_children, string_inner_range, string_value,
    text, unwrap_expr,
};

/// Option keys that select a flow other than the password grant when non-empty.
const PHP_NON_PASSWORD_KEYS: &[&str] = &["jwt", "code"];
const JS_NON_PASSWORD_KEYS: &[&str] = &["jwt", "code", "access_token"];
const CREDENTIAL_KEYS: &[&str] = &["username", "password"];

/// Property names that say an options object is a user's credentials (`login(config.user)`,
/// `rc.auth(settings.credentials)`), when the object itself is defined elsewhere (a config
/// module, a JSON file read at run time): such an object has no `jwt` or `code`, so the SDK
/// takes the password branch.
const CREDENTIAL_OBJECT_NAMES: &[&str] = &[
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
struct Creds<'t> {
    entries: Vec<(String, Node<'t>)>,
    /// A spread or computed key we could not read.
    unknown: bool,
    /// Where the literal was defined, when it was reached through a variable.
    origin: Option<Node<'t>>,
    /// Known only by its name: `login(config.user)` where `config` is read from a file or
    /// module this file does not hold.
    by_name: bool,
}

impl<'t> Creds<'t> {
    fn value(&self, key: &str) -> Option<Node<'t>> {
        self.entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    fn has_any(&self, keys: &[&str]) -> bool {
        self.entries.iter().any(|(k, _)| keys.contains(&k.as_str()))
    }

    fn has_non_empty(&self, keys: &[&str], src: &str, lang: Lang) -> bool {
        keys.iter().any(|k| self.value(k).is_some_and(|v| !is_empty_literal(v, src, lang)))
    }
}

/// Arguments of a call, skipping comments.
fn arguments(args: Node<'_>) -> Vec<Node<'_>> {
    named_children(args)
}

/// Whether a PHP argument is named (`login(username: $u)`) or unpacked (`...$a`).
fn is_special_php_argument(arg: Node<'_>) -> bool {
    arg.child_by_field_name("name").is_some()
        || arg.kind() == "variadic_unpacking"
        || named_children(arg).first().is_some_and(|c| c.kind() == "variadic_unpacking")
}

fn php_array<'t>(array: Node<'t>, src: &str) -> Creds<'t> {
    let mut creds = Creds { entries: Vec::new(), unknown: false, origin: None, by_name: false };
    for element in named_children(array) {
        if element.kind() != "array_element_initializer" {
            continue;
        }
        let mut cursor = element.walk();
        let has_arrow = element.children(&mut cursor).any(|c| c.kind() == "=>");
        let parts = named_children(element);
        match (has_arrow, parts.as_slice()) {
            (true, [key, value]) => match key_text(*key, src, Lang::Php) {
                Some(k) => creds.entries.push((k, *value)),
                None => creds.unknown = true,
            },
            (false, [only]) if only.kind() == "variadic_unpacking" => creds.unknown = true,
            _ => {}
        }
    }
    creds
}

fn js_object<'t>(cx: &CheckCx<'_, 't>, object: Node<'t>, depth: usize) -> Creds<'t> {
    let src = cx.file.src;
    let mut creds = Creds { entries: Vec::new(), unknown: false, origin: None, by_name: false };
    for child in named_children(object) {
        match child.kind() {
            "pair" => {
                let key = child.child_by_field_name("key");
                let value = child.child_by_field_name("value");
                match (key.and_then(|k| key_text(k, src, cx.file.lang)), value) {
                    (Some(k), Some(v)) => creds.entries.push((k, v)),
                    _ => creds.unknown = true,
                }
            }
            "shorthand_property_identifier" => creds.entries.push((text(child, src).to_owned(), child)),
            "spread_element" => {
                let inner = named_children(child).first().map(|n| unwrap_expr(*n));
                let resolved = inner.and_then(|n| match n.kind() {
                    "object" => Some(n),
                    "identifier" if depth < 3 => resolve_js_literal(cx, n, "object"),
                    _ => None,
                });
                match resolved {
                    Some(obj) => {
                        let inner = js_object(cx, obj, depth + 1);
                        creds.unknown |= inner.unknown;
                        creds.entries.extend(inner.entries);
                    }
                    None => creds.unknown = true,
                }
            }
            _ => {}
        }
    }
    creds
}

/// Node kinds that open a function scope, in the supported grammars.
const FUNCTION_KINDS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "function_definition",
    "method_declaration",
    "anonymous_function",
    "anonymous_function_creation_expression",
    "arrow_function_expression",
    // Python `lambda`; Ruby `def`, `def self.x`, `lambda`.
    "lambda",
    "method",
    "singleton_method",
];

/// The nearest enclosing function of a node (`None` at the top level).
fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut n = node.parent();
    while let Some(p) = n {
        if FUNCTION_KINDS.contains(&p.kind()) {
            return Some(p);
        }
        n = p.parent();
    }
    None
}

/// Whether `name` is a parameter of a function enclosing `node`: such a value comes from the
/// caller, and no literal in the file says what it holds.
fn is_parameter(node: Node<'_>, name: &str, src: &str) -> bool {
    let mut f = enclosing_function(node);
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
        f = enclosing_function(func);
    }
    false
}

/// The literal of kind `kind` last assigned to the identifier `ident` before it is used
/// (`const creds = {...}` / `$creds = [...]`) in its function or an enclosing scope.
pub(super) fn resolve_literal<'t>(cx: &CheckCx<'_, 't>, ident: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let src = cx.file.src;
    let name = text(ident, src);
    if is_parameter(ident, name, src) {
        return None;
    }
    // Scopes whose assignments are visible here: the ident's function and those around it.
    let mut scopes = vec![None];
    let mut f = enclosing_function(ident);
    while let Some(func) = f {
        scopes.push(Some(func.id()));
        f = enclosing_function(func);
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
            || !scopes.contains(&enclosing_function(node).map(|f| f.id()))
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

fn resolve_js_literal<'t>(cx: &CheckCx<'_, 't>, ident: Node<'t>, kind: &str) -> Option<Node<'t>> {
    resolve_literal(cx, ident, &[kind])
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

/// The PHP expression to read the JWT from, following how the password was read
/// (`getenv('RC_PASSWORD')` gives `getenv('RC_JWT')`, `$cfg['password']` gives `$cfg['jwt']`).
pub(super) fn php_jwt_expr(cx: &CheckCx<'_, '_>, password: Option<Node<'_>>) -> String {
    let src = cx.file.src;
    let jwt = cx.file.jwt_var;
    if let Some(pw) = password.map(unwrap_expr) {
        match pw.kind() {
            "function_call_expression" => {
                let func = pw.child_by_field_name("function").map(|f| text(f, src)).unwrap_or_default();
                let first = pw
                    .child_by_field_name("arguments")
                    .and_then(|a| arguments(a).first().map(|n| unwrap_expr(*n)));
                if matches!(func.to_ascii_lowercase().as_str(), "getenv" | "env" | "\\getenv")
                    && first.is_some_and(|f| is_string(f, Lang::Php))
                {
                    let q = quote_of(first, src);
                    return format!("{func}({q}{jwt}{q})");
                }
            }
            "subscript_expression" => {
                let parts = named_children(pw);
                if let [base, key] = parts.as_slice()
                    && let Some(old) = string_value(*key, src, Lang::Php)
                {
                    let base_text = text(*base, src);
                    let env_like = matches!(base_text, "$_ENV" | "$_SERVER");
                    let q = quote_of(Some(*key), src);
                    return format!("{base_text}[{q}{}{q}]", jwt_key(&old, env_like, jwt));
                }
            }
            _ => {}
        }
    }
    format!("getenv('{jwt}')")
}

/// The JS expression to read the JWT from (`process.env.RC_PASSWORD` gives
/// `process.env.RC_JWT`, `config.password` gives `config.jwt`).
pub(super) fn js_jwt_expr(cx: &CheckCx<'_, '_>, password: Option<Node<'_>>) -> String {
    let src = cx.file.src;
    let jwt = cx.file.jwt_var;
    if let Some(pw) = password.map(unwrap_expr) {
        match pw.kind() {
            "member_expression" => {
                if let (Some(obj), Some(prop)) =
                    (pw.child_by_field_name("object"), pw.child_by_field_name("property"))
                {
                    let obj_text = text(obj, src);
                    let env_like = obj_text.ends_with("env");
                    if env_like || obj.kind() == "identifier" || obj.kind() == "member_expression" {
                        return format!("{obj_text}.{}", jwt_key(text(prop, src), env_like, jwt));
                    }
                }
            }
            "subscript_expression" => {
                if let (Some(obj), Some(index)) =
                    (pw.child_by_field_name("object"), pw.child_by_field_name("index"))
                    && let Some(old) = string_value(index, src, cx.file.lang)
                {
                    let obj_text = text(obj, src);
                    let q = quote_of(Some(index), src);
                    return format!("{obj_text}[{q}{}{q}]", jwt_key(&old, obj_text.ends_with("env"), jwt));
                }
            }
            _ => {}
        }
    }
    format!("process.env.{jwt}")
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

fn origin_label(creds: &Creds<'_>, out: &mut Bindings, what: &str) {
    if let Some(origin) = creds.origin.filter(|_| !creds.by_name) {
        out.labels.push(Label { range: origin.byte_range(), message: format!("{what} defined here") });
    }
}

/// How an options literal selects the password branch, if it does.
fn judge_options(
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

/// `->login(...)` of the RingCentral PHP SDK taking the password branch.
pub fn php_password_login(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let args = arguments(cx.cap("args")?);
    if args.iter().any(|a| is_special_php_argument(*a)) {
        return None;
    }
    let src = cx.file.src;
    let mut out = Bindings::default();
    let first = unwrap_expr(*args.first()?);
    let (evidence, shape, password) = match args.len() {
        2..=4 if first.kind() != "array_creation_expression" => {
            let pw = args.get(2).copied();
            secret_if_literal(cx, pw, &mut out);
            let evidence = if args.len() >= 3 { Evidence::Strong } else { Evidence::Weak };
            (evidence, "`login($username, $extension, $password)` with positional credentials".to_owned(), pw)
        }
        1 => {
            let (array, via) = match first.kind() {
                "array_creation_expression" => (first, None),
                "variable_name" => {
                    let lit = resolve_literal(cx, first, &["array_creation_expression"])?;
                    (lit, Some(text(first, src)))
                }
                _ => return None,
            };
            let mut creds = php_array(array, src);
            if via.is_some() {
                creds.origin = Some(array);
            }
            let (evidence, kind) = judge_options(&creds, cx, PHP_NON_PASSWORD_KEYS)?;
            origin_label(&creds, &mut out, "credentials");
            out.var(
                "q",
                quote_of(
                    creds.entries.first().map(|(_, v)| *v).and_then(|_| {
                        named_children(array).first().and_then(|e| named_children(*e).first().copied())
                    }),
                    src,
                )
                .to_string(),
            );
            let shape = match (kind, via) {
                ("credentials", Some(v)) => format!("`login({v})` where `{v}` holds a username and password"),
                ("credentials", None) => "`login([...])` with a username and password".to_owned(),
                ("empty-jwt", _) => {
                    "`login([...])` with an empty `jwt`, which falls back to the password grant".to_owned()
                }
                _ => "`login([...])` without a `jwt` or `code` key, which falls back to the password grant"
                    .to_owned(),
            };
            (evidence, shape, creds.value("password"))
        }
        _ => return None,
    };
    if !receiver::accept(cx, receiver, evidence, &mut out) {
        return None;
    }
    out.var("shape", shape);
    out.var("sdk_name", SdkFamily::PhpSdk.package());
    out.var("jwt_expr", php_jwt_expr(cx, password));
    if out.get("q").is_none() {
        out.var("q", "'");
    }
    Some(out)
}

/// `->authorize($user, $ext, $pw[, $remember])`: PHP SDK 0.x and RingCentralLite.
pub fn php_legacy_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let args = arguments(cx.cap("args")?);
    if args.iter().any(|a| is_special_php_argument(*a)) {
        return None;
    }
    if let Some(first) = args.first().map(|a| unwrap_expr(*a))
        && first.kind() == "array_creation_expression"
    {
        return php_wrapper_authorize(cx, receiver, first, args.len());
    }
    if !(3..=4).contains(&args.len()) {
        return None;
    }
    let mut out = Bindings::default();
    if !receiver::accept(cx, receiver, Evidence::Strong, &mut out) {
        return None;
    }
    let src = cx.file.src;
    let lite = cx.file.context.sdk == Some(SdkFamily::PhpLite) || text(receiver, src).contains("Lite");
    let family = if lite { SdkFamily::PhpLite } else { SdkFamily::PhpLegacy };
    secret_if_literal(cx, args.get(2).copied(), &mut out);
    out.var("sdk_family", family.key());
    out.var("sdk_name", family.package());
    out.var(
        "shape",
        if lite {
            "RingCentralLite `authorize($username, $extension, $password)`"
        } else {
            "PHP SDK 0.x `getPlatform()->authorize($username, $extension, $password)`"
        },
    );
    out.var("jwt_expr", php_jwt_expr(cx, args.get(2).copied()));
    out.var("q", "'");
    Some(out)
}

/// A wrapper's `->authorize(['username' => .., 'extension' => .., 'password' => ..])` in
/// RingCentral code (a Glip or app client that forwards the array to the SDK's password login).
/// All three RingCentral credentials must be there, with no `jwt`/`code`: the extension is the
/// RingCentral login's own, so the receiver need not be named like a platform.
fn php_wrapper_authorize<'t>(
    cx: &CheckCx<'_, 't>,
    receiver: Node<'t>,
    array: Node<'t>,
    arg_count: usize,
) -> Option<Bindings> {
    let src = cx.file.src;
    let creds = php_array(array, src);
    if arg_count > 2
        || creds.unknown
        || creds.has_non_empty(&["jwt", "code", "access_token"], src, cx.file.lang)
        || !["username", "password", "extension"].iter().all(|k| creds.value(k).is_some())
    {
        return None;
    }
    let mut out = Bindings::default();
    if !receiver::accept(cx, receiver, Evidence::Strong, &mut out) {
        let reason = cx.file.context.rc_reason()?;
        out.notes.push(format!(
            "RingCentral code ({reason}): `{}` receives the RingCentral username, extension and password",
            text(receiver, src)
        ));
    }
    let password = creds.value("password");
    secret_if_literal(cx, password, &mut out);
    out.var("sdk_family", SdkFamily::PhpSdk.key());
    out.var("sdk_name", "a wrapper of ringcentral/ringcentral-php");
    out.var(
        "shape",
        "a wrapper's `authorize(['username' => .., 'extension' => .., 'password' => ..])`, which logs in with the password grant",
    );
    out.var("jwt_expr", php_jwt_expr(cx, password));
    out.var("q", "'");
    Some(out)
}

fn js_family(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str) -> SdkFamily {
    // `getPlatform()` is rcsdk v1; `appKey`/`appSecret` options are the v2/v3 `ringcentral`
    // package, even when the file reaches the SDK through the `RingCentral.SDK` global.
    let src = cx.file.src;
    let legacy = text(receiver, src).contains("getPlatform")
        || src.contains("getPlatform(")
        || src.contains("appKey")
        || src.contains("appSecret");
    match cx.file.context.sdk {
        Some(SdkFamily::JsSdk) | None if legacy => return SdkFamily::JsLegacy,
        Some(f) => return f,
        None => {}
    }
    if method == "auth" {
        return SdkFamily::RcTs;
    }
    if text(receiver, cx.file.src).contains("getPlatform") {
        return SdkFamily::JsLegacy;
    }
    SdkFamily::JsSdk
}

/// Options of a JS call: an object literal or an identifier bound to one.
fn js_options<'t>(cx: &CheckCx<'_, 't>, arg: Node<'t>) -> Option<Creds<'t>> {
    let arg = unwrap_expr(arg);
    match arg.kind() {
        "object" => Some(js_object(cx, arg, 0)),
        "identifier" => {
            let obj = resolve_js_literal(cx, arg, "object")?;
            let mut creds = js_object(cx, obj, 0);
            creds.origin = Some(obj);
            Some(creds)
        }
        // `login(config.user)` where `config` is a local object literal holding `user: {...}`.
        "member_expression" => {
            let (object, property) =
                (arg.child_by_field_name("object")?, arg.child_by_field_name("property")?);
            let named_credentials = || {
                let name = text(property, cx.file.src).to_ascii_lowercase();
                CREDENTIAL_OBJECT_NAMES.contains(&name.as_str()).then(|| Creds {
                    // What such an object holds for the SDK: a username and a password.
                    entries: vec![("username".to_owned(), arg)],
                    unknown: false,
                    origin: Some(arg),
                    by_name: true,
                })
            };
            if object.kind() != "identifier" {
                return named_credentials();
            }
            let Some(literal) = resolve_js_literal(cx, object, "object") else { return named_credentials() };
            let outer = js_object(cx, literal, 0);
            let inner = unwrap_expr(outer.value(text(property, cx.file.src))?);
            if inner.kind() != "object" {
                return None;
            }
            let mut creds = js_object(cx, inner, 0);
            creds.origin = Some(inner);
            Some(creds)
        }
        _ => None,
    }
}

/// `.login(...)` on a RingCentral JS platform or SDK taking the password branch.
pub fn js_password_login(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let args = arguments(cx.cap("args")?);
    let mut out = Bindings::default();
    let (evidence, shape, password) = match args.len() {
        0 => (
            Evidence::Weak,
            "`login()` without credentials, which falls back to the password grant".to_owned(),
            None,
        ),
        1 => {
            let creds = js_options(cx, args[0])?;
            let (evidence, kind) = judge_options(&creds, cx, JS_NON_PASSWORD_KEYS)?;
            origin_label(&creds, &mut out, "login options");
            let shape = match kind {
                "credentials" if creds.by_name => format!(
                    "`login({})`: a user's credentials object (defined elsewhere, with no `jwt` or `code`)",
                    text(unwrap_expr(args[0]), cx.file.src)
                ),
                "credentials" if creds.origin.is_some() => format!(
                    "`login({})` whose options hold a username and password",
                    text(unwrap_expr(args[0]), cx.file.src)
                ),
                "credentials" => "`login({ username, extension, password })`".to_owned(),
                "empty-jwt" => "`login({ jwt: '' })` with an empty JWT, which falls back to the password grant".to_owned(),
                _ => "`login({...})` without `jwt`, `code` or `access_token`, which falls back to the password grant".to_owned(),
            };
            (evidence, shape, creds.value("password"))
        }
        3 if args.iter().all(|a| !matches!(unwrap_expr(*a).kind(), "object" | "spread_element")) => {
            let pw = Some(args[2]);
            secret_if_literal(cx, pw, &mut out);
            (
                Evidence::Strong,
                "`login(username, extension, password)` with positional credentials".to_owned(),
                pw,
            )
        }
        _ => return None,
    };
    if !receiver::accept(cx, receiver, evidence, &mut out) {
        return None;
    }
    let family = js_family(cx, receiver, "login");
    out.var("sdk_family", family.key());
    out.var("sdk_name", family.package());
    out.var("shape", shape);
    out.var("jwt_expr", typed_jwt_expr(cx, family, js_jwt_expr(cx, password)));
    Some(out)
}

/// `@rc-ex/core` types `jwt` as `string`: under `tsc --strict` an env read needs `!`.
fn typed_jwt_expr(cx: &CheckCx<'_, '_>, family: SdkFamily, expr: String) -> String {
    let typescript = matches!(cx.file.lang, Lang::TypeScript | Lang::Tsx);
    if typescript && family == SdkFamily::RcEx && expr.contains("env") && !expr.ends_with('!') {
        format!("{expr}!")
    } else {
        expr
    }
}

/// `.authorize({...})` / `.auth({...})` with a username and password.
pub fn js_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let method = text(cx.cap("method")?, cx.file.src);
    let args = arguments(cx.cap("args")?);
    let first = *args.first()?;
    let creds = js_options(cx, first)?;
    let (evidence, kind) = judge_options(&creds, cx, JS_NON_PASSWORD_KEYS)?;
    if kind != "credentials" {
        return None;
    }
    // The Engage Voice client built for the legacy portal posts these to the portal, not to
    // RingCentral.
    if super::engage_voice::legacy_engage_voice_client(cx, receiver) {
        return None;
    }
    let mut out = Bindings::default();
    if super::engage_voice::office_engage_voice_client(cx, receiver) {
        out.notes.push(format!(
            "`{}` is an Engage Voice client built with a client id: it logs in to RingCentral first",
            text(receiver, cx.file.src)
        ));
    } else if !receiver::accept(cx, receiver, evidence, &mut out) {
        return None;
    }
    origin_label(&creds, &mut out, "credentials");
    // `@ringcentral/sdk` (v4+) has no `authorize`: a platform `authorize` is the v1 API.
    let family = match js_family(cx, receiver, method) {
        SdkFamily::JsSdk => SdkFamily::JsLegacy,
        f => f,
    };
    let shape = match family {
        SdkFamily::JsLegacy => "rcsdk v1 `platform.authorize({ username, extension, password })`",
        SdkFamily::RcEx => "@rc-ex/core `authorize({ username, extension, password })` (removed in 1.7.0)",
        SdkFamily::Concise => "ringcentral-js-concise `authorize({ username, extension, password })`",
        SdkFamily::RcTs => "ringcentral-ts `auth({ username, extension, password })`",
        _ => "`authorize({ username, extension, password })`",
    };
    out.var("sdk_family", family.key());
    out.var("sdk_name", family.package());
    out.var("shape", shape);
    out.var("jwt_expr", typed_jwt_expr(cx, family, js_jwt_expr(cx, creds.value("password"))));
    Some(out)
}

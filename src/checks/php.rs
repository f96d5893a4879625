//! The PHP check room: `$platform->login(...)` of the RingCentral PHP SDK, the legacy
//! `->authorize(...)` of SDK 0.x and RingCentralLite, wrappers that take a credentials array,
//! and the PHP expression that reads the JWT.

use tree_sitter::Node;

use super::login::{
    Creds, arguments, judge_options, jwt_key, origin_label, quote_of, resolve_literal, secret_if_literal,
};
use super::receiver::{self, Evidence};
use super::{Bindings, CheckCx, CheckDef};
use crate::context::SdkFamily;
use crate::lang::Lang;
use crate::syntax::{is_string, key_text, named_children, string_value, text, unwrap_expr};

/// The languages of this room.
const LANGS: &[Lang] = &[Lang::Php, Lang::PhpOnly];

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: LANGS, checks: CHECKS, jwt_expr: php_jwt_expr };

/// This room's checks.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "php-password-login",
        languages: LANGS,
        needs: &["receiver", "args"],
        provides: &["shape", "jwt_expr", "q", "sdk_name"],
        about: "`->login(...)` that takes the password branch of the RingCentral PHP SDK \
                (positional credentials, or an array without a non-empty `jwt`/`code`), on a \
                RingCentral platform",
        run: php_password_login,
        file_gate: Some(receiver::receiver_in_context),
        text_gate: Some(|text, _| receiver::php_may_name_receiver(text)),
    },
    CheckDef {
        name: "php-legacy-authorize",
        languages: LANGS,
        needs: &["receiver", "args"],
        provides: &["shape", "jwt_expr", "q", "sdk_family", "sdk_name"],
        about: "`->authorize($user, $ext, $pw[, $remember])` of PHP SDK 0.x or RingCentralLite",
        run: php_legacy_authorize,
        file_gate: Some(receiver::receiver_in_context),
        text_gate: Some(|text, _| receiver::php_may_name_receiver(text)),
    },
];

/// Option keys that select a flow other than the password grant when non-empty.
const PHP_NON_PASSWORD_KEYS: &[&str] = &["jwt", "code"];

/// Whether a PHP argument is named (`login(username: $u)`) or unpacked (`...$a`).
fn is_special_php_argument(arg: Node<'_>) -> bool {
    arg.child_by_field_name("name").is_some()
        || arg.kind() == "variadic_unpacking"
        || named_children(arg).first().is_some_and(|c| c.kind() == "variadic_unpacking")
}

/// What named or unpacked arguments of `login(...)` amount to.
enum SpecialArgs<'t> {
    /// Username, extension and password in the SDK's positional order (absent ones as a
    /// placeholder node), and how the call spells them.
    Positional(Vec<Node<'t>>, String),
    /// The options argument: an array unpacked whole (`login(...['username' => ...])`), or
    /// the one element of an unpacked list (`login(...[$options])`).
    Options(Node<'t>),
}

/// Reads PHP 8 named arguments (`login(username: $u, extension: $e, password: $p)`, which the
/// 1.x signature `login($username, $extension, $password)` takes) and an unpacked array the
/// file spells out (`login(...$creds)`). `None` when what is passed cannot be known.
fn special_arguments<'t>(cx: &CheckCx<'_, 't>, args: &[Node<'t>]) -> Option<SpecialArgs<'t>> {
    let src = cx.file.src;
    if let [only] = args {
        let unpack = if only.kind() == "variadic_unpacking" {
            Some(*only)
        } else {
            named_children(*only).first().copied().filter(|c| c.kind() == "variadic_unpacking")
        };
        if let Some(unpack) = unpack {
            let inner = unwrap_expr(*named_children(unpack).first()?);
            let array = match inner.kind() {
                "array_creation_expression" => inner,
                "variable_name" => resolve_literal(cx, inner, &["array_creation_expression"])?,
                _ => return None,
            };
            let elements = named_children(array);
            let keyed = elements.iter().any(|e| named_children(*e).len() == 2);
            if keyed {
                return Some(SpecialArgs::Options(array));
            }
            let values: Vec<Node<'t>> =
                elements.iter().filter_map(|e| named_children(*e).first().copied()).collect();
            let how = format!("`login(...{})` unpacking positional credentials", text(inner, src));
            return match values.as_slice() {
                // `login(...[$options])`: one argument, the options array.
                [options] => Some(SpecialArgs::Options(*options)),
                [_, _, ..] => Some(SpecialArgs::Positional(values, how)),
                [] => None,
            };
        }
    }
    // Named arguments, in the order of the 1.x signature.
    let mut values: Vec<Option<Node<'t>>> = vec![None; 3];
    for arg in args {
        let name = arg.child_by_field_name("name")?;
        let value = *named_children(*arg).last()?;
        let slot = ["username", "extension", "password"].iter().position(|p| *p == text(name, src))?;
        values[slot] = Some(value);
    }
    let password = values[2]?;
    let fill = values[0].or(values[1]).unwrap_or(password);
    let values = values.into_iter().map(|v| v.unwrap_or(fill)).collect();
    Some(SpecialArgs::Positional(
        values,
        "`login(username: ..., password: ...)` with named arguments".to_owned(),
    ))
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

/// `->login(...)` of the RingCentral PHP SDK taking the password branch.
pub fn php_password_login(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let mut args = arguments(cx.cap("args")?);
    let src = cx.file.src;
    let mut spelled = None;
    if args.iter().any(|a| is_special_php_argument(*a)) {
        match special_arguments(cx, &args)? {
            SpecialArgs::Positional(values, how) => {
                args = values;
                spelled = Some(how);
            }
            SpecialArgs::Options(array) => args = vec![array],
        }
    }
    let mut out = Bindings::default();
    let first = unwrap_expr(*args.first()?);
    let (evidence, shape, password) = match args.len() {
        2..=4 if first.kind() != "array_creation_expression" && spelled.is_some() => {
            let pw = args.get(2).copied();
            secret_if_literal(cx, pw, &mut out);
            let evidence = if pw.is_some() { Evidence::Strong } else { Evidence::Weak };
            (evidence, spelled.unwrap_or_default(), pw)
        }
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

//! JWT logins whose JWT falls back to an empty value: `login(['jwt' => getenv('RC_JWT') ?: ''])`,
//! `login({ jwt: process.env.RC_JWT || '' })`, `login(jwt=os.environ.get('RC_JWT', ''))`.
//!
//! The PHP, JavaScript and Python SDKs take the password branch when `jwt` is empty, so a
//! missing variable turns a migrated login back into a password login that fails at run time
//! with a confusing error. Only explicit empty fallbacks are reported: they say the author
//! expected the variable to be missing sometimes.

use tree_sitter::Node;

use super::receiver::{self, Evidence};
use super::{Bindings, CheckCx, CheckDef};
use crate::lang::Lang;
use crate::syntax::{is_empty_literal, key_text, named_children, string_value, text, unwrap_expr};

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[CheckDef {
    name: "jwt-empty-fallback",
    languages: &[Lang::Php, Lang::PhpOnly, Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Python],
    needs: &["receiver", "args"],
    provides: &["jwt_source", "fallback", "required", "lang_family", "jwt_arg", "code_login"],
    about: "a RingCentral `login` whose `jwt` is an environment or config read with an empty \
            fallback (`?: ''`, `|| ''`, `?? ''`, `or ''`, `.get('X', '')`), which sends the password \
            grant when the variable is missing",
    run: jwt_empty_fallback,
    file_gate: None,
    text_gate: None,
}];

/// The `jwt` value of a login's arguments: the `'jwt' =>` element of a PHP array, the `jwt:`
/// property of a JS object, the `jwt=` keyword argument in Python.
fn jwt_value<'t>(args: Node<'t>, src: &str, lang: Lang) -> Option<Node<'t>> {
    let parts = named_children(args);
    let [first, ..] = parts.as_slice() else { return None };
    let container = match lang {
        Lang::Python => args,
        _ => unwrap_expr(*first),
    };
    named_children(container).into_iter().find_map(|element| {
        let (key, value) = match element.kind() {
            "pair" => (element.child_by_field_name("key")?, element.child_by_field_name("value")?),
            "keyword_argument" => {
                (element.child_by_field_name("name")?, element.child_by_field_name("value")?)
            }
            "array_element_initializer" => {
                let kv = named_children(element);
                let [k, v] = kv.as_slice() else { return None };
                (*k, *v)
            }
            _ => return None,
        };
        (key_text(key, src, lang).as_deref() == Some("jwt")).then_some(unwrap_expr(value))
    })
}

/// The read and its empty fallback, when `value` is one: (the read, the fallback as written).
fn split_fallback<'t>(value: Node<'t>, src: &str, lang: Lang) -> Option<(Node<'t>, String)> {
    let empty = |n: Node<'_>| is_empty_literal(unwrap_expr(n), src, lang) && text(n, src) != "undefined";
    match value.kind() {
        // JS `a || ''`, `a ?? ''`; PHP `a ?? ''`.
        "binary_expression" => {
            let op = value.child_by_field_name("operator").map(|o| text(o, src))?;
            let right = value.child_by_field_name("right")?;
            (matches!(op, "||" | "??" | "or") && empty(right))
                .then(|| (value.child_by_field_name("left"), format!("{op} {}", text(right, src))))
                .and_then(|(l, f)| Some((unwrap_expr(l?), f)))
        }
        // Python `a or ''`.
        "boolean_operator" => {
            let op = value.child_by_field_name("operator").map(|o| text(o, src))?;
            let right = value.child_by_field_name("right")?;
            (op == "or" && empty(right))
                .then(|| (value.child_by_field_name("left"), format!("or {}", text(right, src))))
                .and_then(|(l, f)| Some((unwrap_expr(l?), f)))
        }
        // PHP `a ?: ''` (a conditional expression without a middle part).
        "conditional_expression" if lang != Lang::Python => {
            let condition = value.child_by_field_name("condition")?;
            let body = value.child_by_field_name("body");
            let alternative = value.child_by_field_name("alternative")?;
            (body.is_none() && empty(alternative))
                .then(|| (unwrap_expr(condition), format!("?: {}", text(alternative, src))))
        }
        // Python `os.environ.get('RC_JWT', '')`, `os.getenv('RC_JWT', '')`.
        "call" => {
            let func = value.child_by_field_name("function").map(|f| text(f, src))?;
            let args = named_children(value.child_by_field_name("arguments")?);
            let [name, default] = args.as_slice() else { return None };
            (matches!(func.rsplit('.').next(), Some("get" | "getenv"))
                && string_value(*name, src, lang).is_some()
                && empty(*default))
            .then(|| (value, format!("default {}", text(*default, src))))
        }
        _ => None,
    }
}

/// `os.environ[NAME]` for a Python environment read by name (`os.environ.get(NAME, ...)`,
/// `os.getenv(NAME)`).
fn python_required(read: Node<'_>, src: &str) -> Option<String> {
    if read.kind() != "call" {
        return None;
    }
    let func = text(read.child_by_field_name("function")?, src);
    if !(func.ends_with("environ.get") || func.ends_with("getenv")) {
        return None;
    }
    let args = named_children(read.child_by_field_name("arguments")?);
    Some(format!("os.environ[{}]", text(*args.first()?, src)))
}

/// A login whose `jwt` falls back to an empty value.
pub fn jwt_empty_fallback(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let receiver = cx.cap("receiver")?;
    let value = jwt_value(cx.cap("args")?, src, lang)?;
    let (read, fallback) = split_fallback(value, src, lang)?;
    let mut out = Bindings::default();
    if !receiver::accept(cx, receiver, Evidence::Weak, &mut out) {
        return None;
    }
    let source = text(read, src);
    let (family, required) = match lang {
        // `os.environ.get('RC_JWT', '')`, `os.getenv('RC_JWT') or ''` become
        // `os.environ['RC_JWT']`: a missing variable raises `KeyError` at the login.
        Lang::Python => ("python", python_required(read, src).unwrap_or_else(|| source.to_owned())),
        Lang::Php | Lang::PhpOnly => {
            ("php", format!("{source} ?: throw new \\RuntimeException('{} is not set')", cx.file.jwt_var))
        }
        _ => ("js", source.to_owned()),
    };
    out.ranges.push(("jwt_arg", value.byte_range()));
    let recv = text(receiver, src);
    out.var(
        "code_login",
        match family {
            "php" => format!("{recv}->login(['code' => $code, 'redirect_uri' => $redirectUri])"),
            "python" => format!("{recv}.login(code=code, redirect_uri=redirect_uri)"),
            _ => format!("{recv}.login({{ code, redirect_uri: redirectUri }})"),
        },
    );
    out.var("jwt_source", source);
    out.var("fallback", fallback);
    out.var("required", required);
    out.var("lang_family", family);
    out.labels.push(crate::finding::Label {
        range: value.byte_range(),
        message: "an empty JWT selects the password grant".to_owned(),
    });
    Some(out)
}

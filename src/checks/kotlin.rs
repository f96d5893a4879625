//! Kotlin: the RingCentral Java SDK (`com.ringcentral:ringcentral`, and its Kotlin fork
//! `tylerlong/ringcentral-kotlin`) called from Kotlin: `rc.authorize(username, extension,
//! password)`, positional or with named arguments.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::login::{Creds, resolve_literal, wrapper_args};
use super::{Bindings, CheckCx, CheckDef};
use crate::lang::Lang;
use crate::syntax::{named_children, string_value, text, unwrap_expr};

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::Kotlin], checks: CHECKS, jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "kotlin-password-authorize",
        languages: &[Lang::Kotlin],
        needs: &["receiver", "method", "args"],
        provides: &["shape", "jwt_expr", "sdk_name", "sdk_family"],
        about: "`rc.authorize(username, extension, password)` of the RingCentral Java SDK (< 3.3.0) \
            or its Kotlin fork called from Kotlin, positional or with `username =`/`extension =`/\
            `password =` named arguments (one argument is the JWT overload, two the \
            authorization code); the receiver is a `RestClient` made in the file or named like a \
            RingCentral client in RingCentral code; an app's own client's `login`/`authorize`/\
            `auth`/`authenticate` given a map, a constructor with named arguments or named \
            arguments with a username and a password in RingCentral code",
        run: kotlin_password_authorize,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "video-sdk-native",
        // The RingCentral Video SDK's Android (Kotlin) and iOS (Swift) samples.
        languages: &[Lang::Kotlin, Lang::Swift],
        needs: &[],
        provides: &[],
        about: "the file uses the RingCentral Video SDK's native API (`RcvEngine`, \
                `RcvOauthOptions`, `RcvGrantType`, the `com.ringcentral.video` package) or is \
                otherwise RingCentral code",
        run: video_sdk_native,
        file_gate: None,
        text_gate: None,
    },
];

/// The native Video SDK's names.
static VIDEO_SDK: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(r"\bRcv(?:Engine|OauthOptions|GrantType)\b|\bcom\.ringcentral\.video\b")
});

pub(super) fn video_sdk_native(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let mut out = Bindings::default();
    if VIDEO_SDK.is_match(cx.file.src) {
        out.notes.push("RingCentral Video SDK: the file uses its native API (`RcvEngine`)".to_owned());
    } else {
        let reason = cx.file.context.rc_reason()?;
        out.notes.push(format!("RingCentral code: {reason}"));
    }
    Some(out)
}

/// RingCentral code in Kotlin: the Java SDK's package, or the context's evidence.
pub(super) static RC_IMPORT: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"\bimport\s+com\.ringcentral\b"));

/// The arguments of a call in order: each value, with its label lower-cased when written
/// `name = value`.
fn arguments<'t>(args: Node<'t>, src: &str) -> Vec<(Option<String>, Node<'t>)> {
    named_children(args)
        .into_iter()
        .filter(|a| a.kind() == "value_argument")
        .filter_map(|a| match named_children(a).as_slice() {
            [value] => Some((None, *value)),
            [name, value] if name.kind() == "identifier" => {
                Some((Some(text(*name, src).to_ascii_lowercase()), *value))
            }
            _ => None,
        })
        .collect()
}

/// `rc.authorize(username, extension, password)` of the SDK, else an app's own client given a
/// credentials map (`kotlin_wrapper`).
fn kotlin_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let method = text(cx.cap("method")?, cx.file.src);
    if method == "authorize"
        && let Some(found) = sdk_authorize(cx, receiver)
    {
        return Some(found);
    }
    kotlin_wrapper(cx, receiver, method)
}

/// The standard library's map builders.
const MAP_BUILDERS: &[&str] = &["mapOf", "hashMapOf", "mutableMapOf", "linkedMapOf", "sortedMapOf"];

/// A call's arguments as written: `(label, value)`, the label as spelled.
fn labelled<'t>(args: Node<'t>, src: &str) -> Vec<(Option<String>, Node<'t>)> {
    named_children(args)
        .into_iter()
        .filter(|a| a.kind() == "value_argument")
        .map(|a| match named_children(a).as_slice() {
            [name, value] if name.kind() == "identifier" => (Some(text(*name, src).to_owned()), *value),
            [value] => (None, *value),
            _ => (None, a),
        })
        .collect()
}

/// The entries of a Kotlin credentials value the file spells out: `mapOf("username" to u, ...)`
/// (or `hashMapOf`, `mutableMapOf`, ...), a constructor called with named arguments
/// (`Credentials(username = u, password = p)`), or a name last assigned one of those; with how
/// the finding shows it. `None` otherwise (a constructor's positional arguments name no field).
fn kotlin_credentials<'t>(cx: &CheckCx<'_, 't>, value: Node<'t>) -> Option<(Creds<'t>, [String; 2])> {
    let src = cx.file.src;
    let value = unwrap_expr(value);
    let call = match value.kind() {
        "call_expression" => value,
        "identifier" => resolve_literal(cx, value, &["call_expression"])?,
        _ => return None,
    };
    let callee = named_children(call).first().copied().filter(|c| c.kind() == "identifier")?;
    let callee_name = text(callee, src);
    let args = labelled(named_children(call).into_iter().find(|c| c.kind() == "value_arguments")?, src);
    let mut creds = Creds {
        entries: Vec::new(),
        unknown: false,
        origin: (call.id() != value.id()).then_some(call),
        by_name: false,
    };
    let shown = if MAP_BUILDERS.contains(&callee_name) {
        for (label, arg) in args {
            let pair = unwrap_expr(arg);
            let entry = match named_children(pair).as_slice() {
                [key, to, v]
                    if label.is_none() && pair.kind() == "infix_expression" && text(*to, src) == "to" =>
                {
                    string_value(*key, src, Lang::Kotlin).map(|k| (k, *v))
                }
                _ => None,
            };
            match entry {
                Some(entry) => creds.entries.push(entry),
                None => creds.unknown = true,
            }
        }
        wrapper_args(&creds, |k| format!("\"{k}\" to .."), &format!("{callee_name}("), ")")
    } else if callee_name.starts_with(|c: char| c.is_ascii_uppercase()) && !args.is_empty() {
        for (label, arg) in args {
            creds.entries.push((label?, unwrap_expr(arg)));
        }
        wrapper_args(&creds, |k| format!("{k} = .."), &format!("{callee_name}("), ")")
    } else {
        return None;
    };
    Some((creds, shown))
}

/// An app's own client whose `login`/`authorize`/`auth`/`authenticate` receives a credentials
/// map (or named arguments: `bot.login(username = u, password = p)`) with a username and a
/// password in RingCentral code (`login::accept_wrapper`): display-only guidance.
fn kotlin_wrapper(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str) -> Option<Bindings> {
    let src = cx.file.src;
    let call = cx.cap("call")?;
    let args = labelled(cx.cap("args")?, src);
    let (creds, [plain, with_ext]) = match args.as_slice() {
        [(_, only)] => kotlin_credentials(cx, *only)?,
        // `x.authorize(username = .., extension = .., password = ..)` is the SDK's signature: its
        // check judged the receiver, and a receiver it does not take is not a RingCentral client.
        [_, _, _] if method == "authorize" && args.iter().any(|(l, _)| l.as_deref() == Some("extension")) => {
            return None;
        }
        [_, _, ..] => super::login::labelled_credentials(receiver, &args, |k| format!("{k} = .."))?,
        _ => return None,
    };
    super::login::typed_wrapper(
        cx,
        call,
        (receiver, method),
        &creds,
        [&plain, &with_ext],
        ("kotlin-wrapper", "the app's own client around the RingCentral Java SDK"),
        jwt_expr,
    )
}

/// `rc.authorize(username, extension, password)`, positional or named.
fn sdk_authorize(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> Option<Bindings> {
    let src = cx.file.src;
    let args_node = cx.cap("args")?;
    let args = arguments(args_node, src);
    // One argument is the JWT overload, two the authorization code: the password grant takes
    // three credentials.
    if args.len() != 3 {
        return None;
    }
    let named = args.iter().any(|(label, _)| label.is_some());
    let password = if named {
        let mut seen: Vec<&str> = args.iter().filter_map(|(label, _)| label.as_deref()).collect();
        seen.sort_unstable();
        if seen != ["extension", "password", "username"] {
            return None;
        }
        args.iter().find(|(label, _)| label.as_deref() == Some("password")).map(|(_, v)| *v)?
    } else {
        args[2].1
    };
    if args.iter().any(|(_, v)| matches!(unwrap_expr(*v).kind(), "lambda_literal" | "object_literal")) {
        return None;
    }
    let mut out = Bindings::default();
    if !super::receiver::accept_sdk_client(
        cx,
        receiver,
        "RestClient",
        &RC_IMPORT,
        "the file imports the RingCentral Java SDK",
        password,
        &mut out,
    ) {
        return None;
    }
    let password = unwrap_expr(password);
    out.var("sdk_name", "com.ringcentral:ringcentral");
    out.var("sdk_family", "java-sdk");
    out.var(
        "shape",
        if named {
            "`authorize(username = ..., extension = ..., password = ...)` (deprecated in 3.x, removed in 3.3.0)"
        } else {
            "`authorize(username, extension, password)` (deprecated in 3.x, removed in 3.3.0)"
        },
    );
    out.var("jwt_expr", jwt_expr(cx, Some(password)));
    Some(out)
}

/// The expression that reads the JWT in Kotlin: `System.getenv("RC_JWT")`, the JWT overload's
/// argument whatever the password was read from (a property file or a UI field has no JWT
/// beside it to follow).
fn jwt_expr(cx: &CheckCx<'_, '_>, _password: Option<Node<'_>>) -> String {
    format!("System.getenv(\"{}\")", cx.file.jwt_var)
}

/// Whether a Kotlin value is the string `password`, directly or through the name's last
/// assignment (`const val GRANT = "password"`).
fn is_password_value_kt<'t>(cx: &CheckCx<'_, 't>, value: Node<'t>) -> bool {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let value = unwrap_expr(value);
    if let Some(v) = string_value(value, src, lang) {
        return v == "password";
    }
    if value.kind() != "identifier" {
        return false;
    }
    resolve_literal(cx, value, &["string_literal"])
        .and_then(|lit| string_value(lit, src, lang))
        .is_some_and(|v| v == "password")
}

/// A Kotlin call's method name and its arguments' values (`a.grant_type("password")`), with
/// the object it is called on.
fn kt_method_call<'t>(call: Node<'t>, src: &'t str) -> Option<(&'t str, Node<'t>, Vec<Node<'t>>)> {
    if call.kind() != "call_expression" {
        return None;
    }
    let children = named_children(call);
    let nav = children.first().copied().filter(|n| n.kind() == "navigation_expression")?;
    let parts = named_children(nav);
    let (object, name) = (*parts.first()?, *parts.last()?);
    if name.kind() != "identifier" || parts.len() < 2 {
        return None;
    }
    let args = children
        .iter()
        .find(|c| c.kind() == "value_arguments")
        .map(|a| {
            named_children(*a)
                .into_iter()
                .filter(|v| v.kind() == "value_argument")
                .filter_map(|v| named_children(v).last().copied())
                .collect()
        })
        .unwrap_or_default();
    let name: &'t str = &src[name.byte_range()];
    Some((name, object, args))
}

/// The Java SDK's `GetTokenRequest` from Kotlin: `GetTokenRequest().grant_type("password")
/// .username(u).extension(ext).password(pw)` (the outermost call of the chain is the match),
/// and `req.grant_type = "password"` on a request the file builds as `GetTokenRequest()`.
pub(super) fn kotlin_password_token_request(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    use super::java::{CREDENTIAL_SETTERS, JWT_GRANT, secret_if_literal};
    let chain = cx.cap("chain")?;
    let src = cx.file.src;
    let mut out = Bindings::default();
    out.var("lang_family", "kotlin");
    if chain.kind() == "assignment" {
        let left = chain.child_by_field_name("left")?;
        let parts = named_children(left);
        let (object, field) = (*parts.first()?, *parts.last()?);
        if parts.len() < 2
            || text(field, src) != "grant_type"
            || !is_password_value_kt(cx, chain.child_by_field_name("right")?)
        {
            return None;
        }
        // The request must be the SDK's: built as `GetTokenRequest()` in the file.
        let built = resolve_literal(cx, object, &["call_expression"])?;
        let callee = named_children(built).first().copied()?;
        if !text(callee, src).ends_with("GetTokenRequest") {
            return None;
        }
        let obj = text(object, src);
        out.var("shape", "`GetTokenRequest.grant_type = \"password\"` (from Kotlin)");
        out.var("chain_kind", "kotlin-field");
        out.var(
            "jwt_chain",
            format!("{obj}.grant_type = \"{JWT_GRANT}\"; {obj}.assertion = {}", jwt_expr(cx, None)),
        );
        return Some(out);
    }
    // Only the outermost call of a chain: `a.b().c()` is also matched at `a.b()`.
    if let Some(nav) = chain.parent()
        && nav.kind() == "navigation_expression"
        && named_children(nav).first().is_some_and(|o| o.id() == chain.id())
        && nav.parent().is_some_and(|c| c.kind() == "call_expression")
    {
        return None;
    }
    let mut calls = Vec::new();
    let mut node = chain;
    while let Some((name, object, args)) = kt_method_call(node, src) {
        calls.push((node, name, args));
        node = object;
    }
    calls.reverse();
    let root = node;
    let (grant_call, _, _) = *calls.iter().find(|(_, name, args)| {
        *name == "grant_type" && args.len() == 1 && is_password_value_kt(cx, args[0])
    })?;
    let builds_request = |n: Node<'_>| {
        n.kind() == "call_expression"
            && named_children(n).first().is_some_and(|c| text(*c, src).ends_with("GetTokenRequest"))
    };
    let builder = builds_request(root);
    // Setters called later on a request the file builds (`request.grant_type("password")`).
    let built_before = root.kind() == "identifier"
        && resolve_literal(cx, root, &["call_expression"]).is_some_and(builds_request);
    if !builder && !built_before {
        return None;
    }
    let password_arg =
        calls.iter().find(|(_, name, _)| *name == "password").and_then(|(_, _, a)| a.first().copied());
    secret_if_literal(cx, password_arg, &mut out);
    let grant_name_start = named_children(grant_call)
        .first()
        .and_then(|nav| named_children(*nav).last().copied())
        .map_or(grant_call.start_byte(), |n| n.start_byte());
    let sep = if text(chain, src).contains('\n') {
        format!("\n{}", crate::syntax::indentation_at(src, grant_name_start))
    } else {
        String::new()
    };
    let mut rebuilt = text(root, src).to_owned();
    rebuilt.push_str(&format!(
        "{sep}.grant_type(\"{JWT_GRANT}\"){sep}.assertion({})",
        jwt_expr(cx, password_arg)
    ));
    for (call, name, _) in &calls {
        if CREDENTIAL_SETTERS.contains(name) {
            continue;
        }
        let object_end = named_children(*call)
            .first()
            .and_then(|nav| named_children(*nav).first().copied())
            .map_or(call.start_byte(), |o| o.end_byte());
        rebuilt.push_str(&src[object_end..call.end_byte()]);
    }
    out.var(
        "shape",
        if builder {
            "`GetTokenRequest().grant_type(\"password\")` with a username and password (from Kotlin)"
        } else {
            "`GetTokenRequest` with `grant_type(\"password\")` (from Kotlin)"
        },
    );
    out.var("chain_kind", if builder { "kotlin-builder" } else { "kotlin-statement" });
    out.var("jwt_chain", rebuilt);
    Some(out)
}

//! Kotlin: the RingCentral Java SDK (`com.ringcentral:ringcentral`, and its Kotlin fork
//! `tylerlong/ringcentral-kotlin`) called from Kotlin: `rc.authorize(username, extension,
//! password)`, positional or with named arguments.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::login::{Creds, accept_wrapper, bind_wrapper, origin_label, resolve_literal, wrapper_args};
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
        // Labels on a request's method (Alamofire's `AF.request(url).authenticate(username:
        // password:)`, HTTP Basic credentials) are not a client's login: only a client held in
        // a name or a property takes them.
        [_, _, ..] if args.iter().all(|(label, _)| label.is_some()) => {
            if unwrap_expr(receiver).kind() == "call_expression" {
                return None;
            }
            let entries = args.iter().filter_map(|(l, v)| Some((l.clone()?, unwrap_expr(*v)))).collect();
            let creds = Creds { entries, unknown: false, origin: None, by_name: false };
            let shown = wrapper_args(&creds, |k| format!("{k} = .."), "", "");
            (creds, shown)
        }
        _ => return None,
    };
    let mut out = Bindings::default();
    if !accept_wrapper(cx, call, receiver, &creds, &mut out) {
        return None;
    }
    origin_label(&creds, &mut out, "credentials");
    super::login::trace_credentials(&creds, &mut out);
    let password = bind_wrapper(
        cx,
        (receiver, method),
        &creds,
        [&plain, &with_ext],
        ("kotlin-wrapper", "the app's own client around the RingCentral Java SDK"),
        &mut out,
    );
    out.var("jwt_expr", jwt_expr(cx, password));
    Some(out)
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

//! Swift: `ringcentral-swift`'s password login, `rc.authorize(username:ext:password:)` (the
//! SwiftPM `RingCentral` client) and the 1.x `RestClient`'s `rc.authorize("u", ext:, password:)`,
//! both with a completion closure. The SDK has no JWT login: the replacement is shown as a
//! request of the JWT grant.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::login::{Creds, resolve_literal, wrapper_args};
use super::{Bindings, CheckCx, CheckDef};
use crate::lang::Lang;
use crate::syntax::{named_children, string_value, text, unwrap_expr};

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::Swift], checks: CHECKS, jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[CheckDef {
    name: "swift-password-authorize",
    languages: &[Lang::Swift],
    needs: &["receiver", "method", "args"],
    provides: &["shape", "jwt_expr", "sdk_name", "sdk_family"],
    about: "`rc.authorize(username:ext:password:)` of ringcentral-swift (also `extension:`, and 1.x \
            `authorize(\"user\", ext:, password:)` with the username unlabelled); the receiver is a \
            `RingCentral`/`RestClient` made in the file or named like a RingCentral client in \
            RingCentral code; an app's own client's `login`/`authorize`/`auth`/`authenticate` \
            given a dictionary, a struct built with labels or labelled arguments with a username \
            and a password in RingCentral code",
    run: swift_password_authorize,
    file_gate: None,
    text_gate: None,
}];

/// RingCentral code in Swift: the SDK's module, or the context's evidence.
pub(super) static RC_IMPORT: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"\bimport\s+RingCentral\b"));

/// The arguments of a call in order: each value, with its label when written `label: value`.
fn arguments<'t>(args: Node<'t>, src: &str) -> Vec<(Option<String>, Node<'t>)> {
    named_children(args)
        .into_iter()
        .filter(|a| a.kind() == "value_argument")
        .filter_map(|a| {
            let value = a.child_by_field_name("value")?;
            let label = a.child_by_field_name("name").map(|n| text(n, src).trim().to_owned());
            Some((label, value))
        })
        .collect()
}

/// `rc.authorize(username:ext:password:)` of the SDK, else an app's own client given a
/// credentials dictionary or struct (`swift_wrapper`).
fn swift_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let method = text(cx.cap("method")?, cx.file.src);
    if method == "authorize"
        && let Some(found) = sdk_authorize(cx, receiver)
    {
        return Some(found);
    }
    swift_wrapper(cx, receiver, method)
}

/// The entries of a Swift credentials value the file spells out: a dictionary literal
/// (`["username": u, "password": p]`), a struct built with labels
/// (`Credentials(username: u, password: p)`), or a name last assigned one of those; with how the
/// finding shows it. `None` otherwise (unlabelled initializer arguments name no field).
fn swift_credentials<'t>(cx: &CheckCx<'_, 't>, value: Node<'t>) -> Option<(Creds<'t>, [String; 2])> {
    let src = cx.file.src;
    let value = unwrap_expr(value);
    let literal = match value.kind() {
        "dictionary_literal" | "call_expression" => value,
        "simple_identifier" => resolve_literal(cx, value, &["dictionary_literal", "call_expression"])?,
        _ => return None,
    };
    let mut creds = Creds {
        entries: Vec::new(),
        unknown: false,
        origin: (literal.id() != value.id()).then_some(literal),
        by_name: false,
    };
    if literal.kind() == "dictionary_literal" {
        let mut cursor = literal.walk();
        let keys: Vec<Node<'t>> = literal.children_by_field_name("key", &mut cursor).collect();
        let mut cursor = literal.walk();
        let values: Vec<Node<'t>> = literal.children_by_field_name("value", &mut cursor).collect();
        if keys.len() != values.len() {
            creds.unknown = true;
        }
        for (key, v) in keys.into_iter().zip(values) {
            match string_value(key, src, Lang::Swift) {
                Some(k) => creds.entries.push((k, v)),
                None => creds.unknown = true,
            }
        }
        let shown = wrapper_args(&creds, |k| format!("\"{k}\": .."), "[", "]");
        return Some((creds, shown));
    }
    // `Credentials(username: u, password: p)`: a type's memberwise initializer.
    let callee = named_children(literal).first().copied().filter(|c| c.kind() == "simple_identifier")?;
    let name = text(callee, src);
    let args = call_arguments(literal).map(|a| arguments(a, src)).unwrap_or_default();
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) || args.is_empty() {
        return None;
    }
    for (label, v) in args {
        creds.entries.push((label?, v));
    }
    let shown = wrapper_args(&creds, |k| format!("{k}: .."), &format!("{name}("), ")");
    Some((creds, shown))
}

/// The `value_arguments` of a call (in its `call_suffix`).
fn call_arguments(call: Node<'_>) -> Option<Node<'_>> {
    let suffix = named_children(call).into_iter().find(|c| c.kind() == "call_suffix")?;
    named_children(suffix).into_iter().find(|c| c.kind() == "value_arguments")
}

/// An app's own client whose `login`/`authorize`/`auth`/`authenticate` receives a credentials
/// dictionary or struct (or labelled arguments: `bot.login(username: u, password: p)`) with a
/// username and a password in RingCentral code (`login::accept_wrapper`): display-only guidance.
fn swift_wrapper(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str) -> Option<Bindings> {
    let src = cx.file.src;
    let call = cx.cap("call")?;
    let args = arguments(cx.cap("args")?, src);
    let (creds, [plain, with_ext]) = match args.as_slice() {
        [(_, only)] => swift_credentials(cx, *only)?,
        // `x.authorize(username:ext:password:)` is the SDK's signature: its check judged the
        // receiver, and a receiver it does not take is not a RingCentral client.
        [_, _, _]
            if method == "authorize"
                && args.iter().any(|(l, _)| matches!(l.as_deref(), Some("ext" | "extension"))) =>
        {
            return None;
        }
        [_, _, ..] => super::login::labelled_credentials(receiver, &args, |k| format!("{k}: .."))?,
        _ => return None,
    };
    super::login::typed_wrapper(
        cx,
        call,
        (receiver, method),
        &creds,
        [&plain, &with_ext],
        ("swift-wrapper", "the app's own client around ringcentral-swift"),
        jwt_expr,
    )
}

/// `rc.authorize(username:ext:password:)` and the 1.x `rc.authorize("u", ext:, password:)`.
fn sdk_authorize(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> Option<Bindings> {
    let src = cx.file.src;
    let args = arguments(cx.cap("args")?, src);
    if args.len() != 3 {
        return None;
    }
    let label = |i: usize| args[i].0.as_deref();
    let username_ok = matches!(label(0), None | Some("username"));
    let ext_ok = args.iter().any(|(l, _)| matches!(l.as_deref(), Some("ext" | "extension")));
    let password = args.iter().find(|(l, _)| l.as_deref() == Some("password")).map(|(_, v)| *v)?;
    if !username_ok || !ext_ok {
        return None;
    }
    let mut out = Bindings::default();
    if !super::receiver::accept_sdk_client(
        cx,
        receiver,
        "RingCentral|RestClient",
        &RC_IMPORT,
        "the file imports ringcentral-swift",
        password,
        &mut out,
    ) {
        return None;
    }
    let password = unwrap_expr(password);
    out.var("sdk_name", "ringcentral-swift");
    out.var("sdk_family", "swift-sdk");
    out.var(
        "shape",
        if label(0).is_none() {
            "1.x `authorize(\"username\", ext:, password:)`"
        } else {
            "`authorize(username:ext:password:)`"
        },
    );
    out.var("jwt_expr", jwt_expr(cx, Some(password)));
    Some(out)
}

/// The expression that reads the JWT in Swift: the process environment's `RC_JWT`, as a
/// `String` (the environment's lookup is optional, and an optional interpolated into a form
/// body would read `Optional(...)`).
fn jwt_expr(cx: &CheckCx<'_, '_>, _password: Option<Node<'_>>) -> String {
    format!("ProcessInfo.processInfo.environment[\"{}\"] ?? \"\"", cx.file.jwt_var)
}

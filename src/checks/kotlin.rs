//! Kotlin: the RingCentral Java SDK (`com.ringcentral:ringcentral`, and its Kotlin fork
//! `tylerlong/ringcentral-kotlin`) called from Kotlin: `rc.authorize(username, extension,
//! password)`, positional or with named arguments.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::{Bindings, CheckCx, CheckDef};
use crate::lang::Lang;
use crate::syntax::{named_children, text, unwrap_expr};

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::Kotlin], checks: CHECKS, jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "kotlin-password-authorize",
        languages: &[Lang::Kotlin],
        needs: &["receiver", "args"],
        provides: &["shape", "jwt_expr", "sdk_name"],
        about: "`rc.authorize(username, extension, password)` of the RingCentral Java SDK (< 3.3.0) \
            or its Kotlin fork called from Kotlin, positional or with `username =`/`extension =`/\
            `password =` named arguments (one argument is the JWT overload, two the \
            authorization code); the receiver is a `RestClient` made in the file or named like a \
            RingCentral client in RingCentral code",
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

fn video_sdk_native(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
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
static RC_IMPORT: LazyLock<Regex> = LazyLock::new(|| crate::regexes::ascii(r"\bimport\s+com\.ringcentral\b"));

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

fn kotlin_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let receiver = cx.cap("receiver")?;
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

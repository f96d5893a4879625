//! Swift: `ringcentral-swift`'s password login, `rc.authorize(username:ext:password:)` (the
//! SwiftPM `RingCentral` client) and the 1.x `RestClient`'s `rc.authorize("u", ext:, password:)`,
//! both with a completion closure. The SDK has no JWT login: the replacement is shown as a
//! request of the JWT grant.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::{Bindings, CheckCx, CheckDef};
use crate::lang::Lang;
use crate::syntax::{named_children, text, unwrap_expr};

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::Swift], checks: CHECKS, jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[CheckDef {
    name: "swift-password-authorize",
    languages: &[Lang::Swift],
    needs: &["receiver", "args"],
    provides: &["shape", "jwt_expr", "sdk_name"],
    about: "`rc.authorize(username:ext:password:)` of ringcentral-swift (also `extension:`, and 1.x \
            `authorize(\"user\", ext:, password:)` with the username unlabelled); the receiver is a \
            `RingCentral`/`RestClient` made in the file or named like a RingCentral client in \
            RingCentral code",
    run: swift_password_authorize,
    file_gate: None,
    text_gate: None,
}];

/// RingCentral code in Swift: the SDK's module, or the context's evidence.
static RC_IMPORT: LazyLock<Regex> = LazyLock::new(|| crate::regexes::ascii(r"\bimport\s+RingCentral\b"));

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

fn swift_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let receiver = cx.cap("receiver")?;
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

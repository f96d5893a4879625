//! C#: `RingCentral.Net` / `RingCentral.Client` `Authorize` by arity, `GetTokenRequest` initialisers, legacy `RingCentralSDK`.

use tree_sitter::Node;

use super::java::{
    CREDENTIAL_SETTERS, JWT_GRANT, accept_receiver, is_password_value, jwt_expr, secret_if_literal,
};
use super::login::{Creds, resolve_literal, wrapper_args};
use super::receiver::Evidence;
use super::{Bindings, CheckCx, CheckDef};
use crate::context::SdkFamily;
use crate::lang::Lang;
use crate::syntax::{indentation_at, last_name, named_children, string_value, text, unwrap_expr};

const CSHARP: &[Lang] = &[Lang::CSharp];

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::CSharp], checks: CHECKS, jwt_expr: super::java::jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "csharp-password-authorize",
        languages: CSHARP,
        needs: &["receiver", "method", "args"],
        provides: &["shape", "jwt_expr", "sdk_family", "sdk_name", "cs_await", "cs_wait", "statement"],
        about: "`rc.Authorize(username, extension, password)` of RingCentral.Net < 6.4.0 or \
                RingCentral.Client (three arguments only: one is JWT, two is an authorization code); \
                an app's own client's `Login`/`Authorize`/`Auth`/`Authenticate` (or `...Async`) given \
                a dictionary or object with a username and a password in RingCentral code",
        run: csharp_password_authorize,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "csharp-legacy-login",
        languages: CSHARP,
        needs: &["receiver", "method", "args"],
        provides: &["shape", "jwt_expr", "sdk_family", "sdk_name", "cs_await", "cs_wait", "statement"],
        about: "RingCentralSDK 1.0 `sdk.Platform.Login(u, ext, pw, remember)` and 0.1.x \
                `sdk.GetPlatform().Authorize(u, ext, pw, remember)`",
        run: csharp_legacy_login,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "csharp-password-token-request",
        languages: CSHARP,
        needs: &["match", "init?", "field?", "value?"],
        provides: &["shape", "jwt_init", "init_kind", "cs_await", "cs_wait", "statement"],
        about: "`new GetTokenRequest { grant_type = \"password\", ... }` (for `rc.Authorize` or \
                `rc.Restapi().Oauth().Token().Post`) and `request.grant_type = \"password\"`; binds \
                the JWT-bearer rewrite of the initialiser",
        run: csharp_password_token_request,
        file_gate: None,
        text_gate: None,
    },
];

/// An argument's value (`name: value` gives `value`) and its name, if named.
fn arg_value<'t>(arg: Node<'t>, src: &'t str) -> (Node<'t>, Option<&'t str>) {
    let name = arg.child_by_field_name("name").map(|n| text(n, src));
    let value = named_children(arg).last().copied().unwrap_or(arg);
    (unwrap_expr(value), name)
}

/// Arguments of a call with their names; `None` for `out`/`ref` arguments we cannot judge.
fn call_args<'t>(args: Node<'t>, src: &'t str) -> Vec<(Node<'t>, Option<&'t str>)> {
    named_children(args).into_iter().filter(|a| a.kind() == "argument").map(|a| arg_value(a, src)).collect()
}

/// Whether the receiver belongs to the legacy RingCentralSDK (`sdk.Platform`, `GetPlatform()`).
fn legacy_receiver(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> bool {
    let src = cx.file.src;
    text(receiver, src).contains("GetPlatform")
        || last_name(receiver, src, cx.file.lang).is_some_and(|n| n.eq_ignore_ascii_case("platform"))
        || cx.file.context.sdk == Some(SdkFamily::DotNetLegacy)
}

/// Three credential arguments, in order (named arguments by their names).
fn credentials<'t>(args: &[(Node<'t>, Option<&'t str>)]) -> Option<Node<'t>> {
    if args.iter().any(|(v, _)| {
        matches!(
            v.kind(),
            "object_creation_expression"
                | "lambda_expression"
                | "null_literal"
                | "anonymous_object_creation_expression"
        )
    }) {
        return None;
    }
    if args.iter().any(|(_, n)| n.is_some()) {
        // `Authorize(username: u, extension: e, password: p)`.
        return args
            .iter()
            .find(|(_, n)| n.is_some_and(|n| n.eq_ignore_ascii_case("password")))
            .map(|(v, _)| *v);
    }
    args.get(2).map(|(v, _)| *v)
}

/// `await rc.Authorize(username, extension, password)`, `.Wait()`, `.Result`; else an app's own
/// client given a credentials dictionary or object (`cs_wrapper`).
pub fn csharp_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let method = text(cx.cap("method")?, cx.file.src);
    if method == "Authorize"
        && let Some(found) = sdk_authorize(cx, receiver)
    {
        return Some(found);
    }
    cs_wrapper(cx, receiver, method)
}

/// Kinds of a C# object creation that may spell credentials.
const CREATIONS: &[&str] = &[
    "object_creation_expression",
    "implicit_object_creation_expression",
    "anonymous_object_creation_expression",
];

/// How a credentials map is written, for the finding's shape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CsEntry {
    /// `{ "username", u }` (a collection initializer's `Add`).
    Added,
    /// `["username"] = u` (an index initializer).
    Indexed,
    /// `Username = u` (an object initializer, an anonymous object).
    Member,
}

/// The entries of a C# credentials value the file spells out: a dictionary or object
/// initializer (`new Dictionary<string, string> { {"username", u}, ... }`, `["username"] = u`,
/// `new Credentials { Username = u, ... }`, `new() { ... }`), an anonymous object
/// (`new { username = u, password = p }`), a dictionary created empty and filled before the
/// call, or a name last assigned one of those. `None` when the value is none of those.
fn cs_credentials<'t>(
    cx: &CheckCx<'_, 't>,
    value: Node<'t>,
    call: Node<'_>,
) -> Option<(Creds<'t>, [String; 2])> {
    let src = cx.file.src;
    let literal = match value.kind() {
        k if CREATIONS.contains(&k) => value,
        "identifier" => resolve_literal(cx, value, CREATIONS)?,
        _ => return None,
    };
    let origin = (literal.id() != value.id()).then_some(literal);
    let ty = literal.child_by_field_name("type");
    let type_name = ty.map(|t| {
        let t = if t.kind() == "generic_name" { named_children(t).first().copied().unwrap_or(t) } else { t };
        text(t, src).rsplit('.').next().unwrap_or_default().to_owned()
    });
    if type_name.as_deref().is_some_and(|t| t == "GetTokenRequest") {
        return None;
    }
    let dictionary = type_name.as_deref().is_some_and(|t| t.ends_with("Dictionary") || t == "Hashtable");
    let children = named_children(literal);
    let initializer = children.iter().copied().find(|c| c.kind() == "initializer_expression");
    let ctor_args = children.iter().copied().find(|c| c.kind() == "argument_list");
    let mut creds = Creds { entries: Vec::new(), unknown: false, origin, by_name: false };
    let mut style = CsEntry::Member;
    if literal.kind() == "anonymous_object_creation_expression" {
        creds.entries = anonymous_members(literal, src, &mut creds.unknown);
    } else if let Some(init) = initializer {
        // Constructor arguments of an object (`new Credentials(u) { ... }`) are fields by position.
        if !dictionary && ctor_args.is_some_and(|a| !named_children(a).is_empty()) {
            creds.unknown = true;
        }
        for entry in named_children(init) {
            match initializer_entry(entry, src) {
                Some((key, v, how)) => {
                    style = how;
                    creds.entries.push((key, v));
                }
                None => creds.unknown = true,
            }
        }
    } else if dictionary && value.kind() == "identifier" {
        // `var creds = new Dictionary<string, string>(); creds["username"] = u; creds.Add(...)`.
        let name = text(value, src);
        creds = super::login::filled_map(cx, literal, name, call, |used| dictionary_put(used, src))?;
        style = CsEntry::Indexed;
    } else {
        return None;
    }
    let ty = ty.map_or(String::new(), |t| format!(" {}", text(t, src)));
    let args = match style {
        CsEntry::Added => wrapper_args(&creds, |k| format!("{{\"{k}\", ..}}"), &format!("new{ty} {{ "), " }"),
        CsEntry::Indexed if dictionary => {
            wrapper_args(&creds, |k| format!("[\"{k}\"] = .."), &format!("new{ty} {{ "), " }")
        }
        _ => wrapper_args(&creds, |k| format!("{k} = .."), &format!("new{ty} {{ "), " }"),
    };
    Some((creds, args))
}

/// One entry of an initializer: `{ "k", v }`, `["k"] = v`, `Name = v`.
fn initializer_entry<'t>(entry: Node<'t>, src: &str) -> Option<(String, Node<'t>, CsEntry)> {
    match entry.kind() {
        "initializer_expression" => match named_children(entry).as_slice() {
            [key, value] => Some((string_value(*key, src, Lang::CSharp)?, *value, CsEntry::Added)),
            _ => None,
        },
        "assignment_expression" => {
            let left = entry.child_by_field_name("left")?;
            let right = entry.child_by_field_name("right")?;
            match left.kind() {
                "identifier" => Some((text(left, src).to_owned(), right, CsEntry::Member)),
                "element_binding_expression" => match named_children(left).as_slice() {
                    [key] => {
                        Some((string_value(unwrap_expr(*key), src, Lang::CSharp)?, right, CsEntry::Indexed))
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// The members of an anonymous object: `name = value`, or a projection (`u`, `creds.Password`)
/// named after its last name. `unknown` is set for a member without a name.
fn anonymous_members<'t>(object: Node<'t>, src: &str, unknown: &mut bool) -> Vec<(String, Node<'t>)> {
    let mut members = Vec::new();
    let mut cursor = object.walk();
    let mut segment: Vec<Node<'t>> = Vec::new();
    let mut assigned = false;
    let mut flush = |segment: &mut Vec<Node<'t>>, assigned: &mut bool| {
        match (segment.as_slice(), *assigned) {
            ([name, .., value], true) => members.push((text(*name, src).to_owned(), *value)),
            ([value], false) => match last_name(*value, src, Lang::CSharp) {
                Some(name) => members.push((name, *value)),
                None => *unknown = true,
            },
            ([], _) => {}
            _ => *unknown = true,
        }
        segment.clear();
        *assigned = false;
    };
    for child in object.children(&mut cursor) {
        match child.kind() {
            "," | "}" => flush(&mut segment, &mut assigned),
            "=" => assigned = true,
            "comment" => {}
            _ if child.is_named() => segment.push(child),
            _ => {}
        }
    }
    flush(&mut segment, &mut assigned);
    members
}

/// A use of a dictionary's name that adds an entry with a literal key: `creds["k"] = v`,
/// `creds.Add("k", v)`.
fn dictionary_put<'t>(used: Node<'t>, src: &'t str) -> Option<(String, Node<'t>)> {
    let parent = used.parent()?;
    match parent.kind() {
        "element_access_expression" => {
            let assignment = parent.parent().filter(|a| a.kind() == "assignment_expression")?;
            if assignment.child_by_field_name("left")?.id() != parent.id() {
                return None;
            }
            let subscript = parent.child_by_field_name("subscript")?;
            let keys = named_children(subscript);
            let [key] = keys.as_slice() else { return None };
            Some((
                string_value(unwrap_expr(*key), src, Lang::CSharp)?,
                assignment.child_by_field_name("right")?,
            ))
        }
        "member_access_expression" if parent.child_by_field_name("expression")?.id() == used.id() => {
            let call = parent.parent().filter(|c| c.kind() == "invocation_expression")?;
            if text(parent.child_by_field_name("name")?, src) != "Add" {
                return None;
            }
            let args = call_args(call.child_by_field_name("arguments")?, src);
            let [(key, None), (value, None)] = args.as_slice() else { return None };
            Some((string_value(*key, src, Lang::CSharp)?, *value))
        }
        _ => None,
    }
}

/// An app's own client whose `Login`/`Authorize`/`Auth`/`Authenticate` (or its `Async` twin)
/// receives a credentials dictionary or object with a username and a password in RingCentral
/// code (`login::accept_wrapper`): display-only guidance.
fn cs_wrapper(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str) -> Option<Bindings> {
    let src = cx.file.src;
    let call = cx.cap("call")?;
    let args = call_args(cx.cap("args")?, src);
    let [(value, None)] = args.as_slice() else { return None };
    let (creds, [plain, with_ext]) = cs_credentials(cx, *value, call)?;
    super::login::typed_wrapper(
        cx,
        call,
        (receiver, method),
        &creds,
        [&plain, &with_ext],
        ("dotnet-wrapper", "the app's own client around RingCentral.Net"),
        jwt_expr,
    )
}

/// `await rc.Authorize(username, extension, password)`, `.Wait()`, `.Result`.
fn sdk_authorize(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> Option<Bindings> {
    let src = cx.file.src;
    let args = call_args(cx.cap("args")?, src);
    let recv = text(receiver, src);
    if args.len() != 3
        || recv.contains("GetPlatform")
        || last_name(receiver, src, cx.file.lang).is_some_and(|n| n.eq_ignore_ascii_case("platform"))
    {
        return None;
    }
    let password = credentials(&args)?;
    let mut out = Bindings::default();
    if !accept_receiver(cx, receiver, &["RestClient"], Evidence::Strong, &mut out) {
        return None;
    }
    secret_if_literal(cx, Some(password), &mut out);
    // Both packages use `namespace RingCentral` and `RestClient`: only the project file tells
    // RingCentral.Client (no JWT call) from RingCentral.Net.
    if is_client_project(cx.file.context.rc_project.as_deref()) {
        out.var("sdk_family", "dotnet-client");
        out.var("sdk_name", "RingCentral.Client");
        out.var("shape", "`Authorize(username, extension, password)` (RingCentral.Client has no JWT call)");
    } else {
        out.var("sdk_family", SdkFamily::DotNet.key());
        out.var("sdk_name", "RingCentral.Net / RingCentral.Client");
        out.var(
            "shape",
            "`Authorize(username, extension, password)` (RingCentral.Net: obsolete in 6.0, removed in 6.4.0)",
        );
    }
    out.var("jwt_expr", jwt_expr(cx, Some(password)));
    bind_statement_shape(cx.cap("args")?.parent()?, src, &mut out);
    Some(out)
}

/// Whether an `await` may be written where `node` is: inside an `async` method, local function
/// or lambda, or in top-level statements (C# 9). A synchronous `static void Main` must block on
/// the task instead (`.GetAwaiter().GetResult()`).
fn may_await(node: Node<'_>, src: &str) -> bool {
    let mut n = node.parent();
    while let Some(p) = n {
        match p.kind() {
            "method_declaration"
            | "local_function_statement"
            | "lambda_expression"
            | "anonymous_method_expression"
            | "constructor_declaration"
            | "operator_declaration"
            | "conversion_operator_declaration"
            | "accessor_declaration"
            | "destructor_declaration" => {
                return named_children(p).iter().any(|c| c.kind() == "modifier" && text(*c, src) == "async");
            }
            "global_statement" => return true,
            _ => {}
        }
        n = p.parent();
    }
    false
}

/// Binds what a C# guidance needs to be complete statements where `call` is: `cs_await` /
/// `cs_wait` around each task (`await x` in async code, `x.GetAwaiter().GetResult()` in a
/// synchronous method), and the range of the statement holding the call (`statement`), which
/// the guidance replaces whole, its semicolon included.
fn bind_statement_shape(call: Node<'_>, src: &str, out: &mut Bindings) {
    if may_await(call, src) {
        out.var("cs_await", "await ");
        out.var("cs_wait", "");
    } else {
        out.var("cs_await", "");
        out.var("cs_wait", ".GetAwaiter().GetResult()");
    }
    let mut n = Some(call);
    while let Some(node) = n {
        if node.kind().ends_with("_statement") || node.kind() == "global_statement" {
            out.ranges.push(("statement", node.byte_range()));
            return;
        }
        n = node.parent();
    }
    out.ranges.push(("statement", call.byte_range()));
}

/// Whether the project's manifest names RingCentral.Client (and so not RingCentral.Net, which
/// would be the reason given first).
fn is_client_project(rc_project: Option<&str>) -> bool {
    rc_project.is_some_and(|r| r.ends_with("depends on RingCentral.Client"))
}

/// `sdk.Platform.Login(u, ext, pw, remember)` (RingCentralSDK 1.0) and
/// `sdk.GetPlatform().Authorize(u, ext, pw, remember)` (0.1.x).
pub fn csharp_legacy_login(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let src = cx.file.src;
    let method = text(cx.cap("method")?, src);
    let args = call_args(cx.cap("args")?, src);
    if !(3..=4).contains(&args.len()) || !legacy_receiver(cx, receiver) {
        return None;
    }
    // `Authorize` with three arguments on something other than `GetPlatform()` is RingCentral.Net.
    if method == "Authorize" && args.len() == 3 && !text(receiver, src).contains("GetPlatform") {
        return None;
    }
    // RingCentralSDK's `Login` takes four arguments; a three-argument `platform.Login(user,
    // pw, remember)` of another library only counts in RingCentral code.
    if method == "Login" && args.len() == 3 && cx.file.context.rc_reason().is_none() {
        return None;
    }
    let password = credentials(&args[..3])?;
    let mut out = Bindings::default();
    if !accept_receiver(cx, receiver, &["Platform", "SDK"], Evidence::Strong, &mut out) {
        return None;
    }
    secret_if_literal(cx, Some(password), &mut out);
    out.var("sdk_family", SdkFamily::DotNetLegacy.key());
    out.var("sdk_name", SdkFamily::DotNetLegacy.package());
    out.var(
        "shape",
        if method == "Login" {
            "RingCentralSDK 1.0 `Platform.Login(username, extension, password, remember)`"
        } else {
            "RingCentralSDK 0.1.x `GetPlatform().Authorize(username, extension, password, remember)`"
        },
    );
    out.var("jwt_expr", jwt_expr(cx, Some(password)));
    bind_statement_shape(cx.cap("args")?.parent()?, src, &mut out);
    Some(out)
}

/// `new GetTokenRequest { grant_type = "password", ... }` and `req.grant_type = "password"`.
pub fn csharp_password_token_request(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let mut out = Bindings::default();
    if let Some(field) = cx.cap("field") {
        if text(field, src) != "grant_type" || !is_password_value(cx, cx.cap("value")?) {
            return None;
        }
        if !src.contains("GetTokenRequest") {
            return None;
        }
        out.var("shape", "`GetTokenRequest.grant_type = \"password\"`");
        let obj = cx
            .cap("match")
            .and_then(|m| m.child_by_field_name("left"))
            .and_then(|l| l.child_by_field_name("expression"))
            .map_or("request", |o| text(o, src));
        out.var("init_kind", "field");
        out.var(
            "jwt_init",
            format!("{obj}.grant_type = \"{JWT_GRANT}\"; {obj}.assertion = {}", jwt_expr(cx, None)),
        );
        bind_statement_shape(field, src, &mut out);
        return Some(out);
    }
    let init = cx.cap("init")?;
    let members: Vec<(String, Node<'_>, Node<'_>)> = named_children(init)
        .into_iter()
        .filter(|m| m.kind() == "assignment_expression")
        .filter_map(|m| {
            let left = m.child_by_field_name("left")?;
            let right = m.child_by_field_name("right")?;
            Some((text(left, src).to_owned(), right, m))
        })
        .collect();
    let grant = members.iter().find(|(k, _, _)| k == "grant_type")?;
    if !is_password_value(cx, grant.1) {
        return None;
    }
    let value = |key: &str| members.iter().find(|(k, _, _)| k == key).map(|(_, v, _)| *v);
    secret_if_literal(cx, value("password"), &mut out);
    let mut parts = vec![
        format!("grant_type = \"{JWT_GRANT}\""),
        format!("assertion = {}", jwt_expr(cx, value("password"))),
    ];
    parts.extend(
        members
            .iter()
            .filter(|(k, _, _)| !CREDENTIAL_SETTERS.contains(&k.as_str()))
            .map(|(_, _, m)| text(*m, src).to_owned()),
    );
    out.var("shape", "`new GetTokenRequest { grant_type = \"password\", ... }` with a username and password");
    out.var("init_kind", "initializer");
    // An initialiser written one member per line keeps that layout.
    let jwt_init = match members.first() {
        Some((_, _, first)) if text(init, src).contains('\n') => {
            let inner = indentation_at(src, first.start_byte());
            let outer = indentation_at(src, init.end_byte().saturating_sub(1));
            let lines: String = parts.iter().map(|p| format!("{inner}{p},\n")).collect();
            format!("{{\n{lines}{outer}}}")
        }
        _ => format!("{{ {} }}", parts.join(", ")),
    };
    out.var("jwt_init", jwt_init);
    bind_statement_shape(init, src, &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;

    fn secrets(src: &str) -> Vec<String> {
        crate::redact::secrets_in(Lang::CSharp, src)
    }

    #[test]
    fn ringcentral_client_is_told_by_its_project() {
        assert!(super::is_client_project(Some("app/App.csproj depends on RingCentral.Client")));
        assert!(!super::is_client_project(Some("app/App.csproj depends on RingCentral.Net")));
        assert!(!super::is_client_project(None));
    }

    #[test]
    fn positional_and_initialiser_passwords_are_secrets() {
        let src = r#"class A { async Task F() {
            await rc.Authorize("u", "101", "pw-one");
            sdk.Platform.Login("u", "101", "pw-two", true);
            await rc.Authorize(new GetTokenRequest { grant_type = "password", password = "pw-three" });
            await rc.Authorize("code", "https://example.com/cb");
            await rc.Authorize(username: "u", extension: "101", password: "pw-four");
        } }"#;
        assert_eq!(secrets(src), ["pw-one", "pw-two", "pw-three", "pw-four"]);
    }
}

//! Go: goauth / go-ringcentral-client password constructors, `GrantType` password literals
//! (`goauth.CredentialsOAuth2`, ringcentral-go `GetTokenRequest`), legacy `rcsdk`
//! `platform.Authorize(...)`.

use tree_sitter::Node;

use super::login::{Creds, resolve_literal, wrapper_args};
use super::{Bindings, CheckCx, CheckDef};
use crate::context::SdkFamily;
use crate::lang::Lang;
use crate::syntax::{
    descendants, is_empty_literal, is_string, named_children, string_inner_range, string_value, text,
};

const GO: &[Lang] = &[Lang::Go];

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::Go], checks: CHECKS, jwt_expr: go_jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "go-password-client",
        languages: GO,
        needs: &["name", "args"],
        provides: &["shape", "jwt_expr", "sdk_name", "form"],
        about: "goauth / go-ringcentral-client constructors that use the password grant \
                (`ro.NewClientPassword`, `ru.NewApiClientPassword*`, `NewTokenPassword`, \
                `NewCredentialsOAuth2Env`, `NewHTTPClientEnvFlexStatic`, `NewClientPasswordConf`) \
                in RingCentral code",
        run: go_password_client,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "go-password-grant-type",
        languages: GO,
        needs: &["match", "key", "value"],
        provides: &["shape", "jwt_expr", "jwt_grant", "jwt_field", "form", "obj", "sdk_name"],
        about: "`GrantType: authutil.GrantTypePassword` / `GrantType: \"password\"` in a \
                `goauth.CredentialsOAuth2` or ringcentral-go `GetTokenRequest` literal (or a \
                `x.GrantType = ...` assignment) in RingCentral code",
        run: go_password_grant_type,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "go-rcsdk-authorize",
        languages: GO,
        needs: &["receiver", "method", "args"],
        provides: &["shape", "sdk_name", "sdk_family", "jwt_expr"],
        about: "grokify/ringcentral-sdk-go `platform.Authorize(ctx, user, ext, pw, remember)` and \
                the README form `platform.Authorize(user, ext, pw)`; an app's own client's \
                `Login`/`Authorize`/`Auth`/`Authenticate` given a map or struct with a username \
                and a password in RingCentral code",
        run: go_rcsdk_authorize,
        file_gate: None,
        text_gate: None,
    },
];

/// Constructors whose only grant is the password grant, with how the finding describes them.
const PASSWORD_CONSTRUCTORS: &[(&str, &str)] = &[
    ("NewClientPassword", "goauth `ringcentral.NewClientPassword(creds)` logs in with the password grant"),
    (
        "NewClientPasswordSimple",
        "goauth `ringcentral.NewClientPasswordSimple(creds)` logs in with the password grant",
    ),
    (
        "NewTokenPassword",
        "goauth `ringcentral.NewTokenPassword(creds)` requests a token with the password grant",
    ),
    (
        "NewApiClientPassword",
        "go-ringcentral-client `NewApiClientPassword(creds)` logs in with the password grant",
    ),
    (
        "NewApiClientPasswordSimple",
        "go-ringcentral-client `NewApiClientPasswordSimple(...)` logs in with the password grant",
    ),
    (
        "NewApiClientPasswordEnv",
        "go-ringcentral-client `NewApiClientPasswordEnv(prefix)` reads a username and password from the environment",
    ),
    (
        "NewClientRingCentralPassword",
        "go-ringcentral-client Engage Voice `lite.NewClientRingCentralPassword([ctx,] credentialsJSON)` logs in to RingCentral with the grant its goauth credentials JSON names (`\"grantType\": \"password\"`) and exchanges the token for Engage Voice",
    ),
    (
        "NewClientPasswordConf",
        "goauth `authutil.NewClientPasswordConf(conf, user, pw)` calls x/oauth2 `PasswordCredentialsToken`",
    ),
];

/// Constructors that take the password grant only when the environment says so; reported when
/// they are not already inside a password constructor's arguments.
const ENV_CONSTRUCTORS: &[(&str, &str)] = &[
    (
        "NewCredentialsOAuth2Env",
        "goauth `NewCredentialsOAuth2Env(prefix)` sets `GrantType = \"password\"` whenever `<prefix>USERNAME` is set",
    ),
    (
        "NewPasswordCredentialsEnv",
        "goauth `ringcentral.NewPasswordCredentialsEnv()` reads a RingCentral username and password from the environment for the password grant",
    ),
    (
        "NewHTTPClientEnvFlexStatic",
        "goauth `ringcentral.NewHTTPClientEnvFlexStatic(prefix)` falls back to the password grant when `<prefix>PASSWORD` is set",
    ),
];

/// Strips `&T{...}`, parentheses and `literal_element` wrappers.
fn unwrap_go(mut node: Node<'_>) -> Node<'_> {
    loop {
        let next = match node.kind() {
            "literal_element" | "parenthesized_expression" => named_children(node).into_iter().next(),
            "unary_expression" => node.child_by_field_name("operand"),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return node,
        }
    }
}

/// The called function's name (`NewClientPassword` in `ro.NewClientPassword(...)`).
fn call_name<'s>(call: Node<'_>, src: &'s str) -> Option<&'s str> {
    let f = call.child_by_field_name("function")?;
    match f.kind() {
        "selector_expression" => f.child_by_field_name("field").map(|n| text(n, src)),
        "identifier" => Some(text(f, src)),
        _ => None,
    }
}

/// Whether `node` sits inside the arguments of a password constructor call: that call's
/// finding already covers it.
fn in_password_constructor(node: Node<'_>, src: &str) -> bool {
    let mut n = node.parent();
    while let Some(p) = n {
        if p.kind() == "call_expression"
            && p.child_by_field_name("arguments").is_some_and(|a| a.byte_range().contains(&node.start_byte()))
            && call_name(p, src).is_some_and(|name| PASSWORD_CONSTRUCTORS.iter().any(|(c, _)| *c == name))
        {
            return true;
        }
        n = p.parent();
    }
    false
}

/// `Key: value` entries of a composite literal's body.
fn literal_entries<'t>(literal: Node<'t>, src: &str) -> Vec<(String, Node<'t>)> {
    let Some(body) = literal.child_by_field_name("body") else { return Vec::new() };
    named_children(body)
        .into_iter()
        .filter(|e| e.kind() == "keyed_element")
        .filter_map(|e| {
            let key = e.child_by_field_name("key").map(unwrap_go)?;
            let value = e.child_by_field_name("value")?;
            Some((text(key, src).to_owned(), unwrap_go(value)))
        })
        .collect()
}

/// The Go expression to read the JWT from: `os.Getenv("RC_PASSWORD")` gives
/// `os.Getenv("RC_JWT")`. A field (`cfg.Password`) gives no `cfg.JWT`: the struct need not
/// have that field (the build would fail), so anything else reads the environment variable the
/// note names.
pub(super) fn go_jwt_expr(cx: &CheckCx<'_, '_>, password: Option<Node<'_>>) -> String {
    let src = cx.file.src;
    let jwt = cx.file.jwt_var;
    if let Some(pw) = password.map(unwrap_go).filter(|p| p.kind() == "call_expression") {
        let f = pw.child_by_field_name("function").map(|f| text(f, src)).unwrap_or_default();
        if f.ends_with("Getenv") {
            return format!("{f}(\"{jwt}\")");
        }
    }
    format!("os.Getenv(\"{jwt}\")")
}

/// Redacts a string-literal password.
fn secret_if_literal(cx: &CheckCx<'_, '_>, node: Option<Node<'_>>, out: &mut Bindings) {
    if let Some(n) = node.map(unwrap_go)
        && is_string(n, Lang::Go)
        && !is_empty_literal(n, cx.file.src, Lang::Go)
    {
        out.secrets.push(string_inner_range(n, cx.file.src));
    }
}

/// goauth / go-ringcentral-client password constructors.
pub fn go_password_client(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let name = text(cx.cap("name")?, src);
    let call = cx.cap("args")?.parent()?;
    let shape = if let Some((_, s)) = PASSWORD_CONSTRUCTORS.iter().find(|(c, _)| *c == name) {
        *s
    } else {
        let (_, s) = ENV_CONSTRUCTORS.iter().find(|(c, _)| *c == name)?;
        if in_password_constructor(call, src) {
            return None;
        }
        *s
    };
    // Other vendors' goauth packages (metabase, salesforce, zendesk) and local helpers share
    // these names: the package the constructor comes from decides.
    let reason = match constructor_origin(call, cx.file.root, src) {
        Origin::RingCentral(why) => why,
        Origin::Other => return None,
        // A vendor-neutral helper or a local function is RingCentral's when this file is
        // RingCentral code, not merely its repository
        // (goauth itself holds Salesforce and Metabase clients, and importing goauth is not
        // RingCentral code either): the file must import a RingCentral package or name a
        // RingCentral host.
        Origin::Generic | Origin::Local => rc_import_or_host(cx.file.root, src)?,
        Origin::Unknown => cx.file.context.rc_reason()?.to_owned(),
    };
    let mut out = Bindings::default();
    out.notes.push(format!("RingCentral call: {reason}"));
    // The credentials literal, when given inline: its password decides the JWT source.
    let args = named_children(cx.cap("args")?);
    let mut password = None;
    for arg in &args {
        let lit = unwrap_go(*arg);
        if lit.kind() == "composite_literal" {
            for (k, v) in literal_entries(lit, src) {
                if k == "Password" {
                    secret_if_literal(cx, Some(v), &mut out);
                    password = Some(v);
                }
            }
        }
    }
    if name == "NewClientPasswordConf" || name == "NewApiClientPasswordSimple" {
        // (conf, user, pw) / (server, id, secret, user, ext, pw): the password comes last.
        password = args.last().copied();
        secret_if_literal(cx, password, &mut out);
    }
    out.var("shape", shape);
    // The Engage Voice client keeps its call: the credentials JSON it reads names the grant.
    out.var("form", if name == "NewClientRingCentralPassword" { "credentials-json" } else { "constructor" });
    out.var("jwt_expr", go_jwt_expr(cx, password));
    // RingCentral context without a recognised import: these names are goauth's.
    out.var("sdk_name", cx.file.context.sdk.unwrap_or(SdkFamily::GoGoauth).package());
    Some(out)
}

/// Where a constructor call's function comes from.
#[derive(Debug, PartialEq, Eq)]
enum Origin {
    /// A RingCentral package (the import path or the file's own package says so), and why.
    RingCentral(String),
    /// Another vendor's package.
    Other,
    /// A generic goauth helper (`authutil`, `goauth`).
    Generic,
    /// A function of the file's own package, which is not named for RingCentral.
    Local,
    /// A receiver that is not an imported package.
    Unknown,
}

/// The package a constructor call resolves to: `pkg.Name(...)` by the import that binds `pkg`,
/// `Name(...)` by the file's own `package` clause.
fn constructor_origin(call: Node<'_>, root: Node<'_>, src: &str) -> Origin {
    let Some(function) = call.child_by_field_name("function") else { return Origin::Unknown };
    let is_rc = |s: &str| s.to_ascii_lowercase().contains("ringcentral");
    match function.kind() {
        "selector_expression" => {
            let Some(operand) = function.child_by_field_name("operand").filter(|o| o.kind() == "identifier")
            else {
                return Origin::Unknown;
            };
            let alias = text(operand, src);
            let Some(path) = import_path(root, alias, src) else { return Origin::Unknown };
            if is_rc(&path) {
                Origin::RingCentral(format!("`{alias}` is imported from {path}"))
            } else if GENERIC_PACKAGES.iter().any(|g| path.ends_with(g)) {
                Origin::Generic
            } else {
                Origin::Other
            }
        }
        "identifier" => {
            let package = package_name(root, src);
            match package {
                Some(p) if is_rc(p) => Origin::RingCentral(format!("the file is package `{p}`")),
                _ => Origin::Local,
            }
        }
        _ => Origin::Unknown,
    }
}

/// goauth's vendor-neutral packages: a password constructor from these is RingCentral's only
/// in RingCentral code.
const GENERIC_PACKAGES: &[&str] =
    &["/goauth", "/goauth/authutil", "/oauth2more", "/oauth2more/authutil", "/oauth2util"];

/// Why a Go file is RingCentral code by what it imports, what it is or where it connects: an
/// import path or its own package naming RingCentral, or a RingCentral host in the text.
fn rc_import_or_host(root: Node<'_>, src: &str) -> Option<String> {
    let import = descendants(root).filter(|n| n.kind() == "import_spec").find_map(|spec| {
        let path = string_value(spec.child_by_field_name("path")?, src, Lang::Go)?;
        path.to_ascii_lowercase().contains("ringcentral").then_some(path)
    });
    if let Some(path) = import {
        return Some(format!("the file imports {path}"));
    }
    let package = package_name(root, src);
    if let Some(p) = package.filter(|p| p.to_ascii_lowercase().contains("ringcentral")) {
        return Some(format!("the file is package `{p}`"));
    }
    memchr::memmem::find(src.to_ascii_lowercase().as_bytes(), b"ringcentral.com")
        .map(|_| "the file names a RingCentral host".to_owned())
}

/// The name in the file's `package` clause.
fn package_name<'s>(root: Node<'_>, src: &'s str) -> Option<&'s str> {
    named_children(root)
        .into_iter()
        .find(|n| n.kind() == "package_clause")
        .and_then(|p| named_children(p).into_iter().next())
        .map(|n| text(n, src))
}

/// The import path bound to `alias` (an explicit name, or the path's last element).
fn import_path(root: Node<'_>, alias: &str, src: &str) -> Option<String> {
    descendants(root).filter(|n| n.kind() == "import_spec").find_map(|spec| {
        let path = spec.child_by_field_name("path")?;
        let path = string_value(path, src, Lang::Go)?;
        let bound = match spec.child_by_field_name("name") {
            Some(name) => text(name, src).to_owned(),
            None => path.rsplit('/').next().unwrap_or(&path).to_owned(),
        };
        (bound == alias).then_some(path)
    })
}

/// `GrantType: authutil.GrantTypePassword` / `"password"` in RingCentral credentials.
pub fn go_password_grant_type(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let m = cx.cap("match")?;
    let value = unwrap_go(cx.cap("value")?);
    let is_string_value = is_string(value, Lang::Go);
    let password = match value.kind() {
        "selector_expression" => {
            value.child_by_field_name("field").is_some_and(|f| text(f, src) == "GrantTypePassword")
        }
        "identifier" => text(value, src) == "GrantTypePassword",
        _ => string_value(value, src, Lang::Go).is_some_and(|v| v == "password"),
    };
    if !password || in_password_constructor(m, src) {
        return None;
    }
    let reason = cx.file.context.rc_reason()?;
    let mut out = Bindings::default();
    out.notes.push(format!("RingCentral credentials: {reason}"));
    // Which struct: the literal's type, else the file's SDK.
    let literal = (m.kind() == "keyed_element")
        .then(|| m.parent().and_then(|b| b.parent()))
        .flatten()
        .filter(|l| l.kind() == "composite_literal");
    let type_name = literal
        .and_then(|l| l.child_by_field_name("type"))
        .map(|t| text(t, src).rsplit('.').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let family = match type_name.as_str() {
        "GetTokenRequest" => SdkFamily::GoRcGo,
        "CredentialsOAuth2" => SdkFamily::GoGoauth,
        _ => match cx.file.context.sdk {
            Some(SdkFamily::GoRcGo) => SdkFamily::GoRcGo,
            _ => SdkFamily::GoGoauth,
        },
    };
    let (field, grant) = match family {
        SdkFamily::GoRcGo => ("Assertion", "\"urn:ietf:params:oauth:grant-type:jwt-bearer\"".to_owned()),
        _ if is_string_value => ("JWT", "\"urn:ietf:params:oauth:grant-type:jwt-bearer\"".to_owned()),
        _ => {
            // Keep the file's import alias: `au.GrantTypePassword` gives `au.GrantTypeJWTBearer`.
            let pkg = value.child_by_field_name("operand").map(|o| format!("{}.", text(o, src)));
            ("JWT", format!("{}GrantTypeJWTBearer", pkg.unwrap_or_default()))
        }
    };
    let mut pw = None;
    let mut has_jwt = false;
    if let Some(lit) = literal {
        for (k, v) in literal_entries(lit, src) {
            if k == "Password" {
                secret_if_literal(cx, Some(v), &mut out);
                pw = Some(v);
            }
            if k == field && !is_empty_literal(v, src, Lang::Go) {
                has_jwt = true;
            }
        }
    }
    let form = match (m.kind(), has_jwt) {
        ("keyed_element", false) => "literal",
        ("keyed_element", true) => "literal-with-jwt",
        _ => "assign",
    };
    let obj = cx
        .cap("key")
        .and_then(|k| k.parent())
        .filter(|p| p.kind() == "selector_expression")
        .and_then(|p| p.child_by_field_name("operand"))
        .map(|o| text(o, src).to_owned())
        .unwrap_or_default();
    let shape = match (family, type_name.is_empty(), form) {
        (_, _, "assign") => format!("`{obj}.GrantType` set to the password grant"),
        (SdkFamily::GoRcGo, _, _) => {
            "ringcentral-go `GetTokenRequest{GrantType: \"password\"}` (sent by `rc.Authorize`)".to_owned()
        }
        (_, false, _) => format!("goauth `{type_name}{{GrantType: <password>}}` credentials"),
        _ => "`GrantType: <password>` credentials".to_owned(),
    };
    out.var("shape", shape);
    out.var("jwt_expr", go_jwt_expr(cx, pw));
    out.var("jwt_grant", grant);
    out.var("jwt_field", field);
    out.var("form", form);
    out.var("obj", obj);
    out.var("sdk_name", family.package());
    Some(out)
}

/// Whether the Go variable `name` is assigned from `...GetPlatform()` or `rcsdk.` in the file.
fn assigned_from_rcsdk(cx: &CheckCx<'_, '_>, name: &str) -> bool {
    let src = cx.file.src;
    descendants(cx.file.root).any(|n| {
        matches!(n.kind(), "short_var_declaration" | "assignment_statement" | "var_spec")
            && n.child_by_field_name("left")
                .or_else(|| n.child_by_field_name("name"))
                .is_some_and(|l| text(l, src).split(',').any(|v| v.trim() == name))
            && n.child_by_field_name("right")
                .or_else(|| n.child_by_field_name("value"))
                .is_some_and(|r| text(r, src).contains("GetPlatform()"))
    })
}

/// grokify/ringcentral-sdk-go `platform.Authorize(...)` with a username and password, else an
/// app's own client given a credentials map or struct (`go_wrapper`).
pub fn go_rcsdk_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let method = text(cx.cap("method")?, cx.file.src);
    if method == "Authorize"
        && let Some(found) = rcsdk_authorize(cx, receiver)
    {
        return Some(found);
    }
    go_wrapper(cx, receiver, method)
}

/// Struct types of the SDKs themselves, whose literals other rules read
/// (`go-password-grant-type`, `go-password-client`): never an app's own credentials.
const SDK_STRUCTS: &[&str] = &["GetTokenRequest", "CredentialsOAuth2", "PasswordCredentials"];

/// The entries of a Go credentials value the file spells out: a `map[string]...{"k": v}`
/// literal, a struct literal `Credentials{Username: u, ...}` (or `&Credentials{...}`), or a
/// name last assigned one of those in scope. `None` when the value is none of those; an
/// unkeyed struct literal or a key that is not a literal makes the result `unknown`.
fn go_credentials<'t>(cx: &CheckCx<'_, 't>, arg: Node<'t>) -> Option<(Creds<'t>, [String; 2])> {
    let src = cx.file.src;
    let value = unwrap_go(arg);
    let literal = match value.kind() {
        "composite_literal" => value,
        "identifier" => unwrap_go(resolve_literal(cx, value, &["composite_literal", "unary_expression"])?),
        _ => return None,
    };
    if literal.kind() != "composite_literal" {
        return None;
    }
    let ty = literal.child_by_field_name("type")?;
    let map = ty.kind() == "map_type";
    let type_name = text(ty, src).rsplit('.').next().unwrap_or_default();
    if !map
        && (!matches!(ty.kind(), "type_identifier" | "qualified_type") || SDK_STRUCTS.contains(&type_name))
    {
        return None;
    }
    let mut creds = Creds { entries: Vec::new(), unknown: false, origin: None, by_name: false };
    if literal.id() != value.id() {
        creds.origin = Some(literal);
    }
    for element in named_children(literal.child_by_field_name("body")?) {
        let (Some(key), Some(v)) = (element.child_by_field_name("key"), element.child_by_field_name("value"))
        else {
            // `Credentials{u, p}`: fields by position, which only the type's declaration names.
            creds.unknown = true;
            continue;
        };
        let key = unwrap_go(key);
        let name = if map {
            string_value(key, src, Lang::Go)
        } else {
            (key.kind() == "identifier").then(|| text(key, src).to_owned())
        };
        match name {
            Some(name) => creds.entries.push((name, unwrap_go(v))),
            None => creds.unknown = true,
        }
    }
    let open = format!("{}{{", text(ty, src));
    let args = if map {
        wrapper_args(&creds, |k| format!("\"{k}\": .."), &open, "}")
    } else {
        wrapper_args(&creds, |k| format!("{k}: .."), &open, "}")
    };
    Some((creds, args))
}

/// An app's own client whose `Login`/`Authorize`/`Auth`/`Authenticate` receives a credentials
/// map or struct (after an optional `ctx`) with a username and a password in RingCentral code
/// (`login::accept_wrapper`): display-only guidance.
fn go_wrapper(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str) -> Option<Bindings> {
    let src = cx.file.src;
    let args = named_children(cx.cap("args")?);
    let arg = match args.as_slice() {
        [only] => *only,
        [ctx, only] if is_context(*ctx, src) => *only,
        _ => return None,
    };
    let (creds, [plain, with_ext]) = go_credentials(cx, arg)?;
    let ctx = if args.len() == 2 { "ctx, " } else { "" };
    super::login::typed_wrapper(
        cx,
        cx.cap("call")?,
        (receiver, method),
        &creds,
        [&format!("{ctx}{plain}"), &format!("{ctx}{with_ext}")],
        ("go-wrapper", "the app's own client around a RingCentral Go SDK"),
        go_jwt_expr,
    )
}

/// Whether a call's first argument is a `context.Context`: `ctx`, `context.Background()`.
fn is_context(arg: Node<'_>, src: &str) -> bool {
    let t = text(arg, src);
    t == "ctx" || t.ends_with("Ctx") || t.starts_with("context.")
}

/// grokify/ringcentral-sdk-go `platform.Authorize(...)` with a username and password.
fn rcsdk_authorize(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> Option<Bindings> {
    let src = cx.file.src;
    let args = named_children(cx.cap("args")?);
    let plain = |n: &Node<'_>| !matches!(unwrap_go(*n).kind(), "composite_literal" | "func_literal");
    let (pw, shape) = match args.len() {
        3 if args.iter().all(plain) => {
            (args[2], "rcsdk `platform.Authorize(username, extension, password)` (README form)")
        }
        5 if args.iter().all(plain) => {
            (args[3], "rcsdk `platform.Authorize(ctx, username, extension, password, remember)`")
        }
        _ => return None,
    };
    let recv = text(receiver, src);
    let rcsdk = cx.file.context.sdk == Some(SdkFamily::GoRcsdk);
    let from_sdk = recv.contains("GetPlatform()") || assigned_from_rcsdk(cx, recv);
    if !(rcsdk || (from_sdk && cx.file.context.rc_reason().is_some())) {
        return None;
    }
    let mut out = Bindings::default();
    out.notes.push(if rcsdk {
        "RingCentral call: the file imports grokify/ringcentral-sdk-go".to_owned()
    } else {
        format!("RingCentral call: `{recv}` is the SDK's platform")
    });
    secret_if_literal(cx, Some(pw), &mut out);
    out.var("shape", shape);
    out.var("sdk_name", SdkFamily::GoRcsdk.package());
    out.var("sdk_family", SdkFamily::GoRcsdk.key());
    Some(out)
}

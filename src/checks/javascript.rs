//! The JavaScript/TypeScript check room: `platform.login(...)` and `.authorize(...)`/`.auth(...)`
//! of the RingCentral JS SDKs, and the JS expression that reads the JWT.

use tree_sitter::Node;

use super::login::{
    CREDENTIAL_OBJECT_NAMES, Creds, accept_wrapper, arguments, bind_wrapper, judge_options, origin_label,
    quote_of, resolve_literal, secret_if_literal,
};
use super::receiver::{self, Evidence};
use super::{Bindings, CheckCx, CheckDef};
use crate::context::SdkFamily;
use crate::lang::Lang;
use crate::syntax::{key_text, named_children, string_value, text, unwrap_expr};

const JS_NON_PASSWORD_KEYS: &[&str] = &["jwt", "code", "access_token"];

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

fn resolve_js_literal<'t>(cx: &CheckCx<'_, 't>, ident: Node<'t>, kind: &str) -> Option<Node<'t>> {
    resolve_literal(cx, ident, &[kind])
}

/// The languages of this room.
const LANGS: &[Lang] = &[Lang::JavaScript, Lang::TypeScript, Lang::Tsx];

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: LANGS, checks: CHECKS, jwt_expr: js_jwt_expr };

/// This room's checks.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "js-password-login",
        languages: LANGS,
        needs: &["receiver", "args"],
        provides: &["shape", "jwt_expr", "sdk_family", "sdk_name"],
        about: "`.login(...)` on a RingCentral JS platform or SDK that takes the password branch",
        run: js_password_login,
        file_gate: Some(receiver::receiver_in_context),
        text_gate: Some(|text, _| receiver::js_may_name_receiver(text)),
    },
    CheckDef {
        name: "js-password-authorize",
        languages: LANGS,
        needs: &["receiver", "method", "args"],
        provides: &["shape", "jwt_expr", "sdk_family", "sdk_name"],
        about: "`.authorize({username, password})` (rcsdk v1, @rc-ex/core, js-concise) and \
                `.auth({...})` (ringcentral-ts)",
        run: js_password_authorize,
        file_gate: Some(receiver::receiver_in_context),
        text_gate: Some(|text, _| receiver::js_may_name_receiver(text)),
    },
];

/// The JS expression to read the JWT from: the environment variable the finding's note names
/// (`process.env.RC_JWT`), in the environment object the password was read from
/// (`process.env.RC_PASSWORD`, `import.meta.env['RC_PASSWORD']`). A password read from an
/// object of the app (`this.settings.user.secret`, `config['password']`) gives no sibling
/// property: the object's type need not have one (`tsc` rejects `settings.jwt` on a type
/// without it), and the note says where the JWT is.
pub(super) fn js_jwt_expr(cx: &CheckCx<'_, '_>, password: Option<Node<'_>>) -> String {
    let src = cx.file.src;
    let jwt = cx.file.jwt_var;
    if let Some(pw) = password.map(unwrap_expr) {
        match pw.kind() {
            "member_expression" => {
                if let Some(obj) = pw.child_by_field_name("object")
                    && is_env_object(text(obj, src))
                {
                    return format!("{}.{jwt}", text(obj, src));
                }
            }
            "subscript_expression" => {
                if let (Some(obj), Some(index)) =
                    (pw.child_by_field_name("object"), pw.child_by_field_name("index"))
                    && string_value(index, src, cx.file.lang).is_some()
                    && is_env_object(text(obj, src))
                {
                    let q = quote_of(Some(index), src);
                    return format!("{}[{q}{jwt}{q}]", text(obj, src));
                }
            }
            _ => {}
        }
    }
    format!("process.env.{jwt}")
}

/// Whether a JS object is the process environment (`process.env`, `import.meta.env`, a
/// destructured `env`).
fn is_env_object(obj: &str) -> bool {
    obj == "env" || obj.ends_with(".env")
}

fn js_family(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str) -> SdkFamily {
    // The package the receiver's own constructor comes from decides: a file may import two
    // SDKs (`ringcentral-js-concise` and `ringcentral-ts` side by side).
    if let Some(family) = receiver_package(cx, receiver) {
        return family;
    }
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

/// The SDK family of a JS package name, as imported.
fn package_family(package: &str) -> Option<SdkFamily> {
    Some(match package {
        "@rc-ex/core" | "@ringcentral-extensible/core" => SdkFamily::RcEx,
        "ringcentral-js-concise" => SdkFamily::Concise,
        "ringcentral-ts" => SdkFamily::RcTs,
        "@ringcentral/sdk" => SdkFamily::JsSdk,
        "ringcentral" | "rcsdk" => SdkFamily::JsLegacy,
        "ringcentral-engage-voice-client" => SdkFamily::JsEngageVoice,
        _ => return None,
    })
}

/// The SDK package the receiver was built from in this file: the class of the last
/// `new X(...)` assigned to its name, resolved through the file's imports (`import X from
/// 'ringcentral-ts'`, `const X = require('ringcentral-ts').default`, `import { SDK as X }`).
pub(super) fn receiver_package(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> Option<SdkFamily> {
    let src = cx.file.src;
    // `sdk.platform()` / `sdk.getPlatform()`: the SDK it is called on.
    let mut receiver = unwrap_expr(receiver);
    while receiver.kind() == "call_expression"
        && let Some(callee) =
            receiver.child_by_field_name("function").filter(|f| f.kind() == "member_expression")
        && callee
            .child_by_field_name("property")
            .is_some_and(|p| matches!(text(p, src), "platform" | "getPlatform"))
    {
        receiver = unwrap_expr(callee.child_by_field_name("object")?);
    }
    let name = crate::syntax::last_name(receiver, src, cx.file.lang)?;
    let built: Vec<(usize, Node<'_>)> = cx
        .file
        .assignments()
        .iter()
        .filter(|a| crate::syntax::last_name(a.lhs, src, cx.file.lang).as_deref() == Some(name.as_str()))
        .map(|a| (a.node.end_byte(), unwrap_expr(a.rhs)))
        .filter(|(_, rhs)| rhs.kind() == "new_expression")
        .collect();
    // The last one before the call; a class may build it in a constructor written further down.
    let built = built
        .iter()
        .rfind(|(end, _)| *end <= receiver.start_byte())
        .or_else(|| built.first())
        .map(|(_, rhs)| *rhs)?;
    // `new X(...)`, `new X.SDK(...)`, `new (require('pkg'))(...)`: the first name of the callee.
    let mut class = built.child_by_field_name("constructor")?;
    while class.kind() == "member_expression" {
        class = class.child_by_field_name("object")?;
    }
    let class = unwrap_expr(class);
    if class.kind() != "identifier" {
        return None;
    }
    package_family(&import_source(cx, text(class, src))?)
}

/// Whether the receiver was built from a RingCentral SDK package this file imports (the
/// strongest receiver evidence: the class is the SDK's whatever it is called).
fn accept_by_import(cx: &CheckCx<'_, '_>, receiver: Node<'_>, out: &mut Bindings) -> bool {
    let Some(family) = receiver_package(cx, receiver) else { return false };
    out.notes.push(format!(
        "RingCentral call: `{}` is built from {}, imported in this file",
        text(receiver, cx.file.src),
        family.package()
    ));
    true
}

/// The module a name is imported from in this file (ES imports and `require` calls).
fn import_source(cx: &CheckCx<'_, '_>, name: &str) -> Option<String> {
    let src = cx.file.src;
    let lang = cx.file.lang;
    let binds = |node: Node<'_>| {
        crate::syntax::descendants(node).any(|n| {
            matches!(n.kind(), "identifier" | "shorthand_property_identifier_pattern") && text(n, src) == name
        })
    };
    let imported = crate::syntax::descendants(cx.file.root)
        .filter(|n| n.kind() == "import_statement")
        .find_map(|import| {
            let clause = named_children(import).into_iter().find(|c| c.kind() == "import_clause")?;
            binds(clause).then(|| string_value(import.child_by_field_name("source")?, src, lang)).flatten()
        });
    if imported.is_some() {
        return imported;
    }
    cx.file.assignments().iter().filter(|a| binds(a.lhs)).find_map(|a| {
        let mut value = unwrap_expr(a.rhs);
        // `require('pkg').default`
        while value.kind() == "member_expression" {
            value = unwrap_expr(value.child_by_field_name("object")?);
        }
        let callee = value.child_by_field_name("function").map(|f| text(f, src));
        if value.kind() != "call_expression" || callee != Some("require") {
            return None;
        }
        let first = named_children(value.child_by_field_name("arguments")?).first().copied()?;
        string_value(first, src, lang)
    })
}

/// Options of a JS call: an object literal or an identifier bound to one.
fn js_options<'t>(cx: &CheckCx<'_, 't>, arg: Node<'t>) -> Option<Creds<'t>> {
    let arg = unwrap_expr(arg);
    match arg.kind() {
        "object" => Some(js_object(cx, arg, 0)),
        "identifier" => {
            let Some(obj) = resolve_js_literal(cx, arg, "object") else {
                return json_credentials(cx, arg, arg, &[]);
            };
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
            // `config.rc.user` where `config = require('./config.json')`: the JSON file says.
            let mut base = object;
            let mut props = vec![text(property, cx.file.src)];
            while base.kind() == "member_expression" {
                props.push(text(base.child_by_field_name("property")?, cx.file.src));
                base = base.child_by_field_name("object")?;
            }
            props.reverse();
            if base.kind() == "identifier"
                && let Some(creds) = json_credentials(cx, base, arg, &props)
            {
                return Some(creds);
            }
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

/// Largest JSON configuration file read to follow `require('./config.json')`.
const MAX_JSON_CONFIG: u64 = 1 << 20;

/// Credentials read from a JSON file of the same project: `ident` is bound by
/// `require('./config.json')` (or `import ident from './config.json'`), and `props` is the path
/// from it to the options object (`config.rc.user` gives `["rc", "user"]`). Credentials when
/// that object has a `password` (or a `username`) and no non-empty `jwt`, `code` or
/// `access_token`; `None` when the file, the path or the object is not there.
fn json_credentials<'t>(
    cx: &CheckCx<'_, 't>,
    ident: Node<'t>,
    arg: Node<'t>,
    props: &[&str],
) -> Option<Creds<'t>> {
    let spec = json_module_of(cx, ident)?;
    let dir = cx.file.path?.parent()?;
    let file = dir.join(&spec);
    let meta = std::fs::metadata(&file).ok()?;
    if !meta.is_file() || meta.len() > MAX_JSON_CONFIG {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).ok()?).ok()?;
    let object = props.iter().try_fold(&value, |v, p| v.get(*p))?.as_object()?;
    let non_empty = |key: &str| {
        object.iter().any(|(k, v)| {
            k.eq_ignore_ascii_case(key) && v.as_str().is_none_or(|s| !s.is_empty()) && !v.is_null()
        })
    };
    if JS_NON_PASSWORD_KEYS.iter().any(|k| non_empty(k)) || !(non_empty("password") || non_empty("username"))
    {
        return None;
    }
    Some(Creds {
        // What the SDK reads from it: a username and a password, in the JSON file.
        entries: vec![("username".to_owned(), arg)],
        unknown: false,
        origin: Some(arg),
        by_name: true,
    })
}

/// The relative path of the JSON module an identifier is bound to in this file:
/// `const config = require('./config.json')`, `import config from './config.json'`.
fn json_module_of(cx: &CheckCx<'_, '_>, ident: Node<'_>) -> Option<String> {
    let src = cx.file.src;
    let name = text(ident, src);
    let is_json_path = |p: &str| (p.starts_with("./") || p.starts_with("../")) && p.ends_with(".json");
    for a in cx.file.assignments() {
        let rhs = unwrap_expr(a.rhs);
        if text(a.lhs, src) != name || rhs.kind() != "call_expression" {
            continue;
        }
        let callee = rhs.child_by_field_name("function").map(|f| text(f, src));
        let first =
            rhs.child_by_field_name("arguments").and_then(|args| named_children(args).first().copied());
        if callee == Some("require")
            && let Some(spec) = first.and_then(|f| string_value(f, src, cx.file.lang))
            && is_json_path(&spec)
        {
            return Some(spec);
        }
    }
    crate::syntax::descendants(cx.file.root).filter(|n| n.kind() == "import_statement").find_map(|import| {
        let source = string_value(import.child_by_field_name("source")?, src, cx.file.lang)?;
        let clause = named_children(import).into_iter().find(|c| c.kind() == "import_clause")?;
        let default = named_children(clause).into_iter().find(|c| c.kind() == "identifier")?;
        (text(default, src) == name && is_json_path(&source)).then_some(source)
    })
}

/// `.login(...)` on a RingCentral JS platform or SDK taking the password branch.
pub fn js_password_login(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let args = arguments(cx.cap("args")?);
    let mut out = Bindings::default();
    let mut options = None;
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
            let password = creds.value("password");
            options = Some(creds);
            (evidence, shape, password)
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
    // An instance of the app's own class (`const rc = new RingCentralClient()`) whose `login`
    // takes credentials is a wrapper even when its name says RingCentral: the SDK's wording
    // and its `login({ jwt })` rewrite would not fit the wrapper's signature.
    if let Some(creds) = &options
        && receiver::own_instance(cx, receiver).is_some()
    {
        let mut wrapped = Bindings::default();
        if js_wrapper(cx, receiver, "login", creds, &mut wrapped) {
            return Some(wrapped);
        }
    }
    if !receiver::accept(cx, receiver, evidence, &mut out) && !accept_by_import(cx, receiver, &mut out) {
        let creds = options?;
        let mut out = Bindings::default();
        return js_wrapper(cx, receiver, "login", &creds, &mut out).then_some(out);
    }
    // The Engage Voice client's `ev.rc` is an `@ringcentral/sdk` SDK.
    let family = match js_family(cx, receiver, "login") {
        SdkFamily::JsEngageVoice => SdkFamily::JsSdk,
        f => f,
    };
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

/// An app's own client whose `login`/`authorize`/`auth`/`authenticate` receives a map with a
/// username and a password in RingCentral code (`login::accept_wrapper`): display-only
/// guidance, as the wrapper is the app's code.
fn js_wrapper(
    cx: &CheckCx<'_, '_>,
    receiver: Node<'_>,
    method: &str,
    creds: &Creds<'_>,
    out: &mut Bindings,
) -> bool {
    let Some(call) = cx.cap("call") else { return false };
    if !accept_wrapper(cx, call, receiver, creds, out) {
        return false;
    }
    origin_label(creds, out, "credentials");
    let password = bind_wrapper(
        cx,
        (receiver, method),
        creds,
        ["{ username, password }", "{ username, extension, password }"],
        ("js-wrapper", "the app's own client around the RingCentral JS SDK"),
        out,
    );
    out.var("jwt_expr", js_jwt_expr(cx, password));
    true
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
    // Built from the Engage Voice client and not for the legacy portal (rejected above).
    let engage_voice = receiver_package(cx, receiver) == Some(SdkFamily::JsEngageVoice)
        || super::engage_voice::office_engage_voice_client(cx, receiver);
    if engage_voice {
        out.notes.push(format!(
            "`{}` is an Engage Voice client built for RingCentral Office: `authorize` logs in to \
             RingCentral with `@ringcentral/sdk`'s `platform.login`, then exchanges that token for \
             an Engage Voice token",
            text(receiver, cx.file.src)
        ));
    } else if !receiver::accept(cx, receiver, evidence, &mut out) && !accept_by_import(cx, receiver, &mut out)
    {
        let mut out = Bindings::default();
        return js_wrapper(cx, receiver, method, &creds, &mut out).then_some(out);
    }
    origin_label(&creds, &mut out, "credentials");
    // `@ringcentral/sdk` (v4+) has no `authorize`: a platform `authorize` is the v1 API.
    let family = match js_family(cx, receiver, method) {
        _ if engage_voice => SdkFamily::JsEngageVoice,
        SdkFamily::JsSdk => SdkFamily::JsLegacy,
        // Only the Office client built in this file is known to be one.
        SdkFamily::JsEngageVoice => SdkFamily::JsLegacy,
        f => f,
    };
    let shape = match family {
        SdkFamily::JsEngageVoice => {
            "Engage Voice `ev.authorize({ username, extension, password })` (ringcentral-engage-voice-client)"
        }
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

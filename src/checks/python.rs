//! Python: the `ringcentral` SDK (`platform.login`, legacy `authorize`) and `ringcentral_client`.
//!
//! Python calls mix positional and keyword arguments, so both are read into one view of the
//! SDK's signature (`login(username, extension, password, code, redirect_uri, jwt, verifier)`)
//! before deciding which branch the call takes.

use tree_sitter::Node;

use super::login::{Creds, accept_wrapper, bind_wrapper, jwt_key, origin_label, quote_of, secret_if_literal};
use super::receiver::{self, Evidence};
use super::{Bindings, CheckCx, CheckDef};
use crate::context::SdkFamily;
use crate::lang::Lang;
use crate::syntax::{
    is_empty_literal, is_string, last_name, named_children, string_value, text, unwrap_expr,
};

const PY: &[Lang] = &[Lang::Python];

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::Python], checks: CHECKS, jwt_expr: py_jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "python-password-login",
        languages: PY,
        needs: &["receiver", "args"],
        provides: &["shape", "jwt_expr", "sdk_family", "sdk_name"],
        about: "`platform.login(...)` of the Python `ringcentral` SDK that takes the password branch \
                (a username or password, positional or keyword, and no non-empty `code`/`jwt`), \
                on a RingCentral platform",
        run: python_password_login,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "python-password-authorize",
        languages: PY,
        needs: &["receiver", "method", "args"],
        provides: &["shape", "jwt_expr", "sdk_family", "sdk_name"],
        about: "`authorize(username, extension, password[, remember])` of rcsdk / `ringcentral` \
                0.1-0.5 and of `ringcentral_client` (before its 2024-11 JWT signature)",
        run: python_password_authorize,
        file_gate: None,
        text_gate: None,
    },
];

/// Parameters of `Platform.login` in `ringcentral` >= 0.7.12, in positional order.
const LOGIN_PARAMS: &[&str] =
    &["username", "extension", "password", "code", "redirect_uri", "jwt", "verifier"];
/// Keywords of the `authorize` methods (rcsdk 0.1-0.5, `ringcentral_client` before and after 2024-11).
const AUTHORIZE_PARAMS: &[&str] = &[
    "username",
    "user_name",
    "extension",
    "password",
    "remember",
    "auth_code",
    "redirect_uri",
    "jwtToken",
    "jwt_token",
];

/// The arguments of a call: positional ones in order, keyword ones by name.
struct PyArgs<'t> {
    positional: Vec<Node<'t>>,
    keywords: Vec<(String, Node<'t>)>,
}

impl<'t> PyArgs<'t> {
    /// Reads an `argument_list`; `None` when `*args` / `**kwargs` hide what is passed. A
    /// `**creds` whose dict the same file spells out (`creds = {'username': ..., ...}` or
    /// `dict(username=..., ...)`) is read as the keywords it unpacks to.
    fn read(cx: &CheckCx<'_, 't>, args: Node<'t>) -> Option<PyArgs<'t>> {
        let src = cx.file.src;
        let mut out = PyArgs { positional: Vec::new(), keywords: Vec::new() };
        for arg in named_children(args) {
            match arg.kind() {
                "keyword_argument" => {
                    let name = arg.child_by_field_name("name")?;
                    let value = arg.child_by_field_name("value")?;
                    out.keywords.push((text(name, src).to_owned(), value));
                }
                "dictionary_splat" => out.keywords.extend(unpacked_keywords(cx, arg)?),
                "list_splat" => out.positional.extend(unpacked_positional(cx, arg)?),
                "parenthesized_list_splat" => return None,
                _ => out.positional.push(arg),
            }
        }
        Some(out)
    }

    /// The argument bound to parameter `name` at position `index` (keywords win).
    fn get(&self, index: usize, name: &str) -> Option<Node<'t>> {
        self.keywords
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| *v)
            .or_else(|| self.positional.get(index).copied())
    }

    fn keyword(&self, name: &str) -> Option<Node<'t>> {
        self.keywords.iter().find(|(k, _)| k == name).map(|(_, v)| *v)
    }
}

/// The keywords a `**name` argument unpacks to, when `name` is a dict the file spells out
/// before the call: a dict literal with string keys, or `dict(key=value, ...)`. `None` when
/// anything in it is not known (another splat, a computed key).
fn unpacked_keywords<'t>(cx: &CheckCx<'_, 't>, splat: Node<'t>) -> Option<Vec<(String, Node<'t>)>> {
    dict_entries(cx, *named_children(splat).first()?)
}

/// The values a `*name` argument unpacks to, when `name` is a tuple or list the file spells
/// out before the call (`creds = (user, ext, pw)`), or the literal itself. `None` otherwise.
fn unpacked_positional<'t>(cx: &CheckCx<'_, 't>, splat: Node<'t>) -> Option<Vec<Node<'t>>> {
    let inner = unwrap_expr(*named_children(splat).first()?);
    let sequence = match inner.kind() {
        "identifier" => super::login::resolve_literal(cx, inner, &["tuple", "list"])?,
        "tuple" | "list" => inner,
        _ => return None,
    };
    let items = named_children(sequence);
    // Another splat inside (`(*base, pw)`) hides the positions.
    if items.iter().any(|i| i.kind().ends_with("splat")) {
        return None;
    }
    Some(items)
}

/// The dict a call to a function of this file returns (`**_creds()` where `def _creds():
/// return dict(username=..., ...)`): its last `return` of a dict literal, `dict(...)` or a name
/// assigned one. Its keys say which grant the login takes, whatever the caller passes in.
fn returned_dict<'t>(cx: &CheckCx<'_, 't>, call: Node<'t>) -> Option<Node<'t>> {
    let src = cx.file.src;
    let callee = call.child_by_field_name("function").filter(|f| f.kind() == "identifier")?;
    let name = text(callee, src);
    let function = crate::syntax::descendants(cx.file.root).find(|n| {
        n.kind() == "function_definition"
            && n.child_by_field_name("name").is_some_and(|f| text(f, src) == name)
    })?;
    let returned = crate::syntax::descendants(function)
        .filter(|n| n.kind() == "return_statement")
        .filter_map(|r| r.named_child(0))
        .last()?;
    let returned = unwrap_expr(returned);
    match returned.kind() {
        "identifier" => super::login::resolve_literal(cx, returned, &["dictionary", "call"]),
        _ => Some(returned),
    }
}

/// The entries of a dict the file spells out: a dict literal with string keys, `dict(k=v, ...)`,
/// a name last assigned one of those in scope, or a call of a function of this file that
/// returns one (`returned_dict`). `None` when anything in it is not known.
fn dict_entries<'t>(cx: &CheckCx<'_, 't>, expr: Node<'t>) -> Option<Vec<(String, Node<'t>)>> {
    let src = cx.file.src;
    let inner = unwrap_expr(expr);
    let dict = match inner.kind() {
        "identifier" => super::login::resolve_literal(cx, inner, &["dictionary", "call"])?,
        "call" if inner.child_by_field_name("function").is_some_and(|f| text(f, src) != "dict") => {
            returned_dict(cx, inner)?
        }
        _ => inner,
    };
    let mut out = Vec::new();
    match dict.kind() {
        "dictionary" => {
            for entry in named_children(dict) {
                if entry.kind() != "pair" {
                    return None;
                }
                let key = string_value(entry.child_by_field_name("key")?, src, Lang::Python)?;
                out.push((key, entry.child_by_field_name("value")?));
            }
        }
        "call" if dict.child_by_field_name("function").is_some_and(|f| text(f, src) == "dict") => {
            for arg in named_children(dict.child_by_field_name("arguments")?) {
                if arg.kind() != "keyword_argument" {
                    return None;
                }
                let name = arg.child_by_field_name("name")?;
                out.push((text(name, src).to_owned(), arg.child_by_field_name("value")?));
            }
        }
        _ => return None,
    }
    Some(out)
}

/// Whether an argument is present and not `''` / `None`.
fn given<'t>(cx: &CheckCx<'_, 't>, node: Option<Node<'t>>) -> Option<Node<'t>> {
    node.filter(|n| !is_empty_literal(unwrap_expr(*n), cx.file.src, cx.file.lang))
}

/// Env-reading functions whose first argument is a variable name (`os.getenv`, `environ.get`,
/// environs' `env`, python-decouple's `config`).
fn is_env_function(func: &str) -> bool {
    let last = func.rsplit('.').next().unwrap_or(func);
    matches!(last, "getenv" | "env" | "config") || func.ends_with("environ.get")
}

/// The Python expression to read the JWT from, following how the password was read:
/// `os.environ['RC_PASSWORD']` gives `os.environ['RC_JWT']`, `os.getenv('RC_PASSWORD')` gives
/// `os.getenv('RC_JWT')`, `config['password']` gives `config['jwt']` (a key of the same
/// mapping); otherwise (an attribute, a constant, a parameter) the env lookup the file already
/// uses.
pub(super) fn py_jwt_expr(cx: &CheckCx<'_, '_>, password: Option<Node<'_>>) -> String {
    let src = cx.file.src;
    let jwt = cx.file.jwt_var;
    if let Some(pw) = password.map(unwrap_expr) {
        match pw.kind() {
            "subscript" => {
                if let (Some(base), Some(key)) =
                    (pw.child_by_field_name("value"), pw.child_by_field_name("subscript"))
                    && let Some(old) = string_value(key, src, Lang::Python)
                    // `request.form['password']` is what a user typed: a JWT comes from the
                    // environment.
                    && !text(base, src).starts_with("request.")
                {
                    let base_text = text(base, src);
                    let env_like = base_text.ends_with("environ") || base_text == "env";
                    let q = quote_of(Some(key), src);
                    return format!("{base_text}[{q}{}{q}]", jwt_key(&old, env_like, jwt));
                }
            }
            "call" => {
                let func = pw.child_by_field_name("function").map(|f| text(f, src)).unwrap_or_default();
                let first =
                    pw.child_by_field_name("arguments").and_then(|a| named_children(a).first().copied());
                if is_env_function(func)
                    && let Some(first) = first.filter(|f| is_string(*f, Lang::Python))
                    && let Some(old) = string_value(first, src, Lang::Python)
                {
                    let q = quote_of(Some(first), src);
                    return format!("{func}({q}{}{q})", jwt_key(&old, true, jwt));
                }
            }
            // `settings.password`, a constant `PASSWORD`: an attribute or a name the code
            // may not have (`settings.jwt` raises AttributeError, `RC_JWT` NameError), so the
            // environment variable the note names.
            _ => {}
        }
    }
    if src.contains("os.getenv(") {
        format!("os.getenv('{jwt}')")
    } else if src.contains("os.environ.get(") {
        format!("os.environ.get('{jwt}')")
    } else {
        format!("os.environ['{jwt}']")
    }
}

/// A call whose only argument is a dict (`bot.login({'username': .., 'password': ..})`, or a
/// name assigned one): no RingCentral SDK takes one, so it is an app's own client around the
/// SDK, judged by `login::accept_wrapper`. `Some(None)` when it is such a call but not taken.
fn py_wrapper(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str) -> Option<Option<Bindings>> {
    let src = cx.file.src;
    let args = named_children(cx.cap("args")?);
    let [only] = args.as_slice() else { return None };
    let only = unwrap_expr(*only);
    let literal = match only.kind() {
        "dictionary" => only,
        "identifier" => super::login::resolve_literal(cx, only, &["dictionary", "call"])?,
        _ => return None,
    };
    // A name assigned from another call (`creds = load()`) is not a dict the file spells out.
    if literal.kind() == "call"
        && literal.child_by_field_name("function").is_none_or(|f| text(f, src) != "dict")
    {
        return None;
    }
    let Some(entries) = dict_entries(cx, literal) else { return Some(None) };
    let origin = (literal.id() != only.id()).then_some(literal);
    let creds = Creds { entries, unknown: false, origin, by_name: false };
    let mut out = Bindings::default();
    if !accept_wrapper(cx, cx.cap("call")?, receiver, &creds, &mut out) {
        return Some(None);
    }
    origin_label(&creds, &mut out, "credentials");
    let password = bind_wrapper(
        cx,
        (receiver, method),
        &creds,
        ["{'username': .., 'password': ..}", "{'username': .., 'extension': .., 'password': ..}"],
        ("python-wrapper", "the app's own client around the RingCentral Python SDK"),
        &mut out,
    );
    out.var("jwt_expr", py_jwt_expr(cx, password));
    Some(Some(out))
}

/// `.login(...)` of the `ringcentral` SDK taking the password branch.
pub fn python_password_login(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    if let Some(found) = py_wrapper(cx, receiver, "login") {
        return found;
    }
    let args = PyArgs::read(cx, cx.cap("args")?)?;
    // Not the SDK's signature: Django's `login(request, user, backend=...)`, other APIs.
    if args.positional.len() > LOGIN_PARAMS.len()
        || args.keywords.iter().any(|(k, _)| !LOGIN_PARAMS.contains(&k.as_str()))
    {
        return None;
    }
    // A code or a JWT selects another branch, also positionally (`login('', '', '', code, uri)`).
    if given(cx, args.get(3, "code")).is_some() || given(cx, args.get(5, "jwt")).is_some() {
        return None;
    }
    let username = given(cx, args.get(0, "username"));
    let password = given(cx, args.get(2, "password"));
    let evidence = match (username, password) {
        (_, Some(_)) => Evidence::Strong,
        (Some(_), None) => Evidence::Weak,
        // Nothing given: the SDK raises before sending anything.
        (None, None) => return None,
    };
    let mut out = Bindings::default();
    if !receiver::accept(cx, receiver, evidence, &mut out) {
        return None;
    }
    secret_if_literal(cx, password, &mut out);
    let keyword = args.keyword("username").is_some() || args.keyword("password").is_some();
    let shape = match (keyword, password.is_some()) {
        (true, _) => "`login(username=..., extension=..., password=...)` with keyword credentials",
        (false, true) => "`login(username, extension, password)` with positional credentials",
        (false, false) => {
            "`login(username, extension)` without `code` or `jwt`, which takes the password branch"
        }
    };
    out.var("shape", shape);
    out.var("sdk_family", SdkFamily::PySdk.key());
    out.var("sdk_name", SdkFamily::PySdk.package());
    out.var("jwt_expr", py_jwt_expr(cx, args.get(2, "password")));
    Some(out)
}

/// `authorize(username, extension, password[, remember])`: rcsdk / `ringcentral` 0.1-0.5 and
/// `ringcentral_client` before 2024-11.
pub fn python_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let receiver = cx.cap("receiver")?;
    let method = text(cx.cap("method")?, src);
    if let Some(found) = py_wrapper(cx, receiver, method) {
        return found;
    }
    // `auth`/`authenticate` are only the wrappers' names.
    if method != "authorize" {
        return None;
    }
    let call = cx.cap("args")?.parent()?;
    if let Some(mode) = super::engage_voice::python_engage_voice_mode(cx, receiver, call) {
        return engage_voice_authorize(cx, receiver, mode);
    }
    let args = PyArgs::read(cx, cx.cap("args")?)?;
    if args.keywords.iter().any(|(k, _)| !AUTHORIZE_PARAMS.contains(&k.as_str())) {
        return None;
    }
    // `rc.authorize(auth_code=..., redirect_uri=...)`, `rc.authorize(jwt_token)`.
    if ["auth_code", "jwtToken", "jwt_token"].iter().any(|k| given(cx, args.keyword(k)).is_some()) {
        return None;
    }
    let username = given(
        cx,
        args.keyword("username").or(args.keyword("user_name")).or(args.positional.first().copied()),
    );
    let password = given(cx, args.get(2, "password"));
    // Three credentials (plus `remember`): one positional argument is a JWT, two an auth code.
    let arity = args.positional.len() + args.keywords.len();
    if password.is_none() || username.is_none() || !(3..=4).contains(&arity) {
        return None;
    }
    let mut out = Bindings::default();
    if !receiver::accept(cx, receiver, Evidence::Strong, &mut out) {
        return None;
    }
    secret_if_literal(cx, password, &mut out);
    let platform_named = last_name(receiver, src, cx.file.lang)
        .is_some_and(|n| n.to_ascii_lowercase().contains("platform"))
        || text(receiver, src).contains("platform()");
    let family = match cx.file.context.sdk {
        Some(SdkFamily::PyClient) => SdkFamily::PyClient,
        Some(_) => SdkFamily::PyLegacy,
        None if platform_named => SdkFamily::PyLegacy,
        None => SdkFamily::PyClient,
    };
    let shape = if family == SdkFamily::PyClient {
        "ringcentral_client `authorize(username, extension, password)` (since 2024-11 the first argument is read as a JWT)"
    } else {
        "rcsdk / ringcentral 0.1-0.5 `platform.authorize(username, extension, password)`"
    };
    out.var("shape", shape);
    out.var("sdk_family", family.key());
    out.var("sdk_name", family.package());
    out.var("jwt_expr", py_jwt_expr(cx, args.get(2, "password")));
    Some(out)
}

/// `ev.authorize(username=.., password=.., extension=..)` of the official Engage Voice client
/// (`ringcentral_engage_voice`) built for RingCentral Office: `authorize(**kwargs)` passes the
/// keywords to `ringcentral`'s `platform.login`, so it is the password grant whenever no `jwt`
/// or `code` is given. Keywords only: a positional call raises `TypeError` before logging in.
fn engage_voice_authorize(
    cx: &CheckCx<'_, '_>,
    receiver: Node<'_>,
    mode: super::engage_voice::EngageMode,
) -> Option<Bindings> {
    use super::engage_voice::EngageMode;
    if mode == EngageMode::Legacy {
        return None;
    }
    let args = PyArgs::read(cx, cx.cap("args")?)?;
    if !args.positional.is_empty() || args.keywords.iter().any(|(k, _)| !LOGIN_PARAMS.contains(&k.as_str())) {
        return None;
    }
    if given(cx, args.keyword("code")).is_some() || given(cx, args.keyword("jwt")).is_some() {
        return None;
    }
    given(cx, args.keyword("username"))?;
    let password = Some(given(cx, args.keyword("password"))?);
    let mut out = Bindings::default();
    let name = text(receiver, cx.file.src);
    out.notes.push(match mode {
        EngageMode::Office => format!(
            "`{name}` is an Engage Voice client built with a client id (RingCentral Office): `authorize` \
             passes its keywords to `ringcentral`'s `platform.login`, then exchanges the token for an \
             Engage Voice token"
        ),
        _ => format!(
            "`{name}` is taken for the Engage Voice client this file imports (its constructor is not \
             here): built with a client id, `authorize` logs in to RingCentral with these keywords"
        ),
    });
    secret_if_literal(cx, password, &mut out);
    out.var(
        "shape",
        "Engage Voice `ev.authorize(username=.., password=.., extension=..)` (ringcentral_engage_voice, keywords only)",
    );
    out.var("sdk_family", SdkFamily::PyEngageVoice.key());
    out.var("sdk_name", SdkFamily::PyEngageVoice.package());
    out.var("jwt_expr", py_jwt_expr(cx, password));
    Some(out)
}

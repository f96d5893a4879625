//! Ruby: `ringcentral-sdk` keyword `authorize`, `ringcentral_sdk` `authorize_password` and block configuration.
//!
//! The official gem takes keywords (`rc.authorize(username:, extension:, password:)`) and picks
//! the password branch when neither `auth_code` nor `jwt` is non-nil; grokify's gem takes
//! positional credentials (`authorize_password` and its aliases `authorize`, `login`) or logs in
//! from its constructor block when `config.username` is set.

use tree_sitter::Node;

use super::login::{
    Creds, accept_wrapper, bind_wrapper, jwt_key, quote_of, resolve_literal, secret_if_literal,
};
use super::receiver::{self, Evidence};
use super::{Bindings, CheckCx, CheckDef};
use crate::context::SdkFamily;
use crate::lang::Lang;
use crate::syntax::{last_name, named_children, string_value, text, unwrap_expr};

const RB: &[Lang] = &[Lang::Ruby];

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::Ruby], checks: CHECKS, jwt_expr: rb_jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "ruby-password-authorize",
        languages: RB,
        needs: &["receiver", "method", "args?"],
        provides: &["shape", "jwt_expr", "jwt_args", "sdk_family", "sdk_name"],
        about: "`rc.authorize(username:, extension:, password:)` (gem `ringcentral-sdk`, no non-nil \
                `auth_code`/`jwt`) and positional `authorize_password` / `authorize` / `login` of \
                grokify's `ringcentral_sdk`, on a RingCentral receiver",
        run: ruby_password_authorize,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "ruby-sdk-password-config",
        languages: RB,
        needs: &["config", "field", "value", "match"],
        provides: &["shape", "jwt_expr", "sdk_name"],
        about: "`config.password = ...` (or `config.username = ...` alone) inside a \
                `RingCentralSdk::REST::Client.new do |config| ... end` block without `config.jwt`",
        run: ruby_sdk_password_config,
        file_gate: None,
        text_gate: None,
    },
];

/// Keys that select another branch of the official gem's `authorize` when non-nil.
const NON_PASSWORD_KEYS: &[&str] = &["auth_code", "jwt", "code"];

/// Arguments of a Ruby call: positional ones and keyword/hash pairs.
struct RbArgs<'t> {
    positional: Vec<Node<'t>>,
    keywords: Vec<(String, Node<'t>)>,
}

impl<'t> RbArgs<'t> {
    fn keyword(&self, name: &str) -> Option<Node<'t>> {
        self.keywords.iter().rev().find(|(k, _)| k == name).map(|(_, v)| *v)
    }
}

/// The key of a hash pair as plain text (`username:`, `:username =>`, `'username' =>`).
fn pair_key(key: Node<'_>, src: &str) -> Option<String> {
    match key.kind() {
        "hash_key_symbol" | "identifier" | "constant" => Some(text(key, src).to_owned()),
        "simple_symbol" => Some(text(key, src).trim_start_matches(':').to_owned()),
        _ => string_value(key, src, Lang::Ruby),
    }
}

/// Pairs of a hash literal or argument list; `None` when a splat hides some.
fn read_pairs<'t>(node: Node<'t>, src: &str, out: &mut RbArgs<'t>) -> Option<()> {
    for pair in named_children(node) {
        match pair.kind() {
            "pair" => {
                let key = pair_key(pair.child_by_field_name("key")?, src)?;
                out.keywords.push((key, pair.child_by_field_name("value")?));
            }
            "hash_splat_argument" | "splat_argument" | "block_argument" | "forward_argument" => return None,
            _ => out.positional.push(pair),
        }
    }
    Some(())
}

/// Reads an argument list: `authorize(username: u)`, `authorize({username: u})` and
/// `authorize(creds)` where `creds` is a hash literal assigned in scope all give keywords.
fn read_args<'t>(cx: &CheckCx<'_, 't>, args: Node<'t>) -> Option<RbArgs<'t>> {
    let mut out = RbArgs { positional: Vec::new(), keywords: Vec::new() };
    read_pairs(args, cx.file.src, &mut out)?;
    if out.keywords.is_empty()
        && let [only] = out.positional.as_slice()
    {
        let only = unwrap_expr(*only);
        let hash = match only.kind() {
            "hash" => Some(only),
            "identifier" => resolve_literal(cx, only, &["hash"]),
            _ => None,
        };
        if let Some(hash) = hash {
            out.positional.clear();
            read_pairs(hash, cx.file.src, &mut out)?;
        }
    }
    Some(out)
}

fn is_nil(node: Node<'_>, src: &str) -> bool {
    text(unwrap_expr(node), src) == "nil"
}

/// The Ruby expression to read the JWT from, following how the password was read:
/// `ENV['RC_PASSWORD']` gives `ENV['RC_JWT']`, `ENV.fetch('RC_PASSWORD')` gives
/// `ENV.fetch('RC_JWT')`, `config[:password]` gives `config[:jwt]` (a key of the same hash);
/// otherwise (`settings.password`, a constant, a parameter) the file's env lookup.
pub(super) fn rb_jwt_expr(cx: &CheckCx<'_, '_>, password: Option<Node<'_>>) -> String {
    let src = cx.file.src;
    let jwt = cx.file.jwt_var;
    if let Some(pw) = password.map(unwrap_expr) {
        match pw.kind() {
            "element_reference" => {
                let base = pw.child_by_field_name("object");
                let key = named_children(pw).into_iter().find(|n| base.is_none_or(|b| b.id() != n.id()));
                // `params[:password]` is what a user typed: a JWT comes from the environment.
                let user_input = base.is_some_and(|b| matches!(text(b, src), "params" | "request.params"));
                if let (Some(base), Some(key), false) = (base, key, user_input) {
                    let base_text = text(base, src);
                    let env_like = base_text == "ENV";
                    if key.kind() == "simple_symbol" {
                        let old = text(key, src).trim_start_matches(':');
                        return format!("{base_text}[:{}]", jwt_key(old, env_like, jwt));
                    }
                    if let Some(old) = string_value(key, src, Lang::Ruby) {
                        let q = quote_of(Some(key), src);
                        return format!("{base_text}[{q}{}{q}]", jwt_key(&old, env_like, jwt));
                    }
                }
            }
            "call" => {
                let recv = pw.child_by_field_name("receiver").map(|r| text(r, src));
                let method = pw.child_by_field_name("method").map(|m| text(m, src)).unwrap_or_default();
                let first =
                    pw.child_by_field_name("arguments").and_then(|a| named_children(a).first().copied());
                match (recv, first) {
                    (Some("ENV"), Some(first)) if method == "fetch" => {
                        if let Some(old) = string_value(first, src, Lang::Ruby) {
                            let q = quote_of(Some(first), src);
                            return format!("ENV.fetch({q}{}{q})", jwt_key(&old, true, jwt));
                        }
                    }
                    // `config.password` gives no `config.jwt` (the object need not answer
                    // it), a constant `PASSWORD` no `RC_JWT` constant: the environment.
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if src.contains("ENV.fetch(") { format!("ENV.fetch('{jwt}')") } else { format!("ENV['{jwt}']") }
}

/// An app's own client whose `login`/`authorize`/`auth`/`authenticate` receives a hash with a
/// username and a password in RingCentral code (`login::accept_wrapper`): display-only guidance.
fn rb_wrapper(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str, args: &RbArgs<'_>) -> Option<Bindings> {
    let creds = Creds { entries: args.keywords.clone(), unknown: false, origin: None, by_name: false };
    let mut out = Bindings::default();
    if !accept_wrapper(cx, cx.cap("call")?, receiver, &creds, &mut out) {
        return None;
    }
    let password = bind_wrapper(
        cx,
        (receiver, method),
        &creds,
        ["username:, password:", "username:, extension:, password:"],
        ("ruby-wrapper", "the app's own client around the RingCentral Ruby SDK"),
        &mut out,
    );
    let jwt_expr = rb_jwt_expr(cx, password);
    out.var("jwt_args", format!("(jwt: {jwt_expr})"));
    out.var("jwt_expr", jwt_expr);
    Some(out)
}

/// `authorize(...)` / `authorize_password(...)` / `login(...)` taking the password branch.
pub fn ruby_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let receiver = cx.cap("receiver")?;
    let method = text(cx.cap("method")?, src);
    // `client.authorize_password ...` in documentation: grokify's password method with its
    // arguments elided. Only that name says the grant without its arguments.
    let elided = match cx.cap("args") {
        Some(_) => false,
        None if method == "authorize_password" => {
            cx.cap("call")?.child_by_field_name("arguments").is_none()
                && cx.file.context.rc_reason().is_some()
        }
        None => return None,
    };
    let args = match cx.cap("args") {
        Some(node) => read_args(cx, node)?,
        None if elided => RbArgs { positional: Vec::new(), keywords: Vec::new() },
        None => return None,
    };
    // An app's own client: `bot.login(username: .., password: ..)` on a receiver that is not
    // the official gem's client (whose keyword `authorize` is read below).
    let hash_only = args.positional.is_empty() && !args.keywords.is_empty();
    if hash_only && !matches!(method, "authorize_password" | "authorize_user") {
        let official = method == "authorize"
            && receiver::accept(cx, receiver, Evidence::Strong, &mut Bindings::default());
        if !official {
            return rb_wrapper(cx, receiver, method, &args);
        }
    }
    if matches!(method, "auth" | "authenticate") {
        return None;
    }
    let mut out = Bindings::default();
    // grokify's positional form may end in OAuth options (`access_token_ttl: 600`), which Ruby
    // passes as keywords: three positional credentials and no credential keyword is that form.
    let options_only = args.positional.len() == 3
        && ["username", "password", "extension", "jwt", "auth_code", "code"]
            .iter()
            .all(|k| args.keyword(k).is_none());
    // ringcentral_sdk 1.x: `authorize_user(user_config)` logs in with the config's credentials.
    let user_config = method == "authorize_user";
    if user_config && !(args.positional.len() == 1 && args.keywords.is_empty()) {
        return None;
    }
    let (keyword_form, password) = if user_config || elided {
        (false, None)
    } else if args.keywords.is_empty() || options_only {
        // grokify: `authorize_password(username, extension, password[, remember/params])`.
        if !(3..=4).contains(&args.positional.len())
            // (the fourth may be `remember` or a params hash)
            || args.positional.iter().take(3).any(|a| matches!(unwrap_expr(*a).kind(), "hash" | "pair"))
        {
            return None;
        }
        (false, args.positional.get(2).copied())
    } else {
        // The official gem's keywords; a non-nil code or JWT wins even next to `username: nil`.
        if method != "authorize"
            || !args.positional.is_empty()
            || NON_PASSWORD_KEYS.iter().any(|k| args.keyword(k).is_some_and(|v| !is_nil(v, src)))
        {
            return None;
        }
        let credential =
            ["username", "password"].iter().any(|k| args.keyword(k).is_some_and(|v| !is_nil(v, src)));
        if !credential {
            return None;
        }
        (true, args.keyword("password"))
    };
    let receiver_name = last_name(receiver, src, cx.file.lang).unwrap_or_default().to_ascii_lowercase();
    let grokify_file = cx.file.context.sdk == Some(SdkFamily::RubyGrokify);
    if !receiver::accept(cx, receiver, Evidence::Strong, &mut out) {
        // `authorize_password` is grokify's own name; its aliases need a client-like receiver.
        let client_like = ["client", "sdk", "rc"].iter().any(|n| receiver_name.contains(n));
        let rc = cx.file.context.rc_reason();
        let by_method =
            matches!(method, "authorize_password" | "authorize_user") && !keyword_form && rc.is_some();
        if !(by_method || (grokify_file && client_like)) {
            return None;
        }
        out.notes.push(format!(
            "RingCentral call: `{method}` with three positional credentials is ringcentral_sdk's password login ({})",
            rc.unwrap_or("the file uses ringcentral_sdk (grokify gem)")
        ));
    }
    secret_if_literal(cx, password, &mut out);
    let legacy = receiver_name.contains("platform") || text(receiver, src).ends_with(".platform");
    let (family, name, shape) = if user_config {
        (
            SdkFamily::RubyGrokify.key(),
            SdkFamily::RubyGrokify.package(),
            "ringcentral_sdk 1.x `authorize_user(user)`: the user config's username, extension and password"
                .to_owned(),
        )
    } else if keyword_form {
        (
            SdkFamily::RubySdk.key(),
            SdkFamily::RubySdk.package(),
            "`authorize(username:, extension:, password:)` without `jwt:` or `auth_code:`".to_owned(),
        )
    } else if elided {
        (
            SdkFamily::RubyGrokify.key(),
            SdkFamily::RubyGrokify.package(),
            "ringcentral_sdk `authorize_password ...` (arguments elided): the password login".to_owned(),
        )
    } else if cx.file.context.sdk == Some(SdkFamily::RubySdk) {
        (
            SdkFamily::RubySdk.key(),
            SdkFamily::RubySdk.package(),
            "`authorize(username, extension, password)` with positional credentials".to_owned(),
        )
    } else if legacy {
        (
            "ruby-grokify-legacy",
            "ringcentral_sdk 0.x (grokify gem)",
            format!("ringcentral_sdk 0.x `platform.{method}(username, extension, password)`"),
        )
    } else {
        (
            SdkFamily::RubyGrokify.key(),
            SdkFamily::RubyGrokify.package(),
            format!("ringcentral_sdk `{method}(username, extension, password)`"),
        )
    };
    let jwt_expr = rb_jwt_expr(cx, password);
    let parens = cx.cap("args").is_none_or(|a| text(a, src).starts_with('('));
    out.var("jwt_args", if parens { format!("(jwt: {jwt_expr})") } else { format!("jwt: {jwt_expr}") });
    out.var("jwt_expr", jwt_expr);
    out.var("shape", shape);
    out.var("sdk_family", family);
    out.var("sdk_name", name);
    Some(out)
}

/// The `do |config| ... end` / `{ |config| ... }` block around `node` whose first parameter
/// is named `param`, if it configures a `RingCentralSdk::REST::Client`.
fn client_block<'t>(cx: &CheckCx<'_, 't>, node: Node<'t>, param: &str) -> Option<Node<'t>> {
    let src = cx.file.src;
    let mut n = node.parent();
    while let Some(p) = n {
        match p.kind() {
            "do_block" | "block" => {
                let params = p.child_by_field_name("parameters")?;
                if named_children(params).first().map(|f| text(*f, src)) != Some(param) {
                    return None;
                }
                let call = p.parent().filter(|c| c.kind() == "call")?;
                let method = call.child_by_field_name("method").map(|m| text(m, src));
                let ctor = text(call.child_by_field_name("receiver")?, src);
                let rc_ctor = ctor.contains("RingCentralSdk")
                    || (cx.file.context.sdk == Some(SdkFamily::RubyGrokify) && ctor.ends_with("Client"));
                // Docs also write the constructor without `.new` (`RingCentralSdk::REST::Client
                // do |config|`): the block configures the same client.
                let bare = method.is_some_and(|m| m.ends_with("Client")) && ctor.contains("RingCentralSdk");
                return ((method == Some("new") && rc_ctor) || bare).then_some(p);
            }
            "method" | "singleton_method" | "class" | "module" | "program" => return None,
            _ => n = p.parent(),
        }
    }
    None
}

/// `config.password = ...` (or `config.username = ...` without a password) in a
/// `RingCentralSdk::REST::Client.new` block that sets no `config.jwt`.
pub fn ruby_sdk_password_config(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let config = text(cx.cap("config")?, src);
    let field = text(cx.cap("field")?, src);
    let value = cx.cap("value")?;
    let assignment = cx.cap("match")?;
    if is_nil(value, src) {
        return None;
    }
    let block = client_block(cx, assignment, config)?;
    // Every `config.x = value` of the block.
    let fields: Vec<(&str, Node<'_>)> = crate::syntax::descendants(block)
        .filter(|a| a.kind() == "assignment")
        .filter_map(|a| {
            let left = a.child_by_field_name("left")?;
            let recv = left.child_by_field_name("receiver")?;
            (left.kind() == "call" && text(recv, src) == config).then(|| {
                Some((text(left.child_by_field_name("method")?, src), a.child_by_field_name("right")?))
            })?
        })
        .collect();
    let set = |name: &str| fields.iter().any(|(f, v)| *f == name && !is_nil(*v, src));
    if set("jwt") || (field == "username" && set("password")) {
        return None;
    }
    let mut out = Bindings::default();
    let password = (field == "password").then_some(value);
    secret_if_literal(cx, password, &mut out);
    out.notes.push(format!(
        "RingCentral call: the block configures `{}`, whose constructor logs in with the password grant when `username` is set",
        text(block.parent()?.child_by_field_name("receiver")?, src)
    ));
    out.var(
        "shape",
        if field == "password" {
            format!("`{config}.password = ...` in the client's configuration block")
        } else {
            format!("`{config}.username = ...` in the client's configuration block (the constructor logs in)")
        },
    );
    out.var("jwt_expr", rb_jwt_expr(cx, password));
    out.var("sdk_name", SdkFamily::RubyGrokify.package());
    Some(out)
}

//! Engage Voice clients: the community wrappers (`engagevoice-sdk-wrapper` for Node, PHP and
//! Python) whose `login(username, password, extension[, callback])` performs a RingCentral
//! password grant in their Office mode, and the legacy (non-RingCentral) mode of the official
//! JS client, which other login checks must not report.
//!
//! The mode is decided by how the client was built: the wrappers' `RestClient(clientId,
//! clientSecret)` is the Office mode (a RingCentral app), `RestClient()` with no arguments the
//! legacy portal; the official client's `new RingCentralEngageVoice({ server: LEGACY_SERVER })`
//! without a `clientId` is the legacy portal (`portal.vacd.biz`), not RingCentral OAuth.

use tree_sitter::Node;

use super::{Bindings, CheckCx, CheckDef};
use crate::lang::Lang;
use crate::syntax::{is_empty_literal, is_string, key_text, last_name, named_children, text, unwrap_expr};

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[CheckDef {
    name: "engage-voice-wrapper-login",
    languages: &[Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Php, Lang::PhpOnly, Lang::Python],
    needs: &["receiver", "args"],
    provides: &["shape", "wrapper", "lang_family"],
    about: "`ev.login(username, password, extension[, callback])` (or PHP's array form) of the \
            engagevoice-sdk-wrapper packages on a client built in Office mode \
            (`RestClient(clientId, clientSecret)`); the legacy mode (`RestClient()`) is not \
            RingCentral OAuth",
    run: engage_voice_wrapper_login,
    file_gate: None,
    text_gate: None,
}];

/// Spellings of the wrapper packages in imports (`require('engagevoice-sdk-wrapper')`, PHP's
/// `EngageVoiceSDKWrapper\RestClient`, Python's module `engagevoice.sdk_wrapper`, imported as
/// `from engagevoice.sdk_wrapper import ...` or `from engagevoice import sdk_wrapper`, and the
/// distribution's name `engagevoice_sdk_wrapper`).
const WRAPPER_NAMES: &[&str] = &[
    "engagevoice-sdk-wrapper",
    "engagevoicesdkwrapper",
    "engagevoice_sdk_wrapper",
    "engagevoice.sdk_wrapper",
    "engagevoice import sdk_wrapper",
];

/// The names the file calls the wrapper's client by: `RestClient`, and the aliases a Python
/// import gives it (`from engagevoice.sdk_wrapper import RestClient as Dialer`).
fn client_names(src: &str, lang: Lang) -> Vec<&str> {
    let mut names = vec!["RestClient"];
    if lang == Lang::Python {
        let mut rest = src;
        while let Some(at) = rest.find("RestClient") {
            let after = &rest[at + "RestClient".len()..];
            let trimmed = after.trim_start_matches([' ', '\t']);
            if let Some(alias) = trimmed.strip_prefix("as").filter(|a| a.starts_with([' ', '\t'])) {
                let alias = alias.trim_start_matches([' ', '\t']);
                let end =
                    alias.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(alias.len());
                if end > 0 {
                    names.push(&alias[..end]);
                }
            }
            rest = after;
        }
    }
    names
}

/// Whether `call` builds the wrapper's client (`RestClient(...)`, `new EngageVoice.RestClient(...)`,
/// `sdk_wrapper.RestClient(...)`, an imported alias).
fn is_client_constructor(cx: &CheckCx<'_, '_>, call: Node<'_>) -> bool {
    let src = cx.file.src;
    let callee = call
        .child_by_field_name("function")
        .or_else(|| call.child_by_field_name("constructor"))
        .or_else(|| call.child_by_field_name("class"))
        .and_then(|f| last_name(f, src, cx.file.lang));
    let names = client_names(src, cx.file.lang);
    match callee {
        Some(name) => names.contains(&name.as_str()),
        None => text(call, src).contains("RestClient"),
    }
}

/// Whether the client's arguments name no RingCentral app: none at all (`RestClient()`), or a
/// client id or secret that is `None`/`null`/empty (`RestClient(None, None)`), which the
/// Python wrapper takes for the legacy portal.
fn legacy_arguments(cx: &CheckCx<'_, '_>, call: Node<'_>) -> bool {
    let args = constructor_args(call);
    args.is_empty()
        || args.iter().take(2).any(|a| {
            let a = unwrap_expr(
                named_children(*a).into_iter().next().filter(|_| a.kind() == "argument").unwrap_or(*a),
            );
            is_empty_literal(a, cx.file.src, cx.file.lang)
        })
}

/// What the client a call is made on was built as.
#[derive(Debug, PartialEq, Eq)]
enum Mode {
    /// `RestClient(clientId, clientSecret)`: a RingCentral app, the password grant.
    Office,
    /// `RestClient()`: the legacy portal.
    Legacy,
    /// No constructor found in the file.
    Unknown,
}

/// The constructor calls assigned to the receiver's name in this file (`var ev = new
/// EngageVoice.RestClient(...)`, `$ev = new RestClient(...)`, `ev = RestClient(...)`).
fn constructors<'t>(cx: &CheckCx<'_, 't>, receiver: Node<'t>) -> Vec<Node<'t>> {
    let src = cx.file.src;
    let Some(name) = last_name(receiver, src, cx.file.lang) else { return Vec::new() };
    cx.file
        .assignments()
        .iter()
        .filter(|a| last_name(a.lhs, src, cx.file.lang).as_deref() == Some(name.as_str()))
        .map(|a| unwrap_expr(a.rhs))
        .filter(|rhs| matches!(rhs.kind(), "new_expression" | "object_creation_expression" | "call"))
        .collect()
}

/// The constructor that built the receiver where `call` runs: the last assignment before the
/// call whose block encloses the call (the `else` branch's client for a login in that branch).
/// `None` when every assignment sits in a block the call is outside of (a client chosen by an
/// `if`/`else` before a shared login).
fn governing_constructor<'t>(cx: &CheckCx<'_, 't>, receiver: Node<'t>, call: Node<'t>) -> Option<Node<'t>> {
    let src = cx.file.src;
    let name = last_name(receiver, src, cx.file.lang)?;
    cx.file
        .assignments()
        .iter()
        .filter(|a| a.node.end_byte() <= call.start_byte())
        .filter(|a| last_name(a.lhs, src, cx.file.lang).as_deref() == Some(name.as_str()))
        .filter(|a| {
            // The assignment's enclosing block (or the file) must also enclose the call.
            let mut block = a.node.parent();
            while let Some(b) = block {
                if matches!(
                    b.kind(),
                    "statement_block"
                        | "compound_statement"
                        | "block"
                        | "program"
                        | "module"
                        | "function_body"
                ) {
                    break;
                }
                block = b.parent();
            }
            block.is_none_or(|b| b.start_byte() <= call.start_byte() && call.end_byte() <= b.end_byte())
        })
        .map(|a| unwrap_expr(a.rhs))
        .rfind(|rhs| matches!(rhs.kind(), "new_expression" | "object_creation_expression" | "call"))
}

/// The arguments of a constructor call, in any of the three languages.
fn constructor_args(call: Node<'_>) -> Vec<Node<'_>> {
    call.child_by_field_name("arguments")
        .or_else(|| named_children(call).into_iter().find(|c| c.kind() == "arguments"))
        .map(|a| named_children(a).into_iter().filter(|n| n.kind() != "comment").collect())
        .unwrap_or_default()
}

fn mode<'t>(cx: &CheckCx<'_, 't>, receiver: Node<'t>, call: Node<'t>) -> Mode {
    if let Some(built) = governing_constructor(cx, receiver, call).filter(|c| is_client_constructor(cx, *c)) {
        return if legacy_arguments(cx, built) { Mode::Legacy } else { Mode::Office };
    }
    let built = constructors(cx, receiver);
    let rest_clients: Vec<Node<'_>> = built.into_iter().filter(|c| is_client_constructor(cx, *c)).collect();
    if rest_clients.is_empty() {
        Mode::Unknown
    } else if rest_clients.iter().any(|c| !legacy_arguments(cx, *c)) {
        // Files that build either client by a switch (`MODE == "ENGAGE"`) log in as both.
        Mode::Office
    } else {
        Mode::Legacy
    }
}

/// The wrappers' Office-mode login: positional `(username, password, extension[, cb])` or PHP's
/// `(['username' => .., 'password' => .., 'extension' => ..][, cb])`.
fn engage_voice_wrapper_login(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let lower = src.to_ascii_lowercase();
    WRAPPER_NAMES.iter().find(|w| lower.contains(*w))?;
    let receiver = cx.cap("receiver")?;
    let args: Vec<Node<'_>> = named_children(cx.cap("args")?)
        .into_iter()
        .filter(|n| n.kind() != "comment")
        .map(|a| {
            unwrap_expr(named_children(a).into_iter().next().filter(|_| a.kind() == "argument").unwrap_or(a))
        })
        .collect();
    let lang = cx.file.lang;
    // Python's keywords (`login(username=.., password=.., extensionNumber=..)`) put back in
    // the wrapper's order; a keyword it does not take is some other `login`.
    let args: Vec<Node<'_>> = if args.iter().any(|a| a.kind() == "keyword_argument") {
        let mut slots: Vec<Option<Node<'_>>> = vec![None; 4];
        for (i, a) in args.iter().enumerate() {
            let at = if a.kind() == "keyword_argument" {
                let name = a.child_by_field_name("name").map(|n| text(n, src))?;
                ["username", "password", "extensionNumber", "callback"].iter().position(|k| *k == name)?
            } else {
                i
            };
            *slots.get_mut(at)? = Some(a.child_by_field_name("value").map_or(*a, unwrap_expr));
        }
        let len = slots.iter().rposition(Option::is_some).map_or(0, |l| l + 1);
        // A keyword call must name what it skips: a hole means some other `login`.
        slots[..len].iter().copied().collect::<Option<Vec<_>>>()?
    } else {
        args
    };
    let shape = match args.first().map(|a| a.kind()) {
        Some("array_creation_expression") => {
            let keys: Vec<String> = named_children(args[0])
                .into_iter()
                .filter_map(|e| e.child_by_field_name("key").or_else(|| named_children(e).first().copied()))
                .filter_map(|k| key_text(k, src, lang))
                .collect();
            let has = |k: &str| keys.iter().any(|x| x.eq_ignore_ascii_case(k));
            if !(has("username") && has("password")) || has("jwt") {
                return None;
            }
            "`login(['username' => .., 'password' => .., 'extension' => ..])`"
        }
        _ if args.len() >= 3 => {
            // Legacy logins pass an empty extension; the Office mode needs one (or the main
            // number's extension) and a client built with the app's id.
            if is_string(args[2], lang) && is_empty_literal(args[2], src, lang) {
                return None;
            }
            "`login(username, password, extension)` (the password comes second)"
        }
        // Python's `extensionNumber=None` default: a user of the main number, still the
        // password grant when the client was built in Office mode (checked below).
        _ if args.len() == 2 && lang == Lang::Python => {
            "`login(username, password)` (the password comes second)"
        }
        _ => return None,
    };
    let mut out = Bindings::default();
    let call = cx.cap("args")?.parent()?;
    let mode = mode(cx, receiver, call);
    if args.len() == 2 && mode != Mode::Office {
        return None;
    }
    match mode {
        Mode::Legacy => return None,
        Mode::Office => out.notes.push(format!(
            "`{}` is built with a client id and secret: the wrapper's RingCentral Office mode, which logs in with the password grant",
            text(receiver, src)
        )),
        Mode::Unknown => out.notes.push(
            "the client's constructor is not in this file: with a client id and secret (Office mode) this login is the RingCentral password grant"
                .to_owned(),
        ),
    }
    if args.len() >= 2 && is_string(args[1], lang) && !is_empty_literal(args[1], src, lang) {
        out.secrets.push(args[1].byte_range());
    }
    let (family, package) = match lang {
        Lang::Php | Lang::PhpOnly => ("php", "pacovu/engagevoice-sdk-wrapper"),
        Lang::Python => ("python", "engagevoice-sdk-wrapper (PyPI)"),
        _ => ("js", "engagevoice-sdk-wrapper"),
    };
    out.var("shape", shape);
    out.var("wrapper", package);
    out.var("lang_family", family);
    Some(out)
}

/// Whether `receiver` was built as the official JS client's legacy mode: `new X({ server: ... })`
/// whose server names the legacy portal (`LEGACY_SERVER`, `portal.vacd.biz`,
/// `portal.virtualacd.biz`) and which has no `clientId`. Its `authorize({ username, password })`
/// posts to the portal, not to RingCentral.
pub(super) fn legacy_engage_voice_client<'t>(cx: &CheckCx<'_, 't>, receiver: Node<'t>) -> bool {
    let src = cx.file.src;
    let built = match receiver.parent().and_then(|m| m.parent()) {
        Some(call) => match governing_constructor(cx, receiver, call) {
            Some(c) => vec![c],
            None => constructors(cx, receiver),
        },
        None => constructors(cx, receiver),
    };
    !built.is_empty()
        && built.iter().all(|c| {
            let Some(options) = constructor_args(*c).into_iter().next().filter(|o| o.kind() == "object")
            else {
                return false;
            };
            let pairs: Vec<(String, Node<'_>)> = named_children(options)
                .into_iter()
                .filter(|p| p.kind() == "pair")
                .filter_map(|p| Some((key_text(p.child_by_field_name("key")?, src, cx.file.lang)?, p)))
                .collect();
            let legacy_server = pairs.iter().any(|(k, p)| {
                let value = text(*p, src).to_ascii_lowercase();
                k == "server"
                    && ["legacy", "lagecy", "vacd.biz", "virtualacd"].iter().any(|w| value.contains(w))
            });
            let client_id = pairs.iter().any(|(k, _)| k.eq_ignore_ascii_case("clientId"));
            legacy_server && !client_id
        })
}

/// Whether `receiver` is the official Engage Voice client (`ringcentral-engage-voice-client`,
/// imported in the file) built for RingCentral Office: `new X({ clientId, ... })`. Its
/// `authorize({ username, extension, password })` is `@ringcentral/sdk`'s password login.
pub(super) fn office_engage_voice_client<'t>(cx: &CheckCx<'_, 't>, receiver: Node<'t>) -> bool {
    let src = cx.file.src;
    if !src.contains("ringcentral-engage-voice-client") {
        return false;
    }
    constructors(cx, receiver).iter().any(|c| {
        constructor_args(*c).into_iter().next().filter(|o| o.kind() == "object").is_some_and(|options| {
            named_children(options).into_iter().any(|p| {
                let key = match p.kind() {
                    "pair" => p.child_by_field_name("key"),
                    "shorthand_property_identifier" => Some(p),
                    _ => None,
                };
                key.and_then(|k| key_text(k, src, cx.file.lang))
                    .is_some_and(|k| k.eq_ignore_ascii_case("clientId"))
            })
        })
    })
}

/// What a call of a factory function of this file builds: `ev = _office_client()` where `def
/// _office_client(): return RingCentralEngageVoice(...)` is that constructor call; any other
/// call is returned as it is.
fn through_factory<'t>(cx: &CheckCx<'_, 't>, call: Node<'t>) -> Node<'t> {
    let src = cx.file.src;
    let Some(name) =
        call.child_by_field_name("function").filter(|f| f.kind() == "identifier").map(|f| text(f, src))
    else {
        return call;
    };
    crate::syntax::descendants(cx.file.root)
        .find(|n| {
            n.kind() == "function_definition"
                && n.child_by_field_name("name").is_some_and(|f| text(f, src) == name)
        })
        .and_then(|function| {
            crate::syntax::descendants(function)
                .filter(|n| n.kind() == "return_statement")
                .filter_map(|r| r.named_child(0))
                .map(unwrap_expr)
                .filter(|v| v.kind() == "call")
                .last()
        })
        .unwrap_or(call)
}

/// How the receiver of a Python call was built, when it is the official Engage Voice client
/// (`ringcentral_engage_voice`): `RingCentralEngageVoice(clientId, clientSecret)` logs in to
/// RingCentral Office (Office); `RingCentralEngageVoice(None, None, LEGACY_SERVER)` or a
/// `server=` naming the legacy portal posts to the portal (Legacy); a file that imports the
/// client but does not build `receiver` (Unknown). `None`: not the Engage Voice client.
pub(super) fn python_engage_voice_mode<'t>(
    cx: &CheckCx<'_, 't>,
    receiver: Node<'t>,
    call: Node<'t>,
) -> Option<EngageMode> {
    let src = cx.file.src;
    if !src.contains("ringcentral_engage_voice") {
        return None;
    }
    let is_client = |c: &Node<'_>| {
        c.kind() == "call"
            && c.child_by_field_name("function")
                .and_then(|f| last_name(f, src, cx.file.lang))
                .is_some_and(|n| n == "RingCentralEngageVoice")
    };
    let built = governing_constructor(cx, receiver, call)
        .map(|c| through_factory(cx, c))
        .filter(is_client)
        .or_else(|| constructors(cx, receiver).into_iter().map(|c| through_factory(cx, c)).rfind(is_client));
    let Some(built) = built else {
        // Not built here: this client, unless the file also imports another RingCentral SDK
        // (the SDK patterns try the Engage Voice client last).
        return (cx.file.context.sdk == Some(crate::context::SdkFamily::PyEngageVoice))
            .then_some(EngageMode::Unknown);
    };
    let args = constructor_args(built);
    let positional: Vec<Node<'_>> = args.iter().copied().filter(|a| a.kind() != "keyword_argument").collect();
    let keyword = |name: &str| {
        args.iter()
            .filter(|a| a.kind() == "keyword_argument")
            .find(|a| a.child_by_field_name("name").is_some_and(|n| text(n, src) == name))
            .and_then(|a| a.child_by_field_name("value"))
    };
    let client_id = keyword("clientId").or_else(|| positional.first().copied());
    let server = keyword("server").or_else(|| positional.get(2).copied());
    let empty = |n: Option<Node<'_>>| {
        n.is_none_or(|n| {
            let n = unwrap_expr(n);
            n.kind() == "none" || is_empty_literal(n, src, cx.file.lang)
        })
    };
    let legacy_server = server.is_some_and(|s| {
        let value = text(s, src).to_ascii_lowercase();
        ["legacy", "lagecy", "vacd.biz", "virtualacd"].iter().any(|w| value.contains(w))
    });
    // The client builds the RingCentral SDK only with a client id (`if clientId != ''`).
    Some(if legacy_server || empty(client_id) { EngageMode::Legacy } else { EngageMode::Office })
}

/// What the official Engage Voice client a call is made on was built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EngageMode {
    /// A RingCentral app (client id and secret): `authorize` is RingCentral's login.
    Office,
    /// The legacy portal: not RingCentral OAuth.
    Legacy,
    /// Not built in this file.
    Unknown,
}

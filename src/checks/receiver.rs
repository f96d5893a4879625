//! Is the receiver of a call a RingCentral platform or SDK object?
//!
//! Evidence, strongest first: the receiver is obtained from the SDK in the same file
//! (`$rcsdk->platform()`, `new SDK(...)`, or a variable assigned from one of those); it is
//! named like one (`$platform`, `rcsdk`); it is named like a client (`rc`) and the file or
//! project is RingCentral code.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::{Bindings, CheckCx};
use crate::context::FileContext;
use crate::syntax::{called_name, last_name, text, unwrap_expr};

/// How sure we are that a receiver is a RingCentral object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Nothing says so.
    Unknown,
    /// Named like a generic client (`rc`, `client`) – needs RingCentral context.
    ClientNamed,
    /// Named like a platform or SDK (`platform`, `rcsdk`, `$this->platform`).
    PlatformNamed,
    /// Obtained from the SDK in this file.
    FromSdk(String),
}

/// How much the call itself says about being a password login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Three positional credentials, or a `password`/`username` key: clearly a password login.
    Strong,
    /// The password branch is only reached by default (no `jwt`/`code`, no arguments).
    Weak,
}

static PLATFORM_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(r"(?i)^(rc_?|ringcentral_?)?platform\d*$|^(rc_?)?sdk\d*$|^rcsdk\d*$|ringcentral")
});
static CLIENT_NAME: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?i)^rc\d*$|^rc_?(client|api|rest|service)$"));
/// Constructors that always mean RingCentral.
static RC_CONSTRUCTOR: LazyLock<Regex> =
    // Case-insensitive: transpiled default imports read `new ringcentral_ts_1.default(...)`.
    LazyLock::new(|| crate::regexes::ascii(r"(?i)ringcentral|rcsdk|^\\?RC\\"));

/// Words a file spells if it can hold a receiver that `accept` takes: the names `PLATFORM_NAME`
/// and `CLIENT_NAME` accept (`platform`, `rcsdk`, `ringcentral`, `rc`, `rc2`, `rcClient`), the
/// calls `from_sdk` accepts (`platform()`, `getPlatform()`), the constructors `RC_CONSTRUCTOR`
/// accepts (`RingCentral`, `RCSDK`, `RC\`), and the PHP and JavaScript SDK imports
/// (`context::SDK_PATTERNS`: each names one of these words) without which `SDK`, `RestClient`
/// and `x.default` are not constructors of the SDK. Keep it in step with those patterns: a file
/// it rejects is not parsed for the checks that use it (`CheckDef::text_gate`, `file_gate`).
///
/// One pattern for every gate, because building a regex costs about a million instructions,
/// which a pre-commit run of a few files pays: what each match is comes from its text
/// (`ReceiverWord::of`).
static RECEIVER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?i)platform|sdk|ringcentral|\brc\\|(?:\$|->\s*)?\brc(?:\d*|_?(?:client|api|rest|service))\b",
    )
});

/// What a match of `RECEIVER_WORDS` names.
#[derive(Debug, PartialEq, Eq)]
enum ReceiverWord {
    /// A platform or SDK name, the SDK or its namespace: taken without RingCentral context.
    Platform,
    /// A client name (`rc`, `rcClient`), taken only in RingCentral code; `php` when it is
    /// spelled as PHP spells a receiver (`$rc`, `->rc`), not as "RC" in a comment or `RC4`.
    Client { php: bool },
}

impl ReceiverWord {
    fn of(word: &str) -> ReceiverWord {
        match word.as_bytes() {
            [b'$' | b'-', ..] => ReceiverWord::Client { php: true },
            [r, c, ..]
                if r.eq_ignore_ascii_case(&b'r')
                    && c.eq_ignore_ascii_case(&b'c')
                    && !word.ends_with('\\') =>
            {
                ReceiverWord::Client { php: false }
            }
            _ => ReceiverWord::Platform,
        }
    }
}

fn receiver_words(src: &str) -> impl Iterator<Item = ReceiverWord> + '_ {
    RECEIVER_WORDS.find_iter(src).map(|m| ReceiverWord::of(m.as_str()))
}

/// Whether a JavaScript or TypeScript file may hold a receiver that `accept` takes, judged from
/// its text before it is parsed: a generic `form.login(user, password)` in a file that names no
/// platform, SDK or RingCentral client cannot be reported by a check that needs one.
#[must_use]
pub fn js_may_name_receiver(src: &str) -> bool {
    RECEIVER_WORDS.is_match(src)
}

/// As `js_may_name_receiver`, for PHP (`$this->login($user, $pass)` in WordPress's xmlrpc),
/// where a client is spelled `$rc` or `->rc`: "RC" in a comment (mediawiki's recent changes) or
/// phpseclib's `RC4` does not count.
#[must_use]
pub fn php_may_name_receiver(src: &str) -> bool {
    receiver_words(src).any(|w| w != ReceiverWord::Client { php: false })
}

/// Whether a file may hold a receiver that `accept` takes, given its context: a client name
/// alone (`rc.login(...)`, `$rc->authorize(...)`) is taken only in RingCentral code.
#[must_use]
pub fn receiver_in_context(cx: &FileContext, src: &str) -> bool {
    cx.rc_reason().is_some() || receiver_words(src).any(|w| w == ReceiverWord::Platform)
}

/// How a receiver's name alone classifies it (`platform`, `rcsdk`: a platform; `rc`,
/// `rcClient`: a client), for text languages, whose receivers are text, not nodes.
pub(super) fn name_tier(name: &str) -> Tier {
    if PLATFORM_NAME.is_match(name) {
        Tier::PlatformNamed
    } else if CLIENT_NAME.is_match(name) {
        Tier::ClientNamed
    } else {
        Tier::Unknown
    }
}

/// Classifies the receiver node of a call.
pub fn classify(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> Tier {
    if let Some(reason) = from_sdk(cx, receiver) {
        return Tier::FromSdk(reason);
    }
    if let Some(name) = last_name(receiver, cx.file.src, cx.file.lang) {
        if let Some(reason) = assigned_from_sdk(cx, &name, receiver) {
            return Tier::FromSdk(reason);
        }
        if PLATFORM_NAME.is_match(&name) {
            return Tier::PlatformNamed;
        }
        if CLIENT_NAME.is_match(&name) {
            return Tier::ClientNamed;
        }
    }
    Tier::Unknown
}

/// Whether an expression itself is obtained from a RingCentral SDK.
fn from_sdk(cx: &CheckCx<'_, '_>, expr: Node<'_>) -> Option<String> {
    let expr = unwrap_expr(expr);
    let src = cx.file.src;
    match expr.kind() {
        "member_call_expression"
        | "call_expression"
        | "nullsafe_member_call_expression"
        | "method_invocation"
        | "invocation_expression" => {
            let name = called_name(expr, src, cx.file.lang)?;
            if matches!(name.as_str(), "platform" | "getPlatform" | "get_platform" | "GetPlatform") {
                return Some(format!("`{}` returns the SDK's platform", text(expr, src)));
            }
            None
        }
        // Python `sdk.platform()`, `SDK(...)`, `RestClient(...)`; Ruby `sdk.platform`,
        // `RingCentral.new(...)`, `RingCentralSdk::REST::Client.new do ... end`.
        "call" => {
            let name = called_name(expr, src, cx.file.lang)?;
            if matches!(name.as_str(), "platform" | "get_platform") {
                return Some(format!("`{}` returns the SDK's platform", text(expr, src)));
            }
            let ctor = match expr.child_by_field_name("function") {
                Some(f) => text(f, src),
                None if name == "new" => text(expr.child_by_field_name("receiver")?, src),
                None => return None,
            };
            let class = ctor.rsplit(['.', ':']).next().unwrap_or_default();
            let class_like = class.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            let sdk_ctor = class_like
                && !own_class(cx, class)
                && (RC_CONSTRUCTOR.is_match(ctor)
                    || (cx.file.context.sdk.is_some()
                        && matches!(class, "SDK" | "RestClient" | "RCSDK" | "Client")));
            sdk_ctor.then(|| {
                format!(
                    "`{}` creates the RingCentral SDK",
                    text(expr, src).lines().next().unwrap_or_default()
                )
            })
        }
        "object_creation_expression" | "new_expression" => {
            let ctor = expr
                .child_by_field_name("constructor")
                .or_else(|| expr.named_child(0))
                .map(|c| text(c, src))?;
            // `new x_1.default(...)` is what tsc and babel make of `new X(...)` after
            // `import X from '<sdk>'`.
            let class = ctor.rsplit(['\\', '.']).next().unwrap_or_default();
            let sdk_ctor = !own_class(cx, class)
                && (RC_CONSTRUCTOR.is_match(ctor)
                    || (cx.file.context.sdk.is_some() && matches!(class, "SDK" | "RestClient" | "default")));
            sdk_ctor.then(|| format!("`new {ctor}(...)` is the RingCentral SDK"))
        }
        _ => None,
    }
}

/// A superclass that makes a class the SDK itself (`class Phone extends SDK`).
static SDK_SUPERCLASS: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?i)\b(sdk|rcsdk|rest_?client|ring_?central\w*|platform)\b"));

/// Whether `class` is a class this file declares that does not extend the SDK: the app's own
/// client (`class RingCentralClient { login(creds) {...} }`), whose methods are not the SDK's
/// even when its name says RingCentral.
pub(super) fn own_class(cx: &CheckCx<'_, '_>, class: &str) -> bool {
    let src = cx.file.src;
    crate::syntax::descendants(cx.file.root).any(|node| {
        let kind = node.kind();
        if !(kind == "class" || kind.starts_with("class_")) {
            return false;
        }
        let (Some(name), Some(body)) = (node.child_by_field_name("name"), node.child_by_field_name("body"))
        else {
            return false;
        };
        // What comes between the name and the body: `extends X`, `(Base)`, `< Base`.
        text(name, src) == class && !SDK_SUPERCLASS.is_match(&src[name.end_byte()..body.start_byte()])
    })
}

/// The app's own class (`own_class`) that the receiver was made from in this file: `const
/// rc = new RingCentralClient()`, `this.phone = new TeamPhone()`.
pub(super) fn own_instance(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> Option<String> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let name = last_name(receiver, src, lang)?;
    cx.file.assignments().iter().find_map(|a| {
        if last_name(a.lhs, src, lang).as_deref() != Some(name.as_str()) {
            return None;
        }
        let rhs = unwrap_expr(a.rhs);
        if !matches!(rhs.kind(), "new_expression" | "object_creation_expression") {
            return None;
        }
        let ctor = rhs.child_by_field_name("constructor").or_else(|| rhs.named_child(0))?;
        let class = text(ctor, src).rsplit(['\\', '.']).next().unwrap_or_default();
        own_class(cx, class).then(|| class.to_owned())
    })
}

/// Whether a variable or property named `name` is assigned from the SDK somewhere in the file
/// (scopes are not modelled: the same name assigned from the SDK anywhere counts).
fn assigned_from_sdk(cx: &CheckCx<'_, '_>, name: &str, receiver: Node<'_>) -> Option<String> {
    assigned_from_sdk_via(cx, name, receiver, 0)
}

/// How many aliases (`const p = platform; const q = p;`) are followed back to the SDK.
const MAX_ALIASES: usize = 3;

fn assigned_from_sdk_via(
    cx: &CheckCx<'_, '_>,
    name: &str,
    receiver: Node<'_>,
    depth: usize,
) -> Option<String> {
    let src = cx.file.src;
    let lang = cx.file.lang;
    for a in cx.file.assignments() {
        let (lhs, rhs) = (a.lhs, a.rhs);
        if lhs.id() == receiver.id() || last_name(lhs, src, lang).as_deref() != Some(name) {
            continue;
        }
        if let Some(reason) = from_sdk(cx, rhs) {
            return Some(format!(
                "`{}` is assigned from the SDK on line {}: {reason}",
                text(lhs, src),
                lhs.start_position().row + 1
            ));
        }
        // An alias of another variable: `const p = rcsdk.platform(); const plat = p;`.
        let rhs = unwrap_expr(rhs);
        if depth < MAX_ALIASES
            && matches!(rhs.kind(), "identifier" | "variable_name")
            && let Some(target) = last_name(rhs, src, lang).filter(|t| t != name)
            && let Some(reason) = assigned_from_sdk_via(cx, &target, rhs, depth + 1)
        {
            return Some(format!(
                "`{}` is an alias of `{}` (line {}); {reason}",
                text(lhs, src),
                text(rhs, src),
                lhs.start_position().row + 1
            ));
        }
    }
    None
}

/// Decides whether a call on `receiver` is RingCentral code, given how strongly the call looks
/// like a password login. Binds a note explaining the decision.
pub fn accept(cx: &CheckCx<'_, '_>, receiver: Node<'_>, evidence: Evidence, out: &mut Bindings) -> bool {
    let tier = classify(cx, receiver);
    let rc = cx.file.context.rc_reason();
    let recv = text(receiver, cx.file.src);
    match (&tier, evidence, rc) {
        (Tier::FromSdk(reason), _, _) => {
            out.notes.push(format!("RingCentral call: {reason}"));
            true
        }
        (Tier::PlatformNamed, Evidence::Strong, None) => {
            out.notes
                .push(format!("RingCentral call assumed: `{recv}` is named like a RingCentral platform"));
            true
        }
        (Tier::PlatformNamed | Tier::ClientNamed, _, Some(reason)) => {
            out.notes.push(format!("RingCentral call: `{recv}` in RingCentral code ({reason})"));
            true
        }
        _ => false,
    }
}

/// Client names that are a RingCentral client in RingCentral code (Kotlin, Swift).
static SDK_CLIENT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(r"(?i)^(rc|rc_?client|rest_?client|client|ring_?central\w*|platform|sdk)$")
});

/// Receiver acceptance for the SDKs whose only RingCentral sign is the client itself (Kotlin
/// using the Java SDK, Swift): the receiver is declared or built in the file as one of
/// `types` (`val rc = RestClient(`, `let rc: RingCentral`), or is named like a client in
/// RingCentral code, which the file's `import` says when the context does not. Pushes the note
/// that says why, and redacts a literal password.
pub(super) fn accept_sdk_client(
    cx: &CheckCx<'_, '_>,
    receiver: Node<'_>,
    types: &str,
    import: &Regex,
    imported: &str,
    password: Node<'_>,
    out: &mut Bindings,
) -> bool {
    let src = cx.file.src;
    let Some(name) = last_name(receiver, src, cx.file.lang) else { return false };
    let made_here =
        Regex::new(&format!(r"\b{}\s*(?::\s*(?:{types})\b|=\s*(?:{types})\s*\()", regex::escape(&name)))
            .is_ok_and(|re| re.is_match(src));
    if made_here {
        out.notes.push(format!("RingCentral call: `{name}` is a RingCentral client made in this file"));
    } else if SDK_CLIENT_NAME.is_match(&name) {
        let reason = cx
            .file
            .context
            .rc_reason()
            .map(str::to_owned)
            .or_else(|| import.is_match(src).then(|| imported.to_owned()));
        let Some(reason) = reason else { return false };
        out.notes.push(format!(
            "RingCentral call: `{name}` is named like a RingCentral client in RingCentral code ({reason})"
        ));
    } else {
        return false;
    }
    let password = unwrap_expr(password);
    if crate::syntax::string_value(password, src, cx.file.lang).is_some_and(|v| !v.is_empty()) {
        out.secrets.push(crate::syntax::string_inner_range(password, src));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name and constructor the classifier accepts is admitted by the text gates, spelled
    /// as a receiver is in each language; names it does not accept are not admitted for their
    /// own sake, nor are "RC" in a comment or `RC4` in PHP.
    #[test]
    fn receiver_words_cover_what_the_classifier_accepts() {
        let names = "platform Platform rcPlatform rc_platform ringcentral_platform platform2 sdk rc_sdk \
                     RCSDK rcsdk3 sdk12 ringcentral myRingCentralClient rc RC rc7 rc_client rcClient \
                     RC_API rcapi rc_rest rcService client auth user api src arc rcx rc_user orc source \
                     this self";
        let names: Vec<&str> = names.split_whitespace().collect();
        let mut accepted = 0;
        for &name in &names {
            let by_classifier = PLATFORM_NAME.is_match(name) || CLIENT_NAME.is_match(name);
            for php in
                [format!("${name}->login($u, $e, $p);"), format!("$this -> {name}?->login($u, $e, $p);")]
            {
                assert_eq!(php_may_name_receiver(&php), by_classifier, "{php}");
            }
            for js in [format!("{name}.login(u, e, p);"), format!("this.{name}.login(u, e, p);")] {
                assert_eq!(js_may_name_receiver(&js), by_classifier, "{js}");
            }
            accepted += usize::from(by_classifier);
        }
        assert!(accepted >= 20 && accepted < names.len());
        for ctor in
            ["RingCentral\\SDK\\SDK", "\\RC\\Client", "RC\\RCSDK", "RingCentral", "ringcentral_ts_1.default"]
        {
            assert!(RC_CONSTRUCTOR.is_match(ctor), "{ctor}");
            assert!(php_may_name_receiver(&format!("$c = new {ctor}();")), "{ctor}");
        }
        assert!(js_may_name_receiver("const c = new ringcentral_ts_1.default({});"));
        assert!(!php_may_name_receiver("// Updates RC and caches\n$c = new RC4();\n$u->login($a, $b);"));
        // The SDK imports of the languages whose checks use the gate: with one of them, `SDK`,
        // `RestClient` and `x.default` construct the SDK.
        let imports = [
            (crate::lang::Lang::JavaScript, "import { RestClient } from '@rc-ex/core';"),
            (crate::lang::Lang::JavaScript, "const RC = require('ringcentral-js-concise');"),
            (crate::lang::Lang::TypeScript, "import RestClient from 'ringcentral-ts';"),
            (crate::lang::Lang::JavaScript, "const { SDK } = require('@ringcentral/sdk');"),
            (crate::lang::Lang::JavaScript, "var RCSDK = require('rcsdk');"),
            (crate::lang::Lang::Php, "<?php use RingCentral\\SDK\\SDK;"),
            (crate::lang::Lang::Php, "<?php $p = $rcsdk->getPlatform();"),
            (crate::lang::Lang::Php, "<?php $c = new RingCentralLite($key, $secret);"),
        ];
        for (lang, src) in imports {
            let context = crate::context::FileContext::new(src, std::path::Path::new("a"), lang, None);
            let gate =
                if lang == crate::lang::Lang::Php { php_may_name_receiver } else { js_may_name_receiver };
            assert!(context.sdk.is_some() && gate(src), "{src}");
        }
        // A client name alone counts only in RingCentral code; a platform or SDK name always.
        let in_context = |lang, src: &str| {
            let cx = crate::context::FileContext::new(src, std::path::Path::new("a"), lang, None);
            receiver_in_context(&cx, src)
        };
        assert!(!in_context(
            crate::lang::Lang::Php,
            "<?php $rc = new RecentChange(); $rc->authorize($a, $b, $c);"
        ));
        assert!(in_context(crate::lang::Lang::Php, "<?php $rc->authorize(getenv('RC_USERNAME'), $b, $c);"));
        assert!(in_context(
            crate::lang::Lang::Php,
            "<?php $c = new RC\\Client(); $c->authorize($a, $b, $c);"
        ));
        assert!(!in_context(crate::lang::Lang::JavaScript, "rc.login(user, ext, pass);"));
        assert!(in_context(crate::lang::Lang::JavaScript, "rc.login(user, ext, pass); // ringcentral.com"));
        assert!(in_context(crate::lang::Lang::JavaScript, "rcPlatform.login(user, ext, pass);"));
        // The calls that return the SDK's platform.
        for call in ["platform", "getPlatform", "get_platform", "GetPlatform"] {
            assert!(php_may_name_receiver(&format!("$sdk->{call}()")), "{call}");
            assert!(js_may_name_receiver(&format!("sdk.{call}()")), "{call}");
        }
    }
}

//! Generic OAuth 2.0 ROPC library calls (MSAL, ADAL, requests-oauthlib, Authlib, simple-oauth2,
//! client-oauth2, @badgateway/oauth2-client, league/oauth2-client, Spring, ScribeJava, Nimbus,
//! google-oauth-client, x/oauth2, IdentityModel, Ruby oauth2), and whether they point at
//! RingCentral.
//!
//! The queries find candidate calls by name (`@name`); [`ropc_library_call`] decides from the
//! language, the name, the receiver and the arguments which library and grant it is. What the
//! findings say about each call (library, shape, replacements) is data: the rules' `[libraries]`
//! tables, keyed by the calls of [`LIBRARY_CALLS`].

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::{Bindings, CheckCx, CheckDef};
use crate::lang::Lang;
use crate::syntax::{
    is_empty_literal, is_string, key_text, named_children, string_inner_range, string_value, text,
    unwrap_expr,
};

const ALL_LANGS: &[Lang] = &Lang::ALL;

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "ropc-library-call",
        languages: ALL_LANGS,
        needs: &["match", "name", "args?"],
        provides: &["library", "shape", "unattended", "interactive"],
        about: "a generic OAuth library's password-grant (ROPC) call: MSAL, ADAL, requests-oauthlib, \
                Authlib, simple-oauth2, client-oauth2, @badgateway/oauth2-client, league/oauth2-client, \
                Spring Security, ScribeJava, Nimbus, google-oauth-client, x/oauth2, IdentityModel, Ruby \
                oauth2; binds the library and its non-password replacements",
        run: ropc_library_call,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "spring-password-grant-config",
        languages: &[Lang::Properties, Lang::Yaml],
        needs: &["key", "value"],
        provides: &["registration"],
        about: "Spring Security's `spring.security.oauth2.client.registration.<id>.authorization-grant-type` \
                set to `password`, in `.properties` or YAML (relaxed names: `authorization_grant_type`, \
                `authorizationGrantType`); binds the registration id",
        run: spring_password_grant_config,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "ringcentral-oauth",
        languages: ALL_LANGS,
        needs: &[],
        provides: &[],
        about: "the token endpoint is RingCentral's: RingCentral context (`ringcentral-context`) or \
                goauth's `endpoints.RingcentralTokenURL` in the file, unless the match names another \
                server itself (the call's arguments, its receiver's construction in the file, the \
                names they pass; a Spring registration's provider `token-uri`/`issuer-uri`)",
        run: ringcentral_oauth,
        file_gate: Some(file_has_rc_endpoint),
        text_gate: None,
    },
    CheckDef {
        name: "no-ringcentral-oauth",
        languages: ALL_LANGS,
        needs: &[],
        provides: &[],
        about: "the opposite of `ringcentral-oauth`: a generic OAuth server (also a call in RingCentral \
                code that names another server itself)",
        run: no_ringcentral_oauth,
        // No file gate: a file whose endpoint is RingCentral's may still hold a call (or a
        // Spring registration) that names another server itself.
        file_gate: None,
        text_gate: None,
    },
];

static RC_TOKEN_URL: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"\bRingcentral(Sandbox)?TokenURL\b"));

static FETCH_TOKEN_WITH_PASSWORD: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?s)\bfetch_token\s*\((?u:[^)])*\bpassword\s*="));

/// Why the token endpoint is RingCentral's, if it is.
static ENDPOINT_HOST: LazyLock<Regex> = LazyLock::new(|| {
    // A token endpoint written next to its key (`site: 'https://idp...'`, `tokenHost: "https://..."`,
    // `TokenURL: "https://..."`, `Address = "https://..."`, `authority="https://login..."`, Spring's
    // unquoted `token-uri: https://...`), or
    // any URL whose path ends in a token endpoint (`.../connect/token`, `.../oauth2/v2.0/token`).
    crate::regexes::ascii(
        r#"(?i)(?:token|site|authority|issuer|tokenhost|accesstokenuri|endpoint|address)[\w-]*["']?\s*(?:[:=]|=>)\s*["'`]?https?://([A-Za-z0-9.-]+)|["'`]https?://([A-Za-z0-9.-]+)(?::\d+)?/(?u:[^"'`\s])*token["'`]"#,
    )
});

fn rc_oauth_reason(cx: &CheckCx<'_, '_>) -> Option<String> {
    rc_endpoint_reason(cx.file.context, cx.file.src)
}

/// Whether the file's token endpoint is RingCentral's, judged before parsing (the engine's
/// context gate); the same answer as the `ringcentral-oauth` check.
pub(super) fn file_has_rc_endpoint(context: &crate::context::FileContext, src: &str) -> bool {
    rc_endpoint_reason(context, src).is_some()
}

fn rc_endpoint_reason(context: &crate::context::FileContext, src: &str) -> Option<String> {
    if let Some(m) = RC_TOKEN_URL.find(src) {
        return Some(format!("the file uses `{}`", m.as_str()));
    }
    // The file names the library's endpoint and it is another server: the call goes there, even
    // in an app that also talks to RingCentral.
    let hosts: Vec<&str> =
        ENDPOINT_HOST.captures_iter(src).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
    if !hosts.is_empty() && !hosts.iter().any(|h| h.to_ascii_lowercase().ends_with("ringcentral.com")) {
        return None;
    }
    context.rc_reason().map(str::to_owned)
}

/// Whose token endpoint a match names itself, before the file and its project are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    RingCentral,
    Foreign,
    Unknown,
}

impl Endpoint {
    fn of(ringcentral: bool, foreign: bool) -> Endpoint {
        if ringcentral {
            Endpoint::RingCentral
        } else if foreign {
            Endpoint::Foreign
        } else {
            Endpoint::Unknown
        }
    }
}

/// The key written just before a value (`site: `, `tokenHost: `, `TokenURL: `, `Address = `,
/// `authority=`, `'urlAccessToken' => `, `setAccessTokenUri(`), group 1.
static KEY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r#"([A-Za-z_][A-Za-z0-9_-]*)["'\]]?[ \t]*(?:=>|[:=(])[ \t]*$"#));

/// A URL with a host.
static HOSTED_URL: LazyLock<Regex> = LazyLock::new(|| crate::regexes::ascii(r"(?i)https?://[A-Za-z0-9]"));

/// Whether a key names where a client gets its tokens (`site`, `tokenHost`, `TokenURL`,
/// `authority`, `issuer`, `Address`, `baseUrl`), not a URL the client hands out (`redirect_uri`,
/// a webhook) or goes through (a proxy).
fn endpoint_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [
        "token",
        "site",
        "authority",
        "issuer",
        "host",
        "endpoint",
        "address",
        "server",
        "base",
        "url",
        "uri",
        "realm",
    ]
    .iter()
    .any(|w| key.contains(w))
        && !["redirect", "callback", "return", "webhook", "hook", "logout", "proxy"]
            .iter()
            .any(|w| key.contains(w))
}

/// Whether the text before `node` on its line ends with an endpoint key (see [`endpoint_key`]).
fn after_endpoint_key(node: Node<'_>, src: &str) -> bool {
    let line_start = src[..node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    KEY_BEFORE
        .captures(&src[line_start..node.start_byte()])
        .and_then(|c| c.get(1))
        .is_some_and(|k| endpoint_key(k.as_str()))
}

/// What the strings under `node` say about the token endpoint: a RingCentral URL (a
/// RingCentral host, `/restapi/oauth/` with or without a host), another system's token URL or
/// host-less token path (`/connect/token`, `/oauth/token`), or a URL of another host given as
/// an endpoint (`site: 'https://gitlab.example.com'`; any URL when `endpoint`, the value of a
/// name used as one).
fn endpoint_strings(
    cx: &CheckCx<'_, '_>,
    node: Node<'_>,
    endpoint: bool,
    hostless: bool,
    out: &mut (bool, bool),
) {
    let (src, lang) = (cx.file.src, cx.file.lang);
    for s in crate::syntax::descendants(node).filter(|n| is_string(*n, lang)) {
        let t = text(s, src);
        let (rc, foreign) = super::http::token_urls(t, hostless);
        out.0 |= rc;
        out.1 |= foreign;
        if !rc && !foreign && HOSTED_URL.is_match(t) && (endpoint || after_endpoint_key(s, src)) {
            out.1 = true;
        }
    }
}

/// The value last assigned to `name` before `at` in the function around `at` or a scope
/// around it (the file); for a member (`this.client`, `self.client`, `@client`,
/// `$this->client`), its last assignment anywhere in the file. `None` when the file assigns it
/// nowhere it can see.
fn assigned_value<'t>(cx: &CheckCx<'_, 't>, name: &str, at: Node<'_>) -> Option<Node<'t>> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let member = name.starts_with("this.")
        || name.starts_with("self.")
        || name.starts_with('@')
        || name.starts_with("$this->");
    let all = cx.file.assignments();
    cx.file
        .assignments_of(name)
        .iter()
        .map(|i| all[*i])
        .filter(|a| text(a.lhs, src) == name)
        .filter(|a| {
            member
                || (a.node.end_byte() <= at.start_byte()
                    && crate::syntax::enclosing_function(a.node, lang)
                        .is_none_or(|f| f.start_byte() <= at.start_byte() && at.end_byte() <= f.end_byte()))
        })
        .map(|a| a.rhs)
        .next_back()
}

/// Whose token endpoint a library call names: the call's own arguments (an IdentityModel
/// `Address = authority + "/connect/token"`, a `token_url=`), the construction of its receiver in
/// the file (`gl = OAuth2::Client.new(id, secret, site: '...')`, `conf := &oauth2.Config{Endpoint:
/// ...}`, `new ResourceOwnerPassword({ auth: { tokenHost } })`), and the values of the names
/// either passes (`token_url=TOKEN_URL`, `new ResourceOwnerPassword(config)`), one step. Unknown
/// when none of them names an endpoint: the file and its project decide.
fn call_endpoint(cx: &CheckCx<'_, '_>) -> Endpoint {
    let Some(matched) = cx.cap("match") else { return Endpoint::Unknown };
    let src = cx.file.src;
    let hostless = !super::http::names_rc_base_url(src);
    let mut nodes = vec![matched];
    // The receiver, then what it is a member of (`gl.password` then `gl`).
    let mut recv = receiver_of(matched).map(unwrap_expr);
    while let Some(r) = recv {
        if let Some(value) = assigned_value(cx, text(r, src), matched) {
            nodes.push(value);
            break;
        }
        recv = r
            .child_by_field_name("object")
            .or_else(|| r.child_by_field_name("receiver"))
            .or_else(|| r.child_by_field_name("operand"))
            .or_else(|| r.child_by_field_name("expression"))
            .map(unwrap_expr);
    }
    nodes.extend(endpoint_setters(cx, matched));
    let mut found = (false, false);
    for node in &nodes {
        endpoint_strings(cx, *node, false, hostless, &mut found);
    }
    // The names they pass, followed once.
    let names: Vec<Node<'_>> = nodes
        .iter()
        .flat_map(|n| crate::syntax::descendants(*n))
        .filter(|n| matches!(n.kind(), "identifier" | "constant" | "variable_name"))
        .take(32)
        .collect();
    for name in names {
        let spelled = text(name, src);
        if let Some(value) = assigned_value(cx, spelled, name) {
            let endpoint = endpoint_key(spelled) || after_endpoint_key(name, src);
            endpoint_strings(cx, value, endpoint, hostless, &mut found);
        }
    }
    Endpoint::of(found.0, found.1)
}

/// The arguments of the endpoint setters called on the variable the match is stored in, in its
/// function: Spring's `details = new ResourceOwnerPasswordResourceDetails();
/// details.setAccessTokenUri("https://...")`, where the constructor names no endpoint.
fn endpoint_setters<'t>(cx: &CheckCx<'_, 't>, matched: Node<'t>) -> Vec<Node<'t>> {
    let src = cx.file.src;
    let mut holder = matched.parent();
    let mut name = None;
    for _ in 0..3 {
        let Some(h) = holder else { break };
        if matches!(h.kind(), "variable_declarator" | "assignment_expression" | "assignment") {
            name =
                h.child_by_field_name("name").or_else(|| h.child_by_field_name("left")).map(|n| text(n, src));
            break;
        }
        holder = h.parent();
    }
    let Some(name) = name.filter(|n| !n.is_empty()) else { return Vec::new() };
    let scope = crate::syntax::enclosing_function(matched, cx.file.lang).unwrap_or(cx.file.root);
    crate::syntax::descendants(scope)
        .filter(|n| {
            matches!(n.kind(), "method_invocation" | "invocation_expression" | "call_expression" | "call")
        })
        .filter(|call| {
            let callee = text(*call, src);
            callee.strip_prefix(name).and_then(|rest| rest.strip_prefix('.')).is_some_and(|method| {
                let method = method.split('(').next().unwrap_or_default().to_ascii_lowercase();
                method.starts_with("set")
                    && ["token", "uri", "url", "endpoint", "authority", "issuer"]
                        .iter()
                        .any(|w| method.contains(w))
            })
        })
        .filter_map(|call| call.child_by_field_name("arguments"))
        .collect()
}

/// Whose token endpoint the match names itself: a library call's (see [`call_endpoint`]), or a
/// Spring registration's provider (see [`spring_endpoint`]).
fn own_endpoint(cx: &CheckCx<'_, '_>) -> Endpoint {
    match cx.file.lang {
        Lang::Yaml | Lang::Properties => spring_endpoint(cx),
        lang if lang.code().is_some() => call_endpoint(cx),
        _ => Endpoint::Unknown,
    }
}

/// The token endpoint is RingCentral's.
pub fn ringcentral_oauth(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    // The RingCentral sign must belong to the request: a client built for another server in
    // a file (or project) that also talks to RingCentral is that server's.
    if own_endpoint(cx) == Endpoint::Foreign {
        return None;
    }
    let reason = rc_oauth_reason(cx)?;
    let mut out = Bindings::default();
    out.notes.push(format!("RingCentral token endpoint: {reason}"));
    Some(out)
}

/// The token endpoint is not RingCentral's.
pub fn no_ringcentral_oauth(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    (own_endpoint(cx) == Endpoint::Foreign || rc_oauth_reason(cx).is_none()).then(Bindings::default)
}

/// A recognised ROPC call: the key of its text in the rule set's `[libraries]` tables.
struct Hit<'t> {
    call: &'static str,
    /// The password argument, when it can be told.
    password: Option<Node<'t>>,
}

fn hit<'t>(call: &'static str, password: Option<Node<'t>>) -> Option<Hit<'t>> {
    Some(Hit { call, password })
}

/// What a finding of `ropc-library-call` says about the call it recognised: one entry of a
/// rule's `[libraries]` table, bound as the variables of the same names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LibraryText {
    /// The library (`MSAL (Python)`), for the message and the SDK column.
    pub library: String,
    /// The call as the library's documentation writes it, in backticks.
    pub shape: String,
    /// The replacement for code with no user: a grant without the user's password.
    pub unattended: String,
    /// The replacement for apps with users: authorization code with PKCE or device code.
    pub interactive: String,
}

/// The `[libraries]` tables of a rule set, merged: call key to text.
pub type LibraryTable = std::collections::BTreeMap<String, LibraryText>;

/// Every call [`ropc_library_call`] recognises, as the key of its text in a rule's
/// `[libraries]` table: `<language>:<name>`, with the receiver (`owner.getToken`) or the
/// importing library (`authlib.fetch_token`) where one name serves several libraries.
pub const LIBRARY_CALLS: &[&str] = &[
    "python:acquire_token_by_username_password",
    "python:acquire_token_with_username_password",
    "python:fetch_token",
    "python:authlib.fetch_token",
    "python:LegacyApplicationClient",
    "csharp:AcquireTokenByUsernamePassword",
    "csharp:RequestPasswordTokenAsync",
    "csharp:RequestResourceOwnerPasswordAsync",
    "javascript:acquireTokenByUsernamePassword",
    "javascript:ResourceOwnerPassword",
    "javascript:ownerPassword.getToken",
    "javascript:password.getToken",
    "javascript:owner.getToken",
    "javascript:password",
    "php:getAccessToken",
    "java:UserNamePasswordParameters.builder",
    "java:OAuth2AuthorizedClientProviderBuilder.password",
    "java:AuthorizationGrantType.PASSWORD",
    "java:getAccessTokenPasswordGrant",
    "java:ResourceOwnerPasswordResourceDetails",
    "java:ResourceOwnerPasswordAccessTokenProvider",
    "java:PasswordOAuth2AuthorizedClientProvider",
    "java:OAuth2PasswordGrantRequest",
    "java:DefaultPasswordTokenResponseClient",
    "java:ResourceOwnerPasswordCredentialsGrant",
    "java:PasswordTokenRequest",
    "go:PasswordCredentialsToken",
    "go:AcquireTokenByUsernamePassword",
    "ruby:password.get_token",
];

/// Positional arguments (C# `argument` wrappers removed), and keyword arguments by name
/// (Python `name=value`, Ruby `name: value`).
struct Args<'t> {
    positional: Vec<Node<'t>>,
    keyword: Vec<(String, Node<'t>)>,
}

impl<'t> Args<'t> {
    fn read(cx: &CheckCx<'_, 't>, args: Option<Node<'t>>) -> Args<'t> {
        let mut out = Args { positional: Vec::new(), keyword: Vec::new() };
        let Some(args) = args else { return out };
        for a in named_children(args) {
            match a.kind() {
                "keyword_argument" => {
                    if let (Some(k), Some(v)) =
                        (a.child_by_field_name("name"), a.child_by_field_name("value"))
                    {
                        out.keyword.push((text(k, cx.file.src).to_owned(), v));
                    }
                }
                "pair" if cx.file.lang == Lang::Ruby => {
                    if let (Some(k), Some(v)) = (a.child_by_field_name("key"), a.child_by_field_name("value"))
                    {
                        let key = text(k, cx.file.src).trim_end_matches(':').trim_start_matches(':');
                        out.keyword.push((key.to_owned(), v));
                    }
                }
                _ => out.positional.push(unwrap_expr(a)),
            }
        }
        out
    }

    fn kw(&self, name: &str) -> Option<Node<'t>> {
        self.keyword.iter().find(|(k, _)| k == name).map(|(_, v)| *v)
    }

    fn pos(&self, i: usize) -> Option<Node<'t>> {
        self.positional.get(i).copied()
    }
}

/// Entries of a JS object or PHP array literal (`{ username, password: p }`, `['password' => $p]`).
fn literal_entries<'t>(cx: &CheckCx<'_, 't>, node: Node<'t>) -> Vec<(String, Node<'t>)> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let mut out = Vec::new();
    for e in named_children(unwrap_expr(node)) {
        match e.kind() {
            "pair" => {
                if let (Some(k), Some(v)) = (e.child_by_field_name("key"), e.child_by_field_name("value"))
                    && let Some(k) = key_text(k, src, lang)
                {
                    out.push((k, v));
                }
            }
            "shorthand_property_identifier" => out.push((text(e, src).to_owned(), e)),
            "array_element_initializer" => {
                if let [k, v] = named_children(e).as_slice()
                    && let Some(k) = key_text(*k, src, lang)
                {
                    out.push((k, *v));
                }
            }
            _ => {}
        }
    }
    out
}

fn entry<'t>(entries: &[(String, Node<'t>)], key: &str) -> Option<Node<'t>> {
    entries.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| *v)
}

/// The receiver of a method call (`app` in `app.f()`), in every grammar.
fn receiver_of(call: Node<'_>) -> Option<Node<'_>> {
    let f = call.child_by_field_name("function");
    match call.kind() {
        "call" => {
            call.child_by_field_name("receiver").or_else(|| f.and_then(|f| f.child_by_field_name("object")))
        }
        "method_invocation" | "member_call_expression" => call.child_by_field_name("object"),
        _ => f.and_then(|f| {
            f.child_by_field_name("object")
                .or_else(|| f.child_by_field_name("operand"))
                .or_else(|| f.child_by_field_name("expression"))
        }),
    }
}

/// The last name of a receiver (`password` in `client.password`, `owner` in `auth.owner`).
fn receiver_name<'s>(node: Option<Node<'_>>, src: &'s str) -> &'s str {
    let Some(node) = node.map(unwrap_expr) else { return "" };
    let last = node
        .child_by_field_name("property")
        .or_else(|| node.child_by_field_name("method"))
        .or_else(|| node.child_by_field_name("name"))
        .or_else(|| node.child_by_field_name("attribute"))
        .or_else(|| node.child_by_field_name("field"))
        .unwrap_or(node);
    text(last, src)
}

/// Recognises a ROPC call from its language, name, receiver and arguments.
fn classify<'t>(cx: &CheckCx<'_, 't>) -> Option<Hit<'t>> {
    let src = cx.file.src;
    let m = cx.cap("match")?;
    let name = text(cx.cap("name")?, src);
    let args = Args::read(cx, cx.cap("args"));
    let recv = receiver_of(m);
    match (cx.file.lang, name) {
        (Lang::Python, "acquire_token_by_username_password") => {
            hit("python:acquire_token_by_username_password", args.kw("password").or(args.pos(1)))
        }
        (Lang::Python, "acquire_token_with_username_password") => {
            hit("python:acquire_token_with_username_password", args.kw("password").or(args.pos(2)))
        }
        (Lang::Python, "fetch_token") => {
            let pw = args.kw("password")?;
            args.kw("username")?;
            // Not a substring test: `requests_oauthlib` contains "authlib".
            let authlib = src.contains("from authlib") || src.contains("import authlib");
            hit(if authlib { "python:authlib.fetch_token" } else { "python:fetch_token" }, Some(pw))
        }
        // The client choice is the grant choice; when the file also calls `fetch_token` with a
        // password, that call is the finding.
        (Lang::Python, "LegacyApplicationClient") if !FETCH_TOKEN_WITH_PASSWORD.is_match(src) => {
            hit("python:LegacyApplicationClient", None)
        }
        (Lang::CSharp, "AcquireTokenByUsernamePassword") => {
            hit("csharp:AcquireTokenByUsernamePassword", args.pos(2))
        }
        (Lang::CSharp, "RequestPasswordTokenAsync" | "RequestResourceOwnerPasswordAsync") => {
            let pw = match args.pos(0).map(|a| a.kind()) {
                Some("object_creation_expression") => args.pos(0).and_then(|o| {
                    let init = o.child_by_field_name("initializer")?;
                    named_children(init)
                        .into_iter()
                        .filter(|a| a.kind() == "assignment_expression")
                        .find(|a| a.child_by_field_name("left").is_some_and(|l| text(l, src) == "Password"))
                        .and_then(|a| a.child_by_field_name("right"))
                }),
                _ => args.pos(1),
            };
            let call = if name == "RequestPasswordTokenAsync" {
                "csharp:RequestPasswordTokenAsync"
            } else {
                "csharp:RequestResourceOwnerPasswordAsync"
            };
            hit(call, pw)
        }
        (lang, "acquireTokenByUsernamePassword") if lang.is_js_family() => {
            let entries = literal_entries(cx, args.pos(0)?);
            let pw = entry(&entries, "password");
            pw?;
            hit("javascript:acquireTokenByUsernamePassword", pw)
        }
        (lang, "ResourceOwnerPassword") if lang.is_js_family() => {
            hit("javascript:ResourceOwnerPassword", None)
        }
        (lang, "getToken") if lang.is_js_family() => {
            let call = match receiver_name(recv, src) {
                "ownerPassword" => "javascript:ownerPassword.getToken",
                "password" => "javascript:password.getToken",
                "owner" => return hit("javascript:owner.getToken", args.pos(1)),
                _ => return None,
            };
            hit(call, args.pos(0).and_then(|o| entry(&literal_entries(cx, o), "password")))
        }
        (lang, "password") if lang.is_js_family() => {
            let entries = literal_entries(cx, args.pos(0)?);
            let pw = entry(&entries, "password");
            entry(&entries, "username")?;
            hit("javascript:password", pw)
        }
        (Lang::Php, "getAccessToken") => {
            let grant = args.pos(0)?;
            let grant_name = string_value(grant, src, Lang::Php).or_else(|| {
                // `new Password()` / `new \League\OAuth2\Client\Grant\Password()`
                (grant.kind() == "object_creation_expression")
                    .then(|| {
                        text(grant, src)
                            .trim_end_matches("()")
                            .rsplit(['\\', ' '])
                            .next()
                            .map(str::to_lowercase)
                    })
                    .flatten()
            })?;
            if grant_name != "password" {
                return None;
            }
            hit("php:getAccessToken", args.pos(1).and_then(|a| entry(&literal_entries(cx, a), "password")))
        }
        (Lang::Java, "builder") if receiver_name(recv, src) == "UserNamePasswordParameters" => {
            hit("java:UserNamePasswordParameters.builder", args.pos(2))
        }
        (Lang::Java, "password")
            if recv.is_some_and(|r| text(r, src).contains("OAuth2AuthorizedClientProviderBuilder")) =>
        {
            hit("java:OAuth2AuthorizedClientProviderBuilder.password", None)
        }
        (Lang::Java, "PASSWORD") => hit("java:AuthorizationGrantType.PASSWORD", None),
        (Lang::Java, "getAccessTokenPasswordGrant") => hit("java:getAccessTokenPasswordGrant", args.pos(1)),
        (Lang::Java, _) => {
            let simple = name.rsplit('.').next().unwrap_or(name);
            match (simple, args.positional.len()) {
                ("ResourceOwnerPasswordResourceDetails", _) => {
                    hit("java:ResourceOwnerPasswordResourceDetails", None)
                }
                ("ResourceOwnerPasswordAccessTokenProvider", _) => {
                    hit("java:ResourceOwnerPasswordAccessTokenProvider", None)
                }
                ("PasswordOAuth2AuthorizedClientProvider", _) => {
                    hit("java:PasswordOAuth2AuthorizedClientProvider", None)
                }
                ("OAuth2PasswordGrantRequest", _) => hit("java:OAuth2PasswordGrantRequest", None),
                ("DefaultPasswordTokenResponseClient", _) => {
                    hit("java:DefaultPasswordTokenResponseClient", None)
                }
                // One argument is springfox's Swagger UI description, not a token request.
                ("ResourceOwnerPasswordCredentialsGrant", 2) => hit(
                    "java:ResourceOwnerPasswordCredentialsGrant",
                    args.pos(1).and_then(|s| {
                        s.child_by_field_name("arguments")
                            .and_then(|a| named_children(a).first().copied())
                            .filter(|_| s.kind() == "object_creation_expression")
                            .or(Some(s))
                    }),
                ),
                // (transport, jsonFactory, tokenUrl, username, password): a password-reset DTO of
                // the same name has no such constructor.
                ("PasswordTokenRequest", 5) => hit("java:PasswordTokenRequest", args.pos(4)),
                _ => None,
            }
        }
        (Lang::Go, "PasswordCredentialsToken") => hit("go:PasswordCredentialsToken", args.pos(2)),
        (Lang::Go, "AcquireTokenByUsernamePassword") => hit("go:AcquireTokenByUsernamePassword", args.pos(3)),
        (Lang::Ruby, "get_token") if receiver_name(recv, src) == "password" => {
            hit("ruby:password.get_token", args.pos(1))
        }
        _ => None,
    }
}

/// A generic OAuth library call that uses the password grant.
pub fn ropc_library_call(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let hit = classify(cx)?;
    // The rule set's `[libraries]` tables hold every call's text (a test checks that each key of
    // `LIBRARY_CALLS` has one); a set without it has nothing to say about the call.
    let text_of = cx.libraries.get(hit.call)?;
    let mut out = Bindings::default();
    if let Some(pw) = hit.password.map(unwrap_expr) {
        let (src, lang) = (cx.file.src, cx.file.lang);
        // `pw.toCharArray()` (MSAL4J) and `new Secret("...")` hold the literal one level down.
        let literal = if is_string(pw, lang) {
            Some(pw)
        } else if text(pw, src).contains("toCharArray") || text(pw, src).starts_with("new Secret") {
            crate::syntax::descendants(pw).take(6).find(|n| is_string(*n, lang))
        } else {
            None
        };
        if let Some(l) = literal
            && !is_empty_literal(l, src, lang)
        {
            out.secrets.push(string_inner_range(l, src));
        }
    }
    out.var("library", text_of.library.clone());
    out.var("shape", text_of.shape.clone());
    out.var("unattended", text_of.unattended.clone());
    out.var("interactive", text_of.interactive.clone());
    Some(out)
}

/// The key of a Spring client setting without separators or case: `authorization-grant-type`,
/// `authorization_grant_type` and `authorizationGrantType` bind to the same property.
fn spring_name(segment: &str) -> String {
    segment.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// The keys of the YAML mappings that hold `node`, innermost first.
fn yaml_path<'s>(node: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let mut keys = Vec::new();
    let mut current = node.parent();
    while let Some(n) = current {
        if n.kind() == "block_mapping_pair"
            && let Some(k) = n.child_by_field_name("key")
        {
            keys.push(text(k, src).trim_matches(|c| c == '"' || c == '\''));
        }
        current = n.parent();
    }
    keys
}

/// The registration id of a `...registration.<id>.authorization-grant-type` setting, whatever
/// its value.
fn spring_registration(cx: &CheckCx<'_, '_>) -> Option<String> {
    let src = cx.file.src;
    let key = cx.cap("key")?;
    let key_text = text(key, src).trim().trim_matches(|c| c == '"' || c == '\'');
    // The whole property path: dotted in `.properties` (and in YAML keys written flat), nested
    // mappings otherwise.
    let mut path: Vec<String> = key_text.split('.').map(spring_name).collect();
    if cx.file.lang == Lang::Yaml {
        let outer = yaml_path(key.parent()?, src);
        let mut full: Vec<String> = outer.iter().rev().flat_map(|k| k.split('.')).map(spring_name).collect();
        full.append(&mut path);
        path = full;
    }
    let n = path.len();
    if n < 3 || path[n - 1] != "authorizationgranttype" || path[n - 3] != "registration" {
        return None;
    }
    if cx.file.lang == Lang::Yaml {
        yaml_path(key.parent()?, src).first().map(|k| (*k).to_owned())
    } else {
        key_text.split('.').rev().nth(1).map(str::to_owned)
    }
}

/// `spring.security.oauth2.client.registration.<id>.authorization-grant-type=password`.
pub fn spring_password_grant_config(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let value = cx.cap("value")?;
    let value_text = text(value, cx.file.src).trim().trim_matches(|c| c == '"' || c == '\'');
    if !value_text.eq_ignore_ascii_case("password") {
        return None;
    }
    let registration = spring_registration(cx)?;
    let mut out = Bindings::default();
    out.var("registration", registration);
    Some(out)
}

/// Every Spring setting of the file with a scalar value: its property path (segments without
/// separators or case, see [`spring_name`]) and the value as written.
fn spring_settings<'t>(cx: &CheckCx<'_, 't>) -> Vec<(Vec<String>, &'t str)> {
    let src = cx.file.src;
    let unquote = |t: &'t str| t.trim().trim_matches(|c| c == '"' || c == '\'');
    let mut out = Vec::new();
    for node in crate::syntax::descendants(cx.file.root) {
        let (key, value) = match (cx.file.lang, node.kind()) {
            (Lang::Yaml, "block_mapping_pair" | "flow_pair") => {
                (node.child_by_field_name("key"), node.child_by_field_name("value"))
            }
            (Lang::Properties, "property") => {
                let parts = named_children(node);
                (
                    parts.iter().find(|c| c.kind() == "key").copied(),
                    parts.iter().find(|c| c.kind() == "value").copied(),
                )
            }
            _ => continue,
        };
        let (Some(key), Some(value)) = (key, value) else { continue };
        // A nested mapping is not a value: its own pairs are read in turn.
        if value.kind() == "block_node" {
            continue;
        }
        let mut path: Vec<String> = if cx.file.lang == Lang::Yaml {
            yaml_path(node, src).iter().rev().flat_map(|k| k.split('.')).map(spring_name).collect()
        } else {
            Vec::new()
        };
        path.extend(unquote(text(key, src)).split('.').map(spring_name));
        out.push((path, unquote(text(value, src))));
    }
    out
}

/// Whose token endpoint a Spring registration's provider names: the
/// `spring.security.oauth2.client.provider.<provider>.token-uri` (or `issuer-uri`) of the
/// provider the registration names (`registration.<id>.provider`, else its own id). Unknown
/// when the file sets neither (or sets them to a placeholder).
fn spring_endpoint(cx: &CheckCx<'_, '_>) -> Endpoint {
    let Some(registration) = spring_registration(cx).map(|r| spring_name(&r)) else {
        return Endpoint::Unknown;
    };
    let settings = spring_settings(cx);
    let under = |path: &[String], group: &str, id: &str, leaf: &[&str]| {
        let n = path.len();
        n >= 3 && path[n - 3] == group && path[n - 2] == id && leaf.contains(&path[n - 1].as_str())
    };
    let provider = settings
        .iter()
        .find(|(path, _)| under(path, "registration", &registration, &["provider"]))
        .map_or(registration.clone(), |(_, value)| spring_name(value));
    let mut found = (false, false);
    for (_, value) in
        settings.iter().filter(|(path, _)| under(path, "provider", &provider, &["tokenuri", "issueruri"]))
    {
        let lower = value.to_ascii_lowercase();
        if lower.contains("ringcentral") || lower.contains("/restapi/") {
            found.0 = true;
        } else if HOSTED_URL.is_match(value) {
            found.1 = true;
        }
    }
    Endpoint::of(found.0, found.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_token_with_password_spans_lines() {
        assert!(FETCH_TOKEN_WITH_PASSWORD.is_match("s.fetch_token(url,\n    username=u,\n    password=p)"));
        assert!(!FETCH_TOKEN_WITH_PASSWORD.is_match("s.fetch_token(url, client_secret=s)\npassword = 1"));
    }

    #[test]
    fn endpoint_keys_name_where_tokens_come_from() {
        for key in [
            "site",
            "tokenHost",
            "TokenURL",
            "token_url",
            "Address",
            "authority",
            "issuer-uri",
            "urlAccessToken",
        ] {
            assert!(endpoint_key(key), "{key}");
        }
        for key in ["redirect_uri", "callbackUrl", "webhookUrl", "proxy_url", "username", "client_id"] {
            assert!(!endpoint_key(key), "{key}");
        }
        let before =
            |line: &str| KEY_BEFORE.captures(line).and_then(|c| c.get(1)).map(|m| m.as_str().to_owned());
        assert_eq!(before("client = OAuth2::Client.new(id, secret, site: ").as_deref(), Some("site"));
        assert_eq!(before("    'urlAccessToken' => ").as_deref(), Some("urlAccessToken"));
        assert_eq!(before("details.setAccessTokenUri(").as_deref(), Some("setAccessTokenUri"));
        assert_eq!(before("x = f(a, "), None);
    }

    #[test]
    fn goauth_token_url_constants() {
        assert!(RC_TOKEN_URL.is_match("TokenURL: endpoints.RingcentralTokenURL}"));
        assert!(RC_TOKEN_URL.is_match("endpoints.RingcentralSandboxTokenURL"));
        assert!(!RC_TOKEN_URL.is_match("endpoints.RingcentralTokenURLs"));
    }
}

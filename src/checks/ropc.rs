//! Generic OAuth 2.0 ROPC library calls (MSAL, ADAL, requests-oauthlib, Authlib, simple-oauth2,
//! client-oauth2, @badgateway/oauth2-client, league/oauth2-client, Spring, ScribeJava, Nimbus,
//! google-oauth-client, x/oauth2, IdentityModel, Ruby oauth2), and whether they point at
//! RingCentral.
//!
//! The queries find candidate calls by name (`@name`); [`ropc_library_call`] decides from the
//! language, the name, the receiver and the arguments which library and grant it is.

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
                goauth's `endpoints.RingcentralTokenURL` in the file",
        run: ringcentral_oauth,
        file_gate: Some(file_has_rc_endpoint),
        text_gate: None,
    },
    CheckDef {
        name: "no-ringcentral-oauth",
        languages: ALL_LANGS,
        needs: &[],
        provides: &[],
        about: "the opposite of `ringcentral-oauth`: a generic OAuth server",
        run: no_ringcentral_oauth,
        file_gate: Some(|cx, src| !file_has_rc_endpoint(cx, src)),
        text_gate: None,
    },
];

#[allow(clippy::expect_used)] // reason: constant pattern
static RC_TOKEN_URL: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"\bRingcentral(Sandbox)?TokenURL\b"));

#[allow(clippy::expect_used)] // reason: constant pattern
static FETCH_TOKEN_WITH_PASSWORD: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?s)\bfetch_token\s*\((?u:[^)])*\bpassword\s*="));

/// Why the token endpoint is RingCentral's, if it is.
#[allow(clippy::expect_used)] // reason: constant pattern
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

/// The token endpoint is RingCentral's.
pub fn ringcentral_oauth(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let reason = rc_oauth_reason(cx)?;
    let mut out = Bindings::default();
    out.notes.push(format!("RingCentral token endpoint: {reason}"));
    Some(out)
}

/// The token endpoint is not RingCentral's.
pub fn no_ringcentral_oauth(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    rc_oauth_reason(cx).is_none().then(Bindings::default)
}

/// A recognised ROPC call.
struct Hit<'t> {
    library: &'static str,
    shape: String,
    /// The password argument, when it can be told.
    password: Option<Node<'t>>,
    unattended: &'static str,
    interactive: &'static str,
}

fn hit<'t>(
    library: &'static str,
    shape: impl Into<String>,
    password: Option<Node<'t>>,
    unattended: &'static str,
    interactive: &'static str,
) -> Option<Hit<'t>> {
    Some(Hit { library, shape: shape.into(), password, unattended, interactive })
}

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

const MSAL_PY: (&str, &str) = (
    "a confidential client with client credentials: `ConfidentialClientApplication(...).acquire_token_for_client(scopes=[...])`",
    "device code (`initiate_device_flow` + `acquire_token_by_device_flow`) or the authorization code with PKCE (`acquire_token_interactive`, or `initiate_auth_code_flow` + `acquire_token_by_auth_code_flow` in web apps)",
);
const MSAL_NET: (&str, &str) = (
    "a confidential client with client credentials: `ConfidentialClientApplicationBuilder...Build().AcquireTokenForClient(scopes).ExecuteAsync()`",
    "`AcquireTokenInteractive(scopes)` (authorization code with PKCE) or `AcquireTokenWithDeviceCode(scopes, callback)`",
);
const MSAL_NODE: (&str, &str) = (
    "`new ConfidentialClientApplication(config).acquireTokenByClientCredential({ scopes })`",
    "`getAuthCodeUrl({...})` + `acquireTokenByCode({ code, codeVerifier })` (PKCE) or `acquireTokenByDeviceCode({...})`",
);
const MSAL_JAVA: (&str, &str) = (
    "a `ConfidentialClientApplication` with `ClientCredentialParameters.builder(scopes).build()`",
    "`InteractiveRequestParameters` (authorization code with PKCE) or `DeviceCodeFlowParameters`",
);
const MSAL_GO: (&str, &str) = (
    "a `confidential.Client` with `AcquireTokenByCredential(ctx, scopes)`",
    "`public.Client.AcquireTokenInteractive(ctx, scopes)` (authorization code with PKCE) or `AcquireTokenByDeviceCode(ctx, scopes)`",
);

/// Recognises a ROPC call from its language, name, receiver and arguments.
fn classify<'t>(cx: &CheckCx<'_, 't>) -> Option<Hit<'t>> {
    let src = cx.file.src;
    let m = cx.cap("match")?;
    let name = text(cx.cap("name")?, src);
    let args = Args::read(cx, cx.cap("args"));
    let recv = receiver_of(m);
    match (cx.file.lang, name) {
        (Lang::Python, "acquire_token_by_username_password") => hit(
            "MSAL (Python)",
            "`acquire_token_by_username_password(username, password, scopes)`",
            args.kw("password").or(args.pos(1)),
            MSAL_PY.0,
            MSAL_PY.1,
        ),
        (Lang::Python, "acquire_token_with_username_password") => hit(
            "ADAL (Python)",
            "`AuthenticationContext.acquire_token_with_username_password(resource, username, password, client_id)`",
            args.kw("password").or(args.pos(2)),
            "MSAL (ADAL is retired) with client credentials: `ConfidentialClientApplication(...).acquire_token_for_client(scopes=[...])`",
            "MSAL (ADAL is retired): device code (`initiate_device_flow` + `acquire_token_by_device_flow`) or `acquire_token_interactive` (authorization code with PKCE)",
        ),
        (Lang::Python, "fetch_token") => {
            let pw = args.kw("password")?;
            args.kw("username")?;
            // Not a substring test: `requests_oauthlib` contains "authlib".
            let authlib = src.contains("from authlib") || src.contains("import authlib");
            hit(
                if authlib { "Authlib" } else { "requests-oauthlib" },
                "`fetch_token(token_url, username=..., password=...)`",
                Some(pw),
                if authlib {
                    "`client.fetch_token(token_url, grant_type='client_credentials')`"
                } else {
                    "`OAuth2Session(client=BackendApplicationClient(client_id)).fetch_token(token_url, client_id=..., client_secret=...)` (client credentials)"
                },
                if authlib {
                    "`create_authorization_url(url, code_verifier=...)`, then `fetch_token(token_url, authorization_response=..., code_verifier=...)` (authorization code with PKCE)"
                } else {
                    "`OAuth2Session(client_id, redirect_uri=..., pkce='S256').authorization_url(url)`, then `fetch_token(token_url, authorization_response=...)` (authorization code with PKCE)"
                },
            )
        }
        // The client choice is the grant choice; when the file also calls `fetch_token` with a
        // password, that call is the finding.
        (Lang::Python, "LegacyApplicationClient") if !FETCH_TOKEN_WITH_PASSWORD.is_match(src) => hit(
            "requests-oauthlib",
            "`LegacyApplicationClient(client_id)` (oauthlib's password-grant client)",
            None,
            "`BackendApplicationClient(client_id)` + `fetch_token(token_url, client_id=..., client_secret=...)` (client credentials)",
            "`WebApplicationClient` / `OAuth2Session(client_id, redirect_uri=..., pkce='S256')`: `authorization_url()`, then `fetch_token(authorization_response=...)`",
        ),
        (Lang::CSharp, "AcquireTokenByUsernamePassword") => hit(
            "MSAL.NET",
            "`AcquireTokenByUsernamePassword(scopes, username, password)`",
            args.pos(2),
            MSAL_NET.0,
            MSAL_NET.1,
        ),
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
            hit(
                "IdentityModel",
                format!("`{name}(...)` (password token request)"),
                pw,
                "`RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest { ... })`",
                "`RequestAuthorizationCodeTokenAsync(...)` with PKCE (`CodeVerifier`), or `RequestDeviceAuthorizationAsync` + `RequestDeviceTokenAsync`",
            )
        }
        (lang, "acquireTokenByUsernamePassword") if lang.is_js_family() => {
            let entries = literal_entries(cx, args.pos(0)?);
            let pw = entry(&entries, "password");
            pw?;
            hit(
                "MSAL Node",
                "`acquireTokenByUsernamePassword({ scopes, username, password })`",
                pw,
                MSAL_NODE.0,
                MSAL_NODE.1,
            )
        }
        (lang, "ResourceOwnerPassword") if lang.is_js_family() => hit(
            "simple-oauth2",
            "`new ResourceOwnerPassword(config)` (v4+), whose `getToken({ username, password })` sends the password grant",
            None,
            "`new ClientCredentials(config).getToken({ scope })`",
            "`new AuthorizationCode(config)`: `authorizeURL({ redirect_uri, state })`, then `getToken({ code, redirect_uri })`",
        ),
        (lang, "getToken") if lang.is_js_family() => {
            let via = receiver_name(recv, src);
            match via {
                "ownerPassword" | "password" => hit(
                    "simple-oauth2",
                    format!(
                        "`.{via}.getToken({{ username, password }})` (simple-oauth2 {})",
                        if via == "password" { "0.x" } else { "1-3" }
                    ),
                    args.pos(0).and_then(|o| entry(&literal_entries(cx, o), "password")),
                    "`clientCredentials.getToken({ scope })` (v4+: `new ClientCredentials(config)`)",
                    "`authorizationCode.authorizeURL({ redirect_uri, state })`, then `authorizationCode.getToken({ code, redirect_uri })`",
                ),
                "owner" => hit(
                    "client-oauth2",
                    "`auth.owner.getToken(username, password)`",
                    args.pos(1),
                    "`auth.credentials.getToken()` (client credentials)",
                    "`auth.code.getUri()`, then `auth.code.getToken(redirectUrl)` (authorization code)",
                ),
                _ => None,
            }
        }
        (lang, "password") if lang.is_js_family() => {
            let entries = literal_entries(cx, args.pos(0)?);
            let pw = entry(&entries, "password");
            entry(&entries, "username")?;
            hit(
                "@badgateway/oauth2-client",
                "`client.password({ username, password })`",
                pw,
                "`client.clientCredentials()`",
                "`client.authorizationCode.getAuthorizeUri({ redirectUri, codeVerifier })`, then `getTokenFromCodeRedirect(url, { redirectUri, codeVerifier })` (PKCE)",
            )
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
            hit(
                "league/oauth2-client",
                "`$provider->getAccessToken('password', ['username' => ..., 'password' => ...])`",
                args.pos(1).and_then(|a| entry(&literal_entries(cx, a), "password")),
                "`$provider->getAccessToken('client_credentials')`",
                "`$provider->getAuthorizationUrl()` (PKCE: `$provider->getPkceCode()`), then `$provider->getAccessToken('authorization_code', ['code' => $_GET['code']])`",
            )
        }
        (Lang::Java, "builder") if receiver_name(recv, src) == "UserNamePasswordParameters" => hit(
            "MSAL4J",
            "`UserNamePasswordParameters.builder(scopes, username, password)`",
            args.pos(2),
            MSAL_JAVA.0,
            MSAL_JAVA.1,
        ),
        (Lang::Java, "password")
            if recv.is_some_and(|r| text(r, src).contains("OAuth2AuthorizedClientProviderBuilder")) =>
        {
            hit(
                "Spring Security OAuth2 Client",
                "`OAuth2AuthorizedClientProviderBuilder.builder().password()` (password grant provider)",
                None,
                "`.clientCredentials()` on the provider builder (a `client_credentials` registration)",
                "`.authorizationCode()` with `oauth2Login()` / `oauth2Client()` (authorization code with PKCE)",
            )
        }
        (Lang::Java, "PASSWORD") => hit(
            "Spring Security OAuth2 Client",
            "`AuthorizationGrantType.PASSWORD` (deprecated)",
            None,
            "`AuthorizationGrantType.CLIENT_CREDENTIALS`",
            "`AuthorizationGrantType.AUTHORIZATION_CODE` with `oauth2Login()` (PKCE)",
        ),
        (Lang::Java, "getAccessTokenPasswordGrant") => hit(
            "ScribeJava",
            "`service.getAccessTokenPasswordGrant(username, password)`",
            args.pos(1),
            "`service.getAccessTokenClientCredentialsGrant()`",
            "`service.getAuthorizationUrl(...)` with a `PKCE`, then `service.getAccessToken(AccessTokenRequestParams.create(code).pkceCodeVerifier(...))`",
        ),
        (Lang::Java, _) => {
            let simple = name.rsplit('.').next().unwrap_or(name);
            match (simple, args.positional.len()) {
                ("ResourceOwnerPasswordResourceDetails", _) => hit(
                    "Spring Security OAuth (legacy)",
                    "`new ResourceOwnerPasswordResourceDetails()` (password grant resource for `OAuth2RestTemplate`)",
                    None,
                    "`ClientCredentialsResourceDetails` (better: Spring Security 5+ `client_credentials` registration)",
                    "`AuthorizationCodeResourceDetails` (better: Spring Security 5+ `oauth2Login()`)",
                ),
                ("ResourceOwnerPasswordAccessTokenProvider", _) => hit(
                    "Spring Security OAuth (legacy)",
                    "`new ResourceOwnerPasswordAccessTokenProvider()`",
                    None,
                    "`ClientCredentialsAccessTokenProvider` (better: Spring Security 5+ `client_credentials`)",
                    "`AuthorizationCodeAccessTokenProvider` (better: Spring Security 5+ `oauth2Login()`)",
                ),
                (
                    "PasswordOAuth2AuthorizedClientProvider"
                    | "OAuth2PasswordGrantRequest"
                    | "DefaultPasswordTokenResponseClient",
                    _,
                ) => hit(
                    "Spring Security OAuth2 Client",
                    format!("`new {simple}(...)` (password grant support, deprecated)"),
                    None,
                    "`ClientCredentialsOAuth2AuthorizedClientProvider` / `OAuth2ClientCredentialsGrantRequest`",
                    "`AuthorizationCodeOAuth2AuthorizedClientProvider` with `oauth2Login()` (PKCE)",
                ),
                // One argument is springfox's Swagger UI description, not a token request.
                ("ResourceOwnerPasswordCredentialsGrant", 2) => hit(
                    "Nimbus OAuth 2.0 SDK",
                    "`new ResourceOwnerPasswordCredentialsGrant(username, new Secret(password))`",
                    args.pos(1).and_then(|s| {
                        s.child_by_field_name("arguments")
                            .and_then(|a| named_children(a).first().copied())
                            .filter(|_| s.kind() == "object_creation_expression")
                            .or(Some(s))
                    }),
                    "`new ClientCredentialsGrant()`",
                    "`new AuthorizationCodeGrant(code, redirectUri, codeVerifier)` (PKCE)",
                ),
                // (transport, jsonFactory, tokenUrl, username, password): a password-reset DTO of
                // the same name has no such constructor.
                ("PasswordTokenRequest", 5) => hit(
                    "google-oauth-client",
                    "`new PasswordTokenRequest(transport, jsonFactory, tokenUrl, username, password)`",
                    args.pos(4),
                    "`new ClientCredentialsTokenRequest(transport, jsonFactory, tokenUrl)`",
                    "`AuthorizationCodeFlow` / `AuthorizationCodeTokenRequest` (authorization code)",
                ),
                _ => None,
            }
        }
        (Lang::Go, "PasswordCredentialsToken") => hit(
            "golang.org/x/oauth2",
            "`conf.PasswordCredentialsToken(ctx, username, password)`",
            args.pos(2),
            "`clientcredentials.Config{...}.Token(ctx)` (golang.org/x/oauth2/clientcredentials)",
            "`conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))`, then `conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))`; or `conf.DeviceAuth` + `conf.DeviceAccessToken`",
        ),
        (Lang::Go, "AcquireTokenByUsernamePassword") => hit(
            "MSAL Go",
            "`client.AcquireTokenByUsernamePassword(ctx, scopes, username, password)`",
            args.pos(3),
            MSAL_GO.0,
            MSAL_GO.1,
        ),
        (Lang::Ruby, "get_token") if receiver_name(recv, src) == "password" => hit(
            "oauth2 (Ruby)",
            "`client.password.get_token(username, password)`",
            args.pos(1),
            "`client.client_credentials.get_token`",
            "`client.auth_code.authorize_url(redirect_uri: ...)`, then `client.auth_code.get_token(code, redirect_uri: ...)`",
        ),
        _ => None,
    }
}

/// A generic OAuth library call that uses the password grant.
pub fn ropc_library_call(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let hit = classify(cx)?;
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
    out.var("library", hit.library);
    out.var("shape", hit.shape);
    out.var("unattended", hit.unattended);
    out.var("interactive", hit.interactive);
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

/// `spring.security.oauth2.client.registration.<id>.authorization-grant-type=password`.
pub fn spring_password_grant_config(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let key = cx.cap("key")?;
    let value = cx.cap("value")?;
    let value_text = text(value, src).trim().trim_matches(|c| c == '"' || c == '\'');
    if !value_text.eq_ignore_ascii_case("password") {
        return None;
    }
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
    let registration = if cx.file.lang == Lang::Yaml {
        yaml_path(key.parent()?, src).first().map(|k| (*k).to_owned())
    } else {
        key_text.split('.').rev().nth(1).map(str::to_owned)
    }?;
    let mut out = Bindings::default();
    out.var("registration", registration);
    Some(out)
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
    fn goauth_token_url_constants() {
        assert!(RC_TOKEN_URL.is_match("TokenURL: endpoints.RingcentralTokenURL}"));
        assert!(RC_TOKEN_URL.is_match("endpoints.RingcentralSandboxTokenURL"));
        assert!(!RC_TOKEN_URL.is_match("endpoints.RingcentralTokenURLs"));
    }
}

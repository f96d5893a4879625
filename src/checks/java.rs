//! Java: `com.ringcentral.RestClient.authorize` by arity, `GetTokenRequest` builders, legacy Android SDK.
//!
//! The helpers marked `pub(super)` are shared with the C# module: both SDKs were generated from
//! the same templates, so their shapes (arity overloads, `GetTokenRequest`) are the same.

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::login::{Creds, resolve_literal, wrapper_args};
use super::receiver::{self, Evidence};
use super::{Bindings, CheckCx, CheckDef};
use crate::context::SdkFamily;
use crate::lang::Lang;
use crate::syntax::{
    is_empty_literal, is_string, last_name, named_children, string_inner_range, string_value, text,
    unwrap_expr,
};

const JAVA: &[Lang] = &[Lang::Java];

/// This language's check room.
pub(super) static ROOM: super::CheckRoom =
    super::CheckRoom { languages: &[Lang::Java], checks: CHECKS, jwt_expr };

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "java-password-authorize",
        languages: JAVA,
        needs: &["receiver", "method", "args"],
        provides: &["shape", "jwt_expr", "sdk_family", "sdk_name"],
        about: "`rc.authorize(username, extension, password)` of com.ringcentral:ringcentral < 3.3.0 \
                (three arguments only: one is JWT, two is an authorization code) and the legacy \
                Android SDK's `getPlatform().authorize(u, ext, pw, callback)`; an app's own \
                client's `login`/`authorize`/`auth`/`authenticate` given a map with a username and \
                a password in RingCentral code",
        run: java_password_authorize,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "java-password-token-request",
        languages: &[Lang::Java, Lang::Kotlin],
        needs: &["chain"],
        provides: &["shape", "jwt_chain", "chain_kind", "lang_family"],
        about: "a `GetTokenRequest` built with `grant_type(\"password\")` (fluent setters) or \
                `req.grant_type = \"password\"`, in Java or from Kotlin (`GetTokenRequest()\
                .grant_type(\"password\")...`, a field set on a request built as \
                `GetTokenRequest()`); binds the JWT-bearer rewrite of the builder",
        run: java_password_token_request,
        file_gate: None,
        text_gate: None,
    },
];

/// The JWT-bearer grant type.
pub(super) const JWT_GRANT: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// A receiver declared with an SDK type in the file (`RestClient rc`, `private RestClient client;`,
/// a parameter): the declaration says what the object is even when its name does not.
pub(super) fn declared_as(cx: &CheckCx<'_, '_>, receiver: Node<'_>, types: &[&str]) -> Option<String> {
    let name = last_name(receiver, cx.file.src, cx.file.lang)?;
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let types = types.join("|");
    let re = Regex::new(&format!(r"\b(?:[\w.]+\.)?(?:{types})\??\s+{name}\b")).ok()?;
    let m = re.find(cx.file.src)?;
    Some(format!("`{name}` is declared as `{}`", m.as_str().trim_end_matches(name.as_str()).trim()))
}

/// Receiver acceptance for Java and C#: the shared receiver tiers, plus a declaration with an SDK
/// type in RingCentral code.
pub(super) fn accept_receiver(
    cx: &CheckCx<'_, '_>,
    receiver: Node<'_>,
    types: &[&str],
    evidence: Evidence,
    out: &mut Bindings,
) -> bool {
    if receiver::accept(cx, receiver, evidence, out) {
        return true;
    }
    match (declared_as(cx, receiver, types), cx.file.context.rc_reason()) {
        (Some(decl), Some(rc)) => {
            out.notes.push(format!("RingCentral call: {decl} in RingCentral code ({rc})"));
            true
        }
        _ => false,
    }
}

/// Redacts a literal secret argument.
pub(super) fn secret_if_literal(cx: &CheckCx<'_, '_>, node: Option<Node<'_>>, out: &mut Bindings) {
    if let Some(n) = node.map(unwrap_expr)
        && is_string(n, cx.file.lang)
        && !is_empty_literal(n, cx.file.src, cx.file.lang)
    {
        out.secrets.push(string_inner_range(n, cx.file.src));
    }
}

static PASSWORD_WORD: LazyLock<Regex> = LazyLock::new(|| crate::regexes::ascii(r"(?i)password"));

/// The key a JWT is read under, given the key the password was read under: environment
/// lookups and upper-case keys become the JWT variable (`RC_JWT`), other keys keep their shape
/// with `password` replaced in the same case (`RingCentral:Password` gives `RingCentral:Jwt`).
pub(super) fn jwt_key(old: &str, env_like: bool, jwt_var: &str) -> String {
    let upper = old.chars().any(|c| c.is_ascii_uppercase()) && !old.chars().any(|c| c.is_ascii_lowercase());
    if env_like || upper {
        return jwt_var.to_owned();
    }
    match PASSWORD_WORD.find(old) {
        Some(m) => {
            let word = m.as_str();
            let jwt = if word.starts_with('P') { "Jwt" } else { "jwt" };
            format!("{}{jwt}{}", &old[..m.start()], &old[m.end()..])
        }
        None => "jwt".to_owned(),
    }
}

/// Methods that read an environment variable.
const ENV_READS: &[&str] = &["getenv", "GetEnvironmentVariable", "getEnv"];

/// The expression to read the JWT from in Java or C#, following how the password was read:
/// `System.getenv("RC_PASSWORD")` gives `System.getenv("RC_JWT")`, `props.getProperty("password")`
/// gives `props.getProperty("jwt")`, `config["RingCentral:Password"]` gives
/// `config["RingCentral:Jwt"]` (a key of the same store). Anything else (a getter, a field, a
/// property: `config.getJwt()` would not compile where the class has none) reads the
/// environment.
pub(super) fn jwt_expr(cx: &CheckCx<'_, '_>, password: Option<Node<'_>>) -> String {
    let src = cx.file.src;
    let jwt = cx.file.jwt_var;
    let lang = cx.file.lang;
    let default = match lang {
        Lang::CSharp => format!("Environment.GetEnvironmentVariable(\"{jwt}\")"),
        _ => format!("System.getenv(\"{jwt}\")"),
    };
    let Some(mut pw) = password.map(unwrap_expr) else { return default };
    // `String password = System.getenv("RC_PASSWORD"); rc.authorize(u, ext, password)`: the
    // declaration says how the file reads credentials.
    if pw.kind() == "identifier" {
        let name = text(pw, src);
        let declared = cx
            .file
            .assignments()
            .iter()
            .filter(|a| a.node.kind() == "variable_declarator" && text(a.lhs, src) == name)
            .map(|a| unwrap_expr(a.rhs))
            // Only values readable at the call: environment reads, or declarations in the
            // same method (a field's initialiser may use constructor parameters).
            .find(|v| {
                v.kind() != "identifier"
                    && (ENV_READS.iter().any(|e| text(*v, src).contains(e))
                        || enclosing_method(*v).map(|m| m.id()) == enclosing_method(pw).map(|m| m.id()))
            });
        match declared {
            Some(value) => pw = value,
            None => return default,
        }
    }
    // A call with one string argument (`System.getenv("X")`, `props.getProperty("x")`).
    let call = match pw.kind() {
        "method_invocation" => pw.child_by_field_name("name").zip(pw.child_by_field_name("arguments")),
        "invocation_expression" => pw
            .child_by_field_name("function")
            .and_then(|f| {
                if f.kind() == "member_access_expression" { f.child_by_field_name("name") } else { Some(f) }
            })
            .zip(pw.child_by_field_name("arguments")),
        _ => None,
    };
    if let Some((name, args)) = call {
        let args = named_children(args);
        let name_text = text(name, src);
        // A getter (`config.getPassword()`) gives no `config.getJwt()`: the class need not
        // have it.
        if let [arg] = args.as_slice() {
            let key = unwrap_expr(*arg);
            if let Some(old) = string_value(key, src, lang).filter(|_| key.kind() == "string_literal") {
                let env_like = ENV_READS.contains(&name_text);
                let range = string_inner_range(key, src);
                let (start, end) = (pw.start_byte(), pw.end_byte());
                return format!(
                    "{}{}{}",
                    &src[start..range.start],
                    jwt_key(&old, env_like, jwt),
                    &src[range.end..end]
                );
            }
        }
        return default;
    }
    // C# `settings.Password`, Java `config.password`: a member the type need not have (the
    // build would fail on `settings.Jwt`), so the environment variable the note names.
    // C# `config["RingCentral:Password"]`: a key of the same store.
    match pw.kind() {
        "element_access_expression" => {
            let key = crate::syntax::descendants(pw).find(|n| n.kind() == "string_literal");
            if let Some(key) = key
                && let Some(old) = string_value(key, src, lang)
            {
                let range = string_inner_range(key, src);
                let env_like = text(pw, src).contains("Environment");
                return format!(
                    "{}{}{}",
                    &src[pw.start_byte()..range.start],
                    jwt_key(&old, env_like, jwt),
                    &src[range.end..pw.end_byte()]
                );
            }
            default
        }
        _ => default,
    }
}

/// The method, constructor or lambda around a Java or C# node.
fn enclosing_method(node: Node<'_>) -> Option<Node<'_>> {
    let mut n = node.parent();
    while let Some(p) = n {
        if matches!(
            p.kind(),
            "method_declaration"
                | "constructor_declaration"
                | "lambda_expression"
                | "local_function_statement"
        ) {
            return Some(p);
        }
        n = p.parent();
    }
    None
}

/// `rc.authorize(username, extension, password)`, the legacy Android
/// `getPlatform().authorize(username, extension, password, callback)`, else an app's own client
/// given a credentials map (`java_wrapper`).
pub fn java_password_authorize(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let receiver = cx.cap("receiver")?;
    let method = cx.cap("method").map_or("", |m| text(m, cx.file.src));
    if matches!(method, "authorize" | "login")
        && let Some(found) = sdk_authorize(cx, receiver)
    {
        return Some(found);
    }
    java_wrapper(cx, receiver, method)
}

/// `Map.of("k", v, ...)`, `Map.ofEntries(entry("k", v), ...)` (also Guava's `ImmutableMap.of`):
/// the entries, `unknown` when a key is not a string literal. `None` for other calls.
fn map_factory<'t>(call: Node<'t>, src: &str) -> Option<Creds<'t>> {
    let object = call.child_by_field_name("object")?;
    if !matches!(text(object, src).rsplit('.').next(), Some("Map" | "ImmutableMap")) {
        return None;
    }
    let name = text(call.child_by_field_name("name")?, src);
    let args = named_children(call.child_by_field_name("arguments")?);
    let mut pairs: Vec<Option<(Node<'t>, Node<'t>)>> = Vec::new();
    match name {
        "of" if args.len().is_multiple_of(2) => pairs.extend(args.chunks(2).map(|p| Some((p[0], p[1])))),
        "ofEntries" => {
            for entry in args {
                let entry_args = (entry.kind() == "method_invocation"
                    && entry.child_by_field_name("name").is_some_and(|n| text(n, src) == "entry"))
                .then(|| entry.child_by_field_name("arguments").map(named_children))
                .flatten();
                pairs.push(match entry_args.as_deref() {
                    Some([key, value]) => Some((*key, *value)),
                    _ => None,
                });
            }
        }
        _ => return None,
    }
    let mut creds = Creds { entries: Vec::new(), unknown: false, origin: None, by_name: false };
    for pair in pairs {
        match pair.and_then(|(k, v)| Some((string_value(k, src, Lang::Java)?, v))) {
            Some(entry) => creds.entries.push(entry),
            None => creds.unknown = true,
        }
    }
    Some(creds)
}

/// Map types a credentials map is created empty with, then filled by `put`.
const MAP_TYPES: &[&str] = &["HashMap", "LinkedHashMap", "TreeMap", "Hashtable", "ConcurrentHashMap"];

/// The entries of a Java credentials map the file spells out: `Map.of(...)`,
/// `Map.ofEntries(...)`, a `new HashMap<>()` filled by `put("k", v)` before the call, or a name
/// last assigned one of those. `None` when the value is none of those (a constructor's
/// positional arguments, `new UsernamePasswordAuthenticationToken(u, p)`, name no field).
fn java_credentials<'t>(cx: &CheckCx<'_, 't>, value: Node<'t>, call: Node<'_>) -> Option<Creds<'t>> {
    let src = cx.file.src;
    let kinds = &["method_invocation", "object_creation_expression"];
    let literal = match value.kind() {
        "method_invocation" => value,
        "identifier" => resolve_literal(cx, value, kinds)?,
        _ => return None,
    };
    if literal.kind() == "method_invocation" {
        let mut creds = map_factory(literal, src)?;
        creds.origin = (literal.id() != value.id()).then_some(literal);
        return Some(creds);
    }
    // `Map<String, String> creds = new HashMap<>(); creds.put("username", u); ...`
    let ty = literal.child_by_field_name("type")?;
    let ty = if ty.kind() == "generic_type" { named_children(ty).first().copied()? } else { ty };
    let empty = literal.child_by_field_name("arguments").is_some_and(|a| named_children(a).is_empty());
    if value.kind() != "identifier"
        || !MAP_TYPES.contains(&text(ty, src))
        || !empty
        || literal.child_by_field_name("body").is_some()
    {
        return None;
    }
    super::login::filled_map(cx, literal, text(value, src), call, |used| {
        let put = used.parent().filter(|p| p.kind() == "method_invocation")?;
        if put.child_by_field_name("object")?.id() != used.id()
            || text(put.child_by_field_name("name")?, src) != "put"
        {
            return None;
        }
        match named_children(put.child_by_field_name("arguments")?).as_slice() {
            [key, value] => Some((string_value(*key, src, Lang::Java)?, *value)),
            _ => None,
        }
    })
}

/// An app's own client whose `login`/`authorize`/`auth`/`authenticate` receives a credentials
/// map with a username and a password in RingCentral code (`login::accept_wrapper`):
/// display-only guidance.
fn java_wrapper(cx: &CheckCx<'_, '_>, receiver: Node<'_>, method: &str) -> Option<Bindings> {
    let call = cx.cap("call")?;
    let args = named_children(cx.cap("args")?);
    let [only] = args.as_slice() else { return None };
    let creds = java_credentials(cx, unwrap_expr(*only), call)?;
    let [plain, with_ext] = wrapper_args(&creds, |k| format!("\"{k}\", .."), "Map.of(", ")");
    super::login::typed_wrapper(
        cx,
        call,
        (receiver, method),
        &creds,
        [&plain, &with_ext],
        ("java-wrapper", "the app's own client around the RingCentral Java SDK"),
        jwt_expr,
    )
}

/// `rc.authorize(username, extension, password)` and the legacy Android
/// `getPlatform().authorize(username, extension, password, callback)`.
fn sdk_authorize(cx: &CheckCx<'_, '_>, receiver: Node<'_>) -> Option<Bindings> {
    let args = named_children(cx.cap("args")?);
    let src = cx.file.src;
    // One argument is the JWT overload, two the authorization code: only three (or the
    // Android SDK's four, with a callback) are the password grant.
    if !(3..=4).contains(&args.len()) {
        return None;
    }
    if args[..3].iter().any(|a| {
        matches!(unwrap_expr(*a).kind(), "object_creation_expression" | "lambda_expression" | "null_literal")
    }) {
        return None;
    }
    let recv_text = text(receiver, src);
    let platform_like = last_name(receiver, src, cx.file.lang)
        .is_some_and(|n| n.to_ascii_lowercase().contains("platform"))
        || recv_text.contains("getPlatform");
    // The early Java SDK (`core.SDK`, `platform.Platform`) named its password login `login`:
    // only on a platform, with the three credentials.
    let method = cx.cap("method").map_or("", |m| text(m, src));
    if method == "login" && !(platform_like && args.len() == 3) {
        return None;
    }
    // The receiver, not the file, decides: a file may hold both eras during a migration.
    let legacy = args.len() == 4 || platform_like;
    if args.len() == 4 && !legacy {
        return None;
    }
    let mut out = Bindings::default();
    if !accept_receiver(cx, receiver, &["RestClient", "Platform", "SDK"], Evidence::Strong, &mut out) {
        return None;
    }
    let password = args.get(2).copied();
    secret_if_literal(cx, password, &mut out);
    let family = if legacy { SdkFamily::JavaLegacy } else { SdkFamily::JavaSdk };
    out.var("sdk_family", family.key());
    out.var("sdk_name", family.package());
    out.var(
        "shape",
        if method == "login" {
            "early Java SDK `platform.login(username, extension, password)`"
        } else if legacy {
            "legacy Android SDK `getPlatform().authorize(username, extension, password, callback)`"
        } else {
            "`authorize(username, extension, password)` (deprecated in 3.x, removed in 3.3.0)"
        },
    );
    out.var("jwt_expr", jwt_expr(cx, password));
    Some(out)
}

/// The calls of a fluent chain, innermost first, and the chain's root expression.
fn chain_calls(outer: Node<'_>) -> (Vec<Node<'_>>, Node<'_>) {
    let mut calls = Vec::new();
    let mut node = outer;
    while node.kind() == "method_invocation" {
        calls.push(node);
        match node.child_by_field_name("object") {
            Some(obj) => node = obj,
            None => break,
        }
    }
    calls.reverse();
    (calls, node)
}

/// Whether a value is the string `password`, directly or through a constant of the file.
pub(super) fn is_password_value(cx: &CheckCx<'_, '_>, value: Node<'_>) -> bool {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let value = unwrap_expr(value);
    if let Some(v) = string_value(value, src, lang) {
        return v == "password";
    }
    if value.kind() != "identifier" {
        return false;
    }
    let name = text(value, src);
    let mut found = cx
        .file
        .assignments()
        .iter()
        .filter(|a| a.node.kind() == "variable_declarator" && text(a.lhs, src) == name)
        .map(|a| string_value(unwrap_expr(a.rhs), src, lang));
    found.next().flatten().is_some_and(|v| v == "password") && found.all(|v| v.as_deref() == Some("password"))
}

/// Setters of the password grant that the JWT-bearer request does not take.
pub(super) const CREDENTIAL_SETTERS: &[&str] = &["username", "extension", "password", "grant_type"];

/// `new GetTokenRequest().grant_type("password")...` (the outermost call of the chain is the
/// match) and `request.grant_type = "password"`.
pub fn java_password_token_request(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    if cx.file.lang == Lang::Kotlin {
        return super::kotlin::kotlin_password_token_request(cx);
    }
    let chain = cx.cap("chain")?;
    let src = cx.file.src;
    let mut out = Bindings::default();
    out.var("lang_family", "java");
    if chain.kind() == "assignment_expression" {
        // `req.grant_type = "password"` on a public field of the generated definition.
        let left = chain.child_by_field_name("left")?;
        let field = left.child_by_field_name("field")?;
        if text(field, src) != "grant_type" || !is_password_value(cx, chain.child_by_field_name("right")?) {
            return None;
        }
        if !src.contains("GetTokenRequest") {
            return None;
        }
        out.var("shape", "`GetTokenRequest.grant_type = \"password\"`");
        let obj = left.child_by_field_name("object").map(|o| text(o, src)).unwrap_or("request");
        out.var("chain_kind", "field");
        out.var(
            "jwt_chain",
            format!("{obj}.grant_type = \"{JWT_GRANT}\"; {obj}.assertion = {}", jwt_expr(cx, None)),
        );
        return Some(out);
    }
    // Only the outermost call of a chain: `a.b().c()` is also matched at `a.b()`.
    if let Some(parent) = chain.parent()
        && parent.kind() == "method_invocation"
        && parent.child_by_field_name("object").is_some_and(|o| o.id() == chain.id())
    {
        return None;
    }
    let (calls, root) = chain_calls(chain);
    let grant_call = calls.iter().find(|c| {
        c.child_by_field_name("name").is_some_and(|n| text(n, src) == "grant_type")
            && c.child_by_field_name("arguments")
                .map(named_children)
                .is_some_and(|a| a.len() == 1 && is_password_value(cx, a[0]))
    })?;
    let builder = root.kind() == "object_creation_expression"
        && root.child_by_field_name("type").is_some_and(|t| text(t, src).ends_with("GetTokenRequest"));
    if !builder && !src.contains("GetTokenRequest") {
        return None;
    }
    // Redact literal credentials passed to `.password("...")`.
    for c in &calls {
        if c.child_by_field_name("name").is_some_and(|n| text(n, src) == "password") {
            let arg = c.child_by_field_name("arguments").and_then(|a| named_children(a).first().copied());
            secret_if_literal(cx, arg, &mut out);
        }
    }
    let password_arg = calls
        .iter()
        .find(|c| c.child_by_field_name("name").is_some_and(|n| text(n, src) == "password"))
        .and_then(|c| c.child_by_field_name("arguments").and_then(|a| named_children(a).first().copied()));
    // The rewrite: the root, the grant and assertion, then every other setter as written.
    // A chain written one setter per line keeps that layout.
    let sep = match grant_call.child_by_field_name("name") {
        Some(name) if text(chain, src).contains('\n') => {
            format!("\n{}", crate::syntax::indentation_at(src, name.start_byte()))
        }
        _ => String::new(),
    };
    let mut rebuilt = text(root, src).to_owned();
    rebuilt.push_str(&format!(
        "{sep}.grant_type(\"{JWT_GRANT}\"){sep}.assertion({})",
        jwt_expr(cx, password_arg)
    ));
    for c in &calls {
        let name = c.child_by_field_name("name").map(|n| text(n, src)).unwrap_or_default();
        if CREDENTIAL_SETTERS.contains(&name) {
            continue;
        }
        let object_end = c.child_by_field_name("object").map_or(c.start_byte(), |o| o.end_byte());
        rebuilt.push_str(&src[object_end..c.end_byte()]);
    }
    out.var(
        "shape",
        if builder {
            "`new GetTokenRequest().grant_type(\"password\")` with a username and password"
        } else {
            "`GetTokenRequest` with `grant_type(\"password\")`"
        },
    );
    out.var("chain_kind", if builder { "builder" } else { "statement" });
    out.var("jwt_chain", rebuilt);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::jwt_key;
    use crate::lang::Lang;

    fn secrets(src: &str) -> Vec<String> {
        crate::redact::secrets_in(Lang::Java, src)
    }

    #[test]
    fn positional_and_builder_passwords_are_secrets() {
        let src = r#"class A { void f() {
            rc.authorize("u", "101", "pw-one");
            sdk.getPlatform().authorize("u", "101", "pw-two", callback);
            rc.authorize(new GetTokenRequest().grant_type("password").username("u").password("pw-three"));
            params.put("password", "pw-four");
            rc.authorize("code", "https://example.com/cb");
        } }"#;
        assert_eq!(secrets(src), ["pw-one", "pw-two", "pw-three", "pw-four"]);
    }

    #[test]
    fn jwt_keys_follow_the_password_key() {
        assert_eq!(jwt_key("RC_PASSWORD", false, "RC_JWT"), "RC_JWT");
        assert_eq!(jwt_key("password", true, "RC_JWT"), "RC_JWT");
        assert_eq!(jwt_key("password", false, "RC_JWT"), "jwt");
        assert_eq!(jwt_key("RingCentral:Password", false, "RC_JWT"), "RingCentral:Jwt");
        assert_eq!(jwt_key("rc.password", false, "RC_JWT"), "rc.jwt");
        assert_eq!(jwt_key("getPassword", false, "RC_JWT"), "getJwt");
        assert_eq!(jwt_key("secret", false, "RC_JWT"), "jwt");
    }
}

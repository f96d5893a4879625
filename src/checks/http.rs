//! Checks for hand-built token requests (`grant_type=password` in strings and key/value bodies)
//! and for RingCentral context.

use std::sync::LazyLock;

use regex::Regex;

use super::{Bindings, CheckCx};
use crate::lang::Lang;
use crate::syntax::{is_string, named_children, string_inner_range, string_value, text, unwrap_expr};

static GRANT_IN_STRING: LazyLock<Regex> = LazyLock::new(|| {
    // `password` must end the value: `grant_type=password_reset` is another thing.
    crate::regexes::ascii(r"(?i)grant_type(?:=|%3d)password(?:(?u:[^A-Za-z0-9_-])|$)")
});
/// A JSON body inside a string: `{"grant_type": "password"}`, also with escaped quotes
/// (`{\"grant_type\":\"password\"}`).
static GRANT_IN_JSON: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r#"(?i)\\?"grant_type\\?"\s*:\s*\\?"password\\?""#));
static GRANT_AT_END: LazyLock<Regex> = LazyLock::new(|| crate::regexes::ascii(r"(?i)grant_type(?:=|%3d)$"));
static PASSWORD_AT_START: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"^password(?:(?u:[^A-Za-z0-9_-])|$)"));
static PASSWORD_PARAM: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?:^|[&?\s])(?:password|client_secret)=((?u:[^&'`\x22\s$])+)"));

/// The JWT-bearer replacement for a form body: the password grant becomes the JWT grant and
/// the credential parameters become one `assertion`.
fn jwt_body(body: &str, jwt_var: &str) -> String {
    let mut out = Vec::new();
    let mut assertion_added = false;
    for part in body.split('&') {
        let key = part.split('=').next().unwrap_or_default().to_ascii_lowercase();
        match key.as_str() {
            "grant_type" => out.push("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer".to_owned()),
            "username" | "password" | "extension" => {
                if !assertion_added {
                    out.push(format!("assertion=<{jwt_var}>"));
                    assertion_added = true;
                }
            }
            _ => out.push(part.to_owned()),
        }
    }
    if !assertion_added {
        out.push(format!("assertion=<{jwt_var}>"));
    }
    out.join("&")
}

/// A password grant in a string or a key/value pair (when `@key`/`@value` are captured).
pub fn password_grant(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let pair = cx.cap("key").is_some();
    let mut out = if pair { password_grant_pair(cx)? } else { password_grant_string(cx)? };
    let matched = cx.cap("match")?;
    if asserts_rejection(cx, matched) {
        return None;
    }
    let rewrite = if matches!(out.get("form"), Some("json" | "postman-oauth2")) {
        None
    } else {
        super::form_body::rewrite(cx, pair)
    };
    match rewrite {
        Some(rw) => {
            let grant_jwt = if pair {
                out.get("jwt_value").unwrap_or_default().to_owned()
            } else {
                super::form_body::JWT_GRANT.to_owned()
            };
            out.var("grant_jwt", grant_jwt);
            out.var("rewrite", "yes");
            out.ranges.push(("grant", rw.grant));
            out.jwt_edits = rw.edits;
            out.jwt_dropped = Some(rw.dropped);
        }
        None => {
            out.var("rewrite", "no");
            out.var("grant_jwt", "");
        }
    }
    if out.get("jwt_body").is_none() {
        out.var("jwt_body", "");
    }
    if out.get("jwt_value").is_none() {
        out.var("jwt_value", "");
    }
    Some(out)
}

/// URLs in string literals.
static URL: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r#"(?i)https?://((?u:[^/\s'"`?#])+)((?u:[^\s'"`])*)"#));

/// A token path written without a host, quoted as a whole (`'/oauth/token'`, `"/connect/token"`,
/// `'/realms/staff/protocol/openid-connect/token'`, `'/oauth2/v2.0/token?x=1'`), or after an
/// interpolated base (`` `${base}/oauth/token` ``, `"#{idp}/oauth/token"`, `$"{authority}/connect/token"`,
/// `f"{base}/o/token/"`), and Laravel Passport's route name `passport.token`. Group 1 is the
/// path. At least one segment before `token`: a bare `'/token'` says nothing about whose it is.
static HOSTLESS_TOKEN_PATH: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r#"(?i)["'`](?:\$?\{[A-Za-z0-9_$.\[\]'"()-]*\}|#\{[A-Za-z0-9_$.\[\]'"()-]*\})?((?:/[A-Za-z0-9_.~%-]+)+/token)/?(?:[?#][A-Za-z0-9_.~%&=+-]*)?["'`]|["']passport\.token["']"#,
    )
});

/// A RingCentral base URL that a host-less `/oauth/token` (or `/token`) would complete into
/// RingCentral's token path (`https://platform.ringcentral.com/restapi`,
/// `.../restapi/oauth/`): in a file that names one, a host-less token path is not another
/// system's.
static RC_BASE_URL: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r#"(?i)https?://[A-Za-z0-9.:-]*ringcentral[A-Za-z0-9.:-]*/restapi(?:/oauth)?/?["'`]"#,
    )
});

/// Whether a file names a RingCentral base URL that host-less token paths complete (see
/// [`RC_BASE_URL`]).
pub(super) fn names_rc_base_url(src: &str) -> bool {
    RC_BASE_URL.is_match(src)
}

/// Whether the request around `matched` goes to another system's token endpoint: its function
/// (or, at the top level, its file) names a token URL of another host (`.../realms/x/protocol/
/// openid-connect/token`, `https://login.example.com/oauth/token`) or a token path of the app's
/// own or another server written without a host (`url('/oauth/token')`, `route('passport.token')`,
/// `authority + "/connect/token"`), and no RingCentral URL (a RingCentral host, or RingCentral's
/// `/restapi/oauth/` path on any host or none). The file's RingCentral context then belongs to
/// other code (a Keycloak login next to RingCentral API calls, a Laravel Passport token route in
/// an app that depends on the RingCentral SDK).
pub(super) fn sent_elsewhere(cx: &CheckCx<'_, '_>, matched: tree_sitter::Node<'_>) -> bool {
    let (src, lang) = (cx.file.src, cx.file.lang);
    if lang.code().is_none() {
        return false;
    }
    let scope = crate::syntax::enclosing_function(matched, lang).unwrap_or(cx.file.root);
    let hostless = !names_rc_base_url(src);
    let (mut ringcentral, mut foreign) = (false, false);
    for node in crate::syntax::descendants(scope).filter(|n| is_string(*n, lang)) {
        let (rc, other) = token_urls(text(node, src), hostless);
        ringcentral |= rc;
        foreign |= other;
    }
    foreign && !ringcentral
}

/// Whether a text names a RingCentral URL (a RingCentral host, or RingCentral's token path on
/// any host or none: a sandbox proxy, a placeholder domain, `'/restapi/oauth/token'`), and
/// whether it names another system's token URL or, when `hostless`, a quoted host-less token
/// path that is not RingCentral's (see [`HOSTLESS_TOKEN_PATH`]; a file that names a RingCentral
/// base URL may complete such a path into RingCentral's).
pub(super) fn token_urls(text: &str, hostless: bool) -> (bool, bool) {
    let (mut ringcentral, mut foreign) = (false, false);
    for url in URL.captures_iter(text) {
        let host = url.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
        let path = url.get(2).map_or("", |m| m.as_str()).to_ascii_lowercase();
        if host.contains("ringcentral") || path.contains("/restapi/oauth/") {
            ringcentral = true;
        } else if path.contains("token") || path.contains("openid-connect") {
            foreign = true;
        }
    }
    for path in HOSTLESS_TOKEN_PATH.captures_iter(text) {
        match path.get(1) {
            Some(p) if p.as_str().to_ascii_lowercase().contains("/restapi/") => ringcentral = true,
            _ if hostless => foreign = true,
            _ => {}
        }
    }
    (ringcentral, foreign)
}

/// Phrases of a test that checks the password grant is refused.
pub(super) static REJECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?i)unsupported_grant_type|invalid_grant|assertRaises|pytest\.raises|toThrow|\.rejects\b|raise_error|(assert|expect)(?u:[^\n]){0,60}\b40[01]\b",
    )
});

/// Assertions that something is absent, on the line of the grant string in a test.
static NEGATED_ASSERTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?i)\.not\.|\bnot_to\b|\bto_not\b|\bshould_not\b|assert_?not_?(in|includes?|contains?|match)|\brefute|does_?not_?(contain|include|match)|\bassert\b(?u:[^\n]){0,80}\bnot\s+in\b|assert_?false\s*\((?u:[^\n]){0,80}(contains|includes?)\b|!\s*[\w.$]+\.(contains|includes|include\?)\(|\.(contains|includes)\((?u:[^\n]){0,80}(toBe\(false\)|toBeFalsy|to\.be\.false|toEqual\(false\)|isFalse)",
    )
});

/// Whether `matched` is in a test (a file under `test`/`tests`/`spec`/`__tests__`, or named
/// `*_test.*`, `test_*.*`, `*.test.*`, `*.spec.*`) whose function asserts that the grant is
/// refused: such a test guards the migration, it does not use the password flow.
fn asserts_rejection(cx: &CheckCx<'_, '_>, matched: tree_sitter::Node<'_>) -> bool {
    if !cx.file.path.is_some_and(is_test_path) {
        return false;
    }
    // `expect(body).not.toContain('grant_type=password')`: the test asserts the grant is absent.
    let src = cx.file.src;
    let line_start = src[..matched.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[matched.end_byte()..].find('\n').map_or(src.len(), |i| matched.end_byte() + i);
    if NEGATED_ASSERTION.is_match(&src[line_start..line_end]) {
        return true;
    }
    let Some(function) = crate::syntax::enclosing_function(matched, cx.file.lang) else { return false };
    REJECTION.is_match(text(function, cx.file.src))
}

/// Whether a file is a test: under a test directory (`test`, `tests`, `spec`, `specs`,
/// `__tests__`, `e2e`, a .NET test project such as `App.Tests`, a `*-tests`/`*_tests` folder),
/// or named like one in its language's convention: `test_*.*`, `*_test.*`, `*-test.*`,
/// `*.test.*`, `*_spec.*`, `*-spec.*`, `*.spec.*`, or a JVM/.NET/Swift test class whose name
/// ends in `Test`, `Tests`, `Spec` or `IT` (`LoginTest.java`, `AuthTests.cs`).
pub(super) fn is_test_path(path: &std::path::Path) -> bool {
    let test_dir = |name: &str| {
        let lower = name.to_ascii_lowercase();
        matches!(lower.as_str(), "test" | "tests" | "spec" | "specs" | "__tests__" | "e2e")
            || [".tests", ".test", "-tests", "_tests", ".specs", "-specs", "_specs"]
                .iter()
                .any(|s| lower.ends_with(s))
    };
    let (dirs, file) = match path.parent() {
        Some(parent) => (parent, path.file_name().and_then(|n| n.to_str())),
        None => (path, None),
    };
    dirs.components().any(|c| c.as_os_str().to_str().is_some_and(test_dir))
        || file.is_some_and(|name| {
            let lower = name.to_ascii_lowercase();
            let stem = name.split('.').next().unwrap_or(name);
            lower.starts_with("test_")
                || ["_test.", "-test.", ".test.", "_spec.", "-spec.", ".spec."].iter().any(|s| lower.contains(s))
                // CamelCase class names: `LoginTest`, not `latest` or `contest`
                || ["Test", "Tests", "Spec", "IT"].iter().any(|suffix| {
                    stem.strip_suffix(suffix)
                        .is_some_and(|head| head.chars().last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
                })
        })
}

/// Three plain words in a row: a sentence, not a form body or a command line.
static PROSE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?:^|[\s(])[A-Za-z][A-Za-z0-9_']+[,;]? [A-Za-z][A-Za-z0-9_']+[,;]? [A-Za-z][A-Za-z0-9_']+(?:[\s.,;:!?)]|$)",
    )
});

/// Whether the line of a string that holds the grant is a sentence (an error message, a log
/// line, a description: "RingCentral no longer accepts grant_type=password ..."), which
/// sends nothing. A form body (`grant_type=password&username=...`) or a command line has no run
/// of plain words.
fn is_prose_line(inner: &str, at: usize) -> bool {
    let start = inner[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = inner[at..].find('\n').map_or(inner.len(), |i| at + i);
    PROSE.is_match(&inner[start..end])
}

/// A string literal holding `grant_type=password`, or `'grant_type=' . 'password'`.
fn password_grant_string(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let node = cx.cap("match")?;
    let src = cx.file.src;
    let lang = cx.file.lang;
    if !is_string(node, lang) {
        return None;
    }
    let inner_range = string_inner_range(node, src);
    let inner = &src[inner_range.clone()];
    let mut out = Bindings::default();
    if let Some(grant) = GRANT_IN_STRING.find(inner) {
        if is_prose_line(inner, grant.start()) {
            return None;
        }
        for caps in PASSWORD_PARAM.captures_iter(inner) {
            if let Some(m) = caps.get(1) {
                out.secrets.push(inner_range.start + m.start()..inner_range.start + m.end());
            }
        }
        let body = inner.lines().next().unwrap_or_default();
        out.var("jwt_body", jwt_body(body, cx.file.jwt_var));
        out.var("form", "string");
        return Some(out);
    }
    if GRANT_IN_JSON.is_match(inner) {
        // No form body to rewrite: only the authorization-code guidance applies.
        out.var("form", "json");
        return Some(out);
    }
    // `'grant_type=' . 'password'`: this string is the left operand of a concatenation whose
    // right operand starts with `password`.
    if !GRANT_AT_END.is_match(inner) {
        return None;
    }
    let parent = node.parent()?;
    // `binary_operator`: Python `+`; `binary`: Ruby `+`.
    if !matches!(parent.kind(), "binary_expression" | "binary_operator" | "binary")
        || parent.child_by_field_name("left")?.id() != node.id()
    {
        return None;
    }
    let right = unwrap_expr(parent.child_by_field_name("right")?);
    let right_value = string_value(right, src, lang).or_else(|| {
        // `'password&username=' . $u` is a binary expression whose leftmost leaf is the string.
        let mut leftmost = right;
        while matches!(leftmost.kind(), "binary_expression" | "binary_operator" | "binary") {
            leftmost = leftmost.child_by_field_name("left")?;
        }
        if is_string(leftmost, lang) {
            return Some(src[string_inner_range(leftmost, src)].to_owned());
        }
        // Java/C# `"grant_type=" + GRANT` where `static final String GRANT = "password"`.
        string_constant(cx, leftmost)
    })?;
    if !PASSWORD_AT_START.is_match(&right_value) {
        return None;
    }
    out.var(
        "jwt_body",
        format!("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<{}>", cx.file.jwt_var),
    );
    out.var("form", "string");
    Some(out)
}

/// The string an identifier is declared with in the same file (`static final String GRANT =
/// "password"`, `const string Grant = "password"`, `GRANT_TYPE = "password"`, `const grant =
/// 'password'`, `$grant = 'password'`, PHP `const GRANT = 'password'`); `None` when it is
/// assigned anything else, or different values in different places.
fn string_constant(cx: &CheckCx<'_, '_>, ident: tree_sitter::Node<'_>) -> Option<String> {
    constant_literal(cx, ident).and_then(|lit| string_value(lit, cx.file.src, cx.file.lang))
}

/// The string literal an identifier is declared with in the same file (see [`string_constant`]).
fn constant_literal<'t>(cx: &CheckCx<'_, 't>, ident: tree_sitter::Node<'_>) -> Option<tree_sitter::Node<'t>> {
    // Ruby constants are `constant`, PHP constants `name`, PHP variables `variable_name`.
    if !matches!(ident.kind(), "identifier" | "constant" | "name" | "variable_name") {
        return None;
    }
    let (src, lang) = (cx.file.src, cx.file.lang);
    let name = text(ident, src);
    let mut values: Vec<tree_sitter::Node<'t>> = cx
        .file
        .assignments()
        .iter()
        .filter(|a| text(a.lhs, src) == name)
        // Go `const grant = "password"`: the value is a one-element `expression_list`.
        .map(|a| match named_children(a.rhs).as_slice() {
            [only] if a.rhs.kind() == "expression_list" => unwrap_expr(*only),
            _ => unwrap_expr(a.rhs),
        })
        .collect();
    // PHP `const GRANT = 'password';` (a `const_element`, not an assignment).
    if ident.kind() == "name" && lang.rule_lang() == Lang::Php {
        values.extend(
            crate::syntax::descendants(cx.file.root).filter(|n| n.kind() == "const_element").filter_map(
                |n| {
                    let parts = named_children(n);
                    (parts.first().map(|k| text(*k, src)) == Some(name))
                        .then(|| parts.last().copied())
                        .flatten()
                },
            ),
        );
    }
    let first = *values.first()?;
    let value = string_value(first, src, lang)?;
    // Two declarations with different values (shadowing, reassignment): no single answer.
    values.iter().all(|v| string_value(*v, src, lang).as_deref() == Some(value.as_str())).then_some(first)
}

/// A key/value pair `grant_type` => `password`.
fn password_grant_pair(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let key = cx.cap("key")?;
    let value = cx.cap("value")?;
    let src = cx.file.src;
    let lang = cx.file.lang;
    // `key_text` knows every language's key shapes (Ruby symbols, INI names, YAML scalars).
    let key_text = crate::syntax::key_text(key, src, lang)?;
    let value = crate::syntax::unwrap_expr(value);
    // `"grant_type": GRANT_TYPE` where the file declares `GRANT_TYPE = "password"`.
    let constant = if is_string(value, lang) { None } else { constant_literal(cx, value) };
    let value_text = match value.kind() {
        "simple_symbol" => text(value, src).trim_start_matches(':').to_owned(),
        _ => string_value(constant.unwrap_or(value), src, lang)?.trim().to_owned(),
    };
    // Postman's OAuth 2.0 helper names the grant `password_credentials` (`"auth": {"type":
    // "oauth2", "oauth2": [{"key": "grant_type", "value": "password_credentials"}, ...]}`).
    let postman_helper =
        value_text == "password_credentials" && lang == Lang::Json && in_postman_oauth2(key, src);
    if key_text != "grant_type" || (value_text != "password" && !postman_helper) {
        return None;
    }
    if postman_helper {
        let mut out = Bindings::default();
        out.var("form", "postman-oauth2");
        return Some(out);
    }
    // In a call, the pair must be the first two arguments (`append('grant_type', 'password')`).
    if let Some(parent) = key.parent()
        && parent.kind() == "arguments"
        && named_children(parent).len() > 3
    {
        return None;
    }
    // Keep the value's quoting: quoted strings keep their quote, a Ruby symbol becomes a string,
    // bare words (INI, YAML, shell) stay bare.
    let q = match text(constant.unwrap_or(value), src).chars().next() {
        Some(c @ ('\'' | '"' | '`')) => c.to_string(),
        _ if value.kind() == "simple_symbol" => "'".to_owned(),
        _ => String::new(),
    };
    let mut out = Bindings::default();
    out.var("jwt_value", format!("{q}urn:ietf:params:oauth:grant-type:jwt-bearer{q}"));
    out.var("form", "pair");
    Some(out)
}

/// Whether a Postman key/value entry sits in a request's OAuth 2.0 helper settings (the list
/// under `"oauth2"`).
fn in_postman_oauth2(node: tree_sitter::Node<'_>, src: &str) -> bool {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if n.kind() == "pair"
            && n.child_by_field_name("key").and_then(|k| string_value(k, src, Lang::Json)).as_deref()
                == Some("oauth2")
        {
            return true;
        }
        cur = n.parent();
    }
    false
}

/// The file or its project is RingCentral code.
pub fn ringcentral_context(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let reason = cx.file.context.rc_reason()?;
    // The RingCentral sign must belong to the request: not a Keycloak login in a file that
    // also calls RingCentral.
    if cx.cap("match").is_some_and(|m| sent_elsewhere(cx, m)) {
        return None;
    }
    let mut out = Bindings::default();
    out.notes.push(format!("RingCentral request: {reason}"));
    Some(out)
}

/// The file and its project show no RingCentral context.
pub fn no_ringcentral_context(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    cx.file.context.rc_reason().is_none().then(Bindings::default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwt_body_replaces_credentials() {
        assert_eq!(
            jwt_body("grant_type=password&username=u&password=p&extension=101&scope=x", "RC_JWT"),
            "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<RC_JWT>&scope=x"
        );
    }

    #[test]
    fn prose_is_not_a_form_body() {
        for prose in [
            "RingCentral no longer accepts grant_type=password for this app; set RC_JWT instead",
            "the password grant (grant_type=password) was removed",
            "Send grant_type=password to the token endpoint",
            "RingCentral refuses grant_type=password since March 2024, so set RC_JWT",
        ] {
            assert!(is_prose_line(prose, prose.find("grant_type").expect("grant")), "{prose}");
        }
        for body in [
            "grant_type=password&username=u&password=p",
            "grant_type=password",
            "curl -X POST https://platform.ringcentral.com/restapi/oauth/token -d grant_type=password",
            "{\"grant_type\": \"password\", \"username\": \"u\"}",
            "grant_type=password&username=${RC_USERNAME}&extension=${RC_EXTENSION}",
            "POST /restapi/oauth/token grant_type=password username=$U password=$P",
        ] {
            assert!(!is_prose_line(body, body.find("grant_type").expect("grant")), "{body}");
        }
    }

    #[test]
    fn negated_assertions() {
        for line in [
            "expect(body).not.toContain('grant_type=password');",
            "expect(body).not_to include('grant_type=password')",
            "assert 'grant_type=password' not in sent",
            "self.assertNotIn('grant_type=password', body)",
            "assertFalse(body.contains(\"grant_type=password\"));",
            "refute_includes body, 'grant_type=password'",
            "assertThat(body).doesNotContain(\"grant_type=password\");",
            "assert.ok(!body.includes('grant_type=password'));",
            "expect(body.includes('grant_type=password')).toBe(false);",
        ] {
            assert!(NEGATED_ASSERTION.is_match(line), "{line}");
        }
        for line in [
            "expect(body).toContain('grant_type=password');",
            "assert 'grant_type=password' in sent",
            "const body = 'grant_type=password&username=' + user;",
            "assertTrue(body.contains(\"grant_type=password\"));",
        ] {
            assert!(!NEGATED_ASSERTION.is_match(line), "{line}");
        }
    }

    #[test]
    fn test_files_by_folder_and_by_name() {
        use std::path::Path;
        for test in [
            "tests/auth.py",
            "src/__tests__/login.js",
            "spec/client_spec.rb",
            "test_login.py",
            "auth_test.go",
            "login.test.ts",
            "login-test.ts",
            "login.spec.js",
            "client-spec.js",
            "src/test/java/com/acme/LoginTest.java",
            "AuthTests.cs",
            "MyApp.Tests/TokenService.cs",
            "integration-tests/run.sh",
            "LoginIT.java",
            "TokenSpec.kt",
            "e2e/signin.ts",
        ] {
            assert!(is_test_path(Path::new(test)), "{test} is a test");
        }
        for not_test in [
            "src/latest.js",
            "contest.py",
            "attestation/verify.ts",
            "Testimonials.vue",
            "lib/SUBMIT.md",
            "GIT.md",
            "src/login.ts",
        ] {
            assert!(!is_test_path(Path::new(not_test)), "{not_test} is not a test");
        }
    }

    #[test]
    fn hostless_token_paths_are_another_systems_unless_ringcentral() {
        // Another system's: an app's own route, IdentityServer, Azure AD, Keycloak, Django.
        for t in [
            "'/oauth/token'",
            "\"/connect/token\"",
            "'/oauth2/v2.0/token'",
            "'/realms/staff/protocol/openid-connect/token'",
            "`${idp}/connect/token`",
            "$\"{authority}/oauth2/token\"",
            "\"#{site}/oauth/token?x=1\"",
            "f\"{base}/o/token/\"",
            "\"{$base}/oauth/token\"",
            "route('passport.token')",
        ] {
            assert_eq!(token_urls(t, true), (false, true), "{t}");
            assert_eq!(token_urls(t, false), (false, false), "{t}");
        }
        // RingCentral's, with a host or without.
        assert_eq!(token_urls("'/restapi/oauth/token'", true), (true, false));
        assert_eq!(token_urls("`${server}/restapi/oauth/token`", true), (true, false));
        assert_eq!(token_urls("'https://platform.ringcentral.com/restapi/oauth/token'", true), (true, false));
        // Not a token path: a bare `/token`, prose, another word ending in token, a URL's path.
        for t in ["'/token'", "'POST /oauth/token'", "'/api/accesstoken'", "'https://id.example.com'"] {
            assert_eq!(token_urls(t, true), (false, false), "{t}");
        }
        assert_eq!(token_urls("'https://id.example.com/oauth/token'", true), (false, true));
    }

    #[test]
    fn ringcentral_base_urls_complete_hostless_paths() {
        assert!(names_rc_base_url("const B = 'https://platform.ringcentral.com/restapi';"));
        assert!(names_rc_base_url("base = \"https://platform.devtest.ringcentral.com/restapi/oauth/\""));
        assert!(!names_rc_base_url("const B = 'https://platform.ringcentral.com';"));
        assert!(!names_rc_base_url("const B = 'https://platform.ringcentral.com/restapi/v1.0';"));
    }

    #[test]
    fn grant_regex_is_bounded() {
        assert!(GRANT_IN_STRING.is_match("grant_type=password&x"));
        assert!(GRANT_IN_STRING.is_match("a=b&grant_type=password"));
        assert!(GRANT_IN_STRING.is_match("grant_type%3Dpassword"));
        assert!(!GRANT_IN_STRING.is_match("grant_type=password_reset"));
        assert!(!GRANT_IN_STRING.is_match("grant_type=passwordless"));
        assert!(GRANT_IN_JSON.is_match(r#"{"grant_type": "password", "username": "u"}"#));
        assert!(GRANT_IN_JSON.is_match(r#"{\"grant_type\":\"password\"}"#));
        assert!(!GRANT_IN_JSON.is_match(r#"{"grant_type": "password_reset"}"#));
    }
}

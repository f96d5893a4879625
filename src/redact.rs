//! Secrets never leave the machine: literal passwords are found in the syntax tree and shown
//! as `***` in every output (`--show-secrets` turns that off).

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use tree_sitter::Node;

use crate::lang::Lang;
#[cfg(test)]
use crate::syntax::descendants;
use crate::syntax::{is_empty_literal, is_string, key_text, named_children, string_inner_range, unwrap_expr};

/// The literal secrets `file_secrets` finds in `src` parsed as `lang` (for tests of the
/// per-language checks).
#[cfg(test)]
pub(crate) fn secrets_in(lang: Lang, src: &str) -> Vec<String> {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&lang.grammar().expect("grammar")).expect("grammar");
    let tree = parser.parse(src, None).expect("tree");
    values(src, &file_secrets(tree.root_node(), src, lang)).into_iter().map(str::to_owned).collect()
}

/// What replaces a secret.
pub const MASK: &str = "***";

static SECRET_KEY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?i)(^|[_.\-]|[a-z])(password|passwd|passwort|pwd|secret)(_?(sb|prod|production|sandbox|dev|devtest|test|staging|qa|uat|live|local|[0-9]+))*$|^pass\d*$|^pw\d*$",
    )
});
/// A secret-named parameter inside a string (`password=`, `client_secret=`, `RC_PASSWORD=`),
/// after a separator: the start of the string, `&`, `?`, whitespace, `;`, `,`, or an escaped
/// ampersand (`\u0026`, `\x26`, `%26`, `&amp;`), so escaped bodies are read as forms too. The
/// value is read by [`param_value_end`], not by the regex: it may hold any character.
static SECRET_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?i)(?:^|[&?\s;,'\x22]|\\u0026|\\x26|%26|&amp;)[a-z0-9_.\-]*(?:password|passwd|pwd|secret)=",
    )
});

/// A password-like word and its value in a comment (`# password: Tr0ub4dor&3`, `// pw = x`):
/// the value runs to the end of the line.
static COMMENT_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?i)(?:password|passwd|pwd|secret|\bpw)\x22?'?\s*[:=]\s*((?u:[^\s])(?u:[^\r\n])*)",
    )
});

/// A password-like JSON key inside a string and the quote that opens its value
/// (`"password": "`, `\"password\":\"`, `'client_secret': '`).
static JSON_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(r#"(?i)[a-z0-9_.\-]*(?:password|passwd|pwd|secret)\\?["']\s*:\s*(\\?["'])"#)
});

/// A form field's start after a separator: `&key=`, `\u0026key=`, ... (where a parameter's
/// value ends).
static NEXT_FIELD: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"^(?:&|\\u0026|\\x26|%26|&amp;)[A-Za-z_][A-Za-z0-9_.\-\[\]]*="));

/// Credentials that are not next to a password-like word: URL user-info
/// (`https://user:pass@host`), `Basic`/`Bearer` credentials and curl's `-u user:pass`.
static TEXT_CREDENTIAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(concat!(
        r"(?i)[a-z][a-z0-9+.\-]*://((?u:[^\s/@'\x22\x60<>])+)@",
        r"|\b(?:basic|bearer)\s+([A-Za-z0-9+/=._~\-]{8,})",
        r"|(?:^|\s)(?:-u|--user)(?:\s+|=)['\x22]?((?u:[^\s'\x22])+)",
    ))
});

/// Constructors and factories whose second positional argument is a client secret (keep
/// `SECRET_CALL` in step):
/// `new SDK(id, secret, server)` (PHP), `SDK(id, secret, server)` (Python),
/// `RingCentral.new(id, secret, server)` (Ruby), `new RestClient(id, secret, server)` (Java, C#);
/// Go's `rcsdk.NewSdk(key, secret, server)`; and Basic authentication's `(user, password)`:
/// `HTTPBasicAuth`, `SetBasicAuth`, `basic_auth`,
/// `NetworkCredential`, `UsernamePasswordCredentials`.
static SDK_CONSTRUCTOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(concat!(
        r"(?i)^(sdk|rcsdk|newsdk|ringcentral|ringcentralsdk|ringcentralclient|restclient|newrestclient",
        r"|httpbasicauth|basicauth|basic_auth|setbasicauth|networkcredential|usernamepasswordcredentials)$",
    ))
});

/// Calls whose one string argument is `id:secret` on its way to a Basic header (keep
/// `SECRET_CALL` in step).
static BASE64_CALL: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?i)^(btoa|base64_encode|b64encode|standard_b64encode|strict_encode64|encode64|encodetostring|from|getbytes)$",
    )
});

/// Methods whose third positional argument is a password (SDK logins).
static LOGIN_CALL: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?i)^(login|authorize|authorize_password)$"));

/// Words next to every secret the walk finds: `SECRET_KEY` names end in `pass...`, `pwd`
/// or `secret` or are `pass`/`pw`; `SECRET_PARAM` parameters end in `password=`, `pwd=`,
/// `secret=`; `LOGIN_CALL` names are `login`, `authorize`, `authorize_password`; Basic
/// authentication pairs are keyed `auth` or `basic_auth` (`auth` also covers `authorize`).
/// Keep it in step with them. (Constructors and base64 calls are found by `SECRET_CALL` instead: their
/// names, `sdk` above all, are everywhere in RingCentral code, and walking every statement that
/// names `rcsdk` made redaction slower.)
static SECRET_HINTS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["pw", "pass", "secret", "login", "auth"])
        .expect("constant patterns")
});

/// The opening parenthesis of a call whose arguments may hold a secret without a password-like
/// word nearby: `SDK_CONSTRUCTOR` names (and Ruby's `.new`), `BASE64_CALL` names.
static SECRET_CALL: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(concat!(
        r"(?i)\b(?:sdk|rcsdk|newsdk|ringcentral|ringcentralsdk|ringcentralclient|restclient|newrestclient|new",
        r"|newapiclientpasswordsimple",
        r"|httpbasicauth|basicauth|basic_auth|setbasicauth|networkcredential|usernamepasswordcredentials",
        r"|btoa|base64_encode|b64encode|standard_b64encode|strict_encode64|encode64|encodetostring|from|getbytes)",
        r"\s*(\()",
    ))
});

/// Whether a key or variable name holds a secret (`password`, `RC_PASSWORD`, `$rcPassword`,
/// `client_secret`).
#[must_use]
pub fn is_secret_name(name: &str) -> bool {
    SECRET_KEY.is_match(name.trim_start_matches('$'))
}

/// Literal secrets anywhere in a file: values of password-like keys and variables, and
/// `password=...` parameters inside strings.
///
/// Every secret it finds sits next to a word spelled in the source (`SECRET_HINTS`): a
/// password-like key or name, a `password=` parameter, a login call's name. Subtrees that
/// contain no such word are skipped, so a large file with a few secrets is not walked node by
/// node (tree-sitter's cursor costs hundreds of instructions a step).
#[must_use]
pub fn file_secrets(root: Node<'_>, src: &str, lang: Lang) -> Vec<Range<usize>> {
    let hints: Vec<Range<usize>> = SECRET_HINTS.find_iter(src.as_bytes()).map(|m| m.range()).collect();
    let near_hint = |node: Node<'_>| {
        // Hints are sorted and disjoint: the first that ends after the node starts decides.
        let first = hints.partition_point(|h| h.end <= node.start_byte());
        hints.get(first).is_some_and(|h| h.start < node.end_byte())
    };
    let mut out = Vec::new();
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let inside = near_hint(node);
        // An argument list is judged by its call's name, which its parent holds: it is visited
        // whenever the walk reaches it, that is, whenever its call holds a hint.
        if inside || matches!(node.kind(), "arguments" | "argument_list" | "value_arguments") {
            secrets_at(node, src, lang, &mut out);
        }
        if inside && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                secret_calls(root, src, lang, &mut out);
                text_credentials(root, src, &mut out);
                return out;
            }
        }
    }
}

/// The arguments of the calls `SECRET_CALL` spots in the text the tree covers (constructors'
/// client secrets, base64 calls' `id:secret`), judged as the walk judges argument lists.
fn secret_calls(root: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Range<usize>>) {
    let span = root.byte_range();
    let Some(text) = src.get(span.clone()) else { return };
    for caps in SECRET_CALL.captures_iter(text) {
        let Some(paren) = caps.get(1).map(|m| span.start + m.start()) else { continue };
        let Some(args) = root.descendant_for_byte_range(paren, paren + 1).and_then(|n| n.parent()) else {
            continue;
        };
        if matches!(args.kind(), "arguments" | "argument_list") && args.start_byte() == paren {
            secrets_at(args, src, lang, out);
        }
    }
}

/// URL user-info, `Basic`/`Bearer` credentials and curl's `-u user:pass` in the text the tree
/// covers (one regex pass: they need no password-like word nearby).
fn text_credentials(root: Node<'_>, src: &str, out: &mut Vec<Range<usize>>) {
    // A document's code blocks are parsed as one tree over included ranges: its root spans
    // from the first block to the last (prose in between is masked too, which is harmless).
    let span = root.byte_range();
    let Some(text) = src.get(span.clone()) else { return };
    credentials_in(text, span.start, out);
}

/// The URL user-info, `Basic`/`Bearer` and `curl -u` credentials of `text`, which starts at
/// byte `offset` of the file.
fn credentials_in(text: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    for caps in TEXT_CREDENTIAL.captures_iter(text) {
        // A `Basic`/`Bearer` token looks encoded (a digit, `=`, `+`, `/` or a capital after its
        // first letter): "Basic authentication" in a comment is prose.
        let prose = caps.get(2).is_some_and(|m| {
            let t = m.as_str().as_bytes();
            !t.iter()
                .enumerate()
                .any(|(i, b)| b.is_ascii_digit() || b"=+/".contains(b) || (i > 0 && b.is_ascii_uppercase()))
        });
        if let Some(m) = caps.get(1).or_else(|| caps.get(2)).or_else(|| caps.get(3))
            && !is_code_only(m.as_str())
            && !prose
        {
            out.push(offset + m.start()..offset + m.end());
        }
    }
}

/// `file_secrets` without skipping: every node of the tree (the reference its tests compare
/// against).
#[cfg(test)]
fn file_secrets_every_node(root: Node<'_>, src: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for node in descendants(root) {
        secrets_at(node, src, lang, &mut out);
    }
    text_credentials(root, src, &mut out);
    out
}

/// The secrets `node` itself shows (not those of its descendants).
fn secrets_at(node: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Range<usize>>) {
    // Strings, arguments and pairs are named nodes; punctuation is about half of a tree.
    if !node.is_named() {
        return;
    }
    // Shell and `.env` assignments: the value runs to the end of the line by the shell's
    // quoting rules (`RC_PASSWORD=Tr0ub4dor&3` is one value to a `.env` reader, even where
    // the shell grammar sees a background job).
    if node.kind() == "variable_assignment" && matches!(lang, Lang::Bash | Lang::Env) {
        if let Some(name) = node.child_by_field_name("name")
            && is_secret_name(crate::syntax::text(name, src))
            && let Some(value) = env_value_range(node, src)
        {
            out.push(value);
        }
        return;
    }
    if is_string(node, lang) {
        let inner = string_inner_range(node, src);
        // JSON in a string: `'{"username": "u", "password": "Tr0ub4dor&3"}'`; the value runs
        // to its closing quote (escaped as the opening one was) or the end of the string.
        if memchr::memchr(b':', &src.as_bytes()[inner.clone()]).is_some() {
            for caps in JSON_PARAM.captures_iter(&src[inner.clone()]) {
                let (Some(all), Some(quote)) = (caps.get(0), caps.get(1)) else { continue };
                let start = inner.start + all.end();
                let end = src[start..inner.end].find(quote.as_str()).map_or(inner.end, |i| start + i);
                if end > start {
                    out.push(start..end);
                }
            }
        }
        // Most strings hold no parameter at all: skip the regex (a cache from its pool per
        // call) for them.
        if memchr::memchr(b'=', &src.as_bytes()[inner.clone()]).is_none() {
            return;
        }
        for m in SECRET_PARAM.find_iter(&src[inner.clone()]) {
            let start = inner.start + m.end();
            let words = m.as_str().as_bytes().first().is_some_and(u8::is_ascii_whitespace);
            let end = param_value_end(src, start, inner.end, words);
            if end > start && !is_code_only(&src[start..end]) {
                out.push(start..end);
            } else if start == inner.end {
                // `'...&password=' + 'Tr0ub' + '4dor&3'`: the value goes on in the literals
                // that follow, up to the next field.
                let mut current = node;
                while let Some(next) = next_operand(current, src, lang).filter(|n| is_string(*n, lang)) {
                    let inner = string_inner_range(next, src);
                    let end = param_value_end(src, inner.start, inner.end, false);
                    if end > inner.start {
                        out.push(inner.start..end);
                    }
                    if end < inner.end {
                        break;
                    }
                    current = next;
                }
            }
        }
        return;
    }
    // `// password: Tr0ub4dor&3` in a comment next to the code.
    if node.kind().contains("comment") {
        let body = node.byte_range();
        for caps in COMMENT_SECRET.captures_iter(&src[body.clone()]) {
            if let Some(m) = caps.get(1) {
                let start = body.start + m.start();
                let bytes = src.as_bytes();
                let end = if matches!(bytes[start], b'\'' | b'"' | b'`') {
                    closing_quote(bytes, start).filter(|&c| c < body.end).map_or(body.end, |c| c + 1)
                } else {
                    // To the end of the line: a value may hold spaces.
                    let line = m.as_str().trim_end_matches("*/").trim_end();
                    start + line.len()
                };
                if !is_code_only(&src[start..end]) {
                    out.push(start..end);
                }
            }
        }
        return;
    }
    // `[['password', 'secret']]`, `[("password", "secret")]`: a two-element list of a
    // password-like name and its value.
    if is_pair_list(node.kind())
        && node.named_child_count() == 2
        && let [k, v] = list_elements(node).as_slice()
        && crate::syntax::string_value(*k, src, lang).is_some_and(|k| is_secret_name(&k))
    {
        push_value(*v, src, lang, out);
        return;
    }
    // Postman and other name/value records: `{"key": "password", "value": "..."}`.
    if is_record(node.kind())
        && memchr::memmem::find(crate::syntax::text(node, src).as_bytes(), b"value").is_some()
    {
        record_secret(node, src, lang, out);
    }
    // C# named arguments: `Authorize(username: u, extension: e, password: "pw")`.
    if node.kind() == "argument"
        && let Some(name) = node.child_by_field_name("name")
        && is_secret_name(crate::syntax::text(name, src))
        && let Some(value) = named_children(node).last()
    {
        push_value(unwrap_expr(*value), src, lang, out);
        return;
    }
    if matches!(node.kind(), "arguments" | "argument_list")
        || (node.kind() == "value_arguments" && lang == Lang::Kotlin)
    {
        // Kotlin wraps each argument in a `value_argument`: its value, unless it is labelled
        // (`password = "pw"`), which the walk judges by its label.
        let args: Vec<Node<'_>> = named_children(node)
            .into_iter()
            .filter_map(|a| {
                if a.kind() != "value_argument" {
                    return Some(a);
                }
                match named_children(a).as_slice() {
                    [value] => Some(*value),
                    _ => None,
                }
            })
            .collect();
        let called = node.parent().and_then(|call| crate::syntax::called_name(call, src, lang));
        // Keyword arguments are judged by their names elsewhere; only positions count here.
        let positional: Vec<Node<'_>> = args
            .iter()
            .copied()
            .filter(|a| !matches!(a.kind(), "keyword_argument" | "pair" | "named_argument"))
            .collect();
        // Positional logins: `authorize(user, ext, "pw")`, `Login(user, ext, "pw", true)`,
        // `authorize_password u, ext, 'pw'`; one-argument setters: `.password("pw")`,
        // `setPassword("pw")`.
        match (called.as_deref(), positional.as_slice()) {
            (Some(name), [_, _, pw, ..]) if positional.len() <= 4 && LOGIN_CALL.is_match(name) => {
                push_value(unwrap_expr(*pw), src, lang, out);
            }
            (Some(name), [only]) if args.len() == 1 && is_secret_name(name) => {
                push_value(unwrap_expr(*only), src, lang, out);
            }
            _ => {}
        }
        // `new SDK('id', 'secret', server)`: a client secret; grokify's Go
        // `NewApiClientPasswordSimple(url, id, secret, user, ext, pw)` has it third.
        if positional.len() >= 2
            && let Some(name) = node.parent().and_then(|p| constructed_name(p, src, lang))
        {
            let at = if name.eq_ignore_ascii_case("NewApiClientPasswordSimple") {
                Some(2)
            } else {
                SDK_CONSTRUCTOR.is_match(&name).then_some(1)
            };
            if let Some(secret) = at.and_then(|i| positional.get(i)) {
                push_value(unwrap_expr(*secret), src, lang, out);
            }
        }
        // `btoa('id:secret')`, `base64_encode("$id:secret")`: a Basic credential being built.
        if let (Some(name), [only]) = (called.as_deref(), positional.as_slice())
            && BASE64_CALL.is_match(name.rsplit(['.', ':', '>']).next().unwrap_or(name))
        {
            let only = unwrap_expr(*only);
            let inner = if is_string(only, lang) { &src[string_inner_range(only, src)] } else { "" };
            if memchr::memchr(b':', crate::syntax::text(only, src).as_bytes()).is_some()
                && !is_code_only(inner)
            {
                push_value(only, src, lang, out);
            }
        }
        // define('RC_PASSWORD', 'x'), params.append('password', 'x'), and the alternating keys
        // and values of map builders: Map.of("grant_type", "password", "password", "x").
        let map_builder = called.as_deref().is_some_and(|n| {
            matches!(n.rsplit(['.', ':']).next().unwrap_or(n), "of" | "mapOf" | "hashMapOf" | "mutableMapOf")
        });
        for (i, pair) in args.chunks_exact(2).enumerate() {
            let (k, v) = (unwrap_expr(pair[0]), unwrap_expr(pair[1]));
            let key = match i {
                0 => key_text(k, src, lang),
                _ if map_builder => crate::syntax::string_value(k, src, lang),
                _ => break,
            };
            if key.is_some_and(|k| is_secret_name(&k)) {
                push_value(v, src, lang, out);
            }
        }
        return;
    }
    let Some(shape) = lang.spec().pairs.iter().find(|p| p.kind == node.kind()) else { return };
    let parts = named_children(node);
    let key = match shape.key_field {
        Some(f) => node.child_by_field_name(f),
        None if parts.len() == 2 => parts.first().copied(),
        None => None,
    };
    let value = match shape.value_field {
        Some(f) => node.child_by_field_name(f),
        None if parts.len() == 2 => parts.last().copied(),
        None => None,
    };
    let (Some(k), Some(v)) = (key, value) else { return };
    match assigned_name(k, src, lang) {
        Some(name) if is_secret_name(&name) => push_value(unwrap_expr(v), src, lang, out),
        // `auth=('id', 'secret')`, `'auth' => ['id', 'secret']`: Basic authentication's pair.
        Some(name) if name.eq_ignore_ascii_case("auth") || name.eq_ignore_ascii_case("basic_auth") => {
            let v = unwrap_expr(v);
            if is_pair_list(v.kind())
                && let [_, secret] = list_elements(v).as_slice()
            {
                push_value(*secret, src, lang, out);
            }
        }
        _ => {}
    }
}

/// Masks a value as a unit: a literal's content, a concatenation of literals as a whole
/// (`'Tr0ub' . '4dor&3'`), the literals of a fallback (`getenv('X') ?: 'pw'`); a variable or a
/// call is not a secret.
fn push_value(value: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Range<usize>>) {
    let value = unwrap_expr(value);
    if is_string(value, lang) {
        if !is_empty_literal(value, src, lang) {
            out.push(string_inner_range(value, src));
        }
        return;
    }
    if crate::syntax::is_concat(value, src, lang) {
        if has_string_leaf(value, src, lang) {
            out.push(value.byte_range());
        }
        return;
    }
    // `url.Values{"password": {"pw"}}`, `{'password': ['pw']}`: a list of one value.
    if is_pair_list(value.kind()) {
        if let [only] = list_elements(value).as_slice() {
            push_value(*only, src, lang, out);
        }
        return;
    }
    // `a || 'pw'`, `a ?? 'pw'`, `a ?: 'pw'`, `c ? 'pw' : x`, `a or 'pw'`.
    if matches!(
        value.kind(),
        "binary_expression"
            | "binary_operator"
            | "boolean_operator"
            | "conditional_expression"
            | "ternary_expression"
    ) {
        for part in named_children(value) {
            push_value(part, src, lang, out);
        }
    }
}

/// Whether a concatenation has a literal with a letter or digit among its operands (`$id .
/// ':' . $secret` builds a secret from variables and holds none).
fn has_string_leaf(node: Node<'_>, src: &str, lang: Lang) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        let n = unwrap_expr(n);
        if is_string(n, lang) {
            let inner = &src[string_inner_range(n, src)];
            if inner.chars().any(char::is_alphanumeric) && !is_code_only(inner) {
                return true;
            }
            continue;
        }
        if crate::syntax::is_concat(n, src, lang) {
            stack.extend(named_children(n));
        }
    }
    false
}

/// The operand that follows `node` in the concatenation holding it, if any.
fn next_operand<'t>(node: Node<'t>, src: &str, lang: Lang) -> Option<Node<'t>> {
    let mut current = node;
    loop {
        let parent = current.parent()?;
        let parent =
            if matches!(parent.kind(), "parenthesized_expression") { parent.parent()? } else { parent };
        if !crate::syntax::is_concat(parent, src, lang) {
            return None;
        }
        let operands = named_children(parent);
        let at = operands.iter().position(|o| o.byte_range().contains(&current.start_byte()))?;
        if let Some(next) = operands.get(at + 1) {
            // The leftmost leaf of the operand after it.
            let mut leaf = unwrap_expr(*next);
            while crate::syntax::is_concat(leaf, src, lang) {
                leaf = unwrap_expr(*named_children(leaf).first()?);
            }
            return Some(leaf);
        }
        current = parent;
    }
}

/// Literal secrets of a file in a text language (no tree: what its lexer found, see
/// [`crate::lexer`]): a string literal after a password-like name or key and one of the
/// language's binding operators (`password: 'x'`, `@password = "x"`, `'password': 'x'`), the
/// `password=` parameters and JSON password keys inside strings, a comment's `password: ...`,
/// and the URL user-info, `Basic`/`Bearer` and `curl -u` credentials anywhere. The same rules
/// as [`file_secrets`], read from the lexer's ranges.
#[must_use]
pub fn text_secrets(src: &str, lexed: &crate::lexer::Lexed, binds: &[&str]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for s in &lexed.strings {
        let inner = s.content.clone();
        let content = &src[inner.clone()];
        if let Some(name) = bound_name(src, s.range.start, binds)
            && is_secret_name(name)
            && !content.is_empty()
            && !is_code_only(content)
        {
            out.push(inner.clone());
        }
        if memchr::memchr(b':', content.as_bytes()).is_some() {
            // Code or configuration held in a string (a heredoc, a multi-line string):
            // `password: 'x'` inside it.
            quoted_after_key(src, inner.clone(), &mut out);
            for caps in JSON_PARAM.captures_iter(content) {
                let (Some(all), Some(quote)) = (caps.get(0), caps.get(1)) else { continue };
                let start = inner.start + all.end();
                let end = src[start..inner.end].find(quote.as_str()).map_or(inner.end, |i| start + i);
                if end > start {
                    out.push(start..end);
                }
            }
        }
        if memchr::memchr(b'=', content.as_bytes()).is_some() {
            for m in SECRET_PARAM.find_iter(content) {
                let start = inner.start + m.end();
                let words = m.as_str().as_bytes().first().is_some_and(u8::is_ascii_whitespace);
                let end = param_value_end(src, start, inner.end, words);
                if end > start && !is_code_only(&src[start..end]) {
                    out.push(start..end);
                }
            }
        }
    }
    for body in &lexed.comments {
        for caps in COMMENT_SECRET.captures_iter(&src[body.clone()]) {
            if let Some(m) = caps.get(1) {
                let start = body.start + m.start();
                let end = start + m.as_str().trim_end().trim_end_matches("###").trim_end().len();
                if end > start && !is_code_only(&src[start..end]) {
                    out.push(start..end);
                }
            }
        }
    }
    // Embedded code of another language (CoffeeScript's backtick JavaScript) is not lexed:
    // a quoted literal after a password-like name there is masked to its closing quote.
    for body in &lexed.embedded {
        quoted_after_key(src, body.clone(), &mut out);
    }
    credentials_in(src, 0, &mut out);
    normalize(out)
}

/// The quoted literals after a password-like name or key in `body`, a part of `src` no lexer
/// read as code (`password: 'x'`, `"password" = "x"`), each to its closing quote or the end of
/// `body`.
fn quoted_after_key(src: &str, body: Range<usize>, out: &mut Vec<Range<usize>>) {
    for caps in EMBEDDED_SECRET.captures_iter(&src[body.clone()]) {
        let Some(quote) = caps.get(1) else { continue };
        let open = body.start + quote.start();
        let close = closing_quote(src.as_bytes(), open).map_or(body.end, |c| c.min(body.end));
        if close > open + 1 && !is_code_only(&src[open + 1..close]) {
            out.push(open + 1..close);
        }
    }
}

/// A password-like name or key and the quote that opens its literal value, in code that no
/// lexer read (`password: 'x'`, `"password" = "x"`).
static EMBEDDED_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(r#"(?i)(?:password|passwd|pwd|secret)[a-z0-9_]*['"]?\s*[:=]\s*(['"])"#)
});

/// The name bound by the code right before byte `at` on its line, when it ends with one of
/// `binds` (`password: `, `@rc.password = `, `'password': `): the last segment of the name,
/// without quotes or sigils. Comparisons (`==`, `!=`, `<=`) and `::` bind nothing.
fn bound_name<'s>(src: &'s str, at: usize, binds: &[&str]) -> Option<&'s str> {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = src[line_start..at].trim_end();
    let op = binds.iter().find(|op| before.ends_with(*op))?;
    let head = before[..before.len() - op.len()].trim_end_matches(['?', '|', '&']);
    if head.ends_with(['=', '!', '<', '>', ':']) {
        return None;
    }
    let head = head.trim_end().trim_end_matches(['\'', '"']);
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '$' | '-')))
        .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    let name = &head[start..];
    (!name.is_empty()).then_some(name)
}

/// Where a parameter's value that starts at `start` ends, inside a string whose content ends at
/// `limit`: at the next field (`&key=`, `\u0026key=`), at a quote that closes an argument
/// around it, at whitespace when `words` (the parameter is one word of a command line:
/// `-d password=x`), or at the end of the string. An interpolation (`${...}`, `#{...}`,
/// `{...}`) is part of the value, spaces and all.
#[must_use]
pub fn param_value_end(src: &str, start: usize, limit: usize, words: bool) -> usize {
    let bytes = src.as_bytes();
    let mut i = start;
    while i < limit {
        match bytes[i] {
            b'$' | b'#' | b'{' if bytes[i..limit].iter().position(|&b| b == b'{').is_some_and(|p| p <= 1) => {
                let open = i + bytes[i..limit].iter().position(|&b| b == b'{').unwrap_or(0);
                let mut depth = 0usize;
                let mut j = open;
                while j < limit {
                    match bytes[j] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                i = (j + 1).min(limit);
            }
            b if words && b.is_ascii_whitespace() => break,
            // A quote that closes an argument around the field (`-d "...&password=$P" url`).
            b'\'' | b'"' | b'`'
                if bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) || i + 1 == limit =>
            {
                break;
            }
            b'&' | b'\\' | b'%' if NEXT_FIELD.is_match(&src[i..limit]) => break,
            _ => i += 1,
        }
    }
    // A character boundary: every stop above is an ASCII byte or the end of the string.
    while i > start && !src.is_char_boundary(i) {
        i += 1;
    }
    i.min(limit)
}

/// Whether a value is code rather than a secret: interpolations of expressions that hold no
/// literal (`{$pass}`, `${encodeURIComponent(p)}`, `#{@password}`, `{password}`, `$PW`,
/// `$ID:$SECRET`), with at most `:` between them. An interpolated literal (`${'secret'}`) or
/// any other text is a secret.
fn is_code_only(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    let mut any = false;
    while i < bytes.len() {
        match bytes[i] {
            b':' => i += 1,
            b'$' | b'#' | b'{' if bytes[i..].iter().take(3).any(|&b| b == b'{') => {
                let open = i + bytes[i..].iter().position(|&b| b == b'{').unwrap_or(0);
                // `${`, `#{`, `{$`, `{`: only a sigil may come before the brace.
                if !bytes[i..open].iter().all(|&b| matches!(b, b'$' | b'#')) {
                    return false;
                }
                let Some(close) = matching_brace(bytes, open) else { return false };
                if bytes[open..close].iter().any(|&b| matches!(b, b'\'' | b'"' | b'`')) {
                    return false;
                }
                any = true;
                i = close + 1;
            }
            b'$' => {
                let name =
                    bytes[i + 1..].iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_').count();
                if name == 0 {
                    return false;
                }
                any = true;
                i += 1 + name;
            }
            _ => return false,
        }
    }
    any
}

/// The offset of the `}` that closes the `{` at `open`.
fn matching_brace(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &b) in bytes.iter().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// The value of a shell or `.env` assignment (`NAME=value`), from after the `=` to the end
/// of the logical line: quoted parts to their closing quote (across lines), `\`-continued lines
/// included, up to a comment (`#` after whitespace) and without trailing blanks. A value that
/// is one quoted string keeps its quotes visible. `None` when the value is empty.
#[must_use]
pub fn env_value_range(assignment: Node<'_>, src: &str) -> Option<Range<usize>> {
    let name = assignment.child_by_field_name("name")?;
    let bytes = src.as_bytes();
    let mut start = name.end_byte();
    if bytes.get(start) == Some(&b'+') {
        start += 1;
    }
    if bytes.get(start) != Some(&b'=') {
        return None;
    }
    start += 1;
    let end = env_value_end(src, start);
    if end <= start {
        return None;
    }
    let first = bytes[start];
    if matches!(first, b'\'' | b'"')
        && end - start >= 2
        && bytes[end - 1] == first
        && closing_quote(bytes, start) == Some(end - 1)
    {
        return (end - start > 2).then(|| start + 1..end - 1);
    }
    Some(start..end)
}

/// The end of an assignment's value starting at `start` (see [`env_value_range`]).
#[must_use]
pub fn env_value_end(src: &str, start: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = start;
    let mut after_blank = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => break,
            b'\\' => {
                // An escaped character, or a line continuation (`\` then `\n` or `\r\n`).
                i += if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') { 3 } else { 2 };
                after_blank = false;
            }
            b'\'' | b'"' | b'`' => {
                i = closing_quote(bytes, i).map_or(bytes.len(), |c| c + 1);
                after_blank = false;
            }
            b'#' if after_blank => break,
            _ => {
                after_blank = matches!(b, b' ' | b'\t');
                i += 1;
            }
        }
    }
    let mut end = i.min(bytes.len());
    while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    while end < bytes.len() && !src.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// The end of a shell word starting at `start` (an assignment's value in a script): quoted
/// parts to their closing quote, `\`-escapes and continued lines included, up to unquoted
/// whitespace or a command separator (`;`, `|`, `&&`, `&` before a blank, `)`, `<`, `>`). An
/// `&` inside the word (`Tr0ub4dor&3`) is taken as part of it: a password, not a background
/// job, so a rewrite never leaves its tail behind.
#[must_use]
pub fn shell_value_end(src: &str, start: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => {
                i += if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') { 3 } else { 2 };
            }
            b'\'' | b'"' | b'`' => i = closing_quote(bytes, i).map_or(bytes.len(), |c| c + 1),
            b'&' if bytes.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace() && *n != b'&') => i += 1,
            b';' | b'|' | b'&' | b')' | b'<' | b'>' => break,
            _ if b.is_ascii_whitespace() => break,
            _ => i += 1,
        }
    }
    let mut end = i.min(bytes.len());
    while end < bytes.len() && !src.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// The offset of the quote that closes the one at `open` (`\` escapes inside double quotes
/// and backticks; none inside single quotes, as in the shell).
fn closing_quote(bytes: &[u8], open: usize) -> Option<usize> {
    let quote = bytes[open];
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' && quote != b'\'' {
            i += 2;
            continue;
        }
        if b == quote {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// List kinds that may hold a `[name, value]` pair.
fn is_pair_list(kind: &str) -> bool {
    matches!(
        kind,
        "array"
            | "list"
            | "tuple"
            | "array_creation_expression"
            | "literal_value"
            | "array_initializer"
            | "initializer_expression"
            | "flow_sequence"
    )
}

/// The elements of a list, unwrapped (`array_element_initializer`, `literal_element`).
fn list_elements(node: Node<'_>) -> Vec<Node<'_>> {
    named_children(node)
        .into_iter()
        .filter(|n| !n.kind().contains("comment"))
        .map(|n| match n.kind() {
            "array_element_initializer" | "literal_element" | "flow_node" if n.named_child_count() == 1 => {
                n.named_child(0).unwrap_or(n)
            }
            _ => n,
        })
        .collect()
}

/// Object kinds that may be a name/value record.
fn is_record(kind: &str) -> bool {
    matches!(
        kind,
        "object" | "dictionary" | "hash" | "array_creation_expression" | "flow_mapping" | "block_mapping"
    )
}

/// `{"key": "password", "value": "..."}`: the `value` of a record whose `key` (or `name`)
/// is a password-like name.
fn record_secret(node: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Range<usize>>) {
    let mut named_secret = false;
    let mut value = None;
    for pair in named_children(node) {
        let Some(shape) = lang.spec().pairs.iter().find(|p| p.kind == pair.kind()) else { continue };
        let parts = named_children(pair);
        let key = shape
            .key_field
            .and_then(|f| pair.child_by_field_name(f))
            .or_else(|| (parts.len() == 2).then(|| parts[0]));
        let val = shape
            .value_field
            .and_then(|f| pair.child_by_field_name(f))
            .or_else(|| (parts.len() == 2).then(|| parts[1]));
        let (Some(k), Some(v)) = (key, val) else { continue };
        match key_text(k, src, lang).map(|k| k.to_ascii_lowercase()).as_deref() {
            Some("key" | "name") => {
                named_secret |= crate::syntax::string_value(unwrap_expr(v), src, lang)
                    .is_some_and(|n| is_secret_name(&n));
            }
            Some("value") => value = Some(v),
            _ => {}
        }
    }
    if named_secret && let Some(v) = value {
        push_value(v, src, lang, out);
    }
}

/// The name a key or an assignment's target gives its value: `password` for `'password' =>`,
/// `os.environ['RC_PASSWORD']`, `$_ENV['RC_PASSWORD']`, `ENV['RC_PASSWORD']`,
/// `$this->password`, `settings.password`, `@password`.
fn assigned_name(key: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    if let Some(name) = key_text(key, src, lang) {
        return Some(name);
    }
    match key.kind() {
        "subscript"
        | "subscript_expression"
        | "element_reference"
        | "element_access_expression"
        | "index_expression" => {
            let index = unwrap_expr(*named_children(key).last()?);
            let index = if index.kind() == "bracketed_argument_list" {
                unwrap_expr(*named_children(index).first()?)
            } else {
                index
            };
            crate::syntax::string_value(index, src, lang).or_else(|| key_text(index, src, lang))
        }
        "member_expression"
        | "attribute"
        | "member_access_expression"
        | "field_expression"
        | "selector_expression"
        | "field_access" => key_text(*named_children(key).last()?, src, lang),
        "instance_variable" | "class_variable" | "global_variable" => {
            Some(crate::syntax::text(key, src).trim_start_matches(['@', '$']).to_owned())
        }
        _ => None,
    }
}

/// The name of the class a constructor call builds, or of the function a call calls:
/// `new SDK(...)`, `new \RingCentral\SDK\SDK(...)`, `RingCentral.new(...)`, `SDK(...)`.
fn constructed_name(call: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    let last = |t: &str| t.rsplit(['\\', '.', ':']).next().unwrap_or(t).to_owned();
    match call.kind() {
        "object_creation_expression" | "new_expression" => {
            let class = call
                .child_by_field_name("constructor")
                .or_else(|| call.child_by_field_name("type"))
                .or_else(|| named_children(call).into_iter().find(|n| !n.kind().contains("argument")))?;
            Some(last(crate::syntax::text(class, src)))
        }
        // Ruby `RingCentral.new(...)`: the receiver names the class.
        "call"
            if call.child_by_field_name("method").is_some_and(|m| crate::syntax::text(m, src) == "new") =>
        {
            call.child_by_field_name("receiver").map(|r| last(crate::syntax::text(r, src)))
        }
        _ => crate::syntax::called_name(call, src, lang).map(|n| last(&n)),
    }
}

/// Sorts and merges ranges.
#[must_use]
pub fn normalize(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// A redacted copy of a text with a map from original offsets to offsets in the copy.
pub struct Redacted {
    /// The text with every secret replaced by [`MASK`].
    pub text: String,
    /// (original range, start in `text`) of each replaced secret, sorted.
    replaced: Vec<(Range<usize>, usize)>,
}

impl Redacted {
    /// Redacts `src` (secrets must be normalized).
    #[must_use]
    pub fn new(src: &str, secrets: &[Range<usize>]) -> Redacted {
        let mut text = String::with_capacity(src.len());
        let mut replaced = Vec::new();
        let mut pos = 0;
        for r in secrets {
            if r.start < pos
                || r.end > src.len()
                || !src.is_char_boundary(r.start)
                || !src.is_char_boundary(r.end)
            {
                continue;
            }
            text.push_str(&src[pos..r.start]);
            replaced.push((r.clone(), text.len()));
            text.push_str(MASK);
            pos = r.end;
        }
        text.push_str(&src[pos..]);
        Redacted { text, replaced }
    }

    /// Maps an offset of the original text into the redacted text. Offsets inside a secret
    /// map to the start (or, for ends, the end) of its mask.
    #[must_use]
    pub fn map(&self, offset: usize, is_end: bool) -> usize {
        let mut shift: isize = 0;
        for (r, new_start) in &self.replaced {
            if offset <= r.start {
                break;
            }
            if offset < r.end {
                return if is_end { new_start + MASK.len() } else { *new_start };
            }
            shift += MASK.len() as isize - r.len() as isize;
        }
        offset.saturating_add_signed(shift)
    }

    /// Maps a range.
    #[must_use]
    pub fn map_range(&self, r: &Range<usize>) -> Range<usize> {
        self.map(r.start, false)..self.map(r.end, true)
    }
}

/// `src[range]` with secrets masked, including the part of a secret that crosses the range's
/// edge (a multi-line value cut by a line, a window cut through a long line).
#[must_use]
pub fn redact_slice(src: &str, range: Range<usize>, secrets: &[Range<usize>]) -> String {
    let inside = clip(secrets, &range);
    Redacted::new(&src[range], &inside).text
}

/// The parts of `secrets` that lie in `range`, relative to its start.
#[must_use]
pub fn clip(secrets: &[Range<usize>], range: &Range<usize>) -> Vec<Range<usize>> {
    secrets
        .iter()
        .filter(|s| s.start < range.end && range.start < s.end)
        .map(|s| s.start.max(range.start) - range.start..s.end.min(range.end) - range.start)
        .collect()
}

/// Masks every occurrence of the given secret values in a generated text (fix code built from
/// captures), longest first (a value that holds another is masked whole). Values shorter than
/// four characters are masked only as a whole quoted literal (`'pw'`): masking `a` everywhere
/// would make the text unreadable and protect nothing.
#[must_use]
pub fn mask_values(text: &str, values: &[&str]) -> String {
    let mut sorted: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty()).collect();
    sorted.sort_by_key(|v| std::cmp::Reverse(v.len()));
    sorted.dedup();
    let mut out = text.to_owned();
    for v in sorted {
        if v.len() >= 4 {
            out = out.replace(v, MASK);
        } else {
            for q in ['\'', '"', '`'] {
                out = out.replace(&format!("{q}{v}{q}"), &format!("{q}{MASK}{q}"));
            }
        }
    }
    out
}

/// Masks secret values only inside the `code spans` of a message (notes quote source code
/// between backticks; their prose is the tool's own words).
#[must_use]
pub fn mask_code_spans(text: &str, values: &[&str]) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { mask_values(part, values) } else { part.to_owned() })
        .collect::<Vec<_>>()
        .join("`")
}

/// The secret values of a file (the text of each range).
#[must_use]
pub fn values<'s>(src: &'s str, secrets: &[Range<usize>]) -> Vec<&'s str> {
    secrets.iter().filter_map(|r| src.get(r.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_secrets_of_coffeescript() {
        let src = concat!(
            "platform.login\n  username: 'u'\n  password: 'hunter2'\n",
            "@password = \"S3cr3t!\"\n",
            "body = 'grant_type=password&username=u&password=pw1&extension=1'\n",
            "# password: commented1\n",
            "same = password == 'notsecret'\n",
            "live = password: \"#{process.env.RC_PASSWORD}\"\n",
            "url = 'https://user:pw2@example.com/x'\n",
            "js = `var o = {password: 'pw3'}`\n",
            "yaml = '''\n  password: \"pw4\"\n'''\n",
        );
        let lexed = crate::lexer::coffee::lex(src);
        let found: Vec<&str> =
            text_secrets(src, &lexed, &[":", "="]).iter().map(|r| &src[r.clone()]).collect();
        assert_eq!(found, ["hunter2", "S3cr3t!", "pw1", "commented1", "user:pw2", "pw3", "pw4"]);
    }

    /// Skipping subtrees without a hint finds exactly what visiting every node finds, on every
    /// fixture (all languages, positives and negatives) and on each fixture with its hint words
    /// moved around (a key renamed, a login call renamed), which exercises the skips.
    #[test]
    fn skipping_unhinted_subtrees_finds_the_same_secrets() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut stack = vec![root];
        let (mut files, mut secrets) = (0, 0);
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let Some(lang) = Lang::from_path(&path).filter(|l| !l.is_container()) else { continue };
                let Some(grammar) = lang.grammar() else { continue };
                let Ok(text) = std::fs::read_to_string(&path) else { continue };
                let variants = [
                    text.clone(),
                    text.replace("login", "logon").replace("Login", "Logon"),
                    text.replace("password", "secret").replace("Password", "Secret"),
                    text.replace("authorize", "auth").replace("pass", "pas"),
                ];
                for src in &variants {
                    let mut parser = tree_sitter::Parser::new();
                    parser.set_language(&grammar).expect("grammar");
                    let tree = parser.parse(src, None).expect("tree");
                    let fast = normalize(file_secrets(tree.root_node(), src, lang));
                    let every = normalize(file_secrets_every_node(tree.root_node(), src, lang));
                    assert_eq!(fast, every, "{} ({lang:?})", path.display());
                    secrets += every.len();
                }
                files += 1;
            }
        }
        assert!(files > 150 && secrets > 200, "{files} files, {secrets} secrets");
        // Each hint word alone, far from the others.
        let js = "function a() { const pw = 'v1'; }\nfunction b() { let pass = 'v2'; }\n\
                  function c() { const clientSecret = 'v3'; }\nfunction d() { x.logIn; y.login(u, e, 'v4'); }\n\
                  function e() { sdk.Authorize(u, e, 'v5'); }\nfunction f() { get('/t?PassWord=v6&x=1'); }\n";
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&Lang::JavaScript.grammar().expect("grammar")).expect("grammar");
        let tree = parser.parse(js, None).expect("tree");
        let fast = values(js, &normalize(file_secrets(tree.root_node(), js, Lang::JavaScript)));
        assert_eq!(fast, ["v1", "v2", "v3", "v4", "v5", "v6"]);
        let every = values(js, &normalize(file_secrets_every_node(tree.root_node(), js, Lang::JavaScript)));
        assert_eq!(fast, every);
    }

    #[test]
    fn offsets_map_through_masks() {
        let src = "a='hunter2'; b=1";
        let secret = 3..10;
        let r = Redacted::new(src, std::slice::from_ref(&secret));
        assert_eq!(r.text, "a='***'; b=1");
        assert_eq!(r.map(0, false), 0);
        assert_eq!(r.map(3, false), 3);
        assert_eq!(r.map(5, false), 3);
        assert_eq!(r.map(10, true), 6);
        assert_eq!(r.map(src.len(), true), r.text.len());
    }

    #[test]
    fn secret_names() {
        for n in [
            "password",
            "$password",
            "RC_PASSWORD",
            "rcPassword",
            "client_secret",
            "client-secret",
            "rc.password",
            "RC_PASSWORD2",
            "pw",
            "pwd",
            "PASSWD_SB",
            "RC_PASSWORD_2",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in ["username", "extension", "passport", "password_reset_url", "jwt"] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn finds_literals_in_php_and_js() {
        let php = "<?php $platform->login(['username' => 'u', 'password' => 'hunter2']); $pw = 'x1y2z3';";
        let mut p = tree_sitter::Parser::new();
        p.set_language(&Lang::Php.grammar().expect("grammar")).expect("grammar");
        let tree = p.parse(php, None).expect("tree");
        let found: Vec<&str> =
            file_secrets(tree.root_node(), php, Lang::Php).iter().map(|r| &php[r.clone()]).collect();
        assert_eq!(found, ["hunter2", "x1y2z3"]);

        let js =
            "const body = 'grant_type=password&username=u&password=S3cr3t!'; login({ password: \"pw1\" });";
        p.set_language(&Lang::JavaScript.grammar().expect("grammar")).expect("grammar");
        let tree = p.parse(js, None).expect("tree");
        let found: Vec<&str> =
            file_secrets(tree.root_node(), js, Lang::JavaScript).iter().map(|r| &js[r.clone()]).collect();
        assert_eq!(found, ["S3cr3t!", "pw1"]);
    }

    /// Each secret of `src` (parsed as `lang`), as the text of its range.
    fn found(lang: Lang, src: &str) -> Vec<String> {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&lang.grammar().expect("grammar")).expect("grammar");
        let tree = parser.parse(src, None).expect("tree");
        let ranges = normalize(file_secrets(tree.root_node(), src, lang));
        values(src, &ranges).into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn env_values_are_masked_to_the_end_of_the_line_by_shell_quoting() {
        let env = "RC_PASSWORD=Tr0ub4dor&3\nRC_PASSWORD2='S3cr3t$Val x' # old\nexport RC_CLIENT_SECRET=a b;c # note\n\
                   RINGCENTRAL_PASSWORD=\"q\\\"x y\"\nRC_PASSWORD3=cont\\\n  inued\nRC_USERNAME=u\nRC_PASSWORD4=a#b\n";
        assert_eq!(
            found(Lang::Env, env),
            ["Tr0ub4dor&3", "S3cr3t$Val x", "a b;c", "q\\\"x y", "cont\\\n  inued", "a#b"]
        );
        assert_eq!(found(Lang::Bash, "export RC_PASSWORD=$(cat pw) && run\n"), ["$(cat pw) && run"]);
        // A script's rewrite stops at the end of the shell word, `&` inside it included.
        let sh = "A=Tr0ub4dor&3; b\nA='x y'z|c\nA=p\\\nq d\nA=x & y\n";
        let ends: Vec<&str> =
            [2, 19, 30, 39].iter().map(|&start| &sh[start..shell_value_end(sh, start)]).collect();
        assert_eq!(ends, ["Tr0ub4dor&3", "'x y'z", "p\\\nq", "x"]);
    }

    #[test]
    fn concatenations_templates_and_escaped_bodies_are_masked_whole() {
        let php = "<?php $platform->login('u', '101', 'Tr0ub' . '4dor&3'); $b = 'grant_type=password&password=' . 'S3cr3t$Val';";
        assert_eq!(found(Lang::Php, php), ["'Tr0ub' . '4dor&3'", "S3cr3t$Val"]);
        let js = "const a = `grant_type=password&password=${ 'Tr0ub4dor&3' }`;\n\
                  const b = 'grant_type=password\\u0026username=u\\u0026password=S3cr3t$Val\\u0026x=1';\n\
                  const c = `grant_type=password&password=${encodeURIComponent(p)}`;\n\
                  const d = \"-d 'password=pw1' -d 'x=1'\";";
        assert_eq!(found(Lang::JavaScript, js), ["${ 'Tr0ub4dor&3' }", "S3cr3t$Val", "pw1"]);
        let js = "const a = 'grant_type=password&password=' + 'Tr0ub' + '4dor&3' + '&x=1';\n\
                  const b = 'grant_type=password&password=a b&c&username=u';\n\
                  login(u, e, p); // password: Tr0ub4dor&3 (old one) */";
        assert_eq!(found(Lang::JavaScript, js), ["Tr0ub", "4dor&3", "a b&c", "Tr0ub4dor&3 (old one)"]);
        let yaml =
            "services:\n  app:\n    environment:\n      - RC_PASSWORD=Tr0ub4dor&3 S3cr3t$Val\n      - X=1\n";
        assert_eq!(found(Lang::Yaml, yaml), ["Tr0ub4dor&3 S3cr3t$Val"]);
        assert_eq!(found(Lang::Bash, "curl -d password=pw1 -d x=1\n"), ["pw1"]);
        let py = "os.environ['RC_PASSWORD'] = 'pw1'\nsettings.password = 'pw2'\n";
        assert_eq!(found(Lang::Python, py), ["pw1", "pw2"]);
        let php = "<?php $_ENV['RC_PASSWORD'] = 'pw1'; $this->password = 'pw2';";
        assert_eq!(found(Lang::Php, php), ["pw1", "pw2"]);
        let rb = "ENV['RC_PASSWORD'] = 'pw1'\n@password = 'pw2'\n";
        assert_eq!(found(Lang::Ruby, rb), ["pw1", "pw2"]);
        let js = "process.env.RC_PASSWORD = 'pw1'; config['password'] = 'pw2';";
        assert_eq!(found(Lang::JavaScript, js), ["pw1", "pw2"]);
        let js = "const a = '{\"username\": \"u\", \"password\": \"Tr0ub4dor&3\"}';\n\
                  const b = \"{\\\"client_secret\\\":\\\"S3cr3t$Val\\\"}\";";
        assert_eq!(found(Lang::JavaScript, js), ["Tr0ub4dor&3", "S3cr3t$Val"]);
    }

    #[test]
    fn pairs_records_constructors_and_credentials_in_text_are_masked() {
        let js = "new URLSearchParams([['grant_type', 'password'], ['password', 'Tr0ub4dor&3']]);\n\
                  const p = [{ key: 'password', value: 'S3cr3t$Val' }, { key: 'username', value: 'u1' }];\n\
                  const r = new RingCentral({ clientId: 'id', appSecret: 'CL13NTS3CR3T' });\n\
                  const h = { Authorization: 'Basic Q0wxM05UUzNDUjNU' };\n\
                  const t = 'Basic ' + btoa('id:CL13NTS3CR3T');\n\
                  const u = 'https://user:pa55word@example.com/x';\n\
                  const v = 'Basic ' + Buffer.from(`${id}:${secret}`);";
        assert_eq!(
            found(Lang::JavaScript, js),
            [
                "Tr0ub4dor&3",
                "S3cr3t$Val",
                "CL13NTS3CR3T",
                "Q0wxM05UUzNDUjNU",
                "id:CL13NTS3CR3T",
                "user:pa55word"
            ]
        );
        let json = r#"{"urlencoded": [{"key": "grant_type", "value": "password"}, {"key": "password", "value": "Tr0ub4dor&3"}]}"#;
        assert_eq!(found(Lang::Json, json), ["Tr0ub4dor&3"]);
        let php = "<?php $rc = new SDK('id', 'CL13NTS3CR3T', SDK::SERVER_PRODUCTION); $x = new Other('id', 'kept');";
        assert_eq!(found(Lang::Php, php), ["CL13NTS3CR3T"]);
        let js = "// Basic authentication, Bearer tokenization\nh = 'Bearer eyJhbGciOi.x'; g = 'Basic dXNlcjpwdw=='";
        assert_eq!(found(Lang::JavaScript, js), ["eyJhbGciOi.x", "dXNlcjpwdw=="]);
        let py = "sdk = SDK('id', 'CL13NTS3CR3T', 'https://platform.ringcentral.com')\nr = [('password', 'Tr0ub4dor&3')]";
        assert_eq!(found(Lang::Python, py), ["CL13NTS3CR3T", "Tr0ub4dor&3"]);
        assert_eq!(
            found(Lang::Bash, "curl -u \"$ID:$SECRET\" -u 'id:CL13NTS3CR3T' x\n"),
            ["id:CL13NTS3CR3T"]
        );
        let go = "package main\nfunc f() {\n\tv := url.Values{\"grant_type\": {\"password\"}, \"password\": {\"Tr0ub4dor&3\"}}\n\
                  \treq.SetBasicAuth(\"id\", \"CL13NTS3CR3T\")\n}\n";
        assert_eq!(found(Lang::Go, go), ["Tr0ub4dor&3", "CL13NTS3CR3T"]);
        let go = "package main\nfunc f() {\n\tsdk := rcsdk.NewSdk(\"key\", \"CL13NTS3CR3T\", rcsdk.RC_SERVER_SANDBOX)\n\
                  \tc, _ := ru.NewApiClientPasswordSimple(\n\t\t\"https://x\", \"id\", \"S3cr3t$Val\", \"+1650\", \"101\", \"pw\")\n}\n";
        assert_eq!(found(Lang::Go, go), ["CL13NTS3CR3T", "S3cr3t$Val"]);
        let yaml = "registration:\n  rc:\n    client-secret: CL13NTS3CR3T\n";
        assert_eq!(found(Lang::Yaml, yaml), ["CL13NTS3CR3T"]);
        let py = "requests.post(u, auth=('id', 'CL13NTS3CR3T'), data={'password': ['Tr0ub4dor&3']})";
        assert_eq!(found(Lang::Python, py), ["CL13NTS3CR3T", "Tr0ub4dor&3"]);
        let java = "class A { void m() { var f = Map.of(\"grant_type\", \"password\", \"password\", \"Tr0ub4dor&3\"); } }";
        assert_eq!(found(Lang::Java, java), ["Tr0ub4dor&3"]);
        let cs = "class A { void M() { var d = new Dictionary<string, string> { { \"password\", \"Tr0ub4dor&3\" } }; } }";
        assert_eq!(found(Lang::CSharp, cs), ["Tr0ub4dor&3"]);
        let rb = "rc = RingCentral.new('id', 'CL13NTS3CR3T', server)\nrc.authorize(username: 'u', password: \"Tr0ub#{'4dor&3'}\")\n";
        assert_eq!(found(Lang::Ruby, rb), ["CL13NTS3CR3T", "Tr0ub#{'4dor&3'}"]);
    }

    /// The value scanners end on character boundaries within the text, whatever they read
    /// (unterminated quotes and braces, escapes before multi-byte characters, lone `\r`).
    #[test]
    fn value_ends_are_character_boundaries_in_range() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap_or(0)
        };
        let pieces = [
            "a", "é", "\\", "'", "\"", "`", "#", " ", "&", "{", "}", "$", "\n", "\r", "=", "x=", "&k=", "日",
        ];
        for _ in 0..20_000 {
            let text: String = (0..next(16) + 1).map(|_| pieces[next(pieces.len())]).collect();
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let start = starts[next(starts.len())];
            for end in [env_value_end(&text, start), shell_value_end(&text, start)] {
                assert!(
                    end >= start && end <= text.len() && text.is_char_boundary(end),
                    "{text:?} from {start}: {end}"
                );
            }
            let end = param_value_end(&text, start, text.len(), next(2) == 0);
            assert!(
                end >= start && end <= text.len() && text.is_char_boundary(end),
                "{text:?} from {start}: {end}"
            );
            let _ = is_code_only(&text[start..]);
        }
    }

    #[test]
    fn values_are_masked_longest_first_and_short_ones_only_when_quoted() {
        let note = "`login('u', '101', 'Tr0ub' . '4dor&3')` and `new SDK('id', 'pw')` on a `pw` line";
        assert_eq!(
            mask_code_spans(note, &["Tr0ub", "'Tr0ub' . '4dor&3'", "pw"]),
            "`login('u', '101', ***)` and `new SDK('id', '***')` on a `pw` line"
        );
    }

    #[test]
    #[expect(clippy::single_range_in_vec_init, reason = "lists of ranges, one range long")]
    fn slices_mask_the_part_of_a_secret_they_cut() {
        let src = "a=\"x\ny\" b";
        assert_eq!(redact_slice(src, 0..4, &[3..6]), "a=\"***");
        assert_eq!(redact_slice(src, 5..9, &[3..6]), "***\" b");
    }
}

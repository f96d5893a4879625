//! CoffeeScript's checks: text checks (see [`super::text`]), which read the lexer's output
//! (`lexer/coffee.rs`) instead of a tree. CoffeeScript delimits by indentation: the arguments
//! of `platform.login` without parentheses are the rest of its line and the lines indented
//! below it (an implicit object), and a function is the lines indented below its `->`/`=>`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::TextCx;
use super::{Bindings, CheckCx, CheckDef};
use crate::finding::Label;
use crate::lang::Lang;
use crate::lexer::Lexed;

const COFFEE: &[Lang] = &[Lang::CoffeeScript];

/// The tree form of a text-only check: CoffeeScript has no tree, so it never runs (loading
/// rejects these checks for every other language).
fn no_tree(_: &CheckCx<'_, '_>) -> Option<Bindings> {
    None
}

/// CoffeeScript's checks, as every check is registered (names, languages, gates); their text
/// readings are listed in [`super::text`].
pub(super) static CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "coffee-password-login",
        languages: COFFEE,
        needs: &["receiver", "method"],
        provides: &["shape"],
        about: "CoffeeScript `platform.login ...` (implicit call, parentheses or braces; an \
                implicit object on the lines indented below; a variable assigned such an object \
                in the file) whose arguments hold a `password` key and no `jwt`/`code`, on the \
                SDK's platform (`rcsdk.platform()`, a variable assigned from it) or a \
                platform/client name in RingCentral code; binds `shape`",
        run: no_tree,
        file_gate: None,
        text_gate: Some(|text, _| super::receiver::js_may_name_receiver(text)),
    },
    CheckDef {
        name: "coffee-password-grant",
        languages: COFFEE,
        needs: &["match"],
        provides: &["form"],
        about: "CoffeeScript `grant_type=password` in a string, or a `grant_type: 'password'` \
                pair (`@key`, `@value`), not sent to another system's token URL (a token path \
                in its own string, the function's URLs) and not in a test asserting the grant is refused; binds `form` \
                (`string`, `pair`, or `json` inside a string)",
        run: no_tree,
        file_gate: None,
        text_gate: None,
    },
];

/// The start and end (without the newline) of the line holding `pos`.
fn line_at(src: &str, pos: usize) -> Range<usize> {
    let start = src[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
    start..end
}

/// Width of a line's indentation.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// Whether a line holds no code: blank, or only a comment.
fn is_blank(lexed: &Lexed, src: &str, line: &Range<usize>) -> bool {
    let text = &src[line.clone()];
    let first = line.start + indent(text);
    first >= line.end || text.trim().is_empty() || lexed.in_comment(first)
}

/// The end of the lines indented deeper than `base` that follow the line ending at `from`
/// (blank and comment lines between them included): `from` when there are none. With
/// `chains_end`, a line that starts with `.` ends them too: `.then ->` continues the call's
/// result, it is not one of its arguments.
fn deeper_lines_end(src: &str, lexed: &Lexed, from: usize, base: usize, chains_end: bool) -> usize {
    let mut end = from;
    let mut pos = from;
    while pos < src.len() {
        let line = line_at(src, pos + 1);
        pos = line.end;
        if is_blank(lexed, src, &line) {
            continue;
        }
        let text = &src[line.clone()];
        if indent(text) <= base || (chains_end && text.trim_start().starts_with('.')) {
            break;
        }
        end = line.end;
    }
    end
}

/// The offset after the bracket that closes the one at `open`, skipping literals and comments.
fn closing(src: &str, lexed: &Lexed, open: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate().skip(open) {
        if !lexed.is_code(i) {
            continue;
        }
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The arguments of a call whose callee ends at `after`, as CoffeeScript delimits them:
/// parenthesised (`login(...)`), or implicit: the rest of the line and the lines indented
/// below it (brackets opened on the line close where they close). The shape is
/// `parentheses` or `implicit`.
fn arguments(src: &str, lexed: &Lexed, after: usize) -> (Range<usize>, &'static str) {
    let rest = &src[after..];
    if rest.starts_with('(')
        && let Some(end) = closing(src, lexed, after)
    {
        return (after + 1..end - 1, "parentheses");
    }
    let line = line_at(src, after);
    let base = indent(&src[line.clone()]);
    // A bracket opened on the call's line may close lines below.
    let mut end = line.end;
    let mut i = after;
    while i < end {
        if lexed.is_code(i) && matches!(src.as_bytes()[i], b'(' | b'[' | b'{') {
            match closing(src, lexed, i) {
                Some(close) => {
                    i = close;
                    end = end.max(line_at(src, close.saturating_sub(1)).end);
                    continue;
                }
                None => break,
            }
        }
        i += 1;
    }
    (after..deeper_lines_end(src, lexed, end, base, true), "implicit")
}

/// An object key in code: a name or a quoted name followed by `:` (not `::`).
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(r#"(?:@?[A-Za-z_$][A-Za-z0-9_$]*|'(?u:[^'\n])*'|"(?u:[^"\n])*")\s*:(?::)?"#)
});

/// The keys of the object literals in `region`: (name, range of the key, offset after the `:`).
fn keys(src: &str, lexed: &Lexed, region: Range<usize>) -> Vec<(String, Range<usize>, usize)> {
    let mut out = Vec::new();
    for m in KEY.find_iter(&src[region.clone()]) {
        let start = region.start + m.start();
        let text = m.as_str();
        if text.ends_with("::") {
            continue;
        }
        let quoted = text.starts_with(['\'', '"']);
        let in_code = if quoted { lexed.string_starting_at(start).is_some() } else { lexed.is_code(start) };
        // A name glued to what precedes it is a member (`a.b:` is no key).
        let glued = start > 0
            && (matches!(src.as_bytes()[start - 1], b'.' | b'_' | b'$')
                || src.as_bytes()[start - 1].is_ascii_alphanumeric());
        if !in_code || glued {
            continue;
        }
        let name = text.trim_end_matches(':').trim_end().trim_matches(['\'', '"']).trim_start_matches('@');
        out.push((
            name.to_ascii_lowercase(),
            start..start + text.trim_end_matches(':').trim_end().len(),
            region.start + m.end(),
        ));
    }
    // Shorthand members of braced objects: `{username, extension, password}` (the value is
    // the name itself, never empty).
    let bytes = src.as_bytes();
    for open in region.clone().filter(|&i| bytes[i] == b'{' && lexed.is_code(i)) {
        let Some(close) = closing(src, lexed, open).filter(|&c| c <= region.end) else { continue };
        let mut item = open + 1;
        let mut depth = 0usize;
        for i in open + 1..close {
            if !lexed.is_code(i) {
                continue;
            }
            match bytes[i] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' if depth > 0 => depth -= 1,
                b',' | b'\n' | b'}' if depth == 0 => {
                    let raw = &src[item..i];
                    let name = raw.trim().trim_start_matches('@');
                    if !name.is_empty()
                        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
                    {
                        let at = item + raw.find(|c: char| !c.is_whitespace()).unwrap_or(0);
                        out.push((name.to_ascii_lowercase(), at..at + raw.trim().len(), at));
                    }
                    item = i + 1;
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether the value after a key (from `at`) is empty: `''`, `""`, `null`, `undefined`.
fn empty_value(src: &str, at: usize) -> bool {
    let value = src[at..].trim_start_matches([' ', '\t']);
    let word = value.split([',', '\n', '}', ')', '#']).next().unwrap_or_default().trim();
    matches!(word, "''" | "\"\"" | "null" | "undefined" | "")
}

/// The value of the last assignment `name = ...` (or `@name = ...`) before `before`: the rest
/// of its line and the lines indented below it.
fn assigned_value(src: &str, lexed: &Lexed, name: &str, before: usize) -> Option<Range<usize>> {
    let pattern = format!(r"(?m)^[ \t]*{}[ \t]*=[ \t]*", regex::escape(name));
    let re = Regex::new(&pattern).ok()?;
    let m = re.find_iter(&src[..before]).filter(|m| lexed.is_code(m.start() + indent(m.as_str()))).last()?;
    Some(arguments(src, lexed, m.end()).0)
}

/// A receiver obtained from the SDK: `rcsdk.platform()`, `new SDK(...).platform()`, or a name
/// assigned from a `.platform()` call in the file.
fn from_sdk(src: &str, lexed: &Lexed, receiver: &str, before: usize) -> Option<String> {
    if receiver.ends_with("platform()") || receiver.ends_with("getPlatform()") {
        return Some(format!("`{receiver}` is the SDK's platform"));
    }
    let value = assigned_value(src, lexed, receiver, before)?;
    let text = src[value].trim();
    (text.ends_with("platform()") || text.ends_with("getPlatform()"))
        .then(|| format!("`{receiver}` is assigned `{text}`, the SDK's platform"))
}

/// `platform.login ...` of the RingCentral JS SDK from CoffeeScript, with a password.
pub(super) fn password_login(cx: &TextCx<'_>) -> Option<Bindings> {
    let (src, lexed) = (cx.src, cx.lexed);
    let receiver = cx.cap("receiver")?;
    let method = cx.cap("method")?;
    let receiver_text = &src[receiver.clone()];
    let (mut region, mut shape) = arguments(src, lexed, method.end);
    // One name passed: the object it was assigned (`@platform.login authOpts`).
    let arg = src[region.clone()].trim();
    let is_name = !arg.is_empty()
        && arg
            .trim_start_matches('@')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.'));
    if is_name {
        let name = arg.strip_prefix("this.").map_or(arg.to_owned(), |n| format!("@{n}"));
        let value = assigned_value(src, lexed, &name, receiver.start)
            .or_else(|| assigned_value(src, lexed, name.trim_start_matches('@'), receiver.start))?;
        region = value;
        shape = "variable";
    }
    let keys = keys(src, lexed, region);
    let password = keys.iter().find(|(k, _, _)| k == "password")?;
    if keys.iter().any(|(k, _, at)| matches!(k.as_str(), "jwt" | "code") && !empty_value(src, *at)) {
        return None;
    }
    let mut out = Bindings::default();
    let tail = receiver_text.trim_start_matches('@').rsplit('.').next().unwrap_or_default();
    let name = tail.trim_end_matches("()");
    let reason = from_sdk(src, lexed, receiver_text, receiver.start);
    match (reason, super::receiver::name_tier(name), cx.context.rc_reason()) {
        (Some(reason), _, _) => out.notes.push(format!("RingCentral call: {reason}")),
        (None, super::receiver::Tier::PlatformNamed | super::receiver::Tier::ClientNamed, Some(rc)) => {
            out.notes.push(format!("RingCentral call: `{receiver_text}` in RingCentral code ({rc})"));
        }
        _ => return None,
    }
    out.labels
        .push(Label { range: password.1.clone(), message: "the password grant's credential".to_owned() });
    out.var("shape", shape);
    Some(out)
}

/// The lines of the function around `pos`: from the nearest line above, indented less, that
/// ends with `->` or `=>`, to the last line indented deeper than it; the whole text when the
/// match is at the top level.
fn enclosing_function(src: &str, lexed: &Lexed, pos: usize) -> Range<usize> {
    let line = line_at(src, pos);
    let mut want = indent(&src[line.clone()]);
    let mut start = line.start;
    while start > 0 {
        let above = line_at(src, start - 1);
        start = above.start;
        if is_blank(lexed, src, &above) {
            continue;
        }
        let width = indent(&src[above.clone()]);
        if width >= want {
            continue;
        }
        want = width;
        // The code of the line, without a trailing comment.
        let code_end = (above.start..above.end).find(|&i| lexed.in_comment(i)).unwrap_or(above.end);
        let code = src[above.start..code_end].trim_end();
        if code.ends_with("->") || code.ends_with("=>") {
            return above.start..deeper_lines_end(src, lexed, above.end, width, false);
        }
        if width == 0 {
            break;
        }
    }
    0..src.len()
}

/// A token endpoint's path (`/oauth2/token`, `/protocol/openid-connect/token`).
static TOKEN_PATH: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?i)/[A-Za-z0-9_.\-/]*(?:token|openid-connect)\b"));

/// A hand-built password grant in CoffeeScript.
pub(super) fn password_grant(cx: &TextCx<'_>) -> Option<Bindings> {
    let (src, lexed) = (cx.src, cx.lexed);
    let matched = cx.cap("match")?;
    let form = match (cx.cap("key"), cx.cap("value")) {
        (Some(key), Some(value)) => {
            if lexed.is_code(key.start) || lexed.string_starting_at(key.start).is_some() {
                lexed.string_starting_at(value.start)?;
                "pair"
            } else {
                // JSON held in a string: `'{"grant_type": "password", ...}'`.
                lexed.string_at(key.start)?;
                "json"
            }
        }
        _ => {
            lexed.string_at(matched.start)?;
            "string"
        }
    };
    // The string that holds the grant names another system's token path (an interpolated
    // host, `"#{crm}/services/oauth2/token?grant_type=password&..."`): not RingCentral's.
    if let Some(own) = lexed.string_at(matched.start) {
        let text = &src[own.content.clone()];
        if TOKEN_PATH.is_match(text) && !text.to_ascii_lowercase().contains("/restapi/oauth/") {
            return None;
        }
    }
    let function = enclosing_function(src, lexed, matched.start);
    let body = &src[function];
    // The RingCentral sign must belong to the request: a Keycloak token URL and no
    // RingCentral one in the function is another system's login.
    let (ringcentral, foreign) = super::http::token_urls(body, !super::http::names_rc_base_url(src));
    if foreign && !ringcentral {
        return None;
    }
    // A test asserting the grant is refused guards the migration.
    if cx.path.is_some_and(super::http::is_test_path) && super::http::REJECTION.is_match(body) {
        return None;
    }
    let mut out = Bindings::default();
    out.var("form", form);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(src: &str) -> (String, &'static str) {
        let lexed = crate::lexer::coffee::lex(src);
        let at = src.find("login").expect("a login") + "login".len();
        let (r, shape) = arguments(src, &lexed, at);
        (src[r].to_owned(), shape)
    }

    #[test]
    fn arguments_follow_indentation_and_brackets() {
        assert_eq!(args("platform.login username: u, password: p\nx = 1\n").0, " username: u, password: p");
        assert_eq!(
            args("  platform.login\n    username: u\n\n    # c\n    password: p\n  next()\n").0,
            "\n    username: u\n\n    # c\n    password: p"
        );
        assert_eq!(
            args("platform.login({\n  username: u\n}).then ->\n  x\n"),
            ("{\n  username: u\n}".to_owned(), "parentheses")
        );
        assert_eq!(args("platform.login {\n  username: u\n}\ny\n").0, " {\n  username: u\n}");
        // A chained call below is the result's, not an argument.
        assert_eq!(args("platform.login creds\n  .then ->\n    password: 1\n").0, " creds");
    }

    #[test]
    fn keys_are_code() {
        let src = "f a: 1, 'b': 2, \"c\" : 3, d::e, x.y: 4 # k: 5\ns = 'n: 6'\n";
        let lexed = crate::lexer::coffee::lex(src);
        let names: Vec<String> = keys(src, &lexed, 0..src.len()).into_iter().map(|(k, _, _)| k).collect();
        assert_eq!(names, ["a", "b", "c"]);
        let src = "login {username, @password, x: {jwt}}\n";
        let lexed = crate::lexer::coffee::lex(src);
        let found = keys(src, &lexed, 0..src.len());
        let names: Vec<&str> = found.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(names, ["x", "username", "password", "jwt"]);
        assert!(!empty_value(src, found[3].2), "a shorthand's value is its name");
    }

    #[test]
    fn functions_are_indented_blocks() {
        let src = "a = 1\nf = (x) ->\n  # c\n  y = 'grant'\n  z\ng = 2\n";
        let lexed = crate::lexer::coffee::lex(src);
        let f = enclosing_function(src, &lexed, src.find("grant").expect("here"));
        assert_eq!(&src[f], "f = (x) ->\n  # c\n  y = 'grant'\n  z");
        assert_eq!(enclosing_function(src, &lexed, 0), 0..src.len());
    }
}

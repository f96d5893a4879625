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

#[allow(clippy::expect_used)] // reason: constant patterns
static SECRET_KEY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?i)(^|_|[a-z])(password|passwd|passwort|pwd|secret)(_(sb|prod|production|sandbox|dev|devtest|test|staging|qa|uat|live|local|[0-9]+))*$|^pass$|^pw$",
    )
});
#[allow(clippy::expect_used)] // reason: constant patterns
static SECRET_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(r"(?i)(?:^|[&?\s])(?:password|client_secret|pwd)=((?u:[^&'`\x22\s$])+)")
});

/// Methods whose third positional argument is a password (SDK logins).
#[allow(clippy::expect_used)] // reason: constant patterns
static LOGIN_CALL: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?i)^(login|authorize|authorize_password)$"));

/// Words next to every secret `file_secrets` finds: `SECRET_KEY` names end in `pass...`, `pwd`
/// or `secret` or are `pass`/`pw`; `SECRET_PARAM` parameters are `password=`, `client_secret=`,
/// `pwd=`; `LOGIN_CALL` names are `login`, `authorize`, `authorize_password`. Keep it in step
/// with them.
#[allow(clippy::expect_used)] // reason: constant patterns
static SECRET_HINTS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["pw", "pass", "secret", "login", "authorize"])
        .expect("constant patterns")
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
        if inside || matches!(node.kind(), "arguments" | "argument_list") {
            secrets_at(node, src, lang, &mut out);
        }
        if inside && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return out;
            }
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
    out
}

/// The secrets `node` itself shows (not those of its descendants).
fn secrets_at(node: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Range<usize>>) {
    // Strings, arguments and pairs are named nodes; punctuation is about half of a tree.
    if !node.is_named() {
        return;
    }
    if is_string(node, lang) {
        let inner = string_inner_range(node, src);
        // Most strings hold no parameter at all: skip the regex (a cache from its pool per
        // call) for them.
        if memchr::memchr(b'=', &src.as_bytes()[inner.clone()]).is_none() {
            return;
        }
        for caps in SECRET_PARAM.captures_iter(&src[inner.clone()]) {
            if let Some(m) = caps.get(1) {
                out.push(inner.start + m.start()..inner.start + m.end());
            }
        }
        return;
    }
    // C# named arguments: `Authorize(username: u, extension: e, password: "pw")`.
    if node.kind() == "argument"
        && let Some(name) = node.child_by_field_name("name")
        && is_secret_name(crate::syntax::text(name, src))
        && let Some(value) = named_children(node).last()
    {
        push_literal(unwrap_expr(*value), src, lang, out);
        return;
    }
    if matches!(node.kind(), "arguments" | "argument_list") {
        let args = named_children(node);
        let called = node.parent().and_then(|call| crate::syntax::called_name(call, src));
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
                push_literal(unwrap_expr(*pw), src, lang, out);
            }
            (Some(name), [only]) if args.len() == 1 && is_secret_name(name) => {
                push_literal(unwrap_expr(*only), src, lang, out);
            }
            _ => {}
        }
        // define('RC_PASSWORD', 'x'), params.append('password', 'x')
        if let [k, v, ..] = args.as_slice() {
            let (k, v) = (unwrap_expr(*k), unwrap_expr(*v));
            if key_text(k, src, lang).is_some_and(|k| is_secret_name(&k)) {
                push_literal(v, src, lang, out);
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
    if let (Some(k), Some(v)) = (key, value)
        && key_text(k, src, lang).is_some_and(|k| is_secret_name(&k))
    {
        push_literal(unwrap_expr(v), src, lang, out);
    }
}

fn push_literal(value: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Range<usize>>) {
    if is_string(value, lang) && !is_empty_literal(value, src, lang) {
        out.push(string_inner_range(value, src));
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

/// `src[range]` with secrets masked.
#[must_use]
pub fn redact_slice(src: &str, range: Range<usize>, secrets: &[Range<usize>]) -> String {
    let inside: Vec<Range<usize>> = secrets
        .iter()
        .filter(|s| s.start >= range.start && s.end <= range.end)
        .map(|s| s.start - range.start..s.end - range.start)
        .collect();
    Redacted::new(&src[range], &inside).text
}

/// Masks every occurrence of the given secret values in a generated text (fix code built from
/// captures). Values shorter than four characters are left alone: masking `a` everywhere
/// would make the text unreadable and protects nothing.
#[must_use]
pub fn mask_values(text: &str, values: &[&str]) -> String {
    let mut out = text.to_owned();
    for v in values.iter().filter(|v| v.len() >= 4) {
        out = out.replace(v, MASK);
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
}

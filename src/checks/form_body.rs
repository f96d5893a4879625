//! Applicable rewrites of hand-built password-grant requests to the JWT grant
//! (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`).
//!
//! Four shapes are rewritten, in every language with an expression syntax:
//! - **strings and concatenations**: `'grant_type=password&username=' . urlencode($u) . ...`,
//!   template literals, f-strings, shell strings;
//! - **key/value containers**: PHP arrays, JS objects, Python dicts and `dict(...)`, Ruby hashes,
//!   Go composite literals, arrays of pairs;
//! - **statements that fill a form one field at a time**: `params.append('username', u)`,
//!   `v.Set("password", p)`, `data['username'] = u`;
//! - **curl arguments**: `-d grant_type=password -d username=... -d password=...`.
//!
//! The edits touch only what changes: the grant value (the rule's fix target), the credential
//! fields (removed) and one `assertion` field (written where the first credential was). No text
//! of the user's is copied into a replacement, so a literal secret can never travel into one.
//! Data files (JSON, YAML, INI, `.properties`, `.env`) have no expression to read a JWT with:
//! their rewrite stays display-only.

use std::ops::Range;

use tree_sitter::Node;

use super::CheckCx;
use crate::finding::Edit;
use crate::lang::Lang;
use crate::lang::StringSite;
use crate::syntax::{is_concat, is_string, key_text, named_children, string_inner_range, text};

/// The JWT grant type.
pub const JWT_GRANT: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// Form fields that carry the resource owner's credentials.
const CREDENTIAL_KEYS: &[&str] = &["username", "password", "extension"];

/// An applicable rewrite of one request body.
#[derive(Debug)]
pub struct BodyRewrite {
    /// The grant value to replace (`password`, or the whole `'password'` literal of a pair).
    pub grant: Range<usize>,
    /// The other edits: credential fields removed, the `assertion` field written.
    pub edits: Vec<Edit>,
    /// What the edits remove from the source (for the fix title: comments, calls, variables
    /// left unused).
    pub dropped: Vec<Range<usize>>,
}

fn is_credential(key: &str) -> bool {
    CREDENTIAL_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k))
}

fn is_password(key: &str) -> bool {
    key.eq_ignore_ascii_case("password")
}

/// The languages whose bodies are rewritten: code and shell (the others are data formats).
fn rewritable(lang: Lang) -> bool {
    lang.code().is_some()
}

/// The expression that reads the JWT in the file's language, following how the password was
/// read when the password's expression is known.
fn jwt_expr(cx: &CheckCx<'_, '_>, password: Option<Node<'_>>) -> String {
    match super::room(cx.file.lang) {
        Some(room) => (room.jwt_expr)(cx, password),
        None => format!("\"${}\"", cx.file.jwt_var),
    }
}

/// The string-concatenation operator, with its spaces.
fn concat_op(lang: Lang) -> &'static str {
    lang.code().map_or(" + ", |c| c.concat_op)
}

/// Rewrites the request built around a password-grant match, or `None` when its shape is not
/// one this module can rewrite safely (the rule then shows display-only guidance).
pub fn rewrite(cx: &CheckCx<'_, '_>, pair: bool) -> Option<BodyRewrite> {
    if !rewritable(cx.file.lang) {
        return None;
    }
    let matched = cx.cap("match")?;
    if pair {
        let key = cx.cap("key")?;
        let value = crate::syntax::unwrap_expr(cx.cap("value")?);
        let grant = value.byte_range();
        if let Some(container) = container_of(matched, key, cx.file.lang) {
            return rewrite_container(cx, container, matched, grant);
        }
        return rewrite_statements(cx, matched, key, grant);
    }
    let chain = Chain::read(cx, matched)?;
    match chain.rewrite(cx) {
        Some(rw) => Some(rw),
        // `curl -d grant_type=password -d username=...`: the credentials are other arguments.
        None if cx.file.lang == Lang::Bash => {
            let grant = chain.grant_only_value()?;
            rewrite_curl_arguments(cx, matched, grant)
        }
        None => None,
    }
}

// ------------------------------------------------------------------ strings and concatenations

/// A string of the chain.
#[derive(Debug)]
struct Str {
    /// End of the operand before this string in the concatenation, if any.
    prev_end: Option<usize>,
    node_range: Range<usize>,
    inner: Range<usize>,
    kind: &'static str,
}

impl Str {
    fn open<'s>(&self, src: &'s str) -> &'s str {
        &src[self.node_range.start..self.inner.start]
    }
    fn close<'s>(&self, src: &'s str) -> &'s str {
        &src[self.inner.end..self.node_range.end]
    }
}

/// One character of the chain's text as a form parser sees it.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// A literal character at this source offset, in this string.
    Lit { offset: usize, len: usize, string: usize },
    /// An expression: an operand of the concatenation or an interpolation (in `string`).
    Opaque { atom: usize },
}

/// An expression inside the chain.
#[derive(Debug)]
struct Opaque<'t> {
    node: Node<'t>,
    string: Option<usize>,
}

/// A string or a concatenation of strings and expressions, read as one text.
struct Chain<'t> {
    /// The whole string or concatenation.
    root: Node<'t>,
    strings: Vec<Str>,
    opaques: Vec<Opaque<'t>>,
    /// The text, with each expression as `\u{1}`.
    chars: Vec<char>,
    slots: Vec<Slot>,
}

impl<'t> Chain<'t> {
    fn read(cx: &CheckCx<'_, 't>, matched: Node<'t>) -> Option<Chain<'t>> {
        let (src, lang) = (cx.file.src, cx.file.lang);
        let mut root = matched;
        while let Some(parent) = root.parent().filter(|p| is_concat(*p, src, lang)) {
            root = parent;
        }
        // In-order leaves of the concatenation tree.
        let mut leaves = Vec::new();
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if !is_concat(node, src, lang) {
                leaves.push(node);
                continue;
            }
            let mut operands = named_children(node);
            operands.reverse();
            stack.extend(operands);
        }
        let mut chain =
            Chain { root, strings: Vec::new(), opaques: Vec::new(), chars: Vec::new(), slots: Vec::new() };
        let mut prev_end = None;
        for leaf in leaves {
            let before = prev_end.replace(leaf.end_byte());
            if !is_string(leaf, lang) {
                chain.push_opaque(leaf, None);
                continue;
            }
            if matches!(leaf.kind(), "heredoc" | "nowdoc" | "ansi_c_string") {
                return None;
            }
            let inner = string_inner_range(leaf, src);
            let quoted = inner != leaf.byte_range();
            // Unquoted shell words have no delimiters; a quoted string whose quotes were not
            // found is something this module does not understand.
            if !quoted && leaf.kind() != "word" {
                return None;
            }
            let index = chain.strings.len();
            chain.strings.push(Str {
                prev_end: before,
                node_range: leaf.byte_range(),
                inner: inner.clone(),
                kind: leaf.kind(),
            });
            let mut cursor = inner.start;
            let mut walker = leaf.walk();
            for child in leaf.named_children(&mut walker) {
                if child.start_byte() < inner.start
                    || child.end_byte() > inner.end
                    || lang.spec().string_parts.contains(&child.kind())
                {
                    continue;
                }
                chain.push_literal(src, cursor..child.start_byte(), index);
                chain.push_opaque(child, Some(index));
                cursor = child.end_byte();
            }
            chain.push_literal(src, cursor..inner.end, index);
        }
        Some(chain)
    }

    fn push_literal(&mut self, src: &str, range: Range<usize>, string: usize) {
        for (i, c) in src[range.clone()].char_indices() {
            self.chars.push(c);
            self.slots.push(Slot::Lit { offset: range.start + i, len: c.len_utf8(), string });
        }
    }

    fn push_opaque(&mut self, node: Node<'t>, string: Option<usize>) {
        self.chars.push('\u{1}');
        self.slots.push(Slot::Opaque { atom: self.opaques.len() });
        self.opaques.push(Opaque { node, string });
    }

    /// Index of the `grant_type=password` field in the text (ASCII case-insensitive, the
    /// value ending the field).
    fn find_grant(&self) -> Option<usize> {
        const NEEDLE: &str = "grant_type=password";
        let n = NEEDLE.len();
        (0..self.chars.len().saturating_sub(n - 1)).find(|&i| {
            self.chars[i..i + n].iter().zip(NEEDLE.chars()).all(|(a, b)| a.eq_ignore_ascii_case(&b))
                && self.chars.get(i + n).is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '_' | '-')))
                && self.chars[..i].last().is_none_or(|c| !(c.is_alphanumeric() || *c == '_'))
        })
    }

    /// Characters that end a form inside a longer text (a URL's `?`, a quote of a command
    /// line, whitespace).
    fn ends_form(c: char) -> bool {
        c.is_whitespace() || matches!(c, '?' | '\'' | '"' | '`')
    }

    /// The source offset where the character at `i` starts, if literal.
    fn lit_offset(&self, i: usize) -> Option<(usize, usize)> {
        match self.slots.get(i)? {
            Slot::Lit { offset, string, .. } => Some((*offset, *string)),
            Slot::Opaque { .. } => None,
        }
    }

    /// Where the form ends in the source, given the index just past its last character.
    fn end_position(&self, end: usize) -> Option<EndPos> {
        if let Some((offset, string)) = self.lit_offset(end) {
            return Some(EndPos::InString { offset, string });
        }
        if end < self.chars.len() {
            // An expression right after the form: not a shape to rewrite.
            return None;
        }
        Some(match self.slots.get(end.checked_sub(1)?)? {
            Slot::Lit { offset, len, string } => EndPos::InString { offset: offset + len, string: *string },
            Slot::Opaque { atom } => {
                let opaque = &self.opaques[*atom];
                match opaque.string {
                    Some(string) => EndPos::InString { offset: opaque.node.end_byte(), string },
                    None => EndPos::ChainEnd { offset: opaque.node.end_byte() },
                }
            }
        })
    }

    /// The fields of the form holding the grant: (start, end) character indices, `end`
    /// exclusive (the `&` or the end of the form).
    fn fields(&self, grant: usize) -> Vec<Range<usize>> {
        let mut start = grant;
        while start > 0 && !Self::ends_form(self.chars[start - 1]) {
            start -= 1;
        }
        let mut end = grant;
        while end < self.chars.len() && !Self::ends_form(self.chars[end]) {
            end += 1;
        }
        let mut fields = Vec::new();
        let mut field_start = start;
        for i in start..end {
            if self.chars[i] == '&' {
                fields.push(field_start..i);
                field_start = i + 1;
            }
        }
        fields.push(field_start..end);
        fields
    }

    /// The key of a field, when its characters up to `=` are literal.
    fn key(&self, field: &Range<usize>) -> Option<String> {
        let eq = (field.start..field.end).find(|&i| self.chars[i] == '=')?;
        let key: String = self.chars[field.start..eq].iter().collect();
        (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .then_some(key)
    }

    /// The source range of the grant's `password`, when the form has no other field (the
    /// credentials are separate arguments).
    fn grant_only_value(&self) -> Option<Range<usize>> {
        let grant = self.find_grant()?;
        (self.fields(grant).len() == 1).then_some(())?;
        self.grant_value(grant)
    }

    /// The source range of `password` after `grant_type=` at `grant`, when it is contiguous.
    fn grant_value(&self, grant: usize) -> Option<Range<usize>> {
        let first = grant + "grant_type=".len();
        let (start, string) = self.lit_offset(first)?;
        let mut end = start;
        for i in first..first + "password".len() {
            let (offset, s) = self.lit_offset(i)?;
            if offset != end || s != string {
                return None;
            }
            end = offset + 1;
        }
        Some(start..end)
    }

    /// The JWT rewrite of the form: the grant value becomes the JWT grant, the credential
    /// fields go, and `assertion=<JWT>` takes the place of the first of them.
    fn rewrite(&self, cx: &CheckCx<'_, '_>) -> Option<BodyRewrite> {
        let src = cx.file.src;
        let grant = self.find_grant()?;
        let grant_range = self.grant_value(grant)?;
        let fields = self.fields(grant);
        // `\u0026`- or `%26`-separated bodies are not split into fields here.
        let body: String = self.chars[fields[0].start..fields[fields.len() - 1].end].iter().collect();
        if body.contains("\\u0026") || body.to_ascii_lowercase().contains("%26") {
            return None;
        }
        let keys: Vec<Option<String>> = fields.iter().map(|f| self.key(f)).collect();
        let mut is_cred: Vec<bool> = keys.iter().map(|k| k.as_deref().is_some_and(is_credential)).collect();
        // A "field" with no key right after a credential is the rest of its value
        // (`password=Tr0ub4dor&3`): it goes with it, or the fix would keep a piece of the secret.
        for i in 1..fields.len() {
            if keys[i].is_none() && is_cred[i - 1] {
                is_cred[i] = true;
            }
        }
        // The password's expression tells where the file reads secrets from.
        let password =
            fields.iter().zip(&keys).find(|(_, k)| k.as_deref().is_some_and(is_password)).and_then(
                |(field, _)| {
                    let atoms: Vec<usize> = (field.start..field.end)
                        .filter_map(|i| match self.slots[i] {
                            Slot::Opaque { atom } => Some(atom),
                            Slot::Lit { .. } => None,
                        })
                        .collect();
                    match atoms.as_slice() {
                        [one] => Some(interpolated_expr(self.opaques[*one].node)),
                        _ => None,
                    }
                },
            );
        let expr = jwt_expr(cx, password);
        let mut out = BodyRewrite { grant: grant_range.clone(), edits: Vec::new(), dropped: Vec::new() };
        let mut inserted = false;
        let mut i = 0;
        while i < fields.len() {
            if !is_cred[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < fields.len() && is_cred[j + 1] {
                j += 1;
            }
            let last = j + 1 == fields.len();
            // Character range removed: with the `&` before the run, or, for a run that starts
            // the form, with the `&` after it.
            let (from, to) = if i > 0 {
                (fields[i].start - 1, fields[j].end)
            } else if !last {
                (fields[i].start, fields[j + 1].start)
            } else {
                return None;
            };
            let (start, x) = self.lit_offset(from)?;
            let end = self.end_position(to)?;
            let (prefix, suffix) = if i > 0 { ("&assertion=", "") } else { ("assertion=", "&") };
            let (range, replacement) = if inserted {
                self.delete(src, start, x, &end)
            } else {
                inserted = true;
                self.splice(cx, start, x, &end, prefix, suffix, &expr)
            };
            out.dropped.push(range.clone());
            out.edits.push(Edit { range, replacement });
            i = j + 1;
        }
        if !inserted {
            // A shell word with only the grant: the curl arguments carry the credentials.
            if cx.file.lang == Lang::Bash {
                return None;
            }
            // No credential in the form (they are added elsewhere): the assertion goes right
            // after the grant.
            let at = grant + "grant_type=password".len();
            let (offset, x) = (grant_range.end, self.lit_offset(at - 1)?.1);
            let end = self.end_position(at)?;
            if matches!(end, EndPos::InString { offset: o, .. } if o != offset) && at < self.chars.len() {
                return None;
            }
            let (range, replacement) = self.splice(cx, offset, x, &end, "&assertion=", "", &expr);
            out.edits.push(Edit { range, replacement });
        }
        // Positional format placeholders among the removed text (`%s`, `{}`, `{0}`) would no
        // longer line up with the arguments of `%`, `.format`, `sprintf` or `String.Format`.
        let removed: String = out.dropped.iter().map(|r| &src[r.clone()]).collect();
        if FORMAT_PLACEHOLDER.is_match(&removed) {
            return None;
        }
        // A concatenation added where the string was the operand of something that binds
        // tighter (`'...'.encode()`, `'...' % args`) is parenthesised.
        let op = concat_op(cx.file.lang).trim();
        if !op.is_empty()
            && out.edits.iter().any(|e| e.replacement.contains(op))
            && self.root.parent().is_some_and(|p| binds_tighter(p.kind()))
        {
            let r = self.root.byte_range();
            out.edits.push(Edit { range: r.start..r.start, replacement: "(".to_owned() });
            out.edits.push(Edit { range: r.end..r.end, replacement: ")".to_owned() });
        }
        Some(out)
    }

    /// Removes `[start, end)` keeping the strings balanced.
    fn delete(&self, src: &str, start: usize, x: usize, end: &EndPos) -> (Range<usize>, String) {
        match end {
            EndPos::InString { offset, .. } => (start..*offset, String::new()),
            EndPos::ChainEnd { offset } => {
                let xs = &self.strings[x];
                match xs.prev_end {
                    // The whole string goes, with the operator before it.
                    Some(prev) if start == xs.inner.start => (prev..*offset, String::new()),
                    // The run went past the end of the string it started in: close that string.
                    _ => (start..*offset, xs.close(src).to_owned()),
                }
            }
        }
    }

    /// Replaces `[start, end)` by `prefix`, the JWT and `suffix`, keeping the strings balanced:
    /// the JWT is interpolated where the string allows it, concatenated otherwise.
    #[allow(clippy::too_many_arguments)]
    fn splice(
        &self,
        cx: &CheckCx<'_, '_>,
        start: usize,
        x: usize,
        end: &EndPos,
        prefix: &str,
        suffix: &str,
        expr: &str,
    ) -> (Range<usize>, String) {
        let src = cx.file.src;
        let lang = cx.file.lang;
        let op = concat_op(lang);
        let xs = &self.strings[x];
        let next = match end {
            EndPos::InString { offset, .. } => src[*offset..].chars().next(),
            EndPos::ChainEnd { .. } => None,
        };
        let interp = interpolation(lang, xs, src, expr, cx.file.jwt_var, next);
        let outside = |interp: &Option<String>| match interp {
            Some(i) => format!("{prefix}{i}{}", xs.close(src)),
            None => format!("{prefix}{}{op}{}", xs.close(src), outside_expr(lang, expr, cx.file.jwt_var)),
        };
        match end {
            EndPos::ChainEnd { offset } => (start..*offset, outside(&interp)),
            EndPos::InString { offset, string } => {
                let ys = &self.strings[*string];
                if *string == x
                    && let Some(i) = &interp
                {
                    return (start..*offset, format!("{prefix}{i}{suffix}"));
                }
                if suffix.is_empty() && *offset == ys.inner.end {
                    // Nothing of the string follows: end it here, after the JWT.
                    return (start..ys.node_range.end, outside(&interp));
                }
                (
                    start..*offset,
                    format!(
                        "{prefix}{}{op}{}{op}{}{suffix}",
                        xs.close(src),
                        outside_expr(lang, expr, cx.file.jwt_var),
                        ys.open(src)
                    ),
                )
            }
        }
    }
}

/// The expression inside an interpolation (`${x}`, `{$x}`, `#{x}`, `$X`), or the node itself.
fn interpolated_expr(node: Node<'_>) -> Node<'_> {
    match node.kind() {
        "template_substitution" | "interpolation" | "expansion" => {
            named_children(node).into_iter().find(|c| !c.kind().contains("brace")).unwrap_or(node)
        }
        _ => node,
    }
}

/// Positional placeholders of printf-style and `.format`-style templates.
static FORMAT_PLACEHOLDER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::regexes::ascii(r"%[-+ 0#]*[0-9]*(?:\.[0-9]+)?[sdifvqxXr]|%\(|\{[0-9]*(?::(?u:[^}])*)?\}")
});

/// Whether a parent of this kind binds its operand tighter than a concatenation (member
/// access, subscripts, calls on a receiver, other binary and unary operators).
fn binds_tighter(kind: &str) -> bool {
    [
        "member",
        "attribute",
        "field_access",
        "selector",
        "subscript",
        "element_reference",
        "index",
        "binary",
        "unary",
        "method_invocation",
        "call",
        "cast",
        "await",
        "as_expression",
        "non_null",
    ]
    .iter()
    .any(|k| kind.contains(k))
}

/// Where a removed run of fields ends.
#[derive(Debug)]
enum EndPos {
    /// Inside the content of a string (possibly at its end).
    InString { offset: usize, string: usize },
    /// At the end of the concatenation, after an expression.
    ChainEnd { offset: usize },
}

/// The JWT written inside a string, when the string interpolates and the expression can go
/// there as is.
fn interpolation(
    lang: Lang,
    s: &Str,
    src: &str,
    expr: &str,
    jwt_var: &str,
    next: Option<char>,
) -> Option<String> {
    let site = StringSite { kind: s.kind, open: s.open(src), expr, jwt_var, next };
    (lang.code()?.interpolate)(&site)
}

/// The JWT expression outside any string.
fn outside_expr(lang: Lang, expr: &str, jwt_var: &str) -> String {
    let site = StringSite { kind: "", open: "", expr, jwt_var, next: None };
    lang.code().map_or_else(|| expr.to_owned(), |c| (c.outside)(&site))
}

// ------------------------------------------------------------------ key/value containers

/// The container a matched pair is an element of: a pair of an object or dict, a `[key, value]`
/// entry of an array of pairs, a keyword argument of `dict(...)` or a Ruby call's hash
/// arguments.
fn container_of<'t>(matched: Node<'t>, key: Node<'t>, lang: Lang) -> Option<Node<'t>> {
    let parent = matched.parent()?;
    // `params.append('grant_type', 'password')`: key and value are arguments of the match.
    if key.parent().is_some_and(|p| p.kind() == "arguments" || p.kind() == "argument_list")
        && !matches!(matched.kind(), "array" | "list" | "tuple" | "initializer_expression")
        && !(matched.kind() == "object_creation_expression" && parent.kind() == "initializer_expression")
    {
        return None;
    }
    let code = lang.code()?;
    let element_of_call = code.call_fields.contains(&matched.kind());
    (code.containers.contains(&parent.kind())
        || element_of_call && matches!(parent.kind(), "argument_list" | "arguments"))
    .then_some(parent)
}

/// The key and value of a container element.
fn element_kv(element: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    match element.kind() {
        "pair" => Some((element.child_by_field_name("key")?, element.child_by_field_name("value")?)),
        "keyword_argument" => {
            Some((element.child_by_field_name("name")?, element.child_by_field_name("value")?))
        }
        "keyed_element" => {
            let parts = named_children(element);
            let [k, v] = parts.as_slice() else { return None };
            // Go `{"password"}` values of `url.Values`: the one string inside.
            let mut value = crate::syntax::unwrap_expr(*v);
            if value.kind() == "literal_value"
                && let [only] = named_children(value).as_slice()
            {
                value = crate::syntax::unwrap_expr(*only);
            }
            Some((named_children(*k).first().copied().unwrap_or(*k), value))
        }
        "array_element_initializer" | "array" | "list" | "tuple" | "initializer_expression" => {
            let parts = named_children(element);
            let [k, v] = parts.as_slice() else { return None };
            Some((*k, *v))
        }
        "object_creation_expression" => {
            let args = element.child_by_field_name("arguments")?;
            let parts = named_children(args);
            let [k, v] = parts.as_slice() else { return None };
            Some((crate::syntax::unwrap_expr(*k), crate::syntax::unwrap_expr(*v)))
        }
        _ => None,
    }
}

/// The key of an element (shorthand JS properties are their own key).
fn element_key(element: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    if element.kind() == "shorthand_property_identifier" {
        return Some(text(element, src).to_owned());
    }
    let (k, _) = element_kv(element)?;
    key_text(k, src, lang)
}

/// The edits that turn a credential field into the `assertion` field: the credential word of
/// the key becomes `assertion`, the value becomes the JWT.
fn assertion_edits(src: &str, element: Node<'_>, key: Node<'_>, value: Node<'_>, expr: &str) -> Vec<Edit> {
    if element.kind() == "shorthand_property_identifier" {
        return vec![Edit { range: element.byte_range(), replacement: format!("assertion: {expr}") }];
    }
    let key_src = text(key, src);
    let lower = key_src.to_ascii_lowercase();
    let Some((word, at)) = CREDENTIAL_KEYS.iter().find_map(|w| lower.find(w).map(|at| (*w, at))) else {
        return Vec::new();
    };
    let capital = key_src[at..].starts_with(|c: char| c.is_ascii_uppercase());
    let start = key.start_byte() + at;
    vec![
        Edit {
            range: start..start + word.len(),
            replacement: if capital { "Assertion".to_owned() } else { "assertion".to_owned() },
        },
        Edit { range: value.byte_range(), replacement: expr.to_owned() },
    ]
}

/// Start of the line holding `offset`.
fn line_start(src: &str, offset: usize) -> usize {
    src[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// End of the line holding `offset`, after its newline.
fn line_end(src: &str, offset: usize) -> usize {
    src[offset..].find('\n').map_or(src.len(), |i| offset + i + 1)
}

/// Whether the rest of a line after some code holds nothing but a separator, a statement end
/// and a comment.
fn rest_is_trivia(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix([',', ';']).unwrap_or(rest).trim_start_matches([' ', '\t']);
    let rest = rest.trim_end_matches(['\n', '\r']);
    rest.is_empty() || rest.starts_with("//") || rest.starts_with('#') || rest.starts_with("/*")
}

/// The range that removes nodes `a..=b` of a separated list: their whole lines when they stand
/// on lines of their own, otherwise the nodes and one separator.
fn removal_range(src: &str, items: &[Node<'_>], a: usize, b: usize) -> Range<usize> {
    let (first, last) = (items[a], items[b]);
    let ls = line_start(src, first.start_byte());
    let le = line_end(src, last.end_byte());
    if src[ls..first.start_byte()].trim().is_empty() && rest_is_trivia(&src[last.end_byte()..le]) {
        return ls..le;
    }
    if let Some(next) = items.get(b + 1) {
        first.start_byte()..next.start_byte()
    } else if a > 0 {
        items[a - 1].end_byte()..last.end_byte()
    } else {
        first.start_byte()..last.end_byte()
    }
}

/// The rewrite of a container body: the first credential field becomes `assertion`, the other
/// credential fields go.
fn rewrite_container(
    cx: &CheckCx<'_, '_>,
    container: Node<'_>,
    matched: Node<'_>,
    grant: Range<usize>,
) -> Option<BodyRewrite> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let items = named_children(container);
    let keys: Vec<Option<String>> = items.iter().map(|e| element_key(*e, src, lang)).collect();
    let creds: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].id() != matched.id() && keys[i].as_deref().is_some_and(is_credential))
        .collect();
    let first = *creds.first()?;
    let password = (0..items.len())
        .find(|&i| keys[i].as_deref().is_some_and(is_password))
        .and_then(|i| element_kv(items[i]).map(|(_, v)| v));
    let expr = jwt_expr(cx, password);
    let mut out = BodyRewrite { grant, edits: Vec::new(), dropped: Vec::new() };
    let (k, v) = if items[first].kind() == "shorthand_property_identifier" {
        (items[first], items[first])
    } else {
        element_kv(items[first])?
    };
    let edits = assertion_edits(src, items[first], k, v, &expr);
    if edits.is_empty() {
        return None;
    }
    out.dropped.push(v.byte_range());
    out.edits.extend(edits);
    let rest: Vec<usize> = creds[1..].to_vec();
    let mut i = 0;
    while i < rest.len() {
        let mut j = i;
        while j + 1 < rest.len() && rest[j + 1] == rest[j] + 1 {
            j += 1;
        }
        let range = removal_range(src, &items, rest[i], rest[j]);
        out.dropped.push(range.clone());
        out.edits.push(Edit { range, replacement: String::new() });
        i = j + 1;
    }
    Some(out)
}

// ------------------------------------------------------------------ statements

/// The statement holding `node`, directly inside a statement list.
fn statement_of(node: Node<'_>, lang: Lang) -> Option<Node<'_>> {
    let lists = lang.code()?.statement_lists;
    let mut current = node;
    for _ in 0..6 {
        let parent = current.parent()?;
        if lists.contains(&parent.kind()) {
            return Some(current);
        }
        current = parent;
    }
    None
}

/// The value that goes with a key inside a statement: the next argument of a call, or the
/// right side of an assignment to a subscript or member.
fn value_after<'t>(key: Node<'t>, statement: Node<'t>) -> Option<Node<'t>> {
    let mut current = key;
    loop {
        let mut sibling = current.next_named_sibling();
        while let Some(s) = sibling.filter(|s| s.kind().contains("comment")) {
            sibling = s.next_named_sibling();
        }
        if let Some(s) = sibling {
            return Some(crate::syntax::unwrap_expr(s));
        }
        current = current.parent()?;
        if current.id() == statement.id() {
            return None;
        }
    }
}

/// The rewrite of a body filled one statement at a time: sibling statements written like the
/// grant's (`params.append('` then a credential key) are the credential fields.
fn rewrite_statements(
    cx: &CheckCx<'_, '_>,
    matched: Node<'_>,
    key: Node<'_>,
    grant: Range<usize>,
) -> Option<BodyRewrite> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let statement = statement_of(matched, lang)?;
    let prefix = &src[statement.start_byte()..key.start_byte()];
    if prefix.contains('\n') || prefix.trim().is_empty() {
        return None;
    }
    let list = statement.parent()?;
    let statements = named_children(list);
    let mut creds = Vec::new();
    for (index, s) in statements.iter().enumerate() {
        if s.id() == statement.id() || !src[s.start_byte()..].starts_with(prefix) {
            continue;
        }
        let at = s.start_byte() + prefix.len();
        let Some(mut k) = s.descendant_for_byte_range(at, at) else { continue };
        while k.kind() != key.kind()
            && let Some(p) = k.parent().filter(|p| p.start_byte() == at && p.end_byte() <= s.end_byte())
        {
            k = p;
        }
        if k.kind() != key.kind() || k.start_byte() != at {
            continue;
        }
        let Some(name) = key_text(k, src, lang).filter(|n| is_credential(n)) else { continue };
        let Some(value) = value_after(k, *s) else { continue };
        creds.push((index, name, k, value));
    }
    let (first_index, _, first_key, first_value) = creds.first()?;
    let password = creds.iter().find(|c| is_password(&c.1)).map(|c| c.3);
    let expr = jwt_expr(cx, password);
    let mut out = BodyRewrite { grant, edits: Vec::new(), dropped: vec![first_value.byte_range()] };
    let edits = assertion_edits(src, statements[*first_index], *first_key, *first_value, &expr);
    if edits.is_empty() {
        return None;
    }
    out.edits.extend(edits);
    for (index, _, _, value) in &creds[1..] {
        let s = statements[*index];
        let ls = line_start(src, s.start_byte());
        let le = line_end(src, s.end_byte());
        let range = if src[ls..s.start_byte()].trim().is_empty() && rest_is_trivia(&src[s.end_byte()..le]) {
            ls..le
        } else {
            let ws = src[s.end_byte()..].len() - src[s.end_byte()..].trim_start_matches([' ', '\t']).len();
            s.start_byte()..s.end_byte() + ws
        };
        // What is lost is the value and any comment on those lines, not the form-filling call
        // itself (the fix title would say "drops calls to `append()`").
        out.dropped.push(value.byte_range());
        out.dropped.extend(comments_in(s, &range));
        out.edits.push(Edit { range, replacement: String::new() });
    }
    Some(out)
}

/// Ranges of the comments inside `range`, searched from `node` up to the enclosing statement
/// list (a trailing comment is a sibling of the statement, not its child).
fn comments_in(node: Node<'_>, range: &Range<usize>) -> Vec<Range<usize>> {
    let scope = node.parent().unwrap_or(node);
    crate::syntax::descendants(scope)
        .filter(|n| {
            n.kind().contains("comment") && n.start_byte() >= range.start && n.end_byte() <= range.end
        })
        .map(|n| n.byte_range())
        .collect()
}

// ------------------------------------------------------------------ curl arguments

/// curl's options that send a form field.
const CURL_DATA_FLAGS: &[&str] =
    &["-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "-F", "--form"];

/// The rewrite of `curl -d grant_type=password -d username=... -d password=...`.
fn rewrite_curl_arguments(
    cx: &CheckCx<'_, '_>,
    matched: Node<'_>,
    grant: Range<usize>,
) -> Option<BodyRewrite> {
    let src = cx.file.src;
    let command = matched.parent().filter(|p| p.kind() == "command")?;
    let mut cursor = command.walk();
    let args: Vec<Node<'_>> = command.children_by_field_name("argument", &mut cursor).collect();
    let unquoted = |n: Node<'_>| -> String {
        let t = text(n, src);
        t.trim_matches(|c| c == '\'' || c == '"').to_owned()
    };
    let mut creds = Vec::new();
    for k in 1..args.len() {
        if !CURL_DATA_FLAGS.contains(&text(args[k - 1], src)) {
            continue;
        }
        let value = unquoted(args[k]);
        if value.split_once('=').is_some_and(|(key, _)| is_credential(key)) {
            creds.push(k);
        }
    }
    let first = *creds.first()?;
    let mut out = BodyRewrite {
        grant,
        edits: vec![Edit {
            range: args[first].byte_range(),
            replacement: format!("assertion=\"${}\"", cx.file.jwt_var),
        }],
        dropped: vec![args[first].byte_range()],
    };
    for &k in &creds[1..] {
        // From the end of the word before the flag: the flag, the value and the space (or line
        // continuation) before them.
        let before =
            if k >= 2 { args[k - 2].end_byte() } else { command.child_by_field_name("name")?.end_byte() };
        let range = before..args[k].end_byte();
        out.dropped.push(range.clone());
        out.edits.push(Edit { range, replacement: String::new() });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::checks::{Captures, FileCx, LibraryTable};
    use crate::context::FileContext;

    /// The node whose text is exactly `needle` (its first occurrence in `src`).
    fn node_at<'t>(root: Node<'t>, src: &str, needle: &str) -> Node<'t> {
        let start = src.find(needle).unwrap_or_else(|| panic!("`{needle}` is not in the source"));
        let range = start..start + needle.len();
        let node = root.named_descendant_for_byte_range(range.start, range.end).expect("a node spans it");
        assert_eq!(node.byte_range(), range, "no node is exactly `{needle}`: {}", node.to_sexp());
        node
    }

    /// Parses `src` with the real grammar of `lang` and runs `f` on a check context whose
    /// captures are (capture name, the exact text of its node).
    fn with_cx<R>(
        lang: Lang,
        src: &str,
        captures: &[(&'static str, &str)],
        f: impl FnOnce(&CheckCx<'_, '_>) -> R,
    ) -> R {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&lang.grammar().expect("a grammar")).expect("the grammar loads");
        let tree = parser.parse(src, None).expect("parses");
        let root = tree.root_node();
        assert!(!root.has_error(), "the snippet parses without errors: {}", root.to_sexp());
        let context = FileContext::new(src, Path::new("a"), lang, None);
        let file = FileCx::new(src, lang, root, &context, "RC_JWT");
        let captures = Captures {
            nodes: captures.iter().map(|(name, text)| (*name, node_at(root, src, text))).collect(),
        };
        let libraries = LibraryTable::new();
        f(&CheckCx { file: &file, captures: &captures, libraries: &libraries })
    }

    /// How a string or concatenation around `matched` reads: its text with each expression as
    /// `<e>`, and the expressions' source.
    fn read(lang: Lang, src: &str, matched: &str) -> Option<(String, Vec<String>)> {
        with_cx(lang, src, &[("match", matched)], |cx| {
            let chain = Chain::read(cx, cx.cap("match")?)?;
            let text =
                chain.chars.iter().map(|c| if *c == '\u{1}' { "<e>".to_owned() } else { c.to_string() });
            let opaques = chain.opaques.iter().map(|o| cx.text(o.node).to_owned()).collect();
            Some((text.collect(), opaques))
        })
    }

    /// The source after the JWT rewrite of the body around the captures (a pair when `key` is
    /// captured), with the grant value shown as `<jwt-grant>`; `None` when it is not rewritten.
    fn rewritten(lang: Lang, src: &str, captures: &[(&'static str, &str)]) -> Option<String> {
        with_cx(lang, src, captures, |cx| {
            let rw = rewrite(cx, cx.cap("key").is_some())?;
            let mut edits = rw.edits;
            edits.push(Edit { range: rw.grant, replacement: "<jwt-grant>".to_owned() });
            edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
            let mut out = src.to_owned();
            for edit in edits {
                out.replace_range(edit.range, &edit.replacement);
            }
            Some(out)
        })
    }

    /// The text of the chain around `matched` with each expression as `<e>`.
    fn text_of(lang: Lang, src: &str, matched: &str) -> Option<String> {
        read(lang, src, matched).map(|(text, _)| text)
    }

    #[test]
    fn concatenations_and_interpolations_read_as_one_text() {
        let php =
            "<?php\n$b = 'grant_type=password&username=' . urlencode($u) . '&password=' . urlencode($p);\n";
        let (text, opaques) = read(Lang::Php, php, "'grant_type=password&username='").expect("reads");
        assert_eq!(text, "grant_type=password&username=<e>&password=<e>");
        assert_eq!(opaques, ["urlencode($u)", "urlencode($p)"]);
        // Matched in the middle of the concatenation: the whole of it is read.
        assert_eq!(text_of(Lang::Php, php, "'&password='").as_deref(), Some(text.as_str()));

        let js = "const b = `grant_type=password&username=${user}&password=${encodeURIComponent(pw)}`;\n";
        let (text, opaques) = read(Lang::JavaScript, js, &js[10..js.len() - 2]).expect("reads");
        assert_eq!(text, "grant_type=password&username=<e>&password=<e>");
        assert_eq!(opaques, ["${user}", "${encodeURIComponent(pw)}"]);

        let py = "data = 'grant_type=password&username=' + user + '&password=' + os.environ['RC_PASSWORD']\n";
        let (text, opaques) = read(Lang::Python, py, "'grant_type=password&username='").expect("reads");
        assert_eq!(text, "grant_type=password&username=<e>&password=<e>");
        assert_eq!(opaques, ["user", "os.environ['RC_PASSWORD']"]);

        let fstring = "data = f\"grant_type=password&username={user}&password={pw}\"\n";
        let (_, opaques) = read(Lang::Python, fstring, &fstring[7..fstring.len() - 1]).expect("reads");
        assert_eq!(opaques, ["{user}", "{pw}"]);
        // Python's adjacent literals are one concatenation.
        let implicit = "data = ('grant_type=password' '&username=' + user)\n";
        assert_eq!(
            text_of(Lang::Python, implicit, "'grant_type=password'").as_deref(),
            Some("grant_type=password&username=<e>")
        );

        let sh = "curl -d \"grant_type=password&username=$RC_USER&password=$RC_PASSWORD\"\n";
        let (text, opaques) = read(Lang::Bash, sh, &sh[8..sh.len() - 1]).expect("reads");
        assert_eq!(text, "grant_type=password&username=<e>&password=<e>");
        assert_eq!(opaques, ["$RC_USER", "$RC_PASSWORD"]);

        let rb = "body = \"grant_type=password&username=#{user}&password=#{pw}\"\n";
        assert_eq!(
            text_of(Lang::Ruby, rb, &rb[7..rb.len() - 1]).as_deref(),
            Some("grant_type=password&username=<e>&password=<e>")
        );
        // The braces of PHP's `{$p}` are read as literal characters around the slot (the field
        // still goes whole in a rewrite).
        let php_vars = "<?php\n$b = \"grant_type=password&username=$u&password={$p}\";\n";
        assert_eq!(
            text_of(Lang::Php, php_vars, &php_vars[11..php_vars.len() - 2]).as_deref(),
            Some("grant_type=password&username=<e>&password={<e>}")
        );
        // `+` is not PHP's concatenation: the string is read alone.
        let php_plus = "<?php\n$b = 'grant_type=password&username=' + $u;\n";
        assert_eq!(
            text_of(Lang::Php, php_plus, "'grant_type=password&username='").as_deref(),
            Some("grant_type=password&username=")
        );
        // `.format` placeholders are literal text, not expressions.
        let format = "data = 'grant_type=password&username={}'.format(u)\n";
        assert_eq!(
            text_of(Lang::Python, format, "'grant_type=password&username={}'").as_deref(),
            Some("grant_type=password&username={}")
        );
        // Heredocs are not read.
        let heredoc = "<?php\n$b = <<<EOT\ngrant_type=password&username=u\nEOT;\n";
        assert_eq!(text_of(Lang::Php, heredoc, "<<<EOT\ngrant_type=password&username=u\nEOT"), None);
    }

    /// The chain of the JavaScript string literal `'<body>'`.
    fn js_chain_fields(body: &str) -> (Option<usize>, Vec<Option<String>>, Option<String>) {
        let literal = format!("'{body}'");
        let src = format!("const b = {literal};\n");
        with_cx(Lang::JavaScript, &src, &[("match", &literal)], |cx| {
            let chain = Chain::read(cx, cx.cap("match").expect("captured")).expect("reads");
            let grant = chain.find_grant();
            let keys =
                grant.map(|g| chain.fields(g).iter().map(|f| chain.key(f)).collect()).unwrap_or_default();
            let value = grant.and_then(|g| chain.grant_value(g)).map(|r| cx.file.src[r].to_owned());
            (grant, keys, value)
        })
    }

    #[test]
    fn the_grant_is_a_whole_field_and_the_form_ends_at_a_query_or_a_space() {
        assert_eq!(js_chain_fields("grant_type=passwordless").0, None);
        assert_eq!(js_chain_fields("my_grant_type=password").0, None);
        assert_eq!(js_chain_fields("x&grant_type=password").0, Some(2));
        let (grant, keys, value) = js_chain_fields("GRANT_TYPE=Password&username=u");
        assert_eq!((grant, value.as_deref()), (Some(0), Some("Password")));
        assert_eq!(keys, [Some("GRANT_TYPE".to_owned()), Some("username".to_owned())]);

        let (_, keys, _) = js_chain_fields("POST /token?grant_type=password&username=u&password=p&=x&3 tail");
        let keys: Vec<Option<&str>> = keys.iter().map(Option::as_deref).collect();
        assert_eq!(keys, [Some("grant_type"), Some("username"), Some("password"), None, None]);
    }

    #[test]
    fn a_grant_value_split_over_two_strings_is_not_rewritten() {
        let src = "const b = 'grant_type=pass' + 'word&username=' + u;\n";
        assert_eq!(
            text_of(Lang::JavaScript, src, "'grant_type=pass'").as_deref(),
            Some("grant_type=password&username=<e>")
        );
        assert_eq!(rewritten(Lang::JavaScript, src, &[("match", "'grant_type=pass'")]), None);
    }

    #[test]
    fn strings_and_concatenations_are_rewritten_in_place() {
        let cases: &[(Lang, &str, &str, &str)] = &[
            (
                Lang::Php,
                "<?php\n$b = 'grant_type=password&username=' . urlencode($u) . '&password=' . urlencode($p);\n",
                "'grant_type=password&username='",
                "<?php\n$b = 'grant_type=<jwt-grant>&assertion=' . getenv('RC_JWT');\n",
            ),
            (
                Lang::JavaScript,
                "const b = `grant_type=password&username=${user}&password=${encodeURIComponent(pw)}`;\n",
                "`grant_type=password&username=${user}&password=${encodeURIComponent(pw)}`",
                "const b = `grant_type=<jwt-grant>&assertion=${process.env.RC_JWT}`;\n",
            ),
            // The JWT is read the way the password was (`os.environ[...]`).
            (
                Lang::Python,
                "data = 'grant_type=password&username=' + user + '&password=' + os.environ['RC_PASSWORD']\n",
                "'grant_type=password&username='",
                "data = 'grant_type=<jwt-grant>&assertion=' + os.environ['RC_JWT']\n",
            ),
            (
                Lang::Python,
                "data = f\"grant_type=password&username={user}&password={pw}\"\n",
                "f\"grant_type=password&username={user}&password={pw}\"",
                "data = f\"grant_type=<jwt-grant>&assertion={os.environ['RC_JWT']}\"\n",
            ),
            (
                Lang::Bash,
                "curl -d \"grant_type=password&username=$RC_USER&password=$RC_PASSWORD\"\n",
                "\"grant_type=password&username=$RC_USER&password=$RC_PASSWORD\"",
                "curl -d \"grant_type=<jwt-grant>&assertion=$RC_JWT\"\n",
            ),
            // Other fields stay, before and after the credentials.
            (
                Lang::JavaScript,
                "const b = 'grant_type=password&username=' + u + '&password=' + p + '&scope=all';\n",
                "'grant_type=password&username='",
                "const b = 'grant_type=<jwt-grant>&assertion=' + process.env.RC_JWT + '&scope=all';\n",
            ),
            (
                Lang::JavaScript,
                "const b = 'username=' + u + '&password=' + p + '&grant_type=password';\n",
                "'&grant_type=password'",
                "const b = 'assertion=' + process.env.RC_JWT + '&grant_type=<jwt-grant>';\n",
            ),
            // A password with `&` in it goes whole.
            (
                Lang::JavaScript,
                "const b = 'grant_type=password&username=u&password=Tr0ub4dor&3&scope=x';\n",
                "'grant_type=password&username=u&password=Tr0ub4dor&3&scope=x'",
                "const b = 'grant_type=<jwt-grant>&assertion=' + process.env.RC_JWT + '&scope=x';\n",
            ),
            // No credentials in the form: the assertion follows the grant.
            (
                Lang::JavaScript,
                "const b = 'grant_type=password';\n",
                "'grant_type=password'",
                "const b = 'grant_type=<jwt-grant>&assertion=' + process.env.RC_JWT;\n",
            ),
        ];
        for (lang, src, matched, expected) in cases {
            assert_eq!(rewritten(*lang, src, &[("match", matched)]).as_deref(), Some(*expected), "{src}");
        }
    }

    #[test]
    fn pairs_are_rewritten_in_their_container_or_statements() {
        let cases: &[(Lang, &str, [&str; 3], &str)] = &[
            (
                Lang::JavaScript,
                "const b = { grant_type: 'password', username: user, password: pw, scope: 'x' };\n",
                ["grant_type: 'password'", "grant_type", "'password'"],
                "const b = { grant_type: <jwt-grant>, assertion: process.env.RC_JWT, scope: 'x' };\n",
            ),
            (
                Lang::Python,
                "data = {'grant_type': 'password', 'username': user, 'password': pw}\n",
                ["'grant_type': 'password'", "'grant_type'", "'password'"],
                "data = {'grant_type': <jwt-grant>, 'assertion': os.environ['RC_JWT']}\n",
            ),
            (
                Lang::JavaScript,
                "const p = new URLSearchParams();\np.append('grant_type', 'password');\np.append('username', user);\np.append('password', pw);\n",
                ["p.append('grant_type', 'password')", "'grant_type'", "'password'"],
                "const p = new URLSearchParams();\np.append('grant_type', <jwt-grant>);\np.append('assertion', process.env.RC_JWT);\n",
            ),
        ];
        for (lang, src, [matched, key, value], expected) in cases {
            let captures = [("match", *matched), ("key", *key), ("value", *value)];
            assert_eq!(rewritten(*lang, src, &captures).as_deref(), Some(*expected), "{src}");
        }
    }

    #[test]
    fn curl_arguments_carry_the_credentials_of_a_grant_alone() {
        let src = "curl -d grant_type=password -d username=$U -d password=$P \"$URL\"\n";
        assert_eq!(
            rewritten(Lang::Bash, src, &[("match", "grant_type=password")]).as_deref(),
            Some("curl -d grant_type=<jwt-grant> -d assertion=\"$RC_JWT\" \"$URL\"\n")
        );
    }

    #[test]
    fn bodies_it_cannot_rewrite_safely_are_left_to_guidance() {
        // Positional placeholders would no longer line up with their arguments.
        let php = "<?php\n$b = 'grant_type=password&username=%s&password=%s';\n";
        assert_eq!(
            rewritten(Lang::Php, php, &[("match", "'grant_type=password&username=%s&password=%s'")]),
            None
        );
        let py = "data = 'grant_type=password&username={}&password={}'.format(u, p)\n";
        assert_eq!(
            rewritten(Lang::Python, py, &[("match", "'grant_type=password&username={}&password={}'")]),
            None
        );
        // Bodies separated by `%26` or `\u0026` are not split into fields.
        let js = "const b = 'grant_type=password%26username=' + u;\n";
        assert_eq!(rewritten(Lang::JavaScript, js, &[("match", "'grant_type=password%26username='")]), None);
        // A data file has no expression to read the JWT with.
        let json = "{\"body\": \"grant_type=password&username=u&password=p\"}\n";
        assert_eq!(
            rewritten(Lang::Json, json, &[("match", "\"grant_type=password&username=u&password=p\"")]),
            None
        );
    }
}

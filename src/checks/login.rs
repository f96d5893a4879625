//! What the SDK login checks of every language share: credentials read from an options
//! array or object, values followed to their literal, and how a JWT key is named after the
//! password's.

use tree_sitter::Node;

use super::receiver::Evidence;
use super::{Bindings, CheckCx};
use crate::finding::Label;
use crate::lang::Lang;
use crate::syntax::{
    descendants, enclosing_function, is_empty_literal, is_string, named_children, string_inner_range, text,
    unwrap_expr,
};

pub(super) const CREDENTIAL_KEYS: &[&str] = &["username", "password"];

/// Property names that say an options object is a user's credentials (`login(config.user)`,
/// `rc.auth(settings.credentials)`), when the object itself is defined elsewhere (a config
/// module, a JSON file read at run time): such an object has no `jwt` or `code`, so the SDK
/// takes the password branch.
pub(super) const CREDENTIAL_OBJECT_NAMES: &[&str] = &[
    "user",
    "credentials",
    "creds",
    "credential",
    "account",
    "rcuser",
    "usercredentials",
    "passwordcredentials",
];

/// Key/value entries of an array or object literal.
pub(super) struct Creds<'t> {
    pub(super) entries: Vec<(String, Node<'t>)>,
    /// A spread or computed key we could not read.
    pub(super) unknown: bool,
    /// Where the literal was defined, when it was reached through a variable.
    pub(super) origin: Option<Node<'t>>,
    /// Known only by its name: `login(config.user)` where `config` is read from a file or
    /// module this file does not hold.
    pub(super) by_name: bool,
}

impl<'t> Creds<'t> {
    pub(super) fn value(&self, key: &str) -> Option<Node<'t>> {
        self.entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    pub(super) fn has_any(&self, keys: &[&str]) -> bool {
        self.entries.iter().any(|(k, _)| keys.contains(&k.as_str()))
    }

    pub(super) fn has_non_empty(&self, keys: &[&str], src: &str, lang: Lang) -> bool {
        keys.iter().any(|k| self.value(k).is_some_and(|v| !is_empty_literal(v, src, lang)))
    }

    /// The value of the last entry whose key is one of `keys` in any of its idiomatic
    /// spellings (`key_norm`): `Username`, `user_name` and `userName` are `username`.
    pub(super) fn value_norm(&self, keys: &[&str]) -> Option<Node<'t>> {
        self.entries.iter().rev().find(|(k, _)| keys.contains(&key_norm(k).as_str())).map(|(_, v)| *v)
    }

    /// Whether an entry's key is one of `keys` in any of its spellings (`key_norm`).
    pub(super) fn has_any_norm(&self, keys: &[&str]) -> bool {
        self.entries.iter().any(|(k, _)| keys.contains(&key_norm(k).as_str()))
    }

    /// Whether an entry whose key is one of `keys` in any of its spellings holds a value that
    /// is not an empty literal.
    pub(super) fn given_norm(&self, keys: &[&str], src: &str, lang: Lang) -> bool {
        self.entries.iter().any(|(k, v)| {
            keys.contains(&key_norm(k).as_str()) && !is_empty_literal(unwrap_expr(*v), src, lang)
        })
    }
}

/// How a wrapper's call is shown (`bind_wrapper`'s `args`): its credential keys as the map spells
/// them, each written by `entry` (`"username": ..`, `Username = ..`), joined by `, ` and put
/// between `open` and `close`; without and with the extension.
pub(super) fn wrapper_args(
    creds: &Creds<'_>,
    entry: impl Fn(&str) -> String,
    open: &str,
    close: &str,
) -> [String; 2] {
    let spelled = |norm: &str| {
        let alias = if norm == "extension" { "ext" } else { norm };
        creds
            .entries
            .iter()
            .find(|(k, _)| matches!(key_norm(k).as_str(), n if n == norm || n == alias))
            .map_or_else(|| norm.to_owned(), |(k, _)| k.clone())
    };
    let (user, ext, pw) =
        (entry(&spelled("username")), entry(&spelled("extension")), entry(&spelled("password")));
    [format!("{open}{user}, {pw}{close}"), format!("{open}{user}, {ext}, {pw}{close}")]
}

/// A map key or field name as the wrapper rules compare it: lower case, without `_` and `-`,
/// so that a Go or C# field (`Username`), a Python key (`user_name`) and a JS or Java key
/// (`userName`) are one name.
pub(super) fn key_norm(key: &str) -> String {
    key.chars().filter(|c| !matches!(c, '_' | '-')).map(|c| c.to_ascii_lowercase()).collect()
}

/// Keys of a credentials map that select a flow other than the password grant when non-empty,
/// as `key_norm` spells them (`auth_code`, `authCode`, `refresh_token`, `jwtToken`, `JWT`).
const WRAPPER_NON_PASSWORD_KEYS: &[&str] =
    &["jwt", "code", "authcode", "refreshtoken", "accesstoken", "jwttoken", "assertion"];

/// Signs, in the function around a wrapper's call, that the function is RingCentral code.
static RC_SCOPE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::regexes::ascii(r"(?i)ring_?central|rcsdk|\bglip\b|/restapi/|\bplatform\b|getPlatform")
});

/// Whether a receiver's name says RingCentral: `ringcentral`, `rcClient`, `rc_api`, `glipBot`.
fn rc_named(name: &str) -> bool {
    let lower = name.trim_start_matches(['$', '@']).to_ascii_lowercase();
    let camel_rc = name.trim_start_matches(['$', '@']).strip_prefix("rc").is_some_and(|rest| {
        rest.is_empty()
            || rest.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    });
    lower.contains("ringcentral") || lower.contains("glip") || camel_rc || lower.starts_with("rc_")
}

/// An app's own client around the SDK (a Glip or Slack bot's client, a team tool's
/// `RingCentralClient`) whose `authorize`/`login`/`auth`/`authenticate` receives a map with a
/// username and a password and no `jwt`/`code`/`refresh_token`: the wrapper forwards them to
/// the SDK's password login. Taken only in a file that is RingCentral code, when the
/// RingCentral sign belongs to the call: the map holds the RingCentral `extension`, the
/// receiver is named like a RingCentral client, or the function around the call names
/// RingCentral; never when that function (or the file, at the top level) names another
/// system's token URL and no RingCentral one, nor when that function expects the grant to be
/// refused (a test's `invalid_grant`). Pushes the note that says why.
pub(super) fn accept_wrapper(
    cx: &CheckCx<'_, '_>,
    call: Node<'_>,
    receiver: Node<'_>,
    creds: &Creds<'_>,
    out: &mut Bindings,
) -> bool {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let Some(reason) = wrapper_file_reason(cx) else { return false };
    if creds.by_name
        || creds.unknown
        || !creds.given_norm(&["username"], src, lang)
        || !creds.given_norm(&["password"], src, lang)
        || creds.given_norm(WRAPPER_NON_PASSWORD_KEYS, src, lang)
        // a grant named in the map (the Video SDK's `grantType`) is another rule's shape
        || creds.has_any_norm(&["granttype", "grant"])
        || super::http::sent_elsewhere(cx, call)
        || expects_rejection(call, cx)
    {
        return false;
    }
    let name =
        crate::syntax::last_name(receiver, src, lang).unwrap_or_else(|| text(receiver, src).to_owned());
    let sign = if creds.has_any_norm(&["extension", "ext"]) {
        "the map holds the RingCentral `extension`".to_owned()
    } else if rc_named(&name) {
        format!("`{name}` is named like a RingCentral client")
    } else if let Some(m) = enclosing_function(call, lang).and_then(|f| RC_SCOPE.find(text(f, src))) {
        format!("the function around it mentions `{}`", m.as_str())
    } else {
        return false;
    };
    out.notes.push(format!(
        "RingCentral code ({reason}): `{}` is the app's own client, which receives the RingCentral username and password ({sign}) and passes them to the SDK's password login",
        text(receiver, src)
    ));
    true
}

/// Why the file is RingCentral code, for a wrapper: the file's own evidence, or in Kotlin and
/// Swift the SDK's import (`import com.ringcentral...`, `import RingCentral`), which the file
/// context does not read as RingCentral code by itself.
fn wrapper_file_reason<'c>(cx: &'c CheckCx<'_, '_>) -> Option<&'c str> {
    if let Some(reason) = cx.file.context.rc_file.as_deref() {
        return Some(reason);
    }
    match cx.file.lang {
        Lang::Kotlin if super::kotlin::RC_IMPORT.is_match(cx.file.src) => {
            Some("the file imports the RingCentral Java SDK")
        }
        Lang::Swift if super::swift::RC_IMPORT.is_match(cx.file.src) => {
            Some("the file imports ringcentral-swift")
        }
        _ => None,
    }
}

/// Whether a function around `call` (a test, or the closure a test passes to its assertion)
/// expects the grant to be refused (`invalid_grant`).
fn expects_rejection(call: Node<'_>, cx: &CheckCx<'_, '_>) -> bool {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let mut f = enclosing_function(call, lang);
    while let Some(func) = f {
        if super::http::REJECTION.is_match(text(func, src)) {
            return true;
        }
        f = enclosing_function(func, lang);
    }
    false
}

/// What a wrapper finding says (`accept_wrapper`): the call with the keys its map holds
/// (`args`: spelled without and with the extension), the wrapper's family, whose fix is
/// display-only guidance, and the masked literal password. Returns the password's node.
pub(super) fn bind_wrapper<'t>(
    cx: &CheckCx<'_, '_>,
    (receiver, method): (Node<'_>, &str),
    creds: &Creds<'t>,
    args: [&str; 2],
    (family, sdk_name): (&str, &str),
    out: &mut Bindings,
) -> Option<Node<'t>> {
    let password = creds.value_norm(&["password"]);
    secret_if_literal(cx, password, out);
    let args = if creds.has_any_norm(&["extension", "ext"]) { args[1] } else { args[0] };
    out.var(
        "shape",
        format!(
            "`{}.{method}({args})`: the app's own RingCentral client, which logs in with the password grant",
            text(receiver, cx.file.src)
        ),
    );
    out.var("sdk_family", family);
    out.var("sdk_name", sdk_name);
    password
}

/// Points provenance at a wrapper's credential values (the username, extension and password
/// of its map), wherever the map is spelled: a map filled by `put` or an initializer's type
/// name says nothing about where they come from. The wrapper's fixes are display-only, so no
/// rewrite reads these ranges.
pub(super) fn trace_credentials(creds: &Creds<'_>, out: &mut Bindings) {
    let fields: Vec<std::ops::Range<usize>> = creds
        .entries
        .iter()
        .filter(|(k, _)| matches!(key_norm(k).as_str(), "username" | "extension" | "ext" | "password"))
        .map(|(_, v)| v.byte_range())
        .collect();
    if !fields.is_empty() {
        out.jwt_dropped = Some(fields);
    }
}

/// Labelled arguments read as a wrapper's credentials (Kotlin `bot.login(username = u,
/// password = p)`, Swift `bot.login(username: u, password: p)`), described with `entry`.
/// `None` when an argument has no label, or when the receiver is a call: labels on a request's
/// method (Alamofire's `AF.request(url).authenticate(username:password:)`, HTTP Basic
/// credentials) are not a client's login, only a client held in a name or a property takes them.
pub(super) fn labelled_credentials<'t>(
    receiver: Node<'_>,
    args: &[(Option<String>, Node<'t>)],
    entry: impl Fn(&str) -> String,
) -> Option<(Creds<'t>, [String; 2])> {
    if args.iter().any(|(label, _)| label.is_none()) || unwrap_expr(receiver).kind() == "call_expression" {
        return None;
    }
    let entries = args.iter().filter_map(|(l, v)| Some((l.clone()?, unwrap_expr(*v)))).collect();
    let creds = Creds { entries, unknown: false, origin: None, by_name: false };
    let shown = wrapper_args(&creds, entry, "", "");
    Some((creds, shown))
}

/// A wrapper login's finding in the languages whose maps are typed (Go, C#, Java, Kotlin,
/// Swift): taken by `accept_wrapper`, the credentials' origin labelled and traced, the call
/// described by `bind_wrapper`, and the JWT expression the language's rewrite reads.
#[allow(clippy::too_many_arguments)] // reason: one call's facts, passed down once
pub(super) fn typed_wrapper(
    cx: &CheckCx<'_, '_>,
    call: Node<'_>,
    (receiver, method): (Node<'_>, &str),
    creds: &Creds<'_>,
    args: [&str; 2],
    family: (&str, &str),
    jwt_expr: fn(&CheckCx<'_, '_>, Option<Node<'_>>) -> String,
) -> Option<Bindings> {
    let mut out = Bindings::default();
    if !accept_wrapper(cx, call, receiver, creds, &mut out) {
        return None;
    }
    origin_label(creds, &mut out, "credentials");
    trace_credentials(creds, &mut out);
    let password = bind_wrapper(cx, (receiver, method), creds, args, family, &mut out);
    out.var("jwt_expr", jwt_expr(cx, password));
    Some(out)
}

/// Arguments of a call, skipping comments.
pub(super) fn arguments(args: Node<'_>) -> Vec<Node<'_>> {
    named_children(args)
}

/// Whether `name` is a parameter of a function enclosing `node`: such a value comes from the
/// caller, and no literal in the file says what it holds.
pub(super) fn is_parameter(node: Node<'_>, name: &str, src: &str, lang: Lang) -> bool {
    let mut f = enclosing_function(node, lang);
    while let Some(func) = f {
        if let Some(params) =
            func.child_by_field_name("parameters").or_else(|| func.child_by_field_name("parameter"))
            && descendants(params).any(|p| {
                matches!(p.kind(), "identifier" | "variable_name" | "shorthand_property_identifier_pattern")
                    && text(p, src) == name
            })
        {
            return true;
        }
        f = enclosing_function(func, lang);
    }
    false
}

/// The literal of kind `kind` last assigned to the identifier `ident` before it is used
/// (`const creds = {...}` / `$creds = [...]`) in its function or an enclosing scope.
pub(super) fn resolve_literal<'t>(cx: &CheckCx<'_, 't>, ident: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let src = cx.file.src;
    let name = text(ident, src);
    if is_parameter(ident, name, src, cx.file.lang) {
        return None;
    }
    // Scopes whose assignments are visible here: the ident's function and those around it.
    let mut scopes = vec![None];
    let mut f = enclosing_function(ident, cx.file.lang);
    while let Some(func) = f {
        scopes.push(Some(func.id()));
        f = enclosing_function(func, cx.file.lang);
    }
    let mut best: Option<Node<'t>> = None;
    let lang = cx.file.lang;
    for a in cx.file.assignments() {
        let (node, mut lhs, mut rhs) = (a.node, a.lhs, a.rhs);
        let declaration = match node.kind() {
            "variable_declarator" | "assignment_expression" | "assignment" => true,
            // `creds := Credentials{...}`, `var creds = map[string]string{...}`: one name, one value.
            "short_var_declaration" | "var_spec" => lang == Lang::Go,
            // `val creds = mapOf(...)` (the name in a `variable_declaration`), `let creds = [...]`.
            "property_declaration" => matches!(lang, Lang::Kotlin | Lang::Swift),
            _ => false,
        };
        if !declaration {
            continue;
        }
        if lang == Lang::Go {
            match (single(lhs, "expression_list"), single(rhs, "expression_list")) {
                (Some(l), Some(r)) => (lhs, rhs) = (l, r),
                _ => continue,
            }
        }
        // Kotlin: `private val creds: Map<String, String> = ...` names it in a
        // `variable_declaration`, after any modifiers.
        if lang == Lang::Kotlin
            && node.kind() == "property_declaration"
            && let Some(decl) = named_children(node).into_iter().find(|c| c.kind() == "variable_declaration")
        {
            lhs = named_children(decl).first().copied().unwrap_or(decl);
        }
        let rhs = unwrap_expr(rhs);
        if text(lhs, src) != name
            || !kinds.contains(&rhs.kind())
            || !scopes.contains(&enclosing_function(node, cx.file.lang).map(|f| f.id()))
        {
            continue;
        }
        let before = node.start_byte() < ident.start_byte();
        match best {
            // Prefer the last assignment before the use; else the first one after it.
            Some(b) if b.start_byte() < ident.start_byte() && !before => {}
            Some(b) if before && b.start_byte() > node.start_byte() => {}
            _ => best = Some(rhs),
        }
        if !before && best.is_some() {
            break;
        }
    }
    best
}

/// The entries a map created empty (`new HashMap<>()`, `new Dictionary<string, string>()`) gets
/// from the statements between its creation and `call`, in the function that holds both:
/// `put` reads one use of the map's name (`creds.put("username", u)`, `creds["password"] = p`)
/// as an entry, and any other use (`creds.putAll(defaults)`, `fill(creds)`) makes the map
/// `unknown`. `None` when the creation is not in the call's function, or comes after it.
pub(super) fn filled_map<'t>(
    cx: &CheckCx<'_, 't>,
    created: Node<'t>,
    name: &str,
    call: Node<'_>,
    put: impl Fn(Node<'t>) -> Option<(String, Node<'t>)>,
) -> Option<Creds<'t>> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    let function = enclosing_function(created, lang)?;
    if enclosing_function(call, lang).is_none_or(|f| f.id() != function.id())
        || created.end_byte() > call.start_byte()
    {
        return None;
    }
    let mut creds = Creds { entries: Vec::new(), unknown: false, origin: Some(created), by_name: false };
    let between = created.end_byte()..call.start_byte();
    for node in descendants(function) {
        if node.kind() != "identifier" || !between.contains(&node.start_byte()) || text(node, src) != name {
            continue;
        }
        match put(node) {
            Some(entry) => creds.entries.push(entry),
            None => creds.unknown = true,
        }
    }
    Some(creds)
}

/// The one element of a Go `expression_list` (the node itself when it is not a list); `None`
/// for a list of several (`a, b := x, y`).
fn single<'t>(node: Node<'t>, list: &str) -> Option<Node<'t>> {
    if node.kind() != list {
        return Some(node);
    }
    match named_children(node).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Quote character a string node uses (`'` when unknown).
pub(super) fn quote_of(node: Option<Node<'_>>, src: &str) -> char {
    node.and_then(|n| text(n, src).chars().find(|c| matches!(c, '\'' | '"'))).unwrap_or('\'')
}

/// The key a JWT should be read under, given the key that held the password: env-style names
/// (`RC_PASSWORD`, `password` in an env lookup) become the JWT variable, others `jwt`.
pub(super) fn jwt_key(old: &str, env_like: bool, jwt_var: &str) -> String {
    let upper = old.chars().any(|c| c.is_ascii_uppercase()) && !old.chars().any(|c| c.is_ascii_lowercase());
    if env_like || upper { jwt_var.to_owned() } else { "jwt".to_owned() }
}

/// Redacts a literal password argument.
pub(super) fn secret_if_literal(cx: &CheckCx<'_, '_>, node: Option<Node<'_>>, out: &mut Bindings) {
    if let Some(n) = node.map(unwrap_expr)
        && is_string(n, cx.file.lang)
        && !is_empty_literal(n, cx.file.src, cx.file.lang)
    {
        out.secrets.push(string_inner_range(n, cx.file.src));
    }
}

pub(super) fn origin_label(creds: &Creds<'_>, out: &mut Bindings, what: &str) {
    if let Some(origin) = creds.origin.filter(|_| !creds.by_name) {
        out.labels.push(Label { range: origin.byte_range(), message: format!("{what} defined here") });
    }
}

/// How an options literal selects the password branch, if it does.
pub(super) fn judge_options(
    creds: &Creds<'_>,
    cx: &CheckCx<'_, '_>,
    non_password: &[&str],
) -> Option<(Evidence, &'static str)> {
    let (src, lang) = (cx.file.src, cx.file.lang);
    if creds.has_non_empty(non_password, src, lang) {
        return None;
    }
    if creds.has_any(CREDENTIAL_KEYS) {
        return Some((Evidence::Strong, "credentials"));
    }
    if creds.unknown {
        return None;
    }
    if creds.has_any(&["jwt"]) {
        return Some((Evidence::Weak, "empty-jwt"));
    }
    Some((Evidence::Weak, "no-jwt-or-code"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Captures, FileCx, LibraryTable};
    use crate::context::FileContext;

    /// Parses `src` as `lang` and runs `then` with a check context over it.
    fn with_cx<T>(src: &str, lang: Lang, then: impl for<'t> FnOnce(&CheckCx<'_, 't>, Node<'t>) -> T) -> T {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&lang.grammar().expect("grammar")).expect("grammar loads");
        let tree = parser.parse(src, None).expect("parses");
        let context = FileContext::new(src, std::path::Path::new("a"), lang, None);
        let file = FileCx::new(src, lang, tree.root_node(), &context, "RC_JWT");
        let captures = Captures { nodes: Vec::new() };
        let libraries = LibraryTable::new();
        let cx = CheckCx { file: &file, captures: &captures, libraries: &libraries };
        then(&cx, tree.root_node())
    }

    /// The node of `kind` whose text is `wanted`, the `nth` one in source order.
    fn node<'t>(root: Node<'t>, src: &str, kind: &str, wanted: &str, nth: usize) -> Node<'t> {
        descendants(root)
            .filter(|n| n.kind() == kind && text(*n, src) == wanted)
            .nth(nth)
            .unwrap_or_else(|| panic!("no {nth}th `{wanted}` ({kind})"))
    }

    #[test]
    fn jwt_keys_follow_the_password_key() {
        // Environment-style keys (all capitals, or read from the environment) become the JWT
        // variable; an options key becomes `jwt`.
        assert_eq!(jwt_key("RC_PASSWORD", false, "RC_JWT"), "RC_JWT");
        assert_eq!(jwt_key("password", true, "MY_JWT"), "MY_JWT");
        assert_eq!(jwt_key("password", false, "RC_JWT"), "jwt");
        assert_eq!(jwt_key("rcPassword", false, "RC_JWT"), "jwt");
        assert_eq!(jwt_key("PASSWORD_2", false, "RC_JWT"), "RC_JWT");
    }

    #[test]
    fn wrapper_keys_compare_in_every_idiomatic_spelling() {
        // Go and C# fields, Python and Ruby keys, JS and Java keys: one name.
        for key in ["username", "Username", "UserName", "user_name", "userName", "USERNAME", "user-name"] {
            assert_eq!(key_norm(key), "username", "{key}");
        }
        assert_eq!(key_norm("refresh_token"), key_norm("RefreshToken"));
        assert_eq!(key_norm("JWT"), "jwt");
        assert_ne!(key_norm("user"), "username");
        let src = r#"x({ Username: "u", Extension: "", password: "p", JWT: "" });"#;
        with_cx(src, Lang::JavaScript, |_, root| {
            let entries = descendants(root)
                .filter(|n| n.kind() == "pair")
                .map(|p| {
                    let key = text(p.child_by_field_name("key").expect("key"), src).to_owned();
                    (key, p.child_by_field_name("value").expect("value"))
                })
                .collect();
            let creds = Creds { entries, unknown: false, origin: None, by_name: false };
            assert!(creds.given_norm(&["username"], src, Lang::JavaScript));
            // An empty value is not given, though its key is there.
            assert!(!creds.given_norm(&["extension"], src, Lang::JavaScript));
            assert!(creds.has_any_norm(&["extension"]));
            assert!(!creds.given_norm(&["jwt"], src, Lang::JavaScript));
            assert_eq!(creds.value_norm(&["password"]).map(|v| text(v, src)), Some("\"p\""));
            // The finding shows the keys as the map spells them.
            let [plain, with_ext] = wrapper_args(&creds, |k| format!("{k}: .."), "{ ", " }");
            assert_eq!(plain, "{ Username: .., password: .. }");
            assert_eq!(with_ext, "{ Username: .., Extension: .., password: .. }");
        });
    }

    #[test]
    fn quotes_are_those_of_the_string() {
        let src = r#"login("u", 'p', x);"#;
        with_cx(src, Lang::JavaScript, |_, root| {
            let double = node(root, src, "string", "\"u\"", 0);
            let single = node(root, src, "string", "'p'", 0);
            let bare = node(root, src, "identifier", "x", 0);
            assert_eq!(quote_of(Some(double), src), '"');
            assert_eq!(quote_of(Some(single), src), '\'');
            // Unknown (no string, or no node): the single quote.
            assert_eq!(quote_of(Some(bare), src), '\'');
            assert_eq!(quote_of(None, src), '\'');
        });
    }

    #[test]
    fn parameters_of_enclosing_functions_are_the_callers() {
        let src = "function outer(pw) { const local = 1; function inner(user) { login(user, pw, local); } }";
        with_cx(src, Lang::JavaScript, |_, root| {
            let call = descendants(root).find(|n| n.kind() == "call_expression").expect("call");
            assert!(is_parameter(call, "user", src, Lang::JavaScript));
            // A parameter of a function further out still comes from a caller.
            assert!(is_parameter(call, "pw", src, Lang::JavaScript));
            assert!(!is_parameter(call, "local", src, Lang::JavaScript));
        });
        let php = "<?php function f($password) { $rc->login('u', '', $password); }";
        with_cx(php, Lang::Php, |_, root| {
            let call = descendants(root).find(|n| n.kind() == "member_call_expression").expect("call");
            assert!(is_parameter(call, "$password", php, Lang::Php));
            assert!(!is_parameter(call, "$user", php, Lang::Php));
        });
    }

    #[test]
    fn literals_are_the_last_assigned_before_the_use_in_scope() {
        let src = "let creds = { username: 'a' };\n\
                   creds = { username: 'b' };\n\
                   function g() { creds = { username: 'c' }; }\n\
                   platform.login(creds);\n\
                   creds = { username: 'd' };\n";
        with_cx(src, Lang::JavaScript, |cx, root| {
            let used = node(root, src, "identifier", "creds", 4);
            let found = resolve_literal(cx, used, &["object"]).expect("a literal");
            // The last top-level assignment before the call: not the one inside `g`, not the one
            // after the call.
            assert!(text(found, src).contains("'b'"), "{}", text(found, src));
            // Another kind of literal is not looked for.
            assert!(resolve_literal(cx, used, &["array"]).is_none());
        });
        // Used before any assignment: the first one after it.
        let later =
            "platform.login(creds);\nvar creds = { username: 'x' };\nvar creds = { username: 'y' };\n";
        with_cx(later, Lang::JavaScript, |cx, root| {
            let used = node(root, later, "identifier", "creds", 0);
            let found = resolve_literal(cx, used, &["object"]).expect("a literal");
            assert!(text(found, later).contains("'x'"));
        });
        // A parameter holds whatever the caller passes: no literal is claimed.
        let param = "function f(creds) { creds = { username: 'z' }; platform.login(creds); }";
        with_cx(param, Lang::JavaScript, |cx, root| {
            let used = node(root, param, "identifier", "creds", 2);
            assert!(resolve_literal(cx, used, &["object"]).is_none());
        });
    }

    #[test]
    fn options_choose_the_password_branch_by_their_keys() {
        let src = "x({ username: 'u', password: '', jwt: '', code: 'c', other: 1 });";
        with_cx(src, Lang::JavaScript, |cx, root| {
            let value = |key: &str| {
                let pair = descendants(root)
                    .find(|n| {
                        n.kind() == "pair"
                            && n.child_by_field_name("key").is_some_and(|k| text(k, src) == key)
                    })
                    .expect("pair");
                pair.child_by_field_name("value").expect("value")
            };
            let creds = |keys: &[&str], unknown: bool| Creds {
                entries: keys.iter().map(|k| ((*k).to_owned(), value(k))).collect(),
                unknown,
                origin: None,
                by_name: false,
            };
            let judge = |c: &Creds<'_>| judge_options(c, cx, &["jwt", "code"]);
            assert_eq!(
                judge(&creds(&["username", "password"], false)),
                Some((Evidence::Strong, "credentials"))
            );
            // A non-empty JWT or code selects another branch, whatever else is there.
            assert_eq!(judge(&creds(&["username", "code"], false)), None);
            // An empty `jwt` is no JWT: the SDK falls through to the password branch.
            assert_eq!(judge(&creds(&["jwt"], false)), Some((Evidence::Weak, "empty-jwt")));
            assert_eq!(judge(&creds(&["other"], false)), Some((Evidence::Weak, "no-jwt-or-code")));
            // A spread or computed key might hold a JWT: nothing is claimed.
            assert_eq!(judge(&creds(&["other"], true)), None);
            // Credentials are named even next to an unknown entry.
            assert_eq!(judge(&creds(&["password"], true)), Some((Evidence::Strong, "credentials")));
            let c = creds(&["username", "username", "jwt"], false);
            assert!(c.has_any(&["jwt"]) && !c.has_any(&["code"]));
            assert!(!c.has_non_empty(&["jwt"], src, Lang::JavaScript));
            assert!(c.has_non_empty(&["username"], src, Lang::JavaScript));
        });
    }

    #[test]
    fn an_origin_is_labelled_only_when_the_literal_is_in_the_file() {
        let src = "const creds = { username: 'u' };";
        with_cx(src, Lang::JavaScript, |_, root| {
            let object = descendants(root).find(|n| n.kind() == "object").expect("object");
            let mut creds =
                Creds { entries: Vec::new(), unknown: false, origin: Some(object), by_name: false };
            let mut out = Bindings::default();
            origin_label(&creds, &mut out, "credentials");
            assert_eq!(out.labels.len(), 1);
            assert_eq!(out.labels[0].range, object.byte_range());
            assert_eq!(out.labels[0].message, "credentials defined here");
            // Known only by its name (`login(config.user)`): no place to point at.
            creds.by_name = true;
            let mut out = Bindings::default();
            origin_label(&creds, &mut out, "credentials");
            assert!(out.labels.is_empty());
        });
    }

    #[test]
    fn only_non_empty_literal_passwords_are_secrets() {
        let src = "login('u', 'hunter2', '', pw);";
        with_cx(src, Lang::JavaScript, |cx, root| {
            let args: Vec<Node<'_>> =
                descendants(root).find(|n| n.kind() == "arguments").map(arguments).expect("arguments");
            assert_eq!(args.len(), 4);
            let mut out = Bindings::default();
            for arg in &args[1..] {
                secret_if_literal(cx, Some(*arg), &mut out);
            }
            secret_if_literal(cx, None, &mut out);
            let secrets: Vec<&str> = out.secrets.iter().map(|r| &src[r.clone()]).collect();
            assert_eq!(secrets, ["hunter2"]);
        });
    }
}

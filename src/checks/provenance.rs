//! Where a finding's credentials come from, and the flow that follows from it.
//!
//! A password read from the environment, a secret store, a configuration file, a constant or
//! a literal is one service identity: the JWT flow replaces it, whether or not the file also
//! serves HTTP routes (a bot's webhook). A password read from the request (`$_POST`,
//! `req.body`, `request.form`, `params[]`, a form field) is a user typing their own password:
//! they must sign in with the authorization-code flow, and a JWT must never be read from the
//! HTTP client. Code that runs on the user's device gets the authorization-code flow whatever
//! its credentials are. Only when the origin is unknown does the file's nature decide.
//!
//! Values are followed within the file: assignments (destructuring too), and parameters to
//! the arguments of the calls in the same file that pass them. Node kinds come from the
//! language rooms (`LangSpec::names`, `pairs`, `CodeShapes::members`, `calls`, `functions`);
//! the source patterns below are text, as the APIs that read the environment or a request are
//! spelled the same wherever they appear in an expression.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::{Captures, FileCx};
use crate::context::FileContext;
use crate::finding::{CredentialOrigin, Flow, OriginKind, Recommendation};
use crate::lang::{Lang, NameFrom};
use crate::syntax::{descendants, is_string, named_children, text, unwrap_expr};

/// What the credentials of a finding are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Request input or a prompt: users typing their own password (the evidence, e.g.
    /// "`req.body` (request input)").
    User(String),
    /// The environment, a secret store, configuration or a constant: one service identity.
    Service(String),
    /// Literals in the code: one service identity, but weaker evidence than the others (an
    /// extension `'101'` beside a password of unknown origin says nothing about the password).
    Literal,
    /// Not known (why, e.g. "`password` is a parameter of `login` and no call in the file
    /// passes it").
    Unknown(String),
}

/// A finding's recommendation and, when the JWT rewrite must not be offered, why.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The flow to move to, with the evidence.
    pub recommendation: Recommendation,
    /// Why no JWT may be written here (request input, code on the user's device).
    pub decline_jwt: Option<String>,
}

/// A source of credentials recognised by its spelling.
struct Source {
    /// Languages it counts in (empty: all).
    langs: &'static [Lang],
    /// Lower-case words one of which every match holds: a text without any of them is not
    /// searched, and the regex is not even built (a pre-commit run with one finding would
    /// otherwise compile every source's regex, some 12 M instructions).
    words: &'static [&'static str],
    pattern: String,
    regex: std::sync::OnceLock<Regex>,
    /// What the evidence is called ("request input", "the environment").
    what: &'static str,
}

impl Source {
    /// The regex, when the text (lower-cased) holds one of the source's words.
    fn regex_for(&self, lower: &str) -> Option<&Regex> {
        if !self.words.iter().any(|w| lower.contains(w)) {
            return None;
        }
        Some(self.regex.get_or_init(|| crate::regexes::ascii(&self.pattern)))
    }
}

const JS: &[Lang] = &[Lang::JavaScript, Lang::TypeScript, Lang::Tsx];

/// One source of several spellings, compiled as one regex (on first use).
fn source(
    langs: &'static [Lang],
    words: &'static [&'static str],
    patterns: &[&str],
    what: &'static str,
) -> Source {
    let pattern = patterns.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|");
    Source { langs, words, pattern, regex: std::sync::OnceLock::new(), what }
}

/// Request input, form fields and prompts: checked first, so that `$_SERVER['PHP_AUTH_PW']`
/// is a request header and not the server's environment.
static USER_SOURCES: LazyLock<Vec<Source>> = LazyLock::new(|| {
    vec![
        source(
            &[],
            &["$_", "php_auth", "req", "param", "form", "from", "bind", "query", "pathvariable", "receive"],
            &[
                // PHP, Laravel
                r"\$_(?:POST|GET|REQUEST|COOKIE)\b|\bPHP_AUTH_(?:USER|PW)\b",
                r"\$request->(?:input|get|post|all|only|query)\b|\bRequest::(?:input|get)\b",
                // Express, Koa, Flask, Django, Azure functions
                r"(?i)\b(?:req|request|ctx\.request)\.(?:body|query|params|fields|form|args|values|json|data|get_json|post|get)\b",
                // Rails, Sinatra
                r"\bparams\[|\bparams\.(?:require|permit|fetch|dig)\b",
                // ASP.NET, servlets, Spring
                r"\bRequest\.(?:Form|Query)\b|\[From(?:Body|Form|Query)\]",
                r"\bgetParameter\(|@Request(?:Param|Body)\b|@PathVariable\b",
                // net/http, gin
                r"\.(?:FormValue|PostFormValue|PostForm|DefaultPostForm|MultipartForm|ShouldBind\w*|BindJSON)\(",
                // Ktor, Vapor
                r"\bcall\.(?:receiveParameters|receive\b|parameters\[)|\breq\.content\.decode\b",
                r"(?i:\w*(?:queryparam|formparam|requestparam|getparam)\w*)\(",
            ],
            "request input",
        ),
        source(
            JS,
            &[".value", ".target", "formdata"],
            &[r"\.value\b|\.target\b|\bFormData\b"],
            "a form field",
        ),
        source(
            &[],
            &["getpass", "input(", "readline", "prompt(", "gets", "scanner", "get-credential", "read-host"],
            &[
                r"\bgetpass\b|\braw_input\(|\binput\(|\bConsole\.ReadLine\b|\breadLine\(|\bprompt\(|\bSTDIN\.gets\b|\bScanner\(\s*System\.in",
                // PowerShell's interactive prompts
                r"(?i:\bGet-Credential\b|\bRead-Host\b)",
            ],
            "a prompt",
        ),
    ]
});

/// The environment, secret stores and configuration.
static SERVICE_SOURCES: LazyLock<Vec<Source>> = LazyLock::new(|| {
    vec![
        source(
            &[],
            &["env", "$_server", "decouple"],
            &[
                r"\bprocess\.env\b|\bgetenv\b|\$_ENV\b|\$_SERVER\b|\bos\.environ\b|\bENV\[|\bENV\.fetch\b|\bSystem\.getenv\b|\bEnvironment\.GetEnvironmentVariable\b|\bos\.(?:Getenv|LookupEnv)\b|\benv\(|\bDeno\.env\b|\bimport\.meta\.env\b|\bdotenv\b|\bdecouple\b|\bProcessInfo\.processInfo\.environment\b",
            ],
            "the environment",
        ),
        source(
            &[],
            &["vault", "keyring", "secret"],
            &[r"\b(?:vault|keyring|secretsmanager|SecretClient|KeyVault|getSecret|get_secret|secrets)\b"],
            "a secret store",
        ),
        // Settings an administrator saved (WordPress options, a settings row).
        source(
            &[],
            &["get_option", "$wpdb", "get_row"],
            &[r"\bget_option\(|\$wpdb\b|\bget_row\("],
            "stored settings",
        ),
        source(
            &[],
            &[
                "conf",
                "cfg",
                "setting",
                "propert",
                "@value",
                "parse_ini",
                "json",
                "yaml",
                ".yml",
                ".ini",
                ".toml",
                ".plist",
            ],
            &[
                r"(?i)\b(?:config|configs|conf|cfg|settings|configuration|properties|ConfigurationManager|IConfiguration|appsettings)\b",
                r"\bgetProperty\(|@Value\(|\bparse_ini_file\b|\bjson\.load|\byaml\.(?:safe_)?load|['\x22][\w./-]*\.(?:json|ya?ml|ini|toml|properties|cfg|plist)['\x22]",
            ],
            "configuration",
        ),
    ]
});

/// Helpers named for what they read (`NewRingCentralConfigEnv()`, `sdk_prod_credentials()`; a
/// bare `Secret(...)` or `Config(...)` is a type, not a reader): asked only when following the
/// values found nothing, as a name is weaker evidence than the values it is given
/// (`formParser.PasswordCredentials()` reads a form).
static HELPER_SOURCES: LazyLock<Vec<Source>> = LazyLock::new(|| {
    vec![source(
        &[],
        &["config", "setting", "secret", "credential", "env"],
        &[
            r"(?i:\w+(?:config|settings|secret|credentials)\w*|(?:config|settings|secret|credentials)\w+)\(",
            r"\w+(?:Env|_env|ENV)\(",
        ],
        "configuration",
    )]
});

/// How deep assignments and call sites are followed.
const MAX_DEPTH: usize = 4;

/// Where the credentials of a match come from: the credential fields a request-body check
/// names (`fields`), else the call's arguments when the query captures them (`@args`) or the
/// match is a call, else the value around the match (a request body built in place).
#[must_use]
pub fn origin<'t>(
    file: &FileCx<'t>,
    captures: &Captures<'t>,
    primary: Node<'t>,
    fields: Option<&[std::ops::Range<usize>]>,
) -> Origin {
    if let Some(fields) = fields.filter(|f| !f.is_empty()) {
        let mut tracer = Tracer { file, visited: HashSet::new() };
        let found: Vec<Origin> = fields
            .iter()
            .filter_map(|r| {
                file.root.descendant_for_byte_range(r.start, r.end.max(r.start + 1).min(file.src.len()))
            })
            .map(|n| tracer.expr(n, MAX_DEPTH))
            .collect();
        if !found.is_empty() {
            return combine(found);
        }
    }
    let calls = file.lang.code().map_or(&[][..], |c| c.calls);
    let own_args = || {
        let call = unwrap_expr(primary);
        calls.iter().any(|(k, _)| *k == call.kind()).then(|| arguments_of(call)).flatten()
    };
    let mut scope =
        captures.get("args").or_else(own_args).unwrap_or_else(|| value_around(primary, file.lang, file.src));
    // A login with no arguments reads its credentials where its name says
    // (`NewApiClientPasswordEnv()`).
    if named_children(scope).is_empty()
        && let Some(call) = scope.parent()
    {
        scope = call;
    }
    let mut tracer = Tracer { file, visited: HashSet::new() };
    match credential_arguments(scope, file) {
        Some(args) => combine(args.into_iter().map(|a| tracer.expr(a, MAX_DEPTH)).collect()),
        None => tracer.expr(scope, MAX_DEPTH),
    }
}

/// The argument list of a call: its `arguments` field, else (Kotlin, Swift) the child list
/// named for them, directly or inside Swift's `call_suffix`.
fn arguments_of(call: Node<'_>) -> Option<Node<'_>> {
    call.child_by_field_name("arguments").or_else(|| {
        named_children(call).into_iter().find_map(|c| {
            if c.kind().ends_with("arguments") {
                Some(c)
            } else if c.kind() == "call_suffix" {
                named_children(c).into_iter().find(|a| a.kind().ends_with("arguments"))
            } else {
                None
            }
        })
    })
}

/// The arguments of a call that hold a password key, when others do not: goauth's
/// `NewClientPassword(app, PasswordCredentials{...})` passes the application's credentials
/// beside the user's, and where `app` comes from says nothing about the password (a
/// parameter of unknown origin would otherwise hide constants in the literal).
fn credential_arguments<'t>(scope: Node<'t>, file: &FileCx<'t>) -> Option<Vec<Node<'t>>> {
    let calls = file.lang.code().map_or(&[][..], |c| c.calls);
    let is_argument_list = scope.parent().is_some_and(|call| {
        calls.iter().any(|(k, _)| *k == call.kind())
            && arguments_of(call).is_some_and(|a| a.id() == scope.id())
    });
    let args = named_children(scope);
    if !is_argument_list || args.len() < 2 {
        return None;
    }
    let pairs = file.lang.spec().pairs;
    let holds_password = |arg: Node<'t>| {
        descendants(arg).any(|d| {
            pairs.iter().find(|p| p.kind == d.kind()).is_some_and(|shape| {
                let key = match shape.key_field {
                    Some(f) => d.child_by_field_name(f),
                    None => named_children(d).first().copied(),
                };
                key.and_then(|k| crate::syntax::key_text(k, file.src, file.lang))
                    .is_some_and(|k| k.to_ascii_lowercase().contains("password"))
            })
        })
    };
    // Keyword arguments (`password=pw`) are pairs themselves: each is a credential, traced
    // together as today.
    if args.iter().any(|a| pairs.iter().any(|p| p.kind == a.kind())) {
        return None;
    }
    let holding: Vec<Node<'t>> = args.iter().copied().filter(|a| holds_password(*a)).collect();
    (!holding.is_empty() && holding.len() < args.len()).then_some(holding)
}

/// What holds the credentials around a match that is not a call: the concatenation a string
/// is part of (`'grant_type=password&password=' + pw`), the object or array of a pair
/// (`{ grant_type: 'password', username, password }`), else the statement.
fn value_around<'t>(node: Node<'t>, lang: Lang, src: &str) -> Node<'t> {
    let mut n = node;
    while let Some(p) = n.parent().filter(|p| crate::syntax::is_concat(*p, src, lang)) {
        n = p;
    }
    let containers = lang.code().map_or(&[][..], |c| c.containers);
    let mut up = n.parent();
    for _ in 0..3 {
        let Some(p) = up else { break };
        if containers.contains(&p.kind()) {
            return p;
        }
        up = p.parent();
    }
    if n.id() != node.id() || is_string(n, lang) {
        return n;
    }
    statement_of(node, lang)
}

/// The statement holding `node`: the ancestor whose parent is a statement list (or `node`
/// itself at the top); within an assignment, only the value it assigns (`req.body = '...'`
/// builds the outgoing request, it does not read the incoming one).
fn statement_of(node: Node<'_>, lang: Lang) -> Node<'_> {
    let code = lang.code();
    let lists = code.map_or(&[][..], |c| c.statement_lists);
    let functions = code.map_or(&[][..], |c| c.functions);
    let assignments = code.map_or(&[][..], |c| c.assignments);
    let mut n = node;
    while let Some(p) = n.parent() {
        if lists.contains(&p.kind()) || functions.contains(&p.kind()) {
            break;
        }
        if let Some(shape) = assignments.iter().find(|a| a.kind == p.kind())
            && let Some(value) = shape.value.and_then(|f| p.child_by_field_name(f))
            && within(node, value)
        {
            return value;
        }
        n = p;
    }
    n
}

struct Tracer<'f, 't> {
    file: &'f FileCx<'t>,
    /// Nodes already followed (assignments, parameters), so cycles end.
    visited: HashSet<usize>,
}

impl<'t> Tracer<'_, 't> {
    fn text(&self, node: Node<'_>) -> &'t str {
        text(node, self.file.src)
    }

    fn matched(&self, sources: &[Source], t: &str) -> Option<String> {
        let lang = self.file.lang;
        let lower = t.to_ascii_lowercase();
        sources.iter().filter(|s| s.langs.is_empty() || s.langs.contains(&lang)).find_map(|s| {
            // `req`, `params` or `request` that the file assigns is its own object (an outgoing
            // request, a hash being built), not the incoming request.
            let m = s.regex_for(&lower)?.find_iter(t).find(|m| !self.assigned_locally(m.as_str()))?;
            let spelled =
                m.as_str().trim_end_matches(['[', '(', ' ', '\'', '"']).trim_start_matches(['\'', '"']);
            // `.FormValue(` names a method; `./settings.json` keeps its path.
            let spelled = if spelled.starts_with("./") { spelled } else { spelled.trim_start_matches('.') };
            Some(format!("`{spelled}` ({})", s.what))
        })
    }

    /// Whether the name a source spelling starts with is assigned in the file.
    fn assigned_locally(&self, spelled: &str) -> bool {
        let name: &str =
            spelled.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or_default();
        !name.is_empty()
            && self
                .file
                .assignments_of(name)
                .iter()
                .any(|&i| self.text(self.file.assignments()[i].lhs) == name)
    }

    /// The origin of an expression (or of the credentials a subtree holds).
    fn expr(&mut self, node: Node<'t>, depth: usize) -> Origin {
        match self.followed(node, depth) {
            Origin::Unknown(why) => match self.matched(&HELPER_SOURCES, self.text(node)) {
                Some(e) => Origin::Service(e),
                None => Origin::Unknown(why),
            },
            known => known,
        }
    }

    fn followed(&mut self, node: Node<'t>, depth: usize) -> Origin {
        let t = self.text(node);
        let code = self.without_comments(node);
        if let Some(e) = self.matched(&USER_SOURCES, &code) {
            return Origin::User(e);
        }
        if let Some(e) = self.matched(&SERVICE_SOURCES, &code) {
            return Origin::Service(e);
        }
        let node = unwrap_expr(node);
        if is_string(node, self.file.lang) && !self.interpolates(node) {
            return Origin::Literal;
        }
        let refs = self.references(node);
        if refs.is_empty() {
            // Constants of kinds the name tables do not list (Ruby's `constant`).
            if let Some(c) = descendants(node)
                .filter(|d| d.named_child_count() == 0 && !self.in_string(*d, node))
                .filter(|d| {
                    // `AuthorizationGrantType.PASSWORD` names the grant, not a credential.
                    !names_grant(self.text(*d)) && d.parent().is_none_or(|p| !names_grant(self.text(p)))
                })
                .find_map(|d| constant_name(self.text(d)))
            {
                return Origin::Service(format!("the constant `{c}`"));
            }
            let literal = descendants(node).any(|d| is_string(d, self.file.lang));
            return if literal {
                Origin::Literal
            } else {
                Origin::Unknown(format!("`{}` is not read from a place pwflow recognises", short(t)))
            };
        }
        if depth == 0 {
            return Origin::Unknown("the values pass through too many assignments".to_owned());
        }
        let results: Vec<Origin> = refs.into_iter().filter_map(|r| self.reference(r, depth - 1)).collect();
        if results.is_empty() {
            return Origin::Unknown(format!("`{}` is not read from a place pwflow recognises", short(t)));
        }
        combine(results)
    }

    /// The text of `node` with its comments blanked: a comment inside an argument list
    /// (`// the password comes from settings.json`) is not where the value comes from.
    fn without_comments(&self, node: Node<'t>) -> std::borrow::Cow<'t, str> {
        let t = self.text(node);
        let spec = self.file.lang.spec();
        if spec.line_comment.is_empty() || !t.contains(spec.line_comment) && !t.contains("/*") {
            return t.into();
        }
        let comments: Vec<Node<'t>> =
            descendants(node).filter(|d| spec.comment_kinds.contains(&d.kind())).collect();
        if comments.is_empty() {
            return t.into();
        }
        let mut out = t.to_owned();
        let base = node.start_byte();
        for c in comments {
            let range = c.start_byte() - base..c.end_byte() - base;
            // Comments are whole characters: replace them with as many spaces.
            out.replace_range(range.clone(), &" ".repeat(range.len()));
        }
        out.into()
    }

    /// Whether `node` lies in a string literal below `top`.
    fn in_string(&self, node: Node<'_>, top: Node<'_>) -> bool {
        let mut n = Some(node);
        while let Some(x) = n {
            if is_string(x, self.file.lang) {
                return true;
            }
            if x.id() == top.id() {
                break;
            }
            n = x.parent();
        }
        false
    }

    fn interpolates(&self, node: Node<'_>) -> bool {
        let parts = self.file.lang.spec().string_parts;
        named_children(node).iter().any(|c| !parts.contains(&c.kind()))
    }

    /// The names read in a subtree: identifiers and variables in value position (not pair
    /// keys, keyword names, member names or called functions), and `this.x`-style accesses as
    /// a whole.
    fn references(&self, root: Node<'t>) -> Vec<Node<'t>> {
        let spec = self.file.lang.spec();
        let code = self.file.lang.code();
        let members = code.map_or(&[][..], |c| c.members);
        let calls = code.map_or(&[][..], |c| c.calls);
        let is_name_kind = |kind: &str| {
            spec.names
                .iter()
                .chain(spec.keys.iter())
                .any(|(k, from)| *k == kind && matches!(from, NameFrom::Text | NameFrom::TrimStart(_)))
        };
        let functions = code.map_or(&[][..], |c| c.functions);
        let mut out: Vec<Node<'t>> = Vec::new();
        // Walked with an explicit stack that carries each node's parent and grandparent:
        // `Node::parent` searches down from the root each time, which made a file dense with
        // findings spend more time here than in matching.
        let up = root.parent();
        let mut stack: Vec<(Node<'t>, Option<Node<'t>>, Option<Node<'t>>)> =
            vec![(root, up, up.and_then(|p| p.parent()))];
        while let Some((node, parent, grandparent)) = stack.pop() {
            // A callback's parameters and locals are not the credentials.
            if node.id() != root.id() && functions.contains(&node.kind()) {
                continue;
            }
            let mut cursor = node.walk();
            let children: Vec<Node<'t>> = node.children(&mut cursor).collect();
            stack.extend(children.into_iter().rev().map(|c| (c, Some(node), parent)));
            if !is_name_kind(node.kind()) || out.iter().any(|o| o.byte_range() == node.byte_range()) {
                continue;
            }
            // Symbols (`:password`) name, they are not read.
            if matches!(self.text(node), "this" | "self" | "$this" | "true" | "false" | "null" | "nil")
                || self.text(node).starts_with(':')
            {
                continue;
            }
            // The grant type (`GRANT_TYPE`, `grantType`, `GrantType.PASSWORD`) travels with the
            // credentials but is none of them: a constant holding it says nothing about where
            // the password comes from.
            if names_grant(self.text(node)) {
                continue;
            }
            let Some(parent) = parent else { continue };
            // What a declaration names (`class Account`, `func signIn`) is defined, not read.
            if !members.iter().any(|(k, _)| *k == parent.kind())
                && !calls.iter().any(|(k, _)| *k == parent.kind())
                && !is_name_kind(parent.kind())
                && parent.child_by_field_name("name").is_some_and(|n| n.id() == node.id())
                && parent.child_by_field_name("body").is_some()
            {
                continue;
            }
            // The key of a pair or a keyword argument names, it is not read (Go wraps a key in
            // a `literal_element`: one level of a single-child wrapper is looked through).
            let key_of = |key: Node<'t>, pair: Node<'t>| {
                spec.pairs.iter().any(|p| {
                    p.kind == pair.kind()
                        && p.kind != "assignment_expression"
                        && p.key_field.map_or_else(
                            || named_children(pair).first().is_some_and(|k| k.id() == key.id()),
                            |f| pair.child_by_field_name(f).is_some_and(|k| k.id() == key.id()),
                        )
                })
            };
            let key_of_pair = key_of(node, parent)
                || (parent.named_child_count() == 1 && grandparent.is_some_and(|pair| key_of(parent, pair)));
            if key_of_pair {
                continue;
            }
            if let Some((_, field)) = members.iter().find(|(k, _)| *k == parent.kind()) {
                // Only the object of an access is read; `this.password` is read as a whole.
                // Kotlin's navigation expression has no fields: its object comes first.
                match parent.child_by_field_name(field).or_else(|| parent.named_child(0)) {
                    Some(object) if object.id() == node.id() => {}
                    Some(object) if matches!(self.text(object), "this" | "self" | "$this") => {
                        if root.byte_range().contains(&parent.start_byte()) {
                            out.push(parent);
                        }
                        continue;
                    }
                    _ => continue,
                }
            } else if calls.iter().any(|(k, _)| *k == parent.kind())
                && arguments_of(parent).is_none_or(|a| !within(node, a))
                && !self.subscripted_value(node)
            {
                continue;
            }
            out.push(node);
        }
        out
    }

    /// Whether a called name is a value the file assigns from a non-function (Swift reads a
    /// dictionary as `env["RC_PASSWORD"]`, a call in its grammar).
    fn subscripted_value(&self, callee: Node<'t>) -> bool {
        let name = self.text(callee);
        let functions = self.file.lang.code().map_or(&[][..], |c| c.functions);
        let all = self.file.assignments();
        self.file.assignments_of(name).iter().any(|&i| {
            let a = &all[i];
            self.text(a.lhs) == name && !functions.contains(&unwrap_expr(a.rhs).kind())
        })
    }

    /// The origin of a name read at `use_`; `None` for a name that is not a value here (the
    /// module or class whose member is read: `ro.` in `ro.NewClientPassword`).
    fn reference(&mut self, use_: Node<'t>, depth: usize) -> Option<Origin> {
        let name = self.text(use_);
        let lang = self.file.lang;
        let member = !matches!(use_.named_child_count(), 0) && !is_variable(use_, lang);
        let scopes: Vec<Option<usize>> =
            self.file.functions_around(use_).iter().map(|f| Some(f.id())).chain([None]).collect();
        let mut found: Vec<Origin> = Vec::new();
        let all = self.file.assignments();
        let assignments: Vec<(Node<'t>, Node<'t>)> = self
            .file
            .assignments_of(name)
            .iter()
            .map(|&i| &all[i])
            .filter(|a| {
                let lhs = a.lhs;
                let same = self.text(lhs) == name;
                // The index holds the names a destructuring target binds.
                let destructured =
                    !same && !member && lhs.named_child_count() > 0 && !self.text(lhs).contains('.');
                (same || destructured)
                    && (member
                        || scopes.contains(&self.file.functions_around(a.node).first().map(|f| f.id())))
            })
            .map(|a| (a.node, a.rhs))
            .collect();
        for (node, rhs) in assignments {
            if self.visited.insert(node.id()) {
                found.push(self.expr(rhs, depth));
            }
        }
        if !found.is_empty() {
            return Some(combine(found));
        }
        if !member && let Some((func, index, param)) = self.parameter_of(use_, name) {
            if let Some(e) = self.matched(&USER_SOURCES, self.text(param)) {
                return Some(Origin::User(e));
            }
            if !self.visited.insert(param.id()) {
                return Some(Origin::Unknown(format!("`{name}` is a parameter")));
            }
            return Some(self.call_sites(func, index, name, depth));
        }
        if let Some(constant) = constant_name(name) {
            return Some(Origin::Service(format!("the constant `{constant}`")));
        }
        let object_of_member = use_.parent().is_some_and(|p| {
            lang.code().is_some_and(|c| {
                c.members.iter().any(|(k, f)| {
                    *k == p.kind() && p.child_by_field_name(f).is_some_and(|o| o.id() == use_.id())
                })
            })
        });
        if object_of_member {
            return None;
        }
        Some(Origin::Unknown(format!("`{}` is not assigned in this file", short(name))))
    }

    /// The function whose parameter `name` is, the parameter's position and its declaration.
    fn parameter_of(&self, node: Node<'t>, name: &str) -> Option<(Node<'t>, usize, Node<'t>)> {
        let src = self.file.src;
        for func in self.file.functions_around(node) {
            let fields =
                func.child_by_field_name("parameters").or_else(|| func.child_by_field_name("parameter"));
            // Kotlin's `function_value_parameters` and Swift's `parameter` children have no field.
            let params: Vec<Node<'t>> = match fields {
                Some(p) => vec![p],
                None => named_children(func).into_iter().filter(|c| c.kind().contains("parameter")).collect(),
            };
            let list: Vec<Node<'t>> = params
                .into_iter()
                .flat_map(|p| {
                    if p.kind().contains("parameters") || p.kind().contains("parameter_list") {
                        named_children(p)
                    } else {
                        vec![p]
                    }
                })
                .collect();
            for (i, p) in list.iter().enumerate() {
                if descendants(*p).any(|d| d.named_child_count() <= 1 && text(d, src) == name) {
                    return Some((func, i, *p));
                }
            }
        }
        None
    }

    /// The origin of parameter `index` (named `name`) of `func`, from the calls in the file
    /// that pass it.
    fn call_sites(&mut self, func: Node<'t>, index: usize, name: &str, depth: usize) -> Origin {
        let lang = self.file.lang;
        let src = self.file.src;
        let Some(fname) = function_name(func, src, lang) else {
            return Origin::Unknown(format!("`{name}` is a parameter of a function with no name"));
        };
        let bare = name.trim_start_matches('$');
        let mut found = Vec::new();
        for call in self.file.calls_of(&fname) {
            if within(*call, func) {
                continue;
            }
            let Some(args) = arguments_of(*call) else { continue };
            let args = named_children(args);
            // A keyword argument names the parameter (Python, PHP 8, C#).
            let keyword = args.iter().find_map(|a| {
                let a = unwrap_expr(*a);
                let key = a.child_by_field_name("name")?;
                (text(key, src).trim_start_matches('$') == bare)
                    .then(|| a.child_by_field_name("value"))
                    .flatten()
            });
            let Some(arg) = keyword.or_else(|| args.get(index).copied()) else { continue };
            found.push(self.expr(arg, depth));
        }
        if found.is_empty() {
            return Origin::Unknown(format!(
                "`{name}` is a parameter of `{fname}`, and no call in this file passes it"
            ));
        }
        combine(found)
    }
}

/// Request input dominates (a password typed by a user is what matters), then the service's
/// own sources, then unknown; literals count only when everything else is a literal too.
fn combine(results: Vec<Origin>) -> Origin {
    let mut literal = false;
    let mut unknown = None;
    let mut service = None;
    for r in results {
        match r {
            Origin::User(_) => return r,
            Origin::Service(_) if service.is_none() => service = Some(r),
            Origin::Unknown(_) if unknown.is_none() => unknown = Some(r),
            Origin::Literal => literal = true,
            _ => {}
        }
    }
    service.or(unknown).unwrap_or(if literal {
        Origin::Literal
    } else {
        Origin::Unknown("no credentials found".to_owned())
    })
}

/// Whether a name is the grant type's (`TOKEN_GRANT`, `grantType`), not a credential's.
fn names_grant(name: &str) -> bool {
    name.to_ascii_lowercase().contains("grant")
}

/// A name spelled like a constant (`RC_PASSWORD`, `$PASSWORD`), without its sigil.
fn constant_name(name: &str) -> Option<&str> {
    let bare = name.trim_start_matches(['$', '@', ':']);
    // `__DIR__`, `__FILE__` are the language's, not the program's.
    (bare.len() > 1
        && !bare.starts_with("__")
        && !bare.starts_with(|c: char| c.is_ascii_digit())
        && bare.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && bare.chars().any(|c| c.is_ascii_uppercase()))
    .then_some(bare)
}

fn within(node: Node<'_>, outer: Node<'_>) -> bool {
    outer.start_byte() <= node.start_byte() && node.end_byte() <= outer.end_byte()
}

/// A variable that wraps its name (PHP's `variable_name` holds a `name`).
fn is_variable(node: Node<'_>, lang: Lang) -> bool {
    lang.spec().names.first().is_some_and(|(k, _)| *k == node.kind())
}

/// The name a function is called by: its own, or that of the variable or key it is assigned
/// to (`const signIn = async (u, p) => ...`).
fn function_name(func: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    if let Some(name) = func.child_by_field_name("name") {
        return Some(text(name, src).to_owned());
    }
    let parent = func.parent()?;
    let shape = lang.spec().pairs.iter().find(|p| p.kind == parent.kind())?;
    let key = match shape.key_field {
        Some(f) => parent.child_by_field_name(f)?,
        None => *named_children(parent).first()?,
    };
    crate::syntax::last_name(key, src, lang).or_else(|| Some(text(key, src).to_owned()))
}

fn short(t: &str) -> String {
    let one_line = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        format!("{}...", one_line.chars().take(40).collect::<String>())
    } else {
        one_line
    }
}

/// The recommendation of a finding whose credentials have `origin`, in a file with `context`.
#[must_use]
pub fn verdict(context: &FileContext, origin: &Origin) -> Verdict {
    let mut verdict = flow_for(context, origin);
    verdict.recommendation.origin = Some(origin.reported());
    verdict
}

impl Origin {
    /// The origin as the reports carry it.
    fn reported(&self) -> CredentialOrigin {
        let (kind, evidence) = match self {
            Origin::User(e) => (OriginKind::User, e.clone()),
            Origin::Service(e) => (OriginKind::Service, e.clone()),
            Origin::Literal => (OriginKind::Literal, "literals in the code".to_owned()),
            Origin::Unknown(why) => (OriginKind::Unknown, why.clone()),
        };
        CredentialOrigin { kind, evidence }
    }
}

fn flow_for(context: &FileContext, origin: &Origin) -> Verdict {
    if let Some(client) = &context.client_ui {
        return Verdict {
            recommendation: Recommendation {
                flow: Flow::Oauth,
                reason: format!(
                    "{client}: a JWT there would reach every user, so users sign in with the authorization-code flow"
                ),
                origin: None,
            },
            decline_jwt: Some(format!(
                "no JWT rewrite: {client}, and a JWT written there would ship a server credential to every user"
            )),
        };
    }
    match origin {
        Origin::User(e) => Verdict {
            recommendation: Recommendation {
                flow: Flow::Oauth,
                reason: format!("credentials come from {e}: users type their own password"),
                origin: None,
            },
            decline_jwt: Some(format!(
                "no JWT rewrite: the credentials come from {e}, and a JWT must never be taken from the user or the HTTP client"
            )),
        },
        Origin::Service(e) => Verdict {
            recommendation: Recommendation {
                flow: Flow::Jwt,
                reason: format!("credentials come from {e}: one service identity"),
                origin: None,
            },
            decline_jwt: None,
        },
        Origin::Literal => Verdict {
            recommendation: Recommendation {
                flow: Flow::Jwt,
                reason: "credentials are literals in the code: one service identity".to_owned(),
                origin: None,
            },
            decline_jwt: None,
        },
        Origin::Unknown(why) => Verdict {
            recommendation: Recommendation {
                flow: context.recommendation.flow,
                reason: format!(
                    "where the credentials come from is unknown ({why}), so the file decides: {}",
                    context.recommendation.reason
                ),
                origin: None,
            },
            decline_jwt: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin_in(src: &str, lang: Lang, call: &str) -> Origin {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&lang.grammar().expect("grammar")).expect("language");
        let tree = parser.parse(src, None).expect("parse");
        let context = FileContext::new(src, std::path::Path::new("a"), lang, None);
        let file = FileCx::new(src, lang, tree.root_node(), &context, "RC_JWT");
        let at = src.find(call).expect("call");
        let args_at = at + call.len();
        let node = tree.root_node().descendant_for_byte_range(args_at, args_at + 1).expect("node");
        let mut args = node;
        while !args.kind().contains("argument") {
            args = args.parent().expect("arguments");
        }
        origin(&file, &Captures { nodes: vec![("args", args)] }, args, None)
    }

    fn kind(o: &Origin) -> &'static str {
        match o {
            Origin::User(_) => "user",
            Origin::Service(_) => "service",
            Origin::Literal => "literal",
            Origin::Unknown(_) => "unknown",
        }
    }

    #[test]
    fn every_source_compiles_and_its_words_admit_its_spellings() {
        let spellings = [
            "$_POST['p']",
            "$_SERVER['PHP_AUTH_PW']",
            "$request->input('p')",
            "Request::input('p')",
            "req.body.p",
            "req.Query[\"p\"]",
            "ctx.request.body",
            "request.form['p']",
            "request.POST['p']",
            "params[:p]",
            "params.require(:u)",
            "Request.Form[\"p\"]",
            "[FromBody] Login m",
            "r.getParameter(\"p\")",
            "@RequestParam String p",
            "@PathVariable p",
            "r.FormValue(\"p\")",
            "c.PostForm(\"p\")",
            "c.ShouldBindJSON(&b)",
            "req.MultipartForm()",
            "u.QueryParamString(\"p\")",
            "el.value",
            "e.target.p",
            "new FormData(f)",
            "getpass.getpass()",
            "input('p')",
            "raw_input()",
            "Console.ReadLine()",
            "reader.readLine()",
            "prompt('p')",
            "STDIN.gets",
            "new Scanner(System.in)",
            "process.env.P",
            "getenv('P')",
            "$_ENV['P']",
            "$_SERVER['P']",
            "os.environ['P']",
            "ENV['P']",
            "ENV.fetch('P')",
            "System.getenv(\"P\")",
            "Environment.GetEnvironmentVariable(\"P\")",
            "os.Getenv(\"P\")",
            "os.LookupEnv(\"P\")",
            "env('P')",
            "Deno.env.get('P')",
            "import.meta.env.P",
            "dotenv",
            "decouple",
            "vault.read()",
            "keyring.get_password()",
            "secretsmanager",
            "SecretClient",
            "KeyVault",
            "getSecret()",
            "get_secret()",
            "secrets.P",
            "get_option('p')",
            "$wpdb->get_var()",
            "get_row()",
            "config.p",
            "CONFIG['p']",
            "cfg.p",
            "conf.p",
            "settings.P",
            "Configuration[\"p\"]",
            "properties.p",
            "ConfigurationManager.AppSettings",
            "IConfiguration c",
            "appsettings",
            "getProperty(\"p\")",
            "@Value(\"p\")",
            "parse_ini_file('a')",
            "json.load(f)",
            "yaml.safe_load(f)",
            "require('./a.json')",
            "open('a.yml')",
            "'a.ini'",
            "'a.toml'",
            "'a.properties'",
            "'a.cfg'",
            "loadConfig()",
            "sdk_prod_credentials()",
            "NewRingCentralConfigEnv()",
            "read_env()",
        ];
        let all = USER_SOURCES.iter().chain(SERVICE_SOURCES.iter()).chain(HELPER_SOURCES.iter());
        let mut matched = 0;
        for source in all {
            let regex = crate::regexes::ascii(&source.pattern);
            for t in spellings {
                if regex.is_match(t) {
                    matched += 1;
                    assert!(source.regex_for(&t.to_ascii_lowercase()).is_some(), "{t}: {:?}", source.words);
                }
            }
        }
        assert!(matched >= spellings.len(), "every spelling is some source's");
    }

    #[test]
    fn javascript_sources() {
        let js = |s: &str| kind(&origin_in(s, Lang::JavaScript, "login("));
        assert_eq!(js("p.login({ username: process.env.U, password: process.env.P })"), "service");
        assert_eq!(js("p.login({ username: req.body.u, password: req.body.p })"), "user");
        assert_eq!(js("const { username, password } = req.body;\np.login({ username, password })"), "user");
        assert_eq!(
            js("const { RC_U, RC_P } = process.env;\np.login({ username: RC_U, password: RC_P })"),
            "service"
        );
        assert_eq!(js("function f(u, pw) { return p.login({ username: u, password: pw }); }"), "unknown");
        assert_eq!(
            js(
                "function f(u, pw) { return p.login({ username: u, password: pw }); }\nf(req.body.u, req.body.p);"
            ),
            "user"
        );
        assert_eq!(js("const signIn = (u, pw) => p.login(u, '101', pw);\nsignIn(cfg.u, cfg.p)"), "service");
        assert_eq!(js("p.login('+16505550100', '101', 'secret')"), "literal");
        assert_eq!(js("function f(pw) { p.login('+16505550100', '101', pw) }"), "unknown");
        assert_eq!(js("const config = require('./config.json');\np.login(config.rc)"), "service");
    }

    #[test]
    fn other_languages() {
        let k = |s: &str, lang, call| kind(&origin_in(s, lang, call));
        assert_eq!(k("<?php $p->login($_POST['u'], '', $_POST['p']);", Lang::Php, "login("), "user");
        assert_eq!(
            k("<?php $u = getenv('U'); $pw = getenv('P');\n$p->login($u, '', $pw);", Lang::Php, "login("),
            "service"
        );
        assert_eq!(
            k(
                "<?php function f($u, $pw) { $p->login($u, '', $pw); }\nf($_REQUEST['u'], $_REQUEST['p']);",
                Lang::Php,
                "login("
            ),
            "user"
        );
        assert_eq!(k("p.login(os.environ['U'], '', os.environ['P'])", Lang::Python, "login("), "service");
        assert_eq!(k("p.login(request.form['u'], '', request.form['p'])", Lang::Python, "login("), "user");
        assert_eq!(
            k(
                "def go(user, pw):\n    p.login(user, '', pw)\n\ngo(pw=getpass.getpass(), user='x')\n",
                Lang::Python,
                "login("
            ),
            "user"
        );
        assert_eq!(
            k("rc.authorize(username: ENV['U'], password: ENV['P'])", Lang::Ruby, "authorize("),
            "service"
        );
        assert_eq!(
            k("rc.authorize(username: params[:u], password: params[:p])", Lang::Ruby, "authorize("),
            "user"
        );
        assert_eq!(
            k(
                "class A { void a() { rc.authorize(System.getenv(\"U\"), \"\", System.getenv(\"P\")); } }",
                Lang::Java,
                "authorize("
            ),
            "service"
        );
        assert_eq!(
            k(
                "class A { void a(HttpServletRequest r) { rc.authorize(r.getParameter(\"u\"), \"\", r.getParameter(\"p\")); } }",
                Lang::Java,
                "authorize("
            ),
            "user"
        );
    }
}

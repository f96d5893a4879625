//! Named semantic checks: what a tree-sitter query cannot say (is the receiver a RingCentral
//! platform, does the array lack a non-empty `jwt` key, which variable holds the credentials).
//!
//! A rule names its checks in `checks = [...]`; each check accepts or rejects a query match and
//! may bind template variables, secret ranges, labels and notes.

mod coffeescript;
mod config;
mod csharp;
mod engage_voice;
pub mod form_body;
mod go;
mod http;
mod java;
mod javascript;
mod jwt_fallback;
mod kotlin;
mod login;
mod php;
pub mod provenance;
mod python;
mod receiver;
mod ropc;
mod ruby;
mod swift;
pub mod text;
mod video_sdk;

pub use ropc::{LIBRARY_CALLS, LibraryTable, LibraryText};

use std::ops::Range;

use tree_sitter::Node;

use crate::context::FileContext;
use crate::finding::Label;
use crate::lang::Lang;

/// Variables every rule may use in templates without a check binding them.
pub const BUILTIN_VARS: &[&str] = &["indent", "rc_reason", "flow_reason", "jwt_var"];

/// The file a match was found in.
pub struct FileCx<'a> {
    /// Source text.
    pub src: &'a str,
    /// Language.
    pub lang: Lang,
    /// Root of the syntax tree.
    pub root: Node<'a>,
    /// Evidence about the file.
    pub context: &'a FileContext,
    /// Name of the environment variable that should hold the JWT (`RC_JWT`).
    pub jwt_var: &'a str,
    /// Where the file is on disk, when it is a file (not standard input): checks may read a
    /// configuration file next to it (`require('./config.json')`).
    pub path: Option<&'a std::path::Path>,
    /// The file's assignments, functions and calls, collected in one walk on first use:
    /// checks look names up here instead of walking the tree once per match (which made large
    /// files quadratic), and provenance finds scopes and call sites here.
    walked: std::cell::OnceCell<Walked<'a>>,
    /// The assignments by the names they assign (the target's text, and each name a
    /// destructuring target binds), as indexes into [`FileCx::assignments`]: provenance looks
    /// names up here rather than scanning every assignment per name (a file dense with
    /// findings was quadratic).
    assigned: std::cell::OnceCell<std::collections::HashMap<&'a str, Vec<usize>>>,
    /// The calls of the file by the name they call, built from [`Walked::calls`] on first use.
    calls_by_name: std::cell::OnceCell<std::collections::HashMap<String, Vec<Node<'a>>>>,
}

/// What one walk of a file collects (see [`FileCx::walked`]).
#[derive(Default)]
struct Walked<'a> {
    assignments: Vec<Assignment<'a>>,
    functions: Vec<Node<'a>>,
    calls: Vec<Node<'a>>,
}

/// An assignment or declaration with a value: `x = ...`, `const x = ...`, `$this->x = ...`,
/// class fields with initialisers.
#[derive(Debug, Clone, Copy)]
pub struct Assignment<'a> {
    /// The whole assignment or declarator.
    pub node: Node<'a>,
    /// What is assigned to.
    pub lhs: Node<'a>,
    /// The value.
    pub rhs: Node<'a>,
}

impl<'a> FileCx<'a> {
    /// A file context with no assignments collected yet.
    #[must_use]
    pub fn new(
        src: &'a str,
        lang: Lang,
        root: Node<'a>,
        context: &'a FileContext,
        jwt_var: &'a str,
    ) -> FileCx<'a> {
        FileCx {
            src,
            lang,
            root,
            context,
            jwt_var,
            path: None,
            walked: std::cell::OnceCell::new(),
            assigned: std::cell::OnceCell::new(),
            calls_by_name: std::cell::OnceCell::new(),
        }
    }

    /// The same file context, knowing where the file is on disk.
    #[must_use]
    pub fn with_path(mut self, path: &'a std::path::Path) -> FileCx<'a> {
        self.path = Some(path);
        self
    }

    /// The one walk of the file that collects its assignments, functions and calls.
    fn walked(&self) -> &Walked<'a> {
        self.walked.get_or_init(|| {
            let code = self.lang.code();
            let shapes = code.map_or(&[][..], |c| c.assignments);
            let functions = code.map_or(&[][..], |c| c.functions);
            let calls = code.map_or(&[][..], |c| c.calls);
            let mut out = Walked::default();
            for node in crate::syntax::descendants(self.root) {
                let kind = node.kind();
                if functions.contains(&kind) {
                    out.functions.push(node);
                }
                if calls.iter().any(|(k, _)| *k == kind) {
                    out.calls.push(node);
                }
                let Some(shape) = shapes.iter().find(|s| s.kind == kind) else { continue };
                let lhs = if shape.target.is_empty() {
                    node.named_child(0)
                } else {
                    node.child_by_field_name(shape.target)
                };
                let Some(lhs) = lhs else { continue };
                // C#'s `variable_declarator` has no `value` field: the value is its last
                // named child after the name.
                let rhs = match shape.value {
                    Some(field) => node.child_by_field_name(field),
                    None => {
                        crate::syntax::named_children(node).last().copied().filter(|v| v.id() != lhs.id())
                    }
                };
                if let Some(rhs) = rhs {
                    out.assignments.push(Assignment { node, lhs, rhs });
                }
            }
            out
        })
    }

    /// The functions that enclose `node`, innermost first (not `node` itself).
    pub fn functions_around(&self, node: Node<'_>) -> Vec<Node<'a>> {
        let all = &self.walked().functions;
        // Pre-order: an enclosing function comes before the functions inside it.
        all.iter()
            .rev()
            .filter(|f| {
                f.start_byte() <= node.start_byte() && node.end_byte() <= f.end_byte() && f.id() != node.id()
            })
            .copied()
            .collect()
    }

    /// The indexes of the assignments that may assign `name` (see [`FileCx::assigned`]).
    pub fn assignments_of(&self, name: &str) -> &[usize] {
        let index = self.assigned.get_or_init(|| {
            let mut index: std::collections::HashMap<&'a str, Vec<usize>> = std::collections::HashMap::new();
            for (i, a) in self.assignments().iter().enumerate() {
                let whole = crate::syntax::text(a.lhs, self.src);
                index.entry(whole).or_default().push(i);
                if a.lhs.named_child_count() > 0 {
                    for leaf in crate::syntax::descendants(a.lhs).filter(|d| d.named_child_count() == 0) {
                        let t = crate::syntax::text(leaf, self.src);
                        let slot = index.entry(t).or_default();
                        if slot.last() != Some(&i) {
                            slot.push(i);
                        }
                    }
                }
            }
            index
        });
        index.get(name).map_or(&[], Vec::as_slice)
    }

    /// The calls of the file that call `name` (a function, or a method of any receiver), in
    /// document order.
    pub fn calls_of(&self, name: &str) -> &[Node<'a>] {
        let index = self.calls_by_name.get_or_init(|| {
            let mut index: std::collections::HashMap<String, Vec<Node<'a>>> =
                std::collections::HashMap::new();
            for call in &self.walked().calls {
                if let Some(called) = crate::syntax::called_name(*call, self.src, self.lang) {
                    index.entry(called).or_default().push(*call);
                }
            }
            index
        });
        index.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every assignment of the file, in document order.
    pub fn assignments(&self) -> &[Assignment<'a>] {
        &self.walked().assignments
    }
}

/// The captures of one query match, by name.
pub struct Captures<'a> {
    /// (capture name, node) pairs; a name may repeat for quantified captures.
    pub nodes: Vec<(&'a str, Node<'a>)>,
}

impl<'a> Captures<'a> {
    /// The first node captured under `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Node<'a>> {
        self.nodes.iter().find(|(n, _)| *n == name).map(|(_, node)| *node)
    }
}

/// What a check adds to an accepted match.
#[derive(Debug, Default)]
pub struct Bindings {
    /// Template variables.
    pub vars: Vec<(&'static str, String)>,
    /// Byte ranges holding literal secrets, to redact.
    pub secrets: Vec<Range<usize>>,
    /// Secondary labels.
    pub labels: Vec<Label>,
    /// Notes (why the match was judged RingCentral code, ...).
    pub notes: Vec<String>,
    /// More edits that belong to the rule's applicable JWT rewrite, beyond replacing its target
    /// (a `.env` template's `RC_USERNAME`/`RC_EXTENSION` lines to delete).
    pub jwt_edits: Vec<crate::finding::Edit>,
    /// What the applicable JWT rewrite removes, when it is not simply its target (a request
    /// body's credential fields): the fix title's notes (comments and calls dropped, variables
    /// left unused) are computed over these ranges.
    pub jwt_dropped: Option<Vec<Range<usize>>>,
    /// Source ranges a fix may target by name, besides the query's captures (the `password`
    /// inside a request-body string).
    pub ranges: Vec<(&'static str, Range<usize>)>,
}

impl Bindings {
    /// Merges `other` into `self`.
    pub fn merge(&mut self, other: Bindings) {
        self.vars.extend(other.vars);
        self.secrets.extend(other.secrets);
        self.labels.extend(other.labels);
        self.notes.extend(other.notes);
        self.jwt_edits.extend(other.jwt_edits);
        if other.jwt_dropped.is_some() {
            self.jwt_dropped = other.jwt_dropped;
        }
        self.ranges.extend(other.ranges);
    }

    /// Binds a variable.
    pub fn var(&mut self, name: &'static str, value: impl Into<String>) {
        self.vars.push((name, value.into()));
    }

    /// The range bound to `name`, if any.
    #[must_use]
    pub fn range(&self, name: &str) -> Option<Range<usize>> {
        self.ranges.iter().rev().find(|(n, _)| *n == name).map(|(_, r)| r.clone())
    }

    /// The value bound to `name`, if any.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// The input of a check: `'c` borrows the match, `'t` is the syntax tree's lifetime.
pub struct CheckCx<'c, 't> {
    /// The file.
    pub file: &'c FileCx<'t>,
    /// The match's captures.
    pub captures: &'c Captures<'t>,
    /// The rule set's `[libraries]` tables: the text of the OAuth library calls that
    /// `ropc-library-call` recognises.
    pub libraries: &'c LibraryTable,
}

impl<'t> CheckCx<'_, 't> {
    /// The first node captured under `name`.
    #[must_use]
    pub fn cap(&self, name: &str) -> Option<Node<'t>> {
        self.captures.get(name)
    }

    /// Source text of a node.
    #[must_use]
    pub fn text(&self, node: Node<'_>) -> &'t str {
        crate::syntax::text(node, self.file.src)
    }
}

/// A named check.
pub struct CheckDef {
    /// Name used in rule files.
    pub name: &'static str,
    /// Languages it understands.
    pub languages: &'static [Lang],
    /// Captures the query must provide (documented for rule authors).
    pub needs: &'static [&'static str],
    /// Template variables it binds, and the ranges it names for fix targets.
    pub provides: &'static [&'static str],
    /// One-line description for `pwflow rules --checks` and the rule-format docs.
    pub about: &'static str,
    /// The check: `None` rejects the match.
    pub run: fn(&CheckCx<'_, '_>) -> Option<Bindings>,
    /// A test of the file's context alone (RingCentral evidence, endpoints) that, when it
    /// fails, means the check rejects every match in the file: the rule is not run there.
    pub file_gate: Option<FileGate>,
    /// A test of the file's text alone, made before its context is read: when it fails, the
    /// check rejects every match in the file.
    pub text_gate: Option<TextGate>,
}

const ALL_LANGS: &[Lang] = &Lang::ALL;

/// The checks of raw HTTP requests and RingCentral context; each language's check room has its
/// own list
/// (see [`all`]).
static CORE_CHECKS: &[CheckDef] = &[
    CheckDef {
        name: "password-grant",
        languages: ALL_LANGS,
        needs: &["match", "key?", "value?"],
        provides: &["jwt_body", "jwt_value", "form", "rewrite", "grant", "grant_jwt"],
        about: "a string literal holding `grant_type=password` (also URL-encoded, and \
                `'grant_type=' . 'password'` concatenations), or, when the query captures \
                `@key` and `@value`, a key/value pair `grant_type` => `password`",
        run: http::password_grant,
        file_gate: None,
        text_gate: None,
    },
    CheckDef {
        name: "ringcentral-context",
        languages: ALL_LANGS,
        needs: &[],
        provides: &[],
        about: "the file or its project is RingCentral code (SDK import, host, token path, \
                RC_/RINGCENTRAL_ names, a manifest or .env naming RingCentral), and the request's \
                function does not name another system's token URL or host-less token path \
                (`/oauth/token`, `/connect/token`, `route('passport.token')`) without a RingCentral one",
        run: http::ringcentral_context,
        file_gate: Some(|cx, _| cx.rc_reason().is_some()),
        text_gate: None,
    },
    CheckDef {
        name: "no-ringcentral-context",
        languages: ALL_LANGS,
        needs: &[],
        provides: &[],
        about: "the opposite of `ringcentral-context`: generic OAuth code",
        run: http::no_ringcentral_context,
        file_gate: Some(|cx, _| cx.rc_reason().is_none()),
        text_gate: None,
    },
];

/// The expression that reads the JWT in a language's code, following how the password was
/// read when its expression is known (`getenv('RC_PASSWORD')` gives `getenv('RC_JWT')`).
pub type JwtExpr = fn(&CheckCx<'_, '_>, Option<Node<'_>>) -> String;

/// A programming language's check room: the checks of its SDK calls and how its code reads
/// the JWT. Every programming language has one (`tests/meta.rs`), next to its syntax room
/// in `lang/`.
pub struct CheckRoom {
    /// The languages it serves.
    pub languages: &'static [Lang],
    /// Its checks.
    pub checks: &'static [CheckDef],
    /// How its code reads the JWT.
    pub jwt_expr: JwtExpr,
}

/// Every language's check room.
static ROOMS: &[&CheckRoom] = &[
    &php::ROOM,
    &javascript::ROOM,
    &python::ROOM,
    &java::ROOM,
    &csharp::ROOM,
    &ruby::ROOM,
    &go::ROOM,
    &kotlin::ROOM,
    &swift::ROOM,
];

/// The check room of a language, if it is a programming language.
#[must_use]
pub fn room(lang: Lang) -> Option<&'static CheckRoom> {
    ROOMS.iter().copied().find(|r| r.languages.contains(&lang))
}

/// Every check, by name: the shared ones, the language rooms' and the families that span
/// languages (configuration blocks, Engage Voice, OAuth libraries).
pub fn all() -> impl Iterator<Item = &'static CheckDef> {
    [
        CORE_CHECKS,
        config::CHECKS,
        engage_voice::CHECKS,
        jwt_fallback::CHECKS,
        ropc::CHECKS,
        coffeescript::CHECKS,
        video_sdk::CHECKS,
    ]
    .into_iter()
    .chain(ROOMS.iter().map(|r| r.checks))
    .flatten()
}

/// A test a check can make from the file's context alone, before anything is parsed: when it
/// fails, the check would reject every match in the file, so the rule need not run there.
pub type FileGate = fn(&FileContext, &str) -> bool;

/// A test a check can make on the file's text alone, before its context is read: when it
/// fails, the check would reject every match in the file.
pub type TextGate = fn(&str, Lang) -> bool;

/// Whether a check reports a JWT login that is already there (its rewrite keeps the JWT, so
/// it stands where a new JWT may not be written).
#[must_use]
pub fn keeps_jwt(name: &str) -> bool {
    jwt_fallback::CHECKS.iter().any(|c| c.name == name)
}

/// Looks a check up by name.
#[must_use]
pub fn find(name: &str) -> Option<&'static CheckDef> {
    all().find(|c| c.name == name)
}

/// Names of all checks.
pub fn names() -> impl Iterator<Item = &'static str> {
    all().map(|c| c.name)
}

//! Tree-sitter query patterns matched in Rust, without compiling a `tree_sitter::Query`.
//!
//! Why: `Query::new` analyses the grammar's whole parse table (a fixed 2-10 ms per grammar,
//! plus the pages it touches) before it can match anything. On a pre-commit run of a few files
//! in four languages that analysis was half of the instructions. The rules use a small part of
//! the query language, and matching it over the few nodes around a rule's literals is cheap, so
//! this module reads those patterns itself and walks the tree with them.
//!
//! What it reads: node patterns `(kind ...)`, `(_ ...)`, `_`, anonymous `"text"` nodes, fields
//! `name: ...`, alternations `[...]`, a parenthesised group holding one pattern, captures,
//! anchors `.` next to named patterns, and the text predicates of tree-sitter's Rust binding
//! (`#eq?`, `#match?`, `#any-of?` and their `not-` and `any-` forms; other predicates are, as
//! there, ignored when matching). Anything else (quantifiers, negated fields, supertypes,
//! `ERROR`/`MISSING`, sibling groups) makes [`PatternSet::parse`] return `None`, and the caller
//! compiles a tree-sitter query instead. Queries reach this module only after tree-sitter has
//! accepted them (rules are validated when loaded, and in the test suite), so it need not
//! report syntax errors.
//!
//! Semantics follow tree-sitter's query cursor: a pattern starts at every node inside the byte
//! range; child patterns match the node's visible children in order, skipping others; `(_)`
//! and `_` never match `ERROR` nodes; an anchor before a child pattern means "the next named
//! child", after the last one "no named child follows"; every way of matching is reported
//! (tree-sitter splits its states the same way when a child pattern captures). The text
//! predicates are evaluated as the binding evaluates them, including its vacuous truth for
//! captures that did not take part. `tests/fixtures.rs` and this module's tests compare the
//! matches of both implementations.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use regex::bytes::Regex;
use tree_sitter::{Language, Node};

/// The patterns of one language's rules, ready to match.
pub struct PatternSet {
    patterns: Vec<Pattern>,
    /// For each pattern, the index of the source text it came from.
    sources: Vec<usize>,
    capture_names: Vec<String>,
    /// For each node kind id, the patterns whose root can be that kind.
    roots_by_kind: Vec<Vec<u32>>,
    /// Patterns whose root is a wildcard (tried at every node).
    wildcard_roots: Vec<u32>,
}

/// One top-level pattern and the predicates written anywhere inside it.
struct Pattern {
    root: Pat,
    predicates: Vec<Predicate>,
}

/// What a node must be.
#[derive(Clone, Copy)]
enum Kind {
    /// `(kind)`: a named node of this kind.
    Named(u16),
    /// `"text"`: an anonymous node of this kind.
    Anonymous(u16),
    /// `(_)`: any named node but `ERROR`.
    AnyNamed,
    /// `_`: any node but `ERROR`.
    Any,
}

/// A node pattern or an alternation of them, with the captures written after it.
enum Pat {
    Node { kind: Kind, children: Vec<Child>, captures: Vec<u32> },
    Choice { alternatives: Vec<Pat>, captures: Vec<u32> },
}

/// A pattern in a parent's child list.
struct Child {
    field: Option<u16>,
    /// An anchor before it: it must be the next named child.
    immediate: bool,
    /// An anchor after it (the last child pattern): no named child may follow.
    last: bool,
    pat: Pat,
}

/// A text predicate, as tree-sitter's Rust binding evaluates it.
enum Predicate {
    EqText { capture: u32, text: String, positive: bool, all: bool },
    EqCapture { left: u32, right: u32, positive: bool, all: bool },
    Match { capture: u32, regex: CachedRegex, positive: bool, all: bool },
    AnyOf { capture: u32, values: Vec<String>, positive: bool },
}

/// A `#match?` regex, compiled when first evaluated and shared by every language that uses the
/// same text (JavaScript, TypeScript and TSX run the same patterns).
struct CachedRegex {
    source: String,
    compiled: OnceLock<TextMatcher>,
}

impl CachedRegex {
    fn get(&self) -> &TextMatcher {
        self.compiled.get_or_init(|| {
            static SHARED: OnceLock<Mutex<HashMap<String, TextMatcher>>> = OnceLock::new();
            let mut shared = SHARED.get_or_init(Mutex::default).lock().unwrap_or_else(|e| e.into_inner());
            shared.entry(self.source.clone()).or_insert_with(|| TextMatcher::new(&self.source)).clone()
        })
    }
}

/// How a `#match?` regex is decided. Nearly every one in the rules is a set of words, anchored
/// or not (`^(login|authorize)$`, `(?i)grant_type`, `GetTokenRequest$`): those compare the
/// text with the words, since building a `regex` costs about a million instructions (two
/// dozen of them were a third of a pre-commit run).
#[derive(Clone)]
enum TextMatcher {
    /// The regex matches exactly the texts that hold one of `words` (compared without regard
    /// to ASCII case when `fold`), at the start of the text if `start`, at its end if `end`.
    Words { words: Vec<Vec<u8>>, start: bool, end: bool, fold: bool },
    /// Anything else.
    Regex(Regex),
}

impl TextMatcher {
    fn new(source: &str) -> TextMatcher {
        Self::words(source).unwrap_or_else(|| {
            // Validated by tree-sitter when the rule was loaded; a regex that never matches
            // keeps the impossible case harmless.
            TextMatcher::Regex(Regex::new(source).unwrap_or_else(|_| Regex::new("[^\\s\\S]").expect("valid")))
        })
    }

    /// The word form of `source`, if it has one: a regex whose every match is one of finitely
    /// many literals, with no assertion but `^` before them all and `$` after them all. A
    /// leading `(?i)` becomes an ASCII case-blind comparison, unless a word holds `k` or `s`:
    /// Unicode folds those with the Kelvin sign and the long s too.
    fn words(source: &str) -> Option<TextMatcher> {
        use regex_syntax::hir::Look;
        use regex_syntax::hir::literal::Extractor;
        let (pattern, fold) = match source.strip_prefix("(?i)") {
            Some(rest) => (rest, true),
            None => (source, false),
        };
        // Parsed as `Regex::new` parses it (Unicode classes), so that the words are its matches.
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        let props = hir.properties();
        let start = props.look_set_prefix().contains(Look::Start);
        let end = props.look_set_suffix().contains(Look::End);
        let mut anchors = regex_syntax::hir::LookSet::empty();
        if start {
            anchors = anchors.insert(Look::Start);
        }
        if end {
            anchors = anchors.insert(Look::End);
        }
        // Any other assertion, or `^`/`$` inside, is not a plain comparison.
        if props.look_set() != anchors {
            return None;
        }
        let seq = Extractor::new().extract(&hir);
        if !seq.is_exact() {
            return None;
        }
        let words: Vec<Vec<u8>> = seq.literals()?.iter().map(|l| l.as_bytes().to_vec()).collect();
        // Folded words must be ASCII without `k` or `s`, so that Unicode's folding is ASCII's.
        if fold
            && words.iter().flatten().any(|b| !b.is_ascii() || matches!(b.to_ascii_lowercase(), b'k' | b's'))
        {
            return None;
        }
        Some(TextMatcher::Words { words, start, end, fold })
    }

    fn is_match(&self, text: &[u8]) -> bool {
        match self {
            TextMatcher::Regex(regex) => regex.is_match(text),
            TextMatcher::Words { words, start, end, fold } => {
                let same = |a: &[u8], b: &[u8]| if *fold { a.eq_ignore_ascii_case(b) } else { a == b };
                words.iter().any(|w| {
                    if w.len() > text.len() {
                        return false;
                    }
                    match (start, end) {
                        (true, true) => same(text, w),
                        (true, false) => same(&text[..w.len()], w),
                        (false, true) => same(&text[text.len() - w.len()..], w),
                        (false, false) => text.windows(w.len().max(1)).any(|t| same(t, w)) || w.is_empty(),
                    }
                })
            }
        }
    }
}

/// A match's captures (capture index, node), in the order tree-sitter reports them.
pub type Captured<'t> = [(u32, Node<'t>)];

/// Captures of a match in progress.
type Bound<'t> = Vec<(u32, Node<'t>)>;

/// What to do with each way a pattern matched.
type Then<'a, 't> = &'a mut dyn FnMut(&mut Bound<'t>);

impl PatternSet {
    /// Reads `sources` (each a query text of one or more patterns) for `language`. Patterns are
    /// numbered in order across the sources. `None` if some text uses syntax this module does
    /// not read.
    #[must_use]
    pub fn parse(language: &Language, sources: &[&str]) -> Option<PatternSet> {
        let mut parser = Parser { language, text: "", at: 0, capture_names: Vec::new() };
        let mut patterns = Vec::new();
        let mut pattern_sources = Vec::new();
        for (index, source) in sources.iter().enumerate() {
            parser.text = source;
            parser.at = 0;
            loop {
                parser.skip_trivia();
                if parser.at >= parser.text.len() {
                    break;
                }
                let mut predicates = Vec::new();
                let root = match parser.item(&mut predicates)? {
                    Item::Pat(pat) => pat,
                    Item::Predicate => return None,
                };
                patterns.push(Pattern { root, predicates });
                pattern_sources.push(index);
            }
        }
        let mut roots_by_kind = vec![Vec::new(); language.node_kind_count()];
        let mut wildcard_roots = Vec::new();
        for (index, pattern) in patterns.iter().enumerate() {
            let index = u32::try_from(index).ok()?;
            let mut kinds = Vec::new();
            if root_kinds(&pattern.root, &mut kinds) {
                kinds.sort_unstable();
                kinds.dedup();
                for kind in kinds {
                    roots_by_kind.get_mut(usize::from(kind))?.push(index);
                }
            } else {
                wildcard_roots.push(index);
            }
        }
        Some(PatternSet {
            patterns,
            sources: pattern_sources,
            capture_names: parser.capture_names,
            roots_by_kind,
            wildcard_roots,
        })
    }

    /// The number of patterns.
    #[must_use]
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// For each pattern, the index of the source text (as given to [`PatternSet::parse`]) it
    /// came from.
    #[must_use]
    pub fn pattern_sources(&self) -> &[usize] {
        &self.sources
    }

    /// Capture names, indexed by the capture numbers of a match.
    #[must_use]
    pub fn capture_names(&self) -> &[String] {
        &self.capture_names
    }

    /// The index of a capture name.
    #[must_use]
    pub fn capture_index(&self, name: &str) -> Option<u32> {
        self.capture_names.iter().position(|n| n == name).and_then(|i| u32::try_from(i).ok())
    }

    /// Calls `found` with every match whose root node lies in `range` (tree-sitter's
    /// `QueryCursor::set_byte_range` semantics), in document order of the roots.
    pub fn for_each_match<'t>(
        &self,
        root: Node<'t>,
        src: &[u8],
        range: Range<usize>,
        found: &mut dyn FnMut(usize, &Captured<'t>),
    ) {
        self.for_each_match_of(root, src, range, &|_| true, found);
    }

    /// [`PatternSet::for_each_match`] for the patterns `wanted` accepts only: a file's matching
    /// need not try the patterns of rules that are not candidates for it (their matches would
    /// be dropped), which keeps one rule's costly pattern off files another rule admitted.
    pub fn for_each_match_of<'t>(
        &self,
        root: Node<'t>,
        src: &[u8],
        range: Range<usize>,
        wanted: &dyn Fn(usize) -> bool,
        found: &mut dyn FnMut(usize, &Captured<'t>),
    ) {
        // As `ts_query_cursor_set_byte_range`: a range ending at 0 is the whole tree.
        let range = if range.end == 0 { range.start..usize::MAX } else { range };
        let mut captures = Vec::new();
        let mut cursor = root.walk();
        'walk: loop {
            let node = cursor.node();
            if intersects(node, &range) {
                self.start_at(node, src, wanted, &mut captures, found);
                if cursor.goto_first_child() {
                    continue;
                }
            }
            loop {
                if cursor.goto_next_sibling() {
                    continue 'walk;
                }
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
    }

    /// Tries every pattern that can start at `node`.
    fn start_at<'t>(
        &self,
        node: Node<'t>,
        src: &[u8],
        wanted: &dyn Fn(usize) -> bool,
        captures: &mut Bound<'t>,
        found: &mut dyn FnMut(usize, &Captured<'t>),
    ) {
        let by_kind = self.roots_by_kind.get(usize::from(node.kind_id())).map_or(&[][..], Vec::as_slice);
        for &index in by_kind.iter().chain(&self.wildcard_roots) {
            let index = index as usize;
            if !wanted(index) {
                continue;
            }
            let pattern = &self.patterns[index];
            captures.clear();
            matches(&pattern.root, node, &[], captures, &mut |captures| {
                if pattern.predicates.iter().all(|p| p.holds(captures, src)) {
                    found(index, captures);
                }
            });
        }
    }
}

/// Whether `node` is inside the cursor's byte range, as tree-sitter decides it (an empty node
/// at the start of the range is inside).
fn intersects(node: Node<'_>, range: &Range<usize>) -> bool {
    let (start, end) = (node.start_byte(), node.end_byte());
    let precedes = end < range.start || (start != end && end == range.start);
    !precedes && start < range.end
}

/// The kinds a pattern's root can have; `false` if it can be any kind.
fn root_kinds(pat: &Pat, kinds: &mut Vec<u16>) -> bool {
    match pat {
        Pat::Node { kind: Kind::Named(k) | Kind::Anonymous(k), .. } => {
            kinds.push(*k);
            true
        }
        Pat::Node { .. } => false,
        Pat::Choice { alternatives, .. } => alternatives.iter().all(|alt| root_kinds(alt, kinds)),
    }
}

/// Whether a pattern only matches named nodes (what anchors count).
fn is_named(pat: &Pat) -> bool {
    match pat {
        Pat::Node { kind, .. } => matches!(kind, Kind::Named(_) | Kind::AnyNamed),
        Pat::Choice { alternatives, .. } => alternatives.iter().all(is_named),
    }
}

/// Calls `then` with `captures` extended for every way `pat` matches `node`. `extra` are the
/// captures of enclosing alternations, which belong to the same node.
fn matches<'t>(pat: &Pat, node: Node<'t>, extra: &[u32], captures: &mut Bound<'t>, then: Then<'_, 't>) {
    match pat {
        Pat::Node { kind, children, captures: own } => {
            let accepted = match *kind {
                Kind::Named(k) => node.kind_id() == k && node.is_named(),
                Kind::Anonymous(k) => node.kind_id() == k && !node.is_named(),
                Kind::AnyNamed => node.is_named() && !node.is_error(),
                Kind::Any => !node.is_error(),
            };
            if !accepted {
                return;
            }
            let mark = captures.len();
            captures.extend(own.iter().chain(extra).map(|&c| (c, node)));
            if children.is_empty() {
                then(captures);
            } else {
                let mut cursor = node.walk();
                let mut kids: Vec<(Node<'t>, u16)> = Vec::new();
                if cursor.goto_first_child() {
                    loop {
                        kids.push((cursor.node(), cursor.field_id().map_or(0, |f| f.get())));
                        if !cursor.goto_next_sibling() {
                            break;
                        }
                    }
                }
                match_children(children, &kids, 0, captures, then);
            }
            captures.truncate(mark);
        }
        Pat::Choice { alternatives, captures: own } => {
            let extra: Vec<u32> = own.iter().chain(extra).copied().collect();
            for alternative in alternatives {
                matches(alternative, node, &extra, captures, then);
            }
        }
    }
}

/// Matches `children` in order against `kids[from..]`.
fn match_children<'t>(
    children: &[Child],
    kids: &[(Node<'t>, u16)],
    from: usize,
    captures: &mut Bound<'t>,
    then: Then<'_, 't>,
) {
    let Some((child, rest)) = children.split_first() else {
        then(captures);
        return;
    };
    for (at, &(kid, field)) in kids.iter().enumerate().skip(from) {
        let field_ok = child.field.is_none_or(|f| f == field);
        let last_ok = !child.last || !kids[at + 1..].iter().any(|(k, _)| k.is_named());
        if field_ok && last_ok {
            matches(&child.pat, kid, &[], captures, &mut |captures| {
                match_children(rest, kids, at + 1, captures, then);
            });
        }
        if child.immediate && kid.is_named() {
            break;
        }
    }
}

impl Predicate {
    /// Whether the predicate holds for a complete match.
    fn holds(&self, captures: &Captured<'_>, src: &[u8]) -> bool {
        let text = |node: Node<'_>| src.get(node.byte_range()).unwrap_or_default();
        let nodes = |index: u32| captures.iter().filter(move |(i, _)| *i == index).map(|(_, n)| *n);
        // The binding's loop: with `all`, every node must agree; otherwise one agreeing node
        // suffices, and a capture with no node (or none agreeing) passes.
        let each = |index: u32, positive: bool, all: bool, test: &dyn Fn(&[u8]) -> bool| {
            for node in nodes(index) {
                let agrees = test(text(node)) == positive;
                if !agrees && all {
                    return false;
                }
                if agrees && !all {
                    return true;
                }
            }
            true
        };
        match self {
            Predicate::EqText { capture, text: value, positive, all } => {
                each(*capture, *positive, *all, &|t| t == value.as_bytes())
            }
            Predicate::Match { capture, regex, positive, all } => {
                each(*capture, *positive, *all, &|t| regex.get().is_match(t))
            }
            Predicate::AnyOf { capture, values, positive } => {
                nodes(*capture).all(|n| values.iter().any(|v| v.as_bytes() == text(n)) == *positive)
            }
            Predicate::EqCapture { left, right, positive, all } => {
                let mut lefts = nodes(*left);
                let mut rights = nodes(*right);
                loop {
                    match (lefts.next(), rights.next()) {
                        (Some(l), Some(r)) => {
                            let agrees = (text(l) == text(r)) == *positive;
                            if !agrees && *all {
                                return false;
                            }
                            if agrees && !*all {
                                return true;
                            }
                        }
                        (None, None) => return true,
                        _ => return false,
                    }
                }
            }
        }
    }
}

/// What one bracketed or bare element of a query is.
enum Item {
    Pat(Pat),
    Predicate,
}

/// A recursive-descent reader of query text.
struct Parser<'a> {
    language: &'a Language,
    text: &'a str,
    at: usize,
    capture_names: Vec<String>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_trivia(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.at += 1;
            } else if c == b';' {
                while self.peek().is_some_and(|c| c != b'\n') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// An identifier as tree-sitter reads one (node kinds, fields, capture and predicate names).
    fn identifier(&mut self) -> &str {
        let start = self.at;
        while self.peek().is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'?' | b'!' | b'/')
        }) {
            self.at += 1;
        }
        &self.text[start..self.at]
    }

    /// A string literal with tree-sitter's escapes (`\n`, `\r`, `\t`, `\0`; any other escaped
    /// character stands for itself).
    fn string(&mut self) -> Option<String> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        let mut chars = self.text[self.at..].char_indices();
        while let Some((offset, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += offset + 1;
                    return Some(out);
                }
                '\\' => {
                    let (_, escaped) = chars.next()?;
                    out.push(match escaped {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        '0' => '\0',
                        other => other,
                    });
                }
                other => out.push(other),
            }
        }
        None
    }

    fn capture_id(&mut self, name: &str) -> Option<u32> {
        let index = match self.capture_names.iter().position(|n| n == name) {
            Some(index) => index,
            None => {
                self.capture_names.push(name.to_owned());
                self.capture_names.len() - 1
            }
        };
        u32::try_from(index).ok()
    }

    /// One element: a pattern with its captures, or a predicate (added to `predicates`).
    fn item(&mut self, predicates: &mut Vec<Predicate>) -> Option<Item> {
        self.skip_trivia();
        let mut pat = match self.peek()? {
            b'(' => {
                self.at += 1;
                self.skip_trivia();
                match self.peek()? {
                    b'#' => {
                        self.predicate(predicates)?;
                        return Some(Item::Predicate);
                    }
                    b'(' | b'[' | b'"' => self.group(predicates)?,
                    _ => self.node(predicates)?,
                }
            }
            b'[' => {
                self.at += 1;
                let mut alternatives = Vec::new();
                loop {
                    self.skip_trivia();
                    if self.peek()? == b']' {
                        self.at += 1;
                        break;
                    }
                    match self.item(predicates)? {
                        Item::Pat(pat) => alternatives.push(pat),
                        Item::Predicate => return None,
                    }
                }
                Pat::Choice { alternatives, captures: Vec::new() }
            }
            b'"' => {
                let text = self.string()?;
                let id = self.language.id_for_node_kind(&text, false);
                if id == 0 {
                    return None;
                }
                Pat::Node { kind: Kind::Anonymous(id), children: Vec::new(), captures: Vec::new() }
            }
            b'_' if !self
                .text
                .as_bytes()
                .get(self.at + 1)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') =>
            {
                self.at += 1;
                Pat::Node { kind: Kind::Any, children: Vec::new(), captures: Vec::new() }
            }
            _ => return None,
        };
        // Suffixes: captures; a quantifier is not read here.
        loop {
            self.skip_trivia();
            match self.peek() {
                Some(b'@') => {
                    self.at += 1;
                    let name = self.identifier().to_owned();
                    if name.is_empty() {
                        return None;
                    }
                    let id = self.capture_id(&name)?;
                    match &mut pat {
                        Pat::Node { captures, .. } | Pat::Choice { captures, .. } => captures.push(id),
                    }
                }
                Some(b'*' | b'+' | b'?') => return None,
                _ => break,
            }
        }
        Some(Item::Pat(pat))
    }

    /// `( pattern predicates... )`, after the opening bracket: a group of exactly one pattern.
    fn group(&mut self, predicates: &mut Vec<Predicate>) -> Option<Pat> {
        let mut only = None;
        loop {
            self.skip_trivia();
            if self.peek()? == b')' {
                self.at += 1;
                return only;
            }
            if let Item::Pat(pat) = self.item(predicates)?
                && only.replace(pat).is_some()
            {
                return None; // a sequence of siblings
            }
        }
    }

    /// `(kind children...)` or `(_ children...)`, after the opening bracket.
    fn node(&mut self, predicates: &mut Vec<Predicate>) -> Option<Pat> {
        let name = self.identifier().to_owned();
        let kind = match name.as_str() {
            "_" => Kind::AnyNamed,
            "" | "ERROR" | "MISSING" => return None,
            _ if name.contains(['/', '.', '?', '!']) => return None,
            _ => match self.language.id_for_node_kind(&name, true) {
                0 => return None,
                id => Kind::Named(id),
            },
        };
        let mut children: Vec<Child> = Vec::new();
        let mut anchored = false;
        loop {
            self.skip_trivia();
            match self.peek()? {
                b')' => {
                    self.at += 1;
                    if anchored {
                        let last = children.last_mut()?;
                        if !is_named(&last.pat) {
                            return None;
                        }
                        last.last = true;
                    }
                    return Some(Pat::Node { kind, children, captures: Vec::new() });
                }
                b'.' => {
                    self.at += 1;
                    anchored = true;
                }
                b'!' => return None,
                _ => {
                    let field = self.field()?;
                    match self.item(predicates)? {
                        Item::Predicate => {}
                        Item::Pat(pat) => {
                            // Anchors next to anonymous patterns follow rules of their own.
                            if anchored
                                && (!is_named(&pat) || children.last().is_some_and(|c| !is_named(&c.pat)))
                            {
                                return None;
                            }
                            children.push(Child { field, immediate: anchored, last: false, pat });
                            anchored = false;
                        }
                    }
                }
            }
        }
    }

    /// An optional `field:` prefix, resolved to the grammar's field id.
    fn field(&mut self) -> Option<Option<u16>> {
        let start = self.at;
        let name = self.identifier().to_owned();
        self.skip_trivia();
        if !name.is_empty() && self.peek() == Some(b':') {
            self.at += 1;
            return Some(Some(self.language.field_id_for_name(&name)?.get()));
        }
        self.at = start;
        Some(None)
    }

    /// `(#name? args...)` after the opening bracket.
    fn predicate(&mut self, predicates: &mut Vec<Predicate>) -> Option<()> {
        self.at += 1; // '#'
        let name = self.identifier().to_owned();
        let mut args: Vec<Result<u32, String>> = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek()? {
                b')' => {
                    self.at += 1;
                    break;
                }
                b'@' => {
                    self.at += 1;
                    let capture = self.identifier().to_owned();
                    args.push(Ok(self.capture_id(&capture)?));
                }
                b'"' => args.push(Err(self.string()?)),
                _ => {
                    let word = self.identifier().to_owned();
                    if word.is_empty() {
                        return None;
                    }
                    args.push(Err(word));
                }
            }
        }
        let positive = !name.contains("not-");
        let all = !name.starts_with("any-") || name == "any-of?";
        let predicate = match (name.as_str(), args.as_slice()) {
            ("eq?" | "not-eq?" | "any-eq?" | "any-not-eq?", [Ok(capture), Err(text)]) => {
                Predicate::EqText { capture: *capture, text: text.clone(), positive, all }
            }
            ("eq?" | "not-eq?" | "any-eq?" | "any-not-eq?", [Ok(left), Ok(right)]) => {
                Predicate::EqCapture { left: *left, right: *right, positive, all }
            }
            ("match?" | "not-match?" | "any-match?" | "any-not-match?", [Ok(capture), Err(source)]) => {
                Predicate::Match {
                    capture: *capture,
                    regex: CachedRegex { source: source.clone(), compiled: OnceLock::new() },
                    positive,
                    all,
                }
            }
            ("any-of?" | "not-any-of?", [Ok(capture), values @ ..]) => Predicate::AnyOf {
                capture: *capture,
                values: values.iter().map(|v| v.clone().err()).collect::<Option<_>>()?,
                positive,
            },
            // Malformed text predicates were rejected when the rule was loaded; anything else
            // (`#set!`, `#is?`, custom ones) does not take part in matching.
            (
                "eq?" | "not-eq?" | "any-eq?" | "any-not-eq?" | "match?" | "not-match?" | "any-match?"
                | "any-not-match?" | "any-of?" | "not-any-of?",
                _,
            ) => return None,
            _ => return Some(()),
        };
        predicates.push(predicate);
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use tree_sitter::{Parser as TsParser, Query, QueryCursor, StreamingIterator as _};

    use super::*;
    use crate::lang::Lang;

    /// A match as text: pattern index and `(capture name, node text)` pairs.
    type Seen = (usize, Vec<(String, String)>);

    /// Every `#match?` regex of the built-in rules, unescaped as tree-sitter reads the string.
    fn rule_match_sources() -> Vec<String> {
        let set = crate::rules::RuleSet::builtin().expect("built-in rules load");
        let predicate =
            Regex::new(r#"#(?:any-)?(?:not-)?match\?\s+@\w+\s+"((?:[^"\\]|\\.)*)""#).expect("valid");
        let mut sources: Vec<String> = set
            .rules
            .iter()
            .flat_map(|r| r.queries.iter())
            .flat_map(|q| {
                predicate
                    .captures_iter(q.text.as_bytes())
                    .map(|c| String::from_utf8_lossy(&c[1]).replace("\\\"", "\"").replace("\\\\", "\\"))
                    .collect::<Vec<_>>()
            })
            .collect();
        sources.sort();
        sources.dedup();
        sources
    }

    #[test]
    fn word_matchers_decide_as_the_regex_does() {
        let mut sources = rule_match_sources();
        assert!(sources.len() >= 20, "found only {} #match? regexes in the rules", sources.len());
        // Shapes the rules do not use (yet), each on a side of the word form's limits.
        sources.extend(
            [
                "^get",
                "token$",
                "(?i)^task$",
                "(?i)key",
                "a|^b",
                "^a$|b",
                "\\bword",
                "^\\d$",
                "(?m)^x$",
                "^$",
                "x*",
                "(?i)Ω",
            ]
            .map(str::to_owned),
        );
        let mut samples: Vec<String> = [
            "", "k", "K", "\u{212a}", "s", "\u{17f}", "\u{660}", "7", "x", "xx", "a", "b", "ab", "word",
            "a word", "Ω", "ω",
        ]
        .map(str::to_owned)
        .into();
        let words = Regex::new("[A-Za-z_]{2,}").expect("valid");
        for source in &sources {
            for w in words.find_iter(source.as_bytes()) {
                let w = String::from_utf8_lossy(w.as_bytes()).into_owned();
                samples.extend([
                    w.to_ascii_uppercase(),
                    w.to_ascii_lowercase(),
                    format!("x{w}"),
                    format!("{w}x"),
                    format!("{w}'"),
                    w[1..].to_owned(),
                    w.replace('_', "-"),
                    w.replace('_', ""),
                    w.replace('k', "\u{212a}").replace('s', "\u{17f}"),
                    w,
                ]);
            }
        }
        let mut as_words = 0;
        for source in &sources {
            let matcher = TextMatcher::new(source);
            as_words += usize::from(matches!(matcher, TextMatcher::Words { .. }));
            let regex = Regex::new(source).expect("valid");
            for sample in &samples {
                assert_eq!(
                    matcher.is_match(sample.as_bytes()),
                    regex.is_match(sample.as_bytes()),
                    "{source:?} on {sample:?}"
                );
            }
        }
        assert!(as_words >= 20, "only {as_words} regexes took the word form");
    }

    #[test]
    fn ascii_letters_other_than_k_and_s_fold_only_with_each_other() {
        // The word form compares `(?i)` words over ASCII; Unicode's simple case folding, which
        // the regex crate applies, must add nothing else to a letter without `k` or `s`.
        let cased: Vec<char> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && (c.is_lowercase() || c.is_uppercase()))
            .collect();
        for letter in ('a'..='z').filter(|l| !matches!(l, 'k' | 's')) {
            let regex = Regex::new(&format!("(?i)^{letter}$")).expect("valid");
            let extra: Vec<&char> =
                cased.iter().filter(|c| regex.is_match(c.to_string().as_bytes())).collect();
            assert!(extra.is_empty(), "(?i){letter} also matches {extra:?}");
        }
    }

    fn tree(lang: Lang, src: &str) -> tree_sitter::Tree {
        let mut parser = TsParser::new();
        parser.set_language(&lang.grammar().expect("grammar")).expect("loads");
        parser.parse(src, None).expect("parses")
    }

    fn native(lang: Lang, query: &str, src: &str, range: Range<usize>) -> Vec<Seen> {
        let set = PatternSet::parse(&lang.grammar().expect("grammar"), &[query]).expect("reads");
        let tree = tree(lang, src);
        let mut seen = Vec::new();
        set.for_each_match(tree.root_node(), src.as_bytes(), range, &mut |pattern, captures| {
            let named = captures
                .iter()
                .map(|(i, n)| (set.capture_names()[*i as usize].clone(), src[n.byte_range()].to_owned()))
                .collect();
            seen.push((pattern, named));
        });
        seen
    }

    fn tree_sitter(lang: Lang, query: &str, src: &str, range: Range<usize>) -> Vec<Seen> {
        let query = Query::new(&lang.grammar().expect("grammar"), query).expect("compiles");
        let tree = tree(lang, src);
        let mut cursor = QueryCursor::new();
        cursor.set_byte_range(range);
        let mut matches = cursor.matches(&query, tree.root_node(), src.as_bytes());
        let mut seen = Vec::new();
        while let Some(m) = matches.next() {
            let named = m
                .captures
                .iter()
                .map(|c| {
                    (query.capture_names()[c.index as usize].to_owned(), src[c.node.byte_range()].to_owned())
                })
                .collect();
            seen.push((m.pattern_index, named));
        }
        seen
    }

    /// The native matches, checked against tree-sitter's (as sets: the two report matches in
    /// different orders, and tree-sitter merges matches that capture the same nodes).
    fn agreed(lang: Lang, query: &str, src: &str) -> Vec<Seen> {
        agreed_in(lang, query, src, 0..src.len())
    }

    fn agreed_in(lang: Lang, query: &str, src: &str, range: Range<usize>) -> Vec<Seen> {
        let mut ours = native(lang, query, src, range.clone());
        let mut theirs = tree_sitter(lang, query, src, range);
        ours.sort();
        ours.dedup();
        theirs.sort();
        theirs.dedup();
        assert_eq!(ours, theirs, "query {query}\non {src}");
        ours
    }

    fn caps(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    }

    #[test]
    fn fields_alternations_and_predicates_match_as_tree_sitter_does() {
        let query = r#"(call_expression
              function: [(identifier) @name (member_expression property: (property_identifier) @name)]
              arguments: (arguments) @args
              (#match? @name "^(login|auth)$")) @call"#;
        let src = "login(a); rc.auth(b); rc.logout(c); x.y.login(d, e);";
        let seen = agreed(Lang::JavaScript, query, src);
        assert_eq!(seen.len(), 3, "{seen:?}");
        assert!(seen.contains(&(0, caps(&[("call", "rc.auth(b)"), ("name", "auth"), ("args", "(b)")]))));
    }

    #[test]
    fn anchors_mean_first_next_and_last_named_child() {
        let query = r#"((array . (string) @key . (string) @value .) @match (#match? @key "grant"))"#;
        let src = r#"a = ["grant_type", "password"];
                     b = ["grant_type", "password", "extra"];
                     c = [1, "grant_type", "password"];
                     d = ["grant_type", /* note */ "password"];"#;
        let seen = agreed(Lang::JavaScript, query, src);
        assert_eq!(seen.len(), 1, "{seen:?}");
        // Without anchors every ordered pair is a match.
        let loose = r#"(array (string) @key (string) @value)"#;
        assert_eq!(agreed(Lang::JavaScript, loose, r#"x = ["a", "b", "c"];"#).len(), 3);
    }

    #[test]
    fn predicates_follow_the_bindings_semantics() {
        let src = r#"f("a", "a"); f("a", "b"); g("x"); h(y);"#;
        for query in [
            r#"(call_expression arguments: (arguments (string) @l (string) @r) (#eq? @l @r)) @c"#,
            r#"(call_expression arguments: (arguments (string) @l (string) @r) (#not-eq? @l @r)) @c"#,
            r#"(call_expression function: (identifier) @f (#any-of? @f "g" "h")) @c"#,
            r#"(call_expression function: (identifier) @f (#not-any-of? @f "g" "h")) @c"#,
            r#"(call_expression function: (identifier) @f (#not-match? @f "^[gh]$")) @c"#,
            r#"(call_expression function: (identifier) @f (#any-eq? @f "g")) @c"#,
            // A predicate on a capture that did not take part holds.
            r#"(call_expression arguments: (arguments [(string) @s (identifier) @i]) (#eq? @s "\"x\"")) @c"#,
            // Unknown predicates take no part in matching.
            r#"((identifier) @i (#set! kind "name") (#is? local))"#,
        ] {
            assert!(!agreed(Lang::JavaScript, query, src).is_empty(), "{query}");
        }
    }

    #[test]
    fn wildcards_anonymous_nodes_groups_and_escapes() {
        let src = "x = {\"grant_type\": 'pass\"word', 'k': 1}\nfoo(\n";
        for query in [
            r#"(pair key: (_) @k value: _ @v)"#,
            r#"(dictionary "{" @open (pair) @p)"#,
            r#"((string) @s (#match? @s "pass\"word"))"#,
            r#"((string) @s (#match? @s "\\\"grant"))"#,
            r#"(_ (identifier) @id) @parent"#,
            "; a comment (with brackets]\n(call function: (identifier) @f) @c",
        ] {
            agreed(Lang::Python, query, src);
        }
    }

    #[test]
    fn byte_ranges_limit_where_patterns_start() {
        let src = "a.login(1);\nb.login(2);\nc.login(3);\n";
        let query =
            r#"(call_expression function: (member_expression property: (property_identifier) @m)) @c"#;
        let second = src.find("b.login").expect("present");
        let seen = agreed_in(Lang::JavaScript, query, src, second..second + 3);
        assert_eq!(seen.len(), 1, "{seen:?}");
        // Edges: a range ending at 0 is the whole tree (as in tree-sitter); ranges that touch a
        // node's end or start.
        assert_eq!(agreed_in(Lang::JavaScript, query, src, 0..0).len(), 3);
        for range in [10..11, 11..12, 12..13, 9..10] {
            agreed_in(Lang::JavaScript, query, src, range);
        }
    }

    #[test]
    fn every_built_in_pattern_set_reads_natively() {
        let set = crate::rules::RuleSet::builtin().expect("loads");
        for lang in Lang::ALL {
            let texts: Vec<&str> =
                set.rules.iter().filter_map(|r| r.query(lang)).map(|q| q.text.as_str()).collect();
            if texts.is_empty() {
                continue;
            }
            let grammar = lang.grammar().expect("grammar");
            let native = PatternSet::parse(&grammar, &texts).unwrap_or_else(|| panic!("{lang} reads"));
            let compiled = Query::new(&grammar, &texts.join("\n")).expect("compiles");
            assert_eq!(native.pattern_count(), compiled.pattern_count(), "{lang}");
        }
    }

    #[test]
    fn syntax_it_does_not_read_is_left_to_tree_sitter() {
        let grammar = Lang::JavaScript.grammar().expect("grammar");
        for query in [
            "(comment)* @c",
            "(call_expression (arguments)?)",
            "(call_expression !arguments)",
            "(primary_expression/identifier)",
            "(ERROR) @e",
            "((comment) (function_declaration))",
            "(arguments . \"(\" (string))",
            "(arguments (string) . _)",
            "(call_expression",
        ] {
            assert!(PatternSet::parse(&grammar, &[query]).is_none(), "{query}");
            assert!(Query::new(&grammar, query).is_ok() || query == "(call_expression", "{query} is valid");
        }
    }
}

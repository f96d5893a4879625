//! The literal gate: Aho-Corasick automata over the rules' prefilter literals decide which rules
//! can possibly match a file. A file with no candidate rule is never parsed.

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::lang::Lang;

/// Which rules may match, as a bit set over rule indices (rules are few).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Candidates(u128);

impl Candidates {
    /// Whether no rule can match.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether rule `index` can match.
    #[must_use]
    pub fn contains(self, index: usize) -> bool {
        index < 128 && self.0 & (1 << index) != 0
    }

    /// Rule indices, ascending.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..128).filter(move |i| self.contains(*i))
    }

    /// The candidates for which `keep` holds.
    #[must_use]
    pub fn retain(self, mut keep: impl FnMut(usize) -> bool) -> Candidates {
        Candidates(self.iter().filter(|&i| keep(i)).fold(0, |m, i| m | 1 << i))
    }
}

/// Text an automaton searches as a contiguous NFA before it is rebuilt as a DFA.
const TIER_UP_BYTES: usize = 1 << 20;

/// An Aho-Corasick automaton in two tiers, each built on first use: a contiguous NFA, then,
/// once [`TIER_UP_BYTES`] of text have gone through it, a DFA. A DFA searches faster but costs
/// several times as much to build (the gate's were 8 M of the 76 M instructions of a 20-file
/// pre-commit run), which only pays off over megabytes of text. The two find the same matches.
struct Tiered {
    literals: Vec<String>,
    kind: MatchKind,
    nfa: OnceLock<Option<AhoCorasick>>,
    dfa: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
}

impl Tiered {
    fn new(literals: Vec<String>, kind: MatchKind) -> Tiered {
        Tiered { literals, kind, nfa: OnceLock::new(), dfa: OnceLock::new(), searched: AtomicUsize::new(0) }
    }

    fn build(&self, kind: AhoCorasickKind) -> Option<AhoCorasick> {
        AhoCorasickBuilder::new().match_kind(self.kind).kind(Some(kind)).build(&self.literals).ok()
    }

    /// The automaton to search `len` more bytes with (`None` if aho-corasick refused the
    /// literals, which [`Prefilter::new`] has already ruled out for the full set).
    fn for_search(&self, len: usize) -> Option<&AhoCorasick> {
        let tier_up =
            self.dfa.get().is_some() || self.searched.fetch_add(len, Ordering::Relaxed) + len > TIER_UP_BYTES;
        if tier_up && let Some(dfa) = self.dfa.get_or_init(|| self.build(AhoCorasickKind::DFA)) {
            return Some(dfa);
        }
        // A DFA too large to build: the NFA serves on.
        self.nfa.get_or_init(|| self.build(AhoCorasickKind::ContiguousNFA)).as_ref()
    }
}

thread_local! {
    /// The ASCII-lowercased chunk of text being gated, reused across files.
    static LOWERED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Bytes of text lowered at a time by the quick check.
const CHUNK: usize = 64 * 1024;

/// Whether `quick` (built from lowered literals, at most `longest` bytes long) matches the
/// ASCII-lowercased `haystack`.
///
/// The literals are matched without regard to ASCII case. Rather than asking the automata to
/// ignore case (which turns off aho-corasick's vectorised prefilters and makes the gate walk the
/// file byte by byte), the text is lowered chunk by chunk into a small reused buffer and matched
/// exactly; chunks overlap by `longest - 1` bytes so no literal is cut in two.
fn lowered_chunks_match(quick: &AhoCorasick, haystack: &[u8], longest: usize) -> bool {
    LOWERED.with_borrow_mut(|buffer| {
        let overlap = longest.saturating_sub(1).min(CHUNK / 2);
        let mut start = 0;
        loop {
            let end = (start + CHUNK).min(haystack.len());
            buffer.clear();
            buffer.extend_from_slice(&haystack[start..end]);
            buffer.make_ascii_lowercase();
            if quick.is_match(buffer.as_slice()) {
                return true;
            }
            if end == haystack.len() {
                return false;
            }
            start = end - overlap;
        }
    })
}

/// What one rule needs to find in a file before it is worth parsing.
#[derive(Debug, Clone, Default)]
pub struct RuleLiterals {
    /// Languages the rule applies to.
    pub languages: Vec<Lang>,
    /// At least one of these must occur.
    pub any: Vec<String>,
    /// Languages for which another list replaces `any`.
    pub any_by_lang: Vec<(Lang, Vec<String>)>,
    /// And, for each group, at least one of its literals.
    pub all: Vec<Vec<String>>,
}

/// The gate for a list of rules.
pub struct Prefilter {
    /// Distinct literal sets of the languages' rules, for the exhaustive scan of a candidate
    /// file. Per language rather than one for all: a literal of another language's rules (`rc`,
    /// a C# and Java receiver word) would stop the search in nearly every line of a PHP or
    /// JavaScript file.
    full_sets: Vec<FullSet>,
    /// For each language, the index in `full_sets` of its rules' literals (`None`: none).
    full_of_lang: Vec<(Lang, Option<usize>)>,
    /// Number of distinct literals.
    literal_count: usize,
    /// Per rule: its literal ids.
    rules: Vec<RuleIds>,
    /// For each language, the rules (bit set) that apply to it.
    rules_of_lang: Vec<(Lang, u128)>,
    /// For each language, the index in `quick_sets` of the `any` literals of its rules (`None`:
    /// its rules have none, so no file of the language is a candidate).
    quick_of_lang: Vec<(Lang, Option<usize>)>,
    /// Distinct `any` literal sets (JavaScript, TypeScript and TSX share theirs), each with a
    /// leftmost-first automaton: one `is_match` pass that stops at the first hit and uses the
    /// crate's fast prefilters, so the great majority of files (no literal of any of their
    /// language's rules) never pay for the exhaustive overlapping scan below. The automata are
    /// built on first use: a pre-commit run sees two or three languages of eighteen, and building
    /// a case-insensitive DFA costs about a millisecond each.
    quick_sets: Vec<QuickSet>,
}

/// The literals (`any` and `all`) of one language's rules and their automata, built when first
/// needed.
///
/// The exhaustive scan wants every occurrence of every literal, overlapping ones included
/// (`password(` holds `password`). An overlapping search cannot use aho-corasick's vectorised
/// prefilters and steps through the text byte by byte (3-5 ns a byte on the corpus's candidate
/// files), while a leftmost-first search skips ahead between hits (about 1 ns a byte). Every
/// occurrence of a literal overlaps a match of the leftmost-first search (the search, resumed
/// before the occurrence, reports a match that starts at or before it), so the overlapping
/// search runs only in windows around those matches, widened by the longest literal.
struct FullSet {
    /// The global literal id of each of the automata's patterns, ascending.
    ids: Vec<usize>,
    /// Length of the longest literal, in bytes.
    longest: usize,
    /// Leftmost-first: finds where to look.
    locate: Tiered,
    /// Every occurrence, in the windows around `locate`'s matches.
    every: OnceLock<Option<AhoCorasick>>,
}

impl FullSet {
    /// Calls `found` with every occurrence of the set's literals in the lowered `haystack`
    /// (pattern index, range), in order of their end, so each literal's in text order. `None`:
    /// an automaton could not be built, which [`Prefilter::new`] has ruled out.
    fn for_each_occurrence(&self, haystack: &[u8], mut found: impl FnMut(usize, Range<usize>)) -> Option<()> {
        let locate = self.locate.for_search(haystack.len())?;
        let every = self
            .every
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&self.locate.literals)
                    .ok()
            })
            .as_ref()?;
        let reach = self.longest.saturating_sub(1);
        let mut search = |window: Range<usize>| {
            for m in every.find_overlapping_iter(aho_corasick::Input::new(haystack).span(window)) {
                found(m.pattern().as_usize(), m.start()..m.end());
            }
        };
        // Windows come in order of their start; overlapping ones are merged, so no occurrence
        // lies in two of them.
        let mut window: Option<Range<usize>> = None;
        for m in locate.find_iter(haystack) {
            let around = m.start().saturating_sub(reach)..(m.end() + reach).min(haystack.len());
            match &mut window {
                Some(current) if around.start <= current.end => current.end = current.end.max(around.end),
                _ => {
                    if let Some(done) = window.replace(around) {
                        search(done);
                    }
                }
            }
        }
        if let Some(done) = window {
            search(done);
        }
        Some(())
    }
}

/// A rule's literals, as ids into the prefilter's distinct literals.
struct RuleIds {
    /// `any`.
    any: Vec<usize>,
    /// The languages' own `any`.
    any_by_lang: Vec<(Lang, Vec<usize>)>,
    /// Every list of `any` at once, for documents (Markdown, HTML), whose code blocks may be
    /// in any of the rule's languages.
    any_union: Vec<usize>,
    /// Each `all` group.
    all: Vec<Vec<usize>>,
}

impl RuleIds {
    /// The `any` literals a `lang` file must hold one of.
    fn any_for(&self, lang: Lang) -> &[usize] {
        if lang.is_container() {
            return &self.any_union;
        }
        let lang = lang.rule_lang();
        self.any_by_lang.iter().find(|(l, _)| *l == lang).map_or(&self.any, |(_, ids)| ids)
    }
}

/// One distinct set of `any` literals and its automaton, built when first needed.
struct QuickSet {
    /// Length of the longest literal, in bytes.
    longest: usize,
    /// `None` from a search: the build failed (it cannot, the full automaton holds these
    /// literals and more); the gate then skips the quick pass.
    automaton: Tiered,
}

/// Prefilter construction error (more than 128 rules, or an automaton too large).
#[derive(Debug, thiserror::Error)]
pub enum PrefilterError {
    /// The bit set holds 128 rules.
    #[error("too many rules ({0}); at most 128 can run at once")]
    TooManyRules(usize),
    /// Aho-Corasick refused the literals.
    #[error("cannot build the literal prefilter: {0}")]
    Build(#[from] aho_corasick::BuildError),
}

impl Prefilter {
    /// Builds the gate for the given rules (rule `i` is bit `i` of [`Candidates`]).
    ///
    /// # Errors
    /// When there are more than 128 rules.
    pub fn new(rules: &[RuleLiterals]) -> Result<Prefilter, PrefilterError> {
        if rules.len() > 128 {
            return Err(PrefilterError::TooManyRules(rules.len()));
        }
        let mut literals: Vec<String> = Vec::new();
        let mut id = |lit: &str| {
            let lit = lit.to_ascii_lowercase();
            match literals.iter().position(|l| *l == lit) {
                Some(i) => i,
                None => {
                    literals.push(lit);
                    literals.len() - 1
                }
            }
        };
        let ids: Vec<RuleIds> = rules
            .iter()
            .map(|r| {
                let any: Vec<usize> = r.any.iter().map(|l| id(l)).collect();
                let any_by_lang: Vec<(Lang, Vec<usize>)> = r
                    .any_by_lang
                    .iter()
                    .map(|(lang, lits)| (*lang, lits.iter().map(|l| id(l)).collect()))
                    .collect();
                let mut any_union: Vec<usize> =
                    any.iter().chain(any_by_lang.iter().flat_map(|(_, ids)| ids)).copied().collect();
                any_union.sort_unstable();
                any_union.dedup();
                let all = r.all.iter().map(|g| g.iter().map(|l| id(l)).collect()).collect();
                RuleIds { any, any_by_lang, any_union, all }
            })
            .collect();
        if !literals.is_empty() {
            // Built now: literals aho-corasick refuses are an error here, not a gate that
            // silently finds nothing later. Every language's set is a subset of these.
            AhoCorasickBuilder::new().kind(Some(AhoCorasickKind::ContiguousNFA)).build(&literals)?;
        }
        let rules_of_lang: Vec<(Lang, u128)> = Lang::ALL
            .into_iter()
            .map(|lang| {
                let mask = rules
                    .iter()
                    .enumerate()
                    // A document (Markdown, HTML) may hold code of every language.
                    .filter(|(_, r)| lang.is_container() || r.languages.contains(&lang.rule_lang()))
                    .fold(0u128, |m, (i, _)| m | 1 << i);
                (lang, mask)
            })
            .collect();
        let mut quick_sets: Vec<QuickSet> = Vec::new();
        let quick_of_lang = rules_of_lang
            .iter()
            .map(|&(lang, mask)| {
                let mut any: Vec<String> = Vec::new();
                for (i, r) in ids.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        any.extend(r.any_for(lang).iter().map(|&l| literals[l].clone()));
                    }
                }
                any.sort();
                any.dedup();
                if any.is_empty() {
                    return (lang, None);
                }
                let index =
                    quick_sets.iter().position(|q| q.automaton.literals == any).unwrap_or_else(|| {
                        let longest = any.iter().map(String::len).max().unwrap_or(0);
                        quick_sets.push(QuickSet {
                            longest,
                            automaton: Tiered::new(any, MatchKind::LeftmostFirst),
                        });
                        quick_sets.len() - 1
                    });
                (lang, Some(index))
            })
            .collect();
        let mut full_sets: Vec<FullSet> = Vec::new();
        let full_of_lang = rules_of_lang
            .iter()
            .map(|&(lang, mask)| {
                let mut ids: Vec<usize> = ids
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .flat_map(|(_, r)| r.any_for(lang).iter().chain(r.all.iter().flatten()).copied())
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                if ids.is_empty() {
                    return (lang, None);
                }
                let index = full_sets.iter().position(|f| f.ids == ids).unwrap_or_else(|| {
                    let own: Vec<String> = ids.iter().map(|&i| literals[i].clone()).collect();
                    let longest = own.iter().map(String::len).max().unwrap_or(0);
                    full_sets.push(FullSet {
                        ids,
                        longest,
                        locate: Tiered::new(own, MatchKind::LeftmostFirst),
                        every: OnceLock::new(),
                    });
                    full_sets.len() - 1
                });
                (lang, Some(index))
            })
            .collect();
        Ok(Prefilter {
            full_sets,
            full_of_lang,
            literal_count: literals.len(),
            rules: ids,
            rules_of_lang,
            quick_of_lang,
            quick_sets,
        })
    }

    /// Rules that apply to `lang` at all.
    #[must_use]
    pub fn rules_for(&self, lang: Lang) -> Candidates {
        Candidates(self.rules_of_lang.iter().find(|(l, _)| *l == lang).map_or(0, |(_, m)| *m))
    }

    /// Rules of `lang` whose literal conditions hold in `haystack`.
    #[must_use]
    pub fn candidates(&self, lang: Lang, haystack: &[u8]) -> Candidates {
        self.scan(lang, haystack).0
    }

    /// Like [`Prefilter::candidates`], plus where each candidate rule's `any` literals occur
    /// (`None` for a rule whose literals occur too often to be worth narrowing): the engine
    /// runs a rule's query only around these places, since every match contains one.
    #[must_use]
    pub fn scan(&self, lang: Lang, haystack: &[u8]) -> (Candidates, Vec<Option<Vec<Range<usize>>>>) {
        const MAX_HITS: usize = 512;
        let wanted = self.rules_for(lang);
        let Some((_, Some(full))) = self.full_of_lang.iter().find(|(l, _)| *l == lang) else {
            return (Candidates(0), Vec::new());
        };
        let full = &self.full_sets[*full];
        if wanted.is_empty() {
            return (Candidates(0), Vec::new());
        }
        // Every candidate needs one of its `any` literals: most files have none.
        match self.quick_of_lang.iter().find(|(l, _)| *l == lang) {
            Some((_, Some(set))) => {
                let set = &self.quick_sets[*set];
                if let Some(quick) = set.automaton.for_search(haystack.len())
                    && !lowered_chunks_match(quick, haystack, set.longest)
                {
                    return (Candidates(0), Vec::new());
                }
            }
            Some((_, None)) => return (Candidates(0), Vec::new()),
            None => {}
        }
        // A candidate (few files): the exhaustive scan over the whole lowered text.
        let lowered = haystack.to_ascii_lowercase();
        let mut hits: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.literal_count];
        let mut overflow = vec![false; self.literal_count];
        let scanned = full.for_each_occurrence(&lowered, |pattern, at| {
            let i = full.ids[pattern];
            if hits[i].len() < MAX_HITS {
                hits[i].push(at);
            } else {
                overflow[i] = true;
            }
        });
        if scanned.is_none() {
            return (Candidates(0), Vec::new());
        }
        let any_found = |ids: &[usize]| ids.iter().any(|&i| !hits[i].is_empty());
        let mut out = 0u128;
        let mut places = vec![None; self.rules.len()];
        for index in wanted.iter() {
            let RuleIds { all, .. } = &self.rules[index];
            let any = self.rules[index].any_for(lang);
            if any_found(any) && all.iter().all(|g| any_found(g)) {
                out |= 1 << index;
                if !any.iter().any(|&i| overflow[i]) {
                    let mut ranges: Vec<Range<usize>> =
                        any.iter().flat_map(|&i| hits[i].iter().cloned()).collect();
                    ranges.sort_by_key(|r| r.start);
                    places[index] = Some(ranges);
                }
            }
        }
        (Candidates(out), places)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_across_chunk_boundaries_are_found() {
        let pf = Prefilter::new(&[RuleLiterals {
            languages: vec![Lang::JavaScript],
            any: vec!["grant_type".to_owned()],
            all: Vec::new(),
            ..RuleLiterals::default()
        }])
        .expect("builds");
        for at in [CHUNK - 5, CHUNK - 1, CHUNK, 2 * CHUNK - 3] {
            let mut text = vec![b'x'; 3 * CHUNK];
            text[at..at + 10].copy_from_slice(b"GRANT_type");
            assert!(pf.candidates(Lang::JavaScript, &text).contains(0), "literal at {at}");
        }
        assert!(pf.candidates(Lang::JavaScript, &vec![b'x'; 3 * CHUNK]).is_empty());
    }

    #[test]
    fn both_tiers_find_the_same() {
        let pf = Prefilter::new(&[
            RuleLiterals {
                languages: vec![Lang::Php],
                any: vec!["->login".to_owned()],
                ..RuleLiterals::default()
            },
            RuleLiterals {
                languages: vec![Lang::Php],
                any: vec!["grant_type".to_owned(), "login".to_owned()],
                all: vec![vec!["password".to_owned()]],
                ..RuleLiterals::default()
            },
        ])
        .expect("builds");
        let text = b"<?php $p->Login($u, $e, $pw); $b = 'GRANT_TYPE=password&x=login';";
        let first = pf.scan(Lang::Php, text);
        assert!(pf.full_sets.iter().all(|f| f.locate.dfa.get().is_none()), "still an NFA");
        assert_eq!(first.0.iter().collect::<Vec<_>>(), [0, 1]);
        let big = [b"// nothing here\n".as_slice(); 70_000].concat();
        assert!(pf.scan(Lang::Php, &big).0.is_empty());
        assert!(pf.scan(Lang::Php, &big).0.is_empty());
        assert!(pf.quick_sets.iter().any(|q| q.automaton.dfa.get().is_some()), "quick set tiered up");
        let mut with_hit = big.clone();
        with_hit.extend_from_slice(text);
        assert_eq!(pf.scan(Lang::Php, &with_hit).0, first.0);
        assert!(pf.full_sets.iter().any(|f| f.locate.dfa.get().is_some()), "full set tiered up");
        assert_eq!(pf.scan(Lang::Php, text), first);
    }

    #[test]
    fn windowed_scan_finds_every_overlapping_occurrence() {
        // Literals that contain, prefix and suffix one another, as the rules' do.
        let literals = [
            "password",
            "password(",
            "usernamepassword",
            "username",
            "owner",
            "resourceownerpassword",
            ".login",
            "login",
            "jwt",
            "wt(",
            "rc",
            "->login",
            "gettoken",
        ];
        let any = literals.iter().map(|s| (*s).to_owned()).collect();
        let pf =
            Prefilter::new(&[RuleLiterals { languages: vec![Lang::Php], any, ..RuleLiterals::default() }])
                .expect("builds");
        let full = &pf.full_sets[0];
        let every = AhoCorasickBuilder::new().build(&full.locate.literals).expect("builds");
        // Texts glued from literals, their halves and filler, by a fixed linear congruential
        // generator so the test is deterministic.
        let mut pieces: Vec<&str> = Vec::new();
        for l in literals {
            pieces.extend([l, &l[..l.len() / 2], &l[l.len() / 2..]]);
        }
        pieces.extend([" ", "x", "(", "\n"]);
        let mut seed: u64 = 7;
        for round in 0..400 {
            let mut text = String::new();
            for _ in 0..(round % 60) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let mut windowed = Vec::new();
            full.for_each_occurrence(text.as_bytes(), |p, at| windowed.push((p, at.start, at.end)));
            let mut expected: Vec<_> = every
                .find_overlapping_iter(text.as_bytes())
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            windowed.sort_unstable();
            expected.sort_unstable();
            assert_eq!(windowed, expected, "in {text:?}");
        }
    }

    #[test]
    fn a_language_of_its_own_gates_on_its_own_literals() {
        let pf = Prefilter::new(&[RuleLiterals {
            languages: vec![Lang::Php, Lang::JavaScript],
            any: vec!["getaccesstoken".to_owned(), "fetch_token".to_owned()],
            any_by_lang: vec![(Lang::JavaScript, vec!["gettoken".to_owned()])],
            all: vec![vec!["password".to_owned()]],
        }])
        .expect("builds");
        let python_call = b"token = s.fetch_token(url, password=p)";
        assert!(pf.candidates(Lang::Php, python_call).contains(0));
        assert!(pf.candidates(Lang::JavaScript, python_call).is_empty(), "not a JavaScript literal");
        let js_call = b"owner.getToken(user, password)";
        assert!(pf.candidates(Lang::JavaScript, js_call).contains(0));
        assert!(pf.candidates(Lang::Php, js_call).is_empty());
        // A document's code blocks may be in either language.
        assert!(pf.candidates(Lang::Markdown, js_call).contains(0));
        assert!(pf.candidates(Lang::Markdown, python_call).contains(0));
        let (_, places) = pf.scan(Lang::JavaScript, js_call);
        let expected: Vec<Range<usize>> = std::iter::once(6..14).collect();
        assert_eq!(places, [Some(expected)], "where the language's own literal is");
    }

    #[test]
    fn gate_selects_rules_by_literal_and_language() {
        let rule = |langs: Vec<Lang>, any: &[&str], all: &[&[&str]]| RuleLiterals {
            languages: langs,
            any: any.iter().map(|s| (*s).to_owned()).collect(),
            all: all.iter().map(|g| g.iter().map(|s| (*s).to_owned()).collect()).collect(),
            any_by_lang: Vec::new(),
        };
        let pf = Prefilter::new(&[
            rule(vec![Lang::Php], &["login"], &[]),
            rule(vec![Lang::Php, Lang::JavaScript], &["grant_type"], &[&["password"]]),
        ])
        .expect("builds");
        assert!(pf.candidates(Lang::Php, b"echo 1;").is_empty());
        let c = pf.candidates(Lang::Php, b"$p->LOGIN($a)");
        assert!(c.contains(0) && !c.contains(1));
        let c = pf.candidates(Lang::JavaScript, b"x.login(); y = 'grant_type=password'");
        assert_eq!(c.iter().collect::<Vec<_>>(), [1]);
        // The all-of group must hold too.
        assert!(pf.candidates(Lang::JavaScript, b"y = 'grant_type=client_credentials'").is_empty());
    }
}

//! The literal gate: one Aho-Corasick automaton over every rule's prefilter literals decides
//! which rules can possibly match a file. A file with no candidate rule is never parsed.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

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
}

/// The gate for a list of rules.
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each literal, the rules (bit set) it makes candidates.
    rules_of_literal: Vec<u128>,
    /// For each language, the rules (bit set) that apply to it.
    rules_of_lang: Vec<(Lang, u128)>,
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
    /// Builds the gate. `rules[i]` is (languages, literals) of rule `i`.
    ///
    /// # Errors
    /// When there are more than 128 rules.
    pub fn new(rules: &[(Vec<Lang>, Vec<String>)]) -> Result<Prefilter, PrefilterError> {
        if rules.len() > 128 {
            return Err(PrefilterError::TooManyRules(rules.len()));
        }
        let mut literals: Vec<String> = Vec::new();
        let mut rules_of_literal: Vec<u128> = Vec::new();
        for (i, (_, lits)) in rules.iter().enumerate() {
            for lit in lits {
                let lit = lit.to_ascii_lowercase();
                let idx = match literals.iter().position(|l| *l == lit) {
                    Some(idx) => idx,
                    None => {
                        literals.push(lit);
                        rules_of_literal.push(0);
                        literals.len() - 1
                    }
                };
                rules_of_literal[idx] |= 1 << i;
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&literals)?,
            )
        };
        let rules_of_lang = Lang::ALL
            .into_iter()
            .map(|lang| {
                let mask = rules
                    .iter()
                    .enumerate()
                    .filter(|(_, (langs, _))| langs.contains(&lang))
                    .fold(0u128, |m, (i, _)| m | 1 << i);
                (lang, mask)
            })
            .collect();
        Ok(Prefilter { automaton, rules_of_literal, rules_of_lang })
    }

    /// Rules that apply to `lang` at all.
    #[must_use]
    pub fn rules_for(&self, lang: Lang) -> Candidates {
        Candidates(self.rules_of_lang.iter().find(|(l, _)| *l == lang).map_or(0, |(_, m)| *m))
    }

    /// Rules of `lang` whose literals occur in `haystack`.
    #[must_use]
    pub fn candidates(&self, lang: Lang, haystack: &[u8]) -> Candidates {
        let wanted = self.rules_for(lang).0;
        let Some(ac) = &self.automaton else { return Candidates(0) };
        if wanted == 0 {
            return Candidates(0);
        }
        let mut found = 0u128;
        for m in ac.find_overlapping_iter(haystack) {
            found |= self.rules_of_literal[m.pattern().as_usize()] & wanted;
            if found == wanted {
                break;
            }
        }
        Candidates(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_selects_rules_by_literal_and_language() {
        let pf = Prefilter::new(&[
            (vec![Lang::Php], vec!["login".into()]),
            (vec![Lang::Php, Lang::JavaScript], vec!["grant_type".into()]),
        ])
        .expect("builds");
        assert!(pf.candidates(Lang::Php, b"echo 1;").is_empty());
        let c = pf.candidates(Lang::Php, b"$p->LOGIN($a)");
        assert!(c.contains(0) && !c.contains(1));
        let c = pf.candidates(Lang::JavaScript, b"x.login(); y = 'grant_type=password'");
        assert_eq!(c.iter().collect::<Vec<_>>(), [1]);
    }
}

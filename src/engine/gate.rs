//! Gates: the cheap tests that keep a file from being parsed. The literal gate (`prefilter.rs`)
//! runs on the bytes during the walk; after decoding, the rules' `prefilter-regex` and their
//! checks' text gates, then the context gates (RingCentral evidence of the file and its
//! project), each drop the candidate rules that cannot match.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use regex::Regex;

use super::read::{decode_utf16_with_bom, skip};
use super::{Engine, Outcome, StageTimes};
use crate::context::FileContext;
use crate::finding::SkipReason;
use crate::lang::Lang;
use crate::prefilter::Candidates;
use crate::project::LockedSdk;

/// Per candidate rule (by index), where the gate found its literals: `None` when the rule has
/// no literal to place (it is then matched over the whole file).
pub(super) type Places = Vec<Option<Vec<Range<usize>>>>;

/// A rule's `prefilter-regex`: the second, narrower gate after its literals.
pub(super) struct RegexGate {
    pub(super) source: String,
    pub(super) regex: OnceLock<Option<Regex>>,
}

impl RegexGate {
    /// Whether `text` may hold something the rule reports. A pattern the regex crate refuses
    /// (syntax is checked when the rule loads, so only a size limit can) admits every file:
    /// the gate exists for speed and must never cost a finding.
    fn admits(&self, text: &str) -> bool {
        self.regex.get_or_init(|| Regex::new(&self.source).ok()).as_ref().is_none_or(|re| re.is_match(text))
    }
}

/// What a file's project says about it, looked up once per file and given to the context of
/// each language the file holds.
pub(super) struct ProjectFacts {
    /// Why the project is RingCentral code, if it is.
    reason: Option<String>,
    /// The SDK versions the nearest lock files pin.
    locks: Vec<LockedSdk>,
    /// Why the code next to a configuration template is RingCentral code (read only when
    /// nothing else marks the project).
    neighbours: Option<String>,
    /// Why the code runs on the user's device by its project (an Android or Xcode project
    /// around it), for the languages such projects hold.
    device: Option<String>,
}

impl ProjectFacts {
    /// The evidence about `text` read as `lang`, with the project's.
    pub(super) fn context(&self, text: &str, display: &Path, lang: Lang) -> FileContext {
        let mut context = FileContext::new(text, display, lang, self.reason.clone());
        context.rc_neighbours.clone_from(&self.neighbours);
        context.sdk_locks.clone_from(&self.locks);
        if let Some(device) = &self.device {
            context.run_on_device_by_project(device, text, lang);
        }
        context
    }
}

impl Engine<'_> {
    /// UTF-16 decoding, the binary sniff and the literal gate: the decoded text (UTF-16 files),
    /// the candidate rules and where their literals are, or the file's outcome.
    pub(super) fn literal_gate(
        &self,
        display: &Path,
        lang: Lang,
        bytes: &[u8],
        times: &mut StageTimes,
    ) -> Result<(Option<String>, Candidates, Places), Outcome> {
        let t = Instant::now();
        // UTF-16 text looks binary (NUL high bytes): decode it first when it says what it is.
        let utf16 = decode_utf16_with_bom(bytes);
        let bytes: &[u8] = utf16.as_deref().map_or(bytes, str::as_bytes);
        let sniff = bytes.get(..8192).unwrap_or(bytes);
        if memchr::memchr(0, sniff).is_some() {
            times.read += t.elapsed();
            return Err(skip(display, SkipReason::Binary, "contains NUL bytes"));
        }
        times.read += t.elapsed();
        let t = Instant::now();
        let lang = lang.refine(bytes);
        let (candidates, places) = self.prefilter.scan(lang, bytes);
        times.gate += t.elapsed();
        if candidates.is_empty() {
            return Err(Outcome::Prefiltered);
        }
        Ok((utf16, candidates, places))
    }

    /// What the project around `path` says (`path` is the real path, not the displayed one).
    pub(super) fn project_facts(&self, path: &Path, lang: Lang) -> ProjectFacts {
        let reason = self.project.reason_for(path);
        let locks = self.project.locks_for(path);
        // A configuration template with no manifest around it is read by the code next to it
        // (only the configuration check uses this: other rules keep the project's evidence).
        let neighbours = (reason.is_none() && matches!(lang, Lang::Env | Lang::Properties | Lang::Ini))
            .then(|| crate::project::sibling_code_reason(path))
            .flatten();
        let device = self.project.device_for(path, lang);
        ProjectFacts { reason, locks, neighbours, device }
    }

    /// The candidates whose `prefilter-regex` and checks' text gates accept `text`.
    pub(super) fn text_gate(
        &self,
        candidates: Candidates,
        text: &str,
        lang: Lang,
        times: &mut StageTimes,
    ) -> Result<Candidates, Outcome> {
        if !candidates.iter().any(|i| self.regex_gates[i].is_some() || !self.text_gates[i].is_empty()) {
            return Ok(candidates);
        }
        let t = Instant::now();
        let candidates = candidates.retain(|i| {
            self.regex_gates[i].as_ref().is_none_or(|g| g.admits(text))
                && self.text_gates[i].iter().all(|gate| gate(text, lang))
        });
        times.gate += t.elapsed();
        if candidates.is_empty() { Err(Outcome::Prefiltered) } else { Ok(candidates) }
    }

    /// The context gate: rules that only accept RingCentral code (or only other code) need not
    /// parse a file whose context already says no. Reading the context is a few regex passes,
    /// parsing is the most expensive stage. The context read here (if any) serves the file's
    /// own language later.
    pub(super) fn context_gate(
        &self,
        candidates: Candidates,
        text: &str,
        display: &Path,
        lang: Lang,
        project: &ProjectFacts,
        times: &mut StageTimes,
    ) -> Result<(Candidates, Option<FileContext>), Outcome> {
        if lang.is_container() || !candidates.iter().any(|i| !self.gates[i].is_empty()) {
            return Ok((candidates, None));
        }
        let t = Instant::now();
        let context = project.context(text, display, lang);
        let candidates = candidates.retain(|i| self.gates[i].iter().all(|gate| gate(&context, text)));
        times.gate += t.elapsed();
        if candidates.is_empty() { Err(Outcome::Prefiltered) } else { Ok((candidates, Some(context))) }
    }
}

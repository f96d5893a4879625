//! Scanning one file: read, sniff, gate, parse, match, build findings.

use std::collections::HashMap;
use std::io::Read as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use regex::Regex;
use tree_sitter::{Node, ParseOptions, Parser, Tree};

use crate::checks::{Bindings, Captures, CheckCx, FileCx};
use crate::context::{FileContext, ProjectContext};
use crate::embedded::Region;
use crate::finding::{
    Applicability, Edit, Excerpt, Finding, Fix, Flow, Label, Position, Severity, SkipReason, Skipped,
};
use crate::lang::Lang;
use crate::prefilter::{Candidates, Prefilter, PrefilterError, RuleLiterals};
use crate::query::{QueryForm, QueryPlan};
use crate::redact;
use crate::rules::{FixSpec, Rule};
use crate::suppress;
use crate::syntax::{indentation_at, text};

/// A rule as it runs: the rule and its effective severity.
#[derive(Clone, Copy)]
pub struct ActiveRule<'r> {
    /// The rule.
    pub rule: &'r Rule,
    /// Severity after configuration.
    pub severity: Severity,
}

/// Options of a scan that affect what one file produces.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// Show literal secrets instead of `***`.
    pub show_secrets: bool,
    /// Name of the environment variable suggested for the JWT.
    pub jwt_var: String,
    /// Files larger than this are skipped.
    pub max_filesize: u64,
    /// Parse time limit per file.
    pub parse_timeout: Duration,
    /// Also scan minified files.
    pub no_ignore: bool,
    /// Every rule id and group that exists (active or not), to validate suppression comments.
    pub known_rules: Vec<String>,
    /// Scan only files of these languages (`--lang`); `None`: every language a rule serves.
    pub languages: Option<Vec<Lang>>,
    /// Keep JWT rewrites applicable where the project locks an SDK older than its JWT login
    /// (`--accept-sdk-upgrade`): the user upgrades the SDK along with the code.
    pub accept_sdk_upgrade: bool,
}

/// Everything needed to scan files; shared by all workers.
pub struct Engine<'r> {
    rules: Vec<ActiveRule<'r>>,
    /// The active rules' patterns, one query per language, compiled on first use.
    queries: QueryPlan,
    /// Per rule, the file-level gates of its checks (RingCentral context or its absence).
    gates: Vec<Vec<crate::checks::FileGate>>,
    /// Per rule, its `prefilter-regex`, compiled when a file first passes the rule's literals.
    regex_gates: Vec<Option<RegexGate>>,
    /// Per rule, the text gates of its checks (a file must name what the check requires).
    text_gates: Vec<Vec<crate::checks::TextGate>>,
    prefilter: Prefilter,
    options: EngineOptions,
    project: ProjectContext,
}

/// A rule's `prefilter-regex`: the second, narrower gate after its literals.
struct RegexGate {
    source: String,
    regex: OnceLock<Option<Regex>>,
}

impl RegexGate {
    /// Whether `text` may hold something the rule reports. A pattern the regex crate refuses
    /// (syntax is checked when the rule loads, so only a size limit can) admits every file:
    /// the gate exists for speed and must never cost a finding.
    fn admits(&self, text: &str) -> bool {
        self.regex.get_or_init(|| Regex::new(&self.source).ok()).as_ref().is_none_or(|re| re.is_match(text))
    }
}

/// Per-worker state: one parser per language and a reused read buffer.
#[derive(Default)]
pub struct Worker {
    parsers: HashMap<Lang, Parser>,
    buffer: Vec<u8>,
}

/// Time spent per stage on one file.
#[derive(Debug, Default, Clone, Copy)]
pub struct StageTimes {
    /// Reading and sniffing.
    pub read: Duration,
    /// The literal gate.
    pub gate: Duration,
    /// Parsing.
    pub parse: Duration,
    /// Query matching, checks and building findings.
    pub matching: Duration,
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, o: StageTimes) {
        self.read += o.read;
        self.gate += o.gate;
        self.parse += o.parse;
        self.matching += o.matching;
    }
}

/// What happened to one file.
#[derive(Debug)]
pub enum Outcome {
    /// No rule's literal occurs: not parsed.
    Prefiltered,
    /// Parsed and matched.
    Scanned {
        /// Findings, sorted by position.
        findings: Vec<Finding>,
        /// The tree had syntax errors (findings outside them are still reported).
        syntax_errors: bool,
    },
    /// Not scanned.
    Skipped(Skipped),
}

/// The result for one file.
#[derive(Debug)]
pub struct FileReport {
    /// What happened.
    pub outcome: Outcome,
    /// Time per stage.
    pub times: StageTimes,
}

/// Line starts of a text, for byte offset to line/column conversion.
pub struct LineIndex<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    /// Indexes `src`.
    #[must_use]
    pub fn new(src: &'s str) -> LineIndex<'s> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        LineIndex { src, starts }
    }

    /// 1-based line and character column of a byte offset.
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts[line];
        let column = self.src.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        Position { line: line + 1, column }
    }

    /// Byte range of the whole lines covering `range` (without the final newline).
    #[must_use]
    pub fn line_span(&self, range: &Range<usize>) -> Range<usize> {
        let first = self.starts.partition_point(|&s| s <= range.start).saturating_sub(1);
        let last_offset = range.end.saturating_sub(1).max(range.start);
        let last = self.starts.partition_point(|&s| s <= last_offset).saturating_sub(1);
        let start = self.starts[first];
        let end = self.starts.get(last + 1).map_or(self.src.len(), |s| s - 1);
        let end = if end > start && self.src.as_bytes().get(end - 1) == Some(&b'\r') { end - 1 } else { end };
        start..end.max(start)
    }
}

fn skip(path: &Path, reason: SkipReason, detail: impl Into<String>) -> Outcome {
    Outcome::Skipped(Skipped { path: path.to_path_buf(), reason, detail: detail.into() })
}

/// A copy of `text` with git merge-conflict marker lines blanked, if it has any.
fn mask_conflict_markers(text: &str) -> Option<String> {
    let is_marker = |line: &str| {
        ["<<<<<<< ", ">>>>>>> ", "||||||| "].iter().any(|m| line.starts_with(m))
            || line.trim_end() == "======="
            || line.trim_end() == "<<<<<<<"
            || line.trim_end() == ">>>>>>>"
    };
    if !text.contains("\n=======") && !text.starts_with("<<<<<<<") && !text.contains("\n<<<<<<<") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut any = false;
    for line in text.split_inclusive('\n') {
        if is_marker(line) {
            any = true;
            let body = line.trim_end_matches(['\n', '\r']);
            out.extend(std::iter::repeat_n(' ', body.len()));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    any.then_some(out)
}

/// Decodes UTF-16 text that starts with a byte-order mark (`None` for anything else).
fn decode_utf16_with_bom(bytes: &[u8]) -> Option<String> {
    let (little, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest
        .chunks_exact(2)
        .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    Some(char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
}

/// Whether JS text looks minified: long lines on average and at least one very long line.
fn looks_minified(bytes: &[u8]) -> bool {
    if bytes.len() < 20_000 {
        return false;
    }
    let lines = memchr::memchr_iter(b'\n', bytes).count() + 1;
    bytes.len() / lines > 500
}

impl<'r> Engine<'r> {
    /// Builds an engine for `rules`.
    ///
    /// # Errors
    /// When the prefilter cannot be built (too many rules).
    pub fn new(
        rules: Vec<ActiveRule<'r>>,
        options: EngineOptions,
        project: ProjectContext,
    ) -> Result<Engine<'r>, PrefilterError> {
        let literals: Vec<RuleLiterals> = rules
            .iter()
            .map(|r| RuleLiterals {
                languages: r.rule.languages.clone(),
                any: r.rule.prefilter.clone(),
                any_by_lang: r.rule.prefilter_by_language.clone(),
                all: r.rule.prefilter_all.clone(),
            })
            .collect();
        let prefilter = Prefilter::new(&literals)?;
        let gates =
            rules.iter().map(|r| r.rule.checks.iter().filter_map(|c| c.file_gate).collect()).collect();
        let text_gates =
            rules.iter().map(|r| r.rule.checks.iter().filter_map(|c| c.text_gate).collect()).collect();
        let regex_gates = rules
            .iter()
            .map(|r| {
                r.rule.prefilter_regex.clone().map(|source| RegexGate { source, regex: OnceLock::new() })
            })
            .collect();
        let queries = QueryPlan::new(rules.iter().map(|r| r.rule));
        Ok(Engine { rules, queries, gates, regex_gates, text_gates, prefilter, options, project })
    }

    /// Replaces the project context: a scan that gates files during the walk learns the
    /// project's manifests only when the walk is over (the literal gate does not need them).
    pub fn set_project(&mut self, project: ProjectContext) {
        self.project = project;
    }

    /// The rules this engine runs.
    #[must_use]
    pub fn rules(&self) -> &[ActiveRule<'r>] {
        &self.rules
    }

    /// Whether any rule applies to `lang` (files of other languages need not be read).
    #[must_use]
    pub fn wants(&self, lang: Lang) -> bool {
        self.options.languages.as_ref().is_none_or(|only| only.contains(&lang))
            && !self.prefilter.rules_for(lang).is_empty()
    }

    /// Reads a file into the worker's reused buffer and runs `then` on its bytes; the time spent
    /// reading is added to `times`. An unreadable or oversized file gives its outcome instead.
    fn with_file<T>(
        &self,
        path: &Path,
        display: &Path,
        worker: &mut Worker,
        times: &mut StageTimes,
        then: impl FnOnce(&[u8], &mut Worker, &mut StageTimes) -> T,
    ) -> Result<T, Outcome> {
        let started = Instant::now();
        let mut buffer = std::mem::take(&mut worker.buffer);
        buffer.clear();
        let read = read_capped(path, self.options.max_filesize, &mut buffer);
        times.read += started.elapsed();
        let result = match read {
            Err(outcome) => Err(outcome.with_path(display)),
            Ok(()) => Ok(then(&buffer, worker, times)),
        };
        worker.buffer = buffer;
        result
    }

    /// The largest file read (`--max-filesize`).
    #[must_use]
    pub fn max_filesize(&self) -> u64 {
        self.options.max_filesize
    }

    /// Scans a file on disk. `display` is the path used in findings.
    pub fn check_path(&self, path: &Path, display: &Path, lang: Lang, worker: &mut Worker) -> FileReport {
        // Project evidence is looked up from the real path, findings carry the display path.
        let mut times = StageTimes::default();
        let scanned = self.with_file(path, display, worker, &mut times, |bytes, worker, times| {
            let mut report = self.check_bytes(path, display, lang, bytes, worker);
            report.times.read += times.read;
            report
        });
        scanned.unwrap_or_else(|outcome| FileReport { outcome, times })
    }

    /// The literal gate alone: the rules that may match a file (`content`, or the file on disk
    /// when `None`), or what happens to it instead (skipped, prefiltered). A scan gates every
    /// file first (during the walk) and compiles the queries the candidates need on every core
    /// at once ([`Engine::prepare_queries`]); the candidates are then scanned as usual.
    pub fn gate_file(
        &self,
        path: &Path,
        display: &Path,
        lang: Lang,
        content: Option<&[u8]>,
        worker: &mut Worker,
    ) -> (Result<Candidates, Outcome>, StageTimes) {
        let mut times = StageTimes::default();
        let gate = |bytes: &[u8], times: &mut StageTimes| {
            self.literal_gate(display, lang, bytes, times).map(|(_, candidates, _)| candidates)
        };
        let result = match content {
            Some(bytes) => gate(bytes, &mut times),
            None => self
                .with_file(path, display, worker, &mut times, |bytes, _, times| gate(bytes, times))
                .and_then(|gated| gated),
        };
        (result, times)
    }

    /// Prepares, on every worker at once, the query of each language that candidate files
    /// (language, rules their gate let through) will run. Native patterns take microseconds,
    /// but a language whose patterns fall back to a tree-sitter query takes milliseconds to
    /// compile, and the first file that needed it would compile it while the other workers
    /// wait. Documents are left out: their code blocks' languages are known only once they are
    /// parsed, and those queries are prepared on first use.
    pub fn prepare_queries(&self, needed: impl IntoIterator<Item = (Lang, Candidates)>) {
        let mut langs: Vec<Lang> = Vec::new();
        for (lang, candidates) in needed {
            if !lang.is_container()
                && !langs.contains(&lang)
                && candidates.iter().any(|index| self.rules[index].rule.query(lang).is_some())
            {
                langs.push(lang);
            }
        }
        langs.into_par_iter().with_max_len(1).for_each(|lang| {
            self.queries.get(lang);
        });
    }

    /// Prepares `lang`'s query in `form` unless it is prepared already (tests run the fixtures
    /// in both forms).
    pub fn compile_queries(&self, lang: Lang, form: QueryForm) {
        self.queries.get_or_compile(lang, form);
    }

    /// UTF-16 decoding, the binary sniff and the literal gate: the decoded text (UTF-16 files),
    /// the candidate rules and where their literals are, or the file's outcome.
    #[allow(clippy::type_complexity)]
    fn literal_gate(
        &self,
        display: &Path,
        lang: Lang,
        bytes: &[u8],
        times: &mut StageTimes,
    ) -> Result<(Option<String>, Candidates, Vec<Option<Vec<Range<usize>>>>), Outcome> {
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

    /// Scans a file's bytes (from disk or from the git index). `path` locates the file's
    /// project; `display` is the path used in findings.
    pub fn check_bytes(
        &self,
        path: &Path,
        display: &Path,
        lang: Lang,
        bytes: &[u8],
        worker: &mut Worker,
    ) -> FileReport {
        let mut times = StageTimes::default();
        // An env template may hold JSON or `KEY = value` lines: read it as what it holds.
        let lang = lang.refine(bytes);
        let (utf16, candidates, places) = match self.literal_gate(display, lang, bytes, &mut times) {
            Ok(gated) => gated,
            Err(outcome) => return FileReport { outcome, times },
        };
        let bytes: &[u8] = utf16.as_deref().map_or(bytes, str::as_bytes);
        let t = Instant::now();
        // Not UTF-8: legacy code is often Latin-1. Every byte is a Latin-1 character, so the
        // text can always be scanned; lines stay right, columns may shift after non-ASCII bytes,
        // and `--fix` refuses such files.
        let latin1: String;
        let (text, decoded) = match std::str::from_utf8(bytes) {
            Ok(s) => (s, utf16.as_ref().map(|_| "UTF-16")),
            Err(_) => {
                latin1 = bytes.iter().map(|&b| char::from(b)).collect();
                (latin1.as_str(), Some("Latin-1"))
            }
        };
        if lang.is_js_family() && !self.options.no_ignore && looks_minified(bytes) {
            times.read += t.elapsed();
            let detail = "minified (very long lines; use --no-ignore to scan)";
            return FileReport { outcome: skip(display, SkipReason::Minified, detail), times };
        }
        // A copy of the RingCentral SDK's own source (`includes/RingAPI/src/Platform/...`,
        // vendored outside `vendor/`) sends the password grant for its callers: the SDK is
        // upgraded, not edited, and its callers are what the report is about.
        if !self.options.no_ignore
            && let Some(sign) = sdk_own_source(lang, text)
        {
            times.read += t.elapsed();
            let detail =
                format!("a copy of the RingCentral SDK's own source ({sign}; use --no-ignore to scan)");
            return FileReport { outcome: skip(display, SkipReason::Vendored, detail), times };
        }
        // pwflow's own baselines and reports quote what they found: scanning them would report
        // every finding again (only candidates get here, so the check costs nothing elsewhere).
        if let Some(format) = crate::artefact::recognise(text) {
            times.read += t.elapsed();
            let detail = format!("written by pwflow ({format})");
            return FileReport { outcome: skip(display, SkipReason::PwflowOutput, detail), times };
        }
        // Merge-conflict markers break the parse around them; blanked (same length, so offsets
        // hold), both sides of the conflict parse as code and both are checked.
        let unconflicted = mask_conflict_markers(text);
        let text = unconflicted.as_deref().unwrap_or(text);
        // A UTF-8 byte-order mark is not code: parse after it, then shift offsets back so they
        // count from the start of the file (SARIF and fix offsets are file offsets).
        let bom = if utf16.is_none() && text.starts_with('\u{feff}') { 3 } else { 0 };
        let text = &text[bom..];
        times.read += t.elapsed();
        // A notebook's code is in JSON strings: the rules read its decoded cells instead (see
        // `embedded::notebook`), gated again, since the escapes are gone.
        let notebook = if lang == Lang::Notebook {
            let t = Instant::now();
            let Some(tree) = self.parse_ranges(Lang::Notebook, text, &[], worker) else {
                times.parse += t.elapsed();
                let detail = format!("parsing took longer than {:?}", self.options.parse_timeout);
                return FileReport { outcome: skip(display, SkipReason::Timeout, detail), times };
            };
            times.parse += t.elapsed();
            Some(crate::embedded::notebook(tree.root_node(), text))
        } else {
            None
        };
        let (text, bom, candidates, places) = match &notebook {
            Some(nb) => {
                let t = Instant::now();
                let (candidates, places) = self.prefilter.scan(lang, nb.text.as_bytes());
                times.gate += t.elapsed();
                if candidates.is_empty() {
                    return FileReport { outcome: Outcome::Prefiltered, times };
                }
                (nb.text.as_str(), 0, candidates, places)
            }
            None => (text, bom, candidates, places),
        };

        // The context gate: rules that only accept RingCentral code (or only other code) need not
        // parse a file whose context already says no. Reading the context is a few regex passes,
        // parsing is the most expensive stage.
        let project_reason = self.project.reason_for(path);
        let sdk_locks = self.project.locks_for(path);
        // A configuration template with no manifest around it is read by the code next to it
        // (only the configuration check uses this: other rules keep the project's evidence).
        let neighbours = (project_reason.is_none()
            && matches!(lang, Lang::Env | Lang::Properties | Lang::Ini))
        .then(|| crate::context::sibling_code_reason(path))
        .flatten();
        let mut candidates = candidates;
        if candidates.iter().any(|i| self.regex_gates[i].is_some() || !self.text_gates[i].is_empty()) {
            let t = Instant::now();
            candidates = candidates.retain(|i| {
                self.regex_gates[i].as_ref().is_none_or(|g| g.admits(text))
                    && self.text_gates[i].iter().all(|gate| gate(text))
            });
            times.gate += t.elapsed();
            if candidates.is_empty() {
                return FileReport { outcome: Outcome::Prefiltered, times };
            }
        }
        let mut early_context = None;
        if !lang.is_container() && candidates.iter().any(|i| !self.gates[i].is_empty()) {
            let t = Instant::now();
            let mut context = FileContext::new(text, display, lang, project_reason.clone());
            context.rc_neighbours.clone_from(&neighbours);
            context.sdk_locks.clone_from(&sdk_locks);
            candidates = candidates.retain(|i| self.gates[i].iter().all(|gate| gate(&context, text)));
            early_context = Some(context);
            times.gate += t.elapsed();
            if candidates.is_empty() {
                return FileReport { outcome: Outcome::Prefiltered, times };
            }
        }
        let t = Instant::now();
        // Hit offsets are byte offsets of what the gate saw: after a BOM they shift by its length;
        // Latin-1 decoding moves them, so such files are matched whole.
        let places: Vec<Option<Vec<Range<usize>>>> = if decoded == Some("Latin-1") {
            Vec::new()
        } else {
            let shift = if utf16.is_none() { bom } else { 0 };
            places
                .into_iter()
                .map(|p| {
                    p.map(|v| {
                        v.into_iter()
                            .filter(|r| r.start >= shift)
                            .map(|r| r.start - shift..r.end - shift)
                            .collect()
                    })
                })
                .collect()
        };
        let units = match &notebook {
            Some(nb) => Some(nb.regions.clone()),
            None => self.units(lang, text, worker),
        };
        let Some(units) = units else {
            times.parse = t.elapsed();
            let detail = format!("parsing took longer than {:?}", self.options.parse_timeout);
            return FileReport { outcome: skip(display, SkipReason::Timeout, detail), times };
        };
        // Text languages have no grammar: `textscan` reads their units instead of a parse.
        let (text_units, mut units): (Vec<Region>, Vec<Region>) =
            units.into_iter().partition(|u| u.lang.is_text());
        let mut text_findings = Vec::new();
        for unit in &text_units {
            let of_lang = self.prefilter.rules_for(unit.lang);
            let own;
            let context = match &early_context {
                Some(c) if unit.lang == lang => c,
                _ => {
                    let mut fresh = FileContext::new(text, display, unit.lang, project_reason.clone());
                    fresh.sdk_locks.clone_from(&sdk_locks);
                    own = fresh;
                    &own
                }
            };
            let job = crate::textscan::TextJob {
                rules: &self.rules,
                candidates: candidates.iter().filter(|i| of_lang.contains(*i)).collect(),
                options: &self.options,
                context,
                path,
                display,
            };
            text_findings.extend(crate::textscan::scan(&job, unit.lang, text, &unit.ranges));
        }
        // A large file (a bundle, generated code) is parsed only around the rules' literal hits:
        // parsing costs far more than anything else, and every match contains a hit. Checks then
        // see only those parts (a receiver assigned far away is not followed).
        let mut partial = false;
        if let [unit] = units.as_mut_slice()
            && !lang.is_container()
            && text.len() > PARTIAL_PARSE_MIN
        {
            let mut hits: Vec<Range<usize>> = Vec::new();
            let all_placed = candidates.iter().all(|i| match places.get(i).and_then(Option::as_ref) {
                Some(h) => {
                    hits.extend(h.iter().cloned());
                    true
                }
                None => false,
            });
            if all_placed && !hits.is_empty() {
                hits.sort_by_key(|r| r.start);
                unit.ranges = partial_ranges(lang, text, &hits);
                partial = true;
            }
        }
        let mut trees = Vec::with_capacity(units.len());
        for unit in &units {
            match self.parse_ranges(unit.lang, text, &unit.ranges, worker) {
                Some(tree) => trees.push((unit.lang, tree)),
                None => {
                    times.parse = t.elapsed();
                    let detail = format!("parsing took longer than {:?}", self.options.parse_timeout);
                    return FileReport { outcome: skip(display, SkipReason::Timeout, detail), times };
                }
            }
        }
        times.parse = t.elapsed();

        let t = Instant::now();
        let mut findings = text_findings;
        let mut syntax_errors = false;
        for (unit_lang, tree) in &trees {
            syntax_errors |= tree.root_node().has_error();
            // A document's candidates span every language of its blocks; each block language
            // runs only its own rules.
            let of_lang = self.prefilter.rules_for(*unit_lang);
            let rules: Vec<(usize, Option<&[Range<usize>]>)> = candidates
                .iter()
                .filter(|i| of_lang.contains(*i))
                .map(|i| (i, places.get(i).and_then(|p| p.as_deref())))
                .collect();
            if rules.is_empty() {
                continue;
            }
            // The gate's context serves the file's own language; a document's code blocks get
            // their language's (SDK patterns are per language).
            let own;
            let context = match &early_context {
                Some(c) if *unit_lang == lang => c,
                _ => {
                    let mut fresh = FileContext::new(text, display, *unit_lang, project_reason.clone());
                    fresh.rc_neighbours.clone_from(&neighbours);
                    fresh.sdk_locks.clone_from(&sdk_locks);
                    own = fresh;
                    &own
                }
            };
            findings.extend(self.match_tree(path, display, context, *unit_lang, text, tree, &rules));
        }
        if trees.len() + text_units.len() > 1 {
            findings.sort_by(|a, b| {
                (a.range.start, &a.rule, a.range.end).cmp(&(b.range.start, &b.rule, b.range.end))
            });
        }
        if bom > 0 {
            shift_offsets(&mut findings, bom);
        }
        if let Some(nb) = &notebook {
            notebook_findings(&mut findings, &nb.lines);
        }
        if partial {
            for f in &mut findings {
                f.notes.push(format!(
                    "large file ({} KiB): parsed only around the places that matter, so assignments far from this line were not followed",
                    text.len() / 1024
                ));
            }
        }
        if let Some(encoding) = decoded {
            for f in &mut findings {
                f.notes.push(format!(
                    "the file is not UTF-8: it was read as {encoding}; columns may be off and --fix leaves it alone"
                ));
            }
        }
        times.matching = t.elapsed();
        FileReport { outcome: Outcome::Scanned { findings, syntax_errors }, times }
    }

    /// What to parse in a file: the whole file in its language, or, for a document (Markdown,
    /// HTML), its code blocks grouped by language. `None` when the document's own parse timed out.
    fn units(&self, lang: Lang, text: &str, worker: &mut Worker) -> Option<Vec<Region>> {
        match lang {
            Lang::Markdown => Some(crate::embedded::markdown_regions(text)),
            Lang::Html | Lang::Vue | Lang::Svelte => {
                let tree = self.parse_ranges(lang, text, &[], worker)?;
                Some(crate::embedded::html_regions(tree.root_node(), text))
            }
            // A notebook's cells are read from its decoded text (`check_bytes`); its own text
            // has no code to parse, mask or fix.
            Lang::Notebook => Some(Vec::new()),
            _ => Some(vec![Region { lang, ranges: Vec::new() }]),
        }
    }

    /// Number of ERROR and MISSING nodes when `text` is parsed (every code block of a document),
    /// `usize::MAX` when it cannot be parsed in time, to reject fixes that break a file.
    pub fn syntax_errors(&self, lang: Lang, text: &str, worker: &mut Worker) -> usize {
        self.syntax_errors_near(lang, text, &[], worker)
    }

    /// The units of a text restricted to the windows around sorted `near` ranges when the text
    /// is large ([`parses_partially`]), else (or with no `near`) all of it.
    fn units_near(
        &self,
        lang: Lang,
        text: &str,
        near: &[Range<usize>],
        worker: &mut Worker,
    ) -> Option<Vec<Region>> {
        if parses_partially(lang, text.len()) && !near.is_empty() {
            return Some(vec![Region { lang, ranges: partial_ranges(lang, text, near) }]);
        }
        self.units(lang, text, worker)
    }

    /// [`Engine::syntax_errors`] counted only in the windows around sorted `near` ranges when
    /// the text is large: a fix compares the windows around its edits before and after (the
    /// text outside the edits is the same, so are the windows' edges), instead of parsing a
    /// 4 MB file twice per pass.
    pub fn syntax_errors_near(
        &self,
        lang: Lang,
        text: &str,
        near: &[Range<usize>],
        worker: &mut Worker,
    ) -> usize {
        let Some(units) = self.units_near(lang, text, near, worker) else { return usize::MAX };
        self.count_errors(text, units, worker)
    }

    /// [`Engine::secret_ranges`] found only in the windows around sorted `near` ranges when the
    /// text is large (a diff shows only the lines around its edits).
    pub fn secret_ranges_near(
        &self,
        lang: Lang,
        text: &str,
        near: &[Range<usize>],
        worker: &mut Worker,
    ) -> Vec<Range<usize>> {
        if self.options.show_secrets {
            return Vec::new();
        }
        let Some(units) = self.units_near(lang, text, near, worker) else { return Vec::new() };
        self.secrets_in(text, units, worker)
    }

    fn count_errors(&self, text: &str, units: Vec<Region>, worker: &mut Worker) -> usize {
        let mut errors = 0usize;
        // A text language has no grammar to count errors with (its fixes are never applied).
        for unit in units.into_iter().filter(|u| !u.lang.is_text()) {
            match self.parse_ranges(unit.lang, text, &unit.ranges, worker) {
                Some(tree) if tree.root_node().has_error() => {
                    errors += crate::syntax::descendants(tree.root_node())
                        .filter(|n| n.is_error() || n.is_missing())
                        .count();
                }
                Some(_) => {}
                None => return usize::MAX,
            }
        }
        errors
    }

    /// The secret ranges of a text (sorted, merged; empty with `--show-secrets`), to mask
    /// them in diffs.
    pub fn secret_ranges(&self, lang: Lang, text: &str, worker: &mut Worker) -> Vec<Range<usize>> {
        self.secret_ranges_near(lang, text, &[], worker)
    }

    fn secrets_in(&self, text: &str, units: Vec<Region>, worker: &mut Worker) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        for unit in units {
            if unit.lang.is_text() {
                let lexed = crate::textscan::lex(unit.lang, text, &unit.ranges, false);
                ranges.extend(crate::textscan::secrets(unit.lang, text, &lexed));
                continue;
            }
            if let Some(tree) = self.parse_ranges(unit.lang, text, &unit.ranges, worker) {
                ranges.extend(redact::file_secrets(tree.root_node(), text, unit.lang));
            }
        }
        redact::normalize(ranges)
    }

    /// Parses `text` as `lang` within a time limit; with `ranges`, only those byte ranges (the
    /// code blocks of a document) are parsed and the tree's offsets are still file offsets.
    fn parse_ranges(
        &self,
        lang: Lang,
        text: &str,
        ranges: &[Range<usize>],
        worker: &mut Worker,
    ) -> Option<Tree> {
        let grammar = lang.grammar()?;
        let parser = worker.parsers.entry(lang).or_insert_with(|| {
            let mut p = Parser::new();
            // The grammars are compiled in; a version mismatch is caught by the unit tests.
            let _ = p.set_language(&grammar);
            p
        });
        // No ranges: the whole document. A parser keeps its ranges, so they are set on every call.
        let included = crate::embedded::ts_ranges(text, ranges);
        if parser.set_included_ranges(&included).is_err() {
            return None;
        }
        let deadline = Instant::now() + self.options.parse_timeout;
        let mut progress = |_: &tree_sitter::ParseState| Instant::now() > deadline;
        let bytes = text.as_bytes();
        let mut read = |offset: usize, _| bytes.get(offset..).unwrap_or_default();
        let tree = parser.parse_with_options(
            &mut read,
            None,
            Some(ParseOptions::new().progress_callback(&mut progress)),
        );
        if tree.is_none() {
            parser.reset();
        }
        tree
    }

    #[allow(clippy::too_many_arguments)] // reason: one file's facts, passed down once
    fn match_tree(
        &self,
        path: &Path,
        display: &Path,
        context: &FileContext,
        lang: Lang,
        src: &str,
        tree: &Tree,
        rules: &[(usize, Option<&[Range<usize>]>)],
    ) -> Vec<Finding> {
        let file = FileCx::new(src, lang, tree.root_node(), context, &self.options.jwt_var).with_path(path);
        let mut raw: Vec<RawFinding<'_>> = Vec::new();
        let Some(query) = self.queries.get(lang) else { return Vec::new() };
        // Every match contains one of its rule's literals: query only around them (nearby hits
        // merged), instead of walking a megabyte bundle. One walk serves every candidate rule.
        let mut windows: Vec<Range<usize>> = Vec::new();
        let mut rule_windows: Vec<(usize, Option<Vec<Range<usize>>>)> = Vec::with_capacity(rules.len());
        for &(index, places) in rules {
            let own = places.map(|hits| merge_windows(hits, 4096));
            match &own {
                Some(own) => windows.extend(own.iter().cloned()),
                None => windows.push(0..src.len()),
            }
            rule_windows.push((index, own));
        }
        windows.sort_by_key(|w| w.start);
        let windows = merge_windows(&windows, 0);
        // Only the candidate rules' patterns: another rule's matches would be dropped below.
        let wanted =
            |pattern: usize| query.owners(pattern).iter().any(|o| rule_windows.iter().any(|(i, _)| i == o));
        for window in windows {
            query.for_each_match_of(
                tree.root_node(),
                src.as_bytes(),
                window,
                &wanted,
                &mut |pattern, found| {
                    let (span_start, span_end) =
                        found.iter().fold((usize::MAX, 0), |(start, end), (_, node)| {
                            (start.min(node.start_byte()), end.max(node.end_byte()))
                        });
                    for &index in query.owners(pattern) {
                        let Some((_, own)) = rule_windows.iter().find(|(i, _)| *i == index) else { continue };
                        let Some((primary_index, start_index)) = query.primary(index) else { continue };
                        let Some(primary) = found.iter().find(|(i, _)| *i == primary_index).map(|(_, n)| *n)
                        else {
                            continue;
                        };
                        let start = start_index
                            .and_then(|s| found.iter().find(|(i, _)| *i == s))
                            .map_or(primary.start_byte(), |(_, n)| n.start_byte());
                        let range = start.min(primary.start_byte().max(start))..primary.end_byte();
                        // A rule sees the matches around its own literals, as if queried alone.
                        if own.as_ref().is_some_and(|own| {
                            !own.iter().any(|w| w.start <= span_end && span_start <= w.end)
                        }) || raw.iter().any(|r| r.rule == index && r.range == range)
                        {
                            continue;
                        }
                        let captures = Captures {
                            nodes: found.iter().map(|&(i, node)| (query.capture_name(i), node)).collect(),
                        };
                        let active = &self.rules[index];
                        let cx =
                            CheckCx { file: &file, captures: &captures, libraries: &active.rule.libraries };
                        let mut bindings = Bindings::default();
                        let accepted = active.rule.checks.iter().all(|check| match (check.run)(&cx) {
                            Some(b) => {
                                #[cfg(debug_assertions)]
                                if let Some(name) = b
                                    .vars
                                    .iter()
                                    .map(|(n, _)| n)
                                    .chain(b.ranges.iter().map(|(n, _)| n))
                                    .find(|n| !check.provides.contains(n))
                                {
                                    panic!(
                                        "check `{}` binds `{name}`, which its `provides` lacks",
                                        check.name
                                    );
                                }
                                bindings.merge(b);
                                true
                            }
                            None => false,
                        });
                        if accepted {
                            let targets =
                                captures.nodes.iter().map(|(n, node)| ((*n).to_owned(), *node)).collect();
                            let verdict = lang.is_code().then(|| {
                                let origin = crate::checks::provenance::origin(
                                    &file,
                                    &captures,
                                    primary,
                                    bindings.jwt_dropped.as_deref(),
                                );
                                crate::checks::provenance::verdict(context, &origin)
                            });
                            raw.push(RawFinding {
                                rule: index,
                                range,
                                bindings,
                                captures: targets,
                                suppressed: None,
                                verdict,
                            });
                        }
                    }
                },
            );
        }
        let has_directives = memchr::memmem::find(src.as_bytes(), suppress::MARKER.as_bytes()).is_some();
        if raw.is_empty() && !has_directives {
            return Vec::new();
        }
        let lines = LineIndex::new(src);
        if has_directives {
            self.apply_suppressions(tree.root_node(), src, lang, &lines, &mut raw);
        }
        if raw.is_empty() {
            return Vec::new();
        }
        let mut secrets: Vec<Range<usize>> = if self.options.show_secrets {
            Vec::new()
        } else {
            let mut s = redact::file_secrets(tree.root_node(), src, lang);
            s.extend(raw.iter().flat_map(|r| r.bindings.secrets.iter().cloned()));
            s
        };
        secrets = redact::normalize(secrets);
        let facts = FileFacts { lines, secrets, names: NameIndex::default(), root: tree.root_node(), lang };
        let mut findings: Vec<Finding> =
            raw.into_iter().map(|r| self.build(display, src, context, &facts, r)).collect();
        findings.sort_by(|a, b| {
            (a.range.start, &a.rule, a.range.end).cmp(&(b.range.start, &b.rule, b.range.end))
        });
        assign_fingerprints(&mut findings, src, &facts.secrets);
        findings
    }

    /// Marks suppressed findings and adds findings for invalid and unused suppressions.
    fn apply_suppressions(
        &self,
        root: Node<'_>,
        src: &str,
        lang: Lang,
        lines: &LineIndex<'_>,
        raw: &mut Vec<RawFinding<'_>>,
    ) {
        let known = |id: &str| self.options.known_rules.iter().any(|k| k == id);
        let mut suppressions = suppress::find(root, src, lang, &known);
        for r in raw.iter_mut() {
            let row = lines.position(r.range.start).line - 1;
            let id = &self.rules[r.rule].rule.id;
            if let Some(s) = suppressions.iter_mut().find(|s| s.covers(id, row)) {
                s.used = true;
                r.suppressed = Some(s.reason.clone());
            }
        }
        let meta = |id: &str| self.rules.iter().position(|a| a.rule.id == id);
        let active = |name: &str| {
            self.rules.iter().any(|a| {
                a.rule.id == name || a.rule.group == name || a.rule.id.starts_with(&format!("{name}/"))
            })
        };
        for s in suppressions {
            let mut bindings = Bindings::default();
            bindings.var("rules", s.rules.join(", "));
            let rule = match &s.problem {
                Some(problem) => {
                    bindings.var("problem", problem.clone());
                    meta("pwflow/invalid-suppression")
                }
                None if !s.used && s.rules.iter().any(|r| active(r)) => meta("pwflow/unused-suppression"),
                None => None,
            };
            if let Some(rule) = rule {
                raw.push(RawFinding {
                    rule,
                    range: s.range,
                    bindings,
                    captures: Vec::new(),
                    suppressed: None,
                    verdict: None,
                });
            }
        }
    }

    fn build(
        &self,
        display: &Path,
        src: &str,
        context: &FileContext,
        facts: &FileFacts<'_>,
        raw: RawFinding<'_>,
    ) -> Finding {
        let FileFacts { lines, secrets, names, root, lang } = facts;
        let lang = *lang;
        let secrets = secrets.as_slice();
        let active = &self.rules[raw.rule];
        let rule = active.rule;
        let indent = indentation_at(src, raw.range.start).to_owned();
        let secret_values = redact::values(src, secrets);
        let recommendation =
            raw.verdict.as_ref().map_or_else(|| context.recommendation.clone(), |v| v.recommendation.clone());
        let lookup = |name: &str| -> Option<String> {
            if let Some(v) = raw.bindings.get(name) {
                return Some(v.to_owned());
            }
            match name {
                "indent" => return Some(indent.clone()),
                "rc_reason" => {
                    return Some(context.rc_reason().unwrap_or("no RingCentral context").to_owned());
                }
                "flow_reason" => return Some(recommendation.reason.clone()),
                "jwt_var" => return Some(self.options.jwt_var.clone()),
                _ => {}
            }
            raw.captures.iter().find(|(n, _)| n == name).map(|(_, node)| text(*node, src).to_owned())
        };
        // Only text taken from the source is masked: a literal password that happens to be
        // `password` must not turn the rule's own words into `***`.
        // Captures and the JWT expressions derived from them are source text; other variables
        // are the checks' own words.
        let from_source = |name: &str| name.starts_with("jwt_") || raw.bindings.get(name).is_none();
        // `masked`: for what is shown; an edit written into the file is rendered as it is,
        // or a literal password that equals a name in the new code (`platform`) would write
        // `***` into the file.
        let render_with = |t: &crate::rules::template::Template, masked: bool| {
            let values: Vec<(String, String)> = t
                .vars()
                .filter_map(|v| {
                    lookup(v).map(|x| {
                        let x = if masked && from_source(v) {
                            redact::mask_values(&x, &secret_values)
                        } else {
                            x
                        };
                        (v.to_owned(), x)
                    })
                })
                .collect();
            t.render(|v| values.iter().find(|(k, _)| k == v).map(|(_, x)| x.as_str()))
        };
        let render = |t: &crate::rules::template::Template| render_with(t, true);
        // The recommended flow's rewrite comes first.
        let mut specs: Vec<&FixSpec> = rule.fixes.iter().filter(|f| fix_applies(f, &raw.bindings)).collect();
        specs.sort_by_key(|f| f.flow != recommendation.flow);
        let mut notes: Vec<String> =
            raw.bindings.notes.iter().map(|n| redact::mask_code_spans(n, &secret_values)).collect();
        // Request input and code on the user's device get no JWT: not applied, not shown (a
        // rewrite to `login({ jwt: req.body.jwt })` would take the credential from the client).
        // A rule about a JWT login that is already there keeps its rewrite.
        if let Some(why) = raw.verdict.as_ref().and_then(|v| v.decline_jwt.as_ref())
            && !rule.checks.iter().any(|c| crate::checks::keeps_jwt(c.name))
            && specs.iter().any(|f| f.flow == Flow::Jwt)
        {
            specs.retain(|f| f.flow != Flow::Jwt);
            notes.push(redact::mask_code_spans(why, &secret_values));
        }
        let mut message = render(&rule.message);
        let blocked = context.locked_before_jwt(lang, raw.bindings.get("sdk_family"));
        let mut fixes: Vec<Fix> = specs
            .into_iter()
            .filter_map(|f| {
                let target = raw.bindings.range(&f.target).or_else(|| {
                    raw.captures.iter().find(|(n, _)| *n == f.target).map(|(_, node)| node.byte_range())
                })?;
                let mut shown = render(&f.template);
                let replacement = if f.applicability == Applicability::DisplayOnly {
                    shown.clone()
                } else {
                    render_with(&f.template, false)
                };
                let edit = Edit { range: target.clone(), replacement: replacement.clone() };
                let mut edits = vec![edit.clone()];
                let applies = f.flow == Flow::Jwt && f.applicability != Applicability::DisplayOnly;
                if applies {
                    edits.extend(raw.bindings.jwt_edits.iter().cloned());
                }
                // Why the rewrite cannot build where it is (it is then shown, not applied).
                let mut declined: Option<String> = None;
                if applies {
                    for e in &mut edits {
                        match crate::rewrite::fit_interpolation(lang, *root, src, &e.range, &e.replacement) {
                            Ok(None) => {}
                            Ok(Some(fitted)) => e.replacement = fitted,
                            Err(why) => declined = Some(why),
                        }
                    }
                    if let Ok(Some(fitted)) =
                        crate::rewrite::fit_interpolation(lang, *root, src, &target, &shown)
                    {
                        shown = fitted;
                    }
                }
                let code = if f.applicability == Applicability::DisplayOnly {
                    shown
                } else {
                    // The lines the edits touch, as they read after the fix.
                    let mut sorted: Vec<&Edit> = edits.iter().collect();
                    sorted.sort_by_key(|e| e.range.start);
                    let first = sorted.first().map_or(edit.range.start, |e| e.range.start);
                    let last = sorted.iter().map(|e| e.range.end).max().unwrap_or(edit.range.end);
                    // At most a window around the edits on a very long line (a 50 MB
                    // one-line file must not be quoted whole), marked `…` where it cuts.
                    let full = lines.line_span(&(first..last));
                    let span = window(src, full.clone(), &(first..last));
                    let mut code = String::new();
                    if span.start > full.start {
                        code.push('…');
                    }
                    let mut pos = span.start;
                    for e in sorted {
                        if e.range.start < pos || e.range.end > span.end.max(last) {
                            continue;
                        }
                        code.push_str(&redact::redact_slice(src, pos..e.range.start, secrets));
                        code.push_str(if e.range == edit.range { &shown } else { &e.replacement });
                        pos = e.range.end;
                    }
                    if pos < span.end {
                        code.push_str(&redact::redact_slice(src, pos..span.end, secrets));
                    }
                    if span.end < full.end && !src[span.end..full.end].trim().is_empty() {
                        code.push('…');
                    }
                    let code = dedent(code.trim_end_matches(['\n', '\r']));
                    // A rewrite that only deletes lines shows that it does.
                    if code.trim().is_empty() { "(the line is deleted)".to_owned() } else { code }
                };
                let (title, leftovers) = match (&raw.bindings.jwt_dropped, raw.captures.first()) {
                    _ if f.applicability == Applicability::DisplayOnly => (f.title.clone(), Vec::new()),
                    (Some(dropped), Some(_)) if f.flow == Flow::Jwt => {
                        annotate(&f.title, *root, dropped, src, lang, names)
                    }
                    (_, Some(_)) => {
                        annotate(&f.title, *root, std::slice::from_ref(&target), src, lang, names)
                    }
                    (_, None) => (f.title.clone(), Vec::new()),
                };
                // The import the new code needs, added once (identical edits of several fixes are
                // applied once), outside the preview: it sits far from the call.
                let mut applicability = f.applicability;
                let mut title = title;
                if applies && declined.is_none() {
                    let replacements: Vec<&str> = edits.iter().map(|e| e.replacement.as_str()).collect();
                    match crate::rewrite::needed_import(lang, src, &replacements) {
                        Ok(Some(import)) => {
                            title = format!("{title} (adds `{}`)", import.name);
                            edits.push(import.edit);
                        }
                        Ok(None) => {}
                        Err(why) => declined = Some(why),
                    }
                }
                if let Some(why) = declined {
                    applicability = Applicability::DisplayOnly;
                    title = format!("{title} (not applied: {why})");
                }
                Some(Fix {
                    title,
                    leftovers,
                    flow: f.flow,
                    applicability,
                    edits,
                    code,
                    note: f.note.as_ref().map(render),
                })
            })
            .collect();
        // An SDK locked below its first JWT login would make the rewrite fail at run time: the
        // finding names both versions, and the rewrite is only shown unless the user accepts
        // upgrading the SDK along with it.
        let rewrites = |f: &Fix| f.flow == Flow::Jwt && f.applicability != Applicability::DisplayOnly;
        if let Some((lock, min)) = blocked
            && fixes.iter().any(rewrites)
        {
            let (file, package, version) = (&lock.file, &lock.package, &lock.version);
            message.push_str(&format!(" ({file} locks {package} {version}; the JWT login needs >= {min})"));
            for fix in fixes.iter_mut().filter(|f| rewrites(f)) {
                if self.options.accept_sdk_upgrade {
                    fix.title = format!(
                        "{}, with {package} upgraded to >= {min} ({file} locks {version})",
                        fix.title
                    );
                } else {
                    let mut title = fix.title.chars();
                    let lowered: String =
                        title.next().map(|c| c.to_lowercase().chain(title).collect()).unwrap_or_default();
                    fix.title = format!(
                        "Upgrade {package} to >= {min} first ({file} locks {version}), then {lowered}; --accept-sdk-upgrade applies it"
                    );
                    fix.applicability = Applicability::DisplayOnly;
                }
            }
        }
        let labels: Vec<Label> = raw
            .bindings
            .labels
            .iter()
            .map(|l| Label {
                range: l.range.clone(),
                message: redact::mask_code_spans(&l.message, &secret_values),
            })
            .collect();
        let excerpt = excerpt(src, lines, secrets, &raw.range, &labels);
        Finding {
            rule: rule.id.clone(),
            severity: active.severity,
            path: display.to_path_buf(),
            location: display.to_path_buf(),
            range: raw.range.clone(),
            start: lines.position(raw.range.start),
            end: lines.position(raw.range.end),
            message,
            sdk: rule.sdk.as_ref().map(render),
            recommendation: recommendation.clone(),
            primary_label: render(&rule.label),
            labels,
            notes,
            fixes,
            snippet: dedent(&redact::redact_slice(
                src,
                window(src, lines.line_span(&raw.range), &raw.range),
                secrets,
            )),
            excerpt: Some(excerpt),
            fingerprint: String::new(),
            suppressed: raw.suppressed.clone(),
            baselined: false,
        }
    }
}

/// The nodes that lie entirely inside `ranges`, found from any node of the tree.
fn nodes_within<'t>(root: Node<'t>, ranges: &[Range<usize>]) -> Vec<(Node<'t>, Option<Node<'t>>)> {
    let mut nodes = Vec::new();
    for r in ranges.iter().filter(|r| !r.is_empty()) {
        let Some(mut cover) = root.descendant_for_byte_range(r.start, r.end) else { continue };
        // The outermost of the nodes spanning exactly the range (a statement around its call).
        let mut parent = cover.parent();
        while let Some(p) = parent.filter(|p| p.byte_range() == cover.byte_range()) {
            cover = p;
            parent = p.parent();
        }
        // A range across several statements is covered by the whole file: only the part of the
        // tree inside the range is walked, or a file dense with findings would be quadratic.
        nodes.extend(crate::syntax::nodes_in_range(cover, r).into_iter().map(|(n, up)| (n, up.or(parent))));
    }
    nodes
}

/// Credential keys a JWT rewrite replaces on purpose, and `jwt`, which it writes again: not
/// worth naming as dropped options.
const CREDENTIAL_KEYS: &[&str] =
    &["username", "user", "login", "extension", "ext", "password", "pass", "pwd", "jwt"];

/// The options (keys, keyword arguments, spreads) of the outermost option lists in `nodes`,
/// other than the credentials, in source order: `login({ username, password, remember: true,
/// ...rest })` rewritten to `{ jwt }` drops `remember` and `...rest`, which the title must say.
fn dropped_options(nodes: &[(Node<'_>, Option<Node<'_>>)], src: &str) -> Vec<String> {
    let is_option = |n: &Node<'_>| {
        matches!(
            n.kind(),
            "pair"
                | "shorthand_property_identifier"
                | "spread_element"
                | "keyword_argument"
                | "array_element_initializer"
                | "dictionary_splat"
                | "hash_splat_argument"
                | "keyword_parameter"
        )
    };
    let options: Vec<Node<'_>> = nodes.iter().map(|(n, _)| *n).filter(is_option).collect();
    let mut out = Vec::new();
    for n in &options {
        // Only options of the outermost list: not those inside another option's value.
        let nested = options
            .iter()
            .any(|o| o.id() != n.id() && o.start_byte() <= n.start_byte() && n.end_byte() <= o.end_byte());
        if nested {
            continue;
        }
        let key = match n.kind() {
            "pair" => n.child_by_field_name("key").map(|k| text(k, src)),
            "keyword_argument" => n.child_by_field_name("name").map(|k| text(k, src)),
            // PHP `'key' => value`; a bare value has no key.
            "array_element_initializer" if n.named_child_count() == 2 => {
                n.named_child(0).map(|k| text(k, src))
            }
            "array_element_initializer" => None,
            _ => Some(text(*n, src)),
        };
        let Some(key) = key else { continue };
        // `'key'`, `"key"`, Ruby `:key`, computed `['key']`.
        let key = key.trim_matches(['\'', '"', ':', '[', ']', '`']).to_owned();
        if key.is_empty() || key.len() > 60 || CREDENTIAL_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
            continue;
        }
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// What a rewrite drops (the source `dropped`: its target, or the ranges a check says it
/// removes), said in the fix title, and the variables that only the dropped code read
/// (reported as leftovers, never deleted). `root` is the root of the file's tree.
fn annotate(
    title: &str,
    root: Node<'_>,
    dropped: &[Range<usize>],
    src: &str,
    lang: Lang,
    index: &NameIndex,
) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let nodes = nodes_within(root, dropped);
    // Every grammar's comment kinds say `comment` (`line_comment`, `block_comment`, ...).
    if nodes.iter().any(|(n, _)| n.kind().contains("comment")) {
        notes.push("drops a comment".to_owned());
    }
    let dropped_calls = lang.code().map_or(&[][..], |c| c.dropped_calls);
    let mut calls: Vec<String> = nodes
        .iter()
        .filter(|(n, _)| dropped_calls.contains(&n.kind()))
        .filter_map(|(n, _)| crate::syntax::called_name(*n, src, lang))
        // Reading the environment or the app's configuration has no side effect to lose.
        .filter(|name| {
            let last = name.rsplit(['.', ':', '>', '\\']).next().unwrap_or(name).to_ascii_lowercase();
            !matches!(last.as_str(), "getenv" | "env" | "config" | "getenvironmentvariable" | "getproperty")
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    calls.retain(|c| seen.insert(c.clone()));
    if !calls.is_empty() {
        notes.push(format!(
            "drops calls to {}",
            calls.iter().map(|c| format!("`{c}()`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let options = dropped_options(&nodes, src);
    if !options.is_empty() {
        notes.push(format!(
            "drops option{} {}",
            if options.len() == 1 { "" } else { "s" },
            options.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let mut names: Vec<String> = nodes
        .iter()
        .filter(|(n, _)| matches!(n.kind(), "variable_name" | "identifier" | "shorthand_property_identifier"))
        .filter(|(n, parent)| {
            parent.is_none_or(|p| {
                // Method and member names are not variables: only the object of an access
                // counts (`os` in Python `os.environ.get`, Ruby `ENV.fetch`, Go `os.Getenv`).
                let members = lang.code().map_or(&[][..], |c| c.members);
                let object = members
                    .iter()
                    .find(|(kind, _)| *kind == p.kind())
                    .and_then(|(_, field)| p.child_by_field_name(field));
                object.is_none_or(|o| o.id() == n.id())
            })
        })
        .map(|(n, _)| text(*n, src).to_owned())
        .filter(|n| !matches!(n.as_str(), "process" | "$_ENV" | "$_SERVER" | "$this" | "this"))
        .collect();
    names.sort();
    names.dedup();
    // The text outside the dropped ranges: taken in order of start, a range that starts inside
    // the one before is passed over.
    let mut removed: Vec<Range<usize>> = Vec::new();
    let mut sorted = dropped.to_vec();
    sorted.sort_by_key(|r| r.start);
    for r in sorted {
        if removed.last().is_none_or(|last| r.start >= last.end) {
            removed.push(r);
        }
    }
    let leftovers: Vec<String> = names
        .into_iter()
        // Exactly one other occurrence: the assignment that held the credential.
        .filter(|name| word_occurrences_outside(src, name, &index.positions(src, name), &removed) == 1)
        .collect();
    if !leftovers.is_empty() {
        notes.push(format!(
            "may leave {} unused",
            leftovers.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let title = if notes.is_empty() { title.to_owned() } else { format!("{title} ({})", notes.join("; ")) };
    (title, leftovers)
}

/// The declaration that makes a file part of a RingCentral SDK's own source: the PHP SDK's
/// namespace, exactly (an app's `namespace RingCentral\Demo` is not the SDK). PHP only: copies
/// of the PHP SDK sit in apps' `includes/` and `lib/` folders, while Java and C# demos and the
/// SDKs' own tests declare the SDK's package (`package com.ringcentral;`) for code that does
/// log in, and are reported.
fn sdk_own_source(lang: Lang, text: &str) -> Option<&'static str> {
    static PHP: LazyLock<Regex> =
        LazyLock::new(|| crate::regexes::ascii(r"(?m)^\s*namespace\s+RingCentral\\SDK(\\[A-Za-z]+)*\s*;"));
    (lang.rule_lang() == Lang::Php && PHP.is_match(text)).then_some("`namespace RingCentral\\SDK`")
}

/// What the findings of one file share.
struct FileFacts<'s> {
    /// The root of the file's tree.
    root: Node<'s>,
    /// The grammar the tree was parsed with.
    lang: Lang,
    lines: LineIndex<'s>,
    /// Literal secrets to mask (sorted, merged).
    secrets: Vec<Range<usize>>,
    names: NameIndex,
}

/// Where names occur in one file's text, searched once per name: every fix of a file asks
/// about the same few variables, and searching the whole text for each fix made a file dense
/// with findings quadratic (12% of the worst-case benchmark's instructions).
#[derive(Default)]
struct NameIndex(std::cell::RefCell<HashMap<String, std::rc::Rc<[usize]>>>);

impl NameIndex {
    /// Byte offsets of every occurrence of `name` in `src`, whole identifier or not.
    fn positions(&self, src: &str, name: &str) -> std::rc::Rc<[usize]> {
        self.0
            .borrow_mut()
            .entry(name.to_owned())
            .or_insert_with(|| src.match_indices(name).map(|(i, _)| i).collect())
            .clone()
    }
}

/// Occurrences of `name` (at `positions` in `src`) as a whole identifier in the text that is
/// left when the `removed` ranges (sorted, disjoint) are cut out and the pieces joined by line
/// breaks: an occurrence must lie within one piece, and a piece's edge is not an identifier
/// character.
fn word_occurrences_outside(src: &str, name: &str, positions: &[usize], removed: &[Range<usize>]) -> usize {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    positions
        .iter()
        .filter(|&&start| {
            let end = start + name.len();
            // Cut through (an empty range still puts a line break at its place).
            let cut = |r: &Range<usize>| {
                if r.is_empty() { start < r.start && r.start < end } else { start < r.end && r.start < end }
            };
            if removed.iter().any(cut) {
                return false;
            }
            let at_piece_start = removed.iter().any(|r| r.end == start);
            let at_piece_end = removed.iter().any(|r| r.start == end);
            let before = if at_piece_start { None } else { src[..start].chars().next_back() };
            let after = if at_piece_end { None } else { src[end..].chars().next() };
            !before.is_some_and(is_ident) && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .count()
}

/// A match accepted by its checks, before it becomes a [`Finding`].
struct RawFinding<'t> {
    rule: usize,
    range: Range<usize>,
    bindings: Bindings,
    captures: Vec<(String, Node<'t>)>,
    /// The reason of the suppression comment that covers it.
    suppressed: Option<String>,
    /// The recommendation from where the credentials come from (code files only; others take
    /// the file's).
    verdict: Option<crate::checks::provenance::Verdict>,
}

/// Files larger than this are parsed only around the literal hits of their candidate rules.
const PARTIAL_PARSE_MIN: usize = 64 * 1024;

/// Widens YAML parse windows to start at the top-level entry above them (the last line before
/// the window that starts in column 0 and is not a comment or a document marker), then merges
/// windows that come to overlap.
fn yaml_windows(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for mut range in ranges {
        let mut at = range.start;
        while at > 0 {
            let line_start = text[..at.saturating_sub(1)].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[line_start..];
            let top = line.bytes().next().is_some_and(|b| !b.is_ascii_whitespace() && b != b'#')
                && !line.starts_with("---")
                && !line.starts_with("...");
            at = line_start;
            if top {
                break;
            }
        }
        range.start = range.start.min(at);
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}
/// Whether a text of this language and length is parsed only in windows around the places
/// that matter (the literal hits of a scan, the edits of a fix).
#[must_use]
pub fn parses_partially(lang: Lang, len: usize) -> bool {
    !lang.is_container() && len > PARTIAL_PARSE_MIN
}

/// The ranges of a large file to parse around sorted `hits`: [`parse_windows`], plus what the
/// language needs for a window to read right.
fn partial_ranges(lang: Lang, text: &str, hits: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut ranges = parse_windows(text, hits, PARTIAL_PARSE_CONTEXT);
    // PHP code starts after its opening tag: without it, a window reads as HTML.
    if lang == Lang::Php
        && let Some(tag) = memchr::memmem::find(text.as_bytes(), b"<?")
        && ranges.first().is_some_and(|r| r.start > tag)
    {
        let end = tag + if text[tag..].starts_with("<?php") { 5 } else { 2 };
        match ranges.first_mut() {
            Some(first) if first.start <= end => first.start = 0,
            _ => ranges.insert(0, 0..end),
        }
    }
    // YAML nests by indentation: a window that starts inside a mapping reads its keys at the
    // wrong depth. Each window starts at the top-level key above it.
    if lang == Lang::Yaml {
        ranges = yaml_windows(text, ranges);
    }
    ranges
}

/// Bytes of context parsed before and after each hit in a large file.
const PARTIAL_PARSE_CONTEXT: usize = 8 * 1024;

/// Ranges to parse around sorted hits: `context` bytes on each side, widened to whole lines,
/// merged where they touch.
fn parse_windows(text: &str, hits: &[Range<usize>], context: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    for h in hits {
        // Widened to whole lines, unless the lines are minified-long: then cut mid-line (on a
        // character boundary) rather than parse the whole file.
        let cut = h.start.saturating_sub(context);
        let start = match memchr::memrchr(b'\n', &bytes[..cut]).map_or(0, |i| i + 1) {
            s if cut - s <= context => s,
            _ => (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0),
        };
        let cut = (h.end + context).min(bytes.len());
        let end = match memchr::memchr(b'\n', &bytes[cut..]).map_or(bytes.len(), |i| cut + i + 1) {
            e if e - cut <= context => e,
            _ => (cut..=bytes.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(bytes.len()),
        };
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
}

/// Sorted hit ranges merged when closer than `gap` bytes.
fn merge_windows(hits: &[Range<usize>], gap: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for h in hits {
        match out.last_mut() {
            Some(last) if h.start <= last.end + gap => last.end = last.end.max(h.end),
            _ => out.push(h.clone()),
        }
    }
    out
}

/// Longest span of source shown around a finding: minified code has megabyte lines.
const MAX_VIEW: usize = 2000;

/// `view` cut down to a window around `focus` when it is too long (on character boundaries).
pub(crate) fn window(src: &str, view: Range<usize>, focus: &Range<usize>) -> Range<usize> {
    if view.len() <= MAX_VIEW {
        return view;
    }
    let mut start = focus.start.saturating_sub(200).max(view.start);
    let mut end = (focus.end + 200).min(view.end).max(start);
    if end - start > MAX_VIEW {
        end = start + MAX_VIEW;
    }
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    while end < src.len() && !src.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Moves every byte offset of the findings by `by` (the byte-order mark before the text).
/// Findings in a notebook's decoded cells, pointed at the notebook file: lines become the file's
/// lines that hold the source strings, and rewrites are shown but not applied (their offsets are
/// offsets of the decoded cells, and the code sits in JSON strings).
fn notebook_findings(findings: &mut [Finding], lines: &[usize]) {
    let map = |line: usize| lines.get(line.wrapping_sub(1)).map_or(line, |row| row + 1);
    for f in findings {
        f.start.line = map(f.start.line);
        f.end.line = map(f.end.line);
        if let Some(excerpt) = f.excerpt.as_mut() {
            excerpt.first_line = map(excerpt.first_line);
        }
        let mut shown = false;
        for fix in &mut f.fixes {
            shown |= fix.applicability != Applicability::DisplayOnly;
            fix.applicability = Applicability::DisplayOnly;
            fix.edits.clear();
        }
        if shown {
            f.notes.push(
                "Jupyter notebook: the cell's code is a JSON string, so the rewrite is shown, not applied; edit the cell in Jupyter"
                    .to_owned(),
            );
        }
    }
}

fn shift_offsets(findings: &mut [Finding], by: usize) {
    for f in findings {
        f.range = f.range.start + by..f.range.end + by;
        for l in &mut f.labels {
            l.range = l.range.start + by..l.range.end + by;
        }
        for fix in &mut f.fixes {
            for e in &mut fix.edits {
                e.range = e.range.start + by..e.range.end + by;
            }
        }
    }
}

/// The redacted lines covering a finding and its labels.
pub(crate) fn excerpt(
    src: &str,
    lines: &LineIndex<'_>,
    secrets: &[Range<usize>],
    primary: &Range<usize>,
    labels: &[Label],
) -> Excerpt {
    let lo = labels.iter().map(|l| l.range.start).chain([primary.start]).min().unwrap_or(primary.start);
    let hi = labels.iter().map(|l| l.range.end).chain([primary.end]).max().unwrap_or(primary.end);
    let view = window(src, lines.line_span(&(lo..hi)), &(lo..hi));
    let local = redact::clip(secrets, &view);
    let redacted = redact::Redacted::new(&src[view.clone()], &local);
    let local_range = |r: &Range<usize>| {
        let r =
            r.start.clamp(view.start, view.end) - view.start..r.end.clamp(view.start, view.end) - view.start;
        redacted.map_range(&r)
    };
    Excerpt {
        first_line: lines.position(view.start).line,
        primary: local_range(primary),
        labels: labels.iter().map(|l| (local_range(&l.range), l.message.clone())).collect(),
        text: redacted.text,
    }
}

fn fix_applies(fix: &FixSpec, bindings: &Bindings) -> bool {
    fix.when.iter().all(|(var, values)| bindings.get(var).is_some_and(|v| values.iter().any(|x| x == v)))
}

/// The matched code as the fingerprint sees it: secrets masked, and what formatters change
/// removed: whitespace, trailing commas before a closing bracket, the choice of quote.
fn normalized_code(src: &str, range: &Range<usize>, secrets: &[Range<usize>]) -> String {
    let masked = redact::redact_slice(src, range.clone(), secrets);
    let compact: String =
        masked.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '"' { '\'' } else { c }).collect();
    compact.replace(",)", ")").replace(",]", "]").replace(",}", "}")
}

/// Sets each finding's fingerprint; findings must be sorted by position, so the occurrence
/// index counts earlier findings of the same rule with the same code in the file.
pub(crate) fn assign_fingerprints(findings: &mut [Finding], src: &str, secrets: &[Range<usize>]) {
    use sha2::{Digest, Sha256};
    let mut seen: Vec<(String, String)> = Vec::new();
    for f in findings.iter_mut() {
        let code = normalized_code(src, &f.range, secrets);
        let occurrence = seen.iter().filter(|(r, c)| *r == f.rule && *c == code).count();
        let mut hasher = Sha256::new();
        for part in
            [f.rule.as_str(), &f.path.to_string_lossy().replace('\\', "/"), &code, &occurrence.to_string()]
        {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        let digest = hasher.finalize();
        f.fingerprint = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        seen.push((f.rule.clone(), code));
    }
}

/// Removes the indentation common to all non-blank lines.
#[must_use]
pub fn dedent(code: &str) -> String {
    let indent = code
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    code.lines().map(|l| l.get(indent..).unwrap_or(l.trim_start())).collect::<Vec<_>>().join("\n")
}

trait WithPath {
    fn with_path(self, path: &Path) -> Outcome;
}

impl WithPath for Outcome {
    fn with_path(self, path: &Path) -> Outcome {
        match self {
            Outcome::Skipped(mut s) => {
                s.path = path.to_path_buf();
                Outcome::Skipped(s)
            }
            other => other,
        }
    }
}

/// Reads at most `max + 1` bytes of a regular file into `buf`.
fn read_capped(path: &Path, max: u64, buf: &mut Vec<u8>) -> Result<(), Outcome> {
    // No `fstat` before reading: the walk's directory entry said the path is a regular file
    // (a symbolic link it measured through), and reading at most `max + 1` bytes into the
    // worker's reused buffer says whether the file is too large. A `stat` per file was most of
    // the system calls ripgrep does not make on the same tree.
    let mut file =
        std::fs::File::open(path).map_err(|e| skip(path, SkipReason::Unreadable, e.to_string()))?;
    (&mut file)
        .take(max + 1)
        .read_to_end(buf)
        .map_err(|e| skip(path, SkipReason::Unreadable, e.to_string()))?;
    if buf.len() as u64 > max {
        // Rare: now the size is worth a system call, for the message.
        let detail = match file.metadata() {
            Ok(meta) if meta.len() > max => format!("{} bytes, over --max-filesize {max}", meta.len()),
            _ => format!("grew over --max-filesize {max} while being read"),
        };
        return Err(skip(path, SkipReason::TooLarge, detail));
    }
    Ok(())
}

/// A path for findings: relative to `root` when under it, without a leading `./`.
#[must_use]
pub fn display_path(path: &Path, root: &Path) -> PathBuf {
    display_path_under(path, root, root.is_dir())
}

/// [`display_path`] for a root already known to be a directory or not (a walk asks for every
/// file, and `is_dir` is a system call).
#[must_use]
pub fn display_path_under(path: &Path, root: &Path, root_is_dir: bool) -> PathBuf {
    let rel = if root_is_dir { path.strip_prefix(root).unwrap_or(path) } else { path };
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    if rel.as_os_str().is_empty() { path.to_path_buf() } else { rel.to_path_buf() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text-copying count that `word_occurrences_outside` replaced, as its oracle.
    fn occurrences_in_copy(src: &str, name: &str, removed: &[Range<usize>]) -> usize {
        let mut outside = String::new();
        let mut pos = 0;
        for r in removed {
            outside.push_str(&src[pos..r.start]);
            outside.push('\n');
            pos = r.end;
        }
        outside.push_str(&src[pos..]);
        let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
        outside
            .match_indices(name)
            .filter(|(i, _)| {
                let before = outside[..*i].chars().next_back();
                let after = outside[i + name.len()..].chars().next();
                !before.is_some_and(is_ident) && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
            .count()
    }

    #[test]
    fn occurrences_outside_removed_ranges_match_a_copy_of_the_text() {
        // A small deterministic generator: texts over an alphabet dense in the name's pieces.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap_or(0)
        };
        let pieces = ["pw", "$pw", "p", "w", " ", "_", "=", "\n", "x"];
        let mut compared = 0;
        for _ in 0..4000 {
            let src: String = (0..next(12) + 1).map(|_| pieces[next(pieces.len())]).collect();
            let mut cuts: Vec<usize> = (0..next(4) * 2).map(|_| next(src.len() + 1)).collect();
            cuts.sort_unstable();
            let removed: Vec<Range<usize>> = cuts.chunks(2).map(|c| c[0]..c[1]).collect();
            for name in ["pw", "$pw"] {
                let positions: Vec<usize> = src.match_indices(name).map(|(i, _)| i).collect();
                assert_eq!(
                    word_occurrences_outside(&src, name, &positions, &removed),
                    occurrences_in_copy(&src, name, &removed),
                    "{src:?} without {removed:?}, {name}"
                );
                compared += 1;
            }
        }
        assert_eq!(compared, 8000);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // reason: lists of ranges, one range long
    fn yaml_windows_start_at_the_top_level_entry_above() {
        let text = "a: 1\nb:\n  c:\n    d: 2\n# note\n    e: 3\nf: 4\n";
        let e = text.find("e: 3").expect("e");
        let windows = yaml_windows(text, vec![e..e + 4]);
        assert_eq!(windows, vec![text.find("b:").expect("b")..e + 4]);
        // Two windows under one top-level entry merge.
        let d = text.find("d: 2").expect("d");
        assert_eq!(yaml_windows(text, vec![d..d + 4, e..e + 4]).len(), 1);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // reason: lists of ranges, one range long
    fn parse_windows_widen_to_lines_and_merge() {
        let text = "aaaa\nbbbb\ncccc\ndddd\neeee\n";
        // 3 bytes of context around `b` (6) reach back to the start of line 1; forward, the
        // next line end is too far, so the window stops at the context.
        assert_eq!(parse_windows(text, &[6..7], 3), vec![0..10]);
        assert_eq!(parse_windows(text, &[6..7, 21..22], 3), vec![0..10, 15..25]);
        // Overlapping windows merge.
        assert_eq!(parse_windows(text, &[6..7, 11..12], 3), vec![0..15]);
        // One long line: cut at the context, not widened to the whole line.
        let long = "x".repeat(100);
        assert_eq!(parse_windows(&long, &[50..51], 10), vec![40..61]);
    }

    #[test]
    fn positions_are_one_based_characters() {
        let idx = LineIndex::new("ab\ncé d\n");
        assert_eq!(idx.position(0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(3), Position { line: 2, column: 1 });
        assert_eq!(idx.position(7), Position { line: 2, column: 4 });
        assert_eq!(idx.line_span(&(4..5)), 3..8);
    }

    #[test]
    fn fingerprints_ignore_whitespace_and_count_occurrences() {
        assert_eq!(normalized_code("a( 1,\n  2 )", &(0..11), &[]), "a(1,2)");
        assert_eq!(normalized_code("x('pw')", &(0..7), std::slice::from_ref(&(3..5))), "x('***')");
        assert_eq!(normalized_code("f([\"a\",\n])", &(0..10), &[]), "f(['a'])");
    }

    #[test]
    fn dedent_keeps_relative_indentation() {
        assert_eq!(dedent("    a(\n      b)\n"), "a(\n  b)");
    }
}

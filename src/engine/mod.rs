//! Scanning one file, from bytes to findings, in the stages ARCHITECTURE.md names: read and
//! decode (`read.rs`), gates (`gate.rs`), windows of a large file (`windows.rs`), units and
//! parsing (`parse.rs`), matching and checks (`matching.rs`), suppressions
//! (`suppressions.rs`), building findings (`build.rs`). [`Engine::check_bytes`] composes them.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tree_sitter::{Parser, Tree};

use crate::context::FileContext;
use crate::embedded::{Notebook, Region};
use crate::finding::{Finding, SkipReason, Skipped};
use crate::lang::Lang;
use crate::model::ActiveRule;
use crate::prefilter::{Candidates, Prefilter, PrefilterError, RuleLiterals};
use crate::project::ProjectContext;
use crate::query::{QueryForm, QueryPlan};

mod build;
mod gate;
mod matching;
mod parse;
mod read;
mod suppressions;
pub mod text;
mod windows;

use gate::{Places, ProjectFacts, RegexGate};
use read::{Encoding, skip};
pub use windows::parses_partially;

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
                r.rule
                    .prefilter_regex
                    .clone()
                    .map(|source| RegexGate { source, regex: std::sync::OnceLock::new() })
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
        let outcome = match self.scan_bytes(path, display, lang, bytes, worker, &mut times) {
            Ok(outcome) | Err(outcome) => outcome,
        };
        FileReport { outcome, times }
    }

    /// The stages of [`Engine::check_bytes`]; a stage that settles the file's outcome early
    /// (skipped, prefiltered) returns it as the error.
    fn scan_bytes(
        &self,
        path: &Path,
        display: &Path,
        lang: Lang,
        bytes: &[u8],
        worker: &mut Worker,
        times: &mut StageTimes,
    ) -> Result<Outcome, Outcome> {
        // An env template may hold JSON or `KEY = value` lines: read it as what it holds.
        let lang = lang.refine(bytes);
        let (utf16, candidates, places) = self.literal_gate(display, lang, bytes, times)?;
        let decoded = self.decode(display, lang, bytes, utf16, times)?;
        let notebook = self.notebook(display, lang, decoded.text(), worker, times)?;
        let (text, bom, candidates, places) = match &notebook {
            Some(nb) => {
                let (candidates, places) = self.gate_notebook(lang, nb, times)?;
                (nb.text.as_str(), 0, candidates, places)
            }
            None => (decoded.text(), decoded.bom, candidates, places),
        };
        let project = self.project_facts(path, lang);
        let candidates = self.text_gate(candidates, text, lang, times)?;
        let (candidates, early_context) =
            self.context_gate(candidates, text, display, lang, &project, times)?;
        let t = Instant::now();
        let places = windows::shift_places(places, bom, decoded.encoding == Encoding::Latin1);
        let parsed = self.parse_file(display, lang, text, notebook.as_ref(), candidates, &places, worker);
        times.parse = t.elapsed();
        let Parsed { trees, text_units, partial } = parsed?;

        let t = Instant::now();
        let file = FileText { path, display, lang, text };
        let mut findings = self.match_text(&file, &text_units, candidates, early_context.as_ref(), &project);
        findings.extend(self.match_trees(&file, &trees, candidates, &places, early_context, &project));
        if trees.len() + text_units.len() > 1 {
            findings.sort_by(|a, b| {
                (a.range.start, &a.rule, a.range.end).cmp(&(b.range.start, &b.rule, b.range.end))
            });
        }
        let syntax_errors = trees.iter().any(|(_, tree)| tree.root_node().has_error());
        if bom > 0 {
            build::shift_offsets(&mut findings, bom);
        }
        if let Some(nb) = &notebook {
            build::notebook_findings(&mut findings, &nb.lines);
        }
        if partial {
            for f in &mut findings {
                f.notes.push(format!(
                    "large file ({} KiB): parsed only around the places that matter, so assignments far from this line were not followed",
                    text.len() / 1024
                ));
            }
        }
        if let Some(encoding) = decoded.encoding.foreign_name() {
            for f in &mut findings {
                f.notes.push(format!(
                    "the file is not UTF-8: it was read as {encoding}; columns may be off and --fix leaves it alone"
                ));
            }
        }
        times.matching = t.elapsed();
        Ok(Outcome::Scanned { findings, syntax_errors })
    }

    /// The skip of a file whose parse ran out of time.
    fn timed_out(&self, display: &Path) -> Outcome {
        let detail = format!("parsing took longer than {:?}", self.options.parse_timeout);
        skip(display, SkipReason::Timeout, detail)
    }

    /// A notebook's code is in JSON strings: the rules read its decoded cells instead (see
    /// `embedded::notebook`). `None` for any other file.
    fn notebook(
        &self,
        display: &Path,
        lang: Lang,
        text: &str,
        worker: &mut Worker,
        times: &mut StageTimes,
    ) -> Result<Option<Notebook>, Outcome> {
        if lang != Lang::Notebook {
            return Ok(None);
        }
        let t = Instant::now();
        let tree = self.parse_ranges(Lang::Notebook, text, &[], worker);
        times.parse += t.elapsed();
        let tree = tree.ok_or_else(|| self.timed_out(display))?;
        Ok(Some(crate::embedded::notebook(tree.root_node(), text)))
    }

    /// The literal gate again, on a notebook's decoded cells (the escapes are gone).
    fn gate_notebook(
        &self,
        lang: Lang,
        notebook: &Notebook,
        times: &mut StageTimes,
    ) -> Result<(Candidates, Places), Outcome> {
        let t = Instant::now();
        let (candidates, places) = self.prefilter.scan(lang, notebook.text.as_bytes());
        times.gate += t.elapsed();
        if candidates.is_empty() { Err(Outcome::Prefiltered) } else { Ok((candidates, places)) }
    }

    /// The file's units parsed, each with its language, and whether the file was parsed only
    /// in windows. A large file (a bundle, generated code) is parsed only around the rules'
    /// literal hits: parsing costs far more than anything else, and every match contains a
    /// hit. Checks then see only those parts (a receiver assigned far away is not followed).
    #[allow(clippy::too_many_arguments)] // reason: one file's facts, passed down once
    fn parse_file(
        &self,
        display: &Path,
        lang: Lang,
        text: &str,
        notebook: Option<&Notebook>,
        candidates: Candidates,
        places: &Places,
        worker: &mut Worker,
    ) -> Result<Parsed, Outcome> {
        let units = match notebook {
            Some(nb) => Some(nb.regions.clone()),
            None => self.units(lang, text, worker),
        };
        let units = units.ok_or_else(|| self.timed_out(display))?;
        // Text languages have no grammar: `text` reads their units instead of a parse.
        let (text_units, mut units): (Vec<Region>, Vec<Region>) =
            units.into_iter().partition(|u| u.lang.is_text());
        let mut partial = false;
        if let [unit] = units.as_mut_slice()
            && !lang.is_container()
            && text.len() > windows::PARTIAL_PARSE_MIN
            && let Some(hits) = windows::all_hits(candidates, places)
        {
            unit.ranges = windows::partial_ranges(lang, text, &hits);
            partial = true;
        }
        let mut trees = Vec::with_capacity(units.len());
        for unit in &units {
            let tree = self.parse_ranges(unit.lang, text, &unit.ranges, worker);
            trees.push((unit.lang, tree.ok_or_else(|| self.timed_out(display))?));
        }
        Ok(Parsed { trees, text_units, partial })
    }

    /// The findings of every parsed unit, sorted by position. A document's candidates span
    /// every language of its blocks; each block language runs only its own rules.
    fn match_trees(
        &self,
        file: &FileText<'_>,
        trees: &[(Lang, Tree)],
        candidates: Candidates,
        places: &Places,
        early_context: Option<FileContext>,
        project: &ProjectFacts,
    ) -> Vec<Finding> {
        let FileText { path, display, lang, text } = *file;
        let mut findings = Vec::new();
        for (unit_lang, tree) in trees {
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
                    own = project.context(text, display, *unit_lang);
                    &own
                }
            };
            findings.extend(self.match_tree(path, display, context, *unit_lang, text, tree, &rules));
        }
        findings
    }

    /// The findings of the units in text languages (no grammar): their rules' regexes over
    /// the lexed text, judged by the text checks (see [`text`]).
    fn match_text(
        &self,
        file: &FileText<'_>,
        units: &[Region],
        candidates: Candidates,
        early_context: Option<&FileContext>,
        project: &ProjectFacts,
    ) -> Vec<Finding> {
        let FileText { path, display, lang, text } = *file;
        let mut findings = Vec::new();
        for unit in units {
            let of_lang = self.prefilter.rules_for(unit.lang);
            let own;
            let context = match early_context {
                Some(c) if unit.lang == lang => c,
                _ => {
                    own = project.context(text, display, unit.lang);
                    &own
                }
            };
            let job = text::TextJob {
                rules: &self.rules,
                candidates: candidates.iter().filter(|i| of_lang.contains(*i)).collect(),
                options: &self.options,
                context,
                path,
                display,
            };
            findings.extend(text::scan(&job, unit.lang, text, &unit.ranges));
        }
        findings
    }
}

/// The units of a file: the trees of those in grammar languages, the text-language units
/// as they are, and whether the file was parsed only in windows.
struct Parsed {
    trees: Vec<(Lang, Tree)>,
    text_units: Vec<Region>,
    partial: bool,
}

/// The file being matched: where it is (`path`, for its project), the path its findings show,
/// its language and its text.
#[derive(Clone, Copy)]
struct FileText<'a> {
    path: &'a Path,
    display: &'a Path,
    lang: Lang,
    text: &'a str,
}

//! Wires the stages together: rules, walk, parallel scan, report, exit status.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;
use serde::Serialize;

use crate::cli::{CheckArgs, ColorChoice, Command, Format, RulesArgs};
use crate::context::ProjectContext;
use crate::engine::{ActiveRule, Engine, EngineOptions, Outcome, StageTimes, Worker, display_path};
use crate::finding::{Finding, Skipped};
use crate::lang::Lang;
use crate::report;
use crate::rules::{Rule, RuleSet};
use crate::walk::{self, WalkOptions};

/// How the program ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No finding at or above `--fail-on`.
    Clean,
    /// Findings at or above `--fail-on`.
    Findings,
}

/// Counters and stage times of a scan.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    /// Regular files the walk saw (any type).
    pub files_seen: usize,
    /// Files of a supported language that were opened.
    pub files_read: usize,
    /// Files and directories skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Files with no candidate literal (never parsed).
    pub prefiltered: usize,
    /// Files parsed.
    pub parsed: usize,
    /// Parsed files whose tree had syntax errors (still matched).
    pub syntax_errors: usize,
    /// Findings.
    pub findings: usize,
    /// Milliseconds per stage (read, gate, parse and match are summed over workers).
    pub time_ms: BTreeMap<String, f64>,
}

/// Everything a scan produced.
pub struct ScanResult {
    /// Scan roots as given.
    pub roots: Vec<PathBuf>,
    /// Findings, sorted by path and position.
    pub findings: Vec<Finding>,
    /// Files not scanned.
    pub skipped: Vec<Skipped>,
    /// Counters.
    pub stats: Stats,
}

/// Runs a parsed command line.
///
/// # Errors
/// Usage, configuration and I/O errors (exit code 2).
pub fn run(command: Command) -> Result<ExitStatus> {
    match command {
        Command::Check(args) => check(&args),
        Command::Rules(args) => rules(&args),
        Command::Explain { rule, rule_dirs } => explain(&rule, &rule_dirs),
        Command::Parse { file, lang } => parse(&file, lang.as_deref()),
    }
}

/// Built-in rules plus those of the given directories.
///
/// # Errors
/// A broken rule file.
pub fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet> {
    let mut set = RuleSet::builtin()?;
    for dir in dirs {
        set = set.extend(RuleSet::load_dir(dir)?)?;
    }
    Ok(set)
}

fn selector_matches(selector: &str, rule: &Rule) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || selector == rule.id
        || selector == rule.group
        || rule.id.starts_with(&format!("{}/", selector.trim_end_matches('/')))
}

/// Applies `--select`, `--extend-select` and `--ignore` (ruff's semantics: `--select` replaces
/// the default set).
///
/// # Errors
/// A selector that names no rule (a typo should not silently select nothing).
pub fn select<'r>(
    set: &'r RuleSet,
    select: &[String],
    extend: &[String],
    ignore: &[String],
) -> Result<Vec<ActiveRule<'r>>> {
    for s in select.iter().chain(extend).chain(ignore) {
        if !set.rules.iter().any(|r| selector_matches(s, r)) {
            bail!("`{s}` matches no rule (see `pwflow rules`)");
        }
    }
    Ok(set
        .rules
        .iter()
        .filter(|r| {
            let chosen =
                if select.is_empty() { r.enabled } else { select.iter().any(|s| selector_matches(s, r)) };
            (chosen || extend.iter().any(|s| selector_matches(s, r)))
                && !ignore.iter().any(|s| selector_matches(s, r))
        })
        .map(|rule| ActiveRule { rule, severity: rule.severity })
        .collect())
}

struct Acc {
    findings: Vec<Finding>,
    skipped: Vec<Skipped>,
    stats: Stats,
    times: StageTimes,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            findings: Vec::new(),
            skipped: Vec::new(),
            stats: Stats::default(),
            times: StageTimes::default(),
        }
    }

    fn merge(mut self, other: Acc) -> Acc {
        self.findings.extend(other.findings);
        self.skipped.extend(other.skipped);
        self.stats.files_read += other.stats.files_read;
        self.stats.prefiltered += other.stats.prefiltered;
        self.stats.parsed += other.stats.parsed;
        self.stats.syntax_errors += other.stats.syntax_errors;
        self.times += other.times;
        self
    }
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

/// Scans the given roots.
///
/// # Errors
/// A root that does not exist.
pub fn scan(
    args: &CheckArgs,
    engine_rules: Vec<ActiveRule<'_>>,
    known_rules: &[String],
) -> Result<ScanResult> {
    let started = Instant::now();
    for root in &args.paths {
        if std::fs::symlink_metadata(root).is_err() {
            bail!("{}: no such file or directory", root.display());
        }
    }
    let threads = args.jobs.unwrap_or_else(num_cpus::get).max(1);
    let walk_opts = WalkOptions {
        no_ignore: args.no_ignore,
        follow: args.follow,
        threads,
        max_filesize: args.max_filesize,
    };
    let walked = walk::walk(&args.paths, &walk_opts);
    let mut markers = walked.markers.clone();
    for root in &args.paths {
        markers.extend(ProjectContext::ancestor_markers(root));
    }
    let project = ProjectContext::from_markers(markers.iter().map(PathBuf::as_path));
    let walk_time = started.elapsed();

    let options = EngineOptions {
        show_secrets: args.show_secrets,
        jwt_var: args.jwt_var.clone(),
        max_filesize: args.max_filesize,
        parse_timeout: Duration::from_millis(args.parse_timeout_ms),
        no_ignore: args.no_ignore,
        known_rules: known_rules.to_vec(),
    };
    let engine = Engine::new(engine_rules, options, project)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let roots = &args.paths;
    let files: Vec<_> = walked.files.iter().filter(|f| engine.wants(f.lang)).collect();
    let acc = pool.install(|| {
        files
            .par_iter()
            .map_init(Worker::default, |worker, file| {
                let display = display_path(&file.path, &roots[file.root]);
                let report = engine.check_path(&file.path, &display, file.lang, worker);
                let mut acc = Acc::new();
                acc.times = report.times;
                acc.stats.files_read = 1;
                match report.outcome {
                    Outcome::Prefiltered => acc.stats.prefiltered = 1,
                    Outcome::Scanned { mut findings, syntax_errors } => {
                        acc.stats.parsed = 1;
                        acc.stats.syntax_errors = usize::from(syntax_errors);
                        let location = file.path.strip_prefix(".").unwrap_or(&file.path);
                        for f in &mut findings {
                            f.location = location.to_path_buf();
                        }
                        acc.findings = findings;
                    }
                    Outcome::Skipped(s) => acc.skipped.push(s),
                }
                acc
            })
            .reduce(Acc::new, Acc::merge)
    });
    let mut findings = acc.findings;
    findings.sort_by(|a, b| (&a.path, a.range.start, &a.rule).cmp(&(&b.path, b.range.start, &b.rule)));
    let mut skipped: Vec<Skipped> = walked
        .skipped
        .into_iter()
        .map(|mut s| {
            if let Some(root) = roots.iter().find(|r| s.path.starts_with(r)) {
                s.path = display_path(&s.path, root);
            }
            s
        })
        .chain(acc.skipped)
        .collect();
    skipped.sort();
    let mut stats = acc.stats;
    stats.files_seen = walked.seen;
    stats.findings = findings.len();
    for s in &skipped {
        *stats.skipped.entry(s.reason.as_str().to_owned()).or_default() += 1;
    }
    stats.time_ms.insert("walk".into(), ms(walk_time));
    stats.time_ms.insert("read".into(), ms(acc.times.read));
    stats.time_ms.insert("gate".into(), ms(acc.times.gate));
    stats.time_ms.insert("parse".into(), ms(acc.times.parse));
    stats.time_ms.insert("match".into(), ms(acc.times.matching));
    stats.time_ms.insert("total".into(), ms(started.elapsed()));
    Ok(ScanResult { roots: args.paths.clone(), findings, skipped, stats })
}

fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn check(args: &CheckArgs) -> Result<ExitStatus> {
    let set = load_rules(&args.rule_dirs)?;
    let active = select(&set, &args.select, &args.extend_select, &args.ignore)?;
    let result = scan(args, active, &set.known_names())?;
    let to_terminal = args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    let color = use_color(args.color, to_terminal);
    let rendered = match args.format {
        Format::Human => report::human::render(&result, color, args.quiet),
        Format::Json => report::json::render(&result)?,
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, rendered).with_context(|| format!("cannot write {}", path.display()))?
        }
        None => write_stdout(&rendered)?,
    }
    if args.stats {
        write_stderr(&report::human::render_stats(&result.stats))?;
    }
    let failing = result.findings.iter().any(|f| f.is_active() && f.severity >= args.fail_on);
    Ok(if failing { ExitStatus::Findings } else { ExitStatus::Clean })
}

fn rules(args: &RulesArgs) -> Result<ExitStatus> {
    let set = load_rules(&args.rule_dirs)?;
    let out = match args.format {
        Format::Human => report::rules::list(&set),
        Format::Json => report::rules::list_json(&set)?,
    };
    write_stdout(&out)?;
    Ok(ExitStatus::Clean)
}

fn explain(id: &str, dirs: &[PathBuf]) -> Result<ExitStatus> {
    let set = load_rules(dirs)?;
    let Some(rule) = set.get(id) else {
        let known: Vec<_> = set.rules.iter().map(|r| r.id.as_str()).collect();
        bail!("no rule `{id}` (known: {})", known.join(", "));
    };
    write_stdout(&report::rules::explain(rule))?;
    Ok(ExitStatus::Clean)
}

fn parse(file: &Path, lang: Option<&str>) -> Result<ExitStatus> {
    let lang = match lang {
        Some(name) => Lang::from_name(name).with_context(|| format!("unknown language `{name}`"))?,
        None => Lang::from_path(file)
            .with_context(|| format!("{}: unknown language; pass --lang", file.display()))?,
    };
    let src = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&lang.grammar()).context("grammar does not load")?;
    let tree = parser.parse(&src, None).context("parse failed")?;
    write_stdout(&report::tree::render(&tree, &src))?;
    Ok(ExitStatus::Clean)
}

/// Writes to stdout; a closed pipe (`pwflow check | head`) is not an error.
fn write_stdout(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

fn write_stderr(s: &str) -> Result<()> {
    let mut err = std::io::stderr().lock();
    err.write_all(s.as_bytes()).context("cannot write to standard error")
}

//! `pwflow audit`: a one-off report for a team lead. Scans one or more roots (or every git
//! repository below a directory), reads the RingCentral SDK versions from lock files and
//! manifests, and writes a self-contained HTML page, a Markdown document and/or the JSON
//! document of `check --format json`.
//!
//! An audit reports; it does not gate: the exit code is 0 unless something fails (2).

pub mod html;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod svg;

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use ignore::WalkBuilder;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::app::{self, ExitStatus};
use crate::cli::{AuditArgs, CheckArgs};
use crate::engine::{ActiveRule, EngineOptions};
use crate::scan::{self, ScanOptions, ScanResult};
use crate::walk::VENDORED_DIRS;

use manifest::SdkUse;
use model::{Root, Unit};

/// Largest manifest or lock file read (a package-lock.json of a big monorepo fits).
const MAX_MANIFEST: u64 = 32 << 20;

/// Runs `pwflow audit`.
///
/// # Errors
/// Usage and configuration errors, a root that does not exist, unwritable output files.
pub fn audit(args: &AuditArgs) -> Result<ExitStatus> {
    let Plan { roots, unit, base } = plan(args)?;
    let settings = app::settings(&check_args(args, &base)?)?;
    let set = app::load_rules(&settings.rule_dirs)?;
    let mut active = app::select(&set, &settings.select, &settings.extend_select, &settings.ignore)?;
    for rule in &mut active {
        let by_id = settings.severity.get(&rule.rule.id);
        let by_group = settings.severity.get(&rule.rule.group);
        if let Some(sev) = by_id.or(by_group) {
            rule.severity = *sev;
        }
    }
    let threads = args.scan.threads();
    let progress = progress_bar(args.quiet, roots.len());
    let mut audited = Vec::new();
    let (mut files, mut parsed, mut findings) = (0, 0, 0);
    for (label, path) in &roots {
        progress.set_message(format!(
            "scanning {label} · {files} files walked, {parsed} parsed, {findings} findings so far"
        ));
        let options = ScanOptions {
            paths: vec![path.clone()],
            threads,
            no_ignore: args.scan.no_ignore,
            follow: args.scan.follow,
            max_filesize: args.scan.max_filesize,
            remove_stale_temps: false,
            exclude: settings.exclude.clone(),
            engine: EngineOptions {
                show_secrets: false,
                jwt_var: settings.jwt_var.clone(),
                max_filesize: args.scan.max_filesize,
                parse_timeout: Duration::from_millis(args.scan.parse_timeout_ms),
                no_ignore: args.scan.no_ignore,
                known_rules: set.known_names(),
                languages: settings.languages.clone(),
            },
        };
        let rules: Vec<ActiveRule<'_>> =
            active.iter().map(|a| ActiveRule { rule: a.rule, severity: a.severity }).collect();
        let result = scan::scan(options, rules)?;
        files += result.stats.files_seen;
        parsed += result.stats.parsed;
        findings += result.findings.len();
        progress.set_message(format!("reading manifests of {label}"));
        let sdks = find_sdks(path, args.scan.no_ignore);
        audited.push(Root { label: label.clone(), result, sdks });
        progress.inc(1);
    }
    progress.finish_with_message(format!(
        "audited {} · {files} files walked, {parsed} parsed, {findings} findings",
        if roots.len() == 1 { roots[0].0.clone() } else { format!("{} {}", roots.len(), unit.plural()) }
    ));
    let report = model::build(&audited, unit, &settings.jwt_var, model::report_date());
    if let Some(path) = &args.html {
        write(path, &html::render(&report))?;
    }
    if let Some(path) = &args.markdown {
        write(path, &markdown::render(&report))?;
    }
    if let Some(path) = &args.json {
        let merged = merge(audited.into_iter().map(|r| r.result).collect());
        write(path, &crate::report::json::render(&merged)?)?;
    }
    Ok(ExitStatus::Clean)
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// What to audit.
struct Plan {
    /// Roots with their labels.
    roots: Vec<(String, PathBuf)>,
    /// What an application is.
    unit: Unit,
    /// Where the config file is looked for.
    base: PathBuf,
}

/// The roots with their labels, what an application is, and where to look for the config file.
fn plan(args: &AuditArgs) -> Result<Plan> {
    if let Some(dir) = &args.repos_under {
        if !dir.is_dir() {
            bail!("{}: not a directory", dir.display());
        }
        let repos = find_repos(dir);
        if repos.is_empty() {
            bail!("no git repository found under {} (looked for directories holding .git)", dir.display());
        }
        let labelled = repos
            .into_iter()
            .map(|repo| {
                let rel = repo.strip_prefix(dir).unwrap_or(&repo);
                let label = if rel.as_os_str().is_empty() {
                    std::fs::canonicalize(dir)
                        .ok()
                        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                        .unwrap_or_else(|| ".".to_owned())
                } else {
                    rel.to_string_lossy().replace('\\', "/")
                };
                (label, repo)
            })
            .collect();
        return Ok(Plan { roots: labelled, unit: Unit::Repository, base: dir.clone() });
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    for p in &paths {
        if std::fs::symlink_metadata(p).is_err() {
            bail!("{}: no such file or directory", p.display());
        }
    }
    let unit = if paths.len() > 1 { Unit::Repository } else { Unit::Application };
    let base = paths[0].clone();
    Ok(Plan { roots: paths.into_iter().map(|p| (p.display().to_string(), p)).collect(), unit, base })
}

/// Git repositories below `dir` (directories holding `.git`, a directory or a worktree file),
/// sorted; their insides are not searched. `dir` itself when it is one. Vendored and hidden
/// directories and symbolic links are not entered.
#[must_use]
pub fn find_repos(dir: &Path) -> Vec<PathBuf> {
    if dir.join(".git").exists() {
        return vec![dir.to_path_buf()];
    }
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        let mut children: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                !name.starts_with('.') && !VENDORED_DIRS.contains(&name.as_ref())
            })
            .map(|e| e.path())
            .collect();
        children.sort();
        for child in children.into_iter().rev() {
            if child.join(".git").exists() {
                found.push(child);
            } else {
                stack.push(child);
            }
        }
    }
    found.sort();
    found
}

/// RingCentral SDK dependencies declared below `root` (vendored trees excluded: their
/// manifests describe the dependencies themselves).
#[must_use]
pub fn find_sdks(root: &Path, no_ignore: bool) -> Vec<SdkUse> {
    let mut files: Vec<PathBuf> = WalkBuilder::new(root)
        .standard_filters(!no_ignore)
        .hidden(true)
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !(e.file_type().is_some_and(|t| t.is_dir()) && VENDORED_DIRS.contains(&name.as_ref()))
        })
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter(|e| manifest::is_manifest(&e.file_name().to_string_lossy()))
        .filter(|e| e.metadata().is_ok_and(|m| m.len() <= MAX_MANIFEST))
        .map(ignore::DirEntry::into_path)
        .collect();
    files.sort();
    let mut uses = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let rel = if root.is_dir() { file.strip_prefix(root).unwrap_or(&file) } else { &file };
        for dep in manifest::parse(&name, &text) {
            uses.push(manifest::assess(rel, dep));
        }
    }
    manifest::resolve_by_locks(&mut uses);
    uses
}

/// The `check` arguments with the audit's rule, walk and config flags (everything else at its
/// default), to resolve settings the way `check` does.
fn check_args(args: &AuditArgs, base: &Path) -> Result<CheckArgs> {
    use clap::{Args as _, FromArgMatches as _};
    let matches = CheckArgs::augment_args(clap::Command::new("check"))
        .try_get_matches_from(["check"])
        .context("internal: default check arguments")?;
    let mut check = CheckArgs::from_arg_matches(&matches).context("internal: default check arguments")?;
    check.paths = vec![base.to_path_buf()];
    check.scan = args.scan.clone();
    Ok(check)
}

/// One document for several roots, as `check` gives for the same roots: paths stay relative to
/// their own root, `roots` lists them all.
fn merge(results: Vec<ScanResult>) -> ScanResult {
    let mut iter = results.into_iter();
    let Some(mut all) = iter.next() else {
        unreachable!("an audit has at least one root");
    };
    for r in iter {
        all.roots.extend(r.roots);
        all.findings.extend(r.findings);
        all.skipped.extend(r.skipped);
        all.scanned.extend(r.scanned);
        let (a, b) = (&mut all.stats, r.stats);
        a.files_seen += b.files_seen;
        a.files_read += b.files_read;
        a.prefiltered += b.prefiltered;
        a.parsed += b.parsed;
        a.syntax_errors += b.syntax_errors;
        a.findings += b.findings;
        for (k, v) in b.skipped {
            *a.skipped.entry(k).or_default() += v;
        }
        for (k, v) in b.time_ms {
            *a.time_ms.entry(k).or_default() += v;
        }
    }
    all
}

/// A bar over the roots with running counts, on stderr when it is a terminal; hidden otherwise
/// and with `--quiet`. The scan has no per-file hook, so counts move once per root.
fn progress_bar(quiet: bool, roots: usize) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(roots as u64), ProgressDrawTarget::stderr());
    let style = if roots > 1 {
        ProgressStyle::with_template("{spinner:.cyan} [{bar:24.cyan/blue}] {pos}/{len} {wide_msg}")
    } else {
        ProgressStyle::with_template("{spinner:.cyan} {elapsed} {wide_msg}")
    };
    if let Ok(style) = style {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

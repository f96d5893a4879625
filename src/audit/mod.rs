//! `pwflow audit`: a one-off report for a team lead. Scans one or more roots (every git
//! repository below a directory, or those a file lists, or one shard of them), reads the
//! RingCentral SDK versions from lock files and manifests, and writes a self-contained HTML
//! page, a Markdown document, the JSON document (every finding) and/or a CSV of the findings.
//! `pwflow audit merge` makes the same report from the JSON parts of sharded runs.
//!
//! Findings stream from each root's scan into a spill file (`model::Collector`), so memory
//! does not grow with their number; the HTML and Markdown show the first findings of each
//! application and rule, the JSON and CSV all of them.
//!
//! An audit reports; it does not gate: the exit code is 0 unless something fails (2).

pub mod html;
pub mod markdown;
pub mod model;
pub mod record;
pub mod sdk;
pub mod svg;

use std::fs::File;
use std::io::{BufWriter, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use ignore::WalkBuilder;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{AuditArgs, AuditCommand, AuditOutputs, CheckArgs, MergeArgs};
use crate::finding::{Finding, Flow};
use crate::model::{ActiveRule, ExitStatus};
use crate::project::manifest;
use crate::project::vendored::VENDORED_DIRS;
use crate::scan::{self, ScanOptions};
use crate::settings;

use model::{Collector, Limits, Links, Unit};
use record::{DocWriter, NotAudited, RootKind, RootRecord, SdkRecord};

/// Largest manifest or lock file read (a package-lock.json of a big monorepo fits).
const MAX_MANIFEST: u64 = 32 << 20;

/// One root to audit.
struct Planned {
    label: String,
    path: PathBuf,
    kind: RootKind,
}

/// Runs `pwflow audit` (or `pwflow audit merge`).
///
/// # Errors
/// Usage and configuration errors, a root that does not exist, unwritable output files.
pub fn audit(args: &AuditArgs) -> Result<ExitStatus> {
    if let Some(AuditCommand::Merge(m)) = &args.command {
        return merge(m);
    }
    let Plan { mut roots, unit, base, mut not_audited } = plan(args)?;
    let check = check_args(args, &base)?;
    let settings = settings::settings(&check)?;
    let set = settings::load_rules(&settings.rule_dirs)?;
    let scan_options = settings.scan_options(&check, &set);
    let active = settings.active_rules(&set)?;
    let mut collector = Collector::new(unit, limits(&args.out))?;
    if let Some((i, n)) = args.shard {
        roots.retain(|r| shard_of(&r.label, n) == i);
        not_audited.retain(|r| shard_of(&r.path, n) == i);
        collector.set_shard(format!("{i}/{n}"));
    }
    collector.not_audited(not_audited);
    let progress = progress_bar(args.out.quiet, roots.len(), unit);
    let (mut files, mut parsed, mut findings) = (0, 0, 0);
    for root in &roots {
        progress.set_message(format!(
            "{} · {files} files walked, {parsed} parsed, {findings} findings so far",
            root.label
        ));
        let options = ScanOptions { paths: vec![root.path.clone()], ..scan_options.clone() };
        let rules: Vec<ActiveRule<'_>> =
            active.iter().map(|a| ActiveRule { rule: a.rule, severity: a.severity }).collect();
        let result = scan::scan(options, rules)?;
        files += result.stats.counters.files_seen;
        parsed += result.stats.counters.parsed;
        findings += result.findings.len();
        let (applications, sdks) = survey(&root.path, args.scan.no_ignore);
        let s = &result.stats;
        let record = RootRecord {
            label: root.label.clone(),
            path: root.path.display().to_string(),
            kind: root.kind,
            findings: result.findings.len(),
            skipped: result.skipped.len(),
            applications,
            sdks,
            stats: s.counters.clone(),
        };
        let idx = collector.begin_root(record)?;
        for f in result.findings {
            collector.finding(idx, f)?;
        }
        collector.set_skipped(idx, result.skipped);
        progress.inc(1);
    }
    progress.finish_with_message(format!(
        "audited {} · {files} files walked, {parsed} parsed, {findings} findings",
        match roots.as_slice() {
            [one] => one.label.clone(),
            all => count(all.len(), unit.noun(), unit.plural()),
        }
    ));
    write_outputs(&mut collector, &args.out, &settings.jwt_var)?;
    Ok(ExitStatus::Clean)
}

/// `n noun` with the noun's number agreeing ("1 repository", "2 repositories").
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn limits(out: &AuditOutputs) -> Limits {
    Limits { per_group: out.max_per_group, findings: out.max_shown, ..Limits::default() }
}

/// The shard (1-based) of `n` a root belongs to: FNV-1a of its label, so the assignment is
/// the same on every machine and in every run (Rust's `DefaultHasher` is not guaranteed to be).
#[must_use]
pub fn shard_of(label: &str, n: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in label.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    usize::try_from(h % n as u64).unwrap_or(0) + 1
}

/// Writes the JSON and CSV (streamed from the spill), then the HTML and Markdown.
fn write_outputs(c: &mut Collector, out: &AuditOutputs, jwt_var: &str) -> Result<()> {
    let create = |p: &Path| -> Result<BufWriter<File>> {
        Ok(BufWriter::with_capacity(
            1 << 16,
            File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        ))
    };
    let section = c.section();
    let unit = c.unit();
    let mut json = match &out.json {
        Some(p) => Some(DocWriter::start(create(p)?, &section)?),
        None => None,
    };
    let mut csv = match &out.csv {
        Some(p) => {
            let mut w = create(p)?;
            w.write_all(CSV_HEADER.as_bytes())?;
            Some(w)
        }
        None => None,
    };
    if json.is_some() || csv.is_some() {
        c.for_each_finding(&mut |root, f| {
            if let Some(w) = &mut csv {
                csv_row(w, unit, root, &f)?;
            }
            if let Some(j) = &mut json {
                j.finding(&f)?;
            }
            Ok(())
        })?;
    }
    if let (Some(j), Some(p)) = (json, &out.json) {
        let mut w = j.finish(c.skipped(), &c.counters())?;
        w.flush().with_context(|| format!("cannot write {}", p.display()))?;
    }
    if let (Some(mut w), Some(p)) = (csv, &out.csv) {
        w.flush().with_context(|| format!("cannot write {}", p.display()))?;
    }
    if out.html.is_none() && out.markdown.is_none() {
        return Ok(());
    }
    let mut report = c.report(jwt_var, model::report_date(), Links::default())?;
    for (path, render) in [
        (&out.html, html::render as fn(&model::Report) -> String),
        (&out.markdown, markdown::render as fn(&model::Report) -> String),
    ] {
        let Some(path) = path else { continue };
        report.links = Links {
            json: out.json.as_deref().map(|j| link(path, j)),
            csv: out.csv.as_deref().map(|j| link(path, j)),
        };
        std::fs::write(path, render(&report)).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// A link from the report at `from` to the file `to`: its name when they share a directory,
/// else a relative path when `to` is below `from`'s directory, else `to` as given.
fn link(from: &Path, to: &Path) -> String {
    let dir = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf())
    };
    let (a, b) = (dir(from), dir(to));
    let name = to.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if a == b {
        return name;
    }
    match b.strip_prefix(&a) {
        Ok(rel) => format!("{}/{name}", rel.to_string_lossy().replace('\\', "/")),
        Err(_) => to.to_string_lossy().replace('\\', "/"),
    }
}

const CSV_HEADER: &str = "application,path,line,column,rule,severity,kind,fixable,recommended_flow,sdk,message,fingerprint,suppressed\n";

/// A CSV field: quoted when it holds a separator, quote or newline; a leading `=`, `+`, `-` or
/// `@` is prefixed with `'` so a spreadsheet does not run it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

fn csv_row(w: &mut impl std::io::Write, unit: Unit, root: &RootRecord, f: &Finding) -> Result<()> {
    let rel = f.path.to_string_lossy().replace('\\', "/");
    let (app, path) = model::placed(unit, root, &rel);
    let fields = [
        app,
        path,
        f.start.line.to_string(),
        f.start.column.to_string(),
        f.rule.clone(),
        f.severity.as_str().to_owned(),
        model::KINDS[model::kind_of(&f.rule)].to_owned(),
        if model::fixable(f) { "yes" } else { "no" }.to_owned(),
        match f.recommendation.flow {
            Flow::Jwt => "jwt",
            Flow::Oauth => "oauth",
        }
        .to_owned(),
        f.sdk.clone().unwrap_or_default(),
        f.message.clone(),
        f.fingerprint.clone(),
        f.suppressed.clone().unwrap_or_default(),
    ];
    let line: Vec<String> = fields.iter().map(|x| csv_field(x)).collect();
    writeln!(w, "{}", line.join(","))?;
    Ok(())
}

/// `pwflow audit merge`: the parts' roots, findings and skipped entries, collected as one run
/// over all their roots would collect them.
fn merge(m: &MergeArgs) -> Result<ExitStatus> {
    let mut collector = Collector::new(Unit::Repository, limits(&m.out))?;
    let mut unit: Option<String> = None;
    for part in &m.parts {
        let file = File::open(part).with_context(|| format!("cannot read {}", part.display()))?;
        let mut indices: Vec<usize> = Vec::new();
        let (mut k, mut seen) = (0usize, 0usize);
        let mut begin = |c: &mut Collector, section: &record::AuditSection| -> Result<Vec<usize>> {
            match &unit {
                None => {
                    if section.unit != "repository" && m.parts.len() > 1 {
                        bail!(
                            "{}: the audit of a single path has no repositories to merge; run the shards with \
                             --repos-under or --repos-from",
                            part.display()
                        );
                    }
                    c.set_unit(if section.unit == "repository" {
                        Unit::Repository
                    } else {
                        Unit::Application
                    })?;
                    unit = Some(section.unit.clone());
                }
                Some(u) if *u != section.unit => {
                    bail!("{}: parts of different kinds of audit", part.display())
                }
                Some(_) => {}
            }
            c.not_audited(section.not_audited.iter().cloned());
            section.roots.iter().map(|r| c.begin_root(r.clone())).collect()
        };
        let (section, skipped) = record::read_part(file, &mut |section, f| {
            if indices.is_empty() && !section.roots.is_empty() {
                indices = begin(&mut collector, section)?;
            }
            while k < section.roots.len() && seen == section.roots[k].findings {
                k += 1;
                seen = 0;
            }
            let Some(&idx) = indices.get(k) else {
                bail!("more findings than its `audit` object counts");
            };
            seen += 1;
            collector.finding(idx, f)
        })
        .with_context(|| format!("{}: not a readable audit part", part.display()))?;
        if indices.is_empty() {
            indices = begin(&mut collector, &section)?;
        }
        let total: usize = section.roots.iter().map(|r| r.findings).sum();
        let read: usize = section.roots.iter().take(k).map(|r| r.findings).sum::<usize>() + seen;
        if read != total || skipped.len() != section.roots.iter().map(|r| r.skipped).sum::<usize>() {
            bail!("{}: truncated part (its counts do not match its entries)", part.display());
        }
        let mut skipped = skipped.into_iter();
        for (r, &idx) in section.roots.iter().zip(&indices) {
            collector.set_skipped(idx, skipped.by_ref().take(r.skipped).collect());
        }
    }
    write_outputs(&mut collector, &m.out, &m.jwt_var)?;
    Ok(ExitStatus::Clean)
}

/// What to audit.
struct Plan {
    /// Roots, ordered by label.
    roots: Vec<Planned>,
    /// What an application is.
    unit: Unit,
    /// Where the config file is looked for.
    base: PathBuf,
    /// What was not audited, with the reason.
    not_audited: Vec<NotAudited>,
}

/// The roots with their labels, what an application is, and where to look for the config file.
fn plan(args: &AuditArgs) -> Result<Plan> {
    if let Some(dir) = &args.repos_under {
        if !dir.is_dir() {
            bail!("{}: not a directory", dir.display());
        }
        let (found, not_audited) = survey_dir(dir);
        if found.is_empty() {
            bail!(
                "no git repository found under {} (looked for directories holding .git), and no folder to audit",
                dir.display()
            );
        }
        let mut roots: Vec<Planned> = found
            .into_iter()
            .map(|(path, kind)| {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                let label = if rel.as_os_str().is_empty() {
                    std::fs::canonicalize(dir)
                        .ok()
                        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                        .unwrap_or_else(|| ".".to_owned())
                } else {
                    rel.to_string_lossy().replace('\\', "/")
                };
                Planned { label, path, kind }
            })
            .collect();
        roots.sort_by(|a, b| a.label.cmp(&b.label));
        return Ok(Plan { roots, unit: Unit::Repository, base: dir.clone(), not_audited });
    }
    if let Some(list) = &args.repos_from {
        let text =
            std::fs::read_to_string(list).with_context(|| format!("cannot read {}", list.display()))?;
        let mut roots = Vec::new();
        let mut not_audited = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let label = line.trim_end_matches(['/', '\\']).to_owned();
            let path = PathBuf::from(line);
            if !path.is_dir() {
                not_audited
                    .push(NotAudited { path: label, reason: "listed, but no such directory".to_owned() });
                continue;
            }
            let kind = if path.join(".git").exists() { RootKind::Repository } else { RootKind::Folder };
            roots.push(Planned { label, path, kind });
        }
        roots.sort_by(|a, b| a.label.cmp(&b.label));
        return Ok(Plan { roots, unit: Unit::Repository, base: PathBuf::from("."), not_audited });
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    for p in &paths {
        if std::fs::symlink_metadata(p).is_err() {
            bail!("{}: no such file or directory", p.display());
        }
    }
    let unit = if paths.len() > 1 { Unit::Repository } else { Unit::Application };
    let base = paths[0].clone();
    let mut roots: Vec<Planned> = paths
        .into_iter()
        .map(|p| Planned { label: p.display().to_string(), path: p, kind: RootKind::Path })
        .collect();
    roots.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(Plan { roots, unit, base, not_audited: Vec::new() })
}

/// Git repositories below `dir` (directories holding `.git`, a directory or a worktree file;
/// their insides are not searched), `dir` itself when it is one; and directories that hold no
/// repository at all, which are audited as plain folders. Hidden and vendored directories and
/// loose files outside any repository are listed as not audited, with the reason.
#[must_use]
pub fn survey_dir(dir: &Path) -> (Vec<(PathBuf, RootKind)>, Vec<NotAudited>) {
    let mut roots = Vec::new();
    let mut skipped = Vec::new();
    if dir.join(".git").exists() {
        roots.push((dir.to_path_buf(), RootKind::Repository));
        return (roots, skipped);
    }
    survey_below(dir, dir, &mut roots, &mut skipped);
    (roots, skipped)
}

fn survey_below(top: &Path, d: &Path, roots: &mut Vec<(PathBuf, RootKind)>, skipped: &mut Vec<NotAudited>) {
    let rel = |p: &Path| p.strip_prefix(top).unwrap_or(p).to_string_lossy().replace('\\', "/");
    let Ok(entries) = std::fs::read_dir(d) else {
        skipped.push(NotAudited { path: rel(d), reason: "cannot be listed".to_owned() });
        return;
    };
    let mut dirs = Vec::new();
    let mut files = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir {
            files += usize::from(name != ".git");
            continue;
        }
        if name.starts_with('.') {
            skipped.push(NotAudited { path: rel(&e.path()), reason: "hidden directory".to_owned() });
        } else if VENDORED_DIRS.contains(&name.as_str()) {
            skipped.push(NotAudited { path: rel(&e.path()), reason: "vendored directory".to_owned() });
        } else {
            dirs.push(e.path());
        }
    }
    dirs.sort();
    if files > 0 {
        let at = if d == top { ".".to_owned() } else { rel(d) };
        skipped.push(NotAudited {
            path: at,
            reason: format!("{} outside any repository", count(files, "file", "files")),
        });
    }
    for child in dirs {
        if child.join(".git").exists() {
            roots.push((child, RootKind::Repository));
        } else if holds_repo(&child) {
            survey_below(top, &child, roots, skipped);
        } else {
            roots.push((child, RootKind::Folder));
        }
    }
}

/// Whether a git repository lies anywhere below `dir` (hidden and vendored directories aside).
fn holds_repo(dir: &Path) -> bool {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            if !e.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || VENDORED_DIRS.contains(&name.as_ref()) {
                continue;
            }
            if e.path().join(".git").exists() {
                return true;
            }
            stack.push(e.path());
        }
    }
    false
}

/// The applications of a root (directories holding a manifest of any ecosystem, relative, `/`
/// separated, `""` for the root) and its RingCentral SDK dependencies. Vendored trees are not
/// entered: their manifests describe the dependencies themselves.
#[must_use]
pub fn survey(root: &Path, no_ignore: bool) -> (Vec<String>, Vec<SdkRecord>) {
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
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            manifest::is_manifest(&name) || manifest::is_app_manifest(&name)
        })
        .filter(|e| e.metadata().is_ok_and(|m| m.len() <= MAX_MANIFEST))
        .map(ignore::DirEntry::into_path)
        .collect();
    files.sort();
    let mut apps = Vec::new();
    let mut sdks = Vec::new();
    for file in files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let rel = if root.is_dir() { file.strip_prefix(root).unwrap_or(&file) } else { &file };
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        if manifest::is_app_manifest(&name) {
            apps.push(rel.parent().map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default());
        }
        if !manifest::is_manifest(&name) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        for dep in manifest::parse(&name, &text) {
            sdks.push(SdkRecord { file: rel_s.clone(), dep });
        }
    }
    apps.sort();
    apps.dedup();
    (apps, sdks)
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

/// A bar over the roots with running counts and an ETA, on stderr when it is a terminal;
/// hidden otherwise and with `--quiet`. Counts move once per root (the scan reports when a root
/// is done).
fn progress_bar(quiet: bool, roots: usize, unit: Unit) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(roots as u64), ProgressDrawTarget::stderr());
    let style = if roots > 1 {
        ProgressStyle::with_template(&format!(
            "{{spinner:.cyan}} [{{bar:24.cyan/blue}}] {{pos}}/{{len}} {} · ETA {{eta}} · {{wide_msg}}",
            unit.plural()
        ))
    } else {
        ProgressStyle::with_template("{spinner:.cyan} {elapsed} {wide_msg}")
    };
    if let Ok(style) = style {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_stable_and_cover_everything() {
        // FNV-1a is fixed: these values must never change, or parts of one audit made by two
        // pwflow versions would overlap.
        assert_eq!(shard_of("billing-0001", 4), shard_of("billing-0001", 4));
        let names: Vec<String> = (0..1000).map(|i| format!("repo-{i}")).collect();
        let mut per = [0usize; 4];
        for n in &names {
            per[shard_of(n, 4) - 1] += 1;
        }
        assert!(per.iter().all(|&c| c > 200), "{per:?}");
        assert_eq!(shard_of("anything", 1), 1);
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
    }
}

//! Wires the stages together: rules, walk, parallel scan, report, exit status.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::baseline::Baseline;
use crate::cli::{CheckArgs, ColorChoice, Command, FlowArg, Format, RulesArgs};
use crate::config;
use crate::finding::Flow;
use crate::fix::FixMode;
use crate::lang::Lang;
use crate::model::{ActiveRule, ExitStatus, FileFix};
use crate::report;
use crate::rules::{Rule, RuleSet};
use crate::scan;
use crate::settings::{load_rules, selector_matches, settings};

/// Runs a parsed command line.
///
/// # Errors
/// Usage, configuration and I/O errors (exit code 2).
pub fn run(command: Command) -> Result<ExitStatus> {
    match command {
        Command::Check(args) => check(&args),
        Command::Audit(args) => crate::audit::audit(&args),
        Command::Rules(args) => rules(&args),
        Command::Explain { rule, rule_dirs } => explain(&rule, &rule_dirs),
        Command::Parse { file, lang } => parse(&file, lang.as_deref()),
        Command::TestRules { dir, fixtures } => test_rules(&dir, fixtures.as_deref()),
    }
}

fn use_color(choice: ColorChoice, to_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn check(args: &CheckArgs) -> Result<ExitStatus> {
    let settings = settings(args)?;
    let set = load_rules(&settings.rule_dirs)?;
    if let Some(loaded) = &settings.config {
        // A selector from the config file is reported at its line, as other config errors are.
        let c = &loaded.config;
        for (key, values) in
            [("select", &c.select), ("extend-select", &c.extend_select), ("ignore", &c.ignore)]
        {
            if let Some(bad) = values.iter().find(|s| !set.rules.iter().any(|r| selector_matches(s, r))) {
                bail!(
                    "{}: {key} names `{bad}`, which matches no rule (see `pwflow rules`)",
                    config_location(loaded, bad)
                );
            }
        }
    }
    let active = settings.active_rules(&set)?;
    for key in settings.severity.keys() {
        if set.get(key).is_none() && !set.rules.iter().any(|r| &r.group == key) {
            let at = settings
                .config
                .as_ref()
                .map_or_else(String::new, |c| format!("{}: ", config_location(c, key)));
            bail!("{at}[severity] names `{key}`, which is no rule or group (see `pwflow rules`)");
        }
    }
    let options = settings.scan_options(args, &set);
    let ran: Vec<ActiveRule<'_>> =
        active.iter().map(|a| ActiveRule { rule: a.rule, severity: a.severity }).collect();
    let fix_rules = active.clone();
    let fix_options = options.clone();
    let mut result =
        if args.staged { scan::scan_staged(options, active)? } else { scan::scan(options, active)? };
    let flow = match args.flow {
        Some(FlowArg::Oauth) => Flow::Oauth,
        _ => Flow::Jwt,
    };
    let mut fixes = Vec::new();
    if args.fix || args.diff {
        let mode = FixMode { unsafe_fixes: args.unsafe_fixes, flow, flow_explicit: args.flow.is_some() };
        fixes = scan::fix(&mut result, &fix_options, fix_rules, mode, !args.diff)?;
    }
    if args.flow.is_some() {
        for f in &mut result.findings {
            f.fixes.sort_by_key(|x| x.flow != flow);
        }
    }
    if let Some(rev) = &args.diff_base {
        scan::filter_to_diff(&mut result, rev)?;
    }
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(&result.findings);
        baseline.write(path)?;
        let n = baseline.len();
        // One line, not the report: the findings are what the file now holds.
        let line = format!("wrote {n} entr{} to {}\n", if n == 1 { "y" } else { "ies" }, path.display());
        if args.output.is_none() {
            if !args.quiet {
                write_stdout(&line)?;
            }
            return Ok(ExitStatus::Clean);
        }
        if !args.quiet {
            write_stderr(&line)?;
        }
    } else if let Some(path) = &settings.baseline {
        let baseline = Baseline::read(path)?;
        let mut outcome = baseline.apply(&mut result.findings, &result.scanned, &result.roots);
        if args.prune_baseline && !outcome.stale.is_empty() {
            baseline.pruned(&outcome.stale).write(path)?;
            outcome.pruned = true;
        }
        result.baseline = Some(outcome);
    } else if args.prune_baseline {
        bail!("--prune-baseline needs a baseline (--baseline FILE or `baseline` in pwflow.toml)");
    }
    let hint = {
        use crate::finding::Applicability;
        let offered = |f: &&crate::finding::Finding, kind: Applicability| {
            f.fixes.iter().any(|x| x.flow == flow && x.applicability == kind)
        };
        let fixable: Vec<&crate::finding::Finding> = result
            .findings
            .iter()
            .filter(|f| f.is_active() && (args.flow.is_some() || f.recommendation.flow == flow))
            .collect();
        let safe = fixable.iter().filter(|f| offered(f, Applicability::Safe)).count();
        let unsafe_only = fixable
            .iter()
            .filter(|f| !offered(f, Applicability::Safe) && offered(f, Applicability::Unsafe))
            .count();
        report::human::render_fix_hint(safe, unsafe_only, args.fix || args.diff, args.unsafe_fixes)
    };
    let to_terminal = args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    let color = use_color(args.color, to_terminal);
    // Paths in the formats CI systems attach to files, and in `--diff` (for `git apply`), are
    // relative to the repository root when inside one (CI resolves them against the checkout),
    // else relative to the working directory. The human formats keep the working directory's.
    let top = match args.format {
        _ if args.diff => repo_top(),
        Format::Sarif | Format::Github | Format::Gitlab | Format::Junit => repo_top(),
        _ => None,
    };
    if let Some(top) = &top
        && !args.diff
    {
        for f in &mut result.findings {
            f.location = repo_path(&f.location, Some(top));
        }
    }
    if args.diff {
        let diffs: String = fixes
            .iter()
            .filter_map(|r| match &r.fix {
                FileFix::Fixed { before, after, secrets, .. } => Some(crate::fix::unified_diff(
                    &repo_path(&r.location, top.as_deref()),
                    before,
                    after,
                    secrets,
                )),
                _ => None,
            })
            .collect();
        write_stdout(&diffs)?;
        // The diff owns stdout; fixes it leaves out (unsafe ones without --unsafe-fixes) are
        // named on stderr, so `--diff` is never silent about them.
        if !args.quiet {
            write_stderr(&hint)?;
        }
        return Ok(if diffs.is_empty() { ExitStatus::Clean } else { ExitStatus::Findings });
    }
    let rendered = match args.format {
        _ if args.statistics => match args.format {
            Format::Human | Format::Concise => report::concise::statistics(&result),
            _ => bail!("--statistics prints a table: use it with --format human or concise"),
        },
        Format::Concise => {
            report::concise::render(&result, args.quiet) + &report::human::render_fixes(&fixes)
        }
        Format::Human => {
            let mut out =
                report::human::render(&result, color, args.quiet) + &report::human::render_fixes(&fixes);
            if !args.quiet {
                out.push_str(&hint);
            }
            out
        }
        Format::Json => report::json::render(&result)?,
        Format::Sarif => match &top {
            Some(top) => report::sarif::render_with_base(&result, &ran, Some(top))?,
            None => report::sarif::render(&result, &ran)?,
        },
        Format::Github => report::github::render(&result)?,
        Format::Junit => report::junit::render(&result, &ran)?,
        Format::Gitlab => report::gitlab::render(&result)?,
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
    if args.write_baseline.is_some() {
        return Ok(ExitStatus::Clean);
    }
    let failing = result.findings.iter().any(|f| f.is_active() && f.severity >= settings.fail_on);
    Ok(if failing { ExitStatus::Findings } else { ExitStatus::Clean })
}

/// The root of the git repository holding the working directory (canonical), if any.
fn repo_top() -> Option<PathBuf> {
    let top = crate::git::toplevel(Path::new(".")).ok()?;
    std::fs::canonicalize(top).ok()
}

/// `path` (from the working directory) relative to the repository root `top`; unchanged when
/// there is no root or the file lies outside it.
fn repo_path(path: &Path, top: Option<&Path>) -> PathBuf {
    let Some(top) = top else { return path.to_path_buf() };
    std::fs::canonicalize(path)
        .ok()
        .and_then(|abs| abs.strip_prefix(top).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// `FILE:LINE` of the first line of a config file that quotes `value` (`FILE` alone when none
/// does): the parsed config keeps no positions, and a selector is a quoted string.
fn config_location(loaded: &config::Loaded, value: &str) -> String {
    let text = crate::bounded::read_text(&loaded.path, crate::bounded::MAX_CONFIG).unwrap_or_default();
    let quoted = [format!("\"{value}\""), format!("'{value}'")];
    match text.lines().position(|l| quoted.iter().any(|q| l.contains(q.as_str()))) {
        Some(i) => format!("{}:{}", loaded.path.display(), i + 1),
        None => loaded.path.display().to_string(),
    }
}

fn rules(args: &RulesArgs) -> Result<ExitStatus> {
    let set = load_rules(&args.rule_dirs)?;
    let out = match args.format {
        Format::Human => report::rules::list(&set),
        Format::Json => report::rules::list_json(&set)?,
        _ => bail!("`pwflow rules` supports --format human or json"),
    };
    write_stdout(&out)?;
    Ok(ExitStatus::Clean)
}

fn explain(id: &str, dirs: &[PathBuf]) -> Result<ExitStatus> {
    let set = load_rules(dirs)?;
    let rule = resolve_rule(&set, id)?;
    write_stdout(&report::rules::explain(rule))?;
    Ok(ExitStatus::Clean)
}

/// A rule by id, or by its name after the group when only one rule has that name
/// (`php-password-login`).
///
/// # Errors
/// No such rule (with the nearest ids), or a name that several groups share.
pub fn resolve_rule<'s>(set: &'s RuleSet, query: &str) -> Result<&'s Rule> {
    if let Some(rule) = set.get(query) {
        return Ok(rule);
    }
    let name_of = |r: &Rule| r.id.rsplit_once('/').map_or(r.id.clone(), |(_, name)| name.to_owned());
    let named: Vec<&Rule> = set.rules.iter().filter(|r| name_of(r) == query).collect();
    match named.as_slice() {
        [rule] => Ok(rule),
        [] => {
            let mut near: Vec<(usize, &str)> = set
                .rules
                .iter()
                .map(|r| (edit_distance(query, &r.id).min(edit_distance(query, &name_of(r))), r.id.as_str()))
                .collect();
            near.sort();
            let shown: Vec<String> = near.iter().take(3).map(|(_, id)| format!("`{id}`")).collect();
            bail!("no rule `{query}`; nearest: {} (`pwflow rules` lists them all)", shown.join(", "))
        }
        several => {
            let ids: Vec<String> = several.iter().map(|r| format!("`{}`", r.id)).collect();
            bail!("`{query}` names several rules: {}; give the full id", ids.join(", "))
        }
    }
}

/// Levenshtein distance over characters (rule ids are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

fn test_rules(dir: &Path, fixtures: Option<&Path>) -> Result<ExitStatus> {
    let fixtures = match fixtures {
        Some(f) => f.to_path_buf(),
        None if dir.join("fixtures").is_dir() => dir.join("fixtures"),
        None => dir.parent().unwrap_or(Path::new(".")).join("fixtures"),
    };
    let user_rules = RuleSet::load_dir(dir)?;
    let ids: Vec<String> = user_rules.iter().map(|r| r.id.clone()).collect();
    // Built-in rules with the same ids are replaced, so `pwflow test-rules rules` tests the
    // working copy of the built-in rules, and user rules run beside the built-in ones.
    let builtin = RuleSet::builtin()?;
    let kept: Vec<Rule> = builtin.rules.into_iter().filter(|r| !ids.contains(&r.id)).collect();
    let set = RuleSet::from_rules(kept)?.extend(user_rules)?;
    let mut out = String::new();
    let (mut passed, mut failed) = (0, 0);
    for id in &ids {
        let cases = crate::testing::run_rule(&set, &fixtures, id).map_err(anyhow::Error::msg)?;
        let files = crate::testing::fixtures_of(&fixtures, id);
        if files.positive.is_empty() && files.negative.is_empty() {
            out.push_str(&format!("NO FIXTURES {id} (expected {})\n", fixtures.join(id).display()));
            failed += 1;
            continue;
        }
        for case in cases {
            let label = match case.result {
                crate::testing::CaseResult::Passed => {
                    passed += 1;
                    continue;
                }
                crate::testing::CaseResult::Missing => "MISSING",
                crate::testing::CaseResult::Noisy => "NOISY",
                crate::testing::CaseResult::WrongFlow(ref got) => {
                    failed += 1;
                    let (file, line, rule) = (case.file.display(), case.line, &case.rule);
                    out.push_str(&format!("WRONG FLOW {file}:{line} {rule}: recommended {got}\n"));
                    continue;
                }
            };
            failed += 1;
            out.push_str(&format!("{label} {}:{} {}\n", case.file.display(), case.line, case.rule));
        }
    }
    out.push_str(&format!("{passed} passed, {failed} failed\n"));
    write_stdout(&out)?;
    Ok(if failed == 0 { ExitStatus::Clean } else { ExitStatus::Findings })
}

fn parse(file: &Path, lang: Option<&str>) -> Result<ExitStatus> {
    let lang = match lang {
        Some(name) => Lang::from_name(name).with_context(|| format!("unknown language `{name}`"))?,
        None => Lang::from_path(file)
            .with_context(|| format!("{}: unknown language; pass --lang", file.display()))?,
    };
    let src = crate::bounded::read_text(file, crate::bounded::MAX_PARSE_INPUT)
        .with_context(|| format!("cannot read {}", file.display()))?;
    // A text language has no tree: show what its lexer reads, which is what its rules' regexes
    // and checks see (a match starting in a comment is dropped).
    if lang.is_text() {
        let literate = crate::engine::text::is_literate(lang, file);
        let lexed = crate::engine::text::lex(lang, &src, &[], literate);
        let lines = crate::util::LineIndex::new(&src);
        let mut spans: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
        spans.extend(lexed.comments.iter().map(|r| ("comment", r.clone())));
        spans.extend(lexed.strings.iter().map(|s| ("string", s.range.clone())));
        spans.extend(lexed.embedded.iter().map(|r| ("embedded", r.clone())));
        spans.sort_by_key(|(_, r)| (r.start, std::cmp::Reverse(r.end)));
        let mut out = format!("{lang} is read as text (no grammar): rules match it with `regex.{lang}`\n");
        for (kind, r) in spans {
            let (a, b) = (lines.position(r.start), lines.position(r.end));
            let text: String = src[r].chars().take(60).collect();
            out.push_str(&format!("{kind} [{}:{} - {}:{}] {text:?}\n", a.line, a.column, b.line, b.column));
        }
        let mut stdout = std::io::stdout().lock();
        match stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(e).context("cannot write to standard output");
            }
            _ => {}
        }
        return Ok(ExitStatus::Clean);
    }
    let mut parser = tree_sitter::Parser::new();
    let grammar = lang.grammar().with_context(|| {
        format!(
            "{lang} has no grammar of its own: its code blocks are parsed with their languages; pass --lang"
        )
    })?;
    parser.set_language(&grammar).context("grammar does not load")?;
    let tree = parser.parse(&src, None).context("parse failed")?;
    // Streamed: the tree of a large file is printed as it is walked, not held.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match report::tree::write(&tree, &src, &mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(e).context("cannot write to standard output");
        }
        _ => {}
    }
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

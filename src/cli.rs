//! Command-line arguments (clap) and their resolution into settings.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::finding::Severity;

/// pwflow: find OAuth password-flow (ROPC) usage of RingCentral SDKs and show the JWT or
/// authorization-code rewrite.
#[derive(Debug, Parser)]
#[command(name = "pwflow", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and directories for password-flow usage.
    Check(Box<CheckArgs>),
    /// Write a one-off audit report (HTML, Markdown, JSON) of a codebase or of many repositories.
    Audit(Box<AuditArgs>),
    /// List the rules: id, severity, on/off, fix class, languages, description.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain {
        /// Rule id (`ringcentral/php-password-login`), or its name when only one rule has it
        /// (`php-password-login`).
        rule: String,
        /// Extra rule directories to look in.
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Print the syntax tree of a file (for writing rule queries).
    Parse {
        /// The file.
        file: PathBuf,
        /// Language, when the extension does not tell (`php`, `javascript`, `typescript`, `tsx`).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Run rules against their fixtures: `expect: RULE-ID` lines in positive files must report,
    /// negative files must stay silent. Exit 1 on any missing or noisy case.
    TestRules {
        /// Directory of rule files (`*.toml`, searched recursively).
        dir: PathBuf,
        /// Fixture directory holding `<rule id>/positive*.<ext>` and `negative*.<ext>`
        /// [default: DIR/fixtures, or ./fixtures when DIR is the built-in `rules`].
        #[arg(long, value_name = "DIR")]
        fixtures: Option<PathBuf>,
    },
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the suggested rewrites.
    Human,
    /// One line per finding: `path:line:column: rule message` (editors and grep read it).
    Concise,
    /// One JSON document: findings, skipped files, stats (see `docs/json-format.md`).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning (`upload-sarif`) and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: one `::error file=...` annotation per finding.
    Github,
    /// JUnit XML: one test case per finding (failed) and per clean rule (passed).
    Junit,
    /// GitLab Code Quality JSON (`artifacts: reports: codequality`).
    Gitlab,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The rule, walk and configuration flags `check` and `audit` share.
#[derive(Debug, Clone, Args)]
pub struct ScanArgs {
    /// Run only these rules: ids, groups (`ringcentral`, `oauth-ropc`) or `ALL`. Comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Run these rules in addition to the default set (e.g. `oauth-ropc`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,
    /// Do not run these rules (ids or groups).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Scan only files of these languages (`php`, `js`, `ts`, `tsx`, `python`, `yaml`, ...;
    /// see `pwflow rules`). Comma-separated.
    #[arg(long = "lang", value_delimiter = ',', value_name = "LANG")]
    pub languages: Vec<String>,
    /// Extra rule directories (TOML rule files, same format as the built-in ones).
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Worker threads (default: all cores; at most 4 per core: more only adds thread start-up
    /// and memory, `-j 5000` took a minute on three files).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Also scan files that .gitignore excludes, vendored trees and minified bundles.
    #[arg(long)]
    pub no_ignore: bool,
    /// Follow symbolic links.
    #[arg(long)]
    pub follow: bool,
    /// Skip files larger than this (bytes, or with a K/M/G suffix).
    #[arg(long, value_name = "SIZE", default_value = "4M", value_parser = parse_size)]
    pub max_filesize: u64,
    /// Give up parsing a file after this many milliseconds (the file is reported as skipped).
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    pub parse_timeout_ms: u64,
    /// Environment variable suggested to hold the JWT credential [default: RC_JWT]; an
    /// identifier (`[A-Za-z_][A-Za-z0-9_]*`), as it is pasted into code.
    #[arg(long, value_name = "NAME")]
    pub jwt_var: Option<String>,
    /// Use this config file instead of the `pwflow.toml` discovered upward.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long)]
    pub isolated: bool,
}

/// Threads per core `--jobs` may ask for.
pub const MAX_JOBS_PER_CORE: usize = 4;

impl ScanArgs {
    /// The worker threads to start: `--jobs` (at least 1, at most [`MAX_JOBS_PER_CORE`] per
    /// core), else one per core.
    #[must_use]
    pub fn threads(&self) -> usize {
        let cores = num_cpus::get().max(1);
        self.jobs.unwrap_or(cores).clamp(1, cores * MAX_JOBS_PER_CORE)
    }
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding has at least this severity [default: warning].
    #[arg(long, value_name = "SEVERITY", value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Rules, walk and configuration.
    #[command(flatten)]
    pub scan: ScanArgs,
    /// Print scan statistics (files seen, skipped, prefiltered, parsed; time per stage) to stderr.
    #[arg(long)]
    pub stats: bool,
    /// Print the number of findings per rule (most frequent first) instead of the findings
    /// (with --format human or concise).
    #[arg(long)]
    pub statistics: bool,
    /// Print only findings (no summary, no skipped-file notes).
    #[arg(long, short)]
    pub quiet: bool,
    /// Show literal passwords instead of `***`.
    #[arg(long)]
    pub show_secrets: bool,
    /// Report only findings that this baseline file does not hold.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE, print `wrote N entries to FILE` and exit 0 (the
    /// report goes only to --output, when given).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "prune_baseline"])]
    pub write_baseline: Option<PathBuf>,
    /// Drop baseline entries whose finding is gone from the scanned files or whose file no
    /// longer exists.
    #[arg(long)]
    pub prune_baseline: bool,
    /// Scan the content staged in the git index instead of the working tree (pre-commit).
    #[arg(long)]
    pub staged: bool,
    /// Report only findings on lines added since the merge base of REV and HEAD (git's
    /// `REV...HEAD`; `A...B` and `A..B` are accepted). Needs the history back to the merge base:
    /// in CI, fetch it (`actions/checkout` with `fetch-depth: 0`, GitLab `GIT_DEPTH: 0`).
    #[arg(long, value_name = "REV")]
    pub diff_base: Option<String>,
    /// Apply safe fixes (add --unsafe-fixes for the JWT rewrites, which need a new credential).
    /// Not with --staged: that scans the index, and fixing the working tree would leave the
    /// staged password login in place.
    #[arg(long, conflicts_with = "staged")]
    pub fix: bool,
    /// Also apply unsafe fixes.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Apply JWT rewrites even where the project's lock file pins an SDK older than its JWT
    /// login (you upgrade the SDK too); without it they are shown, not applied.
    #[arg(long)]
    pub accept_sdk_upgrade: bool,
    /// Print a unified diff of what --fix would change and write nothing (exit 1 if any).
    #[arg(long, conflicts_with = "staged")]
    pub diff: bool,
    /// Which rewrite to show first and to apply: `jwt` (applied by --fix) or `oauth`
    /// (authorization-code guidance, never applied).
    #[arg(long, value_enum)]
    pub flow: Option<FlowArg>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--flow` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowArg {
    /// The JWT flow (code with no user interface).
    Jwt,
    /// The authorization-code flow (apps with users).
    Oauth,
}

/// Arguments of `audit`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    group(clap::ArgGroup::new("outputs").required(true).multiple(true).args(["html", "markdown", "json", "csv"]))
)]
pub struct AuditArgs {
    /// `merge`: one report from the JSON parts of sharded runs.
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// Files or directories to audit [default: .]. With one root, each directory holding a
    /// manifest is an application (else its top-level directory); with several, each root is a
    /// repository.
    #[arg(conflicts_with_all = ["repos_under", "repos_from"])]
    pub paths: Vec<PathBuf>,
    /// Audit every git repository below DIR (directories holding `.git`), one row each;
    /// directories holding none are audited as plain folders.
    #[arg(long, value_name = "DIR", conflicts_with = "repos_from")]
    pub repos_under: Option<PathBuf>,
    /// Audit the repositories listed in FILE, one path per line (blank lines and `#` comments
    /// ignored; relative paths are relative to the current directory).
    #[arg(long, value_name = "FILE")]
    pub repos_from: Option<PathBuf>,
    /// Audit only shard I of N (1-based) of the repositories, chosen by a hash of each
    /// repository's name: stable across machines and runs. Merge the parts with `audit merge`.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Outputs and report limits.
    #[command(flatten)]
    pub out: AuditOutputs,
    /// Rules, walk and configuration.
    #[command(flatten)]
    pub scan: ScanArgs,
}

/// Subcommands of `audit`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Merge the JSON parts written by `audit --shard I/N --json part-I.json` into one report,
    /// identical to a single run over all the repositories.
    Merge(MergeArgs),
}

/// Arguments of `audit merge`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("outputs").required(true).multiple(true).args(["html", "markdown", "json", "csv"])))]
pub struct MergeArgs {
    /// The parts (JSON documents written by `pwflow audit --json`).
    #[arg(required = true)]
    pub parts: Vec<PathBuf>,
    /// Outputs and report limits.
    #[command(flatten)]
    pub out: AuditOutputs,
    /// Variable suggested for the JWT in the checklists.
    #[arg(long, value_name = "NAME", default_value = "RC_JWT")]
    pub jwt_var: String,
}

/// The outputs of `audit` and `audit merge`.
#[derive(Debug, Clone, Args)]
pub struct AuditOutputs {
    /// Write the HTML report (one self-contained file) to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write the Markdown report (GitHub-flavoured) to FILE.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Write the JSON document (every finding; the part `audit merge` reads) to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write every finding as CSV (one row each) to FILE.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Findings shown in the HTML and Markdown reports per application and rule (the JSON and
    /// CSV hold them all).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_per_group: usize,
    /// Findings shown in the HTML and Markdown reports in all.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_shown: usize,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (i, n) = s.split_once('/').ok_or_else(|| format!("`{s}`: expected I/N, e.g. 2/8"))?;
    let i: usize = i.trim().parse().map_err(|_| format!("`{s}`: I is not a number"))?;
    let n: usize = n.trim().parse().map_err(|_| format!("`{s}`: N is not a number"))?;
    if n == 0 || i == 0 || i > n {
        return Err(format!("`{s}`: need 1 <= I <= N"));
    }
    Ok((i, n))
}

/// Arguments of `rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Extra rule directories.
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// Parses `123`, `512K`, `4M`, `1G` (powers of 1024).
///
/// # Errors
/// When the text is not a size.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'B' => 1,
                _ => return Err(format!("unknown size suffix `{c}` (use K, M or G)")),
            };
            (&s[..i], mult)
        }
        _ => (s, 1),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("`{s}` is not a size"))?;
    n.checked_mul(mult).ok_or_else(|| format!("`{s}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10"), Ok(10));
        assert_eq!(parse_size("4M"), Ok(4 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert!(parse_size("x").is_err());
        assert!(parse_size("4Q").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

//! Settings: command-line flags merged with the configuration file, the rules they select, and
//! the scan options they make. `check` and `audit` both start here, so a flag means the same
//! in both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::cli::CheckArgs;
use crate::config;
use crate::engine::EngineOptions;
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::ActiveRule;
use crate::rules::{Rule, RuleSet};
use crate::scan::ScanOptions;

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

/// Whether a selector (`ALL`, a rule id, a group, an id prefix) names `rule`.
pub(crate) fn selector_matches(selector: &str, rule: &Rule) -> bool {
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

/// Command-line flags merged with the config file.
pub(crate) struct Settings {
    pub(crate) config: Option<config::Loaded>,
    pub(crate) rule_dirs: Vec<PathBuf>,
    pub(crate) select: Vec<String>,
    pub(crate) extend_select: Vec<String>,
    pub(crate) ignore: Vec<String>,
    pub(crate) severity: BTreeMap<String, Severity>,
    pub(crate) fail_on: Severity,
    pub(crate) jwt_var: String,
    pub(crate) baseline: Option<PathBuf>,
    pub(crate) exclude: Option<Gitignore>,
    pub(crate) languages: Option<Vec<Lang>>,
    /// `--accept-sdk-upgrade`, or `accept-sdk-upgrade = true` in the configuration.
    pub(crate) accept_sdk_upgrade: bool,
}

/// Reads the configuration `args` point to (or discover upward) and merges it with the flags.
pub(crate) fn settings(args: &CheckArgs) -> Result<Settings> {
    let config = if args.scan.isolated {
        None
    } else if let Some(path) = &args.scan.config {
        if !path.exists() {
            bail!(
                "{}: config file not found (drop --config to use the one discovered upward)",
                path.display()
            );
        }
        Some(
            config::read(path)?
                .with_context(|| format!("{}: has no [tool.pwflow] section", path.display()))?,
        )
    } else {
        config::discover(args.paths.first().map_or(Path::new("."), PathBuf::as_path))?
    };
    let cfg = config.as_ref().map(|l| &l.config);
    let resolve = |p: &PathBuf| config.as_ref().map_or_else(|| p.clone(), |l| l.resolve(p));
    let mut rule_dirs = args.scan.rule_dirs.clone();
    rule_dirs.extend(cfg.map(|c| c.rules.iter().map(resolve).collect::<Vec<_>>()).unwrap_or_default());
    let pick = |cli: &[String], file: Option<&Vec<String>>| -> Vec<String> {
        let mut v = cli.to_vec();
        v.extend(file.cloned().unwrap_or_default());
        v
    };
    let exclude = match (&config, cfg.map(|c| &c.exclude)) {
        (Some(loaded), Some(patterns)) if !patterns.is_empty() => {
            let base = std::fs::canonicalize(&loaded.base).unwrap_or_else(|_| loaded.base.clone());
            let mut builder = GitignoreBuilder::new(&base);
            for p in patterns {
                builder
                    .add_line(None, p)
                    .with_context(|| format!("{}: bad exclude pattern `{p}`", loaded.path.display()))?;
            }
            Some(
                builder
                    .build()
                    .with_context(|| format!("{}: bad exclude patterns", loaded.path.display()))?,
            )
        }
        _ => None,
    };
    let languages = if args.scan.languages.is_empty() {
        None
    } else {
        let mut langs = Vec::new();
        for name in &args.scan.languages {
            let lang = Lang::from_name(name.trim()).with_context(|| {
                let known: Vec<&str> = Lang::ALL.iter().map(|l| l.name()).collect();
                format!("--lang: unknown language `{name}` (known: {})", known.join(", "))
            })?;
            langs.push(lang);
            // `php` also means PHP snippets without an opening tag, as in rule files.
            if lang == Lang::Php {
                langs.push(Lang::PhpOnly);
            }
        }
        Some(langs)
    };
    Ok(Settings {
        languages,
        rule_dirs,
        select: if args.scan.select.is_empty() {
            cfg.map(|c| c.select.clone()).unwrap_or_default()
        } else {
            args.scan.select.clone()
        },
        extend_select: pick(&args.scan.extend_select, cfg.map(|c| &c.extend_select)),
        ignore: pick(&args.scan.ignore, cfg.map(|c| &c.ignore)),
        severity: cfg.map(|c| c.severity.clone()).unwrap_or_default(),
        fail_on: args.fail_on.or(cfg.and_then(|c| c.fail_on)).unwrap_or(Severity::Warning),
        jwt_var: jwt_var(
            args.scan.jwt_var.as_deref(),
            config.as_ref().map(|c| (c.path.as_path(), c.config.jwt_var.as_deref())),
        )?,
        baseline: args.baseline.clone().or_else(|| cfg.and_then(|c| c.baseline.as_ref()).map(resolve)),
        exclude,
        accept_sdk_upgrade: args.accept_sdk_upgrade || cfg.is_some_and(|c| c.accept_sdk_upgrade),
        config,
    })
}

/// The JWT variable's name: `--jwt-var`, else `jwt-var` in the configuration, else `RC_JWT`.
/// It is pasted into code and configuration (`getenv('RC_JWT')`, `RC_JWT=`), so it must be an
/// identifier in every language: anything else could inject code. Both are checked, so a
/// configuration that would inject code fails even on a run that overrides it.
fn jwt_var(flag: Option<&str>, config: Option<(&Path, Option<&str>)>) -> Result<String> {
    let check = |name: &str, source: &dyn std::fmt::Display| -> Result<()> {
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            bail!(
                "{source}: {name:?} is not a variable name: use letters, digits and `_`, not starting with a digit ([A-Za-z_][A-Za-z0-9_]*)"
            );
        }
        Ok(())
    };
    let from_config = match config {
        Some((path, Some(name))) => {
            check(name, &format_args!("{}: jwt-var", path.display()))?;
            Some(name)
        }
        _ => None,
    };
    if let Some(name) = flag {
        check(name, &"--jwt-var")?;
    }
    Ok(flag.or(from_config).unwrap_or("RC_JWT").to_owned())
}

impl Settings {
    /// The rules these settings select from `set`, at the severities they give.
    ///
    /// # Errors
    /// A selector that names no rule.
    pub(crate) fn active_rules<'r>(&self, set: &'r RuleSet) -> Result<Vec<ActiveRule<'r>>> {
        let mut active = select(set, &self.select, &self.extend_select, &self.ignore)?;
        for rule in &mut active {
            let by_id = self.severity.get(&rule.rule.id);
            let by_group = self.severity.get(&rule.rule.group);
            if let Some(sev) = by_id.or(by_group) {
                rule.severity = *sev;
            }
        }
        Ok(active)
    }

    /// How to scan `args.paths` with these settings and the rule set `set` (whose every rule
    /// and group name a suppression comment may use). `audit` builds its `args` from defaults
    /// plus its scan flags, and scans each root with these options and the root's path.
    pub(crate) fn scan_options(&self, args: &CheckArgs, set: &RuleSet) -> ScanOptions {
        ScanOptions {
            paths: args.paths.clone(),
            threads: args.scan.threads(),
            no_ignore: args.scan.no_ignore,
            follow: args.scan.follow,
            max_filesize: args.scan.max_filesize,
            remove_stale_temps: args.fix && !args.diff,
            exclude: self.exclude.clone(),
            engine: EngineOptions {
                show_secrets: args.show_secrets,
                jwt_var: self.jwt_var.clone(),
                max_filesize: args.scan.max_filesize,
                parse_timeout: Duration::from_millis(args.scan.parse_timeout_ms),
                no_ignore: args.scan.no_ignore,
                known_rules: set.known_names(),
                languages: self.languages.clone(),
                accept_sdk_upgrade: self.accept_sdk_upgrade,
            },
        }
    }
}

//! `pwflow.toml` (or `[tool.pwflow]` in `pyproject.toml`), discovered upward from the scanned
//! path. Command-line flags win over the file; unknown keys are errors with their line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::finding::Severity;

/// File names searched in each directory, in order.
pub const CONFIG_NAMES: &[&str] = &["pwflow.toml", ".pwflow.toml", "pyproject.toml"];

/// The settings a config file may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rules or groups to run instead of the defaults.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rules or groups to add to the defaults.
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Rules or groups not to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity per rule id or group.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Gitignore-style patterns (relative to the config file) of paths never scanned, also when
    /// passed on the command line.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Exit 1 at or above this severity.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Baseline file (relative to the config file).
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    /// Extra rule directories (relative to the config file).
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Environment variable suggested for the JWT.
    #[serde(default)]
    pub jwt_var: Option<String>,
    /// Apply JWT rewrites where a lock file pins an SDK older than its JWT login, as
    /// `--accept-sdk-upgrade` does: a team that upgrades the SDK in the same change says so
    /// once, not on every run.
    #[serde(default)]
    pub accept_sdk_upgrade: bool,
}

/// A config file that was found and read.
#[derive(Debug)]
pub struct Loaded {
    /// The settings.
    pub config: Config,
    /// The file.
    pub path: PathBuf,
    /// Its directory: relative paths in the file are relative to this.
    pub base: PathBuf,
}

impl Loaded {
    /// A path from the config file, resolved against its directory.
    #[must_use]
    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() { p.to_path_buf() } else { self.base.join(p) }
    }
}

/// A config file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
struct Pyproject {
    #[serde(default)]
    tool: PyTool,
}

#[derive(Default, Deserialize)]
struct PyTool {
    pwflow: Option<Config>,
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Reads a config file. For `pyproject.toml`, `Ok(None)` when it has no `[tool.pwflow]`.
///
/// # Errors
/// Unreadable file, invalid TOML, unknown keys, wrong types.
pub fn read(path: &Path) -> Result<Option<Loaded>, ConfigError> {
    let display = path.display().to_string();
    let text = crate::bounded::read_text(path, crate::bounded::MAX_CONFIG).map_err(|e| ConfigError {
        path: display.clone(),
        line: 1,
        column: 1,
        message: format!("cannot read the config file: {e}"),
    })?;
    let err = |e: toml::de::Error| {
        let (line, column) = e.span().map_or((1, 1), |s| position(&text, s.start));
        ConfigError {
            path: display.clone(),
            line,
            column,
            message: format!(
                "{} (see the README's Configuration section for the keys pwflow knows)",
                e.message().trim()
            ),
        }
    };
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let config = if is_pyproject {
        match toml::from_str::<Pyproject>(&text).map_err(err)?.tool.pwflow {
            Some(c) => c,
            None => return Ok(None),
        }
    } else {
        toml::from_str::<Config>(&text).map_err(err)?
    };
    let base = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok(Some(Loaded { config, path: path.to_path_buf(), base }))
}

/// Finds the config file for a scan of `start`: the nearest `pwflow.toml`, `.pwflow.toml` or
/// `pyproject.toml` with `[tool.pwflow]` in `start` or above.
///
/// # Errors
/// A config file that exists but does not parse.
pub fn discover(start: &Path) -> Result<Option<Loaded>, ConfigError> {
    let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if abs.is_dir() { Some(abs.as_path()) } else { abs.parent() };
    while let Some(d) = dir {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file()
                && let Some(loaded) = read(&candidate)?
            {
                return Ok(Some(loaded));
            }
        }
        dir = d.parent();
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_their_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pwflow.toml");
        std::fs::write(&path, "select = [\"ringcentral\"]\nfail_on = \"error\"\n").expect("write");
        let err = read(&path).expect_err("unknown key");
        assert_eq!((err.line, err.column), (2, 1), "{err}");
        assert!(err.message.contains("fail_on"), "{err}");
    }

    #[test]
    fn pyproject_section_is_read_and_others_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pyproject.toml");
        std::fs::write(
            &path,
            "[project]\nname = \"x\"\n[tool.ruff]\nline-length = 1\n[tool.pwflow]\nfail-on = \"error\"\n",
        )
        .expect("write");
        let loaded = read(&path).expect("valid").expect("has section");
        assert_eq!(loaded.config.fail_on, Some(Severity::Error));
        std::fs::write(&path, "[project]\nname = \"x\"\n").expect("write");
        assert!(read(&path).expect("valid").is_none());
    }

    #[test]
    fn discovery_walks_upward() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("pwflow.toml"), "ignore = [\"oauth-ropc\"]\n").expect("write");
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).expect("mkdir");
        let loaded = discover(&sub).expect("valid").expect("found");
        assert_eq!(loaded.config.ignore, ["oauth-ropc"]);
    }
}

//! The audit's verdict on each SDK dependency it surveys: does the declared (or locked) version
//! have the JWT login, must the SDK be upgraded or replaced first? Manifests and versions are
//! read by `project::manifest`.

use std::path::{Path, PathBuf};

use crate::project::manifest::{Dependency, Ecosystem, SdkSpec, Version, lookup, lower_bound, v_str};

/// How a declared SDK version relates to JWT support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SdkStatus {
    /// A lock file in the same directory says what is installed.
    ResolvedByLock,
    /// The version supports the JWT login.
    Supported,
    /// The version cannot be told (unpinned, URL source, not catalogued).
    Unknown,
    /// Older than the first version with the JWT login: upgrade before changing the code.
    UpgradeFirst,
    /// A legacy package with no JWT login: move to the current SDK first.
    Replace,
}

impl SdkStatus {
    /// Short label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            SdkStatus::ResolvedByLock => "see lock file",
            SdkStatus::Supported => "supports JWT",
            SdkStatus::Unknown => "check version",
            SdkStatus::UpgradeFirst => "upgrade first",
            SdkStatus::Replace => "replace SDK first",
        }
    }

    /// Whether the SDK must change before the login code can.
    #[must_use]
    pub fn blocks(self) -> bool {
        matches!(self, SdkStatus::UpgradeFirst | SdkStatus::Replace)
    }
}

/// One detected SDK dependency with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdkUse {
    /// The manifest or lock file, relative to the audited root.
    pub file: PathBuf,
    /// What it declares.
    pub dep: Dependency,
    /// First version with the JWT login (with "(approx.)" when approximate), if any.
    pub min_jwt: Option<String>,
    /// Verdict.
    pub status: SdkStatus,
    /// What to do, in a sentence.
    pub advice: String,
}

/// Judges one dependency (see [`SdkStatus`]).
#[must_use]
pub fn assess(file: &Path, dep: Dependency) -> SdkUse {
    let spec = lookup(dep.ecosystem, &dep.package);
    let min = spec.and_then(|s| s.min_jwt);
    let min_jwt =
        min.map(|m| if spec.is_some_and(|s| s.approx) { format!("{m} (approx.)") } else { m.to_owned() });
    let found = dep.version.as_deref().and_then(lower_bound);
    let (status, advice) = match (spec, min, &found) {
        (Some(SdkSpec { successor: Some(to), .. }), _, _) => {
            (SdkStatus::Replace, format!("{} has no JWT login: move to {to}", dep.package))
        }
        (_, None, _) => (
            SdkStatus::Unknown,
            "JWT support of this package is not catalogued: check its documentation".to_owned(),
        ),
        (_, Some(min), None) => (
            SdkStatus::Unknown,
            format!("version not pinned to a number: make sure at least {min} is installed"),
        ),
        (_, Some(min), Some(v)) if Version::parse(min).is_some_and(|m| *v < m) => (
            SdkStatus::UpgradeFirst,
            if dep.locked {
                format!("installed {} is older than {min}: upgrade to >= {min} first", v_str(v))
            } else {
                format!("the requirement allows versions older than {min}: require >= {min}")
            },
        ),
        (_, Some(min), Some(_)) => (SdkStatus::Supported, format!("JWT login available (>= {min})")),
    };
    SdkUse { file: file.to_path_buf(), dep, min_jwt, status, advice }
}

/// Marks manifest rows whose package a lock file in the same directory resolves.
pub fn resolve_by_locks(uses: &mut [SdkUse]) {
    // A lock file resolves only its own registry's package: a PyPI `ringcentral` beside a
    // package-lock.json holding the npm `ringcentral` is not resolved by it.
    let locked: Vec<(PathBuf, Ecosystem, String)> = uses
        .iter()
        .filter(|u| u.dep.locked)
        .map(|u| {
            (
                u.file.parent().map(Path::to_path_buf).unwrap_or_default(),
                u.dep.ecosystem,
                u.dep.package.clone(),
            )
        })
        .collect();
    for u in uses.iter_mut().filter(|u| !u.dep.locked) {
        let dir = u.file.parent().map(Path::to_path_buf).unwrap_or_default();
        if u.status != SdkStatus::Replace
            && locked.iter().any(|(d, e, p)| *d == dir && *e == u.dep.ecosystem && *p == u.dep.package)
        {
            u.status = SdkStatus::ResolvedByLock;
            u.advice = "the lock file beside it says what is installed".to_owned();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let judge = |eco, name: &str, version: Option<&str>, locked| {
            let d = Dependency {
                ecosystem: eco,
                package: name.to_owned(),
                version: version.map(str::to_owned),
                locked,
            };
            assess(Path::new("x"), d).status
        };
        assert_eq!(
            judge(Ecosystem::Composer, "ringcentral/ringcentral-php", Some("2.2.4"), true),
            SdkStatus::UpgradeFirst
        );
        assert_eq!(
            judge(Ecosystem::Composer, "ringcentral/ringcentral-php", Some("v2.3.0"), true),
            SdkStatus::Supported
        );
        assert_eq!(judge(Ecosystem::Npm, "@ringcentral/sdk", Some("^4.5.0"), false), SdkStatus::UpgradeFirst);
        assert_eq!(judge(Ecosystem::Npm, "@ringcentral/sdk", Some("*"), false), SdkStatus::Unknown);
        assert_eq!(judge(Ecosystem::Npm, "ringcentral", Some("3.2.1"), false), SdkStatus::Replace);
        assert_eq!(judge(Ecosystem::PyPi, "ringcentral", Some("==0.7.12"), true), SdkStatus::Supported);
        assert_eq!(judge(Ecosystem::NuGet, "RingCentral.Net", Some("5.9.0"), false), SdkStatus::UpgradeFirst);
        assert_eq!(judge(Ecosystem::Go, "github.com/x/ringcentral", Some("v1"), true), SdkStatus::Unknown);
        let mut uses = vec![
            assess(
                Path::new("a/package.json"),
                Dependency {
                    ecosystem: Ecosystem::Npm,
                    package: "@ringcentral/sdk".into(),
                    version: Some("^4.0".into()),
                    locked: false,
                },
            ),
            assess(
                Path::new("a/package-lock.json"),
                Dependency {
                    ecosystem: Ecosystem::Npm,
                    package: "@ringcentral/sdk".into(),
                    version: Some("4.8.0".into()),
                    locked: true,
                },
            ),
        ];
        resolve_by_locks(&mut uses);
        assert_eq!(uses[0].status, SdkStatus::ResolvedByLock);
        assert_eq!(uses[1].status, SdkStatus::Supported);
    }
}

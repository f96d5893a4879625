//! The project around the scanned files: which directories are RingCentral projects (their
//! manifests and `.env` files, in the tree and in the directories above it), the SDK versions
//! their lock files pin (`manifest.rs` reads both), and which directories and files are
//! third-party code (`vendored.rs`). Known once the walk ends, before anything is parsed; a
//! file's own evidence is `context.rs`, above this.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::Lang;

pub mod device;
pub mod manifest;
pub mod vendored;

/// A RingCentral SDK version that a lock file (or an exact pin) of the file's project fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedSdk {
    /// The lock file's name (`composer.lock`).
    pub file: String,
    /// Registry and package name as the catalogue spells it.
    pub ecosystem: manifest::Ecosystem,
    /// Package name.
    pub package: String,
    /// The locked version.
    pub version: String,
}

/// Manifest, lock and `.env` file names whose content marks a RingCentral project (every
/// ecosystem [`manifest`] reads: Composer, npm, PyPI, Maven, NuGet, RubyGems, Go).
#[must_use]
pub fn is_project_marker(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    manifest::is_manifest(name) || Lang::is_env_file_name(name) || device::is_device_marker(path)
}

/// Why the code next to a configuration file makes it RingCentral configuration: a code file in
/// the same directory that names RingCentral (an env template sits next to the script that
/// reads it, often with no manifest around them). Reads at most 64 code files of at most
/// 512 KiB each, and only for configuration files that hold a candidate setting.
#[must_use]
pub fn sibling_code_reason(path: &Path) -> Option<String> {
    const MAX_FILES: usize = 64;
    const MAX_SIZE: u64 = 512 * 1024;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let finder = memchr::memmem::Finder::new(b"ringcentral");
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| Lang::from_path(p).is_some_and(Lang::is_code))
        .collect();
    entries.sort();
    entries.truncate(MAX_FILES);
    entries.into_iter().find_map(|p| {
        let file = std::fs::File::open(&p).ok()?;
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_SIZE), &mut text).ok()?;
        text.make_ascii_lowercase();
        finder.find(&text)?;
        Some(format!("`{}` next to it uses RingCentral", p.file_name()?.to_string_lossy()))
    })
}

static ENV_RC: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"(?m)^\s*(?:export\s+)?((?:RC|RINGCENTRAL)_[A-Z0-9_]+)\s*="));

/// What a project marker file says, if it marks RingCentral.
fn marker_reason(path: &Path, text: &str) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    if manifest::is_manifest(name) {
        return manifest_reason(path, &manifest::parse(name, text));
    }
    let m = ENV_RC.captures(text)?;
    Some(format!("{} sets {}", path.display(), &m[1]))
}

/// What a manifest's RingCentral dependencies say. Only dependencies count: a package's own
/// manifest (`"name": "@ringcentral/sdk"`) is the SDK itself, not an app using it.
fn manifest_reason(path: &Path, deps: &[manifest::Dependency]) -> Option<String> {
    let dep = deps.first()?;
    Some(format!("{} depends on {}", path.display(), dep.package))
}

/// Directories that are RingCentral projects, with the reason. A file belongs to the nearest
/// directory above it that has a manifest (`package.json`, `composer.json`): a package inside
/// a RingCentral monorepo or under `node_modules/` is judged by its own manifest, not the
/// root's. A `.env` naming RingCentral marks its directory too.
#[derive(Debug, Default, Clone)]
pub struct ProjectContext {
    /// Directory → why it is RingCentral code (`None`: a package that is not).
    marked: BTreeMap<PathBuf, Option<String>>,
    /// Directory → the RingCentral SDK versions its lock files (or exact pins) fix, read from
    /// the same files as `marked` (no file is read twice).
    locks: BTreeMap<PathBuf, Vec<LockedSdk>>,
    /// Directory → what its project files say about the platform of the code under it (an
    /// Android or iOS app, or a server module), read from the same files.
    devices: BTreeMap<PathBuf, Vec<device::DeviceMarker>>,
}

impl ProjectContext {
    /// Reads the given marker files (unreadable ones are ignored: they only add evidence).
    #[must_use]
    pub fn from_markers<'a>(markers: impl IntoIterator<Item = &'a Path>) -> ProjectContext {
        let mut marked: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
        let mut locks: BTreeMap<PathBuf, Vec<LockedSdk>> = BTreeMap::new();
        let mut devices: BTreeMap<PathBuf, Vec<device::DeviceMarker>> = BTreeMap::new();
        let mut add_device = |found: Option<(PathBuf, device::DeviceMarker)>| {
            if let Some((dir, marker)) = found {
                let entry = devices.entry(dir).or_default();
                if !entry.contains(&marker) {
                    entry.push(marker);
                }
            }
        };
        for path in markers {
            let Some(dir) = path.parent() else { continue };
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let is_manifest = manifest::is_manifest(name);
            if device::is_device_marker(path) {
                // Only a Swift package is read (for its platforms); the others say it by name.
                let text = (name == "Package.swift")
                    .then(|| crate::bounded::read_text(path, crate::bounded::MAX_MARKER).ok())
                    .flatten();
                if name != "Package.swift" || text.is_some() {
                    add_device(device::read_marker(path, text.as_deref()));
                }
                continue;
            }
            // Regular and bounded: a FIFO named `package.json` must not block the scan.
            let Ok(text) = crate::bounded::read_text(path, crate::bounded::MAX_MARKER) else {
                if is_manifest {
                    marked.entry(dir.to_path_buf()).or_insert(None);
                }
                continue;
            };
            let reason = if is_manifest {
                add_device(device::read_marker(path, Some(&text)));
                let deps = manifest::parse(name, &text);
                let locked = deps.iter().filter(|d| d.locked).filter_map(|d| {
                    Some(LockedSdk {
                        file: name.to_owned(),
                        ecosystem: d.ecosystem,
                        package: d.package.clone(),
                        version: d.version.clone()?,
                    })
                });
                let entry = locks.entry(dir.to_path_buf()).or_default();
                for lock in locked {
                    if !entry.iter().any(|l| l.ecosystem == lock.ecosystem && l.package == lock.package) {
                        entry.push(lock);
                    }
                }
                manifest_reason(path, &deps)
            } else {
                marker_reason(path, &text)
            };
            match reason {
                Some(reason) => {
                    let slot = marked.entry(dir.to_path_buf()).or_insert(None);
                    if slot.is_none() {
                        *slot = Some(reason);
                    }
                }
                None if is_manifest => {
                    marked.entry(dir.to_path_buf()).or_insert(None);
                }
                None => {}
            }
        }
        locks.retain(|_, l| !l.is_empty());
        ProjectContext { marked, locks, devices }
    }

    /// Why code of `lang` at `file` runs on the user's device, when the nearest project file
    /// of its platform above it is an app's (an Android module, an Xcode project, an iOS
    /// package); `None` when it is another kind of project, or there is none.
    #[must_use]
    pub fn device_for(&self, file: &Path, lang: Lang) -> Option<String> {
        let platform = device::Platform::of(lang)?;
        if self.devices.is_empty() {
            return None;
        }
        let find = |path: &Path| {
            let mut dir = path.parent();
            while let Some(d) = dir {
                let here: Vec<&device::DeviceMarker> =
                    self.devices.get(d).into_iter().flatten().filter(|m| m.platform == platform).collect();
                if !here.is_empty() {
                    return Some(here.iter().find_map(|m| m.device.clone()));
                }
                if d.file_name().is_some_and(vendored::is_vendored_dir) {
                    return Some(None);
                }
                dir = d.parent();
            }
            None
        };
        find(file).or_else(|| file.canonicalize().ok().and_then(|abs| find(&abs))).flatten()
    }

    /// The RingCentral SDK versions locked for `file`: for each registry, those of the nearest
    /// directory above it whose lock files name one (a package under `node_modules/` is its own
    /// project). Only directories the walk already read are looked up: no file is read here.
    #[must_use]
    pub fn locks_for(&self, file: &Path) -> Vec<LockedSdk> {
        if self.locks.is_empty() {
            return Vec::new();
        }
        let find = |path: &Path| {
            let mut out: Vec<LockedSdk> = Vec::new();
            let mut dir = path.parent();
            while let Some(d) = dir {
                // A registry is decided by the nearest directory that locks any of its packages,
                // and all of that directory's packages count (`package-lock.json` may lock
                // `@ringcentral/sdk` and the Engage Voice client side by side).
                let decided: Vec<manifest::Ecosystem> = out.iter().map(|o| o.ecosystem).collect();
                for lock in self.locks.get(d).into_iter().flatten() {
                    if !decided.contains(&lock.ecosystem) {
                        out.push(lock.clone());
                    }
                }
                if d.file_name().is_some_and(vendored::is_vendored_dir) {
                    break;
                }
                dir = d.parent();
            }
            out
        };
        let found = find(file);
        if found.is_empty() { file.canonicalize().map(|abs| find(&abs)).unwrap_or_default() } else { found }
    }

    /// Marker files in the directories above the given paths (a scan of `src/` still sees
    /// `../package.json`), up to each repository root or the file-system root. Each directory is
    /// listed once, and files named on the command line mostly share their directories, which
    /// are resolved once each: a pre-commit run outside a repository probed some 25 directories
    /// up to `/` with a stat per marker name (530 system calls, 2.5 ms).
    #[must_use]
    pub fn ancestor_markers<P: AsRef<Path>>(paths: &[P]) -> Vec<PathBuf> {
        let mut resolved: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
        let mut visited = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for path in paths {
            let path = path.as_ref();
            let Ok(meta) = std::fs::symlink_metadata(path) else { continue };
            let start = if meta.is_file() {
                let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                resolved.entry(parent.to_path_buf()).or_insert_with(|| parent.canonicalize().ok()).clone()
            } else {
                // A directory, or a symbolic link (whose target's directory is the one that counts).
                path.canonicalize().ok().and_then(|abs| {
                    if abs.is_dir() { Some(abs) } else { abs.parent().map(Path::to_path_buf) }
                })
            };
            let mut dir = start.as_deref();
            while let Some(d) = dir {
                if !visited.insert(d.to_path_buf()) {
                    break;
                }
                let (markers, repository_root) = probe_markers(d);
                out.extend(markers);
                if repository_root {
                    break;
                }
                dir = d.parent();
            }
        }
        out
    }

    /// Why the project holding `file` is a RingCentral project, if it is.
    #[must_use]
    pub fn reason_for(&self, file: &Path) -> Option<String> {
        // The path as given first; the resolved one (a system call per component) only when
        // that finds no marked directory.
        let found = |path: &Path| {
            let mut dir = path.parent();
            while let Some(d) = dir {
                if let Some(entry) = self.marked.get(d) {
                    return Some(entry);
                }
                // Third-party trees are their own projects, whatever the app around them uses.
                if d.file_name().is_some_and(vendored::is_vendored_dir) {
                    break;
                }
                dir = d.parent();
            }
            None
        };
        if self.marked.is_empty() {
            return None;
        }
        let entry = found(file).or_else(|| file.canonicalize().ok().and_then(|abs| found(&abs)))?;
        entry.as_ref().map(|r| format!("the project is RingCentral code: {r}"))
    }

    /// Whether any directory is marked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.marked.is_empty()
    }
}

/// Files whose presence in a directory above the scanned paths can mark the project.
const ANCESTOR_MARKERS: &[&str] = &[
    "composer.json",
    "package.json",
    ".env",
    ".env.example",
    ".env.sample",
    ".env.local",
    ".env.template",
    ".env.tmpl",
    ".env.dist",
    "requirements.txt",
    "pom.xml",
    "go.mod",
    "Gemfile.lock",
    // Lock files: what `check` tells about an SDK older than its JWT login.
    "composer.lock",
    "package-lock.json",
    "yarn.lock",
    // What kind of app the code is: Android and Apple projects (and `*.xcodeproj`, by suffix).
    "build.gradle",
    "build.gradle.kts",
    "AndroidManifest.xml",
    "Package.swift",
    "Info.plist",
];

/// The marker files in `dir` (in [`ANCESTOR_MARKERS`] order), and whether it holds `.git`.
fn probe_markers(dir: &Path) -> (Vec<PathBuf>, bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // Searchable but not listable: ask for each name.
        let markers = ANCESTOR_MARKERS.iter().map(|n| dir.join(n)).filter(|p| p.is_file()).collect();
        return (markers, dir.join(".git").exists());
    };
    let mut found: Vec<(usize, PathBuf)> = Vec::new();
    let mut repository_root = false;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name == ".git" {
            repository_root = true;
        } else if name.to_str().is_some_and(|n| n.ends_with(".xcodeproj")) {
            found.push((ANCESTOR_MARKERS.len(), entry.path()));
        } else if let Some(rank) = ANCESTOR_MARKERS.iter().position(|n| name == *n) {
            let path = entry.path();
            // Regular files as listed; a symbolic link counts if it leads to one.
            if entry.file_type().is_ok_and(|t| t.is_file()) || path.is_file() {
                found.push((rank, path));
            }
        }
    }
    found.sort();
    (found.into_iter().map(|(_, path)| path).collect(), repository_root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn ancestor_markers_stop_at_the_repository_root() {
        let tmp = tempfile::TempDir::new().expect("tempdir");
        let outer = tmp.path().canonicalize().expect("canonical");
        let repo = outer.join("repo");
        for dir in [".git", "src/a", "src/b/go.mod"] {
            std::fs::create_dir_all(repo.join(dir)).expect("mkdir");
        }
        for file in ["src/a/x.php", "src/b/y.php", "src/package.json", ".env", "composer.json"] {
            std::fs::write(repo.join(file), "{}").expect("write");
        }
        std::fs::write(outer.join("package.json"), "{}").expect("write");
        std::os::unix::fs::symlink("../../.env", repo.join("src/a/.env.local")).expect("symlink");
        let paths = [repo.join("src/a/x.php"), repo.join("src/b/y.php"), repo.join("src")];
        assert_eq!(
            ProjectContext::ancestor_markers(&paths),
            [
                repo.join("src/a/.env.local"),
                repo.join("src/package.json"),
                repo.join("composer.json"),
                repo.join(".env"),
            ],
            "above .git is outside the project; a directory named go.mod is no marker"
        );
    }

    #[test]
    fn the_nearest_manifest_decides() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::write(d.join("package.json"), r#"{"devDependencies": {"@ringcentral/sdk": "5"}}"#)
            .expect("write");
        std::fs::create_dir_all(d.join("packages/idp/src")).expect("mkdir");
        std::fs::write(d.join("packages/idp/package.json"), r#"{"dependencies": {"axios": "1"}}"#)
            .expect("write");
        std::fs::create_dir_all(d.join("src")).expect("mkdir");
        std::fs::create_dir_all(d.join("node_modules/kc/lib")).expect("mkdir");
        let markers = [d.join("package.json"), d.join("packages/idp/package.json")];
        let ctx = ProjectContext::from_markers(markers.iter().map(PathBuf::as_path));
        assert!(ctx.reason_for(&d.join("src/a.js")).is_some());
        assert!(ctx.reason_for(&d.join("packages/idp/src/token.js")).is_none());
        assert!(ctx.reason_for(&d.join("node_modules/kc/lib/x.js")).is_none());
    }

    #[test]
    fn manifests_mark_projects_but_not_the_sdk_itself() {
        let r = marker_reason(Path::new("p/package.json"), r#"{"dependencies": {"@ringcentral/sdk": "^5"}}"#);
        assert!(r.is_some());
        let r = marker_reason(Path::new("p/package.json"), r#"{"name": "@ringcentral/sdk", "version": "5"}"#);
        assert!(r.is_none());
        assert!(marker_reason(Path::new(".env"), "RC_PASSWORD=x\n").is_some());
        assert!(marker_reason(Path::new(".env"), "IRC_PASSWORD=x\n").is_none());
    }
}

//! Mobile and desktop apps around the scanned files: an Android project (`AndroidManifest.xml`,
//! a Gradle module that applies `com.android.application`/`com.android.library`) or an Apple
//! one (an Xcode project, an app's `Info.plist`, a `Package.swift` for iOS, tvOS, watchOS or
//! visionOS). Code under such a project runs on each user's device, where a JWT would ship to
//! every user, even when the file itself imports nothing of UIKit or Android (a repository
//! class that logs in with the parameters its screen passes).
//!
//! The nearest project file of the file's platform decides: a Ktor module's `build.gradle.kts`
//! beside the Android app's, or a Vapor `Package.swift` (macOS only), says the code under it
//! is not an app.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::lang::Lang;

/// The platform whose project files decide a language's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Java and Kotlin: Gradle modules, Maven projects, Android manifests.
    Jvm,
    /// Swift: Xcode projects, `Info.plist`, Swift packages.
    Apple,
}

impl Platform {
    /// The platform whose projects hold code of `lang`, if any.
    #[must_use]
    pub fn of(lang: Lang) -> Option<Platform> {
        match lang {
            Lang::Java | Lang::Kotlin => Some(Platform::Jvm),
            Lang::Swift => Some(Platform::Apple),
            _ => None,
        }
    }
}

/// What one project file says about the code under its directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceMarker {
    /// The platform it speaks for.
    pub platform: Platform,
    /// Why the code under it runs on the user's device; `None`: a project of this platform that
    /// is not an app (a server module, a command-line package).
    pub device: Option<String>,
}

/// Whether a file of this name can say what kind of project its directory is (beyond the
/// manifests, which [`super::manifest`] reads: `build.gradle`, `pom.xml`).
#[must_use]
pub fn is_device_marker(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    matches!(name, "AndroidManifest.xml" | "Package.swift" | "Info.plist")
        || name.ends_with(".xcodeproj")
        || (name == "project.pbxproj" && in_xcodeproj(path))
}

fn in_xcodeproj(path: &Path) -> bool {
    path.parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".xcodeproj"))
}

/// An Android Gradle plugin applied by a module (not declared with `apply false` at the root,
/// where it only pins the version for the modules).
static ANDROID_PLUGIN: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r#"com\.android\.(?:application|library|dynamic-feature)|libs\.plugins\.android\.(?:application|library)|^\s*android\s*\{"#,
    )
});

/// A Swift package built for a device platform.
static DEVICE_PLATFORM: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r"\.(?:iOS|tvOS|watchOS|visionOS|macCatalyst)\s*\("));

/// Server-side Swift packages.
static SWIFT_SERVER: LazyLock<Regex> =
    LazyLock::new(|| crate::regexes::ascii(r#"(?i)github\.com/(?:vapor|hummingbird-project|kitura)/"#));

/// What the project file at `path` (with its text, when it was read) says, and the directory it
/// speaks for: an `.xcodeproj` (or its `project.pbxproj`) speaks for the directory holding the
/// Xcode project. `None`: the file says nothing of the kind.
#[must_use]
pub fn read_marker(path: &Path, text: Option<&str>) -> Option<(PathBuf, DeviceMarker)> {
    let name = path.file_name()?.to_str()?;
    let dir = path.parent()?;
    let shown = path.display();
    let device = |platform, reason: String| DeviceMarker { platform, device: Some(reason) };
    let not_app = |platform| DeviceMarker { platform, device: None };
    let marker = match name {
        "AndroidManifest.xml" => {
            (dir.to_path_buf(), device(Platform::Jvm, format!("`{shown}` declares an Android app")))
        }
        "build.gradle" | "build.gradle.kts" => {
            let android = text?.lines().any(|l| ANDROID_PLUGIN.is_match(l) && !l.contains("apply false"));
            let marker = if android {
                device(Platform::Jvm, format!("`{shown}` applies the Android Gradle plugin"))
            } else {
                not_app(Platform::Jvm)
            };
            (dir.to_path_buf(), marker)
        }
        "pom.xml" => (dir.to_path_buf(), not_app(Platform::Jvm)),
        "Package.swift" => {
            let text = text?;
            let marker = if DEVICE_PLATFORM.is_match(text) && !SWIFT_SERVER.is_match(text) {
                device(Platform::Apple, format!("`{shown}` builds for iOS, tvOS, watchOS or visionOS"))
            } else {
                not_app(Platform::Apple)
            };
            (dir.to_path_buf(), marker)
        }
        "Info.plist" => {
            (dir.to_path_buf(), device(Platform::Apple, format!("`{shown}` describes an app bundle")))
        }
        "project.pbxproj" if in_xcodeproj(path) => {
            let project = dir;
            (
                project.parent()?.to_path_buf(),
                device(Platform::Apple, format!("`{}` is an Xcode project", project.display())),
            )
        }
        n if n.ends_with(".xcodeproj") => {
            (dir.to_path_buf(), device(Platform::Apple, format!("`{shown}` is an Xcode project")))
        }
        _ => return None,
    };
    Some(marker)
}

/// Server frameworks a Java, Kotlin or Swift file may import: such a file is not app code,
/// whatever project it sits in (a Ktor route beside an Android module, a Vapor target).
static SERVER_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"(?m)^\s*import\s+(?:io\.ktor\b|org\.springframework\b|io\.micronaut\b|io\.quarkus\b|io\.vertx\b|javax\.servlet\b|jakarta\.servlet\b|jakarta\.ws\b|javax\.ws\b|Vapor\b|Hummingbird\b|Kitura\b)",
    )
});

/// Whether a file's own imports say it is server code.
#[must_use]
pub fn imports_server_framework(src: &str) -> bool {
    SERVER_IMPORT.is_match(src)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(path: &str, text: &str) -> Option<bool> {
        read_marker(Path::new(path), Some(text)).map(|(_, m)| m.device.is_some())
    }

    #[test]
    fn gradle_modules_are_apps_only_with_the_android_plugin_applied() {
        assert_eq!(said("app/build.gradle", "plugins {\n    id 'com.android.application'\n}\n"), Some(true));
        assert_eq!(
            said("lib/build.gradle.kts", "plugins {\n    alias(libs.plugins.android.library)\n}\n"),
            Some(true)
        );
        assert_eq!(said("app/build.gradle", "apply plugin: 'com.android.application'\n"), Some(true));
        // The root build file pins the plugin for the modules without applying it.
        assert_eq!(
            said(
                "build.gradle.kts",
                "plugins {\n    id(\"com.android.application\") version \"8.2.0\" apply false\n}\n"
            ),
            Some(false)
        );
        assert_eq!(
            said(
                "server/build.gradle.kts",
                "plugins {\n    kotlin(\"jvm\")\n    id(\"io.ktor.plugin\")\n}\n"
            ),
            Some(false)
        );
    }

    #[test]
    fn swift_packages_are_apps_only_for_device_platforms() {
        assert_eq!(said("ios/Package.swift", "platforms: [.iOS(.v15)],"), Some(true));
        assert_eq!(said("Package.swift", "platforms: [.macOS(.v13)],"), Some(false));
        let vapor = "platforms: [.macOS(.v13), .iOS(.v16)],\n.package(url: \"https://github.com/vapor/vapor.git\", from: \"4.0.0\")";
        assert_eq!(said("Package.swift", vapor), Some(false));
    }

    #[test]
    fn xcode_projects_speak_for_the_directory_that_holds_them() {
        let (dir, m) = read_marker(Path::new("ios/Dialer.xcodeproj/project.pbxproj"), None).expect("marker");
        assert_eq!(dir, Path::new("ios"));
        assert!(m.device.is_some());
        let (dir, _) = read_marker(Path::new("ios/Dialer.xcodeproj"), None).expect("marker");
        assert_eq!(dir, Path::new("ios"));
        assert!(is_device_marker(Path::new("a/B.xcodeproj/project.pbxproj")));
        assert!(!is_device_marker(Path::new("a/project.pbxproj")));
    }

    #[test]
    fn server_imports() {
        assert!(imports_server_framework("import io.ktor.server.application.*\n"));
        assert!(imports_server_framework("import Vapor\n"));
        assert!(!imports_server_framework("import UIKit\nimport RingCentral\n"));
    }
}

//! Third-party code: the directories that hold other people's packages, and the copies of the
//! RingCentral SDK's own source that apps vendor outside them. The walk skips the directories,
//! a project ends at them, and the engine skips the SDK's source (all unless `--no-ignore`).

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::Lang;

/// Directory names holding third-party code, skipped unless `--no-ignore`.
pub const VENDORED_DIRS: &[&str] = &["vendor", "node_modules", "bower_components"];

/// Whether a directory's name makes it third-party code ([`VENDORED_DIRS`]): its packages are
/// their own projects, whatever the app around them uses.
#[must_use]
pub fn is_vendored_dir(name: &std::ffi::OsStr) -> bool {
    VENDORED_DIRS.iter().any(|v| name == *v)
}

/// The declaration that makes a file part of a RingCentral SDK's own source: the PHP SDK's
/// namespace, exactly (an app's `namespace RingCentral\Demo` is not the SDK). PHP only: copies
/// of the PHP SDK sit in apps' `includes/` and `lib/` folders, while Java and C# demos and the
/// SDKs' own tests declare the SDK's package (`package com.ringcentral;`) for code that does
/// log in, and are reported.
#[must_use]
pub fn sdk_own_source(lang: Lang, text: &str) -> Option<&'static str> {
    static PHP: LazyLock<Regex> =
        LazyLock::new(|| crate::regexes::ascii(r"(?m)^\s*namespace\s+RingCentral\\SDK(\\[A-Za-z]+)*\s*;"));
    (lang.rule_lang() == Lang::Php && PHP.is_match(text)).then_some("`namespace RingCentral\\SDK`")
}

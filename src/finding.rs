//! Plain data produced by a scan: findings, fixes, skipped files. Renderers only read these.

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing (credential configuration, weak signals).
    Info,
    /// Should be fixed (generic OAuth password grants).
    Warning,
    /// Must be fixed (RingCentral password-flow calls: they fail since 2024-03-31).
    Error,
}

impl Severity {
    /// Lower-case name as used on the command line and in output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" | "note" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!("unknown severity `{other}` (expected error, warning or info)")),
        }
    }
}

/// Which replacement flow a finding recommends.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// JWT bearer grant: code with no user interface (scripts, jobs, bots, services).
    Jwt,
    /// Authorization-code grant with PKCE: code that serves users.
    Oauth,
}

impl Flow {
    /// Short name (`jwt`, `oauth`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Jwt => "jwt",
            Flow::Oauth => "oauth",
        }
    }

    /// Human name of the flow.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Flow::Jwt => "JWT flow",
            Flow::Oauth => "authorization-code flow (OAuth with PKCE)",
        }
    }

    /// Human name of the flow for a rule: generic OAuth rules (`oauth-ropc/*`) are not about
    /// RingCentral, whose "JWT flow" is a pre-issued credential; their unattended alternative is
    /// a grant without the user's password.
    #[must_use]
    pub fn title_for(self, rule_id: &str) -> &'static str {
        match self {
            Flow::Jwt if rule_id.starts_with("oauth-ropc/") => {
                "a grant without the user's password (client credentials, or a JWT assertion where supported)"
            }
            _ => self.title(),
        }
    }
}

/// The flow a finding should move to, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// The flow.
    pub flow: Flow,
    /// Why this flow: the evidence found in the file (or its absence).
    pub reason: String,
    /// Where the finding's credentials come from, when pwflow followed them (code files):
    /// a machine-readable form of what `reason` says, for tools that sort sites by origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<CredentialOrigin>,
}

/// Where a finding's credentials come from, as JSON and SARIF report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialOrigin {
    /// What kind of place.
    pub kind: OriginKind,
    /// The evidence (`` `process.env` (the environment) ``), or why the origin is unknown.
    pub evidence: String,
}

/// The kinds of places credentials come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OriginKind {
    /// The environment, a secret store, configuration or a constant: one service identity.
    Service,
    /// Literals in the code: one service identity.
    Literal,
    /// Request input, a form field or a prompt: users typing their own password.
    User,
    /// Not followed to a place pwflow recognises.
    Unknown,
}

impl OriginKind {
    /// The kebab-case name used in JSON and SARIF.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            OriginKind::Service => "service",
            OriginKind::Literal => "literal",
            OriginKind::User => "user",
            OriginKind::Unknown => "unknown",
        }
    }
}

/// How safe it is to apply a fix without looking, in the manner of ruff.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown as guidance, never applied (needs code the tool cannot write, e.g. a redirect handler).
    DisplayOnly,
    /// Changes behaviour or needs something new (a JWT credential): applied only on request.
    Unsafe,
    /// Keeps behaviour: applied by `--fix`.
    Safe,
}

/// One text replacement in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// Byte range replaced.
    pub range: Range<usize>,
    /// New text.
    pub replacement: String,
}

/// A suggested change: the JWT rewrite or the authorization-code alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// Imperative title ("Use the JWT flow").
    pub title: String,
    /// Which flow the fix moves to.
    pub flow: Flow,
    /// How safe the fix is.
    pub applicability: Applicability,
    /// The edits (non-overlapping, in order).
    pub edits: Vec<Edit>,
    /// The code after the change, as shown to people (secrets redacted).
    pub code: String,
    /// Extra guidance: minimum SDK version, what else must change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Variables that only the replaced code read: left in place, reported for the user to
    /// remove once the old credentials are gone.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub leftovers: Vec<String>,
}

/// A 1-based line and column (column counted in Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A secondary location that explains a finding ("credentials defined here").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Byte range in the file.
    pub range: Range<usize>,
    /// What is there.
    pub message: String,
}

/// One place where password-flow code was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id (`ringcentral/php-password-login`).
    pub rule: String,
    /// Severity after configuration.
    pub severity: Severity,
    /// Path relative to the scan root (as given, for file arguments).
    #[serde(with = "lossy_path")]
    pub path: PathBuf,
    /// Path as walked from the working directory (what a terminal user can open).
    #[serde(skip)]
    pub location: PathBuf,
    /// Byte range of the primary span.
    pub range: Range<usize>,
    /// Start of the primary span.
    pub start: Position,
    /// End of the primary span (exclusive column).
    pub end: Position,
    /// One-line message naming the SDK shape.
    pub message: String,
    /// The SDK (or raw HTTP) the finding belongs to, with era where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sdk: Option<String>,
    /// The recommended replacement flow and why.
    pub recommendation: Recommendation,
    /// Label on the primary span.
    pub primary_label: String,
    /// Secondary labels.
    pub labels: Vec<Label>,
    /// Extra notes (why RingCentral context was assumed, etc.).
    pub notes: Vec<String>,
    /// Suggested changes: the JWT rewrite first, then the authorization-code alternative.
    pub fixes: Vec<Fix>,
    /// The source lines of the primary span, secrets redacted.
    pub snippet: String,
    /// Content-based identity: hash of rule id, path relative to the scan root, the matched
    /// code without whitespace and secrets, and the occurrence index of that code in the file.
    /// Never line numbers, so moving or reformatting code keeps it.
    pub fingerprint: String,
    /// The reason given by the `pwflow-ignore` comment that suppresses this finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
    /// Whether the baseline file already records this finding.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub baselined: bool,
    /// The lines around the finding for rendering (secrets redacted); not serialized.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
}

/// Whole source lines covering a finding and its labels, secrets redacted, with the spans
/// mapped into them. Renderers show code from here, never from the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Excerpt {
    /// The lines (redacted), without the final newline.
    pub text: String,
    /// 1-based number of the first line.
    pub first_line: usize,
    /// The primary span within `text`.
    pub primary: Range<usize>,
    /// Secondary spans within `text`, with their messages.
    pub labels: Vec<(Range<usize>, String)>,
}

impl Finding {
    /// Whether the finding is new work: neither suppressed nor baselined.
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.suppressed.is_none() && !self.baselined
    }
}

/// Why a file was not scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// A vendored dependency directory (`vendor/`, `node_modules/`, `bower_components/`).
    Vendored,
    /// A minified bundle (by name or by line length).
    Minified,
    /// Larger than `--max-filesize`.
    TooLarge,
    /// Contains NUL bytes.
    Binary,
    /// Not valid UTF-8.
    InvalidUtf8,
    /// Could not be read (permissions, vanished, not a regular file).
    Unreadable,
    /// Parsing took longer than the per-file limit.
    Timeout,
    /// A file pwflow wrote (baseline, report), recognised by its format marker.
    PwflowOutput,
    /// A temporary file (`.pwflow-fix-*`) of a `--fix` run that was killed: never scanned,
    /// removed by the next `--fix`.
    PwflowTemp,
}

impl SkipReason {
    /// Stable kebab-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Vendored => "vendored",
            SkipReason::Minified => "minified",
            SkipReason::TooLarge => "too-large",
            SkipReason::Binary => "binary",
            SkipReason::InvalidUtf8 => "invalid-utf8",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Timeout => "timeout",
            SkipReason::PwflowOutput => "pwflow-output",
            SkipReason::PwflowTemp => "pwflow-temp",
        }
    }
}

/// A file or directory that was not scanned, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Skipped {
    /// Path (relative to the scan root when under it).
    #[serde(with = "lossy_path")]
    pub path: PathBuf,
    /// Reason class.
    pub reason: SkipReason,
    /// Details (the I/O error, the size, ...).
    pub detail: String,
}

/// Serializes paths as strings even when they are not UTF-8 (`\u{FFFD}` replaces bad bytes):
/// one odd file name must not make a whole report fail.
pub mod lossy_path {
    use std::path::{Path, PathBuf};

    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the path, lossily.
    ///
    /// # Errors
    /// Those of the serializer.
    pub fn serialize<S: Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&path.to_string_lossy().replace('\\', "/"))
    }

    /// Reads a path.
    ///
    /// # Errors
    /// Those of the deserializer.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        String::deserialize(d).map(PathBuf::from)
    }
}

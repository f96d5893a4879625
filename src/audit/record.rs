//! The audit's JSON document, which is also the part a shard writes and `pwflow audit merge`
//! reads: the document of `check --format json` (findings, skipped files, counters) with an
//! `audit` object before the findings that says what each root was (label, kind, application
//! directories, SDK dependencies, counters). Everything the HTML and Markdown show is computed
//! from these records, so a merge of parts renders what one run over all roots renders.
//!
//! The document is written incrementally, one finding at a time, and read back the same way
//! (a serde visitor over the `findings` array), so neither side holds the findings in memory.

use std::fmt;
use std::io::{self, Read, Write};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Skipped};

use crate::project::manifest::Dependency;

/// What a root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RootKind {
    /// A git repository (found by `--repos-under`, or listed by `--repos-from`).
    Repository,
    /// A directory under `--repos-under` (or listed by `--repos-from`) that is no git repository:
    /// audited as it is.
    Folder,
    /// A path given on the command line.
    Path,
}

// A root's counters are the scan's (`model::Stats` without its times), shared with `check`.
pub use crate::model::Counters;

/// A RingCentral dependency declared in a manifest of a root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdkRecord {
    /// The manifest, relative to the root, with `/` separators.
    pub file: String,
    /// What it declares.
    #[serde(flatten)]
    pub dep: Dependency,
}

/// One audited root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootRecord {
    /// Name in the report (unique; roots are ordered by it).
    pub label: String,
    /// The path as given (`roots` of the document).
    pub path: String,
    /// Repository, plain folder or command-line path.
    pub kind: RootKind,
    /// Findings of this root in `findings` (they follow the previous roots' findings).
    pub findings: usize,
    /// Entries of this root in `skipped`.
    pub skipped: usize,
    /// Directories (relative to the root, `/` separators, `""` for the root) holding a manifest
    /// of any ecosystem: the applications.
    pub applications: Vec<String>,
    /// RingCentral SDK dependencies in its manifests and lock files.
    pub sdks: Vec<SdkRecord>,
    /// Counters.
    pub stats: Counters,
}

/// Something under `--repos-under` or in `--repos-from` that was not audited, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NotAudited {
    /// Path relative to `--repos-under` (or as listed).
    pub path: String,
    /// Why.
    pub reason: String,
}

/// The `audit` object of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditSection {
    /// `repository` (each root is one) or `application` (one root, split by manifests).
    pub unit: String,
    /// `I/N` when this document is one shard's part.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub shard: Option<String>,
    /// The roots, ordered by label.
    pub roots: Vec<RootRecord>,
    /// What was not audited.
    pub not_audited: Vec<NotAudited>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// Pretty JSON of `value`, its lines after the first indented by `indent` spaces (JSON strings
/// hold no raw newline, so every newline is structure).
fn indented<T: Serialize>(value: &T, indent: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(text.replace('\n', &format!("\n{}", " ".repeat(indent))))
}

/// Writes the document: the head, then each finding as it comes, then the tail.
pub struct DocWriter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> DocWriter<W> {
    /// Writes everything up to the findings.
    ///
    /// # Errors
    /// I/O and serialization errors.
    pub fn start(mut out: W, audit: &AuditSection) -> io::Result<Self> {
        let tool = Tool { name: "pwflow", version: env!("CARGO_PKG_VERSION") };
        let roots: Vec<&str> = audit.roots.iter().map(|r| r.path.as_str()).collect();
        // The tool marker comes first: artefact.rs recognises pwflow's JSON by its head.
        write!(
            out,
            "{{\n  \"schema_version\": {},\n  \"tool\": {},\n  \"roots\": {},\n  \"audit\": {},\n  \"findings\": [",
            crate::report::json::SCHEMA_VERSION,
            indented(&tool, 2)?,
            indented(&roots, 2)?,
            indented(audit, 2)?,
        )?;
        Ok(DocWriter { out, first: true })
    }

    /// Writes one finding.
    ///
    /// # Errors
    /// I/O and serialization errors.
    pub fn finding(&mut self, f: &Finding) -> io::Result<()> {
        let sep = if self.first { "\n    " } else { ",\n    " };
        self.first = false;
        write!(self.out, "{sep}{}", indented(f, 4)?)
    }

    /// Writes the skipped entries and the counters, and closes the document.
    ///
    /// # Errors
    /// I/O and serialization errors.
    pub fn finish<'a>(
        mut self,
        skipped: impl Iterator<Item = &'a Skipped>,
        stats: &Counters,
    ) -> io::Result<W> {
        self.out.write_all(if self.first { b"],\n  \"skipped\": [" } else { b"\n  ],\n  \"skipped\": [" })?;
        let mut first = true;
        for s in skipped {
            let sep = if first { "\n    " } else { ",\n    " };
            first = false;
            write!(self.out, "{sep}{}", indented(s, 4)?)?;
        }
        let close = if first { "]" } else { "\n  ]" };
        write!(self.out, "{close},\n  \"stats\": {}\n}}\n", indented(stats, 2)?)?;
        Ok(self.out)
    }
}

/// Reads a part: the `audit` object, then every finding handed to `on_finding` as it is read
/// (its root is told by the counts of the `audit` object), then the skipped entries.
///
/// # Errors
/// Malformed documents, documents without an `audit` object (a `check --format json` output),
/// I/O errors, and the errors of `on_finding`.
pub fn read_part<R: Read>(
    input: R,
    on_finding: &mut dyn FnMut(&AuditSection, Finding) -> anyhow::Result<()>,
) -> anyhow::Result<(AuditSection, Vec<Skipped>)> {
    let mut de = serde_json::Deserializer::from_reader(io::BufReader::new(input));
    let mut failure = None;
    let seed = PartSeed { on_finding, failure: &mut failure };
    let result = seed.deserialize(&mut de);
    if let Some(e) = failure {
        return Err(e);
    }
    let (audit, skipped) = result?;
    de.end()?;
    Ok((audit, skipped))
}

struct PartSeed<'a> {
    on_finding: &'a mut dyn FnMut(&AuditSection, Finding) -> anyhow::Result<()>,
    failure: &'a mut Option<anyhow::Error>,
}

impl<'de> DeserializeSeed<'de> for PartSeed<'_> {
    type Value = (AuditSection, Vec<Skipped>);

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PartSeed<'_> {
    type Value = (AuditSection, Vec<Skipped>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a pwflow audit JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut audit: Option<AuditSection> = None;
        let mut skipped = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "schema_version" => {
                    let v: u32 = map.next_value()?;
                    if v != crate::report::json::SCHEMA_VERSION {
                        return Err(de::Error::custom(format!("unsupported schema_version {v}")));
                    }
                }
                "audit" => audit = Some(map.next_value()?),
                "findings" => {
                    let Some(section) = audit.as_ref() else {
                        return Err(de::Error::custom(
                            "no `audit` object before the findings: not a part written by `pwflow audit --json`",
                        ));
                    };
                    map.next_value_seed(FindingsSeed {
                        audit: section,
                        on_finding: &mut *self.on_finding,
                        failure: &mut *self.failure,
                    })?;
                }
                "skipped" => skipped = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let audit = audit.ok_or_else(|| {
            de::Error::custom("no `audit` object: not a part written by `pwflow audit --json`")
        })?;
        Ok((audit, skipped))
    }
}

struct FindingsSeed<'a> {
    audit: &'a AuditSection,
    on_finding: &'a mut dyn FnMut(&AuditSection, Finding) -> anyhow::Result<()>,
    failure: &'a mut Option<anyhow::Error>,
}

impl<'de> DeserializeSeed<'de> for FindingsSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FindingsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of findings")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(f) = seq.next_element::<Finding>()? {
            if let Err(e) = (self.on_finding)(self.audit, f) {
                // The caller's error (a full disk) is kept as it is, not as a JSON error.
                *self.failure = Some(e);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

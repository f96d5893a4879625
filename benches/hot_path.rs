//! The per-file hot path in isolation, so a regression shows without the noise of a whole
//! scan: the literal gate on a file no rule wants, parsing, and gate + parse + match on files
//! that hold findings; plus start-up (loading the built-in rules, building the engine).
//!
//! `cargo bench --bench hot_path` (criterion; reports in `target/criterion/`). Whole-corpus
//! figures against ripgrep, ast-grep and Semgrep come from `bench/run.sh`.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pwflow::engine::{Engine, EngineOptions, Worker};
use pwflow::lang::Lang;
use pwflow::model::ActiveRule;
use pwflow::project::ProjectContext;
use pwflow::query::QueryForm;
use pwflow::rules::RuleSet;

fn options(rules: &RuleSet) -> EngineOptions {
    EngineOptions {
        show_secrets: false,
        jwt_var: "RC_JWT".to_owned(),
        max_filesize: 64 << 20,
        parse_timeout: Duration::from_secs(5),
        no_ignore: false,
        known_rules: rules.known_names(),
        languages: None,
        accept_sdk_upgrade: false,
    }
}

fn engine(rules: &RuleSet) -> Engine<'_> {
    let active = rules
        .rules
        .iter()
        .filter(|r| r.enabled)
        .map(|rule| ActiveRule { rule, severity: rule.severity })
        .collect();
    Engine::new(active, options(rules), ProjectContext::default()).expect("engine")
}

fn fixture(rel: &str) -> (PathBuf, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, bytes)
}

/// About 256 KiB of ordinary JavaScript that names none of the rules' literals.
fn plain_js() -> Vec<u8> {
    let unit = "export function total(items) {\n  let sum = 0;\n  for (const item of items) {\n    sum += item.price * item.quantity;\n  }\n  return Math.round(sum * 100) / 100;\n}\n\n";
    unit.repeat(256 * 1024 / unit.len()).into_bytes()
}

fn gate(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("rules");
    let engine = engine(&rules);
    let bytes = plain_js();
    let path = Path::new("plain.js");
    let mut worker = Worker::default();
    let mut group = c.benchmark_group("gate");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("non-candidate-256k-js", |b| {
        b.iter(|| {
            black_box(engine.check_bytes(path, path, Lang::JavaScript, black_box(&bytes), &mut worker))
        });
    });
    group.finish();
}

const CANDIDATES: &[(&str, Lang)] = &[
    ("ringcentral/php-password-login/positive.php", Lang::Php),
    ("ringcentral/js-password-login/positive.js", Lang::JavaScript),
    ("ringcentral/js-password-login/positive-typescript.ts", Lang::TypeScript),
    ("ringcentral/python-password-login/positive.py", Lang::Python),
    ("ringcentral/password-grant-request/positive.js", Lang::JavaScript),
];

fn parse(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("rules");
    let engine = engine(&rules);
    let mut worker = Worker::default();
    let mut group = c.benchmark_group("parse");
    for (rel, lang) in CANDIDATES {
        let (_, bytes) = fixture(rel);
        let text = String::from_utf8(bytes).expect("utf-8 fixture");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*rel, |b| {
            b.iter(|| black_box(engine.syntax_errors(*lang, black_box(&text), &mut worker)));
        });
    }
    group.finish();
}

fn scan(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("rules");
    let engine = engine(&rules);
    let mut worker = Worker::default();
    let mut group = c.benchmark_group("gate+parse+match");
    for (rel, lang) in CANDIDATES {
        let (path, bytes) = fixture(rel);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*rel, |b| {
            b.iter(|| black_box(engine.check_bytes(&path, &path, *lang, black_box(&bytes), &mut worker)));
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup/builtin-rules+engine", |b| {
        b.iter(|| {
            let rules = RuleSet::builtin().expect("rules");
            black_box(engine(&rules).rules().len())
        });
    });
}

/// What the first file of a language costs a fresh engine: preparing the language's patterns
/// (natively, or by compiling a tree-sitter query as before) plus one scan. This is the fixed
/// cost a pre-commit run pays per language.
fn first_file(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("rules");
    let mut group = c.benchmark_group("first-file");
    for (rel, lang) in CANDIDATES {
        let (path, bytes) = fixture(rel);
        for (name, form) in [("native", QueryForm::Native), ("tree-sitter", QueryForm::TreeSitter)] {
            group.bench_function(format!("{name}/{rel}"), |b| {
                b.iter(|| {
                    let engine = engine(&rules);
                    engine.compile_queries(*lang, form);
                    let mut worker = Worker::default();
                    black_box(engine.check_bytes(&path, &path, *lang, black_box(&bytes), &mut worker))
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, gate, parse, scan, startup, first_file);
criterion_main!(benches);

//! pwflow: a migration linter that finds OAuth 2.0 password-flow (ROPC) usage of RingCentral
//! SDKs and raw token requests, and shows the JWT rewrite and the authorization-code
//! alternative for each.
//!
//! Data flow: [`cli`] → [`app`] (rules, [`walk`], parallel [`engine`] per file: read, gate
//! ([`prefilter`]), parse, match with [`rules`] and [`checks`]) → [`report`].

pub mod app;
pub mod artefact;
pub mod audit;
pub mod baseline;
pub mod bounded;
pub mod checks;
pub mod cli;
pub mod config;
pub mod context;
pub mod embedded;
pub mod engine;
pub mod finding;
pub mod fix;
pub mod git;
pub mod lang;
pub mod lexer;
pub mod model;
pub mod pattern;
pub mod prefilter;
pub mod project;
pub mod query;
pub mod redact;
pub mod regexes;
pub mod report;
pub mod rewrite;
pub mod rules;
pub mod scan;
pub mod settings;
pub mod suppress;
pub mod syntax;
pub mod testing;
pub mod util;
pub mod walk;

//! Integration tests: one binary (ripgrep's layout), one module per concern.

mod action;
mod audit;
mod builds;
mod cli;
mod coffeescript;
mod device;
mod fixing;
mod fixtures;
mod formats;
mod gate;
mod hostile;
mod meta;
mod precommit;
mod provenance;
mod readme;
mod recall;
mod rewrites;
mod secrets;
mod user_rules;

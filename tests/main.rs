//! Integration tests: one binary (ripgrep's layout), one module per concern.

mod audit;
mod cli;
mod fixtures;
mod formats;
mod gate;
mod meta;
mod precommit;

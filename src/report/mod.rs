//! Renderers: the only code that formats output. Each takes plain data and returns text.

pub mod human;
pub mod json;
pub mod rules;
pub mod tree;

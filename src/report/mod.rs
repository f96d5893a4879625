//! Renderers: the only code that formats output. Each takes plain data and returns text.

pub mod ci;
pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod rules;
pub mod sarif;
pub mod tree;

//! Scans arbitrary bytes as JavaScript with every built-in rule: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pwflow::lang::Lang;

fuzz_target!(|data: &[u8]| pwflow_fuzz::scan(Lang::JavaScript, data));

//! Scans arbitrary bytes as TypeScript and as TSX with every built-in rule: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pwflow::lang::Lang;

fuzz_target!(|data: &[u8]| {
    pwflow_fuzz::scan(Lang::TypeScript, data);
    pwflow_fuzz::scan(Lang::Tsx, data);
});

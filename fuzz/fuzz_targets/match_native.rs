//! The native pattern matcher and tree-sitter's query cursor report the same matches of the
//! built-in patterns on arbitrary input in any language (the first byte picks it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((lang, rest)) = pwflow_fuzz::split_lang(data) {
        pwflow_fuzz::match_both(lang, rest);
    }
});

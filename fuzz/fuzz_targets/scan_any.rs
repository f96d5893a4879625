//! Scanning arbitrary bytes as any language (the first byte picks it), documents included
//! (Markdown fences, HTML scripts) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((lang, rest)) = pwflow_fuzz::split_lang(data) {
        pwflow_fuzz::scan(lang, rest);
    }
});

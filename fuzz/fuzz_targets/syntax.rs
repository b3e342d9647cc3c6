//! The string formats and the digits-regex dialect with the simulator's matcher: no panic, no
//! hang; the dialect agrees with the regex engines.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sma_tests::invariants::syntax(data));

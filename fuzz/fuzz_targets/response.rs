//! Reading and checking a response: no panic; an accepted response round-trips up to the
//! documented normalizations.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sma_tests::invariants::response(data));

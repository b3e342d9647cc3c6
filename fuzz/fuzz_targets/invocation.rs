//! Reading an invocation: no panic; a canonical form that reads back; `serialize(parse(x)) ==
//! normalize(x)`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sma_tests::invariants::invocation(data));

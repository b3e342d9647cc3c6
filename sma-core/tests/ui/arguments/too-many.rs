// The API takes at most 20 arguments: the 21st field is refused where it is declared.
use sma_core::arguments::CallArguments;

#[derive(serde::Serialize, CallArguments)]
struct Survey {
    q1: u8, q2: u8, q3: u8, q4: u8, q5: u8, q6: u8, q7: u8, q8: u8, q9: u8, q10: u8,
    q11: u8, q12: u8, q13: u8, q14: u8, q15: u8, q16: u8, q17: u8, q18: u8, q19: u8,
    #[serde(skip)]
    internal: u8,
    q20: u8,
    q21: u8,
}

fn main() {}

// Arguments are a map of names to values: a tuple struct has no names.
use sma_core::arguments::CallArguments;

#[derive(serde::Serialize, CallArguments)]
struct Pair(String, String);

fn main() {}

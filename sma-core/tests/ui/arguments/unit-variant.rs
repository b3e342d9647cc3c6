// A unit variant of an enum without `tag` is written as a bare string, which is not a map.
use sma_core::arguments::CallArguments;

#[derive(serde::Serialize, CallArguments)]
enum Update {
    Hangup,
    Transfer { to: String },
}

fn main() {}

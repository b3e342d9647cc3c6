use sma_core::prelude::*;

fn main() {
    // `crate = ..` comes first, as a string, then the literal.
    let _ = e164!(crate = sma_core, "+12065550100");
}

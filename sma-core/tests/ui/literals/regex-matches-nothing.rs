use sma_core::prelude::*;

fn main() {
    let _ = regex!("^$");
}

use sma_core::prelude::*;

fn main() {
    let _ = e164!(12065550100);
}

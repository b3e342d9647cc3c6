use sma_core::prelude::*;

fn main() {
    let _ = e164!("+1206555010012345");
}

use sma_core::prelude::*;

fn main() {
    let _ = regex!(r"^(?<=1)2$");
}

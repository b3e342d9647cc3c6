use sma_core::prelude::*;

fn main() {
    let _ = dtmf!("1234x#");
}

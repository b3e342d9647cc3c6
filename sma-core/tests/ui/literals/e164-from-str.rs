use sma_core::action::E164;

fn main() {
    let _unchecked = E164::from("2065550100");
}

use sma_core::action::DigitsRegex;

fn main() {
    let _unchecked = DigitsRegex::from("^[0-9]$");
}

use sma_core::action::DtmfString;

fn main() {
    let _unchecked = DtmfString::from("1234#");
}

//! Literals that compile, used where the builders take them.
use sma_core::action::{CallAndBridge, SendDigits};
use sma_core::prelude::*;

fn main() {
    let bridge = CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+442079460000"));
    let leg = sma_core::Leg::by_tag(ParticipantTag::LegA);
    let menu = leg
        .speak_and_get_digits("Enter your PIN", "Sorry")
        .input_regex(regex!(r"^\d{4}(?:#|\*)?$"))
        .terminators(keys!("#*"));
    let send = SendDigits::new(Target::call("call-1"), dtmf!(",,4711#ABCD"));
    let _ = (bridge, menu, send, regex!("[5-7]"), regex!(r"^\*\d{1}$"), regex!("[0-1]$"));
}

//! Whole calls through the simulator, against the same `App` the Lambda runs.

use sma_core::testing::Simulator;

const CALLER: &str = "+16505550177";
const NUMBER: &str = "+14155550123";

#[test]
fn one_hears_the_opening_hours() {
    let mut sim = Simulator::new(handlers::app());
    sim.inbound_call(CALLER, NUMBER);
    sim.assert_speaks("Thanks for calling").assert_speaks("Press 1");
    sim.press("1");
    sim.assert_speaks("nine to five");
    sim.assert_ended().assert_no_problems();
}

#[test]
fn the_caller_who_hangs_up_ends_the_call() {
    let mut sim = Simulator::new(handlers::app());
    sim.inbound_call(CALLER, NUMBER);
    sim.hangup(sma_core::ParticipantTag::LegA);
    sim.assert_ended().assert_no_problems();
}

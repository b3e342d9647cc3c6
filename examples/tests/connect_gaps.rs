//! The worked example of the Amazon Connect gap report: the IVR's routes, run through its
//! scenarios in the simulator, and what carries over. The report is checked in at
//! `examples/connect/ivr-gaps.md`; a change to the IVR or to the report's rules fails here
//! until it is regenerated with `SMA_BLESS=1 cargo test -p sma-examples --test connect_gaps`.

use sma_connect::gaps::GapReport;
use sma_core::ParticipantTag;
use sma_core::e164;
use sma_core::testing::Simulator;
use sma_examples::ivr::{self, Directory};

const CALLER: &str = "+16505550177";
const NUMBER: &str = "+14155550123";

/// The scenarios of `tests/ivr_flows.rs`, one per path of the IVR.
fn scenarios() -> Vec<(&'static str, Simulator)> {
    let call = || {
        let mut sim =
            Simulator::new(ivr::app(Directory { sales: e164!("+12065550100"), caller_id: None }));
        sim.inbound_call(CALLER, NUMBER);
        sim
    };
    let mut out = Vec::new();
    let mut sim = call();
    sim.press("2");
    out.push(("support", sim));
    let mut sim = call();
    sim.press("0").press("2");
    out.push(("menu again", sim));
    let mut sim = call();
    sim.press("1").bridge_answers().hangup(ParticipantTag::LegB);
    out.push(("sales leaves", sim));
    let mut sim = call();
    sim.press("1").bridge_answers().hangup(ParticipantTag::LegA);
    out.push(("caller leaves", sim));
    let mut sim = call();
    sim.press("1").bridge_not_answered();
    out.push(("sales does not answer", sim));
    let mut sim = call();
    sim.press("5").stay_silent().press("9");
    out.push(("no valid choice", sim));
    let mut sim = call();
    sim.press("1").bridge_answers();
    sim.update_call([("announce", "A supervisor will join this call in one minute.")]);
    sim.hangup(ParticipantTag::LegA);
    out.push(("announcement", sim));
    out
}

#[test]
fn the_ivr_gap_report_is_the_checked_in_one() {
    let router = ivr::router();
    let scenarios = scenarios();
    let mut report = GapReport::new(&router);
    for (name, sim) in &scenarios {
        sim.assert_no_problems();
        let exchanges = sim.exchanges().iter().map(|e| (&e.event[..], &e.response[..]));
        report.scenario(name, exchanges);
    }
    let found = report.to_markdown("ivr");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/connect/ivr-gaps.md");
    if std::env::var_os("SMA_BLESS").is_some() {
        std::fs::write(path, &found).expect("write the report");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        expected == found,
        "the IVR's gap report changed; regenerate it with \
         SMA_BLESS=1 cargo test -p sma-examples --test connect_gaps\n{found}"
    );
}

//! Routes written out as plain blocks: what `fixed_answer` accepts and refuses, on simulator
//! runs, and the flow it gives.

use sma_connect::flow::fixed::{Branch, NotFixed, fixed_answer};
use sma_connect::flow::{Variants, interpreter};
use sma_core::action::CallAndBridge;
use sma_core::prelude::*;
use sma_core::testing::Simulator;

#[on(NewInboundCall)]
async fn greet(call: Call) -> Actions {
    let caller = call.leg_a();
    let again = caller.from_number().is_some_and(|n| n.ends_with('7'));
    let text = if again { "Hello again." } else { "Hello." };
    let bridge = CallAndBridge::to_pstn(e164!("+14155550123"), e164!("+12065550100"));
    Actions::new().then(caller.speak(text)).then(bridge)
}

#[on(ActionFailed, action = CallAndBridge)]
async fn nobody(call: Call) -> Actions {
    Actions::new().then(call.leg_a().speak("Nobody is there.")).then(call.leg_a().hangup())
}

#[on(ActionSuccessful)]
async fn done(call: Call) -> Actions {
    call.leg_a().hangup().into()
}

fn runs(callers: &[&str]) -> Vec<Simulator> {
    callers
        .iter()
        .map(|caller| {
            let mut sim = Simulator::from_router(handlers![greet, nobody, done]);
            sim.inbound_call(caller, "+14155550123").bridge_not_answered();
            sim.assert_no_problems();
            sim
        })
        .collect()
}

fn answer(
    sims: &[Simulator],
    handler: &str,
) -> Result<sma_connect::flow::fixed::FixedAnswer, NotFixed> {
    let exchanges =
        sims.iter().flat_map(|s| s.exchanges()).map(|e| (&e.event[..], &e.response[..]));
    fixed_answer(&handlers![greet, nobody, done], handler, exchanges)
}

#[test]
fn a_transfer_failure_answered_the_same_each_time_becomes_plain_blocks() {
    let sims = runs(&["+16505550177", "+16505550100"]);
    let fixed = answer(&sims, "nobody").expect("fixed");
    assert_eq!(fixed.branch, Branch::TransferFailed);
    let mut variants = Variants::default();
    for sim in &sims {
        variants.scenario(sim.exchanges().iter().map(|e| (&e.event[..], &e.response[..])));
    }
    variants.fixed.push(fixed);
    let flow =
        interpreter("arn:aws:lambda:us-east-1:111122223333:function:f", &variants).to_string();
    let report = sma_connect::check(&flow);
    assert!(report.is_ok(), "{report:#?}");
    assert!(
        flow.contains(r#"{"ErrorType":"CallFailed","NextAction":"fixed-transfer-failed-1"}"#),
        "{flow}"
    );
    assert!(flow.contains("<speak>Nobody is there.</speak>"), "{flow}");
    assert!(!flow.contains("transfer-ConnectionTimeLimitExceeded"), "{flow}");
}

#[test]
fn what_the_scenarios_show_against_a_fixed_route_is_named() {
    let sims = runs(&["+16505550177", "+16505550100"]);
    // Two callers, two greetings: the answer depends on the call.
    assert!(
        matches!(answer(&sims, "greet"), Err(NotFixed::Differs(1, _))),
        "{:?}",
        answer(&sims, "greet")
    );
    // One caller: the same every time, but a transfer follows the prompt.
    let one = runs(&["+16505550177"]);
    assert_eq!(answer(&one, "greet"), Err(NotFixed::NotTerminal("CallAndBridge".into())));
    assert_eq!(answer(&one, "nobody_else"), Err(NotFixed::NoHandler));
    assert_eq!(answer(&[], "nobody"), Err(NotFixed::NoScenario));
    let mut spoke = Simulator::from_router(handlers![greet, nobody, done]);
    spoke.inbound_call("+16505550177", "+14155550123").bridge_answers();
    assert_eq!(answer(&[spoke], "done"), Err(NotFixed::NoBranch("ACTION_SUCCESSFUL".into())));
    assert_eq!(NotFixed::Differs(1, 4).to_string(), "exchanges 1 and 4 answer differently");
}

//! One argument type on both sides of a call: what the caller sends (the simulator takes the
//! same values `sma-client` sends) is what the handler reads, and a change to the type on one
//! side only is a failing test on the other.

use serde::{Deserialize, Serialize};
use sma_core::prelude::*;
use sma_core::testing::Simulator;

const NUMBER: &str = "+12065550100";
const CALLEE: &str = "+14155550199";

/// What the handler reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Reminder {
    appointment: String,
    minutes: u32,
}

#[on(NewOutboundCall)]
async fn placed(reminder: Arguments<Reminder>) -> Response {
    Response::empty().state(&reminder.0)
}

#[on(CallAnswered)]
async fn answered(call: Call, reminder: State<Reminder>) -> Actions {
    let callee = call.leg_a();
    let text = format!("{} in {} minutes", reminder.appointment, reminder.minutes);
    Actions::new().then(callee.speak(text)).then(callee.hangup())
}

fn sim() -> Simulator {
    Simulator::new(App::new(handlers![placed, answered]))
}

#[test]
fn the_value_sent_is_the_value_read() {
    let mut sim = sim();
    let reminder = Reminder { appointment: "A-17".into(), minutes: 15 };
    sim.outbound_call(NUMBER, CALLEE, &reminder).answer();
    sim.assert_speaks("A-17 in 15 minutes").assert_no_problems();
    assert_eq!(sim.state::<Reminder>().expect("kept").expect("a Reminder"), reminder);
}

/// The caller's side still sends the old shape of the type: a renamed field, a changed type.
#[test]
fn a_type_changed_on_one_side_fails_on_the_other() {
    #[derive(Serialize)]
    struct RenamedField {
        appointment: String,
        minutes_before: u32,
    }
    #[derive(Serialize)]
    struct ChangedType {
        appointment: String,
        minutes: &'static str,
    }
    type Send = Box<dyn Fn(&mut Simulator)>;
    let old_senders: [(&str, Send); 2] = [
        (
            "renamed",
            Box::new(|sim| {
                let old = RenamedField { appointment: "A-17".into(), minutes_before: 15 };
                sim.outbound_call(NUMBER, CALLEE, &old);
            }),
        ),
        (
            "retyped",
            Box::new(|sim| {
                let old = ChangedType { appointment: "A-17".into(), minutes: "soon" };
                sim.outbound_call(NUMBER, CALLEE, &old);
            }),
        ),
    ];
    for (case, send) in old_senders {
        let mut sim = sim();
        send(&mut sim);
        let problems = sim.problems().join("\n");
        assert!(problems.contains("Arguments"), "{case}: the handler's side fails:\n{problems}");
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            sim.assert_no_problems();
        }));
        assert!(checked.is_err(), "{case}: a test of the flow fails");
    }
}

#[test]
#[should_panic(
    expected = "CreateSipMediaApplicationCall would be refused: the arguments have 21 entries"
)]
fn arguments_the_api_refuses_fail_the_test_that_sends_them() {
    let too_many: std::collections::BTreeMap<String, u8> =
        (0..21).map(|i| (format!("k{i}"), i)).collect();
    sim().outbound_call(NUMBER, CALLEE, &too_many);
}

//! The simulator under both readings of each contradiction of the AWS sources.

mod support;

use sma_core::action::*;
use sma_core::prelude::*;
use sma_core::response::Limits;
use sma_core::testing::{
    AttributeUpdate, EmptyList, Entry, HangupData, ServiceReadings, Simulator, SuccessReporting,
};
use std::time::Duration;
use support::flows::*;

// --- contradictions: both readings ------------------------------------------------------------------

mod reporting {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn start(call: Call) -> Actions {
        let a = call.leg_a();
        Actions::new()
            .then(a.receive_digits(regex!("^1$"), Duration::from_secs(1), Duration::from_secs(5)))
            .then(a.speak("after the listener"))
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn success(call: Call) -> Actions {
        let _ = call;
        Actions::new()
    }

    #[on(DigitsReceived)]
    pub(crate) async fn one(call: Call) -> Actions {
        Actions::new().then(call.leg_a().speak("got one"))
    }
}

#[test]
fn success_is_reported_as_actions_finish_or_when_the_list_ends() {
    let router = || handlers![reporting::start, reporting::success, reporting::one];
    let mut workshop = Simulator::from_router(router());
    workshop.inbound_call(CALLER, NUMBER);
    let text = workshop.transcript().to_string();
    assert!(text.contains("ACTION_SUCCESSFUL (ReceiveDigits on LEG-A, digits \"\")"), "{text}");
    // [] under the workshop reading: the queued Speak still runs.
    assert!(text.contains("runs Speak on LEG-A \"after the listener\""), "{text}");

    let mut guide = Simulator::from_router(router());
    guide.readings(ServiceReadings {
        success: SuccessReporting::WhenListEnds,
        ..ServiceReadings::default()
    });
    guide.inbound_call(CALLER, NUMBER);
    let text = guide.transcript().to_string();
    assert!(!text.contains("ReceiveDigits on LEG-A, digits"), "{text}");
    assert!(text.contains("ACTION_SUCCESSFUL (Speak on LEG-A)"), "{text}");
}

#[test]
fn an_empty_list_keeps_or_stops_the_queue() {
    let router = || handlers![reporting::start, reporting::success, reporting::one];
    let mut stops = Simulator::from_router(router());
    stops.readings(ServiceReadings {
        empty_list: EmptyList::StopsRunning,
        ..ServiceReadings::default()
    });
    stops.inbound_call(CALLER, NUMBER);
    let text = stops.transcript().to_string();
    assert!(!text.contains("runs Speak on LEG-A \"after the listener\""), "{text}");
    let mut keeps = Simulator::from_router(router());
    keeps.inbound_call(CALLER, NUMBER);
    assert!(keeps.transcript().to_string().contains("runs Speak on LEG-A \"after the listener\""));
}

#[test]
fn the_listener_persists_or_fires_once() {
    let router = || handlers![reporting::start, reporting::success, reporting::one];
    let mut persists = Simulator::from_router(router());
    persists.inbound_call(CALLER, NUMBER).press("1").press("1");
    assert_eq!(events(&persists).iter().filter(|e| *e == "DIGITS_RECEIVED").count(), 2);
    let mut once = Simulator::from_router(router());
    once.readings(ServiceReadings { listener_persists: false, ..ServiceReadings::default() });
    once.inbound_call(CALLER, NUMBER).press("1").press("1");
    assert_eq!(events(&once).iter().filter(|e| *e == "DIGITS_RECEIVED").count(), 1);
    assert!(once.transcript().to_string().contains("discards 1: nothing is listening"));
}

mod attrs {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn first(call: Call) -> Response {
        Response::from(Actions::from(call.leg_a().receive_digits(
            regex!("^1$"),
            Duration::from_secs(1),
            Duration::from_secs(5),
        )))
        .with_attributes([("a".to_owned(), "1".to_owned())].into())
    }

    #[on(DigitsReceived)]
    pub(crate) async fn second() -> Response {
        // A map with other keys only (not built from the stored one): merge or replace?
        Response::keep_running().with_attributes([("b".to_owned(), "2".to_owned())].into())
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn ok() {}
}

#[test]
fn attributes_replace_or_merge() {
    let router = || handlers![attrs::first, attrs::second, attrs::ok];
    let mut replace = Simulator::from_router(router());
    replace.inbound_call(CALLER, NUMBER).press("1");
    assert_eq!(replace.attributes().map(|a| a.len()), Some(1));
    let mut merge = Simulator::from_router(router());
    merge.readings(ServiceReadings {
        attributes: AttributeUpdate::Merge,
        ..ServiceReadings::default()
    });
    merge.inbound_call(CALLER, NUMBER).press("1");
    assert_eq!(merge.attributes().map(|a| a.len()), Some(2));
}

mod last_action {
    use super::*;

    #[on(Hangup, leg = "LEG-B", action = CallAndBridge)]
    pub(crate) async fn named_by_last_action(call: Call) -> Actions {
        call.leg_a().speak("the bridge ended").into()
    }

    #[on(Hangup)]
    pub(crate) async fn any(call: Call) -> Actions {
        call.hang_up_all()
    }
}

#[test]
fn hangup_data_is_the_hangup_or_the_last_action_of_the_leg() {
    let router = || {
        handlers![
            bridge::forward,
            bridge::connected,
            last_action::named_by_last_action,
            last_action::any
        ]
    };
    let mut usual = Simulator::from_router(router());
    usual.inbound_call(CALLER, NUMBER).bridge_answers().hangup(ParticipantTag::LegB);
    usual.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    let mut case5 = Simulator::from_router(router());
    case5.readings(ServiceReadings {
        hangup_data: HangupData::LastActionOfLeg,
        ..ServiceReadings::default()
    });
    case5.inbound_call(CALLER, NUMBER).bridge_answers().hangup(ParticipantTag::LegB);
    case5.assert_speaks("the bridge ended");
}

#[test]
fn first_sequence_is_one_or_two() {
    let mut one = Simulator::new(ivr::app());
    one.inbound_call(CALLER, NUMBER);
    assert!(matches!(
        one.transcript().entries().iter().find(|e| matches!(e, Entry::Event(..))),
        Some(Entry::Event(1, _))
    ));
    let mut two = Simulator::new(ivr::app());
    two.readings(ServiceReadings { first_sequence: 2, ..ServiceReadings::default() });
    two.inbound_call(CALLER, NUMBER);
    assert!(matches!(
        two.transcript().entries().iter().find(|e| matches!(e, Entry::Event(..))),
        Some(Entry::Event(2, _))
    ));
}

mod eleven {
    use super::*;

    #[on(NewInboundCall)]
    pub(crate) async fn greet(call: Call) -> Response {
        let attrs = (0..11).map(|i| (format!("k{i}"), "v".to_owned())).collect();
        Response::from(Actions::from(call.leg_a().speak("hi"))).with_attributes(attrs)
    }

    #[on(InvalidLambdaResponse)]
    pub(crate) async fn invalid(call: Call, error: ActionError) -> Actions {
        let a = call.leg_a();
        Actions::new().then(a.speak(format!("invalid: {}", error.error_type()))).then(a.hangup())
    }

    #[on(ActionSuccessful)]
    pub(crate) async fn ok(call: Call) -> Actions {
        call.leg_a().hangup().into()
    }
}

#[test]
fn the_service_answers_an_invalid_response_with_invalid_lambda_response() {
    let router = || handlers![eleven::greet, eleven::invalid, eleven::ok];
    // Today's limits: 11 pairs are fine.
    let mut current = Simulator::from_router(router());
    current.inbound_call(CALLER, NUMBER);
    current.assert_ended().assert_no_problems();
    // The older limits (10 pairs): the service rejects the answer.
    let mut legacy = Simulator::from_router(router());
    legacy.readings(ServiceReadings { limits: Limits::LEGACY, ..ServiceReadings::default() });
    legacy.inbound_call(CALLER, NUMBER);
    assert_eq!(events(&legacy)[..2], ["NEW_INBOUND_CALL", "INVALID_LAMBDA_RESPONSE"]);
    legacy.assert_speaks("invalid: TransactionAttributesInvalidMapSize");
    legacy.assert_problem("rejects the answer to #1");
}

//! The closed sets of the contract, each in one table: the 11 event types and the 18 action
//! types, with what the rest of the framework needs to know about each.
//!
//! `sma-macros` checks routes against these tables at compile time; `sma-core` checks its own
//! model against them at compile time too (its event types, kind markers and action types must
//! list the same names in the same order, with the same flags), so an event or an action is
//! added here first and the compiler points at every place that must follow.
//!
//! ```
//! use sma_syntax::catalog::{ACTIONS, EVENTS, event};
//! assert_eq!((EVENTS.len(), ACTIONS.len()), (11, 18));
//! let update = event("CallUpdateRequested").unwrap();
//! assert!(update.leg_b_may_exist && !update.about_leg_b);
//! ```

/// One event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventSpec {
    /// The name in `#[on(..)]` and in `sma_core::kind`: `NewInboundCall`.
    pub name: &'static str,
    /// The wire value of `InvocationEventType`: `NEW_INBOUND_CALL`.
    pub wire: &'static str,
    /// `ActionData` echoes an action, so `action = ..` can filter it and `ActionResult<T>` exists.
    pub carries_action: bool,
    /// The invocation can be *about* LEG-B (its `ActionData` addresses LEG-B), so a route
    /// `leg = "LEG-B"` can match.
    pub about_leg_b: bool,
    /// The call can *have* a LEG-B when this event arrives (after a bridge or a meeting join),
    /// so the `LegB` extractor can succeed. CALL_UPDATE_REQUESTED and INVALID_LAMBDA_RESPONSE can
    /// arrive on a bridged call but are always about LEG-A.
    pub leg_b_may_exist: bool,
    /// The only action its `ActionData` can echo, when there is exactly one
    /// (DIGITS_RECEIVED: `ReceiveDigits`).
    pub only_action: Option<&'static str>,
}

const fn event_spec(
    name: &'static str,
    wire: &'static str,
    carries_action: bool,
    about_leg_b: bool,
    leg_b_may_exist: bool,
) -> EventSpec {
    EventSpec { name, wire, carries_action, about_leg_b, leg_b_may_exist, only_action: None }
}

/// The 11 event types, in the order of the developer guide.
pub const EVENTS: &[EventSpec] = &[
    event_spec("NewInboundCall", "NEW_INBOUND_CALL", false, false, false),
    event_spec("NewOutboundCall", "NEW_OUTBOUND_CALL", false, false, false),
    event_spec("Ringing", "RINGING", false, false, false),
    event_spec("CallAnswered", "CALL_ANSWERED", false, false, false),
    event_spec("ActionSuccessful", "ACTION_SUCCESSFUL", true, true, true),
    event_spec("ActionFailed", "ACTION_FAILED", true, true, true),
    event_spec("ActionInterrupted", "ACTION_INTERRUPTED", true, true, true),
    event_spec("Hangup", "HANGUP", true, true, true),
    EventSpec {
        only_action: Some("ReceiveDigits"),
        ..event_spec("DigitsReceived", "DIGITS_RECEIVED", true, true, true)
    },
    event_spec("CallUpdateRequested", "CALL_UPDATE_REQUESTED", false, false, true),
    event_spec("InvalidLambdaResponse", "INVALID_LAMBDA_RESPONSE", false, false, true),
];

/// One action type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionSpec {
    /// The `Type` string, which is also the name in `action = ..` and in `sma_core::action`.
    pub name: &'static str,
    /// Its ACTION_SUCCESSFUL carries `ReceivedDigits`.
    pub yields_digits: bool,
    /// `UpdateSipMediaApplicationCall` can interrupt it (ACTION_INTERRUPTED).
    pub interruptible: bool,
    /// The documents call its `CallId` parameter required.
    pub call_id_required: bool,
    /// It may act on LEG-A only.
    pub leg_a_only: bool,
}

const fn action_spec(name: &'static str) -> ActionSpec {
    ActionSpec {
        name,
        yields_digits: false,
        interruptible: false,
        call_id_required: false,
        leg_a_only: false,
    }
}

const fn digits(name: &'static str) -> ActionSpec {
    ActionSpec { yields_digits: true, ..action_spec(name) }
}

const fn interruptible(name: &'static str) -> ActionSpec {
    ActionSpec { interruptible: true, ..action_spec(name) }
}

const fn by_call_id(spec: ActionSpec) -> ActionSpec {
    ActionSpec { call_id_required: true, ..spec }
}

const fn leg_a_only(name: &'static str) -> ActionSpec {
    ActionSpec { leg_a_only: true, ..action_spec(name) }
}

/// The 18 action types, in the order of the developer guide.
pub const ACTIONS: &[ActionSpec] = &[
    action_spec("CallAndBridge"),
    action_spec("Hangup"),
    leg_a_only("JoinChimeMeeting"),
    action_spec("ModifyChimeMeetingAttendees"),
    interruptible("Pause"),
    interruptible("PlayAudio"),
    digits("PlayAudioAndGetDigits"),
    digits("ReceiveDigits"),
    interruptible("RecordAudio"),
    by_call_id(action_spec("SendDigits")),
    by_call_id(action_spec("Speak")),
    by_call_id(digits("SpeakAndGetDigits")),
    leg_a_only("StartBotConversation"),
    by_call_id(action_spec("StartCallRecording")),
    by_call_id(action_spec("StopCallRecording")),
    by_call_id(action_spec("PauseCallRecording")),
    by_call_id(action_spec("ResumeCallRecording")),
    by_call_id(action_spec("VoiceFocus")),
];

/// The event named `name` (as in `#[on(..)]`).
pub fn event(name: &str) -> Option<&'static EventSpec> {
    EVENTS.iter().find(|e| e.name == name)
}

/// The action named `name`.
pub fn action(name: &str) -> Option<&'static ActionSpec> {
    ACTIONS.iter().find(|a| a.name == name)
}

/// `a == b`, usable in `const` (for compile-time checks of the tables).
pub const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_wire_names_match() {
        for (i, e) in EVENTS.iter().enumerate() {
            assert!(EVENTS[i + 1..].iter().all(|o| o.name != e.name), "{}", e.name);
            let upper: String = e
                .name
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let sep = (i > 0 && c.is_ascii_uppercase()).then_some('_');
                    sep.into_iter().chain(std::iter::once(c.to_ascii_uppercase()))
                })
                .collect();
            assert_eq!(upper, e.wire);
        }
        for (i, a) in ACTIONS.iter().enumerate() {
            assert!(ACTIONS[i + 1..].iter().all(|o| o.name != a.name), "{}", a.name);
        }
    }

    #[test]
    fn flags_are_consistent() {
        for e in EVENTS {
            assert!(!e.about_leg_b || e.leg_b_may_exist, "{}: about LEG-B needs LEG-B", e.name);
            assert!(
                !e.about_leg_b || e.carries_action,
                "{}: the leg comes from ActionData",
                e.name
            );
            if let Some(only) = e.only_action {
                assert!(action(only).is_some_and(|a| a.yields_digits), "{}", e.name);
            }
        }
        assert!(same("Hangup", "Hangup") && !same("Hangup", "Hangu"));
    }
}

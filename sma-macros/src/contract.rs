//! The closed sets the macros check against. They mirror `sma_core`'s event kinds and actions;
//! sma-core's UI tests compile a handler for every entry, so a drift fails the build.

/// An event type as written in `#[on(..)]`.
pub(crate) struct EventInfo {
    pub(crate) name: &'static str,
    /// `ActionData` echoes an action, so `action = ..` can filter it.
    pub(crate) carries_action: bool,
    /// The event can be about LEG-B.
    pub(crate) may_be_leg_b: bool,
    /// The wire name, for messages.
    pub(crate) wire: &'static str,
}

const fn ev(
    name: &'static str,
    wire: &'static str,
    carries_action: bool,
    may_be_leg_b: bool,
) -> EventInfo {
    EventInfo { name, carries_action, may_be_leg_b, wire }
}

pub(crate) const EVENTS: &[EventInfo] = &[
    ev("NewInboundCall", "NEW_INBOUND_CALL", false, false),
    ev("NewOutboundCall", "NEW_OUTBOUND_CALL", false, false),
    ev("Ringing", "RINGING", false, false),
    ev("CallAnswered", "CALL_ANSWERED", false, false),
    ev("ActionSuccessful", "ACTION_SUCCESSFUL", true, true),
    ev("ActionFailed", "ACTION_FAILED", true, true),
    ev("ActionInterrupted", "ACTION_INTERRUPTED", true, true),
    ev("Hangup", "HANGUP", true, true),
    ev("DigitsReceived", "DIGITS_RECEIVED", true, true),
    ev("CallUpdateRequested", "CALL_UPDATE_REQUESTED", false, false),
    ev("InvalidLambdaResponse", "INVALID_LAMBDA_RESPONSE", false, false),
];

pub(crate) const ACTIONS: &[&str] = &[
    "CallAndBridge",
    "Hangup",
    "JoinChimeMeeting",
    "ModifyChimeMeetingAttendees",
    "Pause",
    "PlayAudio",
    "PlayAudioAndGetDigits",
    "ReceiveDigits",
    "RecordAudio",
    "SendDigits",
    "Speak",
    "SpeakAndGetDigits",
    "StartBotConversation",
    "StartCallRecording",
    "StopCallRecording",
    "PauseCallRecording",
    "ResumeCallRecording",
    "VoiceFocus",
];

pub(crate) fn event(name: &str) -> Option<&'static EventInfo> {
    EVENTS.iter().find(|e| e.name == name)
}

//! Call recording on demand: the caller is connected to an agent, and either can start, pause,
//! resume and stop the recording of the call with keys, as in the AWS sample
//! `amazon-chime-sma-on-demand-recording` (which drives the same actions from an API call).
//!
//! ```text
//! NEW_INBOUND_CALL        → notice, ReceiveDigits (*1–*4) on LEG-A, CallAndBridge to AGENT
//! DIGITS_RECEIVED *1      → StartCallRecording (both tracks) to RECORDINGS_BUCKET
//!                 *2 / *3 → PauseCallRecording / ResumeCallRecording
//!                 *4      → StopCallRecording (final: a leg is recorded once)
//! ACTION_FAILED(any)      → "Recording is not available" to the caller
//! HANGUP (either leg)     → Hangup of the leg still connected
//! ```

use sma_core::action::{CallAndBridge, E164, Track};
use sma_core::prelude::*;
use std::time::Duration;

/// Where calls go and where recordings are written.
#[derive(Debug, Clone)]
pub struct Desk {
    /// The agent's number.
    pub agent: E164,
    /// `bucket` or `bucket/prefix` of the recordings.
    pub recordings: String,
}

impl Desk {
    /// Reads `AGENT_NUMBER` (E.164) and `RECORDINGS_BUCKET`.
    pub fn from_env() -> Result<Self, String> {
        let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
        let agent = E164::parse(var("AGENT_NUMBER")?).map_err(|e| format!("AGENT_NUMBER: {e}"))?;
        Ok(Desk { agent, recordings: var("RECORDINGS_BUCKET")? })
    }
}

/// Connects the caller to the agent, listening for the recording keys.
#[on(NewInboundCall)]
pub async fn connect(call: Call, desk: Shared<Desk>) -> Actions {
    let caller = call.leg_a();
    let caller_id = caller.to_e164().unwrap_or_else(|| desk.agent.clone());
    let keys =
        caller.receive_digits(regex!(r"^\*[1-4]$"), Duration::from_secs(1), Duration::from_secs(5));
    Actions::new()
        .then(caller.speak("This call may be recorded. Press star 1 to record, star 2 to pause, star 3 to resume, star 4 to stop."))
        .then(keys)
        .then(CallAndBridge::to_pstn(caller_id, desk.agent.clone()).timeout(Duration::from_secs(30)))
}

/// A recording key.
#[on(DigitsReceived)]
pub async fn key(call: Call, digits: Digits, desk: Shared<Desk>) -> Option<Actions> {
    let caller = call.leg_a();
    let action: Actions = match digits.as_str() {
        "*1" => caller.start_recording(Track::Both, desk.recordings.clone()).into(),
        "*2" => caller.pause_recording().into(),
        "*3" => caller.resume_recording().into(),
        "*4" => caller.stop_recording().into(),
        _ => return None,
    };
    Some(action)
}

/// Where the recording will be written.
#[on(ActionSuccessful, action = StartCallRecording)]
pub async fn recording(result: ActionResult<sma_core::action::StartCallRecording>) -> Actions {
    let location =
        result.data.call_recording_destination.as_ref().and_then(|d| d.location.as_deref());
    tracing::info!(location, "call recording started");
    Actions::new()
}

/// A recording action failed (started twice, stopped when not running, no access to the
/// bucket): the caller hears it, the call goes on.
#[on(ActionFailed)]
pub async fn failed(call: Call, error: ActionError) -> Actions {
    tracing::warn!(error = %error.error_type().as_str(), "recording action failed");
    call.leg_a().speak("Recording is not available.").into()
}

/// Either side left: hang up the other.
#[on(Hangup)]
pub async fn left(call: Call) -> Actions {
    call.connected_legs().map(|leg| leg.hangup()).collect()
}

/// The function: its route table and settings.
pub fn app(desk: Desk) -> App {
    App::new(handlers![connect, key, recording, failed, left]).state(desk)
}

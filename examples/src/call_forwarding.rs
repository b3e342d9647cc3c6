//! Call forwarding, as the AWS sample `amazon-chime-sma-call-forwarding` runs it: every call to
//! the number is forwarded to another number, the caller hears a ringback while it rings, and
//! when nobody answers the caller can leave a message (or hears an apology).
//!
//! ```text
//! NEW_INBOUND_CALL            → CallAndBridge to FORWARD_TO, ringback, 30 s timeout
//! ACTION_FAILED(bridge)       → voicemail: greeting + RecordAudio to VOICEMAIL_BUCKET,
//!                               or, without a bucket, an apology + Hangup
//! ACTION_SUCCESSFUL(record)   → thanks + Hangup
//! HANGUP (either leg)         → Hangup of the leg still connected
//! ```

use sma_core::action::{CallAndBridge, DtmfKey, E164, RecordAudio};
use sma_core::prelude::*;
use std::time::Duration;

/// Where calls go, read once at start-up.
#[derive(Debug, Clone)]
pub struct Forwarding {
    /// The number calls are forwarded to.
    pub to: E164,
    /// Where messages are recorded when nobody answers; `None`: apologize and hang up.
    pub voicemail_bucket: Option<String>,
    /// The ringback the caller hears while the call rings.
    pub ringback: Option<AudioSource>,
}

impl Forwarding {
    /// Reads `FORWARD_TO` (E.164, required), `VOICEMAIL_BUCKET` and `RINGBACK_BUCKET`
    /// (`ringback.wav` in it).
    pub fn from_env() -> Result<Self, String> {
        let to = std::env::var("FORWARD_TO").map_err(|_| "FORWARD_TO is not set".to_owned())?;
        let to = E164::parse(to).map_err(|e| format!("FORWARD_TO: {e}"))?;
        Ok(Forwarding {
            to,
            voicemail_bucket: std::env::var("VOICEMAIL_BUCKET").ok(),
            ringback: std::env::var("RINGBACK_BUCKET")
                .ok()
                .map(|bucket| AudioSource::s3(bucket, "ringback.wav")),
        })
    }
}

/// Forwards the call. The caller id shown is the number the caller dialled (the account's).
#[on(NewInboundCall)]
pub async fn forward(call: Call, forwarding: Shared<Forwarding>) -> Actions {
    let caller_id = call.leg_a().to_e164().unwrap_or_else(|| forwarding.to.clone());
    let mut bridge =
        CallAndBridge::to_pstn(caller_id, forwarding.to.clone()).timeout(Duration::from_secs(30));
    if let Some(ringback) = &forwarding.ringback {
        bridge = bridge.ringback(ringback.clone());
    }
    Actions::from(bridge)
}

/// Nobody answered (or the call could not be placed): voicemail, or an apology.
#[on(ActionFailed, action = CallAndBridge)]
pub async fn not_answered(call: Call, forwarding: Shared<Forwarding>) -> Actions {
    let caller = call.leg_a();
    match &forwarding.voicemail_bucket {
        Some(bucket) => Actions::new()
            .then(caller.speak("Nobody can take your call. Please leave a message after the tone, and press pound when you are done."))
            .then(voicemail(&caller, bucket)),
        None => Actions::new()
            .then(caller.speak("Sorry, nobody can take your call right now. Please try again later."))
            .then(caller.hangup()),
    }
}

fn voicemail(caller: &Leg, bucket: &str) -> RecordAudio {
    caller
        .record(bucket)
        .prefix("voicemail")
        .max_duration(Duration::from_secs(120))
        .stop_on_silence(Duration::from_secs(5), 200)
        .terminators([DtmfKey::Pound])
}

/// The message is recorded.
#[on(ActionSuccessful, action = RecordAudio)]
pub async fn recorded(call: Call) -> Actions {
    let caller = call.leg_a();
    Actions::new().then(caller.speak("Thank you. Goodbye.")).then(caller.hangup())
}

/// Either side left: hang up the other, which is still connected (and billed).
#[on(Hangup)]
pub async fn left(call: Call) -> Actions {
    call.connected_legs().map(|leg| leg.hangup()).collect()
}

/// The function: its route table and settings.
pub fn app(forwarding: Forwarding) -> App {
    App::new(handlers![forward, not_answered, recorded, left]).state(forwarding)
}

//! A port of the PSTN audio workshop's `call-play-recording` function (AWS sample
//! `amazon-chime-sdk-pstn-audio-workshop`, `lambdas/call-play-recording`): it answers a call,
//! waits a second, plays a recording, and hangs up, keeping three transaction attributes.
//!
//! ```text
//! NEW_INBOUND_CALL → Pause 1 s, PlayAudio hello-goodbye.wav, Hangup (attributes key1–key3)
//! HANGUP           → nothing (the call is over)
//! ```
//!
//! The actions address the invoking leg, as the sample's do (no `CallId`). The log in
//! `examples/replay/call-play-recording.log` holds calls as the sample answered them;
//! `tests/play_recording_replay.rs` replays it against this port.

use sma_core::action::{Hangup, Pause, PlayAudio};
use sma_core::prelude::*;
use std::time::Duration;

/// Where the recording is: the bucket of the sample's stack.
#[derive(Debug, Clone)]
pub struct Recording {
    /// The S3 bucket of the WAV files.
    pub bucket: String,
}

impl Recording {
    /// Reads `WAVFILE_BUCKET` (default: the bucket name the sample's stack created).
    pub fn from_env() -> Self {
        let bucket = std::env::var("WAVFILE_BUCKET")
            .unwrap_or_else(|_| "callplayrecordingstack-wavfiles98e3397d-lia3614txjpq".into());
        Recording { bucket }
    }
}

/// Answers the call: a pause, the recording, the hang-up.
#[on(NewInboundCall)]
pub async fn answer(recording: Shared<Recording>) -> Response {
    let actions = Actions::new()
        .then(Pause::new(Duration::from_secs(1)))
        .then(
            PlayAudio::new(AudioSource::s3(recording.bucket.clone(), "hello-goodbye.wav"))
                .repeat(1),
        )
        .then(Hangup::new());
    let attributes = [("key1", "val1*"), ("key2", "val2*"), ("key3", "val3*")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
    Response::from(actions).with_attributes(attributes.into())
}

/// The caller hung up (or the Hangup ran): the service ignores any answer.
#[on(Hangup)]
pub async fn over() -> Actions {
    Actions::new()
}

/// The function: its route table and settings.
pub fn app(recording: Recording) -> App {
    App::new(handlers![answer, over]).state(recording)
}

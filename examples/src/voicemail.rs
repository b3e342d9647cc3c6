//! Voicemail: a greeting, the caller's message recorded to S3, and the recording's key read
//! back from the result and kept in the call's attributes (for a notification, a transcription,
//! a CRM record).
//!
//! ```text
//! NEW_INBOUND_CALL           → greeting + RecordAudio (max 2 min, # or 5 s of silence ends it)
//! ACTION_SUCCESSFUL(record)  → "Saved" + Hangup; attribute `message` = the object's key
//! ACTION_FAILED(record)      → apology + Hangup
//! ```

use serde::{Deserialize, Serialize};
use sma_core::action::{DtmfKey, RecordAudio};
use sma_core::attributes::to_attributes;
use sma_core::prelude::*;
use std::time::Duration;

/// Where messages go.
#[derive(Debug, Clone)]
pub struct Mailbox {
    /// The S3 bucket of the recordings.
    pub bucket: String,
}

impl Mailbox {
    /// Reads `VOICEMAIL_BUCKET` (required).
    pub fn from_env() -> Result<Self, String> {
        let bucket = std::env::var("VOICEMAIL_BUCKET")
            .map_err(|_| "VOICEMAIL_BUCKET is not set".to_owned())?;
        Ok(Mailbox { bucket })
    }
}

/// What the call keeps once the message is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// `s3://bucket/key` of the message.
    pub message: String,
}

/// Greets the caller and records the message.
#[on(NewInboundCall)]
pub async fn greet(call: Call, mailbox: Shared<Mailbox>) -> Actions {
    let caller = call.leg_a();
    let record = caller
        .record(mailbox.bucket.clone())
        .prefix("messages")
        .max_duration(Duration::from_secs(120))
        .stop_on_silence(Duration::from_secs(5), 200)
        .terminators([DtmfKey::Pound]);
    Actions::new()
        .then(caller.speak("You have reached Example Dental. Please leave a message after the tone, then press pound."))
        .then(record)
}

/// The message is in S3: its key comes back in the result.
#[on(ActionSuccessful, action = RecordAudio)]
pub async fn saved(call: Call, result: ActionResult<RecordAudio>) -> Response {
    let caller = call.leg_a();
    let destination = result.data.recording_destination.as_ref();
    let bucket = destination.and_then(|d| d.bucket_name.as_deref()).unwrap_or_default();
    let key = destination.and_then(|d| d.key.as_deref()).unwrap_or_default();
    tracing::info!(bucket, key, "voicemail saved");
    let saved = Saved { message: format!("s3://{bucket}/{key}") };
    let actions =
        Actions::new().then(caller.speak("Your message was saved. Goodbye.")).then(caller.hangup());
    match to_attributes(&saved) {
        Ok(attributes) => Response::from(actions).with_attributes(attributes),
        Err(_) => Response::from(actions),
    }
}

/// The recording failed (the bucket is not writable, for example).
#[on(ActionFailed, action = RecordAudio)]
pub async fn not_saved(call: Call, error: ActionError) -> Actions {
    tracing::error!(error = %error.error_type().as_str(), "voicemail not recorded");
    let caller = call.leg_a();
    Actions::new()
        .then(caller.speak("Sorry, your message could not be recorded. Please call again later."))
        .then(caller.hangup())
}

/// The function: its route table and settings.
pub fn app(mailbox: Mailbox) -> App {
    App::new(handlers![greet, saved, not_saved]).state(mailbox)
}

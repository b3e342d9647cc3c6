//! The names the interpreter flow and [`ConnectHost`](super::ConnectHost) share, written once:
//! the contact attributes that carry the call's state between two Lambda calls, the results the
//! flow reports, and the keys of the host's answer, which the flow reads under `$.External`.
//!
//! Each Lambda call: the flow invokes the host (attributes in `Details.ContactData.Attributes`);
//! the host answers a string map; the flow stores [`STATE`] from `$.External` into the contact
//! attributes, compares `$.External.sma_next` ([`NEXT`]) and runs that block; the block's
//! branches set [`RESULT`] (and [`DIGITS`] or [`ERROR`]) and invoke the host again.
//!
//! ```
//! use sma_connect::host::protocol;
//! assert!(protocol::STATE.contains(&protocol::QUEUE));
//! ```

/// What the block last run did: one of [`START`] (or absent), [`DONE`], [`KEYS`], [`NO_INPUT`],
/// [`FAILED`], [`HUNG_UP`].
pub const RESULT: &str = "sma_result";
/// The keys a caller entered, with [`RESULT`] = [`KEYS`].
pub const DIGITS: &str = "sma_digits";
/// The block's `ErrorType`, with [`RESULT`] = [`FAILED`].
pub const ERROR: &str = "sma_error";

/// The contact starts: the first call of the flow.
pub const START: &str = "start";
/// The block finished (a prompt played).
pub const DONE: &str = "done";
/// Input was entered ([`DIGITS`]).
pub const KEYS: &str = "keys";
/// No input before the block's time limit.
pub const NO_INPUT: &str = "no-input";
/// The block failed ([`ERROR`]).
pub const FAILED: &str = "failed";
/// The customer hung up (the disconnect flow's call).
pub const HUNG_UP: &str = "hung-up";

/// The block to run next: one of the `STEP_*` values, with a time limit where the block needs
/// a static one (`"GetKey 5"`: a one-key input that waits 5 s).
pub const NEXT: &str = "sma_next";
/// The prompt, as SSML.
pub const SSML: &str = "sma_ssml";
/// The audio to play, as an S3 URL.
pub const MEDIA: &str = "sma_media";
/// The number a transfer dials (E.164).
pub const TO: &str = "sma_to";
/// The caller id of a transfer.
pub const CALLER_ID: &str = "sma_caller_id";

/// The actions of the current list still to run (JSON).
pub const QUEUE: &str = "sma_queue";
/// The action being run (JSON).
pub const RUNNING: &str = "sma_running";
/// The transaction attributes the app stored (JSON).
pub const ATTRIBUTES: &str = "sma_attributes";
/// The sequence number of the last event sent to the app.
pub const SEQUENCE: &str = "sma_sequence";
/// The attempt of the running `SpeakAndGetDigits` (from 1).
pub const ATTEMPT: &str = "sma_attempt";
/// When the host first saw the contact (milliseconds since the epoch): the call's start time.
pub const STARTED: &str = "sma_started";
/// The state the flow copies from `$.External` into the contact attributes after each call.
pub const STATE: [&str; 6] = [QUEUE, RUNNING, ATTRIBUTES, SEQUENCE, ATTEMPT, STARTED];

/// Play [`SSML`].
pub const STEP_SAY: &str = "Say";
/// Play [`MEDIA`].
pub const STEP_PLAY: &str = "Play";
/// Collect one key after the [`SSML`] prompt; followed by the seconds to wait.
pub const STEP_GET_KEY: &str = "GetKey";
/// Collect several keys (stored input, `#` ends it) after the [`SSML`] prompt; followed by the
/// seconds to wait.
pub const STEP_GET_DIGITS: &str = "GetDigits";
/// Transfer to [`TO`]; followed by the seconds to ring.
pub const STEP_TRANSFER: &str = "Transfer";
/// Disconnect the customer.
pub const STEP_HANGUP: &str = "Hangup";
/// Nothing more to run (the answer to a hang-up).
pub const STEP_END: &str = "End";

/// The seconds the flow waits for each Lambda call (`InvocationTimeLimitSeconds`, Connect's
/// most); the host answers within them, giving the app's handlers what is left.
pub const INVOCATION_SECONDS: u64 = 8;

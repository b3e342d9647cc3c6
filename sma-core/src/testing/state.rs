//! The simulator's state, grouped by concern: the function under test, the call, the running
//! action list, the keys, what the test scripted, and what it can read back.

use super::readings::{MediaTiming, ServiceReadings};
use super::transcript::Transcript;
use crate::contract::action::{
    Action, ActionType, CallAndBridge, CallId, ParticipantTag, ReceiveDigits, TransactionId,
};
use crate::contract::attributes::TransactionAttributes;
use crate::contract::event::{ErrorType, IntentResult, Invocation, Participant};
use crate::contract::response::Envelope;
use crate::runtime::App;
use std::collections::VecDeque;

/// An action the service is executing that waits for something to happen. Times are the
/// simulator's clock, in epoch milliseconds.
#[derive(Debug, Clone)]
pub(super) enum Waiting {
    /// A `*GetDigits` action collecting digits.
    Digits(Collecting),
    /// LEG-B of a CallAndBridge is ringing; the service gives up at `gives_up_at`.
    Bridge { action: CallAndBridge, leg_b: CallId, gives_up_at: u64 },
    /// The outbound call is ringing.
    Outbound,
    /// Media playing (Speak, PlayAudio, Pause, RecordAudio, SendDigits): it ends at `ends_at`
    /// when its length is known, else (RecordAudio without a duration) when the caller ends it.
    Media { action: Action, ends_at: Option<u64> },
    /// A Lex bot talks with the caller until `ends_at` or until the test ends the
    /// conversation ([`Simulator::bot_finishes`]); `keys` is the DTMF input the caller is
    /// keying, `last_key` when the last key came.
    Bot { action: Action, keys: String, last_key: Option<u64>, ends_at: u64 },
}

/// One attempt of a `*GetDigits` action: the keys so far and when they came.
#[derive(Debug, Clone)]
pub(super) struct Collecting {
    pub(super) action: Action,
    pub(super) attempts_left: u32,
    pub(super) entered: String,
    pub(super) attempt_started: u64,
    pub(super) last_key: Option<u64>,
}

/// The function under test, served the way Lambda serves it: event bytes in, response bytes
/// out, through [`App::handle_slice`]'s path.
pub(super) struct Function {
    pub(super) app: App,
    /// The handlers' runtime, on virtual time.
    pub(super) runtime: tokio::runtime::Runtime,
    /// See [`Simulator::send_rejected_responses`].
    pub(super) deliver_rejected: bool,
}

/// The state of the call on the service's side.
pub(super) struct CallState {
    pub(super) transaction: TransactionId,
    pub(super) sequence: u64,
    pub(super) invocations: u32,
    pub(super) legs: Vec<Participant>,
    /// The call was created by `CreateSipMediaApplicationCall`.
    pub(super) outbound: bool,
    pub(super) attributes: Option<TransactionAttributes>,
    /// LEG-B is a meeting.
    pub(super) meeting: bool,
    pub(super) started: bool,
    pub(super) ended: bool,
    /// The simulator's clock, epoch milliseconds.
    pub(super) clock_ms: u64,
    /// Call recordings by leg: `true` once stopped (a leg is recorded at most once).
    pub(super) recordings: Vec<(CallId, bool)>,
    /// Meeting attendees muted by ModifyChimeMeetingAttendees.
    pub(super) muted: std::collections::BTreeSet<String>,
}

/// The action list the service is running.
#[derive(Default)]
pub(super) struct ActionList {
    pub(super) queue: VecDeque<Action>,
    pub(super) waiting: Option<Waiting>,
    /// Actions of a response the service runs although they break a parameter rule (see
    /// [`Simulator::send_rejected_responses`]), with the ACTION_FAILED each gets.
    pub(super) rejected: Vec<(Action, ErrorType, String)>,
    pub(super) last_action_on: Vec<(ParticipantTag, Action)>,
    /// `run` is on the stack: nested answers only replace the queue, the outer loop runs it.
    pub(super) running: bool,
    /// The `Sequence` of the CALL_UPDATE_REQUESTED whose answer is queued behind an action
    /// that cannot be interrupted.
    pub(super) update_queued: Option<u64>,
}

/// The ReceiveDigits listener and the keys it buffered.
#[derive(Default)]
pub(super) struct Keys {
    pub(super) listener: Option<ReceiveDigits>,
    pub(super) buffered: String,
    /// When the buffered digits are checked against the regex
    /// (`InBetweenDigitsDurationInMilliseconds` after the last key).
    pub(super) check_at: Option<u64>,
    /// When the buffered digits are discarded (`FlushDigitsDurationInMilliseconds` after the
    /// first key, restarted by each key).
    pub(super) flush_at: Option<u64>,
    /// Keys pressed during a prompt, kept for the next `*GetDigits` action
    /// ([`KeysDuringMedia::KeptForNextInput`]).
    pub(super) kept: String,
}

/// What the test set up ahead: readings, failures, bot results, media lengths.
pub(super) struct Script {
    pub(super) readings: ServiceReadings,
    /// See [`Simulator::hold_media`].
    pub(super) hold_media: bool,
    /// The next action (of this type, when given) fails with this error.
    pub(super) fail_next: Option<(Option<ActionType>, ErrorType, String)>,
    pub(super) bot_result: Option<IntentResult>,
    pub(super) media: MediaTiming,
}

/// What the test can read back: the transcript, the events and answers.
#[derive(Default)]
pub(super) struct Record {
    pub(super) transcript: Transcript,
    /// What the test made the parties do, in order.
    pub(super) steps: Vec<super::steps::Step>,
    /// Index into `answers` where the current test step started.
    pub(super) step_start: usize,
    pub(super) answers: Vec<Envelope>,
    /// For each answer, the leg of the event it answered (an action with no address acts on
    /// it).
    pub(super) answered_legs: Vec<Option<ParticipantTag>>,
    pub(super) last_invocation: Option<Invocation>,
    /// Every invocation sent, in order.
    pub(super) sent: Vec<Invocation>,
    /// The bytes of every exchange with the function: the event sent, the response received.
    pub(super) exchanges: Vec<Exchange>,
    /// The DTMF inputs bots received.
    pub(super) bot_inputs: Vec<String>,
}

/// One exchange with the function as bytes: what the service sent and what came back.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::prelude::*;
/// use sma_core::testing::Simulator;
///
/// #[on(NewInboundCall)]
/// async fn busy(call: Call) -> Actions {
///     call.leg_a().hangup().code(SipResponseCode::Busy).into()
/// }
///
/// let mut sim = Simulator::from_router(handlers![busy]);
/// sim.inbound_call("+14155550199", "+12065550100");
/// let first = &sim.exchanges()[0];
/// assert!(std::str::from_utf8(&first.event).unwrap().contains("NEW_INBOUND_CALL"));
/// assert!(std::str::from_utf8(&first.response).unwrap().contains("486"));
/// assert!(first.took < std::time::Duration::from_millis(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The invocation event, as the bytes the function received.
    pub event: Vec<u8>,
    /// The function's answer, as the bytes it returned.
    pub response: Vec<u8>,
    /// How long the function took to answer, on the simulator's clock: a handler's own waits
    /// (a `tokio::time::sleep`, a timer) count, the real CPU time does not.
    pub took: std::time::Duration,
}

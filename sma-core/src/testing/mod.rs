//! The call simulator: an in-process model of the PSTN Audio service's side of a call, so that a
//! whole call flow is a unit test. Enable the `testing` feature.
//!
//! A [`Simulator`] drives the same [`App`] (or `handlers![..]` table) the Lambda runs, through
//! real serialized invocation events: it numbers invocations, keeps the transaction id, the
//! participants and their status, stores and echoes transaction attributes, runs the returned
//! action lists in order the way the service does (spec §1b, §1c, §1e), and records everything
//! in a [`Transcript`]. Tests read like the call:
//!
//! ```
//! use sma_core::prelude::*;
//! use sma_core::testing::Simulator;
//!
//! #[on(NewInboundCall)]
//! async fn greet(call: Call) -> Actions {
//!     Actions::new().then(call.leg_a().speak_and_get_digits("Press 1 for sales.", "Sorry?").input_regex(regex!("^1$")))
//! }
//!
//! #[on(ActionSuccessful, action = SpeakAndGetDigits)]
//! async fn chosen(call: Call) -> Actions {
//!     Actions::new().then(call.leg_a().speak("Goodbye.")).then(call.leg_a().hangup())
//! }
//!
//! let mut call = Simulator::new(App::new(handlers![greet, chosen]));
//! call.inbound_call("+14155550199", "+12065550100");
//! call.assert_speaks("Press 1");
//! call.press("1");
//! call.assert_speaks("Goodbye");
//! call.assert_ended();
//! call.assert_no_problems();
//! println!("{}", call.transcript());
//! ```
//!
//! # Time
//!
//! The simulator has a clock (epoch milliseconds, [`Simulator::now_ms`]). Every timer the
//! service documents expires on [`Simulator::advance`]: a `*GetDigits` attempt nobody answers
//! (`RepeatDurationInMilliseconds`), the gap after the last key
//! (`InBetweenDigitsDurationInMilliseconds`), a CallAndBridge nobody answers
//! (`CallTimeoutSeconds`), the ReceiveDigits buffer (`FlushDigitsDurationInMilliseconds`), a held
//! Pause or RecordAudio reaching its length. Keys are events in time: [`Simulator::press`]
//! presses keys and waits for the input to end, [`Simulator::press_keys`] presses them and goes
//! on, so a test can pause between keys. The time a handler takes passes on the clock too
//! (its runtime's time is virtual: a handler that sleeps 7 s costs no real time, and is late).
//!
//! ```
//! use sma_core::prelude::*;
//! use sma_core::testing::Simulator;
//! use std::time::Duration;
//!
//! #[on(NewInboundCall)]
//! async fn menu(call: Call) -> Actions {
//!     let ask = call.leg_a().speak_and_get_digits("Press 1 for sales.", "Please choose.")
//!         .input_regex(regex!("^1$"))
//!         .attempts(2)
//!         .attempt_timeout(std::time::Duration::from_secs(5));
//!     Actions::from(ask)
//! }
//!
//! #[on(ActionSuccessful, action = SpeakAndGetDigits)]
//! async fn chosen(call: Call) -> Actions {
//!     Actions::new().then(call.leg_a().speak("Connecting you.")).then(call.leg_a().hangup())
//! }
//!
//! let mut sim = Simulator::from_router(handlers![menu, chosen]);
//! sim.inbound_call("+14155550199", "+12065550100");
//! sim.advance(Duration::from_secs(6)); // too long: the failure prompt, and a second attempt
//! sim.press("1");
//! sim.assert_speaks("Connecting you").assert_ended();
//! ```
//!
//! # Where the AWS sources disagree
//!
//! Each contradiction of the spec is a field of [`ServiceReadings`]; the simulator takes the
//! documented default and a test can choose the other reading: when ACTION_SUCCESSFUL is sent
//! ([`SuccessReporting`]), what `Actions: []` does ([`EmptyList`]), how returned attributes
//! combine ([`AttributeUpdate`]), what a HANGUP names ([`HangupData`]), whether a ReceiveDigits
//! listener stays armed, the first `Sequence`, the attribute limits, and how long the service
//! waits for the function ([`LambdaDeadline`]: 5 s then a retry, or 20 s).
//!
//! # Choices where the documents are silent
//!
//! Where the service's behaviour is not documented, the simulator makes a choice and names it
//! here; the ones a test may want to change are fields of [`ServiceReadings`].
//!
//! - **Invented error types** (selectable): the `ErrorType` of the ACTION_FAILED when a
//!   `*GetDigits` action runs out of attempts ([`ServiceReadings::digits_exhausted`],
//!   `NoValidDigits`), and of INVALID_LAMBDA_RESPONSE for a reason other than attributes or the
//!   schema version ([`ServiceReadings::invalid_response_error`], `InvalidResponse`).
//! - **A terminator alone** with `MinNumberOfDigits` 0 succeeds with `""`
//!   ([`ServiceReadings::empty_input`], selectable).
//! - **Digits timing**: an attempt fails when nothing is pressed within
//!   `RepeatDurationInMilliseconds` of its start; once a key is pressed, the input ends
//!   `InBetweenDigitsDurationInMilliseconds` after the last key (the documented default of that
//!   gap is the repeat duration). Keys pressed after an input ended go to whatever waits next
//!   (the next attempt, the ReceiveDigits listener, or nowhere). `ReceivedDigits` of a
//!   `*GetDigits` action leaves the terminator out.
//! - **ReceiveDigits** matches on every key (the buffer is checked as each key arrives) and
//!   discards the buffer `FlushDigitsDurationInMilliseconds` after the last key without a match.
//! - **Held media** ([`Simulator::hold_media`]): a PlayAudio, whose length the simulator cannot
//!   know, plays until the next [`Simulator::advance`]; a Pause lasts its duration; a RecordAudio
//!   lasts its `DurationInSeconds` (or until the next `advance` without one), and ends on silence
//!   after `SilenceDurationInSeconds` when the test calls [`Simulator::stay_silent`].
//! - **A call update**: the actions answered to CALL_UPDATE_REQUESTED interrupt held media, and
//!   the ACTION_INTERRUPTED is sent after that answer; an answer without `Actions` keeps
//!   everything running.
//! - **Recording keys**: RecordAudio's key is `<Prefix>/<TransactionId>.wav` (the format is not
//!   documented); a call recording's key follows the documented
//!   `<bucket>/Amazon-Chime-SMA-Call-Recordings/YYYY/MM/DD/YYYY-MM-DD-hh-mm-ss-SSS_<TransactionId>_<CallId>.wav`
//!   at the clock's time. Starting a second recording on a leg, or stopping, pausing or
//!   resuming one that is not running, fails with `InvalidActionParameter` (the rule is
//!   documented, its error type is not).
//! - **A late function** under [`LambdaDeadline::RetryAfter5s`]: the retry carries the same
//!   event (same `Sequence`); when it is late too, the call ends without a HANGUP event.
//! - **A response sent anyway** ([`Simulator::send_rejected_responses`]): an action that breaks a
//!   parameter rule fails when its turn comes, with `MissingRequiredActionParameter` for a
//!   missing or too long `Text` of Speak and SpeakAndGetDigits or a missing `Enable` of
//!   VoiceFocus (their pages) and `InvalidActionParameter` otherwise.
//! - **Identifiers**: the transaction id, call ids, account, region and SIP media application
//!   id are fixed stand-ins, and the clock starts at 2023-11-14T22:13:20Z.
mod bot;
mod caller;
mod clock;
mod digits;
mod execute;
mod inspect;
mod invoke;
mod matcher;
mod meeting;
mod readings;
mod recording;
pub mod replay;
mod service;
mod transcript;
mod trouble;

pub use bot::BotResult;
pub use matcher::DigitsMatcher;
pub use readings::{
    AttributeUpdate, EmptyInput, EmptyList, FailureShape, HangupData, KeysDuringMedia,
    LambdaDeadline, MediaTiming, RecordingSilence, ServiceReadings, SuccessReporting,
};
pub use transcript::{Entry, Transcript};

use crate::contract::action::{
    Action, ActionType, CallAndBridge, CallId, ParticipantTag, ReceiveDigits, TransactionId,
};
use crate::contract::attributes::TransactionAttributes;
use crate::contract::event::{ErrorType, IntentResult, Invocation, Participant};
use crate::contract::response::Envelope;
use crate::dispatch::router::Router;
use crate::runtime::App;
use std::collections::VecDeque;

/// An action the service is executing that waits for something to happen. Times are the
/// simulator's clock, in epoch milliseconds.
#[derive(Debug, Clone)]
enum Waiting {
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
struct Collecting {
    action: Action,
    attempts_left: u32,
    entered: String,
    attempt_started: u64,
    last_key: Option<u64>,
}

/// The function under test, served the way Lambda serves it: event bytes in, response bytes
/// out, through [`App::handle_slice`]'s path.
struct Function {
    app: App,
    /// The handlers' runtime, on virtual time.
    runtime: tokio::runtime::Runtime,
    /// See [`Simulator::send_rejected_responses`].
    deliver_rejected: bool,
}

/// The state of the call on the service's side.
struct CallState {
    transaction: TransactionId,
    sequence: u64,
    invocations: u32,
    legs: Vec<Participant>,
    /// The call was created by `CreateSipMediaApplicationCall`.
    outbound: bool,
    attributes: Option<TransactionAttributes>,
    /// LEG-B is a meeting.
    meeting: bool,
    started: bool,
    ended: bool,
    /// The simulator's clock, epoch milliseconds.
    clock_ms: u64,
    /// Call recordings by leg: `true` once stopped (a leg is recorded at most once).
    recordings: Vec<(CallId, bool)>,
    /// Meeting attendees muted by ModifyChimeMeetingAttendees.
    muted: std::collections::BTreeSet<String>,
}

/// The action list the service is running.
#[derive(Default)]
struct ActionList {
    queue: VecDeque<Action>,
    waiting: Option<Waiting>,
    /// Actions of a response the service runs although they break a parameter rule (see
    /// [`Simulator::send_rejected_responses`]), with the ACTION_FAILED each gets.
    rejected: Vec<(Action, ErrorType, String)>,
    last_action_on: Vec<(ParticipantTag, Action)>,
    /// `run` is on the stack: nested answers only replace the queue, the outer loop runs it.
    running: bool,
    /// The `Sequence` of the CALL_UPDATE_REQUESTED whose answer is queued behind an action
    /// that cannot be interrupted.
    update_queued: Option<u64>,
}

/// The ReceiveDigits listener and the keys it buffered.
#[derive(Default)]
struct Keys {
    listener: Option<ReceiveDigits>,
    buffered: String,
    /// When the buffered digits are checked against the regex
    /// (`InBetweenDigitsDurationInMilliseconds` after the last key).
    check_at: Option<u64>,
    /// When the buffered digits are discarded (`FlushDigitsDurationInMilliseconds` after the
    /// first key, restarted by each key).
    flush_at: Option<u64>,
    /// Keys pressed during a prompt, kept for the next `*GetDigits` action
    /// ([`KeysDuringMedia::KeptForNextInput`]).
    kept: String,
}

/// What the test set up ahead: readings, failures, bot results, media lengths.
struct Script {
    readings: ServiceReadings,
    /// See [`Simulator::hold_media`].
    hold_media: bool,
    /// The next action (of this type, when given) fails with this error.
    fail_next: Option<(Option<ActionType>, ErrorType, String)>,
    bot_result: Option<IntentResult>,
    media: MediaTiming,
}

/// What the test can read back: the transcript, the events and answers.
#[derive(Default)]
struct Record {
    transcript: Transcript,
    /// Index into `answers` where the current test step started.
    step_start: usize,
    answers: Vec<Envelope>,
    /// For each answer, the leg of the event it answered (an action with no address acts on
    /// it).
    answered_legs: Vec<Option<ParticipantTag>>,
    last_invocation: Option<Invocation>,
    /// Every invocation sent, in order.
    sent: Vec<Invocation>,
    /// The bytes of every exchange with the function: the event sent, the response received.
    exchanges: Vec<Exchange>,
    /// The DTMF inputs bots received.
    bot_inputs: Vec<String>,
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
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The invocation event, as the bytes the function received.
    pub event: Vec<u8>,
    /// The function's answer, as the bytes it returned.
    pub response: Vec<u8>,
}

/// One simulated call (one transaction), driving a handler through real invocation events.
///
/// See the [module documentation](self) for the readings, and
/// [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html)
/// for the events it sends.
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
/// sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::Busy).assert_ended();
/// ```
pub struct Simulator {
    function: Function,
    call: CallState,
    list: ActionList,
    keys: Keys,
    script: Script,
    record: Record,
}

const MAX_INVOCATIONS: u32 = 1000;

impl Simulator {
    /// A simulator serving `app`, with the default [`ServiceReadings`].
    pub fn new(app: App) -> Self {
        // Virtual time: a handler that sleeps 7 s takes no real time, and its 7 s are seen.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap_or_else(|e| panic!("the simulator needs a Tokio runtime: {e}"));
        Simulator {
            function: Function { app, runtime, deliver_rejected: false },
            call: CallState {
                transaction: TransactionId::from("00000000-0000-4000-8000-00000000ca11"),
                sequence: 0,
                invocations: 0,
                legs: Vec::new(),
                outbound: false,
                attributes: None,
                meeting: false,
                started: false,
                ended: false,
                clock_ms: 1_700_000_000_000,
                recordings: Vec::new(),
                muted: Default::default(),
            },
            list: ActionList::default(),
            keys: Keys::default(),
            script: Script {
                readings: ServiceReadings::default(),
                hold_media: false,
                fail_next: None,
                bot_result: None,
                media: MediaTiming::default(),
            },
            record: Record::default(),
        }
    }

    /// A simulator serving a route table with the default [`App`] settings.
    pub fn from_router(router: Router) -> Self {
        Simulator::new(App::new(router))
    }

    /// Takes other readings of the contradictions (see [`ServiceReadings`]).
    pub fn readings(&mut self, readings: ServiceReadings) -> &mut Self {
        self.script.readings = readings;
        self
    }

    /// How long media lasts (see [`MediaTiming`]: speech from its text, audio a set length).
    ///
    /// ```
    /// use sma_core::testing::{MediaTiming, Simulator};
    /// use std::time::Duration;
    /// let mut sim = Simulator::from_router(sma_core::handlers![]);
    /// sim.media_timing(MediaTiming { audio: Duration::from_secs(12), ..MediaTiming::default() });
    /// ```
    pub fn media_timing(&mut self, timing: MediaTiming) -> &mut Self {
        self.script.media = timing;
        self
    }

    /// Hands the clock to the test while media plays. Media always lasts its length (see
    /// [`MediaTiming`]); by default each step of the test lets the call play on until it waits
    /// for a party (keys, an answer, a bot), as a caller who listens. Held, media plays only
    /// while the test calls [`Simulator::advance`], so that a test can act during it: press a
    /// terminator, update the call, hang up.
    pub fn hold_media(&mut self) -> &mut Self {
        self.script.hold_media = true;
        self
    }

    /// Lets responses that break a parameter rule reach the service model, as they would
    /// without `sma`'s check: the service runs the list and answers the first action that
    /// breaks a rule with ACTION_FAILED (see [the choices](crate::testing#choices-where-the-documents-are-silent)),
    /// so handlers of those ACTION_FAILED events can be tested. Envelope-level problems (more
    /// than 10 actions, attributes over the limits) still get INVALID_LAMBDA_RESPONSE.
    /// In production `sma` rejects such a response before it is sent.
    pub fn send_rejected_responses(&mut self) -> &mut Self {
        self.function.app = self.function.app.clone().deliver_rejected();
        self.function.deliver_rejected = true;
        self
    }
}

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
//! # The same path as production
//!
//! The simulator hands the function each invocation as the JSON bytes the service sends, through
//! the entry the Lambda loop uses ([`App::handle_slice`]'s: read the bytes, route, check, write
//! the answer), and reads the answer back from the bytes the function returned, as the service
//! does. [`Simulator::exchanges`] keeps every exchange; a test in `sma-examples` sends them to
//! a deployed binary through the real `lambda_runtime` loop and gets the same bytes back.
//!
//! # Time
//!
//! The simulator has a clock (epoch milliseconds, [`Simulator::now_ms`]). Media takes time:
//! speech as long as its text takes to say, audio a set length per play, a Pause its duration,
//! SendDigits its tones ([`MediaTiming`], settable with [`Simulator::media_timing`]). Each step
//! of the test lets the call play on, as a caller who listens, until the call waits for a
//! party: keys, a callee's answer, a bot, the caller talking into a recording. With
//! [`Simulator::hold_media`] the test moves the clock itself, to act while media plays.
//!
//! Every timer the service documents expires on [`Simulator::advance`]: a `*GetDigits` attempt
//! nobody answers (`RepeatDurationInMilliseconds`, counted once the prompt has played), the gap
//! after the last key (`InBetweenDigitsDurationInMilliseconds`), a CallAndBridge nobody answers
//! (`CallTimeoutSeconds`), the ReceiveDigits check and flush, a recording's
//! `DurationInSeconds`, a bot's DTMF input (5 s). Keys are events in time:
//! [`Simulator::press`] presses keys and waits for the input to end, [`Simulator::press_keys`]
//! presses them and goes on, so a test can pause between keys. The time a handler takes passes
//! on the clock too (its runtime's time is virtual: a handler that sleeps 7 s costs no real
//! time, and is late).
//!
//! A step taken after the call ended (a key, a hang-up, an update, an answer) reaches nothing,
//! and is a problem ([`Simulator::problems`]): a test cannot pass by talking to a call that is
//! over.
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
//! sim.stay_silent(); // nothing pressed: the failure prompt, and a second attempt
//! sim.press("1");
//! sim.assert_speaks("Connecting you").assert_ended();
//! ```
//!
//! # Bots and meetings
//!
//! A StartBotConversation talks with the caller for [`MediaTiming::bot`], then ends with the
//! result scripted by [`Simulator::bot_returns`] (build it with [`BotResult`], which writes the
//! shape the service sends; `SessionId` is filled in with the caller's `CallId`). Without a
//! scripted result the bot waits for the test: [`Simulator::bot_finishes`] ends it with a
//! result, [`Simulator::hangup`] ends the call during it, and time passing past its length
//! ends it as a problem. Keys pressed meanwhile are the bot's DTMF input
//! ([`Simulator::bot_inputs`]): `#` ends an input, `*` cancels it, 5 s without a key end it.
//! The caller can hang up during the conversation. A bot that ends with no scripted result, or
//! with a result in another shape (Lex's own camelCase, say), is a problem.
//!
//! A JoinChimeMeeting succeeds at once and adds LEG-B, Outbound, `To: "SMA"`, `From` the
//! dialled number (use-cases page; case-5 shows the pair swapped); it fails with
//! `InvalidActionParameter` on a bridged call, on a blank `JoinToken`, or after
//! [`Simulator::meeting_rejects_join`]. [`Simulator::meeting_ends`] ends the meeting (HANGUP of
//! LEG-B, LEG-A still connected); the caller hanging up ends both legs in one HANGUP.
//! ModifyChimeMeetingAttendees succeeds only on a call in a meeting, and
//! [`Simulator::is_muted`] tells which attendees it left muted.
//!
//! # Where the AWS sources disagree
//!
//! Each contradiction of the spec is a field of [`ServiceReadings`]; the simulator takes the
//! documented default and a test can choose the other reading: when ACTION_SUCCESSFUL is sent
//! ([`SuccessReporting`]), what `Actions: []` does ([`EmptyList`]), how returned attributes
//! combine ([`AttributeUpdate`]), what a HANGUP names ([`HangupData`]), whether a ReceiveDigits
//! listener stays armed, the first `Sequence`, the attribute limits, how long the service
//! waits for the function ([`LambdaDeadline`]: 5 s then a retry, or 20 s), what silence does
//! to a RecordAudio without `SilenceDurationInSeconds` ([`RecordingSilence`]: off, or 200 s),
//! and the failure shape of JoinChimeMeeting and StartCallRecording ([`FailureShape`]:
//! `ErrorType`/`ErrorMessage`, or their pages' `Error: "Code: message"`).
//!
//! # Choices where the documents are silent
//!
//! Where the service's behaviour is not documented, the simulator makes a choice and names it
//! here; the ones a test may want to change are fields of [`ServiceReadings`].
//!
//! - **Invented error types** (selectable): the `ErrorType` of the ACTION_FAILED when a
//!   `*GetDigits` action runs out of attempts ([`ServiceReadings::digits_exhausted`],
//!   `NoValidDigits`), of INVALID_LAMBDA_RESPONSE for a reason other than attributes or the
//!   schema version ([`ServiceReadings::invalid_response_error`], `InvalidResponse`), and of a
//!   CallAndBridge whose callee is busy or rejects the call ([`ServiceReadings::bridge_rejected`],
//!   `CallNotAnswered` with the SIP code in the message; [`Simulator::bridge_busy`],
//!   [`Simulator::bridge_rejects`]).
//! - **A terminator alone** with `MinNumberOfDigits` 0 succeeds with `""`
//!   ([`ServiceReadings::empty_input`], selectable).
//! - **Digits timing**: an attempt fails when nothing is pressed within
//!   `RepeatDurationInMilliseconds` of the end of its prompt; keys pressed during the prompt
//!   count (barge-in); once a key is pressed, the input ends
//!   `InBetweenDigitsDurationInMilliseconds` after the last key (the documented default of that
//!   gap is the repeat duration). `ReceivedDigits` of a `*GetDigits` action leaves the
//!   terminator out.
//! - **Keys during a prompt that no key stops** (a Speak, a PlayAudio without that
//!   terminator, a Pause) with no ReceiveDigits armed are lost
//!   ([`ServiceReadings::keys_during_media`], selectable: kept for the next input).
//! - **ReceiveDigits** checks its buffer once `InBetweenDigitsDurationInMilliseconds` pass
//!   after a key (documented); a buffer that does not match stays until
//!   `FlushDigitsDurationInMilliseconds` pass after the last key, then is discarded (the page
//!   says "flushed and sent"; nothing is sent without a match).
//! - **Media lengths** ([`MediaTiming`]): the service's speaking rate and the length of an
//!   audio file are not known to the simulator; the defaults are stated there.
//! - **A call update**: the actions answered to CALL_UPDATE_REQUESTED interrupt an
//!   interruptible action (PlayAudio, RecordAudio, Pause), and the ACTION_INTERRUPTED is sent
//!   after that answer; an answer without `Actions` keeps everything running. Behind an action
//!   that cannot be interrupted (a Speak, a `*GetDigits`, a bot) the update's actions wait;
//!   when the answer to that action's own ACTION_SUCCESSFUL or ACTION_FAILED brings a new
//!   list, it replaces them before they ran (update-sip-call: a new list replaces what
//!   remains). The simulator shows that loss in the transcript and as a problem.
//! - **Late events**: [`Simulator::hangup_with_late_result`] delivers the running action's
//!   result after the party hung up (ACTION_SUCCESSFUL for media, ACTION_FAILED
//!   `SystemException` for the rest), then HANGUP, as real logs show;
//!   [`Simulator::answered_by_nobody`] sends CALL_ANSWERED for an outbound call nobody
//!   picked up, then HANGUP (a public bug report).
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
//!   id are fixed made-up values, and the clock starts at 2023-11-14T22:13:20Z.
mod bot;
mod caller;
mod clock;
mod digits;
mod execute;
mod inspect;
mod invoke;
mod meeting;
mod readings;
mod recording;
pub mod replay;
mod service;
mod state;
mod steps;
mod transcript;
mod trouble;

pub use crate::contract::digits_matcher::DigitsMatcher;
pub use bot::BotResult;
pub use readings::{
    AttributeUpdate, EmptyInput, EmptyList, FailureShape, HangupData, KeysDuringMedia,
    LambdaDeadline, MediaTiming, RecordingSilence, ServiceReadings, SuccessReporting,
};
pub use state::Exchange;
use state::{ActionList, CallState, Collecting, Function, Keys, Record, Script, Waiting};
pub use steps::Step;
pub use transcript::{Entry, Transcript};

use crate::contract::action::TransactionId;
use crate::dispatch::router::Router;
use crate::runtime::App;

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

    /// Takes other readings of the points where the AWS sources contradict each other or are
    /// silent (what a *reading* is: [`ServiceReadings`]).
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

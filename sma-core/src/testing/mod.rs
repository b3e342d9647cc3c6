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
//! # Where the AWS sources disagree
//!
//! Each contradiction of the spec is a field of [`ServiceReadings`]; the simulator takes the documented
//! default and a test can choose the other reading.
mod caller;
mod digits;
mod execute;
mod inspect;
mod matcher;
mod readings;
mod service;
mod transcript;

pub use matcher::DigitsMatcher;
pub use readings::{AttributeUpdate, EmptyList, HangupData, ServiceReadings, SuccessReporting};
pub use transcript::{Entry, Transcript};

use crate::contract::action::{
    Action, CallAndBridge, CallId, ParticipantTag, ReceiveDigits, TransactionId,
};
use crate::contract::attributes::TransactionAttributes;
use crate::contract::event::{ErrorType, IntentResult, Invocation, Participant};
use crate::contract::response::Envelope;
use crate::dispatch::router::Router;
use crate::runtime::App;
use std::collections::VecDeque;

/// An action the service is executing that waits for something to happen.
#[derive(Debug, Clone)]
enum Waiting {
    /// A `*GetDigits` action collecting digits.
    Digits { action: Action, attempts_left: u32 },
    /// LEG-B of a CallAndBridge is ringing.
    Bridge { action: CallAndBridge, leg_b: CallId },
    /// The outbound call is ringing.
    Outbound,
    /// An interruptible action still playing (with [`Simulator::hold_media`]).
    Media { action: Action },
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
    app: App,
    runtime: tokio::runtime::Runtime,
    readings: ServiceReadings,
    hold_media: bool,
    transcript: Transcript,
    // The call.
    transaction: TransactionId,
    sequence: u64,
    invocations: u32,
    legs: Vec<Participant>,
    outbound: bool,
    attributes: Option<TransactionAttributes>,
    queue: VecDeque<Action>,
    waiting: Option<Waiting>,
    listener: Option<ReceiveDigits>,
    buffered_digits: String,
    last_action_on: Vec<(ParticipantTag, Action)>,
    fail_next: Option<(ErrorType, String)>,
    bot_result: Option<IntentResult>,
    meeting: bool,
    /// `run` is on the stack: nested answers only replace the queue, the outer loop runs it.
    running: bool,
    started: bool,
    ended: bool,
    clock_ms: u64,
    /// Index into `answers` where the current test step started.
    step_start: usize,
    answers: Vec<Envelope>,
    last_invocation: Option<Invocation>,
}

const MAX_INVOCATIONS: u32 = 1000;

impl Simulator {
    /// A simulator serving `app`, with the default [`ServiceReadings`].
    pub fn new(app: App) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap_or_else(|e| panic!("the simulator needs a Tokio runtime: {e}"));
        Simulator {
            app,
            runtime,
            readings: ServiceReadings::default(),
            hold_media: false,
            transcript: Transcript::default(),
            transaction: TransactionId::from("00000000-0000-4000-8000-00000000ca11"),
            sequence: 0,
            invocations: 0,
            legs: Vec::new(),
            outbound: false,
            attributes: None,
            queue: VecDeque::new(),
            waiting: None,
            listener: None,
            buffered_digits: String::new(),
            last_action_on: Vec::new(),
            fail_next: None,
            bot_result: None,
            meeting: false,
            running: false,
            started: false,
            ended: false,
            clock_ms: 1_700_000_000_000,
            step_start: 0,
            answers: Vec::new(),
            last_invocation: None,
        }
    }

    /// A simulator serving a route table with the default [`App`] settings.
    pub fn from_router(router: Router) -> Self {
        Simulator::new(App::new(router))
    }

    /// Takes other readings of the contradictions (see [`ServiceReadings`]).
    pub fn readings(mut self, readings: ServiceReadings) -> Self {
        self.readings = readings;
        self
    }

    /// Makes interruptible actions (PlayAudio, RecordAudio, Pause) keep playing until
    /// [`Simulator::advance`] or an update interrupts them. By default they finish at once.
    pub fn hold_media(mut self) -> Self {
        self.hold_media = true;
        self
    }

    // --- the caller's side -----------------------------------------------------------------
}

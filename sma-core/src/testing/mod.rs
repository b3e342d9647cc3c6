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
//! Each contradiction of the spec is a field of [`Readings`]; the simulator takes the documented
//! default and a test can choose the other reading.

mod transcript;

pub use transcript::{Entry, Transcript};

use crate::action::*;
use crate::event::{
    ActionData, CallCreateRequest, CallDetails, CallUpdateRequest, Direction, ErrorType, EventType,
    IntentResult, Invocation, Participant, ParticipantStatus,
};
use crate::response::{Limits, Response, Rule, TransactionAttributes};
use crate::router::Router;
use crate::runtime::App;
use std::collections::VecDeque;
use std::time::Duration;
use transcript::{action_summary, event_summary, response_summary, tag_name};

/// When the service reports ACTION_SUCCESSFUL for a list of actions.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// assert_eq!(sma_core::testing::Readings::default().success, sma_core::testing::SuccessReporting::AsActionsFinish);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuccessReporting {
    /// AWS workshop (observed): actions that produce results (CallAndBridge, JoinChimeMeeting,
    /// ModifyChimeMeetingAttendees, the `*GetDigits` actions, RecordAudio, ReceiveDigits,
    /// StartBotConversation, StartCallRecording, and Hangup of a meeting leg) report as soon as
    /// they finish, even mid-list; the last action of a list reports when the list ends.
    AsActionsFinish,
    /// Developer guide (use-case-2): one ACTION_SUCCESSFUL once every action of the list
    /// succeeded, for the last action.
    WhenListEnds,
}

/// What an empty `Actions: []` does to the actions still queued.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// assert_eq!(sma_core::testing::Readings::default().empty_list, sma_core::testing::EmptyList::KeepsRemaining);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyList {
    /// AWS workshop (how-it-works, example 3): the remaining queued actions run.
    KeepsRemaining,
    /// Developer guide (use-cases): an empty set stops the running actions.
    StopsRunning,
}

/// How a stored attribute map and a returned map with other keys combine.
///
/// See [Using transaction attributes](https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html).
///
/// ```
/// assert_eq!(sma_core::testing::Readings::default().attributes, sma_core::testing::AttributeUpdate::Replace);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeUpdate {
    /// AWS workshop: the returned map replaces the stored one.
    Replace,
    /// Update page: new keys are added to the stored ones.
    Merge,
}

/// The `ActionData` of a HANGUP event.
///
/// See [Hangup](https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html).
///
/// ```
/// assert_eq!(sma_core::testing::Readings::default().hangup_data, sma_core::testing::HangupData::HangupAction);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HangupData {
    /// Most examples: `{"Type": "Hangup", "Parameters": {CallId, ParticipantTag, SipResponseCode}}`.
    HangupAction,
    /// Case-5 (bridged LEG-B): the last action run on that leg, with its `CallId` and tag.
    LastActionOfLeg,
}

/// The readings the simulator takes where the AWS sources contradict each other, plus the
/// service-side limits it enforces.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::testing::{EmptyList, Readings};
/// let r = Readings { empty_list: EmptyList::StopsRunning, ..Readings::default() };
/// assert_eq!(r.first_sequence, 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Readings {
    /// When ACTION_SUCCESSFUL is reported.
    pub success: SuccessReporting,
    /// What `Actions: []` does.
    pub empty_list: EmptyList,
    /// How returned attributes combine with stored ones.
    pub attributes: AttributeUpdate,
    /// What a HANGUP's `ActionData` names.
    pub hangup_data: HangupData,
    /// A ReceiveDigits listener stays armed after DIGITS_RECEIVED (samples disagree; the docs
    /// are silent). Default `true`.
    pub listener_persists: bool,
    /// The `Sequence` of the first invocation: 1 in real traffic, 2 in one doc example.
    pub first_sequence: u64,
    /// The limits the service applies (today's, or the pre-2022 attribute limits).
    pub limits: Limits,
    /// The `ErrorType` the simulator reports when a `*GetDigits` action runs out of attempts
    /// (the docs document the ACTION_FAILED but not its error type).
    pub digits_exhausted: ErrorType,
}

impl Default for Readings {
    fn default() -> Self {
        Readings {
            success: SuccessReporting::AsActionsFinish,
            empty_list: EmptyList::KeepsRemaining,
            attributes: AttributeUpdate::Replace,
            hangup_data: HangupData::HangupAction,
            listener_persists: true,
            first_sequence: 1,
            limits: Limits::CURRENT,
            digits_exhausted: ErrorType::Other("NoValidDigits".into()),
        }
    }
}

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
    readings: Readings,
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
    answers: Vec<Response>,
    last_invocation: Option<Invocation>,
}

const MAX_INVOCATIONS: u32 = 1000;

impl Simulator {
    /// A simulator serving `app`, with the default [`Readings`].
    pub fn new(app: App) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap_or_else(|e| panic!("the simulator needs a Tokio runtime: {e}"));
        Simulator {
            app,
            runtime,
            readings: Readings::default(),
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

    /// Takes other readings of the contradictions (see [`Readings`]).
    pub fn readings(mut self, readings: Readings) -> Self {
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

    /// A call arrives from `from` to `to`: NEW_INBOUND_CALL on LEG-A.
    pub fn inbound_call(&mut self, from: &str, to: &str) -> &mut Self {
        self.inbound_call_with_headers(from, to, SipHeaders::new())
    }

    /// An inbound call whose INVITE carries custom SIP headers.
    pub fn inbound_call_with_headers(
        &mut self,
        from: &str,
        to: &str,
        headers: SipHeaders,
    ) -> &mut Self {
        self.step(format!("dials {to} from {from}"));
        self.start_leg(
            ParticipantTag::LegA,
            "c0ffee00-0000-4000-8000-00000000000a",
            from,
            to,
            Direction::Inbound,
        );
        if !headers.is_empty() {
            self.legs[0].sip_headers = Some(headers);
        }
        let response = self.send(EventType::NewInboundCall, None, None);
        match &response.actions {
            Some(list) if !list.is_empty() => self.take_list(response),
            _ => {
                self.problem("NEW_INBOUND_CALL was answered without actions: the call is never answered; the caller hears ringing for 30 s, then the call ends".into());
                self.end_leg(&ParticipantTag::LegA, SipResponseCode::Unavailable, false);
            }
        }
        self.settle();
        self
    }

    /// `CreateSipMediaApplicationCall` from `from` to `to`, with `ArgumentsMap`:
    /// NEW_OUTBOUND_CALL (its actions are ignored, its attributes kept), then RINGING.
    pub fn outbound_call<K, V>(
        &mut self,
        from: &str,
        to: &str,
        arguments: impl IntoIterator<Item = (K, V)>,
    ) -> &mut Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        let arguments: std::collections::BTreeMap<String, String> =
            arguments.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        self.step(format!("CreateSipMediaApplicationCall from {from} to {to}"));
        self.outbound = true;
        self.start_leg(
            ParticipantTag::LegA,
            "c0ffee00-0000-4000-8000-00000000000a",
            from,
            to,
            Direction::Outbound,
        );
        let data = (!arguments.is_empty()).then(|| {
            ActionData::new(crate::event::ActionRef::CallCreateRequest(CallCreateRequest {
                arguments,
                extra: Default::default(),
            }))
        });
        let r = self.send(EventType::NewOutboundCall, data, None);
        self.ignored(&r, "NEW_OUTBOUND_CALL");
        let r = self.send(EventType::Ringing, None, None);
        self.ignored(&r, "RINGING");
        self.waiting = Some(Waiting::Outbound);
        self
    }

    /// The outbound callee answers: CALL_ANSWERED.
    pub fn answer(&mut self) -> &mut Self {
        self.step("the callee answers".into());
        if !matches!(self.waiting, Some(Waiting::Outbound)) {
            return self.misuse("answer() is for a ringing outbound call");
        }
        self.waiting = None;
        self.set_status(&ParticipantTag::LegA, ParticipantStatus::Connected);
        let r = self.send(EventType::CallAnswered, None, None);
        self.take_list(r);
        self.settle();
        self
    }

    /// The outbound callee does not answer: HANGUP of LEG-A with SIP 480.
    pub fn no_answer(&mut self) -> &mut Self {
        self.step("the callee does not answer".into());
        if !matches!(self.waiting, Some(Waiting::Outbound)) {
            return self.misuse("no_answer() is for a ringing outbound call");
        }
        self.waiting = None;
        self.end_leg(&ParticipantTag::LegA, SipResponseCode::Unavailable, true);
        self.settle();
        self
    }

    /// The caller presses `keys` (digits, `*`, `#`).
    pub fn press(&mut self, keys: &str) -> &mut Self {
        self.step(format!("presses {keys}"));
        match self.waiting.clone() {
            Some(Waiting::Digits { action, attempts_left }) => {
                self.digits_entered(action, attempts_left, Some(keys))
            }
            Some(Waiting::Media { action })
                if media_terminators(&action).iter().any(|t| keys.ends_with(t.as_str())) =>
            {
                self.service(format!("{} stopped by a terminator key", action.type_name()));
                self.waiting = None;
                self.finished(action, Results::default());
            }
            _ => self.listen(keys),
        }
        self.settle();
        self
    }

    /// The caller lets a `*GetDigits` attempt time out without pressing anything.
    pub fn stay_silent(&mut self) -> &mut Self {
        self.step("stays silent".into());
        match self.waiting.clone() {
            Some(Waiting::Digits { action, attempts_left }) => {
                self.digits_entered(action, attempts_left, None)
            }
            _ => self.service("nothing is waiting for digits".into()),
        }
        self.settle();
        self
    }

    /// LEG-B of the running CallAndBridge answers: ACTION_SUCCESSFUL with both legs connected.
    pub fn bridge_answers(&mut self) -> &mut Self {
        self.step("LEG-B answers".into());
        let Some(Waiting::Bridge { mut action, leg_b }) = self.waiting.clone() else {
            return self.misuse("bridge_answers() needs a CallAndBridge in progress");
        };
        self.waiting = None;
        self.set_status(&ParticipantTag::LegB, ParticipantStatus::Connected);
        let _ = leg_b;
        action.call_id = self.leg(&ParticipantTag::LegA).map(|p| p.call_id.clone());
        self.finished(
            Action::CallAndBridge(action),
            Results { force_report: true, ..Results::default() },
        );
        self.settle();
        self
    }

    /// LEG-B of the running CallAndBridge does not answer in time: ACTION_FAILED
    /// `CallNotAnswered`, LEG-A still connected.
    pub fn bridge_not_answered(&mut self) -> &mut Self {
        self.step("LEG-B does not answer".into());
        let Some(Waiting::Bridge { action, leg_b }) = self.waiting.clone() else {
            return self.misuse("bridge_not_answered() needs a CallAndBridge in progress");
        };
        self.waiting = None;
        self.legs.retain(|p| p.call_id != leg_b);
        self.failed(
            Action::CallAndBridge(action),
            ErrorType::CallNotAnswered,
            "Call not answered".into(),
        );
        self.settle();
        self
    }

    /// A party hangs up `leg`: HANGUP for that leg.
    pub fn hangup(&mut self, leg: ParticipantTag) -> &mut Self {
        self.step(format!("{} hangs up", tag_name(&leg)));
        if self.leg(&leg).is_none_or(Participant::is_disconnected) {
            return self.misuse("that leg is not connected");
        }
        if let Some(Waiting::Bridge { .. }) = &self.waiting {
            if leg == ParticipantTag::LegA {
                self.legs.retain(|p| p.participant_tag != ParticipantTag::LegB);
            }
        }
        self.waiting = None;
        self.queue.clear();
        self.end_leg(&leg, SipResponseCode::NormalClearing, true);
        self.settle();
        self
    }

    /// The next action the service runs fails with this error: ACTION_FAILED, and the rest of
    /// its list is dropped.
    pub fn fail_next(&mut self, error: ErrorType, message: &str) -> &mut Self {
        self.fail_next = Some((error, message.to_owned()));
        self
    }

    /// The Lex result the next StartBotConversation ends with.
    pub fn bot_returns(&mut self, result: IntentResult) -> &mut Self {
        self.bot_result = Some(result);
        self
    }

    /// `UpdateSipMediaApplicationCall` with `arguments`: an interruptible action still playing
    /// is stopped (ACTION_INTERRUPTED, answer ignored), then CALL_UPDATE_REQUESTED.
    pub fn update_call<K, V>(&mut self, arguments: impl IntoIterator<Item = (K, V)>) -> &mut Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        let arguments: std::collections::BTreeMap<String, String> =
            arguments.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        self.step(format!("UpdateSipMediaApplicationCall {arguments:?}"));
        if let Some(Waiting::Media { action }) = self.waiting.clone() {
            self.waiting = None;
            let r = self.send(EventType::ActionInterrupted, Some(ActionData::new(action)), None);
            self.ignored(&r, "ACTION_INTERRUPTED");
            // The rest of the old list never runs.
            self.queue.clear();
        }
        let data = ActionData::new(crate::event::ActionRef::CallUpdateRequest(CallUpdateRequest {
            arguments,
            extra: Default::default(),
        }));
        let r = self.send(EventType::CallUpdateRequested, Some(data), None);
        self.take_list(r);
        self.settle();
        self
    }

    /// Time passes: an action held by [`Simulator::hold_media`] finishes.
    pub fn advance(&mut self, by: Duration) -> &mut Self {
        self.step(format!("{} ms pass", by.as_millis()));
        self.clock_ms += u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        if let Some(Waiting::Media { action }) = self.waiting.clone() {
            self.waiting = None;
            self.finished(action, Results::default());
        }
        self.settle();
        self
    }

    // --- what the test can inspect -----------------------------------------------------------

    /// The call so far.
    pub fn transcript(&self) -> &Transcript {
        &self.transcript
    }

    /// Every problem found: responses the service would reject, handler failures, and calls
    /// left in a bad state (a connected caller with nothing running).
    pub fn problems(&self) -> Vec<String> {
        self.transcript.problems().map(str::to_owned).collect()
    }

    /// The responses since the last step of the test.
    pub fn answers(&self) -> &[Response] {
        &self.answers[self.step_start.min(self.answers.len())..]
    }

    /// The actions answered since the last step of the test, in order.
    pub fn actions(&self) -> Vec<&Action> {
        self.answers().iter().flat_map(|r| r.actions.iter().flatten()).collect()
    }

    /// The transaction attributes the service stores now.
    pub fn attributes(&self) -> Option<&TransactionAttributes> {
        self.attributes.as_ref()
    }

    /// The status of a leg (`None`: the leg does not exist, or has no status yet).
    pub fn status(&self, leg: &ParticipantTag) -> Option<ParticipantStatus> {
        self.leg(leg).and_then(|p| p.status.clone())
    }

    /// Every leg has hung up.
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// The invocations sent so far.
    pub fn invocations(&self) -> u32 {
        self.invocations
    }

    fn fail(&self, what: &str) -> ! {
        panic!("{what}\n\nthe call so far:\n{}", self.transcript)
    }

    /// Asserts that an action answered since the last step speaks text containing `text`.
    #[track_caller]
    pub fn assert_speaks(&self, text: &str) -> &Self {
        let spoken = self.actions().into_iter().any(|a| match a {
            Action::Speak(s) => s.text.as_deref().is_some_and(|t| t.contains(text)),
            Action::SpeakAndGetDigits(s) => {
                [&s.speech_parameters, &s.failure_speech_parameters].iter().any(|p| {
                    p.as_ref().and_then(|p| p.text.as_deref()).is_some_and(|t| t.contains(text))
                })
            }
            _ => false,
        });
        if !spoken {
            self.fail(&format!(
                "expected the handler to speak text containing {text:?} since the last step"
            ));
        }
        self
    }

    /// Asserts that an action answered since the last step hangs up `leg` with `code`.
    #[track_caller]
    pub fn assert_hangs_up(&self, leg: ParticipantTag, code: SipResponseCode) -> &Self {
        let id = self.leg(&leg).map(|p| p.call_id.clone());
        let found = self.actions().into_iter().any(|a| match a {
            Action::Hangup(h) => {
                h.sip_response_code.unwrap_or(SipResponseCode::NormalClearing) == code
                    && (h.target.call_id == id && id.is_some()
                        || h.target.call_id.is_none()
                            && h.target.participant_tag == Some(leg.clone()))
            }
            _ => false,
        });
        if !found {
            self.fail(&format!(
                "expected the handler to hang up {leg} with SIP {code} since the last step"
            ));
        }
        self
    }

    /// Asserts that an action answered since the last step bridges to `number`.
    #[track_caller]
    pub fn assert_bridges_to(&self, number: &str) -> &Self {
        let found = self.actions().into_iter().any(|a| match a {
            Action::CallAndBridge(b) => {
                b.endpoints.iter().flatten().any(|e| e.uri.as_deref() == Some(number))
            }
            _ => false,
        });
        if !found {
            self.fail(&format!("expected the handler to bridge to {number} since the last step"));
        }
        self
    }

    /// Asserts that every leg has hung up.
    #[track_caller]
    pub fn assert_ended(&self) -> &Self {
        if !self.ended {
            self.fail("expected the call to have ended");
        }
        self
    }

    /// Asserts that the simulator found no problem.
    #[track_caller]
    pub fn assert_no_problems(&self) -> &Self {
        let problems = self.problems();
        if !problems.is_empty() {
            self.fail(&format!("expected no problems, found:\n- {}", problems.join("\n- ")));
        }
        self
    }

    /// Asserts that the simulator found a problem containing `text`.
    #[track_caller]
    pub fn assert_problem(&self, text: &str) -> &Self {
        if !self.problems().iter().any(|p| p.contains(text)) {
            self.fail(&format!("expected a problem containing {text:?}"));
        }
        self
    }

    // --- the service ---------------------------------------------------------------------------

    fn step(&mut self, what: String) {
        self.step_start = self.answers.len();
        self.transcript.push(Entry::Caller(what));
    }

    fn service(&mut self, what: String) {
        self.transcript.push(Entry::Service(what));
    }

    fn problem(&mut self, what: String) {
        self.transcript.push(Entry::Problem(what));
    }

    fn misuse(&mut self, what: &str) -> &mut Self {
        self.fail(&format!("the test cannot do that now: {what}"))
    }

    fn start_leg(
        &mut self,
        tag: ParticipantTag,
        id: &str,
        from: &str,
        to: &str,
        direction: Direction,
    ) {
        if self.started {
            self.fail("this simulator already has a call; start a new Simulator for another call");
        }
        self.started = true;
        self.legs.push(Participant {
            call_id: CallId::from(id),
            participant_tag: tag,
            to: to.to_owned(),
            from: from.to_owned(),
            direction,
            start_time_in_milliseconds: self.clock_ms.to_string(),
            status: None,
            sip_headers: None,
            extra: Default::default(),
        });
    }

    fn leg(&self, tag: &ParticipantTag) -> Option<&Participant> {
        self.legs.iter().find(|p| &p.participant_tag == tag)
    }

    fn set_status(&mut self, tag: &ParticipantTag, status: ParticipantStatus) {
        if let Some(p) = self.legs.iter_mut().find(|p| &p.participant_tag == tag) {
            p.status = Some(status);
        }
    }

    fn connected(&self) -> impl Iterator<Item = &Participant> {
        self.legs.iter().filter(|p| !p.is_disconnected())
    }

    /// Builds the invocation, sends it as JSON through the app, checks and records the answer.
    fn send(
        &mut self,
        kind: EventType,
        data: Option<ActionData>,
        error: Option<(ErrorType, String)>,
    ) -> Response {
        if self.invocations >= MAX_INVOCATIONS {
            self.problem(format!(
                "more than {MAX_INVOCATIONS} invocations: the service ends the call"
            ));
            self.ended = true;
            return Response::empty();
        }
        self.invocations += 1;
        self.sequence =
            if self.sequence == 0 { self.readings.first_sequence } else { self.sequence + 1 };
        // A new call has no status on its first events.
        let legs = self.legs.clone();
        let invocation = Invocation {
            schema_version: "1.0".into(),
            sequence: self.sequence,
            event_type: kind,
            action_data: data,
            call_details: CallDetails {
                transaction_id: self.transaction.clone(),
                transaction_attributes: self.attributes.clone(),
                aws_account_id: "111122223333".into(),
                aws_region: "us-east-1".into(),
                sip_media_application_id: "5a1e5a1e-0000-4000-8000-000000000001".into(),
                sip_rule_id: (!self.outbound)
                    .then(|| "5a1e5a1e-0000-4000-8000-000000000002".into()),
                participants: legs,
                extra: Default::default(),
            },
            error_type: error.as_ref().map(|e| e.0.clone()),
            error_message: error.map(|e| e.1),
            extra: Default::default(),
        };
        let json = serde_json::to_value(&invocation)
            .unwrap_or_else(|e| self.fail(&format!("cannot serialize the event: {e}")));
        self.transcript.push(Entry::Event(self.sequence, event_summary(&invocation)));
        let report =
            self.runtime.block_on(self.app.handle_report(json, lambda_runtime::Context::default()));
        let mut response = report.response;
        self.transcript
            .push(Entry::Answer(report.handler, response_summary(&response, &invocation)));
        if let Some(error) = report.error {
            self.problem(format!(
                "the handler's answer to #{} was replaced by the failure policy: {error}",
                self.sequence
            ));
        }
        self.answers.push(response.clone());
        self.last_invocation = Some(invocation.clone());
        // The service's own check, with its limits and readings.
        if let Err(violations) = response.validate(&self.readings.limits, Some(&invocation)) {
            let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
            self.problem(format!(
                "the service rejects the answer to #{}: {}",
                self.sequence,
                text.join("; ")
            ));
            let error_type = if violations.iter().any(|v| {
                matches!(
                    v.rule,
                    Rule::AttributePairs | Rule::AttributeSize | Rule::AttributeEntryLength
                )
            }) {
                ErrorType::TransactionAttributesInvalidMapSize
            } else {
                ErrorType::Other("InvalidResponse".into())
            };
            let message = text.join("; ");
            response =
                self.send(EventType::InvalidLambdaResponse, None, Some((error_type, message)));
            return response;
        }
        self.store_attributes(&response);
        response
    }

    fn store_attributes(&mut self, response: &Response) {
        let Some(map) = &response.transaction_attributes else { return };
        let stored = match (self.readings.attributes, self.attributes.take()) {
            (AttributeUpdate::Merge, Some(mut old)) if !map.is_empty() => {
                old.extend(map.clone());
                old
            }
            _ => map.clone(),
        };
        self.attributes = (!stored.is_empty()).then_some(stored);
    }

    fn ignored(&mut self, r: &Response, event: &str) {
        if r.actions.as_ref().is_some_and(|a| !a.is_empty()) {
            self.service(format!("ignores the actions answered to {event}"));
        }
    }

    /// A new list from a response: replaces what is queued (see [`EmptyList`]).
    fn take_list(&mut self, r: Response) {
        match r.actions {
            None => {}
            Some(list)
                if list.is_empty() && self.readings.empty_list == EmptyList::StopsRunning =>
            {
                self.queue.clear();
                if let Some(Waiting::Media { .. }) = self.waiting {
                    self.waiting = None;
                }
            }
            Some(list) if list.is_empty() => {}
            Some(list) => self.queue = list.into(),
        }
        self.run();
    }

    /// Runs queued actions until one waits, the list ends, or the call ends.
    fn run(&mut self) {
        if self.running {
            return;
        }
        self.running = true;
        while !self.ended && self.waiting.is_none() {
            let Some(action) = self.queue.pop_front() else { break };
            self.service(format!("runs {}", self.summary(&action)));
            if let Some(tag) = self.target(&action) {
                self.last_action_on.retain(|(t, _)| t != &tag);
                self.last_action_on.push((tag, action.clone()));
            }
            if let Some((error, message)) = self.fail_next.take() {
                self.failed(action, error, message);
                continue;
            }
            // The first media action answers a new inbound call; a Hangup rejects it instead.
            if !matches!(action, Action::Hangup(_)) {
                if let Some(a) = self
                    .legs
                    .iter_mut()
                    .find(|p| p.participant_tag == ParticipantTag::LegA && p.status.is_none())
                {
                    a.status = Some(ParticipantStatus::Connected);
                }
            }
            self.execute(action);
        }
        self.running = false;
    }

    fn summary(&self, action: &Action) -> String {
        match &self.last_invocation {
            Some(inv) => action_summary(action, inv),
            None => action.type_name().to_owned(),
        }
    }

    /// The leg an action acts on: its address, or the leg of the last event.
    fn target(&self, action: &Action) -> Option<ParticipantTag> {
        let address = action.leg_address();
        if let Some(id) = &address.call_id {
            return self.legs.iter().find(|p| &p.call_id == id).map(|p| p.participant_tag.clone());
        }
        address
            .participant_tag
            .or_else(|| self.last_invocation.as_ref().and_then(Invocation::invoking_leg))
    }

    fn execute(&mut self, action: Action) {
        match &action {
            Action::SpeakAndGetDigits(_) | Action::PlayAudioAndGetDigits(_) => {
                let attempts = collection(&action).and_then(|d| d.repeat);
                self.waiting =
                    Some(Waiting::Digits { action, attempts_left: attempts.unwrap_or(1).max(1) });
            }
            Action::PlayAudio(_) | Action::Pause(_) | Action::RecordAudio(_) if self.hold_media => {
                self.waiting = Some(Waiting::Media { action });
            }
            Action::RecordAudio(r) => {
                let bucket = r.recording_destination.as_ref().and_then(|d| d.bucket_name.clone());
                let prefix = r.recording_destination.as_ref().and_then(|d| d.prefix.clone());
                let key = format!(
                    "{}{}.wav",
                    prefix.map(|p| format!("{p}/")).unwrap_or_default(),
                    self.transaction
                );
                let destination = RecordingDestination {
                    kind: Some(StorageType::S3),
                    bucket_name: bucket,
                    prefix: None,
                    key: Some(key),
                    extra: Default::default(),
                };
                self.finished(
                    action,
                    Results {
                        recording: Some(destination),
                        force_report: true,
                        ..Results::default()
                    },
                );
            }
            Action::ReceiveDigits(r) => {
                self.listener = Some(r.clone());
                self.buffered_digits.clear();
                self.finished(
                    action,
                    Results {
                        digits: Some(String::new()),
                        force_report: true,
                        ..Results::default()
                    },
                );
            }
            Action::CallAndBridge(b) => {
                if self.leg(&ParticipantTag::LegB).is_some_and(|p| !p.is_disconnected()) {
                    return self.failed(
                        action,
                        ErrorType::InvalidActionParameter,
                        "The call already has a LEG-B.".into(),
                    );
                }
                let to = b
                    .endpoints
                    .iter()
                    .flatten()
                    .next()
                    .and_then(|e| e.uri.clone())
                    .unwrap_or_default();
                let from =
                    b.caller_id_number.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default();
                self.legs.retain(|p| p.participant_tag != ParticipantTag::LegB);
                let id = CallId::from("c0ffee00-0000-4000-8000-00000000000b");
                self.legs.push(Participant {
                    call_id: id.clone(),
                    participant_tag: ParticipantTag::LegB,
                    to: to.clone(),
                    from,
                    direction: Direction::Outbound,
                    start_time_in_milliseconds: self.clock_ms.to_string(),
                    status: None,
                    sip_headers: None,
                    extra: Default::default(),
                });
                self.service(format!("calls {to} on LEG-B; LEG-A hears ringback"));
                self.last_action_on.retain(|(t, _)| t != &ParticipantTag::LegB);
                self.last_action_on.push((ParticipantTag::LegB, action.clone()));
                self.waiting = Some(Waiting::Bridge { action: b.clone(), leg_b: id });
            }
            Action::JoinChimeMeeting(_) => {
                if self.leg(&ParticipantTag::LegB).is_some_and(|p| !p.is_disconnected()) {
                    return self.failed(
                        action,
                        ErrorType::InvalidActionParameter,
                        "JoinChimeMeeting is not allowed on a bridged call.".into(),
                    );
                }
                let from =
                    self.leg(&ParticipantTag::LegA).map(|p| p.to.clone()).unwrap_or_default();
                self.legs.retain(|p| p.participant_tag != ParticipantTag::LegB);
                self.legs.push(Participant {
                    call_id: CallId::from("c0ffee00-0000-4000-8000-00000000000c"),
                    participant_tag: ParticipantTag::LegB,
                    to: "SMA".into(),
                    from,
                    direction: Direction::Outbound,
                    start_time_in_milliseconds: self.clock_ms.to_string(),
                    status: Some(ParticipantStatus::Connected),
                    sip_headers: None,
                    extra: Default::default(),
                });
                self.meeting = true;
                self.finished(action, Results { force_report: true, ..Results::default() });
            }
            Action::StartBotConversation(_) => {
                if self.meeting
                    || self.leg(&ParticipantTag::LegB).is_some_and(|p| !p.is_disconnected())
                {
                    return self.failed(
                        action,
                        ErrorType::InvalidActionParameter,
                        "StartBotConversation is not allowed on bridged or meeting calls.".into(),
                    );
                }
                let intent = self.bot_result.take().unwrap_or_default();
                self.finished(
                    action,
                    Results { intent: Some(intent), force_report: true, ..Results::default() },
                );
            }
            Action::StartCallRecording(s) => {
                let location =
                    s.destination.as_ref().and_then(|d| d.location.clone()).unwrap_or_default();
                let destination = CallRecordingDestination {
                    kind: Some(StorageType::S3),
                    location: Some(format!("{location}/{}.wav", self.transaction)),
                    extra: Default::default(),
                };
                self.finished(
                    action,
                    Results {
                        call_recording: Some(destination),
                        force_report: true,
                        ..Results::default()
                    },
                );
            }
            Action::Hangup(h) => self.hangup_action(
                action.clone(),
                h.sip_response_code.unwrap_or(SipResponseCode::NormalClearing),
            ),
            Action::ModifyChimeMeetingAttendees(_) => {
                self.finished(action, Results { force_report: true, ..Results::default() })
            }
            _ => self.finished(action, Results::default()),
        }
    }

    fn hangup_action(&mut self, action: Action, code: SipResponseCode) {
        let Some(tag) = self.target(&action) else {
            return self.failed(
                action,
                ErrorType::InvalidActionParameter,
                "No leg to hang up.".into(),
            );
        };
        if self.leg(&tag).is_none_or(Participant::is_disconnected) {
            self.service(format!("{} is not connected; nothing to hang up", tag_name(&tag)));
            return;
        }
        if self.meeting && tag == ParticipantTag::LegB {
            // Leaving the meeting: the caller stays and gets ACTION_SUCCESSFUL.
            self.set_status(&tag, ParticipantStatus::Disconnected);
            self.meeting = false;
            self.finished(action, Results { force_report: true, ..Results::default() });
            return;
        }
        self.queue.clear();
        self.end_leg(&tag, code, true);
    }

    /// Disconnects `tag` and sends its HANGUP; the answer runs only while another leg is up.
    fn end_leg(&mut self, tag: &ParticipantTag, code: SipResponseCode, send: bool) {
        self.set_status(tag, ParticipantStatus::Disconnected);
        if tag == &ParticipantTag::LegB {
            self.meeting = false;
        }
        if matches!(&self.waiting, Some(Waiting::Digits { action, .. } | Waiting::Media { action }) if self.target(action).as_ref() == Some(tag))
        {
            self.waiting = None;
        }
        let others_up = self.connected().next().is_some();
        if !others_up {
            self.listener = None;
        }
        if send {
            let Some(leg) = self.leg(tag).cloned() else { return };
            let echo = match self.readings.hangup_data {
                HangupData::LastActionOfLeg => self
                    .last_action_on
                    .iter()
                    .find(|(t, _)| t == tag)
                    .map(|(_, a)| Action::from_parts(a.action_type(), serde_json::json!({"CallId": leg.call_id, "ParticipantTag": tag.as_str()})))
                    .unwrap_or_else(|| Action::from(Hangup { target: LegAddress::call(leg.call_id.clone()).and_tag(tag.clone()), sip_response_code: Some(code), extra: Default::default() })),
                HangupData::HangupAction => Action::from(Hangup { target: LegAddress::call(leg.call_id.clone()).and_tag(tag.clone()), sip_response_code: Some(code), extra: Default::default() }),
            };
            let r = self.send(EventType::Hangup, Some(ActionData::new(echo)), None);
            if others_up && !self.ended {
                self.take_list(r);
            } else {
                self.ignored(&r, "HANGUP");
            }
        }
        if self.connected().next().is_none() && !self.ended {
            self.ended = true;
            self.queue.clear();
            self.waiting = None;
            self.service("the call has ended".into());
        }
    }

    fn digits_entered(&mut self, action: Action, attempts_left: u32, keys: Option<&str>) {
        let Some(d) = collection(&action) else { return };
        let (regex, min, max, terminators) = (
            d.input_digits_regex.clone(),
            d.min_number_of_digits,
            d.max_number_of_digits,
            d.terminator_digits.clone(),
        );
        let terminators = terminators.unwrap_or_else(|| vec![DtmfKey::Pound]);
        let valid = keys.and_then(|keys| {
            let digits =
                terminators.iter().find_map(|t| keys.strip_suffix(t.as_str())).unwrap_or(keys);
            let n = u32::try_from(digits.chars().count()).unwrap_or(u32::MAX);
            let count_ok = n >= min.unwrap_or(0) && n <= max.unwrap_or(128) && n > 0;
            let regex_ok = regex.as_ref().is_none_or(|r| {
                sma_syntax::regex::DigitsRegex::compile(r.as_str())
                    .is_ok_and(|re| re.is_match(digits) || re.is_match(keys))
            });
            (count_ok && regex_ok).then(|| digits.to_owned())
        });
        self.waiting = None;
        match valid {
            Some(digits) => self.finished(
                action,
                Results { digits: Some(digits), force_report: true, ..Results::default() },
            ),
            None if attempts_left > 1 => {
                self.service("plays the failure prompt and asks again".into());
                self.waiting = Some(Waiting::Digits { action, attempts_left: attempts_left - 1 });
            }
            None => {
                let error = self.readings.digits_exhausted.clone();
                self.failed(action, error, "No valid digits were entered.".into());
            }
        }
    }

    /// Digits pressed while no `*GetDigits` action waits: a ReceiveDigits listener, if armed.
    fn listen(&mut self, keys: &str) {
        let Some(listener) = self.listener.clone() else {
            self.service("discards the digits: nothing is listening".into());
            return;
        };
        self.buffered_digits.push_str(keys);
        let matched = listener.input_digits_regex.as_ref().is_some_and(|r| {
            sma_syntax::regex::DigitsRegex::compile(r.as_str())
                .is_ok_and(|re| re.is_match(&self.buffered_digits))
        });
        if !matched {
            self.service(format!("buffers {:?}: no match yet", self.buffered_digits));
            return;
        }
        let digits = std::mem::take(&mut self.buffered_digits);
        if !self.readings.listener_persists {
            self.listener = None;
        }
        let mut data = ActionData::new(Action::ReceiveDigits(listener));
        data.received_digits = Some(digits);
        let r = self.send(EventType::DigitsReceived, Some(data), None);
        self.take_list(r);
    }

    /// An action finished: report it (see [`SuccessReporting`]) or go on with the list.
    fn finished(&mut self, action: Action, results: Results) {
        let list_ended = self.queue.is_empty();
        let report = match self.readings.success {
            SuccessReporting::AsActionsFinish => results.force_report || list_ended,
            SuccessReporting::WhenListEnds => list_ended,
        };
        if !report {
            return;
        }
        let mut data = ActionData::new(action);
        data.received_digits = results.digits;
        data.recording_destination = results.recording;
        data.call_recording_destination = results.call_recording;
        data.intent_result = results.intent;
        let r = self.send(EventType::ActionSuccessful, Some(data), None);
        self.take_list(r);
    }

    fn failed(&mut self, action: Action, error: ErrorType, message: String) {
        self.queue.clear();
        let mut data = ActionData::new(action);
        data.error_type = Some(error);
        data.error_message = Some(message);
        let r = self.send(EventType::ActionFailed, Some(data), None);
        self.take_list(r);
    }

    /// After each step: a connected caller with nothing running hears silence.
    fn settle(&mut self) {
        self.run();
        if self.ended || self.waiting.is_some() || !self.queue.is_empty() || self.listener.is_some()
        {
            return;
        }
        let up: Vec<ParticipantTag> = self.connected().map(|p| p.participant_tag.clone()).collect();
        let both_up = up.len() == 2;
        if both_up || self.meeting {
            return; // talking to each other, or in the meeting
        }
        if let [tag] = up.as_slice() {
            let bridged_before = self.legs.len() == 2;
            let why = if bridged_before {
                format!(
                    "{} is still connected after the other leg hung up, with nothing running: the call stays up (and billed) until the caller hangs up; answer the HANGUP with a Hangup for {}",
                    tag_name(tag),
                    tag_name(tag)
                )
            } else {
                format!(
                    "{} is connected with nothing running: the caller hears silence",
                    tag_name(tag)
                )
            };
            self.problem(why);
        }
    }
}

/// Result fields of an ACTION_SUCCESSFUL.
#[derive(Default)]
struct Results {
    digits: Option<String>,
    recording: Option<RecordingDestination>,
    call_recording: Option<CallRecordingDestination>,
    intent: Option<IntentResult>,
    /// Actions that report as soon as they finish (see [`SuccessReporting::AsActionsFinish`]).
    force_report: bool,
}

/// The digit collection of a `*GetDigits` action.
fn collection(action: &Action) -> Option<&DigitCollection> {
    match action {
        Action::SpeakAndGetDigits(a) => Some(&a.digits),
        Action::PlayAudioAndGetDigits(a) => Some(&a.digits),
        _ => None,
    }
}

fn media_terminators(action: &Action) -> Vec<DtmfKey> {
    match action {
        Action::PlayAudio(p) => p.playback_terminators.clone().unwrap_or_default(),
        Action::RecordAudio(r) => r.recording_terminators.clone().unwrap_or_default(),
        _ => Vec::new(),
    }
}

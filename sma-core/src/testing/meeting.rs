//! The parties that are not people: a Lex bot the caller talks with, and a Chime SDK meeting
//! the caller joins.
//!
//! See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html),
//! [JoinChimeMeeting](https://docs.aws.amazon.com/chime-sdk/latest/dg/join-chime-meeting.html)
//! and [ModifyChimeMeetingAttendees](https://docs.aws.amazon.com/chime-sdk/latest/dg/mute-unmute.html).

use super::bot::undocumented_keys;
use super::service::Results;
use super::steps::Step;
use super::{Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::{ErrorType, IntentResult};

impl Simulator {
    /// The Lex result the next bot conversation ends with, in the documented shape: build it
    /// with [`BotResult`](super::BotResult). The conversation lasts
    /// [`MediaTiming::bot`](super::MediaTiming::bot); the simulator fills in `SessionId` with
    /// the `CallId` it runs on. A result with keys the documented shape does not have (Lex's
    /// own camelCase, say) is flagged as a problem when the bot ends, since the service would
    /// never send it.
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::testing::{BotResult, Simulator};
    ///
    /// #[on(NewInboundCall)]
    /// async fn bot(call: Call) -> Actions {
    ///     Actions::from(call.leg_a().start_bot("arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST"))
    /// }
    ///
    /// #[on(ActionSuccessful, action = StartBotConversation)]
    /// async fn done(call: Call, result: sma_core::event::IntentResult) -> Actions {
    ///     let pin = result.slot("Pin").and_then(|s| s.interpreted()).unwrap_or("none");
    ///     Actions::new().then(call.leg_a().speak(format!("PIN {pin}"))).then(call.leg_a().hangup())
    /// }
    ///
    /// let mut sim = Simulator::from_router(handlers![bot, done]);
    /// sim.bot_returns(BotResult::intent("JoinMeeting").slot("Pin", "1234"));
    /// sim.inbound_call("+14155550199", "+12065550100");
    /// sim.assert_speaks("PIN 1234").assert_ended().assert_no_problems();
    /// ```
    pub fn bot_returns(&mut self, result: impl Into<IntentResult>) -> &mut Self {
        self.script.bot_result = Some(result.into());
        self
    }

    /// The bot conversation in progress ends now with `result`: ACTION_SUCCESSFUL with the
    /// `IntentResult`. A bot with no scripted result waits for this (or for the caller to hang
    /// up); one with a scripted result plays on by itself unless the test holds media
    /// ([`Simulator::hold_media`]).
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::testing::{BotResult, Simulator};
    ///
    /// #[on(NewInboundCall)]
    /// async fn bot(call: Call) -> Actions {
    ///     Actions::from(call.leg_a().start_bot("arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST"))
    /// }
    ///
    /// #[on(ActionSuccessful, action = StartBotConversation)]
    /// async fn done(call: Call, result: IntentResult) -> Actions {
    ///     let name = result.intent().and_then(|i| i.name.clone()).unwrap_or_default();
    ///     Actions::new().then(call.leg_a().speak(name)).then(call.leg_a().hangup())
    /// }
    ///
    /// let mut sim = Simulator::from_router(handlers![bot, done]);
    /// sim.inbound_call("+14155550199", "+12065550100");
    /// sim.bot_finishes(BotResult::intent("Hours"));
    /// sim.assert_speaks("Hours").assert_ended().assert_no_problems();
    /// ```
    pub fn bot_finishes(&mut self, result: impl Into<IntentResult>) -> &mut Self {
        self.step(Step::BotEnds);
        if self.after_end("a bot result") {
            return self;
        }
        if !matches!(self.list.waiting, Some(Waiting::Bot { .. })) {
            return self.misuse("bot_finishes() needs a bot conversation in progress");
        }
        self.bot_ends(Some(result.into()));
        self.settle();
        self
    }

    /// The DTMF inputs the bots of this call received: keys ended by `#`, or by 5 s without a
    /// key (`*` cancels an input).
    pub fn bot_inputs(&self) -> &[String] {
        &self.record.bot_inputs
    }

    /// The bot conversation ends, with the result given, else the scripted one; without
    /// either, a flagged problem.
    pub(super) fn bot_ends(&mut self, given: Option<IntentResult>) {
        let Some(Waiting::Bot { action, .. }) = self.list.waiting.take() else { return };
        let mut result = match given.or_else(|| self.script.bot_result.take()) {
            Some(result) => result,
            None => {
                self.problem("a bot conversation ended with no scripted result: script one with bot_returns(BotResult::..) or end it with bot_finishes(..); the handler got an IntentResult with only a SessionId".into());
                IntentResult::default()
            }
        };
        let undocumented = undocumented_keys(&result);
        if !undocumented.is_empty() {
            self.problem(format!(
                "the scripted bot result is not in the shape the service sends (unknown keys: {}); build it with BotResult",
                undocumented.join(", ")
            ));
        }
        if result.session_id.is_none() {
            // start-bot-conversation: the CallId becomes the Lex session id.
            let leg = self.target(&action).and_then(|t| self.leg(&t).map(|p| p.call_id.clone()));
            result.session_id = leg.map(|id| id.to_string().into());
        }
        self.service("the bot conversation ends".into());
        self.finished(
            action,
            Results { intent: Some(result), force_report: true, ..Results::default() },
        );
    }

    /// The next JoinChimeMeeting fails as the page documents for a token the meeting does
    /// not accept (a wrong token, a removed attendee, a meeting that ended): ACTION_FAILED
    /// `InvalidActionParameter`, "JoinToken parameter value is invalid." (shaped by
    /// [`FailureShape`](super::FailureShape)).
    pub fn meeting_rejects_join(&mut self) -> &mut Self {
        self.script.fail_next = Some((
            Some(ActionType::JoinChimeMeeting),
            ErrorType::InvalidActionParameter,
            "JoinToken parameter value is invalid.".into(),
        ));
        self
    }

    /// The meeting ends (or removes the caller's attendee): HANGUP for the meeting leg, LEG-B;
    /// the caller, LEG-A, stays connected and the handler's answer runs.
    pub fn meeting_ends(&mut self) -> &mut Self {
        self.step(Step::MeetingEnds);
        if self.after_end("the meeting's end") {
            return self;
        }
        if !self.call.meeting {
            return self.misuse("meeting_ends() needs a caller in a meeting");
        }
        self.list.waiting = None;
        self.list.queue.clear();
        self.call.meeting = false;
        self.end_leg(&ParticipantTag::LegB, SipResponseCode::NormalClearing, true);
        self.settle();
        self
    }

    /// The caller is in a meeting (JoinChimeMeeting succeeded, and neither side left).
    pub fn in_meeting(&self) -> bool {
        self.call.meeting
    }

    /// Whether ModifyChimeMeetingAttendees left `attendee` muted.
    pub fn is_muted(&self, attendee: &str) -> bool {
        self.call.muted.contains(attendee)
    }
}

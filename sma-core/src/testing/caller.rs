//! The test API of the parties: what the caller, the callee and the API calls do to the call.

use super::service::{Results, media_terminators};
use super::transcript::tag_name;
use super::{Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::{
    ActionData, ActionRef, CallCreateRequest, CallUpdateRequest, Direction, ErrorType, EventType,
    IntentResult, Participant, ParticipantStatus,
};
use std::time::Duration;

impl Simulator {
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
            ActionData::new(ActionRef::CallCreateRequest(CallCreateRequest {
                arguments: Some(arguments),
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
        if let Some(a) = self.leg(&ParticipantTag::LegA) {
            action.target = Target::call(a.call_id.clone());
        }
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
                self.legs.retain(|p| p.participant_tag != Some(ParticipantTag::LegB));
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
        let data = ActionData::new(ActionRef::CallUpdateRequest(CallUpdateRequest {
            arguments: Some(arguments),
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
}

//! What goes wrong on the other side: a callee who is busy or rejects the call, a result that
//! arrives after the party hung up, a CALL_ANSWERED nobody answered.

use super::steps::Step;
use super::{Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::{ActionData, ErrorType, EventType, Participant, ParticipantStatus};

impl Simulator {
    /// LEG-B of the running CallAndBridge is busy: ACTION_FAILED (see
    /// [`ServiceReadings::bridge_rejected`](super::ServiceReadings::bridge_rejected)) with
    /// SIP 486 in the message, LEG-A still connected.
    pub fn bridge_busy(&mut self) -> &mut Self {
        self.bridge_rejects(SipResponseCode::Busy)
    }

    /// LEG-B of the running CallAndBridge rejects the call with `code` (486 busy, 480
    /// unavailable, 603 declined, ...): ACTION_FAILED (see
    /// [`ServiceReadings::bridge_rejected`](super::ServiceReadings::bridge_rejected)), LEG-A still
    /// connected. Unlike [`Simulator::bridge_not_answered`], no time passes.
    pub fn bridge_rejects(&mut self, code: SipResponseCode) -> &mut Self {
        self.step(Step::BridgeRejects(code.code()));
        if self.after_end("a rejection") {
            return self;
        }
        let Some(Waiting::Bridge { action, leg_b, .. }) = self.list.waiting.clone() else {
            return self.misuse("bridge_rejects() needs a CallAndBridge in progress");
        };
        self.list.waiting = None;
        self.call.legs.retain(|p| p.call_id != leg_b);
        let error = self.script.readings.bridge_rejected.clone();
        self.failed(
            Action::CallAndBridge(action),
            error,
            format!("Call rejected by the callee (SIP {}).", code.code()),
        );
        self.settle();
        self
    }

    /// A party hangs up `leg` while an action runs on it, and the service reports that action
    /// late: ACTION_SUCCESSFUL (media) or ACTION_FAILED (digits, a bridge, a bot) with `leg`
    /// already Disconnected, whose answer has no effect, then HANGUP. Real logs show this
    /// order (spec §1c; docwho2's flow handles both events).
    pub fn hangup_with_late_result(&mut self, leg: ParticipantTag) -> &mut Self {
        self.step(Step::HangsUpDuringAction(leg.clone()));
        if self.after_end("a hang-up") {
            return self;
        }
        if self.leg(&leg).is_none_or(Participant::is_disconnected) {
            return self.misuse("that leg is not connected");
        }
        let running = match self.list.waiting.take() {
            Some(Waiting::Media { action, .. }) => Some((action, None)),
            Some(Waiting::Digits(c)) => Some((c.action, Some("The call was disconnected."))),
            Some(Waiting::Bot { action, .. }) => Some((action, Some("The call was disconnected."))),
            Some(Waiting::Bridge { action, leg_b, .. }) => {
                self.call.legs.retain(|p| p.call_id != leg_b);
                Some((Action::CallAndBridge(action), Some("The call was disconnected.")))
            }
            _ => None,
        };
        self.list.queue.clear();
        self.set_status(&leg, ParticipantStatus::Disconnected);
        if let Some((action, failure)) = running {
            let mut data = ActionData::new(action);
            let kind = match failure {
                Some(message) => {
                    data.error_type = Some(ErrorType::SystemException);
                    data.error_message = Some(message.into());
                    EventType::ActionFailed
                }
                None => EventType::ActionSuccessful,
            };
            let r = self.send(kind, Some(data), None);
            self.ignored(&r, "an event for a disconnected leg");
        }
        self.end_leg(&leg, SipResponseCode::NormalClearing, true);
        self.settle();
        self
    }

    /// The service reports CALL_ANSWERED for an outbound call nobody picked up (a public bug
    /// report, amazon-chime-sdk-js#2495): the handler's answer runs to nobody, then the
    /// network ends the leg (HANGUP, SIP 480).
    pub fn answered_by_nobody(&mut self) -> &mut Self {
        self.step(Step::AnsweredByNobody);
        if !self.call_answered("answered_by_nobody()") {
            return self;
        }
        if !self.call.ended {
            self.list.waiting = None;
            self.list.queue.clear();
            self.service("nobody is on the line: the network ends the call".into());
            self.end_leg(&ParticipantTag::LegA, SipResponseCode::Unavailable, true);
        }
        self.settle();
        self
    }
}

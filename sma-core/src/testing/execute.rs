//! How the service runs each action: what it waits for, which legs it creates or ends, and
//! which result it reports.

use super::service::{Results, collection};
use super::transcript::tag_name;
use super::{Collecting, Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::{Direction, ErrorType, Participant, ParticipantStatus};
use std::time::Duration;

/// A duration in milliseconds, for the clock.
pub(super) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl Simulator {
    /// Runs one action the way the service does.
    pub(super) fn execute(&mut self, action: Action) {
        match &action {
            Action::SpeakAndGetDigits(_) | Action::PlayAudioAndGetDigits(_) => {
                let attempts = collection(&action).and_then(|d| d.repeat);
                // The attempt's timer starts once the prompt has played.
                let prompt = self.prompt_length(&action, false);
                let mut c = Collecting {
                    action,
                    attempts_left: attempts.unwrap_or(1).max(1),
                    entered: String::new(),
                    attempt_started: self.call.clock_ms + prompt,
                    last_key: None,
                };
                let kept = std::mem::take(&mut self.keys.kept);
                if !kept.is_empty() {
                    self.service(format!(
                        "gives the keys pressed earlier, {kept:?}, to {}",
                        c.action.type_name()
                    ));
                }
                self.list.waiting = Some(Waiting::Digits(c.clone()));
                for key in kept.chars() {
                    let Some(Waiting::Digits(now)) = self.list.waiting.take() else { break };
                    c = now;
                    self.collect(c, key);
                }
            }
            Action::Speak(_)
            | Action::PlayAudio(_)
            | Action::Pause(_)
            | Action::RecordAudio(_)
            | Action::SendDigits(_) => {
                let ends_at = self.media_end(&action);
                self.list.waiting = Some(Waiting::Media { action, ends_at });
            }
            Action::ReceiveDigits(r) => {
                self.keys.listener = Some(r.clone());
                self.keys.buffered.clear();
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
                self.call.legs.retain(|p| p.participant_tag != Some(ParticipantTag::LegB));
                let id = CallId::from("c0ffee00-0000-4000-8000-00000000000b");
                self.call.legs.push(Participant {
                    call_id: id.clone(),
                    participant_tag: Some(ParticipantTag::LegB),
                    to: to.clone(),
                    from: from.into(),
                    direction: Direction::Outbound,
                    start_time_in_milliseconds: self.call.clock_ms.to_string().into(),
                    status: None,
                    sip_headers: None,
                    extra: Default::default(),
                });
                self.service(format!("calls {to} on LEG-B; LEG-A hears ringback"));
                self.list.last_action_on.retain(|(t, _)| t != &ParticipantTag::LegB);
                self.list.last_action_on.push((ParticipantTag::LegB, action.clone()));
                let gives_up_at = self.bridge_deadline(b);
                self.list.waiting =
                    Some(Waiting::Bridge { action: b.clone(), leg_b: id, gives_up_at });
            }
            Action::JoinChimeMeeting(j) => {
                if self.leg(&ParticipantTag::LegB).is_some_and(|p| !p.is_disconnected()) {
                    return self.failed(
                        action,
                        ErrorType::InvalidActionParameter,
                        "JoinChimeMeeting is not allowed on a bridged call.".into(),
                    );
                }
                if j.join_token.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    return self.failed(
                        action,
                        ErrorType::InvalidActionParameter,
                        "JoinToken parameter value is invalid.".into(),
                    );
                }
                let from =
                    self.leg(&ParticipantTag::LegA).map(|p| p.to.clone()).unwrap_or_default();
                self.call.legs.retain(|p| p.participant_tag != Some(ParticipantTag::LegB));
                self.call.legs.push(Participant {
                    call_id: CallId::from("c0ffee00-0000-4000-8000-00000000000c"),
                    participant_tag: Some(ParticipantTag::LegB),
                    to: "SMA".into(),
                    from,
                    direction: Direction::Outbound,
                    start_time_in_milliseconds: self.call.clock_ms.to_string().into(),
                    status: Some(ParticipantStatus::Connected),
                    sip_headers: None,
                    extra: Default::default(),
                });
                self.call.meeting = true;
                self.finished(action, Results { force_report: true, ..Results::default() });
            }
            Action::StartBotConversation(_) => {
                if self.call.meeting
                    || self.leg(&ParticipantTag::LegB).is_some_and(|p| !p.is_disconnected())
                {
                    return self.failed(
                        action,
                        ErrorType::InvalidActionParameter,
                        "StartBotConversation is not allowed on bridged or meeting calls.".into(),
                    );
                }
                let ends_at = self.call.clock_ms + millis(self.script.media.bot);
                self.service("the bot talks with the caller".into());
                self.list.waiting =
                    Some(Waiting::Bot { action, keys: String::new(), last_key: None, ends_at });
            }
            Action::StartCallRecording(s) => {
                let s = s.clone();
                self.start_call_recording(action, &s);
            }
            Action::StopCallRecording(_)
            | Action::PauseCallRecording(_)
            | Action::ResumeCallRecording(_) => self.change_call_recording(action),
            Action::Hangup(h) => self.hangup_action(
                action.clone(),
                h.sip_response_code.unwrap_or(SipResponseCode::NormalClearing),
            ),
            Action::ModifyChimeMeetingAttendees(m) => {
                if !self.call.meeting {
                    // mute-unmute page: InvalidActionParameter when the call is not bridged or
                    // not connected to a meeting.
                    return self.failed(
                        action,
                        ErrorType::InvalidActionParameter,
                        "The call is not connected to a meeting.".into(),
                    );
                }
                let mute = m.operation.as_ref().is_some_and(|o| *o == MeetingOperation::Mute);
                for attendee in m.attendee_list.iter().flatten() {
                    if mute {
                        self.call.muted.insert(attendee.clone());
                    } else {
                        self.call.muted.remove(attendee);
                    }
                }
                self.finished(action, Results { force_report: true, ..Results::default() })
            }
            _ => self.finished(action, Results::default()),
        }
    }

    pub(super) fn hangup_action(&mut self, action: Action, code: SipResponseCode) {
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
        if self.call.meeting && tag == ParticipantTag::LegB {
            // Leaving the meeting: the caller stays and gets ACTION_SUCCESSFUL.
            self.set_status(&tag, ParticipantStatus::Disconnected);
            self.call.meeting = false;
            self.finished(action, Results { force_report: true, ..Results::default() });
            return;
        }
        self.list.queue.clear();
        self.end_leg(&tag, code, true);
    }
}

//! How the service runs each action: what it waits for, which legs it creates or ends, and
//! which result it reports.

use super::service::{Results, collection};
use super::transcript::tag_name;
use super::{Collecting, Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::{Direction, ErrorType, Participant, ParticipantStatus};

impl Simulator {
    /// Runs one action the way the service does.
    pub(super) fn execute(&mut self, action: Action) {
        match &action {
            Action::SpeakAndGetDigits(_) | Action::PlayAudioAndGetDigits(_) => {
                let attempts = collection(&action).and_then(|d| d.repeat);
                self.waiting = Some(Waiting::Digits(Collecting {
                    action,
                    attempts_left: attempts.unwrap_or(1).max(1),
                    entered: String::new(),
                    attempt_started: self.clock_ms,
                    last_key: None,
                }));
            }
            _ if self.hold_media
                && action.action_type().spec().is_some_and(|s| s.interruptible) =>
            {
                let ends_at = self.media_end(&action);
                self.waiting = Some(Waiting::Media { action, ends_at });
            }
            Action::RecordAudio(r) => {
                let results = self.recording_results(r, None);
                self.finished(action, results);
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
                self.legs.retain(|p| p.participant_tag != Some(ParticipantTag::LegB));
                let id = CallId::from("c0ffee00-0000-4000-8000-00000000000b");
                self.legs.push(Participant {
                    call_id: id.clone(),
                    participant_tag: Some(ParticipantTag::LegB),
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
                let gives_up_at = self.bridge_deadline(b);
                self.waiting = Some(Waiting::Bridge { action: b.clone(), leg_b: id, gives_up_at });
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
                self.legs.retain(|p| p.participant_tag != Some(ParticipantTag::LegB));
                self.legs.push(Participant {
                    call_id: CallId::from("c0ffee00-0000-4000-8000-00000000000c"),
                    participant_tag: Some(ParticipantTag::LegB),
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
            Action::ModifyChimeMeetingAttendees(_) => {
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
}

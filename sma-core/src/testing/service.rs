//! The model of the service: sending invocations, running the returned action lists, the legs
//! and their hang-up rules.

use super::invoke::{action_index, parameter_error};
use super::readings::{AttributeUpdate, EmptyList, FailureShape, HangupData, SuccessReporting};
use super::steps::Step;
use super::transcript::{Entry, action_summary, event_summary, response_summary, tag_name};
use super::{MAX_INVOCATIONS, Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::{
    ActionData, CallDetails, Direction, ErrorType, EventType, IntentResult, Invocation,
    Participant, ParticipantStatus,
};
use crate::contract::response::Envelope;
use crate::rules::rule::Level;

impl Simulator {
    pub(super) fn step(&mut self, what: Step) {
        self.record.step_start = self.record.answers.len();
        self.record.transcript.push(Entry::Caller(what.to_string()));
        self.record.steps.push(what);
    }

    pub(super) fn service(&mut self, what: String) {
        self.record.transcript.push(Entry::Service(what));
    }

    pub(super) fn problem(&mut self, what: String) {
        self.record.transcript.push(Entry::Problem(what));
    }

    pub(super) fn misuse(&mut self, what: &str) -> &mut Self {
        self.fail(&format!("the test cannot do that now: {what}"))
    }

    pub(super) fn start_leg(
        &mut self,
        tag: ParticipantTag,
        id: &str,
        from: &str,
        to: &str,
        direction: Direction,
    ) {
        if self.call.started {
            self.fail("this simulator already has a call; start a new Simulator for another call");
        }
        self.call.started = true;
        self.call.legs.push(Participant {
            call_id: CallId::from(id),
            participant_tag: Some(tag),
            to: to.into(),
            from: from.into(),
            direction,
            start_time_in_milliseconds: self.call.clock_ms.to_string().into(),
            status: None,
            sip_headers: None,
            extra: Default::default(),
        });
    }

    pub(super) fn leg(&self, tag: &ParticipantTag) -> Option<&Participant> {
        self.call.legs.iter().find(|p| p.participant_tag.as_ref() == Some(tag))
    }

    pub(super) fn set_status(&mut self, tag: &ParticipantTag, status: ParticipantStatus) {
        if let Some(p) = self.call.legs.iter_mut().find(|p| p.participant_tag.as_ref() == Some(tag))
        {
            p.status = Some(status);
        }
    }

    pub(super) fn connected(&self) -> impl Iterator<Item = &Participant> {
        self.call.legs.iter().filter(|p| !p.is_disconnected())
    }

    /// Builds the invocation, sends it as JSON through the app, checks and records the answer.
    pub(super) fn send(
        &mut self,
        kind: EventType,
        data: Option<ActionData>,
        error: Option<(ErrorType, String)>,
    ) -> Envelope {
        if self.call.invocations >= MAX_INVOCATIONS {
            self.problem(format!(
                "more than {MAX_INVOCATIONS} invocations: the service ends the call"
            ));
            self.call.ended = true;
            return Envelope::empty();
        }
        self.call.invocations += 1;
        self.call.sequence = if self.call.sequence == 0 {
            self.script.readings.first_sequence
        } else {
            self.call.sequence + 1
        };
        // A new call has no status on its first events.
        let legs = self.call.legs.clone();
        let invocation = Invocation {
            schema_version: "1.0".into(),
            sequence: self.call.sequence,
            event_type: kind,
            action_data: data.map(Box::new),
            call_details: CallDetails {
                transaction_id: self.call.transaction.clone(),
                transaction_attributes: self.call.attributes.clone(),
                aws_account_id: "111122223333".into(),
                aws_region: "us-east-1".into(),
                sip_media_application_id: "5a1e5a1e-0000-4000-8000-000000000001".into(),
                sip_rule_id: (!self.call.outbound)
                    .then(|| "5a1e5a1e-0000-4000-8000-000000000002".into()),
                participants: legs,
                extra: Default::default(),
            },
            error_type: error.as_ref().map(|e| e.0.clone()),
            error_message: error.map(|e| e.1.into()),
            extra: Default::default(),
        };
        let bytes = serde_json::to_vec(&invocation)
            .unwrap_or_else(|e| self.fail(&format!("cannot serialize the event: {e}")));
        self.record.transcript.push(Entry::Event(self.call.sequence, event_summary(&invocation)));
        self.record.sent.push(invocation.clone());
        let Some(report) = self.invoke_in_time(&bytes, &invocation) else {
            return Envelope::empty();
        };
        let mut response = report.response;
        self.record
            .transcript
            .push(Entry::Answer(report.handler, response_summary(&response, &invocation)));
        if let Some(error) = report.error {
            self.problem(format!(
                "the handler's answer to #{} was replaced by the failure policy: {error}",
                self.call.sequence
            ));
        }
        self.record.answers.push(response.clone());
        self.record.answered_legs.push(invocation.invoking_leg());
        self.record.last_invocation = Some(invocation.clone());
        // The service's own check, with its limits and readings.
        for warning in response.review(&self.script.readings.limits, Some(&invocation)) {
            if warning.level() == Level::Warn && !self.script.readings.limits.readings.strict {
                self.record.transcript.push(Entry::Warning(format!(
                    "answer to #{}: {warning} ({}; evidence: {})",
                    self.call.sequence,
                    warning.rule,
                    warning.rule.evidence()
                )));
            }
        }
        if let Err(violations) = response.validate(&self.script.readings.limits, Some(&invocation))
        {
            let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
            let actions = response.actions.as_deref().unwrap_or_default();
            let per_action: Option<Vec<(Action, ErrorType, String)>> = violations
                .iter()
                .map(|v| {
                    let action = action_index(v).and_then(|i| actions.get(i))?;
                    v.rule
                        .fails_the_action()
                        .then(|| (action.clone(), parameter_error(action, v), v.detail.clone()))
                })
                .collect();
            match per_action {
                Some(rejected) if self.function.deliver_rejected => {
                    self.service(format!(
                        "runs the answer to #{} although it breaks parameter rules: {}",
                        self.call.sequence,
                        text.join("; ")
                    ));
                    self.list.rejected = rejected;
                }
                _ => {
                    self.problem(format!(
                        "the service rejects the answer to #{}: {}",
                        self.call.sequence,
                        text.join("; ")
                    ));
                    let error_type = self.invalid_response_error(&violations);
                    let message = text.join("; ");
                    response = self.send(
                        EventType::InvalidLambdaResponse,
                        None,
                        Some((error_type, message)),
                    );
                    return response;
                }
            }
        }
        self.store_attributes(&response);
        response
    }

    pub(super) fn store_attributes(&mut self, response: &Envelope) {
        let Some(map) = &response.transaction_attributes else { return };
        let stored = match (self.script.readings.attributes, self.call.attributes.take()) {
            (AttributeUpdate::Merge, Some(mut old)) if !map.is_empty() => {
                old.extend(map.clone());
                old
            }
            _ => map.clone(),
        };
        self.call.attributes = (!stored.is_empty()).then_some(stored);
    }

    pub(super) fn ignored(&mut self, r: &Envelope, event: &str) {
        if r.actions.as_ref().is_some_and(|a| !a.is_empty()) {
            self.service(format!("ignores the actions answered to {event}"));
        }
    }

    /// A new list from a response: replaces what is queued (see [`EmptyList`]).
    pub(super) fn take_list(&mut self, r: Envelope) {
        match r.actions {
            None => {}
            Some(list)
                if list.is_empty()
                    && self.script.readings.empty_list == EmptyList::StopsRunning =>
            {
                self.list.queue.clear();
                if let Some(Waiting::Media { .. }) = self.list.waiting {
                    self.list.waiting = None;
                }
            }
            Some(list) if list.is_empty() => {}
            Some(list) => {
                if let Some(update) = self.list.update_queued.take() {
                    if !self.list.queue.is_empty() {
                        self.problem(format!(
                            "the actions answered to CALL_UPDATE_REQUESTED #{update} never ran: they waited for the running action, which cannot be interrupted, and the answer to #{} replaced them (update-sip-call: remaining actions are replaced by a new list)",
                            self.call.sequence
                        ));
                    }
                }
                self.list.queue = list.into();
            }
        }
        self.run();
    }

    /// Runs queued actions until one waits, the list ends, or the call ends.
    pub(super) fn run(&mut self) {
        if self.list.running {
            return;
        }
        self.list.running = true;
        while !self.call.ended && self.list.waiting.is_none() {
            let Some(action) = self.list.queue.pop_front() else { break };
            self.list.update_queued = None;
            self.service(format!("runs {}", self.summary(&action)));
            // The first action other than Hangup answers a new inbound call, whether it then
            // succeeds or fails; a Hangup rejects the call instead.
            if !matches!(action, Action::Hangup(_)) {
                if let Some(a) =
                    self.call.legs.iter_mut().find(|p| {
                        p.participant_tag == Some(ParticipantTag::LegA) && p.status.is_none()
                    })
                {
                    a.status = Some(ParticipantStatus::Connected);
                }
            }
            if let Some(tag) = self.target(&action) {
                self.list.last_action_on.retain(|(t, _)| t != &tag);
                self.list.last_action_on.push((tag, action.clone()));
            }
            let fails =
                self.script.fail_next.as_ref().is_some_and(|(kind, ..)| {
                    kind.as_ref().is_none_or(|k| *k == action.action_type())
                });
            if let Some((_, error, message)) = fails.then(|| self.script.fail_next.take()).flatten()
            {
                self.failed(action, error, message);
                continue;
            }
            if let Some(i) = self.list.rejected.iter().position(|(a, ..)| *a == action) {
                let (_, error, message) = self.list.rejected.remove(i);
                self.failed(action, error, message);
                continue;
            }
            self.execute(action);
        }
        self.list.running = false;
    }

    pub(super) fn summary(&self, action: &Action) -> String {
        match &self.record.last_invocation {
            Some(inv) => action_summary(action, inv),
            None => action.type_name().to_owned(),
        }
    }

    /// The leg an action acts on: its address, or the leg of the last event.
    pub(super) fn target(&self, action: &Action) -> Option<ParticipantTag> {
        let target = action.target();
        if let Some(id) = target.call_id() {
            return self
                .call
                .legs
                .iter()
                .find(|p| &p.call_id == id)
                .and_then(|p| p.participant_tag.clone());
        }
        target
            .participant_tag()
            .cloned()
            .or_else(|| self.record.last_invocation.as_ref().and_then(Invocation::invoking_leg))
    }

    /// Disconnects `tag` and sends its HANGUP; the answer runs only while another leg is up.
    pub(super) fn end_leg(&mut self, tag: &ParticipantTag, code: SipResponseCode, send: bool) {
        self.set_status(tag, ParticipantStatus::Disconnected);
        if self.call.meeting {
            // A caller who hangs up leaves the meeting: the HANGUP shows both legs
            // Disconnected (use-cases page). The meeting ending drops LEG-B alone.
            self.set_status(&ParticipantTag::LegB, ParticipantStatus::Disconnected);
            self.call.meeting = false;
        }
        fn acts_on_leg(w: &Waiting) -> Option<&Action> {
            match w {
                Waiting::Digits(super::Collecting { action, .. })
                | Waiting::Media { action, .. }
                | Waiting::Bot { action, .. } => Some(action),
                _ => None,
            }
        }
        if self
            .list
            .waiting
            .as_ref()
            .and_then(acts_on_leg)
            .is_some_and(|action| self.target(action).as_ref() == Some(tag))
        {
            self.list.waiting = None;
        }
        self.keys.check_at = None;
        let others_up = self.connected().next().is_some();
        if !others_up {
            self.keys.listener = None;
        }
        if send {
            let Some(leg) = self.leg(tag).cloned() else { return };
            let echo = match self.script.readings.hangup_data {
                HangupData::LastActionOfLeg => self
                    .list
                    .last_action_on
                    .iter()
                    .find(|(t, _)| t == tag)
                    .map(|(_, a)| Action::from_parts(a.action_type(), serde_json::json!({"CallId": leg.call_id, "ParticipantTag": tag.as_str()})))
                    .unwrap_or_else(|| Action::from(Hangup::new().on(Target::call(leg.call_id.clone()).and_tag(tag.clone())).code(code))),
                HangupData::HangupAction => Action::from(Hangup::new().on(Target::call(leg.call_id.clone()).and_tag(tag.clone())).code(code)),
            };
            let r = self.send(EventType::Hangup, Some(ActionData::new(echo)), None);
            if others_up && !self.call.ended {
                self.take_list(r);
            } else {
                self.ignored(&r, "HANGUP");
            }
        }
        if self.connected().next().is_none() && !self.call.ended {
            self.call.ended = true;
            self.list.queue.clear();
            self.list.waiting = None;
            self.service("the call has ended".into());
        }
    }

    /// An action finished: report it (see [`SuccessReporting`]) or go on with the list.
    pub(super) fn finished(&mut self, action: Action, results: Results) {
        let list_ended = self.list.queue.is_empty();
        let report = match self.script.readings.success {
            SuccessReporting::AsActionsFinish => results.force_report || list_ended,
            SuccessReporting::WhenListEnds => list_ended,
        };
        if !report {
            return;
        }
        let mut data = ActionData::new(action);
        data.received_digits = results.digits.map(Into::into);
        data.recording_destination = results.recording;
        data.recording_terminator_used = results.terminator.map(Into::into);
        data.call_recording_destination = results.call_recording;
        data.intent_result = results.intent.map(Box::new);
        let r = self.send(EventType::ActionSuccessful, Some(data), None);
        self.take_list(r);
    }

    pub(super) fn failed(&mut self, action: Action, error: ErrorType, message: String) {
        self.list.queue.clear();
        self.list.rejected.clear();
        let error_string = self.script.readings.failure_shape == FailureShape::ErrorString
            && matches!(action, Action::JoinChimeMeeting(_) | Action::StartCallRecording(_));
        let mut data = ActionData::new(action);
        if error_string {
            data.error = Some(format!("{error}: {message}").into());
        } else {
            data.error_type = Some(error);
            data.error_message = Some(message.into());
        }
        let r = self.send(EventType::ActionFailed, Some(data), None);
        self.take_list(r);
    }

    /// After each step: the call plays on (media and bots last their length) until it waits
    /// for a party, unless the test holds media; then a connected caller with nothing running
    /// hears silence.
    pub(super) fn settle(&mut self) {
        self.run();
        while !self.script.hold_media && !self.call.ended {
            let Some(at) = self.playing_until() else { break };
            self.run_clock_until(at);
            self.run();
        }
        if self.call.ended
            || self.list.waiting.is_some()
            || !self.list.queue.is_empty()
            || self.keys.listener.is_some()
        {
            return;
        }
        let up: Vec<ParticipantTag> =
            self.connected().filter_map(|p| p.participant_tag.clone()).collect();
        let both_up = up.len() == 2;
        if both_up || self.call.meeting {
            return; // talking to each other, or in the meeting
        }
        if let [tag] = up.as_slice() {
            let bridged_before = self.call.legs.len() == 2;
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
pub(super) struct Results {
    pub(super) digits: Option<String>,
    pub(super) recording: Option<RecordingDestination>,
    /// `RecordingTerminatorUsed`.
    pub(super) terminator: Option<String>,
    pub(super) call_recording: Option<CallRecordingDestination>,
    pub(super) intent: Option<IntentResult>,
    /// Actions that report as soon as they finish (see [`SuccessReporting::AsActionsFinish`]).
    pub(super) force_report: bool,
}

/// The digit collection of a `*GetDigits` action.
pub(super) fn collection(action: &Action) -> Option<&DigitCollection> {
    match action {
        Action::SpeakAndGetDigits(a) => Some(&a.digits),
        Action::PlayAudioAndGetDigits(a) => Some(&a.digits),
        _ => None,
    }
}

pub(super) fn media_terminators(action: &Action) -> Vec<DtmfKey> {
    match action {
        Action::PlayAudio(p) => p.playback_terminators.clone().unwrap_or_default(),
        Action::RecordAudio(r) => r.recording_terminators.clone().unwrap_or_default(),
        _ => Vec::new(),
    }
}

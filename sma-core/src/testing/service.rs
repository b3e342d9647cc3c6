//! The model of the service: sending invocations, running the returned action lists, the legs
//! and their hang-up rules.

use super::invoke::{action_index, parameter_error, parameter_rule};
use super::readings::{AttributeUpdate, EmptyList, HangupData, SuccessReporting};
use super::transcript::{Entry, action_summary, event_summary, response_summary, tag_name};
use super::{MAX_INVOCATIONS, Simulator, Waiting};
use crate::contract::action::*;
use crate::contract::event::{
    ActionData, CallDetails, Direction, ErrorType, EventType, IntentResult, Invocation,
    Participant, ParticipantStatus,
};
use crate::contract::response::{Envelope, Level};

impl Simulator {
    pub(super) fn step(&mut self, what: String) {
        self.step_start = self.answers.len();
        self.transcript.push(Entry::Caller(what));
    }

    pub(super) fn service(&mut self, what: String) {
        self.transcript.push(Entry::Service(what));
    }

    pub(super) fn problem(&mut self, what: String) {
        self.transcript.push(Entry::Problem(what));
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
        if self.started {
            self.fail("this simulator already has a call; start a new Simulator for another call");
        }
        self.started = true;
        self.legs.push(Participant {
            call_id: CallId::from(id),
            participant_tag: Some(tag),
            to: to.to_owned(),
            from: from.to_owned(),
            direction,
            start_time_in_milliseconds: self.clock_ms.to_string(),
            status: None,
            sip_headers: None,
            extra: Default::default(),
        });
    }

    pub(super) fn leg(&self, tag: &ParticipantTag) -> Option<&Participant> {
        self.legs.iter().find(|p| p.participant_tag.as_ref() == Some(tag))
    }

    pub(super) fn set_status(&mut self, tag: &ParticipantTag, status: ParticipantStatus) {
        if let Some(p) = self.legs.iter_mut().find(|p| p.participant_tag.as_ref() == Some(tag)) {
            p.status = Some(status);
        }
    }

    pub(super) fn connected(&self) -> impl Iterator<Item = &Participant> {
        self.legs.iter().filter(|p| !p.is_disconnected())
    }

    /// Builds the invocation, sends it as JSON through the app, checks and records the answer.
    pub(super) fn send(
        &mut self,
        kind: EventType,
        data: Option<ActionData>,
        error: Option<(ErrorType, String)>,
    ) -> Envelope {
        if self.invocations >= MAX_INVOCATIONS {
            self.problem(format!(
                "more than {MAX_INVOCATIONS} invocations: the service ends the call"
            ));
            self.ended = true;
            return Envelope::empty();
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
            action_data: data.map(Box::new),
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
        self.sent.push(invocation.clone());
        let Some(report) = self.invoke_in_time(&json, &invocation) else {
            return Envelope::empty();
        };
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
        self.answered_legs.push(invocation.invoking_leg());
        self.last_invocation = Some(invocation.clone());
        // The service's own check, with its limits and readings.
        for warning in response.review(&self.readings.limits, Some(&invocation)) {
            if warning.level() == Level::Warn && !self.readings.limits.readings.strict {
                self.transcript.push(Entry::Warning(format!(
                    "answer to #{}: {warning} ({}; evidence: {})",
                    self.sequence,
                    warning.rule,
                    warning.rule.evidence()
                )));
            }
        }
        if let Err(violations) = response.validate(&self.readings.limits, Some(&invocation)) {
            let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
            let actions = response.actions.as_deref().unwrap_or_default();
            let per_action: Option<Vec<(Action, ErrorType, String)>> = violations
                .iter()
                .map(|v| {
                    let action = action_index(v).and_then(|i| actions.get(i))?;
                    parameter_rule(v.rule)
                        .then(|| (action.clone(), parameter_error(action, v), v.detail.clone()))
                })
                .collect();
            match per_action {
                Some(doomed) if self.deliver_rejected => {
                    self.service(format!(
                        "runs the answer to #{} although it breaks parameter rules: {}",
                        self.sequence,
                        text.join("; ")
                    ));
                    self.doomed = doomed;
                }
                _ => {
                    self.problem(format!(
                        "the service rejects the answer to #{}: {}",
                        self.sequence,
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
        let stored = match (self.readings.attributes, self.attributes.take()) {
            (AttributeUpdate::Merge, Some(mut old)) if !map.is_empty() => {
                old.extend(map.clone());
                old
            }
            _ => map.clone(),
        };
        self.attributes = (!stored.is_empty()).then_some(stored);
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
    pub(super) fn run(&mut self) {
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
            let fails = self
                .fail_next
                .as_ref()
                .is_some_and(|(kind, ..)| kind.as_ref().is_none_or(|k| *k == action.action_type()));
            if let Some((_, error, message)) = fails.then(|| self.fail_next.take()).flatten() {
                self.failed(action, error, message);
                continue;
            }
            if let Some(i) = self.doomed.iter().position(|(a, ..)| *a == action) {
                let (_, error, message) = self.doomed.remove(i);
                self.failed(action, error, message);
                continue;
            }
            // The first media action answers a new inbound call; a Hangup rejects it instead.
            if !matches!(action, Action::Hangup(_)) {
                if let Some(a) = self
                    .legs
                    .iter_mut()
                    .find(|p| p.participant_tag == Some(ParticipantTag::LegA) && p.status.is_none())
                {
                    a.status = Some(ParticipantStatus::Connected);
                }
            }
            self.execute(action);
        }
        self.running = false;
    }

    pub(super) fn summary(&self, action: &Action) -> String {
        match &self.last_invocation {
            Some(inv) => action_summary(action, inv),
            None => action.type_name().to_owned(),
        }
    }

    /// The leg an action acts on: its address, or the leg of the last event.
    pub(super) fn target(&self, action: &Action) -> Option<ParticipantTag> {
        let target = action.target();
        if let Some(id) = target.call_id() {
            return self
                .legs
                .iter()
                .find(|p| &p.call_id == id)
                .and_then(|p| p.participant_tag.clone());
        }
        target
            .participant_tag()
            .cloned()
            .or_else(|| self.last_invocation.as_ref().and_then(Invocation::invoking_leg))
    }

    /// Disconnects `tag` and sends its HANGUP; the answer runs only while another leg is up.
    pub(super) fn end_leg(&mut self, tag: &ParticipantTag, code: SipResponseCode, send: bool) {
        self.set_status(tag, ParticipantStatus::Disconnected);
        if tag == &ParticipantTag::LegB {
            self.meeting = false;
        }
        if matches!(&self.waiting, Some(Waiting::Digits(super::Collecting { action, .. }) | Waiting::Media { action, .. }) if self.target(action).as_ref() == Some(tag))
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
                    .unwrap_or_else(|| Action::from(Hangup::new().on(Target::call(leg.call_id.clone()).and_tag(tag.clone())).code(code))),
                HangupData::HangupAction => Action::from(Hangup::new().on(Target::call(leg.call_id.clone()).and_tag(tag.clone())).code(code)),
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

    /// An action finished: report it (see [`SuccessReporting`]) or go on with the list.
    pub(super) fn finished(&mut self, action: Action, results: Results) {
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
        data.recording_terminator_used = results.terminator;
        data.call_recording_destination = results.call_recording;
        data.intent_result = results.intent;
        let r = self.send(EventType::ActionSuccessful, Some(data), None);
        self.take_list(r);
    }

    pub(super) fn failed(&mut self, action: Action, error: ErrorType, message: String) {
        self.queue.clear();
        self.doomed.clear();
        let mut data = ActionData::new(action);
        data.error_type = Some(error);
        data.error_message = Some(message);
        let r = self.send(EventType::ActionFailed, Some(data), None);
        self.take_list(r);
    }

    /// After each step: a connected caller with nothing running hears silence.
    pub(super) fn settle(&mut self) {
        self.run();
        if self.ended || self.waiting.is_some() || !self.queue.is_empty() || self.listener.is_some()
        {
            return;
        }
        let up: Vec<ParticipantTag> =
            self.connected().filter_map(|p| p.participant_tag.clone()).collect();
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

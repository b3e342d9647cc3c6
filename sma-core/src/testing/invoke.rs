//! Invoking the function as the service does: how long it waits for an answer (and what a late
//! answer costs), and what it does with an answer it cannot use.

use super::readings::LambdaDeadline;
use super::transcript::{Entry, event_summary};
use super::{Exchange, Simulator};
use crate::contract::action::{Action, SipResponseCode};
use crate::contract::event::{ErrorType, Invocation, ParticipantStatus};
use crate::rules::rule::{Rule, Violation};
use crate::runtime::app::answer::Answered;

impl Simulator {
    /// Invokes the function with the event's bytes and waits as the service does (see
    /// [`LambdaDeadline`]): the handler's time passes on the simulator's clock; a late answer
    /// is retried or hangs up the call. `None`: the call ended.
    pub(super) fn invoke_in_time(
        &mut self,
        event: &[u8],
        invocation: &Invocation,
    ) -> Option<Answered> {
        let (report, took) = self.invoke(event);
        let (patience, retries) = match self.script.readings.lambda_deadline {
            LambdaDeadline::RetryAfter5s => (RETRY_AFTER, true),
            LambdaDeadline::HangUpAfter20s => (HANG_UP_AFTER, false),
        };
        if took <= patience {
            return Some(report);
        }
        let seconds = took.as_secs_f64();
        if !retries {
            self.problem(format!(
                "the handler took {seconds:.1} s to answer #{}: the service hangs up after 20 s",
                self.call.sequence
            ));
            self.end_call(SipResponseCode::Unavailable);
            return None;
        }
        self.problem(format!(
            "the handler took {seconds:.1} s to answer #{}: the service stops waiting after 5 s and invokes the function again with the same event; the late answer is dropped",
            self.call.sequence
        ));
        self.call.invocations += 1;
        self.record.transcript.push(Entry::Event(self.call.sequence, event_summary(invocation)));
        self.record.sent.push(invocation.clone());
        let (again, took) = self.invoke(event);
        if took <= patience {
            return Some(again);
        }
        self.problem(format!(
            "the retry of #{} was late too ({:.1} s): the service ends the call with SIP 480",
            self.call.sequence,
            took.as_secs_f64()
        ));
        self.end_call(SipResponseCode::Unavailable);
        None
    }

    /// One invocation of the function through the entry the Lambda loop uses (event bytes
    /// in, response bytes out), and how long it took on the simulator's (virtual) clock, which
    /// moves on by that much. The answer the service works with is read back from the bytes.
    fn invoke(&mut self, event: &[u8]) -> (Answered, std::time::Duration) {
        let app = &self.function.app;
        let ((bytes, mut report), took) = self.function.runtime.block_on(async {
            let started = tokio::time::Instant::now();
            let event = bytes::Bytes::copy_from_slice(event);
            let served = app.serve(&event, Default::default()).await;
            (served, started.elapsed())
        });
        self.call.clock_ms += u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
        match serde_json::from_slice(&bytes) {
            Ok(envelope) => report.response = envelope,
            Err(e) => self.problem(format!("the service cannot read the answer: {e}")),
        }
        self.record.exchanges.push(Exchange { event: event.to_vec(), response: bytes, took });
        (report, took)
    }

    /// The service ends the call on its side: every leg is disconnected, no HANGUP is sent
    /// (whether one is, is not documented).
    fn end_call(&mut self, code: SipResponseCode) {
        for p in &mut self.call.legs {
            p.status = Some(ParticipantStatus::Disconnected);
        }
        self.call.ended = true;
        self.list.queue.clear();
        self.list.waiting = None;
        self.keys.listener = None;
        self.service(format!("the call has ended (SIP {})", code.code()));
    }

    /// The `ErrorType` of INVALID_LAMBDA_RESPONSE for these violations.
    pub(super) fn invalid_response_error(&self, violations: &[Violation]) -> ErrorType {
        let any = |rules: &[Rule]| violations.iter().any(|v| rules.contains(&v.rule));
        if any(&[Rule::AttributePairs, Rule::AttributeSize, Rule::AttributeEntryLength]) {
            ErrorType::TransactionAttributesInvalidMapSize
        } else if any(&[Rule::SchemaVersion]) {
            ErrorType::Other("SchemaVersionMismatch".into())
        } else {
            self.script.readings.invalid_response_error.clone()
        }
    }
}

/// How long the service waits before it invokes again (timeouts page).
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(5);
/// How long the service waits before it hangs up (invoke-on-call-leg, timeouts page).
const HANG_UP_AFTER: std::time::Duration = std::time::Duration::from_secs(20);

/// The index of the action a violation is about (`Actions[3] (Speak).Parameters.Text`).
pub(super) fn action_index(v: &Violation) -> Option<usize> {
    let rest = v.location.strip_prefix("Actions[")?;
    rest[..rest.find(']')?].parse().ok()
}

/// The `ErrorType` of the ACTION_FAILED for an action that breaks a parameter rule: a missing
/// or too long `Text` of Speak and SpeakAndGetDigits, and a missing `Enable` of VoiceFocus, are
/// `MissingRequiredActionParameter` (their pages); the rest `InvalidActionParameter` (the
/// troubleshooting table).
pub(super) fn parameter_error(action: &Action, v: &Violation) -> ErrorType {
    let text = matches!(action, Action::Speak(_) | Action::SpeakAndGetDigits(_))
        && matches!(v.rule, Rule::MissingParameter | Rule::TooLong)
        && v.location.contains("Text");
    let enable = matches!(action, Action::VoiceFocus(_)) && v.rule == Rule::MissingParameter;
    if text || enable {
        ErrorType::MissingRequiredActionParameter
    } else {
        ErrorType::InvalidActionParameter
    }
}

//! How the application answers one invocation: the bytes of the event in, the bytes of the
//! response out, through the route, the fallback or the event's default, with the failure
//! policy for anything that goes wrong.

use super::App;
use super::guard::{budget, run_guarded};
use super::policy::{hang_up_connected, hang_up_details};
use super::trace;
use crate::contract::action::SipResponseCode;
use crate::contract::event::{CallDetails, EventType, Invocation, ParticipantStatus};
use crate::contract::response::{Envelope, Response};
use crate::dispatch::handler::HandlerError;
use crate::dispatch::request::Request;
use crate::dispatch::router::RouteEntry;
use crate::rules::rule::{Level, Violation};
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

impl App {
    /// Answers one raw invocation event. Never fails: every problem becomes the failure
    /// policy's answer and an ERROR log. The event takes the same path as on Lambda: it is
    /// written to bytes and answered by [`App::handle_slice`].
    pub async fn handle(&self, event: Value, context: lambda_runtime::Context) -> Envelope {
        let bytes = bytes::Bytes::from(serde_json::to_vec(&event).unwrap_or_default());
        self.serve(&bytes, Arc::new(context)).await.1.response
    }

    /// Answers one invocation event given as JSON bytes with the response's JSON bytes: the
    /// whole path an invocation takes on Lambda, in one pass (the event is read from the bytes
    /// straight into the model). Never fails: bytes that are not an invocation (empty, not
    /// JSON, not an object, another service's event) get the failure policy's answer and one
    /// ERROR log.
    ///
    /// ```
    /// # async fn demo() {
    /// use sma_core::App;
    /// let app = App::new(sma_core::handlers![]);
    /// let answer = app.handle_slice(b"not json", Default::default()).await;
    /// assert_eq!(answer, br#"{"SchemaVersion":"1.0","Actions":[{"Type":"Hangup","Parameters":{"SipResponseCode":0}}]}"#);
    /// # }
    /// ```
    pub async fn handle_slice(&self, event: &[u8], context: lambda_runtime::Context) -> Vec<u8> {
        self.serve(&bytes::Bytes::copy_from_slice(event), Arc::new(context)).await.0
    }

    /// [`App::handle_slice`] on a body held in [`bytes::Bytes`], as `lambda_runtime` hands it
    /// over: the path the Lambda loop takes. The strings of the invocation share the body
    /// instead of being copied out of it (see [`Text`](crate::contract::text::Text)).
    ///
    /// ```
    /// # async fn demo() {
    /// use sma_core::App;
    /// let app = App::new(sma_core::handlers![]);
    /// let answer = app.handle_bytes(&bytes::Bytes::from_static(b"{}"), Default::default()).await;
    /// assert!(answer.starts_with(br#"{"SchemaVersion":"1.0""#));
    /// # }
    /// ```
    pub async fn handle_bytes(
        &self,
        event: &bytes::Bytes,
        context: lambda_runtime::Context,
    ) -> Vec<u8> {
        self.serve(event, Arc::new(context)).await.0
    }

    /// The one entry every host uses (the Lambda loop, local mode, the simulator, replay):
    /// event bytes in; the response bytes out, with which handler answered and what went
    /// wrong. Records the exchange when a [`Recorder`](super::Recorder) is set. The context
    /// is shared from the entry on (376 bytes, not moved through each future).
    pub(crate) async fn serve(
        &self,
        event: &bytes::Bytes,
        context: Arc<lambda_runtime::Context>,
    ) -> (Vec<u8>, Answered) {
        let answered = self.answer_slice(event, context).await;
        if let Some(record) = &self.recorder {
            record(event, &answered.response);
        }
        (answered.response.to_vec(), answered)
    }

    /// Reads and answers the bytes of one event, saying which handler answered and what went
    /// wrong.
    async fn answer_slice(
        &self,
        event: &bytes::Bytes,
        context: Arc<lambda_runtime::Context>,
    ) -> Answered {
        match Invocation::shared_from_bytes(event) {
            Ok(invocation) => self.answer(invocation, context).await,
            Err(e) => {
                let error = HandlerError::InvalidEvent(e.to_string());
                let shown = self.loggable(None, &error.to_string());
                tracing::error!(error = %shown, "cannot read the invocation; answering with the failure policy");
                let response = self.unreadable(event, &error);
                Answered { response, handler: None, error: Some(error.to_string()) }
            }
        }
    }

    /// The answer to `error` on bytes that are not an invocation: hang up the legs they list,
    /// when their `CallDetails` can be read on their own, else the failure policy's answer.
    fn unreadable(&self, event: &[u8], error: &HandlerError) -> Envelope {
        /// The legs of an event that cannot be read whole.
        #[derive(Deserialize)]
        struct Legs {
            #[serde(rename = "CallDetails")]
            call_details: CallDetails,
        }
        let response = match serde_json::from_slice::<Legs>(event) {
            Ok(legs) => {
                Response::new(hang_up_details(&legs.call_details, SipResponseCode::NormalClearing))
            }
            Err(_) => self.policy.respond(None, error),
        };
        self.checked(response, None)
    }

    /// Answers one invocation.
    pub async fn handle_invocation(
        &self,
        invocation: Invocation,
        context: lambda_runtime::Context,
    ) -> Envelope {
        self.answer(Arc::new(invocation), Arc::new(context)).await.response
    }

    /// Answers one invocation in its span, which names the handler that answers (found first,
    /// so that the span is made with every field at once: recorded later, the field is a
    /// second call into the subscriber, which looks the span up again to format it).
    fn answer(
        &self,
        invocation: Arc<Invocation>,
        context: Arc<lambda_runtime::Context>,
    ) -> tracing::instrument::Instrumented<impl Future<Output = Answered> + '_> {
        let route = self.router.find(&invocation);
        let handler = match (route, &self.fallback) {
            (Some(entry), _) => Some(entry.name),
            (None, Some(_)) => Some("fallback"),
            (None, None) => None,
        };
        let span = trace::span(&invocation, self.log_call_data, handler);
        self.answer_routed(invocation, context, route).instrument(span)
    }

    async fn answer_routed(
        &self,
        invocation: Arc<Invocation>,
        context: Arc<lambda_runtime::Context>,
        route: Option<&RouteEntry>,
    ) -> Answered {
        let budget = budget(self.timeout, context.deadline, self.margin);
        let request = Request::from_parts(invocation.clone(), self.state.clone())
            .with_shared_extension(context);
        let (guarded, handler) = match (route, &self.fallback) {
            (Some(entry), _) => (run_guarded(|| (entry.call)(request), budget), entry.name),
            (None, Some(fallback)) => (run_guarded(|| fallback(request), budget), "fallback"),
            (None, None) => return self.default_answer(&invocation),
        };
        let stored = invocation.call_details.transaction_attributes.as_ref();
        let outcome = guarded.await.and_then(|response| {
            let envelope = response.resolve(stored).map_err(|e| HandlerError::InvalidResponse(e.into()))?;
            match self.check_response(&envelope, &invocation) {
                Err(e) if self.deliver_rejected => {
                    let shown = self.loggable(Some(&invocation), &e.to_string());
                    tracing::error!(error = %shown, "answering with a response that breaks the contract, as configured");
                    Ok(envelope)
                }
                judged => judged.map(|()| envelope),
            }
        });
        match outcome {
            Ok(response) => {
                tracing::debug!(actions = response.actions.as_ref().map(Vec::len), "answered");
                Answered { response, handler: Some(handler), error: None }
            }
            Err(error) => {
                let shown = self.loggable(Some(&invocation), &error.to_string());
                tracing::error!(error = %shown, "answering with the failure policy");
                let response = self.failure(&invocation, &error);
                Answered { response, handler: Some(handler), error: Some(error.to_string()) }
            }
        }
    }

    /// Checks a handler's response: the violations that reject fail it; the others are logged
    /// at WARN with their evidence, and the response goes out.
    fn check_response(
        &self,
        envelope: &Envelope,
        invocation: &Invocation,
    ) -> Result<(), HandlerError> {
        let strict = self.limits.readings.strict;
        let (rejected, warned): (Vec<Violation>, Vec<Violation>) = envelope
            .review(&self.limits, Some(invocation))
            .into_iter()
            .partition(|v| strict || v.level() == Level::Reject);
        for v in &warned {
            tracing::warn!(
                rule = %v.rule,
                location = %v.location,
                evidence = v.rule.evidence(),
                "sent a response the documents disallow but published handlers send: {}",
                self.loggable(Some(invocation), &v.detail)
            );
        }
        if rejected.is_empty() { Ok(()) } else { Err(HandlerError::InvalidResponse(rejected)) }
    }

    /// How long a handler may run on an invocation with this Lambda deadline (epoch ms).
    pub(crate) fn budget(&self, lambda_deadline_ms: u64) -> Duration {
        budget(self.timeout, lambda_deadline_ms, self.margin)
    }

    /// The time kept back from the deadline.
    pub(crate) fn margin(&self) -> Duration {
        self.margin
    }

    /// The failure policy's answer for `error` on the event in `event`; if the bytes cannot be
    /// read, as for an event that cannot be read.
    pub(crate) fn failure_for_bytes(&self, event: &[u8], error: &HandlerError) -> Envelope {
        match Invocation::from_slice(event) {
            Ok(invocation) => self.failure(&invocation, error),
            Err(_) => self.unreadable(event, error),
        }
    }

    /// The failure policy's answer.
    fn failure(&self, invocation: &Invocation, error: &HandlerError) -> Envelope {
        self.checked(self.policy.respond(Some(invocation), error), Some(invocation))
    }

    /// A framework-built response (the failure policy's, a default), resolved and checked: one
    /// that the service would reject (a custom policy can build one) falls back to hanging up.
    fn checked(&self, response: Response, invocation: Option<&Invocation>) -> Envelope {
        let stored = invocation.and_then(|inv| inv.call_details.transaction_attributes.as_ref());
        let envelope = response
            .resolve(stored)
            .map_err(Vec::<Violation>::from)
            .and_then(|envelope| envelope.validate(&self.limits, invocation).map(|()| envelope));
        envelope.unwrap_or_else(|violations| {
            let shown: Vec<String> =
                violations.iter().map(|v| self.loggable(invocation, &v.to_string())).collect();
            tracing::error!(?shown, "the failure policy's answer is invalid; hanging up");
            Envelope::new(hang_up_connected(invocation, SipResponseCode::NormalClearing).into_vec())
        })
    }

    fn default_answer(&self, invocation: &Invocation) -> Answered {
        let mut unhandled = None;
        let response = match &invocation.event_type {
            EventType::NewOutboundCall | EventType::Ringing | EventType::ActionInterrupted => {
                Envelope::empty()
            }
            EventType::ActionSuccessful
            | EventType::DigitsReceived
            | EventType::CallUpdateRequested => Envelope { actions: None, ..Envelope::empty() },
            EventType::Hangup => {
                let connected = invocation
                    .call_details
                    .participants
                    .iter()
                    .any(|p| p.status == Some(ParticipantStatus::Connected));
                if connected {
                    tracing::info!("no HANGUP handler: hanging up the legs still connected");
                    let actions =
                        hang_up_details(&invocation.call_details, SipResponseCode::NormalClearing);
                    self.checked(Response::new(actions), Some(invocation))
                } else {
                    Envelope::empty()
                }
            }
            EventType::Other(name) => {
                tracing::warn!(event = %name, "unknown event type and no fallback; answering without actions");
                Envelope { actions: None, ..Envelope::empty() }
            }
            EventType::NewInboundCall
            | EventType::CallAnswered
            | EventType::ActionFailed
            | EventType::InvalidLambdaResponse => {
                let error = HandlerError::Unhandled(format!(
                    "no route matches {} and no fallback is set",
                    invocation.event_type
                ));
                tracing::warn!(error = %self.loggable(Some(invocation), &error.to_string()), "answering with the failure policy");
                unhandled = Some(error.to_string());
                self.failure(invocation, &error)
            }
        };
        Answered { response, handler: None, error: unhandled }
    }

    /// The failure policy's answer for a handler that did not finish within `budget`, as bytes:
    /// for the watchdog, which answers while the handler still holds its thread.
    pub(crate) fn timed_out_answer(&self, event: &[u8], budget: std::time::Duration) -> Vec<u8> {
        let error = HandlerError::TimedOut(budget);
        tracing::error!(
            error = %error,
            "the handler blocked its thread past the deadline; answering with the failure policy"
        );
        self.failure_for_bytes(event, &error).to_vec()
    }
}

/// What answered an invocation, and what went wrong.
pub(crate) struct Answered {
    pub(crate) response: Envelope,
    pub(crate) handler: Option<&'static str>,
    pub(crate) error: Option<String>,
}

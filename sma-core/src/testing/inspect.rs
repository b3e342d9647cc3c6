//! What a test can read of the call, and the assertions that print the call when they fail.

use super::{Simulator, Transcript};
use crate::contract::action::*;
use crate::contract::attributes::TransactionAttributes;
use crate::contract::event::{Invocation, ParticipantStatus};
use crate::contract::response::Envelope;

impl Simulator {
    /// The call so far.
    pub fn transcript(&self) -> &Transcript {
        &self.record.transcript
    }

    /// Every problem found: responses the service would reject, handler failures, and calls
    /// left in a bad state (a connected caller with nothing running).
    pub fn problems(&self) -> Vec<String> {
        self.record.transcript.problems().map(str::to_owned).collect()
    }

    /// The responses since the last step of the test.
    pub fn answers(&self) -> &[Envelope] {
        &self.record.answers[self.record.step_start.min(self.record.answers.len())..]
    }

    /// The actions answered since the last step of the test, in order.
    pub fn actions(&self) -> Vec<&Action> {
        self.answers().iter().flat_map(|r| r.actions.iter().flatten()).collect()
    }

    /// The transaction attributes the service stores now.
    pub fn attributes(&self) -> Option<&TransactionAttributes> {
        self.call.attributes.as_ref()
    }

    /// The stored transaction attributes read into `T`, as a handler's
    /// [`State<T>`](crate::State) reads them: `None` when nothing is stored, `Some(Err(..))`
    /// when the stored attributes do not fit `T`.
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::testing::Simulator;
    ///
    /// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    /// struct Progress { step: u32 }
    ///
    /// #[on(NewInboundCall)]
    /// async fn greet(call: Call) -> Response {
    ///     let attrs = sma_core::attributes::to_attributes(&Progress { step: 1 }).unwrap();
    ///     Response::from(Actions::from(call.leg_a().speak("Hello."))).with_attributes(attrs)
    /// }
    ///
    /// let mut sim = Simulator::from_router(handlers![greet]);
    /// sim.inbound_call("+14155550199", "+12065550100");
    /// assert_eq!(sim.state::<Progress>().unwrap().unwrap(), Progress { step: 1 });
    /// ```
    pub fn state<T: serde::de::DeserializeOwned>(&self) -> Option<Result<T, serde_json::Error>> {
        self.call.attributes.as_ref().map(crate::attributes::from_attributes)
    }

    /// The status of a leg (`None`: the leg does not exist, or has no status yet).
    pub fn status(&self, leg: &ParticipantTag) -> Option<ParticipantStatus> {
        self.leg(leg).and_then(|p| p.status.clone())
    }

    /// Every leg has hung up.
    pub fn is_ended(&self) -> bool {
        self.call.ended
    }

    /// The invocations sent so far.
    pub fn invocations(&self) -> u32 {
        self.call.invocations
    }

    /// Every event sent to the handler so far, in order (a retried invocation once).
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::event::EventType;
    /// use sma_core::testing::Simulator;
    ///
    /// #[on(NewInboundCall)]
    /// async fn busy(call: Call) -> Actions {
    ///     call.leg_a().hangup().code(SipResponseCode::Busy).into()
    /// }
    ///
    /// let mut sim = Simulator::from_router(handlers![busy]);
    /// sim.inbound_call("+14155550199", "+12065550100");
    /// assert_eq!(sim.events()[0].event_type, EventType::NewInboundCall);
    /// ```
    pub fn events(&self) -> &[Invocation] {
        &self.record.sent
    }

    /// What the test made the parties do, in order (see [`Step`](super::Step)).
    ///
    /// ```
    /// use sma_core::prelude::*;
    /// use sma_core::testing::{Simulator, Step};
    /// #[on(NewInboundCall)]
    /// async fn greet(call: Call) -> Actions { call.leg_a().hangup().into() }
    /// let mut sim = Simulator::from_router(handlers![greet]);
    /// sim.inbound_call("+14155550199", "+12065550100");
    /// assert!(matches!(&sim.steps()[0], Step::Dials { from, .. } if from == "+14155550199"));
    /// ```
    pub fn steps(&self) -> &[super::Step] {
        &self.record.steps
    }

    /// Every exchange with the function as bytes, in order: the event the Lambda entry
    /// received and the response it returned. The simulator serves the function through the
    /// entry the Lambda loop uses ([`App::handle_slice`](crate::App::handle_slice)'s), so these
    /// are the bytes a deployed function would see and send.
    pub fn exchanges(&self) -> &[super::Exchange] {
        &self.record.exchanges
    }

    /// The simulator's clock: epoch milliseconds, moved on by [`Simulator::advance`], by the
    /// waits of the caller's steps, and by the time handlers take.
    pub fn now_ms(&self) -> u64 {
        self.call.clock_ms
    }

    pub(super) fn fail(&self, what: &str) -> ! {
        panic!("{what}\n\nthe call so far:\n{}", self.record.transcript)
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
        let start = self.record.step_start.min(self.record.answers.len());
        let found = self.record.answers[start..]
            .iter()
            .zip(&self.record.answered_legs[start..])
            .any(|(r, invoking)| {
                r.actions.iter().flatten().any(|a| match a {
                    Action::Hangup(h) => {
                        let t = &h.target;
                        let addressed = match (t.call_id(), t.participant_tag()) {
                            (Some(call_id), _) => id.as_ref() == Some(call_id),
                            (None, Some(tag)) => tag == &leg,
                            // No address: the leg of the event it answers.
                            (None, None) => invoking.as_ref() == Some(&leg),
                        };
                        addressed
                            && h.sip_response_code.unwrap_or(SipResponseCode::NormalClearing)
                                == code
                    }
                    _ => false,
                })
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
        if !self.call.ended {
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

    /// The warnings: answers that break a rule published handlers break too, sent anyway.
    pub fn warnings(&self) -> Vec<String> {
        self.record.transcript.warnings().map(str::to_owned).collect()
    }

    /// Asserts that an answer was sent with a warning containing `text`.
    #[track_caller]
    pub fn assert_warning(&self, text: &str) -> &Self {
        if !self.warnings().iter().any(|w| w.contains(text)) {
            self.fail(&format!("expected a warning containing {text:?}"));
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
}

//! The call as a handler sees it: [`Call`], a view of an invocation, and its [`Leg`]s, which
//! build actions addressed to themselves. The actions know nothing of legs: a leg turns into the
//! [`Target`] an action takes (`leg.rs`), and its helpers are the actions' own constructors
//! (`builders.rs`).

mod builders;
mod leg;

pub use leg::Leg;
use leg::untagged_as_empty;

use super::action::{Hangup, ParticipantTag, SipResponseCode, Target, TransactionId};
use super::attributes::TransactionAttributes;
use super::event::{CallDetails, EventType, Invocation};
use super::response::Actions;
use std::sync::Arc;

/// `Hangup` with `code` for every leg of `details` not `Disconnected` (a new call's legs have no
/// status yet: they are up), addressed by `CallId`, in the order the event lists them (LEG-A
/// first). The one definition of "the clean end of a call": [`Call::hang_up_all`] and the
/// failure policy both use it.
pub(crate) fn hang_up_connected(
    details: &CallDetails,
    code: SipResponseCode,
) -> impl Iterator<Item = Hangup> + '_ {
    details
        .participants
        .iter()
        .filter(|p| !p.is_disconnected())
        .map(move |p| Hangup::new().on(Target::call(p.call_id.clone())).code(code))
}

/// The call: its details and helpers to address its legs. As a handler argument it extracts on
/// every event.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/event_ACTION_SUCCESSFUL_CallAndBridge_bridged.json")).unwrap();
/// let call = sma_core::Call::new(serde_json::from_str(&json).unwrap());
/// assert_eq!(call.leg_a().from_number(), Some("+17735550187"));
/// assert_eq!(call.connected_legs().count(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct Call {
    invocation: Arc<Invocation>,
}

impl Call {
    /// The call of an invocation.
    pub fn new(invocation: Invocation) -> Self {
        Call { invocation: Arc::new(invocation) }
    }

    /// The call of a shared invocation.
    pub fn shared(invocation: Arc<Invocation>) -> Self {
        Call { invocation }
    }

    /// The whole invocation.
    pub fn invocation(&self) -> &Invocation {
        &self.invocation
    }

    /// `CallDetails.TransactionId`.
    pub fn transaction_id(&self) -> &TransactionId {
        &self.invocation.call_details.transaction_id
    }

    /// `InvocationEventType`.
    pub fn event_type(&self) -> &EventType {
        &self.invocation.event_type
    }

    /// `Sequence`.
    pub fn sequence(&self) -> u64 {
        self.invocation.sequence
    }

    /// LEG-A. Every call has one; should an event lack it, the returned leg addresses LEG-A by
    /// tag.
    pub fn leg_a(&self) -> Leg {
        self.leg(ParticipantTag::LegA).unwrap_or(Leg::by_tag(ParticipantTag::LegA))
    }

    /// LEG-B, once a `CallAndBridge` or `JoinChimeMeeting` created it.
    pub fn leg_b(&self) -> Option<Leg> {
        self.leg(ParticipantTag::LegB)
    }

    /// The leg with this tag.
    pub fn leg(&self, tag: ParticipantTag) -> Option<Leg> {
        let index = self.invocation.participant_index(&tag)?;
        Some(Leg::in_invocation(tag, &self.invocation, index))
    }

    /// The leg this invocation is about (see [`Invocation::invoking_leg`]).
    pub fn invoking_leg(&self) -> Leg {
        match self.invocation.invoking_leg() {
            Some(tag) => self.leg(tag.clone()).unwrap_or(Leg::by_tag(tag)),
            None => self.leg_a(),
        }
    }

    /// Every leg.
    pub fn legs(&self) -> impl Iterator<Item = Leg> + '_ {
        let participants = &self.invocation.call_details.participants;
        participants
            .iter()
            .enumerate()
            .map(|(index, p)| Leg::in_invocation(untagged_as_empty(p), &self.invocation, index))
    }

    /// The legs still up: `Status` is `Connected`, or absent (a new call has no status yet).
    pub fn connected_legs(&self) -> impl Iterator<Item = Leg> + '_ {
        self.legs().filter(|l| !l.is_disconnected())
    }

    /// `Hangup` for every leg still up: the clean end of the call.
    pub fn hang_up_all(&self) -> Actions {
        hang_up_connected(&self.invocation.call_details, SipResponseCode::NormalClearing).collect()
    }

    /// The transaction attributes stored so far (empty when none).
    pub fn attributes(&self) -> &TransactionAttributes {
        static EMPTY: std::sync::LazyLock<TransactionAttributes> =
            std::sync::LazyLock::new(TransactionAttributes::new);
        self.invocation.call_details.transaction_attributes.as_ref().unwrap_or(&EMPTY)
    }

    /// One stored transaction attribute, when it is a string (see
    /// [`TransactionAttributes::value`] for any other JSON).
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes().get(key)
    }
}

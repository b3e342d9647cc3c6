//! One leg of the call: how it is found in the invocation and how an action addresses it.

use crate::contract::action::{CallId, E164, ParticipantTag, Target};
use crate::contract::event::{Invocation, Participant};
use std::sync::Arc;

/// One leg of the call, with helpers that build actions addressed to it
/// (`call.leg_a().speak(..)`, `leg.hangup()`, ...).
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::{Leg, ParticipantTag};
/// let leg = Leg::by_tag(ParticipantTag::LegB);
/// assert_eq!(leg.tag(), &ParticipantTag::LegB);
/// assert!(leg.call_id().is_none());
/// ```
#[derive(Clone)]
pub struct Leg {
    tag: ParticipantTag,
    participant: Option<Entry>,
}

/// Where a leg's participant entry is: in the invocation the leg came from (shared, not
/// copied), or given on its own.
#[derive(Clone)]
enum Entry {
    Shared(Arc<Invocation>, usize),
    Owned(Arc<Participant>),
}

impl Entry {
    fn get(&self) -> &Participant {
        match self {
            // The index was found in this same invocation, which cannot change.
            Entry::Shared(invocation, index) => &invocation.call_details.participants[*index],
            Entry::Owned(p) => p,
        }
    }
}

impl PartialEq for Leg {
    fn eq(&self, other: &Self) -> bool {
        self.tag == other.tag && self.participant() == other.participant()
    }
}

impl std::fmt::Debug for Leg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Leg")
            .field("tag", &self.tag)
            .field("participant", &self.participant())
            .finish()
    }
}

impl Leg {
    /// The leg `tag`, whose participant entry is `invocation`'s `index`th (shared, not copied).
    pub(super) fn in_invocation(
        tag: ParticipantTag,
        invocation: &Arc<Invocation>,
        index: usize,
    ) -> Self {
        Leg { tag, participant: Some(Entry::Shared(invocation.clone(), index)) }
    }

    /// A leg known only by its tag (actions address it with `ParticipantTag`).
    pub fn by_tag(tag: ParticipantTag) -> Self {
        Leg { tag, participant: None }
    }

    /// `ParticipantTag`.
    pub fn tag(&self) -> &ParticipantTag {
        &self.tag
    }

    /// The participant entry of the event, when the event lists this leg.
    pub fn participant(&self) -> Option<&Participant> {
        self.participant.as_ref().map(Entry::get)
    }

    /// `CallId`.
    pub fn call_id(&self) -> Option<&CallId> {
        self.participant().map(|p| &p.call_id)
    }

    /// `From`.
    pub fn from_number(&self) -> Option<&str> {
        self.participant().map(|p| p.from.as_str())
    }

    /// `To`.
    pub fn to_number(&self) -> Option<&str> {
        self.participant().map(|p| p.to.as_str())
    }

    /// `From` as a checked E.164 number (`None` when the event has no such leg or its `From` is
    /// not E.164, a SIP user part for example): ready for `CallerIdNumber`.
    ///
    /// ```
    /// # let json = r#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL","CallDetails":{"TransactionId":"t","AwsAccountId":"1","AwsRegion":"us-east-1","SipMediaApplicationId":"s","Participants":[{"CallId":"c","ParticipantTag":"LEG-A","To":"+12065550100","From":"+14155550199","Direction":"Inbound","StartTimeInMilliseconds":"1"}]}}"#;
    /// # let call = sma_core::Call::new(sma_core::Invocation::from_slice(json.as_bytes()).unwrap());
    /// assert_eq!(call.leg_a().from_e164(), Some(sma_core::e164!("+14155550199")));
    /// assert_eq!(call.leg_a().to_e164().unwrap().as_str(), "+12065550100");
    /// ```
    pub fn from_e164(&self) -> Option<E164> {
        self.from_number().and_then(|n| E164::parse(n).ok())
    }

    /// `To` as a checked E.164 number (see [`Leg::from_e164`]): for an inbound call, the number
    /// the caller dialled, which the account owns.
    pub fn to_e164(&self) -> Option<E164> {
        self.to_number().and_then(|n| E164::parse(n).ok())
    }

    /// `Status` is `Disconnected`.
    pub fn is_disconnected(&self) -> bool {
        self.participant().is_some_and(Participant::is_disconnected)
    }

    /// How an action addresses this leg: its `CallId` when the event lists it, else its tag.
    ///
    /// ```
    /// use sma_core::action::Target;
    /// use sma_core::{Leg, ParticipantTag};
    /// assert_eq!(Leg::by_tag(ParticipantTag::LegB).target(), Target::Tag(ParticipantTag::LegB));
    /// ```
    pub fn target(&self) -> Target {
        match self.call_id() {
            Some(id) => Target::Call(id.clone()),
            None => Target::Tag(self.tag.clone()),
        }
    }
}

impl From<&Participant> for Leg {
    fn from(p: &Participant) -> Self {
        Leg { tag: untagged_as_empty(p), participant: Some(Entry::Owned(Arc::new(p.clone()))) }
    }
}

/// The tag of a participant; an untagged one (see `Invocation::participant`) keeps an empty
/// tag here, and `Call::leg_a` reads it as LEG-A.
pub(super) fn untagged_as_empty(p: &Participant) -> ParticipantTag {
    p.participant_tag.clone().unwrap_or_else(|| ParticipantTag::Other(String::new()))
}

impl From<&Leg> for Target {
    fn from(leg: &Leg) -> Self {
        leg.target()
    }
}

impl From<Leg> for Target {
    fn from(leg: Leg) -> Self {
        leg.target()
    }
}

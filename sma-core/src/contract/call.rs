//! The call as a handler sees it: [`Call`], a view of an invocation, and its [`Leg`]s, which
//! build actions addressed to themselves.

use super::action::{CallId, E164, ParticipantTag, Target, TransactionId};
use super::attributes::TransactionAttributes;
use super::event::{EventType, Invocation, Participant};
use super::response::Actions;
use std::sync::Arc;

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
        Some(Leg { tag, participant: Some(Entry::Shared(self.invocation.clone(), index)) })
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
        self.invocation.call_details.participants.iter().enumerate().map(|(index, p)| Leg {
            tag: untagged_as_empty(p),
            participant: Some(Entry::Shared(self.invocation.clone(), index)),
        })
    }

    /// The legs still up: `Status` is `Connected`, or absent (a new call has no status yet).
    pub fn connected_legs(&self) -> impl Iterator<Item = Leg> + '_ {
        self.legs().filter(|l| !l.is_disconnected())
    }

    /// `Hangup` for every leg still up: the clean end of the call.
    pub fn hang_up_all(&self) -> Actions {
        self.connected_legs().map(|leg| leg.hangup()).collect()
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
fn untagged_as_empty(p: &Participant) -> ParticipantTag {
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

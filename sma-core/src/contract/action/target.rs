//! How an action addresses a leg: the ids of a call and its legs, the leg tags, and [`Target`].

use crate::contract::text::Text;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Declares a string newtype that travels as a plain JSON string.
macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Text);

        impl $name {
            /// Wraps a string as it travels on the wire.
            pub fn new(value: impl Into<Text>) -> Self {
                $name(value.into())
            }
        }
        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s.into())
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.into())
            }
        }
        impl From<Text> for $name {
            fn from(s: Text) -> Self {
                $name(s)
            }
        }
        impl crate::contract::wire::FromWire for $name {
            fn from_borrowed(s: &str) -> Self {
                $name(crate::contract::text::shared(s))
            }
        }
        string_views!($name);
    };
}

string_newtype! {
    /// The id of one call leg: `Participants[].CallId` in an event, the `CallId` parameter of
    /// an action (a UUID string on the wire).
    ///
    /// See [PSTN Audio invocations](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
    ///
    /// ```
    /// let id = sma_core::CallId::from("4f1b7c0e-0000-4000-8000-000000000001");
    /// assert_eq!(id, "4f1b7c0e-0000-4000-8000-000000000001");
    /// ```
    CallId
}

string_newtype! {
    /// The id of a whole call, all legs included: `CallDetails.TransactionId` (a UUID string).
    /// It is constant from the first event to the last and is the key of
    /// `UpdateSipMediaApplicationCall`.
    ///
    /// See [PSTN Audio invocations](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
    ///
    /// ```
    /// let id = sma_core::TransactionId::from("t-1");
    /// assert_eq!(id.as_str(), "t-1");
    /// ```
    TransactionId
}

/// Which leg of the call: the wire strings `"LEG-A"` and `"LEG-B"` (`ParticipantTag`).
///
/// LEG-A is the leg that started the transaction (the inbound caller, or the callee of
/// `CreateSipMediaApplicationCall`); LEG-B is the leg the service created for a
/// `CallAndBridge` or a `JoinChimeMeeting`. Tags are read case-insensitively (one doc page writes
/// `Leg-A`, see [`Normalization::LegTagCase`](crate::contract::wire::Normalization::LegTagCase)); any other
/// string is kept in [`ParticipantTag::Other`].
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::ParticipantTag;
/// let tag: ParticipantTag = serde_json::from_str("\"Leg-b\"").unwrap();
/// assert_eq!(tag, ParticipantTag::LegB);
/// assert_eq!(serde_json::to_string(&tag).unwrap(), "\"LEG-B\"");
/// for (wire, tag) in [("LEG-A", ParticipantTag::LegA), ("leg-a", ParticipantTag::LegA),
///     ("LEG-B", ParticipantTag::LegB), ("LEG-C", ParticipantTag::Other("LEG-C".into()))] {
///     assert_eq!(ParticipantTag::from(wire), tag);
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParticipantTag {
    /// `"LEG-A"`.
    LegA,
    /// `"LEG-B"`.
    LegB,
    /// Any other string, kept as received (only doc templates carry one).
    Other(String),
}

impl ParticipantTag {
    /// The canonical wire string.
    pub fn as_str(&self) -> &str {
        match self {
            ParticipantTag::LegA => "LEG-A",
            ParticipantTag::LegB => "LEG-B",
            ParticipantTag::Other(s) => s,
        }
    }
}

impl From<&str> for ParticipantTag {
    fn from(s: &str) -> Self {
        // The service's spelling is compared first, whole: a byte-by-byte comparison that
        // ignores case cost about 150 instructions a tag at the size-optimised build.
        match s {
            "LEG-A" => ParticipantTag::LegA,
            "LEG-B" => ParticipantTag::LegB,
            _ if s.eq_ignore_ascii_case("LEG-A") => ParticipantTag::LegA,
            _ if s.eq_ignore_ascii_case("LEG-B") => ParticipantTag::LegB,
            _ => ParticipantTag::Other(s.to_owned()),
        }
    }
}

impl From<String> for ParticipantTag {
    fn from(s: String) -> Self {
        match ParticipantTag::from(s.as_str()) {
            ParticipantTag::Other(_) => ParticipantTag::Other(s),
            known => known,
        }
    }
}

impl fmt::Display for ParticipantTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ParticipantTag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl crate::contract::wire::FromWire for ParticipantTag {}

impl<'de> Deserialize<'de> for ParticipantTag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::contract::wire::text(d)
    }
}

/// How an action addresses the leg it acts on: its `CallId` and `ParticipantTag` parameters.
///
/// On the wire these are two optional sibling parameters of every action. When both are given
/// the service uses `CallId` and ignores the tag; when neither is given it acts on the leg that
/// caused the invocation. An empty string counts as absent (AWS samples send `""`, see
/// [`Normalization::EmptyLegAddress`](crate::contract::wire::Normalization::EmptyLegAddress)).
///
/// The documents call `CallId` required for `SendDigits`, `Speak`, `SpeakAndGetDigits`,
/// `VoiceFocus` and the four call-recording actions; the builders of those actions take a
/// target, and [`Leg`](crate::Leg) gives one (`call.leg_a().target()`).
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::action::Target;
/// use sma_core::{CallId, ParticipantTag};
/// let t: Target = serde_json::from_str(r#"{"CallId": "", "ParticipantTag": "LEG-B"}"#).unwrap();
/// assert_eq!(t, Target::Tag(ParticipantTag::LegB));
/// assert_eq!(Target::call("c-1").and_tag(ParticipantTag::LegA).call_id(), Some(&CallId::from("c-1")));
/// assert_eq!(serde_json::to_string(&Target::InvokingLeg).unwrap(), "{}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Target {
    /// Neither given: the leg that caused the invocation.
    #[default]
    InvokingLeg,
    /// `CallId`: the leg with this id.
    Call(CallId),
    /// `ParticipantTag`: the leg with this tag.
    Tag(ParticipantTag),
    /// Both given (some doc examples do): the service uses the `CallId`.
    CallAndTag(CallId, ParticipantTag),
}

impl Target {
    /// The leg with this `CallId`.
    pub fn call(id: impl Into<CallId>) -> Self {
        Target::Call(id.into())
    }

    /// The leg with this tag.
    pub fn tag(tag: ParticipantTag) -> Self {
        Target::Tag(tag)
    }

    /// Adds a `ParticipantTag` beside the `CallId` (written, but ignored by the service); on a
    /// target without `CallId` it sets the tag.
    pub fn and_tag(self, tag: ParticipantTag) -> Self {
        match self {
            Target::Call(id) | Target::CallAndTag(id, _) => Target::CallAndTag(id, tag),
            Target::InvokingLeg | Target::Tag(_) => Target::Tag(tag),
        }
    }

    /// The `CallId` parameter, when given.
    pub fn call_id(&self) -> Option<&CallId> {
        match self {
            Target::Call(id) | Target::CallAndTag(id, _) => Some(id),
            Target::InvokingLeg | Target::Tag(_) => None,
        }
    }

    /// The `ParticipantTag` parameter, when given.
    pub fn participant_tag(&self) -> Option<&ParticipantTag> {
        match self {
            Target::Tag(tag) | Target::CallAndTag(_, tag) => Some(tag),
            Target::InvokingLeg | Target::Call(_) => None,
        }
    }

    /// Neither parameter is given: the service acts on the leg that caused the invocation.
    pub fn is_invoking_leg(&self) -> bool {
        matches!(self, Target::InvokingLeg)
    }
}

impl From<CallId> for Target {
    fn from(id: CallId) -> Self {
        Target::Call(id)
    }
}

impl From<&CallId> for Target {
    fn from(id: &CallId) -> Self {
        Target::Call(id.clone())
    }
}

impl From<ParticipantTag> for Target {
    fn from(tag: ParticipantTag) -> Self {
        Target::Tag(tag)
    }
}

/// The wire form of a [`Target`]: two optional sibling parameters, `""` meaning absent.
#[derive(Serialize, Deserialize)]
struct WireTarget {
    #[serde(
        rename = "CallId",
        default,
        deserialize_with = "crate::contract::wire::non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    call_id: Option<CallId>,
    #[serde(
        rename = "ParticipantTag",
        default,
        deserialize_with = "crate::contract::wire::non_empty",
        skip_serializing_if = "Option::is_none"
    )]
    participant_tag: Option<ParticipantTag>,
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        WireTarget {
            call_id: self.call_id().cloned(),
            participant_tag: self.participant_tag().cloned(),
        }
        .serialize(s)
    }
}

/// A target flattened into an action's parameters takes `CallId` and `ParticipantTag`.
impl<'de> crate::contract::wire::Flat<'de> for Target {
    type Parts = (Option<Option<CallId>>, Option<Option<ParticipantTag>>);

    fn take<A: serde::de::MapAccess<'de>>(
        parts: &mut Self::Parts,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        struct NonEmpty<T: crate::contract::wire::FromWire>(
            #[serde(deserialize_with = "crate::contract::wire::non_empty")] Option<T>,
        );
        match key {
            "CallId" if parts.0.is_some() => Err(A::Error::duplicate_field("CallId")),
            "ParticipantTag" if parts.1.is_some() => {
                Err(A::Error::duplicate_field("ParticipantTag"))
            }
            "CallId" => {
                parts.0 = Some(map.next_value::<NonEmpty<CallId>>()?.0);
                Ok(true)
            }
            "ParticipantTag" => {
                parts.1 = Some(map.next_value::<NonEmpty<ParticipantTag>>()?.0);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn finish<E: serde::de::Error>(parts: &mut Self::Parts) -> Result<Self, E> {
        Ok(match (parts.0.take().flatten(), parts.1.take().flatten()) {
            (None, None) => Target::InvokingLeg,
            (Some(id), None) => Target::Call(id),
            (None, Some(tag)) => Target::Tag(tag),
            (Some(id), Some(tag)) => Target::CallAndTag(id, tag),
        })
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = WireTarget::deserialize(d)?;
        Ok(match (w.call_id, w.participant_tag) {
            (None, None) => Target::InvokingLeg,
            (Some(id), None) => Target::Call(id),
            (None, Some(tag)) => Target::Tag(tag),
            (Some(id), Some(tag)) => Target::CallAndTag(id, tag),
        })
    }
}

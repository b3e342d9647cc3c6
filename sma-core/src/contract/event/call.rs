//! `CallDetails` and its participants.

use crate::contract::action::{CallId, ParticipantTag, SipHeaders, TransactionId};
use crate::contract::attributes::TransactionAttributes;
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::open_enum;
use serde::Serialize;
use serde::de::{Deserializer, SeqAccess, Visitor};
use sma_macros::DeserializeWire;
use std::fmt;

/// `CallDetails`: the transaction and its legs, sent with every event.
///
/// On the wire: `TransactionId`, `TransactionAttributes` (only once the handler stored some),
/// `AwsAccountId`, `AwsRegion`, `SipMediaApplicationId` (doc examples: `SipApplicationId`),
/// `SipRuleId` (absent on outbound calls) and `Participants`.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// let d: sma_core::event::CallDetails = serde_json::from_str(r#"{"TransactionId":"t","AwsAccountId":"1",
///     "AwsRegion":"us-east-1","SipMediaApplicationId":"s","Participants":[]}"#).unwrap();
/// assert!(d.sip_rule_id.is_none() && d.transaction_attributes.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct CallDetails {
    /// `TransactionId`: the whole call.
    pub transaction_id: TransactionId,
    /// `TransactionAttributes`: the map the handler stored, echoed back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_attributes: Option<TransactionAttributes>,
    /// `AwsAccountId`.
    pub aws_account_id: Text,
    /// `AwsRegion`.
    pub aws_region: Text,
    /// `SipMediaApplicationId` (also read as `SipApplicationId`).
    #[serde(alias = "SipApplicationId")]
    pub sip_media_application_id: Text,
    /// `SipRuleId`: the SIP rule that routed an inbound call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sip_rule_id: Option<Text>,
    /// `Participants`: one entry per leg; legs that hung up stay with `Status: Disconnected`.
    #[serde(deserialize_with = "legs")]
    pub participants: Vec<Participant>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

/// Reads `Participants` into room for two, a call's usual legs. Serde's first room is four: with
/// a `Participant` of about 300 bytes, that is past the sizes glibc's per-thread cache serves,
/// and callgrind measured 400 to 640 instructions more per event for it.
fn legs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Participant>, D::Error> {
    struct Legs;
    impl<'de> Visitor<'de> for Legs {
        type Value = Vec<Participant>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of participants")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut legs = Vec::with_capacity(seq.size_hint().unwrap_or(2).min(16));
            while seq.next_element_seed(Push(&mut legs))?.is_some() {}
            Ok(legs)
        }
    }
    // Each leg is read into a place of its own and moved once, into the list: not through
    // serde's results (an `Option`, a `Result` and the map reader's) and the reader's own.
    struct Push<'a>(&'a mut Vec<Participant>);
    impl<'de> serde::de::DeserializeSeed<'de> for Push<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            let mut leg = None;
            <Participant as wire::ReadInto>::read_into(d, &mut leg)?;
            self.0.extend(leg);
            Ok(())
        }
    }
    d.deserialize_seq(Legs)
}

open_enum! {
    /// `Participants[].Direction`.
    ///
    /// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
    ///
    /// ```
    /// assert_eq!(sma_core::event::Direction::Inbound.as_str(), "Inbound");
    /// ```
    pub enum Direction {
        /// `"Inbound"`: the call arrived at PSTN Audio.
        Inbound = "Inbound",
        /// `"Outbound"`: the service placed the leg (`CreateSipMediaApplicationCall`,
        /// `CallAndBridge`, `JoinChimeMeeting`).
        Outbound = "Outbound",
    }
}

open_enum! {
    /// `Participants[].Status` (absent on NEW_INBOUND_CALL, NEW_OUTBOUND_CALL and RINGING).
    ///
    /// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
    ///
    /// ```
    /// assert_eq!(sma_core::event::ParticipantStatus::Connected.as_str(), "Connected");
    /// ```
    pub enum ParticipantStatus {
        /// `"Connected"`.
        Connected = "Connected",
        /// `"Disconnected"`.
        Disconnected = "Disconnected",
    }
}

/// One leg of the call: an element of `CallDetails.Participants`.
///
/// On the wire: `CallId`, `ParticipantTag` (`LEG-A`/`LEG-B`, any case; absent once), `To`, `From` (E.164
/// usually, but `"SMA"` on a meeting leg: not checked), `Direction`,
/// `StartTimeInMilliseconds` (epoch milliseconds as a *string*), `Status` (optional) and
/// `SipHeaders` (optional, custom headers of the INVITE).
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// let p: sma_core::event::Participant = serde_json::from_str(r#"{"CallId":"c","ParticipantTag":"Leg-A",
///     "To":"+1","From":"SMA","Direction":"Outbound","StartTimeInMilliseconds":"1597009588000"}"#).unwrap();
/// assert_eq!(p.participant_tag, Some(sma_core::ParticipantTag::LegA));
/// assert_eq!(p.start_time_millis(), Some(1_597_009_588_000));
/// assert!(!p.is_connected());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct Participant {
    /// `CallId`.
    pub call_id: CallId,
    /// `ParticipantTag`; absent in one published sample's test input (see
    /// [`Invocation::participant`](super::Invocation::participant) for how such a leg is read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_tag: Option<ParticipantTag>,
    /// `To`.
    pub to: Text,
    /// `From`.
    pub from: Text,
    /// `Direction`.
    pub direction: Direction,
    /// `StartTimeInMilliseconds`, kept as the string it is on the wire.
    pub start_time_in_milliseconds: Text,
    /// `Status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ParticipantStatus>,
    /// `SipHeaders`: custom headers of the INVITE (`x-…`, `User-to-User`, `Diversion`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sip_headers: Option<SipHeaders>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl Participant {
    /// `StartTimeInMilliseconds` as a number, when it is one.
    pub fn start_time_millis(&self) -> Option<u64> {
        self.start_time_in_milliseconds.trim().parse().ok()
    }

    /// `Status` is `Connected`.
    pub fn is_connected(&self) -> bool {
        self.status == Some(ParticipantStatus::Connected)
    }

    /// The tag, for messages: `LEG-A`, `LEG-B`, or `(no tag)`.
    pub fn tag_name(&self) -> &str {
        self.participant_tag.as_ref().map_or("(no tag)", ParticipantTag::as_str)
    }

    /// `Status` is `Disconnected`.
    pub fn is_disconnected(&self) -> bool {
        self.status == Some(ParticipantStatus::Disconnected)
    }
}

//! Actions for Amazon Chime SDK meetings.

use super::{ParticipantTag, Target};
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::open_enum;
use serde::Serialize;
use sma_macros::DeserializeWire;

/// `JoinChimeMeeting`: joins LEG-A to an Amazon Chime SDK meeting; the service creates the
/// meeting leg (LEG-B, `To: "SMA"`).
///
/// Parameters on the wire: `JoinToken` (required, from `CreateAttendee`), `CallId` /
/// `ParticipantTag` (LEG-A only) and `MeetingId` (required for meetings of the
/// `chime-sdk-meetings` namespace). Not allowed on a bridged call. Always followed by
/// ACTION_SUCCESSFUL or ACTION_FAILED (`InvalidActionParameter`, `SystemException`; one doc
/// example uses a single `Error` string).
///
/// See [JoinChimeMeeting](https://docs.aws.amazon.com/chime-sdk/latest/dg/join-chime-meeting.html).
///
/// ```
/// let j: sma_core::action::JoinChimeMeeting = serde_json::from_str(r#"{"JoinToken":"t"}"#).unwrap();
/// assert_eq!(j.join_token.as_deref(), Some("t"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct JoinChimeMeeting {
    /// `JoinToken`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_token: Option<Text>,
    /// `CallId` / `ParticipantTag`: LEG-A.
    #[serde(flatten)]
    pub target: Target,
    /// `MeetingId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<Text>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

open_enum! {
    /// `Operation` of `ModifyChimeMeetingAttendees`.
    ///
    /// See [ModifyChimeMeetingAttendees](https://docs.aws.amazon.com/chime-sdk/latest/dg/mute-unmute.html).
    ///
    /// ```
    /// assert_eq!(sma_core::action::MeetingOperation::Mute.as_str(), "Mute");
    /// ```
    pub enum MeetingOperation {
        /// `"Mute"`.
        Mute = "Mute",
        /// `"Unmute"`.
        Unmute = "Unmute",
    }
}

/// `ModifyChimeMeetingAttendees`: mutes or unmutes telephony attendees of the meeting the call
/// joined.
///
/// Parameters on the wire: `Operation` (required), `MeetingId` (required), `CallId` /
/// `ParticipantTag` (the meeting leg, LEG-B) and `AttendeeList` (required, 1–100 attendee ids).
/// Always followed by ACTION_SUCCESSFUL or ACTION_FAILED (`InvalidActionParameter`,
/// `SystemException`; the failure carries `ErrorList`).
///
/// See [ModifyChimeMeetingAttendees](https://docs.aws.amazon.com/chime-sdk/latest/dg/mute-unmute.html).
///
/// ```
/// let m: sma_core::action::ModifyChimeMeetingAttendees = serde_json::from_str(
///     r#"{"Operation":"Mute","MeetingId":"m","ParticipantTag":"LEG-B","AttendeeList":["a1"]}"#).unwrap();
/// assert_eq!(m.attendee_list.map(|l| l.len()), Some(1));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ModifyChimeMeetingAttendees {
    /// `Operation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<MeetingOperation>,
    /// `MeetingId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<Text>,
    /// `CallId` / `ParticipantTag`: the meeting leg.
    #[serde(flatten)]
    pub target: Target,
    /// `AttendeeList`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendee_list: Option<Vec<String>>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl JoinChimeMeeting {
    /// Joins the invoking leg (LEG-A, the only leg allowed) to a meeting with an attendee's
    /// `JoinToken`.
    ///
    /// ```
    /// let j = sma_core::action::JoinChimeMeeting::new("token").meeting_id("m-1");
    /// assert_eq!(j.meeting_id.as_deref(), Some("m-1"));
    /// ```
    pub fn new(join_token: impl Into<Text>) -> Self {
        JoinChimeMeeting { join_token: Some(join_token.into()), ..Default::default() }
    }

    /// `MeetingId` (required for `chime-sdk-meetings` meetings).
    pub fn meeting_id(mut self, id: impl Into<Text>) -> Self {
        self.meeting_id = Some(id.into());
        self
    }
}

impl ModifyChimeMeetingAttendees {
    /// Mutes or unmutes `attendees` (1–100) of `meeting_id`, acting on the meeting leg
    /// (`ParticipantTag: LEG-B`; address it by `CallId` with [`on`](Self::on)).
    ///
    /// ```
    /// use sma_core::action::{MeetingOperation, ModifyChimeMeetingAttendees};
    /// let m = ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m-1", ["a-1"]);
    /// assert_eq!(m.attendee_list, Some(vec!["a-1".to_string()]));
    /// ```
    pub fn new<I, S>(operation: MeetingOperation, meeting_id: impl Into<Text>, attendees: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ModifyChimeMeetingAttendees {
            operation: Some(operation),
            meeting_id: Some(meeting_id.into()),
            target: Target::Tag(ParticipantTag::LegB),
            attendee_list: Some(attendees.into_iter().map(Into::into).collect()),
            extra: wire::Extra::new(),
        }
    }
}

//! Actions for Amazon Chime SDK meetings.

use super::common::LegAddress;
use crate::wire::open_enum;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct JoinChimeMeeting {
    /// `JoinToken`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_token: Option<String>,
    /// `CallId` / `ParticipantTag`: LEG-A.
    #[serde(flatten)]
    pub target: LegAddress,
    /// `MeetingId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<String>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ModifyChimeMeetingAttendees {
    /// `Operation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<MeetingOperation>,
    /// `MeetingId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<String>,
    /// `CallId` / `ParticipantTag`: the meeting leg.
    #[serde(flatten)]
    pub target: LegAddress,
    /// `AttendeeList`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendee_list: Option<Vec<String>>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

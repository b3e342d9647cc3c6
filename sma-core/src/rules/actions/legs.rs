//! Rules about the leg an action addresses: a leg of this call, one the action may act on.

use super::Check;
use crate::contract::action::{Action, ParticipantTag, Target};
use crate::contract::event::{Invocation, Participant, ParticipantStatus};
use crate::rules::rule::Rule;

/// Which leg an address without a `CallId` resolves to in this invocation, if it can be told.
fn by_tag<'a>(address: &Target, inv: &'a Invocation) -> Option<&'a Participant> {
    let tag = address.participant_tag().cloned().or_else(|| inv.invoking_leg())?;
    inv.participant(&tag)
}

/// What LEG-B is, when it is connected: a meeting (its `To` or `From` is `"SMA"`, use-cases
/// and case-5 pages) or a bridged call.
enum LegB {
    None,
    Meeting,
    Bridge,
}

fn leg_b(inv: &Invocation) -> LegB {
    let b = inv.participant(&ParticipantTag::LegB).filter(|p| !p.is_disconnected());
    match b {
        None => LegB::None,
        Some(p) if p.to == "SMA" || p.from == "SMA" => LegB::Meeting,
        Some(_) => LegB::Bridge,
    }
}

/// Actions the call's state rules out (`Rule::CallState`), judged on the legs of the
/// invocation when no earlier action of the list changes them.
fn call_state(check: &mut Check<'_>, action: &Action, inv: &Invocation) {
    let depends = matches!(
        action,
        Action::JoinChimeMeeting(_)
            | Action::StartBotConversation(_)
            | Action::ModifyChimeMeetingAttendees(_)
    );
    if !check.settled || !depends {
        return;
    }
    let why = match (action, leg_b(inv)) {
        (Action::JoinChimeMeeting(_), LegB::Bridge) => {
            "JoinChimeMeeting is not allowed on a bridged call (LEG-B is connected)"
        }
        (Action::StartBotConversation(_), LegB::Bridge) => {
            "StartBotConversation is not allowed on a bridged call (LEG-B is connected)"
        }
        (Action::StartBotConversation(_), LegB::Meeting) => {
            "StartBotConversation is not allowed on a call joined to a meeting"
        }
        (Action::ModifyChimeMeetingAttendees(_), LegB::Bridge) => {
            "the call is bridged to a number, not connected to a meeting: ModifyChimeMeetingAttendees fails"
        }
        (Action::ModifyChimeMeetingAttendees(_), LegB::None) => {
            "the call is not connected to a meeting: ModifyChimeMeetingAttendees fails"
        }
        _ => return,
    };
    check.at(Rule::CallState, "", why.to_owned());
}

pub(super) fn check(check: &mut Check<'_>, action: &Action, inv: &Invocation) {
    call_state(check, action, inv);
    let address = action.target();
    let by_id = address.call_id().map(|id| (id, inv.participant_by_id(id)));
    if let Some((id, found)) = by_id {
        if found.is_none() {
            let known: Vec<String> = inv
                .call_details
                .participants
                .iter()
                .map(|p| format!("{} ({})", p.call_id, p.tag_name()))
                .collect();
            check.at(
                Rule::UnknownLeg,
                "CallId",
                format!(
                    "is {id:?}, which is not a leg of this call; the legs are {}",
                    known.join(", ")
                ),
            );
            return;
        }
    }
    match address.participant_tag() {
        Some(ParticipantTag::Other(t)) => {
            check.at(
                Rule::UnknownValue,
                "ParticipantTag",
                format!("is {t:?}; allowed \"LEG-A\", \"LEG-B\""),
            );
            return;
        }
        Some(tag) if address.call_id().is_none() && inv.participant(tag).is_none() => {
            check.at(
                Rule::UnknownLeg,
                "ParticipantTag",
                format!("is {tag}, but this call has no {tag} (yet)"),
            );
            return;
        }
        _ => {}
    }
    let Some(leg) = by_id.map_or_else(|| by_tag(&address, inv), |(_, leg)| leg) else { return };
    let parameter = if address.call_id().is_some() { "CallId" } else { "ParticipantTag" };
    let only = |tag: ParticipantTag| leg.participant_tag.as_ref() != Some(&tag);
    match action {
        _ if action.action_type().spec().is_some_and(|s| s.leg_a_only)
            && only(ParticipantTag::LegA) =>
        {
            check.at(
                Rule::WrongLeg,
                parameter,
                format!(
                    "addresses {}; {} acts on LEG-A only",
                    leg.tag_name(),
                    check.name.to_owned()
                ),
            );
        }
        Action::ModifyChimeMeetingAttendees(_) if only(ParticipantTag::LegB) => {
            check.at(
                Rule::WrongLeg,
                parameter,
                format!(
                    "addresses {}; ModifyChimeMeetingAttendees acts on the meeting leg, LEG-B",
                    leg.tag_name()
                ),
            );
        }
        Action::Hangup(_) | Action::Raw(_) => {}
        // When every leg has hung up the service ignores the answer: nothing to report.
        _ if leg.status == Some(ParticipantStatus::Disconnected)
            && inv.call_details.participants.iter().any(|p| !p.is_disconnected()) =>
        {
            check.at(
                Rule::WrongLeg,
                parameter,
                format!("addresses {} ({}), which has hung up", leg.tag_name(), leg.call_id),
            );
        }
        _ => {}
    }
}

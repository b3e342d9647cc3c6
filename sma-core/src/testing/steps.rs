//! What a test made the parties of a simulated call do, as data: [`Step`].

use crate::contract::action::ParticipantTag;
use crate::contract::arguments::ArgumentsMap;
use std::fmt;

/// One thing a test made a party of the call do, in the order the test did it
/// ([`Simulator::steps`](super::Simulator::steps)). Its `Display` is the line the
/// [`Transcript`](super::Transcript) prints for it (`caller   presses 1`).
///
/// Tools that replay a scenario somewhere else (the Amazon Connect walk of `sma-connect`)
/// read these instead of the transcript's text.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::prelude::*;
/// use sma_core::testing::{Simulator, Step};
///
/// #[on(NewInboundCall)]
/// async fn ask(call: Call) -> Actions {
///     call.leg_a().speak_and_get_digits("Press 1.", "Sorry?").into()
/// }
///
/// let mut sim = Simulator::from_router(handlers![ask]);
/// sim.inbound_call("+14155550199", "+12065550100").press("1");
/// assert_eq!(sim.steps()[1], Step::Presses("1".into()));
/// assert_eq!(sim.steps()[1].to_string(), "presses 1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// An inbound call from `from` to `to` (NEW_INBOUND_CALL).
    Dials {
        /// The caller's number.
        from: String,
        /// The number dialled.
        to: String,
    },
    /// `CreateSipMediaApplicationCall` from `from` to `to` with `arguments`.
    Places {
        /// The calling number.
        from: String,
        /// The callee.
        to: String,
        /// `ArgumentsMap`, as the API sends it.
        arguments: ArgumentsMap,
    },
    /// The outbound callee answers.
    Answers,
    /// The outbound callee does not answer.
    DoesNotAnswer,
    /// CALL_ANSWERED arrives, but nobody picked up.
    AnsweredByNobody,
    /// Keys pressed, then the input ends.
    Presses(String),
    /// Keys pressed, and the test goes on at once.
    PressesAndGoesOn(String),
    /// Nothing pressed, nothing said.
    StaysSilent,
    /// LEG-B of the running CallAndBridge answers.
    BridgeAnswers,
    /// LEG-B of the running CallAndBridge does not answer in time.
    BridgeNotAnswered,
    /// LEG-B of the running CallAndBridge rejects the call with this SIP code.
    BridgeRejects(u16),
    /// A party hangs up this leg.
    HangsUp(ParticipantTag),
    /// A party hangs up this leg while an action runs on it; the action's result comes late.
    HangsUpDuringAction(ParticipantTag),
    /// `UpdateSipMediaApplicationCall` with these arguments.
    Updates(ArgumentsMap),
    /// This many milliseconds pass.
    TimePasses(u128),
    /// The bot conversation ends.
    BotEnds,
    /// The meeting ends.
    MeetingEnds,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Dials { from, to } => write!(f, "dials {to} from {from}"),
            Step::Places { from, to, .. } => {
                write!(f, "CreateSipMediaApplicationCall from {from} to {to}")
            }
            Step::Answers => f.write_str("the callee answers"),
            Step::DoesNotAnswer => f.write_str("the callee does not answer"),
            Step::AnsweredByNobody => f.write_str("CALL_ANSWERED arrives, but nobody picked up"),
            Step::Presses(keys) => write!(f, "presses {keys}"),
            Step::PressesAndGoesOn(keys) => write!(f, "presses {keys} (and goes on)"),
            Step::StaysSilent => f.write_str("stays silent"),
            Step::BridgeAnswers => f.write_str("LEG-B answers"),
            Step::BridgeNotAnswered => f.write_str("LEG-B does not answer"),
            Step::BridgeRejects(code) => write!(f, "LEG-B rejects the call (SIP {code})"),
            Step::HangsUp(leg) => write!(f, "{} hangs up", leg.as_str()),
            Step::HangsUpDuringAction(leg) => {
                write!(f, "{} hangs up while an action runs (its result comes late)", leg.as_str())
            }
            Step::Updates(arguments) => write!(f, "UpdateSipMediaApplicationCall {arguments:?}"),
            Step::TimePasses(ms) => write!(f, "{ms} ms pass"),
            Step::BotEnds => f.write_str("the bot conversation ends"),
            Step::MeetingEnds => f.write_str("the meeting ends"),
        }
    }
}

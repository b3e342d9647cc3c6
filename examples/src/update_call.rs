//! Updating a call in progress from outside (`UpdateSipMediaApplicationCall`), as the AWS
//! samples `amazon-chime-sma-update-call` and `amazon-chime-sdk-take-back-and-transfer` do: a
//! supervisor's tool announces something to the caller, takes the call back from the agent and
//! transfers it elsewhere, or ends it.
//!
//! ```text
//! NEW_INBOUND_CALL                       → CallAndBridge to AGENT_NUMBER
//! CALL_UPDATE_REQUESTED action=announce  → Speak `text` to the caller
//!                       action=transfer  → Hangup LEG-B, remembering `to` in the attributes
//!                       action=hangup    → Hangup of every connected leg
//! HANGUP of LEG-B, a transfer pending    → "Transferring you" + CallAndBridge to `to`
//! HANGUP otherwise                       → Hangup of the leg still connected
//! ACTION_FAILED(bridge)                  → apology + Hangup
//! ```
//!
//! `aws chime-sdk-voice update-sip-media-application-call --sip-media-application-id …
//! --transaction-id … --arguments action=transfer,to=+12065550111`

use serde::{Deserialize, Serialize};
use sma_core::action::{CallAndBridge, E164};
use sma_core::arguments::CallArguments;
use sma_core::attributes::to_attributes;
use sma_core::prelude::*;
use std::time::Duration;

/// Where calls go first.
#[derive(Debug, Clone)]
pub struct Agents {
    /// The first agent's number.
    pub first: E164,
}

impl Agents {
    /// Reads `AGENT_NUMBER` (E.164).
    pub fn from_env() -> Result<Self, String> {
        let n = std::env::var("AGENT_NUMBER").map_err(|_| "AGENT_NUMBER is not set".to_owned())?;
        Ok(Agents { first: E164::parse(n).map_err(|e| format!("AGENT_NUMBER: {e}"))? })
    }
}

/// The `Arguments` of an update: what the supervisor's tool sends with `sma_client::update_call`
/// and the handler reads (at most 20 entries, counted at compile time).
#[derive(Debug, Clone, Serialize, Deserialize, CallArguments)]
#[serde(tag = "action", rename_all = "lowercase")]
pub enum Update {
    /// Read `text` to the caller.
    Announce {
        /// What to say.
        text: String,
    },
    /// Take the call back from the agent and bridge it to `to`.
    Transfer {
        /// The new number (E.164).
        to: String,
    },
    /// End the call.
    Hangup,
}

/// What the call remembers between the update and LEG-B's HANGUP.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The number to transfer to once the agent's leg is down.
    #[serde(default)]
    pub transfer_to: Option<String>,
}

/// A bridge from the caller's leg (addressed explicitly: the event may be LEG-B's HANGUP).
fn bridge(call: &Call, to: E164) -> CallAndBridge {
    let caller = call.leg_a();
    let caller_id = caller.to_e164().unwrap_or_else(|| to.clone());
    CallAndBridge::to_pstn(caller_id, to).timeout(Duration::from_secs(30)).on(&caller)
}

/// Connects the caller to the first agent.
#[on(NewInboundCall)]
pub async fn connect(call: Call, agents: Shared<Agents>) -> Actions {
    Actions::from(bridge(&call, agents.first.clone()))
}

/// An update from outside the call.
#[on(CallUpdateRequested)]
pub async fn updated(call: Call, update: Arguments<Update>) -> Response {
    match &*update {
        Update::Announce { text } => {
            Response::from(Actions::from(call.leg_a().speak(text.clone())))
        }
        Update::Transfer { to } => match (E164::parse(to.as_str()), call.leg_b()) {
            (Ok(to), Some(agent)) if !agent.is_disconnected() => {
                let pending = Pending { transfer_to: Some(to.as_str().to_owned()) };
                let response = Response::from(Actions::from(agent.hangup()));
                match to_attributes(&pending) {
                    Ok(attributes) => response.with_attributes(attributes),
                    Err(_) => response,
                }
            }
            // No agent leg to take back: bridge at once.
            (Ok(to), _) => Response::from(Actions::from(bridge(&call, to))),
            (Err(e), _) => {
                tracing::warn!(error = %e, "transfer to a number that is not E.164: ignored");
                Response::keep_running()
            }
        },
        Update::Hangup => {
            Response::from(call.connected_legs().map(|l| l.hangup()).collect::<Actions>())
        }
    }
}

/// A leg hung up: finish a pending transfer, or hang up the other leg.
#[on(Hangup)]
pub async fn left(call: Call, pending: Option<State<Pending>>) -> Response {
    let transfer = pending.and_then(|p| p.0.transfer_to).and_then(|to| E164::parse(to).ok());
    match transfer {
        Some(to) if !call.leg_a().is_disconnected() => {
            let caller = call.leg_a();
            let actions =
                Actions::new().then(caller.speak("Transferring you.")).then(bridge(&call, to));
            // The transfer is no longer pending.
            Response::from(actions).with_attributes(Default::default())
        }
        _ => Response::from(call.connected_legs().map(|l| l.hangup()).collect::<Actions>()),
    }
}

/// Nobody answered the transfer.
#[on(ActionFailed, action = CallAndBridge)]
pub async fn not_answered(call: Call) -> Actions {
    let caller = call.leg_a();
    Actions::new().then(caller.speak("Sorry, nobody is available. Goodbye.")).then(caller.hangup())
}

/// The function: its route table and settings.
pub fn app(agents: Agents) -> App {
    App::new(handlers![connect, updated, left, not_answered]).state(agents)
}

//! A Lex bot that answers the call, as the AWS samples `amazon-chime-pstn-audio-with-amazon-lex`
//! and the workshop's `call-lex-bot` do: the bot greets the caller and finds out what they
//! want; the call is then routed on the intent, and calls for an agent go to the contact
//! center's Voice Connector with the intent in SIP headers.
//!
//! ```text
//! NEW_INBOUND_CALL               → StartBotConversation (welcome message)
//! ACTION_SUCCESSFUL(bot) intent  → Billing / Agent: CallAndBridge to the Voice Connector,
//!                                  SIP headers X-Intent and X-Caller; the `AccountType`
//!                                  slot "business" goes to the business queue
//!                                  Hours: the hours + Hangup; anything else: goodbye + Hangup
//! ACTION_FAILED(bot or bridge)   → apology + Hangup
//! HANGUP (either leg)            → Hangup of the leg still connected
//! ```

use sma_core::action::{CallAndBridge, ContentType, StartBotConversation};
use sma_core::event::IntentResult;
use sma_core::event::IntentState;
use sma_core::prelude::*;
use std::time::Duration;

/// The bot and where agents are.
#[derive(Debug, Clone)]
pub struct ContactCenter {
    /// The Lex V2 bot alias ARN.
    pub bot_alias_arn: String,
    /// The Voice Connector (or group) ARN of the contact center.
    pub voice_connector_arn: String,
    /// The Request-URI user part the contact center expects.
    pub queue: String,
    /// The Request-URI user part for business accounts.
    pub business_queue: String,
}

impl ContactCenter {
    /// Reads `BOT_ALIAS_ARN`, `VOICE_CONNECTOR_ARN`, `AGENT_QUEUE` (default `agents`) and
    /// `BUSINESS_QUEUE` (default `business`).
    pub fn from_env() -> Result<Self, String> {
        let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
        Ok(ContactCenter {
            bot_alias_arn: var("BOT_ALIAS_ARN")?,
            voice_connector_arn: var("VOICE_CONNECTOR_ARN")?,
            queue: std::env::var("AGENT_QUEUE").unwrap_or_else(|_| "agents".into()),
            business_queue: std::env::var("BUSINESS_QUEUE").unwrap_or_else(|_| "business".into()),
        })
    }
}

/// The bot answers.
#[on(NewInboundCall)]
pub async fn answer(call: Call, center: Shared<ContactCenter>) -> StartBotConversation {
    call.leg_a()
        .start_bot(center.bot_alias_arn.clone())
        .locale("en_US")
        .welcome("Welcome to Example Bank. How can I help you today?", ContentType::PlainText)
}

/// Routes on what the bot understood: the intent, and for billing the `AccountType` slot.
#[on(ActionSuccessful, action = StartBotConversation)]
pub async fn routed(call: Call, result: IntentResult, center: Shared<ContactCenter>) -> Actions {
    let caller = call.leg_a();
    let intent = result.intent();
    let name = intent.and_then(|i| i.name.as_deref()).unwrap_or_default();
    let fulfilled = intent.and_then(|i| i.state.as_ref()) == Some(&IntentState::Fulfilled);
    match name {
        "Billing" | "Agent" => {
            // The dialled number is the account's; the caller's own number is allowed too.
            let Some(caller_id) = caller.to_e164().or_else(|| caller.from_e164()) else {
                return Actions::new()
                    .then(caller.speak("Sorry, we cannot transfer this call."))
                    .then(caller.hangup());
            };
            // The slot as Lex interpreted it ("business" for "my company account").
            let account = result.slot("AccountType").and_then(|s| s.interpreted());
            let queue = match account {
                Some(a) if a.eq_ignore_ascii_case("business") => &center.business_queue,
                _ => &center.queue,
            };
            let bridge = CallAndBridge::to_voice_connector(
                caller_id,
                center.voice_connector_arn.clone(),
                queue.clone(),
            )
            .timeout(Duration::from_secs(60))
            .sip_header("X-Intent", name)
            .sip_header("X-Caller", caller.from_number().unwrap_or_default());
            Actions::new().then(caller.speak("Connecting you to an agent.")).then(bridge)
        }
        "Hours" if fulfilled => Actions::new()
            .then(caller.speak("We are open Monday to Friday, 9 to 5. Goodbye."))
            .then(caller.hangup()),
        _ => Actions::new()
            .then(caller.speak("Thank you for calling. Goodbye."))
            .then(caller.hangup()),
    }
}

/// The bot or the transfer failed.
#[on(ActionFailed)]
pub async fn failed(call: Call, error: ActionError) -> Actions {
    tracing::warn!(error = %error.error_type().as_str(), "the call could not go on");
    let caller = call.leg_a();
    Actions::new()
        .then(caller.speak("Sorry, something went wrong. Please call again later."))
        .then(caller.hangup())
}

/// Either side left: hang up the other.
#[on(Hangup)]
pub async fn left(call: Call) -> Actions {
    call.connected_legs().map(|leg| leg.hangup()).collect()
}

/// The function: its route table and settings.
pub fn app(center: ContactCenter) -> App {
    App::new(handlers![answer, routed, failed, left]).state(center)
}

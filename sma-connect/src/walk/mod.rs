//! The differential walk: a simulator scenario replayed on the interpreter flow, offline.
//!
//! [`Scenario::of`] takes what a [`Simulator`] run recorded: the parties' steps
//! ([`Simulator::steps`]) and the exchanges with the function, and from them what the caller
//! heard and where the call went on the SIP media application ([`Heard`]). [`walk`] plays the
//! same steps on a flow (a small walker of the block types the interpreter flow uses, as the
//! flow-language pages describe them), with [`ConnectHost`](crate::host::ConnectHost) calling
//! the app's real handlers; [`compare`] puts the two side by side. A walk that differs names
//! the reasons the scenario gives: actions the flow has no block for, events Connect has no
//! counterpart of, steps the caller cannot take on Connect, the call going on after a transfer
//! connected.
//!
//! Compared: the text of every `Speak`, every `PlayAudio` object, the digits the app receives,
//! every number a transfer dials, and the hang-up of the caller, in order. Not compared: the prompts of digit inputs
//! (Connect plays the failure prompt and the prompt as one block), and timing.
//!
//! Needs the `walk` feature (it reads the simulator of `sma-core`'s `testing` feature).
//!
//! ```
//! # fn main() {
//! use sma_connect::flow::{Variants, interpreter};
//! use sma_connect::host::ConnectHost;
//! use sma_connect::walk::{Outcome, Scenario, compare, walk};
//! use sma_core::prelude::*;
//! use sma_core::testing::Simulator;
//!
//! #[on(NewInboundCall)]
//! async fn greet(call: Call) -> Actions {
//!     Actions::new().then(call.leg_a().speak("Hello")).then(call.leg_a().hangup())
//! }
//! let app = || App::new(handlers![greet]);
//! let mut sim = Simulator::new(app());
//! sim.inbound_call("+16505550177", "+14155550123");
//! let scenario = Scenario::of("hello", &sim);
//!
//! let flow = interpreter("arn:aws:lambda:us-east-1:111122223333:function:f", &Variants::default());
//! let host = ConnectHost::new(app());
//! let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let walked = runtime.block_on(walk(&flow, host, &scenario));
//! assert_eq!(compare(&scenario, &walked), Outcome::Matches);
//! assert_eq!(walked.heard.len(), 2); // "say Hello", "hang up"
//! # }
//! ```

mod walker;

pub use walker::walk;

use crate::gaps::Carry;
use serde_json::Value;
use sma_core::ParticipantTag;
use sma_core::event::Invocation;
use sma_core::testing::{Simulator, Step};
use std::fmt;

/// One thing the caller heard, or a place the call went.
///
/// ```
/// use sma_connect::walk::Heard;
/// assert_eq!(Heard::Say("Hello".into()).to_string(), "say \"Hello\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// Speech, as plain text (SSML tags removed).
    Say(String),
    /// Audio, as the URL of its S3 object.
    Play(String),
    /// A transfer dialled this number.
    Transfer(String),
    /// The app received these digits (ACTION_SUCCESSFUL of a digit input).
    Digits(String),
    /// The caller was hung up on.
    HangUp,
}

impl fmt::Display for Heard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Heard::Say(text) => write!(f, "say {text:?}"),
            Heard::Play(uri) => write!(f, "play {uri}"),
            Heard::Transfer(to) => write!(f, "transfer to {to}"),
            Heard::Digits(keys) => write!(f, "digits {keys}"),
            Heard::HangUp => f.write_str("hang up"),
        }
    }
}

/// How the call starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Start {
    Inbound { from: String, to: String },
    Outbound { from: String, to: String, arguments: Vec<(String, String)> },
}

/// A simulator run, as the walk reads it. See the [module](self) documentation.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The scenario's name.
    pub name: String,
    /// What the caller heard on the SIP media application, in order.
    pub heard: Vec<Heard>,
    /// What in this scenario a walk cannot reproduce, and why.
    pub reasons: Vec<String>,
    start: Option<Start>,
    steps: Vec<Step>,
}

impl Scenario {
    /// Reads a simulator run. See the [module](self) documentation for an example.
    pub fn of(name: &str, sim: &Simulator) -> Scenario {
        let steps: Vec<Step> = sim.steps().to_vec();
        let start = steps.iter().find_map(|s| match s {
            Step::Dials { from, to } => Some(Start::Inbound { from: from.clone(), to: to.clone() }),
            Step::Places { from, to, arguments } => Some(Start::Outbound {
                from: from.clone(),
                to: to.clone(),
                arguments: arguments.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            }),
            _ => None,
        });
        let mut scenario = Scenario {
            name: name.to_owned(),
            heard: Vec::new(),
            reasons: Vec::new(),
            start,
            steps,
        };
        let mut leg_a = String::new();
        let mut caller_gone = false;
        for exchange in sim.exchanges() {
            let Ok(event) = Invocation::from_slice(&exchange.event) else { continue };
            if let Some(p) = event.leg_a() {
                leg_a = p.call_id.as_str().to_owned();
            }
            let kind = event.event_type.as_str();
            let leg_b = event.invoking_leg() == Some(ParticipantTag::LegB);
            if let Carry::None { why } = crate::gaps::carry::event(kind, leg_b) {
                let leg = if leg_b { " of LEG-B" } else { "" };
                scenario.reason(format!("{kind}{leg} reaches no flow: {why}"));
            }
            if let Some(keys) = received(&event) {
                scenario.heard.push(keys);
            }
            // The service ignores the actions answered to these; none reach a caller gone.
            let ignored = matches!(kind, "NEW_OUTBOUND_CALL" | "RINGING");
            caller_gone |= kind == "HANGUP" && !leg_b;
            let Ok(response) = serde_json::from_slice::<Value>(&exchange.response) else {
                continue;
            };
            for action in response.get("Actions").and_then(Value::as_array).into_iter().flatten() {
                if ignored || caller_gone {
                    continue;
                }
                if let Err(why) = crate::host::step::of(action, &leg_a, 1) {
                    scenario.reason(format!("not run on Connect: {why}"));
                    continue;
                }
                let p = &action["Parameters"];
                let heard = match action["Type"].as_str().unwrap_or_default() {
                    "Speak" => Heard::Say(spoken(
                        p["Text"].as_str().unwrap_or_default(),
                        p["TextType"] == "ssml",
                    )),
                    "PlayAudio" => match crate::host::step::audio_uri(p.get("AudioSource")) {
                        Ok(uri) => Heard::Play(uri),
                        Err(_) => continue,
                    },
                    "CallAndBridge" => Heard::Transfer(
                        p["Endpoints"][0]["Uri"].as_str().unwrap_or_default().to_owned(),
                    ),
                    "Hangup" => Heard::HangUp,
                    _ => continue,
                };
                if heard != Heard::Say(String::new()) {
                    scenario.heard.push(heard);
                }
            }
        }
        scenario
    }

    fn reason(&mut self, why: String) {
        if !self.reasons.contains(&why) {
            self.reasons.push(why);
        }
    }
}

/// What a walk of the flow heard, and why it stopped early, if it did. See the
/// [module](self) documentation for an example.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walked {
    /// What the caller heard on Connect, in order.
    pub heard: Vec<Heard>,
    /// A step of the scenario the walk could not take on Connect.
    pub stopped: Option<String>,
    /// The walk ended with a transfer that connected: the contact left the flow.
    pub transferred: bool,
}

/// A scenario's walk, compared with its run on the SIP media application. See the
/// [module](self) documentation for an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The caller hears the same and the call goes to the same places.
    Matches,
    /// They differ from `at` on (an index into both lists).
    Differs {
        /// The first index where they differ.
        at: usize,
        /// What the SIP media application run heard.
        sma: Vec<Heard>,
        /// What the walk heard.
        connect: Vec<Heard>,
        /// What in the scenario explains it; empty when nothing does.
        reasons: Vec<String>,
    },
}

/// Compares a scenario's run with its walk. See the [module](self) documentation.
pub fn compare(scenario: &Scenario, walked: &Walked) -> Outcome {
    if scenario.heard == walked.heard {
        return Outcome::Matches;
    }
    let at = scenario.heard.iter().zip(&walked.heard).take_while(|(a, b)| a == b).count();
    let mut reasons = scenario.reasons.clone();
    if let Some(step) = &walked.stopped {
        reasons.push(step.clone());
    }
    if walked.transferred && at == walked.heard.len() {
        reasons.push(
            "the call went on after the transfer connected; on Connect the contact leaves the flow"
                .into(),
        );
    }
    Outcome::Differs { at, sma: scenario.heard.clone(), connect: walked.heard.clone(), reasons }
}

/// The digits an ACTION_SUCCESSFUL event gives the app, if any.
fn received(event: &Invocation) -> Option<Heard> {
    if event.event_type.as_str() != "ACTION_SUCCESSFUL" {
        return None;
    }
    let keys = event.action_data.as_ref()?.received_digits.as_ref()?;
    Some(Heard::Digits(keys.to_string()))
}

/// Speech as plain text: SSML tags removed and its five entities read, when `ssml`.
fn spoken(text: &str, ssml: bool) -> String {
    if !ssml {
        return text.trim().to_owned();
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_owned()
}

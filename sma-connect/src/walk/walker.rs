//! A walker of flow-language JSON, for the block types the interpreter flow uses, driven by a
//! scenario's steps.

use super::{Heard, Scenario, Start, Walked, received, spoken};
use crate::host::ConnectHost;
use serde_json::{Map, Value, json};
use sma_core::ParticipantTag;
use sma_core::event::Invocation;
use sma_core::testing::Step;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Blocks a walk runs at most: a flow that loops longer is reported, not walked forever.
const MAX_BLOCKS: usize = 2_000;

/// What the caller does at a block that waits for them.
enum Turn {
    Keys(String),
    Silence,
    BridgeAnswers,
    BridgeFails(&'static str),
    /// The caller hung up, or the scenario ended here.
    Over,
    /// A step Connect has no counterpart of.
    Cannot(String),
}

/// The scenario's steps after its start, read one wait at a time.
struct Caller<'s> {
    steps: std::iter::Peekable<std::slice::Iter<'s, Step>>,
}

impl Caller<'_> {
    fn next(&mut self, at_input: bool) -> Turn {
        while let Some(Step::TimePasses(_)) = self.steps.peek() {
            self.steps.next();
        }
        let Some(step) = self.steps.next() else { return Turn::Over };
        match step {
            Step::Presses(keys) if at_input => Turn::Keys(keys.clone()),
            Step::PressesAndGoesOn(keys) if at_input => {
                let mut keys = keys.clone();
                loop {
                    match self.steps.peek() {
                        Some(Step::PressesAndGoesOn(more)) => keys.push_str(more),
                        Some(Step::TimePasses(_)) => {}
                        _ => break,
                    }
                    self.steps.next();
                }
                Turn::Keys(keys)
            }
            Step::StaysSilent if at_input => Turn::Silence,
            Step::BridgeAnswers if !at_input => Turn::BridgeAnswers,
            Step::BridgeNotAnswered if !at_input => {
                Turn::BridgeFails("ConnectionTimeLimitExceeded")
            }
            Step::BridgeRejects(_) if !at_input => Turn::BridgeFails("CallFailed"),
            Step::HangsUp(ParticipantTag::LegA)
            | Step::HangsUpDuringAction(ParticipantTag::LegA) => Turn::Over,
            other => Turn::Cannot(format!(
                "the step \"{other}\" has no counterpart the walk can play on Connect"
            )),
        }
    }
}

/// Walks `flow` (flow-language JSON) with `host` answering its Lambda calls, the caller taking
/// the scenario's steps. See the [module](super) documentation for an example.
///
/// # Panics
///
/// If the flow is not one the walker knows how to read (a block type it has no rule for, a
/// transition that is missing): run [`check`](crate::check()) on it first.
pub async fn walk(flow: &Value, host: ConnectHost, scenario: &Scenario) -> Walked {
    let sent = Arc::new(Mutex::new(Vec::<Vec<u8>>::new()));
    let log = Arc::clone(&sent);
    let host = host
        .observe(move |event| log.lock().unwrap_or_else(|e| e.into_inner()).push(event.to_vec()));
    let mut walked = Walked::default();
    let Some(start) = &scenario.start else {
        walked.stopped = Some("the scenario has no call".into());
        return walked;
    };
    let mut steps = scenario.steps.iter().peekable();
    // The first step is the call; an outbound contact's flow starts once the callee answered.
    steps.next();
    let (initiation, customer, system, mut attributes) = match start {
        Start::Inbound { from, to } => ("INBOUND", from, to, Map::new()),
        Start::Outbound { from, to, arguments } => {
            while let Some(Step::TimePasses(_)) = steps.peek() {
                steps.next();
            }
            match steps.next() {
                Some(Step::Answers) => {}
                Some(Step::DoesNotAnswer) | None => return walked,
                Some(other) => {
                    walked.stopped = Some(format!(
                        "the step \"{other}\" has no counterpart the walk can play on Connect"
                    ));
                    return walked;
                }
            }
            let attributes = arguments.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            ("API", to, from, attributes)
        }
    };
    let mut caller = Caller { steps };
    let blocks: HashMap<&str, &Value> = flow["Actions"]
        .as_array()
        .expect("a flow with Actions")
        .iter()
        .map(|a| (a["Identifier"].as_str().expect("an Identifier"), a))
        .collect();
    let (mut external, mut stored) = (Map::new(), String::new());
    let mut at = flow["StartAction"].as_str().expect("a StartAction").to_owned();
    for _ in 0..MAX_BLOCKS {
        let block = blocks.get(at.as_str()).unwrap_or_else(|| panic!("no block {at}"));
        let (p, t) = (&block["Parameters"], &block["Transitions"]);
        let resolve = |v: &Value, external: &Map<String, Value>, stored: &str| match v.as_str() {
            Some("$.StoredCustomerInput") => Value::from(stored),
            Some(s) if s.starts_with("$.External.") => {
                external.get(&s["$.External.".len()..]).cloned().unwrap_or_default()
            }
            _ => v.clone(),
        };
        let error = |kind: &str| -> String {
            t["Errors"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|e| e["ErrorType"] == kind)
                .and_then(|e| e["NextAction"].as_str())
                .unwrap_or_else(|| panic!("{at}: no {kind} branch"))
                .to_owned()
        };
        let next =
            || t["NextAction"].as_str().unwrap_or_else(|| panic!("{at}: no NextAction")).to_owned();
        at = match block["Type"].as_str().expect("a Type") {
            "InvokeLambdaFunction" => {
                let event = json!({"Name": "ContactFlowEvent", "Details": {"Parameters": {}, "ContactData": {
                    "ContactId": "walk-contact-1", "InitiationMethod": initiation, "Channel": "VOICE",
                    "InstanceARN": "arn:aws:connect:us-east-1:111122223333:instance/walk",
                    "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": customer},
                    "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": system},
                    "Attributes": attributes}}});
                let answer =
                    host.handle_slice(&serde_json::to_vec(&event).unwrap_or_default()).await;
                external = serde_json::from_slice(&answer).unwrap_or_default();
                let events = std::mem::take(&mut *sent.lock().unwrap_or_else(|e| e.into_inner()));
                for event in events {
                    if let Some(keys) =
                        Invocation::from_slice(&event).ok().as_ref().and_then(received)
                    {
                        walked.heard.push(keys);
                    }
                }
                assert!(external.values().all(Value::is_string), "not a STRING_MAP: {external:?}");
                next()
            }
            "UpdateContactAttributes" => {
                for (k, v) in p["Attributes"].as_object().into_iter().flatten() {
                    attributes.insert(k.clone(), resolve(v, &external, &stored));
                }
                next()
            }
            "Compare" => {
                let value = resolve(&p["ComparisonValue"], &external, &stored);
                let matched = t["Conditions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|c| c["Condition"]["Operands"][0] == value);
                match matched.and_then(|c| c["NextAction"].as_str()) {
                    Some(next) => next.to_owned(),
                    None => error("NoMatchingCondition"),
                }
            }
            "MessageParticipant" => {
                if let Some(uri) = p.pointer("/Media/Uri") {
                    let uri = resolve(uri, &external, &stored);
                    walked.heard.push(Heard::Play(uri.as_str().unwrap_or_default().to_owned()));
                } else {
                    let (text, ssml) = match p.get("SSML") {
                        Some(ssml) => (resolve(ssml, &external, &stored), true),
                        None => (resolve(&p["Text"], &external, &stored), false),
                    };
                    let text = spoken(text.as_str().unwrap_or_default(), ssml);
                    if !text.is_empty() {
                        walked.heard.push(Heard::Say(text));
                    }
                }
                next()
            }
            "GetParticipantInput" => match caller.next(true) {
                Turn::Keys(keys) => {
                    stored = keys;
                    next()
                }
                Turn::Silence => error("InputTimeLimitExceeded"),
                Turn::Cannot(why) => return stop(walked, why),
                _ => return walked,
            },
            "TransferParticipantToThirdParty" => {
                let to = resolve(&p["ThirdPartyPhoneNumber"], &external, &stored);
                walked.heard.push(Heard::Transfer(to.as_str().unwrap_or_default().to_owned()));
                match caller.next(false) {
                    Turn::BridgeAnswers => {
                        walked.transferred = true;
                        return walked;
                    }
                    Turn::BridgeFails(kind) => error(kind),
                    Turn::Cannot(why) => return stop(walked, why),
                    _ => return walked,
                }
            }
            "DisconnectParticipant" => {
                walked.heard.push(Heard::HangUp);
                return walked;
            }
            other => panic!("the walker has no rule for {other} (block {at})"),
        };
    }
    stop(walked, format!("the flow ran {MAX_BLOCKS} blocks without ending"))
}

fn stop(mut walked: Walked, why: String) -> Walked {
    walked.stopped = Some(why);
    walked
}

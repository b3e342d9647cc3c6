//! The IVR behind Amazon Connect, offline: its interpreter flow is generated from its
//! scenarios, checked against the documented rules and checked in
//! (`examples/connect/ivr-flow.json`); a small walker of that flow drives each scenario
//! (its keys, whether the transfer answers), with `ConnectHost` calling the real handlers, and
//! what the caller hears and where the call goes is compared with the SIP media application
//! run of the same scenario in the simulator.
//!
//! Compared: the text of every `Speak`, every number a transfer dials, and the hang-up, in
//! order. Not compared, by design: the digit prompts (Connect plays the failure prompt and the
//! prompt as one block), and what follows a transfer that connects (the contact leaves the flow).

use serde_json::{Map, Value, json};
use sma_connect::flow::{Variants, interpreter};
use sma_connect::host::ConnectHost;
use sma_core::e164;
use sma_core::testing::Simulator;
use sma_examples::ivr::{self, Directory};

const LAMBDA: &str = "arn:aws:lambda:us-east-1:111122223333:function:ivr";

fn directory() -> Directory {
    Directory { sales: e164!("+12065550100"), caller_id: None }
}

/// What the caller does: keys at each input (`None`: silence), and whether a transfer answers.
struct Script {
    name: &'static str,
    inputs: &'static [Option<&'static str>],
    transfer_answers: bool,
}

const SCRIPTS: &[Script] = &[
    Script { name: "support", inputs: &[Some("2")], transfer_answers: false },
    Script { name: "menu again", inputs: &[Some("0"), Some("2")], transfer_answers: false },
    Script { name: "sales answers", inputs: &[Some("1")], transfer_answers: true },
    Script { name: "sales does not answer", inputs: &[Some("1")], transfer_answers: false },
    Script {
        name: "no valid choice",
        inputs: &[Some("5"), None, Some("9")],
        transfer_answers: false,
    },
];

/// The scenario in the simulator, and what it shows: `Speak` texts, transfers, the hang-up.
fn simulated(script: &Script) -> (Simulator, Vec<String>) {
    let mut sim = Simulator::new(ivr::app(directory()));
    sim.inbound_call("+16505550177", "+14155550123");
    for input in script.inputs {
        match input {
            Some(keys) => sim.press(keys),
            None => sim.stay_silent(),
        };
    }
    let bridged = sim.transcript().to_string().contains("CallAndBridge");
    if bridged {
        if script.transfer_answers {
            sim.bridge_answers()
        } else {
            sim.bridge_not_answered()
        };
    }
    let mut seen = Vec::new();
    for exchange in sim.exchanges() {
        let response: Value = serde_json::from_slice(&exchange.response).expect("JSON");
        for action in response["Actions"].as_array().into_iter().flatten() {
            let p = &action["Parameters"];
            match action["Type"].as_str() {
                Some("Speak") => {
                    seen.push(format!("say {}", p["Text"].as_str().unwrap_or_default()))
                }
                Some("CallAndBridge") => {
                    seen.push(format!(
                        "transfer {}",
                        p["Endpoints"][0]["Uri"].as_str().unwrap_or_default()
                    ));
                    if script.transfer_answers {
                        return (sim, seen);
                    }
                }
                Some("Hangup") if p["ParticipantTag"] != "LEG-B" => seen.push("hang up".into()),
                _ => {}
            }
        }
    }
    (sim, seen)
}

/// A walker of the flow's blocks, as the documentation describes them, for the block types
/// the interpreter flow uses.
async fn walked(flow: &Value, host: &ConnectHost, script: &Script) -> Vec<String> {
    let actions: Map<String, Value> = flow["Actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| (a["Identifier"].as_str().expect("id").to_owned(), a.clone()))
        .collect();
    let (mut attributes, mut external, mut stored) = (Map::new(), Map::new(), String::new());
    let mut inputs = script.inputs.iter();
    let mut seen = Vec::new();
    let mut at = flow["StartAction"].as_str().expect("start").to_owned();
    for _ in 0..500 {
        let action = &actions[&at];
        let (p, t) = (&action["Parameters"], &action["Transitions"]);
        let resolve = |v: &Value, external: &Map<String, Value>, stored: &str| match v.as_str() {
            Some("$.StoredCustomerInput") => Value::from(stored),
            Some(s) if s.starts_with("$.External.") => {
                external.get(&s[11..]).cloned().unwrap_or_default()
            }
            _ => v.clone(),
        };
        let error = |kind: &str| {
            t["Errors"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|e| e["ErrorType"] == kind)
                .map(|e| e["NextAction"].as_str().expect("next").to_owned())
        };
        let next = t["NextAction"].as_str().map(str::to_owned);
        at = match action["Type"].as_str().expect("type") {
            "InvokeLambdaFunction" => {
                let event = json!({"Name": "ContactFlowEvent", "Details": {"Parameters": {}, "ContactData": {
                    "ContactId": "contact-1", "InitiationMethod": "INBOUND", "Channel": "VOICE",
                    "InstanceARN": "arn:aws:connect:us-east-1:111122223333:instance/i-1",
                    "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+16505550177"},
                    "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+14155550123"},
                    "Attributes": attributes}}});
                let answer = host.handle_slice(&serde_json::to_vec(&event).expect("JSON")).await;
                external = serde_json::from_slice(&answer).expect("a string map");
                assert!(external.values().all(Value::is_string), "not a STRING_MAP: {external:?}");
                next.expect("next")
            }
            "UpdateContactAttributes" => {
                for (k, v) in p["Attributes"].as_object().expect("attributes") {
                    attributes.insert(k.clone(), resolve(v, &external, &stored));
                }
                next.expect("next")
            }
            "Compare" => {
                let value = resolve(&p["ComparisonValue"], &external, &stored);
                let matched = t["Conditions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|c| c["Condition"]["Operands"][0] == value);
                match matched {
                    Some(c) => c["NextAction"].as_str().expect("next").to_owned(),
                    None => error("NoMatchingCondition").expect("a no-match branch"),
                }
            }
            "MessageParticipant" => {
                let ssml = resolve(&p["SSML"], &external, &stored);
                let text = ssml
                    .as_str()
                    .unwrap_or_default()
                    .trim_start_matches("<speak>")
                    .trim_end_matches("</speak>");
                seen.push(format!("say {}", text.replace("&apos;", "'").replace("&amp;", "&")));
                next.expect("next")
            }
            "GetParticipantInput" => match inputs.next() {
                Some(Some(keys)) => {
                    stored = (*keys).to_owned();
                    next.expect("next")
                }
                _ => error("InputTimeLimitExceeded").expect("a time-out branch"),
            },
            "TransferParticipantToThirdParty" => {
                seen.push(format!(
                    "transfer {}",
                    resolve(&p["ThirdPartyPhoneNumber"], &external, &stored)
                        .as_str()
                        .unwrap_or_default()
                ));
                if script.transfer_answers {
                    return seen; // The contact leaves the flow.
                }
                error("ConnectionTimeLimitExceeded").expect("a no-answer branch")
            }
            "DisconnectParticipant" => {
                seen.push("hang up".into());
                return seen;
            }
            other => panic!("the walker has no rule for {other}"),
        };
    }
    panic!("{}: the flow did not end in 500 blocks: {seen:?}", script.name)
}

#[test]
fn each_scenario_walks_the_generated_flow_as_it_runs_on_the_sip_media_application() {
    let mut variants = Variants::default();
    let runs: Vec<(Simulator, Vec<String>)> = SCRIPTS.iter().map(simulated).collect();
    for (sim, _) in &runs {
        sim.assert_no_problems();
        variants.scenario(sim.exchanges().iter().map(|e| (&e.event[..], &e.response[..])));
    }
    let flow = interpreter(LAMBDA, &variants);
    let report = sma_connect::check(&flow.to_string());
    assert!(report.is_ok() && report.unchecked_types.is_empty(), "{report:#?}");

    let text = serde_json::to_string_pretty(&flow).expect("JSON") + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/connect/ivr-flow.json");
    if std::env::var_os("SMA_BLESS").is_some() {
        std::fs::write(path, &text).expect("write the flow");
    } else {
        let expected = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            expected == text,
            "the IVR's flow changed; regenerate it with SMA_BLESS=1 cargo test -p sma-examples --test connect_walk"
        );
    }

    let host = ConnectHost::new(ivr::app(directory()));
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    for (script, (_, on_sma)) in SCRIPTS.iter().zip(&runs) {
        let on_connect = runtime.block_on(walked(&flow, &host, script));
        assert_eq!(on_connect, *on_sma, "{}", script.name);
    }
}

#[test]
fn the_host_reads_exhausted_digits_as_the_simulator_does() {
    let simulator = sma_core::testing::ServiceReadings::default().digits_exhausted.to_string();
    assert_eq!(sma_connect::host::HostReadings::default().digits_exhausted, simulator);
}

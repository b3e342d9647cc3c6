//! The IVR binary served by the real `lambda_runtime` loop, against a local Lambda Runtime API
//! on loopback: it polls `/next`, answers each event on `/response`, and keeps serving.

#[path = "../../tests/tests/support/runtime_api.rs"]
mod runtime_api;

use runtime_api::{Posted, RuntimeApi};
use serde_json::Value;
use std::time::Duration;

fn event(name: &str) -> Vec<u8> {
    let path = format!("{}/events/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ivr_answers_through_the_lambda_runtime_loop() {
    let mut api = RuntimeApi::start(Duration::from_secs(30)).await;
    let _function =
        api.start_function(env!("CARGO_BIN_EXE_ivr"), &[("SALES_NUMBER", "+12065550100")]);

    let cases = [
        ("req-1", "new_inbound_call.json"),
        ("req-2", "menu_pressed_2.json"),
        ("req-3", "hangup_leg_b.json"),
        ("req-4", "menu_pressed_1.json"),
    ];
    let mut answers = Vec::new();
    for (id, file) in cases {
        api.invoke(id, event(file));
        match api.next_post(Duration::from_secs(60)).await {
            Some(Posted::Response { id: got, body, .. }) => {
                assert_eq!(got, id, "answers come back on the invocation's request id");
                answers.push(serde_json::from_slice::<Value>(&body).expect("a JSON answer"));
            }
            Some(Posted::Error { id, body }) => {
                panic!("{id}: the function reported an error: {body}")
            }
            None => panic!("{id}: no answer"),
        }
    }

    // NEW_INBOUND_CALL: greeting and the menu, on LEG-A.
    let greet = &answers[0]["Actions"];
    assert_eq!(greet[0]["Type"], "Speak");
    assert_eq!(greet[1]["Type"], "SpeakAndGetDigits");
    assert_eq!(greet[1]["Parameters"]["CallId"], "3c9e1f2a-6b7d-4c8e-a5f0-1d2e3f4a5b6c");
    assert_eq!(greet[1]["Parameters"]["InputDigitsRegex"], "^[0-2]$");
    // ACTION_SUCCESSFUL with "2": support hours, then hang up.
    let support = &answers[1]["Actions"];
    assert!(support[0]["Parameters"]["Text"].as_str().is_some_and(|t| t.contains("Support")));
    assert_eq!(support[1]["Type"], "Hangup");
    // HANGUP of LEG-B on a bridged call: LEG-A is hung up too.
    let hangup = &answers[2]["Actions"];
    assert_eq!(hangup.as_array().map(Vec::len), Some(1));
    assert_eq!(hangup[0]["Type"], "Hangup");
    assert_eq!(hangup[0]["Parameters"]["CallId"], "3c9e1f2a-6b7d-4c8e-a5f0-1d2e3f4a5b6c");
    // ACTION_SUCCESSFUL with "1": bridge to sales.
    let bridge = &answers[3]["Actions"];
    assert_eq!(bridge[1]["Type"], "CallAndBridge");
    assert_eq!(bridge[1]["Parameters"]["Endpoints"][0]["Uri"], "+12065550100");
}

/// The simulator serves the function through the entry the Lambda loop uses: every event it
/// sends, handed to the deployed binary through the real `lambda_runtime` loop, gets the very
/// bytes the simulator received.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_simulator_and_the_lambda_loop_exchange_the_same_bytes() {
    use sma_core::ParticipantTag;
    use sma_core::testing::Simulator;
    use sma_examples::ivr::{self, Directory};

    // The simulator owns its runtime: it runs on a thread of its own.
    let exchanges = std::thread::spawn(|| {
        let mut sim = Simulator::new(ivr::app(Directory {
            sales: sma_core::e164!("+12065550100"),
            caller_id: None,
        }));
        sim.inbound_call("+14155550199", "+18005550100").press("1").bridge_answers();
        sim.hangup(ParticipantTag::LegB);
        sim.assert_ended().assert_no_problems();
        sim.exchanges().to_vec()
    })
    .join()
    .expect("the simulated call");
    assert!(exchanges.len() >= 4, "{exchanges:?}");

    let mut api = RuntimeApi::start(Duration::from_secs(30)).await;
    let _function =
        api.start_function(env!("CARGO_BIN_EXE_ivr"), &[("SALES_NUMBER", "+12065550100")]);
    for (i, exchange) in exchanges.iter().enumerate() {
        let id = format!("req-{i}");
        api.invoke(&id, exchange.event.clone());
        match api.next_post(Duration::from_secs(60)).await {
            Some(Posted::Response { id: got, body, .. }) => {
                assert_eq!(got, id);
                assert_eq!(
                    String::from_utf8_lossy(&body),
                    String::from_utf8_lossy(&exchange.response),
                    "event {i}: the Lambda loop answered other bytes than the simulator got"
                );
            }
            other => panic!("{id}: no answer: {other:?}"),
        }
    }
}

//! Nothing leaks into a recording: every shape of call data, fed through the Lambda entry, is
//! replaced by a pseudonym (or, for an event that cannot be read, recorded by size alone), and
//! the pseudonyms cannot be recomputed from the recorded line. The logs: `privacy_logs.rs`.

mod support;

use serde_json::{Value, json};
use sma_core::prelude::*;
use sma_core::{Pseudonyms, Recorder};
use support::call_data::*;
use support::logs::Buffer;

#[tokio::test]
async fn no_shape_of_call_data_reaches_the_recording() {
    let log = Buffer::default();
    let app = app().record(Recorder::to_writer(log.clone()));
    for bytes in events() {
        app.handle_slice(&bytes, Context::default()).await;
    }
    let recording = log.text();
    let lines: Vec<Value> =
        recording.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(lines.len(), events().len());
    assert_clean(&recording);
    // The unreadable events are recorded by their size alone.
    let unreadable: Vec<&Value> = lines.iter().filter(|l| l.get("unreadable").is_some()).collect();
    assert_eq!(unreadable.len(), 3, "{recording}");
    for line in unreadable {
        assert!(line.get("event").is_none() && line["unreadable"]["bytes"].as_u64() > Some(100));
    }
    // The readable ones keep their flow: the pseudonym of the caller is a number.
    let from = lines[0]["event"]["CallDetails"]["Participants"][0]["From"].as_str().unwrap_or("");
    assert!(from.starts_with("+1999") && from.len() == 12, "{from}");
}

#[tokio::test]
async fn pseudonyms_cannot_be_recomputed_from_the_line() {
    let log = Buffer::default();
    let recorded = app().record(Recorder::to_writer(log.clone()));
    recorded.handle_slice(&events()[0], Context::default()).await;
    let line: Value = serde_json::from_str(log.text().trim()).expect("a line");
    let event = &line["event"];
    let pseudonym = event["CallDetails"]["Participants"][0]["From"].as_str().expect("From");
    // Every string of the line, used as the key, gives another pseudonym: the key is not in
    // the line (it is a random key of the process).
    let mut strings = Vec::new();
    collect_strings(&line, &mut strings);
    let original = json!({"CallDetails": {"Participants": [{"From": CALLER}]}});
    for key in &strings {
        let mut guess = original.clone();
        Pseudonyms::for_event(Some(key.as_bytes()), &guess.clone()).apply(&mut guess);
        assert_ne!(guess["CallDetails"]["Participants"][0]["From"], pseudonym, "key {key:?}");
    }
    // A key given by the user (from a secret store) makes them consistent across processes.
    let keyed = Buffer::default();
    let with_key = app().record(Recorder::to_writer(keyed.clone()).key(b"from the secret store"));
    with_key.handle_slice(&events()[0], Context::default()).await;
    let line: Value = serde_json::from_str(keyed.text().trim()).expect("a line");
    let mut guess = original.clone();
    Pseudonyms::for_event(Some(b"from the secret store"), &original).apply(&mut guess);
    assert_eq!(
        guess["CallDetails"]["Participants"][0]["From"],
        line["event"]["CallDetails"]["Participants"][0]["From"]
    );
}

fn collect_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                collect_strings(v, out);
            }
        }
        _ => {}
    }
}

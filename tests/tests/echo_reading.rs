//! The echo in `ActionData` is read into its type as the event's bytes are read (when `Type`
//! comes before `Parameters`, as the service sends it), and raw otherwise. Whichever way, the
//! invocation read from bytes equals the one read the thorough way (through a `Value`), and
//! writes back the same JSON: the faster reading keeps everything the slower one kept.

use serde_json::{Value, json};
use sma_core::Invocation;
use sma_core::action::Action;
use sma_core::event::ActionRef;

/// The menu's digits event with `action_data` as its `ActionData`, as bytes.
fn event_with(action_data: &str) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/events/menu_pressed_1.json");
    let mut event: Value =
        serde_json::from_slice(&std::fs::read(path).expect("the example event")).expect("JSON");
    // The placeholder keeps the keys of `action_data` in the order written here.
    event["ActionData"] = json!("@ACTION_DATA@");
    let text = serde_json::to_string(&event).expect("JSON");
    text.replace("\"@ACTION_DATA@\"", action_data).into_bytes()
}

/// Reads `action_data` both ways, checks that they agree, and returns the bytes' reading.
fn read_both_ways(action_data: &str) -> Invocation {
    let bytes = event_with(action_data);
    let from_bytes =
        Invocation::from_slice(&bytes).unwrap_or_else(|e| panic!("{action_data}: {e}"));
    let value: Value = serde_json::from_slice(&bytes).expect("JSON");
    let thorough: Invocation = serde_json::from_value(value).expect("reads through a Value");
    assert_eq!(from_bytes, thorough, "{action_data}: the two readings differ");
    assert_eq!(
        serde_json::to_value(&from_bytes).expect("writes"),
        serde_json::to_value(&thorough).expect("writes"),
        "{action_data}: the two readings write different JSON"
    );
    from_bytes
}

fn echo(invocation: &Invocation) -> &ActionRef {
    &invocation.action_data.as_ref().expect("ActionData").subject
}

#[test]
fn fitting_parameters_are_typed_in_either_order() {
    let type_first = r#"{"Type":"Pause","Parameters":{"DurationInMilliseconds":500,"CallId":"c-1","Volume":3},"ReceivedDigits":"1"}"#;
    let params_first = r#"{"Parameters":{"DurationInMilliseconds":500,"CallId":"c-1","Volume":3},"Type":"Pause","ReceivedDigits":"1"}"#;
    for data in [type_first, params_first] {
        let read = read_both_ways(data);
        let ActionRef::Action(Action::Pause(pause)) = echo(&read) else {
            panic!("{data}: not a typed Pause: {:?}", echo(&read))
        };
        assert_eq!(pause.duration_in_milliseconds, Some(500), "{data}");
        assert_eq!(pause.extra["Volume"], 3, "{data}: the unknown parameter is kept");
        assert_eq!(read.action_data.as_ref().and_then(|d| d.received_digits.as_deref()), Some("1"));
    }
}

#[test]
fn parameters_that_do_not_fit_their_type_are_kept_raw_as_before() {
    for data in [
        r#"{"Type":"Pause","Parameters":{"DurationInMilliseconds":"soon","CallId":""}}"#,
        r#"{"Type":"Pause","Parameters":{"DurationInMilliseconds":1,"DurationInMilliseconds":2}}"#,
        r#"{"Type":"Pause","Parameters":null}"#,
        r#"{"Type":"Pause","Parameters":[1,2]}"#,
    ] {
        read_both_ways(data);
    }
    let read = read_both_ways(r#"{"Type":"Pause","Parameters":{"DurationInMilliseconds":"soon"}}"#);
    let ActionRef::Action(Action::Raw(raw)) = echo(&read) else { panic!("{:?}", echo(&read)) };
    assert_eq!(raw.parameters["DurationInMilliseconds"], "soon");
}

#[test]
fn pseudo_actions_and_unknown_types_read_as_before() {
    let update = read_both_ways(
        r#"{"Type":"CallUpdateRequest","Parameters":{"Arguments":{"leg":"LEG-A","n":"2"}}}"#,
    );
    let ActionRef::CallUpdateRequest(request) = echo(&update) else { panic!() };
    assert_eq!(request.args()["leg"], "LEG-A");
    for data in [
        r#"{"Type":"CallUpdateRequest","Parameters":{"Arguments":{"n":2}}}"#,
        r#"{"Type":"CallCreateRequest","Parameters":{"Arguments":{"a":"b"}}}"#,
        r#"{"Type":"TransferCall","Parameters":{"Target":"+16305550199"}}"#,
    ] {
        read_both_ways(data);
    }
}

#[test]
fn nested_values_read_into_their_places_as_before() {
    let sagd = |speech: &str| {
        format!(
            r#"{{"Type":"SpeakAndGetDigits","Parameters":{{"CallId":"c-1",{speech},"RepeatDurationInMilliseconds":5000}},"ReceivedDigits":"1"}}"#
        )
    };
    let speech = |read: &Invocation| {
        let ActionRef::Action(Action::SpeakAndGetDigits(s)) = echo(read) else {
            panic!("not a typed SpeakAndGetDigits: {:?}", echo(read))
        };
        (s.speech_parameters.clone(), s.failure_speech_parameters.clone())
    };
    // An object, `null` and an absent key: read into the slot, `None` and `None`.
    let read = read_both_ways(&sagd(
        r#""SpeechParameters":{"Text":"Press 1","Volume":3},"FailureSpeechParameters":null"#,
    ));
    let (prompt, failure) = speech(&read);
    let prompt = prompt.expect("the prompt");
    assert_eq!(
        (prompt.text.as_deref(), prompt.extra["Volume"].clone()),
        (Some("Press 1"), 3.into())
    );
    assert_eq!(failure, None, "null reads as absent");
    let (prompt, failure) = speech(&read_both_ways(&sagd(r#""FailureSpeechParameters":{}"#)));
    assert_eq!((prompt, failure.map(|f| f.text)), (None, Some(None)));
    // A nested value that does not fit: the echo is kept raw, as received.
    for nested in [r#""SpeechParameters":"Press 1""#, r#""SpeechParameters":{"Text":5}"#] {
        let read = read_both_ways(&sagd(nested));
        assert!(matches!(echo(&read), ActionRef::Action(Action::Raw(_))), "{nested}");
    }
    // A key twice, outside or inside: the last one, as a `Value` reads it.
    for nested in [
        r#""SpeechParameters":{"Text":"a"},"SpeechParameters":{"Text":"b"}"#,
        r#""SpeechParameters":{"Text":"a","Text":"b"}"#,
    ] {
        let (prompt, _) = speech(&read_both_ways(&sagd(nested)));
        assert_eq!(prompt.and_then(|p| p.text).as_deref(), Some("b"), "{nested}");
    }
    // The legs: each read into its place in the list, in order (three, past the room for two).
    let mut event: Value =
        serde_json::from_slice(&event_with(&sagd(r#""SpeechParameters":{}"#))).expect("JSON");
    let leg = event["CallDetails"]["Participants"][0].clone();
    let ids = ["leg-1", "leg-2", "leg-3"];
    event["CallDetails"]["Participants"] = ids
        .iter()
        .map(|id| {
            let mut leg = leg.clone();
            leg["CallId"] = json!(id);
            leg
        })
        .collect();
    let read = Invocation::from_slice(&serde_json::to_vec(&event).expect("JSON")).expect("reads");
    let legs = &read.call_details.participants;
    assert_eq!(legs.iter().map(|leg| leg.call_id.as_str()).collect::<Vec<_>>(), ids);
    assert!(legs.iter().all(|l| l.to == legs[0].to && l.direction == legs[0].direction));
}

#[test]
fn parameters_given_twice_are_refused_where_they_are() {
    // Whether the first `Parameters` was read into its type (`Type` first) or kept raw.
    for twice in [
        r#"{"Type":"Pause","Parameters":{"DurationInMilliseconds":100},"Parameters":{"DurationInMilliseconds":200}}"#,
        r#"{"Parameters":{"DurationInMilliseconds":100},"Parameters":{"DurationInMilliseconds":200},"Type":"Pause"}"#,
    ] {
        let error = Invocation::from_slice(&event_with(twice)).expect_err(twice);
        assert_eq!(error.path(), "ActionData.Parameters", "{twice}");
        assert!(error.message().contains("duplicate field"), "{twice}: {error}");
    }
}

//! What the contract model reads out of the quirky variants of the spec: not only that they
//! round-trip, but that each field lands where a handler will look for it.

use sma_core::action::*;
use sma_core::event::*;
use sma_core::{Invocation, ParticipantTag};
use std::path::Path;

fn fixture(name: &str) -> Invocation {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Invocation::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn sma_id_spelling_sip_headers_and_unknown_fields() {
    let e =
        fixture("event_NEW_INBOUND_CALL_quirks-sipapplicationid-sipheaders-unknown-fields.json");
    assert_eq!(e.call_details.sip_media_application_id, "0c4b2a19-8e7d-4f6c-9b5a-3d2e1f0a9b8c");
    let a = e.leg_a().expect("LEG-A");
    assert_eq!(a.status, None, "Status is absent on NEW_INBOUND_CALL");
    let headers = a.sip_headers.as_ref().expect("SipHeaders");
    assert_eq!(headers["User-to-User"], "00fa0806;encoding=hex");
    assert_eq!(a.extra["CallerName"], "ACME LTD");
    assert!(e.extra.contains_key("FutureTopLevel"));
    assert_eq!(e.call_details.extra["Region2"], "eu-west-1");
    assert_eq!(a.start_time_in_milliseconds, "1763800000123");
}

#[test]
fn outbound_call_carries_create_arguments_and_no_rule() {
    let e = fixture("event_NEW_OUTBOUND_CALL_callcreaterequest.json");
    assert_eq!(e.event_type, EventType::NewOutboundCall);
    assert_eq!(e.call_details.sip_rule_id, None);
    let Some(ActionData { subject: ActionRef::CallCreateRequest(req), .. }) =
        e.action_data.as_deref()
    else {
        panic!("expected CallCreateRequest, got {:?}", e.action_data)
    };
    assert_eq!(req.args()["patient"], "P-1042");
    assert_eq!(e.leg_a().map(|p| &p.direction), Some(&Direction::Outbound));
}

#[test]
fn transaction_attributes_are_echoed() {
    let e = fixture("event_CALL_ANSWERED_with-attributes.json");
    let attrs = e.call_details.transaction_attributes.as_ref().expect("attributes");
    assert_eq!(attrs["appointment"], "2026-12-01T09:30");
    assert!(e.leg_a().is_some_and(Participant::is_connected));
}

#[test]
fn numbers_and_booleans_sent_as_strings() {
    let e = fixture("event_ACTION_SUCCESSFUL_PlayAudio_numbers-as-strings.json");
    assert_eq!(e.sequence, 3);
    let play =
        e.action_data.as_deref().and_then(ActionData::action::<PlayAudio>).expect("PlayAudio");
    assert_eq!(play.repeat, Some(2));
    assert_eq!(play.target.participant_tag().cloned(), Some(ParticipantTag::LegA));
    let e = fixture("event_ACTION_SUCCESSFUL_VoiceFocus_bool-as-string.json");
    let vf =
        e.action_data.as_deref().and_then(ActionData::action::<VoiceFocus>).expect("VoiceFocus");
    assert_eq!(vf.enable, Some(true));
    let e = fixture("event_HANGUP_code-as-string.json");
    let h = e.action_data.as_deref().and_then(ActionData::action::<Hangup>).expect("Hangup");
    assert_eq!(h.sip_response_code, Some(SipResponseCode::Busy));
}

#[test]
fn result_fields_beside_the_echo() {
    let e = fixture("event_ACTION_SUCCESSFUL_SpeakAndGetDigits_digits.json");
    let data = e.action_data.as_ref().expect("ActionData");
    assert_eq!(data.received_digits.as_deref(), Some("2"));
    let echo = data.action::<SpeakAndGetDigits>().expect("typed echo");
    assert_eq!(echo.digits.input_digits_regex.as_ref().map(DigitsRegex::as_str), Some("^[1-3]$"));

    let e = fixture("event_ACTION_SUCCESSFUL_RecordAudio_result.json");
    let data = e.action_data.as_ref().expect("ActionData");
    assert_eq!(data.recording_terminator_used.as_deref(), Some("#"));
    assert_eq!(
        data.recording_destination.as_ref().and_then(|d| d.key.as_deref()),
        Some("mailbox-17/2026/11/22/0001.wav")
    );

    let e = fixture("event_ACTION_SUCCESSFUL_StartCallRecording_result.json");
    let loc = e
        .action_data
        .as_ref()
        .and_then(|d| d.call_recording_destination.as_ref())
        .and_then(|d| d.location.clone());
    assert!(loc.is_some_and(|l| l.starts_with("call-recordings-eu/support/")));

    let e = fixture("event_ACTION_SUCCESSFUL_StartBotConversation_intent-integer-score.json");
    let result =
        e.action_data.as_ref().and_then(|d| d.intent_result.as_ref()).expect("IntentResult");
    let intent = result.intent().expect("intent");
    assert_eq!(intent.state, Some(IntentState::ReadyForFulfillment));
    assert_eq!(intent.confirmation_state, Some(ConfirmationState::Confirmed));
    let interps = result.interpretations.as_ref().expect("interpretations");
    assert_eq!(interps[0].score(), Some(1.0));
    assert_eq!(interps[1].score(), None);
}

#[test]
fn three_failure_shapes() {
    let failure =
        |name: &str| fixture(name).action_data.and_then(|d| d.failure()).expect("failure");
    let f = failure("event_ACTION_FAILED_CallAndBridge_not-answered.json");
    assert_eq!(
        (f.error_type, f.message.as_str()),
        (ErrorType::CallNotAnswered, "Call not answered")
    );
    let f = failure("event_ACTION_FAILED_JoinChimeMeeting_single-error-string.json");
    assert_eq!(f.error_type, ErrorType::Other("ErrorJoiningMeeting".into()));
    assert_eq!(f.message, "Error while joining meeting.");
    let f = failure("event_ACTION_FAILED_ModifyChimeMeetingAttendees_error-list.json");
    assert_eq!(f.error_type, ErrorType::Other(String::new()));
    assert_eq!(f.errors.len(), 1);
    let f = failure("event_ACTION_FAILED_Speak_unknown-error-type.json");
    assert_eq!(f.error_type.as_str(), "VoiceNotAvailableInRegion");
    assert!(!f.error_type.is_known());
    assert!(
        fixture("event_ACTION_SUCCESSFUL_Speak.json")
            .action_data
            .and_then(|d| d.failure())
            .is_none()
    );
}

#[test]
fn invalid_lambda_response_error_is_top_level() {
    let e = fixture("event_INVALID_LAMBDA_RESPONSE_attribute-map-size.json");
    assert!(e.action_data.is_none());
    let f = e.invalid_response_error().expect("error");
    assert_eq!(f.error_type, ErrorType::TransactionAttributesInvalidMapSize);
    assert!(f.message.contains("100"));
}

#[test]
fn bridged_hangup_names_the_last_action_and_mixed_case_tags() {
    let e = fixture("event_HANGUP_bridged-legB-last-action-mixed-case.json");
    assert_eq!(e.event_type, EventType::Hangup);
    let data = e.action_data.as_ref().expect("ActionData");
    assert_eq!(data.action_type(), ActionType::ReceiveDigits);
    let echo = data.action::<ReceiveDigits>().expect("typed even though partial");
    assert_eq!(echo.target.participant_tag().cloned(), Some(ParticipantTag::LegB));
    assert_eq!(echo.input_digits_regex, None);
    let b = e.leg_b().expect("Leg-B read as LEG-B");
    assert!(b.is_disconnected());
    assert_eq!(b.from, "SMA");
    assert!(e.leg_a().is_some_and(Participant::is_connected));
}

#[test]
fn unknown_event_and_action_types_are_kept() {
    let e = fixture("event_CALL_TRANSFERRED_unknown-event-and-action-type.json");
    assert_eq!(e.event_type, EventType::Other("CALL_TRANSFERRED".into()));
    let data = e.action_data.as_ref().expect("ActionData");
    assert_eq!(data.type_name(), "TransferCall");
    let Some(Action::Raw(raw)) = data.as_action() else { panic!("expected a raw action") };
    assert_eq!(raw.parameters["Target"], "+16305550199");
    assert!(data.extra.contains_key("TransferResult"));
}

#[test]
fn every_action_type_finds_its_own_catalog_entry() {
    for t in ActionType::KNOWN {
        assert_eq!(t.spec().map(|s| s.name), Some(t.as_str()), "{t}");
    }
    assert!(ActionType::from("TransferCall").spec().is_none());
}

#[test]
fn doc_key_invocation_event_is_read() {
    let e = fixture("event_ACTION_SUCCESSFUL_Speak_invocationevent-key.json");
    assert_eq!(e.event_type, EventType::ActionSuccessful);
}

#[test]
fn an_untagged_only_participant_is_leg_a_and_stays_untagged() {
    let e = fixture("event_NEW_INBOUND_CALL_untagged-participant.json");
    assert_eq!(e.call_details.participants[0].participant_tag, None);
    let call = sma_core::Call::new(e.clone());
    assert_eq!(
        call.leg_a().call_id().map(|c| c.as_str()),
        Some("4b3a2f1e-0d9c-4b8a-a7f6-e5d4c3b2a190")
    );
    assert_eq!(call.leg_a().tag(), &ParticipantTag::LegA);
    assert_eq!(e.invoking_leg(), Some(ParticipantTag::LegA));
    let written = serde_json::to_value(&e).expect("serialize");
    assert!(written["CallDetails"]["Participants"][0].get("ParticipantTag").is_none());
}

/// `serialize(parse(x)) == normalize(x)`, for the cases where it used to fail.
#[test]
fn the_normalization_promise_holds_exactly() {
    use serde_json::{Value, json};
    use sma_tests::normalize::{normalize_action, normalize_action_data};
    let action_cases = [
        // IntegralNumbers: 3.00 is 3.
        json!({"Type": "Pause", "Parameters": {"DurationInMilliseconds": 3.00, "CallId": ""}}),
        // An unknown type is kept exactly, its empty CallId included.
        json!({"Type": "Answer", "Parameters": {"CallId": "", "Repeat": "2"}}),
        // A known type whose parameters do not fit is kept exactly.
        json!({"Type": "Pause", "Parameters": {"DurationInMilliseconds": "soon", "CallId": ""}}),
        // A key beside Type and Parameters keeps the whole object as it is.
        json!({"Type": "Hangup", "Parameters": {"SipResponseCode": "0"}, "parameters": {}}),
    ];
    for raw in action_cases {
        let parsed: Action = serde_json::from_value(raw.clone()).expect("parses");
        let mut expected = raw.clone();
        normalize_action(&mut expected);
        assert_eq!(serde_json::to_value(&parsed).expect("serializes"), expected, "{raw}");
    }
    // A CallUpdateRequest without Arguments stays without.
    let raw = json!({"Type": "CallUpdateRequest", "Parameters": {}});
    let data: ActionData = serde_json::from_value(raw.clone()).expect("parses");
    let mut expected: Value = raw;
    normalize_action_data(&mut expected);
    assert_eq!(serde_json::to_value(&data).expect("serializes"), expected);
}

/// A reading error names the JSON path of what did not fit, found from the error's position.
#[test]
fn reading_errors_name_the_path_of_what_did_not_fit() {
    use serde_json::{Value, json};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/events/hangup_leg_b.json");
    let base: Value = serde_json::from_slice(&std::fs::read(path).expect("event")).expect("JSON");
    let cases: [(&str, Value, &str); 4] = [
        ("/Sequence", json!("two"), "Sequence"),
        ("/CallDetails/Participants/1/From", json!(7), "CallDetails.Participants[1].From"),
        (
            "/CallDetails/Participants/0/Direction",
            json!(false),
            "CallDetails.Participants[0].Direction",
        ),
        ("/CallDetails/AwsRegion", json!(["us-east-1"]), "CallDetails.AwsRegion"),
    ];
    for (pointer, value, expected) in cases {
        let mut event = base.clone();
        *event.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        // Pretty-printed too: the position is a line and a column.
        for bytes in [serde_json::to_vec(&event), serde_json::to_vec_pretty(&event)] {
            let err = Invocation::from_slice(&bytes.expect("JSON")).expect_err(pointer);
            assert_eq!(err.path(), expected, "{pointer}: {err}");
        }
    }
    let mut event = base;
    event["CallDetails"].as_object_mut().expect("object").remove("TransactionId");
    let err =
        Invocation::from_slice(&serde_json::to_vec(&event).expect("JSON")).expect_err("lacks");
    assert_eq!(err.path(), "CallDetails", "{err}");
}

/// Participants are read in full however many there are (the reader makes room for two first).
#[test]
fn every_participant_is_read() {
    use serde_json::{Value, json};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/events/hangup_leg_b.json");
    let base: Value = serde_json::from_slice(&std::fs::read(path).expect("event")).expect("JSON");
    let legs = base["CallDetails"]["Participants"].as_array().expect("participants").clone();
    for n in 0..=5 {
        let mut event = base.clone();
        let list: Vec<Value> = (0..n).map(|i| legs[i % legs.len()].clone()).collect();
        event["CallDetails"]["Participants"] = Value::Array(list.clone());
        let read =
            Invocation::from_slice(&serde_json::to_vec(&event).expect("JSON")).expect("reads");
        assert_eq!(read.call_details.participants.len(), n);
        let written = serde_json::to_value(&read.call_details.participants).expect("JSON");
        assert_eq!(written, Value::Array(list));
    }
    let mut event = base;
    event["CallDetails"]["Participants"] = json!({"CallId": "c"});
    let err = Invocation::from_slice(&serde_json::to_vec(&event).expect("JSON")).expect_err("map");
    assert_eq!(err.path(), "CallDetails.Participants", "{err}");
    assert!(err.to_string().contains("a list of participants"), "{err}");
}

/// `ActionData` is read into its box (`#[wire(boxed)]`): present, `null` and absent read as
/// before, a standalone read gives the same value, and a wrong shape is refused in serde's words.
#[test]
fn action_data_reads_into_its_box_as_it_read_before() {
    use serde_json::{Value, json};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/events/hangup_leg_b.json");
    let base: Value = serde_json::from_slice(&std::fs::read(path).expect("event")).expect("JSON");
    let read = |event: &Value| Invocation::from_slice(&serde_json::to_vec(event).expect("JSON"));
    let data = read(&base).expect("reads").action_data.expect("ActionData");
    let alone: ActionData = serde_json::from_value(base["ActionData"].clone()).expect("alone");
    assert_eq!(*data, alone);
    assert_eq!(serde_json::to_value(&*data).expect("JSON"), base["ActionData"]);
    let mut event = base.clone();
    event["ActionData"] = Value::Null;
    assert_eq!(read(&event).expect("null").action_data, None);
    event.as_object_mut().expect("object").remove("ActionData");
    assert_eq!(read(&event).expect("absent").action_data, None);
    event["ActionData"] = json!("Hangup");
    let err = read(&event).expect_err("a string");
    assert_eq!(err.path(), "ActionData", "{err}");
    assert!(err.to_string().contains("expected struct ActionData"), "{err}");
}

//! The response check, continued: required parameters, rules between parameters, legs, and
//! what the app does with a response that breaks them.

mod support;

use serde_json::json;
use sma_core::action::*;
use sma_core::prelude::*;
use sma_core::response::{Envelope, Limits, Rule};
use sma_core::rules::ValidationReadings;
use std::time::Duration;
use support::check::*;

// --- required parameters ---------------------------------------------------------------------

#[test]
fn required_parameters() {
    warned(
        with(Speak::new(Target::call(A), "hi"), |a| a.target = Target::InvokingLeg),
        Rule::CallIdMissing,
        "CallId",
    );
    caught(
        with(Speak::new(Target::call(A), "hi"), |a| a.text = None),
        Rule::MissingParameter,
        "Text",
    );
    // No published handler omits SendDigits' CallId: it stays required.
    caught(
        with(SendDigits::new(Target::call(A), dtmf!("1")), |a| a.target = Target::InvokingLeg),
        Rule::MissingParameter,
        "CallId",
    );
    // A call-recording action addressed by tag (amazon-chime-sma-on-demand-recording) warns.
    warned(
        StartCallRecording::new(Target::tag(ParticipantTag::LegB), Track::Both, "recordings"),
        Rule::AddressedByTag,
        "ParticipantTag",
    );
    caught(
        with(SendDigits::new(Target::call(A), dtmf!("1")), |a| a.digits = None),
        Rule::MissingParameter,
        "Digits",
    );
    let sagd = || SpeakAndGetDigits::new(Target::call(A), "p", "f");
    warned(with(sagd(), |a| a.target = Target::InvokingLeg), Rule::CallIdMissing, "CallId");
    caught(
        with(sagd(), |a| a.speech_parameters = None),
        Rule::MissingParameter,
        "SpeechParameters",
    );
    caught(
        with(sagd(), |a| a.failure_speech_parameters = None),
        Rule::MissingParameter,
        "FailureSpeechParameters",
    );
    let mut no_wait = sagd();
    no_wait.digits.repeat_duration_in_milliseconds = None;
    caught(no_wait, Rule::MissingParameter, "RepeatDurationInMilliseconds");
    caught(
        with(sagd(), |a| a.speech_parameters = Some(SpeechParameters::default())),
        Rule::MissingParameter,
        "SpeechParameters.Text",
    );
    caught(
        with(VoiceFocus::new(Target::call(A), true), |a| a.enable = None),
        Rule::MissingParameter,
        "Enable",
    );
    warned(
        with(VoiceFocus::new(Target::call(A), true), |a| a.target = Target::InvokingLeg),
        Rule::CallIdMissing,
        "CallId",
    );
    caught(StopCallRecording::default(), Rule::MissingParameter, "CallId");
    caught(PauseCallRecording::default(), Rule::MissingParameter, "CallId");
    caught(ResumeCallRecording::default(), Rule::MissingParameter, "CallId");
    caught(
        with(StartCallRecording::new(Target::call(A), Track::Both, "b"), |a| a.track = None),
        Rule::MissingParameter,
        "Track",
    );
    caught(
        with(StartCallRecording::new(Target::call(A), Track::Both, "b"), |a| a.destination = None),
        Rule::MissingParameter,
        "Destination",
    );
    caught(
        StartCallRecording::new(Target::call(A), Track::Both, ""),
        Rule::MissingParameter,
        "Destination.Location",
    );
    let receive = || {
        ReceiveDigits::new(regex!("^1$"), Duration::from_secs(1), Duration::from_secs(5))
            .on(leg_a())
    };
    caught(
        with(receive(), |a| a.input_digits_regex = None),
        Rule::MissingParameter,
        "InputDigitsRegex",
    );
    caught(
        with(receive(), |a| a.in_between_digits_duration_in_milliseconds = None),
        Rule::MissingParameter,
        "InBetweenDigitsDurationInMilliseconds",
    );
    caught(
        with(receive(), |a| a.flush_digits_duration_in_milliseconds = None),
        Rule::MissingParameter,
        "FlushDigitsDurationInMilliseconds",
    );
    caught(
        with(JoinChimeMeeting::new("t").on(leg_a()), |a| a.join_token = None),
        Rule::MissingParameter,
        "JoinToken",
    );
    caught(
        with(ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m", ["a"]), |a| {
            a.meeting_id = None
        }),
        Rule::MissingParameter,
        "MeetingId",
    );
    caught(
        with(PlayAudio::new(audio()).on(leg_a()), |a| a.audio_source = None),
        Rule::MissingParameter,
        "AudioSource",
    );
    caught(
        PlayAudio::new(with(audio(), |a| a.key = None)).on(leg_a()),
        Rule::MissingParameter,
        "AudioSource.Key",
    );
    caught(
        with(PlayAudioAndGetDigits::new(audio(), audio()).on(leg_a()), |a| {
            a.failure_audio_source = None
        }),
        Rule::MissingParameter,
        "FailureAudioSource",
    );
    caught(
        with(RecordAudio::new("b").on(leg_a()), |a| a.recording_destination = None),
        Rule::MissingParameter,
        "RecordingDestination",
    );
    caught(
        RecordAudio::new("b").on(leg_a()).terminators([]),
        Rule::MissingParameter,
        "RecordingTerminators",
    );
    caught(
        RecordAudio::new("").on(leg_a()),
        Rule::MissingParameter,
        "RecordingDestination.BucketName",
    );
    caught(StartBotConversation::default().on(leg_a()), Rule::MissingParameter, "BotAliasArn");
    let mut bridge = CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"));
    bridge.caller_id_number = None;
    caught(bridge.clone(), Rule::MissingParameter, "CallerIdNumber");
    bridge.endpoints = None;
    caught(bridge, Rule::MissingParameter, "Endpoints");
    caught(
        CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"))
            .ringback(with(audio(), |a| a.bucket_name = None)),
        Rule::MissingParameter,
        "RingbackTone.BucketName",
    );
}

// --- rules between parameters ----------------------------------------------------------------

#[test]
fn dependent_and_conflicting_parameters() {
    caught(
        SpeakAndGetDigits::new(Target::call(A), "p", "f").min_digits(4).max_digits(3),
        Rule::DependentParameters,
        "MaxNumberOfDigits",
    );
    passes(SpeakAndGetDigits::new(Target::call(A), "p", "f").min_digits(4).max_digits(4));
    let strict = Limits {
        readings: ValidationReadings { max_digits_above_min: true, ..ValidationReadings::DEFAULT },
        ..Limits::CURRENT
    };
    let equal =
        PlayAudioAndGetDigits::new(audio(), audio()).on(leg_a()).min_digits(4).max_digits(4);
    assert_eq!(
        found_with(&strict, &invocation(None), vec![equal.into()])[0].0,
        Rule::DependentParameters
    );

    caught(
        ReceiveDigits::new(regex!("^1$"), Duration::from_secs(5), Duration::from_secs(5))
            .on(leg_a()),
        Rule::DependentParameters,
        "FlushDigitsDurationInMilliseconds",
    );

    let mut two = CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"));
    if let Some(e) = two.endpoints.as_mut() {
        e.push(e[0].clone());
    }
    caught(two, Rule::OutOfRange, "Endpoints");
    let mut none = CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"));
    none.endpoints = Some(vec![]);
    caught(none, Rule::OutOfRange, "Endpoints");
    let mut arn_on_pstn = CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"));
    if let Some(e) = arn_on_pstn.endpoints.as_mut() {
        e[0].arn = Some("arn:aws:chime:us-east-1:1:vc/x".into());
    }
    caught(arn_on_pstn, Rule::ConflictingParameters, "Endpoints[0].Arn");
    let mut aws_without_arn = CallAndBridge::to_voice_connector(e164!("+12065550100"), "x", "5550");
    if let Some(e) = aws_without_arn.endpoints.as_mut() {
        e[0].arn = None;
    }
    caught(aws_without_arn, Rule::MissingParameter, "Endpoints[0].Arn");

    let headers_on_pstn =
        CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111")).sip_header("x-a", "1");
    passes(headers_on_pstn.clone());
    let aws_only = Limits {
        readings: ValidationReadings { sip_headers_aws_only: true, ..ValidationReadings::DEFAULT },
        ..Limits::CURRENT
    };
    assert_eq!(
        found_with(&aws_only, &invocation(None), vec![headers_on_pstn.into()])[0].0,
        Rule::ConflictingParameters
    );

    let mut welcome = StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/B/A")
        .on(leg_a())
        .welcome("Hi", ContentType::PlainText);
    if let Some(state) = welcome.configuration.as_mut().and_then(|c| c.session_state.as_mut()) {
        let mut delegate = DialogAction::default();
        delegate.kind = Some(DialogActionType::Delegate);
        state.dialog_action = Some(delegate);
    }
    caught(welcome, Rule::DependentParameters, "DialogAction.Type");

    let both = RecordAudio::new("b").on(Target::call(A).and_tag(ParticipantTag::LegA));
    caught(both, Rule::ConflictingParameters, "ParticipantTag");
}

// --- legs ------------------------------------------------------------------------------------

#[test]
fn legs_must_exist_and_be_allowed() {
    caught(Speak::new(Target::call("call-zzz"), "hi"), Rule::UnknownLeg, "CallId");
    let one_leg = invocation(None);
    let to_b = PlayAudio::new(audio()).on(Target::tag(ParticipantTag::LegB));
    assert_eq!(
        found_with(&Limits::CURRENT, &one_leg, vec![to_b.clone().into()])[0].0,
        Rule::UnknownLeg
    );
    passes(to_b);
    caught(
        JoinChimeMeeting::new("t").on(Target::tag(ParticipantTag::LegB)),
        Rule::WrongLeg,
        "ParticipantTag",
    );
    caught(JoinChimeMeeting::new("t").on(Target::call(B)), Rule::WrongLeg, "CallId");
    caught(
        StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/B/A")
            .on(Target::call(B)),
        Rule::WrongLeg,
        "CallId",
    );
    caught(
        with(ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m", ["a"]), |a| {
            a.target = leg_a()
        }),
        Rule::WrongLeg,
        "CallId",
    );
    // A leg that hung up cannot hear anything; hanging it up again is harmless.
    let b_gone = invocation(Some("Disconnected"));
    assert_eq!(
        found_with(&Limits::CURRENT, &b_gone, vec![Speak::new(Target::call(B), "hi").into()])[0].0,
        Rule::WrongLeg
    );
    assert!(
        found_with(&Limits::CURRENT, &b_gone, vec![Hangup::new().on(Target::call(B)).into()])
            .is_empty()
    );
    // When every leg has hung up, the service ignores the answer: nothing to flag.
    let mut all_gone = invocation(Some("Disconnected"));
    all_gone.call_details.participants[0].status =
        Some(sma_core::event::ParticipantStatus::Disconnected);
    assert!(
        found_with(&Limits::CURRENT, &all_gone, vec![Speak::new(Target::call(A), "bye").into()])
            .is_empty()
    );
}

// --- through the App: never sent, answered by the policy ---------------------------------------

#[on(NewInboundCall)]
async fn too_long(call: Call) -> Actions {
    call.leg_a().speak("x".repeat(1001)).into()
}

#[tokio::test]
async fn a_violation_is_never_sent() {
    let app = App::new(handlers![too_long]);
    let event = json!({"SchemaVersion": "1.0", "Sequence": 1, "InvocationEventType": "NEW_INBOUND_CALL",
        "CallDetails": {"TransactionId": "tx", "AwsAccountId": "1", "AwsRegion": "us-east-1", "SipMediaApplicationId": "s",
            "Participants": [{"CallId": A, "ParticipantTag": "LEG-A", "To": "+1", "From": "+2", "Direction": "Inbound",
                "StartTimeInMilliseconds": "1"}]}});
    let r = serde_json::to_value(app.handle(event, Context::default()).await).expect("json");
    assert_eq!(r["Actions"][0]["Type"], "Hangup");
    assert_eq!(r["Actions"][0]["Parameters"]["CallId"], A);
    assert_eq!(r["Actions"].as_array().map(Vec::len), Some(1));
}

#[test]
fn the_error_names_action_parameter_and_rule() {
    let violations = Envelope::new(vec![Speak::new(Target::call(A), "x".repeat(1001)).into()])
        .validate(&Limits::CURRENT, None)
        .expect_err("too long");
    let text = sma_core::HandlerError::InvalidResponse(violations).to_string();
    assert!(text.contains("Actions[0] (Speak).Parameters.Text"), "{text}");
    assert!(text.contains("1001 characters"), "{text}");
    assert!(text.contains("texts and lists are within their documented lengths"), "{text}");
}

// --- what published handlers send ---------------------------------------------------------

#[test]
fn a_key_beside_type_and_parameters_is_kept_and_its_parameters_still_checked() {
    let inv = invocation(Some("Connected"));
    let raw = json!({"SchemaVersion": "1.0", "Actions": [
        {"Type": "Speak", "Parameters": {"CallId": A, "Text": "x".repeat(1001)}, "parameters": {}}
    ]});
    let envelope = Envelope::check_json(&raw, &Limits::CURRENT).expect("the envelope is fine");
    assert_eq!(serde_json::to_value(&envelope).unwrap(), raw, "nothing is dropped");
    let found: Vec<Rule> =
        envelope.review(&Limits::CURRENT, Some(&inv)).iter().map(|v| v.rule).collect();
    assert_eq!(found, vec![Rule::ActionObjectKey, Rule::TooLong]);
    let rejected = envelope.validate(&Limits::CURRENT, Some(&inv)).unwrap_err();
    assert_eq!(rejected.len(), 1, "only the text length rejects: {rejected:?}");
}

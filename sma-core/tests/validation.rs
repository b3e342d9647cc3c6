//! Every rule that can be checked locally, broken once and caught; the valid forms pass.

use serde_json::json;
use sma_core::action::*;
use sma_core::prelude::*;
use sma_core::response::{Envelope, Level, Limits, Rule};
use sma_core::validate::ValidationReadings;
use sma_core::{Action, Invocation};
use std::time::Duration;

/// `value` changed by `change` (the action structs are `#[non_exhaustive]`).
fn with<T>(mut value: T, change: impl FnOnce(&mut T)) -> T {
    change(&mut value);
    value
}

const A: &str = "call-a";
const B: &str = "call-b";

fn invocation(b_status: Option<&str>) -> Invocation {
    let mut participants = vec![
        json!({"CallId": A, "ParticipantTag": "LEG-A", "To": "+12065550100",
        "From": "+14155550199", "Direction": "Inbound", "StartTimeInMilliseconds": "1700000000000", "Status": "Connected"}),
    ];
    if let Some(status) = b_status {
        participants.push(json!({"CallId": B, "ParticipantTag": "LEG-B", "To": "+16505550111",
            "From": "+12065550100", "Direction": "Outbound", "StartTimeInMilliseconds": "1700000004000", "Status": status}));
    }
    serde_json::from_value(json!({"SchemaVersion": "1.0", "Sequence": 3, "InvocationEventType": "ACTION_SUCCESSFUL",
        "CallDetails": {"TransactionId": "tx", "AwsAccountId": "111122223333", "AwsRegion": "us-east-1",
            "SipMediaApplicationId": "sma", "Participants": participants}}))
    .expect("invocation")
}

fn found_with(limits: &Limits, inv: &Invocation, actions: Vec<Action>) -> Vec<(Rule, String)> {
    match Envelope::new(actions).validate(limits, Some(inv)) {
        Ok(()) => vec![],
        Err(v) => v.into_iter().map(|v| (v.rule, v.location)).collect(),
    }
}

fn found(action: impl Into<Action>) -> Vec<(Rule, String)> {
    found_with(&Limits::CURRENT, &invocation(Some("Connected")), vec![action.into()])
}

#[track_caller]
fn caught(action: impl Into<Action>, rule: Rule, parameter: &str) {
    let v = found(action);
    assert!(
        v.iter().any(|(r, loc)| *r == rule && loc.ends_with(parameter)),
        "expected {rule:?} at {parameter}, found {v:?}"
    );
}

/// A rule that published handlers break: the response goes out (a warning), strict mode rejects.
#[track_caller]
fn warned(action: impl Into<Action>, rule: Rule, parameter: &str) {
    let action = action.into();
    let inv = invocation(Some("Connected"));
    let envelope = Envelope::new(vec![action]);
    assert!(envelope.validate(&Limits::CURRENT, Some(&inv)).is_ok(), "{rule:?} must not reject");
    let review = envelope.review(&Limits::CURRENT, Some(&inv));
    assert!(
        review
            .iter()
            .any(|v| v.rule == rule && v.level() == Level::Warn && v.location.ends_with(parameter)),
        "expected a {rule:?} warning at {parameter}, found {review:?}"
    );
    let strict = Limits {
        readings: ValidationReadings { strict: true, ..ValidationReadings::DEFAULT },
        ..Limits::CURRENT
    };
    assert!(envelope.validate(&strict, Some(&inv)).is_err(), "strict mode rejects {rule:?}");
}

#[track_caller]
fn passes(action: impl Into<Action>) {
    let v = found(action);
    assert!(v.is_empty(), "expected no violation, found {v:?}");
}

/// A value as it would be read from the wire, where it is not checked (the response check is).
fn wire<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).expect("wire value")
}

/// A string as it would be read from the wire.
fn wire_str<T: serde::de::DeserializeOwned>(s: &str) -> T {
    serde_json::from_value(json!(s)).expect("wire value")
}

fn audio() -> AudioSource {
    AudioSource::s3("prompts", "menu.wav")
}

fn leg_a() -> Target {
    Target::call(A)
}

// --- valid forms of all 18 actions -------------------------------------------------------

#[test]
fn every_action_built_with_the_builders_passes() {
    passes(
        CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"))
            .timeout(Duration::from_secs(120))
            .ringback(audio())
            .sip_header("x-ticket", "42"),
    );
    passes(CallAndBridge::to_voice_connector(
        e164!("+12065550100"),
        "arn:aws:chime:us-east-1:111122223333:vc/abcdef",
        "agent-queue_7",
    ));
    passes(Hangup::new().on(Target::tag(ParticipantTag::LegB)).code(SipResponseCode::Busy));
    passes(JoinChimeMeeting::new("token").meeting_id("m-1").on(leg_a()));
    passes(ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m-1", ["a1", "a2"]));
    passes(Pause::new(Duration::from_millis(100)).on(leg_a()));
    passes(PlayAudio::new(audio()).on(leg_a()).repeat(2).terminators(keys!("#")));
    passes(
        PlayAudioAndGetDigits::new(audio(), audio())
            .on(leg_a())
            .input_regex(regex!(r"^\d{4}#$"))
            .min_digits(4)
            .max_digits(5),
    );
    passes(
        ReceiveDigits::new(regex!(r"^\*\d$"), Duration::from_secs(1), Duration::from_secs(10))
            .on(leg_a()),
    );
    passes(
        RecordAudio::new("voicemail")
            .on(leg_a())
            .prefix("box")
            .max_duration(Duration::from_secs(60))
            .stop_on_silence(Duration::from_secs(3), 200),
    );
    passes(
        SendDigits::new(Target::call(A), dtmf!(",,1234#")).tone_duration(Duration::from_millis(50)),
    );
    passes(Speak::new(Target::call(A), "x".repeat(1000)).engine(Engine::Neural).ssml());
    passes(
        SpeakAndGetDigits::new(Target::call(A), "Press 1", "Sorry")
            .input_regex(regex!("^[12]$"))
            .min_digits(1)
            .max_digits(1),
    );
    passes(
        StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID/ALIAS")
            .on(leg_a())
            .welcome("Hi", ContentType::PlainText),
    );
    passes(StartCallRecording::new(Target::call(A), Track::Both, "recordings/support"));
    passes(StopCallRecording::new(Target::call(A)));
    passes(PauseCallRecording::new(Target::call(B)));
    passes(ResumeCallRecording::new(Target::call(B)));
    passes(VoiceFocus::new(Target::call(A), true));
}

// --- ranges ---------------------------------------------------------------------------------

#[test]
fn ranges() {
    let bridge = || CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"));
    caught(bridge().timeout(Duration::ZERO), Rule::OutOfRange, "CallTimeoutSeconds");
    caught(bridge().timeout(Duration::from_secs(121)), Rule::OutOfRange, "CallTimeoutSeconds");
    caught(
        Pause::new(Duration::from_millis(99)).on(leg_a()),
        Rule::OutOfRange,
        "DurationInMilliseconds",
    );
    caught(
        Pause::new(Duration::from_millis(30_001)).on(leg_a()),
        Rule::OutOfRange,
        "DurationInMilliseconds",
    );
    caught(
        SendDigits::new(Target::call(A), dtmf!("1")).tone_duration(Duration::from_millis(49)),
        Rule::OutOfRange,
        "ToneDurationInMilliseconds",
    );
    caught(
        SendDigits::new(Target::call(A), dtmf!("1")).tone_duration(Duration::from_millis(24_001)),
        Rule::OutOfRange,
        "ToneDurationInMilliseconds",
    );
    let record = || RecordAudio::new("voicemail").on(leg_a());
    caught(
        record().stop_on_silence(Duration::ZERO, 200),
        Rule::OutOfRange,
        "SilenceDurationInSeconds",
    );
    caught(
        record().stop_on_silence(Duration::from_secs(1001), 200),
        Rule::OutOfRange,
        "SilenceDurationInSeconds",
    );
    caught(
        record().stop_on_silence(Duration::from_secs(3), 0),
        Rule::OutOfRange,
        "SilenceThreshold",
    );
    caught(
        record().stop_on_silence(Duration::from_secs(3), 1001),
        Rule::OutOfRange,
        "SilenceThreshold",
    );
    caught(record().max_duration(Duration::ZERO), Rule::OutOfRange, "DurationInSeconds");
    caught(PlayAudio::new(audio()).on(leg_a()).repeat(0), Rule::OutOfRange, "Repeat");
    caught(
        ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m", Vec::<String>::new()),
        Rule::OutOfRange,
        "AttendeeList",
    );
    caught(
        ModifyChimeMeetingAttendees::new(
            MeetingOperation::Mute,
            "m",
            (0..101).map(|i| i.to_string()),
        ),
        Rule::OutOfRange,
        "AttendeeList",
    );
    caught(
        SpeakAndGetDigits::new(Target::call(A), "p", "f").max_digits(129),
        Rule::OutOfRange,
        "MaxNumberOfDigits",
    );
    caught(
        SpeakAndGetDigits::new(Target::call(A), "p", "f").attempt_timeout(Duration::ZERO),
        Rule::OutOfRange,
        "RepeatDurationInMilliseconds",
    );
    caught(
        PlayAudioAndGetDigits::new(audio(), audio()).on(leg_a()).in_between_digits(Duration::ZERO),
        Rule::OutOfRange,
        "InBetweenDigitsDurationInMilliseconds",
    );
}

#[test]
fn the_other_pause_reading_accepts_short_pauses() {
    let lenient = Limits {
        readings: ValidationReadings { pause_100_to_30000: false, ..ValidationReadings::DEFAULT },
        ..Limits::CURRENT
    };
    let inv = invocation(None);
    assert!(
        found_with(&lenient, &inv, vec![Pause::new(Duration::from_millis(50)).on(leg_a()).into()])
            .is_empty()
    );
    let zero =
        with(Pause::new(Duration::ZERO).on(leg_a()), |a| a.duration_in_milliseconds = Some(0));
    assert_eq!(found_with(&lenient, &inv, vec![zero.into()])[0].0, Rule::OutOfRange);
}

// --- lengths ---------------------------------------------------------------------------------

#[test]
fn lengths() {
    caught(Speak::new(Target::call(A), "x".repeat(1001)), Rule::TooLong, "Text");
    caught(Speak::new(Target::call(A), ""), Rule::MissingParameter, "Text");
    caught(
        SpeakAndGetDigits::new(Target::call(A), "x".repeat(1001), "f"),
        Rule::TooLong,
        "SpeechParameters.Text",
    );
    caught(
        CallAndBridge::to_voice_connector(
            e164!("+12065550100"),
            "arn:aws:chime:us-east-1:1:vc/x",
            "u".repeat(37),
        ),
        Rule::TooLong,
        "Endpoints[0].Uri",
    );
    caught(
        CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"))
            .sip_header("x-big", "v".repeat(2048)),
        Rule::TooLong,
        "SipHeaders[\"x-big\"]",
    );
    caught(
        RecordAudio::new("b").on(leg_a()).prefix("p".repeat(980)),
        Rule::TooLong,
        "RecordingDestination.Prefix",
    );
    let big = StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/B/A")
        .on(leg_a())
        .session_attribute("blob", "x".repeat(10 * 1024));
    caught(big, Rule::TooLong, "Configuration");
}

#[test]
fn the_2023_uri_limit_is_selectable() {
    let inv = invocation(None);
    let uri31 = CallAndBridge::to_voice_connector(
        e164!("+12065550100"),
        "arn:aws:chime:us-east-1:1:vc/x",
        "u".repeat(31),
    );
    assert!(found_with(&Limits::CURRENT, &inv, vec![uri31.clone().into()]).is_empty());
    assert_eq!(found_with(&Limits::LEGACY, &inv, vec![uri31.into()])[0].0, Rule::TooLong);
}

// --- formats -------------------------------------------------------------------------------

#[test]
fn formats() {
    let pstn = |caller: &str, callee: &str| {
        CallAndBridge::to_pstn(wire_str::<E164>(caller), wire_str::<E164>(callee))
    };
    caught(pstn("2065550100", "+16505550111"), Rule::InvalidFormat, "CallerIdNumber");
    caught(pstn("+12065550100", "6505550111"), Rule::InvalidFormat, "Endpoints[0].Uri");
    caught(
        CallAndBridge::to_voice_connector(
            e164!("+12065550100"),
            "arn:aws:chime:us-east-1:1:app/x",
            "5550",
        ),
        Rule::InvalidFormat,
        "Endpoints[0].Arn",
    );
    caught(
        CallAndBridge::to_voice_connector(
            e164!("+12065550100"),
            "arn:aws:chime:us-east-1:1:vc/x",
            "agent queue",
        ),
        Rule::InvalidFormat,
        "Endpoints[0].Uri",
    );
    caught(
        StartBotConversation::new("arn:aws:lex:us-east-1:123:bot/B").on(leg_a()),
        Rule::InvalidFormat,
        "BotAliasArn",
    );
    // A regex that is not one rejects; a valid regex outside the dialect warns (the service's
    // dialect is undocumented).
    caught(
        ReceiveDigits::new(
            wire::<DigitsRegex>(r#""^(12""#),
            Duration::from_secs(1),
            Duration::from_secs(5),
        )
        .on(leg_a()),
        Rule::InvalidFormat,
        "InputDigitsRegex",
    );
    warned(
        ReceiveDigits::new(
            wire::<DigitsRegex>(r#""^\\w+$""#),
            Duration::from_secs(1),
            Duration::from_secs(5),
        )
        .on(leg_a()),
        Rule::RegexDialect,
        "InputDigitsRegex",
    );
    warned(
        SpeakAndGetDigits::new(Target::call(A), "p", "f")
            .input_regex(wire::<DigitsRegex>(r#""^$""#)),
        Rule::RegexDialect,
        "InputDigitsRegex",
    );
    // The AWS voice-focus sample's look-ahead is in the dialect.
    passes(
        SpeakAndGetDigits::new(Target::call(A), "p", "f")
            .input_regex(regex!(r"^(?!1900)1[0-9][0-9][0-9](\d{7})$")),
    );
    caught(
        SendDigits::new(Target::call(A), wire::<DtmfString>(r#""12x""#)),
        Rule::InvalidFormat,
        "Digits",
    );
    for name in ["Contact", "X-AMZN-Trace", "x-vc-route", "x-vine", "x-canary", "x-voice-id"] {
        caught(
            pstn("+12065550100", "+16505550111").sip_header(name, "v"),
            Rule::InvalidFormat,
            &format!("SipHeaders[{name:?}]"),
        );
    }
    passes(
        pstn("+12065550100", "+16505550111")
            .sip_header("User-to-User", "616263;encoding=hex")
            .sip_header("Diversion", "<sip:+1@x>"),
    );
}

// --- closed sets -----------------------------------------------------------------------------

#[test]
fn storage_types() {
    caught(
        PlayAudio::new(with(audio(), |a| a.kind = None)).on(leg_a()),
        Rule::MissingParameter,
        "AudioSource.Type",
    );
    let mut record = RecordAudio::new("b").on(leg_a());
    if let Some(d) = record.recording_destination.as_mut() {
        d.kind = Some(StorageType::Other("GCS".into()));
    }
    caught(record, Rule::UnknownValue, "RecordingDestination.Type");
    let mut rec = StartCallRecording::new(Target::call(A), Track::Both, "b");
    if let Some(d) = rec.destination.as_mut() {
        d.kind = None;
    }
    caught(rec, Rule::MissingParameter, "Destination.Type");
}

#[test]
fn closed_sets() {
    caught(
        Hangup::new().on(leg_a()).code(SipResponseCode::Other(503)),
        Rule::UnknownValue,
        "SipResponseCode",
    );
    caught(
        Speak::new(Target::call(A), "hi").engine(Engine::Other("generative".into())),
        Rule::UnknownValue,
        "Engine",
    );
    caught(
        with(Speak::new(Target::call(A), "hi"), |a| {
            a.text_type = Some(TextType::Other("html".into()))
        }),
        Rule::UnknownValue,
        "TextType",
    );
    caught(
        StartCallRecording::new(Target::call(A), Track::Other("LEFT".into()), "b"),
        Rule::UnknownValue,
        "Track",
    );
    caught(
        ModifyChimeMeetingAttendees::new(MeetingOperation::Other("Kick".into()), "m", ["a"]),
        Rule::UnknownValue,
        "Operation",
    );
    caught(
        PlayAudio::new(audio()).on(leg_a()).terminators([DtmfKey::Other("A".into())]),
        Rule::UnknownValue,
        "PlaybackTerminators",
    );
    caught(
        PlayAudio::new(audio()).on(Target::tag(ParticipantTag::Other("LEG-C".into()))),
        Rule::UnknownValue,
        "ParticipantTag",
    );
    let mut bridge = CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"));
    if let Some(e) = bridge.endpoints.as_mut() {
        e[0].bridge_endpoint_type = Some(BridgeEndpointType::Other("SIP".into()));
    }
    caught(bridge, Rule::UnknownValue, "Endpoints[0].BridgeEndpointType");
    let welcome = StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/B/A")
        .on(leg_a())
        .welcome("Hi", ContentType::Other("HTML".into()));
    caught(welcome, Rule::UnknownValue, "WelcomeMessages[0].ContentType");
}

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
        StartCallRecording::new(Target::tag(ParticipantTag::LegB), Track::Both, "b"),
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

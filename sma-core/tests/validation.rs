//! Every rule that can be checked locally, broken once and caught; the valid forms pass.

use serde_json::json;
use sma_core::action::*;
use sma_core::prelude::*;
use sma_core::response::{Limits, Rule};
use sma_core::validate::Readings;
use sma_core::{Action, Invocation, Response};
use std::time::Duration;

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
    match Response::new(actions).validate(limits, Some(inv)) {
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

#[track_caller]
fn passes(action: impl Into<Action>) {
    let v = found(action);
    assert!(v.is_empty(), "expected no violation, found {v:?}");
}

fn audio() -> AudioSource {
    AudioSource::s3("prompts", "menu.wav")
}

fn leg_a() -> LegAddress {
    LegAddress::call(A)
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
    passes(Hangup::new(LegAddress::tag(ParticipantTag::LegB)).code(SipResponseCode::Busy));
    passes(JoinChimeMeeting::new("token").meeting_id("m-1").on(leg_a()));
    passes(ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m-1", ["a1", "a2"]));
    passes(Pause::new(leg_a(), Duration::from_millis(100)));
    passes(PlayAudio::new(leg_a(), audio()).repeat(2).terminators(keys!("#")));
    passes(
        PlayAudioAndGetDigits::new(leg_a(), audio(), audio())
            .input_regex(regex!(r"^\d{4}#$"))
            .min_digits(4)
            .max_digits(5),
    );
    passes(ReceiveDigits::new(
        leg_a(),
        regex!(r"^\*\d$"),
        Duration::from_secs(1),
        Duration::from_secs(10),
    ));
    passes(
        RecordAudio::new(leg_a(), "voicemail")
            .prefix("box")
            .max_duration(Duration::from_secs(60))
            .stop_on_silence(Duration::from_secs(3), 200),
    );
    passes(SendDigits::new(A, dtmf!(",,1234#")).tone_duration(Duration::from_millis(50)));
    passes(Speak::new(A, "x".repeat(1000)).engine(Engine::Neural).ssml());
    passes(
        SpeakAndGetDigits::new(A, "Press 1", "Sorry")
            .input_regex(regex!("^[12]$"))
            .min_digits(1)
            .max_digits(1),
    );
    passes(
        StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID/ALIAS")
            .on(leg_a())
            .welcome("Hi", ContentType::PlainText),
    );
    passes(StartCallRecording::new(A, Track::Both, "recordings/support"));
    passes(StopCallRecording::new(A));
    passes(PauseCallRecording::new(B));
    passes(ResumeCallRecording::new(B));
    passes(VoiceFocus::new(A, true));
}

// --- ranges ---------------------------------------------------------------------------------

#[test]
fn ranges() {
    let bridge = || CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"));
    caught(bridge().timeout(Duration::ZERO), Rule::OutOfRange, "CallTimeoutSeconds");
    caught(bridge().timeout(Duration::from_secs(121)), Rule::OutOfRange, "CallTimeoutSeconds");
    caught(
        Pause::new(leg_a(), Duration::from_millis(99)),
        Rule::OutOfRange,
        "DurationInMilliseconds",
    );
    caught(
        Pause::new(leg_a(), Duration::from_millis(30_001)),
        Rule::OutOfRange,
        "DurationInMilliseconds",
    );
    caught(
        SendDigits::new(A, dtmf!("1")).tone_duration(Duration::from_millis(49)),
        Rule::OutOfRange,
        "ToneDurationInMilliseconds",
    );
    caught(
        SendDigits::new(A, dtmf!("1")).tone_duration(Duration::from_millis(24_001)),
        Rule::OutOfRange,
        "ToneDurationInMilliseconds",
    );
    let record = || RecordAudio::new(leg_a(), "voicemail");
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
    caught(PlayAudio::new(leg_a(), audio()).repeat(0), Rule::OutOfRange, "Repeat");
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
        SpeakAndGetDigits::new(A, "p", "f").max_digits(129),
        Rule::OutOfRange,
        "MaxNumberOfDigits",
    );
    caught(
        SpeakAndGetDigits::new(A, "p", "f").attempt_timeout(Duration::ZERO),
        Rule::OutOfRange,
        "RepeatDurationInMilliseconds",
    );
    caught(
        PlayAudioAndGetDigits::new(leg_a(), audio(), audio()).in_between_digits(Duration::ZERO),
        Rule::OutOfRange,
        "InBetweenDigitsDurationInMilliseconds",
    );
}

#[test]
fn the_other_pause_reading_accepts_short_pauses() {
    let lenient = Limits {
        readings: Readings { pause_100_to_30000: false, ..Readings::DEFAULT },
        ..Limits::CURRENT
    };
    let inv = invocation(None);
    assert!(
        found_with(&lenient, &inv, vec![Pause::new(leg_a(), Duration::from_millis(50)).into()])
            .is_empty()
    );
    let zero = Pause { duration_in_milliseconds: Some(0), ..Pause::new(leg_a(), Duration::ZERO) };
    assert_eq!(found_with(&lenient, &inv, vec![zero.into()])[0].0, Rule::OutOfRange);
}

// --- lengths ---------------------------------------------------------------------------------

#[test]
fn lengths() {
    caught(Speak::new(A, "x".repeat(1001)), Rule::TooLong, "Text");
    caught(Speak::new(A, ""), Rule::MissingParameter, "Text");
    caught(
        SpeakAndGetDigits::new(A, "x".repeat(1001), "f"),
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
        RecordAudio::new(leg_a(), "b").prefix("p".repeat(980)),
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
    let pstn =
        |caller: &str, callee: &str| CallAndBridge::to_pstn(E164::from(caller), E164::from(callee));
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
    caught(
        ReceiveDigits::new(
            leg_a(),
            DigitsRegex::from(r"^\w+$"),
            Duration::from_secs(1),
            Duration::from_secs(5),
        ),
        Rule::InvalidFormat,
        "InputDigitsRegex",
    );
    caught(
        SpeakAndGetDigits::new(A, "p", "f").input_regex(DigitsRegex::from("^$")),
        Rule::InvalidFormat,
        "InputDigitsRegex",
    );
    caught(SendDigits::new(A, DtmfString::from("12x")), Rule::InvalidFormat, "Digits");
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
        PlayAudio::new(leg_a(), AudioSource { kind: None, ..audio() }),
        Rule::MissingParameter,
        "AudioSource.Type",
    );
    let mut record = RecordAudio::new(leg_a(), "b");
    if let Some(d) = record.recording_destination.as_mut() {
        d.kind = Some(StorageType::Other("GCS".into()));
    }
    caught(record, Rule::UnknownValue, "RecordingDestination.Type");
    let mut rec = StartCallRecording::new(A, Track::Both, "b");
    if let Some(d) = rec.destination.as_mut() {
        d.kind = None;
    }
    caught(rec, Rule::MissingParameter, "Destination.Type");
}

#[test]
fn closed_sets() {
    caught(
        Hangup::new(leg_a()).code(SipResponseCode::Other(503)),
        Rule::UnknownValue,
        "SipResponseCode",
    );
    caught(
        Speak::new(A, "hi").engine(Engine::Other("generative".into())),
        Rule::UnknownValue,
        "Engine",
    );
    caught(
        Speak { text_type: Some(TextType::Other("html".into())), ..Speak::new(A, "hi") },
        Rule::UnknownValue,
        "TextType",
    );
    caught(
        StartCallRecording::new(A, Track::Other("LEFT".into()), "b"),
        Rule::UnknownValue,
        "Track",
    );
    caught(
        ModifyChimeMeetingAttendees::new(MeetingOperation::Other("Kick".into()), "m", ["a"]),
        Rule::UnknownValue,
        "Operation",
    );
    caught(
        PlayAudio::new(leg_a(), audio()).terminators([DtmfKey::Other("A".into())]),
        Rule::UnknownValue,
        "PlaybackTerminators",
    );
    caught(
        PlayAudio::new(LegAddress::tag(ParticipantTag::Other("LEG-C".into())), audio()),
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
    caught(Speak { call_id: None, ..Speak::new(A, "hi") }, Rule::MissingParameter, "CallId");
    caught(Speak { text: None, ..Speak::new(A, "hi") }, Rule::MissingParameter, "Text");
    caught(
        SendDigits { call_id: None, ..SendDigits::new(A, dtmf!("1")) },
        Rule::MissingParameter,
        "CallId",
    );
    caught(
        SendDigits { digits: None, ..SendDigits::new(A, dtmf!("1")) },
        Rule::MissingParameter,
        "Digits",
    );
    let sagd = || SpeakAndGetDigits::new(A, "p", "f");
    caught(SpeakAndGetDigits { call_id: None, ..sagd() }, Rule::MissingParameter, "CallId");
    caught(
        SpeakAndGetDigits { speech_parameters: None, ..sagd() },
        Rule::MissingParameter,
        "SpeechParameters",
    );
    caught(
        SpeakAndGetDigits { failure_speech_parameters: None, ..sagd() },
        Rule::MissingParameter,
        "FailureSpeechParameters",
    );
    let mut no_wait = sagd();
    no_wait.digits.repeat_duration_in_milliseconds = None;
    caught(no_wait, Rule::MissingParameter, "RepeatDurationInMilliseconds");
    caught(
        SpeakAndGetDigits { speech_parameters: Some(SpeechParameters::default()), ..sagd() },
        Rule::MissingParameter,
        "SpeechParameters.Text",
    );
    caught(
        VoiceFocus { enable: None, ..VoiceFocus::new(A, true) },
        Rule::MissingParameter,
        "Enable",
    );
    caught(
        VoiceFocus { call_id: None, ..VoiceFocus::new(A, true) },
        Rule::MissingParameter,
        "CallId",
    );
    caught(StopCallRecording::default(), Rule::MissingParameter, "CallId");
    caught(PauseCallRecording::default(), Rule::MissingParameter, "CallId");
    caught(ResumeCallRecording::default(), Rule::MissingParameter, "CallId");
    caught(
        StartCallRecording { track: None, ..StartCallRecording::new(A, Track::Both, "b") },
        Rule::MissingParameter,
        "Track",
    );
    caught(
        StartCallRecording { destination: None, ..StartCallRecording::new(A, Track::Both, "b") },
        Rule::MissingParameter,
        "Destination",
    );
    caught(
        StartCallRecording::new(A, Track::Both, ""),
        Rule::MissingParameter,
        "Destination.Location",
    );
    let receive = || {
        ReceiveDigits::new(leg_a(), regex!("^1$"), Duration::from_secs(1), Duration::from_secs(5))
    };
    caught(
        ReceiveDigits { input_digits_regex: None, ..receive() },
        Rule::MissingParameter,
        "InputDigitsRegex",
    );
    caught(
        ReceiveDigits { in_between_digits_duration_in_milliseconds: None, ..receive() },
        Rule::MissingParameter,
        "InBetweenDigitsDurationInMilliseconds",
    );
    caught(
        ReceiveDigits { flush_digits_duration_in_milliseconds: None, ..receive() },
        Rule::MissingParameter,
        "FlushDigitsDurationInMilliseconds",
    );
    caught(
        JoinChimeMeeting { join_token: None, ..JoinChimeMeeting::new("t").on(leg_a()) },
        Rule::MissingParameter,
        "JoinToken",
    );
    caught(
        ModifyChimeMeetingAttendees {
            meeting_id: None,
            ..ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m", ["a"])
        },
        Rule::MissingParameter,
        "MeetingId",
    );
    caught(
        PlayAudio { audio_source: None, ..PlayAudio::new(leg_a(), audio()) },
        Rule::MissingParameter,
        "AudioSource",
    );
    caught(
        PlayAudio::new(leg_a(), AudioSource { key: None, ..audio() }),
        Rule::MissingParameter,
        "AudioSource.Key",
    );
    caught(
        PlayAudioAndGetDigits {
            failure_audio_source: None,
            ..PlayAudioAndGetDigits::new(leg_a(), audio(), audio())
        },
        Rule::MissingParameter,
        "FailureAudioSource",
    );
    caught(
        RecordAudio { recording_destination: None, ..RecordAudio::new(leg_a(), "b") },
        Rule::MissingParameter,
        "RecordingDestination",
    );
    caught(
        RecordAudio::new(leg_a(), "b").terminators([]),
        Rule::MissingParameter,
        "RecordingTerminators",
    );
    caught(
        RecordAudio::new(leg_a(), ""),
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
            .ringback(AudioSource { bucket_name: None, ..audio() }),
        Rule::MissingParameter,
        "RingbackTone.BucketName",
    );
}

// --- rules between parameters ----------------------------------------------------------------

#[test]
fn dependent_and_conflicting_parameters() {
    caught(
        SpeakAndGetDigits::new(A, "p", "f").min_digits(4).max_digits(3),
        Rule::DependentParameters,
        "MaxNumberOfDigits",
    );
    passes(SpeakAndGetDigits::new(A, "p", "f").min_digits(4).max_digits(4));
    let strict = Limits {
        readings: Readings { max_digits_above_min: true, ..Readings::DEFAULT },
        ..Limits::CURRENT
    };
    let equal = PlayAudioAndGetDigits::new(leg_a(), audio(), audio()).min_digits(4).max_digits(4);
    assert_eq!(
        found_with(&strict, &invocation(None), vec![equal.into()])[0].0,
        Rule::DependentParameters
    );

    caught(
        ReceiveDigits::new(leg_a(), regex!("^1$"), Duration::from_secs(5), Duration::from_secs(5)),
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
        readings: Readings { sip_headers_aws_only: true, ..Readings::DEFAULT },
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
        state.dialog_action = Some(DialogAction {
            kind: Some(DialogActionType::Delegate),
            extra: Default::default(),
        });
    }
    caught(welcome, Rule::DependentParameters, "DialogAction.Type");

    let both = RecordAudio {
        target: LegAddress { call_id: Some(A.into()), participant_tag: Some(ParticipantTag::LegA) },
        ..RecordAudio::new(leg_a(), "b")
    };
    caught(both, Rule::ConflictingParameters, "ParticipantTag");
}

// --- legs ------------------------------------------------------------------------------------

#[test]
fn legs_must_exist_and_be_allowed() {
    caught(Speak::new("call-zzz", "hi"), Rule::UnknownLeg, "CallId");
    let one_leg = invocation(None);
    let to_b = PlayAudio::new(LegAddress::tag(ParticipantTag::LegB), audio());
    assert_eq!(
        found_with(&Limits::CURRENT, &one_leg, vec![to_b.clone().into()])[0].0,
        Rule::UnknownLeg
    );
    passes(to_b);
    caught(
        JoinChimeMeeting::new("t").on(LegAddress::tag(ParticipantTag::LegB)),
        Rule::WrongLeg,
        "ParticipantTag",
    );
    caught(JoinChimeMeeting::new("t").on(LegAddress::call(B)), Rule::WrongLeg, "CallId");
    caught(
        StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/B/A")
            .on(LegAddress::call(B)),
        Rule::WrongLeg,
        "CallId",
    );
    caught(
        ModifyChimeMeetingAttendees {
            target: leg_a(),
            ..ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m", ["a"])
        },
        Rule::WrongLeg,
        "CallId",
    );
    // A leg that hung up cannot hear anything; hanging it up again is harmless.
    let b_gone = invocation(Some("Disconnected"));
    assert_eq!(
        found_with(&Limits::CURRENT, &b_gone, vec![Speak::new(B, "hi").into()])[0].0,
        Rule::WrongLeg
    );
    assert!(
        found_with(&Limits::CURRENT, &b_gone, vec![Hangup::new(LegAddress::call(B)).into()])
            .is_empty()
    );
    // When every leg has hung up, the service ignores the answer: nothing to flag.
    let mut all_gone = invocation(Some("Disconnected"));
    all_gone.call_details.participants[0].status =
        Some(sma_core::event::ParticipantStatus::Disconnected);
    assert!(found_with(&Limits::CURRENT, &all_gone, vec![Speak::new(A, "bye").into()]).is_empty());
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
    let violations = Response::new(vec![Speak::new(A, "x".repeat(1001)).into()])
        .validate(&Limits::CURRENT, None)
        .expect_err("too long");
    let text = sma_core::HandlerError::InvalidResponse(violations).to_string();
    assert!(text.contains("Actions[0] (Speak).Parameters.Text"), "{text}");
    assert!(text.contains("1001 characters"), "{text}");
    assert!(text.contains("texts and lists are within their documented lengths"), "{text}");
}

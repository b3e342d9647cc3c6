//! Every rule that can be checked locally, broken once and caught; the valid forms pass: the
//! valid forms, ranges, lengths, formats and closed sets (the rest in `validation_rules.rs`).

mod support;

use sma_core::action::*;
use sma_core::prelude::*;
use sma_core::response::{Limits, Rule};
use sma_core::rules::ValidationReadings;
use std::time::Duration;
use support::check::*;

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
    // Meetings and bots on a call in a state that allows them.
    passes_on(&invocation(None), JoinChimeMeeting::new("token").meeting_id("m-1").on(leg_a()));
    passes_on(
        &meeting_invocation(),
        ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m-1", ["a1", "a2"]),
    );
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
    let ssml = format!("<speak>{}</speak>", "x".repeat(985));
    passes(Speak::new(Target::call(A), ssml).engine(Engine::Neural).ssml());
    passes(
        SpeakAndGetDigits::new(Target::call(A), "Press 1", "Sorry")
            .input_regex(regex!("^[12]$"))
            .min_digits(1)
            .max_digits(1),
    );
    passes_on(
        &invocation(None),
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
    // Characters, not bytes: 1,000 two-byte characters fit, 1,001 do not.
    assert_eq!(found(Speak::new(Target::call(A), "é".repeat(1000))), vec![]);
    caught(Speak::new(Target::call(A), "é".repeat(1001)), Rule::TooLong, "Text");
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
    let pstn =
        |caller: &str, callee: &str| CallAndBridge::to_pstn(wire_e164(caller), wire_e164(callee));
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
        ReceiveDigits::new(wire_regex("^(12"), Duration::from_secs(1), Duration::from_secs(5))
            .on(leg_a()),
        Rule::InvalidFormat,
        "InputDigitsRegex",
    );
    warned(
        ReceiveDigits::new(wire_regex(r"^\w+$"), Duration::from_secs(1), Duration::from_secs(5))
            .on(leg_a()),
        Rule::RegexDialect,
        "InputDigitsRegex",
    );
    warned(
        SpeakAndGetDigits::new(Target::call(A), "p", "f").input_regex(wire_regex("^$")),
        Rule::RegexDialect,
        "InputDigitsRegex",
    );
    // The AWS voice-focus sample's look-ahead is in the dialect.
    passes(
        SpeakAndGetDigits::new(Target::call(A), "p", "f")
            .input_regex(regex!(r"^(?!1900)1[0-9][0-9][0-9](\d{7})$")),
    );
    caught(SendDigits::new(Target::call(A), wire_dtmf("12x")), Rule::InvalidFormat, "Digits");
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

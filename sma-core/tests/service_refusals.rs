//! The check refuses what the service refuses: the call's state, SIP header values, Polly's
//! voices, languages, engines and SSML, Lex locale ids, once-per-leg recording, blank join
//! tokens and S3 bucket names. One test per rule, each with its page.

mod support;

use sma_core::action::*;
use sma_core::prelude::*;
use sma_core::response::{Envelope, Limits, Rule};
use sma_core::{Action, Invocation};
use support::check::*;

fn found_on(inv: &Invocation, actions: Vec<Action>) -> Vec<(Rule, String)> {
    found_with(&Limits::CURRENT, inv, actions)
}

fn has(found: &[(Rule, String)], rule: Rule) -> bool {
    found.iter().any(|(r, _)| *r == rule)
}

const BOT: &str = "arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID/ALIAS";

/// join-chime-meeting (not on a bridged call), start-bot-conversation (not on a bridged or a
/// meeting call), mute-unmute (the call must be connected to a meeting).
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/join-chime-meeting.html
#[test]
fn the_calls_state_rules_out_meetings_bots_and_muting() {
    let one_leg = invocation(None);
    let bridged = invocation(Some("Connected"));
    let meeting = meeting_invocation();
    let join = || JoinChimeMeeting::new("token").meeting_id("m-1").on(leg_a()).into();
    let bot = || StartBotConversation::new(BOT).on(leg_a()).into();
    let mute = || ModifyChimeMeetingAttendees::new(MeetingOperation::Mute, "m-1", ["a"]).into();

    assert!(has(&found_on(&bridged, vec![join()]), Rule::CallState));
    assert!(!has(&found_on(&one_leg, vec![join()]), Rule::CallState));
    assert!(has(&found_on(&bridged, vec![bot()]), Rule::CallState));
    assert!(has(&found_on(&meeting, vec![bot()]), Rule::CallState));
    assert!(!has(&found_on(&one_leg, vec![bot()]), Rule::CallState));
    assert!(has(&found_on(&bridged, vec![mute()]), Rule::CallState));
    assert!(has(&found_on(&one_leg, vec![mute()]), Rule::CallState));
    assert!(found_on(&meeting, vec![mute()]).is_empty());
    // A LEG-B that hung up leaves a one-leg call: a bot may talk again.
    assert!(!has(&found_on(&invocation(Some("Disconnected")), vec![bot()]), Rule::CallState));
    // An earlier action of the list changes the legs: the invocation no longer tells.
    let leave = Hangup::new().on(Target::tag(ParticipantTag::LegB)).into();
    assert!(!has(&found_on(&bridged, vec![leave, bot()]), Rule::CallState));
}

/// sip-headers: a header value carries no line break (a CR or LF would inject a header) and is
/// not empty; a header is at most 2,048 characters.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/sip-headers.html
#[test]
fn sip_header_values_cannot_inject_headers() {
    let bridge = |value: &str| {
        CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+16505550111"))
            .sip_header("x-case", value)
    };
    caught(bridge("a\r\nContact: <sip:evil@example.com>"), Rule::InvalidFormat, r#"["x-case"]"#);
    caught(bridge("a\nb"), Rule::InvalidFormat, r#"["x-case"]"#);
    caught(bridge("a\u{0}"), Rule::InvalidFormat, r#"["x-case"]"#);
    caught(bridge(""), Rule::MissingParameter, r#"["x-case"]"#);
    caught(bridge("  "), Rule::MissingParameter, r#"["x-case"]"#);
    caught(bridge(&"v".repeat(2048)), Rule::TooLong, r#"["x-case"]"#);
    passes(bridge("tab\tand unicode: é"));
}

/// speak: Polly validation fails the action (InvalidActionParameter); SynthesizeSpeech errors on
/// an engine the voice does not have, and on SSML that is not well-formed.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/speak.html
#[test]
fn polly_refuses_bad_ssml_wrong_engines_and_malformed_language_codes() {
    let speak = |text: &str| Speak::new(leg_a(), text);
    caught(speak("Hello").ssml(), Rule::InvalidFormat, "Text");
    caught(speak("<speak>Hello").ssml(), Rule::InvalidFormat, "Text");
    caught(speak("<p>Hello</p>").ssml(), Rule::InvalidFormat, "Text");
    passes(speak("<speak>Hello <break time=\"1s\"/> there</speak>").ssml());
    // Celine has only the standard engine; Ruth only the neural one, and Engine defaults to
    // standard.
    caught(speak("Bonjour").voice("Celine").engine(Engine::Neural), Rule::VoiceEngine, "Engine");
    caught(speak("Hi").voice("Ruth"), Rule::VoiceEngine, "VoiceId");
    passes(speak("Hi").voice("Ruth").engine(Engine::Neural));
    passes(speak("Hi").voice("Joanna").engine(Engine::Neural).language("en-US"));
    caught(speak("Hi").language("en_US"), Rule::InvalidFormat, "LanguageCode");
    // SpeakAndGetDigits: the failure prompt takes the prompt's engine and voice when it has
    // none of its own.
    let prompt = SpeechParameters::new("Appuyez sur 1").voice("Celine").engine(Engine::Neural);
    let ask = SpeakAndGetDigits::new(leg_a(), prompt, "Encore");
    let found = found(ask);
    for parameters in
        ["(SpeakAndGetDigits).Parameters.SpeechParameters.Engine", "FailureSpeechParameters.Engine"]
    {
        assert!(
            found.iter().any(|(r, at)| *r == Rule::VoiceEngine && at.ends_with(parameters)),
            "{parameters}: {found:?}"
        );
    }
}

/// A voice or language the table does not know is sent with a warning: Polly adds voices.
#[test]
fn unknown_voices_and_languages_only_warn() {
    let speak = |text: &str| Speak::new(leg_a(), text);
    warned(speak("Hi").voice("Zorblax"), Rule::UnlistedVoice, "VoiceId");
    warned(speak("Hi").language("xx-XX"), Rule::UnlistedVoice, "LanguageCode");
    warned(speak("Hola").voice("Joanna").language("es-US"), Rule::UnlistedVoice, "LanguageCode");
    passes(speak("Namaste").voice("Aditi").language("hi-IN"));
}

/// start-bot-conversation: LocaleId is a Lex locale, written with an underscore.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html
#[test]
fn lex_locales_use_an_underscore() {
    let bot = |locale: &str| StartBotConversation::new(BOT).on(leg_a()).locale(locale);
    caught(bot("en-US"), Rule::InvalidFormat, "LocaleId");
    caught(bot("english"), Rule::InvalidFormat, "LocaleId");
    let found = found_on(&invocation(None), vec![bot("en_US").into(), bot("es_419").into()]);
    assert!(found.is_empty(), "{found:?}");
}

/// start-call-recording: recording starts only once per leg.
/// https://docs.aws.amazon.com/chime-sdk/latest/dg/start-call-recording.html
#[test]
fn a_leg_is_recorded_once_per_list() {
    let start = || StartCallRecording::new(Target::call(A), Track::Both, "recordings").into();
    let other = StartCallRecording::new(Target::call(B), Track::Both, "recordings").into();
    let found =
        found_with(&Limits::CURRENT, &invocation(Some("Connected")), vec![start(), start()]);
    assert_eq!(
        found,
        [(Rule::OncePerLeg, "Actions[1] (StartCallRecording).Parameters.CallId".to_owned())]
    );
    let both_legs =
        found_with(&Limits::CURRENT, &invocation(Some("Connected")), vec![start(), other]);
    assert!(both_legs.is_empty(), "{both_legs:?}");
}

/// join-chime-meeting: "JoinToken parameter value is invalid" for a token of blanks.
#[test]
fn a_blank_join_token_is_missing() {
    let join = JoinChimeMeeting::new("   ").on(leg_a());
    let found = found_on(&invocation(None), vec![join.into()]);
    assert!(has(&found, Rule::MissingParameter), "{found:?}");
}

/// The S3 naming rules: a name no bucket can have is refused; a legacy name only warns.
#[test]
fn s3_bucket_names() {
    let play = |bucket: &str| PlayAudio::new(AudioSource::s3(bucket, "menu.wav")).on(leg_a());
    caught(play("ab"), Rule::InvalidFormat, "AudioSource.BucketName");
    caught(play("prompts/menu"), Rule::InvalidFormat, "AudioSource.BucketName");
    caught(play("my bucket"), Rule::InvalidFormat, "AudioSource.BucketName");
    warned(play("My_Old_Bucket"), Rule::LegacyBucketName, "AudioSource.BucketName");
    passes(play("prompts.example-1"));
    let record = RecordAudio::new("a").on(leg_a()).terminators([DtmfKey::Pound]);
    caught(record, Rule::InvalidFormat, "RecordingDestination.BucketName");
    let location = StartCallRecording::new(Target::call(A), Track::Both, "x/recordings");
    caught(location, Rule::InvalidFormat, "Destination.Location");
}

/// Strict mode turns the new warnings into refusals, as for every warned rule.
#[test]
fn strict_mode_refuses_unlisted_voices() {
    let envelope = Envelope::new(vec![Speak::new(leg_a(), "Hi").voice("Zorblax").into()]);
    let inv = invocation(None);
    assert!(envelope.validate(&Limits::CURRENT, Some(&inv)).is_ok());
    let mut limits = Limits::CURRENT;
    limits.readings.strict = true;
    assert!(envelope.validate(&limits, Some(&inv)).is_err());
}

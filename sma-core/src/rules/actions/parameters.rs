//! The rules of each action's parameters: required, ranges, lengths, formats, closed sets and
//! rules between parameters.

use super::{Check, names, polly};
use crate::contract::action::*;
use crate::rules::limits::{
    MAX_BOT_CONFIGURATION, MAX_RECORDING_PREFIX, MAX_TEXT, ValidationReadings,
};
use crate::rules::rule::Rule;

pub(super) fn check(c: &mut Check<'_>, action: &Action, readings: &ValidationReadings) {
    match action {
        Action::CallAndBridge(a) => call_and_bridge(c, a, readings),
        Action::Hangup(a) => {
            if let Some(code) = a.sip_response_code.filter(|code| !code.is_known()) {
                c.at(
                    Rule::UnknownValue,
                    "SipResponseCode",
                    format!("is {code}; allowed 0, 480, 486"),
                );
            }
        }
        Action::JoinChimeMeeting(a) => {
            c.required_text("JoinToken", &a.join_token, usize::MAX);
            if a.join_token.as_deref().is_some_and(|t| !t.is_empty() && t.trim().is_empty()) {
                c.at(Rule::MissingParameter, "JoinToken", "is blank".to_owned());
            }
        }
        Action::ModifyChimeMeetingAttendees(a) => {
            if let Some(op) = c.required("Operation", &a.operation) {
                c.known("Operation", Some((op.as_str(), op.is_known())), "\"Mute\", \"Unmute\"");
            }
            c.required_text("MeetingId", &a.meeting_id, usize::MAX);
            if let Some(list) = c.required("AttendeeList", &a.attendee_list) {
                let n = list.len();
                if !(1..=100).contains(&n) {
                    c.at(
                        Rule::OutOfRange,
                        "AttendeeList",
                        format!("has {n} attendees; allowed 1–100"),
                    );
                }
            }
        }
        Action::Pause(a) => {
            if let Some(d) = c.required("DurationInMilliseconds", &a.duration_in_milliseconds) {
                let (lo, hi) =
                    if readings.pause_100_to_30000 { (100, 30_000) } else { (1, u32::MAX) };
                let d = *d;
                c.range("DurationInMilliseconds", Some(d), lo, hi);
            }
        }
        Action::PlayAudio(a) => {
            let audio = c.required("AudioSource", &a.audio_source);
            c.audio("AudioSource", audio);
            c.range("Repeat", a.repeat, 1, u32::MAX);
            c.keys("PlaybackTerminators", a.playback_terminators.as_ref());
        }
        Action::PlayAudioAndGetDigits(a) => {
            let audio = c.required("AudioSource", &a.audio_source);
            c.audio("AudioSource", audio);
            let failure = c.required("FailureAudioSource", &a.failure_audio_source);
            c.audio("FailureAudioSource", failure);
            c.digits(readings, &a.digits);
        }
        Action::ReceiveDigits(a) => {
            if c.required("InputDigitsRegex", &a.input_digits_regex).is_some() {
                c.regex(a.input_digits_regex.as_ref());
            }
            let between = c
                .required(
                    "InBetweenDigitsDurationInMilliseconds",
                    &a.in_between_digits_duration_in_milliseconds,
                )
                .copied();
            let flush = c
                .required(
                    "FlushDigitsDurationInMilliseconds",
                    &a.flush_digits_duration_in_milliseconds,
                )
                .copied();
            c.range("InBetweenDigitsDurationInMilliseconds", between, 1, u32::MAX);
            if let (Some(b), Some(f)) = (between, flush) {
                if f <= b {
                    c.at(Rule::DependentParameters, "FlushDigitsDurationInMilliseconds", format!("is {f}; it must be greater than InBetweenDigitsDurationInMilliseconds ({b})"));
                }
            }
        }
        Action::RecordAudio(a) => {
            if matches!(a.target, Target::CallAndTag(..)) {
                c.at(
                    Rule::ConflictingParameters,
                    "ParticipantTag",
                    "is given with CallId; RecordAudio takes one of them".to_owned(),
                );
            }
            if let Some(d) = c.required("RecordingDestination", &a.recording_destination) {
                c.storage("RecordingDestination.Type", d.kind.as_ref());
                match &d.bucket_name {
                    Some(b) if !b.is_empty() => {}
                    _ => c.at(
                        Rule::MissingParameter,
                        "RecordingDestination.BucketName",
                        "is required".to_owned(),
                    ),
                }
                if let Some(b) = d.bucket_name.as_deref().filter(|b| !b.is_empty()) {
                    names::bucket(c, "RecordingDestination.BucketName", b);
                }
                if let Some(p) = &d.prefix {
                    let n = p.chars().count();
                    if n > MAX_RECORDING_PREFIX {
                        c.at(
                            Rule::TooLong,
                            "RecordingDestination.Prefix",
                            format!(
                                "has {n} characters; at most {MAX_RECORDING_PREFIX} are allowed"
                            ),
                        );
                    }
                }
            }
            c.range("DurationInSeconds", a.duration_in_seconds, 1, u32::MAX);
            c.range("SilenceDurationInSeconds", a.silence_duration_in_seconds, 1, 1000);
            c.range("SilenceThreshold", a.silence_threshold, 1, 1000);
            match c.required("RecordingTerminators", &a.recording_terminators) {
                Some(keys) if keys.is_empty() => c.at(
                    Rule::MissingParameter,
                    "RecordingTerminators",
                    "is empty; give at least one key".to_owned(),
                ),
                Some(keys) => c.keys("RecordingTerminators", Some(keys)),
                None => {}
            }
        }
        Action::SendDigits(a) => {
            if let Some(d) = c.required("Digits", &a.digits) {
                c.format("Digits", d.check());
            }
            c.range("ToneDurationInMilliseconds", a.tone_duration_in_milliseconds, 50, 24_000);
        }
        Action::Speak(a) => {
            c.required_text("Text", &a.text, MAX_TEXT);
            let speech = polly::Speech {
                text: a.text.as_deref(),
                engine: a.engine.as_ref(),
                language: a.language_code.as_deref(),
                text_type: a.text_type.as_ref(),
                voice: a.voice_id.as_deref(),
            };
            polly::check(c, "", &speech);
            c.known(
                "Engine",
                a.engine.as_ref().map(|e| (e.as_str(), e.is_known())),
                "\"standard\", \"neural\"",
            );
            c.known(
                "TextType",
                a.text_type.as_ref().map(|e| (e.as_str(), e.is_known())),
                "\"text\", \"ssml\"",
            );
        }
        Action::SpeakAndGetDigits(a) => {
            let speech = c.required("SpeechParameters", &a.speech_parameters);
            c.speech("SpeechParameters", speech, None);
            let failure = c.required("FailureSpeechParameters", &a.failure_speech_parameters);
            c.speech("FailureSpeechParameters", failure, speech);
            c.digits(readings, &a.digits);
        }
        Action::StartBotConversation(a) => bot(c, a),
        Action::StartCallRecording(a) => {
            if let Some(t) = c.required("Track", &a.track) {
                c.known(
                    "Track",
                    Some((t.as_str(), t.is_known())),
                    "\"BOTH\", \"INCOMING\", \"OUTGOING\"",
                );
            }
            if let Some(d) = c.required("Destination", &a.destination) {
                c.storage("Destination.Type", d.kind.as_ref());
                match &d.location {
                    Some(l) if !l.is_empty() => {
                        let bucket = l.split('/').next().unwrap_or_default();
                        names::bucket(c, "Destination.Location", bucket);
                    }
                    _ => c.at(
                        Rule::MissingParameter,
                        "Destination.Location",
                        "is required: \"bucket\" or \"bucket/prefix\"".to_owned(),
                    ),
                }
            }
        }
        Action::VoiceFocus(a) => {
            c.required("Enable", &a.enable);
        }
        // Only `CallId`, checked for every action the catalog marks `call_id_required`.
        Action::StopCallRecording(_)
        | Action::PauseCallRecording(_)
        | Action::ResumeCallRecording(_) => {}
        // Unknown types and unfitting parameters are reported by the envelope check.
        Action::Raw(_) => {}
    }
}

fn call_and_bridge(c: &mut Check<'_>, a: &CallAndBridge, readings: &ValidationReadings) {
    c.range("CallTimeoutSeconds", a.call_timeout_seconds, 1, 120);
    if let Some(n) = c.required("CallerIdNumber", &a.caller_id_number) {
        c.format("CallerIdNumber", n.check());
    }
    c.audio("RingbackTone", a.ringback_tone.as_ref());
    let Some(endpoints) = c.required("Endpoints", &a.endpoints) else { return };
    if endpoints.len() != 1 {
        c.at(
            Rule::OutOfRange,
            "Endpoints",
            format!("has {} endpoints; exactly one is allowed", endpoints.len()),
        );
    }
    let mut pstn = false;
    for (i, e) in endpoints.iter().enumerate() {
        // Written out only when a rule is broken: a valid response allocates nothing here.
        let p = |f: &'static str| Endpoint(i, f);
        let Some(kind) = e.bridge_endpoint_type.clone() else {
            c.at(
                Rule::MissingParameter,
                p("BridgeEndpointType"),
                "is required: \"PSTN\" or \"AWS\"".to_owned(),
            );
            continue;
        };
        match kind {
            BridgeEndpointType::Pstn => {
                pstn = true;
                if e.arn.is_some() {
                    c.at(
                        Rule::ConflictingParameters,
                        p("Arn"),
                        "is given for a PSTN endpoint; only AWS endpoints take an Arn".to_owned(),
                    );
                }
                match &e.uri {
                    None => c.at(
                        Rule::MissingParameter,
                        p("Uri"),
                        "is required: the E.164 number to call".to_owned(),
                    ),
                    Some(uri) => c.format(p("Uri"), E164::check_str(uri.as_str())),
                }
            }
            BridgeEndpointType::Aws => {
                match &e.arn {
                    None => c.at(Rule::MissingParameter, p("Arn"), "is required for an AWS endpoint: the Voice Connector (group) ARN".to_owned()),
                    Some(arn) if !voice_connector_arn(arn) => c.at(Rule::InvalidFormat, p("Arn"), format!("is {arn:?}; expected arn:aws:chime:<region>:<account>:vc/<id> or …:vcg/<id>")),
                    Some(_) => {}
                }
                match &e.uri {
                    None => c.at(
                        Rule::MissingParameter,
                        p("Uri"),
                        "is required: the user part of the Request-URI".to_owned(),
                    ),
                    Some(uri) => {
                        let n = uri.chars().count();
                        if n == 0 || n > readings.aws_uri_max {
                            c.at(
                                Rule::TooLong,
                                p("Uri"),
                                format!("has {n} characters; allowed 1–{}", readings.aws_uri_max),
                            );
                        } else if let Some(bad) = uri.chars().find(|ch| {
                            !(ch.is_ascii_alphanumeric() || "&=+$/%-_!~*().,".contains(*ch))
                        }) {
                            c.at(
                                Rule::InvalidFormat,
                                p("Uri"),
                                format!(
                                    "has {bad:?}; allowed a-z A-Z 0-9 & = + $ / % - _ ! ~ * ( ) . ,"
                                ),
                            );
                        }
                    }
                }
            }
            BridgeEndpointType::Other(t) => c.at(
                Rule::UnknownValue,
                p("BridgeEndpointType"),
                format!("is {t:?}; allowed \"PSTN\", \"AWS\""),
            ),
        }
    }
    if let Some(headers) = &a.sip_headers {
        if readings.sip_headers_aws_only && pstn && !headers.is_empty() {
            c.at(Rule::ConflictingParameters, "SipHeaders", "are given for a PSTN endpoint; under this reading only AWS endpoints take SIP headers".to_owned());
        }
        for (name, value) in headers.iter() {
            if let Err(e) = sma_syntax::sip_header_name(name) {
                c.at(Rule::InvalidFormat, format!("SipHeaders[{name:?}]"), e);
            }
            names::sip_header_value(c, SipHeader(name), value);
            let n = sma_syntax::sip_header_len(name, value);
            if n > sma_syntax::MAX_SIP_HEADER_LEN {
                c.at(
                    Rule::TooLong,
                    format!("SipHeaders[{name:?}]"),
                    format!(
                        "has {n} characters; a header is at most {}",
                        sma_syntax::MAX_SIP_HEADER_LEN
                    ),
                );
            }
        }
    }
}

/// `Configuration.WelcomeMessages[i]`, written out only into a violation.
#[derive(Clone, Copy)]
struct WelcomeMessage(usize);

impl std::fmt::Display for WelcomeMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Configuration.WelcomeMessages[{}]", self.0)
    }
}

/// `Endpoints[i].Field`, the location of a parameter of one bridge endpoint.
#[derive(Clone, Copy)]
struct Endpoint(usize, &'static str);

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Endpoints[{}].{}", self.0, self.1)
    }
}

/// The six `:`-separated parts of an ARN (the last one keeps its colons).
fn arn_parts(arn: &str) -> Option<[&str; 6]> {
    let mut it = arn.splitn(6, ':');
    let parts = [it.next()?, it.next()?, it.next()?, it.next()?, it.next()?, it.next()?];
    Some(parts)
}

fn voice_connector_arn(arn: &str) -> bool {
    matches!(arn_parts(arn), Some(["arn", "aws", "chime", region, account, resource])
        if !region.is_empty() && !account.is_empty()
            && (resource.strip_prefix("vc/").or_else(|| resource.strip_prefix("vcg/"))).is_some_and(|id| !id.is_empty()))
}

fn bot_alias_arn(arn: &str) -> bool {
    matches!(arn_parts(arn), Some(["arn", "aws", "lex", region, account, resource])
    if !region.is_empty() && account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
        && resource.strip_prefix("bot-alias/").is_some_and(|ids| {
            let mut it = ids.split('/');
            matches!((it.next(), it.next(), it.next()), (Some(b), Some(a), None) if !b.is_empty() && !a.is_empty())
        }))
}

/// `SipHeaders["x-name"]`, written out only into a violation.
#[derive(Clone, Copy)]
struct SipHeader<'a>(&'a str);

impl std::fmt::Display for SipHeader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SipHeaders[{:?}]", self.0)
    }
}

fn bot(c: &mut Check<'_>, a: &StartBotConversation) {
    if let Some(locale) = &a.locale_id {
        names::lex_locale(c, locale);
    }
    match c.required("BotAliasArn", &a.bot_alias_arn) {
        Some(arn) if !bot_alias_arn(arn) => {
            let arn = arn.clone();
            c.at(Rule::InvalidFormat, "BotAliasArn", format!("is {arn:?}; expected arn:aws:lex:<region>:<account>:bot-alias/<bot id>/<alias id>"));
        }
        _ => {}
    }
    let Some(config) = &a.configuration else { return };
    let size = crate::contract::wire::json_size(config).bytes;
    if size > MAX_BOT_CONFIGURATION {
        c.at(
            Rule::TooLong,
            "Configuration",
            format!("is {size} bytes of JSON; at most {MAX_BOT_CONFIGURATION} are allowed"),
        );
    }
    let dialog = config
        .session_state
        .as_ref()
        .and_then(|s| s.dialog_action.as_ref())
        .and_then(|d| d.kind.as_ref());
    if let Some(d) = &dialog {
        c.known(
            "Configuration.SessionState.DialogAction.Type",
            Some((d.as_str(), d.is_known())),
            "\"Delegate\", \"ElicitIntent\"",
        );
    }
    if let Some(messages) = &config.welcome_messages {
        for (i, m) in messages.iter().enumerate() {
            let at = WelcomeMessage(i);
            match &m.content_type {
                None => c.at(
                    Rule::MissingParameter,
                    format!("{at}.ContentType"),
                    "is required: \"PlainText\" or \"SSML\"".to_owned(),
                ),
                Some(t) if !t.is_known() => c.at(
                    Rule::UnknownValue,
                    format!("{at}.ContentType"),
                    format!("is {:?}; allowed \"PlainText\", \"SSML\"", t.as_str()),
                ),
                Some(_) => {}
            }
            if m.content.as_deref().is_none_or(str::is_empty) {
                c.at(Rule::MissingParameter, format!("{at}.Content"), "is required".to_owned());
            }
        }
        if !messages.is_empty() && dialog != Some(&DialogActionType::ElicitIntent) {
            c.at(
                Rule::DependentParameters,
                "Configuration.SessionState.DialogAction.Type",
                "must be \"ElicitIntent\" when WelcomeMessages are given".to_owned(),
            );
        }
    }
}

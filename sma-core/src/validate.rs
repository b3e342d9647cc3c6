//! Every rule of the contract that can be checked before a response leaves the Lambda: required
//! parameters, ranges, lengths, formats, closed sets, rules between parameters, and the legs an
//! action may address. Used by [`Response::validate`](crate::Response::validate); a violation is
//! never sent (the failure policy answers instead, and the log names the action, the parameter
//! and the rule).

use crate::action::*;
use crate::event::{Invocation, ParticipantStatus};
use crate::response::{Limits, Rule, Violation};

/// The readings of the contract where the AWS sources contradict each other. Each default is the
/// reading the spec documents as the one seen working; the other can be chosen.
///
/// See [Troubleshooting ACTION_FAILED](https://docs.aws.amazon.com/chime-sdk/latest/dg/unexpected-action-fail.html).
///
/// ```
/// use sma_core::validate::Readings;
/// let strict = Readings { max_digits_above_min: true, ..Readings::DEFAULT };
/// assert!(!Readings::DEFAULT.max_digits_above_min);
/// assert!(strict.max_digits_above_min);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readings {
    /// `MaxNumberOfDigits` must be *greater* than `MinNumberOfDigits` (the action pages), instead
    /// of at least equal (AWS samples use Min == Max and work). Default: `false`.
    pub max_digits_above_min: bool,
    /// `Pause.DurationInMilliseconds` within 100–30000 (the ACTION_FAILED troubleshooting
    /// table), instead of any value above 0 (the action page). Default: `true`.
    pub pause_100_to_30000: bool,
    /// `CallAndBridge.SipHeaders` only with an `AWS` endpoint (the CallAndBridge page), instead
    /// of with any endpoint (the SIP headers page sends them to PSTN). Default: `false`.
    pub sip_headers_aws_only: bool,
    /// Longest `Uri` of an `AWS` endpoint: 36 (the live page) or 30 (the 2023 page).
    pub aws_uri_max: usize,
}

impl Readings {
    /// The defaults described on each field.
    pub const DEFAULT: Readings = Readings {
        max_digits_above_min: false,
        pause_100_to_30000: true,
        sip_headers_aws_only: false,
        aws_uri_max: 36,
    };
}

impl Default for Readings {
    fn default() -> Self {
        Readings::DEFAULT
    }
}

/// Longest `Text` of `Speak` and `SpeechParameters`.
pub const MAX_TEXT: usize = 1000;
/// Longest `StartBotConversation.Configuration`, as JSON.
pub const MAX_BOT_CONFIGURATION: usize = 10 * 1024;
/// Longest `RecordingDestination.Prefix`.
pub const MAX_RECORDING_PREFIX: usize = 979;

struct Check<'a> {
    index: usize,
    name: &'a str,
    out: &'a mut Vec<Violation>,
}

impl Check<'_> {
    fn at(&mut self, rule: Rule, parameter: &str, detail: String) {
        let location = if parameter.is_empty() {
            format!("Actions[{}] ({})", self.index, self.name)
        } else {
            format!("Actions[{}] ({}).Parameters.{parameter}", self.index, self.name)
        };
        self.out.push(Violation::new(rule, location, detail));
    }

    fn required<'v, T>(&mut self, parameter: &str, value: &'v Option<T>) -> Option<&'v T> {
        if value.is_none() {
            self.at(Rule::MissingParameter, parameter, "is required".to_owned());
        }
        value.as_ref()
    }

    fn range(&mut self, parameter: &str, value: Option<u32>, lo: u32, hi: u32) {
        if let Some(v) = value {
            if !(lo..=hi).contains(&v) {
                self.at(Rule::OutOfRange, parameter, format!("is {v}; allowed {lo}–{hi}"));
            }
        }
    }

    fn text(&mut self, parameter: &str, value: Option<&String>, max: usize) {
        if let Some(v) = value {
            let n = v.chars().count();
            if n == 0 {
                self.at(Rule::MissingParameter, parameter, "is empty".to_owned());
            } else if n > max {
                self.at(
                    Rule::TooLong,
                    parameter,
                    format!("has {n} characters; at most {max} are allowed"),
                );
            }
        }
    }

    /// A required text parameter: present, non-empty, and at most `max` characters.
    fn required_text(&mut self, parameter: &str, value: &Option<String>, max: usize) {
        if self.required(parameter, value).is_some() {
            self.text(parameter, value.as_ref(), max);
        }
    }

    fn known(&mut self, parameter: &str, value: Option<(&str, bool)>, allowed: &str) {
        if let Some((v, false)) = value {
            self.at(Rule::UnknownValue, parameter, format!("is {v:?}; allowed {allowed}"));
        }
    }

    fn format(&mut self, parameter: &str, result: Result<(), FormatError>) {
        if let Err(e) = result {
            self.at(Rule::InvalidFormat, parameter, e.to_string());
        }
    }

    /// `Type` of an S3 object or destination: required, and `S3`.
    fn storage(&mut self, parameter: &str, kind: Option<&StorageType>) {
        match kind {
            None => self.at(Rule::MissingParameter, parameter, "is required (\"S3\")".to_owned()),
            Some(k) => self.known(parameter, Some((k.as_str(), k.is_known())), "\"S3\""),
        }
    }

    fn keys(&mut self, parameter: &str, keys: Option<&Vec<DtmfKey>>) {
        for key in keys.into_iter().flatten() {
            if !key.is_known() {
                self.at(
                    Rule::UnknownValue,
                    parameter,
                    format!("has {:?}; keys are 0-9, * and #", key.as_str()),
                );
            }
        }
    }

    fn audio(&mut self, parameter: &str, audio: Option<&AudioSource>) {
        let Some(a) = audio else { return };
        self.storage(&format!("{parameter}.Type"), a.kind.as_ref());
        for (field, value) in [("BucketName", &a.bucket_name), ("Key", &a.key)] {
            match value {
                None => self.at(
                    Rule::MissingParameter,
                    &format!("{parameter}.{field}"),
                    "is required".to_owned(),
                ),
                Some(v) if v.is_empty() => self.at(
                    Rule::MissingParameter,
                    &format!("{parameter}.{field}"),
                    "is empty".to_owned(),
                ),
                Some(_) => {}
            }
        }
    }

    fn regex(&mut self, regex: Option<&DigitsRegex>) {
        if let Some(r) = regex {
            self.format("InputDigitsRegex", r.check());
        }
    }

    fn speech(&mut self, parameter: &str, p: Option<&SpeechParameters>) {
        let Some(p) = p else { return };
        if p.text.is_none() {
            self.at(Rule::MissingParameter, &format!("{parameter}.Text"), "is required".to_owned());
        }
        self.text(&format!("{parameter}.Text"), p.text.as_ref(), MAX_TEXT);
        self.known(
            &format!("{parameter}.Engine"),
            p.engine.as_ref().map(|e| (e.as_str(), e.is_known())),
            "\"standard\", \"neural\"",
        );
        self.known(
            &format!("{parameter}.TextType"),
            p.text_type.as_ref().map(|e| (e.as_str(), e.is_known())),
            "\"text\", \"ssml\"",
        );
    }

    fn digits(&mut self, readings: &Readings, d: &DigitCollection) {
        self.regex(d.input_digits_regex.as_ref());
        let (min, max, repeat, in_between) = (
            d.min_number_of_digits,
            d.max_number_of_digits,
            d.repeat,
            d.in_between_digits_duration_in_milliseconds,
        );
        let (repeat_duration, terminators) =
            (&d.repeat_duration_in_milliseconds, d.terminator_digits.as_ref());
        self.range("MaxNumberOfDigits", max, 1, 128);
        self.range("MinNumberOfDigits", min, 0, 128);
        let (lo, hi) = (min.unwrap_or(0), max.unwrap_or(128));
        if readings.max_digits_above_min && hi <= lo {
            self.at(
                Rule::DependentParameters,
                "MaxNumberOfDigits",
                format!("is {hi}; it must be greater than MinNumberOfDigits ({lo})"),
            );
        } else if hi < lo {
            self.at(
                Rule::DependentParameters,
                "MaxNumberOfDigits",
                format!("is {hi}; it must be at least MinNumberOfDigits ({lo})"),
            );
        }
        self.range("Repeat", repeat, 1, u32::MAX);
        self.range("InBetweenDigitsDurationInMilliseconds", in_between, 1, u32::MAX);
        if let Some(d) = self.required("RepeatDurationInMilliseconds", repeat_duration) {
            let d = *d;
            self.range("RepeatDurationInMilliseconds", Some(d), 1, u32::MAX);
        }
        self.keys("TerminatorDigits", terminators);
    }
}

/// Which leg an address resolves to in this invocation, if it can be told.
fn resolve<'a>(address: &LegAddress, inv: &'a Invocation) -> Option<&'a crate::event::Participant> {
    if let Some(id) = &address.call_id {
        return inv.participant_by_id(id);
    }
    let tag = address.participant_tag.clone().or_else(|| inv.invoking_leg())?;
    inv.participant(&tag)
}

fn legs(check: &mut Check<'_>, action: &Action, inv: &Invocation) {
    let address = action.leg_address();
    if let Some(id) = &address.call_id {
        if inv.participant_by_id(id).is_none() {
            let known: Vec<String> = inv
                .call_details
                .participants
                .iter()
                .map(|p| format!("{} ({})", p.call_id, p.participant_tag))
                .collect();
            check.at(
                Rule::UnknownLeg,
                "CallId",
                format!(
                    "is {id:?}, which is not a leg of this call; the legs are {}",
                    known.join(", ")
                ),
            );
            return;
        }
    }
    match &address.participant_tag {
        Some(ParticipantTag::Other(t)) => {
            check.at(
                Rule::UnknownValue,
                "ParticipantTag",
                format!("is {t:?}; allowed \"LEG-A\", \"LEG-B\""),
            );
            return;
        }
        Some(tag) if address.call_id.is_none() && inv.participant(tag).is_none() => {
            check.at(
                Rule::UnknownLeg,
                "ParticipantTag",
                format!("is {tag}, but this call has no {tag} (yet)"),
            );
            return;
        }
        _ => {}
    }
    let Some(leg) = resolve(&address, inv) else { return };
    let parameter = if address.call_id.is_some() { "CallId" } else { "ParticipantTag" };
    let only = |tag: ParticipantTag| leg.participant_tag != tag;
    match action {
        Action::JoinChimeMeeting(_) | Action::StartBotConversation(_)
            if only(ParticipantTag::LegA) =>
        {
            check.at(
                Rule::WrongLeg,
                parameter,
                format!(
                    "addresses {}; {} acts on LEG-A only",
                    leg.participant_tag,
                    check.name.to_owned()
                ),
            );
        }
        Action::ModifyChimeMeetingAttendees(_) if only(ParticipantTag::LegB) => {
            check.at(
                Rule::WrongLeg,
                parameter,
                format!(
                    "addresses {}; ModifyChimeMeetingAttendees acts on the meeting leg, LEG-B",
                    leg.participant_tag
                ),
            );
        }
        Action::Hangup(_) | Action::Raw(_) => {}
        // When every leg has hung up the service ignores the answer: nothing to report.
        _ if leg.status == Some(ParticipantStatus::Disconnected)
            && inv.call_details.participants.iter().any(|p| !p.is_disconnected()) =>
        {
            check.at(
                Rule::WrongLeg,
                parameter,
                format!("addresses {} ({}), which has hung up", leg.participant_tag, leg.call_id),
            );
        }
        _ => {}
    }
}

/// Checks every action of a response; see the module documentation.
pub(crate) fn actions(
    list: &[Action],
    limits: &Limits,
    inv: Option<&Invocation>,
    out: &mut Vec<Violation>,
) {
    for (index, action) in list.iter().enumerate() {
        let mut check = Check { index, name: action.type_name(), out };
        one(&mut check, action, &limits.readings);
        if let Some(inv) = inv {
            legs(&mut check, action, inv);
        }
    }
}

fn one(c: &mut Check<'_>, action: &Action, readings: &Readings) {
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
        }
        Action::ModifyChimeMeetingAttendees(a) => {
            if let Some(op) = c.required("Operation", &a.operation) {
                let op = (op.as_str().to_owned(), op.is_known());
                c.known("Operation", Some((&op.0, op.1)), "\"Mute\", \"Unmute\"");
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
            let audio = c.required("AudioSource", &a.audio_source).cloned();
            c.audio("AudioSource", audio.as_ref());
            c.range("Repeat", a.repeat, 1, u32::MAX);
            c.keys("PlaybackTerminators", a.playback_terminators.as_ref());
        }
        Action::PlayAudioAndGetDigits(a) => {
            let audio = c.required("AudioSource", &a.audio_source).cloned();
            c.audio("AudioSource", audio.as_ref());
            let failure = c.required("FailureAudioSource", &a.failure_audio_source).cloned();
            c.audio("FailureAudioSource", failure.as_ref());
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
            if a.target.call_id.is_some() && a.target.participant_tag.is_some() {
                c.at(
                    Rule::ConflictingParameters,
                    "ParticipantTag",
                    "is given with CallId; RecordAudio takes one of them".to_owned(),
                );
            }
            if let Some(d) = c.required("RecordingDestination", &a.recording_destination).cloned() {
                c.storage("RecordingDestination.Type", d.kind.as_ref());
                match &d.bucket_name {
                    Some(b) if !b.is_empty() => {}
                    _ => c.at(
                        Rule::MissingParameter,
                        "RecordingDestination.BucketName",
                        "is required".to_owned(),
                    ),
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
                Some(keys) => {
                    let keys = keys.clone();
                    c.keys("RecordingTerminators", Some(&keys));
                }
                None => {}
            }
        }
        Action::SendDigits(a) => {
            c.required("CallId", &a.call_id);
            if let Some(d) = c.required("Digits", &a.digits).cloned() {
                c.format("Digits", d.check());
            }
            c.range("ToneDurationInMilliseconds", a.tone_duration_in_milliseconds, 50, 24_000);
        }
        Action::Speak(a) => {
            c.required("CallId", &a.call_id);
            c.required_text("Text", &a.text, MAX_TEXT);
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
            c.required("CallId", &a.call_id);
            let speech = c.required("SpeechParameters", &a.speech_parameters).cloned();
            c.speech("SpeechParameters", speech.as_ref());
            let failure =
                c.required("FailureSpeechParameters", &a.failure_speech_parameters).cloned();
            c.speech("FailureSpeechParameters", failure.as_ref());
            c.digits(readings, &a.digits);
        }
        Action::StartBotConversation(a) => bot(c, a),
        Action::StartCallRecording(a) => {
            c.required("CallId", &a.call_id);
            if let Some(t) = c.required("Track", &a.track) {
                let t = (t.as_str().to_owned(), t.is_known());
                c.known("Track", Some((&t.0, t.1)), "\"BOTH\", \"INCOMING\", \"OUTGOING\"");
            }
            if let Some(d) = c.required("Destination", &a.destination).cloned() {
                c.storage("Destination.Type", d.kind.as_ref());
                match &d.location {
                    Some(l) if !l.is_empty() => {}
                    _ => c.at(
                        Rule::MissingParameter,
                        "Destination.Location",
                        "is required: \"bucket\" or \"bucket/prefix\"".to_owned(),
                    ),
                }
            }
        }
        Action::StopCallRecording(a) => {
            c.required("CallId", &a.call_id);
        }
        Action::PauseCallRecording(a) => {
            c.required("CallId", &a.call_id);
        }
        Action::ResumeCallRecording(a) => {
            c.required("CallId", &a.call_id);
        }
        Action::VoiceFocus(a) => {
            c.required("Enable", &a.enable);
            c.required("CallId", &a.call_id);
        }
        // Unknown types and unfitting parameters are reported by the envelope check.
        Action::Raw(_) => {}
    }
}

fn call_and_bridge(c: &mut Check<'_>, a: &CallAndBridge, readings: &Readings) {
    c.range("CallTimeoutSeconds", a.call_timeout_seconds, 1, 120);
    if let Some(n) = c.required("CallerIdNumber", &a.caller_id_number).cloned() {
        c.format("CallerIdNumber", n.check());
    }
    c.audio("RingbackTone", a.ringback_tone.as_ref());
    let Some(endpoints) = c.required("Endpoints", &a.endpoints).cloned() else { return };
    if endpoints.len() != 1 {
        c.at(
            Rule::OutOfRange,
            "Endpoints",
            format!("has {} endpoints; exactly one is allowed", endpoints.len()),
        );
    }
    let mut pstn = false;
    for (i, e) in endpoints.iter().enumerate() {
        let p = |f: &str| format!("Endpoints[{i}].{f}");
        let Some(kind) = e.bridge_endpoint_type.clone() else {
            c.at(
                Rule::MissingParameter,
                &p("BridgeEndpointType"),
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
                        &p("Arn"),
                        "is given for a PSTN endpoint; only AWS endpoints take an Arn".to_owned(),
                    );
                }
                match &e.uri {
                    None => c.at(
                        Rule::MissingParameter,
                        &p("Uri"),
                        "is required: the E.164 number to call".to_owned(),
                    ),
                    Some(uri) => c.format(&p("Uri"), E164::from(uri.as_str()).check()),
                }
            }
            BridgeEndpointType::Aws => {
                match &e.arn {
                    None => c.at(Rule::MissingParameter, &p("Arn"), "is required for an AWS endpoint: the Voice Connector (group) ARN".to_owned()),
                    Some(arn) if !voice_connector_arn(arn) => c.at(Rule::InvalidFormat, &p("Arn"), format!("is {arn:?}; expected arn:aws:chime:<region>:<account>:vc/<id> or …:vcg/<id>")),
                    Some(_) => {}
                }
                match &e.uri {
                    None => c.at(
                        Rule::MissingParameter,
                        &p("Uri"),
                        "is required: the user part of the Request-URI".to_owned(),
                    ),
                    Some(uri) => {
                        let n = uri.chars().count();
                        if n == 0 || n > readings.aws_uri_max {
                            c.at(
                                Rule::TooLong,
                                &p("Uri"),
                                format!("has {n} characters; allowed 1–{}", readings.aws_uri_max),
                            );
                        } else if let Some(bad) = uri.chars().find(|ch| {
                            !(ch.is_ascii_alphanumeric() || "&=+$/%-_!~*().,".contains(*ch))
                        }) {
                            c.at(
                                Rule::InvalidFormat,
                                &p("Uri"),
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
                &p("BridgeEndpointType"),
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
                c.at(Rule::InvalidFormat, &format!("SipHeaders[{name:?}]"), e);
            }
            let n = name.chars().count() + 2 + value.chars().count();
            if n > sma_syntax::MAX_SIP_HEADER_LEN {
                c.at(
                    Rule::TooLong,
                    &format!("SipHeaders[{name:?}]"),
                    format!(
                        "has {n} characters; a header is at most {}",
                        sma_syntax::MAX_SIP_HEADER_LEN
                    ),
                );
            }
        }
    }
}

fn voice_connector_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", "aws", "chime", region, account, resource]
        if !region.is_empty() && !account.is_empty()
            && (resource.strip_prefix("vc/").or_else(|| resource.strip_prefix("vcg/"))).is_some_and(|id| !id.is_empty()))
}

fn bot_alias_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    matches!(parts.as_slice(), ["arn", "aws", "lex", region, account, resource]
    if !region.is_empty() && account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
        && resource.strip_prefix("bot-alias/").is_some_and(|ids| {
            let mut it = ids.split('/');
            matches!((it.next(), it.next(), it.next()), (Some(b), Some(a), None) if !b.is_empty() && !a.is_empty())
        }))
}

fn bot(c: &mut Check<'_>, a: &StartBotConversation) {
    match c.required("BotAliasArn", &a.bot_alias_arn) {
        Some(arn) if !bot_alias_arn(arn) => {
            let arn = arn.clone();
            c.at(Rule::InvalidFormat, "BotAliasArn", format!("is {arn:?}; expected arn:aws:lex:<region>:<account>:bot-alias/<bot id>/<alias id>"));
        }
        _ => {}
    }
    let Some(config) = &a.configuration else { return };
    let size = serde_json::to_string(config).map(|s| s.len()).unwrap_or(usize::MAX);
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
        .and_then(|d| d.kind.clone());
    if let Some(d) = &dialog {
        c.known(
            "Configuration.SessionState.DialogAction.Type",
            Some((d.as_str(), d.is_known())),
            "\"Delegate\", \"ElicitIntent\"",
        );
    }
    if let Some(messages) = &config.welcome_messages {
        for (i, m) in messages.iter().enumerate() {
            let at = format!("Configuration.WelcomeMessages[{i}]");
            match &m.content_type {
                None => c.at(
                    Rule::MissingParameter,
                    &format!("{at}.ContentType"),
                    "is required: \"PlainText\" or \"SSML\"".to_owned(),
                ),
                Some(t) if !t.is_known() => c.at(
                    Rule::UnknownValue,
                    &format!("{at}.ContentType"),
                    format!("is {:?}; allowed \"PlainText\", \"SSML\"", t.as_str()),
                ),
                Some(_) => {}
            }
            if m.content.as_deref().is_none_or(str::is_empty) {
                c.at(Rule::MissingParameter, &format!("{at}.Content"), "is required".to_owned());
            }
        }
        if !messages.is_empty() && dialog != Some(DialogActionType::ElicitIntent) {
            c.at(
                Rule::DependentParameters,
                "Configuration.SessionState.DialogAction.Type",
                "must be \"ElicitIntent\" when WelcomeMessages are given".to_owned(),
            );
        }
    }
}

//! One SMA action as the interpreter flow's next block.

use super::protocol::*;
use serde_json::{Map, Value};
use sma_core::action::defaults;

/// The block the flow runs next, with its parameters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    Say { ssml: String },
    Play { uri: String },
    GetKeys { ssml: String, one: bool, seconds: u64 },
    Transfer { to: String, caller_id: Option<String>, seconds: u64 },
    Hangup,
    End,
}

impl Step {
    /// The keys of the host's answer that describe this step.
    pub(crate) fn write(&self, out: &mut Map<String, Value>) {
        let next = match self {
            Step::Say { ssml } => {
                out.insert(SSML.into(), ssml.as_str().into());
                STEP_SAY.to_owned()
            }
            Step::Play { uri } => {
                out.insert(MEDIA.into(), uri.as_str().into());
                STEP_PLAY.to_owned()
            }
            Step::GetKeys { ssml, one, seconds } => {
                out.insert(SSML.into(), ssml.as_str().into());
                format!("{} {seconds}", if *one { STEP_GET_KEY } else { STEP_GET_DIGITS })
            }
            Step::Transfer { to, caller_id, seconds } => {
                out.insert(TO.into(), to.as_str().into());
                if let Some(id) = caller_id {
                    out.insert(CALLER_ID.into(), id.as_str().into());
                }
                format!("{STEP_TRANSFER} {seconds}")
            }
            Step::Hangup => STEP_HANGUP.to_owned(),
            Step::End => STEP_END.to_owned(),
        };
        out.insert(NEXT.into(), next.into());
    }
}

/// Why an action has no block in the interpreter flow.
pub(crate) type Unsupported = String;

/// The step that runs `action` (its `Type` and `Parameters`), on a call whose LEG-A has
/// `leg_a`; `attempt` > 1 prefixes the failure prompt of a `SpeakAndGetDigits`.
pub(crate) fn of(action: &Value, leg_a: &str, attempt: u32) -> Result<Step, Unsupported> {
    let kind = action.get("Type").and_then(Value::as_str).unwrap_or_default();
    let p = action.get("Parameters").unwrap_or(&Value::Null);
    let call_id = p.get("CallId").and_then(Value::as_str);
    if call_id.is_some_and(|id| id != leg_a)
        || p.get("ParticipantTag").and_then(Value::as_str) == Some("LEG-B")
    {
        return Err(format!("{kind} addressed to a leg other than the customer's"));
    }
    match kind {
        "Speak" => Ok(Step::Say { ssml: ssml(p) }),
        "PlayAudio" => audio_uri(p.get("AudioSource")).map(|uri| Step::Play { uri }),
        "Pause" => {
            let ms = number(p.get("DurationInMilliseconds")).unwrap_or(0);
            Ok(Step::Say { ssml: pause(ms) })
        }
        "SpeakAndGetDigits" => {
            let speech = p.get("SpeechParameters").unwrap_or(&Value::Null);
            let mut prompt = ssml(speech);
            if attempt > 1 {
                if let Some(failure) = p.get("FailureSpeechParameters") {
                    prompt = format!(
                        "{}{}",
                        ssml(failure).trim_end_matches("</speak>"),
                        prompt.trim_start_matches("<speak>")
                    );
                }
            }
            let max =
                number(p.get("MaxNumberOfDigits")).unwrap_or(defaults::MAX_NUMBER_OF_DIGITS.into());
            // Required: a response without it is refused before it leaves the app.
            let Some(ms) = number(p.get("RepeatDurationInMilliseconds")) else {
                return Err("SpeakAndGetDigits without RepeatDurationInMilliseconds".into());
            };
            Ok(Step::GetKeys { ssml: prompt, one: max == 1, seconds: ms.div_ceil(1000).max(1) })
        }
        "CallAndBridge" => {
            let endpoints =
                p.get("Endpoints").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
            let [endpoint] = endpoints else {
                return Err("CallAndBridge with other than one endpoint".into());
            };
            if endpoint.get("BridgeEndpointType").and_then(Value::as_str) != Some("PSTN") {
                return Err("CallAndBridge to other than a phone number".into());
            }
            let to = endpoint.get("Uri").and_then(Value::as_str).unwrap_or_default().to_owned();
            let caller_id = p.get("CallerIdNumber").and_then(Value::as_str).map(str::to_owned);
            let seconds = number(p.get("CallTimeoutSeconds"))
                .unwrap_or(defaults::CALL_TIMEOUT_SECONDS.into());
            Ok(Step::Transfer { to, caller_id, seconds })
        }
        "Hangup" => Ok(Step::Hangup),
        other => Err(format!("{other} has no block in the interpreter flow")),
    }
}

/// A number given as a JSON number or as its text.
pub(crate) fn number(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::String(s) => s.trim().parse().ok(),
        v => v.as_u64(),
    }
}

/// The `Text` of speech parameters as SSML: kept when `TextType` is `ssml`, else escaped and
/// wrapped in `<speak>`.
fn ssml(speech: &Value) -> String {
    let text = speech.get("Text").and_then(Value::as_str).unwrap_or_default();
    if speech.get("TextType").and_then(Value::as_str) == Some("ssml") {
        return text.to_owned();
    }
    let mut out = String::from("<speak>");
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out.push_str("</speak>");
    out
}

/// Silence of `ms` milliseconds in SSML, in breaks of at most 10 s (Polly's longest).
fn pause(ms: u64) -> String {
    let mut out = String::from("<speak>");
    let mut left = ms;
    while left > 0 {
        let part = left.min(10_000);
        out.push_str(&format!("<break time=\"{part}ms\"/>"));
        left -= part;
    }
    out.push_str("</speak>");
    out
}

/// An S3 `AudioSource` as the URL Connect's media prompt takes.
pub(crate) fn audio_uri(source: Option<&Value>) -> Result<String, Unsupported> {
    let source = source.unwrap_or(&Value::Null);
    let bucket = source.get("BucketName").and_then(Value::as_str);
    let key = source.get("Key").and_then(Value::as_str);
    match (source.get("Type").and_then(Value::as_str), bucket, key) {
        (Some("S3"), Some(bucket), Some(key)) => {
            Ok(format!("https://{bucket}.s3.amazonaws.com/{key}"))
        }
        _ => Err("PlayAudio from other than an S3 object".into()),
    }
}

//! How each action and event of a PSTN audio flow carries over to Amazon Connect, from the
//! migration guide's mapping and the Connect block pages (`connect-exit.md` collects them).

use serde_json::Value;

/// How one action or event carries over to Amazon Connect.
///
/// ```
/// use sma_connect::gaps::Carry;
/// let c = Carry::Approximate { to: "Transfer to phone number", dropped: vec!["SIP headers".into()] };
/// assert_eq!(c.to_string(), "approximate: Transfer to phone number (drops SIP headers)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Carry {
    /// A block does the same.
    Exact {
        /// The Connect block.
        to: &'static str,
    },
    /// A block does part of it: what it drops is named.
    Approximate {
        /// The Connect block or mechanism.
        to: &'static str,
        /// What the flow loses.
        dropped: Vec<String>,
    },
    /// Nothing in Connect does it.
    None {
        /// Why, or what the guide suggests instead.
        why: &'static str,
    },
}

impl std::fmt::Display for Carry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Carry::Exact { to } => write!(f, "exact: {to}"),
            Carry::Approximate { to, dropped } => {
                write!(f, "approximate: {to} (drops {})", dropped.join(", "))
            }
            Carry::None { why } => write!(f, "none: {why}"),
        }
    }
}

impl Carry {
    /// The merge of two findings for the same action type: the worse kind, with every dropped
    /// item of both.
    ///
    /// ```
    /// use sma_connect::gaps::Carry;
    /// let exact = Carry::Exact { to: "Disconnect" };
    /// let code = Carry::Approximate { to: "Disconnect", dropped: vec!["the SIP response code".into()] };
    /// assert_eq!(exact.merge(code.clone()), code);
    /// ```
    pub fn merge(self, other: Carry) -> Carry {
        match (self, other) {
            (n @ Carry::None { .. }, _) | (_, n @ Carry::None { .. }) => n,
            (Carry::Approximate { to, mut dropped }, Carry::Approximate { dropped: more, .. }) => {
                for item in more {
                    if !dropped.contains(&item) {
                        dropped.push(item);
                    }
                }
                Carry::Approximate { to, dropped }
            }
            (a @ Carry::Approximate { .. }, Carry::Exact { .. }) => a,
            (Carry::Exact { .. }, a) => a,
        }
    }
}

/// How the action `kind` with `parameters` carries over; `other_leg` when it addresses a leg
/// other than LEG-A (Connect plays to, and hangs up, the customer only).
pub(crate) fn action(kind: &str, parameters: &Value, other_leg: bool) -> Carry {
    let has = |key: &str| parameters.get(key).is_some_and(|v| !v.is_null());
    // Numbers come as JSON numbers or as their text ("SipResponseCode": "486").
    let number = |key: &str| match parameters.get(key) {
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(v) => v.as_u64(),
        None => None,
    };
    let mut dropped: Vec<String> = Vec::new();
    if other_leg {
        dropped.push("the leg addressed (Connect acts on the customer's leg)".into());
    }
    let to = match kind {
        "Speak" => {
            let speech = ["VoiceId", "Engine", "LanguageCode"];
            if speech.iter().any(|k| has(k)) {
                dropped.push(
                    "voice, engine and language per action (Set voice is per contact)".into(),
                );
            }
            "Play prompt (MessageParticipant, Text or SSML)"
        }
        "PlayAudio" => {
            if has("PlaybackTerminators") {
                dropped.push("PlaybackTerminators".into());
            }
            "Play prompt (MessageParticipant, Media from S3)"
        }
        "SpeakAndGetDigits" | "PlayAudioAndGetDigits" => {
            for (key, what) in [
                ("InputDigitsRegex", "the digits regex"),
                ("FailureSpeechParameters", "the failure prompt"),
                ("FailureAudioSource", "the failure prompt"),
                ("InBetweenDigitsDurationInMilliseconds", "the between-digits timeout"),
            ] {
                if has(key) && !dropped.iter().any(|d| d == what) {
                    dropped.push(what.into());
                }
            }
            if number("MinNumberOfDigits").is_some_and(|n| n > 1) {
                dropped.push("the minimum number of digits".into());
            }
            if number("MaxNumberOfDigits").is_none_or(|n| n > 1) {
                dropped.push("multi-digit input is stored input, not branches (StoreInput)".into());
            }
            "Get customer input (GetParticipantInput; Repeat as a Loop)"
        }
        "CallAndBridge" => {
            dropped.push("the call after the bridge: the contact ends with the transfer".into());
            if has("SipHeaders") {
                dropped
                    .push("SIP headers (only User-to-User, outbound to a voice connector)".into());
            }
            if parameters.get("Endpoints").and_then(Value::as_array).is_some_and(|e| e.len() > 1) {
                dropped.push("more than one endpoint".into());
            }
            "Transfer to phone number (TransferParticipantToThirdParty, at most 600 s)"
        }
        "Hangup" => {
            if number("SipResponseCode").is_some_and(|c| c != 0) {
                dropped.push("the SIP response code".into());
            }
            "Disconnect (DisconnectParticipant)"
        }
        "Pause" => {
            dropped.push("a silence block: Wait is chat-only on its API page, an SSML break is the likely way".into());
            "Wait, or an SSML <break> in a prompt"
        }
        "SendDigits" => {
            dropped.push(
                "digits sent other than at a transfer (ThirdPartyDTMFDigits, at most 50)".into(),
            );
            "the transfer's ThirdPartyDTMFDigits"
        }
        "StartBotConversation" => {
            dropped.push("the bot must be associated with the Connect instance".into());
            "Get customer input with a Lex bot (ConnectParticipantWithLexBot)"
        }
        "StartCallRecording" | "StopCallRecording" => {
            dropped.push("the destination bucket (set per instance)".into());
            "Set recording behavior (UpdateContactRecordingBehavior, IVRRecordingBehavior)"
        }
        "PauseCallRecording" | "ResumeCallRecording" => {
            dropped.push("a block: SuspendContactRecording / ResumeContactRecording are API calls from a Lambda".into());
            "the SuspendContactRecording / ResumeContactRecording API"
        }
        "ReceiveDigits" => {
            return Carry::None {
                why: "no background listening: Store customer input is sequential only",
            };
        }
        "RecordAudio" => {
            return Carry::None {
                why: "no block; a voicemail needs the voicemail-express sample or a Lambda",
            };
        }
        "JoinChimeMeeting" | "ModifyChimeMeetingAttendees" => {
            return Carry::None { why: "no counterpart: the guide's exception process" };
        }
        "VoiceFocus" => return Carry::None { why: "no counterpart found" },
        _ => return Carry::None { why: "an action type the guide does not map" },
    };
    if dropped.is_empty() { Carry::Exact { to } } else { Carry::Approximate { to, dropped } }
}

/// How an event `kind` (from LEG-B when `leg_b`) carries over.
pub(crate) fn event(kind: &str, leg_b: bool) -> Carry {
    match kind {
        "NEW_INBOUND_CALL" => Carry::Exact { to: "the flow's start (an inbound contact)" },
        "NEW_OUTBOUND_CALL" => Carry::Exact {
            to: "StartOutboundVoiceContact (its Attributes as the ArgumentsMap) and the flow it names",
        },
        "CALL_ANSWERED" => Carry::Approximate {
            to: "the outbound contact's flow, which starts once the call connects",
            dropped: vec![
                "the unanswered call: the API call fails after its dialing timeout, no flow runs"
                    .into(),
            ],
        },
        "ACTION_SUCCESSFUL" | "ACTION_FAILED" => {
            Carry::Exact { to: "the block's success and error branches" }
        }
        "HANGUP" if !leg_b => Carry::Approximate {
            to: "the disconnect flow",
            dropped: vec!["the actions answered to a hang-up run in another flow".into()],
        },
        "HANGUP" => Carry::None {
            why: "the third party of a transfer hanging up reaches no flow of the contact",
        },
        "RINGING" => Carry::None { why: "no event while a call or a transfer rings" },
        "DIGITS_RECEIVED" => Carry::None { why: "no background listening for digits" },
        "CALL_UPDATE_REQUESTED" => {
            Carry::None { why: "no API that interrupts a running flow with arguments" }
        }
        _ => Carry::None { why: "an event type the guide does not map" },
    }
}

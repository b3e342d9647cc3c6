//! The rules a response is checked against, how sure `sma` is that the service enforces each,
//! and how a broken one is reported.

use std::fmt;

/// Which rule of the contract a [`Violation`] breaks, and how sure `sma` is that the service
/// enforces it.
///
/// Every rule has a [`Level`], set by evidence: a rule the documents state and that no working,
/// published handler breaks **rejects** the response (the failure policy answers instead); a rule
/// that published, working handlers break (AWS's own samples among them) only **warns**: the
/// response goes out and a WARN log names the rule and its evidence, unless strict mode
/// ([`ValidationReadings::strict`](super::limits::ValidationReadings::strict)) makes warnings
/// reject too. A validator that hangs up a call the service would have carried is worse than
/// none.
///
/// | rule | level | evidence |
/// |---|---|---|
/// | `NotAResponse` | reject | the service answers `SchemaVersionMismatch` (issue aws-samples/amazon-chime-sdk-click-to-call#125) |
/// | `SchemaVersion` | reject | every document and event uses `"1.0"` |
/// | `TooManyActions` | reject | "up to 10 actions" (invoke-on-call-leg) |
/// | `UnknownActionType` | reject | the 18 documented actions; no sample sends another |
/// | `MalformedParameters` | reject | parameters of the wrong JSON type cannot be read |
/// | `AttributePairs`, `AttributeSize`, `AttributeEntryLength` | reject | `TransactionAttributesInvalidMapSize` (attribute-trans-invalid) |
/// | `MissingParameter`, `OutOfRange`, `TooLong`, `InvalidFormat`, `UnknownValue`, `DependentParameters`, `ConflictingParameters` | reject | each action page and the ACTION_FAILED troubleshooting table |
/// | `WrongLeg`, `UnknownLeg` | reject | "Using call legs"; JoinChimeMeeting / StartBotConversation pages |
/// | `CallIdMissing` | warn | the pages call `CallId` required for Speak, SpeakAndGetDigits and VoiceFocus, but AWS samples send them without it (amazon-chime-sma-bridging, amazon-chime-sdk-sma-meeting-dialer, the PSTN audio workshop) and the service acts on the invoking leg; for SendDigits and call recording no handler omits it, and a missing `CallId` is `MissingParameter` |
/// | `AddressedByTag` | warn | the pages document `CallId` only for these actions; amazon-chime-sma-on-demand-recording addresses StartCallRecording by `ParticipantTag` |
/// | `RegexDialect` | warn | the service's regex dialect is undocumented; `sma`'s dialect is a safe subset, and AWS samples use look-ahead |
/// | `AttributeValueType` | warn | every document shows string values, but the PSTN audio workshop stores an object and reads it back |
/// | `ActionObjectKey` | warn | an action object is `{Type, Parameters}`; what the service does with another key is undocumented |
/// | `UnknownField` | warn | a response is `{SchemaVersion, Actions, TransactionAttributes}`; what the service does with another key is undocumented |
/// | `CallState` | reject | the JoinChimeMeeting page (not on a bridged call), the StartBotConversation page (not on a bridged or meeting call), the mute-unmute page (InvalidActionParameter when the call is not connected to a meeting); a meeting leg shows `To` or `From` `"SMA"` (use-cases, case-5) |
/// | `VoiceEngine` | reject | Polly SynthesizeSpeech: "a voice that is not supported for the engine selected will result in an error"; the Speak page lists Polly validation errors as InvalidActionParameter |
/// | `UnlistedVoice` | warn | the voice table is `sma`'s (from the Polly voice list, dated); Polly adds voices, and a new one must not hang up a call |
/// | `OncePerLeg` | reject | the call-recording pages: recording starts only once per leg |
/// | `LegacyBucketName` | warn | the S3 naming rules; buckets created under the legacy us-east-1 rules keep upper case, `_` and long names, and work |
///
/// ```
/// use sma_core::rules::{Level, Rule};
/// assert_eq!(Rule::TooManyActions.to_string(), "at most 10 actions per response");
/// assert_eq!(Rule::CallIdMissing.level(), Level::Warn);
/// assert!(Rule::CallIdMissing.evidence().contains("amazon-chime-sma-bridging"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// The response is not a JSON object with a `SchemaVersion`.
    NotAResponse,
    /// `SchemaVersion` is not `"1.0"`.
    SchemaVersion,
    /// More than 10 actions.
    TooManyActions,
    /// An action `Type` that is not one of the 18.
    UnknownActionType,
    /// Parameters that do not fit the action's model.
    MalformedParameters,
    /// Too many transaction attribute pairs.
    AttributePairs,
    /// Transaction attributes too large.
    AttributeSize,
    /// A transaction attribute key or value too long (legacy limits).
    AttributeEntryLength,
    /// A top-level field the envelope does not have.
    UnknownField,
    /// A required parameter is missing (or empty).
    MissingParameter,
    /// A number outside its documented range.
    OutOfRange,
    /// A text or a list longer than documented.
    TooLong,
    /// A formatted string (E.164, ARN, regex, DTMF, SIP header) without its format.
    InvalidFormat,
    /// A value outside its closed set.
    UnknownValue,
    /// Two parameters that must agree do not (Flush > InBetween, Max ≥ Min, ...).
    DependentParameters,
    /// Two parameters that exclude each other are both given.
    ConflictingParameters,
    /// The action addresses a leg it cannot act on (LEG-B for JoinChimeMeeting, a leg that hung up).
    WrongLeg,
    /// The action addresses a leg this call does not have.
    UnknownLeg,
    /// `CallId`, documented as required for Speak, SpeakAndGetDigits or VoiceFocus, is not
    /// given.
    CallIdMissing,
    /// An action documented with `CallId` only is addressed by `ParticipantTag`.
    AddressedByTag,
    /// A valid regex outside the dialect `sma` checks (see `sma_syntax::regex`).
    RegexDialect,
    /// A transaction attribute value that is not a string.
    AttributeValueType,
    /// A key beside `Type` and `Parameters` in an action object.
    ActionObjectKey,
    /// The action is not allowed in the call's state: JoinChimeMeeting on a bridged call,
    /// StartBotConversation on a bridged or meeting call, ModifyChimeMeetingAttendees on a call
    /// not connected to a meeting.
    CallState,
    /// A Polly voice asked for an engine it does not have (per `sma`'s Polly table).
    VoiceEngine,
    /// A Polly voice or language code `sma`'s Polly table does not list, or a language the
    /// voice does not speak.
    UnlistedVoice,
    /// An action documented as once per leg (StartCallRecording) twice for one leg in a list.
    OncePerLeg,
    /// An S3 bucket name only a legacy (pre-2018 us-east-1) bucket can have.
    LegacyBucketName,
}

/// How a broken [`Rule`] is treated: see the table on [`Rule`].
///
/// ```
/// assert_eq!(sma_core::rules::Rule::TooLong.level(), sma_core::rules::Level::Reject);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// The response goes out; a WARN log names the rule and its evidence.
    Warn,
    /// The response is not sent; the failure policy answers instead.
    Reject,
}

impl Rule {
    /// How this rule is enforced by default (strict mode rejects every level).
    pub fn level(self) -> Level {
        match self {
            Rule::UnlistedVoice
            | Rule::LegacyBucketName
            | Rule::CallIdMissing
            | Rule::AddressedByTag
            | Rule::RegexDialect
            | Rule::AttributeValueType
            | Rule::ActionObjectKey
            | Rule::UnknownField => Level::Warn,
            _ => Level::Reject,
        }
    }

    /// Whether the service reports a break of this rule when it runs the action (ACTION_FAILED,
    /// the action's page and the troubleshooting table) rather than when it reads the response
    /// (INVALID_LAMBDA_RESPONSE: the envelope, the number of actions, the attributes).
    ///
    /// ```
    /// use sma_core::rules::Rule;
    /// assert!(Rule::MissingParameter.fails_the_action());
    /// assert!(!Rule::TooManyActions.fails_the_action());
    /// ```
    pub fn fails_the_action(self) -> bool {
        // The envelope, the list and the attributes are read first; the rest are parameters.
        !matches!(
            self,
            Rule::NotAResponse
                | Rule::SchemaVersion
                | Rule::TooManyActions
                | Rule::UnknownActionType
                | Rule::MalformedParameters
                | Rule::AttributePairs
                | Rule::AttributeSize
                | Rule::AttributeEntryLength
                | Rule::UnknownField
                | Rule::AttributeValueType
                | Rule::ActionObjectKey
        )
    }

    /// Why the rule has its level: the documents and the published handlers behind it.
    pub fn evidence(self) -> &'static str {
        match self {
            Rule::NotAResponse => {
                "the service answers SchemaVersionMismatch (aws-samples/amazon-chime-sdk-click-to-call#125)"
            }
            Rule::SchemaVersion => "every document and event uses \"1.0\"",
            Rule::TooManyActions => "\"up to 10 actions\" (invoke-on-call-leg)",
            Rule::UnknownActionType => "the 18 documented actions; no sample sends another",
            Rule::MalformedParameters => "parameters of the wrong JSON type cannot be read",
            Rule::AttributePairs | Rule::AttributeSize | Rule::AttributeEntryLength => {
                "the service answers TransactionAttributesInvalidMapSize (attribute-trans-invalid)"
            }
            Rule::MissingParameter
            | Rule::OutOfRange
            | Rule::TooLong
            | Rule::InvalidFormat
            | Rule::UnknownValue
            | Rule::DependentParameters
            | Rule::ConflictingParameters => {
                "the action's page and the ACTION_FAILED troubleshooting table"
            }
            Rule::WrongLeg | Rule::UnknownLeg => {
                "Using call legs; the JoinChimeMeeting and StartBotConversation pages"
            }
            Rule::CallIdMissing => {
                "documented as required, but AWS samples (amazon-chime-sma-bridging, amazon-chime-sdk-sma-meeting-dialer, the PSTN audio workshop) send Speak, SpeakAndGetDigits and VoiceFocus without it and the service acts on the invoking leg"
            }
            Rule::AddressedByTag => {
                "documented with CallId only, but amazon-chime-sma-on-demand-recording addresses StartCallRecording by ParticipantTag"
            }
            Rule::RegexDialect => {
                "the service's regex dialect is undocumented; AWS samples use look-ahead"
            }
            Rule::AttributeValueType => {
                "every document shows string values, but the PSTN audio workshop stores an object and reads it back"
            }
            Rule::ActionObjectKey => {
                "an action object is {Type, Parameters}; what the service does with another key is undocumented"
            }
            Rule::UnknownField => {
                "a response is {SchemaVersion, Actions, TransactionAttributes}; what the service does with another key is undocumented"
            }
            Rule::CallState => {
                "the JoinChimeMeeting, StartBotConversation and mute-unmute pages; a meeting leg shows To or From \"SMA\" (use-cases, case-5)"
            }
            Rule::VoiceEngine => {
                "Polly SynthesizeSpeech errors on a voice the engine does not support; the Speak page lists Polly validation as InvalidActionParameter"
            }
            Rule::UnlistedVoice => {
                "sma's Polly voice table is dated; Polly adds voices, and a new one must not hang up a call"
            }
            Rule::OncePerLeg => "the call-recording pages: recording starts only once per leg",
            Rule::LegacyBucketName => {
                "the S3 naming rules; buckets created under the legacy us-east-1 rules keep such names and work"
            }
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rule::NotAResponse => "the response is a SchemaVersion 1.0 object",
            Rule::SchemaVersion => "SchemaVersion is \"1.0\"",
            Rule::TooManyActions => "at most 10 actions per response",
            Rule::UnknownActionType => "actions are one of the 18 documented types",
            Rule::MalformedParameters => "action parameters have their documented types",
            Rule::AttributePairs => "transaction attributes have a limited number of pairs",
            Rule::AttributeSize => "transaction attributes have a limited size",
            Rule::AttributeEntryLength => {
                "transaction attribute keys and values have a limited length"
            }
            Rule::UnknownField => {
                "the response has only SchemaVersion, Actions and TransactionAttributes"
            }
            Rule::MissingParameter => "required parameters are given",
            Rule::OutOfRange => "numbers are within their documented ranges",
            Rule::TooLong => "texts and lists are within their documented lengths",
            Rule::InvalidFormat => "formatted strings have their documented format",
            Rule::UnknownValue => "closed sets take one of their documented values",
            Rule::DependentParameters => "parameters that depend on each other agree",
            Rule::ConflictingParameters => "parameters that exclude each other are not both given",
            Rule::WrongLeg => "an action addresses a leg it can act on",
            Rule::UnknownLeg => "an action addresses a leg of this call",
            Rule::CallIdMissing => "CallId is given where the documents require it",
            Rule::AddressedByTag => "actions documented with CallId only are addressed by CallId",
            Rule::RegexDialect => "digit regexes stay within the checked dialect",
            Rule::AttributeValueType => "transaction attribute values are strings",
            Rule::ActionObjectKey => "an action object has only Type and Parameters",
            Rule::CallState => "an action is allowed in the call's state (bridged, in a meeting)",
            Rule::VoiceEngine => "a Polly voice is asked for an engine it has",
            Rule::UnlistedVoice => "Polly voices and languages are ones sma's table lists",
            Rule::OncePerLeg => "call recording starts once per leg",
            Rule::LegacyBucketName => "S3 bucket names follow the current naming rules",
        })
    }
}

/// One way a response breaks the contract: where, which rule, and what was found.
///
/// ```
/// use sma_core::rules::{Rule, Violation};
/// let v = Violation::new(Rule::SchemaVersion, "SchemaVersion", "is \"2.0\"; it must be \"1.0\"".into());
/// assert_eq!(v.to_string(), "SchemaVersion is \"2.0\"; it must be \"1.0\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// Where: a path into the response (`Actions[2].Parameters.Repeat`, `$` for the whole).
    pub location: String,
    /// What was found and what is allowed.
    pub detail: String,
}

impl Violation {
    /// A violation of `rule` at `location`.
    pub fn new(rule: Rule, location: impl Into<String>, detail: String) -> Self {
        Violation { rule, location: location.into(), detail }
    }

    /// The level of its rule (see [`Rule`]).
    pub fn level(&self) -> Level {
        self.rule.level()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.location, self.detail)
    }
}

impl std::error::Error for Violation {}

//! The readings the simulator takes where the AWS sources contradict each other or are silent,
//! each selectable by a test.

use crate::contract::event::ErrorType;
use crate::rules::limits::Limits;
use std::time::Duration;

/// When the service reports ACTION_SUCCESSFUL for a list of actions.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// assert_eq!(sma_core::testing::ServiceReadings::default().success, sma_core::testing::SuccessReporting::AsActionsFinish);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuccessReporting {
    /// AWS workshop (observed): actions that produce results (CallAndBridge, JoinChimeMeeting,
    /// ModifyChimeMeetingAttendees, the `*GetDigits` actions, RecordAudio, ReceiveDigits,
    /// StartBotConversation, StartCallRecording, and Hangup of a meeting leg) report as soon as
    /// they finish, even mid-list; the last action of a list reports when the list ends.
    AsActionsFinish,
    /// Developer guide (use-case-2): one ACTION_SUCCESSFUL once every action of the list
    /// succeeded, for the last action.
    WhenListEnds,
}

/// What an empty `Actions: []` does to the actions still queued.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// assert_eq!(sma_core::testing::ServiceReadings::default().empty_list, sma_core::testing::EmptyList::KeepsRemaining);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyList {
    /// AWS workshop (how-it-works, example 3): the remaining queued actions run.
    KeepsRemaining,
    /// Developer guide (use-cases): an empty set stops the running actions.
    StopsRunning,
}

/// How a stored attribute map and a returned map with other keys combine.
///
/// See [Using transaction attributes](https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html).
///
/// ```
/// assert_eq!(sma_core::testing::ServiceReadings::default().attributes, sma_core::testing::AttributeUpdate::Replace);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeUpdate {
    /// AWS workshop: the returned map replaces the stored one.
    Replace,
    /// Update page: new keys are added to the stored ones.
    Merge,
}

/// The `ActionData` of a HANGUP event.
///
/// See [Hangup](https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html).
///
/// ```
/// assert_eq!(sma_core::testing::ServiceReadings::default().hangup_data, sma_core::testing::HangupData::HangupAction);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HangupData {
    /// Most examples: `{"Type": "Hangup", "Parameters": {CallId, ParticipantTag, SipResponseCode}}`.
    HangupAction,
    /// Case-5 (bridged LEG-B): the last action run on that leg, with its `CallId` and tag.
    LastActionOfLeg,
}

/// How long the service waits for the Lambda's answer.
///
/// See [Understanding timeouts and retries](https://docs.aws.amazon.com/chime-sdk/latest/dg/timeouts.html)
/// and [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::testing::{LambdaDeadline, ServiceReadings};
/// assert_eq!(ServiceReadings::default().lambda_deadline, LambdaDeadline::RetryAfter5s);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LambdaDeadline {
    /// Timeouts page: the service waits 5 s, then invokes the function again with the same
    /// event; when the retry is late too, the call ends with SIP 480. (Whether a HANGUP event
    /// follows is not documented: the simulator sends none.)
    RetryAfter5s,
    /// invoke-on-call-leg, the live timeouts page and unexpected-hangups: no answer within 20 s
    /// hangs up the call.
    HangUpAfter20s,
}

/// What an input of no digits, ended by a terminator key, does to a `*GetDigits` attempt whose
/// `MinNumberOfDigits` is 0. The documents are silent.
///
/// See [SpeakAndGetDigits](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak-and-get-digits.html).
///
/// ```
/// use sma_core::testing::{EmptyInput, ServiceReadings};
/// assert_eq!(ServiceReadings::default().empty_input, EmptyInput::Accepted);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyInput {
    /// Zero digits meet a minimum of zero: ACTION_SUCCESSFUL with `ReceivedDigits: ""` (when
    /// the regex, if any, accepts it).
    Accepted,
    /// The attempt fails as if nothing had been pressed.
    FailsAttempt,
}

/// What a RecordAudio without `SilenceDurationInSeconds` does when the caller is silent. The
/// record-audio page contradicts itself: its parameter table gives a default of 200 seconds,
/// its text says silence detection is off when the parameter is not given.
///
/// See [RecordAudio](https://docs.aws.amazon.com/chime-sdk/latest/dg/record-audio.html).
///
/// ```
/// use sma_core::testing::{RecordingSilence, ServiceReadings};
/// assert_eq!(ServiceReadings::default().recording_silence, RecordingSilence::Off);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordingSilence {
    /// The page's text: without the parameter, silence does not end the recording.
    Off,
    /// The page's table: without the parameter, 200 seconds of silence end the recording.
    After200s,
}

/// What a key does that the caller presses while a prompt plays which no key can stop
/// (a Speak, a PlayAudio without that terminator, a Pause) and no ReceiveDigits listener is
/// armed. The documents are silent.
///
/// See [Speak](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak.html).
///
/// ```
/// use sma_core::testing::{KeysDuringMedia, ServiceReadings};
/// assert_eq!(ServiceReadings::default().keys_during_media, KeysDuringMedia::Discarded);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeysDuringMedia {
    /// Nothing collects digits while the prompt plays: the key is lost (the transcript says
    /// so). The ReceiveDigits page: digits are discarded until an action collects them.
    Discarded,
    /// The key is kept and given to the next `*GetDigits` action when it starts.
    KeptForNextInput,
}

/// The shape of the ACTION_FAILED of JoinChimeMeeting and StartCallRecording. Their pages show
/// a single `"Error": "Code: message"` string; every other page, and the troubleshooting
/// table, show `ErrorType` and `ErrorMessage`.
///
/// See [JoinChimeMeeting](https://docs.aws.amazon.com/chime-sdk/latest/dg/join-chime-meeting.html)
/// and [StartCallRecording](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-call-recording.html).
///
/// ```
/// use sma_core::testing::{FailureShape, ServiceReadings};
/// assert_eq!(ServiceReadings::default().failure_shape, FailureShape::ErrorTypeAndMessage);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureShape {
    /// `ErrorType` and `ErrorMessage`, as for every action.
    ErrorTypeAndMessage,
    /// For JoinChimeMeeting and StartCallRecording, `"Error": "<ErrorType>: <message>"` alone,
    /// as their pages show.
    ErrorString,
}

/// How long media lasts in the simulator. Speech lasts as long as its text takes to say at
/// `speech_characters_per_second` (SSML tags not counted; at least 100 ms); the simulator cannot
/// know the length of an audio file, so every PlayAudio (each repetition) and the prompt of a
/// PlayAudioAndGetDigits last `audio`; a Pause lasts its `DurationInMilliseconds`; SendDigits
/// takes its tones (`ToneDurationInMilliseconds`, default 250 ms, each) and 500 ms per `,`; a
/// Lex bot with a scripted result talks for `bot`.
///
/// See [Speak](https://docs.aws.amazon.com/chime-sdk/latest/dg/speak.html).
///
/// ```
/// use sma_core::testing::MediaTiming;
/// let t = MediaTiming::default();
/// assert_eq!(t.speech_characters_per_second, 15);
/// assert_eq!(t.speech("Thanks for calling."), std::time::Duration::from_millis(1300));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaTiming {
    /// The speaking rate: 15 characters a second is about 160 words a minute, Polly's usual
    /// pace at the default `prosody` rate.
    pub speech_characters_per_second: u32,
    /// The length of one play of an audio file (default 3 s).
    pub audio: Duration,
    /// How long a bot conversation with a scripted result lasts (default 10 s).
    pub bot: Duration,
}

impl Default for MediaTiming {
    fn default() -> Self {
        MediaTiming {
            speech_characters_per_second: 15,
            audio: Duration::from_secs(3),
            bot: Duration::from_secs(10),
        }
    }
}

impl MediaTiming {
    /// How long speaking `text` (plain text or SSML) takes.
    pub fn speech(&self, text: &str) -> Duration {
        let mut chars = 0u64;
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => chars += 1,
                _ => {}
            }
        }
        let rate = u64::from(self.speech_characters_per_second.max(1));
        let ms = (chars * 1000).div_ceil(rate).div_ceil(100) * 100;
        Duration::from_millis(ms.max(100))
    }
}

/// The readings the simulator takes where the AWS sources contradict each other or are silent,
/// plus the service-side limits it enforces.
///
/// A *reading* is one way to read such a point: two pages that say different things (does
/// `"Actions": []` stop the running actions or let them run?), or a behaviour no page states.
/// Each field names the point, each variant one reading; the default is the reading seen
/// working, and a test can take the other to see whether its flow depends on it.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::testing::{EmptyList, ServiceReadings};
/// let r = ServiceReadings { empty_list: EmptyList::StopsRunning, ..ServiceReadings::default() };
/// assert_eq!(r.first_sequence, 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceReadings {
    /// When ACTION_SUCCESSFUL is reported.
    pub success: SuccessReporting,
    /// What `Actions: []` does.
    pub empty_list: EmptyList,
    /// How returned attributes combine with stored ones.
    pub attributes: AttributeUpdate,
    /// What a HANGUP's `ActionData` names.
    pub hangup_data: HangupData,
    /// A ReceiveDigits listener stays armed after DIGITS_RECEIVED (samples disagree; the docs
    /// are silent). Default `true`.
    pub listener_persists: bool,
    /// The `Sequence` of the first invocation: 1 in real traffic, 2 in one doc example.
    pub first_sequence: u64,
    /// The limits the service applies (today's, or the pre-2022 attribute limits).
    pub limits: Limits,
    /// The `ErrorType` the simulator reports when a `*GetDigits` action runs out of attempts.
    /// **Invented**: the docs document the ACTION_FAILED but not its error type. Default
    /// `NoValidDigits`.
    pub digits_exhausted: ErrorType,
    /// The `ErrorType` of INVALID_LAMBDA_RESPONSE for a response the service cannot use for a
    /// reason other than its attributes (`TransactionAttributesInvalidMapSize`, documented) or
    /// its schema version (`SchemaVersionMismatch`, observed). **Invented**: no other value is
    /// documented. Default `InvalidResponse`.
    pub invalid_response_error: ErrorType,
    /// What a terminator-only input does when `MinNumberOfDigits` is 0.
    pub empty_input: EmptyInput,
    /// How long the service waits for an answer.
    pub lambda_deadline: LambdaDeadline,
    /// What silence does to a RecordAudio without `SilenceDurationInSeconds`.
    pub recording_silence: RecordingSilence,
    /// What a key pressed during a prompt that no key stops does.
    pub keys_during_media: KeysDuringMedia,
    /// The shape of JoinChimeMeeting's and StartCallRecording's ACTION_FAILED.
    pub failure_shape: FailureShape,
    /// The `ErrorType` of the ACTION_FAILED when LEG-B of a CallAndBridge is busy or rejects
    /// the call. **Invented**: the CallAndBridge page documents only `CallNotAnswered`, for a
    /// callee who does not answer. Default `CallNotAnswered`, with the SIP code in the message.
    pub bridge_rejected: ErrorType,
}

impl Default for ServiceReadings {
    fn default() -> Self {
        ServiceReadings {
            success: SuccessReporting::AsActionsFinish,
            empty_list: EmptyList::KeepsRemaining,
            attributes: AttributeUpdate::Replace,
            hangup_data: HangupData::HangupAction,
            listener_persists: true,
            first_sequence: 1,
            limits: Limits::CURRENT,
            digits_exhausted: ErrorType::Other("NoValidDigits".into()),
            invalid_response_error: ErrorType::Other("InvalidResponse".into()),
            empty_input: EmptyInput::Accepted,
            lambda_deadline: LambdaDeadline::RetryAfter5s,
            recording_silence: RecordingSilence::Off,
            keys_during_media: KeysDuringMedia::Discarded,
            failure_shape: FailureShape::ErrorTypeAndMessage,
            bridge_rejected: ErrorType::CallNotAnswered,
        }
    }
}

//! The readings the simulator takes where the AWS sources contradict each other or are silent,
//! each selectable by a test.

use crate::contract::event::ErrorType;
use crate::contract::response::Limits;

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

/// The readings the simulator takes where the AWS sources contradict each other or are silent,
/// plus the service-side limits it enforces.
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
        }
    }
}

//! `StartBotConversation`: Amazon Lex V2.

use super::Target;
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::open_enum;
use serde::Serialize;
use sma_macros::DeserializeWire;
use std::collections::BTreeMap;

/// `StartBotConversation`: hands LEG-A to an Amazon Lex V2 bot until the bot ends the
/// conversation.
///
/// Parameters on the wire: `CallId` / `ParticipantTag` (LEG-A only; the `CallId` becomes the Lex
/// session id), `BotAliasArn` (required, a bot alias in the SMA's region), `LocaleId` (default
/// `en_US`) and `Configuration` (≤ 10 KB of JSON). Not allowed on bridged or meeting calls.
/// ACTION_SUCCESSFUL carries the Lex `IntentResult`. Error types: `InvalidActionParameter`,
/// `SystemException`, `ResourceNotFound`, `ResourceAccessDenied`, `ActionExecutionThrottled`.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let s: sma_core::action::StartBotConversation = serde_json::from_str(
///     r#"{"BotAliasArn":"arn:aws:lex:us-east-1:111122223333:bot-alias/B/A","LocaleId":"en_US"}"#).unwrap();
/// assert_eq!(s.locale_id.as_deref(), Some("en_US"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct StartBotConversation {
    /// `CallId` / `ParticipantTag`: LEG-A.
    #[serde(flatten)]
    pub target: Target,
    /// `BotAliasArn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_alias_arn: Option<Text>,
    /// `LocaleId`, e.g. `en_US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale_id: Option<Text>,
    /// `Configuration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub configuration: Option<BotConfiguration>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

/// `Configuration` of `StartBotConversation`: `{SessionState?, WelcomeMessages?}`.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let c: sma_core::action::BotConfiguration = serde_json::from_str(
///     r#"{"WelcomeMessages":[{"Content":"Hi","ContentType":"PlainText"}]}"#).unwrap();
/// assert_eq!(c.welcome_messages.unwrap()[0].content.as_deref(), Some("Hi"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct BotConfiguration {
    /// `SessionState`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub session_state: Option<BotSessionState>,
    /// `WelcomeMessages`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_messages: Option<Vec<WelcomeMessage>>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

/// `Configuration.SessionState`: `{SessionAttributes?, DialogAction?}`.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let s: sma_core::action::BotSessionState = serde_json::from_str(r#"{"DialogAction":{"Type":"ElicitIntent"}}"#).unwrap();
/// assert!(s.dialog_action.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct BotSessionState {
    /// `SessionAttributes`: string to string (e.g. Lex timeouts `x-amz-lex:…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_attributes: Option<BTreeMap<String, String>>,
    /// `DialogAction`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub dialog_action: Option<DialogAction>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

open_enum! {
    /// `DialogAction.Type`: how the bot starts.
    ///
    /// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
    ///
    /// ```
    /// assert_eq!(sma_core::action::DialogActionType::ElicitIntent.as_str(), "ElicitIntent");
    /// ```
    pub enum DialogActionType {
        /// `"Delegate"`: Lex decides.
        Delegate = "Delegate",
        /// `"ElicitIntent"`: ask the caller what they want (required with welcome messages).
        ElicitIntent = "ElicitIntent",
    }
}

/// `SessionState.DialogAction`: `{"Type": "Delegate"|"ElicitIntent"}`.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let d: sma_core::action::DialogAction = serde_json::from_str(r#"{"Type":"Delegate"}"#).unwrap();
/// assert_eq!(d.kind, Some(sma_core::action::DialogActionType::Delegate));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[non_exhaustive]
pub struct DialogAction {
    /// `Type`.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DialogActionType>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

open_enum! {
    /// `WelcomeMessages[].ContentType`.
    ///
    /// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
    ///
    /// ```
    /// assert_eq!(sma_core::action::ContentType::Ssml.as_str(), "SSML");
    /// ```
    pub enum ContentType {
        /// `"PlainText"`.
        PlainText = "PlainText",
        /// `"SSML"`.
        Ssml = "SSML",
    }
}

/// One of `Configuration.WelcomeMessages`: `{"Content": …, "ContentType": "PlainText"|"SSML"}`.
///
/// See [StartBotConversation](https://docs.aws.amazon.com/chime-sdk/latest/dg/start-bot-conversation.html).
///
/// ```
/// let w: sma_core::action::WelcomeMessage = serde_json::from_str(r#"{"Content":"Hi","ContentType":"SSML"}"#).unwrap();
/// assert_eq!(w.content_type, Some(sma_core::action::ContentType::Ssml));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct WelcomeMessage {
    /// `Content`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Text>,
    /// `ContentType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<ContentType>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl StartBotConversation {
    /// Hands the invoking leg (LEG-A, the only leg allowed) to the Lex V2 bot alias
    /// `bot_alias_arn`.
    ///
    /// ```
    /// let s = sma_core::action::StartBotConversation::new("arn:aws:lex:us-east-1:111122223333:bot-alias/B/A").locale("en_GB");
    /// assert_eq!(s.locale_id.as_deref(), Some("en_GB"));
    /// ```
    pub fn new(bot_alias_arn: impl Into<Text>) -> Self {
        StartBotConversation { bot_alias_arn: Some(bot_alias_arn.into()), ..Default::default() }
    }

    /// `LocaleId`, e.g. `en_US`.
    pub fn locale(mut self, locale: impl Into<Text>) -> Self {
        self.locale_id = Some(locale.into());
        self
    }

    /// Adds a welcome message (and sets `DialogAction.Type: ElicitIntent`, which the service
    /// requires with welcome messages).
    pub fn welcome(mut self, text: impl Into<Text>, content_type: ContentType) -> Self {
        let config = self.configuration.get_or_insert_with(Default::default);
        config.welcome_messages.get_or_insert_with(Vec::new).push(WelcomeMessage {
            content: Some(text.into()),
            content_type: Some(content_type),
            extra: wire::Extra::new(),
        });
        self.dialog_action(DialogActionType::ElicitIntent)
    }

    /// Adds a Lex session attribute.
    pub fn session_attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let config = self.configuration.get_or_insert_with(Default::default);
        let state = config.session_state.get_or_insert_with(Default::default);
        state
            .session_attributes
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// `Configuration.SessionState.DialogAction.Type`.
    pub fn dialog_action(mut self, kind: DialogActionType) -> Self {
        let config = self.configuration.get_or_insert_with(Default::default);
        let state = config.session_state.get_or_insert_with(Default::default);
        state.dialog_action = Some(DialogAction { kind: Some(kind), extra: wire::Extra::new() });
        self
    }
}

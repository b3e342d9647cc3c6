//! The limits a response is checked against, and the readings taken where the AWS sources
//! contradict each other.

use super::rule::{Rule, Violation};
use crate::contract::attributes::TransactionAttributes;
use crate::contract::wire::json_size;

/// The limits a response is checked against: actions per response and transaction attributes.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::rules::Limits;
/// assert_eq!(Limits::CURRENT.max_actions, 10);
/// assert_eq!(Limits::LEGACY.attributes.max_pairs, 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Actions in one response (10).
    pub max_actions: usize,
    /// Transaction attribute limits.
    pub attributes: AttributeLimits,
    /// The readings taken where the AWS sources contradict each other.
    pub readings: ValidationReadings,
}

impl Limits {
    /// The limits documented today.
    pub const CURRENT: Limits = Limits {
        max_actions: MAX_ACTIONS,
        attributes: AttributeLimits::CURRENT,
        readings: ValidationReadings::DEFAULT,
    };
    /// The limits documented before June 2022 (still quoted by the service's error message):
    /// 10 attribute pairs of 1,024 characters, AWS endpoint URIs of 30 characters.
    pub const LEGACY: Limits = Limits {
        max_actions: MAX_ACTIONS,
        attributes: AttributeLimits::LEGACY,
        readings: ValidationReadings { aws_uri_max: 30, ..ValidationReadings::DEFAULT },
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::CURRENT
    }
}

/// Size limits of `TransactionAttributes`.
///
/// The developer guide documents 100 pairs and a 20 KB payload today; before June 2022 it
/// documented 10 pairs with keys and values of at most 1,024 characters each, and the
/// INVALID_LAMBDA_RESPONSE example still says "Maximum number of mappings is 10". Both are
/// modelled; [`AttributeLimits::CURRENT`] is the default.
///
/// See [Using transaction attributes](https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html).
///
/// ```
/// use sma_core::rules::AttributeLimits;
/// assert_eq!(AttributeLimits::CURRENT.max_total_bytes, Some(20 * 1024));
/// assert_eq!(AttributeLimits::LEGACY.max_entry_chars, Some(1024));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributeLimits {
    /// Key/value pairs.
    pub max_pairs: usize,
    /// Bytes of the map serialized as JSON, if limited.
    pub max_total_bytes: Option<usize>,
    /// Characters of each key and of each value, if limited.
    pub max_entry_chars: Option<usize>,
}

impl AttributeLimits {
    /// 100 pairs, 20 KB (20,480 bytes of JSON).
    pub const CURRENT: AttributeLimits =
        AttributeLimits { max_pairs: 100, max_total_bytes: Some(20 * 1024), max_entry_chars: None };
    /// 10 pairs, keys and values ≤ 1,024 characters.
    pub const LEGACY: AttributeLimits =
        AttributeLimits { max_pairs: 10, max_total_bytes: None, max_entry_chars: Some(1024) };

    /// Reports every way `attrs` breaks these limits into `out`.
    pub fn check(&self, attrs: &TransactionAttributes, out: &mut Vec<Violation>) {
        if attrs.len() > self.max_pairs {
            out.push(Violation::new(
                Rule::AttributePairs,
                "TransactionAttributes",
                format!(
                    "has {} pairs; at most {} are allowed (the service answers \
                     TransactionAttributesInvalidMapSize)",
                    attrs.len(),
                    self.max_pairs
                ),
            ));
        }
        if let Some(max) = self.max_total_bytes {
            let size = json_size(attrs).bytes;
            if size > max {
                out.push(Violation::new(
                    Rule::AttributeSize,
                    "TransactionAttributes",
                    format!("is {size} bytes of JSON; at most {max} are allowed"),
                ));
            }
        }
        if let Some(max) = self.max_entry_chars {
            for (k, v) in attrs {
                let value = match v {
                    serde_json::Value::String(s) => s.chars().count(),
                    other => json_size(other).chars,
                };
                for (what, n) in [("key", k.chars().count()), ("value", value)] {
                    if n > max {
                        out.push(Violation::new(
                            Rule::AttributeEntryLength,
                            format!("TransactionAttributes[{k:?}]"),
                            format!("{what} has {n} characters; at most {max} are allowed"),
                        ));
                    }
                }
            }
        }
        for key in attrs.non_string_keys() {
            out.push(Violation::new(
                Rule::AttributeValueType,
                format!("TransactionAttributes[{key:?}]"),
                "is not a string; the documents show string values only".to_owned(),
            ));
        }
    }
}

/// The readings of the contract where the AWS sources contradict each other: a *reading* is one
/// way to read such a point (two pages that give two ranges for one parameter, say). Each
/// default is the reading the spec documents as the one seen working; the other can be chosen.
///
/// See [Troubleshooting ACTION_FAILED](https://docs.aws.amazon.com/chime-sdk/latest/dg/unexpected-action-fail.html).
///
/// ```
/// use sma_core::rules::ValidationReadings;
/// let strict = ValidationReadings { max_digits_above_min: true, ..ValidationReadings::DEFAULT };
/// assert!(!ValidationReadings::DEFAULT.max_digits_above_min);
/// assert!(strict.max_digits_above_min);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidationReadings {
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
    /// Strict mode: rules that only warn (published, working handlers break them; see
    /// [`Rule`](crate::rules::Rule)) reject too. Default: `false`.
    pub strict: bool,
}

impl ValidationReadings {
    /// The defaults described on each field.
    pub const DEFAULT: ValidationReadings = ValidationReadings {
        max_digits_above_min: false,
        pause_100_to_30000: true,
        sip_headers_aws_only: false,
        aws_uri_max: 36,
        strict: false,
    };
}

impl Default for ValidationReadings {
    fn default() -> Self {
        ValidationReadings::DEFAULT
    }
}

/// Most actions in one response, in every reading of the documents ("up to 10 actions",
/// invoke-on-call-leg).
pub const MAX_ACTIONS: usize = 10;
/// Longest `Text` of `Speak` and `SpeechParameters`.
pub const MAX_TEXT: usize = 1000;
/// Longest `StartBotConversation.Configuration`, as JSON.
pub const MAX_BOT_CONFIGURATION: usize = 10 * 1024;
/// Longest `RecordingDestination.Prefix`.
pub const MAX_RECORDING_PREFIX: usize = 979;

//! How `sma` reads and writes the wire format: lenient in, strict out.
//!
//! The AWS documentation and the service disagree with themselves in small ways (numbers sent
//! as strings, `Leg-A` next to `LEG-A`, two spellings of the SIP media application id, ...).
//! `sma` accepts every documented variant and always writes one canonical form. The difference
//! between what was read and what is written again is exactly the list of [`Normalization`]s
//! below, each tied to the rule of the contract it follows; nothing else changes, and no field
//! is dropped (unknown fields are kept and written back).
//!
//! [`normalize_invocation`], [`normalize_action_data`], [`normalize_action`] and
//! [`normalize_response`] apply these normalizations to raw JSON, so a test can check that
//! `serialize(parse(json)) == normalize(json)`; the project's conformance suite does exactly
//! that for every golden fixture.
//!
//! ```
//! use serde_json::json;
//! let mut raw = json!({"Type": "Hangup", "Parameters": {"SipResponseCode": "0", "ParticipantTag": ""}});
//! sma_core::wire::normalize_action(&mut raw);
//! assert_eq!(raw, json!({"Type": "Hangup", "Parameters": {"SipResponseCode": 0}}));
//! ```

use serde::de::{self, Deserializer, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// One difference between JSON `sma` accepts and the JSON it writes back.
///
/// Every variant names the rule of the PSTN Audio contract (the project's spec,
/// `pstn-audio.md`) that makes the two forms equivalent. The wire format itself is described in
/// [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::wire::Normalization;
/// assert_eq!(Normalization::ALL.len(), 8);
/// assert!(Normalization::LegTagCase.spec_rule().contains("case"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Normalization {
    /// Integer action parameters (`"Repeat": "5"`, `"SipResponseCode": "0"`) and `Sequence`
    /// sent as JSON strings are written as JSON numbers.
    NumbersAsStrings,
    /// Boolean action parameters sent as strings (`"Enable": "True"`) are written as JSON booleans.
    BooleansAsStrings,
    /// Participant tags are written `LEG-A` / `LEG-B` whatever case they arrived in (`Leg-A`).
    LegTagCase,
    /// `CallDetails.SipApplicationId` (doc examples) is written `SipMediaApplicationId` (real events).
    SmaIdSpelling,
    /// The event key `InvocationEvent` (one doc page) is written `InvocationEventType`.
    EventTypeKey,
    /// An empty `CallId` or `ParticipantTag` in action parameters (`""`, sent by AWS samples)
    /// means "not given" and is omitted.
    EmptyLegAddress,
    /// An action without `Parameters` (or with `null`) is written with `"Parameters": {}`.
    MissingParameters,
    /// A documented optional field sent as `null` is written as absent (unknown fields keep
    /// their `null`).
    NullMeansAbsent,
}

impl Normalization {
    /// All normalizations, in the order they are documented.
    pub const ALL: &'static [Normalization] = &[
        Normalization::NumbersAsStrings,
        Normalization::BooleansAsStrings,
        Normalization::LegTagCase,
        Normalization::SmaIdSpelling,
        Normalization::EventTypeKey,
        Normalization::EmptyLegAddress,
        Normalization::MissingParameters,
        Normalization::NullMeansAbsent,
    ];

    /// The contract rule behind this normalization (spec section and what it says).
    pub fn spec_rule(self) -> &'static str {
        match self {
            Normalization::NumbersAsStrings => {
                "spec 1a 'numbers as strings' and quirk 4: official examples send integer \
                 parameters as strings and the service echoes them as numbers; \
                 deserialize number-or-string, serialize real numbers"
            }
            Normalization::BooleansAsStrings => {
                "spec 1a 'Enable': the VoiceFocus page prints True/False; the service expects \
                 a JSON boolean"
            }
            Normalization::LegTagCase => {
                "spec 1a 'leg tag case' and quirk 7: case-5 writes Leg-A/Leg-B; parse tags \
                 case-insensitively, write LEG-A/LEG-B"
            }
            Normalization::SmaIdSpelling => {
                "spec 1a CallDetails and quirk 1: doc examples spell SipApplicationId, real \
                 events SipMediaApplicationId; accept both"
            }
            Normalization::EventTypeKey => {
                "spec 1a top level: the JoinChimeMeeting page spells the key InvocationEvent \
                 (doc bug)"
            }
            Normalization::EmptyLegAddress => {
                "spec 1d leg addressing: samples send \"ParticipantTag\": \"\" and \"CallId\": \"\" \
                 and the service treats them as absent (default: the invoking leg)"
            }
            Normalization::NullMeansAbsent => {
                "spec 1c and quirk 12: a null Actions or TransactionAttributes is a no-op, the \
                 same as omitting it; every optional field of the contract reads null as absent"
            }
            Normalization::MissingParameters => {
                "spec 1c: an action object is {\"Type\", \"Parameters\"}; an action without \
                 parameters is written with an empty object"
            }
        }
    }
}

impl fmt::Display for Normalization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Action parameters that are integers on the wire (numbers-as-strings accepted).
pub(crate) const INTEGER_PARAMETERS: &[&str] = &[
    "CallTimeoutSeconds",
    "DurationInMilliseconds",
    "DurationInSeconds",
    "FlushDigitsDurationInMilliseconds",
    "InBetweenDigitsDurationInMilliseconds",
    "MaxNumberOfDigits",
    "MinNumberOfDigits",
    "Repeat",
    "RepeatDurationInMilliseconds",
    "SilenceDurationInSeconds",
    "SilenceThreshold",
    "SipResponseCode",
    "ToneDurationInMilliseconds",
];

/// Every documented action parameter (all are optional in the model, so `null` reads as absent).
pub(crate) const PARAMETERS: &[&str] = &[
    "AttendeeList",
    "AudioSource",
    "BotAliasArn",
    "CallId",
    "CallTimeoutSeconds",
    "CallerIdNumber",
    "Configuration",
    "Destination",
    "Digits",
    "DurationInMilliseconds",
    "DurationInSeconds",
    "Enable",
    "Endpoints",
    "Engine",
    "FailureAudioSource",
    "FailureSpeechParameters",
    "FlushDigitsDurationInMilliseconds",
    "InBetweenDigitsDurationInMilliseconds",
    "InputDigitsRegex",
    "JoinToken",
    "LanguageCode",
    "LocaleId",
    "MaxNumberOfDigits",
    "MeetingId",
    "MinNumberOfDigits",
    "Operation",
    "ParticipantTag",
    "PlaybackTerminators",
    "RecordingDestination",
    "RecordingTerminators",
    "Repeat",
    "RepeatDurationInMilliseconds",
    "RingbackTone",
    "SilenceDurationInSeconds",
    "SilenceThreshold",
    "SipHeaders",
    "SipResponseCode",
    "SpeechParameters",
    "TerminatorDigits",
    "Text",
    "TextType",
    "ToneDurationInMilliseconds",
    "Track",
    "VoiceId",
];

/// Optional fields of `ActionData` beside `Type` and `Parameters`.
const ACTION_DATA_FIELDS: &[&str] = &[
    "ReceivedDigits",
    "RecordingDestination",
    "RecordingTerminatorUsed",
    "CallRecordingDestination",
    "IntentResult",
    "ErrorType",
    "ErrorMessage",
    "Error",
    "ErrorList",
];

/// Action parameters that are booleans on the wire (booleans-as-strings accepted).
pub(crate) const BOOLEAN_PARAMETERS: &[&str] = &["Enable"];

/// Applies every [`Normalization`] to a raw invocation event.
pub fn normalize_invocation(event: &mut Value) {
    let Some(top) = event.as_object_mut() else { return };
    rename_key(top, "InvocationEvent", "InvocationEventType");
    drop_nulls(top, &["ActionData", "ErrorType", "ErrorMessage"]);
    if let Some(seq) = top.get_mut("Sequence") {
        integer_from_string(seq);
    }
    if let Some(data) = top.get_mut("ActionData") {
        normalize_action_data(data);
    }
    if let Some(details) = top.get_mut("CallDetails").and_then(Value::as_object_mut) {
        rename_key(details, "SipApplicationId", "SipMediaApplicationId");
        drop_nulls(details, &["TransactionAttributes", "SipRuleId"]);
        if let Some(parts) = details.get_mut("Participants").and_then(Value::as_array_mut) {
            for p in parts.iter_mut().filter_map(Value::as_object_mut) {
                drop_nulls(p, &["Status", "SipHeaders"]);
                if let Some(tag) = p.get_mut("ParticipantTag") {
                    canonical_leg_tag(tag);
                }
            }
        }
    }
}

/// Applies every [`Normalization`] to a raw `ActionData` object.
pub fn normalize_action_data(data: &mut Value) {
    if let Some(obj) = data.as_object_mut() {
        drop_nulls(obj, ACTION_DATA_FIELDS);
    }
    normalize_action(data);
}

/// Applies every [`Normalization`] to one raw action object (`{"Type", "Parameters"}`).
pub fn normalize_action(action: &mut Value) {
    let Some(obj) = action.as_object_mut() else { return };
    let params = obj.entry("Parameters").or_insert(Value::Null);
    if params.is_null() {
        *params = Value::Object(Map::new());
    }
    if let Some(params) = params.as_object_mut() {
        normalize_parameters(params);
    }
}

/// Applies every [`Normalization`] to a raw response (`{"SchemaVersion", "Actions", ...}`).
pub fn normalize_response(response: &mut Value) {
    if let Some(obj) = response.as_object_mut() {
        drop_nulls(obj, &["Actions", "TransactionAttributes"]);
    }
    if let Some(actions) = response.get_mut("Actions").and_then(Value::as_array_mut) {
        actions.iter_mut().for_each(normalize_action);
    }
}

fn normalize_parameters(params: &mut Map<String, Value>) {
    drop_nulls(params, PARAMETERS);
    for key in ["CallId", "ParticipantTag"] {
        if params.get(key).and_then(Value::as_str) == Some("") {
            params.remove(key);
        }
    }
    if let Some(tag) = params.get_mut("ParticipantTag") {
        canonical_leg_tag(tag);
    }
    for (key, value) in params.iter_mut() {
        if INTEGER_PARAMETERS.contains(&key.as_str()) {
            integer_from_string(value);
        } else if BOOLEAN_PARAMETERS.contains(&key.as_str()) {
            boolean_from_string(value);
        }
    }
}

fn drop_nulls(obj: &mut Map<String, Value>, keys: &[&str]) {
    obj.retain(|k, v| !(v.is_null() && keys.contains(&k.as_str())));
}

fn rename_key(obj: &mut Map<String, Value>, from: &str, to: &str) {
    if !obj.contains_key(to) {
        if let Some(v) = obj.remove(from) {
            obj.insert(to.to_owned(), v);
        }
    }
}

fn integer_from_string(value: &mut Value) {
    if let Some(n) = value.as_str().and_then(|s| s.trim().parse::<u64>().ok()) {
        *value = Value::from(n);
    }
}

fn boolean_from_string(value: &mut Value) {
    if let Some(b) = value.as_str().and_then(parse_bool) {
        *value = Value::Bool(b);
    }
}

fn canonical_leg_tag(value: &mut Value) {
    if let Some(s) = value.as_str() {
        if s.eq_ignore_ascii_case("LEG-A") {
            *value = Value::from("LEG-A");
        } else if s.eq_ignore_ascii_case("LEG-B") {
            *value = Value::from("LEG-B");
        }
    }
}

pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// serde helpers: lenient readers used through `#[serde(deserialize_with = ...)]`.
// ---------------------------------------------------------------------------------------------

/// Reads an optional unsigned integer sent as a JSON number or a numeric string.
pub(crate) fn opt_int<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    match d.deserialize_any(IntVisitor { optional: true })? {
        None => Ok(None),
        Some(n) => T::try_from(n)
            .map(Some)
            .map_err(|_| de::Error::custom(format_args!("integer {n} is out of range"))),
    }
}

/// Reads an unsigned integer sent as a JSON number or a numeric string.
pub(crate) fn int<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    match d.deserialize_any(IntVisitor { optional: false })? {
        None => Err(de::Error::custom("expected an integer, found null")),
        Some(n) => T::try_from(n)
            .map_err(|_| de::Error::custom(format_args!("integer {n} is out of range"))),
    }
}

struct IntVisitor {
    optional: bool,
}

impl<'de> Visitor<'de> for IntVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative integer, as a JSON number or a string of digits")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom(format_args!("expected a non-negative integer, found {v}")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v >= 0.0 && v <= u64::MAX as f64 {
            Ok(Some(v as u64))
        } else {
            Err(E::custom(format_args!("expected an integer, found {v}")))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        v.trim()
            .parse::<u64>()
            .map(Some)
            .map_err(|_| E::custom(format_args!("expected an integer, found the string {v:?}")))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        if self.optional { Ok(None) } else { Err(E::custom("expected an integer, found null")) }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// Reads an optional boolean sent as a JSON boolean or as `"true"`/`"True"`/`"false"`.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct BoolVisitor;
    impl<'de> Visitor<'de> for BoolVisitor {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a boolean, as JSON true/false or the string \"true\"/\"false\"")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse_bool(v).map(Some).ok_or_else(|| {
                E::custom(format_args!("expected a boolean, found the string {v:?}"))
            })
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    d.deserialize_any(BoolVisitor)
}

/// Reads an optional string where `""` means "not given" (see [`Normalization::EmptyLegAddress`]).
pub(crate) fn non_empty<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<String>,
{
    let s: Option<String> = serde::Deserialize::deserialize(d)?;
    Ok(s.filter(|s| !s.is_empty()).map(T::from))
}

/// Declares an *open* string enum: the documented values as variants, plus `Other(String)`
/// that keeps any value this version does not know, exactly as received.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of `sma` does not know, kept exactly as received.
            Other(::std::string::String),
        }

        impl $name {
            /// Every documented value, in the order of the AWS documentation.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(s) => s.as_str(),
                }
            }

            /// `false` for [`Self::Other`]: a value the AWS documentation does not list.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                match $name::from(s.as_str()) {
                    $name::Other(_) => $name::Other(s),
                    known => known,
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Ok($name::from(s))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::from(s.as_ref()))
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_normalization_names_a_spec_rule() {
        for n in Normalization::ALL {
            assert!(n.spec_rule().starts_with("spec "), "{n}");
        }
    }

    #[test]
    fn normalizes_a_doc_event() {
        let mut v = json!({
            "SchemaVersion": "1.0", "Sequence": "2", "InvocationEvent": "HANGUP",
            "ActionData": {"Type": "Hangup", "Parameters": {"CallId": "c", "ParticipantTag": "Leg-b", "SipResponseCode": "486"}},
            "CallDetails": {"SipApplicationId": "x", "Participants": [{"ParticipantTag": "leg-a"}]}
        });
        normalize_invocation(&mut v);
        assert_eq!(
            v,
            json!({
                "SchemaVersion": "1.0", "Sequence": 2, "InvocationEventType": "HANGUP",
                "ActionData": {"Type": "Hangup", "Parameters": {"CallId": "c", "ParticipantTag": "LEG-B", "SipResponseCode": 486}},
                "CallDetails": {"SipMediaApplicationId": "x", "Participants": [{"ParticipantTag": "LEG-A"}]}
            })
        );
    }

    #[test]
    fn leaves_non_numeric_strings_and_other_keys_alone() {
        let mut v =
            json!({"Type": "X", "Parameters": {"Repeat": "many", "Text": "12", "Enable": "yes"}});
        let before = v.clone();
        normalize_action(&mut v);
        assert_eq!(v, before);
        let mut v = json!({"Type": "X"});
        normalize_action(&mut v);
        assert_eq!(v, json!({"Type": "X", "Parameters": {}}));
    }

    #[test]
    fn lenient_integers() {
        #[derive(serde::Deserialize)]
        struct S {
            #[serde(default, deserialize_with = "opt_int")]
            n: Option<u32>,
        }
        let read = |v: Value| serde_json::from_value::<S>(v).map(|s| s.n);
        assert_eq!(read(json!({"n": 5})).ok(), Some(Some(5)));
        assert_eq!(read(json!({"n": "5"})).ok(), Some(Some(5)));
        assert_eq!(read(json!({"n": " 7 "})).ok(), Some(Some(7)));
        assert_eq!(read(json!({"n": 3.0})).ok(), Some(Some(3)));
        assert_eq!(read(json!({"n": null})).ok(), Some(None));
        assert_eq!(read(json!({})).ok(), Some(None));
        let err = read(json!({"n": "five"})).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("\"five\"")));
        assert!(read(json!({"n": -1})).is_err());
        assert!(read(json!({"n": 5_000_000_000u64})).is_err());
        assert!(read(json!({"n": 1.5})).is_err());
    }

    #[test]
    fn lenient_booleans() {
        #[derive(serde::Deserialize)]
        struct S {
            #[serde(default, deserialize_with = "opt_bool")]
            b: Option<bool>,
        }
        let read = |v: Value| serde_json::from_value::<S>(v).map(|s| s.b).ok();
        assert_eq!(read(json!({"b": true})), Some(Some(true)));
        assert_eq!(read(json!({"b": "True"})), Some(Some(true)));
        assert_eq!(read(json!({"b": "false"})), Some(Some(false)));
        assert_eq!(read(json!({"b": "maybe"})), None);
    }
}

//! The normalization oracle of the conformance suite: applies every documented
//! [`Normalization`](sma_core::wire::Normalization)(sma_core::wire::Normalization) to raw JSON, so that a test can check
//! `serialize(parse(json)) == normalize(json)`.
//!
//! It lives in the test package, not in `sma-core`'s public API: it is what the tests compare
//! against, written independently of the model's serde code.

use serde_json::{Map, Value};

/// Action parameters that are integers on the wire (numbers-as-strings accepted).
const INTEGER_PARAMETERS: &[&str] = &[
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
const PARAMETERS: &[&str] = &[
    "Arguments",
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
const BOOLEAN_PARAMETERS: &[&str] = &["Enable"];

/// Applies every [`Normalization`](sma_core::wire::Normalization) to a raw invocation event.
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
                drop_nulls(p, &["Status", "SipHeaders", "ParticipantTag"]);
                if let Some(tag) = p.get_mut("ParticipantTag") {
                    canonical_leg_tag(tag);
                }
            }
        }
    }
}

/// Applies every [`Normalization`](sma_core::wire::Normalization) to a raw `ActionData` object.
pub fn normalize_action_data(data: &mut Value) {
    if let Some(obj) = data.as_object_mut() {
        drop_nulls(obj, ACTION_DATA_FIELDS);
        for field in ["RecordingDestination", "CallRecordingDestination", "IntentResult"] {
            if let Some(result) = obj.get_mut(field) {
                drop_nested_nulls(result);
            }
        }
    }
    normalize_action_object(data, false);
}

/// Applies every [`Normalization`](sma_core::wire::Normalization) to one raw action object (`{"Type", "Parameters"}`).
pub fn normalize_action(action: &mut Value) {
    normalize_action_object(action, true);
}

/// The parameter normalizations apply to the actions the model types; an action it keeps raw
/// (an unknown type, parameters that do not fit, keys beside `Type` and `Parameters` in a
/// response's action object) is written back exactly as received, `Parameters` aside.
fn normalize_action_object(action: &mut Value, whole_object: bool) {
    let Some(obj) = action.as_object_mut() else { return };
    let params = obj.entry("Parameters").or_insert(Value::Null);
    if params.is_null() {
        *params = Value::Object(Map::new());
    }
    let stray = whole_object && obj.keys().any(|k| k != "Type" && k != "Parameters");
    if stray {
        return;
    }
    let Some(unknown) = modelled(obj) else { return };
    if let Some(params) = obj.get_mut("Parameters").and_then(Value::as_object_mut) {
        normalize_parameters(params, &unknown);
    }
}

/// Whether the model reads these `Type` and `Parameters` into its typed structs, and if so the
/// parameters it does not model (kept verbatim): the one thing the oracle asks the model.
fn modelled(obj: &Map<String, Value>) -> Option<Vec<String>> {
    use serde::Deserialize;
    use sma_core::action::{Action, ActionType};
    use sma_core::event::{CallCreateRequest, CallUpdateRequest};
    let kind = obj.get("Type").and_then(Value::as_str)?;
    let params = obj.get("Parameters")?;
    let keys = |extra: &Map<String, Value>| extra.keys().cloned().collect::<Vec<_>>();
    match kind {
        CallUpdateRequest::TYPE => {
            CallUpdateRequest::deserialize(params).ok().map(|r| keys(&r.extra))
        }
        CallCreateRequest::TYPE => {
            CallCreateRequest::deserialize(params).ok().map(|r| keys(&r.extra))
        }
        _ => Action::from_parts(ActionType::from(kind), params.clone())
            .unknown_parameters()
            .map(keys),
    }
}

/// Applies every [`Normalization`](sma_core::wire::Normalization) to a raw response (`{"SchemaVersion", "Actions", ...}`).
pub fn normalize_response(response: &mut Value) {
    if let Some(obj) = response.as_object_mut() {
        drop_nulls(obj, &["Actions", "TransactionAttributes"]);
    }
    if let Some(actions) = response.get_mut("Actions").and_then(Value::as_array_mut) {
        actions.iter_mut().for_each(normalize_action);
    }
}

/// The parameter normalizations, on the parameters the model has (`unknown` ones stay verbatim).
fn normalize_parameters(params: &mut Map<String, Value>, unknown: &[String]) {
    let known: Vec<&str> =
        PARAMETERS.iter().copied().filter(|p| !unknown.iter().any(|u| u == p)).collect();
    drop_nulls(params, &known);
    for (key, value) in params.iter_mut() {
        if !unknown.contains(key) {
            drop_nested_nulls(value);
        }
    }
    for key in ["CallId", "ParticipantTag"] {
        if params.get(key).and_then(Value::as_str) == Some("") {
            params.remove(key);
        }
    }
    if let Some(tag) = params.get_mut("ParticipantTag") {
        canonical_leg_tag(tag);
    }
    for (key, value) in params.iter_mut().filter(|(k, _)| !unknown.contains(k)) {
        if INTEGER_PARAMETERS.contains(&key.as_str()) {
            integer_from_string(value);
        } else if BOOLEAN_PARAMETERS.contains(&key.as_str()) {
            boolean_from_string(value);
        }
    }
}

/// Documented fields of the objects nested in parameters (`AudioSource`, `SpeechParameters`,
/// `Endpoints[]`, the Lex configuration, ...): `null` reads as absent there too.
const NESTED_FIELDS: &[&str] = &[
    "Type",
    "BucketName",
    "Key",
    "Prefix",
    "Location",
    "Text",
    "Engine",
    "LanguageCode",
    "TextType",
    "VoiceId",
    "BridgeEndpointType",
    "Arn",
    "Uri",
    "SessionState",
    "WelcomeMessages",
    "SessionAttributes",
    "DialogAction",
    "Content",
    "ContentType",
    "SessionId",
    "Interpretations",
    "Intent",
    "Name",
    "Slots",
    "State",
    "ConfirmationState",
    "NluConfidence",
    "Score",
];

/// Maps whose keys are the user's, not the contract's: their values are kept as they are.
const FREE_FORM: &[&str] = &["SessionAttributes", "SipHeaders"];

/// Maps of Lex slots by name (the names are the bot's): each value is `null` (a slot not
/// filled, kept) or a slot object, whose documented fields read `null` as absent.
const SLOT_MAPS: &[&str] = &["Slots", "SubSlots"];
/// The documented fields of a Lex slot, and of its `Value`.
const SLOT_FIELDS: &[&str] = &["Shape", "Value", "Values", "SubSlots"];
const SLOT_VALUE_FIELDS: &[&str] = &["OriginalValue", "InterpretedValue", "ResolvedValues"];

fn drop_slot_nulls(slot: &mut Value) {
    let Value::Object(obj) = slot else { return };
    drop_nulls(obj, SLOT_FIELDS);
    if let Some(Value::Object(value)) = obj.get_mut("Value") {
        drop_nulls(value, SLOT_VALUE_FIELDS);
    }
    if let Some(Value::Array(values)) = obj.get_mut("Values") {
        values.iter_mut().for_each(drop_slot_nulls);
    }
    if let Some(Value::Object(subs)) = obj.get_mut("SubSlots") {
        subs.values_mut().for_each(drop_slot_nulls);
    }
}

fn drop_nested_nulls(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            drop_nulls(obj, NESTED_FIELDS);
            for (key, v) in obj.iter_mut() {
                if SLOT_MAPS.contains(&key.as_str()) {
                    if let Value::Object(slots) = v {
                        slots.values_mut().for_each(drop_slot_nulls);
                    }
                } else if !FREE_FORM.contains(&key.as_str()) {
                    drop_nested_nulls(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nested_nulls),
        _ => {}
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

/// `NumbersAsStrings` (`"5"` → `5`) and `IntegralNumbers` (`5.0` → `5`).
fn integer_from_string(value: &mut Value) {
    if let Some(n) = value.as_str().and_then(|s| s.trim().parse::<u64>().ok()) {
        *value = Value::from(n);
    } else if let Some(f) = value.as_f64().filter(|_| value.is_f64()) {
        if f.fract() == 0.0 && f >= 0.0 && f <= u64::MAX as f64 {
            *value = Value::from(f as u64);
        }
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

fn parse_bool(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}

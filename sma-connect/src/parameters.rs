//! The parameters and branches of the action types a PSTN audio flow moved to Amazon Connect
//! uses, as each type's page of the flow-language documentation states them.

use crate::check::{Rule, Sink, shown};
use serde_json::{Map, Value};

type Object = Map<String, Value>;

/// Checks the parameters and branches of an action of type `kind`; `false` when the type is
/// not one this crate knows (nothing is reported for it).
pub(crate) fn check(
    kind: &str,
    parameters: &Object,
    transitions: &Object,
    sink: &mut Sink<'_>,
) -> bool {
    let p = Action { parameters, transitions };
    match kind {
        "MessageParticipant" => {
            p.prompt(true, sink);
            p.no_conditions(sink);
        }
        "GetParticipantInput" => p.get_participant_input(sink),
        "TransferParticipantToThirdParty" => p.transfer(sink),
        "DisconnectParticipant" => {
            if !transitions.is_empty() {
                sink.report(
                    Rule::Branches,
                    "a DisconnectParticipant ends the flow: Transitions is {}",
                );
            }
        }
        "ConnectParticipantWithLexBot" => {
            p.prompt(false, sink);
            for condition in p.conditions() {
                if operator(condition) != Some("Equals") {
                    sink.report(Rule::Branches, "a Lex intent is matched with Equals only");
                }
            }
        }
        "InvokeLambdaFunction" => p.invoke_lambda(sink),
        "UpdateContactAttributes" => p.attributes(sink),
        "Compare" => {
            if !parameters.get("ComparisonValue").is_some_and(Value::is_string) {
                sink.report(Rule::ParameterValue, "ComparisonValue is not a string");
            }
        }
        "Loop" => p.loop_(sink),
        "Wait" => {
            let timeout = parameters.get("TimeoutSeconds");
            p.number(timeout, "TimeoutSeconds", 0.0, 604_800.0, false, sink);
        }
        "UpdateContactRecordingBehavior" => {
            let behavior = parameters.get("RecordingBehavior").unwrap_or(&Value::Null);
            let ivr =
                behavior.get("IVRRecordingBehavior").or(parameters.get("IVRRecordingBehavior"));
            one_of(ivr, "IVRRecordingBehavior", &["Enabled", "Disabled"], sink);
        }
        _ => return false,
    }
    true
}

/// The `key` branches (`Errors` or `Conditions`) of `transitions`.
pub(crate) fn branches<'a>(transitions: &'a Object, key: &str) -> impl Iterator<Item = &'a Value> {
    transitions.get(key).and_then(Value::as_array).into_iter().flatten()
}

/// A JSONPath reference (`$.External.next`) rather than a value written in the flow.
fn dynamic(value: &Value) -> bool {
    value.as_str().is_some_and(|s| s.starts_with("$."))
}

/// A number written as a JSON number or as its text, as the flow language takes both.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn operator(condition: &Value) -> Option<&str> {
    condition.get("Condition")?.get("Operator")?.as_str()
}

fn operands(condition: &Value) -> &[Value] {
    condition
        .get("Condition")
        .and_then(|c| c.get("Operands"))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `value`, when present, is one of `allowed`, written in the flow.
fn one_of(value: Option<&Value>, name: &str, allowed: &[&str], sink: &mut Sink<'_>) {
    let Some(value) = value else { return };
    if dynamic(value) {
        sink.report(Rule::StaticParameter, format!("{name} must be written in the flow"));
    } else if !value.as_str().is_some_and(|v| allowed.contains(&v)) {
        sink.report(
            Rule::ParameterValue,
            format!("{name} is {}, not one of {}", shown(Some(value)), allowed.join(", ")),
        );
    }
}

/// DTMF keys only, at most `max` of them (`extra`: other characters allowed).
fn keys(value: Option<&Value>, name: &str, max: usize, extra: &[char], sink: &mut Sink<'_>) {
    let Some(value) = value.filter(|v| !dynamic(v)) else { return };
    let ok = value.as_str().is_some_and(|s| {
        s.chars().count() <= max
            && s.chars().all(|c| c.is_ascii_digit() || c == '*' || c == '#' || extra.contains(&c))
    });
    if !ok {
        sink.report(Rule::ParameterValue, format!("{name} is not at most {max} of 0-9 * #"));
    }
}

struct Action<'a> {
    parameters: &'a Object,
    transitions: &'a Object,
}

impl<'a> Action<'a> {
    fn conditions(&self) -> impl Iterator<Item = &'a Value> {
        branches(self.transitions, "Conditions")
    }

    fn no_conditions(&self, sink: &mut Sink<'_>) {
        if self.conditions().next().is_some() {
            sink.report(Rule::Branches, "this action type has no conditions");
        }
    }

    fn has_error(&self, error: &str) -> bool {
        branches(self.transitions, "Errors")
            .any(|e| e.get("ErrorType").and_then(Value::as_str) == Some(error))
    }

    /// `value`, when present, a number in `min..=max` written in the flow (`integer`: whole).
    fn number(
        &self,
        value: Option<&Value>,
        name: &str,
        min: f64,
        max: f64,
        integer: bool,
        sink: &mut Sink<'_>,
    ) {
        let Some(value) = value else { return };
        if dynamic(value) {
            sink.report(Rule::StaticParameter, format!("{name} must be written in the flow"));
            return;
        }
        match number(value) {
            Some(n) if (min..=max).contains(&n) && (!integer || n.fract() == 0.0) => {}
            _ => sink.report(
                Rule::ParameterValue,
                format!(
                    "{name} is {}, not a {} from {min} to {max}",
                    shown(Some(value)),
                    if integer { "whole number" } else { "number" }
                ),
            ),
        }
    }

    /// At most one prompt (`PromptId`, `Text`, `SSML`, `Media`); exactly one when `required`.
    fn prompt(&self, required: bool, sink: &mut Sink<'_>) {
        let given: Vec<&str> = ["PromptId", "Text", "SSML", "Media"]
            .into_iter()
            .filter(|k| self.parameters.contains_key(*k))
            .collect();
        if given.len() > 1 || (required && given.is_empty()) {
            let found = if given.is_empty() { "none".to_owned() } else { given.join(", ") };
            let wanted = if required { "exactly one" } else { "at most one" };
            sink.report(
                Rule::Prompt,
                format!("{wanted} of PromptId, Text, SSML, Media; found {found}"),
            );
        }
        if let Some(media) = self.parameters.get("Media") {
            let ok = media.get("Uri").is_some_and(Value::is_string)
                && media.get("SourceType").and_then(Value::as_str) == Some("S3")
                && media.get("MediaType").and_then(Value::as_str) == Some("Audio");
            if !ok {
                sink.report(Rule::Prompt, "Media needs a Uri, SourceType S3 and MediaType Audio");
            }
        }
    }

    fn get_participant_input(&self, sink: &mut Sink<'_>) {
        let p = self.parameters;
        self.prompt(false, sink);
        self.number(
            p.get("InputTimeLimitSeconds"),
            "InputTimeLimitSeconds",
            f64::MIN_POSITIVE,
            f64::MAX,
            false,
            sink,
        );
        one_of(p.get("StoreInput"), "StoreInput", &["True", "False"], sink);
        let validation = p.get("InputValidation");
        if p.contains_key("InputEncryption")
            && validation.and_then(|v| v.get("CustomValidation")).is_none()
        {
            sink.report(
                Rule::ParameterValue,
                "InputEncryption needs InputValidation.CustomValidation",
            );
        }
        let dtmf = p.get("DTMFConfiguration").and_then(|d| d.get("InputTerminationSequence"));
        keys(dtmf, "DTMFConfiguration.InputTerminationSequence", 5, &[], sink);
        if !self.has_error("NoMatchingError") {
            sink.report(Rule::Branches, "GetParticipantInput needs a NoMatchingError branch");
        }
        let stored = p.get("StoreInput").and_then(Value::as_str) == Some("True");
        // With a Lex bot, the block branches on intents, by name, as ConnectParticipantWithLexBot.
        if p.contains_key("LexV2Bot") || p.contains_key("LexBot") {
            for condition in self.conditions() {
                if operator(condition) != Some("Equals") {
                    sink.report(Rule::Branches, "a Lex intent is matched with Equals only");
                }
            }
            return;
        }
        for condition in self.conditions() {
            let one_key = matches!(operands(condition), [Value::String(k)]
                if k.len() == 1 && k.chars().all(|c| c.is_ascii_digit() || c == '*' || c == '#'));
            if stored {
                sink.report(Rule::Branches, "input stored with StoreInput True has no conditions: compare $.StoredCustomerInput");
            } else if operator(condition) != Some("Equals") || !one_key {
                sink.report(
                    Rule::Branches,
                    "without StoreInput, a condition is Equals on one key (0-9, *, #)",
                );
            }
        }
    }

    fn transfer(&self, sink: &mut Sink<'_>) {
        let p = self.parameters;
        if let Some(number) = p.get("ThirdPartyPhoneNumber").filter(|v| !dynamic(v)) {
            let e164 = number.as_str().is_some_and(|n| {
                let digits = n.strip_prefix('+').unwrap_or("");
                (2..=15).contains(&digits.len())
                    && digits.chars().all(|c| c.is_ascii_digit())
                    && !digits.starts_with('0')
            });
            if !e164 {
                sink.report(Rule::ParameterValue, "ThirdPartyPhoneNumber is not an E.164 number");
            }
        }
        // Named differently in two versions of the documentation: either is checked.
        for name in ["ThirdPartyConnectionTimeLimitSeconds", "ThirdPartyConnectionTimeoutSeconds"] {
            self.number(p.get(name), name, 0.0, 600.0, false, sink);
        }
        keys(p.get("ThirdPartyDTMFDigits"), "ThirdPartyDTMFDigits", 50, &[','], sink);
        one_of(p.get("ContinueFlowExecution"), "ContinueFlowExecution", &["True", "False"], sink);
    }

    fn invoke_lambda(&self, sink: &mut Sink<'_>) {
        let p = self.parameters;
        if !p.get("LambdaFunctionARN").is_some_and(Value::is_string) {
            sink.report(Rule::ParameterValue, "LambdaFunctionARN is not a string");
        }
        one_of(p.get("InvocationType"), "InvocationType", &["SYNCHRONOUS", "ASYNCHRONOUS"], sink);
        let asynchronous = p.get("InvocationType").and_then(Value::as_str) == Some("ASYNCHRONOUS");
        let max = if asynchronous { 60.0 } else { 8.0 };
        let limit = p.get("InvocationTimeLimitSeconds");
        self.number(limit, "InvocationTimeLimitSeconds", 1.0, max, true, sink);
        self.no_conditions(sink);
    }

    fn attributes(&self, sink: &mut Sink<'_>) {
        let p = self.parameters;
        one_of(p.get("TargetContact"), "TargetContact", &["Current", "Related"], sink);
        let Some(attributes) = p.get("Attributes").and_then(Value::as_object) else {
            sink.report(Rule::Attributes, "Attributes is not an object");
            return;
        };
        let mut bytes = 0;
        for (key, value) in attributes {
            if key.is_empty()
                || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                sink.report(
                    Rule::Attributes,
                    format!("key {key:?} is not letters, digits, - and _"),
                );
            }
            match value.as_str() {
                Some(text) => bytes += key.len() + text.len(),
                None => {
                    sink.report(Rule::Attributes, format!("the value of {key:?} is not a string"))
                }
            }
        }
        if bytes > 32_768 {
            sink.report(Rule::Attributes, format!("{bytes} bytes of keys and values, over 32,768"));
        }
    }

    fn loop_(&self, sink: &mut Sink<'_>) {
        let count = self.parameters.get("LoopCount");
        if !count.is_some_and(dynamic) {
            self.number(count, "LoopCount", 0.0, 100.0, true, sink);
        }
        let mut found: Vec<&str> = Vec::new();
        for condition in self.conditions() {
            match (operator(condition), operands(condition)) {
                (Some("Equals"), [Value::String(o)])
                    if o == "ContinueLooping" || o == "DoneLooping" =>
                {
                    found.push(o)
                }
                _ => sink.report(
                    Rule::Branches,
                    "a Loop's conditions are Equals ContinueLooping and Equals DoneLooping only",
                ),
            }
        }
        found.sort_unstable();
        if found != ["ContinueLooping", "DoneLooping"] {
            sink.report(
                Rule::Branches,
                "a Loop needs one condition for ContinueLooping and one for DoneLooping",
            );
        }
        if branches(self.transitions, "Errors").next().is_some() {
            sink.report(Rule::Branches, "a Loop has no errors");
        }
    }
}

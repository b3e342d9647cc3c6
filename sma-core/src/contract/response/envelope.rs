//! The response as it is sent: the wire envelope, and the checks it passes before it leaves.

use super::SCHEMA_VERSION;
use super::limits::{Level, Limits, Rule, Violation};
use crate::contract::action::{Action, ActionType};
use crate::contract::attributes::TransactionAttributes;
use crate::contract::event::Invocation;
use crate::contract::wire::json_kind;
use serde::Serialize;
use serde_json::{Map, Value};
use sma_macros::DeserializeWire;

/// The response to one invocation as it goes on the wire:
/// `{"SchemaVersion":"1.0","Actions":[…],"TransactionAttributes"?:{…}}`.
///
/// Handlers build a [`Response`](super::Response) (or return [`Actions`](super::Actions)); the
/// framework resolves it against the stored transaction attributes into an `Envelope`
/// ([`Response::resolve`](super::Response::resolve)), checks it ([`Envelope::validate`]) and
/// serializes it. Reading a raw response (another language's handler, a recording) gives an
/// `Envelope` too ([`Envelope::check_json`]).
///
/// `Actions` holds at most 10 actions, run in order. An omitted (or `null`) `Actions` keeps what
/// is left of the running list; `[]` is documented both as "stop the running actions" and as
/// "let the remaining ones run", so the two are kept apart here (`None` vs `Some(vec![])`).
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::action::{Action, Hangup};
/// use sma_core::response::Envelope;
/// let r = Envelope::new(vec![Action::from(Hangup::default())]);
/// assert_eq!(
///     serde_json::to_value(&r).unwrap(),
///     serde_json::json!({"SchemaVersion": "1.0", "Actions": [{"Type": "Hangup", "Parameters": {}}]})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
pub struct Envelope {
    /// `SchemaVersion`: `"1.0"`.
    pub schema_version: String,
    /// `Actions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<Action>>,
    /// `TransactionAttributes`: the complete map to store, `{}` to clear, `None` to keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_attributes: Option<TransactionAttributes>,
    /// Fields this version does not know, kept as received (reported by [`Envelope::check`]).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Envelope {
    /// An envelope with these actions and no change to the transaction attributes.
    pub fn new(actions: Vec<Action>) -> Self {
        Envelope {
            schema_version: SCHEMA_VERSION.to_owned(),
            actions: Some(actions),
            transaction_attributes: None,
            extra: Map::new(),
        }
    }

    /// `{"SchemaVersion":"1.0","Actions":[]}`: the answer to events whose response is ignored.
    pub fn empty() -> Self {
        Envelope::new(Vec::new())
    }

    /// The response as compact JSON, as it goes on the wire.
    ///
    /// ```
    /// let bytes = sma_core::response::Envelope::empty().to_vec();
    /// assert_eq!(bytes, br#"{"SchemaVersion":"1.0","Actions":[]}"#);
    /// ```
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(512);
        match serde_json::to_writer(&mut out, self) {
            Ok(()) => out,
            // The model serializes infallibly (string keys only); were that ever to change,
            // the call still ends cleanly.
            Err(_) => {
                br#"{"SchemaVersion":"1.0","Actions":[{"Type":"Hangup","Parameters":{}}]}"#.to_vec()
            }
        }
    }

    /// The actions, in order (none when `Actions` is absent).
    pub fn action_list(&self) -> &[Action] {
        self.actions.as_deref().unwrap_or_default()
    }

    /// Checks the envelope against the limits of the service: schema version, number of
    /// actions, known action types with well-formed parameters, transaction attribute limits.
    /// Fails with every violation that rejects (see [`Rule`] for the levels).
    ///
    /// ```
    /// use sma_core::action::{Action, Pause};
    /// use sma_core::response::{Envelope, Limits, Rule};
    /// let r = Envelope::new(vec![Action::from(Pause::default()); 11]);
    /// let errors = r.check(&Limits::CURRENT).unwrap_err();
    /// assert_eq!(errors[0].rule, Rule::TooManyActions);
    /// ```
    pub fn check(&self, limits: &Limits) -> Result<(), Vec<Violation>> {
        let mut out = Vec::new();
        self.review_envelope(limits, &mut out);
        rejecting(out, limits)
    }

    fn review_envelope(&self, limits: &Limits, out: &mut Vec<Violation>) {
        if self.schema_version != SCHEMA_VERSION {
            out.push(Violation::new(
                Rule::SchemaVersion,
                "SchemaVersion",
                format!("is {:?}; it must be \"1.0\"", self.schema_version),
            ));
        }
        if let Some(actions) = &self.actions {
            if actions.len() > limits.max_actions {
                out.push(Violation::new(
                    Rule::TooManyActions,
                    "Actions",
                    format!(
                        "has {} actions; at most {} are allowed in one response (split the list and \
                         send the rest on ACTION_SUCCESSFUL)",
                        actions.len(),
                        limits.max_actions
                    ),
                ));
            }
            for (i, action) in actions.iter().enumerate() {
                if let Action::Raw(raw) = action {
                    let location = format!("Actions[{i}]");
                    match (&raw.action_type, &raw.problem) {
                        (ActionType::Other(name), _) => out.push(Violation::new(
                            Rule::UnknownActionType,
                            location,
                            format!("has Type {name:?}, which is not one of the 18 actions"),
                        )),
                        (_, Some(problem)) => out.push(Violation::new(
                            Rule::MalformedParameters,
                            location,
                            format!("{} parameters do not fit: {problem}", raw.action_type),
                        )),
                        (_, None) => {}
                    }
                }
            }
        }
        if let Some(attrs) = &self.transaction_attributes {
            limits.attributes.check(attrs, out);
        }
        for key in self.extra.keys() {
            out.push(Violation::new(
                Rule::UnknownField,
                key.clone(),
                "is not a field of the response envelope (SchemaVersion, Actions, \
                 TransactionAttributes)"
                    .to_owned(),
            ));
        }
    }

    /// Checks the envelope ([`Envelope::check`]) and every action against every rule of the
    /// contract that can be checked locally: required parameters, ranges, lengths, formats,
    /// closed sets, rules between parameters (see [`crate::validate`]), and, given the
    /// invocation being answered, that each action addresses a leg of this call that it may act
    /// on. Fails with the violations that reject; [`Envelope::review`] also gives the warnings.
    ///
    /// ```
    /// use sma_core::action::{Action, Speak, Target};
    /// use sma_core::response::{Envelope, Limits, Rule};
    /// let r = Envelope::new(vec![Action::from(Speak::new(Target::call("c-1"), "x".repeat(1001)))]);
    /// let errors = r.validate(&Limits::CURRENT, None).unwrap_err();
    /// assert_eq!(errors[0].rule, Rule::TooLong);
    /// assert_eq!(errors[0].location, "Actions[0] (Speak).Parameters.Text");
    /// ```
    pub fn validate(
        &self,
        limits: &Limits,
        invocation: Option<&Invocation>,
    ) -> Result<(), Vec<Violation>> {
        rejecting(self.review(limits, invocation), limits)
    }

    /// Every violation found, whatever its [`Level`](super::Level): what [`Envelope::validate`]
    /// rejects and what it only warns about.
    ///
    /// ```
    /// use sma_core::action::{Action, Speak, Target};
    /// use sma_core::response::{Envelope, Level, Limits, Rule};
    /// // AWS samples send Speak without CallId: the service acts on the invoking leg.
    /// let r = Envelope::new(vec![Action::from(Speak::new(Target::InvokingLeg, "Hi"))]);
    /// assert!(r.validate(&Limits::CURRENT, None).is_ok());
    /// let found = r.review(&Limits::CURRENT, None);
    /// assert_eq!((found[0].rule, found[0].level()), (Rule::CallIdMissing, Level::Warn));
    /// ```
    pub fn review(&self, limits: &Limits, invocation: Option<&Invocation>) -> Vec<Violation> {
        let mut out = Vec::new();
        self.review_envelope(limits, &mut out);
        if let Some(actions) = &self.actions {
            crate::contract::validate::actions(actions, limits, invocation, &mut out);
        }
        out
    }

    /// Reads a raw JSON response the way the service would and checks it: the shape of the
    /// envelope (an object, not an array or an API Gateway wrapper), then [`Envelope::check`].
    ///
    /// ```
    /// use sma_core::response::{Envelope, Limits, Rule};
    /// let wrapped = serde_json::json!({"statusCode": 200, "body": "{\"SchemaVersion\":\"1.0\"}"});
    /// let errors = Envelope::check_json(&wrapped, &Limits::CURRENT).unwrap_err();
    /// assert_eq!(errors[0].rule, Rule::NotAResponse);
    /// assert!(errors[0].to_string().contains("API Gateway"));
    /// ```
    pub fn check_json(value: &Value, limits: &Limits) -> Result<Envelope, Vec<Violation>> {
        let Some(obj) = value.as_object() else {
            return Err(vec![Violation::new(
                Rule::NotAResponse,
                "$",
                format!(
                    "is a JSON {}; the handler must return the response object \
                     {{\"SchemaVersion\":\"1.0\",\"Actions\":[…]}}",
                    json_kind(value)
                ),
            )]);
        };
        if !obj.contains_key("SchemaVersion") {
            let hint = if obj.contains_key("statusCode") || obj.contains_key("body") {
                "looks like an API Gateway proxy result ({statusCode, body}); the SIP media \
                 application needs the response object itself (the service answers \
                 SchemaVersionMismatch)"
            } else {
                "has no SchemaVersion; a response is {\"SchemaVersion\":\"1.0\",\"Actions\":[…]}"
            };
            return Err(vec![Violation::new(Rule::NotAResponse, "$", hint.to_owned())]);
        }
        let response: Envelope = crate::contract::wire::read_value(value).map_err(|e| {
            vec![Violation::new(Rule::NotAResponse, "$", format!("cannot be read {e}"))]
        })?;
        response.check(limits)?;
        Ok(response)
    }
}

/// The violations that reject under `limits` (all of them in strict mode), or `Ok`.
fn rejecting(mut found: Vec<Violation>, limits: &Limits) -> Result<(), Vec<Violation>> {
    if !limits.readings.strict {
        found.retain(|v| v.level() == Level::Reject);
    }
    if found.is_empty() { Ok(()) } else { Err(found) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::validate::ValidationReadings;
    use serde_json::json;

    fn with_attributes(attrs: TransactionAttributes) -> Envelope {
        Envelope { transaction_attributes: Some(attrs), ..Envelope::empty() }
    }

    #[test]
    fn bare_array_is_not_a_response() {
        let errors = Envelope::check_json(&json!([]), &Limits::CURRENT).unwrap_err();
        assert_eq!(errors[0].rule, Rule::NotAResponse);
        assert!(errors[0].detail.contains("array"));
    }

    #[test]
    fn attribute_limits_current_and_legacy() {
        let attrs: TransactionAttributes =
            (0..11).map(|i| (format!("k{i}"), "v".to_owned())).collect();
        let r = with_attributes(attrs);
        assert!(r.check(&Limits::CURRENT).is_ok());
        let errors = r.check(&Limits::LEGACY).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].rule, Rule::AttributePairs);

        let long: TransactionAttributes = [("k".to_owned(), "x".repeat(1025))].into();
        let r = with_attributes(long);
        assert!(r.check(&Limits::CURRENT).is_ok());
        assert_eq!(r.check(&Limits::LEGACY).unwrap_err()[0].rule, Rule::AttributeEntryLength);

        let big: TransactionAttributes = [("k".to_owned(), "x".repeat(20 * 1024))].into();
        let r = with_attributes(big);
        assert_eq!(r.check(&Limits::CURRENT).unwrap_err()[0].rule, Rule::AttributeSize);
    }

    #[test]
    fn ten_actions_pass_eleven_fail() {
        let pause = Action::from(crate::contract::action::Pause::default());
        assert!(Envelope::new(vec![pause.clone(); 10]).check(&Limits::CURRENT).is_ok());
        assert!(Envelope::new(vec![pause; 11]).check(&Limits::CURRENT).is_err());
    }

    #[test]
    fn unknown_types_and_fields_are_reported() {
        let raw = json!({"SchemaVersion": "1.0", "Actions": [{"Type": "Answer", "Parameters": {}}], "Extra": 1});
        let errors = Envelope::check_json(&raw, &Limits::CURRENT).unwrap_err();
        let rules: Vec<Rule> = errors.iter().map(|e| e.rule).collect();
        assert_eq!(rules, vec![Rule::UnknownActionType], "UnknownField only warns");
        let envelope = <Envelope as serde::Deserialize>::deserialize(&raw).unwrap();
        let found: Vec<Rule> =
            envelope.review(&Limits::CURRENT, None).iter().map(|e| e.rule).collect();
        assert_eq!(found, vec![Rule::UnknownActionType, Rule::UnknownField]);
        let strict = Limits {
            readings: ValidationReadings { strict: true, ..ValidationReadings::DEFAULT },
            ..Limits::CURRENT
        };
        assert_eq!(envelope.check(&strict).unwrap_err().len(), 2, "strict mode rejects both");
    }

    #[test]
    fn omitted_actions_and_empty_actions_stay_apart() {
        let omitted: Envelope = serde_json::from_value(json!({"SchemaVersion": "1.0"})).unwrap();
        assert_eq!(omitted.actions, None);
        assert_eq!(serde_json::to_value(&omitted).unwrap(), json!({"SchemaVersion": "1.0"}));
        let empty: Envelope =
            serde_json::from_value(json!({"SchemaVersion": "1.0", "Actions": []})).unwrap();
        assert_eq!(empty.actions, Some(vec![]));
    }
}

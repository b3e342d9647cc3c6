//! The checks of a whole response: the envelope (schema version, number of actions, known
//! action types, attribute limits, unknown fields), then every action (`actions`). They are
//! methods of [`Envelope`], written here so that the model knows nothing of rules.

use super::actions;
use super::limits::Limits;
use super::rule::{Level, Rule, Violation};
use crate::contract::action::{Action, ActionType};
use crate::contract::event::Invocation;
use crate::contract::response::{Envelope, SCHEMA_VERSION, StateError};
use crate::contract::wire::{json_kind, read_value};
use serde_json::Value;

impl Envelope {
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
    /// closed sets, rules between parameters (see [`crate::rules`]), and, given the
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

    /// Every violation found, whatever its [`Level`]: what [`Envelope::validate`]
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
            actions::check(actions, limits, invocation, &mut out);
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
        let response: Envelope = read_value(value).map_err(|e| {
            vec![Violation::new(Rule::NotAResponse, "$", format!("cannot be read {e}"))]
        })?;
        response.check(limits)?;
        Ok(response)
    }
}

/// A response that cannot be resolved breaks [`Rule::InvalidFormat`] on `TransactionAttributes`,
/// once for each state that failed.
///
/// ```
/// use sma_core::response::{Rule, Violation};
/// let error = sma_core::Response::empty().state(&42).resolve(None).unwrap_err();
/// let found = Vec::<Violation>::from(error);
/// assert_eq!((found[0].rule, found[0].location.as_str()), (Rule::InvalidFormat, "TransactionAttributes"));
/// ```
impl From<StateError> for Vec<Violation> {
    fn from(error: StateError) -> Self {
        let problems = error.problems().iter();
        let detail = |p: &String| format!("cannot hold the state: {p}");
        problems
            .map(|p| Violation::new(Rule::InvalidFormat, "TransactionAttributes", detail(p)))
            .collect()
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
    use crate::contract::attributes::TransactionAttributes;
    use crate::rules::limits::ValidationReadings;
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
}

//! The response envelope the handler returns, its limits, and the envelope-level checks.
//!
//! See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).

use crate::action::{Action, ActionType};
use crate::handler::Actions;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// `TransactionAttributes`: string keys to string values stored by the service for the whole
/// call and echoed in `CallDetails.TransactionAttributes` of every later event.
///
/// Sending a map stores it; sending `{}` clears it; omitting it (or `null`) keeps it. Whether a
/// map with other keys merges or replaces is documented both ways, so `sma` always sends the
/// complete map.
///
/// See [Using transaction attributes](https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html).
///
/// ```
/// let mut attrs = sma_core::TransactionAttributes::new();
/// attrs.insert("language".into(), "fr".into());
/// assert_eq!(serde_json::to_string(&attrs).unwrap(), r#"{"language":"fr"}"#);
/// ```
pub type TransactionAttributes = BTreeMap<String, String>;

/// The schema version of every event and response.
pub const SCHEMA_VERSION: &str = "1.0";

/// The response to one invocation:
/// `{"SchemaVersion":"1.0","Actions":[…],"TransactionAttributes"?:{…}}`.
///
/// `Actions` holds at most 10 actions, run in order. An omitted (or `null`) `Actions` keeps what
/// is left of the running list; `[]` is documented both as "stop the running actions" and as
/// "let the remaining ones run", so the two are kept apart here (`None` vs `Some(vec![])`).
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::action::{Action, Hangup};
/// use sma_core::Response;
/// let r = Response::new(vec![Action::from(Hangup::default())]);
/// assert_eq!(
///     serde_json::to_value(&r).unwrap(),
///     serde_json::json!({"SchemaVersion": "1.0", "Actions": [{"Type": "Hangup", "Parameters": {}}]})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Response {
    /// `SchemaVersion`: `"1.0"`.
    pub schema_version: String,
    /// `Actions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<Action>>,
    /// `TransactionAttributes`: the complete map to store, `{}` to clear, `None` to keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_attributes: Option<TransactionAttributes>,
    /// Fields this version does not know, kept as received (reported by [`Response::check`]).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// Attribute changes made with [`Response::attribute`] and friends, applied to the stored
    /// attributes by [`Response::resolve_attributes`] before the response leaves.
    #[serde(skip)]
    changes: Vec<Change>,
}

/// One change to the transaction attributes.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Set(String, String),
    Remove(String),
    Clear,
    State(Result<TransactionAttributes, String>),
}

impl Response {
    /// A response with these actions and no change to the transaction attributes.
    pub fn new(actions: Vec<Action>) -> Self {
        Response {
            schema_version: SCHEMA_VERSION.to_owned(),
            actions: Some(actions),
            transaction_attributes: None,
            extra: Map::new(),
            changes: Vec::new(),
        }
    }

    /// `{"SchemaVersion":"1.0","Actions":[]}`: the answer to events whose response is ignored.
    pub fn empty() -> Self {
        Response::new(Vec::new())
    }

    /// `{"SchemaVersion":"1.0"}` without `Actions`: no new actions; what is left of the running
    /// list continues.
    pub fn keep_running() -> Self {
        Response {
            schema_version: SCHEMA_VERSION.to_owned(),
            actions: None,
            transaction_attributes: None,
            extra: Map::new(),
            changes: Vec::new(),
        }
    }

    /// Sets the complete transaction attribute map to store, replacing what is stored.
    pub fn with_attributes(mut self, attributes: TransactionAttributes) -> Self {
        self.transaction_attributes = Some(attributes);
        self
    }

    /// Stores `key = value`, keeping every other stored attribute.
    ///
    /// The service documents both "merge" and "replace" for a map with other keys, so `sma`
    /// always sends the complete map: the attributes stored so far (from the invocation) with
    /// this response's changes applied (see [`Response::resolve_attributes`]).
    ///
    /// ```
    /// use sma_core::{Response, TransactionAttributes};
    /// let stored: TransactionAttributes = [("language".to_owned(), "fr".to_owned())].into();
    /// let mut r = Response::empty().attribute("step", "menu");
    /// r.resolve_attributes(Some(&stored));
    /// assert_eq!(r.transaction_attributes.unwrap().len(), 2);
    /// ```
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.changes.push(Change::Set(key.into(), value.into()));
        self
    }

    /// Removes one stored attribute, keeping the others.
    pub fn remove_attribute(mut self, key: impl Into<String>) -> Self {
        self.changes.push(Change::Remove(key.into()));
        self
    }

    /// Clears every stored attribute (sends `"TransactionAttributes": {}`).
    pub fn clear_attributes(mut self) -> Self {
        self.changes.push(Change::Clear);
        self
    }

    /// Stores each field of `state` as an attribute (see [`crate::state`]), keeping the other
    /// stored attributes. A state that cannot be written as attributes is reported by
    /// [`Response::validate`].
    ///
    /// ```
    /// #[derive(serde::Serialize)]
    /// struct Menu { attempts: u32 }
    /// let mut r = sma_core::Response::empty().state(&Menu { attempts: 2 });
    /// r.resolve_attributes(None);
    /// assert_eq!(r.transaction_attributes.unwrap()["attempts"], "2");
    /// ```
    pub fn state<T: Serialize>(mut self, state: &T) -> Self {
        self.changes
            .push(Change::State(crate::state::to_attributes(state).map_err(|e| e.to_string())));
        self
    }

    /// Applies the attribute changes of this response to `stored` (the attributes of the
    /// invocation being answered), so that the complete map is sent. Without changes the
    /// response is left as it is. The runtime calls this before validating a response.
    pub fn resolve_attributes(&mut self, stored: Option<&TransactionAttributes>) {
        if self.changes.is_empty() {
            return;
        }
        let mut map =
            self.transaction_attributes.take().or_else(|| stored.cloned()).unwrap_or_default();
        for change in std::mem::take(&mut self.changes) {
            match change {
                Change::Set(k, v) => {
                    map.insert(k, v);
                }
                Change::Remove(k) => {
                    map.remove(&k);
                }
                Change::Clear => map.clear(),
                Change::State(Ok(fields)) => map.extend(fields),
                Change::State(Err(e)) => self.changes.push(Change::State(Err(e))),
            }
        }
        self.transaction_attributes = Some(map);
    }

    /// Checks the envelope against the limits of the service: schema version, number of
    /// actions, known action types with well-formed parameters, transaction attribute limits,
    /// no unknown top-level fields. Returns every violation found.
    ///
    /// ```
    /// use sma_core::action::{Action, Pause};
    /// use sma_core::response::{Limits, Response, Rule};
    /// let r = Response::new(vec![Action::from(Pause::default()); 11]);
    /// let errors = r.check(&Limits::CURRENT).unwrap_err();
    /// assert_eq!(errors[0].rule, Rule::TooManyActions);
    /// ```
    pub fn check(&self, limits: &Limits) -> Result<(), Vec<Violation>> {
        let mut out = Vec::new();
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
            limits.attributes.check(attrs, &mut out);
        }
        for change in &self.changes {
            if let Change::State(Err(e)) = change {
                out.push(Violation::new(
                    Rule::InvalidFormat,
                    "TransactionAttributes",
                    format!("cannot hold the state: {e}"),
                ));
            }
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
        if out.is_empty() { Ok(()) } else { Err(out) }
    }

    /// Checks the envelope ([`Response::check`]) and every action against every rule of the
    /// contract that can be checked locally: required parameters, ranges, lengths, formats,
    /// closed sets, rules between parameters (see [`crate::validate`]), and, given the
    /// invocation being answered, that each action addresses a leg of this call that it may act
    /// on.
    ///
    /// ```
    /// use sma_core::action::{Action, Speak};
    /// use sma_core::response::{Limits, Response, Rule};
    /// let r = Response::new(vec![Action::from(Speak::new("c-1", "x".repeat(1001)))]);
    /// let errors = r.validate(&Limits::CURRENT, None).unwrap_err();
    /// assert_eq!(errors[0].rule, Rule::TooLong);
    /// assert_eq!(errors[0].location, "Actions[0] (Speak).Parameters.Text");
    /// ```
    pub fn validate(
        &self,
        limits: &Limits,
        invocation: Option<&crate::Invocation>,
    ) -> Result<(), Vec<Violation>> {
        let mut out = match self.check(limits) {
            Ok(()) => Vec::new(),
            Err(v) => v,
        };
        if let Some(actions) = &self.actions {
            crate::validate::actions(actions, limits, invocation, &mut out);
        }
        if out.is_empty() { Ok(()) } else { Err(out) }
    }

    /// Reads a raw JSON response the way the service would and checks it: the shape of the
    /// envelope (an object, not an array or an API Gateway wrapper), then [`Response::check`].
    ///
    /// ```
    /// use sma_core::response::{Limits, Response, Rule};
    /// let wrapped = serde_json::json!({"statusCode": 200, "body": "{\"SchemaVersion\":\"1.0\"}"});
    /// let errors = Response::check_json(&wrapped, &Limits::CURRENT).unwrap_err();
    /// assert_eq!(errors[0].rule, Rule::NotAResponse);
    /// assert!(errors[0].to_string().contains("API Gateway"));
    /// ```
    pub fn check_json(value: &Value, limits: &Limits) -> Result<Response, Vec<Violation>> {
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
        let response: Response = serde_json::from_value(value.clone()).map_err(|e| {
            vec![Violation::new(Rule::NotAResponse, "$", format!("cannot be read: {e}"))]
        })?;
        response.check(limits)?;
        Ok(response)
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl From<Actions> for Response {
    fn from(actions: Actions) -> Self {
        Response::new(actions.into_vec())
    }
}

/// The limits a response is checked against: actions per response and transaction attributes.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::response::Limits;
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
    pub readings: crate::validate::Readings,
}

impl Limits {
    /// The limits documented today.
    pub const CURRENT: Limits = Limits {
        max_actions: 10,
        attributes: AttributeLimits::CURRENT,
        readings: crate::validate::Readings::DEFAULT,
    };
    /// The limits documented before June 2022 (still quoted by the service's error message):
    /// 10 attribute pairs of 1,024 characters, AWS endpoint URIs of 30 characters.
    pub const LEGACY: Limits = Limits {
        max_actions: 10,
        attributes: AttributeLimits::LEGACY,
        readings: crate::validate::Readings {
            aws_uri_max: 30,
            ..crate::validate::Readings::DEFAULT
        },
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
/// use sma_core::response::AttributeLimits;
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
            let size = serde_json::to_string(attrs).map(|s| s.len()).unwrap_or(usize::MAX);
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
                for (what, s) in [("key", k), ("value", v)] {
                    let n = s.chars().count();
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
    }
}

/// Which rule of the contract a [`Violation`] breaks.
///
/// ```
/// assert_eq!(sma_core::response::Rule::TooManyActions.to_string(), "at most 10 actions per response");
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
        })
    }
}

/// One way a response breaks the contract: where, which rule, and what was found.
///
/// ```
/// use sma_core::response::{Rule, Violation};
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
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.location, self.detail)
    }
}

impl std::error::Error for Violation {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bare_array_is_not_a_response() {
        let errors = Response::check_json(&json!([]), &Limits::CURRENT).unwrap_err();
        assert_eq!(errors[0].rule, Rule::NotAResponse);
        assert!(errors[0].detail.contains("array"));
    }

    #[test]
    fn attribute_limits_current_and_legacy() {
        let attrs: TransactionAttributes =
            (0..11).map(|i| (format!("k{i}"), "v".to_owned())).collect();
        let r = Response::empty().with_attributes(attrs);
        assert!(r.check(&Limits::CURRENT).is_ok());
        let errors = r.check(&Limits::LEGACY).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].rule, Rule::AttributePairs);

        let long: TransactionAttributes = [("k".to_owned(), "x".repeat(1025))].into();
        let r = Response::empty().with_attributes(long);
        assert!(r.check(&Limits::CURRENT).is_ok());
        assert_eq!(r.check(&Limits::LEGACY).unwrap_err()[0].rule, Rule::AttributeEntryLength);

        let big: TransactionAttributes = [("k".to_owned(), "x".repeat(20 * 1024))].into();
        let r = Response::empty().with_attributes(big);
        assert_eq!(r.check(&Limits::CURRENT).unwrap_err()[0].rule, Rule::AttributeSize);
    }

    #[test]
    fn ten_actions_pass_eleven_fail() {
        let pause = Action::from(crate::action::Pause::default());
        assert!(Response::new(vec![pause.clone(); 10]).check(&Limits::CURRENT).is_ok());
        assert!(Response::new(vec![pause; 11]).check(&Limits::CURRENT).is_err());
    }

    #[test]
    fn unknown_types_and_fields_are_reported() {
        let raw = json!({"SchemaVersion": "1.0", "Actions": [{"Type": "Answer", "Parameters": {}}], "Extra": 1});
        let errors = Response::check_json(&raw, &Limits::CURRENT).unwrap_err();
        let rules: Vec<Rule> = errors.iter().map(|e| e.rule).collect();
        assert_eq!(rules, vec![Rule::UnknownActionType, Rule::UnknownField]);
    }

    #[test]
    fn omitted_actions_and_empty_actions_stay_apart() {
        let omitted: Response = serde_json::from_value(json!({"SchemaVersion": "1.0"})).unwrap();
        assert_eq!(omitted.actions, None);
        assert_eq!(serde_json::to_value(&omitted).unwrap(), json!({"SchemaVersion": "1.0"}));
        let empty: Response =
            serde_json::from_value(json!({"SchemaVersion": "1.0", "Actions": []})).unwrap();
        assert_eq!(empty.actions, Some(vec![]));
    }
}

//! What a handler answers: the [`Response`] it builds (actions and changes to the transaction
//! attributes), resolved into the [`Envelope`] that is checked and sent. The checks and the
//! service's limits are the rules layer's ([`crate::rules`]); `sma_core::response` re-exports
//! them.
//!
//! See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).

mod envelope;

pub use envelope::Envelope;

use crate::contract::action::Action;
use crate::contract::attributes::{self, TransactionAttributes};
use serde::Serialize;

/// The schema version of every event and response.
pub const SCHEMA_VERSION: &str = "1.0";

/// The ordered list of actions a handler answers with (at most 10 per response): the `Actions`
/// array of the response.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::Actions;
/// use sma_core::action::{Hangup, Pause};
/// let actions = Actions::new()
///     .then(Pause::new(std::time::Duration::from_millis(500)))
///     .then(Hangup::new());
/// assert_eq!(actions.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    /// No actions.
    pub fn new() -> Self {
        Actions(Vec::new())
    }

    /// Appends an action.
    pub fn then(mut self, action: impl Into<Action>) -> Self {
        self.add(action.into());
        self
    }

    /// Appends an action in place.
    pub fn push(&mut self, action: impl Into<Action>) {
        self.add(action.into());
    }

    /// The first room is for two actions, which most responses hold: a `Vec`'s first room is
    /// four, and four actions of about 500 bytes are past the sizes glibc's per-thread cache
    /// serves (callgrind: about 200 instructions more per response of two actions).
    fn add(&mut self, action: Action) {
        if self.0.capacity() == 0 {
            self.0.reserve_exact(2);
        }
        self.0.push(action);
    }

    /// The number of actions.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No actions.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The actions, in order.
    pub fn as_slice(&self) -> &[Action] {
        &self.0
    }

    /// The actions, in order.
    pub fn into_vec(self) -> Vec<Action> {
        self.0
    }
}

impl<A: Into<Action>> From<A> for Actions {
    fn from(action: A) -> Self {
        Actions(vec![action.into()])
    }
}

impl From<Vec<Action>> for Actions {
    fn from(actions: Vec<Action>) -> Self {
        Actions(actions)
    }
}

impl<A: Into<Action>> FromIterator<A> for Actions {
    fn from_iter<I: IntoIterator<Item = A>>(iter: I) -> Self {
        Actions(iter.into_iter().map(Into::into).collect())
    }
}

impl<A: Into<Action>> Extend<A> for Actions {
    fn extend<I: IntoIterator<Item = A>>(&mut self, iter: I) {
        self.0.extend(iter.into_iter().map(Into::into));
    }
}

impl IntoIterator for Actions {
    type Item = Action;
    type IntoIter = std::vec::IntoIter<Action>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// One change to the transaction attributes, applied in order when the response is resolved.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Set(String, String),
    Remove(String),
    Clear,
    Replace(TransactionAttributes),
    State(Result<(TransactionAttributes, Vec<String>), String>),
}

/// What a handler answers: its actions and the changes it makes to the transaction attributes.
///
/// A `Response` is a builder: the framework resolves it against the attributes stored so far
/// into the [`Envelope`] that is checked and sent ([`Response::resolve`]), so that the complete
/// attribute map always goes out (the service documents both "merge" and "replace" for a map
/// with other keys). It cannot be serialized itself.
///
/// See [Responding to invocations with action lists](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// use sma_core::{Actions, Response, TransactionAttributes};
/// use sma_core::action::Hangup;
/// let stored: TransactionAttributes = [("language".to_owned(), "fr".to_owned())].into();
/// let envelope = Response::new(Actions::new().then(Hangup::new()))
///     .attribute("step", "goodbye")
///     .resolve(Some(&stored))
///     .unwrap();
/// assert_eq!(envelope.transaction_attributes.unwrap().len(), 2);
/// assert_eq!(envelope.actions.unwrap().len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    actions: Option<Actions>,
    changes: Vec<Change>,
}

impl Response {
    /// A response with these actions and no change to the transaction attributes.
    pub fn new(actions: impl Into<Actions>) -> Self {
        Response { actions: Some(actions.into()), changes: Vec::new() }
    }

    /// `{"SchemaVersion":"1.0","Actions":[]}`: the answer to events whose response is ignored.
    pub fn empty() -> Self {
        Response::new(Actions::new())
    }

    /// `{"SchemaVersion":"1.0"}` without `Actions`: no new actions; what is left of the running
    /// list continues.
    pub fn keep_running() -> Self {
        Response { actions: None, changes: Vec::new() }
    }

    /// The actions (`None`: the running list continues).
    pub fn actions(&self) -> Option<&Actions> {
        self.actions.as_ref()
    }

    /// Stores `key = value`, keeping every other stored attribute.
    ///
    /// ```
    /// let envelope = sma_core::Response::empty().attribute("step", "menu").resolve(None).unwrap();
    /// assert_eq!(envelope.transaction_attributes.unwrap()["step"], "menu");
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

    /// Replaces every stored attribute with `attributes`.
    pub fn with_attributes(mut self, attributes: TransactionAttributes) -> Self {
        self.changes.push(Change::Replace(attributes));
        self
    }

    /// Stores each field of `state` as an attribute, keeping the other stored attributes; a
    /// field that is `None` removes its attribute (the rules:
    /// [`attributes`](crate::attributes#how-typed-state-maps-to-attributes)). A state that
    /// cannot be written as attributes is reported when the response is resolved.
    ///
    /// ```
    /// #[derive(serde::Serialize)]
    /// struct Menu { attempts: u32 }
    /// let envelope = sma_core::Response::empty().state(&Menu { attempts: 2 }).resolve(None).unwrap();
    /// assert_eq!(envelope.transaction_attributes.unwrap()["attempts"], "2");
    /// ```
    pub fn state<T: Serialize>(mut self, state: &T) -> Self {
        let fields = attributes::to_changes(state).map_err(|e| e.to_string());
        self.changes.push(Change::State(fields));
        self
    }

    /// The envelope to send: the actions, and, when this response changes the attributes, the
    /// complete map (`stored`, the attributes of the invocation being answered, with the
    /// changes applied in order). Fails when a [`state`](Self::state) could not be written as
    /// attributes.
    ///
    /// ```
    /// let error = sma_core::Response::empty().state(&42).resolve(None).unwrap_err();
    /// assert!(error.to_string().contains("cannot hold the state"));
    /// ```
    pub fn resolve(self, stored: Option<&TransactionAttributes>) -> Result<Envelope, StateError> {
        let mut envelope = Envelope::new(Vec::new());
        envelope.actions = self.actions.map(Actions::into_vec);
        if self.changes.is_empty() {
            return Ok(envelope);
        }
        let mut map = stored.cloned().unwrap_or_default();
        let mut errors = Vec::new();
        for change in self.changes {
            match change {
                Change::Set(k, v) => {
                    map.insert(k, v);
                }
                Change::Remove(k) => {
                    map.remove(&k);
                }
                Change::Clear => map.clear(),
                Change::Replace(all) => map = all,
                Change::State(Ok((fields, cleared))) => {
                    map.extend(fields);
                    for key in cleared {
                        map.remove(&key);
                    }
                }
                Change::State(Err(e)) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(StateError { problems: errors });
        }
        envelope.transaction_attributes = Some(map);
        Ok(envelope)
    }
}

/// Why a [`Response`] cannot be resolved: a [`state`](Response::state) that cannot be written as
/// transaction attributes (not a struct or map, or a field that is not a scalar). The response
/// check reports it as [`Rule::InvalidFormat`](crate::rules::Rule::InvalidFormat) on
/// `TransactionAttributes` (`Vec::<Violation>::from(error)`).
///
/// See [Using transaction attributes](https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html).
///
/// ```
/// let error = sma_core::Response::empty().state(&[1, 2]).resolve(None).unwrap_err();
/// assert_eq!(error.problems().len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError {
    problems: Vec<String>,
}

impl StateError {
    /// What each state that failed could not do, in the order the handler gave them.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TransactionAttributes cannot hold the state: ")?;
        f.write_str(&self.problems.join("; "))
    }
}

impl std::error::Error for StateError {}

impl From<Actions> for Response {
    fn from(actions: Actions) -> Self {
        Response::new(actions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::action::Hangup;

    fn stored() -> TransactionAttributes {
        [("a".to_owned(), "1".to_owned()), ("b".to_owned(), "2".to_owned())].into()
    }

    #[test]
    fn changes_apply_in_order_to_the_stored_map() {
        let e = Response::empty()
            .attribute("c", "3")
            .remove_attribute("a")
            .resolve(Some(&stored()))
            .unwrap();
        let attrs = e.transaction_attributes.unwrap();
        assert_eq!(attrs.keys().collect::<Vec<_>>(), ["b", "c"]);
        let cleared = Response::empty().clear_attributes().resolve(Some(&stored())).unwrap();
        assert_eq!(cleared.transaction_attributes, Some(TransactionAttributes::new()));
        let replaced =
            Response::empty().with_attributes(TransactionAttributes::new()).attribute("x", "y");
        let attrs = replaced.resolve(Some(&stored())).unwrap().transaction_attributes.unwrap();
        assert_eq!(attrs.len(), 1);
    }

    #[test]
    fn no_change_keeps_the_stored_map_untouched() {
        let e = Response::new(Actions::from(Hangup::new())).resolve(Some(&stored())).unwrap();
        assert_eq!(e.transaction_attributes, None);
        assert_eq!(Response::keep_running().resolve(None).unwrap().actions, None);
    }

    #[test]
    fn a_state_that_is_not_a_map_is_reported() {
        let error = Response::empty().state(&42).resolve(None).unwrap_err();
        assert_eq!(error.problems().len(), 1);
        let two = Response::empty().state(&1).state(&2).resolve(None).unwrap_err();
        assert_eq!(two.problems().len(), 2, "every failed state is reported");
    }
}

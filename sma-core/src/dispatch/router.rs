//! The route table built by `handlers![…]`, and how an invocation finds its handler.

use super::handler::HandlerFuture;
use super::request::{Request, StateMap};
use crate::contract::action::{ActionType, ParticipantTag};
use crate::contract::event::{EventType, Invocation};
use std::fmt;

/// The compact key of a route: event index, leg (0 any, 1 LEG-A, 2 LEG-B) and action index
/// (0 any, else 1 + position in [`ActionType::KNOWN`]). Compared in `const` context by
/// `handlers![…]` to reject duplicate routes at compile time.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RouteKey {
    event: u8,
    leg: u8,
    action: u8,
}

impl RouteKey {
    /// Builds a key.
    pub const fn new(event: u8, leg: u8, action: u8) -> Self {
        RouteKey { event, leg, action }
    }

    /// The route of a handler whose `#[on]` had errors (never compared).
    pub const STUB: RouteKey = RouteKey { event: u8::MAX, leg: 0, action: 0 };

    /// The route `handlers![..]` gives a name that is not an `#[on]` handler (reported).
    pub const NOT_A_HANDLER: RouteKey = RouteKey { event: u8::MAX - 1, leg: 0, action: 0 };

    /// Two real routes that are the same (usable in `const`; stubs never collide).
    pub const fn duplicates(a: RouteKey, b: RouteKey) -> bool {
        a.is_real() && b.is_real() && a.same(b)
    }

    /// The route of a name that is not an `#[on]` handler (usable in `const`).
    pub const fn is_not_a_handler(self) -> bool {
        self.event == u8::MAX - 1
    }

    const fn is_real(self) -> bool {
        self.event < u8::MAX - 1
    }

    /// The same route (usable in `const`).
    pub const fn same(self, other: RouteKey) -> bool {
        self.event == other.event && self.leg == other.leg && self.action == other.action
    }

    /// Higher is more specific: event+leg+action (3), event+action (2), event+leg (1), event (0).
    fn specificity(self) -> u8 {
        2 * u8::from(self.action != 0) + u8::from(self.leg != 0)
    }

    fn route(self) -> Route {
        Route {
            event: EventType::KNOWN
                .get(self.event as usize)
                .cloned()
                .unwrap_or(EventType::Other(String::new())),
            leg: match self.leg {
                1 => Some(ParticipantTag::LegA),
                2 => Some(ParticipantTag::LegB),
                _ => None,
            },
            action: (self.action as usize)
                .checked_sub(1)
                .and_then(|i| ActionType::KNOWN.get(i))
                .cloned(),
        }
    }
}

/// A route, as written in `#[on(…)]`: the event, and optionally the leg and the action.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::{EventType, ParticipantTag, Route};
/// let r = Route { event: EventType::Hangup, leg: Some(ParticipantTag::LegB), action: None };
/// assert_eq!(r.to_string(), "Hangup, leg = \"LEG-B\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The event type.
    pub event: EventType,
    /// The leg filter.
    pub leg: Option<ParticipantTag>,
    /// The action filter.
    pub action: Option<ActionType>,
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let index = EventType::KNOWN.iter().position(|e| *e == self.event);
        match index.and_then(|i| sma_syntax::catalog::EVENTS.get(i)) {
            Some(spec) => f.write_str(spec.name)?,
            None => write!(f, "{}", self.event)?,
        }
        if let Some(leg) = &self.leg {
            write!(f, ", leg = \"{leg}\"")?;
        }
        if let Some(action) = &self.action {
            write!(f, ", action = {action}")?;
        }
        Ok(())
    }
}

/// One entry of the route table: the route, the handler's name and its adapter.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct RouteEntry {
    pub(crate) key: RouteKey,
    pub(crate) name: &'static str,
    pub(crate) call: fn(Request) -> HandlerFuture,
    pub(crate) check: fn(&StateMap) -> Result<(), String>,
}

impl RouteEntry {
    /// Builds an entry (used by generated code).
    pub fn new(
        key: RouteKey,
        name: &'static str,
        call: fn(Request) -> HandlerFuture,
        check: fn(&StateMap) -> Result<(), String>,
    ) -> Self {
        RouteEntry { key, name, call, check }
    }

    /// The route.
    pub fn route(&self) -> Route {
        self.key.route()
    }

    /// The handler's name.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl fmt::Debug for RouteEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#[on({})] {}", self.key.route(), self.name)
    }
}

/// The route table: which handler answers which invocation. Built by `handlers![…]`.
///
/// The most specific route wins: event + leg + action, then event + action, then event + leg,
/// then event alone. An invocation no route matches goes to the application's fallback, or to
/// the documented default of its event (see `App`).
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// let router = sma_core::Router::default();
/// assert_eq!(router.len(), 0);
/// ```
#[derive(Clone, Default)]
pub struct Router {
    routes: Vec<RouteEntry>,
}

impl Router {
    /// A table of these entries (generated by `handlers![…]`, which has already rejected
    /// duplicates at compile time).
    #[doc(hidden)]
    pub fn from_entries(routes: Vec<RouteEntry>) -> Self {
        Router { routes }
    }

    /// Adds the routes of `other`. Fails, naming both handlers, when a route is taken twice.
    pub fn merge(mut self, other: Router) -> Result<Router, String> {
        self.routes.extend(other.routes);
        self.duplicates()?;
        Ok(self)
    }

    /// The number of routes.
    pub fn len(&self) -> usize {
        self.routes.len()
    }

    /// No routes.
    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    /// Every route and the name of its handler.
    pub fn routes(&self) -> impl Iterator<Item = (Route, &'static str)> + '_ {
        self.routes.iter().map(|e| (e.route(), e.name))
    }

    /// The entry that handles `invocation`, if any.
    pub(crate) fn find(&self, invocation: &Invocation) -> Option<&RouteEntry> {
        let event = EventType::KNOWN.iter().position(|e| *e == invocation.event_type)? as u8;
        let leg = match invocation.invoking_leg() {
            Some(ParticipantTag::LegA) => 1,
            Some(ParticipantTag::LegB) => 2,
            _ => 0,
        };
        let action = invocation
            .action_data
            .as_ref()
            .and_then(|d| d.as_action())
            .map(|a| a.action_type())
            .and_then(|t| ActionType::KNOWN.iter().position(|k| *k == t))
            .map(|i| i as u8 + 1)
            .unwrap_or(0);
        self.routes
            .iter()
            .filter(|e| {
                e.key.event == event
                    && (e.key.leg == 0 || e.key.leg == leg)
                    && (e.key.action == 0 || e.key.action == action)
            })
            .max_by_key(|e| e.key.specificity())
    }

    /// The name of the handler that would answer `invocation`, if any (for tests and logs).
    pub fn handler_for(&self, invocation: &Invocation) -> Option<&'static str> {
        self.find(invocation).map(|e| e.name)
    }

    /// Fails when two entries have the same route (the runtime's backstop to the compile-time
    /// check of `handlers![…]`).
    pub(crate) fn duplicates(&self) -> Result<(), String> {
        for (i, a) in self.routes.iter().enumerate() {
            if let Some(b) = self.routes[i + 1..].iter().find(|b| b.key == a.key) {
                return Err(format!(
                    "two handlers for the route #[on({})]: `{}` and `{}`",
                    a.route(),
                    a.name,
                    b.name
                ));
            }
        }
        Ok(())
    }

    /// Runs every extractor's start-up check (for example that each `Shared<T>` is registered).
    pub(crate) fn check(&self, state: &StateMap) -> Result<(), String> {
        let problems: Vec<String> = self
            .routes
            .iter()
            .filter_map(|e| {
                (e.check)(state).err().map(|why| format!("handler `{}`: {why}", e.name))
            })
            .collect();
        if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
    }
}

impl fmt::Debug for Router {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.routes).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specificity_order() {
        let event = RouteKey::new(4, 0, 0);
        let leg = RouteKey::new(4, 1, 0);
        let action = RouteKey::new(4, 0, 3);
        let both = RouteKey::new(4, 1, 3);
        assert!(both.specificity() > action.specificity());
        assert!(action.specificity() > leg.specificity());
        assert!(leg.specificity() > event.specificity());
    }

    #[test]
    fn routes_display_as_written() {
        assert_eq!(RouteKey::new(7, 2, 0).route().to_string(), "Hangup, leg = \"LEG-B\"");
        assert_eq!(
            RouteKey::new(5, 0, 1).route().to_string(),
            "ActionFailed, action = CallAndBridge"
        );
    }
}

//! Extractors of state: the application's shared state and the call's transaction attributes.

use super::FromInvocation;
use crate::contract::attributes::{TransactionAttributes, from_attributes};
use crate::contract::wire::without_values;
use crate::dispatch::handler::Rejection;
use crate::dispatch::request::{Request, StateMap};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// State initialised once at start-up and shared by every invocation (a database client, a
/// configuration), registered with [`App::state`](crate::App::state). A handler that takes a
/// `Shared<T>` whose `T` was not registered stops the application at start-up, before the
/// first call.
///
/// See [Using AWS Lambda with PSTN audio](https://docs.aws.amazon.com/chime-sdk/latest/dg/using-lambda.html).
///
/// ```
/// struct Config { greeting: String }
/// let shared = sma_core::Shared(std::sync::Arc::new(Config { greeting: "Hi".into() }));
/// assert_eq!(shared.greeting, "Hi");
/// ```
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

/// What application state must be: `Send + Sync + 'static`, because concurrent invocations
/// (Lambda Managed Instances) share it, each possibly on its own thread. Every such type is
/// `SharedState`; a type that is not (`Rc`, `RefCell`, `Cell`) is a compile error at
/// [`App::state`](crate::App::state) that says how to wrap it.
///
/// ```
/// use std::sync::{Arc, Mutex, atomic::AtomicU32};
/// fn shared<T: sma_core::extract::SharedState>(_: T) {}
/// shared(Mutex::new(Vec::<String>::new()));
/// shared(Arc::new(AtomicU32::new(0)));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be shared by concurrent invocations",
    label = "application state must be `Send + Sync + 'static`",
    note = "wrap it: `std::sync::Mutex<T>` (or `RwLock`) for a value handlers change, an atomic for a counter, `Arc` instead of `Rc`"
)]
pub trait SharedState: Send + Sync + 'static {}

impl<T: Send + Sync + 'static> SharedState for T {}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<E, A, T: SharedState> FromInvocation<E, A> for Shared<T> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        req.state().get::<T>().map(Shared).ok_or_else(|| {
            Rejection::new("Shared", format!("no {} was registered", std::any::type_name::<T>()))
        })
    }

    fn check(state: &StateMap) -> Result<(), String> {
        if state.contains::<T>() {
            Ok(())
        } else {
            Err(format!(
                "Shared<{0}> is not registered: add `.state(value)` of type {0} to the App",
                std::any::type_name::<T>()
            ))
        }
    }
}

/// Typed transaction attributes: the attributes stored so far, read into `T` (the mapping is on
/// the [`attributes`](crate::attributes#how-typed-state-maps-to-attributes) page; write with
/// [`Response::state`](crate::Response::state), where `None` removes a field).
///
/// Rejected when a stored attribute does not fit `T` (take `Option<State<T>>` when the call may
/// not have stored any yet, or give `T`'s fields `#[serde(default)]`).
///
/// See [Using transaction attributes](https://docs.aws.amazon.com/chime-sdk/latest/dg/transaction-attributes.html).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use sma_core::attributes::{from_attributes, to_attributes};
///
/// #[derive(Serialize, Deserialize, PartialEq, Debug)]
/// struct Menu { attempts: u32, language: String, vip: bool }
///
/// let menu = Menu { attempts: 2, language: "fr".into(), vip: true };
/// let attrs = to_attributes(&menu).unwrap();
/// assert_eq!(attrs["attempts"], "2");
/// assert_eq!(attrs["language"], "fr");
/// assert_eq!(from_attributes::<Menu>(&attrs).unwrap(), menu);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct State<T>(pub T);

impl<T> std::ops::Deref for State<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<E, A, T: DeserializeOwned> FromInvocation<E, A> for State<T> {
    fn from_invocation(req: &Request) -> Result<Self, Rejection> {
        let empty = TransactionAttributes::new();
        let attrs = req.invocation().call_details.transaction_attributes.as_ref().unwrap_or(&empty);
        from_attributes(attrs).map(State).map_err(|e| {
            Rejection::new(
                "State",
                format!(
                    "the transaction attributes do not fit: {}",
                    without_values(&e.to_string())
                ),
            )
        })
    }
}

//! Layer 2, dispatch: from an invocation to a handler and back to a [`Response`]. It knows the
//! contract and nothing of Lambda, of the runtime that hosts it, or of the simulator.
//!
//! - [`kind`]: one marker type per event type, for routes and compile-time extractor checks;
//! - [`request`]: what extractors read; [`extract`]: the extractors;
//! - [`handler`]: what handlers return and the errors that end in the failure policy;
//! - [`router`]: the route table `handlers![..]` builds, and how an invocation finds its route;
//! - [`private`]: the one door the code `#[on]` and `handlers![..]` generate goes through.
//!
//! [`Response`]: crate::contract::response::Response

pub mod extract;
pub(crate) mod handler;
pub mod kind;
pub mod private;
pub(crate) mod request;
pub(crate) mod router;

//! Layer 1, the contract: the PSTN Audio wire format, as a model. It knows nothing of the rules
//! a response is checked against (`rules`), of how a handler is found (dispatch), of Lambda (the
//! runtime) or of the simulator.
//!
//! - [`event`]: the invocation; [`action`]: the 18 actions and their builders;
//! - [`call`]: the call and its legs as a handler sees them;
//! - [`response`]: what a handler answers and the envelope that is sent; [`attributes`]: the
//!   transaction attributes and typed state; [`arguments`]: the typed arguments of the API calls;
//! - [`wire`]: lenient reading.

pub mod action;
pub mod arguments;
pub mod attributes;
pub(crate) mod call;
#[cfg(feature = "digits-matcher")]
pub mod digits_matcher;
pub mod event;
pub(crate) mod response;
pub mod text;
pub mod wire;

//! Layer 2, the rules: what the service accepts, checked before a response leaves the Lambda. It
//! reads the contract's model and knows nothing of how a handler is found (dispatch), of Lambda
//! (the runtime) or of the simulator; the model knows nothing of it.
//!
//! - [`Rule`], its [`Level`] and the evidence behind it; a broken rule is a [`Violation`];
//! - [`Limits`]: the service's limits, and the [`ValidationReadings`] taken where the AWS sources
//!   contradict each other;
//! - the checks of a whole response ([`Envelope::check`](crate::response::Envelope::check),
//!   [`Envelope::validate`](crate::response::Envelope::validate)), then of each action in it.
//!
//! A violation that rejects is never sent: the failure policy answers instead, and the log
//! names the action, the parameter and the rule.
//!
//! ```
//! use sma_core::action::{Action, Speak, Target};
//! use sma_core::response::Envelope;
//! use sma_core::rules::{Limits, Rule};
//! let r = Envelope::new(vec![Action::from(Speak::new(Target::call("c-1"), ""))]);
//! let errors = r.validate(&Limits::CURRENT, None).unwrap_err();
//! assert_eq!(errors[0].rule, Rule::MissingParameter);
//! ```

pub(crate) mod actions;
mod envelope;
pub(crate) mod limits;
pub(crate) mod rule;

pub use limits::{
    AttributeLimits, Limits, MAX_ACTIONS, MAX_BOT_CONFIGURATION, MAX_RECORDING_PREFIX, MAX_TEXT,
    ValidationReadings,
};
pub use rule::{Level, Rule, Violation};

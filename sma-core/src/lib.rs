//! # sma: typed AWS Lambda handlers for Amazon Chime SDK PSTN Audio
//!
//! A SIP media application (SMA) invokes its Lambda function on every telephony event of a call
//! and runs the list of actions the function answers with. `sma-core` models that contract
//! completely and leniently:
//!
//! - [`event`]: the invocation ([`Invocation`]), its 11 event types, `CallDetails`, participants
//!   and the typed `ActionData` echo of every action;
//! - [`action`]: the 18 actions with every parameter typed;
//! - [`response`]: the response envelope, transaction attributes and the service's limits;
//! - [`wire`]: what "lenient in, strict out" means here, normalization by normalization.
//!
//! ```
//! use sma_core::{Invocation, Response};
//! use sma_core::action::{Action, Hangup};
//!
//! let event: Invocation = serde_json::from_str(r#"{
//!   "SchemaVersion": "1.0", "Sequence": 1, "InvocationEventType": "NEW_INBOUND_CALL",
//!   "CallDetails": {"TransactionId": "t-1", "AwsAccountId": "111122223333", "AwsRegion": "us-east-1",
//!     "SipMediaApplicationId": "sma-1", "SipRuleId": "rule-1",
//!     "Participants": [{"CallId": "c-1", "ParticipantTag": "LEG-A", "To": "+12065550100",
//!       "From": "+12065550199", "Direction": "Inbound", "StartTimeInMilliseconds": "1700000000000"}]}
//! }"#).unwrap();
//! let reject = Response::new(vec![Action::from(Hangup::default())]);
//! assert!(reject.check(&Default::default()).is_ok());
//! # let _ = event;
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod action;
pub mod event;
pub mod response;
pub mod wire;

pub use action::{Action, ActionType, CallId, ParticipantTag, SipHeaders, TransactionId};
pub use event::{ActionData, CallDetails, EventType, Invocation, Participant};
pub use response::{Response, TransactionAttributes};

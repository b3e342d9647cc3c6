//! Moving `sma` handlers behind Amazon Connect: flows checked offline against the rules the
//! Amazon Connect documentation states ([`check()`]), the report of what an app's routes carry
//! over ([`gaps::GapReport`]), the host that runs an app behind Connect
//! ([`host::ConnectHost`]), the flow that drives it ([`flow::interpreter`]) and, with the `walk`
//! feature, the offline walk of that flow against simulator scenarios (`walk`).
//!
//! No public JSON Schema or offline validator exists for the Amazon Connect flow language: the
//! only real check is the service's own, when a flow is created or updated with status
//! `PUBLISHED`, and it needs an AWS account. [`check()`] reads a flow's content (the JSON string
//! the `CreateContactFlow` API takes) and reports every documented rule it breaks, naming the
//! rule, the action and the documentation page it comes from:
//!
//! ```
//! let flow = r#"{"Version":"2019-10-30","StartAction":"greet","Actions":[
//!   {"Identifier":"greet","Type":"MessageParticipant","Parameters":{"Text":"Hello"},
//!    "Transitions":{"NextAction":"bye","Errors":[{"NextAction":"bye","ErrorType":"NoMatchingError"}]}},
//!   {"Identifier":"bye","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}"#;
//! assert!(sma_connect::check(flow).is_ok());
//!
//! let broken = flow.replace(r#""NextAction":"bye","Errors""#, r#""NextAction":"gone","Errors""#);
//! let report = sma_connect::check(&broken);
//! assert_eq!(report.problems[0].rule, sma_connect::Rule::NextAction);
//! assert_eq!(report.problems[0].action.as_deref(), Some("greet"));
//! ```
//!
//! What is checked, and what is not, is listed on [`Rule`]. A flow that passes is not proven
//! valid: action types whose parameters this crate does not know are listed in
//! [`Report::unchecked_types`], never refused, and importing the flow with status `PUBLISHED`
//! stays the last step. The rules follow the documentation as read on [`DOCS_DATE`]; parameter
//! names have changed between versions of those pages.

#![forbid(unsafe_code)]

pub mod check;
pub mod flow;
pub mod gaps;
pub mod host;
mod parameters;
#[cfg(feature = "walk")]
pub mod walk;

pub use check::{DOCS_DATE, Problem, Report, Rule, check};

/// The README's example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

//! Start and update Amazon Chime SDK PSTN Audio calls with the same typed arguments the `sma`
//! handlers read, on the official `aws-sdk-chimesdkvoice` client.
//!
//! An outbound or live-update flow has two halves: the code that calls
//! `CreateSipMediaApplicationCall` or `UpdateSipMediaApplicationCall` with a map of strings,
//! and the handler that reads it back with [`Arguments<T>`](sma_core::Arguments). Give both
//! halves one type and a renamed key or a changed field is a compile error, not a surprise on a
//! live call:
//!
//! ```no_run
//! # async fn demo(client: aws_sdk_chimesdkvoice::Client) -> Result<(), sma_client::ClientError> {
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Reminder { appointment: String, minutes: u32 }
//!
//! // The caller's side:
//! let reminder = Reminder { appointment: "A-17".into(), minutes: 15 };
//! let id = sma_client::start_call(&client, "sma-id", "+14155550123", "+16505550177", &reminder)
//!     .sip_header("X-Campaign", "reminders")
//!     .await?;
//! // Later, on the live call:
//! sma_client::update_call(&client, "sma-id", &id, &[("action", "cancel")]).await?;
//! # Ok(()) }
//! // The handler's side:
//! // #[on(NewOutboundCall)] async fn placed(reminder: Arguments<Reminder>) -> Response { .. }
//! ```
//!
//! Before anything is sent, the request is checked as the API checks it: at most 20 arguments
//! (written by [`sma_core::arguments::to_arguments`], the mapping `Arguments<T>` reads), phone
//! numbers matching the API's pattern, at most 20 SIP headers, each an `x-` header,
//! `User-to-User` or `Diversion` with a value that cannot inject another header. What fails
//! gets a [`ClientError::Invalid`] that names the field, never the value.
//!
//! Derive `sma_core::arguments::CallArguments` beside `Serialize` to have the 20-entry limit
//! checked at compile time, on the field that is one too many.
//!
//! The simulator takes the same values: `sim.outbound_call(from, to, &reminder)` and
//! `sim.update_call(&cancel)` (see `sma_core::testing`).
#![forbid(unsafe_code)]

use aws_sdk_chimesdkvoice::Client;
use serde::Serialize;
use sma_core::TransactionId;
use sma_core::arguments::{ArgumentsMap, to_arguments};
use std::collections::HashMap;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

pub use aws_sdk_chimesdkvoice;

/// Why a call could not be started or updated.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The request breaks a rule of the API and was not sent; the message names the field and
    /// the rule, never the value.
    Invalid(String),
    /// The API answered with an error (or could not be reached).
    Api(Box<aws_sdk_chimesdkvoice::Error>),
    /// The API accepted the request but its answer carries no transaction id.
    NoTransactionId,
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Invalid(why) => write!(f, "not sent: {why}"),
            ClientError::Api(e) => write!(f, "the Chime SDK Voice API failed: {e}"),
            ClientError::NoTransactionId => f.write_str("the answer carries no transaction id"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

impl<E: Into<aws_sdk_chimesdkvoice::Error>> From<E> for ClientError {
    fn from(e: E) -> Self {
        ClientError::Api(Box::new(e.into()))
    }
}

type Sent<'a> = Pin<Box<dyn Future<Output = Result<TransactionId, ClientError>> + Send + 'a>>;

/// `CreateSipMediaApplicationCall`: calls `to` from `from` (a number of your inventory) and
/// invokes the SIP media application `sma_id` with `arguments` as `ArgumentsMap`. Await it for
/// the new call's transaction id; add SIP headers with [`StartCall::sip_header`] first.
///
/// ```no_run
/// # async fn demo(client: aws_sdk_chimesdkvoice::Client) -> Result<(), sma_client::ClientError> {
/// let id = sma_client::start_call(&client, "sma-id", "+14155550123", "+16505550177", &()).await?;
/// # Ok(()) }
/// ```
pub fn start_call<'a, T: Serialize + ?Sized>(
    client: &'a Client,
    sma_id: &str,
    from: &str,
    to: &str,
    arguments: &T,
) -> StartCall<'a> {
    StartCall {
        client,
        sma_id: sma_id.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
        arguments: to_arguments(arguments).map_err(|e| ClientError::Invalid(e.to_string())),
        sip_headers: Vec::new(),
    }
}

/// A `CreateSipMediaApplicationCall` request, sent when awaited.
#[must_use = "a request does nothing until it is awaited"]
pub struct StartCall<'a> {
    client: &'a Client,
    sma_id: String,
    from: String,
    to: String,
    arguments: Result<ArgumentsMap, ClientError>,
    sip_headers: Vec<(String, String)>,
}

impl StartCall<'_> {
    /// Adds a SIP header to the outbound leg's INVITE: `x-…`, `User-to-User` or `Diversion`.
    /// The service does not show these headers to the SIP media application's Lambda; pass what
    /// the handler needs as arguments.
    ///
    /// ```no_run
    /// # async fn demo(client: aws_sdk_chimesdkvoice::Client) -> Result<(), sma_client::ClientError> {
    /// sma_client::start_call(&client, "sma-id", "+14155550123", "+16505550177", &())
    ///     .sip_header("X-Ticket", "T-42")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn sip_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.sip_headers.push((name.into(), value.into()));
        self
    }

    /// The request as it will be sent, or why it would be refused.
    fn checked(&self) -> Result<(), ClientError> {
        check_sma_id(&self.sma_id)?;
        phone_number("FromPhoneNumber", &self.from)?;
        phone_number("ToPhoneNumber", &self.to)?;
        check_sip_headers(&self.sip_headers)
    }
}

impl<'a> IntoFuture for StartCall<'a> {
    type Output = Result<TransactionId, ClientError>;
    type IntoFuture = Sent<'a>;

    fn into_future(self) -> Sent<'a> {
        Box::pin(async move {
            self.checked()?;
            let arguments = self.arguments?;
            let mut request = self
                .client
                .create_sip_media_application_call()
                .sip_media_application_id(self.sma_id)
                .from_phone_number(self.from)
                .to_phone_number(self.to);
            if !arguments.is_empty() {
                request = request.set_arguments_map(Some(arguments.into_iter().collect()));
            }
            if !self.sip_headers.is_empty() {
                let headers: HashMap<_, _> = self.sip_headers.into_iter().collect();
                request = request.set_sip_headers(Some(headers));
            }
            let answer = request.send().await?;
            answer
                .sip_media_application_call()
                .and_then(|c| c.transaction_id())
                .map(TransactionId::from)
                .ok_or(ClientError::NoTransactionId)
        })
    }
}

/// `UpdateSipMediaApplicationCall`: sends `arguments` to the live call `transaction_id`, whose
/// handler reads them at CALL_UPDATE_REQUESTED with [`Arguments<T>`](sma_core::Arguments).
/// The API answers at once (HTTP 202); it does not wait for the handler.
///
/// ```no_run
/// # async fn demo(client: aws_sdk_chimesdkvoice::Client, id: sma_core::TransactionId) -> Result<(), sma_client::ClientError> {
/// #[derive(serde::Serialize)]
/// struct Cancel { reason: String }
/// sma_client::update_call(&client, "sma-id", &id, &Cancel { reason: "asked".into() }).await?;
/// # Ok(()) }
/// ```
pub fn update_call<'a, T: Serialize + ?Sized>(
    client: &'a Client,
    sma_id: &str,
    transaction_id: &TransactionId,
    arguments: &T,
) -> UpdateCall<'a> {
    UpdateCall {
        client,
        sma_id: sma_id.to_owned(),
        transaction_id: transaction_id.as_str().to_owned(),
        arguments: to_arguments(arguments).map_err(|e| ClientError::Invalid(e.to_string())),
    }
}

/// An `UpdateSipMediaApplicationCall` request, sent when awaited.
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdateCall<'a> {
    client: &'a Client,
    sma_id: String,
    transaction_id: String,
    arguments: Result<ArgumentsMap, ClientError>,
}

impl<'a> IntoFuture for UpdateCall<'a> {
    type Output = Result<TransactionId, ClientError>;
    type IntoFuture = Sent<'a>;

    fn into_future(self) -> Sent<'a> {
        Box::pin(async move {
            check_sma_id(&self.sma_id)?;
            if self.transaction_id.trim().is_empty() {
                return Err(ClientError::Invalid("TransactionId is empty".into()));
            }
            // `Arguments` is required by the API, even when empty.
            let arguments: HashMap<_, _> = self.arguments?.into_iter().collect();
            let answer = self
                .client
                .update_sip_media_application_call()
                .sip_media_application_id(self.sma_id)
                .transaction_id(self.transaction_id)
                .set_arguments(Some(arguments))
                .send()
                .await?;
            answer
                .sip_media_application_call()
                .and_then(|c| c.transaction_id())
                .map(TransactionId::from)
                .ok_or(ClientError::NoTransactionId)
        })
    }
}

/// The API's pattern for the SIP media application id: `.*\S.*`.
fn check_sma_id(id: &str) -> Result<(), ClientError> {
    match id.trim().is_empty() {
        true => Err(ClientError::Invalid("SipMediaApplicationId is empty".into())),
        false => Ok(()),
    }
}

/// The API's pattern for both phone numbers: `^\+?[1-9]\d{1,14}$` (the `+` is optional there).
fn phone_number(field: &str, number: &str) -> Result<(), ClientError> {
    let digits = number.strip_prefix('+').unwrap_or(number);
    let ok = (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    match ok {
        true => Ok(()),
        false => Err(ClientError::Invalid(format!(
            "{field} is not a phone number the API takes (`+` and 2 to 15 digits, the first not 0)"
        ))),
    }
}

/// The rules of the `SipHeaders` map, from `sma_syntax` (the ones `CallAndBridge` is checked by).
fn check_sip_headers(headers: &[(String, String)]) -> Result<(), ClientError> {
    let invalid = |why: String| Err(ClientError::Invalid(why));
    if headers.len() > sma_syntax::MAX_SIP_HEADERS {
        return invalid(format!(
            "SipHeaders has {} entries; the API takes at most {}",
            headers.len(),
            sma_syntax::MAX_SIP_HEADERS
        ));
    }
    for (i, (name, value)) in headers.iter().enumerate() {
        if headers[..i].iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return invalid(format!("SipHeaders names {name:?} twice"));
        }
        if let Err(e) = sma_syntax::sip_header_name(name) {
            return invalid(format!("SipHeaders: {e}"));
        }
        if let Err(e) = sma_syntax::sip_header_value(value) {
            return invalid(format!("SipHeaders[{name:?}] {e}"));
        }
        let n = sma_syntax::sip_header_len(name, value);
        if n > sma_syntax::MAX_SIP_HEADER_LEN {
            return invalid(format!(
                "SipHeaders[{name:?}] has {n} characters; a header is at most {}",
                sma_syntax::MAX_SIP_HEADER_LEN
            ));
        }
    }
    Ok(())
}

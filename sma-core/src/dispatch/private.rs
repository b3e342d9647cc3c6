//! The one door generated code goes through: `sma-macros` names nothing of `sma-core` but
//! `<crate>::__private::…` (`::sma_core`, or the path given with `crate = ".."`), so the public
//! modules can move without breaking generated code. Not a public API: it changes only together
//! with the `sma-macros` of the same release.

pub use super::extract::AnyAction;
use super::extract::FromInvocation;
use super::handler::{HandlerError, IntoResponse, Rejection};
pub use super::kind;
pub use super::request::{Request, StateMap};
pub use super::router::{RouteEntry, RouteKey, Router};
pub use crate::contract::action;
pub use crate::contract::arguments;
use crate::contract::response::Response;
use std::future::Future;

pub use super::handler::HandlerFuture;

/// Implemented by the hidden proxy that `#[on]` emits beside each handler.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an `#[on]` handler",
    label = "not annotated with `#[on(...)]`",
    note = "`handlers![...]` takes the names of async fns annotated with `#[on(Event)]`"
)]
pub trait Handler: 'static {
    /// The route.
    const ROUTE: RouteKey;
    /// The handler's name.
    const NAME: &'static str;
    /// Extracts the arguments, calls the handler, converts its output.
    fn call(req: Request) -> HandlerFuture;
    /// Start-up checks of the extractors.
    fn check(state: &StateMap) -> Result<(), String>;
}

/// The route table entry of handler `H`.
pub fn entry<H: Handler>() -> RouteEntry {
    RouteEntry::new(H::ROUTE, H::NAME, H::call, H::check)
}

/// How to extract and check one handler argument.
pub struct Arg<T> {
    /// Extracts the argument.
    pub extract: fn(&Request) -> Result<T, Rejection>,
    /// Its start-up check.
    pub check: fn(&StateMap) -> Result<(), String>,
}

/// The probe of one argument of type `T` for event `E` and action filter `A` (spanned on the
/// argument's type by the macro, so that a wrong extractor is reported there, once).
pub const fn arg<E, A, T: FromInvocation<E, A>>() -> Arg<T> {
    Arg { extract: T::from_invocation, check: T::check }
}

/// Converts a handler's output of type `R`.
pub type Respond<R> = fn(R) -> Result<Response, HandlerError>;

/// The probe of a handler's return type (spanned on it by the macro).
pub const fn responder<R: IntoResponse>() -> Respond<R> {
    R::into_response
}

/// Converts the handler's output (for `impl IntoResponse` return types).
pub fn respond<R: IntoResponse>(r: R) -> Result<Response, HandlerError> {
    r.into_response()
}

/// Boxes the adapter's future; requires it to be `Send` (spanned on the handler's name).
pub fn boxed<F>(f: F) -> HandlerFuture
where
    F: Future<Output = Result<Response, HandlerError>> + Send + 'static,
{
    Box::pin(f)
}

/// The adapter of a handler whose `#[on]` had errors (the crate does not compile, so it never
/// runs).
pub fn stub() -> HandlerFuture {
    Box::pin(async { Err(HandlerError::Unhandled("this handler did not compile".to_owned())) })
}

pub use super::kind::EventKind;
pub use crate::contract::action::ActionKind;

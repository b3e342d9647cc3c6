//! The one door generated code goes through. Not a public API: names here may change in any
//! release.

use crate::extract::FromInvocation;
use crate::handler::{HandlerError, IntoResponse, Rejection, Request, StateMap};
use crate::response::Response;
pub use crate::router::{RouteEntry, RouteKey};
use std::future::Future;
use std::pin::Pin;

/// The boxed future of a route adapter.
pub type HandlerFuture =
    Pin<Box<dyn Future<Output = Result<Response, HandlerError>> + Send + 'static>>;

/// Implemented by the hidden proxy that `#[on]` emits beside each handler.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an `#[on]` handler",
    label = "not annotated with `#[on(...)]`",
    note = "`handlers![...]` takes the names of async fns annotated with `#[on(Event)]`"
)]
pub trait Handler: 'static {
    /// The route.
    const ROUTE: RouteKey;
    /// The route as written, for messages.
    const ROUTE_TEXT: &'static str;
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

/// Extracts one argument (spanned on the argument's type by the macro, so a wrong extractor is
/// reported there).
pub fn extract<E, A, T: FromInvocation<E, A>>(req: &Request) -> Result<T, Rejection> {
    T::from_invocation(req)
}

/// The start-up check of one argument.
pub fn check<E, A, T: FromInvocation<E, A>>(state: &StateMap) -> Result<(), String> {
    T::check(state)
}

/// Converts the handler's output (spanned on the return type).
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

pub use crate::action::ActionKind;
pub use crate::event::kind::EventKind;

//! Procedural macros of `sma`: `#[on(...)]` and `handlers![...]`, the checked literals, and
//! `sma-core`'s own one-pass `Deserialize` derive for its wire structs.
//!
//! Users reach them through `sma_core` (`sma_core::on`, `sma_core::handlers`), where their
//! reference documentation lives. Each entry point converts the token stream and calls plain
//! `proc_macro2` code, which is unit-tested without a compiler.
#![forbid(unsafe_code)]

mod arguments;
mod docs;
mod handlers;
mod krate;
mod literals;
mod on;
mod suggest;
mod wire;

use proc_macro::TokenStream;

/// Routes an async fn; see `sma_core::on` for the reference.
#[proc_macro_attribute]
pub fn on(args: TokenStream, item: TokenStream) -> TokenStream {
    on::expand(args.into(), item.into()).into()
}

/// Builds the route table; see `sma_core::handlers` for the reference.
#[proc_macro]
pub fn handlers(input: TokenStream) -> TokenStream {
    handlers::expand(input.into()).into()
}

/// A phone number checked at compile time; see `sma_core::e164`.
#[proc_macro]
pub fn e164(input: TokenStream) -> TokenStream {
    literals::e164(input.into()).into()
}

/// A digits regex checked at compile time; see `sma_core::regex`.
#[proc_macro]
pub fn regex(input: TokenStream) -> TokenStream {
    literals::regex(input.into()).into()
}

/// A DTMF string checked at compile time; see `sma_core::dtmf`.
#[proc_macro]
pub fn dtmf(input: TokenStream) -> TokenStream {
    literals::dtmf(input.into()).into()
}

/// Terminator keys checked at compile time; see `sma_core::keys`.
#[proc_macro]
pub fn keys(input: TokenStream) -> TokenStream {
    literals::keys(input.into()).into()
}

/// Counts the arguments of an API call at compile time; see `sma_core::arguments::CallArguments`.
#[proc_macro_derive(CallArguments, attributes(serde))]
pub fn call_arguments(input: TokenStream) -> TokenStream {
    arguments::expand(input.into()).into()
}

/// The table of the events `#[on]` routes, rendered from the catalog for `sma_core::on`'s
/// reference.
#[doc(hidden)]
#[proc_macro]
pub fn __event_table(input: TokenStream) -> TokenStream {
    docs::expand(input.into()).into()
}

/// `sma-core`'s one-pass `Deserialize` for its wire structs (not for use outside `sma-core`).
/// The generated code names the module `wire`, which the deriving module imports
/// (`use crate::contract::wire;`): the dependency shows in its imports, where the layering and
/// cycle tests see it.
#[doc(hidden)]
#[proc_macro_derive(DeserializeWire, attributes(serde, wire))]
pub fn deserialize_wire(input: TokenStream) -> TokenStream {
    wire::expand(input.into()).into()
}

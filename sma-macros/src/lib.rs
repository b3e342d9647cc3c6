//! Procedural macros of `sma`: `#[on(...)]` and `handlers![...]`.
//!
//! Users reach them through `sma_core` (`sma_core::on`, `sma_core::handlers`), where their
//! reference documentation lives. Each entry point converts the token stream and calls plain
//! `proc_macro2` code, which is unit-tested without a compiler.
#![forbid(unsafe_code)]

mod contract;
mod handlers;
mod on;
mod suggest;

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

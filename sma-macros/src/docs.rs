//! Documentation rendered from the catalog, so that `sma-core`'s reference states each fact of
//! the catalog once: the catalog is the source, the rendered table a view of it.

use proc_macro2::TokenStream;
use quote::quote;
use sma_syntax::catalog::EVENTS;

/// The route table of `#[on]`'s reference, one row per event: its name in `#[on(..)]`, its wire
/// value, whether `leg = "LEG-B"` can match it and whether `action = ..` can filter it.
pub(crate) fn event_table() -> String {
    let mut table = String::from(
        "| `#[on(..)]` | wire value | `leg = \"LEG-B\"`? | `action = ..`? |\n|---|---|---|---|\n",
    );
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    for e in EVENTS {
        let action = match e.only_action {
            Some(only) => format!("`{only}` only"),
            None => yes_no(e.carries_action).to_owned(),
        };
        table.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            e.name,
            e.wire,
            yes_no(e.about_leg_b),
            action
        ));
    }
    table
}

/// The table as a string literal, for `#[doc = ..]`.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    if !input.is_empty() {
        return quote!(::core::compile_error!("takes no input"));
    }
    let table = event_table();
    quote!(#table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_event_from_the_catalog() {
        let table = event_table();
        assert_eq!(table.lines().count(), 2 + EVENTS.len());
        assert!(table.contains("| `Hangup` | `HANGUP` | yes | yes |"), "{table}");
        assert!(
            table.contains("| `DigitsReceived` | `DIGITS_RECEIVED` | yes | `ReceiveDigits` only |")
        );
        assert!(table.contains("| `NewInboundCall` | `NEW_INBOUND_CALL` | no | no |"));
    }
}

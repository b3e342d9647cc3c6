//! `handlers![a, b, path::c]`: the route table, with duplicate routes rejected at compile time.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Path, Token};

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let paths = match Punctuated::<Path, Token![,]>::parse_terminated.parse2(input) {
        Ok(p) => p,
        Err(e) => {
            return syn::Error::new(
                e.span(),
                format!("{e}; `handlers![..]` takes the names of `#[on]` handlers, e.g. `handlers![greet, menu, calls::hangup]`"),
            )
            .to_compile_error();
        }
    };
    let paths: Vec<&Path> = paths.iter().collect();
    let mut checks = Vec::new();
    // Rule: one handler per route. Each pair is compared in a `const`, and the error is spanned
    // on the second of the two.
    for (j, second) in paths.iter().enumerate() {
        for first in &paths[..j] {
            let message = format!(
                "duplicate route in `handlers![..]`: `{}` answers the same route as `{}`; give one of them another event, leg or action filter, or remove one",
                path_text(second),
                path_text(first)
            );
            checks.push(quote_spanned! {second.span()=>
                const _: () = if ::sma_core::__private::RouteKey::duplicates(
                    <#first as ::sma_core::__private::Handler>::ROUTE,
                    <#second as ::sma_core::__private::Handler>::ROUTE,
                ) {
                    ::core::panic!(#message)
                };
            });
        }
    }
    let entries =
        paths.iter().map(|p| quote_spanned!(p.span()=> ::sma_core::__private::entry::<#p>()));
    quote! {
        {
            #(#checks)*
            ::sma_core::Router::from_entries(::std::vec![#(#entries),*])
        }
    }
}

fn path_text(p: &Path) -> String {
    quote!(#p).to_string().replace(' ', "")
}

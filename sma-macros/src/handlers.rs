//! `handlers![a, b, path::c]`: the route table, with duplicate routes and names that are not
//! `#[on]` handlers rejected at compile time.
//!
//! Each path is imported under an alias (`use path as __sma_h0;`), next to a glob import of
//! fallback types with the same aliases. An `#[on]` handler has a proxy in the type namespace,
//! which the explicit import brings in and which shadows the fallback; a plain function only
//! has a value, so the alias's type namespace falls back to a type whose route says "not a
//! handler", and one `const` check reports that, spanned on the path, with the fix. Everything
//! else is written against the aliases, so a mistake gives one error, not one per use.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Ident, Path, Token};

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let parser = |input: ParseStream<'_>| {
        let krate = crate::krate::leading(input)?;
        Ok((krate, Punctuated::<Path, Token![,]>::parse_terminated(input)?))
    };
    let (krate, paths) = match parser.parse2(input) {
        Ok(parsed) => parsed,
        Err(e) => {
            return syn::Error::new(
                e.span(),
                format!("{e}; `handlers![..]` takes the names of `#[on]` handlers, e.g. `handlers![greet, menu, calls::hangup]` (optionally after `crate = \"path\";`)"),
            )
            .to_compile_error();
        }
    };
    let private = krate.private();
    let paths: Vec<&Path> = paths.iter().collect();
    // Errors point at the handler's name (the last segment of its path).
    let name_span = |p: &Path| p.segments.last().map_or_else(|| p.span(), |s| s.ident.span());
    if paths.is_empty() {
        return quote!(#private::Router::from_entries(::std::vec::Vec::new()));
    }
    // Each alias carries its path's span, so that an error about it points at the path.
    let aliases: Vec<Ident> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| format_ident!("__sma_h{}", i, span = name_span(p)))
        .collect();
    let fallbacks = aliases.iter().map(|alias| {
        quote! {
            pub struct #alias;
            #[diagnostic::do_not_recommend]
            impl #private::Handler for #alias {
                const ROUTE: #private::RouteKey =
                    #private::RouteKey::NOT_A_HANDLER;
                const NAME: &'static str = "";
                fn call(_: #private::Request) -> #private::HandlerFuture {
                    #private::stub()
                }
                fn check(_: &#private::StateMap) -> ::core::result::Result<(), ::std::string::String> {
                    ::core::result::Result::Ok(())
                }
            }
        }
    });
    let imports = paths.iter().zip(&aliases).map(|(path, alias)| {
        quote_spanned! {path.span()=>
            #[allow(unused_imports)]
            use #path as #alias;
        }
    });
    // Rule: every name is an `#[on]` handler. A plain function falls back to a type whose route
    // is NOT_A_HANDLER (see the module documentation).
    let not_handlers = paths.iter().zip(&aliases).map(|(path, alias)| {
        let name = path_text(path);
        let fn_name = path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let message = format!(
            "`{name}` is not an `#[on]` handler: annotate it with the event it answers, e.g. `#[on(NewInboundCall)]` above `async fn {fn_name}`"
        );
        let private = krate.private_at(name_span(path));
        quote_spanned! {name_span(path)=>
            const _: () = if #private::RouteKey::is_not_a_handler(
                <#alias as #private::Handler>::ROUTE,
            ) {
                ::core::panic!(#message)
            };
        }
    });
    let mut duplicates = Vec::new();
    // Rule: one handler per route. Each pair is compared in a `const`, and the error is spanned
    // on the second of the two.
    for (j, second) in paths.iter().enumerate() {
        for (i, first) in paths[..j].iter().enumerate() {
            let message = format!(
                "duplicate route in `handlers![..]`: `{}` answers the same route as `{}`; give one of them another event, leg or action filter, or remove one",
                path_text(second),
                path_text(first)
            );
            let (a, b) = (&aliases[i], &aliases[j]);
            let private = krate.private_at(name_span(second));
            duplicates.push(quote_spanned! {name_span(second)=>
                const _: () = if #private::RouteKey::duplicates(
                    <#a as #private::Handler>::ROUTE,
                    <#b as #private::Handler>::ROUTE,
                ) {
                    ::core::panic!(#message)
                };
            });
        }
    }
    let entries = paths.iter().zip(&aliases).map(|(p, alias)| {
        let private = krate.private_at(p.span());
        quote_spanned!(p.span()=> #private::entry::<#alias>())
    });
    quote! {
        {
            #[allow(non_camel_case_types, dead_code, unreachable_pub)]
            mod __sma_fallback {
                #(#fallbacks)*
            }
            #[allow(unused_imports)]
            use __sma_fallback::*;
            #(#imports)*
            #(#not_handlers)*
            #(#duplicates)*
            #private::Router::from_entries(::std::vec![#(#entries),*])
        }
    }
}

fn path_text(p: &Path) -> String {
    quote!(#p).to_string().replace(' ', "")
}

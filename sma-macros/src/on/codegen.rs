//! Generate: the hidden proxy beside a handler. Holds no error paths: the model is valid.

use super::check::Model;
use super::parse::RawFn;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub(crate) fn handler(func: &RawFn, m: &Model) -> TokenStream {
    let original = func.to_tokens();
    let vis = &func.vis;
    let ident = &func.sig.ident;
    let name = ident.to_string();
    let event = &m.event;
    let event_path = quote_spanned!(event.span()=> ::sma_core::kind::#event);
    let (action_path, action_index) = match &m.action {
        Some(a) => {
            let path = quote_spanned!(a.span()=> ::sma_core::action::#a);
            let index = quote!(<#path as ::sma_core::__private::ActionKind>::INDEX);
            (path, index)
        }
        None => (quote!(::sma_core::AnyAction), quote!(0u8)),
    };
    let leg = m.leg;
    let req = quote_spanned!(Span::mixed_site()=> __sma_req);
    let state = quote_spanned!(Span::mixed_site()=> __sma_state);
    let out = quote_spanned!(Span::mixed_site()=> __sma_out);
    let locals: Vec<_> = (0..m.args.len())
        .map(|i| {
            let mut id = format_ident!("__sma_arg{}", i);
            id.set_span(Span::mixed_site());
            id
        })
        .collect();
    // One probe per argument, in an associated const spanned on the argument's type: a wrong
    // extractor is reported once, there.
    let arg_consts: Vec<_> = (0..m.args.len())
        .map(|i| {
            let mut id = format_ident!("__SMA_ARG{}", i);
            id.set_span(Span::mixed_site());
            id
        })
        .collect();
    let probes = m.args.iter().zip(&arg_consts).map(|(ty, c)| {
        quote_spanned!(ty.span()=>
            const #c: ::sma_core::__private::Arg<#ty> =
                ::sma_core::__private::arg::<#event_path, #action_path, #ty>();
        )
    });
    let extracts = arg_consts
        .iter()
        .zip(&locals)
        .map(|(c, local)| quote!(let #local = (#ident::#c.extract)(&#req)?;));
    let checks = arg_consts.iter().map(|c| quote!((#ident::#c.check)(#state)?;));
    let call =
        if m.is_async { quote!(#ident(#(#locals),*).await) } else { quote!(#ident(#(#locals),*)) };
    // The return type is probed in a const spanned on it, so a type that is not a response is
    // reported there; `impl Trait` cannot be named in a const and is converted directly.
    let (ret_probe, respond) = match &m.output {
        Some(ty) if !matches!(ty, syn::Type::ImplTrait(_)) => {
            let probe = quote_spanned!(ty.span()=>
                const __SMA_RESPOND: ::sma_core::__private::Respond<#ty> =
                    ::sma_core::__private::responder::<#ty>();
            );
            (probe, quote!((#ident::__SMA_RESPOND)(#out)))
        }
        _ => (TokenStream::new(), quote!(::sma_core::__private::respond(#out))),
    };
    // The adapter's future, spanned on the handler's name: a handler whose future is not
    // `Send` is reported there.
    let adapter = quote_spanned! {ident.span()=>
        ::sma_core::__private::boxed(async move {
            #(#extracts)*
            let #out = #call;
            #respond
        })
    };
    quote! {
        #original

        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #ident {}

        impl #ident {
            #(#probes)*
            #ret_probe
        }

        impl ::sma_core::__private::Handler for #ident {
            const ROUTE: ::sma_core::__private::RouteKey = ::sma_core::__private::RouteKey::new(
                <#event_path as ::sma_core::__private::EventKind>::INDEX,
                #leg,
                #action_index,
            );
            const NAME: &'static str = #name;
            fn call(#req: ::sma_core::Request) -> ::sma_core::__private::HandlerFuture {
                #adapter
            }
            fn check(#state: &::sma_core::StateMap) -> ::core::result::Result<(), ::std::string::String> {
                #(#checks)*
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// Emitted when the item has errors: a proxy that `handlers![..]` accepts without a second
/// error.
pub(crate) fn stub(func: &RawFn) -> TokenStream {
    let vis = &func.vis;
    let ident = &func.sig.ident;
    let name = ident.to_string();
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #ident {}

        impl ::sma_core::__private::Handler for #ident {
            const ROUTE: ::sma_core::__private::RouteKey = ::sma_core::__private::RouteKey::STUB;
            const NAME: &'static str = #name;
            fn call(_: ::sma_core::Request) -> ::sma_core::__private::HandlerFuture {
                ::sma_core::__private::stub()
            }
            fn check(_: &::sma_core::StateMap) -> ::core::result::Result<(), ::std::string::String> {
                ::core::result::Result::Ok(())
            }
        }
    }
}

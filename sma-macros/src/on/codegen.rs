//! Generate: the hidden proxy beside a handler. Holds no error paths: the model is valid.

use super::check::Model;
use super::parse::RawFn;
use crate::krate::Krate;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub(crate) fn handler(func: &RawFn, m: &Model) -> TokenStream {
    let original = func.to_tokens();
    let vis = &func.vis;
    let ident = &func.sig.ident;
    let name = ident.to_string();
    let event = &m.event;
    let p = m.krate.private();
    let event_path = {
        let p = m.krate.private_at(event.span());
        quote_spanned!(event.span()=> #p::kind::#event)
    };
    let (action_path, action_index) = match &m.action {
        Some(a) => {
            let at = m.krate.private_at(a.span());
            let path = quote_spanned!(a.span()=> #at::action::#a);
            let index = quote!(<#path as #p::ActionKind>::INDEX);
            (path, index)
        }
        None => (quote!(#p::AnyAction), quote!(0u8)),
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
        let p = m.krate.private_at(ty.span());
        quote_spanned!(ty.span()=>
            const #c: #p::Arg<#ty> =
                #p::arg::<#event_path, #action_path, #ty>();
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
            let p = m.krate.private_at(ty.span());
            let probe = quote_spanned!(ty.span()=>
                const __SMA_RESPOND: #p::Respond<#ty> =
                    #p::responder::<#ty>();
            );
            (probe, quote!((#ident::__SMA_RESPOND)(#out)))
        }
        _ => (TokenStream::new(), quote!(#p::respond(#out))),
    };
    let at_name = m.krate.private_at(ident.span());
    // The adapter's future, spanned on the handler's name: a handler whose future is not
    // `Send` is reported there.
    let adapter = quote_spanned! {ident.span()=>
        #at_name::boxed(async move {
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

        impl #p::Handler for #ident {
            const ROUTE: #p::RouteKey = #p::RouteKey::new(
                <#event_path as #p::EventKind>::INDEX,
                #leg,
                #action_index,
            );
            const NAME: &'static str = #name;
            fn call(#req: #p::Request) -> #p::HandlerFuture {
                #adapter
            }
            fn check(#state: &#p::StateMap) -> ::core::result::Result<(), ::std::string::String> {
                #(#checks)*
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// Emitted when the item has errors: a proxy that `handlers![..]` accepts without a second
/// error.
pub(crate) fn stub(func: &RawFn, krate: &Krate) -> TokenStream {
    let p = krate.private();
    let vis = &func.vis;
    let ident = &func.sig.ident;
    let name = ident.to_string();
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #ident {}

        impl #p::Handler for #ident {
            const ROUTE: #p::RouteKey = #p::RouteKey::STUB;
            const NAME: &'static str = #name;
            fn call(_: #p::Request) -> #p::HandlerFuture {
                #p::stub()
            }
            fn check(_: &#p::StateMap) -> ::core::result::Result<(), ::std::string::String> {
                ::core::result::Result::Ok(())
            }
        }
    }
}

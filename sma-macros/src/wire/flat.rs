//! The `Flat` impl of a struct of plain fields: how it is read from the keys of the object it
//! is flattened into.

use super::{Field, last_segment, read_value, with_wrapper};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A struct of plain fields can itself be flattened into another (`DigitCollection` into the
/// `*GetDigits` actions): it takes its keys as they come.
pub(super) fn flat_impl(name: &syn::Ident, fields: &[&Field]) -> TokenStream {
    let wire = quote!(wire);
    let parts = format_ident!("{}WireParts", name);
    let idents: Vec<_> = fields.iter().map(|f| &f.ident).collect();
    let tys: Vec<_> = fields.iter().map(|f| &f.ty).collect();
    let withs = fields.iter().filter_map(|f| with_wrapper(f));
    let arms = fields.iter().map(|f| {
        let (ident, key, aliases) = (&f.ident, &f.key, &f.aliases);
        let read = read_value(f, &quote!(parts.#ident), &quote!(map));
        quote! {
            #key #(| #aliases)* => {
                if parts.#ident.is_some() {
                    return ::core::result::Result::Err(
                        <__A::Error as ::serde::de::Error>::duplicate_field(#key),
                    );
                }
                #read
                ::core::result::Result::Ok(true)
            }
        }
    });
    let inits = fields.iter().map(|f| {
        let (ident, key) = (&f.ident, &f.key);
        let missing = if f.default {
            quote!(::core::default::Default::default())
        } else if last_segment(&f.ty).as_deref() == Some("Option") {
            quote!(::core::option::Option::None)
        } else {
            quote!(return ::core::result::Result::Err(__E::missing_field(#key)))
        };
        quote! {
            #ident: match parts.#ident.take() {
                ::core::option::Option::Some(v) => v,
                ::core::option::Option::None => #missing,
            }
        }
    });
    quote! {
        #[doc(hidden)]
        #[derive(Default)]
        pub(crate) struct #parts {
            #(#idents: ::core::option::Option<#tys>,)*
        }
        impl<'de> #wire::Flat<'de> for #name {
            type Parts = #parts;
            fn take<__A: ::serde::de::MapAccess<'de>>(
                parts: &mut #parts,
                key: &str,
                map: &mut __A,
            ) -> ::core::result::Result<bool, __A::Error> {
                #(#withs)*
                match key {
                    #(#arms)*
                    _ => ::core::result::Result::Ok(false),
                }
            }
            fn finish<__E: ::serde::de::Error>(
                parts: &mut #parts,
            ) -> ::core::result::Result<Self, __E> {
                ::core::result::Result::Ok(#name { #(#inits,)* })
            }
        }
    }
}

//! `#[derive(CallArguments)]`: the arguments of `CreateSipMediaApplicationCall` and
//! `UpdateSipMediaApplicationCall` counted at compile time, where the type allows it.
//!
//! A value is written as one entry per top-level field (`sma_core::arguments`), and the API
//! takes at most 20. The derive counts the entries a type can write, the way serde writes them
//! (`skip` and `skip_serializing` fields left out, an internal `tag` counted), and refuses a
//! type that can write more, on the field that is one too many. A type it cannot count (a
//! `flatten`ed field, a newtype) is checked when it is sent. A shape that is never a map (a
//! tuple struct, a unit variant of an enum without `tag`) is refused too.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Fields};

use sma_syntax::MAX_ARGUMENTS;

/// What the serde attributes of an item say about how it is written.
#[derive(Default)]
struct Serde {
    skip: bool,
    flatten: bool,
    tag: bool,
    content: bool,
    untagged: bool,
}

fn serde(attrs: &[Attribute]) -> syn::Result<Serde> {
    let mut found = Serde::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let name = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            match name.as_str() {
                "skip" | "skip_serializing" => found.skip = true,
                "flatten" => found.flatten = true,
                "tag" => found.tag = true,
                "content" => found.content = true,
                "untagged" => found.untagged = true,
                _ => {}
            }
            // Skip the value of `name = ..` or `name(..)`, whatever it is.
            if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            } else if meta.input.peek(syn::token::Paren) {
                let _content;
                syn::parenthesized!(_content in meta.input);
            }
            Ok(())
        })?;
    }
    Ok(found)
}

/// The entries `fields` write, `extra` more besides (a tag): `None` if they cannot be counted.
/// A field past the limit is an error on that field.
fn count(fields: &Fields, extra: usize, what: &str) -> syn::Result<Option<usize>> {
    let Fields::Named(named) = fields else {
        return Ok(None);
    };
    let mut n = extra;
    for field in &named.named {
        let attrs = serde(&field.attrs)?;
        if attrs.flatten {
            return Ok(None);
        }
        if attrs.skip {
            continue;
        }
        n += 1;
        if n == MAX_ARGUMENTS + 1 {
            let name = field.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
            return Err(syn::Error::new(
                field.span(),
                format!(
                    "`{name}` is argument {n} of {what}; CreateSipMediaApplicationCall and \
                     UpdateSipMediaApplicationCall take at most {MAX_ARGUMENTS}: group fields into a \
                     nested struct (sent as one argument, as JSON text), or leave some out"
                ),
            ));
        }
    }
    Ok(Some(n))
}

/// Expands the derive.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    match derive(input) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}

fn derive(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let name = &input.ident;
    let what = format!("`{name}`");
    let top = serde(&input.attrs)?;
    let counted = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(_) => count(&s.fields, 0, &what)?,
            Fields::Unnamed(u) if u.unnamed.len() == 1 => None,
            _ => {
                return Err(syn::Error::new(
                    name.span(),
                    "arguments are a map of names to values: give the struct named fields",
                ));
            }
        },
        Data::Enum(e) => {
            let tag = usize::from(top.tag) + usize::from(top.content);
            let mut most = Some(0);
            for variant in &e.variants {
                let n = match (&variant.fields, top.tag || top.untagged) {
                    (Fields::Unit, false) => {
                        return Err(syn::Error::new(
                            variant.ident.span(),
                            format!(
                                "the unit variant `{}` is written as a bare string, not as \
                                 arguments: name the key it goes in with `#[serde(tag = \"action\")]` \
                                 on the enum",
                                variant.ident
                            ),
                        ));
                    }
                    // Externally tagged: one entry, the variant's name, its value as JSON text.
                    (_, false) => Some(1),
                    (fields @ Fields::Named(_), true) if !top.content => {
                        count(fields, tag, &format!("{what}::{}", variant.ident))?
                    }
                    (Fields::Unit, true) => Some(tag),
                    (_, true) if top.content => Some(tag),
                    _ => None,
                };
                most = most.zip(n).map(|(a, b)| a.max(b));
            }
            most
        }
        Data::Union(_) => {
            return Err(syn::Error::new(Span::call_site(), "arguments cannot be a union"));
        }
    };
    let entries = match counted {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    };
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let private = crate::krate::Krate::default().private();
    Ok(quote! {
        impl #impl_generics #private::arguments::CallArguments for #name #ty_generics #where_clause {
            const MAX_ENTRIES: ::core::option::Option<usize> = #entries;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(input: TokenStream) -> String {
        expand(input).to_string()
    }

    #[test]
    fn counts_as_serde_writes() {
        let s = entries(quote! {
            struct R { a: String, #[serde(skip)] b: u8, #[serde(rename = "c", default)] c: u8 }
        });
        assert!(s.contains("Some (2usize)"), "{s}");
        let e = entries(quote! {
            #[serde(tag = "action")]
            enum U { Mute { who: String }, Transfer { to: String, from: String }, Hangup }
        });
        assert!(e.contains("Some (3usize)"), "{e}");
        let f = entries(
            quote! { struct F { #[serde(flatten)] rest: std::collections::BTreeMap<String, String> } },
        );
        assert!(f.contains("None"), "{f}");
    }

    #[test]
    fn refuses_one_too_many_and_shapes_that_are_no_map() {
        let fields: Vec<TokenStream> = (0..21)
            .map(|i| {
                let f = syn::Ident::new(&format!("f{i}"), Span::call_site());
                quote!(#f: u8)
            })
            .collect();
        let s = entries(quote! { struct Big { #(#fields),* } });
        assert!(s.contains("`f20` is argument 21"), "{s}");
        assert!(entries(quote! { struct T(u8, u8); }).contains("named fields"));
        assert!(entries(quote! { enum E { A, B } }).contains("bare string"));
    }
}

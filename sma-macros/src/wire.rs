//! `#[derive(DeserializeWire)]`: the `Deserialize` of `sma-core`'s wire structs, in one pass.
//!
//! It reads the same `#[serde(...)]` attributes as serde's derive (`rename_all = "PascalCase"`,
//! `rename`, `alias`, `default`, `deserialize_with`, `flatten`) and differs in what it does with
//! the keys it does not know: serde buffers every unknown entry of a struct with a flattened
//! field and replays the buffer into each flattened field, which allocates for every key on
//! every event. Here each key is read once and goes straight to its place:
//!
//! - a named field: its value is deserialized in place;
//! - a `#[serde(flatten)]` field of a type implementing `sma-core`'s internal `Flat` trait
//!   (a leg `Target`, the subject of an `ActionData`): the type takes the keys it owns;
//! - the one `#[serde(flatten)]` field of type `Extra`: everything else, kept as
//!   received.
//!
//! Each struct but a `#[wire(boxed)]` one (below) is read *into a place* (`sma-core`'s
//! internal `ReadInto`): its visitor writes the value where the caller keeps it instead of
//! returning it through serde's results, each of which copies it. A field marked
//! `#[wire(in_place)]` (a struct this derive reads, or an `Option` of one) is read that way
//! into its slot; `Deserialize` reads into a local place.
//!
//! `#[wire(boxed)]` on the struct makes its reader return the value in a `Box` and adds a
//! crate-private `deserialize_boxed` returning that box (for a large struct read behind an
//! `Option<Box<_>>`, which serde's own `Box` reading would copy through each result).
//!
//! The generated code names `wire::…`, the module the deriving file imports
//! (`use crate::contract::wire;`), so this derive is for `sma-core` only.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr, Type};

mod flat;
use flat::flat_impl;

/// One named field of the struct.
struct Field {
    ident: syn::Ident,
    ty: Type,
    key: String,
    aliases: Vec<String>,
    default: bool,
    with: Option<syn::ExprPath>,
    flatten: bool,
    /// `#[wire(in_place)]`: read into its slot (`wire::ReadInto`), not returned and moved.
    in_place: bool,
}

/// Expands the derive.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input).and_then(|input| derive(&input)) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}

fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(input.ident.span(), "DeserializeWire is for structs"));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(input.ident.span(), "DeserializeWire needs named fields"));
    };
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(input.generics.span(), "DeserializeWire takes no generics"));
    }
    let pascal = rename_all(&input.attrs)?;
    let boxed = boxed(&input.attrs)?;
    let fields = named.named.iter().map(|f| field(f, pascal)).collect::<syn::Result<Vec<_>>>()?;
    Ok(generate(&input.ident, &fields, boxed))
}

/// `true` for `#[wire(boxed)]`: the reader builds the value in its box, and the struct gets a
/// `deserialize_boxed` that returns the box (a large value read behind an `Option<Box<_>>`
/// is then not copied through each result on its way up).
fn boxed(attrs: &[syn::Attribute]) -> syn::Result<bool> {
    let mut boxed = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("wire")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("boxed") {
                boxed = true;
                Ok(())
            } else {
                Err(meta.error("DeserializeWire reads #[wire(boxed)] only"))
            }
        })?;
    }
    Ok(boxed)
}

/// `true` for `#[serde(rename_all = "PascalCase")]`, the one renaming the wire uses.
fn rename_all(attrs: &[syn::Attribute]) -> syn::Result<bool> {
    let mut pascal = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let value: LitStr = meta.value()?.parse()?;
                if value.value() != "PascalCase" {
                    return Err(meta.error("DeserializeWire supports rename_all = \"PascalCase\""));
                }
                pascal = true;
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        })?;
    }
    Ok(pascal)
}

fn field(f: &syn::Field, pascal: bool) -> syn::Result<Field> {
    let ident = f.ident.clone().ok_or_else(|| syn::Error::new(f.span(), "a named field"))?;
    let name = ident.to_string();
    let mut out = Field {
        key: if pascal { pascal_case(&name) } else { name },
        ident,
        ty: f.ty.clone(),
        aliases: Vec::new(),
        default: false,
        with: None,
        flatten: false,
        in_place: false,
    };
    for attr in f.attrs.iter().filter(|a| a.path().is_ident("wire")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("in_place") {
                out.in_place = true;
                Ok(())
            } else {
                Err(meta.error("DeserializeWire reads #[wire(in_place)] on a field"))
            }
        })?;
    }
    for attr in f.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let path = &meta.path;
            if path.is_ident("rename") {
                out.key = meta.value()?.parse::<LitStr>()?.value();
            } else if path.is_ident("alias") {
                out.aliases.push(meta.value()?.parse::<LitStr>()?.value());
            } else if path.is_ident("default") {
                out.default = true;
            } else if path.is_ident("flatten") {
                out.flatten = true;
            } else if path.is_ident("deserialize_with") {
                out.with = Some(meta.value()?.parse::<LitStr>()?.parse()?);
            } else if path.is_ident("skip_serializing_if") || path.is_ident("serialize_with") {
                let _: LitStr = meta.value()?.parse()?;
            } else {
                return Err(meta.error("an attribute DeserializeWire does not read"));
            }
            Ok(())
        })?;
    }
    if out.in_place && (out.flatten || out.with.is_some()) {
        return Err(syn::Error::new(
            f.span(),
            "#[wire(in_place)] reads the field's own type: drop `flatten` or `deserialize_with`",
        ));
    }
    Ok(out)
}

/// The statement that reads the value of field `f` into `slot` (an `Option` of the field's
/// type, `None` until read) from the map access `map`.
fn read_value(f: &Field, slot: &TokenStream, map: &TokenStream) -> TokenStream {
    let wire = quote!(wire);
    let access = quote!(::serde::de::MapAccess);
    if f.in_place {
        return if last_segment(&f.ty).as_deref() == Some("Option") {
            quote!(#access::next_value_seed(#map, #wire::OptionSlotSeed(#slot.insert(None)))?;)
        } else {
            quote!(#access::next_value_seed(#map, #wire::SlotSeed(&mut #slot))?;)
        };
    }
    let value = match &f.with {
        Some(_) => {
            let wrapper = format_ident!("__With_{}", f.ident);
            quote!(#access::next_value::<#wrapper>(#map)?.0)
        }
        None => quote!(#access::next_value(#map)?),
    };
    quote!(#slot = ::core::option::Option::Some(#value);)
}

/// `sip_media_application_id` → `SipMediaApplicationId`, as serde's `PascalCase`.
fn pascal_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string())
                + chars.as_str()
        })
        .collect()
}

/// The last path segment of a type: `Option` for `Option<T>`, `Extra` for `wire::Extra`.
fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn generate(name: &syn::Ident, fields: &[Field], boxed: bool) -> TokenStream {
    let expecting = format!("struct {name}");
    let is_extra = |f: &&Field| f.flatten && last_segment(&f.ty).as_deref() == Some("Extra");
    let plain: Vec<&Field> = fields.iter().filter(|f| !f.flatten).collect();
    let flats: Vec<&Field> = fields.iter().filter(|f| f.flatten && !is_extra(f)).collect();
    let extra = fields.iter().find(is_extra);
    let wire = quote!(wire);
    let error = quote!(<__A::Error as ::serde::de::Error>);

    let slot = |f: &Field| format_ident!("__slot_{}", f.ident);
    let decls = plain.iter().map(|f| {
        let (slot, ty) = (slot(f), &f.ty);
        quote!(let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    let withs = plain.iter().filter_map(|f| with_wrapper(f));
    let arms = plain.iter().map(|f| {
        let slot = slot(f);
        let key = &f.key;
        let aliases = &f.aliases;
        let read = read_value(f, &quote!(#slot), &quote!(&mut __map));
        quote! {
            #key #(| #aliases)* => {
                if #slot.is_some() {
                    return ::core::result::Result::Err(#error::duplicate_field(#key));
                }
                #read
            }
        }
    });
    let flat_slot = |f: &Field| format_ident!("__flat_{}", f.ident);
    let flat_decls = flats.iter().map(|f| {
        let (slot, ty) = (flat_slot(f), &f.ty);
        quote!(let mut #slot = <#ty as #wire::Flat<'de>>::Parts::default();)
    });
    let flat_takes = flats.iter().map(|f| {
        let (slot, ty) = (flat_slot(f), &f.ty);
        quote! {
            if <#ty as #wire::Flat<'de>>::take(&mut #slot, __other, &mut __map)? {
                continue;
            }
        }
    });
    let rest = match extra {
        Some(_) => quote! {
            let __value: ::serde_json::Value = ::serde::de::MapAccess::next_value(&mut __map)?;
            __extra.insert(__key.into_string(), __value);
        },
        None => quote! {
            let _ = __other;
            ::serde::de::MapAccess::next_value::<::serde::de::IgnoredAny>(&mut __map)?;
        },
    };
    let extra_decl = extra.map(|_| quote!(let mut __extra = #wire::Extra::new();));
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.flatten {
            if extra.is_some_and(|e| e.ident == f.ident) {
                return quote!(#ident: __extra);
            }
            let (slot, ty) = (flat_slot(f), &f.ty);
            return quote!(#ident: <#ty as #wire::Flat<'de>>::finish::<__A::Error>(&mut #slot)?);
        }
        let (slot, key) = (slot(f), &f.key);
        let missing = if f.default {
            quote!(::core::default::Default::default())
        } else if last_segment(&f.ty).as_deref() == Some("Option") {
            quote!(::core::option::Option::None)
        } else {
            quote!(return ::core::result::Result::Err(#error::missing_field(#key)))
        };
        quote! {
            #ident: match #slot {
                ::core::option::Option::Some(v) => v,
                ::core::option::Option::None => #missing,
            }
        }
    });
    let visitor = syn::Ident::new("__Visitor", Span::mixed_site());
    let flat_impl = (extra.is_none() && flats.is_empty()).then(|| flat_impl(name, &plain));
    let built = quote!(#name { #(#inits,)* });
    let body = quote! {
        #(#withs)*
        #(#decls)*
        #(#flat_decls)*
        #extra_decl
        while let ::core::option::Option::Some(__key) =
            ::serde::de::MapAccess::next_key::<#wire::Key<'de>>(&mut __map)?
        {
            match __key.as_str() {
                #(#arms)*
                __other => {
                    #(#flat_takes)*
                    #rest
                }
            }
        }
    };
    let expecting = quote! {
        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(#expecting)
        }
    };
    let reader = if boxed {
        // Read into a new box, returned: the one struct read behind an `Option<Box<_>>`.
        quote! {
            struct #visitor;
            impl #name {
                /// Reads the value into its box (`#[wire(boxed)]`).
                pub(crate) fn deserialize_boxed<'de, __D: ::serde::Deserializer<'de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<::std::boxed::Box<Self>, __D::Error> {
                    ::serde::Deserializer::deserialize_map(deserializer, #visitor)
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<__D: ::serde::Deserializer<'de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    Self::deserialize_boxed(deserializer).map(|boxed| *boxed)
                }
            }
            impl<'de> ::serde::de::Visitor<'de> for #visitor {
                type Value = ::std::boxed::Box<#name>;
                #expecting
                fn visit_map<__A: ::serde::de::MapAccess<'de>>(
                    self,
                    mut __map: __A,
                ) -> ::core::result::Result<Self::Value, __A::Error> {
                    #body
                    ::core::result::Result::Ok(::std::boxed::Box::new(#built))
                }
            }
        }
    } else {
        // Read into a place: built where the caller keeps it (`wire::ReadInto`).
        quote! {
            struct #visitor<'__p>(&'__p mut ::core::option::Option<#name>);
            impl<'de> #wire::ReadInto<'de> for #name {
                fn read_into<__D: ::serde::Deserializer<'de>>(
                    deserializer: __D,
                    place: &mut ::core::option::Option<Self>,
                ) -> ::core::result::Result<(), __D::Error> {
                    ::serde::Deserializer::deserialize_map(deserializer, #visitor(place))
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<__D: ::serde::Deserializer<'de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    #wire::read(deserializer)
                }
            }
            impl<'de> ::serde::de::Visitor<'de> for #visitor<'_> {
                type Value = ();
                #expecting
                fn visit_map<__A: ::serde::de::MapAccess<'de>>(
                    self,
                    mut __map: __A,
                ) -> ::core::result::Result<(), __A::Error> {
                    #body
                    *self.0 = ::core::option::Option::Some(#built);
                    ::core::result::Result::Ok(())
                }
            }
        }
    };
    quote! {
        #flat_impl
        const _: () = {
            #reader
        };
    }
}

/// For a field read `#[serde(deserialize_with = "path")]`, a newtype whose `Deserialize` calls
/// `path`, so that the field's value can be read as a seed like any other.
fn with_wrapper(f: &Field) -> Option<TokenStream> {
    let path = f.with.as_ref()?;
    let (wrapper, ty) = (format_ident!("__With_{}", f.ident), &f.ty);
    Some(quote! {
        #[allow(non_camel_case_types)]
        struct #wrapper(#ty);
        impl<'de> ::serde::Deserialize<'de> for #wrapper {
            fn deserialize<__D: ::serde::Deserializer<'de>>(
                d: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                #path(d).map(#wrapper)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_as_serde() {
        assert_eq!(pascal_case("sip_media_application_id"), "SipMediaApplicationId");
        assert_eq!(pascal_case("call_id"), "CallId");
        assert_eq!(pascal_case("to"), "To");
    }

    #[test]
    fn unknown_attributes_and_enums_are_errors() {
        let e = expand(quote! { enum E { A } }).to_string();
        assert!(e.contains("DeserializeWire is for structs"), "{e}");
        let e = expand(quote! { struct S { #[serde(skip)] a: u8 } }).to_string();
        assert!(e.contains("does not read"), "{e}");
        let e =
            expand(quote! { #[serde(rename_all = "camelCase")] struct S { a: u8 } }).to_string();
        assert!(e.contains("PascalCase"), "{e}");
        let e = expand(quote! { #[wire(inline)] struct S { a: u8 } }).to_string();
        assert!(e.contains("#[wire(boxed)] only"), "{e}");
    }

    #[test]
    fn an_in_place_field_is_read_into_its_slot() {
        let out = expand(quote! {
            struct S {
                #[wire(in_place)]
                one: Inner,
                #[wire(in_place)]
                maybe: Option<Inner>,
                plain: Option<u8>,
            }
        })
        .to_string();
        assert!(out.contains("wire :: SlotSeed (& mut __slot_one)"), "{out}");
        assert!(out.contains("wire :: OptionSlotSeed (__slot_maybe . insert (None))"), "{out}");
        assert!(out.contains("__slot_plain = :: core :: option :: Option :: Some"), "{out}");
        assert!(out.contains("impl < 'de > wire :: ReadInto < 'de > for S"), "{out}");
        let e = expand(quote! { struct S { #[wire(in_place)] #[serde(flatten)] a: T } });
        assert!(e.to_string().contains("drop `flatten` or `deserialize_with`"), "{e}");
        let e = expand(quote! { struct S { #[wire(boxed)] a: T } }).to_string();
        assert!(e.contains("#[wire(in_place)] on a field"), "{e}");
    }

    #[test]
    fn a_boxed_struct_is_built_in_its_box() {
        let plain = expand(quote! { struct S { a: u8 } }).to_string();
        assert!(!plain.contains("deserialize_boxed"), "{plain}");
        let boxed = expand(quote! { #[wire(boxed)] struct S { a: u8 } }).to_string();
        assert!(boxed.contains("fn deserialize_boxed"), "{boxed}");
        assert!(boxed.contains(":: std :: boxed :: Box :: new (S {"), "{boxed}");
        assert!(boxed.contains(". map (| boxed | * boxed)"), "{boxed}");
    }

    #[test]
    fn keys_aliases_and_flattened_parts() {
        let out = expand(quote! {
            #[serde(rename_all = "PascalCase")]
            struct S {
                #[serde(alias = "SipApplicationId")]
                sip_media_application_id: String,
                #[serde(flatten)]
                target: Target,
                #[serde(flatten)]
                extra: Extra,
            }
        })
        .to_string();
        assert!(out.contains("\"SipMediaApplicationId\" | \"SipApplicationId\""), "{out}");
        assert!(out.contains("Flat < 'de >> :: take"), "{out}");
        assert!(out.contains("__extra . insert"), "{out}");
    }
}

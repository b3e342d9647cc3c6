//! Literals checked at compile time: `e164!`, `regex!`, `dtmf!`, `keys!`. Each applies the
//! same check as sma-core does at run time (the `sma-syntax` crate), so a literal that compiles
//! never fails validation.

use crate::krate::Krate;
use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;
use syn::parse::{ParseStream, Parser};

/// The literal, after an optional `crate = "path",` (see `krate`).
fn literal(input: TokenStream, name: &str, example: &str) -> Result<(Krate, LitStr), TokenStream> {
    let parser = |input: ParseStream<'_>| {
        let krate = crate::krate::leading(input)?;
        Ok((krate, input.parse::<LitStr>()?))
    };
    parser.parse2(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "`{name}!` takes one string literal, e.g. `{name}!({example})`, optionally after \
                 `crate = \"path\",`"
            ),
        )
        .to_compile_error()
    })
}

/// A string literal checked by `check`, turned into a value of `ty` made by `ty::parse` once
/// per process (there is no unchecked constructor to call: the value is checked on the way
/// in, and the check cannot fail at run time since it passed at compile time).
fn checked(
    input: TokenStream,
    name: &str,
    example: &str,
    check: impl Fn(&str) -> Result<(), String>,
    ty: &str,
) -> TokenStream {
    let (krate, lit) = match literal(input, name, example) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let p = krate.private();
    let ty = syn::Ident::new(ty, proc_macro2::Span::call_site());
    let ty = quote!(#p::action::#ty);
    match check(&lit.value()) {
        Ok(()) => quote!({
            static CHECKED: ::std::sync::OnceLock<#ty> = ::std::sync::OnceLock::new();
            ::core::clone::Clone::clone(CHECKED.get_or_init(|| match #ty::parse(#lit) {
                ::core::result::Result::Ok(value) => value,
                ::core::result::Result::Err(e) => ::core::panic!("{}", e),
            }))
        }),
        Err(message) => syn::Error::new(lit.span(), message).to_compile_error(),
    }
}

/// `e164!("+12065550100")` → a checked `E164`.
pub(crate) fn e164(input: TokenStream) -> TokenStream {
    let check = |v: &str| {
        sma_syntax::e164(v).map_err(|rule| format!("{v:?} is not an E.164 phone number: it {rule}"))
    };
    checked(input, "e164", "\"+12065550100\"", check, "E164")
}

/// `regex!(r"^\d{4}#$")` → a checked `DigitsRegex`.
pub(crate) fn regex(input: TokenStream) -> TokenStream {
    let check = |v: &str| {
        sma_syntax::digits_regex(v).map(drop).map_err(|e| {
            let caret = " ".repeat(v[..e.position.min(v.len())].chars().count());
            format!("invalid digits regex: {}\n    {v}\n    {caret}^", e.message)
        })
    };
    checked(input, "regex", "r\"^[12]$\"", check, "DigitsRegex")
}

/// `dtmf!(",,1234#")` → a checked `DtmfString` for `SendDigits`.
pub(crate) fn dtmf(input: TokenStream) -> TokenStream {
    let check = |v: &str| {
        sma_syntax::dtmf_string(v)
            .map_err(|rule| format!("{v:?} cannot be sent as DTMF: it {rule}"))
    };
    checked(input, "dtmf", "\",,1234#\"", check, "DtmfString")
}

/// `keys!("#*")` → `[DtmfKey::Pound, DtmfKey::Star]`, for terminator parameters.
pub(crate) fn keys(input: TokenStream) -> TokenStream {
    let (krate, lit) = match literal(input, "keys", "\"#*\"") {
        Ok(l) => l,
        Err(e) => return e,
    };
    let p = krate.private();
    match sma_syntax::dtmf_keys(&lit.value()) {
        Ok(keys) => {
            let variants = keys.iter().map(|k| {
                let name = match k {
                    '0' => "Zero",
                    '1' => "One",
                    '2' => "Two",
                    '3' => "Three",
                    '4' => "Four",
                    '5' => "Five",
                    '6' => "Six",
                    '7' => "Seven",
                    '8' => "Eight",
                    '9' => "Nine",
                    '*' => "Star",
                    _ => "Pound",
                };
                let ident = syn::Ident::new(name, lit.span());
                quote!(#p::action::DtmfKey::#ident)
            });
            quote!([#(#variants),*])
        }
        Err(rule) => syn::Error::new(
            lit.span(),
            format!("{:?} is not a set of terminator keys: {rule}", lit.value()),
        )
        .to_compile_error(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_literals_expand_to_checked_constructors() {
        assert!(e164(quote!("+12065550100")).to_string().contains("E164 :: parse"));
        assert!(regex(quote!(r"^\d{2}#$")).to_string().contains("DigitsRegex :: parse"));
        assert!(dtmf(quote!(",,1#")).to_string().contains("DtmfString :: parse"));
        assert!(keys(quote!("#*")).to_string().contains("Pound"));
        let renamed = e164(quote!(crate = "::sma", "+12065550100")).to_string();
        assert!(renamed.contains(":: sma :: __private :: action :: E164 :: parse"), "{renamed}");
    }

    #[test]
    fn bad_literals_are_errors() {
        assert!(e164(quote!("2065550100")).to_string().contains("compile_error"));
        let out = regex(quote!(r"^\w$")).to_string();
        assert!(out.contains("compile_error") && out.contains(r"\\w"), "{out}");
        assert!(dtmf(quote!("12x")).to_string().contains("compile_error"));
        assert!(keys(quote!("##")).to_string().contains("twice"));
        assert!(e164(quote!(12065550100)).to_string().contains("string literal"));
    }
}

//! How generated code names `sma-core`: `::sma_core`, unless a `crate = "path"` argument names
//! the crate that re-exports it (as `#[serde(crate = "..")]` does), and always through
//! `<path>::__private`, the one hidden module `sma-core` keeps stable for the macros. The
//! public modules can move without breaking generated code.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::parse::ParseStream;
use syn::{LitStr, Path, Token};

/// The path of `sma-core` as generated code names it.
#[derive(Clone)]
pub(crate) struct Krate(TokenStream);

impl Default for Krate {
    fn default() -> Self {
        Krate(quote!(::sma_core))
    }
}

impl Krate {
    /// `crate = "path"`: the string is a path to a crate that re-exports `sma-core`.
    pub(crate) fn from_lit(lit: &LitStr) -> syn::Result<Self> {
        let path: Path = lit.parse().map_err(|e| {
            syn::Error::new(
                lit.span(),
                format!("{e}; write `crate = \"path\"`, e.g. `crate = \"::sma\"`"),
            )
        })?;
        Ok(Krate(path.into_token_stream()))
    }

    /// `<path>::__private`, where everything generated code names lives.
    pub(crate) fn private(&self) -> TokenStream {
        let path = &self.0;
        quote!(#path::__private)
    }

    /// [`Krate::private`] with every token spanned at `span`, so that an error about what it
    /// names points where the generated code is spanned (a handler's name, an argument's type).
    pub(crate) fn private_at(&self, span: Span) -> TokenStream {
        self.private()
            .into_iter()
            .map(|mut token| {
                token.set_span(span);
                token
            })
            .collect()
    }
}

/// An optional leading `crate = "path",` (or `;`) of a function-like macro.
pub(crate) fn leading(input: ParseStream<'_>) -> syn::Result<Krate> {
    if !(input.peek(Token![crate]) && input.peek2(Token![=])) {
        return Ok(Krate::default());
    }
    input.parse::<Token![crate]>()?;
    input.parse::<Token![=]>()?;
    let krate = Krate::from_lit(&input.parse()?)?;
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
    } else {
        input.parse::<Token![,]>()?;
    }
    Ok(krate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse::Parser;

    fn split(tokens: TokenStream) -> (String, String) {
        let parser = |input: ParseStream<'_>| {
            let krate = leading(input)?;
            let rest: TokenStream = input.parse()?;
            Ok((krate.private().to_string(), rest.to_string()))
        };
        parser.parse2(tokens).unwrap()
    }

    #[test]
    fn the_default_and_an_override() {
        assert_eq!(split(quote!("+1206")), (":: sma_core :: __private".into(), "\"+1206\"".into()));
        let (path, rest) = split(quote!(crate = "::sma::core", "+1206"));
        assert_eq!((path.as_str(), rest.as_str()), (":: sma :: core :: __private", "\"+1206\""));
        let (path, rest) = split(quote!(crate = "sma"; greet, menu));
        assert_eq!((path.as_str(), rest.as_str()), ("sma :: __private", "greet , menu"));
        assert!(Krate::from_lit(&syn::parse_quote!("not a path!")).is_err());
    }
}

//! Parse: the attribute's arguments and the handler's signature into our own model. Bodies stay
//! tokens.

use super::Errors;
use crate::krate::Krate;
use crate::suggest::closest;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident, Lit, LitStr, Meta, Signature, Token, Visibility};

/// A handler function, its body kept as tokens.
pub(crate) struct RawFn {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) sig: Signature,
    pub(crate) body: TokenTree,
}

impl Parse for RawFn {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let sig: Signature = input.parse()?;
        let body: TokenTree = input.parse()?;
        match &body {
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => {}
            other => return Err(syn::Error::new(other.span(), "expected the function body")),
        }
        Ok(RawFn { attrs, vis, sig, body })
    }
}

impl RawFn {
    /// The function exactly as written.
    pub(crate) fn to_tokens(&self) -> TokenStream {
        let mut out = TokenStream::new();
        for a in &self.attrs {
            a.to_tokens(&mut out);
        }
        self.vis.to_tokens(&mut out);
        self.sig.to_tokens(&mut out);
        self.body.to_tokens(&mut out);
        out
    }
}

/// The leg filter as written.
pub(crate) struct LegArg {
    /// What the user wrote, as text (`"leg-b"`, `LEG_B`, `B`).
    pub(crate) written: String,
    /// Whether it was a string literal.
    pub(crate) is_str: bool,
    pub(crate) span: Span,
}

/// The arguments of `#[on(..)]`, parsed but not yet checked.
#[derive(Default)]
pub(crate) struct OnArgs {
    pub(crate) event: Option<Ident>,
    /// The event was written as a string (already reported).
    pub(crate) string_event: bool,
    pub(crate) leg: Option<LegArg>,
    pub(crate) action: Option<Ident>,
    /// `crate = "path"`: the crate that re-exports `sma-core`.
    pub(crate) krate: Option<Krate>,
}

const KEYS: &[&str] = &["leg", "action", "crate"];

/// One argument of `#[on(..)]`: a `Meta`, or a string literal where the event goes
/// (`#[on("NEW_INBOUND_CALL")]`), which is reported with the name to write instead.
#[allow(clippy::large_enum_variant)] // parsed once per attribute
enum OnArg {
    Meta(Meta),
    Str(LitStr),
}

impl Parse for OnArg {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            input.parse().map(OnArg::Str)
        } else {
            input.parse().map(OnArg::Meta)
        }
    }
}

/// Rule: the event is a name, not a string: `#[on(NewInboundCall)]`, not
/// `#[on("NEW_INBOUND_CALL")]`.
fn string_event(lit: &LitStr, errors: &mut Errors) {
    let written = lit.value();
    let normalized: String = written.chars().filter(|c| *c != '_' && *c != '-').collect();
    let event = sma_syntax::catalog::EVENTS.iter().find(|e| {
        e.wire.eq_ignore_ascii_case(&written) || e.name.eq_ignore_ascii_case(&normalized)
    });
    let message = match event {
        Some(e) => {
            format!("the event is a name, not a string: write `#[on({})]` for {}", e.name, e.wire)
        }
        None => format!(
            "the event is a name, not a string, and {written:?} is not an event; write one of: {}",
            sma_syntax::catalog::EVENTS.iter().map(|e| e.name).collect::<Vec<_>>().join(", ")
        ),
    };
    errors.at(lit.span(), message);
}

pub(crate) fn parse_args(tokens: TokenStream, errors: &mut Errors) -> OnArgs {
    let mut args = OnArgs::default();
    if tokens.is_empty() {
        errors.at(
            Span::call_site(),
            "`#[on]` needs an event, e.g. `#[on(NewInboundCall)]` or `#[on(Hangup, leg = \"LEG-B\")]`",
        );
        return args;
    }
    let metas = match Punctuated::<OnArg, Token![,]>::parse_terminated.parse2(tokens) {
        Ok(m) => m,
        Err(e) => {
            errors.push(syn::Error::new(
                e.span(),
                format!("{e}; `#[on]` takes an event, then optionally `leg = \"LEG-A\"|\"LEG-B\"` and `action = ActionType`"),
            ));
            return args;
        }
    };
    let mut seen_string_event = false;
    for arg in metas {
        let meta = match arg {
            OnArg::Meta(meta) => meta,
            OnArg::Str(lit) => {
                string_event(&lit, errors);
                seen_string_event = true;
                continue;
            }
        };
        match meta {
            // The event: a bare name.
            Meta::Path(path) => match path.get_ident() {
                Some(ident) if args.event.is_none() => args.event = Some(ident.clone()),
                Some(ident) => errors.at(
                    ident.span(),
                    "a handler answers one event; write one handler per event (a handler body can be shared by calling a common fn)",
                ),
                None => errors.at(
                    path.span(),
                    "write the event as a bare name, e.g. `NewInboundCall`, not a path",
                ),
            },
            Meta::NameValue(nv) => {
                let Some(key) = nv.path.get_ident() else {
                    errors.at(nv.path.span(), "expected `leg` or `action`");
                    continue;
                };
                match key.to_string().as_str() {
                    "leg" if args.leg.is_some() => {
                        errors.at(key.span(), "`leg` is given twice; keep one")
                    }
                    "leg" => args.leg = Some(leg_arg(&nv.value)),
                    "action" if args.action.is_some() => {
                        errors.at(key.span(), "`action` is given twice; keep one")
                    }
                    "crate" if args.krate.is_some() => {
                        errors.at(key.span(), "`crate` is given twice; keep one")
                    }
                    "crate" => match &nv.value {
                        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => match Krate::from_lit(s) {
                            Ok(krate) => args.krate = Some(krate),
                            Err(e) => errors.push(e),
                        },
                        other => errors.at(
                            other.span(),
                            "write the crate as a string, e.g. `crate = \"::sma\"`",
                        ),
                    },
                    "action" => match action_arg(&nv.value) {
                        Some(ident) => args.action = Some(ident),
                        None => errors.at(
                            nv.value.span(),
                            "write the action as its type name, e.g. `action = CallAndBridge`",
                        ),
                    },
                    other => {
                        let hint = closest(other, KEYS.iter().copied())
                            .map(|k| format!("did you mean `{k}`? "))
                            .unwrap_or_default();
                        errors.at(
                            key.span(),
                            format!("unknown key `{other}`; {hint}`#[on]` takes `leg = \"LEG-A\"|\"LEG-B\"` and `action = ActionType`"),
                        )
                    }
                }
            }
            Meta::List(list) => {
                let name = list.path.to_token_stream().to_string();
                let hint = if KEYS.contains(&name.as_str()) {
                    format!("write `{name} = ...`")
                } else {
                    "`#[on]` takes an event, then optionally `leg = \"LEG-A\"|\"LEG-B\"` and `action = ActionType`".to_owned()
                };
                errors.at(list.span(), format!("unexpected `{name}(...)`: {hint}"));
            }
        }
    }
    args.string_event = seen_string_event;
    args
}

fn leg_arg(value: &Expr) -> LegArg {
    match value {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => LegArg { written: s.value(), is_str: true, span: s.span() },
            other => LegArg {
                written: other.to_token_stream().to_string(),
                is_str: false,
                span: other.span(),
            },
        },
        other => LegArg {
            written: other.to_token_stream().to_string().replace(' ', ""),
            is_str: false,
            span: other.span(),
        },
    }
}

fn action_arg(value: &Expr) -> Option<Ident> {
    match value {
        Expr::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.clone()),
        _ => None,
    }
}

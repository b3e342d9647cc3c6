//! Check: every rule of a route and of a handler signature, one spanned error per mistake. The
//! model returned is known valid when no error was pushed.

use super::Errors;
use super::parse::{LegArg, OnArgs, RawFn};
use crate::krate::Krate;
use crate::suggest::closest;
use sma_syntax::catalog::{self, ACTIONS, EVENTS, EventSpec};
use syn::spanned::Spanned;
use syn::{FnArg, Ident, ReturnType, Type};

/// A route and a handler signature that passed every check.
pub(crate) struct Model {
    pub(crate) event: Ident,
    pub(crate) leg: u8,
    pub(crate) action: Option<Ident>,
    pub(crate) args: Vec<Type>,
    pub(crate) output: Option<Type>,
    pub(crate) is_async: bool,
    /// How generated code names `sma-core`.
    pub(crate) krate: Krate,
}

pub(crate) fn check(args: OnArgs, func: &RawFn, errors: &mut Errors) -> Option<Model> {
    // Rule: a route names its event first (`#[on(leg = "LEG-B")]` alone has none).
    if args.event.is_none() && !args.string_event && errors.is_empty() {
        errors.at(
            func.sig.ident.span(),
            "`#[on]` needs an event first, e.g. `#[on(Hangup, leg = \"LEG-B\")]`",
        );
    }
    let event = args.event.as_ref().and_then(|ident| check_event(ident, errors));
    let leg = args.leg.as_ref().map(|leg| check_leg(leg, event, errors)).unwrap_or(Some(0));
    let action_ok = args.action.as_ref().map(|a| check_action(a, event, errors)).unwrap_or(true);
    let (fn_args, output, is_async) = check_signature(func, errors);
    let (_, leg) = (event?, leg?);
    if !action_ok {
        return None;
    }
    let krate = args.krate.unwrap_or_default();
    Some(Model {
        event: args.event?,
        leg,
        action: args.action,
        args: fn_args,
        output,
        is_async,
        krate,
    })
}

/// Rule: the event is one of the 11 (e.g. `NewInboundCall`), named in UpperCamelCase.
fn check_event(ident: &Ident, errors: &mut Errors) -> Option<&'static EventSpec> {
    let name = ident.to_string();
    if let Some(info) = catalog::event(&name) {
        return Some(info);
    }
    // `NEW_INBOUND_CALL` (the wire name) → `NewInboundCall`.
    let by_wire = EVENTS.iter().find(|e| e.wire.eq_ignore_ascii_case(&name)).map(|e| e.name);
    let guess = by_wire.or_else(|| closest(&name, EVENTS.iter().map(|e| e.name)));
    let hint = guess.map(|g| format!("did you mean `{g}`? ")).unwrap_or_default();
    let all: Vec<&str> = EVENTS.iter().map(|e| e.name).collect();
    errors.at(
        ident.span(),
        format!("unknown event `{name}`; {hint}The events are: {}", all.join(", ")),
    );
    None
}

/// Rule: `leg` is the string `"LEG-A"` or `"LEG-B"`, and LEG-B only on events that can be
/// about LEG-B (e.g. not `NewInboundCall`, which is always LEG-A).
fn check_leg(leg: &LegArg, event: Option<&EventSpec>, errors: &mut Errors) -> Option<u8> {
    let value = match (leg.is_str, leg.written.as_str()) {
        (true, "LEG-A") => 1,
        (true, "LEG-B") => 2,
        _ => {
            let canonical = leg.written.trim_matches('"').to_ascii_uppercase().replace('_', "-");
            let guess = match canonical.as_str() {
                "LEG-A" | "LEGA" | "A" => Some("LEG-A"),
                "LEG-B" | "LEGB" | "B" => Some("LEG-B"),
                _ => None,
            };
            let shown =
                if leg.is_str { format!("\"{}\"", leg.written) } else { leg.written.clone() };
            let message = match (guess, leg.is_str) {
                (Some(g), true) => format!(
                    "`{shown}` is not a leg; did you mean `\"{g}\"`? The legs are \"LEG-A\" and \"LEG-B\""
                ),
                (Some(g), false) => format!("the leg is a string: write `leg = \"{g}\"`"),
                (None, _) => {
                    format!("`{shown}` is not a leg; write `leg = \"LEG-A\"` or `leg = \"LEG-B\"`")
                }
            };
            errors.at(leg.span, message);
            return None;
        }
    };
    if let Some(event) = event {
        if value == 2 && !event.about_leg_b {
            errors.at(
                leg.span,
                format!(
                    "`{}` is never about LEG-B, so this route would never match: LEG-B exists only after a `CallAndBridge` or `JoinChimeMeeting`, and {} is always reported on LEG-A. Remove `leg`, or route an event that follows the bridge (`ActionSuccessful`, `ActionFailed`, `Hangup`, `DigitsReceived`, `ActionInterrupted`)",
                    event.name, event.wire
                ),
            );
            return None;
        }
    }
    Some(value)
}

/// Rule: `action` is one of the 18 actions, on an event whose `ActionData` echoes an action
/// (`DigitsReceived` only ever echoes `ReceiveDigits`).
fn check_action(action: &Ident, event: Option<&EventSpec>, errors: &mut Errors) -> bool {
    let name = action.to_string();
    if catalog::action(&name).is_none() {
        let names: Vec<&str> = ACTIONS.iter().map(|a| a.name).collect();
        let hint = closest(&name, names.iter().copied())
            .map(|g| format!("did you mean `{g}`? "))
            .unwrap_or_default();
        errors.at(
            action.span(),
            format!("unknown action `{name}`; {hint}The actions are: {}", names.join(", ")),
        );
        return false;
    }
    match event {
        Some(e) if !e.carries_action => {
            errors.at(
                action.span(),
                format!(
                    "`{}` carries no action data, so `action = {name}` can never match; action filters apply to `ActionSuccessful`, `ActionFailed`, `ActionInterrupted`, `Hangup` and `DigitsReceived`. Remove `action`",
                    e.name
                ),
            );
            false
        }
        Some(e) if e.only_action.is_some_and(|only| only != name) => {
            let only = e.only_action.unwrap_or_default();
            errors.at(
                action.span(),
                format!("`{}` always refers to `{only}`, so `action = {name}` can never match; remove `action` or write `action = {only}`", e.name),
            );
            false
        }
        _ => true,
    }
}

/// Rules: a free function (no `self`), not generic, not `unsafe`/`extern`, every argument an
/// extractor taken by value.
fn check_signature(func: &RawFn, errors: &mut Errors) -> (Vec<Type>, Option<Type>, bool) {
    let sig = &func.sig;
    if let Some(u) = &sig.unsafety {
        errors.at(
            u.span(),
            "a handler cannot be `unsafe`; remove `unsafe` and keep unsafe code in a block inside",
        );
    }
    if let Some(abi) = &sig.abi {
        errors.at(abi.span(), "a handler cannot have an ABI; remove `extern`");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.at(
            sig.generics.span(),
            "a handler cannot be generic: the route table calls it with concrete types; replace the type parameters with concrete extractor types",
        );
    }
    if let Some(v) = &sig.variadic {
        errors.at(v.span(), "a handler cannot be variadic");
    }
    let mut args = Vec::new();
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(r) => errors.at(
                r.span(),
                "a handler is a free function, not a method: move it out of the `impl` block and pass what it needs as extractors (e.g. `Shared<T>` for application state)",
            ),
            FnArg::Typed(t) => match &*t.ty {
                Type::Reference(r) => errors.at(
                    r.span(),
                    format!(
                        "extractors are taken by value: write `{}`, not `&{0}`",
                        quote::ToTokens::to_token_stream(&*r.elem).to_string().replace(' ', "")
                    ),
                ),
                Type::ImplTrait(i) => errors.at(
                    i.span(),
                    "an `impl Trait` argument makes the handler generic; name the extractor type (e.g. `Call`, `Digits`)",
                ),
                ty => args.push(ty.clone()),
            },
        }
    }
    let output = match &sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, ty) => Some((**ty).clone()),
    };
    (args, output, sig.asyncness.is_some())
}

//! One marker type per event type, for routing and for checking extractors at compile time.
//!
//! `#[on(NewInboundCall)]` names [`NewInboundCall`] here; the handler's arguments must implement
//! `FromInvocation<NewInboundCall, _>`, so an extractor that cannot exist for an event is a
//! compile error.

use crate::contract::event::EventType;
use sma_syntax::catalog;

/// Implemented by the marker type of each event type.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::kind::{EventKind, Hangup};
/// assert_eq!(Hangup::TYPE, sma_core::EventType::Hangup);
/// ```
pub trait EventKind: Send + Sync + 'static {
    /// The event type.
    const TYPE: EventType;
    /// Position in [`EventType::KNOWN`], used by the route table.
    #[doc(hidden)]
    const INDEX: u8;
}

/// Events whose `ActionData` echoes an action (so `action = …` routes and `ActionResult<T>`
/// make sense): ACTION_SUCCESSFUL, ACTION_FAILED, ACTION_INTERRUPTED, HANGUP, DIGITS_RECEIVED.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// fn needs<E: sma_core::kind::CarriesAction>() {}
/// needs::<sma_core::kind::ActionFailed>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` events carry no action data, so this extractor cannot be used on them",
    label = "needs an event that echoes an action",
    note = "ActionData echoes an action on ActionSuccessful, ActionFailed, ActionInterrupted, Hangup and DigitsReceived"
)]
pub trait CarriesAction: EventKind {}

/// Events that may arrive when the call has a LEG-B (a bridged or meeting call), so that the
/// `LegB` extractor can succeed: `leg_b_may_exist` in `sma_syntax::catalog`. (Whether a route
/// `leg = "LEG-B"` can match is another fact, `about_leg_b`: CALL_UPDATE_REQUESTED can arrive on
/// a bridged call but is always about LEG-A.)
///
/// See [Using call legs](https://docs.aws.amazon.com/chime-sdk/latest/dg/invoke-on-call-leg.html).
///
/// ```
/// fn needs<E: sma_core::kind::MayHaveLegB>() {}
/// needs::<sma_core::kind::Hangup>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`LegB` cannot be extracted on `{Self}`: that event is always about LEG-A, before any LEG-B exists",
    label = "no LEG-B on this event",
    note = "LEG-B exists after a CallAndBridge or JoinChimeMeeting; take `LegB` on ActionSuccessful, ActionFailed, ActionInterrupted, Hangup, DigitsReceived, CallUpdateRequested or InvalidLambdaResponse"
)]
pub trait MayHaveLegB: EventKind {}

macro_rules! kinds {
    ($( $name:ident = $index:literal $(, $extra:ident)* ; )+) => {
        $(
            #[doc = concat!("Marker of the `", stringify!($name), "` event type for `#[on(", stringify!($name), ")]`.")]
            ///
            /// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
            ///
            /// ```
            /// use sma_core::kind::EventKind;
            #[doc = concat!("assert!(sma_core::kind::", stringify!($name), "::TYPE.is_known());")]
            /// ```
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct $name;

            impl EventKind for $name {
                const TYPE: EventType = EventType::$name;
                const INDEX: u8 = $index;
            }

            $( impl $extra for $name {} )*

            // The marker and its traits follow the catalog (the one table of closed sets).
            const _: () = {
                let spec = &catalog::EVENTS[$index];
                assert!(
                    catalog::same(spec.name, stringify!($name)),
                    concat!("`", stringify!($name), "` is not at its place in sma_syntax::catalog::EVENTS")
                );
                assert!(
                    spec.carries_action == has!(CarriesAction; $($extra),*),
                    concat!("`", stringify!($name), "`: CarriesAction differs from the catalog's carries_action")
                );
                assert!(
                    spec.leg_b_may_exist == has!(MayHaveLegB; $($extra),*),
                    concat!("`", stringify!($name), "`: MayHaveLegB differs from the catalog's leg_b_may_exist")
                );
            };
        )+
        const _: () = assert!(catalog::EVENTS.len() == [$($index),+].len(), "a kind is missing");
    };
}

/// Whether `$t` is one of the listed trait names (in `const`).
macro_rules! has {
    ($t:ident; $($extra:ident),*) => {
        false $(|| catalog::same(stringify!($extra), stringify!($t)))*
    };
}

kinds! {
    NewInboundCall = 0;
    NewOutboundCall = 1;
    Ringing = 2;
    CallAnswered = 3;
    ActionSuccessful = 4, CarriesAction, MayHaveLegB;
    ActionFailed = 5, CarriesAction, MayHaveLegB;
    ActionInterrupted = 6, CarriesAction, MayHaveLegB;
    Hangup = 7, CarriesAction, MayHaveLegB;
    DigitsReceived = 8, CarriesAction, MayHaveLegB;
    CallUpdateRequested = 9, MayHaveLegB;
    InvalidLambdaResponse = 10, MayHaveLegB;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_match_the_known_list() {
        fn check<E: EventKind>() {
            assert_eq!(EventType::KNOWN[E::INDEX as usize], E::TYPE);
        }
        check::<NewInboundCall>();
        check::<NewOutboundCall>();
        check::<Ringing>();
        check::<CallAnswered>();
        check::<ActionSuccessful>();
        check::<ActionFailed>();
        check::<ActionInterrupted>();
        check::<Hangup>();
        check::<DigitsReceived>();
        check::<CallUpdateRequested>();
        check::<InvalidLambdaResponse>();
    }
}

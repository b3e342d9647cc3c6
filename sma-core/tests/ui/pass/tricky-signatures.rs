//! Valid signatures that are easy to get wrong in a macro.
use sma_core::action::{ReceiveDigits, SpeakAndGetDigits};
use sma_core::{IntoResponse, Invocation, Rejection};
use sma_core::prelude::*;
use std::sync::Arc;

/// A plain (not async) fn, with doc comments and attributes kept.
#[on(NewInboundCall)]
#[allow(clippy::needless_pass_by_value)]
fn greet(call: Call) -> Actions {
    call.leg_a().speak("Hello").into()
}

/// Patterns and `mut` in arguments; `Option` and `Result` of extractors.
#[on(ActionSuccessful, leg = "LEG-A", action = SpeakAndGetDigits)]
async fn menu(
    mut call: Call,
    Digits(digits): Digits,
    b: Option<LegB>,
    result: Result<ActionResult<SpeakAndGetDigits>, Rejection>,
) -> Result<Actions, std::io::Error> {
    call = call.clone();
    let _ = (b, result);
    Ok(call.leg_a().speak(digits).into())
}

/// `impl Trait` in return position, no arguments.
#[on(ActionInterrupted)]
async fn interrupted() -> impl IntoResponse {}

/// Every extractor that works on every event.
#[on(CallAnswered)]
async fn everything(
    call: Call,
    a: LegA,
    whole: Invocation,
    shared_whole: Arc<Invocation>,
    headers: SipHeaders,
    context: Context,
    config: Shared<String>,
) -> Option<Actions> {
    let _ = (a, whole, shared_whole, headers, context, config);
    Some(call.hang_up_all())
}

/// Digits from DIGITS_RECEIVED, with the action filter it allows.
#[on(DigitsReceived, action = ReceiveDigits)]
async fn pressed(call: Call, digits: Digits, echo: ActionResult<ReceiveDigits>) -> Actions {
    let _ = (digits, echo);
    call.hang_up_all()
}

/// Arguments on both events that carry them; ActionError on both events that carry one.
#[on(CallUpdateRequested)]
async fn updated(args: Arguments<std::collections::BTreeMap<String, String>>) {
    let _ = args;
}

#[on(NewOutboundCall)]
async fn outbound(args: Option<Arguments<std::collections::BTreeMap<String, String>>>) {
    let _ = args;
}

#[on(InvalidLambdaResponse)]
async fn invalid(call: Call, error: ActionError) -> Actions {
    let _ = error;
    call.hang_up_all()
}

#[on(ActionFailed, leg = "LEG-B")]
async fn failed_on_b(call: Call, error: ActionError, b: LegB) -> Actions {
    let _ = (error, b);
    call.hang_up_all()
}

/// A handler in a module, reached by path; visibility kept.
mod calls {
    use sma_core::prelude::*;

    #[on(Hangup, leg = "LEG-B")]
    pub(crate) async fn agent_left(call: Call) -> Actions {
        call.hang_up_all()
    }
}

fn main() {
    let router = handlers![
        greet,
        menu,
        interrupted,
        everything,
        pressed,
        updated,
        outbound,
        invalid,
        failed_on_b,
        calls::agent_left,
    ];
    assert_eq!(router.len(), 10);
    // Handlers stay ordinary functions.
    let _ = greet;
    let _ = calls::agent_left;
}

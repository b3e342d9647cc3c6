//! A handler for every event type: the macro's list of events matches sma-core's.
use sma_core::prelude::*;

#[on(NewInboundCall)]
async fn on_new_inbound_call(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(NewOutboundCall)]
async fn on_new_outbound_call(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(Ringing)]
async fn on_ringing(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(CallAnswered)]
async fn on_call_answered(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(ActionSuccessful)]
async fn on_action_successful(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(ActionFailed)]
async fn on_action_failed(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(ActionInterrupted)]
async fn on_action_interrupted(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(Hangup)]
async fn on_hangup(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(DigitsReceived)]
async fn on_digits_received(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(CallUpdateRequested)]
async fn on_call_update_requested(call: Call) -> Actions {
    call.hang_up_all()
}

#[on(InvalidLambdaResponse)]
async fn on_invalid_lambda_response(call: Call) -> Actions {
    call.hang_up_all()
}

fn main() {
    let router = handlers![
        on_new_inbound_call,
        on_new_outbound_call,
        on_ringing,
        on_call_answered,
        on_action_successful,
        on_action_failed,
        on_action_interrupted,
        on_hangup,
        on_digits_received,
        on_call_update_requested,
        on_invalid_lambda_response,
    ];
    assert_eq!(router.len(), 11);
}

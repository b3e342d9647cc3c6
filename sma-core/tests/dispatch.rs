//! Dispatch, defaults, fallback, extractors and the failure policy, through `App::handle`.

use serde_json::{Value, json};
use sma_core::action::{Action, Hangup, Pause, SipResponseCode, Speak, SpeakAndGetDigits};
use sma_core::event::ErrorType;
use sma_core::prelude::*;
use sma_core::{Invocation, Router};
use std::time::Duration;

/// `value` changed by `change` (the action structs are `#[non_exhaustive]`).
fn with<T>(mut value: T, change: impl FnOnce(&mut T)) -> T {
    change(&mut value);
    value
}

const A: &str = "call-a";
const B: &str = "call-b";

fn leg(tag: &str, id: &str, status: Option<&str>) -> Value {
    let mut p = json!({"CallId": id, "ParticipantTag": tag, "To": "+12065550100", "From": "+12065550199",
        "Direction": "Inbound", "StartTimeInMilliseconds": "1700000000000"});
    if let Some(s) = status {
        p["Status"] = json!(s);
    }
    p
}

fn event(kind: &str, participants: Vec<Value>, data: Option<Value>) -> Value {
    let mut e = json!({"SchemaVersion": "1.0", "Sequence": 2, "InvocationEventType": kind,
        "CallDetails": {"TransactionId": "tx-1", "AwsAccountId": "111122223333", "AwsRegion": "us-east-1",
            "SipMediaApplicationId": "sma-1", "SipRuleId": "rule-1", "Participants": participants}});
    if let Some(d) = data {
        e["ActionData"] = d;
    }
    e
}

fn one_leg(kind: &str, data: Option<Value>) -> Value {
    event(kind, vec![leg("LEG-A", A, Some("Connected"))], data)
}

fn bridged(kind: &str, b_status: &str, data: Option<Value>) -> Value {
    event(kind, vec![leg("LEG-A", A, Some("Connected")), leg("LEG-B", B, Some(b_status))], data)
}

async fn answer(app: &App, e: Value) -> Value {
    serde_json::to_value(app.handle(e, Context::default()).await).expect("serializable")
}

fn hangups(response: &Value) -> Vec<String> {
    response["Actions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["Type"] == "Hangup")
        .map(|a| a["Parameters"]["CallId"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn invocation(e: Value) -> Invocation {
    serde_json::from_value(e).expect("valid invocation")
}

// --- routes of various specificity -------------------------------------------------------

#[on(ActionSuccessful)]
async fn any_success() -> Actions {
    Actions::new().then(with(Pause::default(), |a| a.duration_in_milliseconds = Some(100)))
}

#[on(ActionSuccessful, leg = "LEG-B")]
async fn success_on_b() -> Actions {
    Actions::new().then(with(Pause::default(), |a| a.duration_in_milliseconds = Some(200)))
}

#[on(ActionSuccessful, action = Speak)]
async fn speak_done() -> Actions {
    Actions::new().then(with(Pause::default(), |a| a.duration_in_milliseconds = Some(300)))
}

#[on(ActionSuccessful, leg = "LEG-A", action = Speak)]
async fn speak_done_on_a() -> Actions {
    Actions::new().then(with(Pause::default(), |a| a.duration_in_milliseconds = Some(400)))
}

fn speak_echo(call_id: &str) -> Value {
    json!({"Type": "Speak", "Parameters": {"CallId": call_id, "Text": "hi"}})
}

#[test]
fn most_specific_route_wins() {
    let router = handlers![any_success, success_on_b, speak_done, speak_done_on_a];
    assert_eq!(router.len(), 4);
    let name = |e: Value| router.handler_for(&invocation(e));
    assert_eq!(
        name(bridged("ACTION_SUCCESSFUL", "Connected", Some(speak_echo(A)))),
        Some("speak_done_on_a")
    );
    assert_eq!(
        name(bridged("ACTION_SUCCESSFUL", "Connected", Some(speak_echo(B)))),
        Some("speak_done")
    );
    let pause_b = json!({"Type": "Pause", "Parameters": {"ParticipantTag": "LEG-B", "DurationInMilliseconds": 5}});
    assert_eq!(
        name(bridged("ACTION_SUCCESSFUL", "Connected", Some(pause_b))),
        Some("success_on_b")
    );
    let pause_a = json!({"Type": "Pause", "Parameters": {"DurationInMilliseconds": 5}});
    assert_eq!(name(bridged("ACTION_SUCCESSFUL", "Connected", Some(pause_a))), Some("any_success"));
    assert_eq!(name(one_leg("ACTION_FAILED", Some(speak_echo(A)))), None);
}

#[tokio::test]
async fn the_chosen_handler_answers() {
    let app = App::new(handlers![any_success, success_on_b, speak_done, speak_done_on_a]);
    let r = answer(&app, bridged("ACTION_SUCCESSFUL", "Connected", Some(speak_echo(B)))).await;
    assert_eq!(r["Actions"][0]["Parameters"]["DurationInMilliseconds"], 300);
}

// --- defaults and fallback ---------------------------------------------------------------

#[tokio::test]
async fn documented_defaults_when_nothing_matches() {
    let app = App::new(Router::default());
    // Ignored by the service: an empty list.
    for kind in ["RINGING", "NEW_OUTBOUND_CALL", "ACTION_INTERRUPTED"] {
        assert_eq!(
            answer(&app, one_leg(kind, None)).await,
            json!({"SchemaVersion": "1.0", "Actions": []}),
            "{kind}"
        );
    }
    // Let the running list continue: no Actions.
    for kind in ["ACTION_SUCCESSFUL", "DIGITS_RECEIVED", "CALL_UPDATE_REQUESTED", "SOMETHING_NEW"] {
        assert_eq!(
            answer(&app, one_leg(kind, None)).await,
            json!({"SchemaVersion": "1.0"}),
            "{kind}"
        );
    }
    // A bridged call whose LEG-B hung up: hang up LEG-A, or it stays up and billed.
    let r = answer(&app, bridged("HANGUP", "Disconnected", None)).await;
    assert_eq!(hangups(&r), vec![A]);
    // A one-leg call that ended: nothing to do.
    let r = answer(&app, event("HANGUP", vec![leg("LEG-A", A, Some("Disconnected"))], None)).await;
    assert_eq!(r, json!({"SchemaVersion": "1.0", "Actions": []}));
    // Nobody handles a new call: reject it rather than let it ring for 30 s.
    let r = answer(&app, event("NEW_INBOUND_CALL", vec![leg("LEG-A", A, None)], None)).await;
    assert_eq!(hangups(&r), vec![A]);
    for kind in ["ACTION_FAILED", "CALL_ANSWERED", "INVALID_LAMBDA_RESPONSE"] {
        assert_eq!(hangups(&answer(&app, one_leg(kind, None)).await), vec![A], "{kind}");
    }
}

#[tokio::test]
async fn fallback_comes_before_the_defaults() {
    let app = App::new(handlers![any_success]).fallback(|call: Call| async move {
        Actions::new().then(call.leg_a().speak(format!("fallback for {}", call.event_type())))
    });
    let r = answer(&app, one_leg("ACTION_FAILED", Some(speak_echo(A)))).await;
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "fallback for ACTION_FAILED");
    // A matching route still wins.
    let r = answer(&app, one_leg("ACTION_SUCCESSFUL", Some(speak_echo(A)))).await;
    assert_eq!(r["Actions"][0]["Type"], "Pause");
}

#[on(ActionFailed)]
async fn says_its_request(call: Call, context: Context) -> Actions {
    Actions::new().then(call.leg_a().speak(format!("request {}", context.request_id)))
}

/// The Lambda context reaches a handler whatever entry served the event.
#[tokio::test]
async fn the_lambda_context_reaches_the_handler() {
    let app = App::new(handlers![says_its_request]);
    let mut context = Context::default();
    context.request_id = "req-7".to_owned();
    let e = one_leg("ACTION_FAILED", Some(speak_echo(A)));
    let r = serde_json::to_value(app.handle(e.clone(), context.clone()).await).expect("JSON");
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "request req-7");
    let bytes = serde_json::to_vec(&e).expect("JSON");
    let r: Value =
        serde_json::from_slice(&app.handle_slice(&bytes, context.clone()).await).expect("JSON");
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "request req-7");
    let r =
        serde_json::to_value(app.handle_invocation(invocation(e), context).await).expect("JSON");
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "request req-7");
}

// --- the failure policy -------------------------------------------------------------------

#[on(NewInboundCall)]
async fn panics(call: Call) -> Actions {
    if call.sequence() > 0 {
        panic!("the database is on fire");
    }
    Actions::new()
}

#[on(DigitsReceived)]
async fn fails(_call: Call) -> Result<Actions, std::io::Error> {
    Err(std::io::Error::other("lookup failed"))
}

#[on(CallUpdateRequested)]
async fn slow(call: Call) -> Actions {
    tokio::time::sleep(Duration::from_secs(5)).await;
    call.leg_a().hangup().into()
}

#[on(ActionSuccessful)]
async fn too_many_actions(call: Call) -> Actions {
    (0..11).map(|_| call.leg_a().pause(Duration::from_millis(100))).collect()
}

#[on(ActionFailed)]
async fn healthy(call: Call) -> Actions {
    call.leg_a().speak("still here").into()
}

fn failing_app() -> App {
    App::new(handlers![panics, fails, slow, too_many_actions, healthy])
        .timeout(Duration::from_millis(100))
        .deadline_margin(Duration::ZERO)
}

#[tokio::test]
async fn panic_error_timeout_and_invalid_response_end_the_call_and_the_next_invocation_is_served() {
    let app = failing_app();
    let cases = [
        event("NEW_INBOUND_CALL", vec![leg("LEG-A", A, None)], None),
        one_leg(
            "DIGITS_RECEIVED",
            Some(json!({"Type": "ReceiveDigits", "Parameters": {}, "ReceivedDigits": "1"})),
        ),
        bridged(
            "CALL_UPDATE_REQUESTED",
            "Connected",
            Some(json!({"Type": "CallUpdateRequest", "Parameters": {"Arguments": {}}})),
        ),
        one_leg("ACTION_SUCCESSFUL", Some(speak_echo(A))),
    ];
    let expected: [&[&str]; 4] = [&[A], &[A], &[A, B], &[A]];
    for (case, legs) in cases.into_iter().zip(expected) {
        let started = std::time::Instant::now();
        let r = answer(&app, case.clone()).await;
        assert_eq!(hangups(&r), legs.to_vec(), "{case}");
        assert!(started.elapsed() < Duration::from_secs(2), "the slow handler was not cut off");
        // The same App serves the next invocation normally.
        let next = answer(&app, one_leg("ACTION_FAILED", Some(speak_echo(A)))).await;
        assert_eq!(next["Actions"][0]["Parameters"]["Text"], "still here");
    }
}

#[tokio::test]
async fn a_custom_policy_decides_the_outcome() {
    let app = failing_app().on_failure(FailurePolicy::apologize("Sorry, goodbye."));
    let r = answer(&app, one_leg("DIGITS_RECEIVED", None)).await;
    assert_eq!(r["Actions"][0]["Type"], "Speak");
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "Sorry, goodbye.");
    assert_eq!(hangups(&r), vec![A]);

    let app = failing_app().on_failure(FailurePolicy::custom(|_, error| {
        let code = if error.to_string().contains("lookup failed") {
            SipResponseCode::Busy
        } else {
            SipResponseCode::Unavailable
        };
        sma_core::Response::new(vec![Action::from(Hangup::default().code(code))])
    }));
    let r = answer(&app, one_leg("DIGITS_RECEIVED", None)).await;
    assert_eq!(r["Actions"][0]["Parameters"]["SipResponseCode"], 486);
    let r = answer(&app, event("NEW_INBOUND_CALL", vec![leg("LEG-A", A, None)], None)).await;
    assert_eq!(r["Actions"][0]["Parameters"]["SipResponseCode"], 480);
}

#[tokio::test]
async fn an_invalid_policy_answer_falls_back_to_hanging_up() {
    let app = failing_app().on_failure(FailurePolicy::custom(|_, _| {
        sma_core::Response::new(vec![Action::from(Pause::default()); 12])
    }));
    assert_eq!(hangups(&answer(&app, one_leg("DIGITS_RECEIVED", None)).await), vec![A]);
}

#[tokio::test]
async fn an_unreadable_event_is_answered_safely() {
    let app = App::new(handlers![healthy]);
    // Readable call details, unreadable rest: hang up the legs it names.
    let mut e = one_leg("ACTION_FAILED", None);
    e["Sequence"] = json!("not a number");
    assert_eq!(hangups(&answer(&app, e).await), vec![A]);
    // Nothing readable: hang up the invoking leg.
    let r = answer(&app, json!({"hello": "world"})).await;
    assert_eq!(
        r,
        json!({"SchemaVersion": "1.0", "Actions": [{"Type": "Hangup", "Parameters": {"SipResponseCode": 0}}]})
    );
}

// --- extractors ----------------------------------------------------------------------------

#[on(ActionSuccessful, action = SpeakAndGetDigits)]
async fn menu(call: Call, digits: Digits, result: ActionResult<SpeakAndGetDigits>) -> Actions {
    let prompt = result.speech_parameters.as_ref().and_then(|p| p.text.clone()).unwrap_or_default();
    call.leg_a().speak(format!("{prompt} -> {}", digits.as_str())).into()
}

#[on(ActionFailed, action = CallAndBridge)]
fn bridge_failed(call: Call, error: ActionError) -> Actions {
    let text =
        if *error.error_type() == ErrorType::CallNotAnswered { "no answer" } else { "error" };
    call.leg_a().speak(text).into()
}

#[derive(serde::Deserialize)]
struct Update {
    action: String,
}

#[on(CallUpdateRequested)]
async fn update(call: Call, args: Arguments<Update>, b: Option<LegB>) -> Actions {
    let text = format!("{} (leg B: {})", args.action, b.is_some());
    call.leg_a().speak(text).into()
}

#[on(Hangup, leg = "LEG-B")]
async fn b_left(call: Call, b: LegB, headers: SipHeaders) -> Actions {
    assert!(b.is_disconnected());
    assert_eq!(headers.header("x-tier"), Some("gold"));
    call.hang_up_all()
}

#[tokio::test]
async fn extractors_read_the_event() {
    let app = App::new(handlers![menu, bridge_failed, update, b_left]);
    let data = json!({"Type": "SpeakAndGetDigits", "Parameters": {"CallId": A, "SpeechParameters": {"Text": "Press"}}, "ReceivedDigits": "42"});
    let r = answer(&app, one_leg("ACTION_SUCCESSFUL", Some(data))).await;
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "Press -> 42");

    let data = json!({"Type": "CallAndBridge", "Parameters": {}, "ErrorType": "CallNotAnswered", "ErrorMessage": "Call not answered"});
    let r = answer(&app, one_leg("ACTION_FAILED", Some(data))).await;
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "no answer");

    let data =
        json!({"Type": "CallUpdateRequest", "Parameters": {"Arguments": {"action": "mute"}}});
    let r = answer(&app, one_leg("CALL_UPDATE_REQUESTED", Some(data.clone()))).await;
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "mute (leg B: false)");
    let r = answer(&app, bridged("CALL_UPDATE_REQUESTED", "Connected", Some(data))).await;
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "mute (leg B: true)");

    // Arguments that do not fit the user's type: a rejection, answered by the policy.
    let data = json!({"Type": "CallUpdateRequest", "Parameters": {"Arguments": {"other": "x"}}});
    assert_eq!(hangups(&answer(&app, one_leg("CALL_UPDATE_REQUESTED", Some(data))).await), vec![A]);

    let mut e = bridged(
        "HANGUP",
        "Disconnected",
        Some(json!({"Type": "Hangup", "Parameters": {"CallId": B, "ParticipantTag": "LEG-B"}})),
    );
    e["CallDetails"]["Participants"][0]["SipHeaders"] = json!({"X-Tier": "gold"});
    assert_eq!(hangups(&answer(&app, e).await), vec![A]);
}

// --- shared state ----------------------------------------------------------------------------

struct Greeting(&'static str);

#[on(NewInboundCall)]
async fn greet(call: Call, greeting: Shared<Greeting>) -> Actions {
    call.leg_a().speak(greeting.0.0).into()
}

#[tokio::test]
async fn shared_state_is_checked_at_start_up_and_extracted() {
    let missing = App::new(handlers![greet]);
    let err = missing.check().expect_err("Greeting is not registered");
    assert!(err.to_string().contains("handler `greet`"), "{err}");
    assert!(err.to_string().contains("Greeting"), "{err}");

    let app = App::new(handlers![greet]).state(Greeting("Welcome"));
    app.check().expect("registered");
    let r = answer(&app, event("NEW_INBOUND_CALL", vec![leg("LEG-A", A, None)], None)).await;
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "Welcome");
}

// --- return types ---------------------------------------------------------------------------

#[on(ActionSuccessful)]
async fn unit() {}

#[on(DigitsReceived)]
async fn maybe(digits: Digits) -> Option<Actions> {
    (digits == "9").then(|| Actions::new().then(Speak::new(Target::call(A), "nine")))
}

#[on(ActionInterrupted)]
async fn whole_response(call: Call) -> sma_core::Response {
    let mut attrs = call.attributes().clone();
    attrs.insert("interrupted", "yes");
    sma_core::Response::new(vec![]).with_attributes(attrs)
}

#[tokio::test]
async fn return_types() {
    let app = App::new(handlers![unit, maybe, whole_response]);
    assert_eq!(
        answer(&app, one_leg("ACTION_SUCCESSFUL", None)).await,
        json!({"SchemaVersion": "1.0"})
    );
    let digits =
        |d: &str| Some(json!({"Type": "ReceiveDigits", "Parameters": {}, "ReceivedDigits": d}));
    assert_eq!(
        answer(&app, one_leg("DIGITS_RECEIVED", digits("1"))).await,
        json!({"SchemaVersion": "1.0"})
    );
    let r = answer(&app, one_leg("DIGITS_RECEIVED", digits("9"))).await;
    assert_eq!(r["Actions"][0]["Parameters"]["Text"], "nine");
    let r = answer(&app, one_leg("ACTION_INTERRUPTED", None)).await;
    assert_eq!(r["TransactionAttributes"], json!({"interrupted": "yes"}));
}

#[test]
fn handlers_stay_callable() {
    let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    let actions = rt.block_on(speak_done());
    assert_eq!(actions.len(), 1);
    let call = sma_core::Call::new(invocation(one_leg("ACTION_FAILED", None)));
    let a = bridge_failed(
        call,
        sma_core::ActionError {
            action_type: "CallAndBridge".into(),
            failure: sma_core::event::ActionFailure {
                error_type: ErrorType::CallNotAnswered,
                message: Default::default(),
                errors: vec![],
            },
        },
    );
    assert!(matches!(a.as_slice(), [Action::Speak(s)] if s.text.as_deref() == Some("no answer")));
    let _ = SpeakAndGetDigits::default();
}

#[test]
fn merging_routers_rejects_duplicates() {
    let err = handlers![any_success].merge(handlers![unit]).expect_err("same route");
    assert!(err.contains("`any_success` and `unit`"), "{err}");
    assert!(handlers![any_success].merge(handlers![speak_done]).is_ok());
}

/// A HANGUP on an event listing twelve connected legs: the default answer and the failure
/// policies keep to the service's ten actions per response.
#[tokio::test]
async fn default_and_failure_answers_keep_to_ten_actions() {
    use sma_core::response::Limits;
    let participants: Vec<serde_json::Value> = (0..12)
        .map(|i| {
            json!({"CallId": format!("leg-{i}"), "ParticipantTag": if i == 0 { "LEG-A" } else { "LEG-B" },
                "To": "+12065550100", "From": "+14155550199", "Direction": "Inbound",
                "StartTimeInMilliseconds": "1700000000000", "Status": "Connected"})
        })
        .collect();
    let event = |kind: &str| {
        json!({"SchemaVersion": "1.0", "Sequence": 9, "InvocationEventType": kind,
            "ActionData": {"Type": "Hangup", "Parameters": {"CallId": "leg-1", "ParticipantTag": "LEG-B"}},
            "CallDetails": {"TransactionId": "tx", "AwsAccountId": "111122223333", "AwsRegion": "us-east-1",
                "SipMediaApplicationId": "sma", "Participants": participants.clone()}})
    };
    let inv: Invocation = serde_json::from_value(event("HANGUP")).unwrap();
    let default = App::new(Router::default()).handle(event("HANGUP"), Context::default()).await;
    assert_eq!(default.action_list().len(), 10);
    assert!(default.validate(&Limits::CURRENT, Some(&inv)).is_ok());
    for policy in [FailurePolicy::hang_up(), FailurePolicy::apologize("Sorry.")] {
        let answer = App::new(Router::default())
            .on_failure(policy)
            .handle(event("ACTION_FAILED"), Context::default())
            .await;
        assert_eq!(answer.action_list().len(), 10, "{answer:?}");
    }
}

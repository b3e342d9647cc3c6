//! Each documented rule against a flow that keeps it (`tests/flows/interpreter.json`, the shape
//! of the interpreter flow the Connect exit generates) and flows that break it, one change each.

use serde_json::{Value, json};
use sma_connect::{Rule, check};
use std::collections::BTreeSet;

fn flow() -> Value {
    let text = include_str!("flows/interpreter.json");
    serde_json::from_str(text).expect("the fixture is JSON")
}

/// A change to the fixture: a value set at a JSON pointer (`None`: the key or element removed).
fn changed(pointer: &str, value: Option<Value>) -> String {
    let mut flow = flow();
    let (parent, last) = pointer.rsplit_once('/').expect("a pointer below the root");
    let parent = flow.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer} is in the fixture"));
    match (parent, value) {
        (Value::Object(map), Some(v)) => drop(map.insert(last.to_owned(), v)),
        (Value::Object(map), None) => drop(map.remove(last).expect("the key is there")),
        (Value::Array(list), Some(v)) => list[last.parse::<usize>().expect("an index")] = v,
        (Value::Array(list), None) => drop(list.remove(last.parse().expect("an index"))),
        _ => panic!("{pointer} is not inside an object or a list"),
    }
    flow.to_string()
}

fn rules(content: &str) -> BTreeSet<Rule> {
    check(content).problems.iter().map(|p| p.rule).collect()
}

#[test]
fn the_interpreter_fixture_keeps_every_rule_and_every_type_is_checked() {
    let report = check(include_str!("flows/interpreter.json"));
    assert!(report.is_ok(), "{:#?}", report.problems);
    assert!(report.unchecked_types.is_empty(), "{:?}", report.unchecked_types);
}

/// One change to the fixture, and the rules it breaks.
struct Case {
    what: &'static str,
    content: String,
    breaks: &'static [Rule],
}

fn case(what: &'static str, pointer: &str, value: Option<Value>, breaks: &'static [Rule]) -> Case {
    Case { what, content: changed(pointer, value), breaks }
}

fn renamed(what: &'static str, from: &str, to: &str, breaks: &'static [Rule]) -> Case {
    let content = flow().to_string().replace(&format!("\"{from}\""), &format!("\"{to}\""));
    Case { what, content, breaks }
}

fn cases() -> Vec<Case> {
    use Rule::*;
    let many: Vec<Value> = (0..251)
        .map(|i| json!({"Identifier": format!("d{i}"), "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}))
        .collect();
    let stray = {
        let mut f = flow();
        let actions = f["Actions"].as_array_mut().expect("a list");
        actions.push(json!({"Identifier": "stray", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}));
        f.to_string()
    };
    let long = {
        let mut f = flow();
        f["Metadata"]["note"] = Value::from("x".repeat(256_001));
        f.to_string()
    };
    vec![
        Case { what: "not JSON", content: "{\"Version\":".into(), breaks: &[Content] },
        Case { what: "empty content", content: String::new(), breaks: &[Content] },
        Case { what: "a list, not an object", content: "[]".into(), breaks: &[Content] },
        Case { what: "over 256,000 characters", content: long, breaks: &[Content] },
        case("another version", "/Version", Some(json!("2019-10-31")), &[Version]),
        case("StartAction names no action", "/StartAction", Some(json!("nowhere")), &[StartAction]),
        case(
            "StartAction is an object",
            "/StartAction",
            Some(json!({"Id": "invoke"})),
            &[StartAction],
        ),
        case("no actions", "/Actions", Some(json!([])), &[ActionCount, StartAction]),
        case("251 actions", "/Actions", Some(Value::Array(many)), &[ActionCount, StartAction]),
        case("an action without Transitions", "/Actions/3/Transitions", None, &[ActionShape]),
        case("an action without Parameters", "/Actions/3/Parameters", None, &[ActionShape]),
        case(
            "an action that is a string",
            "/Actions/8",
            Some(json!("record")),
            &[ActionShape, NextAction],
        ),
        case(
            "a duplicate identifier",
            "/Actions/1/Identifier",
            Some(json!("invoke")),
            &[IdentifierUnique, NextAction],
        ),
        renamed("an identifier with a colon", "bye", "bye:now", &[IdentifierForm]),
        renamed("a reserved identifier", "bye", "toString", &[IdentifierForm]),
        renamed("an identifier of 51 characters", "bye", &"b".repeat(51), &[IdentifierForm]),
        case(
            "an error branch to nowhere",
            "/Actions/0/Transitions/Errors/0/NextAction",
            Some(json!("gone")),
            &[NextAction],
        ),
        Case { what: "an action nothing leads to", content: stray, breaks: &[Reachable] },
        case(
            "an unknown operator",
            "/Actions/2/Transitions/Conditions/0/Condition/Operator",
            Some(json!("GreaterThan")),
            &[ConditionOperator],
        ),
        case(
            "operands that are not a list",
            "/Actions/2/Transitions/Conditions/0/Condition/Operands",
            Some(json!("Speak")),
            &[ConditionOperator],
        ),
        case("input without NoMatchingError", "/Actions/4/Transitions/Errors/2", None, &[Branches]),
        case(
            "input matched on two keys",
            "/Actions/4/Transitions/Conditions/0/Condition/Operands",
            Some(json!(["12"])),
            &[Branches],
        ),
        case(
            "stored input with conditions",
            "/Actions/4/Parameters/StoreInput",
            Some(json!("True")),
            &[Branches],
        ),
        case(
            "a loop without DoneLooping",
            "/Actions/5/Transitions/Conditions/1",
            None,
            &[Branches],
        ),
        case(
            "a loop with an error branch",
            "/Actions/5/Transitions/Errors",
            Some(json!([{"NextAction": "bye", "ErrorType": "NoMatchingError"}])),
            &[Branches],
        ),
        case(
            "a disconnect that goes on",
            "/Actions/8/Transitions/NextAction",
            Some(json!("invoke")),
            &[Branches],
        ),
        case(
            "a prompt with a condition",
            "/Actions/3/Transitions/Conditions",
            Some(
                json!([{"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["x"]}}]),
            ),
            &[Branches],
        ),
        case(
            "a Lambda timeout from the contact",
            "/Actions/0/Parameters/InvocationTimeLimitSeconds",
            Some(json!("$.Attributes.t")),
            &[StaticParameter],
        ),
        case(
            "StoreInput from the contact",
            "/Actions/4/Parameters/StoreInput",
            Some(json!("$.Attributes.s")),
            &[StaticParameter],
        ),
        case(
            "a Lambda timeout of 9 s",
            "/Actions/0/Parameters/InvocationTimeLimitSeconds",
            Some(json!("9")),
            &[ParameterValue],
        ),
        case(
            "a Lambda timeout of 2.5 s",
            "/Actions/0/Parameters/InvocationTimeLimitSeconds",
            Some(json!(2.5)),
            &[ParameterValue],
        ),
        case(
            "an input time limit of 0",
            "/Actions/4/Parameters/InputTimeLimitSeconds",
            Some(json!("0")),
            &[ParameterValue],
        ),
        case(
            "a terminator of 6 keys",
            "/Actions/4/Parameters/DTMFConfiguration/InputTerminationSequence",
            Some(json!("123456")),
            &[ParameterValue],
        ),
        case("101 loops", "/Actions/5/Parameters/LoopCount", Some(json!("101")), &[ParameterValue]),
        case(
            "a number that is not E.164",
            "/Actions/6/Parameters/ThirdPartyPhoneNumber",
            Some(json!("2065550100")),
            &[ParameterValue],
        ),
        case(
            "a transfer timeout of 601 s",
            "/Actions/6/Parameters/ThirdPartyConnectionTimeLimitSeconds",
            Some(json!("601")),
            &[ParameterValue],
        ),
        case(
            "51 digits to send",
            "/Actions/6/Parameters/ThirdPartyDTMFDigits",
            Some(json!("1".repeat(51))),
            &[ParameterValue],
        ),
        case(
            "a recording behaviour that is not one",
            "/Actions/7/Parameters/RecordingBehavior/IVRRecordingBehavior",
            Some(json!("On")),
            &[ParameterValue],
        ),
        case(
            "Compare without a value",
            "/Actions/2/Parameters/ComparisonValue",
            None,
            &[ParameterValue],
        ),
        case(
            "a Lambda without a function",
            "/Actions/0/Parameters/LambdaFunctionARN",
            None,
            &[ParameterValue],
        ),
        case("two prompts", "/Actions/3/Parameters/Text", Some(json!("Hello")), &[Prompt]),
        case("no prompt to play", "/Actions/3/Parameters/SSML", None, &[Prompt]),
        case(
            "media from HTTP",
            "/Actions/3/Parameters",
            Some(
                json!({"Media": {"Uri": "https://example.com/a.wav", "SourceType": "HTTP", "MediaType": "Audio"}}),
            ),
            &[Prompt],
        ),
        case(
            "an attribute key with a space",
            "/Actions/1/Parameters/Attributes/a b",
            Some(json!("x")),
            &[Attributes],
        ),
        case(
            "an attribute that is a number",
            "/Actions/1/Parameters/Attributes/n",
            Some(json!(1)),
            &[Attributes],
        ),
        case(
            "attributes over 32 KB",
            "/Actions/1/Parameters/Attributes/big",
            Some(json!("x".repeat(32_768))),
            &[Attributes],
        ),
    ]
}

#[test]
fn each_change_breaks_exactly_its_rules() {
    for case in cases() {
        let expected: BTreeSet<Rule> = case.breaks.iter().copied().collect();
        assert_eq!(
            rules(&case.content),
            expected,
            "{}: {:#?}",
            case.what,
            check(&case.content).problems
        );
    }
}

#[test]
fn every_rule_has_a_flow_that_breaks_it() {
    let broken: BTreeSet<Rule> = cases().iter().flat_map(|c| c.breaks.iter().copied()).collect();
    let missing: Vec<&str> =
        Rule::ALL.iter().filter(|r| !broken.contains(r)).map(|r| r.name()).collect();
    assert!(missing.is_empty(), "rules no case breaks: {missing:?}");
}

#[test]
fn a_problem_names_the_action_and_the_rule() {
    let report =
        check(&changed("/Actions/0/Parameters/InvocationTimeLimitSeconds", Some(json!("9"))));
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].action.as_deref(), Some("invoke"));
    assert_eq!(
        report.problems[0].to_string(),
        "parameter-value: action \"invoke\": InvocationTimeLimitSeconds is \"9\", not a whole number from 1 to 8"
    );
}

#[test]
fn an_asynchronous_lambda_may_run_60_seconds_and_a_dynamic_loop_count_is_whole() {
    let mut f = flow();
    f["Actions"][0]["Parameters"]["InvocationType"] = json!("ASYNCHRONOUS");
    f["Actions"][0]["Parameters"]["InvocationTimeLimitSeconds"] = json!("60");
    f["Actions"][5]["Parameters"]["LoopCount"] = json!("$.External.retries");
    assert!(check(&f.to_string()).is_ok());
    f["Actions"][0]["Parameters"]["InvocationTimeLimitSeconds"] = json!("61");
    assert_eq!(rules(&f.to_string()), BTreeSet::from([Rule::ParameterValue]));
}

#[test]
fn input_with_a_lex_bot_branches_on_intent_names() {
    // As a published flow does: Get customer input with a Lex V2 bot, one branch per intent.
    let mut f = flow();
    f["Actions"][4]["Parameters"] = json!({"LexV2Bot": {"AliasArn": "arn:aws:lex:us-east-1:111122223333:bot-alias/B/A"}, "Text": ""});
    f["Actions"][4]["Transitions"]["Conditions"][0]["Condition"]["Operands"] =
        json!(["OrderStatus"]);
    assert!(check(&f.to_string()).is_ok(), "{:#?}", check(&f.to_string()).problems);
    f["Actions"][4]["Transitions"]["Conditions"][0]["Condition"]["Operator"] =
        json!("TextContains");
    assert_eq!(rules(&f.to_string()), BTreeSet::from([Rule::Branches]));
}

#[test]
fn action_types_without_rules_here_are_listed_not_refused() {
    let mut f = flow();
    f["Actions"][7]["Type"] = json!("UpdateContactTextToSpeechVoice");
    f["Actions"][7]["Parameters"] = json!({"TextToSpeechVoice": "Joanna"});
    let report = check(&f.to_string());
    assert!(report.is_ok(), "{:#?}", report.problems);
    assert_eq!(
        report.unchecked_types,
        BTreeSet::from(["UpdateContactTextToSpeechVoice".to_owned()])
    );
}

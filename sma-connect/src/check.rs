//! [`check`]: a flow's content against the documented rules of the flow language.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

/// The date on which the Amazon Connect documentation behind these rules was read.
///
/// ```
/// assert_eq!(sma_connect::DOCS_DATE, "2026-12-04");
/// ```
pub const DOCS_DATE: &str = "2026-12-04";

/// The only flow-language version the documentation names.
const VERSION: &str = "2019-10-30";
/// The most actions a flow may have.
const MAX_ACTIONS: usize = 250;
/// The longest content `CreateContactFlow` takes, in characters.
const MAX_CONTENT: usize = 256_000;
/// The longest identifier, in characters.
const MAX_IDENTIFIER: usize = 50;
/// Characters an identifier may not contain.
const IDENTIFIER_FORBIDDEN: &[char] =
    &['%', ':', '(', '\\', '/', ')', '=', '$', ',', ';', '[', ']', '{', '}'];
/// Strings that may not be identifiers.
const IDENTIFIER_RESERVED: &[&str] = &[
    "__proto__",
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "toString",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "valueOf",
];

/// A documented rule of the flow language. Each names the documentation page it comes from
/// ([`Rule::source`]).
///
/// Not checked: the nesting of conditions (at most 5 levels, 50 sub-conditions), whether a
/// JSONPath reference names data the flow has, and the parameters of action types this crate
/// does not list in [`Report::unchecked_types`].
///
/// ```
/// use sma_connect::Rule;
/// assert_eq!(Rule::Reachable.name(), "reachable");
/// assert!(Rule::Reachable.source().starts_with("https://docs.aws.amazon.com/connect/"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// The content is a JSON object of 1 to 256,000 characters.
    Content,
    /// `Version` is `2019-10-30`.
    Version,
    /// `StartAction` is a string naming an action of the flow.
    StartAction,
    /// `Actions` is a list of 1 to 250 actions.
    ActionCount,
    /// Each action is an object with a string `Identifier` and `Type`, and a `Parameters` and a
    /// `Transitions` object.
    ActionShape,
    /// Identifiers are unique among the actions.
    IdentifierUnique,
    /// An identifier has at most 50 characters, none of `% : ( \ / ) = $ , ; [ ] { }`, and is
    /// none of the reserved names (`__proto__`, `toString`, ...).
    IdentifierForm,
    /// Every `NextAction` (of the transition, its errors and its conditions) names an action.
    NextAction,
    /// Every action can be reached from `StartAction`.
    Reachable,
    /// A condition's `Operator` is one the language has, with a list of `Operands`.
    ConditionOperator,
    /// The branches an action type requires are there, and those it does not support are not:
    /// `NoMatchingError` on `GetParticipantInput`, `ContinueLooping` and `DoneLooping` (and
    /// nothing else) on `Loop`, one-key `Equals` conditions on `GetParticipantInput` that does
    /// not store its input (intent names, with `Equals`, when it has a Lex bot), no transitions
    /// on `DisconnectParticipant`.
    Branches,
    /// Parameters that must be static are not JSONPath references.
    StaticParameter,
    /// A parameter's value is in its documented range or set.
    ParameterValue,
    /// A prompt is given at most one way (`PromptId`, `Text`, `SSML`, `Media`), and exactly one
    /// on `MessageParticipant`.
    Prompt,
    /// `UpdateContactAttributes`: keys of letters, digits, `-` and `_`, values that are strings,
    /// 32,768 bytes in all.
    Attributes,
}

impl Rule {
    /// Every rule, in the order of this enum.
    ///
    /// ```
    /// assert_eq!(sma_connect::Rule::ALL[0], sma_connect::Rule::Content);
    /// ```
    pub const ALL: [Rule; 15] = [
        Rule::Content,
        Rule::Version,
        Rule::StartAction,
        Rule::ActionCount,
        Rule::ActionShape,
        Rule::IdentifierUnique,
        Rule::IdentifierForm,
        Rule::NextAction,
        Rule::Reachable,
        Rule::ConditionOperator,
        Rule::Branches,
        Rule::StaticParameter,
        Rule::ParameterValue,
        Rule::Prompt,
        Rule::Attributes,
    ];

    /// A short name for the rule, as reports print it.
    ///
    /// ```
    /// assert_eq!(sma_connect::Rule::NextAction.name(), "next-action");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Rule::Content => "content",
            Rule::Version => "version",
            Rule::StartAction => "start-action",
            Rule::ActionCount => "action-count",
            Rule::ActionShape => "action-shape",
            Rule::IdentifierUnique => "identifier-unique",
            Rule::IdentifierForm => "identifier-form",
            Rule::NextAction => "next-action",
            Rule::Reachable => "reachable",
            Rule::ConditionOperator => "condition-operator",
            Rule::Branches => "branches",
            Rule::StaticParameter => "static-parameter",
            Rule::ParameterValue => "parameter-value",
            Rule::Prompt => "prompt",
            Rule::Attributes => "attributes",
        }
    }

    /// The documentation page the rule is written from (as read on [`DOCS_DATE`]).
    ///
    /// ```
    /// assert!(sma_connect::Rule::Content.source().contains("CreateContactFlow"));
    /// ```
    pub fn source(self) -> &'static str {
        match self {
            Rule::Content => {
                "https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html"
            }
            Rule::Version | Rule::StartAction | Rule::ActionCount => {
                "https://docs.aws.amazon.com/connect/latest/adminguide/flow-language-example.html"
            }
            Rule::Attributes => {
                "https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateContactAttributes.html"
            }
            // The per-type rules come from each action type's page, linked from this one.
            Rule::ActionShape
            | Rule::IdentifierUnique
            | Rule::IdentifierForm
            | Rule::NextAction
            | Rule::Reachable
            | Rule::ConditionOperator
            | Rule::Branches
            | Rule::StaticParameter
            | Rule::ParameterValue
            | Rule::Prompt => {
                "https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html"
            }
        }
    }
}

/// One broken rule: which, in which action (`None`: the flow as a whole), and what is wrong.
///
/// ```
/// let report = sma_connect::check(r#"{"Version":"2019-10-30"}"#);
/// let problem = report.problems.iter().find(|p| p.rule == sma_connect::Rule::StartAction).unwrap();
/// assert_eq!(problem.action, None);
/// assert_eq!(problem.to_string(), "start-action: StartAction is missing, not a string");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The rule broken.
    pub rule: Rule,
    /// The `Identifier` of the action at fault, if one is.
    pub action: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.action {
            Some(action) => write!(f, "{}: action {action:?}: {}", self.rule.name(), self.message),
            None => write!(f, "{}: {}", self.rule.name(), self.message),
        }
    }
}

/// What [`check`] found.
///
/// ```
/// let report = sma_connect::check(r#"{"Version":"2019-10-30","StartAction":"a","Actions":[
///   {"Identifier":"a","Type":"CheckHoursOfOperation","Parameters":{},"Transitions":{}}]}"#);
/// assert!(report.is_ok());
/// assert!(report.unchecked_types.contains("CheckHoursOfOperation"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every rule broken, in the order of the content.
    pub problems: Vec<Problem>,
    /// Action types present whose parameters and branches this crate does not check (their
    /// identifiers and transitions are checked). They are not refused: the language has more
    /// types than the ones a PSTN audio flow needs.
    pub unchecked_types: BTreeSet<String>,
}

impl Report {
    /// No rule is broken.
    ///
    /// ```
    /// assert!(!sma_connect::check("{}").is_ok());
    /// ```
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Where problems are collected, for the rules of one action at a time.
pub(crate) struct Sink<'a> {
    pub(crate) problems: &'a mut Vec<Problem>,
    pub(crate) action: Option<&'a str>,
}

impl Sink<'_> {
    pub(crate) fn report(&mut self, rule: Rule, message: impl Into<String>) {
        self.problems.push(Problem {
            rule,
            action: self.action.map(str::to_owned),
            message: message.into(),
        });
    }
}

/// Checks a flow's content (the `Content` string of `CreateContactFlow`) against the
/// documented rules. See the [crate] documentation for an example.
pub fn check(content: &str) -> Report {
    let mut report = Report::default();
    let mut flow = Sink { problems: &mut report.problems, action: None };
    let chars = content.chars().count();
    if chars == 0 || chars > MAX_CONTENT {
        flow.report(Rule::Content, format!("{chars} characters, not 1 to {MAX_CONTENT}"));
    }
    let top = match serde_json::from_str::<Value>(content) {
        Ok(Value::Object(top)) => top,
        Ok(_) => {
            flow.report(Rule::Content, "the content is not a JSON object");
            return report;
        }
        Err(e) => {
            flow.report(Rule::Content, format!("the content is not JSON: {e}"));
            return report;
        }
    };
    if top.get("Version").and_then(Value::as_str) != Some(VERSION) {
        flow.report(
            Rule::Version,
            format!("Version is {}, not \"{VERSION}\"", shown(top.get("Version"))),
        );
    }
    let actions = match top.get("Actions").and_then(Value::as_array) {
        Some(actions) => actions.as_slice(),
        None => {
            flow.report(Rule::ActionCount, "Actions is not a list");
            &[]
        }
    };
    if actions.is_empty() || actions.len() > MAX_ACTIONS {
        flow.report(
            Rule::ActionCount,
            format!("{} actions, not 1 to {MAX_ACTIONS}", actions.len()),
        );
    }
    let graph = identifiers(actions, &mut flow);
    let start = match top.get("StartAction") {
        Some(Value::String(start)) if graph.contains_key(start.as_str()) => Some(start.as_str()),
        Some(Value::String(start)) => {
            flow.report(Rule::StartAction, format!("StartAction {start:?} names no action"));
            None
        }
        other => {
            flow.report(
                Rule::StartAction,
                format!("StartAction is {}, not a string", shown(other)),
            );
            None
        }
    };
    for action in actions.iter().filter_map(Value::as_object) {
        let id = action.get("Identifier").and_then(Value::as_str);
        let mut sink = Sink { problems: flow.problems, action: id };
        let transitions = action.get("Transitions").and_then(Value::as_object);
        for next in transitions.map(next_actions).unwrap_or_default() {
            if !graph.contains_key(next) {
                sink.report(Rule::NextAction, format!("NextAction {next:?} names no action"));
            }
        }
        let (Some(kind), Some(parameters), Some(transitions)) = (
            action.get("Type").and_then(Value::as_str),
            action.get("Parameters").and_then(Value::as_object),
            transitions,
        ) else {
            continue;
        };
        conditions(transitions, &mut sink);
        if !crate::parameters::check(kind, parameters, transitions, &mut sink) {
            report.unchecked_types.insert(kind.to_owned());
        }
    }
    if let Some(start) = start {
        let reached = reachable(start, &graph);
        for id in graph.keys().filter(|id| !reached.contains(*id)) {
            Sink { problems: &mut report.problems, action: Some(id) }
                .report(Rule::Reachable, "no path from StartAction reaches this action");
        }
    }
    report
}

/// The identifiers of `actions` with the actions each transitions to; checks the shape of
/// each action and the form and uniqueness of its identifier.
fn identifiers<'a>(actions: &'a [Value], flow: &mut Sink<'_>) -> BTreeMap<&'a str, Vec<&'a str>> {
    let mut graph = BTreeMap::new();
    for (i, action) in actions.iter().enumerate() {
        let Some(action) = action.as_object() else {
            flow.report(Rule::ActionShape, format!("action {i} is not an object"));
            continue;
        };
        let Some(id) = action.get("Identifier").and_then(Value::as_str) else {
            flow.report(Rule::ActionShape, format!("action {i} has no string Identifier"));
            continue;
        };
        let mut sink = Sink { problems: flow.problems, action: Some(id) };
        for (field, ok) in [
            ("Type", action.get("Type").is_some_and(Value::is_string)),
            ("Parameters", action.get("Parameters").is_some_and(Value::is_object)),
            ("Transitions", action.get("Transitions").is_some_and(Value::is_object)),
        ] {
            if !ok {
                sink.report(Rule::ActionShape, format!("{field} is missing or of the wrong type"));
            }
        }
        let length = id.chars().count();
        if length == 0 || length > MAX_IDENTIFIER {
            sink.report(
                Rule::IdentifierForm,
                format!("{length} characters, not 1 to {MAX_IDENTIFIER}"),
            );
        }
        if let Some(c) = id.chars().find(|c| IDENTIFIER_FORBIDDEN.contains(c)) {
            sink.report(Rule::IdentifierForm, format!("the identifier contains {c:?}"));
        }
        if IDENTIFIER_RESERVED.contains(&id) {
            sink.report(Rule::IdentifierForm, "the identifier is a reserved name");
        }
        let next = action.get("Transitions").and_then(Value::as_object).map(next_actions);
        if graph.insert(id, next.unwrap_or_default()).is_some() {
            sink.report(Rule::IdentifierUnique, "another action has the same identifier");
        }
    }
    graph
}

/// Every `NextAction` of a `Transitions` object: its own, its errors' and its conditions'.
fn next_actions(transitions: &Map<String, Value>) -> Vec<&str> {
    let branches = ["Errors", "Conditions"]
        .into_iter()
        .flat_map(|key| transitions.get(key).and_then(Value::as_array).into_iter().flatten());
    std::iter::once(transitions.get("NextAction"))
        .chain(branches.map(|branch| branch.get("NextAction")))
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// The operators a condition may have.
const OPERATORS: &[&str] = &[
    "Equals",
    "TextStartsWith",
    "TextEndsWith",
    "TextContains",
    "NumberGreaterThan",
    "NumberGreaterThanOrEqualTo",
    "NumberLessThan",
    "NumberLessThanOrEqualTo",
];

/// The `Operator` and `Operands` of each condition of `transitions`.
fn conditions(transitions: &Map<String, Value>, sink: &mut Sink<'_>) {
    for condition in crate::parameters::branches(transitions, "Conditions") {
        let condition = condition.get("Condition");
        let operator = condition.and_then(|c| c.get("Operator")).and_then(Value::as_str);
        match operator {
            Some(op) if OPERATORS.contains(&op) => {}
            _ => sink.report(
                Rule::ConditionOperator,
                format!(
                    "Operator is {}, not one of {}",
                    shown(operator.map(Value::from).as_ref()),
                    OPERATORS.join(", ")
                ),
            ),
        }
        if !condition.and_then(|c| c.get("Operands")).is_some_and(Value::is_array) {
            sink.report(Rule::ConditionOperator, "Operands is not a list");
        }
    }
}

/// The identifiers reached from `start`.
fn reachable<'a>(start: &'a str, graph: &BTreeMap<&'a str, Vec<&'a str>>) -> BTreeSet<&'a str> {
    let mut reached = BTreeSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(id) = queue.pop_front() {
        for &next in graph.get(id).into_iter().flatten() {
            if reached.insert(next) {
                queue.push_back(next);
            }
        }
    }
    reached
}

/// A JSON value as a problem shows it: its kind, and the value itself when it is short. Flow
/// content is the user's own text, not call data.
pub(crate) fn shown(value: Option<&Value>) -> String {
    match value {
        None => "missing".to_owned(),
        Some(v @ (Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null)) => {
            let text = v.to_string();
            if text.chars().count() <= 60 { text } else { "a long string".to_owned() }
        }
        Some(Value::Array(_)) => "a list".to_owned(),
        Some(Value::Object(_)) => "an object".to_owned(),
    }
}

//! The gap report: per route of an `App`, what carries over to Amazon Connect, measured on
//! the simulator's scenarios.
//!
//! The routes come from the [`Router`]; what each route answers comes from scenarios (the
//! exchanges a [`Simulator`](sma_core::testing) test records, event bytes and response bytes,
//! through the same entry the Lambda runs). A route no scenario reaches is listed as such: the
//! report knows only what the scenarios exercise.
//!
//! ```
//! use sma_core::prelude::*;
//! use sma_connect::gaps::GapReport;
//!
//! #[on(NewInboundCall)]
//! async fn greet(call: Call) -> Actions { call.leg_a().speak("Hello").into() }
//! #[on(Ringing)]
//! async fn ringing(_call: Call) -> Actions { Actions::new() }
//!
//! let router = handlers![greet, ringing];
//! let event = br#"{"SchemaVersion":"1.0","Sequence":1,"InvocationEventType":"NEW_INBOUND_CALL",
//!   "CallDetails":{"TransactionId":"t","AwsAccountId":"1","AwsRegion":"us-east-1",
//!   "SipMediaApplicationId":"s","Participants":[{"CallId":"c","ParticipantTag":"LEG-A",
//!   "To":"+14155550123","From":"+16505550177","Direction":"Inbound","StartTimeInMilliseconds":"1"}]}}"#;
//! let response = br#"{"SchemaVersion":"1.0","Actions":[{"Type":"Speak","Parameters":{"Text":"Hello","CallId":"c"}}]}"#;
//! let mut report = GapReport::new(&router);
//! report.scenario("greeting", [(&event[..], &response[..])]);
//! let text = report.to_markdown("greeter");
//! assert!(text.contains("| `greet` | NewInboundCall | greeting |"), "{text}");
//! assert!(text.contains("| `ringing` | Ringing | no scenario |"), "{text}");
//! ```

pub(crate) mod carry;

pub use carry::Carry;

use serde_json::Value;
use sma_core::event::Invocation;
use sma_core::{ParticipantTag, Router};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

/// The most bytes of contact attributes Connect keeps (`UpdateContactAttributes`).
const ATTRIBUTE_BYTES: usize = 32_768;

/// What one route answered in the scenarios.
#[derive(Debug, Clone, Default)]
struct RouteFindings {
    route: String,
    events: Vec<Carry>,
    scenarios: Vec<String>,
    actions: BTreeMap<String, Carry>,
}

/// The gap report of one `App`: build it with [`GapReport::new`] and [`GapReport::scenario`],
/// print it with [`GapReport::to_markdown`]. See the [module](self) documentation.
#[derive(Debug, Clone)]
pub struct GapReport<'r> {
    router: &'r Router,
    routes: BTreeMap<&'static str, RouteFindings>,
    unrouted: Vec<String>,
    attributes: Vec<String>,
    /// Each walked scenario and what its walk found, as a line of the report.
    walks: Vec<(String, String)>,
    /// The longest time each route took, when measured ([`GapReport::timing`]).
    took: BTreeMap<&'static str, Duration>,
}

impl<'r> GapReport<'r> {
    /// A report on the routes of `router`, with no scenario yet.
    ///
    /// ```
    /// let router = sma_core::handlers![];
    /// let report = sma_connect::gaps::GapReport::new(&router);
    /// assert!(report.to_markdown("none").contains("No routes."));
    /// ```
    pub fn new(router: &'r Router) -> Self {
        let routes = router
            .routes()
            .map(|(route, name)| {
                let findings =
                    RouteFindings { route: route.to_string(), ..RouteFindings::default() };
                (name, findings)
            })
            .collect();
        GapReport {
            router,
            routes,
            unrouted: Vec::new(),
            attributes: Vec::new(),
            walks: Vec::new(),
            took: BTreeMap::new(),
        }
    }

    /// Adds one scenario: its exchanges in order, each the event bytes the function received
    /// and the response bytes it returned (`Simulator::exchanges`).
    ///
    /// See the [module](self) documentation for an example.
    pub fn scenario<'a>(
        &mut self,
        name: &str,
        exchanges: impl IntoIterator<Item = (&'a [u8], &'a [u8])>,
    ) -> &mut Self {
        for (i, (event, response)) in exchanges.into_iter().enumerate() {
            let Ok(invocation) = Invocation::from_slice(event) else { continue };
            let Some(handler) = self.router.handler_for(&invocation) else {
                let kind = invocation.event_type.as_str().to_owned();
                if !self.unrouted.contains(&kind) {
                    self.unrouted.push(kind);
                }
                continue;
            };
            let Ok(response) = serde_json::from_slice::<Value>(response) else { continue };
            self.attributes(name, i, &response);
            let leg_a = invocation.leg_a().map(|p| p.call_id.as_str().to_owned());
            let Some(findings) = self.routes.get_mut(handler) else { continue };
            if !findings.scenarios.iter().any(|s| s == name) {
                findings.scenarios.push(name.to_owned());
            }
            let leg_b = invocation.invoking_leg() == Some(ParticipantTag::LegB);
            let event = carry::event(invocation.event_type.as_str(), leg_b);
            if !findings.events.contains(&event) {
                findings.events.push(event);
            }
            for action in response.get("Actions").and_then(Value::as_array).into_iter().flatten() {
                let kind = action.get("Type").and_then(Value::as_str).unwrap_or("(no Type)");
                let parameters = action.get("Parameters").unwrap_or(&Value::Null);
                let call_id = parameters.get("CallId").and_then(Value::as_str);
                let other_leg = call_id.is_some_and(|id| Some(id) != leg_a.as_deref())
                    || parameters.get("ParticipantTag").and_then(Value::as_str) == Some("LEG-B");
                let found = carry::action(kind, parameters, other_leg);
                let merged = match findings.actions.remove(kind) {
                    Some(before) => before.merge(found),
                    None => found,
                };
                findings.actions.insert(kind.to_owned(), merged);
            }
        }
        self
    }

    /// Adds what the walk of a scenario on the interpreter flow found
    /// ([`walk::compare`](crate::walk::compare)): it matches, or where it differs and why.
    ///
    /// ```
    /// use sma_connect::gaps::GapReport;
    /// use sma_connect::walk::{Heard, Outcome};
    /// let router = sma_core::handlers![];
    /// let mut report = GapReport::new(&router);
    /// report.walk("voicemail", &Outcome::Differs { at: 1, sma: vec![Heard::Say("Leave a message".into()), Heard::HangUp],
    ///     connect: vec![Heard::Say("Leave a message".into())], reasons: vec!["RecordAudio has no block".into()] });
    /// assert!(report.walks_explained());
    /// ```
    #[cfg(feature = "walk")]
    pub fn walk(&mut self, scenario: &str, outcome: &crate::walk::Outcome) -> &mut Self {
        use crate::walk::Outcome;
        let line = match outcome {
            Outcome::Matches => "matches".to_owned(),
            Outcome::Differs { at, sma, connect, reasons } => {
                let item = |list: &[crate::walk::Heard]| {
                    list.get(*at).map_or("nothing more".to_owned(), |h| format!("{h}"))
                };
                let why =
                    if reasons.is_empty() { "UNEXPLAINED".to_owned() } else { reasons.join("; ") };
                format!(
                    "differs at item {}: the SIP media application: {}; Connect: {}. Why: {why}",
                    at + 1,
                    item(sma),
                    item(connect)
                )
            }
        };
        self.walks.push((scenario.to_owned(), line));
        self
    }

    /// Whether every walk added matches, or differs with a reason the scenario gives.
    ///
    /// See [`GapReport::walk`] for an example.
    #[cfg(feature = "walk")]
    pub fn walks_explained(&self) -> bool {
        self.walks.iter().all(|(_, line)| !line.ends_with("UNEXPLAINED"))
    }

    /// Adds how long the function took to answer each event (the event bytes, and the time:
    /// `Exchange::took` of a simulator run, its virtual clock): the report lists the longest
    /// per route, and the routes over the flow's 8 s.
    ///
    /// ```
    /// use std::time::Duration;
    /// let router = sma_core::handlers![];
    /// let mut report = sma_connect::gaps::GapReport::new(&router);
    /// report.timing([(&b"{}"[..], Duration::from_secs(1))]); // not an event: not counted
    /// assert!(report.to_markdown("none").contains("No routes."));
    /// ```
    pub fn timing<'a>(
        &mut self,
        exchanges: impl IntoIterator<Item = (&'a [u8], Duration)>,
    ) -> &mut Self {
        for (event, took) in exchanges {
            let Ok(invocation) = Invocation::from_slice(event) else { continue };
            if let Some(handler) = self.router.handler_for(&invocation) {
                let longest = self.took.entry(handler).or_default();
                *longest = (*longest).max(took);
            }
        }
        self
    }

    /// The report's line on time.
    fn time_line(&self) -> String {
        let limit = crate::host::protocol::INVOCATION_SECONDS;
        let mut line = format!(
            "- Time: the flow waits at most {limit} s for each Lambda call (a chain of calls, 20 s); \
             behind Connect the host gives the handlers what is left of the {limit} s, then \
             answers with the app's failure policy. "
        );
        if self.took.is_empty() {
            line.push_str("No handler time was measured: check each route's p99 duration.");
            return line;
        }
        let each: Vec<String> = self
            .took
            .iter()
            .map(|(name, took)| format!("`{name}` {} ms", took.as_millis()))
            .collect();
        let over: Vec<&str> = self
            .took
            .iter()
            .filter(|(_, took)| took.as_secs() >= limit)
            .map(|(name, _)| *name)
            .collect();
        let _ = write!(
            line,
            "The longest each route took in the scenarios, on the simulator's clock (a handler's \
             own waits count, its CPU time and real I/O do not): {}. Over {limit} s: {}.",
            each.join(", "),
            if over.is_empty() { "none".to_owned() } else { format!("`{}`", over.join("`, `")) }
        );
        line
    }

    /// Transaction attributes that would not fit contact attributes: values that are not
    /// strings, keys other than letters, digits, `-` and `_`, more than 32,768 bytes in all.
    fn attributes(&mut self, scenario: &str, exchange: usize, response: &Value) {
        let Some(map) = response.get("TransactionAttributes").and_then(Value::as_object) else {
            return;
        };
        let at = format!("scenario \"{scenario}\", response {}", exchange + 1);
        let mut bytes = 0;
        for (key, value) in map {
            if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                self.attributes
                    .push(format!("{at}: the key {key:?} has characters Connect refuses"));
            }
            match value.as_str() {
                Some(text) => bytes += key.len() + text.len(),
                None => {
                    self.attributes.push(format!("{at}: the value of {key:?} is not a string"));
                    bytes += key.len() + value.to_string().len();
                }
            }
        }
        if bytes > ATTRIBUTE_BYTES {
            self.attributes.push(format!("{at}: {bytes} bytes, over Connect's 32,768"));
        }
    }

    /// The report as Markdown, titled with `app`.
    ///
    /// See the [module](self) documentation for an example.
    pub fn to_markdown(&self, app: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Moving `{app}` to Amazon Connect: what carries over\n");
        out.push_str(
            "Generated by `sma_connect::gaps::GapReport` from the app's routes and its simulator \
             scenarios; what a scenario does not exercise is not measured. Sources: the Amazon \
             Chime SDK guide \"Migrating PSTN Audio to Amazon Connect\" and the Amazon Connect \
             flow-language pages, as read on 2026-12-04.\n\n",
        );
        if self.routes.is_empty() {
            out.push_str("No routes.\n");
            return out;
        }
        out.push_str("## Routes\n\n| handler | route | scenarios | the event in Connect |\n|---|---|---|---|\n");
        for (name, f) in &self.routes {
            let scenarios = if f.scenarios.is_empty() {
                "no scenario".to_owned()
            } else {
                f.scenarios.join(", ")
            };
            let events: Vec<String> = f.events.iter().map(ToString::to_string).collect();
            let event =
                if events.is_empty() { "not measured".to_owned() } else { events.join("; ") };
            let _ = writeln!(out, "| `{name}` | {} | {scenarios} | {event} |", f.route);
        }
        out.push_str(
            "\n## Actions, per route\n\n| handler | action | in Connect |\n|---|---|---|\n",
        );
        for (name, f) in &self.routes {
            for (kind, carry) in &f.actions {
                let _ = writeln!(out, "| `{name}` | {kind} | {carry} |");
            }
        }
        if !self.walks.is_empty() {
            out.push_str(
                "\n## Walks of the interpreter flow\n\nEach scenario's steps played on the \
                 generated flow, the host calling the real handlers, against the simulator's run: \
                 speech, audio, transfers and the hang-up, in order.\n\n\
                 | scenario | walk |\n|---|---|\n",
            );
            for (scenario, line) in &self.walks {
                let _ = writeln!(out, "| {scenario} | {} |", line.replace('|', "\\|"));
            }
        }
        out.push_str("\n## Also\n\n");
        let uncovered: Vec<&str> =
            self.routes.iter().filter(|(_, f)| f.scenarios.is_empty()).map(|(n, _)| *n).collect();
        let lines = [
            (!uncovered.is_empty()).then(|| {
                format!("- Routes no scenario reaches: `{}`.", uncovered.join("`, `"))
            }),
            (!self.unrouted.is_empty()).then(|| {
                format!("- Events the scenarios sent that no route handles: {}.", self.unrouted.join(", "))
            }),
            Some(if self.attributes.is_empty() {
                "- Transaction attributes: every one the scenarios stored fits contact attributes (string values, 32 KB in all).".to_owned()
            } else {
                format!("- Transaction attributes that do not fit contact attributes:\n  - {}", self.attributes.join("\n  - "))
            }),
            Some(self.time_line()),
            Some("- Cost: the migration guide compares call forwarding at about $0.0068 per minute on PSTN Audio with about $0.0251 on Amazon Connect.".to_owned()),
            Some("- Verified: nothing here was run on Amazon Connect. Importing a flow with status PUBLISHED is the service's own check, and the last step.".to_owned()),
        ];
        for line in lines.into_iter().flatten() {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

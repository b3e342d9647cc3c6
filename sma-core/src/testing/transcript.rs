//! The record of a simulated call, as text and as a Mermaid sequence diagram.

use crate::contract::action::{Action, ParticipantTag};
use crate::contract::event::{ActionData, ActionRef, Invocation};
use crate::contract::response::Envelope;
use std::fmt;

/// One line of a [`Transcript`]: a step of the caller, an invocation sent to the handler, its
/// answer, what the service did, or a problem.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::testing::Entry;
/// let e = Entry::Caller("presses 1".into());
/// assert_eq!(e.to_string(), "caller   presses 1");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// Something the test made a party do (dial, press, answer, hang up).
    Caller(String),
    /// An invocation sent to the handler: sequence number and summary.
    Event(u64, String),
    /// What the handler answered, summarized; the handler's name when known.
    Answer(Option<&'static str>, String),
    /// What the service did with it.
    Service(String),
    /// Something the service would reject, or a call left in a bad state.
    Problem(String),
    /// A response that breaks a rule published handlers break too (see
    /// [`Rule`](crate::rules::Rule)): sent, with a warning.
    Warning(String),
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Caller(s) => write!(f, "caller   {s}"),
            Entry::Event(seq, s) => write!(f, "event #{seq} {s}"),
            Entry::Answer(Some(h), s) => write!(f, "answer   {h}: {s}"),
            Entry::Answer(None, s) => write!(f, "answer   (default): {s}"),
            Entry::Service(s) => write!(f, "service  {s}"),
            Entry::Problem(s) => write!(f, "PROBLEM  {s}"),
            Entry::Warning(s) => write!(f, "WARNING  {s}"),
        }
    }
}

/// Everything that happened on a simulated call, in order. `Display` prints it as numbered
/// text; [`Transcript::mermaid`] draws it as a sequence diagram (caller, service, handler).
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// use sma_core::testing::{Entry, Transcript};
/// let mut t = Transcript::default();
/// t.push(Entry::Caller("dials +12065550100".into()));
/// assert!(t.to_string().contains("1. caller   dials +12065550100"));
/// assert!(t.mermaid().starts_with("sequenceDiagram"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transcript {
    entries: Vec<Entry>,
}

impl Transcript {
    /// Appends an entry.
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The warnings so far: rules the answers break that published handlers break too.
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Warning(w) => Some(w.as_str()),
            _ => None,
        })
    }

    /// The problems found so far.
    pub fn problems(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Problem(p) => Some(p.as_str()),
            _ => None,
        })
    }

    /// The call as a Mermaid sequence diagram.
    pub fn mermaid(&self) -> String {
        let mut out = String::from(
            "sequenceDiagram\n    participant C as Caller\n    participant S as Service\n    participant H as Handler\n",
        );
        for entry in &self.entries {
            let line = match entry {
                Entry::Caller(s) => format!("    C->>S: {}", mermaid_text(s)),
                Entry::Event(seq, s) => format!("    S->>H: &#35;{seq} {}", mermaid_text(s)),
                Entry::Answer(_, s) => format!("    H-->>S: {}", mermaid_text(s)),
                Entry::Service(s) => format!("    S->>C: {}", mermaid_text(s)),
                Entry::Problem(s) => format!("    Note over S,H: PROBLEM {}", mermaid_text(s)),
                Entry::Warning(s) => format!("    Note over S,H: WARNING {}", mermaid_text(s)),
            };
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Transcript {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.entries.iter().enumerate() {
            writeln!(f, "{:>3}. {e}", i + 1)?;
        }
        Ok(())
    }
}

/// Mermaid message text cannot hold `;`, `#` at the start of words or line breaks.
fn mermaid_text(s: &str) -> String {
    s.replace(';', ",").replace('\n', " ").replace('#', "&#35;")
}

/// `ACTION_SUCCESSFUL (SpeakAndGetDigits on LEG-A, digits "1")`.
pub(crate) fn event_summary(inv: &Invocation) -> String {
    let mut s = inv.event_type.to_string();
    if let Some(data) = &inv.action_data {
        s.push_str(&format!(" ({})", data_summary(data, inv)));
    }
    if let Some(e) = &inv.error_type {
        s.push_str(&format!(" {e}: {}", inv.error_message.as_deref().unwrap_or("")));
    }
    s
}

fn data_summary(data: &ActionData, inv: &Invocation) -> String {
    let mut s = match &data.subject {
        ActionRef::Action(a) => {
            let leg = leg_name(a, inv);
            format!("{}{leg}", a.type_name())
        }
        ActionRef::CallUpdateRequest(u) => format!("CallUpdateRequest {:?}", u.args()),
        ActionRef::CallCreateRequest(c) => format!("CallCreateRequest {:?}", c.args()),
    };
    if let Some(d) = &data.received_digits {
        s.push_str(&format!(", digits {d:?}"));
    }
    if let Some(r) = &data.recording_destination {
        let bucket = r.bucket_name.as_deref().unwrap_or("?");
        s.push_str(&format!(", recorded s3://{bucket}/{}", r.key.as_deref().unwrap_or("?")));
        if let Some(t) = &data.recording_terminator_used {
            s.push_str(&format!(" (stopped by {t})"));
        }
    }
    if let Some(location) =
        data.call_recording_destination.as_ref().and_then(|c| c.location.as_deref())
    {
        s.push_str(&format!(", call recording s3://{location}"));
    }
    if let Some(f) = data.failure() {
        s.push_str(&format!(", {f}"));
    }
    s
}

fn leg_name(action: &Action, inv: &Invocation) -> String {
    let target = action.target();
    let tag = target
        .call_id()
        .and_then(|id| inv.participant_by_id(id))
        .and_then(|p| p.participant_tag.clone())
        .or_else(|| target.participant_tag().cloned());
    tag.map(|t| format!(" on {t}")).unwrap_or_default()
}

/// `Speak(LEG-A "Thanks for calling."), SpeakAndGetDigits(LEG-A "Press 1…")`.
pub(crate) fn response_summary(r: &Envelope, inv: &Invocation) -> String {
    let mut parts: Vec<String> = match &r.actions {
        None => vec!["no actions (the running list continues)".to_owned()],
        Some(list) if list.is_empty() => vec!["[]".to_owned()],
        Some(list) => list.iter().map(|a| action_summary(a, inv)).collect(),
    };
    if let Some(attrs) = &r.transaction_attributes {
        parts.push(format!("attributes {}", serde_json::to_string(attrs).unwrap_or_default()));
    }
    parts.join(", ")
}

pub(crate) fn action_summary(a: &Action, inv: &Invocation) -> String {
    let leg = leg_name(a, inv);
    let detail = match a {
        Action::Speak(s) => s.text.as_deref().map(|t| format!(" {:?}", short(t))),
        Action::SpeakAndGetDigits(s) => s
            .speech_parameters
            .as_ref()
            .and_then(|p| p.text.as_deref())
            .map(|t| format!(" {:?}", short(t))),
        Action::PlayAudio(p) => {
            p.audio_source.as_ref().and_then(|a| a.key.clone()).map(|k| format!(" {k}"))
        }
        Action::PlayAudioAndGetDigits(p) => {
            p.audio_source.as_ref().and_then(|a| a.key.clone()).map(|k| format!(" {k}"))
        }
        Action::CallAndBridge(b) => b
            .endpoints
            .as_ref()
            .and_then(|e| e.first())
            .and_then(|e| e.uri.clone())
            .map(|u| format!(" to {u}")),
        Action::Hangup(h) => h.sip_response_code.map(|c| format!(" {c}")),
        Action::SendDigits(d) => d.digits.as_ref().map(|d| format!(" {}", d.as_str())),
        Action::Pause(p) => p.duration_in_milliseconds.map(|d| format!(" {d} ms")),
        _ => None,
    };
    format!("{}{leg}{}", a.type_name(), detail.unwrap_or_default())
}

fn short(text: &str) -> String {
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text.to_owned()
    }
}

/// `LEG-A` / `LEG-B` for messages.
pub(crate) fn tag_name(tag: &ParticipantTag) -> &str {
    tag.as_str()
}

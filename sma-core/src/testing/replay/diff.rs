//! Differences between a recorded response and a new one, in terms of actions and parameters.

use serde_json::Value;
use std::fmt;

/// One difference between the recorded answer and the new one (see
/// [`Replay`](super::Replay) for a whole example).
///
/// ```
/// use sma_core::testing::replay::Difference;
/// let d = Difference { path: "Actions[1]".into(), recorded: None, answered: Some(serde_json::json!({"Type": "Hangup"})) };
/// assert_eq!(d.to_string(), r#"Actions[1]: recorded (absent) → now {"Type":"Hangup"}"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Where: `Actions[1]` (a whole action), `Actions[0].Parameters.Text`,
    /// `TransactionAttributes.step`, or `$` for the whole response.
    pub path: String,
    /// The recorded value (`None`: absent).
    pub recorded: Option<Value>,
    /// The new value (`None`: absent).
    pub answered: Option<Value>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Whole values: a cut map would hide that two maps are equal but for one entry.
        let show = |v: &Option<Value>| match v {
            None => "(absent)".to_owned(),
            Some(v) => v.to_string(),
        };
        write!(f, "{}: recorded {} → now {}", self.path, show(&self.recorded), show(&self.answered))
    }
}

/// A path pattern to leave out of the comparison: `Actions[*].Parameters.Text` (`[*]` is any
/// index); a pattern also covers everything under it.
#[derive(Debug, Clone)]
pub(super) struct Pattern(Vec<String>);

impl Pattern {
    pub(super) fn new(pattern: &str) -> Self {
        Pattern(segments(pattern))
    }

    fn covers(&self, path: &[String]) -> bool {
        self.0.len() <= path.len()
            && self.0.iter().zip(path).all(|(p, s)| p == s || (p == "[*]" && s.starts_with('[')))
    }
}

/// `Actions[0].Parameters.Text` → `Actions`, `[0]`, `Parameters`, `Text`.
fn segments(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        match part.find('[') {
            Some(i) => {
                if i > 0 {
                    out.push(part[..i].to_owned());
                }
                let mut rest = &part[i..];
                while let Some(end) = rest.find(']') {
                    out.push(rest[..=end].to_owned());
                    rest = &rest[end + 1..];
                }
            }
            None => out.push(part.to_owned()),
        }
    }
    out
}

fn join(path: &[String]) -> String {
    let mut out = String::new();
    for s in path {
        if !out.is_empty() && !s.starts_with('[') {
            out.push('.');
        }
        out.push_str(s);
    }
    if out.is_empty() { "$".to_owned() } else { out }
}

/// The differences between `recorded` and `answered`, both in canonical form, outside the
/// `ignored` paths. Actions are compared by position; an action of another type is one
/// difference (the whole action), else its parameters are compared one by one.
pub(super) fn compare(recorded: &Value, answered: &Value, ignored: &[Pattern]) -> Vec<Difference> {
    let mut out = Vec::new();
    walk(&mut Vec::new(), Some(recorded), Some(answered), ignored, &mut out);
    out
}

fn walk(
    path: &mut Vec<String>,
    a: Option<&Value>,
    b: Option<&Value>,
    ignored: &[Pattern],
    out: &mut Vec<Difference>,
) {
    if ignored.iter().any(|p| p.covers(path)) || a == b {
        return;
    }
    let differ = |path: &[String], out: &mut Vec<Difference>| {
        out.push(Difference { path: join(path), recorded: a.cloned(), answered: b.cloned() });
    };
    let is_action = path.len() == 2 && path[0] == "Actions";
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            if is_action && x.get("Type") != y.get("Type") {
                return differ(path, out);
            }
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                path.push(k.clone());
                walk(path, x.get(k), y.get(k), ignored, out);
                path.pop();
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                path.push(format!("[{i}]"));
                walk(path, x.get(i), y.get(i), ignored, out);
                path.pop();
            }
        }
        _ => differ(path, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_are_named_by_action_and_parameter() {
        let a = json!({"SchemaVersion":"1.0","Actions":[
            {"Type":"Speak","Parameters":{"Text":"Hi","CallId":"c"}},
            {"Type":"Hangup","Parameters":{"SipResponseCode":0}}]});
        let b = json!({"SchemaVersion":"1.0","Actions":[
            {"Type":"Speak","Parameters":{"Text":"Hello","CallId":"c"}},
            {"Type":"PlayAudio","Parameters":{}}],
            "TransactionAttributes":{"step":"2"}});
        let d = compare(&a, &b, &[]);
        let paths: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["Actions[0].Parameters.Text", "Actions[1]", "TransactionAttributes"]);
        assert_eq!(d[0].to_string(), r#"Actions[0].Parameters.Text: recorded "Hi" → now "Hello""#);
        let ignored =
            [Pattern::new("Actions[*].Parameters.Text"), Pattern::new("TransactionAttributes")];
        let d = compare(&a, &b, &ignored);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "Actions[1]");
    }
}

//! What an answer does, rather than how it is written: the form replay compares by default, so
//! that a port and the handler it replaces agree when they do the same thing. Two answers that
//! differ only in writing have the same effects:
//!
//! - **Attributes**: the map stored after the answer, applied to what the event shows stored:
//!   an answer that echoes the unchanged map and one that leaves it out both keep it (an answer
//!   with a map replaces the stored one, the AWS workshop's reading, which is how `sma` writes).
//! - **Parameters at their documented defaults** (see
//!   [`defaults::DOCUMENTED`](crate::action::defaults::DOCUMENTED)) are the same as left out.
//! - **Leg addresses**: an action's leg is resolved to its `CallId` (a `ParticipantTag`, or no
//!   address at all, names a leg of the event); an empty `CallId` or `ParticipantTag`, which
//!   published samples send, is no address.

use crate::contract::action::ParticipantTag;
use crate::contract::action::defaults::DOCUMENTED;
use crate::contract::event::Invocation;
use serde_json::{Map, Value};

/// `response` (canonical form) as its effects on the call of `event`.
pub(super) fn effects(response: &Value, event: &Value) -> Value {
    let invocation: Option<Invocation> = serde_json::from_value(event.clone()).ok();
    let mut out = response.clone();
    let Some(obj) = out.as_object_mut() else { return out };
    let stored = event.pointer("/CallDetails/TransactionAttributes").cloned();
    let after = match obj.remove("TransactionAttributes") {
        None | Some(Value::Null) => stored.unwrap_or_else(|| Value::Object(Map::new())),
        Some(map) => map,
    };
    obj.insert("TransactionAttributes".to_owned(), after);
    if let Some(Value::Array(actions)) = obj.get_mut("Actions") {
        for action in actions {
            action_effects(action, invocation.as_ref());
        }
    }
    out
}

fn action_effects(action: &mut Value, invocation: Option<&Invocation>) {
    let kind = action.get("Type").and_then(Value::as_str).unwrap_or_default().to_owned();
    let Some(params) = action.get_mut("Parameters").and_then(Value::as_object_mut) else { return };
    for (a, parameter, default) in DOCUMENTED {
        if *a == kind {
            let at_default = params
                .get(*parameter)
                .is_some_and(|v| serde_json::from_str::<Value>(default).is_ok_and(|d| same(v, &d)));
            if at_default {
                params.remove(*parameter);
            }
        }
    }
    let Some(inv) = invocation else { return };
    let text =
        |v: Option<&Value>| v.and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
    let call_id = text(params.get("CallId"));
    let tag = text(params.get("ParticipantTag"));
    let leg = match (call_id, tag) {
        (Some(id), _) => Some(id),
        (None, tag) => {
            let tag = tag.map(|t| ParticipantTag::from(t.as_str())).or_else(|| inv.invoking_leg());
            tag.and_then(|t| inv.participant(&t)).map(|p| p.call_id.to_string())
        }
    };
    params.remove("ParticipantTag");
    match leg {
        Some(id) => {
            params.insert("CallId".to_owned(), Value::String(id));
        }
        None => {
            params.remove("CallId");
        }
    }
}

/// Equal as the service reads them: a number and the same number written as a string are one.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(s), Value::Number(n)) | (Value::Number(n), Value::String(s)) => {
            s.parse::<f64>().ok() == n.as_f64()
        }
        _ => a == b,
    }
}

//! The action object on the wire: `{"Type": …, "Parameters": {…}}`, written and read.

use super::{Action, ActionType, RawAction};
use crate::contract::wire; // the support `DeserializeWire` expands to
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use sma_macros::DeserializeWire;

impl Serialize for Action {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extra = match self {
            Action::Raw(raw) => Some(&raw.extra),
            _ => None,
        };
        let mut map = s.serialize_map(Some(2 + extra.map_or(0, |e| e.len())))?;
        map.serialize_entry("Type", self.action_type().as_str())?;
        self.serialize_parameters(&mut map)?;
        for (k, v) in extra.into_iter().flatten() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The wire shape of an action object: its parameters kept as raw JSON until the type is known,
/// and any key beside `Type` and `Parameters`.
#[derive(DeserializeWire)]
struct WireAction {
    #[serde(rename = "Type")]
    action_type: ActionType,
    #[serde(rename = "Parameters", default)]
    parameters: Option<Box<RawValue>>,
    #[serde(flatten)]
    extra: wire::Extra,
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = WireAction::deserialize(d)?;
        let text = wire.parameters.as_deref().map_or("{}", RawValue::get);
        if !wire.extra.is_empty() {
            // Nothing is dropped: the whole object is kept as received.
            return Ok(Action::Raw(RawAction {
                action_type: wire.action_type,
                parameters: serde_json::from_str(text).map_err(serde::de::Error::custom)?,
                problem: None,
                extra: wire.extra,
            }));
        }
        Action::from_json(wire.action_type, text).map_err(serde::de::Error::custom)
    }
}

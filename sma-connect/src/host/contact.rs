//! Amazon Connect's Lambda invocation (`Details.ContactData`, `Details.Parameters`) read
//! leniently, and the SIP media application event made from it.

use super::protocol::*;
use serde_json::{Map, Value, json};

/// What the host reads of a Connect invocation.
#[derive(Debug, Clone)]
pub(crate) struct Contact {
    /// `ContactId`: the transaction id, and LEG-A's call id.
    pub(crate) id: String,
    customer: String,
    system: String,
    /// Placed by the contact center (`InitiationMethod` OUTBOUND or API).
    pub(crate) outbound: bool,
    instance_arn: String,
    /// Contact attributes, with the flow's parameters over them.
    pub(crate) attributes: Map<String, Value>,
}

impl Contact {
    /// Reads a Connect invocation; an error names what is missing (no values).
    pub(crate) fn read(event: &[u8]) -> Result<Contact, String> {
        let event: Value = serde_json::from_slice(event).map_err(|e| format!("not JSON: {e}"))?;
        let details = event.get("Details").ok_or("no Details: not an Amazon Connect flow event")?;
        let data = details.get("ContactData").ok_or("no Details.ContactData")?;
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_owned();
        let id = text(data.get("ContactId"));
        if id.is_empty() {
            return Err("no ContactData.ContactId".into());
        }
        let mut attributes =
            data.get("Attributes").and_then(Value::as_object).cloned().unwrap_or_default();
        // The invoke block's own parameters, when the flow passes results that way.
        if let Some(parameters) = details.get("Parameters").and_then(Value::as_object) {
            attributes.extend(parameters.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let method = text(data.get("InitiationMethod"));
        Ok(Contact {
            id,
            customer: text(data.get("CustomerEndpoint").and_then(|e| e.get("Address"))),
            system: text(data.get("SystemEndpoint").and_then(|e| e.get("Address"))),
            outbound: method == "OUTBOUND" || method == "API",
            instance_arn: text(data.get("InstanceARN")),
            attributes,
        })
    }

    /// A contact attribute, `""` when absent.
    pub(crate) fn attribute(&self, key: &str) -> &str {
        self.attributes.get(key).and_then(Value::as_str).unwrap_or_default()
    }

    /// The SIP media application event `kind` for this contact: LEG-A is the customer, the
    /// transaction is the contact, the account and region come from the instance's ARN.
    pub(crate) fn event(
        &self,
        kind: &str,
        data: Option<Value>,
        sequence: u64,
        started: &str,
        attributes: &Value,
    ) -> Value {
        // arn:aws:connect:<region>:<account>:instance/<id>
        let arn: Vec<&str> = self.instance_arn.split(':').collect();
        let region = arn.get(3).copied().unwrap_or_default();
        let account = arn.get(4).copied().unwrap_or_default();
        let instance = arn.get(5).and_then(|r| r.strip_prefix("instance/")).unwrap_or_default();
        let (direction, from, to) = match self.outbound {
            true => ("Outbound", &self.system, &self.customer),
            false => ("Inbound", &self.customer, &self.system),
        };
        let mut details = json!({
            "TransactionId": self.id, "AwsAccountId": account, "AwsRegion": region,
            "SipMediaApplicationId": instance,
            "Participants": [{"CallId": self.id, "ParticipantTag": "LEG-A", "To": to, "From": from,
                "Direction": direction, "StartTimeInMilliseconds": started,
                "Status": if kind == "HANGUP" { "Disconnected" } else { "Connected" }}],
        });
        if attributes.as_object().is_some_and(|a| !a.is_empty()) {
            details["TransactionAttributes"] = attributes.clone();
        }
        let mut event = json!({"SchemaVersion": "1.0", "Sequence": sequence,
            "InvocationEventType": kind, "CallDetails": details});
        if let Some(data) = data {
            event["ActionData"] = data;
        }
        event
    }

    /// The attributes the contact started with (not the host's own `sma_` state), as
    /// `ArgumentsMap`: string values only.
    pub(crate) fn arguments(&self) -> std::collections::BTreeMap<String, String> {
        self.attributes
            .iter()
            .filter(|(k, _)| !k.starts_with("sma_"))
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
            .collect()
    }

    /// What the block last run reported ([`RESULT`]).
    pub(crate) fn result(&self) -> &str {
        match self.attribute(RESULT) {
            "" => START,
            result => result,
        }
    }
}

//! Actions that connect and end legs: `CallAndBridge` and `Hangup`.

use super::{AudioSource, Checked, E164, SipHeaders, SipResponseCode, Target, secs};
use crate::contract::text::Text;
use crate::contract::wire; // the support `DeserializeWire` expands to
use crate::contract::wire::{open_enum, opt_as_received, opt_int};
use serde::Serialize;
use sma_macros::DeserializeWire;
use std::time::Duration;

/// `CallAndBridge`: places a new outbound leg (LEG-B) to a phone number or a Voice Connector and
/// bridges it to the leg that invoked the handler.
///
/// Parameters on the wire: `CallTimeoutSeconds` (1–120, default 30), `CallerIdNumber` (E.164,
/// owned by the account or the `From` of LEG-A; required), `RingbackTone` (an [`AudioSource`]
/// looped to LEG-A until LEG-B answers), `Endpoints` (exactly one [`Endpoint`]; required) and
/// `SipHeaders` (custom headers for the new leg).
///
/// Events: ACTION_SUCCESSFUL when LEG-B answers (two participants, both `Connected`; the echo
/// gains LEG-A's `CallId`), ACTION_FAILED with `CallNotAnswered` when it does not. No RINGING or
/// CALL_ANSWERED is sent for LEG-B. After the bridge, each leg's hang-up produces a HANGUP for
/// that leg only: hang up the other leg yourself.
///
/// See [CallAndBridge](https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html).
///
/// ```
/// use sma_core::action::{CallAndBridge, Endpoint};
/// let json = r#"{"CallerIdNumber":"+12065550100","CallTimeoutSeconds":"20",
///               "Endpoints":[{"BridgeEndpointType":"PSTN","Uri":"+12065550101"}]}"#;
/// let bridge: CallAndBridge = serde_json::from_str(json).unwrap();
/// assert_eq!(bridge.call_timeout_seconds, Some(20));
/// assert_eq!(bridge.endpoints.unwrap()[0].uri.as_deref(), Some("+12065550101"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct CallAndBridge {
    /// `CallTimeoutSeconds`: how long LEG-B may ring, 1–120 (default 30).
    #[serde(default, deserialize_with = "opt_int", skip_serializing_if = "Option::is_none")]
    pub call_timeout_seconds: Option<u32>,
    /// `CallerIdNumber`: the caller id shown to LEG-B (required).
    #[serde(
        default,
        deserialize_with = "opt_as_received",
        skip_serializing_if = "Option::is_none"
    )]
    pub caller_id_number: Option<E164>,
    /// `RingbackTone`: audio looped to LEG-A while LEG-B rings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[wire(in_place)]
    pub ringback_tone: Option<AudioSource>,
    /// `Endpoints`: exactly one endpoint (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Vec<Endpoint>>,
    /// `SipHeaders`: custom SIP headers sent to LEG-B.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sip_headers: Option<SipHeaders>,
    /// `CallId` / `ParticipantTag`: not documented parameters (the bridge acts on the invoking
    /// leg); the service adds LEG-A's `CallId` to its echo.
    #[serde(flatten)]
    pub target: Target,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

open_enum! {
    /// `Endpoints[].BridgeEndpointType` of `CallAndBridge`: `"PSTN"` or `"AWS"`.
    ///
    /// See [CallAndBridge](https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html).
    ///
    /// ```
    /// assert_eq!(sma_core::action::BridgeEndpointType::Aws.as_str(), "AWS");
    /// ```
    pub enum BridgeEndpointType {
        /// `"PSTN"`: a phone number; `Uri` is E.164 and `Arn` must be absent.
        Pstn = "PSTN",
        /// `"AWS"`: an Amazon Chime SDK Voice Connector or Voice Connector group; `Arn` is its
        /// ARN and `Uri` the user part of the Request-URI (1–36 characters).
        Aws = "AWS",
    }
}

/// One element of `CallAndBridge.Endpoints`:
/// `{"BridgeEndpointType": "PSTN"|"AWS", "Uri": …, "Arn"?: …}`.
///
/// See [CallAndBridge](https://docs.aws.amazon.com/chime-sdk/latest/dg/call-and-bridge.html).
///
/// ```
/// use sma_core::action::{BridgeEndpointType, Endpoint};
/// let e: Endpoint = serde_json::from_str(r#"{"BridgeEndpointType":"AWS","Arn":"arn:aws:chime:us-east-1:111122223333:vc/abc","Uri":"5550"}"#).unwrap();
/// assert_eq!(e.bridge_endpoint_type, Some(BridgeEndpointType::Aws));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Endpoint {
    /// `BridgeEndpointType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bridge_endpoint_type: Option<BridgeEndpointType>,
    /// `Arn`: the Voice Connector (group) ARN, for `AWS` endpoints only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<Text>,
    /// `Uri`: an E.164 number (`PSTN`) or a Request-URI user part (`AWS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<Text>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

/// `Hangup`: ends a leg with a SIP response code.
///
/// Parameters on the wire: `CallId` / `ParticipantTag` (which leg; default the invoking leg) and
/// `SipResponseCode` (`0`, `480` or `486`; default `0`).
///
/// Events: on a one-leg call a HANGUP whose response is ignored; on a bridged call a HANGUP for
/// that leg whose response is executed; on a meeting leg an ACTION_SUCCESSFUL. Answering
/// NEW_INBOUND_CALL with `Hangup` rejects the call without answering it. It does not work on an
/// outbound leg that is still ringing. No error types are documented.
///
/// See [Hangup](https://docs.aws.amazon.com/chime-sdk/latest/dg/hangup.html).
///
/// ```
/// use sma_core::action::{Hangup, SipResponseCode};
/// let h: Hangup = serde_json::from_str(r#"{"ParticipantTag":"","SipResponseCode":"0"}"#).unwrap();
/// assert_eq!(h.sip_response_code, Some(SipResponseCode::NormalClearing));
/// assert!(h.target.is_invoking_leg());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, DeserializeWire)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Hangup {
    /// `CallId` / `ParticipantTag`: the leg to hang up.
    #[serde(flatten)]
    pub target: Target,
    /// `SipResponseCode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sip_response_code: Option<SipResponseCode>,
    /// Parameters this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: wire::Extra,
}

impl CallAndBridge {
    /// Bridges to a phone number: `BridgeEndpointType: PSTN`, `Uri` = `number`,
    /// `CallerIdNumber` = `caller_id` (owned by the account, or LEG-A's `From`).
    ///
    /// ```
    /// use sma_core::action::CallAndBridge;
    /// use sma_core::e164;
    /// let b = CallAndBridge::to_pstn(e164!("+12065550100"), e164!("+12065550101"))
    ///     .timeout(std::time::Duration::from_secs(20));
    /// assert_eq!(b.call_timeout_seconds, Some(20));
    /// ```
    pub fn to_pstn(caller_id: impl Checked<E164>, number: impl Checked<E164>) -> Self {
        CallAndBridge::to(caller_id, Endpoint::pstn(number))
    }

    /// Bridges to a Voice Connector (group): `BridgeEndpointType: AWS`, its `Arn`, and `uri`
    /// as the user part of the Request-URI (1–36 characters).
    ///
    /// ```
    /// use sma_core::action::CallAndBridge;
    /// let b = CallAndBridge::to_voice_connector(sma_core::e164!("+12065550100"), "arn:aws:chime:us-east-1:111122223333:vc/abc", "5550");
    /// assert_eq!(b.endpoints.unwrap()[0].uri.as_deref(), Some("5550"));
    /// ```
    pub fn to_voice_connector(
        caller_id: impl Checked<E164>,
        arn: impl Into<Text>,
        uri: impl Into<Text>,
    ) -> Self {
        CallAndBridge::to(caller_id, Endpoint::voice_connector(arn, uri))
    }

    /// Bridges to `endpoint`.
    pub fn to(caller_id: impl Checked<E164>, endpoint: Endpoint) -> Self {
        CallAndBridge {
            caller_id_number: Some(caller_id.into_checked()),
            endpoints: Some(vec![endpoint]),
            ..Default::default()
        }
    }

    /// `CallTimeoutSeconds` (1–120; whole seconds).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call_timeout_seconds = Some(secs(timeout));
        self
    }

    /// `RingbackTone`, looped to LEG-A while LEG-B rings.
    pub fn ringback(mut self, audio: AudioSource) -> Self {
        self.ringback_tone = Some(audio);
        self
    }

    /// Adds a SIP header sent to LEG-B.
    pub fn sip_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.sip_headers.get_or_insert_with(SipHeaders::new).insert(name, value);
        self
    }
}

impl Endpoint {
    /// A phone number: `{"BridgeEndpointType": "PSTN", "Uri": number}`.
    pub fn pstn(number: impl Checked<E164>) -> Self {
        Endpoint {
            bridge_endpoint_type: Some(BridgeEndpointType::Pstn),
            uri: Some(number.into_checked().as_text().clone()),
            ..Default::default()
        }
    }

    /// A Voice Connector (group): `{"BridgeEndpointType": "AWS", "Arn": arn, "Uri": uri}`.
    pub fn voice_connector(arn: impl Into<Text>, uri: impl Into<Text>) -> Self {
        Endpoint {
            bridge_endpoint_type: Some(BridgeEndpointType::Aws),
            arn: Some(arn.into()),
            uri: Some(uri.into()),
            extra: wire::Extra::new(),
        }
    }
}

impl Hangup {
    /// Hangs up the invoking leg with SIP code 0 (address another leg with
    /// [`on`](Self::on)).
    ///
    /// ```
    /// use sma_core::action::{Hangup, SipResponseCode, Target};
    /// let h = Hangup::new().on(Target::call("c-1")).code(SipResponseCode::Busy);
    /// assert_eq!(h.sip_response_code, Some(SipResponseCode::Busy));
    /// ```
    pub fn new() -> Self {
        Hangup { sip_response_code: Some(SipResponseCode::NormalClearing), ..Default::default() }
    }

    /// `SipResponseCode`.
    pub fn code(mut self, code: SipResponseCode) -> Self {
        self.sip_response_code = Some(code);
        self
    }
}

//! `ConnectHost` answers within the flow's 8 s: a handler still running when they are nearly
//! up is answered by the app's failure policy (here the default, a hang-up), as the service's
//! 20 s are on the SIP media application, instead of Connect taking the invoke block's error
//! branch. Tokio's clock is paused: the 9 s pass at once.

use sma_connect::host::ConnectHost;
use sma_core::prelude::*;
use std::time::Duration;

#[on(NewInboundCall)]
async fn slow(call: Call) -> Actions {
    tokio::time::sleep(Duration::from_secs(9)).await;
    call.leg_a().speak("Too late").into()
}

#[on(Hangup)]
async fn gone(_call: Call) -> Actions {
    Actions::new()
}

#[tokio::test(start_paused = true)]
async fn a_handler_slower_than_the_flow_waits_is_answered_by_the_failure_policy() {
    let host = ConnectHost::new(App::new(handlers![slow, gone]));
    let event = br#"{"Name":"ContactFlowEvent","Details":{"Parameters":{},"ContactData":{
      "ContactId":"c-1","InitiationMethod":"INBOUND","Channel":"VOICE","Attributes":{},
      "InstanceARN":"arn:aws:connect:us-east-1:111122223333:instance/i-1",
      "CustomerEndpoint":{"Type":"TELEPHONE_NUMBER","Address":"+16505550177"},
      "SystemEndpoint":{"Type":"TELEPHONE_NUMBER","Address":"+14155550123"}}}}"#;
    let started = tokio::time::Instant::now();
    let answer: serde_json::Value =
        serde_json::from_slice(&host.handle_slice(event).await).expect("a map");
    assert_eq!(answer["sma_next"], "Hangup", "{answer}");
    // Within the flow's 8 s, less the app's 500 ms margin.
    assert!(started.elapsed() <= Duration::from_millis(7_600), "{:?}", started.elapsed());
}

//! The port of the workshop's `call-play-recording`: its call in the simulator, and the
//! recorded calls of the sample replayed against it.

use sma_core::ParticipantTag;
use sma_core::action::SipResponseCode;
use sma_core::testing::Simulator;
use sma_core::testing::replay::{Replay, read_log};
use sma_examples::play_recording::{self, Recording};
use std::path::Path;

#[allow(dead_code)] // its `main` is the example's entry point
#[path = "../examples/replay.rs"]
mod cli;

fn recording() -> Recording {
    Recording { bucket: "callplayrecordingstack-wavfiles98e3397d-lia3614txjpq".into() }
}

fn log_path() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("replay/call-play-recording.log");
    path.to_string_lossy().into_owned()
}

#[test]
fn the_caller_hears_the_recording_and_is_hung_up() {
    let mut sim = Simulator::new(play_recording::app(recording()));
    sim.inbound_call("+14155550166", "+12065550188");
    sim.assert_hangs_up(ParticipantTag::LegA, SipResponseCode::NormalClearing);
    sim.assert_ended().assert_no_problems();
    let stored = sim.attributes().expect("attributes");
    assert_eq!(stored.get("key2"), Some("val2*"));
}

#[test]
fn the_samples_recorded_calls_replay_with_no_difference() {
    let text = std::fs::read_to_string(log_path()).expect("the log");
    let calls = read_log(&text);
    assert_eq!(calls.len(), 2);
    let report = Replay::new(play_recording::app(recording())).run(&calls);
    assert!(report.is_same(), "{report}");
    let compared: usize =
        report.calls.iter().flat_map(|c| &c.invocations).filter(|i| i.compared).count();
    assert_eq!(compared, 2, "both recorded answers were compared");
}

#[test]
fn the_replay_command_reports_and_exits_by_its_result() {
    let args = |f: &str| vec![f.to_owned(), log_path()];
    assert_eq!(cli::run(&args("play-recording")), Ok(true));
    // Another function answers these calls differently.
    assert_eq!(cli::run(&args("ivr")), Ok(false));
    assert!(cli::run(&args("voicemail")).is_err_and(|e| e.contains("unknown function")));
    assert!(cli::run(&["play-recording".to_owned(), "missing.log".to_owned()]).is_err());
}

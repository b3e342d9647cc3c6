//! The way out to Amazon Connect, for every example app, offline: from the app's routes and
//! its scenarios (`connect_exit/scenarios.rs`), the gap report (`connect/<app>-gaps.md`) and
//! the interpreter flow (`connect/<app>-flow.json`) are generated and checked in; the flow
//! passes the structural checker; and each scenario's steps are walked on the flow, with
//! `ConnectHost` calling the real handlers, against the same scenario on the SIP media
//! application. Every walk matches, or its difference is listed in the report with the reason
//! the scenario gives; a difference nothing explains fails here.
//!
//! Regenerate the files after a change with
//! `SMA_BLESS=1 cargo test -p sma-examples --test connect_exit`.

#[path = "connect_exit/scenarios.rs"]
mod scenarios;

use scenarios::{EXAMPLES, Example};
use sma_connect::flow::fixed::fixed_answer;
use sma_connect::flow::{Variants, interpreter};
use sma_connect::gaps::GapReport;
use sma_connect::host::ConnectHost;
use sma_connect::walk::{Outcome, Scenario, compare, walk};

/// Compares `found` with the checked-in file `name`, or writes it with `SMA_BLESS`.
fn checked_in(name: &str, found: &str) {
    let path = format!("{}/connect/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("SMA_BLESS").is_some() {
        std::fs::write(&path, found).expect("write the file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == found,
        "connect/{name} is stale; regenerate it with \
         SMA_BLESS=1 cargo test -p sma-examples --test connect_exit\n{found}"
    );
}

fn exit(name: &str) {
    let Example { app, scenarios, fixed, .. } =
        EXAMPLES.iter().find(|e| e.name == name).expect("an example");
    let scenarios = scenarios();
    let app = app();
    let mut report = GapReport::new(app.router());
    let mut variants = Variants::default();
    for (scenario, (_, sim)) in &scenarios {
        sim.assert_no_problems();
        let exchanges = || sim.exchanges().iter().map(|e| (&e.event[..], &e.response[..]));
        report.scenario(scenario, exchanges());
        report.timing(sim.exchanges().iter().map(|e| (&e.event[..], e.took)));
        variants.scenario(exchanges());
    }

    for handler in *fixed {
        let exchanges = scenarios.iter().flat_map(|(_, (_, sim))| sim.exchanges());
        let exchanges = exchanges.map(|e| (&e.event[..], &e.response[..]));
        let answer = fixed_answer(app.router(), handler, exchanges);
        variants.fixed.push(answer.unwrap_or_else(|e| panic!("{name}: {handler}: {e}")));
    }

    let flow =
        interpreter(&format!("arn:aws:lambda:us-east-1:111122223333:function:{name}"), &variants);
    let checked = sma_connect::check(&flow.to_string());
    assert!(checked.is_ok() && checked.unchecked_types.is_empty(), "{name}: {checked:#?}");
    checked_in(
        &format!("{name}-flow.json"),
        &(serde_json::to_string_pretty(&flow).expect("JSON") + "\n"),
    );

    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    for (scenario, (app, sim)) in &scenarios {
        let scenario = Scenario::of(scenario, sim);
        let host = ConnectHost::new(app());
        let walked = runtime.block_on(walk(&flow, host, &scenario));
        let outcome = compare(&scenario, &walked);
        if let Outcome::Differs { reasons, .. } = &outcome {
            assert!(
                !reasons.is_empty(),
                "{name}, {}: a difference nothing explains: {outcome:#?}",
                scenario.name
            );
        }
        report.walk(&scenario.name, &outcome);
    }
    assert!(report.walks_explained());
    checked_in(&format!("{name}-gaps.md"), &report.to_markdown(name));
}

#[test]
fn ivr() {
    exit("ivr");
}

#[test]
fn call_forwarding() {
    exit("call-forwarding");
}

#[test]
fn voicemail() {
    exit("voicemail");
}

#[test]
fn recording_on_demand() {
    exit("recording-on-demand");
}

#[test]
fn outbound_notification() {
    exit("outbound-notification");
}

#[test]
fn update_call() {
    exit("update-call");
}

#[test]
fn meeting_dial_in() {
    exit("meeting-dial-in");
}

#[test]
fn lex_bot() {
    exit("lex-bot");
}

#[test]
fn play_recording() {
    exit("play-recording");
}

#[test]
fn every_example_has_its_connect_exit() {
    let tested = [
        "ivr",
        "call-forwarding",
        "voicemail",
        "recording-on-demand",
        "outbound-notification",
        "update-call",
        "meeting-dial-in",
        "lex-bot",
        "play-recording",
    ];
    let names: Vec<&str> = EXAMPLES.iter().map(|e| e.name).collect();
    assert_eq!(names, tested);
    // One example per binary of the examples crate.
    let bins = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/bin")).expect("src/bin");
    let mut bins: Vec<String> = bins
        .map(|e| e.expect("entry").file_name().to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    bins.sort();
    let mut sorted = tested.to_vec();
    sorted.sort();
    assert_eq!(bins, sorted);
}

#[test]
fn the_host_reads_exhausted_digits_as_the_simulator_does() {
    let simulator = sma_core::testing::ServiceReadings::default().digits_exhausted.to_string();
    assert_eq!(sma_connect::host::HostReadings::default().digits_exhausted, simulator);
}

#[test]
fn the_readme_counts_the_walks_the_reports_list() {
    let (mut matching, mut all) = (0, 0);
    for example in EXAMPLES {
        let path = format!("{}/connect/{}-gaps.md", env!("CARGO_MANIFEST_DIR"), example.name);
        let report = std::fs::read_to_string(path).expect("a checked-in report");
        let walks = report.split("## Walks").nth(1).expect("a Walks table");
        let walks = walks.split("\n## ").next().unwrap_or_default();
        let rows = walks.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| scenario"));
        for row in rows {
            all += 1;
            matching += usize::from(row.ends_with("| matches |"));
        }
    }
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let claim = format!("Today {matching} of the {all} scenarios match");
    assert!(readme.contains(&claim), "the README should say: {claim}");
}

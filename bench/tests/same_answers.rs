//! The three implementations measured are the same program: on every measured event, and on
//! every example event, they give the same answer.

use serde_json::Value;

fn answers(event: &[u8]) -> [Value; 3] {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let app = sma_bench::app();
    let read = |bytes: Vec<u8>| serde_json::from_slice::<Value>(&bytes).expect("JSON out");
    [
        read(sma_bench::run(
            &rt,
            sma_bench::sma_path::answer(&app, &bytes::Bytes::copy_from_slice(event)),
        )),
        read(sma_bench::typed::answer(event)),
        read(sma_bench::untyped::answer(event)),
    ]
}

#[test]
fn every_measured_event_gets_one_answer() {
    for (name, event) in sma_bench::EVENTS {
        let [sma, typed, untyped] = answers(event);
        assert_eq!(sma, typed, "{name}: sma and the serde structs differ");
        assert_eq!(sma, untyped, "{name}: sma and serde_json::Value differ");
        assert!(sma.get("SchemaVersion").is_some(), "{name}: {sma}");
    }
}

#[test]
fn every_example_event_gets_one_answer() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/events");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("examples/events") {
        let path = entry.expect("an entry").path();
        let event = std::fs::read(&path).expect("an event file");
        let [sma, typed, untyped] = answers(&event);
        assert_eq!(sma, typed, "{}", path.display());
        assert_eq!(sma, untyped, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 7, "only {seen} example events");
}

//! The fuzz targets' invariants (`sma_tests::invariants`), as a bounded, stable property test:
//! the project's fixtures mutated leaf by leaf (values of other types, numbers as strings, nulls,
//! removed and added keys), plus arbitrary bytes.

use proptest::prelude::*;
use serde_json::{Value, json};
use sma_core::App;
use sma_tests::invariants;
use std::path::Path;
use std::sync::OnceLock;

fn fixtures() -> &'static [(String, Value)] {
    static ALL: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut all: Vec<(String, Value)> = std::fs::read_dir(dir)
            .expect("fixtures")
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(e.path()).ok()?;
                Some((name, serde_json::from_str(&text).ok()?))
            })
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    })
}

/// The JSON pointers of every node of `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| pointers(c, format!("{at}/{k}"), out)),
        Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, c)| pointers(c, format!("{at}/{i}"), out))
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Insert(usize, String, Value),
    Stringify(usize),
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::from),
        Just(json!({})),
        Just(json!([])),
        Just(json!("LEG-B")),
        Just(json!("")),
        Just(json!(3.0)),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), replacement()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        1 => any::<usize>().prop_map(Mutation::Remove),
        1 => (any::<usize>(), "[A-Z][a-zA-Z]{0,8}", replacement()).prop_map(|(i, k, v)| Mutation::Insert(i, k, v)),
        1 => any::<usize>().prop_map(Mutation::Stringify),
    ]
}

fn mutate(mut v: Value, mutations: &[Mutation]) -> Value {
    for m in mutations {
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        let pick = |i: usize| all[i % all.len()].clone();
        match m {
            Mutation::Replace(i, new) => {
                if let Some(node) = v.pointer_mut(&pick(*i)) {
                    *node = new.clone();
                }
            }
            Mutation::Stringify(i) => {
                if let Some(node) = v.pointer_mut(&pick(*i)) {
                    if node.is_number() || node.is_boolean() {
                        *node = Value::String(node.to_string());
                    }
                }
            }
            Mutation::Remove(i) => {
                let at = pick(*i);
                if let Some((parent, key)) = at.rsplit_once('/') {
                    match v.pointer_mut(parent) {
                        Some(Value::Object(m)) => {
                            m.remove(key);
                        }
                        Some(Value::Array(a)) => {
                            if let Ok(n) = key.parse::<usize>() {
                                if n < a.len() {
                                    a.remove(n);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Mutation::Insert(i, key, new) => {
                if let Some(Value::Object(m)) = v.pointer_mut(&pick(*i)) {
                    m.insert(key.clone(), new.clone());
                }
            }
        }
    }
    v
}

fn mutated(prefix: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let chosen: Vec<Value> =
        fixtures().iter().filter(|(n, _)| n.starts_with(prefix)).map(|(_, v)| v.clone()).collect();
    assert!(!chosen.is_empty(), "no {prefix} fixtures");
    (proptest::sample::select(chosen), proptest::collection::vec(mutation(), 0..4))
        .prop_map(|(v, ms)| serde_json::to_vec(&mutate(v, &ms)).expect("JSON"))
}

/// `PROPTEST_CASES` when set, else 400: the explicit count would otherwise override it.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
}

fn app() -> &'static (App, tokio::runtime::Runtime) {
    static APP: OnceLock<(App, tokio::runtime::Runtime)> = OnceLock::new();
    APP.get_or_init(|| {
        let runtime =
            tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
        (App::new(invariants::router()), runtime)
    })
}

proptest! {
    // 400 cases each by default; `PROPTEST_CASES` asks for more (RELIABILITY.md).
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn invocations(bytes in mutated("event_")) {
        invariants::invocation(&bytes);
    }

    #[test]
    fn responses(bytes in prop_oneof![mutated("response_"), mutated("action_")]) {
        invariants::response(&bytes);
    }

    #[test]
    fn the_whole_path(bytes in mutated("event_")) {
        let (app, runtime) = app();
        invariants::whole_path(app, runtime, &bytes);
    }

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        invariants::invocation(&bytes);
        invariants::response(&bytes);
        invariants::syntax(&bytes);
    }

    #[test]
    fn syntax(text in "[0-9#*+?{}()\\[\\]|^$\\\\d,.=!:a-z-]{0,16}\n[0-9*#]{0,12}") {
        invariants::syntax(text.as_bytes());
    }
}

/// Inputs the fuzzers found, rewritten to their essence (see RELIABILITY.md).
#[test]
fn fuzz_findings_stay_fixed() {
    // A parameter the action type does not have is kept verbatim, numbers-as-strings included.
    invariants::response(
        br#"{"SchemaVersion":"1.0","Actions":[{"Type":"PlayAudioAndGetDigits","Parameters":{"DurationInMilliseconds":"3000","Text":null}}]}"#,
    );
    // A repetition the regex engines refuse to compile is outside the dialect (a warning), not
    // accepted as a regex the simulator then cannot run.
    invariants::syntax(b"\\d{41900}#");
    invariants::syntax(b"^(?:\\d|\\*|#){1000}$");
    // A quantifier after a counted repetition (`\d{4}*`) is stacked, like `\d**`: a regex
    // some engines run (outside the dialect, a warning), not a malformed one.
    invariants::syntax(b"\\d{4}*\n468");
    invariants::syntax(b"1{2}*#");
    // An action's `Parameters` is captured as raw JSON without decoding its strings: one that
    // holds an escape no string can carry (a lone surrogate) made the parameters read as
    // absent, losing them. The event is now unreadable, as with such a string anywhere else.
    let lone_surrogate = br#"{"SchemaVersion":"1.0","Sequence":5,"InvocationEventType":"ACTION_SUCCESSFUL",
        "ActionData":{"Type":"RecordAudio","Parameters":{"RecordingDestination":{"Type":"S3","BucketName":"mail\uD888l"}}},
        "CallDetails":{"TransactionId":"t","AwsAccountId":"1","AwsRegion":"us-east-1",
        "SipMediaApplicationId":"s","Participants":[]}}"#;
    invariants::invocation(lone_surrogate);
    assert!(sma_core::Invocation::from_slice(lone_surrogate).is_err());
    let action = br#"{"Type":"Speak","Parameters":{"Text":"a\uD888b"}}"#;
    assert!(serde_json::from_slice::<sma_core::Action>(action).is_err());
    // The same in an event's `ActionData`: an unknown parameter holding an object with a
    // documented field name and `null` is kept verbatim, `null` included.
    invariants::invocation(
        br#"{"SchemaVersion":"1.0","Sequence":2,"InvocationEventType":"ACTION_SUCCESSFUL",
            "ActionData":{"Type":"Speak","Parameters":{"CallId":"c","Text":"hi","Parameters":{"VoiceId":null}}},
            "CallDetails":{"TransactionId":"t","AwsAccountId":"1","AwsRegion":"us-east-1",
            "SipMediaApplicationId":"s","Participants":[]}}"#,
    );
}

/// `whole_path` takes the Lambda's entry, `App::handle_slice`, for every input: the recorder,
/// which only that entry drives, sees each call, bytes that are not JSON included.
#[test]
fn the_whole_path_target_drives_the_lambda_entry() {
    let file = std::env::temp_dir().join(format!("sma-whole-path-{}.log", std::process::id()));
    let writer = std::fs::File::create(&file).expect("a temporary file");
    let app = App::new(invariants::router()).record(sma_core::Recorder::to_writer(writer));
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
    let (_, event) = fixtures().iter().find(|(n, _)| n.starts_with("event_")).expect("an event");
    let inputs: [&[u8]; 3] = [b"\xff not JSON", b"", &serde_json::to_vec(event).expect("JSON")];
    for bytes in inputs {
        invariants::whole_path(&app, &runtime, bytes);
    }
    let lines = std::fs::read_to_string(&file).expect("the recording");
    let _ = std::fs::remove_file(&file);
    assert_eq!(lines.lines().count(), 3, "{lines}");
    assert_eq!(lines.lines().filter(|l| l.contains("\"unreadable\"")).count(), 2, "{lines}");
}

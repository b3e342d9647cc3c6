//! Local mode: outside Lambda a function answers the event files named on its command line,
//! prints each answer, and says on stderr why the failure policy answered one.

use std::process::Command;

fn ivr(files: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ivr"))
        .args(files)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("AWS_LAMBDA_RUNTIME_API")
        .env("SALES_NUMBER", "+12065550100")
        .output()
        .expect("run the ivr binary")
}

#[test]
fn an_event_file_is_answered_on_stdout() {
    let out = ivr(&["events/menu_pressed_2.json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON answer");
    assert_eq!(answer["Actions"][1]["Type"], "Hangup");
}

#[test]
fn an_unreadable_event_is_explained_on_stderr_and_fails_the_run() {
    let dir = std::env::temp_dir().join(format!("sma-local-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let s3 = dir.join("s3_event.json");
    std::fs::write(&s3, r#"{"Records":[{"eventSource":"aws:s3"}]}"#).expect("write");
    let out = ivr(&["events/new_inbound_call.json", s3.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a run with an unreadable event exits non-zero");
    assert!(stderr.contains("s3_event.json"), "{stderr}");
    assert!(stderr.contains("another trigger"), "names what it was: {stderr}");
    // Both events were still answered: the readable one by its handler, the other by the
    // failure policy.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("\"SchemaVersion\"").count(), 2, "{stdout}");
    let _ = std::fs::remove_dir_all(dir);
}

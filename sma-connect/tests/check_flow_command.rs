//! The `check-flow` command: every problem on a line of its own, and the exit status.

use std::process::Command;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_check-flow")).args(args).output().expect("run check-flow");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_flow_that_keeps_the_rules_passes_and_a_broken_one_fails_with_its_problems() {
    let dir = std::env::temp_dir().join(format!("sma-connect-check-flow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/flows/interpreter.json");
    let bad = dir.join("bad.json");
    let content = std::fs::read_to_string(good).expect("the fixture");
    std::fs::write(
        &bad,
        content.replace(
            "\"InvocationTimeLimitSeconds\": \"8\"",
            "\"InvocationTimeLimitSeconds\": \"9\"",
        ),
    )
    .expect("write the broken flow");
    let (status, out) = run(&[good]);
    assert_eq!(status, Some(0), "{out}");
    assert!(out.contains("interpreter.json: ok by the documented rules"), "{out}");

    let bad = bad.to_str().expect("a UTF-8 path");
    let (status, out) = run(&[good, bad]);
    assert_eq!(status, Some(1), "{out}");
    assert!(
        out.contains(
            "bad.json: parameter-value: action \"invoke\": InvocationTimeLimitSeconds is \"9\""
        ),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).expect("remove the temporary directory");

    assert_eq!(run(&[]).0, Some(2));
    assert_eq!(run(&["/nonexistent/flow.json"]).0, Some(1));
}

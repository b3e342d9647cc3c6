//! The README's shell commands work as written. Each command of a `sh` block is either run
//! here, verbatim from the repository's root, or named with the test or script that runs it,
//! or marked as needing an AWS account. A README command in none of these lists fails the test,
//! so a new or changed command cannot go untested.

use std::path::Path;
use std::process::Command;

/// Run here, verbatim, with what the output must contain.
const RUN_HERE: &[(&str, &str)] = &[
    (
        "cargo run -p sma-examples --bin ivr -- examples/events/new_inbound_call.json",
        "SpeakAndGetDigits",
    ),
    (
        "cargo run -p sma-examples --example replay -- play-recording examples/replay/call-play-recording.log",
        "0 difference(s)",
    ),
    (
        "cargo run -q -p sma-connect --bin check-flow -- sma-connect/tests/flows/interpreter.json",
        "interpreter.json: ok by the documented rules",
    ),
];

/// Run by another test or by CI's script, which must hold the command's words.
const RUN_ELSEWHERE: &[(&str, &str)] = &[
    ("pip install cargo-lambda boto3", ".ci/run"),
    ("cargo test --workspace", ".ci/run"),
    ("cargo lambda watch -p sma-examples", "examples/tests/cargo_lambda.rs"),
    (
        "cargo lambda invoke ivr --data-file examples/events/new_inbound_call.json",
        "examples/tests/cargo_lambda.rs",
    ),
    (
        "cargo lambda invoke play-recording --data-file examples/events/new_inbound_call.json",
        "examples/tests/cargo_lambda.rs",
    ),
    (
        "cargo lambda new --template <sma>/templates/function my-fn --no-interactive",
        "tests/tests/template.rs",
    ),
    (
        "cd my-fn && cargo test && cargo run -- events/new_inbound_call.json",
        "tests/tests/template.rs",
    ),
    ("SMA_CONFORMANCE_DIR=path/to/fixtures cargo test -p sma-tests --test conformance", ".ci/run"),
];

/// Benchmarks, not tests (minutes of measurement): the suite proves they build and that the
/// implementations they compare agree (`bench/tests/same_answers.rs`).
const BENCHMARKS: &[&str] = &["python3 bench/compare.py"];

/// Need an AWS account: their offline equivalents are tested (`deploy/`, `deploy_settings`).
const NEEDS_AWS: &[&str] = &[
    "cargo lambda build --release --arm64 --bin ivr",
    "cargo lambda deploy ivr",
    "python3 deploy/sma_deploy.py connect",
    "python3 deploy/sma_deploy.py point",
    "python3 deploy/sma_deploy.py --region us-east-1 doctor",
    // Offline, against a stub of the API: examples/start-notification/tests/start_notification.rs.
    "SIP_MEDIA_APPLICATION_ID=<id> cargo run -p start-notification -- +14155550123 +16505550177 A-17 \"Your appointment is tomorrow at 10.\"",
];

/// Every command of the README's `sh` blocks: continuation lines joined, comments left out.
fn commands(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in readme.split("```sh\n").skip(1) {
        let body = block.split("```").next().unwrap_or_default();
        let mut pending = String::new();
        for line in body.lines() {
            let code = line.split(" #").next().unwrap_or_default().trim();
            if let Some(start) = code.strip_suffix('\\') {
                pending.push_str(start.trim());
                pending.push(' ');
                continue;
            }
            pending.push_str(code);
            let command = pending.split_whitespace().collect::<Vec<_>>().join(" ");
            if !command.is_empty() {
                out.push(command);
            }
            pending.clear();
        }
    }
    out
}

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn every_readme_command_is_run_somewhere() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let found = commands(&readme);
    assert!(found.len() >= 10, "only {} commands found: {found:?}", found.len());
    for command in &found {
        let here = RUN_HERE.iter().any(|(c, _)| c == command);
        let elsewhere = RUN_ELSEWHERE.iter().find(|(c, _)| c == command);
        let aws = NEEDS_AWS.iter().any(|c| command.starts_with(c));
        let bench = BENCHMARKS.iter().any(|c| command.starts_with(c));
        assert!(
            here || elsewhere.is_some() || aws || bench,
            "a README command no test runs: {command}"
        );
        if let Some((command, file)) = elsewhere {
            let text = std::fs::read_to_string(root().join(file)).expect("the file that runs it");
            // The program's arguments stand in that file (a path by its file name).
            let words = command
                .split_whitespace()
                .filter(|w| !w.starts_with('<') && !matches!(*w, "&&" | "cd" | "cargo"))
                .map(|w| w.rsplit('/').next().unwrap_or(w))
                .map(|w| w.split('=').next().unwrap_or(w).trim_matches('"'));
            for word in words {
                assert!(text.contains(word), "{file} does not run `{command}`: no `{word}` in it");
            }
        }
    }
}

#[test]
fn the_commands_run_here_work_as_written() {
    // Its own target directory, since the suite's is in use.
    let target = root().join("target").join("readme");
    for (command, expected) in RUN_HERE {
        let out = Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(root())
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("AWS_LAMBDA_RUNTIME_API")
            .output()
            .expect("run sh");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{command}:\n{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains(expected), "{command} printed:\n{stdout}");
    }
}

#[test]
fn continued_lines_join_and_comments_go() {
    let readme = "```sh\na --x \\\n    --y   # note\nb\n```\n```text\nnot a command\n```\n";
    assert_eq!(commands(readme), ["a --x --y", "b"]);
}

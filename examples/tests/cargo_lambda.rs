//! The documented local loop: `cargo lambda watch` serves every example function, and `cargo
//! lambda invoke --data-file` sends each an event; every answer is checked, and the output a
//! newcomer sees must hold no warning.
//!
//! It needs cargo-lambda (`pip install cargo-lambda`, the README's set-up step, which `.ci/run`
//! does); without it the test fails and says so. It builds the examples a second time, in
//! `target/cargo-lambda-test`. At the end the watcher's whole process group gets SIGKILL: on
//! SIGTERM, cargo-lambda 1.9 stops its function instances itself, and when one was already gone
//! ("No such process") it was seen to take down every process of the machine's user (three times,
//! running as root in a container).
//!
//! cargo-lambda loads AWS configuration and credentials for the function it serves; on a
//! machine without them the AWS credential chain would query the instance metadata endpoint, so
//! the test pins a dummy configuration and turns that lookup off: it only ever talks to loopback.

use serde_json::Value;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// No AWS lookups: static dummy credentials, a fixed region, no config files, no metadata endpoint.
fn offline(cmd: &mut Command) -> &mut Command {
    cmd.env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST")
        .env("AWS_SECRET_ACCESS_KEY", "local-test-secret")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env_remove("AWS_PROFILE")
}

struct KillGroupOnDrop(Child);

impl Drop for KillGroupOnDrop {
    fn drop(&mut self) {
        // `cargo lambda watch` starts `cargo run`, which starts the function: end the whole
        // group at once, with SIGKILL. On SIGTERM, cargo-lambda 1.9 stops its function
        // instances itself, and when one is already gone ("No such process") it was seen to
        // signal far outside its group: it must get no chance to run that path.
        let _ =
            Command::new("kill").args(["-KILL", "--"]).arg(format!("-{}", self.0.id())).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn cargo_lambda_installed() -> bool {
    Command::new("cargo")
        .args(["lambda", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// One invocation: the function, the event file, and what its answer must hold.
struct Case {
    function: &'static str,
    event: &'static str,
    actions: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        function: "ivr",
        event: "new_inbound_call.json",
        actions: &["Speak", "SpeakAndGetDigits"],
    },
    Case { function: "ivr", event: "menu_pressed_2.json", actions: &["Speak", "Hangup"] },
    Case {
        function: "call-forwarding",
        event: "new_inbound_call.json",
        actions: &["CallAndBridge"],
    },
    Case {
        function: "voicemail",
        event: "new_inbound_call.json",
        actions: &["Speak", "RecordAudio"],
    },
    Case {
        function: "recording-on-demand",
        event: "new_inbound_call.json",
        actions: &["Speak", "ReceiveDigits", "CallAndBridge"],
    },
    Case { function: "outbound-notification", event: "new_outbound_call.json", actions: &[] },
    Case { function: "update-call", event: "call_update_transfer.json", actions: &["Hangup"] },
    Case {
        function: "meeting-dial-in",
        event: "new_inbound_call.json",
        actions: &["SpeakAndGetDigits"],
    },
    Case {
        function: "lex-bot",
        event: "new_inbound_call.json",
        actions: &["StartBotConversation"],
    },
    Case {
        function: "play-recording",
        event: "new_inbound_call.json",
        actions: &["Pause", "PlayAudio", "Hangup"],
    },
];

/// The configuration every example function reads.
const ENV: &[(&str, &str)] = &[
    ("SALES_NUMBER", "+12065550100"),
    ("FORWARD_TO", "+12065550100"),
    ("VOICEMAIL_BUCKET", "voicemail-bucket"),
    ("AGENT_NUMBER", "+12065550100"),
    ("RECORDINGS_BUCKET", "recordings-bucket"),
    ("MEETINGS", "123456=m-1:join-token"),
    ("BOT_ALIAS_ARN", "arn:aws:lex:us-east-1:123456789012:bot-alias/BOTID12345/ALIAS12345"),
    ("VOICE_CONNECTOR_ARN", "arn:aws:chime:us-east-1:123456789012:vc/abcdefghij"),
];

#[test]
fn cargo_lambda_watch_and_invoke_every_example() {
    assert!(
        cargo_lambda_installed(),
        "cargo-lambda is not installed: `pip install cargo-lambda` (the README's set-up step)"
    );
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = package.parent().expect("workspace root");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    // Its own target directory, so that it never waits on the lock of the `cargo test` running it.
    let target = workspace.join("target").join("cargo-lambda-test");
    std::fs::create_dir_all(&target).expect("target directory");
    let log_path = target.join("watch.log");
    let log = std::fs::File::create(&log_path).expect("watch log");
    let _watch = KillGroupOnDrop(
        offline(&mut Command::new("cargo"))
            // The README's command, from the workspace root, on a free port.
            .args(["lambda", "watch", "-p", "sma-examples", "--ignore-changes", "-A", "127.0.0.1"])
            .args(["-P", &port.to_string()])
            .current_dir(workspace)
            .env("CARGO_TARGET_DIR", &target)
            .env("CARGO_TERM_COLOR", "never")
            .envs(ENV.iter().copied())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("start cargo lambda watch"),
    );
    for case in CASES {
        let answer = invoke(workspace, port, case);
        assert_eq!(answer["SchemaVersion"], "1.0", "{}: {answer}", case.function);
        let types: Vec<&str> = answer["Actions"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x["Type"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(types, case.actions, "{} answering {}", case.function, case.event);
    }
    let output = std::fs::read_to_string(&log_path).expect("watch log");
    let noisy: Vec<&str> = output
        .lines()
        .filter(|l| l.contains("WARN") || l.contains("ERROR") || l.contains("warning:"))
        .collect();
    assert!(noisy.is_empty(), "cargo lambda watch printed warnings:\n{}", noisy.join("\n"));
}

/// `cargo lambda invoke <function> --data-file events/<event>`, retried until the watcher has
/// compiled and started the function.
fn invoke(workspace: &Path, port: u16, case: &Case) -> Value {
    let started = Instant::now();
    loop {
        let out = offline(&mut Command::new("cargo"))
            .args(["lambda", "invoke", case.function, "-A", "127.0.0.1", "-P", &port.to_string()])
            .arg("--data-file")
            .arg(format!("examples/events/{}", case.event))
            .args(["-o", "json"])
            .current_dir(workspace)
            .output()
            .expect("run cargo lambda invoke");
        if out.status.success() {
            return serde_json::from_slice(&out.stdout).expect("a JSON response");
        }
        assert!(
            started.elapsed() < Duration::from_secs(900),
            "cargo lambda invoke {} kept failing: {}",
            case.function,
            String::from_utf8_lossy(&out.stderr)
        );
        std::thread::sleep(Duration::from_secs(2));
    }
}

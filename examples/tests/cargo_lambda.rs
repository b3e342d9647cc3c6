//! The documented local loop: `cargo lambda watch` serves the IVR, and `cargo lambda invoke
//! --data-file` sends it an event.
//!
//! Opt-in: it runs with `SMA_TEST_CARGO_LAMBDA=1` and cargo-lambda installed (`pip install
//! cargo-lambda`), and says `skipped` otherwise. cargo-lambda loads AWS configuration and
//! credentials for the function it serves; on a machine without them the AWS credential chain
//! would query the instance metadata endpoint, so the test pins a dummy configuration and turns
//! that lookup off: it only ever talks to loopback.

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
        // `cargo lambda watch` starts `cargo run`, which starts the function: end the group.
        let _ = Command::new("kill").arg("-TERM").arg(format!("-{}", self.0.id())).status();
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

#[test]
fn cargo_lambda_watch_and_invoke() {
    if std::env::var_os("SMA_TEST_CARGO_LAMBDA").is_none() {
        println!("skipped: set SMA_TEST_CARGO_LAMBDA=1 to run the cargo lambda watch/invoke test");
        return;
    }
    if !cargo_lambda_installed() {
        println!("skipped: cargo-lambda is not installed (pip install cargo-lambda)");
        return;
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    // Its own target directory, so that it never waits on the lock of the `cargo test` running it.
    let target = workspace.join("target").join("cargo-lambda-test");
    let _watch = KillGroupOnDrop(
        offline(&mut Command::new("cargo"))
            .args(["lambda", "watch", "--ignore-changes", "--quiet", "-A", "127.0.0.1"])
            .args(["-P", &port.to_string(), "--bin", "ivr"])
            .current_dir(workspace)
            .env("CARGO_TARGET_DIR", &target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start cargo lambda watch"),
    );
    let started = Instant::now();
    let output = loop {
        let out = offline(&mut Command::new("cargo"))
            .args(["lambda", "invoke", "ivr", "-A", "127.0.0.1", "-P", &port.to_string()])
            .args(["--data-file", "examples/events/menu_pressed_2.json", "-o", "json"])
            .current_dir(workspace)
            .output()
            .expect("run cargo lambda invoke");
        if out.status.success() {
            break out.stdout;
        }
        // Not listening yet: try again until the watcher has compiled and started the function.
        assert!(
            started.elapsed() < Duration::from_secs(900),
            "cargo lambda invoke kept failing: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::thread::sleep(Duration::from_secs(2));
    };
    let response: Value = serde_json::from_slice(&output).expect("a JSON response");
    assert_eq!(response["SchemaVersion"], "1.0");
    assert_eq!(response["Actions"][0]["Type"], "Speak");
    assert_eq!(response["Actions"][1]["Type"], "Hangup");
    assert_eq!(
        response["Actions"][1]["Parameters"]["CallId"],
        "3c9e1f2a-6b7d-4c8e-a5f0-1d2e3f4a5b6c"
    );
}

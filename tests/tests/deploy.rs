//! The deploy command (`deploy/sma_deploy.py`) and its doctor against a stub of the AWS APIs on
//! loopback: their own offline tests, run as part of the suite. They need Python 3 with boto3
//! (`pip install boto3`; `.ci/run` installs it when missing).

use std::path::Path;
use std::process::Command;

/// Runs one of `deploy/`'s Python test files and checks that it ran `tests` tests, all green.
fn python_tests(file: &str, tests: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let has_boto3 = Command::new("python3")
        .args(["-c", "import boto3"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(has_boto3, "{file} needs Python 3 with boto3: pip install boto3");
    let out = Command::new("python3")
        .arg(root.join("deploy").join(file))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("run python3");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "deploy/{file} failed:\n{report}");
    assert!(report.contains(&format!("Ran {tests} tests")), "{report}");
}

#[test]
fn the_deploy_command_makes_the_documented_calls_offline() {
    python_tests("test_sma_deploy.py", 10);
}

/// `sma_deploy.py doctor` against the same stub: a correct wiring and each broken one of the
/// troubleshooting page (no invoke permission, an unscoped one, an endpoint on `$LATEST`, a
/// timeout past 20 s, a throttled function, message logging off, no or a disabled SIP rule, a
/// number of another product type), and failures to read that give messages, not tracebacks.
#[test]
fn the_doctor_names_each_broken_wiring_offline() {
    python_tests("test_sma_doctor.py", 11);
}

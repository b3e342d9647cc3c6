//! The deploy command (`deploy/sma_deploy.py`) and its doctor against a stub of the AWS APIs on
//! loopback: their own offline tests, run as part of the suite. It needs Python 3 with boto3 (`pip install
//! boto3`; `.ci/run` installs it when missing).

use std::path::Path;
use std::process::Command;

#[test]
fn the_deploy_command_makes_the_documented_calls_offline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let has_boto3 = Command::new("python3")
        .args(["-c", "import boto3"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(has_boto3, "the deploy command's test needs Python 3 with boto3: pip install boto3");
    let out = Command::new("python3")
        .arg(root.join("deploy/test_sma_deploy.py"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("run python3");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "deploy/test_sma_deploy.py failed:\n{report}");
    assert!(report.contains("Ran 10 tests"), "{report}");
}

/// `sma_deploy.py doctor` against the same stub: a correct wiring and each broken one of the
/// troubleshooting page (no invoke permission, an unscoped one, an endpoint on `$LATEST`, a
/// timeout past 20 s, a throttled function, message logging off, no or a disabled SIP rule, a
/// number of another product type), and failures to read that give messages, not tracebacks.
#[test]
fn the_doctor_names_each_broken_wiring_offline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new("python3")
        .arg(root.join("deploy/test_sma_doctor.py"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("run python3");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "deploy/test_sma_doctor.py failed:\n{report}");
    assert!(report.contains("Ran 11 tests"), "{report}");
}

//! The deploy command (`deploy/sma_deploy.py`) against a stub of the AWS APIs on loopback: its
//! own offline test, run as part of the suite. It needs Python 3 with boto3 (`pip install
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

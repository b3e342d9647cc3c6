//! A new function in one command: `cargo lambda new --template templates/function my-fn`
//! gives the lib/main/tests layout with handlers, a simulator test, an event and deploy
//! settings. This generates a project offline, points its `sma-core` at this checkout (a user
//! gets `sma-core = "0.1"`), and runs its tests and its local answer to an event. It builds in
//! a target directory of its own, since the suite's is in use.

use std::path::Path;
use std::process::Command;

#[test]
fn a_generated_function_passes_its_tests_and_answers_an_event() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("root");
    let has_cargo_lambda = Command::new("cargo")
        .args(["lambda", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(has_cargo_lambda, "the template test needs cargo-lambda: pip install cargo-lambda");
    let place = std::env::temp_dir().join(format!("sma-template-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&place);
    std::fs::create_dir_all(&place).expect("a temporary folder");
    let generated = Command::new("cargo")
        .current_dir(&place)
        .args(["lambda", "new", "--template"])
        .arg(root.join("templates/function"))
        .args(["my-fn", "--no-interactive"])
        .output()
        .expect("run cargo lambda new");
    assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
    let project = place.join("my-fn");
    let manifest = std::fs::read_to_string(project.join("Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("name = \"my-fn\""), "{manifest}");
    assert!(manifest.contains("sma-core = \"0.1\""), "a user depends on the release: {manifest}");
    assert!(manifest.contains("[package.metadata.lambda.deploy]"), "{manifest}");
    // The hot-code link of a release build: the build script, and the v0 symbol names its
    // linker script is written in (`examples/tests/hot_code.rs` checks the link itself).
    let config = std::fs::read_to_string(project.join(".cargo/config.toml")).expect("config");
    assert!(config.contains("symbol-mangling-version=v0"), "{config}");
    let build = std::fs::read_to_string(project.join("build.rs")).expect("build.rs");
    assert!(build.contains("DEP_SMA_CORE_HOT_CODE_LD"), "{build}");
    let local = format!("sma-core = {{ path = {:?}", root.join("sma-core").display().to_string());
    let manifest = manifest
        .replace("sma-core = \"0.1\"", &format!("{local} }}"))
        .replace("sma-core = { version = \"0.1\"", &local);
    std::fs::write(project.join("Cargo.toml"), manifest).expect("write Cargo.toml");
    std::fs::copy(root.join("Cargo.lock"), project.join("Cargo.lock")).expect("copy Cargo.lock");
    let target = root.join("target").join("template");
    let cargo = |args: &[&str]| {
        let out = Command::new(env!("CARGO"))
            .current_dir(&project)
            .args(args)
            .env("CARGO_TARGET_DIR", &target)
            // Outside the checkout, so with the template's `.cargo/config.toml`, not the
            // checkout's: no debuginfo, as the checkout's would have it.
            .env("CARGO_PROFILE_DEV_DEBUG", "false")
            .env_remove("AWS_LAMBDA_RUNTIME_API")
            .output()
            .expect("run cargo");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "cargo {args:?}:\n{}", String::from_utf8_lossy(&out.stderr));
        text
    };
    let tests = cargo(&["test", "-q"]);
    assert!(tests.contains("test result: ok. 2 passed"), "{tests}");
    let answer = cargo(&["run", "-q", "--", "events/new_inbound_call.json"]);
    assert!(
        answer.contains("Thanks for calling") && answer.contains("SpeakAndGetDigits"),
        "{answer}"
    );
    let _ = std::fs::remove_dir_all(&place);
}

//! The three library crates package and verify as they would be published: `cargo package`
//! builds each from its `.crate` file, against the others as packaged (not the checkout), so a
//! file left out of a package, a path dependency without a version or missing metadata fails
//! here. It builds in a target directory of its own, since the suite's is in use.

use std::path::Path;
use std::process::Command;

const CRATES: &[&str] = &["sma-syntax", "sma-macros", "sma-core"];

#[test]
fn the_library_crates_package_and_verify() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = root.join("target").join("packaging");
    let mut cargo = Command::new(env!("CARGO"));
    cargo.current_dir(&root).arg("package").arg("--allow-dirty").env("CARGO_TARGET_DIR", &target);
    for krate in CRATES {
        cargo.args(["-p", krate]);
    }
    let out = cargo.output().expect("run cargo package");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo package failed:\n{log}");
    for krate in CRATES {
        assert!(log.contains(&format!("Verifying {krate} v")), "{krate} not verified:\n{log}");
        let file =
            target.join("package").join(format!("{krate}-{}.crate", env!("CARGO_PKG_VERSION")));
        assert!(file.is_file(), "no {}", file.display());
        // The license texts the `license` field names travel with the crate.
        let listed = Command::new(env!("CARGO"))
            .current_dir(&root)
            .args(["package", "--list", "--allow-dirty", "-p", krate])
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("cargo package --list");
        let files = String::from_utf8_lossy(&listed.stdout);
        for license in ["LICENSE-MIT", "LICENSE-APACHE", "Cargo.toml", "src/lib.rs"] {
            assert!(files.lines().any(|l| l == license), "{krate} lacks {license}:\n{files}");
        }
    }
}

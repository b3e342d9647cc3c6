//! The four library crates package and verify as they would be published: `cargo package`
//! builds each from its `.crate` file, against the others as packaged (not the checkout), so a
//! file left out of a package, a path dependency without a version or missing metadata fails
//! here. It builds in a target directory of its own, since the suite's is in use.

use std::path::Path;
use std::process::Command;

const CRATES: &[&str] = &["sma-syntax", "sma-macros", "sma-core", "sma-client"];

/// Cargo unpacks the packaged crates it verifies against into `$CARGO_HOME/registry/src/-<hash
/// of the package directory>/`, and reuses an unpacked copy of the same name and version even
/// when the package has changed since: a verification against the last run's sources. The
/// copies of this workspace's crates are removed first (only those: the directories of
/// `cargo package`'s temporary registries, named with a leading `-`).
fn forget_unpacked_copies() {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    let Some(sources) = home.map(|h| h.join("registry").join("src")) else { return };
    let Ok(registries) = std::fs::read_dir(sources) else { return };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for krate in CRATES {
            let copy = registry.path().join(format!("{krate}-{}", env!("CARGO_PKG_VERSION")));
            if copy.is_dir() {
                std::fs::remove_dir_all(&copy).expect("remove a stale unpacked copy");
            }
        }
    }
}

/// Cargo also keeps a registry crate built as long as its name, version and registry are the
/// same, whatever its contents: the fingerprints of this workspace's crates from the last run
/// are removed, so that each is built again from its new package.
fn forget_stale_builds(target: &Path) {
    let Ok(fingerprints) = std::fs::read_dir(target.join("debug").join(".fingerprint")) else {
        return;
    };
    for entry in fingerprints.flatten() {
        if entry.file_name().to_string_lossy().starts_with("sma-") {
            std::fs::remove_dir_all(entry.path()).expect("remove a stale fingerprint");
        }
    }
}

#[test]
fn the_library_crates_package_and_verify() {
    forget_unpacked_copies();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = root.join("target").join("packaging");
    forget_stale_builds(&target);
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
        // The hot-code linker script a function's build script links with travels with it.
        if *krate == "sma-core" {
            for file in ["build.rs", "link/hot-code.ld"] {
                assert!(files.lines().any(|l| l == file), "{krate} lacks {file}:\n{files}");
            }
        }
    }
}

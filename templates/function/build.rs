// Links the code an invocation runs together, in one place at the start of the binary, with
// `sma-core`'s hot-code linker script: fewer of the binary's pages are resident (13–18% less
// memory for `sma`'s example IVR: its BENCHMARKS.md, "Where the resident memory goes"). Only
// the order of the code changes, and only in release builds for Linux, the builds Lambda runs.
//
// The script names functions by their v0 symbol names, which `.cargo/config.toml` turns on;
// without them it is left out. GNU ld and lld read it; mold and gold do not, so a build whose
// flags pick them (`-fuse-ld=mold`) leaves it out, and `SMA_HOT_CODE=off` does for a linker
// chosen otherwise. Deleting this file leaves it out for good.

use std::env;

fn main() {
    println!("cargo::rerun-if-env-changed=SMA_HOT_CODE");
    let var = |name| env::var(name).unwrap_or_default();
    let flags = var("CARGO_ENCODED_RUSTFLAGS");
    let flags = flags.split('\x1f');
    let v0 = flags.clone().any(|flag| flag.ends_with("symbol-mangling-version=v0"));
    let without_scripts = |flag: &str| {
        flag.contains("fuse-ld=") && (flag.contains("mold") || flag.contains("gold"))
    };
    let wanted = var("SMA_HOT_CODE") != "off"
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("PROFILE") == "release"
        && v0
        && !flags.clone().any(without_scripts);
    let script = var("DEP_SMA_CORE_HOT_CODE_LD");
    if wanted && !script.is_empty() {
        // `-Wl,` splits its argument at commas: a path with one goes as separate arguments.
        println!("cargo::rustc-link-arg-bins=-Xlinker");
        println!("cargo::rustc-link-arg-bins=-T");
        println!("cargo::rustc-link-arg-bins=-Xlinker");
        println!("cargo::rustc-link-arg-bins={script}");
        println!("cargo::rerun-if-changed={script}");
    }
}

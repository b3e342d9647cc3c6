//! Tells the build script of a function built with `sma` where `sma-core`'s hot-code linker
//! script is: `DEP_SMA_CORE_HOT_CODE_LD`, through the `links` key of `Cargo.toml` (the only way
//! Cargo passes a dependency's files to its dependents' build scripts). The script's header
//! says what it is; the function template's `build.rs` is how a function uses it.

#![forbid(unsafe_code)]

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("Cargo sets CARGO_MANIFEST_DIR");
    let script = std::path::Path::new(&dir).join("link").join("hot-code.ld");
    println!("cargo::metadata=hot_code_ld={}", script.display());
    println!("cargo::rerun-if-changed=build.rs");
}

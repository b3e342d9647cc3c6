//! `sma-core/link/hot-code.ld`, the linker script the template's `build.rs` links a release
//! function with, still names the code an invocation runs, and a binary linked with it answers
//! as one linked as usual.
//!
//! The release IVR is built in `target/hot-code` with a link map; every name of the script must
//! match a section of the binary's hot output section, but for a few. When this fails, the code
//! an invocation runs was renamed or moved (in `sma` or a dependency): `python3
//! bench/hot_code.py` writes the script again from a profile. The linker this checks is the
//! toolchain's own (`lld`), whose map it reads.

use std::path::Path;
use std::process::Command;

/// Whether `text` matches `pattern`, whose only wildcard is `*` (as in the script's names).
fn matches(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[test]
fn wildcards_match_as_the_linker_matches_them() {
    assert!(matches(b"_RNvCs*_8sma_core4read", b"_RNvCsa1B2_8sma_core4read"));
    assert!(matches(b"a*b*c", b"axxbyyc"));
    assert!(matches(b"*", b""));
    assert!(!matches(b"_RNvCs*_8sma_core4read", b"_RNvCsa1B2_8sma_core5write"));
    assert!(!matches(b"a*b", b"ab_"));
}

/// The section names of each of the script's input descriptions (`*(NAME NAME …)`).
fn script_entries(script: &str) -> Vec<Vec<&str>> {
    script
        .lines()
        .filter_map(|line| line.trim().strip_prefix("*(")?.strip_suffix(')'))
        .map(|names| names.split_whitespace().collect())
        .collect()
}

/// The input sections lld's map (`-Map`) places in the output section `output`. Its columns
/// are VMA, LMA, Size, Align and a fifth whose indent says what a line is: the header's `Out`
/// column for an output section, its `In` column for an input section, deeper for a symbol.
fn placed_in<'m>(map: &'m str, output: &str) -> Vec<&'m str> {
    let mut lines = map.lines();
    let header = lines.next().unwrap_or_default();
    let (Some(out_at), Some(in_at)) = (header.find(" Out ").map(|i| i + 1), header.find(" In "))
    else {
        panic!("not lld's map: {header}");
    };
    let in_at = in_at + 1;
    let fifth = |line: &'m str| {
        let mut rest = line;
        for _ in 0..4 {
            rest = rest.trim_start().split_once(char::is_whitespace)?.1;
        }
        let text = rest.trim_start();
        Some((line.len() - text.len(), text.trim_end()))
    };
    let mut inside = false;
    let mut sections = Vec::new();
    for (at, text) in lines.filter_map(fifth) {
        if at == out_at {
            inside = text == output;
        } else if inside && at == in_at {
            if let Some((_, section)) = text.split_once(":(") {
                sections.push(section.trim_end_matches(')'));
            }
        }
    }
    sections
}

#[test]
fn the_script_names_the_release_ivr_s_hot_code_and_the_ivr_answers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = root.join("target").join("hot-code");
    let map = target.join("ivr-release.map");
    // Written at each link; cargo links again when the script changes (the build script
    // watches it), so a map left from an earlier run is the binary's.
    let out = Command::new(env!("CARGO"))
        .current_dir(&root)
        .args(["rustc", "-q", "--release", "-p", "sma-examples", "--bin", "ivr", "--"])
        .arg(format!("-Clink-arg=-Wl,-Map={}", map.display()))
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("SMA_HOT_CODE")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo rustc");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let map = std::fs::read_to_string(&map).expect("the link map");
    let hot = placed_in(&map, ".text.sma_hot");
    assert!(!hot.is_empty(), "the release IVR has no hot section: the script was not used");
    let script = std::fs::read_to_string(root.join("sma-core/link/hot-code.ld")).expect("script");
    let entries = script_entries(&script);
    assert!(entries.len() > 300, "the script names only {} functions", entries.len());
    let placed = |name: &&str| hot.iter().any(|s| matches(name.as_bytes(), s.as_bytes()));
    let missing: Vec<&str> =
        entries.iter().filter(|names| !names.iter().any(placed)).map(|names| names[0]).collect();
    // A few names are code that runs in the profiling build (with its line tables) and that the
    // release build inlines otherwise; more than that is a stale script.
    assert!(
        missing.len() * 20 <= entries.len(),
        "{} of the script's {} names match nothing of the release IVR; run `python3 \
         bench/hot_code.py` to write it again. The first: {:#?}",
        missing.len(),
        entries.len(),
        &missing[..missing.len().min(10)]
    );

    // The binary linked with the script answers an event as the test build does.
    let event = root.join("examples/events/new_inbound_call.json");
    let answer = |binary: &Path| {
        let out = Command::new(binary).arg(&event).output().expect("run the IVR");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let linked = answer(&target.join("release").join("ivr"));
    assert!(linked.starts_with(b"{"), "{}", String::from_utf8_lossy(&linked));
    assert_eq!(linked, answer(Path::new(env!("CARGO_BIN_EXE_ivr"))));
}

/// The template's build script, built on its own and run with the environment Cargo gives it:
/// what it tells Cargo for each kind of build.
#[test]
fn the_template_s_build_script_links_the_script_only_where_it_can() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("target").join("hot-code").join("build-script");
    std::fs::create_dir_all(&dir).expect("a folder for the build script");
    let binary = dir.join("build-script");
    let built = Command::new("rustc")
        .current_dir(&root)
        .args(["--edition", "2024", "-O", "-o"])
        .arg(&binary)
        .arg("templates/function/build.rs")
        .output()
        .expect("run rustc");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let release = [
        ("CARGO_CFG_TARGET_OS", "linux"),
        ("PROFILE", "release"),
        ("CARGO_ENCODED_RUSTFLAGS", "-C\x1fsymbol-mangling-version=v0"),
        ("DEP_SMA_CORE_HOT_CODE_LD", "/sma, core/link/hot-code.ld"),
    ];
    let run = |changes: &[(&str, &str)]| {
        let mut command = Command::new(&binary);
        command.env_clear();
        for (name, value) in release.iter().chain(changes) {
            command.env(name, value);
        }
        let out = command.output().expect("run the build script");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let linked = run(&[]);
    // A path with a comma and a space goes whole, as separate arguments.
    assert!(
        linked.contains(
            "cargo::rustc-link-arg-bins=-Xlinker\ncargo::rustc-link-arg-bins=-T\n\
             cargo::rustc-link-arg-bins=-Xlinker\n\
             cargo::rustc-link-arg-bins=/sma, core/link/hot-code.ld\n"
        ),
        "{linked}"
    );
    assert!(linked.contains("cargo::rerun-if-changed=/sma, core/link/hot-code.ld"), "{linked}");
    for (why, changes) in [
        ("asked not to", &[("SMA_HOT_CODE", "off")][..]),
        ("macOS", &[("CARGO_CFG_TARGET_OS", "macos")]),
        ("a debug build", &[("PROFILE", "debug")]),
        ("legacy names", &[("CARGO_ENCODED_RUSTFLAGS", "")]),
        (
            "mold",
            &[(
                "CARGO_ENCODED_RUSTFLAGS",
                "-Csymbol-mangling-version=v0\x1f-Clink-arg=-fuse-ld=mold",
            )],
        ),
        (
            "gold",
            &[(
                "CARGO_ENCODED_RUSTFLAGS",
                "-Clink-arg=-fuse-ld=gold\x1f-Csymbol-mangling-version=v0",
            )],
        ),
        ("no sma-core", &[("DEP_SMA_CORE_HOT_CODE_LD", "")]),
    ] {
        let out = run(changes);
        assert!(!out.contains("link-arg"), "{why}: {out}");
        assert!(out.contains("cargo::rerun-if-env-changed=SMA_HOT_CODE"), "{why}: {out}");
    }
}

//! Every public type of `sma-core` has rustdoc with an example; every type that models part of
//! the wire format links to its page of the Amazon Chime SDK developer guide.

#[path = "../../sma-core/tests/support/source.rs"]
mod source;

use source::sources;
use std::path::Path;

/// Public types that are the framework's own, not a part of the wire format: they need rustdoc
/// and an example, but no developer-guide link.
const FRAMEWORK_ONLY: &[&str] = &[
    "SharedState",
    "Text",
    "Extra",
    "FormatError",
    "ActionFailure",
    "Violation",
    "Rule",
    "Error",
    "BoxError",
    "HandlerError",
    "Rejection",
    "StateMap",
    "Checked",
    "Level",
    "ReadError",
    "Recorder",
    "Pseudonyms",
    "Recorded",
    "RecordedCall",
    "Replay",
    "ReplayReport",
    "CallReport",
    "InvocationReport",
    "Difference",
];

/// Files of the hidden door for generated code: not public API.
const HIDDEN_FILES: &[&str] = &["private.rs"];

const GUIDE: &str = "https://docs.aws.amazon.com/chime-sdk/latest/dg/";

/// The name of the public type declared on this line, if any. Handles plain declarations and
/// the identifiers given to the crate's declaring macros (`string_newtype!`, `call_id_only!`).
fn declared(line: &str, in_decl_macro: bool) -> Option<String> {
    let t = line.trim_start();
    for kw in ["pub struct ", "pub enum ", "pub type ", "pub trait "] {
        if let Some(rest) = t.strip_prefix(kw) {
            let name: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            return (!name.is_empty() && !name.starts_with('$')).then_some(name);
        }
    }
    if in_decl_macro && !t.is_empty() && t.chars().all(char::is_alphanumeric) {
        return Some(t.to_owned());
    }
    None
}

#[test]
fn public_types_have_docs_examples_and_guide_links() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sma-core/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in files {
        if file.file_name().is_some_and(|n| HIDDEN_FILES.iter().any(|h| n == *h)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read source");
        let lines: Vec<&str> = text.lines().collect();
        let mut in_decl_macro = false;
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim();
            if t.starts_with("string_newtype! {") || t.starts_with("call_id_only! {") {
                in_decl_macro = true;
                continue;
            }
            if in_decl_macro && t == "}" {
                in_decl_macro = false;
                continue;
            }
            if line.contains("macro_rules!") || t.starts_with("$") || t.contains("struct $") {
                continue;
            }
            let Some(name) = declared(line, in_decl_macro) else { continue };
            // Gather the doc block above, skipping attributes (also multi-line ones).
            let mut doc = Vec::new();
            let mut hidden = false;
            let mut in_attribute = false;
            for prev in lines[..i].iter().rev() {
                let p = prev.trim();
                if in_attribute {
                    in_attribute = !p.starts_with("#[");
                    continue;
                }
                if let Some(d) = p.strip_prefix("///") {
                    doc.push(d.to_owned());
                } else if p.starts_with("#[") {
                    hidden |= p.starts_with("#[doc(hidden)]");
                } else if p.ends_with(")]") || p == ")]" {
                    in_attribute = true;
                } else {
                    break;
                }
            }
            if hidden {
                continue;
            }
            let doc = doc.join("\n");
            checked += 1;
            let at = format!("{}:{} {name}", file.display(), i + 1);
            if doc.trim().is_empty() {
                problems.push(format!("{at}: no rustdoc"));
                continue;
            }
            if !doc.contains("```") {
                problems.push(format!("{at}: rustdoc has no example"));
            }
            if !FRAMEWORK_ONLY.contains(&name.as_str()) && !doc.contains(GUIDE) {
                problems.push(format!("{at}: rustdoc does not link its developer-guide page"));
            }
        }
    }
    assert!(checked > 50, "only {checked} public types found: is the scanner broken?");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// The README's Rust blocks that are not doctests quote real files: a block whose first line
/// names a file (`// examples/tests/ivr_flows.rs`) has every code line in that file, and the
/// simulator examples are tests of the example IVR (the README's other Rust blocks are doctests
/// of sma-core).
#[test]
fn the_readme_quotes_real_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let blocks: Vec<&str> =
        readme.split("```rust,ignore\n").skip(1).filter_map(|b| b.split("```").next()).collect();
    let simulator = blocks.iter().filter(|b| b.contains("sim.")).count();
    assert!(simulator >= 3, "the README's simulator examples (a call, a timed call, a layout)");
    let code = |l: &str| l.split(" //").next().unwrap_or(l).trim_end().to_owned();
    for block in blocks {
        let named = block
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// "))
            .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned());
        let file = named.unwrap_or_else(|| "examples/tests/ivr_flows.rs".to_owned());
        let quoted = std::fs::read_to_string(root.join(&file))
            .unwrap_or_else(|e| panic!("the README quotes {file}: {e}"));
        for line in block.lines().filter(|l| !l.trim_start().starts_with("//")).map(code) {
            assert!(quoted.contains(&line), "README line not in {file}: {line:?}");
        }
    }
}

/// The dependency lines the README gives a newcomer name features that exist.
#[test]
fn the_readme_dependency_lines_name_real_features() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let manifest = std::fs::read_to_string(root.join("sma-core/Cargo.toml")).expect("manifest");
    let toml = readme.split("```toml\n").nth(1).and_then(|b| b.split("```").next()).expect("toml");
    assert!(toml.contains("sma-core = \"0.1\""), "{toml}");
    let version = manifest_version(&root);
    assert!(version.starts_with("0.1."), "the README says 0.1; the crates are {version}");
    for line in toml.lines().filter(|l| l.starts_with("sma-core") && l.contains("features")) {
        let features = line.split("features = [").nth(1).and_then(|f| f.split(']').next());
        for feature in features.unwrap_or_default().split(',').map(|f| f.trim().trim_matches('"')) {
            assert!(manifest.contains(&format!("\n{feature} = [")), "no feature {feature:?}");
        }
    }
}

/// The workspace's version (`[workspace.package] version`).
fn manifest_version(root: &Path) -> String {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let line = manifest.lines().find(|l| l.starts_with("version = ")).expect("a version");
    line.trim_start_matches("version = ").trim_matches('"').to_owned()
}

/// The rustdoc of every crate of the workspace, with every feature on, has no warning: no
/// broken or ambiguous intra-doc link (a link to a name that is both a module and a function,
/// such as `sma_connect`'s `check`, is one). Its own target directory, so that the suite's build
/// is not locked; 56 s from nothing on 2 cores, measured, and under a second once built.
#[test]
fn rustdoc_has_no_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = std::process::Command::new(env!("CARGO"))
        .current_dir(&root)
        .args(["doc", "--workspace", "--no-deps", "--all-features"])
        .env("CARGO_TARGET_DIR", root.join("target").join("rustdoc"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("run cargo doc");
    assert!(
        out.status.success(),
        "cargo doc has warnings:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

//! Every Rust file of the workspace, sources and tests alike, stays under 500 lines: a file
//! that grows past it is split by subject.

#[path = "../../sma-core/tests/support/source.rs"]
mod source;

use std::path::Path;

const MAX_LINES: usize = 500;

#[test]
fn no_rust_file_passes_500_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    source::sources(&root, &mut files);
    assert!(files.len() > 100, "only {} files found under {}", files.len(), root.display());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).ok()?.lines().count();
            let shown = f.strip_prefix(&root).unwrap_or(f).display().to_string();
            (lines > MAX_LINES).then(|| format!("{shown}: {lines} lines"))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

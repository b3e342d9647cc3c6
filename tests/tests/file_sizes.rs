//! Every Rust and Python file of the repository, sources and tests alike, stays under 500
//! lines: a file that grows past it is split by subject.

#[path = "../../sma-core/tests/support/source.rs"]
mod source;

use std::path::Path;

const MAX_LINES: usize = 500;

#[test]
fn no_rust_or_python_file_passes_500_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    source::sources(&root, &mut files);
    assert!(files.len() > 100, "only {} files found under {}", files.len(), root.display());
    let rust = files.len();
    source::files_with(&root, "py", &mut files);
    assert!(files.len() - rust >= 8, "only {} Python files found", files.len() - rust);
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

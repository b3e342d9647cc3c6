//! Reading `sma-core`'s sources as the layering tests need them: the files, their module paths,
//! their code without comments, and the module paths that code names.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`, build output (`target`) and hidden folders left out.
pub(crate) fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    files_with(dir, "rs", out);
}

/// Every file below `dir` whose name ends in `.<extension>`, build output (`target`) and hidden
/// folders left out.
pub(crate) fn files_with(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let skipped = name == "target" || name.to_string_lossy().starts_with('.');
        if path.is_dir() && !skipped {
            files_with(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

/// The module path of a file relative to `src/`: `contract/event/mod.rs` → `[contract, event]`.
pub(crate) fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> =
        relative.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code without comments (line and block), so that doc links do not count.
pub(crate) fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |i| &after[i..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |i| &after[i + 2..]);
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

pub(crate) fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every module path the code names through `crate`, `super`, `self` or one of `children` (the
/// modules the file declares, which its `use` paths may name directly), resolved from `module`.
/// A path through a `{..}` group yields one path per first item of the group.
pub(crate) fn named_paths(code: &str, module: &[String], children: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != ':';
        let word: String = bytes[i..].iter().take_while(|c| is_ident(**c)).collect();
        let child = children.contains(&word);
        if !starts_word || !(matches!(word.as_str(), "crate" | "super" | "self") || child) {
            i += word.len().max(1);
            continue;
        }
        // Read `seg::seg::…`, stopping before a `{` group or at the end of the path.
        let mut segments = vec![word.clone()];
        let mut j = i + word.len();
        let mut group = None;
        while bytes.get(j) == Some(&':') && bytes.get(j + 1) == Some(&':') {
            j += 2;
            if bytes.get(j) == Some(&'{') {
                let end = bytes[j..].iter().position(|c| *c == '}').map_or(bytes.len(), |e| j + e);
                group = Some(bytes[j + 1..end].iter().collect::<String>());
                j = end;
                break;
            }
            let seg: String = bytes[j..].iter().take_while(|c| is_ident(**c)).collect();
            if seg.is_empty() {
                break;
            }
            j += seg.len();
            segments.push(seg);
        }
        i = j.max(i + 1);
        let mut resolved: Vec<String> = Vec::new();
        let mut start = 0;
        match segments[0].as_str() {
            "crate" => start = 1,
            _ if child => resolved = module.to_vec(),
            _ => {
                resolved = module.to_vec();
                for s in &segments {
                    match s.as_str() {
                        "super" => {
                            resolved.pop();
                        }
                        "self" => {}
                        _ => break,
                    }
                    start += 1;
                }
            }
        }
        resolved.extend(segments[start..].iter().cloned());
        match group {
            Some(items) if resolved.is_empty() => {
                for item in items.split(',') {
                    let first: String = item.trim().chars().take_while(|c| is_ident(*c)).collect();
                    if !first.is_empty() {
                        out.push(vec![first]);
                    }
                }
            }
            _ => out.push(resolved),
        }
    }
    out
}

/// The modules a file declares (`mod name;`, `pub mod name;`).
pub(crate) fn declared_children(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub(crate) ").or_else(|| l.strip_prefix("pub ")).unwrap_or(l);
            let name = l.strip_prefix("mod ")?.strip_suffix(';')?;
            name.chars().all(is_ident).then(|| name.to_owned())
        })
        .collect()
}

//! The layers of `sma-core` only point down: the contract (`src/contract/`) knows nothing of
//! dispatch, the runtime or the simulator; dispatch (`src/dispatch/`) nothing of the runtime or
//! the simulator; the runtime (`src/runtime/`) nothing of the simulator (`src/testing/`).
//!
//! Every `crate::…`, `super::…` and `self::…` path in a layer's code (comments left out) is
//! resolved to the module it names; a path into a higher layer, or through the crate root's
//! re-exports (which reach every layer), fails the test. So do the crates a lower layer must not
//! use: `lambda_runtime`, `tokio` and `tracing` below the runtime.

use std::path::{Path, PathBuf};

/// The layers, lowest first.
const LAYERS: &[&str] = &["contract", "dispatch", "runtime", "testing"];

/// Crates each layer must not name.
fn forbidden_crates(layer: usize) -> &'static [&'static str] {
    match LAYERS[layer] {
        "contract" | "dispatch" => &["lambda_runtime", "tokio", "tracing"],
        _ => &[],
    }
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file relative to `src/`: `contract/event/mod.rs` → `[contract, event]`.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> =
        relative.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code without comments (line and block), so that doc links do not count.
fn code(text: &str) -> String {
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

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every module path the code names through `crate`, `super` or `self`, resolved from
/// `module`. A path through a `{..}` group yields one path per first item of the group.
fn named_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != ':';
        let word: String = bytes[i..].iter().take_while(|c| is_ident(**c)).collect();
        if !starts_word || !matches!(word.as_str(), "crate" | "super" | "self") {
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

/// The violations of one file, given its module path and its code.
fn violations(module: &[String], code: &str) -> Vec<String> {
    let Some(layer) = module.first().and_then(|m| LAYERS.iter().position(|l| l == m)) else {
        return Vec::new(); // lib.rs: the facade that re-exports every layer
    };
    if layer == LAYERS.len() - 1 {
        return Vec::new(); // the top layer may use everything below
    }
    let mut out = Vec::new();
    for path in named_paths(code, module) {
        let Some(first) = path.first() else { continue };
        match LAYERS.iter().position(|l| l == first) {
            Some(target) if target > layer => out.push(format!(
                "{} names `{}`, a module of the higher layer `{}`",
                LAYERS[layer],
                path.join("::"),
                LAYERS[target]
            )),
            Some(_) => {}
            None => out.push(format!(
                "{} names `crate::{}` through the crate root, whose re-exports reach every layer; \
                 name the module of its own or a lower layer",
                LAYERS[layer],
                path.join("::")
            )),
        }
    }
    for krate in forbidden_crates(layer) {
        let uses = code.match_indices(krate).any(|(i, _)| {
            let before = code[..i].chars().next_back();
            let after = code[i + krate.len()..].chars().next();
            !before.is_some_and(is_ident) && after == Some(':')
        });
        if uses {
            out.push(format!(
                "{} uses the crate `{krate}`, which belongs to a higher layer",
                LAYERS[layer]
            ));
        }
    }
    out
}

#[test]
fn layers_only_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        let module = module_of(relative);
        let text = std::fs::read_to_string(file).expect("read source");
        for v in violations(&module, &code(&text)) {
            problems.push(format!("{}: {v}", relative.display()));
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} files found under {}", src.display());
    assert!(
        problems.is_empty(),
        "{} layering violations:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn module(path: &str) -> Vec<String> {
    module_of(Path::new(path))
}

#[test]
fn a_model_file_importing_the_router_is_caught() {
    let found = violations(
        &module("contract/event/mod.rs"),
        &code("use crate::dispatch::router::Router;\nfn f() {}"),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("dispatch::router::Router"), "{found:?}");
}

#[test]
fn relative_paths_and_groups_are_resolved() {
    let m = module("contract/action/play.rs");
    assert!(violations(&m, &code("use super::{Target, millis};")).is_empty());
    assert!(violations(&m, &code("use crate::contract::call::Leg;")).is_empty());
    let up = violations(&m, &code("use super::super::super::runtime::App;"));
    assert!(up.iter().any(|v| v.contains("runtime::App")), "{up:?}");
    let group = violations(&m, &code("use crate::{contract::wire, testing::Simulator};"));
    assert!(group.iter().any(|v| v.contains("testing")), "{group:?}");
    let root = violations(&m, &code("fn f(c: crate::Call) {}"));
    assert!(root.iter().any(|v| v.contains("crate root")), "{root:?}");
}

#[test]
fn comments_do_not_count_but_crates_do() {
    let m = module("dispatch/router.rs");
    assert!(violations(&m, &code("/// See [`App`](crate::runtime::App).\nfn f() {}")).is_empty());
    let uses = violations(&m, &code("fn f() { tokio::spawn(async {}); }"));
    assert!(uses.iter().any(|v| v.contains("`tokio`")), "{uses:?}");
    let runtime = module("runtime/app.rs");
    assert!(
        violations(
            &runtime,
            &code("use crate::dispatch::router::Router; fn f() { tokio::spawn(async {}); }")
        )
        .is_empty()
    );
    let up = violations(&runtime, &code("use crate::testing::Simulator;"));
    assert_eq!(up.len(), 1, "{up:?}");
}

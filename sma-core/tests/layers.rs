//! The layers of `sma-core` only point down: the contract's model (`src/contract/`) knows
//! nothing of the rules, dispatch, the runtime or the simulator; the rules (`src/rules/`) nothing
//! of dispatch, the runtime or the simulator; dispatch (`src/dispatch/`) nothing of the runtime
//! or the simulator; the runtime (`src/runtime/`) nothing of the simulator (`src/testing/`).
//!
//! Every `crate::…`, `super::…` and `self::…` path in a layer's code (comments left out) is
//! resolved to the module it names; a path into a higher layer, or through the crate root's
//! re-exports (which reach every layer), fails the test. So do the crates a lower layer must not
//! use: `lambda_runtime`, `tokio` and `tracing` below the runtime.

mod support;

use std::path::Path;
use support::source::{code, is_ident, module_of, named_paths, sources};

/// The layers, lowest first.
const LAYERS: &[&str] = &["contract", "rules", "dispatch", "runtime", "testing"];

/// Layers inside a layer, lowest first: the runtime's app (what answers one invocation) knows
/// nothing of its host (the Lambda loop, the watchdog, local mode).
const INNER: &[(&str, &[&str])] = &[("runtime", &["app", "host"])];

/// The violation, if any, of `module` naming `path` inside one layer.
fn inner_violation(module: &[String], path: &[String]) -> Option<String> {
    let (outer, inner) =
        INNER.iter().find(|(outer, _)| module.first().is_some_and(|m| m == outer))?;
    let rank = |p: &[String]| {
        (p.first().is_some_and(|f| f == outer))
            .then(|| p.get(1).and_then(|m| inner.iter().position(|i| i == m)))
            .flatten()
    };
    let (from, to) = (rank(module)?, rank(path)?);
    (to > from).then(|| {
        format!(
            "{outer}/{} names `{}`, a module of `{outer}/{}`, which is above it",
            inner[from],
            path.join("::"),
            inner[to]
        )
    })
}

/// Crates each layer must not name.
fn forbidden_crates(layer: usize) -> &'static [&'static str] {
    match LAYERS[layer] {
        "contract" | "rules" | "dispatch" => &["lambda_runtime", "tokio", "tracing"],
        _ => &[],
    }
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
    for path in named_paths(code, module, &[]) {
        out.extend(inner_violation(module, &path));
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
fn a_model_file_importing_a_rule_is_caught() {
    let m = module("contract/response/envelope.rs");
    let found = violations(&m, &code("use crate::rules::rule::{Rule, Violation};"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("higher layer `rules`"), "{found:?}");
    let up = violations(&m, &code("use super::super::super::rules::limits::Limits;"));
    assert_eq!(up.len(), 1, "{up:?}");
    // The rules read the model.
    let rules = module("rules/envelope.rs");
    assert!(violations(&rules, &code("use crate::contract::response::Envelope;")).is_empty());
}

#[test]
fn the_app_importing_its_host_is_caught() {
    let app = module("runtime/app/answer.rs");
    let found = violations(&app, &code("use crate::runtime::host::lambda::serve;"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("runtime/app names `runtime::host::lambda::serve`"), "{found:?}");
    let relative = violations(&app, &code("use super::super::host::watchdog::Watchdog;"));
    assert_eq!(relative.len(), 1, "{relative:?}");
    // The host reaches the app; the runtime's own module names both.
    let host = module("runtime/host/lambda.rs");
    assert!(violations(&host, &code("use crate::runtime::app::App;")).is_empty());
    let runtime = module("runtime/mod.rs");
    assert!(violations(&runtime, &code("use crate::runtime::host::lambda;")).is_empty());
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

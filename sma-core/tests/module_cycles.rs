//! No import cycle between the modules of `sma-core`.
//!
//! Every path a file names (`crate::…`, `super::…`, `self::…`, or a module it declares) is
//! resolved to the module it reaches; an import between a module and its own ancestor or
//! descendant is containment, not a dependency; any other is lifted to the two sibling
//! subtrees it connects (`contract/call/leg.rs` naming `contract::event` is an edge
//! `contract/call` → `contract/event`). A strongly connected set of subtrees is a cycle.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use support::source::{code, declared_children, module_of, named_paths, sources};

type Module = Vec<String>;
type Graph = BTreeMap<Module, BTreeSet<Module>>;

/// The subtree graph of `files` (module path, source text).
fn graph(files: &[(Module, String)]) -> Graph {
    let modules: BTreeSet<&Module> = files.iter().map(|(m, _)| m).collect();
    let mut edges = Graph::new();
    for (module, text) in files {
        let code = code(text);
        let children = declared_children(&code);
        for path in named_paths(&code, module, &children) {
            let Some(target) =
                (0..=path.len()).rev().map(|k| path[..k].to_vec()).find(|p| modules.contains(p))
            else {
                continue;
            };
            let related = target.starts_with(module) || module.starts_with(&target);
            if target.is_empty() || related {
                continue;
            }
            let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            let from = module[..=common.min(module.len() - 1)].to_vec();
            let to = target[..=common.min(target.len() - 1)].to_vec();
            edges.entry(from).or_default().insert(to);
        }
    }
    edges
}

/// The strongly connected sets of more than one subtree (Tarjan).
fn cycles(graph: &Graph) -> Vec<BTreeSet<Module>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        found: Vec<BTreeSet<Module>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a Module) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            for w in self.graph.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut set = BTreeSet::new();
                while let Some(w) = self.stack.pop() {
                    set.insert(w.clone());
                    if w == v {
                        break;
                    }
                }
                if set.len() > 1 {
                    self.found.push(set);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

fn module(path: &str) -> Module {
    path.split('/').map(str::to_owned).collect()
}

#[test]
fn no_import_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&src, &mut paths);
    let files: Vec<(Module, String)> = paths
        .iter()
        .map(|p| {
            let relative = p.strip_prefix(&src).expect("under src");
            (module_of(relative), std::fs::read_to_string(p).expect("read source"))
        })
        .filter(|(m, _)| m.first().is_none_or(|f| f != "lib"))
        .collect();
    assert!(files.len() > 30, "only {} files", files.len());
    let found: Vec<String> = cycles(&graph(&files))
        .iter()
        .map(|cycle| cycle.iter().map(|m| m.join("/")).collect::<Vec<_>>().join(" ↔ "))
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn a_cycle_is_found_and_containment_is_not_one() {
    let file = |m: &str, text: &str| (module(m), text.to_owned());
    let cyclic = [
        file("dispatch/router", "use super::private::Stub;"),
        file("dispatch/private", "pub use super::router::Route;"),
    ];
    let found = cycles(&graph(&cyclic));
    assert_eq!(found.len(), 1, "{found:?}");
    // A parent re-exporting its child, the child naming its parent: not a cycle.
    let contained = [
        file("contract/response", "mod envelope;\npub use envelope::Envelope;"),
        file("contract/response/envelope", "use super::SCHEMA_VERSION;"),
    ];
    assert!(cycles(&graph(&contained)).is_empty());
    // Through nested files, lifted to the sibling subtrees.
    let nested = [
        file("contract/response/envelope", "use crate::contract::validate::actions;"),
        file("contract/validate/legs", "use crate::contract::response::Rule;"),
        file("contract/response", ""),
        file("contract/validate", ""),
    ];
    let found = cycles(&graph(&nested));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains(&module("contract/response")));
}

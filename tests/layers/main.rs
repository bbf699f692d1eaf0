//! The house rules, checked on the source. No crate has an import circle:
//! in the core, no top-level module (with its children) uses one that uses
//! it back. In the web app: a feature never
//! imports another, `ui/` never imports a feature or the shell, the lower
//! layers (`persist/`, `state`, `route`, `i18n/`, `forms`, `clock`) never
//! import the upper ones, only `persist/` names browser storage, and no
//! module imports one that imports it back (no circles, however long).
//!
//! A module's imports are the `crate::…` paths in its text outside
//! comments and its `#[cfg(test)] mod tests` (tests may reach further).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every module of the web crate (`features::case::page`) with the
/// modules its code names.
fn modules() -> BTreeMap<String, BTreeSet<String>> {
    modules_of("web")
}

/// Every module of a crate (by its folder) with the modules its code names.
fn modules_of(krate: &str) -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(krate).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut texts = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&root).expect("under src").with_extension("");
        let name = rel.to_string_lossy().replace(['/', '\\'], "::");
        if name == "lib" || name == "main" {
            continue;
        }
        let name = name.trim_end_matches("::tests").to_owned();
        let text = std::fs::read_to_string(&file).expect("readable source");
        texts.entry(name).or_insert_with(String::new).push_str(&code_of(&text));
    }
    let known: BTreeSet<String> = texts.keys().cloned().collect();
    texts
        .iter()
        .map(|(name, text)| {
            let used =
                paths(text).filter_map(|p| resolve(&known, &p)).filter(|m| m != name).collect();
            (name.clone(), used)
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without line comments and without the test module.
fn code_of(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let code: Vec<&str> =
        before_tests.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
    code.join("\n")
}

/// Every `crate::a::b::…` path (also the first name of a `crate::a::{…}`).
fn paths(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    text.match_indices("crate::").map(move |(i, _)| {
        let rest = &text[i + "crate::".len()..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'));
        let path = &rest[..end.unwrap_or(rest.len())];
        path.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect()
    })
}

/// The longest known module a path starts with.
fn resolve(known: &BTreeSet<String>, path: &[String]) -> Option<String> {
    (1..=path.len()).rev().map(|n| path[..n].join("::")).find(|m| known.contains(m))
}

/// The folder-level group of a module: `features::case`, `ui`, `persist`…
fn group(module: &str) -> String {
    let parts: Vec<&str> = module.split("::").collect();
    match parts.as_slice() {
        ["features", name, ..] => format!("features::{name}"),
        [first, ..] => (*first).to_owned(),
        [] => String::new(),
    }
}

/// The layer of a group, bottom (0) to top: a group may use its own layer
/// and those below it, never one above.
fn layer(group: &str) -> u8 {
    match group {
        "clock" | "i18n" | "forms" => 0,
        "persist" => 1,
        "route" => 2,
        "state" => 3,
        "context" | "access" => 4,
        "ui" => 5,
        "shell" => 6,
        g if g.starts_with("features") => 6,
        "features" | "app" => 7,
        other => panic!("{other}: a top-level module the house plan does not place"),
    }
}

#[test]
fn every_module_uses_only_its_layer_and_those_below() {
    let mut wrong = Vec::new();
    for (module, used) in modules() {
        let from = group(&module);
        for target in used {
            let to = group(&target);
            if from == to {
                continue;
            }
            let sideways_feature = from.starts_with("features::") && to.starts_with("features::");
            let shell_feature = (from == "shell") != (to == "shell")
                && (from.starts_with("features::") || to.starts_with("features::"));
            if layer(&to) > layer(&from) || sideways_feature || shell_feature {
                wrong.push(format!("{module} uses {target}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the house plan:\n{}", wrong.join("\n"));
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = modules();
    let cycles = strongly_connected(&graph);
    assert!(cycles.is_empty(), "import circles: {cycles:?}");
}

#[test]
fn no_core_module_imports_one_that_imports_it_back() {
    // Top-level modules with their children as one: `work::change` using
    // `remap` and `remap` using `work` would be a circle.
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let first = |m: &str| m.split("::").next().unwrap_or(m).to_owned();
    for (module, used) in modules_of("core") {
        let from = first(&module);
        let to = used.iter().map(|u| first(u)).filter(|u| *u != from);
        top.entry(from.clone()).or_default().extend(to);
    }
    assert!(top["office"].contains("lifecycle"), "the check sees imports: {:?}", top["office"]);
    let cycles = strongly_connected(&top);
    assert!(cycles.is_empty(), "import circles in the core: {cycles:?}");
}

#[test]
fn no_sample_module_imports_one_that_imports_it_back() {
    let cycles = strongly_connected(&modules_of("sample"));
    assert!(cycles.is_empty(), "import circles in the sample crate: {cycles:?}");
}

#[test]
fn only_persist_names_browser_storage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let stray: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(root.join("persist")))
        .filter(|f| {
            let text = code_of(&std::fs::read_to_string(f).expect("readable"));
            ["local_storage", "gloo_storage", "LocalStorage"].iter().any(|n| text.contains(n))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(stray.is_empty(), "browser storage outside persist/: {stray:?}");
}

#[test]
fn the_checks_see_imports() {
    // A check that found no imports at all would pass whatever the code.
    let graph = modules();
    assert!(graph["app"].contains("state"), "{:?}", graph["app"]);
    assert!(graph["features::case::page"].iter().any(|m| m.starts_with("ui::")));
    let cyclic = BTreeMap::from([
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]);
    assert_eq!(strongly_connected(&cyclic), vec![vec!["a", "b", "c"]]);
}

/// Tarjan's strongly connected components with more than one module.
fn strongly_connected(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                if !self.index.contains_key(w.as_str()) {
                    self.visit(w);
                    let lw = self.low[w.as_str()];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w.as_str()) {
                    let iw = self.index[w.as_str()];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.out
}

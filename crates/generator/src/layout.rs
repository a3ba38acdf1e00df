//! Where each method goes: `im.user.status.set` lives in module `im::user::status`,
//! REST 3.0 twins under `rest_v3::`. Each top-level module is a Cargo feature of the same
//! name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use b24_spec::{ApiVersion, MethodSpec};

use crate::naming::snake_name;

/// A module of the generated crate.
#[derive(Debug, Default)]
pub struct Module<'a> {
    /// Module names from the crate root; empty for the root.
    pub path: Vec<String>,
    /// In method-name order, so that names handed out with suffixes are stable.
    pub methods: Vec<Placed<'a>>,
    pub children: BTreeSet<String>,
}

/// A method and the name of its request type, unique in its module.
#[derive(Debug)]
pub struct Placed<'a> {
    pub spec: &'a MethodSpec,
    pub type_name: String,
}

impl Module<'_> {
    /// `src/lib.rs`, `src/im/mod.rs` (has children) or `src/im/user/status.rs` (leaf).
    pub fn file_path(&self) -> PathBuf {
        let mut path = PathBuf::from("src");
        let Some((last, parents)) = self.path.split_last() else {
            path.push("lib.rs");
            return path;
        };
        path.extend(parents);
        if self.children.is_empty() {
            path.push(format!("{last}.rs"));
        } else {
            path.push(last);
            path.push("mod.rs");
        }
        path
    }
}

/// The module at `path`, made with its parents (each listing its child) when new.
fn module_at<'m, 'a>(
    modules: &'m mut BTreeMap<Vec<String>, Module<'a>>,
    path: Vec<String>,
) -> &'m mut Module<'a> {
    for depth in 0..path.len() {
        let parent = path[..depth].to_vec();
        modules
            .entry(parent.clone())
            .or_insert_with(|| Module {
                path: parent,
                ..Module::default()
            })
            .children
            .insert(path[depth].clone());
    }
    modules.entry(path.clone()).or_insert_with(|| Module {
        path,
        ..Module::default()
    })
}

/// All modules, keyed by path.
#[derive(Debug)]
pub struct ModuleTree<'a> {
    modules: BTreeMap<Vec<String>, Module<'a>>,
}

impl<'a> ModuleTree<'a> {
    #[cfg(test)]
    pub fn build(specs: &'a [MethodSpec]) -> Self {
        Self::with_modules(specs, &[])
    }

    /// The tree of `specs`' modules and of the `extra` module paths (where entity types
    /// live, with or without methods).
    pub fn with_modules(specs: &'a [MethodSpec], extra: &[Vec<String>]) -> Self {
        let mut sorted: Vec<&MethodSpec> = specs.iter().collect();
        sorted.sort_by(|a, b| {
            (&a.method, a.api_version as u8).cmp(&(&b.method, b.api_version as u8))
        });
        let mut modules: BTreeMap<Vec<String>, Module<'a>> = BTreeMap::new();
        modules.insert(Vec::new(), Module::default());
        for spec in sorted {
            let placed = Placed {
                spec,
                type_name: String::new(),
            };
            module_at(&mut modules, module_path(spec))
                .methods
                .push(placed);
        }
        for path in extra {
            module_at(&mut modules, path.clone());
        }
        for module in modules.values_mut() {
            name_request_types(&mut module.methods);
        }
        Self { modules }
    }

    pub fn modules(&self) -> impl Iterator<Item = &Module<'a>> {
        self.modules.values()
    }

    /// The top-level modules (one per scope-like first segment).
    pub fn roots(&self) -> impl Iterator<Item = &String> {
        self.modules
            .get(&Vec::new())
            .into_iter()
            .flat_map(|root| root.children.iter())
    }
}

/// Request type names, decided by the model (`model::request_type_names`).
fn name_request_types(methods: &mut [Placed<'_>]) {
    let names = crate::model::request_type_names(methods.iter().map(|p| p.spec.method.as_str()));
    for (placed, name) in methods.iter_mut().zip(names) {
        placed.type_name = name;
    }
}

/// The module path of a method: its dotted segments but the last, as snake_case.
pub fn module_path(spec: &MethodSpec) -> Vec<String> {
    let segments: Vec<&str> = spec.method.split('.').collect();
    let parents = &segments[..segments.len().saturating_sub(1)];
    module_path_of(
        parents.iter().copied(),
        spec.api_version == ApiVersion::RestV3,
    )
}

/// The module path of dotted segments (`crm`, `lead`), under `rest_v3` for REST 3.0.
fn module_path_of<'a>(segments: impl IntoIterator<Item = &'a str>, rest_v3: bool) -> Vec<String> {
    let mut path: Vec<String> = rest_v3.then(|| "rest_v3".to_owned()).into_iter().collect();
    path.extend(
        segments
            .into_iter()
            .filter_map(snake_name)
            // `mod main` / `mod lib` trip rustc's `special_module_name` lint (`main.eventlog.*`).
            .map(|name| match name.as_str() {
                "main" | "lib" => format!("{name}_"),
                _ => name,
            }),
    );
    if let Some(root) = path.first_mut()
        && RESERVED_ROOTS.contains(&root.as_str())
    {
        root.push('_');
    }
    path
}

/// The module an entity lives in, from its dotted module (`crm.lead`). A REST 3.0 entity
/// (the importer names it with a `v3` segment: `tasks.task.v3`, `tasks.task.v3.user`) is
/// another object on the wire than its classic namesake, so it lives with the REST 3.0
/// methods (`rest_v3::tasks::task`), not in a scope's module: `rest_v3` then builds
/// without any scope feature.
pub fn entity_module_path(dotted: &str) -> Vec<String> {
    let rest_v3 = dotted.split('.').any(|segment| segment == "v3");
    module_path_of(
        dotted.split('.').filter(|segment| *segment != "v3"),
        rest_v3,
    )
}

/// Top-level names the crate uses itself: a root module's name is also its Cargo feature,
/// so it cannot be `full` or `default`; `registry` is the generated method registry,
/// `values` the shared value sets and `events` the event payloads.
pub const RESERVED_ROOTS: &[&str] = &["full", "default", "registry", "values", "events"];

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(method: &str, api_version: ApiVersion) -> MethodSpec {
        MethodSpec {
            method: method.to_owned(),
            api_version,
            ..MethodSpec::default()
        }
    }

    fn placed<'a>(tree: &'a ModuleTree<'_>, path: &[&str]) -> Vec<(&'a str, &'a str)> {
        tree.modules()
            .find(|module| module.path == path)
            .map(|module| {
                module
                    .methods
                    .iter()
                    .map(|p| (p.spec.method.as_str(), p.type_name.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn rest_v3_twins_live_in_their_own_module_with_the_same_type_name() {
        let specs = [
            spec("tasks.task.get", ApiVersion::RestV3),
            spec("tasks.task.get", ApiVersion::Classic),
        ];
        let tree = ModuleTree::build(&specs);
        assert_eq!(
            placed(&tree, &["tasks", "task"]),
            [("tasks.task.get", "TasksTaskGet")]
        );
        assert_eq!(
            placed(&tree, &["rest_v3", "tasks", "task"]),
            [("tasks.task.get", "TasksTaskGet")]
        );
        let roots: Vec<&String> = tree.roots().collect();
        assert_eq!(roots, ["rest_v3", "tasks"]);
    }

    #[test]
    fn rest_v3_entities_live_under_rest_v3_without_their_v3_segment() {
        assert_eq!(entity_module_path("crm.lead"), ["crm", "lead"]);
        assert_eq!(entity_module_path("main.eventlog"), ["main_", "eventlog"]);
        assert_eq!(
            entity_module_path("tasks.task.v3"),
            ["rest_v3", "tasks", "task"]
        );
        assert_eq!(
            entity_module_path("main.eventlog.v3"),
            ["rest_v3", "main_", "eventlog"]
        );
    }

    #[test]
    fn two_methods_with_one_name_get_distinct_types_in_method_order() {
        let specs = [
            spec("crm.foo_bar.list", ApiVersion::Classic),
            spec("crm.fooBar.list", ApiVersion::Classic),
        ];
        let tree = ModuleTree::build(&specs);
        assert_eq!(
            placed(&tree, &["crm", "foo_bar"]),
            [
                ("crm.fooBar.list", "CrmFooBarList"),
                ("crm.foo_bar.list", "CrmFooBarList2"),
            ]
        );
    }

    #[test]
    fn reserved_top_level_names_get_an_underscore() {
        let specs = [
            spec("main.eventlog.list", ApiVersion::Classic),
            spec("full.get", ApiVersion::Classic),
            spec("registry.get", ApiVersion::Classic),
            spec("crm.default.get", ApiVersion::Classic),
        ];
        let paths: Vec<Vec<String>> = specs.iter().map(module_path).collect();
        assert_eq!(
            paths,
            [
                vec!["main_", "eventlog"],
                vec!["full_"],
                vec!["registry_"],
                vec!["crm", "default"],
            ]
        );
    }
}

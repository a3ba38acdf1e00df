//! Where each method goes: `im.user.status.set` lives in module `im::user::status`,
//! REST 3.0 twins under `rest_v3::`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use b24_spec::{ApiVersion, MethodSpec};

use crate::naming::snake_name;

/// A module of the generated crate.
#[derive(Debug, Default)]
pub struct Module<'a> {
    /// Module names from the crate root; empty for the root.
    pub path: Vec<String>,
    pub methods: Vec<&'a MethodSpec>,
    pub children: BTreeSet<String>,
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

/// All modules, keyed by path.
#[derive(Debug)]
pub struct ModuleTree<'a> {
    modules: BTreeMap<Vec<String>, Module<'a>>,
}

impl<'a> ModuleTree<'a> {
    pub fn build(specs: &'a [MethodSpec]) -> Self {
        let mut sorted: Vec<&MethodSpec> = specs.iter().collect();
        sorted.sort_by(|a, b| {
            (&a.method, a.api_version as u8).cmp(&(&b.method, b.api_version as u8))
        });
        let mut modules: BTreeMap<Vec<String>, Module<'a>> = BTreeMap::new();
        modules.insert(Vec::new(), Module::default());
        for spec in sorted {
            let path = module_path(spec);
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
            modules
                .entry(path.clone())
                .or_insert_with(|| Module {
                    path,
                    ..Module::default()
                })
                .methods
                .push(spec);
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

/// The module path of a method: its dotted segments but the last, as snake_case.
pub fn module_path(spec: &MethodSpec) -> Vec<String> {
    let mut path = Vec::new();
    if spec.api_version == ApiVersion::RestV3 {
        path.push("rest_v3".to_owned());
    }
    let segments: Vec<&str> = spec.method.split('.').collect();
    let parents = &segments[..segments.len().saturating_sub(1)];
    path.extend(
        parents
            .iter()
            .filter_map(|segment| snake_name(segment))
            // `mod main` / `mod lib` trip rustc's `special_module_name` lint (`main.eventlog.*`).
            .map(|name| match name.as_str() {
                "main" | "lib" => format!("{name}_"),
                _ => name,
            }),
    );
    path
}

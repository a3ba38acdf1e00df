//! What changed between two surfaces, and the markdown that says it.
//!
//! Types are matched by path. A path that is gone was **renamed** when another type now
//! plays its part: of the types of the new crate that share a role with it (the output of
//! the same method, the same parameter or list item, the same entity, the same field of
//! one), the one sharing the most roles; ties go to a type that is new, then to the first
//! path. The rename is to a *new* path, or into a type that already existed (several
//! result types merged into one entity type). A gone path no new type shares a role with
//! was removed; a new path no old type was renamed to was added.
//!
//! Roles change with the type when the shape around it changes (a field `FILES.upload{id}`
//! that became a map `FILES` keyed by id): a gone type that shares no role is still
//! renamed when exactly one type of the same module has its shape (the same field wire
//! names, or variant names; at least two) and is new, or had another shape before.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::roles::describe;
use super::surface::Surface;

/// A type under a new path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    pub old: String,
    pub new: String,
    /// The new path existed before (two result types merged into one entity type, or a
    /// name that now means another type).
    pub into_existing: bool,
    /// A role the two share, the shortest: why they are the same type; empty when they
    /// were matched by their shape.
    pub role: String,
}

/// A method whose `Output` type is written differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputChange {
    pub method: String,
    pub old: String,
    pub new: String,
}

/// The Rust API changes from one generated crate to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiChanges {
    pub old_types: usize,
    pub new_types: usize,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub renamed: Vec<Rename>,
    pub outputs: Vec<OutputChange>,
}

/// Compares two surfaces (see the module docs for the matching rule).
pub fn compare(old: &Surface, new: &Surface) -> ApiChanges {
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (path, roles) in &new.roles {
        for role in roles {
            holders
                .entry(role.as_str())
                .or_default()
                .push(path.as_str());
        }
    }
    let gone: Vec<&String> = old
        .types
        .keys()
        .filter(|path| !new.types.contains_key(*path))
        .collect();
    let mut renamed = Vec::new();
    let mut removed = Vec::new();
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    for path in gone {
        let roles = old.roles.get(path.as_str());
        let mut shared: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for role in roles.into_iter().flatten() {
            for holder in holders.get(role.as_str()).into_iter().flatten() {
                shared.entry(holder).or_default().push(role.as_str());
            }
        }
        // Most shared roles first; then a type that is new; then path order (the map's).
        let best = shared.iter().max_by(|(a_path, a), (b_path, b)| {
            a.len()
                .cmp(&b.len())
                .then_with(|| {
                    let a_new = !old.types.contains_key(**a_path);
                    let b_new = !old.types.contains_key(**b_path);
                    a_new.cmp(&b_new)
                })
                .then_with(|| b_path.cmp(a_path))
        });
        let target = match best {
            Some((target, roles)) => {
                let role = roles
                    .iter()
                    .min_by_key(|role| (role.len(), **role))
                    .map(|role| (*role).to_owned())
                    .unwrap_or_default();
                Some((*target, role))
            }
            None => same_shape(old, new, path).map(|target| (target, String::new())),
        };
        match target {
            Some((target, role)) => {
                taken.insert(target);
                renamed.push(Rename {
                    old: path.clone(),
                    new: target.to_owned(),
                    into_existing: old.types.contains_key(target),
                    role,
                });
            }
            None => removed.push(path.clone()),
        }
    }
    let added = new
        .types
        .keys()
        .filter(|path| !old.types.contains_key(*path) && !taken.contains(path.as_str()))
        .cloned()
        .collect();
    let outputs = new
        .methods
        .iter()
        .filter_map(|(key, method)| {
            let before = old.methods.get(key)?;
            (before.output != method.output).then(|| OutputChange {
                method: method.name.clone(),
                old: before.output.clone(),
                new: method.output.clone(),
            })
        })
        .collect();
    ApiChanges {
        old_types: old.types.len(),
        new_types: new.types.len(),
        added,
        removed,
        renamed,
        outputs,
    }
}

/// The one type of `path`'s module in `new` with `path`'s old shape that is new or had
/// another shape before.
fn same_shape<'a>(old: &Surface, new: &'a Surface, path: &str) -> Option<&'a str> {
    let shape = old.shapes.get(path).filter(|shape| shape.len() >= 2)?;
    let module = path.rsplit_once("::").map_or("", |(module, _)| module);
    let mut found = new.shapes.iter().filter(|(candidate, candidate_shape)| {
        let candidate_module = candidate.rsplit_once("::").map_or("", |(module, _)| module);
        candidate_module == module
            && *candidate_shape == shape
            && old.shapes.get(*candidate) != Some(shape)
    });
    let (first, _) = found.next()?;
    found.next().is_none().then_some(first.as_str())
}

impl ApiChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.outputs.is_empty()
    }

    /// The changes as markdown, under a heading of `level` (`2` for `##`); its subsections
    /// one level deeper.
    pub fn markdown(&self, level: usize) -> String {
        let heading = "#".repeat(level);
        let sub = "#".repeat(level + 1);
        let mut out = String::new();
        let _ = writeln!(out, "{heading} Rust API (`b24-api`)\n");
        let _ = writeln!(
            out,
            "{} public types before and {} after: {} renamed, {} added, {} removed; {} \
             methods' `Output` changed. Paths are relative to `b24_api`.\n",
            self.old_types,
            self.new_types,
            self.renamed.len(),
            self.added.len(),
            self.removed.len(),
            self.outputs.len(),
        );
        if self.is_empty() {
            let _ = writeln!(out, "No public type was renamed, added or removed.\n");
        }
        if !self.renamed.is_empty() {
            let _ = writeln!(out, "{sub} Types renamed ({})\n", self.renamed.len());
            for rename in &self.renamed {
                let existing = if rename.into_existing {
                    " (a name that existed before)"
                } else {
                    ""
                };
                let why = if rename.role.is_empty() {
                    "the same fields".to_owned()
                } else {
                    describe(&rename.role)
                };
                let _ = writeln!(
                    out,
                    "- `{}` → `{}`{existing}: {why}",
                    rename.old, rename.new
                );
            }
            out.push('\n');
        }
        if !self.outputs.is_empty() {
            let _ = writeln!(out, "{sub} `Output` changed ({})\n", self.outputs.len());
            for change in &self.outputs {
                let _ = writeln!(
                    out,
                    "- `{}`: `{}` → `{}`",
                    change.method, change.old, change.new
                );
            }
            out.push('\n');
        }
        by_module(&mut out, &format!("{sub} Types added"), &self.added);
        by_module(&mut out, &format!("{sub} Types removed"), &self.removed);
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}

/// One line per module: `` - `crm::lead`: `Lead`, `LeadFields` ``.
fn by_module(out: &mut String, title: &str, paths: &[String]) {
    if paths.is_empty() {
        return;
    }
    let mut modules: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for path in paths {
        let (module, name) = path.rsplit_once("::").unwrap_or(("", path.as_str()));
        modules.entry(module).or_default().push(name);
    }
    let _ = writeln!(out, "{title} ({})\n", paths.len());
    for (module, names) in modules {
        let module = if module.is_empty() {
            "(crate root)".to_owned()
        } else {
            format!("`{module}`")
        };
        let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        let _ = writeln!(out, "- {module}: {}", names.join(", "));
    }
    out.push('\n');
}

//! Modules to files. A module is one file, unless that file would be longer than
//! [`MAX_LINES`]: then each of its methods goes in a private file of its own (re-exported,
//! so the public paths stay the same) and the module file only declares them.

use std::path::PathBuf;

use crate::layout::{Module, ModuleTree};
use crate::naming::{NameSet, snake_name};
use crate::{GenerateError, GeneratedFile, emit, render};

/// The longest module file kept whole; long files are slow to read and review.
pub const MAX_LINES: usize = 2000;

/// The files of one module.
pub fn module_files(
    module: &Module<'_>,
    tree: &ModuleTree<'_>,
) -> Result<Vec<GeneratedFile>, GenerateError> {
    let whole = render::rust_file(module.file_path(), emit::module(module, tree))?;
    if module.path.is_empty()
        || module.methods.len() < 2
        || whole.contents.lines().count() <= MAX_LINES
    {
        return Ok(vec![whole]);
    }
    let names = method_file_names(module);
    let mut files = vec![render::rust_file(
        module.file_path(),
        emit::split_module(module, &names),
    )?];
    for (placed, name) in module.methods.iter().zip(&names) {
        let path = method_file_dir(module).join(format!("{name}.rs"));
        files.push(render::rust_file(path, emit::method_file(module, placed))?);
    }
    Ok(files)
}

/// `src/landing/landing/`: where the children of a module live, whether its own file is
/// `landing.rs` or `landing/mod.rs`.
fn method_file_dir(module: &Module<'_>) -> PathBuf {
    let mut dir = PathBuf::from("src");
    dir.extend(&module.path);
    dir
}

/// A private module name per method: the last segment of its name (`add`), never one of
/// the module's public children, distinct after case conversion.
fn method_file_names(module: &Module<'_>) -> Vec<String> {
    // `mod main;` / `mod lib;` trip rustc's `special_module_name` lint.
    let mut reserved: Vec<&str> = vec!["main", "lib"];
    reserved.extend(module.children.iter().map(String::as_str));
    let mut names = NameSet::with_reserved(&reserved);
    module
        .methods
        .iter()
        .map(|placed| {
            let last = placed.spec.method.rsplit('.').next().unwrap_or_default();
            let base = snake_name(last).unwrap_or_else(|| "method".to_owned());
            names.claim(base)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use b24_spec::MethodSpec;

    use super::*;

    fn specs(methods: &[&str]) -> Vec<MethodSpec> {
        methods
            .iter()
            .map(|method| MethodSpec {
                method: (*method).to_owned(),
                source: format!("api-reference/{method}.md"),
                ..MethodSpec::default()
            })
            .collect()
    }

    #[test]
    fn method_files_avoid_public_children_and_each_other() {
        let specs = specs(&["a.b.add", "a.b.Add", "a.b.item", "a.b.item.get", "a.b.main"]);
        let tree = ModuleTree::build(&specs);
        let module = tree
            .modules()
            .find(|m| m.path == ["a", "b"])
            .expect("module a::b");
        assert_eq!(method_file_names(module), ["add", "add2", "item2", "main2"]);
        assert_eq!(method_file_dir(module), PathBuf::from("src/a/b"));
    }

    #[test]
    fn long_modules_are_split_per_method_with_the_same_public_items() {
        // Enough methods with enough text to pass the line limit.
        let names: Vec<String> = (0..40).map(|i| format!("x.y.m{i}")).collect();
        let mut specs = specs(&names.iter().map(String::as_str).collect::<Vec<_>>());
        for spec in &mut specs {
            spec.description = "line\n\n".repeat(30);
        }
        let tree = ModuleTree::build(&specs);
        let module = tree
            .modules()
            .find(|m| m.path == ["x", "y"])
            .expect("module x::y");
        let files = module_files(module, &tree).unwrap();
        assert_eq!(files.len(), 41);
        assert_eq!(files[0].path, PathBuf::from("src/x/y.rs"));
        assert!(files[0].contents.contains("mod m0;\npub use m0::*;"));
        assert_eq!(files[1].path, PathBuf::from("src/x/y/m0.rs"));
        assert!(files[1].contents.contains("pub struct XYM0 "));
        assert!(
            files
                .iter()
                .all(|f| f.contents.lines().count() <= MAX_LINES)
        );
    }
}

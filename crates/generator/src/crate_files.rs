//! The generated crate's manifest: dependencies and one feature per top-level module.

use std::path::PathBuf;

use crate::GeneratedFile;
use crate::layout::ModuleTree;
use crate::render::header;

/// The feature a build gets without asking: the seed scope, small enough to compile fast.
pub const DEFAULT_FEATURE: &str = "im";

/// The feature that enables every module (and the method registry).
pub const FULL_FEATURE: &str = "full";

pub fn cargo_toml(tree: &ModuleTree<'_>) -> GeneratedFile {
    let roots: Vec<&String> = tree.roots().collect();
    let default = if roots.iter().any(|root| *root == DEFAULT_FEATURE) {
        format!("\"{DEFAULT_FEATURE}\"")
    } else {
        String::new()
    };
    let full = roots
        .iter()
        .map(|root| format!("    \"{root}\",\n"))
        .collect::<String>();
    let scopes = roots
        .iter()
        .map(|root| format!("{root} = []\n"))
        .collect::<String>();
    let mut contents = header("#");
    contents.push_str(&format!(
        r#"
[package]
name = "b24-api"
version = "0.1.0"
description = "Typed Bitrix24 REST API bindings, generated from the official documentation."
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

# The rustdoc quotes the documentation's descriptions, whose untagged code fences hold JSON
# and PHP samples, not Rust: they are not doctests.
[lib]
doctest = false

[dependencies]
b24-runtime.workspace = true
serde.workspace = true
serde_json.workspace = true

# One feature per top-level module (named like the module), so a program compiles only
# the scopes it calls. `{FULL_FEATURE}` enables them all and the method registry.
[features]
default = [{default}]
{FULL_FEATURE} = [
{full}]
{scopes}
[package.metadata.docs.rs]
all-features = true
rustdoc-args = ["--cfg", "docsrs"]
"#
    ));
    GeneratedFile {
        path: PathBuf::from("Cargo.toml"),
        contents,
    }
}

//! The generated crate's manifest.

use std::path::PathBuf;

use crate::GeneratedFile;
use crate::layout::ModuleTree;
use crate::render::header;

pub fn cargo_toml(_tree: &ModuleTree<'_>) -> GeneratedFile {
    let mut contents = header("#");
    contents.push_str(
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

[package.metadata.docs.rs]
all-features = true
"#,
    );
    GeneratedFile {
        path: PathBuf::from("Cargo.toml"),
        contents,
    }
}

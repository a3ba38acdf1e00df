//! The generated crate's manifest: dependencies and one feature per top-level module.

use std::path::{Path, PathBuf};

use crate::GeneratedFile;
use crate::layout::ModuleTree;
use crate::render::header;

/// The feature a build gets without asking: the seed scope, small enough to compile fast.
pub const DEFAULT_FEATURE: &str = "im";

/// The feature that enables every module (and the method registry).
pub const FULL_FEATURE: &str = "full";

/// The feature of the `events` module (every event's payload and `events::Event`); part
/// of `full` and of the default features.
pub const EVENTS_FEATURE: &str = "events";

/// The feature that adds the HTTP client (`b24-runtime`); on by default. Without it the
/// generated crate depends on `b24-protocol` alone (no reqwest, no tokio).
pub const CLIENT_FEATURE: &str = "client";

/// Where the generated crate finds `b24-protocol` and `b24-runtime` (and its other
/// dependencies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// A member of this repository's workspace: `*.workspace = true` everywhere.
    Workspace,
    /// A crate of its own (its own `[workspace]`), with the runtime at this path and the
    /// protocol crate beside it (`../protocol`, as in this repository's `crates/`).
    Path(String),
    /// A crate of its own, with the runtime and the protocol crate from the registry at
    /// this version requirement (they are released together).
    Version(String),
}

pub fn cargo_toml(tree: &ModuleTree<'_>, runtime: &Runtime) -> GeneratedFile {
    let roots: Vec<&String> = tree.roots().collect();
    // The event payloads are on by default: they compile in a few seconds, and a program
    // that only handles events needs no scope at all.
    let default = if roots.iter().any(|root| *root == DEFAULT_FEATURE) {
        format!("\"{CLIENT_FEATURE}\", \"{EVENTS_FEATURE}\", \"{DEFAULT_FEATURE}\"")
    } else {
        format!("\"{CLIENT_FEATURE}\", \"{EVENTS_FEATURE}\"")
    };
    // Scopes and the events feature, sorted: `full` lists them all.
    let mut features: Vec<&str> = roots.iter().map(|root| root.as_str()).collect();
    features.push(EVENTS_FEATURE);
    features.sort_unstable();
    let full = features
        .iter()
        .map(|feature| format!("    \"{feature}\",\n"))
        .collect::<String>();
    let scopes = features
        .iter()
        .map(|feature| format!("{feature} = []\n"))
        .collect::<String>();
    let (package, dependencies, workspace) = match runtime {
        Runtime::Workspace => (
            "edition.workspace = true\n\
             rust-version.workspace = true\n\
             license.workspace = true\n\
             publish.workspace = true\n"
                .to_owned(),
            "b24-protocol.workspace = true\n\
             b24-runtime = { workspace = true, optional = true }\n\
             serde.workspace = true\n\
             serde_json.workspace = true\n"
                .to_owned(),
            String::new(),
        ),
        Runtime::Path(path) => {
            let protocol = Path::new(path)
                .parent()
                .map_or_else(|| PathBuf::from("protocol"), |dir| dir.join("protocol"));
            standalone(
                &format!("path = {}", toml_string(&protocol.display().to_string())),
                &format!("path = {}", toml_string(path)),
            )
        }
        Runtime::Version(version) => {
            let source = format!("version = {}", toml_string(version));
            standalone(&source, &source)
        }
    };
    let mut contents = header("#");
    contents.push_str(&format!(
        r#"
[package]
name = "b24-api"
version = "0.1.0"
description = "Typed Bitrix24 REST API bindings, generated from the official documentation."
{package}
# The rustdoc quotes the documentation's descriptions, whose untagged code fences hold JSON
# and PHP samples, not Rust: they are not doctests.
[lib]
doctest = false

[dependencies]
{dependencies}
# One feature per top-level module (named like the module), so a program compiles only
# the scopes it calls; `{EVENTS_FEATURE}` compiles the event payloads. `{FULL_FEATURE}` enables
# them all and the method registry.
[features]
default = [{default}]
# The HTTP client: `b24-runtime` (reqwest, tokio), re-exported as this crate's root. Without
# it the crate is the protocol alone (`b24-protocol`: no HTTP client, no async runtime).
{CLIENT_FEATURE} = ["dep:b24-runtime"]
{FULL_FEATURE} = [
{full}]
{scopes}
[package.metadata.docs.rs]
all-features = true
rustdoc-args = ["--cfg", "docsrs"]
{workspace}"#
    ));
    GeneratedFile {
        path: PathBuf::from("Cargo.toml"),
        contents,
    }
}

/// The package fields, dependencies and `[workspace]` table of a crate of its own, with
/// the sources (`path = "…"` or `version = "…"`) of the protocol crate and the runtime.
fn standalone(protocol: &str, runtime: &str) -> (String, String, String) {
    (
        "edition = \"2024\"\n\
         rust-version = \"1.88\"\n\
         license = \"MIT\"\n\
         publish = false\n"
            .to_owned(),
        format!(
            "b24-protocol = {{ {protocol} }}\n\
             b24-runtime = {{ {runtime}, optional = true }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\n\
             serde_json = \"1\"\n"
        ),
        "\n# A crate of its own: cargo does not look for a workspace above this folder.\n\
         [workspace]\n"
            .to_owned(),
    )
}

/// A TOML basic string: quotes and backslashes escaped (Windows paths, odd folder names).
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

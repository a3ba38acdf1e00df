//! `codegen generate --out DIR` writes a crate that builds where it is, outside this
//! workspace, with the runtime as a path or a version dependency.

// Test helpers: a failed setup step should stop the test where it happened.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A small specs folder: the `im.user.status.*` methods, enough for a crate with one
/// scope, requests, an open enum and a documented-error enum.
fn small_specs(dir: &Path) -> PathBuf {
    let specs = dir.join("specs");
    std::fs::create_dir_all(specs.join("methods")).unwrap();
    for name in ["get", "set", "idle.start", "idle.end"] {
        let file = format!("im.user.status.{name}.yaml");
        std::fs::copy(
            workspace().join("specs/methods").join(&file),
            specs.join("methods").join(&file),
        )
        .unwrap();
    }
    specs
}

fn generate(specs: &Path, out: &Path, extra: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("generate")
        .arg("--specs")
        .arg(specs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn a_crate_generated_elsewhere_builds_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let specs = small_specs(dir.path());
    let out = dir.path().join("b24-api");
    generate(&specs, &out, &[]);

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains(".workspace = true"), "{manifest}");
    assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
    let runtime = workspace().join("crates/runtime");
    assert!(
        manifest.contains(&format!(
            "b24-runtime = {{ path = \"{}\", optional = true }}",
            runtime.display()
        )),
        "{manifest}"
    );
    let protocol = workspace().join("crates/protocol");
    assert!(
        manifest.contains(&format!(
            "b24-protocol = {{ path = \"{}\" }}",
            protocol.display()
        )),
        "{manifest}"
    );

    // The workspace's lock pins the same dependency versions, so the check runs offline
    // and reuses what the workspace build already compiled in its target folder.
    std::fs::copy(workspace().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let check = Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--all-features"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", workspace().join("target"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "the standalone crate does not build:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn the_runtime_can_come_from_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let specs = small_specs(dir.path());
    let out = dir.path().join("b24-api");
    generate(&specs, &out, &["--runtime-version", "0.1"]);

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("b24-runtime = { version = \"0.1\", optional = true }")
            && manifest.contains("b24-protocol = { version = \"0.1\" }"),
        "{manifest}"
    );
    assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
    assert!(
        out.join("src/im/user/status/mod.rs").is_file()
            || out.join("src/im/user/status.rs").is_file()
    );
}

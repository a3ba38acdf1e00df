//! The `codegen` command as a user runs it.

use std::path::Path;
use std::process::{Command, Output};

const SEED_PAGE: &str = "api-reference/chats/users/im-user-status-set.md";

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .output()
        .expect("codegen runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn seed_fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed")
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

#[test]
fn import_of_a_missing_folder_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-docs");
    let out = codegen(&[
        "import",
        "--docs",
        path_arg(&missing),
        "--out",
        path_arg(dir.path()),
    ]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no-such-docs") && stderr.contains("no such folder"),
        "{stderr}"
    );
}

#[test]
fn import_of_an_empty_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let out = codegen(&[
        "import",
        "--docs",
        path_arg(&docs),
        "--out",
        path_arg(dir.path()),
    ]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no .md pages found") && stderr.contains("docs"),
        "{stderr}"
    );
}

#[test]
fn an_unreadable_page_is_reported_and_the_others_import() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let page_dir = docs.join("api-reference/chats/users");
    std::fs::create_dir_all(&page_dir).unwrap();
    std::fs::copy(seed_fixture().join(SEED_PAGE), docs.join(SEED_PAGE)).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.md"), page_dir.join("broken.md")).unwrap();
    let specs = dir.path().join("specs");

    let out = codegen(&[
        "import",
        "--docs",
        path_arg(&docs),
        "--out",
        path_arg(&specs),
    ]);

    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("api-reference/chats/users/broken.md:0: error[unreadable]"),
        "{stderr}"
    );
    assert!(specs.join("methods/im.user.status.set.yaml").is_file());
    assert!(
        text(&out.stdout).contains("1 unreadable"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn import_writes_one_spec_per_method_and_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    let report = dir.path().join("report.json");
    let out = codegen(&[
        "import",
        "--docs",
        path_arg(&seed_fixture()),
        "--out",
        path_arg(&specs),
        "--report",
        path_arg(&report),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("methods: 1"), "{stdout}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["summary"]["methods"], 1);
    assert_eq!(json["pages"][0]["path"], SEED_PAGE);
    assert_eq!(
        json["pages"][0]["diagnostics"][0]["code"],
        "include-unresolved"
    );
}

#[test]
fn a_reimport_rewrites_only_changed_specs_and_removes_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    let import = || {
        let out = codegen(&[
            "import",
            "--docs",
            path_arg(&seed_fixture()),
            "--out",
            path_arg(&specs),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    assert!(import().contains("1 written, 0 unchanged, 0 removed"));
    let again = import();
    assert!(
        again.contains("0 written, 1 unchanged, 0 removed"),
        "{again}"
    );

    let methods = specs.join("methods");
    let spec = std::fs::read_dir(&methods)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let original = std::fs::read(&spec).unwrap();
    let mut longer = original.clone();
    longer.push(b'\n');
    std::fs::write(&spec, longer).unwrap();
    std::fs::write(methods.join("gone.method.yaml"), "stale").unwrap();
    let third = import();
    assert!(
        third.contains("1 written, 0 unchanged, 1 removed"),
        "{third}"
    );
    assert_eq!(std::fs::read(&spec).unwrap(), original);
    assert!(!methods.join("gone.method.yaml").exists());
}

#[test]
fn generate_twice_gives_identical_files_and_says_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let specs = dir.path().join("specs");
    let out_dir = dir.path().join("generated");
    let import = codegen(&[
        "import",
        "--docs",
        path_arg(&seed_fixture()),
        "--out",
        path_arg(&specs),
    ]);
    assert!(import.status.success(), "{}", text(&import.stderr));

    let first = codegen(&[
        "generate",
        "--specs",
        path_arg(&specs),
        "--out",
        path_arg(&out_dir),
    ]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("wrote"),
        "{}",
        text(&first.stdout)
    );
    let module = out_dir.join("src/im/user/status.rs");
    let before = std::fs::read(&module).unwrap();

    let second = codegen(&[
        "generate",
        "--specs",
        path_arg(&specs),
        "--out",
        path_arg(&out_dir),
    ]);
    assert!(second.status.success());
    assert!(
        text(&second.stdout).contains("0 files written"),
        "{}",
        text(&second.stdout)
    );
    assert_eq!(std::fs::read(&module).unwrap(), before);
}

#[test]
fn generate_without_specs_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = codegen(&[
        "generate",
        "--specs",
        path_arg(&dir.path().join("nothing")),
        "--out",
        path_arg(dir.path()),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("nothing"),
        "{}",
        text(&out.stderr)
    );
}

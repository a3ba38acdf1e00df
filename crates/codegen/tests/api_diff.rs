//! `codegen diff` and `codegen api-diff` report the Rust API changes a user's code meets:
//! two small spec sets where the result type of `shop.item.get` becomes the `shop.item`
//! entity type (a rename), `shop.item.count` returns a string instead of an integer (an
//! `Output` change), `shop.item.old` is gone and `shop.item.new` is new.

use std::path::Path;
use std::process::{Command, Output};

use b24_spec::{
    MethodSpec, Param, ReferenceKind, ReferenceType, Required, Response, SpecFile, TypeExpr,
    TypeRef,
};

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .output()
        .expect("codegen runs")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

fn field(name: &str, ty: TypeExpr) -> Param {
    Param {
        name: name.to_owned(),
        ty: TypeRef::from(ty),
        required: Required::Unknown,
        description: format!("The {name} of the item"),
        ..Param::default()
    }
}

fn method(name: &str, result: TypeExpr, fields: Vec<Param>) -> MethodSpec {
    MethodSpec {
        method: name.to_owned(),
        source: format!("api-reference/shop/{}.md", name.replace('.', "-")),
        title: format!("The {name} method"),
        scope: vec!["shop".to_owned()],
        response: Response {
            result,
            fields,
            ..Response::default()
        },
        ..MethodSpec::default()
    }
}

fn item_fields() -> Vec<Param> {
    vec![
        field("ID", TypeExpr::Integer),
        field("TITLE", TypeExpr::String),
    ]
}

fn write_specs(dir: &Path, methods: &[MethodSpec], types: &[ReferenceType]) {
    std::fs::create_dir_all(dir.join("methods")).expect("a temp folder");
    for spec in methods {
        std::fs::write(
            dir.join("methods").join(spec.file_name()),
            b24_spec::to_yaml(spec).expect("a spec serializes"),
        )
        .expect("a temp file");
    }
    if !types.is_empty() {
        std::fs::create_dir_all(dir.join("types")).expect("a temp folder");
        for ty in types {
            std::fs::write(
                dir.join("types").join(format!("{}.yaml", ty.name)),
                b24_spec::to_yaml(ty).expect("a type serializes"),
            )
            .expect("a temp file");
        }
    }
}

/// Old and new spec folders under `root`.
fn two_versions(root: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let old = root.join("old");
    write_specs(
        &old,
        &[
            method("shop.item.get", TypeExpr::Object, item_fields()),
            method("shop.item.count", TypeExpr::Integer, vec![]),
            method("shop.item.old", TypeExpr::Boolean, vec![]),
        ],
        &[],
    );
    let new = root.join("new");
    let entity = ReferenceType {
        module: Some("shop.item".to_owned()),
        rust_name: Some("Item".to_owned()),
        fields: item_fields(),
        ..ReferenceType::new(
            "shop.item",
            ReferenceKind::Entity,
            "api-reference/shop/shop-item-fields.md",
        )
    };
    write_specs(
        &new,
        &[
            method(
                "shop.item.get",
                TypeExpr::Ref("shop.item".to_owned()),
                vec![],
            ),
            method("shop.item.count", TypeExpr::String, vec![]),
            method("shop.item.new", TypeExpr::Boolean, vec![]),
        ],
        &[entity],
    );
    (old, new)
}

/// The lines every report of these two versions has, whichever command made it.
fn assert_rust_changes(text: &str) {
    for expected in [
        "## Rust API (`b24-api`)",
        "### Types renamed (1)\n\n- `shop::item::ShopItemGetResult` → `shop::item::Item`: \
         output of `shop.item.get`\n",
        "- `shop.item.count`: `i64` → `String`",
        "- `shop.item.get`: `shop::item::ShopItemGetResult` → `shop::item::Item`",
        "### Types removed (1)\n\n- `shop::item`: `ShopItemOld`\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let added = text
        .split("### Types added")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").nth(1))
        .unwrap_or_else(|| panic!("no added types in:\n{text}"));
    assert!(added.contains("`ShopItemNew`"), "{added}");
    // The rename target is not also listed as added.
    assert!(
        !added.contains("`Item`,") && !added.ends_with("`Item`"),
        "{added}"
    );
}

#[test]
fn diff_of_two_spec_sets_reports_rust_renames_additions_removals_and_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_versions(dir.path());
    let out = codegen(&["diff", arg(&old), arg(&new)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // The docs-level part is still there, the Rust part follows it.
    assert!(text.starts_with("# API changes from old to new"), "{text}");
    assert!(text.contains("- `shop.item.new`, scope `shop`"), "{text}");
    assert_rust_changes(&text);
}

#[test]
fn api_diff_of_two_generated_crates_says_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (old_specs, new_specs) = two_versions(dir.path());
    let old = dir.path().join("old-crate");
    let new = dir.path().join("new-crate");
    for (specs, crate_dir) in [(&old_specs, &old), (&new_specs, &new)] {
        let out = codegen(&["generate", "--specs", arg(specs), "--out", arg(crate_dir)]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let report = dir.path().join("api.md");
    let out = codegen(&[
        "api-diff",
        arg(&old),
        arg(&new),
        "--old-label",
        "v1",
        "--new-label",
        "v2",
        "--out",
        arg(&report),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(
        text.starts_with("# Rust API changes from v1 to v2\n"),
        "{text}"
    );
    assert_rust_changes(&text);

    // The listing of one crate: sorted, with each method's request and Output.
    let out = codegen(&["api", arg(&new)]);
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.contains("struct shop::item::Item\n"), "{listing}");
    assert!(
        listing.contains("method shop.item.get: shop::item::ShopItemGet -> shop::item::Item\n"),
        "{listing}"
    );
    let lines: Vec<&str> = listing.lines().collect();
    let types: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !line.starts_with("method "))
        .collect();
    let mut sorted = types.clone();
    sorted.sort_by_key(|line| line.split_once(' ').map(|(_, path)| path));
    assert_eq!(types, sorted);
}

#[test]
fn api_diff_of_a_folder_without_a_crate_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = codegen(&["api-diff", arg(dir.path()), arg(dir.path())]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no src/lib.rs"), "{stderr}");
}

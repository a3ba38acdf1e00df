//! The surface and the comparison on small hand-written crates shaped like the generated
//! one: modules split into re-exported parts, aliases, list items, error enums, entities.

use std::path::Path;

use super::*;

fn surface(files: &[(&str, &str)]) -> Surface {
    Surface::from_files(files.iter().map(|(path, text)| (Path::new(*path), *text)))
        .expect("the test crate parses")
}

const LIB: &str = "pub mod shop;\npub use serde_json;\n";

const OLD_SHOP: &str = r#"
mod part1;
pub use self::part1::*;
mod hidden;
pub mod inline {
    pub struct Inner;
}
#[cfg(test)]
pub mod tests {
    pub struct NotPublic;
}
"#;

const OLD_PART: &str = r#"
use super::*;
/// `shop.item.get`.
pub struct ShopItemGet {
    /// `id`
    id: i64,
}
impl b24_runtime::Method for ShopItemGet {
    const NAME: &'static str = "shop.item.get";
    type Output = ShopItemGetResult;
}
impl ShopItemGet {
    pub fn error(error: &b24_runtime::Error) -> Option<ShopItemGetError> {
        error.documented()
    }
}
pub enum ShopItemGetError { Denied, Undocumented(String) }
/// The `result` object of `shop.item.get`.
pub struct ShopItemGetResult {
    /// Wire name `PRICE` of `shop.item.get`, documented type `object`.
    pub price: Option<ShopItemGetResultPrice>,
}
pub struct ShopItemGetResultPrice {
    /// Wire name `VALUE` of `shop.item.get`.
    pub value: Option<f64>,
}
pub struct ShopItemList;
impl b24_runtime::Method for ShopItemList {
    const NAME: &'static str = "shop.item.list";
    type Output = Vec<ShopItemListItem>;
}
impl b24_runtime::ListMethod for ShopItemList {
    type Item = crate::shop::ShopItemListItem;
}
pub struct ShopItemListItem;
pub struct Unused;
"#;

const NEW_PART: &str = r#"
use super::*;
pub struct ShopItemGet {
    /// `id`
    id: i64,
}
impl b24_runtime::Method for ShopItemGet {
    const NAME: &'static str = "shop.item.get";
    type Output = crate::shop::Item;
}
impl ShopItemGet {
    pub fn error(error: &b24_runtime::Error) -> Option<ShopItemGetError> {
        error.documented()
    }
}
pub enum ShopItemGetError { Denied, Undocumented(String) }
/// The `shop.item` entity.
pub struct Item {
    /// Wire name `PRICE` of the `shop.item` entity.
    pub price: Option<Price>,
}
pub struct Price {
    /// Wire name `VALUE` of the `shop.item` entity.
    pub value: Option<f64>,
}
pub type ShopItemGetResultPrice = Price;
pub struct ShopItemList;
impl b24_runtime::Method for ShopItemList {
    const NAME: &'static str = "shop.item.list";
    type Output = Vec<Item>;
}
impl b24_runtime::ListMethod for ShopItemList {
    type Item = Item;
}
pub struct Added;
"#;

fn old() -> Surface {
    surface(&[
        ("src/lib.rs", LIB),
        ("src/shop/mod.rs", OLD_SHOP),
        ("src/shop/part1.rs", OLD_PART),
        ("src/shop/hidden.rs", "pub struct Hidden;"),
    ])
}

fn new() -> Surface {
    surface(&[
        ("src/lib.rs", LIB),
        ("src/shop/mod.rs", OLD_SHOP),
        ("src/shop/part1.rs", NEW_PART),
        ("src/shop/hidden.rs", "pub struct Hidden;"),
    ])
}

#[test]
fn surface_lists_public_paths_methods_and_roles() {
    let old = old();
    let paths: Vec<&str> = old.types.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "shop::ShopItemGet",
            "shop::ShopItemGetError",
            "shop::ShopItemGetResult",
            "shop::ShopItemGetResultPrice",
            "shop::ShopItemList",
            "shop::ShopItemListItem",
            "shop::Unused",
            "shop::inline::Inner",
        ],
        "parts are flattened into `shop`, private and test modules left out"
    );
    assert_eq!(
        old.methods["shop.item.get"].output,
        "shop::ShopItemGetResult"
    );
    assert_eq!(
        old.methods["shop.item.list"].output,
        "Vec<shop::ShopItemListItem>"
    );
    let roles = |path: &str| -> Vec<&str> {
        old.roles
            .get(path)
            .map(|set| set.iter().map(String::as_str).collect())
            .unwrap_or_default()
    };
    assert_eq!(roles("shop::ShopItemGet"), ["m:shop.item.get#"]);
    assert_eq!(old.methods["shop.item.get"].name, "shop.item.get");
    assert_eq!(roles("shop::ShopItemGetError"), ["m:shop.item.get#>error"]);
    assert_eq!(
        roles("shop::ShopItemGetResultPrice"),
        ["m:shop.item.get#>output.PRICE"]
    );
    assert_eq!(
        roles("shop::ShopItemListItem"),
        ["m:shop.item.list#>item", "m:shop.item.list#>output"]
    );
    assert!(roles("shop::Unused").is_empty());
    assert!(
        old.listing()
            .contains("method shop.item.get: shop::ShopItemGet -> shop::ShopItemGetResult\n")
    );
}

#[test]
fn compare_finds_renames_merges_additions_removals_and_outputs() {
    let changes = compare(&old(), &new());
    let renames: Vec<(&str, &str, bool)> = changes
        .renamed
        .iter()
        .map(|r| (r.old.as_str(), r.new.as_str(), r.into_existing))
        .collect();
    assert_eq!(
        renames,
        [
            ("shop::ShopItemGetResult", "shop::Item", false),
            // Both old result types now are `Item`: the second is merged into it.
            ("shop::ShopItemListItem", "shop::Item", false),
        ]
    );
    // `ShopItemGetResultPrice` stays as an alias: not a change a user's code meets.
    assert_eq!(changes.added, ["shop::Added", "shop::Price"]);
    assert_eq!(changes.removed, ["shop::Unused"]);
    let outputs: Vec<(&str, &str, &str)> = changes
        .outputs
        .iter()
        .map(|o| (o.method.as_str(), o.old.as_str(), o.new.as_str()))
        .collect();
    assert_eq!(
        outputs,
        [
            ("shop.item.get", "shop::ShopItemGetResult", "shop::Item"),
            (
                "shop.item.list",
                "Vec<shop::ShopItemListItem>",
                "Vec<shop::Item>"
            ),
        ]
    );
    let text = changes.markdown(2);
    assert!(
        text.contains("- `shop::ShopItemGetResult` → `shop::Item`: output of `shop.item.get`\n"),
        "{text}"
    );
    assert!(
        text.contains("### Types added (2)\n\n- `shop`: `Added`, `Price`\n"),
        "{text}"
    );
    assert!(
        text.contains("### Types removed (1)\n\n- `shop`: `Unused`"),
        "{text}"
    );
}

#[test]
fn a_crate_compared_with_itself_has_no_changes() {
    let changes = compare(&new(), &new());
    assert!(changes.is_empty(), "{changes:?}");
    assert!(
        changes
            .markdown(2)
            .contains("0 renamed, 0 added, 0 removed")
    );
}

#[test]
fn a_type_whose_roles_changed_with_its_name_is_found_by_its_fields() {
    let crate_with =
        |part: &str| surface(&[("src/lib.rs", "pub mod files;"), ("src/files.rs", part)]);
    // `FILES` was an object with an `upload{id}` field; now it is a map keyed by id.
    let old = crate_with(
        r#"
pub struct Commit;
impl b24_runtime::Method for Commit {
    const NAME: &'static str = "files.commit";
    type Output = CommitResult;
}
pub struct CommitResult {
    /// Wire name `FILES` of `files.commit`.
    pub files: Option<CommitResultFiles>,
}
pub struct CommitResultFiles {
    /// Wire name `upload{id}` of `files.commit`.
    pub upload_id: Option<CommitResultFilesUploadId>,
}
pub struct CommitResultFilesUploadId {
    /// Wire name `id` of `files.commit`.
    pub id: Option<i64>,
    /// Wire name `name` of `files.commit`.
    pub name: Option<String>,
}
"#,
    );
    let new = crate_with(
        r#"
pub struct Commit;
impl b24_runtime::Method for Commit {
    const NAME: &'static str = "files.commit";
    type Output = CommitResult;
}
pub struct CommitResult {
    /// Wire name `FILES` of `files.commit`.
    pub files: Option<std::collections::BTreeMap<String, CommitResultFiles>>,
}
pub struct CommitResultFiles {
    /// Wire name `id` of `files.commit`.
    pub id: Option<i64>,
    /// Wire name `name` of `files.commit`.
    pub name: Option<String>,
}
"#,
    );
    let changes = compare(&old, &new);
    assert_eq!(changes.removed, Vec::<String>::new());
    assert_eq!(changes.renamed.len(), 1, "{changes:?}");
    let rename = &changes.renamed[0];
    assert_eq!(
        (
            rename.old.as_str(),
            rename.new.as_str(),
            rename.into_existing
        ),
        (
            "files::CommitResultFilesUploadId",
            "files::CommitResultFiles",
            true
        )
    );
    assert!(
        changes.markdown(2).contains(
            "- `files::CommitResultFilesUploadId` → `files::CommitResultFiles` (a name that \
             existed before): the same fields\n"
        ),
        "{}",
        changes.markdown(2)
    );
}

#[test]
fn a_method_whose_name_changed_case_keeps_its_roles() {
    let crate_with = |name: &str, request: &str| {
        let part = format!(
            r#"
pub struct {request};
impl b24_runtime::Method for {request} {{
    const NAME: &'static str = "{name}";
    type Output = bool;
}}
"#
        );
        Surface::from_files([
            (Path::new("src/lib.rs"), "pub mod disk;"),
            (Path::new("src/disk.rs"), part.as_str()),
        ])
        .expect("the test crate parses")
    };
    let old = crate_with("disk.file.markdeleted", "DiskFileMarkdeleted");
    let new = crate_with("disk.file.markDeleted", "DiskFileMarkDeleted");
    let changes = compare(&old, &new);
    assert_eq!(changes.renamed.len(), 1, "{changes:?}");
    assert_eq!(changes.renamed[0].new, "disk::DiskFileMarkDeleted");
    assert_eq!(changes.renamed[0].role, "m:disk.file.markdeleted#");
    assert!(changes.outputs.is_empty() && changes.removed.is_empty());
    assert!(
        new.listing()
            .contains("method disk.file.markDeleted: disk::DiskFileMarkDeleted -> bool")
    );
}

//! Markdown links of a description, resolved to page paths relative to the docs root.

/// A link to another page of the docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    /// The link's target as written (`./object-fields.md#lead`), for diagnostics.
    pub written: String,
    /// The page, relative to the docs root (`api-reference/crm/universal/object-fields.md`).
    pub page: String,
    /// The `#anchor`, if any.
    pub anchor: Option<String>,
}

/// Every `[text](target.md#anchor)` link of `raw` to another page, resolved against the
/// folder of `from` (a page path relative to the docs root). Links to the web, to anchors
/// of the same page and to files that are not pages are left out, and so are the shared
/// pages that every table links for its type words (`data-types.md`, the scopes).
pub fn page_links(raw: &str, from: &str) -> Vec<PageLink> {
    links(raw, from, false)
}

/// [`page_links`], and links to anchors of `from` itself (`[Группа](#group)` on a field
/// page, whose sections are entities too).
pub fn page_links_with_local(raw: &str, from: &str) -> Vec<PageLink> {
    links(raw, from, true)
}

fn links(raw: &str, from: &str, local: bool) -> Vec<PageLink> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else {
            break;
        };
        let target = after[..end].trim();
        rest = &after[end..];
        let target = target.split_whitespace().next().unwrap_or_default();
        if let Some(anchor) = target.strip_prefix('#') {
            if local && !anchor.is_empty() {
                out.push(PageLink {
                    written: target.to_owned(),
                    page: from.to_owned(),
                    anchor: Some(anchor.to_owned()),
                });
            }
            continue;
        }
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (file, anchor) = match target.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor.to_owned()).filter(|a| !a.is_empty())),
            None => (target, None),
        };
        // `data-types.md#type` names an object type of that page; without an anchor the
        // link is a type word's.
        let names_a_type = anchor.is_some() && is_data_types(file);
        if !file.ends_with(".md") || (is_shared_page(file) && !names_a_type) {
            continue;
        }
        let Some(page) = resolve(from, file) else {
            continue;
        };
        out.push(PageLink {
            written: target.to_owned(),
            page,
            anchor,
        });
    }
    out
}

/// A link to a `data-types.md` page (which may name one of its object types).
pub fn is_data_types(file: &str) -> bool {
    file.rsplit('/').next().unwrap_or(file) == "data-types.md"
}

/// The pages every table links for type words and scopes: never an object's description.
fn is_shared_page(file: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    name == "data-types.md" || name == "permissions.md" || file.contains("_includes/")
}

/// `file` relative to the folder of `from`; `None` when it climbs above the root.
pub fn resolve(from: &str, file: &str) -> Option<String> {
    let mut parts: Vec<&str> = match from.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    if file.starts_with('/') {
        parts.clear();
    }
    for part in file.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page_folder() {
        let raw = "Объект с [описанием задачи](./fields.md), [тип](../data-types.md), \
            [ниже](#x), [лид](../crm/object-fields.md#lead), [сайт](https://x.ru/a.md)";
        let links = page_links(raw, "api-reference/tasks/tasks-task-get.md");
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].page, "api-reference/tasks/fields.md");
        assert_eq!(links[0].anchor, None);
        assert_eq!(links[1].page, "api-reference/crm/object-fields.md");
        assert_eq!(links[1].anchor.as_deref(), Some("lead"));
        assert_eq!(resolve("a.md", "../b.md"), None);
    }
}

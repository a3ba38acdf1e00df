//! Which API a method page documents. REST 3.0 pages say so in one of four ways: the banner
//! sentence ("Метод относится к REST 3.0"), a link to the overview `rest-v3.md`, a call
//! example to `/rest/api/`, or a `-rest-v3` file name (the twins of classic methods). Most
//! v3 pages have a plain file name (`mail-message-list.md`), so the name alone misses them.
//!
//! A page that mentions REST 3.0 without any of these is reported: it may be a v3 page whose
//! banner changed wording, and generating it as classic would call the wrong endpoint.

use crate::lexicon::identity as lx;
use b24_spec::ApiVersion;
use memchr::memmem::Finder;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Weak};

use crate::diagnostics::{Code, Diagnostics};
use crate::page::Node;

/// A searcher per [`lx::V3_STEMS`] stem: `rest`, `REST`.
static STEMS: LazyLock<Vec<Finder<'static>>> =
    LazyLock::new(|| lx::V3_STEMS.iter().map(Finder::new).collect());

thread_local! {
    /// What each included file says, by the address of its blocks: pages include the same
    /// few files (the system errors) thousands of times.
    static INCLUDED: RefCell<HashMap<*const Node, Seen>> = RefCell::default();
}

/// An included file's blocks (the `Weak` keeps their address from going to another
/// include) and what they say.
type Seen = (Weak<[Node]>, Found);

/// What a run of blocks says: a signal, else the line of the first mention.
#[derive(Default, Clone, Copy)]
struct Found {
    signal: bool,
    mention: Option<u32>,
}

/// Reads the page's API and reports an unclassifiable mention of REST 3.0.
pub fn read(path: &str, nodes: &[Node], diags: &mut Diagnostics) -> ApiVersion {
    if path.ends_with(lx::V3_TWIN_SUFFIX) {
        return ApiVersion::RestV3;
    }
    let mut found = Found::default();
    scan(nodes, &mut found);
    if found.signal {
        return ApiVersion::RestV3;
    }
    if let Some(line) = found.mention {
        diags.push(
            path,
            line,
            Code::RestV3Unclassified,
            "the page mentions REST 3.0 but has no banner, no link to `rest-v3.md`, no `/rest/api/` example and no `-rest-v3` file name: read as classic",
        );
    }
    ApiVersion::Classic
}

/// Reads `nodes` and their content in page order, up to the first signal.
fn scan(nodes: &[Node], found: &mut Found) {
    for node in nodes {
        if found.signal {
            return;
        }
        match node {
            Node::Include(include) => {
                let inner = included(&include.children);
                found.signal = inner.signal;
                found.mention = found.mention.or(inner.mention);
            }
            Node::Table(table) => {
                for cell in table.rows.iter().flat_map(|row| &row.cells) {
                    scan(&cell.nodes, found);
                }
            }
            _ => {
                read_text(node, found);
                for group in node.children() {
                    scan(group, found);
                }
            }
        }
    }
}

/// What an included file says, read once per thread.
fn included(children: &Arc<[Node]>) -> Found {
    let key = children.as_ptr();
    if let Some(found) = INCLUDED.with_borrow(|seen| seen.get(&key).map(|(_, found)| *found)) {
        return found;
    }
    let mut found = Found::default();
    scan(children, &mut found);
    INCLUDED.with_borrow_mut(|seen| {
        // Files of an earlier import are forgotten.
        seen.retain(|_, (file, _)| file.strong_count() > 0);
        seen.insert(key, (Arc::downgrade(children), found));
    });
    found
}

fn read_text(node: &Node, found: &mut Found) {
    let (raw, plain, line) = match node {
        Node::Paragraph(text) => (text.raw.as_str(), text.plain.as_str(), text.line),
        Node::Heading(heading) => (heading.text.as_str(), heading.text.as_str(), heading.line),
        Node::Code(code) => (code.text.as_str(), code.text.as_str(), code.line),
        _ => return,
    };
    // The path and the overview's file name spell `rest`, the banner and the mentions
    // `REST`, and most nodes have neither: one search each (built once, on byte pairs)
    // skips them, and a call example's URL is not searched for the prose.
    let bytes = raw.as_bytes();
    if STEMS[0].find(bytes).is_some() && (raw.contains(lx::V3_PATH) || links_overview(raw)) {
        found.signal = true;
    } else if STEMS[1].find(bytes).is_some() {
        if plain.contains(lx::V3_BANNER) {
            found.signal = true;
        } else if found.mention.is_none() && mentions_v3(plain) {
            found.mention = Some(line);
        }
    }
}

/// A markdown link whose target file is the overview `rest-v3.md` itself (not a twin page
/// such as `tasks-task-get-rest-v3.md`).
fn links_overview(raw: &str) -> bool {
    raw.match_indices(lx::V3_OVERVIEW_FILE).any(|(at, _)| {
        let before = raw[..at].chars().next_back();
        matches!(before, Some('/' | '('))
    })
}

fn mentions_v3(plain: &str) -> bool {
    lx::V3_MENTIONS.iter().any(|m| plain.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{CodeBlock, Include, Text};

    fn para(raw: &str) -> Node {
        Node::Paragraph(Text {
            raw: raw.to_owned(),
            plain: raw.to_owned(),
            line: 7,
        })
    }

    fn classify(path: &str, nodes: &[Node]) -> (ApiVersion, Vec<String>) {
        let mut diags = Diagnostics::default();
        let api = read(path, nodes, &mut diags);
        let found = diags
            .into_vec()
            .into_iter()
            .map(|d| format!("{}:{} {}", d.path, d.line, d.code))
            .collect();
        (api, found)
    }

    #[test]
    fn each_signal_alone_classifies_as_rest_v3() {
        let banner = para("Метод относится к REST 3.0. Особенности вызова описаны в обзоре.");
        assert_eq!(classify("a/b.md", &[banner]).0, ApiVersion::RestV3);
        let link = para("См. [обзор](../../rest-v3.md).");
        assert_eq!(classify("a/b.md", &[link]).0, ApiVersion::RestV3);
        let curl = Node::Code(CodeBlock {
            lang: "bash".to_owned(),
            text: "curl -X POST https://x/rest/api/1/code/mail.message.list".to_owned(),
            line: 3,
        });
        assert_eq!(classify("a/b.md", &[curl]).0, ApiVersion::RestV3);
        assert_eq!(
            classify("tasks/tasks-task-get-rest-v3.md", &[]).0,
            ApiVersion::RestV3
        );
    }

    #[test]
    fn a_link_to_a_twin_page_is_not_the_overview() {
        let twin = para("Новая версия: [tasks.task.get](./tasks-task-get-rest-v3.md).");
        assert!(!links_overview("[x](./tasks-task-get-rest-v3.md)"));
        assert_eq!(
            classify("tasks/tasks-task-get.md", &[twin]).0,
            ApiVersion::Classic
        );
    }

    #[test]
    fn a_bare_mention_is_classic_with_a_diagnostic() {
        let (api, diags) = classify("x/y.md", &[para("Скоро метод появится в REST 3.0.")]);
        assert_eq!(api, ApiVersion::Classic);
        assert_eq!(diags, ["x/y.md:7 rest-v3-unclassified"]);
        let (api, diags) = classify("x/y.md", &[para("Обычный метод.")]);
        assert_eq!((api, diags.len()), (ApiVersion::Classic, 0));
    }

    #[test]
    fn an_included_file_says_the_same_on_every_page() {
        let include = |children: &Arc<[Node]>| {
            Node::Include(Include {
                target: "_includes/x.md".to_owned(),
                children: Arc::clone(children),
                line: 1,
            })
        };
        let mention: Arc<[Node]> = Arc::from([para("Скоро метод появится в REST 3.0.")]);
        for page in ["a.md", "b.md"] {
            let (api, diags) = classify(page, &[include(&mention)]);
            assert_eq!(
                (api, diags),
                (
                    ApiVersion::Classic,
                    vec![format!("{page}:7 rest-v3-unclassified")]
                )
            );
        }
        let banner: Arc<[Node]> = Arc::from([para("Метод относится к REST 3.0.")]);
        for page in ["a.md", "b.md"] {
            assert_eq!(classify(page, &[include(&banner)]).0, ApiVersion::RestV3);
        }
    }
}

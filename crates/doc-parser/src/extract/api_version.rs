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
use std::sync::LazyLock;

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{self, Node, RestV3 as Found};

/// A searcher per [`lx::V3_STEMS`] stem: `rest`, `REST`.
static STEMS: LazyLock<Vec<Finder<'static>>> =
    LazyLock::new(|| lx::V3_STEMS.iter().map(Finder::new).collect());

/// Reads the page's API and reports an unclassifiable mention of REST 3.0.
pub fn read(path: &str, nodes: &[Node], diags: &mut Diagnostics) -> ApiVersion {
    if path.ends_with(lx::V3_TWIN_SUFFIX) {
        return ApiVersion::RestV3;
    }
    let found = scan(nodes);
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

/// Reads `nodes` and their content in page order, up to the first signal. Pages include
/// the same few files (the system errors) thousands of times: an included file is read
/// once, by the first page that includes it, and kept with its parse.
fn scan(nodes: &[Node]) -> Found {
    let mut found = Found::default();
    page::walk_while(nodes, false, |node| {
        match node {
            Node::Include(include) => {
                let inner = *include.rest_v3.get_or_init(|| scan(&include.children));
                found.signal = inner.signal;
                found.mention = found.mention.or(inner.mention);
            }
            _ => read_text(node, &mut found),
        }
        !found.signal
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
    use std::sync::Arc;

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
                rest_v3: Arc::default(),
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

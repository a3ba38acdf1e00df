//! Doc comments: the docs' markdown made safe for rustdoc, and links to the official page.

use b24_spec::MethodSpec;

/// Where the official documentation is published.
pub const DOCS_BASE: &str = "https://apidocs.bitrix24.ru/";

/// The published page of a source file: `api-reference/x/y.md` → `…/api-reference/x/y.html`.
pub fn page_url(source: &str) -> String {
    let path = source.strip_suffix(".md").unwrap_or(source);
    format!("{DOCS_BASE}{path}.html")
}

/// Rewrites markdown from a docs page for rustdoc: relative links point at the published
/// docs, and brackets and angle brackets that are not links or code are escaped so rustdoc
/// does not read them as intra-doc links or HTML tags.
pub fn markdown(text: &str, source: &str) -> String {
    let text = crate::yfm::to_markdown(text, &|target| resolve_link(target, source));
    escape(&text, source)
}

/// The rustdoc-safety pass of [`markdown`], on text already free of YFM.
fn escape(text: &str, source: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '`' => {
                let ticks = rest.bytes().take_while(|&b| b == b'`').count();
                let fence = &rest[..ticks];
                let info_end = rest[ticks..].find('\n').map_or(rest.len(), |at| ticks + at);
                if ticks >= 3 && at_line_start(&out) && rest[ticks..info_end].trim().is_empty() {
                    // rustdoc reads an untagged fence as Rust; the docs' fences hold JSON,
                    // PHP and pseudo-code.
                    out.push_str(fence);
                    out.push_str("text");
                    rest = &rest[info_end..];
                    match rest.find(fence) {
                        Some(close) => {
                            let end = close + ticks;
                            out.push_str(&rest[..end]);
                            rest = &rest[end..];
                        }
                        None => {
                            out.push_str(rest);
                            rest = "";
                        }
                    }
                    continue;
                }
                match rest[ticks..].find(fence) {
                    Some(close) => {
                        let end = ticks + close + ticks;
                        out.push_str(&rest[..end]);
                        rest = &rest[end..];
                    }
                    None => {
                        out.push_str(fence);
                        rest = &rest[ticks..];
                    }
                }
            }
            '[' => match inline_link(rest) {
                // A YFM term (`[text](*term)`): a tooltip on the site, no page to link to.
                Some((label_end, target, end)) if target.starts_with('*') => {
                    out.push_str(&escape(&rest[1..label_end], source));
                    rest = &rest[end..];
                }
                Some((label_end, target, end)) => {
                    out.push('[');
                    out.push_str(&escape(&rest[1..label_end], source));
                    out.push_str("](");
                    out.push_str(&resolve_link(target, source));
                    out.push(')');
                    rest = &rest[end..];
                }
                None => {
                    out.push_str("\\[");
                    rest = &rest[1..];
                }
            },
            ']' => {
                out.push_str("\\]");
                rest = &rest[1..];
            }
            '<' => match autolink(rest) {
                Some(end) => {
                    out.push_str(&rest[..end]);
                    rest = &rest[end..];
                }
                None => {
                    out.push_str("&lt;");
                    rest = &rest[1..];
                }
            },
            'h' if starts_bare_url(rest, &out) => {
                // rustdoc warns on bare URLs (`rustdoc::bare_urls`): make them autolinks.
                let end = bare_url_end(rest);
                out.push('<');
                out.push_str(&rest[..end]);
                out.push('>');
                rest = &rest[end..];
            }
            '>' if out.is_empty() || out.ends_with('\n') => {
                // A quote marker stays a quote.
                out.push('>');
                rest = &rest[1..];
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Whether only indentation precedes the end of `out` on its line (a fence may open here).
fn at_line_start(out: &str) -> bool {
    out.rsplit('\n')
        .next()
        .is_none_or(|line| line.trim().is_empty())
}

/// The length of an autolink (`<https://…>`) at the start of `text`.
fn autolink(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('<')?;
    if !(inner.starts_with("http://") || inner.starts_with("https://")) {
        return None;
    }
    let close = inner.find(|c: char| c == '>' || c.is_whitespace() || c == '<')?;
    inner[close..].starts_with('>').then_some(close + 2)
}

/// Whether `text` starts a URL that is not part of a word (`xhttp://` is not one).
fn starts_bare_url(text: &str, before: &str) -> bool {
    let scheme = text.starts_with("https://") || text.starts_with("http://");
    scheme && !before.ends_with(|c: char| c.is_alphanumeric() || c == '/')
}

/// Where a bare URL ends: at white space, a closing bracket or quote, or trailing sentence
/// punctuation.
fn bare_url_end(text: &str) -> usize {
    let end = text
        .find(|c: char| {
            c.is_whitespace() || matches!(c, ')' | ']' | '>' | '<' | '"' | '\'' | '`' | '«' | '»')
        })
        .unwrap_or(text.len());
    text[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .len()
}

/// `[label](target)` at the start of `text`: the label's end, the target, the link's end.
fn inline_link(text: &str) -> Option<(usize, &str, usize)> {
    let mut depth = 0usize;
    let mut label_end = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    label_end = Some(i);
                    break;
                }
            }
            '\n' if i > 0 && text[..i].ends_with('\n') => return None,
            _ => {}
        }
    }
    let label_end = label_end?;
    let after = text[label_end + 1..].strip_prefix('(')?;
    let close = after.find(')')?;
    let target = after[..close].trim();
    // A term's key may hold spaces (`*ключ_Ключ для работы`).
    if target.contains(char::is_whitespace) && !target.contains('"') && !target.starts_with('*') {
        return None;
    }
    Some((label_end, target, label_end + 2 + close + 1))
}

fn resolve_link(target: &str, source: &str) -> String {
    if target.contains("://") || target.starts_with("mailto:") {
        return target.to_owned();
    }
    if let Some(anchor) = target.strip_prefix('#') {
        return format!("{}#{anchor}", page_url(source));
    }
    let (path, anchor) = target
        .split_once('#')
        .map_or((target, None), |(p, a)| (p, Some(a)));
    let resolved = if let Some(absolute) = path.strip_prefix('/') {
        absolute.to_owned()
    } else {
        let mut parts: Vec<&str> = source.split('/').collect();
        parts.pop();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                other => parts.push(other),
            }
        }
        parts.join("/")
    };
    let resolved = resolved
        .strip_suffix(".md")
        .map(|p| format!("{p}.html"))
        .unwrap_or(resolved);
    match anchor {
        Some(anchor) => format!("{DOCS_BASE}{resolved}#{anchor}"),
        None => format!("{DOCS_BASE}{resolved}"),
    }
}

/// The doc comment of a method's request type.
pub fn method_doc(spec: &MethodSpec) -> String {
    let title = if spec.title.is_empty() {
        &spec.method
    } else {
        &spec.title
    };
    let scope = if spec.scope.is_empty() {
        "not documented".to_owned()
    } else {
        code_list(&spec.scope)
    };
    let description = without_parameters_note(&spec.description, &spec.method);
    summary(&Summary {
        heading: format!("{} (`{}`).", markdown(title, &spec.source), spec.method),
        name: ("REST method", &spec.method),
        description: &description,
        scope: Some(scope),
        who: spec
            .who_can_call
            .as_deref()
            .map(|who| ("Who can call", who)),
        source: &spec.source,
    })
}

/// The pages' "Без параметров." ("no parameters", on 60 methods) as a sentence that names
/// the method, so the same words are not stamped on each.
fn without_parameters_note(description: &str, method: &str) -> String {
    description
        .split("\n\n")
        .map(|paragraph| {
            let bare = paragraph.trim().trim_end_matches('.');
            if bare == "Без параметров" || bare == "Параметры отсутствуют"
            {
                format!("`{method}` takes no parameters.")
            } else {
                paragraph.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The parts every item's rustdoc shares (methods and event payloads).
pub struct Summary<'a> {
    /// The first line, already markdown.
    pub heading: String,
    /// `("REST method", "crm.deal.add")`: the list's first line. It also keeps the list
    /// (scope, who may call) from being one text repeated on every method of a scope.
    pub name: (&'static str, &'a str),
    pub description: &'a str,
    /// The scope line's value, or no line.
    pub scope: Option<String>,
    /// `("Who can call", text)`.
    pub who: Option<(&'static str, &'a str)>,
    /// The page, for links.
    pub source: &'a str,
}

/// Heading, description, scope, who may use it, and the link to the official page.
pub fn summary(parts: &Summary<'_>) -> String {
    let mut doc = parts.heading.clone();
    doc.push('\n');
    if !parts.description.is_empty() {
        doc.push('\n');
        doc.push_str(&markdown(parts.description, parts.source));
        doc.push('\n');
    }
    doc.push('\n');
    doc.push_str(&format!("- {}: `{}`\n", parts.name.0, parts.name.1));
    if let Some(scope) = &parts.scope {
        doc.push_str(&format!("- Scope: {scope}\n"));
    }
    if let Some((label, who)) = parts.who {
        doc.push_str(&format!("- {label}: {}\n", markdown(who, parts.source)));
    }
    doc.push_str(&format!(
        "\n[Official documentation]({})\n",
        page_url(parts.source)
    ));
    doc
}

/// `` `a`, `b` ``: names as code, comma-separated.
pub fn code_list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One `#[doc]` attribute per line, so the printed source shows `///` comments.
pub fn attrs(text: &str) -> proc_macro2::TokenStream {
    let lines = doc_lines(text);
    quote::quote!(#(#[doc = #lines])*)
}

/// One `#![doc]` attribute per line (`//!` comments) for module documentation.
pub fn inner_attrs(text: &str) -> proc_macro2::TokenStream {
    let lines = doc_lines(text);
    quote::quote!(#(#![doc = #lines])*)
}

fn doc_lines(text: &str) -> Vec<String> {
    text.trim_end()
        .lines()
        .map(|line| {
            let line = line.trim_end();
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "api-reference/chats/users/im-user-status-set.md";

    #[test]
    fn untagged_fences_are_text_and_tagged_ones_stay() {
        let text =
            "Пример:\n```\n{ VALUE: '' }\n```\n\n  ```\n[x]\n  ```\n```json\n{}\n```\nи `a```";
        assert_eq!(
            markdown(text, SOURCE),
            "Пример:\n```text\n{ VALUE: '' }\n```\n\n  ```text\n[x]\n  ```\n```json\n{}\n```\nи `a```"
        );
        assert_eq!(markdown("```\nopen", SOURCE), "```text\nopen");
    }

    #[test]
    fn a_no_parameters_note_names_the_method() {
        assert_eq!(
            without_parameters_note("Метод возвращает поля.\n\nБез параметров.", "a.b"),
            "Метод возвращает поля.\n\n`a.b` takes no parameters."
        );
    }

    #[test]
    fn page_urls() {
        assert_eq!(
            page_url(SOURCE),
            "https://apidocs.bitrix24.ru/api-reference/chats/users/im-user-status-set.html"
        );
    }

    #[test]
    fn links_are_made_absolute() {
        assert_eq!(
            markdown("см. [im.user.status.get](./im-user-status-get.md)", SOURCE),
            "см. [im.user.status.get](https://apidocs.bitrix24.ru/api-reference/chats/users/im-user-status-get.html)"
        );
        assert_eq!(
            markdown("[`unknown`](../../data-types.md#x)", SOURCE),
            "[`unknown`](https://apidocs.bitrix24.ru/api-reference/data-types.html#x)"
        );
        assert_eq!(
            markdown("[ниже](#fields)", SOURCE),
            format!("[ниже]({}#fields)", page_url(SOURCE))
        );
        assert_eq!(
            markdown("[лимиты](/limits.html)", SOURCE),
            "[лимиты](https://apidocs.bitrix24.ru/limits.html)"
        );
    }

    #[test]
    fn yfm_terms_keep_their_text_only() {
        assert_eq!(
            markdown(
                "поля [набора данных](*dataset) и [ключа](*ключ_Ключ для работы)",
                SOURCE
            ),
            "поля набора данных и ключа"
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            markdown("форм https://your-domain.ru/crm/webform/.", SOURCE),
            "форм <https://your-domain.ru/crm/webform/>."
        );
        assert_eq!(
            markdown("<https://a.ru/x> и (http://b.ru)", SOURCE),
            "<https://a.ru/x> и (<http://b.ru>)"
        );
        assert_eq!(
            markdown("`https://c.ru` [d](https://d.ru)", SOURCE),
            "`https://c.ru` [d](https://d.ru)"
        );
    }

    #[test]
    fn stray_brackets_and_tags_are_escaped_outside_code() {
        assert_eq!(
            markdown("[0/1] и <КОД> и `a[0]<b>`", SOURCE),
            "\\[0/1\\] и &lt;КОД> и `a[0]<b>`"
        );
    }
}

//! Scopes and "who may call": the `> Scope:` quote, the `**Scope**:` note, or an include.

use crate::letters::starts_folded;
use crate::lexicon::scope as lx;
use crate::page::{Node, walk};
use crate::text::Search as _;

use super::inline::{code_spans, plain};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Access {
    pub scopes: Vec<String>,
    pub who_can_call: Option<String>,
}

/// Reads scope and caller lines from the preamble blocks, looking inside quotes, notes and
/// includes (tables are left alone: they hold parameters, not page metadata).
pub fn read(preamble: &[&Node]) -> Access {
    let mut access = Access::default();
    for node in preamble {
        if matches!(node, Node::Table(_)) {
            continue;
        }
        walk(std::slice::from_ref(*node), &mut |node| {
            // Once both are known, no later line changes them.
            let complete = !access.scopes.is_empty() && access.who_can_call.is_some();
            if let Node::Paragraph(text) = node
                && !complete
            {
                for line in text.raw.lines() {
                    // The note form puts both on one line: `**Scope**: … | **Права…**: …`.
                    let mut rest = line;
                    while let Some(at) = rest.find_str(" | ") {
                        read_part(&rest[..at], &mut access);
                        rest = &rest[at + 3..];
                    }
                    read_part(rest, &mut access);
                }
            }
        });
    }
    access
}

fn read_part(part: &str, access: &mut Access) {
    // Most preamble lines are prose: only those naming a scope or the callers are read.
    if !lx::PREAMBLE_STEMS.iter().any(|stem| part.has(stem)) {
        return;
    }
    let text = plain(part);
    let text = text.trim_start_matches('>').trim();
    // Compared as on the lowercased text: only ASCII letters lowercase to those of "scope".
    let scope_line = text
        .get(..lx::SCOPE.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(lx::SCOPE));
    if scope_line && access.scopes.is_empty() {
        let after = part.split_once(':').map_or("", |(_, after)| after);
        for span in code_spans(after) {
            for scope in span.split(',') {
                let scope = scope.trim();
                // Prose in a code span ("в зависимости от точки встраивания") is no scope.
                if !scope.is_empty()
                    && !scope.contains(' ')
                    && !access.scopes.iter().any(|s| s == scope)
                {
                    access.scopes.push(scope.to_owned());
                }
            }
        }
    } else if lx::WHO_CAN_CALL
        .iter()
        .any(|line| starts_folded(text, line))
        && access.who_can_call.is_none()
        && let Some((_, who)) = text.split_once(':')
    {
        let who = who.trim();
        if !who.is_empty() {
            access.who_can_call = Some(who.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    fn access(md: &str) -> Access {
        let nodes = markdown::parse(md, 1);
        let refs: Vec<&Node> = nodes.iter().collect();
        read(&refs)
    }

    #[test]
    fn the_quote_form() {
        let access = access(
            "> Scope: [`im`](../../scopes/permissions.md)\n>\n> Кто может выполнять метод: любой пользователь\n",
        );
        assert_eq!(access.scopes, vec!["im"]);
        assert_eq!(access.who_can_call.as_deref(), Some("любой пользователь"));
    }

    #[test]
    fn several_scopes_and_one_span_with_two() {
        let access = access("> Scope: [`user`](a), [`user_brief`](a), [`imopenlines, imbot`](a)\n");
        assert_eq!(
            access.scopes,
            vec!["user", "user_brief", "imopenlines", "imbot"]
        );
    }

    #[test]
    fn cyrillic_scope_prose_span_and_bare_code() {
        assert_eq!(access("> Scope: [`базовый`](a)\n").scopes, vec!["базовый"]);
        let access_ = access(
            "> Scope: [`placement`, `в зависимости от точки встраивания`](a)\n>\n> Кто может подписаться: любой пользователь\n",
        );
        assert_eq!(access_.scopes, vec!["placement"]);
        assert_eq!(access_.who_can_call.as_deref(), Some("любой пользователь"));
        assert_eq!(access("> Scope: `crm`\n").scopes, vec!["crm"]);
        assert!(access("Метод без скоупа.\n").scopes.is_empty());
    }

    #[test]
    fn scope_from_an_include_and_from_a_note() {
        use crate::includes::{IncludeLoader, Loaded};
        struct One;
        impl IncludeLoader for One {
            fn load(&self, _from: &str, _target: &str) -> Result<Loaded, String> {
                Ok(Loaded {
                    path: "api-reference/telephony/_includes/scope-telephony-all.md".into(),
                    text: "> Scope: [`telephony`](a), [`call`](a)\n>\n> Кто может выполнять метод: администратор\n".into(),
                })
            }
        }
        let mut diags = crate::Diagnostics::default();
        let nodes = crate::parse_blocks(
            "api-reference/telephony/x.md",
            "{% include notitle [scope](./_includes/scope-telephony-all.md) %}\n",
            &One,
            &mut diags,
        );
        let refs: Vec<&Node> = nodes.iter().collect();
        let found = read(&refs);
        assert_eq!(found.scopes, vec!["telephony", "call"]);
        assert_eq!(found.who_can_call.as_deref(), Some("администратор"));
        let nodes = crate::parse_blocks(
            "x.md",
            "{% note info \"\" %}\n\n**Scope**: [`landing`](a) | **Права на выполнение**: `администратор`\n\n{% endnote %}\n",
            &crate::NoIncludes,
            &mut diags,
        );
        let refs: Vec<&Node> = nodes.iter().collect();
        assert_eq!(read(&refs).scopes, vec!["landing"]);
    }

    #[test]
    fn the_note_form() {
        let access =
            access("**Scope**: [`landing`](a) | **Права на выполнение**: `администратор`\n");
        assert_eq!(access.scopes, vec!["landing"]);
        assert_eq!(access.who_can_call.as_deref(), Some("администратор"));
    }
}

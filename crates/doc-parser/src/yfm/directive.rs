//! `{% name args %}` tags: finding them in a line and reading their arguments.

use super::lines::find_marker;

/// A recognized YFM tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    Include {
        target: String,
        notitle: bool,
    },
    Note {
        kind: String,
        title: String,
    },
    EndNote,
    /// `{% list tabs %}` (its kind is not read: every list tag opens tabs).
    List,
    EndList,
    Cut {
        title: String,
    },
    EndCut,
    If {
        condition: String,
    },
    Else,
    EndIf,
    /// A tag we do not know; the text is kept for the diagnostic.
    Unknown(String),
}

impl Directive {
    /// The opening tag this one closes, for region matching.
    pub fn family(&self) -> Option<Family> {
        Some(match self {
            Directive::Note { .. } | Directive::EndNote => Family::Note,
            Directive::List | Directive::EndList => Family::List,
            Directive::Cut { .. } | Directive::EndCut => Family::Cut,
            Directive::If { .. } | Directive::EndIf => Family::If,
            _ => return None,
        })
    }

    pub fn is_open(&self) -> bool {
        matches!(
            self,
            Directive::Note { .. } | Directive::List | Directive::Cut { .. } | Directive::If { .. }
        )
    }
}

/// Tags that open a region closed by a matching end tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Note,
    List,
    Cut,
    If,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Note => "note",
            Family::List => "list",
            Family::Cut => "cut",
            Family::If => "if",
        }
    }
}

/// A tag found in a text: its byte range and meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub start: usize,
    pub end: usize,
    pub directive: Directive,
}

/// Finds the next `{% … %}` tag in `text` at or after `from`, outside inline code spans.
/// `text` must end where the line holding `from` ends (callers pass `&text[..line_end]`).
/// `from` is a line start or the end of a previous tag (which was outside code), so
/// code-span parity is counted from there: linear in the line however many tags it holds.
pub fn next_tag(text: &str, from: usize) -> Option<Tag> {
    let mut search = from;
    let mut ticks = 0usize;
    loop {
        let start = find_marker(text, search, *b"{%")?;
        let between = &text[search..start];
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(newline) => ticks = count_ticks(&between[newline..]),
            None => ticks += count_ticks(between),
        }
        if ticks % 2 == 1 {
            search = start + 2;
            continue;
        }
        // Callers cut `text` at the end of the line holding `from`, so the search for `%}`
        // stays on this line; a `{%` without one ends the search for the whole line.
        let end = find_marker(text, start + 2, *b"%}")? + 2;
        let inner = &text[start + 2..end - 2];
        return Some(Tag {
            start,
            end,
            directive: parse_inner(inner),
        });
    }
}

fn count_ticks(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'`').count()
}

fn parse_inner(inner: &str) -> Directive {
    let inner = inner
        .trim()
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim();
    let (name, args) = inner
        .split_once(char::is_whitespace)
        .map_or((inner, ""), |(name, args)| (name, args.trim()));
    match name {
        "include" => {
            let notitle = args.starts_with("notitle");
            let args = args.trim_start_matches("notitle").trim();
            match link_target(args) {
                Some(target) => Directive::Include { target, notitle },
                None => Directive::Unknown(inner.to_owned()),
            }
        }
        "note" => {
            let (kind, rest) = args
                .split_once(char::is_whitespace)
                .map_or((args, ""), |(kind, rest)| (kind, rest.trim()));
            Directive::Note {
                kind: kind.to_owned(),
                title: unquote(rest).trim().to_owned(),
            }
        }
        "endnote" => Directive::EndNote,
        "list" => Directive::List,
        "endlist" => Directive::EndList,
        "cut" => Directive::Cut {
            title: unquote(args).trim().to_owned(),
        },
        "endcut" => Directive::EndCut,
        "if" => Directive::If {
            condition: args.to_owned(),
        },
        "else" => Directive::Else,
        "endif" => Directive::EndIf,
        _ => Directive::Unknown(inner.to_owned()),
    }
}

/// The target of `[text](target)`.
fn link_target(args: &str) -> Option<String> {
    let open = find_marker(args, 0, *b"](")?;
    let rest = &args[open + 2..];
    let close = rest.rfind(')')?;
    let target = rest[..close].trim();
    // A title after the path (`(path "title")`) is not part of it.
    let target = target.split_whitespace().next().unwrap_or_default();
    (!target.is_empty()).then(|| target.to_owned())
}

fn unquote(text: &str) -> &str {
    let text = text.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return inner;
        }
    }
    text
}

/// Evaluates an `{% if %}` condition for the published (production) build. Only
/// `name == 'value'` / `!=` comparisons occur in the docs; anything else is `None`.
pub fn evaluate_condition(condition: &str) -> Option<bool> {
    let (negated, (name, value)) = if let Some(parts) = condition.split_once("!=") {
        (true, parts)
    } else {
        (false, condition.split_once("==")?)
    };
    let value = unquote(value.trim());
    let actual = match name.trim() {
        "build" => "prod",
        _ => return None,
    };
    Some((actual == value) != negated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Directive {
        next_tag(text, 0).unwrap().directive
    }

    #[test]
    fn reads_every_tag_form() {
        assert_eq!(
            tag("{% include notitle [x](../_includes/required.md) %}"),
            Directive::Include {
                target: "../_includes/required.md".into(),
                notitle: true
            }
        );
        assert_eq!(
            tag(r#"{% note warning "Мы еще обновляем эту страницу" %}"#),
            Directive::Note {
                kind: "warning".into(),
                title: "Мы еще обновляем эту страницу".into()
            }
        );
        assert_eq!(
            tag("{% note info %}"),
            Directive::Note {
                kind: "info".into(),
                title: String::new()
            }
        );
        assert_eq!(tag("{% list tabs %}"), Directive::List);
        assert_eq!(tag("{%- endlist -%}"), Directive::EndList);
        assert_eq!(
            tag(r#"{% cut "Поля" %}"#),
            Directive::Cut {
                title: "Поля".into()
            }
        );
        assert_eq!(
            tag("{% frobnicate %}"),
            Directive::Unknown("frobnicate".into())
        );
    }

    #[test]
    fn finds_tags_mid_line_but_not_in_code() {
        let text = "{% endnote %}{% if build == 'dev' %}";
        let first = next_tag(text, 0).unwrap();
        assert_eq!(first.directive, Directive::EndNote);
        let second = next_tag(text, first.end).unwrap();
        assert!(matches!(second.directive, Directive::If { .. }));
        assert!(next_tag("use `{% note %}` here", 0).is_none());
        assert!(next_tag("{% unterminated", 0).is_none());
    }

    #[test]
    fn conditions_are_evaluated_for_production() {
        assert_eq!(evaluate_condition("build == 'dev'"), Some(false));
        assert_eq!(evaluate_condition("build != 'dev'"), Some(true));
        assert_eq!(evaluate_condition("lang == 'en'"), None);
    }
}

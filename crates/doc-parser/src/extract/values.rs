//! Enumerated values: bullet lists whose items are a value in code (or bold) followed by
//! a description, like `` - `online` – Онлайн ``.

use b24_spec::EnumValue;

use crate::page::{List, Node};

use super::inline::{code_spans, leading_bold, plain};

/// Reads a list as enumerated values; `None` unless every item has the value form.
pub fn read_list(list: &List) -> Option<Vec<EnumValue>> {
    let mut values = Vec::with_capacity(list.items.len());
    for item in &list.items {
        let raw = item.text()?.raw.as_str();
        let (value, rest) = leading_value(raw)?;
        if !is_value_like(value) {
            return None;
        }
        let description = rest
            .trim_start()
            .trim_start_matches(['–', '—', '-', ':', '='])
            .trim();
        values.push(EnumValue {
            value: value.to_owned(),
            description: description.to_owned(),
        });
    }
    (!values.is_empty()).then_some(values)
}

/// A value list in a run of blocks, with the sentence that introduces it.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueList {
    /// The introducing paragraph's plain text ("Доступны следующие статусы:").
    pub intro: String,
    pub values: Vec<EnumValue>,
    pub line: u32,
}

/// Finds value lists among `nodes`: a list in value form, introduced by the paragraph just
/// before it (an intro is required outside table cells, where lists are often examples).
pub fn find_lists(nodes: &[&Node], require_intro: bool) -> Vec<ValueList> {
    let mut out = Vec::new();
    let mut previous: Option<&Node> = None;
    for node in nodes {
        if let Node::List(list) = node {
            let intro = match previous {
                Some(Node::Paragraph(text)) if text.plain.trim_end().ends_with(':') => {
                    Some(text.plain.clone())
                }
                _ => None,
            };
            if (intro.is_some() || !require_intro)
                && let Some(values) = read_list(list)
            {
                out.push(ValueList {
                    intro: intro.unwrap_or_default(),
                    values,
                    line: list.line,
                });
            }
        }
        previous = Some(node);
    }
    out
}

/// The value at the start of an item: a code span or a bold word.
fn leading_value(raw: &str) -> Option<(&str, &str)> {
    let raw = raw.trim_start();
    if raw.starts_with('`') {
        let value = *code_spans(raw).first()?;
        let ticks = raw.bytes().take_while(|&b| b == b'`').count();
        let after_open = &raw[ticks..];
        let close = after_open.find(&raw[..ticks])?;
        return Some((value, &after_open[close + ticks..]));
    }
    if let Some((bold, rest)) = leading_bold(raw) {
        let value = bold.trim();
        return (!plain(value).is_empty()).then_some((value.trim_matches('`'), rest));
    }
    None
}

/// Values are short tokens with a letter or digit: not operators (`>=`), not sentences.
fn is_value_like(value: &str) -> bool {
    !value.is_empty()
        && value.chars().count() <= 64
        && !value.contains(char::is_whitespace)
        && value.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    fn lists(md: &str, require_intro: bool) -> Vec<ValueList> {
        let nodes = markdown::parse(md, 1);
        let refs: Vec<&Node> = nodes.iter().collect();
        find_lists(&refs, require_intro)
    }

    #[test]
    fn the_seed_list() {
        let found = lists(
            "Доступны следующие статусы:\n\n- `online` – Онлайн\n- `dnd` – Не беспокоить\n- `away` – Отсутствую\n",
            true,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].intro, "Доступны следующие статусы:");
        let values: Vec<_> = found[0]
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.description.as_str()))
            .collect();
        assert_eq!(
            values,
            vec![
                ("online", "Онлайн"),
                ("dnd", "Не беспокоить"),
                ("away", "Отсутствую")
            ]
        );
    }

    #[test]
    fn operator_lists_and_prose_lists_are_not_enums() {
        assert!(
            lists(
                "Префиксы:\n\n- `>=` — больше либо равно\n- `!@` — NOT IN\n",
                true
            )
            .is_empty()
        );
        assert!(lists("Шаги:\n\n- сначала одно\n- потом другое\n", true).is_empty());
        assert!(lists("- `online` – Онлайн\n", true).is_empty());
        assert_eq!(lists("- `online` – Онлайн\n", false).len(), 1);
    }
}

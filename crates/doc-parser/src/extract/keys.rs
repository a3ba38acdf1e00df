//! Keys of an object described in its own cell, for objects no sub-table describes:
//! "Объект … в формате `{…}`, где\n- `dateFrom` — начало периода\n- `dateTo` — конец"
//! or "Объект со следующими полями:\n- **CONTACT_ID** - идентификатор (обязательное поле)".
//! "принимает массив объектов `entities` с полями" puts the keys under `entities`.
//! Placeholders (`field_n` — название поля) and lists of values, operators or examples
//! are not keys.

use crate::letters;
use crate::lexicon::{self, keys as lx};
use crate::text::Search as _;
use b24_spec::{Param, TypeExpr, TypeRef};

use crate::page::{List, Node};

use super::inline::{code_span_at, code_spans, leading_bold};
use super::params::Entry;
use super::required::{self, Mark};
use super::values::{self, is_placeholder};

/// The keys a description cell lists, as entries.
pub fn in_cell(nodes: &[Node]) -> Vec<Entry> {
    // Keys come from lists only: most cells have none.
    if !nodes.iter().any(|node| matches!(node, Node::List(_))) {
        return Vec::new();
    }
    let all_required = says_all_required(nodes);
    let named = values::named_keys(nodes);
    let mut out = Vec::new();
    let mut previous: Option<&Node> = None;
    for node in nodes {
        if let Node::List(list) = node {
            let intro = match previous {
                Some(Node::Paragraph(text)) => text.raw.as_str(),
                _ => "",
            };
            let keys = read_keys(list, all_required);
            // Without an intro that announces keys: items the cell already called fields
            // ("с полями `A` и `B`").
            let keys_here = introduces_keys(intro)
                || keys
                    .iter()
                    .all(|k| named.iter().any(|n| *n == k.param.name));
            if keys_here && !keys.is_empty() {
                match holder(intro) {
                    Some((name, array)) => out.push(Entry {
                        param: Param {
                            name,
                            ty: TypeRef {
                                written: None,
                                normalized: if array {
                                    TypeExpr::Array(Box::new(TypeExpr::Object))
                                } else {
                                    TypeExpr::Object
                                },
                            },
                            ..Param::default()
                        },
                        mark: if all_required {
                            Mark::Required
                        } else {
                            Mark::None
                        },
                        line: list.line,
                        children: keys,
                        ..Entry::default()
                    }),
                    _ => out.extend(keys),
                }
            }
        }
        previous = Some(node);
    }
    out
}

/// "Если объект передан, все параметры внутри него обязательны".
fn says_all_required(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| match node {
        Node::Paragraph(text) => {
            letters::has_folded(&text.plain, lexicon::required::ALL_WORD)
                && letters::has_folded(&text.plain, lexicon::required::ALL_REQUIRED)
        }
        _ => false,
    })
}

/// An intro that announces keys: "где", "с полями", "следующими полями", "ключи"; not
/// values, operators or examples.
fn introduces_keys(intro: &str) -> bool {
    let lower = intro.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !letters::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .collect();
    let has_prefix = |p: &str| words.iter().any(|w| w.starts_with(p));
    if lx::NOT_KEYS_PREFIXES.iter().any(|p| has_prefix(p)) {
        return false;
    }
    words.iter().any(|w| lx::INTRO_WORDS.contains(w))
}

/// "массив объектов `entities` с полями": the keys belong to `entities`, an array.
fn holder(intro: &str) -> Option<(String, bool)> {
    let lower = intro.to_lowercase();
    let at = lx::HOLDER_PHRASES
        .iter()
        .find_map(|phrase| lower.rfind(phrase))?;
    let before = intro.get(..at)?;
    let name = code_spans(before).last().copied()?;
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let array = lower[..at].has(lx::ARRAY_STEM);
    valid.then(|| (name.to_owned(), array))
}

fn read_keys(list: &List, all_required: bool) -> Vec<Entry> {
    let mut keys = Vec::new();
    for item in &list.items {
        let Some(text) = item.text() else {
            return Vec::new();
        };
        let Some((name, rest)) = leading_key(&text.raw) else {
            return Vec::new();
        };
        let rest = rest.trim_start();
        if !rest.starts_with(['—', '–', '-', ':']) {
            return Vec::new();
        }
        let description = rest.trim_start_matches(['—', '–', '-', ':']).trim();
        let description = description.trim_end_matches([',', ';', '.']).trim_end();
        let enum_values = item
            .children
            .iter()
            .find_map(|child| match child {
                Node::List(inner) => values::read_list(inner, 2),
                _ => None,
            })
            .unwrap_or_default();
        let mark = if all_required {
            Mark::Required
        } else {
            required::text_mark(description)
        };
        keys.push(Entry {
            param: Param {
                name: name.to_owned(),
                description: description.to_owned(),
                enum_values,
                ..Param::default()
            },
            mark,
            line: text.line,
            ..Entry::default()
        });
    }
    // `field_n` — название поля, `value_n` — значение: a template, not keys.
    if keys.iter().all(|k| is_placeholder(&k.param.name)) {
        return Vec::new();
    }
    keys
}

/// A key at the start of an item: a code span or a bold word holding an identifier.
fn leading_key(raw: &str) -> Option<(&str, &str)> {
    let raw = raw.trim_start();
    let (key, rest) = if let Some((code, len)) = code_span_at(raw) {
        (code, &raw[len..])
    } else {
        let (bold, rest) = leading_bold(raw)?;
        (bold.trim().trim_matches('`'), rest)
    };
    let identifier = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'));
    identifier.then_some((key, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    fn keys(md: &str) -> Vec<Entry> {
        in_cell(&markdown::parse(md, 1))
    }

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.param.name.as_str()).collect()
    }

    #[test]
    fn keys_after_where() {
        let found = keys(
            "Объект в формате `{\"dateFrom\": \"0\"}`, где\n- `dateFrom` — начало периода\n- `dateTo` — конец периода\n\nЕсли объект передан, все параметры внутри него обязательны",
        );
        assert_eq!(names(&found), ["dateFrom", "dateTo"]);
        assert_eq!(found[0].param.description, "начало периода");
        assert_eq!(found[0].mark, Mark::Required);
    }

    #[test]
    fn keys_of_a_named_array() {
        let found = keys(
            "Объект для фильтрации по клиенту, принимает массив объектов `entities` с полями\n- `code` — код типа клиента\n- `id` — идентификатор элемента",
        );
        assert_eq!(names(&found), ["entities"]);
        assert_eq!(found[0].param.ty.normalized.to_string(), "object[]");
        assert_eq!(names(&found[0].children), ["code", "id"]);
    }

    #[test]
    fn bold_keys_with_their_own_marks() {
        let found = keys(
            "Объект со следующими полями:\n- **CONTACT_ID** - идентификатор контакта (обязательное поле)\n- **SORT** - индекс сортировки",
        );
        assert_eq!(names(&found), ["CONTACT_ID", "SORT"]);
        assert_eq!(found[0].mark, Mark::Required);
        assert_eq!(found[1].mark, Mark::None);
    }

    #[test]
    fn templates_values_and_operators_are_not_keys() {
        assert!(
            keys(
                "Объект формата:\n\nгде:\n- `field_n` — название поля\n- `value_n` — значение поля"
            )
            .is_empty()
        );
        assert!(keys("Направление сортировки может принимать значения:\n- `asc` — по возрастанию\n- `desc` — по убыванию").is_empty());
        assert!(keys("Возможные значения префикса:\n- `>=` — больше\n- `<` — меньше").is_empty());
    }
}

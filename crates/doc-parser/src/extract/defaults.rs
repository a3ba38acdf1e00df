//! Default values: "По умолчанию `N`", "Значение по умолчанию — `0`", "(по умолчанию 1)",
//! "по умолчанию 'N'", "`first` (по умолчанию)" give a literal; "по умолчанию — текущий
//! пользователь" and conditional defaults ("если … иначе `0`") give prose.

use crate::letters;
use crate::lexicon::defaults as lx;
use crate::text::Search as _;
use b24_spec::DefaultValue;

use crate::page::Node;

use super::inline::{code_span_at, plain};

/// The default a description cell gives, reading its paragraphs and, for "Значение по
/// умолчанию:" followed by a code block, the block; a cell without blocks, in its `raw` text.
pub fn read(nodes: &[Node], raw: &str) -> Option<DefaultValue> {
    for (i, node) in nodes.iter().enumerate() {
        let Node::Paragraph(text) = node else {
            continue;
        };
        if let Some(value) = from_text(&text.raw) {
            return Some(value);
        }
        // "Значение по умолчанию:" then a code block with the value.
        let introduces = text.plain.has(lx::DEFAULT_STEM) && {
            let lower = text.plain.to_lowercase();
            lx::DEFAULT_PHRASES
                .iter()
                .any(|p| lower.trim_end_matches(':').ends_with(p))
        };
        if introduces && let Some(Node::Code(code)) = nodes.get(i + 1) {
            let value = code.text.trim();
            if !value.is_empty() {
                return Some(DefaultValue::Literal(value.to_owned()));
            }
        }
    }
    if nodes.is_empty() {
        return from_text(raw);
    }
    None
}

/// The default in one piece of markdown text.
fn from_text(raw: &str) -> Option<DefaultValue> {
    if !raw.has(lx::DEFAULT_STEM) {
        return None;
    }
    let lower = raw.to_lowercase();
    let mut from = 0;
    while let Some((at, phrase)) = next_phrase(&lower, from) {
        from = at + phrase.len();
        // `first` (по умолчанию): the value is written before the phrase.
        if lower[..at].ends_with('(') && lower[from..].starts_with(')') {
            if let Some(value) = raw.get(..at.saturating_sub(1)).and_then(value_before) {
                return Some(DefaultValue::Literal(value));
            }
            continue;
        }
        let after = raw.get(from..).unwrap_or_default();
        let after = after.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '=')
        });
        let after = after
            .strip_prefix(lx::EQUALS)
            .map_or(after, str::trim_start);
        // "По умолчанию, если …, иначе `0`": a conditional default.
        if let Some(condition) = after.strip_prefix(',').map(str::trim_start)
            && condition.starts_with(lx::IF)
        {
            return Some(DefaultValue::Prose(sentence(condition)));
        }
        if after.is_empty() || after.starts_with(['.', ',', ';', ')', '(']) {
            // "Значение по умолчанию." names the field, it gives no value.
            continue;
        }
        if let Some(value) = literal(skip_fillers(after)) {
            return Some(value);
        }
        let sentence = sentence(after);
        if !sentence.is_empty() {
            return Some(DefaultValue::Prose(sentence));
        }
    }
    None
}

fn next_phrase(lower: &str, from: usize) -> Option<(usize, &'static str)> {
    lx::DEFAULT_PHRASES
        .iter()
        .filter_map(|p| lower.get(from..)?.find_str(p).map(|i| (from + i, *p)))
        .min_by_key(|(at, _)| *at)
}

/// Words between the phrase and the value: "По умолчанию устанавливается `N`",
/// "по умолчанию выставляется в значение `N`", "по умолчанию значение `N`".
fn skip_fillers(text: &str) -> &str {
    let lower = text.to_lowercase();
    for filler in lx::FILLERS {
        if lower.starts_with(filler)
            && let Some(rest) = text.get(filler.len()..)
        {
            return rest
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '-' | ':'));
        }
    }
    text
}

/// A literal at the start of `text`: a code span, a quoted string or one token, that ends
/// its phrase. A condition after it ("`Y`, если …") makes the default prose.
fn literal(text: &str) -> Option<DefaultValue> {
    let (value, len) = if let Some((code, len)) = code_span_at(text) {
        // `event_type=online`: the default written as the assignment.
        let value = match code.split_once('=') {
            Some((name, value))
                if !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !value.trim().is_empty()
                    && !value.contains(char::is_whitespace) =>
            {
                value
            }
            _ => code,
        };
        (value.to_owned(), len)
    } else if let Some(quote) = text.chars().next().filter(|c| matches!(c, '\'' | '"')) {
        let end = text[1..].find(quote)?;
        (text[1..1 + end].to_owned(), end + 2)
    } else {
        let end = text
            .find(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ')' | '('))
            .unwrap_or(text.len());
        let token = &text[..end];
        // A number like `0.0` or `1.5` keeps its dot.
        let end = if text[end..].starts_with('.')
            && token.chars().all(|c| c.is_ascii_digit())
            && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            end + 1
                + text[end + 1..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(text.len() - end - 1)
        } else {
            end
        };
        let token = &text[..end];
        if !is_token(token) {
            return None;
        }
        (token.to_owned(), end)
    };
    let rest = text[len..].trim_start();
    let rest_lower = rest.to_lowercase();
    let conditional = lx::CONDITION_WORDS
        .iter()
        .any(|w| sentence(&rest_lower).has(w));
    let ends = rest.is_empty()
        || rest.starts_with(['.', ',', ';', ')', '\n', '—', '–', '-', '('])
        || rest_lower.starts_with(lx::OR);
    if conditional || !ends {
        return None;
    }
    Some(DefaultValue::Literal(value))
}

/// A bare token that can only be a value: a number, `Y`, `true`, `ASC`, `token`.
fn is_token(token: &str) -> bool {
    !token.is_empty()
        && token.chars().count() <= 32
        && (token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '+'))
            || token
                .chars()
                .all(|c| c.is_numeric() || letters::is_alphabetic(c))
                && token.chars().any(|c| c.is_ascii_digit()))
}

/// The value written just before "(по умолчанию)": a code span or a token.
fn value_before(text: &str) -> Option<String> {
    let text = text.trim_end();
    if let Some(inner) = text.strip_suffix('`') {
        let open = inner.rfind('`')?;
        return Some(inner[open + 1..].trim().to_owned()).filter(|v| !v.is_empty());
    }
    let start = text
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | ',' | '[' | '/'))
        .map_or(0, |i| i + 1);
    let token = &text[start..];
    // "Y/N (по умолчанию)" does not say which one.
    (is_token(token) && !text[..start].ends_with('/')).then(|| token.to_owned())
}

/// The phrase up to the end of its sentence, without markup.
fn sentence(text: &str) -> String {
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let sentence_end = match c {
            '\n' | ';' | ')' => true,
            '.' => text[i + 1..].is_empty() || text[i + 1..].starts_with(char::is_whitespace),
            _ => false,
        };
        if sentence_end {
            end = i;
            break;
        }
    }
    plain(text[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Option<DefaultValue> {
        Some(DefaultValue::Literal(s.into()))
    }

    fn prose(s: &str) -> Option<DefaultValue> {
        Some(DefaultValue::Prose(s.into()))
    }

    #[test]
    fn literals() {
        for (text, value) in [
            ("Флаг. По умолчанию `N`.", "N"),
            ("По умолчанию - `0`", "0"),
            ("Значение по умолчанию — `0`", "0"),
            ("Значение по умолчанию: `fetch`", "fetch"),
            ("Показывать ли карточку (по умолчанию 1).", "1"),
            ("необязательное поле, по умолчанию 'N'", "N"),
            ("Необязательный, по умолчанию `false`. При", "false"),
            (
                "Значение по умолчанию — `{id: 'ASC'}`. Описание",
                "{id: 'ASC'}",
            ),
            ("По умолчанию - `0.0`", "0.0"),
            ("Количество. По умолчанию 1.0", "1.0"),
            ("По умолчанию token.", "token"),
            ("Когда подключать (`first` (по-умолчанию), always)", "first"),
            (
                "Фон. По умолчанию `null` — используется фон из настроек",
                "null",
            ),
            ("(int, по-умолчанию 0)", "0"),
            ("По умолчанию `event_type=online`, и поведение", "online"),
            ("По умолчанию устанавливается `N`", "N"),
            ("по умолчанию выставляется в значение `N`.", "N"),
            ("По умолчанию значение `Y` (свойство активно)", "Y"),
        ] {
            assert_eq!(from_text(text), lit(value), "{text}");
        }
        assert_eq!(
            from_text("По умолчанию используется авторизация пользователя"),
            prose("используется авторизация пользователя")
        );
    }

    #[test]
    fn prose_and_conditional_defaults() {
        assert_eq!(
            from_text("Ответственный, по умолчанию — текущий пользователь."),
            prose("текущий пользователь")
        );
        assert_eq!(
            from_text("По умолчанию — первый доступный тип сделки"),
            prose("первый доступный тип сделки")
        );
        assert_eq!(
            from_text("По умолчанию, если передан `PRODUCT_ID` — из товара, иначе `0`"),
            prose("если передан PRODUCT_ID — из товара, иначе 0")
        );
        assert_eq!(
            from_text("По умолчанию: если передан `PRODUCT_ID` — из товара, иначе `0`"),
            prose("если передан PRODUCT_ID — из товара, иначе 0")
        );
        assert_eq!(
            from_text("По умолчанию `Y`, если задан `ID`"),
            prose("Y, если задан ID")
        );
    }

    #[test]
    fn phrases_that_give_no_value() {
        assert_eq!(from_text("Без умолчаний"), None);
        assert_eq!(from_text("Значение по умолчанию."), None);
        assert_eq!(from_text("Значение по умолчанию, где `1` — да"), None);
        assert_eq!(from_text("Активность [Y/N (по умолчанию)]"), None);
        assert_eq!(
            from_text("Значение по умолчанию.\nПо умолчанию `''`"),
            lit("''")
        );
    }
}

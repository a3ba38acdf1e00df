//! Whether a parameter is required: its own marker (a star, the words "(обязательно)",
//! "Необязательный", a condition) and the page's convention, which decides what an
//! unmarked parameter means. Without a convention an unmarked parameter is `unknown`.

use crate::letters;
use crate::lexicon::required as lx;
use crate::text::Search as _;
use b24_spec::Required;

/// What one row says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mark {
    /// Nothing.
    #[default]
    None,
    /// A required star in the name cell.
    Star,
    /// "(обязательно)", "Обязательный.", a "да" in a required column.
    Required,
    /// "Необязательный", "(необязательное поле)", a "нет" in a required column.
    Optional,
    /// Required only when the condition (the docs' sentence) holds.
    Conditional(String),
}

/// How a page marks required parameters, from all of its parameter tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Convention {
    /// Stars, or the "Обязательные параметры отмечены *" legend (the `required.md` include).
    pub stars: bool,
    /// Some rows say "(обязательно)" in words.
    pub required_words: bool,
    /// Some rows say "Необязательный" in words.
    pub optional_words: bool,
}

impl Convention {
    pub fn note(&mut self, mark: &Mark) {
        match mark {
            Mark::Star => self.stars = true,
            Mark::Required => self.required_words = true,
            Mark::Optional => self.optional_words = true,
            Mark::None | Mark::Conditional(_) => {}
        }
    }

    /// What an unmarked row means. Stars or a legend make it optional; required-words
    /// alone do too, unless the page also marks optional rows in words, in which case an
    /// unmarked row is simply not marked.
    fn unmarked(self) -> Required {
        if self.stars || (self.required_words && !self.optional_words) {
            Required::False
        } else {
            Required::Unknown
        }
    }

    /// The row's required value and its condition, if any.
    pub fn resolve(self, mark: &Mark) -> (Required, Option<String>) {
        match mark {
            Mark::Star | Mark::Required => (Required::True, None),
            Mark::Optional => (Required::False, None),
            Mark::Conditional(condition) => (Required::False, Some(condition.clone())),
            Mark::None => (self.unmarked(), None),
        }
    }
}

/// Reads the required-words in a description's plain text.
pub fn text_mark(plain: &str) -> Mark {
    if !plain.has(lx::REQUIRED_FRAGMENT) && !plain.has(lx::OPTIONAL_FRAGMENT) {
        return Mark::None;
    }
    let lower = plain.to_lowercase();
    let mut found = Mark::None;
    let mut from = 0;
    while let Some(at) = lower[from..].find_str(lx::REQUIRED_STEM).map(|i| from + i) {
        from = at + lx::REQUIRED_STEM.len();
        // "необязательный", "не обязателен".
        let head = lower[..at].trim_end_matches(' ');
        let negated = head.strip_suffix(lx::NEGATION).is_some_and(|before| {
            before.is_empty() || before.ends_with(|c: char| !letters::is_alphabetic(c))
        });
        let start = if negated {
            head.len() - lx::NEGATION.len()
        } else {
            at
        };
        let word_end = lower[at..]
            .find(|c: char| !letters::is_alphabetic(c))
            .map_or(lower.len(), |i| at + i);
        let word = &lower[at..word_end];
        // "обязательно больше 0", "обязательным" (a field's own meaning) are not markers.
        if !(word.starts_with(lx::REQUIRED_WORD) || word == lx::REQUIRED_STEM) {
            continue;
        }
        let before = lower[..start].trim_end();
        let after = &lower[word_end..];
        // "(обяз.)": the abbreviation's dot is part of the word.
        let after = if word == lx::REQUIRED_STEM {
            after.strip_prefix('.').unwrap_or(after)
        } else {
            after
        };
        let after_trim = after.trim_start();
        if !negated && is_condition(after_trim) {
            return Mark::Conditional(sentence_at(plain, &lower, at));
        }
        let opens = before.is_empty()
            || before.ends_with(['(', '.', ',', ';', '—', '-', '–', ':'])
            || before.ends_with('\n');
        // The marker word may be followed by "поле"/"параметр" and must end its phrase.
        let rest = lx::MARKER_NOUNS
            .iter()
            .find_map(|noun| after_trim.strip_prefix(noun))
            .unwrap_or(after_trim)
            .trim_start();
        let closes = rest.is_empty() || rest.starts_with(['.', ',', ')', ';', ':', '\n', '|']);
        if opens && closes && !is_plural(word) {
            let mark = if negated {
                Mark::Optional
            } else {
                Mark::Required
            };
            if found == Mark::None {
                found = mark;
            }
        }
    }
    if found == Mark::None && lower.has(lx::OPTIONAL_STEM) {
        return Mark::Optional;
    }
    found
}

/// "если …", "при …", "только …", "указывать или …", "одно из …" after the marker word.
fn is_condition(after: &str) -> bool {
    let after = after.trim_start_matches([',', ' ']);
    lx::CONDITION_OPENERS.iter().any(|w| after.starts_with(w))
}

/// "Обязательные поля" describes other keys, not this parameter.
fn is_plural(word: &str) -> bool {
    lx::PLURAL_ENDINGS.iter().any(|end| word.ends_with(end))
}

/// The sentence of `plain` around byte `at` of its lowercase form (same byte offsets: the
/// lowercase of Cyrillic and ASCII letters keeps their length).
fn sentence_at(plain: &str, lower: &str, at: usize) -> String {
    let bounds = |c: char| matches!(c, '.' | '\n' | ';' | '(' | ')');
    let start = lower[..at].rfind(bounds).map_or(0, |i| i + 1);
    let end = lower[at..].find(bounds).map_or(lower.len(), |i| at + i);
    plain
        .get(start..end)
        .unwrap_or(&lower[start..end])
        .trim()
        .trim_start_matches([',', ' '])
        .to_owned()
}

/// A legend that defines the star: the `required.md` footnote or its sentence.
pub fn is_legend(plain: &str) -> bool {
    // Cheap test first: every legend has the word, in either case of its first letter.
    if !plain.has(lx::LEGEND_FRAGMENT) {
        return false;
    }
    let lower = plain.to_lowercase();
    lx::LEGEND_SENTENCES.iter().any(|s| lower.has(s))
        || lower
            .trim_start_matches(['\\', '*', ' '])
            .trim_start_matches(['-', '—', '–', ' '])
            .starts_with(lx::LEGEND_STEM)
            && lower.trim_start().starts_with(['\\', '*'])
}

/// A "да/нет" cell of an "Обязательный" column.
pub fn column_mark(plain: &str) -> Mark {
    let cell = plain.trim().to_lowercase();
    if lx::COLUMN_YES.contains(&cell.as_str()) {
        Mark::Required
    } else if lx::COLUMN_NO.contains(&cell.as_str()) {
        Mark::Optional
    } else {
        Mark::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_words() {
        for text in [
            "`id` типа инфоблока (обязательно):",
            "Строковой идентификатор бота (обяз.)",
            "Обязательный. Температура",
            "Температура. Обязательный.",
            "Идентификатор (обязательное поле)",
            "Идентификатор. Обязательный параметр.",
        ] {
            assert_eq!(text_mark(text), Mark::Required, "{text}");
        }
    }

    #[test]
    fn optional_words() {
        for text in [
            "Тип AI (см. описание ниже). Необязательный.",
            "Вложение, необязательное поле",
            "Необязательный, по умолчанию `false`.",
            "Название линии (необязательный)",
        ] {
            assert_eq!(text_mark(text), Mark::Optional, "{text}");
        }
    }

    #[test]
    fn conditions() {
        assert_eq!(
            text_mark("Идентификатор чата. Обязателен, если не передан `DIALOG_ID`"),
            Mark::Conditional("Обязателен, если не передан `DIALOG_ID`".into())
        );
        assert_eq!(
            text_mark("`id` группы (обязательно, если список создается для группы);"),
            Mark::Conditional("обязательно, если список создается для группы".into())
        );
        assert!(matches!(
            text_mark("Токен. Обязателен при авторизации через вебхук, не нужен для OAuth."),
            Mark::Conditional(_)
        ));
        assert!(matches!(
            text_mark("Идентификатор команды (обязательно указывать или COMMAND)"),
            Mark::Conditional(_)
        ));
    }

    #[test]
    fn words_that_are_not_markers() {
        for text in [
            "Идентификатор воронки. Обязательно больше или равен 0.",
            "Является ли пользовательское поле обязательным. Возможные значения:",
            "Обязательные поля: `NAME`, `TYPE`",
            "Код поля. Обязательно уникальный",
            "Без пометок",
        ] {
            assert_eq!(text_mark(text), Mark::None, "{text}");
        }
    }

    #[test]
    fn conventions() {
        let none = Convention::default();
        assert_eq!(none.resolve(&Mark::None), (Required::Unknown, None));
        assert_eq!(none.resolve(&Mark::Star), (Required::True, None));
        let stars = Convention {
            stars: true,
            ..Convention::default()
        };
        assert_eq!(stars.resolve(&Mark::None).0, Required::False);
        let words = Convention {
            required_words: true,
            ..Convention::default()
        };
        assert_eq!(words.resolve(&Mark::None).0, Required::False);
        let both_words = Convention {
            required_words: true,
            optional_words: true,
            ..Convention::default()
        };
        assert_eq!(both_words.resolve(&Mark::None).0, Required::Unknown);
        assert_eq!(
            both_words.resolve(&Mark::Conditional("если".into())),
            (Required::False, Some("если".into()))
        );
    }

    #[test]
    fn legends() {
        assert!(is_legend("Обязательные параметры отмечены *"));
        assert!(is_legend("* - Обязательные параметры"));
        assert!(is_legend("\\* - Обязательный параметр."));
        assert!(!is_legend("* — Социальная сеть признана экстремистской"));
        assert!(!is_legend("Параметры метода"));
    }
}

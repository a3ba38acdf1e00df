//! Letters of the docs' alphabets for phrase matching: case-insensitive search for Russian
//! phrases (the standard library has none) and letter tests. The extractors test cells and
//! sentences against phrases and split them into words many times per page; the standard
//! library looks every Cyrillic letter up in the full Unicode tables. These give the same
//! results.

/// Whether `text.to_lowercase()` holds `needle`, without building the lowercase copy. The
/// needle is lowercase Russian (а..я, ё) and ASCII other than letters: only these letters and
/// their capitals lowercase to them, one character each and in as many bytes, so the
/// lowercase copy holds the needle exactly where the text holds it in some mix of cases.
pub fn has_folded(text: &str, needle: &str) -> bool {
    find_folded(text, needle).is_some()
}

/// Where `text` first holds `needle` in some mix of cases (see [`has_folded`]): the byte
/// offset in `text` itself, which the lowercase copy's may not be.
pub fn find_folded(text: &str, needle: &str) -> Option<usize> {
    debug_assert!(
        needle
            .chars()
            .all(|c| matches!(c, 'а'..='я' | 'ё') || c.is_ascii() && !c.is_ascii_alphabetic()),
        "{needle:?}"
    );
    let pattern = needle.as_bytes();
    // The first letter anchors the scan: its second byte in either case.
    let Some(letter_at) = pattern.iter().position(|&b| b >= 0x80) else {
        return crate::text::find(text, needle);
    };
    let (lead, second) = (pattern[letter_at], pattern[letter_at + 1]);
    let capital_second = match (lead, second) {
        // а..п (D0 B0..BF) and А..П (D0 90..9F).
        (0xD0, _) => second - 0x20,
        // р..я (D1 80..8F) and Р..Я (D0 A0..AF).
        (_, 0x80..=0x8F) => second + 0x20,
        // ё (D1 91) and Ё (D0 81).
        _ => second - 0x10,
    };
    let bytes = text.as_bytes();
    memchr::memchr2_iter(second, capital_second, bytes).find_map(|at| {
        let start = at.checked_sub(letter_at + 1)?;
        let window = bytes.get(start..start + pattern.len())?;
        matches_folded(window, pattern).then_some(start)
    })
}

/// Whether `text.to_lowercase()` starts with `prefix`, under the terms of [`has_folded`].
pub fn starts_folded(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|window| matches_folded(window, prefix.as_bytes()))
}

/// Whether `window` lowercases to `pattern` (see [`has_folded`]).
fn matches_folded(window: &[u8], pattern: &[u8]) -> bool {
    let mut i = 0;
    while i < pattern.len() {
        let expected = pattern[i];
        if expected < 0x80 {
            if window[i] != expected {
                return false;
            }
            i += 1;
            continue;
        }
        let (Some(&lead), Some(&second)) = (window.get(i), window.get(i + 1)) else {
            return false;
        };
        let lower = match (lead, second) {
            // А..П, Р..Я, Ѐ..Џ.
            (0xD0, 0x90..=0x9F) => (0xD0, second + 0x20),
            (0xD0, 0xA0..=0xAF) => (0xD1, second - 0x20),
            (0xD0, 0x80..=0x8F) => (0xD1, second + 0x10),
            other => other,
        };
        if lower != (expected, pattern[i + 1]) {
            return false;
        }
        i += 2;
    }
    true
}

/// `char::is_alphanumeric` without the Unicode table for ASCII and the Russian alphabet
/// (word splitting in the phrase readers runs over every cell).
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\x7F' => c.is_ascii_alphanumeric(),
        'А'..='я' | 'Ё' | 'ё' => true,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_alphabetic`, the same way.
pub fn is_alphabetic(c: char) -> bool {
    match c {
        '\0'..='\x7F' => c.is_ascii_alphabetic(),
        'А'..='я' | 'Ё' | 'ё' => true,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_tests_agree_with_std() {
        for code in 0..0x2200u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{code:04X}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{code:04X}");
        }
    }

    #[test]
    fn folded_search_agrees_with_lowercase() {
        use crate::text::Search as _;
        let texts = [
            "",
            "Возможные ЗНАЧЕНИЯ: `Y`",
            "значение",
            "ЗнАчЕнИе по умолчанию",
            "Либо text, ЛИБО image",
            "либо",
            "Ёлка и ёж, ЕЛКА",
            "см. НИЖЕ",
            "—значени—",
            "\u{130}значение İ",
            "ΣΑΣ значение",
            "массив Объектов",
            "Без Параметров.",
            "xзначениx",
        ];
        let needles = [
            "значени",
            "либо ",
            "ниже",
            "ёлка",
            "ёж,",
            "без параметров",
            "массив объект",
            ": `",
            "по умолчанию",
            "ё",
            "я",
        ];
        for text in texts {
            for needle in needles {
                assert_eq!(
                    has_folded(text, needle),
                    text.to_lowercase().has(needle),
                    "{text:?} {needle:?}"
                );
                if let Some(at) = find_folded(text, needle) {
                    assert!(text[at..].to_lowercase().starts_with(needle));
                    assert!(!text[..at].to_lowercase().has(needle));
                }
            }
        }
        for text in texts {
            for prefix in ["значени", "либо ", "ё", ""] {
                assert_eq!(
                    starts_folded(text, prefix),
                    text.to_lowercase().starts_with(prefix),
                    "{text:?} {prefix:?}"
                );
            }
        }
        // Every Cyrillic capital and small letter against every letter of the alphabet.
        for code in 0x400..0x460u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("a{c}b");
            for needle in ["а", "п", "р", "я", "ё"] {
                assert_eq!(
                    has_folded(&text, needle),
                    text.to_lowercase().has(needle),
                    "{text:?} {needle:?}"
                );
            }
        }
    }
}

//! Case-insensitive phrase tests for the phrase readers: the docs write the same phrase as
//! a heading ("Возвращаемые данные"), in a sentence ("возвращаемые данные") or in capitals.

/// Whether `text`, lowercased, holds `needle` (lowercase).
pub fn has_folded(text: &str, needle: &str) -> bool {
    text.to_lowercase().contains(needle)
}

/// Whether `text`, lowercased, starts with `prefix` (lowercase).
pub fn starts_folded(text: &str, prefix: &str) -> bool {
    text.to_lowercase().starts_with(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_in_any_case() {
        assert!(has_folded("Возможные ЗНАЧЕНИЯ: `Y`", "значени"));
        assert!(has_folded("Ёлка и ёж", "ёлка"));
        assert!(!has_folded("значени", "значение"));
        assert!(starts_folded("Массив Объектов", "массив объект"));
        assert!(!starts_folded("Это массив", "массив"));
    }
}

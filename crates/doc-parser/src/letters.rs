//! Letters of the docs' alphabets for phrase matching: lowercasing and letter tests. The
//! extractors lowercase headings, cells and sentences and split them into words many times
//! per page; the standard library looks every Cyrillic letter up in the full Unicode tables,
//! which was a tenth of the import. These give the same results.

/// `str::to_lowercase`, with a direct path for ASCII, Cyrillic and the punctuation the docs
/// use; any other character sends the whole text through the standard library (which also
/// keeps its context rule for a final sigma).
pub trait Lowercase {
    fn lowercase(&self) -> String;
}

impl Lowercase for str {
    fn lowercase(&self) -> String {
        // Byte by byte for ASCII and two-byte Cyrillic (most of the docs' text); anything
        // else goes through `lower_char`, and what that does not know through the
        // standard library.
        let bytes = self.as_bytes();
        let mut out = String::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            let (c, len) = match (byte, bytes.get(i + 1)) {
                (0..=0x7F, _) => (char::from(byte.to_ascii_lowercase()), 1),
                (0xD0 | 0xD1, Some(&second)) => {
                    let code = (u32::from(byte & 0x1F) << 6) | u32::from(second & 0x3F);
                    let lower = match code {
                        0x400..=0x40F => code + 0x50,
                        0x410..=0x42F => code + 0x20,
                        _ => code,
                    };
                    match char::from_u32(lower).and_then(lower_char) {
                        Some(c) => (c, 2),
                        None => return self.to_lowercase(),
                    }
                }
                _ => {
                    let Some(c) = self[i..].chars().next() else {
                        break;
                    };
                    match lower_char(c) {
                        Some(lower) => (lower, c.len_utf8()),
                        None => return self.to_lowercase(),
                    }
                }
            };
            out.push(c);
            i += len;
        }
        out
    }
}

/// The lowercase of `c` where it is one character and known without the Unicode table.
fn lower_char(c: char) -> Option<char> {
    match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        '\0'..='\x7F' => Some(c),
        // Ѐ..Џ and А..Я; а..я and ѐ..џ are already lowercase.
        '\u{400}'..='\u{40F}' => char::from_u32(u32::from(c) + 0x50),
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20),
        'а'..='я' | '\u{450}'..='\u{45F}' => Some(c),
        // No case: Latin-1 punctuation, general punctuation (dashes, quotes, spaces), №,
        // arrows.
        '\u{A0}'..='\u{BF}' | '\u{2000}'..='\u{206F}' | '№' | '\u{2190}'..='\u{21FF}' => Some(c),
        _ => None,
    }
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
    fn every_char_below_u_2200_lowercases_like_std() {
        for code in 0..0x2200u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("x{c}Y");
            assert_eq!(text.lowercase(), text.to_lowercase(), "U+{code:04X}");
        }
    }

    #[test]
    fn mixed_text_and_fallback() {
        for text in ["Параметры ЗАПРОСА — «Ёлка» №1", "ΣΑΣ ends", "Ⅻ and Ω", ""]
        {
            assert_eq!(text.lowercase(), text.to_lowercase(), "{text}");
        }
    }
}

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
        // Byte by byte: ASCII and two-byte Cyrillic letters map to letters of the same
        // length. Anything else goes through `lower_char`, and what that does not know
        // through the standard library.
        let bytes = self.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            match (byte, bytes.get(i + 1).copied()) {
                (b'A'..=b'Z', _) => out.push(byte + 32),
                (0..=0x7F, _) => out.push(byte),
                // Two-byte Cyrillic: Ѐ..Џ → ѐ..џ, А..П → а..п, Р..Я → р..я; lowercase stays.
                (0xD0 | 0xD1, Some(second)) => {
                    let lower = match (byte, second) {
                        (0xD0, 0x80..=0x8F) => Some([0xD1, second + 0x10]),
                        (0xD0, 0x90..=0x9F) => Some([0xD0, second + 0x20]),
                        (0xD0, 0xA0..=0xAF) => Some([0xD1, second - 0x20]),
                        (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x9F) => Some([byte, second]),
                        _ => None,
                    };
                    let Some(lower) = lower else {
                        return self.to_lowercase();
                    };
                    out.extend_from_slice(&lower);
                    i += 2;
                    continue;
                }
                _ => {
                    let Some(c) = self[i..].chars().next() else {
                        break;
                    };
                    let Some(lower) = lower_char(c) else {
                        return self.to_lowercase();
                    };
                    let mut buffer = [0; 4];
                    out.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
                    i += c.len_utf8();
                    continue;
                }
            }
            i += 1;
        }
        String::from_utf8(out).unwrap_or_else(|_| self.to_lowercase())
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

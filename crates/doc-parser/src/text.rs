//! Substring search for the phrase readers. `str::contains` and `str::find` with a `&str`
//! pattern build a two-way searcher on every call, which costs more than the search itself
//! on the short sentences and cells the extractors test against dozens of phrases.

/// Haystacks from this length on may go to memchr's linear-time searcher; below it, a
/// candidate scan on one byte of the needle is cheaper than building a searcher.
const SHORT: usize = 256;

/// Candidates the scan may reject before a long haystack goes to the linear-time searcher:
/// building one costs about as much as a few dozen rejected candidates.
const MAX_MISSES: usize = 8;

/// The most frequent bytes of the docs' markdown, about half of it: a space, the lead bytes
/// of Cyrillic letters, a line break, `.`, and the commonest Latin and Russian letters
/// (о, е, а, и, т, н: 0xBE, 0xB5, 0xB0, 0xB8, 0x82, 0xBD as second bytes).
const COMMON: ByteSet = ByteSet::of(b" \xD0\xD1\n.etrsiaonld\xBE\xB5\xB0\xB8\x82\xBD");

/// `str::find`, `str::contains` and `str::rfind` with a `&str` needle, same results.
pub trait Search {
    fn find_str(&self, needle: &str) -> Option<usize>;
    fn has(&self, needle: &str) -> bool;
}

impl Search for str {
    fn find_str(&self, needle: &str) -> Option<usize> {
        find(self, needle)
    }

    fn has(&self, needle: &str) -> bool {
        find(self, needle).is_some()
    }
}

/// The start of the first `needle` in `haystack`. Both are valid UTF-8, so a match always
/// starts on a character boundary.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    if needle.len() > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(0);
    }
    // Candidates by the needle's first byte that is not among the most frequent of the
    // docs' text (blanks, Cyrillic lead bytes, the commonest letters), else its first byte
    // that is not a Cyrillic lead byte or a space.
    let anchor = needle
        .iter()
        .position(|&b| !COMMON.contains(b))
        .or_else(|| {
            needle
                .iter()
                .position(|&b| b != 0xD0 && b != 0xD1 && b != b' ')
        })
        .unwrap_or(0);
    let last_start = hay.len() - needle.len();
    let mut misses = 0;
    for start in memchr::memchr_iter(needle[anchor], &hay[anchor..=last_start + anchor]) {
        // The last byte first: it rejects most candidates without a call to memcmp.
        let end = start + needle.len();
        if hay[end - 1] == needle[needle.len() - 1] && hay[start..end] == *needle {
            return Some(start);
        }
        misses += 1;
        // A common anchor in a long haystack: at most MAX_MISSES × needle bytes compared
        // before the rest goes to the linear-time searcher.
        if misses >= MAX_MISSES && hay.len() - start >= SHORT {
            let from = start + 1;
            return memchr::memmem::find(&hay[from..], needle).map(|at| from + at);
        }
    }
    None
}

/// A set of bytes for [`skip_others`], built at compile time.
pub struct ByteSet([bool; 256]);

impl ByteSet {
    pub const fn of(members: &[u8]) -> ByteSet {
        let mut table = [false; 256];
        let mut i = 0;
        while i < members.len() {
            table[members[i] as usize] = true;
            i += 1;
        }
        ByteSet(table)
    }

    /// Every byte but `others`.
    pub const fn except(others: &[u8]) -> ByteSet {
        let mut table = [true; 256];
        let mut i = 0;
        while i < others.len() {
            table[others[i] as usize] = false;
            i += 1;
        }
        ByteSet(table)
    }

    pub fn contains(&self, byte: u8) -> bool {
        self.0[usize::from(byte)]
    }
}

/// The first index at or after `from` whose byte is in `set` (or `bytes.len()`): the byte
/// scanners and inline readers step over plain text with it. The first 16 bytes are looked
/// at one by one (most runs in cells and examples end there), the rest 16 bytes a step (one
/// branch a chunk costs far less than one a byte on long prose).
#[inline]
pub fn skip_others(bytes: &[u8], from: usize, set: &ByteSet) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    let head = rest.len().min(16);
    if let Some(n) = rest[..head].iter().position(|&b| set.contains(b)) {
        return from + n;
    }
    let mut chunks = rest[head..].chunks_exact(16);
    let mut at = from + head;
    for chunk in chunks.by_ref() {
        if chunk
            .iter()
            .fold(false, |found, &b| found | set.contains(b))
        {
            break;
        }
        at += 16;
    }
    bytes[at..]
        .iter()
        .position(|&b| set.contains(b))
        .map_or(bytes.len(), |n| at + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_to_the_next_member() {
        const SET: ByteSet = ByteSet::of(b"|`");
        assert_eq!(skip_others(b"ab|c`", 0, &SET), 2);
        assert_eq!(skip_others(b"ab|c`", 3, &SET), 4);
        assert_eq!(skip_others(b"abc", 1, &SET), 3);
        assert_eq!(skip_others(b"abc", 5, &SET), 3);
        const NOT_A: ByteSet = ByteSet::except(b"a");
        assert_eq!(skip_others(b"aab", 0, &NOT_A), 2);
        // Chunks of 16 and the tail agree with a byte-by-byte scan from every offset.
        let text = "Идентификатор элемента, `ID` и **поле** [ссылка](x.md) | конец ".repeat(3);
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() + 1 {
            let expected = bytes
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| SET.contains(b)))
                .map_or(bytes.len(), |at| from + at);
            assert_eq!(skip_others(bytes, from, &SET), expected, "from {from}");
        }
    }

    #[test]
    fn agrees_with_std() {
        let long = "слово ".repeat(700) + "значения: `Y` — да";
        let hays = [
            "",
            "a",
            "Возможные значения:",
            "с полями `A` и `B`",
            "ааааб",
            "xx](y)",
            "\n\n||",
            long.as_str(),
        ];
        let needles = [
            "",
            "a",
            "значени",
            "поля ",
            "аб",
            "](",
            "\n||",
            "\n\n",
            "да",
            "ё",
            "`Y`",
        ];
        // Many candidates for the anchor byte (`з`) in a long text: the scan hands over to
        // the linear-time searcher.
        let crowded = "з".repeat(300) + "значение " + &"з".repeat(300);
        let hays = hays.into_iter().chain([crowded.as_str(), &crowded[..600]]);
        let needles = needles.into_iter().chain(["значени", "зн", "ззз"]);
        let needles: Vec<&str> = needles.collect();
        for hay in hays {
            for &needle in &needles {
                assert_eq!(hay.find_str(needle), hay.find(needle), "{hay:?} {needle:?}");
                assert_eq!(hay.has(needle), hay.contains(needle), "{hay:?} {needle:?}");
            }
        }
    }
}

//! Byte scanners for the block and inline readers: step over plain text to the next byte
//! of interest.

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
}

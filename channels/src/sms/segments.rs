//! How many SMS segments a text costs.
//!
//! A single SMS carries 140 bytes. Text that fits the GSM 03.38 alphabet is packed as
//! 7-bit septets (160 per message); anything else goes as UCS-2 (70 UTF-16 code units).
//! A longer text is split into parts that each lose room to a concatenation header: 153
//! septets or 67 code units. One emoji or one "á" turns the whole text into UCS-2, which
//! is why the console shows staff the count before they send. Segments are billed, and
//! long replies can arrive out of order on older handsets.
//!
//! This is the count for the text as written; a provider's "smart encoding" that swaps
//! look-alike characters (curly quotes, "á" -> "a") could make it cheaper.

/// How the text would be encoded on the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// GSM 03.38 default alphabet plus its extension table, 7 bits per character.
    Gsm7,
    /// UCS-2 (UTF-16), 16 bits per code unit.
    Ucs2,
}

/// Single-message and per-part capacity, in septets (GSM-7) or code units (UCS-2).
impl Encoding {
    /// Units that fit in a text sent as one message.
    pub fn single_limit(self) -> usize {
        match self {
            Encoding::Gsm7 => 160,
            Encoding::Ucs2 => 70,
        }
    }

    /// Units that fit in each part of a multi-part (concatenated) message.
    pub fn part_limit(self) -> usize {
        match self {
            Encoding::Gsm7 => 153,
            Encoding::Ucs2 => 67,
        }
    }
}

/// The result of [`count`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentCount {
    pub encoding: Encoding,
    /// Characters as a person counts them (Unicode scalar values).
    pub characters: usize,
    /// Units on the air: septets for GSM-7 (extension characters take two), UTF-16 code
    /// units for UCS-2 (an emoji outside the BMP takes two).
    pub units: usize,
    /// Messages billed; 0 for an empty text.
    pub segments: usize,
}

/// GSM 03.38 default alphabet, in table order (0x1B, the escape, is left out).
const GSM_BASIC: &str = concat!(
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNO",
    "PQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmno",
    "pqrstuvwxyzäöñüà",
);

/// Characters reached through the escape: each costs two septets.
const GSM_EXTENSION: &str = "\u{0C}^{}\\[~]|€";

/// Septets `c` takes in GSM-7, or `None` if GSM-7 cannot carry it.
pub fn gsm7_septets(c: char) -> Option<usize> {
    if GSM_BASIC.contains(c) {
        Some(1)
    } else if GSM_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Whether every character of `text` is in the GSM-7 alphabet (basic or extension).
pub fn is_gsm7(text: &str) -> bool {
    text.chars().all(|c| gsm7_septets(c).is_some())
}

/// Counts characters, on-air units and segments for `text`.
///
/// Parts are packed the way handsets and providers do: a character is never split
/// between two parts, so an escaped GSM character or a surrogate pair that would straddle
/// a boundary moves whole to the next part. That can make the count one more than
/// `ceil(units / part_limit)`.
pub fn count(text: &str) -> SegmentCount {
    let characters = text.chars().count();
    let (encoding, unit_sizes): (Encoding, Vec<usize>) = if is_gsm7(text) {
        (Encoding::Gsm7, text.chars().filter_map(gsm7_septets).collect())
    } else {
        (Encoding::Ucs2, text.chars().map(char::len_utf16).collect())
    };
    let units = unit_sizes.iter().sum();
    let segments = if units == 0 {
        0
    } else if units <= encoding.single_limit() {
        1
    } else {
        pack(&unit_sizes, encoding.part_limit())
    };
    SegmentCount { encoding, characters, units, segments }
}

/// Number of parts of at most `limit` units needed for characters of the given sizes,
/// filling each part greedily and never splitting a character.
fn pack(sizes: &[usize], limit: usize) -> usize {
    let mut parts = 1;
    let mut used = 0;
    for &size in sizes {
        if used + size > limit {
            parts += 1;
            used = 0;
        }
        used += size;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::{GSM_BASIC, GSM_EXTENSION};

    #[test]
    fn tables_have_the_sizes_the_standard_gives() {
        // 128 positions, one of which (0x1B) is the escape to the extension table.
        assert_eq!(GSM_BASIC.chars().count(), 127);
        assert_eq!(GSM_EXTENSION.chars().count(), 10);
    }
}

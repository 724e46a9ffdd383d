//! Near-duplicate detection: MinHash signatures over shingles of normalised
//! text, and the locality-sensitive bands that find candidates.
//!
//! The text is normalised like everything else (NFKC, lower case, Traditional
//! folded to Simplified) and cut into tokens: each word of an alphabetic
//! script is a token, each CJK character is one. A shingle is
//! [`SHINGLE_TOKENS`] consecutive tokens (five words, or five characters of
//! Chinese or Japanese). The signature holds, for each of [`PERMUTATIONS`]
//! hash functions, the least hash of any shingle; the share of equal values
//! of two signatures estimates the Jaccard similarity of their shingle sets.
//! Two statements are near-duplicates at an estimate of [`THRESHOLD`] or more.
//!
//! The index keeps the low byte of each value only ("b-bit MinHash", 128
//! bytes a statement: a full signature of 32-bit values in hex had made the
//! index half as large again on short readouts); [`Signature::similarity`]
//! compares low bytes and corrects for their chance collisions (1 in 256).

use super::{pieces, Normalized, PieceKind};

/// Tokens per shingle.
pub const SHINGLE_TOKENS: usize = 5;
/// Hash functions in a signature.
pub const PERMUTATIONS: usize = 128;
/// Signature values per LSH band ([`PERMUTATIONS`] / this many bands).
pub const BAND_ROWS: usize = 8;
/// The estimated Jaccard similarity at or above which two statements are
/// near-duplicates (republications of one text).
pub const THRESHOLD: f64 = 0.8;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

/// The multipliers and increments of the hash functions (fixed: a signature
/// written today must compare with one written next year).
fn permutation(i: usize) -> (u64, u64) {
    // SplitMix64 of the index: odd multipliers, arbitrary increments.
    let mix = |mut z: u64| {
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    (mix(2 * i as u64) | 1, mix(2 * i as u64 + 1))
}

/// The tokens of a text for shingling: words, and CJK characters one by one.
fn tokens(normalized: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for piece in pieces(normalized) {
        match piece.kind {
            PieceKind::Word => out.push(piece.text),
            PieceKind::Cjk => {
                let mut rest = piece.text;
                while let Some(c) = rest.chars().next() {
                    out.push(&rest[..c.len_utf8()]);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
    }
    out
}

/// The signature of a text; `None` when it has no letters or digits at all.
pub fn signature(text: &str) -> Option<Signature> {
    let normalized = Normalized::new(text);
    let tokens = tokens(&normalized.text);
    // Fewer tokens than one shingle: one "shingle" of the whole text, whose
    // MinHash says only "equal or not" — no near-duplicate measure, and a
    // run of a million tiny records would keep a signature and 16 band keys
    // for each (reliability sweep 2, item 13).
    if tokens.len() < SHINGLE_TOKENS {
        return None;
    }
    let width = SHINGLE_TOKENS;
    let perms: Vec<(u64, u64)> = (0..PERMUTATIONS).map(permutation).collect();
    let mut mins = vec![u32::MAX; PERMUTATIONS];
    let mut shingle = Vec::new();
    for window in tokens.windows(width) {
        shingle.clear();
        for t in window {
            shingle.extend_from_slice(t.as_bytes());
            shingle.push(0);
        }
        let h = xxhash_rust::xxh3::xxh3_64(&shingle);
        for (min, (a, b)) in mins.iter_mut().zip(&perms) {
            let v = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
            if v < *min {
                *min = v;
            }
        }
    }
    Some(Signature(mins))
}

impl Signature {
    /// The estimated Jaccard similarity of two signatures, 0..1, from the
    /// low bytes of their values (what the index keeps): the share of equal
    /// bytes `m` is J + (1 − J)/256, so J = (m − 1/256) / (1 − 1/256).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.0.is_empty() {
            return 0.0;
        }
        let same = self
            .0
            .iter()
            .zip(&other.0)
            .filter(|(a, b)| (*a & 0xFF) == (*b & 0xFF))
            .count();
        let share = same as f64 / self.0.len() as f64;
        let chance = 1.0 / 256.0;
        ((share - chance) / (1.0 - chance)).clamp(0.0, 1.0)
    }

    /// Near-duplicates: [`Signature::similarity`] at least [`THRESHOLD`].
    pub fn is_near_duplicate(&self, other: &Signature) -> bool {
        self.similarity(other) >= THRESHOLD
    }

    /// The LSH band keys, each prefixed by `scope` (the language: only
    /// statements of one language are compared), from the full values. Two
    /// signatures with a Jaccard similarity of 0.8 share one of the 16 bands
    /// with probability 1 − (1 − 0.8⁸)¹⁶ ≈ 0.95, at 0.85 ≈ 0.994, at 0.9 >
    /// 0.9999; at 0.3, about 0.001.
    pub fn bands(&self, scope: &str) -> Vec<String> {
        self.0
            .chunks(BAND_ROWS)
            .enumerate()
            .map(|(i, rows)| {
                let mut bytes = Vec::with_capacity(rows.len() * 4);
                for r in rows {
                    bytes.extend_from_slice(&r.to_le_bytes());
                }
                let hash = xxhash_rust::xxh3::xxh3_64(&bytes) as u32;
                format!("{scope}:{i:x}:{hash:08x}")
            })
            .collect()
    }

    /// The low byte of each value, two hex digits each (what the index keeps).
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|v| format!("{:02x}", v & 0xFF)).collect()
    }

    /// Read [`Signature::to_hex`] back (low bytes only); `None` when damaged.
    pub fn from_hex(hex: &str) -> Option<Signature> {
        if hex.len() != PERMUTATIONS * 2 || !hex.is_ascii() {
            return None;
        }
        (0..PERMUTATIONS)
            .map(|i| u32::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok())
            .collect::<Option<Vec<u32>>>()
            .map(Signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const READOUT: &str = "On the evening of November 24, President Xi Jinping \
        had a phone call with U.S. President Donald Trump. The two heads of state \
        reviewed the consensus reached in Busan and discussed trade, Ukraine and \
        the Taiwan question. Xi stressed that Taiwan's return to China is an \
        integral part of the post-war international order. Trump said the United \
        States understands how important the Taiwan question is to China.";

    #[test]
    fn republications_are_near_duplicates_and_other_texts_are_not() {
        let a = signature(READOUT).unwrap();
        let b = signature(&format!(
            "Xinhua, Beijing, November 24 --   {}",
            READOUT.replace(". ", ".\n\n")
        ))
        .unwrap();
        assert!(a.is_near_duplicate(&b), "{}", a.similarity(&b));
        let other = signature(
            "President Trump spoke with President Xi Jinping of China today. \
             The leaders discussed trade, fentanyl and Ukraine, and agreed to \
             meet in April in Beijing.",
        )
        .unwrap();
        assert!(a.similarity(&other) < 0.3, "{}", a.similarity(&other));
        let stored = Signature::from_hex(&a.to_hex()).unwrap();
        assert_eq!(
            stored.similarity(&a),
            1.0,
            "the stored bytes compare with the full values"
        );
        assert_eq!(stored.to_hex(), a.to_hex());
        assert!(stored.similarity(&other) < 0.3);
        assert_eq!(a.bands("en").len(), PERMUTATIONS / BAND_ROWS);
        assert!(signature(" — ").is_none());
        assert!(signature("A call on trade.").is_none(), "under one shingle");
        assert!(signature("A call on trade and Taiwan.").is_some());
    }

    #[test]
    fn cjk_is_shingled_by_character() {
        let a =
            signature("习近平同美国总统特朗普通电话。两国元首回顾了釜山会晤达成的共识。").unwrap();
        let b = signature(
            "新华社北京11月24日电 習近平同美國總統特朗普通電話。两国元首回顾了釜山会晤达成的共识。",
        )
        .unwrap();
        assert!(a.similarity(&b) >= 0.6, "{}", a.similarity(&b));
    }
}

//! Which script is this character? One answer for the whole crate: the
//! analyzer (which runs are CJK), the statement model (joining hard-wrapped
//! CJK lines, turn labels) and the importer (the language of a text) all ask
//! here, so they cannot disagree.
//!
//! Scripts come from the Unicode Script property (the `unicode-script` crate),
//! so every Han block counts, the extensions added in later Unicode versions
//! (Extension H, U+31350–U+323AF, and those after it) included. A few characters are placed
//! by hand where the property says `Common` but CJK text treats them as its own:
//! the kana voicing marks (U+3099–U+309C), the double hyphen U+30A0 and the
//! prolonged sound mark ー (U+30FC). CJK punctuation and symbols (、。「」,
//! the katakana middle dot ・, radicals, strokes) are not CJK letters.

use unicode_script::{Script as Property, UnicodeScript};

/// The script of a letter, as far as the crate cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Han ideographs (Chinese characters, kanji, hanja), with 々 and 〇.
    Han,
    /// Hiragana and katakana.
    Kana,
    /// Hangul syllables and jamo.
    Hangul,
    /// Latin letters (A–Z, accented and extended forms).
    Latin,
    /// A letter of any other script (Cyrillic, Arabic, …).
    Other,
}

/// The script of `c`, or `None` for what is not a letter (digits,
/// punctuation, symbols, spaces).
pub fn script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if is_han(c) {
        return Some(Script::Han);
    }
    if is_kana(c) {
        return Some(Script::Kana);
    }
    if is_hangul(c) {
        return Some(Script::Hangul);
    }
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c.script() {
        Property::Latin => Script::Latin,
        _ => Script::Other,
    })
}

/// Is `c` a CJK letter: a Han ideograph, kana or Hangul?
///
/// The analyzer cuts text into CJK runs (jieba words and bigrams) and runs of
/// other letters with this test.
pub fn is_cjk(c: char) -> bool {
    match c as u32 {
        0..=0x7F => false,
        // The common blocks first: this runs on every character analysed.
        0x4E00..=0x9FFF | 0xAC00..=0xD7A3 | 0x3041..=0x3096 | 0x30A1..=0x30FA => true,
        _ => is_han(c) || is_kana(c) || is_hangul(c),
    }
}

/// Is `c` a Han ideograph (any block, every extension and the compatibility
/// ideographs included), or 々 (U+3005) or 〇 (U+3007)?
pub fn is_han(c: char) -> bool {
    // The Han script also holds radicals, Hangzhou numerals and ideographic
    // punctuation, which are symbols or numbers, not words. (Blocks, not the
    // Alphabetic property: the standard library may know fewer characters
    // than the script tables, and a new ideograph is still an ideograph.)
    c.script() == Property::Han
        && !matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{16FE0}'..='\u{16FFF}')
        && (!('\u{3000}'..='\u{303F}').contains(&c) || matches!(c, '\u{3005}' | '\u{3007}'))
}

/// Is `c` hiragana or katakana (with the voicing marks and ー)?
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3099}'..='\u{309C}' | '\u{30A0}' | '\u{30FC}')
        || (matches!(c.script(), Property::Hiragana | Property::Katakana) && c.is_alphabetic())
}

/// Is `c` Hangul: a syllable or a jamo (conjoining, compatibility or
/// half-width)?
pub fn is_hangul(c: char) -> bool {
    c.script() == Property::Hangul && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_of_every_extension() {
        for c in [
            '台',
            '湾',
            '㐀',
            '豈',
            '𠀀',
            '𰀀',
            '\u{31350}',
            '\u{323AF}',
            '々',
            '〇',
        ] {
            assert!(is_han(c) && is_cjk(c), "U+{:04X}", c as u32);
            assert_eq!(script(c), Some(Script::Han), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn hangul_syllables_and_jamo() {
        for c in [
            '한', '\u{1100}', '\u{11A8}', 'ㄱ', '\u{A960}', '\u{D7B0}', 'ﾡ',
        ] {
            assert!(is_hangul(c) && is_cjk(c), "U+{:04X}", c as u32);
            assert_eq!(script(c), Some(Script::Hangul));
        }
    }

    #[test]
    fn kana() {
        for c in ['あ', 'ア', 'ー', 'ㇰ', 'ｱ', '゛'] {
            assert!(is_kana(c) && is_cjk(c), "U+{:04X}", c as u32);
            assert_eq!(script(c), Some(Script::Kana));
        }
    }

    #[test]
    fn latin_digits_and_punctuation_are_not_cjk() {
        for c in [
            'a', 'Z', 'é', 'ß', '1', '１', ' ', '\u{3000}', '、', '。', '・', '「', '⺀', '〡',
        ] {
            assert!(!is_cjk(c), "U+{:04X}", c as u32);
        }
        assert_eq!(script('a'), Some(Script::Latin));
        assert_eq!(script('é'), Some(Script::Latin));
        assert_eq!(script('Ж'), Some(Script::Other));
        assert_eq!(script('1'), None);
        assert_eq!(script('、'), None);
    }

    /// The test the analyzer used before this module, kept to pin down what
    /// changed: only letters it missed (Extension H and later Han, jamo and
    /// other Hangul letters, kana outside its blocks) and unassigned code
    /// points (no longer CJK).
    fn old_is_cjk(c: char) -> bool {
        matches!(c as u32,
            0x3005 | 0x3007 | 0x3040..=0x309F | 0x30A0..=0x30FA | 0x30FC..=0x30FF
            | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF | 0x20000..=0x3134F)
    }

    #[test]
    fn differs_from_the_old_ranges_only_by_letters_they_missed() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_cjk(c), is_han(c) || is_kana(c) || is_hangul(c));
            if is_cjk(c) == old_is_cjk(c) {
                continue;
            }
            let unassigned = c.script() == Property::Unknown;
            if old_is_cjk(c) {
                assert!(unassigned, "U+{:04X} is no longer CJK", c as u32);
            } else {
                let letter = c.is_alphabetic() || c.script() == Property::Han;
                assert!(letter, "U+{:04X} newly CJK", c as u32);
            }
        }
    }
}

//! The language of a text, from the scripts of its letters.

use super::infer::Inferred;
use super::tables::tables;
use crate::analysis::script::{script, Script};

/// Letters of each script in a text.
#[derive(Default)]
struct Counts {
    han: usize,
    kana: usize,
    hangul: usize,
    latin: usize,
    other: usize,
}

impl Counts {
    fn of(text: &str) -> Counts {
        let mut c = Counts::default();
        for ch in text.chars() {
            match script(ch) {
                Some(Script::Han) => c.han += 1,
                Some(Script::Kana) => c.kana += 1,
                Some(Script::Hangul) => c.hangul += 1,
                Some(Script::Latin) => c.latin += 1,
                Some(Script::Other) => c.other += 1,
                None => {}
            }
        }
        c
    }

    fn total(&self) -> usize {
        self.han + self.kana + self.hangul + self.latin + self.other
    }

    /// The script that makes the text's language: kana among CJK marks
    /// Japanese; a script with 30% of the letters wins; Latin needs half.
    fn dominant(&self) -> Option<Script> {
        let cjk = self.han + self.kana + self.hangul;
        let total = self.total();
        if total < 2 {
            return None;
        }
        if self.kana > 0 && self.kana * 10 >= cjk && cjk * 10 >= total * 3 {
            Some(Script::Kana)
        } else if self.hangul * 10 >= total * 3 {
            Some(Script::Hangul)
        } else if self.han * 10 >= total * 3 {
            Some(Script::Han)
        } else if self.latin * 2 >= total {
            Some(Script::Latin)
        } else {
            None
        }
    }
}

/// The dominant script of a text (see [`Counts::dominant`]).
pub(super) fn script_of(text: &str) -> Option<Script> {
    Counts::of(text).dominant()
}

/// `lang` from the script of a statement's body.
pub(super) fn infer_lang(body: &str) -> Option<Inferred> {
    let c = Counts::of(body);
    let total = c.total();
    let pct = |n: usize| (n * 100).checked_div(total).unwrap_or(0);
    match c.dominant()? {
        Script::Han if traditional(body) => Some(Inferred::new(
            "zh-Hant",
            format!("script: {}% Han characters, traditional forms", pct(c.han)),
        )),
        Script::Han => Some(Inferred::new(
            "zh",
            format!("script: {}% Han characters", pct(c.han)),
        )),
        Script::Kana => Some(Inferred::new(
            "ja",
            format!(
                "script: kana ({}% kana and Han characters)",
                pct(c.han + c.kana)
            ),
        )),
        Script::Hangul => Some(Inferred::new(
            "ko",
            format!("script: {}% Hangul", pct(c.hangul)),
        )),
        Script::Latin => Some(Inferred::new(
            "en",
            format!(
                "script: Latin ({}% of letters), no Han characters; English assumed",
                pct(c.latin)
            ),
        )),
        Script::Other => None,
    }
}

/// More characters in their traditional form than in their simplified one?
fn traditional(body: &str) -> bool {
    let language = &tables().language;
    let (trad, simp) = (&language.traditional, &language.simplified);
    let trad_count = body
        .chars()
        .filter(|ch| trad.contains(*ch) && !simp.contains(*ch))
        .count();
    let simp_count = body
        .chars()
        .filter(|ch| simp.contains(*ch) && !trad.contains(*ch))
        .count();
    trad_count > simp_count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{normalize, pieces, PieceKind};

    #[test]
    fn languages_from_scripts() {
        let lang = |t: &str| infer_lang(t).map(|i| i.value);
        assert_eq!(
            lang("国家主席习近平同美国总统特朗普通电话。").as_deref(),
            Some("zh")
        );
        assert_eq!(
            lang("總統說，這個問題對於國際關係很重要。").as_deref(),
            Some("zh-Hant")
        );
        assert_eq!(
            lang("高市総理は電話会談を行いました。").as_deref(),
            Some("ja")
        );
        assert_eq!(lang("대통령은 통화했다.").as_deref(), Some("ko"));
        assert_eq!(lang("The two leaders spoke.").as_deref(), Some("en"));
        assert_eq!(lang("Президент говорил").as_deref(), None);
        assert_eq!(lang("2025"), None);
    }

    /// Isolated jamo (no syllable to compose under NFKC) are Hangul to the
    /// importer and CJK to the analyzer.
    #[test]
    fn the_analyzer_and_the_importer_agree_on_hangul_jamo() {
        let jamo = "\u{1100}\u{1100}\u{1100} \u{11A8}\u{11A8}";
        assert_eq!(script_of(jamo), Some(Script::Hangul));
        assert_eq!(infer_lang(jamo).unwrap().value, "ko");
        let normalized = normalize(jamo);
        let kinds: Vec<PieceKind> = pieces(&normalized).iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [PieceKind::Cjk, PieceKind::Cjk]);
    }
}

//! Code lists for validation: ISO 3166-1 alpha-2 countries and ISO 639-1/639-2
//! primary language subtags, plus BCP 47 well-formedness.

/// Every officially assigned ISO 3166-1 alpha-2 code, plus `XK` (Kosovo, user-assigned
/// but universal in diplomatic sources) and `EU` (exceptionally reserved; used for
/// statements of the European Union).
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK EU";

/// ISO 639-1 two-letter language codes.
const LANGUAGES_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu \
ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny \
oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty \
ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Three-letter primary subtags accepted where no two-letter code exists
/// (Chinese varieties and a few others met in diplomatic material).
const LANGUAGES_639_3: &str = "yue cmn wuu hak nan lzh fil haw ceb hmn mul und zxx";

/// Is `code` an assigned ISO 3166-1 alpha-2 code (upper case)?
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && COUNTRIES.split_ascii_whitespace().any(|c| c == code)
}

/// Is `tag` a well-formed BCP 47 tag whose primary language subtag is known?
///
/// Accepts `en`, `zh`, `zh-Hans`, `zh-Hant-TW`, `ja`, `en-US`; rejects `english`,
/// `zz`, `en_US`, `zh-`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
    let known = match primary.len() {
        2 => LANGUAGES_639_1
            .split_ascii_whitespace()
            .any(|c| c == primary),
        3 => LANGUAGES_639_3
            .split_ascii_whitespace()
            .any(|c| c == primary),
        _ => false,
    };
    known
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The primary language subtag of a tag, lower-cased (`zh-Hant` → `zh`).
pub fn primary_language(tag: &str) -> String {
    tag.split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Names and three-letter codes people type for a country, with the ISO
/// 3166-1 alpha-2 code meant (for hints only: a filter is never rewritten).
const COUNTRY_NAMES: [(&str, &str); 24] = [
    ("usa", "US"),
    ("united states", "US"),
    ("america", "US"),
    ("us", "US"),
    ("china", "CN"),
    ("chn", "CN"),
    ("prc", "CN"),
    ("cn", "CN"),
    ("japan", "JP"),
    ("jpn", "JP"),
    ("uk", "GB"),
    ("gbr", "GB"),
    ("united kingdom", "GB"),
    ("britain", "GB"),
    ("russia", "RU"),
    ("rus", "RU"),
    ("taiwan", "TW"),
    ("twn", "TW"),
    ("korea", "KR"),
    ("kor", "KR"),
    ("france", "FR"),
    ("fra", "FR"),
    ("germany", "DE"),
    ("deu", "DE"),
];

/// Language names people type, with the BCP 47 primary subtag meant.
const LANGUAGE_NAMES: [(&str, &str); 12] = [
    ("english", "en"),
    ("eng", "en"),
    ("chinese", "zh"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("mandarin", "zh"),
    ("中文", "zh"),
    ("japanese", "ja"),
    ("jpn", "ja"),
    ("日本語", "ja"),
    ("korean", "ko"),
    ("russian", "ru"),
];

/// The code probably meant by a `country` or `lang` filter value that matches
/// nothing (`USA` → "use the ISO 3166 code: US", `chinese` → "use the BCP 47
/// code: zh"); `None` for other filters or unknown values.
pub fn code_hint(filter: &str, value: &str) -> Option<String> {
    let lower = value.trim().to_lowercase();
    let (table, standard): (&[(&str, &str)], &str) = match filter {
        "country" => (&COUNTRY_NAMES, "ISO 3166"),
        "lang" => (&LANGUAGE_NAMES, "BCP 47"),
        _ => return None,
    };
    let code = table.iter().find(|(name, _)| *name == lower)?.1;
    (code != value.trim()).then(|| format!("use the {standard} code: {code}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries() {
        for ok in ["CN", "US", "JP", "TW", "EU"] {
            assert!(is_country(ok), "{ok}");
        }
        for bad in ["us", "USA", "ZZ", "", "C"] {
            assert!(!is_country(bad), "{bad}");
        }
    }

    #[test]
    fn languages() {
        for ok in ["en", "zh", "ja", "zh-Hans", "zh-Hant-TW", "en-US", "yue"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["english", "zz", "en_US", "zh-", "", "e", "zh-toolongsubtag"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}

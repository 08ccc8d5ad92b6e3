//! Language: the page's declaration, checked against the article text.

use super::dates::is_letter;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// ISO 639-1 code of an ISO 639-3 code that whatlang returns.
fn to_639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

/// The primary subtag of a declared language ("en-US", "en_GB", "EN").
pub fn primary(tag: &str) -> Option<String> {
    let p = tag
        .trim()
        .split(['-', '_'])
        .next()?
        .trim()
        .to_ascii_lowercase();
    let ok = (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase());
    // Legacy codes.
    let p = match p.as_str() {
        "iw" => "he".to_string(),
        "in" => "id".to_string(),
        "ji" => "yi".to_string(),
        "no" | "nn" => "nb".to_string(),
        _ => p,
    };
    (ok && p != "und" && p != "mul" && p != "zxx").then_some(p)
}

/// Languages a detector confuses with each other on short texts.
fn close(a: &str, b: &str) -> bool {
    const GROUPS: &[&[&str]] = &[
        &["nb", "da", "sv"],
        &["id", "ms", "jv", "tl"],
        &["hr", "sr", "bs", "sl", "mk"],
        &["cs", "sk"],
        &["ru", "uk", "be", "bg"],
        &["es", "ca", "gl", "pt", "it"],
        &["hi", "mr", "ne"],
        &["ur", "fa", "ar"],
        &["af", "nl"],
    ];
    a == b || GROUPS.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// Characters of the text the trigram detector reads. Fewer (700) saved
/// little (its cost is mostly in the profiles, not the sample) and turned
/// an Arabic page whose text opens with long percent-encoded URLs into
/// Italian: the URLs' Latin letters outnumber the Arabic ones.
const SAMPLE_CHARS: usize = 1_500;

/// The language detected in `text` (its first [`SAMPLE_CHARS`] characters)
/// when the detector is confident, with its confidence.
pub fn detect(text: &str) -> Option<(&'static str, f64)> {
    let cut = text
        .char_indices()
        .nth(SAMPLE_CHARS)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let sample = text.get(..cut).unwrap_or(text);
    // At least 40 letters.
    sample.chars().filter(|&c| is_letter(c)).nth(39)?;
    let info = whatlang::detect(sample)?;
    let code = to_639_1(info.lang().code())?;
    Some((code, info.confidence()))
}

/// Very common short words of frequent web languages: a cheap first check
/// of a declaration before the trigram detector.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "that", "in", "it", "for", "with", "was", "on",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "sich", "auch", "ein", "zu",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "est", "une", "dans", "pour", "que", "du", "pas",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "que", "y", "en", "del", "por", "una", "para", "con",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "non", "della", "per", "una", "sono", "gli", "del", "alla", "anche",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "que", "não", "uma", "para", "com", "do", "da", "dos", "em", "mais",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "niet", "dat", "is", "op", "zijn", "voor", "met",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "är", "för", "med", "den", "på", "inte", "av", "till",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "nie", "się", "na", "że", "jest", "do", "z", "to", "jak", "od",
        ],
    ),
    (
        "cs",
        &[
            "a", "je", "se", "na", "že", "to", "v", "ve", "jsou", "jako", "pro", "by",
        ],
    ),
];

/// Words longer than this (in bytes) match no stopword: the longest is five
/// bytes, and an upper-case spelling is at most one byte longer per letter
/// (`Å` written as the angstrom sign).
const MAX_STOPWORD_BYTES: usize = 8;

// The languages of a stopword fit in a u16.
const _: () = assert!(STOPWORDS.len() <= 16);

/// Every listed stopword with the listed languages (bit `k` for
/// `STOPWORDS[k]`) it belongs to, and its place in the (last) list that has
/// it: one hash lookup a word instead of a comparison with each list's
/// every word.
fn stopword_table() -> &'static FxHashMap<&'static str, (u16, u8)> {
    static TABLE: OnceLock<FxHashMap<&'static str, (u16, u8)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: FxHashMap<&'static str, (u16, u8)> = FxHashMap::default();
        for (k, (_, list)) in STOPWORDS.iter().enumerate() {
            for (i, w) in list.iter().enumerate() {
                let e = t.entry(w).or_default();
                e.0 |= 1 << k;
                e.1 = u8::try_from(i).unwrap_or(u8::MAX);
            }
        }
        t
    })
}

/// What the opening (at most 150) words of a text say about the listed
/// languages.
struct Stopwords {
    /// Per listed language: its stopwords among the words.
    all: [usize; 10],
    /// Per listed language: words that are a stopword of that language
    /// alone ("the", not "to", which Polish and Czech list too).
    own: [usize; 10],
    /// Per listed language: which of its words (bit = place in its list)
    /// were among the [`Stopwords::own`] ones.
    own_kinds: [u16; 10],
    /// Words read.
    words: usize,
}

/// Counts the stopwords of the opening (at most 150) words of `text`;
/// `None` under 30 words.
fn stopword_counts(text: &str) -> Option<Stopwords> {
    let mut sw = Stopwords {
        all: [0; 10],
        own: [0; 10],
        own_kinds: [0; 10],
        words: 0,
    };
    // One buffer for the lower-cased words.
    let mut lw = String::new();
    // 150 words of any alphabet fit in the first 8 KiB many times over; the
    // cap keeps unspaced scripts (a whole CJK text is one "word") cheap.
    let mut cut = text.len().min(8 * 1024);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = text.get(..cut).unwrap_or(text);
    for w in head
        .split(|c: char| !is_letter(c))
        .filter(|w| !w.is_empty())
        .take(150)
    {
        sw.words += 1;
        if w.len() > MAX_STOPWORD_BYTES {
            continue;
        }
        lw.clear();
        if w.is_ascii() {
            lw.push_str(w);
            lw.make_ascii_lowercase();
        } else {
            lw.extend(w.chars().flat_map(char::to_lowercase));
        }
        let Some(&(langs, place)) = stopword_table().get(lw.as_str()) else {
            continue;
        };
        for (k, a) in sw.all.iter_mut().enumerate() {
            *a += usize::from(langs >> k & 1 == 1);
        }
        if langs.count_ones() == 1 {
            let k = langs.trailing_zeros() as usize;
            if let (Some(o), Some(kinds)) = (sw.own.get_mut(k), sw.own_kinds.get_mut(k)) {
                *o += 1;
                *kinds |= 1u16.checked_shl(u32::from(place)).unwrap_or(0);
            }
        }
    }
    (sw.words >= 30).then_some(sw)
}

/// The count at `idx` and the highest count of any other listed language.
fn own_and_best_other(counts: &[usize; 10], idx: usize) -> (usize, usize) {
    let mine = counts.get(idx).copied().unwrap_or(0);
    let best_other = counts
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != idx)
        .map(|(_, &c)| c)
        .max()
        .unwrap_or(0);
    (mine, best_other)
}

/// Whether the opening words read as `lang`: its stopwords are frequent and
/// more frequent than any other listed language's.
fn stopwords_agree(lang: &str, sw: &Stopwords) -> Option<bool> {
    let idx = STOPWORDS.iter().position(|(l, _)| *l == lang)?;
    let (mine, best_other) = own_and_best_other(&sw.all, idx);
    Some(mine * 10 >= sw.words && mine >= best_other)
}

/// The listed language the opening words plainly read as: words that are
/// its stopwords alone, at least three different ones, make at least 10%
/// of them and three times those of any other listed language. Running
/// prose of a listed language has 10–30% of them; other languages,
/// including those without a list here, come nowhere near (placeholder
/// Latin repeats "et" and nothing else), and the trigram detector says the
/// same of such text.
fn plainly(sw: &Stopwords) -> Option<&'static str> {
    let (idx, &mine) = sw.own.iter().enumerate().max_by_key(|&(_, &c)| c)?;
    let (_, best_other) = own_and_best_other(&sw.own, idx);
    let kinds = sw.own_kinds.get(idx).map_or(0, |k| k.count_ones());
    let plain = kinds >= 3 && mine * 10 >= sw.words && mine >= 3 * best_other;
    plain.then(|| STOPWORDS.get(idx).map(|(l, _)| *l)).flatten()
}

/// The page's language: the declaration unless the text clearly says
/// otherwise; the detection when nothing is declared.
pub fn decide(declared: Option<String>, text: &str) -> Option<String> {
    // The cheap checks settle most pages without the trigram detector.
    let sw = stopword_counts(text);
    let plain = sw.as_ref().and_then(plainly);
    match &declared {
        Some(d) => {
            if sw.as_ref().and_then(|sw| stopwords_agree(d, sw)) == Some(true) {
                return declared;
            }
        }
        None => {
            if let Some(l) = plain {
                return Some(l.to_string());
            }
        }
    }
    let long = text.len() >= 400 && text.chars().nth(399).is_some();
    // A declaration is only ever overruled on a long text: on a short one
    // the detector's answer would not be used.
    if declared.is_some() && !long {
        return declared;
    }
    // Long text that plainly reads as a listed language overrules a
    // declaration of another (a template's default), as the detector would.
    if let (Some(d), Some(l)) = (&declared, plain) {
        return Some(if close(d, l) {
            d.clone()
        } else {
            l.to_string()
        });
    }
    let detected = detect(text);
    match (declared, detected) {
        (Some(d), Some((code, conf))) => {
            // Placeholder text (lorem ipsum) reads as Latin; a dead or
            // constructed language does not override a declaration.
            let living = !matches!(code, "la" | "eo");
            if living && !close(&d, code) && long && conf >= 0.9 {
                Some(code.to_string())
            } else {
                Some(d)
            }
        }
        (Some(d), None) => Some(d),
        (None, Some((code, conf))) if conf >= 0.5 => Some(code.to_string()),
        (None, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str =
        "The council voted on Tuesday to extend the tram line to the northern suburbs, \
        after a long debate about the cost of the project and the disruption that building work \
        would bring to the shops along the main road. Residents who attended the meeting said they \
        were pleased with the decision but worried about the noise. The work is expected to start \
        next spring and to last for about two years, according to the city's transport department.";
    const DE: &str = "Der Stadtrat hat am Dienstag beschlossen, die Straßenbahnlinie in die nördlichen \
        Vororte zu verlängern, nachdem lange über die Kosten des Projekts und die Störungen durch \
        die Bauarbeiten für die Geschäfte an der Hauptstraße diskutiert worden war. Anwohner, die an \
        der Sitzung teilnahmen, zeigten sich zufrieden, sorgten sich aber wegen des Lärms. Die \
        Arbeiten sollen im nächsten Frühjahr beginnen und etwa zwei Jahre dauern.";

    fn plain(text: &str) -> Option<&'static str> {
        stopword_counts(text).as_ref().and_then(plainly)
    }

    #[test]
    fn only_plain_text_skips_the_detector() {
        assert_eq!(plain(EN), Some("en"));
        assert_eq!(plain(DE), Some("de"));
        let nl = "De gemeenteraad heeft dinsdag besloten de tramlijn door te trekken naar de \
            noordelijke wijken, na een lang debat over de kosten van het project en de overlast die \
            de bouw met zich mee zou brengen voor de winkels aan de hoofdweg. Bewoners die de \
            vergadering bijwoonden, waren tevreden maar maakten zich zorgen over het lawaai.";
        assert_eq!(plain(nl), Some("nl"));
        assert_eq!(decide(None, nl).as_deref(), Some("nl"));
        // Too few words to judge.
        assert_eq!(plain("The council voted on Tuesday."), None);
        // Words several lists share ("to", "na", "a") are no one's own.
        let sw = stopword_counts(
            "to na to na to na to na to na to na to na to na to na to na to na to na to na to na to na",
        );
        assert_eq!(sw.as_ref().map(|s| s.own), Some([0; 10]));
        assert_eq!(sw.as_ref().and_then(plainly), None);
        // One word over and over is not prose.
        let et = "et lorem ipsum ".repeat(20);
        assert_eq!(plain(&et), None);
        let cs = "Městská rada v úterý rozhodla prodloužit tramvajovou trať do severních \
            čtvrtí, a to po dlouhé debatě o nákladech projektu a o potížích, které by stavba \
            přinesla obchodům na hlavní třídě. Obyvatelé, kteří se schůze zúčastnili, byli s \
            rozhodnutím spokojeni, ale báli se hluku. Práce mají začít příští jaro.";
        assert_eq!(decide(None, cs).as_deref(), Some("cs"));
    }

    #[test]
    fn declared_tags_are_normalised() {
        assert_eq!(primary("en-US").as_deref(), Some("en"));
        assert_eq!(primary("pt_BR").as_deref(), Some("pt"));
        assert_eq!(primary("iw").as_deref(), Some("he"));
        assert_eq!(primary("").as_deref(), None);
        assert_eq!(primary("english").as_deref(), None);
    }

    #[test]
    fn wrong_declaration_is_corrected_by_the_text() {
        assert_eq!(decide(Some("en".into()), DE).as_deref(), Some("de"));
        assert_eq!(decide(Some("de".into()), DE).as_deref(), Some("de"));
        assert_eq!(decide(None, EN).as_deref(), Some("en"));
        assert_eq!(decide(None, DE).as_deref(), Some("de"));
        // Placeholder Latin does not override a declaration.
        let lorem =
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor \
            incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud \
            exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure \
            dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. \
            Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt.";
        assert_eq!(decide(Some("en".into()), lorem).as_deref(), Some("en"));
        // Too little text: the declaration stands.
        assert_eq!(
            decide(Some("fr".into()), "Der Stadtrat hat beschlossen").as_deref(),
            Some("fr")
        );
    }
}

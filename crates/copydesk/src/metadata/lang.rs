//! Language: the page's declaration, checked against the article text.

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

/// The language detected in `text` (its first 1,500 characters) when the
/// detector is confident, with its confidence.
pub fn detect(text: &str) -> Option<(&'static str, f64)> {
    let cut = text
        .char_indices()
        .nth(1_500)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let sample = text.get(..cut).unwrap_or(text);
    // At least 40 letters.
    sample.chars().filter(|c| c.is_alphabetic()).nth(39)?;
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

/// How many of the opening (at most 150) words of `text` are stopwords of
/// each listed language, and how many words were read; `None` under 30 words.
fn stopword_counts(text: &str) -> Option<([usize; 10], usize)> {
    let mut counts = [0usize; 10];
    let mut words = 0usize;
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
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(150)
    {
        words += 1;
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
        for (k, (_, list)) in STOPWORDS.iter().enumerate() {
            if list.contains(&lw.as_str()) {
                if let Some(c) = counts.get_mut(k) {
                    *c += 1;
                }
            }
        }
    }
    (words >= 30).then_some((counts, words))
}

/// The stopword count of the language at `idx` and the highest count of
/// any other listed language.
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

/// Whether the opening words of `text` read as `lang`: its stopwords are
/// frequent and more frequent than any other listed language's.
fn stopwords_agree(lang: &str, text: &str) -> Option<bool> {
    let idx = STOPWORDS.iter().position(|(l, _)| *l == lang)?;
    let (counts, words) = stopword_counts(text)?;
    let (mine, best_other) = own_and_best_other(&counts, idx);
    Some(mine * 10 >= words && mine >= best_other)
}

/// Whether undeclared text plainly reads as English: English stopwords make
/// at least 15% of its opening words and three times any other listed
/// language's. Running English prose has 20–30% of them; other languages,
/// including those without a list here, come nowhere near. This settles
/// most undeclared pages without the trigram detector.
fn plainly_english(text: &str) -> bool {
    let Some((counts, words)) = stopword_counts(text) else {
        return false;
    };
    // "en" is the first listed language.
    let (mine, best_other) = own_and_best_other(&counts, 0);
    mine * 100 >= words * 15 && mine >= 3 * best_other
}

/// The page's language: the declaration unless the text clearly says
/// otherwise; the detection when nothing is declared.
pub fn decide(declared: Option<String>, text: &str) -> Option<String> {
    // The cheap check settles most pages without the trigram detector.
    if let Some(d) = &declared {
        if stopwords_agree(d, text) == Some(true) {
            return declared;
        }
    } else if plainly_english(text) {
        return Some("en".to_string());
    }
    let long = text.len() >= 400 && text.chars().nth(399).is_some();
    // A declaration is only ever overruled on a long text: on a short one
    // the detector's answer would not be used.
    if declared.is_some() && !long {
        return declared;
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

    #[test]
    fn only_plain_english_skips_the_detector() {
        assert!(plainly_english(EN));
        assert!(!plainly_english(DE));
        let nl = "De gemeenteraad heeft dinsdag besloten de tramlijn door te trekken naar de \
            noordelijke wijken, na een lang debat over de kosten van het project en de overlast die \
            de bouw met zich mee zou brengen voor de winkels aan de hoofdweg. Bewoners die de \
            vergadering bijwoonden, waren tevreden maar maakten zich zorgen over het lawaai.";
        assert!(!plainly_english(nl));
        assert_eq!(decide(None, nl).as_deref(), Some("nl"));
        // Too few words to judge.
        assert!(!plainly_english("The council voted on Tuesday."));
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

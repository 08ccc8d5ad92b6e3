//! The one place where words are listed.
//!
//! A small, generic, multilingual lexicon of page furniture (English, German,
//! French, Spanish, Portuguese, Italian, Russian). Nothing here is taken from a
//! benchmark page: these are the generic words news sites use for their
//! widgets. Every entry is lower-case; matching is done on a lower-cased line.
//! Lexicon hits are only *features*: the decision is taken from the shape of
//! the line and its neighbours as well.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Words that mark a line as page furniture (share bars, sign-up prompts,
/// cookie notices, advertising, navigation).
pub static BOILERPLATE: Words = Words::new(&[
    // English
    "share",
    "subscribe",
    "sign up",
    "sign in",
    "log in",
    "newsletter",
    "inbox",
    "cookie",
    "advertisement",
    "advert",
    "sponsored",
    "follow us",
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "terms of service",
    "copyright",
    "click here",
    "comments",
    "comment",
    "leave a reply",
    "tweet",
    "facebook",
    "whatsapp",
    "linkedin",
    "pinterest",
    "instagram",
    "email this",
    "print",
    "tags",
    "skip to",
    "menu",
    "search",
    "download",
    "app store",
    "google play",
    "contact us",
    "about us",
    // German
    "teilen",
    "abonnieren",
    "anmelden",
    "registrieren",
    "werbung",
    "anzeige",
    "datenschutz",
    "impressum",
    "kommentare",
    "alle rechte vorbehalten",
    // French
    "partager",
    "s'abonner",
    "abonnez-vous",
    "connexion",
    "publicité",
    "commentaires",
    "tous droits réservés",
    "mentions légales",
    // Spanish / Portuguese / Italian
    "compartir",
    "suscríbete",
    "suscribirse",
    "publicidad",
    "comentarios",
    "todos los derechos reservados",
    "compartilhar",
    "assine",
    "publicidade",
    "comentários",
    "todos os direitos reservados",
    "condividi",
    "pubblicità",
    "commenti",
    // Russian
    "поделиться",
    "подписаться",
    "подпишитесь",
    "реклама",
    "комментарии",
    "все права защищены",
]);

/// Words of share bars and social buttons (a subset of [`BOILERPLATE`] used to name the reason).
pub static SHARE: Words = Words::new(&[
    "share",
    "tweet",
    "facebook",
    "whatsapp",
    "linkedin",
    "pinterest",
    "email this",
    "follow us",
    "teilen",
    "partager",
    "compartir",
    "compartilhar",
    "condividi",
    "поделиться",
]);

/// Sign-up and subscription prompts ("Subscribe to our newsletter"): a box of them
/// closes the article.
pub static SIGNUP: Words = Words::new(&[
    "subscribe",
    "subscribing",
    "subscription",
    "newsletter",
    "newsletters",
    "sign up",
    "signing up",
    "inbox",
    "abonnieren",
    "abonnement",
    "s'abonner",
    "abonnez-vous",
    "inscrivez-vous",
    "suscríbete",
    "suscribirse",
    "suscripción",
    "boletín",
    "assine",
    "assinar",
    "inscreva-se",
    "iscriviti",
    "abbonati",
    "подписаться",
    "подпишитесь",
    "рассылка",
]);

/// Reporting credits that close a news story ("Reporting by …; editing by …",
/// "… contributed to this report").
pub static CONTRIB: Words = Words::new(&[
    "reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "contributed reporting",
    "contributed to this report",
    "contributed to this story",
    "contributed to this article",
    "mitarbeit",
    "avec afp",
    "con información de",
    "com informações de",
    "con la collaborazione di",
]);

/// Words that open an "About the author" header ("About Jane Doe", "Sobre Ana Lima").
pub static ABOUT: Words = Words::new(&[
    "about",
    "über",
    "à propos de",
    "sobre",
    "acerca de",
    "chi è",
    "об авторе",
]);

/// Headers of a comment section ("Comments", "Leave a reply").
pub static COMMENTS: Words = Words::new(&[
    "comments",
    "comment",
    "leave a reply",
    "leave a comment",
    "responses",
    "discussion",
    "kommentare",
    "kommentar",
    "commentaires",
    "comentarios",
    "comentários",
    "commenti",
    "комментарии",
    "コメント",
]);

/// Endings of a comment's author line ("jdoe says:").
pub static SAYS: Words = Words::new(&[
    "says:",
    "said:",
    "wrote:",
    "replied:",
    "sagt:",
    "schreibt:",
    "dit :",
    "dit:",
    "a écrit :",
    "dice:",
    "escribió:",
    "disse:",
    "escreveu:",
    "пишет:",
    "написал:",
]);

/// Relative-time words of comment timestamps ("2 days ago").
pub static AGO: Words = Words::new(&["ago", "vor", "il y a", "hace", "há", "fa", "назад"]);

/// Prefixes that introduce a link to another story.
pub static RELATED_PREFIXES: Words = Words::new(&[
    "read more",
    "read also",
    "also read",
    "related",
    "see also",
    "more:",
    "recommended",
    "you may also like",
    "you might also like",
    "more from",
    "more stories",
    "more news",
    "latest news",
    "top stories",
    "weitere artikel",
    "plus d'articles",
    "más noticias",
    "mais notícias",
    "другие новости",
    "more on this",
    "don't miss",
    "most read",
    "most popular",
    "trending",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "sur le même sujet",
    "lee también",
    "leer más",
    "te puede interesar",
    "noticias relacionadas",
    "leia também",
    "leia mais",
    "veja também",
    "saiba mais",
    "leggi anche",
    "читайте также",
    "читать также",
    "по теме",
    "смотрите также",
    "関連記事",
    "あわせて読みたい",
]);

/// Words that mark a photo caption or credit line.
pub static CREDIT: Words = Words::new(&[
    "photo",
    "image",
    "picture",
    "credit",
    "getty images",
    "shutterstock",
    "foto",
    "bild",
    "bildquelle",
    "crédit",
    "imagen",
    "fotografía",
    "фото",
    "写真",
    "©",
    "(c)",
]);

/// News agencies and picture desks that appear as bare credits.
pub static AGENCIES: Words = Words::new(&[
    "reuters",
    "afp",
    "ap",
    "associated press",
    "epa",
    "efe",
    "dpa",
    "ansa",
    "anadolu",
    "aa",
    "xinhua",
    "tass",
    "ria novosti",
    "getty images",
    "afp/getty images",
    "ap photo",
    "pa",
    "pa images",
    "bloomberg",
    "shutterstock",
    "imago",
    "picture alliance",
    "keystone",
    "kyodo",
    "共同通信",
]);

/// Widget placeholders ("Loading...").
pub static PLACEHOLDER: Words = Words::new(&[
    "loading",
    "please wait",
    "wird geladen",
    "lädt",
    "chargement",
    "cargando",
    "carregando",
    "caricamento",
    "загрузка",
    "読み込み中",
    "javascript",
]);

/// Month names and day words (feature: date / dateline lines).
pub static DATE_WORDS: Words = Words::new(&[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "updated",
    "published",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    "am",
    "pm",
    "gmt",
    "utc",
]);

/// Words that start a byline ("By Jane Doe").
pub static BYLINE: Words =
    Words::new(&["by", "von", "par", "por", "di", "автор", "text:", "texte:"]);

/// Whether `lower` contains `word` as a whole word (or phrase).
pub fn contains_word(lower: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut start = 0;
    while let Some(pos) = lower.get(start..).and_then(|s| s.find(word)) {
        let at = start + pos;
        let end = at + word.len();
        let before_ok = lower
            .get(..at)
            .and_then(|s| s.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = lower
            .get(end..)
            .and_then(|s| s.chars().next())
            .is_none_or(|c| !c.is_alphanumeric());
        // Ideographic scripts have no spaces: accept any position there.
        let ideographic = word.chars().next().is_some_and(|c| c as u32 >= 0x3000);
        if (before_ok && after_ok) || ideographic {
            return true;
        }
        // Advance by one char past `at`.
        let step = lower
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(1, char::len_utf8);
        start = at + step;
    }
    false
}

/// A list split into one-word entries (looked up per token) and phrases (searched).
struct Matcher {
    words: HashSet<&'static str>,
    /// Phrases with their first word (when they start with one), used as a cheap pre-filter.
    phrases: Vec<(&'static str, Option<&'static str>)>,
}

impl Matcher {
    fn new(list: &'static [&'static str]) -> Self {
        let mut words = HashSet::new();
        let mut phrases = Vec::new();
        for w in list {
            if w.chars().all(char::is_alphanumeric) && !w.chars().any(|c| c as u32 >= 0x3000) {
                words.insert(*w);
            } else {
                let first = w
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .filter(|t| !t.is_empty() && !t.chars().any(|c| c as u32 >= 0x3000));
                phrases.push((*w, first));
            }
        }
        Matcher { words, phrases }
    }

    fn count(&self, lower: &str) -> usize {
        let mut hits = 0;
        let mut tokens: Vec<&str> = Vec::new();
        for t in lower.split(|c: char| !c.is_alphanumeric()) {
            if !t.is_empty() {
                if self.words.contains(t) {
                    hits += 1;
                }
                tokens.push(t);
            }
        }
        for (p, first) in &self.phrases {
            if p.len() > lower.len() {
                continue;
            }
            if let Some(f) = first {
                if !tokens.contains(f) {
                    continue;
                }
            }
            if contains_word(lower, p) {
                hits += 1;
            }
        }
        hits
    }
}

/// A word list with its matcher, built on first use: each list carries its
/// own, so no list can miss it.
pub struct Words {
    list: &'static [&'static str],
    matcher: OnceLock<Matcher>,
}

impl Words {
    const fn new(list: &'static [&'static str]) -> Words {
        Words {
            list,
            matcher: OnceLock::new(),
        }
    }
}

impl std::ops::Deref for Words {
    type Target = [&'static str];
    fn deref(&self) -> &Self::Target {
        self.list
    }
}

/// Number of hits of entries of `words` in `lower` (whole words or phrases).
pub fn count_hits(lower: &str, words: &Words) -> usize {
    words
        .matcher
        .get_or_init(|| Matcher::new(words.list))
        .count(lower)
}

/// If `lower` starts with one of `list` (followed by a non-letter), returns the byte length matched.
pub fn starts_with_any(lower: &str, list: &[&str]) -> Option<usize> {
    list.iter().find_map(|w| {
        if lower.starts_with(w) {
            let rest = lower.get(w.len()..)?;
            if rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return Some(w.len());
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_word_matching() {
        assert!(contains_word("please share this", "share"));
        assert!(!contains_word("shareholders met", "share"));
        assert!(contains_word("reuters", "reuters"));
        assert!(!contains_word("apple", "ap"));
        assert!(contains_word("関連記事はこちら", "関連記事"));
    }

    #[test]
    fn prefix_matching() {
        assert_eq!(starts_with_any("read more: x", &RELATED_PREFIXES), Some(9));
        assert_eq!(starts_with_any("readers said", &RELATED_PREFIXES), None);
        assert!(starts_with_any("читайте также: тест", &RELATED_PREFIXES).is_some());
    }

    /// The word lists (all but DATE_WORDS).
    const LISTS: [&Words; 13] = [
        &BOILERPLATE,
        &SHARE,
        &SIGNUP,
        &ABOUT,
        &CONTRIB,
        &COMMENTS,
        &SAYS,
        &AGO,
        &RELATED_PREFIXES,
        &CREDIT,
        &AGENCIES,
        &PLACEHOLDER,
        &BYLINE,
    ];

    #[test]
    fn all_entries_are_lower_case() {
        for list in LISTS {
            for w in list.iter() {
                assert_eq!(w.to_lowercase(), *w);
            }
        }
    }

    #[test]
    fn every_list_is_matched() {
        // Every entry, word or phrase, is found by its list's matcher.
        for list in LISTS.into_iter().chain([&DATE_WORDS]) {
            for w in list.iter() {
                assert!(count_hits(&format!("x {w} y"), list) > 0, "{w} not matched");
            }
        }
    }
}

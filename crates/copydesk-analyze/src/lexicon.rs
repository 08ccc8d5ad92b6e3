//! The cue lexicon: how often each word is (part of) an attribution cue.
//!
//! `cues.tsv` is learned from `bench/quotes/train.jsonl` by
//! `cargo run --release -p copydesk-analyze --example train_cues -- /work/shared/bench/quotes/train.jsonl`
//! (one line per word: `word<TAB>times inside a gold cue<TAB>times seen`).
//! A short hand-written list of common speech verbs backs it up for words the
//! corpus saw too rarely.

use std::collections::HashMap;
use std::sync::OnceLock;

static CUES_TSV: &str = include_str!("cues.tsv");

/// Speech and reporting verbs that count as cues even when unseen in training.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "telling",
    "added",
    "adds",
    "adding",
    "noted",
    "notes",
    "noting",
    "explained",
    "explains",
    "argued",
    "argues",
    "arguing",
    "claimed",
    "claims",
    "claiming",
    "stated",
    "states",
    "asked",
    "asks",
    "insisted",
    "insists",
    "warned",
    "warns",
    "warning",
    "wrote",
    "writes",
    "tweeted",
    "tweets",
    "announced",
    "announces",
    "declared",
    "declares",
    "assessed",
    "described",
    "describes",
    "acknowledged",
    "admitted",
    "admits",
    "suggested",
    "suggests",
    "recalled",
    "recalls",
    "replied",
    "replies",
    "responded",
    "confirmed",
    "confirms",
    "denied",
    "denies",
    "predicted",
    "urged",
    "urges",
    "vowed",
    "pledged",
    "promised",
    "stressed",
    "emphasized",
    "emphasised",
    "complained",
    "observed",
    "remarked",
    "reported",
    "reports",
    "continued",
    "concluded",
    "cautioned",
    "contended",
    "countered",
    "conceded",
    "maintained",
    "maintains",
    "estimated",
    "believes",
    "thinks",
    "hopes",
    "fears",
    // Said aloud: unseen or rare in the training split.
    "yells",
    "yelled",
    "shouts",
    "shouted",
    "screams",
    "screamed",
    "exclaims",
    "exclaimed",
    "whispers",
    "whispered",
    "mutters",
    "muttered",
    "quips",
    "quipped",
    "jokes",
    "joked",
    "boasts",
    "boasted",
    // German, French, Spanish, Portuguese, Italian
    "sagte",
    "sagt",
    "erklärte",
    "betonte",
    "sagten",
    "meinte",
    "dit",
    "déclaré",
    "affirmé",
    "ajouté",
    "expliqué",
    "estimé",
    "déclare",
    "affirme",
    "explique",
    "dijo",
    "afirmó",
    "declaró",
    "señaló",
    "explicó",
    "aseguró",
    "añadió",
    "disse",
    "afirmou",
    "declarou",
    "ha",
    "detto",
    // Russian, Arabic
    "сказал",
    "сказала",
    "заявил",
    "заявила",
    "заявили",
    "отметил",
    "قال",
    "قالت",
    "أكد",
    "dichiarato",
];

static SPEECH_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(SPEECH_VERBS);

pub struct Lexicon {
    map: HashMap<String, (u32, u32), crate::gazetteer::FxBuild>,
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(CUES_TSV))
    }

    pub fn parse(tsv: &str) -> Lexicon {
        let mut map: HashMap<String, (u32, u32), crate::gazetteer::FxBuild> = HashMap::default();
        for line in tsv.lines() {
            let mut it = line.split('\t');
            let (Some(w), Some(a), Some(b)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            if let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
                map.insert(w.to_string(), (a, b));
            }
        }
        Lexicon { map }
    }

    /// The probability-like score that `word` (lowercased) is a cue.
    pub fn score(&self, word: &str) -> f32 {
        let learned = self
            .map
            .get(word)
            .map(|&(a, b)| a as f32 / (b as f32 + 2.0))
            .unwrap_or(0.0);
        if word == "ha" {
            return learned;
        }
        if SPEECH_SET.has(word) {
            learned.max(0.6)
        } else {
            learned
        }
    }

    /// Whether the word is in the hand-written list of speech verbs.
    pub fn is_speech_verb(&self, word: &str) -> bool {
        SPEECH_SET.has(word) && word != "ha"
    }

    /// Times the word was seen inside a gold cue in training.
    pub fn count(&self, word: &str) -> u32 {
        self.map.get(word).map(|x| x.0).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn said_is_a_strong_cue_and_the_is_not() {
        let l = Lexicon::get();
        assert!(l.score("said") > 0.7);
        assert!(l.score("the") < 0.05);
    }

    #[test]
    fn parse_skips_bad_lines() {
        let l = Lexicon::parse("said\t9\t10\nbroken line\nx\ty\tz\n");
        assert!(l.score("said") > 0.7);
        assert_eq!(l.count("broken line"), 0);
    }
}

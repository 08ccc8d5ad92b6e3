//! Text analysis for copydesk: who said what, people, organisations, places
//! and dates, from an article's plain text.
//!
//! ```
//! use copydesk_analyze::{analyze, AnalyzeOptions};
//! let a = analyze("“We will win,” Jane Doe said on Friday.", &AnalyzeOptions::default());
//! assert_eq!(a.quotes.len(), 1);
//! assert_eq!(a.quotes[0].speaker.as_deref(), Some("Jane Doe"));
//! ```
//!
//! # How it works
//!
//! Rules plus one small learned table, all in linear time (no model is
//! downloaded or loaded at run time):
//!
//! 1. [`scan`]: characters are tokenised (char offsets), top-level quotation
//!    regions are found line by line — “ ” „ “ « » » « ‹ › 「 」 『 』, straight `"`
//!    and `''` opened or closed by their neighbours, headline `‘ ’` — and a quote
//!    left open runs to the end of its paragraph, never further. Sentences are
//!    split outside quotations (and after a quotation that ends a sentence);
//!    a sentence is cut after [`scan::MAX_SENT_TOKENS`] tokens so that text
//!    without punctuation stays linear.
//! 2. [`attrib`]: in every sentence, with each quotation as one unit, cue words
//!    are tried in order (strong speech verbs framing a quotation first,
//!    participles last): `“Q,” X said`, `“Q,” said X, the title,`, `X said: “Q”`,
//!    `X said (that) CLAUSE`, `CLAUSE, X said`, `A, X said, B`, `according to X`,
//!    split quotes `“A,” he said. “B.”`, `X and said`, `..., saying ...`, frames
//!    ending in a colon whose content is the next paragraph, headline colons
//!    (`Pence: ...`), transcripts (`"WALLACE: ...`), `“Q” ― Name` bylines,
//!    Japanese `XはQと述べた`, `as X put it`, and free-standing quotation
//!    paragraphs that continue the previous speaker. Partial quotes after a
//!    verb of naming or `as` end with the quotation (`called it “shameful”`,
//!    `blasted Clinton as a “disgrace” Wednesday`); a content also ends before
//!    a new subject with its own cue (`... and Democrats accused ...`,
//!    `..., the candidate said ...`). Sources may carry prepositional phrases
//!    (`“Q,” a spokeswoman for the campaign said`) and quantifiers (`another
//!    source`). The speaker is kept as written at the quote (`speaker_mention`).
//! 3. [`entities`]: capitalised runs split into a role ("US Secretary of State")
//!    and a name, a hand-written gazetteer (`gazetteer.rs`: countries, US states,
//!    major cities, well-known organisations, organisation suffixes, title words),
//!    appositive roles ("Lavrov, Russia's foreign minister,"), and one person per
//!    surname. A speaker mention resolves to a person named inside it, else a
//!    pronoun to the last person named before it, else "the minister" to the last
//!    person with that role.
//! 4. [`dates`]: weekday names, today/yesterday/tomorrow, next/last/this week and
//!    calendar dates, resolved against [`AnalyzeOptions::published`] (a bare
//!    weekday is the last such day on or before publication).
//!
//! # The learned part and how to retrain it
//!
//! `src/cues.tsv` (about 2,200 lines, 32 KB, `include_str!`) holds, for every
//! word seen at least twice inside a gold cue of the PolNeAR **train** split,
//! how often it was inside a cue and how often it occurs at all; the ratio is
//! the word's cue score ([`lexicon::Lexicon::score`]), and [`attrib::CUE_MIN`]
//! is the threshold. A short hand-written list of speech verbs in English,
//! German, French, Spanish, Portuguese and Italian backs it up. Retrain with
//! one command:
//!
//! ```text
//! cargo run --release -p copydesk-analyze --example train_cues -- /work/shared/bench/quotes/train.jsonl
//! ```
//!
//! The thresholds and rules were tuned on the train and dev splits only.
//!
//! # Tools
//!
//! - `examples/analyze_file.rs`: `cargo run --release -p copydesk-analyze
//!   --example analyze_file -- FILE [YYYY-MM-DD]` prints the analysis as JSON.
//! - `examples/predict_quotes.rs`: writes predictions for a PolNeAR-style file
//!   in the format of `bench/score_quotes.py` (the same as
//!   `copydesk-bench quotes`).

pub mod attrib;
pub mod dates;
pub mod entities;
mod gazetteer;
pub mod lexicon;
pub mod scan;

use copydesk_model::{Analysis, Mention, Quote};

/// Options for [`analyze`].
#[derive(Default, Clone, Debug)]
pub struct AnalyzeOptions {
    /// Publication day, ISO `2022-01-21`: resolves "Friday", "next week".
    pub published: Option<String>,
}

/// Finds quotes with their speakers, entities and dates in `text`.
/// Offsets are char offsets, end exclusive.
pub fn analyze(text: &str, opts: &AnalyzeOptions) -> Analysis {
    let sc = scan::Scan::new(text);
    let mut at = attrib::Attributor::new(&sc);
    at.run();
    let ents = entities::Entities::find(&sc);
    let mut quotes = Vec::with_capacity(at.out.len());
    for a in &at.out {
        let direct = at.quoted_share(a.cs, a.ce) >= 0.5;
        let speaker_mention = a.src.map(|(s, e)| Mention {
            text: sc.slice(s, e),
            start: s,
            end: e,
        });
        let speaker = a.src.and_then(|(s, e)| ents.resolve_speaker(&sc, s, e));
        quotes.push(Quote {
            text: sc.slice(a.cs, a.ce),
            start: a.cs,
            end: a.ce,
            direct,
            speaker,
            speaker_mention,
            cue: a.cue.map(|(s, e)| sc.slice(s, e)),
        });
    }
    let dates = dates::find(&sc, opts.published.as_deref());
    Analysis {
        quotes,
        entities: ents.into_model(),
        dates,
    }
}

/// Helpers for the training example (`examples/train_cues.rs`).
#[doc(hidden)]
pub mod train {
    /// Each word of `text` (lowercased, as the analyser tokenises it) and
    /// whether it starts inside one of the `(start, end)` char spans.
    pub fn word_cue_flags(text: &str, spans: &[(usize, usize)]) -> Vec<(String, bool)> {
        let sc = crate::scan::Scan::new(text);
        sc.toks
            .iter()
            .filter(|t| t.kind == crate::scan::Kind::Word && !t.low.is_empty())
            .map(|t| {
                let inside = spans.iter().any(|&(s, e)| t.s < e && t.e > s);
                (t.low.clone(), inside)
            })
            .collect()
    }
}

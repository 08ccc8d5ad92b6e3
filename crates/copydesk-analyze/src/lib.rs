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
//! Everything is rules plus one small learned table, in linear time:
//!
//! 1. [`scan`]: characters are tokenised, top-level quotation regions are found
//!    line by line (“ ” „ “ « » » « ‹ › 「 」 『 』, straight `"` and `''` decided by
//!    their neighbours, headline `‘ ’`), a quote left open runs to the end of its
//!    paragraph, and sentences are split outside quotations.
//! 2. [`attrib`]: in every sentence, cue words (learned lexicon, see below) are
//!    read with the quotation regions as atomic units: `“Q,” X said`,
//!    `“Q,” said X`, `X said: “Q”`, `X said (that) CLAUSE`, `CLAUSE, X said`,
//!    `according to X`, split quotes `“A,” he said. “B.”`, frames ending in a
//!    colon, headline colons (`Pence: ...`), and free-standing quotation
//!    paragraphs that continue the previous speaker.
//! 3. [`entities`]: capitalised runs, titles and roles, a hand-written gazetteer
//!    (`gazetteer.rs`), surname and pronoun resolution to the last compatible
//!    full name.
//! 4. [`dates`]: weekday names, relative days and weeks, and calendar dates,
//!    resolved against [`AnalyzeOptions::published`].
//!
//! # Retraining the cue lexicon
//!
//! The only learned part is `src/cues.tsv` (word, times inside a gold cue,
//! times seen), included with `include_str!`. Rebuild it from the PolNeAR train
//! split with one command:
//!
//! ```text
//! cargo run --release -p copydesk-analyze --example train_cues -- /work/shared/bench/quotes/train.jsonl
//! ```

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

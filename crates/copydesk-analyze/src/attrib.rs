//! Attribution: finds cues, their sources and their contents, sentence by
//! sentence, with quotation regions treated as atomic units.

use crate::lexicon::Lexicon;
use crate::scan::{is_abbrev, Kind, Scan};

/// One attribution found in the text (char offsets, end exclusive).
#[derive(Debug, Clone)]
pub struct Attr {
    pub cs: usize,
    pub ce: usize,
    pub src: Option<(usize, usize)>,
    pub cue: Option<(usize, usize)>,
    /// Sentence index of the cue/frame (for continuation logic).
    pub sent: usize,
    pub line: usize,
}

/// Cue score from which a verb may take a plain noun phrase as its content.
pub const WEAK_VERB_MIN: f32 = CUE_MIN;

/// Whether quotations with neither a cue nor a speaker are reported. They are
/// not, by default: on PolNeAR train and dev most such free-standing quotation
/// paragraphs are not annotated as attributions, and giving them the previous
/// speaker was wrong more often than right (measured: dropping them raises
/// direct end-to-end F1 by about .02 and does not lower content F1).
pub const KEEP_UNATTRIBUTED: bool = false;

/// Whether a paragraph that is one quotation continues the quotation of the
/// paragraph before it (`“A,” he said.¶“B.”`).
pub const MERGE_QUOTE_PARAGRAPHS: bool = true;

/// Minimum cue score for a word to open an attribution.
pub const CUE_MIN: f32 = 0.30;

#[derive(Debug, Clone, Copy, PartialEq)]
enum U {
    W(usize),
    P(usize, char),
    R(usize),
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    s: usize,
    e: usize,
    u: U,
}

/// Auxiliaries, adverbs and time words that may stand between a source and its cue.
const SKIP_LEFT: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "would",
    "will",
    "could",
    "can",
    "may",
    "might",
    "did",
    "does",
    "do",
    "is",
    "was",
    "are",
    "were",
    "been",
    "be",
    "never",
    "not",
    "already",
    "publicly",
    "often",
    "just",
    "reportedly",
    "repeatedly",
    "again",
    "still",
    "once",
    "then",
    "later",
    "previously",
    "recently",
    "earlier",
    "privately",
    "later",
    "frequently",
    "further",
    "simply",
    "flatly",
    "bluntly",
    "openly",
    "quickly",
    "herself",
    "himself",
    "themselves",
    "itself",
    "even",
    "has",
    "n't",
    "should",
    "must",
    "shall",
    "first",
    "last",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "week",
    "night",
    "morning",
    "afternoon",
    "evening",
    "month",
    "year",
    "this",
    "late",
    "famously",
    "separately",
    "directly",
    "initially",
    "subsequently",
    "ultimately",
    "finally",
    "clearly",
    "explicitly",
    "strongly",
    "personally",
    "specifically",
    "widely",
    "long",
    "always",
    "consistently",
    "however",
    "a",
    "hat",
    "avait",
    "había",
    "ha",
];

/// Words that end a noun phrase read leftwards from a cue.
const STOP_NP: &[&str] = &[
    "en", "à", "au", "devant", "am", "im", "bei", "vor", "ante", "durante", "that", "and", "but",
    "or", "which", "who", "whom", "whose", "when", "while", "as", "because", "if", "than", "so",
    "where", "after", "before", "since", "although", "though", "whether", "what", "how", "why",
    "to", "is", "was", "are", "were", "be", "been", "has", "have", "had", "in", "at", "for",
    "with", "by", "from", "about", "into", "over", "under", "during", "also", "not", "said",
    "says", "told", "there", "it's", "yet", "nor", "until", "unless", "once", "then", "said",
    "says", "say", "would", "will", "could", "can", "did", "do", "does", "like", "about",
    "against", "among", "through", "via", "per", "upon", "toward", "towards", "within", "without",
    "amid", "despite", "on",
];

const MONTHS: &[&str] = &[
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
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words that, after a comma, end a reported content.
const CLAUSE_BREAK: &[&str] = &[
    "but",
    "according",
    "compared",
    "while",
    "whereas",
    "although",
    "though",
    "despite",
    "which",
];

const SUBORDINATORS: &[&str] = &[
    "as",
    "while",
    "when",
    "after",
    "before",
    "because",
    "since",
    "although",
    "though",
    "which",
    "who",
    "where",
    "and",
    "but",
    "or",
    "if",
    "unless",
    "until",
    "whereas",
    "even",
    "so",
    "according",
    "in",
    "on",
    "at",
    "during",
    "with",
    "without",
    "despite",
    "amid",
    "noting",
    "adding",
    "saying",
    "citing",
];

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
    "whose", "no", "any", "every", "each",
];

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "we", "i", "you", "it", "who", "one", "both", "others", "many", "some",
];

const TELL: &[&str] = &[
    "told", "tells", "tell", "telling", "asked", "asks", "urged", "urges", "assured", "warned",
    "reminded", "informed",
];

const PARTICIPLES: &[&str] = &[
    "adding",
    "noting",
    "saying",
    "arguing",
    "claiming",
    "insisting",
    "explaining",
    "warning",
    "suggesting",
    "stressing",
    "calling",
    "citing",
    "asking",
    "telling",
    "writing",
];

/// Words after a quotation that start a time phrase, not more of the report
/// (weekday names too: [`crate::dates::is_weekday`]).
const WHEN: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "last",
    "earlier",
    "later",
    "during",
    "after",
    "before",
    "while",
    "when",
    "since",
];

/// Quantifiers that open a source ("another source", "several aides").
const QUANTIFIERS: &[&str] = &[
    "another", "some", "many", "several", "both", "all", "most", "one", "two", "three", "few",
    "other", "more",
];

/// Verbs that name their object with a quotation: `called it “shameful”`.
const NAMING: &[&str] = &[
    "call",
    "calls",
    "called",
    "calling",
    "dubbed",
    "dubs",
    "branded",
    "brands",
    "labeled",
    "labelled",
    "labels",
    "termed",
    "deemed",
    "declared",
    "pronounced",
];

const TIME_WORDS: &[&str] = &[
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "last",
    "this",
    "week",
    "night",
    "morning",
    "afternoon",
    "evening",
    "earlier",
    "later",
    "recently",
    "late",
    "early",
    "month",
    "year",
    "again",
    "also",
    "then",
    "previously",
    "repeatedly",
    "once",
    "in",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "separate",
    "press",
    "conference",
    "news",
    "briefing",
    "speech",
    "email",
    "emailed",
    "phone",
    "telephone",
    "post",
    "tweet",
    "at",
    "rally",
    "during",
];

/// Adverbs between a source and its cue, besides the `-ly` ones.
const EXTRA_ADVERBS: &[&str] = &[
    "now",
    "together",
    "sometimes",
    "perhaps",
    "too",
    "soon",
    "usually",
    "generally",
    "seldom",
    "rarely",
];

/// Participles of attitude: "X is convinced that" keeps X as the source.
const ATTITUDES: &[&str] = &[
    "convinced",
    "outraged",
    "concerned",
    "shocked",
    "worried",
    "determined",
    "pleased",
    "disappointed",
    "surprised",
    "frustrated",
    "alarmed",
    "encouraged",
    "excited",
    "troubled",
    "angered",
    "satisfied",
    "prepared",
    "committed",
    "interested",
    "opposed",
    "inclined",
    "offended",
    "disturbed",
    "relieved",
    "dismayed",
    "impressed",
    "claimed",
    "echoed",
];

// Each word list as a hash set, built on first use.
static SKIP_LEFT_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(SKIP_LEFT);
static STOP_NP_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(STOP_NP);
static PRONOUNS_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(PRONOUNS);
static TELL_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(TELL);
static PARTICIPLES_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(PARTICIPLES);
static TIME_WORDS_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(TIME_WORDS);
static SUBORDINATORS_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(SUBORDINATORS);
static DETERMINERS_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(DETERMINERS);
static MONTHS_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(MONTHS);
static EXTRA_ADVERBS_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(EXTRA_ADVERBS);
static ATTITUDES_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(ATTITUDES);
static WHEN_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(WHEN);
static QUANTIFIERS_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(QUANTIFIERS);
static NAMING_SET: crate::gazetteer::WordSet = crate::gazetteer::WordSet::new(NAMING);

/// A frame waiting for its content: (source, cue, line).
type Pending = (Option<(usize, usize)>, (usize, usize), usize);

pub struct Attributor<'a> {
    sc: &'a Scan,
    lex: &'a Lexicon,
    pub out: Vec<Attr>,
    /// A frame like "X continued:" waiting for its content in the next sentence.
    pending: Option<Pending>,
    /// Index in `out` of the first attribution of the current sentence.
    sent_first: usize,
    /// The cue last resolved is a passive participle ("was accused").
    passive: bool,
    /// The source found for the cue last resolved is not a noun phrase.
    implausible: bool,
}

impl<'a> Attributor<'a> {
    pub fn new(sc: &'a Scan) -> Self {
        Attributor {
            sc,
            lex: Lexicon::get(),
            out: Vec::new(),
            pending: None,
            sent_first: 0,
            passive: false,
            implausible: false,
        }
    }

    fn units(&self, a: usize, b: usize) -> Vec<Unit> {
        let mut out: Vec<Unit> = Vec::with_capacity(b.saturating_sub(a));
        for i in a..b {
            let Some(t) = self.sc.tok(i) else { break };
            if let Some(r) = t.region {
                if let Some(last) = out.last_mut() {
                    if last.u == U::R(r) {
                        last.e = t.e;
                        continue;
                    }
                }
                let e = self.sc.regions.get(r).map(|x| x.e).unwrap_or(t.e);
                out.push(Unit {
                    s: t.s,
                    e: e.max(t.e),
                    u: U::R(r),
                });
                continue;
            }
            let u = match t.kind {
                Kind::Word => U::W(i),
                Kind::Punct => U::P(i, t.ch),
            };
            out.push(Unit { s: t.s, e: t.e, u });
        }
        out
    }

    fn word<'b>(&'b self, us: &[Unit], k: usize) -> Option<&'b str> {
        match us.get(k)?.u {
            U::W(t) => Some(self.sc.low(t)),
            _ => None,
        }
    }

    fn is_cap(&self, us: &[Unit], k: usize) -> bool {
        match us.get(k).map(|u| u.u) {
            Some(U::W(t)) => self.sc.tok(t).is_some_and(|t| t.cap),
            _ => false,
        }
    }

    fn punct(&self, us: &[Unit], k: usize) -> Option<char> {
        match us.get(k)?.u {
            U::P(_, c) => Some(c),
            _ => None,
        }
    }

    fn is_region(&self, us: &[Unit], k: usize) -> bool {
        matches!(us.get(k).map(|u| u.u), Some(U::R(_)))
    }

    fn cue_score(&self, us: &[Unit], k: usize) -> f32 {
        let Some(w) = self.word(us, k) else {
            return 0.0;
        };
        if w == "according" {
            return if self.word(us, k + 1) == Some("to") {
                1.0
            } else {
                0.0
            };
        }
        // A capitalised cue word mid-sentence is a name ("Said", "Tell").
        if k > 0 && self.is_cap(us, k) {
            return 0.0;
        }
        // Adverbs and auxiliaries sit next to cues but are not cues; a word
        // after a determiner is a noun ("a statement").
        if SKIP_LEFT_SET.has(w) || (w.ends_with("ly") && w != "reply") {
            return 0.0;
        }
        if k > 1
            && w.ends_with('s')
            && !self.lex.is_speech_verb(w)
            && self
                .word(us, k - 1)
                .is_some_and(|p| !STOP_NP_SET.has(p) && !PRONOUNS_SET.has(p))
            && self.word(us, k - 2).is_some_and(|p| DETERMINERS_SET.has(p))
        {
            return 0.0;
        }
        if k > 0
            && !self.lex.is_speech_verb(w)
            && self.word(us, k - 1).is_some_and(|p| DETERMINERS_SET.has(p))
        {
            return 0.0;
        }
        self.lex.score(w)
    }

    /// Noun phrase read leftwards from unit `j` (inclusive): returns (lo, hi).
    fn np_left(&self, us: &[Unit], j: usize) -> Option<(usize, usize)> {
        let mut lo = None;
        let mut k = j as isize;
        let mut words = 0;
        while k >= 0 && words < 7 {
            let ku = k as usize;
            match us.get(ku).map(|u| u.u) {
                Some(U::W(t)) => {
                    let w = self.sc.low(t);
                    if STOP_NP_SET.has(w) && !(words == 0 && PRONOUNS_SET.has(w)) {
                        break;
                    }
                    lo = Some(ku);
                    words += 1;
                    if words == 1 && PRONOUNS_SET.has(w) {
                        break;
                    }
                }
                Some(U::P(_, '.')) if ku > 0 && self.word(us, ku - 1).is_some_and(is_abbrev) => {
                    lo = Some(ku);
                }
                _ => break,
            }
            k -= 1;
        }
        lo.map(|l| (l, j))
    }

    /// Noun phrase read rightwards from unit `j`.
    fn np_right(&self, us: &[Unit], j: usize) -> Option<(usize, usize)> {
        let mut hi = None;
        let mut k = j;
        let mut words = 0;
        while k < us.len() && words < 7 {
            match us.get(k).map(|u| u.u) {
                Some(U::W(t)) => {
                    let w = self.sc.low(t);
                    if words > 0 && STOP_NP_SET.has(w) && w != "of" {
                        break;
                    }
                    if words == 0 && STOP_NP_SET.has(w) && !PRONOUNS_SET.has(w) {
                        return None;
                    }
                    hi = Some(k);
                    words += 1;
                    // "one GOP source" goes on; "he", "they" do not.
                    let one_of = w == "one"
                        && self
                            .word(us, k + 1)
                            .is_some_and(|n| !STOP_NP_SET.has(n) && !PRONOUNS_SET.has(n));
                    if words == 1 && PRONOUNS_SET.has(w) && !one_of {
                        break;
                    }
                }
                Some(U::P(_, '.')) if k > 0 && self.word(us, k - 1).is_some_and(is_abbrev) => {
                    if self.is_cap(us, k + 1) {
                        hi = Some(k);
                    } else {
                        break;
                    }
                }
                _ => break,
            }
            k += 1;
        }
        hi.map(|h| (j, h))
    }

    fn span(us: &[Unit], lo: usize, hi: usize) -> Option<(usize, usize)> {
        Some((us.get(lo)?.s, us.get(hi)?.e))
    }

    /// Last unit of the sentence that is content (drops final punctuation).
    fn content_last(&self, us: &[Unit], from: usize, to: usize) -> Option<usize> {
        let mut q = to;
        while q > from {
            match us.get(q - 1).map(|u| u.u) {
                Some(U::P(_, c)) if !c.is_alphanumeric() => q -= 1,
                Some(_) => return Some(q - 1),
                None => return None,
            }
        }
        None
    }

    fn n_words(&self, us: &[Unit], lo: usize, hi: usize) -> usize {
        (lo..=hi)
            .filter(|&k| matches!(us.get(k).map(|u| u.u), Some(U::W(_)) | Some(U::R(_))))
            .count()
    }

    fn has_region(&self, us: &[Unit], lo: usize, hi: usize) -> bool {
        (lo..=hi).any(|k| self.is_region(us, k))
    }

    /// Skips an addressee / time / place phrase after a cue; returns the
    /// index where the content starts.
    fn skip_after_cue(&self, us: &[Unit], k: usize, cue_word: &str) -> usize {
        let mut p = k + 1;
        // "pointed out that", "spoke out against": the particle is part of the cue.
        if self.word(us, p) == Some("out") {
            p += 1;
        }
        if TELL_SET.has(cue_word) {
            // "told reporters that", "told The Post:", "told CNN on Sunday,"
            let mut q = p;
            while q < us.len() && q < p + 6 {
                match us.get(q).map(|u| u.u) {
                    Some(U::W(t)) if self.sc.low(t) == "that" => return q + 1,
                    Some(U::W(_)) => q += 1,
                    Some(U::P(_, ',' | ':')) | Some(U::R(_)) => {
                        p = q;
                        break;
                    }
                    Some(U::P(_, '.')) if q > 0 && self.word(us, q - 1).is_some_and(is_abbrev) => {
                        q += 1
                    }
                    _ => break,
                }
            }
            if p == k + 1 {
                // "told reporters he ...": skip one short object noun phrase.
                let mut q = p;
                while q < us.len() && q < p + 5 {
                    match self.word(us, q) {
                        Some(w) if PRONOUNS_SET.has(w) && q > p => break,
                        Some(w) if STOP_NP_SET.has(w) => break,
                        Some(_) => q += 1,
                        None => break,
                    }
                }
                let at_subject = self
                    .word(us, q)
                    .is_some_and(|w| PRONOUNS_SET.has(w) && !matches!(w, "it" | "one"));
                if q > p && (q < p + 3 || (at_subject && q <= p + 4)) {
                    p = q;
                }
            }
        }
        // Time / place phrase: "on Friday,", "in a statement:", "Tuesday that"
        let mut q = p;
        while q < us.len() && q < p + 7 {
            match self.word(us, q) {
                Some(w) if TIME_WORDS_SET.has(w) || (q > p && self.is_cap(us, q)) => q += 1,
                _ => break,
            }
        }
        if q > p {
            match (self.word(us, q), self.punct(us, q)) {
                (Some("that"), _) => return q + 1,
                (_, Some(',' | ':' | '.' | ';')) => p = q,
                (None, None) if self.is_region(us, q) => p = q,
                _ => {
                    // Only time words: skip them if they all are.
                    if (p..q).all(|x| {
                        self.word(us, x).is_some_and(|w| {
                            TIME_WORDS_SET.has(w) && !matches!(w, "a" | "an" | "the" | "in" | "at")
                        })
                    }) {
                        p = q;
                    }
                }
            }
        }
        while let Some(c) = self.punct(us, p) {
            if matches!(c, ',' | ':' | '—' | '–' | '-') {
                p += 1;
            } else {
                break;
            }
        }
        if matches!(
            self.word(us, p),
            Some("that" | "que" | "dass" | "daß" | "che" | "qu" | "что" | "إن" | "أن")
        ) {
            p += 1;
        }
        p
    }

    /// Where a content read rightwards from `p` ends (exclusive unit index):
    /// the sentence end, or before ", and <cue>" / ", adding ..." clauses.
    fn content_stop(&self, us: &[Unit], p: usize) -> usize {
        let mut q = p;
        while q < us.len() {
            if let Some(w) = self.word(us, q) {
                if q > p + 2 {
                    // "..., even suggesting he ...": a participle after
                    // adverbs starts a report of its own.
                    if self.punct(us, q - 1) == Some(',')
                        && (w == "even" || w.ends_with("ly"))
                        && self.word(us, q + 1).is_some_and(|n| PARTICIPLES_SET.has(n))
                    {
                        return q - 1;
                    }
                    // "When A pointed out that B, the candidate said C": a
                    // subject and a strong cue after a comma start a new report.
                    if self.punct(us, q - 1) == Some(',')
                        && (PRONOUNS_SET.has(w) || DETERMINERS_SET.has(w) || self.is_cap(us, q))
                        && !matches!(w, "it" | "this" | "that")
                    {
                        let mut e = q + 1;
                        if !PRONOUNS_SET.has(w) {
                            while e < q + 4
                                && self.word(us, e).is_some_and(|x| {
                                    !STOP_NP_SET.has(x) && self.cue_score(us, e) < 0.6
                                })
                            {
                                e += 1;
                            }
                        }
                        if self.word(us, e).is_some_and(|x| self.lex.is_speech_verb(x))
                            && self.cue_score(us, e) >= 0.6
                            && self.word(us, e + 1).is_some()
                        {
                            return q - 1;
                        }
                    }
                    // "... in a statement on Thursday": where it was said.
                    if w == "in"
                        && matches!(self.word(us, q + 1), Some("a" | "an"))
                        && matches!(
                            self.word(us, q + 2),
                            Some("statement" | "interview" | "tweet" | "email" | "speech")
                        )
                        && us.get(q + 3..).is_some_and(|rest| {
                            rest.iter().all(|u| !matches!(u.u, U::R(_))) && rest.len() <= 4
                        })
                    {
                        return q;
                    }
                    if w == "and" || w == "but" {
                        let mut r = q + 1;
                        while self.word(us, r).is_some_and(|w| SKIP_LEFT_SET.has(w)) {
                            r += 1;
                        }
                        if self.cue_score(us, r) >= CUE_MIN && !self.is_region(us, r + 1) {
                            return q;
                        }
                        // "... and Democrats accused ...", "— and he noted that ...":
                        // a new subject with a strong cue starts a report of its own.
                        let subj = if self.word(us, r).is_some_and(|w| PRONOUNS_SET.has(w)) {
                            Some(r + 1)
                        } else if self.is_cap(us, r) {
                            let mut e = r;
                            while e < r + 3 && self.is_cap(us, e + 1) {
                                e += 1;
                            }
                            Some(e + 1)
                        } else {
                            None
                        };
                        if let Some(mut c) = subj {
                            while self.word(us, c).is_some_and(|w| SKIP_LEFT_SET.has(w)) {
                                c += 1;
                            }
                            if self.cue_score(us, c) >= 0.6 {
                                return q;
                            }
                        }
                    }
                    if PARTICIPLES_SET.has(w) && self.punct(us, q.saturating_sub(1)) == Some(',') {
                        return q - 1;
                    }
                    // “...,” adding — the comma sits inside the quotation marks.
                    let region_comma = self.is_region(us, q - 1)
                        && us.get(q - 1).is_some_and(|u| {
                            self.sc
                                .slice(u.s, u.e)
                                .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',')
                                .ends_with(',')
                        });
                    // ", according to X", ", compared with ...", ", while ..."
                    // (", but that ..." still belongs to the same report.)
                    if self.punct(us, q.saturating_sub(1)) == Some(',')
                        && CLAUSE_BREAK.contains(&w)
                        && !(w == "but" && self.word(us, q + 1) == Some("that"))
                    {
                        return q - 1;
                    }
                    if region_comma
                        && CLAUSE_BREAK.contains(&w)
                        && !(w == "but" && self.word(us, q + 1) == Some("that"))
                    {
                        return q;
                    }
                    // "..., and a plan B; the Center puts it at ..."
                    if self.punct(us, q.saturating_sub(1)) == Some(';') {
                        return q - 1;
                    }
                    if PARTICIPLES_SET.has(w) && region_comma {
                        return q;
                    }
                }
            }
            q += 1;
        }
        us.len()
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        us: &[Unit],
        lo: usize,
        hi: usize,
        src: Option<(usize, usize)>,
        cue: Option<(usize, usize)>,
        sent: usize,
        line: usize,
    ) -> bool {
        let (Some(a), Some(b)) = (us.get(lo), us.get(hi)) else {
            return false;
        };
        if b.e <= a.s {
            return false;
        }
        let (cs, ce) = (a.s, b.e);
        if self
            .out
            .get(self.sent_first..)
            .unwrap_or(&[])
            .iter()
            .any(|x| x.cs < ce && cs < x.ce)
        {
            return false;
        }
        self.out.push(Attr {
            cs: a.s,
            ce: b.e,
            src,
            cue,
            sent,
            line,
        });
        true
    }

    /// Tries to build an attribution around the cue at unit `k`; returns the
    /// unit index where scanning for the next cue resumes.
    fn resolve(
        &mut self,
        us: &[Unit],
        k: usize,
        si: usize,
        line: usize,
        prev_src: Option<(usize, usize)>,
    ) -> Option<usize> {
        let cue_w = self.word(us, k)?.to_string();
        let n = us.len();
        if let Some(a) = self.as_put_it(us, k) {
            return self.resolve_put_it(us, a, k, si, line);
        }
        if cue_w == "according" {
            let cue = Self::span(us, k, k + 1);
            let np = self.np_right(us, k + 2).map(|(a, mut b)| {
                // "a statement from the union", "a report by the agency"
                while matches!(
                    self.word(us, b + 1),
                    Some("from" | "by" | "of" | "at" | "with")
                ) && b < k + 14
                {
                    match self.np_right(us, b + 2) {
                        Some((_, nb)) => b = nb,
                        None => break,
                    }
                }
                (a, b)
            });
            let src = np.and_then(|(a, b)| Self::span(us, a, b));
            let after_np = np.map(|x| x.1 + 1).unwrap_or(k + 2);
            if k >= 2 && self.punct(us, k - 1) == Some(',') {
                let last = self.content_last(us, 0, k - 1)?;
                if self.n_words(us, 0, last) >= 2 {
                    self.push(us, 0, last, src, cue, si, line);
                }
                return Some(after_np);
            }
            // "According to X, CONTENT."
            let mut p = after_np;
            while p < n && self.punct(us, p).is_none() && !self.is_region(us, p) {
                p += 1;
            }
            while matches!(self.punct(us, p), Some(',' | ':')) {
                p += 1;
            }
            let stop = self.content_stop(us, p);
            let last = self.content_last(us, p, stop)?;
            if last >= p && self.n_words(us, p, last) >= 2 {
                self.push(us, p, last, src, cue, si, line);
            }
            return Some(stop);
        }
        let cue = Self::span(us, k, k);
        // Skip auxiliaries / adverbs leftwards.
        let mut j = k as isize - 1;
        let mut appos_src: Option<(usize, usize)> = None;
        let participle = cue_w.ends_with("ed")
            || matches!(
                cue_w.as_str(),
                "told" | "known" | "seen" | "shown" | "heard" | "thought"
            );
        loop {
            // "on Tuesday said": a weekday after "on" is a time, not a name.
            let time_cap = j >= 1
                && self
                    .word(us, j as usize)
                    .is_some_and(crate::dates::is_weekday)
                && self.word(us, j as usize - 1) == Some("on");
            if j >= 0
                && (!self.is_cap(us, j as usize) || time_cap)
                && self.word(us, j as usize).is_some_and(|w| {
                    SKIP_LEFT_SET.has(w) || w.ends_with("ly") || EXTRA_ADVERBS_SET.has(w)
                })
            {
                if participle
                    && self.word(us, j as usize).is_some_and(|w| {
                        matches!(w, "was" | "were" | "is" | "are" | "been" | "be" | "being")
                    })
                    && !ATTITUDES_SET.has(&cue_w)
                {
                    self.passive = true;
                }
                j -= 1;
                continue;
            }
            // "The state's chairman, Phil Lovas, said he ...", "Donna Reyes,
            // 59, of Ashton, who watched the game, said the ...": the subject
            // opens the sentence and the cue is followed by its content.
            if appos_src.is_none() && j >= 2 && self.punct(us, j as usize) == Some(',') {
                if let Some((a, b, name_end)) = self.appositive_subject(us, j as usize, k) {
                    appos_src = Some((a, name_end));
                    j = b as isize;
                    continue;
                }
            }
            // "Clinton, the former secretary of State, said" / "X, who ..., said"
            if j >= 2 && self.punct(us, j as usize) == Some(',') {
                let ju = j as usize;
                let lo = ju.saturating_sub(25);
                if let Some(c) = (lo..ju)
                    .rev()
                    .find(|&x| self.punct(us, x) == Some(',') || self.is_region(us, x))
                {
                    // Not a clause of its own (", and the meeting ended there,").
                    let conj = self
                        .word(us, c + 1)
                        .is_some_and(|w| matches!(w, "and" | "but" | "or" | "so" | "yet"));
                    if c >= 1
                        && self.punct(us, c) == Some(',')
                        && self.is_cap(us, c - 1)
                        && c + 1 < ju
                        && !conj
                    {
                        j = c as isize - 1;
                        continue;
                    }
                }
            }
            // "officials in April said", "the agency on Tuesday said"
            if j >= 1
                && self.word(us, j as usize).is_some_and(|w| {
                    MONTHS_SET.has(w) || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
                })
                && self.word(us, j as usize - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "in" | "on"
                            | "since"
                            | "last"
                            | "during"
                            | "by"
                            | "until"
                            | "early"
                            | "late"
                    )
                })
            {
                j -= 2;
                continue;
            }
            // "Rep. Gwen Moore (D-Wis.) said"
            if j >= 1 && self.punct(us, j as usize) == Some(')') {
                let lo = (j - 8).max(0);
                if let Some(o) = (lo..j)
                    .rev()
                    .find(|&x| self.punct(us, x as usize) == Some('('))
                {
                    j = o - 1;
                    continue;
                }
            }
            break;
        }
        // “Q,” Name, a title of something, said
        if j >= 2 && self.punct(us, j as usize) == Some(',') {
            let ju = j as usize;
            if let Some(r) = (ju.saturating_sub(30)..ju)
                .rev()
                .find(|&x| self.is_region(us, x))
            {
                let first = if self.punct(us, r + 1) == Some(',') {
                    r + 2
                } else {
                    r + 1
                };
                let clean = (first..ju).all(|x| !self.is_region(us, x))
                    && (self.is_cap(us, first)
                        || self.word(us, first).is_some_and(|w| DETERMINERS_SET.has(w)))
                    && (first..ju).any(|x| self.punct(us, x) == Some(','));
                if clean && first < ju {
                    let src = Self::span(us, first, ju - 1);
                    self.push(us, 0, r, src, cue, si, line);
                    return Some(k + 1);
                }
            }
        }
        let mut np_l = if j >= 0 {
            self.np_left(us, j as usize)
        } else {
            None
        };
        // "Smith and Jones said": two coordinated names are one source.
        if let Some((lo, hi)) = np_l {
            if lo >= 2
                && self.is_cap(us, lo)
                && self.word(us, lo - 1) == Some("and")
                && self.is_cap(us, lo - 2)
            {
                if let Some((l2, _)) = self.np_left(us, lo - 2) {
                    if self.is_cap(us, l2) {
                        np_l = Some((l2, hi));
                    }
                }
            }
        }
        // “Q,” a spokeswoman for the campaign in Ohio said: prepositional
        // phrases inside a source that stands right after the quotation.
        if let Some((lo, hi)) = np_l {
            let mut l = lo;
            for _ in 0..3 {
                let prep = l >= 2
                    && self.word(us, l - 1).is_some_and(|w| {
                        matches!(
                            w,
                            "for" | "of" | "in" | "at" | "with" | "from" | "on" | "to"
                        )
                    });
                let Some((l2, _)) = prep.then(|| self.np_left(us, l - 2)).flatten() else {
                    break;
                };
                l = l2;
                let after_quote = l >= 1
                    && (self.is_region(us, l - 1)
                        || (l >= 2
                            && matches!(self.punct(us, l - 1), Some(',' | '—' | '–'))
                            && self.is_region(us, l - 2)));
                if after_quote {
                    np_l = Some((l, hi));
                    break;
                }
            }
        }
        let before = match np_l {
            Some((lo, _)) => lo as isize - 1,
            None => j,
        };
        let mut before = before;
        let mut long_src_from: Option<usize> = None;
        let mut before_is_quote = before >= 0 && {
            let b = before as usize;
            self.is_region(us, b)
                || (matches!(self.punct(us, b), Some(',' | '—' | '–'))
                    && b > 0
                    && self.is_region(us, b - 1))
        };
        // “Q,” Scott Pruitt, the attorney general of Oklahoma, one of ..., said
        if !before_is_quote
            && np_l.is_some()
            && before >= 1
            && self.punct(us, before as usize) == Some(',')
        {
            let b = before as usize;
            if let Some(r) = (b.saturating_sub(16)..b)
                .rev()
                .find(|&x| self.is_region(us, x))
            {
                let clean = (r + 1..b).all(|x| {
                    !matches!(self.punct(us, x), Some('.' | ';' | ':' | '!' | '?'))
                        && self.cue_score(us, x) < CUE_MIN
                }) && (self.is_cap(us, r + 1)
                    || (self.punct(us, r + 1) == Some(',') && self.is_cap(us, r + 2)));
                if clean {
                    before = r as isize;
                    before_is_quote = true;
                    long_src_from = Some(if self.punct(us, r + 1) == Some(',') {
                        r + 2
                    } else {
                        r + 1
                    });
                }
            }
        }
        let before_is_comma =
            before >= 1 && matches!(self.punct(us, before as usize), Some(',' | '—' | '–'));
        // Where the left content ends (inclusive unit index).
        let left_last = |this: &Self| -> Option<usize> {
            let b = before as usize;
            if this.is_region(us, b) {
                Some(b)
            } else {
                this.content_last(us, 0, b)
            }
        };
        if np_l.is_none() && PARTICIPLES_SET.has(&cue_w) {
            // "..., saying ...": the source is the one before, or the subject.
            let src =
                prev_src.or_else(|| self.np_right(us, 0).and_then(|(a, b)| Self::span(us, a, b)));
            let p = self.skip_after_cue(us, k, &cue_w);
            let stop = self.content_stop(us, p);
            let last = self.content_last(us, p, stop)?;
            if last >= p && (self.n_words(us, p, last) >= 2 || self.has_region(us, p, last)) {
                let last = self.partial_quote_end(us, p, last, &cue_w).unwrap_or(last);
                self.push(us, p, last, src, cue, si, line);
            }
            return Some(stop.max(k + 1));
        }
        if np_l.is_none() && before_is_quote || (np_l.is_none() && before_is_comma) {
            // Inverted: “Q,” said X.
            let mut p = k + 1;
            while self.word(us, p).is_some_and(|w| {
                TIME_WORDS_SET.has(w) && !matches!(w, "a" | "an" | "the" | "in" | "at")
            }) {
                p += 1;
            }
            if let Some((a, b)) = self.np_right(us, p) {
                let last = left_last(self)?;
                if self.n_words(us, 0, last) >= 2 || self.has_region(us, 0, last) {
                    let src = Self::span(us, a, b);
                    let mut hi = last;
                    let mut next = b + 1;
                    // “A,” said X, “B.”  /  “A,” said X, who ... . “B.”
                    let cont = if self.has_region(us, 0, last) {
                        self.split_continuation(us, b + 1)
                    } else {
                        None
                    };
                    if let Some(q) = cont {
                        let stop = self.content_stop(us, q);
                        if let Some(l) = self.content_last(us, q, stop) {
                            hi = l;
                            next = stop;
                        }
                    }
                    let lo = self.left_start(us, last);
                    self.push(us, lo, hi, src, cue, si, line);
                    return Some(next);
                }
            }
            return None;
        }
        let (lo, hi_np) = match np_l {
            Some(x) => x,
            None => {
                // "..., adding that ...", "and warned of ...": inherit the source.
                let conjoined = j >= 0 && matches!(self.word(us, j as usize), Some("and" | "but"));
                let inherit = prev_src.is_some() && (PARTICIPLES_SET.has(&cue_w) || conjoined);
                // "Mrs. Clinton shook her head and said, “No.”": the subject.
                let subject = if !inherit
                    && conjoined
                    && (self.is_cap(us, 0)
                        || self
                            .word(us, 0)
                            .is_some_and(|w| PRONOUNS_SET.has(w) || DETERMINERS_SET.has(w)))
                {
                    self.subject(us)
                } else {
                    None
                };
                if !inherit && subject.is_none() {
                    return None;
                }
                let prev_src = prev_src.or(subject);
                let p = self.skip_after_cue(us, k, &cue_w);
                let stop = self.content_stop(us, p);
                let last = self.content_last(us, p, stop)?;
                if last >= p && (self.n_words(us, p, last) >= 2 || self.has_region(us, p, last)) {
                    let last = self.partial_quote_end(us, p, last, &cue_w).unwrap_or(last);
                    self.push(us, p, last, prev_src, cue, si, line);
                }
                return Some(stop.max(k + 1));
            }
        };
        let src = match appos_src {
            Some((a, b)) => Self::span(us, a, b),
            None => Self::span(us, long_src_from.unwrap_or(lo).min(lo), hi_np),
        };
        // A source is a name, a pronoun, a determiner phrase or a plural
        // noun ("officials"), not a verb or adjective left of a noun cue
        // ("left little doubt", "the intense criticism of").
        let src_lo = long_src_from.unwrap_or(lo).min(lo);
        let plausible = appos_src.is_some()
            || self.is_cap(us, src_lo)
            || self.word(us, src_lo).is_some_and(|w| {
                DETERMINERS_SET.has(w)
                    || PRONOUNS_SET.has(w)
                    || QUANTIFIERS_SET.has(w)
                    || w.starts_with(|c: char| c.is_ascii_digit())
                    || matches!(w, "which" | "that" | "whose")
            })
            || self
                .word(us, hi_np)
                .is_some_and(|w| w.ends_with('s') || w.ends_with("people") || w == "police");
        self.implausible = !plausible;
        // Content before: “Q,” he said.  /  CLAUSE, officials said.
        let p = self.skip_after_cue(us, k, &cue_w);
        let rest_stop = self.content_stop(us, p);
        let rest_last = self.content_last(us, p, rest_stop);
        let rest_words = rest_last
            .filter(|&l| l >= p)
            .map(|l| self.n_words(us, p, l))
            .unwrap_or(0);
        let rest_region = rest_last.is_some_and(|l| l >= p && self.has_region(us, p, l));
        let frame_end_is_sentence_end = rest_words == 0
            || (!rest_region
                && rest_words <= 5
                && p > 0
                && !matches!(self.word(us, p - 1), Some("that"))
                && self.punct(us, p.saturating_sub(1)) != Some(':'));
        // "To stop the floods, he said, the town must build a wall."
        let mid_frame = before_is_comma
            && self.punct(us, k + 1) == Some(',')
            && self
                .word(us, k + 2)
                .is_some_and(|w| !SUBORDINATORS_SET.has(w) && self.cue_score(us, k + 2) < CUE_MIN);
        if appos_src.is_none()
            && (before_is_quote || (before_is_comma && (frame_end_is_sentence_end || mid_frame)))
        {
            let last = left_last(self)?;
            let ok = self.has_region(us, 0, last) || self.n_words(us, 0, last) >= 3;
            if ok {
                // “A,” he said, “B.”  — content continues after the frame.
                let mut hi = last;
                let mut next = k + 1;
                let cont = if self.has_region(us, 0, last) {
                    self.split_continuation(us, k + 1)
                } else {
                    None
                };
                if let Some(q) = cont {
                    let stop = self.content_stop(us, q);
                    if let Some(l) = self.content_last(us, q, stop) {
                        hi = l;
                        next = stop;
                    }
                } else if !self.has_region(us, 0, last) {
                    // "But to prevent problems, he said, local officials should be vigilant."
                    if let Some(c) =
                        (k + 1..(k + 8).min(n)).find(|&x| self.punct(us, x) == Some(','))
                    {
                        let first = self.word(us, c + 1).unwrap_or("");
                        let clean = (k + 1..c)
                            .all(|x| self.punct(us, x).is_none() && !self.is_region(us, x));
                        if clean
                            && !first.is_empty()
                            && !SUBORDINATORS_SET.has(first)
                            && self.cue_score(us, c + 1) < CUE_MIN
                        {
                            let stop = self.content_stop(us, c + 1);
                            if let Some(l) = self.content_last(us, c + 1, stop) {
                                if l > c + 2 {
                                    hi = l;
                                    next = stop;
                                }
                            }
                        }
                    }
                }
                let lo = self.left_start(us, last);
                self.push(us, lo, hi, src, cue, si, line);
                return Some(next);
            }
        }
        // Content after the cue.
        if rest_words == 0 {
            if self.punct(us, p.saturating_sub(1)) == Some(':') {
                if let Some(c) = cue {
                    self.pending = Some((src, c, line));
                }
            }
            return None;
        }
        let last = rest_last?;
        // Verbs that are not speech verbs ("dismissed", "laid out") need a
        // clause or a quotation as their content, not just an object.
        let clause = rest_region
            || self.lex.is_speech_verb(&cue_w)
            || self.lex.score(&cue_w) >= WEAK_VERB_MIN
            || matches!(
                self.word(us, p.saturating_sub(1)),
                Some("that" | "que" | "dass" | "whether" | "if")
            )
            || matches!(
                self.word(us, p),
                Some("what" | "how" | "why" | "whether" | "if" | "to")
            );
        // A content does not start with a preposition ("released by ...").
        let prep_start = !rest_region
            && self.word(us, p.saturating_sub(1)) != Some("that")
            && matches!(
                self.word(us, p),
                Some(
                    "by" | "during"
                        | "since"
                        | "through"
                        | "when"
                        | "while"
                        | "because"
                        | "but"
                        | "or"
                )
            );
        if (rest_words >= 2 || rest_region) && clause && !prep_start {
            // A verb that is not a speech verb takes an object, which ends
            // at a comma or a time / place phrase ("criticized the law
            // during a stop in Flint").
            let weak = !self.lex.is_speech_verb(&cue_w)
                && !matches!(
                    self.word(us, p.saturating_sub(1)),
                    Some("that" | "que" | "dass" | "whether" | "if")
                );
            let quoted = || {
                let (Some(a), Some(b)) = (us.get(p), us.get(last)) else {
                    return false;
                };
                self.quoted_share(a.s, b.e) >= 0.5
            };
            let last = if weak && !quoted() {
                self.object_end(us, p, rest_stop)
                    .and_then(|stop| self.content_last(us, p, stop))
                    .filter(|&l| l >= p)
                    .unwrap_or(last)
            } else {
                last
            };
            let last = self.partial_quote_end(us, p, last, &cue_w).unwrap_or(last);
            self.push(us, p, last, src, cue, si, line);
            return Some(rest_stop.max(k + 1));
        }
        None
    }

    /// `as X put it`: the unit of `as` when the cue at `k` is `put` or
    /// `puts` followed by `it`, with a short source between.
    fn as_put_it(&self, us: &[Unit], k: usize) -> Option<usize> {
        if !matches!(self.word(us, k)?, "put" | "puts") || self.word(us, k + 1) != Some("it") {
            return None;
        }
        let a = (k.saturating_sub(10)..k)
            .rev()
            .find(|&x| self.word(us, x) == Some("as"))?;
        let clean = (a + 1..k).all(|x| {
            self.word(us, x).is_some_and(|w| !STOP_NP_SET.has(w))
                || matches!(self.punct(us, x), Some('.' | ',' | '\'' | '’'))
        });
        (clean && a + 1 < k).then_some(a)
    }

    /// `“Q,” as X put it.` / `As X put it in a statement, “Q.”`: the content
    /// is what follows the frame, or else what precedes it.
    fn resolve_put_it(
        &mut self,
        us: &[Unit],
        a: usize,
        k: usize,
        si: usize,
        line: usize,
    ) -> Option<usize> {
        let mut hi = k - 1;
        while hi > a + 1
            && self
                .word(us, hi)
                .is_some_and(|w| w.ends_with("ly") || SKIP_LEFT_SET.has(w))
        {
            hi -= 1;
        }
        let hi = if self.punct(us, hi) == Some(',') {
            hi - 1
        } else {
            hi
        };
        let src = Self::span(us, a + 1, hi);
        let cue = Self::span(us, k, k + 1);
        // The frame ends at the first comma, colon or quotation after "it".
        let mut p = k + 2;
        while p < us.len()
            && p < k + 16
            && !self.is_region(us, p)
            && (!matches!(self.punct(us, p), Some(',' | ':' | '.' | ';' | '—' | '–'))
                || (self.punct(us, p) == Some('.') && self.word(us, p - 1).is_some_and(is_abbrev)))
        {
            p += 1;
        }
        while matches!(self.punct(us, p), Some(',' | ':' | '—' | '–')) {
            p += 1;
        }
        let stop = self.content_stop(us, p);
        if let Some(last) = self.content_last(us, p, stop).filter(|&l| l >= p) {
            if self.n_words(us, p, last) >= 1 {
                self.push(us, p, last, src, cue, si, line);
                return Some(stop);
            }
        }
        let last = self.content_last(us, 0, a)?;
        if self.n_words(us, 0, last) >= 2 {
            let lo = self.left_start(us, last);
            self.push(us, lo, last, src, cue, si, line);
        }
        Some(k + 2)
    }

    /// A partial quote after a naming verb: `called it “shameful” and ...`,
    /// `blasted Clinton as a “disgrace” Wednesday`. When a short object (at
    /// most six words, no punctuation) is followed by a quotation — directly
    /// after a verb of naming, or after `as` with any cue — the content ends
    /// with that quotation. Returns the quotation's unit.
    fn partial_quote_end(&self, us: &[Unit], p: usize, last: usize, cue_w: &str) -> Option<usize> {
        let naming = NAMING_SET.has(cue_w);
        let mut q = p;
        let mut words = 0;
        while q < last && words <= 6 {
            match us.get(q).map(|u| u.u) {
                Some(U::W(t)) => {
                    let w = self.sc.low(t);
                    if (w != "as" && STOP_NP_SET.has(w)) || self.cue_score(us, q) >= 0.6 {
                        return None;
                    }
                    words += 1;
                }
                Some(U::R(_)) => {
                    let mut b = q;
                    while b > p && self.word(us, b - 1).is_some_and(|w| DETERMINERS_SET.has(w)) {
                        b -= 1;
                    }
                    let as_before = b > p && self.word(us, b - 1) == Some("as");
                    let object = words > usize::from(as_before) + (q - b);
                    // The quotation ends the report: what follows is a dash,
                    // a time ("Wednesday on ...") or another report ("and
                    // called on ..."), not more of the noun phrase ("called
                    // X's “reckless” actions"), a phrase that annotators keep
                    // ("“a mistake” because ...") nor more quotations
                    // ("called him a “liar” and a “bully”").
                    let ends_np = match us.get(q + 1).map(|u| u.u) {
                        None => true,
                        Some(U::P(_, c)) => matches!(c, '—' | '–' | '―' | ';' | '.' | '!' | '?'),
                        Some(U::W(t)) => {
                            let w = self.sc.low(t);
                            WHEN_SET.has(w)
                                || crate::dates::is_weekday(w)
                                || (matches!(w, "and" | "but")
                                    && self.cue_score(us, q + 2) >= CUE_MIN)
                        }
                        Some(U::R(_)) => false,
                    };
                    let more = (q + 1..=last)
                        .take_while(|&x| self.cue_score(us, x) < 0.6)
                        .any(|x| self.is_region(us, x));
                    return ((naming || as_before) && object && ends_np && !more).then_some(q);
                }
                Some(U::P(_, '\'' | '’' | '-')) => {}
                Some(U::P(_, '.')) if q > 0 && self.word(us, q - 1).is_some_and(is_abbrev) => {}
                _ => return None,
            }
            q += 1;
        }
        None
    }

    /// Where the object of a non-speech verb read from `p` ends, if before `stop`.
    fn object_end(&self, us: &[Unit], p: usize, stop: usize) -> Option<usize> {
        (p + 1..stop).find(|&q| {
            (self.punct(us, q) == Some(',') && !self.is_region(us, q - 1))
                || (q >= p + 2
                    && self.word(us, q).is_some_and(|w| {
                        matches!(
                            w,
                            "during"
                                | "since"
                                | "after"
                                | "before"
                                | "when"
                                | "while"
                                | "amid"
                                | "following"
                        )
                    }))
        })
    }

    fn is_teaser(&self, us: &[Unit]) -> bool {
        let colon = (1..us.len().min(4)).find(|&k| self.punct(us, k) == Some(':'));
        let Some(c) = colon else { return false };
        (0..c).all(|k| match us.get(k).map(|u| u.u) {
            Some(U::W(_)) => us
                .get(k)
                .is_some_and(|u| self.sc.slice(u.s, u.e).chars().all(|ch| !ch.is_lowercase())),
            _ => false,
        }) && matches!(
            self.word(us, 0),
            Some("read" | "related" | "see" | "watch" | "more" | "also" | "listen")
        )
    }

    /// The subject at the start of a sentence: a run of capitalised words, a
    /// pronoun, or a short determiner phrase.
    fn subject(&self, us: &[Unit]) -> Option<(usize, usize)> {
        let first = self.word(us, 0)?;
        if PRONOUNS_SET.has(first) {
            return Self::span(us, 0, 0);
        }
        let mut hi = 0;
        if self.is_cap(us, 0) && !DETERMINERS_SET.has(first) {
            let mut k = 1;
            while k < us.len() && k < 8 {
                if self.is_cap(us, k)
                    || (self.punct(us, k) == Some('.')
                        && self.word(us, k - 1).is_some_and(is_abbrev))
                {
                    hi = k;
                    k += 1;
                } else {
                    break;
                }
            }
            return Self::span(us, 0, hi);
        }
        let (a, b) = self.np_right(us, 0)?;
        Self::span(us, a, b.min(a + 3))
    }

    /// `SUBJECT, APPOSITIVE, cue CONTENT` with the comma before the cue at
    /// `comma` and the cue at `k`: returns the subject's first and last unit
    /// and the last unit of the speaker mention (the subject, or the subject
    /// and the name that follows it: "The state's chairman, Phil Lovas").
    fn appositive_subject(
        &self,
        us: &[Unit],
        comma: usize,
        k: usize,
    ) -> Option<(usize, usize, usize)> {
        if comma > 45 {
            return None;
        }
        let is_sep = |x: usize| matches!(self.punct(us, x), Some(',' | '—' | '–'));
        // Nothing before the cue may be a quotation or end a sentence.
        if (0..comma).any(|x| {
            self.is_region(us, x) || matches!(self.punct(us, x), Some(';' | ':' | '!' | '?'))
        }) {
            return None;
        }
        // Not inverted ("..., said John Smith." / "..., said Smith, an aide"):
        // a content follows the cue.
        if let Some((_, b)) = self.np_right(us, k + 1) {
            if us.get(b + 1).is_none()
                || matches!(self.punct(us, b + 1), Some(',' | '.' | ';' | '—' | '–'))
            {
                return None;
            }
        }
        // Segments separated by commas / dashes; intro phrases ("In a
        // statement,", "After the vote,") are skipped.
        let mut segs: Vec<(usize, usize)> = Vec::new();
        let mut a = 0;
        for x in 0..=comma {
            if is_sep(x) || (x == comma) {
                if x > a {
                    segs.push((a, x - 1));
                }
                a = x + 1;
            }
        }
        if segs.len() < 2 {
            return None;
        }
        let mut si = 0;
        while si + 2 < segs.len()
            && segs.get(si).is_some_and(|&(a, _)| {
                self.word(us, a)
                    .is_some_and(|w| STOP_NP_SET.has(w) || SUBORDINATORS_SET.has(w))
                    && !PRONOUNS_SET.has(self.word(us, a).unwrap_or(""))
            })
        {
            si += 1;
        }
        let &(sa, sb) = segs.get(si)?;
        let words = self.n_words(us, sa, sb);
        let first = self.word(us, sa)?;
        let starts_np =
            self.is_cap(us, sa) || DETERMINERS_SET.has(first) || PRONOUNS_SET.has(first);
        let clean = (sa..=sb).all(|x| match self.word(us, x) {
            Some(w) => {
                (!STOP_NP_SET.has(w)
                    || (x == sa && PRONOUNS_SET.has(w))
                    || (x > sa
                        && matches!(w, "for" | "of" | "at" | "in" | "from")
                        && (DETERMINERS_SET.has(first) || QUANTIFIERS_SET.has(first))))
                    && self.cue_score(us, x) < CUE_MIN
            }
            None => matches!(self.punct(us, x), Some('.' | '(' | ')' | '-' | '\'' | '’')),
        });
        if !(1..=8).contains(&words) || !starts_np || !clean {
            return None;
        }
        // "The state's chairman, Phil Lovas,": the name is the mention too.
        let mut name_end = sb;
        let subject_named =
            (sa + 1..=sb).any(|x| self.is_cap(us, x)) || self.is_cap(us, sa) && words == 1;
        if !subject_named {
            if let Some(&(na, nb)) = segs.get(si + 1) {
                let all_cap = (na..=nb).all(|x| {
                    self.is_cap(us, x) || matches!(self.punct(us, x), Some('.' | '(' | ')' | '-'))
                });
                if all_cap && self.n_words(us, na, nb) <= 5 {
                    name_end = nb;
                }
            }
        }
        Some((sa, sb, name_end))
    }

    /// After the frame of a split quote (`“A,” he said after the vote, “B.”`),
    /// the unit where the second part starts: the next quotation in the
    /// sentence, or one that opens right after the frame's full stop, when
    /// punctuation separates it from the frame and no other cue frames it.
    fn split_continuation(&self, us: &[Unit], from: usize) -> Option<usize> {
        let mut q = from;
        let mut ended = false;
        while q < us.len() && q < from + 40 {
            if self.is_region(us, q) {
                let sep = q > 0
                    && matches!(
                        self.punct(us, q - 1),
                        Some(',' | ':' | '.' | '!' | '?' | '—' | '–' | '-' | ';')
                    );
                // A short frame ("he said, but “B”"), or punctuation before B.
                if sep || (!ended && q <= from + 12) {
                    return Some(q);
                }
                // A title inside the frame (on Fox News's “Fox and Friends.”).
                if let Some(u) = us.get(q) {
                    let t = self.sc.slice(u.s, u.e);
                    let t = t.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
                    if t.ends_with('.') {
                        ended = true;
                    }
                }
                q += 1;
                continue;
            }
            if ended {
                return None;
            }
            if let Some(c) = self.punct(us, q) {
                if matches!(c, '.' | '!' | '?' | ';')
                    && !(c == '.'
                        && (self.word(us, q.saturating_sub(1)).is_some_and(is_abbrev)
                            || self.punct(us, q + 1) == Some(',')))
                {
                    ended = true;
                }
            } else if self.cue_score(us, q) >= CUE_MIN {
                // "..., adding, “B.”", "..., and Jones replied: “B.”": B is
                // a report of its own.
                if self.word(us, q).is_some_and(|w| PARTICIPLES_SET.has(w)) {
                    return None;
                }
                let mut r = q + 1;
                if matches!(self.punct(us, r), Some(',' | ':')) {
                    r += 1;
                }
                if self.is_region(us, r) {
                    return None;
                }
            }
            q += 1;
        }
        None
    }

    /// Start of a content read leftwards from a frame: the sentence start, or
    /// just after a dash or colon that introduces the quotation
    /// ("... to Mexico - “I love Oreos,” he said").
    fn left_start(&self, us: &[Unit], last: usize) -> usize {
        let Some(fr) = (0..=last).find(|&k| self.is_region(us, k)) else {
            return 0;
        };
        (0..fr)
            .rev()
            .find(|&k| matches!(self.punct(us, k), Some('—' | '–' | '-' | ':' | ';')))
            .map(|k| k + 1)
            .unwrap_or(0)
    }

    /// Whether the cue at `k` frames a quotation: `“Q,” NP cue` or `cue: “Q”`.
    fn region_adjacent(&self, us: &[Unit], k: usize) -> bool {
        let mut r = k + 1;
        if matches!(self.punct(us, r), Some(',' | ':')) {
            r += 1;
        }
        if self.is_region(us, r) {
            return true;
        }
        let mut j = k as isize - 1;
        let mut words = 0;
        while j >= 0 && words < 7 {
            let ju = j as usize;
            match us.get(ju).map(|u| u.u) {
                Some(U::W(t)) => {
                    if STOP_NP_SET.has(self.sc.low(t)) && !SKIP_LEFT_SET.has(self.sc.low(t)) {
                        return false;
                    }
                    words += 1;
                }
                Some(U::P(_, '.' | '(' | ')' | '-')) => {}
                Some(U::P(_, ',')) => return self.is_region(us, ju.saturating_sub(1)) && ju > 0,
                Some(U::R(_)) => return words > 0,
                _ => return false,
            }
            j -= 1;
        }
        false
    }

    /// Sentences, with a short frame sentence (“Q.” Trump said.) joined to
    /// the quotation before it.
    fn sentences(&self) -> Vec<crate::scan::Sent> {
        let mut out: Vec<crate::scan::Sent> = Vec::with_capacity(self.sc.sents.len());
        for s in &self.sc.sents {
            if let Some(prev) = out.last_mut() {
                let ends_region = self
                    .sc
                    .tok(prev.b.saturating_sub(1))
                    .is_some_and(|t| t.region.is_some());
                let short = s.b - s.a <= 9;
                let has_cue = (s.a..s.b).any(|i| {
                    self.sc
                        .tok(i)
                        .is_some_and(|t| t.kind == Kind::Word && t.region.is_none() && !t.cap)
                        && self.lex.score(self.sc.low(i)) >= 0.05
                });
                let no_region =
                    (s.a..s.b).all(|i| self.sc.tok(i).is_some_and(|t| t.region.is_none()));
                // “Q?” Trump said, looking out on the crowd.
                let frame_first = {
                    let k = (s.a..(s.a + 5).min(s.b)).find(|&i| {
                        self.sc.tok(i).is_some_and(|t| {
                            t.kind == Kind::Word && !t.cap && self.lex.score(self.sc.low(i)) >= 0.6
                        })
                    });
                    k.is_some_and(|k| {
                        k > s.a
                            && (s.a..k).all(|i| {
                                self.sc.tok(i).is_some_and(|t| {
                                    (t.kind == Kind::Word
                                        && (t.cap || PRONOUNS_SET.has(self.sc.low(i))))
                                        || (t.kind == Kind::Punct && t.ch == '.')
                                })
                            })
                            && self.sc.tok(k + 1).is_some_and(|t| t.kind == Kind::Punct)
                    })
                };
                if prev.line == s.line
                    && ends_region
                    && (short && has_cue || frame_first)
                    && no_region
                {
                    prev.b = s.b;
                    continue;
                }
            }
            out.push(*s);
        }
        out
    }

    pub fn run(&mut self) {
        let sents = self.sentences();
        for (si, s) in sents.iter().enumerate() {
            let us = self.units(s.a, s.b);
            if us.is_empty() {
                continue;
            }
            let before = self.out.len();
            self.sent_first = before;
            // "READ MORE: ...", "RELATED: ..." teasers are not attributions.
            if self.is_teaser(&us) {
                continue;
            }
            // Pending "X said:" frame from the previous sentence.
            if let Some((src, cue, pline)) = self.pending.take() {
                if s.line <= pline + 2 {
                    if let Some(last) = self.content_last(&us, 0, us.len()) {
                        self.push(&us, 0, last, src, Some(cue), si, s.line);
                        continue;
                    }
                }
            }
            let mut cands: Vec<(u8, bool, usize)> = Vec::new();
            for k in 0..us.len() {
                let mut sc = self.cue_score(&us, k);
                // "Analyst Mia Frost disagreed: “...”"
                if sc < 0.05
                    && self.punct(&us, k + 1) == Some(':')
                    && self.is_region(&us, k + 2)
                    && !self.is_cap(&us, k)
                    && self.word(&us, k).is_some_and(|w| !STOP_NP_SET.has(w))
                {
                    sc = 0.05;
                }
                // "“This is fantastic!” beamed Donald Hartley"
                if sc < 0.05
                    && k > 0
                    && self.is_region(&us, k - 1)
                    && self.is_cap(&us, k + 1)
                    && !self.is_cap(&us, k)
                    && self
                        .word(&us, k)
                        .is_some_and(|w| w.ends_with("ed") && !STOP_NP_SET.has(w))
                {
                    sc = 0.05;
                }
                if self.as_put_it(&us, k).is_some() {
                    sc = 1.0;
                }
                if sc < 0.05 {
                    continue;
                }
                let weak_ok = self.word(&us, k).is_some_and(|w| {
                    w.chars().count() > 2 && !STOP_NP_SET.has(w) && !DETERMINERS_SET.has(w)
                });
                let adj = weak_ok && self.region_adjacent(&us, k);
                let participle = self.word(&us, k).is_some_and(|w| PARTICIPLES_SET.has(w));
                let bucket = if participle {
                    3
                } else if sc >= 0.6 {
                    0
                } else if sc >= CUE_MIN {
                    1
                } else {
                    2
                };
                if sc >= CUE_MIN || adj {
                    cands.push((bucket, !adj, k));
                }
            }
            cands.sort_unstable();
            for (_, _, k) in cands {
                let Some(u) = us.get(k) else { continue };
                let (us0, ue0) = (u.s, u.e);
                let inside = self.out.get(before..).unwrap_or(&[]).iter().any(|a| {
                    (a.cs < ue0 && us0 < a.ce)
                        || a.src.is_some_and(|(s, e)| s < ue0 && us0 < e)
                        || a.cue.is_some_and(|(s, e)| s < ue0 && us0 < e)
                });
                if inside {
                    continue;
                }
                let prev_src = self
                    .out
                    .get(before..)
                    .unwrap_or(&[])
                    .iter()
                    .rfind(|a| a.cs < us0)
                    .and_then(|a| a.src);
                let n0 = self.out.len();
                self.passive = false;
                self.implausible = false;
                let _ = self.resolve(&us, k, si, s.line, prev_src);
                // "X was accused of ...", "it is expected to ...": the
                // grammatical subject is not the source.
                if self.passive {
                    for a in self.out.iter_mut().skip(n0) {
                        a.src = None;
                    }
                }
                // With no plausible source, only a quotation is kept.
                if self.implausible {
                    let keep: Vec<bool> = self
                        .out
                        .get(n0..)
                        .unwrap_or(&[])
                        .iter()
                        .map(|a| self.quoted_share(a.cs, a.ce) >= 0.5)
                        .collect();
                    let mut it = keep.into_iter();
                    let mut i = 0;
                    self.out.retain(|_| {
                        i += 1;
                        i <= n0 || it.next().unwrap_or(true)
                    });
                }
            }
            if self.out.len() > before {
                if let Some(xs) = self.out.get_mut(before..) {
                    xs.sort_by_key(|a| a.cs);
                }
                // "X released the following statement:" — the content is what follows.
                if self.pending.is_none()
                    && self.punct(&us, us.len().saturating_sub(1)) == Some(':')
                {
                    let colon = us.last().map(|u| u.s).unwrap_or(0);
                    if let Some(last) = self.out.last().cloned() {
                        let tail = self.sc.slice(last.ce, colon);
                        if last.ce <= colon
                            && tail.trim().is_empty()
                            && self.quoted_share(last.cs, last.ce) < 0.5
                            && self.out.len() - before == 1
                        {
                            self.out.pop();
                            if let Some(c) = last.cue {
                                self.pending = Some((last.src, c, s.line));
                            }
                        }
                    }
                }
                continue;
            }
            self.no_cue(&us, si, s.line);
        }
        self.fill_open_quotes();
        self.dash_bylines();
        if !KEEP_UNATTRIBUTED {
            self.out.retain(|a| a.src.is_some() || a.cue.is_some());
        }
    }

    /// A quotation paragraph with no speaker followed by a line "- Name."
    fn dash_bylines(&mut self) {
        let toks = &self.sc.toks;
        for a in self.out.iter_mut() {
            if a.src.is_some() {
                continue;
            }
            let mut k = toks.partition_point(|t| t.s < a.ce);
            // Past the rest of the quote's line: a binary search (token lines
            // only grow), not a walk, which made many quotes on one long line
            // quadratic.
            if toks.get(k).is_some_and(|t| t.line == a.line) {
                k = toks.partition_point(|t| t.line <= a.line);
            }
            let Some(dash) = toks.get(k) else { continue };
            if dash.kind != Kind::Punct
                || !matches!(dash.ch, '-' | '—' | '―' | '–')
                || dash.line > a.line + 2
            {
                continue;
            }
            let line = dash.line;
            let mut e = k + 1;
            let mut words = 0;
            while let Some(t) = toks.get(e) {
                if t.line != line || words > 5 {
                    break;
                }
                if t.kind == Kind::Word {
                    if !t.cap {
                        words = 99;
                        break;
                    }
                    words += 1;
                } else if !matches!(t.ch, '.' | ',') {
                    words = 99;
                    break;
                }
                e += 1;
            }
            if (1..=5).contains(&words) {
                let first = toks.get(k + 1);
                let last = (k + 1..e)
                    .rev()
                    .filter_map(|i| toks.get(i))
                    .find(|t| t.kind == Kind::Word);
                if let (Some(f), Some(l)) = (first, last) {
                    a.src = Some((f.s, l.e));
                    a.cue = Some((dash.s, dash.e));
                }
            }
        }
    }

    /// A quotation left open at the end of a paragraph, with no speaker,
    /// takes the speaker of the quotation that continues it in the next one.
    fn fill_open_quotes(&mut self) {
        for i in 0..self.out.len().saturating_sub(1) {
            let (Some(a), Some(b)) = (self.out.get(i), self.out.get(i + 1)) else {
                continue;
            };
            if a.src.is_some() || b.src.is_none() || b.line <= a.line || b.line > a.line + 2 {
                continue;
            }
            let regions = &self.sc.regions;
            let ri = regions.partition_point(|r| r.e <= a.cs);
            let open = regions
                .get(ri)
                .filter(|r| r.s < a.ce)
                .is_some_and(|r| !r.closed);
            let bi = regions.partition_point(|r| r.s < b.cs);
            let b_starts_line = regions
                .get(bi)
                .is_some_and(|r| r.s == b.cs && r.line == b.line);
            if open && b_starts_line {
                let src = b.src;
                if let Some(x) = self.out.get_mut(i) {
                    x.src = src;
                }
            }
        }
    }

    /// Sentences without a usable cue: headline colons, transcripts and
    /// free-standing quotations.
    fn no_cue(&mut self, us: &[Unit], si: usize, line: usize) {
        let n = us.len();
        // "Pence: Gennifer Flowers Won't Be at Debate"
        if let Some(c) = (1..n.min(5)).find(|&k| self.punct(us, k) == Some(':')) {
            let names = (0..c).all(|k| self.is_cap(us, k) || self.punct(us, k) == Some('.'));
            let shouting = (0..c).all(|k| match us.get(k) {
                Some(u) if matches!(u.u, U::W(_)) => {
                    self.sc.slice(u.s, u.e).chars().all(|ch| !ch.is_lowercase())
                }
                _ => true,
            });
            if names && !shouting {
                if let Some(last) = self.content_last(us, c + 1, n) {
                    if last > c && self.n_words(us, c + 1, last) >= 3 {
                        let src = Self::span(us, 0, c - 1);
                        let cue = Self::span(us, c, c);
                        self.push(us, c + 1, last, src, cue, si, line);
                        return;
                    }
                }
            }
        }
        let region_words: usize = us
            .iter()
            .filter(|u| matches!(u.u, U::R(_)))
            .map(|u| (u.e - u.s) / 6 + 1)
            .sum();
        let other_words = us.iter().filter(|u| matches!(u.u, U::W(_))).count();
        if region_words == 0 || other_words > 3 && region_words < 2 * other_words {
            return;
        }
        let Some(first_r) = us.iter().position(|u| matches!(u.u, U::R(_))) else {
            return;
        };
        let Some(last) = self.content_last(us, first_r, n) else {
            return;
        };
        // Transcript: "WALLACE: Let's start ..."
        if let Some(&Unit {
            s: first_s,
            u: U::R(r),
            ..
        }) = us.get(first_r)
        {
            // Only in the sentence that opens the quotation: a long one is
            // cut into several sentences, and each gave a quote from the
            // opening on (quadratic output, and a walk from the opening).
            if let Some(reg) = self.sc.regions.get(r).filter(|reg| reg.s == first_s) {
                let mut p = reg.s + 1;
                let mut q = p;
                while q < reg.e
                    && self
                        .sc
                        .chars
                        .get(q)
                        .is_some_and(|c| c.is_uppercase() || *c == ' ' || *c == '.')
                {
                    q += 1;
                }
                if q > p + 2 && self.sc.chars.get(q) == Some(&':') {
                    while self.sc.chars.get(p) == Some(&' ') {
                        p += 1;
                    }
                    self.out.push(Attr {
                        cs: q + 1,
                        ce: us.get(last).map(|u| u.e).unwrap_or(reg.e),
                        src: Some((p, q)),
                        cue: Some((q, q + 1)),
                        sent: si,
                        line,
                    });
                    return;
                }
            }
        }
        // "... Donald Trump: “Q”" — a colon introduces the quotation.
        if first_r >= 2 && self.punct(us, first_r - 1) == Some(':') {
            if let Some((a, b)) = self.np_left(us, first_r - 2) {
                if self.is_cap(us, b) || self.word(us, b).is_some_and(|w| PRONOUNS_SET.has(w)) {
                    let src = Self::span(us, a, b);
                    let cue = Self::span(us, first_r - 1, first_r - 1);
                    self.push(us, first_r, last, src, cue, si, line);
                    return;
                }
            }
        }
        // 田中首相は「...」と述べた
        if let (Some(U::W(pt)), Some(U::W(nt))) = (
            first_r.checked_sub(1).and_then(|x| us.get(x)).map(|u| u.u),
            us.get(first_r + 1).map(|u| u.u),
        ) {
            let before_w = self
                .sc
                .tok(pt)
                .map(|t| self.sc.slice(t.s, t.e))
                .unwrap_or_default();
            let after_w = self
                .sc
                .tok(nt)
                .map(|t| self.sc.slice(t.s, t.e))
                .unwrap_or_default();
            if after_w.starts_with('と') && (before_w.ends_with('は') || before_w.ends_with('が'))
            {
                if let (Some(t), Some(r)) = (self.sc.tok(pt), us.get(first_r)) {
                    let src = Some((t.s, t.e.saturating_sub(1)));
                    let cue = self.sc.tok(nt).map(|x| (x.s, x.e));
                    self.out.push(Attr {
                        cs: r.s,
                        ce: r.e,
                        src,
                        cue,
                        sent: si,
                        line,
                    });
                    return;
                }
            }
        }
        // “Q.” ― Jane Doe
        if let Some(lr) = us.iter().rposition(|u| matches!(u.u, U::R(_))) {
            if matches!(self.punct(us, lr + 1), Some('―' | '—' | '–')) {
                let names = lr + 2..n;
                if names.len() <= 7
                    && self.is_cap(us, lr + 2)
                    && names.clone().all(|k| {
                        matches!(
                            us.get(k).map(|u| u.u),
                            Some(U::W(_)) | Some(U::P(_, '.' | ','))
                        )
                    })
                {
                    if let Some(l) = self.content_last(us, lr + 2, n) {
                        let src = Self::span(us, lr + 2, l);
                        let cue = Self::span(us, lr + 1, lr + 1);
                        self.push(us, first_r, lr, src, cue, si, line);
                        return;
                    }
                }
            }
        }
        // Continuation of the previous attribution.
        if let Some(prev) = self.out.last().cloned() {
            // A paragraph that is one quotation, right after a paragraph
            // whose last sentence is a quotation with its speaker, continues it.
            let para_start = first_r == 0
                && us.first().is_some_and(|u| {
                    let i = self.sc.toks.partition_point(|t| t.s < u.s);
                    i == 0 || self.sc.tok(i - 1).is_some_and(|t| t.line < line)
                });
            if MERGE_QUOTE_PARAGRAPHS
                && para_start
                && prev.src.is_some()
                && prev.sent + 1 == si
                && prev.line < line
                && line <= prev.line + 2
                && self.quoted_share(prev.cs, prev.ce) >= 0.5
            {
                if let (Some(l), Some(pv)) = (us.get(last), self.out.last_mut()) {
                    pv.ce = l.e;
                    pv.line = line;
                    pv.sent = si;
                }
                return;
            }
            if prev.line == line && prev.sent + 1 == si {
                // Split quote “A,” he said. “B.” — extend.
                if let (Some(l), Some(pv)) = (us.get(last), self.out.last_mut()) {
                    pv.ce = l.e;
                }
                return;
            }
        }
        self.push(us, first_r, last, None, None, si, line);
    }

    /// Share of non-space chars of `[s, e)` that lie inside quotation regions.
    pub fn quoted_share(&self, s: usize, e: usize) -> f32 {
        let mut inside = 0usize;
        let mut total = 0usize;
        let regions = &self.sc.regions;
        let mut ri = regions.partition_point(|r| r.e <= s);
        for i in s..e {
            let Some(c) = self.sc.chars.get(i) else { break };
            if c.is_whitespace() {
                continue;
            }
            total += 1;
            while regions.get(ri).is_some_and(|r| r.e <= i) {
                ri += 1;
            }
            if regions.get(ri).is_some_and(|r| r.s <= i && i < r.e) {
                inside += 1;
            }
        }
        if total == 0 {
            0.0
        } else {
            inside as f32 / total as f32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Scan, Vec<Attr>) {
        let sc = Scan::new(text);
        let out = {
            let mut at = Attributor::new(&sc);
            at.run();
            at.out
        };
        (sc, out)
    }

    fn show(sc: &Scan, a: &Attr) -> (String, Option<String>) {
        (sc.slice(a.cs, a.ce), a.src.map(|(s, e)| sc.slice(s, e)))
    }

    #[test]
    fn split_quote_is_one_attribution() {
        let (sc, out) = run("“It was close,” the coach said. “We will be back.”");
        assert_eq!(out.len(), 1);
        let (c, s) = show(&sc, &out[0]);
        assert!(
            c.starts_with("“It was close") && c.ends_with("back.”"),
            "{c}"
        );
        assert_eq!(s.as_deref(), Some("the coach"));
    }

    #[test]
    fn according_to_after_the_content() {
        let (sc, out) = run("Rents rose by a tenth, according to the city housing office.");
        let (c, s) = show(&sc, &out[0]);
        assert_eq!(c, "Rents rose by a tenth");
        assert_eq!(s.as_deref(), Some("the city housing office"));
    }

    #[test]
    fn conjoined_verb_takes_the_subject() {
        let (sc, out) = run("Mayor Ada Park shook her head and said, “No.”");
        let last = out.last().map(|a| show(&sc, a));
        assert_eq!(last.and_then(|x| x.1).as_deref(), Some("Mayor Ada Park"));
    }

    #[test]
    fn teasers_and_plain_narration_give_nothing() {
        let (_, out) = run("READ MORE: Officials say the bridge will reopen\n\nThe bridge is old.");
        assert!(out.is_empty());
    }

    #[test]
    fn dash_byline_on_the_next_line() {
        let (sc, out) = run("“Vote for change, vote for us.”\n- Maria Olsen\n");
        assert_eq!(out.len(), 1);
        assert_eq!(show(&sc, &out[0]).1.as_deref(), Some("Maria Olsen"));
    }

    #[test]
    fn subject_with_appositive_before_the_cue() {
        let (sc, out) =
            run("The city's budget chief, Lena Ortiz, said the shortfall would grow next year.");
        assert_eq!(out.len(), 1);
        let (c, s) = show(&sc, &out[0]);
        assert_eq!(c, "the shortfall would grow next year");
        assert_eq!(s.as_deref(), Some("The city's budget chief, Lena Ortiz"));
        let (sc, out) = run(
            "Tom Reyes, 59, of Salem, who watched the vote from the gallery, said the bill was a start.",
        );
        let (c, s) = show(&sc, &out[0]);
        assert_eq!(c, "the bill was a start");
        assert_eq!(s.as_deref(), Some("Tom Reyes"));
        // Inverted frames are not subjects.
        let (sc, out) = run("The budget is short, said Lena Ortiz, the city's budget chief.");
        let (c, s) = show(&sc, &out[0]);
        assert_eq!(c, "The budget is short");
        assert_eq!(s.as_deref(), Some("Lena Ortiz"));
    }

    #[test]
    fn split_quote_after_a_long_frame() {
        let (sc, out) = run("“We are ready,” Ortiz said after a meeting with union leaders in Tacoma, Wash., “and we will sign today.”");
        assert_eq!(out.len(), 1);
        let (c, s) = show(&sc, &out[0]);
        assert!(
            c.starts_with("“We are ready") && c.ends_with("sign today.”"),
            "{c}"
        );
        assert_eq!(s.as_deref(), Some("Ortiz"));
        // A second quotation framed by another cue is its own report.
        let (sc, out) = run("“We are ready,” Ortiz said, adding later, “The vote is close.”");
        assert_eq!(out.len(), 2);
        assert!(show(&sc, &out[0]).0.ends_with("ready,”"));
    }

    #[test]
    fn quotation_paragraph_continues_the_one_before() {
        let (sc, out) = run("“The plan works,” Ortiz said.\n\n“We will extend it to every district.”\n\nThe council meets in May.");
        assert_eq!(out.len(), 1);
        let (c, s) = show(&sc, &out[0]);
        assert!(c.ends_with("every district.”"), "{c}");
        assert_eq!(s.as_deref(), Some("Ortiz"));
    }

    #[test]
    fn content_boundaries() {
        // The object of a verb that is not a speech verb ends at a comma or
        // a time phrase.
        let (sc, out) = run("Ortiz criticized the budget plan during a stop in Salem.");
        assert_eq!(show(&sc, &out[0]).0, "the budget plan");
        // A semicolon ends a reported clause.
        let (sc, out) =
            run("Ortiz said the plan would cost $2 billion; the council puts it higher.");
        assert_eq!(show(&sc, &out[0]).0, "the plan would cost $2 billion");
        // "told Ohio voters on Friday he ...": the addressee is skipped.
        let (sc, out) = run("The governor told Ohio voters on Friday he would sign the bill.");
        assert_eq!(show(&sc, &out[0]).0, "he would sign the bill");
    }

    #[test]
    fn passive_cues_have_no_source() {
        let (sc, out) = run("The mayor was accused of hiding the report from the council.");
        assert_eq!(out.len(), 1);
        assert_eq!(show(&sc, &out[0]).1, None);
        // An attitude keeps its holder.
        let (sc, out) = run("Residents are convinced that the river will flood again.");
        assert_eq!(show(&sc, &out[0]).1.as_deref(), Some("Residents"));
        // Adverbs and weekdays between the source and the cue are skipped.
        let (sc, out) = run("Ada Park on Wednesday now urged the council to act.");
        assert_eq!(show(&sc, &out[0]).1.as_deref(), Some("Ada Park"));
    }

    #[test]
    fn a_cue_needs_a_plausible_source() {
        // "renewed" is not the source of "criticism of".
        let (sc, out) = run("The town will soon see renewed criticism of the plan.");
        assert!(
            out.is_empty(),
            "{:?}",
            out.iter().map(|a| show(&sc, a)).collect::<Vec<_>>()
        );
        // A quotation is kept all the same.
        let (_, out) = run("The town will soon see renewed criticism of the “failed” plan.");
        assert!(out.len() <= 1);
        let (sc, out) = run("Critics warned that the plan would fail.");
        assert_eq!(show(&sc, &out[0]).1.as_deref(), Some("Critics"));
    }

    #[test]
    fn said_that_because() {
        let (sc, out) = run("Ortiz said that because rents rose, the city must build more homes.");
        let (c, _) = show(&sc, &out[0]);
        assert!(c.starts_with("because rents rose"), "{c}");
    }

    #[test]
    fn clause_before_the_frame_and_after_it() {
        let (sc, out) = run("To stop the floods, he said, the town must build a wall.");
        let (c, s) = show(&sc, &out[0]);
        assert!(
            c.starts_with("To stop the floods") && c.ends_with("build a wall"),
            "{c}"
        );
        assert_eq!(s.as_deref(), Some("he"));
    }

    #[test]
    fn partial_quotes_end_with_the_quotation() {
        // "blasted X as a “Q”" followed by a time: the report is the partial quote.
        let (sc, out) = run("Ortiz blasted Mayor Lee as a “disgrace” Wednesday on a radio show.");
        assert_eq!(show(&sc, &out[0]).0, "Mayor Lee as a “disgrace”");
        // A verb of naming followed by another report.
        let (sc, out) = run("She called it “shameful” and called on leaders “to act now.”");
        assert_eq!(show(&sc, &out[0]).0, "it “shameful”");
        // More quotations or more of the noun phrase: the content goes on.
        let (sc, out) = run("Ortiz called Lee a “liar” and a “bully” during the debate.");
        assert!(show(&sc, &out[0]).0.contains("bully"));
        let (sc, out) = run("Ortiz called Lee’s “reckless” remarks a problem.");
        assert!(show(&sc, &out[0]).0.contains("remarks"));
        // A comma inside the closing quotation mark ends the report before "but".
        let (sc, out) =
            run("Ortiz described the vote as a “terrible situation,” but stopped short of more.");
        assert_eq!(show(&sc, &out[0]).0, "the vote as a “terrible situation,”");
    }

    #[test]
    fn source_with_prepositions_after_the_quotation() {
        let (sc, out) =
            run("“We will win,” a spokeswoman for the campaign in Ohio said on Friday.");
        let (c, s) = show(&sc, &out[0]);
        assert_eq!(c, "“We will win,”");
        assert_eq!(s.as_deref(), Some("a spokeswoman for the campaign in Ohio"));
        // Said aloud, and a frame longer than a short sentence after “Q?”.
        let (sc, out) =
            run("“Did you see him?” she yells while running down the long street to the car.");
        assert_eq!(show(&sc, &out[0]).1.as_deref(), Some("she"));
    }

    #[test]
    fn quantified_and_prepositional_sources() {
        let (sc, out) = run("The van was late, another source said.");
        assert_eq!(show(&sc, &out[0]).1.as_deref(), Some("another source"));
        let (sc, out) = run(
            "The plan did not go over well with Republicans, and the talks ended there, said one GOP source in the room.",
        );
        let (c, s) = show(&sc, &out[0]);
        assert!(
            c.starts_with("The plan") && c.ends_with("ended there"),
            "{c}"
        );
        assert_eq!(s.as_deref(), Some("one GOP source"));
        let (sc, out) =
            run("A lawyer for the news outlets, David Schulz, said no decision had been made.");
        let (c, s) = show(&sc, &out[0]);
        assert_eq!(c, "no decision had been made");
        assert!(s.is_some_and(|s| s.starts_with("A lawyer")));
        // An opening phrase with a preposition is not the subject.
        let (sc, out) =
            run("Speaking in Harlem, Clinton, without naming him, accused Sanders of lying.");
        assert_eq!(show(&sc, &out[0]).1.as_deref(), Some("Clinton"));
    }

    #[test]
    fn a_new_subject_with_a_cue_ends_the_content() {
        let (sc, out) =
            run("Republicans said the department mishandled the case and Democrats accused them of stalling.");
        assert_eq!(show(&sc, &out[0]).0, "the department mishandled the case");
        assert_eq!(out.len(), 2);
        let (sc, out) =
            run("Fowler said the fight would be intense — and he noted that it would come late.");
        assert_eq!(show(&sc, &out[0]).0, "the fight would be intense");
    }

    #[test]
    fn as_x_put_it() {
        let (sc, out) =
            run("As Ms. Reyes put it in a statement to Mr. Li, the plan is “a disaster.”");
        let (c, s) = show(&sc, &out[0]);
        assert_eq!(c, "the plan is “a disaster.”");
        assert_eq!(s.as_deref(), Some("Ms. Reyes"));
        let (sc, out) =
            run("The plan is “a disaster for the middle class,” as one expert recently put it.");
        let (c, s) = show(&sc, &out[0]);
        assert_eq!(c, "The plan is “a disaster for the middle class,”");
        assert_eq!(s.as_deref(), Some("one expert"));
    }

    #[test]
    fn where_reports_end() {
        // A phrasal particle belongs to the cue.
        let (sc, out) = run("Ortiz pointed out that the rule was new.");
        assert_eq!(show(&sc, &out[0]).0, "the rule was new");
        // "in a statement on Thursday" says where, not what.
        let (sc, out) = run("Ortiz called for more school funding in a statement on Thursday.");
        assert_eq!(show(&sc, &out[0]).0, "for more school funding");
        // ", even suggesting ..." is a report of its own.
        let (sc, out) =
            run("Ortiz complained about the microphone, even suggesting it was rigged.");
        assert_eq!(show(&sc, &out[0]).0, "about the microphone");
        // ", the candidate said ..." starts a new report.
        let (sc, out) =
            run("When the host pointed out that Ortiz had not answered, the candidate said voters knew all about his plans.");
        let (c, _) = show(&sc, &out[0]);
        assert_eq!(c, "Ortiz had not answered");
        assert!(out
            .iter()
            .any(|a| show(&sc, a).0 == "voters knew all about his plans"));
    }

    #[test]
    fn coordinated_speakers() {
        let (sc, out) = run("Mr. Grassley and Mr. Leahy said developers had defined the areas.");
        assert_eq!(
            show(&sc, &out[0]).1.as_deref(),
            Some("Mr. Grassley and Mr. Leahy")
        );
        let (sc, out) = run("“We will win,” Smith and Jones said.");
        assert_eq!(show(&sc, &out[0]).1.as_deref(), Some("Smith and Jones"));
    }
}

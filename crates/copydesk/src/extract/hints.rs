//! Class/id/role hints: what a page's own markup says a region is.
//!
//! The generic vocabulary web templates use, in one place. Matching is on
//! lower-cased `class` and `id` tokens, by substring, one pass per element.

use rustc_hash::FxHashMap as FastMap;

/// Regions that are not the article: navigation, sharing, ads, comments...
pub const NEGATIVE: &[&str] = &[
    "comment",
    "disqus",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "promo",
    "advert",
    "sponsor",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "cookie",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "breadcrumb",
    "pagination",
    "pager",
    "tagcloud",
    "tag-list",
    "taglist",
    "sidebar",
    "rightrail",
    "right-rail",
    "leftrail",
    "left-rail",
    "siderail",
    "side-rail",
    "widget",
    "masthead",
    "navbar",
    "nav-",
    "-nav",
    "menu",
    "toolbar",
    "footer",
    "outbrain",
    "taboola",
    "author-bio",
    "authorbio",
    "more-stories",
    "morestories",
    "read-more",
    "readmore",
    "trending",
    "most-popular",
    "mostpopular",
    "banner",
    "skip",
    "print-",
    "follow",
    "rating",
    "teaser",
    "offscreen",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "byline",
    "dateline",
    "meta-",
    "-meta",
    "ticker",
    "login",
    "account",
    "alert",
    "overlay",
    "shoutbox",
    "sponsored",
];

/// Words that mark the article region itself.
pub const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "column",
    "page", "hentry", "prose",
];

/// Figure captions and credits.
pub const CAPTION: &[&str] = &[
    "caption",
    "wp-caption-text",
    "figcaption",
    "img-desc",
    "image-desc",
    "photo-desc",
];
pub const CREDIT: &[&str] = &[
    "credit",
    "copyright",
    "photographer",
    "image-source",
    "photo-source",
    "byline-image",
];

/// ARIA roles of regions that are never article body.
pub const NEGATIVE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "search",
    "alert",
    "tooltip",
    "toolbar",
];

/// Class/id tokens that say "related stories".
pub const RELATED: &[&str] = &[
    "related",
    "recommend",
    "more-stories",
    "read-more",
    "readmore",
    "teaser",
];

/// Class/id tokens that name the article body itself.
pub const BODY_MARKERS: &[&str] = &[
    "article-body",
    "articlebody",
    "entry-content",
    "post-content",
    "story-body",
    "article-content",
    "post-body",
    "articletext",
    "article__body",
    "story-content",
];

/// What the class/id tokens of an element say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    Positive,
    Negative,
}

/// Everything the class and id say, read in one automaton pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintSet {
    pub hint: Hint,
    pub related: bool,
    pub body_marker: bool,
    pub caption: bool,
    pub credit: bool,
    /// The class carries a utility class that hides the element (only
    /// [`Reader::read`] fills this in from the class; [`read`] reads every
    /// value as a class).
    pub hides: bool,
}

const NEG: u8 = 1;
const POS: u8 = 2;
const REL: u8 = 4;
const BODY: u8 = 8;
const CAP: u8 = 16;
const CRED: u8 = 32;
/// A [`HIDING_CLASSES`] word (alone: never combined with the others).
const HIDE: u8 = 64;

/// Positive words that name any listing's items as well as the article
/// (`relatedposts`, `popular-blogs`): a negative word before them wins.
const WEAK_POSITIVE: &[&str] = &["post", "page", "text", "blog", "column"];

struct Vocabulary {
    automaton: aho_corasick::AhoCorasick,
    category: Vec<u8>,
    /// Per pattern: a [`WEAK_POSITIVE`] word.
    weak: Vec<bool>,
}

/// Every word list with its category bit.
const WORD_LISTS: [(&[&str], u8); 7] = [
    (NEGATIVE, NEG),
    (POSITIVE, POS),
    (RELATED, REL),
    (BODY_MARKERS, BODY),
    (CAPTION, CAP),
    (CREDIT, CRED),
    (HIDING_CLASSES, HIDE),
];

fn vocabulary() -> Option<&'static Vocabulary> {
    static VOCAB: std::sync::OnceLock<Option<Vocabulary>> = std::sync::OnceLock::new();
    VOCAB
        .get_or_init(|| {
            let mut words = Vec::new();
            let mut category = Vec::new();
            for (list, cat) in WORD_LISTS {
                for w in list {
                    words.push(*w);
                    category.push(cat);
                }
            }
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(words.iter())
                .ok()
                .map(|automaton| Vocabulary {
                    automaton,
                    weak: words
                        .iter()
                        .zip(&category)
                        .map(|(w, &c)| c & POS != 0 && WEAK_POSITIVE.contains(w))
                        .collect(),
                    category,
                })
        })
        .as_ref()
}

/// What the tokens of one class or id value say, before the values of an
/// element are combined.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ValueHints {
    /// A token names a negative region and no (unqualified) positive one.
    neg: bool,
    /// A token names a positive region and no negative one.
    pos: bool,
    /// REL, BODY, CAP and CRED bits of any token.
    bits: u8,
    /// A whole token is a hiding utility class (see [`class_hides`]).
    hides: bool,
}

impl ValueHints {
    fn merge(self, other: ValueHints) -> ValueHints {
        ValueHints {
            neg: self.neg || other.neg,
            pos: self.pos || other.pos,
            bits: self.bits | other.bits,
            hides: self.hides || other.hides,
        }
    }

    fn finish(self) -> HintSet {
        HintSet {
            hint: match (self.neg, self.pos) {
                (true, false) => Hint::Negative,
                (false, true) => Hint::Positive,
                _ => Hint::None,
            },
            related: self.bits & REL != 0,
            body_marker: self.bits & BODY != 0,
            caption: self.bits & CAP != 0,
            credit: self.bits & CRED != 0,
            hides: self.hides,
        }
    }
}

/// Reads one class or id value token by token: a token naming a negative
/// region and no positive one marks the element negative unless another
/// token is plainly positive (`content-sidebar-wrap` is neither: it holds
/// both).
///
/// One automaton pass over the whole value: no word contains whitespace,
/// so every match lies inside one token, and matches arrive in order of
/// their end, token after token.
fn read_value(v: &Vocabulary, value: &str) -> ValueHints {
    let bytes = value.as_bytes();
    let mut out = ValueHints::default();
    let mut token = Token {
        start: 0,
        end: 0,
        bits: 0,
        first_neg: usize::MAX,
        first_pos: usize::MAX,
    };
    for m in v.automaton.find_overlapping_iter(value) {
        if m.start() >= token.end {
            token.finish(&mut out);
            let start = bytes
                .get(..m.start())
                .and_then(|b| b.iter().rposition(u8::is_ascii_whitespace))
                .map_or(0, |i| i + 1);
            let end = bytes
                .get(m.end()..)
                .and_then(|b| b.iter().position(u8::is_ascii_whitespace))
                .map_or(bytes.len(), |i| m.end() + i);
            token = Token {
                start,
                end,
                bits: 0,
                first_neg: usize::MAX,
                first_pos: usize::MAX,
            };
        }
        let k = m.pattern().as_usize();
        let cat = v.category.get(k).copied().unwrap_or(0);
        if cat == HIDE {
            // Hiding classes count as whole tokens only.
            out.hides |= m.start() == token.start && m.end() == token.end;
            continue;
        }
        token.bits |= cat;
        // Where the first negative and the first weak positive word
        // start: in `relatedposts` or `share-page` the positive word is
        // what the negative one qualifies (posts that are related), so
        // the token is negative.
        if cat & NEG != 0 {
            token.first_neg = token.first_neg.min(m.start());
        }
        if v.weak.get(k).copied().unwrap_or(false) {
            token.first_pos = token.first_pos.min(m.start());
        }
    }
    token.finish(&mut out);
    out
}

/// The words found in one class/id token so far.
struct Token {
    start: usize,
    end: usize,
    bits: u8,
    first_neg: usize,
    first_pos: usize,
}

impl Token {
    /// Adds the token's verdict to the value's.
    fn finish(&self, out: &mut ValueHints) {
        let bits = self.bits;
        if bits == 0 {
            return;
        }
        let qualified = self.first_neg < self.first_pos && self.first_pos != usize::MAX;
        let n = bits & NEG != 0;
        let p = bits & POS != 0 && !qualified;
        if n && !p {
            out.neg = true;
        } else if p && !n {
            out.pos = true;
        }
        out.bits |= bits & (REL | BODY | CAP | CRED);
    }
}

/// Reads class and id token by token (see [`read_value`]); the values'
/// verdicts are combined as if they were one list of tokens.
pub fn read(values: &[&str]) -> HintSet {
    let Some(v) = vocabulary() else {
        return ValueHints::default().finish();
    };
    values
        .iter()
        .fold(ValueHints::default(), |acc, value| {
            acc.merge(read_value(v, value))
        })
        .finish()
}

/// Distinct class values remembered per page; past this many, new values
/// are read afresh each time, so memory stays bounded on hostile pages.
const MAX_CACHED: usize = 4_096;

/// [`read`] for the elements of one page, remembering what each distinct
/// `class` value says: pages repeat the same few class strings thousands
/// of times. (Ids are nearly all distinct and are read afresh.)
#[derive(Default)]
pub struct Reader<'a> {
    classes: FastMap<&'a str, ValueHints>,
}

impl<'a> Reader<'a> {
    pub fn new() -> Reader<'a> {
        Reader::default()
    }

    /// What an element's `class` and `id` say, as [`read`]`(&[class, id])`,
    /// plus whether the class hides it ([`class_hides`]).
    pub fn read(&mut self, class: &'a str, id: &str) -> HintSet {
        let Some(v) = vocabulary() else {
            return ValueHints::default().finish();
        };
        let mut out = ValueHints::default();
        if !class.is_empty() {
            out = match self.classes.get(class) {
                Some(&h) => h,
                None => {
                    let h = read_value(v, class);
                    if self.classes.len() < MAX_CACHED {
                        self.classes.insert(class, h);
                    }
                    h
                }
            };
        }
        if !id.is_empty() {
            let mut h = read_value(v, id);
            // `hidden` as an id is a name, not a utility class.
            h.hides = false;
            out = out.merge(h);
        }
        out.finish()
    }
}

/// [`read`] on one lower-case string, for tests and callers with one value.
pub fn classify(class_id: &str) -> Hint {
    read(&[class_id]).hint
}

/// Utility classes that hide an element (whole tokens only: `overflow-hidden`
/// is layout, not hiding).
pub const HIDING_CLASSES: &[&str] = &["hidden", "hide", "is-hidden", "d-none", "display-none"];

/// Whether a `class` value carries a utility class that hides the element.
pub fn class_hides(class: &str) -> bool {
    class
        .split(|c: char| c.is_ascii_whitespace())
        .any(is_hiding_class)
}

/// Whether one class token is a hiding utility class.
fn is_hiding_class(token: &str) -> bool {
    HIDING_CLASSES.iter().any(|h| token.eq_ignore_ascii_case(h))
}

/// Whether inline `style` hides the element.
pub fn style_hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_wise_classification() {
        assert_eq!(classify("share-bar"), Hint::Negative);
        assert_eq!(classify("entry-content"), Hint::Positive);
        assert_eq!(classify("content-sidebar-wrap"), Hint::None);
        assert_eq!(classify("jp-relatedposts"), Hint::Negative);
        assert_eq!(classify("sidebar-content"), Hint::None);
        assert_eq!(classify("post-footer"), Hint::None);
        assert_eq!(classify("entry-content share-bar"), Hint::None);
        assert_eq!(classify(""), Hint::None);
        assert_eq!(classify("Share-Bar"), Hint::Negative);
        let h = read(&["wp-caption-text", "related-posts"]);
        assert!(h.caption && h.related);
        assert!(read(&["entry-content"]).body_marker);
    }

    /// The token-at-a-time reading [`read_value`] replaces: one automaton
    /// search per token.
    fn reference(values: &[&str]) -> HintSet {
        let words: Vec<(&str, u8)> = WORD_LISTS
            .iter()
            .filter(|(_, cat)| *cat != HIDE)
            .flat_map(|(list, cat)| list.iter().map(move |w| (*w, *cat)))
            .collect();
        let mut out = ValueHints::default();
        for value in values {
            for token in value.split(|c: char| c.is_ascii_whitespace()) {
                let lower = token.to_ascii_lowercase();
                let (mut bits, mut first_neg, mut first_pos) = (0u8, usize::MAX, usize::MAX);
                for (w, cat) in &words {
                    for (at, _) in lower.match_indices(w) {
                        bits |= cat;
                        if cat & NEG != 0 {
                            first_neg = first_neg.min(at);
                        }
                        if cat & POS != 0 && WEAK_POSITIVE.contains(w) {
                            first_pos = first_pos.min(at);
                        }
                    }
                }
                out.hides |= HIDING_CLASSES.contains(&lower.as_str());
                Token {
                    start: 0,
                    end: 0,
                    bits,
                    first_neg,
                    first_pos,
                }
                .finish(&mut out);
            }
        }
        out.finish()
    }

    #[test]
    fn one_pass_over_a_value_reads_as_token_by_token() {
        let values = [
            "",
            "   ",
            "share-page relatedposts",
            "content-sidebar-wrap",
            "post-footer hidden",
            "overflow-hidden d-none",
            "Display-None\tentry-content\nsidebar",
            "jp-relatedposts post",
            "postrelated",
            "wp-caption-text photo-credit",
            "article__body story-content mostpopular",
            "hide-me hide",
            "x  y\x0cnav-bar  main-nav",
            "blog-post-meta",
            "ünïcode-content social",
        ];
        let mut reader = Reader::new();
        for a in values {
            for b in values {
                assert_eq!(read(&[a, b]), reference(&[a, b]), "{a:?} {b:?}");
                let mut want = reference(&[a, b]);
                want.hides = reference(&[a]).hides;
                assert_eq!(reader.read(a, b), want, "{a:?} {b:?}");
            }
            assert_eq!(class_hides(a), reference(&[a]).hides, "{a:?}");
        }
    }

    #[test]
    fn hiding_utility_classes() {
        assert!(class_hides("msg hidden"));
        assert!(class_hides("d-none"));
        assert!(!class_hides("overflow-hidden"));
        assert!(!class_hides("hiddenfield-label"));
        assert!(!class_hides(""));
    }

    #[test]
    fn inline_styles_that_hide() {
        assert!(style_hides("color: red; display : none"));
        assert!(!style_hides("display:block"));
    }
}

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

/// The vocabulary as one case-insensitive Aho-Corasick automaton, built
/// here as a flat table (standard semantics: a state stands for every word
/// that ends there, overlapped ones included), so that reading a value
/// costs one table step per byte, and a state's words are summed up
/// beforehand in [`Ends`].
struct Vocabulary {
    /// Byte -> column: [`OTHER`] for bytes in no word, [`SPACE`] for the
    /// ASCII whitespace that separates tokens, then one column per byte
    /// the words use (both ASCII cases share it).
    column: [u8; 256],
    /// The next state, with [`MATCH`] set when words end in it or the
    /// byte ends a token ([`SPACE`]). A fixed size with the index masked,
    /// so a step needs no bounds check.
    next: Box<[u16; TABLE]>,
    /// Per state: what the words ending there say.
    ends: Vec<Ends>,
}

/// Column of the bytes in no word (and not whitespace).
const OTHER: u8 = 0;
/// Column of the ASCII whitespace between tokens.
const SPACE: u8 = 1;
/// Flag on a [`Vocabulary::next`] entry: words end in that state, or the
/// byte ends a token.
const MATCH: u16 = 0x8000;
/// Entries of [`Vocabulary::next`] (states times the row width must fit).
const TABLE: usize = 1 << 15;
/// Columns per state, as a shift: state `s` and column `c` step at
/// `(s << SHIFT) | c`. With the index masked to [`TABLE`], the [`MATCH`]
/// flag of a step shifts out of it.
const SHIFT: u32 = 5;

/// What the words ending in one automaton state say (all of them end at
/// the same byte).
#[derive(Debug, Clone, Copy, Default)]
struct Ends {
    /// Category bits of the words, [`HIDE`] left out.
    bits: u8,
    /// Length of the longest negative word (0: none), so the earliest
    /// start of one.
    neg_len: u8,
    /// Length of the longest [`WEAK_POSITIVE`] word (0: none).
    weak_len: u8,
    /// Bit `n` set: a hiding class of `n` bytes ends here.
    hide_lens: u32,
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
    VOCAB.get_or_init(build_vocabulary).as_ref()
}

fn build_vocabulary() -> Option<Vocabulary> {
    let mut words: Vec<&str> = Vec::new();
    let mut category = Vec::new();
    for (list, cat) in WORD_LISTS {
        for w in list {
            words.push(w);
            category.push(cat);
        }
    }
    // Columns: one per byte the words use (ASCII case folded).
    let mut column = [OTHER; 256];
    let mut columns = 2usize;
    for b in [b' ', b'\t', b'\n', 0x0C, b'\r'] {
        *column.get_mut(usize::from(b))? = SPACE;
    }
    for &b in words.iter().flat_map(|w| w.as_bytes()) {
        let lower = b.to_ascii_lowercase();
        if b.is_ascii_whitespace() || !b.is_ascii() {
            return None;
        }
        if *column.get(usize::from(lower))? == OTHER {
            let c = u8::try_from(columns).ok()?;
            *column.get_mut(usize::from(lower))? = c;
            *column.get_mut(usize::from(b.to_ascii_uppercase()))? = c;
            columns += 1;
        }
    }
    let width = 1usize << SHIFT;
    if columns > width {
        return None;
    }
    // The trie of the words (0: no edge; state 0 is the root), with what
    // ends at each state.
    let mut trie: Vec<usize> = vec![0; width];
    let mut ends: Vec<Ends> = vec![Ends::default()];
    for (w, &cat) in words.iter().zip(&category) {
        let mut state = 0;
        for &b in w.as_bytes() {
            let at = (state << SHIFT) | usize::from(*column.get(usize::from(b))?);
            state = match *trie.get(at)? {
                0 => {
                    let new = ends.len();
                    ends.push(Ends::default());
                    trie.resize((new + 1) << SHIFT, 0);
                    *trie.get_mut(at)? = new;
                    new
                }
                next => next,
            };
        }
        let len = u8::try_from(w.len()).ok()?;
        let e = ends.get_mut(state)?;
        if cat == HIDE {
            e.hide_lens |= 1u32.checked_shl(u32::from(len))?;
            continue;
        }
        e.bits |= cat;
        if cat & NEG != 0 {
            e.neg_len = e.neg_len.max(len);
        }
        if cat & POS != 0 && WEAK_POSITIVE.contains(w) {
            e.weak_len = e.weak_len.max(len);
        }
    }
    // Aho-Corasick, breadth-first: each state's failure state (the longest
    // proper suffix that is a trie state) is done before it, so a state's
    // missing edges are its failure state's, and the words ending at its
    // failure state end at it too (overlapping matches).
    let states = ends.len();
    if u16::try_from(states).ok()? >= MATCH || states << SHIFT > TABLE {
        return None;
    }
    let mut next = vec![0usize; states << SHIFT];
    let mut fail = vec![0usize; states];
    let mut queue = std::collections::VecDeque::new();
    for c in 0..columns {
        let to = *trie.get(c)?;
        *next.get_mut(c)? = to;
        if to != 0 {
            queue.push_back(to);
        }
    }
    while let Some(s) = queue.pop_front() {
        let f = *fail.get(s)?;
        let inherited = *ends.get(f)?;
        let e = ends.get_mut(s)?;
        e.bits |= inherited.bits;
        e.neg_len = e.neg_len.max(inherited.neg_len);
        e.weak_len = e.weak_len.max(inherited.weak_len);
        e.hide_lens |= inherited.hide_lens;
        for c in 0..columns {
            let edge = *trie.get((s << SHIFT) | c)?;
            let via_fail = *next.get((f << SHIFT) | c)?;
            if edge != 0 {
                *fail.get_mut(edge)? = via_fail;
                *next.get_mut((s << SHIFT) | c)? = edge;
                queue.push_back(edge);
            } else {
                *next.get_mut((s << SHIFT) | c)? = via_fail;
            }
        }
    }
    let mut table: Box<[u16; TABLE]> = vec![0u16; TABLE].into_boxed_slice().try_into().ok()?;
    for (i, (slot, &to)) in table.iter_mut().zip(&next).enumerate() {
        let e = ends.get(to)?;
        // Whitespace ends the token: the walk starts over.
        let (to, flag) = if i & (width - 1) == usize::from(SPACE) {
            (0, MATCH)
        } else if e.bits != 0 || e.hide_lens != 0 {
            (to, MATCH)
        } else {
            (to, 0)
        };
        *slot = u16::try_from(to).ok()? | flag;
    }
    Some(Vocabulary {
        column,
        next: table,
        ends,
    })
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
    let mut scan = Scan {
        out: ValueHints::default(),
        token: Token::at(0),
        hide_end: usize::MAX,
    };
    let (column, next) = (&v.column, &*v.next);
    // One table step a byte; the rare steps that end a word or a token
    // are read apart.
    let mut step = 0usize;
    for (i, &b) in value.as_bytes().iter().enumerate() {
        let col = column[usize::from(b)];
        step = usize::from(next[((step << SHIFT) | usize::from(col)) & (TABLE - 1)]);
        if step & usize::from(MATCH) != 0 {
            scan.hit(v, i, step & usize::from(!MATCH), col == SPACE);
        }
    }
    scan.token.finish(&mut scan.out);
    scan.out.hides |= scan.hide_end == value.len();
    scan.out
}

/// The state of [`read_value`] between bytes.
struct Scan {
    out: ValueHints,
    token: Token,
    /// Where the last hiding class that began its token ended.
    hide_end: usize,
}

impl Scan {
    /// The step at byte `i` reached `state`, where words end, or the byte
    /// is whitespace (`space`) and ends the token.
    #[inline(never)]
    fn hit(&mut self, v: &Vocabulary, i: usize, state: usize, space: bool) {
        if space {
            self.token.finish(&mut self.out);
            self.out.hides |= self.hide_end == i;
            self.token = Token::at(i + 1);
            return;
        }
        let Some(e) = v.ends.get(state) else {
            return;
        };
        let end = i + 1;
        let token = &mut self.token;
        token.bits |= e.bits;
        // Where the first negative and the first weak positive word
        // start: in `relatedposts` or `share-page` the positive word is
        // what the negative one qualifies (posts that are related), so
        // the token is negative.
        if e.neg_len != 0 {
            token.first_neg = token
                .first_neg
                .min(end.saturating_sub(usize::from(e.neg_len)));
        }
        if e.weak_len != 0 {
            token.first_pos = token
                .first_pos
                .min(end.saturating_sub(usize::from(e.weak_len)));
        }
        // Hiding classes count as whole tokens only.
        let len = end.saturating_sub(token.start);
        if len < 32 && e.hide_lens >> len & 1 != 0 {
            self.hide_end = end;
        }
    }
}

/// The words found in one class/id token so far.
struct Token {
    /// Where the token begins in the value.
    start: usize,
    bits: u8,
    first_neg: usize,
    first_pos: usize,
}

impl Token {
    fn at(start: usize) -> Token {
        Token {
            start,
            bits: 0,
            first_neg: usize::MAX,
            first_pos: usize::MAX,
        }
    }

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
        // Room for the distinct classes of most pages, so that the map
        // seldom grows.
        Reader {
            classes: FastMap::with_capacity_and_hasher(512, Default::default()),
        }
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

/// Whether inline `style` hides the element: with whitespace removed and
/// ASCII lower-cased, it says `display:none` or `visibility:hidden`.
pub fn style_hides(style: &str) -> bool {
    // The squeezed style goes to a buffer on the stack (a longer one is
    // read the plain way); a character that is not ASCII is one byte
    // there that no pattern holds.
    let mut buf = [0u8; 512];
    let mut n = 0;
    let mut rest = style;
    while let Some(&b) = rest.as_bytes().first() {
        let (byte, len) = if b.is_ascii() {
            let keep = !matches!(b, b'\t'..=b'\r' | b' ');
            (keep.then_some(b.to_ascii_lowercase()), 1)
        } else {
            let Some(c) = rest.chars().next() else { break };
            ((!c.is_whitespace()).then_some(0xFF), c.len_utf8())
        };
        rest = rest.get(len..).unwrap_or("");
        let Some(byte) = byte else { continue };
        let Some(slot) = buf.get_mut(n) else {
            return style_hides_plain(style);
        };
        *slot = byte;
        n += 1;
    }
    let squeezed = buf.get(..n).unwrap_or(&[]);
    memchr::memmem::find(squeezed, b"display:none").is_some()
        || memchr::memmem::find(squeezed, b"visibility:hidden").is_some()
}

/// [`style_hides`] on a string of any length.
fn style_hides_plain(style: &str) -> bool {
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
    fn the_table_automaton_reads_mixed_values_as_token_by_token() {
        let v = vocabulary();
        assert!(v.is_some_and(|v| v.ends.len() > 100));
        // Values cut and glued from the words themselves, in both cases,
        // with separators and other bytes, from a fixed pseudo-random walk.
        let pieces: Vec<&str> = WORD_LISTS
            .iter()
            .flat_map(|(list, _)| list.iter().copied())
            .chain([
                " ", "\t", "-", "_", "x", "\u{e9}", "  ", "\u{c}", "HIDE", "Post",
            ])
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let mut value = String::new();
            for _ in 0..1 + next(5) {
                let p = pieces.get(next(pieces.len())).copied().unwrap_or("");
                let cut = next(p.len() + 1);
                let p = if p.is_char_boundary(cut) && next(3) == 0 {
                    p.get(cut..).unwrap_or(p)
                } else {
                    p
                };
                if next(4) == 0 {
                    value.push_str(&p.to_ascii_uppercase());
                } else {
                    value.push_str(p);
                }
            }
            assert_eq!(read(&[&value]), reference(&[&value]), "{value:?}");
            let mut want = reference(&[&value, "side-bar"]);
            want.hides = reference(&[&value]).hides;
            assert_eq!(Reader::new().read(&value, "side-bar"), want, "{value:?}");
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
        let long = format!("{}display:none", "x".repeat(600));
        let long_unicode = format!("{}DISPLAY: NONE", "\u{e9}".repeat(600));
        for s in [
            "",
            "DISPLAY:\u{a0}NONE",
            "display:\u{2003}none",
            "display:\u{e9}none",
            "visibility : Hidden ;",
            "visibility:hiddenx",
            "display:\u{b}none",
            "\u{e9}display:none",
            "display:nonE\u{e9}",
            "displ ay:n one",
            "display:no",
            long.as_str(),
            long_unicode.as_str(),
        ] {
            assert_eq!(style_hides(s), style_hides_plain(s), "{s:?}");
        }
        assert!(style_hides(&long) && style_hides(&long_unicode));
        assert!(style_hides("DISPLAY:\u{a0}NONE"));
        assert!(!style_hides("display:\u{e9}none"));
    }
}

//! Class/id/role hints: what a page's own markup says a region is.
//!
//! The generic vocabulary web templates use, in one place. Matching is on
//! lower-cased `class` and `id` tokens, by substring, one pass per element.

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
}

const NEG: u8 = 1;
const POS: u8 = 2;
const REL: u8 = 4;
const BODY: u8 = 8;
const CAP: u8 = 16;
const CRED: u8 = 32;

/// Positive words that name any listing's items as well as the article
/// (`relatedposts`, `popular-blogs`): a negative word before them wins.
const WEAK_POSITIVE: &[&str] = &["post", "page", "text", "blog", "column"];

struct Vocabulary {
    automaton: aho_corasick::AhoCorasick,
    category: Vec<u8>,
    words: Vec<&'static str>,
}

fn vocabulary() -> Option<&'static Vocabulary> {
    static VOCAB: std::sync::OnceLock<Option<Vocabulary>> = std::sync::OnceLock::new();
    VOCAB
        .get_or_init(|| {
            let mut words = Vec::new();
            let mut category = Vec::new();
            for (list, cat) in [
                (NEGATIVE, NEG),
                (POSITIVE, POS),
                (RELATED, REL),
                (BODY_MARKERS, BODY),
                (CAPTION, CAP),
                (CREDIT, CRED),
            ] {
                for w in list {
                    words.push(*w);
                    category.push(cat);
                }
            }
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(words.iter())
                .ok()
                .map(|automaton| Vocabulary {
                    automaton,
                    category,
                    words,
                })
        })
        .as_ref()
}

/// Reads class and id token by token: a token naming a negative region and
/// no positive one marks the element negative unless another token is
/// plainly positive (`content-sidebar-wrap` is neither: it holds both).
pub fn read(values: &[&str]) -> HintSet {
    let mut out = HintSet {
        hint: Hint::None,
        related: false,
        body_marker: false,
        caption: false,
        credit: false,
    };
    let Some(v) = vocabulary() else { return out };
    let (mut neg, mut pos) = (false, false);
    for value in values {
        for token in value.split(|c: char| c.is_ascii_whitespace()) {
            if token.is_empty() {
                continue;
            }
            let mut bits = 0u8;
            // Where the first negative and the first weak positive word
            // start: in `relatedposts` or `share-page` the positive word is
            // what the negative one qualifies (posts that are related), so
            // the token is negative.
            let (mut first_neg, mut first_pos) = (usize::MAX, usize::MAX);
            for m in v.automaton.find_overlapping_iter(token) {
                let cat = v.category.get(m.pattern().as_usize()).copied().unwrap_or(0);
                bits |= cat;
                if cat & NEG != 0 {
                    first_neg = first_neg.min(m.start());
                }
                let word = v.words.get(m.pattern().as_usize()).copied().unwrap_or("");
                if cat & POS != 0 && WEAK_POSITIVE.contains(&word) {
                    first_pos = first_pos.min(m.start());
                }
            }
            if bits == 0 {
                continue;
            }
            let qualified = first_neg < first_pos && first_pos != usize::MAX;
            let n = bits & NEG != 0;
            let p = bits & POS != 0 && !qualified;
            if n && !p {
                neg = true;
            } else if p && !n {
                pos = true;
            }
            out.related |= bits & REL != 0;
            out.body_marker |= bits & BODY != 0;
            out.caption |= bits & CAP != 0;
            out.credit |= bits & CRED != 0;
        }
    }
    out.hint = match (neg, pos) {
        (true, false) => Hint::Negative,
        (false, true) => Hint::Positive,
        _ => Hint::None,
    };
    out
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
        .any(|t| HIDING_CLASSES.iter().any(|h| t.eq_ignore_ascii_case(h)))
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

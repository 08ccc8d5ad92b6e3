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
    "breaking",
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

/// Whether a lower-cased class/id string contains any of `words`.
pub fn has_any(class_id: &str, words: &[&str]) -> bool {
    !class_id.is_empty() && words.iter().any(|w| class_id.contains(w))
}

/// What the class/id tokens of an element say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    Positive,
    Negative,
}

/// Token-wise reading: a token naming a negative region and no positive one
/// marks the element negative unless another token is plainly positive
/// (`content-sidebar-wrap` is neither: it holds both).
pub fn classify(class_id: &str) -> Hint {
    let mut neg = false;
    let mut pos = false;
    for token in class_id.split(|c: char| c.is_whitespace()) {
        if token.is_empty() {
            continue;
        }
        let n = NEGATIVE.iter().any(|w| token.contains(w));
        let p = POSITIVE.iter().any(|w| token.contains(w));
        if n && !p {
            neg = true;
        } else if p && !n {
            pos = true;
        }
    }
    match (neg, pos) {
        (true, false) => Hint::Negative,
        (false, true) => Hint::Positive,
        _ => Hint::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_wise_classification() {
        assert_eq!(classify("share-bar"), Hint::Negative);
        assert_eq!(classify("entry-content"), Hint::Positive);
        assert_eq!(classify("content-sidebar-wrap"), Hint::None);
        assert_eq!(classify("entry-content share-bar"), Hint::None);
        assert_eq!(classify(""), Hint::None);
    }

    #[test]
    fn inline_styles_that_hide() {
        assert!(style_hides("color: red; display : none"));
        assert!(!style_hides("display:block"));
    }
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

//! Short lines that are page furniture in any template, in several languages.
//!
//! Matched against a whole short block (lower-cased, trimmed of punctuation),
//! never inside paragraphs. Kept small and generic on purpose.

/// Whole-line furniture: buttons, widget labels, placeholders.
pub const FURNITURE: &[&str] = &[
    // English
    "advertisement",
    "advertising",
    "advert",
    "adverts",
    "ad",
    "sponsored",
    "share",
    "share this",
    "share this article",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "loading",
    "read more",
    "continue reading",
    "subscribe",
    "sign up",
    "follow us",
    "related",
    "related articles",
    "related stories",
    "more stories",
    "recommended",
    "skip to content",
    "skip to main content",
    "back to top",
    "close",
    "menu",
    "search",
    "log in",
    "login",
    "register",
    "next",
    "previous",
    "show more",
    "see more",
    "view comments",
    "copy link",
    "link copied",
    "click here",
    "watch",
    "listen",
    "story continues below advertisement",
    "article continues below",
    "trending",
    // German
    "anzeige",
    "werbung",
    "teilen",
    "drucken",
    "weiterlesen",
    "mehr zum thema",
    "kommentare",
    "schließen",
    "suche",
    "abonnieren",
    // French
    "publicité",
    "partager",
    "imprimer",
    "lire la suite",
    "lire aussi",
    "à lire aussi",
    "commentaires",
    "fermer",
    "rechercher",
    "s'abonner",
    // Spanish / Portuguese / Italian
    "publicidad",
    "compartir",
    "imprimir",
    "leer más",
    "lee también",
    "comentarios",
    "cerrar",
    "buscar",
    "publicidade",
    "compartilhar",
    "leia mais",
    "leia também",
    "pubblicità",
    "condividi",
    "leggi anche",
    "commenti",
    // Russian
    "реклама",
    "поделиться",
    "читать далее",
    "читайте также",
    "комментарии",
    "подписаться",
];

/// Prefixes that introduce a link to another story.
pub const RELATED_PREFIXES: &[&str] = &[
    "read more:",
    "read more",
    "related:",
    "see also:",
    "also read:",
    "also read",
    "read also:",
    "more:",
    "watch:",
    "listen:",
    "recommended:",
    "lesen sie auch:",
    "lesen sie auch",
    "mehr zum thema:",
    "lire aussi :",
    "lire aussi:",
    "à lire aussi",
    "lea también:",
    "lee también:",
    "leia também:",
    "leia mais:",
    "leggi anche:",
    "читайте также:",
];

/// Short headings that open the page's "more stories" or comments area:
/// nothing after one of them (following the body) is the article.
pub const END_MARKERS: &[&str] = &[
    // English
    "you may also like",
    "you might also like",
    "you may like",
    "you might like",
    "more from",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related coverage",
    "related news",
    "related",
    "recommended",
    "recommended for you",
    "read next",
    "up next",
    "more stories",
    "more news",
    "most read",
    "most popular",
    "popular stories",
    "trending now",
    "share your thoughts",
    "leave a comment",
    "leave a reply",
    "join the conversation",
    "comments",
    "latest news",
    "top stories",
    "around the web",
    "from the web",
    "sponsored stories",
    "promoted stories",
    "don't miss",
    "editor's picks",
    "more on this story",
    // Portuguese / Spanish / Italian
    "você pode gostar",
    "veja também",
    "leia também",
    "mais lidas",
    "notícias relacionadas",
    "te puede interesar",
    "también te puede interesar",
    "noticias relacionadas",
    "lo más leído",
    "ti potrebbe interessare",
    "articoli correlati",
    "potrebbe interessarti",
    // German
    "das könnte sie auch interessieren",
    "mehr zum thema",
    "weitere artikel",
    "meistgelesen",
    "lesen sie auch",
    "verwandte artikel",
    "kommentare",
    // French
    "sur le même sujet",
    "vous aimerez aussi",
    "à lire aussi",
    "les plus lus",
    "articles similaires",
    // Russian, Japanese, Korean, Chinese
    "похожие статьи",
    "читайте также",
    "популярное",
    "関連記事",
    "関連ニュース",
    "관련기사",
    "관련 기사",
    "相关文章",
    "相关新闻",
];

/// Whether a short block opens the related-stories or comments area.
pub fn is_end_marker(line: &str) -> bool {
    if line.chars().count() > 50 {
        return false;
    }
    let n = normalise(line);
    if n.is_empty() {
        return false;
    }
    // "More China stories", "More news from Europe"...
    let words: Vec<&str> = n.split_whitespace().collect();
    if words.len() <= 5
        && words.first() == Some(&"more")
        && words
            .iter()
            .any(|w| matches!(*w, "stories" | "news" | "articles" | "videos" | "headlines"))
    {
        return true;
    }
    END_MARKERS
        .iter()
        .any(|m| n == *m || (n.starts_with(m) && n.len() <= m.len() + 12))
}

/// Prefixes of a photo credit.
pub const CREDIT_PREFIXES: &[&str] = &[
    "photo:",
    "photo by",
    "photograph:",
    "image:",
    "credit:",
    "picture:",
    "pic:",
    "source:",
    "foto:",
    "bild:",
    "©",
    "(c)",
    "crédit :",
    "crédit:",
    "фото:",
];

fn normalise(line: &str) -> String {
    line.trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace())
        .to_lowercase()
}

/// Whether a short line is template furniture.
pub fn is_furniture(line: &str) -> bool {
    if line.chars().count() > 60 {
        return false;
    }
    let n = normalise(line);
    if n.is_empty() || FURNITURE.iter().any(|f| *f == n) {
        return true;
    }
    // "Share this page", "Share on Facebook": a share button's label.
    let words = n.split_whitespace().count();
    words <= 4 && SHARE_WORDS.iter().any(|w| n.starts_with(w))
}

/// First words of share-button labels.
pub const SHARE_WORDS: &[&str] = &[
    "share ",
    "teilen ",
    "partager ",
    "compartir ",
    "compartilhe ",
    "condividi ",
];

/// Whether a line introduces a related story ("READ MORE: ...").
pub fn related_prefix(line: &str) -> Option<usize> {
    let line = line.trim_start();
    // Lower-case only the line's opening (as many characters as the longest
    // prefix: lower-casing never shortens a character count), and the
    // whole line only when a prefix matches.
    let longest = RELATED_PREFIXES
        .iter()
        .map(|p| p.chars().count())
        .max()
        .unwrap_or(0);
    let cut = line
        .char_indices()
        .nth(longest)
        .map_or(line.len(), |(i, _)| i);
    let head = line.get(..cut).unwrap_or(line).to_lowercase();
    let mut full_len = None;
    RELATED_PREFIXES
        .iter()
        .find(|p| {
            head.starts_with(*p)
                && *full_len.get_or_insert_with(|| line.to_lowercase().len()) > p.len() + 8
        })
        .map(|p| p.chars().count())
}

/// Whether a short line is a photo credit.
pub fn is_credit(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    line.chars().count() < 120 && CREDIT_PREFIXES.iter().any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        assert!(is_furniture("Advertisement"));
        assert!(is_furniture("  Loading... "));
        assert!(is_furniture("Anzeige"));
        assert!(!is_furniture("Diplomatic route"));
        assert!(is_end_marker("You may also like:"));
        assert!(is_end_marker("More China stories"));
        assert!(is_furniture("Share this page"));
        assert!(is_end_marker("Você pode gostar..."));
        assert!(!is_end_marker(
            "Related reforms passed in 2019 changed the rules for everyone"
        ));
    }

    #[test]
    fn related_and_credit_lines() {
        assert!(related_prefix("READ MORE: Talks resume in Geneva on Friday").is_some());
        assert!(related_prefix("Read more").is_none());
        assert!(is_credit("Photo: Jane Doe/Agency"));
        assert!(!is_credit("The photographer said it was raining."));
    }
}

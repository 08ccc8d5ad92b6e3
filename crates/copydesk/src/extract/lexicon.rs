//! Short lines that are page furniture in any template, in several languages.
//!
//! Matched against a whole short block (lower-cased, trimmed of punctuation),
//! never inside paragraphs. Kept small and generic on purpose.

/// Whole-line furniture: buttons, widget labels, placeholders.
pub const FURNITURE: &[&str] = &[
    // English
    "advertisement",
    "advertising",
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
    n.is_empty() || FURNITURE.iter().any(|f| *f == n)
}

/// Whether a line introduces a related story ("READ MORE: ...").
pub fn related_prefix(line: &str) -> Option<usize> {
    let lower = line.trim_start().to_lowercase();
    RELATED_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p) && lower.len() > p.len() + 8)
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
    }

    #[test]
    fn related_and_credit_lines() {
        assert!(related_prefix("READ MORE: Talks resume in Geneva on Friday").is_some());
        assert!(related_prefix("Read more").is_none());
        assert!(is_credit("Photo: Jane Doe/Agency"));
        assert!(!is_credit("The photographer said it was raining."));
    }
}

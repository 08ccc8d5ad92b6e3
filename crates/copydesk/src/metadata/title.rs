//! The headline: a declared title without the " | Site Name" it often
//! carries.

/// Separators between a headline and a site or section name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " _ ", " • ", " ~ ",
];

/// Letters and digits only, lowercased: for loose comparisons.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squash_into(s, &mut out);
    out
}

/// [`squash`], appended to `out` (a buffer the caller reuses).
pub fn squash_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    out.extend(
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
}

/// Splits at the separators, keeping each separator with the piece after it.
fn segments(title: &str) -> Vec<(usize, usize)> {
    // (start of separator, end of separator) pairs, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in SEPARATORS {
        let mut from = 0;
        while let Some(i) = title.get(from..).and_then(|t| t.find(sep)) {
            cuts.push((from + i, from + i + sep.len()));
            from += i + sep.len();
        }
    }
    // Chinese titles use "_" without spaces.
    let mut from = 0;
    while let Some(i) = title.get(from..).and_then(|t| t.find('_')) {
        let at = from + i;
        if !cuts.iter().any(|&(s, e)| s <= at && at < e) {
            cuts.push((at, at + 1));
        }
        from = at + 1;
    }
    cuts.sort_unstable();
    cuts.dedup_by(|b, a| b.0 < a.1);
    cuts
}

/// Whether `part` names the site: equal to a known site name or to the
/// host's main label, loosely compared.
fn is_site(part: &str, sites: &[String]) -> bool {
    let p = squash(part);
    if p.is_empty() {
        return false;
    }
    sites.iter().any(|s| {
        let s = squash(s);
        !s.is_empty()
            && (s == p
                || (p.len() >= 4 && s.contains(&p))
                || (s.len() >= 4 && p.contains(&s) && p.len() <= s.len() + 12))
    })
}

/// The headline from a declared title: trims the parts that name the site
/// (or match no heading while another part matches one).
pub fn clean(title: &str, sites: &[String], headings: &[String]) -> String {
    let title = title.trim();
    let cuts = segments(title);
    if cuts.is_empty() {
        return title.to_string();
    }
    // Pieces between cuts.
    let mut pieces: Vec<&str> = Vec::new();
    let mut start = 0;
    for &(s, e) in &cuts {
        pieces.push(title.get(start..s).unwrap_or(""));
        start = e;
    }
    pieces.push(title.get(start..).unwrap_or(""));
    // A heading equal to a run of pieces (holding the longest piece) is the
    // headline.
    let longest = pieces
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| p.chars().count())
        .map(|(i, _)| i)
        .unwrap_or(0);
    let squashed_headings: Vec<String> = headings
        .iter()
        .map(|h| squash(h))
        .filter(|h| h.len() >= 6)
        .collect();
    for i in 0..pieces.len() {
        for j in (i + 1..=pieces.len()).rev() {
            if (i == 0 && j == pieces.len()) || longest < i || longest >= j {
                continue;
            }
            let (Some(&(_, from)), Some(&(to, _))) = (
                if i == 0 {
                    Some(&(0, 0))
                } else {
                    cuts.get(i - 1)
                },
                if j == pieces.len() {
                    Some(&(title.len(), 0))
                } else {
                    cuts.get(j - 1)
                },
            ) else {
                continue;
            };
            let run = title.get(from..to).unwrap_or("").trim();
            let sq = squash(run);
            if !sq.is_empty() && squashed_headings.contains(&sq) {
                return run.to_string();
            }
        }
    }
    // Drop site-name pieces at either end.
    let (mut lo, mut hi) = (0usize, pieces.len());
    while hi - lo > 1 {
        if pieces.get(hi - 1).is_some_and(|p| is_site(p, sites)) {
            hi -= 1;
        } else if pieces.get(lo).is_some_and(|p| is_site(p, sites)) {
            lo += 1;
        } else {
            break;
        }
    }
    // A short last piece in title case after a long enough headline is a
    // site or column name even when the site calls itself otherwise.
    if lo == 0 && hi == pieces.len() && hi >= 2 {
        let last = pieces.get(hi - 1).copied().unwrap_or("");
        let words: Vec<&str> = last.split_whitespace().collect();
        let cut_at = cuts.get(hi - 2).map(|c| c.0).unwrap_or(0);
        let rest_words = title.get(..cut_at).unwrap_or("").split_whitespace().count();
        // "The Daily", "My website": a capitalised name, not a phrase
        // going on in lowercase ("the untold story").
        let title_case = words
            .first()
            .is_some_and(|w| !w.chars().next().is_some_and(char::is_lowercase));
        if !words.is_empty() && words.len() <= 3 && rest_words >= 4 && title_case {
            hi -= 1;
        }
    }
    if lo == 0 && hi == pieces.len() {
        return title.to_string();
    }
    let from = if lo == 0 {
        0
    } else {
        cuts.get(lo - 1).map(|c| c.1).unwrap_or(0)
    };
    let to = if hi == pieces.len() {
        title.len()
    } else {
        cuts.get(hi - 1).map(|c| c.0).unwrap_or(title.len())
    };
    let out = title.get(from..to).unwrap_or(title).trim();
    if out.is_empty() {
        title.to_string()
    } else {
        out.to_string()
    }
}

/// The first piece of a title split at its separators, squashed; `None`
/// when the title has no separator.
pub fn first_piece(title: &str) -> Option<String> {
    let cuts = segments(title);
    let first = cuts.first()?;
    Some(squash(title.get(..first.0).unwrap_or("")))
}

/// The main label of a URL's host: "https://www.theguardian.com/x" -> "theguardian".
pub fn host_label(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    if n < 2 {
        return None;
    }
    // example.co.uk -> example
    let second = labels.get(n - 2)?;
    let label = if n >= 3
        && second.len() <= 3
        && matches!(
            *second,
            "co" | "com" | "org" | "net" | "ac" | "gov" | "edu" | "ne" | "or"
        ) {
        labels.get(n - 3)?
    } else {
        second
    };
    Some(label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_reads_ascii_as_the_general_path_does() {
        for t in [
            "",
            "Tax-Law: Announced (2021)!",
            "a  b\tC_9",
            "Ärger über Straße",
            "İx",
        ] {
            let general: String = t
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(squash(t), general, "{t:?}");
        }
        assert_eq!(squash("Tax-Law 2021"), "taxlaw2021");
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn site_suffix_and_prefix() {
        assert_eq!(
            clean("Rain returns | The Daily", &s(&["The Daily"]), &[]),
            "Rain returns"
        );
        assert_eq!(
            clean("The Daily - Rain returns", &s(&["The Daily"]), &[]),
            "Rain returns"
        );
        assert_eq!(
            clean("Rain returns - Weather - The Daily", &s(&["thedaily"]), &[]),
            "Rain returns - Weather"
        );
        assert_eq!(
            clean("Rain returns | Weather | Daily", &[], &s(&["Rain returns"])),
            "Rain returns"
        );
    }

    #[test]
    fn titles_without_site_are_kept() {
        assert_eq!(
            clean("Cats - the untold story", &s(&["The Daily"]), &[]),
            "Cats - the untold story"
        );
        assert_eq!(clean("Plain title", &[], &[]), "Plain title");
        assert_eq!(clean(" | ", &s(&["x"]), &[]), "|");
        assert_eq!(clean("a_b_c", &s(&["c"]), &[]), "a_b");
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_label("https://www.theguardian.com/x").as_deref(),
            Some("theguardian")
        );
        assert_eq!(
            host_label("http://news.bbc.co.uk/a").as_deref(),
            Some("bbc")
        );
        assert_eq!(host_label("nonsense"), None);
    }
}

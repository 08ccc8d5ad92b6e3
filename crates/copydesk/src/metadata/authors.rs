//! Bylines into person names: "By Jane Doe and John Roe, Staff Writers |
//! Updated May 2, 2021" -> ["Jane Doe", "John Roe"].

/// A name found in a byline, with whether it looks like a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub person: bool,
}

/// Leading credits dropped from a byline (lowercase, longest first).
const LEADS: &[&str] = &[
    "reporting by",
    "more from",
    "more by",
    "mehr von",
    "more",
    "written by",
    "posted by",
    "words by",
    "story by",
    "text by",
    "article by",
    "published by",
    "submitted by",
    "geschrieben von",
    "ein artikel von",
    "a cura di",
    "autorin:",
    "autoren:",
    "author:",
    "authors:",
    "autor:",
    "auteur:",
    "auteur :",
    "text:",
    "von:",
    "por:",
    "par:",
    "by:",
    "door",
    "from",
    "von",
    "por",
    "par",
    "by",
    "di",
    "de",
];

/// Words that make a byline piece a role, a desk or an organisation rather
/// than a person.
const ROLE_WORDS: &[&str] = &[
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "editor",
    "editors",
    "contributor",
    "contributing",
    "columnist",
    "journalist",
    "senior",
    "chief",
    "associate",
    "producer",
    "photographer",
    "photos",
    "photo",
    "analyst",
    "bureau",
    "desk",
    "team",
    "political",
    "science",
    "business",
    "sports",
    "updated",
    "published",
    "posted",
    "editorial",
    "redaktion",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "autor",
    "autorin",
    "rédaction",
    "correspondant",
    "envoyé",
    "spécial",
    "redacción",
    "redazione",
    "ma",
    "phd",
    "md",
    "dr.",
    "mph",
    "rn",
    "contributors",
    "editorial",
    "board",
    "service",
    "wire",
    "newsroom",
    "admin",
    "administrator",
    "publisher",
    "anonymous",
    "guest",
    "unknown",
    "reviewed",
    "medically",
    "fact",
    "checked",
    "read",
    "min",
    "minutes",
    "comments",
    "share",
    "follow",
    "email",
    "twitter",
    "facebook",
];

/// Words that mark an organisation.
const ORG_WORDS: &[&str] = &[
    "news",
    "press",
    "media",
    "agency",
    "associated",
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "group",
    "magazine",
    "times",
    "post",
    "daily",
    "network",
    "foundation",
    "institute",
    "university",
    "dpa",
    "afp",
    "reuters",
    "ap",
    "apa",
    "sid",
    "kna",
    "epd",
    "ansa",
    "efe",
    "works",
    "projects",
    "organization",
    "organisation",
    "online",
    "tv",
    "radio",
    "zeitung",
    "journal",
];

/// Particles allowed in lowercase inside a name.
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "da"
            | "do"
            | "dos"
            | "das"
            | "del"
            | "della"
            | "di"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "ter"
            | "zu"
            | "y"
            | "e"
            | "af"
    )
}

fn lower_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ':' | '/'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// Strips a leading credit word ("By", "Von:", "Written by").
fn strip_lead(s: &str) -> &str {
    let mut s = s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '·' | '•' | ':')
    });
    for _ in 0..2 {
        let lower = s.to_lowercase();
        let mut stripped = false;
        for lead in LEADS {
            if let Some(rest) = lower.strip_prefix(lead) {
                // Whole word only.
                let next = rest.chars().next();
                if lead.ends_with(':') || next.is_none_or(|c| c.is_whitespace() || c == ':') {
                    // `lower` and `s` may differ in byte length for some
                    // characters; only cut when the prefix maps 1:1.
                    if let Some(cut) = s.get(lead.len()..).filter(|_| s.len() == lower.len()) {
                        s = cut.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
                        stripped = true;
                    }
                    break;
                }
            }
        }
        if !stripped {
            break;
        }
    }
    s
}

/// Cuts a byline at the first thing that is not names: a date, a time, an
/// "Updated" note, a separator bar, a parenthesis, digits.
fn cut_tail(s: &str) -> &str {
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() || matches!(c, '|' | '•' | '·' | '(' | '[' | '\n' | '@' | '—' | '–')
        {
            end = i;
            break;
        }
    }
    let mut s = s.get(..end).unwrap_or(s);
    // Month and weekday names left before the cut digits ("Jane Doe May").
    loop {
        let t =
            s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '-' | ':'));
        let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
        let lw = last.trim_end_matches('.').to_lowercase();
        if !last.is_empty()
            && last.len() < t.len()
            && (super::dates::month_of(&lw).is_some() || is_weekday(&lw))
        {
            s = t.get(..t.len() - last.len()).unwrap_or(t);
        } else {
            s = t;
            break;
        }
    }
    // Phrases after which no name follows.
    let lower = s.to_lowercase();
    if lower.len() == s.len() {
        for stop in [
            " is a ",
            " is an ",
            " is the ",
            " ist ",
            " est ",
            " es ",
            " for ",
            " für ",
            " pour ",
            " updated",
            " published",
            " posted",
            " on ",
            " in ",
            " last ",
            " am ",
            " le ",
            " il ",
            " aktualisiert",
            " veröffentlicht",
            " mis à jour",
            " publié",
        ] {
            if let Some(i) = lower.find(stop) {
                let words_before = lower.get(..i).unwrap_or("").split_whitespace().count();
                let weak = matches!(stop, " for " | " für " | " pour ");
                if i < s.len() && (!weak || words_before >= 2) {
                    s = s.get(..i).unwrap_or(s);
                }
            }
        }
    }
    s
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "montag"
            | "dienstag"
            | "mittwoch"
            | "donnerstag"
            | "freitag"
            | "samstag"
            | "sonntag"
            | "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "lunes"
            | "martes"
            | "miércoles"
            | "jueves"
            | "viernes"
            | "sábado"
            | "domingo"
    )
}

/// Splits a cleaned byline into its name pieces.
fn split_names(s: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let words: Vec<&str> = s.split_whitespace().collect();
    for w in words {
        let lw = w.to_lowercase();
        let joins = matches!(
            lw.as_str(),
            "and" | "und" | "et" | "y" | "&" | "e" | "en" | "och" | "og" | "og," | "i"
        );
        if joins {
            parts.push(String::new());
            continue;
        }
        for (k, piece) in w.split([',', ';', '/', '&']).enumerate() {
            if k > 0 {
                parts.push(String::new());
            }
            if let Some(cur) = parts.last_mut() {
                if !piece.is_empty() {
                    if !cur.is_empty() {
                        cur.push(' ');
                    }
                    cur.push_str(piece);
                }
            }
        }
    }
    parts
        .into_iter()
        .map(|p| {
            p.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
                .trim_end_matches('.')
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether a piece reads as a person's name.
pub fn looks_like_person(p: &str) -> bool {
    let n = p.chars().count();
    if !(2..=60).contains(&n) {
        return false;
    }
    if p.chars().any(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '@' | '?' | '!' | '=' | '<' | '>' | '#' | '%' | '+' | '*' | '"'
            )
    }) {
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let cased = p.chars().any(|c| c.is_uppercase() || c.is_lowercase());
    if cased {
        // Each word capitalised, or a particle.
        for w in &words {
            let first = w.chars().next();
            let ok = first.is_some_and(|c| c.is_uppercase()) || is_particle(&w.to_lowercase());
            if !ok {
                return false;
            }
        }
        // A lone cased word is a handle, a role or a fragment, rarely a
        // credited person.
        if words.len() == 1 {
            return false;
        }
    }
    for w in lower_words(p) {
        if ROLE_WORDS.contains(&w.as_str()) || ORG_WORDS.contains(&w.as_str()) {
            return false;
        }
    }
    true
}

/// Whether a credit holds a role word ("Staff", "Admin", "Editor").
pub fn has_role_word(p: &str) -> bool {
    lower_words(p).any(|w| ROLE_WORDS.contains(&w.as_str()))
}

pub fn looks_like_org(p: &str) -> bool {
    lower_words(p).any(|w| ORG_WORDS.contains(&w.as_str()))
}

/// Turns "JANE DOE" into "Jane Doe"; leaves mixed case alone.
fn fix_case(p: &str) -> String {
    let letters: Vec<char> = p.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.len() > 3
        && letters.iter().all(|c| !c.is_lowercase())
        && letters.iter().any(|c| c.is_uppercase());
    if !all_upper {
        return p.to_string();
    }
    p.split(' ')
        .map(|w| {
            let mut out = String::new();
            for (i, c) in w.chars().enumerate() {
                if i == 0 {
                    out.push(c);
                } else {
                    out.extend(c.to_lowercase());
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes parenthesised asides ("Richard (R.J.) Eskow"); an unclosed
/// parenthesis ends the text.
fn drop_parentheses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let mut collapsed = String::new();
    crate::html::tree::push_collapsed(&mut collapsed, &out);
    collapsed.trim().to_string()
}

/// "Müller, Anna" (a catalogue-style name) -> "Anna Müller": exactly one
/// comma after a single capitalised word, then given names: capitalised
/// words, initials ("F.") and particles ("Jong, Michiel de").
fn last_first(s: &str) -> Option<String> {
    let (last, first) = s.split_once(',')?;
    let (last, first) = (last.trim(), first.trim());
    if first.contains(',') {
        return None;
    }
    let capital = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    let initial = |w: &str| {
        let mut cs = w.chars();
        matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
    };
    let role = |w: &str| {
        let lw = w.to_lowercase();
        ROLE_WORDS.contains(&lw.as_str()) || ORG_WORDS.contains(&lw.as_str())
    };
    let given: Vec<&str> = first.split_whitespace().collect();
    let given_ok = (1..=3).contains(&given.len())
        && given.first().is_some_and(|w| capital(w) || initial(w))
        && given
            .iter()
            .all(|w| (capital(w) || initial(w) || is_particle(w)) && !role(w));
    (!last.contains(char::is_whitespace) && capital(last) && !role(last) && given_ok)
        .then(|| format!("{first} {last}"))
}

/// Names in a byline text. Organisations come back with `person: false`;
/// roles, dates and credits are dropped.
pub fn parse_byline(raw: &str) -> Vec<Name> {
    let mut s = String::new();
    crate::html::tree::push_collapsed(&mut s, raw);
    if s.chars().count() > 300 {
        return Vec::new();
    }
    let s = drop_parentheses(s.trim());
    let s = last_first(&s).unwrap_or(s);
    let s = strip_lead(&s);
    let s = cut_tail(s);
    let s = strip_lead(s);
    let mut out: Vec<Name> = Vec::new();
    for piece in split_names(s) {
        let piece = strip_lead(&piece).to_string();
        if piece.is_empty() {
            continue;
        }
        let person = looks_like_person(&piece);
        if !(person || looks_like_org(&piece) && piece.chars().count() <= 60) {
            continue;
        }
        let text = fix_case(&piece);
        if !out.iter().any(|n| n.text.eq_ignore_ascii_case(&text)) {
            out.push(Name { text, person });
        }
        if out.len() >= 10 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        parse_byline(s)
            .into_iter()
            .filter(|n| n.person)
            .map(|n| n.text)
            .collect()
    }

    #[test]
    fn credits_and_conjunctions() {
        assert_eq!(
            names("By Jane Doe and John Roe"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(names("BY JANE DOE"), vec!["Jane Doe"]);
        assert_eq!(
            names("Von Anna Müller und Jörg Schmidt"),
            vec!["Anna Müller", "Jörg Schmidt"]
        );
        assert_eq!(names("Par Sébastien Farcis"), vec!["Sébastien Farcis"]);
        assert_eq!(
            names("Written by: Ann Lee, Bob Ray & Cy Young"),
            vec!["Ann Lee", "Bob Ray", "Cy Young"]
        );
    }

    #[test]
    fn roles_dates_and_tails_are_dropped() {
        assert_eq!(names("By Jane Doe, Staff Writer"), vec!["Jane Doe"]);
        assert_eq!(names("Jane Doe | Updated May 2, 2021"), vec!["Jane Doe"]);
        assert_eq!(names("by Lucas Nolan22 Dec 2016651"), vec!["Lucas Nolan"]);
        assert_eq!(
            names("By Brenda Goodman, MA WebMD Health News"),
            vec!["Brenda Goodman"]
        );
        assert_eq!(
            names("Jane Doe is a reporter for the Daily"),
            vec!["Jane Doe"]
        );
        assert_eq!(
            names("Vincent Ludwig van Beethoven"),
            vec!["Vincent Ludwig van Beethoven"]
        );
        assert!(names("Staff").is_empty());
        assert!(names("Updated: January 7, 2025").is_empty());
        assert!(names("share this story on twitter").is_empty());
    }

    #[test]
    fn catalogue_order_is_turned() {
        assert_eq!(names("Müller, Anna"), vec!["Anna Müller"]);
        assert_eq!(names("Jong, Michiel de"), vec!["Michiel de Jong"]);
        assert_eq!(names("Kooman, F."), vec!["F. Kooman"]);
        // Two people, not one catalogue name.
        assert_eq!(
            names("Anna Müller, Jörg Schmidt"),
            vec!["Anna Müller", "Jörg Schmidt"]
        );
        assert_eq!(names("Doe, Staff Writer"), Vec::<String>::new());
    }

    #[test]
    fn organisations_are_marked() {
        let n = parse_byline("Associated Press");
        assert_eq!(n.len(), 1);
        assert!(!n[0].person);
    }

    #[test]
    fn long_or_odd_input() {
        assert!(parse_byline(&"word ".repeat(1000)).is_empty());
        assert!(parse_byline("").is_empty());
        assert!(parse_byline("İİİ by ǅ").len() <= 2);
    }
}

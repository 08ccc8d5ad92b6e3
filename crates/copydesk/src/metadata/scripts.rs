//! Dates that a page states only inside its scripts: data layers and state
//! objects (`"datePublished":"…"`, `publishDate: '…'`, `"pubDate":"…"`,
//! `\"createdAt\":\"…\"` in a JSON string). One case-insensitive automaton
//! pass over the script bytes finds the keys; only the few hits are read.
//! No script is parsed and no regex runs over them.

use super::dates::{self, Date};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::OnceLock;

/// Key names (any case) whose value is the publication date. A key holding
/// one of these ("article_publish_date", "first_publish_date") counts too.
const PUBLISHED: &[&str] = &[
    "datepublished",
    "date_published",
    "publisheddate",
    "published_date",
    "publishdate",
    "publish_date",
    "pubdate",
    "pub_date",
    "publicationdate",
    "publication_date",
    "firstpublished",
    "first_published",
    "first-publication",
    "firstpublication",
    "publishedfirst",
    "dateposted",
    "date_posted",
    "publishedat",
    "published_at",
];

/// Creation keys: used when no publication key is found.
const CREATED: &[&str] = &[
    "datecreated",
    "date_created",
    "createdat",
    "created_at",
    "createddate",
    "created_date",
    "creationdate",
    "creation_date",
    "datecreation",
];

/// Parts of a key that make it some other date ("publishedLast",
/// "pubDateModified", "lastPublishDate").
const NOT_PUBLISHED: &[&str] = &["modif", "updat", "last", "expir", "next", "schedul", "end"];

/// Hits read per page at most.
const MAX_HITS: usize = 200;

fn automaton() -> Option<&'static AhoCorasick> {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(PUBLISHED.iter().chain(CREATED.iter()))
            .ok()
    })
    .as_ref()
}

fn key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$')
}

/// Distinct days under one kind of key in one script beyond which the
/// script dates many things (a section front's state, a list of stories)
/// rather than the page.
const MAX_DAYS: usize = 2;

/// The first date of one kind of key, and the distinct days seen.
type FirstAndDays = (Option<Date>, Vec<(i32, u8, u8)>);

/// The first dates under publication and creation keys in one script, or
/// `None` for a kind whose keys give more than [`MAX_DAYS`] different days.
fn script_dates(ac: &AhoCorasick, script: &str, hits: &mut usize) -> [Option<Date>; 2] {
    let mut found: [FirstAndDays; 2] = [(None, Vec::new()), (None, Vec::new())];
    for m in ac.find_iter(script.as_bytes()) {
        *hits += 1;
        if *hits > MAX_HITS {
            break;
        }
        let kind = usize::from(m.pattern().as_usize() >= PUBLISHED.len());
        let Some(d) = value_at(script, m.start(), m.end()) else {
            continue;
        };
        if let Some((first, days)) = found.get_mut(kind) {
            first.get_or_insert(d);
            if !days.contains(&d.day_key()) {
                days.push(d.day_key());
            }
        }
    }
    found.map(|(first, days)| first.filter(|_| days.len() <= MAX_DAYS))
}

/// The date stated by the first script key for the publication (else for
/// the creation) of the page.
pub fn published(scripts: &[String]) -> Option<Date> {
    let ac = automaton()?;
    let mut created: Option<Date> = None;
    let mut hits = 0;
    for script in scripts {
        let [p, c] = script_dates(ac, script, &mut hits);
        if p.is_some() {
            return p;
        }
        created = created.or(c);
        if hits > MAX_HITS {
            break;
        }
    }
    created.or_else(|| printed(scripts))
}

/// Longest inline script read as a date printer.
const MAX_PRINTER_LEN: usize = 200;

/// The date that tiny inline scripts print where they stand
/// (`<script>showDate("2020/04/17 01:43:09")</script>`): a call of a
/// function whose name ends in "date" with a quoted date as its first
/// argument. A page whose printers show different days (a list of stories)
/// is not dated this way.
fn printed(scripts: &[String]) -> Option<Date> {
    let mut first: Option<Date> = None;
    for s in scripts.iter().map(|s| s.trim()) {
        if s.len() > MAX_PRINTER_LEN {
            continue;
        }
        let Some(d) = printer_call(s) else { continue };
        match first {
            None => first = Some(d),
            Some(f) if f.day_key() != d.day_key() => return None,
            Some(_) => {}
        }
    }
    first
}

/// The date argument of a script that is one call of a `…date(` function.
fn printer_call(s: &str) -> Option<Date> {
    let open = s.find('(')?;
    let name = s.get(..open)?.trim_end();
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.');
    if name.is_empty() || !name.chars().all(is_name) {
        return None;
    }
    if !name.to_ascii_lowercase().ends_with("date") {
        return None;
    }
    let rest = s.get(open + 1..)?.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = rest.get(1..)?;
    let v = body.get(..body.find(quote)?)?.trim();
    if v.len() > 48 {
        return None;
    }
    dates::parse_iso(v).or_else(|| dates::parse_value(v))
}

/// The date value of the key whose name contains `b[start..end]`, if that
/// is a key (quoted, or a bare JavaScript name) followed by `:` or `=` and a
/// quoted date.
fn value_at(s: &str, start: usize, end: usize) -> Option<Date> {
    let b = s.as_bytes();
    // The whole key.
    let mut ks = start;
    while ks > 0 && ks + 40 > start && b.get(ks - 1).copied().is_some_and(key_byte) {
        ks -= 1;
    }
    let mut ke = end;
    while ke < end + 40 && b.get(ke).copied().is_some_and(key_byte) {
        ke += 1;
    }
    let key = s.get(ks..ke)?.to_ascii_lowercase();
    if NOT_PUBLISHED.iter().any(|w| key.contains(w)) {
        return None;
    }
    // Before the key: a quote (maybe escaped) or a separator.
    let quoted = match ks.checked_sub(1).and_then(|i| b.get(i)) {
        Some(b'"' | b'\'') => true,
        None | Some(b'{' | b',' | b';' | b'(' | b' ' | b'\t' | b'\n' | b'\r') => false,
        _ => return None,
    };
    let mut i = ke;
    if quoted {
        if b.get(i) == Some(&b'\\') {
            i += 1;
        }
        if !matches!(b.get(i), Some(b'"' | b'\'')) {
            return None;
        }
        i += 1;
    }
    let skip_ws = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    i = skip_ws(i);
    if !matches!(b.get(i), Some(b':' | b'=')) {
        return None;
    }
    i = skip_ws(i + 1);
    if b.get(i) == Some(&b'\\') {
        i += 1;
    }
    if !matches!(b.get(i), Some(b'"' | b'\'')) {
        return None;
    }
    i += 1;
    let vs = i;
    while i < vs + 48
        && b.get(i)
            .is_some_and(|&c| !matches!(c, b'"' | b'\'' | b'\\'))
    {
        i += 1;
    }
    if !matches!(b.get(i), Some(b'"' | b'\'' | b'\\')) {
        return None;
    }
    let v = s.get(vs..i)?.trim();
    dates::parse_iso(v).or_else(|| dates::parse_value(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Option<String> {
        published(&[s.to_string()]).map(|d| d.to_iso())
    }

    #[test]
    fn data_layer_and_state_objects() {
        assert_eq!(
            one(r#"var layer = {"last-updated":"2020-01-28 15:49","first-publication":"2020-01-28 15:28"};"#)
                .as_deref(),
            Some("2020-01-28T15:28:00")
        );
        assert_eq!(
            one(r#"{"publishedDate":"2016-11-04T20:37:27Z","updatedDate":"2016-11-05T20:39:47Z"}"#)
                .as_deref(),
            Some("2016-11-04T20:37:27+00:00")
        );
        assert_eq!(
            one("window.meta = { publishDate: '2021-03-04', title: 'x' };").as_deref(),
            Some("2021-03-04")
        );
        // A JSON document inside a JavaScript string.
        assert_eq!(
            one(r#"init("{\"title\":\"x\",\"datePublished\":\"2019-05-06\"}")"#).as_deref(),
            Some("2019-05-06")
        );
        assert_eq!(
            one("dl.push({'article_publish_date': '28.01.2020'})").as_deref(),
            Some("2020-01-28")
        );
    }

    #[test]
    fn publication_keys_beat_creation_keys() {
        assert_eq!(
            one(r#"{"createdAt":"2022-01-30T10:00:00Z","x":{"pubDate":"2022-01-31"}}"#).as_deref(),
            Some("2022-01-31")
        );
        assert_eq!(
            one(r#"{"createdAt":"2022-01-30T10:00:00+01:00","updatedAt":"2022-02-01"}"#).as_deref(),
            Some("2022-01-30T10:00:00+01:00")
        );
    }

    #[test]
    fn a_script_that_dates_many_things_does_not_date_the_page() {
        let list = r#"{"items":[{"firstPublished":"2019-08-06"},{"firstPublished":"2020-01-02"},
            {"firstPublished":"2021-03-04"}]}"#;
        assert_eq!(one(list), None);
        // Repeats of the page's own day are fine.
        let page = r#"{"createdAt":"2022-01-31T15:58:43+01:00","blocks":[{"createdAt":"2022-01-31T15:58:43+01:00"}]}"#;
        assert_eq!(one(page).as_deref(), Some("2022-01-31T15:58:43+01:00"));
        // Another script may still date the page.
        let pages = [list.to_string(), r#"{"pubDate":"2020-05-06"}"#.to_string()];
        assert_eq!(
            published(&pages).map(|d| d.to_iso()).as_deref(),
            Some("2020-05-06")
        );
    }

    #[test]
    fn other_dates_and_non_keys_are_ignored() {
        assert_eq!(
            one(r#"{"publishedLast":"2020-01-28","dateModified":"2020-01-29"}"#),
            None
        );
        assert_eq!(one(r#"{"lastPublishDate":"2020-01-28"}"#), None);
        // Not a key: prose, a value, a number.
        assert_eq!(one("the datePublished of 2020-01-28"), None);
        assert_eq!(one(r#"{"field":"datePublished","v":"2020-01-28"}"#), None);
        assert_eq!(one(r#"{"datePublished":1588388400}"#), None);
        // Nonsense dates.
        assert_eq!(one(r#"{"datePublished":"0000-00-00"}"#), None);
        assert_eq!(one(r#"{"datePublished":"2999-01-01"}"#), None);
    }

    #[test]
    fn tiny_scripts_that_print_a_date() {
        let printer = r#"showDate("2020/04/17 01:43:09 01:43:09")"#;
        assert_eq!(one(printer).as_deref(), Some("2020-04-17T01:43:09"));
        assert_eq!(
            one("document.writeDate('2019-05-06');").as_deref(),
            Some("2019-05-06")
        );
        // Keys still come first.
        let both = [
            printer.to_string(),
            r#"{"pubDate":"2020-05-06"}"#.to_string(),
        ];
        assert_eq!(
            published(&both).map(|d| d.to_iso()).as_deref(),
            Some("2020-05-06")
        );
        // Printers of different days: a list of stories.
        let list = [printer.to_string(), r#"showDate("2020/04/12")"#.to_string()];
        assert_eq!(published(&list), None);
        // Not a date printer: another function, an argument that is no
        // date, a call inside a longer program.
        assert_eq!(one(r#"track("2020/04/17")"#), None);
        assert_eq!(one(r#"showDate("soon")"#), None);
        assert_eq!(one(r#"var a = 1; showDate("2020/04/17")"#), None);
        let long = format!(r#"showDate("2020/04/17"); {}"#, "x();".repeat(60));
        assert_eq!(one(&long), None);
        assert_eq!(one("showDate("), None);
        assert_eq!(one("showDate(\"2020"), None);
    }

    #[test]
    fn hostile_scripts_are_cheap_and_safe() {
        assert_eq!(one(""), None);
        assert_eq!(one("pubdate"), None);
        assert_eq!(one("\"pubdate\""), None);
        assert_eq!(one("\"pubdate\":"), None);
        assert_eq!(one("\"pubdate\":\"é"), None);
        let many = r#"{"pubDate":"x"},"#.repeat(100_000);
        let start = std::time::Instant::now();
        assert_eq!(one(&many), None);
        assert!(start.elapsed().as_secs() < 2);
    }
}

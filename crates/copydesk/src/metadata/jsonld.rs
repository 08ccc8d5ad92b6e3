//! JSON-LD: the article object(s) of a page's `application/ld+json` scripts,
//! inside `@graph`s, arrays and nested values. Malformed scripts are
//! repaired where that is cheap, and otherwise read with a key scan.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;

/// What the page's JSON-LD says about its article.
#[derive(Debug, Default, Clone)]
pub struct LdInfo {
    pub headline: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    /// (name, is_person)
    pub authors: Vec<(String, bool)>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub publisher: Option<String>,
    /// `WebSite.name`.
    pub website: Option<String>,
    pub image: Option<String>,
    pub url: Option<String>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub language: Option<String>,
    /// The object's rank: 3 news/article types, 2 other creative works, 1 web page.
    pub rank: u8,
}

const MAX_OBJECTS: usize = 2_000;
const MAX_DEPTH: usize = 12;

/// Keys whose values (strings and numbers included) `walk` and `info_of`
/// read; under any other key only objects and arrays are kept.
const READ_KEYS: &[&str] = &[
    "@type",
    "@value",
    "@id",
    "name",
    "headline",
    "description",
    "datePublished",
    "dateCreated",
    "dateModified",
    "url",
    "articleSection",
    "inLanguage",
    "publisher",
    "author",
    "creator",
    "image",
    "keywords",
    "mainEntityOfPage",
    "givenName",
    "familyName",
];

/// Keys whose values nothing reads: a reader's review or comment is not
/// the article.
const SKIP_KEYS: &[&str] = &["review", "reviews", "comment", "comments"];

/// A JSON value holding only what is read: strings borrowed from the
/// script where they have no escapes, scalars under keys nobody reads
/// dropped, objects' entries sorted by key with the last of a repeated key
/// kept (as `serde_json::Value`'s map does). The parser is serde_json's,
/// so exactly the scripts it rejects are rejected.
#[derive(Debug)]
enum Ld<'a> {
    /// Null, a boolean, or a value nothing reads.
    Skip,
    Str(Cow<'a, str>),
    Num(serde_json::Number),
    Arr(Vec<Ld<'a>>),
    Obj(Vec<(Cow<'a, str>, Ld<'a>)>),
}

impl<'a> Ld<'a> {
    fn get(&self, key: &str) -> Option<&Ld<'a>> {
        match self {
            Ld::Obj(entries) => entries
                .binary_search_by(|(k, _)| k.as_ref().cmp(key))
                .ok()
                .and_then(|i| entries.get(i))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    fn is_container(&self) -> bool {
        matches!(self, Ld::Arr(_) | Ld::Obj(_))
    }
}

/// How a value is read: scalars kept or not, or the whole value discarded
/// (still parsed, so that invalid JSON fails as before).
#[derive(Clone, Copy)]
enum Mode {
    Keep,
    Containers,
    Discard,
}

struct LdSeed(Mode);

impl<'de> DeserializeSeed<'de> for LdSeed {
    type Value = Ld<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Ld<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Deserialize<'de> for Ld<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ld<'de>, D::Error> {
        LdSeed(Mode::Containers).deserialize(d)
    }
}

impl LdSeed {
    fn scalar<'de>(&self, v: impl FnOnce() -> Ld<'de>) -> Ld<'de> {
        match self.0 {
            Mode::Keep => v(),
            Mode::Containers | Mode::Discard => Ld::Skip,
        }
    }
}

impl<'de> Visitor<'de> for LdSeed {
    type Value = Ld<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Ld<'de>, E> {
        Ok(Ld::Skip)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Ld<'de>, E> {
        Ok(Ld::Skip)
    }
    fn visit_none<E: de::Error>(self) -> Result<Ld<'de>, E> {
        Ok(Ld::Skip)
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Ld<'de>, E> {
        Ok(self.scalar(|| Ld::Num(n.into())))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Ld<'de>, E> {
        Ok(self.scalar(|| Ld::Num(n.into())))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Ld<'de>, E> {
        Ok(self.scalar(|| serde_json::Number::from_f64(n).map_or(Ld::Skip, Ld::Num)))
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Ld<'de>, E> {
        Ok(self.scalar(|| Ld::Str(Cow::Borrowed(s))))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Ld<'de>, E> {
        Ok(self.scalar(|| Ld::Str(Cow::Owned(s.to_string()))))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Ld<'de>, E> {
        Ok(self.scalar(|| Ld::Str(Cow::Owned(s))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ld<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(LdSeed(self.0))? {
            if !matches!(self.0, Mode::Discard) {
                items.push(v);
            }
        }
        Ok(match self.0 {
            Mode::Discard => Ld::Skip,
            Mode::Keep | Mode::Containers => Ld::Arr(items),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ld<'de>, A::Error> {
        let discard = matches!(self.0, Mode::Discard);
        let mut entries: Vec<(Cow<'de, str>, Ld<'de>)> = Vec::new();
        while let Some(k) = map.next_key_seed(KeySeed)? {
            let mode = if discard || SKIP_KEYS.contains(&k.as_ref()) {
                Mode::Discard
            } else if READ_KEYS.contains(&k.as_ref()) {
                Mode::Keep
            } else {
                Mode::Containers
            };
            let v = map.next_value_seed(LdSeed(mode))?;
            if !discard {
                entries.push((k, v));
            }
        }
        if discard {
            return Ok(Ld::Skip);
        }
        // serde_json's map: sorted by key, the last of a repeated key kept.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(Cow<'de, str>, Ld<'de>)> = Vec::with_capacity(entries.len());
        for e in entries {
            match out.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => out.push(e),
            }
        }
        Ok(Ld::Obj(out))
    }
}

/// An object key, borrowed from the script when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s.to_string()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s))
    }
}

/// Reads all scripts and returns the best article-like object's fields,
/// completed from the other objects where it is silent.
pub fn read(scripts: &[String]) -> LdInfo {
    let mut objects: Vec<LdInfo> = Vec::new();
    let mut website = None;
    let mut org = None;
    for raw in scripts.iter().take(50) {
        let parsed = parse_lenient(raw, &mut |v: &Ld| {
            let mut budget = MAX_OBJECTS;
            walk(v, 0, &mut budget, &mut objects, &mut website, &mut org);
        });
        if !parsed {
            if let Some(info) = key_scan(raw) {
                objects.push(info);
            }
        }
    }
    let best_idx = objects
        .iter()
        .enumerate()
        .filter(|(_, o)| o.rank > 0)
        .max_by_key(|(i, o)| (o.rank, o.published.is_some(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let mut best = match best_idx {
        Some(i) if i < objects.len() => objects.swap_remove(i),
        _ => LdInfo::default(),
    };
    // Fill gaps from other article-like objects of the same rank.
    for o in objects
        .iter()
        .filter(|o| o.rank >= best.rank && o.rank >= 2)
    {
        if best.published.is_none() {
            best.published.clone_from(&o.published);
        }
        if best.modified.is_none() {
            best.modified.clone_from(&o.modified);
        }
        if best.authors.is_empty() {
            best.authors.clone_from(&o.authors);
        }
    }
    // A web page's dates when no article object has any.
    if best.published.is_none() {
        best.published = objects.iter().find_map(|o| o.published.clone());
    }
    if best.publisher.is_none() {
        best.publisher = objects.iter().find_map(|o| o.publisher.clone()).or(org);
    }
    best.website = website;
    best
}

/// Parses JSON, repairing common breakage: HTML comments and CDATA
/// wrappers, raw control characters inside strings, trailing commas,
/// several objects in a row (read as one array). Hands the value to
/// `visit`; false when nothing parses.
fn parse_lenient(raw: &str, visit: &mut dyn FnMut(&Ld)) -> bool {
    let s = raw.trim();
    if s.is_empty() {
        return false;
    }
    if let Ok(v) = serde_json::from_str::<Ld>(s) {
        visit(&v);
        return true;
    }
    let cleaned = repair(s);
    if let Ok(v) = serde_json::from_str::<Ld>(&cleaned) {
        visit(&v);
        return true;
    }
    // Several values in a row: keep those that parse.
    let mut vals = Vec::new();
    let stream = serde_json::Deserializer::from_str(&cleaned).into_iter::<Ld>();
    for v in stream {
        match v {
            Ok(v) => vals.push(v),
            Err(_) => break,
        }
    }
    if vals.is_empty() {
        return false;
    }
    visit(&Ld::Arr(vals));
    true
}

fn repair(s: &str) -> String {
    let s = s
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';');
    let mut out = String::with_capacity(s.len());
    let mut in_str = false;
    let mut escaped = false;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if in_str {
            if escaped {
                escaped = false;
                out.push(c);
            } else if c == '\\' {
                // Invalid escapes (\' or \x) become the character itself.
                if let Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' | 'u') = chars.get(i + 1)
                {
                    escaped = true;
                    out.push(c);
                }
            } else if c == '"' {
                in_str = false;
                out.push(c);
            } else if c.is_control() {
                out.push(' ');
            } else {
                out.push(c);
            }
        } else if c == '"' {
            in_str = true;
            out.push(c);
        } else if c == ',' {
            // Drop a comma followed only by whitespace and a closer.
            let mut j = i + 1;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            if !matches!(chars.get(j), Some('}' | ']')) {
                out.push(c);
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

fn type_rank(v: &Ld) -> u8 {
    let mut best = 0;
    let mut check = |t: &str| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        let r = match t {
            "NewsArticle"
            | "Article"
            | "BlogPosting"
            | "ReportageNewsArticle"
            | "AnalysisNewsArticle"
            | "OpinionNewsArticle"
            | "BackgroundNewsArticle"
            | "ReviewNewsArticle"
            | "AskPublicNewsArticle"
            | "LiveBlogPosting"
            | "Report"
            | "TechArticle"
            | "ScholarlyArticle"
            | "SatiricalArticle"
            | "SocialMediaPosting"
            | "AdvertiserContentArticle"
            | "MedicalScholarlyArticle"
            | "APIReference"
            | "DiscussionForumPosting"
            | "Review" => 3,
            "CreativeWork" | "VideoObject" | "Recipe" | "HowTo" | "Blog" | "PodcastEpisode" => 2,
            "WebPage" | "ItemPage" | "AboutPage" | "CollectionPage" | "ProfilePage" | "QAPage"
            | "FAQPage" | "MedicalWebPage" => 1,
            _ => 0,
        };
        best = best.max(r);
    };
    match v.get("@type") {
        Some(Ld::Str(t)) => check(t),
        Some(Ld::Arr(a)) => a.iter().filter_map(Ld::as_str).for_each(check),
        _ => {}
    }
    best
}

impl Ld<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Ld::Str(s) => Some(s),
            _ => None,
        }
    }
}

fn is_type(v: &Ld, names: &[&str]) -> bool {
    match v.get("@type") {
        Some(Ld::Str(t)) => names.contains(&t.as_ref()),
        Some(Ld::Arr(a)) => a.iter().filter_map(Ld::as_str).any(|t| names.contains(&t)),
        _ => false,
    }
}

fn walk(
    v: &Ld,
    depth: usize,
    budget: &mut usize,
    out: &mut Vec<LdInfo>,
    website: &mut Option<String>,
    org: &mut Option<String>,
) {
    if depth > MAX_DEPTH || *budget == 0 {
        return;
    }
    *budget -= 1;
    match v {
        Ld::Arr(items) => {
            for it in items {
                walk(it, depth + 1, budget, out, website, org);
            }
        }
        Ld::Obj(map) => {
            let rank = type_rank(v);
            if rank > 0 {
                out.push(info_of(v, rank));
            } else if is_type(v, &["WebSite"]) && website.is_none() {
                *website = text(v.get("name"));
            } else if is_type(v, &["Organization", "NewsMediaOrganization", "Corporation"])
                && org.is_none()
            {
                *org = text(v.get("name"));
            }
            for (k, child) in map {
                // Authors, publishers and images are read by info_of; do
                // not mistake a nested creative work (a reader's review or
                // comment of a recipe or product) for the article.
                if matches!(
                    k.as_ref(),
                    "author"
                        | "publisher"
                        | "image"
                        | "creator"
                        | "review"
                        | "reviews"
                        | "comment"
                        | "comments"
                ) {
                    continue;
                }
                if child.is_container() {
                    walk(child, depth + 1, budget, out, website, org);
                }
            }
        }
        _ => {}
    }
}

/// A string from a JSON value: a string, the first string of an array, or
/// an object's `@value`/`name`.
fn text(v: Option<&Ld>) -> Option<String> {
    let s = match v? {
        Ld::Str(s) => s.trim(),
        Ld::Arr(a) => return a.iter().find_map(|x| text(Some(x))),
        o @ Ld::Obj(_) => return text(o.get("@value").or_else(|| o.get("name"))),
        Ld::Num(n) => return Some(n.to_string()),
        Ld::Skip => return None,
    };
    (!s.is_empty()).then(|| s.to_string())
}

fn info_of(v: &Ld, rank: u8) -> LdInfo {
    let mut info = LdInfo {
        rank,
        headline: text(v.get("headline")),
        name: text(v.get("name")).filter(|_| !matches!(v.get("name"), Some(Ld::Obj(_)))),
        description: text(v.get("description")),
        published: text(v.get("datePublished")).or_else(|| text(v.get("dateCreated"))),
        modified: text(v.get("dateModified")),
        url: text(v.get("url")).filter(|u| u.starts_with("http")),
        section: text(v.get("articleSection")),
        language: text(v.get("inLanguage")),
        ..LdInfo::default()
    };
    if let Some(p) = v.get("publisher") {
        info.publisher = match p {
            Ld::Arr(a) => a.iter().find_map(|x| text(x.get("name"))),
            Ld::Str(s) if !s.starts_with("http") => Some(s.trim().to_string()),
            _ => text(p.get("name")),
        };
    }
    let mut add_author = |a: &Ld| match a {
        Ld::Str(s) => {
            let s = s.trim();
            if !s.is_empty() && !s.starts_with("http") {
                info.authors.push((s.to_string(), true));
            }
        }
        Ld::Obj(_) => {
            let person = !is_type(a, &["Organization", "NewsMediaOrganization", "Corporation"]);
            let name = text(a.get("name")).or_else(|| {
                let given = text(a.get("givenName"))?;
                let family = text(a.get("familyName")).unwrap_or_default();
                Some(format!("{given} {family}").trim().to_string())
            });
            if let Some(n) = name.filter(|n| !n.starts_with("http")) {
                info.authors.push((n, person));
            }
        }
        _ => {}
    };
    match v.get("author").or_else(|| v.get("creator")) {
        Some(Ld::Arr(a)) => a.iter().take(20).for_each(&mut add_author),
        Some(a) => add_author(a),
        None => {}
    }
    info.image = match v.get("image") {
        Some(Ld::Str(s)) => Some(s.trim().to_string()),
        Some(Ld::Arr(a)) => a.iter().find_map(|x| match x {
            Ld::Str(s) => Some(s.trim().to_string()),
            _ => text(x.get("url")),
        }),
        Some(o @ Ld::Obj(_)) => text(o.get("url")),
        _ => None,
    }
    .filter(|s| !s.is_empty());
    info.keywords = match v.get("keywords") {
        Some(Ld::Str(s)) => s.split(',').map(|k| k.trim().to_string()).collect(),
        Some(Ld::Arr(a)) => a.iter().filter_map(|k| text(Some(k))).collect(),
        _ => Vec::new(),
    };
    info.keywords.retain(|k| !k.is_empty() && k.len() < 80);
    info.keywords.truncate(30);
    if info.url.is_none() {
        info.url = match v.get("mainEntityOfPage") {
            Some(Ld::Str(s)) if s.starts_with("http") => Some(s.to_string()),
            Some(o @ Ld::Obj(_)) => text(o.get("@id")).filter(|u| u.starts_with("http")),
            _ => None,
        };
    }
    info
}

/// Last resort for JSON that does not parse: the dates, found by plain
/// search for their keys (titles and names from a broken script are not
/// trusted over the page's other declarations).
fn key_scan(raw: &str) -> Option<LdInfo> {
    let info = LdInfo {
        rank: 2,
        published: scan_key(raw, "\"datePublished\""),
        modified: scan_key(raw, "\"dateModified\""),
        ..LdInfo::default()
    };
    (info.published.is_some() || info.modified.is_some()).then_some(info)
}

fn scan_key(raw: &str, key: &str) -> Option<String> {
    let at = raw.find(key)? + key.len();
    let rest = raw.get(at..)?.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    let v = rest.get(..end)?.trim();
    (!v.is_empty() && v.len() < 300).then(|| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> LdInfo {
        read(&[s.to_string()])
    }

    #[test]
    fn graph_with_article_and_website() {
        let info = one(r#"{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"The Daily"},
              {"@type":"WebPage","datePublished":"2020-01-01"},
              {"@type":"NewsArticle","headline":"Rain returns","datePublished":"2021-03-04T05:06:07Z",
               "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
               "publisher":{"@type":"Organization","name":"Daily Corp"}}]}"#);
        assert_eq!(info.headline.as_deref(), Some("Rain returns"));
        assert_eq!(info.published.as_deref(), Some("2021-03-04T05:06:07Z"));
        assert_eq!(info.authors.len(), 2);
        assert_eq!(info.website.as_deref(), Some("The Daily"));
        assert_eq!(info.publisher.as_deref(), Some("Daily Corp"));
    }

    #[test]
    fn top_level_array_and_type_array() {
        let info = one(
            r#"[{"@type":"BreadcrumbList"},{"@type":["Article","Thing"],"headline":"H","author":"Ann Lee"}]"#,
        );
        assert_eq!(info.headline.as_deref(), Some("H"));
        assert_eq!(info.authors, vec![("Ann Lee".to_string(), true)]);
    }

    #[test]
    fn broken_json_is_repaired_or_scanned() {
        // Trailing comma and a raw newline inside a string.
        let info = one("{\"@type\":\"NewsArticle\",\"headline\":\"Two\nlines\",\"datePublished\":\"2020-05-01\",}");
        assert_eq!(info.published.as_deref(), Some("2020-05-01"));
        assert_eq!(info.headline.as_deref(), Some("Two lines"));
        // Hopeless JSON still yields the date by key scan.
        let info = one(r#"{"@type":"NewsArticle", "datePublished": "2019-02-03", "x": [}}}"#);
        assert_eq!(info.published.as_deref(), Some("2019-02-03"));
        // Pure garbage yields nothing and does not panic.
        let info = one("{{{{[[[[\"\\u12");
        assert!(info.published.is_none() && info.headline.is_none());
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        let info = one(&deep);
        assert_eq!(info.rank, 0);
    }

    #[test]
    fn nested_reviews_are_not_the_article() {
        let info = one(
            r#"{"@type":"Recipe","name":"Plum cake","datePublished":"2006-10-10",
               "review":[{"@type":"Review","reviewBody":"Tasty","datePublished":"2020-04-12"}],
               "comment":{"@type":"Comment","dateCreated":"2021-01-01"}}"#,
        );
        assert_eq!(info.published.as_deref(), Some("2006-10-10"));
        assert_eq!(info.name.as_deref(), Some("Plum cake"));
    }

    #[test]
    fn organisation_author_is_marked() {
        let info = one(r#"{"@type":"Article","author":{"@type":"Organization","name":"Reuters"}}"#);
        assert_eq!(info.authors, vec![("Reuters".to_string(), false)]);
    }
}

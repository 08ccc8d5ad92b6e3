//! JSON-LD: the article object(s) of a page's `application/ld+json` scripts,
//! inside `@graph`s, arrays and nested values. Malformed scripts are
//! repaired where that is cheap, and otherwise read with a key scan.

use serde_json::Value;

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

/// Reads all scripts and returns the best article-like object's fields,
/// completed from the other objects where it is silent.
pub fn read(scripts: &[String]) -> LdInfo {
    let mut objects: Vec<LdInfo> = Vec::new();
    let mut website = None;
    let mut org = None;
    for raw in scripts.iter().take(50) {
        match parse_lenient(raw) {
            Some(v) => {
                let mut budget = MAX_OBJECTS;
                walk(&v, 0, &mut budget, &mut objects, &mut website, &mut org);
            }
            None => {
                if let Some(info) = key_scan(raw) {
                    objects.push(info);
                }
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
/// several objects in a row.
fn parse_lenient(raw: &str) -> Option<Value> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(v) = serde_json::from_str::<Value>(s) {
        return Some(v);
    }
    let cleaned = repair(s);
    if let Ok(v) = serde_json::from_str::<Value>(&cleaned) {
        return Some(v);
    }
    // Several values in a row: keep those that parse.
    let mut vals = Vec::new();
    let stream = serde_json::Deserializer::from_str(&cleaned).into_iter::<Value>();
    for v in stream {
        match v {
            Ok(v) => vals.push(v),
            Err(_) => break,
        }
    }
    (!vals.is_empty()).then_some(Value::Array(vals))
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

fn type_rank(v: &Value) -> u8 {
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
        Some(Value::String(t)) => check(t),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).for_each(check),
        _ => {}
    }
    best
}

fn is_type(v: &Value, names: &[&str]) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => names.contains(&t.as_str()),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .any(|t| names.contains(&t)),
        _ => false,
    }
}

fn walk(
    v: &Value,
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
        Value::Array(items) => {
            for it in items {
                walk(it, depth + 1, budget, out, website, org);
            }
        }
        Value::Object(map) => {
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
                    k.as_str(),
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
                if child.is_object() || child.is_array() {
                    walk(child, depth + 1, budget, out, website, org);
                }
            }
        }
        _ => {}
    }
}

/// A string from a JSON value: a string, the first string of an array, or
/// an object's `@value`/`name`.
fn text(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.clone(),
        Value::Array(a) => return a.iter().find_map(|x| text(Some(x))),
        Value::Object(o) => return text(o.get("@value").or_else(|| o.get("name"))),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn info_of(v: &Value, rank: u8) -> LdInfo {
    let mut info = LdInfo {
        rank,
        headline: text(v.get("headline")),
        name: text(v.get("name")).filter(|_| !v.get("name").is_some_and(Value::is_object)),
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
            Value::Array(a) => a.iter().find_map(|x| text(x.get("name"))),
            Value::String(s) if !s.starts_with("http") => Some(s.trim().to_string()),
            _ => text(p.get("name")),
        };
    }
    let mut add_author = |a: &Value| match a {
        Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && !s.starts_with("http") {
                info.authors.push((s.to_string(), true));
            }
        }
        Value::Object(_) => {
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
        Some(Value::Array(a)) => a.iter().take(20).for_each(&mut add_author),
        Some(a) => add_author(a),
        None => {}
    }
    info.image = match v.get("image") {
        Some(Value::String(s)) => Some(s.trim().to_string()),
        Some(Value::Array(a)) => a.iter().find_map(|x| match x {
            Value::String(s) => Some(s.trim().to_string()),
            _ => text(x.get("url")),
        }),
        Some(o @ Value::Object(_)) => text(o.get("url")),
        _ => None,
    }
    .filter(|s| !s.is_empty());
    info.keywords = match v.get("keywords") {
        Some(Value::String(s)) => s.split(',').map(|k| k.trim().to_string()).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(|k| text(Some(k))).collect(),
        _ => Vec::new(),
    };
    info.keywords.retain(|k| !k.is_empty() && k.len() < 80);
    info.keywords.truncate(30);
    if info.url.is_none() {
        info.url = match v.get("mainEntityOfPage") {
            Some(Value::String(s)) if s.starts_with("http") => Some(s.clone()),
            Some(o @ Value::Object(_)) => text(o.get("@id")).filter(|u| u.starts_with("http")),
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

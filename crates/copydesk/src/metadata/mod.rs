//! Metadata: title, description, authors, dates, site, language, URL,
//! image, section, tags and publisher.
//!
//! One pass over the nodes collects the page's declarations (`<meta>`,
//! `<link>`, `lang`) and the few elements worth a closer look (headings,
//! `<time>`, `itemprop`, bylines and date lines); then each field is taken
//! from the most trusted source that has it: JSON-LD, OpenGraph/Twitter,
//! named `<meta>`s, microdata, visible bylines and datelines near the
//! headline, the URL, and at last the text.

pub mod authors;
pub mod dates;
pub mod jsonld;
pub mod lang;
pub mod scripts;
pub mod title;

use crate::html::{Dom, NodeId, NodeKind};
use copydesk_model::Document;
use dates::{Date, NumOrder};
use html5ever::local_name;
use rustc_hash::FxHashMap as FastMap;
use std::borrow::Cow;

/// Caps on what the scan keeps, so hostile pages stay cheap.
const MAX_METAS: usize = 4_000;
const MAX_CANDIDATES: usize = 1_000;

/// What one pass over the nodes found.
#[derive(Default)]
struct Scan<'a> {
    /// `<meta>` key (lowercased property/name/itemprop) -> contents in order.
    metas: FastMap<Cow<'a, str>, Vec<&'a str>>,
    meta_count: usize,
    html_lang: Option<&'a str>,
    canonical: Option<&'a str>,
    image_src: Option<&'a str>,
    h1s: Vec<NodeId>,
    h2s: Vec<NodeId>,
    times: Vec<NodeId>,
    itemprops: Vec<(NodeId, &'a str)>,
    bylines: Vec<NodeId>,
    date_els: Vec<NodeId>,
    /// Per node: inside a comment, related, sidebar or footer box.
    boiler: Vec<bool>,
    /// Per node: a boilerplate box by its own tag or class (not inherited).
    boiler_own: Vec<bool>,
}

/// ASCII case-insensitive substring test.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

fn any_ci(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| contains_ci(hay, n))
}

const BYLINE_HINTS: &[&str] = &[
    "byline", "author", "writer", "autor", "auteur", "creator", "reporter",
];
const DATE_HINTS: &[&str] = &[
    "date", "time", "publish", "posted", "dateline", "byline", "datum", "fecha", "meta", "stamp",
    "zeit", "info",
];
const BYLINE: u8 = 1;
const DATE: u8 = 2;
const BOILER: u8 = 4;

/// The class/id hints in one case-insensitive automaton: aho-corasick's DFA
/// (standard match semantics: a match state lists every hint that ends
/// there, overlapped ones included), copied once into a flat table of its
/// reachable states so that reading a class string costs one table step
/// per byte, with no special-state checks or match lists.
struct Hints {
    /// Byte -> column; bytes in no hint (either case) share column 0.
    column: [u8; 256],
    /// `row + column` -> the next state's row (`state * columns`) in the
    /// low 24 bits, and the kinds (bits) of every hint ending in that
    /// state in the top 8; the start state's row is 0. A fixed size with
    /// the index masked, so a step needs no bounds check.
    next: Box<[u32; HINT_TABLE]>,
}

/// Entries of [`Hints::next`] (states times columns must fit).
const HINT_TABLE: usize = 1 << 14;

/// A zeroed table.
fn hint_table() -> Box<[u32; HINT_TABLE]> {
    let v: Box<[u32]> = vec![0u32; HINT_TABLE].into_boxed_slice();
    match v.try_into() {
        Ok(t) => t,
        // Unreachable: the length is HINT_TABLE.
        Err(_) => Box::new([0; HINT_TABLE]),
    }
}

impl Hints {
    /// The shared automaton, built once.
    fn get() -> &'static Hints {
        static HINTS: std::sync::OnceLock<Hints> = std::sync::OnceLock::new();
        HINTS.get_or_init(|| {
            Hints::build().unwrap_or_else(|| Hints {
                column: [0; 256],
                next: hint_table(),
            })
        })
    }

    fn build() -> Option<Hints> {
        use aho_corasick::{automaton::Automaton, Anchored};
        let mut pats: Vec<&'static str> = Vec::new();
        let mut pat_bits: Vec<u8> = Vec::new();
        for (list, bit) in [
            (BYLINE_HINTS, BYLINE),
            (DATE_HINTS, DATE),
            (BOILER_HINTS, BOILER),
        ] {
            for h in list {
                match pats.iter().position(|p| p == h) {
                    Some(i) => {
                        if let Some(b) = pat_bits.get_mut(i) {
                            *b |= bit;
                        }
                    }
                    None => {
                        pats.push(h);
                        pat_bits.push(bit);
                    }
                }
            }
        }
        let dfa = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&pats)
            .ok()?;
        // Columns: one per byte the hints use (both ASCII cases, which the
        // automaton treats alike), and a representative byte for each.
        let mut column = [0u8; 256];
        let mut reps: Vec<u8> = vec![0];
        for &b in pats.iter().flat_map(|p| p.as_bytes()) {
            for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                let c = column.get_mut(usize::from(b))?;
                if *c == 0 {
                    *c = u8::try_from(reps.len()).ok()?;
                    reps.push(b);
                }
            }
        }
        // Byte 0 stands for the bytes in no hint: check it is one of them.
        if column.first() != Some(&0) {
            return None;
        }
        let columns = reps.len();
        // Breadth-first over the states reachable from the start.
        let start = dfa.start_state(Anchored::No).ok()?;
        let mut index: FastMap<aho_corasick::automaton::StateID, u16> = FastMap::default();
        let mut states = vec![start];
        index.insert(start, 0);
        let mut next: Vec<u16> = Vec::new();
        let mut bits: Vec<u8> = Vec::new();
        let mut i = 0;
        while let Some(&sid) = states.get(i) {
            let mut own = 0u8;
            if dfa.is_match(sid) {
                for m in 0..dfa.match_len(sid) {
                    own |= pat_bits
                        .get(dfa.match_pattern(sid, m).as_usize())
                        .copied()
                        .unwrap_or(0);
                }
            }
            bits.push(own);
            for &b in &reps {
                let to = dfa.next_state(Anchored::No, sid, b);
                let k = match index.get(&to) {
                    Some(&k) => k,
                    None => {
                        let k = u16::try_from(states.len()).ok()?;
                        index.insert(to, k);
                        states.push(to);
                        k
                    }
                };
                next.push(k);
            }
            i += 1;
        }
        // Rows must fit in the table (and in 24 bits).
        if states.len().checked_mul(columns)? > HINT_TABLE.min(1 << 24) {
            return None;
        }
        let mut table = hint_table();
        for (slot, &k) in table.iter_mut().zip(&next) {
            let row = u32::from(k) * columns as u32;
            *slot = row | u32::from(bits.get(usize::from(k)).copied().unwrap_or(0)) << 24;
        }
        Some(Hints {
            column,
            next: table,
        })
    }

    /// The kinds of hint (bits) present in a class/id string, any case.
    fn find(&self, hay: &str) -> u8 {
        let mut row = 0usize;
        let mut found = 0u32;
        for &b in hay.as_bytes() {
            let col = usize::from(self.column[usize::from(b)]);
            let step = self.next[(row + col) & (HINT_TABLE - 1)];
            row = (step & 0xFF_FFFF) as usize;
            found |= step;
        }
        (found >> 24) as u8
    }
}

/// Containers whose dates and names are not the article's.
const BOILER_HINTS: &[&str] = &[
    "comment",
    "related",
    "sidebar",
    "widget",
    "footer",
    "teaser",
    "recommend",
    "popular",
    "trending",
    "newsletter",
    "promo",
    "most-",
    "more-",
    "also",
    "latest",
    "rail",
    "reply",
    "breadcrumb",
    "cookie",
    "weather",
];

impl<'a> Scan<'a> {
    fn run(dom: &'a Dom) -> Scan<'a> {
        let mut s = Scan {
            boiler: vec![false; dom.nodes.len()],
            boiler_own: vec![false; dom.nodes.len()],
            ..Scan::default()
        };
        let hints = Hints::get();
        for (i, node) in dom.nodes.iter().enumerate() {
            // Nodes come after their parents: inherit the parent's flag.
            let inherited = s.boiler.get(node.parent as usize).copied().unwrap_or(false);
            if inherited {
                if let Some(b) = s.boiler.get_mut(i) {
                    *b = true;
                }
            }
            let NodeKind::Element(el) = &node.kind else {
                continue;
            };
            let id = i as NodeId;
            match el.name {
                local_name!("meta") => {
                    if s.meta_count >= MAX_METAS {
                        continue;
                    }
                    let key = el
                        .attr("property")
                        .or_else(|| el.attr("name"))
                        .or_else(|| el.attr("itemprop"))
                        .or_else(|| el.attr("http-equiv"));
                    let val = el.attr("content").or_else(|| el.attr("value"));
                    if let (Some(k), Some(v)) = (key, val) {
                        let v = v.trim();
                        if v.is_empty() || k.len() > 80 {
                            continue;
                        }
                        s.meta_count += 1;
                        // "og:title twitter:title" declares both.
                        for k in k.split_whitespace() {
                            // Keys are nearly always lower-case already.
                            let mut k: Cow<'a, str> = if k.bytes().any(|b| b.is_ascii_uppercase()) {
                                Cow::Owned(k.to_ascii_lowercase())
                            } else {
                                Cow::Borrowed(k)
                            };
                            if let Some(rest) = k.strip_prefix("dc:") {
                                k = Cow::Owned(format!("dc.{rest}"));
                            } else if let Some(rest) = k.strip_prefix("dcterms:") {
                                k = Cow::Owned(format!("dcterms.{rest}"));
                            }
                            s.metas.entry(k).or_default().push(v);
                        }
                    }
                    continue;
                }
                local_name!("link") => {
                    if let (Some(rel), Some(href)) = (el.attr("rel"), el.attr("href")) {
                        if rel.eq_ignore_ascii_case("canonical") && s.canonical.is_none() {
                            s.canonical = Some(href.trim());
                        } else if rel.eq_ignore_ascii_case("image_src") && s.image_src.is_none() {
                            s.image_src = Some(href.trim());
                        }
                    }
                    continue;
                }
                local_name!("html") => {
                    if s.html_lang.is_none() {
                        s.html_lang = el.attr("lang").or_else(|| el.attr("xml:lang"));
                    }
                }
                local_name!("h1") if s.h1s.len() < 10 => s.h1s.push(id),
                local_name!("h2") if s.h2s.len() < 20 => s.h2s.push(id),
                local_name!("time") if s.times.len() < MAX_CANDIDATES => s.times.push(id),
                local_name!("head") | local_name!("body") | local_name!("script") => continue,
                _ => {}
            }
            // One pass over the attributes, comparing interned names.
            let (mut class, mut ident, mut rel_author) = ("", "", false);
            for a in &el.attrs {
                match a.name.local {
                    local_name!("class") => class = a.value,
                    local_name!("id") => ident = a.value,
                    local_name!("rel") => rel_author |= a.value.eq_ignore_ascii_case("author"),
                    local_name!("itemprop") if s.itemprops.len() < MAX_CANDIDATES => {
                        s.itemprops.push((id, a.value));
                    }
                    _ => {}
                }
            }
            // An <aside> inside the article often holds its own byline and
            // date; elsewhere it is a sidebar.
            let mut boiler = match el.name {
                local_name!("footer") | local_name!("nav") => true,
                local_name!("aside") => !dom.ancestors(id).any(|a| {
                    dom.element(a)
                        .is_some_and(|e| e.name == local_name!("article"))
                }),
                _ => false,
            };
            if !class.is_empty() || !ident.is_empty() {
                let page_level = matches!(
                    el.name,
                    local_name!("html")
                        | local_name!("body")
                        | local_name!("main")
                        | local_name!("article")
                );
                // One table step per byte: cheaper than remembering the
                // page's class strings in a map.
                let found = hints.find(class) | hints.find(ident);
                boiler |= !page_level && found & BOILER != 0;
                if (rel_author || found & BYLINE != 0) && s.bylines.len() < MAX_CANDIDATES {
                    s.bylines.push(id);
                }
                if found & DATE != 0 && s.date_els.len() < MAX_CANDIDATES {
                    s.date_els.push(id);
                }
            } else if rel_author && s.bylines.len() < MAX_CANDIDATES {
                s.bylines.push(id);
            }
            if boiler {
                if let Some(b) = s.boiler.get_mut(i) {
                    *b = true;
                }
                if let Some(b) = s.boiler_own.get_mut(i) {
                    *b = true;
                }
            }
        }
        s
    }

    fn meta(&self, key: &str) -> Option<&'a str> {
        self.metas.get(key).and_then(|v| v.first().copied())
    }

    fn first_meta(&self, keys: &[&str]) -> Option<&'a str> {
        keys.iter().find_map(|k| self.meta(k))
    }
}

/// Whether `id` sits in a box of other content: comments, related or
/// recommended stories, a sidebar (footers and navigation not counted).
fn in_other_content(dom: &Dom, id: NodeId) -> bool {
    const OTHER: &[&str] = &[
        "comment",
        "related",
        "sidebar",
        "teaser",
        "recommend",
        "popular",
        "trending",
        "promo",
        "reply",
        "most-",
        "more-",
    ];
    dom.ancestors(id).take(40).any(|a| {
        dom.element(a).is_some_and(|e| {
            e.name == local_name!("aside")
                || any_ci(e.attr("class").unwrap_or(""), OTHER)
                || any_ci(e.attr("id").unwrap_or(""), OTHER)
        })
    })
}

/// Whether `id` sits in a comment, related-stories, sidebar or footer box.
fn in_boilerplate(scan: &Scan, id: NodeId) -> bool {
    scan.boiler.get(id as usize).copied().unwrap_or(false)
}

/// Text below `id`, whitespace collapsed, at most about `max` bytes.
fn short_text(dom: &Dom, id: NodeId, max: usize) -> String {
    let mut out = String::new();
    for n in dom.descendants(id) {
        if let Some(t) = dom.text_of_node(n) {
            crate::html::tree::push_collapsed(&mut out, t);
            if matches!(
                dom.element(n + 1).map(|e| &e.name),
                Some(&local_name!("br"))
            ) {
                out.push(' ');
            }
            if out.len() > max {
                break;
            }
        } else if let Some(el) = dom.element(n) {
            // Separate block-level pieces.
            if matches!(
                el.name,
                local_name!("div")
                    | local_name!("p")
                    | local_name!("li")
                    | local_name!("span")
                    | local_name!("br")
            ) && !out.ends_with(' ')
                && !out.is_empty()
            {
                out.push(' ');
            }
        }
    }
    trim_in_place(&mut out);
    out
}

fn clean_text(s: &str) -> Option<String> {
    // Blank text (the whitespace between elements) cleans to nothing.
    if s.trim().is_empty() {
        return None;
    }
    let mut out = String::new();
    crate::html::tree::push_collapsed(&mut out, s);
    trim_in_place(&mut out);
    (!out.is_empty()).then_some(out)
}

/// `s.trim()` without a second allocation.
fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    if start > 0 {
        s.drain(..start);
    }
}

/// A value for `itemprop`: content, datetime, href/src, else text.
fn itemprop_value(dom: &Dom, id: NodeId) -> Option<String> {
    let el = dom.element(id)?;
    let v = el
        .attr("content")
        .or_else(|| el.attr("datetime"))
        .map(str::to_string)
        .unwrap_or_else(|| short_text(dom, id, 300));
    clean_text(&v)
}

fn has_itemprop(dom: &Dom, id: NodeId, scan: &Scan, names: &[&str]) -> bool {
    let _ = dom;
    scan.itemprops.iter().any(|&(n, p)| {
        n == id
            && p.split_whitespace()
                .any(|w| names.iter().any(|x| w.eq_ignore_ascii_case(x)))
    })
}

/// Keys of `<meta>`s that state the publication date, most trusted first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "published_time",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "publicationdate",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc.date.published",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "date",
    "og:pubdate",
    "pub_date",
    "release_date",
    "date.release",
    "created",
];

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "datemodified",
    "modified_time",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
    "revised",
];

/// Everything the date decision looks at.
struct DateCtx<'d, 'a> {
    dom: &'d Dom,
    scan: &'d Scan<'a>,
    order: NumOrder,
    /// First headline node, to prefer datelines near it.
    h1: Option<NodeId>,
}

impl DateCtx<'_, '_> {
    /// Whether `id` sits in a boilerplate box that does not also hold the
    /// headline: a wrapper around the article whose class merely looks like
    /// a sidebar's ("layout--sidebar-right") does not count.
    fn boiler(&self, id: NodeId) -> bool {
        let scan = self.scan;
        if !in_boilerplate(scan, id) {
            return false;
        }
        let Some(h) = self.h1.filter(|&h| in_boilerplate(scan, h)) else {
            return true;
        };
        let mut x = Some(id);
        let mut steps = 0;
        while let Some(n) = x {
            if !in_boilerplate(scan, n) || steps > 200 {
                break;
            }
            let holds_headline = self.dom.descendants(n).contains(&h);
            if scan.boiler_own.get(n as usize).copied().unwrap_or(false) && !holds_headline {
                return true;
            }
            x = self.dom.parent(n);
            steps += 1;
        }
        false
    }
}

impl DateCtx<'_, '_> {
    fn parse(&self, s: &str) -> Option<Date> {
        dates::parse_machine(s, self.order)
    }

    /// The date of an `itemprop` element: its machine value, else its text,
    /// else its `title` (`<abbr itemprop=datePublished title="…">10:52</abbr>`).
    fn itemprop_date(&self, id: NodeId) -> Option<Date> {
        let el = self.dom.element(id)?;
        el.attr("content")
            .or_else(|| el.attr("datetime"))
            .and_then(|v| self.parse(v))
            .or_else(|| {
                let t = short_text(self.dom, id, 200);
                (!t.is_empty() && t.len() <= 250)
                    .then(|| self.parse(&t))
                    .flatten()
            })
            .or_else(|| el.attr("title").and_then(|v| self.parse(v)))
    }

    /// A `<time>` or date-classed element's date.
    fn element_date(&self, id: NodeId) -> Option<Date> {
        let el = self.dom.element(id)?;
        let text_date = || {
            let t = short_text(self.dom, id, 200);
            if t.is_empty() || t.len() > 250 {
                return None;
            }
            dates::find_date_short(&t, self.order)
        };
        // The machine value (own, or of a <time> inside), unless the text
        // shows a different full date: readers see the text.
        let mut machine = el
            .attr("datetime")
            .or_else(|| el.attr("content"))
            .and_then(|v| self.parse(v));
        if machine.is_none() {
            machine = self
                .dom
                .descendants(id)
                .skip(1)
                .take(50)
                .filter_map(|n| self.dom.element(n))
                .filter(|e| e.name == local_name!("time"))
                .find_map(|e| e.attr("datetime").and_then(|v| self.parse(v)));
        }
        match (machine, text_date()) {
            (Some(m), Some(t)) if m.day_key() != t.day_key() => Some(t),
            (Some(m), _) => Some(m),
            (None, t) => t.or_else(|| el.attr("title").and_then(|v| self.parse(v))),
        }
    }

    /// Candidates in document order, those at or after the headline first.
    fn ordered<'x>(&self, ids: &'x [NodeId]) -> impl Iterator<Item = NodeId> + 'x {
        let h1 = self.h1.unwrap_or(0);
        let after = ids.iter().copied().filter(move |&i| i >= h1);
        let before = ids.iter().rev().copied().filter(move |&i| i < h1);
        after.chain(before)
    }
}

/// `<meta>` keys that name a date without saying which: often the record's
/// creation in the CMS, days or weeks before the publication.
const WEAK_KEYS: &[&str] = &["date", "dc.date", "dcterms.date", "created"];

/// The declared publication date, and whether it comes from a key that
/// does not say which date it is ([`WEAK_KEYS`]).
fn pick_published(ctx: &DateCtx, ld: &jsonld::LdInfo) -> Option<(Date, bool)> {
    let scan = ctx.scan;
    let dom = ctx.dom;
    if ld.rank >= 2 {
        if let Some(d) = ld.published.as_deref().and_then(|v| ctx.parse(v)) {
            return Some((d, false));
        }
    }
    let mut weak = None;
    for k in PUBLISHED_KEYS {
        if let Some(vals) = scan.metas.get(*k) {
            if let Some(d) = vals.iter().find_map(|v| ctx.parse(v)) {
                if WEAK_KEYS.contains(k) {
                    weak = weak.or(Some(d));
                    continue;
                }
                return Some((d, false));
            }
        }
    }
    let published_props = || {
        scan.itemprops.iter().filter(|(_, p)| {
            p.split_whitespace().any(|w| {
                w.eq_ignore_ascii_case("datePublished") || w.eq_ignore_ascii_case("dateCreated")
            })
        })
    };
    for &(id, _) in published_props() {
        if !ctx.boiler(id) {
            if let Some(d) = ctx.itemprop_date(id) {
                return Some((d, false));
            }
        }
    }
    // Blog templates put the post's own timestamp in a "post-footer": a
    // marked date outside comment, related and sidebar boxes still counts.
    for &(id, _) in published_props().take(20) {
        if !in_other_content(dom, id) {
            if let Some(d) = ctx.itemprop_date(id) {
                return Some((d, false));
            }
        }
    }
    if let Some(d) = weak {
        return Some((d, true));
    }
    // <time pubdate> or a time marked as the publication.
    for id in ctx.ordered(&scan.times) {
        let Some(el) = dom.element(id) else { continue };
        let class = el.attr("class").unwrap_or("");
        let marked = el.attr("pubdate").is_some()
            || any_ci(class, &["publish", "created", "posted", "pubdate"]);
        if marked && !ctx.boiler(id) {
            if let Some(d) = ctx.element_date(id) {
                return Some((d, false));
            }
        }
    }
    ld.published
        .as_deref()
        .and_then(|v| ctx.parse(v))
        .map(|d| (d, false))
}

/// The first date shown near the headline: `<time>` elements and date
/// lines outside boilerplate, skipping "Updated" lines; and apart, the
/// first of those update lines.
fn visible_date(ctx: &DateCtx) -> (Option<Date>, Option<Date>) {
    let (dom, scan) = (ctx.dom, ctx.scan);
    let mut visible: Vec<NodeId> = scan.times.clone();
    visible.extend(scan.date_els.iter().copied());
    visible.sort_unstable();
    visible.dedup();
    let mut update = None;
    for id in ctx.ordered(&visible).take(60) {
        if ctx.boiler(id) {
            continue;
        }
        if is_modified_line(dom, id) {
            if update.is_none() {
                update = ctx.element_date(id);
            }
            continue;
        }
        if let Some(d) = ctx.element_date(id) {
            return (Some(d), update);
        }
    }
    (None, update)
}

/// Whether `id` or its parent is marked `itemprop="dateModified"`.
fn modified_prop(dom: &Dom, id: NodeId) -> bool {
    let marked = |n: NodeId| {
        dom.element(n)
            .and_then(|e| e.attr("itemprop"))
            .is_some_and(|p| {
                p.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("dateModified"))
            })
    };
    marked(id) || dom.parent(id).is_some_and(marked)
}

/// Words that label a date as an update rather than the publication.
const UPDATE_WORDS: &[&str] = &[
    "updated",
    "update:",
    "last update",
    "aktualisiert",
    "letzte änderung",
    // The label automaton folds ASCII case only.
    "letzte Änderung",
    "zuletzt",
    "mis à jour",
    "actualizado",
    "actualización",
    "modifié",
    "modified",
    "geändert",
    "aggiornato",
    "bijgewerkt",
];

/// Whether the end of `before` (the words just before a date) labels it
/// as an update.
fn labels_update(before: &str) -> bool {
    dates::tail_names_any(before, UPDATE_WORDS)
}

/// The date shown next to the headline: in the text pieces right after the
/// headline element (a dateline, a byline with a date) or right before it
/// (a kicker line), the nearest one; and apart, the nearest date labelled
/// as an update. Boilerplate boxes are not read unless the headline sits in
/// one too (a wrapper whose class merely looks like a sidebar's).
fn headline_date(ctx: &DateCtx, headline: NodeId) -> (Option<Date>, Option<Date>) {
    const AFTER_BYTES: usize = 500;
    const BEFORE_BYTES: usize = 160;
    let dom = ctx.dom;
    let end = dom
        .subtree_end
        .get(headline as usize)
        .copied()
        .unwrap_or(headline);
    // The cleaned text of a text node outside boilerplate boxes.
    let piece_at = |id: NodeId| {
        let t = dom.text_of_node(id)?;
        if ctx.boiler(id) {
            return None;
        }
        clean_text(t)
    };
    // (distance from the headline in bytes, date)
    let mut best: Option<(usize, Date)> = None;
    let mut update: Option<Date> = None;
    let mut prev = String::new();
    let mut dist = 0usize;
    let last = (end as usize).saturating_add(600).min(dom.nodes.len());
    for n in end as usize..last {
        let id = n as NodeId;
        let Some(piece) = piece_at(id) else { continue };
        if piece.len() <= 120 {
            if let Some(d) = dates::find_date_short(&piece, ctx.order) {
                let digits = piece.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                // The label is what stands between the previous date (if
                // any) and this one.
                let prev_tail = prev
                    .rfind(|c: char| c.is_ascii_digit())
                    .and_then(|i| prev.get(i + 1..))
                    .unwrap_or(&prev);
                let label = format!("{prev_tail} {}", piece.get(..digits).unwrap_or(""));
                let member = dates::labels_membership(&label);
                if !member && !labels_update(&label) && !modified_prop(dom, id) {
                    best = Some((dist, d));
                    break;
                }
                update = update.or((!member).then_some(d));
            }
        }
        dist += piece.len() + 1;
        if dist > AFTER_BYTES {
            break;
        }
        prev = piece;
    }
    // Before the headline, nearest first.
    let mut dist = 0usize;
    let first = (headline as usize).saturating_sub(200);
    for n in (first..headline as usize).rev() {
        let id = n as NodeId;
        if best.is_some_and(|(d, _)| dist >= d) || dist > BEFORE_BYTES {
            break;
        }
        let Some(piece) = piece_at(id) else {
            // Boilerplate text (a menu) still stands between.
            dist += dom.text_of_node(id).map_or(0, |t| t.trim().len());
            continue;
        };
        if piece.len() <= 80 {
            if let Some(d) = dates::find_date_short(&piece, ctx.order) {
                let digits = piece.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                if !labels_update(piece.get(..digits).unwrap_or("")) {
                    best = Some((dist, d));
                    break;
                }
            }
        }
        dist += piece.len() + 1;
    }
    (best.map(|(_, d)| d), update)
}

/// Chooses between the declared publication date and the date the page
/// shows: the shown one wins when it is the declared update day (the page
/// presents itself as of that day) or when the declared value is in UTC
/// and one day off (the shown day is the local one).
fn reconcile(declared: Option<Date>, shown: Option<Date>, modified: Option<Date>) -> Option<Date> {
    match (declared, shown) {
        (Some(p), Some(v)) if p.day_key() != v.day_key() => {
            let shows_update = modified.is_some_and(|m| m.day_key() == v.day_key());
            // A local day before the UTC day needs an early UTC hour (zones
            // west of UTC), a day after it a late one (zones east of it).
            let diff = dates::day_number(&v) - dates::day_number(&p);
            let utc_shift = match p.time {
                Some(t) if t.offset == Some(0) => {
                    (diff == -1 && t.hour < 12) || (diff == 1 && t.hour >= 10)
                }
                _ => false,
            };
            if shows_update || utc_shift {
                Some(v)
            } else {
                Some(p)
            }
        }
        (p, v) => p.or(v),
    }
}

/// Whether an element says it is an update time ("Updated", "modified").
fn is_modified_line(dom: &Dom, id: NodeId) -> bool {
    const WORDS: &[&str] = &[
        "updated",
        "update:",
        "aktualisiert",
        "mis à jour",
        "actualizado",
        "actualización",
        "modifié",
        "modified",
        "geändert",
        "aggiornato",
        "bijgewerkt",
    ];
    let Some(el) = dom.element(id) else {
        return false;
    };
    if any_ci(el.attr("class").unwrap_or(""), &["update", "modif"]) || modified_prop(dom, id) {
        return true;
    }
    let own = short_text(dom, id, 60).to_lowercase();
    if WORDS
        .iter()
        .any(|w| own.contains(w) && own.find(w) < own.find(|c: char| c.is_ascii_digit()))
    {
        return true;
    }
    // A label just before the date in the enclosing line ("Updated: <time>").
    let Some(parent) = dom.parent(id) else {
        return false;
    };
    if any_ci(
        dom.element(parent)
            .and_then(|e| e.attr("class"))
            .unwrap_or(""),
        &["update", "modif"],
    ) {
        return true;
    }
    let line = short_text(dom, parent, 160).to_lowercase();
    let before = match line.find(own.as_str()) {
        Some(i) if !own.is_empty() => line.get(..i).unwrap_or(""),
        _ => return false,
    };
    let tail_start = before
        .char_indices()
        .rev()
        .nth(24)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let tail = before.get(tail_start..).unwrap_or("");
    WORDS.iter().any(|w| tail.contains(w))
}

fn pick_modified(ctx: &DateCtx, ld: &jsonld::LdInfo) -> Option<Date> {
    if let Some(d) = ld.modified.as_deref().and_then(|v| ctx.parse(v)) {
        return Some(d);
    }
    for k in MODIFIED_KEYS {
        if let Some(d) = ctx.scan.meta(k).and_then(|v| ctx.parse(v)) {
            return Some(d);
        }
    }
    for &(id, p) in &ctx.scan.itemprops {
        if p.eq_ignore_ascii_case("dateModified") {
            if let Some(d) = ctx.itemprop_date(id) {
                return Some(d);
            }
        }
    }
    None
}

/// Resolves a possibly relative URL against the page's address.
fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(h) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{h}"));
    }
    if href.starts_with('/') {
        let host = rest.split('/').next()?;
        return Some(format!("{scheme}://{host}{href}"));
    }
    None
}

fn non_url(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty() && !t.starts_with("http") && !t.starts_with("www.") && !t.starts_with('@'))
        .then(|| t.to_string())
}

/// Fills `doc`'s metadata fields from the tree. `page_url` is the address the
/// caller gave, used when the page declares no canonical one.
pub fn fill(dom: &Dom, doc: &mut Document, page_url: Option<&str>) {
    let scan = Scan::run(dom);
    let ld = jsonld::read(&dom.json_ld);
    let article_ld = ld.rank >= 2;

    // URL.
    let url = scan
        .canonical
        .and_then(|c| absolute(c, page_url))
        .or_else(|| scan.meta("og:url").and_then(|c| absolute(c, page_url)))
        .or_else(|| page_url.map(str::to_string));
    doc.url = url.clone().or_else(|| doc.url.take());

    // Site name and publisher.
    let site_name = scan
        .meta("og:site_name")
        .and_then(clean_text)
        .map(|s| drop_tagline(&s, &[ld.website.as_deref(), ld.publisher.as_deref()]))
        .or_else(|| ld.website.clone())
        .or_else(|| ld.publisher.clone())
        .or_else(|| {
            scan.first_meta(&[
                "application-name",
                "al:ios:app_name",
                "twitter:app:name:iphone",
            ])
            .and_then(clean_text)
        });
    doc.site_name = site_name.clone();
    doc.publisher = ld.publisher.clone().or_else(|| {
        scan.first_meta(&[
            "publisher",
            "dc.publisher",
            "dcterms.publisher",
            "article:publisher",
        ])
        .and_then(non_url)
    });

    // Headings: visible h1s outside boilerplate.
    let headings: Vec<(NodeId, String)> = scan
        .h1s
        .iter()
        .filter(|&&id| !in_boilerplate(&scan, id))
        .map(|&id| (id, short_text(dom, id, 400)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let heading_texts: Vec<String> = headings.iter().map(|(_, t)| t.clone()).collect();

    // Description.
    doc.description = ld
        .description
        .clone()
        .filter(|_| article_ld)
        .or_else(|| {
            scan.first_meta(&[
                "og:description",
                "description",
                "twitter:description",
                "dc.description",
                "dcterms.description",
            ])
            .map(str::to_string)
        })
        .and_then(|d| clean_text(&d));

    // Language (needed for numeric date order).
    let declared_lang = scan
        .html_lang
        .and_then(lang::primary)
        .or_else(|| {
            scan.first_meta(&["content-language", "dc.language", "language", "og:locale"])
                .and_then(lang::primary)
        })
        .or_else(|| ld.language.as_deref().and_then(lang::primary));
    let full_tag = scan.html_lang.unwrap_or("").to_ascii_lowercase();
    doc.language = lang::decide(declared_lang, &doc.text);

    // Dates.
    let page_title_raw = dom.title.as_deref().and_then(clean_text);
    let us = doc.language.as_deref() == Some("en")
        && ![
            "en-gb", "en-au", "en-nz", "en-ie", "en-in", "en-za", "en_gb",
        ]
        .iter()
        .any(|t| full_tag.starts_with(t));
    // The headline element: the h1 (else h2) that shares the most words
    // with the page title, boilerplate-looking wrappers or not.
    let headline = page_title_raw.as_deref().and_then(|t| {
        let mut best: Option<(usize, NodeId)> = None;
        let (tw, t_squashed) = (squashed_words(t), title::squash(t));
        let mut word = String::new();
        for &id in scan.h1s.iter().chain(scan.h2s.iter()) {
            let h = short_text(dom, id, 400);
            // One shared word is chance ("Medef" in "Medef Newsletter")
            // unless the title has just that word.
            let shared = shared_in(&h, &tw, &mut word);
            let enough = shared >= 2 || (shared == 1 && title::squash(&h) == t_squashed);
            if enough && shared > best.map_or(0, |b| b.0) {
                best = Some((shared, id));
            }
        }
        best.map(|b| b.1)
    });
    // Without a title-like heading: the first h1, else (pages that style
    // their headline as an h2) the first h2 that reads like one.
    let headline = headline
        .or(headings.first().map(|(id, _)| *id))
        .or_else(|| {
            scan.h2s.iter().copied().find(|&id| {
                !in_boilerplate(&scan, id)
                    && short_text(dom, id, 200).split_whitespace().count() >= 3
            })
        });
    let ctx = DateCtx {
        dom,
        scan: &scan,
        order: if us {
            NumOrder::MonthFirst
        } else {
            NumOrder::DayFirst
        },
        h1: headline,
    };
    let (near, near_update) = headline.map(|h| headline_date(&ctx, h)).unwrap_or_default();
    let (vis, vis_update) = visible_date(&ctx);
    // The same day in a machine value carries the time too.
    let shown = match (near, vis) {
        (Some(n), Some(v)) if n.day_key() == v.day_key() => Some(v),
        (n, v) => n.or(v),
    };
    let modified = pick_modified(&ctx, &ld);
    // A date under a key that does not say which date it is gives way to a
    // later date the page shows within three months (the CMS record was
    // made before the publication).
    let declared = match (pick_published(&ctx, &ld), shown) {
        (Some((d, true)), Some(s))
            if (1..=92).contains(&(dates::day_number(&s) - dates::day_number(&d))) =>
        {
            Some(s)
        }
        (d, _) => d.map(|(d, _)| d),
    };
    // Two visible signs (the dateline at the headline and the first dated
    // element) that agree beat a declared day less than a month away.
    let declared = match (declared, near) {
        (Some(d), Some(n))
            if vis.is_some_and(|v| v.day_key() == n.day_key())
                && n.day_key() != d.day_key()
                && (dates::day_number(&n) - dates::day_number(&d)).abs() <= 30 =>
        {
            Some(n)
        }
        (d, _) => d,
    };
    let url_day = [scan.canonical, scan.meta("og:url"), page_url]
        .into_iter()
        .flatten()
        .find_map(dates::from_url);
    let update_shown = dates::shown_update(&dates::Shown {
        declared,
        url: url_day,
        near,
        near_update,
        first: vis,
        first_update: vis_update,
    });
    let published = update_shown
        .or_else(|| reconcile(declared.or(shown), shown, modified))
        .or(url_day)
        .or_else(|| scripts::published(&dom.scripts))
        // A date the text labels as the publication beats the update time.
        .or_else(|| modified.and_then(|_| labelled_date(&dom.text, ctx.order, false)))
        .or(modified)
        .or(near_update)
        .or(vis_update)
        .or_else(|| {
            // Upload folders of the page's own images are dated.
            scan.first_meta(&["og:image", "twitter:image", "og:image:url"])
                .or(scan.image_src)
                .and_then(dates::from_url)
        })
        .or_else(|| text_date(dom, doc, ctx.order));
    doc.published = published.map(|d| d.to_iso());
    doc.modified = modified
        .filter(|m| published.is_none_or(|p| m.day_key() >= p.day_key()))
        .map(|d| d.to_iso());

    // Authors.
    doc.authors = pick_authors(dom, &scan, &ld, &ctx, site_name.as_deref());

    // Title.
    let mut sites: Vec<String> = Vec::new();
    sites.extend(site_name.iter().cloned());
    sites.extend(ld.publisher.iter().cloned());
    sites.extend(ld.website.iter().cloned());
    if let Some(label) = url.as_deref().and_then(title::host_label) {
        sites.push(label);
    }
    // Author names trail some titles ("Headline | Jane Doe").
    sites.extend(doc.authors.iter().cloned());
    let page_title = dom.title.as_deref().and_then(clean_text);
    // JSON-LD's headline, or its name when that is what the page shows.
    let ld_title = if article_ld {
        match (&ld.headline, &ld.name) {
            (Some(h), Some(n)) if h != n => {
                let shown = page_title
                    .clone()
                    .or_else(|| heading_texts.first().cloned())
                    .unwrap_or_default();
                if agrees(n, &shown) && !agrees(h, &shown) {
                    Some(n.clone())
                } else {
                    Some(h.clone())
                }
            }
            (Some(h), _) => Some(h.clone()),
            (None, n) => n.clone().filter(|_| ld.rank >= 3),
        }
    } else {
        None
    };
    let declared = [
        ld_title.and_then(|t| clean_text(&t)),
        scan.first_meta(&["dc.title", "dcterms.title"])
            .and_then(clean_text),
        scan.meta("og:title").and_then(clean_text),
        scan.meta("twitter:title").and_then(clean_text),
        scan.first_meta(&["title", "parsely-title", "sailthru.title"])
            .and_then(clean_text),
    ]
    .into_iter()
    .flatten()
    .find(|t| !t.is_empty());
    doc.title = match (declared, page_title) {
        (Some(t), _) => Some(title::clean(&t, &sites, &heading_texts)),
        (None, Some(t)) => {
            // The visible headline when the <title> is a shortened,
            // site-suffixed form of it.
            let best = title::first_piece(&t).and_then(|first| {
                heading_texts.iter().find(|h| {
                    first.len() >= 3 && title::squash(h).contains(&first) && agrees(h, &t)
                })
            });
            Some(match best {
                Some(h) => h.clone(),
                None => title::clean(&t, &sites, &heading_texts),
            })
        }
        (None, None) => heading_texts.first().cloned(),
    }
    .filter(|t| !t.is_empty());

    // Image, section, tags.
    doc.image = scan
        .first_meta(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
        ])
        .map(str::to_string)
        .or_else(|| ld.image.clone())
        .or_else(|| scan.image_src.map(str::to_string))
        .and_then(|i| absolute(&i, url.as_deref()).or(Some(i)))
        .filter(|i| !i.trim().is_empty());
    doc.section = scan
        .first_meta(&[
            "article:section",
            "og:article:section",
            "parsely-section",
            "section",
            "sailthru.section",
        ])
        .and_then(clean_text)
        .or_else(|| ld.section.clone().filter(|_| article_ld));
    let mut tags: Vec<String> = Vec::new();
    if let Some(v) = scan.metas.get("article:tag") {
        tags.extend(v.iter().filter_map(|t| clean_text(t)));
    }
    if tags.is_empty() && article_ld {
        tags.extend(ld.keywords.iter().cloned());
    }
    if tags.is_empty() {
        if let Some(k) = scan.first_meta(&["news_keywords", "parsely-tags", "sailthru.tags"]) {
            tags.extend(k.split(',').filter_map(clean_text));
        }
    }
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| t.chars().count() <= 60 && seen.insert(t.to_lowercase()));
    tags.truncate(30);
    doc.tags = tags;
}

/// "Daily Planet - News you can use" -> "Daily Planet" when another
/// declaration names the site by the first piece alone.
fn drop_tagline(site: &str, others: &[Option<&str>]) -> String {
    for sep in [" - ", " | ", " – ", " — ", ": "] {
        if let Some((first, _)) = site.split_once(sep) {
            let f = title::squash(first);
            if !f.is_empty() && others.iter().flatten().any(|o| title::squash(o) == f) {
                return first.trim().to_string();
            }
        }
    }
    site.to_string()
}

/// A text's words, squashed ([`title::squash`]), empty ones dropped.
fn squashed_words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(title::squash)
        .filter(|w| !w.is_empty())
        .collect()
}

/// How many of a heading's words, squashed, the page title's (`tw`) has,
/// when the two tell the same headline: most of the heading's (at most 40)
/// words are in the title; 0 otherwise. `word` is a reused buffer.
fn shared_in(heading: &str, tw: &[String], word: &mut String) -> usize {
    let (mut words, mut shared) = (0usize, 0usize);
    for w in heading.split_whitespace() {
        word.clear();
        title::squash_into(w, word);
        if word.is_empty() {
            continue;
        }
        words += 1;
        if words > 40 {
            return 0;
        }
        shared += usize::from(tw.iter().any(|t| t == word));
    }
    if words > 0 && shared * 2 >= words {
        shared
    } else {
        0
    }
}

/// How many of a heading's words the page title has, when the two tell
/// the same headline ([`agrees`]); 0 otherwise.
fn shared_words(heading: &str, page_title: &str) -> usize {
    shared_in(heading, &squashed_words(page_title), &mut String::new())
}

/// Whether a heading and the page title tell the same headline: most of the
/// heading's words are in the title.
fn agrees(heading: &str, page_title: &str) -> bool {
    shared_words(heading, page_title) > 0
}

/// Words that introduce the page's own date in its text ("Erstellt am:
/// 01.11.2023", "Published: May 2, 2021").
const DATE_LABELS: &[&str] = &[
    "published",
    "posted on",
    "veröffentlicht",
    "erstellt am",
    "erschienen am",
    "publié le",
    "publicado",
    "pubblicato",
    "gepubliceerd",
];

/// One automaton for [`DATE_LABELS`] then [`UPDATE_WORDS`], ASCII case
/// ignored.
fn label_automaton() -> Option<&'static aho_corasick::AhoCorasick> {
    static AC: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(DATE_LABELS.iter().chain(UPDATE_WORDS.iter()))
            .ok()
    })
    .as_ref()
}

/// The first date in `text` that closely follows a publication label, else
/// (with `updates`) the first that follows an update label.
fn labelled_date(text: &str, order: NumOrder, updates: bool) -> Option<Date> {
    let ac = label_automaton()?;
    let mut update = None;
    for m in ac.find_iter(text).take(200) {
        let is_update = m.pattern().as_usize() >= DATE_LABELS.len();
        if is_update && (update.is_some() || !updates) {
            continue;
        }
        let rest = text.get(m.end()..).unwrap_or("");
        let end = rest.char_indices().nth(60).map_or(rest.len(), |(i, _)| i);
        let after = rest.get(..end).unwrap_or("");
        let near = after
            .find(|c: char| c.is_ascii_digit())
            .is_some_and(|i| i <= 25);
        let Some(d) = near.then(|| dates::find_date_short(after, order)).flatten() else {
            continue;
        };
        if !is_update {
            return Some(d);
        }
        update = Some(d);
    }
    update
}

/// The last resort: a date the page's text labels as its publication (else
/// as its update), then the first date in the article body's opening, then
/// in the page's text.
fn text_date(dom: &Dom, doc: &Document, order: NumOrder) -> Option<Date> {
    fn head(s: &str, n: usize) -> &str {
        let cut = s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len());
        s.get(..cut).unwrap_or(s)
    }
    // Labels are found by one automaton pass; the unlabelled search
    // tokenizes, so it reads less of the page.
    let page = head(&dom.text, 60_000);
    labelled_date(page, order, true)
        .or_else(|| dates::find_date_with(head(&doc.text, 1_500), order))
        .or_else(|| dates::find_date_with(head(page, 30_000), order))
}

/// Whether a text holds a counter in parentheses ("Views (2345)",
/// "Comments(42)"): an author box's statistics, not a byline.
fn has_counter(t: &str) -> bool {
    t.split('(').skip(1).any(|rest| {
        rest.split_once(')').is_some_and(|(inside, _)| {
            let inside = inside.trim();
            !inside.is_empty()
                && inside
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        })
    })
}

/// A short declared credit as an organisation: a few words, no digits, no
/// address, not a role ("Staff", "Admin").
fn declared_org(v: &str) -> Option<authors::Name> {
    let t = clean_text(v)?;
    let words = t.split_whitespace().count();
    let odd = t
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '@' | '/' | ':' | '<' | '>' | '=' | '?'));
    let role = authors::has_role_word(&t);
    (words <= 4 && t.chars().count() <= 40 && !odd && !role).then_some(authors::Name {
        text: t,
        person: false,
    })
}

fn pick_authors(
    dom: &Dom,
    scan: &Scan,
    ld: &jsonld::LdInfo,
    ctx: &DateCtx,
    site: Option<&str>,
) -> Vec<String> {
    let site_sq = site.map(title::squash).unwrap_or_default();
    let mut orgs: Vec<String> = Vec::new();
    let take = |names: Vec<authors::Name>, orgs: &mut Vec<String>| -> Vec<String> {
        let mut persons = Vec::new();
        for n in names {
            let is_site = !site_sq.is_empty() && title::squash(&n.text) == site_sq;
            if n.person && !is_site {
                if !persons.contains(&n.text) {
                    persons.push(n.text);
                }
            } else if orgs.len() < 3 && !orgs.contains(&n.text) {
                orgs.push(n.text);
            }
        }
        persons
    };
    // JSON-LD.
    let mut ld_names = Vec::new();
    for (name, person) in &ld.authors {
        let parsed = authors::parse_byline(name);
        if *person && !parsed.is_empty() {
            ld_names.extend(parsed);
        } else if let Some(n) = clean_text(name).filter(|n| !*person || authors::looks_like_org(n))
        {
            ld_names.push(authors::Name {
                text: n,
                person: false,
            });
        }
    }
    let p = take(ld_names, &mut orgs);
    if !p.is_empty() {
        return p;
    }
    // Meta tags.
    for k in [
        "dc.creator",
        "author",
        "article:author",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "byl",
        "citation_author",
        "og:article:author",
    ] {
        if let Some(vals) = scan.metas.get(k) {
            let mut names = Vec::new();
            for v in vals.iter().take(10) {
                if v.starts_with("http") {
                    continue;
                }
                let parsed = authors::parse_byline(v);
                // A blog credited to itself ("Steven's Home (steven)"
                // on the site "Steven's Home") keeps its credit as declared.
                let names_site =
                    !site_sq.is_empty() && parsed.iter().any(|n| title::squash(&n.text) == site_sq);
                if parsed.is_empty() || names_site {
                    // A declared credit that names no person ("Mac & i"):
                    // kept as an organisation, used when nobody is named.
                    if let Some(org) = declared_org(v) {
                        names.push(org);
                    }
                }
                if !names_site {
                    names.extend(parsed);
                }
            }
            let p = take(names, &mut orgs);
            if !p.is_empty() {
                return p;
            }
        }
    }
    // Microdata: itemprop=author (its itemprop=name when it has one).
    let mut names = Vec::new();
    for &(id, p) in &scan.itemprops {
        if !p
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("author") || w.eq_ignore_ascii_case("creator"))
            || in_boilerplate(scan, id)
        {
            continue;
        }
        let inner = scan
            .itemprops
            .iter()
            .find(|&&(n, q)| {
                n > id && dom.descendants(id).contains(&n) && q.eq_ignore_ascii_case("name")
            })
            .map(|&(n, _)| n);
        let v = match inner {
            Some(n) => itemprop_value(dom, n),
            None => itemprop_value(dom, id),
        };
        if let Some(v) = v {
            names.extend(authors::parse_byline(&v));
        }
        if names.len() >= 10 {
            break;
        }
    }
    let p = take(names, &mut orgs);
    if !p.is_empty() {
        return p;
    }
    // Visible bylines, nearest the headline first; the first that names
    // someone wins (with the names in its nested elements).
    for id in ctx.ordered(&scan.bylines).take(40) {
        if in_boilerplate(scan, id) || has_itemprop(dom, id, scan, &["author"]) {
            continue;
        }
        let Some(el) = dom.element(id) else { continue };
        let class = el.attr("class").unwrap_or("");
        if any_ci(class, &["bio", "avatar", "image", "photo", "img"]) {
            continue;
        }
        let t = short_text(dom, id, 200);
        if t.is_empty() || t.chars().count() > 150 || has_counter(&t) {
            continue;
        }
        let p = take(authors::parse_byline(&t), &mut orgs);
        if !p.is_empty() {
            return p;
        }
    }
    orgs.truncate(1);
    orgs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Document {
        let dom = crate::html::parse(html);
        let mut doc = Document::default();
        fill(&dom, &mut doc, None);
        doc
    }

    #[test]
    fn broken_json_ld_falls_back_to_opengraph() {
        let doc = run(
            r#"<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
            <meta property="og:title" content="OG headline"><meta property="article:published_time" content="2021-05-06T07:08:09+02:00">
            </head><body><h1>Visible</h1></body></html>"#,
        );
        assert_eq!(doc.title.as_deref(), Some("OG headline"));
        assert_eq!(doc.published.as_deref(), Some("2021-05-06T07:08:09+02:00"));
    }

    #[test]
    fn ten_thousand_meta_tags() {
        let mut html = String::from("<html><head>");
        for i in 0..10_000 {
            html.push_str(&format!("<meta name=\"k{i}\" content=\"v{i}\">"));
        }
        html.push_str(
            "<meta name=\"author\" content=\"Jane Doe\"></head><body><p>x</p></body></html>",
        );
        let start = std::time::Instant::now();
        let doc = run(&html);
        assert!(start.elapsed().as_secs() < 5);
        // Past the cap, later metas are ignored rather than slowing things down.
        assert!(doc.authors.is_empty() || doc.authors == vec!["Jane Doe".to_string()]);
    }

    #[test]
    fn nonsense_dates_are_not_reported() {
        let doc = run(
            r#"<head><meta property="article:published_time" content="0000-00-00"><meta name="date" content="32/13/2022">
            <meta name="dc.date" content="2999-05-05"></head><body><p>Nothing dated here.</p></body>"#,
        );
        assert_eq!(doc.published, None);
    }

    #[test]
    fn zone_abbreviation_in_a_dateline() {
        let doc = run(
            r#"<body><h1>Headline here</h1><p class="dateline">March 11, 2015 3:46 PM EST</p><p>Body.</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2015-03-11T15:46:00-05:00"));
    }

    #[test]
    fn relative_canonical_is_resolved() {
        let dom = crate::html::parse(
            r#"<head><link rel="canonical" href="/2020/01/02/story"></head><body><p>x</p></body>"#,
        );
        let mut doc = Document::default();
        fill(&dom, &mut doc, Some("https://example.org/amp/story"));
        assert_eq!(
            doc.url.as_deref(),
            Some("https://example.org/2020/01/02/story")
        );
        assert_eq!(doc.published.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn site_tagline_dropped_only_when_confirmed() {
        assert_eq!(
            drop_tagline("Daily Planet - News you can use", &[Some("Daily Planet")]),
            "Daily Planet"
        );
        assert_eq!(
            drop_tagline("Daily Planet - News you can use", &[None]),
            "Daily Planet - News you can use"
        );
    }

    #[test]
    fn dateline_under_the_headline_beats_sidebar_dates() {
        // The wrapper's class looks like a sidebar's; the teaser box's date
        // comes first in the page; the short-year dateline is the article's.
        let doc = run(
            r#"<head><title>Harbour ferry returns - Courier</title></head><body>
            <div class="teaser"><span class="date">01.02.2021</span></div>
            <div class="page with-sidebar-right"><article>
            <h1>Harbour ferry returns</h1><p class="meta-line">Anna Berg, 8.5.22</p>
            <p>The ferry is back after two years.</p></article></div></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2022-05-08"));
    }

    #[test]
    fn kicker_date_before_the_headline() {
        let doc = run(
            r#"<head><title>Costumes for the last minute</title></head><body>
            <div class="kicker">Party, 30.10.23</div><h1>Costumes for the last minute</h1>
            <p>Five ideas for tonight, with things you already have at home.</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2023-10-30"));
    }

    #[test]
    fn update_label_at_the_headline_is_a_last_resort() {
        let doc = run(
            r#"<head><title>Streaming pays stars badly</title></head><body>
            <h1>Streaming pays stars badly</h1><p>Von Jana Roth - Aktualisiert am 28.01.2020 - 15:49</p>
            <p>Musicians ask for a new model of payment.</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2020-01-28T15:49:00"));
        // With a shown publication date, the update line is not taken.
        let doc = run(
            r#"<head><title>Streaming pays stars badly</title></head><body>
            <h1>Streaming pays stars badly</h1><p>Updated: 28.01.2020</p><p>Published: 20.01.2020</p>
            <p>Musicians ask for a new model of payment.</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2020-01-20"));
    }

    #[test]
    fn two_visible_dates_beat_a_close_declared_one() {
        let page = |declared: &str| {
            run(&format!(
                r#"<head><title>Snow sports and wildlife</title>
                <meta property="article:published_time" content="{declared}"></head><body>
                <h1>Snow sports and wildlife</h1><p><time datetime="2022-01-25">25.01.2022</time></p>
                <p>Keep to the marked trails in winter.</p></body>"#
            ))
        };
        assert_eq!(page("2022-01-15").published.as_deref(), Some("2022-01-25"));
        // Far apart: the declaration stands.
        assert_eq!(page("2021-06-01").published.as_deref(), Some("2021-06-01"));
    }

    #[test]
    fn headline_is_the_heading_closest_to_the_title() {
        assert_eq!(shared_words("Zoll", "Zoll online - Tax law announced"), 1);
        assert_eq!(
            shared_words("Tax law announced", "Zoll online - Tax law announced"),
            3
        );
        assert_eq!(shared_words("Weather", "Tax law announced"), 0);
        let doc = run(
            r#"<head><title>Site - Tax law announced</title></head><body>
            <h1>Site</h1><div class="related"><span class="date">17.08.2021</span></div>
            <h1>Tax law announced</h1><div>Datum: 18.10.2021</div><p>The law was published.</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2021-10-18"));
    }

    #[test]
    fn declared_organisation_credit() {
        assert_eq!(
            declared_org("Mac & i").map(|n| n.text).as_deref(),
            Some("Mac & i")
        );
        assert!(declared_org("Staff").is_none());
        assert!(declared_org("https://example.org/about").is_none());
        assert!(declared_org("one two three four five six").is_none());
        let doc = run(
            r#"<head><meta name="DC.creator" content="Mac &amp; i"></head><body><h1>x</h1></body>"#,
        );
        assert_eq!(doc.authors, vec!["Mac & i".to_string()]);
    }

    #[test]
    fn date_only_in_a_script_object() {
        let doc = run(
            r#"<head><title>Stars want a new model</title><script>var layer = {"last-updated":"2020-01-28 15:49","first-publication":"2020-01-28 15:28"};</script></head>
            <body><h1>Stars want a new model</h1><p>Musicians ask for a new model of payment.</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2020-01-28T15:28:00"));
        // A declared date is not overridden by a script's.
        let doc = run(
            r#"<head><meta property="article:published_time" content="2020-01-27"><script>x = {"pubDate":"2020-01-28"}</script></head>
            <body><h1>Headline</h1></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2020-01-27"));
    }

    #[test]
    fn itemprop_date_in_a_title_and_in_a_post_footer() {
        let doc = run(
            r#"<head><title>Review: a novel</title></head><body><div class="widget Blog"><div class="post">
            <h3 class="post-title">Review: a novel</h3><p>Long text about the novel and what it does.</p>
            <div class="post-footer"><abbr class="published" itemprop="datePublished" title="2017-09-09T10:52:00+02:00">10:52</abbr></div>
            </div></div><div class="comments"><span itemprop="datePublished">2017-09-12</span></div></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2017-09-09T10:52:00+02:00"));
    }

    #[test]
    fn a_date_marked_modified_is_not_the_shown_publication() {
        let doc = run(
            r#"<head><title>Template changes</title></head><body><h1>Template changes</h1>
            <time itemprop="dateModified" class="hidden">2018-08-29 14:15:57</time>
            <time itemprop="datePublished" datetime="2018-06-22 10:20:00" class="hidden">2018-06-22 10:20:00</time>
            <span>22.06.2018 10:20</span><p>What changed in the templates.</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2018-06-22T10:20:00"));
        assert_eq!(doc.modified.as_deref(), Some("2018-08-29T14:15:57"));
    }

    #[test]
    fn an_unqualified_meta_date_gives_way_to_a_later_shown_one() {
        let page = |meta: &str| {
            run(&format!(
                r#"<head><meta name="date" content="{meta}"></head><body>
                <h2>Post your birthday photos</h2><span class="date">27.01.2022</span>
                <p>The grape turns 587 this year.</p></body>"#
            ))
        };
        assert_eq!(
            page("2021-12-20T11:02:44+01:00").published.as_deref(),
            Some("2022-01-27")
        );
        // A shown date before the declared one, or far after it, does not.
        assert_eq!(page("2022-03-15").published.as_deref(), Some("2022-03-15"));
        assert_eq!(page("2021-06-01").published.as_deref(), Some("2021-06-01"));
    }

    #[test]
    fn labelled_date_in_the_text_beats_a_date_in_prose() {
        let doc = run(
            r#"<body><p>Since 4 August 2014 a new law is in force.</p><p>More text here.</p>
            <p class="x">Aktualisiert: 30.12.2016</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2016-12-30"));
        let doc = run(r#"<body><p>Since 4 August 2014 a new law is in force.</p>
            <p>Erstellt am: 01.11.2023</p><p>Letzte Änderung: 02.11.2023</p></body>"#);
        assert_eq!(doc.published.as_deref(), Some("2023-11-01"));
        assert_eq!(
            labelled_date("no label 2020-01-01", NumOrder::DayFirst, true),
            None
        );
        assert_eq!(
            labelled_date(
                "Published in a journal that was founded on 3 May 1999",
                NumOrder::DayFirst,
                true
            ),
            None
        );
    }

    #[test]
    fn h2_headline_dateline_when_there_is_no_h1() {
        let doc = run(
            r#"<head><title>carta</title></head><body><div class="posttitle"><h2>The new trend in coalitions</h2></div>
            <p>von <a rel="author" href="/a">Klaus Peter</a>, 8.5.12</p><p>The state election gives a foretaste.</p></body>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2012-05-08"));
    }

    #[test]
    fn counters_are_not_bylines_and_a_self_credited_blog_keeps_its_credit() {
        assert!(has_counter("人氣(23925)"));
        assert!(has_counter("Comments (1,024)"));
        assert!(!has_counter("Richard (R.J.) Eskow"));
        assert!(!has_counter("Jane Doe ()"));
        let doc = run(
            r#"<head><meta property="og:site_name" content="Steven Home"><meta name="author" content="Steven Home (stevenhgm)"></head>
            <body><h1>Autumn leaves</h1><p class="author">Steven Home posted on PIXNET <span class="author-views">Views(23925)</span></p>
            <span class="author-views">人氣(23925)</span><p>Text.</p></body>"#,
        );
        assert_eq!(doc.authors, vec!["Steven Home (stevenhgm)".to_string()]);
    }

    #[test]
    fn hints_automaton_finds_every_hint_a_substring_search_finds() {
        // The automaton fits its table (else no hint would be found).
        assert!(Hints::build().is_some());
        let h = Hints::get();
        let lists = [
            (BYLINE_HINTS, BYLINE),
            (DATE_HINTS, DATE),
            (BOILER_HINTS, BOILER),
        ];
        let brute = |hay: &str| {
            let mut found = 0;
            for (list, bit) in lists {
                if any_ci(hay, list) {
                    found |= bit;
                }
            }
            found
        };
        let mut values: Vec<String> = [
            "",
            "x",
            "sidebarail",
            "moreply",
            "AUTHORS-list",
            "entry-meta__datetime",
            "promost-popular",
            "datumzeit",
            "ünïcode-reporter ü",
            "also-related\tfooter",
            "coMMent-reply",
            "autoreporter",
            "rairail",
            "bybyline",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for (list, _) in lists {
            for w in list.iter() {
                values.push(w.to_string());
                values.push(format!("a{}z", w.to_ascii_uppercase()));
                values.push(w.get(1..).unwrap_or("").to_string());
                values.push(format!("{w}{w}"));
            }
        }
        for v in &values {
            assert_eq!(h.find(v), brute(v), "{v:?}");
        }
    }

    #[test]
    fn hints_any_case_and_overlapping() {
        let h = Hints::get();
        assert_eq!(h.find("Post-ByLine"), BYLINE | DATE);
        assert_eq!(h.find("entry-date"), DATE);
        assert_eq!(h.find("sidebar"), BOILER);
        assert_eq!(h.find("article-body"), 0);
        assert_eq!(h.find(""), 0);
    }

    #[test]
    fn contains_ci_works() {
        assert!(contains_ci("Post-ByLine", "byline"));
        assert!(!contains_ci("by", "byline"));
    }
}

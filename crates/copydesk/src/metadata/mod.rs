//! Metadata: title, authors, dates, site, language, image, section.
//!
//! (First cut: title, language and URL from the page's own declarations.)

use crate::html::{Dom, NodeKind};
use copydesk_model::Document;
use html5ever::local_name;

/// Fills `doc`'s metadata fields from the tree. `page_url` is the address the
/// caller gave, used when the page declares no canonical one.
pub fn fill(dom: &Dom, doc: &mut Document, page_url: Option<&str>) {
    let mut og_title = None;
    let mut h1 = None;
    for (i, node) in dom.nodes.iter().enumerate() {
        let NodeKind::Element(el) = &node.kind else {
            continue;
        };
        match el.name {
            local_name!("html") if doc.language.is_none() => {
                doc.language = el
                    .attr("lang")
                    .and_then(|l| l.split(['-', '_']).next())
                    .map(|l| l.trim().to_ascii_lowercase())
                    .filter(|l| !l.is_empty());
            }
            local_name!("meta") => {
                let key = el.attr("property").or_else(|| el.attr("name"));
                if let (Some(k), Some(v)) = (key, el.attr("content")) {
                    if k.eq_ignore_ascii_case("og:title") && og_title.is_none() {
                        og_title = Some(v.trim().to_string());
                    }
                }
            }
            local_name!("h1") if h1.is_none() => {
                let t = dom.collect_text(i as u32);
                if !t.is_empty() {
                    h1 = Some(t);
                }
            }
            _ => {}
        }
    }
    doc.title = h1.or(og_title).or_else(|| dom.title.clone());
    if doc.url.is_none() {
        doc.url = page_url.map(str::to_string);
    }
}

//! Fuzzes the renderers on documents extracted from fuzzed HTML (or text):
//! text, Markdown, the HTML fragment and JSON, with the analysis now and
//! then. Never a panic; the fragment is one `<article>`, JSON round-trips.
#![no_main]

use copydesk::{extract, render, Document, InputKind, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let opts = Options {
        input: match mode & 3 {
            0 => InputKind::Html,
            1 => InputKind::Text,
            _ => InputKind::Auto,
        },
        explain: mode & 4 == 4,
        analyze: mode & 8 == 8,
        url: (mode & 16 == 16).then(|| "https://example.org/a/b.html".to_string()),
        http_charset: (mode & 32 == 32).then(|| "windows-1252".to_string()),
        published: (mode & 64 == 64).then(|| "2022-01-21".to_string()),
        ..Options::default()
    };
    let Ok(doc) = extract(rest, &opts) else {
        return;
    };
    assert_eq!(render::text(&doc), doc.text);
    let md = render::markdown(&doc);
    assert!(md.ends_with('\n'));
    let html = render::html(&doc);
    assert!(html.starts_with("<article>") && html.ends_with("</article>"));
    // The fragment's own tags are the only raw `<` in it.
    assert_eq!(html.matches("<article>").count(), 1);
    let json = serde_json::to_string(&doc).expect("a document serialises");
    let back: Document = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(back.text, doc.text);
    assert_eq!(back.blocks.len(), doc.blocks.len());
});

//! Fuzzes the HTML extraction entry point: any bytes (gzip, any charset,
//! any markup) must give an `Ok` document or a clean `Err`, never a panic,
//! and both renderers must accept whatever document comes out.
#![no_main]

use copydesk::{extract, render, InputKind, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a few options so both detection and forced-HTML
    // paths are exercised; the whole input is still passed through.
    let mut opts = Options::default();
    if data.first().is_some_and(|b| b & 1 == 1) {
        opts.input = InputKind::Html;
    }
    if data.first().is_some_and(|b| b & 2 == 2) {
        opts.explain = true;
    }
    if let Ok(doc) = extract(data, &opts) {
        let md = render::markdown(&doc);
        assert!(md.ends_with('\n'));
        let html = render::html(&doc);
        assert!(html.starts_with("<article>") && html.ends_with("</article>"));
        let mut again = doc.clone();
        again.finish_text();
        assert_eq!(again.text, doc.text);
    }
});

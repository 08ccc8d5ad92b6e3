//! Fuzzes the plain-text path: any bytes (lossily decoded) must give a document
//! without panicking, whose text is the blocks joined by blank lines.
#![no_main]

use copydesk_text::{extract_text, TextOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let explain = data.first().is_some_and(|b| b & 1 == 1);
    let doc = extract_text(&input, &TextOptions { explain });
    let mut again = doc.clone();
    again.finish_text();
    assert_eq!(again.text, doc.text);
    if !explain {
        assert!(doc.removed.is_empty());
    }
    for r in &doc.removed {
        assert!(r.line.is_some_and(|l| l >= 1));
    }
});

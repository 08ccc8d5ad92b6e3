//! Fuzzes the text analysis (quotes, speakers, entities, dates) on any
//! text, with a fuzzed publication day now and then (it comes from a
//! page's metadata). Never a panic or a hang; every offset lies in the
//! text and every span's text is the text at its offsets.
#![no_main]

use copydesk_analyze::{analyze, AnalyzeOptions};
use libfuzzer_sys::fuzz_target;

fn at(chars: &[char], start: usize, end: usize) -> String {
    assert!(
        start <= end && end <= chars.len(),
        "span {start}..{end} of {}",
        chars.len()
    );
    chars[start..end].iter().collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let all = String::from_utf8_lossy(rest);
    // Mode 1: the first line is the publication day; 2: a fixed day.
    let (published, text) = match mode & 3 {
        1 => match all.split_once('\n') {
            Some((p, t)) => (Some(p.to_string()), t.to_string()),
            None => (None, all.to_string()),
        },
        2 => (Some("2022-01-21".to_string()), all.to_string()),
        _ => (None, all.to_string()),
    };
    let a = analyze(&text, &AnalyzeOptions { published });
    let chars: Vec<char> = text.chars().collect();
    for q in &a.quotes {
        assert_eq!(at(&chars, q.start, q.end), q.text);
        if let Some(m) = &q.speaker_mention {
            assert_eq!(at(&chars, m.start, m.end), m.text);
        }
    }
    for e in &a.entities {
        for m in &e.mentions {
            at(&chars, m.start, m.end);
        }
    }
    for d in &a.dates {
        assert_eq!(at(&chars, d.start, d.end), d.text);
    }
});

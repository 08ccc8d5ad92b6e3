//! Inputs found by fuzzing and slow-input checks (`fuzz/`, targets
//! `analyze_text` and the scaling check): the analysis must stay linear in
//! the input and never panic, whatever the text.

use copydesk_analyze::{analyze, AnalyzeOptions};
use std::time::{Duration, Instant};

/// Runs the analysis on `text` and returns how long it took.
fn timed(text: &str) -> Duration {
    let start = Instant::now();
    let a = analyze(text, &AnalyzeOptions::default());
    let took = start.elapsed();
    let n = text.chars().count();
    for q in &a.quotes {
        assert!(q.start <= q.end && q.end <= n);
    }
    took
}

/// A long line of straight double quotes gave hundreds of thousands of
/// one-line quotations, and the "- Name" byline search walked from each to
/// the end of the line: quadratic (1.6 M quotes: 20 s in release; these
/// 1.5 M about a minute in a debug build). Now a binary search: about 2 s
/// in a debug build, well under the bound.
#[test]
fn many_straight_quotes_on_one_line_stay_linear() {
    let text = "\"".repeat(1_500_000);
    let took = timed(&text);
    assert!(took < Duration::from_secs(15), "took {took:?}");
}

/// Transcript openings (`"WALLACE: `) repeated on one line: one quotation
/// left open to the end of the line, cut into many sentences, and each
/// sentence gave a transcript quote from the opening on, so the quotes'
/// text grew with the square of the input (1.2 M chars: 80 s in a debug
/// build; now about 2 s).
#[test]
fn repeated_transcript_openings_stay_linear() {
    let text = "\"WALLACE: ".repeat(120_000);
    let took = timed(&text);
    assert!(took < Duration::from_secs(15), "took {took:?}");
}

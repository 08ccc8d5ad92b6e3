//! Bad input: no panic, offsets always valid, and time that grows linearly.
use copydesk_analyze::{analyze, AnalyzeOptions};
use std::time::{Duration, Instant};

fn check(text: &str) -> copydesk_model::Analysis {
    let a = analyze(
        text,
        &AnalyzeOptions {
            published: Some("2022-01-21".into()),
        },
    );
    let n = text.chars().count();
    for q in &a.quotes {
        assert!(
            q.start < q.end && q.end <= n,
            "bad quote offsets {}..{} of {n}",
            q.start,
            q.end
        );
        if let Some(m) = &q.speaker_mention {
            assert!(m.start < m.end && m.end <= n);
        }
    }
    for e in &a.entities {
        for m in &e.mentions {
            assert!(m.start < m.end && m.end <= n);
        }
    }
    for d in &a.dates {
        assert!(d.start < d.end && d.end <= n);
    }
    a
}

fn timed(text: &str) -> Duration {
    let t = Instant::now();
    check(text);
    t.elapsed()
}

#[test]
fn empty_and_tiny_inputs() {
    for t in [
        "",
        " ",
        "\n\n",
        "“",
        "”",
        "\"",
        "''",
        "«",
        "」",
        "said",
        "according to",
        ":",
        "“”",
        "a“b”c",
    ] {
        check(t);
    }
    assert!(analyze("", &AnalyzeOptions::default()).quotes.is_empty());
}

#[test]
fn unbalanced_quote_closes_at_paragraph_end() {
    let text =
        "She said “this goes on and on\n\nThe next paragraph is reporting. It says nothing quoted.";
    let a = check(text);
    let cut = text.chars().position(|c| c == '\n').unwrap_or(0);
    assert!(!a.quotes.is_empty());
    assert!(
        a.quotes
            .iter()
            .filter(|q| q.start < cut)
            .all(|q| q.end <= cut),
        "a quote ran past the paragraph"
    );
}

#[test]
fn bad_published_dates_are_ignored() {
    for p in [
        "",
        "2022",
        "2022-13-45",
        "yesterday",
        "２０２２-01-01",
        "2022-01-21T10:00:00Z",
    ] {
        let a = analyze(
            "We met on Friday and talk next week.",
            &AnalyzeOptions {
                published: Some(p.into()),
            },
        );
        assert_eq!(a.dates.len(), 2);
    }
}

#[test]
fn one_megabyte_paragraph_without_punctuation() {
    let unit = "the committee said the plan was fine and officials told reporters nothing ";
    let big: String = unit.repeat(1_000_000 / unit.len() + 1);
    let a = check(&big);
    assert!(!a.quotes.is_empty());
    let small: String = unit.repeat(250_000 / unit.len() + 1);
    let (t_small, t_big) = (timed(&small), timed(&big));
    // Four times the text must not cost much more than four times the time.
    assert!(
        t_big < t_small * 8 + Duration::from_millis(200),
        "{t_small:?} vs {t_big:?}"
    );
}

#[test]
fn ten_thousand_quotes() {
    let unit = "“We will win,” Jane Doe said. ";
    let text: String = unit.repeat(10_000);
    let a = check(&text);
    assert_eq!(a.quotes.len(), 10_000);
    assert!(a
        .quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Jane Doe")));
    let small: String = unit.repeat(2_500);
    let (t_small, t_big) = (timed(&small), timed(&text));
    assert!(
        t_big < t_small * 8 + Duration::from_millis(200),
        "{t_small:?} vs {t_big:?}"
    );
}

#[test]
fn ten_thousand_unclosed_quotes_and_nesting() {
    let text: String = "“a “b “c ".repeat(10_000);
    check(&text);
    let lines: String = "“open quote he said\n".repeat(10_000);
    let a = check(&lines);
    assert!(a.quotes.iter().all(|q| !q.text.contains('\n')));
    check(&"\"".repeat(50_000));
    check(&"'' ".repeat(20_000));
    check(&"«»‹›「」『』„“".repeat(5_000));
}

#[test]
fn many_names_and_pronouns() {
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!(
            "Person Name{i} arrived. He said the president would come. "
        ));
    }
    let a = check(&text);
    assert!(a.quotes.len() >= 5_000);
}

#[test]
fn non_english_text() {
    check("Москва заявила: «Мы не согласны». Президент сказал, что переговоры продолжатся.");
    check("北京时间周五，外交部发言人表示：“我们反对任何形式的干涉。”");
    let a = check("الرئيس قال إن «المفاوضات مستمرة».");
    assert!(a.quotes.iter().any(|q| q.text.contains("المفاوضات")));
    check("👍🏽 “emoji” 🎉 said Zoë Ångström-Łukasz. ");
}

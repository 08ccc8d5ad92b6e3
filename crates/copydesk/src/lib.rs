//! copydesk: web news pages in, clean structured articles out.
//!
//! The pipeline, one stage per module, data flowing one way:
//!
//! ```text
//! bytes ─ decode ─▶ text ─ html::parse ─▶ Dom ─ extract ─▶ blocks ─┐
//!                     └──── (plain text) copydesk_text ────────────┤
//!                                        metadata ◀── Dom ─────────┤
//!                                                          Document ─ render
//! ```
//!
//! ```
//! let html = "<html><head><title>Rain | Daily</title></head><body><article>\
//!   <h1>Rain returns</h1><p>The rain came back on Tuesday after a dry month, \
//!   and farmers across the valley said they were relieved to see it.</p>\
//!   </article></body></html>";
//! let doc = copydesk::extract(html.as_bytes(), &copydesk::Options::default()).unwrap();
//! assert_eq!(doc.title.as_deref(), Some("Rain returns"));
//! assert!(doc.text.starts_with("The rain came back"));
//! ```

pub mod decode;
mod error;
pub mod extract;
pub mod html;
pub mod metadata;
pub mod render;

pub use copydesk_model as model;
pub use copydesk_model::Document;
pub use error::Error;

/// How to read an input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    /// Decide from the content.
    #[default]
    Auto,
    Html,
    Text,
}

/// Options for one extraction.
#[derive(Debug, Clone)]
pub struct Options {
    /// The page's address, used when the page declares none.
    pub url: Option<String>,
    pub input: InputKind,
    /// Record what was removed from the body and why.
    pub explain: bool,
    /// A charset label from transport (HTTP `Content-Type`).
    pub http_charset: Option<String>,
    /// Inputs larger than this (after gunzip) are refused.
    pub max_bytes: usize,
    /// Also find quotes, speakers, entities and dates in the body.
    pub analyze: bool,
    /// Publication day (ISO) for resolving relative dates when the page has none.
    pub published: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            input: InputKind::Auto,
            explain: false,
            http_charset: None,
            max_bytes: 50 << 20,
            analyze: false,
            published: None,
        }
    }
}

/// Extracts an article from raw bytes: HTML or plain text, optionally gzipped,
/// in any charset.
pub fn extract(bytes: &[u8], opts: &Options) -> Result<Document, Error> {
    let mut warnings = Vec::new();
    let owned;
    let bytes = if decode::is_gzip(bytes) {
        let (data, warn) = decode::gunzip(bytes, opts.max_bytes)?;
        warnings.extend(warn);
        owned = data;
        &owned[..]
    } else {
        bytes
    };
    if bytes.len() > opts.max_bytes {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if looks_binary(bytes) {
        return Err(Error::Binary(
            "many control bytes in the first 4 KiB".to_string(),
        ));
    }
    let decoded = decode::decode(bytes, opts.http_charset.as_deref());
    warnings.extend(decoded.warnings);
    let is_html = match opts.input {
        InputKind::Html => true,
        InputKind::Text => false,
        InputKind::Auto => looks_like_html(&decoded.text),
    };
    let mut doc = if is_html {
        extract_html(&decoded.text, opts)
    } else {
        extract_plain_text(&decoded.text, opts)
    };
    doc.warnings.extend(warnings);
    if opts.analyze {
        analyze_document(&mut doc, opts.published.as_deref());
    }
    Ok(doc)
}

/// Adds quotes, speakers, entities and dates found in the body text.
/// Offsets refer to `doc.text`.
pub fn analyze_document(doc: &mut Document, published: Option<&str>) {
    let published = doc
        .published
        .as_deref()
        .or(published)
        .map(|p| p.chars().take(10).collect::<String>());
    doc.analysis = Some(analyze(&doc.text, published.as_deref()));
}

/// Finds quotes, speakers, entities and dates in plain text taken as it is.
/// Offsets are Unicode character offsets into `text`.
pub fn analyze(text: &str, published: Option<&str>) -> model::Analysis {
    copydesk_analyze::analyze(
        text,
        &copydesk_analyze::AnalyzeOptions {
            published: published.map(str::to_string),
        },
    )
}

/// Extracts an article from decoded HTML.
pub fn extract_html(html: &str, opts: &Options) -> Document {
    let dom = html::parse(html);
    let mut doc = extract::article(&dom, opts);
    metadata::fill(&dom, &mut doc, opts.url.as_deref());
    doc
}

/// Cleans plain text (a scraper's output) into an article.
pub fn extract_plain_text(text: &str, opts: &Options) -> Document {
    let mut doc = copydesk_text::extract_text(
        text,
        &copydesk_text::TextOptions {
            explain: opts.explain,
        },
    );
    if doc.url.is_none() {
        doc.url = opts.url.clone();
    }
    doc
}

/// Whether decoded input is HTML rather than plain text: a markup start, or
/// a fair number of tags in the first 16 KiB.
pub fn looks_like_html(text: &str) -> bool {
    // Only the first 16K characters count. A page that opens like HTML is
    // settled by its first characters, without counting 16K characters.
    const HEAD_CHARS: usize = 16 * 1024;
    let is_space = |c: char| c.is_whitespace() || c == '\u{feff}';
    let trimmed = text.trim_start_matches(is_space);
    let skipped = text.len() - trimmed.len();
    // The opening check reads at most 9 bytes after the skipped space; when
    // those lie within the first 16K bytes they lie within the head.
    let opening_in_head = skipped + 9 <= HEAD_CHARS;
    if opening_in_head && opens_like_html(trimmed) {
        return true;
    }
    let head: &str = if text.len() <= HEAD_CHARS {
        text
    } else {
        match text.char_indices().nth(HEAD_CHARS) {
            Some((i, _)) => text.get(..i).unwrap_or(text),
            None => text,
        }
    };
    if !opening_in_head && opens_like_html(head.trim_start_matches(is_space)) {
        return true;
    }
    let bytes = head.as_bytes();
    let mut tags = 0usize;
    for pos in memchr::memchr_iter(b'<', bytes) {
        let next = bytes.get(pos + 1).copied().unwrap_or(b' ');
        if next.is_ascii_alphabetic() || next == b'/' || next == b'!' {
            tags += 1;
        }
    }
    tags >= 3 && tags * 200 >= bytes.len().min(4000) || tags >= 20
}

/// Whether `text` starts (ASCII case-insensitively) with a doctype, an
/// XML declaration, a comment or an `html`/`head`/`body` tag.
fn opens_like_html(text: &str) -> bool {
    const OPENINGS: [&[u8]; 6] = [
        b"<!doctype",
        b"<html",
        b"<?xml",
        b"<head",
        b"<body",
        b"<!--",
    ];
    let b = text.as_bytes();
    OPENINGS.iter().any(|o| {
        b.get(..o.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(o))
    })
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    // UTF-16 with a BOM is text; NULs there are expected.
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    // Text in any charset has next to no C0 controls; random bytes have ~11%.
    control * 33 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_html_and_text() {
        assert!(looks_like_html("<!DOCTYPE html><p>x"));
        assert!(looks_like_html("  <html>"));
        assert!(looks_like_html("<div><p>a</p><p>b</p></div>"));
        assert!(!looks_like_html(
            "A headline\n\nA paragraph with a < sign.\n"
        ));
    }

    #[test]
    fn the_opening_is_read_in_any_case_after_space_and_bom() {
        assert!(looks_like_html("\u{feff}\n  <!DocType html>"));
        assert!(looks_like_html("<BODY>plain"));
        assert!(!looks_like_html("<bod>plain text that goes on"));
        // Beyond the 16K-character head the opening no longer counts.
        let far = format!("{}<html>", " ".repeat(20_000));
        assert!(!looks_like_html(&far));
        let near = format!("{}<html>", " ".repeat(1_000));
        assert!(looks_like_html(&near));
        // A long page that does not open like HTML is judged by its tags.
        let tagged = format!("intro {}", "<p>a</p>".repeat(5_000));
        assert!(looks_like_html(&tagged));
        let prose = "words and more words. ".repeat(2_000);
        assert!(!looks_like_html(&prose));
    }

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        let o = Options::default();
        assert!(matches!(extract(b"", &o), Err(Error::Empty)));
        assert!(matches!(extract(b"  \n ", &o), Err(Error::Empty)));
        let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(matches!(extract(&junk, &o), Err(Error::Binary(_))));
    }

    #[test]
    fn oversized_input_is_refused() {
        let o = Options {
            max_bytes: 10,
            ..Options::default()
        };
        assert!(matches!(
            extract(b"<p>hello world</p>", &o),
            Err(Error::TooLarge { .. })
        ));
    }
}

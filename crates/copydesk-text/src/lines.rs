//! Splitting raw text into trimmed, numbered lines.
//!
//! Handles `\n`, `\r\n` and lone `\r` line ends, NUL and other control
//! characters, and never allocates per line: lines borrow from the input.

use memchr::memchr2;

/// One non-blank input line.
#[derive(Debug, Clone, Copy)]
pub struct RawLine<'a> {
    /// The line, trimmed of surrounding whitespace.
    pub text: &'a str,
    /// 1-based line number in the input.
    pub no: usize,
    /// A blank line (or the start of the input) precedes this line.
    pub gap_before: bool,
    /// A blank line (or the end of the input) follows this line.
    pub gap_after: bool,
}

/// Whether a char should count as blank for trimming (whitespace, NUL, other controls).
fn is_blankish(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{feff}' || c == '\u{200b}'
}

/// Splits `input` into non-blank trimmed lines.
pub fn split_lines(input: &str) -> Vec<RawLine<'_>> {
    let bytes = input.as_bytes();
    let mut out: Vec<RawLine<'_>> = Vec::new();
    let mut start = 0usize;
    let mut no = 1usize;
    let mut blank_since_last = true;
    loop {
        let rest = bytes.get(start..).unwrap_or_default();
        let (end, next) = match memchr2(b'\n', b'\r', rest) {
            Some(off) => {
                let end = start + off;
                let is_crlf = bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n');
                (end, if is_crlf { end + 2 } else { end + 1 })
            }
            None => (bytes.len(), bytes.len() + 1),
        };
        // `end` and `start` are at ASCII bytes or the ends, hence char boundaries.
        let raw = input.get(start..end).unwrap_or_default();
        let text = raw.trim_matches(is_blankish);
        if text.is_empty() {
            blank_since_last = true;
            if let Some(last) = out.last_mut() {
                last.gap_after = true;
            }
        } else {
            out.push(RawLine {
                text,
                no,
                gap_before: blank_since_last,
                gap_after: false,
            });
            blank_since_last = false;
        }
        if next > bytes.len() {
            break;
        }
        start = next;
        no += 1;
    }
    if let Some(last) = out.last_mut() {
        last.gap_after = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_all_line_ends_and_numbers_lines() {
        let l = split_lines("a\r\nb\rc\n\n d \n");
        let texts: Vec<_> = l.iter().map(|x| x.text).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        let nos: Vec<_> = l.iter().map(|x| x.no).collect();
        assert_eq!(nos, [1, 2, 3, 5]);
        assert!(l[0].gap_before && !l[1].gap_before && l[2].gap_after && l[3].gap_before);
    }

    #[test]
    fn empty_and_control_only_input() {
        assert!(split_lines("").is_empty());
        assert!(split_lines("\0\0\n\r\n \t").is_empty());
        let l = split_lines("\0word\0");
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].text, "word");
    }

    #[test]
    fn multibyte_text_is_kept_whole() {
        let l = split_lines("日本語の文。\nПривет, мир.");
        assert_eq!(l[0].text, "日本語の文。");
        assert_eq!(l[1].text, "Привет, мир.");
    }
}

//! Low-level scanning: characters, tokens, quotation regions and sentences.
//!
//! Everything here is a single left-to-right pass over the characters (or the
//! tokens), so the cost is linear in the input whatever its shape.

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct,
}

/// A word or a punctuation character, by char offsets into the text.
#[derive(Debug, Clone)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// Lowercased text (words only, empty for very long words).
    pub low: String,
    /// First char is uppercase.
    pub cap: bool,
    /// Line (paragraph) number.
    pub line: usize,
    /// Top-level quotation region this token lies in (marks included).
    pub region: Option<usize>,
    /// The char for punctuation tokens.
    pub ch: char,
}

/// A top-level quotation: from the opening mark to the closing mark
/// (inclusive, so `e` is one past the closing mark), or to the end of the line
/// when the quote is never closed there.
#[derive(Debug, Clone)]
pub struct Region {
    pub s: usize,
    pub e: usize,
    pub closed: bool,
    pub line: usize,
    /// Only single curly quotes (`‘...’`), headline style.
    pub single: bool,
}

/// A sentence: a token range `[a, b)` on one line.
#[derive(Debug, Clone, Copy)]
pub struct Sent {
    pub a: usize,
    pub b: usize,
    pub line: usize,
}

pub struct Scan {
    pub chars: Vec<char>,
    pub toks: Vec<Tok>,
    pub regions: Vec<Region>,
    pub sents: Vec<Sent>,
}

fn joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '\u{2010}' | '\u{2011}')
}

/// Characters before a straight quote that let it open (as in the scorer).
fn opener_ctx(c: char) -> bool {
    c.is_whitespace() || "([{\u{2014}\u{2013}-/:".contains(c)
}

impl Scan {
    pub fn new(text: &str) -> Scan {
        let chars: Vec<char> = text.chars().collect();
        let regions = find_regions(&chars);
        let toks = tokenize(&chars, &regions);
        let sents = split_sentences(&toks);
        Scan {
            chars,
            toks,
            regions,
            sents,
        }
    }

    pub fn slice(&self, s: usize, e: usize) -> String {
        self.chars
            .get(s.min(e)..e.min(self.chars.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    }

    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    pub fn low(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.low.as_str()).unwrap_or("")
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.ch == c)
    }
}

fn tokenize(chars: &[char], regions: &[Region]) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(chars.len() / 5 + 1);
    let mut line = 0usize;
    let mut i = 0usize;
    let n = chars.len();
    let mut ri = 0usize; // current region cursor (regions are sorted)
    while i < n {
        let c = chars.get(i).copied().unwrap_or(' ');
        if c == '\n' {
            line += 1;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        let kind = if c.is_alphanumeric() {
            i += 1;
            while i < n {
                let d = chars.get(i).copied().unwrap_or(' ');
                if d.is_alphanumeric() {
                    i += 1;
                } else if joiner(d) && chars.get(i + 1).is_some_and(|x| x.is_alphanumeric()) {
                    // Keep "U.S" and "didn't" together, but not a closing quote.
                    i += 2;
                } else {
                    break;
                }
            }
            Kind::Word
        } else {
            i += 1;
            Kind::Punct
        };
        while ri < regions.len() && regions.get(ri).is_some_and(|r| r.e <= s) {
            ri += 1;
        }
        let region = regions.get(ri).filter(|r| r.s <= s && s < r.e).map(|_| ri);
        let low = if kind == Kind::Word && i - s <= 40 {
            chars
                .get(s..i)
                .map(|w| w.iter().flat_map(|c| c.to_lowercase()).collect())
                .unwrap_or_default()
        } else {
            String::new()
        };
        toks.push(Tok {
            s,
            e: i,
            kind,
            low,
            cap: c.is_uppercase(),
            line,
            region,
            ch: c,
        });
    }
    toks
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Curly,   // “ closed by ”
    Low,     // „ closed by “ or ”
    Guil,    // « closed by »
    GuilRev, // » closed by «
    Angle,   // ‹ closed by ›
    AngleRev,
    Corner, // 「 」
    White,  // 『 』
    Straight,
}

/// Finds top-level quotation regions, line by line, with a depth stack.
pub fn find_regions(chars: &[char]) -> Vec<Region> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut start = 0usize;
    let mut line = 0usize;
    let mut single: Option<usize> = None;
    let n = chars.len();
    let mut i = 0usize;
    let at = |k: usize| chars.get(k).copied().unwrap_or(' ');
    let close_open = |out: &mut Vec<Region>, start: usize, end: usize, line: usize| {
        // Trim trailing whitespace of the line.
        let mut e = end;
        while e > start && at(e - 1).is_whitespace() {
            e -= 1;
        }
        if e > start + 1 {
            out.push(Region {
                s: start,
                e,
                closed: false,
                line,
                single: false,
            });
        }
    };
    while i < n {
        let c = at(i);
        if c == '\n' {
            if !stack.is_empty() {
                close_open(&mut out, start, i, line);
                stack.clear();
            }
            single = None;
            line += 1;
            i += 1;
            continue;
        }
        let push =
            |stack: &mut Vec<Open>, k: Open, start: &mut usize, single: &mut Option<usize>| {
                if stack.is_empty() {
                    *start = i;
                    *single = None;
                }
                // Cap nesting so that a pathological input cannot grow memory.
                if stack.len() < 64 {
                    stack.push(k);
                }
            };
        let pop = |stack: &mut Vec<Open>, out: &mut Vec<Region>, end: usize, start: usize| {
            stack.pop();
            if stack.is_empty() {
                out.push(Region {
                    s: start,
                    e: end,
                    closed: true,
                    line,
                    single: false,
                });
            }
        };
        let top = stack.last().copied();
        match c {
            '“' => {
                if top == Some(Open::Low) {
                    pop(&mut stack, &mut out, i + 1, start);
                } else {
                    push(&mut stack, Open::Curly, &mut start, &mut single);
                }
            }
            '„' => push(&mut stack, Open::Low, &mut start, &mut single),
            '”' if top.is_some() => {
                pop(&mut stack, &mut out, i + 1, start);
            }
            '«' => {
                if top == Some(Open::GuilRev) {
                    pop(&mut stack, &mut out, i + 1, start);
                } else {
                    push(&mut stack, Open::Guil, &mut start, &mut single);
                }
            }
            '»' => {
                if top == Some(Open::Guil) {
                    pop(&mut stack, &mut out, i + 1, start);
                } else if top.is_none() && at(i + 1).is_alphanumeric() {
                    push(&mut stack, Open::GuilRev, &mut start, &mut single);
                } else if top.is_some() {
                    pop(&mut stack, &mut out, i + 1, start);
                }
            }
            '‹' => {
                if top == Some(Open::AngleRev) {
                    pop(&mut stack, &mut out, i + 1, start);
                } else {
                    push(&mut stack, Open::Angle, &mut start, &mut single);
                }
            }
            '›' => {
                if top == Some(Open::Angle) {
                    pop(&mut stack, &mut out, i + 1, start);
                } else if top.is_none() && at(i + 1).is_alphanumeric() {
                    push(&mut stack, Open::AngleRev, &mut start, &mut single);
                }
            }
            '「' => push(&mut stack, Open::Corner, &mut start, &mut single),
            '」' if top == Some(Open::Corner) => {
                pop(&mut stack, &mut out, i + 1, start);
            }
            '『' => push(&mut stack, Open::White, &mut start, &mut single),
            '』' if top == Some(Open::White) => {
                pop(&mut stack, &mut out, i + 1, start);
            }
            '"' | '\'' => {
                let width = if c == '"' {
                    1
                } else if at(i + 1) == '\'' {
                    2
                } else {
                    0
                };
                if width > 0 {
                    let before = if i > 0 { at(i - 1) } else { ' ' };
                    let after = at(i + width);
                    let opens = if after.is_whitespace() {
                        Some(false)
                    } else if opener_ctx(before) {
                        Some(true)
                    } else {
                        None
                    };
                    let opens = opens.unwrap_or(stack.is_empty());
                    if !stack.is_empty() && !opens {
                        pop(&mut stack, &mut out, i + width, start);
                    } else if opens {
                        push(&mut stack, Open::Straight, &mut start, &mut single);
                    }
                    i += width;
                    continue;
                }
            }
            '‘' if stack.is_empty() => {
                let prev = if i > 0 { at(i - 1) } else { ' ' };
                if at(i + 1).is_alphabetic() && opener_ctx(prev) {
                    single = Some(i);
                }
            }
            '’' if stack.is_empty() => {
                if let Some(s) = single {
                    if !at(i + 1).is_alphanumeric() {
                        out.push(Region {
                            s,
                            e: i + 1,
                            closed: true,
                            line,
                            single: true,
                        });
                        single = None;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    if !stack.is_empty() {
        close_open(&mut out, start, n, line);
    }
    out
}

/// Longest sentence, in tokens; longer runs are cut (keeps analysis linear).
pub const MAX_SENT_TOKENS: usize = 400;

const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr",
    "inc", "corp", "co", "ltd", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sep", "sept",
    "oct", "nov", "dec", "prof", "rev", "no", "capt", "cmdr", "adm", "maj", "pres", "supt", "ft",
    "mt", "atty", "u.s", "u.n", "u.k", "d.c", "a.m", "p.m",
];

pub fn is_abbrev(low: &str) -> bool {
    ABBREV.contains(&low)
        || (low.chars().count() == 1 && low.chars().all(|c| c.is_alphabetic()))
        || low.contains('.')
}

/// Splits the tokens into sentences: at line breaks and at `. ! ? …` outside
/// quotation regions when the next token looks like a sentence start.
fn split_sentences(toks: &[Tok]) -> Vec<Sent> {
    let mut out = Vec::new();
    let mut a = 0usize;
    for i in 0..toks.len() {
        let Some(t) = toks.get(i) else { break };
        let next = toks.get(i + 1);
        let end = match next {
            None => true,
            Some(nx) if nx.line != t.line => true,
            Some(nx) => {
                let closes_region = t.region.is_some()
                    && nx.region != t.region
                    && i > 0
                    && toks.get(i - 1).is_some_and(|p| {
                        p.kind == Kind::Punct && matches!(p.ch, '.' | '!' | '?' | '…')
                    })
                    && nx.cap;
                closes_region
                    || t.kind == Kind::Punct
                        && matches!(t.ch, '.' | '!' | '?' | '…')
                        && t.region.is_none()
                        && (nx.cap
                            || nx.ch.is_numeric()
                            || (nx.region.is_some() && nx.region != t.region))
                        && !(t.ch == '.'
                            && i > 0
                            && toks.get(i - 1).is_some_and(|p| {
                                p.kind == Kind::Word && p.e == t.s && is_abbrev(&p.low)
                            }))
            }
        };
        // Bound the work per sentence on text without sentence punctuation.
        let end = end || i + 1 - a >= MAX_SENT_TOKENS;
        if end {
            out.push(Sent {
                a,
                b: i + 1,
                line: t.line,
            });
            a = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_of_several_kinds() {
        let s = Scan::new("A „Hallo“ b «salut» c 「こんにちは」 d \"hi\" e");
        let got: Vec<String> = s.regions.iter().map(|r| s.slice(r.s, r.e)).collect();
        assert_eq!(got, vec!["„Hallo“", "«salut»", "「こんにちは」", "\"hi\""]);
    }

    #[test]
    fn unclosed_quote_stops_at_line_end() {
        let s = Scan::new("He said: “one two\n\nNext para.");
        assert_eq!(s.regions.len(), 1);
        let r = &s.regions[0];
        assert!(!r.closed);
        assert_eq!(s.slice(r.s, r.e), "“one two");
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let s = Scan::new("It didn’t work in the ’90s, Trump’s aide said.");
        assert!(s.regions.is_empty());
    }

    #[test]
    fn sentences_skip_abbreviations_and_quotes() {
        let s = Scan::new("Mr. Smith said “No. Never.” Then he left. Done");
        // "Mr." and the full stops inside the quotation do not end a sentence;
        // the closing mark after a full stop does.
        assert_eq!(s.sents.len(), 3);
        let first = s.sents[0];
        let end = s.toks[first.b - 1].e;
        assert_eq!(s.slice(0, end), "Mr. Smith said “No. Never.”");
    }
}
#[cfg(test)]
mod split_tests {
    use super::*;
    #[test]
    fn split_before_a_quote_after_full_stop() {
        let s = Scan::new("He was called in the past two weeks. \"Mr. Pagliano is a witness.\"");
        let ends: Vec<String> = s
            .sents
            .iter()
            .map(|x| s.slice(s.toks[x.a].s, s.toks[x.b - 1].e))
            .collect();
        assert_eq!(ends.len(), 2, "{ends:?}");
    }
}

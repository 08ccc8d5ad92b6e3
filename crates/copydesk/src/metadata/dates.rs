//! Dates: parsing machine values (ISO 8601, RFC 2822, compact) and finding
//! human dates in short texts (English, German, French, Spanish, Italian,
//! Portuguese, Dutch and Russian month names; `dd.mm.yyyy`, `mm/dd/yyyy`...).
//!
//! No regex: a small tokenizer and a few token patterns. Every date is
//! checked for being a real calendar day within a plausible range.

use rustc_hash::FxHashMap as FastMap;
use std::time::{SystemTime, UNIX_EPOCH};

/// Earliest year accepted for a web page's date.
pub const MIN_YEAR: i32 = 1993;

/// A calendar day, with the time of day and UTC offset when stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub time: Option<Time>,
}

/// Time of day; `offset` in minutes east of UTC when stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub offset: Option<i16>,
}

impl Date {
    /// ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[±HH:MM]`.
    pub fn to_iso(&self) -> String {
        let mut s = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some(t) = self.time {
            s.push_str(&format!("T{:02}:{:02}:{:02}", t.hour, t.minute, t.second));
            if let Some(off) = t.offset {
                let sign = if off < 0 { '-' } else { '+' };
                let a = off.unsigned_abs();
                s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
            }
        }
        s
    }

    /// The day only, as a comparable key.
    pub fn day_key(&self) -> (i32, u8, u8) {
        (self.year, self.month, self.day)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a date's day (Howard Hinnant's algorithm).
pub fn day_number(d: &Date) -> i64 {
    let (y, m, d) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Today's (year, month, day) in UTC from the system clock.
pub fn today() -> (i32, u8, u8) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = if m <= 2 { y + 1 } else { y };
    (y as i32, m, d)
}

/// Builds a date if it is a real calendar day between [`MIN_YEAR`] and
/// tomorrow.
pub fn make(year: i32, month: u8, day: u8) -> Option<Date> {
    make_until(year, month, day, today())
}

fn make_until(year: i32, month: u8, day: u8, today: (i32, u8, u8)) -> Option<Date> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if year < MIN_YEAR {
        return None;
    }
    // Allow one day ahead for time zones.
    let (ty, tm, td) = today;
    let limit = if td < days_in_month(ty, tm) {
        (ty, tm, td + 1)
    } else if tm < 12 {
        (ty, tm + 1, 1)
    } else {
        (ty + 1, 1, 1)
    };
    if (year, month, day) > limit {
        return None;
    }
    Some(Date {
        year,
        month,
        day,
        time: None,
    })
}

/// Parses a machine-readable date value (a `<meta content>`, a `datetime`
/// attribute, a JSON-LD string): ISO 8601 first, then any date the value
/// states in words or numbers.
pub fn parse_value(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    parse_iso(s)
        .or_else(|| parse_compact(s))
        .or_else(|| find_date(s))
}

/// [`parse_value`] for a declared machine value: an all-number
/// `MM/DD/YYYY` (the invariant format of many CMSs and frameworks) is read
/// month first whatever the page's language; other values as
/// [`parse_value`] does, with `order` for ambiguous ones.
pub fn parse_machine(s: &str, order: NumOrder) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    let slash_us = {
        let m_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let d_len = b
            .get(m_len + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let y_at = m_len + 1 + d_len + 1;
        (1..=2).contains(&m_len)
            && (1..=2).contains(&d_len)
            && b.get(m_len) == Some(&b'/')
            && b.get(m_len + 1 + d_len) == Some(&b'/')
            && digits(b, y_at, 4).is_some()
            && !b.get(y_at + 4).is_some_and(u8::is_ascii_digit)
    };
    if slash_us {
        if let Some(d) = find_date_with(s, NumOrder::MonthFirst) {
            return Some(d);
        }
    }
    parse_iso(s)
        .or_else(|| parse_value(s))
        .or_else(|| find_date_with(s, order))
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    let mut v = 0u32;
    for &c in part {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// `YYYY-MM-DD`, optionally followed by `T` or a space and a time with an
/// offset (`Z`, `+01:00`, `+0100`, `+01`, or a zone abbreviation).
pub fn parse_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let year = digits(b, 0, 4)?;
    let sep = *b.get(4)?;
    if sep != b'-' && sep != b'/' {
        return None;
    }
    // Month and day may have one or two digits.
    let (month, next) = match digits(b, 5, 2) {
        Some(m) => (m, 7),
        None => (digits(b, 5, 1)?, 6),
    };
    if *b.get(next)? != sep {
        return None;
    }
    let (day, mut i) = match digits(b, next + 1, 2) {
        Some(d) => (d, next + 3),
        None => (digits(b, next + 1, 1)?, next + 2),
    };
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut date = make(year as i32, month as u8, day as u8)?;
    // Time part.
    if matches!(b.get(i), Some(b'T') | Some(b't') | Some(b' ')) {
        i += 1;
        if let (Some(h), Some(b':'), Some(m)) = (digits(b, i, 2), b.get(i + 2), digits(b, i + 3, 2))
        {
            i += 5;
            let mut sec = 0;
            if b.get(i) == Some(&b':') {
                if let Some(sv) = digits(b, i + 1, 2) {
                    sec = sv;
                    i += 3;
                }
            }
            // Fractions of a second.
            if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            if h < 24 && m < 60 && sec < 61 {
                let rest = s.get(i..).unwrap_or("");
                date.time = Some(Time {
                    hour: h as u8,
                    minute: m as u8,
                    second: sec.min(59) as u8,
                    offset: parse_offset(rest),
                });
            }
        }
    }
    Some(date)
}

/// An offset at the start of `s`: `Z`, `±HH:MM`, `±HHMM`, `±HH`, or a zone
/// abbreviation after optional spaces.
fn parse_offset(s: &str) -> Option<i16> {
    let t = s.trim_start();
    let b = t.as_bytes();
    match b.first()? {
        b'Z' | b'z' if !b.get(1).is_some_and(u8::is_ascii_alphabetic) => Some(0),
        c @ (b'+' | b'-') => {
            let sign: i16 = if *c == b'-' { -1 } else { 1 };
            let h = digits(b, 1, 2)?;
            let m = if b.get(3) == Some(&b':') {
                digits(b, 4, 2).unwrap_or(0)
            } else {
                digits(b, 3, 2).unwrap_or(0)
            };
            (h <= 14 && m < 60).then_some(sign * (h as i16 * 60 + m as i16))
        }
        _ => {
            let word: String = t
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .take(5)
                .collect();
            let off = zone_offset(&word.to_ascii_lowercase())?;
            // "GMT+1", "UTC+02:00"
            let after = t.get(word.len()..).unwrap_or("");
            if after.starts_with(['+', '-']) {
                let ab = after.as_bytes();
                let sign: i16 = if ab.first() == Some(&b'-') { -1 } else { 1 };
                let h = digits(ab, 1, 2).or_else(|| digits(ab, 1, 1))?;
                if h <= 14 {
                    return Some(off + sign * h as i16 * 60);
                }
            }
            Some(off)
        }
    }
}

/// Offsets of common time-zone abbreviations, in minutes.
pub fn zone_offset(w: &str) -> Option<i16> {
    Some(match w {
        "utc" | "gmt" | "z" | "wet" | "ut" => 0,
        "bst" | "cet" | "mez" | "west" => 60,
        "cest" | "mesz" | "eet" | "sast" => 120,
        "eest" | "msk" => 180,
        "ist" => 330,
        "hkt" | "sgt" | "awst" => 480,
        "jst" | "kst" => 540,
        "aest" => 600,
        "aedt" => 660,
        "nzst" => 720,
        "nzdt" => 780,
        "ast" => -240,
        "edt" => -240,
        "est" | "cdt" => -300,
        "cst" | "mdt" => -360,
        "mst" | "pdt" => -420,
        "pst" | "akdt" => -480,
        "akst" => -540,
        "hst" => -600,
        _ => return None,
    })
}

/// `YYYYMMDD` or `YYYYMMDDhhmmss` as the whole value.
fn parse_compact(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if !(b.len() == 8 || b.len() == 12 || b.len() == 14) || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut d = make(
        digits(b, 0, 4)? as i32,
        digits(b, 4, 2)? as u8,
        digits(b, 6, 2)? as u8,
    )?;
    if b.len() >= 12 {
        let (h, m) = (digits(b, 8, 2)?, digits(b, 10, 2)?);
        let sec = digits(b, 12, 2).unwrap_or(0);
        if h < 24 && m < 60 && sec < 60 {
            d.time = Some(Time {
                hour: h as u8,
                minute: m as u8,
                second: sec as u8,
                offset: None,
            });
        }
    }
    Some(d)
}

/// A date in a URL path: `/2022/01/21/`, `/2022-01-21/`, `/20220121/`.
pub fn from_url(url: &str) -> Option<Date> {
    let path = match url.find("://") {
        Some(i) => {
            let rest = url.get(i + 3..).unwrap_or("");
            rest.find('/').and_then(|j| rest.get(j..)).unwrap_or("")
        }
        None => url,
    };
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let at_start = i == 0 || !b.get(i - 1).is_some_and(u8::is_ascii_alphanumeric);
        if at_start && b.get(i).is_some_and(u8::is_ascii_digit) {
            if let (Some(y), Some(&s1)) = (digits(b, i, 4), b.get(i + 4)) {
                // /2022/01/21 or /2022-01-21
                if s1 == b'/' || s1 == b'-' || s1 == b'_' {
                    if let (Some(m), Some(&s2), Some(d)) =
                        (digits(b, i + 5, 2), b.get(i + 7), digits(b, i + 8, 2))
                    {
                        let end_ok = !b.get(i + 10).is_some_and(u8::is_ascii_digit);
                        if s2 == s1 && end_ok {
                            if let Some(date) = make(y as i32, m as u8, d as u8) {
                                return Some(date);
                            }
                        }
                    }
                }
                // /20220121/
                if let (Some(m), Some(d)) = (digits(b, i + 4, 2), digits(b, i + 6, 2)) {
                    let end_ok = !b.get(i + 8).is_some_and(u8::is_ascii_alphanumeric);
                    if end_ok && (1990..2100).contains(&y) {
                        if let Some(date) = make(y as i32, m as u8, d as u8) {
                            return Some(date);
                        }
                    }
                }
            }
            // A whole segment /29-10-2021 (day first; only when the day
            // cannot be a month, as US paths would put the month first).
            let seg_start = i == 0 || b.get(i - 1) == Some(&b'/');
            if let (true, Some(d), Some(&s1), Some(m), Some(&s2), Some(y)) = (
                seg_start,
                digits(b, i, 2),
                b.get(i + 2),
                digits(b, i + 3, 2),
                b.get(i + 5),
                digits(b, i + 6, 4),
            ) {
                let end_ok = matches!(b.get(i + 10), None | Some(b'/' | b'?' | b'#' | b'.'));
                if s1 == s2 && matches!(s1, b'-' | b'.' | b'_') && end_ok && d > 12 {
                    if let Some(date) = make(y as i32, m as u8, d as u8) {
                        return Some(date);
                    }
                }
            }
        }
        i += 1;
    }
    None
}

// ---------------------------------------------------------------------------
// Human dates in short texts.

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// Digits: value, number of digits; `ordinal` when a suffix like "th" followed.
    Num {
        v: u32,
        n: u8,
        ordinal: bool,
    },
    /// A word, lowercased (its first 24 bytes and the character that
    /// crosses them).
    Word(Word),
    Punct(char),
}

/// A lowercased word held in place: tokens need no allocation.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    buf: [u8; 40],
    len: u8,
}

impl Word {
    fn new() -> Word {
        Word {
            buf: [0; 40],
            len: 0,
        }
    }

    /// Appends `c` (whole, or not at all when it does not fit).
    fn push(&mut self, c: char) {
        let at = usize::from(self.len);
        if let Some(dst) = self.buf.get_mut(at..at + c.len_utf8()) {
            c.encode_utf8(dst);
            self.len += c.len_utf8() as u8;
        }
    }

    fn len(&self) -> usize {
        usize::from(self.len)
    }

    fn as_str(&self) -> &str {
        self.buf
            .get(..self.len())
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

#[cfg(test)]
impl From<&str> for Word {
    fn from(s: &str) -> Word {
        let mut w = Word::new();
        s.chars().for_each(|c| w.push(c));
        w
    }
}

/// Tokens with a flag for "preceded by whitespace", read on demand: a
/// search that stops at the first date reads little past it.
struct Tokenizer<'s> {
    rest: &'s str,
    space: bool,
}

impl<'s> Tokenizer<'s> {
    fn new(s: &'s str) -> Tokenizer<'s> {
        Tokenizer {
            rest: s,
            space: false,
        }
    }

    /// The next token, with whether whitespace preceded it.
    fn next_token(&mut self) -> Option<(Tok, bool)> {
        loop {
            let mut chars = self.rest.chars();
            let c = chars.next()?;
            if c.is_whitespace() {
                self.space = true;
                self.rest = chars.as_str();
                continue;
            }
            let space = std::mem::replace(&mut self.space, false);
            if c.is_ascii_digit() {
                let bytes = self.rest.as_bytes();
                let len = bytes
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(bytes.len());
                let (mut v, mut n) = (0u32, 0u8);
                for &b in bytes.get(..len).unwrap_or(&[]) {
                    v = v.saturating_mul(10).saturating_add(u32::from(b - b'0'));
                    n = n.saturating_add(1);
                }
                self.rest = self.rest.get(len..).unwrap_or("");
                // Ordinal suffixes: 1st 2nd 3rd 4th 1er 1re 1º.
                let mut suffix = [0u8; 8];
                let mut slen = 0usize;
                let mut look = self.rest.chars();
                loop {
                    let before = look.as_str();
                    match look.next() {
                        Some(d) if is_letter(d) && slen < 4 => {
                            let enc = d.to_ascii_lowercase().encode_utf8(&mut [0u8; 4]).len();
                            if let Some(dst) = suffix.get_mut(slen..slen + enc) {
                                d.to_ascii_lowercase().encode_utf8(dst);
                            }
                            slen += enc;
                        }
                        _ => {
                            look = before.chars();
                            break;
                        }
                    }
                }
                let suffix = std::str::from_utf8(suffix.get(..slen).unwrap_or(&[])).unwrap_or("");
                let ordinal = matches!(
                    suffix,
                    "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "º" | "ª"
                );
                if ordinal {
                    self.rest = look.as_str();
                }
                return Some((Tok::Num { v, n, ordinal }, space));
            }
            if is_letter(c) {
                let mut w = Word::new();
                let mut look = self.rest;
                // ASCII letters bytewise; other characters decoded.
                while let Some(&b) = look.as_bytes().first() {
                    if b.is_ascii() {
                        if !b.is_ascii_alphabetic() {
                            break;
                        }
                        if w.len() < 24 {
                            w.push(char::from(b.to_ascii_lowercase()));
                        }
                        look = look.get(1..).unwrap_or("");
                        continue;
                    }
                    let mut chars = look.chars();
                    match chars.next() {
                        Some(d) if is_letter(d) => {
                            if w.len() < 24 {
                                d.to_lowercase().for_each(|l| w.push(l));
                            }
                            look = chars.as_str();
                        }
                        _ => break,
                    }
                }
                self.rest = look;
                return Some((Tok::Word(w), space));
            }
            self.rest = chars.as_str();
            return Some((Tok::Punct(c), space));
        }
    }
}

/// `c.is_alphabetic()`, answered without the table search for ASCII, the
/// Latin-1 and Latin Extended letters, general punctuation and the big
/// blocks of letters (CJK ideographs, Hangul syllables, basic Cyrillic).
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{BF}' => matches!(c, 'ª' | 'µ' | 'º'),
        '\u{C0}'..='\u{24F}' => !matches!(c, '×' | '÷'),
        '\u{2000}'..='\u{206F}' => false,
        '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{0410}'..='\u{044F}' => true,
        _ => c.is_alphabetic(),
    }
}

/// All tokens of `s`, at most `max_tokens` (the reference for the
/// on-demand reading in [`scan_dates`]).
#[cfg(test)]
fn tokenize(s: &str, max_tokens: usize) -> Vec<(Tok, bool)> {
    let mut t = Tokenizer::new(s);
    let mut out = Vec::new();
    while out.len() < max_tokens {
        match t.next_token() {
            Some(tok) => out.push(tok),
            None => break,
        }
    }
    out
}

/// Every month name [`month_of`] knows, with its month.
const MONTH_NAMES: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("января", 1),
    ("январь", 1),
    ("leden", 1),
    ("ledna", 1),
    ("styczeń", 1),
    ("stycznia", 1),
    ("february", 2),
    ("feb", 2),
    ("febr", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fév", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("februari", 2),
    ("февраля", 2),
    ("февраль", 2),
    ("únor", 2),
    ("února", 2),
    ("lutego", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("maart", 3),
    ("mrt", 3),
    ("марта", 3),
    ("март", 3),
    ("březen", 3),
    ("března", 3),
    ("marca", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("апреля", 4),
    ("апрель", 4),
    ("duben", 4),
    ("dubna", 4),
    ("kwietnia", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mag", 5),
    ("maio", 5),
    ("mei", 5),
    ("мая", 5),
    ("май", 5),
    ("květen", 5),
    ("května", 5),
    ("maja", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("giu", 6),
    ("junho", 6),
    ("июня", 6),
    ("июнь", 6),
    ("červen", 6),
    ("června", 6),
    ("czerwca", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("lug", 7),
    ("julho", 7),
    ("июля", 7),
    ("июль", 7),
    ("červenec", 7),
    ("července", 7),
    ("lipca", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("августа", 8),
    ("август", 8),
    ("srpen", 8),
    ("srpna", 8),
    ("sierpnia", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("set", 9),
    ("setembro", 9),
    ("сентября", 9),
    ("сентябрь", 9),
    ("září", 9),
    ("września", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("outubro", 10),
    ("out", 10),
    ("октября", 10),
    ("октябрь", 10),
    ("říjen", 10),
    ("října", 10),
    ("października", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("ноября", 11),
    ("ноябрь", 11),
    ("listopad", 11),
    ("listopadu", 11),
    ("listopada", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    ("декабря", 12),
    ("декабрь", 12),
    ("prosinec", 12),
    ("prosince", 12),
    ("grudnia", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("شباط", 2),
    ("مارس", 3),
    ("آذار", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("نيسان", 4),
    ("مايو", 5),
    ("أيار", 5),
    ("يونيو", 6),
    ("حزيران", 6),
    ("يوليو", 7),
    ("تموز", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("آب", 8),
    ("سبتمبر", 9),
    ("أيلول", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
];

/// The month a word names, in the languages supported.
pub fn month_of(w: &str) -> Option<u8> {
    // One hash lookup instead of a chain of string comparisons: this runs
    // on every word of the texts searched for dates.
    static MONTHS: std::sync::OnceLock<FastMap<&'static str, u8>> = std::sync::OnceLock::new();
    if w.len() > MAX_MONTH_BYTES {
        return None;
    }
    MONTHS
        .get_or_init(|| MONTH_NAMES.iter().copied().collect())
        .get(w)
        .copied()
}

/// The longest name in [`MONTH_NAMES`], in bytes.
const MAX_MONTH_BYTES: usize = 16;

/// Filler words allowed between a date's parts ("7 de enero de 2025",
/// "the 7th of January").
fn is_filler(w: &str) -> bool {
    matches!(w, "de" | "of" | "del" | "di" | "the" | "den" | "le" | "el")
}

/// Order for ambiguous all-number dates like 03/04/2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumOrder {
    /// Day first unless impossible (most of the world).
    #[default]
    DayFirst,
    /// Month first with `/` (United States).
    MonthFirst,
}

/// The first date found in a short text, with the time that follows it.
pub fn find_date(s: &str) -> Option<Date> {
    find_date_with(s, NumOrder::DayFirst)
}

/// [`find_date`] with an explicit order for ambiguous numeric dates.
pub fn find_date_with(s: &str, order: NumOrder) -> Option<Date> {
    find_dates(s, order, 1).into_iter().next()
}

/// Up to `max` dates found in `s`, in order. The scan is linear in the
/// text's length.
pub fn find_dates(s: &str, order: NumOrder, max: usize) -> Vec<Date> {
    scan_dates(s, order, false, max)
}

/// [`find_date_with`] that also reads two-digit years in all-number dates
/// ("8.5.12", "28.09.19", "12/05/19"): for texts already known to be date
/// lines (a dateline element, the lines around the headline), where such a
/// short form is a date rather than a version or a score.
pub fn find_date_short(s: &str, order: NumOrder) -> Option<Date> {
    scan_dates(s, order, true, 1).into_iter().next()
}

/// Tokens read at most from one text.
const MAX_TOKENS: usize = 20_000;

/// Tokens past a date's first one that [`date_at`] and [`time_at`] may
/// read (at most about 40, with [`MAX_FILLERS`] bounding the filler runs).
const LOOKAHEAD: usize = 64;

/// Filler words read in a row between a date's parts.
const MAX_FILLERS: usize = 8;

fn scan_dates(s: &str, order: NumOrder, short: bool, max: usize) -> Vec<Date> {
    // Every date has a number in ASCII digits.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut tokenizer = Tokenizer::new(s);
    let mut toks: Vec<(Tok, bool)> = Vec::new();
    let mut exhausted = false;
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // Tokens are read as far as the patterns at `i` can look.
        while !exhausted && toks.len() < MAX_TOKENS && toks.len() < i + LOOKAHEAD {
            match tokenizer.next_token() {
                Some(t) => toks.push(t),
                None => exhausted = true,
            }
        }
        if i >= toks.len() || out.len() >= max {
            break;
        }
        match dated_at(&toks, i, order, short) {
            Some((date, next)) => {
                out.push(date);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The date (with the time right after it, if any) starting at token `i`,
/// and the index of the token after them.
fn dated_at(toks: &[(Tok, bool)], i: usize, order: NumOrder, short: bool) -> Option<(Date, usize)> {
    let (mut date, next) = date_at(toks, i, order, short)?;
    let after = time_at(toks, next);
    date.time = after.map(|(t, _)| t);
    Some((date, after.map(|(_, n)| n).unwrap_or(next)))
}

fn num(t: Option<&(Tok, bool)>) -> Option<(u32, u8, bool)> {
    match t {
        Some((Tok::Num { v, n, ordinal }, _)) => Some((*v, *n, *ordinal)),
        _ => None,
    }
}

fn punct(t: Option<&(Tok, bool)>) -> Option<char> {
    match t {
        Some((Tok::Punct(c), _)) => Some(*c),
        _ => None,
    }
}

fn word(t: Option<&(Tok, bool)>) -> Option<&str> {
    match t {
        Some((Tok::Word(w), _)) => Some(w.as_str()),
        _ => None,
    }
}

/// Whether token `i` has no space before it.
fn tight(toks: &[(Tok, bool)], i: usize) -> bool {
    toks.get(i).is_some_and(|t| !t.1)
}

fn year_of(v: u32, n: u8) -> Option<i32> {
    (n == 4).then_some(v as i32)
}

/// The full year of a two-digit one: this century unless that is in the
/// future, else the last (which [`make`] then bounds by [`MIN_YEAR`]).
fn two_digit_year(v: u32) -> Option<i32> {
    if v > 99 {
        return None;
    }
    let this = today().0;
    let y = 2000 + v as i32;
    Some(if y <= this { y } else { y - 100 })
}

/// A date starting at token `i`: the date and the index after it.
fn date_at(toks: &[(Tok, bool)], i: usize, order: NumOrder, short: bool) -> Option<(Date, usize)> {
    // A number preceded by a digit group joined by punctuation is the tail of
    // something else (a phone number, a version).
    let first = toks.get(i)?;
    match &first.0 {
        Tok::Num { v, n, ordinal } => {
            let (v, n, ordinal) = (*v, *n, *ordinal);
            if i > 0 && tight(toks, i) {
                if let Some(c) = punct(toks.get(i - 1)) {
                    if matches!(c, '.' | '/' | '-' | ':' | ',')
                        && num(toks.get(i.wrapping_sub(2))).is_some()
                    {
                        return None;
                    }
                }
            }
            // Numeric: Y-M-D, D.M.Y, M/D/Y.
            if !ordinal {
                if let (Some(s1), Some((b, bn, false)), Some(s2), Some((c, cn, false))) = (
                    punct(toks.get(i + 1)),
                    num(toks.get(i + 2)),
                    punct(toks.get(i + 3)),
                    num(toks.get(i + 4)),
                ) {
                    let joined = tight(toks, i + 1)
                        && tight(toks, i + 2)
                        && tight(toks, i + 3)
                        && tight(toks, i + 4);
                    // "01. 02. 2022" with spaces is also common in German.
                    let dotted_loose = s1 == '.' && s2 == '.';
                    if s1 == s2
                        && matches!(s1, '-' | '/' | '.')
                        && (joined || dotted_loose)
                        && bn <= 2
                        && cn >= 1
                    {
                        // Trailing digits glued on make it something else.
                        let tail_ok = !(tight(toks, i + 5)
                            && matches!(punct(toks.get(i + 5)), Some('.' | '/' | '-'))
                            && num(toks.get(i + 6)).is_some());
                        if n == 4 && cn <= 2 && tail_ok {
                            if let Some(d) = make(v as i32, b as u8, c as u8) {
                                return Some((d, i + 5));
                            }
                        }
                        // A two-digit year only where asked for, and only
                        // written tight ("28.09.19", not "28. 09. 19").
                        let short_year = (short && cn == 2 && joined && s1 != '-')
                            .then(|| two_digit_year(c))
                            .flatten();
                        if n <= 2 && (cn == 4 || short_year.is_some()) && tail_ok {
                            let y = short_year.unwrap_or(c as i32);
                            let (a, b) = (v as u8, b as u8);
                            let month_first =
                                b > 12 || (a <= 12 && s1 == '/' && order == NumOrder::MonthFirst);
                            let (day, month) = if month_first { (b, a) } else { (a, b) };
                            if let Some(d) = make(y, month, day) {
                                return Some((d, i + 5));
                            }
                        }
                    }
                }
            }
            // YYYY年M月D日 (Chinese, Japanese), YYYY년 M월 D일 (Korean).
            if n == 4 {
                let unit = |k: usize, c: char| word(toks.get(k)).is_some_and(|w| w.starts_with(c));
                if let (Some((m, mn, _)), Some((d, dn, _))) =
                    (num(toks.get(i + 2)), num(toks.get(i + 4)))
                {
                    let cjk = unit(i + 1, '年') && unit(i + 3, '月') && unit(i + 5, '日');
                    let korean = unit(i + 1, '년') && unit(i + 3, '월') && unit(i + 5, '일');
                    if (cjk || korean) && mn <= 2 && dn <= 2 {
                        if let Some(date) = make(v as i32, m as u8, d as u8) {
                            return Some((date, i + 6));
                        }
                    }
                }
            }
            // D [.] [de|of] Month [.|,] [de] YYYY
            if n <= 2 && (1..=31).contains(&v) {
                let mut j = i + 1;
                if punct(toks.get(j)) == Some('.') {
                    j += 1;
                }
                let run_end = j + MAX_FILLERS;
                while j < run_end && word(toks.get(j)).is_some_and(is_filler) {
                    j += 1;
                }
                if let Some(m) = word(toks.get(j)).and_then(month_of) {
                    j += 1;
                    if punct(toks.get(j)) == Some('.') {
                        j += 1;
                    }
                    if punct(toks.get(j)) == Some(',') {
                        j += 1;
                    }
                    let run_end = j + MAX_FILLERS;
                    while j < run_end && word(toks.get(j)).is_some_and(is_filler) {
                        j += 1;
                    }
                    if let Some((y, yn, false)) = num(toks.get(j)) {
                        if let Some(y) = year_of(y, yn) {
                            if let Some(d) = make(y, m, v as u8) {
                                return Some((d, j + 1));
                            }
                        }
                    }
                }
            }
            None
        }
        Tok::Word(w) => {
            let m = month_of(w.as_str())?;
            // Month [.] D[,] YYYY
            let mut j = i + 1;
            if punct(toks.get(j)) == Some('.') {
                j += 1;
            }
            let run_end = j + MAX_FILLERS;
            while j < run_end && word(toks.get(j)).is_some_and(is_filler) {
                j += 1;
            }
            let (d, dn, _) = num(toks.get(j))?;
            if dn > 2 {
                return None;
            }
            j += 1;
            if punct(toks.get(j)) == Some(',') {
                j += 1;
            }
            let (y, yn, ord) = num(toks.get(j))?;
            if ord {
                return None;
            }
            let y = year_of(y, yn)?;
            let date = make(y, m, d as u8)?;
            Some((date, j + 1))
        }
        Tok::Punct(_) => None,
    }
}

/// A time of day starting at or shortly after token `i` ("at 6:01 am",
/// ", 10:52 Uhr", "- 15h30", "3:46 PM EST", "10:00:00 +0000").
fn time_at(toks: &[(Tok, bool)], i: usize) -> Option<(Time, usize)> {
    let mut j = i;
    // Skip up to three connector tokens.
    for _ in 0..3 {
        match toks.get(j) {
            Some((Tok::Punct(',' | '-' | '|' | '–' | '·' | '@' | '/'), _)) => j += 1,
            Some((Tok::Word(w), _))
                if matches!(
                    w.as_str(),
                    "at" | "um"
                        | "à"
                        | "a"
                        | "las"
                        | "om"
                        | "alle"
                        | "ore"
                        | "às"
                        | "kl"
                        | "klo"
                        | "le"
                        | "в"
                ) =>
            {
                j += 1
            }
            _ => break,
        }
    }
    let (h, hn, _) = num(toks.get(j))?;
    if hn > 2 || h > 23 {
        return None;
    }
    let sep = punct(toks.get(j + 1));
    let sep_word = word(toks.get(j + 1));
    if !(sep == Some(':') || sep == Some('.') || sep_word == Some("h")) || !tight(toks, j + 1) {
        return None;
    }
    let (m, mn, _) = num(toks.get(j + 2))?;
    if mn != 2 || m > 59 {
        return None;
    }
    let mut k = j + 3;
    let mut sec = 0;
    if punct(toks.get(k)) == Some(':') && tight(toks, k) {
        if let Some((s, 2, _)) = num(toks.get(k + 1)) {
            if s < 60 {
                sec = s;
            }
            k += 2;
        }
    }
    let mut hour = h;
    // am / pm / a.m. / p.m.
    match word(toks.get(k)) {
        Some("am") | Some("a") => {
            if hour == 12 {
                hour = 0;
            }
            k += 1;
            if word(toks.get(k)) == Some("am") {
                k += 1;
            }
        }
        Some("pm") | Some("p") => {
            if hour < 12 {
                hour += 12;
            }
            k += 1;
        }
        _ => {}
    }
    // "a.m." leaves ". m ." tokens.
    if punct(toks.get(k)) == Some('.') && word(toks.get(k + 1)) == Some("m") {
        k += 2;
        if punct(toks.get(k)) == Some('.') {
            k += 1;
        }
    }
    // Offset: zone word, or +hhmm / +hh:mm.
    let mut offset = None;
    if let Some(w) = word(toks.get(k)) {
        if let Some(off) = zone_offset(w) {
            offset = Some(off);
            k += 1;
            if let (Some(c @ ('+' | '-')), Some((oh, ohn, _))) =
                (punct(toks.get(k)), num(toks.get(k + 1)))
            {
                let sign: i16 = if c == '-' { -1 } else { 1 };
                if ohn <= 2 && oh <= 14 {
                    offset = Some(off + sign * oh as i16 * 60);
                    k += 2;
                } else if ohn == 4 && oh / 100 <= 14 {
                    offset = Some(off + sign * ((oh / 100) as i16 * 60 + (oh % 100) as i16));
                    k += 2;
                }
            }
        }
    } else if let (Some(c @ ('+' | '-')), Some((o, on, _))) =
        (punct(toks.get(k)), num(toks.get(k + 1)))
    {
        let sign: i16 = if c == '-' { -1 } else { 1 };
        if on == 4 && o / 100 <= 14 && o % 100 < 60 {
            offset = Some(sign * ((o / 100) as i16 * 60 + (o % 100) as i16));
            k += 2;
        } else if on == 2 && o <= 14 {
            let mut mins = 0;
            if punct(toks.get(k + 2)) == Some(':') {
                if let Some((mm, 2, _)) = num(toks.get(k + 3)) {
                    mins = mm as i16;
                    k += 2;
                }
            }
            offset = Some(sign * (o as i16 * 60 + mins));
            k += 2;
        }
    }
    Some((
        Time {
            hour: hour as u8,
            minute: m as u8,
            second: sec as u8,
            offset,
        },
        k,
    ))
}

/// What the page shows at its headline, and what it declares: the inputs of
/// [`shown_update`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Shown {
    /// The declared publication date (JSON-LD, meta, itemprop).
    pub declared: Option<Date>,
    /// The date in the page's URL path.
    pub url: Option<Date>,
    /// The publication date shown next to the headline.
    pub near: Option<Date>,
    /// The date next to the headline labelled as an update.
    pub near_update: Option<Date>,
    /// The first dated element shown (not an update line).
    pub first: Option<Date>,
    /// The first dated element labelled as an update.
    pub first_update: Option<Date>,
}

/// Longest gap, in days, between a publication and an update that still
/// re-dates the page: an update years later is the upkeep of an old
/// article (a template change, a new CMS), not a new edition of it.
const MAX_UPDATE_GAP_DAYS: i64 = 3 * 365;

/// The update day that stands in for the publication day: when the page
/// shows no publication date at its headline but an "Updated …" line (or,
/// with no dated element at all, only an update line), it presents itself
/// as of that update, and that is the day a reader dates it by. Only for a
/// declared publication that the URL does not confirm (a dated path is a
/// second, independent witness of the first edition), and only for an
/// update on or after it within [`MAX_UPDATE_GAP_DAYS`].
pub fn shown_update(s: &Shown) -> Option<Date> {
    if s.near.is_some() {
        return None;
    }
    let update = s
        .near_update
        .or_else(|| s.first.is_none().then_some(s.first_update).flatten())?;
    let declared = s.declared?;
    if s.url.is_some_and(|u| u.day_key() == declared.day_key()) {
        return None;
    }
    let gap = day_number(&update) - day_number(&declared);
    (1..=MAX_UPDATE_GAP_DAYS).contains(&gap).then_some(update)
}

/// Labels of a date that belongs to a person rather than the page: a forum
/// profile's registration ("Registriert: 18.09.2008"), a member's first day.
const MEMBER_LABELS: &[&str] = &[
    "registriert",
    "registered",
    "joined",
    "member since",
    "mitglied seit",
    "dabei seit",
    "beigetreten",
    "inscrit",
    "inscription",
    "registrado",
    "iscritto",
    "lid sinds",
];

/// Whether the end of `before` (the words just before a date) labels it as
/// someone's registration or membership.
pub fn labels_membership(before: &str) -> bool {
    tail_names_any(before, MEMBER_LABELS)
}

/// Whether the last 30 or so characters of `before`, lower-cased, contain
/// one of `words` (the label just before a date).
pub(crate) fn tail_names_any(before: &str, words: &[&str]) -> bool {
    let lower = before.to_lowercase();
    let start = lower
        .char_indices()
        .rev()
        .nth(30)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let tail = lower.get(start..).unwrap_or("");
    words.iter().any(|w| tail.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_value(s).map(|d| d.to_iso())
    }

    fn day(y: i32, m: u8, d: u8) -> Option<Date> {
        make_until(y, m, d, (2030, 1, 1))
    }

    #[test]
    fn a_shown_update_without_a_shown_publication_dates_the_page() {
        let base = Shown {
            declared: day(2019, 10, 15),
            near_update: day(2020, 3, 12),
            ..Shown::default()
        };
        assert_eq!(shown_update(&base), day(2020, 3, 12));
        // A publication date shown at the headline keeps its say.
        let shown_pub = Shown {
            near: day(2019, 10, 15),
            ..base
        };
        assert_eq!(shown_update(&shown_pub), None);
        // The URL confirms the declared day.
        let dated_url = Shown {
            url: day(2019, 10, 15),
            ..base
        };
        assert_eq!(shown_update(&dated_url), None);
        // Upkeep years later is not a new edition.
        let late = Shown {
            near_update: day(2024, 1, 7),
            ..base
        };
        assert_eq!(shown_update(&late), None);
        // An "update" before the publication is not one.
        let before = Shown {
            near_update: day(2019, 1, 7),
            ..base
        };
        assert_eq!(shown_update(&before), None);
        // Without a declared publication there is nothing to replace.
        let undeclared = Shown {
            declared: None,
            ..base
        };
        assert_eq!(shown_update(&undeclared), None);
        // A first update line counts only when no other date is shown.
        let first = Shown {
            near_update: None,
            first_update: day(2020, 5, 6),
            ..base
        };
        assert_eq!(shown_update(&first), day(2020, 5, 6));
        let with_first = Shown {
            first: day(2019, 10, 15),
            ..first
        };
        assert_eq!(shown_update(&with_first), None);
    }

    #[test]
    fn membership_labels() {
        assert!(labels_membership("Beiträge: 1626 Registriert: "));
        assert!(labels_membership("Joined "));
        assert!(labels_membership("Member since"));
        assert!(!labels_membership("Beitrag von r23 » "));
        assert!(!labels_membership("Published "));
        // Only the words just before the date count.
        let far = format!("Registriert: {} von ", "x".repeat(40));
        assert!(!labels_membership(&far));
    }

    #[test]
    fn iso_values_keep_time_and_offset() {
        assert_eq!(
            iso("2021-11-01T10:52:50+0100").as_deref(),
            Some("2021-11-01T10:52:50+01:00")
        );
        assert_eq!(
            iso("2015-03-27T13:07:55.096Z").as_deref(),
            Some("2015-03-27T13:07:55+00:00")
        );
        assert_eq!(
            iso("2017-11-03 03:01:00.000000").as_deref(),
            Some("2017-11-03T03:01:00")
        );
        assert_eq!(iso("2024-06-25").as_deref(), Some("2024-06-25"));
        assert_eq!(
            iso("2019-04-28T06:01:07-07:00").as_deref(),
            Some("2019-04-28T06:01:07-07:00")
        );
        assert_eq!(iso("20220121").as_deref(), Some("2022-01-21"));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(iso("0000-00-00"), None);
        assert_eq!(iso("32/13/2022"), None);
        assert_eq!(iso("2022-02-30"), None);
        assert_eq!(iso("2021-02-29"), None);
        assert_eq!(iso("2999-01-01"), None);
        assert_eq!(iso("1970-01-01"), None);
        assert_eq!(iso("9999-12-31T23:59:59Z"), None);
        assert_eq!(iso("2020-02-29").as_deref(), Some("2020-02-29"));
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in [0i64, 59, 60, 365, 10_957, 19_000, 20_000] {
            let (y, m, d) = civil_from_days(days);
            let date = Date {
                year: y,
                month: m,
                day: d,
                time: None,
            };
            assert_eq!(day_number(&date), days);
        }
    }

    #[test]
    fn two_digit_years_only_where_asked() {
        let short = |s: &str| find_date_short(s, NumOrder::DayFirst).map(|d| d.to_iso());
        assert_eq!(short("Party, 30.10.23").as_deref(), Some("2023-10-30"));
        assert_eq!(short("Schöppner, 8.5.12").as_deref(), Some("2012-05-08"));
        assert_eq!(
            short("28.09.19 12:44").as_deref(),
            Some("2019-09-28T12:44:00")
        );
        assert_eq!(
            find_date_short("12/05/19", NumOrder::MonthFirst)
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2019-12-05")
        );
        // Before the earliest plausible year, spaced out, or glued to more
        // digits: not a date.
        assert_eq!(short("01.02.90"), None);
        assert_eq!(short("28. 09. 19"), None);
        assert_eq!(short("version 1.2.10.4"), None);
        assert_eq!(short("12-05-19"), None);
        // Ordinary searches never read two-digit years.
        assert_eq!(find_date("Party, 30.10.23"), None);
        // Four-digit years still work in the short mode.
        assert_eq!(short("am 05.02.2020").as_deref(), Some("2020-02-05"));
    }

    #[test]
    fn other_calendars_are_not_read_as_gregorian() {
        // Buddhist era (Thailand), solar and lunar Hijri years.
        assert_eq!(parse_value("2565-03-01"), None);
        assert_eq!(parse_value("1401/05/10"), None);
        assert_eq!(find_date("11 Safar 1444"), None);
        assert_eq!(find_date("1 มีนาคม 2565"), None);
    }

    #[test]
    fn far_future_relative_to_a_fixed_today() {
        assert!(make_until(2023, 5, 2, (2023, 5, 1)).is_some());
        assert!(make_until(2023, 5, 3, (2023, 5, 1)).is_none());
        assert!(make_until(2024, 1, 1, (2023, 12, 31)).is_some());
    }

    #[test]
    fn human_dates_in_several_languages() {
        assert_eq!(iso("January 7, 2025").as_deref(), Some("2025-01-07"));
        assert_eq!(
            iso("Published: Jan. 7th, 2025").as_deref(),
            Some("2025-01-07")
        );
        assert_eq!(iso("7. Januar 2021").as_deref(), Some("2021-01-07"));
        assert_eq!(
            iso("le 3 février 2020 à 10h30").as_deref(),
            Some("2020-02-03T10:30:00")
        );
        assert_eq!(iso("3 de marzo de 2020").as_deref(), Some("2020-03-03"));
        assert_eq!(
            iso("Stand: 24.12.2019, 16:05 Uhr").as_deref(),
            Some("2019-12-24T16:05:00")
        );
        assert_eq!(
            iso("Tue, 21 Jan 2020 10:00:00 +0000").as_deref(),
            Some("2020-01-21T10:00:00+00:00")
        );
        assert_eq!(
            iso("March 11, 2015 3:46 PM EST").as_deref(),
            Some("2015-03-11T15:46:00-05:00")
        );
        assert_eq!(
            iso("April 28, 2019 at 6:01 am").as_deref(),
            Some("2019-04-28T06:01:00")
        );
        assert_eq!(iso("12 mei 2020").as_deref(), Some("2020-05-12"));
        assert_eq!(
            iso("2020年7月3日 17:16").as_deref(),
            Some("2020-07-03T17:16:00")
        );
        assert_eq!(iso("2020년 7월 3일").as_deref(), Some("2020-07-03"));
        assert_eq!(
            iso("الأربعاء، 07 أكتوبر 2020 - 12:09").as_deref(),
            Some("2020-10-07T12:09:00")
        );
    }

    #[test]
    fn numeric_order_and_noise() {
        assert_eq!(
            find_date_with("03/04/2022", NumOrder::MonthFirst)
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2022-03-04")
        );
        assert_eq!(
            find_date_with("03/04/2022", NumOrder::DayFirst)
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2022-04-03")
        );
        assert_eq!(
            find_date("25/12/2021").map(|d| d.to_iso()).as_deref(),
            Some("2021-12-25")
        );
        // Versions and phone numbers are not dates.
        assert_eq!(find_date("version 1.2.2021.5"), None);
        assert_eq!(find_date("call 12.10.2020.33"), None);
        assert_eq!(find_date("Copyright 2020"), None);
    }

    #[test]
    fn zone_abbreviations() {
        assert_eq!(
            iso("2020-05-01 10:00 CEST").as_deref(),
            Some("2020-05-01T10:00:00+02:00")
        );
        assert_eq!(
            iso("May 1, 2020 10:00 PDT").as_deref(),
            Some("2020-05-01T10:00:00-07:00")
        );
        assert_eq!(
            iso("May 1, 2020 10:00 GMT+2").as_deref(),
            Some("2020-05-01T10:00:00+02:00")
        );
        // An unknown zone leaves no offset rather than a wrong one.
        assert_eq!(
            iso("May 1, 2020 10:00 XYZ").as_deref(),
            Some("2020-05-01T10:00:00")
        );
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://x.com/2022/01/21/story")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2022-01-21")
        );
        assert_eq!(
            from_url("https://x.com/news/20220121-story")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2022-01-21")
        );
        assert_eq!(
            from_url("https://x.com/news/20220121/story")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2022-01-21")
        );
        assert_eq!(
            from_url("https://x.com/a/2022-01-21-story")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2022-01-21")
        );
        assert_eq!(from_url("https://x.com/id/123456789012"), None);
        assert_eq!(from_url("https://x.com/2022/13/45/x"), None);
        // A whole day-first segment, when the day cannot be a month.
        assert_eq!(
            from_url("https://x.org/news/meldungen/29-10-2021")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(from_url("https://x.org/news/05-06-2021"), None);
        assert_eq!(from_url("https://x.org/news/29-10-2021-story"), None);
        assert_eq!(from_url("https://x.org/id-29-10-2021"), None);
    }

    #[test]
    fn declared_slash_dates_are_month_first() {
        let iso = |s: &str, o| parse_machine(s, o).map(|d| d.to_iso());
        assert_eq!(
            iso("11/01/2023 12:43:42", NumOrder::DayFirst).as_deref(),
            Some("2023-11-01T12:43:42")
        );
        // Impossible as month first: read day first.
        assert_eq!(
            iso("25/12/2020", NumOrder::DayFirst).as_deref(),
            Some("2020-12-25")
        );
        assert_eq!(
            iso("01.11.2023", NumOrder::MonthFirst).as_deref(),
            Some("2023-11-01")
        );
        assert_eq!(
            iso("2023-11-01", NumOrder::DayFirst).as_deref(),
            Some("2023-11-01")
        );
        assert_eq!(iso("1/", NumOrder::DayFirst), None);
    }

    #[test]
    fn garbage_does_not_panic() {
        for s in [
            "",
            "-",
            "2020-",
            "2020-1",
            "2020-01-",
            "+",
            "T",
            "::",
            "١٢/٣/٢٠٢٠",
            "99999999999999999999/1/1",
            "31st of",
        ] {
            let _ = parse_value(s);
            let _ = from_url(s);
        }
        let long = "1/".repeat(50_000);
        assert!(find_dates(&long, NumOrder::DayFirst, 10).is_empty());
    }

    /// [`scan_dates`] over every token read up front, as it was before the
    /// tokens were read on demand.
    fn scan_all_tokens(s: &str, order: NumOrder, short: bool, max: usize) -> Vec<Date> {
        let toks = tokenize(s, MAX_TOKENS);
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() && out.len() < max {
            match dated_at(&toks, i, order, short) {
                Some((date, next)) => {
                    out.push(date);
                    i = next;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The tokenizer as it was: every token up front.
    fn tokenize_before(s: &str, max_tokens: usize) -> Vec<(Tok, bool)> {
        let mut out = Vec::new();
        let mut chars = s.char_indices().peekable();
        let mut space = false;
        while let Some(&(_, c)) = chars.peek() {
            if out.len() >= max_tokens {
                break;
            }
            if c.is_whitespace() {
                space = true;
                chars.next();
                continue;
            }
            if c.is_ascii_digit() {
                let mut v: u32 = 0;
                let mut n: u8 = 0;
                while let Some(&(_, d)) = chars.peek() {
                    if let Some(x) = d.to_digit(10).filter(|_| d.is_ascii_digit()) {
                        v = v.saturating_mul(10).saturating_add(x);
                        n = n.saturating_add(1);
                        chars.next();
                    } else {
                        break;
                    }
                }
                // Ordinal suffixes: 1st 2nd 3rd 4th 1er 1re 1º.
                let mut ordinal = false;
                let mut look = chars.clone();
                let mut suffix = String::new();
                while let Some(&(_, d)) = look.peek() {
                    if d.is_alphabetic() && suffix.len() < 4 {
                        suffix.push(d.to_ascii_lowercase());
                        look.next();
                    } else {
                        break;
                    }
                }
                if matches!(
                    suffix.as_str(),
                    "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "º" | "ª"
                ) {
                    ordinal = true;
                    chars = look;
                }
                out.push((Tok::Num { v, n, ordinal }, space));
            } else if c.is_alphabetic() {
                let mut w = String::new();
                while let Some(&(_, d)) = chars.peek() {
                    if d.is_alphabetic() {
                        if w.len() < 24 {
                            w.extend(d.to_lowercase());
                        }
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push((Tok::Word(Word::from(w.as_str())), space));
            } else {
                out.push((Tok::Punct(c), space));
                chars.next();
            }
            space = false;
        }
        out
    }

    /// [`month_of`] as it was written: the reference for [`MONTH_NAMES`].
    #[cfg(test)]
    fn month_of_match(w: &str) -> Option<u8> {
        Some(match w {
            "january" | "jan" | "januar" | "jänner" | "janvier" | "janv" | "enero" | "ene"
            | "gennaio" | "gen" | "janeiro" | "januari" | "января" | "январь" | "leden"
            | "ledna" | "styczeń" | "stycznia" => 1,
            "february" | "feb" | "febr" | "februar" | "février" | "fevrier" | "févr" | "fév"
            | "febrero" | "febbraio" | "fevereiro" | "fev" | "februari" | "февраля" | "февраль"
            | "únor" | "února" | "lutego" => 2,
            "march" | "mar" | "märz" | "maerz" | "mär" | "mars" | "marzo" | "março" | "marco"
            | "maart" | "mrt" | "марта" | "март" | "březen" | "března" | "marca" => 3,
            "april" | "apr" | "avril" | "avr" | "abril" | "abr" | "aprile" | "апреля"
            | "апрель" | "duben" | "dubna" | "kwietnia" => 4,
            "may" | "mai" | "mayo" | "maggio" | "mag" | "maio" | "mei" | "мая" | "май"
            | "květen" | "května" | "maja" => 5,
            "june" | "jun" | "juni" | "juin" | "junio" | "giugno" | "giu" | "junho" | "июня"
            | "июнь" | "červen" | "června" | "czerwca" => 6,
            "july" | "jul" | "juli" | "juillet" | "juil" | "julio" | "luglio" | "lug" | "julho"
            | "июля" | "июль" | "červenec" | "července" | "lipca" => 7,
            "august" | "aug" | "août" | "aout" | "agosto" | "ago" | "augustus" | "августа"
            | "август" | "srpen" | "srpna" | "sierpnia" => 8,
            "september" | "sep" | "sept" | "septembre" | "septiembre" | "setiembre"
            | "settembre" | "set" | "setembro" | "сентября" | "сентябрь" | "září" | "września" => {
                9
            }
            "october" | "oct" | "oktober" | "okt" | "octobre" | "octubre" | "ottobre" | "ott"
            | "outubro" | "out" | "октября" | "октябрь" | "říjen" | "října" | "października" => {
                10
            }
            "november" | "nov" | "novembre" | "noviembre" | "novembro" | "ноября" | "ноябрь"
            | "listopad" | "listopadu" | "listopada" => 11,
            "december" | "dec" | "dezember" | "dez" | "décembre" | "decembre" | "déc"
            | "diciembre" | "dic" | "dicembre" | "dezembro" | "декабря" | "декабрь"
            | "prosinec" | "prosince" | "grudnia" => 12,
            _ => return arabic_month_match(w),
        })
    }

    #[cfg(test)]
    /// Arabic month names: the Egyptian/Gulf forms and the Levantine ones.
    fn arabic_month_match(w: &str) -> Option<u8> {
        Some(match w {
            "يناير" => 1,
            "فبراير" | "شباط" => 2,
            "مارس" | "آذار" => 3,
            "أبريل" | "ابريل" | "إبريل" | "نيسان" => 4,
            "مايو" | "أيار" => 5,
            "يونيو" | "حزيران" => 6,
            "يوليو" | "تموز" => 7,
            "أغسطس" | "اغسطس" | "آب" => 8,
            "سبتمبر" | "أيلول" => 9,
            "أكتوبر" | "اكتوبر" => 10,
            "نوفمبر" => 11,
            "ديسمبر" => 12,
            _ => return None,
        })
    }

    #[test]
    fn letter_blocks_are_alphabetic() {
        for c in ('\u{4E00}'..='\u{9FFF}')
            .chain('\u{AC00}'..='\u{D7A3}')
            .chain('\u{0410}'..='\u{044F}')
        {
            assert!(c.is_alphabetic(), "{c:?}");
        }
        assert!(!is_letter('1') && !is_letter('。') && is_letter('ß'));
        // The shortcuts answer as the table does, for every character.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn month_table_reads_as_the_match_did() {
        assert!(MONTH_NAMES.iter().all(|(w, _)| w.len() <= MAX_MONTH_BYTES));
        for (w, n) in MONTH_NAMES {
            assert_eq!(month_of_match(w), Some(*n), "{w}");
        }
        for w in [
            "",
            "the",
            "de",
            "janu",
            "mayo",
            "x",
            "アラビア",
            "Jan",
            "décembre",
            "ноябрь",
        ] {
            assert_eq!(month_of(w), month_of_match(w), "{w}");
        }
    }

    #[test]
    fn tokens_read_on_demand_find_what_all_tokens_find() {
        let filler = "word, 12 more; ".repeat(30);
        let texts = [
            "Published March 11, 2015 3:46 PM EST and updated 12.03.2015 10:00".to_string(),
            format!("{filler} on 7 de enero de 2025 a las 10:30 h, then 2024-02-29T10:00:00+01:00"),
            format!("{filler}{filler} 8.5.12 | 28.09.19 - 12/05/19 at 6:01 a.m. +05:30"),
            "2021年10月18日 14:03 and 2021년 3월 5일, the 7th of January 2020".to_string(),
            format!(
                "{}1 de de de de de de de de de de enero 2020",
                "x ".repeat(70)
            ),
            "Aug 3rd, 2019 — 1er mars 2018, 12h30 — 31.12.1999 23:59:59 UTC+2".to_string(),
            "3:46 12 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 2020 Jan".repeat(40),
        ];
        for t in &texts {
            for order in [NumOrder::DayFirst, NumOrder::MonthFirst] {
                for short in [false, true] {
                    for max in [1, 3, 100] {
                        assert_eq!(
                            scan_dates(t, order, short, max),
                            scan_all_tokens(t, order, short, max),
                            "{t:?}"
                        );
                    }
                }
            }
        }
        assert!(!scan_dates(&texts[0], NumOrder::DayFirst, false, 5).is_empty());
        for t in texts.iter().map(String::as_str).chain([
            "",
            "  \t",
            "1st 2ND 3rd 4th 1er 1re 1º 1ª 5e 12abcd 7Th",
            "ÄÖÜ straße İstanbul ǅ 12ǅx 9ﬁ",
            "a,b;c 1.2.3 ٣ 𝟙𝟚 x\u{a0}y",
        ]) {
            assert_eq!(
                tokenize(t, MAX_TOKENS),
                tokenize_before(t, MAX_TOKENS),
                "{t:?}"
            );
        }
    }
}

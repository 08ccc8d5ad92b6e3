//! Date mentions: weekday names, relative days and weeks, calendar dates,
//! resolved against the publication day when given.

use crate::scan::{Kind, Scan};
use copydesk_model::DateMention;

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a lower-case word is an English weekday name.
pub(crate) fn is_weekday(w: &str) -> bool {
    WEEKDAYS.contains(&w)
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Monday = 0.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

fn iso(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parses `YYYY-MM-DD` (a longer date-time is cut to its day).
pub fn parse_iso(s: &str) -> Option<i64> {
    let s = s.trim();
    let mut it = s.get(..10)?.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn valid_day(y: i64, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && {
        let (y2, m2, d2) = civil_from_days(days_from_civil(y, m, d));
        (y2, m2, d2) == (y, m, d)
    }
}

pub fn find(sc: &Scan, published: Option<&str>) -> Vec<DateMention> {
    let pub_day = published.and_then(parse_iso);
    let toks = &sc.toks;
    let mut out = Vec::new();
    let mut i = 0usize;
    let low = |k: usize| sc.low(k);
    let word_at = |k: usize| toks.get(k).filter(|t| t.kind == Kind::Word);
    while i < toks.len() {
        let Some(t) = word_at(i) else {
            i += 1;
            continue;
        };
        let w = low(i);
        let push = |out: &mut Vec<DateMention>, s: usize, e: usize, v: Option<String>| {
            out.push(DateMention {
                text: sc.slice(s, e),
                start: s,
                end: e,
                value: v,
            });
        };
        // ISO date 2022-01-21 is tokenised as one word "2022-01-21".
        if w.len() == 10 && w.as_bytes().get(4) == Some(&b'-') {
            if let Some(d) = parse_iso(w) {
                push(&mut out, t.s, t.e, Some(iso(d)));
                i += 1;
                continue;
            }
        }
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == w) {
            if !t.cap {
                i += 1;
                continue;
            }
            let prev = if i > 0 { low(i - 1) } else { "" };
            let (s, dir) = match prev {
                "next" | "this" | "coming" => (toks.get(i - 1).map(|p| p.s).unwrap_or(t.s), 1),
                "last" => (toks.get(i - 1).map(|p| p.s).unwrap_or(t.s), -1),
                _ => (t.s, 0),
            };
            let value = pub_day.map(|p| {
                let pw = weekday(p);
                let diff = wd as i64 - pw;
                let d = match dir {
                    1 => {
                        let x = diff.rem_euclid(7);
                        p + if x == 0 { 7 } else { x }
                    }
                    -1 => {
                        let x = (-diff).rem_euclid(7);
                        p - if x == 0 { 7 } else { x }
                    }
                    // News convention: a bare weekday is the last one on or before the day.
                    _ => p - (-diff).rem_euclid(7),
                };
                iso(d)
            });
            push(&mut out, s, t.e, value);
            i += 1;
            continue;
        }
        match w {
            "today" | "yesterday" | "tomorrow" | "tonight" => {
                let off = match w {
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                };
                push(&mut out, t.s, t.e, pub_day.map(|p| iso(p + off)));
                i += 1;
                continue;
            }
            "next" | "last" | "this" if low(i + 1) == "week" => {
                let e = toks.get(i + 1).map(|x| x.e).unwrap_or(t.e);
                let off = match w {
                    "next" => 7,
                    "last" => -7,
                    _ => 0,
                };
                let v = pub_day.map(|p| {
                    let monday = p - weekday(p) + off;
                    format!("{}/{}", iso(monday), iso(monday + 6))
                });
                push(&mut out, t.s, e, v);
                i += 2;
                continue;
            }
            _ => {}
        }
        // "January 21, 2022", "Jan. 21", "21 January 2022"
        if let Some(&(_, m)) = MONTHS.iter().find(|(n, _)| *n == w) {
            if t.cap {
                let mut k = i + 1;
                if sc.is_punct(k, '.') {
                    k += 1;
                }
                let day: Option<u32> = word_at(k)
                    .and_then(|x| x.low.parse().ok())
                    .filter(|d| (1..=31).contains(d));
                if let Some(day) = day {
                    let mut end = toks.get(k).map(|x| x.e).unwrap_or(t.e);
                    let mut year = None;
                    let mut nk = k + 1;
                    if sc.is_punct(nk, ',') {
                        nk += 1;
                    }
                    if let Some(y) = word_at(nk)
                        .and_then(|x| x.low.parse::<i64>().ok())
                        .filter(|y| (1000..3000).contains(y))
                    {
                        year = Some(y);
                        end = toks.get(nk).map(|x| x.e).unwrap_or(end);
                        k = nk;
                    }
                    let year = year.or_else(|| pub_day.map(|p| civil_from_days(p).0));
                    let v = year
                        .filter(|&y| valid_day(y, m, day))
                        .map(|y| iso(days_from_civil(y, m, day)));
                    push(&mut out, t.s, end, v);
                    i = k + 1;
                    continue;
                }
            }
        }
        if let Ok(day) = w.parse::<u32>() {
            if (1..=31).contains(&day) {
                if let Some(&(_, m)) = word_at(i + 1).and_then(|x| {
                    if x.cap {
                        MONTHS.iter().find(|(n, _)| *n == x.low && n.len() > 3)
                    } else {
                        None
                    }
                }) {
                    let mut end = toks.get(i + 1).map(|x| x.e).unwrap_or(t.e);
                    let mut k = i + 1;
                    let mut year = None;
                    if let Some(y) = word_at(i + 2)
                        .and_then(|x| x.low.parse::<i64>().ok())
                        .filter(|y| (1000..3000).contains(y))
                    {
                        year = Some(y);
                        end = toks.get(i + 2).map(|x| x.e).unwrap_or(end);
                        k = i + 2;
                    }
                    let year = year.or_else(|| pub_day.map(|p| civil_from_days(p).0));
                    let v = year
                        .filter(|&y| valid_day(y, m, day))
                        .map(|y| iso(days_from_civil(y, m, day)));
                    push(&mut out, t.s, end, v);
                    i = k + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        let d = days_from_civil(2022, 1, 21);
        assert_eq!(civil_from_days(d), (2022, 1, 21));
        assert_eq!(weekday(d), 4); // a Friday
    }

    #[test]
    fn relative_dates() {
        let sc = Scan::new("Talks on Friday, more next week; 3 March 2021 too.");
        let d = find(&sc, Some("2022-01-21"));
        assert_eq!(d[0].value.as_deref(), Some("2022-01-21"));
        assert_eq!(d[1].text, "next week");
        assert_eq!(d[1].value.as_deref(), Some("2022-01-24/2022-01-30"));
        assert_eq!(d[2].value.as_deref(), Some("2021-03-03"));
    }
}

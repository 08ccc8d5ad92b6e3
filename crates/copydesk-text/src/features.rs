//! Line features: shape of the line itself, of its neighbours, and of the page.
//!
//! Everything here is linear in the input: each line is scanned a bounded
//! number of times, lexicon look-ups only see a short prefix of the line.

use crate::lexicon;
use crate::lines::RawLine;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Bytes of a line looked at by the lexicon.
const LEXICON_PREFIX: usize = 240;

/// Shape statistics of one line.
#[derive(Debug, Clone, Default)]
pub struct LineStats {
    pub chars: usize,
    pub words: usize,
    /// Words plus half the ideographic characters (CJK has no spaces).
    pub eff_words: f32,
    pub sentence_ends: usize,
    pub terminal_end: bool,
    pub ends_colon: bool,
    pub ends_ellipsis: bool,
    pub ends_question: bool,
    pub starts_upper: bool,
    pub starts_lower: bool,
    pub starts_bullet: bool,
    /// `| a | b |` (a table row as some extractors print it).
    pub table_row: bool,
    /// `- item`, `* item`, `• item`, `1) item`.
    pub list_item: bool,
    /// A short comment-section header.
    pub comments_header: bool,
    /// A comment's author line ("jdoe says:") or relative timestamp ("2 days ago at 7:52").
    pub comment_marker: bool,
    /// Sign-up / subscription words (short lines only).
    pub signup_hits: usize,
    /// "About Jane Doe": the header of an author bio.
    pub about_header: bool,
    /// Reporting-credit words ("Reporting by", "contributed to this report").
    pub contrib_hits: usize,
    /// Share of upper-case letters among the cased ones, and how many there are.
    pub upper_share: f32,
    pub cased: usize,
    pub cap_ratio: f32,
    pub digit_ratio: f32,
    pub punct_ratio: f32,
    pub boiler_hits: usize,
    pub related_prefix: Option<usize>,
    pub credit_hits: usize,
    pub agency_exact: bool,
    pub placeholder: bool,
    pub date_hits: usize,
    pub byline: bool,
    pub linkish: bool,
    pub separators: usize,
    pub prose: bool,
    pub key: u64,
    pub dup_count: usize,
    /// Index of the first line with the same key.
    pub first_idx: usize,
}

fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '」' | '』' | '）' | '“'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '।')
}

/// Lower-cased prefix of at most `LEXICON_PREFIX` bytes (cut at a char boundary).
pub fn lower_prefix(text: &str) -> String {
    let mut end = text.len().min(LEXICON_PREFIX);
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default().to_lowercase()
}

/// Computes the shape of one line.
pub fn line_stats(text: &str) -> LineStats {
    let mut s = LineStats::default();
    let mut in_word = false;
    let mut word_first_upper = 0usize;
    let mut word_first_alpha = 0usize;
    let mut digits = 0usize;
    let mut puncts = 0usize;
    let mut cjk = 0usize;
    let mut upper = 0usize;
    let mut cased = 0usize;
    let mut prev: Option<char> = None;
    let mut first_alpha_seen = false;
    let mut hasher = DefaultHasher::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        s.chars += 1;
        if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                lc.hash(&mut hasher);
            }
            if is_ideographic(c) {
                cjk += 1;
            }
            if c.is_numeric() {
                digits += 1;
            }
            if !in_word {
                s.words += 1;
                in_word = true;
                if c.is_alphabetic() {
                    word_first_alpha += 1;
                    if c.is_uppercase() {
                        word_first_upper += 1;
                    }
                }
            }
            if c.is_uppercase() {
                upper += 1;
                cased += 1;
            } else if c.is_lowercase() {
                cased += 1;
            }
            if !first_alpha_seen && c.is_alphabetic() {
                first_alpha_seen = true;
                s.starts_upper = c.is_uppercase();
                s.starts_lower = c.is_lowercase();
            }
        } else {
            in_word = c == '\'' || c == '’' || c == '-';
            if in_word {
                // apostrophes and hyphens inside words do not split them
                in_word = prev.is_some_and(char::is_alphanumeric)
                    && chars.peek().is_some_and(|n| n.is_alphanumeric());
            }
            if !c.is_whitespace() {
                puncts += 1;
            }
            if is_terminal(c) {
                let next_space = chars
                    .peek()
                    .is_none_or(|n| n.is_whitespace() || is_closing(*n));
                if (next_space || is_ideographic(prev.unwrap_or(' ')))
                    && prev.is_some_and(|p| p.is_alphanumeric() || is_closing(p))
                {
                    s.sentence_ends += 1;
                }
            }
            if matches!(c, '|' | '»' | '•' | '·' | '›' | '/' | '>' | '–') {
                s.separators += 1;
            }
        }
        prev = Some(c);
    }
    s.key = hasher.finish();
    s.eff_words = s.words as f32 + cjk as f32 / 2.0;
    s.cased = cased;
    s.upper_share = if cased > 0 {
        upper as f32 / cased as f32
    } else {
        0.0
    };
    let n = s.chars.max(1) as f32;
    s.digit_ratio = digits as f32 / n;
    s.punct_ratio = puncts as f32 / n;
    s.cap_ratio = if word_first_alpha > 0 {
        word_first_upper as f32 / word_first_alpha as f32
    } else {
        0.0
    };
    let last = text.trim_end_matches(is_closing).chars().next_back();
    s.terminal_end = last.is_some_and(is_terminal);
    s.ends_colon = last.is_some_and(|c| c == ':' || c == '：');
    s.ends_ellipsis = text.ends_with("...") || text.ends_with('…');
    s.ends_question = last.is_some_and(|c| matches!(c, '?' | '？' | '؟'));
    s.starts_bullet = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '•' | '-' | '*' | '–' | '»' | '›' | '·' | '>' | '■' | '▶'));

    s.table_row = text.starts_with('|') && text.ends_with('|') && s.chars > 2;
    s.list_item = text.starts_with("- ")
        || text.starts_with("* ")
        || text.starts_with("• ")
        || text.starts_with("· ")
        || {
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            (1..=3).contains(&digits)
                && text
                    .get(digits..)
                    .is_some_and(|r| r.starts_with(") ") || r.starts_with(". "))
        };
    let lower = lower_prefix(text);
    let short = s.chars <= 300;
    if short {
        s.boiler_hits = lexicon::count_hits(&lower, &lexicon::BOILERPLATE);
        s.credit_hits = lexicon::count_hits(&lower, &lexicon::CREDIT);
        s.date_hits = lexicon::count_hits(&lower, &lexicon::DATE_WORDS);
        let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
        s.agency_exact = s.chars <= 40
            && (lexicon::AGENCIES.contains(&trimmed)
                || trimmed
                    .split(['/', ',', ';'])
                    .all(|p| lexicon::AGENCIES.contains(&p.trim())));
        s.placeholder =
            s.eff_words <= 4.0 && lexicon::count_hits(&lower, &lexicon::PLACEHOLDER) > 0;
        s.comments_header = s.eff_words <= 4.0
            && s.words.saturating_sub(usize::from(s.digit_ratio > 0.0)) <= 3
            && !s.terminal_end
            && lexicon::count_hits(&lower, &lexicon::COMMENTS) > 0;
        let trimmed_end = lower.trim_end();
        s.comment_marker = s.eff_words <= 8.0
            && (lexicon::SAYS.iter().any(|w| trimmed_end.ends_with(w))
                || (digits > 0 && lexicon::count_hits(&lower, &lexicon::AGO) > 0));
        s.byline =
            s.eff_words <= 12.0 && lexicon::starts_with_any(&lower, &lexicon::BYLINE).is_some();
        s.signup_hits = lexicon::count_hits(&lower, &lexicon::SIGNUP);
        s.contrib_hits = lexicon::count_hits(&lower, &lexicon::CONTRIB);
        s.about_header = s.eff_words <= 6.0
            && s.chars <= 60
            && !s.terminal_end
            && s.sentence_ends == 0
            && lexicon::starts_with_any(&lower, &lexicon::ABOUT).is_some_and(|len| {
                // The words after the prefix start with a capital: a name.
                let skip = lower.get(..len).map_or(0, |p| p.chars().count());
                text.chars()
                    .skip(skip)
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase)
            });
    }
    s.related_prefix = lexicon::starts_with_any(
        lower.trim_start_matches(|c: char| !c.is_alphanumeric()),
        &lexicon::RELATED_PREFIXES,
    );
    s.linkish = lower.contains("http")
        || lower.contains("www.")
        || lower.contains(".com")
        || lower.contains('@');
    s.prose =
        (s.eff_words >= 12.0 && (s.sentence_ends >= 1 || s.terminal_end)) || s.eff_words >= 30.0;
    s
}

/// Lines plus their stats, with duplicates counted.
pub struct Page<'a> {
    pub lines: Vec<RawLine<'a>>,
    pub stats: Vec<LineStats>,
}

impl<'a> Page<'a> {
    pub fn new(lines: Vec<RawLine<'a>>) -> Self {
        let mut stats: Vec<LineStats> = lines.iter().map(|l| line_stats(l.text)).collect();
        let mut seen: HashMap<u64, (usize, usize)> = HashMap::with_capacity(stats.len());
        for (i, s) in stats.iter().enumerate() {
            let e = seen.entry(s.key).or_insert((i, 0));
            e.1 += 1;
        }
        for s in stats.iter_mut() {
            if let Some(&(first, count)) = seen.get(&s.key) {
                s.dup_count = count;
                s.first_idx = first;
            }
        }
        Page { lines, stats }
    }
}

/// Number of stage-1 features.
pub const N1: usize = 49;
/// Number of stage-2 features (stage 1 plus the neighbours' stage-1 scores).
pub const N2: usize = N1 + 9;

/// Longest run of the main prose region: a maximum-sum segment over line scores.
fn main_region(stats: &[LineStats]) -> (usize, usize) {
    let mut best = (0usize, 0usize, f32::MIN);
    let mut cur_start = 0usize;
    let mut cur = 0f32;
    for (i, s) in stats.iter().enumerate() {
        let v = if s.prose {
            (s.chars.min(800) as f32) / 100.0
        } else {
            -0.35 - 0.5 * (s.boiler_hits.min(1) as f32) - if s.linkish { 0.5 } else { 0.0 }
        };
        if cur <= 0.0 {
            cur = v;
            cur_start = i;
        } else {
            cur += v;
        }
        if cur > best.2 {
            best = (cur_start, i, cur);
        }
    }
    (best.0, best.1)
}

fn b(x: bool) -> f32 {
    if x {
        1.0
    } else {
        0.0
    }
}

/// Stage-1 features for every line of the page.
pub fn stage1(page: &Page<'_>) -> Vec<[f32; N1]> {
    let st = &page.stats;
    let n = st.len();
    let mut out = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    // Prefix sums of prose lines and prose chars.
    let mut prose_pref = Vec::with_capacity(n + 1);
    let mut mass_pref = Vec::with_capacity(n + 1);
    prose_pref.push(0f32);
    mass_pref.push(0f32);
    for s in st {
        let p = b(s.prose);
        prose_pref.push(prose_pref.last().copied().unwrap_or(0.0) + p);
        mass_pref.push(mass_pref.last().copied().unwrap_or(0.0) + p * s.chars as f32);
    }
    let total_mass = mass_pref.last().copied().unwrap_or(0.0).max(1.0);
    let total_prose = prose_pref.last().copied().unwrap_or(0.0);
    let density = |i: usize, r: usize| -> f32 {
        let lo = i.saturating_sub(r);
        let hi = (i + r + 1).min(n);
        let sum =
            prose_pref.get(hi).copied().unwrap_or(0.0) - prose_pref.get(lo).copied().unwrap_or(0.0);
        sum / (hi - lo).max(1) as f32
    };
    let (rs, re) = main_region(st);
    let doc_prose_frac = total_prose / n as f32;
    let gap_frac = page.lines.iter().filter(|l| l.gap_before).count() as f32 / n as f32;
    let mean_chars = st.iter().map(|s| s.chars.min(2000) as f32).sum::<f32>() / n as f32;
    // Clamped: pages longer than this look alike (keeps huge inputs in the trained range).
    let ln_n = ((n.min(1500) as f32) + 1.0).ln() / 6.0;
    for (i, s) in st.iter().enumerate() {
        let l = page.lines.get(i);
        let prev = i.checked_sub(1).and_then(|j| st.get(j));
        let next = st.get(i + 1);
        let mass_before = mass_pref.get(i).copied().unwrap_or(0.0) / total_mass;
        let mass_after = 1.0 - mass_pref.get(i + 1).copied().unwrap_or(0.0) / total_mass;
        let in_region = i >= rs && i <= re;
        let dist_region = if in_region {
            0.0
        } else if i < rs {
            (rs - i) as f32
        } else {
            (i - re) as f32
        };
        let short_np = s.eff_words <= 6.0 && !s.terminal_end;
        let list_run =
            s.list_item && (prev.is_some_and(|p| p.list_item) || next.is_some_and(|p| p.list_item));
        let next_list = next.is_some_and(|p| p.list_item || p.table_row);
        // No prose up to and including this line / from this line on.
        let before_prose = mass_pref.get(i + 1).copied().unwrap_or(0.0) <= 0.0;
        let after_prose = mass_pref.get(i).copied().unwrap_or(0.0) >= total_mass - 0.5;
        let f = [
            1.0,
            ((s.chars as f32) + 1.0).ln() / 5.0,
            (s.eff_words + 1.0).ln() / 4.0,
            b(s.terminal_end),
            (s.sentence_ends.min(6) as f32) / 6.0,
            b(s.starts_upper),
            b(s.starts_lower),
            s.cap_ratio,
            s.digit_ratio,
            s.punct_ratio.min(0.5),
            (s.boiler_hits.min(2) as f32) / 2.0,
            b(s.related_prefix.is_some()),
            (s.credit_hits.min(2) as f32) / 2.0,
            b(s.agency_exact),
            b(s.placeholder),
            (s.date_hits.min(3) as f32) / 3.0,
            b(s.byline),
            b(s.linkish),
            (s.separators.min(4) as f32) / 4.0,
            b(s.dup_count > 1),
            b(l.is_some_and(|l| l.gap_before)),
            b(l.is_some_and(|l| l.gap_after)),
            b(prev.is_some_and(|p| p.prose)),
            b(next.is_some_and(|p| p.prose)),
            density(i, 3),
            density(i, 10),
            mass_before,
            mass_after,
            i as f32 / n as f32,
            doc_prose_frac,
            b(in_region),
            (dist_region + 1.0).ln() / 4.0,
            b(i == 0),
            ln_n,
            b(short_np),
            b(s.ends_colon || s.ends_ellipsis || s.starts_bullet),
            b(s.table_row),
            b(s.list_item),
            b(list_run),
            gap_frac,
            (mean_chars + 1.0).ln() / 7.0,
            b(short_np) * doc_prose_frac,
            b(before_prose) * doc_prose_frac,
            b(after_prose) * doc_prose_frac,
            b(s.prose) * doc_prose_frac,
            (dist_region + 1.0).ln() / 4.0 * doc_prose_frac,
            b(s.ends_colon),
            b(next_list),
            b(s.comments_header),
        ];
        out.push(f);
    }
    out
}

/// Stage-2 features: stage 1 plus the stage-1 scores of the neighbourhood.
pub fn stage2(f1: &[[f32; N1]], p1: &[f32]) -> Vec<[f32; N2]> {
    let mut out = Vec::with_capacity(p1.len());
    stage2_each(f1, p1, |row| out.push(row));
    out
}

/// Builds the stage-2 rows one at a time (no per-page matrix) and hands them to `sink`.
pub fn stage2_each(f1: &[[f32; N1]], p1: &[f32], mut sink: impl FnMut([f32; N2])) {
    let n = p1.len();
    let mut pref = Vec::with_capacity(n + 1);
    pref.push(0f32);
    for p in p1 {
        pref.push(pref.last().copied().unwrap_or(0.0) + p);
    }
    let mean = |lo: usize, hi: usize| -> f32 {
        // mean over [lo, hi)
        if hi <= lo {
            return 0.0;
        }
        (pref.get(hi).copied().unwrap_or(0.0) - pref.get(lo).copied().unwrap_or(0.0))
            / (hi - lo) as f32
    };
    // Fraction of likely-body lines before / after.
    let total = pref.last().copied().unwrap_or(0.0).max(1e-3);
    for (i, base) in f1.iter().enumerate() {
        let mut f = [0f32; N2];
        for (d, s) in f.iter_mut().zip(base.iter()) {
            *d = *s;
        }
        let p = p1.get(i).copied().unwrap_or(0.0);
        let extra = [
            p,
            p1.get(i.wrapping_sub(1)).copied().unwrap_or(0.0),
            p1.get(i + 1).copied().unwrap_or(0.0),
            mean(i.saturating_sub(3), i),
            mean(i + 1, (i + 4).min(n)),
            mean(i.saturating_sub(10), i),
            mean(i + 1, (i + 11).min(n)),
            pref.get(i).copied().unwrap_or(0.0) / total,
            1.0 - pref.get(i + 1).copied().unwrap_or(0.0) / total,
        ];
        for (d, s) in f.iter_mut().skip(N1).zip(extra.iter()) {
            *d = *s;
        }
        sink(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_of_a_sentence() {
        let s = line_stats("The minister said on Friday that the talks were frank and useful.");
        assert!(s.terminal_end);
        assert_eq!(s.sentence_ends, 1);
        assert!(s.prose);
        assert!(s.starts_upper);
        assert_eq!(s.words, 12);
    }

    #[test]
    fn stats_of_furniture() {
        let s = line_stats("Share on Facebook");
        assert!(!s.prose);
        assert!(s.boiler_hits >= 1);
        let r = line_stats("READ MORE: Something happened");
        assert!(r.related_prefix.is_some());
        assert!(line_stats("Reuters").agency_exact);
        assert!(line_stats("AFP / Getty Images").agency_exact);
        assert!(!line_stats("Reuters reported a rise.").agency_exact);
        assert!(line_stats("Loading...").placeholder);
    }

    #[test]
    fn japanese_counts_as_words() {
        let s =
            line_stats("政府は金曜日、新しい経済対策を発表した。専門家は効果に疑問を示している。");
        assert!(s.eff_words > 12.0);
        assert_eq!(s.sentence_ends, 2);
        assert!(s.prose);
    }

    #[test]
    fn duplicates_are_counted_case_insensitively() {
        let lines = crate::lines::split_lines("Same line here\n\nsame LINE here!\n\nOther");
        let p = Page::new(lines);
        assert_eq!(p.stats[0].dup_count, 2);
        assert_eq!(p.stats[1].first_idx, 0);
        assert_eq!(p.stats[2].dup_count, 1);
    }

    #[test]
    fn region_prefers_the_prose_run() {
        let text = "Home\nNews\nSport\n\nThis is the first long sentence of an article about something that happened in the town.\n\nAnd this is the second long sentence of the same article, it goes on about the same event.\n\nFooter\nPrivacy";
        let p = Page::new(crate::lines::split_lines(text));
        let f = stage1(&p);
        assert_eq!(f.len(), 7);
        assert_eq!(f[0][30], 0.0);
        assert_eq!(f[3][30], 1.0);
        assert_eq!(f[4][30], 1.0);
        assert_eq!(f[6][30], 0.0);
    }
}

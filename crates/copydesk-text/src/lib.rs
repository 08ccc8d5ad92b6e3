//! Plain-text path: scraped text in, clean article out.
//!
//! ```
//! use copydesk_text::{extract_text, TextOptions};
//! let input = "Rain returns to the valley\n\nForecasters said on Monday that heavy rain would return to the valley this week, ending a long dry spell.\n\nShare on Facebook\n";
//! let doc = extract_text(input, &TextOptions::default());
//! assert!(doc.text.contains("heavy rain"));
//! assert!(!doc.text.contains("Facebook"));
//! ```
//!
//! The input is split into lines; each line gets features from its own shape
//! (length, punctuation, sentence shape, case pattern), its neighbours and the
//! page (position, repetition, density of short lines around it). A small
//! two-stage logistic model (weights in `weights.rs`, retrained by the `train`
//! example) scores each line as body or not; structural rules then pick out
//! the title and standfirst, photo captions and credits, related links,
//! placeholders, duplicates and sub-headings.

mod features;
mod lexicon;
mod lines;
mod model;
#[allow(clippy::excessive_precision)]
#[rustfmt::skip]
mod weights;

use copydesk_model::{Block, BlockKind, Document, Figure, Link, Removal, RemovalAction};
use features::{LineStats, Page};
use std::collections::HashMap;

/// Options of the plain-text path.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// Fill [`Document::removed`] with every dropped or moved line and why.
    pub explain: bool,
}

/// What became of one input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Heading,
    Title,
    Standfirst,
    Caption,
    Credit,
    Related,
    Drop(&'static str),
}

/// Internals exposed for the training example and the benchmarks. Not a stable API.
#[doc(hidden)]
pub mod internals {
    pub use crate::features::{line_stats, stage1, stage2, LineStats, Page, N1, N2};
    pub use crate::lines::{split_lines, RawLine};

    /// Stage-1 features of every non-blank line, with the line texts.
    pub fn page_features(input: &str) -> (Vec<String>, Vec<[f32; N1]>) {
        let page = Page::new(split_lines(input));
        let f = stage1(&page);
        (page.lines.iter().map(|l| l.text.to_string()).collect(), f)
    }
}

/// Inputs longer than this many bytes or lines are processed in pieces (split at a
/// line end), so memory stays bounded whatever the input: no real page comes close.
const CHUNK_BYTES: usize = 1 << 20;
const CHUNK_LINES: usize = 20_000;

/// Turns scraped text into a [`Document`].
pub fn extract_text(input: &str, opts: &TextOptions) -> Document {
    let first_end = chunk_end(input, 0);
    if first_end >= input.len() {
        return extract_inner(input, opts, None, 0, true);
    }
    let mut doc = Document::default();
    let mut start = 0usize;
    let mut line_offset = 0usize;
    let mut seen_related = std::collections::HashSet::new();
    while start < input.len() {
        let end = chunk_end(input, start).max(start + 1).min(input.len());
        let Some(piece) = input.get(start..end) else {
            break;
        };
        let part = extract_inner(piece, opts, None, line_offset, start == 0);
        if start == 0 {
            doc.title = part.title;
            doc.description = part.description;
        }
        doc.blocks.extend(part.blocks);
        doc.figures.extend(part.figures);
        for l in part.related {
            if seen_related.insert(l.text.clone()) {
                doc.related.push(l);
            }
        }
        doc.removed.extend(part.removed);
        line_offset += count_breaks(piece);
        start = end;
    }
    doc.finish_text();
    doc
}

/// Number of line breaks (`\n`, `\r\n` or `\r`) in `s`.
fn count_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', b)
        .filter(|&i| !(b.get(i) == Some(&b'\r') && b.get(i + 1) == Some(&b'\n')))
        .count()
}

/// End (exclusive, just after a line break) of the piece starting at `start`.
fn chunk_end(input: &str, start: usize) -> usize {
    let b = input.as_bytes();
    let rest = b.get(start..).unwrap_or_default();
    let mut lines = 0usize;
    for off in memchr::memchr2_iter(b'\n', b'\r', rest) {
        let at = start + off;
        // The `\r` of a `\r\n` is not a break on its own.
        if b.get(at) == Some(&b'\r') && b.get(at + 1) == Some(&b'\n') {
            continue;
        }
        lines += 1;
        if lines >= CHUNK_LINES || at + 1 - start >= CHUNK_BYTES {
            return at + 1;
        }
    }
    b.len()
}

/// Per-line trace for debugging: (line number, stage-2 score, role).
#[doc(hidden)]
pub fn trace(input: &str) -> Vec<(usize, f32, String)> {
    let mut t = Vec::new();
    extract_inner(input, &TextOptions::default(), Some(&mut t), 0, true);
    t
}

fn extract_inner(
    input: &str,
    opts: &TextOptions,
    trace: Option<&mut Vec<(usize, f32, String)>>,
    line_offset: usize,
    first_piece: bool,
) -> Document {
    let mut doc = Document::default();
    let page = Page::new(lines::split_lines(input));
    let n = page.lines.len();
    if n == 0 {
        doc.finish_text();
        return doc;
    }
    let f1 = features::stage1(&page);
    let p1: Vec<f32> = f1.iter().map(model::stage1).collect();
    let mut p2: Vec<f32> = Vec::with_capacity(n);
    features::stage2_each(&f1, &p1, |row| p2.push(model::stage2(&row)));
    drop(f1);
    drop(p1);
    let mut roles: Vec<Role> = p2
        .iter()
        .map(|p| {
            if *p >= model::THRESHOLD {
                Role::Body
            } else {
                Role::Drop("boilerplate")
            }
        })
        .collect();
    let mut related_text: HashMap<usize, String> = HashMap::new();
    let mut figures: Vec<(usize, Figure)> = Vec::new();

    if first_body(&roles).is_none() {
        // Nothing passed the threshold: the best-scored full sentence paragraph is the
        // article's best guess (a short news item lost in a long page).
        let best = page
            .stats
            .iter()
            .zip(&p2)
            .enumerate()
            .filter(|(_, (s, p))| {
                s.prose && s.terminal_end && s.boiler_hits == 0 && s.dup_count == 1 && **p > 0.05
            })
            .max_by(|a, b| (a.1).1.total_cmp((b.1).1))
            .map(|(i, _)| i);
        if let Some(i) = best {
            set(&mut roles, i, Role::Body);
        }
    }
    extend_edges(&page, &mut roles);
    keep_item_runs(&page, &mut roles);
    extend_same_shape(&page, &mut roles);
    trim_tail(&page, &mut roles);
    trim_head(&page, &mut roles);
    cut_comments(&page, &mut roles);
    drop_teaser_lists(&page, &mut roles);
    cut_closing_boxes(&page, &p2, &mut roles);
    drop_keyword_lines(&page, &mut roles);
    shouted_and_credit_lines(&page, &mut roles);
    fill_gaps(&page, &mut roles);
    apply_rules(&page, &mut roles, &mut related_text, &mut figures);
    if first_piece {
        find_title(&page, &mut roles, &mut doc);
    }
    find_headings(&page, &mut roles);
    find_teasers(&page, &mut roles);
    explain_drops(&page, &mut roles);

    if let Some(t) = trace {
        for ((l, p), r) in page.lines.iter().zip(&p2).zip(&roles) {
            t.push((l.no, *p, format!("{r:?}")));
        }
    }
    // Assemble.
    let mut related_seen = std::collections::HashSet::new();
    for (i, (line, role)) in page.lines.iter().zip(roles.iter()).enumerate() {
        let st = page.stats.get(i);
        match role {
            Role::Body => {
                if st.is_some_and(|s| s.list_item) {
                    push_list_item(&mut doc.blocks, line.text);
                } else if st.is_some_and(|s| s.table_row) {
                    push_table_row(&mut doc.blocks, line.text);
                } else if st.is_some_and(is_heading_shape) && between_body(&roles, i) {
                    doc.blocks.push(Block::heading(2, clean(line.text)));
                } else {
                    doc.blocks
                        .push(Block::new(BlockKind::Paragraph, clean(line.text)));
                }
            }
            Role::Heading => doc.blocks.push(Block::heading(2, clean(line.text))),
            Role::Related => {
                let text = related_text.remove(&i).unwrap_or_else(|| clean(line.text));
                let url = find_url(line.text);
                if !text.is_empty() && related_seen.insert(text.clone()) {
                    doc.related.push(Link { text, url });
                }
            }
            _ => {}
        }
        if opts.explain {
            let (action, reason) = match role {
                Role::Body | Role::Heading => continue,
                Role::Title => (RemovalAction::Moved, "title"),
                Role::Standfirst => (RemovalAction::Moved, "standfirst"),
                Role::Caption => (RemovalAction::Moved, "caption"),
                Role::Credit => (RemovalAction::Moved, "credit"),
                Role::Related => (RemovalAction::Moved, "related-link"),
                Role::Drop(r) => (RemovalAction::Dropped, *r),
            };
            doc.removed.push(Removal {
                text: shorten(line.text, 200),
                action,
                reason: reason.to_string(),
                line: Some(line.no + line_offset),
            });
        }
    }
    doc.figures = figures.into_iter().map(|(_, f)| f).collect();
    doc.finish_text();
    doc
}

/// Adds a `- item` line to the list block being built (or starts one).
fn push_list_item(blocks: &mut Vec<Block>, text: &str) {
    let t = text.trim_start();
    let ordered = t.chars().next().is_some_and(|c| c.is_ascii_digit());
    // Bullets are markup; numbers ("12)") are content and stay.
    let item = if ordered {
        clean(t)
    } else {
        clean(
            t.trim_start_matches(|c: char| matches!(c, '-' | '*' | '•' | '·') || c.is_whitespace()),
        )
    };
    if let Some(last) = blocks.last_mut() {
        if last.kind == BlockKind::List && last.ordered == Some(ordered) {
            last.text.push('\n');
            last.text.push_str(&item);
            last.items.push(item);
            return;
        }
    }
    blocks.push(Block::list(ordered, vec![item]));
}

/// Adds a `| a | b |` line to the table block being built (or starts one).
fn push_table_row(blocks: &mut Vec<Block>, text: &str) {
    let cells: Vec<String> = text
        .trim()
        .trim_matches('|')
        .split('|')
        .map(clean)
        .collect();
    if let Some(last) = blocks.last_mut() {
        if last.kind == BlockKind::Table {
            last.text.push('\n');
            last.text.push_str(&cells.join("\t"));
            last.rows.push(cells);
            return;
        }
    }
    blocks.push(Block::table(vec![cells]));
}

/// Collapses runs of whitespace into one space.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\0' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => {
            let mut s = clean(text.get(..at).unwrap_or_default());
            s.push('…');
            s
        }
        None => clean(text),
    }
}

fn find_url(text: &str) -> Option<String> {
    let at = text.find("http://").or_else(|| text.find("https://"))?;
    let rest = text.get(at..)?;
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | ')' | ']'))
        .unwrap_or(rest.len());
    rest.get(..end).map(str::to_string)
}

/// Short line without sentence punctuation that could be a sub-heading.
fn is_heading_shape(s: &LineStats) -> bool {
    !s.list_item
        && !s.table_row
        && s.eff_words >= 1.0
        && s.eff_words <= 12.0
        && s.chars <= 90
        && !s.terminal_end
        && !s.ends_colon
        && s.sentence_ends == 0
        && s.boiler_hits == 0
        && !s.linkish
        && !s.placeholder
        && !s.agency_exact
        && s.related_prefix.is_none()
        && s.date_hits == 0
        && s.digit_ratio < 0.3
        && !s.starts_lower
}

/// Headline-like line (title, teaser): several words, no final full stop.
fn is_headline_shape(s: &LineStats) -> bool {
    s.eff_words >= 3.0
        && s.eff_words <= 30.0
        && s.chars <= 220
        && !(s.terminal_end && s.sentence_ends > 1)
        && s.boiler_hits == 0
        && !s.linkish
        && !s.placeholder
        && !s.byline
        && s.date_hits == 0
        && !s.starts_lower
}

/// Credit line: an agency name or a short "Photo: ..." line.
fn is_credit_shape(s: &LineStats, text: &str) -> bool {
    if s.agency_exact {
        return true;
    }
    if s.credit_hits == 0 || s.eff_words > 8.0 || s.chars > 80 || s.terminal_end || s.date_hits > 0
    {
        return false;
    }
    let starts_credit = {
        let lower = features::lower_prefix(text);
        lexicon::CREDIT
            .iter()
            .any(|w| lower.starts_with(w) || lower.starts_with(&format!("{w}s")))
    };
    s.eff_words <= 8.0
        && s.chars <= 80
        && !s.terminal_end
        && s.credit_hits > 0
        && (starts_credit || text.contains(':') || text.contains('©'))
}

/// Splits a trailing "(AP)" / "(Photo: Jane Doe)" credit off a caption line.
fn trailing_credit(text: &str) -> Option<(String, String)> {
    let t = text.trim_end();
    let inner_end = t.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let inner = inner_end.get(open + 1..)?.trim();
    let before = inner_end.get(..open)?.trim();
    if inner.is_empty() || inner.chars().count() > 60 || before.is_empty() {
        return None;
    }
    let st = features::line_stats(inner);
    if is_credit_shape(&st, inner) || st.agency_exact {
        Some((clean(before), clean(inner)))
    } else {
        None
    }
}

fn caption_len_ok(s: &LineStats) -> bool {
    s.eff_words <= 60.0 && s.chars <= 400
}

fn is_movable(r: Role) -> bool {
    matches!(r, Role::Body | Role::Heading) || matches!(r, Role::Drop(x) if x != "comments")
}

/// Structural rules that hold whatever the model says.
fn apply_rules(
    page: &Page<'_>,
    roles: &mut [Role],
    related_text: &mut HashMap<usize, String>,
    figures: &mut Vec<(usize, Figure)>,
) {
    let n = page.lines.len();
    let gappy = page.lines.iter().filter(|l| l.gap_before).count() * 2 > n;
    captions_printed_twice(page, roles, figures);
    let mut i = 0usize;
    while i < n {
        let (Some(line), Some(st)) = (page.lines.get(i), page.stats.get(i)) else {
            break;
        };
        let role = roles.get(i).copied().unwrap_or(Role::Drop("boilerplate"));
        if !is_movable(role) {
            i += 1;
            continue;
        }
        if st.placeholder {
            set(roles, i, Role::Drop("placeholder"));
        } else if st.boiler_hits > 0
            && st.eff_words <= 4.0
            && !st.terminal_end
            && st.related_prefix.is_none()
        {
            // "Advertisement", "Share this article", "Sign up": furniture wherever it sits.
            let reason = if is_share_line(line.text) {
                "share-bar"
            } else {
                "boilerplate"
            };
            set(roles, i, Role::Drop(reason));
        } else if let Some(plen) = st.related_prefix.filter(|_| st.eff_words <= 30.0) {
            // Skip the prefix (at the lower-cased text's char count) in the original text.
            let lead = line
                .text
                .char_indices()
                .find(|(_, c)| c.is_alphanumeric())
                .map_or(0, |(at, _)| at);
            let prefix_chars = features::lower_prefix(line.text)
                .get(..plen.min(features::lower_prefix(line.text).len()))
                .map_or(0, |p| p.chars().count());
            let rest: String = line
                .text
                .get(lead..)
                .unwrap_or_default()
                .chars()
                .skip(prefix_chars)
                .collect();
            let rest = rest.trim_matches(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ':' | '：' | '-' | '–' | '—' | '|' | '»' | '.' | '…' | '、'
                    )
            });
            let rest_words = rest.split_whitespace().count();
            if (rest_words >= 3 || (rest_words >= 1 && rest.chars().count() >= 12))
                && !(st.terminal_end && st.sentence_ends > 1 && st.eff_words > 20.0)
            {
                set(roles, i, Role::Related);
                related_text.insert(i, clean(rest));
            } else {
                // A header of a list of links: the headline-shaped lines after it are links.
                set(roles, i, Role::Drop("related-link"));
                let mut j = i + 1;
                while j < n && j <= i + 12 {
                    let Some(sj) = page.stats.get(j) else { break };
                    let rj = roles.get(j).copied().unwrap_or(Role::Body);
                    let headline =
                        is_headline_shape(sj) && !(sj.terminal_end && sj.eff_words > 25.0);
                    // Lines the model keeps as running prose are not links.
                    let prose_body = rj == Role::Body && sj.prose && sj.terminal_end;
                    if !headline || !is_movable(rj) || prose_body {
                        break;
                    }
                    set(roles, j, Role::Related);
                    j += 1;
                }
                i = j;
                continue;
            }
        } else if is_credit_shape(st, line.text) {
            // Credit: the line before (same paragraph or just before) is its caption.
            let prev = i.checked_sub(1);
            let caption = prev.and_then(|p| {
                let ps = page.stats.get(p)?;
                let pr = roles.get(p).copied()?;
                // Only a line glued to the credit (when the page uses blank lines), a line the
                // model already dropped, or a short one is taken as the caption.
                let glued = gappy && !line.gap_before;
                let attached = glued
                    || !matches!(pr, Role::Body)
                    || ps.eff_words < 12.0
                    || near_copy_before(page, p);
                let attached = attached && !ps.ends_colon && !ps.table_row && !ps.list_item;
                (is_movable(pr)
                    && caption_len_ok(ps)
                    && attached
                    && !ps.agency_exact
                    && ps.related_prefix.is_none())
                .then_some(p)
            });
            let mut fig = Figure {
                caption: None,
                credit: Some(clean(line.text)),
                src: None,
            };
            set(roles, i, Role::Credit);
            if let Some(p) = caption {
                if let Some(pl) = page.lines.get(p) {
                    fig.caption = Some(clean(pl.text));
                }
                set(roles, p, Role::Caption);
                drop_copies(page, roles, p, "caption");
                // A caption shown cut and whole ("… more" / "… less"): the other goes too.
                if near_copy_before(page, p) && roles.get(p - 1).copied().is_some_and(is_movable) {
                    set(roles, p - 1, Role::Drop("caption"));
                }
            }
            figures.push((i, fig));
        } else if let Some((cap, credit)) =
            trailing_credit(line.text).filter(|_| caption_len_ok(st))
        {
            set(roles, i, Role::Caption);
            figures.push((
                i,
                Figure {
                    caption: Some(cap),
                    credit: Some(credit),
                    src: None,
                },
            ));
            drop_copies(page, roles, i, "caption");
        }
        i += 1;
    }
    // Repeated paragraphs: keep the first copy.
    for (i, st) in page.stats.iter().enumerate() {
        // Near copies (a caption or paragraph printed twice) or whole repeated paragraphs;
        // short lines repeated far apart (questions of a series, list labels) stay.
        let near = i.saturating_sub(st.first_idx) <= 8 && st.eff_words >= 8.0;
        if st.dup_count > 1 && st.first_idx != i && (near || st.eff_words >= 25.0) {
            let r = roles.get(i).copied();
            if matches!(r, Some(Role::Body | Role::Heading)) {
                let first_role = roles.get(st.first_idx).copied();
                let reason = if matches!(first_role, Some(Role::Caption)) {
                    "caption"
                } else {
                    "duplicate"
                };
                set(roles, i, Role::Drop(reason));
            }
        }
    }
    figures.sort_by_key(|(i, _)| *i);
}

/// Whether the line before `p` starts with the same 60 or more characters (the
/// same caption printed cut and whole).
fn near_copy_before(page: &Page<'_>, p: usize) -> bool {
    let (Some(a), Some(b)) = (
        p.checked_sub(1).and_then(|q| page.lines.get(q)),
        page.lines.get(p),
    ) else {
        return false;
    };
    let common = a
        .text
        .chars()
        .zip(b.text.chars())
        .take_while(|(x, y)| x == y)
        .count();
    common >= 60 && a.text != b.text
}

/// A short line that can only be a name: a person or an agency ("Lena Brandt",
/// "Jane Doe/Agency"), capitalised words, no sentence punctuation, few digits.
fn is_name_shape(s: &LineStats) -> bool {
    s.eff_words >= 1.0
        && s.eff_words <= 5.0
        && s.chars <= 48
        && s.sentence_ends == 0
        && !s.terminal_end
        && !s.ends_colon
        && s.cap_ratio >= 0.6
        && s.digit_ratio < 0.1
        && s.boiler_hits == 0
        && !s.linkish
        && !s.placeholder
        && !s.list_item
        && !s.table_row
        && s.related_prefix.is_none()
}

/// A caption printed twice around its credit ("caption / credit / caption", the
/// credit glued to the first copy): the repetition says the line is a caption, so
/// a bare name after it is its credit, whatever the name.
fn captions_printed_twice(page: &Page<'_>, roles: &mut [Role], figures: &mut Vec<(usize, Figure)>) {
    let n = page.lines.len();
    let mut i = 0usize;
    while i + 2 < n {
        let c = i + 1;
        let (Some(cap), Some(cred), Some(cred_line)) =
            (page.stats.get(i), page.stats.get(c), page.lines.get(c))
        else {
            break;
        };
        // The copy follows the credit within two lines.
        let copy =
            (c + 1..(c + 3).min(n)).find(|&j| page.stats.get(j).is_some_and(|s| s.key == cap.key));
        let movable = [i, c]
            .iter()
            .all(|&k| roles.get(k).copied().is_some_and(is_movable));
        let ok = copy.is_some()
            && movable
            && cap.eff_words >= 3.0
            && caption_len_ok(cap)
            && !cap.list_item
            && !cap.table_row
            && cap.related_prefix.is_none()
            && !cred_line.gap_before
            && (is_name_shape(cred) || is_credit_shape(cred, cred_line.text));
        if let (true, Some(j)) = (ok, copy) {
            let caption = page.lines.get(i).map(|l| clean(l.text));
            set(roles, i, Role::Caption);
            set(roles, c, Role::Credit);
            for k in c + 1..=j {
                if page.stats.get(k).is_some_and(|s| s.key == cap.key) {
                    set(roles, k, Role::Drop("caption"));
                }
            }
            figures.push((
                c,
                Figure {
                    caption,
                    credit: Some(clean(cred_line.text)),
                    src: None,
                },
            ));
            i = j + 1;
            continue;
        }
        i += 1;
    }
}

/// Promotions after the article ("Click here to subscribe…", "Follow @x"): walking back
/// from the last body line, lines with furniture words go.
fn trim_tail(page: &Page<'_>, roles: &mut [Role]) {
    let Some(lb) = last_body(roles) else { return };
    let first = first_body(roles).unwrap_or(0);
    let mut i = lb;
    let mut dropped = 0;
    while i > first && dropped < 4 {
        let Some(s) = page.stats.get(i) else { break };
        if roles.get(i) == Some(&Role::Body) {
            if s.boiler_hits > 0 && s.eff_words <= 50.0 && s.related_prefix.is_none() {
                set(roles, i, Role::Drop("boilerplate"));
                dropped += 1;
            } else {
                break;
            }
        }
        i -= 1;
    }
}

/// A line of the block between headline and story: a dateline, a short byline, an
/// author's e-mail address, a bare agency name.
fn is_head_meta(s: &LineStats) -> bool {
    let dateline = is_dateline(s);
    let byline = s.byline && s.eff_words <= 8.0 && !s.terminal_end;
    let address = s.linkish && s.words <= 4 && !s.terminal_end && s.sentence_ends == 0;
    dateline || byline || address || s.agency_exact
}

/// Datelines and bylines leading the body ("March 3, 2025 6:14 PM", "By Jane Doe") go;
/// one or two lines before such a block are the deck, not the story.
fn trim_head(page: &Page<'_>, roles: &mut [Role]) {
    let Some(fb) = first_body(roles) else { return };
    let lead: Vec<usize> = (fb..page.lines.len())
        .filter(|&i| roles.get(i) == Some(&Role::Body))
        .take(4)
        .collect();
    // (A bare agency name is no sign here: it may be a photo credit under a caption.)
    let meta_at = lead.iter().position(|&i| {
        page.stats
            .get(i)
            .is_some_and(|s| is_head_meta(s) && !s.agency_exact)
    });
    if let Some(m @ 1..=2) = meta_at {
        let deck = lead.get(..m).unwrap_or_default();
        let words: f32 = deck
            .iter()
            .filter_map(|&i| page.stats.get(i))
            .map(|s| s.eff_words)
            .sum();
        if words <= 60.0 {
            for &i in deck {
                set(roles, i, Role::Drop("standfirst"));
            }
        }
    }
    let Some(fb) = first_body(roles) else { return };
    let mut i = fb;
    while let Some(s) = page.stats.get(i) {
        if !is_head_meta(s) || roles.get(i) != Some(&Role::Body) {
            break;
        }
        set(roles, i, Role::Drop("boilerplate"));
        i += 1;
    }
}

/// Runs of three or more similar item lines (dates, numbered entries: a schedule, a
/// results list) glued to the body are part of it.
fn keep_item_runs(page: &Page<'_>, roles: &mut [Role]) {
    let item = |s: &LineStats, text: &str| {
        let digit_led = text.chars().next().is_some_and(|c| c.is_numeric());
        (s.date_hits > 0 || digit_led || s.list_item)
            && s.chars <= 160
            && s.boiler_hits == 0
            && !(s.linkish && (text.contains("http") || text.contains("www.")))
            && s.related_prefix.is_none()
            && !s.placeholder
    };
    let n = page.lines.len();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j < n
            && page
                .stats
                .get(j)
                .zip(page.lines.get(j))
                .is_some_and(|(s, l)| item(s, l.text))
        {
            j += 1;
        }
        if j >= i + 3 {
            let before = i
                .checked_sub(1)
                .and_then(|b| roles.get(b))
                .is_some_and(|r| matches!(r, Role::Body | Role::Heading));
            let after = roles.get(j) == Some(&Role::Body);
            let inside = roles.get(i..j).is_some_and(|r| r.contains(&Role::Body));
            if before || after || inside {
                for k in i..j {
                    if matches!(roles.get(k), Some(Role::Drop(_))) {
                        set(roles, k, Role::Body);
                    }
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// Punctuation signature of a line ("England (Group A): 10th" -> "():"), capped.
fn signature(text: &str) -> Option<String> {
    let sig: String = text
        .chars()
        .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
        .take(12)
        .collect();
    (sig.chars().count() >= 2).then_some(sig)
}

/// Lines shaped exactly like a body line next to them (same punctuation pattern, short,
/// no final full stop) continue it: the rest of a list the model only half kept.
fn extend_same_shape(page: &Page<'_>, roles: &mut [Role]) {
    let n = page.lines.len();
    let short = |i: usize| {
        page.stats
            .get(i)
            .is_some_and(|s| s.chars <= 160 && !s.prose && s.boiler_hits == 0 && !s.placeholder)
    };
    let sig_of = |i: usize| page.lines.get(i).and_then(|l| signature(l.text));
    for i in 0..n {
        if roles.get(i) != Some(&Role::Body) || !short(i) {
            continue;
        }
        let Some(sig) = sig_of(i) else { continue };
        let mut j = i + 1;
        while j < n
            && short(j)
            && matches!(roles.get(j), Some(Role::Drop(_)))
            && sig_of(j).as_deref() == Some(sig.as_str())
        {
            set(roles, j, Role::Body);
            j += 1;
        }
        let mut k = i;
        while k > 0
            && short(k - 1)
            && matches!(roles.get(k - 1), Some(Role::Drop(_)))
            && sig_of(k - 1).as_deref() == Some(sig.as_str())
        {
            k -= 1;
            set(roles, k, Role::Body);
        }
    }
}

/// Longest run of dropped lines between two body lines that may be taken back.
const GAP_LINES: usize = 12;

/// Short lines the model dropped between two body lines (the labels of a menu plan,
/// the steps of a recipe) are part of the article when none of them looks like page
/// furniture: no furniture words, no links, no placeholders.
fn fill_gaps(page: &Page<'_>, roles: &mut [Role]) {
    let n = page.lines.len();
    let plain = |i: usize| {
        page.stats.get(i).is_some_and(|s| {
            s.boiler_hits == 0
                && !s.linkish
                && !s.placeholder
                && s.related_prefix.is_none()
                && s.credit_hits == 0
                && !s.agency_exact
                && !s.comments_header
                && !s.comment_marker
                && !is_head_meta(s)
                && s.digit_ratio < 0.5
        })
    };
    // Only once the article has begun (the head block before it stays out).
    let mut seen = 0usize;
    let mut i = 0usize;
    while i < n {
        if roles.get(i) != Some(&Role::Body) {
            i += 1;
            continue;
        }
        seen += page.stats.get(i).map_or(0, |s| s.chars);
        if seen < 200 {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && matches!(roles.get(j), Some(Role::Drop("boilerplate"))) {
            j += 1;
        }
        let gap = j - i - 1;
        if gap > 0 && gap <= GAP_LINES && roles.get(j) == Some(&Role::Body) && (i + 1..j).all(plain)
        {
            for k in i + 1..j {
                set(roles, k, Role::Body);
            }
        }
        i = j;
    }
}

/// Full sentences right before the first / after the last body line join the body.
fn extend_edges(page: &Page<'_>, roles: &mut [Role]) {
    let sentence = |s: &LineStats| {
        s.prose
            && s.terminal_end
            && s.eff_words >= 15.0
            && s.boiler_hits == 0
            && !s.linkish
            && s.dup_count == 1
    };
    // One short furniture line (a share bar, an ad label) may sit in between.
    let furniture = |s: &LineStats| s.eff_words <= 4.0 && (s.boiler_hits > 0 || s.placeholder);
    if let Some(fb) = first_body(roles) {
        let mut j = fb;
        loop {
            if j > 0 && page.stats.get(j - 1).is_some_and(sentence) {
                j -= 1;
            } else if j > 1
                && page.stats.get(j - 1).is_some_and(furniture)
                && page.stats.get(j - 2).is_some_and(sentence)
            {
                j -= 2;
            } else {
                break;
            }
            set(roles, j, Role::Body);
        }
    }
    if let Some(lb) = last_body(roles) {
        let mut j = lb;
        loop {
            if page.stats.get(j + 1).is_some_and(sentence) {
                j += 1;
            } else if page.stats.get(j + 1).is_some_and(furniture)
                && page.stats.get(j + 2).is_some_and(sentence)
            {
                j += 2;
            } else {
                break;
            }
            set(roles, j, Role::Body);
        }
    }
}

/// A comment-section header after the body text: it and all after it go.
fn cut_comments(page: &Page<'_>, roles: &mut [Role]) {
    let total: usize = page
        .stats
        .iter()
        .zip(roles.iter())
        .filter(|(_, r)| **r == Role::Body)
        .map(|(s, _)| s.chars)
        .sum();
    let mut seen = 0usize;
    let mut cut = None;
    // Comment author lines / timestamps: three or more mean a thread from the first one on.
    let markers = page.stats.iter().filter(|s| s.comment_marker).count();
    for (i, (s, r)) in page.stats.iter().zip(roles.iter()).enumerate() {
        // A bare header ("Comments", not "12 comments" or a "Share | Comment" button)
        // after some body text opens the thread; any header past half of the body does.
        let bare = s.digit_ratio == 0.0
            && i.checked_sub(1)
                .and_then(|p| page.stats.get(p))
                .is_none_or(|p| p.boiler_hits == 0 && !p.comments_header);
        let header = s.comments_header && (seen * 2 > total || (bare && seen >= 150));
        if header || (s.comment_marker && markers >= 3) {
            cut = Some((i, !header));
            break;
        }
        if *r == Role::Body {
            seen += s.chars;
        }
    }
    if let Some((mut c, by_marker)) = cut {
        // A thread that opens the text with no article prose before it (the first
        // comment had no author line): the short lines before it belong to the thread.
        let before = page
            .stats
            .iter()
            .zip(roles.iter())
            .take(c)
            .filter(|(_, r)| **r == Role::Body);
        let (chars, prose) = before.fold((0usize, false), |(n, p), (s, _)| {
            (n + s.chars, p || s.prose)
        });
        if by_marker && !prose && chars < 120 {
            c = 0;
        }
        for r in roles.iter_mut().skip(c) {
            if matches!(*r, Role::Body | Role::Heading | Role::Drop(_)) {
                *r = Role::Drop("comments");
            }
        }
    }
}

/// A line of search keywords ("stock car 2018, stock car brasil, stock car results, …"):
/// six or more short comma-separated phrases, no sentence, one word in half of them.
fn is_keyword_line(s: &LineStats, text: &str) -> bool {
    if s.terminal_end || s.sentence_ends > 0 || s.eff_words < 8.0 {
        return false;
    }
    let parts: Vec<&str> = text
        .split([',', ';', '、', '，'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 6 || parts.iter().any(|p| p.split_whitespace().count() > 6) {
        return false;
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in &parts {
        let mut words: Vec<String> = p
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            *counts.entry(w).or_default() += 1;
        }
    }
    counts.values().any(|&c| c * 2 >= parts.len())
}

/// A long line in capitals that is no question ("STAR OPENS UP ABOUT HER ILLNESS"):
/// a headline of another story put between paragraphs.
fn is_shouted_teaser(s: &LineStats) -> bool {
    s.eff_words >= 8.0
        && s.eff_words <= 30.0
        && s.cased >= 25
        && s.upper_share >= 0.9
        && !s.ends_question
        && !s.table_row
        && !s.list_item
}

/// A list item that is one lower-case token joined by hyphens or underscores
/// ("- wide-browser-and-larger"): a style or template name, not text.
fn is_code_token(text: &str) -> bool {
    let t = text.trim_start_matches(['-', '*', '•', ' ']).trim();
    let joins = t.chars().filter(|c| matches!(c, '-' | '_')).count();
    t.len() < text.trim().len()
        && joins >= 1
        && !t.contains(char::is_whitespace)
        && t.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'))
}

/// A strip of four or more short fields joined by " - ", " | " or " • " and no
/// sentence ("05/10/2018 - Posted by: Ana - Category: Health - Tags: …", an address
/// footer): page furniture.
fn is_field_strip(s: &LineStats, text: &str) -> bool {
    if s.sentence_ends > 1 || s.terminal_end || s.chars > 300 || s.table_row || s.list_item {
        return false;
    }
    let mut fields = 0usize;
    for part in text.split(" - ") {
        for f in part.split(['|', '•', '·']) {
            let words = f.split_whitespace().count();
            if words == 0 {
                continue;
            }
            if words > 6 {
                return false;
            }
            fields += 1;
        }
    }
    fields >= 4
}

/// Shouted teasers become related links; reporting credits past 70% of the body,
/// sign-up pitches opening the body or past 80% of it, template names in list items
/// and field strips go.
fn shouted_and_credit_lines(page: &Page<'_>, roles: &mut [Role]) {
    let body: Vec<usize> = (0..page.lines.len())
        .filter(|&i| roles.get(i) == Some(&Role::Body))
        .collect();
    let total: usize = body
        .iter()
        .filter_map(|&i| page.stats.get(i))
        .map(|s| s.chars)
        .sum();
    let mut seen = 0usize;
    for &i in &body {
        let Some(s) = page.stats.get(i) else { continue };
        if is_shouted_teaser(s) {
            set(roles, i, Role::Related);
        } else if s.contrib_hits > 0 && s.eff_words <= 45.0 && seen * 10 >= total * 7 {
            set(roles, i, Role::Drop("credit"));
        } else if s.signup_hits > 0
            && !s.list_item
            && s.eff_words <= 30.0
            && (s.eff_words <= 12.0 || s.terminal_end)
            && (seen == 0 || seen * 10 >= total * 8 || Some(&i) == body.last())
        {
            // A sign-up pitch opening or closing the body.
            set(roles, i, Role::Drop("sign-up"));
        } else {
            let text = page.lines.get(i).map_or("", |l| l.text);
            if is_code_token(text) || is_field_strip(s, text) {
                set(roles, i, Role::Drop("boilerplate"));
            }
        }
        seen += s.chars;
    }
}

/// Keyword lines leave the body.
fn drop_keyword_lines(page: &Page<'_>, roles: &mut [Role]) {
    for (i, (s, l)) in page.stats.iter().zip(&page.lines).enumerate() {
        if matches!(roles.get(i), Some(Role::Body)) && s.chars <= 600 && is_keyword_line(s, l.text)
        {
            set(roles, i, Role::Drop("keywords"));
        }
    }
}

/// Model score of a paragraph that surely belongs to the article.
const SURE_BODY: f32 = 0.9;

/// What closes an article: a sign-up box ("Subscribe to our newsletter") once half
/// of the body text is behind, or an author bio header ("About Jane Doe") with at
/// most three lines after it. From there on the body lines go, unless a paragraph the
/// model is sure of still follows a sign-up box (then the box sat inside the article).
fn cut_closing_boxes(page: &Page<'_>, p2: &[f32], roles: &mut [Role]) {
    let body_chars = |r: &Role, s: &LineStats| {
        if matches!(r, Role::Body | Role::Heading) {
            s.chars
        } else {
            0
        }
    };
    let total: usize = page
        .stats
        .iter()
        .zip(roles.iter())
        .map(|(s, r)| body_chars(r, s))
        .sum();
    if total < 300 {
        return;
    }
    let mut seen = 0usize;
    let mut cut = None;
    for (i, (s, r)) in page.stats.iter().zip(roles.iter()).enumerate() {
        let closing = (s.signup_hits > 0 && s.eff_words <= 12.0 && !s.list_item) || s.about_header;
        if closing && seen * 2 >= total {
            cut = Some((i, s.about_header));
            break;
        }
        seen += body_chars(r, s);
    }
    let Some((c, bio)) = cut else { return };
    // Paragraphs the model is sure of after the box: the article goes on (list items
    // do not count: a list of teasers often follows the box).
    let sure_after = (c + 1..page.lines.len()).any(|j| {
        roles.get(j) == Some(&Role::Body)
            && page.stats.get(j).is_some_and(|s| s.prose && !s.list_item)
            && p2.get(j).is_some_and(|p| *p >= SURE_BODY)
    });
    // A bio is a header and a paragraph or two, however sure the model is of them.
    let body_after = (c + 1..page.lines.len())
        .filter(|&j| roles.get(j) == Some(&Role::Body))
        .count();
    if (bio && body_after > 3) || (!bio && sure_after) {
        return;
    }
    let reason = if bio { "author-bio" } else { "sign-up" };
    for j in c..page.lines.len() {
        if matches!(roles.get(j), Some(Role::Body | Role::Heading)) || j == c {
            set(roles, j, Role::Drop(reason));
        }
    }
}

/// The line ends with an ellipsis that cuts a sentence short ("… a plan to …",
/// "… may soon..."): an excerpt of a text that continues elsewhere.
fn is_truncated_excerpt(s: &LineStats, text: &str) -> bool {
    if !s.ends_ellipsis || s.eff_words < 8.0 {
        return false;
    }
    let body = text
        .trim_end()
        .trim_end_matches(['.', '…'])
        .trim_end_matches(char::is_whitespace);
    body.chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',')
}

/// A dateline-shaped short line ("Tuesday November 19, 2019", "March 3, 2025 6:14 PM").
fn is_dateline(s: &LineStats) -> bool {
    s.date_hits > 0 && s.eff_words <= 10.0 && !s.terminal_end && s.digit_ratio > 0.05
}

/// Lists of other stories that pass for prose: excerpts cut short by an ellipsis making
/// up a good share of the page's prose, and records repeating the same small pattern
/// (an author line, a dateline, one paragraph) at a fixed step. Their lines go; a page
/// that is only such a list keeps nothing ("no article here").
fn drop_teaser_lists(page: &Page<'_>, roles: &mut [Role]) {
    let n = page.lines.len();
    let text = |i: usize| page.lines.get(i).map_or("", |l| l.text);
    let excerpts: Vec<usize> = (0..n)
        .filter(|&i| {
            page.stats
                .get(i)
                .is_some_and(|s| is_truncated_excerpt(s, text(i)))
        })
        .collect();
    let prose = page.stats.iter().filter(|s| s.prose).count();
    if excerpts.len() >= 3 && excerpts.len() * 4 >= prose {
        for (k, &i) in excerpts.iter().enumerate() {
            drop_teaser(roles, i);
            // Short texts between two nearby excerpts are entries of the same list.
            if let Some(&next) = excerpts.get(k + 1) {
                if next - i <= 4 {
                    for j in i + 1..next {
                        drop_teaser(roles, j);
                    }
                }
            }
        }
    }
    // Records at a fixed step: a dateline (or the same furniture line: a share bar),
    // one paragraph, the next record. (A repeated plain line is no sign: articles
    // separate their sections with "___" or "See it now" lines.)
    let dates: Vec<usize> = (0..n)
        .filter(|&i| page.stats.get(i).is_some_and(is_dateline))
        .collect();
    drop_records(page, roles, &dates, 3);
    let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in page.stats.iter().enumerate() {
        if s.dup_count >= 4 && s.eff_words <= 6.0 && s.boiler_hits > 0 && !s.prose {
            by_key.entry(s.key).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_key.into_values().collect();
    groups.sort_unstable();
    for g in &groups {
        drop_records(page, roles, g, 4);
    }
    // Or a bulleted teaser title ("» Season preview") before each blurb.
    let bullets: Vec<usize> = (0..n)
        .filter(|&i| {
            page.stats
                .get(i)
                .is_some_and(|s| s.starts_bullet && !s.list_item && !s.prose)
        })
        .collect();
    drop_records(page, roles, &bullets, 3);
    // What a listing leaves behind without any prose is crumbs, not an article.
    let listing = roles.contains(&Role::Drop("teaser-list"));
    let prose_left = page
        .stats
        .iter()
        .zip(roles.iter())
        .any(|(s, r)| *r == Role::Body && s.prose && s.boiler_hits == 0);
    if listing && !prose_left {
        for i in 0..n {
            drop_teaser(roles, i);
        }
    }
}

/// Drops runs of at least `min_count` records that start at the anchor lines `anchors`
/// (sorted), follow each other at the same step of 2 to 4 lines, and hold one prose
/// line each (a short line before the anchor, an author, belongs to the record).
fn drop_records(page: &Page<'_>, roles: &mut [Role], anchors: &[usize], min_count: usize) {
    let n = page.lines.len();
    let mut k = 0usize;
    while k < anchors.len() {
        let Some(&first) = anchors.get(k) else { break };
        let step = anchors.get(k + 1).map_or(0, |&d| d.saturating_sub(first));
        let mut m = k + 1;
        while (2..=4).contains(&step)
            && anchors
                .get(m)
                .zip(anchors.get(m - 1))
                .is_some_and(|(&a, &b)| a.saturating_sub(b) == step)
        {
            m += 1;
        }
        let one_prose_each = anchors.get(k..m).is_some_and(|ds| {
            ds.iter().all(|&d| {
                (d + 1..d + step)
                    .filter(|&j| page.stats.get(j).is_some_and(|s| s.prose))
                    .count()
                    == 1
            })
        });
        if m - k >= min_count && one_prose_each {
            let lo = first.saturating_sub(step - 2);
            let last = anchors.get(m - 1).copied().unwrap_or(first);
            for j in lo..(last + 2).min(n) {
                drop_teaser(roles, j);
            }
            k = m;
        } else {
            k += 1;
        }
    }
}

fn drop_teaser(roles: &mut [Role], i: usize) {
    if matches!(roles.get(i), Some(Role::Body | Role::Heading)) {
        set(roles, i, Role::Drop("teaser-list"));
    }
}

/// Drops other copies of line `p` (a caption printed twice) near it.
fn drop_copies(page: &Page<'_>, roles: &mut [Role], p: usize, reason: &'static str) {
    let Some(key) = page.stats.get(p).map(|s| s.key) else {
        return;
    };
    let lo = p.saturating_sub(6);
    let hi = (p + 7).min(page.stats.len());
    for j in lo..hi {
        if j != p
            && page.stats.get(j).is_some_and(|s| s.key == key)
            && roles.get(j).copied().is_some_and(is_movable)
        {
            set(roles, j, Role::Drop(reason));
        }
    }
}

fn set(roles: &mut [Role], i: usize, r: Role) {
    if let Some(slot) = roles.get_mut(i) {
        *slot = r;
    }
}

fn first_body(roles: &[Role]) -> Option<usize> {
    roles.iter().position(|r| *r == Role::Body)
}

fn last_body(roles: &[Role]) -> Option<usize> {
    roles.iter().rposition(|r| *r == Role::Body)
}

/// Strips a " | Site name" style suffix from a page title.
fn title_core(text: &str) -> &str {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        if let Some(at) = text.rfind(sep) {
            let head = text.get(..at).unwrap_or(text).trim();
            let tail = text.get(at + sep.len()..).unwrap_or_default();
            if head.chars().count() > tail.chars().count() && !head.is_empty() {
                return head;
            }
        }
    }
    text
}

fn eq_loose(a: &str, b: &str) -> bool {
    let mut x = a
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase);
    let mut y = b
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// Title: a headline-shaped line leading the body (or matching the page title);
/// standfirst: a one-paragraph summary right after it.
fn find_title(page: &Page<'_>, roles: &mut [Role], doc: &mut Document) {
    let Some(fb) = first_body(roles) else { return };
    let lo = fb.saturating_sub(25);
    let first_text = page.lines.first().map_or("", |l| l.text);
    let core = title_core(first_text);
    let mut title_idx = None;
    // A line before the body repeating the page's first line (the <title>).
    for j in (lo..fb).rev() {
        if j > 0 && page.lines.get(j).is_some_and(|l| eq_loose(l.text, core)) {
            title_idx = Some(j);
            break;
        }
    }
    if title_idx.is_none() {
        // The nearest headline-shaped line before the body, looking past bylines and dates.
        for j in (lo..fb).rev() {
            let Some(s) = page.stats.get(j) else { break };
            if is_headline_shape(s) && !s.terminal_end && !s.agency_exact && s.credit_hits == 0 {
                title_idx = Some(j);
                break;
            }
            if fb - j > 4 {
                break;
            }
        }
    }
    if title_idx.is_none() {
        // The body starts with a headline-shaped line followed by prose: that line is the title.
        let s = page.stats.get(fb);
        let next_prose = page.stats.get(fb + 1).is_some_and(|s| s.prose);
        if s.is_some_and(|s| is_headline_shape(s) && !s.terminal_end && !s.ends_colon) && next_prose
        {
            title_idx = Some(fb);
        }
    }
    if title_idx.is_none() && lo == 0 && fb > 0 {
        let s = page.stats.first();
        if s.is_some_and(|s| is_headline_shape(s) && !s.terminal_end) {
            title_idx = Some(0);
        }
    }
    let Some(t) = title_idx else { return };
    let Some(line) = page.lines.get(t) else {
        return;
    };
    doc.title = Some(clean(title_core(line.text)));
    set(roles, t, Role::Title);
    // Standfirst: the next line, a short prose paragraph followed by more text.
    let sf = t + 1;
    let (Some(sl), Some(ss)) = (page.lines.get(sf), page.stats.get(sf)) else {
        return;
    };
    let r = roles.get(sf).copied();
    if ss.prose
        && ss.eff_words <= 60.0
        && ss.sentence_ends <= 3
        && matches!(r, Some(Role::Body | Role::Drop(_)))
    {
        doc.description = Some(clean(sl.text));
        if r != Some(Role::Body) {
            set(roles, sf, Role::Standfirst);
        }
    }
}

fn between_body(roles: &[Role], i: usize) -> bool {
    let before = roles
        .get(..i)
        .is_some_and(|r| r.iter().rev().take(3).any(|x| *x == Role::Body));
    let after = roles
        .get(i + 1..)
        .is_some_and(|r| r.iter().take(2).any(|x| *x == Role::Body));
    before && after
}

/// Short lines the model dropped between two body paragraphs that look like sub-headings.
fn find_headings(page: &Page<'_>, roles: &mut [Role]) {
    let (Some(fb), Some(lb)) = (first_body(roles), last_body(roles)) else {
        return;
    };
    for i in fb + 1..lb {
        let (Some(st), Some(line)) = (page.stats.get(i), page.lines.get(i)) else {
            continue;
        };
        if roles.get(i) != Some(&Role::Drop("boilerplate")) {
            continue;
        }
        let next_body =
            roles.get(i + 1) == Some(&Role::Body) && page.stats.get(i + 1).is_some_and(|s| s.prose);
        let prev_body = roles
            .get(i.saturating_sub(2)..i)
            .is_some_and(|r| r.iter().any(|x| matches!(x, Role::Body | Role::Drop(_))))
            && roles
                .get(i - 1)
                .is_some_and(|x| *x != Role::Drop("boilerplate"))
            || roles.get(i - 1) == Some(&Role::Body);
        if next_body && prev_body && is_heading_shape(st) && st.dup_count == 1 && line.gap_after {
            set(roles, i, Role::Heading);
        }
    }
}

/// A run of headline-shaped lines just after the body: teasers of other stories.
fn find_teasers(page: &Page<'_>, roles: &mut [Role]) {
    let Some(lb) = last_body(roles) else { return };
    let n = page.lines.len();
    let mut i = lb + 1;
    let mut skipped = 0;
    while i < n && skipped < 2 {
        let Some(s) = page.stats.get(i) else { break };
        if is_headline_shape(s) && s.eff_words >= 4.0 {
            break;
        }
        skipped += 1;
        i += 1;
    }
    let start = i;
    while i < n && i < start + 10 {
        let Some(s) = page.stats.get(i) else { break };
        let teaser = is_headline_shape(s) && s.eff_words >= 4.0 && !s.terminal_end;
        if !(teaser && matches!(roles.get(i), Some(Role::Drop("boilerplate")))) {
            break;
        }
        i += 1;
    }
    if i >= start + 2 {
        for j in start..i {
            set(roles, j, Role::Related);
        }
    }
}

/// Gives model-dropped lines a reason.
fn explain_drops(page: &Page<'_>, roles: &mut [Role]) {
    let fb = first_body(roles);
    let lb = last_body(roles);
    for (i, st) in page.stats.iter().enumerate() {
        if roles.get(i) != Some(&Role::Drop("boilerplate")) {
            continue;
        }
        let outside = fb.is_none_or(|f| i < f) || lb.is_none_or(|l| i > l);
        let reason = if st.dup_count > 1 && st.first_idx != i {
            "duplicate"
        } else if st.boiler_hits > 0 && is_share_line(page.lines.get(i).map_or("", |l| l.text)) {
            "share-bar"
        } else if st.boiler_hits > 0 {
            "boilerplate"
        } else if outside {
            "outside-article"
        } else {
            "boilerplate"
        };
        set(roles, i, Role::Drop(reason));
    }
}

fn is_share_line(text: &str) -> bool {
    let lower = features::lower_prefix(text);
    lexicon::count_hits(&lower, &lexicon::SHARE) > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> Document {
        extract_text(input, &TextOptions { explain: true })
    }

    #[test]
    fn empty_input_gives_empty_document() {
        let d = run("");
        assert!(d.is_empty());
        assert!(d.blocks.is_empty());
        let d = run("\n\r\n\0\0  \t");
        assert!(d.is_empty());
    }

    #[test]
    fn clean_collapses_whitespace() {
        assert_eq!(clean("  a \t b\u{a0}c  "), "a b c");
    }

    #[test]
    fn shorten_cuts_at_char_boundary() {
        let s = shorten("ééééé", 2);
        assert_eq!(s, "éé…");
        assert_eq!(shorten("ab", 5), "ab");
    }

    #[test]
    fn trailing_credit_is_split() {
        let (c, r) = trailing_credit("A ship leaves the port on Monday. (AP)").unwrap_or_default();
        assert_eq!(c, "A ship leaves the port on Monday.");
        assert_eq!(r, "AP");
        assert!(trailing_credit("He spoke (briefly) about the plan (at length)").is_none());
    }

    #[test]
    fn title_core_strips_site_name() {
        assert_eq!(
            title_core("Big storm hits the coast | Daily Paper"),
            "Big storm hits the coast"
        );
        assert_eq!(title_core("No separator here"), "No separator here");
    }

    #[test]
    fn find_url_picks_the_link() {
        assert_eq!(
            find_url("Related: story https://example.org/a-b (video)").as_deref(),
            Some("https://example.org/a-b")
        );
        assert_eq!(find_url("no link"), None);
    }

    #[test]
    fn related_prefix_lines_go_to_related() {
        let body = "The committee met on Tuesday to discuss the budget for next year, officials said.\n\nREAD MORE: Budget talks stall again\n\nMembers agreed to meet again next month after a long and difficult session in the capital.\n";
        let d = run(body);
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.related[0].text, "Budget talks stall again");
        assert!(!d.text.contains("READ MORE"));
        assert!(d
            .removed
            .iter()
            .any(|r| r.reason == "related-link" && r.line == Some(3)));
    }

    #[test]
    fn caption_with_bare_agency_credit() {
        let body = "Storm batters the coast\n\nA powerful storm hit the northern coast on Sunday, cutting power to thousands of homes, officials said.\n\nWaves crash over the harbour wall in the northern town.\nReuters\n\nWaves crash over the harbour wall in the northern town.\n\nEmergency services said they had rescued dozens of people from flooded houses during the night.\n\nThe weather service warned that more rain was expected later in the week across the region.\n";
        let d = run(body);
        assert_eq!(d.figures.len(), 1);
        assert_eq!(d.figures[0].credit.as_deref(), Some("Reuters"));
        assert_eq!(
            d.figures[0].caption.as_deref(),
            Some("Waves crash over the harbour wall in the northern town.")
        );
        assert!(!d.text.contains("Waves crash"));
        assert!(!d.text.contains("Reuters"));
        assert!(d.text.contains("Emergency services"));
    }

    #[test]
    fn caption_printed_twice_takes_the_name_after_it_as_credit() {
        let body = "Village school reopens after the floods\n\nThe village school reopened on Tuesday after three months of repairs to the flooded ground floor, the council said.\n\nPupils return to the repaired classroom on Tuesday morning.\nMarta Kowalski\n\nPupils return to the repaired classroom on Tuesday morning.\n\nBuilders replaced the floors and the heating system, and the playground was rebuilt with new drains.\n\nParents said the children had missed their friends while they were taught in the town hall.\n";
        let d = run(body);
        assert_eq!(d.figures.len(), 1);
        assert_eq!(d.figures[0].credit.as_deref(), Some("Marta Kowalski"));
        assert_eq!(
            d.figures[0].caption.as_deref(),
            Some("Pupils return to the repaired classroom on Tuesday morning.")
        );
        assert!(!d.text.contains("Pupils return"));
        assert!(!d.text.contains("Kowalski"));
        assert!(d.text.contains("Builders replaced"));
        let moved: Vec<_> = d
            .removed
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert!(moved.contains(&(Some(5), "caption")));
        assert!(moved.contains(&(Some(6), "credit")));
        assert!(moved.contains(&(Some(8), "caption")));
    }

    #[test]
    fn repeated_paragraph_is_kept_once() {
        let p =
            "The council approved the new housing plan after a long debate on Thursday evening.";
        let body = format!("{p}\n\nResidents welcomed the decision, saying it was overdue and would help young families.\n\n{p}\n");
        let d = run(&body);
        assert_eq!(d.text.matches("housing plan").count(), 1);
        assert!(d.removed.iter().any(|r| r.reason == "duplicate"));
    }

    #[test]
    fn one_huge_line_without_newlines() {
        let s = "word ".repeat(200_000);
        let d = run(&s);
        assert_eq!(d.blocks.len(), 1);
    }

    #[test]
    fn crlf_and_cr_give_same_text_as_lf() {
        let lf = "Title of the story here\n\nThe first paragraph of the story says something long enough to be prose.\n\nThe second paragraph of the story continues with more detail about the events.\n";
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        let a = run(lf);
        assert_eq!(a.text, run(&crlf).text);
        assert_eq!(a.text, run(&cr).text);
        assert!(a.text.contains("first paragraph"));
    }

    /// Deterministic xorshift generator for adversarial inputs.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn random_adversarial_inputs_do_not_panic() {
        let pieces = [
            "\n",
            "\r",
            "\r\n",
            "\n\n",
            "\0",
            " ",
            "\t",
            ".",
            ":",
            "|",
            "- ",
            "(",
            ")",
            "…",
            "é",
            "日本",
            "Привет",
            "سلام",
            "\u{feff}",
            "READ MORE:",
            "Reuters",
            "Photo: ",
            "Comments",
            "Loading...",
            "Share",
            "The minister said on Friday that talks would resume. ",
            "http://x.y/z",
            "1) ",
            "©",
            "„",
            "»",
            "。",
            "Lesen Sie auch",
            "\u{200b}",
            "a",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..400 {
            let mut s = String::new();
            for _ in 0..rng.below(300) {
                s.push_str(pieces[rng.below(pieces.len())]);
            }
            let d = extract_text(&s, &TextOptions { explain: true });
            let mut again = d.clone();
            again.finish_text();
            assert_eq!(again.text, d.text);
            let max_line = s.matches('\n').count() + s.matches('\r').count() + 1;
            for r in &d.removed {
                let l = r.line.unwrap_or(0);
                assert!(l >= 1 && l <= max_line, "line {l} out of 1..={max_line}");
            }
        }
    }

    #[test]
    fn many_lines_of_furniture_and_prose_scale() {
        let mut big = String::from("Home\nNews\nSport\n\n");
        for i in 0..20_000 {
            big.push_str(&format!(
                "The mayor said on Monday that bridge number {i} would open in the spring after years of delays and disputes.\n\n"
            ));
            if i % 50 == 0 {
                big.push_str("Share on Facebook\n\n");
            }
        }
        big.push_str("Privacy policy\nContact us\n");
        let d = extract_text(&big, &TextOptions::default());
        assert!(d.text.contains("bridge number 0 would"));
        assert!(d.text.contains("bridge number 19999 would"));
        assert!(!d.text.contains("Share on Facebook"));
        assert!(!d.text.contains("Privacy policy"));
    }

    #[test]
    fn count_breaks_treats_crlf_as_one() {
        assert_eq!(count_breaks("a\r\nb\rc\nd"), 3);
        assert_eq!(count_breaks(""), 0);
        assert_eq!(chunk_end("abc", 0), 3);
    }

    #[test]
    fn long_input_is_processed_in_pieces_with_true_line_numbers() {
        let mut s = String::from("Harbour council approves new ferry timetable\r\n\r\n");
        for i in 0..15_000 {
            s.push_str(&format!(
                "Paragraph {i} of the report says that the ferry will run more often during the summer months.\r\n\r\n"
            ));
        }
        // Line numbers: 1 title, 2 blank, then paragraph i at 3 + 2i; this lands after the first piece.
        s.push_str("Loading...\r\n\r\nThe final paragraph says that the council will review the timetable again next year, after a public consultation.\r\n");
        let d = extract_text(&s, &TextOptions { explain: true });
        assert!(chunk_end(&s, 0) < s.len());
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour council approves new ferry timetable")
        );
        let ph = d.removed.iter().find(|r| r.reason == "placeholder");
        assert_eq!(ph.and_then(|r| r.line), Some(3 + 2 * 15_000));
        assert!(d.text.contains("Paragraph 14999 of the report"));
        assert!(d.text.contains("review the timetable again"));
    }

    #[test]
    fn signature_is_the_punctuation_pattern() {
        assert_eq!(signature("England (Group A): 10th").as_deref(), Some("():"));
        assert_eq!(signature("Home"), None);
    }

    #[test]
    fn schedule_list_after_the_body_is_kept() {
        let mut s = String::from(
            "The band announced on Monday a tour of thirty cities next summer, its first in a decade, with all the original members.\n\nTickets go on sale on Friday morning through the usual outlets, the promoter said in a statement.\n\nTour dates\n\n",
        );
        for (d, city) in [
            (9, "Tampa"),
            (12, "Atlanta"),
            (15, "Nashville"),
            (18, "Charlotte"),
            (21, "Boston"),
        ] {
            s.push_str(&format!("June {d} – {city}, Riverside Arena\n"));
        }
        let d = run(&s);
        assert!(d.text.contains("June 9 – Tampa"));
        assert!(d.text.contains("June 21 – Boston"));
    }

    #[test]
    fn dateline_and_byline_leading_the_body_go() {
        let s = "Storm closes mountain pass\n\nBy Jane Miller\n\nMarch 3, 2025 6:14 PM\n\nThe mountain pass was closed on Monday after heavy snow blocked the road in several places, police said.\n\nDrivers were told to use the valley road instead until crews have cleared the snow later in the week.\n";
        let d = run(s);
        assert!(!d.text.contains("Jane Miller"));
        assert!(!d.text.contains("6:14 PM"));
        assert!(d.text.starts_with("The mountain pass"));
    }

    #[test]
    fn a_lone_news_item_in_a_long_page_is_not_lost() {
        let mut s = String::new();
        for i in 0..300 {
            s.push_str(&format!("Section {i}\n"));
        }
        s.push_str("\nThe library will stay closed on Friday because of a burst pipe in the reading room, the city announced.\n\n");
        for i in 0..300 {
            s.push_str(&format!("Link {i}\n"));
        }
        let d = run(&s);
        assert!(d.text.contains("burst pipe"));
        assert!(!d.text.contains("Section 1"));
    }

    #[test]
    fn bare_comments_header_after_a_short_body_cuts_the_thread() {
        let s = "The club confirmed on Friday that its new stadium will open in August, two months later than planned, because of supply problems with steel and glass.\n\nComments\n\nWhy does every project in this town run late, and who pays for the extra months?\n\nHi Sam, the club says the builder carries the cost of the delay under the contract.\n\nGreat news anyway, I cannot wait to see the first match there with my kids.\n";
        let d = run(s);
        assert!(d.text.contains("supply problems"));
        assert!(!d.text.contains("who pays"));
        assert!(!d.text.contains("first match"));
        assert!(d
            .removed
            .iter()
            .any(|r| r.reason == "comments" && r.line == Some(3)));
    }

    #[test]
    fn a_text_that_is_only_a_comment_thread_gives_nothing() {
        let s = "Not sure what else he could say.\nriver_fan says:\nNovember 19, 2019 at 8:45 am\nThe coach should have changed the plan at half time when it was clear nothing worked.\nblue42 says:\nNovember 19, 2019 at 8:53 am\nHe looked tired all night and the defence never gave him any time to throw.\nold_timer says:\nNovember 19, 2019 at 9:02 am\nSame story every season, a good start and then the wheels come off in November.\n";
        let d = run(s);
        assert!(d.text.is_empty(), "kept: {}", d.text);
        assert!(d
            .removed
            .iter()
            .any(|r| r.reason == "comments" && r.line == Some(1)));
    }

    #[test]
    fn comment_count_line_does_not_cut_the_article() {
        let s = "Ferry fares rise again\n\n14 comments\n\nThe ferry company said on Monday that fares would rise by five per cent from March, the second increase this year.\n\nThe company blamed fuel costs and said timetables would not change during the winter months.\n\nPassenger groups said they would ask the regional council to review the contract with the operator.\n";
        let d = run(s);
        assert!(d.text.contains("fuel costs"));
        assert!(d.text.contains("Passenger groups"));
    }

    #[test]
    fn comment_thread_after_the_article_is_cut() {
        let s = "Council backs new cycle lanes\n\nThe council voted on Tuesday to build twelve kilometres of new cycle lanes over the next two years, officials said.\n\nWork will start in the spring on the busiest roads in the city centre, the transport department said.\n\njdoe says:\n\nFinally some good news for people who ride to work every single day in this city.\n\nmsmith says:\n\nWhat about the parking spaces that will be lost on the main shopping streets?\n\nkl99 says:\n\nI have been waiting for this for ten years and I am very happy about it now.\n";
        let d = run(s);
        assert!(d.text.contains("busiest roads"));
        assert!(!d.text.contains("jdoe"));
        assert!(!d.text.contains("parking spaces"));
        assert!(d.removed.iter().any(|r| r.reason == "comments"));
    }

    #[test]
    fn a_list_of_truncated_excerpts_is_not_an_article() {
        let s = "Harbour news\n\nThe council voted on Tuesday to extend the harbour wall by forty metres before the winter storms, a plan that …\n\nFishermen in the north bay say the new quotas will cost them half of their yearly catch unless the ministry agrees to …\n\nThe old lighthouse will open to visitors again in spring after a two-year restoration paid for by a local trust and …\n\nSchool buses will run on the coast road again from Monday after the landslide was cleared by crews working through …\n";
        let d = run(s);
        assert!(d.text.is_empty(), "kept: {}", d.text);
        assert!(d.removed.iter().any(|r| r.reason == "teaser-list"));
    }

    #[test]
    fn a_few_trailing_ellipses_in_a_long_article_stay() {
        let mut s = String::new();
        for k in 0..12 {
            s.push_str(&format!("Paragraph {k} of the story explains what the council decided and why the harbour wall matters to the town.\n\n"));
        }
        s.push_str("And here is what the mayor told us about the plan, in his own words …\n\n");
        s.push_str("The next big challenge for the town is the cost of the work over …\n\n");
        s.push_str("Work starts in March and should be finished before the autumn storms arrive in the bay.\n");
        let d = run(&s);
        assert!(d.text.contains("in his own words"), "{}", d.text);
        assert!(d.text.contains("cost of the work"), "{}", d.text);
    }

    #[test]
    fn records_of_author_date_and_excerpt_are_a_listing() {
        let s = "Jane Porter\nTuesday November 19, 2019\nThe council has spent three years arguing about the harbour wall, and the vote this week settles nothing at all.\nTom Reyes\nTuesday November 19, 2019\nNobody in the north bay believes the new quotas were written with the fishing families in mind, whatever the ministry says.\nAda Moss\nMonday November 18, 2019\nThe lighthouse restoration is a rare local project that finished on time and on budget, and it deserves more visitors.\nLeo Grant\nMonday November 18, 2019\nThe coast road should never have been left without a proper retaining wall after the storms of the last two winters.\n";
        let d = run(s);
        assert!(d.text.is_empty(), "kept: {}", d.text);
    }

    #[test]
    fn excerpts_between_share_bars_are_a_listing() {
        let mut s = String::new();
        for k in 0..5 {
            s.push_str("Share on Facebook\n");
            s.push_str(&format!("Story {k}: the council voted on Tuesday to extend the harbour wall by forty metres before the winter storms arrive.\n"));
        }
        let d = run(&s);
        assert!(d.text.is_empty(), "kept: {}", d.text);
    }

    #[test]
    fn sections_split_by_a_repeated_rule_line_stay() {
        let mut s = String::from("Seven questions before the debate\n\nThe candidates meet on Wednesday night with no clear front-runner and a crowded field of rivals.\n");
        for k in 0..6 {
            s.push_str(&format!("QUESTION NUMBER {k}?\nVoters in the early states say they are still making up their minds, and the polls keep moving from week to week.\n___\n"));
        }
        let d = run(&s);
        assert!(d.text.contains("polls keep moving"), "{}", d.text);
    }

    const STORY: &str = "Ferry fares rise again\n\nThe ferry company said on Monday that fares would rise by five per cent from March, the second increase this year.\n\nThe company blamed fuel costs and said timetables would not change during the winter months, when fewer people travel.\n\nPassenger groups said they would ask the regional council to review the contract with the operator before it is renewed next year.\n\nThe council said it would answer the request at its next meeting, which is planned for the second week of December.\n\n";

    #[test]
    fn a_sign_up_box_after_the_article_closes_it() {
        let s = format!("{STORY}Stay up to date. Subscribe to our newsletter.\n\nThanks for signing up!\n\nAn email with a link has just been sent to you. Please confirm your address to start receiving it.\n");
        let d = run(&s);
        assert!(d.text.contains("second week of December"), "{}", d.text);
        assert!(!d.text.contains("email with a link"), "{}", d.text);
        assert!(d.removed.iter().any(|r| r.reason == "sign-up"));
    }

    #[test]
    fn a_sign_up_box_inside_the_article_does_not_cut_it() {
        let s = format!("{STORY}Subscribe to our newsletter\n\nThe operator said the increase would pay for two new boats, which are being built in a yard on the other side of the bay and should arrive in 2027.\n\nBoth boats will run on batteries for most of the crossing, and the company expects fuel costs to fall by a third once they are in service.\n");
        let d = run(&s);
        assert!(d.text.contains("fall by a third"), "{}", d.text);
    }

    #[test]
    fn an_author_bio_at_the_end_goes() {
        let s = format!("{STORY}About Lena Brandt\n\nLena Brandt has covered transport and the islands for the paper since 2015, and lives on the north shore with her two children.\n");
        let d = run(&s);
        assert!(d.text.contains("second week of December"), "{}", d.text);
        assert!(!d.text.contains("north shore"), "{}", d.text);
        assert!(d.removed.iter().any(|r| r.reason == "author-bio"));
    }

    #[test]
    fn bulleted_teasers_and_their_crumbs_are_not_an_article() {
        let s = "» Column of the week\nClick the photo to read every column our editor has written about the racing season so far this year.\n» Power ranking\nClick the image above and see how the drivers rank this season after the last race in the south.\n» Race preview\nClick and find the TV times of the next race, the track, the statistics and the weather for practice.\nClick the image above\nYou miss nothing here!\n";
        let d = run(s);
        assert!(d.text.is_empty(), "kept: {}", d.text);
    }

    #[test]
    fn a_keyword_line_leaves_the_body() {
        let s = format!("{STORY}harbour ferry fares, ferry timetable, ferry operator contract, ferry winter service, ferry council, ferry boats\n");
        let d = run(&s);
        assert!(d.text.contains("second week of December"), "{}", d.text);
        assert!(!d.text.contains("ferry timetable"), "{}", d.text);
        let tags = "jam recipes, jam pears, jam honey, jam jars, jam gifts, jam canning";
        assert!(is_keyword_line(&features::line_stats(tags), tags));
        let list = "Paris, London, Berlin, Madrid, Rome, Vienna and Prague";
        assert!(!is_keyword_line(&features::line_stats(list), list));
    }

    #[test]
    fn a_shouted_headline_between_paragraphs_is_a_related_link() {
        let s = format!("{STORY}STAR SINGER OPENS UP ABOUT HER SERIOUS HEALTH CONDITION AFTER THE SHOW\n\nThe operator will publish the new fares on its website next week, together with the winter timetable for all routes.\n");
        let d = run(&s);
        assert!(!d.text.contains("STAR SINGER"), "{}", d.text);
        assert!(d.related.iter().any(|l| l.text.starts_with("STAR SINGER")));
        assert!(
            d.text.contains("winter timetable for all routes"),
            "{}",
            d.text
        );
        let question =
            features::line_stats("WHO WILL PAY FOR THE NEW BOATS AND THE WINTER SERVICE?");
        assert!(!is_shouted_teaser(&question));
    }

    #[test]
    fn a_reporting_credit_closing_the_story_goes() {
        let s = format!("{STORY}Reporting by Jane Doe; additional reporting by Tom Reyes; editing by Ada Moss\n");
        let d = run(&s);
        assert!(d.text.contains("second week of December"), "{}", d.text);
        assert!(!d.text.contains("Reporting by"), "{}", d.text);
        assert!(d.removed.iter().any(|r| r.reason == "credit"));
    }

    #[test]
    fn a_deck_before_the_byline_block_is_not_the_story() {
        let s = "Ferry fares rise again\nThe second increase this year will hit island commuters hardest. But the company says it has no choice.\nBy Lena Brandt\nNov. 18, 2019 7:04 pm ET\nThe ferry company said on Monday that fares would rise by five per cent from March, the second increase this year.\nThe company blamed fuel costs and said timetables would not change during the winter months, when fewer people travel.\nPassenger groups said they would ask the regional council to review the contract with the operator before it is renewed.\n";
        let d = run(s);
        assert!(d.text.starts_with("The ferry company said"), "{}", d.text);
        assert!(!d.text.contains("Lena Brandt"), "{}", d.text);
        assert!(!d.text.contains("7:04"), "{}", d.text);
    }

    #[test]
    fn short_labels_between_body_paragraphs_are_kept() {
        let s = format!("{STORY}Breakfast\nEat within an hour of waking up\nTwo eggs, one cup of spinach and a slice of wholegrain toast with a little butter make a good start to the day.\nLunch\nEat three to four hours later\nA bowl of lentil soup with carrots, onions and a spoon of olive oil keeps you going through the afternoon.\n");
        let d = run(&s);
        assert!(
            d.text.contains("Eat within an hour of waking up"),
            "{}",
            d.text
        );
        assert!(
            d.text.contains("Eat three to four hours later"),
            "{}",
            d.text
        );
    }

    #[test]
    fn template_names_in_list_items_are_not_text() {
        assert!(is_code_token("- medium-wide-browser-and-larger"));
        assert!(is_code_token("* portrait_tablet"));
        assert!(!is_code_token("- well-known author"));
        assert!(!is_code_token("medium-wide-browser"));
        assert!(!is_code_token("- Anglo-Saxon"));
    }

    #[test]
    fn a_strip_of_short_fields_is_furniture() {
        let meta = "05/10/2018 - Posted by: Ana Lima - Category: Health - Tags: ferry fares";
        assert!(is_field_strip(&features::line_stats(meta), meta));
        let row = "| 1 | Kyle Busch | 5040 | 5 | 1 |";
        assert!(!is_field_strip(&features::line_stats(row), row));
        let sentence = "The ferry - the oldest on the coast - will run again from Monday morning.";
        assert!(!is_field_strip(&features::line_stats(sentence), sentence));
    }

    #[test]
    fn a_caption_shown_cut_and_whole_goes_to_figures_once() {
        let s = format!("Ferry fares rise again\nThe transport minister, left, and the ferry company's director shake hands at the harbour on Monday, after signing the new contract. less\nThe transport minister, left, and the ferry company's director shake hands at the harbour on Monday, after ... more\nPhoto: Lena Brandt\n{}", STORY.replace("\n\n", "\n"));
        let d = run(&s);
        assert!(!d.text.contains("shake hands"), "{}", d.text);
        assert_eq!(d.figures.len(), 1, "{:?}", d.figures);
        assert_eq!(d.figures[0].credit.as_deref(), Some("Photo: Lena Brandt"));
        assert!(d.text.contains("second week of December"), "{}", d.text);
    }

    #[test]
    fn a_sign_up_pitch_closing_the_body_goes() {
        let s = format!("{STORY}Let our news meet your inbox. The stories that matter, delivered weekday mornings.\n");
        let d = run(&s);
        assert!(!d.text.contains("inbox"), "{}", d.text);
        assert!(d.text.contains("second week of December"), "{}", d.text);
    }
}

//! Main-content selection: which part of the tree is the article, and what
//! of it is body, figure, related link or furniture.
//!
//! One forward pass annotates every node (inherited flags: hidden,
//! boilerplate region, caption, link...), a second cuts the page into text
//! blocks (boilerpipe's shallow features: length, link density, sentence
//! shape), and a reverse pass sums block weights up the tree so the element
//! with the highest total is the article container (the readability idea,
//! without its repeated tree walks). Siblings that score close to it join it.
//! The container's blocks are then sorted into body, figures, related links
//! and dropped furniture, each drop with its reason.

mod blocks;
pub mod hints;
pub mod lexicon;

use crate::html::{Dom, NodeId};
use crate::Options;
use blocks::{segment, RawBlock, RawKind};
use copydesk_model::{Block, BlockKind, Document, Figure, Link, Removal, RemovalAction};

pub use blocks::{annotate, Flags};

/// A child of the winning container that holds this share of its score
/// replaces it (measured on the dev sets: .85–.9 tighten without losing
/// bodies split over siblings; .8 starts to).
const DOMINANT_CHILD: f64 = 0.9;

/// Extracts the article body, figures and related links from a parsed page.
pub fn article(dom: &Dom, opts: &Options) -> Document {
    let mut flags = annotate(dom);
    hide_hover_cards(dom, &mut flags);
    let mut raw = segment(dom, &flags);
    protect_main_text(dom, &mut flags, &mut raw);
    let weights: Vec<f64> = raw.iter().map(block_weight).collect();

    // Container scores: the weights of each element's blocks.
    let score = subtree_sums(dom, raw.iter().zip(weights.iter().copied()));
    let mut best: NodeId = 0;
    let mut best_score = f64::MIN;
    for (i, s) in score.iter().enumerate() {
        if dom.element(i as NodeId).is_none() {
            continue;
        }
        let f = flags.get(i).copied().unwrap_or_default();
        if f.is_hidden() || f.is_boiler() {
            continue;
        }
        let bonus = if f.contains(Flags::CONTENT_HINT_SELF) {
            1.15
        } else {
            1.0
        };
        let s = s * bonus;
        if s >= best_score {
            best_score = s;
            best = i as NodeId;
        }
    }

    // The page's own body marker inside the winner, holding most of its
    // text, is the tighter container (the rest is teasers or comments).
    let winner = best;
    let best_raw = score.get(best as usize).copied().unwrap_or(0.0);
    let mut marked: Option<(NodeId, f64)> = None;
    for i in dom.descendants(best).skip(1) {
        let f = flags.get(i as usize).copied().unwrap_or_default();
        let s = score.get(i as usize).copied().unwrap_or(0.0);
        if f.contains(Flags::CONTENT_HINT_SELF)
            && !f.is_boiler()
            && s >= 0.5 * best_raw
            && marked.is_none_or(|(_, ms)| s >= ms)
        {
            marked = Some((i, s));
        }
    }
    if let Some((m, s)) = marked {
        best = m;
        best_score = s;
    }

    // A child holding nearly all of the winner's score is the tighter
    // container: the rest is a rail or an about box that scored a little.
    // Nearly all of it by net score and by text alone: a sibling whose
    // prose is cancelled out by its links ("Learn more about...") is not
    // nothing.
    let prose = subtree_sums(dom, raw.iter().zip(weights.iter().map(|w| w.max(0.0))));
    loop {
        let total = score.get(best as usize).copied().unwrap_or(0.0);
        let prose_total = prose.get(best as usize).copied().unwrap_or(0.0);
        let dominant = dom.children(best).find(|&c| {
            let f = flags.get(c as usize).copied().unwrap_or_default();
            dom.element(c).is_some()
                && !f.is_boiler()
                && !f.is_hidden()
                && score.get(c as usize).copied().unwrap_or(0.0) >= DOMINANT_CHILD * total
                && prose.get(c as usize).copied().unwrap_or(0.0) >= DOMINANT_CHILD * prose_total
        });
        match dominant {
            Some(c) if total > 0.0 => {
                best = c;
                best_score = score.get(c as usize).copied().unwrap_or(0.0);
            }
            _ => break,
        }
    }

    // Climb wrappers that hold nothing but the container, so that its
    // siblings are the article's other parts (bodies split around embeds).
    while let Some(parent) = dom.parent(best) {
        if parent != 0 && only_element_child(dom, parent) == Some(best) {
            best = parent;
        } else {
            break;
        }
    }

    // Region: the container plus siblings that score close to it, or that
    // share its class (the same template part repeated).
    // A body split over sibling elements that each carry the page's body
    // marker (`story-body story-body-1`, `story-body story-body-2`) is one
    // body, however small its first part.
    let best_class = dom.element(best).and_then(|e| e.attr("class"));
    let best_name = dom.element(best).map(|e| &e.name);
    let best_marker = is_body_marker(dom, best);
    // The classes of the elements that hold the container's paragraphs name
    // the template's text part: a sibling that is such an element, or wraps
    // one in nothing but wrappers, is another part of the body, however its
    // own wrappers are styled (a gallery or a box between two parts).
    let body = dom.descendants(best);
    let mut part_classes: Vec<&str> = Vec::new();
    for b in raw.iter().filter(|b| body.contains(&b.owner)) {
        if b.kind != RawKind::Text || b.len < 80 || b.link_density() >= 0.3 {
            continue;
        }
        let class = dom
            .parent(b.owner)
            .and_then(|p| dom.element(p))
            .and_then(|e| e.attr("class"));
        if let Some(c) = class.filter(|c| !c.trim().is_empty()) {
            if !part_classes.contains(&c) && part_classes.len() < 8 {
                part_classes.push(c);
            }
        }
    }
    let mut region: Vec<std::ops::Range<NodeId>> = Vec::new();
    match dom.parent(best) {
        Some(parent) if best_score > 0.0 => {
            for sib in dom.children(parent) {
                let s = score.get(sib as usize).copied().unwrap_or(0.0);
                let f = flags.get(sib as usize).copied().unwrap_or_default();
                let same_class = best_class.is_some()
                    && dom.element(sib).and_then(|e| e.attr("class")) == best_class;
                let same_marker = best_marker
                    && dom.element(sib).map(|e| &e.name) == best_name
                    && is_body_marker(dom, sib);
                let close = s >= (0.25 * best_score).max(150.0);
                let kin = s > 0.0
                    && (same_class
                        || same_marker
                        || part_classes.iter().any(|c| wraps_class(dom, sib, c)));
                if sib == best || ((close || kin) && !f.is_boiler() && !f.is_hidden()) {
                    region.push(dom.descendants(sib));
                }
            }
        }
        _ => region.push(dom.descendants(best)),
    }
    // The same one level up and higher, up to the first winner: the body's
    // marked wrapper may be one of several (`story-body-supplemental` twice).
    if best_score > 0.0 {
        for a in dom.ancestors(best) {
            if a == winner || !dom.descendants(winner).contains(&a) {
                break;
            }
            if !is_body_marker(dom, a) {
                continue;
            }
            let Some(parent) = dom.parent(a) else { break };
            let name = dom.element(a).map(|e| &e.name);
            for sib in dom.children(parent) {
                let f = flags.get(sib as usize).copied().unwrap_or_default();
                if sib != a
                    && score.get(sib as usize).copied().unwrap_or(0.0) > 0.0
                    && dom.element(sib).map(|e| &e.name) == name
                    && is_body_marker(dom, sib)
                    && !f.is_boiler()
                    && !f.is_hidden()
                {
                    region.push(dom.descendants(sib));
                }
            }
        }
    }
    let in_region = |owner: NodeId| region.iter().any(|r| r.contains(&owner));

    let mut doc = Document::default();
    let mut removed: Vec<Removal> = Vec::new();
    let mut drop = |b: &RawBlock, reason: &str, action: RemovalAction| {
        if opts.explain {
            removed.push(Removal {
                text: shorten(&b.text),
                action,
                reason: reason.to_string(),
                line: None,
            });
        }
    };

    let mut related_outside: Vec<Link> = Vec::new();
    // Body candidates inside the region, in order.
    let chosen: Vec<(usize, &RawBlock)> = raw
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            if in_region(b.owner) {
                true
            } else if b.flags.contains(Flags::RELATED_HINT) && b.link_density() > 0.5 {
                // A "related stories" box beside the article: its links.
                add_related(&mut related_outside, b);
                drop(b, "related-link", RemovalAction::Moved);
                false
            } else {
                drop(b, "outside-article", RemovalAction::Dropped);
                false
            }
        })
        .collect();
    // Long paragraphs with few links, quoted ones too (an open letter set
    // in a blockquote is the article).
    let is_good = |b: &RawBlock| {
        matches!(b.kind, RawKind::Text | RawKind::Quote) && b.len >= 80 && b.link_density() < 0.3
    };
    let first_good = chosen.iter().position(|(_, b)| is_good(b));
    // Some writers end no line with a full stop (a photo blog's captions
    // run as prose): there, a short line's missing stop tells nothing.
    let (good, stopped) = chosen
        .iter()
        .filter(|(_, b)| is_good(b))
        .fold((0u32, 0u32), |(g, s), (_, b)| {
            (g + 1, s + u32::from(ends_sentence(&b.text)))
        });
    let unpunctuated = good >= 3 && 2 * stopped < good;
    // Teaser cards: an unlinked excerpt right under a linked headline. Two
    // or more make a grid or a next/previous pair; their excerpts are not
    // the article's paragraphs, however long.
    // A card is a box of its own: an excerpt beside the article's
    // paragraphs (a paragraph after a "Read more:" link) is the article's.
    let under_headline = |pos: usize| {
        chosen.get(pos).is_some_and(|(_, b)| is_teaser_excerpt(b))
            && pos
                .checked_sub(1)
                .and_then(|p| chosen.get(p))
                .is_some_and(|(_, prev)| is_linked_headline(prev))
    };
    let prose_parents: std::collections::HashSet<NodeId> = chosen
        .iter()
        .enumerate()
        .filter(|&(pos, (_, b))| is_good(b) && !under_headline(pos))
        .filter_map(|(_, (_, b))| dom.parent(b.owner))
        .collect();
    let teaser: Vec<bool> = (0..chosen.len())
        .map(|pos| {
            under_headline(pos)
                && chosen
                    .get(pos)
                    .and_then(|(_, b)| dom.parent(b.owner))
                    .is_some_and(|p| !prose_parents.contains(&p))
        })
        .collect();
    let teasers = teaser.iter().filter(|&&t| t).count();
    let is_teaser = |pos: usize| teasers >= 2 && teaser.get(pos).copied().unwrap_or(false);
    let last_good = (0..chosen.len())
        .rev()
        .find(|&pos| chosen.get(pos).is_some_and(|(_, b)| is_good(b)) && !is_teaser(pos));
    // The quotation the last long paragraph sits in: its closing lines (a
    // letter's sign-off) are the article's too.
    // Per list element: (items of prose, items) among the candidates. A
    // list a third or more of whose items are the author's sentences keeps
    // its linked items too (a changelog's "Bug 123 – ..." entries); a list
    // of headlines does not.
    let mut list_prose: std::collections::HashMap<NodeId, (u32, u32)> =
        std::collections::HashMap::new();
    for (_, b) in &chosen {
        if let (RawKind::ListItem, Some(list)) = (b.kind, b.list) {
            let e = list_prose.entry(list).or_default();
            e.1 += 1;
            if b.len >= 40 && b.link_density() < 0.3 && ends_sentence(&b.text) {
                e.0 += 1;
            }
        }
    }
    let prose_list = |b: &RawBlock| {
        b.kind == RawKind::ListItem
            && b.list
                .and_then(|l| list_prose.get(&l))
                .is_some_and(|&(p, n)| p >= 2 && 3 * p >= n)
    };
    // The element holding the last long paragraph: short lines after it in
    // the same element (a sign-off, a list of contacts, the reporting
    // credit) continue the article; boxes after it are another element's.
    let last_good_parent = last_good
        .and_then(|l| chosen.get(l))
        .and_then(|(_, b)| dom.parent(b.owner));
    let last_quote = last_good
        .and_then(|l| chosen.get(l))
        .filter(|(_, b)| b.kind == RawKind::Quote)
        .and_then(|(_, b)| quote_of(dom, b.owner));

    // Headings that are links to other pages: one of a run of them, or one
    // over no content of its own (captions and boxes skipped: a listicle's
    // linked item heads its photo, then its text) is another story's
    // headline. Boxes the markup sets apart are no neighbours.
    let linked_heading = |pos: usize| {
        chosen.get(pos).is_some_and(|(_, b)| {
            matches!(b.kind, RawKind::Heading(_))
                && is_linked_headline(b)
                && !b.flags.is_boiler()
                && !b.flags.is_hidden()
        })
    };
    let heads_content = |pos: usize| {
        chosen
            .iter()
            .skip(pos + 1)
            .take(3)
            .find(|(_, n)| {
                !n.flags.contains(Flags::CAPTION)
                    && !n.flags.contains(Flags::CREDIT)
                    && !n.flags.is_boiler()
                    && !n.flags.is_hidden()
            })
            .is_some_and(|(_, n)| n.link_density() <= 0.5)
    };
    let linked_story = |pos: usize| {
        linked_heading(pos)
            && (pos.checked_sub(1).is_some_and(linked_heading)
                || linked_heading(pos + 1)
                || !heads_content(pos))
    };
    let mut seen = std::collections::HashSet::new();
    let mut ended = false;
    let mut begun = false;
    let page_title = format!(" {} ", words_key(dom.title.as_deref().unwrap_or("")));
    let mut skip_until: Option<NodeId> = None;
    let mut last_good_owner: Option<NodeId> = None;
    let mut pending_list: Option<(NodeId, bool, Vec<String>)> = None;
    let mut body: Vec<Block> = Vec::new();
    let flush_list = |body: &mut Vec<Block>, pending: &mut Option<(NodeId, bool, Vec<String>)>| {
        if let Some((_, ordered, items)) = pending.take() {
            if !items.is_empty() {
                body.push(Block::list(ordered, items));
            }
        }
    };
    for (pos, (_, b)) in chosen.iter().enumerate() {
        let text = b.text.trim();
        if text.is_empty() {
            continue;
        }
        if b.flags.is_hidden() {
            drop(b, "hidden", RemovalAction::Dropped);
            continue;
        }
        // A long block in a caption by class may be a body the class names
        // wrongly; a `<figcaption>` is a caption by the tag, however long.
        if (b.flags.contains(Flags::CREDIT) || b.flags.contains(Flags::CAPTION))
            && (b.len < 500 || in_figcaption(dom, b.owner))
        {
            add_figure(&mut doc.figures, b);
            drop(
                b,
                if b.flags.contains(Flags::CREDIT) {
                    "credit"
                } else {
                    "caption"
                },
                RemovalAction::Moved,
            );
            continue;
        }
        if b.flags.is_boiler() {
            // A "related posts" heading in a box the markup already calls
            // boilerplate still ends the article (what follows may be
            // teasers the markup does not mark).
            if !ended && lexicon::is_end_marker(text) {
                if let Some(prev) = last_good_owner {
                    match end_of_article(dom, b.owner, prev) {
                        Some(end) => skip_until = Some(end),
                        None => ended = true,
                    }
                }
            }
            if b.link_density() > 0.5 && b.flags.contains(Flags::RELATED_HINT) {
                add_related(&mut doc.related, b);
                drop(b, "related-link", RemovalAction::Moved);
            } else {
                drop(b, "boilerplate-region", RemovalAction::Dropped);
            }
            continue;
        }
        if b.kind == RawKind::Heading(1) {
            drop(b, "title", RemovalAction::Moved);
            continue;
        }
        if let Some(cut) = lexicon::related_prefix(text) {
            let rest: String = text.chars().skip(cut).collect();
            doc.related.push(Link {
                text: rest.trim().to_string(),
                url: b.href.clone(),
            });
            drop(b, "related-link", RemovalAction::Moved);
            continue;
        }
        if lexicon::is_furniture(text) {
            drop(b, "furniture", RemovalAction::Dropped);
            continue;
        }
        let ld = b.link_density();
        let authors_item = is_citation(b) || prose_list(b);
        if ld > 0.5 && !matches!(b.kind, RawKind::Heading(_)) && !authors_item {
            if b.href.is_some() && b.len >= 15 {
                add_related(&mut doc.related, b);
                drop(b, "link-list", RemovalAction::Moved);
            } else {
                drop(b, "link-list", RemovalAction::Dropped);
            }
            continue;
        }
        let before_first = first_good.is_some_and(|f| pos < f) && !begun;
        let after_last = last_good.is_some_and(|l| pos > l);
        let sentence =
            ends_sentence(text) || (unpunctuated && b.kind == RawKind::Text && b.len >= 20);
        if skip_until.is_some_and(|end| b.owner < end) {
            drop(b, "related-section", RemovalAction::Dropped);
            continue;
        }
        skip_until = None;
        if ended {
            drop(b, "after-article", RemovalAction::Dropped);
            continue;
        }
        if lexicon::is_end_marker(text) {
            if let Some(prev) = last_good_owner {
                match end_of_article(dom, b.owner, prev) {
                    Some(end) => skip_until = Some(end),
                    None => ended = !prose_resumes(dom, &chosen, pos, prev),
                }
                drop(b, "related-section", RemovalAction::Dropped);
                continue;
            }
        }
        // Another story's linked headline ("More:" and a list of headlines
        // among the paragraphs) goes to related, and the short label
        // heading over such headlines goes too.
        if linked_story(pos) {
            add_related(&mut doc.related, b);
            drop(b, "related-link", RemovalAction::Moved);
            continue;
        }
        if matches!(b.kind, RawKind::Heading(_))
            && b.link_len == 0
            && b.len < 40
            && linked_story(pos + 1)
        {
            drop(b, "related-section", RemovalAction::Dropped);
            continue;
        }
        if is_good(b) {
            last_good_owner = Some(b.owner);
        }
        // Tables, code and plain (link-free) list items stand on their own.
        let table_or_code = matches!(b.kind, RawKind::Table | RawKind::Code)
            || (b.kind == RawKind::ListItem && b.link_len == 0);
        // A heading right above a paragraph of prose heads a section of
        // the article, wherever the long paragraphs are; before any prose,
        // one that repeats the page's title is the headline.
        let heads_prose = matches!(b.kind, RawKind::Heading(_))
            && !(before_first && page_title.contains(&format!(" {} ", words_key(text))))
            && chosen
                .get(pos + 1)
                .is_some_and(|(_, n)| is_section_prose(n) || is_section_list(n));
        let closes_quote = after_last
            && b.kind == RawKind::Quote
            && last_quote.is_some()
            && quote_of(dom, b.owner) == last_quote;
        let continues = after_last
            && b.kind == RawKind::Text
            && last_good_parent.is_some()
            && dom.parent(b.owner) == last_good_parent;
        let stands = table_or_code || heads_prose || closes_quote || continues;
        if (before_first && !sentence && !stands)
            || (after_last && b.len < 60 && !sentence && !stands)
        {
            drop(
                b,
                if before_first {
                    "before-article"
                } else {
                    "after-article"
                },
                RemovalAction::Dropped,
            );
            continue;
        }
        if after_last
            && b.kind == RawKind::ListItem
            && b.len < 100
            && b.link_len > 0
            && !authors_item
        {
            drop(b, "after-article", RemovalAction::Dropped);
            continue;
        }
        // After the article, teaser cards (a "next story" pair, a grid of
        // other articles) go whole: the excerpt whatever its punctuation,
        // and the linked headline over it.
        if after_last && (is_teaser(pos) || (is_teaser(pos + 1) && is_linked_headline(b))) {
            drop(b, "teaser", RemovalAction::Dropped);
            continue;
        }
        // Repeated short blocks are template furniture or a caption printed
        // twice; a long paragraph or a list item that repeats (the same
        // ingredient in two recipes) is the author's, and so is a repeated
        // sentence of the body's prose (the same question put to each of
        // several interviewees): furniture is labels, not sentences.
        let repeatable = b.kind == RawKind::ListItem || is_section_prose(b);
        if !seen.insert(text.to_string()) && b.len > 20 && b.len < 150 && !repeatable {
            drop(b, "duplicate", RemovalAction::Dropped);
            continue;
        }
        // Lists gather consecutive items of one list element.
        if let RawKind::ListItem = b.kind {
            let list = b.list.unwrap_or(b.owner);
            match &mut pending_list {
                Some((id, _, items)) if *id == list => items.push(text.to_string()),
                _ => {
                    flush_list(&mut body, &mut pending_list);
                    pending_list = Some((list, b.ordered, vec![text.to_string()]));
                }
            }
            continue;
        }
        flush_list(&mut body, &mut pending_list);
        // A kept sentence of a few words has begun the body: short blocks
        // after it are the article's (math between the words, a step label)
        // even before its first long paragraph. A form label is shorter.
        begun |= is_section_prose(b);
        body.push(match b.kind {
            RawKind::Heading(level) => Block::heading(level, text),
            RawKind::Quote => Block::new(BlockKind::Quote, text),
            RawKind::Code => Block::new(BlockKind::Code, b.text.trim_matches('\n')),
            RawKind::Table => Block::table(b.rows.clone()),
            RawKind::Text | RawKind::ListItem => Block::new(BlockKind::Paragraph, text),
        });
    }
    flush_list(&mut body, &mut pending_list);
    for link in related_outside {
        if !doc
            .related
            .iter()
            .any(|l| l.text == link.text || l.url == link.url)
        {
            doc.related.push(link);
        }
    }
    // A heading with nothing after it is not a section.
    while body.last().is_some_and(|b| b.kind == BlockKind::Heading) {
        body.pop();
    }
    doc.blocks = body;
    doc.removed = removed;
    doc.url = opts.url.clone();
    doc.finish_text();
    doc
}

/// Markup hints are wrong now and then (a page wrapper whose class names an
/// ad slot): an element marked boilerplate that holds over half the page's
/// good text is not boilerplate. Re-annotates with such elements shielded.
/// Each block's weight goes to its owner, then sums up the tree in one
/// reverse pass (children follow parents in the arena): a node's total is
/// its whole subtree's.
fn subtree_sums<'a>(dom: &Dom, weighted: impl Iterator<Item = (&'a RawBlock, f64)>) -> Vec<f64> {
    let n = dom.len();
    let mut sums = vec![0.0f64; n];
    for (b, w) in weighted {
        if let Some(s) = sums.get_mut(b.owner as usize) {
            *s += w;
        }
    }
    for i in (1..n).rev() {
        let s = sums.get(i).copied().unwrap_or(0.0);
        if let Some(p) = dom.parent(i as NodeId) {
            if let Some(ps) = sums.get_mut(p as usize) {
                *ps += s;
            }
        }
    }
    sums
}

fn protect_main_text(dom: &Dom, flags: &mut Vec<Flags>, raw: &mut [RawBlock]) {
    let n = dom.len();
    // Per subtree: the weight of its text and how many blocks carry some.
    let mut good = vec![(0.0f64, 0u32); n];
    let mut total = 0.0;
    for b in raw.iter() {
        let w = weight(b, false).max(0.0);
        total += w;
        if let Some(g) = good.get_mut(b.owner as usize) {
            g.0 += w;
            g.1 += u32::from(w > 0.0);
        }
    }
    let embeds = embed_wrappers(dom, flags);
    if total <= 0.0 && embeds.is_empty() {
        return;
    }
    for i in (1..n).rev() {
        let g = good.get(i).copied().unwrap_or_default();
        if let Some(p) = dom.parent(i as NodeId) {
            if let Some(pg) = good.get_mut(p as usize) {
                pg.0 += g.0;
                pg.1 += g.1;
            }
        }
    }
    // One paragraph (a footer's long notice beside a short article) is not
    // a page's main text.
    let mut protected: Vec<NodeId> = (0..n)
        .filter(|&i| {
            let (w, blocks) = good.get(i).copied().unwrap_or_default();
            flags.get(i).is_some_and(|f| f.contains(Flags::BOILER_SELF))
                && total > 0.0
                && w >= 0.5 * total
                && blocks >= 2
        })
        .map(|i| i as NodeId)
        .collect();
    protected.extend(embeds);
    protected.sort_unstable();
    protected.dedup();
    if protected.is_empty() {
        return;
    }
    *flags = blocks::annotate_protecting(dom, &protected);
    for b in raw.iter_mut() {
        let keep_hidden = b.flags.is_hidden();
        b.flags = flags.get(b.owner as usize).copied().unwrap_or_default();
        if keep_hidden {
            b.flags = Flags(b.flags.0 | Flags::HIDDEN.0);
        }
    }
}

/// Least number of links in a hover card (a name, then headlines).
const HOVER_CARD_LINKS: u32 = 2;

/// Hover cards: an inline element inside a paragraph that holds a picture
/// and two or more links, its words mostly link text (a person's popup:
/// photo, full name, latest headlines). The page shows it only on hover;
/// its words are not the sentence's, and counted in they make the
/// paragraph read as a link list, while its picture cuts the paragraph in
/// two. Each such subtree (the deepest one) is marked hidden, so the
/// paragraph keeps its own words, whole.
fn hide_hover_cards(dom: &Dom, flags: &mut [Flags]) {
    #[derive(Clone, Copy, Default)]
    struct Count {
        images: u32,
        links: u32,
        chars: usize,
        link_chars: usize,
    }
    let n = dom.len().min(flags.len());
    let mut counts = vec![Count::default(); n];
    // Pictures and links first, bottom-up: cheap, and on most pages no
    // inline element holds both, so no text is weighed at all.
    let mut any = false;
    for i in (1..n).rev() {
        let id = i as NodeId;
        let mut c = counts.get(i).copied().unwrap_or_default();
        if let Some(e) = dom.element(id) {
            if e.name == html5ever::local_name!("img") {
                c.images += 1;
                any = true;
            } else if e.name == html5ever::local_name!("a")
                && flags.get(i).is_some_and(|f| f.contains(Flags::LINK))
            {
                c.links += 1;
            }
        }
        if let Some(slot) = counts.get_mut(i) {
            *slot = c;
        }
        if let Some(p) = dom.parent(id).and_then(|p| counts.get_mut(p as usize)) {
            p.images += c.images;
            p.links += c.links;
        }
    }
    if !any {
        return;
    }
    let shaped_like_card = |counts: &[Count], id: NodeId| {
        let f = flags.get(id as usize).copied().unwrap_or_default();
        let c = counts.get(id as usize).copied().unwrap_or_default();
        dom.element(id)
            .is_some_and(|e| e.name != html5ever::local_name!("a"))
            && !f.contains(Flags::BLOCK)
            && !f.contains(Flags::LINK)
            && !f.is_hidden()
            && c.images >= 1
            && c.links >= HOVER_CARD_LINKS
    };
    // Then the words, weighed only inside such elements' subtrees (nested
    // or apart, so one forward walk finds their union).
    let mut weigh = vec![false; n];
    let mut until: NodeId = 0;
    for i in 1..n {
        let id = i as NodeId;
        if id >= until && shaped_like_card(&counts, id) {
            until = dom.descendants(id).end;
        }
        if let Some(w) = weigh.get_mut(i) {
            *w = id < until;
        }
    }
    if until == 0 {
        return;
    }
    for i in (1..n).rev() {
        if !weigh.get(i).copied().unwrap_or(false) {
            continue;
        }
        let id = i as NodeId;
        if let Some(t) = dom.text_of_node(id) {
            let w = blocks::text_weight(t);
            let link = flags.get(i).is_some_and(|f| f.contains(Flags::LINK));
            if let Some(c) = counts.get_mut(i) {
                c.chars += w;
                c.link_chars += if link { w } else { 0 };
            }
        }
        let c = counts.get(i).copied().unwrap_or_default();
        if let Some(p) = dom.parent(id).and_then(|p| counts.get_mut(p as usize)) {
            p.chars += c.chars;
            p.link_chars += c.link_chars;
        }
    }
    let is_card = |id: NodeId| {
        let c = counts.get(id as usize).copied().unwrap_or_default();
        shaped_like_card(&counts, id) && 2 * c.link_chars > c.chars
    };
    let in_paragraph = |id: NodeId| {
        dom.ancestors(id)
            .take(32)
            .find(|&a| {
                flags
                    .get(a as usize)
                    .is_some_and(|f| f.contains(Flags::BLOCK))
            })
            .and_then(|a| dom.element(a))
            .is_some_and(|e| e.name == html5ever::local_name!("p"))
    };
    let mut cards: Vec<std::ops::Range<NodeId>> = Vec::new();
    let mut i: NodeId = 1;
    while (i as usize) < n {
        if is_card(i) && !dom.children(i).any(is_card) && in_paragraph(i) {
            let sub = dom.descendants(i);
            i = sub.end.max(i + 1);
            cards.push(sub);
        } else {
            i += 1;
        }
    }
    // Hidden, and no longer a block: the card's picture does not cut the
    // paragraph in two.
    for d in cards.into_iter().flatten() {
        if let Some(f) = flags.get_mut(d as usize) {
            *f = Flags((f.0 | Flags::HIDDEN.0) & !Flags::BLOCK.0);
        }
    }
}

/// Where a "more stories"/comments heading owned by `owner` ends the
/// article, `prev` owning the last good paragraph: if the heading heads a box
/// of its own (an element that holds none of the article read so far), the
/// box ends at the returned node; `None` in a flat layout, where the article
/// ends at the heading.
fn end_of_article(dom: &Dom, owner: NodeId, prev: NodeId) -> Option<NodeId> {
    let mut module = owner;
    for a in dom.ancestors(owner) {
        if dom.descendants(a).contains(&prev) {
            break;
        }
        module = a;
    }
    (module != owner).then(|| dom.descendants(module).end)
}

/// Whether the article's prose goes on after the end marker at `pos`: an
/// inline "don't miss" box (the marker and a line of links) set among the
/// body's own paragraphs. Within the next few blocks, a paragraph of prose
/// as long as a good one resumes the article when it sits in the same
/// element as the last good one (`prev`), or in one of the same tag and
/// class two levels up at most (the body split into like boxes around a
/// photo); teasers after the article sit in boxes of their own.
fn prose_resumes(dom: &Dom, chosen: &[(usize, &RawBlock)], pos: usize, prev: NodeId) -> bool {
    let Some(parent) = dom.parent(prev) else {
        return false;
    };
    let Some(container) = dom.parent(parent) else {
        return false;
    };
    let like_parent = |q: NodeId| {
        q == parent
            || match (dom.element(q), dom.element(parent)) {
                (Some(a), Some(b)) => a.name == b.name && a.attr("class") == b.attr("class"),
                _ => false,
            }
    };
    let inside = dom.descendants(container);
    chosen
        .iter()
        .skip(pos + 1)
        .take(6)
        .take_while(|(_, n)| inside.contains(&n.owner))
        .any(|(_, n)| {
            is_section_prose(n)
                && n.len >= 80
                && n.link_density() < 0.2
                && dom.parent(n.owner).is_some_and(like_parent)
        })
}

/// Whether an element's class or id names the article body itself
/// (`article-body`, `story-body`...), the tag alone not counting.
fn is_body_marker(dom: &Dom, id: NodeId) -> bool {
    dom.element(id).is_some_and(|e| {
        let class = e.attr("class").unwrap_or("");
        let idv = e.attr("id").unwrap_or("");
        hints::read(&[class, idv]).body_marker
    })
}

/// Embedded posts: an element that only its own class calls boilerplate
/// (`social-embed`, `article-widget`) and that holds nothing but a
/// quotation, under wrappers that each hold nothing but the next, is a
/// post quoted in the article, not a share bar or a widget: share bars,
/// widgets and comment threads are never a single quotation. Tags and roles
/// that mean furniture (`aside`, `role=complementary`) are not overruled.
fn embed_wrappers(dom: &Dom, flags: &[Flags]) -> Vec<NodeId> {
    let mut out = Vec::new();
    for i in 0..dom.len() {
        let id = i as NodeId;
        let Some(e) = dom.element(id) else { continue };
        let own = flags.get(i).is_some_and(|f| f.contains(Flags::BOILER_SELF));
        let inherited = dom
            .parent(id)
            .and_then(|p| flags.get(p as usize))
            .is_some_and(|f| f.is_boiler());
        if !own
            || inherited
            || !matches!(
                e.name,
                html5ever::local_name!("div")
                    | html5ever::local_name!("figure")
                    | html5ever::local_name!("section")
            )
        {
            continue;
        }
        for node in single_child_chain(dom, id) {
            if flags
                .get(node as usize)
                .is_some_and(|f| f.is_boiler() && f.contains(Flags::BOILER_SELF))
            {
                break;
            }
            if dom
                .element(node)
                .is_some_and(|c| c.name == html5ever::local_name!("blockquote"))
            {
                out.push(id);
                break;
            }
        }
    }
    out
}

/// Whether `id` is a `<figcaption>` or sits in one, a few levels down.
fn in_figcaption(dom: &Dom, id: NodeId) -> bool {
    tag_at_or_above(dom, id, 4, &html5ever::local_name!("figcaption")).is_some()
}

/// Whether `id` is an element of class `class`, or holds one under
/// wrappers that each hold nothing but the next (single element children).
fn wraps_class(dom: &Dom, id: NodeId, class: &str) -> bool {
    std::iter::once(id)
        .chain(single_child_chain(dom, id))
        .any(|n| {
            dom.element(n)
                .is_some_and(|e| e.attr("class") == Some(class))
        })
}

/// The only element child of `id`, if it has exactly one (text aside).
fn only_element_child(dom: &Dom, id: NodeId) -> Option<NodeId> {
    let mut elements = dom.children(id).filter(|&c| dom.element(c).is_some());
    match (elements.next(), elements.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The elements below `id` down a line of wrappers that each hold nothing
/// but the next: its only element child, that one's, and so on.
fn single_child_chain(dom: &Dom, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    std::iter::successors(only_element_child(dom, id), move |&n| {
        only_element_child(dom, n)
    })
}

/// The nearest `<blockquote>` at or above `owner`, a few levels up at most.
fn quote_of(dom: &Dom, owner: NodeId) -> Option<NodeId> {
    tag_at_or_above(dom, owner, 8, &html5ever::local_name!("blockquote"))
}

/// The nearest element named `name` among `id` and its ancestors, `levels`
/// nodes looked at in all.
fn tag_at_or_above(
    dom: &Dom,
    id: NodeId,
    levels: usize,
    name: &html5ever::LocalName,
) -> Option<NodeId> {
    std::iter::once(id)
        .chain(dom.ancestors(id))
        .take(levels)
        .find(|&a| dom.element(a).is_some_and(|e| e.name == *name))
}

/// Lowercase words joined by single spaces, punctuation dropped: text to
/// compare with other text.
fn words_key(text: &str) -> String {
    let mut key = String::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
    key
}

/// A paragraph that reads as the article's prose: a sentence of a few
/// words, few links, nothing the markup sets apart.
fn is_section_prose(b: &RawBlock) -> bool {
    b.kind == RawKind::Text
        && !b.flags.is_hidden()
        && !b.flags.is_boiler()
        && !b.flags.contains(Flags::CAPTION)
        && !b.flags.contains(Flags::CREDIT)
        && b.len >= 20
        && b.link_density() <= 0.5
        && ends_sentence(&b.text)
}

/// A numbered note that cites a linked source (its title linked, its
/// publisher and date not): the article's own apparatus, not a link list.
fn is_citation(b: &RawBlock) -> bool {
    b.kind == RawKind::ListItem && b.ordered && b.len.saturating_sub(b.link_len) >= 15
}

/// Longest excerpt (non-space characters) a teaser card prints under its
/// linked headline.
const TEASER_EXCERPT: usize = 200;

/// A line that can be a teaser's excerpt: unlinked text of a sentence or two.
fn is_teaser_excerpt(b: &RawBlock) -> bool {
    b.kind == RawKind::Text && b.len < TEASER_EXCERPT && b.link_len == 0
}

/// A headline that is a link to another page: short, nearly all link text,
/// in a heading or a line of its own.
fn is_linked_headline(b: &RawBlock) -> bool {
    matches!(b.kind, RawKind::Heading(_) | RawKind::Text)
        && b.len >= 10
        && b.len < 150
        && b.link_density() > 0.8
        && b.href.is_some()
}

/// The first item of a list the body keeps: plain items or notes.
fn is_section_list(b: &RawBlock) -> bool {
    b.kind == RawKind::ListItem
        && !b.flags.is_hidden()
        && !b.flags.is_boiler()
        && (b.link_len == 0 || is_citation(b))
}

fn block_weight(b: &RawBlock) -> f64 {
    weight(b, true)
}

/// A block's contribution to its container's score; `use_flags` false
/// ignores what the markup says about the region.
fn weight(b: &RawBlock, use_flags: bool) -> f64 {
    if b.len == 0 || b.flags.is_hidden() {
        return 0.0;
    }
    if use_flags
        && (b.flags.is_boiler()
            || (b.len < 500
                && (b.flags.contains(Flags::CAPTION) || b.flags.contains(Flags::CREDIT))))
    {
        return 0.0;
    }
    let len = b.len as f64;
    let ld = b.link_density();
    match b.kind {
        RawKind::Heading(_) => return 0.0,
        RawKind::Table | RawKind::Code => return len.min(500.0) * 0.3,
        _ => {}
    }
    if ld > 0.5 {
        return -(len.min(300.0)) * 0.6;
    }
    // List items count for less: lists of teasers carry long descriptions,
    // while an article's own lists are short next to its paragraphs.
    let scale = if b.kind == RawKind::ListItem {
        0.3
    } else {
        1.0
    };
    scale * prose_weight(b, len, ld)
}

fn prose_weight(b: &RawBlock, len: f64, ld: f64) -> f64 {
    if b.len >= 100 {
        len * (1.0 - ld)
    } else if b.len >= 40 && ends_sentence(&b.text) {
        len * (1.0 - ld) * 0.7
    } else {
        -1.0
    }
}

/// Whether text ends like a sentence (any script's full stop, or a closing quote after one).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | '」' | '』')
    });
    t.ends_with(['.', '!', '?', '。', '！', '？', '…', ':', ';', '।', '؟'])
}

fn shorten(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= 200 {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(199).collect();
        s.push('…');
        s
    }
}

fn add_related(related: &mut Vec<Link>, b: &RawBlock) {
    for (text, url) in &b.links {
        let text = text.trim();
        if text.chars().count() >= 15 && !related.iter().any(|l| l.text == text) {
            related.push(Link {
                text: text.to_string(),
                url: Some(url.clone()),
            });
        }
    }
}

fn add_figure(figures: &mut Vec<Figure>, b: &RawBlock) {
    let text = b.text.trim().to_string();
    let is_credit = b.flags.contains(Flags::CREDIT) || lexicon::is_credit(&text);
    // Same figure as the previous caption/credit: fill the missing part.
    if let Some(last) = figures.last_mut() {
        if b.figure.is_some() && last_src_matches(last, b) {
            if is_credit && last.credit.is_none() {
                last.credit = Some(text);
                return;
            }
            if !is_credit && last.caption.is_none() {
                last.caption = Some(text);
                return;
            }
        }
    }
    let (caption, credit) = if is_credit {
        (None, Some(text))
    } else if let Some(credit) = b.credit.as_ref().filter(|c| !c.trim().is_empty()) {
        let credit = credit.trim();
        // "(Photo: X)": the parentheses are the page's, not the credit's.
        let credit = credit
            .strip_prefix('(')
            .and_then(|c| c.strip_suffix(')'))
            .map_or(credit, str::trim);
        (Some(text), Some(credit.to_string()))
    } else {
        split_credit(&text)
    };
    if caption.is_some() && figures.iter().any(|f| f.caption == caption) {
        return;
    }
    figures.push(Figure {
        caption,
        credit,
        src: b.img_src.clone(),
    });
}

fn last_src_matches(f: &Figure, b: &RawBlock) -> bool {
    f.src.is_some() && f.src == b.img_src
}

/// Splits a trailing "Photo: X" / "(X/Agency)" credit off a caption.
fn split_credit(text: &str) -> (Option<String>, Option<String>) {
    let lower = text.to_lowercase();
    for p in lexicon::CREDIT_PREFIXES {
        if let Some(i) = lower.rfind(p) {
            if i > 0 && text.is_char_boundary(i) && lower.len() == text.len() {
                let (cap, cred) = text.split_at(i);
                let cred = cred.trim().trim_end_matches(')').to_string();
                let cap = cap.trim().trim_end_matches('(').trim().to_string();
                if cred.chars().count() < 80 && !cap.is_empty() {
                    return (Some(cap), Some(cred));
                }
            }
        }
    }
    (Some(text.to_string()), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> Document {
        article(&crate::html::parse(html), &Options::default())
    }

    const PARA: &str = "The council voted on Tuesday to extend the tram line to the northern suburbs, a project that has been debated for more than a decade.";

    #[test]
    fn picks_the_article_over_navigation_and_footer() {
        let html = format!(
            "<body><nav><ul><li><a href=/a>Home</a><li><a href=/b>World</a></ul></nav>\
             <div class=main><article><h1>Title</h1><p>{PARA}</p><p>{PARA} Again.</p></article></div>\
             <footer><p>Copyright 2024 The Daily. All rights reserved.</p></footer></body>"
        );
        let d = run(&html);
        assert_eq!(d.blocks.len(), 2, "{:?}", d.blocks);
        assert!(d.text.starts_with("The council"));
        assert!(!d.text.contains("Copyright"));
    }

    #[test]
    fn a_long_figcaption_is_still_a_caption() {
        let caption =
            "Layout of the module: (1) crew quarters, (2) exercise, (3) galley. ".repeat(9);
        let html = format!(
            "<article><p>{PARA}</p><figure><img src=/m.jpg><figcaption>{caption}</figcaption></figure>\
             <p>{PARA} Again.</p></article>"
        );
        let d = run(&html);
        assert!(caption.len() > 500);
        assert!(!d.text.contains("Layout of the module"), "{}", d.text);
        assert!(d.figures.iter().any(|f| f
            .caption
            .as_deref()
            .is_some_and(|c| c.contains("crew quarters"))));
        // A long block that only a class calls a caption stays body text.
        let html = html
            .replace("<figcaption>", "<div class=caption-text>")
            .replace("</figcaption>", "</div>");
        assert!(run(&html).text.contains("Layout of the module"));
    }

    #[test]
    fn a_post_embedded_in_a_social_wrapper_is_the_articles_quote() {
        let post = "<blockquote class=post-embed><p>The bridge is open again after three weeks, \
                    and the queue of cyclists already reaches the square.</p>\
                    &mdash; Ana Ruiz (@anaruiz) <a href=/s/1>May 2, 2024</a></blockquote>";
        let html = format!(
            "<article><p>{PARA}</p><div class=social-media-embed>{post}</div>\
             <p>{PARA} Again.</p><div class=social-share><a href=/s>Share on Facebook</a> \
             <a href=/t>Share on X</a></div></article>"
        );
        let d = run(&html);
        assert!(d.text.contains("The bridge is open again"), "{}", d.text);
        assert!(d.text.contains("Ana Ruiz (@anaruiz)"), "{}", d.text);
        assert!(!d.text.contains("Share on"), "{}", d.text);
        // A wrapper holding more than the quotation stays boilerplate, and
        // so does an aside (the tag, not the class, says so).
        let more = html.replace(
            "<div class=social-media-embed>",
            "<div class=social-media-embed><a href=/f>Follow us</a>",
        );
        assert!(!run(&more).text.contains("The bridge"));
        let aside = html
            .replace(
                "<div class=social-media-embed>",
                "<aside class=social-media-embed>",
            )
            .replace("</blockquote></div>", "</blockquote></aside>");
        assert!(!run(&aside).text.contains("The bridge"));
    }

    #[test]
    fn a_body_part_wrapped_apart_from_the_rest_joins_it() {
        // The opening paragraph sits in the same text element as the rest
        // of the body, but under its own styled wrappers, ahead of a gallery
        // and a box; the rest of the body is one larger wrapper.
        let part = |t: &str| format!("<div class=\"txt c1\"><p>{t}</p></div>");
        let rest: String = (0..12)
            .map(|i| part(&format!("{PARA} Part {i}.")))
            .collect();
        let lead = "Opening words of the review, which set out what the console does well and \
                    where it falls short, before the long verdict further down.";
        let html = format!(
            "<body><div class=page><div class=\"blk pad top\"><div class=grid><div class=cell>{}</div></div></div>\
             <div class=\"blk gallery\"><h4>Gallery: 14 photos</h4><a href=/g/1><img src=/1.jpg></a></div>\
             <div class=\"blk box\"><ul><li>Fast</li><li>Quiet</li></ul></div>\
             <div class=main>{rest}</div></div>\
             <aside><p>Sign up for our newsletter to get the best stories every morning.</p></aside></body>",
            part(lead)
        );
        let d = run(&html);
        assert!(
            d.text.starts_with("Opening words of the review"),
            "{}",
            d.text
        );
        assert!(d.text.contains("Part 11."), "{}", d.text);
        assert!(!d.text.contains("newsletter"), "{}", d.text);
        // A sibling whose text element has another class stays out.
        let html = html.replace(
            &part(lead),
            &format!("<div class=teaser-text><p>{lead}</p></div>"),
        );
        let d = run(&html);
        assert!(!d.text.contains("Opening words"), "{}", d.text);
    }

    #[test]
    fn a_hover_card_inside_a_paragraph_does_not_split_or_drop_it() {
        // A person's popup card (photo, full name, latest headlines) sits
        // inside the sentence after the linked name.
        let card = "<span class=pop><span><img src=/p.jpg><a href=/people/ann>Ann Marie Lee</a>\
             <a href=/n/1>Council backs the northern tram extension plan</a> \
             <a href=/n/2>Mayor names a new head of the transport board</a> <a href=/people/ann>MORE</a></span></span>";
        let html = format!(
            "<article><p>Councillor <a href=/people/ann>Ann Lee</a>{card} said the vote was a turning point for the city.</p>\
             <p>{PARA}</p><p>{PARA} Again.</p></article>"
        );
        let d = run(&html);
        assert!(
            d.text
                .starts_with("Councillor Ann Lee said the vote was a turning point for the city."),
            "{}",
            d.text
        );
        assert!(!d.text.contains("MORE"));
        assert!(!d.text.contains("Mayor names"));
        // An inline span of prose with an image and links is the sentence's.
        let html = format!(
            "<article><p><span>Read the <a href=/r>full report</a> and the <a href=/m>minutes</a> \
             of the meeting, which ran late into the night.<img src=/i.png></span></p>\
             <p>{PARA}</p><p>{PARA} Again.</p></article>"
        );
        let d = run(&html);
        assert!(d.text.contains("full report"), "{}", d.text);
    }

    #[test]
    fn linked_headlines_among_the_paragraphs_are_related_stories() {
        // "More:" over headings that are links, between two paragraphs.
        let html = format!(
            "<article><p>{PARA}</p><h4>More:</h4>\
             <ul><li><h4><a href=/a>Ferry fares rise again on the harbour routes</a></h4></li></ul>\
             <ul><li><h4><a href=/b>Bridge repairs delayed until the spring</a></h4></li></ul>\
             <p>{PARA} Again.</p></article>"
        );
        let d = run(&html);
        assert!(!d.text.contains("More"), "{}", d.text);
        assert!(!d.text.contains("Ferry fares"), "{}", d.text);
        assert!(d.text.ends_with("Again."), "{}", d.text);
        assert!(d.related.iter().any(|l| l.text.contains("Bridge repairs")));
        // A linked heading over prose heads a section of the article.
        let html = format!(
            "<article><p>{PARA}</p><h3><a href=/tram>The northern loop plan</a></h3>\
             <p>{PARA} Again.</p></article>"
        );
        let d = run(&html);
        assert!(d.text.contains("The northern loop plan"), "{}", d.text);
    }

    #[test]
    fn an_inline_dont_miss_box_does_not_end_the_article() {
        // The marker and its links sit among the body's paragraphs; the
        // body goes on in a like box after a photo.
        let html = format!(
            "<article><div class=body><p>{PARA}</p><p>{PARA} Again.</p><p><strong>Don't miss</strong></p>\
             <p><a href=/a>Ferry fares rise again</a> | <a href=/b>Bridge repairs delayed</a></p></div>\
             <div class=photo><img src=/x.jpg></div>\
             <div class=body><p>Engineers said the new line would open in stages, with the first four stops on the northern loop served from early next year.</p></div></article>"
        );
        let d = run(&html);
        assert!(d.text.contains("Engineers said"), "{}", d.text);
        assert!(!d.text.contains("Don't miss"));
        assert!(!d.text.contains("Ferry fares"));
        // A marker heading teasers in boxes of their own still ends it.
        let html = format!(
            "<article><div class=body><p>{PARA}</p><p>{PARA} Again.</p><p><strong>Don't miss</strong></p>\
             <p><a href=/a>Ferry fares rise again</a> | <a href=/b>Bridge repairs delayed</a></p></div>\
             <div class=teaser><p>Engineers said the new line would open in stages, with the first four stops on the northern loop served from early next year.</p></div></article>"
        );
        let d = run(&html);
        assert!(!d.text.contains("Engineers said"), "{}", d.text);
    }

    #[test]
    fn an_inline_caption_span_makes_its_block_a_caption() {
        // The caption is a <span> in a plain <div> beside the image: the
        // block belongs to the div, but every word of it is the caption's.
        let html = format!(
            "<article><p>{PARA}</p><div class=photo><p><img src=/x.jpg></p>\
             <span class=newsCaption>Crowds gathered on the quay at dawn</span></div>\
             <div><span class=lead>{PARA} Later.</span></div><p>{PARA} More.</p></article>"
        );
        let d = run(&html);
        assert_eq!(d.figures.len(), 1);
        assert_eq!(
            d.figures[0].caption.as_deref(),
            Some("Crowds gathered on the quay at dawn")
        );
        assert_eq!(d.figures[0].src.as_deref(), Some("/x.jpg"));
        assert!(!d.text.contains("Crowds gathered"));
        // A block with words outside the caption span stays body text.
        assert!(d.text.contains("Later."));
    }

    #[test]
    fn captions_go_to_figures_and_read_more_to_related() {
        let html = format!(
            "<article><p>{PARA}</p><figure><img src=/x.jpg><figcaption>Trams in the rain. Photo: Ann Lee</figcaption></figure>\
             <p>READ MORE: <a href=/other>City approves budget for new bridges</a></p><p>{PARA} More.</p></article>"
        );
        let d = run(&html);
        assert_eq!(d.figures.len(), 1);
        assert_eq!(d.figures[0].caption.as_deref(), Some("Trams in the rain."));
        assert_eq!(d.figures[0].credit.as_deref(), Some("Photo: Ann Lee"));
        assert_eq!(d.figures[0].src.as_deref(), Some("/x.jpg"));
        assert_eq!(d.related.len(), 1);
        assert_eq!(d.related[0].url.as_deref(), Some("/other"));
        assert!(!d.text.contains("READ MORE"));
        assert!(!d.text.contains("Trams in the rain"));
    }

    #[test]
    fn share_bar_and_furniture_are_dropped_with_reasons() {
        let html = format!(
            "<article><div class=share-bar><a href=#>Share</a><a href=#>Tweet</a></div>\
             <p>{PARA}</p><p>Advertisement</p><h2>Next steps</h2><p>{PARA} Two.</p></article>"
        );
        let d = article(
            &crate::html::parse(&html),
            &Options {
                explain: true,
                ..Options::default()
            },
        );
        assert!(!d.text.contains("Advertisement"));
        assert!(!d.text.contains("Tweet"));
        assert!(d.text.contains("Next steps"));
        assert!(d.removed.iter().any(|r| r.reason == "furniture"));
        assert!(d.removed.iter().any(|r| r.reason == "boilerplate-region"));
    }

    #[test]
    fn lists_and_headings_keep_their_kinds() {
        let html = format!(
            "<article><p>{PARA}</p><h2>What changes</h2><ul><li>More trams at night.</li><li>New stops in the north.</li></ul><p>{PARA} End.</p></article>"
        );
        let d = run(&html);
        let kinds: Vec<BlockKind> = d.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::List,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(d.blocks[2].items.len(), 2);
    }

    #[test]
    fn sentence_endings_in_several_scripts() {
        assert!(ends_sentence("Done."));
        assert!(ends_sentence("“It is over,” she said.”"));
        assert!(ends_sentence("終わりました。"));
        assert!(!ends_sentence("Diplomatic route"));
    }

    #[test]
    fn a_long_footer_notice_does_not_outweigh_a_short_article() {
        let para =
            "The council approved the new harbour ferry timetable on Tuesday after a long debate. ";
        let notice = "Our customer desk answers questions about delivery and billing on weekdays between nine and five, and on Saturdays between ten and two. ";
        let html = format!(
            "<html><body><div class='breaking-news-row'><h1>Ferry timetable approved</h1>\
             <p>{}</p><p>{}</p></div>\
             <div class='footer-wrap'><p>{}</p></div></body></html>",
            para.repeat(2),
            para.repeat(2),
            notice.repeat(4)
        );
        let doc = run(&html);
        assert!(doc.text.contains("harbour ferry timetable"), "{}", doc.text);
        assert!(!doc.text.contains("customer desk"), "{}", doc.text);
    }

    #[test]
    fn rails_and_hidden_messages_are_not_body() {
        let para = "The council approved the new harbour ferry timetable on Tuesday after a long debate about costs. ";
        let about = "This blog is produced by the city desk of the paper, which has covered the harbour since it opened. ";
        let html = format!(
            "<html><body><div class='page'><div class='col-main'>\
             <p>{p}</p><p>{p}</p><p>{p}</p><p>{p}</p><p>{p}</p><p>{p}</p></div>\
             <div class='rightRail'><p>{a}</p></div></div>\
             <div class='hidden'><p>You must enter the verification code below to send the message to a friend.</p></div>\
             </body></html>",
            p = para.repeat(2),
            a = about.repeat(2)
        );
        let doc = run(&html);
        assert!(doc.text.contains("harbour ferry timetable"), "{}", doc.text);
        assert!(!doc.text.contains("city desk"), "{}", doc.text);
        assert!(!doc.text.contains("verification code"), "{}", doc.text);
    }

    #[test]
    fn a_body_split_over_marked_siblings_is_kept_whole() {
        let first = "Yahoo's sale is a complicated beast, the first part of the column explains in some detail. ";
        let rest = "The sale is being done in two steps, the second part of the column goes on to say at length. ";
        let html = format!(
            "<html><body><main><article><div class='story-body-supplemental'>\
             <div class='story-body story-body-1'><p>{}</p></div>\
             <div class='ad'>Advertisement</div>\
             <div class='story-body story-body-2'><p>{}</p><p>{}</p><p>{}</p><p>{}</p></div>\
             </div></article></main></body></html>",
            first,
            rest.repeat(3),
            rest.repeat(3),
            rest.repeat(3),
            rest.repeat(3)
        );
        let doc = run(&html);
        assert!(
            doc.text.contains("first part of the column"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("second part"), "{}", doc.text);
    }

    #[test]
    fn a_grid_with_long_description_cells_is_one_table() {
        let desc = "A woman who shot her husband on New Year's Eve wishes she could live the year all over again and somehow gets her chance, which leads her to try to stop the events of the past, to futile results, again and again and again until the loop ends at last in the spring. ";
        let mut rows = String::new();
        for (i, film) in ["Alpha", "Beta", "Gamma", "Delta"].iter().enumerate() {
            rows.push_str(&format!(
                "<tr><th><a href=/{film}>{film}</a></th><td>{}</td><td>{desc}{desc}</td></tr>",
                1990 + i
            ));
        }
        let html = format!(
            "<html><body><div class='content'><p>{PARA}</p>\
             <table><tr><th>Film</th><th>Year</th><th>Description</th></tr>{rows}</table>\
             </div></body></html>"
        );
        let doc = run(&html);
        let tables: Vec<_> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Table)
            .collect();
        assert_eq!(tables.len(), 1, "{:?}", doc.blocks);
        assert!(doc.text.contains("Gamma"), "{}", doc.text);
        assert!(doc.text.contains("The council voted"), "{}", doc.text);
    }

    #[test]
    fn a_sibling_whose_prose_its_links_cancel_is_not_dropped() {
        let intro = "Developer Edition comes with a new profile so you can run it alongside other versions, and you sync it to your account to keep your bookmarks and history. ";
        let mut features = String::new();
        // The intro holds over 90% of the net score but under 90% of the
        // prose: the tools section is part of the page.
        for tool in [
            "Inspector",
            "Console",
            "Debugger",
            "Network",
            "Editor",
            "Profiler",
        ] {
            features.push_str(&format!(
                "<li><p>The {tool} lets you examine and change any part of the page you see.</p>\
                 <a href=/{tool}>Learn more</a></li>"
            ));
        }
        let html = format!(
            "<html><body><main><section class=intro><p>{}</p></section>\
             <section class=tools><ul>{features}</ul></section></main></body></html>",
            intro.repeat(4)
        );
        let doc = run(&html);
        assert!(doc.text.contains("new profile"), "{}", doc.text);
        assert!(doc.text.contains("The Debugger lets you"), "{}", doc.text);
    }

    #[test]
    fn a_list_item_repeated_in_another_list_is_kept() {
        let html = format!(
            "<article><p>{PARA}</p><h2>Before</h2><ul><li>One cup of oats and a banana</li><li>Water</li></ul>\
             <p>{PARA} Then.</p><h2>After</h2><ul><li>One cup of oats and a banana</li><li>Milk</li></ul><p>{PARA} End.</p></article>"
        );
        let doc = run(&html);
        assert_eq!(
            doc.text.matches("One cup of oats").count(),
            2,
            "{}",
            doc.text
        );
    }

    #[test]
    fn headings_over_short_prose_sections_are_kept() {
        // Each tool's section is a heading and one short sentence; only the
        // closing paragraph is long. The headings head prose, so they stay.
        let mut sections = String::new();
        for tool in ["Inspector", "Console", "Debugger"] {
            sections.push_str(&format!(
                "<h2>{tool}</h2><p>The {tool} shows what the page is doing.</p>"
            ));
        }
        let html = format!(
            "<html><head><title>Tools | Dev</title></head><body><main><h2>Tools</h2><p>A short tour of the tools we use.</p>{sections}<p>{PARA}</p><p>{PARA} Again.</p><h2>Profiler</h2>\
             <p>The Profiler times every call.</p><h2>Download</h2></main></body></html>"
        );
        let doc = run(&html);
        for tool in ["Inspector", "Console", "Debugger", "Profiler"] {
            assert!(
                doc.blocks
                    .iter()
                    .any(|b| b.kind == BlockKind::Heading && b.text == tool),
                "{tool}: {:?}",
                doc.blocks
            );
        }
        // Before any prose, a heading that repeats the title is the headline.
        assert!(!doc.text.contains("Tools"), "{}", doc.text);
        assert!(!doc.text.contains("Download"), "{}", doc.text);
    }

    #[test]
    fn once_prose_has_begun_short_blocks_before_the_long_paragraph_stay() {
        let html = format!(
            "<html><body><main><p>Search:</p><p>Menu</p>\
             <p>Mix the flour and the water slowly.</p><p>Second step</p>\
             <p>{PARA}</p><p>{PARA} Again.</p></main></body></html>"
        );
        let doc = run(&html);
        assert!(doc.text.contains("Second step"), "{}", doc.text);
        assert!(!doc.text.contains("Menu"), "{}", doc.text);
    }

    #[test]
    fn a_letter_quoted_in_full_is_body_from_salutation_to_sign_off() {
        let letter = "I am writing to ask you to keep the branch library open on Saturdays, when most of its readers are free to visit.";
        let html = format!(
            "<html><body><article><p>{PARA}</p><blockquote><p>Dear Councillor Hughes,</p>\
             <p>{letter}</p><p>{letter} Thank you.</p><p>{letter} Again.</p><p>Yours,</p><p>Ann Lee</p></blockquote>\
             </article></body></html>"
        );
        let doc = run(&html);
        assert!(doc.text.contains("Dear Councillor Hughes,"), "{}", doc.text);
        assert!(doc.text.contains("Thank you."), "{}", doc.text);
        assert!(doc.text.ends_with("Yours,\n\nAnn Lee"), "{}", doc.text);
    }

    #[test]
    fn numbered_notes_citing_linked_sources_stay_and_a_linked_list_goes() {
        let html = format!(
            "<html><body><article><p>{PARA}</p><p>{PARA} Again.</p><h2>Sources</h2>\
             <ol><li><a href=/a>Tram line extension approved</a>. City Gazette. 3 May 2021. Retrieved 9 May 2021.</li>\
             <li><a href=/b>Northern suburbs plan</a>. Transit Review. June 2020.</li></ol>\
             <ul><li><a href=/c>Ferry timetable approved after long debate</a></li>\
             <li><a href=/d>Harbour walls to be rebuilt next spring</a></li></ul></article></body></html>"
        );
        let doc = run(&html);
        assert!(doc.text.contains("Retrieved 9 May 2021."), "{}", doc.text);
        assert!(doc.text.contains("Transit Review"), "{}", doc.text);
        // The heading over the kept notes heads a section.
        assert!(doc.text.contains("\n\nSources\n\n"), "{}", doc.text);
        assert!(!doc.text.contains("Ferry timetable"), "{}", doc.text);
    }

    #[test]
    fn linked_items_of_a_list_of_sentences_stay_and_a_headline_list_goes() {
        let html = format!(
            "<html><body><article><p>{PARA}</p><p>{PARA} Again.</p><ul>\
             <li>The printing dialog now remembers the last paper size you chose for each printer.</li>\
             <li><a href=/b/1>Bug 1677080 – Fullscreen window is affected by switching source</a></li>\
             <li>Tab unloading now waits until the machine is really short of memory before it starts.</li>\
             <li><a href=/b/2>Bug 1677107 – Add telemetry for multiple windows</a></li></ul>\
             <p>{PARA} Last.</p><ul><li><a href=/n/1>Ferry timetable approved after a long debate</a></li>\
             <li><a href=/n/2>Harbour walls to be rebuilt next spring, council says</a></li>\
             <li><a href=/n/3>New tram stops open in the northern suburbs</a></li></ul>\
             </article></body></html>"
        );
        let doc = run(&html);
        assert!(doc.text.contains("Bug 1677107"), "{}", doc.text);
        assert!(!doc.text.contains("Harbour walls"), "{}", doc.text);
    }

    #[test]
    fn short_lines_count_as_prose_where_no_line_ends_with_a_stop() {
        let line = "a long walk up the valley road in the morning mist with the maples turning red on every slope";
        let page = |stop: &str| {
            format!(
                "<html><body><article><div><p>{line} one{stop}</p><p>{line} two{stop}</p>\
                 <p>{line} three{stop}</p><p>{line} four{stop}</p></div>\
                 <p>Camping opens after noon in the season</p></article></body></html>"
            )
        };
        let unpunctuated = run(&page(""));
        assert!(
            unpunctuated.text.contains("Camping opens after noon"),
            "{}",
            unpunctuated.text
        );
        // Where the writer ends lines with stops, a short line without one
        // after the article (outside the paragraphs' element) is furniture,
        // as before.
        let punctuated = run(&page("."));
        assert!(
            !punctuated.text.contains("Camping opens after noon"),
            "{}",
            punctuated.text
        );
    }

    #[test]
    fn short_lines_beside_the_last_paragraph_stay_and_a_box_after_it_goes() {
        let html = format!(
            "<body><article><div class=text><p>{PARA}</p><p>{PARA} Again.</p>\
             <p>Desk one: desk1@example.org or 555 0101</p>\
             <p>Desk two: desk2@example.org or 555 0102</p></div>\
             <div class=after><p>Filed under: Transport</p></div></article></body>"
        );
        let d = run(&html);
        assert!(d.text.contains("Desk one: desk1@example.org"), "{}", d.text);
        assert!(d.text.contains("Desk two: desk2@example.org"), "{}", d.text);
        assert!(!d.text.contains("Filed under"), "{}", d.text);
    }

    #[test]
    fn a_repeated_sentence_stays_and_a_repeated_label_goes() {
        let html = format!(
            "<article><h2>Ann</h2><p>What got you started in cooking?</p><p>{PARA}</p>\
             <p>Share this interview with your friends</p>\
             <h2>Bob</h2><p>What got you started in cooking?</p><p>{PARA} Too.</p>\
             <p>Share this interview with your friends</p><p>{PARA} Three.</p></article>"
        );
        let d = run(&html);
        assert_eq!(
            d.text.matches("What got you started in cooking?").count(),
            2,
            "{}",
            d.text
        );
        assert!(
            d.text
                .matches("Share this interview with your friends")
                .count()
                <= 1,
            "{}",
            d.text
        );
    }

    #[test]
    fn teaser_cards_after_the_article_are_not_body() {
        // Next/previous cards and a "popular" grid under the article: a
        // linked headline, then an unlinked excerpt with no full stop, too
        // long for the short-line rule.
        let mut cards = String::new();
        for (slug, title, excerpt) in [
            ("a", "Harbour walls to be rebuilt", "Work starts in the spring and runs for two years, with the quay closed to boats until the end"),
            ("b", "New tram stops open in the north", "Six stops and a depot for the night trams, which run every ten minutes on weekend nights"),
        ] {
            cards.push_str(&format!(
                "<div class=card><div class=title><a href=/{slug}>{title}</a></div>\
                 <div class=body>{excerpt}</div></div>"
            ));
        }
        let html = format!(
            "<html><body><article><p>{PARA}</p><p>{PARA} Again.</p><div class=next>{cards}</div>\
             </article></body></html>"
        );
        let d = run(&html);
        assert!(d.text.contains("The council voted"), "{}", d.text);
        assert!(!d.text.contains("Work starts in the spring"), "{}", d.text);
        assert!(!d.text.contains("Six stops"), "{}", d.text);
        // A closing paragraph after an inline "Read more" link sits among
        // the article's paragraphs: it is not a card's excerpt.
        let html = format!(
            "<html><body><article><p>{PARA}</p><p>{PARA} Again.</p>\
             <p><a href=/r>Ferry timetable approved after a long debate</a></p>\
             <p>The listing ceremony is due to be held at the exchange next Tuesday.</p></article>\
             <div class=next>{cards}</div></body></html>"
        );
        let d = run(&html);
        assert!(d.text.contains("listing ceremony"), "{}", d.text);
        assert!(!d.text.contains("Six stops"), "{}", d.text);
        // The same short line under a plain (unlinked) subheading stays.
        let html = format!(
            "<html><body><article><p>{PARA}</p><p>{PARA} Again.</p><div class=more>\
             <h3>Harbour walls to be rebuilt</h3><p>Work starts in the spring and runs for two years, with the quay closed to boats until the end</p>\
             </div></article></body></html>"
        );
        let d = run(&html);
        assert!(d.text.contains("Work starts in the spring"), "{}", d.text);
    }

    #[test]
    fn an_advert_label_between_paragraphs_is_furniture() {
        let d = run(&format!(
            "<article><p>{PARA}</p><div><span>Advert</span></div><p>{PARA} Again.</p></article>"
        ));
        assert!(!d.text.contains("Advert"), "{}", d.text);
        assert!(d.text.contains("Again."), "{}", d.text);
    }

    #[test]
    fn empty_page_gives_empty_document() {
        let d = run("<html><body></body></html>");
        assert!(d.is_empty());
    }
}

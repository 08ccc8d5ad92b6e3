//! Node annotation and block segmentation.

use super::hints::{self, Hint};
use crate::html::{tree::push_collapsed, Dom, NodeId, NodeKind};
use html5ever::{local_name, LocalName};

/// Per-node flags; most are inherited by descendants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(pub(crate) u32);

impl Flags {
    pub const HIDDEN: Flags = Flags(1);
    pub const BOILER: Flags = Flags(1 << 1);
    pub const CAPTION: Flags = Flags(1 << 2);
    pub const CREDIT: Flags = Flags(1 << 3);
    pub const LINK: Flags = Flags(1 << 4);
    pub const QUOTE: Flags = Flags(1 << 5);
    pub const PRE: Flags = Flags(1 << 6);
    pub const RELATED_HINT: Flags = Flags(1 << 8);
    /// Not inherited: this element itself is marked as the content.
    pub const CONTENT_HINT_SELF: Flags = Flags(1 << 10);
    /// Not inherited: this element starts a block.
    pub const BLOCK: Flags = Flags(1 << 11);
    /// Not inherited: this element's own markup says boilerplate.
    pub const BOILER_SELF: Flags = Flags(1 << 12);
    const INHERITED: u32 = (1 << 10) - 1;

    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }
    fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }
    pub fn is_hidden(self) -> bool {
        self.contains(Flags::HIDDEN)
    }
    pub fn is_boiler(self) -> bool {
        self.contains(Flags::BOILER)
    }
}

fn is_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("main")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("li")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("blockquote")
            | local_name!("pre")
            | local_name!("table")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("caption")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("nav")
            | local_name!("aside")
            | local_name!("form")
            | local_name!("body")
            | local_name!("html")
            | local_name!("hr")
            | local_name!("address")
            | local_name!("center")
            | local_name!("details")
            | local_name!("summary")
            | local_name!("fieldset")
            | local_name!("hgroup")
            | local_name!("menu")
            | local_name!("dialog")
            | local_name!("head")
            | local_name!("img")
    )
}

/// Visible length of text in Latin-letter equivalents: ideographs and kana
/// carry about a word each, so they count three; Hangul syllables two.
pub fn text_weight(s: &str) -> usize {
    // Runs of ASCII are counted bytewise (whitespace: `char::is_whitespace`
    // in ASCII); only the other characters are decoded. All-ASCII text (the
    // common case) is counted in one pass that the compiler vectorises.
    if s.is_ascii() {
        return s
            .bytes()
            .filter(|b| !matches!(b, b'\t'..=b'\r' | b' '))
            .count();
    }
    let mut total = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at_checked(ascii).unwrap_or((rest, ""));
        total += run
            .bytes()
            .filter(|b| !matches!(b, b'\t'..=b'\r' | b' '))
            .count();
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            total += char_weight(c);
        }
        rest = chars.as_str();
    }
    total
}

/// Whether `s` is all whitespace (`s.trim().is_empty()`), decided at the
/// first byte that is not ASCII whitespace.
fn is_blank(s: &str) -> bool {
    match s.bytes().position(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
        None => true,
        Some(i) if s.as_bytes().get(i).is_some_and(u8::is_ascii) => false,
        Some(i) => s.get(i..).is_some_and(|r| r.trim_start().is_empty()),
    }
}

fn char_weight(c: char) -> usize {
    match c as u32 {
        0x3040..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF => 3,
        0xAC00..=0xD7AF => 2,
        _ if c.is_whitespace() => 0,
        _ => 1,
    }
}

/// One forward pass: each node's flags from its parent's and its own markup.
pub fn annotate(dom: &Dom) -> Vec<Flags> {
    annotate_protecting(dom, &[])
}

/// As [`annotate`], but the nodes in `protected` (sorted) are never marked
/// boilerplate by their own markup: they hold most of the page's text.
pub fn annotate_protecting(dom: &Dom, protected: &[NodeId]) -> Vec<Flags> {
    let mut flags = vec![Flags::default(); dom.len()];
    let mut reader = hints::Reader::new();
    for i in 0..dom.len() {
        let id = i as NodeId;
        let inherited = dom
            .parent(id)
            .and_then(|p| flags.get(p as usize))
            .map(|f| Flags(f.0 & Flags::INHERITED))
            .unwrap_or_default();
        let mut f = inherited;
        let shielded = protected.binary_search(&id).is_ok();
        if let Some(el) = dom.element(id) {
            if is_block(&el.name) {
                f.insert(Flags::BLOCK);
            }
            match el.name {
                local_name!("nav")
                | local_name!("aside")
                | local_name!("footer")
                | local_name!("button")
                | local_name!("label")
                | local_name!("menu")
                | local_name!("dialog")
                | local_name!("head")
                | local_name!("input")
                | local_name!("header") => f.insert(Flags::BOILER_SELF),
                local_name!("a") if el.attr("href").is_some() => f.insert(Flags::LINK),
                local_name!("blockquote") | local_name!("q") => f.insert(Flags::QUOTE),
                local_name!("pre") => f.insert(Flags::PRE),
                local_name!("figcaption") => f.insert(Flags::CAPTION),
                local_name!("article") | local_name!("main") => {
                    f.insert(Flags::CONTENT_HINT_SELF);
                }
                _ => {}
            }
            // One pass over the attributes, matching interned names.
            let (mut class, mut idv) = ("", "");
            for a in &el.attrs {
                let v: &str = a.value;
                match a.name.local {
                    local_name!("class") => class = v,
                    local_name!("id") => idv = v,
                    local_name!("hidden") => f.insert(Flags::HIDDEN),
                    local_name!("aria-hidden") if v == "true" => f.insert(Flags::HIDDEN),
                    local_name!("style") if hints::style_hides(v) => f.insert(Flags::HIDDEN),
                    local_name!("role") if hints::NEGATIVE_ROLES.contains(&v.trim()) => {
                        f.insert(Flags::BOILER_SELF)
                    }
                    local_name!("itemprop")
                        if v.contains("articleBody") || v.contains("reviewBody") =>
                    {
                        f.insert(Flags::CONTENT_HINT_SELF);
                    }
                    _ => {}
                }
            }
            if !class.is_empty() || !idv.is_empty() {
                let h = reader.read(class, idv);
                if h.hides {
                    f.insert(Flags::HIDDEN);
                }
                match h.hint {
                    Hint::Negative if !f.contains(Flags::CAPTION) => {
                        // Only a class/id hint can be overruled by the text
                        // an element holds (see `protect_main_text`); tags
                        // and roles cannot.
                        if !matches!(el.name, local_name!("body") | local_name!("html"))
                            && (!shielded || f.contains(Flags::BOILER_SELF))
                        {
                            f.insert(Flags::BOILER_SELF);
                            f.insert(Flags::BOILER);
                        }
                        if h.related {
                            f.insert(Flags::RELATED_HINT);
                        }
                    }
                    Hint::Positive if h.body_marker => f.insert(Flags::CONTENT_HINT_SELF),
                    _ => {}
                }
                let container = matches!(
                    el.name,
                    local_name!("body")
                        | local_name!("html")
                        | local_name!("main")
                        | local_name!("article")
                        | local_name!("section")
                );
                if !container && h.caption {
                    f.insert(Flags::CAPTION);
                }
                if !container && h.credit {
                    f.insert(Flags::CREDIT);
                }
            }
        }
        if f.contains(Flags::BOILER_SELF) {
            f.insert(Flags::BOILER);
        }
        if let Some(slot) = flags.get_mut(i) {
            *slot = f;
        }
    }
    flags
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKind {
    Text,
    Heading(u8),
    ListItem,
    Quote,
    Code,
    Table,
}

/// A run of inline text inside one block-level element.
#[derive(Debug, Clone)]
pub struct RawBlock {
    pub owner: NodeId,
    pub kind: RawKind,
    pub text: String,
    /// Non-whitespace characters.
    pub len: usize,
    /// Non-whitespace characters inside links.
    pub link_len: usize,
    pub flags: Flags,
    /// The first link's target, if any.
    pub href: Option<String>,
    /// (text, href) of each link.
    pub links: Vec<(String, String)>,
    /// Enclosing list element, and whether it is ordered.
    pub list: Option<NodeId>,
    pub ordered: bool,
    pub rows: Vec<Vec<String>>,
    /// Enclosing figure element and its image.
    pub figure: Option<NodeId>,
    pub img_src: Option<String>,
    /// Text of a credit element inside this block (a caption's credit span).
    pub credit: Option<String>,
    /// The last thing added was a `<br>`.
    pub after_br: bool,
}

impl RawBlock {
    pub fn link_density(&self) -> f64 {
        if self.len == 0 {
            0.0
        } else {
            self.link_len as f64 / self.len as f64
        }
    }
}

fn heading_level(name: &LocalName) -> Option<u8> {
    match *name {
        local_name!("h1") => Some(1),
        local_name!("h2") => Some(2),
        local_name!("h3") => Some(3),
        local_name!("h4") => Some(4),
        local_name!("h5") => Some(5),
        local_name!("h6") => Some(6),
        _ => None,
    }
}

/// The nearest block-level ancestor-or-self of each node.
fn owners(dom: &Dom, flags: &[Flags]) -> Vec<NodeId> {
    let mut owner = vec![0 as NodeId; dom.len()];
    for i in 1..dom.len() {
        let id = i as NodeId;
        let is_block = flags.get(i).is_some_and(|f| f.contains(Flags::BLOCK));
        let o = if is_block && dom.element(id).is_some() {
            id
        } else {
            dom.parent(id)
                .and_then(|p| owner.get(p as usize).copied())
                .unwrap_or(0)
        };
        if let Some(slot) = owner.get_mut(i) {
            *slot = o;
        }
    }
    owner
}

/// The source of the first `<img>` among the first `limit` nodes of `id`'s
/// subtree.
fn first_image(dom: &Dom, id: NodeId, limit: usize) -> Option<String> {
    dom.descendants(id)
        .take(limit)
        .filter_map(|n| dom.element(n))
        .find(|e| e.name == local_name!("img"))
        .and_then(image_src)
}

fn image_src(el: &crate::html::Element) -> Option<String> {
    ["data-src", "data-original", "data-lazy-src", "src"]
        .iter()
        .filter_map(|k| el.attr(k))
        .map(str::trim)
        .find(|s| !s.is_empty() && !s.starts_with("data:"))
        .map(str::to_string)
}

struct Segmenter<'a> {
    dom: &'a Dom,
    flags: &'a [Flags],
    owner: Vec<NodeId>,
    blocks: Vec<RawBlock>,
    cur: Option<RawBlock>,
    /// The text of `cur` while it is built: one buffer reused from block to
    /// block, copied out trimmed at its exact size when the block is kept
    /// (instead of a string per block regrown as its text nodes arrive).
    text: String,
    /// Every visible word of `cur` so far lies inside a caption element: an
    /// inline caption (`<span class="caption">` beside an image) makes its
    /// whole block a caption, though the block belongs to a plain `<div>`.
    cur_caption_only: bool,
    /// Whether each node has a `<table>` among its descendants.
    nested_table: Vec<bool>,
}

/// For each node, whether a `<table>` lies strictly below it (one reverse
/// pass: children follow their parents in the arena).
fn tables_below(dom: &Dom) -> Vec<bool> {
    let mut below = vec![false; dom.len()];
    for i in (1..dom.len()).rev() {
        let id = i as NodeId;
        let is_table = dom
            .element(id)
            .is_some_and(|e| e.name == local_name!("table"));
        if is_table || below.get(i).copied().unwrap_or(false) {
            if let Some(slot) = dom.parent(id).and_then(|p| below.get_mut(p as usize)) {
                *slot = true;
            }
        }
    }
    below
}

impl Segmenter<'_> {
    fn flush(&mut self) {
        if let Some(mut b) = self.cur.take() {
            if self.cur_caption_only && !b.flags.contains(Flags::CAPTION) {
                b.flags.insert(Flags::CAPTION);
                if b.figure.is_none() {
                    // The image sits beside the caption, under the same
                    // owner (a bounded look: the owner may be a big box).
                    b.figure = Some(b.owner);
                    b.img_src = first_image(self.dom, b.owner, 64);
                }
            }
            if b.len > 0 {
                let text = if b.kind == RawKind::Code {
                    self.text.as_str()
                } else {
                    self.text.trim()
                };
                b.text = String::from(text);
                self.blocks.push(b);
            }
        }
        self.text.clear();
    }

    /// Context of a block owned by `owner`: its kind, list, figure.
    fn start_block(&mut self, owner: NodeId, flags: Flags) -> RawBlock {
        let mut kind = RawKind::Text;
        let mut list = None;
        let mut ordered = false;
        let mut figure = None;
        let mut seen_li = false;
        // Walk up a bounded number of ancestors for context.
        let mut cur = Some(owner);
        let mut steps = 0;
        while let Some(id) = cur {
            if steps > 12 {
                break;
            }
            steps += 1;
            if let Some(el) = self.dom.element(id) {
                if let Some(l) = heading_level(&el.name) {
                    if kind == RawKind::Text {
                        kind = RawKind::Heading(l);
                    }
                }
                match el.name {
                    local_name!("li") | local_name!("dd") | local_name!("dt") if !seen_li => {
                        seen_li = true;
                        if kind == RawKind::Text {
                            kind = RawKind::ListItem;
                        }
                    }
                    local_name!("ul") | local_name!("ol") | local_name!("dl")
                        if seen_li && list.is_none() =>
                    {
                        list = Some(id);
                        ordered = el.name == local_name!("ol");
                    }
                    local_name!("figure") if figure.is_none() => figure = Some(id),
                    _ => {}
                }
            }
            cur = self.dom.parent(id);
        }
        if flags.contains(Flags::PRE) {
            kind = RawKind::Code;
        } else if flags.contains(Flags::QUOTE) && kind == RawKind::Text {
            kind = RawKind::Quote;
        }
        if figure.is_none() && flags.contains(Flags::CAPTION) {
            // Captions outside <figure>: the caption's parent holds the image.
            figure = self.dom.parent(owner);
        }
        let img_src = figure.and_then(|f| first_image(self.dom, f, usize::MAX));
        RawBlock {
            owner,
            kind,
            text: String::new(),
            len: 0,
            link_len: 0,
            flags,
            href: None,
            links: Vec::new(),
            list,
            ordered,
            rows: Vec::new(),
            figure,
            img_src,
            credit: None,
            after_br: false,
        }
    }

    fn text(&mut self, id: NodeId, s: &str) {
        let owner = self.owner.get(id as usize).copied().unwrap_or(0);
        if self.cur.as_ref().is_some_and(|b| b.owner != owner) {
            self.flush();
        }
        if self.cur.is_none() {
            if is_blank(s) {
                return;
            }
            let f = self.flags.get(owner as usize).copied().unwrap_or_default();
            self.cur = Some(self.start_block(owner, f));
            self.cur_caption_only = true;
        }
        let node_flags = self.flags.get(id as usize).copied().unwrap_or_default();
        let in_link = node_flags.contains(Flags::LINK);
        let Some(b) = self.cur.as_mut() else { return };
        if node_flags.is_hidden() {
            return;
        }
        if !node_flags.contains(Flags::CAPTION) && !is_blank(s) {
            self.cur_caption_only = false;
        }
        let n = text_weight(s);
        b.len += n;
        if in_link {
            b.link_len += n;
            // Attribute the text to the enclosing link.
            let href = self
                .dom
                .ancestors(id)
                .take(8)
                .filter_map(|a| self.dom.element(a))
                .find(|e| e.name == local_name!("a"))
                .and_then(|e| e.attr("href"));
            if let Some(h) = href {
                if b.href.is_none() {
                    b.href = Some(h.to_string());
                }
                match b.links.last_mut() {
                    Some((t, last)) if last == h => push_collapsed(t, s),
                    _ => {
                        let mut t = String::new();
                        push_collapsed(&mut t, s);
                        b.links.push((t, h.to_string()));
                    }
                }
            }
        }
        if !is_blank(s) {
            b.after_br = false;
        }
        if node_flags.contains(Flags::CREDIT) && !b.flags.contains(Flags::CREDIT) {
            // A credit span inside a caption: kept apart from the caption.
            let credit = b.credit.get_or_insert_with(String::new);
            push_collapsed(credit, s);
            b.len -= n.min(b.len);
            return;
        }
        if b.kind == RawKind::Code {
            self.text.push_str(s);
        } else {
            push_collapsed(&mut self.text, s);
        }
    }

    fn line_break(&mut self, id: NodeId) {
        let owner = self.owner.get(id as usize).copied().unwrap_or(0);
        let mut paragraph_break = false;
        if let Some(b) = self.cur.as_mut() {
            if b.owner == owner {
                if b.kind == RawKind::Code {
                    self.text.push('\n');
                } else if b.after_br {
                    // `<br><br>`: a paragraph break in br-separated text.
                    paragraph_break = true;
                } else {
                    b.after_br = true;
                    if !self.text.ends_with(' ') {
                        self.text.push(' ');
                    }
                }
            }
        }
        if paragraph_break {
            self.flush();
        }
    }

    /// A table of short cells with header cells becomes one table block; so
    /// does a regular grid with header cells whatever its cells' length (a
    /// wiki list of films with a description column).
    fn data_table(&self, table: NodeId) -> Option<Vec<Vec<String>>> {
        // A table holding another is layout. Tables without nested tables
        // have disjoint subtrees, so reading them all stays linear.
        if self
            .nested_table
            .get(table as usize)
            .copied()
            .unwrap_or(true)
        {
            return None;
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut has_th = false;
        let mut long_cell = false;
        let mut blocks_inside = 0;
        for n in self.dom.descendants(table).skip(1) {
            let Some(el) = self.dom.element(n) else {
                continue;
            };
            match el.name {
                local_name!("table") => return None,
                local_name!("tr") => rows.push(Vec::new()),
                local_name!("td") | local_name!("th") => {
                    has_th |= el.name == local_name!("th");
                    let t = self.dom.collect_text(n);
                    long_cell |= t.chars().count() > 300;
                    match rows.last_mut() {
                        Some(r) => r.push(t),
                        None => rows.push(vec![t]),
                    }
                }
                local_name!("p") | local_name!("div") | local_name!("ul") | local_name!("ol") => {
                    // Cells holding paragraphs or lists: a layout table.
                    blocks_inside += 1;
                    if blocks_inside > 3 {
                        return None;
                    }
                }
                _ => {}
            }
        }
        rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if long_cell {
            // Long cells: a layout table that holds running text, unless
            // the rows form a regular grid under header cells.
            let full = rows.iter().filter(|r| r.len() == cols).count();
            let grid = has_th && cols >= 2 && full >= 4 && full * 4 >= rows.len() * 3;
            return grid.then_some(rows);
        }
        let short_cells = rows.iter().flatten().all(|c| c.chars().count() < 100);
        (((has_th && rows.len() >= 2) || (short_cells && rows.len() >= 3)) && cols >= 2)
            .then_some(rows)
    }
}

/// Cuts the page into text blocks, in document order.
pub fn segment(dom: &Dom, flags: &[Flags]) -> Vec<RawBlock> {
    let mut s = Segmenter {
        dom,
        flags,
        owner: owners(dom, flags),
        blocks: Vec::new(),
        cur: None,
        text: String::new(),
        cur_caption_only: false,
        nested_table: tables_below(dom),
    };
    let mut i: usize = 1;
    while i < dom.len() {
        let id = i as NodeId;
        match dom.node(id).map(|n| &n.kind) {
            Some(NodeKind::Text(..)) => {
                if let Some(t) = dom.text_of_node(id) {
                    s.text(id, t);
                }
            }
            Some(NodeKind::Element(el)) => {
                let f = flags.get(i).copied().unwrap_or_default();
                if f.contains(Flags::BLOCK) {
                    s.flush();
                }
                match el.name {
                    local_name!("br") => s.line_break(id),
                    local_name!("table") if !f.is_boiler() && !f.is_hidden() => {
                        if let Some(rows) = s.data_table(id) {
                            let mut b = s.start_block(id, f);
                            b.kind = RawKind::Table;
                            s.text = rows
                                .iter()
                                .map(|r| r.join(" "))
                                .collect::<Vec<_>>()
                                .join(" ");
                            b.len = text_weight(&s.text);
                            b.rows = rows;
                            s.cur = Some(b);
                            s.flush();
                            i = dom.descendants(id).end as usize;
                            continue;
                        }
                    }
                    _ => {}
                }
            }
            None => {}
        }
        i += 1;
    }
    s.flush();
    s.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_weight_counts_visible_characters() {
        assert_eq!(text_weight(" two  words\n\t"), 8);
        assert_eq!(text_weight("caf\u{e9} \u{a0}x"), 5);
        assert_eq!(text_weight("\u{65e5}\u{672c} \u{d55c}"), 8);
        assert_eq!(text_weight(""), 0);
    }

    #[test]
    fn is_blank_agrees_with_trim() {
        for s in [
            "",
            " ",
            "\n\t \r\u{0B}\u{0C}",
            " x ",
            "\u{a0}",
            " \u{2003}\n",
            " \u{a0}x",
            "\u{e9}",
            "  \u{200B} ",
        ] {
            assert_eq!(is_blank(s), s.trim().is_empty(), "on {s:?}");
        }
    }
}

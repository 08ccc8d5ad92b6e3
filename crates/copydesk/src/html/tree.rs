use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{local_name, LocalName};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// Deepest element nesting kept; deeper elements are flattened into their ancestor.
pub const MAX_DEPTH: usize = 400;

const NONE: NodeId = u32::MAX;

/// An element: its tag name and the attributes the tree keeps
/// ([`KEPT_ATTRIBUTES`]), as the tokenizer gave them.
#[derive(Debug)]
pub struct Element {
    pub name: LocalName,
    pub attrs: Attrs,
}

/// An attribute's name, read as html5ever's `QualName` is (`name.local`).
#[derive(Debug, PartialEq, Eq)]
pub struct AttrName {
    pub local: LocalName,
}

/// One attribute of an element, borrowed from it.
#[derive(Debug, Clone, Copy)]
pub struct Attr<'a> {
    pub name: &'a AttrName,
    pub value: &'a str,
}

/// An element's kept attributes ([`KEPT_ATTRIBUTES`]): a range of one
/// string that holds the kept attributes of every element of the page,
/// shared by them all. In it, for each attribute in source order, its
/// index in [`KEPT_ATTRIBUTES`] (one ASCII byte), its value's length in
/// bytes (big-endian groups of 6 bits in ASCII bytes, 0x40 set on all but
/// the last), then the value. A page has about as many kept attributes as
/// elements: one string for the page instead of one per element (or a
/// list and a string per value) saves an allocation and a free per
/// element in parsing and in dropping the tree.
#[derive(Default, Clone)]
pub struct Attrs {
    /// The page's attributes (none until the tree is finished, and for an
    /// element without attributes). A thin pointer, so that an element is
    /// no bigger than with a boxed string of its own, and the builder's
    /// buffer is shared as it is, not copied.
    page: Option<Arc<String>>,
    start: u32,
    end: u32,
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Attrs) -> bool {
        self.encoded() == other.encoded()
    }
}

impl Eq for Attrs {}

impl Attrs {
    /// This element's range of the page's string.
    fn encoded(&self) -> &str {
        self.page
            .as_deref()
            .and_then(|p| p.get(self.start as usize..self.end as usize))
            .unwrap_or("")
    }

    /// The attributes, in source order.
    pub fn iter(&self) -> AttrIter<'_> {
        iter_encoded(self.encoded())
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.encoded().is_empty()
    }

    /// The value of the kept attribute at `index` in [`KEPT_ATTRIBUTES`].
    fn get(&self, index: u8) -> Option<&str> {
        let mut rest: &str = self.encoded();
        while let Some((i, value, tail)) = split_attr(rest) {
            if i == index {
                return Some(value);
            }
            rest = tail;
        }
        None
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|a| (&*a.name.local, a.value)))
            .finish()
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = Attr<'a>;
    type IntoIter = AttrIter<'a>;
    fn into_iter(self) -> AttrIter<'a> {
        self.iter()
    }
}

/// The attributes encoded in `s` (see [`Attrs`]), in order.
fn iter_encoded(s: &str) -> AttrIter<'_> {
    AttrIter {
        rest: s,
        names: attr_names(),
    }
}

/// Iterator over [`Attrs`].
pub struct AttrIter<'a> {
    rest: &'a str,
    names: &'a [AttrName],
}

impl<'a> Iterator for AttrIter<'a> {
    type Item = Attr<'a>;
    fn next(&mut self) -> Option<Attr<'a>> {
        let (index, value, rest) = split_attr(self.rest)?;
        self.rest = rest;
        Some(Attr {
            name: self.names.get(usize::from(index))?,
            value,
        })
    }
}

/// The first attribute of an [`Attrs`] encoding: (name index, value, rest).
fn split_attr(s: &str) -> Option<(u8, &str, &str)> {
    let bytes = s.as_bytes();
    let index = *bytes.first()?;
    let first = *bytes.get(1)?;
    if first & 0x40 == 0 {
        // The common case: a value shorter than 64 bytes.
        let (value, rest) = s.get(2..)?.split_at_checked(usize::from(first))?;
        return Some((index, value, rest));
    }
    let mut len = 0usize;
    let mut at = 1;
    loop {
        let digit = *bytes.get(at)?;
        at += 1;
        len = (len << 6) | usize::from(digit & 0x3F);
        if digit & 0x40 == 0 {
            break;
        }
    }
    let end = at.checked_add(len)?;
    Some((index, s.get(at..end)?, s.get(end..)?))
}

/// Builds the [`Attrs`] of a page: the attributes of the element being
/// read are added at the end of the page's string, then kept or dropped.
#[derive(Default)]
pub(crate) struct AttrsBuilder {
    buf: String,
    /// Where the attributes of the element being read begin in `buf`.
    start: usize,
    /// Which [`KEPT_ATTRIBUTES`] are pending already (first one wins).
    seen: u32,
}

impl AttrsBuilder {
    /// Adds attribute `index` (in [`KEPT_ATTRIBUTES`]) unless it is there
    /// already; the value is asked for only when it is added.
    pub(crate) fn push_with<'v>(&mut self, index: u8, value: impl FnOnce() -> Cow<'v, str>) {
        let bit = 1u32.checked_shl(u32::from(index)).unwrap_or(0);
        if self.seen & bit != 0 {
            return;
        }
        self.seen |= bit;
        let value = value();
        self.buf.push(char::from(index & 0x7F));
        let len = value.len();
        let mut shift = 0;
        while shift + 6 < usize::BITS && len >> (shift + 6) != 0 {
            shift += 6;
        }
        loop {
            let digit = ((len >> shift) & 0x3F) as u8;
            let more = if shift > 0 { 0x40 } else { 0 };
            self.buf.push(char::from(digit | more));
            if shift == 0 {
                break;
            }
            shift -= 6;
        }
        self.buf.push_str(&value);
    }

    /// The attributes added since the last [`keep`](Self::keep) or
    /// [`drop_pending`](Self::drop_pending), encoded as in [`Attrs`].
    fn pending(&self) -> AttrIter<'_> {
        iter_encoded(self.buf.get(self.start..).unwrap_or(""))
    }

    /// Keeps the pending attributes: their range of the page's string,
    /// readable once the page is finished ([`attach`](Self::attach)).
    fn keep(&mut self) -> Attrs {
        self.seen = 0;
        let range = (u32::try_from(self.start), u32::try_from(self.buf.len()));
        let attrs = match range {
            (Ok(start), Ok(end)) if start < end => Attrs {
                page: None,
                start,
                end,
            },
            _ => {
                // Nothing pending (or past u32 offsets: dropped).
                self.buf.truncate(self.start);
                Attrs::default()
            }
        };
        self.start = self.buf.len();
        attrs
    }

    /// Drops the pending attributes.
    fn drop_pending(&mut self) {
        self.seen = 0;
        self.buf.truncate(self.start);
    }

    /// Gives every element of `nodes` with attributes the page's string.
    fn attach(self, nodes: &mut [Node]) {
        if self.buf.is_empty() {
            return;
        }
        let page = Arc::new(self.buf);
        for node in nodes {
            if let NodeKind::Element(el) = &mut node.kind {
                if el.attrs.start < el.attrs.end {
                    el.attrs.page = Some(Arc::clone(&page));
                }
            }
        }
    }
}

/// [`KEPT_ATTRIBUTES`] as interned names, in the same order.
fn attr_names() -> &'static [AttrName] {
    static NAMES: OnceLock<Vec<AttrName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        KEPT_ATTRIBUTES
            .iter()
            .map(|&n| AttrName {
                local: LocalName::from(n),
            })
            .collect()
    })
}

/// The attributes the tree keeps: those extraction and metadata read
/// (through [`Element::attr`] or a loop over [`Element::attrs`]). Every
/// other attribute (`srcset`, `data-*`, event handlers, SVG paths...) is
/// dropped while parsing: most of a page's attributes are never read, and
/// their names, values and lists cost more to build and free than the
/// rest of the tree. A reader of a new attribute adds its name here
/// ([`Element::attr`] checks this in debug builds).
pub const KEPT_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "href",
    "src",
    "data-src",
    "data-original",
    "data-lazy-src",
    "hidden",
    "aria-hidden",
    "style",
    "role",
    "itemprop",
    "property",
    "name",
    "http-equiv",
    "content",
    "value",
    "rel",
    "lang",
    "xml:lang",
    "datetime",
    "title",
    "pubdate",
    // The builder's own: which scripts hold JSON-LD or inline code.
    "type",
];

/// The index in [`KEPT_ATTRIBUTES`] of attribute `name` (lower-case), if
/// the tree keeps it; None for every other attribute.
pub(crate) fn kept_attribute(name: &str) -> Option<u8> {
    Some(match name {
        "class" => 0,
        "id" => 1,
        "href" => 2,
        "src" => 3,
        "data-src" => 4,
        "data-original" => 5,
        "data-lazy-src" => 6,
        "hidden" => 7,
        "aria-hidden" => 8,
        "style" => 9,
        "role" => 10,
        "itemprop" => 11,
        "property" => 12,
        "name" => 13,
        "http-equiv" => 14,
        "content" => 15,
        "value" => 16,
        "rel" => 17,
        "lang" => 18,
        "xml:lang" => 19,
        "datetime" => 20,
        "title" => 21,
        "pubdate" => 22,
        "type" => 23,
        _ => return None,
    })
}

impl Element {
    /// The value of attribute `name`, if present. Only the attributes in
    /// [`KEPT_ATTRIBUTES`] are kept; any other reads as absent.
    pub fn attr(&self, name: &str) -> Option<&str> {
        debug_assert!(
            KEPT_ATTRIBUTES.contains(&name),
            "attribute {name:?} is not kept: add it to KEPT_ATTRIBUTES"
        );
        self.attrs.get(kept_attribute(name)?)
    }
}

#[derive(Debug)]
pub enum NodeKind {
    Element(Element),
    /// Byte range into [`Dom::text`].
    Text(u32, u32),
}

#[derive(Debug)]
pub struct Node {
    pub kind: NodeKind,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
    /// Nesting depth (root = 0).
    pub depth: u16,
}

/// The parsed page. Node 0 is a synthetic root; nodes are in document order,
/// so every node's descendants follow it and end before `subtree_end`.
#[derive(Debug, Default)]
pub struct Dom {
    pub nodes: Vec<Node>,
    pub text: String,
    /// One past the last descendant of each node (document order).
    pub subtree_end: Vec<NodeId>,
    /// Contents of `<script type="application/ld+json">` elements.
    pub json_ld: Vec<String>,
    /// Other inline scripts (no `src`; JavaScript or JSON), for the dates
    /// some pages state only there; at most [`MAX_SCRIPT_BYTES`] in all.
    pub scripts: Vec<String>,
    /// Text of the first `<title>`.
    pub title: Option<String>,
}

impl Dom {
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match self.node(id).map(|n| &n.kind) {
            Some(NodeKind::Element(e)) => Some(e),
            _ => None,
        }
    }

    pub fn text_of_node(&self, id: NodeId) -> Option<&str> {
        match self.node(id).map(|n| &n.kind) {
            Some(NodeKind::Text(s, e)) => self.text.get(*s as usize..*e as usize),
            _ => None,
        }
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).map(|n| n.parent).filter(|&p| p != NONE)
    }

    /// Children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).map(|n| n.first_child).unwrap_or(NONE),
        }
    }

    /// `id` and all its descendants, in document order.
    pub fn descendants(&self, id: NodeId) -> std::ops::Range<NodeId> {
        let end = self.subtree_end.get(id as usize).copied().unwrap_or(id);
        id..end.max(id)
    }

    /// All text below `id`, whitespace collapsed.
    pub fn collect_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let Some(t) = self.text_of_node(n) {
                push_collapsed(&mut out, t);
            }
        }
        out.trim().to_string()
    }

    /// Ancestors of `id`, nearest first (not including `id`).
    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors {
            dom: self,
            next: self.parent(id).unwrap_or(NONE),
        }
    }
}

/// Appends `text` to `out`, folding runs of whitespace into one space.
pub fn push_collapsed(out: &mut String, text: &str) {
    // The output is at most as long as the input: one allocation instead
    // of a regrowth every few words when `out` starts empty.
    out.reserve(text.len());
    let mut pending_space = out.ends_with(' ') || out.is_empty();
    let mut rest = text;
    while !rest.is_empty() {
        // The longest ASCII stretch that comes out as it is (words and
        // single spaces, no space where one is pending) is copied whole.
        let mut space = pending_space;
        let start = plain_words(rest.as_bytes(), &mut space);
        let mut run = rest.len();
        for (i, b) in rest.bytes().enumerate().skip(start) {
            if b == b' ' {
                if space {
                    run = i;
                    break;
                }
                space = true;
            } else if !b.is_ascii() || is_ascii_space(b) {
                run = i;
                break;
            } else {
                space = false;
            }
        }
        if run > 0 {
            out.push_str(rest.get(..run).unwrap_or(""));
            pending_space = space;
            rest = rest.get(run..).unwrap_or("");
            continue;
        }
        // A run of ASCII whitespace: at most one space.
        let blank = rest
            .bytes()
            .position(|b| !is_ascii_space(b))
            .unwrap_or(rest.len());
        if blank > 0 {
            if !pending_space {
                out.push(' ');
                pending_space = true;
            }
            rest = rest.get(blank..).unwrap_or("");
            continue;
        }
        // Other characters go one by one.
        let mut chars = rest.chars();
        let Some(ch) = chars.next() else { break };
        rest = chars.as_str();
        // Soft hyphens, zero-width spaces and stray BOMs are invisible and
        // split words; zero-width (non-)joiners are kept (scripts need them).
        if matches!(ch, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}') {
            continue;
        }
        if ch.is_whitespace() {
            if !pending_space {
                out.push(' ');
                pending_space = true;
            }
        } else {
            out.push(ch);
            pending_space = false;
        }
    }
}

/// How many leading bytes of `bytes`, eight at a time, come out of
/// [`push_collapsed`] as they are: printable ASCII and single spaces (no
/// space where `space` says one is pending). Updates `space` to whether
/// the last byte taken is a space. A whole word of eight bytes is taken
/// or none of it; the caller goes on byte by byte from there.
fn plain_words(bytes: &[u8], space: &mut bool) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const SIXTIES: u64 = 0x6060_6060_6060_6060;
    let mut taken = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // High bit of each byte that is a space (exact: no carries between
        // bytes, as the low seven bits plus 0x7F stay below 0x100).
        let y = x ^ SPACES;
        let spaces = !(((y & LOW7) + LOW7) | y | LOW7);
        // High bit of each byte below 0x20 or not ASCII.
        let odd = (x | !((x & LOW7) + SIXTIES)) & HIGHS;
        // A space right after a space (or after a pending one).
        let doubled = spaces & ((spaces << 8) | u64::from(*space) << 7);
        if odd | doubled != 0 {
            break;
        }
        *space = spaces >> 63 != 0;
        taken += 8;
    }
    taken
}

/// The ASCII characters `char::is_whitespace` accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let cur = self.next;
        self.next = self.dom.node(cur).map(|n| n.next_sibling).unwrap_or(NONE);
        Some(cur)
    }
}

pub struct Ancestors<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Ancestors<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let cur = self.next;
        self.next = self.dom.parent(cur).unwrap_or(NONE);
        Some(cur)
    }
}

/// What happens to the characters inside a raw-text element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    Discard,
    JsonLd,
    Title,
    Script,
}

/// Inline script bytes kept per page ([`Dom::scripts`]).
pub const MAX_SCRIPT_BYTES: usize = 1 << 20;

/// Whether a `<script>` is inline code or data worth keeping for metadata:
/// no `src`, and a JavaScript or JSON type (not a template).
fn inline_script(mut attrs: AttrIter<'_>) -> bool {
    !attrs.any(|a| match &*a.name.local {
        "src" => true,
        "type" => {
            let t = a.value.trim();
            !(t.is_empty()
                || t.eq_ignore_ascii_case("module")
                || t.to_ascii_lowercase().contains("javascript")
                || t.to_ascii_lowercase().contains("json"))
        }
        _ => false,
    })
}

/// How the tokenizer must read the content of an element just opened.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum RawText {
    Script,
    Rawtext,
    Rcdata,
}

pub(crate) struct Builder {
    dom: Dom,
    stack: Vec<NodeId>,
    /// Set while inside a raw-text element whose text is not page text.
    raw: Option<(LocalName, Capture)>,
    capture: String,
    /// Bytes kept in `dom.scripts` so far.
    script_bytes: usize,
    /// Depth of an ignored subtree (svg, math, template, select...).
    ignore: Option<(LocalName, usize)>,
    /// How many elements of each [`tracked`] name are on the stack: with
    /// none, the many starts that close an open `<p>`, `<a>`, `<li>`...
    /// need not look for one.
    open: [u32; TRACKED],
    /// The page's attributes, and those of the start tag being read.
    attrs: AttrsBuilder,
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("keygen")
            | local_name!("frame")
            | local_name!("basefont")
            | local_name!("bgsound")
    )
}

/// Elements whose start closes an open `<p>` (HTML's "close a p element").
fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("ul")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("pre")
            | local_name!("listing")
            | local_name!("form")
            | local_name!("table")
            | local_name!("hr")
            | local_name!("xmp")
            | local_name!("plaintext")
    )
}

fn is_heading(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Names counted on the stack of open elements ([`Builder::open`]).
const TRACKED: usize = 7;

/// The index of `name` among the names whose start closes an open element
/// of the same name (`<p>` first: [`closes_p`] elements close it).
fn tracked(name: &LocalName) -> Option<usize> {
    Some(match *name {
        local_name!("p") => 0,
        local_name!("a") => 1,
        local_name!("li") => 2,
        local_name!("dd") => 3,
        local_name!("dt") => 4,
        local_name!("tr") => 5,
        local_name!("option") => 6,
        _ => return None,
    })
}

/// Scope boundaries for implied end tags.
fn is_scope_boundary(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("html")
            | local_name!("table")
            | local_name!("td")
            | local_name!("th")
            | local_name!("caption")
            | local_name!("button")
            | local_name!("object")
            | local_name!("marquee")
            | local_name!("applet")
            | local_name!("template")
    )
}

/// Subtrees kept out of the tree entirely.
fn is_ignored_subtree(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("svg")
            | local_name!("math")
            | local_name!("template")
            | local_name!("select")
            | local_name!("datalist")
            | local_name!("object")
            | local_name!("canvas")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("map")
    )
}

/// Elements whose content the tokenizer reads as raw text.
fn raw_kind(name: &LocalName) -> Option<RawText> {
    match *name {
        local_name!("script") => Some(RawText::Script),
        local_name!("style")
        | local_name!("noscript")
        | local_name!("xmp")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes") => Some(RawText::Rawtext),
        local_name!("textarea") | local_name!("title") => Some(RawText::Rcdata),
        _ => None,
    }
}

impl Builder {
    pub(crate) fn new() -> Self {
        Self::for_input(0)
    }

    /// A builder with room for the tree of an `html_len`-byte page (a node
    /// per 50 bytes of markup, text a quarter of the page), so that the
    /// arena is seldom regrown and copied as it fills. (Most pages of the
    /// dev set have one to two nodes per 100 bytes; an estimate of one had
    /// most of them regrow their arena once.)
    pub(crate) fn for_input(html_len: usize) -> Self {
        let mut dom = Dom {
            nodes: Vec::with_capacity(html_len / 50 + 16),
            text: String::with_capacity(html_len / 4),
            subtree_end: Vec::with_capacity(html_len / 50 + 16),
            ..Dom::default()
        };
        // Each node's entry is set when it is appended (a leaf's subtree
        // is itself) and again when it leaves the stack of open elements.
        dom.subtree_end.push(1);
        dom.nodes.push(Node {
            kind: NodeKind::Element(Element {
                name: local_name!(""),
                attrs: Attrs::default(),
            }),
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            depth: 0,
        });
        Builder {
            dom,
            stack: {
                let mut stack = Vec::with_capacity(64);
                stack.push(0);
                stack
            },
            raw: None,
            capture: String::new(),
            script_bytes: 0,
            ignore: None,
            open: [0; TRACKED],
            // Kept attributes run to about a tenth of a page's bytes.
            attrs: AttrsBuilder {
                buf: String::with_capacity(html_len / 8),
                ..AttrsBuilder::default()
            },
        }
    }

    fn current(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn append(&mut self, kind: NodeKind) -> NodeId {
        let parent = self.current();
        let id = self.dom.nodes.len() as NodeId;
        let depth = self
            .dom
            .nodes
            .get(parent as usize)
            .map(|p| p.depth.saturating_add(1))
            .unwrap_or(1);
        self.dom.subtree_end.push(id.saturating_add(1));
        self.dom.nodes.push(Node {
            kind,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            depth,
        });
        if let Some(p) = self.dom.nodes.get_mut(parent as usize) {
            let prev_last = p.last_child;
            p.last_child = id;
            if prev_last == NONE {
                p.first_child = id;
            } else if let Some(prev) = self.dom.nodes.get_mut(prev_last as usize) {
                prev.next_sibling = id;
            }
        }
        id
    }

    fn name_of(&self, id: NodeId) -> Option<&LocalName> {
        self.dom.element(id).map(|e| &e.name)
    }

    /// Pops the stack down to `len` entries; each popped element's subtree
    /// ends before the next node, and it leaves the [`tracked`] counts.
    fn close_stack_from(&mut self, len: usize) {
        let end = self.dom.nodes.len() as NodeId;
        for &id in self.stack.get(len..).unwrap_or(&[]) {
            if let Some(e) = self.dom.subtree_end.get_mut(id as usize) {
                *e = end;
            }
            if let Some(Node {
                kind: NodeKind::Element(el),
                ..
            }) = self.dom.nodes.get(id as usize)
            {
                if let Some(n) = tracked(&el.name).and_then(|k| self.open.get_mut(k)) {
                    *n = n.saturating_sub(1);
                }
            }
        }
        self.stack.truncate(len);
    }

    /// Pops up to and including the nearest open `name`, unless a boundary
    /// (or, with `stop_at`, one of those names) comes first.
    fn close_in_scope(&mut self, name: &LocalName, stop_at: &[LocalName]) -> bool {
        if tracked(name).and_then(|k| self.open.get(k)) == Some(&0) {
            return false;
        }
        let mut found = None;
        for (i, &id) in self.stack.iter().enumerate().rev() {
            let Some(n) = self.name_of(id) else { break };
            if n == name {
                found = Some(i);
                break;
            }
            if is_scope_boundary(n) || stop_at.contains(n) {
                break;
            }
        }
        match found {
            Some(i) if i > 0 => {
                self.close_stack_from(i);
                true
            }
            _ => false,
        }
    }

    /// Where the attributes of the next start tag go (pushed before
    /// [`start_tag`](Self::start_tag); none are read inside an ignored
    /// subtree unless it is a script).
    pub(crate) fn attrs(&mut self) -> &mut AttrsBuilder {
        &mut self.attrs
    }

    /// A start tag, with the attributes pushed to
    /// [`attrs`](Self::attrs). Returns how the tokenizer must read the
    /// element's content when that is not ordinary markup.
    pub(crate) fn start_tag(&mut self, name: LocalName, self_closing: bool) -> Option<RawText> {
        let raw = self.start_element(name, self_closing);
        // Attributes of an element that is not kept go.
        self.attrs.drop_pending();
        raw
    }

    fn start_element(&mut self, name: LocalName, self_closing: bool) -> Option<RawText> {
        if let Some((ignored, depth)) = &mut self.ignore {
            // Only same-name nesting counts: inner elements may omit end tags.
            if *ignored == name && !self_closing {
                *depth += 1;
            }
            // A self-closed raw-text element (in SVG, say) has no end tag
            // to wait for; the tokenizer still needs to know the state.
            if self_closing {
                return raw_kind(&name);
            }
            return self.raw_state_for(&name, true);
        }
        match name {
            local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes") => {
                return self.raw_state_for(&name, false);
            }
            _ => {}
        }
        if is_ignored_subtree(&name) && !self_closing {
            self.ignore = Some((name, 1));
            return None;
        }
        // Implied end tags.
        if self.open.first().is_some_and(|&n| n > 0) && closes_p(&name) {
            self.close_in_scope(&local_name!("p"), &[]);
        }
        match name {
            local_name!("li") => {
                self.close_in_scope(
                    &local_name!("li"),
                    &[local_name!("ul"), local_name!("ol"), local_name!("menu")],
                );
            }
            local_name!("dt") | local_name!("dd")
                if !self.close_in_scope(&local_name!("dd"), &[local_name!("dl")]) =>
            {
                self.close_in_scope(&local_name!("dt"), &[local_name!("dl")]);
            }
            local_name!("tr") => {
                self.close_in_scope(&local_name!("tr"), &[]);
            }
            local_name!("td") | local_name!("th") => {
                let top = self.current();
                if matches!(
                    self.name_of(top),
                    Some(&local_name!("td")) | Some(&local_name!("th"))
                ) {
                    self.close_stack_from(self.stack.len().saturating_sub(1));
                }
            }
            local_name!("a") => {
                self.close_in_scope(&local_name!("a"), &[]);
            }
            local_name!("option") => {
                self.close_in_scope(&local_name!("option"), &[]);
            }
            _ if is_heading(&name) => {
                let top = self.current();
                if self.name_of(top).is_some_and(is_heading) {
                    self.close_stack_from(self.stack.len().saturating_sub(1));
                }
            }
            _ => {}
        }
        let void = is_void(&name) || self_closing;
        let track = tracked(&name);
        let attrs = self.attrs.keep();
        let id = self.append(NodeKind::Element(Element { name, attrs }));
        if !void && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
            if let Some(n) = track.and_then(|k| self.open.get_mut(k)) {
                *n += 1;
            }
        }
        None
    }

    fn raw_state_for(&mut self, name: &LocalName, ignored: bool) -> Option<RawText> {
        let kind = raw_kind(name)?;
        let capture = match *name {
            local_name!("script")
                if self.attrs.pending().any(|a| {
                    &*a.name.local == "type" && a.value.eq_ignore_ascii_case("application/ld+json")
                }) =>
            {
                Capture::JsonLd
            }
            local_name!("title") if !ignored && self.dom.title.is_none() => Capture::Title,
            local_name!("script")
                if !ignored
                    && self.dom.scripts.len() < 500
                    && self.script_bytes < MAX_SCRIPT_BYTES
                    && inline_script(self.attrs.pending()) =>
            {
                Capture::Script
            }
            _ => Capture::Discard,
        };
        self.capture.clear();
        self.raw = Some((name.clone(), capture));
        Some(kind)
    }

    pub(crate) fn end_tag(&mut self, name: &LocalName) {
        if let Some((raw_name, capture)) = &self.raw {
            if raw_name == name {
                let text = std::mem::take(&mut self.capture);
                match capture {
                    Capture::JsonLd => self.dom.json_ld.push(text),
                    Capture::Title => {
                        let mut t = String::new();
                        push_collapsed(&mut t, &text);
                        self.dom.title = Some(t.trim().to_string());
                    }
                    Capture::Script => {
                        let mut text = text;
                        let room = MAX_SCRIPT_BYTES.saturating_sub(self.script_bytes);
                        if text.len() > room {
                            let mut cut = room;
                            while !text.is_char_boundary(cut) {
                                cut -= 1;
                            }
                            text.truncate(cut);
                        }
                        self.script_bytes += text.len();
                        if !text.trim().is_empty() {
                            self.dom.scripts.push(text);
                        }
                    }
                    Capture::Discard => {}
                }
                self.raw = None;
            }
            return;
        }
        if let Some((ignored, depth)) = &mut self.ignore {
            if ignored == name {
                *depth = depth.saturating_sub(1);
                if *depth == 0 {
                    self.ignore = None;
                }
            }
            return;
        }
        match *name {
            local_name!("br") => {
                self.append(NodeKind::Element(Element {
                    name: local_name!("br"),
                    attrs: Attrs::default(),
                }));
            }
            local_name!("body") | local_name!("html") => {}
            _ => {
                let mut found = None;
                for (i, &id) in self.stack.iter().enumerate().rev() {
                    if self.name_of(id) == Some(name) {
                        found = Some(i);
                        break;
                    }
                }
                if let Some(i) = found.filter(|&i| i > 0) {
                    self.close_stack_from(i);
                }
            }
        }
    }

    /// Whether the builder is inside an ignored subtree (svg, math,
    /// template...), where it reads no element's attributes but a
    /// `<script>`'s.
    pub(crate) fn ignoring(&self) -> bool {
        self.ignore.is_some()
    }

    /// Whether [`Self::characters`] would keep text now: false inside
    /// discarded raw text (scripts, styles) and ignored subtrees.
    pub(crate) fn wants_text(&self) -> bool {
        match &self.raw {
            Some((_, capture)) => *capture != Capture::Discard,
            None => self.ignore.is_none(),
        }
    }

    /// Whether text now is script content, taken as it is (no character
    /// references).
    pub(crate) fn text_is_raw(&self) -> bool {
        matches!(self.raw, Some((_, Capture::JsonLd | Capture::Script)))
    }

    /// Whether text now is the content of a `<title>` (or another RCDATA
    /// element): references expanded, no markup.
    pub(crate) fn text_is_rcdata(&self) -> bool {
        matches!(self.raw, Some((_, Capture::Title)))
    }

    pub(crate) fn characters(&mut self, s: &str) {
        if let Some((_, capture)) = &self.raw {
            if *capture != Capture::Discard && self.capture.len() < (4 << 20) {
                self.capture.push_str(s);
            }
            return;
        }
        if self.ignore.is_some() {
            return;
        }
        let parent = self.current();
        let last = self.dom.node(parent).map(|p| p.last_child).unwrap_or(NONE);
        let start = self.dom.text.len() as u32;
        self.dom.text.push_str(s);
        let end = self.dom.text.len() as u32;
        if let Some(Node {
            kind: NodeKind::Text(_, e),
            ..
        }) = self.dom.nodes.get_mut(last as usize)
        {
            if *e == start {
                *e = end;
                return;
            }
        }
        self.append(NodeKind::Text(start, end));
    }

    pub(crate) fn finish(mut self) -> Dom {
        // What is still open ends with the page (the root too).
        self.close_stack_from(0);
        self.attrs.attach(&mut self.dom.nodes);
        self.dom
    }
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    for a in &tag.attrs {
                        if let Some(i) = kept_attribute(&a.name.local) {
                            b.attrs().push_with(i, || Cow::Borrowed(&*a.value));
                        }
                    }
                    return match b.start_tag(tag.name, tag.self_closing) {
                        Some(RawText::Script) => TokenSinkResult::RawData(RawKind::ScriptData),
                        Some(RawText::Rawtext) => TokenSinkResult::RawData(RawKind::Rawtext),
                        Some(RawText::Rcdata) => TokenSinkResult::RawData(RawKind::Rcdata),
                        None => TokenSinkResult::Continue,
                    };
                }
                TagKind::EndTag => b.end_tag(&tag.name),
            },
            Token::CharacterTokens(s) => b.characters(&s),
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

/// Cuts `html` so that u32 offsets into the text buffer cannot overflow.
pub(crate) fn cap_input(html: &str) -> &str {
    match html.len() {
        len if len > (u32::MAX as usize) / 2 => {
            let mut cut = (u32::MAX as usize) / 2;
            while !html.is_char_boundary(cut) {
                cut -= 1;
            }
            html.get(..cut).unwrap_or("")
        }
        _ => html,
    }
}

/// Parses decoded HTML into a [`Dom`] with html5ever's tokenizer: the
/// reference the faster lol_html path ([`super::parse`]) is checked against.
/// Never fails: any input yields a tree.
pub fn parse_html5ever(html: &str) -> Dom {
    let html = cap_input(html);
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Builder::new())), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html.into());
    // The tokenizer pauses on scripts and encoding hints; resume until the
    // queue is drained.
    loop {
        let result = tokenizer.feed(&queue);
        if matches!(result, markup5ever::TokenizerResult::Done) || queue.is_empty() {
            break;
        }
    }
    tokenizer.end();
    tokenizer.sink.0.into_inner().finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every structural test runs on both tokenizers.
    const PARSERS: [fn(&str) -> Dom; 2] = [crate::html::parse, parse_html5ever];

    fn names(dom: &Dom, id: NodeId) -> Vec<String> {
        dom.children(id)
            .map(|c| match &dom.nodes[c as usize].kind {
                NodeKind::Element(e) => e.name.to_string(),
                NodeKind::Text(..) => format!("#{}", dom.text_of_node(c).unwrap_or("")),
            })
            .collect()
    }

    /// The character-by-character definition `push_collapsed` must match.
    fn collapsed_reference(out: &mut String, text: &str) {
        let mut pending_space = out.ends_with(' ') || out.is_empty();
        for ch in text.chars() {
            if matches!(ch, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}') {
                continue;
            }
            if ch.is_whitespace() {
                if !pending_space {
                    out.push(' ');
                    pending_space = true;
                }
            } else {
                out.push(ch);
                pending_space = false;
            }
        }
    }

    #[test]
    fn push_collapsed_matches_the_reference() {
        let cases = [
            "",
            "  plain   ascii\ttext\r\n ",
            "caf\u{e9} \u{a0}\u{a0} na\u{ef}ve\u{2003}x",
            "a\u{0B}b\u{0C}c\u{1C}d\u{85}e",
            "exhibi\u{AD}tion\u{200B} here\u{FEFF}\u{200D}",
            "\u{4e2d}\u{6587} \u{65e5}\u{672c}",
            " lead  and trail ",
            "a \t b\n\nc \u{a0}d \u{2003} e",
            "\n      \n   word\n",
        ];
        // Every kind of byte at every position of a text longer than a few
        // words of eight bytes.
        let base = "abcdefg hijklmn opq rstuvw xyz0123 456789 ABCD";
        let mut generated = Vec::new();
        for at in 0..base.len() {
            for odd in [
                " ", "  ", "\t", "\n", "\u{e9}", "\u{1}", "\u{7f}", "\u{a0}", "\u{AD}",
            ] {
                let mut t = base.to_string();
                t.insert_str(at, odd);
                generated.push(t);
            }
        }
        for prefix in ["", "x", "x "] {
            for text in cases
                .iter()
                .copied()
                .chain(generated.iter().map(String::as_str))
            {
                let (mut fast, mut slow) = (prefix.to_string(), prefix.to_string());
                push_collapsed(&mut fast, text);
                collapsed_reference(&mut slow, text);
                assert_eq!(fast, slow, "on {text:?} after {prefix:?}");
            }
        }
    }

    /// The element tree below `id` as `name(children)`, text as `_`.
    fn shape(dom: &Dom, id: NodeId) -> String {
        let mut out = String::new();
        for c in dom.children(id) {
            match dom.element(c) {
                Some(e) => {
                    out.push_str(&e.name);
                    out.push('(');
                    out.push_str(&shape(dom, c));
                    out.push(')');
                }
                None => out.push('_'),
            }
        }
        out
    }

    #[test]
    fn implied_end_tags_follow_the_open_elements() {
        let cases = [
            ("<p>a<p>b", "p(_)p(_)"),
            ("<a>x<a>y</a>", "a(_)a(_)"),
            ("<ul><li>x<li>y</ul><li>z", "ul(li(_)li(_))li(_)"),
            ("<li>x<ul><li>y</ul><li>z", "li(_ul(li(_)))li(_)"),
            (
                "<table><tr><th>1</th><tr><td>2</td></table><tr>",
                "table(tr(th(_))tr(td(_)))tr()",
            ),
            // A cell is a scope boundary: a row inside it nests.
            (
                "<table><tr><td>1<tr><td>2</table>",
                "table(tr(td(_tr(td(_)))))",
            ),
            ("<dl><dt>t<dd>d<dt>u</dl>", "dl(dt(_)dd(_)dt(_))"),
            ("<p>a</p><div><p>b<p>c</div><p>d", "p(_)div(p(_)p(_))p(_)"),
            ("<p>a<div>b</div>c", "p(_)div(_)_"),
            ("<a>x<p>y<a>z", "a(_p(_))a(_)"),
        ];
        for (html, want) in cases {
            for dom in [crate::html::parse(html), parse_html5ever(html)] {
                assert_eq!(shape(&dom, 0), want, "{html:?}");
            }
        }
    }

    #[test]
    fn kept_attribute_indexes_follow_the_list() {
        for (i, name) in KEPT_ATTRIBUTES.iter().enumerate() {
            assert_eq!(kept_attribute(name), u8::try_from(i).ok(), "{name}");
            assert_eq!(&*attr_names()[i].local, *name);
        }
        assert!(KEPT_ATTRIBUTES.len() <= 32, "AttrsBuilder::seen is a u32");
        assert_eq!(kept_attribute("srcset"), None);
    }

    #[test]
    fn attrs_keep_values_of_any_length_in_order() {
        let long = "x\u{e9}".repeat(70_000);
        let values = [
            "",
            "a",
            &"b".repeat(63),
            &"c".repeat(64),
            &"d".repeat(4096),
            &long,
        ];
        let mut builder = AttrsBuilder::default();
        for (i, v) in values.iter().enumerate() {
            builder.push_with(i as u8, || Cow::Borrowed(v));
        }
        // A duplicate: the first one wins, and its value is not asked for.
        builder.push_with(1, || panic!("a duplicate's value is not needed"));
        let first = builder.keep();
        // Dropped attributes leave no trace; the next element starts afresh.
        builder.push_with(3, || Cow::Borrowed("dropped"));
        builder.drop_pending();
        builder.push_with(1, || Cow::Borrowed("again"));
        let next = builder.keep();
        let none = builder.keep();
        let mut nodes: Vec<Node> = [first, next, none]
            .into_iter()
            .map(|attrs| Node {
                kind: NodeKind::Element(Element {
                    name: local_name!("p"),
                    attrs,
                }),
                parent: NONE,
                first_child: NONE,
                last_child: NONE,
                next_sibling: NONE,
                depth: 0,
            })
            .collect();
        builder.attach(&mut nodes);
        let attrs_of = |i: usize| match nodes.get(i).map(|n| &n.kind) {
            Some(NodeKind::Element(e)) => e.attrs.clone(),
            _ => Attrs::default(),
        };
        let (attrs, next, none) = (attrs_of(0), attrs_of(1), attrs_of(2));
        let got: Vec<(&str, &str)> = attrs.iter().map(|a| (&*a.name.local, a.value)).collect();
        let want: Vec<(&str, &str)> = KEPT_ATTRIBUTES.iter().copied().zip(values).collect();
        assert_eq!(got, want);
        assert_eq!(attrs.len(), values.len());
        assert_eq!(attrs.get(5).map(str::len), Some(long.len()));
        assert_eq!(attrs.get(7), None);
        assert_eq!(next.get(1), Some("again"));
        assert_eq!(next.len(), 1);
        assert!(none.is_empty() && none.page.is_none());
    }

    #[test]
    fn implied_paragraph_and_list_item_ends() {
        for parse in PARSERS {
            let dom = parse("<body><div><p>one<p>two<ul><li>a<li>b</ul></div>");
            let body = dom.children(0).next().unwrap_or(0);
            let div = dom.children(body).next().unwrap_or(0);
            assert_eq!(names(&dom, div), vec!["p", "p", "ul"]);
            let ul = dom.children(div).nth(2).unwrap_or(0);
            assert_eq!(names(&dom, ul), vec!["li", "li"]);
        }
    }

    #[test]
    fn scripts_and_styles_never_reach_the_text() {
        for parse in PARSERS {
            let dom = parse("<p>a<script>var x = '<p>no</p>';</script><style>p{}</style>b</p>");
            assert_eq!(dom.collect_text(0), "ab");
        }
    }

    #[test]
    fn json_ld_and_title_are_kept_aside() {
        for parse in PARSERS {
            let dom = parse(
                "<head><title> The  title </title><script type=application/ld+json>{\"a\":1}</script></head><p>x",
            );
            assert_eq!(dom.title.as_deref(), Some("The title"));
            assert_eq!(dom.json_ld, vec!["{\"a\":1}".to_string()]);
        }
    }

    #[test]
    fn inline_scripts_are_kept_aside_within_a_budget() {
        for parse in PARSERS {
            let dom = parse(
                "<script>var a = {\"pubDate\":\"2020-01-02\"};</script><script src=x.js></script>\
                 <script type=text/template><p>t</p></script><script type=application/json>{}</script><p>x",
            );
            assert_eq!(
                dom.scripts,
                vec![
                    "var a = {\"pubDate\":\"2020-01-02\"};".to_string(),
                    "{}".to_string()
                ]
            );
            assert_eq!(dom.text.trim(), "x");
            let big = format!(
                "<script>{}</script><script>b</script><p>y",
                "a".repeat(MAX_SCRIPT_BYTES + 10)
            );
            let dom = parse(&big);
            assert_eq!(
                dom.scripts.iter().map(String::len).sum::<usize>(),
                MAX_SCRIPT_BYTES
            );
        }
    }

    #[test]
    fn invisible_characters_are_removed() {
        for parse in PARSERS {
            let dom = parse("<p>exhibi&shy;tion&#8203; here&#xFEFF;</p>");
            assert_eq!(dom.collect_text(0), "exhibition here");
        }
    }

    #[test]
    fn character_references_are_decoded() {
        for parse in PARSERS {
            let dom = parse("<p>Fish &amp; chips &eacute;&#x263A;</p>");
            assert_eq!(dom.collect_text(0), "Fish & chips é☺");
        }
    }

    #[test]
    fn deep_nesting_is_capped_not_recursed() {
        for parse in PARSERS {
            let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
            let dom = parse(&html);
            assert!(dom
                .nodes
                .iter()
                .all(|n| (n.depth as usize) <= MAX_DEPTH + 1));
            assert_eq!(dom.collect_text(0), "deep");
        }
    }

    /// The definition `subtree_end` must match: a node's subtree ends where
    /// the next node at its depth or above begins.
    fn ends_by_depth(dom: &Dom) -> Vec<NodeId> {
        let n = dom.nodes.len();
        (0..n)
            .map(|i| {
                let d = dom.nodes[i].depth;
                (i + 1..n).find(|&j| dom.nodes[j].depth <= d).unwrap_or(n) as NodeId
            })
            .collect()
    }

    #[test]
    fn subtree_ends_follow_depths() {
        let deep = "<div><b>".repeat(300) + "x" + &"</b>".repeat(150);
        let pages = [
            "<div><p>a<p>b<ul><li>c<li>d</ul></div>e<table><tr><td>1<td>2<tr><th>3</table>",
            "<h1>a<h2>b</h2><p>c<br></br><dl><dt>t<dd>d<dt>u</dl><a>x<a>y</a>",
            "<div><span>a</div>b</span><select><option>x<option>y</select><p>z",
            "unclosed <b>bold <i>italic",
            "",
            deep.as_str(),
        ];
        for parse in PARSERS {
            for html in pages {
                let dom = parse(html);
                assert_eq!(dom.subtree_end, ends_by_depth(&dom), "on {html}");
            }
        }
    }

    #[test]
    fn subtree_ranges_cover_descendants() {
        for parse in PARSERS {
            let dom = parse("<div><p>a</p><p>b</p></div><p>c</p>");
            let div = dom.children(0).next().unwrap_or(0);
            assert_eq!(dom.collect_text(div), "ab");
            assert_eq!(dom.collect_text(0), "abc");
        }
    }

    #[test]
    fn select_with_unclosed_options_ends() {
        for parse in PARSERS {
            let dom = parse("<p>a<select><option>x<option>y</select>b</p><p>c</p>");
            assert_eq!(dom.collect_text(0), "abc");
        }
    }

    #[test]
    fn svg_subtree_is_ignored() {
        for parse in PARSERS {
            let dom = parse("<p>a<svg><text>hidden</text><g><g/></g></svg>b</p>");
            assert_eq!(dom.collect_text(0), "ab");
        }
    }
}

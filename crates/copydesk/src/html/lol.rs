//! The fast path: lol_html's spec tokenizer feeding the arena [`Builder`].
//!
//! lol_html streams start tags, end tags and text chunks several times faster
//! than html5ever's tokenizer. The parser takes its tokens straight from
//! lol_html's `TransformStream` (made public by the crate's
//! `_integration_test` feature, hence the exact version pin in Cargo.toml)
//! rather than through `HtmlRewriter`: no `*` selector matched against every
//! element, no boxed end-tag handler per element, nothing serialised to an
//! output nobody reads, and no text decoded inside styles and the like.
//!
//! lol_html hands text and attribute values over raw, so character
//! references are expanded here (with `htmlize`, which follows the WHATWG
//! rules, including legacy names without a semicolon and the attribute-value
//! exceptions), and carriage returns and NULs are normalised the way the HTML
//! input stream does.
//!
//! End tags reach the builder as they did through the rewriter's end-tag
//! handlers ([`OpenElements`] keeps lol_html's stack of open elements): an end
//! tag ends the nearest open element of its name and every element left open
//! inside it; stray end tags that close nothing are dropped. The one the
//! html5ever path acts on is `</br>`, which becomes a `<br>` there.

use super::tree::{cap_input, kept_attribute, parse_html5ever, AttrsBuilder, Builder, Dom};
use html5ever::{local_name, LocalName};
use lol_html::errors::RewritingError;
use lol_html::html_content::{DocumentEnd, SourceLocation, TextChunk, TextType};
use lol_html::{
    AsciiCompatibleEncoding, EndTag, LocalName as LolName, LocalNameHash, Namespace,
    SharedMemoryLimiter, StartTag, StartTagHandlingResult, Tag, Token, TokenCaptureFlags,
    TransformController, TransformStream, TransformStreamSettings,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock};

/// The builder plus the text of a text node lol_html delivered in pieces.
struct State {
    builder: Builder,
    pending: String,
    pending_raw: bool,
    open: OpenElements,
}

/// lol_html's own stack of open elements, kept here as its rewriter keeps
/// it: every start tag is pushed except HTML void elements and self-closed
/// foreign ones (no implied end tags); an end tag pops up to the nearest
/// element of its name, or does nothing when none is open. The builder is
/// told of each popped element's end, innermost first, by that element's
/// own name. (So `</body>` also ends the elements left open inside it, and
/// an end tag that closes nothing here never reaches the builder.)
#[derive(Default)]
struct OpenElements {
    names: Vec<LocalName>,
    /// How many of each name are open, so that an end tag that matches
    /// nothing is rejected without scanning a deep stack.
    counts: HashMap<LocalName, u32, BuildHasherDefault<AtomHasher>>,
}

impl OpenElements {
    fn push(&mut self, name: &LocalName) {
        self.names.push(name.clone());
        *self.counts.entry(name.clone()).or_insert(0) += 1;
    }

    /// Pops up to the nearest open `name`; returns the popped names,
    /// outermost first (none when `name` is not open).
    fn pop_to(&mut self, name: &LocalName) -> std::vec::Drain<'_, LocalName> {
        let open = self.counts.get(name).is_some_and(|&n| n > 0);
        let at = if open {
            self.names.iter().rposition(|n| n == name)
        } else {
            None
        };
        let at = at.unwrap_or(self.names.len());
        for n in self.names.get(at..).unwrap_or(&[]) {
            if let Some(c) = self.counts.get_mut(n) {
                *c = c.saturating_sub(1);
            }
        }
        self.names.drain(at..)
    }
}

/// The commonest tag names: lol_html reports a tag's name as a number
/// packed from its letters, and looking that up here saves reading and
/// matching the name again.
const KNOWN_NAMES: &[&str] = &[
    "div",
    "a",
    "span",
    "p",
    "li",
    "img",
    "i",
    "br",
    "ul",
    "meta",
    "link",
    "script",
    "source",
    "b",
    "strong",
    "em",
    "picture",
    "figure",
    "section",
    "article",
    "path",
    "button",
    "input",
    "td",
    "tr",
    "th",
    "tbody",
    "table",
    "style",
    "noscript",
    "iframe",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "nav",
    "header",
    "footer",
    "aside",
    "time",
    "label",
    "option",
    "svg",
    "use",
    "g",
    "html",
    "head",
    "body",
    "title",
    "form",
    "figcaption",
    "blockquote",
    "small",
    "main",
    "ol",
    "dl",
    "dt",
    "dd",
    "hr",
    "pre",
    "code",
    "sup",
    "sub",
    "u",
    "font",
    "center",
    "select",
    "template",
    "video",
    "audio",
    "canvas",
    "object",
    "embed",
    "textarea",
    "abbr",
    "cite",
    "address",
    "details",
    "summary",
    "dialog",
    "caption",
    "thead",
    "tfoot",
    "col",
    "colgroup",
    "area",
    "map",
    "base",
    "wbr",
    "mark",
    "q",
    "s",
    "ins",
    "del",
    "var",
    "math",
];

/// [`KNOWN_NAMES`] by lol_html's number for them: an open-addressing table
/// of [`KNOWN_SLOTS`] slots (key, name), keyed by [`name_key`], whose top
/// byte is the first slot tried. One multiply and usually one compare a
/// tag, where a general hash map costs several times that.
struct KnownNames(Vec<Option<(u64, LocalName)>>);

/// Slots in [`KnownNames`]: 256 (a key's top byte), under half full.
const KNOWN_SLOTS: usize = 256;

/// lol_html's number for a tag name (the only thing its `Hash` feeds a
/// hasher), mixed by [`AtomHasher`]: one to one, so it tells names apart
/// as the number does.
fn name_key(hash: &LocalNameHash) -> u64 {
    let mut h = AtomHasher::default();
    std::hash::Hash::hash(hash, &mut h);
    h.finish()
}

fn known_slot(key: u64) -> usize {
    (key >> 56) as usize
}

impl KnownNames {
    fn new() -> Self {
        let mut slots = vec![None; KNOWN_SLOTS];
        for &n in KNOWN_NAMES {
            let hash = LocalNameHash::from(n);
            if hash.is_empty() {
                continue;
            }
            let key = name_key(&hash);
            let mut at = known_slot(key);
            // The table is under half full: a free slot is always found.
            for _ in 0..KNOWN_SLOTS {
                match slots.get_mut(at) {
                    Some(slot @ None) => {
                        *slot = Some((key, local_name(n)));
                        break;
                    }
                    Some(Some((k, _))) if *k == key => break,
                    _ => at = (at + 1) % KNOWN_SLOTS,
                }
            }
        }
        KnownNames(slots)
    }

    fn get(&self, hash: &LocalNameHash) -> Option<&LocalName> {
        if hash.is_empty() {
            return None;
        }
        let key = name_key(hash);
        let mut at = known_slot(key);
        for _ in 0..KNOWN_SLOTS {
            let (k, name) = self.0.get(at)?.as_ref()?;
            if *k == key {
                return Some(name);
            }
            at = (at + 1) % KNOWN_SLOTS;
        }
        None
    }
}

/// The interned name for a tag lol_html names by number, if it is one of
/// [`KNOWN_NAMES`].
fn known_name(name: &LolName<'_>) -> Option<LocalName> {
    static TABLE: OnceLock<KnownNames> = OnceLock::new();
    let LolName::Hash(hash) = name else {
        return None;
    };
    TABLE.get_or_init(KnownNames::new).get(hash).cloned()
}

/// Interned names hash to a precomputed 32-bit value, and lol_html's names
/// to a 64-bit number: one multiply spreads either over the bits.
#[derive(Default)]
struct AtomHasher(u64);

impl Hasher for AtomHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl State {
    fn text(&mut self, chunk: &TextChunk<'_>) {
        // Script and style bodies, and ignored subtrees, are dropped by the
        // builder: do not gather, scan or unescape them. The builder's mode
        // only changes at a tag, and tags flush the pending text first, so
        // the mode now is the mode the text would be emitted in.
        if !self.builder.wants_text() {
            return;
        }
        let raw = !matches!(chunk.text_type(), TextType::Data | TextType::RCData);
        let s = chunk.as_str();
        if !chunk.last_in_text_node() {
            if !s.is_empty() {
                self.pending.push_str(s);
                self.pending_raw = raw;
            }
            return;
        }
        if self.pending.is_empty() {
            self.emit(s, raw);
        } else {
            let mut text = std::mem::take(&mut self.pending);
            text.push_str(s);
            self.emit(&text, raw);
            text.clear();
            self.pending = text;
        }
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let text = std::mem::take(&mut self.pending);
            let raw = self.pending_raw;
            self.emit(&text, raw);
        }
    }

    fn emit(&mut self, s: &str, raw: bool) {
        if s.is_empty() {
            return;
        }
        let text = if raw {
            normalize_raw(s, '\u{FFFD}')
        } else {
            unescape_text(s)
        };
        self.builder.characters(&text);
    }

    /// A start tag; true for `<plaintext>` in HTML content.
    fn start(
        &mut self,
        tag: &StartTag<'_>,
        known: Option<LocalName>,
        html: &str,
        ns: Namespace,
    ) -> bool {
        self.flush();
        let name = known
            .or_else(|| tag_name(tag.source_location(), html))
            .unwrap_or_else(|| LocalName::from(tag.name()));
        // In an ignored subtree only a script's attributes are read: the
        // others are not even split out of the tag by lol_html.
        if !self.builder.ignoring() || name == local_name!("script") {
            attributes(tag.attributes(), html, self.builder.attrs());
        }
        let self_closing = tag.self_closing();
        let pushed = if ns == Namespace::Html {
            !lol_void(&name)
        } else {
            !self_closing
        };
        if pushed {
            self.open.push(&name);
        }
        let plaintext = ns == Namespace::Html && name == local_name!("plaintext");
        self.builder.start_tag(name, self_closing);
        plaintext
    }

    fn end(&mut self, tag: &EndTag<'_>, known: Option<LocalName>, html: &str) {
        self.flush();
        let name = known
            .or_else(|| tag_name(tag.source_location(), html))
            .unwrap_or_else(|| LocalName::from(tag.name()));
        for closed in self.open.pop_to(&name).rev() {
            self.builder.end_tag(&closed);
        }
    }
}

/// A tag's name, read in place from the source (the tag's bytes in
/// `html`, `<name` or `</name`) so that no string is allocated for it; None
/// when the source is not plain lower-case ASCII (the caller then takes
/// lol_html's own lower-cased copy).
fn tag_name(at: SourceLocation, html: &str) -> Option<LocalName> {
    let source = html.get(at.bytes());
    let name = source
        .and_then(|tag| tag.strip_prefix('<'))
        .map(|tag| tag.strip_prefix('/').unwrap_or(tag))
        .map(|tag| {
            let end = tag
                .bytes()
                .position(|b| matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ' | b'/' | b'>'))
                .unwrap_or(tag.len());
            tag.get(..end).unwrap_or("")
        })
        .filter(|n| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    name.map(local_name)
}

/// The interned name for `name`; the commonest names are matched directly,
/// without hashing into the atom table.
fn local_name(name: &str) -> LocalName {
    match name {
        "a" => local_name!("a"),
        "p" => local_name!("p"),
        "div" => local_name!("div"),
        "span" => local_name!("span"),
        "li" => local_name!("li"),
        "ul" => local_name!("ul"),
        "img" => local_name!("img"),
        "meta" => local_name!("meta"),
        "link" => local_name!("link"),
        "script" => local_name!("script"),
        "br" => local_name!("br"),
        "i" => local_name!("i"),
        "b" => local_name!("b"),
        "strong" => local_name!("strong"),
        "em" => local_name!("em"),
        "source" => local_name!("source"),
        "picture" => local_name!("picture"),
        "figure" => local_name!("figure"),
        "section" => local_name!("section"),
        "article" => local_name!("article"),
        "path" => local_name!("path"),
        "button" => local_name!("button"),
        "input" => local_name!("input"),
        "td" => local_name!("td"),
        "tr" => local_name!("tr"),
        "style" => local_name!("style"),
        "noscript" => local_name!("noscript"),
        "iframe" => local_name!("iframe"),
        "h1" => local_name!("h1"),
        "h2" => local_name!("h2"),
        "h3" => local_name!("h3"),
        "h4" => local_name!("h4"),
        "nav" => local_name!("nav"),
        "header" => local_name!("header"),
        "footer" => local_name!("footer"),
        "aside" => local_name!("aside"),
        "time" => local_name!("time"),
        "label" => local_name!("label"),
        "option" => local_name!("option"),
        "svg" => local_name!("svg"),
        "use" => local_name!("use"),
        "g" => local_name!("g"),
        "html" => local_name!("html"),
        "head" => local_name!("head"),
        "body" => local_name!("body"),
        "title" => local_name!("title"),
        "class" => local_name!("class"),
        "id" => local_name!("id"),
        "href" => local_name!("href"),
        "src" => local_name!("src"),
        "alt" => local_name!("alt"),
        "rel" => local_name!("rel"),
        "type" => local_name!("type"),
        "name" => local_name!("name"),
        "content" => local_name!("content"),
        "property" => local_name!("property"),
        "width" => local_name!("width"),
        "height" => local_name!("height"),
        "target" => local_name!("target"),
        "role" => local_name!("role"),
        "itemprop" => local_name!("itemprop"),
        "itemscope" => local_name!("itemscope"),
        "itemtype" => local_name!("itemtype"),
        "lang" => local_name!("lang"),
        "value" => local_name!("value"),
        "for" => local_name!("for"),
        "srcset" => local_name!("srcset"),
        "sizes" => local_name!("sizes"),
        "media" => local_name!("media"),
        "d" => local_name!("d"),
        "fill" => local_name!("fill"),
        "viewbox" => local_name!("viewbox"),
        "xmlns" => local_name!("xmlns"),
        "aria-label" => local_name!("aria-label"),
        "aria-hidden" => local_name!("aria-hidden"),
        "hidden" => local_name!("hidden"),
        "tabindex" => local_name!("tabindex"),
        "loading" => local_name!("loading"),
        "datetime" => local_name!("datetime"),
        "charset" => local_name!("charset"),
        "http-equiv" => local_name!("http-equiv"),
        "async" => local_name!("async"),
        "defer" => local_name!("defer"),
        "crossorigin" => local_name!("crossorigin"),
        "action" => local_name!("action"),
        "method" => local_name!("method"),
        _ => LocalName::from(name),
    }
}

/// The element's kept attributes ([`KEPT_ATTRIBUTES`]) as html5ever would
/// give them: lower-case names, values with character references expanded,
/// first of duplicates kept. Names and values are read in place from
/// `html` (lol_html reports where each one lies); lol_html's copies are
/// used only where the source is not plain lower-case or the position is
/// unknown. An attribute that is not kept costs a name comparison: no
/// atom, no value.
///
/// [`KEPT_ATTRIBUTES`]: super::tree::KEPT_ATTRIBUTES
///
/// They are pushed to `out`, the page's attributes.
fn attributes(src: &[lol_html::html_content::Attribute<'_>], html: &str, out: &mut AttrsBuilder) {
    for a in src {
        let index = match a
            .name_source_location()
            .and_then(|l| html.get(l.bytes()))
            .filter(|n| !n.bytes().any(|b| b.is_ascii_uppercase()))
        {
            Some(n) => kept_attribute(n),
            None => kept_attribute(&a.name()),
        };
        let Some(index) = index else {
            continue;
        };
        out.push_with(index, || {
            match a.value_source_location().and_then(|l| html.get(l.bytes())) {
                Some(v) => unescape_attribute(v),
                None => Cow::Owned(unescape_attribute(&a.value()).into_owned()),
            }
        });
    }
}

/// Text outside attributes: CR/CRLF to LF, NULs dropped (as the tree
/// builder drops them in body text), character references expanded.
pub(crate) fn unescape_text(s: &str) -> Cow<'_, str> {
    if !has_special(s) {
        return Cow::Borrowed(s);
    }
    match normalize_raw(s, '\0') {
        Cow::Borrowed(b) => htmlize::unescape(b),
        Cow::Owned(o) => Cow::Owned(htmlize::unescape(o.as_str()).into_owned()),
    }
}

/// An attribute value: like text, but NUL becomes U+FFFD and the
/// attribute rules for references without a semicolon apply.
pub(crate) fn unescape_attribute(s: &str) -> Cow<'_, str> {
    if !has_special(s) {
        return Cow::Borrowed(s);
    }
    match normalize_raw(s, '\u{FFFD}') {
        Cow::Borrowed(b) => htmlize::unescape_attribute(b),
        Cow::Owned(o) => Cow::Owned(htmlize::unescape_attribute(o.as_str()).into_owned()),
    }
}

/// Whether `s` holds a character reference, a carriage return or a NUL.
/// Most attribute values and text nodes are short: below 32 bytes a plain
/// loop costs less than setting up memchr's vector search.
fn has_special(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() < 32 {
        short_has_any(bytes, [b'&', b'\r', b'\0'])
    } else {
        memchr::memchr3(b'&', b'\r', b'\0', bytes).is_some()
    }
}

/// Whether `bytes` (a short slice) holds any of `wanted`: eight bytes at a
/// time (a byte equal to `w` is a zero byte of `word ^ w * 0x01..01`, and
/// `(x - 0x01..01) & !x & 0x80..80` is non-zero exactly when `x` has a zero
/// byte), then the last few one by one.
fn short_has_any<const N: usize>(bytes: &[u8], wanted: [u8; N]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if wanted
            .iter()
            .any(|&w| has_zero(word ^ (u64::from(w) * ONES)))
        {
            return true;
        }
    }
    chunks.remainder().iter().any(|b| wanted.contains(b))
}

/// CR and CRLF become LF; NUL becomes `nul` (`'\0'` means: drop it).
fn normalize_raw(s: &str, nul: char) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let plain = if bytes.len() < 32 {
        !short_has_any(bytes, [b'\r', b'\0'])
    } else {
        memchr::memchr2(b'\r', b'\0', bytes).is_none()
    };
    if plain {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\0' if nul == '\0' => {}
            '\0' => out.push(nul),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Parses decoded HTML into a [`Dom`]. Never fails: any input yields a tree
/// (should lol_html ever refuse the input, html5ever's tokenizer takes over).
pub fn parse(html: &str) -> Dom {
    let html = cap_input(html);
    match parse_lol(html, Text::Gaps).or_else(|| parse_lol(html, Text::Chunks)) {
        Some(dom) => dom,
        None => parse_html5ever(html),
    }
}

/// Where the text between tags comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Text {
    /// Read in place: every byte lies in a reported tag, comment or
    /// doctype, or in the text between them. lol_html decodes no text at
    /// all. Whatever this reading cannot vouch for (markup that yields no
    /// token, such as an unfinished tag at the end or `</>`, or text the
    /// tokenizer reads in a mode the builder does not know) aborts the
    /// pass, and the page is parsed again with [`Text::Chunks`].
    Gaps,
    /// lol_html's text chunks.
    Chunks,
}

/// Aborts a [`Text::Gaps`] pass.
#[derive(Debug)]
struct NeedsChunks;

impl std::fmt::Display for NeedsChunks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("text needs lol_html's own chunks")
    }
}

impl std::error::Error for NeedsChunks {}

/// Whether data-state text holds a `<` that starts markup: the tokenizer
/// made a tag, comment or declaration of it, or dropped it, but reported
/// nothing, so the bytes are not text.
fn has_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    let starts_markup = |i: usize| {
        bytes
            .get(i + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
    };
    if bytes.len() < 32 {
        // Short gaps (mostly whitespace between tags): eight bytes at a
        // time, then a plain loop where there is a `<`.
        return short_has_any(bytes, [b'<'])
            && (0..bytes.len()).any(|i| bytes.get(i) == Some(&b'<') && starts_markup(i));
    }
    memchr::memchr_iter(b'<', bytes).any(starts_markup)
}

/// Receives lol_html's tokens directly, below its rewriter: every start
/// tag, end tag and text chunk, with no selector matching, no handler
/// closures per element and no serialised output.
struct Controller<'s, 'h> {
    state: &'s mut State,
    html: &'h str,
    /// The namespace of the start tag being reported.
    ns: Namespace,
    /// The interned name of the tag being reported, when lol_html's name
    /// for it is one of [`KNOWN_NAMES`].
    name: Option<LocalName>,
    text: Text,
    /// With [`Text::Gaps`]: where the text after the last token begins.
    pos: usize,
}

impl Controller<'_, '_> {
    /// With [`Text::Gaps`]: the text from the end of the last token to
    /// `end`, then the next token ends at `next`.
    fn gap(&mut self, end: usize, next: usize) -> Result<(), RewritingError> {
        let start = std::mem::replace(&mut self.pos, next);
        if end <= start || !self.state.builder.wants_text() {
            return Ok(());
        }
        let Some(text) = self.html.get(start..end) else {
            return Err(needs_chunks());
        };
        let raw = self.state.builder.text_is_raw();
        if !raw && !self.state.builder.text_is_rcdata() && has_markup(text) {
            return Err(needs_chunks());
        }
        self.state.emit(text, raw);
        Ok(())
    }

    /// With [`Text::Gaps`]: the text after the last token.
    fn last_gap(&mut self) -> Result<(), RewritingError> {
        let end = self.html.len();
        let rest = self.html.get(self.pos..).unwrap_or("");
        if self.state.builder.wants_text() && rest.contains('<') {
            return Err(needs_chunks());
        }
        self.gap(end, end)
    }
}

fn needs_chunks() -> RewritingError {
    RewritingError::ContentHandlerError(Box::new(NeedsChunks))
}

/// The elements lol_html never pushes on its stack in HTML content.
fn lol_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Raw-text elements whose content the builder always discards: lol_html
/// is told not to decode their text at all.
fn discards_content(name: &LolName<'_>) -> bool {
    [
        Tag::Style,
        Tag::Noscript,
        Tag::Iframe,
        Tag::Xmp,
        Tag::Noembed,
        Tag::Noframes,
        Tag::Textarea,
    ]
    .iter()
    .any(|t| name == t)
}

impl Controller<'_, '_> {
    /// The tokens wanted from here on: every tag; with [`Text::Chunks`]
    /// the text (unless `text` says the content is discarded), with
    /// [`Text::Gaps`] comments and doctypes, so that the text between
    /// tokens is known to be text.
    fn after_tag(&self, text: bool) -> TokenCaptureFlags {
        let tags = TokenCaptureFlags::NEXT_START_TAG | TokenCaptureFlags::NEXT_END_TAG;
        match self.text {
            Text::Gaps => tags | TokenCaptureFlags::COMMENTS | TokenCaptureFlags::DOCTYPES,
            Text::Chunks if text => tags | TokenCaptureFlags::TEXT,
            Text::Chunks => tags,
        }
    }
}

impl TransformController for Controller<'_, '_> {
    fn initial_capture_flags(&self) -> TokenCaptureFlags {
        self.after_tag(true)
    }

    fn handle_start_tag(
        &mut self,
        name: LolName<'_>,
        ns: Namespace,
    ) -> StartTagHandlingResult<Self> {
        self.ns = ns;
        self.name = known_name(&name);
        // The flags hold for this tag and the content after it. A
        // self-closed `<style/>` (in SVG, say) leaves text capture off until
        // the next tag: the builder keeps nothing inside SVG either.
        Ok(self.after_tag(!discards_content(&name)))
    }

    fn handle_end_tag(&mut self, name: LolName<'_>) -> TokenCaptureFlags {
        self.name = known_name(&name);
        self.after_tag(true)
    }

    fn handle_token(&mut self, token: &mut Token<'_>) -> Result<(), RewritingError> {
        match token {
            Token::TextChunk(chunk) => self.state.text(chunk),
            Token::StartTag(tag) => {
                if self.text == Text::Gaps {
                    let at = tag.source_location().bytes();
                    self.gap(at.start, at.end)?;
                }
                let plaintext = self.state.start(tag, self.name.take(), self.html, self.ns);
                if self.text == Text::Gaps
                    && (plaintext
                        || (self.ns != Namespace::Html && self.state.builder.wants_text()))
                {
                    // Text the builder keeps in a mode only the tokenizer knows.
                    return Err(needs_chunks());
                }
            }
            Token::EndTag(tag) => {
                if self.text == Text::Gaps {
                    let at = tag.source_location().bytes();
                    self.gap(at.start, at.end)?;
                }
                self.state.end(tag, self.name.take(), self.html);
            }
            Token::Comment(c) => {
                let at = c.source_location().bytes();
                self.gap(at.start, at.end)?;
            }
            Token::Doctype(d) => {
                let at = d.source_location().bytes();
                self.gap(at.start, at.end)?;
            }
        }
        Ok(())
    }

    fn handle_end(&mut self, _end: &mut DocumentEnd<'_>) -> Result<(), RewritingError> {
        if self.text == Text::Gaps {
            self.last_gap()?;
        }
        Ok(())
    }

    fn should_emit_content(&self) -> bool {
        // Nothing is written out: no token is serialised.
        false
    }
}

fn parse_lol(html: &str, text: Text) -> Option<Dom> {
    // Positions lol_html reports are offsets into what was written: the
    // whole of `html`, in one call.
    let mut state = State {
        builder: Builder::for_input(html.len()),
        pending: String::new(),
        pending_raw: false,
        open: OpenElements::default(),
    };
    let controller = Controller {
        state: &mut state,
        html,
        ns: Namespace::Html,
        name: None,
        text,
        pos: 0,
    };
    let mut stream = TransformStream::new(TransformStreamSettings {
        transform_controller: controller,
        output_sink: |_: &[u8]| {},
        preallocated_parsing_buffer_size: 1024,
        memory_limiter: SharedMemoryLimiter::new(usize::MAX),
        encoding: AsciiCompatibleEncoding::utf_8(),
        next_encoding: Arc::new(OnceLock::new()),
        strict: false,
        graceful_bail_out_on_memory_limit_exceeded: false,
        graceful_bail_out_on_content_handler_error: false,
    });
    let ok = stream.write(html.as_bytes()).is_ok() && stream.end().is_ok();
    drop(stream);
    if !ok {
        return None;
    }
    state.flush();
    Some(state.builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::{NodeId, NodeKind};

    /// An indented outline of the tree: names, attributes, text.
    fn outline(dom: &Dom) -> String {
        let mut out = String::new();
        for id in 0..dom.len() as NodeId {
            let Some(node) = dom.node(id) else { continue };
            out.push_str(&" ".repeat(node.depth as usize));
            match &node.kind {
                NodeKind::Element(e) => {
                    out.push_str(&e.name);
                    for a in &e.attrs {
                        out.push_str(&format!(" {}={:?}", &*a.name.local, a.value));
                    }
                }
                NodeKind::Text(..) => {
                    out.push_str(&format!("{:?}", dom.text_of_node(id).unwrap_or("")));
                }
            }
            out.push('\n');
        }
        out.push_str(&format!("title={:?} json_ld={:?}", dom.title, dom.json_ld));
        out
    }

    #[test]
    fn same_tree_as_the_html5ever_path() {
        let pages = [
            "<!doctype html><html><head><title>T &amp; U</title><meta charset=utf-8></head>\
             <body class=a><div id=x><p>one<p>two &copy 2024<br>three</div></body></html>",
            "<ul><li>a<li>b<ol><li>c</ol></ul><dl><dt>t<dd>d<dt>u</dl>",
            "<table><tr><td>1<td>2<tr><th>h</table><h1>x<h2>y</h2>",
            "<p>a<!-- c -->b<![CDATA[x]]>c</p><a href=1>x<a href=2>y</a>",
            "<div><select><option>x<option>y</select><svg><g><text>s</text></g></svg>z</div>",
            "<p title='a&quot;b' data-x=\"&amp;&lt;\" data-q=\"?a=1&copy=2\">q</p>",
            "<script>if (a < b && c) {}</script><style>p>a{}</style><noscript><img src=x></noscript>t",
            "<textarea>&lt;x&gt;</textarea><xmp><b>raw</b></xmp><iframe><p>no</p></iframe>end",
            "<div/>x</div>y<span/>z<br/>w",
            "<template><p>hidden</p></template><math><mi>x</mi></math>v",
            "<P CLASS=Up>Upper<B>case</B></P>",
            "unclosed <b>bold <i>italic",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script><p>x",
            // Names read in place from the source: case, odd characters,
            // valueless and empty attributes, whitespace inside the tag.
            "<DIV Data-X=1 hidden id=\"\" CLASS='a b'><my_tag foo>t</my_tag><Img SRC=x alt></DIV>",
            "<div\nclass=a\r\nid=b\t/><p \u{e4}=1 data-\u{e9}=\"\u{fc}&amp;\" x-y:z=2>q</p><h2a>w</h2a>",
            "<SCRIPT TYPE=\"Application/LD+JSON\">{}</SCRIPT><Svg><G>s</G></Svg><x-custom-el data-n=\"1\">c</x-custom-el>",
            // Text read between tokens, and what sends a page back to
            // lol_html's own text chunks.
            "<title>a &amp; <b> b</title><p>1 < 2 &lt; 3 <3 a<!--c-->b<?pi?>c</p>",
            "<p>a</>b</p><p>c",
            "<p>a<!-- unclosed",
            "<p>a <b",
            "<svg><style><![CDATA[p{}]]></style></svg><p>x &amp; y",
        ];
        for html in pages {
            assert_eq!(
                outline(&parse(html)),
                outline(&parse_html5ever(html)),
                "on {html}"
            );
        }
    }

    #[test]
    fn known_names_are_found_by_number_and_others_are_not() {
        for &n in KNOWN_NAMES {
            let name = LolName::Hash(LocalNameHash::from(n));
            assert_eq!(known_name(&name), Some(local_name(n)), "{n}");
        }
        for n in ["x-custom", "blink", "spanx", "h7"] {
            let name = LolName::Hash(LocalNameHash::from(n));
            assert_eq!(known_name(&name), None, "{n}");
        }
    }

    #[test]
    fn short_and_long_scans_agree() {
        for len in 0..70 {
            for at in 0..=len {
                for special in ["&", "\r", "\0", "<", "<a", "</", "<!", "<?", "< ", "x"] {
                    // ASCII filler, then a mix with multi-byte characters.
                    let ascii = "y".repeat(len);
                    let mixed: String = (0..len)
                        .map(|i| ['y', '\u{e9}', '\u{2014}'][i % 3])
                        .collect();
                    for mut s in [ascii, mixed] {
                        let at = s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
                        s.insert_str(at, special);
                        let bytes = s.as_bytes();
                        assert_eq!(
                            has_special(&s),
                            memchr::memchr3(b'&', b'\r', b'\0', bytes).is_some(),
                            "{s:?}"
                        );
                        let markup = bytes.windows(2).any(|w| {
                            w[0] == b'<' && (w[1].is_ascii_alphabetic() || b"/!?".contains(&w[1]))
                        });
                        assert_eq!(has_markup(&s), markup, "{s:?}");
                        let raw = normalize_raw(&s, '\u{FFFD}');
                        assert_eq!(
                            matches!(raw, Cow::Borrowed(_)),
                            !s.contains(['\r', '\0']),
                            "{s:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn references_follow_the_spec_in_text_and_attributes() {
        let dom = parse(
            "<a href=\"/q?x=1&copy=2&amp;y\" title=\"&amp\">a &amp b &notit; &#x80; &#0;</a>",
        );
        let a = dom.element(1);
        assert_eq!(a.and_then(|e| e.attr("href")), Some("/q?x=1&copy=2&y"));
        assert_eq!(a.and_then(|e| e.attr("title")), Some("&"));
        assert_eq!(dom.collect_text(0), "a & b ¬it; € \u{FFFD}");
    }

    #[test]
    fn carriage_returns_and_nuls_are_normalised() {
        let dom = parse("<pre>a\r\nb\rc\0d</pre><p title=\"1\r\n2\0\">");
        assert_eq!(dom.text_of_node(2), Some("a\nb\ncd"));
        assert_eq!(
            dom.element(3).and_then(|e| e.attr("title")),
            Some("1\n2\u{FFFD}")
        );
    }

    #[test]
    fn first_of_duplicate_attributes_wins() {
        let dom = parse("<p class=a class=b>x</p>");
        assert_eq!(dom.element(1).and_then(|e| e.attr("class")), Some("a"));
        let many: String = (0..100)
            .map(|i| format!(" data-a{} title=x{i}", i % 7))
            .collect();
        let dom = parse(&format!("<p{many} class=first>x</p>"));
        let p = dom.element(1);
        assert_eq!(p.map(|e| e.attrs.len()), Some(2));
        assert_eq!(p.and_then(|e| e.attr("title")), Some("x0"));
        assert_eq!(p.and_then(|e| e.attr("class")), Some("first"));
    }

    #[test]
    fn only_the_attributes_read_later_are_kept() {
        for dom in [
            parse("<IMG SRC=a.jpg srcset=\"b 2x\" Data-Src=c.jpg width=9 onclick=f() alt=x>"),
            parse_html5ever(
                "<IMG SRC=a.jpg srcset=\"b 2x\" Data-Src=c.jpg width=9 onclick=f() alt=x>",
            ),
        ] {
            let img = dom.element(1);
            let names: Vec<&str> = img
                .map(|e| e.attrs.iter().map(|a| &*a.name.local).collect())
                .unwrap_or_default();
            assert_eq!(names, ["src", "data-src"]);
            assert_eq!(img.and_then(|e| e.attr("data-src")), Some("c.jpg"));
        }
    }

    /// Here the html5ever path differs: its tokenizer is told to read raw
    /// text after `<style/>` and never finds `</style>`.
    #[test]
    fn self_closed_raw_element_in_svg_does_not_swallow_the_page() {
        let dom = parse("<svg><style/><script/></svg><p>kept</p>");
        assert_eq!(dom.collect_text(0), "kept");
    }

    #[test]
    fn ambiguous_markup_is_not_an_error() {
        // lol_html's strict mode refuses this; the parser must not.
        let dom = parse("<select><script>x</script></select><p>after</p>");
        assert_eq!(dom.collect_text(0), "after");
    }

    #[test]
    fn an_end_tag_also_ends_the_elements_left_open_inside_it() {
        // lol_html pops `<span>` with `</div>`; the builder hears of both,
        // innermost first, so the text after them leaves the div.
        let dom = parse("<div><span>a</div>b");
        assert_eq!(dom.len(), 5);
        assert_eq!(dom.node(4).map(|n| n.depth), Some(1));
        // `</body>` ends what was left open in the body.
        let dom = parse("<body><div><p>x</body>y");
        let y = dom.len() as NodeId - 1;
        assert_eq!(dom.text_of_node(y), Some("y"));
        assert_eq!(dom.node(y).map(|n| n.depth), Some(2));
    }

    #[test]
    fn stray_end_tags_on_a_deep_stack_stay_cheap() {
        let html = "<div>".repeat(50_000) + &"</span>".repeat(50_000) + "x";
        let start = std::time::Instant::now();
        let dom = parse(&html);
        assert_eq!(dom.collect_text(0), "x");
        // Quadratic work here would take minutes in a debug build.
        assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
    }

    /// Here too the html5ever path differs: it reads a script in SVG as
    /// script data, where the spec (and lol_html) read foreign content, and
    /// it does not switch to plain text at `<plaintext>`.
    #[test]
    fn script_in_svg_is_foreign_content() {
        let dom =
            parse("<svg><script type=application/ld+json>{&quot;a&quot;:1}</script></svg><p>x");
        assert_eq!(dom.json_ld, vec!["{\"a\":1}".to_string()]);
        assert_eq!(dom.collect_text(0), "x");
        // And everything after `<plaintext>` is text, as it is.
        let dom = parse("<p>a &amp; b<plaintext><b>&amp;</b>");
        assert_eq!(dom.collect_text(0), "a & b<b>&amp;</b>");
    }

    #[test]
    fn stray_end_tags_are_harmless() {
        let dom = parse("</p></div>a</b><div>b</span>c</div>");
        assert_eq!(dom.collect_text(0), "abc");
    }
}

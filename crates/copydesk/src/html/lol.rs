//! The fast path: lol_html's spec tokenizer feeding the arena [`Builder`].
//!
//! lol_html streams start tags, end tags and text chunks several times faster
//! than html5ever's tokenizer. It hands text and attribute values over raw,
//! so character references are expanded here (with `htmlize`, which follows
//! the WHATWG rules, including legacy names without a semicolon and the
//! attribute-value exceptions), and carriage returns and NULs are normalised
//! the way the HTML input stream does.
//!
//! lol_html reports an end tag to the element it closes in its own stack of
//! open elements (nearest element of the same name). Those are exactly the
//! end tags the builder acts on, since the builder also closes the nearest
//! open element of that name. Stray end tags that close nothing are not
//! reported; the one the builder used to act on is `</br>`, which becomes a
//! `<br>` in the html5ever path and is dropped here.

use super::tree::{cap_input, parse_html5ever, Builder, Dom};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use lol_html::html_content::{Element, EndTag, TextChunk, TextType};
use lol_html::{DocumentContentHandlers, ElementContentHandlers, HtmlRewriter, Selector, Settings};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// Attribute lists longer than this are de-duplicated with a set, so a tag
/// with thousands of attributes stays linear.
const SMALL_ATTR_LIST: usize = 16;

/// The builder plus the text of a text node lol_html delivered in pieces.
struct State {
    builder: Builder,
    pending: String,
    pending_raw: bool,
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

    fn start(&mut self, el: &Element<'_, '_>, html: &str) -> Option<LocalName> {
        self.flush();
        let name = tag_name(el, html);
        let attrs = attributes(el, html);
        self.builder
            .start_tag(name.clone(), attrs, el.is_self_closing());
        el.can_have_content().then_some(name)
    }

    fn end(&mut self, name: &LocalName) {
        self.flush();
        self.builder.end_tag(name);
    }
}

/// The element's name, lower-cased, read in place from the source (the
/// start tag's bytes in `html`) so that no string is allocated for it;
/// lol_html's own copy when the source is not plain lower-case ASCII.
fn tag_name(el: &Element<'_, '_>, html: &str) -> LocalName {
    let source = html.get(el.source_location().bytes());
    let name = source
        .and_then(|tag| tag.strip_prefix('<'))
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
    match name {
        Some(n) => local_name(n),
        None => LocalName::from(el.tag_name()),
    }
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

/// The element's attributes as html5ever would give them: lower-case names,
/// values with character references expanded, first of duplicates kept.
/// Names and values are read in place from `html` (lol_html reports where
/// each one lies); lol_html's copies are used only where the source is not
/// plain lower-case or the position is unknown.
fn attributes(el: &Element<'_, '_>, html: &str) -> Vec<Attribute> {
    let src = el.attributes();
    let mut out: Vec<Attribute> = Vec::with_capacity(src.len());
    let mut seen: Option<HashSet<LocalName>> = None;
    for a in src {
        let name = match a
            .name_source_location()
            .and_then(|l| html.get(l.bytes()))
            .filter(|n| !n.bytes().any(|b| b.is_ascii_uppercase()))
        {
            Some(n) => local_name(n),
            None => LocalName::from(a.name()),
        };
        let dup = if src.len() <= SMALL_ATTR_LIST {
            out.iter().any(|o| o.name.local == name)
        } else {
            !seen.get_or_insert_with(HashSet::new).insert(name.clone())
        };
        if dup {
            continue;
        }
        let owned;
        let value = match a.value_source_location().and_then(|l| html.get(l.bytes())) {
            Some(v) => v,
            None => {
                owned = a.value();
                owned.as_str()
            }
        };
        let value = unescape_attribute(value);
        out.push(Attribute {
            name: QualName::new(None, ns!(), name),
            value: (*value).into(),
        });
    }
    out
}

/// Text outside attributes: CR/CRLF to LF, NULs dropped (as the tree
/// builder drops them in body text), character references expanded.
pub(crate) fn unescape_text(s: &str) -> Cow<'_, str> {
    if memchr::memchr3(b'&', b'\r', b'\0', s.as_bytes()).is_none() {
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
    if memchr::memchr3(b'&', b'\r', b'\0', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    match normalize_raw(s, '\u{FFFD}') {
        Cow::Borrowed(b) => htmlize::unescape_attribute(b),
        Cow::Owned(o) => Cow::Owned(htmlize::unescape_attribute(o.as_str()).into_owned()),
    }
}

/// CR and CRLF become LF; NUL becomes `nul` (`'\0'` means: drop it).
fn normalize_raw(s: &str, nul: char) -> Cow<'_, str> {
    if memchr::memchr2(b'\r', b'\0', s.as_bytes()).is_none() {
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
    match parse_lol(html) {
        Some(dom) => dom,
        None => parse_html5ever(html),
    }
}

fn parse_lol(html: &str) -> Option<Dom> {
    // Positions lol_html reports are offsets into what was written: the
    // whole of `html`, in one call.
    let state = Rc::new(RefCell::new(State {
        builder: Builder::new(),
        pending: String::new(),
        pending_raw: false,
    }));
    let all: Selector = "*".parse().ok()?;
    let on_element = {
        let state = Rc::clone(&state);
        move |el: &mut Element<'_, '_>| {
            let name = state.borrow_mut().start(el, html);
            if let Some(name) = name {
                let state = Rc::clone(&state);
                let on_end = move |_: &mut EndTag<'_>| {
                    state.borrow_mut().end(&name);
                    Ok(())
                };
                el.on_end_tag(Box::new(on_end))?;
            }
            Ok(())
        }
    };
    let on_text = {
        let state = Rc::clone(&state);
        move |t: &mut TextChunk<'_>| {
            state.borrow_mut().text(t);
            Ok(())
        }
    };
    let settings = Settings::new()
        .append_element_content_handler((
            Cow::Owned(all),
            ElementContentHandlers::default().element(on_element),
        ))
        .append_document_content_handler(DocumentContentHandlers::default().text(on_text))
        .with_strict(false);
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let ok = rewriter.write(html.as_bytes()).is_ok() && rewriter.end().is_ok();
    if !ok {
        return None;
    }
    let state = Rc::try_unwrap(state).ok()?.into_inner();
    let mut state = state;
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
                        out.push_str(&format!(" {}={:?}", &*a.name.local, &*a.value));
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
        let dom = parse("<pre>a\r\nb\rc\0d</pre><p x=\"1\r\n2\0\">");
        assert_eq!(dom.text_of_node(2), Some("a\nb\ncd"));
        assert_eq!(
            dom.element(3).and_then(|e| e.attr("x")),
            Some("1\n2\u{FFFD}")
        );
    }

    #[test]
    fn first_of_duplicate_attributes_wins() {
        let dom = parse("<p class=a class=b>x</p>");
        assert_eq!(dom.element(1).and_then(|e| e.attr("class")), Some("a"));
        let many: String = (0..100).map(|i| format!(" a{} c=x{i}", i % 7)).collect();
        let dom = parse(&format!("<p{many} class=first>x</p>"));
        let p = dom.element(1);
        assert_eq!(p.map(|e| e.attrs.len()), Some(9));
        assert_eq!(p.and_then(|e| e.attr("c")), Some("x0"));
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
    fn stray_end_tags_are_harmless() {
        let dom = parse("</p></div>a</b><div>b</span>c</div>");
        assert_eq!(dom.collect_text(0), "abc");
    }
}

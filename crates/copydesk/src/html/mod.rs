//! The tree: a compact arena DOM built from a spec tokenizer's events.
//!
//! A full html5ever tree builder costs more than the whole rest of the
//! pipeline, so copydesk keeps a conformant tokenizer (states, character
//! references, raw-text elements) and builds a light tree itself: one arena of
//! nodes in document order, text in one buffer, the common implied end tags
//! (`p`, `li`, `td`, headings...) and a depth cap so hostile nesting cannot
//! blow the stack. Script, style and similar subtrees never enter the tree;
//! JSON-LD scripts and the `<title>` are kept aside for metadata.
//!
//! [`parse`] drives the tree from lol_html's streaming tokenizer (several
//! times faster than html5ever's); [`parse_html5ever`] builds the same tree
//! from html5ever's tokenizer and is kept as the reference to compare with.

mod lol;
pub(crate) mod tree;

pub use lol::parse;
pub use tree::{
    parse_html5ever, Attr, AttrIter, AttrName, Attrs, Dom, Element, NodeId, NodeKind, MAX_DEPTH,
};

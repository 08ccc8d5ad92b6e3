//! The tree: a compact arena DOM built from html5ever's spec tokenizer.
//!
//! A full html5ever tree builder costs more than the whole rest of the
//! pipeline, so copydesk keeps the conformant tokenizer (states, character
//! references, raw-text elements) and builds a light tree itself: one arena of
//! nodes in document order, text in one buffer, the common implied end tags
//! (`p`, `li`, `td`, headings...) and a depth cap so hostile nesting cannot
//! blow the stack. Script, style and similar subtrees never enter the tree;
//! JSON-LD scripts and the `<title>` are kept aside for metadata.

pub(crate) mod tree;

pub use tree::{parse, Dom, Element, NodeId, NodeKind, MAX_DEPTH};

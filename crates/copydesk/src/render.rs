//! Renderers: the document as text, Markdown, HTML or JSON.
use copydesk_model::Document;

/// Body only, blocks separated by blank lines.
pub fn text(doc: &Document) -> String {
    doc.text.clone()
}

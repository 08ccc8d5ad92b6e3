//! The copydesk document model: the one structure that flows through every stage.
//!
//! Decoding, parsing, extraction, the plain-text path and analysis each fill
//! parts of a [`Document`]; front ends only render it. Field names are a
//! public contract (the JSON output): add fields, never rename them.
//!
//! ```
//! use copydesk_model::{Block, BlockKind, Document};
//! let mut doc = Document::default();
//! doc.blocks.push(Block::new(BlockKind::Paragraph, "Hello, world."));
//! doc.finish_text();
//! assert_eq!(doc.text, "Hello, world.");
//! ```

use serde::{Deserialize, Serialize};

/// A clean article: metadata, body blocks, figures and related links.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub title: Option<String>,
    /// Standfirst / dek / summary.
    pub description: Option<String>,
    pub authors: Vec<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    /// BCP 47 primary language subtag, e.g. `en`.
    pub language: Option<String>,
    pub url: Option<String>,
    pub image: Option<String>,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    /// The article body: blocks' text separated by blank lines.
    pub text: String,
    pub blocks: Vec<Block>,
    pub figures: Vec<Figure>,
    pub related: Vec<Link>,
    /// Quotes, entities and dates; present when analysis was asked for.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<Analysis>,
    /// What was dropped or moved out of the body, and why (`--explain`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removal>,
    /// Non-fatal problems met on the way (e.g. invalid UTF-8 replaced).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Document {
    /// Rebuilds [`Document::text`] from the blocks.
    pub fn finish_text(&mut self) {
        let mut text = String::new();
        for block in &self.blocks {
            let t = block.text.trim();
            if t.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(t);
        }
        self.text = text;
    }

    /// Whether anything article-like was found.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The kind of a body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    List,
    Quote,
    Table,
    Code,
}

/// One block of the article body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Plain text of the block; list items and table rows are separated by newlines.
    pub text: String,
    /// Heading level 1–6, for headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// Whether a list is numbered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
    /// List items, for lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Table cells row by row, for tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<String>>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
            level: None,
            ordered: None,
            items: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn heading(level: u8, text: impl Into<String>) -> Self {
        let mut b = Block::new(BlockKind::Heading, text);
        b.level = Some(level.clamp(1, 6));
        b
    }

    pub fn list(ordered: bool, items: Vec<String>) -> Self {
        let mut b = Block::new(BlockKind::List, items.join("\n"));
        b.ordered = Some(ordered);
        b.items = items;
        b
    }

    pub fn table(rows: Vec<Vec<String>>) -> Self {
        let text = rows
            .iter()
            .map(|r| r.join("\t"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut b = Block::new(BlockKind::Table, text);
        b.rows = rows;
        b
    }
}

/// An image or media item with its caption and credit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub src: Option<String>,
}

/// A related-story / "read more" link.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub text: String,
    pub url: Option<String>,
}

/// Why something left the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    /// The text that was dropped or moved (shortened when long).
    pub text: String,
    /// `dropped` or `moved` (to figures, related, title, description...).
    pub action: RemovalAction,
    /// A short machine-readable reason, e.g. `caption`, `share-bar`, `duplicate`.
    pub reason: String,
    /// Line number (1-based) in the input, for the plain-text path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RemovalAction {
    Dropped,
    Moved,
}

/// Results of text analysis: who said what, entities, dates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub quotes: Vec<Quote>,
    pub entities: Vec<Entity>,
    pub dates: Vec<DateMention>,
}

/// A span of the analysed text; offsets are Unicode scalar (char) offsets, end exclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Verbatim (in quotation marks) rather than reported speech.
    pub direct: bool,
    /// Canonical speaker name, e.g. "Antony Blinken".
    pub speaker: Option<String>,
    /// The speaker as written at this quote: "He", "Lavrov".
    pub speaker_mention: Option<Mention>,
    /// The cue: "said", "told reporters", "according to", ":" ...
    pub cue: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// E.g. "US Secretary of State".
    pub role: Option<String>,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// ISO day (`2022-01-21`) or range (`2022-01-24/2022-01-30`) when resolvable.
    pub value: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_joins_blocks_with_blank_lines_and_skips_empty() {
        let mut d = Document::default();
        d.blocks.push(Block::heading(2, "Head"));
        d.blocks.push(Block::new(BlockKind::Paragraph, "  "));
        d.blocks.push(Block::new(BlockKind::Paragraph, "Body."));
        d.finish_text();
        assert_eq!(d.text, "Head\n\nBody.");
    }

    #[test]
    fn analysis_is_flattened_into_the_document_json() {
        let mut d = Document {
            analysis: Some(Analysis::default()),
            ..Default::default()
        };
        let v = serde_json::to_value(&d).unwrap_or_default();
        assert_eq!(v["quotes"], serde_json::json!([]));
        d.analysis = None;
        let v = serde_json::to_value(&d).unwrap_or_default();
        assert!(v.get("quotes").is_none());
        assert_eq!(v["text"], "");
    }
}

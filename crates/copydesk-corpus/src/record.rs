//! One input record, as the readers hand it to the pipeline.

use copydesk::InputKind;
use std::fs::File;
use std::sync::Arc;

/// A page to extract, or the reason it could not be read.
#[derive(Debug, Clone)]
pub struct Record {
    /// Stable identifier: the file path, the WARC-Record-ID, the JSONL `id`.
    pub id: String,
    /// Where it came from: `path`, `file.warc.gz#offset` or `file.jsonl:line`.
    pub source: String,
    /// The address the page was fetched from, when the input says.
    pub url: Option<String>,
    pub payload: Payload,
}

/// What a record carries.
#[derive(Debug, Clone)]
pub enum Payload {
    /// Raw page bytes (possibly gzipped; the core gunzips).
    Page {
        /// The page is `bytes[offset..]` (a WARC response's HTTP header
        /// comes first, and is left in place rather than moved out).
        bytes: Vec<u8>,
        offset: usize,
        input: InputKind,
        /// Charset label from transport (an HTTP `Content-Type`).
        http_charset: Option<String>,
    },
    /// The record could not be read; it becomes an error entry.
    Error(RecordError),
}

/// Why a record could not be read. `kind` is short and stable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub kind: &'static str,
    pub message: String,
}

impl RecordError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        RecordError {
            kind,
            message: message.into(),
        }
    }

    /// An I/O error while reading an input: `truncated` for an early end,
    /// `io` otherwise.
    pub fn from_io(e: &std::io::Error) -> Self {
        let kind = match e.kind() {
            std::io::ErrorKind::UnexpectedEof => "truncated",
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => "corrupt",
            _ => "io",
        };
        RecordError::new(kind, e.to_string())
    }
}

impl Record {
    pub fn error(id: String, source: String, err: RecordError) -> Self {
        Record {
            id,
            source,
            url: None,
            payload: Payload::Error(err),
        }
    }

    /// Size of the payload in bytes (0 for errors).
    pub fn len(&self) -> usize {
        match &self.payload {
            Payload::Page { bytes, offset, .. } => bytes.len().saturating_sub(*offset),
            Payload::Error(_) => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a reader hands the pipeline: a record, or a note that something
/// in the input was passed over on purpose.
#[derive(Debug)]
pub enum Item {
    Record(Record),
    /// A WARC record that is not an HTML page (request, metadata, image…);
    /// counted by reason, no output line.
    Skipped(&'static str),
    /// A run of gzip members of a WARC.gz file, for a worker to inflate
    /// and read (only pushed to sinks whose [`Sink::split_members`] is true).
    Members(Members),
}

/// A run of gzip members of a WARC.gz file: the members that begin at
/// `start` and before `end`. `start` and `end` are where a byte scan saw a
/// gzip header; the scan can be fooled by compressed bytes that look like
/// one, so the worker reads whole members from `start` on, the last one
/// past `end` if need be, and reports where it stopped (see
/// [`crate::warc::read_members`]).
#[derive(Debug, Clone)]
pub struct Members {
    pub file: Arc<File>,
    /// The path as given.
    pub shown: Arc<str>,
    pub start: u64,
    pub end: u64,
}

/// Whether the reader should go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// Opens `path`; when it cannot be opened, pushes an error record for it
/// (id and source: `shown`) and gives back the reader's next step instead.
pub fn open_or_report(
    path: &std::path::Path,
    shown: &str,
    sink: &mut dyn Sink,
) -> Result<File, Flow> {
    File::open(path).map_err(|e| {
        let rec = Record::error(
            shown.to_string(),
            shown.to_string(),
            RecordError::from_io(&e),
        );
        sink.push(Item::Record(rec))
    })
}

/// Where readers push what they read.
pub trait Sink {
    /// Whether a record with this id is already in the output (`--resume`):
    /// the reader then need not read its payload.
    fn is_done(&self, id: &str) -> bool;
    fn push(&mut self, item: Item) -> Flow;
    /// A record passed over because it is already in the output.
    fn resumed(&mut self) -> Flow;
    /// Whether WARC.gz files should be handed over as [`Item::Members`]
    /// runs (inflated by whoever processes them) rather than read here.
    fn split_members(&self) -> bool {
        false
    }
}

//! copydesk at corpus scale: folders of pages, WARC / WARC.gz files and
//! JSONL record files in; one JSON line per record out, in input order.
//!
//! Every record read gives exactly one output line: an article
//! (`{"id","source","url","duplicate_of","article"}`), an error entry
//! (`{"id","source","error":{"kind","message"}}`) or, with a language
//! filter, `{"id","source","url","skipped":"language","language"}`. WARC
//! records that are not HTML pages (requests, metadata, warcinfo, revisits,
//! non-HTML or non-2xx responses) are not records in this sense: they are
//! counted in [`Summary::skipped`] and give no line.
//!
//! See [`pipeline::run`].

pub mod dedup;
pub mod io;
pub mod pipeline;
pub mod record;
pub mod sources;
pub mod warc;

pub use pipeline::{
    open_resume, run, thread_cpu, Config, CorpusError, Inputs, Output, Resume, StageCpu, Summary,
};
pub use record::{Record, RecordError};

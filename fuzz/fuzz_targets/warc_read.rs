//! Fuzzes the WARC / WARC.gz reader: any file contents (plain, gzipped a
//! record a member, truncated or damaged) must give records and error
//! entries, never a panic or a hang. The WARC.gz file is read both ways the
//! batch reads it (inflated in order, and cut into member runs by the gzip
//! header scan then inflated run by run), and the two must agree.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use copydesk_corpus::record::{Flow, Item, Payload, Sink};
use copydesk_corpus::warc;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

#[derive(Default)]
struct Collect {
    split: bool,
    /// (source, payload length or error kind) of every record, in order.
    seen: Vec<(String, String)>,
    skipped: usize,
    runs: Vec<copydesk_corpus::record::Members>,
}

impl Sink for Collect {
    fn is_done(&self, _id: &str) -> bool {
        false
    }
    fn push(&mut self, item: Item) -> Flow {
        match item {
            Item::Record(r) => {
                let what = match &r.payload {
                    Payload::Page { bytes, offset, .. } => {
                        assert!(*offset <= bytes.len(), "offset past the block");
                        format!("page {}", bytes.len() - offset)
                    }
                    Payload::Error(e) => format!("error {}", e.kind),
                };
                self.seen.push((r.source, what));
            }
            Item::Skipped(_) => self.skipped += 1,
            Item::Members(m) => {
                assert!(
                    self.split,
                    "member runs pushed to a sink that reads them itself"
                );
                assert!(m.start < m.end, "empty member run");
                self.runs.push(m);
            }
        }
        Flow::Continue
    }
    fn resumed(&mut self) -> Flow {
        Flow::Continue
    }
    fn split_members(&self) -> bool {
        self.split
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let damage = rest.first().copied().unwrap_or(0);
    let (bytes, gz) = common::shape(mode, damage, rest, b"WARC/");
    // A small limit now and then, so the too-large path is taken.
    let max = if mode & 8 == 8 { 64 } else { 1 << 20 };
    let dir = DIR.get_or_init(|| common::scratch("warc_read"));
    let path = dir.join(if gz { "in.warc.gz" } else { "in.warc" });
    std::fs::write(&path, &bytes).expect("scratch write");

    let mut whole = Collect::default();
    assert_eq!(
        warc::read_file(&path, "in", gz, max, &mut whole),
        Flow::Continue
    );
    assert!(whole.runs.is_empty());
    if !gz {
        return;
    }
    // As the batch does it: member runs found by the header scan.
    let mut split = Collect {
        split: true,
        ..Collect::default()
    };
    assert_eq!(
        warc::read_file(&path, "in", gz, max, &mut split),
        Flow::Continue
    );
    // A file named .gz that is not gzip is read in place, in either mode.
    let mut from_runs = Collect {
        seen: std::mem::take(&mut split.seen),
        skipped: split.skipped,
        ..Collect::default()
    };
    let mut next = 0u64;
    let mut chained = true;
    for m in &split.runs {
        if m.start != next {
            chained = false; // the batch's writer rereads from `next` then
            break;
        }
        let end = warc::read_members(m, max, &mut from_runs);
        assert!(end.reached >= m.start);
        if end.broken {
            break;
        }
        next = end.reached;
    }
    if chained {
        assert_eq!(from_runs.seen, whole.seen);
        assert_eq!(from_runs.skipped, whole.skipped);
    }
});

//! Fuzzes the JSONL record reader (plain and gzipped, truncated, damaged)
//! and the `--resume` reader of an existing output file: never a panic or
//! a hang; a plain JSONL file gives exactly one record per non-blank line;
//! a resumed output is cut back to whole lines only.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use copydesk_corpus::record::{Flow, Item, Payload, Sink};
use copydesk_corpus::{open_resume, sources};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

struct Collect {
    shown: String,
    records: usize,
}

impl Sink for Collect {
    fn is_done(&self, _id: &str) -> bool {
        false
    }
    fn push(&mut self, item: Item) -> Flow {
        match item {
            Item::Record(r) => {
                if let Payload::Page { bytes, offset, .. } = &r.payload {
                    assert_eq!(*offset, 0);
                    assert!(!bytes.is_empty() || r.len() == 0);
                }
                assert!(r.source.starts_with(&self.shown));
                self.records += 1;
            }
            Item::Skipped(_) | Item::Members(_) => panic!("a JSONL file gave a non-record"),
        }
        Flow::Continue
    }
    fn resumed(&mut self) -> Flow {
        Flow::Continue
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let damage = rest.first().copied().unwrap_or(0);
    let (bytes, gz) = common::shape(mode, damage, rest, b"\n");
    let max = if mode & 8 == 8 { 16 } else { 1 << 20 };
    let dir = DIR.get_or_init(|| common::scratch("jsonl_read"));
    let name = if gz { "in.jsonl.gz" } else { "in.jsonl" };
    let path = dir.join(name);
    std::fs::write(&path, &bytes).expect("scratch write");
    let mut sink = Collect {
        shown: path.display().to_string(),
        records: 0,
    };
    assert_eq!(sources::read_path(&path, max, &mut sink), Flow::Continue);
    if !gz {
        let lines = rest
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .count();
        assert_eq!(sink.records, lines, "records in != records read");
    }

    // The same bytes as an output file to resume.
    let out = dir.join("out.jsonl");
    std::fs::write(&out, rest).expect("scratch write");
    let dedup = mode & 16 == 16;
    if let Ok((_output, resume)) = open_resume(&out, dedup) {
        let kept = std::fs::read(&out).expect("read back");
        assert!(rest.starts_with(&kept), "resume changed the kept lines");
        assert!(kept.is_empty() || kept.ends_with(b"\n"));
        assert!(resume.done.len() <= kept.iter().filter(|&&b| b == b'\n').count());
    }
});

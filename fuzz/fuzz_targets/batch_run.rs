//! Fuzzes a whole batch (`copydesk batch`): one fuzzed input file (a page,
//! a text file, a WARC, a WARC.gz or a JSONL file) through the pipeline
//! with one worker, duplicates and a language filter now and then. Never a
//! panic or a hang; the output is valid JSONL with one line per record.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use copydesk_corpus::{run, Config, Inputs, Output, Resume};
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock};

static DIR: OnceLock<PathBuf> = OnceLock::new();

#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let damage = rest.first().copied().unwrap_or(0);
    let dir = DIR.get_or_init(|| common::scratch("batch_run"));
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("scratch");
    let (name, marker, gz_mode) = match (mode >> 2) & 3 {
        0 => ("page.html", &b"<"[..], 0),
        1 => ("page.txt", &b"\n"[..], 0),
        2 => ("in.warc", &b"WARC/"[..], mode & 3),
        _ => ("in.jsonl", &b"\n"[..], mode & 3),
    };
    let (bytes, gz) = common::shape(gz_mode, damage, rest, marker);
    let name = if gz {
        format!("{name}.gz")
    } else {
        name.to_string()
    };
    std::fs::write(dir.join(&name), &bytes).expect("scratch write");

    let cfg = Config {
        jobs: 1,
        max_record_bytes: if mode & 16 == 16 { 256 } else { 1 << 20 },
        dedup: mode & 32 == 0,
        languages: (mode & 64 == 64).then(|| vec!["en".to_string()]),
        ..Config::default()
    };
    let out = Shared::default();
    let stop = AtomicBool::new(false);
    // The folder, so the walk and the name-based formats are taken too.
    let summary = run(
        Inputs::Paths(vec![dir.clone()]),
        Output::Writer(Box::new(out.clone())),
        &cfg,
        Resume::default(),
        &stop,
        &mut |_| {},
    )
    .expect("an in-memory output never fails");
    let written = out.0.lock().expect("lock").clone();
    assert!(written.is_empty() || written.ends_with(b"\n"));
    let mut lines = 0u64;
    for line in written.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: serde_json::Value = serde_json::from_slice(line).expect("a JSON line");
        assert!(v.get("id").is_some_and(|i| i.is_string()));
        assert!(v.get("source").is_some_and(|s| s.is_string()));
        assert!(
            v.get("article").is_some() || v.get("error").is_some() || v.get("skipped").is_some()
        );
        lines += 1;
    }
    assert_eq!(lines, summary.records, "records read != lines written");
});

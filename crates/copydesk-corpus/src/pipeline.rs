//! The ordered pipeline: read records in chunks, extract each chunk in
//! parallel, then deduplicate and write in input order.
//!
//! Three stages on three threads, joined by channels that hold at most one
//! chunk each, so at most four chunks are in memory whatever the corpus
//! size: the reader (files, WARC, JSONL → chunks of records), the
//! extractor (a rayon pool of `jobs` threads over one chunk at a time) and
//! the writer. Everything costly per record happens in the extractor's
//! workers: extraction, language, the MinHash fingerprint and its band
//! keys, and the JSON line itself (written up to the `duplicate_of` value
//! and after it). The single ordered writer only looks the article up in
//! the duplicate index, splices in `duplicate_of` and writes bytes.

use crate::dedup::{self, DupKind, Index, Prepared};
use crate::record::{Flow, Item, Payload, Record, Sink};
use crate::sources;
use copydesk::Options;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};

/// Fatal errors: the batch stops (record-level problems are error entries).
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("writing the output: {0}")]
    Write(#[source] io::Error),
    #[error("reading {path} to resume: {source}")]
    Resume {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("opening {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("starting the worker threads: {0}")]
    Threads(String),
}

/// Batch settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Extraction threads.
    pub jobs: usize,
    /// Larger records become `too-large` error entries.
    pub max_record_bytes: usize,
    /// Detect duplicates.
    pub dedup: bool,
    /// Jaccard similarity at and above which an article is a near duplicate.
    pub near_dup_threshold: f64,
    /// Keep only articles in these languages (ISO 639-1); others get a
    /// `"skipped": "language"` line.
    pub languages: Option<Vec<String>>,
    /// Records per chunk.
    pub chunk_records: usize,
    /// Payload bytes per chunk (a chunk ends at whichever comes first).
    pub chunk_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            jobs: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            max_record_bytes: 50 << 20,
            dedup: true,
            near_dup_threshold: dedup::DEFAULT_THRESHOLD,
            languages: None,
            chunk_records: 256,
            chunk_bytes: 64 << 20,
        }
    }
}

/// What to read.
pub enum Inputs {
    /// Files and folders.
    Paths(Vec<PathBuf>),
    /// A stream of paths (`--files-from`), read lazily.
    List(Box<dyn Iterator<Item = PathBuf> + Send>),
}

/// Where to write.
pub enum Output {
    /// A file: on a write error it is cut back to its last whole line.
    File { file: File, len: u64 },
    /// Any writer (standard output, a buffer in tests).
    Writer(Box<dyn Write + Send>),
}

impl Output {
    /// Creates (truncates) `path`.
    pub fn create(path: &Path) -> Result<Output, CorpusError> {
        let file = File::create(path).map_err(|source| CorpusError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Output::File { file, len: 0 })
    }

    fn write_chunk(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::File { file, len } => match file.write_all(buf) {
                Ok(()) => {
                    *len += buf.len() as u64;
                    Ok(())
                }
                Err(e) => {
                    // Keep the output valid JSONL: drop a partly written chunk.
                    let _ = file.set_len(*len);
                    let _ = file.seek(SeekFrom::Start(*len));
                    Err(e)
                }
            },
            Output::Writer(w) => w.write_all(buf).and_then(|()| w.flush()),
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        match self {
            Output::File { file, .. } => file.flush(),
            Output::Writer(w) => w.flush(),
        }
    }
}

/// Counts, for the summary and progress.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Records read, i.e. lines written.
    pub records: u64,
    /// Article lines with a non-empty body.
    pub articles: u64,
    /// Article lines whose body is empty.
    pub empty: u64,
    /// Error entries by kind.
    pub errors: BTreeMap<String, u64>,
    pub exact_duplicates: u64,
    pub near_duplicates: u64,
    /// Records with a `"skipped": "language"` line.
    pub filtered_language: u64,
    /// Input records passed over without a line (non-HTML WARC records), by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Records already in the output (`--resume`), passed over.
    pub resumed: u64,
    /// Payload bytes read.
    pub bytes: u64,
    pub elapsed: Duration,
    /// Stopped early by the stop flag (Ctrl-C).
    pub interrupted: bool,
    /// CPU time of each stage (Linux; `None` elsewhere): the reader thread,
    /// all extraction workers together, the ordered writer thread.
    pub cpu: StageCpu,
    /// Heap bytes held by the duplicate index at the end.
    pub index_bytes: u64,
}

/// CPU time per pipeline stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageCpu {
    pub read: Option<Duration>,
    pub extract: Option<Duration>,
    pub write: Option<Duration>,
}

/// CPU time the calling thread has run (from `/proc/thread-self/schedstat`).
pub fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

impl Summary {
    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    pub fn duplicates(&self) -> u64 {
        self.exact_duplicates + self.near_duplicates
    }

    pub fn pages_per_sec(&self) -> f64 {
        self.records as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// A few lines for people.
    pub fn report(&self) -> String {
        let mut s = format!(
            "records {}  articles {}  empty {}  errors {}  duplicates {} ({} exact, {} near)",
            self.records,
            self.articles,
            self.empty,
            self.error_count(),
            self.duplicates(),
            self.exact_duplicates,
            self.near_duplicates,
        );
        if self.filtered_language > 0 {
            s.push_str(&format!("  language-filtered {}", self.filtered_language));
        }
        if !self.errors.is_empty() {
            let kinds: Vec<String> = self
                .errors
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            s.push_str(&format!("\nerrors by kind: {}", kinds.join(", ")));
        }
        let skipped: u64 = self.skipped.values().sum();
        if skipped > 0 {
            let kinds: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            s.push_str(&format!(
                "\nskipped {skipped} (no line): {}",
                kinds.join(", ")
            ));
        }
        if self.resumed > 0 {
            s.push_str(&format!(
                "\nalready in the output (resume): {}",
                self.resumed
            ));
        }
        s.push_str(&format!(
            "\n{:.1} s, {:.1} pages/s, {:.2} MB/s",
            self.elapsed.as_secs_f64(),
            self.pages_per_sec(),
            self.mb_per_sec()
        ));
        if self.interrupted {
            s.push_str("\ninterrupted: the output holds every record read before the stop");
        }
        s
    }
}

/// What `--resume` learned from an existing output.
pub struct Resume {
    pub done: HashSet<String>,
    /// The first-seen articles already written (threshold set by [`run`]).
    index: Index,
}

impl Default for Resume {
    fn default() -> Self {
        Resume {
            done: HashSet::new(),
            index: Index::new(dedup::DEFAULT_THRESHOLD),
        }
    }
}

/// Opens `path` for appending after a stopped run: cuts a partly written
/// last line, collects the ids already there and the first-seen articles
/// (so `duplicate_of` keeps naming them).
pub fn open_resume(path: &Path, dedup: bool) -> Result<(Output, Resume), CorpusError> {
    let err = |source| CorpusError::Resume {
        path: path.to_path_buf(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(err)?;
    let mut resume = Resume::default();
    let mut good_len = 0u64;
    {
        let mut r = BufReader::new(&mut file);
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = r.read_until(b'\n', &mut line).map_err(err)?;
            if n == 0 || !line.ends_with(b"\n") {
                break;
            }
            good_len += n as u64;
            let Ok(v) = serde_json::from_slice::<serde_json::Value>(&line) else {
                continue;
            };
            let Some(id) = v.get("id").and_then(|i| i.as_str()) else {
                continue;
            };
            let first_seen = v.get("duplicate_of").is_some_and(|d| d.is_null());
            if let (true, true, Some(text)) = (
                dedup,
                first_seen,
                v.get("article")
                    .and_then(|a| a.get("text"))
                    .and_then(|t| t.as_str()),
            ) {
                if !text.trim().is_empty() {
                    resume.index.check_and_insert(id, &dedup::fingerprint(text));
                }
            }
            resume.done.insert(id.to_string());
        }
    }
    file.set_len(good_len).map_err(err)?;
    file.seek(SeekFrom::Start(good_len)).map_err(err)?;
    Ok((
        Output::File {
            file,
            len: good_len,
        },
        resume,
    ))
}

/// One chunk from the reader.
#[derive(Default)]
struct Chunk {
    records: Vec<Record>,
    skipped: BTreeMap<&'static str, u64>,
    resumed: u64,
}

/// One record after extraction: its output line, ready but for
/// `duplicate_of`.
struct Done {
    id: String,
    bytes: usize,
    outcome: Outcome,
}

enum Outcome {
    /// A whole error line.
    Error { kind: String, line: Vec<u8> },
    /// A whole `"skipped": "language"` line.
    Filtered { line: Vec<u8> },
    /// `head` + the `duplicate_of` value + `tail` is the line.
    Article {
        head: Vec<u8>,
        tail: Vec<u8>,
        empty: bool,
        prepared: Option<Prepared>,
    },
}

struct ChunkSink<'a> {
    tx: SyncSender<Chunk>,
    chunk: Chunk,
    chunk_bytes: usize,
    cfg: &'a Config,
    done: &'a HashSet<String>,
    stop: &'a AtomicBool,
}

impl ChunkSink<'_> {
    fn maybe_send(&mut self) -> Flow {
        if self.stop.load(Ordering::Relaxed) {
            return Flow::Stop;
        }
        if self.chunk.records.len() >= self.cfg.chunk_records
            || self.chunk_bytes >= self.cfg.chunk_bytes
        {
            return self.send();
        }
        Flow::Continue
    }

    fn send(&mut self) -> Flow {
        let chunk = std::mem::take(&mut self.chunk);
        self.chunk_bytes = 0;
        match self.tx.send(chunk) {
            Ok(()) => Flow::Continue,
            Err(_) => Flow::Stop,
        }
    }
}

impl Sink for ChunkSink<'_> {
    fn is_done(&self, id: &str) -> bool {
        self.done.contains(id)
    }

    fn push(&mut self, item: Item) -> Flow {
        match item {
            // Readers check ids before reading payloads; this catches the
            // rest (error entries) so a resumed run never repeats a line.
            Item::Record(r) if self.done.contains(&r.id) => self.chunk.resumed += 1,
            Item::Record(r) => {
                self.chunk_bytes += r.len();
                self.chunk.records.push(r);
            }
            Item::Skipped(reason) => *self.chunk.skipped.entry(reason).or_default() += 1,
        }
        self.maybe_send()
    }

    fn resumed(&mut self) -> Flow {
        self.chunk.resumed += 1;
        self.maybe_send()
    }
}

/// Runs a batch. `progress` is called after each chunk is written; `stop`
/// ends reading (the chunks already read are still written).
pub fn run(
    inputs: Inputs,
    mut output: Output,
    cfg: &Config,
    resume: Resume,
    stop: &AtomicBool,
    progress: &mut (dyn FnMut(&Summary) + Send),
) -> Result<Summary, CorpusError> {
    let start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs.max(1))
        .thread_name(|i| format!("copydesk-extract-{i}"))
        .build()
        .map_err(|e| CorpusError::Threads(e.to_string()))?;
    let Resume { done, mut index } = resume;
    index.set_threshold(cfg.near_dup_threshold);
    let (read_tx, read_rx) = sync_channel::<Chunk>(1);
    let (done_tx, done_rx) = sync_channel::<(Vec<Done>, Chunk)>(1);
    let max = cfg.max_record_bytes;

    std::thread::scope(|scope| {
        let done_ref = &done;
        let reader = std::thread::Builder::new()
            .name("copydesk-read".into())
            .spawn_scoped(scope, move || {
                let mut sink = ChunkSink {
                    tx: read_tx,
                    chunk: Chunk::default(),
                    chunk_bytes: 0,
                    cfg,
                    done: done_ref,
                    stop,
                };
                let flow = match inputs {
                    Inputs::Paths(paths) => sources::read_paths(paths, max, &mut sink),
                    Inputs::List(list) => sources::read_paths(list, max, &mut sink),
                };
                let _ = flow;
                // Whatever was read before a stop is still written.
                sink.send();
                thread_cpu()
            })
            .map_err(|e| CorpusError::Threads(e.to_string()))?;

        let writer = std::thread::Builder::new()
            .name("copydesk-write".into())
            .spawn_scoped(scope, move || {
                write_stage(done_rx, &mut output, &mut index, cfg, start, progress)
            })
            .map_err(|e| CorpusError::Threads(e.to_string()))?;

        // The extraction stage, on this thread.
        for mut chunk in read_rx.iter() {
            let records = std::mem::take(&mut chunk.records);
            let done: Vec<Done> =
                pool.install(|| records.into_par_iter().map(|r| process(r, cfg)).collect());
            if done_tx.send((done, chunk)).is_err() {
                break; // the writer failed; it reports why
            }
        }
        drop(done_tx);
        let read_cpu = reader.join().ok().flatten();
        let extract_cpu = pool
            .broadcast(|_| thread_cpu())
            .into_iter()
            .try_fold(Duration::ZERO, |sum, t| t.map(|t| sum + t));
        match writer.join() {
            Ok(r) => r.map(|mut s| {
                s.cpu.read = read_cpu;
                s.cpu.extract = extract_cpu;
                s
            }),
            Err(_) => Err(CorpusError::Threads("the writer thread panicked".into())),
        }
    })
    .map(|mut s| {
        s.interrupted = stop.load(Ordering::Relaxed);
        s.elapsed = start.elapsed();
        s
    })
}

fn write_stage(
    rx: Receiver<(Vec<Done>, Chunk)>,
    output: &mut Output,
    index: &mut Index,
    cfg: &Config,
    start: Instant,
    progress: &mut (dyn FnMut(&Summary) + Send),
) -> Result<Summary, CorpusError> {
    let mut summary = Summary::default();
    let mut buf = Vec::with_capacity(1 << 20);
    for (done, chunk) in rx.iter() {
        buf.clear();
        for (reason, n) in &chunk.skipped {
            *summary.skipped.entry(reason.to_string()).or_default() += n;
        }
        summary.resumed += chunk.resumed;
        for d in done {
            summary.records += 1;
            summary.bytes += d.bytes as u64;
            match d.outcome {
                Outcome::Error { kind, line } => {
                    buf.extend_from_slice(&line);
                    *summary.errors.entry(kind).or_default() += 1;
                }
                Outcome::Filtered { line } => {
                    summary.filtered_language += 1;
                    buf.extend_from_slice(&line);
                }
                Outcome::Article {
                    head,
                    tail,
                    empty,
                    prepared,
                } => {
                    let dup = match (&prepared, cfg.dedup, empty) {
                        (Some(p), true, false) => index.check_and_insert_prepared(&d.id, p),
                        _ => None,
                    };
                    if empty {
                        summary.empty += 1;
                    } else {
                        summary.articles += 1;
                    }
                    buf.extend_from_slice(&head);
                    match dup {
                        Some((id, kind)) => {
                            match kind {
                                DupKind::Exact => summary.exact_duplicates += 1,
                                DupKind::Near => summary.near_duplicates += 1,
                            }
                            push_json_str(&mut buf, &id);
                        }
                        None => buf.extend_from_slice(b"null"),
                    }
                    buf.extend_from_slice(&tail);
                }
            }
        }
        output.write_chunk(&buf).map_err(CorpusError::Write)?;
        summary.elapsed = start.elapsed();
        progress(&summary);
    }
    output.finish().map_err(CorpusError::Write)?;
    summary.index_bytes = index.heap_bytes() as u64;
    summary.cpu.write = thread_cpu();
    Ok(summary)
}

/// Appends `s` as a JSON string.
fn push_json_str(buf: &mut Vec<u8>, s: &str) {
    // Writing a str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *buf, s);
}

/// `{"id":…,"source":…` (no closing brace).
fn line_start(id: &str, source: &str, capacity: usize) -> Vec<u8> {
    let mut line = Vec::with_capacity(capacity + id.len() + source.len() + 32);
    line.extend_from_slice(b"{\"id\":");
    push_json_str(&mut line, id);
    line.extend_from_slice(b",\"source\":");
    push_json_str(&mut line, source);
    line
}

fn push_opt_str(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_json_str(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

fn error_outcome(id: &str, source: &str, kind: String, message: &str) -> Outcome {
    let mut line = line_start(id, source, message.len() + kind.len() + 32);
    line.extend_from_slice(b",\"error\":{\"kind\":");
    push_json_str(&mut line, &kind);
    line.extend_from_slice(b",\"message\":");
    push_json_str(&mut line, message);
    line.extend_from_slice(b"}}\n");
    Outcome::Error { kind, line }
}

/// Extracts one record and writes its line; never panics (a panic in the
/// extractor becomes an error entry of kind `panic`).
fn process(record: Record, cfg: &Config) -> Done {
    let Record {
        id,
        source,
        url,
        payload,
    } = record;
    let (bytes, input, http_charset) = match payload {
        Payload::Error(e) => {
            let outcome = error_outcome(&id, &source, e.kind.to_string(), &e.message);
            return Done {
                id,
                bytes: 0,
                outcome,
            };
        }
        Payload::Page {
            bytes,
            input,
            http_charset,
        } => (bytes, input, http_charset),
    };
    let size = bytes.len();
    let opts = Options {
        url: url.clone(),
        input,
        explain: false,
        http_charset,
        max_bytes: cfg.max_record_bytes,
        ..Options::default()
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        copydesk::extract(&bytes, &opts)
    }));
    drop(bytes);
    let outcome = match result {
        Err(_) => error_outcome(
            &id,
            &source,
            "panic".to_string(),
            "the extractor panicked on this record",
        ),
        Ok(Err(e)) => error_outcome(&id, &source, e.kind().to_string(), &e.to_string()),
        Ok(Ok(doc)) => {
            // `doc.language` is the declared language or, failing one, the
            // detected one (`copydesk::metadata::lang::decide`).
            let url = url.or_else(|| doc.url.clone());
            let keep = match &cfg.languages {
                None => true,
                Some(list) => doc
                    .language
                    .as_deref()
                    .is_some_and(|l| list.iter().any(|k| k.eq_ignore_ascii_case(l))),
            };
            if !keep {
                let mut line = line_start(&id, &source, 64);
                line.extend_from_slice(b",\"url\":");
                push_opt_str(&mut line, url.as_deref());
                line.extend_from_slice(b",\"skipped\":\"language\",\"language\":");
                push_opt_str(&mut line, doc.language.as_deref());
                line.extend_from_slice(b"}\n");
                Outcome::Filtered { line }
            } else {
                let empty = doc.is_empty();
                let prepared =
                    (cfg.dedup && !empty).then(|| Prepared::new(&dedup::fingerprint(&doc.text)));
                let mut tail = Vec::with_capacity(doc.text.len() * 2 + 1024);
                tail.extend_from_slice(b",\"article\":");
                match serde_json::to_writer(&mut tail, &doc) {
                    Ok(()) => {
                        tail.extend_from_slice(b"}\n");
                        let mut head = line_start(&id, &source, 32);
                        head.extend_from_slice(b",\"url\":");
                        push_opt_str(&mut head, url.as_deref());
                        head.extend_from_slice(b",\"duplicate_of\":");
                        Outcome::Article {
                            head,
                            tail,
                            empty,
                            prepared,
                        }
                    }
                    Err(e) => error_outcome(&id, &source, "serialize".to_string(), &e.to_string()),
                }
            }
        }
    };
    Done {
        id,
        bytes: size,
        outcome,
    }
}

//! The ordered pipeline: read, extract in parallel, then deduplicate and
//! write in input order.
//!
//! One reader thread cuts the input into units of work: a record (a page
//! file, a JSONL line, a plain WARC record) or, for WARC.gz, a run of gzip
//! members found by a byte scan for gzip headers, so that inflating, like
//! everything else costly, happens in the workers. `jobs` workers (the
//! calling thread and `jobs - 1` spawned threads) take units as they come
//! (no batch barrier): inflate and parse member runs, extract each record
//! as it is read, detect the language, compute the MinHash band keys and
//! write each JSON line up to its `duplicate_of` value and after it. The
//! ordered writer puts the results back in input order, looks each
//! article up in the duplicate index, splices in `duplicate_of` and writes
//! bytes. A window bounds the units between the reader and the writer (by
//! count and by payload bytes), so memory does not grow with the corpus
//! however uneven the records are.
//!
//! A byte scan can take compressed bytes for a gzip header. The writer
//! therefore checks that each member run begins where the one before it
//! ended (a worker reads its last member to its end, even past the run);
//! when not, the run's result is dropped and the writer reads the members
//! from the true boundary itself (rare: about once in 100 MB).

use crate::dedup::{self, DupKind, Index, Prepared};
use crate::record::{Flow, Item, Members, Payload, Record, RecordError, Sink};
use crate::{sources, warc};
use copydesk::Options;
use std::collections::{BTreeMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
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
    /// Records per write to the output (and per progress call).
    pub chunk_records: usize,
    /// Payload bytes read ahead of the writer, at most (one larger unit
    /// still goes through alone).
    pub chunk_bytes: usize,
    /// Units of work read ahead of the writer, at most; 0: four per job
    /// and four more.
    pub window: usize,
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
            window: 0,
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

    /// Writes a chunk of whole lines given as pieces, `total` bytes.
    fn write_chunk(&mut self, pieces: &mut [io::IoSlice<'_>], total: usize) -> io::Result<()> {
        match self {
            Output::File { file, len } => match write_all_vectored(file, pieces) {
                Ok(()) => {
                    *len += total as u64;
                    Ok(())
                }
                Err(e) => {
                    // Keep the output valid JSONL: drop a partly written chunk.
                    let _ = file.set_len(*len);
                    let _ = file.seek(SeekFrom::Start(*len));
                    Err(e)
                }
            },
            Output::Writer(w) => write_all_vectored(w, pieces).and_then(|()| w.flush()),
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        match self {
            Output::File { file, .. } => file.flush(),
            Output::Writer(w) => w.flush(),
        }
    }
}

/// Writes all of `pieces`, in order (as `write_all` does one buffer).
fn write_all_vectored(w: &mut impl Write, mut pieces: &mut [io::IoSlice<'_>]) -> io::Result<()> {
    io::IoSlice::advance_slices(&mut pieces, 0);
    while !pieces.is_empty() {
        match w.write_vectored(pieces) {
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::WriteZero,
                    "failed to write the whole chunk",
                ))
            }
            Ok(n) => io::IoSlice::advance_slices(&mut pieces, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
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

/// What the reader hands a worker.
enum Work {
    Record(Record),
    /// A run of WARC.gz members, inflated and read by the worker.
    Members(Members),
}

/// A unit of work, numbered in input order.
struct Unit {
    seq: u64,
    /// What it counts against the window's bytes.
    bytes: usize,
    work: Work,
}

/// A worker's result for one unit.
struct Finished {
    seq: u64,
    bytes: usize,
    done: Vec<Done>,
    /// Counts from reading a member run.
    skipped: BTreeMap<&'static str, u64>,
    resumed: u64,
    /// For a member run: the run and where reading it ended.
    run: Option<(Members, warc::RunEnd)>,
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

/// Bounds the units between the reader and the writer: by count and by
/// bytes (a unit larger than the byte bound goes through alone).
struct Window {
    state: Mutex<WindowState>,
    changed: Condvar,
    max_units: usize,
    max_bytes: usize,
}

#[derive(Default)]
struct WindowState {
    units: usize,
    bytes: usize,
    /// The writer is gone: nobody will release anything.
    closed: bool,
}

impl Window {
    fn new(max_units: usize, max_bytes: usize) -> Self {
        Window {
            state: Mutex::new(WindowState::default()),
            changed: Condvar::new(),
            max_units: max_units.max(1),
            max_bytes,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WindowState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for room for a unit of `bytes`; false when the writer is gone.
    fn acquire(&self, bytes: usize) -> bool {
        let mut s = self.lock();
        loop {
            if s.closed {
                return false;
            }
            let full = s.units >= self.max_units
                || (s.units > 0 && s.bytes.saturating_add(bytes) > self.max_bytes);
            if !full {
                s.units += 1;
                s.bytes = s.bytes.saturating_add(bytes);
                return true;
            }
            s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn release(&self, bytes: usize) {
        let mut s = self.lock();
        s.units = s.units.saturating_sub(1);
        s.bytes = s.bytes.saturating_sub(bytes);
        drop(s);
        self.changed.notify_all();
    }

    fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }
}

/// Closes the window when the writer ends, however it ends.
struct CloseOnDrop<'a>(&'a Window);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// The reader's sink: numbers units and sends them to the workers.
struct ReadSink<'a> {
    tx: SyncSender<Unit>,
    seq: u64,
    window: &'a Window,
    done: &'a HashSet<String>,
    stop: &'a AtomicBool,
    skipped: BTreeMap<&'static str, u64>,
    resumed: u64,
}

impl ReadSink<'_> {
    fn send(&mut self, work: Work, bytes: usize) -> Flow {
        if self.stop.load(Ordering::Relaxed) || !self.window.acquire(bytes) {
            return Flow::Stop;
        }
        let unit = Unit {
            seq: self.seq,
            bytes,
            work,
        };
        self.seq += 1;
        match self.tx.send(unit) {
            Ok(()) => Flow::Continue,
            Err(_) => Flow::Stop,
        }
    }

    fn go_on(&self) -> Flow {
        if self.stop.load(Ordering::Relaxed) {
            Flow::Stop
        } else {
            Flow::Continue
        }
    }
}

impl Sink for ReadSink<'_> {
    fn is_done(&self, id: &str) -> bool {
        self.done.contains(id)
    }

    fn push(&mut self, item: Item) -> Flow {
        match item {
            // Readers check ids before reading payloads; this catches the
            // rest (error entries) so a resumed run never repeats a line.
            Item::Record(r) if self.done.contains(&r.id) => {
                self.resumed += 1;
                self.go_on()
            }
            Item::Record(r) => {
                let bytes = r.len();
                self.send(Work::Record(r), bytes)
            }
            Item::Skipped(reason) => {
                *self.skipped.entry(reason).or_default() += 1;
                self.go_on()
            }
            Item::Members(m) => {
                let bytes = usize::try_from(m.end.saturating_sub(m.start)).unwrap_or(usize::MAX);
                self.send(Work::Members(m), bytes)
            }
        }
    }

    fn resumed(&mut self) -> Flow {
        self.resumed += 1;
        self.go_on()
    }

    fn split_members(&self) -> bool {
        cfg!(unix)
    }
}

/// A worker's sink for the records of a member run: each record is
/// extracted as soon as it is read, so only one page's bytes are held at a
/// time (as a single-page extraction holds them).
struct RunSink<'a> {
    done: Vec<Done>,
    skipped: BTreeMap<&'static str, u64>,
    resumed: u64,
    already: &'a HashSet<String>,
    cfg: &'a Config,
}

impl Sink for RunSink<'_> {
    fn is_done(&self, id: &str) -> bool {
        self.already.contains(id)
    }

    fn push(&mut self, item: Item) -> Flow {
        match item {
            Item::Record(r) if self.already.contains(&r.id) => self.resumed += 1,
            Item::Record(r) => self.done.push(process(r, self.cfg)),
            Item::Skipped(reason) => *self.skipped.entry(reason).or_default() += 1,
            // Member runs are not split again.
            Item::Members(m) => {
                let src = format!("{}#{}", m.shown, m.start);
                let err = RecordError::new("internal", "a member run inside a member run");
                self.done
                    .push(process(Record::error(src.clone(), src, err), self.cfg));
            }
        }
        Flow::Continue
    }

    fn resumed(&mut self) -> Flow {
        self.resumed += 1;
        Flow::Continue
    }
}

/// Reads (for a member run) and extracts one unit; never panics.
fn work(unit: Unit, cfg: &Config, done: &HashSet<String>) -> Finished {
    let Unit { seq, bytes, work } = unit;
    let mut fin = Finished {
        seq,
        bytes,
        done: Vec::new(),
        skipped: BTreeMap::new(),
        resumed: 0,
        run: None,
    };
    match work {
        Work::Record(r) => fin.done.push(process(r, cfg)),
        Work::Members(m) => {
            let end = read_run(&m, cfg, done, &mut fin);
            fin.run = Some((m, end));
        }
    }
    fin
}

/// Reads and extracts a member run's records into `fin`; a panic in the
/// reading becomes an error entry (after the records read before it) and
/// marks the file broken there.
fn read_run(m: &Members, cfg: &Config, done: &HashSet<String>, fin: &mut Finished) -> warc::RunEnd {
    let mut sink = RunSink {
        done: Vec::new(),
        skipped: BTreeMap::new(),
        resumed: 0,
        already: done,
        cfg,
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        warc::read_members(m, cfg.max_record_bytes, &mut sink)
    }));
    fin.skipped = std::mem::take(&mut sink.skipped);
    fin.resumed = sink.resumed;
    fin.done = std::mem::take(&mut sink.done);
    match result {
        Ok(end) => end,
        Err(_) => {
            let src = format!("{}#{}", m.shown, m.start);
            let err = RecordError::new("panic", "reading this WARC.gz member panicked");
            fin.done
                .push(process(Record::error(src.clone(), src, err), cfg));
            warc::RunEnd {
                reached: m.start,
                broken: true,
            }
        }
    }
}

/// Runs a batch. `progress` is called after each write to the output;
/// `stop` ends reading (the records already read are still written).
pub fn run(
    inputs: Inputs,
    mut output: Output,
    cfg: &Config,
    resume: Resume,
    stop: &AtomicBool,
    progress: &mut (dyn FnMut(&Summary) + Send),
) -> Result<Summary, CorpusError> {
    let start = Instant::now();
    let jobs = cfg.jobs.max(1);
    let Resume { done, mut index } = resume;
    index.set_threshold(cfg.near_dup_threshold);
    let units = if cfg.window == 0 {
        4 * jobs + 4
    } else {
        cfg.window
    };
    let window = Window::new(units, cfg.chunk_bytes.max(1));
    let (work_tx, work_rx) = sync_channel::<Unit>(units);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = sync_channel::<Finished>(units);
    let max = cfg.max_record_bytes;
    let spawn_err = |e: io::Error| CorpusError::Threads(e.to_string());

    std::thread::scope(|scope| {
        let (done_ref, window_ref, work_rx_ref) = (&done, &window, &work_rx);
        let reader = std::thread::Builder::new()
            .name("copydesk-read".into())
            .spawn_scoped(scope, move || {
                let mut sink = ReadSink {
                    tx: work_tx,
                    seq: 0,
                    window: window_ref,
                    done: done_ref,
                    stop,
                    skipped: BTreeMap::new(),
                    resumed: 0,
                };
                let _ = match inputs {
                    Inputs::Paths(paths) => sources::read_paths(paths, max, &mut sink),
                    Inputs::List(list) => sources::read_paths(list, max, &mut sink),
                };
                (sink.skipped, sink.resumed, thread_cpu())
            })
            .map_err(spawn_err)?;

        // Worker 0 is the calling thread (see below); the others are spawned.
        let worker = move |tx: SyncSender<Finished>| {
            let cpu0 = thread_cpu();
            loop {
                // The lock is held only while waiting for a unit.
                let unit = match work_rx_ref.lock() {
                    Ok(rx) => rx.recv(),
                    Err(poisoned) => poisoned.into_inner().recv(),
                };
                let Ok(unit) = unit else { break };
                if tx.send(work(unit, cfg, done_ref)).is_err() {
                    break; // the writer failed; it reports why
                }
            }
            match (cpu0, thread_cpu()) {
                (Some(a), Some(b)) => Some(b.saturating_sub(a)),
                _ => None,
            }
        };
        let mut workers = Vec::with_capacity(jobs);
        for i in 1..jobs {
            let tx = done_tx.clone();
            let w = std::thread::Builder::new()
                .name(format!("copydesk-extract-{i}"))
                .spawn_scoped(scope, move || worker(tx));
            match w {
                Ok(w) => workers.push(w),
                Err(e) => {
                    window.close();
                    return Err(spawn_err(e));
                }
            }
        }

        let writer = std::thread::Builder::new()
            .name("copydesk-write".into())
            .spawn_scoped(scope, move || {
                let _close = CloseOnDrop(window_ref);
                let mut w = Writer {
                    output: &mut output,
                    index: &mut index,
                    cfg,
                    done: done_ref,
                    summary: Summary::default(),
                    buf: Vec::with_capacity(64 << 10),
                    tails: Vec::new(),
                    pending_bytes: 0,
                    pending_records: 0,
                    file: None,
                    start,
                };
                let r = w.run(done_rx, window_ref, progress);
                (r, w.summary)
            })
            .map_err(|e| {
                window.close();
                spawn_err(e)
            })?;

        // The calling thread extracts too rather than wait idle: one thread
        // fewer, and in a program's main thread its allocations go to the
        // main heap, cheaper than a thread arena (`corpus_bench callgrind`
        // shows about 1% of a page's extraction). Its loop ends when the
        // reader is done or the writer gone.
        let own_cpu = worker(done_tx);

        let (written, summary) = match writer.join() {
            Ok(r) => r,
            Err(_) => {
                window.close();
                (
                    Err(CorpusError::Threads("the writer thread panicked".into())),
                    Summary::default(),
                )
            }
        };
        let extract_cpu = workers
            .into_iter()
            .map(|w| w.join().ok().flatten())
            .try_fold(own_cpu.unwrap_or_default(), |sum, t| t.map(|t| sum + t))
            .filter(|_| own_cpu.is_some());
        let (skipped, resumed, read_cpu) =
            reader.join().unwrap_or_else(|_| (BTreeMap::new(), 0, None));
        written?;
        let mut s = summary;
        for (reason, n) in skipped {
            *s.skipped.entry(reason.to_string()).or_default() += n;
        }
        s.resumed += resumed;
        s.cpu.read = read_cpu;
        s.cpu.extract = extract_cpu;
        Ok(s)
    })
    .map(|mut s| {
        s.interrupted = stop.load(Ordering::Relaxed);
        s.elapsed = start.elapsed();
        s
    })
}

/// The ordered writer's state.
struct Writer<'a> {
    output: &'a mut Output,
    index: &'a mut Index,
    cfg: &'a Config,
    done: &'a HashSet<String>,
    summary: Summary,
    /// The chunk being gathered: its small pieces (line heads,
    /// `duplicate_of` values, error lines) are copied into `buf`; each
    /// article's body (`tail`, most of a line) stays in the vector the
    /// worker wrote it to, and goes after `buf[..at]` (written with one
    /// vectored write, never copied).
    buf: Vec<u8>,
    tails: Vec<(usize, Vec<u8>)>,
    /// Bytes in `buf` and `tails`.
    pending_bytes: usize,
    /// Records in the chunk.
    pending_records: usize,
    /// The WARC.gz file whose member runs are being written: where its
    /// last accepted run ended, and whether it is broken there.
    file: Option<(Arc<File>, warc::RunEnd)>,
    start: Instant,
}

impl Writer<'_> {
    fn run(
        &mut self,
        rx: Receiver<Finished>,
        window: &Window,
        progress: &mut (dyn FnMut(&Summary) + Send),
    ) -> Result<(), CorpusError> {
        let cpu0 = thread_cpu();
        let mut pending: BTreeMap<u64, Finished> = BTreeMap::new();
        let mut next = 0u64;
        for fin in rx.iter() {
            pending.insert(fin.seq, fin);
            while let Some(fin) = pending.remove(&next) {
                next += 1;
                let bytes = fin.bytes;
                self.accept(fin);
                window.release(bytes);
                if self.pending_records >= self.cfg.chunk_records.max(1)
                    || self.pending_bytes >= 1 << 20
                {
                    self.flush(progress)?;
                }
            }
            if pending.is_empty() && self.pending_records > 0 && self.pending_bytes >= 64 << 10 {
                // Nothing else ready: a good moment to write.
                self.flush(progress)?;
            }
        }
        // Only reachable if a worker died without a result: write the rest
        // in order all the same.
        for (_, fin) in std::mem::take(&mut pending) {
            self.accept(fin);
        }
        self.flush(progress)?;
        self.output.finish().map_err(CorpusError::Write)?;
        self.summary.index_bytes = self.index.heap_bytes() as u64;
        self.summary.cpu.write = match (cpu0, thread_cpu()) {
            (Some(a), Some(b)) => Some(b.saturating_sub(a)),
            _ => None,
        };
        Ok(())
    }

    fn flush(&mut self, progress: &mut (dyn FnMut(&Summary) + Send)) -> Result<(), CorpusError> {
        if self.pending_bytes == 0 {
            return Ok(());
        }
        let mut pieces = Vec::with_capacity(2 * self.tails.len() + 1);
        let mut from = 0;
        for (at, tail) in &self.tails {
            pieces.push(io::IoSlice::new(self.buf.get(from..*at).unwrap_or(&[])));
            pieces.push(io::IoSlice::new(tail));
            from = *at;
        }
        pieces.push(io::IoSlice::new(self.buf.get(from..).unwrap_or(&[])));
        let written = self.output.write_chunk(&mut pieces, self.pending_bytes);
        drop(pieces);
        written.map_err(CorpusError::Write)?;
        self.buf.clear();
        self.tails.clear();
        self.pending_bytes = 0;
        self.pending_records = 0;
        self.summary.elapsed = self.start.elapsed();
        progress(&self.summary);
        Ok(())
    }

    /// Takes a unit's result in input order. A member run is kept only if
    /// it begins where the file's last run ended; otherwise it began at
    /// bytes that only looked like a gzip header, and the members from the
    /// true boundary to its end are read here.
    fn accept(&mut self, fin: Finished) {
        let Some((members, end)) = &fin.run else {
            self.take(fin);
            return;
        };
        let last = match &self.file {
            Some((f, last)) if Arc::ptr_eq(f, &members.file) => Some(*last),
            _ => None,
        };
        match last {
            None if members.start == 0 => {}
            Some(last) if !last.broken && last.reached == members.start => {}
            Some(last) if last.broken || last.reached >= members.end => return,
            _ => {
                // Read from where the file really is.
                let from = last.map_or(0, |l| l.reached);
                let m = Members {
                    start: from,
                    ..members.clone()
                };
                let unit = Unit {
                    seq: fin.seq,
                    bytes: 0,
                    work: Work::Members(m),
                };
                let redo = work(unit, self.cfg, self.done);
                if let Some((m, end)) = &redo.run {
                    self.file = Some((Arc::clone(&m.file), *end));
                }
                self.take(redo);
                return;
            }
        }
        self.file = Some((Arc::clone(&members.file), *end));
        self.take(fin);
    }

    /// Counts a result and appends its lines to the buffer.
    fn take(&mut self, fin: Finished) {
        let summary = &mut self.summary;
        for (reason, n) in fin.skipped {
            *summary.skipped.entry(reason.to_string()).or_default() += n;
        }
        summary.resumed += fin.resumed;
        for d in fin.done {
            summary.records += 1;
            summary.bytes += d.bytes as u64;
            self.pending_records += 1;
            let buf = &mut self.buf;
            let before = buf.len();
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
                    let dup = match (&prepared, self.cfg.dedup, empty) {
                        (Some(p), true, false) => self.index.check_and_insert_prepared(&d.id, p),
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
                            push_json_str(buf, &id);
                        }
                        None => buf.extend_from_slice(b"null"),
                    }
                    self.pending_bytes += tail.len();
                    self.tails.push((buf.len(), tail));
                }
            }
            self.pending_bytes += self.buf.len() - before;
        }
    }
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
    let (bytes, offset, input, http_charset) = match payload {
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
            offset,
            input,
            http_charset,
        } => (bytes, offset, input, http_charset),
    };
    let page = bytes.get(offset..).unwrap_or(&[]);
    let size = page.len();
    let opts = Options {
        url: url.clone(),
        input,
        explain: false,
        http_charset,
        max_bytes: cfg.max_record_bytes,
        ..Options::default()
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        copydesk::extract(page, &opts)
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

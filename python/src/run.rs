//! The Python-free half of the bindings: output formats and the ordered
//! parallel map that `extract_many` runs with the GIL released.

use copydesk::Document;

/// What `extract` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Python dict with the CLI's JSON field names.
    Dict,
    /// The CLI's JSON as one string.
    Json,
    Markdown,
    Text,
    Html,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "dict" => Format::Dict,
            "json" => Format::Json,
            "markdown" | "md" => Format::Markdown,
            "text" | "txt" => Format::Text,
            "html" => Format::Html,
            _ => return None,
        })
    }
}

/// A document rendered for Python: the document itself, which becomes a dict
/// while the GIL is held (`topy`: objects built straight from the model, no
/// JSON text in between), or a string returned as it is.
#[derive(Debug)]
pub enum Rendered {
    Dict(Box<Document>),
    Str(String),
}

/// Renders `doc` in `format`; runs without the GIL.
pub fn render(doc: Document, format: Format) -> Result<Rendered, serde_json::Error> {
    Ok(match format {
        Format::Dict => Rendered::Dict(Box::new(doc)),
        Format::Json => Rendered::Str(serde_json::to_string(&doc)?),
        Format::Markdown => Rendered::Str(copydesk::render::markdown(&doc)),
        Format::Text => Rendered::Str(copydesk::render::text(&doc)),
        Format::Html => Rendered::Str(copydesk::render::html(&doc)),
    })
}

/// Threads for `extract_many`: built once per call. `Some(1)` runs on the
/// calling thread (the caller does not use a [`Stream`] then),
/// `None`/`Some(0)` on rayon's global pool (all cores).
pub enum Pool {
    Serial,
    Global,
    Own(rayon::ThreadPool),
}

impl Pool {
    pub fn new(jobs: Option<usize>) -> Result<Pool, rayon::ThreadPoolBuildError> {
        Ok(match jobs {
            Some(1) => Pool::Serial,
            None | Some(0) => Pool::Global,
            Some(n) => Pool::Own(rayon::ThreadPoolBuilder::new().num_threads(n).build()?),
        })
    }

    /// Worker threads (1 for the serial pool).
    pub fn threads(&self) -> usize {
        match self {
            Pool::Serial => 1,
            Pool::Global => rayon::current_num_threads(),
            Pool::Own(pool) => pool.current_num_threads(),
        }
    }

    fn spawn(&self, job: impl FnOnce() + Send + 'static) {
        match self {
            Pool::Own(pool) => pool.spawn(job),
            // The serial pool has no threads: its jobs run where they are given.
            Pool::Serial => job(),
            Pool::Global => rayon::spawn(job),
        }
    }
}

/// How one job ended.
#[derive(Debug)]
pub enum Outcome<R> {
    Done(R),
    /// The function panicked (the panic was caught on the worker).
    Panicked,
    /// [`Stream::cancel`] came before the job started; the function did not run.
    Skipped,
}

type Answer<T, R> = (usize, T, Outcome<R>);

/// An ordered parallel map over items submitted one at a time: each item is
/// a job on the pool, answers come back through a channel in any order and
/// are handed out in submission order, so the caller can turn answer k into
/// Python objects while the workers go on with k+1, k+2... The caller keeps
/// at most a window of items in flight (memory stays bounded) and gets each
/// item back with its answer (it may own Python objects, dropped by the
/// caller while the GIL is held).
pub struct Stream<T, R, F> {
    pool: Pool,
    f: std::sync::Arc<F>,
    tx: std::sync::mpsc::Sender<Answer<T, R>>,
    rx: std::sync::mpsc::Receiver<Answer<T, R>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Answers for the items `handed..submitted`, in order; `None` until known.
    slots: std::collections::VecDeque<Option<(T, Outcome<R>)>>,
    handed: usize,
    submitted: usize,
}

impl<T, R, F> Stream<T, R, F>
where
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(&T) -> R + Send + Sync + 'static,
{
    pub fn new(pool: Pool, f: F) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        Stream {
            pool,
            f: std::sync::Arc::new(f),
            tx,
            rx,
            stop: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            slots: std::collections::VecDeque::new(),
            handed: 0,
            submitted: 0,
        }
    }

    /// Items submitted and not yet handed out.
    pub fn in_flight(&self) -> usize {
        self.slots.len()
    }

    /// Starts `f(&item)` on the pool; returns at once.
    pub fn submit(&mut self, item: T) {
        let index = self.submitted;
        self.submitted += 1;
        self.slots.push_back(None);
        let (f, tx, stop) = (
            std::sync::Arc::clone(&self.f),
            self.tx.clone(),
            std::sync::Arc::clone(&self.stop),
        );
        self.pool.spawn(move || {
            let outcome = if stop.load(std::sync::atomic::Ordering::Relaxed) {
                Outcome::Skipped
            } else {
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&item))) {
                    Ok(r) => Outcome::Done(r),
                    Err(_) => Outcome::Panicked,
                }
            };
            // The receiver lives as long as the stream, which drains every
            // job before it goes; a failed send only drops the answer.
            let _ = tx.send((index, item, outcome));
        });
    }

    fn store(&mut self, (index, item, outcome): Answer<T, R>) {
        if let Some(slot) = index
            .checked_sub(self.handed)
            .and_then(|k| self.slots.get_mut(k))
        {
            *slot = Some((item, outcome));
        }
    }

    fn pop_ready(&mut self) -> Option<(T, Outcome<R>)> {
        if !matches!(self.slots.front(), Some(Some(_))) {
            return None;
        }
        let answer = self.slots.pop_front().flatten();
        self.handed += 1;
        answer
    }

    /// The next answer in order if it is already there (never blocks).
    pub fn try_next(&mut self) -> Option<(T, Outcome<R>)> {
        while let Ok(answer) = self.rx.try_recv() {
            self.store(answer);
        }
        self.pop_ready()
    }

    /// The next answer in order, waiting for it; `None` when nothing is in
    /// flight. Call it with the GIL released.
    pub fn wait_next(&mut self) -> Option<(T, Outcome<R>)> {
        loop {
            if let Some(answer) = self.try_next() {
                return Some(answer);
            }
            if self.slots.is_empty() {
                return None;
            }
            // Jobs hold senders until they answer, and so does `self`: recv
            // cannot fail while a slot is open, but stop rather than spin if
            // it ever did.
            match self.rx.recv() {
                Ok(answer) => self.store(answer),
                Err(_) => return None,
            }
        }
    }

    /// Jobs that have not started yet will not run `f`.
    pub fn cancel(&self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Waits until every submitted job has answered and returns their items
    /// (for the caller to drop while the GIL is held). Call it with the GIL
    /// released, after [`Stream::cancel`] to make it quick.
    pub fn drain(&mut self) -> Vec<T> {
        let mut items = Vec::with_capacity(self.slots.len());
        while let Some((item, _)) = self.wait_next() {
            items.push(item);
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_render() {
        assert_eq!(Format::parse("dict"), Some(Format::Dict));
        assert_eq!(Format::parse("md"), Some(Format::Markdown));
        assert_eq!(Format::parse("yaml"), None);
        let html =
            b"<html><head><title>Rain | Daily</title></head><body><article><h1>Rain returns</h1>\
            <p>The rain came back on Tuesday after a dry month, and farmers across the valley \
            said they were relieved to see it.</p></article></body></html>";
        let doc = copydesk::extract(html, &copydesk::Options::default()).unwrap();
        match render(doc.clone(), Format::Json).unwrap() {
            Rendered::Str(s) => {
                let v: serde_json::Value = serde_json::from_str(&s).unwrap();
                assert_eq!(v["title"], serde_json::json!(doc.title));
                assert!(v["text"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("The rain came back")));
            }
            Rendered::Dict(_) => panic!("json renders to a string"),
        }
        match render(doc.clone(), Format::Dict).unwrap() {
            Rendered::Dict(d) => assert_eq!(*d, doc),
            Rendered::Str(_) => panic!("dict keeps the document for topy"),
        }
    }

    /// Every answer of a stream, in order, topping the window up like `extract_many`.
    fn run_stream(jobs: Option<usize>, items: Vec<u64>, window: usize) -> Vec<(u64, Outcome<u64>)> {
        let pool = Pool::new(jobs).unwrap();
        let mut stream = Stream::new(pool, |&x: &u64| {
            // Uneven work, so answers arrive out of order.
            if x % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            assert!(x != 13, "boom");
            x * 2
        });
        let mut items = items.into_iter();
        let mut out = Vec::new();
        loop {
            while stream.in_flight() < window {
                let Some(x) = items.next() else { break };
                stream.submit(x);
            }
            assert!(stream.in_flight() <= window);
            match stream.wait_next() {
                Some(answer) => out.push(answer),
                None => break,
            }
        }
        out
    }

    #[test]
    fn stream_keeps_order_and_reports_panics() {
        for jobs in [None, Some(2), Some(3)] {
            let out = run_stream(jobs, (0..500).collect(), 16);
            assert_eq!(out.len(), 500);
            for (i, (x, outcome)) in out.iter().enumerate() {
                assert_eq!(*x, i as u64);
                match outcome {
                    Outcome::Done(v) => assert_eq!(*v, 2 * i as u64),
                    Outcome::Panicked => assert_eq!(i, 13),
                    Outcome::Skipped => panic!("nothing was cancelled"),
                }
            }
        }
        assert!(run_stream(Some(2), Vec::new(), 4).is_empty());
    }

    #[test]
    fn a_cancelled_stream_skips_what_has_not_started_and_drains() {
        let pool = Pool::new(Some(2)).unwrap();
        let started = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = std::sync::Arc::clone(&started);
        let mut stream = Stream::new(pool, move |&x: &u64| {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(2));
            x
        });
        for x in 0..200 {
            stream.submit(x);
        }
        stream.cancel();
        let mut items = stream.drain();
        assert_eq!(stream.in_flight(), 0);
        items.sort_unstable();
        assert_eq!(items, (0..200).collect::<Vec<u64>>());
        assert!(started.load(std::sync::atomic::Ordering::SeqCst) < 200);
        assert!(stream.wait_next().is_none());
    }
}

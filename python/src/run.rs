//! The Python-free half of the bindings: output formats and the ordered
//! parallel map that `extract_many` runs with the GIL released.

use copydesk::Document;
use rayon::prelude::*;

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
    Dict(Document),
    Str(String),
}

/// Renders `doc` in `format`; runs without the GIL.
pub fn render(doc: Document, format: Format) -> Result<Rendered, serde_json::Error> {
    Ok(match format {
        Format::Dict => Rendered::Dict(doc),
        Format::Json => Rendered::Str(serde_json::to_string(&doc)?),
        Format::Markdown => Rendered::Str(copydesk::render::markdown(&doc)),
        Format::Text => Rendered::Str(copydesk::render::text(&doc)),
        Format::Html => Rendered::Str(copydesk::render::html(&doc)),
    })
}

/// Threads for `extract_many`: built once per call and reused for every
/// chunk. `Some(1)` runs on the calling thread, `None`/`Some(0)` on rayon's
/// global pool (all cores).
pub enum Pool {
    Serial,
    Global,
    Own(rayon::ThreadPool),
}

/// A chunk being mapped in the background; [`Pending::wait`] gives the
/// results in input order.
pub enum Pending<R> {
    Done(Vec<R>),
    Running(std::sync::mpsc::Receiver<std::thread::Result<Vec<R>>>),
}

impl<R> Pending<R> {
    /// Blocks until the chunk is done. `Err` if a worker panicked.
    pub fn wait(self) -> Result<Vec<R>, String> {
        match self {
            Pending::Done(v) => Ok(v),
            Pending::Running(rx) => match rx.recv() {
                Ok(Ok(v)) => Ok(v),
                Ok(Err(_)) => Err("an extraction thread panicked".to_string()),
                Err(_) => Err("an extraction thread stopped without an answer".to_string()),
            },
        }
    }
}

impl Pool {
    pub fn new(jobs: Option<usize>) -> Result<Pool, rayon::ThreadPoolBuildError> {
        Ok(match jobs {
            Some(1) => Pool::Serial,
            None | Some(0) => Pool::Global,
            Some(n) => Pool::Own(rayon::ThreadPoolBuilder::new().num_threads(n).build()?),
        })
    }

    /// Starts mapping `f` over owned `items` on the pool and returns at once,
    /// so the caller can do other work (convert the previous chunk) meanwhile.
    /// On the serial pool the work is done before returning.
    pub fn start<T, R, F>(&self, items: Vec<T>, f: F) -> Pending<R>
    where
        T: Sync + Send + 'static,
        R: Send + 'static,
        F: Fn(&T) -> R + Sync + Send + 'static,
    {
        if let Pool::Serial = self {
            return Pending::Done(items.iter().map(f).collect());
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let job = move || {
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                items.par_iter().map(&f).collect::<Vec<R>>()
            }));
            // The receiver is gone only when the caller stopped early (an
            // error was raised); the results are then not wanted.
            let _ = tx.send(out);
        };
        match self {
            Pool::Own(pool) => pool.spawn(job),
            _ => rayon::spawn(job),
        }
        Pending::Running(rx)
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
            Rendered::Dict(d) => assert_eq!(d, doc),
            Rendered::Str(_) => panic!("dict keeps the document for topy"),
        }
    }

    #[test]
    fn a_panicking_worker_is_an_error_not_an_abort() {
        let pool = Pool::new(Some(2)).unwrap();
        let pending = pool.start(vec![1u32, 2, 3], |&x| {
            assert!(x != 2, "boom");
            x
        });
        assert!(pending.wait().is_err());
    }

    #[test]
    fn map_keeps_order_on_every_pool() {
        let items: Vec<u64> = (0..1000).collect();
        for jobs in [None, Some(0), Some(1), Some(2), Some(3)] {
            let pool = Pool::new(jobs).unwrap();
            let pending = pool.start(items.clone(), |x| x + 1);
            let out = pending.wait().unwrap();
            assert_eq!(out.len(), items.len());
            assert!(out.iter().enumerate().all(|(i, &v)| v == i as u64 + 1));
        }
    }
}

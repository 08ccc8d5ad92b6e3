//! `copydesk` for Python: `extract`, `extract_text`, `analyze`, `extract_many`.
//!
//! The Rust work runs with the GIL released (`Python::detach`); documents
//! become Python dicts with the CLI's JSON field names, built straight from
//! the model (`topy`, shaped as `json.loads` of the CLI's JSON would be).
//! `extract_many` extracts on a rayon pool and keeps the input order.

mod run;
mod topy;

/// Rust's allocations in this module (the DOM, documents) go to mimalloc:
/// fewer instructions per page than the C library's malloc, and per-thread
/// heaps for `extract_many`'s workers. Python objects are unaffected.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use copydesk::{InputKind, Options};
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString, PyTuple};
use run::{render, Format, Outcome, Pool, Rendered, Stream};

create_exception!(
    copydesk,
    ExtractionError,
    PyValueError,
    "The input could not be turned into a document (empty, binary, too large, corrupt gzip).\n\n\
     ``kind`` names the cause: ``empty``, ``binary``, ``too-large``, ``gzip`` or ``serialize``;\n\
     ``index`` is the item's position for ``extract_many``."
);

/// An input borrowed from a Python object (str and bytes are immutable, so
/// the borrow stays valid while the GIL is released), or copied (bytearray).
enum Src<'a> {
    Str(&'a str),
    Bytes(&'a [u8]),
    Owned(Vec<u8>),
}

impl Src<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Src::Str(s) => s.as_bytes(),
            Src::Bytes(b) => b,
            Src::Owned(v) => v,
        }
    }
}

fn source<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Src<'a>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Src::Str(s.to_str()?));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Src::Bytes(b.as_bytes()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Src::Owned(b.to_vec()));
    }
    Err(PyTypeError::new_err(format!(
        "expected str or bytes, got {}",
        obj.get_type().name()?
    )))
}

/// The options for one input: a `str` is already Unicode, so no charset is
/// sniffed from its `<meta>` (its UTF-8 bytes are read as UTF-8).
fn options_for(is_str: bool, base: &Options) -> Options {
    let mut opts = base.clone();
    if is_str {
        opts.http_charset = Some("utf-8".to_string());
    }
    opts
}

fn parse_format(name: &str) -> PyResult<Format> {
    Format::parse(name).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown format {name:?}: expected dict, json, markdown, text or html"
        ))
    })
}

/// An extraction failure as a `copydesk.ExtractionError` with `kind` (and
/// `index` for batch items).
#[derive(Debug)]
enum Failure {
    Extract(copydesk::Error),
    Serialize(serde_json::Error),
}

impl Failure {
    fn into_pyerr(self, py: Python<'_>, index: Option<usize>) -> PyErr {
        let (kind, msg) = match &self {
            Failure::Extract(e) => (e.kind(), e.to_string()),
            Failure::Serialize(e) => ("serialize", e.to_string()),
        };
        let msg = match index {
            Some(i) => format!("item {i}: {msg}"),
            None => msg,
        };
        let err = ExtractionError::new_err(msg);
        let value = err.value(py);
        // Setting attributes on a fresh exception instance cannot fail in
        // practice; if it did, the error still carries its message.
        let _ = value.setattr("kind", kind);
        let _ = value.setattr("index", index);
        err
    }
}

fn extract_one(src: &Src<'_>, opts: &Options, format: Format) -> Result<Rendered, Failure> {
    let doc = copydesk::extract(src.bytes(), opts).map_err(Failure::Extract)?;
    render(doc, format).map_err(Failure::Serialize)
}

fn to_python(py: Python<'_>, out: Rendered) -> PyResult<Py<PyAny>> {
    match out {
        Rendered::Dict(doc) => Ok(topy::to_py(py, &*doc)?.unbind()),
        Rendered::Str(s) => Ok(PyString::new(py, &s).into_any().unbind()),
    }
}

#[allow(clippy::too_many_arguments)]
fn base_options(
    url: Option<String>,
    analyze: bool,
    published: Option<String>,
    explain: bool,
    charset: Option<String>,
    input: InputKind,
    max_bytes: Option<usize>,
) -> Options {
    let mut opts = Options {
        url,
        input,
        explain,
        http_charset: charset,
        analyze,
        published,
        ..Options::default()
    };
    if let Some(limit) = max_bytes {
        opts.max_bytes = limit;
    }
    opts
}

fn parse_input(name: &str) -> PyResult<InputKind> {
    match name {
        "auto" => Ok(InputKind::Auto),
        "html" => Ok(InputKind::Html),
        "text" => Ok(InputKind::Text),
        _ => Err(PyValueError::new_err(format!(
            "unknown input {name:?}: expected auto, html or text"
        ))),
    }
}

/// Extract an article from a web page.
///
/// ``html`` is the page as ``str`` or ``bytes`` (bytes may be gzipped and in
/// any charset; declared and sniffed charsets are honoured). Plain text is
/// detected and cleaned too (see ``extract_text`` to force that path).
///
/// Returns a dict with the CLI's JSON field names (``title``, ``authors``,
/// ``published``, ``text``, ``blocks``, ``figures``, ``related``...), or a
/// string for ``format="json"``, ``"markdown"``, ``"text"`` or ``"html"``.
/// A page with no article still returns a document, with empty ``text``.
///
/// ``url`` is used when the page declares none; ``analyze=True`` adds
/// ``quotes``, ``entities`` and ``dates``; ``published`` (ISO date) anchors
/// relative dates when the page has none; ``explain=True`` adds ``removed``;
/// ``charset`` is a transport charset label (HTTP ``Content-Type``) for bytes.
///
/// Raises ``ExtractionError`` (a ``ValueError``) for empty, binary, oversized
/// or corrupt-gzip input. The GIL is released while Rust works.
#[pyfunction]
#[pyo3(signature = (html, url=None, analyze=false, format="dict", *, published=None, explain=false, charset=None, input="auto", max_bytes=None))]
#[allow(clippy::too_many_arguments)]
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    analyze: bool,
    format: &str,
    published: Option<String>,
    explain: bool,
    charset: Option<String>,
    input: &str,
    max_bytes: Option<usize>,
) -> PyResult<Py<PyAny>> {
    let format = parse_format(format)?;
    let input = parse_input(input)?;
    let src = source(html)?;
    let base = base_options(url, analyze, published, explain, charset, input, max_bytes);
    let opts = options_for(matches!(src, Src::Str(_)), &base);
    let out = py
        .detach(|| extract_one(&src, &opts, format))
        .map_err(|e| e.into_pyerr(py, None))?;
    to_python(py, out)
}

/// Clean plain text (a scraper's output, not HTML) into an article.
///
/// Captions, photo credits, "READ MORE" links, share prompts and other page
/// furniture leave the body. Same keywords and return value as ``extract``.
#[pyfunction]
#[pyo3(signature = (text, url=None, analyze=false, format="dict", *, published=None, explain=false))]
fn extract_text(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    url: Option<String>,
    analyze: bool,
    format: &str,
    published: Option<String>,
    explain: bool,
) -> PyResult<Py<PyAny>> {
    let format = parse_format(format)?;
    let src = source(text)?;
    let base = base_options(
        url,
        analyze,
        published,
        explain,
        None,
        InputKind::Text,
        None,
    );
    let opts = options_for(matches!(src, Src::Str(_)), &base);
    let out = py
        .detach(|| extract_one(&src, &opts, format))
        .map_err(|e| e.into_pyerr(py, None))?;
    to_python(py, out)
}

/// Find quotes, speakers, entities and dates in plain text taken as it is.
///
/// Returns ``{"quotes": [...], "entities": [...], "dates": [...]}``; offsets
/// are character offsets into ``text`` (Python string indices).
/// ``published`` (ISO date, e.g. ``"2022-01-21"``) resolves relative dates.
#[pyfunction]
#[pyo3(signature = (text, published=None))]
fn analyze(py: Python<'_>, text: &str, published: Option<&str>) -> PyResult<Py<PyAny>> {
    let analysis = py.detach(|| copydesk::analyze(text, published));
    Ok(topy::to_py(py, &analysis)?.unbind())
}

/// Extract many pages in parallel (in Rust, on ``jobs`` threads; all cores
/// when ``None``), returning a list in the input order.
///
/// Each item is ``str``/``bytes`` or a ``(page, url)`` tuple. The iterable is
/// consumed as the work goes (generators work; at most a few dozen pages per
/// thread are held at once), pages are read in place (``bytearray`` is
/// copied), and each document becomes a Python object while the threads go
/// on with the next pages. Keywords as in ``extract``. With
/// ``errors="raise"`` the first failing item raises ``ExtractionError`` (its
/// ``index`` attribute says which); with ``errors="none"`` failing items are
/// ``None``.
#[pyfunction]
#[pyo3(signature = (pages, jobs=None, *, url=None, analyze=false, format="dict", published=None, explain=false, input="auto", errors="raise"))]
#[allow(clippy::too_many_arguments)]
fn extract_many(
    py: Python<'_>,
    pages: &Bound<'_, PyAny>,
    jobs: Option<usize>,
    url: Option<String>,
    analyze: bool,
    format: &str,
    published: Option<String>,
    explain: bool,
    input: &str,
    errors: &str,
) -> PyResult<Py<PyList>> {
    let format = parse_format(format)?;
    let input = parse_input(input)?;
    let raise = match errors {
        "raise" => true,
        "none" => false,
        _ => {
            return Err(PyValueError::new_err(format!(
                "unknown errors {errors:?}: expected raise or none"
            )))
        }
    };
    let base = base_options(url, analyze, published, explain, None, input, None);
    let pool = Pool::new(jobs).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let out = PyList::empty(py);
    let mut iter = pages.try_iter()?;
    let keep = |index: usize, outcome: Result<Rendered, Failure>| -> PyResult<()> {
        match outcome {
            Ok(doc) => out.append(to_python(py, doc)?),
            Err(e) if raise => Err(e.into_pyerr(py, Some(index))),
            Err(_) => out.append(py.None()),
        }
    };
    if let Pool::Serial = pool {
        // One thread: each page is extracted with the GIL released, then
        // converted, like a loop of `extract` calls.
        for (index, obj) in iter.enumerate() {
            let item = Item::from_py(&obj?)?;
            let outcome = py.detach(|| item.extract(&base, format));
            keep(index, outcome)?;
            py.check_signals()?;
        }
        return Ok(out.unbind());
    }
    // Enough pages in flight that a slow page (or this thread converting)
    // never leaves a worker idle, few enough to keep memory bounded.
    let window = (WINDOW_PER_THREAD * pool.threads()).max(MIN_WINDOW);
    let mut stream = Stream::new(pool, move |item: &Item| item.extract(&base, format));
    let mut index = 0;
    let mut more = true;
    let mut run = || -> PyResult<()> {
        loop {
            while more && stream.in_flight() < window {
                match iter.next() {
                    Some(obj) => stream.submit(Item::from_py(&obj?)?),
                    None => more = false,
                }
            }
            let answer = match stream.try_next() {
                Some(answer) => answer,
                None => match py.detach(|| stream.wait_next()) {
                    Some(answer) => answer,
                    None => return Ok(()),
                },
            };
            let (item, outcome) = answer;
            drop(item);
            match outcome {
                Outcome::Done(r) => keep(index, r)?,
                Outcome::Panicked => {
                    return Err(PyRuntimeError::new_err(format!(
                        "item {index}: the extraction thread panicked"
                    )))
                }
                Outcome::Skipped => {
                    return Err(PyRuntimeError::new_err(format!(
                        "item {index}: skipped after a cancel"
                    )))
                }
            }
            index += 1;
            // Ctrl-C stops a long batch (between pages).
            py.check_signals()?;
        }
    };
    let result = run();
    if result.is_err() {
        // Jobs in flight hold their pages (strong references to Python
        // objects): let them answer (those not started skip the work) so
        // that the references are released here, with the GIL held.
        stream.cancel();
        let items = py.detach(|| stream.drain());
        drop(items);
    }
    result.map(|()| out.unbind())
}

/// Pages in flight per worker thread in `extract_many`, and at least.
const WINDOW_PER_THREAD: usize = 16;
const MIN_WINDOW: usize = 32;

/// A page read in place from its Python object (kept alive by this value,
/// so the text stays valid on a worker thread without the GIL).
enum Page {
    Str(PyBackedStr),
    Bytes(PyBackedBytes),
}

/// One `extract_many` input.
struct Item {
    page: Page,
    url: Option<String>,
}

impl Item {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Item> {
        let (page, url) = match obj.cast::<PyTuple>() {
            Ok(t) if t.len() == 2 => (t.get_item(0)?, t.get_item(1)?.extract()?),
            Ok(_) => return Err(PyTypeError::new_err("a tuple item must be (page, url)")),
            Err(_) => (obj.clone(), None),
        };
        let page = if let Ok(s) = page.cast::<PyString>() {
            Page::Str(PyBackedStr::try_from(s.clone())?)
        } else if page.is_instance_of::<PyBytes>() || page.is_instance_of::<PyByteArray>() {
            // bytes are borrowed, a bytearray (mutable) is copied.
            Page::Bytes(page.extract::<PyBackedBytes>()?)
        } else {
            return Err(PyTypeError::new_err(format!(
                "expected str or bytes, got {}",
                page.get_type().name()?
            )));
        };
        Ok(Item { page, url })
    }

    fn extract(&self, base: &Options, format: Format) -> Result<Rendered, Failure> {
        let (src, is_str) = match &self.page {
            Page::Str(s) => (Src::Str(s), true),
            Page::Bytes(b) => (Src::Bytes(b), false),
        };
        let mut opts = options_for(is_str, base);
        if self.url.is_some() {
            opts.url.clone_from(&self.url);
        }
        extract_one(&src, &opts, format)
    }
}

#[pymodule]
fn _copydesk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_text, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add("ExtractionError", m.py().get_type::<ExtractionError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

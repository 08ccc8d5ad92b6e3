//! Inputs: folder trees of pages, WARC files, JSONL files, path lists.

use crate::io::read_line_bounded;
use crate::record::{Flow, Item, Payload, Record, RecordError, Sink};
use copydesk::InputKind;
use flate2::bufread::MultiGzDecoder;
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// What kind of input a path is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Warc { gz: bool },
    Jsonl { gz: bool },
    Page(InputKind),
}

impl Format {
    /// The format of a file named `name`; `None` for names a folder walk
    /// passes over (an explicitly named file is read as a page).
    pub fn of(name: &Path) -> Option<Format> {
        let n = name.to_string_lossy().to_ascii_lowercase();
        let (base, gz) = match n.strip_suffix(".gz") {
            Some(b) => (b, true),
            None => (n.as_str(), false),
        };
        let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        Some(match ext {
            "warc" => Format::Warc { gz },
            "jsonl" | "ndjson" => Format::Jsonl { gz },
            "html" | "htm" | "xhtml" | "shtml" => Format::Page(InputKind::Auto),
            "txt" => Format::Page(InputKind::Text),
            _ => return None,
        })
    }
}

/// Reads every input in turn: files, folders (walked in name order) and
/// `-`-free path lists. Stops early when the sink says so.
pub fn read_paths<I>(paths: I, max: usize, sink: &mut dyn Sink) -> Flow
where
    I: IntoIterator<Item = PathBuf>,
{
    for p in paths {
        if read_path(&p, max, sink) == Flow::Stop {
            return Flow::Stop;
        }
    }
    Flow::Continue
}

/// Reads one path given by the user: a folder tree or a file.
pub fn read_path(path: &Path, max: usize, sink: &mut dyn Sink) -> Flow {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => walk(path, max, sink),
        Ok(_) => {
            let format = Format::of(path).unwrap_or(Format::Page(InputKind::Auto));
            read_file(path, &shown, format, max, sink)
        }
        Err(e) => sink.push(Item::Record(Record::error(
            shown.clone(),
            shown,
            RecordError::from_io(&e),
        ))),
    }
}

/// Walks a folder tree depth first in name order, reading the files whose
/// names say they are pages, WARC or JSONL. Symbolic links to folders are
/// not followed (no loops).
fn walk(root: &Path, max: usize, sink: &mut dyn Sink) -> Flow {
    // A stack of sorted entry lists, so memory is one folder level at a time.
    let mut stack: Vec<std::vec::IntoIter<PathBuf>> = Vec::new();
    match list_dir(root) {
        Ok(v) => stack.push(v.into_iter()),
        Err(e) => {
            let shown = root.display().to_string();
            return sink.push(Item::Record(Record::error(shown.clone(), shown, e)));
        }
    }
    while let Some(top) = stack.last_mut() {
        let Some(entry) = top.next() else {
            stack.pop();
            continue;
        };
        let is_dir = std::fs::symlink_metadata(&entry)
            .map(|m| m.is_dir())
            .unwrap_or(false);
        if is_dir {
            match list_dir(&entry) {
                Ok(v) => stack.push(v.into_iter()),
                Err(e) => {
                    let shown = entry.display().to_string();
                    if sink.push(Item::Record(Record::error(shown.clone(), shown, e))) == Flow::Stop
                    {
                        return Flow::Stop;
                    }
                }
            }
            continue;
        }
        if let Some(format) = Format::of(&entry) {
            let shown = entry.display().to_string();
            if read_file(&entry, &shown, format, max, sink) == Flow::Stop {
                return Flow::Stop;
            }
        }
    }
    Flow::Continue
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, RecordError> {
    let rd = std::fs::read_dir(dir).map_err(|e| RecordError::from_io(&e))?;
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    Ok(v)
}

fn read_file(path: &Path, shown: &str, format: Format, max: usize, sink: &mut dyn Sink) -> Flow {
    match format {
        Format::Warc { gz } => crate::warc::read_file(path, shown, gz, max, sink),
        Format::Jsonl { gz } => read_jsonl(path, shown, gz, max, sink),
        Format::Page(input) => {
            if sink.is_done(shown) {
                return sink.resumed();
            }
            let payload = match read_page(path, max) {
                Ok(bytes) => Payload::Page {
                    bytes,
                    offset: 0,
                    input,
                    http_charset: None,
                },
                Err(e) => Payload::Error(e),
            };
            sink.push(Item::Record(Record {
                id: shown.to_string(),
                source: shown.to_string(),
                url: None,
                payload,
            }))
        }
    }
}

fn read_page(path: &Path, max: usize) -> Result<Vec<u8>, RecordError> {
    let file = File::open(path).map_err(|e| RecordError::from_io(&e))?;
    let mut bytes = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| RecordError::from_io(&e))?;
    if bytes.len() > max {
        return Err(RecordError::new(
            "too-large",
            format!("file is over the limit of {max} bytes"),
        ));
    }
    Ok(bytes)
}

/// One line of a JSONL input.
#[derive(Deserialize)]
struct JsonlRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Reads a JSONL file of `{"id", "html"|"text", "url"?}` lines. Blank lines
/// are not records; every other line is one record (an error entry when it
/// is not such an object).
fn read_jsonl(path: &Path, shown: &str, gz: bool, max: usize, sink: &mut dyn Sink) -> Flow {
    let file = match crate::record::open_or_report(path, shown, sink) {
        Ok(f) => f,
        Err(flow) => return flow,
    };
    let buffered = BufReader::with_capacity(1 << 18, file);
    let mut reader: Box<dyn BufRead> = if gz {
        Box::new(BufReader::new(MultiGzDecoder::new(buffered)))
    } else {
        Box::new(buffered)
    };
    // JSON escaping can grow a page; allow some room over the page limit.
    let limit = max.saturating_mul(2).saturating_add(4096);
    let mut line = Vec::new();
    let mut line_no = 0u64;
    loop {
        line.clear();
        line_no += 1;
        let source = format!("{shown}:{line_no}");
        let info = match read_line_bounded(&mut *reader, &mut line, limit) {
            Ok(l) => l,
            Err(e) => {
                let rec = Record::error(source.clone(), source, RecordError::from_io(&e));
                sink.push(Item::Record(rec));
                return Flow::Continue;
            }
        };
        if info.consumed == 0 {
            return Flow::Continue;
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) && !info.overflow {
            continue;
        }
        let record = if info.overflow {
            Record::error(
                source.clone(),
                source,
                RecordError::new("too-large", format!("JSONL line over {limit} bytes")),
            )
        } else {
            match serde_json::from_slice::<JsonlRecord>(&line) {
                Err(e) => Record::error(
                    source.clone(),
                    source,
                    RecordError::new("json", e.to_string()),
                ),
                Ok(j) => {
                    let id = match j.id {
                        Some(serde_json::Value::String(s)) => s,
                        Some(serde_json::Value::Number(n)) => n.to_string(),
                        _ => source.clone(),
                    };
                    if sink.is_done(&id) {
                        if sink.resumed() == Flow::Stop {
                            return Flow::Stop;
                        }
                        continue;
                    }
                    let payload = match (j.html, j.text) {
                        (Some(h), _) => page_payload(h, InputKind::Html, max),
                        (None, Some(t)) => page_payload(t, InputKind::Text, max),
                        (None, None) => Payload::Error(RecordError::new(
                            "missing-field",
                            "JSONL record has neither \"html\" nor \"text\"",
                        )),
                    };
                    Record {
                        id,
                        source,
                        url: j.url.filter(|u| !u.is_empty()),
                        payload,
                    }
                }
            }
        };
        if sink.push(Item::Record(record)) == Flow::Stop {
            return Flow::Stop;
        }
    }
}

fn page_payload(s: String, input: InputKind, max: usize) -> Payload {
    if s.len() > max {
        return Payload::Error(RecordError::new(
            "too-large",
            format!("record of {} bytes is over the limit of {max}", s.len()),
        ));
    }
    Payload::Page {
        bytes: s.into_bytes(),
        offset: 0,
        input,
        http_charset: None,
    }
}

/// Reads a list of paths, one a line, from `r` (for `--files-from`).
pub fn path_lines<R: BufRead>(r: R) -> impl Iterator<Item = PathBuf> {
    r.lines().map_while(Result::ok).filter_map(|l| {
        let t = l.trim_end_matches(['\r', '\n']);
        (!t.trim().is_empty()).then(|| PathBuf::from(t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        assert_eq!(
            Format::of(Path::new("a/CC-NEWS-1.warc.gz")),
            Some(Format::Warc { gz: true })
        );
        assert_eq!(
            Format::of(Path::new("x.WARC")),
            Some(Format::Warc { gz: false })
        );
        assert_eq!(
            Format::of(Path::new("r.jsonl")),
            Some(Format::Jsonl { gz: false })
        );
        assert_eq!(
            Format::of(Path::new("p.html.gz")),
            Some(Format::Page(InputKind::Auto))
        );
        assert_eq!(
            Format::of(Path::new("p.txt")),
            Some(Format::Page(InputKind::Text))
        );
        assert_eq!(Format::of(Path::new("p.png")), None);
        assert_eq!(Format::of(Path::new("README")), None);
    }
}

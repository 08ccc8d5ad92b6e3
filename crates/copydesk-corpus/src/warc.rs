//! WARC and WARC.gz reading.
//!
//! Header blocks are parsed by the `warc` crate (`warc::parser::headers`);
//! the record framing around it is ours, because the crate's iterators
//! neither report record offsets nor tell a truncated last record from a
//! clean end (a header cut short ends its iterator silently). Framing here:
//! read the header block line by line (bounded), parse it, then read exactly
//! `Content-Length` bytes of block, refusing records over the size limit
//! without holding them. WARC.gz is read one gzip member at a time, so
//! every record's `source` is `file.warc.gz#offset` with the member's
//! compressed offset, as CDX indexes give it.

use crate::io::{read_line_bounded, skip, Counting, ReadBlock};
use crate::record::{Flow, Item, Members, Payload, Record, RecordError, Sink};
use copydesk::InputKind;
use flate2::bufread::GzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The largest WARC header block we accept.
const MAX_HEADER: usize = 1 << 20;

/// How reading one stream ended.
enum End {
    /// Clean end of the stream.
    Done,
    /// The sink asked to stop.
    Stop,
    /// The stream is broken (an error entry was pushed); stop this file.
    Broken,
}

/// Reads the WARC or WARC.gz file at `path` (gzip is recognised by its
/// magic number; `gz` is the guess from the name, used for an empty file),
/// pushing its HTML response and resource records. `shown` is the path as
/// given.
pub fn read_file(path: &Path, shown: &str, gz: bool, max: usize, sink: &mut dyn Sink) -> Flow {
    let file = match crate::record::open_or_report(path, shown, sink) {
        Ok(f) => f,
        Err(flow) => return flow,
    };
    let mut outer = Counting::new(BufReader::with_capacity(1 << 18, file));
    // The content decides, not the name: a gzip magic number means WARC.gz.
    let gz = match outer.fill_buf() {
        Ok(head) if head.len() >= 2 => head.starts_with(&[0x1f, 0x8b]),
        _ => gz,
    };
    if !gz {
        let name = |_: usize, pos: u64| format!("{shown}#{pos}");
        return match read_stream(&mut outer, &name, max, sink) {
            End::Stop => Flow::Stop,
            End::Done | End::Broken => Flow::Continue,
        };
    }
    if sink.split_members() {
        #[cfg(unix)]
        {
            drop(outer);
            return split_members(path, shown, sink);
        }
    }
    match members(&mut outer, 0, u64::MAX, shown, max, sink).0 {
        End::Stop => Flow::Stop,
        End::Done | End::Broken => Flow::Continue,
    }
}

/// A reader that can be taken out of the gzip decoder and put back, so
/// that one decoder, its inflate state and its output buffer serve every
/// member of a file (or run) instead of being built again for each.
struct Slot<R>(Option<R>);

impl<R: Read> Read for Slot<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match &mut self.0 {
            Some(r) => r.read(buf),
            None => Ok(0),
        }
    }
}

impl<R: BufRead> BufRead for Slot<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        match &mut self.0 {
            Some(r) => r.fill_buf(),
            None => Ok(&[]),
        }
    }

    fn consume(&mut self, amt: usize) {
        if let Some(r) = &mut self.0 {
            r.consume(amt);
        }
    }
}

/// One gzip member's decompressed bytes, buffered (a few KiB, for the
/// header lines; a record's block is read past the buffer).
type MemberReader<'a, R> = BufReader<GzDecoder<Slot<&'a mut Counting<R>>>>;

/// Reads the gzip members of `outer` (whose first byte is at file offset
/// `base`) that begin before offset `end`, each as its own stream. Returns
/// how it ended and the file offset reached.
fn members<R: BufRead>(
    outer: &mut Counting<R>,
    base: u64,
    end: u64,
    shown: &str,
    max: usize,
    sink: &mut dyn Sink,
) -> (End, u64) {
    // One decoder for all the members: reset at each member's start (the
    // inflate state in place), its output buffer kept (it is empty at a
    // member's clean end, and a member that does not end cleanly ends the
    // reading).
    // (Made on an empty slot: `GzDecoder::new` reads a header at once.)
    let mut member: MemberReader<'_, R> =
        BufReader::with_capacity(MEMBER_BUFFER, GzDecoder::new(Slot(None)));
    member.get_mut().get_mut().0 = Some(outer);
    let outer_pos =
        |m: &MemberReader<'_, R>| m.get_ref().get_ref().0.as_ref().map_or(0, |o| o.pos());
    loop {
        let offset = base + outer_pos(&member);
        if offset >= end {
            return (End::Done, offset);
        }
        let Some(outer) = member.get_mut().get_mut().0.as_mut() else {
            return (End::Done, offset);
        };
        match outer.fill_buf() {
            Ok([]) => return (End::Done, offset),
            Ok(_) => {}
            Err(e) => {
                let src = format!("{shown}#{offset}");
                let rec = Record::error(src.clone(), src, RecordError::from_io(&e));
                let end = match sink.push(Item::Record(rec)) {
                    Flow::Stop => End::Stop,
                    Flow::Continue => End::Broken,
                };
                return (end, offset);
            }
        }
        let name = move |k: usize, _: u64| {
            if k == 0 {
                format!("{shown}#{offset}")
            } else {
                format!("{shown}#{offset}.{k}")
            }
        };
        // A new member: the decoder starts over on the same reader.
        let decoder = member.get_mut();
        let reader = decoder.get_mut().0.take();
        decoder.reset(Slot(reader));
        match read_stream(&mut Counting::new(&mut member), &name, max, sink) {
            End::Done => {}
            other => return (other, base + outer_pos(&member)),
        }
    }
}

/// Compressed bytes a run of members aims at (a run ends at the first
/// gzip header past this many bytes).
/// The results of a run wait in the writer's window until their turn, so
/// the run's size also bounds the output lines in flight: about 12 pages
/// of news (about 130 KB of output) a run, 12 runs for two jobs. What a
/// run costs besides its members (a read buffer, a gzip decoder's state)
/// is then spread over a dozen pages (at 16 KiB, three, it was about 1%
/// of the batch's instructions).
const RUN_BYTES: u64 = 64 << 10;

/// Compressed bytes a member run reads from its file at once.
const OUTER_BUFFER: usize = 16 << 10;

/// Inflated bytes buffered ahead of a member's reader: no more than the
/// reads `read_to_end` makes (8 KiB and up), so that a record's block
/// bypasses the buffer.
const MEMBER_BUFFER: usize = 8 << 10;

/// Whether `b` (at least 4 bytes) starts like a gzip member: magic,
/// deflate, no reserved flag bits.
fn gzip_header_at(b: &[u8]) -> bool {
    matches!(b, [0x1f, 0x8b, 8, flags, ..] if flags & 0xe0 == 0)
}

/// Splits the WARC.gz file at `path` into runs of members at the gzip
/// headers a byte scan finds, without inflating anything, and pushes them
/// as [`Item::Members`]. Memory: one read buffer.
#[cfg(unix)]
fn split_members(path: &Path, shown: &str, sink: &mut dyn Sink) -> Flow {
    let file = match crate::record::open_or_report(path, shown, sink) {
        Ok(f) => std::sync::Arc::new(f),
        Err(flow) => return flow,
    };
    let shown: std::sync::Arc<str> = shown.into();
    let run = |start: u64, end: u64| {
        Item::Members(Members {
            file: std::sync::Arc::clone(&file),
            shown: std::sync::Arc::clone(&shown),
            start,
            end,
        })
    };
    const BLOCK: usize = 1 << 18;
    // The last 3 bytes of a block are scanned again at the front of the
    // next, so a header across two blocks is seen once.
    let mut buf = vec![0u8; BLOCK + 3];
    let mut carry = 0usize;
    // File offset of `buf[0]`.
    let mut base = 0u64;
    let mut start = 0u64;
    let mut reader = &*file;
    loop {
        let n = loop {
            match reader.read(buf.get_mut(carry..).unwrap_or(&mut [])) {
                Ok(n) => break Ok(n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => break Err(e),
            }
        };
        let n = match n {
            Ok(n) => n,
            Err(_) => {
                // Let the worker meet the error where it is.
                return sink.push(run(start, u64::MAX));
            }
        };
        if n == 0 {
            let len = base + carry as u64;
            if len > start {
                return sink.push(run(start, len));
            }
            return Flow::Continue;
        }
        let filled = carry + n;
        let block = buf.get(..filled).unwrap_or(&[]);
        for i in memchr::memmem::find_iter(block, b"\x1f\x8b\x08") {
            let at = base + i as u64;
            if at >= start + RUN_BYTES
                && block
                    .get(i..)
                    .is_some_and(|b| b.len() >= 4 && gzip_header_at(b))
            {
                if sink.push(run(start, at)) == Flow::Stop {
                    return Flow::Stop;
                }
                start = at;
            }
        }
        // A header is checked only with its flag byte in the block: the
        // last 3 bytes go round again.
        let keep = filled.min(3);
        buf.copy_within(filled - keep..filled, 0);
        base += (filled - keep) as u64;
        carry = keep;
    }
}

/// A reader at a position of a file, by positioned reads (the file's own
/// cursor is left alone, so many can read one file at once).
#[cfg(unix)]
struct PosReader<'a> {
    file: &'a File,
    pos: u64,
}

#[cfg(unix)]
impl Read for PosReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::os::unix::fs::FileExt;
        let n = self.file.read_at(buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// What reading a run of members found out about the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunEnd {
    /// The file offset where reading stopped: the end of the last member
    /// read, at or past the run's `end` unless the file is broken.
    pub reached: u64,
    /// The file is broken there (an error entry was pushed): nothing after
    /// it is read.
    pub broken: bool,
}

/// Inflates and reads the members of `m` that begin before `m.end`, from
/// `m.start` (reading the last one to its end, past `m.end` if it runs
/// on), pushing their records to `sink`.
pub fn read_members(m: &Members, max: usize, sink: &mut dyn Sink) -> RunEnd {
    #[cfg(unix)]
    {
        let mut outer = Counting::new(BufReader::with_capacity(
            OUTER_BUFFER,
            PosReader {
                file: &m.file,
                pos: m.start,
            },
        ));
        let (end, reached) = members(&mut outer, m.start, m.end, &m.shown, max, sink);
        RunEnd {
            reached,
            broken: !matches!(end, End::Done),
        }
    }
    #[cfg(not(unix))]
    {
        let src = format!("{}#{}", m.shown, m.start);
        let err = RecordError::new("io", "positioned reads are not supported here");
        sink.push(Item::Record(Record::error(src.clone(), src, err)));
        RunEnd {
            reached: m.start,
            broken: true,
        }
    }
}

/// Reads the records of one (decompressed) stream.
fn read_stream<R: ReadBlock>(
    r: &mut Counting<R>,
    name: &dyn Fn(usize, u64) -> String,
    max: usize,
    sink: &mut dyn Sink,
) -> End {
    let mut index = 0usize;
    let mut header = Vec::with_capacity(4096);
    loop {
        // Blank lines between records (the record's trailing CRLFCRLF).
        loop {
            match r.fill_buf() {
                Ok([]) => return End::Done,
                Ok(buf) => {
                    let blank = buf
                        .iter()
                        .take_while(|b| matches!(b, b'\r' | b'\n'))
                        .count();
                    if blank == 0 {
                        break;
                    }
                    r.consume(blank);
                }
                Err(e) => return broken(sink, name(index, r.pos()), RecordError::from_io(&e)),
            }
        }
        let source = name(index, r.pos());
        index += 1;
        header.clear();
        loop {
            let line = match read_line_bounded(r, &mut header, MAX_HEADER) {
                Ok(l) => l,
                Err(e) => return broken(sink, source, RecordError::from_io(&e)),
            };
            if line.overflow {
                return broken(
                    sink,
                    source,
                    RecordError::new("warc-format", "WARC header block over 1 MiB"),
                );
            }
            if !line.terminated {
                return broken(
                    sink,
                    source,
                    RecordError::new("truncated", "input ends inside a WARC header"),
                );
            }
            if header.ends_with(b"\n\r\n") || header.ends_with(b"\n\n") {
                break;
            }
        }
        let info = match parse_header(&header) {
            Ok(h) => h,
            Err(e) => return broken(sink, source, e),
        };
        let id = info.record_id.clone().unwrap_or_else(|| source.clone());
        let len = info.content_length;
        let skip_reason = match info.warc_type.as_str() {
            "response" | "resource" => None,
            "request" => Some("warc-request"),
            "metadata" => Some("warc-metadata"),
            "warcinfo" => Some("warc-warcinfo"),
            "revisit" => Some("warc-revisit"),
            "conversion" => Some("warc-conversion"),
            _ => Some("warc-other"),
        };
        let done = skip_reason.is_none() && sink.is_done(&id);
        if skip_reason.is_some() || done || len > max as u64 {
            match skip(r, len) {
                Ok(n) if n == len => {}
                Ok(_) => {
                    return broken(
                        sink,
                        source,
                        RecordError::new("truncated", "input ends inside a WARC record"),
                    )
                }
                Err(e) => return broken(sink, source, RecordError::from_io(&e)),
            }
            let flow = if let Some(reason) = skip_reason {
                sink.push(Item::Skipped(reason))
            } else if done {
                sink.resumed()
            } else {
                let err = RecordError::new(
                    "too-large",
                    format!("record of {len} bytes is over the limit of {max}"),
                );
                sink.push(Item::Record(Record {
                    id,
                    source,
                    url: info.target_uri,
                    payload: Payload::Error(err),
                }))
            };
            if flow == Flow::Stop {
                return End::Stop;
            }
            continue;
        }
        let mut block = Vec::new();
        match r.read_block(len, &mut block) {
            Ok(n) if n == len => {}
            Ok(_) => {
                return broken(
                    sink,
                    source,
                    RecordError::new("truncated", "input ends inside a WARC record"),
                )
            }
            Err(e) => return broken(sink, source, RecordError::from_io(&e)),
        }
        let item = page_item(info, id, source, block);
        if sink.push(item) == Flow::Stop {
            return End::Stop;
        }
    }
}

fn broken(sink: &mut dyn Sink, source: String, err: RecordError) -> End {
    let rec = Record::error(source.clone(), source, err);
    match sink.push(Item::Record(rec)) {
        Flow::Stop => End::Stop,
        Flow::Continue => End::Broken,
    }
}

/// The WARC header fields we use.
#[derive(Debug)]
struct Header {
    warc_type: String,
    record_id: Option<String>,
    target_uri: Option<String>,
    content_type: Option<String>,
    content_length: u64,
}

fn parse_header(block: &[u8]) -> Result<Header, RecordError> {
    let (_, (_version, fields, _len)) = warc::parser::headers(block).map_err(|e| {
        RecordError::new(
            "warc-format",
            format!("bad WARC header: {}", short_nom_error(&e)),
        )
    })?;
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
    };
    let content_length = get("Content-Length")
        .ok_or_else(|| RecordError::new("warc-format", "WARC record without Content-Length"))?
        .parse::<u64>()
        .map_err(|_| RecordError::new("warc-format", "bad WARC Content-Length"))?;
    Ok(Header {
        warc_type: get("WARC-Type").unwrap_or_default().to_ascii_lowercase(),
        record_id: get("WARC-Record-ID")
            .map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string()),
        target_uri: get("WARC-Target-URI")
            .map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string())
            .filter(|v| !v.is_empty()),
        content_type: get("Content-Type"),
        content_length,
    })
}

fn short_nom_error(e: &nom::Err<nom::error::Error<&[u8]>>) -> String {
    match e {
        nom::Err::Incomplete(_) => "incomplete".to_string(),
        nom::Err::Error(e) | nom::Err::Failure(e) => {
            let at: String =
                String::from_utf8_lossy(e.input.get(..e.input.len().min(40)).unwrap_or(&[]))
                    .into_owned();
            format!("{:?} at {at:?}", e.code)
        }
    }
}

/// Turns a read WARC block into a page record, or a skip.
fn page_item(info: Header, id: String, source: String, block: Vec<u8>) -> Item {
    let is_http = info
        .content_type
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
    let (payload, content_type) = if info.warc_type == "response" && is_http {
        let http = match parse_http(&block) {
            Some(h) => h,
            None => {
                let err = RecordError::new("http-format", "no HTTP header block in the response");
                return Item::Record(Record {
                    id,
                    source,
                    url: info.target_uri,
                    payload: Payload::Error(err),
                });
            }
        };
        if !(200..300).contains(&http.status) {
            return Item::Skipped("http-status");
        }
        let start = http.body_start.min(block.len());
        let dechunked = if http.chunked {
            dechunk(block.get(start..).unwrap_or(&[]))
        } else {
            None
        };
        // The body stays where it is in the block, after the HTTP header.
        let body = match dechunked {
            Some(b) => (b, 0),
            None => (block, start),
        };
        (body, http.content_type)
    } else {
        ((block, 0), info.content_type)
    };
    let (payload, offset) = payload;
    let payload_bytes = payload.get(offset..).unwrap_or(&[]);
    let html = match content_type.as_deref() {
        Some(t) => {
            let t = t.to_ascii_lowercase();
            t.contains("html")
        }
        None => {
            let head = payload_bytes
                .get(..payload_bytes.len().min(2048))
                .unwrap_or(payload_bytes);
            copydesk::looks_like_html(&String::from_utf8_lossy(head))
        }
    };
    if !html {
        return Item::Skipped("not-html");
    }
    Item::Record(Record {
        id,
        source,
        url: info.target_uri,
        payload: Payload::Page {
            bytes: payload,
            offset,
            input: InputKind::Html,
            http_charset: content_type.as_deref().and_then(charset_of),
        },
    })
}

struct Http {
    status: u16,
    content_type: Option<String>,
    chunked: bool,
    body_start: usize,
}

fn parse_http(block: &[u8]) -> Option<Http> {
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| i + 4);
    // A bare "\n\n" counts only before the first CRLF CRLF (not somewhere
    // in the body).
    let head = block.get(..crlf.unwrap_or(block.len())).unwrap_or(block);
    let lf = memchr::memmem::find(head, b"\n\n").map(|i| i + 2);
    let body_start = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let head = String::from_utf8_lossy(block.get(..body_start)?);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())?;
    let mut content_type = None;
    let mut chunked = false;
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let k = k.trim();
        if k.eq_ignore_ascii_case("content-type") {
            content_type = Some(v.trim().to_string());
        } else if k.eq_ignore_ascii_case("transfer-encoding") {
            chunked = v.to_ascii_lowercase().contains("chunked");
        }
    }
    Some(Http {
        status,
        content_type,
        chunked,
        body_start,
    })
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
            (!v.is_empty()).then(|| v.to_string())
        } else {
            None
        }
    })
}

/// Undoes HTTP chunked transfer coding; `None` when it is malformed.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = memchr::memchr(b'\n', body)?;
        let size_line = String::from_utf8_lossy(body.get(..eol)?);
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = body.get(eol + 1..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_and_chunks() {
        assert_eq!(
            charset_of("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_of("text/html"), None);
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
        assert_eq!(dechunk(b"10\r\nshort"), None);
    }

    #[test]
    fn http_head() {
        let h = parse_http(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x").unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.content_type.as_deref(), Some("text/html"));
        assert_eq!(
            &b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x"[h.body_start..],
            b"<p>x"
        );
        assert!(parse_http(b"garbage").is_none());
    }
}

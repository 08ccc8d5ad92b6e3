#![allow(dead_code)]
//! Builders for test inputs: pages, WARC records, gzip members, and a
//! runner that returns the output lines.

use copydesk_corpus::{Config, Inputs, Output, Resume, Summary};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

pub fn page(title: &str, paras: &[&str]) -> String {
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1>\n{body}</article>\
         <footer>Copyright The Daily</footer></body></html>"
    )
}

pub fn hash(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A made-up word (one of 4,096).
pub fn word(n: u64) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "bi", "do", "fa", "gu", "ha", "ji", "pe",
        "zo",
    ];
    let h = hash(n) % 4096;
    let mut w = String::new();
    for k in 0..3 {
        w.push_str(
            SYL.get(((h >> (4 * k)) & 15) as usize)
                .copied()
                .unwrap_or("x"),
        );
    }
    w
}

pub fn sentence(seed: usize) -> String {
    let mut s = String::from("The");
    for i in 0..14u64 {
        s.push(' ');
        s.push_str(&word(hash(seed as u64) ^ i));
    }
    s.push_str(" said on Tuesday.");
    s
}

pub fn story(seed: usize) -> Vec<String> {
    (0..4)
        .map(|p| {
            (0..3)
                .map(|s| sentence(seed * 31 + p * 5 + s))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn story_page(title: &str, seed: usize) -> String {
    let paras = story(seed);
    let refs: Vec<&str> = paras.iter().map(|s| s.as_str()).collect();
    page(title, &refs)
}

pub fn warc_record(kind: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Date: 2026-11-27T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    v.extend_from_slice(block);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

pub fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    v.extend_from_slice(body);
    v
}

pub fn response(id: &str, uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    warc_record(
        "response",
        id,
        uri,
        "application/http; msgtype=response",
        &http_response("200 OK", content_type, body),
    )
}

pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

pub fn run_with(
    inputs: Vec<PathBuf>,
    out: &Path,
    cfg: &Config,
) -> (Vec<serde_json::Value>, Summary) {
    let output = Output::create(out).unwrap();
    let stop = AtomicBool::new(false);
    let summary = copydesk_corpus::run(
        Inputs::Paths(inputs),
        output,
        cfg,
        Resume::default(),
        &stop,
        &mut |_| {},
    )
    .unwrap();
    (read_lines(out), summary)
}

pub fn run(inputs: Vec<PathBuf>, out: &Path) -> (Vec<serde_json::Value>, Summary) {
    let cfg = Config {
        jobs: 2,
        chunk_records: 3,
        ..Config::default()
    };
    run_with(inputs, out, &cfg)
}

/// Every line of `path` parsed as JSON (panics on a line that is not).
pub fn read_lines(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "output ends mid-line"
    );
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect()
}

pub fn kind(v: &serde_json::Value) -> Option<&str> {
    v.get("error")
        .and_then(|e| e.get("kind"))
        .and_then(|k| k.as_str())
}

pub fn text(v: &serde_json::Value) -> &str {
    v.get("article")
        .and_then(|a| a.get("text"))
        .and_then(|t| t.as_str())
        .unwrap_or("")
}

pub fn s<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or("")
}

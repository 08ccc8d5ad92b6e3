//! Generates a synthetic news corpus and measures batch throughput.
//!
//! ```text
//! cargo run --release -p copydesk-corpus --example corpus_bench -- bench 2000
//! cargo run --release -p copydesk-corpus --example corpus_bench -- gen-warc corpus.warc.gz 20000
//! cargo run --release -p copydesk-corpus --example corpus_bench -- gen-dir pages/ 2000
//! ```
//!
//! `bench N` writes N pages into a temporary WARC.gz, times single-page
//! `copydesk::extract` over the same pages in one thread, then the batch
//! pipeline with 1 job and with 2 jobs, and prints pages/s, MB/s, the
//! speed-up and batch / (single × jobs).

use copydesk_corpus::{Config, Inputs, Output, Resume};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn hash(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn word(n: u64) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "bi", "do", "fa", "gu", "ha", "ji", "pe",
        "zo",
    ];
    let h = hash(n) % 20_000;
    let len = 2 + (h % 3);
    (0..len)
        .map(|k| SYL[((h >> (4 * k)) & 15) as usize])
        .collect()
}

fn sentence(key: u64) -> String {
    let n = 10 + hash(key) % 15;
    let mut s: Vec<String> = (0..n).map(|i| word(hash(key ^ (i << 32)))).collect();
    if let Some(f) = s.first_mut() {
        *f = f[..1].to_uppercase() + &f[1..];
    }
    s.join(" ") + "."
}

/// A page of roughly 20–40 KB: site chrome, an article of 6–14 paragraphs,
/// related links, scripts. Every 20th page repeats an earlier article
/// (another site's template), every 20th another has a sentence changed.
pub fn page(i: u64) -> String {
    let mut story = i;
    let mut edit = false;
    if i >= 40 && i % 20 == 7 {
        story = i - 33;
    } else if i >= 40 && i % 20 == 13 {
        story = i - 27;
        edit = true;
    }
    let paras = 6 + hash(story) % 9;
    let mut body = String::new();
    for p in 0..paras {
        body.push_str("<p>");
        for s in 0..(3 + hash(story * 100 + p) % 4) {
            let key = if edit && p == 2 && s == 0 {
                hash(i)
            } else {
                story * 10_000 + p * 100 + s
            };
            body.push_str(&sentence(key));
            body.push(' ');
        }
        body.push_str("</p>\n");
    }
    let nav: String = (0..60)
        .map(|k| format!("<li><a href=\"/section/{k}\">{}</a></li>", word(k + 7)))
        .collect();
    let related: String = (0..12)
        .map(|k| {
            format!(
                "<li><a href=\"/story/{}\">{}</a></li>",
                i + k,
                sentence(i * 7 + k)
            )
        })
        .collect();
    let script = "var x = 1; function track(e) { return e && e.id; } ".repeat(40);
    let site = i % 4;
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{t} | Site {site}</title><meta property=\"og:title\" content=\"{t}\">\
         <script>{script}</script></head><body>\
         <header><nav><ul>{nav}</ul></nav></header>\
         <main><article><h1>{t}</h1><p class=\"byline\">By Reporter {site}</p>\
         <time datetime=\"2026-11-27T10:00:00Z\">27 November 2026</time>\n{body}</article>\
         <aside><h3>Related</h3><ul>{related}</ul></aside></main>\
         <footer><p>© Site {site}</p><ul>{nav}</ul></footer></body></html>",
        t = sentence(story * 3 + 1),
    )
}

fn warc_member(i: u64, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bench-{i}>\r\n\
         WARC-Target-URI: https://site{}.example/story/{i}\r\nWARC-Date: 2026-11-27T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        i % 4,
        http.len()
    );
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    let _ = e.write_all(rec.as_bytes());
    e.finish().unwrap_or_default()
}

fn gen_warc(path: &Path, n: u64) -> std::io::Result<u64> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut bytes = 0;
    for i in 0..n {
        let html = page(i);
        bytes += html.len() as u64;
        f.write_all(&warc_member(i, &html))?;
    }
    f.flush()?;
    Ok(bytes)
}

fn gen_dir(dir: &Path, n: u64) -> std::io::Result<()> {
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("{i:06}.html")), page(i))?;
    }
    Ok(())
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn batch(path: &Path, out: &Path, jobs: usize) -> copydesk_corpus::Summary {
    let cfg = Config {
        jobs,
        ..Config::default()
    };
    let stop = AtomicBool::new(false);
    let output = Output::create(out).expect("create output");
    copydesk_corpus::run(
        Inputs::Paths(vec![path.to_path_buf()]),
        output,
        &cfg,
        Resume::default(),
        &stop,
        &mut |_| {},
    )
    .expect("batch")
}

fn bench(n: u64) {
    let dir = std::env::temp_dir().join(format!("copydesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let warc = dir.join("corpus.warc.gz");
    let bytes = gen_warc(&warc, n).expect("write corpus");
    println!(
        "corpus: {n} pages, {:.1} MB of HTML, {:.1} MB gzipped WARC; load average {}",
        bytes as f64 / 1e6,
        std::fs::metadata(&warc).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        loadavg()
    );

    let pages: Vec<String> = (0..n).map(page).collect();
    let opts = copydesk::Options::default();
    let t = Instant::now();
    let mut ok = 0;
    for p in &pages {
        if copydesk::extract(p.as_bytes(), &opts).is_ok() {
            ok += 1;
        }
    }
    let single = n as f64 / t.elapsed().as_secs_f64();
    drop(pages);
    println!("single-page extract, 1 thread: {single:.1} pages/s ({ok} ok)");

    let out = dir.join("out.jsonl");
    let mut one = 0.0;
    for jobs in [1usize, 2] {
        let s = batch(&warc, &out, jobs);
        let pps = s.pages_per_sec();
        if jobs == 1 {
            one = pps;
        }
        println!(
            "batch --jobs {jobs}: {} records in {:.2} s: {pps:.1} pages/s, {:.2} MB/s; \
             {} duplicates; speed-up over --jobs 1 {:.2}x; batch / (single x jobs) {:.2}; load {}",
            s.records,
            s.elapsed.as_secs_f64(),
            s.mb_per_sec(),
            s.duplicates(),
            pps / one.max(1e-9),
            pps / (single * jobs as f64),
            loadavg()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = |i: usize| -> u64 { args.get(i).and_then(|s| s.parse().ok()).unwrap_or(1000) };
    match args.first().map(String::as_str) {
        Some("bench") => bench(n(1)),
        Some("gen-warc") => {
            let path = PathBuf::from(
                args.get(1)
                    .cloned()
                    .unwrap_or_else(|| "corpus.warc.gz".into()),
            );
            let bytes = gen_warc(&path, n(2)).expect("write corpus");
            println!(
                "{}: {} pages, {:.1} MB of HTML",
                path.display(),
                n(2),
                bytes as f64 / 1e6
            );
        }
        Some("gen-dir") => {
            let path = PathBuf::from(args.get(1).cloned().unwrap_or_else(|| "pages".into()));
            gen_dir(&path, n(2)).expect("write pages");
            println!("{}: {} pages", path.display(), n(2));
        }
        _ => eprintln!("usage: corpus_bench bench N | gen-warc FILE N | gen-dir DIR N"),
    }
}

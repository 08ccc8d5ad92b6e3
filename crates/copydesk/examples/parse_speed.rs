//! Parse-only speed: `cargo run --release -p copydesk --example parse_speed -- DIR [REPEATS] [lol|html5ever]`.
//!
//! Reads `DIR/html/*.html.gz`, gunzips and decodes every page up front, then
//! times `html::parse` alone over all pages, REPEATS times (default 5), and
//! prints the best pass. `REPEATS=1` suits `valgrind --tool=callgrind`
//! (`--toggle-collect='*parse_stage*'` counts the parse and the tree's drop
//! alone, without reading, gunzip and decoding).

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/bench/scrapinghub".into());
    let repeats: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let which = args.next().unwrap_or_else(|| "lol".into());
    let mut pages = Vec::new();
    let html_dir = std::path::Path::new(&dir).join("html");
    let Ok(entries) = std::fs::read_dir(&html_dir) else {
        eprintln!("cannot read {}", html_dir.display());
        std::process::exit(2);
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Ok(gz) = std::fs::read(&path) else {
            continue;
        };
        let Ok((bytes, _)) = copydesk::decode::gunzip(&gz, 1 << 30) else {
            continue;
        };
        pages.push(copydesk::decode::decode(&bytes, None).text.into_owned());
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut nodes = 0usize;
    for _ in 0..repeats {
        let t = Instant::now();
        nodes = 0;
        for page in &pages {
            nodes += parse_stage(page, &which);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{which}: {} pages, {:.1} MB, {nodes} nodes: best of {repeats} {:.3}s = {:.0} pages/s, {:.1} MB/s",
        pages.len(),
        bytes as f64 / 1e6,
        best,
        pages.len() as f64 / best,
        bytes as f64 / best / 1e6
    );
}

/// One page parsed and its tree dropped (a separate function so callgrind
/// can toggle on it); returns the tree's node count.
#[inline(never)]
fn parse_stage(page: &str, which: &str) -> usize {
    let dom = match which {
        "html5ever" => copydesk::html::parse_html5ever(page),
        _ => copydesk::html::parse(page),
    };
    dom.len()
}

//! Near-duplicate detection on a generated set, through the whole batch
//! pipeline (HTML pages → extraction → MinHash/LSH): families of articles
//! with small edits, reordered paragraphs and different site boilerplate,
//! next to follow-up stories that reuse some paragraphs (not duplicates).
//! Precision must be ≥ 0.98 and recall ≥ 0.95 at the default threshold.

mod common;

use common::{hash, read_lines, run_with, s, word};
use copydesk_corpus::Config;
use std::collections::HashMap;

const BASES: u64 = 40;
const PARAS: u64 = 10;

fn paragraph(base: u64, p: u64) -> String {
    let mut out = Vec::new();
    for sent in 0..4u64 {
        let key = hash(base * 1_000_003 + p * 1_009 + sent);
        let n = 12 + key % 7;
        let mut words: Vec<String> = (0..n).map(|i| word(key ^ (i * 0x51ED))).collect();
        if let Some(first) = words.first_mut() {
            let mut c = first.chars();
            if let Some(f) = c.next() {
                *first = f.to_uppercase().chain(c).collect();
            }
        }
        out.push(format!("{}.", words.join(" ")));
    }
    out.join(" ")
}

/// Changes `count` words of the paragraphs, spread over the text.
fn edit(paras: &mut [String], count: u64, salt: u64) {
    let total = paras.len() as u64;
    for k in 0..count {
        let Some(p) = paras.get_mut(((k * 7 + salt) % total) as usize) else {
            continue;
        };
        let mut words: Vec<String> = p.split(' ').map(str::to_string).collect();
        let i = ((hash(salt + k) % (words.len() as u64 - 1)) + 1) as usize;
        if let Some(w) = words.get_mut(i) {
            *w = word(hash(salt ^ k ^ 0xABCD));
        }
        *p = words.join(" ");
    }
}

fn template(site: u64, title: &str, paras: &[String]) -> String {
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    match site % 3 {
        0 => format!(
            "<!DOCTYPE html><html><head><title>{title} | The Daily</title></head><body>\
             <header><nav><a href=\"/\">Home</a><a href=\"/world\">World</a><a href=\"/sport\">Sport</a></nav></header>\
             <main><article><h1>{title}</h1><p class=\"byline\">By Ann Lee</p>\n{body}</article></main>\
             <footer><p>© The Daily. All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer></body></html>"
        ),
        1 => format!(
            "<html><head><meta charset=\"utf-8\"><title>{title} - Evening Post</title></head><body>\
             <div id=\"top\"><ul class=\"menu\"><li><a href=\"/a\">Politics</a></li><li><a href=\"/b\">Business</a></li></ul></div>\
             <div class=\"story\"><h1 class=\"headline\">{title}</h1>\n{body}</div>\
             <aside class=\"related\"><h3>Most read</h3><ul><li><a href=\"/x\">Ten things about trams</a></li>\
             <li><a href=\"/y\">Where to eat this weekend</a></li></ul></aside>\
             <div class=\"newsletter\">Sign up for our newsletter to get the news first.</div></body></html>"
        ),
        _ => format!(
            "<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body>\
             <div class=\"cookie\">We use cookies. <a href=\"/ok\">OK</a></div>\
             <section class=\"content\"><article class=\"post\"><header><h1>{title}</h1></header>\
             <div class=\"entry-content\">\n{body}</div><div class=\"share\">Share: Facebook Twitter Email</div></article></section>\
             <div class=\"comments\"><h3>0 comments</h3></div><footer>Powered by a CMS</footer></body></html>"
        ),
    }
}

#[test]
fn near_duplicates_precision_and_recall() {
    let dir = tempfile::tempdir().unwrap();
    // (family, html)
    let mut pages: Vec<(u64, String)> = Vec::new();
    let mut variant_of: Vec<&str> = Vec::new();
    for b in 0..BASES {
        let paras: Vec<String> = (0..PARAS).map(|p| paragraph(b, p)).collect();
        let title = format!("Story number {b} about the {}", word(b));
        variant_of.push("original");
        pages.push((b, template(b, &title, &paras)));
        // Small edits: six words changed, another site.
        let mut e = paras.clone();
        edit(&mut e, 6, b);
        variant_of.push("edits");
        pages.push((b, template(b + 1, &title, &e)));
        // Reordered paragraphs.
        let mut r = paras.clone();
        r.swap(1, 2);
        r.swap(6, 7);
        variant_of.push("reordered");
        pages.push((b, template(b, &title, &r)));
        // Different boilerplate and a new headline.
        variant_of.push("boilerplate");
        pages.push((b, template(b + 2, &format!("UPDATED: {title}"), &paras)));
        // Everything at once: edits, a moved paragraph, another site, a line added.
        let mut m = paras.clone();
        edit(&mut m, 3, b + 99);
        let moved = m.remove(2);
        m.push(moved);
        m.push("This story has been updated.".to_string());
        variant_of.push("mixed");
        pages.push((b, template(b + 1, &title, &m)));
        // Not duplicates: a follow-up that reuses three paragraphs…
        let fam = 1_000 + b;
        let mut f: Vec<String> = (0..PARAS).map(|p| paragraph(fam, p)).collect();
        for (i, p) in [0usize, 4, 8].iter().enumerate() {
            if let (Some(dst), Some(src)) = (f.get_mut(i * 3), paras.get(*p)) {
                *dst = src.clone();
            }
        }
        variant_of.push("follow-up");
        pages.push((fam, template(b, &format!("Follow-up to story {b}"), &f)));
        // …and, for every other base, a rewrite that keeps half of them.
        if b % 2 == 0 {
            let fam = 2_000 + b;
            let mut h: Vec<String> = (0..PARAS).map(|p| paragraph(fam, p)).collect();
            for i in (0..PARAS as usize).step_by(2) {
                if let (Some(dst), Some(src)) = (h.get_mut(i), paras.get(i)) {
                    *dst = src.clone();
                }
            }
            variant_of.push("rewrite");
            pages.push((fam, template(b + 2, &format!("Rewrite of story {b}"), &h)));
        }
    }
    // A fixed shuffle, so originals are not always first.
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_key(|&i| hash(i as u64 * 7919));
    let mut jsonl = String::new();
    let mut family = HashMap::new();
    for (n, &i) in order.iter().enumerate() {
        let (fam, html) = &pages[i];
        let id = format!("page-{n}");
        family.insert(id.clone(), (*fam, variant_of[i]));
        jsonl.push_str(&serde_json::json!({"id": id, "html": html}).to_string());
        jsonl.push('\n');
    }
    let input = dir.path().join("set.jsonl");
    std::fs::write(&input, jsonl).unwrap();
    let out = dir.path().join("out.jsonl");
    let cfg = Config {
        jobs: 2,
        ..Config::default()
    };
    let (_, summary) = run_with(vec![input], &out, &cfg);
    let lines = read_lines(&out);
    assert_eq!(lines.len(), pages.len());
    assert_eq!(
        summary.articles as usize,
        pages.len(),
        "every page has a body"
    );

    let mut seen_families = HashMap::new();
    let (mut tp, mut fp, mut expected) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for l in &lines {
        let id = s(l, "id");
        let (fam, variant) = family[id];
        let repeat = seen_families.insert(fam, ()).is_some();
        let dup = s(l, "duplicate_of");
        if repeat {
            expected += 1;
            if dup.is_empty() {
                misses.push(variant);
                if std::env::var("NEAR_DUP_DEBUG").is_ok() {
                    let first = lines
                        .iter()
                        .find(|o| family[s(o, "id")].0 == fam)
                        .map(common::text)
                        .unwrap_or("");
                    let a = copydesk_corpus::dedup::fingerprint(first);
                    let b = copydesk_corpus::dedup::fingerprint(common::text(l));
                    let sh = |t: &str| {
                        let w: Vec<String> = t
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|x| !x.is_empty())
                            .map(|x| x.to_lowercase())
                            .collect();
                        w.windows(5)
                            .map(|x| x.join(" "))
                            .collect::<std::collections::HashSet<_>>()
                    };
                    let (sa, sb) = (sh(first), sh(common::text(l)));
                    eprintln!(
                        "TRUE J {:.3}",
                        sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64
                    );
                    eprintln!(
                        "MISS {variant} est {:.3} words {} vs {}\n---A {}\n---B {}",
                        copydesk_corpus::dedup::similarity(&a.minhash, &b.minhash),
                        first.split_whitespace().count(),
                        common::text(l).split_whitespace().count(),
                        first,
                        common::text(l)
                    );
                }
            }
        }
        if !dup.is_empty() {
            if family.get(dup).map(|f| f.0) == Some(fam) {
                tp += 1;
            } else {
                fp += 1;
                eprintln!("false duplicate: {id} ({variant}) of {dup}");
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / expected.max(1) as f64;
    eprintln!(
        "near-dup set: {} pages, {expected} duplicates expected, {tp} found, {fp} false; \
         precision {precision:.3}, recall {recall:.3}; missed: {misses:?}",
        pages.len()
    );
    assert!(tp + fp > 0);
    assert!(precision >= 0.98, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
}

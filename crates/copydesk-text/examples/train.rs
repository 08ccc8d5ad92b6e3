//! Retrains the line classifier and rewrites `src/weights.rs`.
//!
//! ```text
//! cargo run --release -p copydesk-text --example train -- \
//!     /work/shared/bench/textdumps/scrapinghub crates/copydesk-text/src/weights.rs
//! ```
//!
//! Data: `<dir>/{page-text,boilerpipe,recall}/input.json` (id -> {"text"}) and
//! `<dir>/ground-truth.json` (id -> {"articleBody"}). A line's label is the share
//! of its word 4-grams found in the gold body; rows are weighted by words so that
//! each page counts the same. Training is deterministic (full-batch Adam from
//! zero weights), so the same data gives the same weights.

// Dense numeric loops over fixed-size feature arrays read best with indices.
#![allow(clippy::needless_range_loop)]

use copydesk_text::internals::{page_features, stage2, N1, N2};
use serde_json::Value;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

const KINDS: [&str; 3] = ["page-text", "boilerpipe", "recall"];

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn gram_hash(ws: &[&str]) -> u64 {
    let mut h = DefaultHasher::new();
    ws.len().hash(&mut h);
    for w in ws {
        w.hash(&mut h);
    }
    h.finish()
}

struct Gold {
    grams: HashSet<u64>,
}

impl Gold {
    fn new(text: &str) -> Self {
        let ws = words(text);
        let mut grams = HashSet::new();
        for n in 1..=4 {
            for w in ws.windows(n) {
                grams.insert(gram_hash(w));
            }
        }
        Gold { grams }
    }

    /// Share of the line's words covered by gold n-grams.
    fn label(&self, line: &str) -> (f32, f32) {
        let ws = words(line);
        let n = ws.len();
        if n == 0 {
            return (0.0, 0.0);
        }
        if n < 4 {
            let y = if self.grams.contains(&gram_hash(&ws)) {
                1.0
            } else {
                0.0
            };
            return (y, n as f32);
        }
        let total = n - 3;
        let hit = ws
            .windows(4)
            .filter(|w| self.grams.contains(&gram_hash(w)))
            .count();
        (hit as f32 / total as f32, n as f32)
    }
}

struct PageRows {
    kind: usize,
    f1: Vec<[f32; N1]>,
    y: Vec<f32>,
    words: Vec<f32>,
    weight: Vec<f32>,
}

struct Lr<const N: usize> {
    w: [f32; N],
    mu: [f32; N],
    sd: [f32; N],
}

impl<const N: usize> Lr<N> {
    fn predict(&self, x: &[f32; N]) -> f32 {
        let mut z = 0f32;
        for j in 0..N {
            z += self.w[j] * (x[j] - self.mu[j]) / self.sd[j];
        }
        1.0 / (1.0 + (-z).exp())
    }
}

fn train<const N: usize>(xs: &[[f32; N]], ys: &[f32], ws: &[f32], l2: f32, epochs: usize) -> Lr<N> {
    let m = xs.len().max(1) as f32;
    let wsum: f32 = ws.iter().sum::<f32>().max(1e-6);
    let mut mu = [0f32; N];
    let mut sd = [1f32; N];
    for j in 1..N {
        let mean = xs.iter().map(|x| x[j]).sum::<f32>() / m;
        let var = xs.iter().map(|x| (x[j] - mean).powi(2)).sum::<f32>() / m;
        mu[j] = mean;
        sd[j] = if var > 1e-8 { var.sqrt() } else { 1.0 };
    }
    let mut w = [0f32; N];
    let (mut m1, mut m2) = ([0f32; N], [0f32; N]);
    let (b1, b2, lr, eps) = (0.9f32, 0.999f32, 0.05f32, 1e-8f32);
    let zs: Vec<[f32; N]> = xs
        .iter()
        .map(|x| {
            let mut z = [0f32; N];
            for j in 0..N {
                z[j] = (x[j] - mu[j]) / sd[j];
            }
            z
        })
        .collect();
    for t in 1..=epochs {
        let mut g = [0f32; N];
        for ((z, y), wt) in zs.iter().zip(ys).zip(ws) {
            let s: f32 = z.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-s).exp());
            let d = (p - y) * wt / wsum;
            for j in 0..N {
                g[j] += d * z[j];
            }
        }
        for j in 1..N {
            g[j] += l2 * w[j];
        }
        for j in 0..N {
            m1[j] = b1 * m1[j] + (1.0 - b1) * g[j];
            m2[j] = b2 * m2[j] + (1.0 - b2) * g[j] * g[j];
            let mh = m1[j] / (1.0 - b1.powi(t as i32));
            let vh = m2[j] / (1.0 - b2.powi(t as i32));
            w[j] -= lr * mh / (vh.sqrt() + eps);
        }
    }
    Lr { w, mu, sd }
}

/// Mean per-page word-weighted P and R per kind, from line decisions.
fn proxy(pages: &[&PageRows], keep: &[Vec<bool>]) -> [(f32, f32, f32); 3] {
    let mut acc = [(0f32, 0f32, 0usize); 3];
    for (p, k) in pages.iter().zip(keep) {
        let (mut tp, mut fp, mut fnn) = (0f32, 0f32, 0f32);
        for ((y, w), kept) in p.y.iter().zip(&p.words).zip(k) {
            if *kept {
                tp += w * y;
                fp += w * (1.0 - y);
            } else {
                fnn += w * y;
            }
        }
        let pr = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let rc = if tp + fnn > 0.0 { tp / (tp + fnn) } else { 1.0 };
        acc[p.kind].0 += pr;
        acc[p.kind].1 += rc;
        acc[p.kind].2 += 1;
    }
    acc.map(|(p, r, n)| {
        let n = n.max(1) as f32;
        let (p, r) = (p / n, r / n);
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    })
}

fn flatten<const N: usize>(
    pages: &[&PageRows],
    feats: &[Vec<[f32; N]>],
) -> (Vec<[f32; N]>, Vec<f32>, Vec<f32>) {
    let mut x = Vec::new();
    let mut y = Vec::new();
    let mut w = Vec::new();
    for (p, f) in pages.iter().zip(feats) {
        x.extend_from_slice(f);
        y.extend_from_slice(&p.y);
        w.extend_from_slice(&p.weight);
    }
    (x, y, w)
}

const L2: f32 = 1e-3;
const EPOCHS: usize = 300;

/// Trains both stages on `pages`; stage 2 sees cross-fitted stage-1 scores.
fn fit(pages: &[&PageRows]) -> (Lr<N1>, Lr<N2>) {
    let f1s: Vec<Vec<[f32; N1]>> = pages.iter().map(|p| p.f1.clone()).collect();
    let (x, y, w) = flatten(pages, &f1s);
    let s1 = train::<N1>(&x, &y, &w, L2, EPOCHS);
    // Cross-fitted stage-1 scores (two folds by page position).
    let mut p1s: Vec<Vec<f32>> = vec![Vec::new(); pages.len()];
    for fold in 0..2 {
        let tr: Vec<&PageRows> = pages
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 != fold)
            .map(|(_, p)| *p)
            .collect();
        let f: Vec<Vec<[f32; N1]>> = tr.iter().map(|p| p.f1.clone()).collect();
        let (x, y, w) = flatten(&tr, &f);
        let m = train::<N1>(&x, &y, &w, L2, EPOCHS);
        for (i, p) in pages.iter().enumerate() {
            if i % 2 == fold {
                p1s[i] = p.f1.iter().map(|r| m.predict(r)).collect();
            }
        }
    }
    let f2s: Vec<Vec<[f32; N2]>> = pages
        .iter()
        .zip(&p1s)
        .map(|(p, p1)| stage2(&p.f1, p1))
        .collect();
    let (x2, y2, w2) = flatten(pages, &f2s);
    let s2 = train::<N2>(&x2, &y2, &w2, L2, EPOCHS);
    (s1, s2)
}

fn decide(s1: &Lr<N1>, s2: &Lr<N2>, pages: &[&PageRows]) -> Vec<Vec<f32>> {
    pages
        .iter()
        .map(|p| {
            let p1: Vec<f32> = p.f1.iter().map(|r| s1.predict(r)).collect();
            stage2(&p.f1, &p1).iter().map(|r| s2.predict(r)).collect()
        })
        .collect()
}

fn best_threshold(pages: &[&PageRows], scores: &[Vec<f32>]) -> (f32, [(f32, f32, f32); 3]) {
    let mut best = (0.5f32, [(0f32, 0f32, 0f32); 3], f32::MIN);
    for t in (20..=80).step_by(2) {
        let th = t as f32 / 100.0;
        let keep: Vec<Vec<bool>> = scores
            .iter()
            .map(|s| s.iter().map(|p| *p >= th).collect())
            .collect();
        let r = proxy(pages, &keep);
        let total = r.iter().map(|x| x.2).sum::<f32>();
        if total > best.2 {
            best = (th, r, total);
        }
    }
    (best.0, best.1)
}

fn fmt_arr<const N: usize>(name: &str, a: &[f32; N]) -> String {
    let vals: Vec<String> = a.iter().map(|v| format!("{v:.6}")).collect();
    format!(
        "pub const {name}: [f32; {N}] = [\n    {},\n];\n",
        vals.join(",\n    ")
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/work/shared/bench/textdumps/scrapinghub".into()),
    );
    let out = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "crates/copydesk-text/src/weights.rs".into()),
    );
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)?;
    let mut pages: Vec<PageRows> = Vec::new();
    for (k, kind) in KINDS.iter().enumerate() {
        let input: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(kind).join("input.json"))?)?;
        let Some(obj) = input.as_object() else {
            continue;
        };
        let mut ids: Vec<&String> = obj.keys().collect();
        ids.sort();
        for id in ids {
            let text = obj[id.as_str()]["text"].as_str().unwrap_or("");
            let g = Gold::new(gold[id.as_str()]["articleBody"].as_str().unwrap_or(""));
            let (lines, f1) = page_features(text);
            let mut y = Vec::new();
            let mut wd = Vec::new();
            for l in &lines {
                let (lab, n) = g.label(l);
                y.push(lab);
                wd.push(n);
            }
            let total: f32 = wd.iter().map(|w| w + 1.0).sum::<f32>().max(1.0);
            let weight = wd.iter().map(|w| (w + 1.0) / total * 100.0).collect();
            pages.push(PageRows {
                kind: k,
                f1,
                y,
                words: wd,
                weight,
            });
        }
    }
    eprintln!(
        "{} pages, {} lines",
        pages.len(),
        pages.iter().map(|p| p.y.len()).sum::<usize>()
    );

    // Honest estimate: two folds by page id (the same page's three dumps stay together).
    let n_per_kind = pages.len() / 3;
    for fold in 0..2 {
        let in_fold = |i: usize| (i % n_per_kind.max(1)) % 2 == fold;
        let tr: Vec<&PageRows> = pages
            .iter()
            .enumerate()
            .filter(|(i, _)| !in_fold(*i))
            .map(|(_, p)| p)
            .collect();
        let te: Vec<&PageRows> = pages
            .iter()
            .enumerate()
            .filter(|(i, _)| in_fold(*i))
            .map(|(_, p)| p)
            .collect();
        let (s1, s2) = fit(&tr);
        let (th, _) = best_threshold(&tr, &decide(&s1, &s2, &tr));
        let sc = decide(&s1, &s2, &te);
        let keep: Vec<Vec<bool>> = sc
            .iter()
            .map(|s| s.iter().map(|p| *p >= th).collect())
            .collect();
        let r = proxy(&te, &keep);
        eprintln!("held-out fold {fold} (threshold {th:.2}):");
        for (k, kind) in KINDS.iter().enumerate() {
            eprintln!(
                "  {kind:>10}: P {:.3} R {:.3} F1 {:.3}",
                r[k].0, r[k].1, r[k].2
            );
        }
    }

    let all: Vec<&PageRows> = pages.iter().collect();
    let (s1, s2) = fit(&all);
    let (th, r) = best_threshold(&all, &decide(&s1, &s2, &all));
    eprintln!("all pages (threshold {th:.2}):");
    for (k, kind) in KINDS.iter().enumerate() {
        eprintln!(
            "  {kind:>10}: P {:.3} R {:.3} F1 {:.3}",
            r[k].0, r[k].1, r[k].2
        );
    }
    let mut src = String::from(
        "//! Line-classifier weights. Generated by\n//! `cargo run --release -p copydesk-text --example train`; do not edit by hand.\n\n",
    );
    src += &fmt_arr("W1", &s1.w);
    src += &fmt_arr("MU1", &s1.mu);
    src += &fmt_arr("SD1", &s1.sd);
    src += &fmt_arr("W2", &s2.w);
    src += &fmt_arr("MU2", &s2.mu);
    src += &fmt_arr("SD2", &s2.sd);
    src += &format!("pub const THRESHOLD: f32 = {th:.2};\n");
    std::fs::write(&out, src)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

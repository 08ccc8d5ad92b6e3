//! Exact and near-duplicate detection across a batch.
//!
//! Exact: xxh3 of the normalised body text (lower case, words only).
//! Near: MinHash over word 5-gram shingles, [`PERMS`] hash functions,
//! banded for LSH into [`BANDS`] bands of [`ROWS`] rows (the LSH curve's
//! knee is at Jaccard ≈ 0.65; a pair at 0.8 is a candidate with p ≈ 0.997,
//! at 0.83 with p > 0.9996), each candidate then checked against the
//! threshold with its stored signature (standard error of the estimate
//! ≈ 0.025 near 0.8). Only first-seen articles are indexed, so `duplicate_of`
//! always names a first-seen article.
//!
//! Memory per indexed article: one id, an 8-bit-per-hash signature
//! (256 bytes, corrected for chance collisions) and one hash-table entry
//! per band, about 0.8 KB in all; no text is kept.

use std::collections::HashMap;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Hash functions in a MinHash signature.
pub const PERMS: usize = 256;
/// LSH bands.
pub const BANDS: usize = 32;
/// Rows (hashes) per band.
pub const ROWS: usize = PERMS / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// The default near-duplicate Jaccard threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// What the index needs to know of one article; computed in parallel.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Hash of the normalised text.
    pub exact: u64,
    /// MinHash signature; empty when the text has no words.
    pub minhash: Vec<u32>,
}

/// Hashes of the lower-cased words of `text` (runs of letters and digits).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut buf = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        buf.clear();
        if w.is_ascii() {
            buf.push_str(w);
            buf.make_ascii_lowercase();
        } else {
            buf.extend(w.chars().flat_map(char::to_lowercase));
        }
        out.push(xxh3_64(buf.as_bytes()));
    }
    out
}

/// Multipliers and offsets of the [`PERMS`] hash functions
/// `x ↦ a·x + b (mod 2³²)` (a odd, so each is a permutation of u32).
const PERM_A: [u32; PERMS] = perm_constants(1);
const PERM_B: [u32; PERMS] = perm_constants(2);

const fn perm_constants(salt: u64) -> [u32; PERMS] {
    let mut out = [0u32; PERMS];
    let mut i = 0;
    while i < PERMS {
        let v = mix(SEEDS_BASE.wrapping_mul(i as u64 * 2 + salt));
        out[i] = (v >> 32) as u32 | (salt == 1) as u32;
        i += 1;
    }
    out
}

/// The fingerprint of an article's body text.
pub fn fingerprint(text: &str) -> Fingerprint {
    let word_hashes = word_hashes(text);
    let mut norm = Vec::with_capacity(word_hashes.len() * 8);
    for h in &word_hashes {
        norm.extend_from_slice(&h.to_le_bytes());
    }
    let exact = xxh3_64(&norm);
    if word_hashes.is_empty() {
        return Fingerprint {
            exact,
            minhash: Vec::new(),
        };
    }
    let mut mins = [u32::MAX; PERMS];
    let n = word_hashes.len();
    let windows = if n >= SHINGLE { n - SHINGLE + 1 } else { 1 };
    for start in 0..windows {
        let end = (start + SHINGLE).min(n);
        let bytes = norm.get(start * 8..end * 8).unwrap_or(&[]);
        let h = xxh3_64(bytes);
        let x = (h ^ (h >> 32)) as u32;
        for ((m, a), b) in mins.iter_mut().zip(&PERM_A).zip(&PERM_B) {
            let v = x.wrapping_mul(*a).wrapping_add(*b);
            *m = (*m).min(v);
        }
    }
    Fingerprint {
        exact,
        minhash: mins.to_vec(),
    }
}

const SEEDS_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's finaliser: a cheap, well-mixed permutation of u64.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Estimated Jaccard similarity of two full signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

/// Which kind of duplicate an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DupKind {
    Exact,
    Near,
}

/// The batch-wide index of first-seen articles.
pub struct Index {
    threshold: f64,
    ids: Vec<Box<str>>,
    /// 8 bits of each MinHash value, PERMS per article, article after article.
    sigs: Vec<u8>,
    exact: HashMap<u64, u32>,
    /// Band hash (32 bits: a collision only adds a candidate, which the
    /// signature check then rejects) → first article with that band.
    bands: HashMap<u32, u32>,
}

impl Index {
    pub fn new(threshold: f64) -> Self {
        Index {
            threshold,
            ids: Vec::new(),
            sigs: Vec::new(),
            exact: HashMap::new(),
            bands: HashMap::new(),
        }
    }

    /// Articles indexed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Looks `fp` up; when it duplicates an indexed article, returns that
    /// article's id, otherwise indexes it under `id`.
    pub fn check_and_insert(&mut self, id: &str, fp: &Fingerprint) -> Option<(String, DupKind)> {
        if let Some(&i) = self.exact.get(&fp.exact) {
            return self.id(i).map(|s| (s, DupKind::Exact));
        }
        let keys = band_keys(&fp.minhash);
        let short: Vec<u8> = fp
            .minhash
            .iter()
            .map(|&v| (v ^ (v >> 13) ^ (v >> 24)) as u8)
            .collect();
        if !keys.is_empty() {
            let mut best: Option<u32> = None;
            for key in &keys {
                if let Some(&cand) = self.bands.get(key) {
                    if best.is_some_and(|b| b <= cand) {
                        continue;
                    }
                    if self.short_similarity(cand, &short) >= self.threshold {
                        best = Some(cand);
                    }
                }
            }
            if let Some(b) = best {
                return self.id(b).map(|s| (s, DupKind::Near));
            }
        }
        let Ok(n) = u32::try_from(self.ids.len()) else {
            return None; // more than 4 billion articles: stop indexing
        };
        self.ids.push(id.into());
        if short.len() == PERMS {
            self.sigs.extend_from_slice(&short);
        } else {
            self.sigs.resize(self.sigs.len() + PERMS, 0);
        }
        self.exact.insert(fp.exact, n);
        for key in keys {
            self.bands.entry(key).or_insert(n);
        }
        None
    }

    fn id(&self, i: u32) -> Option<String> {
        self.ids.get(i as usize).map(|s| s.to_string())
    }

    /// Estimated Jaccard from 8-bit signatures, corrected for chance
    /// collisions of the truncated values.
    fn short_similarity(&self, i: u32, sig: &[u8]) -> f64 {
        let start = i as usize * PERMS;
        let Some(other) = self.sigs.get(start..start + PERMS) else {
            return 0.0;
        };
        if sig.len() != PERMS {
            return 0.0;
        }
        let same = other.iter().zip(sig).filter(|(a, b)| a == b).count() as f64;
        let p = same / PERMS as f64;
        let chance = 1.0 / 256.0;
        ((p - chance) / (1.0 - chance)).max(0.0)
    }
}

fn band_keys(minhash: &[u32]) -> Vec<u32> {
    if minhash.len() != PERMS {
        return Vec::new();
    }
    minhash
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut bytes = [0u8; ROWS * 4];
            for (slot, v) in rows.iter().enumerate() {
                if let Some(dst) = bytes.get_mut(slot * 4..slot * 4 + 4) {
                    dst.copy_from_slice(&v.to_le_bytes());
                }
            }
            xxh3_64_with_seed(&bytes, band as u64) as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(seed: u64, n: usize) -> String {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = mix(x.wrapping_add(SEEDS_BASE));
                format!("w{}", x % 5000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn exact_ignores_case_and_punctuation() {
        let a = fingerprint("Hello, World!  The rain came.");
        let b = fingerprint("hello world the RAIN came");
        assert_eq!(a.exact, b.exact);
        assert_ne!(a.exact, fingerprint("hello world the snow came").exact);
    }

    #[test]
    fn similarity_tracks_overlap() {
        let base = text(1, 400);
        let mut edited: Vec<&str> = base.split(' ').collect();
        edited.truncate(380); // drop 5% at the end
        let s = similarity(
            &fingerprint(&base).minhash,
            &fingerprint(&edited.join(" ")).minhash,
        );
        assert!(s > 0.85 && s <= 1.0, "{s}");
        let other = similarity(
            &fingerprint(&base).minhash,
            &fingerprint(&text(2, 400)).minhash,
        );
        assert!(other < 0.1, "{other}");
    }

    #[test]
    fn index_names_the_first_seen() {
        let mut idx = Index::new(DEFAULT_THRESHOLD);
        let base = text(7, 300);
        assert_eq!(idx.check_and_insert("a", &fingerprint(&base)), None);
        let dup = idx.check_and_insert("b", &fingerprint(&base.to_uppercase()));
        assert_eq!(dup, Some(("a".to_string(), DupKind::Exact)));
        let near = format!("{base} one more sentence at the end");
        let dup = idx.check_and_insert("c", &fingerprint(&near));
        assert_eq!(dup, Some(("a".to_string(), DupKind::Near)));
        assert_eq!(idx.check_and_insert("d", &fingerprint(&text(8, 300))), None);
        assert_eq!(idx.len(), 2);
    }
}

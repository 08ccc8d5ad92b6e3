//! Exact and near-duplicate detection across a batch.
//!
//! Exact: a hash of the normalised body text (lower case, words only).
//! Near: MinHash over word 5-gram shingles by one-permutation hashing
//! (each shingle is hashed once; its hash picks one of [`PERMS`] bins and
//! the bin keeps its smallest value; empty bins are filled by "optimal
//! densification", Shrivastava 2017, so every bin collides between two
//! texts with probability equal to their Jaccard similarity). Computing a
//! signature is therefore one hash per shingle, not [`PERMS`].
//!
//! LSH: [`BANDS`] bands of [`ROWS`] bin; a pair at Jaccard 0.8 shares a
//! band with p ≈ 0.992, at 0.9 with p ≈ 0.999 (at 0.5, p ≈ 0.88: more
//! candidates to check, but a check is one 128-byte comparison). Each candidate is then
//! checked against the threshold with a stored 4-bit-per-bin signature
//! (standard error of the estimate ≈ 0.026 near 0.8). Only first-seen
//! articles are indexed, so `duplicate_of` always names a first-seen
//! article.
//!
//! Memory (see [`Index::heap_bytes`]) does not grow with the batch: the
//! newest band entries (8 bytes each, at most `BAND_BUDGET`) are in
//! open-addressed tables 18/25 to 9/10 full, in pages of one size that are
//! reused; older ones are in sorted runs on disk, read a 4 KiB block per
//! run and lookup, with only each block's first key in memory (about 0.03
//! bytes an article). The exact hash, the stored signature and the id go
//! to a temporary file too (see [`Index`]); no text is kept.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Bins in a MinHash signature.
pub const PERMS: usize = 256;
/// LSH bands.
pub const BANDS: usize = 3;
/// Bins per band.
pub const ROWS: usize = 1;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// The default near-duplicate Jaccard threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.8;
/// Bytes of a stored (4 bits per bin) signature.
pub const SHORT_BYTES: usize = PERMS / 2;

/// What the index needs to know of one article; computed in parallel.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Hash of the normalised text.
    pub exact: u64,
    /// MinHash signature ([`PERMS`] bins); empty when the text has no words.
    pub minhash: Vec<u32>,
}

/// Whether each byte is an ASCII letter or digit.
const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = b.is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// ORed into 8 bytes of ASCII letters and digits, lower-cases them all at
/// once (a digit already has the 0x20 bit).
const LOWER_ASCII: u64 = 0x2020_2020_2020_2020;

/// Up to 8 bytes of `bytes` from `at`, little-endian, zero-padded.
#[inline(always)]
fn load8(bytes: &[u8], at: usize, len: usize) -> u64 {
    let len = len.min(8);
    if let Some(Ok(a)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
        let v = u64::from_le_bytes(a);
        return if len == 8 {
            v
        } else {
            v & ((1u64 << (8 * len)) - 1)
        };
    }
    let mut a = [0u8; 8];
    for (dst, src) in a
        .iter_mut()
        .zip(bytes.get(at..).unwrap_or(&[]).iter().take(len))
    {
        *dst = *src;
    }
    u64::from_le_bytes(a)
}

/// The top bit of each byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Each byte of `b`: `c` repeated.
const fn bytes8(c: u8) -> u64 {
    0x0101_0101_0101_0101 * c as u64
}

/// For 8 bytes (little-endian in `v`): the top bit of each byte set where
/// the byte is an ASCII letter or digit, and where it is not ASCII. Byte
/// by byte without carries: for a 7-bit `x`, `x + (0x80 - c)` has its top
/// bit set exactly when `x >= c`.
#[inline(always)]
fn classify8(v: u64) -> (u64, u64) {
    let high = v & HIGH_BITS;
    let low = v & !HIGH_BITS;
    let ge = |x: u64, c: u8| x.wrapping_add(bytes8(0x80 - c)) & HIGH_BITS;
    let lower = low | LOWER_ASCII;
    let letter = ge(lower, b'a') & !ge(lower, b'z' + 1);
    let digit = ge(low, b'0') & !ge(low, b'9' + 1);
    ((letter | digit) & !high, high)
}

/// The hash of a word of `len` bytes (1 to 8) in one zero-padded block.
#[inline(always)]
fn hash_block(block: u64, len: usize) -> u64 {
    let h = (SEEDS_BASE ^ block)
        .wrapping_mul(0x9FB2_1C65_1E98_DF25)
        .rotate_left(29);
    mix(h ^ len as u64)
}

/// The hash of the word `bytes[at..at + len]` (its lower-cased UTF-8
/// bytes), 8 bytes at a time: each block (zero-padded) is multiplied in,
/// and the length goes into the final mix, so blocks need no terminator.
/// `or` is [`LOWER_ASCII`] for ASCII letters and digits not yet
/// lower-cased, 0 for bytes already lower-cased.
#[inline(always)]
fn hash_word(bytes: &[u8], at: usize, len: usize, or: u64) -> u64 {
    if (1..=8).contains(&len) {
        if let Some(Ok(a)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
            // One block, read whole and cut to the word.
            let block = (u64::from_le_bytes(a) | or) & (u64::MAX >> (64 - 8 * len));
            return hash_block(block, len);
        }
    }
    let mut h = SEEDS_BASE;
    let mut k = 0;
    while k < len {
        let n = (len - k).min(8);
        let mask = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        let block = (load8(bytes, at + k, n) | or) & mask;
        h = (h ^ block)
            .wrapping_mul(0x9FB2_1C65_1E98_DF25)
            .rotate_left(29);
        k += 8;
    }
    mix(h ^ len as u64)
}

/// Hashes of the lower-cased words of `text` (runs of letters and digits).
#[cfg(test)]
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word(text, |h| out.push(h));
    out
}

/// Packs the top bit of each byte of `x` (little-endian) into 8 bits,
/// byte `k`'s into bit `k` (the shifted bits land apart in the product,
/// so nothing carries).
#[inline(always)]
fn movemask8(x: u64) -> u64 {
    (((x & HIGH_BITS) >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Bytes scanned per mask.
const SPAN: usize = 64;

/// For the up to 64 bytes of `bytes` from `at`: bit `k` set where byte
/// `at + k` may be part of a word (an ASCII letter or digit, or any byte
/// of a non-ASCII character), and whether any of them is not ASCII.
/// Bytes past the end count as spaces.
#[inline(always)]
fn word_mask(bytes: &[u8], at: usize) -> (u64, bool) {
    let mut word = 0u64;
    let mut high_any = 0u64;
    match bytes.get(at..at + SPAN) {
        Some(span) => {
            for (k, c) in span.chunks_exact(8).enumerate() {
                let v = <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
                let (alnum, high) = classify8(v);
                word |= movemask8(alnum | high) << (8 * k);
                high_any |= high;
            }
        }
        None => {
            let rest = bytes.get(at..).unwrap_or(&[]);
            for k in 0..rest.len().div_ceil(8) {
                let v = load8(rest, 8 * k, rest.len() - 8 * k);
                let (alnum, high) = classify8(v);
                word |= movemask8(alnum | high) << (8 * k);
                high_any |= high;
            }
        }
    }
    (word, high_any != 0)
}

/// Calls `f` with the hash of each lower-cased word of `text` (runs of
/// letters and digits), in order.
///
/// The text is read 64 bytes at a time into a bit mask of the bytes that
/// may belong to a word (ASCII letters and digits, and every byte of a
/// non-ASCII character); each run of set bits is then one ASCII word,
/// hashed straight from the text (lower-cased by one OR a block), or a
/// stretch holding non-ASCII characters, split and lower-cased by chars.
/// A run that reaches the end of a mask is read again from its start.
#[inline(always)]
fn for_each_word(text: &str, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // A word with non-ASCII characters, lower-cased.
    let mut lowered: Vec<u8> = Vec::new();
    let mut base = 0usize;
    while base < n {
        let (mut mask, high) = word_mask(bytes, base);
        let mut next = base + SPAN;
        while mask != 0 {
            let s = mask.trailing_zeros() as usize;
            let len = (!(mask >> s)).trailing_zeros() as usize;
            let (a, mut b) = (base + s, base + s + len);
            // Whether the run may hold non-ASCII bytes.
            let mut high = high;
            if s + len == SPAN && b < n {
                if s > 0 {
                    // It may go on past this mask: read again from its start.
                    next = a;
                    break;
                }
                // 64 bytes or more: find its end byte by byte.
                b += bytes
                    .get(b..)
                    .unwrap_or(&[])
                    .iter()
                    .position(|&c| !ASCII_ALNUM[usize::from(c)] && c.is_ascii())
                    .unwrap_or(n - b);
                next = b;
                high = true;
            }
            if !high || bytes.get(a..b).is_some_and(<[u8]>::is_ascii) {
                // An ASCII word (a short one, the common case, is read as
                // one block by `hash_word`).
                f(hash_word(bytes, a, b - a, LOWER_ASCII));
            } else {
                // Bounded by ASCII bytes (or the text's ends): char boundaries.
                words_by_char(text.get(a..b).unwrap_or(""), &mut lowered, &mut f);
            }
            // Clear the run: the carry of adding its lowest bit runs through it.
            mask &= mask.wrapping_add(1u64 << s);
        }
        base = next;
    }
}

/// The words of `run` (letters and digits, some not ASCII) by chars:
/// split at every other char, lower-cased, hashed.
fn words_by_char(run: &str, lowered: &mut Vec<u8>, f: &mut impl FnMut(u64)) {
    let mut utf8 = [0u8; 4];
    for word in run.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        lowered.clear();
        for c in word.chars().flat_map(char::to_lowercase) {
            lowered.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
        f(hash_word(lowered, 0, lowered.len(), 0));
    }
}

/// A shingle's hash from its words' hashes (order matters). The words'
/// hashes are already well mixed, so one multiply and one xor-shift
/// suffice: the high half (the bin) comes from the product's high bits,
/// and the low half (the value) has them folded in.
#[inline(always)]
fn shingle_hash(words: &[u64]) -> u64 {
    let mut sum = 0u64;
    for (k, w) in words.iter().enumerate() {
        sum ^= w.rotate_left(13 * k as u32);
    }
    finish_shingle(sum, words.len())
}

/// A shingle's hash from the sum `shingle_hash` makes of its words.
#[inline(always)]
fn finish_shingle(sum: u64, words: usize) -> u64 {
    let x = (sum ^ SEEDS_BASE ^ words as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 32)
}

/// The fingerprint of an article's body text.
pub fn fingerprint(text: &str) -> Fingerprint {
    // One pass over the words: the exact hash folds each word's hash in
    // order (each is already well mixed), and the last SHINGLE words'
    // hashes slide along for the shingles.
    let mut mins = [u32::MAX; PERMS];
    let mut filled = [false; PERMS];
    let mut exact = SEEDS_BASE;
    let mut words = 0usize;
    // The last words' hashes (a ring of 8, indexed by the word's number)
    // and the shingle sum of the last SHINGLE, rolled along: dropping the
    // oldest word and adding the newest is one rotation and two xors, and
    // gives exactly what `shingle_hash` sums over the window.
    let mut ring = [0u64; RING];
    let mut roll = 0u64;
    const TOP: u32 = 13 * (SHINGLE as u32 - 1);
    for_each_word(text, |h| {
        exact = (exact ^ h)
            .wrapping_mul(0x9FB2_1C65_1E98_DF25)
            .rotate_left(31);
        // The word SHINGLE before this one (0 before the text starts:
        // xoring it out then changes nothing, as the sum has none yet).
        let oldest = ring[words.wrapping_sub(SHINGLE) % RING];
        ring[words % RING] = h;
        words += 1;
        if words < SHINGLE {
            roll ^= h.rotate_left(13 * (words - 1) as u32);
        } else {
            if words == SHINGLE {
                roll ^= h.rotate_left(TOP);
            } else {
                roll = (roll ^ oldest).rotate_right(13) ^ h.rotate_left(TOP);
            }
            add_shingle(&mut mins, &mut filled, finish_shingle(roll, SHINGLE));
        }
    });
    let exact = mix(exact ^ words as u64);
    if words == 0 {
        return Fingerprint {
            exact,
            minhash: Vec::new(),
        };
    }
    if words < SHINGLE {
        add_shingle(
            &mut mins,
            &mut filled,
            shingle_hash(ring.get(..words).unwrap_or(&[])),
        );
    }
    densify(&mut mins, &filled);
    Fingerprint {
        exact,
        minhash: mins.to_vec(),
    }
}

/// Puts a shingle's hash `h` in its bin: the high bits choose the bin, the
/// low bits are the value, the least kept.
#[inline(always)]
fn add_shingle(mins: &mut [u32; PERMS], filled: &mut [bool; PERMS], h: u64) {
    let bin = (h >> 56) as usize % PERMS;
    mins[bin] = mins[bin].min(h as u32);
    filled[bin] = true;
}

/// Slots of the ring of recent word hashes in [`fingerprint`] (a power of
/// two, at least [`SHINGLE`]).
const RING: usize = 8;
const _: () = assert!(RING.is_power_of_two() && RING >= SHINGLE && PERMS == 256);

/// Optimal densification: an empty bin takes the value of the first
/// non-empty bin in a fixed pseudo-random sequence of its own (the same
/// for every text), so two texts' bins still agree with probability equal
/// to their Jaccard similarity.
fn densify(mins: &mut [u32], filled: &[bool; PERMS]) {
    if filled.iter().all(|&f| f) || !filled.iter().any(|&f| f) {
        return;
    }
    for bin in 0..PERMS {
        if filled.get(bin).copied().unwrap_or(true) {
            continue;
        }
        let mut value = None;
        for attempt in 0..(4 * PERMS as u64) {
            let r = mix(SEEDS_BASE ^ ((bin as u64) << 32) ^ attempt);
            let j = ((r >> 32) as usize * PERMS) >> 32;
            if filled.get(j).copied().unwrap_or(false) {
                value = mins.get(j).copied();
                break;
            }
        }
        // Practically never reached (needs ~4·PERMS misses): the next
        // filled bin round the circle, still the same rule for every text.
        if value.is_none() {
            value = (1..PERMS)
                .map(|d| (bin + d) % PERMS)
                .find(|&j| filled.get(j).copied().unwrap_or(false))
                .and_then(|j| mins.get(j).copied());
        }
        if let (Some(v), Some(m)) = (value, mins.get_mut(bin)) {
            *m = v;
        }
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

/// What the index looks up for one article, computed from its
/// [`Fingerprint`] in the extraction workers so that the single ordered
/// writer only does hash-table lookups.
#[derive(Debug, Clone)]
pub struct Prepared {
    exact: u64,
    /// Band keys and the stored signature; `None` when the text has no words.
    near: Option<([u32; BANDS], [u8; SHORT_BYTES])>,
}

impl Prepared {
    pub fn new(fp: &Fingerprint) -> Prepared {
        let near = (fp.minhash.len() == PERMS).then(|| {
            let mut keys = [0u32; BANDS];
            for (band, key) in keys.iter_mut().enumerate() {
                let mut bytes = [0u8; ROWS * 4];
                for (slot, dst) in bytes.chunks_exact_mut(4).enumerate() {
                    let v = fp.minhash.get(band * ROWS + slot).copied().unwrap_or(0);
                    dst.copy_from_slice(&v.to_le_bytes());
                }
                *key = xxh3_64_with_seed(&bytes, band as u64) as u32;
            }
            let mut short = [0u8; SHORT_BYTES];
            for (dst, pair) in short.iter_mut().zip(fp.minhash.chunks_exact(2)) {
                let lo = pair.first().copied().map_or(0, nibble);
                let hi = pair.get(1).copied().map_or(0, nibble);
                *dst = lo | (hi << 4);
            }
            (keys, short)
        });
        Prepared {
            exact: fp.exact,
            near,
        }
    }
}

/// 4 well-mixed bits of a MinHash value.
fn nibble(v: u32) -> u8 {
    (v.wrapping_mul(0x9E37_79B1) >> 28) as u8
}

/// Band hash → article, in [`SHARDS`] open-addressed tables (linear
/// probing) of `key << 32 | (article + 1)` words, 0 for an empty slot.
/// Shards grow one at a time, by a quarter (at least a page), and stay up
/// to 9/10 full (long probe runs at that load cost a few compares of one
/// cache line or two, on a lookup the writer makes [`BANDS`] times per
/// article).
///
/// A shard's slots live in fixed-size pages of [`PAGE`] slots. When a
/// shard grows, its old pages go to a pool the next growth takes from
/// first, so the memory a growth frees is always reused as it is: tables
/// of ever larger sizes would leave the allocator holes that no later
/// table fits, about as much again as the table itself.
struct BandTable {
    shards: Vec<Shard>,
    /// Pages freed by growths, reused before new ones are allocated.
    pool: Vec<Page>,
    /// Entries in the shards.
    entries: usize,
    /// Entries the shards hold at most before they are written out as a
    /// [`Run`] (`usize::MAX`: never, when no temporary file can be made).
    budget: usize,
    /// Older entries, on disk, oldest first; two runs of similar size are
    /// merged, so there are about log2(entries / budget) of them.
    runs: Vec<Run>,
}

/// Slots per page (4 KiB).
const PAGE: usize = 512;

type Page = Box<[u64; PAGE]>;

#[derive(Default)]
struct Shard {
    pages: Vec<Page>,
    used: usize,
}

/// Shards of the band table.
const SHARDS: usize = 16;
/// Articles kept under one band key.
const PER_KEY: usize = 4;

/// Band entries kept in memory before they go to a [`Run`] (about 2,700
/// articles; the shards then hold about 100 KiB).
const BAND_BUDGET: usize = 8192;

impl BandTable {
    #[cfg(test)]
    fn new() -> Self {
        Self::with_budget(BAND_BUDGET)
    }

    fn with_budget(budget: usize) -> Self {
        BandTable {
            shards: (0..SHARDS).map(|_| Shard::default()).collect(),
            pool: Vec::new(),
            entries: 0,
            budget: budget.max(1),
            runs: Vec::new(),
        }
    }

    /// The shard of `key` and the 32-bit hash that places it there.
    fn spread(key: u32) -> (usize, u32) {
        let h = mix(u64::from(key));
        ((h >> 56) as usize % SHARDS, h as u32)
    }

    /// Indexes `article` under `key`, unless [`PER_KEY`] articles already
    /// are (so a band shared by many articles, such as a common
    /// boilerplate paragraph, cannot make lookups slow).
    #[cfg(test)]
    fn insert(&mut self, key: u32, article: u32) {
        let mut n = 0;
        self.each(key, |_| n += 1);
        self.insert_counted(key, article, n);
    }

    /// [`BandTable::insert`] when `indexed` articles are already indexed
    /// under `key` (as [`BandTable::each`] found).
    fn insert_counted(&mut self, key: u32, article: u32, indexed: usize) {
        if indexed >= PER_KEY {
            return;
        }
        let (shard, h) = Self::spread(key);
        if let Some(s) = self.shards.get_mut(shard) {
            s.insert(
                &mut self.pool,
                h,
                u64::from(key) << 32 | (u64::from(article) + 1),
            );
            self.entries += 1;
        }
        if self.entries >= self.budget {
            self.spill();
        }
    }

    /// Writes the shards' entries out as a run (sorted by key) and empties
    /// the shards (their pages go to the pool, for the next entries); then
    /// merges the newest runs while the older of two is at most twice the
    /// newer. When a file cannot be written, the entries stay in memory.
    fn spill(&mut self) {
        let mut entries = Vec::with_capacity(self.entries);
        for s in &self.shards {
            for page in &s.pages {
                entries.extend(page.iter().copied().filter(|&e| e != 0));
            }
        }
        entries.sort_unstable();
        let Some(run) = Run::write(entries.into_iter()) else {
            self.budget = usize::MAX;
            return;
        };
        self.runs.push(run);
        for s in &mut self.shards {
            self.pool.append(&mut s.pages);
            s.used = 0;
        }
        self.entries = 0;
        while let [.., older, newer] = self.runs.as_slice() {
            if older.len > newer.len.saturating_mul(2) {
                break;
            }
            let merged = match (older.reader(), newer.reader()) {
                (Some(a), Some(b)) => Run::write(Merge::new(a, b)),
                _ => None,
            };
            // A read error ends a reader early: keep the two runs then.
            let Some(merged) = merged.filter(|m| m.len == older.len + newer.len) else {
                break;
            };
            self.runs.pop();
            self.runs.pop();
            self.runs.push(merged);
        }
    }

    /// Calls `f` with every article indexed under `key`.
    fn each(&self, key: u32, mut f: impl FnMut(u32)) {
        for run in &self.runs {
            run.each(key, &mut f);
        }
        let (shard, h) = Self::spread(key);
        let Some(s) = self.shards.get(shard) else {
            return;
        };
        let cap = s.cap();
        if cap == 0 {
            return;
        }
        let mut i = home(h, cap);
        // The table is never full, so an empty slot ends the run.
        for _ in 0..cap {
            match s.get(i) {
                0 => return,
                e => {
                    if (e >> 32) as u32 == key {
                        f((e as u32).wrapping_sub(1));
                    }
                }
            }
            i = if i + 1 == cap { 0 } else { i + 1 };
        }
    }

    fn heap_bytes(&self) -> usize {
        let pages: usize =
            self.shards.iter().map(|s| s.pages.len()).sum::<usize>() + self.pool.len();
        let dirs: usize = self
            .shards
            .iter()
            .map(|s| s.pages.capacity())
            .sum::<usize>()
            + self.pool.capacity();
        let runs: usize = self
            .runs
            .iter()
            .map(|r| r.firsts.capacity() * 4 + std::mem::size_of::<Run>())
            .sum();
        pages * PAGE * 8
            + dirs * std::mem::size_of::<Page>()
            + self.shards.capacity() * std::mem::size_of::<Shard>()
            + runs
    }

    /// Entries on disk.
    fn spilled_entries(&self) -> u64 {
        self.runs.iter().map(|r| r.len).sum()
    }
}

/// Entries per block of a [`Run`] (4 KiB, one positioned read).
const BLOCK: usize = 512;

/// Band entries sorted by key in a temporary file of their own, in blocks
/// of [`BLOCK`]; in memory only each block's first key (4 bytes per 4 KiB).
struct Run {
    file: std::fs::File,
    /// Entries.
    len: u64,
    /// The key of each block's first entry.
    firsts: Vec<u32>,
}

impl Run {
    /// Writes `entries` (sorted) to a new temporary file; `None` when it
    /// cannot be made or written.
    fn write(entries: impl Iterator<Item = u64>) -> Option<Run> {
        use std::io::Write;
        let file = tempfile::tempfile().ok()?;
        let mut out = std::io::BufWriter::with_capacity(BLOCK * 8, &file);
        let mut len = 0u64;
        let mut firsts = Vec::new();
        for e in entries {
            if len.is_multiple_of(BLOCK as u64) {
                firsts.push((e >> 32) as u32);
            }
            out.write_all(&e.to_le_bytes()).ok()?;
            len += 1;
        }
        out.flush().ok()?;
        drop(out);
        firsts.shrink_to_fit();
        Some(Run { file, len, firsts })
    }

    /// Calls `f` with every article under `key`: reads the blocks whose
    /// key range can hold it (usually one).
    fn each(&self, key: u32, f: &mut impl FnMut(u32)) {
        // The last block starting below `key` may end with it; blocks
        // starting with it follow.
        let first = self.firsts.partition_point(|&k| k < key).saturating_sub(1);
        let mut buf = [0u8; BLOCK * 8];
        for block in first..self.firsts.len() {
            if self.firsts.get(block).is_some_and(|&k| k > key) {
                return;
            }
            let Some(bytes) = self.read_block(block, &mut buf) else {
                return;
            };
            for e in bytes.chunks_exact(8) {
                let e = e.try_into().map(u64::from_le_bytes).unwrap_or(0);
                match ((e >> 32) as u32).cmp(&key) {
                    std::cmp::Ordering::Less => {}
                    std::cmp::Ordering::Equal => f((e as u32).wrapping_sub(1)),
                    std::cmp::Ordering::Greater => return,
                }
            }
        }
    }

    /// Block `block`'s bytes, read into `buf`.
    fn read_block<'b>(&self, block: usize, buf: &'b mut [u8; BLOCK * 8]) -> Option<&'b [u8]> {
        let start = block as u64 * BLOCK as u64;
        let n = usize::try_from(self.len.checked_sub(start)?.min(BLOCK as u64)).ok()?;
        let bytes = buf.get_mut(..n * 8)?;
        read_at(&self.file, bytes, start * 8).then_some(&*bytes)
    }

    /// The entries in order.
    fn reader(&self) -> Option<RunReader<'_>> {
        use std::io::Seek;
        let mut file = &self.file;
        file.seek(std::io::SeekFrom::Start(0)).ok()?;
        Some(RunReader {
            input: std::io::BufReader::with_capacity(BLOCK * 8, file),
            left: self.len,
        })
    }
}

/// Positioned read of all of `out`.
#[cfg(unix)]
fn read_at(file: &std::fs::File, out: &mut [u8], at: u64) -> bool {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(out, at).is_ok()
}

#[cfg(not(unix))]
fn read_at(file: &std::fs::File, out: &mut [u8], at: u64) -> bool {
    use std::io::{Read, Seek};
    let mut f = file;
    f.seek(std::io::SeekFrom::Start(at)).is_ok() && f.read_exact(out).is_ok()
}

/// A run's entries, read in order (ends early on a read error).
struct RunReader<'a> {
    input: std::io::BufReader<&'a std::fs::File>,
    left: u64,
}

impl Iterator for RunReader<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        use std::io::Read;
        self.left = self.left.checked_sub(1)?;
        let mut b = [0u8; 8];
        self.input.read_exact(&mut b).ok()?;
        Some(u64::from_le_bytes(b))
    }
}

/// Two sorted entry streams as one.
struct Merge<A: Iterator<Item = u64>, B: Iterator<Item = u64>> {
    a: std::iter::Peekable<A>,
    b: std::iter::Peekable<B>,
}

impl<A: Iterator<Item = u64>, B: Iterator<Item = u64>> Merge<A, B> {
    fn new(a: A, b: B) -> Self {
        Merge {
            a: a.peekable(),
            b: b.peekable(),
        }
    }
}

impl<A: Iterator<Item = u64>, B: Iterator<Item = u64>> Iterator for Merge<A, B> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        match (self.a.peek(), self.b.peek()) {
            (Some(x), Some(y)) if y < x => self.b.next(),
            (Some(_), _) => self.a.next(),
            (None, _) => self.b.next(),
        }
    }
}

/// The first slot for hash `h` in a table of `cap` slots.
fn home(h: u32, cap: usize) -> usize {
    ((u64::from(h) * cap as u64) >> 32) as usize
}

impl Shard {
    fn cap(&self) -> usize {
        self.pages.len() * PAGE
    }

    /// Slot `i` (0, empty, past the end).
    fn get(&self, i: usize) -> u64 {
        self.pages
            .get(i / PAGE)
            .and_then(|p| p.get(i % PAGE))
            .copied()
            .unwrap_or(0)
    }

    fn insert(&mut self, pool: &mut Vec<Page>, h: u32, entry: u64) {
        let cap = self.cap();
        if (self.used + 1) * 10 > cap * 9 {
            // A quarter larger, in whole pages.
            let pages = self.pages.len() + (self.pages.len() / 4).max(1);
            let mut fresh = Vec::with_capacity(pages);
            while fresh.len() < pages {
                let mut page = pool.pop().unwrap_or_else(|| Box::new([0; PAGE]));
                page.fill(0);
                fresh.push(page);
            }
            let old = std::mem::replace(&mut self.pages, fresh);
            self.used = 0;
            for page in &old {
                for &e in page.iter().filter(|&&e| e != 0) {
                    let (_, h) = BandTable::spread((e >> 32) as u32);
                    self.place(h, e);
                }
            }
            pool.extend(old);
        }
        self.place(h, entry);
    }

    fn place(&mut self, h: u32, entry: u64) {
        let cap = self.cap();
        let mut i = home(h, cap);
        for _ in 0..cap {
            if let Some(slot) = self
                .pages
                .get_mut(i / PAGE)
                .and_then(|p| p.get_mut(i % PAGE))
            {
                if *slot == 0 {
                    *slot = entry;
                    self.used += 1;
                    return;
                }
            }
            i = if i + 1 == cap { 0 } else { i + 1 };
        }
    }
}

/// An append-only byte store that keeps at most `buffer` bytes in memory
/// and the rest in an unnamed temporary file (read back with positioned
/// reads, so from the page cache rather than the process's memory). When
/// no temporary file can be made or written, everything stays in memory.
struct Spill {
    file: Option<std::fs::File>,
    /// Bytes already in the file.
    flushed: u64,
    ram: Vec<u8>,
    buffer: usize,
}

impl Spill {
    fn new(buffer: usize) -> Self {
        Spill {
            file: None,
            flushed: 0,
            ram: Vec::new(),
            buffer,
        }
    }

    fn len(&self) -> u64 {
        self.flushed + self.ram.len() as u64
    }

    /// Appends `bytes`; returns their offset.
    fn push(&mut self, bytes: &[u8]) -> u64 {
        let at = self.len();
        if self.ram.capacity() == 0 && self.buffer < usize::MAX {
            // Sized once: the buffer never doubles past its limit.
            self.ram.reserve_exact(self.buffer.saturating_add(RECORD));
        }
        self.ram.extend_from_slice(bytes);
        if self.ram.len() >= self.buffer {
            self.flush();
        }
        at
    }

    #[cfg(unix)]
    fn flush(&mut self) {
        use std::io::Write;
        if self.file.is_none() && self.flushed == 0 {
            self.file = tempfile::tempfile().ok();
        }
        let Some(file) = self.file.as_mut() else {
            return;
        };
        if file.write_all(&self.ram).is_ok() {
            self.flushed += self.ram.len() as u64;
            self.ram.clear();
        } else {
            // The file may hold part of the buffer: leave it, keep memory.
            self.file = None;
            self.buffer = usize::MAX;
        }
    }

    #[cfg(not(unix))]
    fn flush(&mut self) {
        self.buffer = usize::MAX;
    }

    /// Reads `out.len()` bytes at `at`; false when they cannot be read.
    fn read(&self, at: u64, out: &mut [u8]) -> bool {
        if at >= self.flushed {
            let start = (at - self.flushed) as usize;
            return match self.ram.get(start..start + out.len()) {
                Some(src) => {
                    out.copy_from_slice(src);
                    true
                }
                None => false,
            };
        }
        self.read_file(at, out)
    }

    #[cfg(unix)]
    fn read_file(&self, at: u64, out: &mut [u8]) -> bool {
        use std::os::unix::fs::FileExt;
        // Records are pushed whole and flushed whole, so none straddles
        // the end of the file.
        match &self.file {
            Some(f) if at + out.len() as u64 <= self.flushed => f.read_exact_at(out, at).is_ok(),
            _ => false,
        }
    }

    #[cfg(not(unix))]
    fn read_file(&self, _at: u64, _out: &mut [u8]) -> bool {
        false
    }

    fn heap_bytes(&self) -> usize {
        self.ram.capacity()
    }
}

/// Bytes of one article's fixed record in the spill: exact hash, stored
/// signature, id offset and length (the id bytes go to a second spill).
const RECORD: usize = 8 + SHORT_BYTES + 8 + 4;

/// Spill bytes kept in memory (per spill).
const SPILL_BUFFER: usize = 64 << 10;

/// The batch-wide index of first-seen articles.
///
/// In memory: the newest band entries (see `BandTable`) and two spill
/// buffers, whatever the batch's size. Each article's exact hash, stored signature and id go to a
/// [`Spill`] and are read back only for the few articles that share a band
/// with it, so memory stays small however large the batch.
pub struct Index {
    threshold: f64,
    articles: u32,
    records: Spill,
    ids: Spill,
    bands: BandTable,
}

impl Index {
    pub fn new(threshold: f64) -> Self {
        Self::with_buffer(threshold, SPILL_BUFFER)
    }

    fn with_buffer(threshold: f64, buffer: usize) -> Self {
        Self::with_budget(threshold, buffer, BAND_BUDGET)
    }

    /// An index with spill buffers of `buffer` bytes and at most `bands`
    /// band entries in memory.
    fn with_budget(threshold: f64, buffer: usize, bands: usize) -> Self {
        Index {
            threshold,
            articles: 0,
            records: Spill::new(buffer),
            ids: Spill::new(buffer),
            bands: BandTable::with_budget(bands),
        }
    }

    pub fn set_threshold(&mut self, threshold: f64) {
        self.threshold = threshold;
    }

    /// Articles indexed.
    pub fn len(&self) -> usize {
        self.articles as usize
    }

    pub fn is_empty(&self) -> bool {
        self.articles == 0
    }

    /// Bytes of memory held (the band table and the spill buffers).
    pub fn heap_bytes(&self) -> usize {
        self.bands.heap_bytes() + self.records.heap_bytes() + self.ids.heap_bytes()
    }

    /// Bytes written to temporary files.
    pub fn spilled_bytes(&self) -> u64 {
        self.records.flushed + self.ids.flushed + self.bands.spilled_entries() * 8
    }

    /// Looks `fp` up; when it duplicates an indexed article, returns that
    /// article's id, otherwise indexes it under `id`.
    pub fn check_and_insert(&mut self, id: &str, fp: &Fingerprint) -> Option<(String, DupKind)> {
        self.check_and_insert_prepared(id, &Prepared::new(fp))
    }

    /// [`Index::check_and_insert`] with the per-article work done before.
    /// Articles whose text has no words are never duplicates.
    pub fn check_and_insert_prepared(
        &mut self,
        id: &str,
        p: &Prepared,
    ) -> Option<(String, DupKind)> {
        let (keys, short) = p.near.as_ref()?;
        // The earliest exact duplicate, else the earliest near one.
        let mut best: Option<(u32, DupKind)> = None;
        let mut record = [0u8; RECORD];
        let mut indexed = [0usize; BANDS];
        for (&key, indexed) in keys.iter().zip(&mut indexed) {
            self.bands.each(key, |cand| {
                *indexed += 1;
                if matches!(best, Some((b, DupKind::Exact)) if cand >= b) {
                    return;
                }
                if !self
                    .records
                    .read(u64::from(cand) * RECORD as u64, &mut record)
                {
                    return;
                }
                let (exact, rest) = record.split_at(8);
                let exact = exact.try_into().map(u64::from_le_bytes).unwrap_or(0);
                let kind = if exact == p.exact {
                    DupKind::Exact
                } else if short_similarity(rest.get(..SHORT_BYTES).unwrap_or(&[]), short)
                    >= self.threshold
                {
                    DupKind::Near
                } else {
                    return;
                };
                let rank = |(i, k): (u32, DupKind)| (k != DupKind::Exact, i);
                if best.is_none_or(|b| rank((cand, kind)) < rank(b)) {
                    best = Some((cand, kind));
                }
            });
        }
        if let Some((cand, kind)) = best {
            if let Some(found) = self.id(cand) {
                return Some((found, kind));
            }
        }
        // Past 4 billion articles: stop indexing.
        let n = self.articles;
        self.articles = n.checked_add(1)?;
        let id_at = self.ids.push(id.as_bytes());
        let mut rec = Vec::with_capacity(RECORD);
        rec.extend_from_slice(&p.exact.to_le_bytes());
        rec.extend_from_slice(short);
        rec.extend_from_slice(&id_at.to_le_bytes());
        rec.extend_from_slice(&(id.len() as u32).to_le_bytes());
        self.records.push(&rec);
        for (&key, &indexed) in keys.iter().zip(&indexed) {
            self.bands.insert_counted(key, n, indexed);
        }
        None
    }

    fn id(&self, i: u32) -> Option<String> {
        let mut record = [0u8; RECORD];
        if !self.records.read(u64::from(i) * RECORD as u64, &mut record) {
            return None;
        }
        let tail = record.get(8 + SHORT_BYTES..)?;
        let at = u64::from_le_bytes(tail.get(..8)?.try_into().ok()?);
        let len = u32::from_le_bytes(tail.get(8..12)?.try_into().ok()?) as usize;
        let mut bytes = vec![0u8; len];
        if !self.ids.read(at, &mut bytes) {
            return None;
        }
        String::from_utf8(bytes).ok()
    }
}

/// Estimated Jaccard from 4-bit signatures, corrected for chance
/// collisions of the truncated values.
fn short_similarity(a: &[u8], b: &[u8; SHORT_BYTES]) -> f64 {
    if a.len() != SHORT_BYTES {
        return 0.0;
    }
    let mut same = 0u32;
    for (x, y) in a.iter().zip(b) {
        let d = x ^ y;
        same += u32::from(d & 0x0F == 0) + u32::from(d & 0xF0 == 0);
    }
    let p = f64::from(same) / PERMS as f64;
    let chance = 1.0 / 16.0;
    ((p - chance) / (1.0 - chance)).max(0.0)
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

    #[test]
    fn every_bin_is_filled_and_short_texts_compare() {
        // 40 words: far fewer shingles than bins, so most bins are densified.
        let base = text(11, 40);
        let fp = fingerprint(&base);
        assert_eq!(fp.minhash.len(), PERMS);
        assert!(fp.minhash.iter().all(|&v| v != u32::MAX));
        assert_eq!(fingerprint(&base).minhash, fp.minhash, "deterministic");
        let other = similarity(&fp.minhash, &fingerprint(&text(12, 40)).minhash);
        assert!(other < 0.2, "{other}");
        let mut words: Vec<&str> = base.split(' ').collect();
        words.truncate(38);
        let near = similarity(&fp.minhash, &fingerprint(&words.join(" ")).minhash);
        assert!(near > 0.75, "{near}");
        // One word: one shingle, every bin holds its value.
        let one = fingerprint("hello");
        assert!(one.minhash.windows(2).all(|w| w[0] == w[1]));
        assert!(fingerprint("").minhash.is_empty());
    }

    #[test]
    fn index_keeps_ids_apart_and_spills() {
        // A 1 KiB buffer: most records and ids are read back from the file.
        let mut idx = Index::with_buffer(DEFAULT_THRESHOLD, 1024);
        let texts: Vec<String> = (0..200).map(|k| text(100 + k, 200)).collect();
        for (k, t) in texts.iter().enumerate() {
            assert_eq!(
                idx.check_and_insert(&format!("id-{k}"), &fingerprint(t)),
                None
            );
        }
        assert_eq!(idx.len(), 200);
        for k in [0usize, 1, 57, 199] {
            let edited = format!("{} and a few more words", texts[k]);
            let dup = idx.check_and_insert("late", &fingerprint(&edited));
            assert_eq!(dup, Some((format!("id-{k}"), DupKind::Near)));
            let dup = idx.check_and_insert("again", &fingerprint(&texts[k].to_uppercase()));
            assert_eq!(dup, Some((format!("id-{k}"), DupKind::Exact)));
        }
        assert_eq!(idx.len(), 200);
        assert!(
            idx.spilled_bytes() >= 190 * RECORD as u64,
            "{}",
            idx.spilled_bytes()
        );
        // Memory: the band table (a page a shard for 200 articles) and the
        // small buffers, not the records.
        let bytes = idx.heap_bytes();
        let bound = SHARDS * (PAGE * 8 + 64) + 4 * 1024;
        assert!(bytes < bound, "{bytes} >= {bound}");
        assert_eq!(idx.check_and_insert("words", &fingerprint("!!! ...")), None);
        assert_eq!(idx.len(), 200, "a text without words is not indexed");
    }

    #[test]
    fn band_table_grows_and_finds_every_entry() {
        let mut t = BandTable::new();
        for i in 0..20_000u32 {
            t.insert(i.wrapping_mul(2_654_435_761), i);
            t.insert(7, i); // many articles under one key: only the first few kept
        }
        for i in 0..20_000u32 {
            let mut found = Vec::new();
            t.each(i.wrapping_mul(2_654_435_761), |a| found.push(a));
            assert!(found.contains(&i), "{i}: {found:?}");
        }
        let mut n = 0;
        t.each(7, |_| n += 1);
        assert_eq!(n, PER_KEY);
        // 20,004 entries of 8 bytes: the shards at least 18/25 full but
        // for their last page, and the pool no larger than one shard.
        let entries = 20_000 + PER_KEY;
        let bound = entries * 8 * 25 / 18 + 2 * SHARDS * PAGE * 8 + entries * 8 * 2 / SHARDS;
        assert!(t.heap_bytes() < bound, "{} >= {bound}", t.heap_bytes());
    }

    #[test]
    fn band_runs_on_disk_find_every_entry_in_bounded_memory() {
        let heap_after = |n: u32| {
            let mut t = BandTable::with_budget(300);
            for i in 0..n {
                t.insert(i.wrapping_mul(2_654_435_761), i);
                t.insert(7, i); // PER_KEY holds across memory and runs
            }
            for i in (0..n).step_by(7) {
                let mut found = Vec::new();
                t.each(i.wrapping_mul(2_654_435_761), |a| found.push(a));
                assert!(found.contains(&i), "{i}: {found:?}");
            }
            let mut under_7 = Vec::new();
            t.each(7, |a| under_7.push(a));
            assert_eq!(under_7, vec![0, 1, 2, 3]);
            assert!(t.entries < 300);
            assert_eq!(t.spilled_entries() + t.entries as u64, u64::from(n) + 4);
            // Runs of similar size are merged: about log2(n / budget).
            assert!(t.runs.len() <= 12, "{}", t.runs.len());
            t.heap_bytes()
        };
        let small = heap_after(2_000);
        let large = heap_after(20_000);
        // Memory is the budget's pages and a few bytes a block, not the entries.
        assert!(large < small + 8 * 1024, "{small} -> {large}");
        assert!(large < 2 * SHARDS * PAGE * 8, "{large}");
    }

    #[test]
    fn index_answers_the_same_with_its_bands_on_disk() {
        let texts: Vec<String> = (0..300).map(|k| text(500 + k % 120, 150)).collect();
        let mut on_disk = Index::with_budget(DEFAULT_THRESHOLD, 1024, 40);
        let mut in_memory = Index::new(DEFAULT_THRESHOLD);
        let mut dups = 0;
        for (k, t) in texts.iter().enumerate() {
            // Every third repeat is edited a little.
            let t = if k >= 120 && k % 3 == 0 {
                format!("{t} with a short addition")
            } else {
                t.clone()
            };
            let id = format!("id-{k}");
            let a = on_disk.check_and_insert(&id, &fingerprint(&t));
            let b = in_memory.check_and_insert(&id, &fingerprint(&t));
            assert_eq!(a, b, "{k}");
            dups += usize::from(a.is_some());
        }
        assert_eq!(dups, 180);
        assert_eq!(on_disk.len(), 120);
        assert!(!on_disk.bands.runs.is_empty());
    }

    #[test]
    fn estimate_tracks_jaccard_at_the_threshold() {
        // About 0.9 and 0.6 true Jaccard: the 4-bit estimate must fall on
        // the right side of 0.8.
        let base = text(21, 600);
        let words: Vec<&str> = base.split(' ').collect();
        let mut close = words.clone();
        for i in (0..close.len()).step_by(120) {
            close[i] = "changed";
        }
        let mut far = words.clone();
        for i in (0..far.len()).step_by(20) {
            far[i] = "changed";
        }
        let mut idx = Index::new(DEFAULT_THRESHOLD);
        assert_eq!(idx.check_and_insert("a", &fingerprint(&base)), None);
        assert_eq!(
            idx.check_and_insert("b", &fingerprint(&close.join(" "))),
            Some(("a".to_string(), DupKind::Near))
        );
        assert_eq!(
            idx.check_and_insert("c", &fingerprint(&far.join(" "))),
            None
        );
    }

    fn word_hash(w: String) -> u64 {
        hash_word(w.as_bytes(), 0, w.len(), 0)
    }

    #[test]
    fn word_hashes_do_not_collide() {
        // Words of 1 to 12 letters from a small alphabet (so many share
        // prefixes and 8-byte blocks): no two distinct words share a hash.
        let mut words = std::collections::HashSet::new();
        let mut hashes = std::collections::HashSet::new();
        for len in 1..=12u64 {
            for k in 0..20_000u64 {
                let w: String = (0..len)
                    .map(|j| char::from(b'a' + (mix(k * 31 + j) % 5) as u8))
                    .collect();
                if words.insert(w.clone()) {
                    assert!(hashes.insert(word_hash(w.clone())), "{w}");
                }
            }
        }
        assert!(words.len() > 50_000, "{}", words.len());
    }

    #[test]
    fn eight_bytes_classify_like_one_at_a_time() {
        for seed in 0..4000u64 {
            let v = mix(seed) ^ (seed << 3);
            let (alnum, high) = classify8(v);
            for (k, b) in v.to_le_bytes().into_iter().enumerate() {
                let bit = |m: u64| (m >> (8 * k + 7)) & 1 == 1;
                assert_eq!(bit(alnum), b.is_ascii_alphanumeric(), "{b:#x}");
                assert_eq!(bit(high), !b.is_ascii(), "{b:#x}");
            }
        }
        // Every byte value, with neighbours of each kind.
        for b in 0..=255u8 {
            for fill in [b' ', b'a', b'Z', b'5', 0xc3] {
                let mut a = [fill; 8];
                a[3] = b;
                let (alnum, _) = classify8(u64::from_le_bytes(a));
                assert_eq!((alnum >> 31) & 1 == 1, b.is_ascii_alphanumeric(), "{b:#x}");
            }
        }
    }

    /// Word hashes by the plain definition: split at every non-alphanumeric
    /// character, lower-case, hash each word.
    fn simple(t: &str) -> Vec<u64> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| word_hash(w.chars().flat_map(char::to_lowercase).collect::<String>()))
            .collect()
    }

    /// Words of every length up to 12 and the separators around them.
    const SHORT_PIECES: &[&str] = &[
        "a",
        "Bc",
        "dEf",
        "ghij",
        "KLMNO",
        "pqrstu",
        "vwxyz12",
        "ABCDEFGH",
        "abcdefghi",
        "x9y8z7w6v5u4",
        " ",
        "  ",
        ", ",
        ".",
        "—",
        "é",
        "café",
        "naïve",
        "Ω",
        "'",
        "-",
        "\n",
    ];

    #[test]
    fn words_of_every_length_and_neighbour_hash_as_the_simple_definition() {
        random_texts_hash_as_simple(SHORT_PIECES, 12, 0);
    }

    /// 3,000 texts of up to `max_words` pieces drawn from `pieces`, each
    /// also shifted by `pads` leading spaces (1 to `pads`): the word hashes
    /// must be the plain definition's.
    fn random_texts_hash_as_simple(pieces: &[&str], max_words: u64, pads: usize) {
        for seed in 0..3000u64 {
            let n = 1 + mix(seed ^ max_words) % max_words;
            let t: String = (0..n)
                .map(|k| pieces[(mix(seed * 37 + k) % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(word_hashes(&t), simple(&t), "{t:?}");
            for pad in 1..=pads {
                let t = " ".repeat(pad) + &t;
                assert_eq!(word_hashes(&t), simple(&t), "{t:?}");
            }
        }
    }

    /// The fingerprint by its plain definition: word hashes by
    /// [`simple`], the exact hash folded over them, each shingle hashed by
    /// [`shingle_hash`] on its own, bins kept by their least value.
    fn plain_fingerprint(t: &str) -> Fingerprint {
        let words = simple(t);
        let mut exact = SEEDS_BASE;
        for &h in &words {
            exact = (exact ^ h)
                .wrapping_mul(0x9FB2_1C65_1E98_DF25)
                .rotate_left(31);
        }
        let exact = mix(exact ^ words.len() as u64);
        if words.is_empty() {
            return Fingerprint {
                exact,
                minhash: Vec::new(),
            };
        }
        let shingles: Vec<u64> = if words.len() < SHINGLE {
            vec![shingle_hash(&words)]
        } else {
            words.windows(SHINGLE).map(shingle_hash).collect()
        };
        let mut mins = vec![u32::MAX; PERMS];
        let mut filled = [false; PERMS];
        for h in shingles {
            let bin = ((h >> 32) as usize * PERMS) >> 32;
            mins[bin] = mins[bin].min(h as u32);
            filled[bin] = true;
        }
        densify(&mut mins, &filled);
        Fingerprint {
            exact,
            minhash: mins,
        }
    }

    #[test]
    fn fingerprints_are_the_plain_definition() {
        let long = text(7, 900);
        for t in [
            "",
            "one",
            "two words",
            "Four words, here now",
            "five words and no more",
            "Hello, World! The rain—came’s café Ünïcode 42nd and then some more words",
            long.as_str(),
        ] {
            let (a, b) = (fingerprint(t), plain_fingerprint(t));
            assert_eq!(a.exact, b.exact, "{t}");
            assert_eq!(a.minhash, b.minhash, "{t}");
        }
        for seed in 0..200u64 {
            let t = text(seed, 1 + (mix(seed) % 300) as usize);
            assert_eq!(fingerprint(&t).minhash, plain_fingerprint(&t).minhash);
        }
    }

    #[test]
    fn movemask_packs_each_top_bit() {
        for bits in 0..=255u64 {
            let x = (0..8).fold(0u64, |x, k| x | (((bits >> k) & 1) << (8 * k + 7)));
            // Other bits of each byte do not leak in.
            assert_eq!(movemask8(x | 0x7f7f_7f7f_7f7f_7f7f), bits, "{bits:#x}");
        }
    }

    #[test]
    fn long_texts_across_mask_spans_hash_as_the_simple_definition() {
        // Words and stretches up to and past 64 bytes, at every offset
        // against the 64-byte spans, with non-ASCII characters on both
        // sides of span ends.
        let x63 = "x".repeat(63);
        let y64 = "Y".repeat(64);
        let z65 = "z".repeat(65);
        let z200 = "q7".repeat(100);
        let e40 = "é".repeat(40);
        let mixed = "ab".repeat(20) + "ç" + &"cd".repeat(20);
        let mut pieces = SHORT_PIECES.to_vec();
        pieces.extend(["abcdefgh", "’", &x63, &y64, &z65, &z200, &e40, &mixed]);
        // Shifted by one to seven bytes against the spans.
        random_texts_hash_as_simple(&pieces, 40, 7);
    }

    #[test]
    fn words_are_split_and_lowered_like_the_simple_definition() {
        let long = "x".repeat(70);
        for t in [
            "Hello, World! The rain—came’s café Ünïcode 42nd",
            "naïve CAFÉ straße ΣΟΦΙΑ 東京 tower",
            "",
            "   ...   ",
            "trailing é",
            long.as_str(),
        ] {
            assert_eq!(word_hashes(t), simple(t), "{t}");
        }
    }
}

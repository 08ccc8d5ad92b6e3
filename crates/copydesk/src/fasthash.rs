//! A small, fast, non-cryptographic hasher for the per-page maps keyed by
//! short strings (class names, `<meta>` keys).
//!
//! The standard library's SipHash guards against hash flooding, which costs
//! several times more per key than the lookups it serves here. The maps
//! that use this hasher are bounded by a fixed number of entries, so a
//! hostile page that makes keys collide can slow a lookup down but cannot
//! make the work grow faster than linearly with the page.
//!
//! The mixing is the one rustc uses (FxHash): one multiply per 8 bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash: word-at-a-time rotate, xor, multiply.
#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            for (d, s) in w.iter_mut().zip(rest) {
                *d = *s;
            }
            // The length keeps "ab" and "ab\0" apart.
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(s: &str) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(s)
    }

    #[test]
    fn distinct_keys_hash_apart_and_equal_keys_alike() {
        assert_eq!(hash("entry-content"), hash("entry-content"));
        assert_ne!(hash("entry-content"), hash("entry-contenu"));
        assert_ne!(hash("ab"), hash("ab\0"));
        assert_ne!(hash(""), hash("a"));
    }

    #[test]
    fn map_round_trip() {
        let mut m: FastMap<&str, u8> = FastMap::default();
        for (i, k) in ["a", "bb", "post-body", "a-much-longer-class-name"]
            .iter()
            .enumerate()
        {
            m.insert(k, i as u8);
        }
        assert_eq!(m.get("post-body"), Some(&2));
        assert_eq!(m.get("a-much-longer-class-name"), Some(&3));
        assert_eq!(m.get("missing"), None);
    }
}

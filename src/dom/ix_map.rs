//! Hash maps keyed by arena slot ([`Ix`]), hashed so that nearby slots use nearby buckets.
//!
//! A subtree's nodes mostly sit in consecutive slots (the parser and the cloner allocate in
//! tree order), and the algorithms that key maps by slot (the morph's id sets, the matcher's
//! stamps) fill and read them in tree order. With the slot itself as the bucket index, those
//! accesses walk the table in order instead of jumping to a random cache line each; the
//! top bits, which the table compares to skip non-matching buckets, get a multiplicative
//! mix. Slots are handed out by the arena, not chosen by the input, so there is nothing to
//! gain from a keyed hash here.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Ix;

/// A map from arena slot to `V` (see the module documentation for the hashing).
pub(crate) type IxMap<V> = HashMap<Ix, V, BuildHasherDefault<IxHasher>>;

/// The [`Hasher`] of [`IxMap`]: the slot number in the low bits, a mix of it in the top
/// seven.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IxHasher(u64);

impl Hasher for IxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Only reached for keys other than `Ix`; fold the bytes in.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n);
    }

    fn finish(&self) -> u64 {
        const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
        const TOP7: u64 = 0x7F << 57;
        (self.0 & !TOP7) | (self.0.wrapping_mul(MIX) & TOP7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_get_neighbouring_hashes_and_mixed_top_bits() {
        let hash = |n: u32| {
            let mut h = IxHasher::default();
            h.write_u32(n);
            h.finish()
        };
        assert_eq!(hash(41) & 0xFFFF, 41);
        assert_eq!(hash(42) & 0xFFFF, 42);
        let tops: std::collections::HashSet<u64> = (1..200).map(|n| hash(n) >> 57).collect();
        assert!(tops.len() > 64, "top bits barely vary: {}", tops.len());
    }
}

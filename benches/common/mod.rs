//! Helpers shared by the benches (not a bench target itself).

use std::hint::black_box;

/// Twice the last-level cache of the machine the figures were taken on (32 MiB).
pub const EVICT_BYTES: usize = 64 << 20;

/// Writes one byte per cache line of `junk` (at least [`EVICT_BYTES`] long), pushing what
/// was cached out: a page measured after this is as cold as a page held on a busy server,
/// whatever its size.
pub fn evict(junk: &mut [u8]) {
    for b in junk.iter_mut().step_by(64) {
        *b = b.wrapping_add(1);
    }
    black_box(junk);
}

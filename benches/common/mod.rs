//! Helpers shared by the benches (not a bench target itself; each bench uses part of it).
#![allow(dead_code)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

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

/// The file `name` of the oracle's perf inputs (`../shared/tools/oracle/out/perf_inputs/`
/// next to the crate), or `None`, said on stderr, when it cannot be read: the benchmarks
/// that need it are skipped.
pub fn perf_input(bench: &str, name: &str) -> Option<String> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/oracle/out/perf_inputs");
    read_or_skip(bench, &dir.join(name))
}

/// The file at `path`, or `None`, said on stderr (as `bench BENCH: skipping: …`), when it
/// cannot be read.
pub fn read_or_skip(bench: &str, path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!(
                "bench {bench}: skipping: cannot read {}: {e}",
                path.display()
            );
            None
        }
    }
}

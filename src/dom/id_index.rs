//! The id index: `getElementById` in O(1) expected time.
//!
//! It holds every element that is connected to the document (reachable from the document
//! node through child links, so never inside `<template>` contents or detached subtrees) and
//! has a non-empty `id` attribute. Several elements may share an id; the index keeps them all
//! and the document picks the first in tree order when asked, as the browser does. Moving a
//! connected subtree to another connected place changes nothing here, which keeps morph
//! moves cheap.
//!
//! The index keeps no strings. It files each element under a keyed 32-bit hash of its id,
//! and the document confirms candidates against their `id` attributes. This costs one string
//! comparison per lookup. With a copy of every id as the map key (40-byte entries), the index
//! of a 50k-node page with 4.5k ids took 374 KB, 6% of the parsed page; with a 64-bit key
//! (16-byte entries) 139 KB. With a 32-bit key an entry is 8 bytes, so a long list's ids,
//! which a morph looks up one after another at random places, fit the cache twice as well.
//! The hash key is random per index, so ids cannot be chosen to collide. A collision (about
//! one in a page of 100k ids) only files two ids under one key, and the confirmation tells
//! them apart.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use foldhash::quality::RandomState;

use super::node::Ix;

/// The maps' keys are already keyed hashes: take them as they are, copied into the high half
/// too (the map picks buckets by the low bits and compares tag bytes from the high ones).
#[derive(Debug, Clone, Copy, Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u32` is used; mix anything else in rather than ignore it.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n) | (u64::from(n) << 32);
    }
}

/// The key an id is filed under.
pub(crate) type Key = u32;

type Keyed<V> = HashMap<Key, V, BuildHasherDefault<PassThrough>>;

/// A map from (the hash of) an id value to the connected elements carrying it.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    hasher: RandomState,
    /// Keys with exactly one element: the common case.
    one: Keyed<Ix>,
    /// Keys with several: duplicate ids (or different ids whose hashes collide), in no
    /// particular order.
    many: Keyed<Vec<Ix>>,
}

impl IdIndex {
    /// The key an id is filed under.
    pub(crate) fn key(&self, id: &str) -> Key {
        // The low half of a 64-bit keyed hash.
        self.hasher.hash_one(id) as Key
    }

    pub(crate) fn insert(&mut self, id: &str, ix: Ix) {
        let key = self.key(id);
        if let Some(v) = self.many.get_mut(&key) {
            v.push(ix);
            return;
        }
        match self.one.entry(key) {
            Entry::Vacant(e) => {
                e.insert(ix);
            }
            Entry::Occupied(e) => {
                let other = e.remove();
                self.many.insert(key, vec![other, ix]);
            }
        }
    }

    pub(crate) fn remove(&mut self, id: &str, ix: Ix) {
        let key = self.key(id);
        if let Entry::Occupied(e) = self.one.entry(key) {
            debug_assert_eq!(*e.get(), ix);
            if *e.get() == ix {
                e.remove();
            }
            return;
        }
        let Entry::Occupied(mut e) = self.many.entry(key) else {
            debug_assert!(false, "id {id:?} not indexed");
            return;
        };
        let v = e.get_mut();
        if let Some(pos) = v.iter().position(|&x| x == ix) {
            v.swap_remove(pos);
        }
        match v[..] {
            [] => {
                e.remove();
            }
            [last] => {
                e.remove();
                self.one.insert(key, last);
            }
            _ => {}
        }
    }

    /// The elements filed under `id`'s key: every connected element with that id, and
    /// possibly others whose ids share the key. The caller checks each one's id.
    pub(crate) fn candidates(&self, id: &str) -> &[Ix] {
        self.candidates_by_key(self.key(id))
    }

    /// The elements filed under `key` ([`IdIndex::key`] of an id).
    pub(crate) fn candidates_by_key(&self, key: Key) -> &[Ix] {
        if let Some(ix) = self.one.get(&key) {
            return std::slice::from_ref(ix);
        }
        self.many.get(&key).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn clear(&mut self) {
        self.one.clear();
        self.many.clear();
    }

    /// Every (key, element) pair, for tests that compare the index with a scan.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (Key, Ix)> + '_ {
        let one = self.one.iter().map(|(&k, &ix)| (k, ix));
        let many = self
            .many
            .iter()
            .flat_map(|(&k, v)| v.iter().map(move |&ix| (k, ix)));
        one.chain(many)
    }
}

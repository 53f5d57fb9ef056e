//! The id index: `getElementById` in O(1) expected time.
//!
//! It holds every element that is connected to the document (reachable from the document
//! node through child links, so never inside `<template>` contents or detached subtrees) and
//! has a non-empty `id` attribute. Several elements may share an id; the index keeps them all
//! and the document picks the first in tree order when asked, as the browser does. Moving a
//! connected subtree to another connected place changes nothing here, which keeps morph
//! moves cheap.

use std::collections::HashMap;

use super::node::Ix;

/// The elements carrying one id value.
#[derive(Debug, Clone)]
pub(crate) enum IdSlot {
    /// The common case: exactly one element.
    One(Ix),
    /// Duplicates, in no particular order (tree order is decided at lookup).
    Many(Vec<Ix>),
}

/// A map from id value to the connected elements carrying it.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    map: HashMap<Box<str>, IdSlot>,
}

impl IdIndex {
    pub(crate) fn insert(&mut self, id: &str, ix: Ix) {
        if let Some(slot) = self.map.get_mut(id) {
            match slot {
                IdSlot::One(other) => {
                    let other = *other;
                    *slot = IdSlot::Many(vec![other, ix]);
                }
                IdSlot::Many(v) => v.push(ix),
            }
        } else {
            self.map.insert(id.into(), IdSlot::One(ix));
        }
    }

    pub(crate) fn remove(&mut self, id: &str, ix: Ix) {
        let Some(slot) = self.map.get_mut(id) else {
            debug_assert!(false, "id {id:?} not indexed");
            return;
        };
        match slot {
            IdSlot::One(other) => {
                debug_assert_eq!(*other, ix);
                self.map.remove(id);
            }
            IdSlot::Many(v) => {
                if let Some(pos) = v.iter().position(|&x| x == ix) {
                    v.swap_remove(pos);
                }
                if v.len() == 1 {
                    *slot = IdSlot::One(v[0]);
                }
            }
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<&IdSlot> {
        self.map.get(id)
    }

    pub(crate) fn clear(&mut self) {
        self.map.clear();
    }

    /// Every (id, element) pair, for tests that compare the index with a scan.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, Ix)> + '_ {
        self.map.iter().flat_map(|(k, slot)| {
            let v: Vec<Ix> = match slot {
                IdSlot::One(x) => vec![*x],
                IdSlot::Many(v) => v.clone(),
            };
            v.into_iter().map(move |x| (&**k, x))
        })
    }
}

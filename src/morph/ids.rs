//! Persistent ids (morph.md §2.3 steps 2–3, gathered with [`super::id_records`]) and both
//! sides' id sets (step 4, built with [`super::id_set`]).
//!
//! An id is *persistent* when exactly one old element and exactly one new element carry it,
//! with the same tag name. Every node on the path from such an element up to the morph root
//! gets the id in its *id set*; matching prefers old and new nodes whose id sets intersect,
//! and nodes holding persistent ids go to the pantry instead of being removed.

use rustc_hash::FxHashMap as HashMap;

use super::id_records::{Gathered, new_id_elements};
use super::id_set::SetBuilder;
pub(crate) use super::id_set::{IdSet, IdSets, Pid};
use crate::dom::{Document, Ix};

/// The new content's shape, as idiomorph normalizes it (§2.2).
#[derive(Debug, Clone, Copy)]
pub(crate) enum NewParent {
    /// The children of `parent` are the new content. `own_id` says whether the parent's own
    /// id counts (it does for the `<html>` element idiomorph uses as the parent of a string
    /// with `</head>`/`</body>`; a dummy `<div>`, a fragment or a document has none).
    Children { parent: Ix, own_id: bool },
    /// One node that stays in its own tree (idiomorph's "sliced parent").
    Single(Ix),
}

/// Persistent ids and both sides' id sets.
#[derive(Debug, Default)]
pub(crate) struct IdMaps<'s> {
    /// Persistent id value (borrowed from the new content) → number, made from `values`
    /// when first asked (see [`IdMaps::pid_of`]).
    by_value: std::cell::OnceCell<HashMap<&'s str, Pid>>,
    /// Number → value.
    pub(crate) values: Vec<&'s str>,
    pub(crate) old_sets: IdSets,
    pub(crate) new_sets: NewSets,
    /// For each persistent id, the old element carrying it.
    pub(crate) holders: Vec<Ix>,
    /// Old elements the morph gave a persistent id to (soft-matched ones), by id.
    pub(crate) extra_holders: HashMap<Pid, Vec<Ix>>,
}

impl<'s> IdMaps<'s> {
    /// Builds the maps for morphing `old_root` (in `old`) into `new` (in `src`).
    ///
    /// Persistent ids (morph.md §2.3 step 3, including its quirks), with one record per id
    /// value so that each element costs one hash lookup: an id is persistent when the old
    /// side has it once (counting elements whose id property is shadowed as absent) and the
    /// new side accepts it once, on the first new element of the same tag.
    pub(crate) fn build(
        old: &Document,
        old_root: Ix,
        src: &'s Document,
        new: NewParent,
    ) -> IdMaps<'s> {
        let (new_els, new_paths) = new_id_elements(src, new);
        let mut g = Gathered::with_capacity(new_els.len());
        // Empty ids are not indexed: with one on the new side, the walk it is.
        if !new_els.iter().any(|&(_, id)| id.is_empty()) && old.is_connected_ix(old_root) {
            g.by_index((old, old_root), src, &new_els);
        } else {
            g.by_walk((old, old_root), src, &new_els);
        }
        let Gathered {
            table,
            old_els,
            old_paths,
            new_recs,
            ..
        } = g;
        let mut maps = IdMaps::default();
        let pids = table.number(&mut maps, old_root);
        if maps.values.is_empty() {
            return maps;
        }

        // Id sets: every node on the path of an element with a persistent id.
        let mut holder_set = vec![false; maps.holders.len()];
        let mut sets = SetBuilder::default();
        maps.old_sets.reserve(old_els.len() + 16);
        for (i, &(e, r)) in old_els.iter().enumerate() {
            let p = pids[r as usize];
            if let Some(p) = p {
                if std::mem::replace(&mut holder_set[p as usize], true) {
                    maps.extra_holders.entry(p).or_default().push(e);
                } else {
                    maps.holders[p as usize] = e;
                }
            }
            sets.add(&mut maps.old_sets, old_paths.get(i), p);
        }
        sets.finish(&mut maps.old_sets);
        maps.new_sets.0.reserve(new_els.len() + 16);
        for (i, &r) in new_recs.iter().enumerate() {
            let p = pids.get(r as usize).copied().flatten();
            sets.add(&mut maps.new_sets.0, new_paths.get(i), p);
        }
        sets.finish(&mut maps.new_sets.0);
        maps
    }
}

impl IdMaps<'_> {
    /// The persistent id with value `id`, if there is one. The morph asks only about new
    /// nodes it matched with nothing and about `id` attributes it writes, so the map from
    /// values is built at the first question rather than for every morph.
    pub(crate) fn pid_of(&self, id: &str) -> Option<Pid> {
        self.by_value
            .get_or_init(|| {
                self.values
                    .iter()
                    .enumerate()
                    .map(|(n, &v)| (v, n as Pid))
                    .collect()
            })
            .get(id)
            .copied()
    }
}

/// Id sets of the new content, by node.
#[derive(Debug, Default)]
pub(crate) struct NewSets(IdSets);

impl NewSets {
    /// The node's id set, if it has one.
    pub(crate) fn get(&self, ix: &Ix) -> Option<IdSet<'_>> {
        self.0.get(ix)
    }

    /// Whether the node has an id set.
    pub(crate) fn contains_key(&self, ix: &Ix) -> bool {
        self.0.contains_key(ix)
    }
}

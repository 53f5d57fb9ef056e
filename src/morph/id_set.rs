//! Id sets (morph.md §2.3 step 4): for each node, the persistent ids in its subtree.
//!
//! Every node on the path from an element with a persistent id up to the morph root has
//! that id in its set. The paths are recorded while the id elements are found (their nodes
//! are at hand then), so that filling the sets reads no node again.

use crate::dom::ix_map::IxMap;
use crate::dom::{Document, Ix, NodeData};

/// A persistent id, numbered in the order the ids were accepted.
pub(crate) type Pid = u32;

/// The persistent ids under one node.
///
/// Most sets hold one id (an element's own, or its parent's single one), so that case needs
/// no allocation. Larger sets are sorted; a removal marks the id instead of shifting the
/// rest, so that moving every element of a long list out of its container stays linear.
#[derive(Debug, Clone, Default)]
pub(crate) enum IdSet {
    #[default]
    Empty,
    One(Pid),
    Many {
        /// Sorted by id; a removed id keeps its place with [`REMOVED`] set.
        ids: Vec<Pid>,
        live: u32,
    },
}

/// Marks a removed id in [`IdSet::Many`] (persistent ids are numbered far below it).
const REMOVED: Pid = 1 << 31;

impl IdSet {
    /// Adds without keeping the order; [`IdSet::finish`] sorts once at the end.
    fn push(&mut self, p: Pid) {
        match self {
            IdSet::Empty => *self = IdSet::One(p),
            IdSet::One(q) if *q == p => {}
            IdSet::One(q) => {
                *self = IdSet::Many {
                    ids: vec![*q, p],
                    live: 0,
                }
            }
            IdSet::Many { ids, .. } => {
                if ids.last() != Some(&p) {
                    ids.push(p);
                }
            }
        }
    }

    /// The ids of a set not yet finished (no removals), in the order they were pushed.
    fn raw(&self) -> &[Pid] {
        match self {
            IdSet::Empty => &[],
            IdSet::One(q) => std::slice::from_ref(q),
            IdSet::Many { ids, .. } => ids,
        }
    }

    fn finish(&mut self) {
        if let IdSet::Many { ids, live } = self {
            ids.sort_unstable();
            ids.dedup();
            *live = ids.len() as u32;
        }
    }

    fn find(ids: &[Pid], p: Pid) -> Result<usize, usize> {
        ids.binary_search_by(|&x| (x & !REMOVED).cmp(&p))
    }

    pub(crate) fn remove(&mut self, p: Pid) {
        match self {
            IdSet::One(q) if *q == p => *self = IdSet::Empty,
            IdSet::Many { ids, live } => {
                if let Ok(i) = Self::find(ids, p)
                    && ids[i] & REMOVED == 0
                {
                    ids[i] |= REMOVED;
                    *live -= 1;
                    if *live == 0 {
                        *self = IdSet::Empty;
                    }
                }
            }
            _ => {}
        }
    }

    pub(crate) fn contains(&self, p: Pid) -> bool {
        match self {
            IdSet::Empty => false,
            IdSet::One(q) => *q == p,
            IdSet::Many { ids, .. } => Self::find(ids, p).is_ok_and(|i| ids[i] & REMOVED == 0),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, IdSet::Empty)
    }

    /// The ids, in increasing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Pid> + '_ {
        let (one, many): (Option<Pid>, &[Pid]) = match self {
            IdSet::Empty => (None, &[]),
            IdSet::One(q) => (Some(*q), &[]),
            IdSet::Many { ids, .. } => (None, ids),
        };
        one.into_iter()
            .chain(many.iter().copied().filter(|&x| x & REMOVED == 0))
    }

    /// Whether the two sets share an id.
    pub(crate) fn intersects(&self, other: &IdSet) -> bool {
        match (self, other) {
            (IdSet::Empty, _) | (_, IdSet::Empty) => false,
            (IdSet::One(p), s) | (s, IdSet::One(p)) => s.contains(*p),
            (IdSet::Many { ids: a, .. }, IdSet::Many { ids: b, .. }) => {
                let (mut i, mut j) = (0, 0);
                while i < a.len() && j < b.len() {
                    let (x, y) = (a[i] & !REMOVED, b[j] & !REMOVED);
                    match x.cmp(&y) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            if a[i] & REMOVED == 0 && b[j] & REMOVED == 0 {
                                return true;
                            }
                            i += 1;
                            j += 1;
                        }
                    }
                }
                false
            }
        }
    }
}

/// Each recorded element's path: the element, then its ancestors while they are elements,
/// up to a root (inclusive), in the order the elements were recorded.
#[derive(Debug, Default)]
pub(crate) struct Paths {
    nodes: Vec<Ix>,
    /// Where each path ends in `nodes`.
    ends: Vec<u32>,
}

impl Paths {
    /// Records the path of `el` up to `root`, if `root` is an inclusive ancestor of `el`;
    /// says whether it is (nothing is recorded when it is not).
    pub(crate) fn record(&mut self, doc: &Document, el: Ix, root: Ix) -> bool {
        let start = self.nodes.len();
        let mut cur = el;
        // The set of a node stops at a parent that is not an element (a document or a
        // fragment above the root), though the root may still be further up.
        let mut through_elements = true;
        loop {
            if through_elements {
                self.nodes.push(cur);
            }
            if cur == root {
                self.ends.push(self.nodes.len() as u32);
                return true;
            }
            match doc.node(cur).parent {
                Some(up) => {
                    through_elements &= matches!(doc.node(up).data, NodeData::Element(_));
                    cur = up;
                }
                None => {
                    self.nodes.truncate(start);
                    return false;
                }
            }
        }
    }

    /// The `i`-th recorded path, from the element up.
    pub(crate) fn get(&self, i: usize) -> &[Ix] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.nodes[start..self.ends[i] as usize]
    }
}

/// Fills id sets from recorded paths.
///
/// The previous path stays on a stack with its sets, so that siblings and cousins (a long
/// list of id'd rows) add to their shared ancestors without a hash lookup each: a node's set
/// goes into the map when a path leaves it.
#[derive(Debug, Default)]
pub(crate) struct SetBuilder {
    /// The previous path, top first, with the sets gathered on it.
    stack: Vec<(Ix, IdSet)>,
}

impl SetBuilder {
    /// Adds `p` to the set of every node on `path` (from an element up).
    pub(crate) fn add(&mut self, sets: &mut IxMap<IdSet>, path: &[Ix], p: Pid) {
        let shared = self
            .stack
            .iter()
            .zip(path.iter().rev())
            .take_while(|((a, _), b)| a == *b)
            .count();
        Self::leave(&mut self.stack, sets, shared);
        self.stack.extend(
            path[..path.len() - shared]
                .iter()
                .rev()
                .map(|&a| (a, IdSet::Empty)),
        );
        for (_, set) in &mut self.stack {
            set.push(p);
        }
    }

    /// Files every set still on the stack, and finishes all of `sets`.
    pub(crate) fn finish(&mut self, sets: &mut IxMap<IdSet>) {
        Self::leave(&mut self.stack, sets, 0);
        sets.values_mut().for_each(IdSet::finish);
    }

    /// Files the sets of the stack from depth `keep` on.
    fn leave(stack: &mut Vec<(Ix, IdSet)>, sets: &mut IxMap<IdSet>, keep: usize) {
        for (ix, set) in stack.drain(keep..) {
            let slot = sets.entry(ix).or_default();
            if slot.is_empty() {
                *slot = set;
            } else {
                // Met again after a path left it (the elements came out of tree order).
                set.raw().iter().for_each(|&q| slot.push(q));
            }
        }
    }
}

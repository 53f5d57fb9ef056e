//! Id sets (morph.md §2.3 step 4): for each node, the persistent ids in its subtree.
//!
//! Every node on the path from an element with a persistent id up to the morph root has
//! that id in its set. The paths are recorded while the id elements are found (their nodes
//! are at hand then), so that filling the sets reads no node again.

use crate::dom::ix_map::IxMap;
use crate::dom::{Document, Ix, NodeData};

/// A persistent id, numbered in the order the ids were accepted.
pub(crate) type Pid = u32;

/// A set under construction in [`SetBuilder`]: most hold one id (an element's own, or its
/// parent's single one), which needs no allocation.
#[derive(Debug, Clone, Default)]
enum Building {
    #[default]
    Empty,
    One(Pid),
    /// In the order pushed, possibly with repeats; sorted when filed.
    Many(Vec<Pid>),
}

impl Building {
    /// Adds without keeping the order; the set is sorted when it is filed.
    fn push(&mut self, p: Pid) {
        match self {
            Building::Empty => *self = Building::One(p),
            Building::One(q) if *q == p => {}
            Building::One(q) => *self = Building::Many(vec![*q, p]),
            Building::Many(ids) => {
                if ids.last() != Some(&p) {
                    ids.push(p);
                }
            }
        }
    }
}

/// Marks a removed id in a set of several (persistent ids are numbered far below it), and
/// tells a set of several from a single id in a handle.
const REMOVED: Pid = 1 << 31;
const MANY: u32 = 1 << 31;

/// A set of two or more ids, sorted; a removal marks the id instead of shifting the rest,
/// so that moving every element of a long list out of its container stays linear.
#[derive(Debug, Default)]
struct Many {
    ids: Vec<Pid>,
    live: u32,
}

/// The id sets of one side, by node.
///
/// A node maps to a 4-byte handle: its one id, or (with [`MANY`] set) the place of its
/// larger set in `many`. Nearly every node with a set is an id'd element with one id or an
/// ancestor shared by many of them, so the map stays small enough to keep a long list's
/// sets in the cache (with the sets inline an entry took 40 bytes). A node whose set becomes
/// empty leaves the map.
#[derive(Debug, Default)]
pub(crate) struct IdSets {
    map: IxMap<u32>,
    many: Vec<Many>,
}

/// One node's id set, as [`IdSets::get`] gives it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum IdSet<'a> {
    One(Pid),
    /// Sorted by id; a removed id keeps its place with [`REMOVED`] set.
    Many(&'a [Pid]),
}

fn find(ids: &[Pid], p: Pid) -> Result<usize, usize> {
    ids.binary_search_by(|&x| (x & !REMOVED).cmp(&p))
}

impl IdSet<'_> {
    pub(crate) fn contains(self, p: Pid) -> bool {
        match self {
            IdSet::One(q) => q == p,
            IdSet::Many(ids) => find(ids, p).is_ok_and(|i| ids[i] & REMOVED == 0),
        }
    }

    /// The ids, in increasing order.
    pub(crate) fn iter(self) -> impl Iterator<Item = Pid> {
        let (one, many): (Option<Pid>, &[Pid]) = match self {
            IdSet::One(q) => (Some(q), &[]),
            IdSet::Many(ids) => (None, ids),
        };
        one.into_iter()
            .chain(many.iter().copied().filter(|&x| x & REMOVED == 0))
    }

    /// Whether the two sets share an id.
    pub(crate) fn intersects(self, other: IdSet<'_>) -> bool {
        match (self, other) {
            (IdSet::One(p), s) | (s, IdSet::One(p)) => s.contains(p),
            (IdSet::Many(a), IdSet::Many(b)) => {
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

impl IdSets {
    /// Room for about `n` nodes.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.map.reserve(n);
    }

    /// The node's id set, if it has one.
    pub(crate) fn get(&self, ix: &Ix) -> Option<IdSet<'_>> {
        let h = *self.map.get(ix)?;
        Some(if h & MANY == 0 {
            IdSet::One(h)
        } else {
            IdSet::Many(&self.many[(h & !MANY) as usize].ids)
        })
    }

    /// Whether the node has an id set.
    pub(crate) fn contains_key(&self, ix: &Ix) -> bool {
        self.map.contains_key(ix)
    }

    /// Takes `p` out of the node's set; true when that emptied the set (the node has none
    /// from then on).
    pub(crate) fn remove_id(&mut self, ix: Ix, p: Pid) -> bool {
        let Some(&h) = self.map.get(&ix) else {
            return false;
        };
        let emptied = if h & MANY == 0 {
            h == p
        } else {
            let m = &mut self.many[(h & !MANY) as usize];
            if let Ok(i) = find(&m.ids, p)
                && m.ids[i] & REMOVED == 0
            {
                m.ids[i] |= REMOVED;
                m.live -= 1;
            }
            m.live == 0
        };
        if emptied {
            self.map.remove(&ix);
        }
        emptied
    }

    /// Files a finished set for `ix`, merging with what `ix` already has (met again after a
    /// path left it: the elements came out of tree order).
    fn file(&mut self, ix: Ix, set: Building) {
        let ids = match set {
            Building::Empty => return,
            Building::One(p) => match self.map.get(&ix) {
                None => {
                    self.map.insert(ix, p);
                    return;
                }
                Some(_) => vec![p],
            },
            Building::Many(ids) => ids,
        };
        match self.map.get(&ix).copied() {
            None => {
                debug_assert!(self.many.len() < MANY as usize);
                self.map.insert(ix, MANY | self.many.len() as u32);
                self.many.push(Many { ids, live: 0 });
            }
            Some(h) if h & MANY == 0 => {
                let mut all = ids;
                all.push(h);
                self.map.insert(ix, MANY | self.many.len() as u32);
                self.many.push(Many { ids: all, live: 0 });
            }
            Some(h) => self.many[(h & !MANY) as usize].ids.extend(ids),
        }
    }

    /// Sorts the sets of several ids once they are all filed.
    fn finish(&mut self) {
        for m in &mut self.many {
            m.ids.sort_unstable();
            m.ids.dedup();
            m.live = m.ids.len() as u32;
        }
    }
}

/// Each recorded element's path: the element, then its ancestors while they are elements,
/// up to a root (inclusive), in the order the elements were recorded.
///
/// A path is kept as the nodes it does not share with the path before it, with the number
/// it shares: a long list's rows then cost one node each, and a row whose parent is the
/// previous row's needs no walk up to the root (the previous walk reached it).
#[derive(Debug, Default)]
pub(crate) struct Paths {
    /// Each path's own nodes, from the element up.
    nodes: Vec<Ix>,
    /// Per path: where its own nodes end in `nodes`, and how many top nodes it shares with
    /// the path before it.
    ends: Vec<(u32, u32)>,
    /// The last recorded path, top first.
    last: Vec<Ix>,
    /// A path being walked, from the element up.
    walk: Vec<Ix>,
}

/// A recorded path: the number of top nodes it shares with the path recorded before it, and
/// the rest of its nodes, from the element up.
pub(crate) type PathRef<'a> = (usize, &'a [Ix]);

impl Paths {
    /// Room for about `n` paths.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.nodes.reserve(n);
        self.ends.reserve(n);
    }

    /// Records the path of `el` up to `root`, if `root` is an inclusive ancestor of `el`;
    /// says whether it is (nothing is recorded when it is not).
    pub(crate) fn record(&mut self, doc: &Document, el: Ix, root: Ix) -> bool {
        self.record_from(doc, el, doc.node(el).parent, root)
    }

    /// [`Paths::record`] for an element whose parent the caller has already read.
    pub(crate) fn record_from(
        &mut self,
        doc: &Document,
        el: Ix,
        parent: Option<Ix>,
        root: Ix,
    ) -> bool {
        // A sibling of the last element: the same path but for the element.
        let n = self.last.len();
        if n >= 2 && parent == Some(self.last[n - 2]) {
            self.last[n - 1] = el;
            self.nodes.push(el);
            self.ends.push((self.nodes.len() as u32, (n - 1) as u32));
            return true;
        }
        self.walk.clear();
        let mut cur = el;
        let mut up = parent;
        // The set of a node stops at a parent that is not an element (a document or a
        // fragment above the root), though the root may still be further up.
        let mut through_elements = true;
        loop {
            if through_elements {
                self.walk.push(cur);
            }
            if cur == root {
                break;
            }
            let Some(next) = up else {
                return false;
            };
            let node = doc.node(next);
            through_elements &= matches!(node.data, NodeData::Element(_));
            cur = next;
            up = node.parent;
        }
        let shared = self
            .last
            .iter()
            .zip(self.walk.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let own = &self.walk[..self.walk.len() - shared];
        self.nodes.extend_from_slice(own);
        self.ends.push((self.nodes.len() as u32, shared as u32));
        self.last.truncate(shared);
        self.last.extend(own.iter().rev());
        true
    }

    /// The `i`-th recorded path.
    pub(crate) fn get(&self, i: usize) -> PathRef<'_> {
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1].0 as usize
        };
        let (end, shared) = self.ends[i];
        (shared as usize, &self.nodes[start..end as usize])
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
    stack: Vec<(Ix, Building)>,
}

impl SetBuilder {
    /// Adds `p` (if any) to the set of every node on `path`. Every path of one [`Paths`]
    /// is given, in order, so that the stack follows the paths' shared tops.
    pub(crate) fn add(&mut self, sets: &mut IdSets, path: PathRef<'_>, p: Option<Pid>) {
        let (shared, own) = path;
        Self::leave(&mut self.stack, sets, shared);
        self.stack
            .extend(own.iter().rev().map(|&a| (a, Building::Empty)));
        if let Some(p) = p {
            for (_, set) in &mut self.stack {
                set.push(p);
            }
        }
    }

    /// Files every set still on the stack, and finishes all of `sets`.
    pub(crate) fn finish(&mut self, sets: &mut IdSets) {
        Self::leave(&mut self.stack, sets, 0);
        sets.finish();
    }

    /// Files the sets of the stack from depth `keep` on.
    fn leave(stack: &mut Vec<(Ix, Building)>, sets: &mut IdSets, keep: usize) {
        for (ix, set) in stack.drain(keep..) {
            sets.file(ix, set);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_id(doc: &Document, id: &str) -> Ix {
        doc.ix(doc.get_element_by_id(id).expect("id in the test page"))
            .expect("live")
    }

    /// `el`'s inclusive ancestors up to `root`, top first, cut below the first non-element
    /// (`None` when `root` is not among them).
    fn chain(doc: &Document, el: Ix, root: Ix) -> Option<Vec<Ix>> {
        let mut all = vec![el];
        let mut cur = el;
        while cur != root {
            cur = doc.node(cur).parent?;
            all.push(cur);
        }
        let elements = all
            .iter()
            .take_while(|&&n| matches!(doc.node(n).data, NodeData::Element(_)))
            .count();
        all.truncate(elements.max(1));
        all.reverse();
        Some(all)
    }

    /// Recording `order` under `root`, then replaying the shared tops, gives each element's
    /// own path; elements outside `root` are refused.
    fn check(doc: &Document, root: Ix, order: &[&str]) {
        let mut paths = Paths::default();
        let mut want = Vec::new();
        for id in order {
            let el = by_id(doc, id);
            let expected = chain(doc, el, root);
            assert_eq!(paths.record(doc, el, root), expected.is_some(), "#{id}");
            want.extend(expected);
        }
        let mut last: Vec<Ix> = Vec::new();
        for (i, want) in want.iter().enumerate() {
            let (shared, own) = paths.get(i);
            last.truncate(shared);
            last.extend(own.iter().rev());
            assert_eq!(&last, want, "path {i}");
        }
    }

    fn ix(n: u32) -> Ix {
        Ix::new(n).expect("non-zero")
    }

    fn ids(set: Option<IdSet<'_>>) -> Vec<Pid> {
        set.map_or_else(Vec::new, |s| s.iter().collect())
    }

    #[test]
    fn id_sets_merge_refiled_nodes_and_drop_emptied_ones() {
        let mut sets = IdSets::default();
        sets.file(ix(1), Building::One(7));
        sets.file(ix(2), Building::Many(vec![5, 3, 5, 9]));
        // A node met again after a path left it: its sets merge, whatever their sizes.
        sets.file(ix(1), Building::One(2));
        sets.file(ix(2), Building::One(4));
        sets.file(ix(3), Building::One(6));
        sets.file(ix(3), Building::One(6));
        sets.file(ix(4), Building::Empty);
        sets.finish();
        assert_eq!(ids(sets.get(&ix(1))), [2, 7]);
        assert_eq!(ids(sets.get(&ix(2))), [3, 4, 5, 9]);
        assert_eq!(ids(sets.get(&ix(3))), [6]);
        assert!(!sets.contains_key(&ix(4)));

        let (one, many) = (sets.get(&ix(3)).unwrap(), sets.get(&ix(2)).unwrap());
        assert!(!one.intersects(many));
        assert!(sets.get(&ix(1)).unwrap().intersects(IdSet::One(7)));

        // Removing ids: the set shrinks, and the node leaves once its set is empty.
        assert!(!sets.remove_id(ix(2), 4));
        assert!(!sets.remove_id(ix(2), 4), "removing twice changes nothing");
        assert!(!sets.remove_id(ix(2), 8), "an id not in the set");
        assert_eq!(ids(sets.get(&ix(2))), [3, 5, 9]);
        assert!(!sets.get(&ix(2)).unwrap().contains(4));
        assert!(!sets.get(&ix(2)).unwrap().intersects(IdSet::Many(&[1, 4])));
        for p in [3, 5] {
            assert!(!sets.remove_id(ix(2), p));
        }
        assert!(sets.remove_id(ix(2), 9));
        assert!(!sets.contains_key(&ix(2)));
        assert!(!sets.remove_id(ix(3), 5), "another id than the node's one");
        assert!(sets.remove_id(ix(3), 6));
        assert!(!sets.contains_key(&ix(3)));
    }

    #[test]
    fn recorded_paths_replay_to_each_elements_ancestors() {
        let doc = Document::parse(
            "<div id=root><ul id=l><li id=a></li><li id=b><b id=c></b></li><li id=e></li></ul>\
             <p id=d></p></div><p id=out></p>",
        );
        // Siblings, a child, a cousin, out of tree order, the root itself, an element
        // outside the root, and a repeat.
        let order = ["a", "b", "c", "e", "d", "a", "root", "out", "e", "e"];
        check(&doc, by_id(&doc, "root"), &order);
        // From the document node: paths stop at `<html>`, whose parent is no element.
        check(&doc, doc.root_ix(), &order);
    }
}

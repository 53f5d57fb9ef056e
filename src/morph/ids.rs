//! Persistent ids and id sets (morph.md §2.3 steps 2–4).
//!
//! An id is *persistent* when exactly one old element and exactly one new element carry it,
//! with the same tag name. Every node on the path from such an element up to the morph root
//! gets the id in its *id set*; matching prefers old and new nodes whose id sets intersect,
//! and nodes holding persistent ids go to the pantry instead of being removed.

use rustc_hash::FxHashMap as HashMap;

use super::form::form_id_shadowed;
use super::matcher::same_tag;
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

impl NewParent {
    /// The node the id-map walk stops at on the new side.
    fn id_root(self) -> Ix {
        match self {
            NewParent::Children { parent, .. } => parent,
            NewParent::Single(n) => n,
        }
    }
}

/// Persistent ids and both sides' id sets.
#[derive(Debug, Default)]
pub(crate) struct IdMaps<'s> {
    /// Persistent id value (borrowed from the new content) → number.
    pub(crate) persistent: HashMap<&'s str, Pid>,
    /// Number → value.
    pub(crate) values: Vec<&'s str>,
    pub(crate) old_sets: HashMap<Ix, IdSet>,
    pub(crate) new_sets: NewSets,
    /// For each persistent id, the old element carrying it.
    pub(crate) holders: Vec<Ix>,
    /// Old elements the morph gave a persistent id to (soft-matched ones), by id.
    pub(crate) extra_holders: HashMap<Pid, Vec<Ix>>,
}

/// `querySelectorAll("[id]")` below `root` (tree order, not in template contents).
fn id_elements(doc: &Document, root: Ix, out: &mut Vec<Ix>) {
    let mut cur = doc.next_in(root, root);
    while let Some(n) = cur {
        if doc.elem(n).is_some_and(|e| e.id().is_some()) {
            out.push(n);
        }
        cur = doc.next_in(n, root);
    }
}

/// The element's `id` and `tagName` as idiomorph destructures them (`{id, tagName}`): the id
/// *property*, which a form's named controls can shadow (then `None`).
fn id_and_tag(doc: &Document, ix: Ix) -> Option<(&str, &html5ever::QualName)> {
    let e = doc.elem(ix)?;
    if e.is_html("form") && form_id_shadowed(doc, ix) {
        return None;
    }
    Some((e.id().unwrap_or(""), e.name()))
}

/// No record (an element whose id property is shadowed, or a new id the old side lacks).
const NO_RECORD: u32 = u32::MAX;

/// What [`IdMaps::build`] learns about one id value.
#[derive(Debug)]
struct IdRecord<'a> {
    /// The tag of the first old element with this id.
    old_tag: Option<&'a html5ever::QualName>,
    /// More than one old element has it, or more than one new element was accepted.
    dup: bool,
    /// Where the new side accepted it, in `IdTable::accepted`.
    accepted: Option<u32>,
}

/// Id values and their records, in the order of first sight.
#[derive(Debug, Default)]
struct IdTable<'a, 's> {
    index: HashMap<&'a str, u32>,
    records: Vec<IdRecord<'a>>,
    /// Accepted ids (the new side's strings), in the order the new side accepted them.
    accepted: Vec<(&'s str, u32)>,
}

impl<'a, 's: 'a> IdTable<'a, 's> {
    /// The record for `id`, made if missing; true when it was made.
    fn record(&mut self, id: &'a str) -> (u32, bool) {
        let next = self.records.len() as u32;
        let r = *self.index.entry(id).or_insert(next);
        if r == next {
            self.records.push(IdRecord {
                old_tag: None,
                dup: false,
                accepted: None,
            });
        }
        (r, r == next)
    }

    fn lookup(&self, id: &str) -> u32 {
        self.index.get(id).copied().unwrap_or(NO_RECORD)
    }

    /// An old element with this id (and tag), in tree order.
    fn seen_old(&mut self, r: u32, tag: &'a html5ever::QualName) {
        let rec = &mut self.records[r as usize];
        match rec.old_tag {
            Some(_) => rec.dup = true,
            None => rec.old_tag = Some(tag),
        }
    }

    /// A new element with this id (and tag), in tree order: a second acceptance makes the id
    /// a duplicate; a first element of another tag than the old one is passed over, and a
    /// later one of the same tag is still accepted (idiomorph's quirk).
    fn seen_new(&mut self, r: u32, id: &'s str, tag: &html5ever::QualName) {
        let rec = &mut self.records[r as usize];
        if rec.accepted.is_some() {
            rec.dup = true;
        } else if rec.old_tag.is_some_and(|t| same_tag(t, tag)) {
            rec.accepted = Some(self.accepted.len() as u32);
            self.accepted.push((id, r));
        }
    }

    /// Numbers the persistent ids in acceptance order into `maps` (each holder is set by
    /// the caller; `old_root` stands in until then); returns each record's persistent id.
    fn number(self, maps: &mut IdMaps<'s>, old_root: Ix) -> Vec<Option<Pid>> {
        let mut pids = vec![None; self.records.len()];
        for (id, r) in self.accepted {
            if !self.records[r as usize].dup {
                let n = maps.values.len() as Pid;
                maps.persistent.insert(id, n);
                maps.values.push(id);
                maps.holders.push(old_root);
                pids[r as usize] = Some(n);
            }
        }
        pids
    }
}

impl<'s> IdMaps<'s> {
    /// Builds the maps for morphing `old_root` (in `old`) into `new` (in `src`).
    pub(crate) fn build(
        old: &Document,
        old_root: Ix,
        src: &'s Document,
        new: NewParent,
    ) -> IdMaps<'s> {
        // New side: descendants with an id attribute (and the parent or the node itself, as
        // idiomorph's `findIdElements` of the normalized parent gives them).
        let mut new_els = Vec::new();
        match new {
            NewParent::Children { parent, own_id } => {
                id_elements(src, parent, &mut new_els);
                if own_id
                    && src
                        .elem(parent)
                        .and_then(|e| e.id())
                        .is_some_and(|id| !id.is_empty())
                {
                    new_els.push(parent);
                }
            }
            NewParent::Single(n) => {
                if src.elem(n).is_some_and(|e| e.id().is_some()) {
                    new_els.push(n);
                }
                id_elements(src, n, &mut new_els);
            }
        }
        // Persistent ids (morph.md §2.3 step 3, including its quirks), with one record per
        // id value so that each element costs one hash lookup: an id is persistent when the
        // old side has it once (counting elements whose id property is shadowed as absent)
        // and the new side accepts it once, on the first new element of the same tag.
        let mut table = IdTable::default();
        // Old side: descendants with an id attribute, then the root if its id is non-empty,
        // each with its record. Only ids the new side has can become persistent, so when the
        // root is connected the id index gives them without walking the old subtree (empty
        // ids are not indexed: then the walk it is).
        let mut old_els: Vec<(Ix, u32)> = Vec::new();
        let mut new_recs: Vec<u32> = Vec::with_capacity(new_els.len());
        let empty_new_id = new_els
            .iter()
            .any(|&e| src.elem(e).and_then(|x| x.id()) == Some(""));
        // Records are keyed by the id *attribute* (the id map reads `getAttribute("id")`);
        // only elements whose id *property* is that value (not a shadowed form) count
        // towards persistence.
        let attr_id = |d: &'s Document, e: Ix| d.elem(e).and_then(|x| x.id());
        if !empty_new_id && old.is_connected_ix(old_root) {
            for &e in &new_els {
                let Some(id) = attr_id(src, e) else {
                    new_recs.push(NO_RECORD);
                    continue;
                };
                let (r, fresh) = table.record(id);
                if fresh {
                    // First time this value is seen: its old elements, in tree order.
                    for c in old
                        .indexed_with_id(id)
                        .filter(|&c| is_inclusive_descendant(old, c, old_root))
                    {
                        if let Some((_, old_tag)) = id_and_tag(old, c) {
                            table.seen_old(r, old_tag);
                        }
                        old_els.push((c, r));
                    }
                }
                if let Some((id, tag)) = id_and_tag(src, e) {
                    table.seen_new(r, id, tag);
                }
                new_recs.push(r);
            }
        } else {
            let mut walked = Vec::new();
            id_elements(old, old_root, &mut walked);
            if old
                .elem(old_root)
                .and_then(|e| e.id())
                .is_some_and(|id| !id.is_empty())
            {
                walked.push(old_root);
            }
            for c in walked {
                let Some(id) = old.elem(c).and_then(|x| x.id()) else {
                    continue;
                };
                let (r, _) = table.record(id);
                if let Some((_, tag)) = id_and_tag(old, c) {
                    table.seen_old(r, tag);
                }
                old_els.push((c, r));
            }
            for &e in &new_els {
                let r = attr_id(src, e).map_or(NO_RECORD, |id| table.lookup(id));
                if r != NO_RECORD
                    && let Some((id, tag)) = id_and_tag(src, e)
                {
                    table.seen_new(r, id, tag);
                }
                new_recs.push(r);
            }
        }
        let mut maps = IdMaps::default();
        let pids = table.number(&mut maps, old_root);
        if maps.persistent.is_empty() {
            return maps;
        }

        // Id sets: from each element with a persistent id up to the root (inclusive),
        // through parent *elements* only.
        let mut holder_set = vec![false; maps.holders.len()];
        for &(e, r) in &old_els {
            if let Some(p) = pids[r as usize] {
                if std::mem::replace(&mut holder_set[p as usize], true) {
                    maps.extra_holders.entry(p).or_default().push(e);
                } else {
                    maps.holders[p as usize] = e;
                }
                populate(old, &mut maps.old_sets, e, old_root, p);
            }
        }
        let new_root = new.id_root();
        for (&e, &r) in new_els.iter().zip(&new_recs) {
            if let Some(p) = pids.get(r as usize).copied().flatten() {
                populate_new(src, &mut maps.new_sets, e, new_root, p);
            }
        }
        maps.old_sets.values_mut().for_each(IdSet::finish);
        maps.new_sets.0.values_mut().for_each(IdSet::finish);
        maps
    }
}

/// Id sets of the new content, by node.
#[derive(Debug, Default)]
pub(crate) struct NewSets(HashMap<Ix, IdSet>);

impl NewSets {
    /// The node's id set, if it has one.
    pub(crate) fn get(&self, ix: &Ix) -> Option<&IdSet> {
        self.0.get(ix)
    }

    /// Whether the node has an id set.
    pub(crate) fn contains_key(&self, ix: &Ix) -> bool {
        self.0.contains_key(ix)
    }
}

fn populate_new(doc: &Document, sets: &mut NewSets, el: Ix, root: Ix, p: Pid) {
    populate(doc, &mut sets.0, el, root, p);
}

fn is_inclusive_descendant(doc: &Document, mut node: Ix, ancestor: Ix) -> bool {
    loop {
        if node == ancestor {
            return true;
        }
        match doc.node(node).parent {
            Some(p) => node = p,
            None => return false,
        }
    }
}

fn populate(doc: &Document, sets: &mut HashMap<Ix, IdSet>, el: Ix, root: Ix, p: Pid) {
    let mut cur = el;
    loop {
        sets.entry(cur).or_default().push(p);
        if cur == root {
            break;
        }
        match doc.node(cur).parent {
            Some(up) if matches!(doc.node(up).data, NodeData::Element(_)) => cur = up,
            _ => break,
        }
    }
}

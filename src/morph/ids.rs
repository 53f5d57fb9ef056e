//! Persistent ids (morph.md §2.3 steps 2–3) and both sides' id sets (step 4, built with
//! [`super::id_set`]).
//!
//! An id is *persistent* when exactly one old element and exactly one new element carry it,
//! with the same tag name. Every node on the path from such an element up to the morph root
//! gets the id in its *id set*; matching prefers old and new nodes whose id sets intersect,
//! and nodes holding persistent ids go to the pantry instead of being removed.

use rustc_hash::FxHashMap as HashMap;

use super::form::FormIdShadows;
pub(crate) use super::id_set::{IdSet, IdSets, Pid};
use super::id_set::{Paths, SetBuilder};
use super::matcher::same_tag;
use crate::dom::ix_map::IxMap;
use crate::dom::{Document, IdKey, Ix};

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

/// `querySelectorAll("[id]")` below `root` (tree order, not in template contents), each
/// with its `id` attribute (kept so that later passes need not read the element again), and
/// its path up to `root`.
fn id_elements<'d>(doc: &'d Document, root: Ix, out: &mut Vec<(Ix, &'d str)>, paths: &mut Paths) {
    let mut cur = doc.next_in(root, root);
    while let Some(n) = cur {
        if let Some(id) = doc.elem(n).and_then(|e| e.id()) {
            out.push((n, id));
            paths.record(doc, n, root);
        }
        cur = doc.next_in(n, root);
    }
}

/// The element's `id` and `tagName` as idiomorph destructures them (`{id, tagName}`): the id
/// *property*, which a form's named controls can shadow (then `None`; `shadows` answers
/// for `doc`).
fn id_and_tag<'d>(
    doc: &'d Document,
    shadows: &FormIdShadows,
    ix: Ix,
) -> Option<(&'d str, &'d html5ever::QualName)> {
    let e = doc.elem(ix)?;
    if e.is_html("form") && shadows.is_shadowed(doc, ix) {
        return None;
    }
    Some((e.id().unwrap_or(""), e.name()))
}

/// How many new ids [`IdMaps::build`] looks up in the id index before it uses the answers.
const PROBE_BATCH: usize = 32;

/// One new id looked up in the old page's id index.
///
/// A long list's ids are spread over the whole index and their old elements over the whole
/// page, and the processor overlaps those cache misses only when nothing else sits between
/// them. So a batch of ids is looked up in three passes, each a loop of independent reads:
/// the keys (reading the new ids), the index entries, then each id's first old element with
/// its parent (reading the old elements).
#[derive(Debug)]
struct Probe<'d, 's> {
    /// The new element's `id` attribute.
    id: &'s str,
    key: IdKey,
    /// The index's candidates for the id: after [`Probe::resolve`], those not yet checked.
    candidates: &'d [Ix],
    /// The first indexed old element with that id, and its parent.
    first: Option<(Ix, Option<Ix>)>,
}

impl<'d, 's> Probe<'d, 's> {
    fn new(old: &Document, id: &'s str) -> Self {
        Probe {
            id,
            key: old.id_key(id),
            candidates: &[],
            first: None,
        }
    }

    fn look_up(&mut self, old: &'d Document) {
        self.candidates = old.id_candidates(self.key);
    }

    fn resolve(&mut self, old: &Document) {
        let hit = self
            .candidates
            .iter()
            .position(|&c| old.elem(c).and_then(|e| e.id()) == Some(self.id));
        if let Some(i) = hit {
            let c = self.candidates[i];
            self.first = Some((c, old.node(c).parent));
            self.candidates = &self.candidates[i + 1..];
        }
    }
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
    /// Records by id value, when the old subtree is walked.
    by_value: HashMap<&'a str, u32>,
    /// Records by the first element the id index gives for the value, when the index is
    /// used (values the old page lacks get no record then: they cannot be persistent). A
    /// slot is a cheaper key than a string, and the index has already compared the strings.
    by_first_old: IxMap<u32>,
    records: Vec<IdRecord<'a>>,
    /// Accepted ids (the new side's strings), in the order the new side accepted them.
    accepted: Vec<(&'s str, u32)>,
}

impl<'a, 's: 'a> IdTable<'a, 's> {
    /// A table for about `n` id values.
    fn with_capacity(n: usize) -> Self {
        IdTable {
            records: Vec::with_capacity(n),
            accepted: Vec::with_capacity(n),
            ..IdTable::default()
        }
    }

    /// The record for the id `value`, made if missing; true when it was made.
    fn record(&mut self, value: &'a str) -> (u32, bool) {
        let next = self.records.len() as u32;
        let r = *self.by_value.entry(value).or_insert(next);
        self.made(r, next)
    }

    /// The record for the id whose first indexed old element is `first`, made if missing;
    /// true when it was made.
    fn record_by_first_old(&mut self, first: Ix) -> (u32, bool) {
        let next = self.records.len() as u32;
        let r = *self.by_first_old.entry(first).or_insert(next);
        self.made(r, next)
    }

    /// Adds the record `r` if it is the `next` one.
    fn made(&mut self, r: u32, next: u32) -> (u32, bool) {
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
        self.by_value.get(id).copied().unwrap_or(NO_RECORD)
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
        let mut new_paths = Paths::default();
        match new {
            NewParent::Children { parent, own_id } => {
                id_elements(src, parent, &mut new_els, &mut new_paths);
                if own_id
                    && let Some(id) = src.elem(parent).and_then(|e| e.id())
                    && !id.is_empty()
                {
                    new_els.push((parent, id));
                    new_paths.record(src, parent, parent);
                }
            }
            NewParent::Single(n) => {
                if let Some(id) = src.elem(n).and_then(|e| e.id()) {
                    new_els.push((n, id));
                    new_paths.record(src, n, n);
                }
                id_elements(src, n, &mut new_els, &mut new_paths);
            }
        }
        // Persistent ids (morph.md §2.3 step 3, including its quirks), with one record per
        // id value so that each element costs one hash lookup: an id is persistent when the
        // old side has it once (counting elements whose id property is shadowed as absent)
        // and the new side accepts it once, on the first new element of the same tag.
        let mut table = IdTable::with_capacity(new_els.len());
        let (old_shadows, new_shadows) = (FormIdShadows::default(), FormIdShadows::default());
        // Old side: descendants with an id attribute, then the root if its id is non-empty,
        // each with its record and path. Only ids the new side has can become persistent, so
        // when the root is connected the id index gives them without walking the old subtree
        // (empty ids are not indexed: then the walk it is).
        let mut old_els: Vec<(Ix, u32)> = Vec::with_capacity(new_els.len());
        let mut old_paths = Paths::default();
        old_paths.reserve(new_els.len());
        let mut new_recs: Vec<u32> = Vec::with_capacity(new_els.len());
        let empty_new_id = new_els.iter().any(|&(_, id)| id.is_empty());
        // Records are keyed by the id *attribute* (the id map reads `getAttribute("id")`);
        // only elements whose id *property* is that value (not a shadowed form) count
        // towards persistence.
        if !empty_new_id && old.is_connected_ix(old_root) {
            table.by_first_old.reserve(new_els.len());
            let mut probes: Vec<Probe<'_, '_>> = Vec::with_capacity(PROBE_BATCH);
            for batch in new_els.chunks(PROBE_BATCH) {
                probes.clear();
                probes.extend(batch.iter().map(|&(_, id)| Probe::new(old, id)));
                probes.iter_mut().for_each(|p| p.look_up(old));
                probes.iter_mut().for_each(|p| p.resolve(old));
                for (&(e, id), probe) in batch.iter().zip(&probes) {
                    let Some((first, parent)) = probe.first else {
                        new_recs.push(NO_RECORD);
                        continue;
                    };
                    let (r, fresh) = table.record_by_first_old(first);
                    if fresh {
                        // First time this value is seen: its old elements under the root
                        // (in the index's order: only their number and tags count).
                        let rest = old
                            .with_id(probe.candidates, id)
                            .map(|c| (c, old.node(c).parent));
                        for (c, parent) in std::iter::once((first, parent)).chain(rest) {
                            if !old_paths.record_from(old, c, parent, old_root) {
                                continue;
                            }
                            if let Some((_, old_tag)) = id_and_tag(old, &old_shadows, c) {
                                table.seen_old(r, old_tag);
                            }
                            old_els.push((c, r));
                        }
                    }
                    if let Some((id, tag)) = id_and_tag(src, &new_shadows, e) {
                        table.seen_new(r, id, tag);
                    }
                    new_recs.push(r);
                }
            }
        } else {
            let mut walked = Vec::new();
            id_elements(old, old_root, &mut walked, &mut old_paths);
            table.by_value.reserve(walked.len() + 1);
            if let Some(id) = old.elem(old_root).and_then(|e| e.id())
                && !id.is_empty()
            {
                walked.push((old_root, id));
                old_paths.record(old, old_root, old_root);
            }
            for (c, id) in walked {
                let (r, _) = table.record(id);
                if let Some((_, tag)) = id_and_tag(old, &old_shadows, c) {
                    table.seen_old(r, tag);
                }
                old_els.push((c, r));
            }
            for &(e, id) in &new_els {
                let r = table.lookup(id);
                if r != NO_RECORD
                    && let Some((id, tag)) = id_and_tag(src, &new_shadows, e)
                {
                    table.seen_new(r, id, tag);
                }
                new_recs.push(r);
            }
        }
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

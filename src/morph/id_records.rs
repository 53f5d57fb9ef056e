//! Gathering both sides' id elements and their records for [`IdMaps::build`] (morph.md
//! §2.3 steps 2–3): which id values the old and new sides have, how often, on which tags,
//! and which new element accepted each, so that the persistent ids can be numbered.

use super::form::FormIdShadows;
use super::id_set::{Paths, Pid};
use super::ids::{IdMaps, NewParent};
use super::matcher::same_tag;
use crate::dom::ix_map::IxMap;
use crate::dom::{Document, IdKey, Ix};
use rustc_hash::FxHashMap as HashMap;

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
pub(super) struct IdTable<'a, 's> {
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
    pub(super) fn number(self, maps: &mut IdMaps<'s>, old_root: Ix) -> Vec<Option<Pid>> {
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

/// The new side's elements with an id attribute, each with its id and its path: the
/// descendants, and the parent or the node itself, as idiomorph's `findIdElements` of the
/// normalized parent gives them.
pub(super) fn new_id_elements(src: &Document, new: NewParent) -> (Vec<(Ix, &str)>, Paths) {
    let mut els = Vec::new();
    let mut paths = Paths::default();
    match new {
        NewParent::Children { parent, own_id } => {
            id_elements(src, parent, &mut els, &mut paths);
            if own_id
                && let Some(id) = src.elem(parent).and_then(|e| e.id())
                && !id.is_empty()
            {
                els.push((parent, id));
                paths.record(src, parent, parent);
            }
        }
        NewParent::Single(n) => {
            if let Some(id) = src.elem(n).and_then(|e| e.id()) {
                els.push((n, id));
                paths.record(src, n, n);
            }
            id_elements(src, n, &mut els, &mut paths);
        }
    }
    (els, paths)
}

/// Both sides' id elements with their records, as [`IdMaps::build`] gathers them.
///
/// Records are keyed by the id *attribute* (the id map reads `getAttribute("id")`); only
/// elements whose id *property* is that value (not a shadowed form) count towards
/// persistence.
#[derive(Debug, Default)]
pub(super) struct Gathered<'a, 's> {
    pub(super) table: IdTable<'a, 's>,
    /// Old elements under the root that can hold a persistent id, with their records.
    pub(super) old_els: Vec<(Ix, u32)>,
    pub(super) old_paths: Paths,
    /// The record of each new element (in the new side's order), or [`NO_RECORD`].
    pub(super) new_recs: Vec<u32>,
    old_shadows: FormIdShadows,
    new_shadows: FormIdShadows,
}

impl<'a, 's: 'a> Gathered<'a, 's> {
    /// For `n` new ids.
    pub(super) fn with_capacity(n: usize) -> Self {
        let mut g = Gathered::default();
        g.table.records.reserve(n);
        g.table.accepted.reserve(n);
        g.old_els.reserve(n);
        g.old_paths.reserve(n);
        g.new_recs.reserve(n);
        g
    }

    /// The old elements the id index gives for the new ids (only ids the new side has can
    /// become persistent), without walking the old subtree. Records are keyed by the first
    /// old element found (see [`IdTable::by_first_old`]).
    pub(super) fn by_index(
        &mut self,
        (old, old_root): (&'a Document, Ix),
        src: &'s Document,
        new_els: &[(Ix, &'s str)],
    ) {
        self.table.by_first_old.reserve(new_els.len());
        let mut probes: Vec<Probe<'_, '_>> = Vec::with_capacity(PROBE_BATCH);
        for batch in new_els.chunks(PROBE_BATCH) {
            probes.clear();
            probes.extend(batch.iter().map(|&(_, id)| Probe::new(old, id)));
            probes.iter_mut().for_each(|p| p.look_up(old));
            probes.iter_mut().for_each(|p| p.resolve(old));
            for (&(e, id), probe) in batch.iter().zip(&probes) {
                let Some((first, parent)) = probe.first else {
                    self.new_recs.push(NO_RECORD);
                    continue;
                };
                let (r, fresh) = self.table.record_by_first_old(first);
                if fresh {
                    // First time this value is seen: its old elements under the root (in
                    // the index's order: only their number and tags count).
                    let rest = old
                        .with_id(probe.candidates, id)
                        .map(|c| (c, old.node(c).parent));
                    for (c, parent) in std::iter::once((first, parent)).chain(rest) {
                        if self.old_paths.record_from(old, c, parent, old_root) {
                            self.seen_old(old, c, r);
                        }
                    }
                }
                self.seen_new(src, e, r);
            }
        }
    }

    /// The old subtree walked for its id elements, then the new ids looked up by value.
    pub(super) fn by_walk(
        &mut self,
        (old, old_root): (&'a Document, Ix),
        src: &'s Document,
        new_els: &[(Ix, &'s str)],
    ) {
        let mut walked = Vec::new();
        id_elements(old, old_root, &mut walked, &mut self.old_paths);
        self.table.by_value.reserve(walked.len() + 1);
        if let Some(id) = old.elem(old_root).and_then(|e| e.id())
            && !id.is_empty()
        {
            walked.push((old_root, id));
            self.old_paths.record(old, old_root, old_root);
        }
        for (c, id) in walked {
            let (r, _) = self.table.record(id);
            self.seen_old(old, c, r);
        }
        for &(e, id) in new_els {
            let r = self.table.lookup(id);
            self.seen_new(src, e, r);
        }
    }

    /// The old element `c` (its path recorded) has the record `r`.
    fn seen_old(&mut self, old: &'a Document, c: Ix, r: u32) {
        if let Some((_, tag)) = id_and_tag(old, &self.old_shadows, c) {
            self.table.seen_old(r, tag);
        }
        self.old_els.push((c, r));
    }

    /// The new element `e` has the record `r` (or none).
    fn seen_new(&mut self, src: &'s Document, e: Ix, r: u32) {
        if r != NO_RECORD
            && let Some((id, tag)) = id_and_tag(src, &self.new_shadows, e)
        {
            self.table.seen_new(r, id, tag);
        }
        self.new_recs.push(r);
    }
}

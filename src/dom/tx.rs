//! Journaled changes: the morph and the stream actions change a document only through a
//! [`Tx`], so that anything that fails half-way (where idiomorph would throw in the browser,
//! a stream that errors, a strict message that is refused) is rolled back to a savepoint and
//! leaves the document exactly as it was there. Removed nodes are only detached while a
//! transaction runs and freed when it commits, so no slot is reused (and no `NodeId` goes
//! stale) before then.

use compact_str::CompactString;
use html5ever::QualName;

use super::{Attribute, Document, DomError, FormState, Ix, NodeData};

/// One undo step.
#[derive(Debug)]
enum Undo {
    /// The node was at `parent` before `next` (or detached when `parent` is `None`).
    Moved {
        node: Ix,
        parent: Option<Ix>,
        next: Option<Ix>,
    },
    /// An attribute at `index` had value `old`.
    AttrValue {
        el: Ix,
        index: usize,
        old: CompactString,
    },
    /// An attribute was appended.
    AttrAdded { el: Ix },
    /// The attribute at `index` was removed.
    AttrRemoved {
        el: Ix,
        index: usize,
        attr: Attribute,
    },
    /// A text or comment node had this data.
    Text { node: Ix, old: CompactString },
    /// A text node's data was this long before something was appended to it.
    TextAppended { node: Ix, len: usize },
    /// An element's live form state.
    Form { el: Ix, old: Option<FormState> },
    /// The node was created by the morph.
    Created { node: Ix },
}

/// A point a transaction can roll back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Savepoint {
    journal: usize,
    graveyard: usize,
}

/// A journaled transaction over a document.
pub(crate) struct Tx<'d> {
    pub(crate) doc: &'d mut Document,
    journal: Vec<Undo>,
    /// Detached nodes to free at commit.
    graveyard: Vec<Ix>,
}

impl<'d> Tx<'d> {
    pub(crate) fn new(doc: &'d mut Document) -> Tx<'d> {
        Tx {
            doc,
            journal: Vec::new(),
            graveyard: Vec::new(),
        }
    }

    #[inline]
    pub(crate) fn doc(&self) -> &Document {
        self.doc
    }

    /// Inserts (or moves) `node` under `parent` before `before`, with the DOM's checks.
    pub(crate) fn insert_before(
        &mut self,
        parent: Ix,
        node: Ix,
        before: Option<Ix>,
    ) -> Result<(), DomError> {
        let (p, n, b) = (
            self.doc.id_of(parent),
            self.doc.id_of(node),
            before.map(|b| self.doc.id_of(b)),
        );
        let (old_parent, old_next) = {
            let nd = self.doc.node(node);
            (nd.parent, nd.next_sibling)
        };
        self.doc.insert_before(p, n, b)?;
        self.journal.push(Undo::Moved {
            node,
            parent: old_parent,
            next: old_next,
        });
        Ok(())
    }

    /// Takes `node` out of the tree; it is freed at commit.
    pub(crate) fn remove(&mut self, node: Ix) {
        if self.take_out(node) {
            self.graveyard.push(node);
        }
    }

    /// Takes `node` out of the tree without freeing it (it stays the caller's).
    pub(crate) fn detach(&mut self, node: Ix) {
        self.take_out(node);
    }

    /// Detaches `node`, journaling where it stood; false if it had no parent.
    fn take_out(&mut self, node: Ix) -> bool {
        let nd = self.doc.node(node);
        let (Some(parent), next) = (nd.parent, nd.next_sibling) else {
            return false;
        };
        self.doc.detach_ix(node);
        self.journal.push(Undo::Moved {
            node,
            parent: Some(parent),
            next,
        });
        true
    }

    /// A node created in this transaction that is left detached: it is freed at commit (if
    /// it is still detached then).
    pub(crate) fn discard(&mut self, node: Ix) {
        if self.doc.node(node).parent.is_none() {
            self.graveyard.push(node);
        }
    }

    /// Records a node created by the morph (freed if the morph rolls back).
    pub(crate) fn created(&mut self, node: Ix) {
        self.journal.push(Undo::Created { node });
    }

    /// Deep-copies a node of the document itself (`cloneNode(true)`): a detached copy,
    /// freed if the transaction rolls back past this point.
    pub(crate) fn clone_node(&mut self, node: Ix) -> Ix {
        let ix = self.doc.clone_from(None, node, true);
        self.created(ix);
        ix
    }

    /// Creates a detached element.
    pub(crate) fn create_element(&mut self, name: QualName) -> Ix {
        let ix = self.doc.create_element_ix(name, Vec::new());
        self.created(ix);
        ix
    }

    /// Deep-copies a node of `src` into the document (detached).
    pub(crate) fn import(&mut self, src: &Document, node: Ix) -> Ix {
        let ix = self.doc.clone_from(Some(src), node, true);
        self.created(ix);
        ix
    }

    /// `setAttribute(name, value)` with the DOM's name rules, journaled.
    pub(crate) fn set_attribute(
        &mut self,
        el: Ix,
        name: &str,
        value: &str,
    ) -> Result<(), DomError> {
        let before = self.attr_snapshot(el, name);
        self.doc.set_attribute_ix(el, name, value)?;
        match before {
            Some((index, old)) => {
                if *old != *value {
                    self.journal.push(Undo::AttrValue { el, index, old });
                }
            }
            None => self.journal.push(Undo::AttrAdded { el }),
        }
        Ok(())
    }

    /// `removeAttribute(name)`, journaled. Returns whether one was removed.
    pub(crate) fn remove_attribute(&mut self, el: Ix, name: &str) -> Result<bool, DomError> {
        let before = self.attr_index(el, name);
        let Some(index) = before else {
            return Ok(false);
        };
        let attr = match self.doc.elem(el) {
            Some(e) => e.attrs()[index].clone(),
            None => return Ok(false),
        };
        self.doc.remove_attribute_ix(el, name)?;
        self.journal.push(Undo::AttrRemoved { el, index, attr });
        Ok(true)
    }

    fn attr_index(&self, el: Ix, name: &str) -> Option<usize> {
        self.doc.elem(el)?.attribute_position(name)
    }

    fn attr_snapshot(&self, el: Ix, name: &str) -> Option<(usize, CompactString)> {
        let i = self.attr_index(el, name)?;
        Some((i, self.doc.elem(el)?.attrs()[i].value.clone()))
    }

    /// Sets the data of a text or comment node.
    pub(crate) fn set_text(&mut self, node: Ix, text: &str) {
        if let NodeData::Text(t) | NodeData::Comment(t) = &mut self.doc.node_mut(node).data {
            let old = std::mem::replace(t, text.into());
            self.journal.push(Undo::Text { node, old });
        }
    }

    /// Appends to the data of a text node (journaled by length, so that a long text is not
    /// copied).
    pub(crate) fn append_text(&mut self, node: Ix, text: &str) {
        if let NodeData::Text(t) = &mut self.doc.node_mut(node).data {
            let len = t.len();
            t.push_str(text);
            self.journal.push(Undo::TextAppended { node, len });
        }
    }

    /// Changes an element's live form state.
    pub(crate) fn form_mut(&mut self, el: Ix) -> Option<&mut FormState> {
        let old = self.doc.elem(el)?.form_state().cloned();
        self.journal.push(Undo::Form { el, old });
        match &mut self.doc.node_mut(el).data {
            NodeData::Element(e) => Some(e.form_mut()),
            _ => None,
        }
    }

    /// Keeps every change and frees the removed nodes.
    pub(crate) fn commit(mut self) {
        for n in std::mem::take(&mut self.graveyard) {
            // A removed node may have been inserted again later (never by the morph itself,
            // but stay safe): free only what is still detached.
            if self.doc.node(n).parent.is_none() && !self.doc.node(n).is_free() {
                self.doc.free_subtree(n);
            }
        }
        self.journal.clear();
    }

    /// The current point, to roll back to later.
    pub(crate) fn savepoint(&self) -> Savepoint {
        Savepoint {
            journal: self.journal.len(),
            graveyard: self.graveyard.len(),
        }
    }

    /// The nodes inserted since `sp` that were detached before (new nodes, and removed ones put
    /// back), in the order they were inserted. Some may have been removed again since.
    pub(crate) fn inserted_since(&self, sp: Savepoint) -> Vec<Ix> {
        self.journal[sp.journal.min(self.journal.len())..]
            .iter()
            .filter_map(|u| match u {
                Undo::Moved {
                    node, parent: None, ..
                } => Some(*node),
                _ => None,
            })
            .collect()
    }

    /// The elements whose attributes were set, added or removed since `sp` (with repeats).
    pub(crate) fn attributes_changed_since(&self, sp: Savepoint) -> Vec<Ix> {
        self.journal[sp.journal.min(self.journal.len())..]
            .iter()
            .filter_map(|u| match u {
                Undo::AttrValue { el, .. }
                | Undo::AttrAdded { el }
                | Undo::AttrRemoved { el, .. } => Some(*el),
                _ => None,
            })
            .collect()
    }

    /// Undoes every change made since `sp`, newest first.
    pub(crate) fn rollback_to(&mut self, sp: Savepoint) {
        // The nodes removed since then are put back by their `Moved` entries.
        self.graveyard.truncate(sp.graveyard);
        while self.journal.len() > sp.journal {
            let Some(u) = self.journal.pop() else { break };
            match u {
                Undo::Moved { node, parent, next } => {
                    self.doc.detach_ix(node);
                    if let Some(p) = parent {
                        self.doc.insert_ix(p, node, next);
                    }
                }
                Undo::AttrValue { el, index, old } => {
                    let name = self.attr_name(el, index);
                    if let Some(name) = name {
                        let _ = self
                            .doc
                            .set_attribute_qualified(self.doc.id_of(el), name, &old);
                    }
                }
                Undo::AttrAdded { el } => {
                    let last = self.doc.elem(el).map(|e| e.attrs().len());
                    if let Some(n) = last.filter(|&n| n > 0) {
                        self.doc.remove_attribute_at(el, n - 1);
                    }
                }
                Undo::AttrRemoved { el, index, attr } => {
                    self.doc.insert_attribute_at(el, index, attr);
                }
                Undo::Text { node, old } => {
                    if let NodeData::Text(t) | NodeData::Comment(t) =
                        &mut self.doc.node_mut(node).data
                    {
                        *t = old;
                    }
                }
                Undo::TextAppended { node, len } => {
                    if let NodeData::Text(t) = &mut self.doc.node_mut(node).data {
                        t.truncate(len);
                    }
                }
                Undo::Form { el, old } => {
                    if let NodeData::Element(e) = &mut self.doc.node_mut(el).data {
                        e.set_form(old);
                    }
                }
                Undo::Created { node } => {
                    self.doc.detach_ix(node);
                    self.doc.free_subtree(node);
                }
            }
        }
    }

    fn attr_name(&self, el: Ix, index: usize) -> Option<QualName> {
        Some(self.doc.elem(el)?.attrs().get(index)?.name.clone())
    }
}

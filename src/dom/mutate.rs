//! Mutations. Every public method validates its ids first and leaves the tree untouched on
//! error; every successful one keeps the id index exact.

use html5ever::{QualName, ns};

use super::form::FormState;
use super::node::{Attribute, ElementData, Ix, NodeData, qualified_is};
use super::{Document, DomError, NodeId};

impl Document {
    /// Creates a detached element. An HTML `<template>` gets its (empty) content fragment.
    pub fn create_element(&mut self, name: QualName, attrs: Vec<Attribute>) -> NodeId {
        let ix = self.create_element_ix(name, attrs);
        self.id_of(ix)
    }

    pub(crate) fn create_element_ix(&mut self, name: QualName, attrs: Vec<Attribute>) -> Ix {
        let is_template = name.ns == ns!(html) && &*name.local == "template";
        let ix = self.alloc(NodeData::Element(ElementData::new(name, attrs)));
        if is_template {
            let frag = self.alloc(NodeData::Fragment);
            if let NodeData::Element(e) = &mut self.node_mut(ix).data {
                e.set_template_contents(Some(frag));
            }
            self.template_hosts.insert(frag, ix);
        }
        ix
    }

    /// Creates a detached HTML element named `local` (lower-cased, as `createElement` does).
    pub fn create_html_element(&mut self, local: &str) -> NodeId {
        let name = QualName::new(None, ns!(html), local.to_ascii_lowercase().into());
        self.create_element(name, Vec::new())
    }

    /// Creates a detached text node.
    pub fn create_text(&mut self, text: &str) -> NodeId {
        let ix = self.alloc(NodeData::Text(text.into()));
        self.id_of(ix)
    }

    /// Creates a detached comment.
    pub fn create_comment(&mut self, text: &str) -> NodeId {
        let ix = self.alloc(NodeData::Comment(text.into()));
        self.id_of(ix)
    }

    /// Creates an empty, detached document fragment.
    pub fn create_fragment(&mut self) -> NodeId {
        let ix = self.alloc(NodeData::Fragment);
        self.id_of(ix)
    }

    /// Appends `child` as the last child of `parent` (`parent.appendChild(child)`): moves it if
    /// it has a parent; for a fragment, moves the fragment's children instead.
    pub fn append_child(&mut self, parent: NodeId, child: NodeId) -> Result<(), DomError> {
        self.insert_before(parent, child, None)
    }

    /// Inserts `child` under `parent` before `reference`, or last when `reference` is `None`
    /// (`parent.insertBefore(child, reference)`), with the DOM's hierarchy checks.
    pub fn insert_before(
        &mut self,
        parent: NodeId,
        child: NodeId,
        reference: Option<NodeId>,
    ) -> Result<(), DomError> {
        let p = self.live(parent)?;
        let c = self.live(child)?;
        let mut r = reference.map(|r| self.live(r)).transpose()?;
        self.check_insert(p, c, r)?;
        // "If referenceChild is node, set it to node's next sibling", after the checks.
        if r == Some(c) {
            r = self.node(c).next_sibling;
        }
        self.insert_ix(p, c, r);
        Ok(())
    }

    /// The DOM's "ensure pre-insertion validity" of `c` into `p` before `r`.
    fn check_insert(&self, p: Ix, c: Ix, r: Option<Ix>) -> Result<(), DomError> {
        let err = |reason| DomError::HierarchyRequest {
            parent: self.describe_ix(p),
            child: self.describe_ix(c),
            reason,
        };
        let pdata = &self.node(p).data;
        if !pdata.can_have_children() {
            return Err(err("the parent cannot have children"));
        }
        // The child must not be a host-including inclusive ancestor of the parent: the walk
        // goes from a template's content fragment on to the template.
        let mut a = Some(p);
        while let Some(x) = a {
            if x == c {
                return Err(err("the node is an ancestor of the parent"));
            }
            a = match self.node(x).parent {
                Some(up) => Some(up),
                None => self.template_hosts.get(&x).copied(),
            };
        }
        if let Some(r) = r
            && self.node(r).parent != Some(p)
        {
            return Err(DomError::NotAChild {
                parent: self.describe_ix(p),
                reference: self.describe_ix(r),
            });
        }
        let p_is_document = matches!(pdata, NodeData::Document);
        let cdata = &self.node(c).data;
        match cdata {
            NodeData::Document => return Err(DomError::DocumentNode("inserted")),
            NodeData::Text(_) if p_is_document => {
                return Err(err("a document cannot hold text"));
            }
            NodeData::Doctype(_) if !p_is_document => {
                return Err(err("a doctype can only be a child of a document"));
            }
            _ => {}
        }
        if !p_is_document {
            return Ok(());
        }
        // A document holds at most one doctype and one element, the doctype first.
        let is_doctype = |x: Ix| matches!(self.node(x).data, NodeData::Doctype(_));
        let has_element = self.child_ixs(p).any(|x| self.elem(x).is_some());
        let doctype_at_or_after_r =
            std::iter::successors(r, |&x| self.node(x).next_sibling).any(is_doctype);
        let one_element = "a document can have only one element child, after its doctype";
        match cdata {
            NodeData::Fragment => {
                let mut elements = 0;
                for k in self.child_ixs(c) {
                    match self.node(k).data {
                        NodeData::Text(_) => return Err(err("a document cannot hold text")),
                        NodeData::Element(_) => elements += 1,
                        _ => {}
                    }
                }
                if elements > 1 || (elements == 1 && (has_element || doctype_at_or_after_r)) {
                    return Err(err(one_element));
                }
            }
            NodeData::Element(_) if has_element || doctype_at_or_after_r => {
                return Err(err(one_element));
            }
            NodeData::Doctype(_) => {
                let element_before_r = match r {
                    Some(r) => std::iter::successors(self.node(r).prev_sibling, |&x| {
                        self.node(x).prev_sibling
                    })
                    .any(|x| self.elem(x).is_some()),
                    None => has_element,
                };
                if element_before_r || self.child_ixs(p).any(is_doctype) {
                    return Err(err(
                        "a document can have only one doctype, before its element",
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Inserts a validated node (or a fragment's children) and keeps the id index.
    pub(crate) fn insert_ix(&mut self, p: Ix, c: Ix, r: Option<Ix>) {
        let new_connected = self.is_connected_ix(p);
        if matches!(self.node(c).data, NodeData::Fragment) {
            while let Some(k) = self.node(c).first_child {
                self.raw_detach(k);
                self.raw_insert_before(p, k, r);
                if new_connected {
                    self.index_subtree(k, true);
                }
            }
            return;
        }
        let old_connected = self.node(c).parent.is_some() && self.is_connected_ix(c);
        self.raw_detach(c);
        self.raw_insert_before(p, c, r);
        if old_connected != new_connected {
            self.index_subtree(c, new_connected);
        }
    }

    /// Takes a node (and its subtree) out of the tree without freeing it, so that it can be
    /// inserted elsewhere. A detached node stays allocated until it is inserted again or
    /// [`Document::remove`]d.
    pub fn detach(&mut self, node: NodeId) -> Result<(), DomError> {
        let ix = self.live(node)?;
        if ix == self.root_ix() {
            return Err(DomError::DocumentNode("detached"));
        }
        self.detach_ix(ix);
        Ok(())
    }

    pub(crate) fn detach_ix(&mut self, ix: Ix) {
        if self.node(ix).parent.is_some() && self.is_connected_ix(ix) {
            self.index_subtree(ix, false);
        }
        self.raw_detach(ix);
    }

    /// Removes a node and its whole subtree and frees their slots. Ids of the removed nodes
    /// become stale. A template's content fragment cannot be removed on its own
    /// ([`DomError::TemplateContents`]).
    pub fn remove(&mut self, node: NodeId) -> Result<(), DomError> {
        let ix = self.live(node)?;
        if ix == self.root_ix() {
            return Err(DomError::DocumentNode("removed"));
        }
        if let Some(&template) = self.template_hosts.get(&ix) {
            return Err(DomError::TemplateContents {
                template: self.describe_ix(template),
            });
        }
        self.remove_ix(ix);
        Ok(())
    }

    pub(crate) fn remove_ix(&mut self, ix: Ix) {
        self.detach_ix(ix);
        self.free_subtree(ix);
    }

    /// Removes and frees every child of `node`.
    pub fn remove_children(&mut self, node: NodeId) -> Result<(), DomError> {
        let ix = self.live(node)?;
        while let Some(c) = self.node(ix).first_child {
            self.remove_ix(c);
        }
        Ok(())
    }

    /// `element.setAttribute(name, value)`: the name is ASCII-lower-cased on HTML elements;
    /// an existing attribute with that qualified name keeps its place, a new one goes last
    /// (in no namespace).
    pub fn set_attribute(&mut self, el: NodeId, name: &str, value: &str) -> Result<(), DomError> {
        let ix = self.live(el)?;
        self.set_attribute_ix(ix, name, value)
    }

    pub(crate) fn set_attribute_ix(
        &mut self,
        ix: Ix,
        name: &str,
        value: &str,
    ) -> Result<(), DomError> {
        let name = &*self.elem_mut(ix)?.dom_attribute_name(name);
        self.attribute_changing(true, name, true);
        let old_id = if name == "id" {
            self.id_for_index(ix)?
        } else {
            None
        };
        let e = self.elem_mut(ix)?;
        match e.attrs.iter_mut().find(|a| qualified_is(&a.name, name)) {
            Some(a) => {
                if &*a.value != value {
                    a.value = value.into();
                }
            }
            None => e.attrs.push(Attribute {
                name: QualName::new(None, ns!(), name.into()),
                value: value.into(),
            }),
        }
        if name == "id" {
            self.reindex_id(ix, old_id);
        }
        Ok(())
    }

    /// Sets an attribute by its full name (namespace and local name), keeping an existing
    /// one's place and prefix; a new one goes last.
    pub fn set_attribute_qualified(
        &mut self,
        el: NodeId,
        name: QualName,
        value: &str,
    ) -> Result<(), DomError> {
        let ix = self.live(el)?;
        self.attribute_changing(name.ns == ns!(), &name.local, true);
        let touches_id = name.ns == ns!() && &*name.local == "id";
        let old_id = if touches_id {
            self.id_for_index(ix)?
        } else {
            None
        };
        let e = self.elem_mut(ix)?;
        match e
            .attrs
            .iter_mut()
            .find(|a| a.name.ns == name.ns && a.name.local == name.local)
        {
            Some(a) => a.value = value.into(),
            None => e.attrs.push(Attribute {
                name,
                value: value.into(),
            }),
        }
        if touches_id {
            self.reindex_id(ix, old_id);
        }
        Ok(())
    }

    /// `element.removeAttribute(name)`: removes the first attribute with that qualified name
    /// (ASCII-lower-cased on HTML elements). Returns whether one was removed.
    pub fn remove_attribute(&mut self, el: NodeId, name: &str) -> Result<bool, DomError> {
        let ix = self.live(el)?;
        self.remove_attribute_ix(ix, name)
    }

    pub(crate) fn remove_attribute_ix(&mut self, ix: Ix, name: &str) -> Result<bool, DomError> {
        let name = &*self.elem_mut(ix)?.dom_attribute_name(name);
        self.attribute_changing(true, name, false);
        let old_id = if name == "id" {
            self.id_for_index(ix)?
        } else {
            None
        };
        let e = self.elem_mut(ix)?;
        let Some(pos) = e.attrs.iter().position(|a| qualified_is(&a.name, name)) else {
            return Ok(false);
        };
        e.attrs.remove(pos);
        if name == "id" {
            self.reindex_id(ix, old_id);
        }
        Ok(true)
    }

    /// Removes the attribute at `index` (journal undo for the morph), keeping the id index.
    pub(crate) fn remove_attribute_at(&mut self, el: Ix, index: usize) {
        let (is_id, name) = self
            .elem(el)
            .and_then(|e| e.attrs.get(index))
            .map_or((false, None), |a| (a.is("id"), Some(a.name.clone())));
        if let Some(name) = name {
            self.attribute_changing(name.ns == ns!(), &name.local, false);
        }
        let old_id = if is_id {
            self.id_for_index(el).ok().flatten()
        } else {
            None
        };
        if let NodeData::Element(e) = &mut self.node_mut(el).data
            && index < e.attrs.len()
        {
            e.attrs.remove(index);
        }
        if is_id {
            self.reindex_id(el, old_id);
        }
    }

    /// Inserts an attribute at `index` (journal undo for the morph), keeping the id index.
    pub(crate) fn insert_attribute_at(&mut self, el: Ix, index: usize, attr: Attribute) {
        self.attribute_changing(attr.name.ns == ns!(), &attr.name.local, true);
        let is_id = attr.is("id");
        let old_id = if is_id {
            self.id_for_index(el).ok().flatten()
        } else {
            None
        };
        if let NodeData::Element(e) = &mut self.node_mut(el).data {
            let i = index.min(e.attrs.len());
            e.attrs.insert(i, attr);
        }
        if is_id {
            self.reindex_id(el, old_id);
        }
    }

    /// An attribute called `local` (in no namespace when `null_ns`) is about to be set
    /// (`set`) or removed. A `form` attribute being set makes form owners look beyond
    /// ancestors from now on ([`Document::form_attributes`]). If the attribute can regroup
    /// radio buttons, radio lists made before are stale; if parsed selectedness reads it,
    /// so is what was derived from it.
    pub(crate) fn attribute_changing(&mut self, null_ns: bool, local: &str, set: bool) {
        if set && null_ns && local == "form" {
            self.form_attributes = true;
        }
        match local {
            "type" | "name" | "form" | "id" => self.radio_epoch += 1,
            "selected" | "disabled" | "multiple" | "size" => self.option_epoch += 1,
            _ => {}
        }
    }

    /// Replaces the data of a text or comment node.
    pub fn set_data(&mut self, node: NodeId, text: &str) -> Result<(), DomError> {
        let ix = self.live(node)?;
        match &mut self.node_mut(ix).data {
            NodeData::Text(t) | NodeData::Comment(t) => {
                t.clear();
                t.push_str(text);
                Ok(())
            }
            _ => Err(DomError::NotCharacterData {
                node: self.describe_ix(ix),
            }),
        }
    }

    /// `node.textContent = text` on an element or fragment: removes the children and appends
    /// one text node (none when `text` is empty). On text and comments, sets the data. On the
    /// document node, doctypes and processing instructions it does nothing, as in the DOM.
    pub fn set_text_content(&mut self, node: NodeId, text: &str) -> Result<(), DomError> {
        let ix = self.live(node)?;
        match self.node(ix).data {
            NodeData::Text(_) | NodeData::Comment(_) => return self.set_data(node, text),
            NodeData::Element(_) | NodeData::Fragment => {}
            _ => return Ok(()),
        }
        while let Some(c) = self.node(ix).first_child {
            self.remove_ix(c);
        }
        if !text.is_empty() {
            let t = self.alloc(NodeData::Text(text.into()));
            self.raw_append(ix, t);
        }
        Ok(())
    }

    /// The live form-control state of an element, created (all derived from attributes) on
    /// first use. See [`FormState`].
    pub fn form_state_mut(&mut self, el: NodeId) -> Result<&mut FormState, DomError> {
        let ix = self.live(el)?;
        let e = self.elem_mut(ix)?;
        Ok(e.form_mut())
    }

    fn elem_mut(&mut self, ix: Ix) -> Result<&mut ElementData, DomError> {
        if self.elem(ix).is_none() {
            return Err(DomError::NotAnElement {
                node: self.describe_ix(ix),
            });
        }
        match &mut self.node_mut(ix).data {
            NodeData::Element(e) => Ok(e),
            _ => unreachable!("checked above"),
        }
    }

    /// The element's indexed id (if it is connected and has a non-empty one), before a change.
    fn id_for_index(&self, ix: Ix) -> Result<Option<Box<str>>, DomError> {
        let e = self.elem(ix).ok_or_else(|| DomError::NotAnElement {
            node: self.describe_ix(ix),
        })?;
        Ok(e.id().filter(|s| !s.is_empty()).map(Box::from))
    }

    /// Moves the element between index entries after its id attribute may have changed.
    fn reindex_id(&mut self, ix: Ix, old: Option<Box<str>>) {
        let new = self.elem(ix).and_then(|e| e.id()).filter(|s| !s.is_empty());
        if old.as_deref() == new || !self.is_connected_ix(ix) {
            return;
        }
        let new: Option<Box<str>> = new.map(Box::from);
        if let Some(o) = old {
            self.ids.remove(&o, ix);
        }
        if let Some(n) = new {
            self.ids.insert(&n, ix);
        }
    }

    pub(crate) fn child_ixs(&self, ix: Ix) -> impl Iterator<Item = Ix> + '_ {
        std::iter::successors(self.node(ix).first_child, move |&c| {
            self.node(c).next_sibling
        })
    }
}

//! Conversion from and to [`markup5ever_rcdom::RcDom`], html5ever's reference tree (cargo
//! feature `rcdom`).
//!
//! Both directions copy the whole tree under the document node, template contents included
//! (RcDom keeps them in the element's `template_contents`, we keep them in a fragment owned
//! by the template), with attribute order, the MathML `annotation-xml` integration-point flag
//! and the quirks mode. Both are iterative, so no depth is too deep.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use compact_str::CompactString;
use html5ever::tendril::StrTendril;
use markup5ever_rcdom::{Handle, Node as RcNode, NodeData as RcData, RcDom};

use super::node::{Doctype, Ix, NodeData, ProcessingInstruction};
use super::{Attribute, Document, FLAG_MATHML_ANNOTATION_XML_INTEGRATION_POINT};

impl Document {
    /// A document holding a copy of `dom`'s tree: every node under `dom.document`, and the
    /// template contents of every HTML `<template>`. The quirks mode is `dom`'s; scripting is
    /// enabled (as for [`Document::parse`]; RcDom does not record it).
    ///
    /// Never panics. A hand-built RcDom can hold what a parse never makes; it is taken as
    /// follows:
    /// * a node reached a second time (a node shared by two parents, or a cycle) is copied
    ///   only where it is first reached;
    /// * a `Document` node below the root stands for its children (as a fragment does when
    ///   inserted);
    /// * `template_contents` on anything but an HTML `<template>` is dropped, and an HTML
    ///   `<template>` without it gets empty contents;
    /// * what the caller holds mutably borrowed during the call (a node's children, text,
    ///   attributes or template contents) is copied as empty.
    ///
    /// ```
    /// use html5ever::tendril::TendrilSink;
    ///
    /// let html = "<p id=a>x</p><template><b id=b>y</b></template>";
    /// let rc = html5ever::parse_document(markup5ever_rcdom::RcDom::default(), Default::default())
    ///     .one(html);
    /// let doc = domorph::Document::from_rcdom(&rc);
    /// assert_eq!(doc.to_html(), domorph::Document::parse(html).to_html());
    /// assert!(doc.get_element_by_id("a").is_some());
    /// assert!(doc.get_element_by_id("b").is_none()); // in template contents
    /// ```
    pub fn from_rcdom(dom: &RcDom) -> Document {
        let mut doc = Document::new();
        doc.set_quirks_mode(dom.quirks_mode.get());
        let mut seen: HashSet<*const RcNode> = HashSet::new();
        seen.insert(Rc::as_ptr(&dom.document));
        // (RcDom node whose children are still to copy, the copy to put them under)
        let mut jobs: Vec<(Handle, Ix)> = vec![(dom.document.clone(), doc.root_ix())];
        while let Some((src, dst)) = jobs.pop() {
            for child in flat_children(&src, &mut seen) {
                let ix = doc.copy_rc_node(&child, &mut seen, &mut jobs);
                doc.raw_append(dst, ix);
                jobs.push((child, ix));
            }
        }
        doc.rebuild_id_index();
        doc
    }

    /// Copies one RcDom node (not a `Document`), without its children; queues the copying of
    /// its template contents.
    fn copy_rc_node(
        &mut self,
        node: &Handle,
        seen: &mut HashSet<*const RcNode>,
        jobs: &mut Vec<(Handle, Ix)>,
    ) -> Ix {
        let data = match &node.data {
            RcData::Element {
                name,
                attrs,
                template_contents,
                mathml_annotation_xml_integration_point,
            } => {
                let attrs = attrs
                    .try_borrow()
                    .map(|a| {
                        a.iter()
                            .map(|a| Attribute {
                                name: a.name.clone(),
                                value: (&*a.value).into(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let ix = self.create_element_ix(name.clone(), attrs);
                if *mathml_annotation_xml_integration_point
                    && let NodeData::Element(e) = &mut self.node_mut(ix).data
                {
                    e.set_flags(FLAG_MATHML_ANNOTATION_XML_INTEGRATION_POINT);
                }
                let ours = self.elem(ix).and_then(|e| e.template_contents());
                let theirs = template_contents.try_borrow().ok().and_then(|t| t.clone());
                if let (Some(frag), Some(src)) = (ours, theirs)
                    && seen.insert(Rc::as_ptr(&src))
                {
                    jobs.push((src, frag));
                }
                return ix;
            }
            RcData::Text { contents } => NodeData::Text(
                contents
                    .try_borrow()
                    .map(|t| CompactString::from(&**t))
                    .unwrap_or_default(),
            ),
            RcData::Comment { contents } => NodeData::Comment(CompactString::from(&**contents)),
            RcData::Doctype {
                name,
                public_id,
                system_id,
            } => NodeData::Doctype(Box::new(Doctype {
                name: name.to_string(),
                public_id: public_id.to_string(),
                system_id: system_id.to_string(),
            })),
            RcData::ProcessingInstruction { target, contents } => {
                NodeData::ProcessingInstruction(Box::new(ProcessingInstruction {
                    target: target.to_string(),
                    data: contents.to_string(),
                }))
            }
            // `flat_children` never yields one; a fragment is the closest thing.
            RcData::Document => NodeData::Fragment,
        };
        self.alloc(data)
    }

    /// The tree under the document node as an [`RcDom`]: every node, and the template
    /// contents of every `<template>` (RcDom's serializer does not write those; walk
    /// `template_contents` to see them). Detached nodes are not included. The RcDom's quirks
    /// mode is the document's; its `errors` are empty.
    ///
    /// ```
    /// let doc = domorph::Document::parse("<!DOCTYPE html><p id=a>x");
    /// let rc = doc.to_rcdom();
    /// let back = domorph::Document::from_rcdom(&rc);
    /// assert_eq!(back.to_html(), doc.to_html());
    /// ```
    pub fn to_rcdom(&self) -> RcDom {
        let dom = RcDom::default();
        dom.quirks_mode.set(self.quirks_mode());
        // (our node whose children are still to copy, the RcDom node to put them under)
        let mut jobs: Vec<(Ix, Handle)> = vec![(self.root_ix(), dom.document.clone())];
        while let Some((src, dst)) = jobs.pop() {
            let mut kids = Vec::new();
            for c in self.child_ixs(src) {
                // A fragment is never a child; skip one rather than make a Document child.
                let Some(h) = self.rc_node(c, &mut jobs) else {
                    continue;
                };
                h.parent.set(Some(Rc::downgrade(&dst)));
                if self.node(c).first_child.is_some() {
                    jobs.push((c, h.clone()));
                }
                kids.push(h);
            }
            *dst.children.borrow_mut() = kids;
        }
        dom
    }

    /// One node as a new RcDom node without children; queues the copying of its template
    /// contents. `None` for a document or fragment.
    fn rc_node(&self, ix: Ix, jobs: &mut Vec<(Ix, Handle)>) -> Option<Handle> {
        let data = match &self.node(ix).data {
            NodeData::Element(e) => {
                let contents = e.template_contents().map(|frag| {
                    let h = RcNode::new(RcData::Document);
                    jobs.push((frag, h.clone()));
                    h
                });
                RcData::Element {
                    name: e.name.clone(),
                    attrs: RefCell::new(
                        e.attrs
                            .iter()
                            .map(|a| html5ever::Attribute {
                                name: a.name.clone(),
                                value: StrTendril::from(&*a.value),
                            })
                            .collect(),
                    ),
                    template_contents: RefCell::new(contents),
                    mathml_annotation_xml_integration_point: e.flags()
                        == FLAG_MATHML_ANNOTATION_XML_INTEGRATION_POINT,
                }
            }
            NodeData::Text(t) => RcData::Text {
                contents: RefCell::new(StrTendril::from(t.as_str())),
            },
            NodeData::Comment(t) => RcData::Comment {
                contents: StrTendril::from(t.as_str()),
            },
            NodeData::Doctype(d) => RcData::Doctype {
                name: StrTendril::from(d.name.as_str()),
                public_id: StrTendril::from(d.public_id.as_str()),
                system_id: StrTendril::from(d.system_id.as_str()),
            },
            NodeData::ProcessingInstruction(p) => RcData::ProcessingInstruction {
                target: StrTendril::from(p.target.as_str()),
                contents: StrTendril::from(p.data.as_str()),
            },
            NodeData::Document | NodeData::Fragment => return None,
        };
        Some(RcNode::new(data))
    }
}

/// The children of `node` to copy, in order: a `Document` child stands for its own children
/// (recursively), and a node already reached is left out.
fn flat_children(node: &Handle, seen: &mut HashSet<*const RcNode>) -> Vec<Handle> {
    let mut out = Vec::new();
    // Children lists still to go through, reversed so that `pop` gives them in order.
    let mut pending: Vec<Vec<Handle>> = vec![children_of(node)];
    while let Some(list) = pending.last_mut() {
        let Some(child) = list.pop() else {
            pending.pop();
            continue;
        };
        if !seen.insert(Rc::as_ptr(&child)) {
            continue;
        }
        if matches!(child.data, RcData::Document) {
            pending.push(children_of(&child));
        } else {
            out.push(child);
        }
    }
    out
}

/// A node's children, last first; none if the caller holds them mutably borrowed.
fn children_of(node: &Handle) -> Vec<Handle> {
    node.children
        .try_borrow()
        .map(|c| c.iter().rev().cloned().collect())
        .unwrap_or_default()
}

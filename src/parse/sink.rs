//! html5ever's `TreeSink`, building straight into the arena.
//!
//! Since html5ever 0.28 every sink method takes `&self`, so the document sits in a `RefCell`.
//! Each method borrows it briefly and never calls back into the tree builder while it holds
//! the borrow. The id index is not kept while parsing; it is built once in `finish`.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::sync::LazyLock;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{QualName, ns};

use crate::dom::{
    Attribute, Doctype, Document, ElementData, FLAG_MATHML_ANNOTATION_XML_INTEGRATION_POINT, Ix,
    NodeData, ProcessingInstruction,
};

/// The sink: a document under construction.
pub(crate) struct ArenaSink {
    doc: RefCell<Document>,
}

/// Answer for `elem_name` on a non-element, which html5ever never asks for; returning a name
/// instead of panicking keeps "no input panics" true even if it ever did.
static NOT_AN_ELEMENT: LazyLock<QualName> =
    LazyLock::new(|| QualName::new(None, ns!(), "#not-an-element".into()));

impl ArenaSink {
    pub(crate) fn new(doc: Document) -> ArenaSink {
        ArenaSink {
            doc: RefCell::new(doc),
        }
    }

    /// Creates an element in the document being built (used for fragment contexts).
    pub(crate) fn create(&self, name: QualName) -> Ix {
        self.doc.borrow_mut().create_element_ix(name, Vec::new())
    }

    fn append_text(doc: &mut Document, parent: Ix, before: Option<Ix>, text: &str) {
        // Adjacent text merges into the previous text node, as the parser's "insert a
        // character" step says.
        let prev = match before {
            Some(b) => doc.node(b).prev_sibling,
            None => doc.node(parent).last_child,
        };
        if let Some(p) = prev
            && let NodeData::Text(t) = &mut doc.node_mut(p).data
        {
            t.push_str(text);
            return;
        }
        let t = doc.alloc(NodeData::Text(text.into()));
        doc.raw_insert_before(parent, t, before);
    }
}

fn convert_attrs(attrs: Vec<html5ever::Attribute>) -> Vec<Attribute> {
    // A new buffer of the exact size, not the tokenizer's (which has room for four attributes
    // when the tag has one, so the element's `AttrList` would have to shrink it).
    let mut out = Vec::with_capacity(attrs.len());
    out.extend(attrs.into_iter().map(|a| Attribute {
        name: a.name,
        value: (&*a.value).into(),
    }));
    out
}

impl TreeSink for ArenaSink {
    type Handle = Ix;
    type Output = Document;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Document {
        let mut doc = self.doc.into_inner();
        doc.rebuild_id_index();
        doc
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {
        // HTML parsing never fails; browsers ignore these too.
    }

    fn get_document(&self) -> Ix {
        self.doc.borrow().root_ix()
    }

    fn elem_name<'a>(&'a self, target: &'a Ix) -> Ref<'a, QualName> {
        Ref::map(self.doc.borrow(), |d| match &d.node(*target).data {
            NodeData::Element(e) => &e.name,
            _ => &NOT_AN_ELEMENT,
        })
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<html5ever::Attribute>,
        flags: ElementFlags,
    ) -> Ix {
        let mut doc = self.doc.borrow_mut();
        let ix = doc.create_element_ix(name, convert_attrs(attrs));
        if flags.mathml_annotation_xml_integration_point
            && let NodeData::Element(e) = &mut doc.node_mut(ix).data
        {
            e.set_flags(FLAG_MATHML_ANNOTATION_XML_INTEGRATION_POINT);
        }
        ix
    }

    fn create_comment(&self, text: StrTendril) -> Ix {
        self.doc
            .borrow_mut()
            .alloc(NodeData::Comment(text.as_ref().into()))
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Ix {
        self.doc
            .borrow_mut()
            .alloc(NodeData::ProcessingInstruction(Box::new(
                ProcessingInstruction {
                    target: target.to_string(),
                    data: data.to_string(),
                },
            )))
    }

    fn append(&self, parent: &Ix, child: NodeOrText<Ix>) {
        let mut doc = self.doc.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => {
                doc.raw_detach(n);
                doc.raw_append(*parent, n);
            }
            NodeOrText::AppendText(t) => Self::append_text(&mut doc, *parent, None, &t),
        }
    }

    fn append_based_on_parent_node(&self, element: &Ix, prev_element: &Ix, child: NodeOrText<Ix>) {
        let has_parent = self.doc.borrow().node(*element).parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        let mut doc = self.doc.borrow_mut();
        let d = doc.alloc(NodeData::Doctype(Box::new(Doctype {
            name: name.to_string(),
            public_id: public_id.to_string(),
            system_id: system_id.to_string(),
        })));
        let root = doc.root_ix();
        doc.raw_append(root, d);
    }

    fn get_template_contents(&self, target: &Ix) -> Ix {
        let doc = self.doc.borrow();
        // Only HTML templates are asked for; answering the element keeps us panic-free.
        doc.elem(*target)
            .and_then(ElementData::template_contents)
            .unwrap_or(*target)
    }

    fn same_node(&self, x: &Ix, y: &Ix) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.doc.borrow_mut().set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Ix, new_node: NodeOrText<Ix>) {
        let mut doc = self.doc.borrow_mut();
        let Some(parent) = doc.node(*sibling).parent else {
            return;
        };
        match new_node {
            NodeOrText::AppendNode(n) => {
                doc.raw_detach(n);
                doc.raw_insert_before(parent, n, Some(*sibling));
            }
            NodeOrText::AppendText(t) => Self::append_text(&mut doc, parent, Some(*sibling), &t),
        }
    }

    fn add_attrs_if_missing(&self, target: &Ix, attrs: Vec<html5ever::Attribute>) {
        let mut doc = self.doc.borrow_mut();
        for a in attrs {
            let NodeData::Element(e) = &doc.node(*target).data else {
                return;
            };
            if e.attrs.iter().any(|x| x.name == a.name) {
                continue;
            }
            doc.attribute_changing(a.name.ns == ns!(), &a.name.local, true);
            if let NodeData::Element(e) = &mut doc.node_mut(*target).data {
                e.attrs.push(Attribute {
                    name: a.name,
                    value: (&*a.value).into(),
                });
            }
        }
    }

    fn remove_from_parent(&self, target: &Ix) {
        self.doc.borrow_mut().raw_detach(*target);
    }

    fn reparent_children(&self, node: &Ix, new_parent: &Ix) {
        let mut doc = self.doc.borrow_mut();
        while let Some(c) = doc.node(*node).first_child {
            doc.raw_detach(c);
            doc.raw_append(*new_parent, c);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Ix) -> bool {
        matches!(&self.doc.borrow().node(*handle).data,
            NodeData::Element(e) if e.flags() == FLAG_MATHML_ANNOTATION_XML_INTEGRATION_POINT)
    }
}

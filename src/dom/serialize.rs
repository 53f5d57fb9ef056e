//! Serialization through html5ever's own serializer: we only walk the tree (iteratively, so
//! depth is no limit) and go into template contents, which html5ever's serializer cannot see.

use std::io;

use html5ever::serialize::{
    HtmlSerializer, Serialize, SerializeOpts, Serializer, TraversalScope, serialize,
};

use super::node::{ElementData, Ix, NodeData};
use super::{Document, NodeId};

/// A node of a document, ready for html5ever's [`serialize`]. `IncludeNode` writes the node
/// itself (its outer HTML), `ChildrenOnly` its children (inner HTML). A document or fragment
/// always writes its children.
#[derive(Debug, Clone, Copy)]
pub struct SerializableNode<'a> {
    doc: &'a Document,
    ix: Ix,
}

impl Serialize for SerializableNode<'_> {
    fn serialize<S: Serializer>(&self, ser: &mut S, scope: TraversalScope) -> io::Result<()> {
        let doc = self.doc;
        match (&doc.node(self.ix).data, scope) {
            (NodeData::Document | NodeData::Fragment, _) | (_, TraversalScope::ChildrenOnly(_)) => {
                write_children(doc, self.ix, ser)
            }
            (_, TraversalScope::IncludeNode) => write_node(doc, self.ix, ser),
        }
    }
}

/// The HTML fragment serialization algorithm's "serializes as void" elements.
fn serializes_as_void(e: &ElementData) -> bool {
    use html5ever::local_name as n;
    // Interned names compare as integers; matching on `&*e.name.local` would look each
    // element's name up as a string first.
    e.name.ns == html5ever::ns!(html)
        && matches!(
            e.name.local,
            n!("area")
                | n!("base")
                | n!("basefont")
                | n!("bgsound")
                | n!("br")
                | n!("col")
                | n!("embed")
                | n!("frame")
                | n!("hr")
                | n!("img")
                | n!("input")
                | n!("keygen")
                | n!("link")
                | n!("meta")
                | n!("param")
                | n!("source")
                | n!("track")
                | n!("wbr")
        )
}

/// The first child to write for `ix`: a template writes its content fragment's children.
#[inline]
fn first_written_child(doc: &Document, ix: Ix) -> Option<Ix> {
    let node = doc.node(ix);
    match &node.data {
        NodeData::Element(e) => match e.template_contents() {
            Some(t) => doc.node(t).first_child,
            None => node.first_child,
        },
        _ => node.first_child,
    }
}

fn write_node<S: Serializer>(doc: &Document, ix: Ix, ser: &mut S) -> io::Result<()> {
    walk(doc, Some(ix), true, ser)
}

fn write_children<S: Serializer>(doc: &Document, ix: Ix, ser: &mut S) -> io::Result<()> {
    walk(doc, first_written_child(doc, ix), false, ser)
}

/// Writes `first` and its following siblings (only `first` when `single`), depth-first.
fn walk<S: Serializer>(
    doc: &Document,
    first: Option<Ix>,
    single: bool,
    ser: &mut S,
) -> io::Result<()> {
    // Open elements: (element, the sibling to continue with after its end tag).
    let mut open: Vec<(Ix, Option<Ix>)> = Vec::new();
    let mut cur = first;
    let next_of = |n: Ix, depth: usize| {
        if single && depth == 0 {
            None
        } else {
            doc.node(n).next_sibling
        }
    };
    loop {
        while let Some(n) = cur {
            let node = doc.node(n);
            match &node.data {
                NodeData::Element(e) => {
                    let attrs = e.attrs.iter().map(|a| (&a.name, &*a.value));
                    ser.start_elem(e.name.clone(), attrs)?;
                    open.push((n, next_of(n, open.len())));
                    // A void element's children (possible through DOM insertion) are not
                    // serialized; html5ever's serializer would still write their text.
                    cur = if serializes_as_void(e) {
                        None
                    } else {
                        first_written_child(doc, n)
                    };
                    continue;
                }
                NodeData::Text(t) => ser.write_text(t)?,
                NodeData::Comment(t) => ser.write_comment(t)?,
                NodeData::Doctype(d) => ser.write_doctype(&d.name)?,
                NodeData::ProcessingInstruction(p) => {
                    ser.write_processing_instruction(&p.target, &p.data)?
                }
                // Only reachable through odd API use (a fragment is never a child).
                NodeData::Document | NodeData::Fragment => {}
            }
            cur = next_of(n, open.len());
        }
        match open.pop() {
            Some((el, next)) => {
                if let NodeData::Element(e) = &doc.node(el).data {
                    ser.end_elem(e.name.clone())?;
                }
                cur = next;
            }
            None => return Ok(()),
        }
    }
}

impl Document {
    /// A node wrapped for html5ever's serializer.
    pub fn serializable(&self, id: NodeId) -> Option<SerializableNode<'_>> {
        self.ix(id).map(|ix| SerializableNode { doc: self, ix })
    }

    fn opts(&self, scope: TraversalScope) -> SerializeOpts {
        SerializeOpts {
            scripting_enabled: self.scripting_enabled(),
            traversal_scope: scope,
            create_missing_parent: true,
        }
    }

    fn write_string(&self, ix: Ix, scope: TraversalScope) -> String {
        let mut out = Vec::new();
        let node = SerializableNode { doc: self, ix };
        // Writing into a Vec cannot fail, and the walk is balanced.
        let _ = serialize(&mut out, &node, self.opts(scope));
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// The whole document as HTML (doctype included), as `XMLSerializer`/`outerHTML` of the
    /// document element would write it together with the nodes around it.
    pub fn to_html(&self) -> String {
        self.write_string(self.root_ix(), TraversalScope::ChildrenOnly(None))
    }

    /// Writes the whole document into `w`.
    pub fn write_html<W: io::Write>(&self, w: W) -> io::Result<()> {
        let node = SerializableNode {
            doc: self,
            ix: self.root_ix(),
        };
        serialize(w, &node, self.opts(TraversalScope::ChildrenOnly(None)))
    }

    /// `node.outerHTML` (for a document or fragment: its children). Empty for a stale id.
    pub fn outer_html(&self, id: NodeId) -> String {
        match self.ix(id) {
            Some(ix) => self.write_string(ix, TraversalScope::IncludeNode),
            None => String::new(),
        }
    }

    /// `node.innerHTML`: the children (a template's content), with `<script>`/`<style>` text
    /// raw as the parent's name requires. Empty for a stale id.
    pub fn inner_html(&self, id: NodeId) -> String {
        let Some(ix) = self.ix(id) else {
            return String::new();
        };
        let parent = self.elem(ix).map(|e| e.name.clone());
        self.write_string(ix, TraversalScope::ChildrenOnly(parent))
    }
}

/// An element's opening tag as the serializer writes it (`<div id="a" class="b">`), for
/// error messages.
pub(crate) fn opening_tag(e: &ElementData) -> String {
    let mut out = Vec::new();
    let mut ser = HtmlSerializer::new(&mut out, SerializeOpts::default());
    let attrs = e.attrs.iter().map(|a| (&a.name, &*a.value));
    let _ = ser.start_elem(e.name.clone(), attrs);
    String::from_utf8_lossy(&out).into_owned()
}

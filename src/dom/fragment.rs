//! Parsed content that is not (yet) part of a page: a stream message, a template's markup,
//! the new content of a morph.

use super::node::Ix;
use super::{Children, Document, NodeId};

/// Parsed content held in its own [`Document`]: the nodes are the children of
/// [`Fragment::root`] (a document fragment, or for some of idiomorph's parses a document or
/// an `<html>` element).
///
/// Parse once, use many times: actions and morphs copy from it and never change it.
#[derive(Debug, Clone)]
pub struct Fragment {
    pub(crate) doc: Document,
    pub(crate) root: Ix,
}

impl Fragment {
    pub(crate) fn new(doc: Document, root: Ix) -> Fragment {
        Fragment { doc, root }
    }

    /// The document that owns the nodes.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The node whose children are the content.
    pub fn root(&self) -> NodeId {
        self.doc.id_of(self.root)
    }

    /// The top-level nodes of the content.
    pub fn children(&self) -> Children<'_> {
        self.doc.children(self.root())
    }

    /// The content as HTML (the root's inner HTML).
    pub fn to_html(&self) -> String {
        self.doc.inner_html(self.root())
    }

    /// Splits into the owning document and the root.
    pub fn into_parts(self) -> (Document, NodeId) {
        let root = self.root();
        (self.doc, root)
    }
}

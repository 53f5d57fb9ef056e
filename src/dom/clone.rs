//! Deep and shallow clones, within one document and across documents (`cloneNode`,
//! `importNode`). Template contents are cloned too, as the DOM's template cloning steps say.

use super::controls::radios;
use super::node::{Ix, NodeData};
use super::{Document, DomError, NodeId};

impl Document {
    /// `node.cloneNode(deep)`: a detached copy of a node of this document (with its subtree
    /// and template contents when `deep`).
    pub fn clone_node(&mut self, node: NodeId, deep: bool) -> Result<NodeId, DomError> {
        let ix = self.live(node)?;
        if ix == self.root_ix() {
            return Err(DomError::DocumentNode("cloned"));
        }
        let c = self.clone_from(None, ix, deep);
        Ok(self.id_of(c))
    }

    /// `document.importNode(node, deep)`: a detached copy, in this document, of a node of
    /// `src`.
    pub fn import_node(
        &mut self,
        src: &Document,
        node: NodeId,
        deep: bool,
    ) -> Result<NodeId, DomError> {
        let ix = src.live(node)?;
        if matches!(src.node(ix).data, NodeData::Document) {
            return Err(DomError::DocumentNode("imported"));
        }
        let c = self.clone_from(Some(src), ix, deep);
        Ok(self.id_of(c))
    }

    /// Copies `src_ix` (from `src`, or from `self` when `src` is `None`) into a new detached
    /// subtree of `self`. Iterative, so any depth is fine.
    pub(crate) fn clone_from(&mut self, src: Option<&Document>, src_ix: Ix, deep: bool) -> Ix {
        // Pairs (source parent, copy parent) whose children still have to be copied.
        let mut jobs: Vec<(Ix, Ix)> = Vec::new();
        let root = self.clone_one(src, src_ix, deep, &mut jobs);
        if deep {
            jobs.push((src_ix, root));
        }
        while let Some((sp, dp)) = jobs.pop() {
            let mut c = read(self, src, sp).first_child;
            while let Some(sc) = c {
                let nc = self.clone_one(src, sc, true, &mut jobs);
                self.raw_append(dp, nc);
                let s = read(self, src, sc);
                if s.first_child.is_some() {
                    jobs.push((sc, nc));
                }
                c = s.next_sibling;
            }
        }
        root
    }

    /// Copies one node's data; a template gets a fresh content fragment (queued for copying
    /// when `deep`).
    fn clone_one(
        &mut self,
        src: Option<&Document>,
        s: Ix,
        deep: bool,
        jobs: &mut Vec<(Ix, Ix)>,
    ) -> Ix {
        let from = src.unwrap_or(self);
        let mut data = from.node(s).data.clone();
        let mut src_contents = None;
        if let NodeData::Element(e) = &mut data {
            src_contents = e.template_contents();
            e.set_template_contents(None);
            // Live state follows the HTML cloning steps: input and textarea copy theirs.
            if e.form_state().is_some() && !(e.is_html("input") || e.is_html("textarea")) {
                e.set_form(None);
            }
            // That includes a radio button's checkedness where it is still derived from
            // the markup: derived again in the copy's new place, without the buttons that
            // unchecked it where it was parsed, it could come out otherwise.
            if e.attr("checked").is_some()
                && radios::is_radio_element(e)
                && radios::explicit_checkedness(from, s).is_none()
            {
                e.form_mut().checkedness = Some(radios::checked(from, s));
            }
        }
        let n = self.alloc(data);
        if let Some(sc) = src_contents {
            let frag = self.alloc(NodeData::Fragment);
            if let NodeData::Element(e) = &mut self.node_mut(n).data {
                e.set_template_contents(Some(frag));
            }
            self.template_hosts.insert(frag, n);
            if deep {
                jobs.push((sc, frag));
            }
        }
        n
    }
}

#[inline]
fn read<'a>(this: &'a Document, src: Option<&'a Document>, ix: Ix) -> &'a super::Node {
    match src {
        Some(d) => d.node(ix),
        None => this.node(ix),
    }
}

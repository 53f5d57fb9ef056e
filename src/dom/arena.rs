//! Slot management and raw link surgery. Nothing here keeps the id index; the callers in
//! `mutate.rs` (and the parser, which rebuilds the index once at the end) do.

use super::Document;
use super::node::{Ix, Node, NodeData};

impl Document {
    /// Allocates a detached node, reusing a free slot when there is one.
    pub(crate) fn alloc(&mut self, data: NodeData) -> Ix {
        self.live += 1;
        self.tree_epoch += 1;
        if let NodeData::Element(e) = &data
            && e.attrs.iter().any(is_form_attribute)
        {
            self.form_attributes = true;
        }
        if let Some(ix) = self.free_head {
            let node = self.node_mut(ix);
            let next_free = node.parent;
            let generation = node.generation.wrapping_add(1);
            *node = Node::new(data, generation);
            self.free_head = next_free;
            ix
        } else {
            let len = self.nodes.len();
            // Slot numbers are u32; a document of four billion nodes is not a page.
            let ix = u32::try_from(len)
                .ok()
                .and_then(Ix::new)
                .expect("arena exceeds u32::MAX nodes");
            self.nodes.push(Node::new(data, 0));
            ix
        }
    }

    /// Gives back the arena's spare capacity. The parser calls it once at the end: it sizes
    /// the arena from a guess and grows it by doubling, which can leave up to half of it empty.
    pub(crate) fn shrink_arena(&mut self) {
        self.nodes.shrink_to_fit();
    }

    /// Frees one detached node's slot (its children must already be freed or detached).
    fn free_slot(&mut self, ix: Ix) {
        self.tree_epoch += 1;
        debug_assert!(ix != self.root_ix());
        if matches!(self.node(ix).data, NodeData::Fragment) {
            self.template_hosts.remove(&ix);
        }
        let next_free = self.free_head;
        let node = self.node_mut(ix);
        debug_assert!(!node.is_free());
        node.generation = node.generation.wrapping_add(1);
        node.data = NodeData::Fragment;
        node.first_child = None;
        node.last_child = None;
        node.prev_sibling = None;
        node.next_sibling = None;
        node.parent = next_free;
        self.free_head = Some(ix);
        self.live -= 1;
    }

    /// Frees a detached subtree: the node, its descendants and any template contents in it.
    pub(crate) fn free_subtree(&mut self, ix: Ix) {
        debug_assert!(self.node(ix).parent.is_none());
        let mut stack = vec![ix];
        while let Some(n) = stack.pop() {
            let node = self.node(n);
            let mut c = node.first_child;
            while let Some(ch) = c {
                stack.push(ch);
                c = self.node(ch).next_sibling;
            }
            if let NodeData::Element(e) = &node.data
                && let Some(t) = e.template_contents()
            {
                stack.push(t);
            }
            self.free_slot(n);
        }
    }

    /// Unlinks `ix` from its parent and siblings (no index upkeep).
    pub(crate) fn raw_detach(&mut self, ix: Ix) {
        self.tree_epoch += 1;
        let (parent, prev, next) = {
            let n = self.node(ix);
            (n.parent, n.prev_sibling, n.next_sibling)
        };
        let Some(parent) = parent else { return };
        match prev {
            Some(p) => self.node_mut(p).next_sibling = next,
            None => self.node_mut(parent).first_child = next,
        }
        match next {
            Some(nx) => self.node_mut(nx).prev_sibling = prev,
            None => self.node_mut(parent).last_child = prev,
        }
        let n = self.node_mut(ix);
        n.parent = None;
        n.prev_sibling = None;
        n.next_sibling = None;
    }

    /// Links the detached node `child` under `parent`, before `before` (or last).
    pub(crate) fn raw_insert_before(&mut self, parent: Ix, child: Ix, before: Option<Ix>) {
        self.tree_epoch += 1;
        debug_assert!(self.node(child).parent.is_none());
        let prev = match before {
            Some(b) => {
                debug_assert_eq!(self.node(b).parent, Some(parent));
                self.node(b).prev_sibling
            }
            None => self.node(parent).last_child,
        };
        {
            let c = self.node_mut(child);
            c.parent = Some(parent);
            c.prev_sibling = prev;
            c.next_sibling = before;
        }
        match prev {
            Some(p) => self.node_mut(p).next_sibling = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        match before {
            Some(b) => self.node_mut(b).prev_sibling = Some(child),
            None => self.node_mut(parent).last_child = Some(child),
        }
    }

    /// Links the detached node `child` as the last child of `parent`.
    #[inline]
    pub(crate) fn raw_append(&mut self, parent: Ix, child: Ix) {
        self.raw_insert_before(parent, child, None);
    }

    /// The next node after `ix` in pre-order, staying inside `scope`'s subtree and never
    /// entering template contents.
    #[inline]
    pub(crate) fn next_in(&self, ix: Ix, scope: Ix) -> Option<Ix> {
        next_in(&self.nodes, ix, scope)
    }

    /// The next node after `ix`'s subtree in pre-order, staying inside `scope`'s subtree.
    #[inline]
    pub(crate) fn next_skip(&self, ix: Ix, scope: Ix) -> Option<Ix> {
        next_skipping_children(&self.nodes, ix, scope)
    }

    /// `ix`'s ancestors, parent first (`ix` itself excluded).
    pub(crate) fn ancestors(&self, ix: Ix) -> impl Iterator<Item = Ix> + '_ {
        std::iter::successors(self.node(ix).parent, |&p| self.node(p).parent)
    }

    /// The root of `ix`'s tree: its last ancestor, or `ix` itself without a parent.
    pub(crate) fn root_of(&self, ix: Ix) -> Ix {
        self.ancestors(ix).last().unwrap_or(ix)
    }

    /// Whether `ix` is connected: its ancestor chain ends at the document node.
    pub(crate) fn is_connected_ix(&self, ix: Ix) -> bool {
        self.root_of(ix) == self.root_ix()
    }

    /// Adds (or removes) every id'd element of `ix`'s subtree to (from) the id index.
    pub(crate) fn index_subtree(&mut self, ix: Ix, add: bool) {
        let Document { nodes, ids, .. } = self;
        let mut cur = Some(ix);
        while let Some(n) = cur {
            if let NodeData::Element(e) = &nodes[n.get() as usize].data
                && let Some(id) = e.id()
                && !id.is_empty()
            {
                if add {
                    ids.insert(id, n);
                } else {
                    ids.remove(id, n);
                }
            }
            cur = next_in(nodes, n, ix);
        }
    }

    /// Rebuilds the id index from scratch (after parsing, which builds without it).
    pub(crate) fn rebuild_id_index(&mut self) {
        self.ids.clear();
        let root = self.root_ix();
        self.index_subtree(root, true);
    }

    /// Whether `a` is an ancestor of `b` (`b` itself excluded).
    pub(crate) fn is_ancestor(&self, a: Ix, b: Ix) -> bool {
        self.ancestors(b).any(|x| x == a)
    }

    /// Whether `a` comes before `b` in tree order (both connected to the same root).
    pub(crate) fn precedes(&self, a: Ix, b: Ix) -> bool {
        if a == b {
            return false;
        }
        // Each one's inclusive ancestors, root first.
        let chain = |x: Ix| {
            let mut v: Vec<Ix> = std::iter::once(x).chain(self.ancestors(x)).collect();
            v.reverse();
            v
        };
        let (ca, cb) = (chain(a), chain(b));
        let mut i = 0;
        while i < ca.len() && i < cb.len() && ca[i] == cb[i] {
            i += 1;
        }
        if i == ca.len() {
            return true; // a is an ancestor of b
        }
        if i == cb.len() {
            return false; // b is an ancestor of a
        }
        // Siblings under ca[i-1]: walk forward from a's branch looking for b's.
        let (sa, sb) = (ca[i], cb[i]);
        let mut s = self.node(sa).next_sibling;
        while let Some(x) = s {
            if x == sb {
                return true;
            }
            s = self.node(x).next_sibling;
        }
        false
    }
}

/// Pre-order successor of `ix` inside `scope`, not entering template contents.
#[inline]
pub(crate) fn next_in(nodes: &[Node], ix: Ix, scope: Ix) -> Option<Ix> {
    if let Some(c) = nodes[ix.get() as usize].first_child {
        return Some(c);
    }
    next_skipping_children(nodes, ix, scope)
}

/// Pre-order successor of `ix`'s whole subtree inside `scope`.
#[inline]
pub(crate) fn next_skipping_children(nodes: &[Node], mut ix: Ix, scope: Ix) -> Option<Ix> {
    loop {
        if ix == scope {
            return None;
        }
        let n = &nodes[ix.get() as usize];
        if let Some(s) = n.next_sibling {
            return Some(s);
        }
        ix = n.parent?;
    }
}

/// Whether `a` is the `form` attribute (in no namespace), which can associate a control
/// with a form outside its ancestors (see [`Document::form_attributes`]).
fn is_form_attribute(a: &super::Attribute) -> bool {
    a.name.local == html5ever::local_name!("form") && a.name.ns == html5ever::ns!()
}

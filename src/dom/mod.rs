//! The arena DOM: every node of a document in one `Vec`, addressed by [`NodeId`].
//!
//! * Nodes carry the five DOM links (parent, first and last child, previous and next sibling),
//!   so inserting, detaching and moving are O(1).
//! * Removed nodes are freed and their slots reused: a page that absorbs updates for days
//!   does not grow. A [`NodeId`] carries its slot's generation, so an id kept past a removal
//!   never silently names the node that reuses the slot: lookups return `None` or
//!   [`DomError::StaleNode`].
//! * `<template>` content lives in a separate fragment node owned by the element (as in the
//!   DOM): it is never a child of the template, never connected to the document, never seen by
//!   [`Document::get_element_by_id`] or by tree walks.
//! * An id index answers [`Document::get_element_by_id`] in O(1) expected time and is kept
//!   exact by every mutation.
//! * [`Document`] is `Send + Sync` (text and attribute values are owned strings, names are
//!   `string_cache` atoms), so a server can keep pages behind a `Mutex` or `RwLock`.

mod arena;
mod clone;
pub(crate) mod controls;
mod error;
mod form;
mod fragment;
mod id_index;
pub(crate) mod ix_map;
mod mutate;
mod node;
#[cfg(feature = "rcdom")]
mod rcdom;
mod serialize;
mod traverse;
pub(crate) mod tx;

use std::collections::HashMap;
use std::fmt;

pub use compact_str::CompactString;
pub use error::DomError;
pub use form::FormState;
pub use fragment::Fragment;
pub use html5ever::interface::QuirksMode;
pub use html5ever::{LocalName, Namespace, QualName};
pub use node::{Attribute, Doctype, ElementData, NodeData, ProcessingInstruction};
pub use serialize::SerializableNode;
pub use traverse::{Children, Descendants};

pub(crate) use id_index::Key as IdKey;
pub(crate) use node::{FLAG_MATHML_ANNOTATION_XML_INTEGRATION_POINT, Ix, Node};

use id_index::IdIndex;

/// A handle to a node of one [`Document`]: a slot number and the slot's generation.
///
/// It is `Copy` and 8 bytes. It stays valid until the node is removed; after that every
/// lookup with it fails, even when the slot holds a new node.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    pub(crate) ix: Ix,
    pub(crate) generation: u32,
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NodeId({}@{})", self.ix, self.generation)
    }
}

/// An HTML document (or a parsed fragment's owner document) held as an arena tree.
///
/// Build one with [`Document::parse`] (a page, as a browser loads it), [`Document::new`] (an
/// empty document), or the fragment parsers in [`crate::parse`].
pub struct Document {
    pub(crate) nodes: Vec<Node>,
    /// Head of the free-slot list (linked through `Node::parent`).
    free_head: Option<Ix>,
    live: usize,
    root: Ix,
    quirks_mode: QuirksMode,
    scripting: bool,
    pub(crate) ids: IdIndex,
    /// The `<template>` owning each template-contents fragment (the DOM's "host"): insertion
    /// checks look through it, and such a fragment is never freed on its own.
    pub(crate) template_hosts: HashMap<Ix, Ix>,
    /// Whether an element of this document has ever had a `form` attribute (sticky). Until
    /// one has, every form control's form owner is its nearest ancestor form, so radio
    /// groups and a form's named controls need no look beyond the form's subtree.
    pub(crate) form_attributes: bool,
    /// Bumped by every change to the tree's shape: a node linked, unlinked, allocated or
    /// freed. With the two below it tells [`controls::radios`] and [`controls::options`]
    /// when what they keep is stale.
    pub(crate) tree_epoch: u64,
    /// Bumped when a `type`, `name`, `form` or `id` attribute is set or removed (what can
    /// regroup radio buttons, besides the tree).
    pub(crate) radio_epoch: u64,
    /// Bumped when a `selected`, `disabled`, `multiple` or `size` attribute is set or
    /// removed (what parsed selectedness reads, besides the tree).
    pub(crate) option_epoch: u64,
    /// Radio buttons by scope and name, made as radio groups are asked for.
    pub(crate) radios: controls::radios::RadioIndex,
    /// Selects' option lists, made as options are asked about.
    pub(crate) options: controls::options::OptionIndex,
}

// A server keeps pages across threads; make sure it stays possible.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Document>();
    assert_send_sync::<NodeId>();
};

impl Clone for Document {
    /// A deep copy whose arena has room to grow by an eighth. A page is copied to be
    /// changed (a page per browser, a snapshot to apply messages to), and a copy made with
    /// exactly the original's capacity would move its whole arena for the first node a
    /// message or a morph creates (about 0.5 ms on a 100k-node page).
    fn clone(&self) -> Self {
        let len = self.nodes.len();
        let mut nodes = Vec::with_capacity(len + len / 8 + 16);
        nodes.extend_from_slice(&self.nodes);
        Document {
            nodes,
            free_head: self.free_head,
            live: self.live,
            root: self.root,
            quirks_mode: self.quirks_mode,
            scripting: self.scripting,
            ids: self.ids.clone(),
            template_hosts: self.template_hosts.clone(),
            form_attributes: self.form_attributes,
            tree_epoch: self.tree_epoch,
            radio_epoch: self.radio_epoch,
            option_epoch: self.option_epoch,
            radios: self.radios.clone(),
            options: self.options.clone(),
        }
    }
}

impl Default for Document {
    fn default() -> Self {
        Document::new()
    }
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("nodes", &self.live)
            .field("quirks_mode", &self.quirks_mode)
            .field("html", &self.to_html())
            .finish()
    }
}

impl Document {
    /// An empty document: just the document node, no-quirks, scripting enabled.
    pub fn new() -> Document {
        Document::with_capacity(1)
    }

    /// An empty document with room for `nodes` nodes.
    pub fn with_capacity(nodes: usize) -> Document {
        let mut v = Vec::with_capacity(nodes.saturating_add(2));
        // Slot 0 is never handed out, so that slot numbers fit a NonZeroU32.
        v.push(Node::new(NodeData::Fragment, 1));
        v.push(Node::new(NodeData::Document, 0));
        Document {
            nodes: v,
            free_head: None,
            live: 1,
            root: Ix::MIN, // slot 1
            quirks_mode: QuirksMode::NoQuirks,
            scripting: true,
            ids: IdIndex::default(),
            template_hosts: HashMap::new(),
            form_attributes: false,
            tree_epoch: 0,
            radio_epoch: 0,
            option_epoch: 0,
            radios: Default::default(),
            options: Default::default(),
        }
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        self.id_of(self.root)
    }

    /// The document's quirks mode (set by the parser from the doctype).
    pub fn quirks_mode(&self) -> QuirksMode {
        self.quirks_mode
    }

    /// Sets the quirks mode.
    pub fn set_quirks_mode(&mut self, mode: QuirksMode) {
        self.quirks_mode = mode;
    }

    /// Whether scripting is enabled for this document. A page loaded in a browser has it (so
    /// `<noscript>` holds raw text); template contents and `DOMParser` documents do not. It
    /// also decides how `<noscript>` text serializes.
    pub fn scripting_enabled(&self) -> bool {
        self.scripting
    }

    /// Sets whether scripting is enabled (see [`Document::scripting_enabled`]).
    pub fn set_scripting_enabled(&mut self, on: bool) {
        self.scripting = on;
    }

    /// How many live nodes the document holds (connected or not, template contents included).
    pub fn node_count(&self) -> usize {
        self.live
    }

    /// How many node slots the arena has allocated (live plus free). Stays flat while a page
    /// absorbs updates, since freed slots are reused.
    pub fn slot_count(&self) -> usize {
        self.nodes.len() - 1
    }

    /// Whether `id` names a live node of this document.
    pub fn contains(&self, id: NodeId) -> bool {
        self.ix(id).is_some()
    }

    /// The slot of a live node, or `None` for a stale or foreign id.
    #[inline]
    pub(crate) fn ix(&self, id: NodeId) -> Option<Ix> {
        let node = self.nodes.get(id.ix.get() as usize)?;
        (node.generation == id.generation).then_some(id.ix)
    }

    /// The slot of a live node, or [`DomError::StaleNode`].
    #[inline]
    pub(crate) fn live(&self, id: NodeId) -> Result<Ix, DomError> {
        self.ix(id).ok_or(DomError::StaleNode(id))
    }

    /// The public id of a live slot.
    #[inline]
    pub(crate) fn id_of(&self, ix: Ix) -> NodeId {
        NodeId {
            ix,
            generation: self.nodes[ix.get() as usize].generation,
        }
    }

    #[inline]
    pub(crate) fn node(&self, ix: Ix) -> &Node {
        &self.nodes[ix.get() as usize]
    }

    #[inline]
    pub(crate) fn node_mut(&mut self, ix: Ix) -> &mut Node {
        &mut self.nodes[ix.get() as usize]
    }

    #[inline]
    pub(crate) fn root_ix(&self) -> Ix {
        self.root
    }

    /// The element data of slot `ix`, if it is an element.
    #[inline]
    pub(crate) fn elem(&self, ix: Ix) -> Option<&ElementData> {
        self.node(ix).data.as_element()
    }

    /// A short description of a node for error messages: an element's opening tag, or the
    /// node kind and the start of its text.
    pub fn describe(&self, id: NodeId) -> String {
        match self.ix(id) {
            Some(ix) => self.describe_ix(ix),
            None => format!("{id:?} (removed)"),
        }
    }

    pub(crate) fn describe_ix(&self, ix: Ix) -> String {
        fn clip(s: &str) -> String {
            let mut out: String = s.chars().take(40).collect();
            if out.len() < s.len() {
                out.push('…');
            }
            out
        }
        match &self.node(ix).data {
            NodeData::Document => "#document".to_owned(),
            NodeData::Fragment => "#document-fragment".to_owned(),
            NodeData::Doctype(d) => format!("<!DOCTYPE {}>", d.name),
            NodeData::Text(t) => format!("#text {:?}", clip(t)),
            NodeData::Comment(t) => format!("<!--{}-->", clip(t)),
            NodeData::ProcessingInstruction(p) => format!("<?{}>", p.target),
            NodeData::Element(e) => crate::dom::serialize::opening_tag(e),
        }
    }
}

//! Callbacks: idiomorph's `callbacks` as a Rust trait, with the same call sites and veto
//! meaning (morph.md §2.17), and [`TurboHooks`], what Turbo 8 passes (§2.21).

use crate::dom::{Document, NodeId};

/// Which attribute change [`MorphHooks::before_attribute_updated`] is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeChange {
    /// The attribute is set (added or changed). In idiomorph 0.7.4 this is asked for every
    /// attribute of the new element, changed or not.
    Update,
    /// The attribute is removed.
    Remove,
}

/// A node of the new content, as the hooks see it.
#[derive(Debug, Clone, Copy)]
pub struct NewNode<'a> {
    /// The document holding the new content.
    pub doc: &'a Document,
    /// The node in it.
    pub node: NodeId,
}

/// Morph callbacks. Every method has a no-op default; a `before_*` method vetoes by returning
/// `false`, exactly where idiomorph's callback returning `false` vetoes:
///
/// * `before_node_added` is asked before a new node is inserted (with the new-content node);
///   a veto inserts nothing, and the persistent elements that belonged inside it stay where
///   they are or are lost with the pantry.
/// * `before_node_morphed` is asked for every matched pair (elements, text, comments; the
///   outer root; moved persistent elements; the empty element made for a new subtree); a veto
///   leaves the old node untouched but where it was placed.
/// * `before_node_removed` is asked before an old node without persistent ids is removed; a
///   veto keeps it. Nodes holding persistent ids go to the pantry instead and are discarded at
///   the end *without* this call (idiomorph issue #145).
/// * `before_attribute_updated` is asked before each attribute write or removal, including the
///   form-state syncs of `value`, `checked`, `disabled` and `selected`.
///
/// The old document is passed read-only: hooks must not change it during the morph
/// (idiomorph does not support that either).
pub trait MorphHooks {
    /// Before inserting a node made from `new`. Return `false` to skip it.
    fn before_node_added(&mut self, page: &Document, new: NewNode<'_>) -> bool {
        let _ = (page, new);
        true
    }
    /// After inserting `node` (a clone, or an element built by a nested morph).
    fn after_node_added(&mut self, page: &Document, node: NodeId) {
        let _ = (page, node);
    }
    /// Before morphing the old node `old` into `new`. Return `false` to leave `old` as it is.
    fn before_node_morphed(&mut self, page: &Document, old: NodeId, new: NewNode<'_>) -> bool {
        let _ = (page, old, new);
        true
    }
    /// After morphing `old` (post-order: its descendants are done).
    fn after_node_morphed(&mut self, page: &Document, old: NodeId, new: NewNode<'_>) {
        let _ = (page, old, new);
    }
    /// Before removing the old node `old`. Return `false` to keep it.
    fn before_node_removed(&mut self, page: &Document, old: NodeId) -> bool {
        let _ = (page, old);
        true
    }
    /// After removing `old`: it is detached (still readable in `page`) and freed when the morph
    /// ends.
    fn after_node_removed(&mut self, page: &Document, old: NodeId) {
        let _ = (page, old);
    }
    /// Before setting or removing the attribute `name` of `element`. Return `false` to skip
    /// that one change.
    fn before_attribute_updated(
        &mut self,
        page: &Document,
        element: NodeId,
        name: &str,
        change: AttributeChange,
    ) -> bool {
        let _ = (page, element, name, change);
        true
    }
    /// Whether these hooks must see every node even where old and new are equal. When
    /// `false`, the morph may skip equal subtrees (the result is the same; only the calls
    /// differ). The default is `true`: custom hooks see every call idiomorph makes.
    fn observes_every_node(&self) -> bool {
        true
    }
}

/// No callbacks: the plain morph.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoHooks;

impl MorphHooks for NoHooks {
    fn observes_every_node(&self) -> bool {
        false
    }
}

/// What Turbo 8.0.23 passes to idiomorph (`DefaultIdiomorphCallbacks`, turbo-streams.md §6):
///
/// * an element with `data-turbo-permanent` is never morphed and never removed;
/// * a new element with an `id`, `data-turbo-permanent`, and an element with that id already
///   in the page is never added.
///
/// Turbo's cancelable `turbo:before-morph-element` / `turbo:before-morph-attribute` events
/// have no listeners on a server; wrap these hooks to add your own vetoes.
#[derive(Debug, Clone, Copy, Default)]
pub struct TurboHooks;

impl TurboHooks {
    fn permanent(page: &Document, node: NodeId) -> bool {
        page.element(node)
            .is_some_and(|e| e.attr("data-turbo-permanent").is_some())
    }
}

impl MorphHooks for TurboHooks {
    fn before_node_added(&mut self, page: &Document, new: NewNode<'_>) -> bool {
        let Some(e) = new.doc.element(new.node) else {
            return true;
        };
        // Turbo reads the `id` property (a form's can be shadowed by a control named "id").
        let id = match crate::morph::form::id_property(new.doc, new.node) {
            Some(id) if !id.is_empty() => id,
            _ => return true,
        };
        !(e.attr("data-turbo-permanent").is_some() && page.get_element_by_id(&id).is_some())
    }

    fn before_node_morphed(&mut self, page: &Document, old: NodeId, _new: NewNode<'_>) -> bool {
        !Self::permanent(page, old)
    }

    fn before_node_removed(&mut self, page: &Document, old: NodeId) -> bool {
        !Self::permanent(page, old)
    }

    fn observes_every_node(&self) -> bool {
        false
    }
}

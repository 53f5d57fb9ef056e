//! Errors of tree operations.

use super::NodeId;

/// Why a tree operation was refused. The tree is unchanged whenever one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DomError {
    /// The id names no live node of this document: the node was removed (its slot may
    /// already hold another node), or the id comes from another document.
    #[error(
        "{0:?} names no live node of this document (it was removed, or it belongs to another document)"
    )]
    StaleNode(NodeId),
    /// The insertion would break the tree's shape (the DOM's `HierarchyRequestError`).
    #[error("cannot insert {child} into {parent}: {reason}")]
    HierarchyRequest {
        /// The would-be parent, described (an opening tag or a node kind).
        parent: String,
        /// The node being inserted, described.
        child: String,
        /// What rule it breaks.
        reason: &'static str,
    },
    /// The reference node of an insertion is not a child of the given parent.
    #[error("{reference} is not a child of {parent}")]
    NotAChild {
        /// The parent, described.
        parent: String,
        /// The reference node, described.
        reference: String,
    },
    /// The operation needs an element.
    #[error("{node} is not an element")]
    NotAnElement {
        /// The node, described.
        node: String,
    },
    /// The operation needs a text or comment node.
    #[error("{node} has no character data")]
    NotCharacterData {
        /// The node, described.
        node: String,
    },
    /// The document node itself cannot be removed, moved or cloned into another tree.
    #[error("the document node cannot be {0}")]
    DocumentNode(&'static str),
    /// A `<template>`'s content fragment lives as long as its template: it cannot be removed
    /// on its own (remove its children, or the template).
    #[error("the content of {template} cannot be removed on its own")]
    TemplateContents {
        /// The template that owns the fragment, described.
        template: String,
    },
}

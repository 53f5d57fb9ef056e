//! Why a morph failed. A failed morph leaves the document exactly as it was.

use crate::dom::{DomError, NodeId};

/// A morph that idiomorph 0.7.4 would abort with an exception (where the browser is left
/// half-morphed), or that the API cannot perform. The document is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MorphError {
    /// The morph root is stale or not an element.
    #[error("the morph root {0} is not a live element of this document")]
    BadRoot(String),
    /// The new content refers to a node that is not live in its document.
    #[error("the new content node {0:?} is not live in its document")]
    BadContent(NodeId),
    /// A persistent element could not be found where idiomorph looks for it (the old root's
    /// subtree and the pantry): idiomorph 0.7.4 throws `TypeError: Cannot read properties of
    /// null (reading 'getAttribute')` (morph.md §2.9).
    #[error(
        "the element with persistent id {id:?} is no longer inside the morph root (idiomorph 0.7.4 throws a TypeError here)"
    )]
    PersistentElementNotFound {
        /// The id.
        id: String,
    },
    /// idiomorph's `[id="…"]` lookup is not a valid selector for this id (it contains `"` or
    /// a newline): the browser throws a `SyntaxError`.
    #[error("{selector} is not a valid selector (idiomorph 0.7.4 throws a SyntaxError)")]
    InvalidSelector {
        /// The selector idiomorph would build.
        selector: String,
    },
    /// A DOM insertion the browser refuses (`HierarchyRequestError`), e.g. moving an element
    /// into itself when the new content reuses the root's id in children-only mode.
    #[error("HierarchyRequestError: {0}")]
    Hierarchy(String),
    /// `setAttribute` with a name the browser refuses (`InvalidCharacterError`).
    #[error("InvalidCharacterError: {name:?} is not a valid attribute name")]
    InvalidAttributeName {
        /// The attribute name.
        name: String,
    },
}

impl From<DomError> for MorphError {
    /// A DOM edit the morph made was refused: reported as the browser's
    /// `HierarchyRequestError`, with the DOM's description of the nodes.
    fn from(e: DomError) -> MorphError {
        MorphError::Hierarchy(e.to_string())
    }
}

//! Turbo's id de-duplication before inserting (turbo-streams.md §5.9, §5.10): elements whose
//! id a top-level element of the template carries are removed first, so that the new copy
//! takes their place at the insertion point.
//!
//! Turbo collects the candidates by walking every child of every target (or of every
//! target's parent); the same elements are found here through the id index, for each id the
//! template brings, so the cost follows the template, not the page.

use std::collections::HashSet;

use super::element;
use super::error::StreamErrorKind;
use super::run::Run;
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix};
use crate::morph::form::form_id_shadowed;
use crate::morph::remove_node;

/// `removeDuplicateTargetChildren` (append, prepend): remove every direct child of a target
/// whose `id` attribute equals the `id` attribute of a top-level template element.
pub(crate) fn remove_duplicate_children(
    tx: &mut Tx<'_>,
    run: &mut Run<'_>,
    s: Ix,
) -> Result<(), StreamErrorKind> {
    let parents: HashSet<Ix> = run.targets(tx.doc(), s)?.into_iter().collect();
    remove_children_with_template_ids(tx, s, &parents, false)
}

/// `removeDuplicateTargetSiblings` (before, after): remove every child of a target's parent
/// element, the target included, whose `id` property equals the `id` property of a top-level
/// template element. A target without a parent element makes Turbo throw. A `<form>` whose
/// `id` property is shadowed by a control named `id` never matches.
pub(crate) fn remove_duplicate_siblings(
    tx: &mut Tx<'_>,
    run: &mut Run<'_>,
    s: Ix,
) -> Result<(), StreamErrorKind> {
    let targets = run.targets(tx.doc(), s)?;
    let doc = tx.doc();
    let mut parents = HashSet::with_capacity(targets.len());
    for t in targets {
        match doc.node(t).parent {
            Some(p) if doc.elem(p).is_some() => {
                parents.insert(p);
            }
            _ => return Err(StreamErrorKind::NoParentElement),
        }
    }
    remove_children_with_template_ids(tx, s, &parents, true)
}

/// Removes every child of `parents` whose id is the id of a top-level element of the
/// stream's template content (Turbo reads a fresh copy of the content; the template itself
/// has the same ids). Ids are compared as the `id` property when `property` (a `<form>` whose
/// `id` is shadowed has none), else as the `id` attribute; empty ones never match. Looks the
/// template up as Turbo does, with its side effect and its error, whatever the parents.
fn remove_children_with_template_ids(
    tx: &mut Tx<'_>,
    s: Ix,
    parents: &HashSet<Ix>,
    property: bool,
) -> Result<(), StreamErrorKind> {
    let t = element::template_element(tx, s)?;
    let doc = tx.doc();
    let Some(content) = element::contents(doc, t) else {
        return Ok(());
    };
    if parents.is_empty() {
        return Ok(());
    }
    let has_id = |el: Ix| !(property && id_shadowed(doc, el));
    let mut ids: Vec<&str> = doc
        .child_ixs(content)
        .filter(|&c| has_id(c))
        .filter_map(|c| doc.elem(c)?.id())
        .filter(|id| !id.is_empty())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    // For each id, the connected elements with it whose parent is one of `parents`, in tree
    // order.
    let mut doomed = Vec::new();
    for id in ids {
        for el in doc.elements_by_id(id) {
            let Some(ix) = doc.ix(el) else { continue };
            if doc.node(ix).parent.is_some_and(|p| parents.contains(&p)) && has_id(ix) {
                doomed.push(ix);
            }
        }
    }
    for el in doomed {
        remove_node(tx, el);
    }
    Ok(())
}

/// Whether `el` is a `<form>` whose `id` property is shadowed by a control named `id`.
fn id_shadowed(doc: &Document, el: Ix) -> bool {
    doc.elem(el).is_some_and(|e| e.is_html("form")) && form_id_shadowed(doc, el)
}

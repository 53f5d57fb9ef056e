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
use crate::morph::form::id_property;
use crate::morph::remove_node;

/// `removeDuplicateTargetChildren` (append, prepend): remove every direct child of a target
/// whose `id` attribute equals the `id` attribute of a top-level template element.
pub(crate) fn remove_duplicate_children(
    tx: &mut Tx<'_>,
    run: &mut Run<'_>,
    s: Ix,
) -> Result<(), StreamErrorKind> {
    let targets = run.targets(tx.doc(), s)?;
    let new_ids = template_ids(tx, s, |doc, el| {
        doc.elem(el)
            .and_then(|e| e.id())
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
    })?;
    if targets.is_empty() || new_ids.is_empty() {
        return Ok(());
    }
    let parents: HashSet<Ix> = targets.into_iter().collect();
    let doomed = children_with_ids(tx.doc(), &parents, &new_ids, |_, _| true);
    for el in doomed {
        remove_node(tx, el);
    }
    Ok(())
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
    let mut parents = HashSet::new();
    for &t in &targets {
        let doc = tx.doc();
        match doc.node(t).parent {
            Some(p) if doc.elem(p).is_some() => {
                parents.insert(p);
            }
            _ => return Err(StreamErrorKind::NoParentElement),
        }
    }
    let new_ids = template_ids(tx, s, |doc, el| {
        id_property(doc, doc.id_of(el)).filter(|id| !id.is_empty())
    })?;
    if parents.is_empty() || new_ids.is_empty() {
        return Ok(());
    }
    let doomed = children_with_ids(tx.doc(), &parents, &new_ids, |doc, el| {
        id_property(doc, doc.id_of(el)).is_some()
    });
    for el in doomed {
        remove_node(tx, el);
    }
    Ok(())
}

/// The ids of the template content's top-level elements, as `id` reads them (Turbo reads a
/// fresh copy of the content; the template itself has the same ids). Looks the template up
/// as Turbo does, with its side effect and its error.
fn template_ids(
    tx: &mut Tx<'_>,
    s: Ix,
    id: impl Fn(&Document, Ix) -> Option<String>,
) -> Result<Vec<String>, StreamErrorKind> {
    let t = element::template_element(tx, s)?;
    let doc = tx.doc();
    let Some(content) = element::contents(doc, t) else {
        return Ok(Vec::new());
    };
    let mut ids: Vec<String> = element::children(doc, content)
        .into_iter()
        .filter(|&c| doc.elem(c).is_some())
        .filter_map(|c| id(doc, c))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The connected elements with one of `ids` whose parent is in `parents` (and that `keep`
/// accepts), in tree order.
fn children_with_ids(
    doc: &Document,
    parents: &HashSet<Ix>,
    ids: &[String],
    keep: impl Fn(&Document, Ix) -> bool,
) -> Vec<Ix> {
    let mut out = Vec::new();
    for id in ids {
        for el in doc.elements_by_id(id) {
            let Some(ix) = doc.ix(el) else { continue };
            if doc.node(ix).parent.is_some_and(|p| parents.contains(&p)) && keep(doc, ix) {
                out.push(ix);
            }
        }
    }
    out
}

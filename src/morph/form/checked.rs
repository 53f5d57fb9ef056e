//! Checkedness of checkboxes and radio buttons, with radio groups as Chromium scopes them:
//! a radio button with a form owner is grouped within that form; one without is grouped in
//! its tree only while connected to a document (so radio buttons in template content or a
//! detached fragment are not grouped at all).

use super::kinds::{form_owner, tree_root};
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix, NodeData};

// ---------------------------------------------------------------------------------------
// Checkedness

fn is_radio(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix).is_some_and(|e| {
        e.is_html("input")
            && e.attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("radio"))
    })
}

/// The other radio buttons of `ix`'s group: same non-empty name, same form owner, same tree.
fn radio_group(doc: &Document, ix: Ix) -> Vec<Ix> {
    let Some(name) = doc
        .elem(ix)
        .and_then(|e| e.attr("name"))
        .filter(|n| !n.is_empty())
    else {
        return Vec::new();
    };
    let owner = form_owner(doc, ix);
    let scope = match owner {
        Some(f) => f,
        None => {
            let root = tree_root(doc, ix);
            if !matches!(doc.node(root).data, NodeData::Document) {
                return Vec::new();
            }
            root
        }
    };
    let mut out = Vec::new();
    let mut cur = Some(scope);
    while let Some(n) = cur {
        if n != ix
            && is_radio(doc, n)
            && doc.elem(n).and_then(|e| e.attr("name")) == Some(name)
            && form_owner(doc, n) == owner
        {
            out.push(n);
        }
        cur = doc.next_in(n, scope);
    }
    out
}

/// An input's checkedness.
pub(crate) fn checked(doc: &Document, ix: Ix) -> bool {
    let Some(e) = doc.elem(ix) else { return false };
    if let Some(v) = e.form_state().and_then(|f| f.checkedness) {
        return v;
    }
    let has = e.attr("checked").is_some();
    if !has || !is_radio(doc, ix) {
        return has;
    }
    // As parsed: a later checked radio of the same group unchecked this one.
    let group = radio_group(doc, ix);
    !group.iter().any(|&r| {
        doc.precedes(ix, r)
            && doc.elem(r).is_some_and(|e| {
                e.form_state().and_then(|f| f.checkedness).is_none() && e.attr("checked").is_some()
            })
    })
}

/// Sets checkedness (marking it dirty when `dirty`), unchecking the rest of a radio group.
pub(crate) fn set_checked(tx: &mut Tx<'_>, ix: Ix, value: bool, dirty: bool) {
    if value && is_radio(tx.doc(), ix) {
        for r in radio_group(tx.doc(), ix) {
            let implicit = tx
                .doc()
                .elem(r)
                .and_then(|e| e.form_state())
                .and_then(|f| f.checkedness)
                .is_none();
            if (checked(tx.doc(), r) || implicit)
                && let Some(f) = tx.form_mut(r)
            {
                f.checkedness = Some(false);
            }
        }
    }
    if let Some(f) = tx.form_mut(ix) {
        f.checkedness = Some(value);
        if dirty {
            f.checkedness_dirty = true;
        }
    }
}

/// Gives the input and the rest of its radio group explicit checkedness equal to the current
/// one, before something changes how it would be derived.
pub(crate) fn materialize_group(tx: &mut Tx<'_>, ix: Ix) {
    let mut all = radio_group(tx.doc(), ix);
    all.push(ix);
    let current: Vec<bool> = all.iter().map(|&r| checked(tx.doc(), r)).collect();
    for (&r, &v) in all.iter().zip(&current) {
        let explicit = tx
            .doc()
            .elem(r)
            .and_then(|e| e.form_state())
            .and_then(|f| f.checkedness);
        if explicit.is_none()
            && let Some(f) = tx.form_mut(r)
        {
            f.checkedness = Some(v);
        }
    }
}

/// Before `node`'s subtree moves or leaves the tree: radio buttons in it (and their groups)
/// keep the checkedness they have now, which their new place must not recompute.
pub(crate) fn before_move(tx: &mut Tx<'_>, node: Ix) {
    let mut radios = Vec::new();
    let mut cur = Some(node);
    while let Some(n) = cur {
        if is_radio(tx.doc(), n) {
            radios.push(n);
        }
        cur = tx.doc().next_in(n, node);
    }
    for r in radios {
        materialize_group(tx, r);
    }
}

/// The input's type or name changed: a checked radio button unchecks the rest of its (new)
/// group.
pub(crate) fn group_changed(tx: &mut Tx<'_>, ix: Ix) {
    if is_radio(tx.doc(), ix) && checked(tx.doc(), ix) {
        let dirty = checkedness_dirty(tx.doc(), ix);
        set_checked(tx, ix, true, dirty);
    }
}

/// The `checked` attribute appeared or disappeared: non-dirty checkedness follows it.
pub(crate) fn checked_attribute_toggled(tx: &mut Tx<'_>, ix: Ix, present: bool) {
    if !checkedness_dirty(tx.doc(), ix) {
        set_checked(tx, ix, present, false);
    }
}

fn checkedness_dirty(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix)
        .and_then(|e| e.form_state())
        .is_some_and(|f| f.checkedness_dirty)
}

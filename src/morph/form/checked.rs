//! Checkedness of checkboxes and radio buttons, with radio groups as Chromium scopes them:
//! a radio button with a form owner is grouped with that form's; one without is grouped in
//! its tree only while connected to a document (so radio buttons in template content or a
//! detached fragment are not grouped at all). Checkedness derived from the markup uses the
//! owners the buttons had while parsed, a change made now the owners they have now (see
//! [`Grouping`]).

use super::kinds::{ancestor_form, form_owner};
use crate::dom::controls::radios;
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix, NodeData};

// ---------------------------------------------------------------------------------------
// Checkedness

fn is_radio(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix).is_some_and(radios::is_radio)
}

/// Which form owners make a radio group.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grouping {
    /// The owners the radio buttons had while they were parsed: the markup the server holds
    /// is parsed as a fragment (`innerHTML`, template content), where nothing is connected
    /// and `form` attributes are not followed, so the nearest ancestor form. Checkedness
    /// derived from `checked` attributes is decided then.
    Parsed,
    /// The owners now (a `form` attribute followed once connected): what a checkedness
    /// change made now unchecks.
    Live,
}

/// The other radio buttons of `ix`'s group: same non-empty name, same form owner, same tree.
fn radio_group(doc: &Document, ix: Ix, grouping: Grouping) -> Vec<Ix> {
    let mut group = group_with(doc, ix, grouping);
    group.retain(|&n| n != ix);
    group
}

/// `ix`'s radio group with `ix` itself (if it is a radio button), in tree order.
fn group_with(doc: &Document, ix: Ix, grouping: Grouping) -> Vec<Ix> {
    let Some(name) = doc
        .elem(ix)
        .and_then(|e| e.attr("name"))
        .filter(|n| !n.is_empty())
    else {
        return Vec::new();
    };
    let owner_of = |n: Ix| match grouping {
        Grouping::Parsed => ancestor_form(doc, n),
        Grouping::Live => form_owner(doc, n),
    };
    let owner = owner_of(ix);
    let scope = match owner {
        // A `form` attribute can put radio buttons outside the form into its group.
        Some(f) if grouping == Grouping::Live && doc.form_attributes && doc.is_connected_ix(f) => {
            doc.root_of(f)
        }
        Some(f) => f,
        None => {
            let root = doc.root_of(ix);
            if !matches!(doc.node(root).data, NodeData::Document) {
                return Vec::new();
            }
            root
        }
    };
    let mut out = doc.radios.named(doc, scope, name);
    out.retain(|&n| n == ix || owner_of(n) == owner);
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
    let group = group_with(doc, ix, Grouping::Parsed);
    let later = group
        .iter()
        .position(|&n| n == ix)
        .map_or(&[][..], |i| &group[i + 1..]);
    !later.iter().any(|&r| {
        explicit_checkedness(doc, r).is_none()
            && doc.elem(r).is_some_and(|e| e.attr("checked").is_some())
    })
}

/// Sets checkedness (marking it dirty when `dirty`), unchecking the rest of a radio group.
pub(crate) fn set_checked(tx: &mut Tx<'_>, ix: Ix, value: bool, dirty: bool) {
    if is_radio(tx.doc(), ix) {
        // The buttons whose state this writes, and those whose derived state depends on
        // them, keep what they have now (so every live-group member is explicit after).
        let live = radio_group(tx.doc(), ix, Grouping::Live);
        let mut all = radio_group(tx.doc(), ix, Grouping::Parsed);
        all.extend_from_slice(&live);
        all.push(ix);
        materialize(tx, all);
        if value {
            for r in live {
                if checked(tx.doc(), r)
                    && let Some(f) = tx.form_mut(r)
                {
                    f.checkedness = Some(false);
                }
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

/// The input and the rest of its radio groups, parse-time and live.
fn group_members(doc: &Document, ix: Ix) -> Vec<Ix> {
    let mut all = radio_group(doc, ix, Grouping::Parsed);
    all.extend(radio_group(doc, ix, Grouping::Live));
    all.push(ix);
    all
}

/// Gives the input and the rest of its radio groups explicit checkedness equal to the
/// current one, before something changes how it would be derived.
pub(crate) fn materialize_group(tx: &mut Tx<'_>, ix: Ix) {
    let all = group_members(tx.doc(), ix);
    materialize(tx, all);
}

/// Gives each of `radios` explicit checkedness equal to its current one. All are read
/// before any is written: a button given explicit state stops counting as a `checked`
/// attribute that unchecked the earlier ones of its group.
fn materialize(tx: &mut Tx<'_>, mut radios: Vec<Ix>) {
    if tx.doc().form_attributes {
        // Live and parse-time groups differ: the parse-time groups of the live members
        // derive from them too.
        let live = radios.clone();
        for r in live {
            radios.extend(radio_group(tx.doc(), r, Grouping::Parsed));
        }
    }
    radios.sort_unstable();
    radios.dedup();
    let current: Vec<bool> = radios.iter().map(|&r| checked(tx.doc(), r)).collect();
    for (&r, &v) in radios.iter().zip(&current) {
        if explicit_checkedness(tx.doc(), r).is_none()
            && let Some(f) = tx.form_mut(r)
        {
            f.checkedness = Some(v);
        }
    }
}

/// Before `node`'s subtree moves or leaves the tree: radio buttons in it (and their groups)
/// keep the checkedness they have now, which their new place must not recompute.
///
/// A button whose checkedness is already explicit is passed over: its own state stays as
/// it is, and no other button's derived state depends on where it is (derivation only
/// counts buttons without explicit state). So moving every button of a long group costs
/// one materialization of the group, not one per button.
pub(crate) fn before_move(tx: &mut Tx<'_>, node: Ix) {
    let mut radios = Vec::new();
    let mut cur = Some(node);
    while let Some(n) = cur {
        if is_radio(tx.doc(), n) && explicit_checkedness(tx.doc(), n).is_none() {
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

/// After `to` was deep-copied from `from` (in `src`): its radio buttons get the
/// checkedness their originals have, as the DOM's cloning steps copy it. Left derived, a
/// copy would recompute it in its new place, where the buttons that unchecked it while the
/// new content was parsed are not (a checked copy inserted before the page's checked button
/// of its group then unchecked that button, where the browser's unchecked copy does not).
pub(crate) fn carry_checkedness(tx: &mut Tx<'_>, src: &Document, from: Ix, to: Ix) {
    let mut copied = Vec::new();
    let (mut a, mut b) = (Some(from), Some(to));
    while let (Some(x), Some(y)) = (a, b) {
        if is_radio(src, x) && explicit_checkedness(src, x).is_none() {
            copied.push((y, checked(src, x)));
        }
        a = src.next_in(x, from);
        b = tx.doc().next_in(y, to);
    }
    for (y, v) in copied {
        if let Some(f) = tx.form_mut(y) {
            f.checkedness = Some(v);
        }
    }
}

/// The input's checkedness, if something wrote it (else it derives from the attributes).
fn explicit_checkedness(doc: &Document, ix: Ix) -> Option<bool> {
    doc.elem(ix)
        .and_then(|e| e.form_state())
        .and_then(|f| f.checkedness)
}

fn checkedness_dirty(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix)
        .and_then(|e| e.form_state())
        .is_some_and(|f| f.checkedness_dirty)
}

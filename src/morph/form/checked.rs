//! Writing checkedness of checkboxes and radio buttons: a change unchecks the rest of the
//! live radio group, and the buttons whose derived state it would move are given explicit
//! state first. Reading it, and the groups, is [`crate::dom::controls::radios`]'s.

pub(crate) use crate::dom::controls::radios::checked;
use crate::dom::controls::radios::{Grouping, explicit_checkedness, is_radio, radio_group};
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix};

// ---------------------------------------------------------------------------------------
// Checkedness

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

fn checkedness_dirty(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix)
        .and_then(|e| e.form_state())
        .is_some_and(|f| f.checkedness_dirty)
}

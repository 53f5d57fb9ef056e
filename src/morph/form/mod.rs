//! The live state of form controls as idiomorph reads and writes it (morph.md §2.13, §3.4
//! item 3): input checkedness with radio groups, option selectedness with the select's
//! selectedness rules, input values with their sanitization, textarea raw values. The state
//! lives in [`FormState`](crate::dom::FormState); a field left unset is derived from the
//! attributes, as it is for a freshly parsed page.

mod checked;
mod kinds;
mod select;
mod value;

use html5ever::ns;

use crate::dom::Ix;
use crate::dom::tx::Tx;

pub(crate) use checked::{before_move as before_radio_move, checked, set_checked};
pub(crate) use kinds::{FormIdShadows, form_id_shadowed, id_property, input_type, is_input};
pub(crate) use select::{
    before_change, holds_selected_option, materialize, option_inserted, option_removed, select_for,
    selected, set_selected,
};
pub(crate) use value::{input_value, set_input_value, set_textarea_value, textarea_value};

// ---------------------------------------------------------------------------------------
// Attribute changes that reach the live state

/// Called before the morph changes attribute `name` of `el`: a select whose state the
/// change could move is materialized first.
pub(crate) fn before_attribute_change(tx: &mut Tx<'_>, el: Ix, name: &str) -> Before {
    if matches!(name, "selected" | "disabled" | "multiple" | "size") {
        before_change(tx, el);
    }
    if matches!(name, "checked" | "type" | "name") && is_input(tx.doc(), el) {
        checked::materialize_group(tx, el);
    }
    let old_size = (name == "size")
        .then(|| {
            tx.doc()
                .elem(el)
                .filter(|e| e.is_html("select"))
                .map(|_| select::size_of(tx.doc(), el))
        })
        .flatten();
    Before {
        old_type: value::before_change(tx, el, name),
        old_size,
    }
}

/// What [`attribute_changed`] needs to know about the state before the change.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Before {
    old_type: Option<&'static str>,
    old_size: Option<u64>,
}

/// Called after the morph changed attribute `name` of `el`; `toggled` says whether it
/// appeared or disappeared (a value change of a present attribute is not a toggle), and
/// `present` whether it is there now. The browser updates non-dirty checkedness and
/// selectedness when `checked` and `selected` appear or disappear, and a select reacts to
/// `multiple`.
pub(crate) fn attribute_changed(
    tx: &mut Tx<'_>,
    el: Ix,
    name: &str,
    toggled: bool,
    present: bool,
    before: Before,
) -> Result<(), crate::dom::DomError> {
    let doc = tx.doc();
    let Some(e) = doc.elem(el) else { return Ok(()) };
    if e.name().ns != ns!(html) {
        return Ok(());
    }
    if e.is_html("input") {
        value::after_change(tx, el, name, before.old_type)?;
    }
    let doc = tx.doc();
    let Some(e) = doc.elem(el) else { return Ok(()) };
    match (&*e.name().local, name) {
        ("input", "checked") if toggled => checked::checked_attribute_toggled(tx, el, present),
        ("option", "selected") if toggled => select::selected_attribute_toggled(tx, el, present),
        ("select", "multiple") if toggled => select::multiple_toggled(tx, el),
        ("select", "size") => select::size_changed(tx, el, before.old_size.unwrap_or(0)),
        ("input", "type" | "name") => checked::group_changed(tx, el),
        _ => {}
    }
    Ok(())
}

/// `parent.insertBefore(node, before)` inside a transaction, with the reactions of form
/// controls: a select that gains or loses options re-runs its selectedness rules (it is
/// materialized first), radio buttons moving keep their checkedness, and a checked radio
/// button that becomes connected unchecks the rest of its group. The morph and the stream
/// actions both insert and move through here.
pub(crate) fn insert(
    tx: &mut Tx<'_>,
    parent: Ix,
    node: Ix,
    before: Option<Ix>,
) -> Result<(), crate::dom::DomError> {
    let had_parent = tx.doc().node(node).parent.is_some();
    if had_parent {
        before_radio_move(tx, node);
    }
    let doc = tx.doc();
    let from = doc.node(node).parent.and_then(|p| select_for(doc, node, p));
    let to = select_for(doc, node, parent);
    if let Some(s) = from {
        materialize(tx, s);
    }
    if let Some(s) = to {
        materialize(tx, s);
    }
    let was_selected = from.is_some() && holds_selected_option(tx.doc(), node);
    tx.insert_before(parent, node, before)?;
    if let Some(s) = from {
        option_removed(tx, s, was_selected);
    }
    if to.is_some() {
        for o in options_in(tx.doc(), node) {
            option_inserted(tx, o);
        }
    }
    if !had_parent && tx.doc().is_connected_ix(node) {
        radios_connected(tx, node);
    }
    Ok(())
}

/// `node.remove()` inside a transaction (freed at commit), with the reaction of a select
/// that loses options.
pub(crate) fn remove(tx: &mut Tx<'_>, node: Ix) {
    let Some(parent) = tx.doc().node(node).parent else {
        return;
    };
    before_radio_move(tx, node);
    let from = select_for(tx.doc(), node, parent);
    if let Some(s) = from {
        materialize(tx, s);
    }
    let was_selected = from.is_some() && holds_selected_option(tx.doc(), node);
    tx.remove(node);
    if let Some(s) = from {
        option_removed(tx, s, was_selected);
    }
}

/// `node` if it is an option, or the options inside it.
fn options_in(doc: &crate::dom::Document, node: Ix) -> Vec<Ix> {
    let mut v = Vec::new();
    let mut cur = Some(node);
    while let Some(n) = cur {
        if doc.elem(n).is_some_and(|e| e.is_html("option")) {
            v.push(n);
            cur = doc.next_skip(n, node);
        } else {
            cur = doc.next_in(n, node);
        }
    }
    v
}

/// Checked radio buttons in a newly connected subtree uncheck the rest of their group.
fn radios_connected(tx: &mut Tx<'_>, node: Ix) {
    let mut radios = Vec::new();
    let mut cur = Some(node);
    while let Some(n) = cur {
        if is_input(tx.doc(), n) && input_type(tx.doc(), n) == "radio" && checked(tx.doc(), n) {
            radios.push(n);
        }
        cur = tx.doc().next_in(n, node);
    }
    for r in radios {
        set_checked(tx, r, true, false);
    }
}

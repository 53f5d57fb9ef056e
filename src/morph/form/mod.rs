//! The live state of form controls as idiomorph reads and writes it (morph.md §2.13, §3.4
//! item 3): input checkedness with radio groups, option selectedness with the select's
//! selectedness rules, input values with their sanitization, textarea raw values. The state
//! lives in [`FormState`](crate::dom::FormState); a field left unset is derived from the
//! attributes, as it is for a freshly parsed page.

mod checked;
mod kinds;
mod sanitize;
mod select;
mod value;

use html5ever::ns;

use crate::dom::Ix;
use crate::dom::tx::Tx;

pub(crate) use checked::{before_move as before_radio_move, checked, set_checked};
pub(crate) use kinds::{form_id_shadowed, id_property, input_type, is_input};
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

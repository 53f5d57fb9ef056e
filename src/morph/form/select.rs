//! Selectedness of options, with the select's rules as Chromium runs them
//! (`HTMLSelectElement::OptionSelectionStateChanged`, `ResetToDefaultSelection`,
//! `OptionInserted`, `OptionRemoved`, and the `multiple` attribute change).
//!
//! A select nothing has touched keeps no state: its options' selectedness is what parsing
//! gives (the last option with `selected`, else for a single select of display size 1 its
//! first enabled option). Before anything changes a select, its state is *materialized*
//! (every option gets an explicit selectedness), so that later attribute changes no longer
//! move it — as in the browser, where the state is sticky.

use crate::dom::tx::Tx;
use crate::dom::{Document, Ix};

/// The `<select>` whose list of options holds `option`.
pub(crate) fn select_of(doc: &Document, option: Ix) -> Option<Ix> {
    let parent = doc.node(option).parent?;
    owner_select(doc, parent)
}

/// The select that `parent` (an option's would-be parent) belongs to.
fn owner_select(doc: &Document, parent: Ix) -> Option<Ix> {
    let mut p = Some(parent);
    while let Some(x) = p {
        let e = doc.elem(x)?;
        if e.is_html("select") {
            return Some(x);
        }
        if e.is_html("datalist") || e.is_html("option") {
            return None;
        }
        p = doc.node(x).parent;
    }
    None
}

/// The select whose option list `node` (an option or optgroup) would belong to, if it sat
/// under `parent`.
pub(crate) fn select_for(doc: &Document, node: Ix, parent: Ix) -> Option<Ix> {
    let e = doc.elem(node)?;
    if !(e.is_html("option") || e.is_html("optgroup")) {
        return None;
    }
    owner_select(doc, parent)
}

/// The select's list of options, in tree order (kept by the document between questions).
fn options_of(doc: &Document, select: Ix) -> Vec<Ix> {
    doc.options.options(doc, select)
}

fn is_multiple(doc: &Document, select: Ix) -> bool {
    doc.elem(select)
        .is_some_and(|e| e.attr("multiple").is_some())
}

/// Chromium's `size_`: the `size` attribute as a non-negative integer, 0 when absent or
/// invalid.
fn size_attr(doc: &Document, select: Ix) -> u64 {
    doc.elem(select)
        .and_then(|e| e.attr("size"))
        .and_then(parse_non_negative_integer)
        .unwrap_or(0)
}

/// A drop-down ("menu list"): single, size at most 1.
fn uses_menu_list(doc: &Document, select: Ix) -> bool {
    !is_multiple(doc, select) && size_attr(doc, select) <= 1
}

/// HTML's "rules for parsing non-negative integers".
fn parse_non_negative_integer(s: &str) -> Option<u64> {
    let t = s.trim_start_matches(['\t', '\n', '\u{c}', '\r', ' ']);
    let t = t.strip_prefix('+').unwrap_or(t);
    let digits: &str = &t[..t.bytes().take_while(u8::is_ascii_digit).count()];
    if digits.is_empty() {
        return None;
    }
    Some(digits.parse::<u64>().unwrap_or(u64::MAX))
}

fn option_disabled(doc: &Document, option: Ix) -> bool {
    if doc
        .elem(option)
        .is_some_and(|e| e.attr("disabled").is_some())
    {
        return true;
    }
    doc.node(option)
        .parent
        .and_then(|p| doc.elem(p))
        .is_some_and(|e| e.is_html("optgroup") && e.attr("disabled").is_some())
}

fn explicit(doc: &Document, option: Ix) -> Option<bool> {
    doc.elem(option)
        .and_then(|e| e.form_state())
        .and_then(|f| f.selectedness)
}

fn has_selected_attr(doc: &Document, option: Ix) -> bool {
    doc.elem(option)
        .is_some_and(|e| e.attr("selected").is_some())
}

/// Every option's selectedness as parsing leaves it.
fn parsed_selectedness(doc: &Document, select: Ix, options: &[Ix]) -> Vec<bool> {
    let mut v: Vec<bool> = options.iter().map(|&o| has_selected_attr(doc, o)).collect();
    if !is_multiple(doc, select) {
        if let Some(last) = v.iter().rposition(|&b| b) {
            v.iter_mut().enumerate().for_each(|(i, b)| *b = i == last);
        } else if size_attr(doc, select) <= 1
            && let Some(first) = options.iter().position(|&o| !option_disabled(doc, o))
        {
            v[first] = true;
        }
    }
    v
}

/// An option's selectedness (`option.selected`).
pub(crate) fn selected(doc: &Document, option: Ix) -> bool {
    if let Some(v) = explicit(doc, option) {
        return v;
    }
    let Some(select) = select_of(doc, option) else {
        return has_selected_attr(doc, option);
    };
    doc.options
        .parsed_selected(doc, select, option, |options| {
            parsed_selectedness(doc, select, options)
        })
        .unwrap_or(false)
}

fn set_state(tx: &mut Tx<'_>, option: Ix, value: bool) {
    if explicit(tx.doc(), option) != Some(value)
        && let Some(f) = tx.form_mut(option)
    {
        f.selectedness = Some(value);
    }
}

/// Gives every option of the select an explicit selectedness equal to its current one.
pub(crate) fn materialize(tx: &mut Tx<'_>, select: Ix) -> Vec<Ix> {
    let options = options_of(tx.doc(), select);
    if options.iter().all(|&o| explicit(tx.doc(), o).is_some()) {
        return options;
    }
    // What each option has now: its explicit state, else what parsing gave it.
    let parsed = parsed_selectedness(tx.doc(), select, &options);
    let current: Vec<bool> = options
        .iter()
        .zip(&parsed)
        .map(|(&o, &p)| explicit(tx.doc(), o).unwrap_or(p))
        .collect();
    for (&o, &v) in options.iter().zip(&current) {
        if explicit(tx.doc(), o).is_none()
            && let Some(f) = tx.form_mut(o)
        {
            f.selectedness = Some(v);
        }
    }
    options
}

/// Materializes the select `node` belongs to (an option or optgroup, or the select itself)
/// before something about it changes.
pub(crate) fn before_change(tx: &mut Tx<'_>, node: Ix) {
    let doc = tx.doc();
    let Some(e) = doc.elem(node) else { return };
    let select = if e.is_html("select") {
        Some(node)
    } else if e.is_html("option") || e.is_html("optgroup") {
        doc.node(node).parent.and_then(|p| owner_select(doc, p))
    } else {
        None
    };
    if let Some(s) = select {
        materialize(tx, s);
    }
}

/// `ResetToDefaultSelection`: a single select keeps only its last selected option; one of
/// size at most 1 with nothing selected selects its first enabled option.
fn reset_to_default(tx: &mut Tx<'_>, select: Ix, selected_option_removed: bool) {
    if is_multiple(tx.doc(), select) {
        return;
    }
    let options = materialize(tx, select);
    let mut first_enabled = None;
    let mut last_selected: Option<Ix> = None;
    for &o in &options {
        if explicit(tx.doc(), o) == Some(true) {
            if let Some(l) = last_selected {
                set_state(tx, l, false);
            }
            last_selected = Some(o);
        }
        if first_enabled.is_none() && !option_disabled(tx.doc(), o) {
            first_enabled = Some(o);
            if selected_option_removed {
                break;
            }
        }
    }
    let first_unselected = first_enabled.is_none_or(|f| explicit(tx.doc(), f) != Some(true));
    if last_selected.is_none() && size_attr(tx.doc(), select) <= 1 && first_unselected {
        select_option(tx, select, first_enabled, !selected_option_removed);
    }
}

fn any_selected(doc: &Document, options: &[Ix]) -> bool {
    options.iter().any(|&o| explicit(doc, o) == Some(true))
}

/// `SelectOption(option, deselect others)`.
fn select_option(tx: &mut Tx<'_>, select: Ix, option: Option<Ix>, deselect_others: bool) {
    let options = materialize(tx, select);
    if let Some(o) = option {
        set_state(tx, o, true);
    }
    if deselect_others {
        for &o in &options {
            if Some(o) != option {
                set_state(tx, o, false);
            }
        }
    }
}

/// `HTMLOptionElement::SetSelected`: the state changes and the select reacts.
fn set_selected_state(tx: &mut Tx<'_>, option: Ix, value: bool) {
    let Some(select) = select_of(tx.doc(), option) else {
        set_state(tx, option, value);
        return;
    };
    materialize(tx, select);
    if explicit(tx.doc(), option) == Some(value) {
        return;
    }
    set_state(tx, option, value);
    let multiple = is_multiple(tx.doc(), select);
    if value {
        select_option(tx, select, Some(option), !multiple);
    } else if !uses_menu_list(tx.doc(), select) || multiple {
        select_option(tx, select, None, !multiple);
    } else {
        reset_to_default(tx, select, false);
    }
}

/// `option.selected = value` (the morph's write). The option becomes dirty, except when it
/// sits in a select and its selectedness ended where it started (Chromium, crbug.com/570367).
pub(crate) fn set_selected(tx: &mut Tx<'_>, option: Ix, value: bool) {
    let was = selected(tx.doc(), option);
    set_selected_state(tx, option, value);
    let in_select = select_of(tx.doc(), option).is_some();
    if in_select && was == selected(tx.doc(), option) {
        return;
    }
    if let Some(f) = tx.form_mut(option) {
        f.selectedness_dirty = true;
    }
}

fn selectedness_dirty(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix)
        .and_then(|e| e.form_state())
        .is_some_and(|f| f.selectedness_dirty)
}

/// The `selected` attribute of an option appeared or disappeared.
pub(crate) fn selected_attribute_toggled(tx: &mut Tx<'_>, option: Ix, present: bool) {
    if !selectedness_dirty(tx.doc(), option) {
        set_selected_state(tx, option, present);
    }
}

/// The `multiple` attribute of a select appeared or disappeared: the first selected option
/// stays selected, else the default selection is restored.
pub(crate) fn multiple_toggled(tx: &mut Tx<'_>, select: Ix) {
    let options = materialize(tx, select);
    let first_selected = options
        .iter()
        .copied()
        .find(|&o| explicit(tx.doc(), o) == Some(true));
    match first_selected {
        Some(o) => select_option(tx, select, Some(o), true),
        None => reset_to_default(tx, select, false),
    }
}

/// The `size` attribute of a select changed (`old` was its parsed value before): the
/// default selection is restored.
pub(crate) fn size_changed(tx: &mut Tx<'_>, select: Ix, old: u64) {
    if size_attr(tx.doc(), select) != old {
        reset_to_default(tx, select, false);
    }
}

/// The parsed `size` of a select, for [`size_changed`].
pub(crate) fn size_of(doc: &Document, select: Ix) -> u64 {
    size_attr(doc, select)
}

/// An option entered a select (`OptionInserted`): a selected one is selected (deselecting
/// the others of a single select); otherwise, with nothing selected, a select of size at
/// most 1 restores its default selection. The engine materializes the select before the
/// insertion, so the other options' states are explicit here.
pub(crate) fn option_inserted(tx: &mut Tx<'_>, option: Ix) {
    let Some(select) = select_of(tx.doc(), option) else {
        return;
    };
    // A new option's selectedness comes from its attribute (clones copy no state).
    let on = explicit(tx.doc(), option).unwrap_or_else(|| has_selected_attr(tx.doc(), option));
    set_state(tx, option, on);
    let options = materialize(tx, select);
    if on {
        let multiple = is_multiple(tx.doc(), select);
        select_option(tx, select, Some(option), !multiple);
    } else {
        let others: Vec<Ix> = options.iter().copied().filter(|&o| o != option).collect();
        if !any_selected(tx.doc(), &others)
            && size_attr(tx.doc(), select) <= 1
            && !option_disabled(tx.doc(), option)
        {
            reset_to_default(tx, select, false);
        }
    }
}

/// An option left a select (`OptionRemoved`).
pub(crate) fn option_removed(tx: &mut Tx<'_>, select: Ix, was_selected: bool) {
    if was_selected {
        reset_to_default(tx, select, true);
    } else {
        let options = options_of(tx.doc(), select);
        if !any_selected(tx.doc(), &options) {
            reset_to_default(tx, select, false);
        }
    }
}

/// Whether `node` (an option) or any option in it is selected, for removal bookkeeping.
pub(crate) fn holds_selected_option(doc: &Document, node: Ix) -> bool {
    let mut cur = Some(node);
    while let Some(n) = cur {
        if doc.elem(n).is_some_and(|e| e.is_html("option")) && selected(doc, n) {
            return true;
        }
        cur = doc.next_in(n, node);
    }
    false
}

//! The form pseudo-classes, as Chromium 156 answers them on a freshly loaded page (checkedness
//! and values from the attributes, unless the DOM recorded live [`FormState`](crate::dom::FormState)).
//!
//! Checked against the browser on the forms page of the fixture:
//!
//! * `:checked`: checkboxes and radios by checkedness (in a radio group the last radio with
//!   `checked` wins); options by selectedness (a single-select `<select>` of display size 1
//!   without a `selected` option selects its first option that is not disabled; with several
//!   `selected` options the last wins; elsewhere options go by their `selected` attribute);
//! * `:default`: checkboxes and radios with `checked`, options with `selected`, and each
//!   form's default button (its first submit button in tree order, even a disabled one);
//! * `:disabled`/`:enabled`: `button`, `input`, `select`, `textarea`, `fieldset` (disabled by
//!   attribute or by a disabled ancestor fieldset outside its first legend), `optgroup` (by
//!   attribute), `option` (by attribute, a disabled parent `optgroup` or a disabled `select`);
//! * `:required`/`:optional`: `input` (not for types where `required` does not apply),
//!   `select`, `textarea`; `button` is always optional;
//! * `:read-write`: text-like and date-like inputs and textareas that are neither read-only
//!   nor disabled, and editable content (`contenteditable`); `:read-only` is the rest;
//! * `:placeholder-shown`: text-like inputs and textareas with a `placeholder` attribute
//!   (even an empty one) and an empty value;
//! * `:indeterminate`: radios whose group has no checked radio, `<progress>` without `value`.
//!
//! `:in-range`, `:out-of-range`, `:valid` and `:invalid` are in [`super::validity`].

use std::collections::HashMap;

use html5ever::ns;
use rustc_hash::FxHashMap;

use super::element::El;
use super::state::PageState;
pub(crate) use crate::dom::controls::{form_owner, input_type, input_value, textarea_value};
use crate::dom::{Document, ElementData, Ix};

/// Form owners, default buttons, radio groups and select states, from one walk of the page.
#[derive(Debug, Default)]
pub(crate) struct FormIndex {
    /// Form-associated element → its form owner.
    owner: FxHashMap<Ix, Ix>,
    /// Form → its default button.
    default_button: FxHashMap<Ix, Ix>,
    /// Form → the listed elements it owns, in tree order.
    pub(crate) owned: FxHashMap<Ix, Vec<Ix>>,
    /// Radio → its group.
    pub(crate) radio_group: FxHashMap<Ix, usize>,
    pub(crate) groups: Vec<RadioGroup>,
    /// Option → its selectedness, for options of a `<select>`.
    pub(crate) selected: FxHashMap<Ix, bool>,
}

/// A radio button group: its checked radio, and whether any member is required.
#[derive(Debug, Default)]
pub(crate) struct RadioGroup {
    pub(crate) checked: Option<Ix>,
    pub(crate) required: bool,
}

/// The element at `ix` if it is an HTML element.
pub(crate) fn html(doc: &Document, ix: Ix) -> Option<&ElementData> {
    doc.elem(ix).filter(|e| e.name.ns == ns!(html))
}

/// Whether `e` has the attribute `attr` (in no namespace).
pub(crate) fn has(e: &ElementData, attr: &str) -> bool {
    e.attr(attr).is_some()
}

/// The input types whose value is free text.
pub(crate) fn is_text_like(t: &str) -> bool {
    matches!(t, "text" | "search" | "tel" | "url" | "email" | "password")
}

/// The input types whose value is a date or time.
pub(crate) fn is_date_like(t: &str) -> bool {
    matches!(t, "date" | "month" | "week" | "time" | "datetime-local")
}

/// A submit button: `<input type=submit|image>`, or a `<button>` whose type is not `reset`
/// or `button`.
pub(crate) fn is_submit_button(e: &ElementData) -> bool {
    if e.is_html("input") {
        return matches!(input_type(e), "submit" | "image");
    }
    e.is_html("button")
        && e.attr("type")
            .is_none_or(|t| !t.eq_ignore_ascii_case("reset") && !t.eq_ignore_ascii_case("button"))
}

impl FormIndex {
    /// Indexes the forms of `doc` in one walk of the document.
    pub(crate) fn build(doc: &Document) -> FormIndex {
        let mut index = FormIndex::default();
        let mut group_of: HashMap<(Option<Ix>, &str), usize> = HashMap::new();
        let root = doc.root_ix();
        let mut cur = Some(root);
        while let Some(ix) = cur {
            cur = doc.next_in(ix, root);
            let Some(e) = html(doc, ix) else { continue };
            let local = &*e.name.local;
            if matches!(
                local,
                "button"
                    | "fieldset"
                    | "input"
                    | "object"
                    | "output"
                    | "select"
                    | "textarea"
                    | "img"
            ) && let Some(form) = form_owner(doc, ix)
            {
                index.owner.insert(ix, form);
                index.owned.entry(form).or_default().push(ix);
                if is_submit_button(e) {
                    index.default_button.entry(form).or_insert(ix);
                }
            }
            if local == "input" && input_type(e) == "radio" {
                let owner = index.owner.get(&ix).copied();
                let g = match e.attr("name").filter(|n| !n.is_empty()) {
                    Some(name) => *group_of.entry((owner, name)).or_insert_with(|| {
                        index.groups.push(RadioGroup::default());
                        index.groups.len() - 1
                    }),
                    None => {
                        index.groups.push(RadioGroup::default());
                        index.groups.len() - 1
                    }
                };
                index.radio_group.insert(ix, g);
                let group = &mut index.groups[g];
                group.required |= has(e, "required");
                match e.form_state().and_then(|s| s.checkedness) {
                    Some(true) => group.checked = Some(ix),
                    Some(false) if group.checked == Some(ix) => group.checked = None,
                    Some(false) => {}
                    None if has(e, "checked") => group.checked = Some(ix),
                    None => {}
                }
            }
            if local == "select" {
                index.select_options(doc, ix, e);
            }
        }
        index
    }

    /// The selectedness of a `<select>`'s options (the selectedness setting algorithm as
    /// the parser runs it).
    fn select_options(&mut self, doc: &Document, select: Ix, e: &ElementData) {
        let options = list_of_options(doc, select);
        let single = !has(e, "multiple") && display_size(e) == 1;
        let mut chosen: Option<Ix> = None;
        for &o in &options {
            let oe = doc.elem(o).expect("options are elements");
            let sel = match oe.form_state().and_then(|s| s.selectedness) {
                Some(v) => v,
                None => has(oe, "selected"),
            };
            if single {
                if sel {
                    chosen = Some(o);
                }
            } else {
                self.selected.insert(o, sel);
            }
        }
        if single {
            let chosen = chosen.or_else(|| {
                options
                    .iter()
                    .copied()
                    .find(|&o| !option_disabled_own(doc, o))
            });
            for &o in &options {
                self.selected.insert(o, Some(o) == chosen);
            }
        }
    }
}

/// A `<select>`'s display size: its `size` attribute, else 1 (4 for `multiple`).
pub(crate) fn display_size(e: &ElementData) -> u32 {
    match e.attr("size").and_then(|s| s.trim().parse::<u32>().ok()) {
        Some(n) if n > 0 => n,
        _ if has(e, "multiple") => 4,
        _ => 1,
    }
}

/// The options of a `<select>`: option children and option children of optgroup children.
pub(crate) fn list_of_options(doc: &Document, select: Ix) -> Vec<Ix> {
    let mut out = Vec::new();
    let mut c = doc.node(select).first_child;
    while let Some(ix) = c {
        if let Some(e) = html(doc, ix) {
            if e.is_html("option") {
                out.push(ix);
            } else if e.is_html("optgroup") {
                let mut g = doc.node(ix).first_child;
                while let Some(o) = g {
                    if html(doc, o).is_some_and(|e| e.is_html("option")) {
                        out.push(o);
                    }
                    g = doc.node(o).next_sibling;
                }
            }
        }
        c = doc.node(ix).next_sibling;
    }
    out
}

/// Whether an option is disabled by its own attribute or its `optgroup` (what the
/// selectedness algorithm skips).
fn option_disabled_own(doc: &Document, o: Ix) -> bool {
    let Some(e) = html(doc, o) else { return false };
    has(e, "disabled")
        || doc
            .node(o)
            .parent
            .and_then(|p| html(doc, p))
            .is_some_and(|g| g.is_html("optgroup") && has(g, "disabled"))
}

/// Whether a fieldset with `disabled` above `ix` disables it (outside its first legend).
fn in_disabled_fieldset(doc: &Document, ix: Ix) -> bool {
    let mut child = ix;
    let mut p = doc.node(ix).parent;
    while let Some(a) = p {
        if let Some(f) = html(doc, a)
            && f.is_html("fieldset")
            && has(f, "disabled")
            && !is_first_legend(doc, a, child)
        {
            return true;
        }
        child = a;
        p = doc.node(a).parent;
    }
    false
}

fn is_first_legend(doc: &Document, fieldset: Ix, child: Ix) -> bool {
    let mut c = doc.node(fieldset).first_child;
    while let Some(ix) = c {
        if html(doc, ix).is_some_and(|e| e.is_html("legend")) {
            return ix == child;
        }
        c = doc.node(ix).next_sibling;
    }
    false
}

/// `:disabled`.
pub(crate) fn is_disabled(doc: &Document, ix: Ix) -> bool {
    let Some(e) = html(doc, ix) else { return false };
    match &*e.name.local {
        "button" | "input" | "select" | "textarea" | "fieldset" => {
            has(e, "disabled") || in_disabled_fieldset(doc, ix)
        }
        "optgroup" => has(e, "disabled"),
        "option" => {
            option_disabled_own(doc, ix)
                || owner_select(doc, ix).is_some_and(|s| is_disabled(doc, s))
        }
        _ => false,
    }
}

/// The `<select>` an option belongs to (parent, or grandparent through an optgroup).
fn owner_select(doc: &Document, option: Ix) -> Option<Ix> {
    let p = doc.node(option).parent?;
    let pe = html(doc, p)?;
    if pe.is_html("select") {
        return Some(p);
    }
    if pe.is_html("optgroup") {
        let g = doc.node(p).parent?;
        return html(doc, g).filter(|s| s.is_html("select")).map(|_| g);
    }
    None
}

/// `:enabled`.
pub(crate) fn is_enabled(doc: &Document, ix: Ix) -> bool {
    html(doc, ix).is_some_and(|e| {
        matches!(
            &*e.name.local,
            "button" | "input" | "select" | "textarea" | "optgroup" | "option" | "fieldset"
        )
    }) && !is_disabled(doc, ix)
}

/// The checkedness of a checkbox or radio, `None` for anything else.
pub(crate) fn checkedness(cx: &PageState, el: El) -> Option<bool> {
    let e = el.data();
    if !e.is_html("input") {
        return None;
    }
    match input_type(e) {
        "checkbox" => Some(own_checkedness(e)),
        "radio" => {
            let f = cx.forms();
            Some(match f.radio_group.get(&el.ix) {
                Some(g) => f.groups[*g].checked == Some(el.ix),
                // Not in the document (an `element.matches()` on a detached radio).
                None => own_checkedness(e),
            })
        }
        _ => None,
    }
}

/// An input's checkedness leaving its radio group aside: the live state, else `checked`.
fn own_checkedness(e: &ElementData) -> bool {
    e.form_state()
        .and_then(|s| s.checkedness)
        .unwrap_or_else(|| has(e, "checked"))
}

/// `:checked`.
pub(crate) fn is_checked(cx: &PageState, el: El) -> bool {
    let e = el.data();
    if e.is_html("option") {
        return match cx.forms().selected.get(&el.ix) {
            Some(&s) => s,
            None => e
                .form_state()
                .and_then(|s| s.selectedness)
                .unwrap_or_else(|| has(e, "selected")),
        };
    }
    checkedness(cx, el) == Some(true)
}

/// `:default`.
pub(crate) fn is_default(cx: &PageState, el: El) -> bool {
    let e = el.data();
    if e.is_html("input") && matches!(input_type(e), "checkbox" | "radio") {
        return has(e, "checked");
    }
    if e.is_html("option") {
        return has(e, "selected");
    }
    if is_submit_button(e) {
        let f = cx.forms();
        return f
            .owner
            .get(&el.ix)
            .is_some_and(|form| f.default_button.get(form) == Some(&el.ix));
    }
    false
}

/// `:indeterminate`.
pub(crate) fn is_indeterminate(cx: &PageState, el: El) -> bool {
    let e = el.data();
    if e.is_html("progress") {
        return !has(e, "value");
    }
    if e.is_html("input") && input_type(e) == "radio" {
        let f = cx.forms();
        return match f.radio_group.get(&el.ix) {
            Some(g) => f.groups[*g].checked.is_none(),
            None => checkedness(cx, el) == Some(false),
        };
    }
    false
}

/// `Some(true)` for `:required`, `Some(false)` for `:optional`, `None` for neither.
pub(crate) fn required_state(e: &ElementData) -> Option<bool> {
    if e.name.ns != ns!(html) {
        return None;
    }
    match &*e.name.local {
        "input" => {
            let applies = !matches!(
                input_type(e),
                "hidden" | "range" | "color" | "submit" | "reset" | "button" | "image"
            );
            Some(applies && has(e, "required"))
        }
        "select" | "textarea" => Some(has(e, "required")),
        "button" => Some(false),
        _ => None,
    }
}

/// `:read-write` (only HTML elements are either read-write or read-only).
pub(crate) fn is_read_write(doc: &Document, ix: Ix) -> bool {
    let Some(e) = html(doc, ix) else { return false };
    if e.is_html("input") {
        let t = input_type(e);
        return (is_text_like(t) || is_date_like(t) || t == "number")
            && !has(e, "readonly")
            && !is_disabled(doc, ix);
    }
    if e.is_html("textarea") {
        return !has(e, "readonly") && !is_disabled(doc, ix);
    }
    // Editable content: the nearest valid `contenteditable` decides.
    let mut cur = Some(ix);
    while let Some(a) = cur {
        if let Some(e) = html(doc, a)
            && let Some(v) = e.attr("contenteditable")
        {
            if v.is_empty()
                || v.eq_ignore_ascii_case("true")
                || v.eq_ignore_ascii_case("plaintext-only")
            {
                return true;
            }
            if v.eq_ignore_ascii_case("false") {
                return false;
            }
        }
        cur = doc.node(a).parent;
    }
    false
}

/// `:placeholder-shown`.
pub(crate) fn placeholder_shown(e: &ElementData) -> bool {
    if !has(e, "placeholder") {
        return false;
    }
    if e.is_html("input") {
        let t = input_type(e);
        return (is_text_like(t) || t == "number") && input_value(e).is_empty();
    }
    false
}

/// `:placeholder-shown` for textareas, which need the document for their value.
pub(crate) fn textarea_placeholder_shown(doc: &Document, ix: Ix, e: &ElementData) -> bool {
    e.is_html("textarea") && has(e, "placeholder") && textarea_value(doc, ix).is_empty()
}

//! Form controls as the browser reads them: an input's type and value mode, its value after
//! sanitization, a textarea's value, and HTML's microsyntaxes for numbers, dates and times.
//! What is derived here from attributes (and from the live state in
//! [`FormState`](super::FormState), once something wrote it) is shared by the selector
//! engine (`:checked`, `:valid`, …) and by the morph, which writes that live state.

pub(crate) mod kept;
pub(crate) mod options;
pub(crate) mod radios;
pub(crate) mod sanitize;
pub(crate) mod syntax;

use super::{Document, ElementData, Ix, NodeData};
pub use sanitize::sanitize;

/// An `<input>`'s `type` IDL value: the attribute lower-cased if it names a known state, else
/// `text`.
pub(crate) fn input_type(e: &ElementData) -> &'static str {
    const TYPES: &[&str] = &[
        "hidden",
        "text",
        "search",
        "tel",
        "url",
        "email",
        "password",
        "date",
        "month",
        "week",
        "time",
        "datetime-local",
        "number",
        "range",
        "color",
        "checkbox",
        "radio",
        "file",
        "submit",
        "image",
        "reset",
        "button",
    ];
    e.attr("type")
        .and_then(|t| TYPES.iter().find(|k| t.eq_ignore_ascii_case(k)).copied())
        .unwrap_or("text")
}

/// An input's value mode (HTML §4.10.5: value, default, default/on, filename).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueMode {
    Value,
    Default,
    DefaultOn,
    Filename,
}

/// The value mode of an input type.
pub(crate) fn value_mode(t: &str) -> ValueMode {
    match t {
        "hidden" | "submit" | "image" | "reset" | "button" => ValueMode::Default,
        "checkbox" | "radio" => ValueMode::DefaultOn,
        "file" => ValueMode::Filename,
        _ => ValueMode::Value,
    }
}

/// An `<input>`'s `value` IDL attribute: the stored value once something set it, else the
/// sanitized `value` attribute (value mode), the attribute (default modes), or nothing.
pub(crate) fn input_value(e: &ElementData) -> String {
    let t = input_type(e);
    let attr = e.attr("value");
    match value_mode(t) {
        ValueMode::Value => match e.form_state().and_then(|f| f.value.clone()) {
            Some(v) => v,
            None => sanitize(t, attr.unwrap_or(""), Some(e)),
        },
        ValueMode::Default => attr.unwrap_or("").to_owned(),
        ValueMode::DefaultOn => attr.unwrap_or("on").to_owned(),
        ValueMode::Filename => String::new(),
    }
}

/// A `<textarea>`'s raw value: its child text (newlines normalized) until something set it.
pub(crate) fn textarea_value(doc: &Document, ix: Ix) -> String {
    if let Some(v) = doc
        .elem(ix)
        .and_then(|e| e.form_state())
        .and_then(|f| f.value.clone())
    {
        return v;
    }
    let mut s = String::new();
    let mut c = doc.node(ix).first_child;
    while let Some(k) = c {
        if let NodeData::Text(t) = &doc.node(k).data {
            s.push_str(t);
        }
        c = doc.node(k).next_sibling;
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Whether the element is *listed* (HTML's listed form-associated elements: the ones a
/// `form` attribute can associate with a form elsewhere in the document).
pub(crate) fn is_listed(e: &ElementData) -> bool {
    e.name.ns == html5ever::ns!(html)
        && matches!(
            &*e.name.local,
            "button" | "fieldset" | "input" | "object" | "output" | "select" | "textarea"
        )
}

/// The element's form owner, as HTML's "reset the form owner" (and Chromium's
/// `FindAssociatedForm`) leaves it: for a connected listed element with a `form` attribute,
/// the first element in the document with that id if it is a `<form>`, else none; otherwise
/// the nearest ancestor `<form>`. The parser's form element pointer, which can associate a
/// control outside the form's subtree while the page parses, is not modelled.
pub(crate) fn form_owner(doc: &Document, ix: Ix) -> Option<Ix> {
    if let Some(e) = doc.elem(ix)
        && is_listed(e)
        && let Some(id) = e.attr("form")
        && doc.is_connected_ix(ix)
    {
        return doc
            .get_element_by_id(id)
            .and_then(|n| doc.ix(n))
            .filter(|&f| doc.elem(f).is_some_and(|f| f.is_html("form")));
    }
    ancestor_form(doc, ix)
}

/// The nearest ancestor `<form>` (the form owner when `form` attributes are not followed).
pub(crate) fn ancestor_form(doc: &Document, ix: Ix) -> Option<Ix> {
    doc.ancestors(ix)
        .find(|&a| doc.elem(a).is_some_and(|f| f.is_html("form")))
}

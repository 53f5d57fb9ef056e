//! Which form control an element is, and what it belongs to.

use html5ever::ns;

use crate::dom::{Document, ElementData, Ix};

// ---------------------------------------------------------------------------------------
// Element kinds

fn html_elem<'d>(doc: &'d Document, ix: Ix, local: &str) -> Option<&'d ElementData> {
    doc.elem(ix).filter(|e| e.is_html(local))
}

pub(crate) fn is_input(doc: &Document, ix: Ix) -> bool {
    html_elem(doc, ix, "input").is_some()
}

/// The input's `type` IDL value: the attribute lower-cased if it names a known state, else
/// `text`.
pub(crate) fn input_type(doc: &Document, ix: Ix) -> &'static str {
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
    let t = doc.elem(ix).and_then(|e| e.attr("type")).unwrap_or("");
    TYPES
        .iter()
        .find(|k| k.eq_ignore_ascii_case(t))
        .copied()
        .unwrap_or("text")
}

/// The input's value mode (HTML §4.10.5: value, default, default/on, filename).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueMode {
    Value,
    Default,
    DefaultOn,
    Filename,
}

pub(crate) fn value_mode(t: &str) -> ValueMode {
    match t {
        "hidden" | "submit" | "image" | "reset" | "button" => ValueMode::Default,
        "checkbox" | "radio" => ValueMode::DefaultOn,
        "file" => ValueMode::Filename,
        _ => ValueMode::Value,
    }
}

/// The element's `id` property: its id attribute, except for a `<form>` whose named
/// properties shadow `id` (a control or image it owns is named or id'd `id`), where the
/// property is an element, shown here as `None`.
pub(crate) fn id_property(doc: &Document, id: crate::dom::NodeId) -> Option<String> {
    let ix = doc.ix(id)?;
    let e = doc.elem(ix)?;
    if e.is_html("form") && form_id_shadowed(doc, ix) {
        return None;
    }
    Some(e.id().unwrap_or("").to_owned())
}

/// Whether a form's `id` property is shadowed by a control it owns named (or id'd) `id`.
pub(crate) fn form_id_shadowed(doc: &Document, form: Ix) -> bool {
    let mut cur = doc.next_in(form, form);
    while let Some(n) = cur {
        if let Some(e) = doc.elem(n) {
            let named_id = e.attr("name") == Some("id") || e.id() == Some("id");
            let listed = e.name().ns == ns!(html)
                && match &*e.name().local {
                    "button" | "fieldset" | "object" | "output" | "select" | "textarea" | "img" => {
                        true
                    }
                    "input" => input_type(doc, n) != "image",
                    _ => false,
                };
            if named_id && listed && form_owner(doc, n) == Some(form) {
                return true;
            }
        }
        cur = doc.next_in(n, form);
    }
    false
}

/// The nearest ancestor `<form>` (the parser's form owner; `form=` attributes are not
/// modelled).
pub(crate) fn form_owner(doc: &Document, ix: Ix) -> Option<Ix> {
    let mut p = doc.node(ix).parent;
    while let Some(x) = p {
        if html_elem(doc, x, "form").is_some() {
            return Some(x);
        }
        p = doc.node(x).parent;
    }
    None
}

pub(crate) fn tree_root(doc: &Document, mut ix: Ix) -> Ix {
    while let Some(p) = doc.node(ix).parent {
        ix = p;
    }
    ix
}

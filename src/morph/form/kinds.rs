//! Which form control an element is, and what it belongs to.

use html5ever::ns;

pub(crate) use crate::dom::controls::{ancestor_form, form_owner};
use crate::dom::{Document, ElementData, Ix};

// ---------------------------------------------------------------------------------------
// Element kinds

fn html_elem<'d>(doc: &'d Document, ix: Ix, local: &str) -> Option<&'d ElementData> {
    doc.elem(ix).filter(|e| e.is_html(local))
}

pub(crate) fn is_input(doc: &Document, ix: Ix) -> bool {
    html_elem(doc, ix, "input").is_some()
}

/// The input's `type` IDL value (see [`crate::dom::controls::input_type`]).
pub(crate) fn input_type(doc: &Document, ix: Ix) -> &'static str {
    doc.elem(ix)
        .map_or("text", crate::dom::controls::input_type)
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
/// Its controls are its descendants, and, once a `form` attribute exists in the document,
/// whatever in the document names it.
pub(crate) fn form_id_shadowed(doc: &Document, form: Ix) -> bool {
    let scope = if doc.form_attributes && doc.is_connected_ix(form) {
        doc.root_ix()
    } else {
        form
    };
    let mut cur = doc.next_in(scope, scope);
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
        cur = doc.next_in(n, scope);
    }
    false
}

pub(crate) fn tree_root(doc: &Document, mut ix: Ix) -> Ix {
    while let Some(p) = doc.node(ix).parent {
        ix = p;
    }
    ix
}

//! Which form control an element is, and what it belongs to.

pub(crate) use crate::dom::controls::form_owner;
use crate::dom::controls::is_listed;
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
pub(crate) fn form_id_shadowed(doc: &Document, form: Ix) -> bool {
    FormIdShadows::default().is_shadowed(doc, form)
}

/// Answers [`form_id_shadowed`] for many forms of one document: the controls that a `form`
/// attribute ties to a form outside them are found with one walk of the document, the
/// first time a connected form is asked about, rather than one walk per form.
#[derive(Debug, Default)]
pub(crate) struct FormIdShadows {
    /// The forms owning a control named `id` through its `form` attribute.
    by_attribute: std::cell::OnceCell<Vec<Ix>>,
}

impl FormIdShadows {
    /// Whether `form`'s `id` property is shadowed.
    pub(crate) fn is_shadowed(&self, doc: &Document, form: Ix) -> bool {
        // Controls without a `form` attribute are owned by their ancestor form.
        let mut cur = doc.next_in(form, form);
        while let Some(n) = cur {
            if shadows_id(doc, n) && form_owner(doc, n) == Some(form) {
                return true;
            }
            cur = doc.next_in(n, form);
        }
        if !doc.form_attributes || !doc.is_connected_ix(form) {
            return false;
        }
        self.by_attribute
            .get_or_init(|| {
                let root = doc.root_ix();
                let mut owners = Vec::new();
                let mut cur = doc.next_in(root, root);
                while let Some(n) = cur {
                    if shadows_id(doc, n)
                        && doc.elem(n).is_some_and(|e| e.attr("form").is_some())
                        && let Some(f) = form_owner(doc, n)
                    {
                        owners.push(f);
                    }
                    cur = doc.next_in(n, root);
                }
                owners
            })
            .contains(&form)
    }
}

/// Whether `n` becomes its form owner's `id` named property: a control in the form's
/// `elements` (not an image button) or an `<img>`, named or id'd `id`.
fn shadows_id(doc: &Document, n: Ix) -> bool {
    let Some(e) = doc.elem(n) else { return false };
    let named_id = e.attr("name") == Some("id") || e.id() == Some("id");
    let in_elements = if e.is_html("input") {
        input_type(doc, n) != "image"
    } else {
        is_listed(e) || e.is_html("img")
    };
    named_id && in_elements
}

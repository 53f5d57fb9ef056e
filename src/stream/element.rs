//! A `<turbo-stream>` element in a document, read the way Turbo's `StreamElement` reads
//! itself: `getAttribute`, `description`, `templateElement` (turbo-streams.md §2.4, §2.5).

use html5ever::{QualName, local_name, ns};

use super::error::StreamErrorKind;
use crate::dom::tx::Tx;
use crate::dom::{Document, ElementData, Ix};

/// Whether the element is a stream element Turbo runs: an HTML `<turbo-stream>`.
pub(crate) fn is_stream(e: &ElementData) -> bool {
    e.is_html("turbo-stream")
}

/// Whether `querySelectorAll("turbo-stream")` matches it: any element named `turbo-stream`
/// (in SVG or MathML too, where it is not a stream element).
pub(crate) fn is_named_stream(e: &ElementData) -> bool {
    &*e.name().local == "turbo-stream"
}

/// `element.getAttribute(name)`: the first attribute whose qualified name is `name`
/// (lower-cased on HTML elements).
pub(crate) fn get_attribute<'a>(doc: &'a Document, el: Ix, name: &str) -> Option<&'a str> {
    doc.elem(el)?.get_attribute(name)
}

/// `getAttribute(name)` when it is a non-empty string (Turbo's `if (this.action)`).
pub(crate) fn non_empty<'a>(doc: &'a Document, el: Ix, name: &str) -> Option<&'a str> {
    get_attribute(doc, el, name).filter(|v| !v.is_empty())
}

/// Turbo's `description`: the first `<…>` of the element's `outerHTML`, i.e. its opening tag
/// as the browser serializes it (`<turbo-stream>` if there is none).
pub(crate) fn description(doc: &Document, el: Ix) -> String {
    if doc.elem(el).is_none() {
        return "<turbo-stream>".to_owned();
    }
    let tag = doc.describe_ix(el);
    // `/<[^>]+>/`: escaped attribute values hold no `>`, so this is the whole tag.
    match tag.find('>') {
        Some(end) if end > 1 && tag.starts_with('<') => tag[..=end].to_owned(),
        _ => "<turbo-stream>".to_owned(),
    }
}

/// What Turbo's `templateElement` getter would find, without its side effect.
pub(crate) enum TemplateLookup {
    /// The first element child is an HTML `<template>`.
    Found(Ix),
    /// No element child: Turbo creates an empty `<template>` and appends it.
    Missing,
    /// The first element child is something else: Turbo raises.
    NotFirst,
}

/// Looks for the stream's template as Turbo's `templateElement` does.
pub(crate) fn lookup_template(doc: &Document, el: Ix) -> TemplateLookup {
    match doc.child_ixs(el).find(|&c| doc.elem(c).is_some()) {
        None => TemplateLookup::Missing,
        Some(c) if doc.elem(c).is_some_and(|e| e.is_html("template")) => TemplateLookup::Found(c),
        Some(_) => TemplateLookup::NotFirst,
    }
}

/// A new, empty HTML `<template>` element name.
pub(crate) fn template_name() -> QualName {
    QualName::new(None, ns!(html), local_name!("template"))
}

/// Turbo's `templateElement` getter in a transaction: the first element child if it is a
/// `<template>`; a new empty one appended to the stream if it has no element child; an
/// error otherwise.
pub(crate) fn template_element(tx: &mut Tx<'_>, el: Ix) -> Result<Ix, StreamErrorKind> {
    match lookup_template(tx.doc(), el) {
        TemplateLookup::Found(t) => Ok(t),
        TemplateLookup::NotFirst => Err(StreamErrorKind::TemplateNotFirst { at_import: false }),
        TemplateLookup::Missing => {
            let t = tx.create_element(template_name());
            // Appending an element to an element cannot fail.
            let _ = tx.insert_before(el, t, None);
            Ok(t)
        }
    }
}

/// The content fragment of a `<template>` element.
pub(crate) fn contents(doc: &Document, template: Ix) -> Option<Ix> {
    doc.elem(template).and_then(|e| e.template_contents())
}

/// The `turbo-stream`-named elements of a subtree (the root included), in tree order, never
/// inside template contents: what `querySelectorAll("turbo-stream")` finds.
pub(crate) fn named_streams_in(doc: &Document, root: Ix, out: &mut Vec<Ix>) {
    let mut cur = Some(root);
    while let Some(n) = cur {
        if doc.elem(n).is_some_and(is_named_stream) {
            out.push(n);
        }
        cur = doc.next_in(n, root);
    }
}

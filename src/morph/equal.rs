//! Equal subtrees: where morphing cannot change anything.

use crate::dom::{Document, Ix, NodeData};

/// Whether `old` (in `doc`) and `new` (in `src`) are equal subtrees that a morph without
/// hooks leaves untouched: same kinds, names, attributes in the same order, text, children
/// and template contents, and no form control whose live state could differ.
/// A form control whose live state equals its twin's when both are pristine and equal:
/// not a radio button (its group reaches outside the subtree), not an option whose select
/// lies outside the subtree.
fn pristine_enough(doc: &Document, o: Ix, root: Ix, e: &crate::dom::ElementData) -> bool {
    match e.local_name() {
        "input" => !e
            .attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("radio")),
        "option" | "optgroup" => {
            if o == root {
                return false;
            }
            let mut p = doc.node(o).parent;
            while let Some(x) = p {
                if doc.elem(x).is_some_and(|e| e.is_html("select")) {
                    return true;
                }
                if x == root {
                    return false;
                }
                p = doc.node(x).parent;
            }
            false
        }
        _ => true,
    }
}

pub(crate) fn equal_subtrees(doc: &Document, old: Ix, src: &Document, new: Ix) -> bool {
    // Both trees are walked in lockstep, pre-order, climbing together: equal subtrees take
    // the same steps, and no stack is needed.
    let (mut o, mut n) = (old, new);
    loop {
        if !equal_nodes(doc, o, old, src, n) {
            return false;
        }
        match (doc.node(o).first_child, src.node(n).first_child) {
            (Some(a), Some(b)) => {
                o = a;
                n = b;
                continue;
            }
            (None, None) => {}
            _ => return false,
        }
        loop {
            if o == old || n == new {
                return o == old && n == new;
            }
            match (doc.node(o).next_sibling, src.node(n).next_sibling) {
                (Some(a), Some(b)) => {
                    o = a;
                    n = b;
                    break;
                }
                (None, None) => match (doc.node(o).parent, src.node(n).parent) {
                    (Some(a), Some(b)) => {
                        o = a;
                        n = b;
                    }
                    _ => return false,
                },
                _ => return false,
            }
        }
    }
}

/// One pair of nodes: same kind, name, attributes (in order) and text; template contents
/// compared as subtrees of their own.
fn equal_nodes(doc: &Document, o: Ix, root: Ix, src: &Document, n: Ix) -> bool {
    match (&doc.node(o).data, &src.node(n).data) {
        (NodeData::Element(a), NodeData::Element(b)) => {
            if a.name() != b.name() || a.attrs() != b.attrs() || a.form_state().is_some() {
                return false;
            }
            if a.name().ns == html5ever::ns!(html) && !pristine_enough(doc, o, root, a) {
                return false;
            }
            match (a.template_contents(), b.template_contents()) {
                (Some(x), Some(y)) => equal_subtrees(doc, x, src, y),
                (None, None) => true,
                _ => false,
            }
        }
        (NodeData::Text(a), NodeData::Text(b)) | (NodeData::Comment(a), NodeData::Comment(b)) => {
            a == b
        }
        (NodeData::Fragment, NodeData::Fragment) => true,
        _ => false,
    }
}

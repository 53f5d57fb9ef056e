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
    let mut stack = vec![(old, new)];
    while let Some((o, n)) = stack.pop() {
        let (on, nn) = (doc.node(o), src.node(n));
        match (&on.data, &nn.data) {
            (NodeData::Element(a), NodeData::Element(b)) => {
                if a.name() != b.name() || a.attrs() != b.attrs() || a.form_state().is_some() {
                    return false;
                }
                if a.name().ns == html5ever::ns!(html) && !pristine_enough(doc, o, old, a) {
                    return false;
                }
                match (a.template_contents, b.template_contents) {
                    (Some(x), Some(y)) => stack.push((x, y)),
                    (None, None) => {}
                    _ => return false,
                }
            }
            (NodeData::Text(a), NodeData::Text(b))
            | (NodeData::Comment(a), NodeData::Comment(b)) => {
                if a != b {
                    return false;
                }
            }
            (NodeData::Fragment, NodeData::Fragment) => {}
            _ => return false,
        }
        let (mut x, mut y) = (on.first_child, nn.first_child);
        loop {
            match (x, y) {
                (None, None) => break,
                (Some(a), Some(b)) => {
                    stack.push((a, b));
                    x = doc.node(a).next_sibling;
                    y = src.node(b).next_sibling;
                }
                _ => return false,
            }
        }
    }
    true
}

//! Equal subtrees: where morphing cannot change anything.

use crate::dom::{Document, Ix, NodeData};

/// Whether `old` (in `doc`) and `new` (in `src`) are equal subtrees that a morph without
/// hooks leaves untouched: same kinds, names, attributes in the same order, text, children
/// and template contents, and no form control whose live state could differ.
pub(crate) fn equal_subtrees(doc: &Document, old: Ix, src: &Document, new: Ix) -> bool {
    let mut stack = vec![(old, new)];
    while let Some((o, n)) = stack.pop() {
        let (on, nn) = (doc.node(o), src.node(n));
        match (&on.data, &nn.data) {
            (NodeData::Element(a), NodeData::Element(b)) => {
                if a.name() != b.name() || a.attrs() != b.attrs() || a.form_state().is_some() {
                    return false;
                }
                if a.name().ns == html5ever::ns!(html)
                    && matches!(a.local_name(), "input" | "option" | "select" | "textarea")
                {
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

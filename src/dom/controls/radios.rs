//! Radio buttons by scope and name, so that asking for a radio group costs the group, not
//! the scope it lives in.
//!
//! A radio group is found by walking its scope (the form owning the button, or the whole
//! tree for buttons without one) for buttons of the same name. A morph asks about every
//! button it reads or writes, so a page with many groups in one form (or many buttons
//! without a form) made that quadratic: 2000 two-button groups in a form took 240 ms to
//! morph into an equal copy. Each scope is now walked once, into lists by name in tree
//! order, and the lists are kept until the tree changes in a way that can regroup buttons:
//! a node inserted, removed or moved, or a `type`, `name`, `form` or `id` attribute changed
//! (see [`Document::radio_epoch`](super::super::Document)). Checkedness and values, which
//! are what a morph of form controls mostly writes, keep them.

use std::collections::HashMap;

use super::super::{Document, ElementData, Ix};
use super::kept::Kept;

/// Whether the element is an `<input type=radio>` (the type compared ASCII-case-insensitively).
pub(crate) fn is_radio(e: &ElementData) -> bool {
    e.is_html("input")
        && e.attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("radio"))
}

/// The document's radio buttons by scope and name (scope → name → the radio buttons under
/// the scope, inclusive, with that name, in tree order), built as they are asked for.
#[derive(Debug, Default, Clone)]
pub(crate) struct RadioIndex(Kept<HashMap<String, Vec<Ix>>>);

impl RadioIndex {
    /// The radio buttons named `name` under `scope` (inclusive, tree order, not in template
    /// contents).
    pub(crate) fn named(&self, doc: &Document, scope: Ix, name: &str) -> Vec<Ix> {
        let epoch = (doc.tree_epoch, doc.radio_epoch);
        let make = || {
            let mut names: HashMap<String, Vec<Ix>> = HashMap::new();
            walk(doc, scope, |n, name| {
                names.entry(name.to_owned()).or_default().push(n)
            });
            names
        };
        let found = self.0.with(epoch, scope, make, |names| {
            names.get(name).cloned().unwrap_or_default()
        });
        // Debug builds (the test suite) check every answer against a fresh walk.
        debug_assert_eq!(found, walk_named(doc, scope, name), "stale radio list");
        found
    }
}

/// Calls `f` with each named radio button under `scope` (inclusive), in tree order.
fn walk(doc: &Document, scope: Ix, mut f: impl FnMut(Ix, &str)) {
    let mut cur = Some(scope);
    while let Some(n) = cur {
        if let Some(e) = doc.elem(n)
            && is_radio(e)
            && let Some(name) = e.attr("name")
        {
            f(n, name);
        }
        cur = doc.next_in(n, scope);
    }
}

/// The radio buttons named `name` under `scope`, found by walking it now.
fn walk_named(doc: &Document, scope: Ix, name: &str) -> Vec<Ix> {
    let mut out = Vec::new();
    walk(doc, scope, |n, m| {
        if m == name {
            out.push(n);
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::NodeId;

    fn radio(doc: &mut Document, parent: NodeId, name: &str) -> NodeId {
        let r = doc.create_html_element("input");
        doc.set_attribute(r, "type", "RADIO").unwrap();
        doc.set_attribute(r, "name", name).unwrap();
        doc.append_child(parent, r).unwrap();
        r
    }

    /// After each kind of change, the index answers what a fresh walk finds.
    #[test]
    fn lists_follow_every_change_that_regroups_buttons() {
        let mut doc = Document::new();
        let root = doc.root();
        let form = doc.create_html_element("form");
        doc.append_child(root, form).unwrap();
        let a = radio(&mut doc, form, "r");
        let b = radio(&mut doc, form, "r");
        let c = radio(&mut doc, form, "s");
        let scope = doc.ix(form).unwrap();
        let check = |doc: &Document, what: &str| {
            for name in ["r", "s", "t"] {
                assert_eq!(
                    doc.radios.named(doc, scope, name),
                    walk_named(doc, scope, name),
                    "{what}, name {name}"
                );
            }
        };
        check(&doc, "as built");
        doc.set_attribute(c, "name", "r").unwrap();
        check(&doc, "renamed");
        doc.set_attribute(a, "type", "checkbox").unwrap();
        check(&doc, "no longer a radio button");
        doc.set_attribute(a, "type", "radio").unwrap();
        doc.append_child(form, b).unwrap();
        check(&doc, "moved last");
        let d = radio(&mut doc, form, "t");
        check(&doc, "inserted");
        doc.remove(d).unwrap();
        doc.remove_attribute(b, "name").unwrap();
        check(&doc, "removed, and a name removed");
        doc.set_attribute(a, "form", "elsewhere").unwrap();
        doc.set_attribute(form, "id", "elsewhere").unwrap();
        check(&doc, "a form attribute, and the id it names");
        // Checkedness and values do not regroup: the lists made before stay in use.
        let epoch = (doc.tree_epoch, doc.radio_epoch);
        doc.set_attribute(b, "checked", "").unwrap();
        doc.remove_attribute(b, "checked").unwrap();
        doc.set_attribute(b, "value", "on").unwrap();
        assert_eq!((doc.tree_epoch, doc.radio_epoch), epoch);
        check(&doc, "checked toggled, value set");
    }
}

//! Radio groups as Chromium scopes them, and checkedness as a document reads it: a radio
//! button with a form owner is grouped with that form's; one without is grouped in its tree
//! only while connected to a document (so radio buttons in template content or a detached
//! fragment are not grouped at all). Checkedness derived from the markup uses the owners
//! the buttons had while parsed, a change made now the owners they have now (see
//! [`Grouping`]). A copy takes its original's checkedness along (`clone.rs`, as the DOM's
//! cloning steps do); the morph writes checkedness (`morph/form/checked.rs`).
//!
//! Radio buttons are kept by scope and name, so that asking for a radio group costs the
//! group, not the scope it lives in.
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

use super::super::{Document, ElementData, Ix, NodeData};
use super::kept::Kept;
use super::{ancestor_form, form_owner};

/// Whether the element is an `<input type=radio>` (the type compared ASCII-case-insensitively).
pub(crate) fn is_radio_element(e: &ElementData) -> bool {
    e.is_html("input")
        && e.attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("radio"))
}

/// Whether the node is an `<input type=radio>`.
pub(crate) fn is_radio(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix).is_some_and(is_radio_element)
}

/// Which form owners make a radio group.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grouping {
    /// The owners the radio buttons had while they were parsed: the markup the server holds
    /// is parsed as a fragment (`innerHTML`, template content), where nothing is connected
    /// and `form` attributes are not followed, so the nearest ancestor form. Checkedness
    /// derived from `checked` attributes is decided then.
    Parsed,
    /// The owners now (a `form` attribute followed once connected): what a checkedness
    /// change made now unchecks.
    Live,
}

/// The other radio buttons of `ix`'s group: same non-empty name, same form owner, same tree.
pub(crate) fn radio_group(doc: &Document, ix: Ix, grouping: Grouping) -> Vec<Ix> {
    let mut group = group_with(doc, ix, grouping);
    group.retain(|&n| n != ix);
    group
}

/// `ix`'s radio group with `ix` itself (if it is a radio button), in tree order.
pub(crate) fn group_with(doc: &Document, ix: Ix, grouping: Grouping) -> Vec<Ix> {
    let Some(name) = doc
        .elem(ix)
        .and_then(|e| e.attr("name"))
        .filter(|n| !n.is_empty())
    else {
        return Vec::new();
    };
    let owner_of = |n: Ix| match grouping {
        Grouping::Parsed => ancestor_form(doc, n),
        Grouping::Live => form_owner(doc, n),
    };
    let owner = owner_of(ix);
    let scope = match owner {
        // A `form` attribute can put radio buttons outside the form into its group.
        Some(f) if grouping == Grouping::Live && doc.form_attributes && doc.is_connected_ix(f) => {
            doc.root_of(f)
        }
        Some(f) => f,
        None => {
            let root = doc.root_of(ix);
            if !matches!(doc.node(root).data, NodeData::Document) {
                return Vec::new();
            }
            root
        }
    };
    let mut out = doc.radios.named(doc, scope, name);
    out.retain(|&n| n == ix || owner_of(n) == owner);
    out
}

/// An input's checkedness.
pub(crate) fn checked(doc: &Document, ix: Ix) -> bool {
    let Some(e) = doc.elem(ix) else { return false };
    if let Some(v) = e.form_state().and_then(|f| f.checkedness) {
        return v;
    }
    let has = e.attr("checked").is_some();
    if !has || !is_radio(doc, ix) {
        return has;
    }
    // As parsed: a later checked radio of the same group unchecked this one.
    let group = group_with(doc, ix, Grouping::Parsed);
    let later = group
        .iter()
        .position(|&n| n == ix)
        .map_or(&[][..], |i| &group[i + 1..]);
    !later.iter().any(|&r| {
        explicit_checkedness(doc, r).is_none()
            && doc.elem(r).is_some_and(|e| e.attr("checked").is_some())
    })
}

/// The input's checkedness, if something wrote it (else it derives from the attributes).
pub(crate) fn explicit_checkedness(doc: &Document, ix: Ix) -> Option<bool> {
    doc.elem(ix)
        .and_then(|e| e.form_state())
        .and_then(|f| f.checkedness)
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
            && is_radio_element(e)
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

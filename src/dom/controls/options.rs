//! Each `<select>`'s list of options, and their selectedness as parsing leaves it, kept
//! between questions so that asking about one option costs its select once, not once per
//! option.
//!
//! A morph reads the selectedness of every option it morphs, on both sides; derived from
//! the list each time, a select of 4000 options took 223 ms to morph with its selection
//! moved. The lists are kept until the tree changes, and the derived selectedness until
//! one of the attributes it reads changes (`selected`, `disabled`, `multiple`, `size`; see
//! [`Document::option_epoch`](super::super::Document)).

use std::collections::HashMap;

use super::super::{Document, Ix};
use super::kept::Kept;

/// The select's list of options, in tree order: its `<option>` descendants, not looking
/// into options, nested selects or datalists.
pub(crate) fn list_options(doc: &Document, select: Ix) -> Vec<Ix> {
    let mut out = Vec::new();
    let mut cur = doc.next_in(select, select);
    while let Some(n) = cur {
        match doc.elem(n) {
            Some(e) if e.is_html("option") => {
                out.push(n);
                cur = doc.next_skip(n, select);
                continue;
            }
            Some(e) if e.is_html("select") || e.is_html("datalist") => {
                cur = doc.next_skip(n, select);
                continue;
            }
            _ => {}
        }
        cur = doc.next_in(n, select);
    }
    out
}

/// The document's selects' option lists, made as they are asked for.
#[derive(Debug, Default, Clone)]
pub(crate) struct OptionIndex(Kept<Select>);

#[derive(Debug)]
struct Select {
    options: Vec<Ix>,
    /// Option → its place in `options`.
    place: HashMap<Ix, usize>,
    /// Each option's selectedness as parsing leaves it, once asked.
    parsed: Option<Vec<bool>>,
}

impl OptionIndex {
    fn with<R>(&self, doc: &Document, select: Ix, f: impl FnOnce(&mut Select) -> R) -> R {
        let make = || {
            let options = list_options(doc, select);
            let place = options.iter().enumerate().map(|(i, &o)| (o, i)).collect();
            Select {
                options,
                place,
                parsed: None,
            }
        };
        self.0
            .with((doc.tree_epoch, doc.option_epoch), select, make, f)
    }

    /// The select's list of options ([`list_options`]).
    pub(crate) fn options(&self, doc: &Document, select: Ix) -> Vec<Ix> {
        let found = self.with(doc, select, |s| s.options.clone());
        // Debug builds (the test suite) check every answer against a fresh walk.
        debug_assert_eq!(found, list_options(doc, select), "stale option list");
        found
    }

    /// Whether `option`, in `select`'s list, is selected as parsing leaves it, with
    /// `derive` giving every option's parsed selectedness from the list (`None` for an
    /// option not in the list). `derive` runs under the index's lock, so it must not ask
    /// the index again.
    pub(crate) fn parsed_selected(
        &self,
        doc: &Document,
        select: Ix,
        option: Ix,
        derive: impl Fn(&[Ix]) -> Vec<bool>,
    ) -> Option<bool> {
        let found = self.with(doc, select, |s| {
            let i = *s.place.get(&option)?;
            let parsed = s.parsed.get_or_insert_with(|| derive(&s.options));
            parsed.get(i).copied()
        });
        // Debug builds (the test suite) check every answer against a fresh derivation.
        #[cfg(debug_assertions)]
        {
            let options = list_options(doc, select);
            let fresh = options
                .iter()
                .position(|&o| o == option)
                .and_then(|i| derive(&options).get(i).copied());
            debug_assert_eq!(found, fresh, "stale parsed selectedness");
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::NodeId;

    fn option(doc: &mut Document, parent: NodeId, selected: bool) -> NodeId {
        let o = doc.create_html_element("option");
        if selected {
            doc.set_attribute(o, "selected", "").unwrap();
        }
        doc.append_child(parent, o).unwrap();
        o
    }

    /// After each kind of change, the kept list and derived states are what a fresh walk
    /// and derivation give (here: an option is "selected" when it has the attribute).
    #[test]
    fn lists_and_derived_states_follow_the_changes_they_read() {
        let mut doc = Document::new();
        let root = doc.root();
        let select = doc.create_html_element("select");
        doc.append_child(root, select).unwrap();
        let a = option(&mut doc, select, false);
        let group = doc.create_html_element("optgroup");
        doc.append_child(select, group).unwrap();
        let b = option(&mut doc, group, true);
        let s = doc.ix(select).unwrap();
        let derive = |doc: &Document, options: &[Ix]| -> Vec<bool> {
            options
                .iter()
                .map(|&o| doc.elem(o).is_some_and(|e| e.attr("selected").is_some()))
                .collect()
        };
        let check = |doc: &Document, what: &str| {
            let fresh = list_options(doc, s);
            assert_eq!(doc.options.options(doc, s), fresh, "{what}");
            for (&o, want) in fresh.iter().zip(derive(doc, &fresh)) {
                let got = doc.options.parsed_selected(doc, s, o, |l| derive(doc, l));
                assert_eq!(got, Some(want), "{what}");
            }
        };
        check(&doc, "as built");
        doc.set_attribute(a, "selected", "").unwrap();
        doc.remove_attribute(b, "selected").unwrap();
        check(&doc, "selected moved");
        doc.append_child(select, a).unwrap();
        check(&doc, "moved last");
        let c = option(&mut doc, group, true);
        check(&doc, "inserted");
        doc.remove(c).unwrap();
        check(&doc, "removed");
        let outside = doc.create_html_element("option");
        let outside = doc.ix(outside).unwrap();
        assert_eq!(
            doc.options
                .parsed_selected(&doc, s, outside, |l| derive(&doc, l)),
            None
        );
    }
}

//! [`selectors::Element`] for an element of the arena DOM.

use std::fmt;

use html5ever::{LocalName, Namespace, ns};
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::context::MatchingContext;
use selectors::matching::ElementSelectorFlags;
use selectors::{Element, OpaqueElement};

use super::engine::{CssLocalName, CssString, Impl, NoPseudoElement};
use super::pseudo::PseudoClass;
use super::state::PageState;
use crate::dom::{ElementData, Ix, NodeData};

/// An element of a document, as the matching engine sees it. `Copy`: a reference to the
/// query's shared state and a slot number.
#[derive(Clone, Copy)]
pub(crate) struct El<'a> {
    pub(crate) cx: &'a PageState<'a>,
    pub(crate) ix: Ix,
}

impl fmt::Debug for El<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.cx.doc.describe_ix(self.ix))
    }
}

impl<'a> El<'a> {
    /// The element's data (`El` is only made for elements).
    #[inline]
    pub(crate) fn data(&self) -> &'a ElementData {
        match &self.cx.doc.node(self.ix).data {
            NodeData::Element(e) => e,
            _ => unreachable!("El is only made for elements"),
        }
    }

    #[inline]
    fn element_at(&self, ix: Option<Ix>) -> Option<El<'a>> {
        let ix = ix?;
        matches!(self.cx.doc.node(ix).data, NodeData::Element(_)).then_some(El { cx: self.cx, ix })
    }

    fn sibling_element(&self, forward: bool) -> Option<El<'a>> {
        let doc = self.cx.doc;
        let mut cur = self.ix;
        loop {
            let n = doc.node(cur);
            cur = if forward {
                n.next_sibling
            } else {
                n.prev_sibling
            }?;
            if matches!(doc.node(cur).data, NodeData::Element(_)) {
                return Some(El {
                    cx: self.cx,
                    ix: cur,
                });
            }
        }
    }

    #[inline]
    fn is_html(&self) -> bool {
        self.data().name.ns == ns!(html)
    }
}

impl<'a> Element for El<'a> {
    type Impl = Impl;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(self.cx.doc.node(self.ix))
    }

    fn parent_element(&self) -> Option<Self> {
        self.element_at(self.cx.doc.node(self.ix).parent)
    }

    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }

    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }

    fn is_pseudo_element(&self) -> bool {
        false
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        self.sibling_element(false)
    }

    fn next_sibling_element(&self) -> Option<Self> {
        self.sibling_element(true)
    }

    fn first_element_child(&self) -> Option<Self> {
        let first = self.cx.doc.node(self.ix).first_child?;
        let child = El {
            cx: self.cx,
            ix: first,
        };
        if matches!(self.cx.doc.node(first).data, NodeData::Element(_)) {
            Some(child)
        } else {
            child.sibling_element(true)
        }
    }

    fn is_html_element_in_html_document(&self) -> bool {
        self.is_html()
    }

    fn has_local_name(&self, name: &LocalName) -> bool {
        let own = &self.data().name.local;
        // Chromium lower-cases type selectors in HTML documents and compares them
        // case-insensitively with foreign elements (`foreignobject` matches `foreignObject`).
        own == name || (!self.is_html() && own.eq_ignore_ascii_case(name))
    }

    fn has_namespace(&self, ns: &Namespace) -> bool {
        self.data().name.ns == *ns
    }

    fn is_same_type(&self, other: &Self) -> bool {
        let (a, b) = (&self.data().name, &other.data().name);
        a.local == b.local && a.ns == b.ns
    }

    fn attr_matches(
        &self,
        ns: &NamespaceConstraint<&Namespace>,
        local_name: &CssLocalName,
        operation: &AttrSelectorOperation<&CssString>,
    ) -> bool {
        let html = self.is_html();
        self.data().attrs().iter().any(|a| {
            let name_matches = a.name.local == local_name.0
                || (!html && a.name.local.eq_ignore_ascii_case(&local_name.0));
            name_matches
                && match ns {
                    NamespaceConstraint::Any => true,
                    NamespaceConstraint::Specific(url) => a.name.ns == **url,
                }
                && operation.eval_str(&a.value)
        })
    }

    fn match_non_ts_pseudo_class(
        &self,
        pc: &PseudoClass,
        _context: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        self.cx.matches_state(*self, pc)
    }

    fn match_pseudo_element(
        &self,
        pe: &NoPseudoElement,
        _context: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        match *pe {}
    }

    fn apply_selector_flags(&self, _flags: ElementSelectorFlags) {}

    fn is_link(&self) -> bool {
        super::state::is_link(self.data())
    }

    fn is_html_slot_element(&self) -> bool {
        self.is_html() && &*self.data().name.local == "slot"
    }

    fn has_id(&self, id: &CssString, case_sensitivity: CaseSensitivity) -> bool {
        self.data()
            .id()
            .is_some_and(|v| case_sensitivity.eq(v.as_bytes(), id.0.as_bytes()))
    }

    fn has_class(&self, name: &CssString, case_sensitivity: CaseSensitivity) -> bool {
        self.data().attr("class").is_some_and(|classes| {
            classes
                .split_ascii_whitespace()
                .any(|c| case_sensitivity.eq(c.as_bytes(), name.0.as_bytes()))
        })
    }

    fn has_custom_state(&self, _name: &CssString) -> bool {
        false
    }

    fn imported_part(&self, _name: &CssString) -> Option<CssString> {
        None
    }

    fn is_part(&self, _name: &CssString) -> bool {
        false
    }

    fn is_empty(&self) -> bool {
        let doc = self.cx.doc;
        let mut c = doc.node(self.ix).first_child;
        while let Some(ix) = c {
            let n = doc.node(ix);
            match &n.data {
                NodeData::Element(_) => return false,
                NodeData::Text(t) if !t.is_empty() => return false,
                _ => {}
            }
            c = n.next_sibling;
        }
        true
    }

    fn is_root(&self) -> bool {
        let doc = self.cx.doc;
        doc.node(self.ix).parent == Some(doc.root_ix())
            && matches!(doc.node(doc.root_ix()).data, NodeData::Document)
    }

    fn add_element_unique_hashes(&self, _filter: &mut BloomFilter) -> bool {
        false
    }
}

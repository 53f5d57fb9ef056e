//! Running a parsed selector over a document: `querySelectorAll` (one pre-order walk of the
//! document, never into template contents), with fast paths for `#id` and `#id …`.

use std::iter::FusedIterator;

use html5ever::interface::QuirksMode as DomQuirks;
use selectors::SelectorList;
use selectors::context::{
    MatchingContext, MatchingForInvalidation, MatchingMode, NeedsSelectorFlags, QuirksMode,
    SelectorCaches,
};
use selectors::matching::matches_selector_list;

use super::element::El;
use super::engine::Impl;
use super::state::PageState;
use super::{Plan, Selector};
use crate::dom::{Document, Ix, NodeData, NodeId};

/// Iterator over the elements a selector matches in a document, in tree order. Made by
/// [`Selector::select`].
pub struct Select<'a> {
    selector: &'a Selector,
    state: PageState<'a>,
    caches: SelectorCaches,
    quirks: QuirksMode,
    cursor: Cursor,
}

enum Cursor {
    Done,
    /// Walking the subtree of `scope` (the document, or an id-rooted subtree).
    Walk {
        next: Option<Ix>,
        scope: Ix,
    },
    /// Elements listed in advance (the `#id` fast path), in tree order.
    List(std::vec::IntoIter<NodeId>),
    /// Walking the subtrees of these roots, one after the other (`#id …` fast path).
    Roots {
        roots: std::vec::IntoIter<Ix>,
        next: Option<Ix>,
        scope: Option<Ix>,
    },
}

impl std::fmt::Debug for Select<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Select")
            .field("selector", &self.selector.as_str())
            .finish_non_exhaustive()
    }
}

fn quirks(doc: &Document) -> QuirksMode {
    match doc.quirks_mode() {
        DomQuirks::Quirks => QuirksMode::Quirks,
        DomQuirks::LimitedQuirks => QuirksMode::LimitedQuirks,
        DomQuirks::NoQuirks => QuirksMode::NoQuirks,
    }
}

impl<'a> Select<'a> {
    pub(crate) fn new(selector: &'a Selector, doc: &'a Document) -> Select<'a> {
        let quirks = quirks(doc);
        // Ids compare ASCII-case-insensitively in quirks mode: the index cannot answer then.
        let exact_ids = quirks != QuirksMode::Quirks;
        let root = doc.root_ix();
        let cursor = match &selector.plan {
            Plan::Nothing => Cursor::Done,
            Plan::Id(id) if exact_ids => Cursor::List(doc.elements_by_id(id).into_iter()),
            Plan::UnderId(id) if exact_ids => {
                let mut roots: Vec<Ix> = Vec::new();
                for n in doc.elements_by_id(id) {
                    let Some(ix) = doc.ix(n) else { continue };
                    // Tree order: a root inside the previous one is walked with it.
                    if roots
                        .last()
                        .is_some_and(|&r| r == ix || doc.is_ancestor(r, ix))
                    {
                        continue;
                    }
                    roots.push(ix);
                }
                Cursor::Roots {
                    roots: roots.into_iter(),
                    next: None,
                    scope: None,
                }
            }
            _ => Cursor::Walk {
                next: Some(root),
                scope: root,
            },
        };
        Select {
            selector,
            state: PageState::new(doc),
            caches: SelectorCaches::default(),
            quirks,
            cursor,
        }
    }

    fn test(&mut self, ix: Ix) -> bool {
        let selector = self.selector;
        let Some(list) = &selector.list else {
            return false;
        };
        if !matches!(self.state.doc.node(ix).data, NodeData::Element(_)) {
            return false;
        }
        let el = El {
            cx: &self.state,
            ix,
        };
        if selector.depth > super::DEEP {
            // Matching recurses once per nesting level: make sure the stack has room (a
            // no-op inside `query_all`, which already runs on a grown stack).
            let size = super::stack_for(selector.depth);
            stacker::maybe_grow(size, size, || run(list, el, &mut self.caches, self.quirks))
        } else {
            run(list, el, &mut self.caches, self.quirks)
        }
    }
}

/// Runs the matching engine on one element.
fn run(
    list: &SelectorList<Impl>,
    el: El<'_>,
    caches: &mut SelectorCaches,
    quirks: QuirksMode,
) -> bool {
    let mut ctx = MatchingContext::new(
        MatchingMode::Normal,
        None,
        caches,
        quirks,
        NeedsSelectorFlags::No,
        MatchingForInvalidation::No,
    );
    matches_selector_list(list, el, &mut ctx)
}

impl Iterator for Select<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let doc = self.state.doc;
        loop {
            match &mut self.cursor {
                Cursor::Done => return None,
                Cursor::List(it) => return it.next(),
                Cursor::Walk { next, scope } => {
                    let Some(ix) = *next else {
                        self.cursor = Cursor::Done;
                        return None;
                    };
                    *next = doc.next_in(ix, *scope);
                    if self.test(ix) {
                        return Some(doc.id_of(ix));
                    }
                }
                Cursor::Roots { roots, next, scope } => {
                    let (ix, s) = match (*next, *scope) {
                        (Some(ix), Some(s)) => (ix, s),
                        _ => match roots.next() {
                            // The descendants of the root, not the root itself.
                            Some(r) => {
                                *scope = Some(r);
                                *next = doc.next_in(r, r);
                                continue;
                            }
                            None => {
                                self.cursor = Cursor::Done;
                                return None;
                            }
                        },
                    };
                    *next = doc.next_in(ix, s);
                    if next.is_none() {
                        *scope = None;
                    }
                    if self.test(ix) {
                        return Some(doc.id_of(ix));
                    }
                }
            }
        }
    }
}

impl FusedIterator for Select<'_> {}

/// Whether the element `node` matches (any node that is not a live element does not).
pub(crate) fn matches(selector: &Selector, doc: &Document, node: NodeId) -> bool {
    let Some(list) = &selector.list else {
        return false;
    };
    let Some(ix) = doc.ix(node) else {
        return false;
    };
    if !matches!(doc.node(ix).data, NodeData::Element(_)) {
        return false;
    }
    let state = PageState::new(doc);
    let el = El { cx: &state, ix };
    run(list, el, &mut SelectorCaches::default(), quirks(doc))
}

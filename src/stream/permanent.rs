//! Permanent elements in stream messages (turbo-streams.md §1.4): before the message is
//! appended, an element of a template that Turbo's `#<id>[data-turbo-permanent]` lookup
//! finds for a permanent element of the page is swapped for a copy of the page's element
//! (`Bardo.enter`); right after, the page's element is replaced by a copy of itself
//! (`Bardo.leave`).

use std::collections::HashMap;

use html5ever::interface::QuirksMode;

use super::element;
use super::error::{StreamError, StreamErrorKind};
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix};
use crate::morph::{insert_node, remove_node};
use crate::select::Selector;

/// The permanent elements of the page, as `document.documentElement.querySelectorAll(
/// "[id][data-turbo-permanent]")` finds them: descendants of `<html>` (not `<html>`
/// itself) with both attributes, in tree order, never inside template contents.
pub(crate) fn live_permanents(doc: &Document, html: Ix) -> Vec<Ix> {
    let mut out = Vec::new();
    let mut cur = doc.next_in(html, html);
    while let Some(n) = cur {
        if is_permanent(doc, n) {
            out.push(n);
        }
        cur = doc.next_in(n, html);
    }
    out
}

/// `permanentElementMap`: (the page's element, the template element to swap), one per id,
/// in the order Turbo's object keeps its keys.
pub(crate) struct PermanentMap {
    entries: Vec<(Ix, Ix)>,
}

/// Whether `#<id>` is exactly "the element whose id is `id`": `id` is a CSS identifier made
/// of name characters only (no escapes, no punctuation), so the selector means what it says.
fn plain_identifier(id: &str) -> bool {
    let name = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii();
    let start = |c: char| c.is_ascii_alphabetic() || c == '_' || !c.is_ascii();
    let mut chars = id.chars();
    let ok_start = match chars.next() {
        Some('-') => chars.next().is_some_and(|c| start(c) || c == '-'),
        Some(c) => start(c),
        None => false,
    };
    ok_start && id.chars().all(name)
}

/// `getPermanentElementMapForFragment`: for every permanent element of the page and every
/// stream of the message, the template's first element matching `#<id>[data-turbo-permanent]`
/// (the id put in unescaped). An id that makes the selector invalid throws, which drops the
/// whole message. Looks every stream's template up as Turbo does (creating empty ones).
pub(crate) fn map(
    tx: &mut Tx<'_>,
    live: &[Ix],
    streams: &[Ix],
) -> Result<PermanentMap, StreamError> {
    if live.is_empty() || streams.is_empty() {
        return Ok(PermanentMap {
            entries: Vec::new(),
        });
    }
    // Each stream's template content (looked up as Turbo does), and its permanent elements
    // by id (first in tree order), for the plain ids.
    let contents: Vec<Option<Ix>> = streams
        .iter()
        .map(|&s| {
            let t = element::template_element(tx, s).ok()?;
            element::contents(tx.doc(), t)
        })
        .collect();
    let doc = tx.doc();
    let by_id: Vec<HashMap<&str, Ix>> = contents
        .iter()
        .map(|&content| {
            let mut by_id = HashMap::new();
            let Some(c) = content else { return by_id };
            let mut cur = doc.node(c).first_child;
            while let Some(n) = cur {
                if is_permanent(doc, n)
                    && let Some(id) = doc.elem(n).and_then(|e| e.id())
                {
                    by_id.entry(id).or_insert(n);
                }
                cur = doc.next_in(n, c);
            }
            by_id
        })
        .collect();
    // (id, the page's element, the template element), keyed by id.
    let mut entries: Vec<(&str, Ix, Ix)> = Vec::new();
    for &p in live {
        let id = doc.elem(p).and_then(|e| e.id()).unwrap_or("");
        let plain = plain_identifier(id);
        let selector = if plain {
            None
        } else {
            let text = format!("#{id}[data-turbo-permanent]");
            match Selector::parse(&text) {
                Ok(sel) => Some(sel),
                Err(e) => {
                    return Err(StreamError::new(
                        "<turbo-stream>",
                        StreamErrorKind::InvalidPermanentId(e),
                    ));
                }
            }
        };
        for (content, by_id) in contents.iter().zip(&by_id) {
            let found = match (&selector, content) {
                (_, None) => None,
                (None, Some(_)) => by_id.get(id).copied(),
                (Some(sel), Some(c)) => first_match(doc, *c, sel),
            };
            if let Some(e) = found {
                match entries.iter_mut().find(|(k, _, _)| *k == id) {
                    Some(entry) => *entry = (id, p, e),
                    None => entries.push((id, p, e)),
                }
            }
        }
    }
    Ok(PermanentMap {
        entries: entries.into_iter().map(|(_, p, e)| (p, e)).collect(),
    })
}

/// `content.querySelector(selector)` for a template's content: matched in a no-quirks
/// document, as template contents are (ids and classes are case-sensitive there whatever the
/// page's mode).
fn first_match(doc: &Document, content: Ix, sel: &Selector) -> Option<Ix> {
    if doc.quirks_mode() != QuirksMode::Quirks {
        return first_descendant_matching(doc, content, sel);
    }
    // Match in a no-quirks copy, then find the same node by its path.
    let mut copy = Document::new();
    let root = copy.clone_from(Some(doc), content, true);
    let mut path = Vec::new();
    let mut x = first_descendant_matching(&copy, root, sel)?;
    while x != root {
        let mut i = 0;
        let mut c = copy.node(x).prev_sibling;
        while let Some(p) = c {
            i += 1;
            c = copy.node(p).prev_sibling;
        }
        path.push(i);
        x = copy.node(x).parent?;
    }
    let mut here = content;
    for &i in path.iter().rev() {
        here = doc.child_ixs(here).nth(i)?;
    }
    Some(here)
}

/// The first element under `root` (not `root` itself) that `sel` matches in `doc`'s mode.
fn first_descendant_matching(doc: &Document, root: Ix, sel: &Selector) -> Option<Ix> {
    let mut cur = doc.node(root).first_child;
    while let Some(n) = cur {
        if doc.elem(n).is_some() && sel.matches(doc, doc.id_of(n)) {
            return Some(n);
        }
        cur = doc.next_in(n, root);
    }
    None
}

/// `Bardo.enter`: each template element found is replaced by a deep copy of the page's
/// element.
pub(crate) fn enter(tx: &mut Tx<'_>, map: &PermanentMap) {
    for &(live, new) in &map.entries {
        let Some(parent) = tx.doc().node(new).parent else {
            continue;
        };
        let copy = tx.clone_node(live);
        let _ = tx.insert_before(parent, copy, Some(new));
        tx.remove(new);
    }
}

/// `Bardo.leave`: each page element of the map is replaced by a deep copy of itself (the
/// page's HTML does not change; the element is a new one).
pub(crate) fn leave(tx: &mut Tx<'_>, map: &PermanentMap) {
    for &(live, _) in &map.entries {
        let Some(parent) = tx.doc().node(live).parent else {
            continue;
        };
        let copy = tx.clone_node(live);
        let next = tx.doc().node(live).next_sibling;
        remove_node(tx, live);
        if insert_node(tx, parent, copy, next).is_err() {
            tx.discard(copy);
        }
    }
}

/// The page's permanent elements, kept between messages so that a message does not walk
/// the whole page to find them (Turbo's `querySelectorAll("[id][data-turbo-permanent]")`).
///
/// It holds every connected element with both attributes, and maybe some that lost them or
/// were removed (checked on use). Messages keep it up to date from their journal; anything
/// else that changes the document must call [`PermanentIndex::invalidate`].
#[derive(Debug, Clone, Default)]
pub(crate) struct PermanentIndex {
    entries: Vec<crate::dom::NodeId>,
    valid: bool,
}

impl PermanentIndex {
    /// Forgets everything: the next message walks the page.
    pub(crate) fn invalidate(&mut self) {
        self.entries.clear();
        self.valid = false;
    }

    /// The permanent elements under `html`, in tree order (as [`live_permanents`]).
    pub(crate) fn live(&mut self, doc: &Document, html: Ix) -> Vec<Ix> {
        if !self.valid {
            let all = live_permanents(doc, html);
            self.entries = all.iter().map(|&ix| doc.id_of(ix)).collect();
            self.valid = true;
            return all;
        }
        let mut out: Vec<Ix> = self
            .entries
            .iter()
            .filter_map(|&id| doc.ix(id))
            .filter(|&ix| ix != html && is_permanent(doc, ix) && doc.is_connected_ix(ix))
            .collect();
        out.sort_unstable();
        out.dedup();
        self.entries = out.iter().map(|&ix| doc.id_of(ix)).collect();
        if out.len() > 1 {
            out.sort_by(|&a, &b| {
                if doc.precedes(a, b) {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                }
            });
        }
        out
    }

    /// Takes in what a message changed since `sp`: the subtrees it inserted and the elements
    /// whose attributes it changed.
    pub(crate) fn update(&mut self, tx: &Tx<'_>, sp: crate::dom::tx::Savepoint) {
        if !self.valid {
            return;
        }
        let doc = tx.doc();
        for n in tx.inserted_since(sp) {
            if doc.node(n).is_free() || !doc.is_connected_ix(n) {
                continue;
            }
            let mut cur = Some(n);
            while let Some(x) = cur {
                if is_permanent(doc, x) {
                    self.entries.push(doc.id_of(x));
                }
                cur = doc.next_in(x, n);
            }
        }
        for el in tx.attributes_changed_since(sp) {
            if !doc.node(el).is_free() && is_permanent(doc, el) && doc.is_connected_ix(el) {
                self.entries.push(doc.id_of(el));
            }
        }
    }
}

/// Whether `ix` is an element with both an `id` and a `data-turbo-permanent` attribute.
fn is_permanent(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix)
        .is_some_and(|e| e.id().is_some() && e.attr("data-turbo-permanent").is_some())
}

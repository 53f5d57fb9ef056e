//! ID-aware morphing that ends exactly where Turbo 8.0.23's idiomorph 0.7.4 ends: the same
//! HTML (attribute order included) and the same kept, moved and recreated elements
//! (morph.md §2).
//!
//! ```
//! use domorph::Document;
//! use domorph::morph::{morph, MorphOptions, NewContent};
//!
//! let mut page = Document::parse("<ul id=list><li id=a>A</li><li id=b>B</li></ul>");
//! let list = page.get_element_by_id("list").unwrap();
//! let b = page.get_element_by_id("b").unwrap();
//! let report = morph(
//!     &mut page,
//!     list,
//!     NewContent::Html(r#"<ul id="list"><li id="b">B!</li><li id="a">A</li></ul>"#),
//!     &mut MorphOptions::default(),
//! )?;
//! assert_eq!(page.outer_html(list), r#"<ul id="list"><li id="b">B!</li><li id="a">A</li></ul>"#);
//! assert_eq!(page.get_element_by_id("b"), Some(b)); // the same element, moved
//! assert_eq!(report.created, 0);
//! # Ok::<(), domorph::morph::MorphError>(())
//! ```

mod engine;
mod equal;
mod error;
pub(crate) mod form;
mod fragment;
mod head;
mod hooks;
mod id_records;
mod id_set;
mod ids;
mod matcher;

pub use error::MorphError;
pub use fragment::{FragmentMorph, morph_fragment};
pub use hooks::{AttributeChange, MorphHooks, NewNode, NoHooks, TurboHooks};
pub use matcher::Strategy;

use crate::dom::tx::Tx;
use engine::{Ctx, NewKids};
use ids::{IdMaps, NewParent};
use matcher::Matcher;

use crate::dom::{Document, Fragment, Ix, NodeData, NodeId};
use crate::parse::{IdiomorphBranch, parse_idiomorph};

/// Outer or children-only (idiomorph's `morphStyle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MorphStyle {
    /// `outerHTML`: the root itself is matched like any old node; new top-level nodes around
    /// it are inserted where it stood. Turbo's `replace` with `method="morph"`.
    #[default]
    Outer,
    /// `innerHTML`: only the root's children are morphed; the root keeps its attributes.
    /// Turbo's `update` with `method="morph"`.
    ChildrenOnly,
}

/// What to do with a matched `<head>` (only whole-document morphs match one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeadStyle {
    /// Keep head elements that are in the new head (by outer HTML), append new ones, remove
    /// the rest (idiomorph's default).
    #[default]
    Merge,
    /// Like merge, but never remove old elements.
    Append,
    /// Morph the head like any other element.
    Morph,
    /// Leave the head untouched (idiomorph 0.7.x `head.ignore`).
    Ignore,
}

/// How to morph. Build with [`MorphOptions::default`] (outer, no hooks) and the setters.
pub struct MorphOptions<'h> {
    style: MorphStyle,
    head: HeadStyle,
    hooks: Option<&'h mut dyn MorphHooks>,
    strategy: Strategy,
}

impl std::fmt::Debug for MorphOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MorphOptions")
            .field("style", &self.style)
            .field("head", &self.head)
            .field("hooks", &self.hooks.is_some())
            .field("strategy", &self.strategy)
            .finish()
    }
}

impl Default for MorphOptions<'_> {
    fn default() -> Self {
        MorphOptions {
            style: MorphStyle::Outer,
            head: HeadStyle::Merge,
            hooks: None,
            strategy: Strategy::default(),
        }
    }
}

impl<'h> MorphOptions<'h> {
    /// Outer morph, no hooks.
    pub fn outer() -> Self {
        Self::default()
    }

    /// Children-only morph, no hooks.
    pub fn children_only() -> Self {
        Self::default().style(MorphStyle::ChildrenOnly)
    }

    /// Sets the style.
    pub fn style(mut self, style: MorphStyle) -> Self {
        self.style = style;
        self
    }

    /// Sets the head handling.
    pub fn head(mut self, head: HeadStyle) -> Self {
        self.head = head;
        self
    }

    /// Sets the callbacks.
    pub fn hooks(mut self, hooks: &'h mut dyn MorphHooks) -> Self {
        self.hooks = Some(hooks);
        self
    }

    /// Chooses how matches are found (the result is the same; [`Strategy::Scan`] is
    /// idiomorph's own quadratic scan, kept for testing).
    pub fn strategy(mut self, strategy: Strategy) -> Self {
        self.strategy = strategy;
        self
    }
}

/// The new content of a morph.
#[derive(Debug, Clone, Copy)]
pub enum NewContent<'a> {
    /// A string, parsed exactly as idiomorph 0.7.4 parses one (a quirks-mode `DOMParser`
    /// document; see [`parse_idiomorph`]).
    Html(&'a str),
    /// Already parsed content: the children of [`Fragment::root`] (for idiomorph's `<html>`
    /// parent, that element's own id counts too).
    Fragment(&'a Fragment),
    /// The children of a node of another document, as idiomorph treats a fragment or a node
    /// list (Turbo's stream morphs pass the template content this way).
    Children {
        /// The document holding them.
        doc: &'a Document,
        /// Their parent.
        parent: NodeId,
    },
    /// One node that keeps its place in its own document (idiomorph's "sliced parent", what a
    /// page refresh passes: the new `<body>`).
    Node {
        /// The document holding it.
        doc: &'a Document,
        /// The node.
        node: NodeId,
    },
}

/// What a morph did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MorphReport {
    /// Old nodes morphed in place (matched, moved or created empty and then filled).
    pub morphed: usize,
    /// Persistent elements moved from elsewhere under the root (or from the pantry).
    pub moved: usize,
    /// Nodes created from the new content (clones, or empty elements filled by a morph).
    pub created: usize,
    /// Old nodes removed (with `before_node_removed`).
    pub removed: usize,
    /// Old nodes left in the pantry and discarded at the end (no callbacks, as idiomorph).
    pub discarded: usize,
    /// Attribute writes and removals.
    pub attributes_changed: usize,
    /// The nodes the morph leaves in the root's place (outer style: what now stands where
    /// the root stood, which for a root without a parent is detached and the caller's), or
    /// the root's children (children-only style) — idiomorph's return value.
    pub nodes: Vec<NodeId>,
}

/// Morphs `root` (a live element of `doc`) into `content`, as `Idiomorph.morph(root, content,
/// {morphStyle})` does in Turbo 8.0.23. On error the document is exactly as before.
pub fn morph(
    doc: &mut Document,
    root: NodeId,
    content: NewContent<'_>,
    options: &mut MorphOptions<'_>,
) -> Result<MorphReport, MorphError> {
    let mut tx = Tx::new(doc);
    let result = morph_in(&mut tx, root, content, options);
    // On error `morph_in` already rolled its changes back; committing frees what a
    // successful morph removed.
    tx.commit();
    result
}

/// [`morph`] inside a caller's transaction (a stream action that morphs several targets, a
/// strict message). On error, this morph's own changes are rolled back; earlier changes in
/// the transaction stay.
pub(crate) fn morph_in(
    tx: &mut Tx<'_>,
    root: NodeId,
    content: NewContent<'_>,
    options: &mut MorphOptions<'_>,
) -> Result<MorphReport, MorphError> {
    let doc = tx.doc();
    let root_ix = match doc.ix(root) {
        Some(ix) if doc.elem(ix).is_some() => ix,
        _ => return Err(MorphError::BadRoot(doc.describe(root))),
    };
    let parsed;
    let (src, new_parent): (&Document, NewParent) = match content {
        NewContent::Html(html) => {
            let (fragment, branch) = parse_idiomorph(html);
            parsed = fragment;
            let own_id = branch == IdiomorphBranch::FirstChild;
            (
                &parsed.doc,
                NewParent::Children {
                    parent: parsed.root,
                    own_id,
                },
            )
        }
        NewContent::Fragment(f) => (
            &f.doc,
            NewParent::Children {
                parent: f.root,
                own_id: f.doc.elem(f.root).is_some(),
            },
        ),
        NewContent::Children { doc: d, parent } => {
            let p = d.ix(parent).ok_or(MorphError::BadContent(parent))?;
            (
                d,
                NewParent::Children {
                    parent: p,
                    own_id: false,
                },
            )
        }
        // With or without a parent, the node is the one new child (idiomorph puts a
        // parentless node under a dummy <div>, which changes nothing the morph sees).
        NewContent::Node { doc: d, node } => (
            d,
            NewParent::Single(d.ix(node).ok_or(MorphError::BadContent(node))?),
        ),
    };
    let style = options.style;
    let maps = IdMaps::build(doc, root_ix, src, new_parent);
    let mut no_hooks = NoHooks;
    let hooks: &mut dyn MorphHooks = match options.hooks.as_deref_mut() {
        Some(h) => h,
        None => &mut no_hooks,
    };
    let skip_equal = !hooks.observes_every_node();
    let savepoint = tx.savepoint();
    // idiomorph puts a root without a parent into a dummy <div> first (morph.md §3.2 item 14).
    let dummy = if style == MorphStyle::Outer && tx.doc().node(root_ix).parent.is_none() {
        let div = tx.create_element(html5ever::QualName::new(
            None,
            html5ever::ns!(html),
            html5ever::local_name!("div"),
        ));
        if let Err(e) = tx.insert_before(div, root_ix, None) {
            tx.rollback_to(savepoint);
            return Err(MorphError::Hierarchy(e.to_string()));
        }
        Some(div)
    } else {
        None
    };
    // Where the result will stand: between the root's neighbours as they are now.
    let (before, after) = {
        let n = tx.doc().node(root_ix);
        (n.prev_sibling, n.next_sibling)
    };
    let pantry = make_pantry(tx);
    let mut ctx = Ctx {
        tx,
        src,
        hooks,
        target: root_ix,
        pantry,
        maps,
        head: options.head,
        report: MorphReport::default(),
        skip_equal,
        matcher: Matcher::new(options.strategy),
    };
    let kids = match new_parent {
        NewParent::Children { parent, .. } => NewKids::Of(parent),
        NewParent::Single(n) => NewKids::Only(n),
    };
    let result = match style {
        MorphStyle::ChildrenOnly => ctx.morph_children(root_ix, kids, None, None),
        MorphStyle::Outer => {
            let parent = ctx.doc().node(root_ix).parent;
            let end = ctx.doc().node(root_ix).next_sibling;
            match parent {
                Some(p) => ctx.morph_children(p, kids, Some(root_ix), end),
                // A root without a parent went into a dummy <div> above.
                None => Err(MorphError::BadRoot(ctx.doc().describe_ix(root_ix))),
            }
        }
    };
    let Ctx { tx, mut report, .. } = ctx;
    match result {
        Ok(()) => {
            report.discarded = count_children(tx.doc(), pantry);
            tx.remove(pantry);
            report.nodes = match style {
                MorphStyle::ChildrenOnly => tx
                    .doc()
                    .child_ixs(root_ix)
                    .map(|c| tx.doc().id_of(c))
                    .collect(),
                MorphStyle::Outer => {
                    let doc = tx.doc();
                    let parent = dummy.or(doc.node(root_ix).parent);
                    let first = match before {
                        Some(b) => doc.node(b).next_sibling,
                        None => parent.and_then(|p| doc.node(p).first_child),
                    };
                    std::iter::successors(first, |&c| doc.node(c).next_sibling)
                        .take_while(|&c| Some(c) != after)
                        .map(|c| doc.id_of(c))
                        .collect()
                }
            };
            if let Some(div) = dummy {
                // The result is the caller's, detached as idiomorph leaves it; the dummy goes.
                for n in &report.nodes {
                    if let Some(ix) = tx.doc().ix(*n) {
                        tx.detach(ix);
                    }
                }
                tx.discard(div);
            }
            Ok(report)
        }
        Err(e) => {
            tx.rollback_to(savepoint);
            Err(e)
        }
    }
}

/// The live checkedness of an `<input>` (what `input.checked` returns), or `None` for a
/// node that is not a live input of `doc`.
pub fn live_checked(doc: &Document, input: NodeId) -> Option<bool> {
    let ix = doc.ix(input)?;
    form::is_input(doc, ix).then(|| form::checked(doc, ix))
}

/// The live selectedness of an `<option>` (what `option.selected` returns), or `None` for a
/// node that is not a live option of `doc`.
pub fn live_selected(doc: &Document, option: NodeId) -> Option<bool> {
    let ix = doc.ix(option)?;
    doc.elem(ix)?
        .is_html("option")
        .then(|| form::selected(doc, ix))
}

/// The live value of an `<input>` or `<textarea>` (what `.value` returns), or `None` for
/// other nodes.
pub fn live_value(doc: &Document, control: NodeId) -> Option<String> {
    let ix = doc.ix(control)?;
    let e = doc.elem(ix)?;
    if e.is_html("input") {
        Some(form::input_value(doc, ix))
    } else if e.is_html("textarea") {
        Some(form::textarea_value(doc, ix))
    } else {
        None
    }
}

/// idiomorph 0.7.4's pantry: a hidden `<div>` right after `<body>` (a child of `<html>`), or
/// detached when the document has no body.
fn make_pantry(tx: &mut Tx<'_>) -> Ix {
    let div = tx.create_element(html5ever::QualName::new(
        None,
        html5ever::ns!(html),
        html5ever::local_name!("div"),
    ));
    let _ = tx.set_attribute(div, "hidden", "");
    let body = tx.doc().body().and_then(|b| tx.doc().ix(b));
    if let Some(body) = body
        && let Some(html) = tx.doc().node(body).parent
    {
        let next = tx.doc().node(body).next_sibling;
        let _ = tx.insert_before(html, div, next);
    }
    div
}

fn count_children(doc: &Document, ix: Ix) -> usize {
    let mut n = 0;
    let mut c = doc.node(ix).first_child;
    while let Some(k) = c {
        if !matches!(doc.node(k).data, NodeData::Fragment) {
            n += 1;
        }
        c = doc.node(k).next_sibling;
    }
    n
}

/// `parent.insertBefore(node, before)` inside a transaction, with the reactions of form
/// controls the morph also applies (see `form::insert`). For the stream actions, which
/// insert and move nodes outside a morph.
pub(crate) fn insert_node(
    tx: &mut Tx<'_>,
    parent: Ix,
    node: Ix,
    before: Option<Ix>,
) -> Result<(), crate::dom::DomError> {
    form::insert(tx, parent, node, before)
}

/// `node.remove()` inside a transaction, with the reaction of a select that loses options.
pub(crate) fn remove_node(tx: &mut Tx<'_>, node: Ix) {
    form::remove(tx, node)
}

//! The built-in actions of Turbo 8.0.23's `StreamActions` (turbo-streams.md §5), step for
//! step: targets and the template are looked up when Turbo looks them up (so a stream sees
//! what the steps before it did), every target gets a fresh copy of the template, and an
//! error part-way keeps what was done before it, as in the browser.

use super::dedup;
use super::element::{self, get_attribute};
use super::error::{DocumentHierarchy, StreamErrorKind};
use super::refresh::Refresh;
use super::run::Run;
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix, NodeData};
use crate::morph::{MorphOptions, MorphStyle, NewContent, TurboHooks, insert_node, remove_node};

/// Runs the built-in action `name`, or `None` if there is none of that name.
pub(crate) fn builtin(
    tx: &mut Tx<'_>,
    run: &mut Run<'_>,
    s: Ix,
    name: &str,
) -> Option<Result<(), StreamErrorKind>> {
    Some(match name {
        "after" => after(tx, run, s),
        "append" => append(tx, run, s),
        "before" => before(tx, run, s),
        "prepend" => prepend(tx, run, s),
        "remove" => remove(tx, run, s),
        "replace" if method_is_morph(tx.doc(), s) => morph(tx, run, s, MorphStyle::Outer),
        "replace" => replace(tx, run, s),
        "update" if method_is_morph(tx.doc(), s) => morph(tx, run, s, MorphStyle::ChildrenOnly),
        "update" => update(tx, run, s),
        "refresh" => {
            refresh(tx.doc(), run, s);
            Ok(())
        }
        _ => return None,
    })
}

/// Whether the stream has `method="morph"` (what `replace` and `update` check first).
fn method_is_morph(doc: &Document, s: Ix) -> bool {
    get_attribute(doc, s, "method") == Some("morph")
}

/// Turbo's `templateContent`: a fresh deep copy of the template content's top-level nodes,
/// detached, in the page.
pub(crate) fn template_content(tx: &mut Tx<'_>, s: Ix) -> Result<Vec<Ix>, StreamErrorKind> {
    let t = element::template_element(tx, s)?;
    let Some(content) = element::contents(tx.doc(), t) else {
        return Ok(Vec::new());
    };
    let kids: Vec<Ix> = tx.doc().child_ixs(content).collect();
    Ok(kids.into_iter().map(|k| tx.clone_node(k)).collect())
}

/// Frees copies that were not inserted.
fn discard_all(tx: &mut Tx<'_>, nodes: &[Ix]) {
    for &n in nodes {
        tx.discard(n);
    }
}

/// Inserts `nodes` under `parent` before `before`, then lets the streams among them run.
fn insert_all(
    tx: &mut Tx<'_>,
    run: &mut Run<'_>,
    parent: Ix,
    nodes: &[Ix],
    before: Option<Ix>,
) -> Result<(), StreamErrorKind> {
    for (i, &n) in nodes.iter().enumerate() {
        if let Err(e) = insert_node(tx, parent, n, before) {
            discard_all(tx, &nodes[i..]);
            return Err(StreamErrorKind::Dom(e));
        }
    }
    run.inserted(tx, nodes)
}

/// The parent of `e` when it is an element (`parentElement`).
fn parent_element(doc: &Document, e: Ix) -> Option<Ix> {
    doc.node(e).parent.filter(|&p| doc.elem(p).is_some())
}

/// `append`: de-duplicate the targets' children, then append a copy to each target.
pub(crate) fn append(tx: &mut Tx<'_>, run: &mut Run<'_>, s: Ix) -> Result<(), StreamErrorKind> {
    dedup::remove_duplicate_children(tx, run, s)?;
    for e in run.targets(tx.doc(), s)? {
        let nodes = template_content(tx, s)?;
        insert_all(tx, run, e, &nodes, None)?;
    }
    Ok(())
}

/// `prepend`: de-duplicate the targets' children, then insert a copy before each target's
/// first child.
pub(crate) fn prepend(tx: &mut Tx<'_>, run: &mut Run<'_>, s: Ix) -> Result<(), StreamErrorKind> {
    dedup::remove_duplicate_children(tx, run, s)?;
    for e in run.targets(tx.doc(), s)? {
        let nodes = template_content(tx, s)?;
        let first = tx.doc().node(e).first_child;
        insert_all(tx, run, e, &nodes, first)?;
    }
    Ok(())
}

/// `before`: de-duplicate the targets' siblings, then insert a copy before each target that
/// has a parent element.
pub(crate) fn before(tx: &mut Tx<'_>, run: &mut Run<'_>, s: Ix) -> Result<(), StreamErrorKind> {
    dedup::remove_duplicate_siblings(tx, run, s)?;
    for e in run.targets(tx.doc(), s)? {
        let Some(p) = parent_element(tx.doc(), e) else {
            continue;
        };
        let nodes = template_content(tx, s)?;
        insert_all(tx, run, p, &nodes, Some(e))?;
    }
    Ok(())
}

/// `after`: de-duplicate the targets' siblings, then insert a copy right after each target
/// that has a parent element.
pub(crate) fn after(tx: &mut Tx<'_>, run: &mut Run<'_>, s: Ix) -> Result<(), StreamErrorKind> {
    dedup::remove_duplicate_siblings(tx, run, s)?;
    for e in run.targets(tx.doc(), s)? {
        let Some(p) = parent_element(tx.doc(), e) else {
            continue;
        };
        let nodes = template_content(tx, s)?;
        let next = tx.doc().node(e).next_sibling;
        insert_all(tx, run, p, &nodes, next)?;
    }
    Ok(())
}

/// `remove`: remove every target (the template is not read).
pub(crate) fn remove(tx: &mut Tx<'_>, run: &mut Run<'_>, s: Ix) -> Result<(), StreamErrorKind> {
    for e in run.targets(tx.doc(), s)? {
        remove_node(tx, e);
    }
    Ok(())
}

/// `replace`: each target is replaced by a copy (`replaceWith`).
pub(crate) fn replace(tx: &mut Tx<'_>, run: &mut Run<'_>, s: Ix) -> Result<(), StreamErrorKind> {
    for e in run.targets(tx.doc(), s)? {
        let nodes = template_content(tx, s)?;
        let Some(parent) = tx.doc().node(e).parent else {
            discard_all(tx, &nodes);
            continue;
        };
        if matches!(tx.doc().node(parent).data, NodeData::Document)
            && let Err(h) = document_can_take(tx.doc(), &nodes)
        {
            discard_all(tx, &nodes);
            return Err(StreamErrorKind::DocumentHierarchy(h));
        }
        let next = tx.doc().node(e).next_sibling;
        remove_node(tx, e);
        insert_all(tx, run, parent, &nodes, next)?;
    }
    Ok(())
}

/// The DOM's check of a fragment replacing the document element: no text, at most one
/// element (what Chromium reports first, in the content's order).
fn document_can_take(doc: &Document, nodes: &[Ix]) -> Result<(), DocumentHierarchy> {
    let mut elements = 0;
    for &n in nodes {
        match doc.node(n).data {
            NodeData::Text(_) => return Err(DocumentHierarchy::Text),
            NodeData::Element(_) => {
                elements += 1;
                if elements > 1 {
                    return Err(DocumentHierarchy::SeveralElements);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// `update`: each target's children are replaced by a copy (`innerHTML = ""` then
/// `append`; a `<template>` target has its content emptied and the copy appended as real
/// children).
pub(crate) fn update(tx: &mut Tx<'_>, run: &mut Run<'_>, s: Ix) -> Result<(), StreamErrorKind> {
    for e in run.targets(tx.doc(), s)? {
        let holder = element::contents(tx.doc(), e).unwrap_or(e);
        let old: Vec<Ix> = tx.doc().child_ixs(holder).collect();
        for c in old {
            remove_node(tx, c);
        }
        let nodes = template_content(tx, s)?;
        insert_all(tx, run, e, &nodes, None)?;
    }
    Ok(())
}

/// `replace` or `update` with `method="morph"` (and the handbook's `action="morph"`): each
/// target is morphed into a copy of the template, itself (`morphElements`,
/// [`MorphStyle::Outer`]) or its children (`morphChildren`, [`MorphStyle::ChildrenOnly`]).
pub(crate) fn morph(
    tx: &mut Tx<'_>,
    run: &mut Run<'_>,
    s: Ix,
    style: MorphStyle,
) -> Result<(), StreamErrorKind> {
    for e in run.targets(tx.doc(), s)? {
        morph_target(tx, run, s, e, style)?;
    }
    Ok(())
}

/// `morphElements(target, this.templateContent)` or `morphChildren(…)`, with Turbo's
/// callbacks. The new content is a copy of the template content in a document of its own.
fn morph_target(
    tx: &mut Tx<'_>,
    run: &mut Run<'_>,
    s: Ix,
    target: Ix,
    style: MorphStyle,
) -> Result<(), StreamErrorKind> {
    let t = element::template_element(tx, s)?;
    let mut content_doc = Document::new();
    content_doc.set_scripting_enabled(false);
    let root = match element::contents(tx.doc(), t) {
        Some(c) => content_doc.clone_from(Some(tx.doc()), c, true),
        None => content_doc.alloc(NodeData::Fragment),
    };
    let sp = tx.savepoint();
    let mut hooks = TurboHooks;
    let mut options = MorphOptions::default().style(style).hooks(&mut hooks);
    let target_id = tx.doc().id_of(target);
    let content = NewContent::Children {
        doc: &content_doc,
        parent: content_doc.id_of(root),
    };
    crate::morph::morph_in(tx, target_id, content, &mut options).map_err(StreamErrorKind::Morph)?;
    let inserted = tx.inserted_since(sp);
    run.inserted(tx, &inserted)
}

/// `refresh`: `session.refresh(baseURI, {method, requestId, scroll})`, debounced so that
/// the last call wins; the host gets it as an effect.
fn refresh(doc: &Document, run: &mut Run<'_>, s: Ix) {
    let read = |name: &str| {
        get_attribute(doc, s, name)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    run.refresh = Some(Refresh {
        request_id: read("request-id"),
        method: read("method"),
        scroll: read("scroll"),
    });
}

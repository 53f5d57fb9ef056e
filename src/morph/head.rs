//! `handleHeadElement` (morph.md §2.15): a matched `<head>` is merged, not morphed. Kept
//! elements stay where they are, new ones are appended, the rest removed; head attributes,
//! text and comments are left alone.

use std::collections::HashSet;

use super::HeadStyle;
use super::engine::Ctx;
use super::error::MorphError;
use super::hooks::NewNode;
use crate::dom::{Ix, NodeData};
use crate::parse::{FragmentOptions, parse_fragment};

fn element_children(doc: &crate::dom::Document, parent: Ix) -> Vec<Ix> {
    let mut v = Vec::new();
    let mut c = doc.node(parent).first_child;
    while let Some(k) = c {
        if matches!(doc.node(k).data, NodeData::Element(_)) {
            v.push(k);
        }
        c = doc.node(k).next_sibling;
    }
    v
}

fn attr_is_true(doc: &crate::dom::Document, el: Ix, name: &str) -> bool {
    doc.elem(el).and_then(|e| e.attr(name)) == Some("true")
}

pub(crate) fn handle_head(
    ctx: &mut Ctx<'_, '_, '_>,
    old_head: Ix,
    new_head: Ix,
) -> Result<(), MorphError> {
    let src = ctx.src;
    // New head elements by outerHTML, in order; equal ones collapse into one entry.
    let mut pending: Vec<(String, Ix)> = Vec::new();
    for k in element_children(src, new_head) {
        let html = src.outer_html(src.id_of(k));
        match pending.iter_mut().find(|(h, _)| *h == html) {
            Some(entry) => entry.1 = k,
            None => pending.push((html, k)),
        }
    }
    let mut removed = Vec::new();
    let mut to_append: Vec<String> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    for el in element_children(ctx.doc(), old_head) {
        let html = ctx.doc().outer_html(ctx.doc().id_of(el));
        let in_new = pending.iter().any(|(h, _)| *h == html) && !taken.contains(&html);
        let re_append = attr_is_true(ctx.doc(), el, "im-re-append");
        let preserve = attr_is_true(ctx.doc(), el, "im-preserve");
        if in_new || preserve {
            if re_append {
                removed.push(el);
            } else {
                taken.insert(html);
            }
        } else if ctx.head == HeadStyle::Append {
            if re_append {
                removed.push(el);
                to_append.push(html);
            }
        } else {
            removed.push(el);
        }
    }
    to_append.extend(
        pending
            .into_iter()
            .filter(|(h, _)| !taken.contains(h))
            .map(|(h, _)| h),
    );
    for html in to_append {
        // Re-parsed as createContextualFragment does (a <body> context) so scripts would run.
        let frag = parse_fragment(
            &html,
            &FragmentOptions {
                context: html5ever::QualName::new(
                    None,
                    html5ever::ns!(html),
                    html5ever::local_name!("body"),
                ),
                scripting: true,
                ..FragmentOptions::default()
            },
        );
        let Some(first) = frag.document().node(frag.root).first_child else {
            continue;
        };
        let nn = NewNode {
            doc: frag.document(),
            node: frag.document().id_of(first),
        };
        if ctx.hooks.before_node_added(ctx.tx.doc, nn) {
            let copy = ctx.tx.import(frag.document(), first);
            ctx.tx
                .insert_before(old_head, copy, None)
                .map_err(MorphError::from)?;
            ctx.report.created += 1;
            let id = ctx.doc().id_of(copy);
            ctx.hooks.after_node_added(ctx.tx.doc, id);
        }
    }
    for el in removed {
        let id = ctx.doc().id_of(el);
        if ctx.hooks.before_node_removed(ctx.tx.doc, id) {
            ctx.tx.remove(el);
            ctx.report.removed += 1;
            ctx.hooks.after_node_removed(ctx.tx.doc, id);
        }
    }
    Ok(())
}

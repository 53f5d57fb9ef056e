//! The oracle's morph setup as a function: old markup in a `<div>` of a no-quirks page, its
//! first element morphed into new markup given as a string. The CLI's `morph --fragment`
//! and the conformance tests use it.

use std::collections::HashMap;

use html5ever::{QualName, local_name, ns};

use super::{MorphError, MorphOptions, MorphReport, NewContent, morph};
use crate::dom::{Document, NodeId, QuirksMode};
use crate::parse::{FragmentOptions, parse_fragment};

/// The result of [`morph_fragment`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentMorph {
    /// The container's inner HTML after the morph.
    pub html: String,
    /// For each element below the container after the morph (pre-order, not in template
    /// contents), its pre-order number before the morph, or `None` if the morph created it.
    pub identity: Vec<Option<usize>>,
    /// What the morph did.
    pub report: MorphReport,
}

/// Parses `old` as `container.innerHTML = old` (a `<div>` in the `<body>` of a no-quirks
/// page), morphs its first element into `new` (a string, parsed as idiomorph parses one)
/// with `options`, and reports the container's HTML and the elements' identity — exactly
/// what `../shared/tools/oracle` records for its `morph` cases.
pub fn morph_fragment(
    old: &str,
    new: &str,
    options: &mut MorphOptions<'_>,
) -> Result<FragmentMorph, MorphError> {
    let mut page =
        Document::parse("<!DOCTYPE html><html><head></head><body><div></div></body></html>");
    let container = page
        .body()
        .and_then(|b| page.first_child(b))
        .ok_or_else(|| MorphError::BadRoot("the container page".into()))?;
    let parsed = parse_fragment(
        old,
        &FragmentOptions {
            context: QualName::new(None, ns!(html), local_name!("div")),
            scripting: true,
            quirks_mode: QuirksMode::NoQuirks,
        },
    );
    for child in parsed.children().collect::<Vec<_>>() {
        let copy = page
            .import_node(parsed.document(), child, true)
            .map_err(|e| MorphError::Hierarchy(e.to_string()))?;
        page.append_child(container, copy)
            .map_err(|e| MorphError::Hierarchy(e.to_string()))?;
    }
    let root = page
        .children(container)
        .find(|&c| page.element(c).is_some())
        .ok_or_else(|| MorphError::BadRoot("old markup without an element".into()))?;
    let before: HashMap<NodeId, usize> = elements_below(&page, container)
        .enumerate()
        .map(|(i, n)| (n, i))
        .collect();
    let report = morph(&mut page, root, NewContent::Html(new), options)?;
    let identity = elements_below(&page, container)
        .map(|n| before.get(&n).copied())
        .collect();
    Ok(FragmentMorph {
        html: page.inner_html(container),
        identity,
        report,
    })
}

fn elements_below(doc: &Document, container: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    doc.descendants(container)
        .skip(1)
        .filter(|&n| doc.element(n).is_some())
}

//! Parsing with html5ever into the arena, the three ways the browser side of Turbo parses:
//!
//! * a **page**, as a browser loads it ([`Document::parse`]: scripting enabled, so
//!   `<noscript>` holds raw text; quirks mode from the doctype);
//! * a **stream message** or any template markup ([`parse_template_contents`]): the fragment
//!   parsing algorithm with a `<template>` context, as `template.innerHTML = html` does
//!   (turbo-streams.md §2.1): scripting disabled, no-quirks, `<tr>`/`<td>`/`<option>` kept at
//!   the top level, `<html>`/`<head>`/`<body>` tags dropped;
//! * a **string given to idiomorph** ([`parse_idiomorph`], morph.md §2.2): a `DOMParser`
//!   document parse (scripting disabled, quirks mode unless the string has a doctype), either
//!   of the whole string or of the `<body><template>…</template></body>` wrapper.
//!
//! No input makes any of them panic: html5ever accepts every string, and the sink never
//! assumes well-formed calls.

mod idiomorph;
mod sink;

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ParseOpts, QualName, local_name, ns};

use crate::dom::{Document, Fragment, Ix, NodeData, QuirksMode};
pub(crate) use idiomorph::is_js_space;
pub use idiomorph::{IdiomorphBranch, parse_idiomorph};
use sink::ArenaSink;

impl Document {
    /// Parses a whole page exactly as a browser builds it when it loads the page (scripting
    /// enabled). Never fails: every string is some document.
    ///
    /// ```
    /// let doc = domorph::Document::parse("<title>Hi</title><p id=a>one");
    /// assert_eq!(doc.to_html(), "<html><head><title>Hi</title></head><body><p id=\"a\">one</p></body></html>");
    /// assert!(doc.get_element_by_id("a").is_some());
    /// ```
    pub fn parse(html: &str) -> Document {
        parse_document(html, true)
    }
}

impl Fragment {
    /// Parses markup as template content (what [`parse_template_contents`] does).
    pub fn parse(html: &str) -> Fragment {
        parse_template_contents(html)
    }
}

fn opts(scripting: bool, quirks: QuirksMode) -> ParseOpts {
    ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: scripting,
            quirks_mode: quirks,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// A guess at how many nodes `html` makes, so that the arena is allocated once instead of
/// regrown (a regrowth copies the whole arena, 3 MB for a 1 MB page). Nearly every node is an
/// element, whose start tag has a `<`, or text, usually followed by an end tag with one.
/// Counting `<` beats any bytes-per-node ratio: pages of the same size range from 10 to 30
/// bytes per node. The slack covers the elements the parser adds (`<html>`, `<tbody>`, …);
/// what is left over is given back after parsing.
fn node_estimate(html: &str) -> usize {
    // Counted in chunks into a `u8`, which the compiler vectorizes: 1 MB takes about 0.1 ms.
    let lt: usize = html
        .as_bytes()
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == b'<'))))
        .sum();
    lt + lt / 8 + 16
}

/// Parses a whole document. `scripting` is on for a page a browser loads and off for
/// `DOMParser` documents (then `<noscript>` content is markup).
pub fn parse_document(html: &str, scripting: bool) -> Document {
    let mut doc = Document::with_capacity(node_estimate(html));
    doc.set_scripting_enabled(scripting);
    let sink = ArenaSink::new(doc);
    let mut doc = html5ever::parse_document(sink, opts(scripting, QuirksMode::NoQuirks)).one(html);
    doc.shrink_arena();
    doc
}

/// How a fragment is parsed: the context element and the document it pretends to be in.
#[derive(Debug, Clone)]
pub struct FragmentOptions {
    /// The context element's name (`template` for stream messages).
    pub context: QualName,
    /// Whether scripting is enabled (off for template contents and `DOMParser`).
    pub scripting: bool,
    /// The quirks mode of the context element's document.
    pub quirks_mode: QuirksMode,
}

impl Default for FragmentOptions {
    /// A `<template>` context, scripting disabled, no-quirks: template-content parsing.
    fn default() -> Self {
        FragmentOptions {
            context: QualName::new(None, ns!(html), local_name!("template")),
            scripting: false,
            quirks_mode: QuirksMode::NoQuirks,
        }
    }
}

/// The HTML fragment parsing algorithm: `html` parsed as if it were the inner HTML of a
/// context element.
pub fn parse_fragment(html: &str, options: &FragmentOptions) -> Fragment {
    let mut doc = Document::with_capacity(node_estimate(html));
    doc.set_scripting_enabled(options.scripting);
    doc.set_quirks_mode(options.quirks_mode);
    let sink = ArenaSink::new(doc);
    let context = sink.create(options.context.clone());
    let mut doc = html5ever::driver::parse_fragment_for_element(
        sink,
        opts(options.scripting, options.quirks_mode),
        context,
        options.scripting,
        None,
    )
    .one(html);
    // The tree builder puts the fragment's nodes under an <html> element it made under the
    // document node; move them to a fragment and drop the scaffolding and the context.
    let frag = doc.alloc(NodeData::Fragment);
    let root = doc.root_ix();
    while let Some(c) = doc.node(root).first_child {
        doc.raw_detach(c);
        move_children(&mut doc, c, frag);
        doc.free_subtree(c);
    }
    doc.free_subtree(context);
    // The sink indexed ids under the scaffolding; fragment content is not connected.
    doc.rebuild_id_index();
    doc.shrink_arena();
    Fragment::new(doc, frag)
}

/// Parses markup as a `<template>`'s content, exactly as Turbo parses a stream message
/// (`template.innerHTML = html`; turbo-streams.md §2.1): scripting disabled, no-quirks.
///
/// ```
/// let f = domorph::parse::parse_template_contents("<tr><td>1</td></tr><html><p>x");
/// assert_eq!(f.to_html(), "<tr><td>1</td></tr><p>x</p>");
/// ```
pub fn parse_template_contents(html: &str) -> Fragment {
    parse_fragment(html, &FragmentOptions::default())
}

pub(crate) fn move_children(doc: &mut Document, from: Ix, to: Ix) {
    while let Some(c) = doc.node(from).first_child {
        doc.raw_detach(c);
        doc.raw_append(to, c);
    }
}

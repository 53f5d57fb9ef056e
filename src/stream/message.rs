//! A stream message, parsed once (turbo-streams.md §2) and applicable to any number of
//! pages; and [`Stream`], one `<turbo-stream>` element as plain data.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use html5ever::{QualName, local_name, ns};

use super::element::{self, TemplateLookup, non_empty};
use super::error::{StreamError, StreamErrorKind};
use crate::dom::{Attribute, Document, Fragment, Ix, NodeData};
use crate::parse::parse_template_contents;
use crate::select::{Selector, SelectorError};

/// One `<turbo-stream>` element as plain data: its attributes in source order and its
/// template's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stream {
    attributes: Vec<(String, String)>,
    template: Option<String>,
    opening_tag: String,
}

impl Stream {
    /// Reads a stream element of `doc` (its attributes now, and its template's content as
    /// HTML).
    pub(crate) fn from_element(doc: &Document, el: Ix) -> Stream {
        let attributes = doc
            .elem(el)
            .map(|e| {
                e.attrs()
                    .iter()
                    .map(|a| (qualified_name(a), a.value.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let template = match element::lookup_template(doc, el) {
            TemplateLookup::Found(t) => Some(
                element::contents(doc, t)
                    .map(|c| doc.inner_html(doc.id_of(c)))
                    .unwrap_or_default(),
            ),
            TemplateLookup::Missing => Some(String::new()),
            TemplateLookup::NotFirst => None,
        };
        Stream {
            attributes,
            template,
            opening_tag: element::description(doc, el),
        }
    }

    /// `getAttribute(name)` (names are lower case, as the parser made them).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every attribute, in source order, as (qualified name, value).
    pub fn attributes(&self) -> &[(String, String)] {
        &self.attributes
    }

    /// The `action` attribute, when present and not empty.
    pub fn action(&self) -> Option<&str> {
        self.attribute("action").filter(|v| !v.is_empty())
    }

    /// The `target` attribute (an element id), when present and not empty.
    pub fn target(&self) -> Option<&str> {
        self.attribute("target").filter(|v| !v.is_empty())
    }

    /// The `targets` attribute (a CSS selector), when present and not empty.
    pub fn targets(&self) -> Option<&str> {
        self.attribute("targets").filter(|v| !v.is_empty())
    }

    /// The `method` attribute as written (`morph` is the only value Turbo acts on).
    pub fn method(&self) -> Option<&str> {
        self.attribute("method")
    }

    /// The `request-id` attribute (`refresh`).
    pub fn request_id(&self) -> Option<&str> {
        self.attribute("request-id")
    }

    /// The template's content as HTML: the first element child's content when it is a
    /// `<template>`, empty when the stream has no element child, `None` when its first
    /// element child is something else (Turbo refuses the stream).
    pub fn template_html(&self) -> Option<&str> {
        self.template.as_deref()
    }

    /// The opening tag as Turbo names the stream in its errors
    /// (`<turbo-stream action="append" target="a">`).
    pub fn opening_tag(&self) -> &str {
        &self.opening_tag
    }
}

impl fmt::Display for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.opening_tag)
    }
}

/// An attribute's qualified name (`prefix:local` or `local`), as `Attr.name` gives it.
fn qualified_name(a: &Attribute) -> String {
    match &a.name.prefix {
        Some(p) => format!("{p}:{}", a.name.local),
        None => a.name.local.to_string(),
    }
}

/// A Turbo Stream message, parsed as Turbo 8.0.23 parses it (turbo-streams.md §1.3, §2):
/// template-contents parsing with scripting disabled, every `<turbo-stream>` outside
/// template contents in tree order, the first-element-child `<template>` rule, the import
/// step's script activation and empty templates.
///
/// Parse once, apply to any number of pages ([`crate::page::Page::apply`] or
/// [`crate::stream::apply`]); it is `Send + Sync` and never changed by applying it.
///
/// ```
/// use domorph::stream::Message;
///
/// let m = Message::parse(r#"<turbo-stream action="append" target="list"><template><li>x</li></template></turbo-stream>"#)?;
/// assert_eq!(m.streams().len(), 1);
/// assert_eq!(m.streams()[0].action(), Some("append"));
/// assert_eq!(m.streams()[0].template_html(), Some("<li>x</li>"));
/// # Ok::<(), domorph::stream::StreamError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Message {
    /// The whole message as Turbo appends it, after the import step.
    pub(crate) fragment: Fragment,
    /// Every `<turbo-stream>` of the fragment's document, in tree order.
    stream_elements: Vec<Ix>,
    /// Their data, read when [`Message::streams`] is first called (applying does not need
    /// it).
    streams: OnceLock<Vec<Stream>>,
    /// `targets` selectors of the message, parsed once.
    pub(crate) selectors: HashMap<Box<str>, Result<Selector, SelectorError>>,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Message>();
};

impl Message {
    /// Parses a message. `Err` when Turbo's import step throws, so that the browser drops the
    /// whole message whatever the page: a stream whose first element child is not a
    /// `<template>`, a `<turbo-stream>` inside SVG or MathML, or a template `<script>` with an
    /// attribute name `setAttribute` refuses. Never panics.
    pub fn parse(html: &str) -> Result<Message, StreamError> {
        let fragment = parse_template_contents(html);
        let (mut doc, root) = fragment.into_parts();
        let root = doc.ix(root).unwrap_or_else(|| doc.root_ix());
        let mut found = Vec::new();
        for c in doc.child_ixs(root) {
            element::named_streams_in(&doc, c, &mut found);
        }
        // importStreamElements: each found element in order is imported (its template looked
        // up, its template's scripts activated) and put in place of the original; an
        // element inside an earlier one is imported into a copy that is thrown away.
        // The streams inside no earlier one, each with whether it has no template yet.
        let mut outermost: Vec<(Ix, bool)> = Vec::new();
        for &s in &found {
            // `found` is in tree order: an earlier stream holding `s` holds it through the
            // last outermost one, which is then an ancestor of `s`.
            let inside_earlier = outermost
                .last()
                .is_some_and(|&(a, _)| doc.is_ancestor(a, s));
            let is_html = doc.elem(s).is_some_and(element::is_stream);
            if !is_html {
                return Err(StreamError::new(
                    element::description(&doc, s),
                    StreamErrorKind::ForeignStream,
                ));
            }
            let template = match element::lookup_template(&doc, s) {
                TemplateLookup::NotFirst => {
                    return Err(StreamError::new(
                        element::description(&doc, s),
                        StreamErrorKind::TemplateNotFirst { at_import: true },
                    ));
                }
                TemplateLookup::Found(t) => Some(t),
                TemplateLookup::Missing => None,
            };
            if let Some(t) = template {
                activate_scripts(&mut doc, t, !inside_earlier)
                    .map_err(|k| StreamError::new(element::description(&doc, s), k))?;
            }
            if !inside_earlier {
                outermost.push((s, template.is_none()));
            }
        }
        for (s, missing) in outermost {
            if missing {
                let t = doc.create_element_ix(element::template_name(), Vec::new());
                doc.raw_append(s, t);
            }
        }
        let mut selectors = HashMap::new();
        for &s in &found {
            if non_empty(&doc, s, "target").is_none()
                && let Some(sel) = non_empty(&doc, s, "targets")
                && !selectors.contains_key(sel)
            {
                selectors.insert(sel.into(), Selector::parse(sel));
            }
        }
        Ok(Message {
            fragment: Fragment::new(doc, root),
            stream_elements: found,
            streams: OnceLock::new(),
            selectors,
        })
    }

    /// Every `<turbo-stream>` of the message in tree order (also those nested in another
    /// stream's non-template children or in stray markup; not those inside templates, which
    /// only run once an action inserts them).
    pub fn streams(&self) -> &[Stream] {
        self.streams.get_or_init(|| {
            let doc = &self.fragment.doc;
            self.stream_elements
                .iter()
                .map(|&s| Stream::from_element(doc, s))
                .collect()
        })
    }

    /// The parsed message: every node Turbo appends to `<html>`, streams, whitespace and
    /// stray markup alike.
    pub fn fragment(&self) -> &Fragment {
        &self.fragment
    }

    /// The message as HTML, after the import step (empty `<template>`s added to streams
    /// without one).
    pub fn to_html(&self) -> String {
        self.fragment.to_html()
    }
}

impl std::str::FromStr for Message {
    type Err = StreamError;

    fn from_str(s: &str) -> Result<Message, StreamError> {
        Message::parse(s)
    }
}

/// Turbo's `activateScriptElement` for every `<script>` of a template's content (not in
/// nested templates) without `data-turbo-eval="false"`: a new HTML `<script>` with the same
/// attributes (set with `setAttribute`, so lower-cased and without namespace) and text.
/// For an HTML script that changes nothing visible; a `<script>` in SVG becomes an HTML one.
/// When `keep` is false the copy is thrown away (Turbo activated a discarded import), but an
/// invalid attribute name still throws.
fn activate_scripts(doc: &mut Document, template: Ix, keep: bool) -> Result<(), StreamErrorKind> {
    let Some(content) = element::contents(doc, template) else {
        return Ok(());
    };
    let mut scripts = Vec::new();
    let mut cur = doc.node(content).first_child;
    while let Some(n) = cur {
        if let Some(e) = doc.elem(n)
            && &*e.name().local == "script"
        {
            scripts.push(n);
        }
        cur = doc.next_in(n, content);
    }
    for s in scripts {
        let Some(e) = doc.elem(s) else { continue };
        if e.get_attribute("data-turbo-eval") == Some("false") {
            continue;
        }
        let mut attrs: Vec<Attribute> = Vec::new();
        for a in e.attrs() {
            let name = qualified_name(a).to_ascii_lowercase();
            if !valid_attribute_name(&name) {
                return Err(StreamErrorKind::InvalidScriptAttribute(name));
            }
            match attrs.iter_mut().find(|x| x.is(&name)) {
                Some(x) => x.value = a.value.clone(),
                None => attrs.push(Attribute::new(&name, &a.value)),
            }
        }
        if !keep || e.name().ns == ns!(html) {
            continue;
        }
        let text = doc.text_content(doc.id_of(s));
        let new =
            doc.create_element_ix(QualName::new(None, ns!(html), local_name!("script")), attrs);
        if !text.is_empty() {
            let t = doc.alloc(NodeData::Text(text.into()));
            doc.raw_append(new, t);
        }
        if let Some(parent) = doc.node(s).parent {
            let next = doc.node(s).next_sibling;
            doc.raw_detach(s);
            doc.raw_insert_before(parent, new, next);
            doc.free_subtree(s);
        }
    }
    Ok(())
}

/// What Chromium 156's `setAttribute` accepts as a name: no ASCII whitespace, NUL, `/`, `=`
/// or `>` (only `=` can come out of the parser, as a name's first character).
fn valid_attribute_name(name: &str) -> bool {
    !name.is_empty()
        && !name.bytes().any(|b| {
            matches!(
                b,
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | 0 | b'/' | b'=' | b'>'
            )
        })
}

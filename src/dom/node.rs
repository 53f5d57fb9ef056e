//! What one node of the arena holds: its links and its data.

use std::num::NonZeroU32;

use compact_str::CompactString;
use html5ever::QualName;

use super::form::FormState;

/// A raw slot number in the arena. Slot 0 is never used, so `Option<Ix>` is 4 bytes.
pub(crate) type Ix = NonZeroU32;

/// A node of the arena: five tree links, a generation stamp and the node's data.
///
/// The generation is even while the slot holds a live node and odd while it is free; it is
/// bumped on every free and on every reuse, so a [`NodeId`](super::NodeId) taken before a
/// free never matches the slot again.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) parent: Option<Ix>,
    pub(crate) first_child: Option<Ix>,
    pub(crate) last_child: Option<Ix>,
    pub(crate) prev_sibling: Option<Ix>,
    pub(crate) next_sibling: Option<Ix>,
    pub(crate) generation: u32,
    pub(crate) data: NodeData,
}

impl Node {
    pub(crate) fn new(data: NodeData, generation: u32) -> Node {
        Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            generation,
            data,
        }
    }

    pub(crate) fn is_free(&self) -> bool {
        self.generation & 1 == 1
    }
}

/// The kind of a node and what it carries, as the DOM defines them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NodeData {
    /// The document node: the root of a page's tree.
    Document,
    /// A document fragment: the content of a `<template>`, or parsed markup not yet inserted.
    Fragment,
    /// `<!DOCTYPE name public system>`.
    Doctype(Box<Doctype>),
    /// A text node. Text of up to 24 bytes (most text nodes: whitespace between tags,
    /// labels, numbers) is stored in the node itself.
    Text(CompactString),
    /// A comment (`<!--data-->`), stored as text is.
    Comment(CompactString),
    /// A processing instruction (never produced by the HTML parser; kept for interop).
    ProcessingInstruction(Box<ProcessingInstruction>),
    /// An element.
    Element(ElementData),
}

impl NodeData {
    /// The element data, if this is an element.
    pub fn as_element(&self) -> Option<&ElementData> {
        match self {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The text of a text node.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The data of a comment node.
    pub fn as_comment(&self) -> Option<&str> {
        match self {
            NodeData::Comment(t) => Some(t),
            _ => None,
        }
    }

    /// Whether nodes of this kind may have children (document, fragment, element).
    pub fn can_have_children(&self) -> bool {
        matches!(
            self,
            NodeData::Document | NodeData::Fragment | NodeData::Element(_)
        )
    }
}

/// A document type declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doctype {
    /// The name (`html` in `<!DOCTYPE html>`).
    pub name: String,
    /// The public identifier, possibly empty.
    pub public_id: String,
    /// The system identifier, possibly empty.
    pub system_id: String,
}

/// A processing instruction's target and data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessingInstruction {
    /// The target (`xml` in `<?xml version="1.0"?>`).
    pub target: String,
    /// Everything after the target.
    pub data: String,
}

/// One attribute of an element. Values are owned [`CompactString`]s (not tendrils) so that
/// a [`Document`](super::Document) is `Send + Sync`; values of up to 24 bytes (ids, most
/// class lists) are stored in the attribute itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The attribute's qualified name (namespace and prefix are set only in foreign content,
    /// e.g. `xlink:href`).
    pub name: QualName,
    /// The attribute's value.
    pub value: CompactString,
}

impl Attribute {
    /// An attribute in no namespace, as HTML attributes are.
    pub fn new(local: &str, value: &str) -> Attribute {
        Attribute {
            name: QualName::new(None, html5ever::ns!(), local.into()),
            value: value.into(),
        }
    }

    /// Whether this attribute is `local` in no namespace.
    pub fn is(&self, local: &str) -> bool {
        self.name.ns == html5ever::ns!() && &*self.name.local == local
    }
}

/// An element's attributes, in order, behind one pointer.
///
/// It derefs to `[Attribute]` and has the few `Vec` edits the DOM needs. It is a
/// [`ThinVec`](thin_vec::ThinVec): length and capacity live in the heap block with the
/// attributes, so the list takes 8 bytes in the arena slot (a `Vec` takes 24, a boxed slice
/// 16), and an element without attributes points to a shared empty header instead of
/// allocating. The arena slot is as big as the largest [`NodeData`], so every byte here is
/// a byte of every node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AttrList(thin_vec::ThinVec<Attribute>);

impl AttrList {
    /// Appends an attribute.
    pub(crate) fn push(&mut self, attr: Attribute) {
        self.0.reserve_exact(1);
        self.0.push(attr)
    }

    /// Inserts an attribute at `index` (panics past the end, as `Vec::insert` does).
    pub(crate) fn insert(&mut self, index: usize, attr: Attribute) {
        self.0.reserve_exact(1);
        self.0.insert(index, attr)
    }

    /// Removes the attribute at `index` (panics past the end, as `Vec::remove` does).
    pub(crate) fn remove(&mut self, index: usize) -> Attribute {
        self.0.remove(index)
    }
}

impl From<Vec<Attribute>> for AttrList {
    fn from(v: Vec<Attribute>) -> AttrList {
        AttrList(thin_vec::ThinVec::from(v))
    }
}

impl std::ops::Deref for AttrList {
    type Target = [Attribute];
    fn deref(&self) -> &[Attribute] {
        &self.0
    }
}

impl std::ops::DerefMut for AttrList {
    fn deref_mut(&mut self) -> &mut [Attribute] {
        &mut self.0
    }
}

/// What the parser needs to know about an element later: whether it is a MathML
/// `annotation-xml` HTML integration point (kept in [`RareData`]: few elements are).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum ParserFlags {
    /// Nothing to remember.
    #[default]
    None,
    /// A MathML `annotation-xml` element that is an HTML integration point.
    MathmlAnnotationXmlIntegrationPoint,
}

/// The only parser flag there is.
pub(crate) const FLAG_MATHML_ANNOTATION_XML_INTEGRATION_POINT: ParserFlags =
    ParserFlags::MathmlAnnotationXmlIntegrationPoint;

/// An element: its name, its attributes in order, and what only some elements have.
///
/// 40 bytes: what only templates, a few MathML elements and form controls with live state
/// have is boxed separately, since every arena slot is as big as the biggest node.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementData {
    pub(crate) name: QualName,
    pub(crate) attrs: AttrList,
    pub(crate) rare: Option<Box<RareData>>,
}

/// The parts of an element that only some elements have.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RareData {
    /// For an HTML `<template>`: the fragment holding its content (never a child of the
    /// template, never connected to the document).
    pub(crate) template_contents: Option<Ix>,
    pub(crate) flags: ParserFlags,
    /// Live state of a form control, once something wrote it; `None` means everything is
    /// still derived from the attributes. Never serialized.
    pub(crate) form: Option<FormState>,
}

impl ElementData {
    pub(crate) fn new(name: QualName, attrs: Vec<Attribute>) -> ElementData {
        ElementData {
            name,
            attrs: attrs.into(),
            rare: None,
        }
    }

    /// The rare parts, made if missing.
    fn rare_mut(&mut self) -> &mut RareData {
        self.rare.get_or_insert_with(Default::default)
    }

    /// Drops the rare parts when nothing is left in them.
    fn tidy_rare(&mut self) {
        if self.rare.as_deref() == Some(&RareData::default()) {
            self.rare = None;
        }
    }

    /// For an HTML `<template>`: the fragment holding its content.
    pub(crate) fn template_contents(&self) -> Option<Ix> {
        self.rare.as_ref().and_then(|r| r.template_contents)
    }

    /// Sets (or clears) the template-contents fragment.
    pub(crate) fn set_template_contents(&mut self, contents: Option<Ix>) {
        self.rare_mut().template_contents = contents;
        self.tidy_rare();
    }

    /// What the parser noted about the element.
    pub(crate) fn flags(&self) -> ParserFlags {
        self.rare.as_ref().map_or(ParserFlags::None, |r| r.flags)
    }

    /// Notes a parser flag.
    pub(crate) fn set_flags(&mut self, flags: ParserFlags) {
        self.rare_mut().flags = flags;
        self.tidy_rare();
    }

    /// The live form state, made (all derived from attributes) if missing.
    pub(crate) fn form_mut(&mut self) -> &mut FormState {
        self.rare_mut().form.get_or_insert_with(Default::default)
    }

    /// Replaces the live form state (`None`: derive everything from the attributes again).
    pub(crate) fn set_form(&mut self, form: Option<FormState>) {
        self.rare_mut().form = form;
        self.tidy_rare();
    }

    /// The element's qualified name.
    pub fn name(&self) -> &QualName {
        &self.name
    }

    /// The local name (`div`, `foreignObject`, `turbo-stream`).
    pub fn local_name(&self) -> &str {
        &self.name.local
    }

    /// Whether this is an HTML element named `local`.
    pub fn is_html(&self, local: &str) -> bool {
        self.name.ns == html5ever::ns!(html) && &*self.name.local == local
    }

    /// The attributes, in order.
    pub fn attrs(&self) -> &[Attribute] {
        &self.attrs
    }

    /// The value of the attribute `local` in no namespace.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.is(local)).map(|a| &*a.value)
    }

    /// `element.getAttribute(name)`: the value of the first attribute whose qualified name
    /// (`prefix:local`) is `name`, ASCII-lower-cased first on HTML elements.
    pub fn get_attribute(&self, name: &str) -> Option<&str> {
        self.attribute_position(name).map(|i| &*self.attrs[i].value)
    }

    /// Where [`get_attribute`](Self::get_attribute)'s attribute stands in the list.
    pub(crate) fn attribute_position(&self, name: &str) -> Option<usize> {
        let name = self.dom_attribute_name(name);
        self.attrs.iter().position(|a| qualified_is(&a.name, &name))
    }

    /// The name the DOM's attribute methods look for: ASCII-lower-cased on HTML elements
    /// (DOM §4.9, "get an attribute by name"), as given elsewhere.
    pub(crate) fn dom_attribute_name<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        if self.name.ns == html5ever::ns!(html) && name.bytes().any(|b| b.is_ascii_uppercase()) {
            name.to_ascii_lowercase().into()
        } else {
            name.into()
        }
    }

    /// The `id` attribute, as `getAttribute("id")` reads it.
    pub fn id(&self) -> Option<&str> {
        // Compares interned names (an integer each), not strings: the id index reads every
        // element's id after each parse.
        self.attrs
            .iter()
            .find(|a| a.name.local == html5ever::local_name!("id") && a.name.ns == html5ever::ns!())
            .map(|a| &*a.value)
    }

    /// The DOM `tagName`: ASCII upper case for HTML elements, as written for the others.
    pub fn tag_name(&self) -> std::borrow::Cow<'_, str> {
        if self.name.ns == html5ever::ns!(html) {
            std::borrow::Cow::Owned(str::to_ascii_uppercase(&self.name.local))
        } else {
            std::borrow::Cow::Borrowed(&self.name.local)
        }
    }

    /// The live form-control state, if any write made it differ from the attributes.
    pub fn form_state(&self) -> Option<&FormState> {
        self.rare.as_ref().and_then(|r| r.form.as_ref())
    }
}

/// Whether an attribute's qualified name (`prefix:local`, or `local`) is `name`.
pub(crate) fn qualified_is(attr: &QualName, name: &str) -> bool {
    match &attr.prefix {
        None => &*attr.local == name,
        Some(p) => {
            name.len() == p.len() + 1 + attr.local.len()
                && name.starts_with(&**p)
                && name.as_bytes()[p.len()] == b':'
                && name.ends_with(&*attr.local)
        }
    }
}

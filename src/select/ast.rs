//! What the Chromium-compatible grammar ([`super::grammar`]) produces: a selector list reduced
//! to what can match an element of a server-held page.
//!
//! Everything Chromium accepts but that never matches here (pseudo-elements, `:hover`,
//! `:host`, …) is kept as [`Simple::Never`], so that negations stay right (`:not(:hover)`
//! matches every element).

pub(crate) use super::pseudo::PseudoClass;

/// A combinator between two compound selectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Combinator {
    /// Whitespace.
    Descendant,
    /// `>`.
    Child,
    /// `+`.
    NextSibling,
    /// `~`.
    LaterSibling,
}

/// A complex selector: compounds joined by combinators, left to right.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Complex {
    pub(crate) first: Compound,
    pub(crate) rest: Vec<(Combinator, Compound)>,
}

/// A relative selector (an argument of `:has()`): a leading combinator and a complex selector.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Relative {
    pub(crate) lead: Combinator,
    pub(crate) complex: Complex,
}

/// A compound selector: an optional type selector and simple selectors.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Compound {
    pub(crate) ty: Option<TypeSel>,
    pub(crate) simples: Vec<Simple>,
}

/// Which namespaces a type or attribute selector accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NsSel {
    /// No prefix or `*|`: any namespace.
    Any,
    /// `|`: no namespace.
    None,
}

/// A type selector (`div`, `*`, `|p`, `*|*`). The name is ASCII-lower-cased, as Chromium does
/// for selectors in HTML documents; `None` is `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypeSel {
    pub(crate) ns: NsSel,
    pub(crate) name: Option<Box<str>>,
}

/// An attribute selector's operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttrOp {
    /// `=`.
    Equal,
    /// `~=`.
    Includes,
    /// `|=`.
    DashMatch,
    /// `^=`.
    Prefix,
    /// `$=`.
    Suffix,
    /// `*=`.
    Substring,
}

/// An attribute selector. The name is ASCII-lower-cased (HTML document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttrSel {
    pub(crate) ns: NsSel,
    /// Whether the selector names a namespace (`*|a`, `|a`); then the legacy
    /// case-insensitive attribute values do not apply.
    pub(crate) prefixed: bool,
    pub(crate) name: Box<str>,
    /// Operator, value and whether the `i` flag was given.
    pub(crate) value: Option<(AttrOp, Box<str>, bool)>,
}

/// Which of the `:nth-*` pseudo-classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NthKind {
    /// `:nth-child`.
    Child,
    /// `:nth-last-child`.
    LastChild,
    /// `:nth-of-type`.
    OfType,
    /// `:nth-last-of-type`.
    LastOfType,
}

/// The tree-structural pseudo-classes without arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Structural {
    FirstChild,
    LastChild,
    OnlyChild,
    FirstOfType,
    LastOfType,
    OnlyOfType,
    Root,
    Empty,
    /// `:scope`, and `&` outside nesting: the document element in a document-wide query.
    Scope,
}

impl Structural {
    /// The name (the grammar's table in [`super::names`] reads it back).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Structural::FirstChild => "first-child",
            Structural::LastChild => "last-child",
            Structural::OnlyChild => "only-child",
            Structural::FirstOfType => "first-of-type",
            Structural::LastOfType => "last-of-type",
            Structural::OnlyOfType => "only-of-type",
            Structural::Root => "root",
            Structural::Empty => "empty",
            Structural::Scope => "scope",
        }
    }
}

/// A simple selector other than the type selector.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Simple {
    Id(Box<str>),
    Class(Box<str>),
    Attr(AttrSel),
    Structural(Structural),
    Nth {
        kind: NthKind,
        a: i32,
        b: i32,
        of: Option<Vec<Complex>>,
    },
    /// `:is()`, `:where()`, `:-webkit-any()`; an empty list matches nothing.
    Is(Vec<Complex>),
    /// `:not()`.
    Not(Vec<Complex>),
    /// `:has()`.
    Has(Vec<Relative>),
    State(PseudoClass),
    /// A pseudo-element, or a pseudo-class that no element of a server page matches.
    Never,
}

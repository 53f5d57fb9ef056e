//! The `selectors` crate's side: the types it is instantiated with, and the parser hooks that
//! read the canonical selector text written by [`super::lower`].
//!
//! The canonical text only uses what the `selectors` crate parses natively (type, universal,
//! id, class and attribute selectors, combinators, `:is`, `:not`, `:has`, the structural
//! pseudo-classes, `:nth-*(… of S)`) plus the pseudo-classes of [`PseudoClass`], which a
//! server page can answer. Everything else was decided (or turned into `:not(*)`) before.

use std::borrow::Borrow;
use std::fmt;

use cssparser::{ParseError, Parser as CssParser, ToCss};
use html5ever::{LocalName, Namespace};
use precomputed_hash::PrecomputedHash;
use selectors::parser::{NonTSPseudoClass, SelectorParseErrorKind};

use super::names::{self, Pc, Pseudo};
use super::pseudo::PseudoClass;

/// The [`selectors::SelectorImpl`] of this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Impl;

impl selectors::SelectorImpl for Impl {
    type ExtraMatchingData<'a> = ();
    type AttrValue = CssString;
    type Identifier = CssString;
    type LocalName = CssLocalName;
    type NamespaceUrl = Namespace;
    type NamespacePrefix = CssLocalName;
    type BorrowedNamespaceUrl = Namespace;
    type BorrowedLocalName = LocalName;
    type NonTSPseudoClass = PseudoClass;
    type PseudoElement = NoPseudoElement;
}

/// A string in a selector (an id, a class, an attribute value), written back as a CSS string.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct CssString(pub(crate) Box<str>);

impl<'a> From<&'a str> for CssString {
    fn from(s: &'a str) -> Self {
        CssString(s.into())
    }
}

impl AsRef<str> for CssString {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl ToCss for CssString {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_string(&self.0, dest)
    }
}

impl PrecomputedHash for CssString {
    fn precomputed_hash(&self) -> u32 {
        // FNV-1a; only the (unused) Bloom filter reads it.
        self.0.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
    }
}

/// An element or attribute name in a selector: an interned [`LocalName`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct CssLocalName(pub(crate) LocalName);

impl<'a> From<&'a str> for CssLocalName {
    fn from(s: &'a str) -> Self {
        CssLocalName(LocalName::from(s))
    }
}

impl ToCss for CssLocalName {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_identifier(&self.0, dest)
    }
}

impl PrecomputedHash for CssLocalName {
    fn precomputed_hash(&self) -> u32 {
        self.0.precomputed_hash()
    }
}

impl Borrow<LocalName> for CssLocalName {
    fn borrow(&self) -> &LocalName {
        &self.0
    }
}

/// No pseudo-element reaches the engine: a complex selector with one never matches in a
/// `querySelectorAll`, so it is lowered to `:not(*)` before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoPseudoElement {}

impl ToCss for NoPseudoElement {
    fn to_css<W: fmt::Write>(&self, _: &mut W) -> fmt::Result {
        match *self {}
    }
}

impl selectors::parser::PseudoElement for NoPseudoElement {}

impl NonTSPseudoClass for PseudoClass {
    fn is_active_or_hover(&self) -> bool {
        false
    }

    fn is_user_action_state(&self) -> bool {
        false
    }
}

/// The parser hooks for the canonical text.
pub(crate) struct CanonicalParser;

impl<'i> selectors::Parser<'i> for CanonicalParser {
    type Impl = Impl;
    type Error = SelectorParseErrorKind;

    fn parse_nth_child_of(&self) -> bool {
        true
    }

    fn parse_is_and_where(&self) -> bool {
        true
    }

    fn parse_has(&self) -> bool {
        true
    }

    fn allow_forgiving_selectors(&self) -> bool {
        false
    }

    fn parse_non_ts_pseudo_class(
        &self,
        name: &str,
    ) -> Result<PseudoClass, ParseError<SelectorParseErrorKind>> {
        match names::lookup(name, false, false) {
            Some(Pseudo::Class(Pc::State(s))) => Ok(PseudoClass::State(s)),
            _ => Err(unsupported()),
        }
    }

    fn parse_non_ts_functional_pseudo_class(
        &self,
        name: &str,
        parser: &mut CssParser<'i>,
        _after_part: bool,
    ) -> Result<PseudoClass, ParseError<SelectorParseErrorKind>> {
        let arg: Box<str> = parser.expect_string()?.as_ref().into();
        match name {
            "lang" => Ok(PseudoClass::Lang(arg)),
            "dir" => Ok(PseudoClass::Dir(arg)),
            _ => Err(unsupported()),
        }
    }
}

fn unsupported() -> ParseError<SelectorParseErrorKind> {
    ParseError::custom(SelectorParseErrorKind::UnsupportedPseudoClassOrElement)
}

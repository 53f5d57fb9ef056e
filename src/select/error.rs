//! Why a selector was refused.

use std::fmt;

/// A selector Chromium's `querySelectorAll` would refuse with a `SyntaxError`: the selector
/// text and what is wrong with it.
///
/// `Display` reads like the browser's message plus the reason, e.g.
/// `'li >' is not a valid selector: it ends with a combinator`;
/// [`SelectorError::chromium_message`] gives the browser's exact wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectorError {
    selector: String,
    kind: SelectorErrorKind,
}

impl SelectorError {
    pub(crate) fn new(selector: &str, kind: SelectorErrorKind) -> SelectorError {
        SelectorError {
            selector: selector.to_owned(),
            kind,
        }
    }

    /// The selector as given.
    pub fn selector(&self) -> &str {
        &self.selector
    }

    /// What is wrong with it.
    pub fn kind(&self) -> &SelectorErrorKind {
        &self.kind
    }

    /// The message Chromium logs when Turbo runs such a selector:
    /// `SyntaxError: Failed to execute 'querySelectorAll' on 'Document': '<selector>' is not a
    /// valid selector.`
    pub fn chromium_message(&self) -> String {
        format!(
            "SyntaxError: Failed to execute 'querySelectorAll' on 'Document': '{}' is not a valid selector.",
            self.selector
        )
    }
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a valid selector: {}",
            self.selector, self.kind
        )
    }
}

impl std::error::Error for SelectorError {}

/// The reason a selector is invalid (the first problem found, as Chromium's parser meets it).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SelectorErrorKind {
    /// Nothing but whitespace and comments.
    Empty,
    /// A token that cannot stand where it stands (described, e.g. `'>'` or `end of input`).
    UnexpectedToken(String),
    /// The selector (or a selector in a list) ends with a combinator.
    DanglingCombinator,
    /// A pseudo-class Chromium does not know (name as written).
    UnknownPseudoClass(String),
    /// A pseudo-element Chromium does not know (name as written).
    UnknownPseudoElement(String),
    /// Arguments a functional pseudo-class or pseudo-element does not accept (its name).
    BadArguments(String),
    /// A namespace prefix other than `*` or the empty one: `querySelectorAll` has no
    /// `@namespace` rules to resolve it.
    UnknownNamespacePrefix(String),
    /// Something follows a pseudo-element that may not, or a pseudo-element stands where
    /// none is allowed (inside `:not()`, `:has()`, …).
    PseudoElementPosition,
    /// Nested more than [`MAX_NESTING`](crate::select::MAX_NESTING) levels deep (Chromium's
    /// renderer crashes on such selectors).
    TooDeep,
    /// Valid in Chromium, but the matching engine refused the canonical form (given): a bug
    /// in domorph, please report it.
    Unsupported(String),
}

impl fmt::Display for SelectorErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelectorErrorKind::Empty => f.write_str("it is empty"),
            SelectorErrorKind::UnexpectedToken(t) => write!(f, "unexpected {t}"),
            SelectorErrorKind::DanglingCombinator => f.write_str("it ends with a combinator"),
            SelectorErrorKind::UnknownPseudoClass(n) => write!(f, "unknown pseudo-class ':{n}'"),
            SelectorErrorKind::UnknownPseudoElement(n) => {
                write!(f, "unknown pseudo-element '::{n}'")
            }
            SelectorErrorKind::BadArguments(n) => write!(f, "invalid arguments to '{n}()'"),
            SelectorErrorKind::UnknownNamespacePrefix(p) => {
                write!(f, "unknown namespace prefix '{p}'")
            }
            SelectorErrorKind::PseudoElementPosition => {
                f.write_str("a pseudo-element is not allowed there")
            }
            SelectorErrorKind::TooDeep => write!(
                f,
                "nested more than {} levels deep",
                crate::select::MAX_NESTING
            ),
            SelectorErrorKind::Unsupported(c) => {
                write!(f, "domorph cannot run it (canonical form {c:?})")
            }
        }
    }
}

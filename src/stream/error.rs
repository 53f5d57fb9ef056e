//! Why a stream, or a whole message, failed (turbo-streams.md §4).

use std::fmt;

use crate::dom::DomError;
use crate::morph::MorphError;
use crate::select::SelectorError;

/// A stream that failed, or a message that was dropped: the stream's opening tag as Turbo
/// logs it (`<turbo-stream action="x" target="y">`, or `<turbo-stream>` when there is none)
/// and what went wrong.
///
/// `Display` reads `<turbo-stream action="x" target="y">: unknown action "x"`;
/// [`StreamError::browser_message`] gives the text Chromium's console shows for the same
/// failure under Turbo 8.0.23.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamError {
    stream: String,
    kind: StreamErrorKind,
}

impl StreamError {
    pub(crate) fn new(stream: impl Into<String>, kind: StreamErrorKind) -> StreamError {
        StreamError {
            stream: stream.into(),
            kind,
        }
    }

    /// The failing stream's opening tag, as the browser serializes it (attributes in source
    /// order, values escaped). For a message-level failure that no single stream caused, the
    /// stream Turbo was looking at, or `<turbo-stream>`.
    pub fn stream(&self) -> &str {
        &self.stream
    }

    /// What went wrong.
    pub fn kind(&self) -> &StreamErrorKind {
        &self.kind
    }

    /// Whether the whole message was dropped (Turbo throws out of `renderStreamMessage`, so
    /// nothing of the message is applied), rather than one stream skipped.
    pub fn is_message_level(&self) -> bool {
        matches!(
            self.kind,
            StreamErrorKind::InvalidPermanentId(_)
                | StreamErrorKind::ForeignStream
                | StreamErrorKind::InvalidScriptAttribute(_)
                | StreamErrorKind::NoDocumentElement
                | StreamErrorKind::LimitExceeded { .. }
                | StreamErrorKind::TemplateNotFirst { at_import: true }
        )
    }

    /// The text the browser's console shows for this failure under Turbo 8.0.23 (what
    /// `console.error` prints, or the exception `renderStreamMessage` throws), e.g.
    /// `Error: <turbo-stream action="x">: unknown action` or `SyntaxError: Failed to execute
    /// 'querySelectorAll' on 'Document': 'li[' is not a valid selector.`.
    ///
    /// For a failed morph this is what idiomorph throws there, although the page is left as it
    /// was before the stream, unlike the browser's half-morphed one. For errors with no
    /// browser counterpart (a custom action's failure, the nested-stream limit) it is the
    /// `Display` text.
    pub fn browser_message(&self) -> String {
        let turbo = |text: &str| format!("Error: {}: {text}", self.stream);
        match &self.kind {
            StreamErrorKind::MissingAction => turbo("action attribute is missing"),
            StreamErrorKind::UnknownAction(_) => turbo("unknown action"),
            StreamErrorKind::NotCallable(_) => {
                "TypeError: newElement.performAction is not a function".to_owned()
            }
            StreamErrorKind::BuiltinThrew { message, .. } => (*message).to_owned(),
            StreamErrorKind::MissingTarget => turbo("target or targets attribute is missing"),
            StreamErrorKind::InvalidSelector(e) => e.chromium_message(),
            StreamErrorKind::TemplateNotFirst { .. } => {
                turbo("first child element must be a <template> element")
            }
            StreamErrorKind::NoParentElement => {
                "TypeError: Cannot read properties of null (reading 'children')".to_owned()
            }
            StreamErrorKind::DocumentHierarchy(h) => format!(
                "HierarchyRequestError: Failed to execute 'replaceWith' on 'Element': {}",
                h.chromium_text()
            ),
            StreamErrorKind::Morph(e) => morph_browser_message(e),
            StreamErrorKind::InvalidPermanentId(e) => format!(
                "SyntaxError: Failed to execute 'querySelector' on 'DocumentFragment': '{}' is not a valid selector.",
                e.selector()
            ),
            StreamErrorKind::ForeignStream => {
                "TypeError: Cannot read properties of undefined (reading 'content')".to_owned()
            }
            StreamErrorKind::InvalidScriptAttribute(name) => format!(
                "InvalidCharacterError: Failed to execute 'setAttribute' on 'Element': '{name}' is not a valid attribute name."
            ),
            StreamErrorKind::NoDocumentElement => {
                "TypeError: Cannot read properties of null (reading 'querySelectorAll')".to_owned()
            }
            StreamErrorKind::Custom(_)
            | StreamErrorKind::LimitExceeded { .. }
            | StreamErrorKind::Dom(_) => self.to_string(),
        }
    }
}

/// The browser's text for an exception idiomorph 0.7.4 throws.
fn morph_browser_message(e: &MorphError) -> String {
    match e {
        MorphError::PersistentElementNotFound { .. } => {
            "TypeError: Cannot read properties of null (reading 'getAttribute')".to_owned()
        }
        MorphError::InvalidSelector { selector } => format!(
            "SyntaxError: Failed to execute 'querySelector' on 'Element': '{selector}' is not a valid selector."
        ),
        MorphError::InvalidAttributeName { name } => format!(
            "InvalidCharacterError: Failed to execute 'setAttribute' on 'Element': '{name}' is not a valid attribute name."
        ),
        MorphError::Hierarchy(_) => "HierarchyRequestError: Failed to execute 'insertBefore' on 'Node': The new child element contains the parent.".to_owned(),
        other => other.to_string(),
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.stream, self.kind)
    }
}

impl std::error::Error for StreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            StreamErrorKind::InvalidSelector(e) | StreamErrorKind::InvalidPermanentId(e) => Some(e),
            StreamErrorKind::Morph(e) => Some(e),
            _ => None,
        }
    }
}

/// What went wrong with a stream or a message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StreamErrorKind {
    /// No `action` attribute, or an empty one. The stream is skipped.
    MissingAction,
    /// An `action` that is neither a built-in action nor a registered custom one (exact,
    /// case-sensitive: `Append` is unknown; so is `morph` under Turbo 8.0.23 compatibility).
    /// The stream is skipped.
    UnknownAction(String),
    /// `action="__proto__"`: Turbo finds an object there and calls it (`TypeError`).
    NotCallable(String),
    /// An inherited `Object.prototype` method that throws when Turbo calls it as an action
    /// (`__defineGetter__`, `__defineSetter__`): the browser's message.
    BuiltinThrew {
        /// The action.
        action: String,
        /// The exception's text.
        message: &'static str,
    },
    /// The action needs targets and neither `target` nor `targets` is set (or both are
    /// empty). The stream is skipped.
    MissingTarget,
    /// `targets` is not a selector Chromium accepts. The stream is skipped.
    InvalidSelector(SelectorError),
    /// The stream's first element child is not a `<template>`. In a message this drops the
    /// whole message (`at_import`); for a stream inserted by another stream it skips that
    /// stream (possibly half-way: targets already handled keep their change, as in the
    /// browser).
    TemplateNotFirst {
        /// Whether Turbo found it while importing the message (the message is dropped).
        at_import: bool,
    },
    /// `before`/`after` on a target whose parent is not an element (`<html>`): Turbo's
    /// de-duplication reads `parentElement.children` and throws a `TypeError`.
    NoParentElement,
    /// `replace` of the document element with content a document cannot hold.
    DocumentHierarchy(DocumentHierarchy),
    /// A morph that idiomorph 0.7.4 would abort with an exception. Unlike the browser, which
    /// is left half-morphed, the page is left as it was before this stream.
    Morph(MorphError),
    /// A `data-turbo-permanent` element of the page has an id that makes Turbo's
    /// `#<id>[data-turbo-permanent]` lookup an invalid selector: the whole message is
    /// dropped (the selector is in the error).
    InvalidPermanentId(SelectorError),
    /// A `<turbo-stream>` inside `<svg>` or `<math>` in the message: not a stream element,
    /// so Turbo's import throws and the whole message is dropped.
    ForeignStream,
    /// A `<script>` in a template has an attribute name `setAttribute` refuses (it contains
    /// `=`), so Turbo's script activation throws and the whole message is dropped.
    InvalidScriptAttribute(String),
    /// The page has no document element to append the message to: the message is dropped.
    NoDocumentElement,
    /// A custom action (or a before-render replacement) failed with this message.
    Custom(String),
    /// Streams inserting streams went on past a limit (see
    /// [`crate::stream::StreamOptions::max_streams`] and
    /// [`crate::stream::StreamOptions::max_nested_nodes`]): the whole message is dropped.
    LimitExceeded {
        /// What was counted.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A tree operation the DOM refused (not expected from Turbo's actions).
    Dom(DomError),
}

/// Why the document refused the new content of a replaced document element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentHierarchy {
    /// The content has text at its top level.
    Text,
    /// The content has more than one element at its top level.
    SeveralElements,
}

impl DocumentHierarchy {
    fn chromium_text(self) -> &'static str {
        match self {
            DocumentHierarchy::Text => {
                "Nodes of type '#text' may not be inserted inside nodes of type '#document'."
            }
            DocumentHierarchy::SeveralElements => "Only one element on document allowed.",
        }
    }
}

impl fmt::Display for StreamErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StreamErrorKind::MissingAction => f.write_str("action attribute is missing"),
            StreamErrorKind::UnknownAction(a) => write!(f, "unknown action {a:?}"),
            StreamErrorKind::NotCallable(a) => {
                write!(f, "action {a:?} is not a function (TypeError in Turbo)")
            }
            StreamErrorKind::BuiltinThrew { action, message } => {
                write!(f, "action {action:?} throws: {message}")
            }
            StreamErrorKind::MissingTarget => f.write_str("target or targets attribute is missing"),
            StreamErrorKind::InvalidSelector(e) => write!(f, "targets: {e}"),
            StreamErrorKind::TemplateNotFirst { at_import } => {
                f.write_str("first child element must be a <template> element")?;
                if *at_import {
                    f.write_str(" (the whole message is dropped)")?;
                }
                Ok(())
            }
            StreamErrorKind::NoParentElement => {
                f.write_str("a target has no parent element (TypeError in Turbo's de-duplication)")
            }
            StreamErrorKind::DocumentHierarchy(h) => write!(
                f,
                "cannot replace the document element: {}",
                h.chromium_text()
            ),
            StreamErrorKind::Morph(e) => {
                write!(f, "morph failed, stream not applied: {e}")
            }
            StreamErrorKind::InvalidPermanentId(e) => write!(
                f,
                "a data-turbo-permanent element's id makes Turbo's lookup {e} (the whole message is dropped)"
            ),
            StreamErrorKind::ForeignStream => f.write_str(
                "a <turbo-stream> in SVG or MathML is not a stream element (the whole message is dropped)",
            ),
            StreamErrorKind::InvalidScriptAttribute(name) => write!(
                f,
                "script attribute {name:?} is not a valid attribute name (the whole message is dropped)"
            ),
            StreamErrorKind::NoDocumentElement => {
                f.write_str("the page has no document element (the whole message is dropped)")
            }
            StreamErrorKind::Custom(m) => write!(f, "custom action failed: {m}"),
            StreamErrorKind::LimitExceeded { what, limit } => write!(
                f,
                "more than {limit} {what} in one message (the whole message is dropped)"
            ),
            StreamErrorKind::Dom(e) => write!(f, "{e}"),
        }
    }
}

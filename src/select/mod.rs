//! CSS selectors with Chromium's `document.querySelectorAll` semantics, for the `targets`
//! attribute of Turbo Streams.
//!
//! ```
//! use domorph::Document;
//! use domorph::select::Selector;
//!
//! let page = Document::parse("<ul id=list><li class=a>1<li>2<li class=a>3</ul><template><li class=a></template>");
//! let sel = Selector::parse("#list > li.a")?;
//! let hits = sel.query_all(&page);
//! assert_eq!(hits.len(), 2); // document order, never inside <template> contents
//! assert!(sel.matches(&page, hits[0]));
//!
//! let err = Selector::parse("li >").unwrap_err();
//! assert_eq!(err.to_string(), "'li >' is not a valid selector: it ends with a combinator");
//! # Ok::<(), domorph::select::SelectorError>(())
//! ```
//!
//! How it works: `grammar.rs` is a port of Blink's selector parser, so that exactly what
//! Chromium 156 accepts is accepted (unknown pseudo-classes, misplaced pseudo-elements, the
//! `s` attribute flag, `:lang("x")`, namespace prefixes … are rejected; `::-webkit-anything`,
//! `:host`, `::part()`, `&` … are accepted). It keeps only what can match an element of a
//! server page (`ast.rs`); `lower.rs` writes that as canonical CSS for the `selectors`
//! crate (see [`Selector::canonical`]), whose engine does the matching over the arena
//! (`element.rs`), with the page-dependent pseudo-classes answered in `state.rs`, `forms.rs`,
//! `validity.rs` and `dir.rs`.
//!
//! Nothing is focused, hovered, visited or targeted on a server page, so `:hover`, `:focus`,
//! `:visited`, `:target`, … and every pseudo-element are valid and match nothing (and
//! `:not(:hover)` matches everything). The expected results of the tests come from Chromium:
//! `fixtures/oracle/selectors.jsonl.gz`.

mod ast;
mod dir;
mod element;
mod engine;
mod error;
mod forms;
mod grammar;
mod lower;
mod names;
mod pattern;
mod pseudo;
mod query;
mod state;
mod validity;

use std::fmt;
use std::str::FromStr;

use selectors::SelectorList;
use selectors::parser::ParseRelative;

use crate::dom::{Document, NodeId};
use engine::{CanonicalParser, Impl};

pub use error::{SelectorError, SelectorErrorKind};
pub use query::Select;

/// How deeply parentheses and brackets may nest in a selector. Chromium 156 handles 5,000
/// levels (its renderer crashes at 10,000); deeper selectors are refused with
/// [`SelectorErrorKind::TooDeep`].
pub const MAX_NESTING: usize = 5000;

/// Nesting depth above which parsing and matching run on a stack grown for them.
const DEEP: usize = 24;

/// A parsed selector list, ready to run on any number of documents from any thread.
///
/// Parsing is the expensive part: parse a stream message's `targets` once and apply it to
/// every page that receives the message.
#[derive(Clone)]
pub struct Selector {
    text: Box<str>,
    canonical: Box<str>,
    /// `None` when no element can match (only pseudo-elements, `:hover`, …).
    list: Option<SelectorList<Impl>>,
    plan: Plan,
    depth: usize,
}

/// How a query runs.
#[derive(Debug, Clone)]
enum Plan {
    /// Nothing can match.
    Nothing,
    /// `#id` alone: the document's id index.
    Id(Box<str>),
    /// `#id` then child or descendant combinators: only the subtrees of those elements.
    UnderId(Box<str>),
    /// A walk of the whole document.
    Walk,
}

// A parsed message is applied to many pages from many threads.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Selector>();
    assert_send_sync::<SelectorError>();
};

impl Selector {
    /// Parses a selector list exactly as Chromium's `querySelectorAll` does: `Err` for what
    /// it rejects with a `SyntaxError`. Never panics.
    pub fn parse(text: &str) -> Result<Selector, SelectorError> {
        let depth = nesting_estimate(text);
        if depth > DEEP {
            stacker::grow(stack_for(depth.min(MAX_NESTING + 1)), || {
                parse_selector(text)
            })
        } else {
            parse_selector(text)
        }
    }

    /// The selector text as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The selector as the matching engine runs it: what can never match on a server page
    /// is written `:not(*)`, `:where()`/`:-webkit-any()` as `:is()`, `&` as `:scope`.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// Whether no element of any page can match (e.g. `::before`, `:hover`, `a:is()`).
    pub fn matches_nothing(&self) -> bool {
        matches!(self.plan, Plan::Nothing)
    }

    /// The matching elements of `doc`, lazily, in tree order, without duplicates, never
    /// inside `<template>` contents: `document.querySelectorAll(selector)`.
    pub fn select<'a>(&'a self, doc: &'a Document) -> Select<'a> {
        Select::new(self, doc)
    }

    /// All matching elements of `doc` in tree order (see [`Selector::select`]).
    pub fn query_all(&self, doc: &Document) -> Vec<NodeId> {
        if self.depth > DEEP {
            stacker::grow(stack_for(self.depth), || self.select(doc).collect())
        } else {
            self.select(doc).collect()
        }
    }

    /// The first matching element of `doc` in tree order: `document.querySelector`.
    pub fn query_first(&self, doc: &Document) -> Option<NodeId> {
        if self.depth > DEEP {
            stacker::grow(stack_for(self.depth), || self.select(doc).next())
        } else {
            self.select(doc).next()
        }
    }

    /// Whether `node` (an element of `doc`, connected or not) matches: `element.matches()`.
    /// `false` for any other node and for a stale id.
    pub fn matches(&self, doc: &Document, node: NodeId) -> bool {
        if self.depth > DEEP {
            stacker::grow(stack_for(self.depth), || query::matches(self, doc, node))
        } else {
            query::matches(self, doc, node)
        }
    }
}

fn parse_selector(text: &str) -> Result<Selector, SelectorError> {
    let (ast, depth) = grammar::parse(text).map_err(|kind| SelectorError::new(text, kind))?;
    let canonical = lower::lower(&ast);
    let plan = plan(&ast);
    drop(ast);
    let list = if matches!(plan, Plan::Nothing) {
        None
    } else {
        let mut input = cssparser::Parser::new(&canonical);
        input.set_nested_block_limit(0);
        let parsed = SelectorList::parse(&CanonicalParser, &mut input, ParseRelative::No);
        drop(input);
        match parsed {
            Ok(list) => Some(list),
            Err(_) => {
                // The canonical text is ours; the engine refusing it is a bug here.
                debug_assert!(false, "canonical selector {canonical:?} did not parse");
                return Err(SelectorError::new(
                    text,
                    SelectorErrorKind::Unsupported(canonical.clone()),
                ));
            }
        }
    };
    Ok(Selector {
        text: text.into(),
        canonical: canonical.into(),
        list,
        plan,
        depth,
    })
}

/// An upper bound of how deeply blocks nest in `text` (brackets and parentheses outside
/// strings, comments and escapes), to size the stack before parsing.
fn nesting_estimate(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' | '\'' => {
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == c || d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for d in chars.by_ref() {
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                max = max.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

impl Drop for Selector {
    fn drop(&mut self) {
        // The engine's selector list drops recursively: give a deep one room.
        if self.depth > DEEP
            && let Some(list) = self.list.take()
        {
            stacker::grow(stack_for(self.depth), move || drop(list));
        }
    }
}

/// Stack for parsing or matching a selector nested `depth` levels deep.
fn stack_for(depth: usize) -> usize {
    (1 << 20) + depth * (24 << 10)
}

fn plan(ast: &[ast::Complex]) -> Plan {
    if lower::never_matches(ast) {
        return Plan::Nothing;
    }
    let [complex] = ast else { return Plan::Walk };
    let first = &complex.first;
    let universal = first
        .ty
        .as_ref()
        .is_none_or(|t| t.name.is_none() && t.ns == ast::NsSel::Any);
    let id = first.simples.iter().find_map(|s| match s {
        ast::Simple::Id(id) => Some(id.clone()),
        _ => None,
    });
    let Some(id) = id else { return Plan::Walk };
    if complex.rest.is_empty() {
        if universal && first.simples.len() == 1 {
            return Plan::Id(id);
        }
        return Plan::Walk;
    }
    let downward = complex
        .rest
        .iter()
        .all(|(c, _)| matches!(c, ast::Combinator::Descendant | ast::Combinator::Child));
    if downward {
        Plan::UnderId(id)
    } else {
        Plan::Walk
    }
}

impl FromStr for Selector {
    type Err = SelectorError;

    fn from_str(s: &str) -> Result<Selector, SelectorError> {
        Selector::parse(s)
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Selector")
            .field("text", &self.text)
            .field("canonical", &self.canonical)
            .field("plan", &self.plan)
            .finish()
    }
}

//! Running the streams of a message (turbo-streams.md §1.2, §1.3, §2.6): each stream in
//! order sees what the ones before it did, runs its action (or what the before-render hook
//! chose) and removes itself; streams that actions insert run in a later round, after the
//! current ones.

use std::collections::{HashMap, HashSet};

use super::actions;
use super::custom::{self, Render};
use super::element::{self, non_empty};
use super::error::{StreamError, StreamErrorKind};
use super::message::{Message, Stream};
use super::options::StreamOptions;
use super::refresh::Refresh;
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix};
use crate::morph::MorphStyle;
use crate::select::{Selector, SelectorError};

/// The state of one message (or one batch of page streams) being applied.
pub(crate) struct Run<'a> {
    options: &'a StreamOptions,
    message: Option<&'a Message>,
    selectors: HashMap<String, Result<Selector, SelectorError>>,
    /// Every stream element scheduled so far (they stay allocated until the transaction
    /// ends, so their slots are not reused).
    known: HashSet<Ix>,
    /// Streams connected by the current round's actions, with the hook's decision.
    next: Vec<(Ix, Render)>,
    /// The streams that failed, in order.
    pub(crate) errors: Vec<StreamError>,
    /// The last `refresh` call (Turbo's debounce keeps the last call's arguments).
    pub(crate) refresh: Option<Refresh>,
    /// How many streams ran.
    pub(crate) ran: usize,
    /// The page's node count when the nested rounds began.
    nested_base: Option<usize>,
    /// A limit was passed: the message is dropped.
    over_limit: Option<StreamErrorKind>,
}

impl<'a> Run<'a> {
    pub(crate) fn new(options: &'a StreamOptions, message: Option<&'a Message>) -> Run<'a> {
        Run {
            options,
            message,
            selectors: HashMap::new(),
            known: HashSet::new(),
            next: Vec::new(),
            errors: Vec::new(),
            refresh: None,
            ran: 0,
            nested_base: None,
            over_limit: None,
        }
    }

    /// The parsed `targets` selector (parsed once per message and text).
    pub(crate) fn selector(&mut self, text: &str) -> Result<&Selector, StreamErrorKind> {
        if let Some(m) = self.message
            && let Some(r) = m.selectors.get(text)
        {
            return r
                .as_ref()
                .map_err(|e| StreamErrorKind::InvalidSelector(e.clone()));
        }
        self.selectors
            .entry(text.to_owned())
            .or_insert_with(|| Selector::parse(text))
            .as_ref()
            .map_err(|e| StreamErrorKind::InvalidSelector(e.clone()))
    }

    /// Turbo's `targetElements`, resolved now: `getElementById(target)` (through the id
    /// index) when `target` is set, else `querySelectorAll(targets)`.
    pub(crate) fn targets(&mut self, doc: &Document, s: Ix) -> Result<Vec<Ix>, StreamErrorKind> {
        if let Some(id) = non_empty(doc, s, "target") {
            return Ok(doc.element_by_id_ix(id).into_iter().collect());
        }
        if let Some(text) = non_empty(doc, s, "targets") {
            let sel = self.selector(text)?;
            return Ok(sel
                .query_all(doc)
                .into_iter()
                .filter_map(|n| doc.ix(n))
                .collect());
        }
        Err(StreamErrorKind::MissingTarget)
    }

    /// Nodes an action just inserted: the stream elements that became connected with them
    /// are scheduled for the next round (and the hook is asked about them now, as the
    /// browser dispatches `turbo:before-stream-render` when they connect). `Err` once
    /// nested streams have copied more nodes than the limit allows.
    pub(crate) fn inserted(&mut self, tx: &Tx<'_>, nodes: &[Ix]) -> Result<(), StreamErrorKind> {
        let doc = tx.doc();
        for &n in nodes {
            if doc.node(n).is_free() || !doc.is_connected_ix(n) {
                continue;
            }
            let mut cur = Some(n);
            while let Some(x) = cur {
                if doc.elem(x).is_some_and(element::is_stream) && !self.known.contains(&x) {
                    let render = self.decide(doc, x);
                    self.next.push((x, render));
                }
                cur = doc.next_in(x, n);
            }
        }
        let grown = self
            .nested_base
            .map_or(0, |base| doc.node_count().saturating_sub(base));
        if grown > self.options.max_nested_nodes() {
            let kind = StreamErrorKind::LimitExceeded {
                what: "nodes copied by nested streams",
                limit: self.options.max_nested_nodes(),
            };
            self.over_limit = Some(kind.clone());
            return Err(kind);
        }
        Ok(())
    }

    /// Registers a stream to run and asks the hook about it.
    fn decide(&mut self, doc: &Document, s: Ix) -> Render {
        self.known.insert(s);
        match self.options.hook() {
            Some(hook) => hook(&Stream::from_element(doc, s), doc),
            None => Render::Default,
        }
    }

    /// Runs rounds of streams until none is left: first `first` (the hook is asked about
    /// all of them before any runs), then the streams their actions connected, and so on.
    /// `after_first` runs after the first round (Turbo's autofocus step). `Err` in strict
    /// mode (the first failure) or past a limit; the caller rolls back.
    pub(crate) fn run_rounds(
        &mut self,
        tx: &mut Tx<'_>,
        first: &[Ix],
        after_first: impl FnOnce(&mut Tx<'_>),
    ) -> Result<(), StreamError> {
        let mut round: Vec<(Ix, Render)> = first
            .iter()
            .map(|&s| (s, self.decide(tx.doc(), s)))
            .collect();
        let mut after_first = Some(after_first);
        loop {
            for (s, render) in round {
                if self.nested_base.is_some()
                    && self.ran.saturating_sub(first.len()) >= self.options.max_streams()
                {
                    return Err(self.limit_error(
                        tx,
                        s,
                        StreamErrorKind::LimitExceeded {
                            what: "streams",
                            limit: self.options.max_streams(),
                        },
                    ));
                }
                self.ran += 1;
                self.run_one(tx, s, render)?;
            }
            if let Some(f) = after_first.take() {
                f(tx);
            }
            round = std::mem::take(&mut self.next);
            if round.is_empty() {
                return Ok(());
            }
            if self.nested_base.is_none() {
                self.nested_base = Some(tx.doc().node_count());
            }
        }
    }

    fn limit_error(&self, tx: &Tx<'_>, s: Ix, kind: StreamErrorKind) -> StreamError {
        StreamError::new(element::description(tx.doc(), s), kind)
    }

    /// One stream: its action, then `this.remove()`.
    fn run_one(&mut self, tx: &mut Tx<'_>, s: Ix, render: Render) -> Result<(), StreamError> {
        let sp = tx.savepoint();
        let scheduled = self.next.len();
        let result = match render {
            Render::Skip => Ok(()),
            Render::With(f) => custom::run_custom(tx, self, s, &f),
            Render::Default => self.perform(tx, s),
        };
        if let Some(kind) = self.over_limit.take() {
            return Err(StreamError::new(element::description(tx.doc(), s), kind));
        }
        if let Err(kind) = result {
            let error = StreamError::new(element::description(tx.doc(), s), kind);
            if undoes(error.kind()) {
                tx.rollback_to(sp);
                for (x, _) in self.next.drain(scheduled..) {
                    self.known.remove(&x);
                }
            }
            if self.options.is_strict() {
                return Err(error);
            }
            self.errors.push(error);
        }
        crate::morph::remove_node(tx, s);
        Ok(())
    }

    /// Turbo's default render: `StreamActions[this.action].call(this)`.
    fn perform(&mut self, tx: &mut Tx<'_>, s: Ix) -> Result<(), StreamErrorKind> {
        let Some(action) = non_empty(tx.doc(), s, "action") else {
            return Err(StreamErrorKind::MissingAction);
        };
        let action = action.to_owned();
        if let Some(f) = self.options.custom(&action).cloned() {
            return custom::run_custom(tx, self, s, &f);
        }
        if let Some(result) = actions::builtin(tx, self, s, &action) {
            return result;
        }
        if action == "morph" && self.options.compatibility() == super::Compat::Handbook {
            let style = match element::get_attribute(tx.doc(), s, "children-only") {
                Some(_) => MorphStyle::ChildrenOnly,
                None => MorphStyle::Outer,
            };
            return actions::morph(tx, self, s, style);
        }
        inherited(&action)
    }
}

/// Which failures undo what the stream did: a morph that idiomorph would throw on (the
/// browser is left half-morphed; we keep the page as it was) and a failing custom action.
/// Turbo's own errors part-way through a stream keep what was done before them, as in the
/// browser.
fn undoes(kind: &StreamErrorKind) -> bool {
    matches!(kind, StreamErrorKind::Morph(_) | StreamErrorKind::Custom(_))
}

/// An action name found on `Object.prototype` (Turbo's `StreamActions` is a plain object):
/// what calling it does.
fn inherited(action: &str) -> Result<(), StreamErrorKind> {
    match action {
        "constructor"
        | "hasOwnProperty"
        | "isPrototypeOf"
        | "propertyIsEnumerable"
        | "toLocaleString"
        | "toString"
        | "valueOf"
        | "__lookupGetter__"
        | "__lookupSetter__" => Ok(()),
        "__defineGetter__" => Err(StreamErrorKind::BuiltinThrew {
            action: action.to_owned(),
            message: "TypeError: Object.prototype.__defineGetter__: Expecting function",
        }),
        "__defineSetter__" => Err(StreamErrorKind::BuiltinThrew {
            action: action.to_owned(),
            message: "TypeError: Object.prototype.__defineSetter__: Expecting function",
        }),
        "__proto__" => Err(StreamErrorKind::NotCallable(action.to_owned())),
        _ => Err(StreamErrorKind::UnknownAction(action.to_owned())),
    }
}

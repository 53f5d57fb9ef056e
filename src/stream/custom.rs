//! Custom actions and the before-render hook (turbo-streams.md §7): Turbo's `StreamActions`
//! registry and its `turbo:before-stream-render` listeners, as Rust closures.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use html5ever::{QualName, ns};

use super::error::{StreamError, StreamErrorKind};
use super::message::Stream;
use super::run::Run;
use super::{actions, element};
use crate::dom::tx::Tx;
use crate::dom::{Document, DomError, Ix, NodeData, NodeId};
use crate::morph::{MorphError, MorphOptions, MorphReport, MorphStyle, NewContent, TurboHooks};

/// A custom action: called with the stream being run, the page and the stream's data.
/// Returning `Err` fails the stream with [`StreamErrorKind::Custom`] and undoes what the
/// action changed.
pub type CustomAction =
    Arc<dyn Fn(&mut ActionContext<'_, '_, '_>) -> Result<(), String> + Send + Sync>;

/// The before-render hook (see [`crate::stream::StreamOptions::before_render`]).
pub type BeforeRender = Arc<dyn Fn(&Stream, &Document) -> Render + Send + Sync>;

/// What the before-render hook decides for one stream.
#[derive(Clone, Default)]
pub enum Render {
    /// Run the stream's action as usual.
    #[default]
    Default,
    /// Skip it (Turbo: `event.preventDefault()`); the stream element is still removed.
    Skip,
    /// Run this instead (Turbo: replacing `event.detail.render`): the `action` attribute is
    /// not looked up, so even an unknown or missing one is fine.
    With(CustomAction),
}

impl fmt::Debug for Render {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Render::Default => f.write_str("Default"),
            Render::Skip => f.write_str("Skip"),
            Render::With(_) => f.write_str("With(..)"),
        }
    }
}

/// A registry of named custom actions (Turbo's `StreamActions`). Names are exact and
/// case-sensitive; registering a built-in name overrides the built-in.
#[derive(Clone, Default)]
pub struct Actions {
    map: HashMap<String, CustomAction>,
}

impl fmt::Debug for Actions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.map.keys().map(String::as_str).collect();
        names.sort_unstable();
        f.debug_struct("Actions").field("names", &names).finish()
    }
}

impl Actions {
    /// An empty registry.
    pub fn new() -> Actions {
        Actions::default()
    }

    /// Registers `f` under `name`, replacing any earlier one.
    pub fn register<F>(&mut self, name: &str, f: F) -> &mut Self
    where
        F: Fn(&mut ActionContext<'_, '_, '_>) -> Result<(), String> + Send + Sync + 'static,
    {
        self.map.insert(name.to_owned(), Arc::new(f));
        self
    }

    /// Removes the action registered under `name`.
    pub fn unregister(&mut self, name: &str) -> Option<CustomAction> {
        self.map.remove(name)
    }

    /// The action registered under `name`.
    pub fn get(&self, name: &str) -> Option<&CustomAction> {
        self.map.get(name)
    }

    /// The registered names, in no particular order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}

/// What a custom action works with: the stream element (Turbo's `this`) and its data, the
/// page, and journaled changes to it. Every change goes through here, so that a failing
/// stream, or a message refused in strict mode, is undone.
pub struct ActionContext<'a, 'r, 'd> {
    tx: &'a mut Tx<'d>,
    run: &'a mut Run<'r>,
    stream: Ix,
    data: Stream,
    /// Nodes made here, freed at the end if they were left detached.
    made: Vec<Ix>,
}

impl fmt::Debug for ActionContext<'_, '_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActionContext")
            .field("stream", &self.data)
            .finish()
    }
}

impl ActionContext<'_, '_, '_> {
    fn error(&self, kind: StreamErrorKind) -> StreamError {
        StreamError::new(element::description(self.tx.doc(), self.stream), kind)
    }

    /// The stream's data (attributes and template) as it was when the action started.
    pub fn stream(&self) -> &Stream {
        &self.data
    }

    /// The stream element itself (it is removed after the action).
    pub fn element(&self) -> NodeId {
        self.tx.doc().id_of(self.stream)
    }

    /// The page.
    pub fn document(&self) -> &Document {
        self.tx.doc()
    }

    /// Turbo's `targetElements`: the element with the `target` id, or every element
    /// matching `targets`, in tree order.
    pub fn targets(&mut self) -> Result<Vec<NodeId>, StreamError> {
        let doc = self.tx.doc();
        match self.run.targets(doc, self.stream) {
            Ok(v) => Ok(v.into_iter().map(|ix| doc.id_of(ix)).collect()),
            Err(k) => Err(self.error(k)),
        }
    }

    /// Turbo's `templateContent`: a fresh copy of the template's top-level nodes, detached,
    /// in the page (insert them with [`ActionContext::insert_before`]). Copies left
    /// detached are freed after the action.
    pub fn template_content(&mut self) -> Result<Vec<NodeId>, StreamError> {
        match actions::template_content(self.tx, self.stream) {
            Ok(nodes) => {
                self.made.extend(&nodes);
                Ok(nodes
                    .into_iter()
                    .map(|ix| self.tx.doc().id_of(ix))
                    .collect())
            }
            Err(k) => Err(self.error(k)),
        }
    }

    /// Creates a detached HTML element named `local` (lower-cased).
    pub fn create_element(&mut self, local: &str) -> NodeId {
        let name = QualName::new(None, ns!(html), local.to_ascii_lowercase().into());
        let ix = self.tx.create_element(name);
        self.made.push(ix);
        self.tx.doc().id_of(ix)
    }

    /// Creates a detached text node.
    pub fn create_text(&mut self, text: &str) -> NodeId {
        let ix = self.tx.doc.alloc(NodeData::Text(text.into()));
        self.tx.created(ix);
        self.made.push(ix);
        self.tx.doc().id_of(ix)
    }

    /// `parent.insertBefore(node, before)` (`before` `None`: append). Streams it connects
    /// run after this round of streams, as in the browser.
    pub fn insert_before(
        &mut self,
        parent: NodeId,
        node: NodeId,
        before: Option<NodeId>,
    ) -> Result<(), DomError> {
        let p = self.tx.doc().live(parent)?;
        let n = self.tx.doc().live(node)?;
        let b = before.map(|b| self.tx.doc().live(b)).transpose()?;
        if matches!(self.tx.doc().node(n).data, NodeData::Fragment) {
            let kids: Vec<Ix> = self.tx.doc().child_ixs(n).collect();
            for k in &kids {
                crate::morph::insert_node(self.tx, p, *k, b)?;
            }
            // Past the limit the message is dropped after this action.
            let _ = self.run.inserted(self.tx, &kids);
            return Ok(());
        }
        crate::morph::insert_node(self.tx, p, n, b)?;
        let _ = self.run.inserted(self.tx, &[n]);
        Ok(())
    }

    /// `parent.append(node)`.
    pub fn append_child(&mut self, parent: NodeId, node: NodeId) -> Result<(), DomError> {
        self.insert_before(parent, node, None)
    }

    /// `node.remove()` (nothing if it has no parent).
    pub fn remove(&mut self, node: NodeId) -> Result<(), DomError> {
        let n = self.tx.doc().live(node)?;
        if n == self.tx.doc().root_ix() {
            return Err(DomError::DocumentNode("removed"));
        }
        crate::morph::remove_node(self.tx, n);
        Ok(())
    }

    /// `element.setAttribute(name, value)`.
    pub fn set_attribute(&mut self, el: NodeId, name: &str, value: &str) -> Result<(), DomError> {
        let e = self.tx.doc().live(el)?;
        self.tx.set_attribute(e, name, value)
    }

    /// `element.removeAttribute(name)`; whether there was one.
    pub fn remove_attribute(&mut self, el: NodeId, name: &str) -> Result<bool, DomError> {
        let e = self.tx.doc().live(el)?;
        self.tx.remove_attribute(e, name)
    }

    /// Sets the data of a text or comment node.
    pub fn set_text(&mut self, node: NodeId, text: &str) -> Result<(), DomError> {
        let n = self.tx.doc().live(node)?;
        match self.tx.doc().node(n).data {
            NodeData::Text(_) | NodeData::Comment(_) => {
                self.tx.set_text(n, text);
                Ok(())
            }
            _ => Err(DomError::NotCharacterData {
                node: self.tx.doc().describe_ix(n),
            }),
        }
    }

    /// Morphs `target` into `content` with Turbo's callbacks (Turbo's `morphElements` for
    /// [`MorphStyle::Outer`], `morphChildren` for [`MorphStyle::ChildrenOnly`]).
    pub fn morph(
        &mut self,
        target: NodeId,
        content: NewContent<'_>,
        style: MorphStyle,
    ) -> Result<MorphReport, MorphError> {
        let sp = self.tx.savepoint();
        let mut hooks = TurboHooks;
        let mut options = MorphOptions::default().style(style).hooks(&mut hooks);
        let report = crate::morph::morph_in(self.tx, target, content, &mut options)?;
        let inserted = self.tx.inserted_since(sp);
        let _ = self.run.inserted(self.tx, &inserted);
        Ok(report)
    }

    /// Runs the built-in action `name` (`append`, `replace`, …) on this stream, as Turbo's
    /// `StreamActions[name].call(this)`: a custom action can wrap a built-in one.
    pub fn run_builtin(&mut self, name: &str) -> Result<(), StreamError> {
        match actions::builtin(self.tx, self.run, self.stream, name) {
            Some(Ok(())) => Ok(()),
            Some(Err(k)) => Err(self.error(k)),
            None => Err(self.error(StreamErrorKind::UnknownAction(name.to_owned()))),
        }
    }
}

/// Runs a custom action on stream `s`; its changes are undone by the caller on error.
pub(crate) fn run_custom(
    tx: &mut Tx<'_>,
    run: &mut Run<'_>,
    s: Ix,
    f: &CustomAction,
) -> Result<(), StreamErrorKind> {
    let data = Stream::from_element(tx.doc(), s);
    let mut cx = ActionContext {
        tx,
        run,
        stream: s,
        data,
        made: Vec::new(),
    };
    let result = f(&mut cx);
    let ActionContext { tx, made, .. } = cx;
    for n in made {
        if !tx.doc().node(n).is_free() && tx.doc().node(n).parent.is_none() {
            tx.discard(n);
        }
    }
    result.map_err(StreamErrorKind::Custom)
}

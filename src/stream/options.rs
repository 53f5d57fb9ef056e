//! How messages are applied: strictness, the Turbo release to follow, custom actions, the
//! before-render hook and the limits.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use super::custom::{Actions, BeforeRender, CustomAction, Render};
use super::message::Stream;
use crate::dom::Document;

/// Which behaviour `action="morph"` gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Compat {
    /// As Turbo's handbook describes it: `action="morph"` morphs the target (as `replace`
    /// with `method="morph"`), or its children with `children-only` (as `update` with
    /// `method="morph"`). Everything else as Turbo 8.0.23.
    #[default]
    Handbook,
    /// Exactly Turbo 8.0.23, which never shipped `action="morph"`: it is an unknown action.
    Turbo8023,
}

impl Compat {
    /// The name the command line takes (`handbook`, `turbo-8.0.23`).
    pub fn name(self) -> &'static str {
        match self {
            Compat::Handbook => "handbook",
            Compat::Turbo8023 => "turbo-8.0.23",
        }
    }
}

impl fmt::Display for Compat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Compat {
    type Err = String;

    fn from_str(s: &str) -> Result<Compat, String> {
        match s {
            "handbook" => Ok(Compat::Handbook),
            "turbo-8.0.23" | "8.0.23" => Ok(Compat::Turbo8023),
            other => Err(format!(
                "unknown compatibility {other:?} (expected turbo-8.0.23 or handbook)"
            )),
        }
    }
}

/// The default of [`StreamOptions::max_streams`].
pub const MAX_STREAMS: usize = 10_000;

/// The default of [`StreamOptions::max_nested_nodes`].
pub const MAX_NESTED_NODES: usize = 1 << 18;

/// How messages are applied. Cheap to clone (closures are shared), `Send + Sync`.
///
/// ```
/// use domorph::stream::{Render, StreamOptions};
///
/// let options = StreamOptions::default()
///     .strict(true)
///     .action("highlight", |cx| {
///         for t in cx.targets().map_err(|e| e.to_string())? {
///             cx.set_attribute(t, "class", "highlight").map_err(|e| e.to_string())?;
///         }
///         Ok(())
///     })
///     .before_render(|stream, _page| {
///         if stream.action() == Some("remove") { Render::Skip } else { Render::Default }
///     });
/// assert!(options.is_strict());
/// ```
#[derive(Clone, Default)]
pub struct StreamOptions {
    strict: bool,
    compat: Compat,
    actions: Actions,
    before_render: Option<BeforeRender>,
    max_streams: Option<usize>,
    max_nested_nodes: Option<usize>,
}

impl fmt::Debug for StreamOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamOptions")
            .field("strict", &self.strict)
            .field("compat", &self.compat)
            .field("actions", &self.actions)
            .field("before_render", &self.before_render.is_some())
            .field("max_streams", &self.max_streams())
            .field("max_nested_nodes", &self.max_nested_nodes())
            .finish()
    }
}

impl StreamOptions {
    /// Strict mode: a message applies entirely or not at all. The first failing stream (or a
    /// message-level error) rejects the message and the page stays exactly as it was.
    pub fn strict(mut self, on: bool) -> Self {
        self.strict = on;
        self
    }

    /// Follows a given Turbo release (see [`Compat`]).
    pub fn compat(mut self, compat: Compat) -> Self {
        self.compat = compat;
        self
    }

    /// Registers a custom action under `name` (exact, case-sensitive; a built-in name
    /// overrides the built-in, as assigning to Turbo's `StreamActions` does).
    pub fn action<F>(mut self, name: &str, f: F) -> Self
    where
        F: Fn(&mut super::ActionContext<'_, '_, '_>) -> Result<(), String> + Send + Sync + 'static,
    {
        self.actions.register(name, f);
        self
    }

    /// Replaces the whole registry of custom actions.
    pub fn actions(mut self, actions: Actions) -> Self {
        self.actions = actions;
        self
    }

    /// Sets the before-render hook, Turbo's `turbo:before-stream-render` listener: called
    /// for every stream of a message, in order, before any action runs (and for a stream
    /// inserted by an action, when it is inserted), with the page as it is then. It can let
    /// the action run, skip it (the stream is still removed) or run another one instead.
    pub fn before_render<F>(mut self, f: F) -> Self
    where
        F: Fn(&Stream, &Document) -> Render + Send + Sync + 'static,
    {
        self.before_render = Some(Arc::new(f));
        self
    }

    /// How many streams inserted by other streams one message may run (default
    /// [`MAX_STREAMS`]). Past it the message is dropped: streams that keep inserting streams
    /// would never end in the browser either.
    pub fn max_streams(&self) -> usize {
        self.max_streams.unwrap_or(MAX_STREAMS)
    }

    /// Sets [`StreamOptions::max_streams`].
    pub fn with_max_streams(mut self, limit: usize) -> Self {
        self.max_streams = Some(limit);
        self
    }

    /// How many nodes the page may grow by while streams inserted by other streams run, in
    /// one message (default [`MAX_NESTED_NODES`]). Past it the message is dropped.
    pub fn max_nested_nodes(&self) -> usize {
        self.max_nested_nodes.unwrap_or(MAX_NESTED_NODES)
    }

    /// Sets [`StreamOptions::max_nested_nodes`].
    pub fn with_max_nested_nodes(mut self, limit: usize) -> Self {
        self.max_nested_nodes = Some(limit);
        self
    }

    /// Whether strict mode is on.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// The Turbo behaviour followed.
    pub fn compatibility(&self) -> Compat {
        self.compat
    }

    /// The custom actions.
    pub fn custom_actions(&self) -> &Actions {
        &self.actions
    }

    pub(crate) fn custom(&self, name: &str) -> Option<&CustomAction> {
        self.actions.get(name)
    }

    pub(crate) fn hook(&self) -> Option<&BeforeRender> {
        self.before_render.as_ref()
    }
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<StreamOptions>();
};

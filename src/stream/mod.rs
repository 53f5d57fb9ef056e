//! Turbo Streams on a server-held page, exactly as Turbo 8.0.23 runs them in the browser
//! (turbo-streams.md).
//!
//! * [`Message::parse`] parses a message once (template-contents parsing, every
//!   `<turbo-stream>` outside templates, Turbo's import step); it can be applied to any
//!   number of pages.
//! * [`apply`] applies it to a [`Document`] the way `Turbo.renderStreamMessage` does: the
//!   whole parsed message is appended after `<body>`; permanent elements in templates are
//!   swapped for copies of the page's; the first `[autofocus]` element gets Turbo's
//!   temporary id; then the streams run in order, each seeing what the ones before it did
//!   and removing itself; streams that actions insert run after them; what is not a stream
//!   (whitespace, stray markup) stays under `<html>`, as in the browser.
//! * Actions (§5): `append`, `prepend`, `before`, `after` (with Turbo's id de-duplication),
//!   `replace`, `update` (`method="morph"` through [`crate::morph`] with Turbo's callbacks),
//!   `remove`, and `refresh`, which the server cannot perform: it comes back as an
//!   [`Effect`] unless its `request-id` is one of the page's recent ones. `action="morph"`
//!   follows the handbook by default and is an unknown action under
//!   [`Compat::Turbo8023`].
//! * Targets: `target` through the id index, `targets` with Chromium's selector rules
//!   ([`crate::select`]).
//! * Errors (§4): a failing stream is reported ([`Applied::errors`]) and skipped, the others
//!   run; a message-level failure returns `Err` and changes nothing. Where idiomorph would
//!   throw part-way through a morph (leaving the browser half-morphed), the stream fails and
//!   the page is left as it was before that stream: a deliberate difference. In strict mode a
//!   message applies entirely or not at all.
//! * Custom actions and a before-render hook ([`StreamOptions::action`],
//!   [`StreamOptions::before_render`]).
//! * [`StreamTag`] writes messages as turbo-rails' `TagBuilder` does.
//!
//! Where the result differs from the browser's, deliberately:
//!
//! * A morph that idiomorph 0.7.4 throws on part-way (the browser keeps the half-morphed
//!   page) fails its stream and leaves the page as it was before that stream; so does a
//!   custom action that returns `Err`. Turbo's own errors part-way through a stream (a
//!   target's template lookup failing after earlier targets were done) keep what was done,
//!   as in the browser.
//! * Nothing is focused on a server: autofocus ends as in a browser where nothing had focus
//!   (the generated id is removed from the first copy, later copies keep it), and
//!   idiomorph's active-element rules never apply.
//! * Scripts do not run; `<script>` elements end up as the browser's do (Turbo's script
//!   activation is reproduced: a `<script>` in SVG becomes an HTML one).
//! * Text nodes a message leaves under `<html>` are merged into the text node before them:
//!   the page serializes the same, and does not grow by a node per message.
//! * A message whose streams keep inserting streams is dropped past
//!   [`StreamOptions::max_streams`] or [`StreamOptions::max_nested_nodes`] (the browser
//!   would not stop).
//! * `Bardo.leave` puts a page's permanent element back in place of a
//!   `<meta name="turbo-permanent-placeholder">` with its id if the page has one; that is not
//!   reproduced.
//!
//! ```
//! use domorph::Document;
//! use domorph::stream::{apply, Message, RecentRequests, StreamOptions};
//!
//! let mut page = Document::parse("<!DOCTYPE html><ul id=list><li id=a>A</li></ul>");
//! let message = Message::parse(concat!(
//!     r#"<turbo-stream action="append" target="list"><template><li id="b">B</li></template></turbo-stream>"#,
//!     r#"<turbo-stream action="remove" target="a"></turbo-stream>"#,
//! ))?;
//! let applied = apply(&mut page, &message, &StreamOptions::default(), &RecentRequests::new())?;
//! assert!(applied.errors.is_empty());
//! assert_eq!(page.to_html(), r#"<!DOCTYPE html><html><head></head><body><ul id="list"><li id="b">B</li></ul></body></html>"#);
//! # Ok::<(), domorph::stream::StreamError>(())
//! ```

mod actions;
mod autofocus;
mod builder;
mod custom;
mod dedup;
mod element;
mod error;
mod message;
mod options;
mod permanent;
mod pipeline;
mod refresh;
mod run;

pub use builder::{StreamTag, Target};
pub use custom::{ActionContext, Actions, BeforeRender, CustomAction, Render};
pub use error::{DocumentHierarchy, StreamError, StreamErrorKind};
pub use message::{Message, Stream};
pub use options::{Compat, MAX_NESTED_NODES, MAX_STREAMS, StreamOptions};
pub use refresh::{Effect, RECENT_REQUESTS, RecentRequests, Refresh};

pub(crate) use permanent::PermanentIndex;

use crate::dom::tx::Tx;
use crate::dom::{Document, Ix};

/// What applying a message did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Applied {
    /// The streams that failed, in the order they ran (each was skipped; the others ran).
    /// Their [`StreamError::browser_message`] is what the browser's console shows.
    pub errors: Vec<StreamError>,
    /// What the host has to do: at most one [`Effect::Refresh`] per message.
    pub effects: Vec<Effect>,
    /// How many streams ran (nested ones included).
    pub streams_run: usize,
}

impl Applied {
    /// The refresh the message asks for, if any.
    pub fn refresh(&self) -> Option<&Refresh> {
        self.effects
            .iter()
            .map(|e| match e {
                Effect::Refresh(r) => r,
            })
            .next()
    }
}

/// Applies a parsed message to `page` as `Turbo.renderStreamMessage` does (see the module
/// documentation). `recent` holds the request ids that suppress a `refresh`.
///
/// `Err` when the whole message is dropped (a message-level error, or in strict mode any
/// failure): the page is then exactly as it was. Never panics.
pub fn apply(
    page: &mut Document,
    message: &Message,
    options: &StreamOptions,
    recent: &RecentRequests,
) -> Result<Applied, StreamError> {
    apply_indexed(page, message, options, recent, None)
}

/// [`apply`], keeping `permanents` (the page's permanent elements, kept between messages)
/// up to date.
pub(crate) fn apply_indexed(
    page: &mut Document,
    message: &Message,
    options: &StreamOptions,
    recent: &RecentRequests,
    mut permanents: Option<&mut PermanentIndex>,
) -> Result<Applied, StreamError> {
    let mut tx = Tx::new(page);
    let start = tx.savepoint();
    let result =
        pipeline::render_message(&mut tx, message, options, recent, permanents.as_deref_mut());
    match &result {
        Ok(_) => {
            if let Some(index) = permanents {
                index.update(&tx, start);
            }
        }
        Err(_) => tx.rollback_to(start),
    }
    tx.commit();
    result
}

/// Parses `html` as a message and applies it (see [`apply`]).
pub fn apply_html(
    page: &mut Document,
    html: &str,
    options: &StreamOptions,
    recent: &RecentRequests,
) -> Result<Applied, StreamError> {
    let message = Message::parse(html)?;
    apply(page, &message, options, recent)
}

/// Runs the `<turbo-stream>` elements that are part of `page` itself, as Turbo does when it
/// starts on a page whose HTML has some: in tree order, as directly inserted streams (no
/// permanent swap, no autofocus step), each removing itself.
pub fn run_page_streams(
    page: &mut Document,
    options: &StreamOptions,
    recent: &RecentRequests,
) -> Result<Applied, StreamError> {
    let root = page.root_ix();
    let mut streams: Vec<Ix> = Vec::new();
    let mut cur = Some(root);
    while let Some(n) = cur {
        if page.elem(n).is_some_and(element::is_stream) {
            streams.push(n);
        }
        cur = page.next_in(n, root);
    }
    if streams.is_empty() {
        return Ok(Applied::default());
    }
    let mut tx = Tx::new(page);
    let start = tx.savepoint();
    let result = pipeline::render_connected(&mut tx, &streams, options, recent);
    if result.is_err() {
        tx.rollback_to(start);
    }
    tx.commit();
    result
}

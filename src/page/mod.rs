//! A server-held page: a [`Document`] that takes Turbo Stream messages as the browser's page
//! does, with the state Turbo keeps beside the DOM (the client's recent request ids) and the
//! options messages are applied with.
//!
//! ```
//! use domorph::page::Page;
//! use domorph::stream::Message;
//!
//! let mut page = Page::parse("<!DOCTYPE html><ul id=list><li id=a>A</li></ul>");
//! let message = Message::parse(r#"<turbo-stream action="append" target="list"><template><li id="b">B</li></template></turbo-stream>"#)?;
//! let applied = page.apply(&message)?;
//! assert!(applied.errors.is_empty());
//! assert_eq!(page.to_html(), r#"<!DOCTYPE html><html><head></head><body><ul id="list"><li id="a">A</li><li id="b">B</li></ul></body></html>"#);
//! # Ok::<(), domorph::stream::StreamError>(())
//! ```

use std::borrow::Cow;

use crate::dom::Document;
use crate::stream::{
    self, Applied, Compat, Message, PermanentIndex, RecentRequests, StreamError, StreamOptions,
};

/// A page held on the server, changed exactly as Turbo 8.0.23 changes it in Chromium.
///
/// It is `Send + Sync`: keep pages behind a `Mutex` or `RwLock` and apply messages from any
/// thread.
#[derive(Debug, Clone)]
pub struct Page {
    doc: Document,
    options: StreamOptions,
    recent: RecentRequests,
    /// The page's permanent elements, kept between messages.
    permanents: PermanentIndex,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Page>();
};

impl Page {
    /// Parses a page as a browser loads it ([`Document::parse`]) and runs the
    /// `<turbo-stream>` elements in its HTML, as Turbo does when it starts. Default options.
    pub fn parse(html: &str) -> Page {
        Page::parse_with(html, StreamOptions::default()).0
    }

    /// [`Page::parse`] with options, also giving what the page's own streams did.
    pub fn parse_with(html: &str, options: StreamOptions) -> (Page, Applied) {
        let mut page = Page::from_document(Document::parse(html)).with_options(options);
        let lenient = page.options.clone().strict(false);
        let applied = stream::run_page_streams(&mut page.doc, &lenient, &page.recent)
            .unwrap_or_else(|e| Applied {
                errors: vec![e],
                ..Applied::default()
            });
        (page, applied)
    }

    /// Parses a page as the conformance oracle serves it (see [`served`]).
    pub fn parse_served(html: &str) -> Page {
        Page::parse(&served(html))
    }

    /// A page holding `doc` as it is (its streams are not run).
    pub fn from_document(doc: Document) -> Page {
        Page {
            doc,
            options: StreamOptions::default(),
            recent: RecentRequests::new(),
            permanents: PermanentIndex::default(),
        }
    }

    /// Sets the options messages are applied with.
    pub fn with_options(mut self, options: StreamOptions) -> Page {
        self.options = options;
        self
    }

    /// The options messages are applied with.
    pub fn options(&self) -> &StreamOptions {
        &self.options
    }

    /// Replaces the options.
    pub fn set_options(&mut self, options: StreamOptions) {
        self.options = options;
    }

    /// Turns strict mode on or off (see [`StreamOptions::strict`]).
    pub fn set_strict(&mut self, on: bool) {
        self.options = std::mem::take(&mut self.options).strict(on);
    }

    /// Chooses the Turbo behaviour to follow (see [`Compat`]).
    pub fn set_compat(&mut self, compat: Compat) {
        self.options = std::mem::take(&mut self.options).compat(compat);
    }

    /// Applies a message (see [`stream::apply`]): per-stream errors and effects in the
    /// result; `Err` when the whole message was dropped (or refused in strict mode), and then
    /// the page is exactly as it was.
    pub fn apply(&mut self, message: &Message) -> Result<Applied, StreamError> {
        stream::apply_indexed(
            &mut self.doc,
            message,
            &self.options,
            &self.recent,
            Some(&mut self.permanents),
        )
    }

    /// Parses and applies a message.
    pub fn apply_html(&mut self, html: &str) -> Result<Applied, StreamError> {
        let message = Message::parse(html)?;
        self.apply(&message)
    }

    /// Records a request id the page's client sent (`X-Turbo-Request-Id`): a later
    /// `refresh` with one of the last 20 recorded ids is the echo of the client's own
    /// request and gives no effect, as in Turbo.
    pub fn record_request_id(&mut self, id: &str) {
        self.recent.record(id);
    }

    /// The recorded request ids.
    pub fn recent_requests(&self) -> &RecentRequests {
        &self.recent
    }

    /// The whole page as HTML (doctype included).
    pub fn to_html(&self) -> String {
        self.doc.to_html()
    }

    /// The document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The document, to change it directly. (What the page keeps about the document
    /// beside it is recomputed at the next message.)
    pub fn document_mut(&mut self) -> &mut Document {
        self.permanents.invalidate();
        &mut self.doc
    }

    /// The document, giving up the rest.
    pub fn into_document(self) -> Document {
        self.doc
    }
}

/// A page as the oracle (and so the conformance check) serves it: a full document (one that
/// starts, after whitespace, with `<!doctype` or `<html` followed by whitespace or `>`, in
/// any case) as it is; anything else as the body of `<!DOCTYPE html><html><head></head>
/// <body>…</body></html>`.
pub fn served(page: &str) -> Cow<'_, str> {
    let js_space = crate::parse::is_js_space;
    let t = page.trim_start_matches(js_space);
    let starts = |p: &str| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    let full = starts("<!doctype")
        || (starts("<html") && t[5..].starts_with(|c: char| js_space(c) || c == '>'));
    if full {
        Cow::Borrowed(page)
    } else {
        Cow::Owned(format!(
            "<!DOCTYPE html><html><head></head><body>{page}</body></html>"
        ))
    }
}

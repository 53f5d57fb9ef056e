//! The message pipeline (turbo-streams.md §1.3): import the message into the page, swap
//! permanent elements, mark the autofocus element, append everything after `<body>`, run
//! the streams, finish autofocus, and tidy the text left under `<html>`.

use super::Applied;
use super::autofocus;
use super::element;
use super::error::{StreamError, StreamErrorKind};
use super::message::Message;
use super::options::StreamOptions;
use super::permanent::{self, PermanentIndex};
use super::refresh::{Effect, RecentRequests};
use super::run::Run;
use crate::dom::tx::Tx;
use crate::dom::{Ix, NodeData};
use crate::morph::insert_node;

/// `Turbo.renderStreamMessage(message)` inside a transaction. On `Err` the caller rolls the
/// whole message back.
pub(crate) fn render_message(
    tx: &mut Tx<'_>,
    message: &Message,
    options: &StreamOptions,
    recent: &RecentRequests,
    permanents: Option<&mut PermanentIndex>,
) -> Result<Applied, StreamError> {
    let html = tx
        .doc()
        .document_element()
        .and_then(|h| tx.doc().ix(h))
        .ok_or_else(|| StreamError::new("<turbo-stream>", StreamErrorKind::NoDocumentElement))?;
    // The message's nodes, imported (still detached).
    let src = &message.fragment.doc;
    let top: Vec<Ix> = src
        .child_ixs(message.fragment.root)
        .map(|c| tx.import(src, c))
        .collect();
    let mut streams = Vec::new();
    for &n in &top {
        element::named_streams_in(tx.doc(), n, &mut streams);
    }
    let live = match (streams.is_empty(), permanents) {
        (true, _) => Vec::new(),
        (false, Some(index)) => index.live(tx.doc(), html),
        (false, None) => permanent::live_permanents(tx.doc(), html),
    };
    let map = permanent::map(tx, &live, &streams)?;
    permanent::enter(tx, &map);
    let focus = autofocus::mark(tx, &streams);
    for &n in &top {
        insert_node(tx, html, n, None)
            .map_err(|e| StreamError::new("<turbo-stream>", StreamErrorKind::Dom(e)))?;
    }
    permanent::leave(tx, &map);

    let mut run = Run::new(options, Some(message));
    run.run_rounds(tx, &streams, |tx| autofocus::finish(tx, &focus))?;
    merge_text(tx, html, &top);
    Ok(finish(run, recent))
}

/// Streams that are part of the page without a message (in the HTML a page was loaded
/// with): they run as directly inserted streams do, without the permanent swap or autofocus.
pub(crate) fn render_connected(
    tx: &mut Tx<'_>,
    streams: &[Ix],
    options: &StreamOptions,
    recent: &RecentRequests,
) -> Result<Applied, StreamError> {
    let mut run = Run::new(options, None);
    run.run_rounds(tx, streams, |_| {})?;
    Ok(finish(run, recent))
}

fn finish(run: Run<'_>, recent: &RecentRequests) -> Applied {
    let mut effects = Vec::new();
    if let Some(r) = run.refresh
        && !recent.suppresses(r.request_id.as_deref())
    {
        effects.push(Effect::Refresh(r));
    }
    Applied {
        errors: run.errors,
        effects,
        streams_run: run.ran,
    }
}

/// Each text node the message left under `<html>` is merged into a text node right before
/// it: the page serializes the same (the browser keeps them apart), and a page that takes
/// millions of messages keeps one text node there instead of one per message.
fn merge_text(tx: &mut Tx<'_>, html: Ix, top: &[Ix]) {
    for &n in top {
        let doc = tx.doc();
        if doc.node(n).is_free() || doc.node(n).parent != Some(html) {
            continue;
        }
        let NodeData::Text(text) = &doc.node(n).data else {
            continue;
        };
        let Some(prev) = doc.node(n).prev_sibling else {
            continue;
        };
        if !matches!(doc.node(prev).data, NodeData::Text(_)) {
            continue;
        }
        let text = text.clone();
        tx.append_text(prev, &text);
        tx.remove(n);
    }
}

//! Parse and serialization throughput: domorph's arena against html5ever→`markup5ever_rcdom`
//! on the same pages.
//!
//! * `parse/{domorph,rcdom}/PAGE`: the whole page, from `&str` to a tree. The tree's drop is
//!   not timed (criterion drops the outputs outside the measured loop).
//! * `serialize/{domorph,rcdom}/PAGE`: the parsed tree back to HTML. Ours is
//!   [`Document::to_html`] (a `String`); RcDom's is html5ever's `serialize` into a `Vec<u8>`
//!   (the same serializer; we add the walk into template contents and the UTF-8 `String`).
//!
//! Throughput is in bytes of HTML: the input page for parsing, the output for serialization.
//! The machine this runs on is shared and noisy: compare the two sides of one run (a ratio),
//! never a figure from one run with a figure from another.
//!
//! Inputs are read at run time from `../shared/tools/oracle/out/perf_inputs/` next to the
//! crate; a missing page is reported and skipped. `cargo bench --bench parse -- --test` runs
//! every benchmark once, as a smoke test.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use domorph::Document;
use html5ever::serialize::{SerializeOpts, TraversalScope, serialize};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{RcDom, SerializableHandle};

mod common;
use common::perf_input;

/// The pages: a 10k-node page and two 50k-node pages of different shape (cards with forms,
/// tables and text; a long list of id'd items with many small spans).
const PAGES: &[&str] = &["cards_10k", "cards_50k", "list1000_50k"];

/// A page to measure.
struct Page {
    name: &'static str,
    html: String,
}

/// Reads the pages that exist, saying which are missing.
fn pages() -> Vec<Page> {
    PAGES
        .iter()
        .filter_map(|&name| {
            let html = perf_input("parse", &format!("{name}.html"))?;
            Some(Page { name, html })
        })
        .collect()
}

fn rcdom_parse(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), Default::default()).one(html)
}

/// RcDom's serialization of a whole document (its children, as `Document::to_html` does).
fn rcdom_serialize(dom: &RcDom) -> Vec<u8> {
    let mut out = Vec::new();
    let handle = SerializableHandle::from(dom.document.clone());
    let opts = SerializeOpts {
        traversal_scope: TraversalScope::ChildrenOnly(None),
        ..Default::default()
    };
    // Writing into a Vec does not fail.
    let _ = serialize(&mut out, &handle, opts);
    out
}

/// Settings for 1 MB inputs on a 2-core machine: a full run takes a few minutes.
fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    g
}

fn parse(c: &mut Criterion) {
    let pages = pages();
    let mut g = group(c, "parse");
    for page in &pages {
        let html = page.html.as_str();
        g.throughput(Throughput::Bytes(html.len() as u64));
        g.bench_with_input(BenchmarkId::new("domorph", page.name), html, |b, html| {
            b.iter_with_large_drop(|| Document::parse(black_box(html)))
        });
        g.bench_with_input(BenchmarkId::new("rcdom", page.name), html, |b, html| {
            b.iter_with_large_drop(|| rcdom_parse(black_box(html)))
        });
    }
    g.finish();
}

fn serialization(c: &mut Criterion) {
    let pages = pages();
    let mut g = group(c, "serialize");
    for page in &pages {
        let doc = Document::parse(&page.html);
        let dom = rcdom_parse(&page.html);
        let ours = doc.to_html();
        if ours.as_bytes() != rcdom_serialize(&dom) {
            // Not expected on these pages (no templates); the timings are still comparable.
            eprintln!("bench parse: {}: the two serializations differ", page.name);
        }
        g.throughput(Throughput::Bytes(ours.len() as u64));
        g.bench_with_input(BenchmarkId::new("domorph", page.name), &doc, |b, doc| {
            b.iter(|| black_box(doc).to_html())
        });
        g.bench_with_input(BenchmarkId::new("rcdom", page.name), &dom, |b, dom| {
            b.iter(|| rcdom_serialize(black_box(dom)))
        });
    }
    g.finish();
}

criterion_group!(benches, parse, serialization);
criterion_main!(benches);

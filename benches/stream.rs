//! Turbo Stream messages on a server-held [`Page`], on the oracle's Turbo perf inputs
//! (`../shared/tools/oracle/out/perf_inputs/`, read at run time; a missing file is reported
//! and the benchmarks that need it are skipped).
//!
//! * `stream/append_one/…`: `turbo_stream_append_one.html` (one `<li>` appended to
//!   `#list-223`) applied to `turbo_page_10k.html`, the page and message `perf.mjs` gives
//!   `Turbo.renderStreamMessage`, and to a 100k-node page made of ten copies of that page's
//!   `#app` content (ids prefixed in all but the middle copy, which keeps `#list-223`). A
//!   `target` goes through the id index, so both should cost the same (issue 8: 100k/10k at
//!   most 1.3x).
//!   * `apply/{10k,100k}`: [`Page::apply`] alone (the message parsed once) on a fresh copy of
//!     the page. The copy is made just before, so the 10k page (about 1 MB) is still in the
//!     caches and the 100k page (about 10 MB, as big as the last-level cache) mostly is not.
//!   * `apply_cold/{10k,100k}`: the same with the caches emptied after the copy (64 MB
//!     written), so that both pages are equally cold: the size of the page alone.
//!   * `steady/{10k,100k}`: one page taking the message again and again (each time the new
//!     `<li>` replaces the one before it, by Turbo's id de-duplication): warm caches, no copy.
//!   * `parse_apply/{10k,100k}`: [`Message::parse`] + [`Page::apply`], what Turbo's "call" +
//!     "action" do in the browser (compare with `perf.mjs --only turbo` run in the same
//!     sitting; issue 8: at least 50x faster on the 10k page). `parse`: the parse alone.
//!   * `fresh_clone/{10k,100k}`: the first message into a copy of a page that has taken none
//!     (see [`held`]).
//! * `stream/action/NAME`: each action on the 10k page (`append`, `prepend`, `before`,
//!   `after`, `replace`, `update`, `remove`, `replace`/`update` with `method="morph"`,
//!   `refresh`), on card 223 or its tag list.
//! * `stream/targets/{class_100k,id_selector_100k}`: `append` through a `targets` selector
//!   over the 100k page (`.card[data-id="223"] > ul.tags`, ten matches; `#list-223`, one).
//! * `stream/app/{morph,replace}/{apply,parse_apply}`: `turbo_stream_morph_app.html`
//!   (`replace method="morph"` of the whole `#app`, 1% changed) and
//!   `turbo_stream_replace_app.html` (plain replace, same content) on the 10k page, as
//!   `perf.mjs` times them for Turbo.
//! * `stream/pages_1000`: the README's chat message (five streams, several actions), parsed
//!   once, applied to 1,000 copies of the chat page (throughput in pages per second).
//!
//! Every mutating benchmark but `steady` applies to a copy of the page made outside the timed
//! region (`iter_batched`, one copy per iteration: criterion sizes the run by the wall time,
//! copies included, so big pages get few iterations). The pages have taken one message before
//! they are copied, as a page held on a server has (see [`held`]): a [`Page`] finds its
//! permanent elements with one walk at its first message, and the nodes a message removes
//! leave free slots that later nodes reuse.
//!
//! Compare figures of one run only (a shared, noisy machine). `cargo bench --bench stream --
//! --test` runs each once.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use domorph::stream::Message;
use domorph::{Document, Page};

mod common;
use common::{EVICT_BYTES, evict, perf_input, read_or_skip};

/// A file of the oracle's perf inputs.
fn input(name: &str) -> Option<String> {
    perf_input("stream", name)
}

/// A file of the crate's fixtures.
fn fixture(name: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    read_or_skip("stream", &path)
}

/// Opening of the app element in `turbo_page_10k.html`.
const APP_OPEN: &str = r#"<div id="app" class="app">"#;
/// End of that page.
const PAGE_CLOSE: &str = "</div></body></html>";

/// The 100k-node page: `#app` holds ten copies of the 10k page's `#app` content. The middle
/// copy is the original; the others have every `id` prefixed with `rK-`, so that ids stay
/// unique and `#list-223` is found once, in the middle of the page. Deterministic.
fn page_100k(page_10k: &str) -> Option<String> {
    let start = page_10k.find(APP_OPEN)? + APP_OPEN.len();
    let end = page_10k.rfind(PAGE_CLOSE)?;
    let (head, content) = (&page_10k[..start], &page_10k[start..end]);
    let mut out = String::with_capacity(page_10k.len() * 10 + 64);
    out.push_str(head);
    for k in 0..10 {
        if k == 5 {
            out.push_str(content);
        } else {
            out.push_str(&content.replace(r#" id=""#, &format!(r#" id="r{k}-"#)));
        }
    }
    out.push_str(&page_10k[end..]);
    Some(out)
}

/// Nodes under (and including) the document node.
fn nodes(doc: &Document) -> usize {
    doc.descendants(doc.root()).count()
}

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// A page as a server holds it: parsed, and past a first message, which found its permanent
/// elements (a [`Page`] walks the page for them at its first message) and left free slots in
/// its arena (the priming message's 256 template elements, imported and then freed).
/// `append_one/fresh_clone` applies to a copy of a page that has taken no message yet, so it
/// pays that walk. The priming message changes nothing.
fn held(html: &str) -> Page {
    primed(html, 256)
}

/// A page parsed and past a message that imported `elements` template elements (and 3 more
/// nodes) and freed them again.
fn primed(html: &str, elements: usize) -> Page {
    let mut page = Page::parse(html);
    let before = page.to_html();
    let prime = Message::parse(&format!(
        r#"<turbo-stream action="remove" target="domorph-bench-none"><template>{}</template></turbo-stream>"#,
        "<i></i>".repeat(elements)
    ))
    .expect("the priming message parses");
    page.apply(&prime).expect("the priming message applies");
    assert_eq!(
        page.to_html(),
        before,
        "the priming message changed the page"
    );
    page
}

/// Parses `html` as a message and checks that it applies to a copy of `page` without a
/// failing stream (so that every benchmark measures the work it names).
fn message(page: &Page, html: &str) -> Message {
    let message = Message::parse(html).expect("the bench message parses");
    let applied = page
        .clone()
        .apply(&message)
        .expect("the bench message applies");
    assert!(
        applied.errors.is_empty(),
        "the bench message fails: {:?}\n{html}",
        applied.errors
    );
    message
}

/// Times `page.apply(message)` on a fresh copy of `page` per iteration.
fn bench_apply(g: &mut Group<'_>, id: BenchmarkId, page: &Page, message: &Message) {
    g.bench_function(id, |b| {
        b.iter_batched_ref(
            || page.clone(),
            |p| p.apply(black_box(message)),
            BatchSize::PerIteration,
        )
    });
}

/// Times `Message::parse(html)` + `page.apply` on a fresh copy of `page` per iteration.
fn bench_parse_apply(g: &mut Group<'_>, id: BenchmarkId, page: &Page, html: &str) {
    g.bench_function(id, |b| {
        b.iter_batched_ref(
            || page.clone(),
            |p| {
                let message = Message::parse(black_box(html))?;
                p.apply(&message)
            },
            BatchSize::PerIteration,
        )
    });
}

/// A group with the settings of this bench.
fn group<'a>(c: &'a mut Criterion, name: &str) -> Group<'a> {
    let mut g = c.benchmark_group(name);
    g.sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g
}

/// The oracle's Turbo page, parsed and held, and its 100k-node sibling.
struct Pages {
    page_10k: Page,
    page_100k: Page,
    /// The same pages past a message that left one free slot: their copies have no room
    /// for a new node.
    bare_10k: Page,
    bare_100k: Page,
}

/// The pages, parsed once per run.
fn pages() -> Option<&'static Pages> {
    static PAGES: OnceLock<Option<Pages>> = OnceLock::new();
    PAGES.get_or_init(load_pages).as_ref()
}

fn load_pages() -> Option<Pages> {
    let html_10k = input("turbo_page_10k.html")?;
    let html_100k = page_100k(&html_10k)?;
    let page_10k = held(&html_10k);
    let page_100k = held(&html_100k);
    let bare_10k = primed(&html_10k, 0);
    let bare_100k = primed(&html_100k, 0);
    eprintln!(
        "bench stream: turbo_page_10k has {} nodes, the 100k page {}",
        nodes(page_10k.document()),
        nodes(page_100k.document())
    );
    Some(Pages {
        page_10k,
        page_100k,
        bare_10k,
        bare_100k,
    })
}

fn append_one(c: &mut Criterion) {
    let (Some(p), Some(html)) = (pages(), input("turbo_stream_append_one.html")) else {
        return;
    };
    let msg = message(&p.page_10k, &html);
    let _ = message(&p.page_100k, &html);
    let mut g = group(c, "stream/append_one");
    bench_apply(&mut g, BenchmarkId::new("apply", "10k"), &p.page_10k, &msg);
    bench_apply(
        &mut g,
        BenchmarkId::new("apply", "100k"),
        &p.page_100k,
        &msg,
    );
    bench_parse_apply(
        &mut g,
        BenchmarkId::new("parse_apply", "10k"),
        &p.page_10k,
        &html,
    );
    bench_parse_apply(
        &mut g,
        BenchmarkId::new("parse_apply", "100k"),
        &p.page_100k,
        &html,
    );
    g.bench_function("parse", |b| b.iter(|| Message::parse(black_box(&html))));
    // The same with the caches emptied after the copy: both pages equally cold.
    let mut junk = vec![0u8; EVICT_BYTES];
    for (size, page, msg) in [("10k", &p.page_10k, &msg), ("100k", &p.page_100k, &msg)] {
        g.bench_function(BenchmarkId::new("apply_cold", size), |b| {
            b.iter_batched_ref(
                || {
                    let copy = page.clone();
                    evict(&mut junk);
                    copy
                },
                |p| p.apply(black_box(msg)),
                BatchSize::PerIteration,
            )
        });
    }
    // The first message into a copy of a page that has taken none.
    for (size, page) in [("10k", &p.bare_10k), ("100k", &p.bare_100k)] {
        bench_apply(&mut g, BenchmarkId::new("fresh_clone", size), page, &msg);
    }
    // One page taking the message again and again (each time the new item replaces the one
    // before, by Turbo's id de-duplication): caches warm, no copy.
    for (size, page) in [("10k", &p.page_10k), ("100k", &p.page_100k)] {
        let mut page = page.clone();
        let nodes = page.document().node_count();
        for _ in 0..3 {
            page.apply(&msg).expect("applies");
        }
        assert_eq!(page.document().node_count(), nodes + 2, "steady state");
        g.bench_function(BenchmarkId::new("steady", size), |b| {
            b.iter(|| page.apply(black_box(&msg)))
        });
    }
    g.finish();
}

/// Card 223 of the 10k page (the middle one, whose tag list the append targets), as HTML.
fn card_223(page: &Page) -> String {
    let doc = page.document();
    let card = doc
        .get_element_by_id("card-223")
        .expect("the page has #card-223");
    doc.outer_html(card)
}

fn actions(c: &mut Criterion) {
    let Some(p) = pages() else { return };
    let page = &p.page_10k;
    let card = card_223(page);
    // A new card (other ids), and card 223 edited (title and one tag changed).
    let new_card = card
        .replace("card-223", "card-new")
        .replace("list-223", "list-new");
    let edited = card.replacen("Card 223", "Card 223 (edited)", 1).replacen(
        r#"data-tag="t0">"#,
        r#"data-tag="t0">edited "#,
        1,
    );
    let list = page
        .document()
        .get_element_by_id("list-223")
        .map(|l| page.document().inner_html(l))
        .expect("the page has #list-223");
    let edited_list = list.replacen(r#"data-tag="t0">"#, r#"data-tag="t0">edited "#, 1);
    let item = r#"<li class="tag" data-tag="new" id="tag-new">new tag</li>"#;
    let tag = |action: &str, target: &str, method: &str, content: Option<&str>| {
        let method = if method.is_empty() {
            String::new()
        } else {
            format!(r#" method="{method}""#)
        };
        match content {
            Some(t) => format!(
                r#"<turbo-stream action="{action}"{method} target="{target}"><template>{t}</template></turbo-stream>"#
            ),
            None => format!(r#"<turbo-stream action="{action}" target="{target}"></turbo-stream>"#),
        }
    };
    let cases: Vec<(&str, String)> = vec![
        ("append", tag("append", "list-223", "", Some(item))),
        ("prepend", tag("prepend", "list-223", "", Some(item))),
        ("before", tag("before", "card-223", "", Some(&new_card))),
        ("after", tag("after", "card-223", "", Some(&new_card))),
        ("replace", tag("replace", "card-223", "", Some(&edited))),
        ("update", tag("update", "list-223", "", Some(&edited_list))),
        ("remove", tag("remove", "card-223", "", None)),
        (
            "replace_morph",
            tag("replace", "card-223", "morph", Some(&edited)),
        ),
        (
            "update_morph",
            tag("update", "list-223", "morph", Some(&edited_list)),
        ),
        (
            "refresh",
            r#"<turbo-stream action="refresh" request-id="bench-1" method="morph" scroll="preserve"></turbo-stream>"#
                .to_owned(),
        ),
    ];
    let mut g = group(c, "stream/action");
    for (name, html) in &cases {
        let msg = message(page, html);
        bench_apply(&mut g, BenchmarkId::from_parameter(name), page, &msg);
    }
    g.finish();
}

fn targets(c: &mut Criterion) {
    let Some(p) = pages() else { return };
    let item = r#"<li class="tag" data-tag="new" id="tag-new">new tag</li>"#;
    let mut g = group(c, "stream/targets");
    for (name, selector, matches) in [
        ("class_100k", r#".card[data-id="223"] > ul.tags"#, 10),
        ("id_selector_100k", "#list-223", 1),
    ] {
        let html = format!(
            r#"<turbo-stream action="append" targets='{selector}'><template>{item}</template></turbo-stream>"#
        );
        let msg = message(&p.page_100k, &html);
        let mut after = p.page_100k.clone();
        after.apply(&msg).expect("applies");
        let found = after.document().elements_by_id("tag-new").len();
        assert_eq!(found, matches, "{selector} matched {found} elements");
        bench_apply(
            &mut g,
            BenchmarkId::from_parameter(name),
            &p.page_100k,
            &msg,
        );
    }
    g.finish();
}

fn whole_app(c: &mut Criterion) {
    let Some(p) = pages() else { return };
    let mut g = group(c, "stream/app");
    g.sample_size(10);
    for (name, file) in [
        ("morph", "turbo_stream_morph_app.html"),
        ("replace", "turbo_stream_replace_app.html"),
    ] {
        let Some(html) = input(file) else { continue };
        let msg = message(&p.page_10k, &html);
        bench_apply(&mut g, BenchmarkId::new(name, "apply"), &p.page_10k, &msg);
        bench_parse_apply(
            &mut g,
            BenchmarkId::new(name, "parse_apply"),
            &p.page_10k,
            &html,
        );
    }
    g.finish();
}

fn pages_1000(c: &mut Criterion) {
    let (Some(page_html), Some(html)) = (fixture("pages/chat.html"), fixture("messages/chat.html"))
    else {
        return;
    };
    let page = held(&page_html);
    let msg = message(&page, &html);
    let mut g = group(c, "stream");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("pages_1000", |b| {
        b.iter_batched(
            || vec![page.clone(); 1000],
            |mut pages| {
                for p in &mut pages {
                    let _ = black_box(p.apply(black_box(&msg)));
                }
                pages
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, append_one, actions, targets, whole_app, pages_1000);
criterion_main!(benches);

//! The morph on the oracle's perf inputs (`../shared/tools/oracle/out/perf_inputs/`, read at
//! run time; a missing file is reported and skipped). In every scenario the old page's
//! `#app` element is morphed (outer) into the new file's markup, as `perf.mjs` has idiomorph
//! do in Chromium.
//!
//! * `morph/parse/S`: `Document::parse` of the new markup (the yardstick the morph phase is
//!   measured against).
//! * `morph/phase/S`: the morph alone, the new content already parsed (as idiomorph parses a
//!   string); the old document is cloned outside the timed region.
//! * `morph/string/S`: parse + morph from the string, what `Idiomorph.morph(root, string)`
//!   does in the browser (compare with `perf.mjs` run in the same sitting).
//! * `morph/scaling/KIND/N`: the morph phase on `<tbody>`s of N rows, 1% changed: id-less,
//!   id'd with whitespace between rows, id'd without whitespace.
//! * `morph/scaling_cold/KIND/N`: the same for 4000 and 8000 rows with the copied page pushed
//!   out of the caches before the morph, so that both sizes start equally cold.
//! * `morph/scaling_string/KIND/N`: 4000 and 8000 rows with the new content given as a
//!   string, parsing included, as perf.mjs times idiomorph's scaling.
//! * `morph/forms/CASE/N`: N radio buttons (a reversed list, many groups flipped or left
//!   as they are) or N options of one select, generated here: morphing form controls
//!   stays linear.
//!
//! Compare figures of one run only (a shared, noisy machine). `cargo bench --bench morph --
//! --test` runs each once.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use domorph::Document;
use domorph::morph::{MorphOptions, NewContent, morph};
use domorph::parse::parse_idiomorph;

mod common;
use common::{EVICT_BYTES, evict, perf_input};

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// The perf input `NAME.html`.
fn read(name: &str) -> Option<String> {
    perf_input("morph", &format!("{name}.html"))
}

/// (scenario name, old file, new file)
const SCENARIOS: &[(&str, &str, &str)] = &[
    ("cards_10k_1pct", "cards_10k", "cards_10k_changed1pct"),
    ("cards_50k_1pct", "cards_50k", "cards_50k_changed1pct"),
    (
        "list1000_10k_reversed",
        "list1000_10k",
        "list1000_10k_reversed",
    ),
    (
        "list1000_10k_shuffled",
        "list1000_10k",
        "list1000_10k_shuffled",
    ),
    (
        "list1000_50k_reversed",
        "list1000_50k",
        "list1000_50k_reversed",
    ),
    (
        "list1000_50k_shuffled",
        "list1000_50k",
        "list1000_50k_shuffled",
    ),
];

/// Morphs the `#app` element of `doc` (already a copy made outside the timed region).
fn morph_app(mut doc: Document, content: NewContent<'_>) -> Document {
    let app = doc
        .get_element_by_id("app")
        .expect("the perf inputs have #app");
    morph(&mut doc, app, content, &mut MorphOptions::outer()).expect("the perf morphs succeed");
    doc
}

/// Times the morph of `#app` in a copy of `old` into `content`. The copy is made outside the
/// timed region, and pushed out of the caches after it is made when `junk` is given.
fn bench_morph(
    g: &mut Group<'_>,
    id: BenchmarkId,
    old: &Document,
    content: NewContent<'_>,
    mut junk: Option<&mut [u8]>,
) {
    let size = if junk.is_some() {
        BatchSize::PerIteration
    } else {
        BatchSize::LargeInput
    };
    g.bench_function(id, |b| {
        b.iter_batched(
            || {
                let copy = old.clone();
                if let Some(junk) = junk.as_deref_mut() {
                    evict(junk);
                }
                copy
            },
            |doc| morph_app(doc, black_box(content)),
            size,
        )
    });
}

fn phases(c: &mut Criterion) {
    let mut g = c.benchmark_group("morph");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for &(name, old, new) in SCENARIOS {
        let (Some(old), Some(new)) = (read(old), read(new)) else {
            continue;
        };
        let old_doc = Document::parse(&old);
        let (parsed, _) = parse_idiomorph(&new);
        g.throughput(Throughput::Bytes(new.len() as u64));
        g.bench_with_input(BenchmarkId::new("parse", name), &new, |b, new| {
            b.iter(|| Document::parse(black_box(new)))
        });
        let phase = NewContent::Fragment(&parsed);
        bench_morph(
            &mut g,
            BenchmarkId::new("phase", name),
            &old_doc,
            phase,
            None,
        );
        let string = NewContent::Html(&new);
        bench_morph(
            &mut g,
            BenchmarkId::new("string", name),
            &old_doc,
            string,
            None,
        );
    }
    g.finish();
}

/// The morph of the `table_ROWSrows_KIND` inputs, for each kind and row count: the morph
/// phase (new content already parsed), or with `string` the new content given as a string
/// (parsed by the morph, as perf.mjs times idiomorph).
fn tables(g: &mut Group<'_>, rows: &[u64], mut junk: Option<&mut [u8]>, string: bool) {
    for kind in ["noid", "id", "id_nows"] {
        for &rows in rows {
            let base = format!("table_{rows}rows_{kind}");
            let (Some(old), Some(new)) = (read(&base), read(&format!("{base}_changed1pct"))) else {
                continue;
            };
            let old_doc = Document::parse(&old);
            let (parsed, _) = parse_idiomorph(&new);
            let content = if string {
                NewContent::Html(&new)
            } else {
                NewContent::Fragment(&parsed)
            };
            g.throughput(Throughput::Elements(rows));
            bench_morph(
                g,
                BenchmarkId::new(kind, rows),
                &old_doc,
                content,
                junk.as_deref_mut(),
            );
        }
    }
}

/// A group of [`tables`] runs, ten samples each over `secs` seconds.
fn table_group(
    c: &mut Criterion,
    name: &str,
    secs: u64,
    rows: &[u64],
    junk: Option<&mut [u8]>,
    string: bool,
) {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(secs));
    tables(&mut g, rows, junk, string);
    g.finish();
}

fn scaling(c: &mut Criterion) {
    table_group(
        c,
        "morph/scaling",
        2,
        &[1000, 2000, 4000, 8000],
        None,
        false,
    );
}

/// The scaling rows again with the old page pushed out of the caches after it is copied.
/// With a fresh copy alone, the 4000-row page (a few MB) is still largely cached when the
/// morph starts and the 8000-row one is not, which inflates the 8000/4000 ratio beyond what
/// the algorithm does (its instruction count doubles exactly); equally cold pages show the
/// algorithm's own scaling, and are what a page held on a busy server looks like.
fn scaling_cold(c: &mut Criterion) {
    let mut junk = vec![0u8; EVICT_BYTES];
    table_group(
        c,
        "morph/scaling_cold",
        3,
        &[4000, 8000],
        Some(&mut junk),
        false,
    );
}

/// The scaling rows with the new content given as a string: the morph parses it, which is
/// how perf.mjs times idiomorph (`Idiomorph.morph(root, newHtmlString)`), so this is the
/// like-for-like comparison with its 8000/4000 ratio.
fn scaling_string(c: &mut Criterion) {
    table_group(c, "morph/scaling_string", 2, &[4000, 8000], None, true);
}

/// Form controls, N of them: a list of radio buttons of one group reversed; a form of N/2
/// two-button groups each with its checked button moved to the other, or left as it is;
/// a select of N options whose selected option moves. The morph asks about the group or
/// the select of every control it reads or writes, so these stay linear only while
/// asking costs the control rather than its form or select.
fn forms(c: &mut Criterion) {
    let mut g = c.benchmark_group("morph/forms");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for n in [1000usize, 2000] {
        let list = |reversed: bool| {
            let mut items: Vec<String> = (0..n)
                .map(|i| {
                    let checked = if i == 3 { " checked" } else { "" };
                    format!("<label id=l{i}><input type=radio name=r value={i}{checked}></label>\n")
                })
                .collect();
            if reversed {
                items.reverse();
            }
            format!("<div id=app><form>{}</form></div>", items.concat())
        };
        let groups = |first: bool| {
            let (a, b) = if first {
                (" checked", "")
            } else {
                ("", " checked")
            };
            let items: String = (0..n / 2)
                .map(|i| {
                    format!(
                        "<p><input type=radio name=q{i}{a}><input type=radio name=q{i}{b}></p>\n"
                    )
                })
                .collect();
            format!("<div id=app><form>{items}</form></div>")
        };
        let select = |at: usize| {
            let options: String = (0..n)
                .map(|i| {
                    let selected = if i == at { " selected" } else { "" };
                    format!("<option value={i}{selected}>{i}</option>\n")
                })
                .collect();
            format!("<div id=app><form><select>{options}</select></form></div>")
        };
        let cases = [
            ("list_reversed", list(false), list(true)),
            ("groups_flipped", groups(true), groups(false)),
            ("groups_unchanged", groups(true), groups(true)),
            ("select_selection_moved", select(3), select(n - 3)),
        ];
        for (name, old, new) in &cases {
            let old_doc = Document::parse(old);
            let (parsed, _) = parse_idiomorph(new);
            g.throughput(Throughput::Elements(n as u64));
            bench_morph(
                &mut g,
                BenchmarkId::new(*name, n),
                &old_doc,
                NewContent::Fragment(&parsed),
                None,
            );
        }
    }
    g.finish();
}

criterion_group!(
    benches,
    phases,
    scaling,
    scaling_cold,
    scaling_string,
    forms
);
criterion_main!(benches);

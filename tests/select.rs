//! `targets` selectors against Chromium: validity and the exact set of matched elements for
//! every case of `fixtures/oracle/selectors*.jsonl.gz` (see fixtures/oracle/README.md; the
//! expected outputs were produced by Chromium 156 running Turbo 8.0.23, never by domorph),
//! plus property tests of the query engine.
//!
//! How a case is checked. The oracle ran `<turbo-stream action="before" targets="S">` with a
//! `<!--M-->` template on a page, so Chromium's `querySelectorAll(S)` either threw a
//! `SyntaxError` (invalid selector), or matched `<html>` (Turbo's `before` then throws a
//! `TypeError` reading `parentElement.children`), or inserted a comment before every match.
//! We rebuild the document as it was when Turbo queried it (the page, Turbo's progress-bar
//! `<style>` first in `<head>`, the `<turbo-stream>` appended to `<html>`), run our query,
//! do the same insertions, take Turbo's nodes out again, and compare the serialization with
//! the browser's byte for byte. Comments affect no selector, so the markers are neutral.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use domorph::parse::parse_template_contents;
use domorph::select::{Selector, SelectorErrorKind};
use domorph::{Document, NodeData, NodeId};
use proptest::prelude::*;
use support::{as_document, oracle_files, read_jsonl};

/// Cases where we knowingly differ from Chromium, each with the reason. A listed case must
/// really differ: if it starts to match, remove it from here.
const KNOWN_DEVIATIONS: &[(&str, &str, &str)] = &[];

/// The fixture files (`SELECT_FIXTURE` may name another JSON Lines file, for development).
fn fixture_files() -> Vec<PathBuf> {
    if let Ok(p) = std::env::var("SELECT_FIXTURE") {
        return p.split(',').map(PathBuf::from).collect();
    }
    oracle_files("selectors", ".jsonl.gz")
}

/// What Chromium did with a case.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// `SyntaxError`: not a valid selector.
    Invalid,
    /// The selector matched `<html>` (Turbo's `before` threw a `TypeError`).
    MatchedRoot,
    /// The page after the markers went in.
    Marked(String),
}

fn browser_outcome(result: &serde_json::Value) -> Outcome {
    let errors: Vec<&str> = result["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e.as_str().expect("error string"))
        .collect();
    if errors.iter().any(|e| e.contains("is not a valid selector")) {
        return Outcome::Invalid;
    }
    if errors
        .iter()
        .any(|e| e.contains("TypeError") && e.contains("'children'"))
    {
        return Outcome::MatchedRoot;
    }
    assert!(errors.is_empty(), "unexpected browser errors {errors:?}");
    Outcome::Marked(result["html"].as_str().expect("html").to_owned())
}

/// The page as Turbo queried it: Turbo's progress-bar `<style>` first in `<head>`, the
/// stream message's nodes appended to `<html>`. Returns the nodes Turbo added.
fn query_time_document(page: &Document, stream: &str) -> (Document, Vec<NodeId>) {
    let mut doc = page.clone();
    let mut added = Vec::new();
    let head = doc.head().expect("head");
    let style = doc.create_html_element("style");
    doc.set_attribute(style, "type", "text/css").unwrap();
    doc.set_text_content(style, ".turbo-progress-bar { position: fixed; }")
        .unwrap();
    let first = doc.first_child(head);
    doc.insert_before(head, style, first).unwrap();
    added.push(style);
    let html = doc.document_element().expect("html");
    let message = parse_template_contents(stream);
    let kids: Vec<NodeId> = message.children().collect();
    for k in kids {
        let n = doc.import_node(message.document(), k, true).unwrap();
        doc.append_child(html, n).unwrap();
        added.push(n);
    }
    (doc, added)
}

fn our_outcome(
    case: &serde_json::Value,
    pages: &mut HashMap<String, Document>,
) -> (Outcome, String) {
    let selector = case["selector"].as_str().expect("selector");
    let sel = match Selector::parse(selector) {
        Ok(s) => s,
        Err(e) => return (Outcome::Invalid, e.to_string()),
    };
    let page = case["page"].as_str().expect("page");
    let page = pages
        .entry(page.to_owned())
        .or_insert_with(|| Document::parse(&as_document(page)));
    let (mut doc, added) = query_time_document(page, case["stream"].as_str().expect("stream"));
    let hits = sel.query_all(&doc);
    let html = doc.document_element().expect("html");
    let described: Vec<String> = hits.iter().map(|&h| doc.describe(h)).collect();
    let detail = format!("canonical {:?}, matches {described:?}", sel.canonical());
    if hits.contains(&html) {
        return (Outcome::MatchedRoot, detail);
    }
    for h in hits {
        let parent = doc.parent(h).expect("a match has a parent");
        let marker = doc.create_comment("M");
        doc.insert_before(parent, marker, Some(h)).unwrap();
    }
    for n in added {
        doc.remove(n).unwrap();
    }
    (Outcome::Marked(doc.outer_html(html)), detail)
}

/// Where two strings first differ, with some context.
fn first_difference(a: &str, b: &str) -> String {
    let i = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .unwrap_or(a.len().min(b.len()));
    let lo = a[..i].char_indices().rev().nth(60).map_or(0, |(j, _)| j);
    let ctx = |s: &str| {
        s.get(lo..)
            .unwrap_or("")
            .chars()
            .take(140)
            .collect::<String>()
    };
    format!("ours: …{}\nbrowser: …{}", ctx(a), ctx(b))
}

#[test]
fn fixture_cases_match_chromium() {
    let mut checked = 0;
    let mut by_outcome: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut deviating = Vec::new();
    let mut pages = HashMap::new();
    for file in fixture_files() {
        for line in read_jsonl(&file) {
            let case = &line["case"];
            let result = &line["result"];
            let page_name = case["page_name"].as_str().unwrap_or("?");
            let selector = case["selector"].as_str().expect("selector");
            if result["errors"].as_array().is_some_and(|e| {
                e.iter()
                    .any(|e| e.as_str().is_some_and(|e| e.starts_with("oracle:")))
            }) {
                // A harness failure (the renderer crashed): not browser behaviour.
                continue;
            }
            let expected = browser_outcome(result);
            let (ours, detail) = our_outcome(case, &mut pages);
            checked += 1;
            *by_outcome
                .entry(match &expected {
                    Outcome::Invalid => "invalid",
                    Outcome::MatchedRoot => "matched <html>",
                    Outcome::Marked(_) => "marked",
                })
                .or_default() += 1;
            let known = KNOWN_DEVIATIONS
                .iter()
                .any(|(p, s, _)| *p == page_name && *s == selector);
            if ours == expected {
                if known {
                    failures.push(format!(
                        "{page_name} {selector:?}: listed as a deviation but matches Chromium now"
                    ));
                }
                continue;
            }
            if known {
                deviating.push(selector.to_owned());
                continue;
            }
            let what = match (&ours, &expected) {
                (Outcome::Marked(a), Outcome::Marked(b)) => first_difference(a, b),
                _ => format!("ours {:?}, browser {:?}", short(&ours), short(&expected)),
            };
            failures.push(format!(
                "{} [{page_name}] {selector:?}: {what}\n  {detail}",
                case["id"].as_str().unwrap_or("?")
            ));
        }
    }
    eprintln!(
        "{checked} cases ({by_outcome:?}), {} known deviations, {} failures",
        deviating.len(),
        failures.len()
    );
    assert!(checked > 0);
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ from Chromium:\n{}",
        failures.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn short(o: &Outcome) -> &'static str {
    match o {
        Outcome::Invalid => "invalid",
        Outcome::MatchedRoot => "matches <html>",
        Outcome::Marked(_) => "marks",
    }
}

// ---------------------------------------------------------------------------------------
// API behaviour.

#[test]
fn errors_name_the_selector_and_the_reason() {
    let e = Selector::parse("li >").unwrap_err();
    assert_eq!(e.selector(), "li >");
    assert_eq!(e.kind(), &SelectorErrorKind::DanglingCombinator);
    assert_eq!(
        e.to_string(),
        "'li >' is not a valid selector: it ends with a combinator"
    );
    assert_eq!(
        e.chromium_message(),
        "SyntaxError: Failed to execute 'querySelectorAll' on 'Document': 'li >' is not a valid selector."
    );
    let cases: &[(&str, SelectorErrorKind)] = &[
        (" ", SelectorErrorKind::Empty),
        (
            ":nope",
            SelectorErrorKind::UnknownPseudoClass("nope".into()),
        ),
        (
            "::nope",
            SelectorErrorKind::UnknownPseudoElement("nope".into()),
        ),
        (
            "svg|rect",
            SelectorErrorKind::UnknownNamespacePrefix("svg".into()),
        ),
        ("li::before span", SelectorErrorKind::PseudoElementPosition),
        (
            ":lang(\"en\")",
            SelectorErrorKind::BadArguments("lang".into()),
        ),
    ];
    for (text, kind) in cases {
        assert_eq!(Selector::parse(text).unwrap_err().kind(), kind, "{text:?}");
    }
    let deep = ":is(".repeat(5001) + "li" + &")".repeat(5001);
    assert_eq!(
        Selector::parse(&deep).unwrap_err().kind(),
        &SelectorErrorKind::TooDeep
    );
}

#[test]
fn dynamic_pseudo_classes_and_pseudo_elements_match_nothing() {
    let doc = Document::parse("<a href=/x id=a>x</a><input id=i autofocus><p id=p>t</p>");
    for s in [
        ":hover",
        ":focus",
        ":focus-visible",
        ":active",
        ":visited",
        ":target",
        "::before",
        "p::first-line",
        "::-webkit-scrollbar",
        ":host",
        "::part(x)",
        "a:is()",
    ] {
        let sel = Selector::parse(s).unwrap();
        assert!(sel.matches_nothing(), "{s}");
        assert!(sel.query_all(&doc).is_empty(), "{s}");
    }
    let all = Selector::parse(":not(:hover)").unwrap().query_all(&doc);
    assert_eq!(all.len(), 6, "html, head, body, a, input, p");
}

#[test]
fn id_fast_path_returns_every_element_with_the_id() {
    let doc = Document::parse(
        "<div id=d class=a><p id=d></p></div><template><p id=d></p></template><span id=d class=a></span>",
    );
    let fast = Selector::parse("#d").unwrap().query_all(&doc);
    let walk = Selector::parse(":is(#d)").unwrap().query_all(&doc);
    assert_eq!(fast.len(), 3);
    assert_eq!(fast, walk);
    let under = Selector::parse("#d *").unwrap().query_all(&doc);
    let under_walk = Selector::parse(":is(#d) *").unwrap().query_all(&doc);
    assert_eq!(under.len(), 1);
    assert_eq!(under, under_walk);
    // Quirks mode: ids compare case-insensitively, the index is not used.
    let quirks = Document::parse("<p id=Foo></p><p id=foo></p>");
    assert_eq!(Selector::parse("#FOO").unwrap().query_all(&quirks).len(), 2);
}

#[test]
fn a_selector_is_shared_across_threads() {
    let sel = std::sync::Arc::new(Selector::parse("li.a:nth-child(odd)").unwrap());
    let handles: Vec<_> = (1..=4)
        .map(|n| {
            let sel = sel.clone();
            std::thread::spawn(move || {
                let html = "<ul>".to_owned() + &"<li class=a>x</li>".repeat(n * 10) + "</ul>";
                sel.query_all(&Document::parse(&html)).len()
            })
        })
        .collect();
    let counts: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(counts, vec![5, 10, 15, 20]);
}

#[test]
fn deep_selectors_parse_match_and_drop_on_a_small_stack() {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let doc = Document::parse("<ul><li class=a>1</li></ul>");
            for (open, close, n) in [
                (":is(", ")", 5000),
                (":not(:not(", "))", 2500),
                (":has(:is(", "))", 2500),
            ] {
                let text = open.repeat(n) + "li" + &close.repeat(n);
                let sel = Selector::parse(&text).unwrap();
                let _ = sel.query_all(&doc);
                let li = Selector::parse("li").unwrap().query_first(&doc).unwrap();
                let _ = sel.matches(&doc, li);
                let _ = sel.select(&doc).count();
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn matches_only_live_elements() {
    let mut doc = Document::parse("<p id=a>x</p>");
    let sel = Selector::parse("p, *").unwrap();
    let p = doc.get_element_by_id("a").unwrap();
    let text = doc.first_child(p).unwrap();
    assert!(sel.matches(&doc, p));
    assert!(!sel.matches(&doc, text));
    assert!(!sel.matches(&doc, doc.root()));
    doc.remove(p).unwrap();
    assert!(!sel.matches(&doc, p));
    // A detached element matches like `element.matches()`.
    let q = doc.create_html_element("p");
    assert!(sel.matches(&doc, q));
    assert!(!Selector::parse(":root").unwrap().matches(&doc, q));
}

// ---------------------------------------------------------------------------------------
// Properties: the query equals a brute-force filter, on generated documents.

/// The elements of `doc` in tree order, outside template contents.
fn all_elements(doc: &Document) -> Vec<NodeId> {
    doc.descendants(doc.root())
        .filter(|&n| matches!(doc.data(n), Some(NodeData::Element(_))))
        .collect()
}

fn arb_element() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(String::new()),
        "[a-c ]{0,3}",
        Just("<input type=checkbox checked>".to_owned()),
        Just("<br>".to_owned()),
        Just("<!--c-->".to_owned()),
    ];
    leaf.prop_recursive(5, 64, 4, |inner| {
        (
            prop::sample::select(vec![
                "div", "p", "span", "li", "ul", "section", "a", "template", "svg", "foo-bar",
            ]),
            prop::option::of(prop::sample::select(vec!["x", "y", "z", "X"])),
            prop::option::of(prop::sample::select(vec!["a", "b", "a b", "B c"])),
            prop::option::of(prop::sample::select(vec!["1", "2", "en-US", ""])),
            prop::collection::vec(inner, 0..4),
        )
            .prop_map(|(tag, id, class, data, kids)| {
                let mut s = format!("<{tag}");
                if let Some(id) = id {
                    s.push_str(&format!(" id=\"{id}\""));
                }
                if let Some(c) = class {
                    s.push_str(&format!(" class=\"{c}\""));
                }
                if let Some(d) = data {
                    s.push_str(&format!(" data-k=\"{d}\" lang=\"{d}\""));
                }
                if tag == "a" {
                    s.push_str(" href=\"/\"");
                }
                s.push('>');
                s.push_str(&kids.concat());
                s.push_str(&format!("</{tag}>"));
                s
            })
    })
}

fn arb_compound() -> impl Strategy<Value = String> {
    let simple = prop::sample::select(vec![
        "#x",
        "#y",
        "#X",
        ".a",
        ".b",
        ".B",
        "[data-k]",
        "[data-k=\"1\"]",
        "[data-k^=e i]",
        "[lang|=en]",
        ":first-child",
        ":last-child",
        ":only-child",
        ":first-of-type",
        ":nth-child(2n+1)",
        ":nth-last-child(-n+2)",
        ":nth-of-type(2)",
        ":empty",
        ":root",
        ":scope",
        ":checked",
        ":link",
        ":defined",
        ":lang(en)",
        ":not(.a)",
        ":is(p, li)",
        ":where(.b)",
        ":has(> .a)",
        ":has(span)",
        ":has(+ p)",
        ":hover",
        ":not(:hover)",
        ":nth-child(2 of .a)",
        ":is()",
        "::before",
        ":read-write",
        ":enabled",
    ]);
    (
        prop::sample::select(vec![
            "", "*", "div", "p", "li", "span", "svg", "*|*", "foo-bar",
        ]),
        prop::collection::vec(simple, 0..3),
    )
        .prop_map(|(ty, simples)| {
            let s = format!("{ty}{}", simples.concat());
            if s.is_empty() { "*".to_owned() } else { s }
        })
}

fn arb_selector() -> impl Strategy<Value = String> {
    let complex = (
        arb_compound(),
        prop::collection::vec(
            (
                prop::sample::select(vec![" ", " > ", " + ", " ~ "]),
                arb_compound(),
            ),
            0..3,
        ),
    )
        .prop_map(|(first, rest)| {
            let mut s = first;
            for (c, k) in rest {
                s.push_str(c);
                s.push_str(&k);
            }
            s
        });
    prop::collection::vec(complex, 1..3).prop_map(|v| v.join(", "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn query_all_equals_brute_force_matches(
        body in prop::collection::vec(arb_element(), 1..5),
        selector in arb_selector(),
        quirks in any::<bool>(),
    ) {
        let html = if quirks { "" } else { "<!DOCTYPE html>" }.to_owned() + &body.concat();
        let doc = Document::parse(&html);
        let Ok(sel) = Selector::parse(&selector) else { return Ok(()) };
        let expected: Vec<NodeId> = all_elements(&doc)
            .into_iter()
            .filter(|&e| sel.matches(&doc, e))
            .collect();
        let got = sel.query_all(&doc);
        prop_assert_eq!(&got, &expected, "{} on {}", selector, html);
        prop_assert_eq!(sel.select(&doc).count(), got.len());
        prop_assert_eq!(sel.query_first(&doc), got.first().copied());
    }

    #[test]
    fn id_plans_equal_a_walk(
        body in prop::collection::vec(arb_element(), 1..5),
        id in prop::sample::select(vec!["x", "y", "z"]),
        tail in prop::option::of(arb_compound()),
        child in any::<bool>(),
    ) {
        let doc = Document::parse(&("<!DOCTYPE html>".to_owned() + &body.concat()));
        let (fast, slow) = match &tail {
            None => (format!("#{id}"), format!(":is(#{id})")),
            Some(t) => {
                let c = if child { " > " } else { " " };
                (format!("#{id}{c}{t}"), format!(":is(#{id}){c}{t}"))
            }
        };
        let (Ok(f), Ok(s)) = (Selector::parse(&fast), Selector::parse(&slow)) else { return Ok(()) };
        prop_assert_eq!(f.query_all(&doc), s.query_all(&doc), "{}", fast);
    }

    #[test]
    fn no_selector_string_panics(text in "[ -~\\u{a0}\\u{5d0}]{0,40}") {
        if let Ok(sel) = Selector::parse(&text) {
            let doc = Document::parse("<p id=a class=b>x<a href=/>y</a></p><template><p></p></template>");
            let _ = sel.query_all(&doc);
        }
    }

    #[test]
    fn no_css_like_string_panics(parts in prop::collection::vec(prop::sample::select(vec![
        "(", ")", "[", "]", ":", "::", ",", " ", ">", "+", "~", "|", "*", "#", ".", "\"", "'", "\\",
        "n", "of", "is", "not", "has", "where", "nth-child", "lang", "dir", "-webkit-", "a", "1",
        "=", "i", "s", "&", "/*", "*/", "{", "}", "@", "-", "2n+1", "host", "part", "slotted",
    ]), 0..30)) {
        let text = parts.concat();
        if let Ok(sel) = Selector::parse(&text) {
            let doc = Document::parse("<ul><li class=a>1</li><li>2</li></ul>");
            let _ = sel.query_all(&doc);
        }
    }
}

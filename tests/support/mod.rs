//! Helpers shared by the integration tests: the oracle's canonical tree dump, the
//! browser-generated fixtures under `fixtures/oracle/` and the fields of their records, and the
//! checks that the morph and stream conformance tests run on those records.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use domorph::Page;
use domorph::dom::{Document, NodeData, NodeId};
use domorph::morph::{MorphOptions, Strategy, morph_fragment};
use domorph::stream::{Compat, Message, StreamOptions};
use html5ever::ns;
use serde_json::Value;

/// The tree dump of `../shared/tools/oracle` (kind `parse`) and `conformance/canon.js`: one
/// line per node, two spaces per depth, documents and fragments print only their children.
pub fn dump_children(doc: &Document, parent: NodeId) -> String {
    let mut out = Vec::new();
    let kids: Vec<NodeId> = match doc.data(parent) {
        Some(NodeData::Element(e)) if &*e.name().local == "template" => {
            match doc.template_contents(parent) {
                Some(c) => doc.children(c).collect(),
                None => doc.children(parent).collect(),
            }
        }
        _ => doc.children(parent).collect(),
    };
    for k in kids {
        dump_node(doc, k, 0, &mut out);
    }
    out.join("\n")
}

fn dump_node(doc: &Document, node: NodeId, depth: usize, out: &mut Vec<String>) {
    // Iterative: generated documents can nest deeply.
    let mut stack = vec![(node, depth)];
    while let Some((n, d)) = stack.pop() {
        let pad = "  ".repeat(d);
        match doc.data(n).expect("live node") {
            NodeData::Document | NodeData::Fragment => {
                let kids: Vec<NodeId> = doc.children(n).collect();
                for k in kids.into_iter().rev() {
                    stack.push((k, d));
                }
            }
            NodeData::Doctype(t) => out.push(format!("{pad}<!DOCTYPE {}>", t.name)),
            NodeData::Text(t) => out.push(format!("{pad}{}", js_string(t))),
            NodeData::Comment(t) => out.push(format!("{pad}<!--{t}-->")),
            NodeData::ProcessingInstruction(p) => out.push(format!("{pad}<?{}?>", p.target)),
            NodeData::Element(e) => {
                let name = e.name();
                let prefix = if name.ns == ns!(html) {
                    String::new()
                } else {
                    format!("{}:", name.ns.rsplit('/').next().unwrap_or(""))
                };
                let mut line = format!("{pad}<{prefix}{}", name.local);
                for a in e.attrs() {
                    line.push(' ');
                    if let Some(p) = &a.name.prefix {
                        line.push_str(p);
                        line.push(':');
                    }
                    line.push_str(&a.name.local);
                    line.push('=');
                    line.push_str(&js_string(&a.value));
                }
                line.push('>');
                out.push(line);
                let is_template = &*name.local == "template";
                let kids: Vec<NodeId> = match (is_template, doc.template_contents(n)) {
                    (true, Some(c)) => doc.children(c).collect(),
                    _ => doc.children(n).collect(),
                };
                if is_template {
                    out.push(format!("{pad}  #content"));
                }
                for k in kids.into_iter().rev() {
                    stack.push((k, d + 1));
                }
            }
            _ => out.push(format!("{pad}<?>")),
        }
    }
}

/// JavaScript's `JSON.stringify` of a string.
pub fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture files in `fixtures/oracle/` whose names start with `prefix` and end with
/// `suffix` (e.g. `parse_seed` gives parse_seed1.jsonl.gz, parse_seed2…), sorted by name.
pub fn oracle_files(prefix: &str, suffix: &str) -> Vec<PathBuf> {
    let dir = root().join("fixtures/oracle");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/oracle exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.starts_with(prefix) && n.ends_with(suffix)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures/oracle/{prefix}*{suffix}");
    files
}

/// Every `{"case": …, "result": …}` line of the fixture files matching `prefix` and `suffix`
/// in `fixtures/oracle/` (see [`oracle_files`]), in file order.
pub fn oracle_cases(prefix: &str, suffix: &str) -> Vec<Value> {
    oracle_files(prefix, suffix)
        .iter()
        .flat_map(|f| read_jsonl(f))
        .collect()
}

/// Every line of one fixture file, `fixtures/oracle/<name>`.
pub fn oracle_file(name: &str) -> Vec<Value> {
    read_jsonl(&root().join("fixtures/oracle").join(name))
}

/// Reads a JSON Lines file, gzip-compressed when it ends in `.gz`.
pub fn read_jsonl(path: &Path) -> Vec<Value> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    reader
        .lines()
        .map(|l| l.expect("readable line"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).expect("JSON line"))
        .collect()
}

/// How the oracle serves a page: full documents as they are, anything else wrapped.
pub fn as_document(page: &str) -> String {
    let t = page.trim_start().to_ascii_lowercase();
    let full = t.starts_with("<!doctype")
        || (t.starts_with("<html") && t[5..].starts_with(|c: char| c.is_whitespace() || c == '>'));
    if full {
        page.to_owned()
    } else {
        format!("<!DOCTYPE html><html><head></head><body>{page}</body></html>")
    }
}

// ---------------------------------------------------------------------------------------------
// Fields of oracle records.

/// A JSON array of strings (a result's `errors`).
pub fn json_strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_owned())
        .collect()
}

/// A result's element identity: for every element after the change, its index among the
/// elements before, or `None` for a new one.
pub fn json_identity(v: &Value) -> Vec<Option<usize>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().map(|n| n as usize))
        .collect()
}

/// Passes when no case of `total` failed; otherwise panics listing every failure.
pub fn assert_no_failures(failures: &[String], total: usize) {
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        total,
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Morph oracle cases.

/// Checks `morph` oracle records (`morph_fragment` of `case.old` into `case.new`, outerHTML or
/// innerHTML style) with `strategy` against Chromium running idiomorph 0.7.4: where idiomorph
/// threw, an error; otherwise the same container HTML (byte for byte) and the same element
/// identity. Returns how many of each kind it checked, for the caller to assert on.
pub fn check_morph_cases(cases: &[Value], strategy: Strategy) -> MorphCounts {
    let mut failures = Vec::new();
    let (mut threw, mut compared) = (0, 0);
    for rec in cases {
        let (case, result) = (&rec["case"], &rec["result"]);
        let id = case["id"].as_str().unwrap();
        assert_eq!(case["idiomorph"].as_str().unwrap_or("0.7.4"), "0.7.4");
        assert!(
            result["failed"].as_bool() != Some(true),
            "{id}: a harness failure in the fixtures"
        );
        let old = case["old"].as_str().unwrap();
        let new = case["new"].as_str().unwrap();
        let mut options = match case["style"].as_str().unwrap() {
            "innerHTML" => MorphOptions::children_only(),
            _ => MorphOptions::outer(),
        }
        .strategy(strategy);
        let ours = morph_fragment(old, new, &mut options);
        let errors = json_strings(&result["errors"]);
        if errors
            .iter()
            .any(|e| e.starts_with("exception from Idiomorph.morph"))
        {
            threw += 1;
            if let Ok(r) = ours {
                failures.push(format!(
                    "{id}: idiomorph threw {errors:?}, we gave {:?}",
                    r.html
                ));
            }
            continue;
        }
        compared += 1;
        match ours {
            Err(e) => failures.push(format!(
                "{id}: we failed ({e}), the browser gave {:?}",
                result["html"]
            )),
            Ok(r) => {
                let want_html = result["html"].as_str().unwrap();
                let want_identity = json_identity(&result["identity"]);
                if r.html != want_html || r.identity != want_identity {
                    failures.push(format!(
                        "{id} ({}):\n old: {old:?}\n new: {new:?}\n chromium: {want_html:?}\n ours:     {:?}\n identity chromium {want_identity:?}\n identity ours     {:?}",
                        case["style"], r.html, r.identity
                    ));
                }
            }
        }
    }
    assert_no_failures(&failures, cases.len());
    MorphCounts { compared, threw }
}

/// How many cases [`check_morph_cases`] compared with the browser's result, and how many
/// were ones where idiomorph threw.
#[derive(Debug, Clone, Copy)]
pub struct MorphCounts {
    pub compared: usize,
    pub threw: usize,
}

// ---------------------------------------------------------------------------------------------
// Stream oracle cases.

/// The elements under `<body>` in tree order (not inside template contents), as
/// `document.body.querySelectorAll('*')` lists them.
pub fn body_elements(doc: &Document) -> Vec<NodeId> {
    let Some(body) = doc.body() else {
        return Vec::new();
    };
    doc.descendants(body)
        .skip(1)
        .filter(|&n| doc.element(n).is_some())
        .collect()
}

/// Applies the stream `message` to `page_html` served as the oracle serves it, and returns
/// our `<html>`, the failures as the browser's console words them, and the oracle's element
/// identity: for every element under `<body>` after the message, its index among the elements
/// under `<body>` before, or `None` for a new one.
pub fn run_stream_case(
    page_html: &str,
    message: &str,
    compat: Compat,
) -> (String, Vec<String>, Vec<Option<usize>>) {
    let options = StreamOptions::default().compat(compat);
    let (mut page, loaded) = Page::parse_with(&domorph::page::served(page_html), options);
    assert!(
        loaded.errors.is_empty(),
        "loading {page_html:?}: {:?}",
        loaded.errors
    );
    let before: HashMap<NodeId, usize> = body_elements(page.document())
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, i))
        .collect();
    let errors = match Message::parse(message).and_then(|m| page.apply(&m)) {
        Ok(applied) => applied.errors.iter().map(|e| e.browser_message()).collect(),
        Err(e) => vec![format!(
            "exception from Turbo.renderStreamMessage: {}",
            e.browser_message()
        )],
    };
    let doc = page.document();
    let html = doc
        .document_element()
        .map(|h| doc.outer_html(h))
        .unwrap_or_default();
    let identity = body_elements(doc)
        .into_iter()
        .map(|n| before.get(&n).copied())
        .collect();
    (html, errors, identity)
}

/// Checks `stream` oracle records with `compat`: for each, [`run_stream_case`] must give the
/// browser's `<html>` (both sides passed through `normalize`), its errors word for word and its
/// element identity.
pub fn check_stream_cases(cases: &[Value], compat: Compat, normalize: impl Fn(&str) -> String) {
    let mut failures = Vec::new();
    for rec in cases {
        let (case, result) = (&rec["case"], &rec["result"]);
        let id = case["id"].as_str().unwrap();
        let (html, errors, identity) = run_stream_case(
            case["page"].as_str().unwrap(),
            case["stream"].as_str().unwrap(),
            compat,
        );
        let want_html = result["html"].as_str().unwrap();
        let want_errors = json_strings(&result["errors"]);
        let want_identity = json_identity(&result["identity"]);
        if normalize(&html) != normalize(want_html)
            || errors != want_errors
            || identity != want_identity
        {
            failures.push(format!(
                "{id}:\n chromium: {want_html:?} {want_errors:?} {want_identity:?}\n ours:     {html:?} {errors:?} {identity:?}"
            ));
        }
    }
    assert_no_failures(&failures, cases.len());
}

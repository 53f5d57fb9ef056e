//! Helpers shared by the integration tests: the oracle's canonical tree dump, and the
//! browser-generated fixtures under `fixtures/oracle/`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use domorph::dom::{Document, NodeData, NodeId};
use html5ever::ns;

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

/// Every `{"case": …, "result": …}` line of the fixture files matching `prefix` in
/// `fixtures/oracle/` (e.g. `parse_seed` gives parse_seed1.jsonl.gz, parse_seed2…), in file
/// order.
pub fn oracle_cases(prefix: &str, suffix: &str) -> Vec<serde_json::Value> {
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
    assert!(!files.is_empty(), "no fixtures {prefix}*{suffix}");
    files.iter().flat_map(|f| read_jsonl(f)).collect()
}

/// Reads a JSON Lines file, gzip-compressed when it ends in `.gz`.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
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

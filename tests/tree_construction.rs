//! Tree construction against Chromium: the oracle's `parse` kind dumps the tree Chromium 156
//! builds for markup in three contexts; we build ours and dump it the same way.
//!
//! Fixtures: `fixtures/oracle/parse_seed*.jsonl.gz` (see fixtures/oracle/README.md; produced
//! by real Chromium, never by domorph).

mod support;

use domorph::Document;
use domorph::parse::{IdiomorphBranch, parse_idiomorph, parse_template_contents};
use support::{as_document, dump_children, oracle_cases};

/// Cases where Chromium departs from the HTML standard that html5ever implements (the
/// oracle README names these), each with the reason. A listed case must really differ: if
/// it starts to match, it is removed from here.
const CHROMIUM_DEPARTURES: &[(&str, &str)] = &[];

fn our_dump(context: &str, html: &str) -> (String, Option<&'static str>) {
    match context {
        "document" => {
            let doc = Document::parse(&as_document(html));
            (dump_children(&doc, doc.root()), None)
        }
        "template" => {
            let f = parse_template_contents(html);
            (dump_children(f.document(), f.root()), None)
        }
        "idiomorph" => {
            let (f, branch) = parse_idiomorph(html);
            let b = match branch {
                IdiomorphBranch::Document => "document",
                IdiomorphBranch::FirstChild => "first-child",
                IdiomorphBranch::Template => "template",
            };
            (dump_children(f.document(), f.root()), Some(b))
        }
        other => panic!("unknown context {other}"),
    }
}

#[test]
fn tree_construction_matches_chromium() {
    let cases = oracle_cases("parse_seed", ".jsonl.gz");
    let mut per_context = std::collections::BTreeMap::<String, usize>::new();
    let mut failures = Vec::new();
    for rec in &cases {
        let case = &rec["case"];
        let result = &rec["result"];
        let id = case["id"].as_str().unwrap();
        let context = case["context"].as_str().unwrap();
        let html = case["html"].as_str().unwrap();
        *per_context.entry(context.to_owned()).or_default() += 1;
        let want = result["dump"].as_str().unwrap();
        let (got, branch) = our_dump(context, html);
        let mut same = got == want;
        if let (Some(b), Some(wb)) = (branch, result["branch"].as_str()) {
            same &= b == wb;
        }
        let departure = CHROMIUM_DEPARTURES.iter().find(|(cid, _)| *cid == id);
        match (same, departure) {
            (true, None) | (false, Some(_)) => {}
            (true, Some((_, why))) => failures.push(format!(
                "{id} is listed as a Chromium departure ({why}) but now matches: unlist it"
            )),
            (false, None) => failures.push(format!(
                "{id} ({context}) differs\n--- html: {html:?}\n--- chromium:\n{want}\n--- ours:\n{got}"
            )),
        }
    }
    for (ctx, n) in &per_context {
        assert!(*n >= 300, "only {n} cases for context {ctx}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

//! The morph against Chromium running idiomorph 0.7.4 (the copy Turbo 8.0.23 bundles): for
//! every oracle case, the same container HTML (byte for byte, attribute order included) and
//! the same element identity; where idiomorph threw, an error and an untouched document.
//!
//! Fixtures: `fixtures/oracle/morph_seed*.jsonl.gz` (see fixtures/oracle/README.md; produced
//! by real Chromium, never by domorph).

mod support;

use domorph::morph::{MorphOptions, Strategy, morph_fragment};
use support::oracle_cases;

fn run(strategy: Strategy) {
    let mut cases = oracle_cases("morph_seed", ".jsonl.gz");
    assert!(cases.len() >= 1000, "only {} morph cases", cases.len());
    // Form-heavy cases (fixtures/oracle/gen_forms.py): live state of inputs, radio groups,
    // selects and textareas.
    cases.extend(oracle_cases("morph_forms_seed", ".jsonl.gz"));
    let mut failures = Vec::new();
    let (mut threw, mut compared) = (0, 0);
    for rec in &cases {
        let (case, result) = (&rec["case"], &rec["result"]);
        let id = case["id"].as_str().unwrap();
        assert_eq!(case["idiomorph"].as_str().unwrap_or("0.7.4"), "0.7.4");
        let old = case["old"].as_str().unwrap();
        let new = case["new"].as_str().unwrap();
        let mut options = match case["style"].as_str().unwrap() {
            "innerHTML" => MorphOptions::children_only(),
            _ => MorphOptions::outer(),
        }
        .strategy(strategy);
        let ours = morph_fragment(old, new, &mut options);
        let errors: Vec<&str> = result["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap())
            .collect();
        assert!(
            result["failed"].as_bool() != Some(true),
            "{id}: a harness failure in the fixtures"
        );
        let browser_threw = errors
            .iter()
            .any(|e| e.starts_with("exception from Idiomorph.morph"));
        if browser_threw {
            threw += 1;
            if let Ok(r) = ours {
                failures.push(format!(
                    "{id}: idiomorph threw {:?}, we gave {:?}",
                    result["errors"], r.html
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
                let want_identity: Vec<Option<usize>> = result["identity"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().map(|n| n as usize))
                    .collect();
                if r.html != want_html || r.identity != want_identity {
                    failures.push(format!(
                        "{id} ({}):\n old: {old:?}\n new: {new:?}\n chromium: {want_html:?}\n ours:     {:?}\n identity chromium {want_identity:?}\n identity ours     {:?}",
                        case["style"], r.html, r.identity
                    ));
                }
            }
        }
    }
    assert!(threw > 0 && compared > 0);
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn morph_matches_idiomorph_in_chromium() {
    run(Strategy::Indexed);
}

#[test]
fn reference_scan_matches_idiomorph_in_chromium() {
    run(Strategy::Scan);
}

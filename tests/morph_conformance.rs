//! The morph against Chromium running idiomorph 0.7.4 (the copy Turbo 8.0.23 bundles): for
//! every oracle case, the same container HTML (byte for byte, attribute order included) and
//! the same element identity; where idiomorph threw, an error and an untouched document.
//!
//! Fixtures: `fixtures/oracle/morph_seed*.jsonl.gz` (see fixtures/oracle/README.md; produced
//! by real Chromium, never by domorph).

mod support;

use domorph::morph::Strategy;
use support::{check_morph_cases, oracle_cases};

fn run(strategy: Strategy) {
    let mut cases = oracle_cases("morph_seed", ".jsonl.gz");
    assert!(cases.len() >= 1000, "only {} morph cases", cases.len());
    // Form-heavy cases (fixtures/oracle/gen_forms.py): live state of inputs, radio groups,
    // selects and textareas.
    cases.extend(oracle_cases("morph_forms_seed", ".jsonl.gz"));
    check_morph_cases(&cases, strategy);
}

#[test]
fn morph_matches_idiomorph_in_chromium() {
    run(Strategy::Indexed);
}

#[test]
fn reference_scan_matches_idiomorph_in_chromium() {
    run(Strategy::Scan);
}

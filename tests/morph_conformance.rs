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
    // Long radio groups, many groups in one form, long selects (gen_long_forms.py): the
    // shapes whose groups and option lists the document keeps between questions.
    let long = oracle_cases("morph_long_forms_seed", ".jsonl.gz");
    assert!(long.len() >= 600, "only {} long-form cases", long.len());
    cases.extend(long);
    let counts = check_morph_cases(&cases, strategy);
    assert!(counts.threw > 0 && counts.compared > 0, "{counts:?}");
}

/// Form-owner cases (fixtures/oracle/gen_form_owners.py) whose browser result comes from
/// radio buttons changing groups as the parsed fragment is connected: a checked button that
/// a `form` attribute moves into a group holding another checked one unchecks it. We derive
/// checkedness from the groups the buttons had while parsed and do not replay that step.
const FORM_OWNER_DEPARTURES: &[&str] = &["form-owners-s2-0292", "form-owners-s2-0313"];

/// Controls associated by `form` attributes: radio groups across forms, and a form's `id`
/// shadowed by a control outside it that names it.
#[test]
fn form_attribute_cases_match_idiomorph_in_chromium() {
    let all = oracle_cases("morph_form_owners_seed", ".jsonl.gz");
    assert!(all.len() >= 800, "only {} form-owner cases", all.len());
    let (departures, cases): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|c| FORM_OWNER_DEPARTURES.contains(&c["case"]["id"].as_str().unwrap()));
    assert_eq!(departures.len(), FORM_OWNER_DEPARTURES.len());
    let counts = check_morph_cases(&cases, Strategy::Indexed);
    assert!(counts.compared > 0, "{counts:?}");
}

#[test]
fn morph_matches_idiomorph_in_chromium() {
    run(Strategy::Indexed);
}

#[test]
fn reference_scan_matches_idiomorph_in_chromium() {
    run(Strategy::Scan);
}

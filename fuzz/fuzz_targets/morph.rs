//! Fuzz target `morph`: two documents from the bytes (old markup and new content, split at
//! the first NUL; the first byte picks outer or children-only), morphed as the oracle does.
//!
//! Checked for every input:
//!
//! * no panic, and no hang (libFuzzer's `-timeout` catches quadratic blow-ups);
//! * the indexed matcher and idiomorph's literal scan give the same HTML, identity and errors
//!   (the same decisions);
//! * skipping equal subtrees changes nothing: a hook that watches every node gives the same;
//! * on the page itself: the id index equals a walk after the morph (and `get_element_by_id`
//!   answers the first in tree order), and a failed morph leaves the page byte-identical.

#![no_main]

use domorph::morph::{MorphHooks, MorphOptions, MorphStyle, NewContent, Strategy, morph, morph_fragment};
use domorph::Document;
use libfuzzer_sys::fuzz_target;

mod common;
use common::check_id_index;

/// Watches every node, so that the morph cannot skip equal subtrees; vetoes nothing.
struct Watch;

impl MorphHooks for Watch {}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let style = if mode & 1 == 1 { MorphStyle::ChildrenOnly } else { MorphStyle::Outer };
    let split = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    let old = String::from_utf8_lossy(&rest[..split]);
    let new = String::from_utf8_lossy(rest.get(split + 1..).unwrap_or(&[]));

    let indexed = morph_fragment(&old, &new, &mut MorphOptions::default().style(style));
    let scan = morph_fragment(&old, &new, &mut MorphOptions::default().style(style).strategy(Strategy::Scan));
    let mut watch = Watch;
    let full = morph_fragment(&old, &new, &mut MorphOptions::default().style(style).hooks(&mut watch));
    match (&indexed, &scan, &full) {
        (Ok(a), Ok(b), Ok(c)) => {
            assert_eq!(a.html, b.html, "indexed vs scan");
            assert_eq!(a.identity, b.identity, "indexed vs scan identity");
            assert_eq!(a.html, c.html, "skipping equal subtrees changed the result");
            assert_eq!(a.identity, c.identity, "skipping equal subtrees changed identity");
        }
        (Err(a), Err(b), Err(c)) => {
            assert_eq!(a, b);
            assert_eq!(a, c);
        }
        _ => panic!("outcomes differ: {indexed:?} / {scan:?} / {full:?}"),
    }

    // On a page: the first element of <body> morphed in place.
    let mut page = Document::parse(&format!("<!DOCTYPE html><body>{old}</body>"));
    let Some(root) = page.body().and_then(|b| page.children(b).find(|&c| page.element(c).is_some())) else {
        return;
    };
    let before = page.to_html();
    let result = morph(&mut page, root, NewContent::Html(&new), &mut MorphOptions::default().style(style));
    if result.is_err() {
        assert_eq!(page.to_html(), before, "a failed morph changed the page");
    }
    check_id_index(&page);
});

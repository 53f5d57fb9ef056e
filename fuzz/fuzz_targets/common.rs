//! Checks shared by the fuzz targets (a module of each, not a target itself).

use std::collections::HashMap;

use domorph::{Document, NodeId};

/// The id index against a walk of the tree: it holds exactly the connected elements with a
/// non-empty id (never one in template contents), each once, and `get_element_by_id` answers
/// the first of them in tree order.
pub fn check_id_index(doc: &Document) {
    let mut want: Vec<(String, NodeId)> = doc
        .descendants(doc.root())
        .filter_map(|n| {
            let id = doc.element(n)?.id()?;
            (!id.is_empty()).then(|| (id.to_owned(), n))
        })
        .collect();
    let mut first: HashMap<&str, NodeId> = HashMap::new();
    for (id, n) in &want {
        first.entry(id).or_insert(*n);
    }
    for (id, n) in first {
        assert_eq!(doc.get_element_by_id(id), Some(n), "getElementById({id:?})");
    }
    let mut got = doc.id_index_entries();
    want.sort();
    got.sort();
    assert_eq!(got, want, "the id index differs from a walk of the tree");
}

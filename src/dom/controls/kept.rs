//! Answers kept per node between questions, all dropped at once when the document has
//! changed in a way that can make them wrong (see the epochs on
//! [`Document`](super::super::Document)). The radio-group and option-list indexes keep
//! theirs here.

use std::collections::HashMap;
use std::sync::Mutex;

use super::super::Ix;

/// Values by node, valid for one epoch.
///
/// Behind a lock so that a shared `&Document` can fill it. The lock is held for one lookup
/// (and the walk that fills a missing entry); threads reading one document at once, such
/// as one message's content morphed into many pages, take turns.
#[derive(Debug)]
pub(crate) struct Kept<V>(Mutex<Entries<V>>);

#[derive(Debug)]
struct Entries<V> {
    /// The document's epochs when these values were made.
    epoch: (u64, u64),
    by_node: HashMap<Ix, V>,
}

impl<V> Kept<V> {
    /// Runs `f` on `node`'s value, made by `make` if missing or made at another epoch.
    /// Both run under the lock, so neither may ask this `Kept` again.
    pub(crate) fn with<R>(
        &self,
        epoch: (u64, u64),
        node: Ix,
        make: impl FnOnce() -> V,
        f: impl FnOnce(&mut V) -> R,
    ) -> R {
        let mut entries = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.epoch != epoch {
            entries.by_node.clear();
            entries.epoch = epoch;
        }
        f(entries.by_node.entry(node).or_insert_with(make))
    }
}

impl<V> Default for Kept<V> {
    fn default() -> Self {
        Kept(Mutex::new(Entries {
            epoch: (0, 0),
            by_node: HashMap::new(),
        }))
    }
}

impl<V> Clone for Kept<V> {
    /// An empty one: a copied document's answers are made when the copy is asked.
    fn clone(&self) -> Self {
        Kept::default()
    }
}

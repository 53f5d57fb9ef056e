//! Memory per node: the bytes a parsed page keeps allocated, ours against html5ever→RcDom.
//!
//! A counting global allocator (this test binary only) records, per thread, the bytes
//! requested and not yet freed. Each page is parsed once by each side; what is still live
//! afterwards, with the tree held, divided by the tree's node count, is its memory per node.
//! Byte counts are deterministic (unlike timings), so the target can be asserted:
//! ours at most half of RcDom's on `cards_50k`.
//!
//! The figures are requested bytes: the allocator's own per-block overhead is not counted
//! (it is reported separately as an allocation count, since it grows with that count).
//!
//! Inputs: `../shared/tools/oracle/out/perf_inputs/*.html` next to the crate; a missing input
//! is skipped with a printed note.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::PathBuf;

use domorph::Document;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// The system allocator, counting live bytes and live blocks for the current thread.
struct Counting;

thread_local! {
    static LIVE_BYTES: Cell<isize> = const { Cell::new(0) };
    static LIVE_BLOCKS: Cell<isize> = const { Cell::new(0) };
}

fn bump(bytes: isize, blocks: isize) {
    // `try_with`: never fail inside the allocator, even during thread teardown.
    let _ = LIVE_BYTES.try_with(|c| c.set(c.get() + bytes));
    let _ = LIVE_BLOCKS.try_with(|c| c.set(c.get() + blocks));
}

// SAFETY: every call is forwarded unchanged to `System`; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            bump(layout.size() as isize, 1);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            bump(layout.size() as isize, 1);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        bump(-(layout.size() as isize), -1);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            bump(new_size as isize - layout.size() as isize, 0);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Live (bytes, blocks) of this thread.
fn live() -> (isize, isize) {
    (LIVE_BYTES.with(Cell::get), LIVE_BLOCKS.with(Cell::get))
}

/// What one side keeps for one page.
#[derive(Debug, Clone, Copy)]
struct Usage {
    bytes: isize,
    blocks: isize,
    nodes: usize,
}

impl Usage {
    fn per_node(&self) -> f64 {
        self.bytes as f64 / self.nodes as f64
    }
}

/// Parses with `parse` and returns what the result keeps live, and the result itself (so it
/// is dropped only after the measurement).
fn measure<T>(parse: impl FnOnce() -> T, count: impl FnOnce(&T) -> usize) -> (Usage, T) {
    let (b0, k0) = live();
    let out = parse();
    let (b1, k1) = live();
    let nodes = count(&out);
    let usage = Usage {
        bytes: b1 - b0,
        blocks: k1 - k0,
        nodes,
    };
    (usage, out)
}

fn rcdom_parse(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), Default::default()).one(html)
}

/// Every node of an RcDom: the document, its descendants, template contents and theirs.
fn rcdom_node_count(dom: &RcDom) -> usize {
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    let mut n = 0;
    while let Some(h) = stack.pop() {
        n += 1;
        stack.extend(h.children.borrow().iter().cloned());
        if let NodeData::Element {
            template_contents, ..
        } = &h.data
            && let Some(t) = template_contents.borrow().as_ref()
        {
            stack.push(t.clone());
        }
    }
    n
}

fn input(name: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/tools/oracle/out/perf_inputs")
        .join(name);
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            println!(
                "memory: skipping {name}: cannot read {}: {e}",
                path.display()
            );
            None
        }
    }
}

/// Measures both sides on one page and prints the figures; `None` if the input is missing.
fn compare(name: &str) -> Option<(Usage, Usage)> {
    let html = input(name)?;
    // Warm up both sides first and keep the results alive: interned atoms and lazily built
    // statics then already exist, so neither side is charged for them below.
    let warm = (Document::parse(&html), rcdom_parse(&html));

    let (ours, doc) = measure(|| Document::parse(&html), Document::node_count);
    let (theirs, dom) = measure(|| rcdom_parse(&html), rcdom_node_count);
    drop((doc, dom, warm));

    println!(
        "memory {name}: {} nodes; domorph {:.1} B/node ({} B, {} blocks), RcDom {:.1} B/node \
         ({} B, {} blocks); ratio ours/RcDom {:.3}",
        ours.nodes,
        ours.per_node(),
        ours.bytes,
        ours.blocks,
        theirs.per_node(),
        theirs.bytes,
        theirs.blocks,
        ours.per_node() / theirs.per_node(),
    );
    assert_eq!(
        ours.nodes, theirs.nodes,
        "{name}: both trees should have the same nodes"
    );
    Some((ours, theirs))
}

/// The target, on the 50k-node card page: at most half of RcDom's bytes per node.
#[test]
fn memory_per_node_is_at_most_half_of_rcdom() {
    let Some((ours, theirs)) = compare("cards_50k.html") else {
        println!("memory: cards_50k.html missing, target not checked");
        return;
    };
    assert!(
        ours.per_node() * 2.0 <= theirs.per_node(),
        "domorph keeps {:.1} B/node, RcDom {:.1} B/node: more than half",
        ours.per_node(),
        theirs.per_node()
    );
}

/// The other pages: figures only (run with `--nocapture` to see them).
#[test]
fn memory_per_node_other_pages() {
    for name in ["cards_10k.html", "list1000_50k.html"] {
        compare(name);
    }
}

//! Property tests of the arena tree.
//!
//! Random documents (parsed from generated markup: ids from a small pool so that duplicates
//! happen, nested `<template>`s holding id'd elements, tables that foster-parent, SVG, text)
//! go through random mutation sequences. Every expected outcome comes from this file: which
//! mutations the DOM allows is decided here from the DOM standard's rules ("ensure
//! pre-insertion validity" and friends), and after every step the tree is checked against a
//! brute-force walk through the public read API:
//!
//! * the id index equals a scan of the connected elements (as a multiset), and
//!   `get_element_by_id`/`elements_by_id` answer the first/all elements in tree order;
//! * the links agree (parent, children, siblings, first and last child), there are no cycles
//!   (template contents included) and every node is reached once;
//! * `node_count()` equals the nodes reachable from the document node plus the detached
//!   subtrees the test holds, and the arena grows only when no freed slot is left;
//! * a refused mutation leaves everything unchanged (serialization, index, structure, counts);
//! * removed nodes stay stale (`None` and [`DomError::StaleNode`]) even after slot reuse.
//!
//! `PROPTEST_CASES` scales every property here.

use std::collections::{BTreeMap, HashMap, HashSet};

use domorph::dom::{Document, DomError, ElementData, NodeData, NodeId};
use html5ever::ns;
use proptest::prelude::*;
use proptest::sample::Index;

/// The id pool of the generated markup and mutations (ids are case-sensitive: `a` ≠ `A`).
const IDS: &[&str] = &["a", "b", "c", "A", "x y"];

/// Ids asked of `get_element_by_id` after every step: the pool, the empty id, an absent one.
const ASKED_IDS: &[&str] = &["a", "b", "c", "A", "x y", "", "zz"];

// ---------------------------------------------------------------------------------------------
// Generated markup.

fn id_attr() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        5 => prop::sample::select(IDS).prop_map(|id| format!(" id=\"{id}\"")),
        1 => Just(" id=\"\"".to_owned()),
        // The parser lower-cases attribute names of HTML elements.
        1 => prop::sample::select(IDS).prop_map(|id| format!(" ID=\"{id}\"")),
    ]
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(&["t", " ", "a&lt;b", "x\n"][..]).prop_map(str::to_owned),
        1 => Just("<!--c-->".to_owned()),
        2 => id_attr().prop_map(|a| format!("<br{a}>")),
        1 => id_attr().prop_map(|a| format!("<input{a} value=v>")),
    ]
}

fn markup() -> impl Strategy<Value = String> {
    leaf().prop_recursive(5, 60, 4, |inner| {
        let kids = prop::collection::vec(inner, 0..4).prop_map(|v| v.concat());
        let tag = prop::sample::select(&["div", "span", "p", "ul", "li", "b", "section"][..]);
        prop_oneof![
            4 => (tag, id_attr(), kids.clone())
                .prop_map(|(t, a, k)| format!("<{t}{a} class=k>{k}</{t}>")),
            2 => (id_attr(), kids.clone())
                .prop_map(|(a, k)| format!("<template{a}>{k}</template>")),
            1 => (id_attr(), id_attr(), kids.clone())
                .prop_map(|(a, b, k)| format!("<table{a}><tr><td{b}>{k}</td></tr></table>")),
            // Content in a table that is foster-parented out of it.
            1 => (id_attr(), kids.clone()).prop_map(|(a, k)| format!("<table{a}>{k}</table>")),
            1 => (id_attr(), kids.clone())
                .prop_map(|(a, k)| format!("<svg{a}><g ID=a>{k}</g></svg>")),
            // Unclosed and misnested tags.
            1 => (id_attr(), kids).prop_map(|(a, k)| format!("<p{a}>{k}<b>x")),
        ]
    })
}

fn document_markup() -> impl Strategy<Value = String> {
    let head = prop::sample::select(
        &[
            "",
            "<title>x</title>",
            "<template id=a><p id=b>in head</p></template>",
            "<meta id=c>",
        ][..],
    );
    (any::<bool>(), head, markup()).prop_map(|(doctype, head, body)| {
        let dt = if doctype { "<!DOCTYPE html>" } else { "" };
        format!("{dt}<head>{head}</head><body>{body}")
    })
}

// ---------------------------------------------------------------------------------------------
// Brute-force views of a tree through the public read API.

/// Fails on a cycle or a shared node instead of looping forever.
fn mark(seen: &mut HashSet<NodeId>, n: NodeId, what: &str) {
    assert!(
        seen.insert(n),
        "{n:?} reached twice ({what}): cycle or shared node"
    );
}

/// Checks the links of the subtree of `root` (entering template contents) and returns every
/// node in it, in pre-order (a template's content after the template, before its children).
fn check_links(doc: &Document, root: NodeId, seen: &mut HashSet<NodeId>) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    mark(seen, root, "root");
    while let Some(n) = stack.pop() {
        assert!(doc.contains(n), "{n:?} is reachable but not live");
        out.push(n);
        let data = doc.data(n).expect("live node has data");
        // Children: the sibling chain agrees with first/last child and parent links.
        let mut kids = Vec::new();
        let mut prev = None;
        let mut c = doc.first_child(n);
        while let Some(k) = c {
            mark(seen, k, "child");
            assert_eq!(doc.parent(k), Some(n), "parent link of {k:?}");
            assert_eq!(doc.prev_sibling(k), prev, "prev link of {k:?}");
            assert!(
                !matches!(doc.data(k), Some(NodeData::Document | NodeData::Fragment)),
                "a document or fragment is a child"
            );
            kids.push(k);
            prev = Some(k);
            c = doc.next_sibling(k);
        }
        assert_eq!(doc.last_child(n), prev, "last child of {n:?}");
        assert_eq!(
            doc.children(n).collect::<Vec<_>>(),
            kids,
            "children() of {n:?}"
        );
        if !data.can_have_children() {
            assert!(kids.is_empty(), "{n:?} cannot have children but has some");
        }
        // Template contents: every HTML template has its own fragment, never a child.
        let is_template = data.as_element().is_some_and(|e| e.is_html("template"));
        let contents = doc.template_contents(n);
        assert_eq!(
            is_template,
            contents.is_some(),
            "template contents of {n:?}"
        );
        for &k in kids.iter().rev() {
            stack.push(k);
        }
        if let Some(f) = contents {
            mark(seen, f, "template contents");
            assert!(matches!(doc.data(f), Some(NodeData::Fragment)));
            assert_eq!(doc.parent(f), None);
            assert_eq!(doc.prev_sibling(f), None);
            assert_eq!(doc.next_sibling(f), None);
            stack.push(f);
        }
    }
    out
}

/// The elements connected to the document with a non-empty id, in tree order: a pre-order
/// walk through first-child/next-sibling links that never enters template contents.
fn scan_ids(doc: &Document) -> Vec<(String, NodeId)> {
    let mut out = Vec::new();
    let mut stack = vec![doc.root()];
    while let Some(n) = stack.pop() {
        if let Some(id) = doc.element(n).and_then(|e| e.attr("id"))
            && !id.is_empty()
        {
            out.push((id.to_owned(), n));
        }
        let kids: Vec<NodeId> = doc.children(n).collect();
        stack.extend(kids.into_iter().rev());
    }
    out
}

/// The connected nodes in tree order (the document node first).
fn connected(doc: &Document) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack = vec![doc.root()];
    while let Some(n) = stack.pop() {
        out.push(n);
        let kids: Vec<NodeId> = doc.children(n).collect();
        stack.extend(kids.into_iter().rev());
    }
    out
}

/// A description of a subtree that names no `NodeId`: kinds, names, attributes, text,
/// template contents. Two subtrees have the same shape iff they are copies.
fn shape(doc: &Document, root: NodeId, deep: bool) -> String {
    let mut out = String::new();
    let mut seen = HashSet::new();
    let mut stack = vec![(root, 0usize, false)];
    while let Some((n, depth, is_contents)) = stack.pop() {
        mark(&mut seen, n, "shape");
        out.push_str(&"  ".repeat(depth));
        if is_contents {
            out.push_str("#content ");
        }
        match doc.data(n).expect("live") {
            NodeData::Document => out.push_str("#document"),
            NodeData::Fragment => out.push_str("#fragment"),
            NodeData::Doctype(d) => out.push_str(&format!(
                "<!DOCTYPE {:?} {:?} {:?}>",
                d.name, d.public_id, d.system_id
            )),
            NodeData::Text(t) => out.push_str(&format!("#text {t:?}")),
            NodeData::Comment(t) => out.push_str(&format!("#comment {t:?}")),
            NodeData::ProcessingInstruction(p) => {
                out.push_str(&format!("<?{:?} {:?}>", p.target, p.data))
            }
            NodeData::Element(e) => {
                let name = e.name();
                out.push_str(&format!("<{{{}}}{}", name.ns, name.local));
                for a in e.attrs() {
                    out.push_str(&format!(
                        " {:?}:{{{}}}{}={:?}",
                        a.name.prefix.as_deref(),
                        a.name.ns,
                        a.name.local,
                        a.value
                    ));
                }
                out.push('>');
            }
            _ => out.push_str("#unknown"),
        }
        out.push('\n');
        if deep || n == root {
            let kids: Vec<NodeId> = if deep {
                doc.children(n).collect()
            } else {
                vec![]
            };
            for k in kids.into_iter().rev() {
                stack.push((k, depth + 1, false));
            }
            if let Some(f) = doc.template_contents(n) {
                stack.push((f, depth + 1, true));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The world a mutation sequence runs in.

struct World {
    doc: Document,
    /// The document `import_node` copies from.
    other: Document,
    /// Detached roots the test created or detached (some may since have been inserted, or
    /// removed).
    held: Vec<NodeId>,
    /// Ids of removed nodes.
    stale: Vec<NodeId>,
    initial_slots: usize,
    peak_nodes: usize,
}

/// A node with its parent, children and template contents.
type Links = (NodeId, Option<NodeId>, Vec<NodeId>, Option<NodeId>);

/// Everything a refused mutation must leave as it was.
#[derive(Debug, PartialEq)]
struct Snapshot {
    html: String,
    index: Vec<(String, NodeId)>,
    node_count: usize,
    slot_count: usize,
    /// Per root: its nodes with their parent, children and template contents.
    structure: Vec<Vec<Links>>,
    /// Per root: its serialization (detached trees are not in `html`).
    serialized: Vec<String>,
    shapes: Vec<String>,
}

impl World {
    fn new(doc: Document, other: Document) -> World {
        let initial_slots = doc.slot_count();
        let peak_nodes = doc.node_count();
        World {
            doc,
            other,
            held: Vec::new(),
            stale: Vec::new(),
            initial_slots,
            peak_nodes,
        }
    }

    /// The document node and the held nodes that are still detached roots.
    fn roots(&self) -> Vec<NodeId> {
        let mut roots = vec![self.doc.root()];
        for &h in &self.held {
            if self.doc.contains(h) && self.doc.parent(h).is_none() && !roots.contains(&h) {
                roots.push(h);
            }
        }
        roots
    }

    /// Every live node the test can reach, checking links on the way.
    fn all_nodes(&self) -> Vec<NodeId> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for r in self.roots() {
            if seen.contains(&r) {
                // A held root that is some template's contents: reached already.
                continue;
            }
            out.extend(check_links(&self.doc, r, &mut seen));
        }
        out
    }

    /// Template contents fragment → its template, found by walking.
    fn hosts(&self, nodes: &[NodeId]) -> HashMap<NodeId, NodeId> {
        nodes
            .iter()
            .filter_map(|&n| self.doc.template_contents(n).map(|f| (f, n)))
            .collect()
    }

    fn snapshot(&self) -> Snapshot {
        let doc = &self.doc;
        let mut index = doc.id_index_entries();
        index.sort();
        let mut structure = Vec::new();
        let mut serialized = Vec::new();
        let mut shapes = Vec::new();
        let mut seen = HashSet::new();
        for r in self.roots() {
            if seen.contains(&r) {
                continue;
            }
            let nodes = check_links(doc, r, &mut seen);
            structure.push(
                nodes
                    .iter()
                    .map(|&n| {
                        (
                            n,
                            doc.parent(n),
                            doc.children(n).collect(),
                            doc.template_contents(n),
                        )
                    })
                    .collect(),
            );
            serialized.push(doc.outer_html(r));
            shapes.push(shape(doc, r, true));
        }
        Snapshot {
            html: doc.to_html(),
            index,
            node_count: doc.node_count(),
            slot_count: doc.slot_count(),
            structure,
            serialized,
            shapes,
        }
    }

    /// The invariants that hold after every step.
    fn check(&mut self) {
        let nodes = self.all_nodes();
        self.peak_nodes = self.peak_nodes.max(nodes.len());
        let doc = &self.doc;
        assert_eq!(
            doc.node_count(),
            nodes.len(),
            "node_count() against the nodes reachable from the document and held roots"
        );
        assert_eq!(
            doc.slot_count(),
            self.initial_slots.max(self.peak_nodes),
            "the arena grew while it had free slots (or shrank)"
        );
        // Connectedness and tree-order iteration.
        let conn = connected(doc);
        assert_eq!(doc.descendants(doc.root()).collect::<Vec<_>>(), conn);
        let conn_set: HashSet<NodeId> = conn.iter().copied().collect();
        for &n in &nodes {
            assert_eq!(
                doc.is_connected(n),
                conn_set.contains(&n),
                "is_connected {n:?}"
            );
        }
        // The id index against a scan.
        let scan = scan_ids(doc);
        let mut want = scan.clone();
        want.sort();
        let mut got = doc.id_index_entries();
        got.sort();
        assert_eq!(
            got, want,
            "id index against a scan of the connected elements"
        );
        let mut by_id: BTreeMap<&str, Vec<NodeId>> = BTreeMap::new();
        for (id, n) in &scan {
            by_id.entry(id).or_default().push(*n);
        }
        for id in ASKED_IDS
            .iter()
            .copied()
            .chain(scan.iter().map(|(s, _)| s.as_str()))
        {
            let all = by_id.get(id).cloned().unwrap_or_default();
            assert_eq!(
                doc.get_element_by_id(id),
                all.first().copied(),
                "getElementById({id:?})"
            );
            assert_eq!(doc.elements_by_id(id), all, "elements_by_id({id:?})");
        }
        // Removed nodes stay dead.
        for &s in &self.stale {
            assert!(!doc.contains(s) && doc.data(s).is_none(), "{s:?} came back");
        }
    }

    fn pick(&self, nodes: &[NodeId], p: &Pick) -> NodeId {
        let doc = &self.doc;
        let pool: Vec<NodeId> = match p {
            Pick::Root => return doc.root(),
            Pick::Any(_) => nodes.to_vec(),
            Pick::Held(_) => self.roots().into_iter().skip(1).collect(),
            Pick::Contents(_) => nodes
                .iter()
                .filter_map(|&n| doc.template_contents(n))
                .collect(),
            Pick::Element(_) => nodes
                .iter()
                .copied()
                .filter(|&n| doc.element(n).is_some())
                .collect(),
        };
        let ix = match p {
            Pick::Any(i) | Pick::Held(i) | Pick::Contents(i) | Pick::Element(i) => i,
            Pick::Root => unreachable!("returned above"),
        };
        if pool.is_empty() {
            *ix.get(nodes)
        } else {
            *ix.get(&pool)
        }
    }

    /// Every node of `n`'s subtree, template contents included.
    fn subtree(&self, n: NodeId) -> Vec<NodeId> {
        check_links(&self.doc, n, &mut HashSet::new())
    }

    fn run(&mut self, op: &Op) {
        let before = self.snapshot();
        let nodes = self.all_nodes();
        let hosts = self.hosts(&nodes);
        let outcome = self.apply(op, &nodes, &hosts);
        if let Err(e) = outcome {
            assert_eq!(
                self.snapshot(),
                before,
                "{op:?} was refused ({e:?}) but changed the tree"
            );
        }
        self.check();
    }

    /// Applies one operation, checking its result against the model. Returns the error the
    /// operation (rightly) returned, if any.
    fn apply(
        &mut self,
        op: &Op,
        nodes: &[NodeId],
        hosts: &HashMap<NodeId, NodeId>,
    ) -> Result<(), DomError> {
        match op {
            Op::Insert {
                parent,
                child,
                reference,
            } => {
                let p = self.pick(nodes, parent);
                let c = self.pick(nodes, child);
                let r = match reference {
                    RefPick::Last => None,
                    RefPick::ChildOfParent(i) => {
                        let kids: Vec<NodeId> = self.doc.children(p).collect();
                        (!kids.is_empty()).then(|| *i.get(&kids))
                    }
                    RefPick::Any(i) => Some(*i.get(nodes)),
                };
                self.insert(p, c, r, hosts)
            }
            Op::InsertStale { which, stale, live } => {
                let Some(s) = self.pick_stale(stale) else {
                    return Ok(());
                };
                let live = *live.get(nodes);
                // A stale parent, child or reference is refused whatever the others are.
                match which % 3 {
                    0 => self.insert(s, live, None, hosts),
                    1 => self.insert(live, s, None, hosts),
                    _ => self.insert(live, live, Some(s), hosts),
                }
            }
            Op::Detach(n) => {
                let n = self.pick(nodes, n);
                let had_parent = self.doc.parent(n).is_some();
                let res = self.doc.detach(n);
                if n == self.doc.root() {
                    assert_eq!(kind(&res), Kind::DocumentNode);
                    return res;
                }
                assert_eq!(res, Ok(()));
                assert_eq!(self.doc.parent(n), None);
                assert!(!self.doc.is_connected(n));
                if had_parent {
                    self.held.push(n);
                }
                Ok(())
            }
            Op::Remove(n) => {
                let n = self.pick(nodes, n);
                let sub = self.subtree(n);
                let parent = self.doc.parent(n);
                let res = self.doc.remove(n);
                if n == self.doc.root() {
                    assert_eq!(kind(&res), Kind::DocumentNode);
                    return res;
                }
                if hosts.contains_key(&n) {
                    assert_eq!(
                        kind(&res),
                        Kind::TemplateContents,
                        "removing template contents"
                    );
                    return res;
                }
                assert_eq!(res, Ok(()));
                for s in &sub {
                    assert!(
                        self.doc.data(*s).is_none(),
                        "{s:?} survived the removal of {n:?}"
                    );
                }
                if let Some(p) = parent {
                    assert!(!self.doc.children(p).any(|k| k == n));
                }
                self.stale.extend(sub);
                Ok(())
            }
            Op::RemoveChildren(n) => {
                let n = self.pick(nodes, n);
                let kids: Vec<NodeId> = self.doc.children(n).collect();
                let sub: Vec<NodeId> = kids.iter().flat_map(|&k| self.subtree(k)).collect();
                assert_eq!(self.doc.remove_children(n), Ok(()));
                assert_eq!(self.doc.first_child(n), None);
                assert_eq!(self.doc.last_child(n), None);
                assert!(sub.iter().all(|&s| !self.doc.contains(s)));
                self.stale.extend(sub);
                Ok(())
            }
            Op::SetAttr { node, name, value } => {
                let n = self.pick(nodes, node);
                let Some(e) = self.doc.element(n) else {
                    let res = self.doc.set_attribute(n, name, value);
                    assert_eq!(kind(&res), Kind::NotAnElement);
                    return res;
                };
                let lname = attr_key(e, name);
                let before: Vec<(String, String)> = attr_list(&self.doc, n);
                let pos = before.iter().position(|(k, _)| *k == lname);
                assert_eq!(self.doc.set_attribute(n, name, value), Ok(()));
                let mut want = before;
                match pos {
                    Some(i) => want[i].1 = (*value).to_owned(),
                    None => want.push((lname, (*value).to_owned())),
                }
                assert_eq!(
                    attr_list(&self.doc, n),
                    want,
                    "attributes after setAttribute"
                );
                Ok(())
            }
            Op::RemoveAttr { node, name } => {
                let n = self.pick(nodes, node);
                let Some(e) = self.doc.element(n) else {
                    let res = self.doc.remove_attribute(n, name).map(|_| ());
                    assert_eq!(kind(&res), Kind::NotAnElement);
                    return res;
                };
                let lname = attr_key(e, name);
                let mut want = attr_list(&self.doc, n);
                let pos = want.iter().position(|(k, _)| *k == lname);
                if let Some(i) = pos {
                    want.remove(i);
                }
                assert_eq!(self.doc.remove_attribute(n, name), Ok(pos.is_some()));
                assert_eq!(
                    attr_list(&self.doc, n),
                    want,
                    "attributes after removeAttribute"
                );
                Ok(())
            }
            Op::SetText { node, text } => {
                let n = self.pick(nodes, node);
                let before = self.snapshot();
                let kids: Vec<NodeId> = self.doc.children(n).collect();
                let sub: Vec<NodeId> = kids.iter().flat_map(|&k| self.subtree(k)).collect();
                assert_eq!(self.doc.set_text_content(n, text), Ok(()));
                match self.doc.data(n).expect("live") {
                    NodeData::Element(_) | NodeData::Fragment => {
                        assert_eq!(self.doc.text_content(n), *text);
                        let now: Vec<NodeId> = self.doc.children(n).collect();
                        assert_eq!(now.len(), usize::from(!text.is_empty()));
                        if let Some(&t) = now.first() {
                            assert_eq!(self.doc.data(t).and_then(NodeData::as_text), Some(*text));
                        }
                        assert!(sub.iter().all(|&s| !self.doc.contains(s)));
                        self.stale.extend(sub);
                    }
                    NodeData::Text(t) | NodeData::Comment(t) => assert_eq!(t, text),
                    // The document node, doctypes and processing instructions ignore it.
                    _ => assert_eq!(self.snapshot(), before, "textContent on {n:?} changed"),
                }
                Ok(())
            }
            Op::Clone { node, deep } => {
                let n = self.pick(nodes, node);
                let res = self.doc.clone_node(n, *deep);
                if n == self.doc.root() {
                    assert_eq!(kind(&res), Kind::DocumentNode);
                    return res.map(|_| ());
                }
                let c = res.expect("cloning a live non-document node works");
                self.check_copy(n, c, *deep, false);
                self.held.push(c);
                Ok(())
            }
            Op::Import { node, deep } => {
                let other_nodes = check_links(&self.other, self.other.root(), &mut HashSet::new());
                let n = *node.get(&other_nodes);
                let res = self.doc.import_node(&self.other, n, *deep);
                if n == self.other.root() {
                    assert_eq!(kind(&res), Kind::DocumentNode);
                    return res.map(|_| ());
                }
                let c = res.expect("importing a live non-document node works");
                self.check_copy(n, c, *deep, true);
                self.held.push(c);
                Ok(())
            }
            Op::Create(new) => {
                let n = self.create(new);
                assert_eq!(self.doc.parent(n), None);
                assert!(!self.doc.is_connected(n));
                self.held.push(n);
                Ok(())
            }
            Op::UseStale(i) => {
                if self.stale.is_empty() {
                    return Ok(());
                }
                let s = *i.get(&self.stale);
                self.check_stale(s, nodes);
                Ok(())
            }
        }
    }

    fn pick_stale(&self, i: &Index) -> Option<NodeId> {
        (!self.stale.is_empty()).then(|| *i.get(&self.stale))
    }

    /// `insert_before(p, c, r)` against the model.
    fn insert(
        &mut self,
        p: NodeId,
        c: NodeId,
        r: Option<NodeId>,
        hosts: &HashMap<NodeId, NodeId>,
    ) -> Result<(), DomError> {
        let expected = expect_insert(&self.doc, hosts, p, c, r);
        let frag_kids: Vec<NodeId> = self.doc.children(c).collect();
        let is_fragment = matches!(self.doc.data(c), Some(NodeData::Fragment));
        let old_next = self.doc.next_sibling(c);
        let res = match r {
            None => self.doc.append_child(p, c),
            Some(_) => self.doc.insert_before(p, c, r),
        };
        assert_eq!(
            kind(&res),
            expected,
            "insert_before({}, {}, {:?})",
            self.doc.describe(p),
            self.doc.describe(c),
            r.map(|r| self.doc.describe(r))
        );
        res?;
        // Where things went: before the reference (after the checks, a reference that is the
        // node itself means the node's next sibling).
        let r = if r == Some(c) { old_next } else { r };
        let moved = if is_fragment { frag_kids } else { vec![c] };
        if is_fragment {
            assert_eq!(self.doc.first_child(c), None, "the fragment is emptied");
        }
        for (i, &m) in moved.iter().enumerate() {
            assert_eq!(self.doc.parent(m), Some(p));
            let next = moved.get(i + 1).copied().or(r);
            assert_eq!(self.doc.next_sibling(m), next, "order after insertion");
        }
        Ok(())
    }

    /// A copy made by `clone_node`/`import_node` is a detached, equal, independent subtree.
    fn check_copy(&self, src: NodeId, copy: NodeId, deep: bool, imported: bool) {
        let from = if imported { &self.other } else { &self.doc };
        if !imported {
            assert_ne!(copy, src);
        }
        assert_eq!(self.doc.parent(copy), None);
        assert!(!self.doc.is_connected(copy));
        assert_eq!(shape(&self.doc, copy, deep), shape(from, src, deep));
        if !deep {
            assert_eq!(
                self.doc.first_child(copy),
                None,
                "a shallow copy has no children"
            );
            if let Some(f) = self.doc.template_contents(copy) {
                assert_eq!(
                    self.doc.first_child(f),
                    None,
                    "shallow: empty template contents"
                );
            }
        }
        if deep {
            assert_eq!(self.doc.outer_html(copy), from.outer_html(src));
        }
        // No node of the copy is a node of the source.
        if !imported {
            let a: HashSet<NodeId> = self.subtree(src).into_iter().collect();
            assert!(self.subtree(copy).iter().all(|n| !a.contains(n)));
        }
    }

    fn create(&mut self, new: &NewNode) -> NodeId {
        let doc = &mut self.doc;
        match new {
            NewNode::Element(tag, id) => {
                let e = doc.create_html_element(tag);
                let el = doc.element(e).expect("an element");
                assert_eq!(el.local_name(), tag.to_ascii_lowercase());
                assert_eq!(el.is_html("template"), doc.template_contents(e).is_some());
                if let Some(id) = id {
                    assert_eq!(doc.set_attribute(e, "id", id), Ok(()));
                }
                e
            }
            NewNode::Text(t) => doc.create_text(t),
            NewNode::Comment => doc.create_comment("new"),
            NewNode::Fragment(kids) => {
                let f = doc.create_fragment();
                for kid in kids {
                    let k = match kid {
                        Some((tag, id)) => {
                            let e = doc.create_html_element(tag);
                            if let Some(id) = id {
                                assert_eq!(doc.set_attribute(e, "ID", id), Ok(()));
                            }
                            e
                        }
                        None => doc.create_text("frag text"),
                    };
                    assert_eq!(doc.append_child(f, k), Ok(()));
                }
                f
            }
        }
    }

    /// A removed node's id: every read says `None`, every mutation `StaleNode`, and nothing
    /// changes.
    fn check_stale(&mut self, s: NodeId, nodes: &[NodeId]) {
        let before = self.snapshot();
        let live = nodes[nodes.len() / 2];
        let root = self.doc.root();
        let doc = &mut self.doc;
        assert!(!doc.contains(s));
        assert!(doc.data(s).is_none());
        assert!(doc.element(s).is_none());
        assert!(doc.parent(s).is_none());
        assert!(doc.first_child(s).is_none());
        assert!(doc.last_child(s).is_none());
        assert!(doc.next_sibling(s).is_none());
        assert!(doc.prev_sibling(s).is_none());
        assert!(doc.template_contents(s).is_none());
        assert!(!doc.is_connected(s));
        assert_eq!(doc.children(s).count(), 0);
        assert_eq!(doc.descendants(s).count(), 0);
        assert_eq!(doc.outer_html(s), "");
        assert_eq!(doc.inner_html(s), "");
        assert_eq!(doc.text_content(s), "");
        assert!(doc.serializable(s).is_none());
        let stale = Err(DomError::StaleNode(s));
        assert_eq!(doc.append_child(root, s), stale);
        assert_eq!(doc.append_child(s, live), stale);
        assert_eq!(doc.insert_before(live, s, None), stale);
        assert_eq!(doc.insert_before(root, live, Some(s)), stale);
        assert_eq!(doc.detach(s), stale);
        assert_eq!(doc.remove(s), stale);
        assert_eq!(doc.remove_children(s), stale);
        assert_eq!(doc.set_attribute(s, "id", "a"), stale);
        assert_eq!(doc.remove_attribute(s, "id"), Err(DomError::StaleNode(s)));
        assert_eq!(doc.set_text_content(s, "x"), stale);
        assert_eq!(doc.set_data(s, "x"), stale);
        assert_eq!(doc.clone_node(s, true), Err(DomError::StaleNode(s)));
        assert!(doc.form_state_mut(s).is_err());
        let mut fresh = Document::new();
        assert_eq!(fresh.import_node(doc, s, true), Err(DomError::StaleNode(s)));
        assert_eq!(fresh.node_count(), 1);
        assert_eq!(self.snapshot(), before, "a stale id changed the tree");
    }
}

/// The name `setAttribute`/`removeAttribute` look for on `e`: ASCII-lowercased on HTML
/// elements, as given on others.
fn attr_key(e: &ElementData, name: &str) -> String {
    if e.name().ns == ns!(html) {
        name.to_ascii_lowercase()
    } else {
        name.to_owned()
    }
}

/// The attributes as (qualified name, value).
fn attr_list(doc: &Document, n: NodeId) -> Vec<(String, String)> {
    doc.element(n)
        .expect("element")
        .attrs()
        .iter()
        .map(|a| {
            let name = match &a.name.prefix {
                Some(p) => format!("{p}:{}", a.name.local),
                None => a.name.local.to_string(),
            };
            (name, a.value.to_string())
        })
        .collect()
}

/// What an operation returned, reduced to what the model predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ok,
    Stale(NodeId),
    HierarchyRequest,
    NotAChild,
    NotAnElement,
    DocumentNode,
    TemplateContents,
    Other,
}

fn kind<T>(r: &Result<T, DomError>) -> Kind {
    match r {
        Ok(_) => Kind::Ok,
        Err(DomError::StaleNode(n)) => Kind::Stale(*n),
        Err(DomError::HierarchyRequest { .. }) => Kind::HierarchyRequest,
        Err(DomError::NotAChild { .. }) => Kind::NotAChild,
        Err(DomError::NotAnElement { .. }) => Kind::NotAnElement,
        Err(DomError::DocumentNode(_)) => Kind::DocumentNode,
        Err(DomError::TemplateContents { .. }) => Kind::TemplateContents,
        Err(_) => Kind::Other,
    }
}

/// The DOM standard's "ensure pre-insertion validity" (node `c` into parent `p` before child
/// `r`), written from the standard. `hosts` maps template contents to their template (the
/// "host" of the host-including inclusive ancestor test).
fn expect_insert(
    doc: &Document,
    hosts: &HashMap<NodeId, NodeId>,
    p: NodeId,
    c: NodeId,
    r: Option<NodeId>,
) -> Kind {
    for n in [Some(p), Some(c), r].into_iter().flatten() {
        if !doc.contains(n) {
            return Kind::Stale(n);
        }
    }
    let pdata = doc.data(p).expect("live");
    let cdata = doc.data(c).expect("live");
    let is_doctype = |n: NodeId| matches!(doc.data(n), Some(NodeData::Doctype(_)));
    let is_element = |n: NodeId| doc.element(n).is_some();
    // 1. The parent must be a document, fragment or element.
    if !matches!(
        pdata,
        NodeData::Document | NodeData::Fragment | NodeData::Element(_)
    ) {
        return Kind::HierarchyRequest;
    }
    // 2. The node must not be a host-including inclusive ancestor of the parent.
    let mut a = Some(p);
    while let Some(x) = a {
        if x == c {
            return Kind::HierarchyRequest;
        }
        a = doc.parent(x).or_else(|| hosts.get(&x).copied());
    }
    // 3. The reference must be a child of the parent.
    if let Some(r) = r
        && doc.parent(r) != Some(p)
    {
        return Kind::NotAChild;
    }
    // 4 and 5.
    let p_is_doc = matches!(pdata, NodeData::Document);
    match cdata {
        NodeData::Document => return Kind::DocumentNode,
        NodeData::Text(_) if p_is_doc => return Kind::HierarchyRequest,
        NodeData::Doctype(_) if !p_is_doc => return Kind::HierarchyRequest,
        _ => {}
    }
    if !p_is_doc {
        return Kind::Ok;
    }
    // 6. A document: one doctype, then one element.
    let pkids: Vec<NodeId> = doc.children(p).collect();
    let r_pos = r.and_then(|r| pkids.iter().position(|&k| k == r));
    let has_element = pkids.iter().any(|&k| is_element(k));
    let doctype_at_or_after_r = r_pos.is_some_and(|i| pkids[i..].iter().any(|&k| is_doctype(k)));
    let bad = match cdata {
        NodeData::Fragment => {
            let kids: Vec<NodeId> = doc.children(c).collect();
            let elements = kids.iter().filter(|&&k| is_element(k)).count();
            let text = kids
                .iter()
                .any(|&k| matches!(doc.data(k), Some(NodeData::Text(_))));
            text || elements > 1 || (elements == 1 && (has_element || doctype_at_or_after_r))
        }
        NodeData::Element(_) => has_element || doctype_at_or_after_r,
        NodeData::Doctype(_) => {
            let element_before_r = match r_pos {
                Some(i) => pkids[..i].iter().any(|&k| is_element(k)),
                None => has_element,
            };
            pkids.iter().any(|&k| is_doctype(k)) || element_before_r
        }
        _ => false,
    };
    if bad {
        Kind::HierarchyRequest
    } else {
        Kind::Ok
    }
}

// ---------------------------------------------------------------------------------------------
// Operations.

#[derive(Debug, Clone)]
enum Pick {
    Root,
    Any(Index),
    Held(Index),
    Contents(Index),
    Element(Index),
}

#[derive(Debug, Clone)]
enum RefPick {
    Last,
    ChildOfParent(Index),
    Any(Index),
}

#[derive(Debug, Clone)]
enum NewNode {
    Element(&'static str, Option<&'static str>),
    Text(&'static str),
    Comment,
    /// A fragment with elements (tag, id) and, for `None`, text.
    Fragment(Vec<Option<(&'static str, Option<&'static str>)>>),
}

#[derive(Debug, Clone)]
enum Op {
    Insert {
        parent: Pick,
        child: Pick,
        reference: RefPick,
    },
    InsertStale {
        which: u8,
        stale: Index,
        live: Index,
    },
    Detach(Pick),
    Remove(Pick),
    RemoveChildren(Pick),
    SetAttr {
        node: Pick,
        name: &'static str,
        value: &'static str,
    },
    RemoveAttr {
        node: Pick,
        name: &'static str,
    },
    SetText {
        node: Pick,
        text: &'static str,
    },
    Clone {
        node: Pick,
        deep: bool,
    },
    Import {
        node: Index,
        deep: bool,
    },
    Create(NewNode),
    UseStale(Index),
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        1 => Just(Pick::Root),
        4 => any::<Index>().prop_map(Pick::Any),
        2 => any::<Index>().prop_map(Pick::Held),
        1 => any::<Index>().prop_map(Pick::Contents),
        3 => any::<Index>().prop_map(Pick::Element),
    ]
}

fn new_node() -> impl Strategy<Value = NewNode> {
    let tag = prop::sample::select(&["div", "P", "template", "span", "li"][..]);
    let id = prop::option::of(prop::sample::select(IDS));
    let elem = (tag.clone(), id.clone());
    prop_oneof![
        4 => elem.prop_map(|(t, i)| NewNode::Element(t, i)),
        1 => prop::sample::select(&["", "x", " "][..]).prop_map(NewNode::Text),
        1 => Just(NewNode::Comment),
        2 => prop::collection::vec(prop::option::weighted(0.8, (tag, id)), 0..3)
            .prop_map(NewNode::Fragment),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let attr_name = prop::sample::select(&["id", "ID", "Id", "class", "data-x"][..]);
    let value = prop::sample::select(&["a", "b", "c", "A", "x y", ""][..]);
    let reference = prop_oneof![
        2 => Just(RefPick::Last),
        3 => any::<Index>().prop_map(RefPick::ChildOfParent),
        1 => any::<Index>().prop_map(RefPick::Any),
    ];
    prop_oneof![
        8 => (pick(), pick(), reference).prop_map(|(parent, child, reference)| Op::Insert {
            parent,
            child,
            reference
        }),
        1 => (any::<u8>(), any::<Index>(), any::<Index>())
            .prop_map(|(which, stale, live)| Op::InsertStale { which, stale, live }),
        2 => pick().prop_map(Op::Detach),
        2 => pick().prop_map(Op::Remove),
        1 => pick().prop_map(Op::RemoveChildren),
        4 => (pick(), attr_name.clone(), value)
            .prop_map(|(node, name, value)| Op::SetAttr { node, name, value }),
        2 => (pick(), attr_name).prop_map(|(node, name)| Op::RemoveAttr { node, name }),
        1 => (pick(), prop::sample::select(&["", "new text"][..]))
            .prop_map(|(node, text)| Op::SetText { node, text }),
        2 => (pick(), any::<bool>()).prop_map(|(node, deep)| Op::Clone { node, deep }),
        2 => (any::<Index>(), any::<bool>()).prop_map(|(node, deep)| Op::Import { node, deep }),
        3 => new_node().prop_map(Op::Create),
        2 => any::<Index>().prop_map(Op::UseStale),
    ]
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "proptest-regressions/dom_props.txt",
            ),
        )),
        ..ProptestConfig::default()
    })]

    /// Random mutation sequences keep the index, the links and the counts exact, and every
    /// refusal is the DOM's and changes nothing.
    #[test]
    fn mutation_sequences_keep_the_tree_exact(
        page in document_markup(),
        other in document_markup(),
        ops in prop::collection::vec(op(), 1..80),
    ) {
        let mut world = World::new(Document::parse(&page), Document::parse(&other));
        world.check();
        for op in &ops {
            world.run(op);
        }
    }

    /// Removing N nodes and creating N new ones does not grow the arena; the removed nodes'
    /// ids stay stale after their slots hold new nodes.
    #[test]
    fn freed_slots_are_reused_and_old_ids_stay_stale(
        page in document_markup(),
        victims in prop::collection::vec(any::<Index>(), 1..4),
    ) {
        let mut doc = Document::parse(&page);
        let slots = doc.slot_count();
        let mut removed = Vec::new();
        for v in &victims {
            let nodes: Vec<NodeId> = doc.descendants(doc.root()).skip(1).collect();
            if nodes.is_empty() {
                break;
            }
            let n = *v.get(&nodes);
            removed.extend(check_links(&doc, n, &mut HashSet::new()));
            let count = doc.node_count();
            prop_assert_eq!(doc.remove(n), Ok(()));
            prop_assert!(doc.node_count() < count);
        }
        // Fill every free slot (the ones just freed, and any the parser left).
        let free = doc.slot_count() - doc.node_count();
        prop_assert!(free >= removed.len());
        let mut new = Vec::new();
        for i in 0..free {
            new.push(doc.create_text(&format!("n{i}")));
        }
        prop_assert_eq!(doc.slot_count(), slots, "the arena grew although slots were free");
        prop_assert_eq!(doc.slot_count(), doc.node_count(), "every slot is used again");
        // So every removed node's slot now holds a new node; the old ids still fail.
        let body = doc.descendants(doc.root()).find(|&n| doc.element(n).is_some());
        for &s in &removed {
            prop_assert!(doc.data(s).is_none());
            prop_assert!(doc.element(s).is_none());
            prop_assert!(doc.parent(s).is_none());
            prop_assert!(!new.contains(&s));
            prop_assert_eq!(doc.set_attribute(s, "id", "a"), Err(DomError::StaleNode(s)));
            prop_assert_eq!(doc.remove(s), Err(DomError::StaleNode(s)));
            prop_assert_eq!(doc.set_text_content(s, "x"), Err(DomError::StaleNode(s)));
            if let Some(b) = body {
                prop_assert_eq!(doc.append_child(b, s), Err(DomError::StaleNode(s)));
                prop_assert_eq!(doc.append_child(s, b), Err(DomError::StaleNode(s)));
            }
        }
        for (i, &n) in new.iter().enumerate() {
            let want = format!("n{i}");
            prop_assert_eq!(doc.data(n).and_then(NodeData::as_text), Some(want.as_str()));
        }
        // One more node now needs a new slot.
        doc.create_comment("x");
        prop_assert_eq!(doc.slot_count(), slots + 1);
    }

    /// Deep clones copy template contents, and a clone and its original are independent;
    /// `import_node` into another document behaves the same.
    #[test]
    fn deep_copies_are_equal_and_independent(
        page in document_markup(),
        target_page in document_markup(),
        which in any::<Index>(),
    ) {
        let mut doc = Document::parse(&page);
        // Every node of the page, template contents included, except the document node.
        let nodes: Vec<NodeId> = check_links(&doc, doc.root(), &mut HashSet::new())
            .into_iter()
            .skip(1)
            .collect();
        let n = *which.get(&nodes);
        let src_html = doc.outer_html(n);
        let src_shape = shape(&doc, n, true);

        // clone_node: the copy lives in the same document.
        let page_before = doc.to_html();
        let copy = doc.clone_node(n, true).expect("cloning works");
        prop_assert_eq!(doc.to_html(), page_before.clone(), "a clone is detached");
        prop_assert_eq!(shape(&doc, copy, true), src_shape.clone());
        prop_assert_eq!(doc.outer_html(copy), src_html.clone());
        let copy_nodes = check_links(&doc, copy, &mut HashSet::new());
        let src_nodes = check_links(&doc, n, &mut HashSet::new());
        prop_assert!(copy_nodes.iter().all(|c| !src_nodes.contains(c)), "shared nodes");
        if touch_all(&mut doc, copy, "copy") {
            prop_assert_ne!(shape(&doc, copy, true), src_shape.clone());
        }
        prop_assert_eq!(doc.outer_html(n), src_html.clone(), "the original changed with its clone");
        prop_assert_eq!(shape(&doc, n, true), src_shape.clone());
        let copy_shape = shape(&doc, copy, true);
        touch_all(&mut doc, n, "orig");
        prop_assert_eq!(shape(&doc, copy, true), copy_shape, "the clone changed with its original");

        // import_node: the copy lives in another document.
        let doc = Document::parse(&page);
        let mut target = Document::parse(&target_page);
        let target_before = target.to_html();
        let copy = target.import_node(&doc, n, true).expect("importing works");
        prop_assert_eq!(target.to_html(), target_before, "an imported node is detached");
        prop_assert_eq!(shape(&target, copy, true), src_shape.clone());
        prop_assert_eq!(target.outer_html(copy), src_html.clone());
        if touch_all(&mut target, copy, "copy") {
            prop_assert_ne!(shape(&target, copy, true), src_shape.clone());
        }
        prop_assert_eq!(doc.outer_html(n), src_html);
        prop_assert_eq!(shape(&doc, n, true), src_shape);
    }
}

/// Changes every node of a subtree that can change without changing the subtree's shape
/// of links: an attribute on every element, the data of every text and comment (template
/// contents included), and a new comment in every element and fragment. Returns whether
/// anything could be changed (a doctype cannot).
fn touch_all(doc: &mut Document, root: NodeId, tag: &str) -> bool {
    let mut changed = false;
    for n in check_links(doc, root, &mut HashSet::new()) {
        changed |= !matches!(doc.data(n), Some(NodeData::Doctype(_)));
        match doc.data(n) {
            Some(NodeData::Element(_)) => {
                assert_eq!(doc.set_attribute(n, &format!("data-{tag}"), tag), Ok(()));
            }
            Some(NodeData::Text(_) | NodeData::Comment(_)) => {
                assert_eq!(doc.set_data(n, tag), Ok(()));
            }
            _ => {}
        }
        if matches!(doc.data(n), Some(NodeData::Element(_) | NodeData::Fragment)) {
            let c = doc.create_comment(tag);
            assert_eq!(doc.append_child(n, c), Ok(()));
        }
    }
    changed
}

// ---------------------------------------------------------------------------------------------
// Regression tests for bugs the properties found.

fn template(doc: &Document) -> NodeId {
    doc.descendants(doc.root())
        .find(|&n| doc.element(n).is_some_and(|e| e.is_html("template")))
        .expect("a template")
}

/// Inserting an ancestor of a template into the template's contents made a cycle through the
/// contents (serialization then never ended). The DOM refuses it: the template is the
/// contents' host.
#[test]
fn template_ancestor_into_its_contents_is_refused() {
    let mut doc =
        Document::parse("<div id=d><template><template><b id=b>x</b></template></template></div>");
    let outer = template(&doc);
    let outer_contents = doc.template_contents(outer).unwrap();
    let inner = doc.first_child(outer_contents).unwrap();
    let inner_contents = doc.template_contents(inner).unwrap();
    let div = doc.get_element_by_id("d").unwrap();
    let html = doc.to_html();
    for (parent, child) in [
        (outer_contents, div),
        (outer_contents, outer),
        (inner_contents, outer),
        (inner_contents, inner),
        (inner_contents, div),
    ] {
        let res = doc.append_child(parent, child);
        assert!(
            matches!(res, Err(DomError::HierarchyRequest { .. })),
            "{res:?}"
        );
        assert_eq!(doc.to_html(), html);
    }
    // Moving the inner template out of the outer one's contents is fine.
    assert_eq!(doc.append_child(div, inner), Ok(()));
}

/// Removing a template's content fragment on its own freed it while the template still
/// pointed at it; the slot's next tenant became the template's "contents".
#[test]
fn template_contents_cannot_be_removed_alone() {
    let mut doc = Document::parse("<template id=t><b>x</b></template><p id=a>y</p>");
    let t = template(&doc);
    let contents = doc.template_contents(t).unwrap();
    let count = doc.node_count();
    let res = doc.remove(contents);
    assert!(
        matches!(res, Err(DomError::TemplateContents { .. })),
        "{res:?}"
    );
    assert_eq!(doc.node_count(), count);
    let _ = doc.create_html_element("i");
    assert_eq!(doc.template_contents(t), Some(contents));
    assert_eq!(doc.inner_html(t), "<b>x</b>");
    // Removing its children, or the template, works.
    assert_eq!(doc.remove_children(contents), Ok(()));
    assert_eq!(doc.remove(t), Ok(()));
    assert!(!doc.contains(contents));
    // The template, its contents, <b>, its text; plus the <i> made above.
    assert_eq!(doc.node_count(), count - 4 + 1);
}

/// A fragment holding text, or several elements, inserted into the document node: the DOM
/// refuses it (it used to put text or a second element under the document).
#[test]
fn fragment_into_document_follows_the_document_rules() {
    let mut doc = Document::parse("<!DOCTYPE html><p>x");
    let root = doc.root();
    let html = doc.to_html();
    let f = doc.create_fragment();
    let t = doc.create_text("hi");
    doc.append_child(f, t).unwrap();
    assert!(matches!(
        doc.append_child(root, f),
        Err(DomError::HierarchyRequest { .. })
    ));
    assert_eq!(doc.to_html(), html);
    let c = doc.create_comment("ok");
    doc.remove(t).unwrap();
    doc.append_child(f, c).unwrap();
    assert_eq!(doc.append_child(root, f), Ok(()));
    assert!(doc.to_html().ends_with("</html><!--ok-->"));
    // One element into a document that has none, after its doctype: fine.
    let html_el = doc.document_element().unwrap();
    doc.detach(html_el).unwrap();
    let e = doc.create_html_element("html");
    doc.append_child(f, e).unwrap();
    let doctype = doc.first_child(root).unwrap();
    assert!(matches!(
        doc.insert_before(root, f, Some(doctype)),
        Err(DomError::HierarchyRequest { .. })
    ));
    assert_eq!(doc.append_child(root, f), Ok(()));
    assert_eq!(doc.to_html(), "<!DOCTYPE html><!--ok--><html></html>");
}

/// `document.textContent = x` does nothing in the DOM; it used to replace the whole page by a
/// text node under the document.
#[test]
fn text_content_on_the_document_does_nothing() {
    let mut doc = Document::parse("<!DOCTYPE html><p id=a>x");
    let html = doc.to_html();
    let root = doc.root();
    assert_eq!(doc.set_text_content(root, "zz"), Ok(()));
    assert_eq!(doc.to_html(), html);
    assert!(doc.get_element_by_id("a").is_some());
}

/// `insertBefore(node, node)` needs `node` to be a child of the parent, checked before the
/// reference moves on to the node's next sibling.
#[test]
fn reference_equal_to_the_node_must_be_a_child() {
    let mut doc = Document::parse("<p id=a>x<i></i></p>");
    let p = doc.get_element_by_id("a").unwrap();
    let s = doc.create_html_element("span");
    assert!(matches!(
        doc.insert_before(p, s, Some(s)),
        Err(DomError::NotAChild { .. })
    ));
    assert_eq!(doc.inner_html(p), "x<i></i>");
    let x = doc.first_child(p).unwrap();
    assert_eq!(doc.insert_before(p, x, Some(x)), Ok(()));
    assert_eq!(doc.inner_html(p), "x<i></i>");
}

/// A document takes one doctype, before its element, and one element.
#[test]
fn document_children_follow_the_dom_rules() {
    let mut doc = Document::parse("<!DOCTYPE html><p>x");
    let root = doc.root();
    let doctype = doc.first_child(root).unwrap();
    let html_el = doc.document_element().unwrap();
    let html = doc.to_html();
    // A second element, even the same one appended again, is refused (as Chromium does).
    let div = doc.create_html_element("div");
    assert!(doc.append_child(root, div).is_err());
    assert!(doc.append_child(root, html_el).is_err());
    // A doctype after the element, or a second doctype.
    let mut other = Document::parse("<!DOCTYPE x>");
    let other_root = other.root();
    let dt = other.first_child(other_root).unwrap();
    let dt2 = doc.import_node(&other, dt, false).unwrap();
    assert!(doc.append_child(root, dt2).is_err());
    assert!(doc.append_child(root, doctype).is_err());
    assert!(doc.insert_before(root, html_el, Some(doctype)).is_err());
    assert_eq!(doc.to_html(), html);
    // Without the old doctype, the new one goes before the element only.
    doc.remove(doctype).unwrap();
    assert!(doc.append_child(root, dt2).is_err());
    assert_eq!(doc.insert_before(root, dt2, Some(html_el)), Ok(()));
    assert!(doc.to_html().starts_with("<!DOCTYPE x><html>"));
    let _ = other.create_text("unused");
}

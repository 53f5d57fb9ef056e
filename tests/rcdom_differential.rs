//! Differential test against html5ever's reference tree, `markup5ever_rcdom::RcDom`: the same
//! html5ever parser builds both trees, so ours must come out node for node the same.
//!
//! Inputs: the page of every stream case in `fixtures/oracle/stream_seed*.jsonl.gz` (served
//! as the oracle serves it, `support::as_document`), every `document`-context markup of
//! `fixtures/oracle/parse_seed*.jsonl.gz`, every `fixtures/pages/*.html`, and generated
//! documents and tag soup (proptest).
//!
//! What is compared, for each input `x` (`ours = Document::parse(x)`, `theirs` = html5ever
//! parsing `x` into an RcDom):
//!
//! 1. **Serialization, template contents included.** RcDom's own serializer drops template
//!    contents (it walks `children`, and a template's content lives in `template_contents`),
//!    so `ours.to_html()` is compared with `theirs` written by [`WithTemplates`], a walker
//!    in this file that goes into `template_contents` and otherwise does what RcDom's does.
//! 2. **RcDom's serializer on both sides.** `ours.to_rcdom()` and `theirs`, both written by
//!    RcDom's own serializer: this compares what RcDom itself can see (no template contents).
//! 3. **Structure.** A dump naming every node kind, namespace, attribute (with its namespace
//!    and prefix), text node boundary, doctype id, template contents and the quirks mode: of
//!    `theirs`, of `ours.to_rcdom()` (also the MathML integration-point flag, which only the
//!    conversion shows), and of `ours` read through our public API.
//! 4. **Round trips.** `Document::from_rcdom(&theirs)` serializes and dumps as `ours` does and
//!    has the same id index; so does `Document::from_rcdom(&ours.to_rcdom())`.

mod support;

use std::collections::{BTreeSet, HashSet};
use std::io;

use domorph::dom::{Document, NodeData, NodeId, QuirksMode};
use html5ever::QualName;
use html5ever::serialize::{Serialize, SerializeOpts, Serializer, TraversalScope, serialize};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData as RcData, RcDom, SerializableHandle};
use proptest::prelude::*;
use support::{as_document, js_string, oracle_cases, root};

/// html5ever parsing into an RcDom, with the options a page load uses (scripting enabled).
fn rcdom_parse(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), Default::default()).one(html)
}

fn opts() -> SerializeOpts {
    SerializeOpts {
        scripting_enabled: true,
        traversal_scope: TraversalScope::ChildrenOnly(None),
        create_missing_parent: true,
    }
}

/// RcDom's own serializer (no template contents).
fn rcdom_serialize(dom: &RcDom) -> String {
    let mut out = Vec::new();
    let handle = SerializableHandle::from(dom.document.clone());
    serialize(&mut out, &handle, opts()).expect("writing to a Vec");
    String::from_utf8(out).expect("UTF-8")
}

/// An RcDom document written like RcDom's serializer writes it, except that a template's
/// content is written as its children (as `template.outerHTML` does).
struct WithTemplates(Handle);

impl Serialize for WithTemplates {
    fn serialize<S: Serializer>(&self, ser: &mut S, _scope: TraversalScope) -> io::Result<()> {
        enum Step {
            Open(Handle),
            Close(html5ever::QualName),
        }
        let mut stack: Vec<Step> = kids(&self.0).into_iter().rev().map(Step::Open).collect();
        while let Some(step) = stack.pop() {
            let h = match step {
                Step::Close(name) => {
                    ser.end_elem(name)?;
                    continue;
                }
                Step::Open(h) => h,
            };
            match &h.data {
                RcData::Element { name, attrs, .. } => {
                    let attrs = attrs.borrow();
                    ser.start_elem(name.clone(), attrs.iter().map(|a| (&a.name, &*a.value)))?;
                    stack.push(Step::Close(name.clone()));
                    stack.extend(kids(&h).into_iter().rev().map(Step::Open));
                }
                RcData::Text { contents } => ser.write_text(&contents.borrow())?,
                RcData::Comment { contents } => ser.write_comment(contents)?,
                RcData::Doctype { name, .. } => ser.write_doctype(name)?,
                RcData::ProcessingInstruction { target, contents } => {
                    ser.write_processing_instruction(target, contents)?
                }
                RcData::Document => panic!("a Document node below the root"),
            }
        }
        Ok(())
    }
}

/// The nodes written inside `h`: a template's content, or the children.
fn kids(h: &Handle) -> Vec<Handle> {
    if let RcData::Element {
        template_contents, ..
    } = &h.data
        && let Some(c) = &*template_contents.borrow()
    {
        return c.children.borrow().clone();
    }
    h.children.borrow().clone()
}

fn rcdom_serialize_with_templates(dom: &RcDom) -> String {
    let mut out = Vec::new();
    serialize(&mut out, &WithTemplates(dom.document.clone()), opts()).expect("writing to a Vec");
    String::from_utf8(out).expect("UTF-8")
}

/// One attribute in a line of a structure dump.
fn attr_line(name: &QualName, value: &str) -> String {
    format!(
        " {}{{{}}}{}={}",
        name.prefix
            .as_deref()
            .map(|p| format!("{p}:"))
            .unwrap_or_default(),
        name.ns,
        name.local,
        js_string(value)
    )
}

/// The structure of an RcDom tree (see the file comment). `flags`: also show the MathML
/// integration-point flag.
fn rc_dump(dom: &RcDom, flags: bool) -> String {
    let mut out = vec![format!("quirks {:?}", dom.quirks_mode.get())];
    let mut stack: Vec<(Handle, usize)> = dom
        .document
        .children
        .borrow()
        .iter()
        .rev()
        .map(|h| (h.clone(), 0))
        .collect();
    while let Some((h, d)) = stack.pop() {
        let pad = "  ".repeat(d);
        match &h.data {
            // Below the root, only a template's content is a Document.
            RcData::Document => out.push(format!("{pad}#content")),
            RcData::Doctype {
                name,
                public_id,
                system_id,
            } => out.push(format!(
                "{pad}<!DOCTYPE {} {} {}>",
                js_string(name),
                js_string(public_id),
                js_string(system_id)
            )),
            RcData::Text { contents } => {
                out.push(format!("{pad}{}", js_string(&contents.borrow())))
            }
            RcData::Comment { contents } => {
                out.push(format!("{pad}<!--{}-->", js_string(contents)))
            }
            RcData::ProcessingInstruction { target, contents } => out.push(format!(
                "{pad}<?{} {}>",
                js_string(target),
                js_string(contents)
            )),
            RcData::Element {
                name,
                attrs,
                template_contents,
                mathml_annotation_xml_integration_point,
            } => {
                let mut line = format!("{pad}<{{{}}}{}", name.ns, name.local);
                for a in attrs.borrow().iter() {
                    line.push_str(&attr_line(&a.name, &a.value));
                }
                line.push('>');
                if flags && *mathml_annotation_xml_integration_point {
                    line.push_str(" (integration point)");
                }
                out.push(line);
                for c in h.children.borrow().iter().rev() {
                    stack.push((c.clone(), d + 1));
                }
                if let Some(t) = &*template_contents.borrow() {
                    for c in t.children.borrow().iter().rev() {
                        stack.push((c.clone(), d + 2));
                    }
                    stack.push((t.clone(), d + 1));
                }
            }
        }
    }
    out.join("\n")
}

/// The same dump of our tree, read through the public API only.
fn our_dump(doc: &Document) -> String {
    let mut out = vec![format!("quirks {:?}", doc.quirks_mode())];
    let mut stack: Vec<(NodeId, usize, bool)> = doc
        .children(doc.root())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|n| (n, 0, false))
        .collect();
    while let Some((n, d, is_contents)) = stack.pop() {
        let pad = "  ".repeat(d);
        if is_contents {
            out.push(format!("{pad}#content"));
        } else {
            match doc.data(n).expect("live") {
                NodeData::Doctype(t) => out.push(format!(
                    "{pad}<!DOCTYPE {} {} {}>",
                    js_string(&t.name),
                    js_string(&t.public_id),
                    js_string(&t.system_id)
                )),
                NodeData::Text(t) => out.push(format!("{pad}{}", js_string(t))),
                NodeData::Comment(t) => out.push(format!("{pad}<!--{}-->", js_string(t))),
                NodeData::ProcessingInstruction(p) => out.push(format!(
                    "{pad}<?{} {}>",
                    js_string(&p.target),
                    js_string(&p.data)
                )),
                NodeData::Element(e) => {
                    let name = e.name();
                    let mut line = format!("{pad}<{{{}}}{}", name.ns, name.local);
                    for a in e.attrs() {
                        line.push_str(&attr_line(&a.name, &a.value));
                    }
                    line.push('>');
                    out.push(line);
                }
                other => out.push(format!("{pad}unexpected {other:?}")),
            }
        }
        for c in doc.children(n).collect::<Vec<_>>().into_iter().rev() {
            stack.push((c, d + 1, false));
        }
        if let Some(t) = doc.template_contents(n) {
            stack.push((t, d + 1, true));
        }
    }
    out.join("\n")
}

/// Every id of the document with the serialization of `get_element_by_id`'s answer.
fn id_answers(doc: &Document) -> Vec<(String, String)> {
    let ids: BTreeSet<String> = doc
        .id_index_entries()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    ids.into_iter()
        .map(|id| {
            let html = doc
                .get_element_by_id(&id)
                .map(|n| doc.outer_html(n))
                .unwrap_or_default();
            (id, html)
        })
        .collect()
}

/// Compares everything the file comment lists for one input; returns what differs.
fn differences(html: &str) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut check = |what: &str, ours: String, theirs: String| {
        if ours != theirs {
            diffs.push(format!(
                "{what}\n--- ours:\n{ours}\n--- html5ever/RcDom:\n{theirs}"
            ));
        }
    };
    let ours = Document::parse(html);
    let theirs = rcdom_parse(html);
    let converted = ours.to_rcdom();
    let (our_html, our_structure) = (ours.to_html(), our_dump(&ours));
    let their_dump = rc_dump(&theirs, true);
    check(
        "serialization with template contents",
        our_html.clone(),
        rcdom_serialize_with_templates(&theirs),
    );
    check(
        "RcDom's serializer",
        rcdom_serialize(&converted),
        rcdom_serialize(&theirs),
    );
    check(
        "structure through to_rcdom",
        rc_dump(&converted, true),
        their_dump.clone(),
    );
    check("structure", our_structure.clone(), rc_dump(&theirs, false));
    let back = Document::from_rcdom(&theirs);
    check(
        "from_rcdom: serialization",
        back.to_html(),
        our_html.clone(),
    );
    check(
        "from_rcdom: structure",
        our_dump(&back),
        our_structure.clone(),
    );
    check(
        "from_rcdom: id index",
        format!("{:?}", id_answers(&back)),
        format!("{:?}", id_answers(&ours)),
    );
    let again = Document::from_rcdom(&converted);
    check("to_rcdom then from_rcdom", our_dump(&again), our_structure);
    check(
        "to_rcdom then from_rcdom: serialization",
        again.to_html(),
        our_html,
    );
    // And RcDom's own tree survives the trip through ours.
    check(
        "from_rcdom then to_rcdom",
        rc_dump(&back.to_rcdom(), true),
        their_dump,
    );
    diffs
}

/// Runs [`differences`] on every input (on several threads: these are the slowest tests).
fn check_all(name: &str, inputs: &[String]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = inputs.len().div_ceil(threads).max(1);
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = inputs
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    for (i, html) in part.iter().enumerate() {
                        for d in differences(html) {
                            out.push(format!("{name} #{} {html:?}: {d}", c * chunk + i));
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a checking thread panicked"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} differences over {} inputs:\n{}",
        failures.len(),
        inputs.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

/// The distinct pages of the stream fixtures, served as the oracle serves them.
#[test]
fn stream_fixture_pages_match_rcdom() {
    let mut seen = HashSet::new();
    let pages: Vec<String> = oracle_cases("stream_seed", ".jsonl.gz")
        .iter()
        .map(|rec| as_document(rec["case"]["page"].as_str().expect("a page")))
        .filter(|p| seen.insert(p.clone()))
        .collect();
    assert!(pages.len() >= 100, "only {} pages", pages.len());
    check_all("stream page", &pages);
}

/// Every `document`-context markup of the parse fixtures.
#[test]
fn parse_fixture_documents_match_rcdom() {
    let docs: Vec<String> = oracle_cases("parse_seed", ".jsonl.gz")
        .iter()
        .filter(|rec| rec["case"]["context"] == "document")
        .map(|rec| as_document(rec["case"]["html"].as_str().expect("html")))
        .collect();
    assert!(docs.len() >= 500, "only {} documents", docs.len());
    check_all("parse case", &docs);
}

/// The sample pages.
#[test]
fn fixture_pages_match_rcdom() {
    let dir = root().join("fixtures/pages");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures/pages") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            pages.push(std::fs::read_to_string(&path).expect("readable page"));
        }
    }
    assert!(!pages.is_empty());
    check_all("fixtures/pages", &pages);
}

/// The quirks mode comes from the doctype, on both sides and through both conversions.
#[test]
fn quirks_mode_goes_both_ways() {
    for (html, mode) in [
        ("<!DOCTYPE html><p>x", QuirksMode::NoQuirks),
        ("<p>x", QuirksMode::Quirks),
        (
            r#"<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd"><p>"#,
            QuirksMode::LimitedQuirks,
        ),
    ] {
        let ours = Document::parse(html);
        assert_eq!(ours.quirks_mode(), mode, "{html}");
        assert_eq!(ours.to_rcdom().quirks_mode.get(), mode);
        assert_eq!(Document::from_rcdom(&rcdom_parse(html)).quirks_mode(), mode);
        assert!(differences(html).is_empty(), "{:?}", differences(html));
    }
}

/// A hand-built RcDom can hold what no parse makes; converting it must not panic, and a
/// deep tree must not overflow the stack either way.
#[test]
fn odd_and_deep_rcdoms_convert() {
    use markup5ever_rcdom::Node;
    use std::rc::Rc;
    let append = |parent: &Handle, child: &Handle| {
        parent.children.borrow_mut().push(child.clone());
        child.parent.set(Some(Rc::downgrade(parent)));
    };
    let text = |s: &str| {
        Node::new(RcData::Text {
            contents: std::cell::RefCell::new(s.into()),
        })
    };
    // A Document node below the root stands for its children; a shared node is copied once;
    // a cycle ends.
    let dom = RcDom::default();
    let inner = Node::new(RcData::Document);
    let shared = text("shared");
    append(&inner, &text("a"));
    append(&inner, &shared);
    append(&dom.document, &inner);
    append(&dom.document, &shared);
    append(&dom.document, &dom.document);
    append(&dom.document, &text("b"));
    let doc = Document::from_rcdom(&dom);
    assert_eq!(doc.to_html(), "asharedb");
    dom.document.children.borrow_mut().clear(); // break the cycle so the RcDom drops
    // What the caller holds mutably borrowed is copied as empty, without a panic.
    let dom = rcdom_parse("<p id=a>x</p><p>y</p>");
    let html = dom.document.children.borrow()[0].clone();
    let body = html.children.borrow()[1].clone();
    let first_p = body.children.borrow()[0].clone();
    let second_p = body.children.borrow()[1].clone();
    {
        let RcData::Element { attrs, .. } = &first_p.data else {
            panic!("an element")
        };
        let _attrs = attrs.borrow_mut();
        let _kids = second_p.children.borrow_mut();
        let doc = Document::from_rcdom(&dom);
        assert_eq!(
            doc.to_html(),
            "<html><head></head><body><p>x</p><p></p></body></html>"
        );
    }
    // Depth: 200 000 nested elements, both ways (built through the API, bottom-up so that no
    // insertion walks a long ancestor chain; html5ever's own parse of such nesting takes
    // quadratic time).
    let mut doc = Document::new();
    let mut top = doc.create_text("leaf");
    for i in (0..200_000).rev() {
        let e = doc.create_html_element(if i == 0 { "html" } else { "div" });
        doc.append_child(e, top).expect("append");
        top = e;
    }
    let root = doc.root();
    doc.append_child(root, top).expect("append");
    let converted = doc.to_rcdom();
    let html = doc.to_html();
    assert_eq!(rcdom_serialize(&converted), html);
    let back = Document::from_rcdom(&converted);
    assert_eq!(back.to_html(), html);
    assert_eq!(back.node_count(), doc.node_count());
}

// ---------------------------------------------------------------------------------------------
// Generated inputs.

/// Documents like the property tests' (ids, nested templates, tables, SVG and MathML).
fn markup() -> impl Strategy<Value = String> {
    let id = prop::sample::select(&["", " id=a", " id=b", " ID=\"x y\"", " id=\"\""][..]);
    let leaf = prop_oneof![
        prop::sample::select(&["t", " ", "a&lt;b&amp;", "x\n", "<!--c-->", "<br>", "\u{0}"][..])
            .prop_map(str::to_owned),
        id.clone().prop_map(|a| format!("<input{a} value=v>")),
    ];
    leaf.prop_recursive(4, 40, 4, move |inner| {
        let kids = prop::collection::vec(inner, 0..4).prop_map(|v| v.concat());
        let tag = prop::sample::select(&["div", "p", "li", "b", "i", "a", "select", "option", "noscript"][..]);
        prop_oneof![
            4 => (tag, id.clone(), kids.clone()).prop_map(|(t, a, k)| format!("<{t}{a}>{k}</{t}>")),
            2 => (id.clone(), kids.clone()).prop_map(|(a, k)| format!("<template{a}>{k}</template>")),
            1 => (id.clone(), kids.clone()).prop_map(|(a, k)| format!("<table{a}><tr><td>{k}</table>")),
            1 => (id.clone(), kids.clone()).prop_map(|(a, k)| format!("<table{a}>{k}</table>")),
            1 => (id.clone(), kids.clone()).prop_map(|(a, k)| {
                format!("<svg{a} viewBox='0 0 1 1'><foreignObject><template>{k}</template></foreignObject><g xlink:href=x>{k}</g></svg>")
            }),
            1 => kids.clone().prop_map(|k| format!("<math><annotation-xml encoding=text/html>{k}</annotation-xml><mi>{k}</mi></math>")),
            1 => kids.prop_map(|k| format!("<p>{k}<b>x<i>y</p>z")),
        ]
    })
}

/// Tag soup: fragments of markup glued at random.
fn soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(
        &[
            "<",
            ">",
            "</",
            "/>",
            "=",
            "\"",
            "'",
            "&",
            "&amp",
            ";",
            "<!--",
            "-->",
            "<!DOCTYPE",
            "html",
            "<![CDATA[",
            "]]>",
            "<?",
            "template",
            "table",
            "tr",
            "td",
            "svg",
            "math",
            "script",
            "style",
            "textarea",
            "noscript",
            "plaintext",
            "select",
            "head",
            "body",
            "frameset",
            " ",
            "\n",
            "x",
            "id",
            "\u{0}",
            "é",
        ][..],
    );
    prop::collection::vec(token, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "proptest-regressions/rcdom_differential.txt",
            ),
        )),
        ..ProptestConfig::default()
    })]

    /// Generated documents parse, serialize and convert as RcDom does.
    #[test]
    fn generated_documents_match_rcdom(body in markup(), doctype in any::<bool>()) {
        let html = format!("{}{body}", if doctype { "<!DOCTYPE html>" } else { "" });
        let d = differences(&html);
        prop_assert!(d.is_empty(), "{}", d.join("\n\n"));
    }

    /// Tag soup too.
    #[test]
    fn tag_soup_matches_rcdom(html in soup()) {
        let d = differences(&html);
        prop_assert!(d.is_empty(), "{}", d.join("\n\n"));
    }

    /// Any string at all.
    #[test]
    fn any_string_matches_rcdom(html in any::<String>()) {
        let d = differences(&html);
        prop_assert!(d.is_empty(), "{}", d.join("\n\n"));
    }
}

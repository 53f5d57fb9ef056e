//! Properties of the morph on generated markup:
//!
//! * the indexed matcher decides exactly as idiomorph's scan (same HTML, identity, errors) —
//!   on long sibling lists too, where the index is used;
//! * skipping equal subtrees changes nothing (a hook that watches every node turns it off);
//! * morphing A into B yields B, modulo what idiomorph is documented to change: attribute
//!   order on kept elements, and `checked`/`selected` attributes rewritten from live state —
//!   modelled by comparing live state and the rest of the tree separately;
//! * the id index stays exact; a failed morph leaves the document byte-identical.

mod support;

use domorph::Document;
use domorph::dom::{NodeData, NodeId};
use domorph::morph::{
    MorphHooks, MorphOptions, MorphStyle, NewContent, Strategy as Matching, morph, morph_fragment,
};
use proptest::prelude::*;

// -------------------------------------------------------------------------------------------
// Generated markup: lists with ids from a small pool, whitespace, nesting, form controls.

#[derive(Debug, Clone)]
enum Tree {
    Text(String),
    El {
        tag: &'static str,
        id: Option<u8>,
        class: Option<u8>,
        kids: Vec<Tree>,
    },
}

fn tree(forms: bool) -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        3 => "[a-c ]{0,3}".prop_map(Tree::Text),
        1 => Just(Tree::Text("\n  ".into())),
    ];
    let tags: Vec<&'static str> = if forms {
        vec!["div", "p", "span", "li", "section", "b"]
    } else {
        vec!["div", "p", "span", "li", "section", "b", "ul"]
    };
    leaf.prop_recursive(4, 80, 24, move |inner| {
        (
            prop::sample::select(tags.clone()),
            prop::option::weighted(0.5, 0u8..12),
            prop::option::of(0u8..3),
            prop::collection::vec(inner, 0..24),
        )
            .prop_map(|(tag, id, class, kids)| Tree::El {
                tag,
                id,
                class,
                kids,
            })
    })
}

fn render(t: &Tree, out: &mut String) {
    match t {
        Tree::Text(s) => out.push_str(s),
        Tree::El {
            tag,
            id,
            class,
            kids,
        } => {
            out.push('<');
            out.push_str(tag);
            if let Some(i) = id {
                out.push_str(&format!(" id=\"i{i}\""));
            }
            if let Some(c) = class {
                out.push_str(&format!(" class=\"c{c}\""));
            }
            out.push('>');
            for k in kids {
                render(k, out);
            }
            out.push_str(&format!("</{tag}>"));
        }
    }
}

/// Drops repeated ids (keeping the first), so that every id is unique.
fn unique_ids(mut trees: Vec<Tree>) -> Vec<Tree> {
    fn walk(t: &mut Tree, seen: &mut Vec<u8>) {
        if let Tree::El { id, kids, .. } = t {
            if let Some(i) = *id {
                if seen.contains(&i) {
                    *id = None;
                } else {
                    seen.push(i);
                }
            }
            for k in kids {
                walk(k, seen);
            }
        }
    }
    let mut seen = Vec::new();
    for t in &mut trees {
        walk(t, &mut seen);
    }
    trees
}

/// A root element holding `kids`, as markup.
fn root_html(tag: &str, id: Option<u8>, kids: &[Tree]) -> String {
    let mut s = format!("<{tag}");
    if let Some(i) = id {
        s.push_str(&format!(" id=\"i{i}\""));
    }
    s.push('>');
    for k in kids {
        render(k, &mut s);
    }
    s.push_str(&format!("</{tag}>"));
    s
}

/// Form controls in a form, with values, checked radios/checkboxes and selects.
fn form_html() -> impl Strategy<Value = String> {
    let control = prop_oneof![
        (0u8..3, any::<bool>()).prop_map(|(n, c)| format!(
            "<input type=\"radio\" name=\"r{n}\"{}>",
            if c { " checked" } else { "" }
        )),
        any::<bool>().prop_map(|c| format!(
            "<input type=\"checkbox\"{}>",
            if c { " checked=\"checked\"" } else { "" }
        )),
        prop::option::of("[a-c]{0,2}").prop_map(|v| match v {
            Some(v) => format!("<input type=\"text\" value=\"{v}\">"),
            None => "<input type=\"text\">".into(),
        }),
        (prop::collection::vec(any::<bool>(), 1..4), any::<bool>()).prop_map(|(sel, multiple)| {
            let mut s = format!("<select{}>", if multiple { " multiple" } else { "" });
            for (i, on) in sel.iter().enumerate() {
                s.push_str(&format!(
                    "<option value=\"{i}\"{}>o{i}</option>",
                    if *on { " selected" } else { "" }
                ));
            }
            s + "</select>"
        }),
        "[a-c]{0,3}".prop_map(|t| format!("<textarea>{t}</textarea>")),
    ];
    prop::collection::vec(control, 0..8).prop_map(|cs| format!("<form>{}</form>", cs.concat()))
}

// -------------------------------------------------------------------------------------------
// Helpers

/// A hook that watches every node (so equal subtrees are not skipped) and vetoes nothing.
struct Watch(usize);

impl MorphHooks for Watch {
    fn after_node_morphed(
        &mut self,
        _page: &Document,
        _old: NodeId,
        _new: domorph::morph::NewNode<'_>,
    ) {
        self.0 += 1;
    }
}

fn style(children_only: bool) -> MorphStyle {
    if children_only {
        MorphStyle::ChildrenOnly
    } else {
        MorphStyle::Outer
    }
}

/// Brute force: every connected element with a non-empty id, against the index.
fn assert_index_exact(doc: &Document) {
    let mut want: Vec<(String, NodeId)> = doc
        .descendants(doc.root())
        .filter_map(|n| {
            let id = doc.element(n)?.id()?;
            (!id.is_empty()).then(|| (id.to_owned(), n))
        })
        .collect();
    let mut got = doc.id_index_entries();
    want.sort();
    got.sort();
    assert_eq!(got, want, "id index differs from a scan");
}

/// The tree with attributes sorted and `checked`/`selected` left out.
fn normalized(html: &str) -> String {
    let f = domorph::parse::parse_template_contents(html);
    let doc = f.document();
    let mut out = String::new();
    for n in doc.descendants(f.root()).skip(1) {
        match doc.data(n).unwrap() {
            NodeData::Element(e) => {
                let mut attrs: Vec<String> = e
                    .attrs()
                    .iter()
                    .filter(|a| !(a.is("checked") || a.is("selected")))
                    .map(|a| format!("{}={:?}", a.name.local, a.value))
                    .collect();
                attrs.sort();
                out.push_str(&format!("<{} {}>", e.local_name(), attrs.join(" ")));
            }
            NodeData::Text(t) => out.push_str(&format!("{t:?}")),
            _ => out.push('?'),
        }
    }
    out
}

/// The live state idiomorph leaves equal to the new content's: checkedness of every
/// checkbox, selectedness of every option, the value of every text input and textarea, in
/// tree order. Radio buttons are left out: idiomorph syncs them in order, and a later
/// element turned into a checked radio button (its type or name changed) unchecks an
/// earlier one of its group after that one was synced — as the browser does.
fn live_state(doc: &Document, root: NodeId) -> Vec<(String, String)> {
    use domorph::morph::{live_checked, live_selected, live_value};
    let mut v = Vec::new();
    for n in doc.descendants(root) {
        let Some(e) = doc.element(n) else { continue };
        let state = if e.is_html("input") && e.attr("type") == Some("checkbox") {
            live_checked(doc, n).map(|b| b.to_string())
        } else if e.is_html("option") {
            live_selected(doc, n).map(|b| b.to_string())
        } else if e.is_html("input") || e.is_html("textarea") {
            live_value(doc, n)
        } else {
            None
        };
        if let Some(s) = state {
            v.push((e.local_name().to_owned(), s));
        }
    }
    v
}

/// Radio buttons of one group (same name in one form): at most one is checked.
fn assert_radio_groups_exclusive(doc: &Document, root: NodeId) {
    let mut checked = std::collections::HashMap::<String, usize>::new();
    for n in doc.descendants(root) {
        let Some(e) = doc.element(n) else { continue };
        if e.is_html("input")
            && e.attr("type") == Some("radio")
            && domorph::morph::live_checked(doc, n) == Some(true)
            && let Some(name) = e.attr("name").filter(|s| !s.is_empty())
        {
            *checked.entry(name.to_owned()).or_default() += 1;
        }
    }
    assert!(
        checked.values().all(|&c| c <= 1),
        "a radio group has several checked buttons: {checked:?}"
    );
}

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// The indexed matcher and idiomorph's scan agree everywhere; skipping equal subtrees
    /// (no hooks) gives what a full morph (a watching hook) gives.
    #[test]
    fn strategies_and_skipping_agree(
        old in prop::collection::vec(tree(false), 0..40),
        new in prop::collection::vec(tree(false), 0..40),
        old_id in prop::option::of(0u8..12),
        new_id in prop::option::of(0u8..12),
        children_only in any::<bool>(),
    ) {
        let old_html = root_html("div", old_id, &old);
        let new_html = if children_only {
            let mut s = String::new();
            for k in &new { render(k, &mut s); }
            s
        } else {
            root_html("div", new_id, &new)
        };
        let st = style(children_only);
        let scan = morph_fragment(&old_html, &new_html, &mut MorphOptions::default().style(st).strategy(Matching::Scan));
        let indexed = morph_fragment(&old_html, &new_html, &mut MorphOptions::default().style(st));
        let mut watch = Watch(0);
        let full = morph_fragment(&old_html, &new_html, &mut MorphOptions::default().style(st).hooks(&mut watch));
        match (&scan, &indexed, &full) {
            (Ok(a), Ok(b), Ok(c)) => {
                prop_assert_eq!(&a.html, &b.html);
                prop_assert_eq!(&a.identity, &b.identity);
                prop_assert_eq!(&a.html, &c.html);
                prop_assert_eq!(&a.identity, &c.identity);
            }
            (Err(a), Err(b), Err(c)) => {
                prop_assert_eq!(a, b);
                prop_assert_eq!(a, c);
            }
            _ => prop_assert!(false, "outcomes differ: {scan:?} / {indexed:?} / {full:?}"),
        }
    }

    /// Morphing A into B yields B (attribute order aside), keeps the id index exact, and a
    /// failed morph changes nothing. (New content with duplicate ids is left to the
    /// differential test: idiomorph can lose elements there, morph.md §2.3 quirk.)
    #[test]
    fn morph_yields_the_new_content(
        old in prop::collection::vec(tree(false), 0..12),
        new in prop::collection::vec(tree(false), 0..12).prop_map(unique_ids),
        children_only in any::<bool>(),
    ) {
        let old_html = root_html("section", None, &old);
        let mut page = Document::parse(&format!("<!DOCTYPE html><body><main>{old_html}</main></body>"));
        let main = page.first_child(page.body().unwrap()).unwrap();
        let root = page.first_child(main).unwrap();
        let new_html = if children_only {
            let mut s = String::new();
            for k in &new { render(k, &mut s); }
            s
        } else {
            root_html("section", None, &new)
        };
        let before = page.to_html();
        let result = morph(&mut page, root, NewContent::Html(&new_html), &mut MorphOptions::default().style(style(children_only)));
        assert_index_exact(&page);
        match result {
            Ok(_) => {
                let got = page.inner_html(main);
                let want = if children_only {
                    format!("<section>{}</section>", domorph::parse::parse_idiomorph(&new_html).0.to_html())
                } else {
                    domorph::parse::parse_idiomorph(&new_html).0.to_html()
                };
                prop_assert_eq!(normalized(&got), normalized(&want));
            }
            Err(_) => prop_assert_eq!(page.to_html(), before),
        }
    }

    /// With form controls: the tree equals B apart from attribute order and the
    /// `checked`/`selected` attributes, the live state of checkboxes, options and values
    /// equals B's, and radio groups stay exclusive.
    #[test]
    fn morph_matches_live_form_state(old in form_html(), new in form_html()) {
        let mut page = Document::parse(&format!("<!DOCTYPE html><body><main>{old}</main></body>"));
        let main = page.first_child(page.body().unwrap()).unwrap();
        let root = page.first_child(main).unwrap();
        morph(&mut page, root, NewContent::Html(&new), &mut MorphOptions::default()).unwrap();
        let newdoc = Document::parse(&format!("<!DOCTYPE html><body><main>{new}</main></body>"));
        let nmain = newdoc.first_child(newdoc.body().unwrap()).unwrap();
        prop_assert_eq!(normalized(&page.inner_html(main)), normalized(&newdoc.inner_html(nmain)));
        prop_assert_eq!(live_state(&page, main), live_state(&newdoc, nmain));
        assert_radio_groups_exclusive(&page, main);
        assert_index_exact(&page);
    }
}

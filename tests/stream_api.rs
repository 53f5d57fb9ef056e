//! The stream API beyond what the browser shows: strict mode, rollback of failed morphs and
//! custom actions, message-level errors, custom actions, limits, text merging under
//! `<html>`, the permanent-element index kept by `Page`, the id index, and the CLI.

mod support;

use std::collections::BTreeSet;
use std::process::Command;

use domorph::Document;
use domorph::Page;
use domorph::stream::{
    self, Compat, Message, RecentRequests, Render, StreamErrorKind, StreamOptions,
};
use support::{oracle_file, root};

const PAGE: &str = "<!DOCTYPE html><html><head></head><body><ul id=list><li id=a>A</li><li id=b>B</li></ul><p class=t id=t1>1</p><p class=t id=t2>2</p></body></html>";

fn ts(attrs: &str, template: &str) -> String {
    format!("<turbo-stream {attrs}><template>{template}</template></turbo-stream>")
}

#[test]
fn failing_streams_are_skipped_and_the_others_run() {
    let mut page = Page::parse(PAGE);
    let message = [
        ts(r#"action="append" target="list""#, "<li id=c>C</li>"),
        ts(r#"action="explode" target="list""#, "x"),
        ts(r#"action="remove""#, ""),
        ts(r#"action="append" targets="li[""#, "x"),
        ts(r#"action="remove" target="a""#, ""),
    ]
    .concat();
    let applied = page.apply_html(&message).unwrap();
    let kinds: Vec<_> = applied.errors.iter().map(|e| e.kind().clone()).collect();
    assert!(matches!(kinds[0], StreamErrorKind::UnknownAction(ref a) if a == "explode"));
    assert!(matches!(kinds[1], StreamErrorKind::MissingTarget));
    assert!(matches!(kinds[2], StreamErrorKind::InvalidSelector(_)));
    assert_eq!(kinds.len(), 3);
    assert_eq!(
        applied.errors[0].to_string(),
        r#"<turbo-stream action="explode" target="list">: unknown action "explode""#
    );
    assert_eq!(applied.streams_run, 5);
    let doc = page.document();
    let list = doc.get_element_by_id("list").unwrap();
    assert_eq!(
        doc.inner_html(list),
        r#"<li id="b">B</li><li id="c">C</li>"#
    );
}

#[test]
fn strict_mode_applies_all_or_nothing() {
    let mut page = Page::parse(PAGE).with_options(StreamOptions::default().strict(true));
    let before = page.to_html();
    let message = [
        ts(r#"action="append" target="list""#, "<li id=c>C</li>"),
        ts(r#"action="explode" target="list""#, "x"),
    ]
    .concat();
    let err = page.apply_html(&message).unwrap_err();
    assert!(matches!(err.kind(), StreamErrorKind::UnknownAction(_)));
    assert!(!err.is_message_level());
    assert_eq!(page.to_html(), before);
    // A clean message applies.
    let ok = ts(r#"action="append" target="list""#, "<li id=c>C</li>");
    assert!(page.apply_html(&ok).unwrap().errors.is_empty());
    assert_ne!(page.to_html(), before);
}

#[test]
fn message_level_errors_change_nothing() {
    for (page_html, message) in [
        (
            PAGE,
            [
                ts(r#"action="remove" target="a""#, ""),
                r#"<turbo-stream action="append" target="list"><div>x</div></turbo-stream>"#
                    .to_owned(),
            ]
            .concat(),
        ),
        (
            "<div id='1p' data-turbo-permanent>p</div><div id=x></div>",
            ts(r#"action="append" target="x""#, "<i>1</i>"),
        ),
        (
            PAGE,
            [
                ts(r#"action="remove" target="a""#, ""),
                r#"<svg><turbo-stream action="remove" target="b"></turbo-stream></svg>"#.to_owned(),
            ]
            .concat(),
        ),
    ] {
        let mut page = Page::parse(page_html);
        let before = page.to_html();
        let err = page.apply_html(&message).unwrap_err();
        assert!(err.is_message_level(), "{err}");
        assert_eq!(page.to_html(), before, "{message}");
    }
}

#[test]
fn a_morph_idiomorph_throws_on_leaves_the_page_as_before_that_stream() {
    // An innerHTML morph whose new content reuses the root's id throws a
    // HierarchyRequestError in idiomorph 0.7.4 (morph.md 14a). The second target throws;
    // the first target's morph is undone with it; the other streams run.
    let page_html = "<!DOCTYPE html><html><head></head><body><div class=m id=ok><p>a</p></div><div class=m id=x><p>a</p></div><i id=z>z</i></body></html>";
    let mut page = Page::parse(page_html);
    let before = page.to_html();
    let message = [
        ts(
            r#"action="update" method="morph" targets=".m""#,
            r#"<div id="x"><p>b</p></div>"#,
        ),
        ts(r#"action="remove" target="z""#, ""),
    ]
    .concat();
    let applied = page.apply_html(&message).unwrap();
    assert_eq!(applied.errors.len(), 1);
    assert!(matches!(
        applied.errors[0].kind(),
        StreamErrorKind::Morph(_)
    ));
    assert_eq!(
        applied.errors[0].browser_message(),
        "HierarchyRequestError: Failed to execute 'insertBefore' on 'Node': The new child element contains the parent."
    );
    assert_eq!(page.to_html(), before.replace("<i id=\"z\">z</i>", ""));
}

#[test]
fn custom_actions_run_and_fail_cleanly() {
    let options = StreamOptions::default()
        .action("highlight", |cx| {
            for t in cx.targets().map_err(|e| e.to_string())? {
                cx.set_attribute(t, "class", "hl")
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        })
        .action("remove", |cx| {
            // Overrides the built-in: remove, then append the template after the list.
            cx.run_builtin("remove").map_err(|e| e.to_string())?;
            Ok(())
        })
        .action("broken", |cx| {
            let list = cx.document().get_element_by_id("list").unwrap();
            let li = cx.create_element("li");
            cx.append_child(list, li).map_err(|e| e.to_string())?;
            Err("it broke".to_owned())
        });
    let mut page = Page::parse(PAGE).with_options(options);
    let message = [
        ts(r#"action="highlight" targets=".t""#, ""),
        ts(r#"action="broken" target="list""#, ""),
        ts(r#"action="remove" target="a""#, ""),
    ]
    .concat();
    let applied = page.apply_html(&message).unwrap();
    assert_eq!(applied.errors.len(), 1);
    assert!(matches!(applied.errors[0].kind(), StreamErrorKind::Custom(m) if m == "it broke"));
    assert_eq!(
        page.to_html(),
        r#"<!DOCTYPE html><html><head></head><body><ul id="list"><li id="b">B</li></ul><p class="hl" id="t1">1</p><p class="hl" id="t2">2</p></body></html>"#
    );
}

#[test]
fn a_custom_action_can_insert_streams_that_run_later() {
    let options = StreamOptions::default().action("spawn", |cx| {
        let list = cx.document().get_element_by_id("list").unwrap();
        for n in cx.template_content().map_err(|e| e.to_string())? {
            cx.append_child(list, n).map_err(|e| e.to_string())?;
        }
        Ok(())
    });
    let mut page = Page::parse(PAGE).with_options(options);
    let inner = ts(r#"action="update" target="a""#, "nested");
    let applied = page
        .apply_html(&ts(r#"action="spawn" target="list""#, &inner))
        .unwrap();
    assert!(applied.errors.is_empty());
    assert_eq!(applied.streams_run, 2);
    let doc = page.document();
    assert_eq!(
        doc.text_content(doc.get_element_by_id("a").unwrap()),
        "nested"
    );
    assert!(!page.to_html().contains("turbo-stream"));
}

#[test]
fn action_morph_follows_the_handbook_by_default_and_turbo_8_0_23_on_request() {
    let message = ts(
        r#"action="morph" target="a""#,
        r#"<li id="a" class="x">A2</li>"#,
    );
    let mut page = Page::parse(PAGE);
    let a = page.document().get_element_by_id("a").unwrap();
    assert!(page.apply_html(&message).unwrap().errors.is_empty());
    assert_eq!(
        page.document().get_element_by_id("a"),
        Some(a),
        "morphed in place"
    );
    assert_eq!(
        page.document().outer_html(a),
        r#"<li id="a" class="x">A2</li>"#
    );

    let children = ts(
        r#"action="morph" children-only target="list""#,
        "<li id=b>B</li>",
    );
    assert!(page.apply_html(&children).unwrap().errors.is_empty());
    let list = page.document().get_element_by_id("list").unwrap();
    assert_eq!(page.document().inner_html(list), r#"<li id="b">B</li>"#);

    let mut raw =
        Page::parse(PAGE).with_options(StreamOptions::default().compat(Compat::Turbo8023));
    let before = raw.to_html();
    let applied = raw.apply_html(&message).unwrap();
    assert!(matches!(applied.errors[0].kind(), StreamErrorKind::UnknownAction(a) if a == "morph"));
    assert_eq!(raw.to_html(), before);
}

#[test]
fn one_message_applies_to_many_pages() {
    let message = Message::parse(&ts(r#"action="append" target="list""#, "<li>new</li>")).unwrap();
    let mut pages: Vec<Page> = (0..3).map(|_| Page::parse(PAGE)).collect();
    for p in &mut pages {
        p.apply(&message).unwrap();
        p.apply(&message).unwrap();
    }
    for p in &pages {
        assert_eq!(p.to_html().matches("<li>new</li>").count(), 2);
    }
    // Across threads.
    std::thread::scope(|s| {
        for p in &mut pages {
            let m = &message;
            s.spawn(move || p.apply(m).unwrap());
        }
    });
    assert!(
        pages
            .iter()
            .all(|p| p.to_html().matches("<li>new</li>").count() == 3)
    );
}

#[test]
fn text_left_under_html_is_merged() {
    let mut page = Page::parse(PAGE);
    let message = Message::parse(&format!(
        "\n{}\n\n{}\n",
        ts(r#"action="append" target="list""#, "<li id=c>C</li>"),
        ts(r#"action="remove" target="c""#, "")
    ))
    .unwrap();
    page.apply(&message).unwrap();
    let slots = page.document().slot_count();
    for _ in 0..1000 {
        page.apply(&message).unwrap();
    }
    let doc = page.document();
    let html = doc.document_element().unwrap();
    let kids: Vec<_> = doc.children(html).collect();
    assert_eq!(kids.len(), 3, "<head>, <body> and one text node");
    assert_eq!(doc.text_content(kids[2]).len(), 1001 * 4);
    assert!(
        page.document().slot_count() <= slots + 8,
        "the page does not grow per message"
    );
    assert!(
        page.to_html()
            .ends_with(&format!("</body>{}</html>", "\n\n\n\n".repeat(1001)))
    );
}

#[test]
fn the_permanent_index_follows_the_page() {
    // Message 1 adds a permanent element; message 2's template carries it, so it is swapped
    // for the page's copy: `Page` (which keeps an index) and `stream::apply` (which walks the
    // page) agree.
    let messages = [
        ts(
            r#"action="append" target="list""#,
            "<li id=perm data-turbo-permanent>live</li>",
        ),
        ts(
            r#"action="append" target="list""#,
            "<li id=perm data-turbo-permanent>template</li><li id=x>x</li>",
        ),
        ts(
            r#"action="update" target="list""#,
            "<li id=perm2 data-turbo-permanent>p2</li>",
        ),
        ts(
            r#"action="append" target="list""#,
            "<li id=perm2 data-turbo-permanent>t2</li><li id=perm data-turbo-permanent>t1</li>",
        ),
        r#"<div id="1bad" data-turbo-permanent></div>"#.to_owned(),
        ts(r#"action="append" target="list""#, "<li>after</li>"),
    ];
    let mut page = Page::parse(PAGE);
    let mut doc = Document::parse(PAGE);
    for m in &messages {
        apply_to_both(&mut page, &mut doc, m);
    }
    assert!(
        page.to_html()
            .contains(r#"<li id="perm2" data-turbo-permanent="">p2</li>"#)
    );
}

#[test]
fn indexed_and_walking_pages_agree_on_oracle_messages() {
    // Pages of the oracle cases, each taking the messages of the following cases.
    let cases = oracle_file("stream_seed1_handbook.jsonl.gz");
    for (i, rec) in cases.iter().enumerate().step_by(7) {
        let served = domorph::page::served(rec["case"]["page"].as_str().unwrap()).into_owned();
        let mut page = Page::parse(&served);
        let mut doc = Document::parse(&served);
        for other in cases.iter().cycle().skip(i).take(12) {
            apply_to_both(
                &mut page,
                &mut doc,
                other["case"]["stream"].as_str().unwrap(),
            );
            check_id_index(page.document());
        }
    }
}

/// Applies `message` through `Page` (which keeps an index) and through `stream::apply_html` on
/// a plain document (which walks the page): both must give the same result and the same page.
fn apply_to_both(page: &mut Page, doc: &mut Document, message: &str) {
    let a = page
        .apply_html(message)
        .map(|a| a.errors.len())
        .map_err(|e| e.to_string());
    let b = stream::apply_html(
        doc,
        message,
        &StreamOptions::default(),
        &RecentRequests::new(),
    )
    .map(|a| a.errors.len())
    .map_err(|e| e.to_string());
    assert_eq!(a, b, "{message}");
    assert_eq!(page.to_html(), doc.to_html(), "{message}");
}

/// The id index holds exactly the connected elements with a non-empty id.
fn check_id_index(doc: &Document) {
    let mut want = BTreeSet::new();
    for n in doc.descendants(doc.root()) {
        if let Some(id) = doc.element(n).and_then(|e| e.id())
            && !id.is_empty()
        {
            want.insert((id.to_owned(), n));
        }
    }
    let got: BTreeSet<_> = doc.id_index_entries().into_iter().collect();
    assert_eq!(got, want);
}

#[test]
fn streams_inserting_streams_stop_at_the_limit() {
    // Every round copies the next stream into every <div>, and each copy does the same.
    let mut inner = String::from("<div>x</div>");
    for _ in 0..12 {
        inner = ts(
            r#"action="append" targets="div""#,
            &format!("<div>y</div>{inner}"),
        );
    }
    let mut page = Page::parse("<div>a</div><div>b</div>");
    let before = page.to_html();
    let err = page.apply_html(&inner).unwrap_err();
    assert!(
        matches!(err.kind(), StreamErrorKind::LimitExceeded { .. }),
        "{err}"
    );
    assert!(err.is_message_level());
    assert_eq!(page.to_html(), before);
    // A lower limit for nested streams (the message's own streams do not count).
    let mut page =
        Page::parse("<div>a</div>").with_options(StreamOptions::default().with_max_streams(2));
    let remove = ts(r#"action="remove" target="q""#, "");
    let three = remove.repeat(3);
    assert!(page.apply_html(&three).is_ok());
    let nested = ts(r#"action="append" targets="div""#, &three);
    let err = page.apply_html(&nested).unwrap_err();
    assert!(matches!(
        err.kind(),
        StreamErrorKind::LimitExceeded {
            what: "streams",
            ..
        }
    ));
}

#[test]
fn a_page_without_a_document_element_drops_messages() {
    let mut page = Page::parse("<!DOCTYPE html><html id=h><body><p id=p>x</p></body></html>");
    page.apply_html(r#"<turbo-stream action="remove" target="h"></turbo-stream>"#)
        .unwrap();
    assert_eq!(page.to_html(), "<!DOCTYPE html>");
    let err = page
        .apply_html(r#"<turbo-stream action="remove" target="p"></turbo-stream>"#)
        .unwrap_err();
    assert!(matches!(err.kind(), StreamErrorKind::NoDocumentElement));
}

#[test]
fn odd_inputs_never_panic() {
    let pages = [
        "",
        "<html id=h>",
        "<svg><turbo-stream>",
        PAGE,
        "<template id=t></template>",
    ];
    let messages = [
        "",
        "<turbo-stream>",
        "<turbo-stream action=replace target=h><template><div>x</div></template></turbo-stream>",
        "<turbo-stream action=replace target=h><template>t<div>x</div></template></turbo-stream>",
        "<turbo-stream action=update targets=html><template><i>1</i></template></turbo-stream><turbo-stream action=append targets=*><template>2</template></turbo-stream>",
        "<turbo-stream action=update method=morph targets=html><template><body>x</body></template></turbo-stream>",
        "<turbo-stream action=replace method=morph targets=html><template><html></html></template></turbo-stream>",
        "<turbo-stream action=before targets=head><template><p>x</p></template></turbo-stream>",
        "<turbo-stream action=after targets=* ><template>z</template></turbo-stream>",
        "<turbo-stream action=replace targets=template><template><b>1</b></template></turbo-stream>",
        "<turbo-stream action=update targets=turbo-stream><template><turbo-stream action=remove targets=*></turbo-stream></template></turbo-stream>",
        "<turbo-stream action=__proto__ target=a></turbo-stream><turbo-stream action=__defineGetter__ target=a></turbo-stream>",
        "<template><turbo-stream action=remove targets=*></turbo-stream></template>",
        "<turbo-stream action=append targets=body><template><input autofocus><form autofocus><input name=id></form></template></turbo-stream>",
    ];
    for p in pages {
        for m in messages {
            for compat in [Compat::Handbook, Compat::Turbo8023] {
                for strict in [false, true] {
                    let options = StreamOptions::default().compat(compat).strict(strict);
                    let mut page = Page::parse(p).with_options(options);
                    let _ = page.apply_html(m);
                    let _ = page.apply_html(m);
                    let _ = page.to_html();
                    check_id_index(page.document());
                }
            }
        }
    }
}

#[test]
fn the_before_render_hook_sees_nested_streams_when_they_connect() {
    let options = StreamOptions::default().before_render(|s, _| {
        if s.target() == Some("b") {
            Render::Skip
        } else {
            Render::Default
        }
    });
    let mut page = Page::parse(PAGE).with_options(options);
    let nested = ts(r#"action="remove" target="b""#, "");
    let applied = page
        .apply_html(&ts(r#"action="append" target="list""#, &nested))
        .unwrap();
    assert_eq!(applied.streams_run, 2);
    assert!(page.document().get_element_by_id("b").is_some());
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_domorph"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_applies_messages_in_order() {
    let dir = std::env::temp_dir().join(format!("domorph-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("page.html");
    std::fs::write(&page, "<ul id=list><li id=a>A</li></ul>").unwrap();
    let m1 = dir.join("m1.html");
    std::fs::write(
        &m1,
        ts(r#"action="append" target="list""#, "<li id=b>B</li>"),
    )
    .unwrap();
    let bad = dir.join("bad.html");
    std::fs::write(
        &bad,
        [
            ts(r#"action="remove" target="a""#, ""),
            ts(r#"action="explode" target="list""#, ""),
        ]
        .concat(),
    )
    .unwrap();
    let p = page.to_str().unwrap();
    let (m1, bad) = (m1.to_str().unwrap(), bad.to_str().unwrap());

    let (code, out, err) = cli(&["apply", p, m1, bad]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "<!DOCTYPE html><html><head></head><body><ul id=\"list\"><li id=\"b\">B</li></ul></body></html>\n"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown action"), "{err}");

    // Strict: the bad message is refused as a whole, later ones still apply, exit 1.
    let (code, out, err) = cli(&["apply", p, bad, m1, "--strict"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "<!DOCTYPE html><html><head></head><body><ul id=\"list\"><li id=\"a\">A</li><li id=\"b\">B</li></ul></body></html>\n"
    );
    assert!(err.contains("rejected"), "{err}");

    // --compat turbo-8.0.23: action="morph" is unknown.
    let morph = dir.join("morph.html");
    std::fs::write(
        &morph,
        ts(r#"action="morph" target="a""#, "<li id=a>A2</li>"),
    )
    .unwrap();
    let (code, out, _) = cli(&[
        "apply",
        p,
        morph.to_str().unwrap(),
        "--compat",
        "turbo-8.0.23",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("<li id=\"a\">A</li>"));
    let (code, out, _) = cli(&["apply", p, morph.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("<li id=\"a\">A2</li>"));

    // An unreadable input: exit 1, the rest still printed.
    let (code, out, err) = cli(&["apply", p, "/nonexistent/message.html", m1]);
    assert_eq!(code, 1);
    assert!(out.contains("<li id=\"b\">B</li>"));
    assert!(err.contains("cannot read"));
    let (code, _, _) = cli(&["apply", p, m1, "--compat", "turbo-7"]);
    assert_ne!(code, 0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_readme_chat_demo_matches_chromium() {
    // fixtures/oracle/stream_chat.jsonl: the README's main command, run by the oracle.
    let rec = &oracle_file("stream_chat.jsonl")[0];
    let page_html = std::fs::read_to_string(root().join("fixtures/pages/chat.html")).unwrap();
    let message = std::fs::read_to_string(root().join("fixtures/messages/chat.html")).unwrap();
    assert_eq!(rec["case"]["page"].as_str(), Some(page_html.as_str()));
    assert_eq!(rec["case"]["stream"].as_str(), Some(message.as_str()));
    let mut page = Page::parse_served(&page_html);
    let applied = page.apply_html(&message).unwrap();
    assert!(applied.errors.is_empty());
    let doc = page.document();
    assert_eq!(
        doc.outer_html(doc.document_element().unwrap()),
        rec["result"]["html"].as_str().unwrap()
    );
}

#[test]
fn stream_tags_parse_back_into_the_same_streams() {
    use domorph::stream::{StreamTag, Target};
    let odd = r#"a&b <c> "d" 'e' &amp; é"#;
    let tags = [
        StreamTag::append("messages", "<li id=x>Hi &amp; bye</li>"),
        StreamTag::append_all(".list > li[data-x='1']", "<li>x</li>"),
        StreamTag::prepend(odd, " text "),
        StreamTag::prepend_all("#a, #b", ""),
        StreamTag::before("a", "<tr><td>1</td></tr>"),
        StreamTag::before_all("p", "<p>x</p>"),
        StreamTag::after("a", "<!-- c -->"),
        StreamTag::after_all("p", "x"),
        StreamTag::replace("message_5", "Something fifth").morph(),
        StreamTag::replace_all(".m", "<p class=m>n</p>").attr("data-x", odd),
        StreamTag::update("u", "new").method("morph"),
        StreamTag::update_all("#message_5", "x").morph(),
        StreamTag::remove("message_1"),
        StreamTag::remove_all("#message_1"),
        StreamTag::refresh(None),
        StreamTag::refresh(Some("")),
        StreamTag::refresh(Some("abc123"))
            .attr("method", "replace")
            .attr("scroll", "preserve"),
        StreamTag::action("my_custom_action", Target::None, "").attr("hello", "world"),
        StreamTag::action("highlight", Target::Id("a".into()), "<b>x</b>")
            .attr("hello", "world")
            .attr("foo", "bar"),
    ];
    for tag in &tags {
        let html = tag.to_html();
        let message = Message::parse(&html).unwrap();
        assert_eq!(message.streams().len(), 1, "{html}");
        let s = &message.streams()[0];
        // Attributes: the extra ones, then action, then target or targets.
        let names: Vec<&str> = s.attributes().iter().map(|(n, _)| n.as_str()).collect();
        let action_at = names.iter().position(|n| *n == "action").unwrap();
        assert!(
            names[action_at + 1..]
                .iter()
                .all(|n| *n == "target" || *n == "targets")
        );
        // Written again from what was parsed, the same tag.
        let mut again = StreamTag::action(
            s.attribute("action").unwrap(),
            match (s.attribute("target"), s.attribute("targets")) {
                (Some(t), _) => Target::Id(t.to_owned()),
                (None, Some(t)) => Target::Selector(t.to_owned()),
                _ => Target::None,
            },
            s.template_html().unwrap(),
        );
        for (n, v) in &s.attributes()[..action_at] {
            again = again.attr(n, v);
        }
        let reparsed = Message::parse(&again.to_html()).unwrap();
        assert_eq!(reparsed.streams(), message.streams(), "{html}");
    }
    let parsed = |t: &StreamTag| Message::parse(&t.to_html()).unwrap().streams()[0].clone();
    assert_eq!(parsed(&tags[2]).target(), Some(odd));
    assert_eq!(parsed(&tags[9]).attribute("data-x"), Some(odd));
    assert_eq!(parsed(&tags[1]).targets(), Some(".list > li[data-x='1']"));
    assert_eq!(
        parsed(&tags[0]).template_html(),
        Some(r#"<li id="x">Hi &amp; bye</li>"#)
    );
    assert_eq!(
        tags[16].to_html(),
        r#"<turbo-stream request-id="abc123" method="replace" scroll="preserve" action="refresh"></turbo-stream>"#
    );
    assert_eq!(
        tags[17].to_html(),
        r#"<turbo-stream hello="world" action="my_custom_action"><template></template></turbo-stream>"#
    );
    assert_eq!(
        StreamTag::append("a", "").attr("x", odd).to_html(),
        r#"<turbo-stream x="a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; &amp;amp; é" action="append" target="a"><template></template></turbo-stream>"#
    );
}

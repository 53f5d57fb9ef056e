//! Every numbered fact of turbo-streams.md §9 (the conformance checklist): checked against
//! Chromium running Turbo 8.0.23 (`fixtures/oracle/stream_spec9.jsonl.gz`, made by
//! `fixtures/oracle/gen_spec9.py` and the oracle: expected results are the browser's, never
//! domorph's), checked here through the API (the before-render hook, custom actions, refresh
//! effects), or listed with the reason it does not apply on a server. Oracle cases compare
//! the `<html>`, the errors and element identity (which elements are the same nodes).

mod support;

use std::sync::{Arc, Mutex};

use domorph::Page;
use domorph::stream::{Compat, Effect, Refresh, Render, StreamOptions};
use support::{check_stream_cases, oracle_file};

/// How an item of §9 is covered.
#[derive(Debug)]
enum Cover {
    /// Oracle cases (ids without the `spec9-NNN-` prefix's number: the full id).
    Oracle(&'static [&'static str]),
    /// A test in this file.
    Test(&'static str),
    /// Both.
    OracleAndTest(&'static [&'static str], &'static str),
    /// Does not apply on a server, and why.
    NotApplicable(&'static str),
}

use Cover::{NotApplicable as Na, Oracle, OracleAndTest, Test};

const FOCUS: &str = "focus: nothing is focused on a server page (autofocus ends as with nothing focused: items 43, 71)";

/// Items 1–116 of §9, in order.
const ITEMS: &[(u32, Cover)] = &[
    (1, Oracle(&["spec9-001-append"])),
    (2, Oracle(&["spec9-002-append-form-named-id"])),
    (3, Oracle(&["spec9-003-append-dedup"])),
    (4, Oracle(&["spec9-004-prepend"])),
    (5, Oracle(&["spec9-005-prepend-form-named-id"])),
    (6, Oracle(&["spec9-006-prepend-dedup"])),
    (7, Oracle(&["spec9-007-remove"])),
    (8, Oracle(&["spec9-008-replace"])),
    (9, Oracle(&["spec9-009-update"])),
    (10, Oracle(&["spec9-010-after"])),
    (11, Oracle(&["spec9-011-after-sibling-dedup"])),
    (12, Oracle(&["spec9-012-before"])),
    (13, Oracle(&["spec9-013-before-sibling-dedup"])),
    (14, Test("refresh_returns_an_effect")),
    (15, Test("refresh_with_a_recent_request_id_is_suppressed")),
    (16, Oracle(&["spec9-016-replace-morph"])),
    (17, Oracle(&["spec9-017-replace-morph-text"])),
    (18, Oracle(&["spec9-018-update-morph-children-only"])),
    (19, Oracle(&["spec9-019-form-response"])),
    (20, Test("before_render_hook_sees_each_stream")),
    (21, Oracle(&["spec9-021-targets-class"])),
    (22, Oracle(&["spec9-022-remove-without-template"])),
    (
        23,
        Na("script execution: scripts do not run on a server (the element itself: item 86)"),
    ),
    (24, Test("before_render_can_replace_the_action")),
    (
        25,
        Na("transport: EventSource/WebSocket sources are the host's; each message is applied"),
    ),
    (26, Na(FOCUS)),
    (27, Na(FOCUS)),
    (28, Na(FOCUS)),
    (
        29,
        Oracle(&["spec9-029-morph-text"]), // the events themselves: item 30
    ),
    (
        30,
        Na(
            "events: no turbo:before-morph-element listeners on a server; the Rust counterpart is a MorphHooks veto (morph::morph)",
        ),
    ),
    (31, Oracle(&["spec9-031-stream-in-page"])),
    (
        32,
        Test("refresh_with_an_empty_request_id_is_not_suppressed"),
    ),
    (33, Test("refresh_with_a_recent_request_id_is_suppressed")),
    (
        34,
        Na(
            "transport: request ids are made by the client; the host records them (Page::record_request_id)",
        ),
    ),
    (
        35,
        Test("refreshes_in_one_message_give_one_effect_the_last"),
    ),
    (
        36,
        Na(
            "navigation: the debounce window and a visit in progress are the host's (it receives the effect)",
        ),
    ),
    (
        37,
        Na(
            "the refresh visit (re-render, morph of <body>, no snapshot) is the host's; it receives Effect::Refresh",
        ),
    ),
    (
        38,
        Na("the refresh visit is the host's (one effect per message: item 35)"),
    ),
    (39, Na("navigation: a visit in progress is the host's")),
    (40, Test("refresh_effect_carries_method_and_scroll")),
    (41, Test("refresh_effect_carries_method_and_scroll")),
    (42, Oracle(&["spec9-042-autofocus-own-id"])),
    (43, Oracle(&["spec9-043-autofocus-generated-id"])),
    (44, Na(FOCUS)),
    (45, Oracle(&["spec9-045-permanent-update"])),
    (46, Oracle(&["spec9-046-permanent-append"])),
    (
        47,
        Na("transport: request headers, frames' src and aria-busy are the host's"),
    ),
    (
        48,
        Na(
            "JavaScript exports; the Rust counterparts are stream::{Message, apply, Actions}, page::Page and morph::morph",
        ),
    ),
    (49, Oracle(&["spec9-049-stray-markup"])),
    (50, Oracle(&["spec9-050-two-templates"])),
    (51, Oracle(&["spec9-051-append-no-template"])),
    (52, Oracle(&["spec9-052-div-before-template"])),
    (53, Oracle(&["spec9-053-text-before-template"])),
    (54, Oracle(&["spec9-054-unknown-action"])),
    (55, Oracle(&["spec9-055-missing-action"])),
    (56, Oracle(&["spec9-056-missing-target"])),
    (57, Oracle(&["spec9-057-target-not-found"])),
    (58, Oracle(&["spec9-058-invalid-selector"])),
    (59, Oracle(&["spec9-059-target-wins"])),
    (60, Oracle(&["spec9-060-action-case-and-proto"])),
    (61, Oracle(&["spec9-061-nested-in-template"])),
    (62, Oracle(&["spec9-062-nested-non-template-child"])),
    (63, Oracle(&["spec9-063-after-own-id"])),
    (64, Oracle(&["spec9-064-before-sibling-moves"])),
    (65, Oracle(&["spec9-065-dedup-ignores-descendants"])),
    (66, Oracle(&["spec9-066-targets-two-lists"])),
    (67, Oracle(&["spec9-067-template-target"])),
    (68, Oracle(&["spec9-068-replace-many-nodes"])),
    (69, Oracle(&["spec9-069-tr-into-tbody"])),
    (70, Na(FOCUS)),
    (71, Oracle(&["spec9-071-autofocus-two-targets"])),
    (72, Oracle(&["spec9-072-autofocus-remove-missing"])),
    (73, Oracle(&["spec9-073-permanent-append"])),
    (74, Oracle(&["spec9-074-permanent-update"])),
    (75, Oracle(&["spec9-075-permanent-nested"])),
    (76, Oracle(&["spec9-076-permanent-attribute-missing"])),
    (77, Oracle(&["spec9-077-permanent-two-streams"])),
    (78, Oracle(&["spec9-078-permanent-invalid-id"])),
    (79, Oracle(&["spec9-079-permanent-direct-insertion"])),
    (80, Oracle(&["spec9-080-siblings-form-named-id"])),
    (81, Oracle(&["spec9-081-children-form-named-id"])),
    (82, Oracle(&["spec9-082-duplicate-ids-first"])),
    (83, Oracle(&["spec9-083-stray-targetable"])),
    (84, Oracle(&["spec9-084-targets-itself"])),
    (85, Oracle(&["spec9-085-noscript-in-template"])),
    (
        86,
        Oracle(&["spec9-086-script-in-template"]), // running it: script execution
    ),
    (
        87,
        Oracle(&["spec9-087-script-csp-nonce"]), // the nonce property: script execution
    ),
    (88, Test("before_render_can_skip")),
    (89, Oracle(&["spec9-089-prepend-order"])),
    (90, Oracle(&["spec9-090-remove-with-template"])),
    (91, Oracle(&["spec9-091-after-and-before"])),
    (92, Oracle(&["spec9-092-morph-whitespace"])),
    (93, Oracle(&["spec9-093-morph-new-tag"])),
    (94, Oracle(&["spec9-094-morph-siblings"])),
    (95, Oracle(&["spec9-095-morph-without-id"])),
    (96, Oracle(&["spec9-096-morph-empty"])),
    (97, Oracle(&["spec9-097-update-morph"])),
    (98, Oracle(&["spec9-098-update-morph-permanent-kept"])),
    (99, Oracle(&["spec9-099-update-morph-permanent-elsewhere"])),
    (100, Oracle(&["spec9-100-replace-morph-permanent-target"])),
    (101, Oracle(&["spec9-101-method-uppercase"])),
    (102, Oracle(&["spec9-102-append-method-morph"])),
    (103, Oracle(&["spec9-103-action-morph"])),
    (104, Oracle(&["spec9-104-morph-targets-two"])),
    (105, Oracle(&["spec9-105-morph-input-value"])),
    (106, Oracle(&["spec9-106-replace-keeps-permanent"])),
    (107, Oracle(&["spec9-107-template-html-body"])),
    (108, Test("replace_body_puts_the_content_under_html")),
    (109, Oracle(&["spec9-109-update-title"])),
    (110, Oracle(&["spec9-110-after-html"])),
    (111, Oracle(&["spec9-111-nested-targets-dedup"])),
    (112, Oracle(&["spec9-112-error-escaping"])),
    (113, Oracle(&["spec9-113-prepend-dedup-moves"])),
    (114, Oracle(&["spec9-114-replace-text-comment"])),
    (
        115,
        OracleAndTest(
            &["spec9-115-order"],
            "hooks_run_for_every_stream_before_any_action",
        ),
    ),
    (116, Oracle(&["spec9-116-targets-turbo-stream"])),
];

/// Turbo's random autofocus id is compared by its prefix (as the conformance checker does).
fn normalize_uuid(s: &str) -> String {
    const P: &str = "turbo-stream-autofocus-";
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(P) {
        out.push_str(&rest[..i + P.len()]);
        rest = &rest[i + P.len()..];
        let n = rest
            .bytes()
            .take(36)
            .take_while(|b| b.is_ascii_hexdigit() || *b == b'-')
            .count();
        if n == 36 {
            out.push('*');
            rest = &rest[36..];
        }
    }
    out.push_str(rest);
    out
}

fn cases() -> Vec<serde_json::Value> {
    oracle_file("stream_spec9.jsonl.gz")
}

#[test]
fn every_item_is_covered_once() {
    let numbers: Vec<u32> = ITEMS.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, (1..=116).collect::<Vec<_>>());
    let ids: Vec<String> = cases()
        .iter()
        .map(|c| c["case"]["id"].as_str().unwrap().to_owned())
        .collect();
    let mut referenced = Vec::new();
    for (n, cover) in ITEMS {
        let oracle = match cover {
            Oracle(ids) | OracleAndTest(ids, _) => *ids,
            _ => &[],
        };
        for id in oracle {
            assert!(ids.iter().any(|x| x == id), "item {n}: no case {id}");
            assert!(id.starts_with(&format!("spec9-{n:03}-")), "item {n}: {id}");
            referenced.push(id.to_string());
        }
        if let Test(name) | OracleAndTest(_, name) = cover {
            let src = include_str!("stream_spec9.rs");
            assert!(
                src.contains(&format!("fn {name}()")),
                "item {n}: no test {name}"
            );
        }
        if let Na(why) = cover {
            assert!(!why.is_empty());
        }
    }
    for id in &ids {
        assert!(referenced.contains(id), "case {id} is not in ITEMS");
    }
}

#[test]
fn oracle_cases_match_turbo_in_chromium() {
    let cases = cases();
    for rec in &cases {
        let id = rec["case"]["id"].as_str().unwrap();
        assert!(rec["result"]["failed"].as_bool() != Some(true), "{id}");
    }
    check_stream_cases(&cases, Compat::Turbo8023, normalize_uuid);
}

const PAGE: &str =
    "<!DOCTYPE html><html><head></head><body><div id=a>A</div><div id=b>B</div></body></html>";

fn refresh_of(page: &mut Page, message: &str) -> Option<Refresh> {
    let applied = page.apply_html(message).expect("applies");
    assert!(applied.errors.is_empty(), "{:?}", applied.errors);
    let html = page.to_html();
    assert!(!html.contains("turbo-stream"), "streams remove themselves");
    applied.effects.into_iter().find_map(|e| match e {
        Effect::Refresh(r) => Some(r),
        _ => None,
    })
}

#[test]
fn refresh_returns_an_effect() {
    let mut page = Page::parse(PAGE);
    let before = page.to_html();
    let r = refresh_of(
        &mut page,
        r#"<turbo-stream action="refresh"></turbo-stream>"#,
    );
    assert_eq!(r, Some(Refresh::default()));
    assert_eq!(
        page.to_html(),
        before,
        "refresh changes nothing in the page"
    );
}

#[test]
fn refresh_with_a_recent_request_id_is_suppressed() {
    let mut page = Page::parse(PAGE);
    page.record_request_id("123");
    let r = refresh_of(
        &mut page,
        r#"<turbo-stream action="refresh" request-id="123"></turbo-stream>"#,
    );
    assert_eq!(r, None);
    // Another client's request id refreshes.
    let r = refresh_of(
        &mut page,
        r#"<turbo-stream action="refresh" request-id="456"></turbo-stream>"#,
    );
    assert_eq!(r.and_then(|r| r.request_id).as_deref(), Some("456"));
    // Only the last 20 recorded ids count.
    for i in 0..20 {
        page.record_request_id(&format!("later-{i}"));
    }
    let r = refresh_of(
        &mut page,
        r#"<turbo-stream action="refresh" request-id="123"></turbo-stream>"#,
    );
    assert!(r.is_some());
}

#[test]
fn refresh_with_an_empty_request_id_is_not_suppressed() {
    let mut page = Page::parse(PAGE);
    page.record_request_id("");
    let r = refresh_of(
        &mut page,
        r#"<turbo-stream action="refresh" request-id=""></turbo-stream>"#,
    );
    assert!(r.is_some());
}

#[test]
fn refreshes_in_one_message_give_one_effect_the_last() {
    let mut page = Page::parse(PAGE);
    page.record_request_id("mine");
    let two = concat!(
        r#"<turbo-stream action="refresh" request-id="other"></turbo-stream>"#,
        r#"<turbo-stream action="refresh" request-id="third" method="replace"></turbo-stream>"#,
    );
    let applied = page.apply_html(two).unwrap();
    assert_eq!(applied.effects.len(), 1);
    assert_eq!(
        applied.refresh().and_then(|r| r.request_id.as_deref()),
        Some("third")
    );
    // Debounced: the last call wins, and it is the page's own request, so none.
    let echo = concat!(
        r#"<turbo-stream action="refresh" request-id="other"></turbo-stream>"#,
        r#"<turbo-stream action="refresh" request-id="mine"></turbo-stream>"#,
    );
    assert!(page.apply_html(echo).unwrap().effects.is_empty());
}

#[test]
fn refresh_effect_carries_method_and_scroll() {
    let mut page = Page::parse(PAGE);
    let r = refresh_of(
        &mut page,
        r#"<turbo-stream action="refresh" method="replace" scroll="reset"></turbo-stream>"#,
    )
    .unwrap();
    assert_eq!(r.method.as_deref(), Some("replace"));
    assert_eq!(r.scroll.as_deref(), Some("reset"));
    let r = refresh_of(
        &mut page,
        r#"<turbo-stream action="refresh" method="" scroll=""></turbo-stream>"#,
    )
    .unwrap();
    assert_eq!((r.method, r.scroll), (None, None), "empty counts as absent");
}

#[test]
fn before_render_hook_sees_each_stream() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let options = StreamOptions::default().before_render(move |s, _| {
        log.lock().unwrap().push((
            s.attribute("id").map(str::to_owned),
            s.action().map(str::to_owned),
            s.target().map(str::to_owned),
            s.template_html().map(str::to_owned),
        ));
        Render::Default
    });
    let mut page = Page::parse(PAGE).with_options(options);
    page.apply_html(
        r#"<turbo-stream id="a-turbo-stream" action="append" target="a"><template><i>x</i></template></turbo-stream>"#,
    )
    .unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        vec![(
            Some("a-turbo-stream".to_owned()),
            Some("append".to_owned()),
            Some("a".to_owned()),
            Some("<i>x</i>".to_owned())
        )]
    );
}

#[test]
fn before_render_can_replace_the_action() {
    // Turbo's functional test: a `detail.render` for `action="customUpdate"`, which is not
    // in StreamActions, sets the targets' content; no "unknown action" error.
    let options = StreamOptions::default().before_render(|s, _| {
        if s.action() == Some("customUpdate") {
            Render::With(Arc::new(|cx| {
                for t in cx.targets().map_err(|e| e.to_string())? {
                    let kids: Vec<_> = cx.document().children(t).collect();
                    for k in kids {
                        cx.remove(k).map_err(|e| e.to_string())?;
                    }
                    let text = cx.create_text("Rendered with Custom Action");
                    cx.append_child(t, text).map_err(|e| e.to_string())?;
                }
                Ok(())
            }))
        } else {
            Render::Default
        }
    });
    let mut page = Page::parse(PAGE).with_options(options);
    let applied = page
        .apply_html(r#"<turbo-stream action="customUpdate" target="a"></turbo-stream>"#)
        .unwrap();
    assert!(applied.errors.is_empty(), "{:?}", applied.errors);
    let doc = page.document();
    let a = doc.get_element_by_id("a").unwrap();
    assert_eq!(doc.text_content(a), "Rendered with Custom Action");
}

#[test]
fn before_render_can_skip() {
    let options = StreamOptions::default().before_render(|s, _| {
        if s.action() == Some("remove") {
            Render::Skip
        } else {
            Render::Default
        }
    });
    let mut page = Page::parse(PAGE).with_options(options);
    let before = page.to_html();
    let applied = page
        .apply_html(r#"<turbo-stream action="remove" target="a"></turbo-stream>"#)
        .unwrap();
    assert!(applied.errors.is_empty());
    assert_eq!(
        page.to_html(),
        before,
        "no action, and the stream removed itself"
    );
}

#[test]
fn hooks_run_for_every_stream_before_any_action() {
    // The hook sees the page before any action ran (for every stream of the message), and
    // the streams then run in order, each seeing the ones before it.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let options = StreamOptions::default().before_render(move |s, page| {
        log.lock().unwrap().push((
            s.action().unwrap_or("").to_owned(),
            page.get_element_by_id("b1").is_some(),
            page.get_element_by_id("a").is_some(),
        ));
        Render::Default
    });
    let mut page = Page::parse(PAGE).with_options(options);
    page.apply_html(concat!(
        r#"<turbo-stream action="append" target="b"><template><b id="b1">new</b></template></turbo-stream>"#,
        r#"<turbo-stream action="remove" target="b1"></turbo-stream>"#,
        r#"<turbo-stream action="remove" target="a"></turbo-stream>"#,
    ))
    .unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        vec![
            ("append".to_owned(), false, true),
            ("remove".to_owned(), false, true),
            ("remove".to_owned(), false, true),
        ]
    );
    assert_eq!(
        page.to_html(),
        r#"<!DOCTYPE html><html><head></head><body><div id="b">B</div></body></html>"#
    );
}

#[test]
fn replace_body_puts_the_content_under_html() {
    // §5.6: "Replacing <body> works: the nodes become children of <html> where the body
    // was [verified]" (the oracle's harness cannot report a page without a body).
    let mut page =
        Page::parse("<!DOCTYPE html><html><head></head><body id=bd><p>b</p></body></html>");
    let applied = page
        .apply_html(r#"<turbo-stream action="replace" target="bd"><template><main>new</main> tail</template></turbo-stream>"#)
        .unwrap();
    assert!(applied.errors.is_empty());
    assert_eq!(
        page.to_html(),
        "<!DOCTYPE html><html><head></head><main>new</main> tail</html>"
    );
}

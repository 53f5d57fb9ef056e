//! Fuzz target `apply`: a page and a Turbo Stream message from the bytes (split at the first
//! NUL; the page is served as the oracle serves it, `page::served`), the message applied as
//! `domorph apply` does, in four settings: default, strict, `--compat turbo-8.0.23`, and
//! both.
//!
//! Checked for every input and setting:
//!
//! * no panic, and no hang (libFuzzer's `-timeout`);
//! * the id index equals a walk of the tree after loading the page and after each message;
//! * a message refused (`Err`: a message-level error, or any failure in strict mode) leaves
//!   the page byte-identical; without strict mode only a message-level error may refuse it;
//!   a message `Message::parse` rejects is refused by `Page::apply_html` the same way;
//! * strict mode is all or nothing: it accepts exactly the messages that apply without a
//!   failing stream by default, and then leaves the same page; it refuses the others with the
//!   default's first failure;
//! * a [`Page`] (which keeps its permanent elements between messages) and a bare
//!   [`Document`] (which walks the page for them every time) give the same page, errors and
//!   effects, for the message applied once and then a second time.
//!
//! Turbo's autofocus id (`turbo-stream-autofocus-` + a random uuid) can stay in the page, so
//! HTML is compared with the uuids blanked out.

#![no_main]

use domorph::Document;
use domorph::page::{Page, served};
use domorph::stream::{self, Applied, Compat, Message, StreamError, StreamOptions};
use libfuzzer_sys::fuzz_target;

mod common;
use common::check_id_index;

/// Limits on the streams that streams insert, far below the defaults (10,000 streams, 2^18
/// nodes). Within the defaults, a 3 KB message whose template holds its own stream again (an
/// `after` on `tr:nth-child(2n)`) takes a small page to 8 MB in two applications, and a third
/// works for 0.6 s before the limit drops it: bounded, but 16 applications in the instrumented
/// build exceed libFuzzer's timeout. Here the fuzzer reaches the limits quickly (and often).
const MAX_STREAMS: usize = 64;
const MAX_NESTED_NODES: usize = 1 << 12;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let page_html = String::from_utf8_lossy(&data[..split]);
    let message_html = String::from_utf8_lossy(data.get(split + 1..).unwrap_or(&[]));
    let served = served(&page_html);
    let message = Message::parse(&message_html);

    for compat in [Compat::Handbook, Compat::Turbo8023] {
        let options = StreamOptions::default()
            .compat(compat)
            .with_max_streams(MAX_STREAMS)
            .with_max_nested_nodes(MAX_NESTED_NODES);
        let lenient = run(&served, &message_html, &message, options.clone());
        let strict = run(&served, &message_html, &message, options.strict(true));
        // Strict mode takes exactly the messages that apply cleanly, with the same result.
        match (&lenient, &strict) {
            (
                Outcome::Applied { html, errors, effects },
                Outcome::Applied { html: strict_html, errors: strict_errors, effects: strict_effects },
            ) => {
                assert!(errors.is_empty(), "strict accepted what fails by default: {errors:?}");
                assert!(strict_errors.is_empty());
                assert_eq!(html, strict_html, "strict and default differ");
                assert_eq!(effects, strict_effects, "strict and default effects differ");
            }
            // Strict mode runs as the default does up to the first failure, and stops there.
            (Outcome::Applied { errors, .. }, Outcome::Refused(e)) => {
                assert!(!errors.is_empty(), "strict refused a message that applies cleanly: {e:?}");
                assert_eq!(&blank_uuids(&e.browser_message()), &errors[0], "strict stopped elsewhere");
            }
            (Outcome::Refused(a), Outcome::Refused(b)) => {
                assert!(a.is_message_level(), "refused by default without a message-level error: {a:?}");
                // A stream failed before the default got to its message-level error (a limit).
                if b.is_message_level() {
                    assert_eq!(a, b, "the message-level error differs in strict mode");
                }
            }
            (Outcome::Refused(e), Outcome::Applied { .. }) => {
                panic!("strict mode applied what the default refuses: {e:?}")
            }
        }
    }
});

/// What applying the message did to a page.
#[derive(Debug)]
enum Outcome {
    Applied { html: String, errors: Vec<String>, effects: Vec<String> },
    Refused(StreamError),
}

/// Loads the page with `options`, applies the message (twice), checking everything listed in
/// the module documentation; gives the outcome of the first application.
fn run(served: &str, message_html: &str, message: &Result<Message, StreamError>, options: StreamOptions) -> Outcome {
    let (mut page, _loaded) = Page::parse_with(served, options.clone());
    check_id_index(page.document());
    let Ok(message) = message else {
        let before = page.to_html();
        let refused = page.apply_html(message_html);
        assert!(refused.is_err(), "apply_html took a message Message::parse rejects");
        assert_eq!(page.to_html(), before, "a message that does not parse changed the page");
        let Err(e) = refused else { unreachable!() };
        assert!(e.is_message_level(), "a message that does not parse: {e:?}");
        return Outcome::Refused(e);
    };
    // The same page as a bare document, which finds permanent elements by walking.
    let mut bare: Document = page.document().clone();
    let mut first = None;
    for _round in 0..2 {
        let before = page.to_html();
        let result = page.apply(message);
        let bare_before = bare.to_html();
        let bare_result = stream::apply(&mut bare, message, &options, page.recent_requests());
        check_id_index(page.document());
        check_id_index(&bare);
        let outcome = match result {
            Ok(applied) => outcome(&page, &applied),
            Err(e) => {
                assert_eq!(page.to_html(), before, "a refused message changed the page ({e:?})");
                if !options.is_strict() {
                    assert!(e.is_message_level(), "refused by default without a message-level error: {e:?}");
                }
                Outcome::Refused(e)
            }
        };
        let bare_outcome = match bare_result {
            Ok(applied) => outcome_of(&bare, &applied),
            Err(e) => {
                assert_eq!(bare.to_html(), bare_before, "a refused message changed the bare page ({e:?})");
                Outcome::Refused(e)
            }
        };
        match (&outcome, &bare_outcome) {
            (Outcome::Applied { .. }, Outcome::Applied { .. }) => {
                assert_eq!(format!("{outcome:?}"), format!("{bare_outcome:?}"), "Page and bare Document differ");
            }
            (Outcome::Refused(a), Outcome::Refused(b)) => assert_eq!(a, b),
            _ => panic!("Page and bare Document differ: {outcome:?} / {bare_outcome:?}"),
        }
        if first.is_none() {
            first = Some(outcome);
        }
    }
    first.expect("one round ran")
}

fn outcome(page: &Page, applied: &Applied) -> Outcome {
    outcome_of(page.document(), applied)
}

fn outcome_of(doc: &Document, applied: &Applied) -> Outcome {
    Outcome::Applied {
        html: blank_uuids(&doc.to_html()),
        errors: applied.errors.iter().map(|e| blank_uuids(&e.browser_message())).collect(),
        effects: applied.effects.iter().map(|e| format!("{e:?}")).collect(),
    }
}

/// Replaces the 36 characters after every `turbo-stream-autofocus-` with `#`s.
fn blank_uuids(s: &str) -> String {
    const MARK: &str = "turbo-stream-autofocus-";
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i + MARK.len()]);
        rest = &rest[i + MARK.len()..];
        let uuid: String = rest.chars().take(36).collect();
        let all_hex = uuid.len() == 36 && uuid.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        if all_hex {
            out.push_str(&"#".repeat(36));
            rest = &rest[36..];
        }
    }
    out.push_str(rest);
    out
}

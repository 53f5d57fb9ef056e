//! Autofocus in stream messages (turbo-streams.md §1.5), with nothing focused on the server:
//! the first focusable `[autofocus]` element of the templates gets an id if it has none
//! (`turbo-stream-autofocus-<uuid>`), so that every copy carries it; after the message's
//! actions, the first element with that generated id loses it again (Turbo focuses it and
//! removes the id when nothing else has focus).

use std::hash::{BuildHasher, RandomState};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use super::element;
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix};
use crate::morph::form::form_id_shadowed;
use crate::select::Selector;

/// What the autofocus step has to do after the actions.
pub(crate) struct Autofocus {
    /// The generated id to remove again, if one was given.
    generated: Option<String>,
}

/// `[inert], :disabled, [hidden], details:not([open]), dialog:not([open])`: an element
/// inside (or being) one of these cannot take focus.
fn unfocusable() -> &'static Option<Selector> {
    static SEL: OnceLock<Option<Selector>> = OnceLock::new();
    SEL.get_or_init(|| {
        Selector::parse("[inert], :disabled, [hidden], details:not([open]), dialog:not([open])")
            .ok()
    })
}

/// `elementIsFocusable` inside a template's content: no inclusive ancestor up to the content
/// matches [`unfocusable`].
fn focusable(doc: &Document, el: Ix, content: Ix) -> bool {
    let Some(sel) = unfocusable() else {
        return true;
    };
    let mut cur = Some(el);
    while let Some(x) = cur {
        if x == content {
            break;
        }
        if doc.elem(x).is_some() && sel.matches(doc, doc.id_of(x)) {
            return false;
        }
        cur = doc.node(x).parent;
    }
    true
}

/// `withAutofocusFromFragment`, before the message is appended: finds the first focusable
/// `[autofocus]` element of the streams' templates (streams in order, looking each template
/// up as Turbo does) and gives it an id if it has none.
pub(crate) fn mark(tx: &mut Tx<'_>, streams: &[Ix]) -> Autofocus {
    let mut chosen = None;
    for &s in streams {
        let Ok(t) = element::template_element(tx, s) else {
            continue;
        };
        let doc = tx.doc();
        let Some(content) = element::contents(doc, t) else {
            continue;
        };
        let mut cur = doc.node(content).first_child;
        while let Some(n) = cur {
            if doc.elem(n).is_some_and(|e| e.attr("autofocus").is_some())
                && focusable(doc, n, content)
            {
                chosen = Some(n);
                break;
            }
            cur = doc.next_in(n, content);
        }
        if chosen.is_some() {
            break;
        }
    }
    let Some(el) = chosen else {
        return Autofocus { generated: None };
    };
    let doc = tx.doc();
    let is_form = doc.elem(el).is_some_and(|e| e.is_html("form"));
    if is_form && form_id_shadowed(doc, el) {
        // `form.id` is the control named "id": Turbo sets the id attribute to that
        // element's string form, and never finds it again as "its" id.
        let text = shadowing_control_name(doc, el);
        let _ = tx.set_attribute(el, "id", &text);
        return Autofocus { generated: None };
    }
    let own = doc.elem(el).and_then(|e| e.id()).unwrap_or("");
    if !own.is_empty() {
        return Autofocus { generated: None };
    }
    let id = format!("turbo-stream-autofocus-{}", uuid());
    let _ = tx.set_attribute(el, "id", &id);
    Autofocus {
        generated: Some(id),
    }
}

/// After the first round of actions: the first element with the generated id loses it.
pub(crate) fn finish(tx: &mut Tx<'_>, autofocus: &Autofocus) {
    let Some(id) = &autofocus.generated else {
        return;
    };
    let Some(el) = tx.doc().element_by_id_ix(id) else {
        return;
    };
    let doc = tx.doc();
    let shadowed = doc.elem(el).is_some_and(|e| e.is_html("form")) && form_id_shadowed(doc, el);
    if !shadowed {
        let _ = tx.remove_attribute(el, "id");
    }
}

/// `String(form.id)` for a form whose `id` is shadowed: the control's class, or
/// `RadioNodeList` when several controls are named `id`.
fn shadowing_control_name(doc: &Document, form: Ix) -> String {
    let mut found = Vec::new();
    let mut cur = doc.next_in(form, form);
    while let Some(n) = cur {
        if let Some(e) = doc.elem(n)
            && (e.attr("name") == Some("id") || e.id() == Some("id"))
            && e.name().ns == html5ever::ns!(html)
        {
            let class = match &*e.name().local {
                "button" => Some("HTMLButtonElement"),
                "fieldset" => Some("HTMLFieldSetElement"),
                "object" => Some("HTMLObjectElement"),
                "output" => Some("HTMLOutputElement"),
                "select" => Some("HTMLSelectElement"),
                "textarea" => Some("HTMLTextAreaElement"),
                "img" => Some("HTMLImageElement"),
                "input"
                    if e.attr("type")
                        .is_none_or(|t| !t.eq_ignore_ascii_case("image")) =>
                {
                    Some("HTMLInputElement")
                }
                _ => None,
            };
            if let Some(c) = class {
                found.push(c);
            }
        }
        cur = doc.next_in(n, form);
    }
    match found.as_slice() {
        [one] => format!("[object {one}]"),
        _ => "[object RadioNodeList]".to_owned(),
    }
}

/// Turbo's `uuid()`: 36 characters, dashes at 8, 13, 18 and 23, `4` at 14, one of `8`–`b`
/// at 19, and otherwise `Math.floor(Math.random() * 15)` in hex (so never `f`).
fn uuid() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut seed = RandomState::new().hash_one(COUNTER.fetch_add(1, Ordering::Relaxed)) | 1;
    let mut next = move |n: u64| {
        // xorshift64*
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        (seed.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) % n
    };
    let mut out = String::with_capacity(36);
    for i in 0..36 {
        let c = match i {
            8 | 13 | 18 | 23 => '-',
            14 => '4',
            19 => char::from_digit((next(4) + 8) as u32, 16).unwrap_or('8'),
            _ => char::from_digit(next(15) as u32, 16).unwrap_or('0'),
        };
        out.push(c);
    }
    out
}

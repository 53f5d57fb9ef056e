//! `:dir()`: the HTML directionality of an element.
//!
//! `dir="ltr"`/`"rtl"` decide; `dir="auto"` (and a `<bdi>` without `dir`) looks for the
//! first strong character: in the value of text-like inputs and textareas, otherwise in the
//! element's text, skipping `<bdi>`, `<script>`, `<style>`, `<textarea>` and elements with
//! a valid `dir`; none found is `ltr`. An `<input type=tel>` without `dir` is `ltr`.
//! Everything else inherits from its parent (the document element defaults to `ltr`).
//! `dir` only counts on HTML elements (an `<svg dir=rtl>` inherits, as in Chromium).

use html5ever::ns;

use super::forms::{input_type, input_value, textarea_value};
use super::state::PageState;
use crate::dom::{Document, ElementData, Ix, NodeData};

#[derive(Clone, Copy, PartialEq, Eq)]
enum DirAttr {
    Ltr,
    Rtl,
    Auto,
}

fn dir_attr(e: &ElementData) -> Option<DirAttr> {
    if e.name.ns != ns!(html) {
        return None;
    }
    let v = e.attr("dir")?;
    if v.eq_ignore_ascii_case("ltr") {
        Some(DirAttr::Ltr)
    } else if v.eq_ignore_ascii_case("rtl") {
        Some(DirAttr::Rtl)
    } else if v.eq_ignore_ascii_case("auto") {
        Some(DirAttr::Auto)
    } else {
        None
    }
}

/// Whether the element's directionality is `rtl`.
pub(crate) fn is_rtl(cx: &PageState, ix: Ix) -> bool {
    // Walk up to the first element that decides, then cache the chain.
    let doc = cx.doc;
    let mut chain = Vec::new();
    let mut cur = Some(ix);
    let mut result = false;
    while let Some(x) = cur {
        if let Some(&r) = cx.dir_cache.borrow().get(&x) {
            result = r;
            break;
        }
        let node = doc.node(x);
        let NodeData::Element(e) = &node.data else {
            break;
        };
        chain.push(x);
        let is_html = e.name.ns == ns!(html);
        match dir_attr(e) {
            Some(DirAttr::Ltr) => {
                result = false;
                break;
            }
            Some(DirAttr::Rtl) => {
                result = true;
                break;
            }
            None if is_html && &*e.name.local == "input" && input_type(e) == "tel" => {
                result = false;
                break;
            }
            Some(DirAttr::Auto) => {
                result = auto_is_rtl(doc, x, e);
                break;
            }
            None if is_html && &*e.name.local == "bdi" => {
                result = auto_is_rtl(doc, x, e);
                break;
            }
            None => cur = node.parent,
        }
    }
    let mut cache = cx.dir_cache.borrow_mut();
    for x in chain {
        cache.insert(x, result);
    }
    result
}

/// The auto directionality of an element (`None` → `ltr`).
fn auto_is_rtl(doc: &Document, ix: Ix, e: &ElementData) -> bool {
    if e.name.ns == ns!(html) {
        let local = &*e.name.local;
        let value = if local == "textarea" {
            Some(textarea_value(doc, ix))
        } else if local == "input"
            && matches!(
                input_type(e),
                "hidden"
                    | "text"
                    | "search"
                    | "tel"
                    | "url"
                    | "email"
                    | "password"
                    | "submit"
                    | "reset"
                    | "button"
            )
        {
            Some(input_value(e))
        } else {
            None
        };
        if let Some(v) = value {
            return first_strong(&v) == Some(true);
        }
    }
    // Contained text: descendants in tree order, skipping what has its own direction.
    let mut cur = doc.next_in(ix, ix);
    while let Some(x) = cur {
        match &doc.node(x).data {
            NodeData::Element(c) => {
                let skip = (c.name.ns == ns!(html)
                    && matches!(&*c.name.local, "bdi" | "script" | "style" | "textarea"))
                    || dir_attr(c).is_some();
                if skip {
                    cur = doc.next_skip(x, ix);
                    continue;
                }
            }
            NodeData::Text(t) => {
                if let Some(rtl) = first_strong(t) {
                    return rtl;
                }
            }
            _ => {}
        }
        cur = doc.next_in(x, ix);
    }
    false
}

/// The direction of the first strongly directional character: `Some(true)` for R/AL,
/// `Some(false)` for L.
fn first_strong(s: &str) -> Option<bool> {
    s.chars().find_map(strong_direction)
}

/// The strong bidi class of a character (`Some(true)` R or AL, `Some(false)` L), from the
/// Unicode ranges of the right-to-left scripts; every other alphabetic character is L.
fn strong_direction(c: char) -> Option<bool> {
    let u = c as u32;
    if u == 0x200F || u == 0x061C {
        return Some(true);
    }
    if u == 0x200E {
        return Some(false);
    }
    if let Some(rtl) = rtl_block(u) {
        return rtl;
    }
    c.is_alphabetic().then_some(false)
}

/// For code points in the right-to-left blocks: `Some(Some(true))` if strong R/AL,
/// `Some(None)` if weak or neutral (marks, digits, punctuation); `None` outside them.
fn rtl_block(u: u32) -> Option<Option<bool>> {
    let strong = Some(true);
    let weak = None;
    Some(match u {
        // Hebrew.
        0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7 => weak,
        0x0590..=0x05FF => strong,
        // Arabic.
        0x0600..=0x0607 | 0x0609..=0x060A | 0x060C | 0x060E..=0x061A => weak,
        0x064B..=0x065F | 0x0660..=0x066A | 0x0670 | 0x06D6..=0x06E4 | 0x06E7..=0x06ED => weak,
        0x06F0..=0x06F9 => weak,
        0x0600..=0x06FF => strong,
        // Syriac, Arabic Supplement, Thaana, NKo, Samaritan, Mandaic, Syriac Supplement,
        // Arabic Extended-B and -A.
        0x0711 | 0x0730..=0x074A | 0x07A6..=0x07B0 | 0x07EB..=0x07F3 | 0x07F6..=0x07F9 => weak,
        0x07FD | 0x0816..=0x0819 | 0x081B..=0x0823 | 0x0825..=0x0827 | 0x0829..=0x082D => weak,
        0x0859..=0x085B | 0x0890..=0x0891 | 0x0898..=0x089F | 0x08CA..=0x08FF => weak,
        0x0700..=0x08FF => strong,
        // Hebrew and Arabic presentation forms.
        0xFB1E | 0xFB29 | 0xFD3E..=0xFD3F | 0xFDFD..=0xFDFF => weak,
        0xFB1D..=0xFDFF | 0xFE70..=0xFEFE => strong,
        // Right-to-left scripts of the supplementary planes.
        0x10800..=0x10FFF | 0x1E800..=0x1EFFF => strong,
        _ => return None,
    })
}

//! Constraint validation as Chromium 156 runs it on a freshly loaded page: `:valid`,
//! `:invalid`, `:in-range`, `:out-of-range`.
//!
//! * Candidates: `input` (not hidden, reset, button or image), submit `button`s, `select`,
//!   `textarea`; not disabled, not `readonly` (any input type), not inside a `<datalist>`.
//! * Constraints: value missing (`required`; a radio group with a required member and no
//!   checked radio makes all its radios invalid; a required `<select>` showing its placeholder
//!   label option), type mismatch (`email`, `url`), `pattern` ([`super::pattern`]), range
//!   and step. `minlength`/`maxlength` only apply after user edits, so never here.
//! * `<form>` and `<fieldset>` are invalid when an element they hold (form owner or
//!   descendant) is, else valid.
//! * `:in-range`/`:out-of-range`: candidates of the number, range and date-like types; no
//!   valid value is in range, a valid value needs `min` or `max` (`range` always has them;
//!   `time` ranges may wrap around midnight).

use super::element::El;
use super::forms::{
    checkedness, display_size, has, html, input_type, input_value, is_date_like, is_disabled,
    is_submit_button, is_text_like, list_of_options, textarea_value,
};
use super::state::PageState;
use crate::dom::controls::syntax::{
    is_valid_absolute_url, is_valid_email, parse_float, parse_for_type, step_rules,
};
use crate::dom::{Document, ElementData, Ix};

/// Whether an element is a candidate for constraint validation.
fn will_validate(doc: &Document, ix: Ix, e: &ElementData) -> bool {
    let candidate_kind = match &*e.name.local {
        "input" => !matches!(input_type(e), "hidden" | "reset" | "button" | "image"),
        "button" => is_submit_button(e),
        "select" | "textarea" => true,
        _ => false,
    };
    if !candidate_kind || is_disabled(doc, ix) {
        return false;
    }
    if matches!(&*e.name.local, "input" | "textarea") && has(e, "readonly") {
        return false;
    }
    let mut p = doc.node(ix).parent;
    while let Some(a) = p {
        if html(doc, a).is_some_and(|d| d.is_html("datalist")) {
            return false;
        }
        p = doc.node(a).parent;
    }
    true
}

/// The (min, max, reversed) range of a number, range or date-like input, if it has range
/// limitations.
fn range_limits(e: &ElementData, t: &str) -> Option<(f64, f64, bool)> {
    let min = e.attr("min").and_then(|v| parse_for_type(t, v));
    let max = e.attr("max").and_then(|v| parse_for_type(t, v));
    let (min, max) = match t {
        "range" => (min.unwrap_or(0.0), max.unwrap_or(100.0)),
        "number" | "date" | "month" | "week" | "time" | "datetime-local" => {
            if min.is_none() && max.is_none() {
                return None;
            }
            (min.unwrap_or(f64::MIN), max.unwrap_or(f64::MAX))
        }
        _ => return None,
    };
    if t == "time" && max < min {
        return Some((min, max, true));
    }
    Some((min, max.max(min), false))
}

/// `Some(true)` for `:in-range`, `Some(false)` for `:out-of-range`, `None` for neither.
///
/// As Blink's `InputType::IsInRange`: a steppable input (number, range, date-like) with no
/// valid value is in range even without `min`/`max`; a valid value needs range limitations.
pub(crate) fn range_state(cx: &PageState, el: El) -> Option<bool> {
    let e = el.data();
    if !e.is_html("input") || !will_validate(cx.doc, el.ix, e) {
        return None;
    }
    let t = input_type(e);
    if !(t == "number" || t == "range" || is_date_like(t)) {
        return None;
    }
    let Some(v) = parse_for_type(t, &input_value(e)) else {
        return Some(true);
    };
    let (min, max, reversed) = range_limits(e, t)?;
    if t == "range" {
        return Some(true);
    }
    Some(if reversed {
        v >= min || v <= max
    } else {
        v >= min && v <= max
    })
}

/// Whether a number or date-like value breaks its `step`.
fn step_mismatch(e: &ElementData, t: &str, v: f64) -> bool {
    let Some((unit, default_step, default_base)) = step_rules(t) else {
        return false;
    };
    if t == "range" {
        return false;
    }
    let step = match e.attr("step") {
        Some(s) if s.trim().eq_ignore_ascii_case("any") => return false,
        Some(s) => match parse_float(s) {
            Some(n) if n > 0.0 => n,
            _ => default_step,
        },
        None => default_step,
    };
    let step = step * unit;
    let base = e
        .attr("min")
        .and_then(|m| parse_for_type(t, m))
        .or_else(|| e.attr("value").and_then(|m| parse_for_type(t, m)))
        .unwrap_or(default_base);
    let n = (v - base) / step;
    (n - n.round()).abs() > 1e-7 * n.abs().max(1.0)
}

/// `Some(true)` for `:valid`, `Some(false)` for `:invalid`, `None` for neither.
pub(crate) fn validity(cx: &PageState, ix: Ix) -> Option<bool> {
    if let Some(&v) = cx.validity_cache.borrow().get(&ix) {
        return v;
    }
    let v = compute_validity(cx, ix);
    cx.validity_cache.borrow_mut().insert(ix, v);
    v
}

fn compute_validity(cx: &PageState, ix: Ix) -> Option<bool> {
    let doc = cx.doc;
    let e = html(doc, ix)?;
    match &*e.name.local {
        "form" => {
            let owned = cx.forms().owned.get(&ix).map_or(&[][..], Vec::as_slice);
            Some(owned.iter().all(|&c| validity(cx, c) != Some(false)))
        }
        "fieldset" => {
            let mut cur = doc.next_in(ix, ix);
            while let Some(d) = cur {
                if html(doc, d).is_some_and(|c| {
                    matches!(&*c.name.local, "input" | "button" | "select" | "textarea")
                }) && validity(cx, d) == Some(false)
                {
                    return Some(false);
                }
                cur = doc.next_in(d, ix);
            }
            Some(true)
        }
        _ if will_validate(doc, ix, e) => Some(!suffers(cx, ix, e)),
        _ => None,
    }
}

/// Whether a candidate for constraint validation fails a constraint.
fn suffers(cx: &PageState, ix: Ix, e: &ElementData) -> bool {
    let doc = cx.doc;
    match &*e.name.local {
        "input" => {
            let t = input_type(e);
            let required = has(e, "required");
            let value = input_value(e);
            let el = cx.el(ix);
            match t {
                "checkbox" => return required && checkedness(cx, el) != Some(true),
                "radio" => {
                    let f = cx.forms();
                    return f.radio_group.get(&ix).is_some_and(|g| {
                        let g = &f.groups[*g];
                        g.required && g.checked.is_none()
                    });
                }
                "file" => return required,
                "color" | "range" | "submit" => return false,
                _ => {}
            }
            if value.is_empty() {
                return required;
            }
            let values: Vec<&str> = if t == "email" && has(e, "multiple") {
                value.split(',').collect()
            } else {
                vec![value.as_str()]
            };
            match t {
                "email" if values.iter().any(|v| !is_valid_email(v)) => return true,
                "url" if !is_valid_absolute_url(&value) => return true,
                _ => {}
            }
            if is_text_like(t)
                && let Some(pattern) = e.attr("pattern")
                && let Some(re) = super::pattern::Pattern::compile(pattern)
                && values.iter().any(|v| !re.matches_whole(v))
            {
                return true;
            }
            if (t == "number" || is_date_like(t))
                && let Some(v) = parse_for_type(t, &value)
            {
                if let Some((min, max, reversed)) = range_limits(e, t) {
                    let inside = if reversed {
                        v >= min || v <= max
                    } else {
                        v >= min && v <= max
                    };
                    if !inside {
                        return true;
                    }
                }
                return step_mismatch(e, t, v);
            }
            false
        }
        "select" => {
            if !has(e, "required") {
                return false;
            }
            let f = cx.forms();
            let options = list_of_options(doc, ix);
            let Some(first_selected) = options
                .iter()
                .copied()
                .find(|o| f.selected.get(o) == Some(&true))
            else {
                return true;
            };
            // The placeholder label option counts as no selection.
            !has(e, "multiple")
                && display_size(e) == 1
                && options.first() == Some(&first_selected)
                && doc.node(first_selected).parent == Some(ix)
                && option_value(doc, first_selected).is_empty()
        }
        "textarea" => has(e, "required") && textarea_value(doc, ix).is_empty(),
        _ => false,
    }
}

/// An option's value: its `value` attribute, else its text with whitespace collapsed.
fn option_value(doc: &Document, o: Ix) -> String {
    if let Some(v) = doc.elem(o).and_then(|e| e.attr("value")) {
        return v.to_owned();
    }
    doc.text_content(doc.id_of(o))
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

//! Input and textarea values, and the value sanitization of each input type.

use super::kinds::input_type;
use crate::dom::controls::{self, ValueMode, sanitize, value_mode};
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix};

// ---------------------------------------------------------------------------------------
// Values

/// An input's `value` IDL attribute.
pub(crate) fn input_value(doc: &Document, ix: Ix) -> String {
    doc.elem(ix).map(controls::input_value).unwrap_or_default()
}

/// `input.value = v`.
pub(crate) fn set_input_value(
    tx: &mut Tx<'_>,
    ix: Ix,
    v: &str,
) -> Result<(), crate::dom::DomError> {
    let t = input_type(tx.doc(), ix);
    match value_mode(t) {
        ValueMode::Value => {
            let s = sanitize(t, v, tx.doc().elem(ix));
            if let Some(f) = tx.form_mut(ix) {
                f.value = Some(s);
                f.value_dirty = true;
            }
            Ok(())
        }
        ValueMode::Default | ValueMode::DefaultOn => tx.set_attribute(ix, "value", v),
        ValueMode::Filename => Ok(()),
    }
}

/// A textarea's raw value.
pub(crate) fn textarea_value(doc: &Document, ix: Ix) -> String {
    controls::textarea_value(doc, ix)
}

/// `textarea.value = v`.
pub(crate) fn set_textarea_value(tx: &mut Tx<'_>, ix: Ix, v: &str) {
    if let Some(f) = tx.form_mut(ix) {
        f.value = Some(v.to_owned());
        f.value_dirty = true;
    }
}

/// Before an attribute that decides an input's value changes, the value the browser keeps
/// (`non_attribute_value_`, for the value mode) is stored: from then on it is sticky.
/// Returns the input's type before the change.
pub(crate) fn before_change(tx: &mut Tx<'_>, el: Ix, name: &str) -> Option<&'static str> {
    if !super::is_input(tx.doc(), el) || !matches!(name, "value" | "type" | "min" | "max" | "step")
    {
        return None;
    }
    let t = input_type(tx.doc(), el);
    let stored = tx
        .doc()
        .elem(el)
        .and_then(|e| e.form_state())
        .is_some_and(|f| f.value.is_some());
    if value_mode(t) == ValueMode::Value && !stored {
        let v = input_value(tx.doc(), el);
        if let Some(f) = tx.form_mut(el) {
            f.value = Some(v);
        }
    }
    Some(t)
}

fn stored_value(doc: &Document, el: Ix) -> Option<(String, bool)> {
    let f = doc.elem(el)?.form_state()?;
    Some((f.value.clone()?, f.value_dirty))
}

/// The value an input of type `t` takes from its `value` attribute (sanitized), as when
/// its value is not dirty.
fn value_from_attribute(doc: &crate::dom::Document, el: Ix, t: &str) -> String {
    let e = doc.elem(el);
    sanitize(t, e.and_then(|e| e.attr("value")).unwrap_or(""), e)
}

/// After an attribute that decides an input's value changed (Chromium's `ParseAttribute`
/// for `value`, `UpdateType` for `type`, and a range's re-sanitizing on `min`/`max`/`step`).
pub(crate) fn after_change(
    tx: &mut Tx<'_>,
    el: Ix,
    name: &str,
    old_type: Option<&'static str>,
) -> Result<(), crate::dom::DomError> {
    let t = input_type(tx.doc(), el);
    let mode = value_mode(t);
    match name {
        "value" => {
            let dirty = stored_value(tx.doc(), el).is_some_and(|(_, d)| d);
            if mode == ValueMode::Value && !dirty {
                let v = value_from_attribute(tx.doc(), el, t);
                if let Some(f) = tx.form_mut(el) {
                    f.value = Some(v);
                }
            }
        }
        "type" => {
            let old_mode = value_mode(old_type.unwrap_or(t));
            match (old_mode, mode) {
                (ValueMode::Value, ValueMode::Value) => {
                    if let Some((v, _)) = stored_value(tx.doc(), el) {
                        let v = sanitize(t, &v, tx.doc().elem(el));
                        if let Some(f) = tx.form_mut(el) {
                            f.value = Some(v);
                        }
                    }
                }
                (ValueMode::Value, ValueMode::Default | ValueMode::DefaultOn) => {
                    if let Some((v, dirty)) = stored_value(tx.doc(), el) {
                        if dirty && !v.is_empty() {
                            tx.set_attribute(el, "value", &v)?;
                        }
                        if let Some(f) = tx.form_mut(el) {
                            f.value = None;
                            f.value_dirty = false;
                        }
                    }
                }
                (_, ValueMode::Value) => {
                    let v = value_from_attribute(tx.doc(), el, t);
                    if let Some(f) = tx.form_mut(el) {
                        f.value = Some(v);
                        f.value_dirty = false;
                    }
                }
                _ => {}
            }
        }
        "min" | "max" | "step" if t == "range" => {
            if let Some((v, _)) = stored_value(tx.doc(), el) {
                let v = sanitize(t, &v, tx.doc().elem(el));
                if let Some(f) = tx.form_mut(el) {
                    f.value = Some(v);
                }
            }
        }
        _ => {}
    }
    Ok(())
}

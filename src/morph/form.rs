//! The live state of form controls as idiomorph reads and writes it (morph.md §2.13, §3.4
//! item 3): input checkedness with radio groups, option selectedness with the select's
//! selectedness rules, input values with their sanitization, textarea raw values. The state
//! lives in [`FormState`](crate::dom::FormState); a field left unset is derived from the
//! attributes, as it is for a freshly parsed page.

use html5ever::ns;

use super::tx::Tx;
use crate::dom::{Document, ElementData, Ix, NodeData};

// ---------------------------------------------------------------------------------------
// Element kinds

fn html_elem<'d>(doc: &'d Document, ix: Ix, local: &str) -> Option<&'d ElementData> {
    doc.elem(ix).filter(|e| e.is_html(local))
}

pub(crate) fn is_input(doc: &Document, ix: Ix) -> bool {
    html_elem(doc, ix, "input").is_some()
}

/// The input's `type` IDL value: the attribute lower-cased if it names a known state, else
/// `text`.
pub(crate) fn input_type(doc: &Document, ix: Ix) -> &'static str {
    const TYPES: &[&str] = &[
        "hidden",
        "text",
        "search",
        "tel",
        "url",
        "email",
        "password",
        "date",
        "month",
        "week",
        "time",
        "datetime-local",
        "number",
        "range",
        "color",
        "checkbox",
        "radio",
        "file",
        "submit",
        "image",
        "reset",
        "button",
    ];
    let t = doc.elem(ix).and_then(|e| e.attr("type")).unwrap_or("");
    TYPES
        .iter()
        .find(|k| k.eq_ignore_ascii_case(t))
        .copied()
        .unwrap_or("text")
}

/// The input's value mode (HTML §4.10.5: value, default, default/on, filename).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueMode {
    Value,
    Default,
    DefaultOn,
    Filename,
}

fn value_mode(t: &str) -> ValueMode {
    match t {
        "hidden" | "submit" | "image" | "reset" | "button" => ValueMode::Default,
        "checkbox" | "radio" => ValueMode::DefaultOn,
        "file" => ValueMode::Filename,
        _ => ValueMode::Value,
    }
}

/// The element's `id` property: its id attribute, except for a `<form>` whose named
/// properties shadow `id` (a control or image it owns is named or id'd `id`), where the
/// property is an element, shown here as `None`.
pub(crate) fn id_property(doc: &Document, id: crate::dom::NodeId) -> Option<String> {
    let ix = doc.ix(id)?;
    let e = doc.elem(ix)?;
    if e.is_html("form") && form_id_shadowed(doc, ix) {
        return None;
    }
    Some(e.id().unwrap_or("").to_owned())
}

/// Whether a form's `id` property is shadowed by a control it owns named (or id'd) `id`.
pub(crate) fn form_id_shadowed(doc: &Document, form: Ix) -> bool {
    let mut cur = doc.next_in(form, form);
    while let Some(n) = cur {
        if let Some(e) = doc.elem(n) {
            let named_id = e.attr("name") == Some("id") || e.id() == Some("id");
            let listed = e.name().ns == ns!(html)
                && match &*e.name().local {
                    "button" | "fieldset" | "object" | "output" | "select" | "textarea" | "img" => {
                        true
                    }
                    "input" => input_type(doc, n) != "image",
                    _ => false,
                };
            if named_id && listed && form_owner(doc, n) == Some(form) {
                return true;
            }
        }
        cur = doc.next_in(n, form);
    }
    false
}

/// The nearest ancestor `<form>` (the parser's form owner; `form=` attributes are not
/// modelled).
fn form_owner(doc: &Document, ix: Ix) -> Option<Ix> {
    let mut p = doc.node(ix).parent;
    while let Some(x) = p {
        if html_elem(doc, x, "form").is_some() {
            return Some(x);
        }
        p = doc.node(x).parent;
    }
    None
}

fn tree_root(doc: &Document, mut ix: Ix) -> Ix {
    while let Some(p) = doc.node(ix).parent {
        ix = p;
    }
    ix
}

// ---------------------------------------------------------------------------------------
// Checkedness

fn is_radio(doc: &Document, ix: Ix) -> bool {
    is_input(doc, ix) && input_type(doc, ix) == "radio"
}

/// The other radio buttons of `ix`'s group: same non-empty name, same form owner, same tree.
fn radio_group(doc: &Document, ix: Ix) -> Vec<Ix> {
    let Some(name) = doc
        .elem(ix)
        .and_then(|e| e.attr("name"))
        .filter(|n| !n.is_empty())
    else {
        return Vec::new();
    };
    let owner = form_owner(doc, ix);
    let scope = owner.unwrap_or_else(|| tree_root(doc, ix));
    let mut out = Vec::new();
    let mut cur = Some(scope);
    while let Some(n) = cur {
        if n != ix
            && is_radio(doc, n)
            && doc.elem(n).and_then(|e| e.attr("name")) == Some(name)
            && form_owner(doc, n) == owner
        {
            out.push(n);
        }
        cur = doc.next_in(n, scope);
    }
    out
}

/// An input's checkedness.
pub(crate) fn checked(doc: &Document, ix: Ix) -> bool {
    let Some(e) = doc.elem(ix) else { return false };
    if let Some(v) = e.form_state().and_then(|f| f.checkedness) {
        return v;
    }
    let has = e.attr("checked").is_some();
    if !has || !is_radio(doc, ix) {
        return has;
    }
    // As parsed: a later checked radio of the same group unchecked this one.
    let group = radio_group(doc, ix);
    !group.iter().any(|&r| {
        doc.precedes(ix, r)
            && doc.elem(r).is_some_and(|e| {
                e.form_state().and_then(|f| f.checkedness).is_none() && e.attr("checked").is_some()
            })
    })
}

/// Sets checkedness (marking it dirty when `dirty`), unchecking the rest of a radio group.
pub(crate) fn set_checked(tx: &mut Tx<'_>, ix: Ix, value: bool, dirty: bool) {
    if value && is_radio(tx.doc(), ix) {
        for r in radio_group(tx.doc(), ix) {
            let implicit = tx
                .doc()
                .elem(r)
                .and_then(|e| e.form_state())
                .and_then(|f| f.checkedness)
                .is_none();
            if (checked(tx.doc(), r) || implicit)
                && let Some(f) = tx.form_mut(r)
            {
                f.checkedness = Some(false);
            }
        }
    }
    if let Some(f) = tx.form_mut(ix) {
        f.checkedness = Some(value);
        if dirty {
            f.checkedness_dirty = true;
        }
    }
}

fn checkedness_dirty(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix)
        .and_then(|e| e.form_state())
        .is_some_and(|f| f.checkedness_dirty)
}

// ---------------------------------------------------------------------------------------
// Selectedness

/// The `<select>` whose list of options holds `option`.
fn select_of(doc: &Document, option: Ix) -> Option<Ix> {
    let mut p = doc.node(option).parent;
    while let Some(x) = p {
        let e = doc.elem(x)?;
        if e.is_html("select") {
            return Some(x);
        }
        if e.is_html("datalist") || e.is_html("option") {
            return None;
        }
        p = doc.node(x).parent;
    }
    None
}

/// The select's list of options, in tree order.
fn options_of(doc: &Document, select: Ix) -> Vec<Ix> {
    let mut out = Vec::new();
    let mut cur = doc.next_in(select, select);
    while let Some(n) = cur {
        match doc.elem(n) {
            Some(e) if e.is_html("option") => {
                out.push(n);
                cur = doc.next_skip(n, select);
                continue;
            }
            Some(e) if e.is_html("select") || e.is_html("datalist") => {
                cur = doc.next_skip(n, select);
                continue;
            }
            _ => {}
        }
        cur = doc.next_in(n, select);
    }
    out
}

fn is_multiple(doc: &Document, select: Ix) -> bool {
    doc.elem(select)
        .is_some_and(|e| e.attr("multiple").is_some())
}

fn display_size(doc: &Document, select: Ix) -> u64 {
    let e = doc.elem(select);
    let size = e
        .and_then(|e| e.attr("size"))
        .and_then(parse_non_negative_integer)
        .filter(|&n| n > 0);
    size.unwrap_or(if is_multiple(doc, select) { 4 } else { 1 })
}

/// HTML's "rules for parsing non-negative integers".
fn parse_non_negative_integer(s: &str) -> Option<u64> {
    let t = s.trim_start_matches(['\t', '\n', '\u{c}', '\r', ' ']);
    let t = t.strip_prefix('+').unwrap_or(t);
    let digits: &str = &t[..t.bytes().take_while(u8::is_ascii_digit).count()];
    if digits.is_empty() {
        return None;
    }
    Some(digits.parse::<u64>().unwrap_or(u64::MAX))
}

fn option_disabled(doc: &Document, option: Ix) -> bool {
    if doc
        .elem(option)
        .is_some_and(|e| e.attr("disabled").is_some())
    {
        return true;
    }
    doc.node(option)
        .parent
        .and_then(|p| doc.elem(p))
        .is_some_and(|e| e.is_html("optgroup") && e.attr("disabled").is_some())
}

fn explicit_selectedness(doc: &Document, option: Ix) -> Option<bool> {
    doc.elem(option)
        .and_then(|e| e.form_state())
        .and_then(|f| f.selectedness)
}

/// Every option's selectedness as the parser leaves it (no explicit state anywhere).
fn default_selectedness(doc: &Document, select: Ix, options: &[Ix]) -> Vec<bool> {
    let has = |o: Ix| doc.elem(o).is_some_and(|e| e.attr("selected").is_some());
    let mut v: Vec<bool> = options.iter().map(|&o| has(o)).collect();
    if !is_multiple(doc, select) {
        if let Some(last) = v.iter().rposition(|&b| b) {
            v.iter_mut().enumerate().for_each(|(i, b)| *b = i == last);
        } else if display_size(doc, select) == 1
            && let Some(first) = options.iter().position(|&o| !option_disabled(doc, o))
        {
            v[first] = true;
        }
    }
    v
}

/// An option's selectedness.
pub(crate) fn selected(doc: &Document, option: Ix) -> bool {
    if let Some(v) = explicit_selectedness(doc, option) {
        return v;
    }
    let Some(select) = select_of(doc, option) else {
        return doc
            .elem(option)
            .is_some_and(|e| e.attr("selected").is_some());
    };
    let options = options_of(doc, select);
    let defaults = default_selectedness(doc, select, &options);
    options
        .iter()
        .position(|&o| o == option)
        .map(|i| defaults[i])
        .unwrap_or(false)
}

/// Gives every option of the select an explicit selectedness equal to its current one.
fn materialize(tx: &mut Tx<'_>, select: Ix) -> Vec<Ix> {
    let options = options_of(tx.doc(), select);
    let current: Vec<bool> = options.iter().map(|&o| selected(tx.doc(), o)).collect();
    for (&o, &v) in options.iter().zip(&current) {
        if explicit_selectedness(tx.doc(), o).is_none()
            && let Some(f) = tx.form_mut(o)
        {
            f.selectedness = Some(v);
        }
    }
    options
}

/// Sets an option's selectedness (dirty when `dirty`), then lets its select react as
/// Chromium's does: selecting deselects the others of a single select; a single select of
/// display size 1 left with nothing selected selects its first enabled option.
pub(crate) fn set_selected(tx: &mut Tx<'_>, option: Ix, value: bool, dirty: bool) {
    let select = select_of(tx.doc(), option);
    let options = match select {
        Some(s) => materialize(tx, s),
        None => Vec::new(),
    };
    if let Some(f) = tx.form_mut(option) {
        f.selectedness = Some(value);
        if dirty {
            f.selectedness_dirty = true;
        }
    }
    let Some(select) = select else { return };
    if is_multiple(tx.doc(), select) {
        return;
    }
    if value {
        for &o in &options {
            if o != option
                && explicit_selectedness(tx.doc(), o) == Some(true)
                && let Some(f) = tx.form_mut(o)
            {
                f.selectedness = Some(false);
            }
        }
    } else if display_size(tx.doc(), select) == 1
        && !options
            .iter()
            .any(|&o| explicit_selectedness(tx.doc(), o) == Some(true))
        && let Some(&first) = options.iter().find(|&&o| !option_disabled(tx.doc(), o))
        && let Some(f) = tx.form_mut(first)
    {
        f.selectedness = Some(true);
    }
}

fn selectedness_dirty(doc: &Document, ix: Ix) -> bool {
    doc.elem(ix)
        .and_then(|e| e.form_state())
        .is_some_and(|f| f.selectedness_dirty)
}

// ---------------------------------------------------------------------------------------
// Attribute changes that reach the live state

/// Called after the morph set (`present`) or removed an attribute of an old element: the
/// browser updates non-dirty checkedness and selectedness from `checked` and `selected`.
pub(crate) fn attribute_changed(tx: &mut Tx<'_>, el: Ix, name: &str, present: bool) {
    let doc = tx.doc();
    let Some(e) = doc.elem(el) else { return };
    if e.name().ns != ns!(html) {
        return;
    }
    match (&*e.name().local, name) {
        ("input", "checked") if !checkedness_dirty(doc, el) => set_checked(tx, el, present, false),
        ("option", "selected") if !selectedness_dirty(doc, el) => {
            set_selected(tx, el, present, false)
        }
        ("input", "type") => type_changed(tx, el),
        _ => {}
    }
}

/// An input whose `type` changed from a default mode to the value mode starts over from its
/// `value` attribute (HTML "type attribute change" steps).
fn type_changed(tx: &mut Tx<'_>, el: Ix) {
    let mode = value_mode(input_type(tx.doc(), el));
    let has_state = tx
        .doc()
        .elem(el)
        .and_then(|e| e.form_state())
        .is_some_and(|f| f.value.is_some());
    if mode != ValueMode::Value
        && has_state
        && let Some(f) = tx.form_mut(el)
    {
        f.value = None;
        f.value_dirty = false;
    }
}

// ---------------------------------------------------------------------------------------
// Values

/// An input's `value` IDL attribute.
pub(crate) fn input_value(doc: &Document, ix: Ix) -> String {
    let t = input_type(doc, ix);
    let attr = doc.elem(ix).and_then(|e| e.attr("value"));
    match value_mode(t) {
        ValueMode::Value => match doc
            .elem(ix)
            .and_then(|e| e.form_state())
            .and_then(|f| f.value.clone())
        {
            Some(v) => v,
            None => sanitize(t, attr.unwrap_or(""), doc.elem(ix)),
        },
        ValueMode::Default => attr.unwrap_or("").to_owned(),
        ValueMode::DefaultOn => attr.unwrap_or("on").to_owned(),
        ValueMode::Filename => String::new(),
    }
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

/// A textarea's raw value: its child text until something set it.
pub(crate) fn textarea_value(doc: &Document, ix: Ix) -> String {
    if let Some(v) = doc
        .elem(ix)
        .and_then(|e| e.form_state())
        .and_then(|f| f.value.clone())
    {
        return v;
    }
    let mut s = String::new();
    let mut c = doc.node(ix).first_child;
    while let Some(k) = c {
        if let NodeData::Text(t) = &doc.node(k).data {
            s.push_str(t);
        }
        c = doc.node(k).next_sibling;
    }
    // The API value normalizes newlines.
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// `textarea.value = v`.
pub(crate) fn set_textarea_value(tx: &mut Tx<'_>, ix: Ix, v: &str) {
    if let Some(f) = tx.form_mut(ix) {
        f.value = Some(v.to_owned());
        f.value_dirty = true;
    }
}

fn strip_newlines(s: &str) -> String {
    s.chars().filter(|&c| c != '\n' && c != '\r').collect()
}

fn trim_ascii_ws(s: &str) -> &str {
    s.trim_matches(['\t', '\n', '\u{c}', '\r', ' '])
}

/// The value sanitization algorithm of each input type.
fn sanitize(t: &str, v: &str, el: Option<&ElementData>) -> String {
    match t {
        "text" | "search" | "tel" | "password" => strip_newlines(v),
        "url" => trim_ascii_ws(&strip_newlines(v)).to_owned(),
        "email" => {
            let v = strip_newlines(v);
            if el.is_some_and(|e| e.attr("multiple").is_some()) {
                v.split(',')
                    .map(trim_ascii_ws)
                    .collect::<Vec<_>>()
                    .join(",")
            } else {
                trim_ascii_ws(&v).to_owned()
            }
        }
        "number" => {
            if is_valid_float(v) {
                v.to_owned()
            } else {
                String::new()
            }
        }
        "range" => sanitize_range(v, el),
        "color" => {
            let ok =
                v.len() == 7 && v.starts_with('#') && v[1..].bytes().all(|b| b.is_ascii_hexdigit());
            if ok {
                v.to_ascii_lowercase()
            } else {
                "#000000".to_owned()
            }
        }
        "date" => keep_if(v, is_valid_date),
        "month" => keep_if(v, is_valid_month),
        "week" => keep_if(v, is_valid_week),
        "time" => keep_if(v, is_valid_time),
        "datetime-local" => normalize_datetime_local(v),
        _ => v.to_owned(),
    }
}

fn keep_if(v: &str, ok: fn(&str) -> bool) -> String {
    if ok(v) { v.to_owned() } else { String::new() }
}

/// HTML "valid floating-point number".
fn is_valid_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i = 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s2 = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - s2;
        if frac_digits == 0 {
            return false;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let s3 = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s3 {
            return false;
        }
    }
    i == b.len() && s.parse::<f64>().is_ok_and(f64::is_finite)
}

fn sanitize_range(v: &str, el: Option<&ElementData>) -> String {
    let num = |name: &str, default: f64| {
        el.and_then(|e| e.attr(name))
            .filter(|s| is_valid_float(s))
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(default)
    };
    let min = num("min", 0.0);
    let mut max = num("max", 100.0);
    if max < min {
        max = min;
    }
    let default = if max < min {
        min
    } else {
        min + (max - min) / 2.0
    };
    let mut x = if is_valid_float(v) {
        v.parse::<f64>().unwrap_or(default)
    } else {
        default
    };
    x = x.clamp(min, max);
    let step = el
        .and_then(|e| e.attr("step"))
        .and_then(|s| {
            if s.eq_ignore_ascii_case("any") {
                Some(None)
            } else {
                s.parse::<f64>()
                    .ok()
                    .filter(|f| *f > 0.0 && is_valid_float(s))
                    .map(Some)
            }
        })
        .unwrap_or(Some(1.0));
    if let Some(step) = step {
        let base = min;
        let n = ((x - base) / step).round();
        let mut y = base + n * step;
        if y > max {
            y -= step;
        }
        x = y;
    }
    format_number(x)
}

/// JavaScript's `Number.prototype.toString` for the values a range produces.
fn format_number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e21 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        _ => 28,
    }
}

fn year(s: &str) -> Option<u32> {
    (s.len() >= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
        .filter(|&y| y > 0)
}

fn is_valid_month(s: &str) -> bool {
    let Some((y, m)) = s.rsplit_once('-') else {
        return false;
    };
    year(y).is_some() && digits(m, 2).is_some_and(|m| (1..=12).contains(&m))
}

fn is_valid_date(s: &str) -> bool {
    let mut it = s.rsplitn(3, '-');
    let (Some(d), Some(m), Some(y)) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    let (Some(y), Some(m), Some(d)) = (year(y), digits(m, 2), digits(d, 2)) else {
        return false;
    };
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

fn is_valid_week(s: &str) -> bool {
    let Some((y, w)) = s.split_once("-W") else {
        return false;
    };
    let (Some(y), Some(w)) = (year(y), digits(w, 2)) else {
        return false;
    };
    // Years whose 1 January is a Thursday, or a Wednesday in a leap year, have 53 weeks.
    let jan1 = weekday(y, 1, 1);
    let leap = days_in_month(y, 2) == 29;
    let max = if jan1 == 4 || (leap && jan1 == 3) {
        53
    } else {
        52
    };
    (1..=max).contains(&w)
}

/// Day of the week (0 = Sunday) by Zeller's congruence.
fn weekday(y: u32, m: u32, d: u32) -> u32 {
    let (y, m) = if m < 3 { (y - 1, m + 12) } else { (y, m) };
    let k = y % 100;
    let j = y / 100;
    let h = (d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;
    (h + 6) % 7
}

fn is_valid_time(s: &str) -> bool {
    let (hm, sec) = match s.len() {
        5 => (s, None),
        _ => (s.get(..5).unwrap_or(""), s.get(5..)),
    };
    let Some((h, m)) = hm.split_once(':') else {
        return false;
    };
    let (Some(h), Some(m)) = (digits(h, 2), digits(m, 2)) else {
        return false;
    };
    if h > 23 || m > 59 {
        return false;
    }
    match sec {
        None => true,
        Some(rest) => {
            let Some(rest) = rest.strip_prefix(':') else {
                return false;
            };
            let (sec, frac) = match rest.split_once('.') {
                Some((s, f)) => (s, Some(f)),
                None => (rest, None),
            };
            digits(sec, 2).is_some_and(|s| s <= 59)
                && frac.is_none_or(|f| {
                    (1..=3).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit())
                })
        }
    }
}

fn normalize_datetime_local(v: &str) -> String {
    let Some(i) = v.find(['T', ' ']) else {
        return String::new();
    };
    let (date, time) = (&v[..i], &v[i + 1..]);
    if !is_valid_date(date) || !is_valid_time(time) {
        return String::new();
    }
    // The normalized form drops zero seconds and uses "T".
    let mut t = time.to_owned();
    if let Some(stripped) = t
        .strip_suffix(".000")
        .or_else(|| t.strip_suffix(".00"))
        .or_else(|| t.strip_suffix(".0"))
    {
        t = stripped.to_owned();
    }
    if t.len() == 8 && t.ends_with(":00") {
        t.truncate(5);
    }
    format!("{date}T{t}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats() {
        for ok in ["1", "-1", "1.5", ".5", "1e3", "1E-3", "0"] {
            assert!(is_valid_float(ok), "{ok}");
        }
        for bad in ["", "abc", "1.", "+1", "1e", " 1", "--1", "Infinity"] {
            assert!(!is_valid_float(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(is_valid_month("2024-12"));
        assert!(is_valid_week("2020-W53"));
        assert!(!is_valid_week("2021-W53"));
        assert!(is_valid_time("23:59:59.999"));
        assert!(!is_valid_time("24:00"));
        assert_eq!(
            normalize_datetime_local("2024-01-02 10:00:00"),
            "2024-01-02T10:00"
        );
    }
}

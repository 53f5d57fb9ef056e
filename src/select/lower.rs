//! Writes an [`ast`](super::ast) selector list as canonical CSS that the `selectors` crate
//! parses with [`super::engine::CanonicalParser`], with Chromium's matching rules made
//! explicit:
//!
//! * what never matches on a server page becomes `:not(*)`;
//! * `:is()`/`:where()`/`:-webkit-any()` become `:is()` (specificity plays no part here);
//! * `:scope` and `&` become `:scope` (the document element in a document-wide query);
//! * `:nth-*()` with `A` or `B` outside `i32::MIN / 2 ..= i32::MAX / 2` never match (Blink
//!   gives up on them);
//! * attribute values get an explicit `s` flag unless HTML's legacy case-insensitive
//!   attribute list applies (Chromium, like the `selectors` crate, applies it to HTML
//!   elements only, and only without a namespace prefix).

use std::fmt::Write;

use cssparser::{ToCss, serialize_identifier, serialize_string};

use super::ast::*;

/// The canonical text of a selector list.
pub(crate) fn lower(list: &[Complex]) -> String {
    let mut out = String::new();
    write_list(&mut out, list);
    out
}

/// Whether no element can match any selector of the list.
pub(crate) fn never_matches(list: &[Complex]) -> bool {
    list.iter().all(|c| {
        compound_never(&c.first) || c.rest.iter().any(|(_, compound)| compound_never(compound))
    })
}

fn compound_never(c: &Compound) -> bool {
    c.ty.as_ref().is_some_and(|t| t.ns == NsSel::None)
        || c.simples.iter().any(|s| match s {
            Simple::Never => true,
            Simple::Is(list) => never_matches(list),
            _ => false,
        })
}

fn write_list(out: &mut String, list: &[Complex]) {
    for (i, c) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_complex(out, c);
    }
}

fn write_complex(out: &mut String, c: &Complex) {
    write_compound(out, &c.first);
    for (comb, compound) in &c.rest {
        out.push_str(combinator(*comb));
        write_compound(out, compound);
    }
}

fn combinator(c: Combinator) -> &'static str {
    match c {
        Combinator::Descendant => " ",
        Combinator::Child => " > ",
        Combinator::NextSibling => " + ",
        Combinator::LaterSibling => " ~ ",
    }
}

fn write_compound(out: &mut String, c: &Compound) {
    match &c.ty {
        Some(t) => {
            if t.ns == NsSel::None {
                out.push('|');
            }
            match &t.name {
                Some(n) => ident(out, n),
                None => out.push('*'),
            }
        }
        None if c.simples.is_empty() => out.push('*'),
        None => {}
    }
    for s in &c.simples {
        write_simple(out, s);
    }
}

fn write_simple(out: &mut String, s: &Simple) {
    match s {
        Simple::Id(id) => {
            out.push('#');
            ident(out, id);
        }
        Simple::Class(class) => {
            out.push('.');
            ident(out, class);
        }
        Simple::Attr(a) => write_attr(out, a),
        Simple::Structural(st) => {
            out.push(':');
            out.push_str(st.name());
        }
        Simple::Nth { kind, a, b, of } => {
            const LIMITS: std::ops::RangeInclusive<i32> = (i32::MIN / 2)..=(i32::MAX / 2);
            if !LIMITS.contains(a) || !LIMITS.contains(b) {
                out.push_str(":not(*)");
                return;
            }
            out.push_str(match kind {
                NthKind::Child => ":nth-child(",
                NthKind::LastChild => ":nth-last-child(",
                NthKind::OfType => ":nth-of-type(",
                NthKind::LastOfType => ":nth-last-of-type(",
            });
            let _ = write!(out, "{a}n{b:+}");
            if let Some(of) = of {
                out.push_str(" of ");
                write_list(out, of);
            }
            out.push(')');
        }
        Simple::Is(list) if list.is_empty() => out.push_str(":not(*)"),
        Simple::Is(list) => {
            out.push_str(":is(");
            write_list(out, list);
            out.push(')');
        }
        Simple::Not(list) => {
            out.push_str(":not(");
            write_list(out, list);
            out.push(')');
        }
        Simple::Has(list) => {
            out.push_str(":has(");
            for (i, r) in list.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(match r.lead {
                    Combinator::Descendant => "",
                    Combinator::Child => "> ",
                    Combinator::NextSibling => "+ ",
                    Combinator::LaterSibling => "~ ",
                });
                write_complex(out, &r.complex);
            }
            out.push(')');
        }
        Simple::State(pc) => {
            let _ = pc.to_css(out);
        }
        Simple::Never => out.push_str(":not(*)"),
    }
}

fn write_attr(out: &mut String, a: &AttrSel) {
    out.push('[');
    if a.ns == NsSel::Any {
        out.push_str("*|");
    }
    ident(out, &a.name);
    if let Some((op, value, insensitive)) = &a.value {
        out.push_str(match op {
            AttrOp::Equal => "=",
            AttrOp::Includes => "~=",
            AttrOp::DashMatch => "|=",
            AttrOp::Prefix => "^=",
            AttrOp::Suffix => "$=",
            AttrOp::Substring => "*=",
        });
        let _ = serialize_string(value, out);
        if *insensitive {
            out.push_str(" i");
        } else if a.prefixed || !is_legacy_case_insensitive(&a.name) {
            out.push_str(" s");
        }
    }
    out.push(']');
}

fn ident(out: &mut String, s: &str) {
    let _ = serialize_identifier(s, out);
}

/// HTML's attributes whose values selectors compare ASCII-case-insensitively on HTML
/// elements (the HTML standard's list, as Blink and the `selectors` crate have it).
fn is_legacy_case_insensitive(name: &str) -> bool {
    matches!(
        name,
        "accept"
            | "accept-charset"
            | "align"
            | "alink"
            | "axis"
            | "bgcolor"
            | "charset"
            | "checked"
            | "clear"
            | "codetype"
            | "color"
            | "compact"
            | "declare"
            | "defer"
            | "dir"
            | "direction"
            | "disabled"
            | "enctype"
            | "face"
            | "frame"
            | "hreflang"
            | "http-equiv"
            | "lang"
            | "language"
            | "link"
            | "media"
            | "method"
            | "multiple"
            | "nohref"
            | "noresize"
            | "noshade"
            | "nowrap"
            | "readonly"
            | "rel"
            | "rev"
            | "rules"
            | "scope"
            | "scrolling"
            | "selected"
            | "shape"
            | "target"
            | "text"
            | "type"
            | "valign"
            | "valuetype"
            | "vlink"
    )
}

//! How idiomorph 0.7.4 turns a string into "new content" (morph.md §2.2 step 4 and the
//! oracle's `idiomorph` parse context). Not a fragment parse: a `DOMParser` document parse,
//! in quirks mode unless the string carries a doctype, with scripting disabled.

use std::borrow::Cow;

use super::parse_document;
use crate::dom::{Fragment, Ix, NodeData};

/// Which of idiomorph's three ways of reading a string was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdiomorphBranch {
    /// The string (SVG blocks aside) contains `</html>`: the new parent is the parsed
    /// document itself (doctype and comments around `<html>` included).
    Document,
    /// It contains `</head>` or `</body>`: the new parent is the parsed document's first
    /// child (normally `<html>`, whose children are `<head>` and `<body>`).
    FirstChild,
    /// Anything else: the content of the `<template>` in
    /// `<body><template>` + string + `</template></body>`.
    Template,
}

/// Parses a string the way idiomorph 0.7.4 does before morphing. The fragment's root is the
/// "new parent" whose children idiomorph morphs in.
///
/// ```
/// use domorph::parse::{parse_idiomorph, IdiomorphBranch};
/// // Quirks mode: a <table> does not close an open <p>.
/// let (f, branch) = parse_idiomorph("<p>a<table></table></p>");
/// assert_eq!(branch, IdiomorphBranch::Template);
/// assert_eq!(f.to_html(), "<p>a<table></table></p>");
/// ```
pub fn parse_idiomorph(html: &str) -> (Fragment, IdiomorphBranch) {
    let probe = strip_svg_blocks(html);
    if probe.contains("</html>") {
        let doc = parse_document(html, false);
        let root = doc.root_ix();
        return (Fragment::new(doc, root), IdiomorphBranch::Document);
    }
    if probe.contains("</head>") || probe.contains("</body>") {
        let doc = parse_document(html, false);
        let root = doc.root_ix();
        let first = doc.node(root).first_child.unwrap_or(root);
        return (Fragment::new(doc, first), IdiomorphBranch::FirstChild);
    }
    let mut wrapped = String::with_capacity(html.len() + 37);
    wrapped.push_str("<body><template>");
    wrapped.push_str(html);
    wrapped.push_str("</template></body>");
    let mut doc = parse_document(&wrapped, false);
    let content = first_template_in_body(&doc).and_then(|t| doc.elem(t)?.template_contents());
    let root = match content {
        Some(c) => c,
        // Cannot happen (the wrapper always yields a template); an empty fragment is the
        // safe answer.
        None => doc.alloc(NodeData::Fragment),
    };
    (Fragment::new(doc, root), IdiomorphBranch::Template)
}

/// `document.body.querySelector('template')`.
fn first_template_in_body(doc: &crate::dom::Document) -> Option<Ix> {
    let body = doc.body().and_then(|b| doc.ix(b))?;
    let mut cur = doc.next_in(body, body);
    while let Some(n) = cur {
        if doc.elem(n).is_some_and(|e| e.is_html("template")) {
            return Some(n);
        }
        cur = doc.next_in(n, body);
    }
    None
}

/// JavaScript's `\s`.
pub(crate) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `s.replace(/<svg(\s[^>]*>|>)([\s\S]*?)<\/svg>/gim, '')`, used by idiomorph only to decide
/// which branch to take. The `i` flag folds ASCII letters only (no `u` flag).
pub(crate) fn strip_svg_blocks(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut copied = 0; // bytes of `s` already copied to `out`
    let mut i = 0;
    // Attempts start at increasing positions, so the next `>` and the next `</svg>` are
    // found with forward-only cursors: linear time even for "<svg <svg <svg …".
    let mut next_gt = NextMatch::default();
    let mut next_close = NextMatch::default();
    while let Some(off) = find_ci(&b[i..], b"<svg") {
        let start = i + off;
        let after = start + 4;
        // (\s[^>]*>|>)
        let tag_end = match s[after..].chars().next() {
            Some('>') => Some(after + 1),
            Some(c) if is_js_space(c) => next_gt.find(b, after + c.len_utf8(), b">").map(|p| p + 1),
            _ => None,
        };
        let end = tag_end.and_then(|t| next_close.find(b, t, b"</svg>").map(|p| p + 6));
        match end {
            Some(e) => {
                out.push_str(&s[copied..start]);
                copied = e;
                i = e;
            }
            None => i = start + 1,
        }
    }
    if copied == 0 {
        Cow::Borrowed(s)
    } else {
        out.push_str(&s[copied..]);
        Cow::Owned(out)
    }
}

/// A forward-only search: the first match at or after a position that never decreases.
#[derive(Default)]
struct NextMatch {
    /// `Some(Some(p))`: next match at p; `Some(None)`: no match after `from`.
    found: Option<Option<usize>>,
    from: usize,
}

impl NextMatch {
    fn find(&mut self, hay: &[u8], at: usize, needle: &[u8]) -> Option<usize> {
        match self.found {
            Some(Some(p)) if p >= at => return Some(p),
            Some(None) if at >= self.from => return None,
            _ => {}
        }
        let r = find_ci(&hay[at..], needle).map(|p| at + p);
        self.found = Some(r);
        self.from = at;
        r
    }
}

/// First position of the ASCII `needle` in `hay`, ASCII case-insensitively.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::strip_svg_blocks;

    #[test]
    fn strips_like_the_javascript_regex() {
        assert_eq!(strip_svg_blocks("a<svg><title>x</title></svg>b"), "ab");
        assert_eq!(
            strip_svg_blocks("a<SVG viewBox=1>x</sVg>b<svg>y</svg>c"),
            "abc"
        );
        // `<svgx>` is not an svg tag; an svg without a closing tag stays.
        assert_eq!(strip_svg_blocks("<svgx>a</svg>"), "<svgx>a</svg>");
        assert_eq!(strip_svg_blocks("<svg>a"), "<svg>a");
        // The first </svg> ends the block (not nesting-aware).
        assert_eq!(
            strip_svg_blocks("<svg><svg></svg></body></svg>"),
            "</body></svg>"
        );
        // Non-breaking space counts as \s in JavaScript.
        assert_eq!(strip_svg_blocks("<svg\u{a0}x></svg>z"), "z");
    }
}

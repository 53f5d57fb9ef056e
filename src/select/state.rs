//! Answers for the pseudo-classes that depend on the page: what a freshly loaded page shows
//! in Chromium, with nothing focused, hovered or visited, plus whatever live form state the
//! DOM records ([`crate::dom::FormState`]).
//!
//! Everything here was decided against the browser (see `fixtures/oracle/README.md`):
//!
//! * `:link`/`:any-link`: HTML `<a>`/`<area>` with `href`, SVG `<a>` with `href` or
//!   `xlink:href` (not `<link>`);
//! * `:defined`: not a custom element (a valid custom element name, or any HTML element
//!   created with an `is` attribute), except Turbo's own `turbo-frame`, `turbo-stream` and
//!   `turbo-stream-source`, which Turbo defines;
//! * `:open`: `<details open>` and `<dialog open>`;
//! * `:lang()`: the nearest `xml:lang` or `lang` attribute; the range matches that tag or a
//!   longer one after a `-`, ASCII-case-insensitively (no default language);
//! * `:dir()`: the HTML directionality algorithm ([`super::dir`]);
//! * the form pseudo-classes: [`super::forms`] and [`super::validity`].

use std::cell::{OnceCell, RefCell};

use html5ever::ns;
use rustc_hash::FxHashMap;

use super::element::El;
use super::forms::FormIndex;
use super::pseudo::{PseudoClass, StateClass};
use crate::dom::{Document, ElementData, Ix, NodeData};

/// Per-query state: the document and what was computed about it on demand (form owners,
/// radio groups, option selectedness, directionality).
pub(crate) struct PageState<'a> {
    pub(crate) doc: &'a Document,
    forms: OnceCell<FormIndex>,
    /// Element → whether its directionality is `rtl` ([`super::dir`]).
    pub(crate) dir_cache: RefCell<FxHashMap<Ix, bool>>,
    /// Element → its `:valid` (`Some(true)`) / `:invalid` answer ([`super::validity`]).
    pub(crate) validity_cache: RefCell<FxHashMap<Ix, Option<bool>>>,
}

impl<'a> PageState<'a> {
    pub(crate) fn new(doc: &'a Document) -> PageState<'a> {
        PageState {
            doc,
            forms: OnceCell::new(),
            dir_cache: RefCell::default(),
            validity_cache: RefCell::default(),
        }
    }

    /// The element at `ix` (which must be an element).
    pub(crate) fn el(&'a self, ix: Ix) -> El<'a> {
        El { cx: self, ix }
    }

    /// The form index, built by one walk of the document the first time it is needed.
    pub(crate) fn forms(&self) -> &FormIndex {
        self.forms.get_or_init(|| FormIndex::build(self.doc))
    }

    /// Whether `el` matches the page-dependent pseudo-class `pc`.
    pub(crate) fn matches_state(&'a self, el: El<'a>, pc: &PseudoClass) -> bool {
        let e = el.data();
        let state = match pc {
            PseudoClass::State(s) => *s,
            PseudoClass::Lang(range) => return lang_matches(self.doc, el.ix, range),
            PseudoClass::Dir(d) => {
                return if d.eq_ignore_ascii_case("rtl") {
                    super::dir::is_rtl(self, el.ix)
                } else if d.eq_ignore_ascii_case("ltr") {
                    !super::dir::is_rtl(self, el.ix)
                } else {
                    false
                };
            }
        };
        match state {
            StateClass::Link => is_link(e),
            StateClass::Defined => is_defined(e),
            StateClass::Open => {
                e.name.ns == ns!(html)
                    && matches!(&*e.name.local, "details" | "dialog")
                    && e.attr("open").is_some()
            }
            StateClass::Checked => super::forms::is_checked(self, el),
            StateClass::Default => super::forms::is_default(self, el),
            StateClass::Disabled => super::forms::is_disabled(self.doc, el.ix),
            StateClass::Enabled => super::forms::is_enabled(self.doc, el.ix),
            StateClass::Indeterminate => super::forms::is_indeterminate(self, el),
            StateClass::InRange => super::validity::range_state(self, el) == Some(true),
            StateClass::OutOfRange => super::validity::range_state(self, el) == Some(false),
            StateClass::Valid => super::validity::validity(self, el.ix) == Some(true),
            StateClass::Invalid => super::validity::validity(self, el.ix) == Some(false),
            StateClass::Required => super::forms::required_state(e) == Some(true),
            StateClass::Optional => super::forms::required_state(e) == Some(false),
            StateClass::ReadWrite => super::forms::is_read_write(self.doc, el.ix),
            StateClass::ReadOnly => {
                e.name.ns == ns!(html) && !super::forms::is_read_write(self.doc, el.ix)
            }
            StateClass::PlaceholderShown => {
                super::forms::placeholder_shown(e)
                    || super::forms::textarea_placeholder_shown(self.doc, el.ix, e)
            }
        }
    }
}

/// Whether an element is a link (`:link`, `:any-link`).
pub(crate) fn is_link(e: &ElementData) -> bool {
    let n = &e.name;
    if n.ns == ns!(html) {
        matches!(&*n.local, "a" | "area") && e.attr("href").is_some()
    } else if n.ns == ns!(svg) {
        &*n.local == "a"
            && e.attrs().iter().any(|a| {
                &*a.name.local == "href" && (a.name.ns == ns!() || a.name.ns == ns!(xlink))
            })
    } else {
        false
    }
}

/// `:defined`: every element but an undefined custom element.
fn is_defined(e: &ElementData) -> bool {
    if e.name.ns != ns!(html) {
        return true;
    }
    let local = &*e.name.local;
    if matches!(
        local,
        "turbo-frame" | "turbo-stream" | "turbo-stream-source"
    ) {
        return true;
    }
    !(is_valid_custom_element_name(local) || e.attr("is").is_some())
}

/// HTML's "valid custom element name".
pub(crate) fn is_valid_custom_element_name(name: &str) -> bool {
    let mut chars = name.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_lowercase()) || !name.contains('-') {
        return false;
    }
    let pcen = |c: char| {
        matches!(c, '-' | '.' | '0'..='9' | '_' | 'a'..='z' | '\u{B7}'
            | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{37D}'
            | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}'
            | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
            | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
    };
    chars.all(pcen)
        && !matches!(
            name,
            "annotation-xml"
                | "color-profile"
                | "font-face"
                | "font-face-src"
                | "font-face-uri"
                | "font-face-format"
                | "font-face-name"
                | "missing-glyph"
        )
}

/// `:lang(range)` with Chromium's (non-extended) matching.
fn lang_matches(doc: &Document, ix: Ix, range: &str) -> bool {
    let Some(lang) = language(doc, ix) else {
        return false;
    };
    lang.len() >= range.len()
        && lang.as_bytes()[..range.len()].eq_ignore_ascii_case(range.as_bytes())
        && (lang.len() == range.len() || lang.as_bytes()[range.len()] == b'-')
}

/// The language of an element: the nearest `xml:lang` (in the XML namespace) or `lang` (in
/// no namespace) attribute of it or an ancestor.
fn language(doc: &Document, mut ix: Ix) -> Option<&str> {
    loop {
        let node = doc.node(ix);
        if let NodeData::Element(e) = &node.data {
            let xml = e
                .attrs()
                .iter()
                .find(|a| a.name.ns == ns!(xml) && &*a.name.local == "lang");
            if let Some(a) = xml.or_else(|| e.attrs().iter().find(|a| a.is("lang"))) {
                return Some(&a.value);
            }
        }
        ix = node.parent?;
    }
}

//! Writing messages: a Rust counterpart of turbo-rails' `TagBuilder` (turbo-streams.md §8).
//!
//! ```
//! use domorph::stream::StreamTag;
//!
//! let html = [
//!     StreamTag::append("messages", r#"<li id="message_4">Hi</li>"#).to_html(),
//!     StreamTag::replace("message_5", "Something fifth").morph().to_html(),
//!     StreamTag::remove_all("#message_1").to_html(),
//!     StreamTag::refresh(Some("abc123")).to_html(),
//! ];
//! assert_eq!(html[0], r#"<turbo-stream action="append" target="messages"><template><li id="message_4">Hi</li></template></turbo-stream>"#);
//! assert_eq!(html[1], r#"<turbo-stream method="morph" action="replace" target="message_5"><template>Something fifth</template></turbo-stream>"#);
//! assert_eq!(html[2], r##"<turbo-stream action="remove" targets="#message_1"></turbo-stream>"##);
//! assert_eq!(html[3], r#"<turbo-stream request-id="abc123" action="refresh"></turbo-stream>"#);
//! ```

use std::fmt;

/// Where a stream acts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `target="<id>"`.
    Id(String),
    /// `targets="<CSS selector>"`.
    Selector(String),
    /// Neither (`refresh`, or a custom action that needs none).
    None,
}

/// One `<turbo-stream>` tag, written as turbo-rails writes it: the extra attributes first
/// (in the order given), then `action`, then `target` or `targets`; attribute values
/// HTML-escaped (`&`, `<`, `>`, `"`, `'`); the template content raw (it is HTML), inside a
/// `<template>` for every action but `remove` and `refresh`, which have none.
///
/// Its output parses back ([`crate::stream::Message::parse`]) into a stream with exactly
/// these attributes and this template content (as far as the content itself parses back
/// to the same markup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamTag {
    action: String,
    target: Target,
    attributes: Vec<(String, String)>,
    template: String,
}

impl StreamTag {
    /// A stream with any action (custom ones too), target and template content.
    pub fn action(name: &str, target: Target, template: &str) -> StreamTag {
        StreamTag {
            action: name.to_owned(),
            target,
            attributes: Vec::new(),
            template: template.to_owned(),
        }
    }

    fn id(action: &str, target: &str, template: &str) -> StreamTag {
        StreamTag::action(action, Target::Id(target.to_owned()), template)
    }

    fn all(action: &str, targets: &str, template: &str) -> StreamTag {
        StreamTag::action(action, Target::Selector(targets.to_owned()), template)
    }

    /// `append`: the content goes at the end of the element with id `target`.
    pub fn append(target: &str, template: &str) -> StreamTag {
        StreamTag::id("append", target, template)
    }

    /// `append` to every element `targets` matches.
    pub fn append_all(targets: &str, template: &str) -> StreamTag {
        StreamTag::all("append", targets, template)
    }

    /// `prepend`: the content goes at the start of the target.
    pub fn prepend(target: &str, template: &str) -> StreamTag {
        StreamTag::id("prepend", target, template)
    }

    /// `prepend` to every match.
    pub fn prepend_all(targets: &str, template: &str) -> StreamTag {
        StreamTag::all("prepend", targets, template)
    }

    /// `before`: the content goes right before the target.
    pub fn before(target: &str, template: &str) -> StreamTag {
        StreamTag::id("before", target, template)
    }

    /// `before` every match.
    pub fn before_all(targets: &str, template: &str) -> StreamTag {
        StreamTag::all("before", targets, template)
    }

    /// `after`: the content goes right after the target.
    pub fn after(target: &str, template: &str) -> StreamTag {
        StreamTag::id("after", target, template)
    }

    /// `after` every match.
    pub fn after_all(targets: &str, template: &str) -> StreamTag {
        StreamTag::all("after", targets, template)
    }

    /// `replace`: the content takes the target's place (see [`StreamTag::morph`]).
    pub fn replace(target: &str, template: &str) -> StreamTag {
        StreamTag::id("replace", target, template)
    }

    /// `replace` every match.
    pub fn replace_all(targets: &str, template: &str) -> StreamTag {
        StreamTag::all("replace", targets, template)
    }

    /// `update`: the content replaces the target's children (see [`StreamTag::morph`]).
    pub fn update(target: &str, template: &str) -> StreamTag {
        StreamTag::id("update", target, template)
    }

    /// `update` every match.
    pub fn update_all(targets: &str, template: &str) -> StreamTag {
        StreamTag::all("update", targets, template)
    }

    /// `remove` the target (no template).
    pub fn remove(target: &str) -> StreamTag {
        StreamTag::id("remove", target, "")
    }

    /// `remove` every match (no template).
    pub fn remove_all(targets: &str) -> StreamTag {
        StreamTag::all("remove", targets, "")
    }

    /// `refresh` (no target, no template), with the `request-id` of the request that caused
    /// it (an empty one is left out, as turbo-rails' `presence` does).
    pub fn refresh(request_id: Option<&str>) -> StreamTag {
        let mut tag = StreamTag::action("refresh", Target::None, "");
        if let Some(id) = request_id.filter(|id| !id.is_empty()) {
            tag.attributes
                .push(("request-id".to_owned(), id.to_owned()));
        }
        tag
    }

    /// Adds `method="<method>"` (among the extra attributes, as turbo-rails does).
    pub fn method(self, method: &str) -> StreamTag {
        self.attr("method", method)
    }

    /// `method="morph"`: `replace` morphs the target, `update` its children.
    pub fn morph(self) -> StreamTag {
        self.method("morph")
    }

    /// Adds an extra attribute (written before `action`, in the order added; a name added
    /// again replaces the value).
    pub fn attr(mut self, name: &str, value: &str) -> StreamTag {
        match self.attributes.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = value.to_owned(),
            None => self.attributes.push((name.to_owned(), value.to_owned())),
        }
        self
    }

    /// The tag as HTML.
    pub fn to_html(&self) -> String {
        self.to_string()
    }
}

/// Rails' `ERB::Util.html_escape`.
fn escape(out: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[last..i])?;
        out.write_str(rep)?;
        last = i + 1;
    }
    out.write_str(&s[last..])
}

impl fmt::Display for StreamTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<turbo-stream")?;
        let target = match &self.target {
            Target::Id(t) => Some(("target", t)),
            Target::Selector(t) => Some(("targets", t)),
            Target::None => None,
        };
        let fixed = [("action", &self.action)].into_iter().chain(target);
        for (name, value) in self
            .attributes
            .iter()
            .map(|(n, v)| (n.as_str(), v))
            .chain(fixed)
        {
            write!(f, " {name}=\"")?;
            escape(f, value)?;
            f.write_str("\"")?;
        }
        f.write_str(">")?;
        if !matches!(self.action.as_str(), "remove" | "refresh") {
            write!(f, "<template>{}</template>", self.template)?;
        }
        f.write_str("</turbo-stream>")
    }
}

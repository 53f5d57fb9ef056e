//! idiomorph 0.7.4's algorithm (morph.md §2.4–§2.13), step for step. Comments name the
//! idiomorph function each piece mirrors.

use html5ever::{QualName, ns};

use super::error::MorphError;
use super::form;
use super::head;
use super::hooks::{AttributeChange, MorphHooks, NewNode};
use super::ids::{IdMaps, Pid};
use super::matcher::Matcher;
use super::{HeadStyle, MorphReport};
use crate::dom::tx::Tx;
use crate::dom::{Document, Ix, NodeData};

/// Everything one morph call shares (idiomorph's `ctx`).
pub(crate) struct Ctx<'a, 't, 'd> {
    pub(crate) tx: &'t mut Tx<'d>,
    pub(crate) src: &'a Document,
    pub(crate) hooks: &'a mut dyn MorphHooks,
    /// The morph root (`ctx.target`).
    pub(crate) target: Ix,
    pub(crate) pantry: Ix,
    pub(crate) maps: IdMaps<'a>,
    pub(crate) head: HeadStyle,
    pub(crate) report: MorphReport,
    /// Whether equal subtrees may be skipped (no hooks that watch every node).
    pub(crate) skip_equal: bool,
    pub(crate) matcher: Matcher,
}

/// What to iterate on the new side of one `morphChildren` call.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NewKids {
    /// The children of this node of the new content.
    Of(Ix),
    /// Just this node (the sliced parent of a node that keeps its own parent).
    Only(Ix),
}

impl<'a, 't, 'd> Ctx<'a, 't, 'd> {
    #[inline]
    pub(crate) fn doc(&self) -> &Document {
        self.tx.doc()
    }

    fn new_node(&self, ix: Ix) -> NewNode<'a> {
        NewNode {
            doc: self.src,
            node: self.src.id_of(ix),
        }
    }

    // -----------------------------------------------------------------------------------
    // morphChildren

    /// `morphChildren(ctx, oldParent, newParent, insertionPoint, endPoint)`.
    pub(crate) fn morph_children(
        &mut self,
        mut old_parent: Ix,
        new_kids: NewKids,
        insertion_point: Option<Ix>,
        end_point: Option<Ix>,
    ) -> Result<(), MorphError> {
        let mut new_kids = new_kids;
        // A <template> pair morphs through its contents.
        if let NewKids::Of(new_parent) = new_kids
            && let (Some(o), Some(n)) = (self.doc().elem(old_parent), self.src.elem(new_parent))
            && o.is_html("template")
            && n.is_html("template")
            && let (Some(oc), Some(nc)) = (o.template_contents(), n.template_contents())
        {
            old_parent = oc;
            new_kids = NewKids::Of(nc);
        }
        let mut ip = insertion_point.or(self.doc().node(old_parent).first_child);
        let mut next_new = match new_kids {
            NewKids::Of(p) => self.src.node(p).first_child,
            NewKids::Only(n) => Some(n),
        };
        let only = matches!(new_kids, NewKids::Only(_));
        let call = self.matcher.begin(old_parent, end_point);
        while let Some(new_child) = next_new {
            next_new = if only {
                None
            } else {
                self.src.node(new_child).next_sibling
            };
            if let Some(cur) = ip
                && Some(cur) != end_point
            {
                let best = self.find_best_match(call, new_child, cur, end_point);
                if let Some(m) = best {
                    if m != cur {
                        self.remove_nodes_between(cur, m)?;
                    }
                    self.matcher.consumed(call, m);
                    self.morph_node(m, new_child)?;
                    ip = self.doc().node(m).next_sibling;
                    continue;
                }
            }
            if let Some(p) = self
                .src
                .elem(new_child)
                .and_then(|e| e.id())
                .and_then(|id| self.maps.pid_of(id))
            {
                let moved = self.move_before_by_id(old_parent, p, ip)?;
                self.morph_node(moved, new_child)?;
                ip = self.doc().node(moved).next_sibling;
                continue;
            }
            if let Some(inserted) = self.create_node(old_parent, new_child, ip)? {
                ip = self.doc().node(inserted).next_sibling;
            }
        }
        // Remove what did not match.
        while let Some(cur) = ip
            && Some(cur) != end_point
        {
            ip = self.doc().node(cur).next_sibling;
            self.remove_node(cur)?;
        }
        self.matcher.end(call);
        Ok(())
    }

    /// `createNode(oldParent, newChild, insertionPoint)`.
    fn create_node(
        &mut self,
        parent: Ix,
        new_child: Ix,
        before: Option<Ix>,
    ) -> Result<Option<Ix>, MorphError> {
        let nn = self.new_node(new_child);
        if !self.hooks.before_node_added(self.tx.doc, nn) {
            return Ok(None);
        }
        if self.maps.new_sets.contains_key(&new_child) {
            // Its subtree holds persistent ids: an empty element of the same tag (0.7.x uses
            // document.createElement(tagName): always HTML, lower-cased), morphed in place.
            let tag = self
                .src
                .elem(new_child)
                .map(|e| e.tag_name().to_ascii_lowercase())
                .unwrap_or_default();
            let empty = self
                .tx
                .create_element(QualName::new(None, ns!(html), tag.into()));
            self.insert(parent, empty, before)?;
            self.report.created += 1;
            self.morph_node(empty, new_child)?;
            let id = self.doc().id_of(empty);
            self.hooks.after_node_added(self.tx.doc, id);
            Ok(Some(empty))
        } else {
            let clone = self.tx.import(self.src, new_child);
            self.insert(parent, clone, before)?;
            self.report.created += 1;
            let id = self.doc().id_of(clone);
            self.hooks.after_node_added(self.tx.doc, id);
            Ok(Some(clone))
        }
    }

    /// Takes `node` out of its parent (into the pantry, or out of the tree); a select that
    /// lost options reacts.
    fn take_out(&mut self, node: Ix, to_pantry: bool) -> Result<(), MorphError> {
        if to_pantry {
            let pantry = self.pantry;
            return self.insert(pantry, node, None);
        }
        self.matcher.moved(node);
        form::remove(self.tx, node);
        Ok(())
    }

    /// Inserts or moves `node`, with the form controls' reactions (`form::insert`).
    fn insert(&mut self, parent: Ix, node: Ix, before: Option<Ix>) -> Result<(), MorphError> {
        self.matcher.moved(node);
        form::insert(self.tx, parent, node, before).map_err(MorphError::from)
    }

    // -----------------------------------------------------------------------------------
    // Matching

    /// `findBestMatch(ctx, node, startPoint, endPoint)`.
    fn find_best_match(&mut self, call: usize, node: Ix, start: Ix, end: Option<Ix>) -> Option<Ix> {
        let Ctx {
            matcher,
            tx,
            src,
            maps,
            ..
        } = self;
        matcher.find(call, tx.doc, src, maps, node, start, end)
    }

    // -----------------------------------------------------------------------------------
    // Removing and moving

    fn remove_nodes_between(&mut self, from: Ix, to: Ix) -> Result<(), MorphError> {
        let mut cur = Some(from);
        while let Some(c) = cur
            && c != to
        {
            cur = self.doc().node(c).next_sibling;
            self.remove_node(c)?;
        }
        Ok(())
    }

    /// `removeNode(ctx, node)`: to the pantry if it holds persistent ids, else removed
    /// (subject to `beforeNodeRemoved`).
    fn remove_node(&mut self, node: Ix) -> Result<(), MorphError> {
        if self.maps.old_sets.contains_key(&node) {
            return self.take_out(node, true);
        }
        let id = self.doc().id_of(node);
        if !self.hooks.before_node_removed(self.tx.doc, id) {
            return Ok(());
        }
        self.take_out(node, false)?;
        self.report.removed += 1;
        self.hooks.after_node_removed(self.tx.doc, id);
        Ok(())
    }

    /// `moveBeforeById(parent, id, before)`: the persistent element, found in the morph
    /// root's subtree or the pantry (never elsewhere: 0.7.4 throws then).
    fn move_before_by_id(
        &mut self,
        parent: Ix,
        p: Pid,
        before: Option<Ix>,
    ) -> Result<Ix, MorphError> {
        let target = self.find_persistent(p)?;
        // removeElementFromAncestorsIdMaps: through every ancestor, past the root.
        let mut up = self.doc().node(target).parent;
        while let Some(a) = up {
            if self.maps.old_sets.remove_id(a, p) {
                self.matcher.lost_id_set(self.tx.doc, a);
            }
            up = self.doc().node(a).parent;
        }
        self.insert(parent, target, before)?;
        self.report.moved += 1;
        Ok(target)
    }

    fn find_persistent(&self, p: Pid) -> Result<Ix, MorphError> {
        let id = &self.maps.values[p as usize];
        let doc = self.doc();
        // The id goes into `[id="…"]` unescaped.
        let wanted = css_string_value(id).ok_or_else(|| MorphError::InvalidSelector {
            selector: format!("[id=\"{id}\"]"),
        })?;
        if doc.elem(self.target).and_then(|e| e.id()) == Some(&*wanted) {
            return Ok(self.target);
        }
        let holders: Vec<Ix> = if *wanted == **id {
            let mut v = vec![self.maps.holders[p as usize]];
            if let Some(extra) = self.maps.extra_holders.get(&p) {
                v.extend_from_slice(extra);
            }
            v
        } else {
            Vec::new()
        };
        let within = |scope: Ix| -> Option<Ix> {
            if *wanted == **id {
                holders
                    .iter()
                    .copied()
                    .filter(|&h| {
                        h != scope
                            && doc.is_ancestor(scope, h)
                            && doc.elem(h).and_then(|e| e.id()) == Some(&*wanted)
                    })
                    .reduce(|a, b| if doc.precedes(b, a) { b } else { a })
            } else {
                let mut cur = doc.next_in(scope, scope);
                while let Some(n) = cur {
                    if doc.elem(n).and_then(|e| e.id()) == Some(&*wanted) {
                        return Some(n);
                    }
                    cur = doc.next_in(n, scope);
                }
                None
            }
        };
        within(self.target)
            .or_else(|| within(self.pantry))
            .ok_or_else(|| MorphError::PersistentElementNotFound { id: id.to_string() })
    }

    // -----------------------------------------------------------------------------------
    // morphNode

    /// `morphNode(oldNode, newContent, ctx)`.
    pub(crate) fn morph_node(&mut self, old: Ix, new: Ix) -> Result<(), MorphError> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.morph_node_inner(old, new))
    }

    fn morph_node_inner(&mut self, old: Ix, new: Ix) -> Result<(), MorphError> {
        let old_id = self.doc().id_of(old);
        let nn = self.new_node(new);
        if !self.hooks.before_node_morphed(self.tx.doc, old_id, nn) {
            return Ok(());
        }
        self.report.morphed += 1;
        let is_head = self.doc().elem(old).is_some_and(|e| e.is_html("head"));
        if is_head && self.head == HeadStyle::Ignore {
            // head.ignore: leave it alone.
        } else if is_head && self.head != HeadStyle::Morph {
            head::handle_head(self, old, new)?;
        } else if self.skip_equal && self.equal_subtrees(old, new) {
            // Nothing would change (no hooks watch, no id state inside): skip.
        } else {
            self.morph_attributes(old, new)?;
            self.morph_children(old, NewKids::Of(new), None, None)?;
        }
        self.hooks.after_node_morphed(self.tx.doc, old_id, nn);
        Ok(())
    }

    /// Whether morphing `old` into `new` would change nothing and call nothing that matters:
    /// equal names, attributes (in order), text and children, and no form control whose live
    /// state could differ.
    fn equal_subtrees(&self, old: Ix, new: Ix) -> bool {
        // Persistent ids inside are fine: each is matched in place in an equal subtree, and
        // no other new node can claim it (it is unique in the new content).
        super::equal::equal_subtrees(self.doc(), old, self.src, new)
    }

    /// `morphAttributes(oldNode, newNode, ctx)`.
    fn morph_attributes(&mut self, old: Ix, new: Ix) -> Result<(), MorphError> {
        let src = self.src;
        match &src.node(new).data {
            NodeData::Element(ne) => {
                // Update pass, in the new element's order.
                for a in ne.attrs() {
                    let name = qualified_name(&a.name);
                    if !self.allow_attribute(old, &name, AttributeChange::Update) {
                        continue;
                    }
                    if get_attribute(self.doc(), old, &name) != Some(&*a.value) {
                        self.set_attribute(old, &name, &a.value)?;
                    }
                }
                // Remove pass, over the old attributes backwards.
                let mut i = self.doc().elem(old).map_or(0, |e| e.attrs().len());
                while i > 0 {
                    i -= 1;
                    let Some(name) = self
                        .doc()
                        .elem(old)
                        .and_then(|e| e.attrs().get(i))
                        .map(|a| qualified_name(&a.name))
                    else {
                        continue;
                    };
                    if !has_attribute(src, new, &name) {
                        if !self.allow_attribute(old, &name, AttributeChange::Remove) {
                            continue;
                        }
                        self.remove_attribute(old, &name)?;
                    }
                }
                self.sync_input_value(old, new)?;
            }
            NodeData::Text(t) | NodeData::Comment(t) => {
                let same = matches!(&self.doc().node(old).data, NodeData::Text(o) | NodeData::Comment(o) if o == t);
                if !same {
                    self.tx.set_text(old, t);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `ignoreAttribute(attr, element, type, ctx)` (no active element on a server).
    fn allow_attribute(&mut self, el: Ix, name: &str, change: AttributeChange) -> bool {
        let id = self.doc().id_of(el);
        self.hooks
            .before_attribute_updated(self.tx.doc, id, name, change)
    }

    /// `element.setAttribute(name, value)` in the morph, with what it sets off.
    fn set_attribute(&mut self, el: Ix, name: &str, value: &str) -> Result<(), MorphError> {
        if !valid_attribute_name(name) {
            return Err(MorphError::InvalidAttributeName {
                name: name.to_owned(),
            });
        }
        let lname = name.to_ascii_lowercase();
        let existed = get_attribute(self.doc(), el, name).is_some();
        let before = form::before_attribute_change(self.tx, el, &lname);
        self.tx
            .set_attribute(el, name, value)
            .map_err(MorphError::from)?;
        self.report.attributes_changed += 1;
        if name == "id"
            && let Some(p) = self.maps.pid_of(value)
        {
            self.maps.extra_holders.entry(p).or_default().push(el);
        }
        form::attribute_changed(self.tx, el, &lname, !existed, true, before)
            .map_err(MorphError::from)?;
        Ok(())
    }

    fn remove_attribute(&mut self, el: Ix, name: &str) -> Result<(), MorphError> {
        let lname = name.to_ascii_lowercase();
        let before = if get_attribute(self.doc(), el, name).is_some() {
            form::before_attribute_change(self.tx, el, &lname)
        } else {
            form::Before::default()
        };
        let removed = self
            .tx
            .remove_attribute(el, name)
            .map_err(MorphError::from)?;
        if removed {
            self.report.attributes_changed += 1;
            form::attribute_changed(self.tx, el, &lname, true, false, before)
                .map_err(MorphError::from)?;
        }
        Ok(())
    }

    /// `syncInputValue(oldElement, newElement, ctx)` (morph.md §2.13).
    fn sync_input_value(&mut self, old: Ix, new: Ix) -> Result<(), MorphError> {
        let src = self.src;
        let (Some(oe), Some(ne)) = (self.doc().elem(old), src.elem(new)) else {
            return Ok(());
        };
        if oe.is_html("input") && ne.is_html("input") && form::input_type(src, new) != "file" {
            let new_value = form::input_value(src, new);
            let old_value = form::input_value(self.doc(), old);
            self.sync_boolean(old, new, Boolean::Checked)?;
            self.sync_boolean(old, new, Boolean::Disabled)?;
            if !has_attribute(src, new, "value") {
                if self.allow_attribute(old, "value", AttributeChange::Remove) {
                    form::set_input_value(self.tx, old, "").map_err(MorphError::from)?;
                    self.remove_attribute(old, "value")?;
                }
            } else if old_value != new_value
                && self.allow_attribute(old, "value", AttributeChange::Update)
            {
                self.set_attribute(old, "value", &new_value)?;
                form::set_input_value(self.tx, old, &new_value).map_err(MorphError::from)?;
            }
        } else if oe.is_html("option") && ne.is_html("option") {
            self.sync_boolean(old, new, Boolean::Selected)?;
        } else if oe.is_html("textarea") && ne.is_html("textarea") {
            let new_value = form::textarea_value(src, new);
            let old_value = form::textarea_value(self.doc(), old);
            if !self.allow_attribute(old, "value", AttributeChange::Update) {
                return Ok(());
            }
            if new_value != old_value {
                form::set_textarea_value(self.tx, old, &new_value);
            }
            if let Some(first) = self.doc().node(old).first_child {
                let differs = match &self.doc().node(first).data {
                    NodeData::Text(t) | NodeData::Comment(t) => *t != new_value,
                    _ => false,
                };
                if differs {
                    self.tx.set_text(first, &new_value);
                }
            }
        }
        Ok(())
    }

    /// `syncBooleanAttribute(oldElement, newElement, name, ctx)`.
    fn sync_boolean(&mut self, old: Ix, new: Ix, which: Boolean) -> Result<(), MorphError> {
        let new_live = which.get(self.src, new);
        let old_live = which.get(self.doc(), old);
        if new_live == old_live {
            return Ok(());
        }
        let name = which.name();
        let allow_update = self.allow_attribute(old, name, AttributeChange::Update);
        if allow_update {
            // old[name] = new[name]
            match which {
                Boolean::Checked => form::set_checked(self.tx, old, new_live, true),
                Boolean::Selected => form::set_selected(self.tx, old, new_live),
                Boolean::Disabled => {
                    if new_live {
                        self.set_attribute(old, "disabled", "")?;
                    } else {
                        self.remove_attribute(old, "disabled")?;
                    }
                }
            }
        }
        if new_live {
            if allow_update {
                self.set_attribute(old, name, "")?;
            }
        } else if self.allow_attribute(old, name, AttributeChange::Remove) {
            self.remove_attribute(old, name)?;
        }
        Ok(())
    }
}

/// The boolean properties idiomorph syncs.
#[derive(Debug, Clone, Copy)]
enum Boolean {
    Checked,
    Disabled,
    Selected,
}

impl Boolean {
    fn name(self) -> &'static str {
        match self {
            Boolean::Checked => "checked",
            Boolean::Disabled => "disabled",
            Boolean::Selected => "selected",
        }
    }

    fn get(self, doc: &Document, ix: Ix) -> bool {
        match self {
            Boolean::Checked => form::checked(doc, ix),
            Boolean::Disabled => doc.elem(ix).is_some_and(|e| e.attr("disabled").is_some()),
            Boolean::Selected => form::selected(doc, ix),
        }
    }
}

/// An attribute's qualified name (`prefix:local` or `local`), as `Attr.name` gives it.
pub(crate) fn qualified_name(name: &QualName) -> String {
    match &name.prefix {
        Some(p) => format!("{}:{}", p, name.local),
        None => name.local.to_string(),
    }
}

/// `element.getAttribute(name)`: the name is lower-cased on HTML elements.
pub(crate) fn get_attribute<'d>(doc: &'d Document, el: Ix, name: &str) -> Option<&'d str> {
    doc.elem(el)?.get_attribute(name)
}

/// `element.hasAttribute(name)`.
pub(crate) fn has_attribute(doc: &Document, el: Ix, name: &str) -> bool {
    get_attribute(doc, el, name).is_some()
}

/// Chromium's `setAttribute` name check (DOM "valid attribute local name"): not empty, and
/// no ASCII whitespace, NUL, `/`, `=` or `>`.
fn valid_attribute_name(name: &str) -> bool {
    !name.is_empty()
        && !name.bytes().any(|b| {
            matches!(
                b,
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | 0 | b'/' | b'=' | b'>'
            )
        })
}

/// The value of the CSS string `"…"` that idiomorph builds around an id, or `None` when the
/// selector is invalid (a `"` or a newline ends the string early).
fn css_string_value(id: &str) -> Option<std::borrow::Cow<'_, str>> {
    if id.contains(['"', '\n', '\r', '\u{c}']) {
        return None;
    }
    if !id.contains('\\') && !id.contains('\0') {
        return Some(std::borrow::Cow::Borrowed(id));
    }
    let mut out = String::new();
    let mut it = id.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\0' => out.push('\u{fffd}'),
            '\\' => match it.peek().copied() {
                None => {}
                Some(h) if h.is_ascii_hexdigit() => {
                    let mut v = 0u32;
                    let mut n = 0;
                    while n < 6 && it.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                        v = v * 16 + it.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
                        n += 1;
                    }
                    if it.peek().is_some_and(|c| matches!(c, ' ' | '\t')) {
                        it.next();
                    }
                    let ch = char::from_u32(v)
                        .filter(|&c| c != '\0')
                        .unwrap_or('\u{fffd}');
                    out.push(ch);
                }
                Some(other) => {
                    it.next();
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    Some(std::borrow::Cow::Owned(out))
}

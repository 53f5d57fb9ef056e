//! Chromium's selector grammar, ported from Blink's `CSSSelectorParser` (author mode, no
//! nesting context, no `@namespace` rules: what `document.querySelectorAll` uses), so that
//! exactly the selectors Chromium accepts are accepted. The result is an [`ast`](super::ast) that keeps
//! only what can match on a server page.
//!
//! The structure follows Blink function by function (`ConsumeComplexSelectorList`,
//! `ConsumeCompoundSelector`, `ConsumePseudo`, …), including its quirks: forgiving
//! `:is()`/`:where()`, unforgiving `:has()` and `:not()`, `of` matched case-sensitively in
//! `:nth-child(An+B of S)`, compound-only `:-webkit-any()`, the rules for what may follow a
//! pseudo-element, and every `::-webkit-*` name being a valid pseudo-element.

use cssparser::{Parser, Token};

use super::MAX_NESTING;
use super::ast::*;
use super::error::SelectorErrorKind as Why;
use super::names::{Pc, Pe, Pseudo, SimpleKind, lookup, valid_after_pseudo_element};

/// Parses a selector list as `document.querySelectorAll` does. Also returns how deeply
/// blocks nest in it.
pub(crate) fn parse(text: &str) -> Result<(Vec<Complex>, usize), Why> {
    let mut p = Parser::new(text);
    // Depth is counted here (`MAX_NESTING`), not by cssparser.
    p.set_nested_block_limit(0);
    let mut g = Grammar::default();
    consume_whitespace(&mut p);
    if at_end(&mut p) {
        return Err(Why::Empty);
    }
    let list = g.consume_complex_list(&mut p);
    if g.too_deep {
        return Err(Why::TooDeep);
    }
    match list {
        Some(list) if !g.failed && at_end(&mut p) => Ok((list, g.max_depth)),
        _ => Err(g.why.take().unwrap_or_else(|| unexpected(&mut p))),
    }
}

/// Blink's parser state (the members of `CSSSelectorParser` that matter here).
#[derive(Default)]
struct Grammar {
    failed: bool,
    disallow_pseudo_elements: bool,
    inside_compound_pseudo: bool,
    inside_has: bool,
    /// The pseudo-element earlier in the current compound, which restricts what may follow.
    restricting: Option<Pe>,
    depth: usize,
    max_depth: usize,
    /// Nesting went past `MAX_NESTING` (fatal even inside forgiving `:is()`).
    too_deep: bool,
    /// The first reason for failing, for the error message.
    why: Option<Why>,
}

/// A type or attribute name with its namespace prefix, as `ConsumeName` reads it.
struct QName<'i> {
    /// `None` is `*`.
    name: Option<cssparser::CowRcStr<'i>>,
    prefix: Prefix,
}

enum Prefix {
    /// No `|` at all.
    Null,
    /// `|name`.
    Empty,
    /// `*|name`.
    Star,
    /// `ns|name`.
    Named(String),
}

impl Grammar {
    /// Records why parsing fails (the first reason wins) and returns `None`.
    fn fail<T>(&mut self, why: Why) -> Option<T> {
        self.why.get_or_insert(why);
        None
    }

    /// Sets Blink's `failed_parsing_`.
    fn set_failed(&mut self, why: Why) {
        self.failed = true;
        self.why.get_or_insert(why);
    }

    /// `ConsumeComplexSelectorList` (unforgiving).
    fn consume_complex_list(&mut self, p: &mut Parser) -> Option<Vec<Complex>> {
        let mut list = vec![self.consume_complex(p)?];
        while peek_is(p, |t| matches!(t, Token::Comma)) {
            consume(p);
            consume_whitespace(p);
            list.push(self.consume_complex(p)?);
        }
        if self.failed {
            return None;
        }
        Some(list)
    }

    /// `ConsumeComplexSelector`.
    fn consume_complex(&mut self, p: &mut Parser) -> Option<Complex> {
        let Some((first, has_pe)) = self.consume_compound(p) else {
            return self.fail(unexpected(p));
        };
        let mut rest = Vec::new();
        if let Some(c) = consume_combinator(p)
            && !self.consume_partial(p, c, has_pe, &mut rest)
        {
            return None;
        }
        Some(Complex { first, rest })
    }

    /// `ConsumePartialComplexSelector`: compounds after a combinator.
    fn consume_partial(
        &mut self,
        p: &mut Parser,
        mut comb: Combinator,
        mut previous_has_pe: bool,
        rest: &mut Vec<(Combinator, Compound)>,
    ) -> bool {
        loop {
            let Some((compound, has_pe)) = self.consume_compound(p) else {
                if comb == Combinator::Descendant {
                    return true;
                }
                self.why.get_or_insert(match peek(p) {
                    None | Some(Token::Comma) => Why::DanglingCombinator,
                    Some(_) => unexpected(p),
                });
                return false;
            };
            if previous_has_pe {
                self.why.get_or_insert(Why::PseudoElementPosition);
                return false;
            }
            previous_has_pe = has_pe;
            rest.push((comb, compound));
            match consume_combinator(p) {
                Some(c) => comb = c,
                None => return true,
            }
        }
    }

    /// `ConsumeCompoundSelector`. Returns the compound and whether it has a pseudo-element.
    fn consume_compound(&mut self, p: &mut Parser) -> Option<(Compound, bool)> {
        let restricting = self.restricting;
        let r = self.consume_compound_inner(p);
        self.restricting = restricting;
        r
    }

    fn consume_compound_inner(&mut self, p: &mut Parser) -> Option<(Compound, bool)> {
        let qname = self.consume_name(p);
        if qname.is_some() && self.restricting.is_some() {
            self.set_failed(Why::PseudoElementPosition);
            return None;
        }
        let mut compound = Compound::default();
        let mut has_pe = false;
        while let Some((simple, kind)) = self.consume_simple(p) {
            if let SimpleKind::Element(pe) = kind {
                self.restricting = Some(pe);
                has_pe = true;
            }
            compound.simples.push(simple);
        }
        match qname {
            Some(q) => {
                let ns = match q.prefix {
                    Prefix::Null | Prefix::Star => NsSel::Any,
                    Prefix::Empty => NsSel::None,
                    Prefix::Named(n) => {
                        self.set_failed(Why::UnknownNamespacePrefix(n));
                        return None;
                    }
                };
                let name = q.name.map(|n| n.to_ascii_lowercase().into_boxed_str());
                compound.ty = Some(TypeSel { ns, name });
            }
            None if compound.simples.is_empty() => return None,
            None => {}
        }
        Some((compound, has_pe))
    }

    /// `ConsumeName`: `name`, `*`, `ns|name`, `*|name`, `|name` (and `*` for `name`).
    fn consume_name<'i>(&mut self, p: &mut Parser<'i>) -> Option<QName<'i>> {
        let name = match peek(p)? {
            Token::Ident(s) => {
                consume(p);
                Some(s)
            }
            Token::Delim('*') => {
                consume(p);
                None
            }
            Token::Delim('|') => Some("".into()),
            _ => return None,
        };
        if !peek_is(p, |t| matches!(t, Token::Delim('|'))) {
            return Some(QName {
                name,
                prefix: Prefix::Null,
            });
        }
        let state = p.state();
        consume(p);
        let prefix = match &name {
            None => Prefix::Star,
            Some(n) if n.is_empty() => Prefix::Empty,
            Some(n) => Prefix::Named(n.to_string()),
        };
        let name = match peek(p) {
            Some(Token::Ident(s)) => {
                consume(p);
                Some(s)
            }
            Some(Token::Delim('*')) => {
                consume(p);
                None
            }
            _ => {
                p.reset(&state);
                return None;
            }
        };
        Some(QName { name, prefix })
    }

    /// `ConsumeSimpleSelector`: `None` when the next token starts no simple selector (then
    /// nothing is consumed) or when it failed (then `failed` is set).
    fn consume_simple(&mut self, p: &mut Parser) -> Option<(Simple, SimpleKind)> {
        let r = match peek(p)? {
            Token::IDHash(id) => {
                consume(p);
                Some((Simple::Id(id.as_ref().into()), SimpleKind::Other))
            }
            Token::Hash(_) => self.fail(unexpected(p)),
            Token::Delim('.') => {
                consume(p);
                match peek(p) {
                    Some(Token::Ident(c)) => {
                        consume(p);
                        Some((Simple::Class(c.as_ref().into()), SimpleKind::Other))
                    }
                    _ => self.fail(unexpected(p)),
                }
            }
            Token::SquareBracketBlock => {
                consume(p);
                self.nested(p, |g, p| g.consume_attribute(p))
                    .map(|a| (Simple::Attr(a), SimpleKind::Other))
            }
            Token::Colon => self.consume_pseudo(p),
            Token::Delim('&') => {
                consume(p);
                Some((
                    Simple::Structural(Structural::Scope),
                    SimpleKind::Class(Pc::Parent),
                ))
            }
            _ => return None,
        };
        match r {
            Some((simple, kind)) => match self.restricting {
                Some(pe) if !valid_after_pseudo_element(kind, pe) => {
                    self.set_failed(Why::PseudoElementPosition);
                    None
                }
                _ => Some((simple, kind)),
            },
            None => {
                self.set_failed(Why::UnexpectedToken("token".into()));
                None
            }
        }
    }

    /// Runs `f` on the contents of the block just consumed, one level deeper. `None` if `f`
    /// fails or leaves tokens behind. The rest of the block is skipped either way.
    fn nested<T>(
        &mut self,
        p: &mut Parser,
        f: impl FnOnce(&mut Grammar, &mut Parser) -> Option<T>,
    ) -> Option<T> {
        if self.depth >= MAX_NESTING {
            self.too_deep = true;
            self.set_failed(Why::TooDeep);
            return None;
        }
        self.depth += 1;
        self.max_depth = self.max_depth.max(self.depth);
        let r: Result<Option<T>, cssparser::ParseError<()>> = p.parse_nested_block(|p| {
            let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self, p));
            let r = match r {
                Some(v) if at_end(p) => Some(v),
                Some(_) => self.fail(unexpected(p)),
                None => None,
            };
            while p.next_including_whitespace_and_comments().is_ok() {}
            Ok(r)
        });
        self.depth -= 1;
        r.ok().flatten()
    }

    /// `ConsumeAttribute`, inside the brackets.
    fn consume_attribute(&mut self, p: &mut Parser) -> Option<AttrSel> {
        consume_whitespace(p);
        let Some(q) = self.consume_name(p) else {
            return self.fail(unexpected(p));
        };
        let Some(name) = q.name else {
            return self.fail(Why::UnexpectedToken("'*' as an attribute name".into()));
        };
        consume_whitespace(p);
        // An unprefixed attribute selector means "in no namespace", as `|name` does.
        let (ns, prefixed) = match q.prefix {
            Prefix::Null => (NsSel::None, false),
            Prefix::Star => (NsSel::Any, true),
            Prefix::Empty => (NsSel::None, true),
            Prefix::Named(n) => return self.fail(Why::UnknownNamespacePrefix(n)),
        };
        let name: Box<str> = name.to_ascii_lowercase().into();
        if at_end(p) {
            return Some(AttrSel {
                ns,
                prefixed,
                name,
                value: None,
            });
        }
        let op = match peek(p) {
            Some(Token::Delim('=')) => Some(AttrOp::Equal),
            Some(Token::IncludeMatch) => Some(AttrOp::Includes),
            Some(Token::DashMatch) => Some(AttrOp::DashMatch),
            Some(Token::PrefixMatch) => Some(AttrOp::Prefix),
            Some(Token::SuffixMatch) => Some(AttrOp::Suffix),
            Some(Token::SubstringMatch) => Some(AttrOp::Substring),
            _ => None,
        };
        let op = match op {
            Some(op) => {
                consume(p);
                consume_whitespace(p);
                op
            }
            None => {
                // Blink marks the parse failed and carries on, without consuming.
                let why = unexpected(p);
                self.set_failed(why);
                AttrOp::Equal
            }
        };
        let value: Box<str> = match peek(p) {
            Some(Token::Ident(v) | Token::QuotedString(v)) => {
                consume(p);
                consume_whitespace(p);
                v.as_ref().into()
            }
            _ => return self.fail(unexpected(p)),
        };
        let mut insensitive = false;
        if let Some(Token::Ident(flag)) = peek(p) {
            consume(p);
            consume_whitespace(p);
            if flag.eq_ignore_ascii_case("i") {
                insensitive = true;
            } else {
                // `s` is behind a runtime flag that is off in Chromium 156.
                self.set_failed(Why::UnexpectedToken(format!("attribute flag '{flag}'")));
            }
        }
        if !at_end(p) {
            return self.fail(unexpected(p));
        }
        Some(AttrSel {
            ns,
            prefixed,
            name,
            value: Some((op, value, insensitive)),
        })
    }

    /// `ConsumePseudo`, at the first colon.
    fn consume_pseudo(&mut self, p: &mut Parser) -> Option<(Simple, SimpleKind)> {
        consume(p);
        let mut double = false;
        if peek_is(p, |t| matches!(t, Token::Colon)) {
            consume(p);
            double = true;
        }
        let (name, function) = match peek(p) {
            Some(Token::Ident(n)) => (n, false),
            Some(Token::Function(n)) => (n, true),
            _ => return self.fail(unexpected(p)),
        };
        let found = lookup(&name, double, function);
        let is_element = double || matches!(found, Some(Pseudo::Element(_)));
        if is_element && self.disallow_pseudo_elements {
            return self.fail(Why::PseudoElementPosition);
        }
        if self.inside_has && found == Some(Pseudo::Class(Pc::Has)) {
            return self.fail(Why::UnexpectedToken("':has()' inside ':has()'".into()));
        }
        consume(p);
        let unknown = |name: &str| {
            if double {
                Why::UnknownPseudoElement(name.into())
            } else {
                Why::UnknownPseudoClass(name.into())
            }
        };
        let Some(found) = found else {
            return self.fail(unknown(&name));
        };
        if !function {
            return Some(match found {
                Pseudo::Element(pe) => (Simple::Never, SimpleKind::Element(pe)),
                Pseudo::Class(pc) => (simple_for(pc), SimpleKind::Class(pc)),
            });
        }
        let r = self.nested(p, |g, p| {
            consume_whitespace(p);
            g.consume_pseudo_arguments(p, found)
        });
        r.or_else(|| self.fail(Why::BadArguments(name.to_string())))
    }

    /// The arguments of a functional pseudo-class or pseudo-element (the `switch` in
    /// `ConsumePseudo`), after the leading whitespace.
    fn consume_pseudo_arguments(
        &mut self,
        p: &mut Parser,
        found: Pseudo,
    ) -> Option<(Simple, SimpleKind)> {
        match found {
            Pseudo::Class(pc) => {
                let kind = SimpleKind::Class(pc);
                let simple = match pc {
                    Pc::Is | Pc::Where => {
                        let list = self.with_pseudo_elements_disallowed(|g| {
                            g.consume_forgiving_nested_list(p)
                        });
                        Simple::Is(list)
                    }
                    Pc::HostFn | Pc::HostContext | Pc::Any => {
                        let list = self.in_compound_pseudo(|g| g.consume_compound_list(p))?;
                        if pc != Pc::Any && list.len() != 1 {
                            return None;
                        }
                        if pc == Pc::Any {
                            Simple::Is(list)
                        } else {
                            Simple::Never
                        }
                    }
                    Pc::Has => {
                        let inside_has = std::mem::replace(&mut self.inside_has, true);
                        let list =
                            self.with_pseudo_elements_disallowed(|g| g.consume_relative_list(p));
                        self.inside_has = inside_has;
                        Simple::Has(list?)
                    }
                    Pc::Not => {
                        let list =
                            self.with_pseudo_elements_disallowed(|g| g.consume_nested_list(p))?;
                        Simple::Not(list)
                    }
                    Pc::Dir | Pc::CustomState | Pc::Lang => {
                        let ident = consume_single_ident(p)?;
                        match pc {
                            Pc::Dir => Simple::State(PseudoClass::Dir(ident)),
                            Pc::Lang => Simple::State(PseudoClass::Lang(ident)),
                            _ => Simple::Never,
                        }
                    }
                    Pc::ActiveViewTransitionType => {
                        loop {
                            let Some(Token::Ident(_)) = peek(p) else {
                                return None;
                            };
                            consume(p);
                            consume_whitespace(p);
                            if at_end(p) {
                                break;
                            }
                            if !peek_is(p, |t| matches!(t, Token::Comma)) {
                                return None;
                            }
                            consume(p);
                            consume_whitespace(p);
                            if at_end(p) {
                                return None;
                            }
                        }
                        Simple::Never
                    }
                    Pc::NthChild | Pc::NthLastChild | Pc::NthOfType | Pc::NthLastOfType => {
                        let (a, b) = consume_an_plus_b(p)?;
                        consume_whitespace(p);
                        let kind = match pc {
                            Pc::NthChild => NthKind::Child,
                            Pc::NthLastChild => NthKind::LastChild,
                            Pc::NthOfType => NthKind::OfType,
                            _ => NthKind::LastOfType,
                        };
                        let mut of = None;
                        if !at_end(p) {
                            if !matches!(kind, NthKind::Child | NthKind::LastChild) {
                                return None;
                            }
                            // `of` is compared case-sensitively.
                            match peek(p) {
                                Some(Token::Ident(s)) if &*s == "of" => consume(p),
                                _ => return None,
                            }
                            consume_whitespace(p);
                            of = Some(self.consume_complex_list(p)?);
                            consume_whitespace(p);
                        }
                        Simple::Nth { kind, a, b, of }
                    }
                    _ => return None,
                };
                Some((simple, kind))
            }
            Pseudo::Element(pe) => {
                let kind = SimpleKind::Element(pe);
                match pe {
                    Pe::CueFn => {
                        self.in_compound_pseudo(|g| g.consume_compound_list(p))?;
                    }
                    Pe::Slotted => {
                        self.in_compound_pseudo(|g| {
                            let c = g.consume_compound(p);
                            consume_whitespace(p);
                            c
                        })?;
                    }
                    Pe::Part => loop {
                        let Some(Token::Ident(_)) = peek(p) else {
                            return None;
                        };
                        consume(p);
                        consume_whitespace(p);
                        if at_end(p) {
                            break;
                        }
                    },
                    Pe::Highlight => {
                        consume_single_ident(p)?;
                    }
                    Pe::Picker => {
                        let ident = consume_single_ident(p)?;
                        if !ident.eq_ignore_ascii_case("select") {
                            return None;
                        }
                    }
                    Pe::ScrollButton => {
                        match peek(p) {
                            Some(Token::Ident(d)) if is_scroll_direction(&d) => {}
                            Some(Token::Delim('*')) => {}
                            _ => return None,
                        }
                        consume(p);
                        consume_whitespace(p);
                    }
                    Pe::ViewTransitionGroup
                    | Pe::ViewTransitionGroupChildren
                    | Pe::ViewTransitionImagePair
                    | Pe::ViewTransitionNew
                    | Pe::ViewTransitionOld => consume_view_transition_argument(p)?,
                    _ => return None,
                }
                Some((Simple::Never, kind))
            }
        }
    }

    fn with_pseudo_elements_disallowed<T>(&mut self, f: impl FnOnce(&mut Grammar) -> T) -> T {
        let saved = std::mem::replace(&mut self.disallow_pseudo_elements, true);
        let r = f(self);
        self.disallow_pseudo_elements = saved;
        r
    }

    fn in_compound_pseudo<T>(&mut self, f: impl FnOnce(&mut Grammar) -> T) -> T {
        let saved_pe = std::mem::replace(&mut self.disallow_pseudo_elements, true);
        let saved = std::mem::replace(&mut self.inside_compound_pseudo, true);
        let r = f(self);
        self.inside_compound_pseudo = saved;
        self.disallow_pseudo_elements = saved_pe;
        r
    }

    /// `ConsumeForgivingNestedSelectorList` (`:is()`, `:where()`): arguments that do not
    /// parse are dropped; the list may end up empty.
    fn consume_forgiving_nested_list(&mut self, p: &mut Parser) -> Vec<Complex> {
        let mut out = Vec::new();
        while !at_end(p) {
            let failed = std::mem::replace(&mut self.failed, false);
            let why = self.why.take();
            let state = p.state();
            let item = if self.inside_compound_pseudo {
                let c = self.consume_compound(p).map(|(c, _)| Complex {
                    first: c,
                    rest: Vec::new(),
                });
                consume_whitespace(p);
                c.filter(|_| !self.failed && peek_is_comma_or_end(p))
            } else {
                self.consume_complex(p)
                    .filter(|_| !self.failed && at_end_of_complex(p))
            };
            match item {
                Some(c) => out.push(c),
                None => {
                    p.reset(&state);
                    skip_to_comma(p);
                }
            }
            self.failed = failed;
            self.why = why;
            if !peek_is(p, |t| matches!(t, Token::Comma)) {
                break;
            }
            consume(p);
            consume_whitespace(p);
        }
        out
    }

    /// `ConsumeNestedSelectorList` (`:not()`): unforgiving, never empty.
    fn consume_nested_list(&mut self, p: &mut Parser) -> Option<Vec<Complex>> {
        if self.inside_compound_pseudo {
            self.consume_compound_list(p)
        } else {
            self.consume_complex_list(p)
        }
    }

    /// `ConsumeCompoundSelectorList`: compounds separated by commas.
    fn consume_compound_list(&mut self, p: &mut Parser) -> Option<Vec<Complex>> {
        let mut list = Vec::new();
        loop {
            let (first, _) = match self.consume_compound(p) {
                Some(c) => c,
                None => return self.fail(unexpected(p)),
            };
            consume_whitespace(p);
            list.push(Complex {
                first,
                rest: Vec::new(),
            });
            if !peek_is(p, |t| matches!(t, Token::Comma)) {
                break;
            }
            consume(p);
            consume_whitespace(p);
        }
        if self.failed {
            return None;
        }
        Some(list)
    }

    /// `ConsumeRelativeSelectorList` (`:has()`): unforgiving, never empty.
    fn consume_relative_list(&mut self, p: &mut Parser) -> Option<Vec<Relative>> {
        let mut list = vec![self.consume_relative(p)?];
        while peek_is(p, |t| matches!(t, Token::Comma)) {
            consume(p);
            consume_whitespace(p);
            list.push(self.consume_relative(p)?);
        }
        if self.failed || self.inside_compound_pseudo || self.restricting.is_some() {
            return None;
        }
        Some(list)
    }

    /// `ConsumeRelativeSelector`: an optional leading combinator, then a complex selector.
    fn consume_relative(&mut self, p: &mut Parser) -> Option<Relative> {
        let lead = consume_combinator(p).unwrap_or(Combinator::Descendant);
        let complex = self.consume_complex(p)?;
        Some(Relative { lead, complex })
    }
}

/// The AST for a pseudo-class without arguments.
fn simple_for(pc: Pc) -> Simple {
    match pc {
        Pc::Structural(s) => Simple::Structural(s),
        Pc::State(s) => Simple::State(PseudoClass::State(s)),
        _ => Simple::Never,
    }
}

/// One identifier and nothing else (trailing whitespace allowed).
fn consume_single_ident(p: &mut Parser) -> Option<Box<str>> {
    let Some(Token::Ident(s)) = peek(p) else {
        return None;
    };
    consume(p);
    consume_whitespace(p);
    Some(s.as_ref().into())
}

fn is_scroll_direction(d: &str) -> bool {
    [
        "up",
        "down",
        "left",
        "right",
        "block-start",
        "block-end",
        "inline-start",
        "inline-end",
    ]
    .iter()
    .any(|k| d.eq_ignore_ascii_case(k))
}

/// The argument of `::view-transition-group()` and its siblings: a name or `*`, then
/// `.class` parts (Chromium 156 allows whitespace before each), then optional whitespace.
fn consume_view_transition_argument(p: &mut Parser) -> Option<()> {
    if !peek_is(p, |t| matches!(t, Token::Delim('.'))) {
        match peek(p) {
            Some(Token::Delim('*')) => consume(p),
            Some(Token::Ident(n)) if is_custom_ident(&n) => consume(p),
            _ => return None,
        }
    }
    loop {
        consume_whitespace(p);
        if at_end(p) {
            return Some(());
        }
        if !peek_is(p, |t| matches!(t, Token::Delim('.'))) {
            return None;
        }
        consume(p);
        match peek(p) {
            Some(Token::Ident(n)) if is_custom_ident(&n) => consume(p),
            _ => return None,
        }
    }
}

/// A `<custom-ident>`: not a CSS-wide keyword nor `default`.
fn is_custom_ident(n: &str) -> bool {
    ![
        "initial",
        "inherit",
        "unset",
        "revert",
        "revert-layer",
        "default",
    ]
    .iter()
    .any(|k| n.eq_ignore_ascii_case(k))
}

/// Blink's `ConsumeANPlusB`.
fn consume_an_plus_b(p: &mut Parser) -> Option<(i32, i32)> {
    let token = p.next_including_whitespace().ok()?.clone();
    if matches!(
        token,
        Token::Function(_)
            | Token::ParenthesisBlock
            | Token::SquareBracketBlock
            | Token::CurlyBracketBlock
    ) {
        return None;
    }
    let (a, n_string): (i32, String) = match &token {
        Token::Number {
            int_value: Some(v), ..
        } => return Some((0, *v)),
        Token::Ident(s) if s.eq_ignore_ascii_case("odd") => return Some((2, 1)),
        Token::Ident(s) if s.eq_ignore_ascii_case("even") => return Some((2, 0)),
        Token::Delim('+') => match peek(p) {
            Some(Token::Ident(s)) => {
                consume(p);
                (1, s.to_string())
            }
            _ => return None,
        },
        Token::Dimension {
            int_value: Some(v),
            unit,
            ..
        } => (*v, unit.to_string()),
        Token::Ident(s) => match s.strip_prefix('-') {
            Some(rest) => (-1, rest.to_owned()),
            None => (1, s.to_string()),
        },
        _ => return None,
    };
    consume_whitespace(p);
    let bytes = n_string.as_bytes();
    if bytes.is_empty() || !bytes[0].eq_ignore_ascii_case(&b'n') {
        return None;
    }
    if bytes.len() > 1 && bytes[1] != b'-' {
        return None;
    }
    if bytes.len() > 2 {
        let digits = &n_string[2..];
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let b: i32 = n_string[1..].parse().ok()?;
        return Some((a, b));
    }
    #[derive(PartialEq)]
    enum Sign {
        None,
        Plus,
        Minus,
    }
    let mut sign = if bytes.len() == 1 {
        Sign::None
    } else {
        Sign::Minus
    };
    if sign == Sign::None
        && let Some(Token::Delim(d)) = peek(p)
    {
        consume(p);
        consume_whitespace(p);
        sign = match d {
            '+' => Sign::Plus,
            '-' => Sign::Minus,
            _ => return None,
        };
    }
    let b_token = peek(p);
    if sign == Sign::None && !matches!(b_token, Some(Token::Number { .. })) {
        return Some((a, 0));
    }
    let Some(Token::Number {
        int_value: Some(b),
        has_sign,
        ..
    }) = b_token
    else {
        return None;
    };
    if has_sign != (sign == Sign::None) {
        return None;
    }
    consume(p);
    let b = if sign == Sign::Minus {
        b.checked_neg().unwrap_or(i32::MAX)
    } else {
        b
    };
    Some((a, b))
}

/// `ConsumeCombinator`: `None` is "no combinator" (the compound goes on).
fn consume_combinator(p: &mut Parser) -> Option<Combinator> {
    let mut fallback = None;
    while peek_is(p, |t| matches!(t, Token::WhiteSpace(_))) {
        consume(p);
        fallback = Some(Combinator::Descendant);
    }
    let c = match peek(p) {
        Some(Token::Delim('+')) => Combinator::NextSibling,
        Some(Token::Delim('~')) => Combinator::LaterSibling,
        Some(Token::Delim('>')) => Combinator::Child,
        _ => return fallback,
    };
    consume(p);
    consume_whitespace(p);
    Some(c)
}

fn peek<'i>(p: &mut Parser<'i>) -> Option<Token<'i>> {
    let state = p.state();
    let t = p.next_including_whitespace().ok().cloned();
    p.reset(&state);
    t
}

fn peek_is(p: &mut Parser, f: impl FnOnce(&Token) -> bool) -> bool {
    let state = p.state();
    let r = p.next_including_whitespace().is_ok_and(f);
    p.reset(&state);
    r
}

fn consume(p: &mut Parser) {
    let _ = p.next_including_whitespace();
}

fn at_end(p: &mut Parser) -> bool {
    let state = p.state();
    let r = p.next_including_whitespace().is_err();
    p.reset(&state);
    r
}

fn consume_whitespace(p: &mut Parser) {
    while peek_is(p, |t| matches!(t, Token::WhiteSpace(_))) {
        consume(p);
    }
}

/// Blink's `AtEndOfComplexSelector`: the end, a `{` or a `,`.
fn at_end_of_complex(p: &mut Parser) -> bool {
    match peek(p) {
        None => true,
        Some(t) => matches!(t, Token::Comma | Token::CurlyBracketBlock),
    }
}

fn peek_is_comma_or_end(p: &mut Parser) -> bool {
    matches!(peek(p), None | Some(Token::Comma))
}

/// Skips to the next `,` at this level (blocks are skipped whole) or the end.
fn skip_to_comma(p: &mut Parser) {
    while let Some(t) = peek(p) {
        if matches!(t, Token::Comma) {
            break;
        }
        consume(p);
    }
}

/// Describes the next token for an error message.
fn unexpected(p: &mut Parser) -> Why {
    Why::UnexpectedToken(match peek(p) {
        None => "end of input".to_owned(),
        Some(t) => describe(&t),
    })
}

fn describe(t: &Token) -> String {
    match t {
        Token::Ident(s) => format!("identifier '{s}'"),
        Token::Function(s) => format!("'{s}('"),
        Token::IDHash(s) | Token::Hash(s) => format!("'#{s}'"),
        Token::QuotedString(s) => format!("string \"{s}\""),
        Token::Delim(c) => format!("'{c}'"),
        Token::Number { value, .. } => format!("number {value}"),
        Token::Dimension { value, unit, .. } => format!("'{value}{unit}'"),
        Token::Percentage { unit_value, .. } => format!("'{}%'", unit_value * 100.0),
        Token::WhiteSpace(_) => "whitespace".to_owned(),
        Token::Colon => "':'".to_owned(),
        Token::Semicolon => "';'".to_owned(),
        Token::Comma => "','".to_owned(),
        Token::IncludeMatch => "'~='".to_owned(),
        Token::DashMatch => "'|='".to_owned(),
        Token::PrefixMatch => "'^='".to_owned(),
        Token::SuffixMatch => "'$='".to_owned(),
        Token::SubstringMatch => "'*='".to_owned(),
        Token::ParenthesisBlock => "'('".to_owned(),
        Token::SquareBracketBlock => "'['".to_owned(),
        Token::CurlyBracketBlock => "'{'".to_owned(),
        Token::CloseParenthesis => "')'".to_owned(),
        Token::CloseSquareBracket => "']'".to_owned(),
        Token::CloseCurlyBracket => "'}'".to_owned(),
        Token::AtKeyword(s) => format!("'@{s}'"),
        Token::UnquotedUrl(_) | Token::BadUrl(_) => "url(…)".to_owned(),
        Token::BadString(_) => "unterminated string".to_owned(),
        Token::CDO => "'<!--'".to_owned(),
        Token::CDC => "'-->'".to_owned(),
        Token::Comment(_) => "comment".to_owned(),
    }
}

//! The `pattern` attribute: a small backtracking matcher for the JavaScript regular
//! expressions Chromium compiles it as (`^(?:pattern)$` with the `v` flag).
//!
//! It covers literals, `.`, classes (ranges, negation, `\d\w\s` and their negations),
//! groups, alternation, anchors and greedy or lazy quantifiers. A pattern that uses anything
//! else (lookaround, backreferences, named groups, class set operations, property escapes),
//! or that is not a valid `v`-mode expression (Chromium then ignores the attribute), compiles
//! to `None`: no pattern constraint.

use std::cell::Cell;

/// A compiled pattern.
#[derive(Debug)]
pub(crate) struct Pattern {
    node: Node,
}

#[derive(Debug)]
enum Node {
    /// Alternatives.
    Alt(Vec<Node>),
    /// A sequence.
    Seq(Vec<Node>),
    /// One character of a set.
    Class(Vec<(char, char)>, bool),
    /// Any character but a line terminator.
    Dot,
    /// `^` / `$`.
    Start,
    End,
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

const MAX_STEPS: u32 = 50_000;

impl Pattern {
    /// Compiles a `pattern` attribute value; `None` if it is invalid or unsupported.
    pub(crate) fn compile(src: &str) -> Option<Pattern> {
        let chars: Vec<char> = src.chars().collect();
        let mut p = P { s: &chars, i: 0 };
        let node = p.alt()?;
        if p.i != chars.len() {
            return None;
        }
        Some(Pattern { node })
    }

    /// Whether the whole of `s` matches. Too much backtracking counts as a match: better a
    /// missed `:invalid` than a wrong one.
    pub(crate) fn matches_whole(&self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        let steps = Cell::new(0);
        let found = m(&self.node, &chars, 0, &mut |i| i == chars.len(), &steps);
        found || steps.get() > MAX_STEPS
    }
}

/// Matches `node` at `i`, calling `k` with each end position until it returns true.
fn m(
    node: &Node,
    s: &[char],
    i: usize,
    k: &mut dyn FnMut(usize) -> bool,
    steps: &Cell<u32>,
) -> bool {
    steps.set(steps.get() + 1);
    if steps.get() > MAX_STEPS {
        return false;
    }
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || match node {
        Node::Alt(alts) => alts.iter().any(|a| m(a, s, i, k, steps)),
        Node::Seq(items) => seq(items, s, i, k, steps),
        Node::Class(ranges, negated) => {
            s.get(i)
                .is_some_and(|&c| ranges.iter().any(|&(a, b)| a <= c && c <= b) != *negated)
                && k(i + 1)
        }
        Node::Dot => {
            s.get(i)
                .is_some_and(|&c| !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'))
                && k(i + 1)
        }
        Node::Start => i == 0 && k(i),
        Node::End => i == s.len() && k(i),
        Node::Repeat {
            node,
            min,
            max,
            greedy,
        } => repeat(node, (*min, *max, *greedy), s, i, 0, k, steps),
    })
}

fn seq(
    items: &[Node],
    s: &[char],
    i: usize,
    k: &mut dyn FnMut(usize) -> bool,
    steps: &Cell<u32>,
) -> bool {
    match items.split_first() {
        None => k(i),
        Some((first, rest)) => m(first, s, i, &mut |j| seq(rest, s, j, k, steps), steps),
    }
}

fn repeat(
    node: &Node,
    q: (u32, Option<u32>, bool),
    s: &[char],
    i: usize,
    count: u32,
    k: &mut dyn FnMut(usize) -> bool,
    steps: &Cell<u32>,
) -> bool {
    let (min, max, greedy) = q;
    if count < min {
        return m(
            node,
            s,
            i,
            &mut |j| repeat(node, q, s, j, count + 1, k, steps),
            steps,
        );
    }
    let can_more = max.is_none_or(|mx| count < mx);
    // An iteration must consume something, or `(a*)*` would loop.
    let more = |k: &mut dyn FnMut(usize) -> bool| {
        can_more
            && m(
                node,
                s,
                i,
                &mut |j| j != i && repeat(node, q, s, j, count + 1, k, steps),
                steps,
            )
    };
    if greedy {
        if more(k) {
            return true;
        }
        k(i)
    } else {
        if k(i) {
            return true;
        }
        more(k)
    }
}
struct P<'a> {
    s: &'a [char],
    i: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn alt(&mut self) -> Option<Node> {
        let mut alts = vec![self.seq()?];
        while self.eat('|') {
            alts.push(self.seq()?);
        }
        Some(if alts.len() == 1 {
            alts.pop()?
        } else {
            Node::Alt(alts)
        })
    }

    fn seq(&mut self) -> Option<Node> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Some(Node::Seq(items))
    }

    fn quantified(&mut self, atom: Node) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some('*') => {
                self.i += 1;
                (0, None)
            }
            Some('+') => {
                self.i += 1;
                (1, None)
            }
            Some('?') => {
                self.i += 1;
                (0, Some(1))
            }
            Some('{') => {
                self.i += 1;
                let min = self.number()?;
                let max = if self.eat(',') {
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.number()?)
                    }
                } else {
                    Some(min)
                };
                if !self.eat('}') || max.is_some_and(|mx| mx < min) {
                    return None;
                }
                (min, max)
            }
            _ => return Some(atom),
        };
        if matches!(atom, Node::Start | Node::End) {
            return None;
        }
        let greedy = !self.eat('?');
        Some(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if self.i == start {
            return None;
        }
        let s: String = self.s[start..self.i].iter().collect();
        s.parse().ok().map(|n: u32| n.min(100_000))
    }

    fn atom(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.i += 1;
        Some(match c {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Dot,
            '(' => {
                if self.eat('?') {
                    // Only non-capturing groups; lookaround and named groups are unsupported.
                    if !self.eat(':') {
                        return None;
                    }
                }
                let inner = self.alt()?;
                if !self.eat(')') {
                    return None;
                }
                inner
            }
            '[' => self.class()?,
            '\\' => self.escape(false)?,
            // Invalid without an atom before, or as lone characters in `u`/`v` mode.
            '*' | '+' | '?' | '{' | '}' | ']' | ')' => return None,
            c => Node::Class(vec![(c, c)], false),
        })
    }

    /// An escape after `\`, as an atom (or a class item when `in_class`).
    fn escape(&mut self, in_class: bool) -> Option<Node> {
        let c = self.peek()?;
        self.i += 1;
        let set = |r: Vec<(char, char)>, neg| Some(Node::Class(r, neg));
        let digit = vec![('0', '9')];
        let word = vec![('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
        let space = vec![
            ('\t', '\r'),
            (' ', ' '),
            ('\u{A0}', '\u{A0}'),
            ('\u{1680}', '\u{1680}'),
            ('\u{2000}', '\u{200A}'),
            ('\u{2028}', '\u{2029}'),
            ('\u{202F}', '\u{202F}'),
            ('\u{205F}', '\u{205F}'),
            ('\u{3000}', '\u{3000}'),
            ('\u{FEFF}', '\u{FEFF}'),
        ];
        let lit = |c: char| Some(Node::Class(vec![(c, c)], false));
        match c {
            'd' => set(digit, false),
            'D' => set(digit, true),
            'w' => set(word, false),
            'W' => set(word, true),
            's' => set(space, false),
            'S' => set(space, true),
            't' => lit('\t'),
            'n' => lit('\n'),
            'r' => lit('\r'),
            'f' => lit('\x0C'),
            'v' => lit('\x0B'),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => lit('\0'),
            'x' => {
                let v = self.hex(2)?;
                lit(char::from_u32(v)?)
            }
            'u' => {
                let v = if self.eat('{') {
                    let start = self.i;
                    while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                        self.i += 1;
                    }
                    let s: String = self.s[start..self.i].iter().collect();
                    if !self.eat('}') {
                        return None;
                    }
                    u32::from_str_radix(&s, 16).ok()?
                } else {
                    self.hex(4)?
                };
                lit(char::from_u32(v)?)
            }
            '-' if in_class => lit('-'),
            c if "^$\\.*+?()[]{}|/".contains(c) => lit(c),
            // Class set punctuators may be escaped inside `v`-mode classes.
            c if in_class && "&-!#%,:;<=>@`~".contains(c) => lit(c),
            _ => None,
        }
    }

    fn hex(&mut self, n: usize) -> Option<u32> {
        let end = self.i + n;
        let s: String = self.s.get(self.i..end)?.iter().collect();
        if !s.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.i = end;
        u32::from_str_radix(&s, 16).ok()
    }

    /// A `v`-mode class without set operations or nested classes.
    fn class(&mut self) -> Option<Node> {
        let negated = self.eat('^');
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut negated_parts: Vec<Vec<(char, char)>> = Vec::new();
        loop {
            let c = self.peek()?;
            if c == ']' {
                self.i += 1;
                break;
            }
            // Double punctuators are reserved in `v` mode.
            if let Some(&next) = self.s.get(self.i + 1)
                && next == c
                && "&!#$%*+,.:;<=>?@^`~".contains(c)
            {
                return None;
            }
            let item = self.class_atom()?;
            let (lo, neg) = match item {
                Node::Class(r, false) if r.len() == 1 && r[0].0 == r[0].1 => (r[0].0, None),
                Node::Class(r, false) => {
                    ranges.extend(r);
                    continue;
                }
                Node::Class(r, true) => (char::MAX, Some(r)),
                _ => return None,
            };
            if let Some(r) = neg {
                negated_parts.push(r);
                continue;
            }
            if self.peek() == Some('-') && self.s.get(self.i + 1) != Some(&']') {
                self.i += 1;
                let hi = match self.class_atom()? {
                    Node::Class(r, false) if r.len() == 1 && r[0].0 == r[0].1 => r[0].0,
                    _ => return None,
                };
                if hi < lo {
                    return None;
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        for r in negated_parts {
            // The complement of a set, as ranges.
            let mut sorted = r;
            sorted.sort();
            let mut next = '\0';
            for (a, b) in sorted {
                if a > next {
                    ranges.push((next, char::from_u32(a as u32 - 1).unwrap_or(next)));
                }
                next = char::from_u32(b as u32 + 1).unwrap_or(char::MAX);
            }
            if next < char::MAX {
                ranges.push((next, char::MAX));
            }
        }
        Some(Node::Class(ranges, negated))
    }

    fn class_atom(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.i += 1;
        match c {
            '\\' => self.escape(true),
            // Syntax characters must be escaped inside `v`-mode classes.
            '(' | ')' | '[' | '{' | '}' | '/' | '-' | '|' => None,
            c => Some(Node::Class(vec![(c, c)], false)),
        }
    }
}

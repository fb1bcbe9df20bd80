//! The pattern language of rule files: what a sentence's tokens must look like
//! for a claim to be read from it.
//!
//! ```text
//! flight              a word, in any case
//! "per cent" ","      words and punctuation, tokenised like the text
//! `US`                exact case
//! (left | departed)   one of several
//! [the]               optional
//! _  _{0,3}           any one token; between 0 and 3 tokens
//! @vehicles           a set of words from the rule file's [sets] or a knowledge list
//! $no:identifier      a typed slot, named so the claim can use it
//! $no:/[A-Z]{2}\d+/   one token matching a regular expression
//! $what:(a | b c)     the words a sub-pattern matched
//! ```
//!
//! Matching is leftmost-longest from each token, without overlapping matches,
//! by a backtracking search bounded by a step budget: gaps and repeats are
//! bounded, so no pattern makes a sentence take more than linear time.

use super::slots::{SlotContext, SlotKind, SlotMatch};
use super::tokens::{lower, tokenize, Token};
use crate::claim::Text;
use std::collections::BTreeSet;

/// The most tokens one gap may skip: a pattern is about words close together.
pub const MAX_GAP: usize = 8;

/// Steps a match may take from one start token before it gives up there.
const STEP_BUDGET: u32 = 4_096;

#[derive(Debug, Clone)]
pub enum Node {
    /// Tokens in a row, compared in lower case.
    Words(Vec<Text>),
    /// Tokens in a row, compared as written.
    Exact(Vec<String>),
    Choice(Vec<Vec<Node>>),
    Optional(Vec<Node>),
    Gap {
        min: usize,
        max: usize,
    },
    /// A named set; resolved to phrases when the patterns are compiled for a run.
    Set(String),
    Slot {
        capture: usize,
        kind: SlotKind,
    },
    Group {
        capture: usize,
        inner: Vec<Node>,
    },
}

/// A parsed pattern: its nodes and the names of its captures, in order.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub nodes: Vec<Node>,
    pub captures: Vec<Capture>,
}

#[derive(Debug, Clone)]
pub struct Capture {
    pub name: String,
    /// The slot type, or `None` for a sub-pattern's words.
    pub kind: Option<SlotKind>,
}

/// A mistake in a pattern, at a byte offset in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub message: String,
}

pub fn parse(source: &str) -> Result<Pattern, PatternError> {
    let mut parser = Parser {
        source,
        at: 0,
        captures: Vec::new(),
    };
    let nodes = parser.choice()?;
    parser.skip_space();
    if parser.at < source.len() {
        return Err(parser.error(format!(
            "unexpected `{}`",
            parser.rest().chars().next().unwrap_or(' ')
        )));
    }
    if min_length(&nodes) == 0 {
        return Err(PatternError {
            offset: 0,
            message:
                "the pattern can match no word at all: give it at least one required word or slot"
                    .into(),
        });
    }
    Ok(Pattern {
        nodes,
        captures: parser.captures,
    })
}

struct Parser<'a> {
    source: &'a str,
    at: usize,
    captures: Vec<Capture>,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.source[self.at..]
    }

    fn error(&self, message: impl Into<String>) -> PatternError {
        PatternError {
            offset: self.at,
            message: message.into(),
        }
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.at = self.source.len() - trimmed.len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.rest().starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// `seq | seq | …`; one sequence alone is returned as it is.
    fn choice(&mut self) -> Result<Vec<Node>, PatternError> {
        let mut branches = vec![self.sequence()?];
        while self.eat('|') {
            branches.push(self.sequence()?);
        }
        if branches.len() == 1 {
            return Ok(branches.pop().unwrap_or_default());
        }
        if let Some(empty) = branches.iter().position(Vec::is_empty) {
            let _ = empty;
            return Err(
                self.error("an alternative is empty: write it as optional with [ ] instead")
            );
        }
        Ok(vec![Node::Choice(branches)])
    }

    fn sequence(&mut self) -> Result<Vec<Node>, PatternError> {
        let mut nodes = Vec::new();
        loop {
            self.skip_space();
            match self.rest().chars().next() {
                None | Some('|' | ')' | ']') => return Ok(nodes),
                Some(_) => nodes.push(self.item()?),
            }
        }
    }

    fn item(&mut self) -> Result<Node, PatternError> {
        let start = self.at;
        let c = self.rest().chars().next().unwrap_or(' ');
        match c {
            '(' => {
                self.at += 1;
                let inner = self.choice()?;
                if !self.eat(')') {
                    return Err(self.error("`(` is not closed by `)`"));
                }
                Ok(group(inner))
            }
            '[' => {
                self.at += 1;
                let inner = self.choice()?;
                if !self.eat(']') {
                    return Err(self.error("`[` is not closed by `]`"));
                }
                if inner.is_empty() {
                    return Err(PatternError {
                        offset: start,
                        message: "`[ ]` holds nothing".into(),
                    });
                }
                Ok(Node::Optional(inner))
            }
            '"' | '`' => {
                self.at += 1;
                let Some(end) = self.rest().find(c) else {
                    return Err(PatternError {
                        offset: start,
                        message: format!("`{c}` is not closed"),
                    });
                };
                let text = &self.rest()[..end];
                self.at += end + 1;
                let words = literal_tokens(text);
                if words.is_empty() {
                    return Err(PatternError {
                        offset: start,
                        message: "an empty quotation matches nothing".into(),
                    });
                }
                if c == '"' {
                    Ok(Node::Words(words.into_iter().map(|(_, l)| l).collect()))
                } else {
                    Ok(Node::Exact(words.into_iter().map(|(w, _)| w).collect()))
                }
            }
            '_' => {
                self.at += 1;
                if !self.rest().starts_with('{') {
                    return Ok(Node::Gap { min: 1, max: 1 });
                }
                self.at += 1;
                let Some(close) = self.rest().find('}') else {
                    return Err(self.error("`_{` is not closed by `}`"));
                };
                let inside = &self.rest()[..close];
                let (min, max) = match inside.split_once(',') {
                    Some((a, b)) => (a.trim().parse::<usize>(), b.trim().parse::<usize>()),
                    None => (
                        inside.trim().parse::<usize>(),
                        inside.trim().parse::<usize>(),
                    ),
                };
                let (Ok(min), Ok(max)) = (min, max) else {
                    return Err(
                        self.error("a gap is `_{MIN,MAX}` with two whole numbers, e.g. `_{0,3}`")
                    );
                };
                if min > max || max > MAX_GAP {
                    return Err(self.error(format!(
                        "a gap must have MIN ≤ MAX ≤ {MAX_GAP} (got {min},{max}): patterns are about words close together"
                    )));
                }
                self.at += close + 1;
                Ok(Node::Gap { min, max })
            }
            '@' => {
                self.at += 1;
                let name = self.name();
                if name.is_empty() {
                    return Err(
                        self.error("`@` must be followed by a set's name, e.g. `@vehicles`")
                    );
                }
                Ok(Node::Set(name))
            }
            '$' => self.slot(start),
            '{' | '}' | '!' => Err(self.error(format!(
                "`{c}` has no meaning here; quote it as \"{c}\" to match it"
            ))),
            _ => {
                let end = self
                    .rest()
                    .find(|c: char| c.is_whitespace() || "()[]|\"`@$".contains(c))
                    .unwrap_or(self.rest().len());
                let text = &self.rest()[..end];
                self.at += end;
                let words = literal_tokens(text);
                Ok(Node::Words(words.into_iter().map(|(_, l)| l).collect()))
            }
        }
    }

    fn name(&mut self) -> String {
        let end = self
            .rest()
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(self.rest().len());
        let name = self.rest()[..end].to_string();
        self.at += end;
        name
    }

    /// `$name:type`, `$name:/regex/` or `$name:( sub-pattern )`.
    fn slot(&mut self, start: usize) -> Result<Node, PatternError> {
        self.at += 1;
        let name = self.name();
        if name.is_empty() {
            return Err(self.error("`$` must be followed by a slot's name, e.g. `$price:money`"));
        }
        if self.captures.iter().any(|c| c.name == name) {
            return Err(PatternError {
                offset: start,
                message: format!("slot `${name}` is named twice"),
            });
        }
        if !self.rest().starts_with(':') {
            return Err(self.error(format!(
                "`${name}` needs a type: `${name}:TYPE` with TYPE one of {}, a /regex/ or a ( sub-pattern )",
                SlotKind::NAMES.join(", ")
            )));
        }
        self.at += 1;
        let capture = self.captures.len();
        if self.rest().starts_with('(') {
            self.captures.push(Capture { name, kind: None });
            self.at += 1;
            let inner = self.choice()?;
            if !self.eat(')') {
                return Err(self.error("`(` is not closed by `)`"));
            }
            return Ok(Node::Group { capture, inner });
        }
        let kind = if self.rest().starts_with('/') {
            let regex_at = self.at;
            self.at += 1;
            let Some(end) = self.rest().find('/') else {
                return Err(self.error("`/` is not closed"));
            };
            let expression = &self.rest()[..end];
            self.at += end + 1;
            let anchored = format!("^(?:{expression})$");
            match regex::RegexBuilder::new(&anchored)
                .size_limit(1 << 20)
                .build()
            {
                Ok(regex) => SlotKind::Regex(regex),
                Err(e) => {
                    let reason = e.to_string();
                    let reason = reason.lines().last().unwrap_or("invalid").trim();
                    return Err(PatternError {
                        offset: regex_at,
                        message: format!("invalid regular expression: {reason}"),
                    });
                }
            }
        } else {
            let type_at = self.at;
            let type_name = self.name();
            SlotKind::by_name(&type_name).ok_or_else(|| PatternError {
                offset: type_at,
                message: format!(
                    "unknown slot type `{type_name}` (known: {})",
                    SlotKind::NAMES.join(", ")
                ),
            })?
        };
        self.captures.push(Capture {
            name,
            kind: Some(kind.clone()),
        });
        Ok(Node::Slot { capture, kind })
    }
}

/// A parenthesised group: its single node, or a choice of one branch.
fn group(inner: Vec<Node>) -> Node {
    match <[Node; 1]>::try_from(inner) {
        Ok([node]) => node,
        Err(inner) => Node::Choice(vec![inner]),
    }
}

/// A literal's tokens as written and in lower case, read like the text is.
fn literal_tokens(text: &str) -> Vec<(String, Text)> {
    tokenize(text)
        .into_iter()
        .map(|t| (text[t.start..t.end].to_string(), t.lower))
        .collect()
}

fn min_length(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|node| match node {
            Node::Words(w) => w.len(),
            Node::Exact(w) => w.len(),
            Node::Choice(branches) => branches.iter().map(|b| min_length(b)).min().unwrap_or(0),
            Node::Optional(_) => 0,
            Node::Gap { min, .. } => *min,
            Node::Set(_) | Node::Slot { .. } => 1,
            Node::Group { inner, .. } => min_length(inner),
        })
        .sum()
}

/// Every set name a pattern uses.
pub fn set_names(nodes: &[Node], out: &mut BTreeSet<String>) {
    for node in nodes {
        match node {
            Node::Set(name) => {
                out.insert(name.clone());
            }
            Node::Choice(branches) => branches.iter().for_each(|b| set_names(b, out)),
            Node::Optional(inner) | Node::Group { inner, .. } => set_names(inner, out),
            _ => {}
        }
    }
}

/// Words one of which every match contains, for the cue search that lets a
/// sentence skip the pattern: a required element that is made of words. `None` when no element is (the pattern then runs on every sentence).
/// Only plain ASCII words are cues, so a case-insensitive ASCII search of the
/// raw sentence finds every one its tokens hold.
pub fn cue_words(
    nodes: &[Node],
    set_phrases: &dyn Fn(&str) -> Option<Vec<Vec<Text>>>,
) -> Option<BTreeSet<String>> {
    // ASCII letters and digits, with hyphens inside only: such a word, found
    // by an ASCII search, is bounded by characters that are not letters.
    fn plain(word: &str) -> bool {
        let bytes = word.as_bytes();
        bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    }
    fn required(
        node: &Node,
        sets: &dyn Fn(&str) -> Option<Vec<Vec<Text>>>,
    ) -> Option<BTreeSet<String>> {
        match node {
            // The longest word of a literal: "favour" of "in favour", rarer than "in".
            Node::Words(words) => words
                .iter()
                .filter(|w| plain(w))
                .max_by_key(|w| w.len())
                .map(|w| BTreeSet::from([w.to_string()])),
            Node::Exact(words) => words
                .iter()
                .map(|w| w.to_lowercase())
                .filter(|w| plain(w))
                .max_by_key(|w| w.len())
                .map(|w| BTreeSet::from([w])),
            Node::Choice(branches) => {
                let mut all = BTreeSet::new();
                for branch in branches {
                    all.extend(cue_words(branch, sets)?);
                }
                Some(all)
            }
            Node::Set(name) => {
                let phrases = sets(name)?;
                let mut all = BTreeSet::new();
                for phrase in phrases {
                    let longest = phrase
                        .into_iter()
                        .filter(|w| plain(w))
                        .max_by_key(|w| w.len())?;
                    all.insert(longest.to_string());
                }
                (!all.is_empty()).then_some(all)
            }
            Node::Group { inner, .. } => cue_words(inner, sets),
            Node::Optional(_) | Node::Gap { .. } | Node::Slot { .. } => None,
        }
    }
    // Of the required elements made of words, the one whose shortest word is
    // longest: short words ("in", "of") are in most sentences, long ones rarely.
    nodes
        .iter()
        .filter_map(|node| required(node, set_phrases))
        .fold(None, |best: Option<BTreeSet<String>>, cues| {
            let shortest = |set: &BTreeSet<String>| set.iter().map(String::len).min().unwrap_or(0);
            match best {
                Some(best) if shortest(&best) >= shortest(&cues) => Some(best),
                _ => Some(cues),
            }
        })
}

/// A set resolved for matching: phrases of lower-case tokens, or a test on one token.
pub enum SetMatcher {
    Phrases(Vec<Vec<Text>>),
    /// A capitalised token that is a known given name.
    GivenName,
}

/// One capture of a match: its tokens and, for a typed slot, what it read.
#[derive(Debug, Clone)]
pub struct Captured {
    pub start: usize,
    pub end: usize,
    pub slot: Option<SlotMatch>,
}

/// What a pattern needs to match one sentence.
pub struct Input<'a> {
    pub slots: SlotContext<'a>,
    pub sets: &'a dyn Fn(&str) -> Option<&'a SetMatcher>,
    pub is_given_name: &'a dyn Fn(&str) -> bool,
}

impl Input<'_> {
    fn tokens(&self) -> &[Token] {
        self.slots.tokens
    }
}

/// A match: the tokens `start..end` and each capture.
#[derive(Debug, Clone)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub captures: Vec<Option<Captured>>,
}

enum Frame<'p> {
    Seq(&'p [Node]),
    Close { capture: usize, start: usize },
}

struct Search<'p, 'i, 't> {
    input: &'i Input<'t>,
    captures: Vec<Option<Captured>>,
    best: Option<(usize, Vec<Option<Captured>>)>,
    steps: u32,
    todo: Vec<Frame<'p>>,
}

/// Where a pattern can start, found from one word it must contain: the words
/// (lower case) of its first required element made of words, and how many
/// tokens at most the elements before it take. A match then starts at most
/// `before` tokens ahead of one of those words, and no other start is tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub words: Vec<Text>,
    pub before: usize,
}

/// The most tokens a typed slot reads; `None` for a quotation (any length).
fn slot_reach(kind: &SlotKind) -> Option<usize> {
    Some(match kind {
        SlotKind::Identifier
        | SlotKind::Word
        | SlotKind::Noun
        | SlotKind::Regex(_)
        | SlotKind::Ordinal => 1,
        // A hedge of up to three words, a figure of up to four, a scale.
        SlotKind::Number | SlotKind::Percent | SlotKind::Duration => 10,
        // A figure, a unit of up to three tokens and its bracketed conversion.
        SlotKind::Measure => 24,
        // A hedge, "a quarter of a percentage point".
        SlotKind::Points => 10,
        // Two amounts with currencies and brackets.
        SlotKind::Money => 24,
        SlotKind::Date => 12,
        // "the early 8th century B . C .", or a hedge, a figure and "years".
        SlotKind::Era => 9,
        // Capitalised words with a joiner between each two.
        SlotKind::Person | SlotKind::Place => 10,
        SlotKind::Organisation => 16,
        SlotKind::Quotation => return None,
    })
}

/// The most tokens `nodes` can match, if bounded.
fn max_length(nodes: &[Node], sets: &dyn Fn(&str) -> Option<usize>) -> Option<usize> {
    let mut total = 0;
    for node in nodes {
        total += match node {
            Node::Words(w) => w.len(),
            Node::Exact(w) => w.len(),
            Node::Choice(branches) => {
                let mut most = 0;
                for branch in branches {
                    most = most.max(max_length(branch, sets)?);
                }
                most
            }
            Node::Optional(inner) | Node::Group { inner, .. } => max_length(inner, sets)?,
            Node::Gap { max, .. } => *max,
            Node::Set(name) => sets(name)?,
            Node::Slot { kind, .. } => slot_reach(kind)?,
        };
    }
    Some(total)
}

/// The words an element starts with, when it always starts with a plain word.
fn first_words(
    node: &Node,
    phrases: &dyn Fn(&str) -> Option<Vec<Vec<Text>>>,
) -> Option<BTreeSet<Text>> {
    // Any token will do: anchors are compared with tokens, not searched for.
    let plain = |w: &str| !w.is_empty();
    match node {
        Node::Words(words) => words
            .first()
            .filter(|w| plain(w))
            .map(|w| BTreeSet::from([w.clone()])),
        Node::Set(name) => {
            let mut all = BTreeSet::new();
            for phrase in phrases(name)? {
                all.insert(phrase.first().filter(|w| plain(w))?.clone());
            }
            (!all.is_empty()).then_some(all)
        }
        Node::Choice(branches) => {
            let mut all = BTreeSet::new();
            for branch in branches {
                all.extend(first_words(branch.first()?, phrases)?);
            }
            Some(all)
        }
        Node::Group { inner, .. } => first_words(inner.first()?, phrases),
        _ => None,
    }
}

impl Pattern {
    /// The anchor of this pattern, if it has one (see [`Anchor`]).
    pub fn anchor(&self, phrases: &dyn Fn(&str) -> Option<Vec<Vec<Text>>>) -> Option<Anchor> {
        let set_length =
            |name: &str| phrases(name).map(|p| p.iter().map(Vec::len).max().unwrap_or(0));
        for (k, node) in self.nodes.iter().enumerate() {
            let required =
                !matches!(node, Node::Optional(_)) && !matches!(node, Node::Gap { min: 0, .. });
            if !required {
                continue;
            }
            if let Some(words) = first_words(node, phrases) {
                let before = max_length(&self.nodes[..k], &set_length)?;
                return Some(Anchor {
                    words: words.into_iter().collect(),
                    before,
                });
            }
        }
        None
    }

    /// Whether the first element can match at `at` (a cheap test; true when unsure).
    fn may_start_at(&self, input: &Input, at: usize) -> bool {
        let Some(token) = input.tokens().get(at) else {
            return false;
        };
        match self.nodes.first() {
            Some(Node::Words(words)) => words.first().is_some_and(|w| token.lower == *w),
            Some(Node::Slot { kind, .. }) => input.slots.may_start(kind, at),
            _ => true,
        }
    }

    /// Every match in the sentence, leftmost-longest, not overlapping.
    pub fn matches(&self, input: &Input) -> Vec<Match> {
        self.matches_from(input, 0..input.tokens().len())
    }

    /// Every match starting at one of `starts` (in increasing order),
    /// leftmost-longest, not overlapping.
    pub fn matches_from(
        &self,
        input: &Input,
        starts: impl IntoIterator<Item = usize>,
    ) -> Vec<Match> {
        let mut out = Vec::new();
        let mut search = Search {
            input,
            captures: vec![None; self.captures.len()],
            best: None,
            steps: 0,
            todo: Vec::new(),
        };
        let mut free_from = 0;
        for start in starts {
            if start < free_from || !self.may_start_at(input, start) {
                continue;
            }
            search.best = None;
            search.steps = STEP_BUDGET;
            search.todo.clear();
            search.todo.push(Frame::Seq(&self.nodes));
            search.run(start);
            if let Some((end, captures)) = search.best.take() {
                if end > start {
                    out.push(Match {
                        start,
                        end,
                        captures,
                    });
                    free_from = end;
                }
            }
        }
        out
    }

    /// Where a pattern can start, given the tokens its anchor's words are at
    /// (in increasing order): at most `before` tokens ahead of each.
    pub fn starts_near(before: usize, hits: &[usize]) -> Vec<usize> {
        let mut starts: Vec<usize> = Vec::new();
        for &at in hits {
            let first = at
                .saturating_sub(before)
                .max(starts.last().map_or(0, |&s| s + 1));
            starts.extend(first..=at);
        }
        starts
    }
}

impl<'p> Search<'p, '_, '_> {
    fn run(&mut self, at: usize) {
        if self.steps == 0 {
            return;
        }
        self.steps -= 1;
        let Some(frame) = self.todo.pop() else {
            if self.best.as_ref().is_none_or(|(end, _)| at > *end) {
                self.best = Some((at, self.captures.clone()));
            }
            return;
        };
        match frame {
            Frame::Close { capture, start } => {
                let previous = self.captures[capture].replace(Captured {
                    start,
                    end: at,
                    slot: None,
                });
                self.run(at);
                self.captures[capture] = previous;
            }
            Frame::Seq(seq) => match seq.split_first() {
                None => self.run(at),
                Some((node, rest)) => {
                    self.todo.push(Frame::Seq(rest));
                    self.node(node, at);
                    self.todo.pop();
                }
            },
        }
        self.todo.push(frame);
    }

    fn node(&mut self, node: &'p Node, at: usize) {
        let tokens = self.input.tokens();
        match node {
            Node::Words(words) => {
                let end = at + words.len();
                if end <= tokens.len()
                    && tokens[at..end]
                        .iter()
                        .zip(words)
                        .all(|(t, w)| t.lower == *w)
                {
                    self.run(end);
                }
            }
            Node::Exact(words) => {
                let end = at + words.len();
                let text = self.input.slots.text;
                if end <= tokens.len()
                    && tokens[at..end]
                        .iter()
                        .zip(words)
                        .all(|(t, w)| &text[t.start..t.end] == w)
                {
                    self.run(end);
                }
            }
            Node::Choice(branches) => {
                for branch in branches {
                    self.todo.push(Frame::Seq(branch));
                    self.run(at);
                    self.todo.pop();
                }
            }
            Node::Optional(inner) => {
                self.todo.push(Frame::Seq(inner));
                self.run(at);
                self.todo.pop();
                self.run(at);
            }
            Node::Gap { min, max } => {
                for skip in *min..=*max {
                    if at + skip > tokens.len() {
                        break;
                    }
                    self.run(at + skip);
                }
            }
            Node::Set(name) => match (self.input.sets)(name) {
                Some(SetMatcher::Phrases(phrases)) => {
                    for phrase in phrases {
                        let end = at + phrase.len();
                        if end <= tokens.len()
                            && tokens[at..end]
                                .iter()
                                .zip(phrase)
                                .all(|(t, w)| t.lower == *w)
                        {
                            self.run(end);
                        }
                    }
                }
                Some(SetMatcher::GivenName) => {
                    if let Some(t) = tokens.get(at) {
                        let text = &self.input.slots.text[t.start..t.end];
                        if t.is_capitalised() && (self.input.is_given_name)(text) {
                            self.run(at + 1);
                        }
                    }
                }
                None => {}
            },
            Node::Slot { capture, kind } => {
                if let Some(slot) = self.input.slots.read(kind, at) {
                    let end = slot.end;
                    let previous = self.captures[*capture].replace(Captured {
                        start: at,
                        end,
                        slot: Some(slot),
                    });
                    self.run(end);
                    self.captures[*capture] = previous;
                }
            }
            Node::Group { capture, inner } => {
                self.todo.push(Frame::Close {
                    capture: *capture,
                    start: at,
                });
                self.todo.push(Frame::Seq(inner));
                self.run(at);
                self.todo.pop();
                self.todo.pop();
            }
        }
    }
}

/// A literal word in lower case, for callers that build sets.
pub fn phrase(text: &str) -> Vec<Text> {
    let words: Vec<Text> = tokenize(text).into_iter().map(|t| t.lower).collect();
    if words.is_empty() {
        vec![lower(text)]
    } else {
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(pattern: &str, text: &str) -> Vec<(String, Vec<String>)> {
        let pattern = parse(pattern).unwrap_or_else(|e| panic!("{e:?}"));
        let tokens = tokenize(text);
        let vehicles = SetMatcher::Phrases(vec![phrase("ferry"), phrase("cargo ship")]);
        let sets = |name: &str| (name == "vehicles").then_some(&vehicles);
        let input = Input {
            slots: SlotContext {
                text,
                tokens: &tokens,
                source_date: None,
            },
            sets: &sets,
            is_given_name: &|_| false,
        };
        pattern
            .matches(&input)
            .into_iter()
            .map(|m| {
                let whole = text[tokens[m.start].start..tokens[m.end - 1].end].to_string();
                let caps = m
                    .captures
                    .iter()
                    .map(|c| {
                        c.as_ref().map_or(String::new(), |c| match &c.slot {
                            Some(s) => s.value.canonical.to_string(),
                            None => text[tokens[c.start].start..tokens[c.end - 1].end].to_string(),
                        })
                    })
                    .collect();
                (whole, caps)
            })
            .collect()
    }

    #[test]
    fn words_choices_optionals_and_slots() {
        let found = find(
            "(the | a) @vehicles (left | departed) [from] $from:place",
            "At dawn the cargo ship departed from Port Louis, and a ferry left Mahé.",
        );
        assert_eq!(
            found,
            [
                (
                    "the cargo ship departed from Port Louis".to_string(),
                    vec!["Port Louis".to_string()]
                ),
                ("a ferry left Mahé".to_string(), vec!["Mahé".to_string()]),
            ]
        );
    }

    #[test]
    fn gaps_are_bounded_and_matches_are_longest() {
        assert_eq!(
            find("vote _{0,2} $n:number", "the vote was about 40").len(),
            1
        );
        assert!(find("vote _{0,1} $n:number", "the vote was, in the end, 40").is_empty());
        let found = find("$a:number \"-\" $b:number [vote]", "a 58-42 vote");
        assert_eq!(found[0].0, "58-42 vote");
    }

    #[test]
    fn sub_patterns_and_regexes_capture_their_words() {
        let found = find(
            "shares $way:(rose | fell) $by:percent",
            "Its shares fell 8% on Monday.",
        );
        assert_eq!(found[0].1, ["fell", "8%"]);
        let found = find(
            r"flight $no:/[A-Z]{2}\d{2,4}/",
            "Flight KQ4417 and flight kq99",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, ["KQ4417"]);
        assert!(find("`UN` report", "the un report").is_empty());
        assert_eq!(find("`UN` report", "the UN report").len(), 1);
    }

    #[test]
    fn mistakes_are_reported_at_their_offset() {
        let err = |p: &str| parse(p).unwrap_err();
        assert_eq!(err("flight $no:identifer").offset, 11);
        assert!(err("flight $no:identifer")
            .message
            .contains("unknown slot type `identifer`"));
        assert_eq!(err("(left | departed").offset, 16);
        assert_eq!(err("[the]").offset, 0);
        assert!(err("a _{0,20} b").message.contains("MAX"));
        assert!(err("$x").message.contains("needs a type"));
        assert!(err("$x:/(/").message.contains("invalid regular expression"));
        assert!(err("a | | b").message.contains("empty"));
        assert!(err("$n:number $n:number").message.contains("named twice"));
    }

    #[test]
    fn cues_come_from_the_first_required_words() {
        let cues = |p: &str| {
            let pattern = parse(p).unwrap();
            cue_words(&pattern.nodes, &|name| {
                (name == "v").then(|| vec![phrase("ferry"), phrase("cargo ship")])
            })
        };
        assert_eq!(
            cues("[the] (left | departed) $p:place"),
            Some(BTreeSet::from(["left".into(), "departed".into()]))
        );
        assert_eq!(
            cues("$n:number @v"),
            Some(BTreeSet::from(["ferry".into(), "cargo".into()]))
        );
        assert_eq!(cues("$n:number $m:number"), None);
        assert_eq!(
            cues("(left | $x:word) ferry"),
            Some(BTreeSet::from(["ferry".into()]))
        );
    }

    #[test]
    fn many_optional_gaps_stay_within_the_budget() {
        let pattern = "_{0,8} _{0,8} _{0,8} _{0,8} _{0,8} _{0,8} _{0,8} _{0,8} zebra";
        let text = "a ".repeat(400);
        assert!(find(pattern, &text).is_empty());
    }
}

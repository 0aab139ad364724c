"""The spaCy side of kg: a blank English tokenizer plus matchers built from the lexicons.

Nothing here needs a model download. Literal lexicons (actor names, titles, issue labels,
trigger and cue phrases) go into two PhraseMatchers, one case-sensitive for names and one
case-insensitive for words. A phrase rule with ``modifier_not_in`` takes the word before it into
the match, and drops a match after one of those words ("a London conference", not "a press
conference"). The rare rules that need token patterns share one Matcher, which costs more than
all the phrase matchers together, so the shipped rules use none.
Callers get plain tuples back, never spaCy objects.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from operator import add
from typing import NamedTuple

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.attrs import IDX, LENGTH, LOWER, SPACY
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from .resources import Resources, Rule

# Label prefixes of match keys. A key is "<prefix>|<kind>|<value>".
ACTOR, TITLE, ISSUE, RULE = "A", "T", "I", "R"


class Token(NamedTuple):
    """The little of a spaCy token that extraction needs (a tuple: made by the hundred thousand)."""

    i: int
    text: str
    lower: str
    idx: int
    end: int
    space: bool  # followed by whitespace
    is_title: bool  # starts upper case


@dataclass(frozen=True, slots=True)
class Match:
    prefix: str
    kind: str
    value: str
    start: int  # token index
    end: int  # token index, exclusive


@dataclass(frozen=True, slots=True)
class Analysis:
    """Tokens, sentence boundaries (token ranges) and lexicon matches of one text."""

    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]
    matches: tuple[Match, ...]


class Pipeline:
    """A tokenizer and its matchers, compiled once from :class:`Resources`."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self._trees: TreeReader | None = None
        self.nlp = spacy.blank("en")
        vocab = self.nlp.vocab
        if not any(rule.spec.get("patterns") for rule in resources.rules):
            # only token patterns read a word's other attributes (shape, like_num, ...): without
            # them, working those out for the lexicons' 50,000 words is a third of compiling
            vocab.lex_attr_getters = {LOWER: vocab.lex_attr_getters[LOWER]}
        # "U.S.-China talks": split a dash that follows an abbreviation's full stop.
        infixes = spacy.util.compile_infix_regex([*self.nlp.Defaults.infixes, r"(?<=[A-Za-z]\.)[-–—](?=[A-Z])"])
        self.nlp.tokenizer = _tokenizer(self.nlp.tokenizer, infixes.finditer)
        self.names = PhraseMatcher(vocab, attr="ORTH")
        # people's names match whatever their case ("Al-Kabariti", "XI JINPING" in a headline),
        # as long as the text writes them capitalised
        self.people = PhraseMatcher(vocab, attr="LOWER")
        self.words = PhraseMatcher(vocab, attr="LOWER")
        self.patterns = Matcher(vocab)
        self._keys: dict[int, tuple[str, str, str]] = {}
        # match id -> words that may not modify it: the phrase takes the token before it into the match
        self._modifier_not_in: dict[int, frozenset[str]] = {}
        self._add_actor_names()
        self._add_words()
        self._add_rules()
        # the phrases' chunks filled the tokenizer's cache; news text gets a fresh one
        self.nlp.tokenizer = _tokenizer(self.nlp.tokenizer, infixes.finditer)
        # a Matcher costs a pass over every token even with nothing in it
        self._matchers = tuple(m for m in (self.names, self.words, self.patterns) if len(m))

    # ---- building ----
    def _key(self, prefix: str, kind: str, value: str) -> str:
        key = f"{prefix}|{kind}|{value}"
        self._keys[self.nlp.vocab.strings.add(key)] = (prefix, kind, value)
        return key

    def _phrases(self, texts: set[str]) -> list[Doc]:
        return [self.nlp.make_doc(t) for t in sorted(texts) if t.strip()]

    def _add_actor_names(self) -> None:
        res = self.resources
        entries: dict[str, set[str]] = {}

        def add(kind: str, value: str, *names: str) -> None:
            entries.setdefault(self._key(ACTOR, kind, value), set()).update(n for n in names if n)

        for c in res.countries.values():
            add("country", c.id, c.name, *c.aliases)
            if c.capital or c.capital_aliases:
                add("capital", c.id, *(n for n in (c.capital, *c.capital_aliases) if n))
            add("seat", c.id, *c.seats)
            add("demonym", c.id, *c.demonyms)
        for o in res.organisations.values():
            add("org", o.id, o.name, *o.aliases)
        people: dict[str, set[str]] = {}
        for p in res.people.values():
            people.setdefault(self._key(ACTOR, "person", p.id), set()).update(n for n in (p.name, *p.aliases) if n)
        for key, names in people.items():
            self.people.add(key, self._phrases(names))
        for title, role in res.titles.items():
            entries.setdefault(self._key(TITLE, "role", role), set()).add(title)
        for key, names in entries.items():
            if names:
                self.names.add(key, self._phrases(names))

    def _add_words(self) -> None:
        res = self.resources
        by_issue: dict[str, set[str]] = {}
        for label, issue in res.issue_labels.items():
            by_issue.setdefault(issue, set()).add(label)
        for issue, labels in by_issue.items():
            self.words.add(self._key(ISSUE, "issue", issue), self._phrases(labels))

    def _add_rules(self) -> None:
        for rule in self.resources.rules:
            if rule.type == "boilerplate":
                continue
            key = self._key(RULE, rule.type, rule.id)
            phrases = rule.spec.get("phrases")
            if phrases:
                self.words.add(key, self._phrases(set(phrases)))
            if "modifier_not_in" in rule.spec:
                self._modifier_not_in[self.nlp.vocab.strings[key]] = frozenset(
                    w.lower() for w in rule.spec["modifier_not_in"])
            patterns = rule.spec.get("patterns")
            if patterns:
                self.patterns.add(key, patterns)

    @property
    def trees(self) -> TreeReader:
        """The parser and the dependency rules, loaded on first use (a build that finds no
        sentence to parse never loads them)."""
        if self._trees is None:
            self._trees = TreeReader(self.resources.rules)
        return self._trees

    # ---- running ----
    def analyse(self, text: str) -> Analysis:
        doc = self.nlp.make_doc(text)
        tokens = _tokens(doc, text)
        found: list[Match] = []
        keys = self._keys
        modified = self._modifier_not_in
        for matcher in self._matchers:
            for match_id, start, end in matcher(doc):
                prefix, kind, value = keys[match_id]
                if match_id in modified and start and tokens[start - 1].text[:1].isalnum():
                    if tokens[start - 1].lower in modified[match_id]:
                        continue  # "a press conference"
                    start -= 1  # "a London conference"
                found.append(Match(prefix, kind, value, start, end))
        for match_id, start, end in self.people(doc):
            if tokens[start].is_title and tokens[end - 1].is_title:
                prefix, kind, value = keys[match_id]
                found.append(Match(prefix, kind, value, start, end))
        found.sort(key=lambda m: (m.start, -m.end, m.prefix, m.kind, m.value))
        return Analysis(tokens, split_sentences(tokens), tuple(found))


def _tokens(doc: Doc, text: str) -> tuple[Token, ...]:
    """kg's tokens of a doc, built column by column from its arrays rather than through spaCy's
    token objects (a third of the analysis time otherwise)."""
    arr = doc.to_array([IDX, LENGTH, SPACY])
    starts, lengths = arr[:, 0].tolist(), arr[:, 1].tolist()
    words = [text[a:a + n] for a, n in zip(starts, lengths)]
    columns = zip(range(len(words)), words, map(str.lower, words), starts, map(add, starts, lengths),
                  (arr[:, 2] == 1).tolist(), [w[:1].isupper() for w in words])
    return tuple(map(tuple.__new__, repeat(Token), columns))


# Distinct chunks ("words" with their punctuation) the tokenizer remembers: spaCy's default of
# 10,000 fills within a few hundred articles, after which every new chunk is split afresh and
# tokenizing runs three times slower. 200,000 entries cost a few tens of MB.
TOKENIZER_CACHE = 200_000


def _tokenizer(base: Tokenizer, infix_finditer: Callable[[str], Iterator[re.Match[str]]]) -> Tokenizer:
    """A copy of spaCy's English tokenizer with an empty, larger cache and kg's infixes, made in
    one go (each setter of a spaCy tokenizer reloads all its special cases)."""
    return Tokenizer(base.vocab, rules=base.rules, prefix_search=base.prefix_search,
                     suffix_search=base.suffix_search, infix_finditer=infix_finditer,
                     token_match=base.token_match, url_match=base.url_match,
                     faster_heuristics=base.faster_heuristics, max_cache_size=TOKENIZER_CACHE)


_SENTENCE_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "'", "”", "’", ")", "]"}


def _letter_ends_sentence(tokens: tuple[Token, ...], i: int) -> bool:
    """A capital letter with its full stop between a lower-case word and a capitalised common
    word ends a sentence ("on the platform X. The talks ..."); after a name it is an initial
    ("George W. Bush"), before a name an abbreviation ("to visit S. Africa")."""
    text = tokens[i].text
    if len(text) != 2 or not text[0].isupper() or text[1] != "." or i == 0 or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return tokens[i - 1].text[:1].islower() and nxt.is_title and nxt.lower in STOP_WORDS


def split_sentences(tokens: tuple[Token, ...]) -> tuple[tuple[int, int], ...]:
    """Sentence token ranges: ends at . ! ? (after closing quotes) and at line breaks.

    News wire text puts headlines, datelines and paragraphs on their own lines, so a line
    break always ends a sentence; spaCy's tokenizer exceptions keep "U.S." and "Mr." whole.
    """
    bounds: list[tuple[int, int]] = []
    start = None
    n = len(tokens)
    i = 0
    while i < n:
        text = tokens[i].text
        if text.isspace():  # spaCy makes a token of any whitespace but a single space
            if start is not None and "\n" in text:
                bounds.append((start, i))
                start = None
            i += 1
            continue
        if start is None:
            start = i
        if text in _SENTENCE_END or (len(text) > 1 and text[-1] in ".!?" and text[-2] in ".!?") or (
                len(text) == 2 and text[1] == "." and _letter_ends_sentence(tokens, i)):
            j = i + 1
            while j < n and tokens[j].text in _CLOSERS and not tokens[j - 1].space:
                j += 1  # a closing quote sticks to the stop; one after a space opens the next sentence
            nxt = tokens[j].text if j < n else None
            if nxt is None or nxt.isspace() or nxt[:1].isupper() or nxt[:1] in "\"“‘(":
                bounds.append((start, j))
                start = None
                i = j
                continue
        i += 1
    if start is not None:
        bounds.append((start, n))
    return tuple(bounds)


# ---- syntax: the parser's trees and the dependency rules matched over them ----

class SentenceTree(NamedTuple):
    """One sentence's parse in article token indexes: ``heads[i - start]`` is the head of token
    ``i`` (a root is its own head)."""

    start: int
    heads: tuple[int, ...]
    deps: tuple[str, ...]
    tags: tuple[str, ...]
    pos: tuple[str, ...]

    def head(self, i: int) -> int:
        return self.heads[i - self.start]

    def dep(self, i: int) -> str:
        return self.deps[i - self.start]

    def tag(self, i: int) -> str:
        return self.tags[i - self.start]

    def children(self, i: int) -> list[int]:
        return [self.start + k for k, h in enumerate(self.heads) if h == i and self.start + k != i]

    def covers(self, i: int) -> bool:
        return self.start <= i < self.start + len(self.heads)

    def left_edge(self, i: int) -> int:
        """The first token of the subtree ``i`` heads."""
        edge, todo = i, [i]
        while todo:
            for c in self.children(todo.pop()):
                edge = min(edge, c)
                todo.append(c)
        return edge


@dataclass(frozen=True, slots=True)
class TreeMatch:
    """One match of a dependency rule: its id and the article token index of each named node."""

    rule: str
    nodes: tuple[tuple[str, int], ...]

    def __getitem__(self, name: str) -> int:
        for key, i in self.nodes:
            if key == name:
                return i
        raise KeyError(name)

    def get(self, name: str) -> int | None:
        return next((i for key, i in self.nodes if key == name), None)


#: the token attribute dependency rules read kg's marks from ({"_": {"kg": "verb"}})
MARK = "kg"


class ParsedSentence:
    """A parsed sentence that dependency rules can be matched over, with marks set on some of
    its tokens (a trigger, a predicate). Its spaCy Doc stays inside."""

    def __init__(self, reader: TreeReader, doc: Doc, tree: SentenceTree) -> None:
        self._reader = reader
        self._doc = doc
        self.tree = tree

    def match(self, marks: dict[int, str], rule_types: tuple[str, ...]) -> list[TreeMatch]:
        """Matches of the rules of ``rule_types`` with ``marks`` (article token index → mark)."""
        doc, start = self._doc, self.tree.start
        for i, mark in marks.items():
            doc[i - start]._.set(MARK, mark)
        try:
            return self._reader.matches(doc, start, rule_types, frozenset(marks.values()))
        finally:
            for i in marks:
                doc[i - start]._.set(MARK, "")


class TreeReader:
    """kg's parser and the dependency rules (``dependency`` patterns of the rules), compiled once."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        from spacy.matcher import DependencyMatcher
        from spacy.tokens import Token as SpacyToken

        from .errors import ResourceError
        from .syntax import load_parser

        if not SpacyToken.has_extension(MARK):
            SpacyToken.set_extension(MARK, default="")
        self.parser = load_parser()
        # a matcher per rule type and per set of marks a sentence carries: a rule whose predicate
        # asks for a mark the sentence does not carry cannot match, and matching is most of the
        # time kg spends reading a tree
        self._matchers: dict[tuple[str, frozenset[str]], DependencyMatcher] = {}
        self._nodes: dict[int, tuple[str, tuple[str, ...]]] = {}  # match key -> (rule id, node names)
        problems = []
        for rule in rules:
            for n, pattern in enumerate(rule.spec.get("dependency", ())):
                key = f"{rule.id}#{n}"
                asks = _marks_asked(pattern)
                for carried in _MARK_SETS:
                    if not all(ask & carried for ask in asks):
                        continue  # a node asks for a mark the sentence does not carry
                    matcher = self._matchers.setdefault(
                        (rule.type, carried), DependencyMatcher(self.parser.nlp.vocab, validate=True))
                    try:
                        matcher.add(key, [pattern])
                    except (ValueError, KeyError, TypeError) as exc:
                        problems.append(f"{rule.file}:{rule.line} [{rule.id}] invalid dependency pattern: "
                                        + " ".join(str(exc).split())[:300])
                        break
                self._nodes[self.parser.nlp.vocab.strings[key]] = (rule.id, tuple(node["RIGHT_ID"] for node in pattern))
        if problems:
            raise ResourceError("\n".join(sorted(set(problems))))

    def parse(self, tokens: tuple[Token, ...], sentences: list[tuple[int, int]],
              names: list[tuple[int, int]] = (), words_for: dict[int, str] | None = None) -> list[ParsedSentence]:
        """Parse the sentences (token ranges) of one text, in one batch. ``names`` are token
        ranges of names: each is made one subtree (see :func:`_names_as_subtrees`);
        ``words_for`` gives the parser another word for some tokens (a common name for a rare
        one), the tree staying the tokens' own."""
        words_for = words_for or {}
        words = [[words_for.get(t.i, t.text) for t in tokens[a:b]] for a, b in sentences]
        docs = self.parser.docs(words)
        out = []
        for (a, b), doc in zip(sentences, docs):
            _names_as_subtrees(doc, [(x - a, y - a) for x, y in names if a <= x and y <= b and y - x > 1])
            _bare_days_as_modifiers(doc)
            _cased_appositions_as_modifiers(doc)
            _purpose_phrases_on_verbs(doc)
            tree = SentenceTree(a, tuple(a + t.head.i for t in doc), tuple(t.dep_ for t in doc),
                                tuple(t.tag_ for t in doc), tuple(t.pos_ for t in doc))
            out.append(ParsedSentence(self, doc, tree))
        return out

    def matches(self, doc: Doc, start: int, rule_types: tuple[str, ...],
                carried: frozenset[str] = frozenset()) -> list[TreeMatch]:
        """Matches of the rules of ``rule_types`` on a doc whose tokens carry the marks ``carried``."""
        found = []
        marks = next((m for m in _MARK_SETS if carried <= m), _ALL_MARKS)
        for rule_type in rule_types:
            matcher = self._matchers.get((rule_type, marks))
            if matcher is None:
                continue
            for key, ids in matcher(doc):
                rule_id, names = self._nodes[key]
                found.append(TreeMatch(rule_id, tuple((name, start + i) for name, i in zip(names, ids))))
        found.sort(key=lambda m: (m.rule, m.nodes))
        return found


#: the sets of marks a sentence carries when it is matched (no mark; the trigger read as a verb or as a
#: noun, alone or with the links it reaches), smallest first; and all of them
_MARK_SETS = (frozenset(), frozenset({"verb"}), frozenset({"noun"}), frozenset({"verb", "link"}),
              frozenset({"noun", "link"}), frozenset({"verb", "noun", "link"}))
_ALL_MARKS = _MARK_SETS[-1]


def _marks_asked(pattern: list[dict]) -> list[frozenset[str]]:
    """For each node of a pattern that asks for a mark, the marks it takes."""
    asked = []
    for node in pattern:
        spec = node.get("RIGHT_ATTRS", {}).get("_", {}).get(MARK)
        if spec is not None:
            asked.append(frozenset(spec.get("IN", ()) if isinstance(spec, dict) else (spec,)))
    return asked


#: relations a name takes to the rest of its sentence
_NOMINAL = frozenset({"nsubj", "nsubj:pass", "nsubj:outer", "obj", "iobj", "obl", "obl:agent", "obl:unmarked",
                      "nmod", "nmod:poss", "nmod:unmarked", "appos", "conj", "root", "compound", "flat"})


def _names_as_subtrees(doc: Doc, spans: list[tuple[int, int]]) -> None:
    """Make each name one subtree headed by its word nearest the root: words of the name whose
    head lies outside it, and words outside it that hang on one of its inner words ("with" on
    "Emmanuel" in "with Emmanuel Macron", read as a modifier of "Macron"), move to that head.
    The parser splits long names and titles across the tree; the rules then see one name."""
    for a, b in spans:
        depth = {i: _depth(doc[i]) for i in range(a, b)}
        # the word nearest the root; of several, one in a nominal relation, then the last (English
        # names end in their head)
        head = min(range(a, b), key=lambda i: (depth[i], doc[i].dep_ not in _NOMINAL, -i))
        for i in range(a, b):
            if i == head:
                continue
            t = doc[i]
            if not a <= t.head.i < b or t.head.i == i:
                t.head = doc[head]
                t.dep_ = "flat"
            for child in list(t.children):
                if not a <= child.i < b:
                    child.head = doc[head]


#: day words news style writes without "on" ("called a meeting Wednesday of the council")
_BARE_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                        "today", "yesterday", "tomorrow", "tonight"})


def _bare_days_as_modifiers(doc: Doc) -> None:
    """A bare day word the parser hung after a noun as its apposition ("a meeting Wednesday of
    the council") is a time modifier; the phrases it took from the noun go back to the noun."""
    for t in doc:
        if t.lower_ not in _BARE_DAYS or t.dep_ not in ("appos", "nmod", "compound") or t.head.i == t.i \
                or t.head.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "case" for c in t.children):
            continue
        noun = t.head
        for child in list(t.children):
            if child.dep_ in ("nmod", "acl", "acl:relcl") and child.i > t.i:
                child.head = noun
        t.dep_ = "nmod:unmarked"


def _cased_appositions_as_modifiers(doc: Doc) -> None:
    """An apposition takes no preposition: one that has its own ("a call made by X late last
    July to Ukrainian President Y", "to" under Y) is a prepositional modifier of its head."""
    for t in doc:
        if t.dep_ == "appos" and any(c.dep_ == "case" and c.i < t.i for c in t.children):
            t.dep_ = "nmod"


def _purpose_phrases_on_verbs(doc: Doc) -> None:
    """A "for" phrase the parser hung on a name ("expected to meet Netanyahu and Peres for talks")
    says what the verb above the name is for: a name takes no purpose of its own."""
    for t in doc:
        if t.dep_ != "nmod" or t.head.pos_ != "PROPN" or not any(c.dep_ == "case" and c.lower_ == "for"
                                                                   for c in t.children):
            continue
        name = t.head
        while name.dep_ in ("conj", "appos", "flat") and name.head.i != name.i:
            name = name.head
        if name.dep_ in ("obj", "iobj", "obl") and name.head.pos_ in ("VERB", "AUX"):
            t.head = name.head
            t.dep_ = "obl"


def _depth(token) -> int:
    n = 0
    while token.head.i != token.i and n < 200:
        token = token.head
        n += 1
    return n

"""The spaCy side of kg: a blank English tokenizer plus matchers built from the lexicons.

Nothing here needs a model download. Literal lexicons (actor names, titles, issue labels,
trigger and cue phrases) go into two PhraseMatchers, one case-sensitive for names and one
case-insensitive for words; the few rules that need token patterns share one Matcher.
Callers get plain tuples back, never spaCy objects.
"""
from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from .resources import Resources

# Label prefixes of match keys. A key is "<prefix>|<kind>|<value>".
ACTOR, TITLE, ISSUE, RULE = "A", "T", "I", "R"


@dataclass(frozen=True, slots=True)
class Token:
    """The little of a spaCy token that extraction needs."""

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
        self.nlp = spacy.blank("en")
        # "U.S.-China talks": split a dash that follows an abbreviation's full stop.
        infixes = [*self.nlp.Defaults.infixes, r"(?<=[A-Za-z]\.)[-–—](?=[A-Z])"]
        self.nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
        vocab = self.nlp.vocab
        self.names = PhraseMatcher(vocab, attr="ORTH")
        # people's names match whatever their case ("Al-Kabariti", "XI JINPING" in a headline),
        # as long as the text writes them capitalised
        self.people = PhraseMatcher(vocab, attr="LOWER")
        self.words = PhraseMatcher(vocab, attr="LOWER")
        self.patterns = Matcher(vocab)
        self._keys: dict[int, tuple[str, str, str]] = {}
        self._add_actor_names()
        self._add_words()
        self._add_rules()

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
            patterns = rule.spec.get("patterns")
            if patterns:
                self.patterns.add(key, patterns)

    # ---- running ----
    def analyse(self, text: str) -> Analysis:
        doc = self.nlp.make_doc(text)
        tokens = tuple(
            Token(t.i, t.text, t.lower_, t.idx, t.idx + len(t.text), bool(t.whitespace_),
                  t.text[:1].isupper())
            for t in doc)
        found: list[Match] = []
        keys = self._keys
        for matcher in (self.names, self.words, self.patterns):
            for match_id, start, end in matcher(doc):
                prefix, kind, value = keys[match_id]
                found.append(Match(prefix, kind, value, start, end))
        for match_id, start, end in self.people(doc):
            if tokens[start].is_title and tokens[end - 1].is_title:
                prefix, kind, value = keys[match_id]
                found.append(Match(prefix, kind, value, start, end))
        found.sort(key=lambda m: (m.start, -m.end, m.prefix, m.kind, m.value))
        return Analysis(tokens, split_sentences(doc), tuple(found))


_SENTENCE_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "'", "”", "’", ")", "]"}


def _letter_ends_sentence(doc: Doc, i: int) -> bool:
    """A capital letter with its full stop between a lower-case word and a capitalised common
    word ends a sentence ("on the platform X. The talks ..."); after a name it is an initial
    ("George W. Bush"), before a name an abbreviation ("to visit S. Africa")."""
    text = doc[i].text
    if len(text) != 2 or not text[0].isupper() or text[1] != "." or i == 0 or i + 1 >= len(doc):
        return False
    nxt = doc[i + 1].text
    return doc[i - 1].text[:1].islower() and nxt[:1].isupper() and nxt.lower() in STOP_WORDS


def split_sentences(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Sentence token ranges: ends at . ! ? (after closing quotes) and at line breaks.

    News wire text puts headlines, datelines and paragraphs on their own lines, so a line
    break always ends a sentence; spaCy's tokenizer exceptions keep "U.S." and "Mr." whole.
    """
    bounds: list[tuple[int, int]] = []
    start = None
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space:
            if start is not None and "\n" in tok.text:
                bounds.append((start, i))
                start = None
            i += 1
            continue
        if start is None:
            start = i
        text = tok.text
        if text in _SENTENCE_END or (len(text) > 1 and text[-1] in ".!?" and text[-2] in ".!?") or (
                len(text) == 2 and text[1] == "." and _letter_ends_sentence(doc, i)):
            j = i + 1
            while j < n and doc[j].text in _CLOSERS and not doc[j - 1].whitespace_:
                j += 1  # a closing quote sticks to the stop; one after a space opens the next sentence
            nxt = doc[j] if j < n else None
            if nxt is None or nxt.is_space or nxt.text[:1].isupper() or nxt.text[:1] in "\"“‘(":
                bounds.append((start, j))
                start = None
                i = j
                continue
        if "\n" in tok.whitespace_:
            bounds.append((start, i + 1))
            start = None
        i += 1
    if start is not None:
        bounds.append((start, n))
    return tuple(bounds)

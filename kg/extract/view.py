"""One frozen view of an article that every event function reads: tokens, sentences, lexicon
matches sorted by sentence, resolved actor mentions and the dependency trees of the sentences
that can hold an event. Nothing in it changes once it is made."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from spacy.lang.en.stop_words import STOP_WORDS as COMMON_WORDS

from ..model import Actor, Article, Evidence
from ..nlp import ISSUE, RULE, Analysis, Match, SentenceTree, Token
from ..resources import Resources, Rule
from .mentions import ActorMention, meeting_noun_words

#: the rule whose record keeps the words that read a trigger after them as a verb ("plans to visit")
VERB_AS_NOUN = "builtin.verb-as-noun"
ISSUE_ANAPHORA = "issue.anaphora"
#: the kind of an issue match read from "the pact" after "the stability pact"
ANAPHORA = "anaphora"

@dataclass(frozen=True, slots=True)
class SentenceParts:
    """The lexicon matches of one sentence, by the kind of thing they are."""

    triggers: tuple[Match, ...] = ()
    statuses: tuple[Match, ...] = ()
    contexts: tuple[Match, ...] = ()
    issues: tuple[Match, ...] = ()


@dataclass(frozen=True)
class ArticleView:
    """Everything the event stage reads of one article."""

    article: Article
    analysis: Analysis
    res: Resources
    mentions: tuple[ActorMention, ...]
    new_actors: Mapping[str, Actor]
    sent_of: tuple[int, ...]
    parts: Mapping[int, SentenceParts]
    trees: Mapping[int, SentenceTree] = field(default_factory=dict)

    # ---- derived look-ups ----
    def anaphoric_issues(self, s: int) -> frozenset[str]:
        """The issues sentence ``s`` names only by "the pact" after "the stability pact"."""
        parts = self.parts.get(s)
        if parts is None:
            return frozenset()
        own = {m.value for m in parts.issues if m.kind != ANAPHORA}
        return frozenset(m.value for m in parts.issues if m.kind == ANAPHORA and m.value not in own)

    def issue_rule(self, s: int, issue: str, rule: str) -> str:
        """The rule that gave a meeting ``issue`` from sentence ``s``, with the anaphora rule where
        the sentence names it only by its head word."""
        return f"{rule} {ISSUE_ANAPHORA}" if issue in self.anaphoric_issues(s) else rule

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def toks(self) -> tuple[Token, ...]:
        return self.analysis.tokens

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return self.analysis.sentences

    @property
    def date(self) -> str | None:
        return self.article.date

    @cached_property
    def rules(self) -> dict[str, Rule]:
        return {r.id: r for r in self.res.rules}

    @cached_property
    def by_sentence(self) -> dict[int, tuple[int, ...]]:
        """Sentence → indexes of its mentions, in text order."""
        out: dict[int, list[int]] = defaultdict(list)
        for k, m in enumerate(self.mentions):
            out[m.sentence].append(k)
        return {s: tuple(ks) for s, ks in out.items()}

    @cached_property
    def mention_at(self) -> dict[int, int]:
        """Token index → the mention that covers it."""
        out: dict[int, int] = {}
        for k, m in enumerate(self.mentions):
            for i in range(m.start, m.end):
                out.setdefault(i, k)
        return out

    @cached_property
    def quoted(self) -> frozenset[int]:
        """Indexes of the tokens inside direct quotations (a line break closes an open quote)."""
        inside: set[int] = set()
        open_ = False
        for t in self.toks:
            if "\n" in t.text:
                open_ = False
            elif t.text == "“":
                open_ = True
            elif t.text == "”":
                open_ = False
            elif t.text == '"':
                open_ = not open_
            elif open_:
                inside.add(t.i)
        return frozenset(inside)

    @cached_property
    def meeting_nouns(self) -> frozenset[str]:
        """The nouns of the trigger rules ("talks", "summit", "contacts")."""
        return meeting_noun_words(self.res)

    @cached_property
    def people_nouns(self) -> frozenset[str]:
        """Nouns for people ("delegation", "envoys", "counterpart"): "Scholz's delegation" are people."""
        return frozenset(p.lower() for r in self.res.rules if r.type == "group" for p in r.spec.get("phrases", ())
                         if " " not in p) | frozenset(self.res.naming.get("counterpart_nouns", ())) \
            | frozenset(self.res.naming.get("body_nouns", ()))

    @cached_property
    def people_or_offices(self) -> frozenset[str]:
        return self.people_nouns | frozenset(self.res.naming.get("office_nouns", ()))

    @cached_property
    def joining_words(self) -> frozenset[str]:
        """First words of the phrases of joining a meeting ("attended", "take part in")."""
        return frozenset(p.split()[0].lower() for r in self.res.rules if r.spec.get("effect") == "joins"
                         for p in r.spec.get("phrases", ()))

    # ---- helpers over sentences ----
    def in_content(self, s: int) -> bool:
        a, b = self.sentences[s]
        start, end = self.toks[a].idx, self.toks[b - 1].end
        content = self.article.content
        return any(x <= start and end <= y for x, y in content) if content else True

    def headline_line(self) -> bool:
        """The first sentence is a headline: a line of its own without a full stop."""
        if not self.sentences:
            return False
        a, b = self.sentences[0]
        last = self.toks[b - 1]
        return last.text not in (".", "!", "?", '"', "”") and (
            b >= len(self.toks) or "\n" in self.toks[b - 1].text or "\n" in self.text[last.end:last.end + 2])

    def sentence_evidence(self, s: int, rule: str) -> Evidence:
        a, b = self.sentences[s]
        start, end = self.toks[a].idx, self.toks[b - 1].end
        return Evidence(self.text[start:end], start, end, rule, s)

    def span_text(self, a: int, b: int) -> str:
        return self.text[self.toks[a].idx:self.toks[b - 1].end]

    def country_of(self, actor: str) -> str | None:
        person = self.res.people.get(actor)
        if person is not None:
            return person.country
        if actor in self.res.countries:
            return actor
        for m in self.mentions:
            if m.actor == actor and m.country:
                return m.country
        return None


def sentence_parts(an: Analysis, res: Resources, sent_of: tuple[int, ...] | list[int]) -> dict[int, SentenceParts]:
    """The article's lexicon matches sorted by sentence; of overlapping triggers or issues the
    longest is kept (and of a word's verb and noun readings the one its neighbour asks for)."""
    per: dict[int, dict[str, list[Match]]] = defaultdict(lambda: defaultdict(list))
    toks = an.tokens
    for m in an.matches:
        if m.start >= len(sent_of) or sent_of[m.start] < 0:
            continue
        s = sent_of[m.start]
        if m.prefix == ISSUE:
            per[s]["issues"].append(m)
        elif m.prefix == RULE and m.kind == "trigger":
            per[s]["triggers"].append(m)
        elif m.prefix == RULE and m.kind == "status":
            if toks[m.start].is_title and m.start != an.sentences[s][0]:
                continue  # "May", "Will": names and months, not modals
            per[s]["statuses"].append(m)
        elif m.prefix == RULE and m.kind == "context":
            per[s]["contexts"].append(m)
    _issue_anaphora(an, res, per)
    triggers = {r.id: r for r in res.rules_of("trigger")}
    verbal = res.words(VERB_AS_NOUN, "verbal_before")
    return {s: SentenceParts(tuple(_longest(d["triggers"], triggers, toks, verbal)), tuple(d["statuses"]),
                             tuple(d["contexts"]), tuple(_longest(d["issues"], {}, toks, verbal)))
            for s, d in per.items()}


def _issue_anaphora(an: Analysis, res: Resources, per: dict[int, dict[str, list[Match]]]) -> None:
    """ "The stability pact ... ministers meet Monday to discuss the pact": "the" and the head word
    of an issue the article named before stand for that issue (a match of kind ``ANAPHORA``, added
    to the sentence's issue matches)."""
    toks = an.tokens
    heads = res.words(ISSUE_ANAPHORA, "heads")
    determiners = res.words(ISSUE_ANAPHORA, "determiners")
    named: dict[str, Match] = {}  # head word -> the last issue named with it
    for s, (first, end) in enumerate(an.sentences):
        found = per[s]["issues"] if s in per else []
        covered = {i for m in found for i in range(m.start, m.end)}
        for i in range(first + 1, end if named else first):
            prior = named.get(toks[i].lower)
            if prior is None or i in covered or toks[i - 1].lower not in determiners or not toks[i].text.islower():
                continue
            if i + 1 < end and toks[i + 1].text.isalpha() and toks[i + 1].lower not in COMMON_WORDS:
                continue  # "the deal makers": the word describes another noun
            found = per[s]["issues"]
            found.append(Match(prior.prefix, ANAPHORA, prior.value, i, i + 1))
        for m in found:
            if m.kind != ANAPHORA and m.end - m.start >= 2 and toks[m.end - 1].lower in heads:
                named[toks[m.end - 1].lower] = m


def _longest(ms: list[Match], rules: dict[str, Rule], toks: tuple[Token, ...], verbal_before: frozenset[str]
             ) -> list[Match]:
    """Non-overlapping matches, longest first; of a word's verb and noun readings (``rules``:
    the trigger rules by id), the verb after "to" or a modal ("plans to visit Taiwan"), else
    the noun ("a visit to Taiwan")."""

    def reading(m: Match) -> int:
        rule = rules.get(m.value)
        if rule is None or m.start == 0:
            return 0
        verbal = toks[m.start - 1].lower in verbal_before
        return 0 if (rule.spec.get("pos") == "verb") == verbal else 1

    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(ms, key=lambda m: (-(m.end - m.start), m.start, reading(m), m.value)):
        if any(i in taken for i in range(m.start, m.end)):
            continue
        chosen.append(m)
        taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)

"""Plain, frozen records passed from one pipeline stage to the next.

No spaCy or rdflib objects cross a stage boundary: mentions hold character offsets
into :attr:`Article.text`, and the graph builder sees only these records.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. Offsets everywhere else point into ``text``."""

    id: str
    path: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    #: character ranges of ``text`` that are content (boilerplate left out)
    content: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as the graph knows it: from the gazetteer, or found by a title pattern."""

    id: str
    label: str
    type: str  # Person | Country | Organization
    country: str | None = None
    aliases: tuple[str, ...] = ()
    role: str | None = None  # the title the article gives, e.g. "Foreign Minister"
    qid: str | None = None
    in_gazetteer: bool = True
    #: the fullest form of the name the article uses, where it differs from ``label``
    article_name: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names something: an actor, issue, place, date or trigger."""

    kind: str  # actor | issue | place | date | trigger | status
    start: int
    end: int
    text: str
    sentence: int
    key: str  # actor id, issue id, place key, ISO date, rule id
    rule: str  # the lexicon entry or rule that produced it
    detail: str | None = None  # trigger kind, status value, date precision, place country


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a statement comes from: a verbatim quote of ``text[start:end]``."""

    quote: str
    start: int
    end: int
    rule: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Participant:
    actor: str  # actor id
    role: str = "participant"  # participant | host | visitor


@dataclass(frozen=True, slots=True)
class Place:
    label: str
    key: str | None = None  # gazetteer id of the country or capital it names, if known
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a part of an event is there: the rule that put ``value`` in ``part`` (participant,
    issue, place, date, status, kind) from sentence ``sentence``."""

    part: str
    value: str
    rule: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Event:
    """A meeting as one article reports it."""

    article: str
    kind: str
    status: str
    participants: tuple[Participant, ...]
    issues: tuple[str, ...] = ()
    place: Place | None = None
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()
    #: the rules behind each participant, issue, place, date and status (for explanations)
    reasons: tuple[Reason, ...] = ()

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(p.actor for p in self.participants)


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A trigger that did not become an event, and why (for explanation and rule tests)."""

    article: str
    trigger_rule: str
    reason: str  # the id of the rule that suppressed it
    sentence: int
    quote: str
    #: the parties it had when it was suppressed
    participants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor makes of one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    suppressed: tuple[Suppressed, ...] = field(default=())
    #: ids of the rules that shaped this extraction (for `kg rules check` and explanations)
    rules_fired: tuple[str, ...] = field(default=())

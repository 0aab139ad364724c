"""The working record of one meeting while an article is read, and how two records merge."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..model import Evidence, Place
from ..nlp import Match
from ..resources import Rule

HELD, ONGOING, PLANNED = "held", "ongoing", "planned"
NOT_MEETINGS = ("negated", "refused", "cancelled", "hypothetical")


@dataclass(slots=True)
class Candidate:
    sentence: int
    trigger: Match
    rule: Rule
    kind: str
    status: str
    status_rule: str | None
    participants: list[tuple[str, str]]  # (actor id, role)
    anaphoric: bool
    place: Place | None
    date: str | None
    precision: str | None
    issues: list[str]
    evidence: list[Evidence]
    confidence: float
    quoted: bool = False
    #: a second party met in turn ("met with the IMF, then with President Trump") and who met it
    sequel: list[str] = field(default_factory=list)
    #: the issues named after the second party ("then with President Trump, where he denounced ...")
    sequel_issues: list[str] = field(default_factory=list)
    subject: list[str] = field(default_factory=list)
    #: the sides one subject met in turn ("Suga will meet Modi and Duterte"): one meeting each
    hosts: list[list[str]] = field(default_factory=list)
    #: in a fronted clause ("Before visiting Israel, Mr Blair made a visit to Iraq"): an aside
    #: to the sentence's own report
    fronted: bool = False


@dataclass(frozen=True, slots=True)
class SentenceParts:
    """Matches of one sentence, sorted by the kind of thing they are."""

    triggers: list[Match]
    statuses: list[Match]
    contexts: list[Match]
    issues: list[Match]


def copy_with(c: Candidate, participants: list[tuple[str, str]]) -> Candidate:
    """A copy of ``c`` for some of its parties (a split visit, a sequel), with lists of its own."""
    part = copy.copy(c)
    part.participants, part.issues, part.evidence = participants, list(c.issues), list(c.evidence)
    part.sequel, part.sequel_issues, part.hosts = [], [], []
    return part


def absorb(target: Candidate, c: Candidate) -> None:
    roles = dict(c.participants)
    # a plain participant of one report is the host or visitor another report names
    target.participants = [(a, roles[a]) if r == "participant" and roles.get(a, r) != r else (a, r)
                           for a, r in target.participants]
    for p in c.participants:
        if all(p[0] != a for a, _ in target.participants):
            target.participants.append(p)
    for i in c.issues:
        if i not in target.issues:
            target.issues.append(i)
    if target.place is None:
        target.place = c.place
    target.date = target.date or c.date
    target.precision = target.precision or c.precision
    target.confidence = max(target.confidence, c.confidence)
    if target.status == HELD and c.status == ONGOING:
        target.status = ONGOING  # "the second day of talks": still under way
    if target.status == PLANNED and c.status in (HELD, ONGOING) and not (c.anaphoric and c.status_rule is None):
        # planned for the day and then reported as taking place (not by a mere "the conference")
        target.status = c.status
    target.evidence.extend(c.evidence)
    if not target.anaphoric and target.kind == "meeting" and c.kind in ("summit", "call") and not c.anaphoric:
        target.kind = c.kind

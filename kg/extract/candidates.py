"""A meeting as one sentence reports it, before repeated reports are merged into one event."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..model import Evidence, Place, Reason
from ..nlp import Match
from ..resources import Rule
from .status import HELD, ONGOING, PLANNED

Parties = tuple[tuple[str, str], ...]  # (actor id, role: participant | host | visitor)


@dataclass(frozen=True, slots=True)
class Candidate:
    sentence: int
    trigger: Match
    rule: Rule
    kind: str
    status: str
    status_rule: str | None
    participants: Parties
    anaphoric: bool
    place: Place | None
    date: str | None
    precision: str | None
    issues: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    confidence: float
    quoted: bool = False
    #: the subject's actors, when the sentence also names whom it met
    subject: tuple[str, ...] = ()
    #: the sides one subject met in turn ("Suga will meet Modi and Duterte"): one meeting each
    hosts: tuple[tuple[str, ...], ...] = ()
    #: in a fronted clause ("Before visiting Israel, Mr Blair made a visit to Iraq"): an aside
    #: to the sentence's own report
    fronted: bool = False
    #: told in the past perfect ("had earlier visited Japan"): background to the story
    background: bool = False
    #: counted as another one ("their second summit"): no earlier report's meeting
    distinct: bool = False
    reasons: tuple[Reason, ...] = ()

    @property
    def actors(self) -> set[str]:
        return {a for a, _ in self.participants}


def add_party(participants: Parties, actor: str | None, role: str = "participant") -> Parties:
    """``participants`` with ``actor`` added unless it is there already (or unknown)."""
    if not actor or any(actor == p for p, _ in participants):
        return participants
    return (*participants, (actor, role))


def with_issues(c: Candidate, issues: list[str] | tuple[str, ...], evidence: Evidence | None, rule: str,
                rule_of: Callable[[int, str, str], str] | None = None) -> Candidate:
    """``c`` with the issues not yet in it, the evidence that names them, and why (``rule_of``
    names the rule of one issue of a sentence where it differs from ``rule``)."""
    added = [i for i in dict.fromkeys(issues) if i not in c.issues]
    if not added:
        return c
    sentence = evidence.sentence if evidence else c.sentence
    return replace(c, issues=(*c.issues, *added),
                   evidence=(*c.evidence, evidence) if evidence and evidence not in c.evidence else c.evidence,
                   reasons=(*c.reasons, *(Reason("issue", i, rule_of(sentence, i, rule) if rule_of else rule, sentence)
                                          for i in added)))


def copy_for(c: Candidate, participants: Parties, **changes: object) -> Candidate:
    """A copy of ``c`` for some of its parties (a split visit, one of several hosts)."""
    return replace(c, participants=participants, hosts=(), **changes)


def absorb(target: Candidate, c: Candidate) -> Candidate:
    """One meeting from two reports of it: ``target`` grown by what ``c`` adds."""
    roles = dict(c.participants)
    # a plain participant of one report is the host or visitor another report names
    parts = tuple((a, roles[a]) if r == "participant" and roles.get(a, r) != r else (a, r)
                  for a, r in target.participants)
    for p in c.participants:
        if all(p[0] != a for a, _ in parts):
            parts = (*parts, p)
    status = target.status
    if status == HELD and c.status == ONGOING:
        status = ONGOING  # "the second day of talks": still under way
    if status == PLANNED and c.status in (HELD, ONGOING) and not (c.anaphoric and c.status_rule is None):
        status = c.status  # planned for the day and then reported as taking place (not by a mere "the conference")
    kind = target.kind
    if not target.anaphoric and kind == "meeting" and c.kind in ("summit", "call") and not c.anaphoric:
        kind = c.kind
    if kind in ("summit", "conference"):
        parts = tuple((a, "participant" if r == "visitor" else r) for a, r in parts)  # guests at a summit take part
    return replace(
        target, participants=parts, kind=kind, status=status,
        issues=(*target.issues, *(i for i in c.issues if i not in target.issues)),
        place=target.place or c.place, date=target.date or c.date, precision=target.precision or c.precision,
        confidence=max(target.confidence, c.confidence),
        evidence=(*target.evidence, *(e for e in c.evidence if e not in target.evidence)),
        reasons=(*target.reasons, *(r for r in c.reasons if r not in target.reasons)))

"""Deterministic IRIs: the same input always names the same nodes.

Actors and issues take their gazetteer or SKOS ids. An event's IRI comes from its
participants, its date (or, lacking one, the article's month) and whether it happened or
is planned, so two articles reporting one meeting name the same node.
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from ..model import Event
from .vocab import ACTOR, ARTICLE, EVENT, EVIDENCE, GRAPH, ISSUE, PLACE, ROLE


def _safe(value: str) -> str:
    return quote(value, safe="-._~")


def digest(*parts: str, size: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


def actor(actor_id: str) -> str:
    return str(ACTOR) + _safe(actor_id)


def issue(issue_id: str) -> str:
    return str(ISSUE) + _safe(issue_id)


def article(article_id: str) -> str:
    return str(ARTICLE) + _safe(article_id)


def place(label: str) -> str:
    from ..extract.mentions import slug
    return str(PLACE) + slug(label)


def role(role_id: str) -> str:
    return str(ROLE) + _safe(role_id)


def graph(name: str) -> str:
    return str(GRAPH) + name


def event(ev: Event, article_date: str | None) -> str:
    anchor = ev.date or (article_date[:7] if article_date else "")
    happened = "planned" if ev.status == "planned" else "happened"
    parts = sorted(p.actor for p in ev.participants)
    return str(EVENT) + digest(*parts, "|", anchor, happened)


def evidence(article_id: str, start: int, end: int, rule: str) -> str:
    return f"{EVIDENCE}{_safe(article_id)}/{start}-{end}/{_safe(rule)}"

"""Why kg read an article as it did: each event with the rules behind its participants, status,
place, date and issues, and each meeting word that gave no event with the rule that stopped it.

For the user who asks "why is this meeting missing?" or "where does this participant come
from?": ``kg explain ARTICLE`` runs the extraction afresh on one article and says so."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .model import Article, Extraction
from .nlp import Pipeline
from .resources import Resources


@dataclass(frozen=True, slots=True)
class Explanation:
    """One article's extraction, ready to be told."""

    extraction: Extraction
    rules: dict[str, str]  # rule id → what the rule does (its comment), for the rules named


def explain(path: Path, pipeline: Pipeline) -> Iterator[Explanation]:
    """The explanation of each article ``path`` holds (a feed ``feed.jsonl#ID`` names one record)."""
    from .extract import extract
    from .ingest import Skipped, discover, read_articles

    name, _, record = str(path).partition("#")
    file = Path(name)
    if not file.exists():
        raise UsageError(f"no such article file: {file}")
    if file.is_file():
        discover([file])  # "x.meta.json" is an article's metadata, not an article: an input error
    found = False
    for item in read_articles([file]):
        if isinstance(item, Skipped):
            raise UsageError(f"cannot read {item.path}: {item.reason}")
        if record and not item.path.endswith(f"#{record}") and item.id != record:
            continue
        found = True
        yield Explanation(extract(item, pipeline), _comments(pipeline.resources))
    if not found:
        raise UsageError(f"no article {record!r} in {file}" if record else f"no article in {file}")


def _comments(res: Resources) -> dict[str, str]:
    return {r.id: str(r.spec.get("comment", "")) for r in res.rules}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render(ex: Explanation, event: int | None = None) -> str:
    """The explanation as text: per event its reports, and the first rule behind each
    participant, its status, place, date and each issue; then the meeting words that gave none.
    With ``event`` (counted from 1), that event alone."""
    x = ex.extraction
    art: Article = x.article
    names = {a.id: a.article_name or a.label for a in x.actors}
    if event is not None and not 1 <= event <= len(x.events):
        raise UsageError(f"{art.path} has {_count(len(x.events), 'event')}; there is no event {event}")
    out = [f"article {art.path}" + (f"  (dated {art.date})" if art.date else "  (no date)"),
           f"{_count(len(x.sentences), 'sentence')}, {_count(len(x.events), 'event')}, "
           f"{_count(len(x.suppressed), 'meeting word')} without an event"]
    for n, ev in enumerate(x.events, 1):
        if event is not None and n != event:
            continue
        out.append("")
        out.append(f"event {n}: {ev.kind}, {ev.status}" + (f", {ev.date}" if ev.date else "")
                   + (f", in {ev.place.label}" if ev.place else ""))
        reports = [e for e in ev.evidence if not e.rule.startswith(("issue.", "context."))]
        for e in reports or ev.evidence[:1]:
            out.append(f"  reported in sentence {e.sentence} [{e.rule}]: {_quote(e.quote)}")
        roles = {p.actor: p.role for p in ev.participants}
        for actor in roles:
            r = next((r for r in ev.reasons if r.part == "participant" and r.value == actor), None)
            label = names.get(actor, actor) + (f" ({roles[actor]})" if roles[actor] != "participant" else "")
            out.append(f"  participant {label:<36} {_why(r)}")
        _final(out, ev.reasons, "status", ev.status)
        _final(out, ev.reasons, "place", ev.place.label if ev.place else None)
        _final(out, ev.reasons, "date", ev.date)
        for issue in ev.issues:
            _final(out, ev.reasons, "issue", issue)
    if x.suppressed and event is None:
        out.append("")
        out.append("meeting words that gave no event:")
        for s in x.suppressed:
            who = ", ".join(names.get(a, a) for a in s.participants)
            why = ex.rules.get(s.reason, "")
            out.append(f"  sentence {s.sentence} [{s.trigger_rule}] stopped by {s.reason}"
                       + (f" (parties: {who})" if who else "") + (f": {why}" if why else ""))
            out.append(f"    {_quote(s.quote)}")
    return "\n".join(out)


def _final(out: list[str], reasons: tuple, part: str, value: str | None) -> None:
    if value is None:
        return
    r = next((r for r in reasons if r.part == part and r.value == value), None)
    out.append(f"  {part} {value:<{47 - len(part)}} {_why(r)}")


def _why(r) -> str:
    return f"sentence {r.sentence}: {_chain(r.rule)}" if r is not None else "(merged from another report)"


def _chain(rules: str) -> str:
    return " > ".join(rules.split())


def _quote(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return f'"{text[:width]}{"..." if len(text) > width else ""}"'

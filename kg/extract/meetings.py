"""The events of one article: each sentence's reports in text order, the sentences that add
agenda items or attendees to the meeting before them, then one event per real meeting."""
from __future__ import annotations

from dataclasses import replace

from ..model import Event, Reason, Suppressed
from ..nlp import ParsedSentence
from .agenda import agenda_sentence, following_issues, headline_issues
from .candidates import Candidate, add_party
from .merging import merge
from .mentions import PERSON
from .reports import sentence_context, sentence_reports
from .view import ArticleView, SentenceParts


def build_events(view: ArticleView, parsed: dict[int, ParsedSentence]) -> tuple[list[Event], list[Suppressed], set[str]]:
    """Events, suppressed reports, and the ids of the context rules that marked a mention."""
    candidates: list[Candidate] = []
    suppressed: list[Suppressed] = []
    hits: set[str] = set()
    sides: tuple[int, tuple[str, ...]] | None = None  # the last sentence naming sides ("diplomats from the G7")
    for s in sorted(view.parts):
        if not view.in_content(s):
            continue
        ctx = sentence_context(view, s)
        hits.update(ctx.effect_rules.values())
        cands, supp = sentence_reports(view, s, parsed.get(s), candidates, sides)
        candidates += cands
        suppressed += supp
        named = tuple(dict.fromkeys(a for k in view.by_sentence.get(s, ())
                                    if ctx.effects.get(k) == "side" and (a := view.mentions[k].actor)))
        if named:
            sides = (s, named)
        if not any(not c.anaphoric for c in cands):
            candidates = agenda_sentence(view, s, candidates)
            candidates = attendees(view, s, candidates)
    candidates = headline_issues(view, candidates)
    candidates = following_issues(view, candidates, suppressed)
    events, dropped = merge(view, candidates)
    return events, suppressed + dropped, hits


def attendees(view: ArticleView, s: int, candidates: list[Candidate]) -> list[Candidate]:
    """ "General Joulwan and General Sheehan will also attend.": people who attend, with no
    meeting named, join the meeting reported last."""
    if not candidates or s - candidates[-1].sentence > 2:
        return candidates
    b = view.sentences[s][1]
    for c in view.parts.get(s, SentenceParts()).contexts:
        rule = view.rules[c.value]
        if rule.spec.get("effect") != "joins" or c.end >= b or view.toks[c.end].text not in (".", ",", ";"):
            continue
        people = [view.mentions[k].actor for k in view.by_sentence.get(s, ()) if view.mentions[k].type == PERSON
                  and view.mentions[k].form == "name" and view.mentions[k].actor and view.mentions[k].end <= c.start]
        last = candidates[-1]
        parts = last.participants
        for actor in people:
            parts = add_party(parts, actor)
        if parts != last.participants:
            new = [a for a, _ in parts if a not in last.actors]
            last = replace(last, participants=parts,
                           evidence=(*last.evidence, view.sentence_evidence(s, rule.id)),
                           reasons=(*last.reasons, *(Reason("participant", a, rule.id, s) for a in new)))
            return [*candidates[:-1], last]
        return candidates
    return candidates

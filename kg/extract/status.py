"""Whether a meeting took place, is under way, is planned, or is no meeting at all (negated,
refused, cancelled, hypothetical), from the status rules whose phrases stand in its clause."""
from __future__ import annotations

from datetime import date

from ..nlp import Match
from .dates import WEEKDAYS, DateExpr, find_dates, parse_iso
from .frames import Frame
from .view import ArticleView, SentenceParts

HELD, ONGOING, PLANNED = "held", "ongoing", "planned"
NOT_MEETINGS = ("negated", "refused", "cancelled", "hypothetical")
DAY_TO_COME = "status.planned.day-to-come"
_RANK = {"negated": 5, "refused": 5, "cancelled": 5, "hypothetical": 4, PLANNED: 2, ONGOING: 1}


def meeting_status(view: ArticleView, frame: Frame) -> tuple[str, str | None]:
    """The status of the frame's meeting and the id of the status rule that set it (None: held)."""
    s, trig = frame.sentence, frame.trigger
    parts = view.parts.get(s, SentenceParts())
    trigger_pos = frame.pos
    applicable = []
    for st in parts.statuses:
        rule = view.rules[st.value]
        scope, window = rule.spec["scope"], int(rule.spec.get("window", 0))
        if scope == "before":
            near = trig.start - st.end <= window or _on_predicate(view, frame, st)
            ok = st.start < trig.start and st.end <= trig.end and near \
                and not _clause_closed(view, s, st, trig) and not _in_other_clause(view, frame, st)
        elif scope == "after":
            ok = st.start >= trig.end and st.start - trig.end <= window and not _clause_closed(view, s, trig, st) \
                and not _names_people(view, st) and not _in_other_clause(view, frame, st)
        else:
            ok = True
        if not ok or rule.spec.get("trigger_pos", trigger_pos) != trigger_pos:
            continue  # "talks began" is under way; "visited China after he began" is not
        applicable.append(st)
    best, best_rule, cue = HELD, None, None
    for st in applicable:
        if any(o.start <= st.start and st.end <= o.end and o.end - o.start > st.end - st.start for o in applicable):
            continue  # "invited" inside "invited to take part in": the longer phrase says it
        rule = view.rules[st.value]
        status = rule.spec["status"]
        if _RANK.get(status, 0) > _RANK.get(best, 0):
            best, best_rule, cue = status, rule.id, st
    if best == ONGOING and cue is not None and _present_tense(view, cue) and _day_to_come(view, frame):
        return PLANNED, DAY_TO_COME  # "ministers are meeting on Thursday", "the summit begins on 16 December"
    return best, best_rule


def _present_tense(view: ArticleView, cue: Match) -> bool:
    """The cue is a present progressive ("are meeting") or a present-tense verb ("begins")."""
    words = [t.lower for t in view.toks[cue.start:cue.end]]
    return words[0] in ("is", "are") or (len(words) == 1 and words[0] in view.res.words(DAY_TO_COME, "present_verbs"))


def _day_to_come(view: ArticleView, frame: Frame) -> bool:
    """The meeting's clause names a weekday other than the article's own day ("on Thursday"), or a
    day of a month after the article's date (any, when the article has no date: "on 16 December")."""
    s = frame.sentence
    end = view.sentences[s][1]
    day = parse_iso(view.date)
    today = day.weekday() if day else None
    toks = view.toks
    for i in range(frame.trigger.end, min(end, frame.trigger.end + 8) - 1):
        if toks[i].text in (",", ";"):
            return False
        if toks[i].lower != "on":
            continue
        if toks[i + 1].lower in WEEKDAYS:
            return WEEKDAYS[toks[i + 1].lower] != today
        j = min(end, i + 4)
        found = find_dates(view.text, toks[i + 1].idx, toks[j - 1].end)
        if found and found[0].start == toks[i + 1].idx and found[0].day and found[0].month:
            return _after(found[0], day)
    return False


def _after(expr: DateExpr, day: date | None) -> bool:
    """The date falls after the article's day (any does, when the article has none)."""
    if day is None:
        return True
    try:
        return date(expr.year or day.year, expr.month or 0, expr.day or 0) > day
    except ValueError:
        return False


def _on_predicate(view: ArticleView, frame: Frame, st: Match) -> bool:
    """A one-word status cue ("not", "will") hangs on one of the meeting's predicates, however far
    before it: "was not taking part in the Tikhomirov-Maskhadov talks"."""
    tree = view.trees.get(frame.sentence)
    if tree is None or st.end - st.start != 1 or not tree.covers(st.start):
        return False
    return tree.head(st.start) in {p for p, _, _ in frame.predicates}


def _names_people(view: ArticleView, st: Match) -> bool:
    """The phrase is part of a name for people ("met opposition militia leader Dostum"), not what
    the meeting met with."""
    for t in view.toks[st.end:st.end + 2]:
        if not t.text.isalpha():
            return False
        if t.lower in view.people_or_offices:
            return True
    return False


def _clause_closed(view: ArticleView, s: int, inner: Match, outer: Match) -> bool:
    """``inner`` sits in a relative clause that a comma closes before ``outer``: a status of the
    main clause is not the meeting's ("India, which attends the G7 meeting on Friday, is unlikely
    to be cowed"), nor is one inside the clause ("Joe Biden, who opposed the war, met Keir Starmer")."""
    toks = view.toks
    if not any(t.text == "," for t in toks[inner.end:outer.start]):
        return False
    a = view.sentences[s][0]
    for i in range(inner.start - 1, a, -1):
        if toks[i].text == ",":
            return False
        if toks[i].lower in ("which", "who") and toks[i - 1].text == ",":
            return True
    return False


#: relations that open a clause of its own: a status word inside one is about something else
_OWN_CLAUSES = ("acl:relcl", "advcl", "ccomp", "csubj", "parataxis", "acl")


def _in_other_clause(view: ArticleView, frame: Frame, st: Match) -> bool:
    """The status phrase's head word sits in a clause that neither holds the trigger nor governs
    it ("Biden, who opposed the war, met Starmer": "opposed" is in a relative clause of its own)."""
    tree = view.trees.get(frame.sentence)
    if tree is None:
        return False
    predicates = {p for p, _, _ in frame.predicates}
    if tree.dep(st.start) == "mark" and tree.head(tree.head(st.start)) in predicates:
        return False  # "would meet Kim if there is progress": the condition's own clause hangs on the meeting
    clause = _clause_of(tree, st.start)
    spine = {_clause_of(tree, p) for p, _, _ in frame.predicates}
    spine |= {_clause_of(tree, i) for i in _ancestors(tree, frame.head)}
    return clause not in spine


def _clause_of(tree, i: int) -> int:
    """The head of the clause token ``i`` belongs to."""
    seen = set()
    while tree.head(i) != i and i not in seen:
        seen.add(i)
        if tree.dep(i) in _OWN_CLAUSES:
            return i
        i = tree.head(i)
    return i


def _ancestors(tree, i: int) -> list[int]:
    """The words above ``i`` up to the first finite clause of its own: "Duterte will react ...,
    although they spoke by phone" — the modal of the clause above is not the call's."""
    out = []
    seen = set()
    while tree.head(i) != i and i not in seen:
        seen.add(i)
        if tree.dep(i) in ("advcl", "ccomp", "parataxis", "acl:relcl") and any(
                tree.dep(c) in ("nsubj", "nsubj:pass") for c in tree.children(i)):
            break
        i = tree.head(i)
        out.append(i)
    return out

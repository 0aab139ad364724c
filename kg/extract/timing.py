"""When a meeting took place: the date expression of its sentence nearest the meeting word,
except dates that belong to something else (the day of a statement, the start of a term in
office, the day an agreement was reached)."""
from __future__ import annotations

import re

from ..nlp import Match
from . import dates as dates_mod
from .places import DATELINE
from .status import PLANNED
from .view import ArticleView

#: "..., the ministry said on Friday": the day of the statement, not of the meeting
_REPORTED_ON = re.compile(r"\b(said|says|announced|told reporters|reported|confirmed|stated)( on| late on| early on)?\s*$")
#: "in office since May 18", "since he came to power on June 28": the start of something else
_SINCE = re.compile(r"\b(since|until|till)\b[^,;.]*$")
#: "the Hanoi Summit held in February": a date the meeting word itself takes, whatever comes before
_HELD_ON = re.compile(r"\b(held|took place|taking place|opened|convened)( in| on)?\s*$")
#: a verb between a meeting and a date that makes the date an agreement's
_AGREED = re.compile(r"\b(reached|agreed|signed|struck|concluded)\b")


def meeting_date(view: ArticleView, s: int, trig: Match, status: str) -> tuple[str | None, str | None]:
    """ISO date (or year-month) of the meeting and its precision, or (None, None)."""
    a, b = view.sentences[s]
    text = view.text
    start, end = view.toks[a].idx, view.toks[b - 1].end
    dateline = DATELINE.match(text[start:end])
    if dateline:
        start += dateline.end()  # "TOKYO, June 2 -": the day of the report, not of the meeting
    at = view.toks[trig.start].idx
    found = [d for d in dates_mod.find_dates(text, start, end)
             if not _REPORTED_ON.search(text[max(start, d.start - 24):d.start])
             and not _since_before(text, d.start, start, at)]
    if not found:
        return None, None
    nearest = min(found, key=lambda d: abs(d.start - at))
    # "would hold talks ... under an agreement Iraq reached in June", "an agreement reached in
    # June to hold talks": the month of what was agreed, not of the meeting
    between = text[at:nearest.start] if nearest.start > at else text[max(start, nearest.start - 40):nearest.start]
    if _AGREED.search(between):
        return None, None
    resolved = dates_mod.resolve(nearest, view.date, future=status == PLANNED)
    return resolved if resolved else (None, None)


def _since_before(text: str, date_start: int, start: int, at: int) -> bool:
    """A "since/until" phrase holds the date ("in office since May 18"), unless the meeting word
    is inside it ("since Biden met Xi in November") or takes the date itself ("since talks failed
    at the Hanoi Summit held in February")."""
    window = max(start, date_start - 48)
    since = _SINCE.search(text[window:date_start])
    if since is None:
        return False
    if window + since.start() < at < date_start:
        return False
    return not _HELD_ON.search(text[max(start, date_start - 24):date_start])

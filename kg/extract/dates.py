"""Dates in text: explicit dates, weekdays and "yesterday", resolved against the article date.

A weekday means the most recent such day on or before the article date for things that
happened, and the next one on or after it for things that are planned: the convention of
news writing ("met on Tuesday" in Wednesday's paper is yesterday).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
RELATIVE = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
            "yesterday": -1, "last night": -1, "tomorrow": 1}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<day>\d\d)\b")),
    ("mdy", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("dmy", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("my", re.compile(r"\b[Ii]n\s+" + _MONTH + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("weekday", re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative", re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow|last night|this morning|this afternoon|this evening)\b", re.I)),
]


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    text: str
    kind: str  # iso | mdy | dmy | my | weekday | relative
    year: int | None = None
    month: int | None = None
    day: int | None = None
    offset: int | None = None  # weekday number, or days from the article date


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Date expressions in ``text[start:end]``, offsets into ``text``; longest first wins."""
    end = len(text) if end is None else end
    found: list[DateExpr] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text, start, end):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            g = m.groupdict()
            month = MONTHS.get((g.get("month") or "").lower().rstrip(".")) if g.get("month") else None
            if kind == "iso":
                month = int(g["m"])
            year = int(g["year"]) if g.get("year") else None
            day = int(g["day"]) if g.get("day") else None
            offset = None
            if kind == "weekday":
                offset = WEEKDAYS[g["wd"].lower()]
            elif kind == "relative":
                offset = RELATIVE[g["rel"].lower()]
            if day is not None and not 1 <= day <= 31:
                continue
            found.append(DateExpr(m.start(), m.end(), m.group(), kind, year, month, day, offset))
    return sorted(found, key=lambda d: d.start)


def parse_iso(value: str | None) -> date | None:
    """The day of an ISO date (None for a year or month alone, or no date)."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve(expr: DateExpr, article_date: str | None, *, future: bool = False) -> tuple[str, str] | None:
    """ISO date (or year-month) and its precision, or None when it cannot be pinned down."""
    ref = parse_iso(article_date)
    if expr.kind in ("iso", "mdy", "dmy"):
        year = expr.year or _year_near(ref, expr.month, expr.day, future)
        if year is None or expr.month is None or expr.day is None:
            return None
        try:
            return date(year, expr.month, expr.day).isoformat(), "day"
        except ValueError:
            return None
    if expr.kind == "my":
        year = expr.year or _year_near(ref, expr.month, None, future)
        return (f"{year:04d}-{expr.month:02d}", "month") if year and expr.month else None
    if ref is None or expr.offset is None:
        return None
    if expr.kind == "relative":
        return (ref + timedelta(days=expr.offset)).isoformat(), "day"
    delta = (expr.offset - ref.weekday()) % 7
    if future:
        return (ref + timedelta(days=delta)).isoformat(), "day"
    back = (ref.weekday() - expr.offset) % 7
    return (ref - timedelta(days=back)).isoformat(), "day"


def _year_near(ref: date | None, month: int | None, day: int | None, future: bool) -> int | None:
    """The year of a date without one: the last such day (or month) up to the article date for
    what happened, the next one from it for what is planned ("they last met in September")."""
    if ref is None or month is None:
        return None
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            first = date(year, month, day or 1)
        except ValueError:
            continue
        last = first if day else (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
        candidates.append((first, last))
    if not candidates:
        return None
    slack = timedelta(days=7 if day else 0)  # a few days' leeway for reports a little ahead or behind
    if future:
        ahead = [c for c in candidates if c[1] >= ref - slack]
        return min(ahead)[0].year if ahead else None
    behind = [c for c in candidates if c[0] <= ref + slack]
    return max(behind)[0].year if behind else None

WEEKDAYS_TITLE = frozenset(d.title() for d in WEEKDAYS)
MONTHS_TITLE = frozenset(m.title() for m in MONTHS)

"""Where a meeting took place: context-marked countries and capitals, names after "in"/"at"
that no lexicon knows, and the article's dateline."""
from __future__ import annotations

import re

from ..model import Place
from ..nlp import Match
from . import dates as dates_mod
from .agenda import LEAD_SENTENCES
from .candidates import HELD, ONGOING, Candidate
from .mentions import CAPITAL, COUNTRY, ActorMention

_DIRECTIONS = {"North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western"}
#: how many tokens after a trigger a place no lexicon knows is looked for
FREE_PLACE_REACH = 24
#: "BAGHDAD 1996-08-22", "KHASAVYURT, Russia 1996-08-30", "WASHINGTON, May 24 (Reuters) -"
DATELINE = re.compile(r"^([A-Z][A-Z'.\-]{2,}(?: [A-Z][A-Z'.\-]+){0,2})(?:,\s+[A-Z][A-Za-z .]+?)?"
                       r"(?:\s+\d{4}-\d{2}-\d{2}\b|,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)")


class PlaceReading:
    """The place-finding part of :class:`~kg.extract.statements.EventBuilder`."""

    def _dateline_places(self, candidates: list[Candidate]) -> None:
        """A meeting the lead reports with no place of its own happened where the dateline says
        ("KHASAVYURT, Russia 1996-08-30 ... started a new round of talks in this settlement")."""
        place = self._dateline()
        if place is None:
            return
        for c in candidates:
            if c.sentence <= LEAD_SENTENCES + 1 and c.place is None and c.status in (HELD, ONGOING) \
                    and c.kind != "call":
                c.place = place

    def _dateline(self) -> Place | None:
        head = self.text[:600]
        for line in head.splitlines()[:8]:
            m = DATELINE.match(line.strip())
            if m:
                city = m.group(1).strip()
                label = " ".join(w.capitalize() for w in city.split())
                key = self.res.capitals.get(label)
                return Place(label, key, key)
        return None

    def _place_of(self, m: ActorMention) -> Place:
        label = self.text[self.toks[m.start].idx:self.toks[m.end - 1].end]
        if label.startswith(("the ", "The ")):
            label = label[4:]
        return Place(label, m.actor, m.country)

    def _free_place(self, trig: Match, b: int) -> Place | None:
        """ "talks in Khasavyurt", "met ... at the coastal resort of Skhirat": a capitalised name
        after in/at (and a descriptive "the ... of") that no lexicon knows, in the trigger's clause."""
        limit = min(b, trig.end + FREE_PLACE_REACH)
        for k in range(trig.end, limit - 1):
            t = self.toks[k]
            if t.text in (";", "—") or t.lower in ("said", "says", "told", "who", "which"):
                return None
            if t.lower not in ("in", "at"):
                continue
            j = k + 1
            if j < b and self.toks[j].lower == "the":
                j += 1
            d = j
            while d < b and d - j < 4 and self.toks[d].text.isalpha() and self.toks[d].text.islower() \
                    and self.toks[d].lower != "of":
                d += 1
            if d > j and d + 1 < b and self.toks[d].lower == "of":
                j = d + 1  # "the West Bank town of", "the royal palace of"
            start = j
            j = self._name_end(j, b)
            d = j
            while d < b and d - j < 3 and self.toks[d].text.isalpha() and self.toks[d].text.islower() \
                    and self.toks[d].lower != "of":
                d += 1
            if j > start and d > j and d + 1 < b and self.toks[d].lower == "of" and self.toks[d + 1].is_title:
                # "the Red Sea port city of Jeddah", "the Black Sea resort of Sochi": the town named last
                start = d + 1
                j = self._name_end(start, b)
            if j == start or self.toks[start].text in dates_mod.WEEKDAYS_TITLE \
                    or self.toks[start].text in dates_mod.MONTHS_TITLE \
                    or (j - start == 1 and self.toks[start].text in _DIRECTIONS):
                continue  # "in the South and East China Seas": a direction alone is no place
            if any(m.start <= start < m.end for m in self.mentions if m.sentence == self.sent_of[start]):
                continue  # a known country, capital or actor: the context rules place it
            return Place(self.text[self.toks[start].idx:self.toks[j - 1].end])
        return None

    def _relative_between(self, a: int, b: int) -> bool:
        """A relative clause (", which", ", who") opens between tokens a and b and is still open at b."""
        opened = False
        for i in range(a, b - 1):
            if self.toks[i].text == ",":
                opened = self.toks[i + 1].lower in ("which", "who", "where")  # a comma also closes one
        return opened

    def _name_end(self, j: int, b: int) -> int:
        """End of the capitalised place name from token j ("Novye Atagi", "Sharm el-Sheikh")."""
        while j < b and (self.toks[j].is_title or (self.toks[j].lower in ("of", "de") and j + 1 < b
                                                  and self.toks[j + 1].is_title)):
            j += 1
        return j

    def _sentence_place(self, s: int, effects: dict[int, str], trig: Match) -> Place | None:
        best = None
        visit = self.rules[trig.value].spec.get("frame") == "visit"
        for k in self.by_sentence.get(s, ()):
            if effects.get(k) == "place":
                m = self.mentions[k]
                if not visit and m.start > trig.end and self.toks[m.start - 1].lower in ("to", "into", "toward", "towards"):
                    continue  # "a meeting on arms transfers to Russia": where things go, not where it met
                if m.start > trig.end and self._relative_between(trig.end, m.start):
                    continue  # "... arms to Russia, which are helping drive its war in Ukraine"
                if m.type in (COUNTRY,) or m.form == CAPITAL:
                    cand = self._place_of(m)
                    if best is None or (best.key and m.form == CAPITAL):
                        best = cand
        return best

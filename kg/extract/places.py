"""Where a meeting took place: a country or capital in its place phrase, a name after "in"/"at"
that no lexicon knows, and the article's dateline."""
from __future__ import annotations

import re

from ..model import Place
from ..nlp import Match, Token
from . import dates as dates_mod
from .mentions import CAPITAL, COUNTRY, ActorMention
from .view import ArticleView

#: how many tokens after a trigger a place no lexicon knows is looked for
FREE_PLACE_REACH = 24
#: the rule of a place no lexicon knows (its record keeps the words around such names)
FREE_PLACE = "builtin.free-place"
MODIFIER_PLACE = "builtin.modifier-place"
#: "BAGHDAD 1996-08-22", "KHASAVYURT, Russia 1996-08-30", "WASHINGTON, May 24 (Reuters) -"
DATELINE = re.compile(r"^([A-Z][A-Z'.\-]{2,}(?: [A-Z][A-Z'.\-]+){0,2})(?:,\s+[A-Z][A-Za-z .]+?)?"
                      r"(?:\s+\d{4}-\d{2}-\d{2}\b|,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)")


def after_dateline(tokens: tuple[Token, ...], text: str, a: int, b: int) -> int:
    """The first token of a sentence after its dateline ("RAMALLAH, West Bank, Aug 29 (Reuters) -"),
    or ``a`` when it has none: the dateline is no part of the sentence's grammar."""
    m = DATELINE.match(text[tokens[a].idx:tokens[b - 1].end])
    if m is None:
        return a
    end = tokens[a].idx + m.end()
    i = next((k for k in range(a, b) if tokens[k].idx >= end), b)
    if i < b and tokens[i].text == "(":
        close = next((k for k in range(i, min(i + 8, b)) if tokens[k].text == ")"), None)
        i = close + 1 if close is not None else i
    while i < b and tokens[i].text in ("-", "—", "–", "--", ":"):
        i += 1
    return i if i < b else a


def dateline_place(view: ArticleView) -> Place | None:
    """The town of the article's dateline ("KHASAVYURT, Russia 1996-08-30")."""
    for line in view.text[:600].splitlines()[:8]:
        m = DATELINE.match(line.strip())
        if m:
            label = " ".join(w.capitalize() for w in m.group(1).strip().split())
            key = view.res.capitals.get(label)
            return Place(label, key, key)
    return None


def place_of(view: ArticleView, m: ActorMention) -> Place:
    label = view.span_text(m.start, m.end)
    if label.startswith(("the ", "The ")):
        label = label[4:]
    return Place(label, m.actor, m.country)


def modifier_place(view: ArticleView, trig: Match) -> Place | None:
    """ "a London conference", "the Geneva talks": the country or capital the meeting word opens with."""
    k = view.mention_at.get(trig.start)
    if k is None or trig.end - trig.start < 2:
        return None
    m = view.mentions[k]
    if m.end < trig.end and (m.form == CAPITAL or (m.type == COUNTRY and m.form == "name")):
        return place_of(view, m)
    return None


def visited_place(view: ArticleView, trig: Match, b: int) -> Place | None:
    """ "would visit Bonn for talks": a capitalised name no lexicon knows right after a visit verb."""
    toks = view.toks
    j = trig.end
    if j >= b or not toks[j].is_title or j in view.mention_at or toks[j].text in dates_mod.WEEKDAYS_TITLE \
            or toks[j].text in dates_mod.MONTHS_TITLE or toks[j].text in view.res.words(FREE_PLACE, "not_places"):
        return None
    end = _name_end(view, j, b)
    if end - j > 2 or any(i in view.mention_at for i in range(j, end)):
        return None
    return Place(view.span_text(j, end))


def free_place(view: ArticleView, trig: Match, b: int) -> Place | None:
    """ "talks in Khasavyurt", "met ... at the coastal resort of Skhirat": a capitalised name
    after in/at (and a descriptive "the ... of") that no lexicon knows, in the trigger's clause."""
    toks = view.toks
    limit = min(b, trig.end + FREE_PLACE_REACH)
    for k in range(trig.end, limit - 1):
        t = toks[k]
        if t.text in (";", "—") or t.lower in ("said", "says", "told", "who", "which"):
            return None
        if t.lower not in ("in", "at"):
            continue
        j = k + 1
        if j < b and toks[j].lower == "the":
            j += 1
        d = j
        while d < b and d - j < 4 and toks[d].text.isalpha() and toks[d].text.islower() and toks[d].lower != "of":
            d += 1
        if d > j and d + 1 < b and toks[d].lower == "of":
            j = d + 1  # "the West Bank town of", "the royal palace of"
        start = j
        j = _name_end(view, j, b)
        d = j
        while d < b and d - j < 3 and toks[d].text.isalpha() and toks[d].text.islower() and toks[d].lower != "of":
            d += 1
        if j > start and d > j and d + 1 < b and toks[d].lower == "of" and toks[d + 1].is_title:
            # "the Red Sea port city of Jeddah", "the Black Sea resort of Sochi": the town named last
            start = d + 1
            j = _name_end(view, start, b)
        if j == start or toks[start].text in dates_mod.WEEKDAYS_TITLE or toks[start].text in dates_mod.MONTHS_TITLE \
                or (j - start == 1 and toks[start].text in view.res.words(FREE_PLACE, "directions")):
            continue  # "in the South and East China Seas": a direction alone is no place
        if j < b and toks[j].lower in ("'s", "’s"):
            continue  # "at Labour's spring conference": the owner of the place, not the place
        if _describes_a_thing(view, j, b):
            continue  # "at the Labour spring conference": the name describes a thing, not where
        if start in view.mention_at:
            continue  # a known country, capital or actor: the context rules place it
        return Place(view.span_text(start, j))
    return None


def _describes_a_thing(view: ArticleView, j: int, b: int) -> bool:
    """The name ending before token ``j`` modifies the noun after it ("the Labour spring
    conference"), by the tree where there is one ("talks in Geneva ended" is a place)."""
    toks = view.toks
    if j >= b or not (toks[j].text.isalpha() and toks[j].text.islower()) \
            or toks[j].lower in view.res.words(FREE_PLACE, "after_place"):
        return False
    tree = view.trees.get(view.sent_of[j])
    if tree is None:
        return True
    return tree.dep(j - 1) in ("compound", "amod", "nmod:poss") or tree.head(j - 1) >= j


def _name_end(view: ArticleView, j: int, b: int) -> int:
    """End of the capitalised place name from token j ("Novye Atagi", "Sharm el-Sheikh")."""
    toks = view.toks
    while j < b and (toks[j].is_title or (toks[j].lower in ("of", "de") and j + 1 < b and toks[j + 1].is_title)):
        j += 1
    return j


def _relative_between(view: ArticleView, a: int, b: int) -> bool:
    """A relative clause (", which", ", who") opens between tokens a and b and is still open at b."""
    opened = False
    for i in range(a, b - 1):
        if view.toks[i].text == ",":
            opened = view.toks[i + 1].lower in ("which", "who", "where")  # a comma also closes one
    return opened


def sentence_place(view: ArticleView, s: int, effects: dict[int, str], trig: Match, visit: bool) -> Place | None:
    """A country or capital the context rules mark as a place in the sentence (a capital first)."""
    best = None
    for k in view.by_sentence.get(s, ()):
        if effects.get(k) != "place":
            continue
        m = view.mentions[k]
        if not visit and m.start > trig.end and view.toks[m.start - 1].lower in ("to", "into", "toward", "towards"):
            continue  # "a meeting on arms transfers to Russia": where things go, not where it met
        if m.start > trig.end and _relative_between(view, trig.end, m.start):
            continue  # "... arms to Russia, which are helping drive its war in Ukraine"
        if m.type == COUNTRY or m.form == CAPITAL:
            cand = place_of(view, m)
            if best is None or (best.key and m.form == CAPITAL):
                best = cand
    return best

"""The fallback where the tree gives a meeting word no subject or no object: the parties read
from the order of the words, as the nearest group of names before the word in its clause and
the group right after it, reached only over function words.

The parser misattaches names in long news sentences (a name taken for the object of a
preposition before it, a subject lost to a misread clause); these readings keep such
sentences' meetings. They are rules ``surface.subject`` and ``surface.object``, with examples
like any other."""
from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS as COMMON_WORDS

from ..nlp import Match, Token
from . import dates as dates_mod
from .mentions import CAPITAL, COUNTRY, ORG, PERSON, fronted_phrase_end
from .view import ArticleView

SUBJECT_RULE = "surface.subject"
OBJECT_RULE = "surface.object"

_NOT_PARTIES = ("place", "topic", "reporter", "not-participant", "dateline")


def subject(view: ArticleView, trig: Match, noun: bool, groups: list[list[int]], effects: dict[int, str]) -> list[int]:
    """The nearest group before the trigger in its clause; a group of bare country or capital
    names gives way to a person further left ("Kabariti left Amman for Ramallah to hold talks")."""
    toks, ms = view.toks, view.mentions
    a = view.sentences[view.sent_of[trig.start]][0]
    relative = _relative_clause_subject(view, trig, groups, effects, a)
    if relative is not None:
        return relative
    if not noun:
        fronted = _fronted_phrase_subject(view, trig, groups, effects, a)
        if fronted:
            return fronted
    fallback: list[int] | None = None
    modifier: list[int] | None = None
    if noun and trig.start >= 2 and toks[trig.start - 1].lower in ("the", "this", "that") \
            and toks[trig.start - 2].lower in view.res.words(SUBJECT_RULE, "event_prepositions"):
        return []  # "welcomed X to the gathering", "spoke after the talks": a known event, no subject
    for g in reversed(groups):
        m_last = ms[g[-1]]
        if m_last.end > trig.start:
            continue
        gap = toks[m_last.end:trig.start]
        if len(gap) > 16 or any(t.text in view.res.words(SUBJECT_RULE, "blockers") for t in gap):
            return modifier or fallback or []
        appositive = bool(gap) and gap[0].text == "," and sum(t.text == "," for t in gap) == 1 \
            and any(ms[k].start > 0 and toks[ms[k].start - 1].text == "," for k in g)
        if any(t.text == "," for t in gap) and not appositive and not (
                gap and gap[0].text == "," and len(gap) > 1
                and (gap[1].lower in ("who", "which") or gap[1].lower.endswith("ing"))):
            return modifier or fallback or []  # a participle clause closes the subject's reach
        members = [k for k in g if effects.get(k) not in _NOT_PARTIES]
        if not members:
            if all(effects.get(k) == "place" for k in g):
                continue  # "In Beijing, Blinken met ..." — look further left
            return modifier or fallback or []
        before = ms[g[0]].start - 1
        while before > 0 and toks[before].lower in ("the", "a", "an"):
            before -= 1
        if gap and before >= 0 and toks[before].lower in view.res.words(SUBJECT_RULE, "prepositions") \
                and not all(effects.get(k) == "side" for k in members):
            continue  # "an agreement Iraq reached with the United Nations to hold talks": not the subject
        if modifier is not None:
            attends = any(t.lower in view.joining_words for t in gap)
            return members + modifier if attends or any(ms[k].type == PERSON for k in members) else modifier
        if not gap and noun and all(ms[k].type in (COUNTRY, ORG) for k in members):
            modifier = members  # "G7 meeting", "U.S.-Ukraine talks": look on for an attendee
            continue
        if fallback is None and all(ms[k].type == COUNTRY and ms[k].form in ("name", CAPITAL) for k in members):
            fallback = members
            continue
        return _joiner(view, members, groups) + members
    return modifier or fallback or []


def appositive_subject(view: ArticleView, trig: Match, groups: list[list[int]], effects: dict[int, str]) -> list[int]:
    """ "Co-founder of Vantor, Sergey Brin, met ...": a name set off by commas right before the
    verb is who the tree's unnamed subject is."""
    toks, ms = view.toks, view.mentions
    a = view.sentences[view.sent_of[trig.start]][0]
    i = trig.start - 1
    while i > a and (toks[i].lower in view.res.words(SUBJECT_RULE, "before_verb")
                     or (toks[i].text.islower() and toks[i].lower.endswith("ly"))):
        i -= 1  # "personally", "has", "also"
    if i <= a or toks[i].text != ",":
        return []
    for g in groups:
        first = ms[g[0]].start
        if ms[g[-1]].end == i and first > a and toks[first - 1].text == ",":
            return [k for k in g if effects.get(k) not in _NOT_PARTIES]
    return []


def _joiner(view: ArticleView, members: list[int], groups: list[list[int]]) -> list[int]:
    """Who joins the subject: "Rubio will join Mike Waltz for the talks"."""
    toks, ms = view.toks, view.mentions
    i = ms[members[0]].start - 1
    if i < 1 or toks[i].lower not in view.joining_words:
        return []
    j = i - 1
    while j >= 0 and toks[j].lower in view.res.words(SUBJECT_RULE, "before_verb"):
        j -= 1
    for g in groups:
        if ms[g[-1]].end == j + 1 and ms[g[-1]].type == PERSON:
            return g
    return []


def _fronted_phrase_subject(view: ArticleView, trig: Match, groups: list[list[int]], effects: dict[int, str],
                            a: int) -> list[int]:
    """ "While in New York to attend the General Assembly, Zelensky told reporters ...": a verb in
    a fronted phrase that names no one before it has the main clause's subject, the group right
    after the comma that closes the phrase."""
    toks, ms = view.toks, view.mentions
    comma = fronted_phrase_end(toks, a, view.sentences[view.sent_of[a]][1], view.res.naming.get("fronted_openers", ()))
    if comma is None or comma < trig.end:
        return []
    if any(ms[k].end <= trig.start and ms[k].start >= a and effects.get(k) not in _NOT_PARTIES
           for g in groups for k in g):
        return []  # someone is named before the verb: the tree and the nearest group say who
    for g in groups:
        first = ms[g[0]].start
        if first <= comma:
            continue
        gap = toks[comma + 1:first]
        if len(gap) <= 3 and all(t.is_title or t.lower in ("the", "a", "an") for t in gap):
            return [k for k in g if effects.get(k) not in _NOT_PARTIES]  # ("President Zelensky")
        return []
    return []


def _relative_clause_subject(view: ArticleView, trig: Match, groups: list[list[int]], effects: dict[int, str],
                             a: int) -> list[int] | None:
    """ "Specter, who has questioned whether Perry should resign, met Saudi officials": the group
    before ", who ... ," (or an aside: ", meanwhile,", ", as a party member,") is the subject,
    whatever the clause names."""
    toks, ms = view.toks, view.mentions
    before_verb = view.res.words(SUBJECT_RULE, "before_verb")
    i = trig.start - 1
    while i > a and (toks[i].lower in ("finally", "has", "had") or toks[i].lower in before_verb):
        i -= 1
    if i <= a or toks[i].text != ",":
        return None
    j = i - 1
    while j > a and toks[j].text not in (",", ";", ":"):
        j -= 1
    if j <= a or toks[j].text != "," or (toks[j + 1].lower not in ("who", "which", "whose")
                                         and toks[j + 1].lower not in view.res.words(SUBJECT_RULE, "asides")):
        return None  # ", who ... ,", and asides: ", meanwhile,", ", as a party member,"
    for g in groups:
        if ms[g[-1]].end == j:
            members = [k for k in g if effects.get(k) not in _NOT_PARTIES]
            return members or None
    return None


def object_(view: ArticleView, trig: Match, groups: list[list[int]], effects: dict[int, str]) -> list[int]:
    """The group right after the trigger, reached only over function words, titles' epithets and
    places ("met with", "visit to", "talks in Geneva between")."""
    toks, ms = view.toks, view.mentions
    gap_words = view.res.words(OBJECT_RULE, "gap")
    pos = trig.end
    for g in groups:
        first = ms[g[0]]
        if first.start < trig.end:
            continue
        gap = toks[pos:first.start]
        if gap and gap[-1].is_title and gap[-1].text.isalpha() and gap[-1].lower not in COMMON_WORDS \
                and (len(gap) == 1 or _gap_word(gap[-2], gap_words)):
            gap = gap[:-1]  # "to meet Islamist Prime Minister Necmettin Erbakan": an epithet before the title
        if first.title:
            n = 0
            while n < min(len(gap), 3) and gap[-1 - n].text.isalpha() and gap[-1 - n].text.islower() \
                    and gap[-1 - n].lower not in COMMON_WORDS and not _gap_word(gap[-1 - n], gap_words):
                n += 1  # "met rebel leader Aslan Maskhadov": words that describe the office
            if n and len(gap) > n and gap[-1 - n].lower == "to":
                n = 0
            gap = gap[:len(gap) - n]
        linked = bool(gap) and gap[-1].lower == "with" and all(t.text.isalpha() and t.text.islower() for t in gap)
        if len(gap) > 6 or (not linked and any(not _gap_word(t, gap_words) for t in gap)):
            return []
        if all(effects.get(k) == "place" for k in g):
            pos = ms[g[-1]].end
            continue
        return [k for k in g if effects.get(k) not in ("topic", "reporter", "not-participant", "dateline")]
    return []


def _gap_word(t: Token, gap_words: frozenset[str]) -> bool:
    if t.lower in gap_words:
        return True
    return t.text in dates_mod.WEEKDAYS_TITLE or t.lower in ("yesterday", "today", "tomorrow")

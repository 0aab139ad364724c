"""Meetings from trigger words and the actor mentions around them.

There is no parser: participants come from the actor groups that stand in the trigger's
frame. The subject is the nearest group before the trigger in the same clause ("Blinken
and President Xi engaged in talks", "Blinken's meeting"), the object the group right after
it, reached only over function words ("met with", "visit to", "talks between"). Context
rules (data) mark mentions that are places, topics or reporters, and status rules mark
meetings that are planned, refused, cancelled or hypothetical. Where the meeting took place
(:mod:`.places`), what it addressed (:mod:`.agenda`) and how repeated mentions become one
event per article (:mod:`.merging`) are read by the parts :class:`EventBuilder` is made of.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS as COMMON_WORDS

from ..model import Event, Evidence, Place, Suppressed
from ..nlp import ISSUE, RULE, Analysis, Match, Token
from ..resources import Resources, Rule
from . import dates as dates_mod
from .coref import NON_PARTY_ROLES
from .agenda import IssueReading
from .candidates import HELD, NOT_MEETINGS, ONGOING, PLANNED, Candidate, SentenceParts, copy_with
from .frames import _AUXILIARIES, _SUBJECT_BLOCKERS, FrameReading
from .mentions import CAPITAL, COUNTERPART, COUNTRY, ORG, PERSON, PLURAL, ActorMention
from .merging import EventMerging, same_family
from .places import DATELINE, PlaceReading

_STATUS_RANK = {"negated": 5, "refused": 5, "cancelled": 5, "hypothetical": 4, PLANNED: 2, ONGOING: 1}
_GROUP_JOINERS = {",", "and", "&", "plus"}
#: a sentence opening with one of these has its speaker at the meeting the opening phrase names
_FRONTED_SPEAKING = frozenset({"speaking", "addressing", "talking"})
#: "told a meeting", "addressed the summit": the speaker was at it
_ADDRESSING = frozenset({"told", "tells", "tell", "addressed", "addresses", "address", "briefed", "briefs", "brief"})
#: words before an attributive "visiting" ("a visiting delegation", "met visiting ministers")
_BEFORE_ATTRIBUTE = frozenset({"a", "an", "the", "his", "her", "their", "its", "our", "two", "three", "several",
                               "told", "tells", "met", "meets", "greeted", "greets", "received", "receives",
                               "welcomed", "welcomes", "hosted", "hosts", "assured", "assures", "thanked",
                               "briefed", "urged", "asked", "with", "to"})
#: "was hosted by", "being received by": a passive
_PASSIVE_BE = frozenset({"was", "were", "is", "are", "be", "been", "being", "get", "got", "gets"})
_POSSESSIVES = frozenset({"his", "her", "their", "its"})
#: offices that have one holder per country, so "his counterpart" can be told from the date
_OFFICES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                      "finance_minister", "trade_minister", "interior_minister", "national_security_adviser"})
#: "..., the ministry said on Friday": the day of the statement, not of the meeting
_REPORTED_ON = re.compile(r"\b(said|says|announced|told reporters|reported|confirmed|stated)( on| late on| early on)?\s*$")
#: "in office since May 18", "since he came to power on June 28": the start of something else
_SINCE = re.compile(r"\b(since|until|till)\b[^,;.]*$")
#: "the Hanoi Summit held in February": a date the meeting word itself takes, whatever comes before
_HELD_ON = re.compile(r"\b(held|took place|taking place|opened|convened)( in| on)?\s*$")
#: a verb between a meeting and a date that makes the date an agreement's
_AGREED = re.compile(r"\b(reached|agreed|signed|struck|concluded)\b")
#: context effects that make a mention a party wherever it stands in the sentence
_MARKED_ROLES = {"side": "participant", "host": "host"}
#: kinds an anaphor ("the summit") must share with the meeting it points back at
SPECIFIC_KINDS = frozenset({"summit", "conference", "call", "visit"})
_KIND_PRIORITY = ("summit", "conference", "call", "visit", "negotiations", "talks", "meeting")


def split_matches(an: Analysis, res: Resources, sent_of: list[int]) -> dict[int, SentenceParts]:
    per: dict[int, SentenceParts] = defaultdict(lambda: SentenceParts([], [], [], []))
    toks = an.tokens
    for m in an.matches:
        if m.start >= len(sent_of) or sent_of[m.start] < 0:
            continue
        s = sent_of[m.start]
        first_of_sentence = m.start == an.sentences[s][0]
        if m.prefix == ISSUE:
            per[s].issues.append(m)
        elif m.prefix == RULE and m.kind == "trigger":
            per[s].triggers.append(m)
        elif m.prefix == RULE and m.kind == "status":
            if toks[m.start].is_title and not first_of_sentence:
                continue  # "May", "Will": names and months, not modals
            per[s].statuses.append(m)
        elif m.prefix == RULE and m.kind == "context":
            per[s].contexts.append(m)
    triggers = {r.id: r for r in res.rules_of("trigger")}
    for parts in per.values():
        parts.triggers[:] = _longest(parts.triggers, triggers, toks)
        parts.issues[:] = _longest(parts.issues, {}, toks)
    return per


def _longest(ms: list[Match], rules: dict[str, Rule], toks: tuple[Token, ...]) -> list[Match]:
    """Non-overlapping matches, longest first; of a word's verb and noun readings (``rules``:
    the trigger rules by id), the verb after "to" or a modal ("plans to visit Taiwan"), else
    the noun ("a visit to Taiwan")."""

    def reading(m: Match) -> int:
        rule = rules.get(m.value)
        if rule is None or m.start == 0:
            return 0
        verbal = toks[m.start - 1].lower in _AUXILIARIES
        return 0 if (rule.spec.get("pos") == "verb") == verbal else 1

    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(ms, key=lambda m: (-(m.end - m.start), m.start, reading(m), m.value)):
        if any(i in taken for i in range(m.start, m.end)):
            continue
        chosen.append(m)
        taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


class EventBuilder(FrameReading, PlaceReading, IssueReading, EventMerging):
    """Builds the events of one article from its analysis and resolved actor mentions."""

    def __init__(self, an: Analysis, text: str, article_id: str, article_date: str | None,
                 res: Resources, mentions: list[ActorMention], sent_of: list[int],
                 content: tuple[tuple[int, int], ...]) -> None:
        self.an, self.text, self.article, self.date, self.res = an, text, article_id, article_date, res
        self.toks: tuple[Token, ...] = an.tokens
        self.mentions = mentions
        self.sent_of = sent_of
        self.content = content
        self.rules = {r.id: r for r in res.rules}
        self.by_sentence: dict[int, list[int]] = defaultdict(list)
        for k, m in enumerate(mentions):
            self.by_sentence[m.sentence].append(k)
        self.suppressed: list[Suppressed] = []
        self.hits: set[str] = set()  # ids of the rules that changed the outcome
        self.sides: tuple[int, list[str]] | None = None  # the last sentence naming sides ("diplomats from the G7")
        self.quoted = _quoted_tokens(self.toks)
        #: nouns for people ("delegation", "envoys", "counterpart"): "Scholz's delegation" are people
        self._people_nouns = frozenset(p.lower() for r in res.rules if r.type == "group" for p in r.spec.get("phrases", ())
                                       if " " not in p) | frozenset(res.naming.get("counterpart_nouns", ()))
        self._people_or_offices = self._people_nouns | frozenset(res.naming.get("office_nouns", ()))
        #: first words of the phrases of joining a meeting ("attended", "take part in")
        self._joining_words = frozenset(p.split()[0].lower() for r in res.rules if r.spec.get("effect") == "joins"
                                        for p in r.spec.get("phrases", ()))
        self._respective_counterparts()

    def _respective_counterparts(self) -> None:
        """ "his Greek, Cypriot and French counterparts, Dendias, Christodoulides and Le Drian":
        the names take the demonyms' countries in order, and the demonyms no longer stand as parties."""
        run: list[ActorMention] = []
        ms = self.mentions
        for k, m in enumerate(ms):
            if m.form == "group" and m.type == COUNTRY:
                if run and not all(t.text in (",", "and") for t in self.toks[run[-1].end:m.start]):
                    run = []
                run.append(m)
                continue
            if not run or self.toks[run[-1].head].lower not in self.res.naming.get("counterpart_nouns", ()) \
                    or [t.text for t in self.toks[run[-1].end:m.start]] != [","]:
                run = []
                continue
            names = ms[k:k + len(run)]
            if len(names) == len(run) and all(n.type == PERSON for n in names) and all(
                    all(t.text in (",", "and") for t in self.toks[x.end:y.start]) for x, y in zip(names, names[1:])):
                for group, name in zip(run, names):
                    name.country = name.country or group.country
                    group.actor = None
            run = []

    # ---- helpers over tokens ----
    def _in_content(self, s: int) -> bool:
        a, b = self.an.sentences[s]
        start, end = self.toks[a].idx, self.toks[b - 1].end
        return any(x <= start and end <= y for x, y in self.content) if self.content else True

    def _headline_line(self) -> bool:
        """The first sentence is a headline: a line of its own without a full stop."""
        if not self.an.sentences:
            return False
        a, b = self.an.sentences[0]
        last = self.toks[b - 1]
        return last.text not in (".", "!", "?", '"', "”") and (b >= len(self.toks) or "\n" in self.toks[b - 1].text
                                                             or "\n" in (self.text[last.end:last.end + 2]))

    def _sentence_evidence(self, s: int, rule: str) -> Evidence:
        a, b = self.an.sentences[s]
        start, end = self.toks[a].idx, self.toks[b - 1].end
        return Evidence(self.text[start:end], start, end, rule, s)

    # ---- main ----
    def build(self) -> tuple[list[Event], list[Suppressed]]:
        per = split_matches(self.an, self.res, self.sent_of)
        candidates: list[Candidate] = []
        for s in sorted(per):
            if not self._in_content(s):
                continue
            parts = per[s]
            effects = self._effects(s, parts)
            groups = self._groups(s, effects)
            named_sides = [self.mentions[k].actor for k in self.by_sentence.get(s, ())
                           if effects.get(k) == "side" and self.mentions[k].actor]
            prev_subject: list[int] | None = None
            sentence_cands: list[Candidate] = []
            bare_kinds = []
            for trig in parts.triggers:
                cand, prev_subject = self._candidate(s, trig, parts, effects, groups, prev_subject, candidates)
                if cand is not None:
                    sentence_cands.append(cand)
                    if cand.sequel:
                        sentence_cands.append(self._sequel_candidate(cand))
                elif self.suppressed and self.suppressed[-1].reason == "no-participants":
                    bare_kinds.append(self.rules[trig.value].spec["kind"])
            real = [c for c in sentence_cands if not c.anaphoric]
            for c in real:
                # "when the members gather for a summit": the gathering is the summit
                same = [d.kind for d in real if set(d.participants) == set(c.participants)]
                c.kind = min(same, key=lambda k: _KIND_PRIORITY.index(k) if k in _KIND_PRIORITY else len(_KIND_PRIORITY))
            if real and bare_kinds:
                # "... held talks with Macron in Paris, the high point of a state visit": the
                # sentence's meeting is of the more specific kind its other trigger names
                best = min([real[0].kind, *bare_kinds], key=_KIND_PRIORITY.index)
                real[0].kind = best
            candidates.extend(sentence_cands)
            if named_sides:
                self.sides = (s, list(dict.fromkeys(named_sides)))
            if not real:
                self._agenda(s, parts, effects, candidates)
                self._attendees(s, parts, candidates)
        self._headline_issues(per, candidates)
        self._following_issues(per, candidates)
        return self._merge(candidates), self.suppressed

    def _effects(self, s: int, parts: SentenceParts) -> dict[int, str]:
        effects: dict[int, str] = {}
        ends: dict[int, list[Rule]] = defaultdict(list)
        starts: dict[int, list[Rule]] = defaultdict(list)
        for c in parts.contexts:
            rule = self.rules[c.value]
            ends[c.end].append(rule)
            starts[c.start].append(rule)
        for k in self.by_sentence.get(s, ()):
            m = self.mentions[k]
            # phrase ending just before the mention (allowing "the" between)
            for gap in (0, 1):
                pos = m.start - gap
                if gap and (pos < 1 or self.toks[pos].lower != "the"):
                    continue
                # the longest phrase decides: "ministers from" (a side) over "from" (a place)
                for rule in sorted(ends.get(pos, ()), key=lambda r: -max(len(p.split()) for p in r.spec.get("phrases", ["x"]))
                                   if r.spec["effect"] == "side" else 0):
                    if rule.spec.get("scope") == "before" and rule.spec["effect"] in ("place", "topic", "not-participant", "host", "side"):
                        if rule.spec["effect"] == "place" and not (m.type == COUNTRY and m.form in ("name", CAPITAL, "seat")):
                            continue  # "talks to Macron", "in Chinese officials' view": not places
                        if k not in effects:
                            effects[k] = rule.spec["effect"]
                            self.hits.add(rule.id)
            if k not in effects and self._modifies_a_thing(m, parts):
                effects[k] = "not-participant"  # "in a Red Cross plane": the name says whose plane
            for a0, b0, rule_id in self._topic_lists(parts):
                if a0 <= m.start and m.end <= b0 and k not in effects:
                    effects[k] = "topic"  # "a summit with Ukraine and climate on the table"
                    self.hits.add(rule_id)
            for rule in starts.get(m.end, ()):
                # "UK bank Barclays", "South Africa's biggest retailer": the country names a company
                if rule.spec.get("scope") == "after" and rule.spec.get("effect") == "not-participant" \
                        and m.type == COUNTRY and k not in effects:
                    effects[k] = "not-participant"
                    self.hits.add(rule.id)
            for gap in range(0, 3):
                for rule in starts.get(m.end + gap, ()):
                    if rule.spec.get("effect") == "reporter" and m.type != PERSON or (
                            rule.spec.get("effect") == "reporter" and gap == 0 and self._after_comma(m)):
                        if k not in effects:
                            effects[k] = "reporter"
                            self.hits.add(rule.id)
        return effects

    def _modifies_a_thing(self, m: ActorMention, parts: SentenceParts) -> bool:
        """An organisation or country between "a" and a common noun that names neither people
        nor a meeting ("a Red Cross plane", "a U.S. warship")."""
        if m.type not in (ORG, COUNTRY) or m.form != "name" or m.start == 0 or m.end >= len(self.toks):
            return False
        nxt = self.toks[m.end]
        if self.toks[m.start - 1].lower not in ("a", "an") or not (nxt.text.isalpha() and nxt.text.islower()):
            return False
        # "an Australian cabinet minister": the noun after the name starts a title
        return all(t.lower not in self._people_or_offices for t in self.toks[m.end:m.end + 2]) \
            and all(t.start != m.end for t in parts.triggers)

    def _topic_lists(self, parts: SentenceParts) -> list[tuple[int, int, str]]:
        """Token spans "with ... on the table": what comes between is the agenda, not the guests."""
        spans = []
        for c in parts.contexts:
            rule = self.rules[c.value]
            if rule.spec.get("effect") != "topic" or rule.spec.get("scope") != "after":
                continue
            window = int(rule.spec.get("window", 10))
            for i in range(c.start - 1, max(c.start - window, 0) - 1, -1):
                if self.toks[i].lower == "with":
                    spans.append((i + 1, c.start, rule.id))
                    break
        return spans

    def _after_comma(self, m: ActorMention) -> bool:
        a = self.an.sentences[m.sentence][0]
        return m.start > a and self.toks[m.start - 1].text == ","

    def _groups(self, s: int, effects: dict[int, str]) -> list[list[int]]:
        """Coordinated actor mentions ("Blinken and President Xi") as lists of mention indexes."""
        groups: list[list[int]] = []
        # "Shoukry and his Greek, Cypriot and French counterparts": demonyms between parties join them
        demonym_tokens = {i for k in self.by_sentence.get(s, ()) if self.mentions[k].form == "demonym"
                          for i in range(self.mentions[k].start, self.mentions[k].end)}
        for k in self.by_sentence.get(s, ()):
            m = self.mentions[k]
            if m.form == "demonym":
                continue
            if groups:
                last = self.mentions[groups[-1][-1]]
                between = [t.lower for i, t in enumerate(self.toks[last.end:m.start], last.end)
                           if i not in demonym_tokens]
                if len(between) < m.start - last.end and between[-1:] == [","]:
                    between = between[:-1]
                if len(between) < m.start - last.end and between[-2:-1] == ["and"] and between[-1] in _POSSESSIVES:
                    between = between[:-1]
                marks = (effects.get(k), effects.get(groups[-1][-1]))
                same_mark = marks[0] == marks[1] or (marks[0] is None and marks[1] in ("side", "not-participant"))
                # "Britain, Canada and the United States" (a mark on the first covers the list)
                # (not "Before visiting Israel, Mr Blair made ...": a clause's end, then its subject)
                clause_end = between == [","] and m.type == PERSON and last.type == COUNTRY and last.form == "name"
                if between and len(between) <= 3 and all(w in _GROUP_JOINERS or w == "the" for w in between) \
                        and between[0] != "the" and same_mark and not clause_end:
                    groups[-1].append(k)
                    continue
                if 2 <= len(between) <= 5 and between[0] in _GROUP_JOINERS and m.title \
                        and effects.get(k) == effects.get(groups[-1][-1]) \
                        and all(t.text.isalpha() and t.lower not in COMMON_WORDS for t in self.toks[last.end + 1:m.start]) \
                        and not any(w in _SUBJECT_BLOCKERS for w in between):
                    groups[-1].append(k)  # "Lebed and Chechen rebel leader Maskhadov"
                    continue
                if not between or (between in (["-"], ["–"], ["/"]) and not self.toks[last.end - 1].space
                                   and not self.toks[last.end].space):
                    groups[-1].append(k)  # "U.S.-Ukraine talks"
                    continue
                if between in (["'s"], ["’s"]) and m.type == PERSON and self.mentions[groups[-1][-1]].type == COUNTRY:
                    m.country = m.country or self.mentions[groups[-1][-1]].actor
                    groups[-1].append(k)  # "Russia's Alexander Lebed": the country's own man
                    continue
            groups.append([k])
        # a group inherits a "not-participant" mark from its first member ("tensions between X and Y")
        for g in groups:
            mark = effects.get(g[0])
            if mark in ("not-participant", "side"):
                for k in g:
                    effects[k] = mark
        return groups

    def _status(self, s: int, trig: Match, parts: SentenceParts) -> tuple[str, str | None]:
        best, best_rule = HELD, None
        applicable = []
        for st in parts.statuses:
            rule = self.rules[st.value]
            scope, window = rule.spec["scope"], int(rule.spec.get("window", 0))
            if scope == "before":
                ok = st.start < trig.start and st.end <= trig.end and trig.start - st.end <= window \
                    and not self._clause_closed(s, st, trig)
            elif scope == "after":
                ok = st.start >= trig.end and st.start - trig.end <= window and not self._clause_closed(s, trig, st) \
                    and not self._names_people(st)
            else:
                ok = True
            if not ok or rule.spec.get("trigger_pos", self.rules[trig.value].spec["pos"]) != self.rules[trig.value].spec["pos"]:
                continue  # "talks began" is under way; "visited China after he began" is not
            applicable.append(st)
        for st in applicable:
            if any(o.start <= st.start and st.end <= o.end and o.end - o.start > st.end - st.start
                   for o in applicable):
                continue  # "invited" inside "invited to take part in": the longer phrase says it
            rule = self.rules[st.value]
            status = rule.spec["status"]
            if _STATUS_RANK.get(status, 0) > _STATUS_RANK.get(best, 0):
                best, best_rule = status, rule.id
        return best, best_rule

    def _names_people(self, st: Match) -> bool:
        """The phrase is part of a name for people ("met opposition militia leader Dostum"), not
        what the meeting met with."""
        return self._before_office(st.end, self._people_or_offices)

    def _clause_closed(self, s: int, inner: Match, outer: Match) -> bool:
        """``inner`` sits in a relative clause that a comma closes before ``outer``: a status of the
        main clause is not the meeting's ("India, which attends the G7 meeting on Friday, is
        unlikely to be cowed"), nor is one inside the clause ("Joe Biden, who opposed the war, met
        Keir Starmer")."""
        if not any(t.text == "," for t in self.toks[inner.end:outer.start]):
            return False
        a = self.an.sentences[s][0]
        for i in range(inner.start - 1, a, -1):
            if self.toks[i].text == ",":
                return False
            if self.toks[i].lower in ("which", "who") and self.toks[i - 1].text == ",":
                return True
        return False

    def _candidate(self, s: int, trig: Match, parts: SentenceParts, effects: dict[int, str],
                   groups: list[list[int]], prev_subject: list[int] | None,
                   earlier: list[Candidate]) -> tuple[Candidate | None, list[int] | None]:
        rule = self.rules[trig.value]
        kind, pos, frame = rule.spec["kind"], rule.spec["pos"], rule.spec.get("frame", "meet")
        if self.toks[trig.start].lower in ("visit", "visits", "host", "hosts") and pos == "verb" \
                and self._noun_reading(trig):
            if frame == "host":
                self.suppressed.append(Suppressed(self.article, rule.id, "noun-reading", s,
                                                  self._sentence_evidence(s, rule.id).quote))
                return None, prev_subject
            pos = "noun"
        if pos == "noun" and self._inside_name(trig):
            self.suppressed.append(Suppressed(self.article, rule.id, "inside-a-name", s,
                                              self._sentence_evidence(s, rule.id).quote))
            return None, prev_subject
        a, b = self.an.sentences[s]
        subject = self._subject(trig, groups, effects, a)
        used_prev = fronted = False
        obj, place_groups = self._object(trig, groups, effects, b)
        if frame == "discuss" and obj and all(t.lower != "with" for t in self.toks[trig.end:self.mentions[obj[0]].start]):
            obj = None  # "to discuss North Korea's nuclear programme": a topic, not a party
        if subject is None and pos == "verb":
            if prev_subject is not None:
                subject, used_prev = prev_subject, True
            elif obj and trig.start - a <= 2 and self.toks[trig.start].lower.endswith("ing"):
                # "Before visiting Israel, Mr Blair made ...": the main clause's subject visited
                subject = self._clause_subject_after(obj, groups, effects)
                used_prev = fronted = subject is not None
            else:
                subject = self._sentence_subject(trig, groups, effects, a)
        elif subject is None and obj is not None and trig.end < b and self.toks[trig.end].lower == "with":
            # "Pakistan said that discussions with the IMF ...": the sentence's subject takes part;
            # "Following talks with Mr Blair, Mr Abbas said ...": so does the main clause's
            subject = self._sentence_subject(trig, groups, effects, a, reporting=True) or (
                self._clause_subject_after(obj, groups, effects) if trig.start - a <= 6 else None)
            used_prev = subject is not None
        if frame == "visit" and pos == "noun" and obj \
                and self.toks[self.mentions[obj[0]].start - 1].lower == "by":
            # "a visit to Ukraine by Taiwan's vice president", "a visit by Starmer to the White House"
            before, subject = subject, obj
            after = replace(trig, end=self.mentions[subject[-1]].end)
            obj, later_places = self._object(after, groups, effects, b)
            place_groups += later_places
            if obj is None and not place_groups and before and all(self.mentions[k].type == COUNTRY for k in before):
                obj = before  # "shook Costa Rica during a visit by Hashimoto": the country visited
        if frame == "visit" and pos == "verb" and trig.end - trig.start > 1 and obj and not place_groups \
                and all(self.mentions[k].type == PERSON for k in obj):
            # "the award went to Argentine Chango Spasiuk": one goes to a place, not to a person
            self.suppressed.append(Suppressed(self.article, rule.id, "no-place", s,
                                              self._sentence_evidence(s, rule.id).quote))
            return None, subject
        if obj is None and frame == "visit" and place_groups:
            obj = place_groups.pop(0)  # "arrived in Beijing": the place visited is the host
        if obj is None and frame == "visit":
            obj = self._included(trig, groups, b)  # "visited several countries, including Iran"
        if frame == "visit" and pos == "verb" and self.toks[trig.start].lower == "visiting" \
                and trig.start > a and self.toks[trig.start - 1].lower in _BEFORE_ATTRIBUTE:
            # "Blinken assured visiting Foreign Minister Marise Payne", "told a visiting delegation
            # from Taiwan": the one after "visiting" is the visitor, the subject the host
            visitor = obj or next((g for g in groups if 0 <= self.mentions[g[0]].start - trig.end <= 3
                                   and all(effects.get(k) == "side" for k in g)), None)
            if visitor:
                subject, obj = visitor, subject
        if frame == "host" and obj and self._possessed_thing(obj):
            obj = None  # "welcomed Tony Blair's courage": a thing of his, not the man
        if frame == "host" and pos == "verb" and trig.end < b and self.toks[trig.end].lower == "by":
            prev = self.toks[trig.start - 1] if trig.start > a else None
            if prev is not None and prev.text.isalpha() and prev.text.islower() \
                    and prev.lower not in _PASSIVE_BE and not prev.lower.endswith("ly"):
                obj = None  # "a dinner hosted by John Prescott": a thing was hosted, nobody named
            else:
                subject, obj = obj, subject  # "Blinken was hosted by Xi": the one after "by" hosts
        if frame == "host" and obj is None:
            # "hosted", "received", "welcomed" with nobody received: a letter, an award, a show
            self.suppressed.append(Suppressed(self.article, rule.id, "no-guest", s,
                                              self._sentence_evidence(s, rule.id).quote))
            return None, subject
        if pos == "noun" and obj and trig.end < b and self.toks[trig.end].lower == "between" \
                and (self._cue_before(trig, parts, "arranges") or (
                    len({self.mentions[k].actor for k in obj}) >= 2 and not self._cue_before(trig, parts, "joins")
                    and not self._cue_before(trig, parts, "convenes"))):
            # "Volker helped arrange a meeting between Giuliani and Yermak": he was not at it;
            # "Netanyahu welcomed talks between Weizman and Arafat": the sides are named (but who
            # attended, hosted or mediated them was there)
            subject = None
        status, status_rule = self._status(s, trig, parts)
        evidence = self._sentence_evidence(s, rule.id)
        participants, place, anaphoric_plural, used = self._parties(trig, frame, subject, obj, effects)
        for g in place_groups:
            place = place or self._place_of(self.mentions[g[0]])
        place = place or self._free_place(trig, b) or self._sentence_place(s, effects, trig)
        participants = self._drop_redundant_countries(participants)
        date, precision = self._date(s, trig, status)
        if status == HELD and date and self.date and date > self.date[: len(date)]:
            status = PLANNED
        issues = self._issues(parts, used)
        anaphoric = not participants and pos == "noun" and self._cue_before(trig, parts, "anaphor")
        joined = False
        if not anaphoric and pos == "noun" and earlier and len(participants) == 1 \
                and self._cue_before(trig, parts, "anaphor") and self._cue_before(trig, parts, "joins"):
            # "The Italian foreign minister joined the talks": one more party to the talks before
            same = self._antecedents(earlier, kind, date)
            if same:
                participants = list(same[-1].participants) + [
                    p for p in participants if all(p[0] != q for q, _ in same[-1].participants)]
                anaphoric = joined = True
                date = precision = None
        if anaphoric_plural and not earlier and not participants:
            participants = self._sides_before(s, trig)  # "Ministers of the G7 ... The ministers said at their talks"
        if anaphoric_plural and earlier:
            # "During Rosati's trip the two countries will sign ...": the visit reported before
            # the last meeting reported in its own right, not one pointed back at
            last = next((e for e in reversed(earlier) if not e.anaphoric), earlier[-1])
            before = list(dict.fromkeys(last.participants))
            named = self._people_of(s - 1) if s - 1 > last.sentence else []
            if len(named) >= 2:
                # "Both Arafat and Netanyahu have expressed willingness to meet. They last met in
                # Washington": the people the sentence before named, not the meeting before it
                before = [(a, "participant") for a in named]
            participants = before + [p for p in participants if all(p[0] != q for q, _ in before)]
        if anaphoric and not joined:
            # "the summit" points back at a summit; "the meeting" or "the talks" at the last encounter;
            # a date beside it ("the summit ends on Sunday") is seldom the day it was held
            same = self._antecedents(earlier, kind, date, held=status == HELD) if earlier else []
            participants = list(same[-1].participants) if same else self._sides_before(s, trig)
            date = precision = None
            speaker = self._judging_speaker(trig, groups) if participants and status == HELD \
                and same and same[-1].status != PLANNED else None
            _add_party(participants, speaker)
        if (self.toks[a].lower in _FRONTED_SPEAKING and trig.start - a <= 12) or (
                self.toks[a].lower == "at" and pos == "noun" and trig.start - a <= 3):
            # "Speaking to NATO military brass gathered in Paris, Dutch Defence Minister Brekelmans
            # stressed ...", "At a conference hosted by Gordon Brown, he said ...": the one who
            # spoke at the gathering was at it
            for k in self._fronted_speaker(trig, groups, b):
                _add_party(participants, self.mentions[k].actor)
        if pos == "noun" and trig.start - a >= 3 and self.toks[trig.start - 1].lower in ("a", "an", "the") \
                and self.toks[trig.start - 2].lower in _ADDRESSING:
            # "Catherine Russell, UNICEF's executive director, told a meeting of the Security Council":
            # who addressed the meeting was at it
            _add_party(participants, self._speaker_before(trig.start - 2, groups))
        # marked anywhere in the sentence: "The G7 talks ... brought together ministers from Britain,
        # Canada and France" (sides); "... at the invitation of Prime Minister Kabariti", "a meeting
        # hosted by President Mubarak" (the inviter or host)
        for k in self.by_sentence.get(s, ()):
            actor, role = self.mentions[k].actor, _MARKED_ROLES.get(effects.get(k, ""))
            if role and _add_party(participants, actor, role):
                used.add(k)
        confidence = float(rule.spec.get("confidence", 0.7)) - (0.1 if used_prev or anaphoric else 0.0)
        cand = Candidate(s, trig, rule, kind, status, status_rule, participants, anaphoric, place,
                          date, precision, issues, [evidence], round(max(confidence, 0.1), 2), fronted=fronted)
        if obj and subject:
            cand.subject = [self.mentions[k].actor for k in subject if self.mentions[k].actor]
            # "Suga will meet Modi and Duterte": one meeting with each country's people (but one
            # with "President Suharto, Finance Minister Mar'ie Muhammad and ...", all Indonesian)
            sides: dict[str, list[str]] = {}
            for k in obj:
                m = self.mentions[k]
                if m.actor and all(m.actor != a for a in cand.subject):
                    sides.setdefault(m.country or m.actor, []).append(m.actor)
            if len(cand.subject) == 1 and len(sides) >= 2 and frame in ("meet", "visit") and kind != "summit" \
                    and all(self.mentions[k].type == PERSON and self.mentions[k].country
                            for k in obj if self.mentions[k].actor and self.mentions[k].actor not in cand.subject):
                cand.hosts = [list(dict.fromkeys(v)) for v in sides.values()]
            then = self._sequel(obj, groups, b)
            cand.sequel = [self.mentions[k].actor for k in then if self.mentions[k].actor]
            if cand.sequel:
                # "met with the IMF, then with President Trump, where he denounced ...": what is
                # named after the second party was that meeting's
                at = self.mentions[then[0]].start
                cand.issues = self._issues(replace(parts, issues=[m for m in parts.issues if m.start < at]), used)
                cand.sequel_issues = self._issues(replace(parts, issues=[m for m in parts.issues if m.start >= at]), used)
        if status_rule:
            self.hits.add(status_rule)
        if status in NOT_MEETINGS:
            self.suppressed.append(Suppressed(self.article, rule.id, status_rule or status, s, evidence.quote))
            return None, subject
        # "... holding an in-person Quad Summit would not be provocative," he said: a speaker's words
        # about a meeting add to one reported elsewhere but are no report of one (see _merge)
        cand.quoted = pos == "noun" and trig.start in self.quoted
        if not participants:
            self.suppressed.append(Suppressed(self.article, rule.id, "no-participants", s, evidence.quote))
            return None, subject
        return cand, subject

    def _parties(self, trig: Match, frame: str, subject: list[int] | None, obj: list[int] | None,
                 effects: dict[int, str]) -> tuple[list[tuple[str, str]], Place | None, bool, set[int]]:
        """(actor, role) pairs of the subject and object groups, the place a visited country or a
        capital gives, whether "the two leaders" stood there, and the mentions used."""
        participants: list[tuple[str, str]] = []
        place: Place | None = None
        plural = False
        used: set[int] = set()
        subj_role, obj_role = {"visit": ("visitor", "host"), "host": ("host", "visitor")}.get(frame, ("participant", "participant"))
        for role_name, group in ((subj_role, subject or []), (obj_role, obj or [])):
            for k in group:
                m = self.mentions[k]
                if m.form == PLURAL:
                    plural = True
                    continue
                if m.role in NON_PARTY_ROLES:
                    continue  # "a U.S. embassy spokesman said ...": reports, does not take part
                if m.form in (CAPITAL, "seat") or (frame == "visit" and role_name == "host" and m.type == COUNTRY):
                    if frame == "visit" and role_name == "host":
                        place = place or self._place_of(m)
                    elif self._is_modifier(m, trig) or effects.get(k) == "place":
                        place = place or self._place_of(m)
                        continue
                actor = self._counterpart(k, participants) if m.form == COUNTERPART else m.actor
                if _add_party(participants, actor, role_name):
                    used.add(k)
        return participants, place, plural, used

    def _sequel_candidate(self, c: Candidate) -> Candidate:
        part = copy_with(c, [(a, "participant") for a in c.subject] + [(a, "participant") for a in c.sequel])
        part.issues = list(c.sequel_issues)
        c.participants = [p for p in c.participants if p[0] not in c.sequel]
        return part

    def _counterpart(self, k: int, participants: list[tuple[str, str]]) -> str | None:
        """Who "his Canadian counterpart" is: the name in apposition ("..., Gordon Smith"), else
        the one holder of the same office in that country on the article's date, else the country."""
        m = self.mentions[k]
        if k + 1 < len(self.mentions):
            nxt = self.mentions[k + 1]
            between = [t.text for t in self.toks[m.end:nxt.start]]
            if between == [","] and nxt.type == PERSON and nxt.actor:
                nxt.country = nxt.country or m.country  # "his Canadian counterpart, Gordon Smith"
                return nxt.actor
        if m.country is None:
            return None
        for actor, _ in participants:
            person = self.res.people.get(actor)
            if person is None or not self.date:
                continue
            offices = {r.role for r in person.roles if r.covers(self.date)} & _OFFICES
            holders = self.res.holders(offices, m.country, self.date)
            if len(holders) == 1:
                return holders.pop()
        # else the person of that country the article names nearest to it ("... Mamedov said")
        taken = {a for a, _ in participants}
        people = [x for x in self.mentions if x.type == PERSON and x.actor and x.form == "name"
                  and x.country == m.country and x.actor not in taken]
        if people:
            return min(people, key=lambda x: abs(x.start - m.start)).actor
        return m.country

    def _attendees(self, s: int, parts: SentenceParts, candidates: list[Candidate]) -> None:
        """ "General Joulwan and General Sheehan will also attend.": people who attend, with no
        meeting named, join the meeting reported last."""
        if not candidates or s - candidates[-1].sentence > 2:
            return
        a, b = self.an.sentences[s]
        for c in parts.contexts:
            rule = self.rules[c.value]
            if rule.spec.get("effect") != "joins" or c.end >= b or self.toks[c.end].text not in (".", ",", ";"):
                continue
            people = [k for k in self.by_sentence.get(s, ()) if self.mentions[k].type == PERSON
                      and self.mentions[k].form == "name" and self.mentions[k].actor and self.mentions[k].end <= c.start]
            last = candidates[-1]
            added = False
            for k in people:
                actor = self.mentions[k].actor
                if all(actor != p for p, _ in last.participants):
                    last.participants.append((actor, "participant"))
                    added = True
            if added:
                last.evidence.append(self._sentence_evidence(s, rule.id))
                self.hits.add(rule.id)
            return

    def _antecedents(self, earlier: list[Candidate], kind: str, date: str | None, held: bool = False
                     ) -> list[Candidate]:
        """The earlier meetings a "the talks" or "joined the talks" may point back at, the last one
        last: of the same kind for specific kinds, else of the same family; in a held context ("the
        meeting was efficient") one that took place; none when the sentence's own date falls in
        another year ("The committee's last tour was in September 1995")."""
        same = [e for e in earlier if (e.kind == kind if kind in SPECIFIC_KINDS else same_family(e.kind, kind))]
        if held and any(e.status != PLANNED for e in same):
            same = [e for e in same if e.status != PLANNED]
        if same and date and same[-1].date and date[:4] != same[-1].date[:4]:
            return []
        return same

    def _since_before(self, date_start: int, start: int, at: int) -> bool:
        """A "since/until" phrase holds the date ("in office since May 18"), unless the meeting
        word is inside it ("since Biden met Xi in November") or takes the date itself ("since
        talks failed at the Hanoi Summit held in February")."""
        window = max(start, date_start - 48)
        since = _SINCE.search(self.text[window:date_start])
        if since is None:
            return False
        if window + since.start() < at < date_start:
            return False
        return not _HELD_ON.search(self.text[max(start, date_start - 24):date_start])

    def _cue_before(self, trig: Match, parts: SentenceParts, effect: str) -> bool:
        """A context rule of ``effect`` ends within its window before the trigger: "the talks"
        (anaphor), "joined the talks" (joins)."""
        for c in parts.contexts:
            rule = self.rules[c.value]
            if rule.spec.get("effect") == effect and c.end <= trig.start and trig.start - c.end <= int(rule.spec.get("window", 3)):
                self.hits.add(rule.id)
                return True
        return False

    def _date(self, s: int, trig: Match, status: str) -> tuple[str | None, str | None]:
        a, b = self.an.sentences[s]
        start, end = self.toks[a].idx, self.toks[b - 1].end
        dateline = DATELINE.match(self.text[start:end])
        if dateline:
            start += dateline.end()  # "TOKYO, June 2 -": the day of the report, not of the meeting
        at = self.toks[trig.start].idx
        found = [d for d in dates_mod.find_dates(self.text, start, end)
                 if not _REPORTED_ON.search(self.text[max(start, d.start - 24):d.start])
                 and not self._since_before(d.start, start, at)]
        if not found:
            return None, None
        nearest = min(found, key=lambda d: abs(d.start - at))
        # "would hold talks ... under an agreement Iraq reached in June", "an agreement reached in
        # June to hold talks": the month of what was agreed, not of the meeting
        between = self.text[at:nearest.start] if nearest.start > at else self.text[max(start, nearest.start - 40):nearest.start]
        if _AGREED.search(between):
            return None, None
        resolved = dates_mod.resolve(nearest, self.date, future=status == PLANNED)
        return resolved if resolved else (None, None)

def _add_party(participants: list[tuple[str, str]], actor: str | None, role: str = "participant") -> bool:
    """Add ``actor`` to the parties unless it is there already (or unknown); whether it was added."""
    if not actor or any(actor == p for p, _ in participants):
        return False
    participants.append((actor, role))
    return True


def _quoted_tokens(toks: tuple[Token, ...]) -> frozenset[int]:
    """Indexes of the tokens inside direct quotations (a line break closes an open quote)."""
    inside: set[int] = set()
    open_ = False
    for t in toks:
        if "\n" in t.text or (t.text.isspace() and "\n" in t.text):
            open_ = False
            continue
        if t.text == "“":
            open_ = True
        elif t.text == "”":
            open_ = False
        elif t.text == '"':
            open_ = not open_
        elif open_:
            inside.add(t.i)
    return frozenset(inside)



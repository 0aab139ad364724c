"""Who stands where around a meeting trigger: its subject (the nearest group before it in its
clause, past relative clauses, appositions and fronted phrases), its object (the group after it,
past places and gap words), a second party met in turn, and the countries a visit lists."""
from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS as COMMON_WORDS

from ..nlp import Match, Token
from . import dates as dates_mod
from .coref import NON_PARTY_ROLES
from .mentions import CAPITAL, COUNTRY, ORG, PERSON, PRONOUN, ActorMention

_OBJECT_GAP = {"with", "to", "between", "among", "amongst", "of", "by", "the", "his", "her", "their",
               "its", "a", "an", "top", "senior", "visiting", "new", "former", "host", "on", "for",
               "several", "two", "three", "four", "leaders", "both", "all", "other", "fellow"}
#: a group right after one of these is a prepositional object, never a trigger's subject
_PREPOSITIONS = frozenset({"with", "to", "from", "for", "of", "by", "against", "on", "about", "into", "toward",
                           "towards", "than", "over", "under", "between", "among"})
#: "to the gathering", "after the talks": a preposition before a definite meeting word
_EVENT_PREPOSITIONS = frozenset({"to", "at", "after", "before", "during", "from", "since", "ahead", "following"})
#: what stands between two parties met one after the other
_SEQUELS = ([",", "then", "with"], ["and", "then", "with"], [",", "and", "then", "with"], [",", "later", "with"],
            ["and", "later", "with"], [",", "and", "later", "with"], [",", "then"], ["and", "then"], [",", "followed", "by"])
_SUBJECT_BLOCKERS = {";", ":", "said", "says", "told", "—", "–", "(", ")", "“", "”", '"'}
_AUXILIARIES = frozenset({"will", "would", "to", "can", "could", "may", "might", "shall", "should", "did", "does",
                          "do", "must", "and", "also", "not", "n't", "jointly"})


#: words between a subject and its verb ("will also join", "is due to join")
_BEFORE_VERB = frozenset({"will", "would", "shall", "should", "also", "to", "later", "then", "is", "was", "are",
                          "were", "has", "have", "had", "due", "set", "expected", "plans", "planned", "soon"})


class FrameReading:
    """The frame-reading part of :class:`~kg.extract.statements.EventBuilder`: who is the subject and
    the object of a trigger, and who else a sentence puts at the meeting (speakers, sides, joiners)."""

    def _sequel(self, obj: list[int], groups: list[list[int]], b: int) -> list[int]:
        """The group met next: "met with the IMF, then with President Trump"."""
        end = self.mentions[obj[-1]].end
        for g in groups:
            first = self.mentions[g[0]]
            if first.start <= end:
                continue
            gap = [t.lower for t in self.toks[end:first.start]]
            if gap in _SEQUELS:
                return g
            return []
        return []

    def _noun_reading(self, trig: Match) -> bool:
        if trig.start == 0:
            return False
        prev = self.toks[trig.start - 1]
        if self.toks[trig.start].lower in ("host", "hosts") and prev.lower not in _AUXILIARIES \
                and not any(m.end == trig.start for m in self.mentions):
            return True  # "chatshow host Robert Kilroy-Silk": a person, not a verb
        return prev.lower in ("a", "an", "the", "his", "her", "their", "its", "this", "that", "first",
                              "official", "state", "working", "planned", "'s", "’s", "recent", "last",
                              "next", "upcoming", "day", "week") or prev.text.endswith("-day")

    def _subject(self, trig: Match, groups: list[list[int]], effects: dict[int, str], a: int) -> list[int] | None:
        """The nearest group before the trigger in its clause; a group of bare country or capital
        names gives way to a person further left ("Kabariti left Amman for Ramallah to hold talks")."""
        relative = self._relative_clause_subject(trig, groups, effects, a)
        if relative is not None:
            return relative
        fallback = None
        modifier: list[int] | None = None
        pos_noun = self.rules[trig.value].spec.get("pos") == "noun"
        if pos_noun and trig.start >= 2 and self.toks[trig.start - 1].lower in ("the", "this", "that") \
                and self.toks[trig.start - 2].lower in _EVENT_PREPOSITIONS:
            return None  # "welcomed X to the gathering", "spoke after the talks": a known event, no subject
        after: int | None = None  # where the subject's gap resumes after a parenthetical side list
        for g in reversed(groups):
            m_last = self.mentions[g[-1]]
            if m_last.end > trig.start:
                continue
            first_start = self.mentions[g[0]].start
            if after is None and all(effects.get(k) == "side" for k in g) and first_start >= 3 \
                    and self.toks[first_start - 3].text == "," and m_last.end < trig.start \
                    and self.toks[m_last.end].text == ",":
                after = m_last.end + 1  # "India, along with China and Brazil, has been invited to ..."
                continue
            if after is not None and self.toks[m_last.end].text != ",":
                after = None
            gap = self.toks[after if after is not None else m_last.end:trig.start]
            if [t.lower for t in gap[:3]] == [",", "respectively", ","]:
                gap = gap[3:]  # "A, B and C, respectively, gathered"
            words = [t.lower for t in gap]
            if len(words) >= 3 and words[0] in ("said", "says") and words[1] in ("after", "before", "while") \
                    and words[2].endswith("ing") and len(words) <= 5:
                gap = gap[3:]  # "Rubio said after wrapping up meetings with ...": the speaker was in them
            if len(gap) > 16 or any(t.text in _SUBJECT_BLOCKERS for t in gap):
                return modifier or fallback
            # "Trump's special envoy, Steve Witkoff, spoke with ...": a name set off by commas
            appositive = bool(gap) and gap[0].text == "," and sum(t.text == "," for t in gap) == 1 \
                and any(self.mentions[k].start > 0 and self.toks[self.mentions[k].start - 1].text == "," for k in g)
            if any(t.text == "," for t in gap) and not appositive and not (
                    gap and gap[0].text == "," and len(gap) > 1
                    and (gap[1].lower in ("who", "which") or gap[1].lower.endswith("ing"))):
                # "Straw, speaking at a joint news conference with Li, ...": a participle clause
                return modifier or fallback
            members = [k for k in g if effects.get(k) not in ("place", "topic", "reporter", "not-participant")]
            if not members:
                if all(effects.get(k) == "place" for k in g):
                    continue  # "In Beijing, Blinken met ..." — look further left
                return modifier or fallback
            first = self.mentions[g[0]]
            before = first.start - 1
            while before > 0 and self.toks[before].lower in ("the", "a", "an"):
                before -= 1
            if gap and before >= 0 and self.toks[before].lower in _PREPOSITIONS \
                    and not all(effects.get(k) == "side" for k in members):
                continue  # "an agreement Iraq reached with the United Nations to hold talks": not the subject
            if modifier is not None:
                # "Blinken attended the G7 meeting": the attendee and the group both take part
                # ("India has been invited to take part in the G7 meeting": a country that attends, too)
                attends = any(t.lower in self._joining_words for t in gap)
                return members + modifier if attends or any(self.mentions[k].type == PERSON for k in members) \
                    else modifier
            if not gap and pos_noun and all(self.mentions[k].type in (COUNTRY, ORG) for k in members):
                modifier = members  # "G7 meeting", "U.S.-Ukraine talks": look on for an attendee
                continue
            if fallback is None and all(
                    self.mentions[k].type == COUNTRY and self.mentions[k].form in ("name", CAPITAL) for k in members):
                fallback = members
                continue
            return self._joiner(members, groups) + members
        return modifier or fallback

    def _joiner(self, members: list[int], groups: list[list[int]]) -> list[int]:
        """Who joins the subject: "Rubio will join Mike Waltz for the talks" (the group right
        before a joining verb, with only auxiliaries between)."""
        i = self.mentions[members[0]].start - 1
        if i < 1 or self.toks[i].lower not in self._joining_words:
            return []
        j = i - 1
        while j >= 0 and self.toks[j].lower in _BEFORE_VERB:
            j -= 1
        for g in groups:
            if self.mentions[g[-1]].end == j + 1 and self.mentions[g[-1]].type == PERSON:
                return g
        return []

    def _relative_clause_subject(self, trig: Match, groups: list[list[int]], effects: dict[int, str],
                                 a: int) -> list[int] | None:
        """ "Specter, who has questioned whether Perry should resign, met Saudi officials": the
        group before ", who ... ," is the subject, whatever the clause names."""
        i = trig.start - 1
        while i > a and self.toks[i].lower in ("also", "then", "later", "finally", "has", "had", "will", "would"):
            i -= 1
        if i <= a or self.toks[i].text != ",":
            return None
        j = i - 1
        while j > a and self.toks[j].text not in (",", ";", ":"):
            j -= 1
        if j <= a or self.toks[j].text != "," or self.toks[j + 1].lower not in ("who", "which", "whose"):
            return None
        for g in groups:
            if self.mentions[g[-1]].end == j:
                members = [k for k in g if effects.get(k) not in ("place", "topic", "reporter", "not-participant")]
                return members or None
        return None

    def _judging_speaker(self, trig: Match, groups: list[list[int]]) -> str | None:
        """ "Australia said it was one of the best meetings", "the US said the meeting was much more
        efficient": who judges a meeting pointed back at from the inside sat in it."""
        i = trig.start - 1
        while i >= 0 and self.toks[i].lower in ("the", "that", "this"):
            i -= 1
        if i < 1 or self.toks[i].lower != "said":
            return None
        for g in groups:
            last = self.mentions[g[-1]]
            if last.end == i and len(g) == 1 and last.actor and last.role not in NON_PARTY_ROLES:
                return last.actor
        return None

    def _fronted_speaker(self, trig: Match, groups: list[list[int]], b: int) -> list[int]:
        """The person group right after the comma that closes a fronted "Speaking to ..." phrase."""
        for g in groups:
            first = self.mentions[g[0]]
            if first.start <= trig.end:
                continue
            if self.toks[first.start - 1].text == "," and all(
                    self.mentions[k].type == PERSON or (self.mentions[k].form == PRONOUN and self.mentions[k].actor)
                    for k in g):
                return g
            if any(t.text == "," for t in self.toks[trig.end:first.start]):
                return []
        return []

    def _clause_subject_after(self, obj: list[int], groups: list[list[int]], effects: dict[int, str]
                              ) -> list[int] | None:
        """The group right after the comma that closes a fronted phrase ending in ``obj``."""
        end = self.mentions[obj[-1]].end
        for g in groups:
            first = self.mentions[g[0]]
            if first.start <= end:
                continue
            gap = self.toks[end:first.start]
            if gap and gap[0].text == "," and len(gap) <= 2 and all(t.text == "," or t.lower == "the" for t in gap):
                # the speaker of "..., Mr Abbas said" took part in the talks the phrase names
                members = [k for k in g if effects.get(k) not in ("place", "topic", "not-participant")]
                return members or None
            return None
        return None

    def _sentence_subject(self, trig: Match, groups: list[list[int]], effects: dict[int, str], a: int,
                          reporting: bool = False) -> list[int] | None:
        """The first group of the sentence; with ``reporting``, also one that reports ("Pakistan said
        that discussions with the IMF are progressing": Pakistan is in them)."""
        skip = ("place", "topic", "not-participant") if reporting else ("place", "topic", "reporter", "not-participant")
        for g in groups:
            first = self.mentions[g[0]]
            if first.start >= trig.start:
                return None
            if first.start - a > 8:
                return None
            if first.start in self.quoted and trig.start not in self.quoted:
                continue  # "“Whether they agree or not, they should talk,” Rubio said after meetings with ..."
            members = [k for k in g if effects.get(k) not in skip]
            if members:
                return members
        return None

    def _object(self, trig: Match, groups: list[list[int]], effects: dict[int, str], b: int
                ) -> tuple[list[int] | None, list[list[int]]]:
        places: list[list[int]] = []
        pos = trig.end
        for g in groups:
            first = self.mentions[g[0]]
            if first.start < trig.end:
                continue
            gap = self.toks[pos:first.start]
            if gap and gap[-1].is_title and gap[-1].text.isalpha() and gap[-1].lower not in COMMON_WORDS \
                    and (len(gap) == 1 or self._gap_word(gap[-2])):
                gap = gap[:-1]  # "to meet Islamist Prime Minister Necmettin Erbakan": an epithet before the title
            if first.title:
                # "met rebel leader Aslan Maskhadov", "met northern opposition militia leader General
                # Dostum": lower-case words that describe the office before the title
                n = 0
                while n < min(len(gap), 3) and gap[-1 - n].text.isalpha() and gap[-1 - n].text.islower() \
                        and gap[-1 - n].lower not in COMMON_WORDS and not self._gap_word(gap[-1 - n]):
                    n += 1
                if n and len(gap) > n and gap[-1 - n].lower == "to":
                    n = 0  # "arrives in Tripoli to represent President Ben Ali": a verb, not a description
                gap = gap[:len(gap) - n]
            linked = bool(gap) and gap[-1].lower == "with" and all(t.text.isalpha() and t.text.islower() for t in gap)
            if len(gap) > 6 or (not linked and any(not self._gap_word(t) for t in gap)):
                return None, places
            if all(effects.get(k) == "place" for k in g):
                places.append(g)
                pos = self.mentions[g[-1]].end
                continue
            members = [k for k in g if effects.get(k) not in ("topic", "reporter", "not-participant")]
            return (members or None), places
        return None, places

    def _inside_name(self, trig: Match) -> bool:
        """ "the Tour Championships", "the Summit Series": a capitalised trigger inside a name."""
        a = self.an.sentences[self.sent_of[trig.start]][0]
        first = self.toks[trig.start]
        after = self.toks[trig.end] if trig.end < len(self.toks) else None
        return trig.start > a and first.is_title and after is not None and after.is_title \
            and self.rules[trig.value].spec["kind"] == "visit"

    def _included(self, trig: Match, groups: list[list[int]], b: int) -> list[int] | None:
        for g in groups:
            first = self.mentions[g[0]]
            if first.start <= trig.end or first.start - trig.end > 10:
                continue
            before = self.toks[first.start - 1].lower
            if before in ("including", "notably") or (before == "as" and self.toks[first.start - 2].lower == "such"):
                return [k for k in g if self.mentions[k].type == COUNTRY] or None
            return None
        return None

    def _gap_word(self, t: Token) -> bool:
        if t.lower in _OBJECT_GAP or t.lower in ("in", "at"):
            return True
        return t.text in dates_mod.WEEKDAYS_TITLE or t.lower in ("yesterday", "today", "tomorrow")

    def _is_modifier(self, m: ActorMention, trig: Match) -> bool:
        return m.end == trig.start or (m.end + 1 == trig.start and self.toks[m.end].text in ("-", "–"))

    def _speaker_before(self, verb: int, groups: list[list[int]]) -> str | None:
        """The person whose name ends right before ``verb``, or before an apposition set off by
        commas ("Catherine Russell, UNICEF's executive director, told")."""
        for k in reversed([k for g in groups for k in g]):
            m = self.mentions[k]
            if m.end > verb:
                continue
            gap = self.toks[m.end:verb]
            if len(gap) > 8:
                return None
            if m.type == PERSON and m.actor and (not gap or (
                    gap[0].text == "," and gap[-1].text == "," and sum(t.text == "," for t in gap) == 2)):
                return m.actor
        return None

    def _people_of(self, s: int) -> list[str]:
        """The people a sentence names, in order (none when it names more than two)."""
        people = list(dict.fromkeys(self.mentions[k].actor for k in self.by_sentence.get(s, ())
                                    if self.mentions[k].type == PERSON and self.mentions[k].actor))
        return people if len(people) <= 2 else []

    def _sides_before(self, s: int, trig: Match) -> list[tuple[str, str]]:
        """The sides "their talks" belong to when no meeting came before: those the sentence or
        the one before named as sides ("Top diplomats from the Group of Seven urged ... the
        diplomats said from the site of their talks")."""
        if self.sides is None or s - self.sides[0] > 1 or self.toks[trig.start - 1].lower != "their":
            return []
        return [(a, "participant") for a in self.sides[1]]

    def _possessed_thing(self, obj: list[int]) -> bool:
        """The group ends in a possessive before a noun that names no people ("Olaf Scholz's
        proposal"; not "Olaf Scholz's delegation")."""
        end = self.mentions[obj[-1]].end
        if end + 1 >= len(self.toks) or self.toks[end].lower not in ("'s", "’s"):
            return False
        return self.toks[end + 1].lower not in self._people_nouns

"""Which issues a meeting addressed: its own sentences, the agenda sentences after it, the
sentences that go on about its participants, and the headline of the article it leads."""
from __future__ import annotations

from .candidates import Candidate, SentenceParts
from .mentions import COUNTRY, PLURAL

#: how far after a meeting's sentence its issues are looked for (beyond the next sentence, only in
#: sentences that name its participants)
ISSUE_REACH = 3
#: the meeting first reported this early (headline, dateline, lead) is the one the headline is about
LEAD_SENTENCES = 3
#: sentences after a meeting whose agenda cue ("discussed", "focused on") needs no participant named
AGENDA_REACH = 2


class IssueReading:
    """The issue-finding part of :class:`~kg.extract.statements.EventBuilder`."""

    def _following_issues(self, per: dict[int, SentenceParts], candidates: list[Candidate]) -> None:
        """Issues of the sentences that go on about a meeting: the next one, and up to
        ``ISSUE_REACH`` sentences on those that name its participants or "the two leaders"."""
        # a sentence that reports a meeting, or points back at one ("the meeting was productive"),
        # has issues of that meeting
        reported = {c.sentence: {a for a, _ in c.participants} for c in candidates}
        refused = {x.sentence for x in self.suppressed if x.reason.startswith("status.")}
        for c in candidates:
            if self._background(c):
                continue  # "He had earlier visited Japan.": an aside; the next sentences go back to the story
            if c.fronted and any(d.sentence == c.sentence and not d.fronted for d in candidates):
                continue  # "Before visiting Israel, Mr Blair visited Iraq.": what follows is about Iraq
            actors = {a for a, _ in c.participants}
            for s2 in range(c.sentence + 1, c.sentence + ISSUE_REACH + 1):
                if (s2 in reported and reported[s2] != actors) or s2 in refused:
                    break  # the next sentence reports (or refuses) a meeting of its own: its issues are that one's
                if s2 not in per or not per[s2].issues or not self._in_content(s2):
                    continue
                if s2 > c.sentence + 1:
                    ks = self.by_sentence.get(s2, ())
                    if not (actors & self._named_sides(ks) or any(self.mentions[k].form == PLURAL for k in ks)):
                        continue
                added = [i for i in self._issues(per[s2], set()) if i not in c.issues]
                if added:
                    c.issues.extend(added)
                    c.evidence.append(self._sentence_evidence(s2, "issue.following-sentence"))

    def _named_sides(self, ks: tuple[int, ...] | list[int]) -> set[str]:
        """The actors these mentions name, and the countries of the people among them: after
        "Washington and Pyongyang ... talks", a sentence about Trump goes on about one side."""
        out = {self.mentions[k].actor for k in ks}
        return out | {self.mentions[k].country for k in ks if self.mentions[k].country}

    def _background(self, c: Candidate) -> bool:
        """A meeting told in the past perfect ("had earlier visited", "had met") is background."""
        i = c.trigger.start - 1
        while i >= 0 and self.toks[i].lower in ("earlier", "previously", "already", "also", "once", "twice"):
            i -= 1
        return i >= 0 and self.toks[i].lower == "had" and self.rules[c.trigger.value].spec.get("pos") == "verb"

    def _headline_issues(self, per: dict[int, SentenceParts], candidates: list[Candidate]) -> None:
        """The headline names the topic of the meeting the lead reports ("Ukraine peace, global
        security top G7 agenda as diplomats convene")."""
        if 0 not in per or not candidates or not per[0].issues or not self._in_content(0) or not self._headline_line():
            return  # (a first sentence that is no headline has its own meetings)
        lead = min(candidates, key=lambda c: c.sentence)
        if lead.sentence > LEAD_SENTENCES:
            return
        added = [i for i in self._issues(per[0], set()) if i not in lead.issues]
        if added:
            lead.issues.extend(added)
            lead.evidence.append(self._sentence_evidence(0, "headline"))

    def _issues(self, parts: SentenceParts, used: set[int]) -> list[str]:
        """Issue labels of a sentence, except words inside names ("Security Council",
        "Kurdistan Democratic Party", "national security adviser") and inside participants."""
        spans = [(self.mentions[k].start, self.mentions[k].end) for k in used]
        offices = self.res.naming.get("office_nouns", ())
        out = []
        for m in parts.issues:
            if self._in_name(m.start) or any(a <= m.start < b for a, b in spans):
                continue
            if self._before_office(m.end, offices):
                continue  # "the Kremlin security chief", "opposition militia leader": a title, not a topic
            if m.value not in out:
                out.append(m.value)
        return out

    def _before_office(self, i: int, offices: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
        """One of the next two words, with no punctuation before it, is an office noun."""
        for t in self.toks[i:i + 2]:
            if not t.text.isalpha():
                return False
            if t.lower in offices:
                return True
        return False

    def _in_name(self, i: int) -> bool:
        s = self.sent_of[i]
        return any(self.mentions[k].start <= i < self.mentions[k].end and self.mentions[k].form != PLURAL
                   and self.mentions[k].type != COUNTRY  # "talks on Taiwan": a territory can be the issue
                   for k in self.by_sentence.get(s, ()))

    def _agenda(self, s: int, parts: SentenceParts, effects: dict[int, str], candidates: list[Candidate]) -> None:
        """Issues of a sentence that reports the agenda of the last meeting ("They discussed trade")."""
        if not candidates or not parts.issues or not self._in_content(s):
            return
        cues = [c.value for c in parts.contexts if self.rules[c.value].spec.get("effect") == "agenda"]
        last = candidates[-1]
        near = s - last.sentence
        if near > 3:
            return
        actors = {a for a, _ in last.participants}
        named = {self.mentions[k].actor for k in self.by_sentence.get(s, ())}
        plural = any(self.mentions[k].form == PLURAL for k in self.by_sentence.get(s, ()))
        refers = bool(actors & named) or plural
        if not cues or not (refers or near <= AGENDA_REACH):
            return
        for issue in self._issues(parts, set()):
            if issue not in last.issues:
                last.issues.append(issue)
        last.evidence.append(self._sentence_evidence(s, cues[0]))
        self.hits.add(cues[0])

    # ---- merging ----

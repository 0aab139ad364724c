"""Which issues a meeting addressed: its own sentences, the agenda sentences after it, the
sentences that go on about its participants, and the headline of the article it leads."""
from __future__ import annotations

from ..model import Suppressed
from .candidates import Candidate, with_issues
from .mentions import COUNTRY, PLURAL
from .view import ArticleView, SentenceParts

#: how far after a meeting's sentence its issues are looked for (beyond the next sentence, only in
#: sentences that name its participants)
ISSUE_REACH = 3
#: the meeting first reported this early (headline, dateline, lead) is the one the headline is about
LEAD_SENTENCES = 3
#: sentences after a meeting whose agenda cue ("discussed", "focused on") needs no participant named
AGENDA_REACH = 2
FOLLOWING = "issue.following-sentence"
HEADLINE = "issue.headline"


def sentence_issues(view: ArticleView, s: int, spans: list[tuple[int, int]] | tuple[()] = (),
                    window: tuple[int, int] | None = None) -> list[str]:
    """Issue ids of a sentence (or of a token window of it), except words inside names
    ("Security Council", "Kurdistan Democratic Party", "national security adviser") and inside
    the given participants' spans."""
    parts = view.parts.get(s)
    if parts is None:
        return []
    offices = view.res.naming.get("office_nouns", ())
    things = frozenset(view.res.naming.get("modifier_nouns", ()))
    out: list[str] = []
    for m in parts.issues:
        if window and not window[0] <= m.start < window[1]:
            continue
        if _in_name(view, m.start) or any(a <= m.start < b for a, b in spans):
            continue
        if _before_office(view, m.end, offices):
            continue  # "the Kremlin security chief", "opposition militia leader": a title, not a topic
        if m.end < len(view.toks) and view.toks[m.end].lower in things:
            continue  # "security arrangements for the visit", "an election year": a describing word
        if _capitalised_inside(view, s, m.start, m.end):
            continue  # "at Labour's spring conference": a name, not the topic
        if m.value not in out:
            out.append(m.value)
    return out


def _capitalised_inside(view: ArticleView, s: int, a: int, b: int) -> bool:
    """Words capitalised inside a sentence written in lower case (not a headline's title case)
    name something: "Labour" the party, "the Trade Ministry"."""
    first, end = view.sentences[s]
    if a == first or not all(t.is_title for t in view.toks[a:b]):
        return False
    lower = [t.text for t in view.toks[first:end] if t.text.isalpha() and t.text.islower()]
    return len(lower) >= 3 and any(len(w) > 3 for w in lower)


def _before_office(view: ArticleView, i: int, offices: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
    """One of the next two words, with no punctuation before it, is an office noun."""
    for t in view.toks[i:i + 2]:
        if not t.text.isalpha():
            return False
        if t.lower in offices:
            return True
    return False


def _in_name(view: ArticleView, i: int) -> bool:
    k = view.mention_at.get(i)
    if k is None:
        return False
    m = view.mentions[k]
    return m.form != PLURAL and m.type != COUNTRY  # "talks on Taiwan": a territory can be the issue


def agenda_sentence(view: ArticleView, s: int, candidates: list[Candidate]) -> list[Candidate]:
    """The issues of a sentence that reports the agenda of the last meeting ("They discussed
    trade") added to it."""
    parts = view.parts.get(s, SentenceParts())
    if not candidates or not parts.issues or not view.in_content(s):
        return candidates
    cues = [c.value for c in parts.contexts if view.rules[c.value].spec.get("effect") == "agenda"]
    last = candidates[-1]
    near = s - last.sentence
    if near > 3 or not cues:
        return candidates
    named = {view.mentions[k].actor for k in view.by_sentence.get(s, ())}
    plural = any(view.mentions[k].form == PLURAL for k in view.by_sentence.get(s, ()))
    if not (last.actors & named or plural or near <= AGENDA_REACH):
        return candidates
    grown = with_issues(last, sentence_issues(view, s), view.sentence_evidence(s, cues[0]), cues[0],
                        view.issue_rule)
    return [*candidates[:-1], grown]


def following_issues(view: ArticleView, candidates: list[Candidate], suppressed: list[Suppressed]) -> list[Candidate]:
    """Issues of the sentences that go on about a meeting: the next one, and up to
    ``ISSUE_REACH`` sentences on those that name its participants or "the two leaders"."""
    # a sentence that reports a meeting, or points back at one ("the meeting was productive"),
    # has issues of that meeting
    reported = {c.sentence: c.actors for c in candidates}
    refused = {x.sentence for x in suppressed if x.reason.startswith("status.")}
    out = []
    for c in candidates:
        if c.background or (c.fronted and any(d.sentence == c.sentence and not d.fronted for d in candidates)):
            out.append(c)  # an aside; the next sentences go back to the story
            continue
        for s2 in range(c.sentence + 1, c.sentence + ISSUE_REACH + 1):
            if (s2 in reported and reported[s2] != c.actors) or s2 in refused:
                break  # the next sentence reports (or refuses) a meeting of its own: its issues are that one's
            parts = view.parts.get(s2)
            if parts is None or not parts.issues or not view.in_content(s2):
                continue
            if s2 > c.sentence + 1:
                ks = view.by_sentence.get(s2, ())
                if not (c.actors & _named_sides(view, ks) or any(view.mentions[k].form == PLURAL for k in ks)):
                    continue
            c = with_issues(c, sentence_issues(view, s2), view.sentence_evidence(s2, FOLLOWING), FOLLOWING,
                            view.issue_rule)
        out.append(c)
    return out


def _named_sides(view: ArticleView, ks: tuple[int, ...]) -> set[str]:
    """The actors these mentions name, and the countries of the people among them: after
    "Washington and Pyongyang ... talks", a sentence about Trump goes on about one side."""
    out = {view.mentions[k].actor for k in ks if view.mentions[k].actor}
    return out | {view.mentions[k].country for k in ks if view.mentions[k].country}


def headline_issues(view: ArticleView, candidates: list[Candidate]) -> list[Candidate]:
    """The headline names the topic of the meeting the lead reports ("Ukraine peace, global
    security top G7 agenda as diplomats convene")."""
    parts = view.parts.get(0)
    if parts is None or not candidates or not parts.issues or not view.in_content(0) or not view.headline_line():
        return candidates  # (a first sentence that is no headline has its own meetings)
    lead = min(range(len(candidates)), key=lambda k: candidates[k].sentence)
    if candidates[lead].sentence > LEAD_SENTENCES:
        return candidates
    out = list(candidates)
    out[lead] = with_issues(out[lead], sentence_issues(view, 0), view.sentence_evidence(0, HEADLINE), HEADLINE,
                            view.issue_rule)
    return out

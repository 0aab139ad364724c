"""Actor mentions: gazetteer names, title patterns, side groups, surnames and pronouns.

The matchers give raw spans; this module turns them into actor mentions with a referent:
"U.S. Secretary of State Antony Blinken" is one Person mention with country and title,
"Chinese officials" a Country mention (the Chinese side), "Beijing" a capital that the
statement builder may read as a place or as the government, "the secretary" and "he"
unresolved mentions that :mod:`kg.extract.coref` resolves.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace

from spacy.lang.en.stop_words import STOP_WORDS as COMMON_WORDS

from ..model import Actor
from ..nlp import ACTOR, RULE, TITLE, Analysis, Match, Token
from ..resources import Person, Resources

PERSON, COUNTRY, ORG = "Person", "Country", "Organization"
# mention forms that coref must resolve
TITLE_ONLY, PRONOUN, PLURAL, COUNTERPART, CAPITAL = "title", "pronoun", "plural", "counterpart", "capital"
_PRIORITY = {"person": 0, "org": 1, "country": 2, "seat": 3, "capital": 4, "demonym": 5}
#: prefixes joined by a hyphen that open words, not names ("Ex-chatshow host")
_PREFIXES = {"ex", "pro", "anti", "non", "co", "vice", "former", "post", "pre", "neo", "semi", "self", "mid"}
#: words before a capitalised name that make it a place ("in Lake Geneva"), not a person
_PLACE_WORDS = {"in", "at", "near", "of", "from", "to", "outside", "across", "into", "via", "toward", "towards"}
_STOP_NAME_WORDS = {
    "The", "A", "An", "In", "On", "At", "And", "But", "For", "With", "Of", "To", "By", "As", "He", "She",
    "It", "They", "We", "I", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
    "Oct", "Nov", "Dec", "Reuters", "AP", "AFP", "Xinhua", "Tass", "Interfax",
}


@dataclass(slots=True)
class ActorMention:
    """A span naming an actor (resolved or still to resolve). Token offsets; mutable while
    extraction of one article runs, then turned into frozen records."""

    start: int
    end: int
    sentence: int
    form: str  # name | title | pronoun | plural | counterpart | capital | seat | group | surname
    actor: str | None = None
    type: str | None = None  # Person | Country | Organization
    country: str | None = None
    role: str | None = None  # role id from roles.jsonl
    title: str | None = None  # title as written
    gender: str | None = None
    name: str | None = None  # a name as written (for new people)
    rule: str = "gazetteer"
    head: int = -1  # token index of the last word of the name or noun
    initial: bool = False  # opens its sentence (a pronoun there continues the last subject)
    possessive: bool = False  # "his", "her"


@dataclass(slots=True)
class ArticleActors:
    mentions: list[ActorMention] = field(default_factory=list)
    new_actors: dict[str, Actor] = field(default_factory=dict)


def _after_fronted_phrase(i: int, toks: tuple[Token, ...], sentences: tuple[tuple[int, int], ...],
                          sent_of: list[int], openers: set[str]) -> bool:
    """Token ``i`` follows the comma that closes a fronted phrase ("At a conference hosted by
    Gordon Brown, he said"): the main clause's subject, like a sentence-initial one."""
    if i < 2 or toks[i - 1].text != "," or sent_of[i] < 0:
        return False
    a = sentences[sent_of[i]][0]
    return toks[a].lower in openers and all(t.text != "," for t in toks[a:i - 1])


def sentence_index(sentences: tuple[tuple[int, int], ...]) -> list[int]:
    """Token index → sentence number (-1 between sentences)."""
    n = sentences[-1][1] if sentences else 0
    table = [-1] * n
    for k, (a, b) in enumerate(sentences):
        for i in range(a, b):
            table[i] = k
    return table


def slug(text: str) -> str:
    value = unicodedata.normalize("NFKD", text)
    value = "".join(c for c in value if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-") or "actor"


def find_actor_mentions(an: Analysis, text: str, res: Resources, sent_of: list[int],
                        article_date: str | None) -> ArticleActors:
    """Actor mentions of one article, in text order, with gazetteer and pattern referents."""
    toks = an.tokens
    starts: dict[int, list[Match]] = defaultdict(list)
    groups: dict[int, tuple[int, str]] = {}  # token index -> (end, rule id) of a side-group noun
    for m in an.matches:
        if m.end <= len(sent_of) and sent_of[m.start] != sent_of[m.end - 1]:
            continue  # "on the platform X. Antony Blinken met ...": no name runs across sentences
        if m.prefix in (ACTOR, TITLE):
            starts[m.start].append(m)
        elif m.prefix == RULE and m.kind == "group":
            groups[m.start] = max(groups.get(m.start, (0, "")), (m.end, m.value))
    for ms in starts.values():
        ms.sort(key=lambda m: (-(m.end - m.start), m.prefix != TITLE, _PRIORITY.get(m.kind, 9)))
    naming = res.naming
    honorifics = set(naming.get("honorifics", ()))
    particles = set(naming.get("particles", ()))
    pronouns = naming.get("pronouns", {})
    counterparts = set(naming.get("counterpart_nouns", ()))
    institution = set(naming.get("institution_words", ()))
    openers = set(naming.get("fronted_openers", ()))
    headline = [_title_case(toks[a:b]) for a, b in an.sentences]
    # plural anaphors by their first two words ("the two ..."), longest first: "the" is too common
    # a word to try them all after
    plurals: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for phrase in naming.get("plural_anaphors", ()):
        words = tuple(phrase.lower().split())
        plurals[words[:2]].append(words)
    for phrases in plurals.values():
        phrases.sort(key=len, reverse=True)
    plural_firsts = {words[0] for words in plurals}
    out = ArticleActors()
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        ms = starts.get(i)
        if not ms and tok.lower in plural_firsts:
            pair = plurals.get((tok.lower, toks[i + 1].lower), []) if i + 1 < n else []
            for words in (*pair, *plurals.get((tok.lower,), ())):
                if tuple(t.lower for t in toks[i:i + len(words)]) == words:
                    out.mentions.append(ActorMention(i, i + len(words), sent_of[i], PLURAL,
                                                     rule="coref.plural", head=i + len(words) - 1))
                    i += len(words)
                    break
            else:
                i += 1
            continue
        if not ms:
            if tok.lower in counterparts and i + 1 < n and _name_after(i + 1, toks, starts, particles, sent_of):
                # "his counterpart Park Jin": the noun introduces a name
                mention, i = _titled(i, i + 1, None, None, tok.text, toks, starts, res, particles,
                                     sent_of, out, article_date, rule="pattern.counterpart-name")
                if mention:
                    out.mentions.append(mention)
                continue
            if tok.is_title and tok.text not in _STOP_NAME_WORDS and tok.text not in honorifics \
                    and tok.lower not in COMMON_WORDS \
                    and not headline[sent_of[i]] \
                    and not (i and toks[i - 1].lower in _PLACE_WORDS):
                end = _name_after(i, toks, starts, particles, sent_of)
                if end - i >= 2 and any(m.prefix == TITLE for m in starts.get(end, ())):
                    i = end  # "International Development Secretary Hilary Benn": the words name the office
                    continue
                if end - i >= 2 and not any(t.text in institution for t in toks[i:end]):
                    # "... his Canadian counterpart, Gordon Smith": a full name no lexicon knows
                    mention, i = _titled(i, i, None, None, "", toks, starts, res, particles, sent_of, out,
                                         article_date, rule="pattern.capitalised-name")
                    if mention:
                        mention.title = None
                        out.mentions.append(mention)
                    continue
            if tok.text in honorifics and i + 1 < n and toks[i + 1].is_title:
                mention, i = _titled(i, i + 1, None, None, tok.text, toks, starts, res, particles,
                                     sent_of, out, article_date, rule="pattern.honorific-name")
                if mention:
                    out.mentions.append(mention)
                continue
            gender = pronouns.get(tok.lower) if tok.text.islower() or i == 0 or tok.is_title else None
            if gender and tok.lower in ("he", "she", "him", "her", "his"):
                out.mentions.append(ActorMention(i, i + 1, sent_of[i], PRONOUN, gender=gender,
                                                 rule="coref.pronoun", head=i,
                                                 initial=i == 0 or sent_of[i - 1] != sent_of[i]
                                                 or _after_fronted_phrase(i, toks, an.sentences, sent_of, openers),
                                                 possessive=tok.lower in ("his", "her")))
            i += 1
            continue
        best = ms[0]
        # a country, demonym or organisation in front of a title: "Chinese President Xi"
        if best.prefix == ACTOR and best.kind in ("country", "demonym", "org", "seat"):
            j = best.end
            if j < n and toks[j].text in ("'s", "’s") and best.kind != "demonym":
                j += 1
            title = _title_at(starts.get(j))
            for skip in (1, 2):  # "an Australian cabinet minister", "the Chinese senior envoy"
                if title is None and j + skip < n and all(
                        t.text.isalpha() and t.text.islower() and t.lower not in COMMON_WORDS for t in toks[j:j + skip]):
                    title = _title_at(starts.get(j + skip))
            if title is not None and title.start in groups and not _name_after(title.end, toks, starts, particles, sent_of):
                title = None  # "Chinese officials said": a side, not a person
            if title is not None:
                country = best.value if best.kind != "org" else None
                start = i - 1 if i > 0 and toks[i - 1].lower == "the" else i
                mention, i = _titled(start, title.end, country, title.value,
                                     _span_text(text, toks, title.start, title.end), toks, starts, res,
                                     particles, sent_of, out, article_date,
                                     org=best.value if best.kind == "org" else None)
                if mention:
                    out.mentions.append(mention)
                continue
            if best.kind == "demonym":
                g, group_rule = _group_after(j, toks, groups)
                if g:
                    out.mentions.append(ActorMention(i, g, sent_of[i], "group", best.value, COUNTRY,
                                                     best.value, rule=group_rule, head=g - 1))
                    i = g
                    continue
                if j < n and toks[j].lower in naming.get("counterpart_nouns", ()) and \
                        not _name_after(j + 1, toks, starts, particles, sent_of):
                    out.mentions.append(ActorMention(i, j + 1, sent_of[i], COUNTERPART, None, None,
                                                     best.value, rule="pattern.counterpart", head=j))
                    i = j + 1
                    continue
                k = j
                while k < n and k - j < 3 and toks[k].text.isalpha() and toks[k].text.islower() \
                        and toks[k].lower not in COMMON_WORDS:
                    k += 1
                if k > j and _name_after(k, toks, starts, particles, sent_of) - k >= 2:
                    # "Russian peacemaker Alexander Lebed": a role noun no lexicon knows
                    mention, i = _titled(i, k, best.value, None, _span_text(text, toks, j, k), toks, starts,
                                         res, particles, sent_of, out, article_date,
                                         rule="pattern.demonym-noun-name")
                    if mention:
                        out.mentions.append(mention)
                    continue
                coordinated = _coordinated_group(j, toks, starts, groups)
                if coordinated:
                    # "Palestinian and Israeli leaders": the first demonym shares the second's noun
                    out.mentions.append(ActorMention(i, best.end, sent_of[i], "group", best.value, COUNTRY,
                                                     best.value, rule=coordinated, head=best.end - 1))
                i = best.end
                continue
        if best.prefix == TITLE:
            mention, i = _titled(i, best.end, _institution_country(i, toks, out.mentions, institution),
                                 best.value, _span_text(text, toks, i, best.end), toks,
                                 starts, res, particles, sent_of, out, article_date)
            if mention:
                out.mentions.append(mention)
            continue
        out.mentions.append(_gazetteer_mention(best, res, sent_of))
        i = best.end
    _add_surnames(out, toks, res, sent_of, article_date, starts)
    out.mentions.sort(key=lambda m: m.start)
    return out


def _institution_country(i: int, toks: tuple[Token, ...], mentions: list[ActorMention],
                         institution: set[str]) -> str | None:
    """The country in front of an institution's name before a title: "U.S. Senate Intelligence
    Committee chairman Arlen Specter"."""
    k = i - 1
    while k >= 0 and i - k <= 4 and toks[k].is_title and not any(m.start <= k < m.end for m in mentions[-1:]):
        k -= 1
    if k == i - 1 or not any(t.text in institution for t in toks[k + 1:i]) or not mentions:
        return None
    last = mentions[-1]
    return last.actor if last.end == k + 1 and last.type == COUNTRY and last.form == "name" else None


def _title_case(toks: tuple[Token, ...]) -> bool:
    """A headline in title case ("Japan's PM to Visit India"), where capitals do not mark names."""
    if not toks or toks[-1].text in (".", "!", "?", '"', "”", ":"):
        return False
    words = [t for t in toks if t.text.isalpha() and len(t.text) > 3]
    return len(words) >= 2 and sum(t.is_title for t in words) >= 0.6 * len(words)


def _span_text(text: str, toks: tuple[Token, ...], a: int, b: int) -> str:
    return text[toks[a].idx:toks[b - 1].end]


def _title_at(ms: list[Match] | None) -> Match | None:
    if not ms:
        return None
    for m in ms:
        if m.prefix == TITLE:
            return m
    return None


def _group_after(j: int, toks: tuple[Token, ...], groups: dict[int, tuple[int, str]]) -> tuple[int, str]:
    """End and rule of a side-group noun right after a demonym ("Chinese [senior] officials")."""
    for k in (j, j + 1):
        if k in groups and (k == j or toks[j].text.islower()):
            return groups[k]
    return 0, ""


def _coordinated_group(j: int, toks: tuple[Token, ...], starts: dict[int, list[Match]],
                       groups: dict[int, tuple[int, str]]) -> str:
    """The group rule of "and Israeli leaders" after a demonym at ``j`` ("" when there is none)."""
    if j + 1 >= len(toks) or toks[j].lower not in ("and", ",", "&"):
        return ""
    nxt = next((m for m in starts.get(j + 1, ()) if m.prefix == ACTOR and m.kind == "demonym"), None)
    if nxt is None:
        return ""
    end, rule = _group_after(nxt.end, toks, groups)
    if not end and toks[j].text == ",":
        return _coordinated_group(nxt.end, toks, starts, groups)  # "Greek, Cypriot and French counterparts"
    return rule if end else ""


def _gazetteer_mention(m: Match, res: Resources, sent_of: list[int]) -> ActorMention:
    s = sent_of[m.start]
    if m.kind == "person":
        p = res.people[m.value]
        return ActorMention(m.start, m.end, s, "name", p.id, PERSON, p.country, gender=p.gender,
                            head=m.end - 1)
    if m.kind == "org":
        return ActorMention(m.start, m.end, s, "name", m.value, ORG, head=m.end - 1)
    if m.kind == "country":
        return ActorMention(m.start, m.end, s, "name", m.value, COUNTRY, m.value, head=m.end - 1)
    if m.kind == "capital":
        return ActorMention(m.start, m.end, s, CAPITAL, m.value, COUNTRY, m.value, head=m.end - 1)
    if m.kind == "seat":
        return ActorMention(m.start, m.end, s, "seat", m.value, COUNTRY, m.value, head=m.end - 1)
    # a bare demonym is an adjective, kept for the country it names
    return ActorMention(m.start, m.end, s, "demonym", None, None, m.value, head=m.end - 1)


def _name_after(j: int, toks: tuple[Token, ...], starts: dict[int, list[Match]],
                particles: set[str], sent_of: list[int]) -> int:
    """End of a capitalised personal name starting at token j (0 when there is none), inside
    its sentence."""
    n = min(len(toks), len(sent_of))
    k = j
    while k < n and k - j < 8 and sent_of[k] == sent_of[j]:
        t = toks[k]
        if t.is_title and t.text not in _STOP_NAME_WORDS and t.text.replace("-", "").replace("'", "").replace(".", "").isalpha():
            if k > j and starts.get(k) and any((m.prefix == ACTOR and m.kind != "person") or m.prefix == TITLE
                                               for m in starts[k]):
                break  # "Green MEP Caroline Lucas": the title starts the name
            if k == j and starts.get(k) and any(m.prefix == ACTOR and m.kind in ("country", "org", "capital", "demonym")
                                                for m in starts[k]):
                return 0
            k += 1
        elif k > j and t.text in ("-", "'") and k + 1 < n and not toks[k - 1].space and not t.space:
            nxt = toks[k + 1]
            if nxt.text.isalpha() and nxt.text.islower() and len(nxt.text) <= 5 and toks[k - 1].is_title \
                    and toks[k - 1].lower not in _PREFIXES:
                k += 2  # "Moon Jae-in", "Ban Ki-moon": a lower-case syllable joined by a hyphen
            else:
                k += 1
        elif k > j and t.lower in particles and k + 2 < n and (
                toks[k + 1].is_title or (toks[k + 1].text in ("-", "'") and not t.space and toks[k + 2].is_title)):
            k += 1
        else:
            break
    while k > j and (toks[k - 1].text in ("-", "'") or toks[k - 1].lower in particles):
        k -= 1
    return k if k > j else 0


def _titled(start: int, title_end: int, country: str | None, role: str | None, title: str,
            toks: tuple[Token, ...], starts: dict[int, list[Match]], res: Resources,
            particles: set[str], sent_of: list[int], out: ArticleActors, article_date: str | None,
            org: str | None = None, rule: str = "pattern.title-name") -> tuple[ActorMention | None, int]:
    """A title, with what follows it: a known person, a new name, a surname, or nothing."""
    j = title_end
    s = sent_of[start]
    if j + 1 < len(toks) and toks[j].text in res.naming.get("honorifics", ()) and toks[j + 1].is_title:
        j += 1  # "Minister of Defence Prince Sultan": the honorific is no part of the name
    second = max((m.end for m in starts.get(j, ()) if m.prefix == TITLE), default=j)
    if second > j and second < len(toks) and toks[second].is_title:
        j = second  # "militia leader General Abdul Rashid Dostum": a rank after the office
    ms = starts.get(j)
    person = next((m for m in ms if m.prefix == ACTOR and m.kind == "person"), None) if ms else None
    if person is not None:
        p = res.people[person.value]
        return ActorMention(start, person.end, s, "name", p.id, PERSON, country or p.country, role, title,
                            p.gender, rule="gazetteer", head=person.end - 1), person.end
    end = _name_after(j, toks, starts, particles, sent_of)
    if end:
        name = "".join(t.text + (" " if t.space else "") for t in toks[j:end]).strip()
        if end - j == 1 or (end - j == 2 and toks[j].text.endswith(".")):
            # a surname after a title ("President Xi", "Mr. Kabariti"): coref resolves it
            return ActorMention(start, end, s, "surname", None, PERSON, country, role, title,
                                name=name, rule=rule, head=end - 1), end
        actor_id = slug(name)
        if actor_id not in res.people:
            out.new_actors.setdefault(actor_id, Actor(actor_id, name, PERSON, country or None,
                                                      role=title, in_gazetteer=False))
        return ActorMention(start, end, s, "name", actor_id, PERSON, country, role, title, name=name,
                            rule=rule, head=end - 1), end
    if role is None:
        return None, title_end
    return ActorMention(start, title_end, s, TITLE_ONLY, None, PERSON, country, role, title,
                        rule="coref.title", head=title_end - 1), title_end


def _add_surnames(out: ArticleActors, toks: tuple[Token, ...], res: Resources, sent_of: list[int],
                  article_date: str | None, starts: dict[int, list[Match]]) -> None:
    """Bare surnames: of people named in full in the article ("Blinken" after "Antony
    Blinken"), else of the one gazetteer person with that surname in office on the date."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for m in out.mentions:
        if m.type == PERSON and m.actor and m.form == "name":
            name = res.people[m.actor].name if m.actor in res.people else out.new_actors[m.actor].label
            names = [name, *(res.people[m.actor].aliases if m.actor in res.people else ())]
            for n in names:
                for s in res.surnames(n, m.country):
                    surnames[s].add(m.actor)
    covered = set()
    for m in out.mentions:
        covered.update(range(m.start, m.end))
    index = res.surname_index
    for tok in toks:
        if tok.i in covered or not tok.is_title:
            continue
        ids = surnames.get(tok.text)
        rule = "coref.surname"
        if not ids and tok.text in index and tok.lower not in COMMON_WORDS:
            ids = {pid for pid in index[tok.text] if _in_office(res.people[pid], article_date)}
            rule = "gazetteer.surname"
        if ids and len(ids) == 1:
            actor = next(iter(ids))
            person = res.people.get(actor)
            gender = person.gender if person else None
            country = person.country if person else out.new_actors[actor].country
            out.mentions.append(ActorMention(tok.i, tok.i + 1, sent_of[tok.i], "surname", actor, PERSON,
                                             country, gender=gender, rule=rule, head=tok.i))


def _in_office(person: Person, date: str | None) -> bool:
    return any(r.covers(date) for r in person.roles)


def with_actor(m: ActorMention, actor: str, **changes: object) -> ActorMention:
    return replace(m, actor=actor, **changes)

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from spacy.lang.en.stop_words import STOP_WORDS as COMMON_WORDS

from ..model import Actor
from ..nlp import ACTOR, RULE, TITLE, Analysis, Match, Token
from ..resources import Person, Resources

PERSON, COUNTRY, ORG = "Person", "Country", "Organization"
# mention forms that coref must resolve
TITLE_ONLY, PRONOUN, PLURAL, COUNTERPART, CAPITAL = "title", "pronoun", "plural", "counterpart", "capital"
#: the rule of a demonym before a meeting noun ("French talks"): the country is a side
DEMONYM_SIDE = "pattern.demonym-side"
#: the rule of "the Afghan capital": the country's capital
DEMONYM_CAPITAL = "pattern.demonym-capital"
_PRIORITY = {"person": 0, "org": 1, "country": 2, "seat": 3, "capital": 4, "demonym": 5}


@dataclass(frozen=True, slots=True)
class NameWords:
    """The naming word lists of ``ontology/actors/naming.json`` the name patterns read."""

    particles: frozenset[str]  # lower-case name parts inside personal names ("bin", "van")
    not_names: frozenset[str]  # capitalised words that open no name ("The", "Monday", "Reuters")
    prefixes: frozenset[str]  # hyphened prefixes that open words, not names ("Ex-chatshow host")
    place_words: frozenset[str]  # words before a capitalised name that make it a place ("in Lake Geneva")

    @classmethod
    def of(cls, naming: dict) -> NameWords:
        return cls(*(frozenset(naming.get(k, ())) for k in ("particles", "not_name_words", "word_prefixes",
                                                             "place_prepositions")))


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span naming an actor (resolved or still to resolve), in token offsets. Coreference
    returns new records with the referent filled in."""

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


@dataclass(frozen=True, slots=True)
class ArticleActors:
    """The actor mentions of one article in text order, and the actors no lexicon knows."""

    mentions: tuple[ActorMention, ...] = ()
    new_actors: Mapping[str, Actor] = field(default_factory=dict)


@dataclass(slots=True)
class _Found:
    """What the mention scan has found so far (private to :func:`find_actor_mentions`)."""

    mentions: list[ActorMention] = field(default_factory=list)
    new_actors: dict[str, Actor] = field(default_factory=dict)


def fronted_phrase_end(toks: tuple[Token, ...], a: int, b: int, openers: Iterable[str]) -> int | None:
    """The comma that closes the fronted phrase the sentence of tokens ``a:b`` opens with ("At a
    conference hosted by Gordon Brown, he said", "After meeting Vucic, Kornblum flew"), if any."""
    if toks[a].lower not in openers:
        return None
    return next((i for i in range(a, b) if toks[i].text == ","), None)


def _after_fronted_phrase(i: int, toks: tuple[Token, ...], sentences: tuple[tuple[int, int], ...],
                          sent_of: list[int], openers: set[str]) -> bool:
    """Token ``i`` follows the comma that closes a fronted phrase: the main clause's subject, like a
    sentence-initial one."""
    if i < 2 or toks[i - 1].text != "," or sent_of[i] < 0:
        return False
    return fronted_phrase_end(toks, *sentences[sent_of[i]], openers) == i - 1


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
    name_words = NameWords.of(naming)
    pronouns = naming.get("pronouns", {})
    counterparts = set(naming.get("counterpart_nouns", ()))
    institution = set(naming.get("institution_words", ()))
    fronted_openers = set(naming.get("fronted_openers", ()))
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
    plural_openers = [tuple(o.lower().split()) for o in naming.get("plural_openers", ())]
    plural_heads = frozenset(naming.get("plural_heads", ()))
    meeting_nouns = meeting_noun_words(res)
    out = _Found()
    n = len(toks)
    orgs = OrganisationNames(res)
    i = 0
    while i < n:
        tok = toks[i]
        ms = starts.get(i)
        found = orgs.at(i, toks, starts, sent_of, headline) if tok.text[:1].isupper() else None
        if found is not None and (not ms or found.end > max(m.end for m in ms)):
            out.mentions.append(orgs.mention(found, toks, sent_of, out))
            i = found.end
            continue
        if not ms and tok.lower in plural_firsts:
            end = _plural_phrase(i, toks, plural_openers, plural_heads)
            if end:
                # "the two party leaders", "both rival factions"
                out.mentions.append(ActorMention(i, end, sent_of[i], PLURAL, rule="coref.plural", head=end - 1))
                i = end
                continue
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
            if tok.lower in counterparts and i + 1 < n and _name_after(i + 1, toks, starts, name_words, sent_of):
                # "his counterpart Park Jin": the noun introduces a name
                mention, i = _titled(i, i + 1, None, None, tok.text, toks, starts, res, name_words,
                                     sent_of, out, article_date, rule="pattern.counterpart-name")
                if mention:
                    out.mentions.append(mention)
                continue
            if tok.is_title and tok.text not in name_words.not_names and tok.text not in honorifics \
                    and tok.lower not in COMMON_WORDS \
                    and not headline[sent_of[i]] \
                    and not (i and toks[i - 1].lower in name_words.place_words):
                end = _name_after(i, toks, starts, name_words, sent_of)
                given = next((k for k in range(i + 1, end - 1) if toks[k].text in res.given_names
                              and toks[k - 1].text not in res.given_names), None)
                if given is not None:
                    i = given  # "Near Eastern Affairs Robert Pelletreau": the name starts at the given name
                    continue
                if end - i >= 2 and any(m.prefix == TITLE for m in starts.get(end, ())):
                    i = end  # "International Development Secretary Hilary Benn": the words name the office
                    continue
                if end - i >= 2 and not any(t.text in institution for t in toks[i:end]):
                    # "... his Canadian counterpart, Gordon Smith": a full name no lexicon knows
                    mention, i = _titled(i, i, None, None, "", toks, starts, res, name_words, sent_of, out,
                                         article_date, rule="pattern.capitalised-name")
                    if mention:
                        out.mentions.append(replace(mention, title=None))
                    continue
            if tok.text in honorifics and i + 1 < n and toks[i + 1].is_title:
                mention, i = _titled(i, i + 1, None, None, tok.text, toks, starts, res, name_words,
                                     sent_of, out, article_date, rule="pattern.honorific-name")
                if mention:
                    out.mentions.append(mention)
                continue
            gender = pronouns.get(tok.lower) if tok.text.islower() or i == 0 or tok.is_title else None
            if gender and tok.lower in ("he", "she", "him", "her", "his"):
                out.mentions.append(ActorMention(i, i + 1, sent_of[i], PRONOUN, gender=gender,
                                                 rule="coref.pronoun", head=i,
                                                 initial=i == 0 or sent_of[i - 1] != sent_of[i]
                                                 or _after_fronted_phrase(i, toks, an.sentences, sent_of, fronted_openers),
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
            if title is not None and title.start in groups and not _name_after(title.end, toks, starts, name_words, sent_of):
                title = None  # "Chinese officials said": a side, not a person
            if title is not None:
                country = best.value if best.kind != "org" else None
                start = i - 1 if i > 0 and toks[i - 1].lower == "the" else i
                mention, i = _titled(start, title.end, country, title.value,
                                     _span_text(text, toks, title.start, title.end), toks, starts, res,
                                     name_words, sent_of, out, article_date,
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
                        not _name_after(j + 1, toks, starts, name_words, sent_of):
                    out.mentions.append(ActorMention(i, j + 1, sent_of[i], COUNTERPART, None, None,
                                                     best.value, rule="pattern.counterpart", head=j))
                    i = j + 1
                    continue
                k = j
                while k < n and k - j < 3 and toks[k].text.isalpha() and toks[k].text.islower() \
                        and toks[k].lower not in COMMON_WORDS:
                    k += 1
                if k > j and _name_after(k, toks, starts, name_words, sent_of) - k >= 2:
                    # "Russian peacemaker Alexander Lebed": a role noun no lexicon knows
                    mention, i = _titled(i, k, best.value, None, _span_text(text, toks, j, k), toks, starts,
                                         res, name_words, sent_of, out, article_date,
                                         rule="pattern.demonym-noun-name")
                    if mention:
                        out.mentions.append(mention)
                    continue
                if j < n and toks[j].lower == "capital" and sent_of[j] == sent_of[i]:
                    # "the Afghan capital": the country's capital, a place or its government
                    out.mentions.append(ActorMention(i, j + 1, sent_of[i], CAPITAL, best.value, COUNTRY,
                                                     best.value, rule=DEMONYM_CAPITAL, head=j))
                    i = j + 1
                    continue
                if _meeting_noun_after(j, toks, starts, meeting_nouns):
                    # "French talks with Hamas", "Israeli-Palestinian negotiations": the country is a side
                    out.mentions.append(ActorMention(i, best.end, sent_of[i], "group", best.value, COUNTRY,
                                                     best.value, rule=DEMONYM_SIDE, head=best.end - 1))
                    i = best.end
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
                                 starts, res, name_words, sent_of, out, article_date)
            if mention:
                out.mentions.append(mention)
            continue
        out.mentions.append(_gazetteer_mention(best, res, sent_of))
        i = best.end
    _add_surnames(out, toks, res, sent_of, article_date, starts)
    out.mentions.sort(key=lambda m: m.start)
    orgs.add_short_forms(out, toks, sent_of, starts)
    orgs.add_definite_references(out, toks, sent_of)
    _add_collectives(out, toks, res, sent_of, starts)
    out.mentions.sort(key=lambda m: m.start)
    return ArticleActors(tuple(out.mentions), out.new_actors)


def _plural_phrase(i: int, toks: tuple[Token, ...], openers: list[tuple[str, ...]], heads: frozenset[str]) -> int:
    """End of "the two [party] leaders": an opener, up to two lower-case words, a plural head."""
    for opener in sorted(openers, key=len, reverse=True):
        j = i + len(opener)
        if tuple(t.lower for t in toks[i:j]) != opener:
            continue
        for k in range(j, min(j + 3, len(toks))):
            t = toks[k]
            if t.lower in heads and k > j:
                return k + 1
            if not (t.text.isalpha() and t.text.islower()):
                break
    return 0


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
    """End and rule of a side-group noun right after a demonym, past up to three words that
    describe it ("Chinese [senior] officials", "Russian deputy foreign ministers")."""
    for k in range(j, j + 4):
        if k in groups:
            return groups[k]
        if k >= len(toks) or not (toks[k].text.isalpha() and toks[k].text.islower()):
            break
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


def meeting_noun_words(res: Resources) -> frozenset[str]:
    """The nouns of the trigger rules ("talks", "summit", "contacts" of "contacts with")."""
    return frozenset(p.lower().split()[0] for r in res.rules_of("trigger") if r.spec.get("pos") == "noun"
                     for p in r.spec.get("phrases", ()) if len(p.split()) == 1 or p.lower().split()[1] in ("with", "between"))


def _meeting_noun_after(j: int, toks: tuple[Token, ...], starts: dict[int, list[Match]],
                        nouns: frozenset[str]) -> bool:
    """A meeting noun follows the demonym ending before ``j``, straight or after "-" and another
    demonym ("Israeli-Palestinian talks")."""
    while j + 1 < len(toks) and toks[j].text in ("-", "–") and any(
            m.prefix == ACTOR and m.kind == "demonym" for m in starts.get(j + 1, ())):
        j = max(m.end for m in starts[j + 1] if m.prefix == ACTOR and m.kind == "demonym")
    return j < len(toks) and toks[j].lower in nouns and toks[j].text.islower()


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
                words: NameWords, sent_of: list[int]) -> int:
    """End of a capitalised personal name starting at token j (0 when there is none), inside
    its sentence."""
    n = min(len(toks), len(sent_of))
    k = j
    while k < n and k - j < 8 and sent_of[k] == sent_of[j]:
        t = toks[k]
        if t.text.isupper() and len(t.text) >= 3 and t.text.isalpha():
            break  # "Suffolk Coastal UKIP members": an acronym names a body, not a person
        if t.is_title and t.text not in words.not_names and t.text.replace("-", "").replace("'", "").replace(".", "").isalpha():
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
                    and toks[k - 1].lower not in words.prefixes:
                k += 2  # "Moon Jae-in", "Ban Ki-moon": a lower-case syllable joined by a hyphen
            else:
                k += 1
        elif k > j and t.lower in words.particles and k + 2 < n and (
                toks[k + 1].is_title or (toks[k + 1].text in ("-", "'") and not t.space and toks[k + 2].is_title)):
            k += 1
        else:
            break
    while k > j and (toks[k - 1].text in ("-", "'") or toks[k - 1].lower in words.particles):
        k -= 1
    return k if k > j else 0


def _titled(start: int, title_end: int, country: str | None, role: str | None, title: str,
            toks: tuple[Token, ...], starts: dict[int, list[Match]], res: Resources,
            words: NameWords, sent_of: list[int], out: _Found, article_date: str | None,
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
    end = _name_after(j, toks, starts, words, sent_of)
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


def _add_surnames(out: _Found, toks: tuple[Token, ...], res: Resources, sent_of: list[int],
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
    # "the Arafat-Netanyahu meeting": two surnames joined by a hyphen are two people, not one
    for m in list(out.mentions):
        if m.rule == "pattern.capitalised-name" and m.end - m.start == 3 and toks[m.start + 1].text == "-" \
                and toks[m.start].text in surnames and toks[m.start + 2].text in surnames \
                and m.actor not in surnames[toks[m.start].text] | surnames[toks[m.start + 2].text]:
            out.mentions.remove(m)
            out.new_actors.pop(m.actor or "", None)
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
        elif ids and rule == "coref.surname":
            # two people of the article share it: coreference decides between them
            out.mentions.append(ActorMention(tok.i, tok.i + 1, sent_of[tok.i], "surname", None, PERSON,
                                             name=tok.text, rule=rule, head=tok.i))


def _in_office(person: Person, date: str | None) -> bool:
    return any(r.covers(date) for r in person.roles)


def with_actor(m: ActorMention, actor: str, **changes: object) -> ActorMention:
    return replace(m, actor=actor, **changes)


@dataclass(frozen=True, slots=True)
class _OrgName:
    start: int
    end: int
    country: str | None  # the country or demonym it opens with
    body: bool  # a body of that country's state ("Israeli Foreign Ministry")


class OrganisationNames:
    """Organisations no lexicon knows, by the word their name ends in (the ``name.organisation``
    rule): "Moro National Liberation Front", "Bank of Israel", "Barrick Gold Corp"; their short
    forms in brackets ("(MNLF)"), and "the council" for the last council named."""

    RULE = "name.organisation"

    def __init__(self, res: Resources) -> None:
        rule = next((r for r in res.rules if r.id == self.RULE), None)
        spec = rule.spec if rule else {}
        self.res = res
        self.not_names = NameWords.of(res.naming).not_names
        self.heads = frozenset(spec.get("heads", ()))
        self.connectors = frozenset(spec.get("connectors", ()))
        self.bodies = frozenset(spec.get("country_bodies", ()))
        self.people = frozenset(p.lower() for r in res.rules if r.type == "group" for p in r.spec.get("phrases", ())
                                if " " not in p) | frozenset(res.naming.get("office_nouns", ()))
        self.offices = frozenset(res.naming.get("office_nouns", ())) | frozenset(
            w.lower() for w in spec.get("office_words", ()))

    def at(self, i: int, toks: tuple[Token, ...], starts: dict[int, list[Match]], sent_of: list[int],
           headline: list[bool]) -> _OrgName | None:
        if not self.heads or i >= len(sent_of) or sent_of[i] < 0 or headline[sent_of[i]]:
            return None
        if toks[i].text in self.not_names or (toks[i].lower in self.people and (i == 0 or sent_of[i - 1] != sent_of[i])):
            return None  # "Leaders of African Union member states met": a sentence's capital, not a name
        n = min(len(toks), len(sent_of))
        j, last_head = i, -1
        while j < n and sent_of[j] == sent_of[i] and j - i < 10:
            t = toks[j]
            word = t.text
            if word[:1].isupper() and (word.replace(".", "").replace("&", "").isalnum()):
                if word in self.heads:
                    last_head = j
                j += 1
            elif j > i and t.lower in self.connectors and j + 1 < n and toks[j + 1].text[:1].isupper() \
                    and toks[j + 1].text not in self.not_names \
                    and not (t.lower in ("and", "&") and (toks[j - 1].text in self.heads or any(
                        m.prefix == ACTOR for m in starts.get(j + 1, ())))):  # "X Ltd and Y Corp", "NATO and EU": two
                j += 1
            elif j > i and word == "-" and not t.space and not toks[j - 1].space and j + 1 < n \
                    and toks[j + 1].text[:1].isupper():
                j += 1  # "Bre-X Minerals"
            else:
                break
        if last_head < 0:
            return None
        end = last_head + 1
        if end < j and toks[end].lower in self.connectors:
            end = j  # "Party of Democratic Action", "Bank of Israel"
            while end > last_head + 1 and (toks[end - 1].lower in self.connectors or toks[end - 1].text == "-"):
                end -= 1
        if end - i < 2:
            return None
        if any(m.prefix == ACTOR and m.kind == "person" and m.end <= end for k in range(i, end) for m in starts.get(k, ())):
            return None  # a known person's name inside: "Minister Ana Vidal's Party"
        if end < n and (any(m.prefix == TITLE for m in starts.get(end, ())) or toks[end].lower in self.offices):
            return None  # "Senate Intelligence Committee chairman Arlen Specter": whose office, not a party
        country = next((m.value for m in starts.get(i, ()) if m.prefix == ACTOR
                        and m.kind in ("country", "demonym")), None)
        return _OrgName(i, end, country, country is not None and toks[last_head].text in self.bodies)

    def mention(self, found: _OrgName, toks: tuple[Token, ...], sent_of: list[int], out: _Found) -> ActorMention:
        s = sent_of[found.start]
        if found.body:
            # "the Israeli Foreign Ministry said": a body of the state speaks for the country
            return ActorMention(found.start, found.end, s, "group", found.country, COUNTRY, found.country,
                                rule=self.RULE, head=found.end - 1)
        name = "".join(t.text + (" " if t.space else "") for t in toks[found.start:found.end]).strip()
        known = self.res.org_by_name.get(name.lower())
        actor = known or slug(name)
        if known is None:
            out.new_actors.setdefault(actor, Actor(actor, name, ORG, None, in_gazetteer=False))
        return ActorMention(found.start, found.end, s, "name", actor, ORG, None, rule=self.RULE, head=found.end - 1)

    def add_short_forms(self, out: _Found, toks: tuple[Token, ...], sent_of: list[int],
                        starts: dict[int, list[Match]]) -> None:
        """ "Moro National Liberation Front (MNLF)": the bracketed initials name it wherever they
        stand alone in the article."""
        short: dict[str, ActorMention] = {}
        for m in out.mentions:
            if m.type == ORG and m.actor and m.end + 2 < len(toks) and toks[m.end].text == "(" \
                    and toks[m.end + 2].text == ")" and toks[m.end + 1].text.isupper() and len(toks[m.end + 1].text) >= 2:
                short.setdefault(toks[m.end + 1].text, m)
        if not short:
            return
        covered = {i for m in out.mentions for i in range(m.start, m.end)}
        for t in toks:
            m = short.get(t.text)
            nxt = t.i + 1
            if nxt < len(toks) and (any(x.prefix == TITLE for x in starts.get(nxt, ())) or toks[nxt].lower in self.offices):
                continue  # "LSE chief executive Clara Furse": whose office, not a party
            if m is not None and t.i not in covered and t.i < len(sent_of) and sent_of[t.i] >= 0:
                out.mentions.append(ActorMention(t.i, t.i + 1, sent_of[t.i], "name", m.actor, ORG, m.country,
                                                 rule="coref.short-form", head=t.i))

    def add_definite_references(self, out: _Found, toks: tuple[Token, ...], sent_of: list[int]) -> None:
        """ "The council was meeting in Ramallah": "the" and the word an organisation named
        before ends in refers to the last such organisation."""
        covered = {i for m in out.mentions for i in range(m.start, m.end)}
        last: dict[str, ActorMention] = {}
        added = []
        by_start = sorted(out.mentions, key=lambda m: m.start)
        k = 0
        for t in toks:
            while k < len(by_start) and by_start[k].end <= t.i:
                m = by_start[k]
                if m.type == ORG and m.rule == self.RULE and m.form == "name":
                    last[toks[m.end - 1].lower] = m
                k += 1
            if t.lower != "the" or t.i + 1 >= len(toks) or t.i + 1 in covered or t.i + 1 >= len(sent_of):
                continue
            nxt = toks[t.i + 1]
            m = last.get(nxt.lower)
            if m is not None and nxt.text.islower() and sent_of[t.i + 1] >= 0:
                added.append(ActorMention(t.i, t.i + 2, sent_of[t.i + 1], "name", m.actor, ORG, m.country,
                                          rule="coref.definite-organisation", head=t.i + 1))
        out.mentions.extend(added)


def _add_collectives(out: _Found, toks: tuple[Token, ...], res: Resources, sent_of: list[int],
                     starts: dict[int, list[Match]]) -> None:
    """Unnamed groups that take part as themselves (the ``name.collective`` rule): "five public
    sector unions", "Chechen separatists", "striking farmers", "the cabinet", named by the noun
    and the words that describe it; and people of a named body no lexicon knows ("Sky
    executives", "Hamas officials"), who stand for that body."""
    rule = next((r for r in res.rules if r.id == "name.collective"), None)
    if rule is None:
        return
    bodies = frozenset(res.naming.get("body_nouns", ()))
    not_names = NameWords.of(res.naming).not_names
    sides = frozenset(p.lower() for r in res.rules if r.type == "group" for p in r.spec.get("phrases", ()) if " " not in p)
    heads = frozenset(rule.spec.get("heads", ())) | bodies
    unique_bodies = frozenset(res.naming.get("unique_bodies", ()))
    meeting_words = frozenset(p.lower() for r in res.rules_of("trigger") if r.spec.get("pos") == "noun"
                              for p in r.spec.get("phrases", ()) if " " not in p)
    # words of the rules' own phrases ("met", "visited", "will") are no description of a group
    rule_words = frozenset(p.lower() for r in res.rules for p in r.spec.get("phrases", ()) if " " not in p)
    offices = frozenset(res.naming.get("office_nouns", ())) | frozenset(res.naming.get("counterpart_nouns", ()))
    covered = {i for m in out.mentions for i in range(m.start, m.end)}
    for t in toks:
        opening = t.i == 0 or (t.i < len(sent_of) and sent_of[t.i - 1] != sent_of[t.i])
        if t.lower not in heads | sides or not (t.text.islower() or (opening and t.lower in bodies)) \
                or t.i in covered or t.i >= len(sent_of) or sent_of[t.i] < 0:
            continue  # ("Cabinet meeting establishes ...": a body may open a headline)
        if t.i + 1 < len(toks) and toks[t.i + 1].lower in ("of", "from", *offices):
            continue  # "farmers from France": the side says who they are; "union leaders": people
        if t.i > 0 and toks[t.i - 1].lower in offices:
            continue  # "LSE chief executive Clara Furse": an office, not a body
        start = t.i
        while start > 0 and sent_of[start - 1] == sent_of[t.i]:
            prev = toks[start - 1]
            demonym = any(m.prefix == ACTOR and m.kind == "demonym" and m.end == start for m in starts.get(start - 1, ()))
            if (prev.text.isalpha() and prev.text.islower() and prev.lower not in COMMON_WORDS
                    and prev.lower not in rule_words) or demonym \
                    or (prev.text == "-" and not prev.space and start >= 2):
                start -= 1
                continue
            break
        while start < t.i and toks[start].text == "-":
            start += 1
        if start > 0 and toks[start - 1].lower in ("'s", "’s"):
            # "Britain's farmers", "Amicus's executive": whose they are is the party; a body's
            # owner no lexicon knows is an organisation
            owner = _named_owner(start - 1, toks, sent_of, covered, not_names) if t.lower in bodies | sides else None
            if owner is not None and (owner > 0 and sent_of[owner - 1] == sent_of[owner] or start - 1 - owner > 1
                                      or toks[owner].text.isupper()):
                name = "".join(x.text + (" " if x.space else "") for x in toks[owner:start - 1]).strip()
                actor = res.org_by_name.get(name.lower()) or slug(name)
                if actor not in res.organisations:
                    out.new_actors.setdefault(actor, Actor(actor, name, ORG, None, in_gazetteer=False))
                out.mentions.append(ActorMention(owner, start - 1, sent_of[t.i], "name", actor, ORG, None,
                                                 rule="name.organisation", head=start - 2))
                covered.update(range(owner, start - 1))
            continue
        if any(start <= i <= t.i for i in covered):
            continue
        owner = _named_owner(start, toks, sent_of, covered, not_names)
        if owner is not None:
            # "Sky executives", "Hamas officials": the body they belong to takes part
            name = "".join(x.text + (" " if x.space else "") for x in toks[owner:start]).strip()
            actor = res.org_by_name.get(name.lower()) or slug(name)
            if actor not in res.organisations:
                out.new_actors.setdefault(actor, Actor(actor, name, ORG, None, in_gazetteer=False))
            out.mentions.append(ActorMention(owner, t.i + 1, sent_of[t.i], "group", actor, ORG, None,
                                             rule="name.organisation", head=t.i))
            covered.update(range(owner, t.i + 1))
            continue
        if t.lower not in heads:
            continue  # "officials" alone stand for nobody named
        if t.lower in bodies and t.lower not in unique_bodies and not (
                t.i + 1 < len(toks) and toks[t.i + 1].lower in meeting_words):
            continue  # "the committee will meet": a body named before; "a board meeting": the board in session
        label = "".join(x.text + (" " if x.space else "") for x in toks[start:t.i + 1]).strip()
        actor = "group-" + slug(label)
        out.new_actors.setdefault(actor, Actor(actor, label, ORG, None, in_gazetteer=False))
        out.mentions.append(ActorMention(start, t.i + 1, sent_of[t.i], "name", actor, ORG, None,
                                         rule="name.collective", head=t.i))


def _named_owner(start: int, toks: tuple[Token, ...], sent_of: list[int], covered: set[int],
                 not_names: frozenset[str]) -> int | None:
    """Where a capitalised name of up to three words right before ``start`` begins, if it is not
    the opening word of its sentence alone and no other mention holds it ("Sky" in "Sky executives")."""
    i = start
    while i > 0 and start - i < 3 and toks[i - 1].text[:1].isupper() and toks[i - 1].text.replace("-", "").isalnum() \
            and toks[i - 1].text not in not_names and (i - 1) not in covered and sent_of[i - 1] == sent_of[start]:
        i -= 1
    if i == start:
        return None
    opening = i
    while opening > 0 and sent_of[opening - 1] == sent_of[i] and not toks[opening - 1].text.isalnum():
        opening -= 1  # "- Seven ministers will ...": a bullet before the first word
    if (opening == 0 or sent_of[opening - 1] != sent_of[i]) and start - i == 1:
        return None  # "Officials said ..." opens a sentence: a capital, not a name
    return i
